"""A monev instrument printed to be filled in by hand (in a classroom with no power): the
identity lines, the pra-observasi questions with ruled lines, the items with one box per
score and a Catatan column, the score key, the total, percentage and predikat boxes, the
pasca-observasi questions, and the signatures of the observer and the one observed."""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle
from sqlite_utils import Database

from .. import indonesia as ind
from ..monev.forms import MonevForm, score_key
from ..monev.sheet import FormSheet, Person, form_sheet
from . import frame
from .keeping import SignatureBlock

DOTS = (1, 2)  # a dotted rule: 1 pt on, 2 pt off
WRITING_ROW = 0.85 * cm  # room for one handwritten line
ROMAN = ("I", "II", "III", "IV", "V", "VI")


def print_form(db: Database, form: MonevForm | str | int, out: str | os.PathLike, *,
               person_participant_id: int | None = None, paper: str | None = None) -> Path:
    """Write the form (a MonevForm, a code for its latest version, or an id) as a PDF on
    the office's letterhead: blank, or with the participant's identity filled in. Paper
    'a4' or 'f4' (default: the office's)."""
    return render_form(form_sheet(db, form, person_participant_id), out, paper=paper)


class _Styles:
    def __init__(self):
        base = frame.styles()
        self.body = ParagraphStyle("monev_body", base.body, fontSize=12, leading=15)
        self.bold = ParagraphStyle("monev_bold", self.body, fontName=frame.SANS_BOLD)
        self.heading = ParagraphStyle("monev_heading", self.bold, spaceBefore=10, spaceAfter=4,
                                      keepWithNext=1)
        self.note = ParagraphStyle("monev_note", self.body, fontSize=11, leading=14)
        self.cell = ParagraphStyle("monev_cell", self.body, fontSize=11, leading=13.5)
        self.cell_bold = ParagraphStyle("monev_cell_bold", self.cell, fontName=frame.SANS_BOLD)
        self.centre = ParagraphStyle("monev_centre", self.cell, alignment=TA_CENTER)
        self.header = ParagraphStyle("monev_header", self.cell_bold, alignment=TA_CENTER)
        self.small_header = ParagraphStyle("monev_small_header", self.header, fontSize=9,
                                           leading=10.5)


def render_form(sheet: FormSheet, out: str | os.PathLike, *, paper: str | None = None) -> Path:
    """Draw `sheet` (see print_form); reads nothing else."""
    form, st = sheet.form, _Styles()

    def story(width: float) -> list[Flowable]:
        title = form.name if form.name.lower().startswith("instrumen") else (
            f"Instrumen {form.name}")
        flowables = frame.title_block(title, sheet.person.program if sheet.person else "")
        flowables.append(_identity(form, sheet.person, width, st))
        stages = list(form.stages) or [{"code": "", "name": "", "questions": []}]
        numbered = len(stages) > 1
        for index, stage in enumerate(stages):
            if numbered:
                flowables.append(Paragraph(f"{ROMAN[index % len(ROMAN)]}. "
                                           f"{frame.escape(stage['name'].upper())}", st.heading))
            if stage.get("questions"):
                flowables += _questions(stage, width, st)
            else:
                flowables += _scored_part(form, width, st)
        flowables += _closing(form, sheet.person, width, st)
        return flowables

    return frame.build_document(out, sheet.profile, story, paper=paper,
                                title=f"{form.name} - versi {form.version} (kode {form.code})")


def _kepsek(form: MonevForm) -> bool:
    return form.audience == "kepala sekolah"


def _identity(form: MonevForm, person: Person | None, width: float, st: _Styles) -> Table:
    """Name, NIP/NUPTK, school ... each on a dotted line, typed in where known."""
    p = person or Person("")
    ident = " / ".join(x for x in (ind.format_nip(p.nip), p.nuptk and f"NUPTK {p.nuptk}") if x)
    if _kepsek(form):
        lines = [("Nama kepala sekolah", p.name), ("NIP/NUPTK", ident), ("Sekolah", p.school),
                 ("Hari/tanggal", ""), ("Observer", "")]
    else:
        lines = [("Nama guru", p.name), ("NIP/NUPTK", ident), ("Sekolah", p.school),
                 ("Mata pelajaran", p.subject), ("Kelas/semester", ""), ("Hari/tanggal", ""),
                 ("Observer", "")]
    if p.role:
        lines.insert(1, ("Peran", p.role))
    key_width = 4.6 * cm
    data = [[Paragraph(frame.escape(k), st.body), Paragraph(":", st.body),
             Paragraph(frame.escape(v), st.body)] for k, v in lines]
    table = Table(data, colWidths=[key_width, 0.5 * cm, width - key_width - 0.5 * cm],
                  rowHeights=[WRITING_ROW] * len(data), hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEBELOW", (2, 0), (2, -1), 0.6, colors.black, None, DOTS),
    ]))
    return table


