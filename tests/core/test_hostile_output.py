"""User text on the way out: a name with `<`, `&` and quotes prints exactly in every PDF
(no markup injection in reportlab Paragraphs), and no export lets Excel run a cell that
starts like a formula (`=`, `+`, `-`, `@`, a tab or a carriage return)."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import bad_files
from openpyxl import load_workbook
from pypdf import PdfReader

from kemitraan_desktop import activities, certificates, demo, people, programs
from kemitraan_desktop import documents as docs
from kemitraan_desktop.spreadsheets import (
    export_pairs,
    export_recap,
    export_register,
    export_roster,
    export_rundown,
)
from kemitraan_desktop.spreadsheets.export import write_problem_report
from kemitraan_desktop.spreadsheets.roster_import import locate
from kemitraan_desktop.spreadsheets.roster_rows import Problem

OJL = 1  # the demo's OJL 1 Kota Pekalongan (2018 program), 9-16 September 2018
NAME = 'Siti "Ami" <Aminah> & Co\''
FORMULA_NAME = '=HYPERLINK("http://x","klik")'
FORMULA_SCHOOL = "+1-2"


def program_2018(db) -> int:
    return next(e["program"].id for e in programs.list_programs(db) if e["program"].year == 2018)


def rename_first_host(db, name: str, school: str | None = None) -> int:
    """The demo's first inti (in the 2018 pairs, the OJL and its certificates), renamed;
    their certificate voided and reissued, so that the register holds the new name."""
    record = demo.demo_people()[0]
    person_id = people.find_by_id_number(db, record["nuptk"])["id"]
    old = people.get_person(db, person_id)["name"]
    people.save_person(db, {**record, "full_name": name, "school": school or record["school"],
                            **({"npsn": None} if school else {})}, person_id)
    number = next(r["number"] for r in certificates.register(db, activity_id=OJL)
                  if r["name"] == old)
    certificates.void(db, number, f'nama {name} salah & "diketik" ulang')
    certificates.reissue(db, number, dt.date(2018, 9, 17))
    items = activities.list_items(db, OJL)
    items[0] = items[0].copy(pic=name)  # the rundown names them as a speaker
    activities.save_items(db, OJL, items)
    return person_id


def pdf_text(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_a_name_with_markup_prints_exactly_in_every_document(demo_copy, tmp_path):
    db = demo_copy
    rename_first_host(db, NAME)
    program = program_2018(db)
    new_number = certificates.register(db, activity_id=OJL)[-1]["number"]
    printed = {
        "pairs": docs.print_pairs(db, program, tmp_path / "pasangan.pdf"),
        "rundown": docs.print_rundown(db, OJL, tmp_path / "rundown.pdf"),
        "attendance": docs.print_attendance(db, OJL, tmp_path / "hadir.pdf"),
        "recap": docs.print_recap(db, OJL, tmp_path / "rekap.pdf"),
        "biodata": docs.print_biodata(db, OJL, tmp_path / "biodata.pdf"),
        "register": docs.print_register(db, program, tmp_path / "register.pdf"),
        "certificate": docs.print_certificates(db, OJL, tmp_path / "sertifikat.pdf",
                                               numbers=[new_number]),
    }
    for kind, path in printed.items():
        text = pdf_text(path)
        assert NAME in text, (kind, text[:2000])
        assert "&amp;" not in text and "&lt;" not in text and "&quot;" not in text, kind
    register = pdf_text(printed["register"])
    assert f'Dibatalkan: nama {NAME} salah & "diketik" ulang' in register


# ---------------------------------------------------------------- formula injection


def formula_cells(path):
    """Every cell of every sheet that holds our hostile text: (sheet, coordinate, cell)."""
    book = load_workbook(path)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and (FORMULA_NAME in cell.value
                                                    or cell.value == FORMULA_SCHOOL):
                    yield ws.title, cell.coordinate, cell


def assert_inert(path, *, expect_name: bool = True, expect_school: bool = True) -> None:
    found = list(formula_cells(path))
    values = {cell.value for _, _, cell in found}
    if expect_name:
        assert FORMULA_NAME in values, (path, values)
    if expect_school:
        assert FORMULA_SCHOOL in values, (path, values)
    for sheet, where, cell in found:
        if cell.value.startswith(("=", "+", "-", "@")):
            # a plain string that Excel shows as text and keeps as text when edited
            assert cell.data_type == "s" and cell.quotePrefix, (path.name, sheet, where)


@pytest.fixture
def hostile(demo_copy):
    db = demo_copy
    rename_first_host(db, FORMULA_NAME, school=FORMULA_SCHOOL)
    db.execute("UPDATE activities SET title = ? WHERE id = ?", ["=1+1 " + FORMULA_NAME, OJL])
    return db


def test_roster_export_keeps_formula_like_text_inert(hostile, tmp_path):
    export_roster(hostile, tmp_path / "guru.xlsx")
    assert_inert(tmp_path / "guru.xlsx")


def test_pairs_export_keeps_formula_like_text_inert(hostile, tmp_path):
    assert_inert(export_pairs(hostile, program_2018(hostile), tmp_path / "pasangan.xlsx"))


def test_rundown_export_keeps_formula_like_text_inert(hostile, tmp_path):
    path = export_rundown(hostile, OJL, tmp_path / "rundown.xlsx")
    assert_inert(path, expect_school=False)  # the rundown names the speaker, not their school
    title = load_workbook(path)["Rundown"]["A1"]
    assert title.value == "=1+1 " + FORMULA_NAME and title.data_type == "s" and title.quotePrefix


def test_recap_export_keeps_formula_like_text_inert(hostile, tmp_path):
    assert_inert(export_recap(hostile, OJL, tmp_path / "rekap.xlsx"))


def test_certificate_register_export_keeps_formula_like_text_inert(hostile, tmp_path):
    assert_inert(export_register(hostile, program_2018(hostile), tmp_path / "register.xlsx"))


def test_problem_report_keeps_formula_like_text_inert(tmp_path):
    """The report of an import copies the file's own cells, titles above the header too."""
    gen = bad_files()
    source = gen.write_xlsx(tmp_path / "sumber.xlsx", [gen.SheetSpec("Daftar", [
        ["=SUM(1,2)"], ["@judul"], ["Nama", "NUPTK", "Asal Sekolah"],
        [FORMULA_NAME, "12", FORMULA_SCHOOL]])])
    data, header = locate(source)
    path = write_problem_report(tmp_path / "laporan.xlsx", data, header,
                                [Problem(4, "Nama", FORMULA_NAME, 0)])
    ws = load_workbook(path).active
    for cell in (c for row in ws.iter_rows() for c in row if isinstance(c.value, str)):
        if cell.value.startswith(("=", "+", "-", "@")):
            assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
    assert ws["A1"].value == "=SUM(1,2)" and ws["A4"].value == FORMULA_NAME
