"""Opening the database file: recognise it, set the pragmas, back it up, migrate it, check it."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from .db_files import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    backups_dir,
    read_only_connection,
    resolve_db_path,
)
from .errors import StorageError, os_reason
from .logs import log
from .migrations import known_names, migrations
from .soundness import (
    DamagedDatabase,
    damage,
    damaged_message,
    is_unreadable,
    look_before_merging,
    refuse_foreign,
    unreadable_text,
)


def db_file(db: Database) -> Path | None:
    """The main file of an open database, or None for an in-memory one."""
    for _seq, name, filename in db.conn.execute("PRAGMA database_list"):
        if name == "main":
            return Path(filename) if filename else None
    return None


_COMMITS: list[int] = []  # one entry per transaction committed by this program


def note_commit() -> None:
    """A change is in the file (a commit, or a restore's copy)."""
    _COMMITS.append(1)


def commits_made() -> int:
    """How many transactions this program has committed: a command stopped by Ctrl+C after
    one must not say that nothing was saved."""
    return len(_COMMITS)


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
                except KeyboardInterrupt:
                    # Ctrl+C is raised as COMMIT returns: the transaction may be committed
                    if self.conn.in_transaction:
                        self.rollback()
                    else:
                        note_commit()
                    raise
                except BaseException:
                    self.rollback()
                    raise
                note_commit()
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
        if not read_only and not _writable(path):
            read_only = ("berkas basis data atau foldernya hanya-baca (tidak ada izin menulis). "
                         "Periksa izinnya, atau salin berkas itu ke folder yang dapat ditulisi.")
        if not read_only:
            look_before_merging(path)
    elif not create or read_only:
        raise StorageError(f"Basis data '{path}' tidak ada.")
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"Folder untuk basis data '{path.parent}' tidak dapat dibuat: "
                               f"{os_reason(exc)}.", technical=repr(exc)) from exc
    with map_storage_errors(f"Basis data '{path}' tidak dapat dibuka"):
        try:
            db = connect_read_only(path) if read_only else connect(path)
        except sqlite3.DatabaseError as exc:
            if exists and is_unreadable(exc):
                raise DamagedDatabase(damaged_message(path, ["berkas tidak dapat dibaca"]),
                                      technical=repr(exc)) from exc
            raise
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
        except sqlite3.DatabaseError as exc:
            db.close()
            if exists and is_unreadable(exc):  # the first page itself (the schema) is damaged
                raise DamagedDatabase(damaged_message(path, ["berkas tidak dapat dibaca"]),
                                      technical=repr(exc)) from exc
            raise
        except BaseException:
            db.close()
            raise
    return db


def _writable(path: Path) -> bool:
    """Whether this program may write the file and create its -wal beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


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
    if source is not None:
        guarded = [source.resolve(), *(Path(f"{source.resolve()}{tail}")
                                       for tail in ("-wal", "-shm", "-journal"))]
        if any(g == dest.resolve() or g in dest.resolve().parents for g in guarded):
            raise StorageError(f"Cadangan tidak boleh ditulis ke '{dest}': nama itu milik berkas "
                               "basis data itu sendiri (atau berkas pendampingnya, -wal, -shm, "
                               "-journal). Pilih folder atau nama berkas lain.")
    if dest.exists():
        raise StorageError(f"Berkas '{dest}' sudah ada; pilih nama lain agar cadangan lama "
                           "tidak tertimpa.")
    tmp = dest.with_name(f"{dest.name}.{os.getpid()}.tmp")  # two programs at once: two names
    try:
        with map_storage_errors(f"Cadangan ke '{dest}' gagal"):
            dest.parent.mkdir(parents=True, exist_ok=True)
            target = sqlite3.connect(str(tmp))
            try:
                db.conn.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")
                problems = [r[0] for r in target.execute("PRAGMA integrity_check(20)")
                            if r[0] != "ok"] or unreadable_text(target)
            finally:
                target.close()
            if problems:
                raise StorageError(
                    f"Cadangan '{dest.name}' tidak dibuat: salinannya tidak lolos pemeriksaan "
                    "keutuhan, jadi basis data ini sendiri kemungkinan rusak. Cadangan lama tidak "
                    "diubah. Jalankan: kemitraan check", technical="; ".join(problems))
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
    problems = unreadable_text(db)
    if problems:
        return problems
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
    if "could not decode" in text:
        return (f"{action}: sebagian isi basis data rusak (ada teks yang tidak dapat dibaca). "
                "Jalankan 'kemitraan check' lalu pulihkan dari cadangan baik terakhir.")
    if "disk i/o" in text:
        return (f"{action}: berkas basis data atau berkas pendampingnya (-journal, -wal) tidak "
                "dapat dibaca atau ditulis; periksa bahwa tidak ada folder atau berkas lain "
                "bernama sama di sampingnya, dan disknya baik.")
    if "unable to open" in text:
        return f"{action}: berkas basis data tidak dapat dibuka (folder tidak ada atau tanpa izin)."
    log.warning("%s: %r", action, exc)
    return (f"{action}: basis data menolak perintah ini. Coba lagi; bila terulang, periksa "
            "dengan 'kemitraan check' dan lihat berkas log (rinciannya tercatat di sana).")
