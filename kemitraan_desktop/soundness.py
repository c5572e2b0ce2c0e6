"""Is this file one of our databases, and is it sound? What the office is told when it is
not (what is wrong, that nothing was written, the last good backup and how to restore
it), and the backups that can stand in for it. Nothing here writes to the file looked at."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

from .db_files import APPLICATION_ID, SQLITE_MAGIC, backups_dir, read_only_connection
from .errors import StorageError, os_reason


class DamagedDatabase(StorageError):
    """The file fails SQLite's check: nothing is written to it; restore a backup."""

    exit_code = 1


def is_unreadable(exc: sqlite3.Error) -> bool:
    """SQLite's way of saying the file's structure cannot be read."""
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def damage(db) -> list[str]:
    """What SQLite's quick check finds wrong with the file's structure (empty: sound).
    A file too damaged to be read at all says so too. `db`: a Database or a connection."""
    conn = getattr(db, "conn", db)
    try:
        return [row[0] for row in conn.execute("PRAGMA quick_check(20)") if row[0] != "ok"]
    except sqlite3.DatabaseError as exc:
        if is_unreadable(exc):
            return ["berkas tidak dapat dibaca sama sekali"]
        raise


def unreadable_text(db) -> list[str]:
    """The tables holding text SQLite stored but that is no longer text (a byte changed
    inside a record: the structure passes the quick check, the record cannot be read).
    Reads every text column of every table, so it is for `check` and backups, not for
    every open (1.5 s for 100,000 people and their history)."""
    conn = getattr(db, "conn", db)
    found = []
    listed = conn.execute("SELECT name, sql LIKE 'CREATE VIRTUAL%' FROM sqlite_master WHERE "
                          "type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    virtual = [f"{name}_" for name, is_virtual in listed if is_virtual]
    # the search index's own tables are rebuilt from people (check counts what it misses)
    tables = [name for name, is_virtual in listed
              if not is_virtual and not name.startswith(tuple(virtual) or ("\0",))]
    for table in tables:
        columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')
                   if "BLOB" not in (r[2] or "").upper()]
        if not columns:
            continue
        listed = ", ".join(f'"{c}"' for c in columns)
        try:
            cursor = conn.execute(f'SELECT {listed} FROM "{table}"')
            while cursor.fetchmany(2000):
                pass
        except sqlite3.OperationalError as exc:
            if "decode" not in str(exc).lower():
                raise
            found.append(f"Teks di tabel {table} tidak dapat dibaca (isinya berubah)")
    return found


# The name every backup carries: which database, why it was made and when (a copy loses
# the file time). The exchange's backup adds microseconds: two files received in a second.
BACKUP_NAME = re.compile(r"^(?P<stem>.+)-(?P<reason>harian|mingguan|manual|cadangan|pra-pulih|"
                         r"pra-migrasi|pra-terima)-(?P<stamp>\d{8}-\d{6})(?:-\d{6})?\.db$")
BACKUP_STAMP = re.compile(r"-(\d{8}-\d{6})(?:-\d{6})?\.db$")


def holds_data(path: Path) -> bool:
    """Whether a backup holds any person, program or activity (an unreadable one: no)."""
    try:
        conn = read_only_connection(path)
    except sqlite3.Error:
        return False
    try:
        return any(conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
                   for table in ("people", "programs", "activities"))
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _sound(path: Path) -> bool:
    try:
        conn = read_only_connection(path)
        try:
            return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def last_sound_backup(db_path: Path) -> tuple[Path, dt.datetime] | None:
    """The newest backup of this database (not of another one in the same folder) that
    passes SQLite's quick check and holds data, with when it was made; the newest sound
    one when none holds data (an office that had not typed anything yet)."""
    found = sorted(((m["stamp"], p) for p in backups_dir(db_path).glob("*.db")
                    if (m := BACKUP_NAME.match(p.name)) and m["stem"] == db_path.stem),
                   reverse=True)
    empty = None
    for stamp, path in found:
        if not _sound(path):
            continue
        when = dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S")
        if holds_data(path):
            return path, when
        empty = empty or (path, when)
    return empty


