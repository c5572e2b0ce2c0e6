"""Where a command or a save may write a file: never over the open database (nor its
-wal, -shm or -journal), never into its `cadangan` folder, never over a file of another
kind (a PDF over a workbook, a text over a database). Writing over a file of the same
kind is allowed, and said."""

from __future__ import annotations

import errno
import os
import tempfile
import zipfile
from pathlib import Path

from .db_files import backups_dir
from .errors import StorageError, os_reason

KINDS = {
    "pdf": "dokumen PDF",
    "xlsx": "lembar kerja Excel (.xlsx)",
    "docx": "dokumen Word (.docx)",
    "zip": "arsip ZIP",
    "text": "berkas teks",
    "db": "basis data SQLite",
    "kemitraan": "berkas pertukaran Kemitraan (.kemitraan)",
}
_SUFFIX_KIND = {".pdf": "pdf", ".xlsx": "xlsx", ".docx": "docx", ".xlsm": "xlsx", ".zip": "zip", ".txt": "text",
                ".json": "text", ".csv": "text", ".kemitraan": "kemitraan"}  # no command writes a database here


def sniff(path: Path) -> str:
    """The kind of an existing file, by its content (its name may lie)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(512)
    except OSError:
        return "other"
    if not head:
        return "empty"
    if head.startswith(b"SQLite format 3\x00"):
        return "db"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return "other"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "word/document.xml" in names:
            return "docx"
        return "kemitraan" if {"manifest.json", "changes.bin"} <= names else "zip"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not a character cut at the end of the sample
            return "other"
    return "text" if b"\x00" not in head else "other"


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def check_target(path: str | os.PathLike, kind: str, database: Path | None = None) -> bool:
    """Refuse a destination the write must not touch (StorageError, nothing written).
    Returns True when an existing file of the same kind will be replaced."""
    path = Path(path)
    if database is not None:
        for guarded in (database, *(Path(f"{database}{tail}") for tail in ("-wal", "-shm",
                                                                          "-journal"))):
            if _same(path, guarded):
                raise StorageError(
                    f"'{path}' adalah berkas basis data Kemitraan yang sedang dipakai; berkas itu "
                    "tidak boleh ditimpa. Pilih nama berkas lain.")
        folder = backups_dir(database)
        try:
            inside = folder.exists() and path.resolve().parent == folder.resolve()
        except OSError:
            inside = False
        if inside:
            raise StorageError(
                f"'{path}' ada di folder cadangan basis data; folder itu hanya untuk cadangan dan "
                "tidak boleh ditulisi berkas lain. Pilih folder lain.")
    if path.is_dir():
        raise StorageError(f"'{path}' adalah folder; tuliskan nama berkas tujuan.")
    _refuse_unwritable(path)
    if not path.exists():
        return False
    found = sniff(path)
    if found == "empty":
        return True
    if found != kind:
        what = KINDS.get(found, "berkas lain (jenisnya tidak dikenal)")
        raise StorageError(
            f"Berkas '{path}' sudah ada dan berisi {what}, bukan {KINDS[kind]}; berkas itu tidak "
            "ditimpa. Pilih nama berkas lain.")
    return True


def _refuse_unwritable(path: Path) -> None:
    """Said before the work starts (a self-test, a large report), not after it."""
    folder = path.parent
    if not folder.is_dir():
        raise StorageError(f"Folder '{folder}' untuk berkas '{path.name}' tidak ada. Buat folder "
                           "itu dulu atau pilih folder lain; tidak ada yang ditulis.")
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
        if path.exists() and not os.access(path, os.W_OK):
            raise PermissionError(errno.EACCES, "read-only file")
    except OSError as exc:
        raise StorageError(f"Berkas '{path}' tidak dapat ditulis: {os_reason(exc)}. Tidak ada "
                           "yang ditulis.", technical=repr(exc)) from None


def kind_of_name(path: str | os.PathLike) -> str:
    """The kind a file of this name is written as (by its suffix)."""
    return _SUFFIX_KIND.get(Path(path).suffix.lower(), "text")


def replaced_note(replaced: bool) -> str:
    """The words added to "ditulis ke FILE" when an older file of the same kind was replaced."""
    return " (berkas lama dengan nama itu ditimpa)" if replaced else ""
