"""The letters as .docx for the office to adjust in Word before signing: the same
letterhead, blocks, signature and lampiran as the PDFs (documents/letters.py, decree.py)."""

from __future__ import annotations

import copy
import os
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt

from ..letters.templates import lines
from ..views.letters import LetterView, Person, office_name
from . import word
from .decree import STAFF_COLUMNS, decree_heading, diktum
from .letters import PEOPLE_COLUMNS

TEXT_CM = 15.5  # the text width between the house margins on A4 (F4 has 5 mm more)
KEY_CM, COLON_CM = 2.6, 0.45
PEOPLE_CM = (1.1, 3.7, 4.0, 2.8, 2.3, 1.6)


fixed = word.fixed_widths  # column widths Word and LibreOffice both keep


def _cell_lines(cell, items: list[str], *, labels: list[str] | None = None,
                justify: bool = True) -> None:
    """Paragraphs in a cell; with labels, `a.` items hanging under themselves."""
    first = True
    for index, item in enumerate(items):
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if labels:
            p.paragraph_format.left_indent = Cm(0.75)
            p.paragraph_format.first_line_indent = Cm(-0.75)
            p.paragraph_format.tab_stops.add_tab_stop(Cm(0.75))
            p.add_run(f"{labels[index]}\t{item}")
        else:
            p.add_run(item)
        p.paragraph_format.space_after = Pt(3)
        if justify:
            p.alignment = word.JUSTIFY


