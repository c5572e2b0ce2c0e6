"""Opening the database file: recognise it, set the pragmas, back it up, migrate it, check it."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import glob
import os
import re
import sqlite3
from pathlib import Path, PurePosixPath, PureWindowsPath

import platformdirs
from sqlite_utils import Database

from . import APP_NAME
from .errors import StorageError, os_reason
from .logs import log
from .migrations import known_names, migrations

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


def sqlite_uri(path: str | os.PathLike, mode: str = "ro", *, immutable: bool = False,
               windows: bool | None = None) -> str | None:
    """A `file:` URI for SQLite with the path percent-escaped: a folder named "B #1" or
    "x%41" is that folder, never "B " or "xA" (and `?` never starts the parameters).
    `immutable` reads a file no program is changing without SQLite's lock files (a backup
    on a read-only folder or CD). The path is made absolute but not resolved: Windows
    would turn a mapped drive (Z:) into \\\\server\\share, which SQLite's URIs cannot name;
    for such a network path the answer is None (see read_only_connection)."""
    windows = os.name == "nt" if windows is None else windows
    flavour = PureWindowsPath if windows else PurePosixPath
    text = os.path.abspath(path) if windows == (os.name == "nt") else str(path)
    pure = flavour(text)
    if windows and (str(pure).startswith("\\\\") or not pure.drive):
        return None
    return f"{pure.as_uri()}?mode={mode}" + ("&immutable=1" if immutable else "")


def read_only_connection(path: str | os.PathLike, *, immutable: bool = False,
                         timeout: float = BUSY_TIMEOUT_MS / 1000) -> sqlite3.Connection:
    """A connection that cannot write to the file. Through a URI (mode=ro) where one can
    name it; a Windows network path (\\\\server\\share\\...) is opened plainly and made
    query-only, which refuses every write all the same."""
    uri = sqlite_uri(path, immutable=immutable)
    if uri is not None:
        return sqlite3.connect(uri, uri=True, timeout=timeout)
    conn = sqlite3.connect(str(path), timeout=timeout)
    conn.execute("PRAGMA query_only = ON")
    return conn


def _read_header(path: Path) -> tuple[bytes, int]:
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise StorageError(f"Berkas '{path}' tidak dapat dibaca: {os_reason(exc)}. Berkas tidak "
                           "diubah.", technical=repr(exc)) from exc
    app_id = int.from_bytes(header[68:72], "big") if len(header) >= 72 else 0
    return header[:16], app_id


def refuse_foreign(path: Path) -> None:
    """Refuse, without touching it, any file that is not one of our databases."""
    if path.is_dir():
        raise StorageError(f"'{path}' adalah folder, bukan berkas basis data.")
    magic, app_id = _read_header(path)
    if not magic:
        raise StorageError(
            f"Berkas '{path}' kosong (0 byte): bukan basis data Kemitraan, dan tidak akan "
            "dijadikan basis data baru diam-diam. Bila isinya hilang, pulihkan dari cadangan "
            "(folder 'cadangan' di sampingnya); bila memang ingin memulai basis data baru di "
            f"berkas ini, jalankan: kemitraan --db \"{path}\" init. Berkas tidak diubah.")
    if magic != _SQLITE_MAGIC:
        raise StorageError(
            f"Berkas '{path.name}' bukan basis data Kemitraan (bukan berkas SQLite; "
            "mungkin lembar kerja atau dokumen yang diganti namanya). Berkas tidak diubah.",
            technical=str(path))
    if app_id != APPLICATION_ID:
        raise StorageError(
            f"Berkas '{path.name}' adalah basis data SQLite milik program lain, bukan "
            "basis data Kemitraan. Berkas tidak diubah.",
            technical=f"{path} application_id={app_id:#x}")


class KemitraanDatabase(Database):
    """sqlite-utils' Database whose transactions turn SQLite's refusals (disk full,
    read-only, busy, damaged) into StorageError with an Indonesian message, so every
    caller that handles KemitraanError handles them too. The rollback is unchanged.
    `read_only_reason` is set on a database opened only to be looked at (one on a network
    share): a change is refused with it."""

    read_only_reason: str | None = None
    # Set by open_db(verify="write"): the file is checked before its first write.
    verify_before_write: Path | None = None

    @contextlib.contextmanager
    def atomic(self):
        try:
            if self.conn.in_transaction:  # nested: a savepoint, as sqlite-utils does
                with super().atomic():
                    yield self
                return
            if self.verify_before_write is not None:
                path, self.verify_before_write = self.verify_before_write, None
                problems = damage(self)
                if problems:
                    self.verify_before_write = path
                    raise DamagedDatabase(damaged_message(path, problems),
                                          technical="; ".join(problems))
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
            if self.read_only_reason and "readonly" in str(exc).lower():
                raise StorageError(f"Perubahan tidak disimpan: {self.read_only_reason}",
                                   technical=repr(exc)) from exc
            raise StorageError(explain_sqlite("Perubahan tidak disimpan", exc),
                               technical=repr(exc)) from exc


def connect(path: Path) -> Database:
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise StorageError(explain_sqlite(f"Basis data '{path}' tidak dapat dibuka", exc),
                           technical=repr(exc)) from exc
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return KemitraanDatabase(conn, execute_plugins=False)


def connect_read_only(path: Path) -> Database:
    """A connection that cannot write to the file (nor switch it to WAL). Without a -wal
    file beside it, all of it is in the main file and it is read as unchanging: SQLite
    would otherwise create the -wal and -shm files next to it (on a share, say)."""
    immutable = not Path(f"{path}-wal").exists()
    with map_storage_errors(f"Basis data '{path}' tidak dapat dibaca"):
        conn = read_only_connection(path, immutable=immutable)
    return KemitraanDatabase(conn, execute_plugins=False)


def require_fts5(db: Database) -> None:
    try:
        db.conn.execute("CREATE VIRTUAL TABLE temp._fts5_probe USING fts5(x)")
        db.conn.execute("DROP TABLE temp._fts5_probe")
    except sqlite3.OperationalError as exc:
        if "fts5" not in str(exc).lower() and "no such module" not in str(exc).lower():
            raise StorageError(explain_sqlite("Basis data tidak dapat dibuka", exc), technical=str(exc)) from exc
        raise StorageError(
            "SQLite di komputer ini tidak mendukung pencarian teks (FTS5). "
            "Pasang ulang aplikasi dari berkas instalasi resmi.", technical=str(exc)
        ) from exc


def applied_migrations(db: Database) -> list[str]:
    return [m.name for m in migrations.applied(db)]


def open_db(path: str | os.PathLike | None = None, *, create: bool = True,
            empty_ok: bool = False, read_only: str | None = None,
            verify: bool | str = True) -> Database:
    """Open (or create) our database file, ready to use.

    Refuses files that are not ours or were written by a newer version before writing
    anything to them; an existing empty file is refused unless `empty_ok` (`init`, after
    asking). SQLite's quick check (a second per 150,000 people) runs now (`verify=True`),
    before the first write of this connection (`"write"`: a command that only reads never
    waits for it; one that would write into a damaged file is refused), or not at all.
    Pending migrations run after an automatic backup (and after the check). `read_only`
    (the reason, said when a change is refused) opens the file without writing to it.
    """
    path = resolve_db_path(path)
    exists = path.exists()
    if exists and empty_ok and path.is_file() and path.stat().st_size == 0:
        exists = False
    if exists:
        refuse_foreign(path)
    elif not create or read_only:
        raise StorageError(f"Basis data '{path}' tidak ada.")
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"Folder untuk basis data '{path.parent}' tidak dapat dibuat: "
                               f"{os_reason(exc)}.", technical=repr(exc)) from exc
    with map_storage_errors(f"Basis data '{path}' tidak dapat dibuka"):
        db = connect_read_only(path) if read_only else connect(path)
        try:
            if exists and verify and not read_only and (verify != "write" or migrations.pending(db)):
                problems = damage(db)
                if problems:
                    raise DamagedDatabase(damaged_message(path, problems),
                                          technical="; ".join(problems))
            if read_only:
                db.read_only_reason = read_only
                _look(db, path)
            else:
                _prepare(db, path, exists)
                if exists and verify == "write":
                    db.verify_before_write = path
        except BaseException:
            db.close()
            raise
    return db


class DamagedDatabase(StorageError):
    """The file fails SQLite's check: nothing is written to it; restore a backup."""


