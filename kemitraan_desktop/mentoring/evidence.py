"""Evidence of a pendampingan kept inside the database: photos scaled down once when added,
documents (PDF, DOCX, XLSX) stored as they are."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from .. import photos
from ..errors import InputFileError, NotFoundError, ValidationError, os_reason

# A year of a district's evidence must stay small: a phone photo (3-8 MB) becomes about
# 150-250 KB at this size, still sharp enough to read a whiteboard on a printed report.
PHOTO_LONG_SIDE = 1280
PHOTO_QUALITY = 75
PHOTO_MAX_BYTES = 40_000_000  # the file as it comes from the camera, before scaling
PHOTO_MAX_PIXELS = photos.MAX_PIXELS
DOCUMENT_MAX_BYTES = 10_000_000
MAX_FILES = 20  # per entry
MAX_NAME = 200

_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A zip is a Word or Excel file when it holds that format's main part.
_OFFICE_PARTS = {"word/document.xml": (_DOCX, ".docx"), "xl/workbook.xml": (_XLSX, ".xlsx")}
KINDS = {"foto": "Foto", "dokumen": "Dokumen"}
ACCEPTED = "foto JPEG/PNG atau dokumen PDF, DOCX, XLSX"


@dataclass(frozen=True)
class EvidenceFile:
    """A file read and checked, ready to store: photos already scaled and in JPEG."""

    name: str
    kind: str  # "foto" or "dokumen"
    mime: str
    data: bytes
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class Evidence:
    """A stored piece of evidence."""

    id: int
    log_id: int
    name: str
    kind: str
    mime: str
    data: bytes
    width: int | None
    height: int | None
    added_at: str

    @property
    def size(self) -> int:
        return len(self.data)


def read_evidence(paths: Iterable[str | os.PathLike]) -> list[EvidenceFile]:
    """Read and check every file before anything is written: a file of another type, a
    damaged image, an image too large to open safely or a document over 10 MB is refused
    with a message naming it (ValidationError); a file that cannot be read at all raises
    InputFileError."""
    paths = [Path(p) for p in paths]
    if len(paths) > MAX_FILES:
        raise ValidationError(f"Paling banyak {MAX_FILES} berkas bukti untuk satu pendampingan "
                              f"({len(paths)} dipilih); tidak ada yang disimpan.")
    return [read_one(path) for path in paths]


def read_one(path: Path) -> EvidenceFile:
    name = path.name
    if len(name) > MAX_NAME:
        raise ValidationError(f"Nama berkas bukti terlalu panjang ({len(name)} huruf; paling "
                              f"banyak {MAX_NAME}): '{name[:60]}...'. Tidak ada yang disimpan.")
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ValidationError(f"'{name}' adalah folder, bukan berkas bukti; tidak ada yang "
                                  "disimpan.")
        if size > PHOTO_MAX_BYTES:
            raise ValidationError(f"Berkas bukti '{name}' terlalu besar ({size // 1_000_000} MB); "
                                  "tidak ada yang disimpan.")
        data = path.read_bytes()
    except OSError as exc:
        raise InputFileError(f"Berkas bukti '{name}' tidak dapat dibaca: {os_reason(exc)}. "
                             "Tidak ada yang disimpan.", technical=repr(exc)) from exc
    if not data:
        raise ValidationError(f"Berkas bukti '{name}' kosong (0 byte); tidak ada yang disimpan.")
    if data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")):
        return _photo(name, data)
    if not data.startswith((b"%PDF-", b"PK\x03\x04")):
        raise ValidationError(f"Berkas '{name}' bukan {ACCEPTED}; tidak ada yang disimpan.")
    if len(data) > DOCUMENT_MAX_BYTES:  # measured before the zip's directory is read
        size = f"{len(data) / 1_000_000:.1f}".replace(".", ",")
        raise ValidationError(f"Dokumen '{name}' berukuran {size} MB; paling besar "
                              f"{DOCUMENT_MAX_BYTES // 1_000_000} MB. Perkecil atau bagi "
                              "dokumennya. Tidak ada yang disimpan.")
    document = _document_type(data)
    if document is None:
        raise ValidationError(f"Berkas '{name}' bukan {ACCEPTED}; tidak ada yang disimpan.")
    mime, suffix = document
    if Path(name).suffix.lower() != suffix:
        name = f"{Path(name).stem}{suffix}"  # opened by the right program when saved out
    return EvidenceFile(name, "dokumen", mime, data)


def _document_type(data: bytes) -> tuple[str, str] | None:
    if data.startswith(b"%PDF-"):
        return "application/pdf", ".pdf"
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:  # the central directory only: nothing is decompressed
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    return next((found for part, found in _OFFICE_PARTS.items() if part in names), None)


def _photo(name: str, data: bytes) -> EvidenceFile:
    """A JPEG or PNG turned upright (EXIF), scaled to PHOTO_LONG_SIDE and saved as JPEG."""
    jpeg, width, height = photos.scaled_jpeg(name, data, long_side=PHOTO_LONG_SIDE,
                                             quality=PHOTO_QUALITY, error=ValidationError)
    return EvidenceFile(f"{Path(name).stem}.jpg", "foto", "image/jpeg", jpeg, width, height)


# ---------------------------------------------------------------- storage

def store_evidence(db: Database, log_id: int, files: Iterable[EvidenceFile]) -> list[int]:
    """Insert checked files for an entry. The caller holds the transaction."""
    return [db.execute(
        "INSERT INTO mentoring_evidence (log_id, name, kind, mime, data, width, height) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [log_id, f.name, f.kind, f.mime, f.data, f.width, f.height]).lastrowid for f in files]


def evidence(db: Database, log_id: int) -> list[Evidence]:
    """An entry's evidence in the order it was added (photos first is the UI's choice)."""
    return [Evidence(*row) for row in db.execute(
        "SELECT id, log_id, name, kind, mime, data, width, height, added_at "
        "FROM mentoring_evidence WHERE log_id = ? ORDER BY id", [log_id])]


def add_evidence(db: Database, log_id: int, paths: Iterable[str | os.PathLike]) -> list[int]:
    """Add files to a stored entry; all or none of them (one transaction)."""
    _require_entry(db, log_id)
    files = read_evidence(paths)
    held = db.execute("SELECT count(*) FROM mentoring_evidence WHERE log_id = ?",
                      [log_id]).fetchone()[0]
    if held + len(files) > MAX_FILES:
        raise ValidationError(f"Pendampingan ini sudah punya {held} berkas bukti; paling banyak "
                              f"{MAX_FILES}. Tidak ada yang disimpan.")
    with db.atomic():
        return store_evidence(db, log_id, files)


def remove_evidence(db: Database, evidence_id: int) -> None:
    if db.execute("SELECT 1 FROM mentoring_evidence WHERE id = ?", [evidence_id]).fetchone() is None:
        raise NotFoundError(f"Berkas bukti dengan id {evidence_id} tidak ada.")
    with db.atomic():
        db.execute("DELETE FROM mentoring_evidence WHERE id = ?", [evidence_id])


def _require_entry(db: Database, log_id: int) -> None:
    if db.execute("SELECT 1 FROM mentoring_log WHERE id = ?", [log_id]).fetchone() is None:
        raise NotFoundError(f"Catatan pendampingan dengan id {log_id} tidak ada.")
