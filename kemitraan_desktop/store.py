"""Opening the database file: recognise it, set the pragmas, back it up, migrate it, check it."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import glob
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from sqlite_utils import Database

from . import APP_NAME
from .errors import StorageError, os_reason
from .logs import log
from .migrations import MIGRATION_SET, known_names, migrations

# "KMTR": written into the SQLite header so that our files are recognisable.
APPLICATION_ID = 0x4B4D5452
BUSY_TIMEOUT_MS = 5000
_SQLITE_MAGIC = b"SQLite format 3\x00"


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "kemitraan.db"


def resolve_db_path(explicit: str | os.PathLike | None = None) -> Path:
    """`--db FILE` wins, then the KEMITRAAN_DB environment variable, then the data folder."""
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get("KEMITRAAN_DB"):
        return Path(os.environ["KEMITRAAN_DB"]).expanduser()
    return default_db_path()


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "cadangan"


def db_file(db: Database) -> Path | None:
    """The main file of an open database, or None for an in-memory one."""
    for _seq, name, filename in db.conn.execute("PRAGMA database_list"):
        if name == "main":
            return Path(filename) if filename else None
    return None


def _read_header(path: Path) -> tuple[bytes, int]:
    with open(path, "rb") as handle:
        header = handle.read(100)
    app_id = int.from_bytes(header[68:72], "big") if len(header) >= 72 else 0
    return header[:16], app_id


def _refuse_foreign(path: Path) -> None:
    """Refuse, without touching it, any file that is not one of our databases."""
    if path.is_dir():
        raise StorageError(f"'{path}' adalah folder, bukan berkas basis data.")
    magic, app_id = _read_header(path)
    if magic != _SQLITE_MAGIC:
        raise StorageError(
            f"Berkas '{path.name}' bukan basis data Kemitraan (bukan berkas SQLite; "
            "mungkin lembar kerja atau dokumen yang diganti namanya). Berkas tidak diubah.",
            [str(path)],
        )
    if app_id != APPLICATION_ID:
        raise StorageError(
            f"Berkas '{path.name}' adalah basis data SQLite milik program lain, bukan "
            "basis data Kemitraan. Berkas tidak diubah.",
            [str(path), f"application_id={app_id:#x}"],
        )


class KemitraanDatabase(Database):
    """sqlite-utils' Database whose transactions turn SQLite's refusals (disk full,
    read-only, busy, damaged) into StorageError with an Indonesian message, so every
    caller that handles KemitraanError handles them too. The rollback is unchanged."""

    @contextlib.contextmanager
    def atomic(self):
        try:
            if self.conn.in_transaction:  # nested: a savepoint, as sqlite-utils does
                with super().atomic():
                    yield self
                return
            # BEGIN IMMEDIATE takes the write lock first, so a second program waits for it
            # (busy_timeout) instead of failing at its first write after a read.
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                self.rollback()
                raise
            else:
                try:
                    self.conn.execute("COMMIT")
                except BaseException:
                    self.rollback()
                    raise
        except sqlite3.IntegrityError:
            raise  # a broken rule of ours: the caller says which
        except sqlite3.Error as exc:
            log.warning("Transaksi gagal: %r", exc)
            raise StorageError(_explain_sqlite("Perubahan tidak disimpan", exc), [repr(exc)]) from exc


def _connect(path: Path) -> Database:
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise StorageError(f"Basis data '{path}' tidak dapat dibuka: {exc}") from exc
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return KemitraanDatabase(conn, execute_plugins=False)


def require_fts5(db: Database) -> None:
    try:
        db.conn.execute("CREATE VIRTUAL TABLE temp._fts5_probe USING fts5(x)")
        db.conn.execute("DROP TABLE temp._fts5_probe")
    except sqlite3.OperationalError as exc:
        if "fts5" not in str(exc).lower() and "no such module" not in str(exc).lower():
            raise StorageError(_explain_sqlite("Basis data tidak dapat dibuka", exc), [str(exc)]) from exc
        raise StorageError(
            "SQLite di komputer ini tidak mendukung pencarian teks (FTS5). "
            "Pasang ulang aplikasi dari berkas instalasi resmi.", [str(exc)]
        ) from exc


def applied_migrations(db: Database) -> list[str]:
    return [m.name for m in migrations.applied(db)]


def open_db(path: str | os.PathLike | None = None, *, create: bool = True) -> Database:
    """Open (or create) our database file, ready to use.

    Refuses files that are not ours or were written by a newer version, before
    writing anything to them. Pending migrations run after an automatic backup.
    """
    path = resolve_db_path(path)
    exists = path.exists() and path.stat().st_size > 0
    if exists:
        _refuse_foreign(path)
    elif not create:
        raise StorageError(f"Basis data '{path}' tidak ada.")
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"Folder untuk basis data '{path.parent}' tidak dapat dibuat: {exc}") from exc
    with map_storage_errors():
        db = _connect(path)
        try:
            _prepare(db, path, exists)
        except BaseException:
            db.close()
            raise
    return db


def _prepare(db: Database, path: Path, exists: bool) -> None:
    require_fts5(db)
    applied = applied_migrations(db) if exists else []
    unknown = [name for name in applied if name not in known_names()]
    if unknown:
        raise StorageError(
            f"Basis data '{path.name}' dibuat oleh versi Kemitraan Desktop yang lebih baru. "
            "Perbarui aplikasi ini untuk membukanya; berkas tidak diubah.",
            [f"migrasi tak dikenal: {', '.join(unknown)}"],
        )
    if not exists:
        # Set in rollback-journal mode so it lands in the main file's header at once.
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    # 64 MB of page cache keeps the indexes in memory during a large import.
    db.execute("PRAGMA cache_size = -65536")
    pending = migrations.pending(db)
    if pending and applied:
        backup(db, reason="pra-migrasi")
    if pending:
        migrations.apply(db)


def open_memory() -> Database:
    """A migrated in-memory database (tests, dry runs)."""
    db = KemitraanDatabase(sqlite3.connect(":memory:"), execute_plugins=False)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db)
    return db


def backup(db: Database, dest: str | os.PathLike | None = None, *, reason: str = "manual",
           when: dt.datetime | None = None) -> Path:
    """Copy the database with SQLite's backup API (never a file copy of an open database),
    then check the copy's integrity. `dest` may be a file (.db, not yet existing) or a
    folder (a flash disk), which receives a dated file. Returns the backup's path."""
    source = db_file(db)
    stamp = (when or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    stem = source.stem if source else "kemitraan"
    if dest is None:
        if source is None:
            raise StorageError("Basis data di memori tidak dapat dicadangkan ke folder cadangan.")
        dest = backups_dir(source) / f"{stem}-{reason}-{stamp}.db"
    dest = Path(dest)
    if dest.is_dir():
        dest = dest / f"{stem}-cadangan-{stamp}.db"
    elif dest.suffix.lower() != ".db":
        raise StorageError(f"Nama berkas cadangan harus berakhiran .db: '{dest.name}'.")
    if source is not None and dest.resolve() == source.resolve():
        raise StorageError("Cadangan tidak boleh ditulis ke berkas basis data itu sendiri; "
                           "pilih folder atau nama berkas lain.")
    if dest.exists():
        raise StorageError(f"Berkas '{dest}' sudah ada; pilih nama lain agar cadangan lama "
                           "tidak tertimpa.")
    tmp = dest.with_name(dest.name + ".tmp")
    try:
        with map_storage_errors(f"Cadangan ke '{dest}' gagal"):
            dest.parent.mkdir(parents=True, exist_ok=True)
            target = sqlite3.connect(str(tmp))
            try:
                db.conn.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")
                result = target.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                target.close()
            if result != "ok":
                raise StorageError(f"Cadangan '{dest.name}' rusak saat diperiksa: {result}")
            os.replace(tmp, dest)
    finally:
        with contextlib.suppress(OSError):  # nothing to clean where nothing could be written
            tmp.unlink(missing_ok=True)
    return dest


# ---------------------------------------------------------------- where the file lives

NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs",
                       "fuse.gvfsd-fuse", "davfs", "fuse.davfs2", "ncpfs"}
