"""The laporan kegiatan as a .docx the office adjusts in Word before binding: the same
cover, chapters, tables and photos as the PDF; chapters are Word headings (a Daftar Isi can
be inserted), and the sections still carrying the app's default text are highlighted for
the office to read and adjust."""

from __future__ import annotations

import io
import os
from pathlib import Path

from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .. import indonesia as ind
from ..activity_report import SECTIONS, text_blocks
from ..errors import ValidationError
from ..views.activity_report import ActivityReportView
from . import frame, word
from .activity_report import (
    CHAPTERS,
    EMPTY,
    NO_CERTIFICATES,
    PHOTOS_PER_PAGE,
    attendance_sentence,
    certificate_table,
    participant_sentence,
    people_table,
    photo_caption,
    place_text,
    region_table,
    schedule_table,
    session_table,
    signatories,
    time_place_facts,
)

PHOTO_BOX_CM = (7.4, 8.6)  # width, height of one photo's place on the page


def render_activity_report_word(view: ActivityReportView, path: str | os.PathLike, *,
                                paper: str | None = None,
                                sign_off: frame.SignOff | None = None) -> Path:
    """Write `view` as the laporan kegiatan .docx; reads nothing else."""
    if not view.participants:
        raise ValidationError(EMPTY)
    paper = (paper or view.profile.paper or "a4").lower()
    if paper not in ind.PAPER_SIZES:
        raise ValidationError(f"Ukuran kertas '{paper}' tidak dikenal; pilih A4 atau F4.")
    doc = word.new_document(view.profile, paper, letterhead=False)
    _heading_styles(doc)
    _page_numbers(doc)
    _cover(doc, view)
    place_date = frame.sign_off_line(view.profile, sign_off, last_day=view.activity.end)
    if view.text("kata_pengantar"):
        _heading(doc, "KATA PENGANTAR")
        _text(doc, view, "kata_pengantar")
        word.paragraph(doc, place_date, space_after=0).paragraph_format.space_before = Pt(18)
        word.paragraph(doc, "Tim Penyusun")
    _chapter(doc, 0)
    for letter, key in zip("ABC", ("latar_belakang", "tujuan", "dasar"), strict=True):
        _sub(doc, f"{letter}. {SECTIONS[key]}")
        _text(doc, view, key)
    _chapter(doc, 1)
    _implementation(doc, view)
    last = None
    for index, key in ((2, "hasil"), (3, "rencana_tindak_lanjut"), (4, "penutup")):
        _chapter(doc, index)
        last = _text(doc, view, key)
    if last is not None:
        last.paragraph_format.keep_with_next = True  # the signature never stands alone
    right, left, caption = signatories(view)
    word.paragraph(doc, space_after=6).paragraph_format.keep_with_next = True
    word.signature(doc, right, place_date, left=left, left_caption=caption)
    _appendices(doc, view)
    return word.save(doc, path)


def _heading_styles(doc) -> None:
    """Word's heading styles in the report's own look: Arial, black, bold."""
    for name, size in (("Heading 1", 13), ("Heading 2", 12)):
        style = doc.styles[name]
        style.font.name, style.font.size, style.font.bold = word.FONT, Pt(size), True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        fonts = style.element.rPr.rFonts
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)  # else the theme's font wins over Arial
        style.paragraph_format.space_before = Pt(6 if size == 12 else 0)
        style.paragraph_format.space_after = Pt(4 if size == 12 else 14)


