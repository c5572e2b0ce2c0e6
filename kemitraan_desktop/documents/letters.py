"""The Surat Undangan and the Surat Tugas as PDF (the SK Kepala Dinas is in decree.py): the
office's letterhead, 12 pt text as offices type letters, the numbered blocks, the
signature of the head of the office and the lampiran listing the people."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..letters.templates import lines
from ..office import Signatory
from ..views.letters import LetterView, Person
from . import frame
from .keeping import SignatureBlock

BODY_PT = 12
KEY_WIDTH = 2.6 * cm  # "Lampiran", "Menimbang" and their colon
COLON_WIDTH = 0.45 * cm
PEOPLE_COLUMNS = ("No", "Nama", "NIP/NUPTK", "Sekolah", "Kab/Kota", "Tingkat")
ROMAN_ITEMS = ("KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH",
               "KEDELAPAN", "KESEMBILAN", "KESEPULUH")


@functools.cache
def letter_styles() -> dict[str, ParagraphStyle]:
    """12 pt styles (Arial metrics): offices type letters in 12 pt."""
    frame.register_fonts()
    body = ParagraphStyle("letter", fontName=frame.SANS, fontSize=BODY_PT, leading=15,
                          alignment=TA_JUSTIFY)
    return {
        "body": body,
        "left": ParagraphStyle("letter_left", body, alignment=0),
        "centre": ParagraphStyle("letter_centre", body, alignment=TA_CENTER),
        "title": ParagraphStyle("letter_title", body, fontName=frame.SANS_BOLD, fontSize=14,
                                leading=18, alignment=TA_CENTER),
        "bold_centre": ParagraphStyle("letter_bold_centre", body, fontName=frame.SANS_BOLD,
                                      alignment=TA_CENTER),
        "small": ParagraphStyle("letter_small", body, fontSize=11, leading=13.5, alignment=0),
    }


def text(value: object, style: str = "body") -> Paragraph:
    return frame.para(value, letter_styles()[style])


def grid(rows: list[list], widths: list[float], *, padding: float = 2) -> Table:
    """An unruled table, cells aligned at the top."""
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), padding)]))
    return table


def numbered(items: list[str], width: float, *, labels: list[str] | None = None,
             label_width: float = 0.8 * cm) -> Flowable:
    """`1. text` items with the text hanging under itself; a single item has no label."""
    if len(items) == 1 and labels is None:
        return text(items[0])
    labels = labels or [f"{i}." for i in range(1, len(items) + 1)]
    return grid([[text(label, "left"), text(item)] for label, item in zip(labels, items, strict=True)],
                [label_width, width - label_width], padding=3)


def keyed(rows: list[tuple[str, object]], width: float, *, key_width: float = KEY_WIDTH,
          bold_keys: bool = False) -> Table:
    """`Key : value` rows; a value is text or a flowable already laid out."""
    value_width = width - key_width - COLON_WIDTH
    data = []
    for key, value in rows:
        cell = value if isinstance(value, Flowable) else text(value, "left")
        label = f"<b>{frame.escape(key)}</b>" if bold_keys else frame.escape(key)
        data.append([Paragraph(label, letter_styles()["left"]), text(":", "left"), cell])
    return grid(data, [key_width, COLON_WIDTH, value_width], padding=4)


def value_width(width: float, key_width: float = KEY_WIDTH) -> float:
    return width - key_width - COLON_WIDTH


def signature(signatory: Signatory, width: float, *, first_lines: tuple[str, ...] = (),
              position: str = "") -> Flowable:
    """The head of the office's block on the right half at 12 pt: the place and date (or
    `Ditetapkan di` lines), the position, room to sign and stamp, the name bold and
    underlined, rank, NIP; never split across pages."""
    right = min(8.5 * cm, width / 2 + 1 * cm)
    cells: list[Flowable] = [text(line, "left") for line in first_lines if line]
    cells.append(text(f"{position or signatory.position},", "left"))
    cells.append(Spacer(1, 2.4 * cm))
    name = f"<u>{frame.bold(signatory.name)}</u>" if signatory.name else "." * 40
    cells.append(Paragraph(name, letter_styles()["left"]))
    cells += [text(line, "left") for line in (
        signatory.rank, f"NIP {signatory.nip_printed}" if signatory.nip else "") if line]
    table = grid([["", cells]], [width - right, right])
    return SignatureBlock([Spacer(1, 0.6 * cm), table])  # kept with the closing paragraph


def tembusan(section: str, width: float) -> list[Flowable]:
    items = lines(section)
    if not items:
        return []
    return [Spacer(1, 0.5 * cm), text("Tembusan Yth.:", "left"),
            numbered(items, width, label_width=0.7 * cm) if len(items) > 1 else text(items[0])]


def lampiran_header(caption: str, rows: list[tuple[str, str]], width: float) -> Flowable:
    """The block at the top right of a lampiran: which letter it belongs to."""
    block = width * 0.55
    inner = [[text(caption, "small")]]
    keys = grid([[text(k, "small"), text(":", "small"), text(v, "small")] for k, v in rows],
                [2.0 * cm, 0.35 * cm, block - 2.35 * cm], padding=1)
    inner.append([keys])
    return grid([["", grid(inner, [block])]], [width - block, block])


def person_rows(people: list[Person]) -> list[list[str]]:
    return [[str(i), p.name, p.identity, p.unit, p.region, p.role]
            for i, p in enumerate(people, start=1)]


def people_widths(width: float) -> list[float]:
    number = frame.fit_width("10.10", bold=True)
    nip = frame.fit_width("19670806 199005 2 053", bold=True)
    rest = frame.column_widths(width - number - nip, 34, 28, 19, 19)
    return [number, rest[0], nip, rest[1], rest[2], rest[3]]


def people_table(people: list[Person], width: float, header=PEOPLE_COLUMNS) -> Table:
    return frame.data_table(header, person_rows(people), people_widths(width), centred=(0,))


# ---------------------------------------------------------------- Surat Undangan

def _undangan(view: LetterView, width: float) -> list[Flowable]:
    t = view.texts
    left = width * 0.56
    facts = keyed([("Nomor", view.number), ("Sifat", t["sifat"]),
                   ("Lampiran", "1 (satu) berkas"), ("Hal", t["hal"])], left,
                  key_width=2.1 * cm)
    story: list[Flowable] = [grid([[facts, text(view.place_date, "left")]],
                                  [left + 0.3 * cm, width - left - 0.3 * cm])]
    indent = 2.1 * cm + COLON_WIDTH
    recipient = lines(t["tujuan"])
    story += [Spacer(1, 0.6 * cm), text("Yth. " + (recipient[0] if recipient else ""), "left")]
    story += [grid([["", text(line, "left")]], [1.05 * cm, width - 1.05 * cm])
              for line in recipient[1:]]
    story += [text("di -", "left"), grid([["", text("Tempat", "left")]], [1.05 * cm,
                                                                         width - 1.05 * cm]),
              Spacer(1, 0.5 * cm)]
    inner = width - indent
    body: list[Flowable] = [text("Dengan hormat,"), Spacer(1, 6)]
    body += _paragraphs(t["pembuka"])
    acara = [line.partition(":") for line in lines(t["acara"])]
    if acara:
        body.append(keyed([(key.strip(), value.strip()) for key, _, value in acara],
                          inner, key_width=3.2 * cm))
        body.append(Spacer(1, 6))
    body += _paragraphs(t["isi"]) + _paragraphs(t["penutup"])
    story += [grid([["", [b]]], [indent, inner]) for b in body]
    story.append(signature(view.profile.head, width))
    story += tembusan(t["tembusan"], width)
    story += [PageBreak(), *_lampiran(view, width, t["judul_lampiran"], [("Nomor", view.number),
              ("Tanggal", view.date_text), ("Hal", t["hal"])])]
    return story


def _paragraphs(section: str) -> list[Flowable]:
    result: list[Flowable] = []
    for line in lines(section):
        result += [text(line), Spacer(1, 6)]
    return result


def _lampiran(view: LetterView, width: float, title: str, rows) -> list[Flowable]:
    caption = f"Lampiran {view.label if view.kind == 'tugas' else 'Surat'} Kepala " \
              f"{_dinas(view)}"
    story: list[Flowable] = [lampiran_header(caption, rows, width), Spacer(1, 0.6 * cm),
                             text(title.upper(), "bold_centre"), Spacer(1, 0.4 * cm)]
    story.append(people_table(list(view.people), width))
    story.append(signature(view.profile.head, width, first_lines=(view.place_date,)))
    return story


def _dinas(view: LetterView) -> str:
    from ..views.letters import office_name
    return office_name(view.profile)


# ---------------------------------------------------------------- Surat Tugas

def _tugas_letter(view: LetterView, texts: dict, width: float,
                  person: Person | None) -> list[Flowable]:
    story: list[Flowable] = [Paragraph("<u>SURAT TUGAS</u>", letter_styles()["title"]),
                             text(f"Nomor: {view.number}", "centre"), Spacer(1, 0.7 * cm)]
    inner = value_width(width)
    story.append(keyed([("Dasar", numbered(lines(texts["dasar"]), inner))], width))
    story += [Spacer(1, 0.3 * cm), text("MENUGASKAN:", "bold_centre"), Spacer(1, 0.3 * cm)]
    if person is None:
        whom: object = f"Nama-nama sebagaimana tercantum dalam lampiran surat tugas ini " \
                       f"({len(view.people)} orang)."
    else:
        whom = keyed([(k, v or "-") for k, v in (
            ("Nama", person.name), ("NIP", person.nip or "-"), ("Pangkat/Gol.", person.rank),
            ("Jabatan", person.position), ("Unit kerja", person.unit))], inner,
            key_width=3.0 * cm)
    story.append(keyed([("Kepada", whom)], width))
    story.append(Spacer(1, 0.2 * cm))
    story.append(keyed([("Untuk", numbered(lines(texts["untuk"]), inner))], width))
    story += [Spacer(1, 0.3 * cm), *_paragraphs(texts["penutup"])]
    story.append(signature(view.profile.head, width, first_lines=(view.place_date,)))
    story += tembusan(texts["tembusan"], width)
    return story


def _tugas(view: LetterView, width: float) -> list[Flowable]:
    if view.person_texts:
        story: list[Flowable] = []
        for index, (person, texts) in enumerate(zip(view.people, view.person_texts, strict=True)):
            if index:  # each letter on its own page, with the letterhead again
                story += [NextPageTemplate("first"), PageBreak()]
            story.append(frame.restart_numbering())  # each letter's own "Halaman 1 dari 1"
            story += _tugas_letter(view, texts, width, person)
        return story
    story = _tugas_letter(view, view.texts, width, None)
    story += [PageBreak(), *_lampiran(view, width, view.texts["judul_lampiran"],
                                      [("Nomor", view.number), ("Tanggal", view.date_text)])]
    return story


# ---------------------------------------------------------------- rendering

def render_letter(view: LetterView, path: str | os.PathLike, *, paper: str | None = None,
                  stamp: str = "") -> Path:
    """Draw `view` as its letter in a PDF; reads nothing else."""
    if view.kind == "sk":
        from .decree import decree_story
        story = functools.partial(decree_story, view)
    else:
        story = functools.partial(_undangan if view.kind == "undangan" else _tugas, view)
    title = f"{view.label} {view.number} - {view.activity.title}"
    return frame.build_document(path, view.profile, story, title=title, paper=paper, stamp=stamp)


def keep_heading(*flowables: Flowable) -> list[Flowable]:
    """A heading that never ends a page alone."""
    return [CondPageBreak(3 * cm), *flowables]