def keyed(doc, rows: list[tuple[str, object]], *, key_cm: float = KEY_CM, bold_keys=False,
          indent_cm: float = 0.0):
    """`Key : value` rows as an unruled table; a value is text, a list of lines, or a
    (lines, labels) pair for a numbered block."""
    widths = [indent_cm] if indent_cm else []
    widths += [key_cm, COLON_CM, TEXT_CM - indent_cm - key_cm - COLON_CM]
    table = doc.add_table(rows=0, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for key, value in rows:
        cells = table.add_row().cells
        cells = cells[1:] if indent_cm else cells
        run = cells[0].paragraphs[0].add_run(key)
        run.bold = bold_keys
        cells[1].paragraphs[0].add_run(":")
        if isinstance(value, tuple):
            _cell_lines(cells[2], value[0], labels=value[1])
        elif isinstance(value, list):
            _cell_lines(cells[2], value, justify=False)
        else:
            _cell_lines(cells[2], [str(value)], justify=False)
    fixed(table, widths)
    return table


def _numbers(items: list[str]) -> tuple[list[str], list[str] | None]:
    return items, ([f"{i}." for i in range(1, len(items) + 1)] if len(items) > 1 else None)


def _tembusan(doc, section: str) -> None:
    items = lines(section)
    if not items:
        return
    word.paragraph(doc, space_after=0)
    word.paragraph(doc, "Tembusan Yth.:", space_after=0)
    for index, item in enumerate(items, start=1):
        word.paragraph(doc, f"{index}. {item}" if len(items) > 1 else item, space_after=0)


def _lampiran_header(doc, caption: str, rows: list[tuple[str, str]]) -> None:
    table = doc.add_table(rows=1, cols=2)
    fixed(table, (7.0, 9.0))
    right = table.rows[0].cells[1]
    p = right.paragraphs[0]
    run = p.add_run(caption)
    run.font.size = Pt(11)
    for key, value in rows:
        q = right.add_paragraph()
        q.paragraph_format.left_indent = Cm(2.3)
        q.paragraph_format.first_line_indent = Cm(-2.3)
        q.paragraph_format.tab_stops.add_tab_stop(Cm(2.0))
        q.paragraph_format.tab_stops.add_tab_stop(Cm(2.3))
        run = q.add_run(f"{key}\t:\t{value}")
        run.font.size = Pt(11)
    word.paragraph(doc, space_after=6)


def _table(doc, header, rows, widths_cm, *, size: float = 9):
    fixed(word.table(doc, header, rows, widths_cm, size=size), widths_cm)


def _people_rows(people: list[Person]) -> list[list[str]]:
    return [[str(i), p.name, p.identity, p.unit, p.region, p.role]
            for i, p in enumerate(people, start=1)]


def _signature(doc, view: LetterView, first_line: str = "", position: str = "") -> None:
    head = copy.copy(view.profile.head)
    head.position = f"{position or head.position},"
    word.signature(doc, head, first_line)
    fixed(doc.tables[-1], (TEXT_CM - 8.5, 8.5))


def _undangan(doc, view: LetterView) -> None:
    t = view.texts
    rows = [("Nomor", view.number), ("Sifat", t["sifat"]), ("Lampiran", "1 (satu) berkas"),
            ("Hal", t["hal"])]
    top = doc.add_table(rows=len(rows), cols=4)
    for row, (key, value) in zip(top.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text, row.cells[2].text = key, ":", value
    top.rows[0].cells[3].text = view.place_date
    fixed(top, (2.5, COLON_CM, 6.4, TEXT_CM - 9.35))
    word.paragraph(doc, space_after=6)
    recipient = lines(t["tujuan"]) or [""]
    word.paragraph(doc, f"Yth. {recipient[0]}", space_after=0)
    for line in recipient[1:]:
        p = word.paragraph(doc, line, space_after=0)
        p.paragraph_format.left_indent = Cm(1.0)
    word.paragraph(doc, "di -", space_after=0)
    word.paragraph(doc, "Tempat", space_after=12).paragraph_format.left_indent = Cm(1.0)
    indent = Cm(2.55)
    body = ["Dengan hormat,", *lines(t["pembuka"])]
    for line in body:
        p = word.paragraph(doc, line, align=word.JUSTIFY, space_after=6)
        p.paragraph_format.left_indent = indent
    acara = [line.partition(":") for line in lines(t["acara"])]
    if acara:
        keyed(doc, [(k.strip(), v.strip()) for k, _, v in acara], key_cm=3.2, indent_cm=2.55)
    for line in lines(t["isi"]) + lines(t["penutup"]):
        p = word.paragraph(doc, line, align=word.JUSTIFY, space_after=6)
        p.paragraph_format.left_indent = indent
    _signature(doc, view)
    _tembusan(doc, t["tembusan"])
    word.page_break(doc)
    _lampiran(doc, view, t["judul_lampiran"], [("Nomor", view.number),
                                                ("Tanggal", view.date_text), ("Hal", t["hal"])])


def _lampiran(doc, view: LetterView, title: str, rows) -> None:
    what = view.label if view.kind == "tugas" else "Surat"
    _lampiran_header(doc, f"Lampiran {what} Kepala {office_name(view.profile)}", rows)
    word.paragraph(doc, title.upper(), bold=True, align=word.CENTRE, space_after=8)
    _table(doc, PEOPLE_COLUMNS, _people_rows(list(view.people)), PEOPLE_CM)
    _signature(doc, view, view.place_date)


def _tugas_letter(doc, view: LetterView, texts: dict, person: Person | None) -> None:
    word.paragraph(doc, "SURAT TUGAS", bold=True, underline=True, align=word.CENTRE, size=14,
                   space_after=0)
    word.paragraph(doc, f"Nomor: {view.number}", align=word.CENTRE, space_after=12)
    keyed(doc, [("Dasar", _numbers(lines(texts["dasar"])))])
    word.paragraph(doc, space_after=0)
    word.paragraph(doc, "MENUGASKAN:", bold=True, align=word.CENTRE, space_after=6)
    if person is None:
        keyed(doc, [("Kepada", "Nama-nama sebagaimana tercantum dalam lampiran surat tugas "
                               f"ini ({len(view.people)} orang).")])
    else:
        keyed(doc, [("Kepada", "")])
        keyed(doc, [(k, v or "-") for k, v in (
            ("Nama", person.name), ("NIP", person.nip), ("Pangkat/Gol.", person.rank),
            ("Jabatan", person.position), ("Unit kerja", person.unit))],
            key_cm=3.0, indent_cm=KEY_CM + COLON_CM)
    keyed(doc, [("Untuk", _numbers(lines(texts["untuk"])))])
    word.paragraph(doc, space_after=0)
    for line in lines(texts["penutup"]):
        word.paragraph(doc, line, align=word.JUSTIFY, space_after=6)
    _signature(doc, view, view.place_date)
    _tembusan(doc, texts["tembusan"])


def _tugas(doc, view: LetterView, kop: list) -> None:
    if view.person_texts:
        for index, (person, texts) in enumerate(zip(view.people, view.person_texts,
                                                    strict=True)):
            if index:  # each letter on its own page, under the letterhead again
                word.page_break(doc)
                body = doc.element.body
                for element in kop:
                    body.insert(len(body) - 1, copy.deepcopy(element))
            _tugas_letter(doc, view, texts, person)
        return
    _tugas_letter(doc, view, view.texts, None)
    word.page_break(doc)
    _lampiran(doc, view, view.texts["judul_lampiran"], [("Nomor", view.number),
                                                        ("Tanggal", view.date_text)])


def _decree(doc, view: LetterView) -> None:
    t = view.texts
    title, head = decree_heading(view)
    about = t["tentang"]
    for line, after in ((title, 0), (f"NOMOR {view.number}", 8), ("TENTANG", 0),
                        (about.upper(), 10), (f"{head},", 10)):
        word.paragraph(doc, line, bold=True, align=word.CENTRE, space_after=after)
    considering = lines(t["menimbang"])
    keyed(doc, [("Menimbang", (considering, [f"{chr(97 + i)}." for i in range(len(considering))])),
                ("Mengingat", _numbers(lines(t["mengingat"])))])
    word.paragraph(doc, "MEMUTUSKAN:", bold=True, align=word.CENTRE, space_after=8)
    rows: list[tuple[str, object]] = [("Menetapkan", f"{title} TENTANG {about.upper()}.")]
    rows += [(diktum(i), ([item], None)) for i, item in enumerate(lines(t["memutuskan"]))]
    keyed(doc, rows)
    _signature(doc, view, f"Ditetapkan di {view.place}\npada tanggal {view.date_text}",
               head.title())
    _tembusan(doc, t["tembusan"])
    refs = [("NOMOR", view.number), ("TANGGAL", view.date_text), ("TENTANG", about.upper())]
    word.page_break(doc)
    _lampiran_header(doc, f"LAMPIRAN I {title}", refs)
    word.paragraph(doc, t["judul_lampiran_1"].upper(), bold=True, align=word.CENTRE,
                   space_after=8)
    for index, group in enumerate(view.groups, start=1):
        mentor = group.mentor
        place = ", ".join(p for p in (mentor.unit, mentor.region) if p)
        word.paragraph(doc, f"{index}. {mentor.name} ({mentor.role}), {place}".rstrip(", "),
                       bold=True, space_after=2)
        _table(doc, PEOPLE_COLUMNS, [[n, p.name, p.identity, p.unit, p.region, p.role]
                                         for n, p, _ in group.rows], PEOPLE_CM)
    _signature(doc, view, "", head.title())
    word.page_break(doc)
    _lampiran_header(doc, f"LAMPIRAN II {title}", refs)
    word.paragraph(doc, t["judul_lampiran_2"].upper(), bold=True, align=word.CENTRE,
                   space_after=8)
    for letter, (group, label) in zip("AB", (("panitia", "Panitia"),
                                            ("narasumber", "Narasumber")), strict=True):
        word.paragraph(doc, f"{letter}. {label.upper()}", space_after=4)
        people = [p for p in view.staff if p.group == group]
        if people:
            _table(doc, STAFF_COLUMNS, [[str(i), p.name, p.nip, p.position, p.unit]
                                            for i, p in enumerate(people, start=1)],
                       (1.0, 4.3, 4.0, 2.7, 3.5))
        else:
            word.paragraph(doc, f"Belum ada {label.lower()} yang dicatat untuk kegiatan ini.")
    _signature(doc, view, "", head.title())


def render_letter_docx(view: LetterView, path: str | os.PathLike, *,
                       paper: str | None = None) -> Path:
    """Write `view` as its letter in a .docx; reads nothing else."""
    doc = word.new_document(view.profile, paper)
    if doc.tables and view.profile.logo:  # the kop's columns, kept by LibreOffice too
        fixed(doc.tables[0], (2.8, TEXT_CM + 1.5 - 2.8))
    kop = list(doc.element.body)[:-1]  # the letterhead: everything before the section
    if view.kind == "undangan":
        _undangan(doc, view)
    elif view.kind == "tugas":
        _tugas(doc, view, kop)
    else:
        _decree(doc, view)
    doc.core_properties.title = f"{view.label} {view.number} - {view.activity.title}"
    return word.save(doc, path)
