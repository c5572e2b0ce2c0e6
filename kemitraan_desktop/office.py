"""The office profile: letterhead identity, paper and signatories, kept in the database."""

from __future__ import annotations

import base64
import functools
from dataclasses import asdict, dataclass, field, fields

from sqlite_utils import Database

from . import indonesia as ind
from . import photos
from .errors import ValidationError

LOGO_MAX_BYTES = 2_000_000
# The logo prints 2.5 cm wide: 1000 pixels is 1000 dpi, more than any printer needs.
LOGO_LONG_SIDE = 1000
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


@dataclass
class Signatory:
    position: str = ""  # "Kepala Dinas Pendidikan Kota Pekalongan"
    name: str = ""  # with titles, exactly as written: "Drs. Haryono Wicaksono, M.Pd."
    rank: str = ""  # "Pembina Utama Muda, IV/c"
    nip: str = ""

    @property
    def nip_printed(self) -> str:
        return ind.format_nip(self.nip)


@dataclass
class OfficeProfile:
    government: str = ""  # "PEMERINTAH KOTA PEKALONGAN"
    name: str = ""  # "DINAS PENDIDIKAN"
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    city: str = ""  # used in date lines: "Pekalongan, 12 September 2018"
    paper: str = "a4"
    logo: bytes = b""
    head: Signatory = field(default_factory=Signatory)
    second: Signatory = field(default_factory=Signatory)

    @property
    def is_set_up(self) -> bool:
        return bool(self.government and self.name)

    @property
    def region(self) -> str:
        """The office's kab/kota or province as a name: "PEMERINTAH KOTA SEMARANG" ->
        "Kota Semarang"; the signing city when the letterhead says nothing; "" unknown."""
        words = self.government.split()
        if words and words[0].upper() == "PEMERINTAH":
            words = words[1:]
        if words:
            return " ".join(w if len(w) <= 3 else w.capitalize()
                            for w in words)
        return f"Kota {self.city}" if self.city else ""


def signing_place(profile: OfficeProfile, region: str) -> str:
    """Where a document about an activity is signed: the office's city when the activity
    is in the office's own kab/kota (or its place is unknown), else the activity's kab/kota
    by its name ("Kabupaten Gorontalo" -> "Gorontalo")."""
    own = profile.region.casefold()
    if not region or not profile.city or region.casefold() == own or own.endswith(region.casefold()):
        return profile.city
    words = region.split()
    if len(words) > 1 and words[0].casefold() in ("kabupaten", "kab.", "kota", "provinsi"):
        words = words[1:]
    return " ".join(words)


_TEXT_KEYS = ("government", "name", "address", "phone", "email", "website", "city", "paper")
_SIGNATORY_KEYS = tuple(f.name for f in fields(Signatory))


def load_profile(db: Database) -> OfficeProfile:
    stored = dict(db.execute("SELECT key, value FROM settings WHERE key LIKE 'office.%'").fetchall())
    profile = OfficeProfile(**{k: stored.get(f"office.{k}", "") or "" for k in _TEXT_KEYS})
    profile.paper = profile.paper if profile.paper in ind.PAPER_SIZES else "a4"
    logo = stored.get("office.logo")
    profile.logo = base64.b64decode(logo) if logo else b""
    for who in ("head", "second"):
        setattr(profile, who, Signatory(**{k: stored.get(f"office.{who}_{k}", "") or ""
                                           for k in _SIGNATORY_KEYS}))
    return profile


