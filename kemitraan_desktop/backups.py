"""Backups: the day's automatic one and its rotation, what a backup holds, restoring it,
and the last good backup to offer when the database is damaged. Copies are made by
store.backup (SQLite's backup API, checked)."""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import hashlib
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from . import store
from .db_files import backups_dir, read_only_connection
from .errors import StorageError
from .migrations import MIGRATION_SET, known_names, migrations
from .soundness import BACKUP_STAMP, damage, holds_data, is_unreadable, refuse_foreign
from .store import db_file, map_storage_errors

DAILY_KEEP, WEEKLY_KEEP = 7, 4




def _automatic(folder: Path, stem: str, reason: str) -> list[Path]:
    """The automatic backups of one kind, newest first (by the stamp in their names);
    nothing else in the folder is ever touched."""
    found = [p for p in folder.glob(f"{glob.escape(stem)}-{reason}-*.db")
             if BACKUP_STAMP.search(p.name) and p.name[len(stem) + len(reason) + 2:][:8].isdigit()]
    return sorted(found, reverse=True)


def _stamp_date(path: Path) -> dt.date | None:
    try:
        return dt.datetime.strptime(BACKUP_STAMP.search(path.name)[1][:8], "%Y%m%d").date()
    except (TypeError, ValueError):
        return None


def daily_backup(db: Database, today: dt.date | None = None) -> Path | None:
    """At the first open of the day: a checked backup into the `cadangan` folder, kept as
    one of the last 7 daily ones, and as a weekly one when the newest weekly is a week
    old (the last 4 kept). Older automatic ones are removed. None when today's exists."""
    source = db_file(db)
    if source is None:
        return None
    today = today or dt.date.today()
    folder, stem = backups_dir(source), source.stem
    daily = _automatic(folder, stem, "harian")
    if any(_stamp_date(p) == today for p in daily):
        return None
    weekly = [d for d in map(_stamp_date, _automatic(folder, stem, "mingguan")) if d and d <= today]
    when = dt.datetime.combine(today, dt.datetime.now().time())
    made = store.backup(db, reason="harian", when=when)
    if not weekly or (today - max(weekly)).days >= 7:
        store.backup(db, reason="mingguan", when=when)  # its own checked copy, never a file copy
    for kind, keep in (("harian", DAILY_KEEP), ("mingguan", WEEKLY_KEEP), ("pra-pulih", 5),
                       ("pra-migrasi", 5), ("pra-terima", 5)):
        for old in _to_remove(_automatic(folder, stem, kind), keep):
            with contextlib.suppress(OSError):
                old.unlink()
    return made


def _to_remove(found: list[Path], keep: int) -> list[Path]:
    """The backups of one kind past the newest `keep`, except the newest one that holds
    data when none of those kept does: a week of backups of an emptied database never
    pushes the last good one out."""
    old = found[keep:]
    if not old or any(holds_data(p) for p in found[:keep]):
        return old
    good = next((p for p in old if holds_data(p)), None)
    return [p for p in old if p != good]


@dataclass
class BackupSummary:
    path: Path
    saved: dt.datetime  # when the backup file was written
    last_change: str | None  # the newest change recorded inside it
    people: int
    programs: int
    activities: int
    certificates: int
    newer: bool  # made by a newer version of the app: cannot be restored here
    office: str = ""  # the office whose letterhead it holds ("DINAS PENDIDIKAN KOTA ...")
    key: str = ""  # a fingerprint of its certificate signing key ("" when none yet)


def inspect_backup(path: str | os.PathLike) -> BackupSummary:
    """What a backup holds, read without changing it; refuses a file that is not one of
    our databases or is damaged."""
    path = Path(path)
    if path.is_dir():
        raise StorageError(f"'{path}' adalah folder; pilih berkas cadangan (.db) di dalamnya.")
    if not path.is_file():
        raise StorageError(f"Berkas cadangan '{path}' tidak ada.")
    refuse_foreign(path, backup=True)
    with map_storage_errors(f"Cadangan '{path.name}' tidak dapat dibaca"):
        try:
            conn = open_source(path)
        except sqlite3.DatabaseError as exc:
            if not is_unreadable(exc):
                raise
            raise StorageError(f"Cadangan '{path.name}' rusak (tidak dapat dibaca); pilih cadangan "
                               "lain. Tidak ada yang diubah.", technical=repr(exc)) from exc
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise StorageError(f"Cadangan '{path.name}' rusak (tidak lolos pemeriksaan "
                                   "keutuhan); pilih cadangan lain. Tidak ada yang diubah.",
                                   technical=result)

            def count(table: str) -> int:
                try:
                    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                except sqlite3.OperationalError:
                    return 0  # a table added by a later version
            names = [r[0] for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET])]
            last = None
            for sql in ("SELECT max(at) FROM history", "SELECT max(updated_at) FROM people"):
                with contextlib.suppress(sqlite3.OperationalError):
                    last = last or conn.execute(sql).fetchone()[0]
            # when it was made: the stamp in its name (copying the file changes its time)
            stamp = BACKUP_STAMP.search(path.name)
            try:
                saved = dt.datetime.strptime(stamp[1], "%Y%m%d-%H%M%S")
            except (TypeError, ValueError):
                saved = dt.datetime.fromtimestamp(path.stat().st_mtime)
            summary = BackupSummary(path, saved, last,
                                    count("people"), count("programs"), count("activities"),
                                    count("certificates"),
                                    any(n not in known_names() for n in names),
                                    *office_identity(conn))
        finally:
            conn.close()
    return summary