DRIVE_REMOVABLE, DRIVE_REMOTE = 2, 4  # GetDriveTypeW


def _linux_mounts() -> list[tuple[str, str]]:
    """(mount point, file system type) from /proc/mounts."""
    try:
        with open("/proc/mounts", encoding="utf-8") as handle:
            rows = [line.split() for line in handle]
    except OSError:
        return []
    return [(row[1].replace("\\040", " "), row[2]) for row in rows if len(row) >= 3]


def _windows_drive_type(root: str) -> int:
    import ctypes
    return ctypes.windll.kernel32.GetDriveTypeW(root)  # type: ignore[attr-defined]


def storage_kind(path: str | os.PathLike, *, windows: bool | None = None) -> str:
    """'network', 'removable' or 'local' for the folder a database file is in. SQLite's
    WAL needs shared memory that network file systems do not give, and a flash disk can be
    pulled out mid-write."""
    windows = os.name == "nt" if windows is None else windows
    text = str(path)
    if windows:
        if text.startswith(("\\\\", "//")):
            return "network"  # \\server\share\kemitraan.db
        drive = os.path.splitdrive(text)[0]
        if not drive:
            return "local"
        kind = _windows_drive_type(drive + "\\")
        return {DRIVE_REMOTE: "network", DRIVE_REMOVABLE: "removable"}.get(kind, "local")
    resolved = str(Path(path).resolve())
    best, fstype = "", ""
    for mount, kind in _linux_mounts():
        inside = resolved == mount or resolved.startswith(mount.rstrip("/") + "/")
        if inside and len(mount) > len(best):
            best, fstype = mount, kind
    if fstype in NETWORK_FILESYSTEMS or fstype.startswith("fuse.sshfs"):
        return "network"
    if best.startswith(("/media/", "/run/media/")) or (fstype in {"vfat", "exfat"} and best != "/"):
        return "removable"
    return "local"


