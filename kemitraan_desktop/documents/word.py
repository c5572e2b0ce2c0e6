"""The .docx side of the letters and reports (python-docx): the same paper, margins,
letterhead, 12 pt text and signature block as the PDFs, so what the office adjusts in Word
before signing starts as what the app would have printed."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt

from .. import indonesia as ind
from ..office import OfficeProfile, Signatory, printable_logo
from .frame import MARGINS, check_destination, write_file

FONT = "Arial"  # the PDFs embed Liberation Sans, Arial's metrics
BODY_PT = 12
CENTRE, RIGHT, JUSTIFY = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT,
                          WD_ALIGN_PARAGRAPH.JUSTIFY)


def _points(value: float) -> Emu:
    """reportlab points (1/72 inch) as a docx length."""
    return Emu(int(value * 12700))


def new_document(profile: OfficeProfile, paper: str | None = None, *,
                 letterhead: bool = True) -> Document:
    """An empty document on the office's paper (A4 or F4) with the house margins, Arial
    12 pt, and the kop surat when the office is set up."""
    doc = Document()
    width, height = ind.PAPER_SIZES.get((paper or profile.paper or "a4").lower(),
                                        ind.PAPER_SIZES["a4"])
    section = doc.sections[0]
    section.page_width, section.page_height = _points(width), _points(height)
    section.top_margin = _points(MARGINS["top"])
    section.bottom_margin = _points(MARGINS["bottom"])
    section.left_margin = _points(MARGINS["left"])
    section.right_margin = _points(MARGINS["right"])
    section.header_distance = Cm(1.2)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.line_spacing = 1.15
    if letterhead and profile.is_set_up:
        _letterhead(doc, profile)
    return doc


def _letterhead(doc: Document, profile: OfficeProfile) -> None:
    """Logo on the left, the office's lines centred, a thick-thin double rule under it."""
    text_lines = [(profile.government.upper(), 14, False), (profile.name.upper(), 16, True)]
    contact = " ".join(part for part in (
        profile.address, f"Telp. {profile.phone}" if profile.phone else "") if part)
    web = "  ".join(part for part in (
        f"Email: {profile.email}" if profile.email else "",
        f"Laman: {profile.website}" if profile.website else "") if part)
    text_lines += [(line, 10, False) for line in (contact, web) if line]
    table = doc.add_table(rows=1, cols=2 if profile.logo else 1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    cells = table.rows[0].cells
    text_cell = cells[-1]
    fixed_widths(table, [2.8, 13.2] if profile.logo else [16.0])
    if profile.logo:  # one that cannot be drawn is refused, never silently left out
        logo = printable_logo(profile.logo)
        cells[0].paragraphs[0].add_run().add_picture(io.BytesIO(logo), width=Cm(2.4))
    first = True
    for text, size, bold in text_lines:
        paragraph = text_cell.paragraphs[0] if first else text_cell.add_paragraph()
        first = False
        paragraph.alignment = CENTRE
        run = paragraph.add_run(text)
        run.font.size, run.bold = Pt(size), bold
    rule = doc.add_paragraph()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "thickThinSmallGap"), ("w:sz", "24"), ("w:space", "1"),
                       ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    rule._p.get_or_add_pPr().append(border)
    rule.paragraph_format.space_after = Pt(10)


def fixed_widths(grid, widths_cm: Sequence[float]) -> None:
    """Column widths Word and LibreOffice both keep: no autofit, the table grid, the total
    width and every cell (LibreOffice drops the cells' own widths alone and splits the
    table evenly)."""
    grid.autofit = False
    columns = grid._tbl.tblGrid.findall(qn("w:gridCol"))
    for column, width in zip(columns, widths_cm, strict=True):
        column.set(qn("w:w"), str(int(Cm(width).twips)))
    total = grid._tbl.tblPr.find(qn("w:tblW"))
    if total is None:
        total = OxmlElement("w:tblW")
        grid._tbl.tblPr.append(total)
    total.set(qn("w:type"), "dxa")
    total.set(qn("w:w"), str(int(Cm(sum(widths_cm)).twips)))
    for row in grid.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def paragraph(doc, text: str = "", *, bold: bool = False, align=None, size: float | None = None,
              space_after: float = 6, indent_first: float | None = None, underline: bool = False):
    """One paragraph of plain text (user text is never interpreted)."""
    p = doc.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold, run.underline = bold, underline
        if size:
            run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    if indent_first:
        p.paragraph_format.first_line_indent = Cm(indent_first)
    return p