def _scale_values(form: MonevForm) -> list[str]:
    low, high = form.scale["min"], form.scale["max"]
    if float(low).is_integer() and float(high).is_integer() and high - low <= 10:
        return [str(v) for v in range(int(low), int(high) + 1)]
    return [str(low), str(high)]


def _scored_part(form: MonevForm, width: float, st: _Styles) -> list[Flowable]:
    values = _scale_values(form)
    tick = len(values) > 2  # a box per score to tick; else the score is written in
    labels = form.scale.get("labels") or {}
    short = "; ".join(f"{v} = {labels[v]}" for v in values if labels.get(v))
    short = f" (skor {frame.escape(short)})" if short and len(values) > 3 else ""
    flowables: list[Flowable] = [Spacer(1, 0.3 * cm), Paragraph(
        "Petunjuk: berilah tanda centang (√) pada kotak skor yang sesuai dengan hasil "
        f"pengamatan{short}, dan tulis catatan seperlunya." if tick else
        "Petunjuk: tulis skor setiap butir pada kolom Skor, dan catatan seperlunya.", st.note),
        Spacer(1, 0.2 * cm)]
    flowables.append(_items_table(form, values if tick else ["Skor"], width, st))
    flowables.append(Spacer(1, 0.3 * cm))
    flowables.append(KeepTogether([_totals(form, width, st), Spacer(1, 0.25 * cm),
                                   *_key(form, st)]))
    return flowables


def _items_table(form: MonevForm, values: list[str], width: float, st: _Styles) -> Table:
    labels = form.scale.get("labels") or {}
    labelled = len(values) <= 3 and all(labels.get(v) for v in values)
    box = (1.55 if labelled else 1.0) * cm
    notes = bool(form.scale.get("item_notes", True))
    no_width, note_width = 1.0 * cm, (2.9 * cm if notes else 0)
    text_width = width - no_width - box * len(values) - note_width
    aspect = "Aspek yang dinilai" if _kepsek(form) else (
        "Komponen/Aspek" if labelled else "Aspek yang diamati")
    top = [Paragraph("No", st.header), Paragraph(aspect, st.header),
           Paragraph("Skor", st.header), *[""] * (len(values) - 1)]
    second = ["", "", *[Paragraph(f"{frame.escape(labels[v])}<br/>{v}" if labelled else v,
                                  st.small_header if labelled else st.header) for v in values]]
    if notes:
        top.append(Paragraph("Catatan", st.header))
        second.append("")
    data, commands = [top, second], []
    number = 0
    for index, (section, items) in enumerate(form.sections):
        if section:
            letter = chr(ord("A") + index) if index < 26 else str(index + 1)
            data.append([Paragraph(f"{letter}. {frame.escape(section)}", st.cell_bold)]
                        + [""] * (len(top) - 1))
            row = len(data) - 1
            commands += [("SPAN", (0, row), (-1, row)), ("NOSPLIT", (0, row), (-1, row + 1)),
                         ("BACKGROUND", (0, row), (-1, row), frame.EMPHASIS_FILL)]
        for item in items:
            number += 1
            data.append([Paragraph(str(number), st.centre), Paragraph(frame.escape(item["text"]),
                                                                      st.cell)]
                        + [""] * (len(values) + (1 if notes else 0)))
    data.append([Paragraph("Jumlah skor perolehan", st.cell_bold), ""] + [""] * len(values)
                + ([""] if notes else []))
    last, score_end = len(data) - 1, 1 + len(values)
    commands += [
        ("GRID", (0, 0), (-1, -1), 0.6, frame.RULE),
        ("SPAN", (2, 0), (score_end, 0)),
        ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)),
        ("BACKGROUND", (0, 0), (-1, 1), frame.HEADER_FILL),
        ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
        ("VALIGN", (0, 2), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("SPAN", (0, last), (1, last)), ("SPAN", (2, last), (score_end, last)),
        ("VALIGN", (0, last), (-1, last), "MIDDLE"),
    ]
    if notes:
        commands.append(("SPAN", (-1, 0), (-1, 1)))
    heights = [None, None] + [_row_height(row, text_width) for row in data[2:-1]] + [0.9 * cm]
    table = Table(data, colWidths=[no_width, text_width, *[box] * len(values)]
                  + ([note_width] if notes else []), repeatRows=2, hAlign="LEFT",
                  rowHeights=heights)
    table.setStyle(TableStyle(commands))
    return table


