"""The pairing list as a workbook: one row per pair, and the participants still unpaired."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlite_utils import Database

from .. import pairing, programs
from ..errors import Cancelled
from ..programs import Program
from .workbook import check_destination, header_cells, print_setup, save_workbook, text_cell

# (header, key in the participant dict, column width); the IDs are written as text
PERSON_COLUMNS = [("Nama", "name", 34), ("NUPTK", "nuptk", 19), ("NIP", "nip", 21),
                  ("Asal Sekolah", "school", 30), ("Kab/Kota", "region", 26),
                  ("Provinsi", "province", 22)]
ID_KEYS = {"nuptk", "nip"}
MENTEE_FILL = PatternFill("solid", fgColor="375623")
TITLE_FONT = Font(bold=True, size=13)
HEADER_ROW = 3
BATCH = 1000


def pair_headers() -> list[str]:
    """The column titles: each person column once for the mentor, once for the mentee."""
    return (["No", "Mata Pelajaran", "Peran Pembimbing"]
            + [f"{title} Pembimbing" for title, _, _ in PERSON_COLUMNS]
            + ["Peran Peserta"] + [f"{title} Peserta" for title, _, _ in PERSON_COLUMNS])


def export_pairs(db: Database, program_id: int, path: str | Path, progress=None,
                 cancelled=None) -> Path:
    """Write the program's pairs to .xlsx: a title, then one row per pair (mentor, mentee,
    each with their tier label as the program names it), and a second sheet of the
    participants who have no mentor yet. NUPTK and NIP are text cells, never numbers.
    A cancelled export raises Cancelled and leaves no file."""
    path = check_destination(path)
    program = programs.get_program(db, program_id)
    pairs = pairing.pair_rows(db, program_id)
    book = Workbook(write_only=True)
    ws = book.create_sheet("Daftar Pasangan")
    print_setup(ws, HEADER_ROW)
    headers = pair_headers()
    _start_sheet(ws, program, "DAFTAR PASANGAN", [6, 20, 14, *(w for _, _, w in PERSON_COLUMNS), 14,
                                        *(w for _, _, w in PERSON_COLUMNS)])
    header = header_cells(ws, headers)
    for cell in header[3 + len(PERSON_COLUMNS):]:
        cell.fill = MENTEE_FILL  # the mentee's half, told apart at a glance
    ws.append(header)
    for number, pair in enumerate(pairs, start=1):
        ws.append([WriteOnlyCell(ws, value=number), text_cell(ws, pair["subject"]),
                   text_cell(ws, pair["mentor_label"]), *_person_cells(ws, pair["mentor"]),
                   text_cell(ws, pair["mentee_label"]), *_person_cells(ws, pair["mentee"])])
        if number % BATCH == 0 or number == len(pairs):
            if progress:
                progress(number, len(pairs), "Mengekspor pasangan")
            if cancelled and cancelled():
                ws.close()  # finish the half-written sheet's stream; no file is saved
                raise Cancelled()
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(headers))}{HEADER_ROW + len(pairs)}"
    _unpaired_sheet(book, db, program, {pair["mentee"]["id"] for pair in pairs})
    return save_workbook(book, path)


def _start_sheet(ws, program: Program, title: str, widths: list[int]) -> None:
    """Column widths, the frozen header, and the two title rows above it."""
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    cell = text_cell(ws, f"{title} - {program.name} Tahun {program.year}")
    cell.font = TITLE_FONT
    ws.append([cell])
    ws.append([text_cell(ws, f"Jenjang {program.jenjang}; tingkat: "
                              f"{' - '.join(program.labels)}; rasio {program.ratio_text}")])


def _person_cells(ws, person: dict) -> list[WriteOnlyCell]:
    return [text_cell(ws, person.get(key) or None, force_text=key in ID_KEYS)
            for _, key, _ in PERSON_COLUMNS]


def _unpaired_sheet(book: Workbook, db: Database, program: Program, paired: set[int]) -> None:
    ws = book.create_sheet("Belum Berpasangan")
    print_setup(ws, HEADER_ROW)
    unpaired = [p for p in programs.list_participants(db, program.id)
                if p["tier"] > 1 and p["id"] not in paired]
    headers = ["No", "Peran", *(title for title, _, _ in PERSON_COLUMNS), "Mata Pelajaran"]
    _start_sheet(ws, program, "BELUM BERPASANGAN", [6, 14, *(w for _, _, w in PERSON_COLUMNS), 20])
    ws.append(header_cells(ws, headers))
    for number, person in enumerate(unpaired, start=1):
        ws.append([WriteOnlyCell(ws, value=number), text_cell(ws, person["tier_label"]),
                   *_person_cells(ws, person), text_cell(ws, person["subject"])])
    if unpaired:
        ws.auto_filter.ref = (f"A{HEADER_ROW}:{get_column_letter(len(headers))}"
                              f"{HEADER_ROW + len(unpaired)}")
