"""The roster's workbooks: its export, the import template, the problem report, the certificate register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlite_utils import Database

from .. import people, schools, vocabulary
from ..errors import Cancelled
from .headers import HeaderMap
from .reader import Sheet
from .workbook import (
    DATE_FORMAT,
    HEADER_BORDER,
    HEADER_FILL,
    HEADER_FONT,
    PROBLEM_FILL,
    TEXT_FORMAT,
    check_destination,
    header_cells,
    print_setup,
    save_workbook,
    text_cell,
)

COLUMN_WIDTHS = {
    "full_name": 34, "nuptk": 19, "nip": 21, "nik": 19, "gender": 5, "birth_place": 16,
    "birth_date": 13, "position": 15, "jenjang": 8, "subject": 20, "rank": 16, "school": 30,
    "npsn": 11, "region": 24, "province": 20, "ukg": 10, "phone": 15, "email": 28,
    "ukg_number": 15, "employment": 12, "golongan": 9, "functional_position": 20,
    "extra_duty": 22,
}


def _stored_date(value):
    """A stored date as a date cell; a value that is no ISO date (written by an older
    version, or received before it was checked) is written as the text it is."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)


def _person_cell_values(person: dict) -> dict:
    birth = person.get("birth_date")
    return {
        "full_name": person["name"], "nuptk": person["nuptk"], "nip": person["nip"],
        "nik": person["nik"], "gender": person["gender"], "birth_place": person["birth_place"],
        "birth_date": _stored_date(birth),
        "position": vocabulary.POSITIONS.get(person["position"], person["position"]),
        "jenjang": person["jenjang"], "subject": person["subject"], "rank": person["rank"],
        "school": person["school"], "npsn": person["npsn"], "region": person["region"],
        "province": person["province"], "ukg": person["ukg"], "phone": person["phone"],
        "email": person["email"], "ukg_number": person["ukg_number"],
        "employment": person["employment"], "golongan": person["golongan"],
        "functional_position": person["functional_position"], "extra_duty": person["extra_duty"],
    }


def export_roster(db: Database, path: str | Path, ids: list[int] | None = None,
                  progress=None, cancelled=None, *, include_nik: bool = False) -> int:
    """Write the roster (or the people with `ids`) to .xlsx; returns the number of rows.
    The NIK (personal data) is left out unless asked for; importing the file back leaves
    the NIKs in the database as they are. A cancelled export raises Cancelled and leaves
    no file."""
    check_destination(path)
    if ids is None:
        ids = people.query_ids(db)
    book = Workbook(write_only=True)
    ws = book.create_sheet("Daftar Guru")
    print_setup(ws, 1)
    fields = [f for f in people.FIELDS if include_nik or f.key != "nik"]
    for index, f in enumerate(fields, start=1):
        ws.column_dimensions[get_column_letter(index)].width = COLUMN_WIDTHS.get(f.key, 14)
    ws.freeze_panes = "A2"
    ws.append(header_cells(ws, [f.label for f in fields]))
    try:
        _roster_rows(db, ws, ids, fields, progress, cancelled)
    except BaseException:
        ws.close()  # finish the half-written sheet's stream (a damaged row, Batal); no file saved
        raise
    ws.auto_filter.ref = f"A1:{get_column_letter(len(fields))}{len(ids) + 1}"
    save_workbook(book, path)
    return len(ids)


def _roster_rows(db: Database, ws, ids: list[int], fields: list, progress, cancelled) -> None:
    text_keys = {"nuptk", "nip", "nik", "npsn", "phone"}
    for start in range(0, len(ids), 1000):
        for person in people.fetch_people(db, ids[start:start + 1000]):
            values = _person_cell_values(person)
            row = []
            for f in fields:
                value = values[f.key]
                if isinstance(value, dt.date):
                    cell = WriteOnlyCell(ws, value=value)
                    cell.number_format = DATE_FORMAT
                else:
                    cell = text_cell(ws, value, force_text=f.key in text_keys)
                row.append(cell)
            ws.append(row)
        if progress:
            progress(min(start + 1000, len(ids)), len(ids), "Mengekspor")
        if cancelled and cancelled():
            raise Cancelled()


