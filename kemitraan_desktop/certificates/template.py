"""How certificates are drawn and printed: the office's template (background design,
letterhead, signatures, blanko mode) and each printer's calibrated offset."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from .. import indonesia as ind
from .. import photos
from ..errors import ValidationError
from .numbering import put_setting

BACKGROUND_MAX_BYTES = 8_000_000
# The longest side printing needs: an F4 page (330 mm) at 300 dpi; A4 needs 3508.
BACKGROUND_LONG_SIDE = 3900
CALIBRATION_MM = 20.0  # the test page's lines stand this far from the left and top edges
OFFSET_LIMIT_MM = 30.0


@dataclass
class Template:
    """How the certificate is drawn. `background`: the office's own design (PNG/JPG) over the
    whole page; `letterhead`: draw the kop surat (off when the design has its own);
    `signatories`: print the signature blocks; `blanko`: print only the variable text
    (number, name, ID, school, role, activity, dates, JP, issue date, QR) onto pre-printed
    paper."""
    background: bytes = b""
    letterhead: bool = True
    signatories: bool = True
    blanko: bool = False


def load_template(db) -> Template:
    stored = dict(db.execute("SELECT key, value FROM settings WHERE key LIKE 'certificates.template.%'"))

    def flag(name: str, default: bool) -> bool:
        value = stored.get(f"certificates.template.{name}")
        return default if value is None else value == "1"
    background = stored.get("certificates.template.background")
    return Template(base64.b64decode(background) if background else b"", flag("letterhead", True),
                    flag("signatories", True), flag("blanko", False))


def check_background(data: bytes, name: str = "gambar") -> bytes:
    """A background must be a PNG or JPG of at most 8 MB and BACKGROUND_MAX_PIXELS that
    opens; returns what is kept: the file itself, or scaled down to what printing needs
    (BACKGROUND_LONG_SIDE, an F4 page at 300 dpi) when it is larger."""
    if not data:
        raise ValidationError(f"Berkas {name} kosong.")
    if len(data) > BACKGROUND_MAX_BYTES:
        raise ValidationError(f"Berkas {name} {len(data) / 1e6:.1f} MB; latar sertifikat paling "
                              "besar 8 MB (simpan ulang sebagai JPG).")
    if not data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        raise ValidationError(f"Berkas {name} bukan gambar PNG atau JPG.")
    size = photos.declared_size(data)
    if size and min(size) < 200:
        raise ValidationError(f"Gambar {name} terlalu kecil ({size[0]} x {size[1]} piksel); pakai "
                              "gambar selebar halaman, misalnya 3508 x 2480 piksel.")
    return photos.fitted_bytes(data, name, long_side=BACKGROUND_LONG_SIDE, error=ValidationError,
                               what="Latar sertifikat", min_side=200,
                               refused=f"Berkas {name} rusak: gambarnya tidak dapat dibuka.")


def save_template(db, template: Template) -> Template:
    if template.background:
        template.background = check_background(template.background)
    values = {"background": base64.b64encode(template.background).decode(),
              "letterhead": "1" if template.letterhead else "0",
              "signatories": "1" if template.signatories else "0",
              "blanko": "1" if template.blanko else "0"}
    with db.atomic():
        for name, value in values.items():
            put_setting(db, f"certificates.template.{name}", value)
    return template


# ---------------------------------------------------------------- printer offsets

def printer_offsets(db) -> dict[str, tuple[float, float]]:
    """Printer name -> (right, down) in mm, as calibrated."""
    offsets = {}
    for key, value in db.execute("SELECT key, value FROM settings WHERE key LIKE 'certificates.offset.%'"):
        try:
            dx, dy = (float(v) for v in value.split(","))
        except ValueError:
            continue
        offsets[key.removeprefix("certificates.offset.")] = (dx, dy)
    return offsets


def printer_offset(db, printer: str | None) -> tuple[float, float]:
    return printer_offsets(db).get((printer or "").strip(), (0.0, 0.0))


def forget_printer(db, printer: str) -> None:
    with db.atomic():
        db.execute("DELETE FROM settings WHERE key = ?", [f"certificates.offset.{printer}"])


def set_printer_offset(db, printer: str, right_mm: float, down_mm: float) -> None:
    printer = (printer or "").strip()
    if not printer:
        raise ValidationError("Pilih atau tulis nama printer yang dikalibrasi.")
    for value in (right_mm, down_mm):
        if abs(value) > OFFSET_LIMIT_MM:
            raise ValidationError(f"Geser {value:g} mm terlalu besar (paling banyak "
                                  f"{OFFSET_LIMIT_MM:g} mm); ukur ulang halaman uji.")
    with db.atomic():
        put_setting(db, f"certificates.offset.{printer}", f"{right_mm:g},{down_mm:g}")


def offset_from_measurement(left_mm: float, top_mm: float) -> tuple[float, float]:
    """The offset that puts the test page's lines where they belong: measured 23 mm from
    the left edge instead of 20 means the printer prints 3 mm too far right: -3."""
    return round(CALIBRATION_MM - left_mm, 1), round(CALIBRATION_MM - top_mm, 1)


def describe_offset(right_mm: float, down_mm: float) -> str:
    """'2,5 mm ke kiri, 1 mm ke bawah', as an office reads it; 'tanpa geser' for none."""
    def one(value: float, plus: str, minus: str) -> str:
        return f"{abs(value):g}".replace(".", ",") + f" mm ke {plus if value >= 0 else minus}"
    if not right_mm and not down_mm:
        return "tanpa geser"
    return f"{one(right_mm, 'kanan', 'kiri')}, {one(down_mm, 'bawah', 'atas')}"


def parse_offset(text: str) -> tuple[float, float]:
    """'-1.5,2' (mm right, mm down), as the CLI takes it."""
    try:
        dx, dy = (ind.parse_number(v) for v in text.replace(" ", "").split(";" if ";" in text else ","))
    except ValueError:
        raise ValidationError(f"Geser '{text}' tidak dikenali; tulis mm ke kanan dan ke bawah, "
                              "misalnya -1.5,2") from None
    for value in (dx, dy):
        if abs(value) > OFFSET_LIMIT_MM:
            raise ValidationError(f"Geser {value:g} mm terlalu besar (paling banyak {OFFSET_LIMIT_MM:g} mm).")
    return dx, dy