def validate_profile(profile: OfficeProfile) -> dict[str, str]:
    """Field -> message for everything wrong; empty when the profile can be saved."""
    errors = {}
    if not profile.government.strip():
        errors["government"] = "Nama pemerintah daerah wajib diisi (contoh: PEMERINTAH KOTA PEKALONGAN)"
    if not profile.name.strip():
        errors["name"] = "Nama dinas wajib diisi (contoh: DINAS PENDIDIKAN)"
    if profile.email.strip():
        try:
            ind.normalize_email(profile.email)
        except ValueError as exc:
            errors["email"] = str(exc)
    if profile.paper not in ind.PAPER_SIZES:
        errors["paper"] = "Ukuran kertas harus A4 atau F4"
    if profile.logo and (len(profile.logo) > LOGO_MAX_BYTES
                         or not profile.logo.startswith(_IMAGE_MAGIC)):
        errors["logo"] = "Logo harus gambar PNG atau JPG, paling besar 2 MB"
    size = photos.declared_size(profile.logo) if "logo" not in errors and profile.logo else None
    limit = photos.pixel_limit("JPEG" if profile.logo.startswith(b"\xff\xd8") else "PNG")
    if size and size[0] * size[1] > limit:  # measured from the header, nothing decoded
        errors["logo"] = (f"Logo terlalu besar: {size[0]} x {size[1]} piksel (paling banyak "
                          f"{limit // 1_000_000} juta piksel); kecilkan dulu")
    for who in ("head", "second"):
        nip = getattr(profile, who).nip.strip()
        if nip:
            try:
                ind.validate_nip(nip)
            except ValueError as exc:
                errors[f"{who}_nip"] = str(exc)
    return errors


def save_profile(db: Database, profile: OfficeProfile) -> None:
    """Store the profile (one transaction). Raises ValidationError naming each field."""
    errors = validate_profile(profile)
    if errors:
        raise ValidationError(next(iter(errors.values())), problems=list(errors.items()))
    values = {f"office.{k}": getattr(profile, k).strip() for k in _TEXT_KEYS}
    if profile.logo:
        try:
            logo = fitted_logo(profile.logo)
        except ValidationError as exc:
            raise ValidationError(exc.message, problems=[("logo", exc.message)],
                                  technical=exc.technical) from None
        values["office.logo"] = base64.b64encode(logo).decode("ascii")
    else:
        values["office.logo"] = ""
    for who in ("head", "second"):
        for key, value in asdict(getattr(profile, who)).items():
            value = value.strip()
            values[f"office.{who}_{key}"] = ind.id_digits(value) if key == "nip" else value
    with db.atomic():
        db.conn.executemany("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                            list(values.items()))


def fitted_logo(data: bytes, name: str = "logo") -> bytes:
    """The logo as it is kept: the file itself, or scaled down to LOGO_LONG_SIDE in its own
    format (a PNG keeps its transparency). A logo that does not open, or is over the pixel
    limit, raises ValidationError saying so in Indonesian."""
    return photos.fitted_bytes(
        data, name, long_side=LOGO_LONG_SIDE, error=ValidationError, what="Logo",
        refused=f"Logo '{name}' rusak atau bukan gambar PNG/JPG yang utuh; pilih gambar lain. "
                "Tidak ada yang disimpan.")


@functools.lru_cache(maxsize=4)
def printable_logo(data: bytes) -> bytes:
    """The stored logo as a document draws it (one stored before its size was checked is
    scaled here, once). One that cannot be drawn raises ValidationError: a document never
    leaves the kop surat's logo out without saying so."""
    try:
        return fitted_logo(data, "logo dinas")
    except ValidationError as exc:
        raise ValidationError(
            "Logo dinas yang tersimpan tidak dapat dicetak (rusak atau terlalu besar); ganti "
            "atau hapus logonya di Pengaturan, lalu cetak lagi.",
            technical=exc.technical or exc.message) from None


def include_nik(db: Database) -> bool:
    """Whether roster exports carry the NIK (off unless the office turns it on)."""
    row = db.execute("SELECT value FROM settings WHERE key = 'export.include_nik'").fetchone()
    return bool(row and row[0] == "1")


def set_include_nik(db: Database, value: bool) -> None:
    with db.atomic():
        db.execute("INSERT INTO settings (key, value) VALUES ('export.include_nik', ?) ON CONFLICT "
                   "(key) DO UPDATE SET value = excluded.value", ["1" if value else "0"])