TEMPLATE_ROWS = 2000
INSTRUCTIONS = [
    "PETUNJUK PENGISIAN DAFTAR GURU DAN KEPALA SEKOLAH",
    "",
    "1. Isi satu orang per baris di lembar 'Daftar Guru', mulai baris 2. Jangan ubah baris judul.",
    "2. Nama: tulis lengkap dengan gelar seperti pada SK, contoh: Dra. Retna Widowati, M.Pd.",
    "3. NUPTK (16 digit), NIP (18 digit) dan NIK (16 digit): isi paling tidak salah satu.",
    "   Kolom ini sudah berformat Teks. Jika menempel dari berkas lain, gunakan Tempel Khusus > Nilai,",
    "   dan pastikan nomor tidak berubah menjadi 1,97505E+17: Excel hanya menyimpan 15 digit angka,",
    "   sehingga nomor yang tersimpan sebagai angka sudah rusak dan akan ditolak saat impor.",
    "4. NIP boleh ditulis dengan spasi (19750512 200003 1 002) atau tanpa spasi.",
    "5. L/P: pilih L (laki-laki) atau P (perempuan). Jika NIP diisi, harus cocok dengan digit ke-15 NIP.",
    "6. Tanggal Lahir: format tanggal Excel, atau ketik 12/05/1975, 1975-05-12, atau 12 Mei 1975.",
    "7. Jabatan, Jenjang dan Mata Pelajaran: pilih dari daftar pada sel (panah di kanan sel).",
    "8. Asal Sekolah: nama sekolah, contoh SMP Negeri 1 Pekalongan. NPSN 8 digit bila diketahui.",
    "9. Kab/Kota: contoh Kota Pekalongan atau Kabupaten Pati (Kab. Pati juga diterima).",
    "10. Nilai UKG: angka 0 s.d. 100, boleh memakai koma desimal (78,5).",
    "11. No HP: contoh 0812-3456-7890 atau +62 812 3456 7890.",
    "",
    "Saat impor, semua baris diperiksa dulu. Jika ada masalah, tidak ada data yang disimpan dan",
    "setiap masalah disebutkan baris dan kolomnya. Perbaiki lalu impor lagi. Mengimpor berkas yang",
    "sama dua kali tidak menggandakan data: orang yang sudah ada dicocokkan lewat NUPTK, NIK atau NIP.",
]


def write_template(path: str | Path) -> Path:
    """An import template: the headers, ID columns as text, dropdowns, instructions."""
    check_destination(path)
    book = Workbook()
    ws = book.active
    ws.title = "Daftar Guru"
    fields = people.FIELDS
    for index, f in enumerate(fields, start=1):
        cell = ws.cell(row=1, column=index, value=f.label)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center")
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = COLUMN_WIDTHS.get(f.key, 14)
        if f.is_id or f.key == "phone":
            for row in range(2, TEMPLATE_ROWS + 2):
                ws.cell(row=row, column=index).number_format = TEXT_FORMAT
    ws.freeze_panes = "A2"
    lists = book.create_sheet("Daftar Pilihan")
    choices = {
        "gender": ["L", "P"],
        "position": list(vocabulary.POSITIONS.values()),
        "jenjang": list(schools.JENJANG),
        "subject": list(vocabulary.SUBJECTS),
        "employment": list(vocabulary.EMPLOYMENT),
        "functional_position": list(vocabulary.FUNCTIONAL[:8]),
        "golongan": list(vocabulary.PANGKAT),
    }
    for col, (key, values) in enumerate(choices.items(), start=1):
        lists.cell(row=1, column=col, value=people.FIELD_BY_KEY[key].label)
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=col, value=value)
        letter = get_column_letter(col)
        target = get_column_letter([f.key for f in fields].index(key) + 1)
        validation = DataValidation(
            type="list", formula1=f"='Daftar Pilihan'!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True, showErrorMessage=key != "subject",
            errorTitle="Isian tidak dikenal",
            error=f"Pilih {people.FIELD_BY_KEY[key].label} dari daftar.")
        validation.add(f"{target}2:{target}{TEMPLATE_ROWS + 1}")
        ws.add_data_validation(validation)
    lists.sheet_state = "hidden"
    guide = book.create_sheet("Petunjuk")
    for row, line in enumerate(INSTRUCTIONS, start=1):
        guide.cell(row=row, column=1, value=line)
    guide["A1"].font = Font(bold=True, size=13)
    guide.column_dimensions["A"].width = 110
    return save_workbook(book, path)


PROBLEM_CELL_FILL = PatternFill("solid", fgColor="F4B6B6")
_SHEET_TITLE_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def _sheet_title(name: str) -> str:
    return (name.translate(_SHEET_TITLE_FORBIDDEN).strip() or "Impor")[:31]


