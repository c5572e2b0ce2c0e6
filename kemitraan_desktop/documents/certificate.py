"""The certificate (sertifikat) PDF: landscape A4 or F4, from the register's frozen data,
with the office's signed QR code; one PDF for a batch, or a ZIP of one PDF per person."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import segno
from reportlab.lib.units import cm, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from sqlite_utils import Database

from .. import activities, office
from .. import indonesia as ind
from ..certificates import (
    CALIBRATION_MM,
    IssuePlan,
    Template,
    check_background,
    describe_offset,
    qr_text,
)
from ..errors import Cancelled
from ..office import OfficeProfile
from ..programs import role_title
from ..views.certificates import (
    SAMPLE,
    CertificatesView,
    certificates_view,
    plan_view,
    sample_row,  # noqa: F401 - still reachable here, where it lived
    sample_view,
)
from . import frame

SERIF, SERIF_BOLD = "LiberationSans", "LiberationSans-Bold"


def _fit(text: str, font: str, size: float, width: float, smallest: float = 9) -> float:
    """The font size at which `text` fits on one line of `width` (never cut)."""
    needed = pdfmetrics.stringWidth(text, font, size)
    return size if needed <= width else max(smallest, size * width / needed)


QR_MIN_SIZE, QR_MAX_SIZE = 3.4 * cm, 4.6 * cm
QR_MODULE = 0.6 * 72 / 25.4  # 0.6 mm: 2.4 dots a module on a 100-dpi scan


def _qr(canvas: Canvas, text: str, x: float, y: float) -> float:
    """The QR as one filled path from segno's matrix: sharp and fast; returns its size.
    It grows with what it holds (a long name) so each module stays 0.6 mm where room
    allows, readable from a 100-dpi scan. A fixed mask pattern (any of the eight is valid)
    spares segno scoring all eight, 90% of its time; the runs of dark modules go out as
    raw 're' operators in module units under one transform."""
    code = segno.make(text, error="m", micro=False, mask=3)
    matrix = [list(row) for row in code.matrix]
    modules = len(matrix)
    size = min(QR_MAX_SIZE, max(QR_MIN_SIZE, modules * QR_MODULE))
    ops = []
    for r, row in enumerate(matrix):
        c = 0
        while c < modules:
            if row[c]:
                start = c
                while c < modules and row[c]:
                    c += 1
                ops.append(f"{start} {modules - r - 1} {c - start} 1 re")
            else:
                c += 1
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(size / modules, size / modules)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.addLiteral("\n".join(ops) + "\nf")
    canvas.restoreState()
    return size


NAME_SIZE = 24  # on two lines before it shrinks: it stays above "diberikan kepada" (13)


def name_lines(name: str, width: float) -> tuple[list[str], float]:
    """The name on one line at 24 pt; else on two lines, split where the longer line is
    shortest, at the largest size up to 24 pt; it shrinks further only when two lines at
    14 pt cannot hold it. Never cut."""
    return two_lines(name, SERIF_BOLD, NAME_SIZE, width)


def two_lines(text: str, font: str, size: float, width: float) -> tuple[list[str], float]:
    """`text` on one line at `size` if it fits, else split into two lines of about equal
    length, at `size` or smaller so the longer line fits `width`."""
    def wide(part: str) -> float:
        return pdfmetrics.stringWidth(part, font, size)

    if wide(text) <= width:
        return [text], size
    words = text.split()
    if len(words) < 2:
        return [text], _fit(text, font, size, width, smallest=6)
    first, second = min(((" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))),
                        key=lambda pair: max(wide(pair[0]), wide(pair[1])))
    return [first, second], max(6.0, min(size, size * width / max(wide(first), wide(second))))


def office_title(profile) -> str:
    """"Dinas Pendidikan Kota Pekalongan": the office as the QR names it."""
    name = " ".join(w if w.isupper() and len(w) <= 3 else w.capitalize()
                    for w in (profile.name or "").split())
    return " ".join(part for part in (name, profile.region) if part)


def _centre(canvas: Canvas, text: str, y: float, width: float, font: str, size: float,
            margin: float = 2.5 * cm) -> None:
    canvas.setFont(font, _fit(text, font, size, width - 2 * margin))
    canvas.drawCentredString(width / 2, y, text)


# The text starts at a fixed place under the kop's room (5 cm from the top edge; a taller
# kop pushes it down): the same place on every certificate, with or without the kop, as
# pre-printed paper in blanko mode needs.
FIXED_KOP_BOTTOM = 5.0 * cm
BACKGROUND_FORM = "certificate-background"


def _place_date(profile, row: dict, sign_off: frame.SignOff | None = None) -> str:
    """The office's city (or the chosen place) and the day the certificate was issued (or
    the chosen date)."""
    return frame.sign_off_line(profile, sign_off, day=dt.date.fromisoformat(row["issued_on"]))


def draw_certificate(canvas: Canvas, row: dict, profile, width: float, height: float,
                     place_date: str, template: Template | None = None) -> None:
    """One front page from a register row (frozen data). In blanko mode only the variable
    text is drawn, at the same places as on a full certificate."""
    frame.register_fonts()
    template = template or Template()
    blanko = template.blanko
    if template.background and not blanko:
        canvas.doForm(BACKGROUND_FORM)
    elif not blanko:
        canvas.setStrokeColorRGB(0.12, 0.3, 0.47)
        canvas.setLineWidth(3)
        canvas.rect(1 * cm, 1 * cm, width - 2 * cm, height - 2 * cm)
        canvas.setLineWidth(0.8)
        canvas.rect(1.25 * cm, 1.25 * cm, width - 2.5 * cm, height - 2.5 * cm)
    y = height - FIXED_KOP_BOTTOM
    if template.letterhead and not blanko:
        y = min(y, frame.draw_letterhead(canvas, profile, width, height - 1.6 * cm))
    y -= 1.3 * cm
    if not blanko:
        _centre(canvas, "SERTIFIKAT", y, width, SERIF_BOLD, 30)
    y -= 0.8 * cm
    _centre(canvas, f"Nomor: {row['number']}", y, width, SERIF, 12)
    if row.get("replaces_number"):
        _centre(canvas, f"(pengganti sertifikat nomor {row['replaces_number']} yang dibatalkan)",
                y - 0.42 * cm, width, SERIF, 8)
    y -= 1.0 * cm
    if not blanko:
        _centre(canvas, "diberikan kepada", y, width, SERIF, 13)
    y -= 1.1 * cm
    lines, size = name_lines(row["name"], width - 6 * cm)
    for number, line in enumerate(lines):  # wrapped onto two lines before it shrinks
        if number:
            y -= size * 1.15
        canvas.setFont(SERIF_BOLD, size)
        canvas.drawCentredString(width / 2, y, line)
    y -= 0.75 * cm
    ident = (f"NIP {ind.format_nip(row['nip'])}" if row.get("nip")
             else f"NUPTK {row['nuptk']}" if row.get("nuptk") else "")
    if ident:
        _centre(canvas, ident, y, width, SERIF, 12)
        y -= 0.6 * cm
    school = ", ".join(x for x in (row.get("school"), row.get("region")) if x)
    if school:
        school_lines, school_size = two_lines(school, SERIF, 12, width - 6 * cm)
        for line in school_lines:
            canvas.setFont(SERIF, school_size)
            canvas.drawCentredString(width / 2, y, line)
            y -= 0.5 * cm
        y -= 0.4 * cm
    _centre(canvas, activity_line(row), y, width, SERIF, 12)
    y -= 0.6 * cm
    role = f"sebagai {role_title(row['tier_label'], row.get('program_kind') or 'guru')}" + (
        f" mata pelajaran {row['subject']}" if row.get("subject") else "")
    _centre(canvas, role, y, width, SERIF, 13)
    y -= 0.65 * cm
    when = ind.format_date_range(dt.date.fromisoformat(row["start"]), dt.date.fromisoformat(row["end"]))
    place, city = row.get("place") or "", row.get("city") or ""
    where = place if city and city.casefold() in place.casefold() else ", ".join(x for x in (place, city) if x)
    _centre(canvas, f"pada {when}{' di ' + where if where else ''}, sebanyak "
            f"{activities.format_jp(row['jp'])} JP.", y, width, SERIF, 12)
    signatories = (row.get("signatories") or []) if template.signatories else []
    sig_y = 5.6 * cm
    x = width - 2.5 * cm - 8 * cm
    canvas.setFont(SERIF, 11)
    canvas.drawString(x, sig_y + 0.6 * cm, place_date)
    if signatories:
        _signature(canvas, signatories[0], x, sig_y)
    qr_size = 0.0
    if row.get("verification"):
        qr_size = _qr(canvas, qr_text(row["verification"], office_title(profile)), 2.5 * cm,
                      2.2 * cm)
        canvas.setFont(SERIF, 7)
        canvas.drawString(2.5 * cm, 1.75 * cm, "Pindai untuk memeriksa keaslian")
    if len(signatories) > 1:
        _signature(canvas, signatories[1], max(6.7 * cm, 2.5 * cm + qr_size + 0.8 * cm), sig_y)


def activity_line(row: dict) -> str:
    """'pada kegiatan On the Job Learning 1 Kota Pekalongan, program Kemitraan Guru SMP
    Tahun 2018,': the year is left out when the program's name already has it, the words
    "program" and "kegiatan" when the names begin with them."""
    program = row["program"]
    year = str(row.get("program_year") or "")
    if year and year not in program:
        program += f" Tahun {year}"
    activity = row["activity"]
    # a name that says "Program ..." (or "Kegiatan ...") itself is not given the word twice
    program = program if program.casefold().startswith("program ") else f"program {program}"
    activity = activity if activity.casefold().startswith("kegiatan ") else f"kegiatan {activity}"
    return f"telah mengikuti {activity}, {program},"


def _signature(canvas: Canvas, signatory: dict, x: float, y: float) -> None:
    canvas.setFont(SERIF, 11)
    lines = frame.wrap_words(signatory.get("position") or "", SERIF, 11, 8 * cm)
    for line in lines:
        canvas.drawString(x, y, line)
        y -= 13
    y -= 1.9 * cm
    name = signatory.get("name") or ""
    canvas.setFont(SERIF_BOLD, 11)
    canvas.drawString(x, y, name)
    canvas.line(x, y - 2, x + pdfmetrics.stringWidth(name, SERIF_BOLD, 11), y - 2)
    canvas.setFont(SERIF, 11)
    for text in (signatory.get("rank"), f"NIP {ind.format_nip(signatory['nip'])}" if signatory.get("nip") else ""):
        if text:
            y -= 13
            canvas.drawString(x, y, text)


def draw_back(canvas: Canvas, row: dict, width: float, height: float,
              live: tuple | list = ()) -> None:
    """'Struktur Program': the rundown's subjects with their JP as frozen at issue (`live`,
    the rundown as it is now, for certificates issued before it was frozen), their total,
    and the JP this person earned when it is less. Every subject is listed; a long list
    gets a smaller font."""
    items = row.get("structure")
    if items is None:
        items = live
    y = height - 3 * cm
    _centre(canvas, "STRUKTUR PROGRAM", y, width, SERIF_BOLD, 16)
    y -= 0.7 * cm
    _centre(canvas, row["activity"], y, width, SERIF, 11)
    y -= 1.0 * cm
    bottom = 3.2 * cm
    lead = min(14.0, (y - bottom) / max(len(items) + 2, 1))
    size = min(10.0, lead * 0.75)
    left, right = 4 * cm, width - 4 * cm
    canvas.setLineWidth(0.5)
    canvas.line(left, y + lead * 0.75, right, y + lead * 0.75)
    for number, (description, jp) in enumerate(items, start=1):
        canvas.setFont(SERIF, size)
        text = f"{number}.  {description}"
        room = right - left - 2 * cm
        while pdfmetrics.stringWidth(text, SERIF, size) > room and len(text) > 10:
            text = text[:-2].rstrip() + "…" if not text.endswith("…") else text[:-2] + "…"
        canvas.drawString(left, y, text)
        canvas.drawRightString(right, y, f"{activities.format_jp(jp)} JP")
        y -= lead
    canvas.line(left, y + lead * 0.75, right, y + lead * 0.75)
    total = sum(jp for _d, jp in items)
    canvas.setFont(SERIF_BOLD, 11)
    canvas.drawString(left, y - 4, "Jumlah")
    canvas.drawRightString(right, y - 4, f"{activities.format_jp(total)} JP")
    if items and abs(total - row["jp"]) > 1e-9:
        canvas.setFont(SERIF, 10)
        canvas.drawString(left, y - 20, "JP yang diikuti pemegang sertifikat ini")
        canvas.drawRightString(right, y - 20, f"{activities.format_jp(row['jp'])} JP")


def _write(path: Path, data: bytes) -> Path:
    frame.write_file(path, data)  # StorageError, in Indonesian, when it cannot be written
    return path


def _landscape(paper: str) -> tuple[float, float]:
    width, height = frame.page_size(paper)
    return max(width, height), min(width, height)


def _new_canvas(buffer, size, template: Template) -> Canvas:
    """A canvas with the background, if any, stored once as a form every page reuses (an
    A4 scan is 25 MB of pixels; drawn per page, 1,000 certificates would not fit in memory)."""
    from reportlab.lib.utils import ImageReader

    canvas = Canvas(buffer, pagesize=size)
    canvas.setTitle("Sertifikat")
    canvas.setCreator("Kemitraan Desktop")
    if template.background and not template.blanko:
        canvas.beginForm(BACKGROUND_FORM)
        # kept in proportion and centred: a design made for A4 on F4 paper is not distorted
        # one stored before backgrounds were measured at saving is measured (and scaled) now
        background = check_background(template.background, "latar sertifikat yang tersimpan")
        canvas.drawImage(ImageReader(io.BytesIO(background)), 0, 0, *size,
                         preserveAspectRatio=True, anchor="c")
        canvas.endForm()
    return canvas


def render(view: CertificatesView, *, paper: str | None = None, back: bool = False,
           sign_off: frame.SignOff | None = None, progress: Callable | None = None,
           cancelled: Callable[[], bool] | None = None) -> bytes:
    """The certificates of `view` as one PDF (`paper` or the office's), each moved by the
    view's printer offset; `back` adds each one's 'Struktur Program' page. Reads nothing
    but the view."""
    template, rows, offset = view.template, view.rows, view.offset
    size = _landscape(paper or view.profile.paper)
    buffer = io.BytesIO()
    canvas = _new_canvas(buffer, size, template)
    for done, row in enumerate(rows, start=1):
        canvas.saveState()
        canvas.translate(offset[0] * mm, -offset[1] * mm)
        draw_certificate(canvas, row, view.profile, *size,
                         _place_date(view.profile, row, sign_off), template)
        canvas.restoreState()
        canvas.showPage()
        if back:
            draw_back(canvas, row, *size, view.structure)
            canvas.showPage()
        if cancelled and cancelled():
            raise Cancelled()
        if progress and len(rows) > 1 and done % 50 == 0:
            progress(done, len(rows), "Menyusun sertifikat...")
    canvas.save()
    return buffer.getvalue()


def print_certificates(db: Database, activity_id: int, path: str | os.PathLike, *,
                       paper: str | None = None, back: bool = False,
                       sign_off: frame.SignOff | None = None,
                       numbers: list[str] | None = None,
                       template: Template | None = None,
                       blanko: bool | None = None, offset: tuple[float, float] | None = None,
                       printer: str | None = None,
                       progress: Callable | None = None,
                       cancelled: Callable[[], bool] | None = None) -> Path:
    """The activity's valid certificates (or those `numbers`): one PDF, or (path ending
    .zip) one PDF per person named `<number>_<name>.pdf`. The template is the office's
    unless given; `blanko` overrides its mode; the offset is `printer`'s calibration
    unless given."""
    view = certificates_view(db, activity_id, numbers=numbers, template=template,
                             blanko=blanko, offset=offset, printer=printer)
    return write_certificates(view, path, paper=paper, back=back, sign_off=sign_off,
                              progress=progress, cancelled=cancelled)


def write_certificates(view: CertificatesView, path: str | os.PathLike, *,
                       paper: str | None = None, back: bool = False,
                       sign_off: frame.SignOff | None = None,
                       progress: Callable | None = None,
                       cancelled: Callable[[], bool] | None = None) -> Path:
    """Write `view`'s certificates to `path`: one PDF, or (path ending .zip) one PDF per
    person (see print_certificates); reads nothing but the view."""
    path = frame.check_destination(Path(path))
    options = dict(paper=paper, back=back, sign_off=sign_off)
    if path.suffix.lower() != ".zip":
        return _write(path, render(view, progress=progress, cancelled=cancelled, **options))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for index, row in enumerate(view.rows, start=1):
            one = dataclasses.replace(view, rows=(row,))
            zipped.writestr(zip_name(row), render(one, **options))
            if progress and index % 20 == 0:
                progress(index, len(view.rows), "Menyusun sertifikat...")
            if cancelled and cancelled():
                raise Cancelled()
    return _write(path, archive.getvalue())


def zip_name(row: dict) -> str:
    """`421.3-001-DINDIK-IX-2018_Siti Aminah, S.Pd..pdf`: safe on every file system."""
    name = re.sub(r"[^A-Za-z0-9.,_ -]+", "-", f"{row['number']}_{row['name']}").strip(" .")
    return name[:150] + ".pdf"


def print_sample(db: Database, path: str | os.PathLike, *,
                 template: Template | None = None, paper: str | None = None) -> Path:
    """One certificate with the given template: the settings' live preview."""
    return _write(Path(path), render(sample_view(db, template=template), paper=paper))


