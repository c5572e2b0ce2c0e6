"""The exchange file (.kemitraan): a ZIP with manifest.json (who sends, to whom, which file
in the sequence, what it holds), changes.bin (the SQLite changeset) and signature (the
sending office's Ed25519 signature over the manifest, which names the changeset's SHA-256).
Reading one checks everything before anything is used."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import io
import json
import lzma
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import ValidationError

FORMAT = "kemitraan-pertukaran"
SCHEMA = 1  # the projection's layout (projection.py); a newer one is refused
MAX_CHANGESET = 256 * 1024 * 1024  # a changeset past this is not ours
MAX_MANIFEST = 8 * 1024 * 1024  # names, counts and proposals: a few KB, rarely more
MAX_SIGNATURE = 1024  # 88 characters of base64
MAX_DIRECTORY = 4096  # three entries of a few dozen bytes each
MEMBERS = ("manifest.json", "changes.bin", "signature")
CHUNK = 1024 * 1024
_EOCD_SIZE = 22


class InputFileError(ValidationError):
    """A file that cannot be read as an exchange file (damaged, cut short, a folder, no
    exchange file at all, far too large): exit code 2, as `exchange import --help` says. A
    ValidationError still, for the callers that refuse a file whatever the reason."""

    exit_code = 2


@dataclass(frozen=True)
class Package:
    manifest: dict
    changeset: bytes
    signature: bytes
    manifest_bytes: bytes

    @property
    def office(self) -> str:
        return self.manifest["office"]

    @property
    def public_key(self) -> bytes:
        return base64.b64decode(self.manifest["public_key"])


def fingerprint(public: bytes) -> str:
    """The office's identity: 16 hex digits of its public key's SHA-256."""
    return hashlib.sha256(public).hexdigest()[:16].upper()


def spoken(office: str) -> str:
    """'AB12 CD34 EF56 7890': to compare by phone."""
    return " ".join(office[i:i + 4] for i in range(0, len(office), 4))


def write(path: Path, manifest: dict, changeset: bytes, sign) -> Path:
    manifest = {**manifest, "format": FORMAT, "schema": SCHEMA,
                "changeset_sha256": hashlib.sha256(changeset).hexdigest(),
                "changeset_bytes": len(changeset)}
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("manifest.json", manifest_bytes, zipfile.ZIP_DEFLATED)
        archive.writestr("changes.bin", changeset, zipfile.ZIP_LZMA)
        archive.writestr("signature", base64.b64encode(sign(manifest_bytes)), zipfile.ZIP_STORED)
    temporary = path.with_name(path.name + ".sementara")
    try:
        temporary.write_bytes(buffer.getvalue())
        temporary.replace(path)  # never half a file under the final name
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def read(path: str | Path, *, with_changeset: bool = True) -> Package:
    """The package, its signature checked against the key it names (whether that key is
    trusted is the caller's question). Everything is measured before it is read: the ZIP's
    directory from its end record, each member's size as it unpacks, the manifest's
    signature before the changeset is unpacked at all, and the changeset against the size
    and SHA-256 the signed manifest names. Without `with_changeset` the changeset is left
    in the file (see `read_changeset`). InputFileError or ValidationError in Indonesian."""
    path = Path(path)
    name = path.name
    try:
        _check_directory(path, name)
        with zipfile.ZipFile(path) as archive:
            infos = {info.filename: info for info in archive.infolist()}
            if set(infos) != set(MEMBERS) or len(archive.infolist()) != len(MEMBERS):
                raise _not_ours(name, "isinya tidak sesuai")
            manifest_bytes = _member(archive, infos["manifest.json"], MAX_MANIFEST, name)
            signature_text = _member(archive, infos["signature"], MAX_SIGNATURE, name)
            signature = base64.b64decode(signature_text, validate=True)
    except FileNotFoundError:
        raise InputFileError(f"Berkas '{name}' tidak ditemukan.") from None
    except IsADirectoryError:
        raise _folder(path) from None
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, ValueError, OSError,
            NotImplementedError, RuntimeError, lzma.LZMAError, zlib.error) as exc:
        raise _damaged(name, exc) from None
    try:
        manifest = json.loads(manifest_bytes)
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ValueError("format")
        schema = int(manifest.get("schema", 0))
    except (ValueError, TypeError, AttributeError, RecursionError):
        raise _not_ours(name) from None
    if schema > SCHEMA:
        raise ValidationError(f"Berkas '{name}' dibuat oleh versi Kemitraan Desktop yang lebih "
                              "baru; perbarui aplikasi ini dulu.")
    package = Package(manifest, b"", signature, manifest_bytes)
    _check_signature(package, name)
    return read_changeset(path, package) if with_changeset else package


def read_changeset(path: str | Path, package: Package) -> Package:
    """The package with its changeset, unpacked in bounded pieces and stopped as soon as it
    grows past the size its signed manifest names; its SHA-256 must be the one named."""
    path = Path(path)
    name = path.name
    tampered = _tampered(name)
    try:
        expected = int(package.manifest.get("changeset_bytes", -1))
    except (TypeError, ValueError):
        raise tampered from None
    if expected < 0:
        raise tampered
    if expected > MAX_CHANGESET:
        raise InputFileError(f"Berkas '{name}' terlalu besar untuk berkas pertukaran "
                             f"(perubahannya {expected / 2**20:.0f} MB); tidak ada yang diubah.")
    digest = hashlib.sha256()
    try:
        _check_directory(path, name)
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("changes.bin")
            if info.file_size != expected:
                raise tampered
            pieces, total = [], 0
            with archive.open(info) as member:
                while True:
                    piece = member.read(CHUNK)
                    if not piece:
                        break
                    total += len(piece)
                    if total > expected:
                        raise tampered
                    digest.update(piece)
                    pieces.append(piece)
    except FileNotFoundError:
        raise InputFileError(f"Berkas '{name}' tidak ditemukan.") from None
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, ValueError, OSError, KeyError,
            NotImplementedError, RuntimeError, lzma.LZMAError, zlib.error) as exc:
        raise _damaged(name, exc) from None
    if total != expected or digest.hexdigest() != package.manifest.get("changeset_sha256"):
        raise tampered
    return dataclasses.replace(package, changeset=b"".join(pieces))


def _check_directory(path: Path, name: str) -> None:
    """The ZIP's end record, read before zipfile reads its directory: three members, a
    directory of a few hundred bytes, no ZIP64 (ours never needs it)."""
    if path.is_dir():
        raise _folder(path)
    with path.open("rb") as handle:
        start = handle.read(4)
        if start and start != b"PK\x03\x04" and len(start) == 4:
            raise _not_ours(name)
        handle.seek(0, 2)
        size = handle.tell()
        tail_size = min(size, _EOCD_SIZE + 0xFFFF)
        handle.seek(size - tail_size)
        tail = handle.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < _EOCD_SIZE:
        raise zipfile.BadZipFile("no end of central directory")
    (_sig, disk, cd_disk, here, total, cd_size, cd_offset, _comment) = struct.unpack(
        "<IHHHHIIH", tail[at:at + _EOCD_SIZE])
    zip64 = at >= 20 and tail[at - 20:at - 16] == b"PK\x06\x07"
    if zip64 or disk or cd_disk or here != len(MEMBERS) or total != len(MEMBERS) \
            or cd_size > MAX_DIRECTORY or cd_offset + cd_size > size:
        raise _not_ours(name, "isinya tidak sesuai")


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, name: str) -> bytes:
    """A small member, read no further than `limit` whatever its header declares."""
    if info.file_size > limit:
        raise _too_big(name, info.filename)
    with archive.open(info) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise _too_big(name, info.filename)
    return data


def _too_big(name: str, member: str) -> InputFileError:
    return InputFileError(f"Berkas '{name}' bukan berkas pertukaran Kemitraan: bagian "
                          f"'{member}' di dalamnya jauh lebih besar dari seharusnya. Berkas "
                          "ditolak, tidak ada yang diubah.")


def _not_ours(name: str, why: str = "") -> InputFileError:
    return InputFileError(f"Berkas '{name}' bukan berkas pertukaran Kemitraan"
                          + (f" ({why})" if why else "") + "; tidak ada yang diubah.")


def _folder(path: Path) -> InputFileError:
    return InputFileError(f"'{path}' adalah sebuah folder, bukan berkas pertukaran .kemitraan.")


def _damaged(name: str, exc: BaseException) -> InputFileError:
    return InputFileError(f"Berkas '{name}' rusak atau terpotong (misalnya belum selesai "
                          "disalin atau diunduh); minta kantor pengirim mengirim ulang. "
                          "Tidak ada yang diubah.", technical=repr(exc))


def _tampered(name: str) -> ValidationError:
    return ValidationError(f"Berkas '{name}' telah diubah setelah ditandatangani kantor "
                           "pengirimnya; berkas ditolak, tidak ada yang diubah.")


def _check_signature(package: Package, name: str) -> None:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    tampered = _tampered(name)
    try:
        public = package.public_key
        key = Ed25519PublicKey.from_public_bytes(public)
        key.verify(package.signature, package.manifest_bytes)
        if fingerprint(public) != package.office:
            raise ValueError("fingerprint")
    except (InvalidSignature, ValueError, TypeError, KeyError, AttributeError):
        raise tampered from None
    manifest = package.manifest
    try:  # signed, yet written by any key: the fields read later must be what they say
        int(manifest.get("seq", 0)), int(manifest.get("base", 0))
        if not all(isinstance(manifest.get(k, ""), str)
                   for k in ("office_name", "office_region", "to", "scope")) \
                or not isinstance(manifest.get("proposals", []), list) \
                or not all(isinstance(p, dict) for p in manifest.get("proposals", [])):
            raise ValueError("fields")
    except (TypeError, ValueError):
        raise _not_ours(name, "isinya tidak sesuai") from None