def _page_numbers(doc) -> None:
    """A centred page number in the footer; none on the cover."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    p = section.footer.paragraphs[0]
    p.alignment = word.CENTRE
    run = p.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _cover(doc, view: ActivityReportView) -> None:
    a, p, profile = view.activity, view.program, view.profile
    word.paragraph(doc, "LAPORAN KEGIATAN", bold=True, size=22, align=word.CENTRE,
                   space_after=18).paragraph_format.space_before = Pt(60)
    word.paragraph(doc, a.title.upper(), bold=True, size=16, align=word.CENTRE, space_after=10)
    for line in (f"{p.name} Tahun {p.year}", place_text(view),
                 ind.format_date_range(a.start, a.end)):
        word.paragraph(doc, line, size=12, align=word.CENTRE, space_after=4)
    logo = word.paragraph(doc, align=word.CENTRE, space_after=0)
    logo.paragraph_format.space_before = Pt(60)
    if profile.logo:
        try:
            logo.add_run().add_picture(io.BytesIO(profile.logo), width=Cm(5))
        except Exception:  # noqa: BLE001 - a damaged logo must not stop the report
            pass
    first = True
    for size, text in ((14, (profile.government or "").upper()), (16, (profile.name or "").upper()),
                       (16, str(view.year))):
        if text:
            foot = word.paragraph(doc, text, bold=True, size=size, align=word.CENTRE, space_after=2)
            if first:
                foot.paragraph_format.space_before = Pt(150)
                first = False


def _heading(doc, text: str, level: int = 1, *, new_page: bool = True):
    heading = doc.add_heading(text, level=level)
    if level == 1:
        heading.alignment = word.CENTRE
    heading.paragraph_format.page_break_before = new_page
    heading.paragraph_format.keep_with_next = True
    return heading


def _chapter(doc, index: int) -> None:
    _two_lines(doc, *CHAPTERS[index])


def _two_lines(doc, first: str, second: str) -> None:
    """`BAB I` over `PENDAHULUAN`: one heading on a new page, two lines."""
    heading = _heading(doc, first)
    heading.add_run().add_break()
    heading.add_run(second)


def _sub(doc, text: str) -> None:
    _heading(doc, text, level=2, new_page=False)


def _text(doc, view: ActivityReportView, key: str):
    """The section's blocks; a section still on its default text is highlighted so the
    office sees what to adjust (the highlight goes once it is typed in the app, or
    removed in Word). Returns the last paragraph."""
    default = key not in view.typed
    last = None
    for marker, body in text_blocks(view.text(key)):
        last = word.paragraph(doc, align=word.JUSTIFY, space_after=4)
        last.paragraph_format.line_spacing = 1.5
        if marker:
            last.paragraph_format.left_indent = Cm(0.9)
            last.paragraph_format.first_line_indent = Cm(-0.8)
            last.paragraph_format.tab_stops.add_tab_stop(Cm(0.9))
            run = last.add_run(f"{marker}\t{body}")
        else:
            last.paragraph_format.first_line_indent = Cm(1.25)
            run = last.add_run(body)
        if default:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return last


def _implementation(doc, view: ActivityReportView) -> None:
    _sub(doc, "A. Waktu dan Tempat")
    word.facts(doc, time_place_facts(view), key_cm=4.4)
    word.fixed_widths(doc.tables[-1], [4.4, 0.5, 11.1])
    _sub(doc, "B. Jadwal")
    word.paragraph(doc, "Kegiatan dilaksanakan sesuai jadwal berikut (ringkasan per hari; jam "
                   "pelajaran dihitung 45 menit).", align=word.JUSTIFY)
    header, rows = schedule_table(view)
    _bold_last(_table(doc, header, _total(rows), [1.0, 4.2, 3.2, 6.6, 1.0], size=9,
                          centred=(0, 2, 4)))
    _sub(doc, "C. Peserta")
    word.paragraph(doc, participant_sentence(view), align=word.JUSTIFY)
    header, rows = region_table(view)
    counts = len(header) - 3
    rest = 16.0 - 1.0 - 1.6 * counts
    _bold_last(_table(doc, header, _total(rows), [1.0, rest * 0.45, rest * 0.55, *([1.6] * counts)],
                          size=9, centred=(0, *range(3, 3 + counts))))
    _sub(doc, "D. Kehadiran")
    word.paragraph(doc, attendance_sentence(view), align=word.JUSTIFY)
    header, rows = session_table(view)
    if rows:
        _table(doc, header, rows, [1.0, 6.0, 1.3, 1.3, 1.3, 1.3, 1.9, 1.9], size=9,
                   centred=(0, 2, 3, 4, 5, 6, 7))


def _table(doc, header, rows, widths_cm, **kwargs):
    return word.table(doc, header, rows, widths_cm, **kwargs)


def _total(rows: list[list[str]]) -> list[list[str]]:
    """The Jumlah row with its empty cells left empty (an empty value prints '-')."""
    return [*rows[:-1], [value or " " for value in rows[-1]]]


def _bold_last(grid) -> None:
    for cell in grid.rows[-1].cells:
        for p in cell.paragraphs:
            for run in p.runs:
                run.bold = True


def _appendices(doc, view: ActivityReportView) -> None:
    _two_lines(doc, "LAMPIRAN 1", "REKAPITULASI DAFTAR HADIR PESERTA")
    header, rows = people_table(view)
    _table(doc, header, rows, [1.0, 4.4, 3.6, 1.8, 3.4, 1.2, 1.2], size=9,
               centred=(0, 3, 5, 6))
    _two_lines(doc, "LAMPIRAN 2", "SERTIFIKAT YANG DITERBITKAN")
    header, rows = certificate_table(view)
    if rows:
        _table(doc, header, rows, [1.0, 5.2, 6.0, 2.2, 1.2], size=9, centred=(0, 3, 4))
    else:
        word.paragraph(doc, NO_CERTIFICATES)
    photos = list(view.photos)
    for start in range(0, len(photos), PHOTOS_PER_PAGE):
        _two_lines(doc, "LAMPIRAN 3", "FOTO KEGIATAN" if start == 0 else "FOTO KEGIATAN (LANJUTAN)")
        page = photos[start:start + PHOTOS_PER_PAGE]
        grid = doc.add_table(rows=(len(page) + 1) // 2, cols=2)
        word.fixed_widths(grid, [PHOTO_BOX_CM[0] + 0.6] * 2)
        for offset, photo in enumerate(page):
            cell = grid.rows[offset // 2].cells[offset % 2]
            cell.width = Cm(PHOTO_BOX_CM[0] + 0.6)
            scale = min(PHOTO_BOX_CM[0] / photo.width, PHOTO_BOX_CM[1] / photo.height)
            picture = cell.paragraphs[0]
            picture.alignment = word.CENTRE
            picture.add_run().add_picture(io.BytesIO(photo.jpeg), width=Cm(photo.width * scale))
            caption = cell.add_paragraph(photo_caption(start + offset + 1, photo.caption))
            caption.alignment = word.CENTRE
            caption.paragraph_format.space_after = Pt(12)
            for run in caption.runs:
                run.font.size = Pt(10)