def write_problem_report(path: str | Path, data: Sheet, header: HeaderMap, problems) -> Path:
    """The sheet as it was, row for row (so row numbers match the messages), with a
    "Masalah" column; problem rows shaded and the faulty cell darker. The operator fixes
    the rows here and imports this same file again."""
    check_destination(path)
    by_row: dict[int, list] = {}
    for problem in problems:
        if problem.row is not None:
            by_row.setdefault(problem.row, []).append(problem)
    book = Workbook(write_only=True)
    ws = book.create_sheet(_sheet_title(data.name))
    width = max((len(r) for r in data.rows), default=0)
    keys = header.columns
    text_cols = {i for i, key in keys.items() if key in ("nuptk", "nip", "nik", "npsn", "id_any", "phone")}
    for index in range(width):
        ws.column_dimensions[get_column_letter(index + 1)].width = \
            COLUMN_WIDTHS.get(keys.get(index, ""), 14)
    ws.column_dimensions[get_column_letter(width + 1)].width = 80
    ws.freeze_panes = f"A{data.excel_row(header.row_index) + 1}"
    for index, row in enumerate(data.rows):
        excel_row = data.excel_row(index)
        padded = list(row) + [""] * (width - len(row))
        if index == header.row_index:
            # Problems with the header itself go in the Masalah header, so that they are
            # read where the header is fixed (and the column is still ignored on import).
            said = "; ".join(p.message for p in by_row.get(excel_row, []))
            ws.append(header_cells(ws, [str(v) if v not in (None, "") else "" for v in padded]
                                    + [f"Masalah (judul kolom: {said})" if said else "Masalah"]))
            continue
        if index < header.row_index:
            ws.append([text_cell(ws, None if v == "" else v) for v in padded])
            continue
        found = by_row.get(excel_row, [])
        cells = []
        for col, value in enumerate(padded):
            cell = text_cell(ws, None if value == "" else value, force_text=col in text_cols)
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            if found:
                cell.fill = PROBLEM_CELL_FILL if any(p.order == col for p in found) else PROBLEM_FILL
            cells.append(cell)
        messages = "; ".join(f"{p.column}: {p.message}" if p.column else p.message for p in found)
        note = text_cell(ws, messages or None)
        if found:
            note.fill = PROBLEM_FILL
        ws.append([*cells, note])
    return save_workbook(book, path)


REGISTER_COLUMNS = (("No", 5), ("Nomor Sertifikat", 27), ("Nama", 34), ("NUPTK", 19),
                    ("NIP", 21), ("Peran", 12), ("Mata Pelajaran", 20), ("Asal Sekolah", 30),
                    ("Kegiatan", 34), ("JP", 6), ("Tanggal Terbit", 13), ("Status", 11),
                    ("Alasan Batal", 30))


def export_register(db: Database, program_id: int, path: str | Path) -> Path:
    """The certificate register of a program as .xlsx, as an office keeps it: every number,
    valid or void, in columns wide enough to read, the header frozen with a filter on it,
    JP as numbers and the issue dates as dates (sortable, filterable by month)."""
    from .. import certificates, programs

    program = programs.get_program(db, program_id)
    rows = certificates.register(db, program_id=program_id)
    book = Workbook(write_only=True)
    ws = book.create_sheet("Register Sertifikat")
    print_setup(ws, 2)
    ws.freeze_panes = "C3"  # the header and the number and name stay in view
    for index, (_label, width) in enumerate(REGISTER_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    last = get_column_letter(len(REGISTER_COLUMNS))
    ws.auto_filter.ref = f"A2:{last}{len(rows) + 2}"
    title = text_cell(ws, f"Register Sertifikat {program.name} Tahun {program.year}")
    title.font = Font(bold=True, size=12)
    ws.append([title])
    ws.append(header_cells(ws, [label for label, _width in REGISTER_COLUMNS]))
    for index, row in enumerate(rows, start=1):
        issued = WriteOnlyCell(ws, value=dt.date.fromisoformat(row["issued_on"]))
        issued.number_format = DATE_FORMAT
        jp = WriteOnlyCell(ws, value=row["jp"])
        jp.number_format = "0.##"
        ws.append([index, text_cell(ws, row["number"], force_text=True), text_cell(ws, row["name"]),
                   text_cell(ws, row.get("nuptk"), force_text=True),
                   text_cell(ws, row.get("nip"), force_text=True), text_cell(ws, row["tier_label"]),
                   text_cell(ws, row.get("subject")), text_cell(ws, row.get("school")),
                   text_cell(ws, row["activity"]), jp, issued,
                   "Dibatalkan" if row["voided"] else "Berlaku", text_cell(ws, row["void_reason"])])
    return save_workbook(book, path)