def storage_warning(path: str | os.PathLike) -> str | None:
    """What to tell the office when the database is not on this PC's own disk."""
    kind = storage_kind(path)
    if kind == "network":
        return (f"Basis data '{path}' ada di folder jaringan. SQLite tidak aman dipakai lewat "
                "jaringan: data bisa rusak bila dua komputer menulis bersamaan atau jaringan "
                "terputus. Pindahkan ke folder data di komputer ini.")
    if kind == "removable":
        return (f"Basis data '{path}' ada di flash disk atau disk lepas-pasang. Bila dicabut saat "
                "aplikasi menulis, data bisa rusak. Pindahkan ke folder data di komputer ini, dan "
                "pakai flash disk untuk cadangan saja.")
    return None


def _local_destination(dest: Path | None) -> Path:
    dest = dest or default_db_path()
    if dest.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        dest = dest.with_name(f"{dest.stem}-dipindah-{stamp}.db")
    return dest


def move_to_local(db: Database, dest: Path | None = None) -> Path:
    """Copy the open database (backup API, checked) into this PC's data folder, never over
    an existing file; returns the new file, to be opened instead."""
    return backup(db, _local_destination(dest))


def copy_to_local(path: str | os.PathLike, dest: Path | None = None) -> Path:
    """The same for a database not opened yet (on a network share, say): read through a
    read-only connection, so nothing is written to the file where it lies (not even the
    switch to WAL an open would make)."""
    path = Path(path)
    _refuse_foreign(path)
    with map_storage_errors(f"Basis data '{path}' tidak dapat dibaca"):
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        return backup(KemitraanDatabase(conn, execute_plugins=False), _local_destination(dest))
    finally:
        conn.close()


DAILY_KEEP, WEEKLY_KEEP = 7, 4


_STAMPED = re.compile(r"-(\d{8})-\d{6}\.db$")


def _automatic(folder: Path, stem: str, reason: str) -> list[Path]:
    """The automatic backups of one kind, newest first (by the stamp in their names);
    nothing else in the folder is ever touched."""
    found = [p for p in folder.glob(f"{glob.escape(stem)}-{reason}-*.db")
             if _STAMPED.search(p.name) and p.name[len(stem) + len(reason) + 2:][:8].isdigit()]
    return sorted(found, reverse=True)


def _stamp_date(path: Path) -> dt.date | None:
    try:
        return dt.datetime.strptime(_STAMPED.search(path.name)[1], "%Y%m%d").date()
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
    made = backup(db, reason="harian", when=when)
    if not weekly or (today - max(weekly)).days >= 7:
        backup(db, reason="mingguan", when=when)  # its own checked copy, never a raw file copy
    for kind, keep in (("harian", DAILY_KEEP), ("mingguan", WEEKLY_KEEP), ("pra-pulih", 5),
                       ("pra-migrasi", 5)):
        for old in _automatic(folder, stem, kind)[keep:]:
            with contextlib.suppress(OSError):
                old.unlink()
    return made


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


def inspect_backup(path: str | os.PathLike) -> BackupSummary:
    """What a backup holds, read without changing it; refuses a file that is not one of
    our databases or is damaged."""
    path = Path(path)
    if not path.is_file():
        raise StorageError(f"Berkas cadangan '{path}' tidak ada.")
    _refuse_foreign(path)
    with map_storage_errors(f"Cadangan '{path.name}' tidak dapat dibaca"):
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise StorageError(f"Cadangan '{path.name}' rusak ({result}); pilih cadangan lain.")

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
            stamp = re.search(r"(\d{8}-\d{6})\.db$", path.name)
            try:
                saved = dt.datetime.strptime(stamp[1], "%Y%m%d-%H%M%S")
            except (TypeError, ValueError):
                saved = dt.datetime.fromtimestamp(path.stat().st_mtime)
            summary = BackupSummary(path, saved, last,
                                    count("people"), count("programs"), count("activities"),
                                    count("certificates"),
                                    any(n not in known_names() for n in names))
        finally:
            conn.close()
    return summary