def restore_advice(path: Path) -> str:
    """Where the last good backup is and how to restore it (or that there is none)."""
    good = last_sound_backup(path)
    if good is None:
        return ("Tidak ada cadangan yang baik di folder 'cadangan' di sampingnya; cari "
                "cadangan di flash disk atau komputer lain, lalu pulihkan dari sana.")
    return (f"Cadangan baik terakhir: {good[0]} (disimpan {good[1]:%d-%m-%Y %H.%M}). "
            "Pulihkan di aplikasi (Berkas > Pulihkan dari cadangan) atau dengan perintah: "
            f"kemitraan --db \"{path}\" restore \"{good[0]}\"")


def damaged_message(path: Path, problems: list[str]) -> str:
    """What to tell the office when its database fails its check: that it is damaged,
    that nothing was written, where the last good backup is and how to restore it."""
    return (f"Basis data '{path}' rusak: pemeriksaan keutuhan menemukan {len(problems)} "
            "masalah pada berkasnya. Tidak ada yang ditulis ke berkas ini. "
            + restore_advice(path))


def look_before_merging(path: Path) -> None:
    """A -wal file beside the database holds changes not yet in it, and the first
    connection that may write merges them in (then deletes the -wal). One left from a
    crash is the database's own; one carried over from another file (the database
    replaced by a copy, its old -wal left) overwrites pages with another database's. So
    when there is one, the two are first looked at together read-only, which leaves both
    files as they are: damaged together, nothing is merged and the office is told."""
    wal = Path(f"{path}-wal")
    try:
        if wal.stat().st_size == 0:
            return
    except OSError:
        return
    try:
        conn = read_only_connection(path)
        try:
            problems = damage(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return  # cannot be looked at this way (a read-only folder): opening says why
    if problems:
        raise DamagedDatabase(
            damaged_message(path, problems) + f" Di sampingnya ada berkas '{wal.name}' berisi "
            "perubahan yang belum digabung ke dalamnya; bila berkas itu terbawa dari basis data "
            "lain (misalnya basis data diganti dengan salinan), pindahkan berkas itu ke folder "
            "lain lalu coba lagi. Berkas itu juga tidak diubah.", technical="; ".join(problems))


def _read_header(path: Path) -> tuple[bytes, int]:
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise StorageError(f"Berkas '{path}' tidak dapat dibaca: {os_reason(exc)}. Berkas tidak "
                           "diubah.", technical=repr(exc)) from exc
    app_id = int.from_bytes(header[68:72], "big") if len(header) >= 72 else 0
    return header[:16], app_id


def refuse_foreign(path: Path, *, backup: bool = False) -> None:
    """Refuse, without touching it, any file that is not one of our databases. At the
    database's own place an emptied or zeroed file is damage (power lost while it was
    written): the office is told where its last good backup is."""
    if path.is_dir():
        what = "cadangan" if backup else "basis data"
        raise StorageError(f"'{path}' adalah folder, bukan berkas {what}.")
    magic, app_id = _read_header(path)
    if backup:
        if magic != SQLITE_MAGIC or app_id != APPLICATION_ID:
            kind = ("kosong (0 byte)" if not magic else "bukan berkas SQLite" if magic != SQLITE_MAGIC
                    else "basis data SQLite milik program lain")
            raise StorageError(f"Berkas '{path.name}' {kind}, bukan cadangan Kemitraan; pilih "
                               "berkas cadangan lain. Tidak ada yang diubah.", technical=str(path))
        return
    if not magic.strip(b"\x00"):
        what = "kosong (0 byte)" if not magic else "berisi nol saja di awalnya"
        raise DamagedDatabase(
            f"Berkas basis data '{path}' {what}: isinya hilang (misalnya listrik padam saat "
            "menyimpan). Berkas itu tidak akan dijadikan basis data baru diam-diam, dan tidak "
            f"diubah. {restore_advice(path)}. Bila memang ingin memulai basis data baru di "
            f"berkas ini, jalankan: kemitraan --db \"{path}\" init")
    if magic != SQLITE_MAGIC:
        raise StorageError(
            f"Berkas '{path.name}' bukan basis data Kemitraan (bukan berkas SQLite; mungkin "
            "lembar kerja atau dokumen yang diganti namanya). Berkas tidak diubah. "
            + restore_advice(path), technical=str(path))
    if app_id != APPLICATION_ID:
        raise StorageError(
            f"Berkas '{path.name}' adalah basis data SQLite milik program lain, bukan "
            "basis data Kemitraan. Berkas tidak diubah.",
            technical=f"{path} application_id={app_id:#x}")
