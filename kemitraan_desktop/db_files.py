"""Where our database files are and how one is opened without writing to it: the paths
(the --db option, KEMITRAAN_DB, the data folder, the `cadangan` folder beside it) and
SQLite's `file:` URIs, escaped. Nothing here writes."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path, PurePosixPath, PureWindowsPath

import platformdirs

from . import APP_NAME

# "KMTR": written into the SQLite header so that our files are recognisable.
APPLICATION_ID = 0x4B4D5452
BUSY_TIMEOUT_MS = 5000
SQLITE_MAGIC = b"SQLite format 3\x00"


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
