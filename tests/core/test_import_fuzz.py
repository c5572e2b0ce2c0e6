"""Any cell content gives a report or a clear KemitraanError, never a traceback or half an import."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from kemitraan_desktop import people, store
from kemitraan_desktop.errors import KemitraanError
from kemitraan_desktop.spreadsheets import import_roster

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
