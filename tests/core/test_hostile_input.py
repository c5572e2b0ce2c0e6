"""Hostile and broken files (tests/data/bad/, made by make_bad_files.py there) fed to every
importer: each ends with a correct import or a KemitraanError whose Indonesian message
names the file and the place, never another exception, never half an import. The files
too large to commit (a million rows, a 10 MB cell) are made here and read in a child
process whose address space is capped, so that a runaway allocation fails there."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from helpers import BAD, assert_clear, assert_located, bad_files, snapshot

from kemitraan_desktop import activities, attendance, people, programs
from kemitraan_desktop.errors import InputFileError, KemitraanError, ValidationError
from kemitraan_desktop.spreadsheets import (
    analyse_roster,
    import_marks,
    import_participants,
    import_roster,
    import_rundown,
)

ROOT = Path(__file__).resolve().parents[2]
OJL = 1  # the demo's OJL 1 Kota Pekalongan, 9-16 September 2018


gen = bad_files()
FILES = sorted(p.name for p in BAD.iterdir()
               if p.suffix in (".xlsx", ".xls", ".ods", ".csv") and not p.name.startswith("_"))


@pytest.fixture
def db(demo_copy):
    return demo_copy


@pytest.fixture
def program(db):
    """A new program for the participants files (the demo's people, no participants)."""
    return programs.create_program(db, "Kemitraan Uji", 2020, "SMP", labels="Inti,Mitra,Imbas",
                                   ratios="3,10")


def run_roster(db, program, path):
    return import_roster(db, path)


def run_wizard(db, program, path):
    return analyse_roster(db, path).report


def run_participants(db, program, path):
    return import_participants(db, program, path)


def run_rundown(db, program, path):
    return import_rundown(db, OJL, path)


def run_attendance(db, program, path):
    return import_marks(db, OJL, path)


IMPORTERS = {"roster": run_roster, "wizard": run_wizard, "participants": run_participants,
             "rundown": run_rundown, "attendance": run_attendance}


def outcome(db, program, importer: str, path: Path):
    """The importer's result, checked: a KemitraanError leaves the database as it was; a
    report with problems is located and writes nothing."""
    before = snapshot(db)
    start = time.monotonic()
    try:
        report = IMPORTERS[importer](db, program, path)
    except KemitraanError as exc:
        assert time.monotonic() - start < 60
        assert_clear(exc.message, path)
        assert snapshot(db) == before, "a refused import changed the database"
        return exc
    assert time.monotonic() - start < 60
    assert_located(report.problems)
    if report.problems or not report.written:
        assert snapshot(db) == before, "a refused import changed the database"
    return report


@pytest.mark.parametrize("importer", IMPORTERS)
@pytest.mark.parametrize("name", FILES)
def test_every_file_through_every_importer(db, program, name, importer):
    result = outcome(db, program, importer, BAD / name)
    assert isinstance(result, KemitraanError) or hasattr(result, "problems")


# ---------------------------------------------------------------- broken containers

@pytest.mark.parametrize("name, expected", [
    ("kosong.xlsx", "kosong (0 byte)"),
    ("kosong.csv", "kosong (0 byte)"),
    ("terpotong.xlsx", "rusak atau terpotong"),
    ("teks_dinamai_xlsx.xlsx", "bukan berkas .xlsx yang sah"),
    ("html_dinamai_xls.xls", "rusak atau bukan lembar kerja"),
    ("dilindungi_sandi.xlsx", "dilindungi kata sandi"),
    ("sampah_biner.csv", "berisi data biner"),
    ("nul_di_tengah.csv", "berisi data biner"),
    ("sel_jauh.xlsx", "berisi nilai sampai sel XFD1048576 (1.048.576 baris x 16.384 kolom)"),
    ("sel_jauh.xls", "berisi nilai sampai sel IV65536 (65.536 baris x 256 kolom)"),
    ("teks_60_juta.xls", "menyatakan 60.000.000 teks berbeda"),
    ("bom_ulang.ods", "berisi nilai sampai sel NTP9501 (9.501 baris x 10.000 kolom)"),
])
@pytest.mark.parametrize("importer", IMPORTERS)
def test_an_unreadable_file_says_why_for_every_importer(db, program, importer, name, expected):
    result = outcome(db, program, importer, BAD / name)
    assert isinstance(result, InputFileError), result
    assert expected in result.message


def test_the_encrypted_workbook_is_a_real_compound_file():
    data = (BAD / "dilindungi_sandi.xlsx").read_bytes()
    assert data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    assert "EncryptionInfo".encode("utf-16-le") in data
    assert "EncryptedPackage".encode("utf-16-le") in data


def test_binary_garbage_without_nul_is_read_as_text_and_finds_no_header(db, program):
    for importer in IMPORTERS:
        result = outcome(db, program, importer, BAD / "sampah_tanpa_nul.csv")
        assert isinstance(result, ValidationError), (importer, result)
        assert "Baris judul kolom" in result.message


def test_hidden_sheets_are_not_read(db, program):
    for importer in IMPORTERS:
        result = outcome(db, program, importer, BAD / "lembar_tersembunyi.xlsx")
        assert isinstance(result, ValidationError), (importer, result)
        assert "'Catatan'" in result.message and "Data Lama" not in result.message
        assert "Rumus" not in result.message
    report = import_roster(db, BAD / "tersembunyi_di_depan.xlsx")
    assert (report.sheet, report.new, report.written) == ("Daftar", 2, True)


# ---------------------------------------------------------------- each importer's own shape

def roster_names(db) -> set[str]:
    return {name for (name,) in db.execute("SELECT full_name FROM people")}


@pytest.mark.parametrize("kind, texts", [("markup", gen.MARKUP), ("rtl_emoji", gen.RTL_EMOJI)])
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_roster_keeps_markup_rtl_and_emoji_exactly(db, kind, texts, suffix):
    report = import_roster(db, BAD / f"{kind}_daftar_guru{suffix}")
    assert (report.problems, report.new, report.written) == ([], len(texts), True)
    assert set(texts) <= roster_names(db)
    found = people.list_people(db, texts[0].split()[0])
    assert texts[0] in {p["name"] for p in found}


@pytest.mark.parametrize("kind", ["markup", "rtl_emoji"])
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_participants_with_markup_rtl_and_emoji_names_import(db, program, kind, suffix):
    report = import_participants(db, program, BAD / f"{kind}_peserta{suffix}")
    assert report.problems == [] and (report.new, report.pairs, report.written) == (4, 2, True)


@pytest.mark.parametrize("kind, texts", [("markup", gen.MARKUP), ("rtl_emoji", gen.RTL_EMOJI)])
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_rundown_keeps_markup_rtl_and_emoji_exactly(db, kind, texts, suffix):
    report = import_rundown(db, OJL, BAD / f"{kind}_rundown{suffix}")
    assert report.problems == [] and report.written, report.details()
    items = activities.list_items(db, OJL)
    assert [i.description for i in items] == [f"Pembukaan {texts[0]}", f"Materi {texts[1]}",
                                              f"Kunjungan {texts[-1]}"]
    assert items[0].pic == texts[1] and items[1].place == texts[2]


@pytest.mark.parametrize("kind, texts", [("markup", gen.MARKUP), ("rtl_emoji", gen.RTL_EMOJI)])
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_attendance_keeps_notes_with_markup_rtl_and_emoji(db, kind, texts, suffix):
    report = import_marks(db, OJL, BAD / f"{kind}_hadir{suffix}")
    assert report.problems == [] and report.written, report.details()
    notes = {note for status, note in attendance.marks(db, OJL).values() if note}
    assert {texts[1], texts[2]} <= notes  # hadir keeps no note; izin and sakit keep theirs


def test_formulas_are_read_as_their_last_calculated_values(db, program):
    report = import_roster(db, BAD / "rumus_daftar_guru.xlsx")
    assert report.problems == [] and report.new == 2
    person = people.find_by_id_number(db, "9000000000000001")
    assert person["name"] == "Rina Marlina"
    assert db.execute("SELECT ukg FROM people WHERE nuptk = '9000000000000002'").fetchone()[0] == 85.5

    report = import_participants(db, program, BAD / "rumus_peserta.xlsx")
    assert report.problems == [] and (report.new, report.pairs) == (4, 2)

    report = import_rundown(db, OJL, BAD / "rumus_rundown.xlsx")
    assert report.problems == [], report.details()
    items = activities.list_items(db, OJL)
    assert items[0].jp == 2 and items[1].end.strftime("%H.%M") == "15.00"

    report = import_marks(db, OJL, BAD / "rumus_hadir.xlsx")
    assert report.problems == [] and report.written, report.details()


@pytest.mark.parametrize("shape, importer, expected", [
    ("daftar_guru", "roster", ["Baris 2, kolom 'NUPTK': sel berisi galat rumus #REF!",
                               "Baris 3, kolom 'Nama': sel berisi galat rumus #N/A",
                               "Baris 4, kolom 'Nilai UKG': sel berisi galat rumus #DIV/0!"]),
    ("daftar_guru", "wizard", ["Baris 2, kolom 'NUPTK': sel berisi galat rumus #REF!"]),
    ("peserta", "participants", ["Baris 3, kolom 'Peran': sel berisi galat rumus #REF!",
                                 "Baris 5, kolom 'NUPTK Pembimbing': sel berisi galat rumus #N/A"]),
    ("rundown", "rundown", ["Baris 2, kolom 'JP': sel berisi galat rumus #DIV/0!",
                            "Baris 3, kolom 'Kegiatan': sel berisi galat rumus #REF!"]),
    ("hadir", "attendance", ["Baris 2, kolom 'Status': sel berisi galat rumus #REF!",
                             "Baris 3, kolom 'Tanggal': sel berisi galat rumus #VALUE!"]),
])
def test_error_cells_are_located_and_nothing_is_written(db, program, shape, importer, expected):
    report = outcome(db, program, importer, BAD / f"galat_{shape}.xlsx")
    found = [str(p) for p in report.problems]
    for start in expected:
        assert any(m.startswith(start) for m in found), (start, found)
    assert not report.written


def test_error_text_saved_in_a_csv_is_an_error_too(db, tmp_path):
    path = gen.write_csv(tmp_path / "galat.csv", [gen.ROSTER_HEADER,
                                                 ["#N/A", "9000000000000001", None, "L"]])
    report = import_roster(db, path)
    assert [str(p) for p in report.problems] == [
        "Baris 2, kolom 'Nama': sel berisi galat rumus #N/A; perbaiki rumusnya di Excel (atau "
        "salin lalu Tempel Khusus > Nilai), lalu impor lagi"]


def test_merged_cells_hold_for_every_row_they_cover(db, program):
    report = import_roster(db, BAD / "gabung_daftar_guru.xlsx")
    assert report.problems == [] and report.new == 3 and report.header_row == 3
    schools = db.execute("SELECT s.name FROM people p JOIN schools s ON s.id = p.school_id "
                         "WHERE p.nuptk LIKE '90000000000000%' ORDER BY p.nuptk").fetchall()
    assert [s for (s,) in schools] == ["SMP Negeri 1 Pekalongan"] * 3

    report = import_participants(db, program, BAD / "gabung_peserta.xlsx")
    assert report.problems == [] and (report.new, report.pairs) == (3, 2), \
        [str(p) for p in report.problems]

    report = import_rundown(db, OJL, BAD / "gabung_rundown.xlsx")
    assert report.problems == [] and report.items == 3, report.details()
    assert {i.day.day for i in activities.list_items(db, OJL)} == {9, 10}

    report = import_marks(db, OJL, BAD / "gabung_hadir.xlsx")
    assert report.problems == [] and report.participants == 3, report.details()


# ---------------------------------------------------------------- too large to commit

CHILD = textwrap.dedent("""
    import json, resource, sys, time
    resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))
    from kemitraan_desktop import programs, store
    from kemitraan_desktop.errors import KemitraanError
    from kemitraan_desktop.spreadsheets import (analyse_roster, import_marks,
        import_participants, import_roster, import_rundown)
    db = store.open_db(sys.argv[1])
    program = programs.create_program(db, "Kemitraan Uji", 2020, "SMP",
                                      labels="Inti,Mitra,Imbas", ratios="3,10")
    runs = {"roster": lambda p: import_roster(db, p),
            "wizard": lambda p: analyse_roster(db, p).report,
            "participants": lambda p: import_participants(db, program, p),
            "rundown": lambda p: import_rundown(db, 1, p),
            "attendance": lambda p: import_marks(db, 1, p)}
    for path in sys.argv[2:]:
        for name, run in runs.items():
            start = time.monotonic()
            try:
                report = run(path)
                result = {"report": True, "written": report.written,
                          "problems": len(report.problems),
                          "first": str(report.problems[0]) if report.problems else ""}
            except KemitraanError as exc:
                result = {"error": type(exc).__name__, "message": exc.message}
            result.update(file=path, importer=name, seconds=round(time.monotonic() - start, 1))
            print(json.dumps(result), flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"peak_mb": peak // 1024}), flush=True)
""")


def run_capped(db_path: Path, *files: Path) -> list[dict]:
    """Every importer on each file in a child process limited to 1.5 GB of address space.
    The timeout only guards against a hang: speed is measured by the benchmarks."""
    done = subprocess.run([sys.executable, "-c", CHILD, str(db_path), *map(str, files)],
                          capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 5 * len(files) + 1, done.stdout
    return lines[:-1]


@pytest.fixture
def demo_file(demo_template, tmp_path) -> Path:
    import shutil

    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    return path


def test_a_million_rows_of_one_column_in_bounded_memory(demo_file, tmp_path):
    """A header, then 1,048,575 numbers in its first column and nothing else: refused by
    each importer that would read the rows, said in Indonesian, within 1.5 GB."""
    def rows():
        yield ["NUPTK", "Nama", "Peran"]
        for index in range(1, 1_048_576):
            yield [f"9{index:015d}"]

    path = gen.stream_xlsx(tmp_path / "sejuta_baris.xlsx", rows())
    results = {r["importer"]: r for r in run_capped(demo_file, path)}
    for importer in ("roster", "wizard", "participants"):
        assert results[importer].get("error") == "InputFileError", results[importer]
        assert results[importer]["message"].startswith(
            "Lembar 'Daftar' di 'sejuta_baris.xlsx' berisi 1.048.575 baris data; impor ")
    assert "daftar guru paling banyak 200.000 baris" in results["roster"]["message"]
    assert "peserta paling banyak 100.000 baris" in results["participants"]["message"]
    assert results["rundown"]["error"] == "ValidationError"  # no Tanggal, no Kegiatan
    assert results["attendance"]["error"] == "ValidationError"  # no Tanggal, no Status


def test_many_rows_under_the_limit_are_read(demo_file, tmp_path):
    """150,000 rows, each lacking its name: every one checked and located, in bounded memory."""
    def rows():
        yield ["NUPTK", "Nama"]
        for index in range(1, 150_001):
            yield [f"9{index:015d}"]

    path = gen.stream_xlsx(tmp_path / "banyak_baris.xlsx", rows())
    results = {r["importer"]: r for r in run_capped(demo_file, path)}
    for importer in ("roster", "wizard"):
        assert results[importer]["problems"] == 150_000, results[importer]
        assert results[importer]["first"] == "Baris 2, kolom 'Nama': Nama wajib diisi"
    assert not any(r.get("written") for r in results.values())


def test_a_ten_megabyte_cell_is_refused_naming_it(demo_file, tmp_path):
    huge = "Rina " * (2 * 1024 * 1024)  # 10 MB of text in the name
    xlsx = gen.stream_xlsx(tmp_path / "sel_10mb.xlsx",
                           [gen.ROSTER_HEADER, [huge, "9000000000000001"]])
    csv = gen.write_csv(tmp_path / "sel_10mb.csv", [gen.ROSTER_HEADER, [huge, "9000000000000001"]])
    results = run_capped(demo_file, xlsx, csv)
    for result in results:
        assert result.get("error") == "InputFileError", result
    xlsx_message = next(r["message"] for r in results if r["file"] == str(xlsx))
    assert xlsx_message.startswith("Sel A2 (lembar 'Daftar') di 'sel_10mb.xlsx' berisi "
                                   "10.485.760 karakter")
    csv_message = next(r["message"] for r in results if r["file"] == str(csv))
    assert csv_message.startswith("Baris 2 di 'sel_10mb.csv' berisi sel yang terlalu panjang")


def _with_sheet_xml(path: Path, rows_xml: str) -> Path:
    """`path` written with the given <sheetData> content (cells as odd writers put them)."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        gen._package(archive, [("Daftar", "visible")])
        archive.writestr("xl/worksheets/sheet1.xml",
                         f"{gen._sheet_head()}{rows_xml}</sheetData></worksheet>")
    return path


def test_cells_without_references_are_placed_and_measured(db, tmp_path):
    cells = "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in ("Nama", "NUPTK"))
    row = ('<c t="inlineStr"><is><t>Rina Marlina</t></is></c>'
           '<c t="inlineStr"><is><t>9000000000000001</t></is></c>')
    path = _with_sheet_xml(tmp_path / "tanpa_ref.xlsx", f"<row>{cells}</row><row>{row}</row>")
    report = import_roster(db, path)
    assert (report.problems, report.new) == ([], 1)

    far = _with_sheet_xml(tmp_path / "tanpa_ref_jauh.xlsx",
                          f'<row>{cells}</row><row r="1048576">{"<c><v>1</v></c>" * 20}</row>')
    with pytest.raises(InputFileError, match="sampai sel T1048576"):
        import_roster(db, far)


def test_a_stray_value_far_away_in_a_prefixed_sheet_is_refused(db, tmp_path):
    import zipfile

    with zipfile.ZipFile(BAD / "sel_jauh.xlsx") as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    sheet = (sheet.replace("<worksheet xmlns=", "<x:worksheet xmlns:x=").replace("</worksheet>",
             "</x:worksheet>").replace("<sheetData>", "<x:sheetData>")
             .replace("</sheetData>", "</x:sheetData>").replace("<row ", "<x:row ")
             .replace("</row>", "</x:row>").replace("<c ", "<x:c ").replace("</c>", "</x:c>")
             .replace("<is>", "<x:is>").replace("</is>", "</x:is>").replace("<t ", "<x:t ")
             .replace("<t>", "<x:t>").replace("</t>", "</x:t>"))
    members["xl/worksheets/sheet1.xml"] = sheet.encode()
    path = tmp_path / "awalan.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    with pytest.raises(InputFileError, match="sampai sel XFD1048576"):
        import_roster(db, path)