def restore(db: Database, path: str | os.PathLike) -> tuple[BackupSummary, Path | None]:
    """Replace the open database's content with a backup's, after backing the current
    content up (returned). The copy goes through SQLite's backup API in one step: a
    failure leaves the current content as it was. An older backup is then migrated."""
    if getattr(db, "read_only_reason", None):  # before anything is written (not a backup)
        raise StorageError(f"Pemulihan tidak dilakukan: {db.read_only_reason}")
    summary = inspect_backup(path)
    if summary.newer:
        raise StorageError(f"Cadangan '{summary.path.name}' dibuat oleh versi Kemitraan Desktop "
                           "yang lebih baru; perbarui aplikasi ini dulu.")
    source = db_file(db)
    if source is not None and summary.path.resolve() == source.resolve():
        raise StorageError("Berkas itu adalah basis data yang sedang dibuka, bukan cadangan.")
    safety = None
    if source is not None:
        # The safety copy is made while a second connection holds the write lock: an import
        # another program is running finishes first and is in it (a copy taken before its
        # commit, restored over after it, lost it: 100,000 people). The copy itself reads.
        with map_storage_errors("Pemulihan belum dapat dimulai"):
            lock = sqlite3.connect(str(source), timeout=30)
            try:
                lock.execute("BEGIN IMMEDIATE")
                safety = _safety_copy(db)
            finally:
                lock.close()  # rolls back: it wrote nothing
    with map_storage_errors(f"Memulihkan dari '{summary.path.name}' gagal"):
        conn = open_source(summary.path)
        try:
            conn.backup(db.conn)
            store.note_commit()
        finally:
            conn.close()
        db.execute("PRAGMA foreign_keys = ON")
        if migrations.pending(db):
            migrations.apply(db)
    return summary, safety


def open_source(path: Path) -> sqlite3.Connection:
    """A backup opened to be read only. One written in WAL mode (a copy of a live database)
    needs its -shm file beside it, which a read-only folder (a CD, a protected share)
    cannot take: without a -wal file to merge, it is then read as an unchanging file."""
    conn = read_only_connection(path)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if "readonly" not in str(exc).lower() and "unable to open" not in str(exc).lower():
            raise
        if Path(f"{path}-wal").exists():
            raise StorageError(
                f"Cadangan '{path.name}' ada di folder hanya-baca ({path.parent}) dan masih "
                f"disertai berkas '{path.name}-wal' yang belum digabung ke dalamnya. Salin "
                "keduanya ke sebuah folder di komputer ini, lalu pulihkan dari sana.",
                technical=repr(exc)) from exc
    return read_only_connection(path, immutable=True)


def _safety_copy(db: Database) -> Path:
    """The current content, backed up before a restore replaces it. A damaged database
    cannot pass the backup's check: its files are copied as they are, for a specialist."""
    if not damage(db):
        return store.backup(db, reason="pra-pulih")
    source = db_file(db)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = backups_dir(source) / f"{source.stem}-rusak-{stamp}.db"
    with map_storage_errors("Salinan basis data yang rusak gagal dibuat"):
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
        wal = Path(f"{source}-wal")
        if wal.exists():
            shutil.copyfile(wal, Path(f"{dest}-wal"))
    return dest


def office_identity(conn: sqlite3.Connection) -> tuple[str, str]:
    """(office name, signing-key fingerprint) as a database holds them."""
    try:
        stored = dict(conn.execute(
            "SELECT key, value FROM settings WHERE key IN ('office.government', 'office.name', "
            "'certificates.private_key')").fetchall())
    except sqlite3.Error:
        return "", ""
    name = ", ".join(v for k in ("office.name", "office.government") if (v := stored.get(k)))
    key = stored.get("certificates.private_key") or ""
    return name, hashlib.sha256(key.encode()).hexdigest()[:16] if key else ""


def other_office(summary: BackupSummary, db: Database) -> str | None:
    """What a restore of `summary` over `db` would replace of this office's identity: its
    letterhead (another office's backup) or its certificate signing key. None when the
    backup is this office's own."""
    office, key = office_identity(db.conn)
    if summary.office and office and summary.office.casefold() != office.casefold():
        return (f"Cadangan ini milik kantor lain: {summary.office} (kantor ini: {office}). "
                "Kop surat, penandatangan dan kunci tanda tangan sertifikat kantor ini akan "
                "ikut diganti dengan milik kantor itu.")
    if key and summary.key != key:
        return ("Kunci tanda tangan sertifikat dalam cadangan ini berbeda dari yang dipakai "
                "sekarang: sertifikat yang diterbitkan dengan kunci sekarang tidak akan dapat "
                "diverifikasi lagi oleh basis data ini.")
    return None