def print_plan(db: Database, plan: IssuePlan, path: str | os.PathLike, *,
               paper: str | None = None) -> Path:
    """The certificates an issue would make, before anything is written: the issue preview."""
    return _write(Path(path), render(plan_view(db, plan), paper=paper))


def print_calibration(db: Database, path: str | os.PathLike, *, paper: str | None = None,
                      offset: tuple[float, float] = (0.0, 0.0), printer: str = "") -> Path:
    """The printer test page, printed with `offset`: a line 20 mm from the left edge and
    one 20 mm from the top, to be measured with a ruler (a scale printed by the same
    printer would move with its error); and the blanko text of an example certificate
    (fictitious, never a real one) in grey, to hold against the pre-printed paper."""
    return render_calibration(office.load_profile(db), path, paper=paper, offset=offset,
                              printer=printer)


def render_calibration(profile: OfficeProfile, path: str | os.PathLike, *,
                       paper: str | None = None, offset: tuple[float, float] = (0.0, 0.0),
                       printer: str = "") -> Path:
    """The printer test page (see print_calibration) on the office's paper and letterhead."""
    frame.register_fonts()
    size = width, height = _landscape(paper or profile.paper)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size)
    canvas.setTitle("Halaman uji printer sertifikat")
    canvas.saveState()
    canvas.translate(offset[0] * mm, -offset[1] * mm)
    canvas.setFillGray(0.55)
    draw_certificate(canvas, {**SAMPLE, "verification": ""}, profile, width, height,
                     "Kota Contoh, 16 September 2018", Template(blanko=True))
    canvas.setFillGray(0)
    nominal = CALIBRATION_MM * mm
    canvas.setLineWidth(0.5)
    canvas.line(nominal, 0, nominal, height)  # 20 mm from the left edge
    canvas.line(0, height - nominal, width, height - nominal)  # 20 mm from the top edge
    canvas.setFont(SERIF_BOLD, 8)
    canvas.drawString(nominal + 4, 2.2 * cm, "<- ukur dari tepi kiri kertas ke garis ini: 20 mm")
    canvas.drawString(width * 0.55, height - nominal + 4, "ukur dari tepi atas kertas ke garis ini: 20 mm")
    canvas.restoreState()
    canvas.setFont(SERIF_BOLD, 12)
    canvas.drawString(3.5 * cm, height - 3.4 * cm, "HALAMAN UJI PRINTER SERTIFIKAT"
                      + (f": {printer}" if printer else ""))
    canvas.setFont(SERIF, 9)
    lines = [
        "1. Cetak halaman ini pada printer yang akan dipakai, kertas "
        f"{(paper or profile.paper).upper()} mendatar, skala 100% (jangan 'Fit to page').",
        "2. Ukur dengan penggaris jarak GARIS TEGAK dari tepi kiri kertas, dan jarak GARIS MENDATAR "
        "dari tepi atas kertas. Seharusnya keduanya 20 mm.",
        "3. Isikan kedua ukuran itu di Sertifikat > Kalibrasi printer; aplikasi menghitung "
        "gesernya. Cetak lagi halaman ini untuk memeriksa.",
        "4. Teks abu-abu adalah contoh isi sertifikat mode blanko: letakkan di atas kertas "
        "sertifikat pracetak untuk memeriksa letaknya.",
        f"Halaman ini dicetak dengan geser: {describe_offset(*offset)}.",
    ]
    y = height - 4.0 * cm
    for line in lines:
        canvas.drawString(3.5 * cm, y, line)
        y -= 12
    canvas.showPage()
    canvas.save()
    return _write(Path(path), buffer.getvalue())
