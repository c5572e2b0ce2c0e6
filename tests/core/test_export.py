"""Roster export read back, the formula guard, and the import template."""

import python_calamine
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from kemitraan_desktop import people
from kemitraan_desktop.spreadsheets import export_roster, import_roster, write_template


def seed(db):
    people.save_person(db, {"full_name": "Dra. Retna Widowati, M.Pd.", "nuptk": "3344556677889900",
                            "nip": "196505121990032002", "school": "SMP Negeri 1 Pekalongan",
                            "npsn": "20330101", "region": "Kota Pekalongan", "ukg": 88.5,
                            "phone": "0812-3456-789"})
    people.save_person(db, {"full_name": "=HYPERLINK(\"http://x\",\"klik\")", "nuptk": "1122334455667788",
                            "school": "+SMP -1", "birth_place": "@Pati", "extra_duty": "-Wakasek"})


def test_export_reads_back_with_ids_as_text(db, tmp_path):
    seed(db)
    path = tmp_path / "daftar.xlsx"
    assert export_roster(db, path) == 2
    book = load_workbook(path)
    ws = book["Daftar Guru"]
    header = [c.value for c in ws[1]]
    assert header == [f.label for f in people.FIELDS if f.key != "nik"]  # no NIK unless asked
    assert ws["A1"].font.bold and ws["A1"].fill.fgColor.rgb.endswith("1F4E78")
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{get_column_letter(len(header))}3"
    assert ws.column_dimensions["A"].width > 20
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    retna = rows["Dra. Retna Widowati, M.Pd."]
    assert retna[1:3] == ("3344556677889900", "196505121990032002")
    nuptk_cell = next(c for c in ws["B"][1:] if c.value == "3344556677889900")
    assert nuptk_cell.data_type == "s" and nuptk_cell.number_format == "@"
    assert retna[header.index("Nilai UKG")] == 88.5
    assert retna[header.index("Kab/Kota")] == "Kota Pekalongan"
    assert retna[header.index("Tanggal Lahir")].date().isoformat() == "1965-05-12"


def test_formula_like_text_is_never_evaluated(db, tmp_path):
    seed(db)
    path = tmp_path / "daftar.xlsx"
    export_roster(db, path)
    ws = load_workbook(path)["Daftar Guru"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str)
             and c.value[:1] in "=+-@"]
    assert {c.value for c in cells} == {"=HYPERLINK(\"http://x\",\"klik\")", "+SMP -1", "@Pati", "-Wakasek"}
    for cell in cells:
        assert cell.data_type == "s" and cell.quotePrefix
    # Another reader sees text, not a formula result.
    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert any(v == "=HYPERLINK(\"http://x\",\"klik\")" for row in sheet for v in row)


def test_the_nik_only_when_asked_and_a_round_trip_without_it_keeps_it(db, tmp_path):
    people.save_person(db, {"full_name": "Yohana Mere, S.Pd.", "nik": "5310014101820002",
                            "nuptk": "4455667788990011"})
    without, with_nik = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    export_roster(db, without)
    export_roster(db, with_nik, include_nik=True)
    cells = [c.value for row in load_workbook(without).active.iter_rows() for c in row]
    assert "NIK" not in cells and "5310014101820002" not in cells
    ws = load_workbook(with_nik).active
    header = [c.value for c in ws[1]]
    assert ws.cell(2, header.index("NIK") + 1).value == "5310014101820002"
    report = import_roster(db, without)  # back in without the column: the NIK stays
    assert report.unchanged == 1
    assert people.list_people(db)[0]["nik"] == "5310014101820002"


def test_export_then_import_round_trips(db, tmp_path, db_path):
    seed(db)
    path = tmp_path / "daftar.xlsx"
    export_roster(db, path)
    report = import_roster(db, path)
    assert (report.new, report.updated, report.unchanged) == (0, 0, 2)


def test_template_has_headers_text_ids_dropdowns_and_instructions(tmp_path):
    path = write_template(tmp_path / "templat.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Daftar Guru", "Daftar Pilihan", "Petunjuk"]
    ws = book["Daftar Guru"]
    assert [c.value for c in ws[1]] == [f.label for f in people.FIELDS]
    assert ws["B2"].number_format == "@" and ws["C500"].number_format == "@"  # NUPTK, NIP
    assert book["Daftar Pilihan"].sheet_state == "hidden"
    lists = {str(dv.sqref)[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    labels = {get_column_letter(i): c.value for i, c in enumerate(ws[1], start=1)}
    assert {labels[c] for c in lists} == {"L/P", "Jabatan", "Jenjang", "Mata Pelajaran",
                                          "Status Kepegawaian", "Jabatan Fungsional", "Gol/Ruang"}
    choices = book["Daftar Pilihan"]
    assert [c.value for c in choices["A"][1:3]] == ["L", "P"]
    assert [c.value for c in choices["B"][1:3]] == ["Guru", "Kepala Sekolah"]
    assert "Matematika" in [c.value for c in choices["D"]]
    assert "PETUNJUK" in book["Petunjuk"]["A1"].value
    assert any("15 digit" in (c.value or "") for c in book["Petunjuk"]["A"])


def test_filled_template_imports(db, tmp_path):
    path = write_template(tmp_path / "templat.xlsx")
    book = load_workbook(path)
    ws = book["Daftar Guru"]
    filled = {"Nama": "Sri Lestari, S.Pd.", "NUPTK": "1234567890123456", "L/P": "P",
              "Tempat Lahir": "Pati", "Tanggal Lahir": "02/03/1980", "Jabatan": "Guru",
              "Status Kepegawaian": "PNS", "Jenjang": "SMP", "Mata Pelajaran": "Matematika",
              "Gol/Ruang": "III/c", "Asal Sekolah": "SMP Negeri 3 Pati", "Kab/Kota": "Kab. Pati",
              "Provinsi": "Jawa Tengah", "Nilai UKG": "77,5", "No HP": "0812-1111-2222",
              "Email": "sri@example.sch.id"}
    ws.append([filled.get(c.value, "") for c in ws[1]])
    book.save(path)
    report = import_roster(db, path)
    assert report.ok and report.new == 1
    sri = people.find_by_id_number(db, "1234567890123456")
    assert (sri["email"], sri["rank"], sri["employment"]) == ("sri@example.sch.id", "Penata", "PNS")


def test_cli_export_leaves_the_nik_out_unless_asked(db, db_path, tmp_path, capsys):
    from kemitraan_desktop import cli

    people.save_person(db, {"full_name": "Yohana Mere, S.Pd.", "nik": "5310014101820002"})
    assert cli.main(["--db", str(db_path), "people", "export", str(tmp_path / "a.xlsx")]) == 0
    assert "tanpa NIK" in capsys.readouterr().out
    assert "NIK" not in [c.value for c in load_workbook(tmp_path / "a.xlsx").active[1]]
    assert cli.main(["--db", str(db_path), "people", "export", str(tmp_path / "b.xlsx"), "--with-nik"]) == 0
    values = [c.value for row in load_workbook(tmp_path / "b.xlsx").active.iter_rows() for c in row]
    assert "5310014101820002" in values
