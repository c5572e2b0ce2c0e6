"""The exchange file (.kemitraan): a ZIP with manifest.json (who sends, to whom, which file
in the sequence, what it holds), changes.bin (the SQLite changeset) and signature (the
sending office's Ed25519 signature over the manifest, which names the changeset's SHA-256).
Reading one checks everything before anything is used."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import ValidationError

FORMAT = "kemitraan-pertukaran"
SCHEMA = 1  # the projection's layout (projection.py); a newer one is refused
MAX_CHANGESET = 512 * 1024 * 1024  # a ZIP that unpacks past this is not ours


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


def read(path: str | Path) -> Package:
    """The package, its signature checked against the key it names (whether that key is
    trusted is the caller's question). ValidationError in Indonesian otherwise."""
    path = Path(path)
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if not {"manifest.json", "changes.bin", "signature"} <= names:
                raise ValidationError(f"Berkas '{name}' bukan berkas pertukaran Kemitraan "
                                      "(isinya tidak lengkap).")
            info = archive.getinfo("changes.bin")
            if info.file_size > MAX_CHANGESET:
                raise ValidationError(f"Berkas '{name}' terlalu besar untuk berkas pertukaran.")
            manifest_bytes = archive.read("manifest.json")
            changeset = archive.read("changes.bin")
            signature = base64.b64decode(archive.read("signature"), validate=True)
    except FileNotFoundError:
        raise ValidationError(f"Berkas '{name}' tidak ditemukan.") from None
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise ValidationError(f"Berkas '{name}' rusak atau terpotong (misalnya belum selesai "
                              "disalin atau diunduh); minta kantor pengirim mengirim ulang.",
                              technical=repr(exc)) from None
    try:
        manifest = json.loads(manifest_bytes)
        if manifest.get("format") != FORMAT:
            raise ValueError("format")
    except (ValueError, AttributeError):
        raise ValidationError(f"Berkas '{name}' bukan berkas pertukaran Kemitraan.") from None
    if int(manifest.get("schema", 0)) > SCHEMA:
        raise ValidationError(f"Berkas '{name}' dibuat oleh versi Kemitraan Desktop yang lebih "
                              "baru; perbarui aplikasi ini dulu.")
    package = Package(manifest, changeset, signature, manifest_bytes)
    _check_signature(package, name)
    return package


def _check_signature(package: Package, name: str) -> None:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    tampered = ValidationError(f"Berkas '{name}' telah diubah setelah ditandatangani kantor "
                               "pengirimnya; berkas ditolak, tidak ada yang diubah.")
    try:
        public = package.public_key
        key = Ed25519PublicKey.from_public_bytes(public)
        key.verify(package.signature, package.manifest_bytes)
    except (InvalidSignature, ValueError, TypeError):
        raise tampered from None
    if fingerprint(public) != package.office:
        raise tampered
    if hashlib.sha256(package.changeset).hexdigest() != package.manifest.get("changeset_sha256"):
        raise tampered
