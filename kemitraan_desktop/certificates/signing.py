"""Signing certificates and checking them offline: the office's Ed25519 key, the signed
text the QR code carries, other offices' public keys, and verification."""

from __future__ import annotations

import base64
import codecs
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from .. import indonesia as ind
from ..errors import InputFileError, ValidationError, os_reason
from .numbering import put_setting, register, setting

SCHEME = "KMT1"


def private_key(db):
    """The office's Ed25519 key, made at first use and kept in the database."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    stored = setting(db, "certificates.private_key")
    if stored:
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(stored))
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                            serialization.NoEncryption())
    with db.atomic():
        put_setting(db, "certificates.private_key", base64.b64encode(raw).decode())
    return key


def raw_public(key) -> bytes:
    from cryptography.hazmat.primitives import serialization
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public: bytes) -> str:
    return hashlib.sha256(public).hexdigest()[:8].upper()


def public_key_text(db) -> str:
    """What another office imports to verify this office's certificates: 'ID:base64'."""
    public = raw_public(private_key(db))
    return f"{key_id(public)}:{base64.b64encode(public).decode()}"


# A public key is one short line ('ID:' and 44 characters of base64), with perhaps a
# '# office name' line: a file larger than this is not a key file.
KEY_FILE_MAX_BYTES = 16_384
MAX_OFFICE_NAME = 150