def damage(db: Database) -> list[str]:
    """What SQLite's quick check finds wrong with the file's structure (empty: sound).
    A file too damaged to be read at all says so too."""
    try:
        return [row[0] for row in db.conn.execute("PRAGMA quick_check(20)") if row[0] != "ok"]
    except sqlite3.DatabaseError as exc:
        if "malformed" in str(exc).lower() or "not a database" in str(exc).lower():
            return ["berkas tidak dapat dibaca sama sekali"]
        raise


# The stamp every backup carries in its name: when it was made (a copy loses the file time).
BACKUP_STAMP = re.compile(r"-(\d{8}-\d{6})\.db$")


def last_sound_backup(db_path: Path) -> tuple[Path, dt.datetime] | None:
    """The newest backup in the database's `cadangan` folder that passes SQLite's quick
    check, with when it was made (the stamp in its name)."""
    found = sorted(((m[1], p) for p in backups_dir(db_path).glob(f"{glob.escape(db_path.stem)}-*.db")
                    if (m := BACKUP_STAMP.search(p.name)) and "-rusak-" not in p.name), reverse=True)
    for stamp, path in found:
        try:
            conn = read_only_connection(path)
            try:
                sound = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            finally:
                conn.close()
        except sqlite3.Error:
            continue
        if sound:
            return path, dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S")
    return None


