"""The shared page frame: embedded fonts, the letterhead (kop surat) and the signature block."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path
from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from .. import indonesia as ind
from ..errors import StorageError
from ..office import OfficeProfile, Signatory
from ..resources import resource_path

SANS, SANS_BOLD = "LiberationSans", "LiberationSans-Bold"
# Tata naskah dinas: top 2.5 cm, bottom 3 cm, left 3 cm, right 2.5 cm.
MARGINS = {"top": 2.5 * cm, "bottom": 3 * cm, "left": 3 * cm, "right": 2.5 * cm}
_FONTS = {SANS: "LiberationSans-Regular.ttf", SANS_BOLD: "LiberationSans-Bold.ttf",
          "LiberationSans-Italic": "LiberationSans-Italic.ttf"}


def register_fonts() -> None:
    """Embed Liberation Sans (Arial's metrics) so a page looks as the office typed it."""
    for name, filename in _FONTS.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))


def escape(text: object) -> str:
    """User text made safe for a reportlab Paragraph (`<`, `&`, quotes print as written)."""
    return _xml_escape(str(text or ""), {'"': "&quot;"})


def page_size(paper: str) -> tuple[float, float]:
    return ind.PAPER_SIZES.get(paper, ind.PAPER_SIZES["a4"])


def draw_letterhead(canvas: Canvas, profile: OfficeProfile, width: float, top: float) -> float:
    """Draw the kop surat from `top` down; returns the y just under its double rule."""
    register_fonts()
    left, right = MARGINS["left"] - 1 * cm, width - MARGINS["right"] + 0.5 * cm
    logo_size = 2.5 * cm
    if profile.logo:
        try:
            canvas.drawImage(ImageReader(io.BytesIO(profile.logo)), left, top - logo_size,
                             logo_size, logo_size, preserveAspectRatio=True, mask="auto")
        except Exception:  # noqa: BLE001 - a damaged logo must not stop the document
            pass
    centre = (left + logo_size + right) / 2 if profile.logo else width / 2
    y = top - 16
    lines = [(profile.government.upper(), SANS, 14), (profile.name.upper(), SANS_BOLD, 16)]
    contact = " ".join(part for part in (
        profile.address, f"Telp. {profile.phone}" if profile.phone else "") if part)
    web = "  ".join(part for part in (
        f"Email: {profile.email}" if profile.email else "",
        f"Laman: {profile.website}" if profile.website else "") if part)
    lines += [(text, SANS, 10) for text in (contact, web) if text]
    for text, font, size in lines:
        canvas.setFont(font, _fit(text, font, size, right - left - logo_size))
        canvas.drawCentredString(centre, y, text)
        y -= size + 4
    y = min(y, top - logo_size) - 4
    canvas.setLineWidth(2.2)
    canvas.line(left, y, right, y)
    canvas.setLineWidth(0.7)
    canvas.line(left, y - 3, right, y - 3)
    return y - 3


def _fit(text: str, font: str, size: float, width: float) -> float:
    """The font size at which `text` fits `width`, never larger than `size`."""
    needed = pdfmetrics.stringWidth(text, font, size)
    return size if needed <= width else max(6.0, size * width / needed)


def draw_signature(canvas: Canvas, signatory: Signatory, x: float, y: float, *,
                   place_date: str = "") -> float:
    """A signature block with its left edge at x, from y down; returns the y below it."""
    register_fonts()
    canvas.setFont(SANS, 11)
    if place_date:
        canvas.drawString(x, y, place_date)
        y -= 15
    for line in _wrap(signatory.position, SANS, 11, 7.5 * cm):
        canvas.drawString(x, y, line)
        y -= 14
    y -= 2.5 * cm
    canvas.setFont(SANS_BOLD, 11)
    canvas.drawString(x, y, signatory.name)
    canvas.line(x, y - 2, x + pdfmetrics.stringWidth(signatory.name, SANS_BOLD, 11), y - 2)
    canvas.setFont(SANS, 11)
    for text in (signatory.rank, f"NIP {signatory.nip_printed}" if signatory.nip else ""):
        if text:
            y -= 14
            canvas.drawString(x, y, text)
    return y - 14


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and pdfmetrics.stringWidth(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines


def letterhead_preview(profile: OfficeProfile, path: str | os.PathLike,
                       today: dt.date | None = None) -> Path:
    """One page showing the letterhead and the signatories as documents will print them."""
    path = Path(path)
    width, height = page_size(profile.paper)
    canvas = Canvas(str(path), pagesize=(width, height))
    canvas.setTitle("Pratinjau kop surat")
    y = draw_letterhead(canvas, profile, width, height - 1.5 * cm) - 1.2 * cm
    canvas.setFont(SANS_BOLD, 12)
    canvas.drawCentredString(width / 2, y, "CONTOH DOKUMEN")
    canvas.setFont(SANS, 11)
    canvas.drawCentredString(width / 2, y - 16, f"Kertas {profile.paper.upper()}")
    date_line = f"{profile.city}, {ind.format_date(today or dt.date.today(), with_weekday=False)}"
    sig_y = y - 3 * cm
    if profile.second.name:
        draw_signature(canvas, profile.second, MARGINS["left"], sig_y - 15)
    draw_signature(canvas, profile.head, width - MARGINS["right"] - 7.5 * cm, sig_y,
                   place_date=date_line)
    try:
        canvas.save()
    except OSError as exc:
        raise StorageError(f"Pratinjau kop surat tidak dapat ditulis ke '{path}': "
                           f"{exc.strerror or exc}.") from exc
    return path