def read_key_file(path: Path) -> list[str]:
    """The non-empty lines of another office's key file as Windows programs save text:
    UTF-8 with or without the BOM Notepad writes, or UTF-16 ("Unicode"). At most
    KEY_FILE_MAX_BYTES are read; a larger file is refused (ValidationError), one that
    cannot be read raises InputFileError, both in Indonesian."""
    try:
        with open(path, "rb") as stream:
            data = stream.read(KEY_FILE_MAX_BYTES + 1)
    except OSError as exc:
        raise InputFileError(f"Berkas kunci '{path}' tidak dapat dibaca: {os_reason(exc)}",
                             technical=repr(exc)) from exc
    if len(data) > KEY_FILE_MAX_BYTES:
        raise ValidationError(f"Berkas '{path.name}' bukan berkas kunci publik: lebih dari "
                              f"{KEY_FILE_MAX_BYTES // 1024} KB, padahal kuncinya hanya satu "
                              "baris pendek 'ID:kunci'. Tidak ada yang diimpor.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif len(data) > 1 and data[1:2] == b"\0" and data[0:1] != b"\0":
        text = data.decode("utf-16-le", errors="replace")  # "Unicode" without its mark
    elif len(data) > 1 and data[0:1] == b"\0" and data[1:2] != b"\0":
        text = data.decode("utf-16-be", errors="replace")
    else:
        text = data.decode("utf-8-sig", errors="replace")
    return [line.strip() for line in text.splitlines() if line.strip()]


def clean_office_name(office_name: object) -> str:
    """The name of a key's office as kept: invisible characters out, spaces collapsed; one
    with no letter one can see, or longer than MAX_OFFICE_NAME, raises ValidationError."""
    name = ind.normalize_name(office_name).replace("|", "/")
    if not ind.has_visible_letter(name):
        raise ValidationError("Tuliskan nama kantor pemilik kunci (nama yang tertulis kosong "
                              "atau hanya berisi tanda yang tidak terlihat). Tidak ada yang "
                              "diimpor.")
    if len(name) > MAX_OFFICE_NAME:
        raise ValidationError(f"Nama kantor pemilik kunci terlalu panjang ({len(name)} huruf; "
                              f"paling banyak {MAX_OFFICE_NAME}). Tidak ada yang diimpor.")
    return name


def import_public_key(db, text: str, office_name: str) -> str:
    """Trust another office's certificates; returns its key id. The key's text may carry a
    BOM or invisible characters (a copy from Notepad, a chat or a PDF); the office name is
    cleaned as clean_office_name."""
    text = ind.INVISIBLE.sub("", str(text or "")).strip()
    try:
        kid, b64 = text.split(":", 1)
        public = base64.b64decode(b64, validate=True)
    except ValueError:
        raise ValidationError("Kunci publik tidak dikenali; salin utuh teks 'ID:kunci' dari "
                              "kantor pengirim.") from None
    if len(public) != 32 or key_id(public) != kid.upper():
        raise ValidationError("Kunci publik rusak: ID dan isinya tidak cocok.")
    if public == raw_public(private_key(db)):
        raise ValidationError("Ini kunci publik dinas ini sendiri; yang diimpor adalah kunci kantor lain.")
    name = clean_office_name(office_name)
    with db.atomic():
        put_setting(db, f"certificates.key.{kid.upper()}", f"{b64}|{name}")
    return kid.upper()


def known_keys(db) -> list[tuple[str, str]]:
    """Other offices' keys this office trusts: (key id, office name)."""
    return sorted((key.removeprefix("certificates.key."), value.split("|", 1)[1])
                  for key, value in db.execute(
                      "SELECT key, value FROM settings WHERE key LIKE 'certificates.key.%'"))


def _clean(text: object) -> str:
    return " ".join(str(text or "").replace("|", "/").split())


class Signer:
    """The office's key, read (or made) once: a batch of certificates signs with it
    without reading the key again for each."""

    def __init__(self, db):
        self._key = private_key(db)
        self.key_id = key_id(raw_public(self._key))

    def sign(self, number: str, name: str, ident: str, jp: float, issued: str) -> str:
        """The QR's text: the certificate's facts and the office's signature over them."""
        body = "|".join([SCHEME, self.key_id, _clean(number), _clean(name), _clean(ident),
                         f"{jp:g}", issued])
        signature = base64.urlsafe_b64encode(self._key.sign(body.encode())).decode().rstrip("=")
        return f"{body}|{signature}"


def signed_text(db, number: str, name: str, ident: str, jp: float, issued: str) -> str:
    """The QR's text of one certificate (a batch uses one Signer)."""
    return Signer(db).sign(number, name, ident, jp, issued)


@dataclass
class Verification:
    status: str  # valid | invalid | voided | unknown_key | not_found
    message: str
    certificate: dict | None = None

    @property
    def ok(self) -> bool:
        return self.status == "valid"


# The QR says in words what it holds, for anyone who scans it with a phone; its last line
# is the office's signature over exactly those facts, which the app checks offline.
_QR_NUMBER, _QR_ISSUED, _QR_CHECK = "Sertifikat No. ", " JP, terbit ", "Cek keaslian: aplikasi Kemitraan Desktop"


def qr_text(verification: str, office: str = "") -> str:
    """The readable text of a certificate's QR code from its signed text: number, name,
    NIP or NUPTK, JP and date, the issuing office, how to check it, then the signature."""
    parts = (verification or "").split("|")
    if len(parts) != 8 or parts[0] != SCHEME:
        return verification or ""
    _scheme, kid, number, name, ident, jp, issued, signature = parts
    label = "NIP " if len(ident) == 18 else "NUPTK " if len(ident) == 16 else "ID "
    lines = [f"{_QR_NUMBER}{number}", name, f"{label}{ident}" if ident else "-",
             f"{jp}{_QR_ISSUED}{issued}"]
    if office.strip():
        lines.append(_clean(office))
    return "\n".join([*lines, _QR_CHECK, f"{SCHEME} {kid} {signature}"])


def _signed_parts(text: str) -> list[str]:
    """The eight signed fields of a QR, from its readable form or the older one-line form."""
    lines = [line.strip() for line in text.replace("\r", "").split("\n")]
    if len(lines) < 6 or not lines[0].startswith(_QR_NUMBER):
        return text.split("|")
    last = lines[-1].split(" ")
    ident = lines[2].split(" ", 1)[-1] if lines[2] != "-" else ""
    jp, _, issued = lines[3].partition(_QR_ISSUED)
    if len(last) != 3:
        return []
    return [last[0], last[1], lines[0][len(_QR_NUMBER):], lines[1], ident, jp, issued, last[2]]


def verify(db, text: str) -> Verification:
    """Check a QR text (or a bare number of this office's register) with no internet."""
    text = (text or "").strip()
    parts = _signed_parts(text)
    if len(parts) != 8 or parts[0] != SCHEME:
        row = next((r for r in register(db) if r["number"] == text), None)
        if row is None:
            return Verification("not_found", f"'{text}' bukan teks QR sertifikat dan tidak ada di "
                                "register kantor ini.")
        if row["voided"]:
            return Verification("voided", f"Sertifikat {text} DIBATALKAN: {row['void_reason']}.", row)
        return Verification("valid", f"Sertifikat {text} ada di register dan berlaku: "
                            f"{row['name']}, {row['jp']:g} JP.", row)
    _scheme, kid, number, name, ident, jp, issued, signature = parts
    own = key_id(raw_public(private_key(db)))
    if kid == own:
        public = raw_public(private_key(db))
        office_name = "kantor ini"
    else:
        stored = setting(db, f"certificates.key.{kid}")
        if not stored:
            return Verification("unknown_key", f"Sertifikat {number} ditandatangani kunci {kid} yang "
                                "belum dikenal; impor dulu kunci publik kantor penerbitnya.")
        b64, office_name = stored.split("|", 1)
        public = base64.b64decode(b64)
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    try:
        raw = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
        Ed25519PublicKey.from_public_bytes(public).verify(raw, "|".join(parts[:7]).encode())
    except (InvalidSignature, ValueError):
        return Verification("invalid", f"TIDAK SAH: isi sertifikat {number} tidak cocok dengan "
                            "tanda tangan digitalnya (ada yang diubah).")
    try:
        issued = ind.format_date(dt.date.fromisoformat(issued), with_weekday=False)
    except ValueError:
        pass  # signed as it stands; shown as it stands
    if kid == own:
        row = next((r for r in register(db) if r["number"] == number), None)
        if row is None:
            return Verification("invalid", f"TIDAK SAH: nomor {number} tidak ada di register.")
        if row["voided"]:
            return Verification("voided", f"Sertifikat {number} DIBATALKAN: {row['void_reason']}.", row)
        return Verification("valid", f"SAH: sertifikat {number} untuk {name}, {jp} JP, terbit "
                            f"{issued}, tercatat di register kantor ini.", row)
    return Verification("valid", f"SAH: sertifikat {number} untuk {name}, {jp} JP, terbit {issued}, "
                        f"ditandatangani {office_name}. Apakah sertifikat ini kemudian dibatalkan "
                        "hanya dapat dipastikan oleh kantor penerbitnya.")