def _row_height(row: list, text_width: float) -> float:
    """An item row's height: its text, but never lower than room to tick and to write."""
    cell = row[1] if isinstance(row[1], Paragraph) else row[0]
    width = text_width - 6 if cell is row[1] else 1e4
    return max(0.8 * cm, cell.wrap(width, 1e5)[1] + 7)


def _totals(form: MonevForm, width: float, st: _Styles) -> Table:
    maximum = frame.escape(_plain(form.max_total))
    rows = [("Skor maksimal", maximum),
            (f"Nilai akhir = jumlah skor perolehan : {maximum} × 100", ""), ("Predikat", "")]
    box = 3.2 * cm
    data = [[Paragraph(frame.escape(k) if "×" not in k else k, st.cell),
             Paragraph(v, st.centre)] for k, v in rows]
    table = Table(data, colWidths=[width - box, box], rowHeights=[0.9 * cm] * len(rows),
                  hAlign="LEFT")
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, frame.RULE),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("BACKGROUND", (0, 0), (-1, 0), frame.EMPHASIS_FILL)]))
    return table


def _plain(number) -> str:
    return str(int(number)) if float(number).is_integer() else str(number).replace(".", ",")


def _key(form: MonevForm, st: _Styles) -> list[Flowable]:
    """The score key and the predikat bands, as the instruments print them under the table."""
    glue = "<br/>" if form.scale.get("meanings") else "; "
    key = glue.join(f"<b>{frame.escape(score)}</b> = {frame.escape(text)}"
                    for score, text in score_key(form))
    key = f"<br/>{key}" if glue == "<br/>" else key
    bands = sorted(form.scale.get("categories") or [], key=lambda b: -b["min"])
    parts, upper = [], 100
    for index, band in enumerate(bands):
        if index and index == len(bands) - 1:
            parts.append(f"di bawah {_plain(bands[index - 1]['min'])} = "
                         f"{frame.escape(band['label'])}")
        else:
            parts.append(f"{_plain(band['min'])}–{_plain(upper)} = {frame.escape(band['label'])}")
        upper = band["min"] - 1
    flowables = [Paragraph(f"<b>Keterangan skor:</b> {key}", st.note)] if key else []
    if parts:
        flowables.append(Paragraph(f"<b>Predikat nilai akhir:</b> {'; '.join(parts)}", st.note))
    return flowables


def _ruled_lines(count: int, width: float, indent: float = 0) -> Table:
    table = Table([[""] for _ in range(count)], colWidths=[width - indent],
                  rowHeights=[WRITING_ROW] * count, hAlign="RIGHT")
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5,
                                colors.HexColor("#606060"))]))
    return table


def _questions(stage: dict, width: float, st: _Styles) -> list[Flowable]:
    flowables: list[Flowable] = []
    indent = 0.7 * cm
    for number, question in enumerate(stage["questions"], start=1):
        text = Table([[Paragraph(f"{number}.", st.body),
                       Paragraph(frame.escape(question["text"]), st.body)]],
                     colWidths=[indent, width - indent], hAlign="LEFT")
        text.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        flowables.append(KeepTogether([text, _ruled_lines(3, width, indent),
                                       Spacer(1, 0.25 * cm)]))
    return flowables


def _closing(form: MonevForm, person: Person | None, width: float,
             st: _Styles) -> list[Flowable]:
    """Catatan and saran of the observer, then both signatures, kept together."""
    notes = [Paragraph("Catatan dan saran observer:", st.heading), _ruled_lines(4, width)]
    observed = "Kepala sekolah yang disupervisi," if _kepsek(form) else "Guru yang diamati,"
    place_date = "." * 28 + ", " + "." * 30

    def column(caption: list[str], name: str, ident: str) -> list[Flowable]:
        cells: list[Flowable] = [Paragraph(frame.escape(line) or "&nbsp;", st.body)
                                 for line in caption]
        cells.append(Spacer(1, 2.3 * cm))
        cells.append(Paragraph(f"<u><b>{frame.escape(name)}</b></u>", st.body) if name
                     else Paragraph("." * 40, st.body))
        cells.append(Paragraph(frame.escape(ident) if ident else "NIP/NUPTK " + "." * 26,
                               st.body))
        return cells

    p = person or Person("")
    ident = f"NIP {ind.format_nip(p.nip)}" if p.nip else (f"NUPTK {p.nuptk}" if p.nuptk else "")
    half = width / 2
    table = Table([[column(["", observed], p.name, ident),
                    column([place_date, "Observer,"], "", "")]],
                  colWidths=[half, half], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    # the signatures never alone on a page: the observer's notes go with them
    return [SignatureBlock([*notes, Spacer(1, 0.6 * cm), table])]