def restore(db: Database, path: str | os.PathLike) -> tuple[BackupSummary, Path | None]:
    """Replace the open database's content with a backup's, after backing the current
    content up (returned). The copy goes through SQLite's backup API in one step: a
    failure leaves the current content as it was. An older backup is then migrated."""
    summary = inspect_backup(path)
    if summary.newer:
        raise StorageError(f"Cadangan '{summary.path.name}' dibuat oleh versi Kemitraan Desktop "
                           "yang lebih baru; perbarui aplikasi ini dulu.")
    source = db_file(db)
    if source is not None and summary.path.resolve() == source.resolve():
        raise StorageError("Berkas itu adalah basis data yang sedang dibuka, bukan cadangan.")
    safety = None
    if source is not None:
        for _attempt in range(3):  # a change another program commits meanwhile must be in it
            version = db.execute("PRAGMA data_version").fetchone()[0]
            if safety is not None:
                safety.unlink(missing_ok=True)
            safety = backup(db, reason="pra-pulih")
            if db.execute("PRAGMA data_version").fetchone()[0] == version:
                break
        else:
            raise StorageError("Basis data sedang diubah program lain (aplikasi atau perintah "
                               "kemitraan lain); tutup program itu lalu pulihkan lagi.")
    with map_storage_errors(f"Memulihkan dari '{summary.path.name}' gagal"):
        conn = sqlite3.connect(f"file:{summary.path.as_posix()}?mode=ro", uri=True)
        try:
            conn.backup(db.conn)
        finally:
            conn.close()
        db.execute("PRAGMA foreign_keys = ON")
        if migrations.pending(db):
            migrations.apply(db)
    return summary, safety


def optimize(db: Database) -> None:
    """Refresh the query planner's statistics after a large change (SQLite's advice);
    without them a search over 1M people sorts through the table instead of the
    covering index."""
    with map_storage_errors("Optimasi basis data gagal"):
        db.execute("PRAGMA optimize")


def check(db: Database) -> list[str]:
    """PRAGMA integrity_check and foreign_key_check; an empty list means healthy."""
    problems = [row[0] for row in db.conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
    for table, rowid, parent, _fk in db.conn.execute("PRAGMA foreign_key_check"):
        problems.append(f"Baris {rowid} di tabel {table} merujuk ke {parent} yang tidak ada")
    missing = db.execute("SELECT count(*) FROM people WHERE id NOT IN "
                         "(SELECT rowid FROM people_fts)").fetchone()[0]
    if missing:
        problems.append(f"Indeks pencarian tidak lengkap: {missing} orang tidak dapat dicari")
    return problems


@contextlib.contextmanager
def map_storage_errors(action: str = "Operasi basis data gagal"):
    """Turn sqlite3 and OS errors into StorageError with a message for the user."""
    try:
        yield
    except sqlite3.Error as exc:
        log.warning("%s: %r", action, exc)
        raise StorageError(_explain_sqlite(action, exc)) from exc
    except OSError as exc:
        log.warning("%s: %r", action, exc)
        raise StorageError(f"{action}: {_explain_os(exc)}") from exc


def _explain_os(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "disk penuh. Kosongkan ruang disk lalu coba lagi; tidak ada data yang berubah."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "tidak ada izin menulis di sana (folder hanya-baca atau dilindungi)."
    if exc.errno == errno.ENOENT:
        return "folder atau berkasnya tidak ada."
    return f"{os_reason(exc)}."


def _explain_sqlite(action: str, exc: sqlite3.Error) -> str:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return (f"{action}: basis data sedang dipakai program lain (aplikasi atau perintah "
                "kemitraan lain). Tunggu sebentar lalu coba lagi.")
    if "readonly" in text or "read-only" in text:
        return f"{action}: basis data hanya bisa dibaca (read-only). Periksa izin berkas atau foldernya."
    if "full" in text:
        return f"{action}: disk penuh. Kosongkan ruang disk lalu coba lagi; tidak ada data yang berubah."
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return f"{action}: berkas basis data rusak. Pulihkan dari cadangan."
    if "unable to open" in text:
        return f"{action}: berkas basis data tidak dapat dibuka (folder tidak ada atau tanpa izin)."
    return f"{action}: {exc}"