def damaged_message(path: Path, problems: list[str]) -> str:
    """What to tell the office when its database fails its check: that it is damaged,
    that nothing was written, where the last good backup is and how to restore it."""
    text = (f"Basis data '{path}' rusak: pemeriksaan keutuhan menemukan {len(problems)} "
            "masalah pada susunan berkasnya. Tidak ada yang ditulis ke berkas ini.")
    good = last_sound_backup(path)
    if good is None:
        return text + (" Tidak ada cadangan yang baik di folder 'cadangan' di sampingnya; cari "
                       "cadangan di flash disk atau komputer lain, lalu pulihkan dari sana.")
    return (text + f" Cadangan baik terakhir: {good[0]} (disimpan {good[1]:%d-%m-%Y %H.%M}). "
            "Pulihkan di aplikasi (Berkas > Pulihkan dari cadangan) atau dengan perintah: "
            f"kemitraan --db \"{path}\" restore \"{good[0]}\"")


def _check_version(db: Database, path: Path, applied: list[str]) -> None:
    unknown = [name for name in applied if name not in known_names()]
    if unknown:
        raise StorageError(
            f"Basis data '{path.name}' dibuat oleh versi Kemitraan Desktop yang lebih baru. "
            "Perbarui aplikasi ini untuk membukanya; berkas tidak diubah.",
            [f"migrasi tak dikenal: {', '.join(unknown)}"])


def _look(db: Database, path: Path) -> None:
    """A database opened read-only must be current: migrating it would write."""
    require_fts5(db)
    _check_version(db, path, applied_migrations(db))
    if migrations.pending(db):
        raise StorageError(f"Basis data '{path.name}' perlu diperbarui ke versi aplikasi ini, "
                           f"dan itu menulis ke berkasnya: {db.read_only_reason}")
    db.execute("PRAGMA foreign_keys = ON")


def _prepare(db: Database, path: Path, exists: bool) -> None:
    require_fts5(db)
    applied = applied_migrations(db) if exists else []
    _check_version(db, path, applied)
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


@contextlib.contextmanager
def write_lock(db: Database, wait_seconds: int = 120):
    """One action that reads, decides and writes (an import): the write lock is taken
    before the reading, waiting up to `wait_seconds` for another program's action to
    finish, so that what was checked cannot change before it is written. A wait that
    runs out is refused in Indonesian, before anything was read."""
    db.conn.execute(f"PRAGMA busy_timeout = {wait_seconds * 1000}")
    try:
        with db.atomic():
            db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            yield db
    finally:
        db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


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
    # A folder (made if new) receives a dated file; a new name that looks like a file
    # ("c.xlsx", not "Kab. Sumba Barat") must be a .db.
    if dest.is_dir() or (not dest.exists() and not re.fullmatch(r"\.[A-Za-z0-9]{1,5}", dest.suffix)):
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


def optimize(db: Database) -> None:
    """Refresh the query planner's statistics after a large change (SQLite's advice);
    without them a search over 1M people sorts through the table instead of the
    covering index."""
    with map_storage_errors("Optimasi basis data gagal"):
        db.execute("PRAGMA optimize")


def check(db: Database) -> list[str]:
    """PRAGMA integrity_check and foreign_key_check; an empty list means healthy."""
    try:
        problems = [row[0] for row in db.conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
    except sqlite3.DatabaseError as exc:
        log.warning("Pemeriksaan keutuhan: %r", exc)
        return ["berkas tidak dapat dibaca sama sekali"]
    if problems:
        return problems  # the rest reads the damaged tables
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
        raise StorageError(explain_sqlite(action, exc)) from exc
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


def explain_sqlite(action: str, exc: sqlite3.Error) -> str:
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
    log.warning("%s: %r", action, exc)
    return (f"{action}: SQLite menolak perintah ini ({type(exc).__name__.replace('Error', '')}). "
            "Coba lagi; bila terulang, periksa dengan 'kemitraan check' dan lihat berkas log.")
