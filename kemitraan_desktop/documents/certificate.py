"""The certificate (sertifikat) PDF: landscape A4 or F4, from the register's frozen data,
with the office's signed QR code; one PDF for a batch, or a ZIP of one PDF per person."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import segno
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from sqlite_utils import Database

from .. import activities, certificates, office
from .. import indonesia as ind
from ..errors import Cancelled, NotFoundError
from . import frame

SERIF, SERIF_BOLD = "LiberationSans", "LiberationSans-Bold"


def _fit(text: str, font: str, size: float, width: float, smallest: float = 9) -> float:
    """The font size at which `text` fits on one line of `width` (never cut)."""
    needed = pdfmetrics.stringWidth(text, font, size)
    return size if needed <= width else max(smallest, size * width / needed)


def _qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """The QR as one filled path from segno's matrix: sharp and fast. A fixed mask pattern
    (any of the eight is valid) spares segno scoring all eight, 90% of its time; the runs
    of dark modules go out as raw 're' operators in module units under one transform."""
    code = segno.make(text, error="m", micro=False, mask=3)
    matrix = [list(row) for row in code.matrix]
    modules = len(matrix)
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


def _centre(canvas: Canvas, text: str, y: float, width: float, font: str, size: float,
            margin: float = 2.5 * cm) -> None:
    canvas.setFont(font, _fit(text, font, size, width - 2 * margin))
    canvas.drawCentredString(width / 2, y, text)


def draw_certificate(canvas: Canvas, row: dict, profile, width: float, height: float,
                     place_date: str) -> None:
    """One front page from a register row (frozen data)."""
    frame.register_fonts()
    canvas.setStrokeColorRGB(0.12, 0.3, 0.47)
    canvas.setLineWidth(3)
    canvas.rect(1 * cm, 1 * cm, width - 2 * cm, height - 2 * cm)
    canvas.setLineWidth(0.8)
    canvas.rect(1.25 * cm, 1.25 * cm, width - 2.5 * cm, height - 2.5 * cm)
    y = frame.draw_letterhead(canvas, profile, width, height - 1.6 * cm) - 1.3 * cm
    _centre(canvas, "SERTIFIKAT", y, width, SERIF_BOLD, 30)
    y -= 0.8 * cm
    _centre(canvas, f"Nomor: {row['number']}", y, width, SERIF, 12)
    y -= 1.0 * cm
    _centre(canvas, "diberikan kepada", y, width, SERIF, 13)
    y -= 1.1 * cm
    _centre(canvas, row["name"], y, width, SERIF_BOLD, 24, margin=3 * cm)  # shrunk, never cut
    y -= 0.75 * cm
    ident = (f"NIP {ind.format_nip(row['nip'])}" if row.get("nip")
             else f"NUPTK {row['nuptk']}" if row.get("nuptk") else "")
    if ident:
        _centre(canvas, ident, y, width, SERIF, 12)
        y -= 0.6 * cm
    school = ", ".join(x for x in (row.get("school"), row.get("region")) if x)
    if school:
        _centre(canvas, school, y, width, SERIF, 12)
        y -= 0.9 * cm
    role = f"sebagai {row['tier_label']}" + (f" mata pelajaran {row['subject']}" if row.get("subject") else "")
    _centre(canvas, role, y, width, SERIF, 13)
    y -= 0.65 * cm
    _centre(canvas, f"pada {row['kind']} {row['activity']}, {row['program']} Tahun {row['program_year']},",
            y, width, SERIF, 12)
    y -= 0.6 * cm
    when = ind.format_date_range(dt.date.fromisoformat(row["start"]), dt.date.fromisoformat(row["end"]))
    place, city = row.get("place") or "", row.get("city") or ""
    where = place if city and city.casefold() in place.casefold() else ", ".join(x for x in (place, city) if x)
    _centre(canvas, f"{when}{' di ' + where if where else ''}, sebanyak {activities.format_jp(row['jp'])} JP.",
            y, width, SERIF, 12)
    signatories = row.get("signatories") or []
    sig_y = 5.6 * cm
    if signatories:
        first = signatories[0]
        x = width - 2.5 * cm - 8 * cm
        canvas.setFont(SERIF, 11)
        canvas.drawString(x, sig_y + 0.6 * cm, place_date)
        _signature(canvas, first, x, sig_y)
    if len(signatories) > 1:
        _signature(canvas, signatories[1], 2.5 * cm + 4.2 * cm, sig_y)
    if row.get("verification"):
        _qr(canvas, row["verification"], 2.5 * cm, 2.2 * cm, 3.4 * cm)
        canvas.setFont(SERIF, 7)
        canvas.drawString(2.5 * cm, 1.75 * cm, "Pindai untuk memeriksa keaslian")


def _signature(canvas: Canvas, signatory: dict, x: float, y: float) -> None:
    canvas.setFont(SERIF, 11)
    lines = frame._wrap(signatory.get("position") or "", SERIF, 11, 8 * cm)
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


def draw_back(canvas: Canvas, db: Database, row: dict, width: float, height: float) -> None:
    """'Struktur Program': the rundown's items with JP, and the total."""
    items = [i for i in activities.list_items(db, row["activity_id"]) if i.jp] if row.get("activity_id") else []
    y = height - 3 * cm
    _centre(canvas, "STRUKTUR PROGRAM", y, width, SERIF_BOLD, 16)
    y -= 1.2 * cm
    canvas.setFont(SERIF, 10)
    seen: set[tuple] = set()
    for item in items:
        key = (item.day, item.start, item.description)
        if key in seen or y < 3 * cm:
            continue
        seen.add(key)
        canvas.drawString(4 * cm, y, item.description[:110])
        canvas.drawRightString(width - 4 * cm, y, f"{activities.format_jp(item.jp)} JP")
        y -= 14
    canvas.setFont(SERIF_BOLD, 11)
    canvas.drawString(4 * cm, y - 6, "Jumlah")
    canvas.drawRightString(width - 4 * cm, y - 6, f"{activities.format_jp(row['jp'])} JP")


