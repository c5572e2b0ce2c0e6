"""Any cell content gives a report or a clear KemitraanError, never a traceback or half an
import: the roster on an empty database, then every importer on the demo's."""

import datetime as dt
import shutil

import pytest
from helpers import assert_clear, assert_located, bad_files, snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from kemitraan_desktop import people, programs, store
from kemitraan_desktop.errors import KemitraanError
from kemitraan_desktop.spreadsheets import (
    import_marks,
    import_participants,
    import_roster,
    import_rundown,
)

HEADERS = ["Nama", "NUPTK", "NIP", "NIK", "L/P", "Tanggal Lahir", "Jabatan", "Jenjang",
           "Mata Pelajaran", "Asal Sekolah", "NPSN", "Kab/Kota", "Provinsi", "Nilai UKG", "No HP",
           "Email"]
cells = st.one_of(
    st.none(), st.text(max_size=30), st.integers(-10**18, 10**18),
    st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 2)),
    st.sampled_from(["3344556677889900", "196505121990032002", "Kota Pekalongan", "P", "=1+1",
                     "<b>&amp;</b>", "مرحبا", "😀", "Dra. X, M.Pd."]),
)
rows = st.lists(st.lists(cells, min_size=0, max_size=len(HEADERS)), min_size=0, max_size=6)


def _clean_text(value):
    # openpyxl refuses control characters that no real workbook can hold.
    if isinstance(value, str):
        return "".join(ch for ch in value if ch >= " " or ch in "\t\n")
    return value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=rows, skip=st.booleans())
def test_importer_survives_any_cells(tmp_path_factory, data, skip):
    folder = tmp_path_factory.mktemp("fuzz")
    book = Workbook()
    ws = book.active
    ws.append(HEADERS)
    for row in data:
        ws.append([_clean_text(v) for v in row])
    path = folder / "acak.xlsx"
    book.save(path)
    db = store.open_memory()
    try:
        report = import_roster(db, path, skip_invalid=skip)
    except KemitraanError as exc:
        assert exc.message
        assert people.count_people(db) == 0
        return
    written = people.count_people(db)
    if report.problems and not skip:
        assert written == 0
    else:
        assert written == report.new
    assert db.execute("SELECT count(*) FROM people_fts").fetchone()[0] == written


# ---------------------------------------------------------------- every importer, hostile cells

gen = bad_files()
OJL = 1  # the demo's OJL 1, 9-16 September 2018
_HOSTS, _VISITORS = gen._demo()
_NUPTKS = [p["nuptk"] for p in _HOSTS + _VISITORS]
_CONTROL = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r")

hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from(_CONTROL + "ab <&>\"'"), max_size=12),
    st.sampled_from(["مرحبا بكم", "😀👩\u200d🏫🇮🇩", "\u202eتجربة", "<b>&amp;</b>", "=1+1",
                     "=HYPERLINK(\"http://x\",\"klik\")", "+62 812", "-", "@Pati", "\u00a0",
                     "  ", "#REF!", "#N/A"]),
    st.text(alphabet="xyz ", min_size=2000, max_size=3000),
)
hostile_cells = st.one_of(
    st.none(), hostile_text, st.integers(-10**18, 10**18), st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.builds(gen.Formula, st.just("=A1&\"\""), st.one_of(hostile_text, st.integers(0, 99))),
    st.builds(gen.Error, st.sampled_from(["#REF!", "#DIV/0!", "#N/A", "#VALUE!", "#NAME?"])),
)
plausible = {
    "roster": st.sampled_from(["9000000000000001", "Rina Marlina", "P", "SMP Negeri 1 Pati",
                               "Kabupaten Pati", "IPA", 80, _NUPTKS[0]]),
    "participants": st.sampled_from(_NUPTKS + ["Inti", "Mitra", "Imbas", 1, 2, "IPA",
                                               _HOSTS[0]["full_name"]]),
    "rundown": st.sampled_from(["10/09/2018", "Senin, 10 September 2018", "07.30", "08.00 - 09.30",
                                "Pembukaan", "Aula", 2, "Ya", "1,5", 11, dt.date(2018, 9, 11)]),
    "attendance": st.sampled_from(_NUPTKS + ["10/09/2018", "H", "I", "S", "A", "Hadir", "07.30",
                                             "Sen 10/9 07.30", dt.date(2018, 9, 12), "✓"]),
}
HEADERS_OF = {"roster": gen.ROSTER_HEADER, "participants": gen.PARTICIPANTS_HEADER,
              "rundown": gen.RUNDOWN_HEADER, "attendance": gen.ATTENDANCE_HEADER + ["10/09/2018"]}


def _for_csv(value):
    """What a CSV can hold: text (a NUL makes it binary, refused on purpose)."""
    if value is None:
        return ""
    if isinstance(value, gen.Formula):
        value = value.cached
    if isinstance(value, gen.Error):
        value = value.code
    return str(value).replace("\x00", "")


def _for_xlsx(value):
    """Control characters as Excel stores them in a workbook (_x0001_)."""
    if isinstance(value, str):
        return "".join(f"_x{ord(c):04X}_" if c in _CONTROL else c for c in value)
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return value


def _run(importer, db, program, path):
    if importer == "roster":
        return import_roster(db, path)
    if importer == "participants":
        return import_participants(db, program, path)
    if importer == "rundown":
        return import_rundown(db, OJL, path)
    return import_marks(db, OJL, path)


@pytest.mark.parametrize("importer", ["roster", "participants", "rundown", "attendance"])
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_importer_survives_hostile_cells(demo_template, tmp_path_factory, importer, data):
    """Random cells (control characters, right-to-left, emoji, long text, numbers, dates,
    formulas and their errors) under the importer's own header, in an .xlsx or a .csv:
    a report or a KemitraanError, and when nothing is written the database is unchanged."""
    cell = st.one_of(plausible[importer], hostile_cells)
    header = HEADERS_OF[importer]
    rows = data.draw(st.lists(st.lists(cell, max_size=len(header) + 1), max_size=6))
    folder = tmp_path_factory.mktemp("fuzz")
    if data.draw(st.booleans()):
        path = gen.write_xlsx(folder / "acak.xlsx", [gen.SheetSpec(
            "Data", [header, *[[_for_xlsx(v) for v in row] for row in rows]])])
    else:
        path = gen.write_csv(folder / "acak.csv", [header, *[[_for_csv(v) for v in row]
                                                              for row in rows]])
    shutil.copy(demo_template, folder / "kemitraan.db")
    db = store.open_db(folder / "kemitraan.db")
    try:
        program = programs.create_program(db, "Kemitraan Uji", 2020, "SMP",
                                           labels="Inti,Mitra,Imbas", ratios="3,10")
        before = snapshot(db)
        try:
            report = _run(importer, db, program, path)
        except KemitraanError as exc:
            assert_clear(exc.message, path)
            assert snapshot(db) == before
            return
        assert_located(report.problems)
        if report.problems or not report.written:
            assert snapshot(db) == before
    finally:
        db.close()