def facts(doc, rows: Sequence[tuple[str, str]], *, key_cm: float = 3.0) -> None:
    """`Nomor : 005/...` lines as an unruled table (keys aligned, values wrap under
    themselves, as Word users lay them out)."""
    rows = [(key, value) for key, value in rows if value]
    if not rows:
        return
    table = doc.add_table(rows=len(rows), cols=3)
    fixed_widths(table, [key_cm, 0.5, 15.5 - key_cm])
    for row, (key, value) in zip(table.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text, row.cells[2].text = key, ":", value
    paragraph(doc, space_after=4)


def table(doc, header: Sequence[str], rows: Sequence[Sequence[object]],
          widths_cm: Sequence[float], *, size: float = 10, centred: Sequence[int] = (0,)):
    """A ruled table whose header row repeats on every page and whose rows never split;
    an empty value prints '-' (pass ' ' for a cell left to fill in by hand)."""
    grid = doc.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    head = grid.rows[0]
    _repeat_header(head)
    for cell, text, width in zip(head.cells, header, widths_cm, strict=True):
        cell.width = Cm(width)
        _cell_text(cell, text, size, bold=True, align=CENTRE)
    for values in rows:
        row = grid.add_row()
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        cells = row.cells
        for col, (cell, value, width) in enumerate(zip(cells, values, widths_cm, strict=True)):
            cell.width = Cm(width)
            text = "-" if value is None or value == "" else str(value)
            _cell_text(cell, text, size, align=CENTRE if col in centred else None)
    fixed_widths(grid, widths_cm)
    paragraph(doc, space_after=6)
    return grid


def _cell_text(cell, text: str, size: float, *, bold: bool = False, align=None) -> None:
    p = cell.paragraphs[0]
    for number, line in enumerate(text.split("\n")):
        if number:
            p.add_run().add_break()
        run = p.add_run(line)
        run.font.size, run.bold = Pt(size), bold
    if align is not None:
        p.alignment = align


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
    cant_split = OxmlElement("w:cantSplit")
    properties.append(cant_split)


def signature(doc, signatory: Signatory, place_date: str = "", *,
              left: Signatory | None = None, left_caption: str = "") -> None:
    """The signature block on the right half (place and date, position, room to sign, the
    name bold and underlined, rank, NIP), an optional second signatory on the left; the
    block's paragraphs are kept together on one page."""
    grid = doc.add_table(rows=1, cols=2)
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    left_cell, right_cell = grid.rows[0].cells
    fixed_widths(grid, [7.5, 8.0])
    if left is not None and left.name:
        _signature_lines(left_cell, left, left_caption)
    _signature_lines(right_cell, signatory, place_date)
    grid.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _signature_lines(cell, signatory: Signatory, first_line: str) -> None:
    lines: list[tuple[str, bool]] = []
    if first_line:
        lines.append((first_line, False))
    if signatory.position:
        lines.append((signatory.position, False))
    first = True
    for text, _bold in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.add_run(text)
        p.paragraph_format.keep_with_next = True
    gap = cell.add_paragraph() if not first else cell.paragraphs[0]
    gap.paragraph_format.space_after = Pt(60)  # room to sign and stamp
    gap.paragraph_format.keep_with_next = True
    name = cell.add_paragraph()
    run = name.add_run(signatory.name or "." * 45)
    run.bold = bool(signatory.name)
    run.underline = bool(signatory.name)
    for text in (signatory.rank, f"NIP {signatory.nip_printed}" if signatory.nip else ""):
        if text:
            cell.add_paragraph(text)


def page_break(doc) -> None:
    doc.add_page_break()


def save(doc, path: str | os.PathLike) -> Path:
    """Write the .docx whole or not at all (through frame.write_file)."""
    path = check_destination(Path(path))
    buffer = io.BytesIO()
    doc.save(buffer)
    write_file(path, buffer.getvalue())
    return path