def _rows(db: Database, activity_id: int) -> list[dict]:
    rows = [r for r in certificates.register(db, activity_id=activity_id) if not r["voided"]]
    ids = {r[0]: r[1] for r in db.execute(
        "SELECT id, activity_id FROM certificates WHERE activity_id = ?", [activity_id])}
    for row in rows:
        row["activity_id"] = ids.get(row["id"])
    if not rows:
        raise NotFoundError("Kegiatan ini belum mempunyai sertifikat yang berlaku; terbitkan dulu.")
    return rows


def _write(path: Path, data: bytes) -> Path:
    frame.write_file(path, data)  # StorageError, in Indonesian, when it cannot be written
    return path


def print_certificates(db: Database, activity_id: int, path: str | os.PathLike, *,
                       paper: str | None = None, back: bool = False, today: dt.date | None = None,
                       progress: Callable | None = None,
                       cancelled: Callable[[], bool] | None = None) -> Path:
    """Every valid certificate of the activity: one PDF, or (path ending .zip) one PDF per
    person named `<number>_<name>.pdf`."""
    path = Path(path)
    activities.get_activity(db, activity_id)
    rows = _rows(db, activity_id)
    profile = office.load_profile(db)
    width, height = frame.page_size(paper or profile.paper)
    width, height = max(width, height), min(width, height)  # landscape
    frame.check_destination(path)

    def render(batch: list[dict]) -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=(width, height))
        canvas.setTitle("Sertifikat")
        for done, row in enumerate(batch, start=1):
            issued = dt.date.fromisoformat(row["issued_on"])
            place_date = f"{profile.city}, " if profile.city else ""
            draw_certificate(canvas, row, profile, width, height,
                             place_date + ind.format_date(issued, with_weekday=False))
            canvas.showPage()
            if back:
                draw_back(canvas, db, row, width, height)
                canvas.showPage()
            if cancelled and cancelled():
                raise Cancelled()
            if progress and len(batch) > 1 and done % 50 == 0:
                progress(done, len(batch), "Menyusun sertifikat...")
        canvas.save()
        return buffer.getvalue()

    if path.suffix.lower() != ".zip":
        return _write(path, render(rows))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for index, row in enumerate(rows, start=1):
            name = re.sub(r"[^A-Za-z0-9.,_ -]+", "-", f"{row['number']}_{row['name']}").strip()
            zipped.writestr(name.replace("/", "-") + ".pdf", render([row]))
            if progress and index % 20 == 0:
                progress(index, len(rows), "Menyusun sertifikat...")
            if cancelled and cancelled():
                raise Cancelled()
    return _write(path, archive.getvalue())
