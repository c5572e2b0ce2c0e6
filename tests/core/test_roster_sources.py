"""Rosters as offices really have them (issue 15): Dapodik's download (.xlsx as its PHP
exporter writes it, the same as Excel 2003 XML named .xls, and as LibreOffice saves it),
a Dinas "data guru" sheet and a SIMPKB list, imported as they come. The files and what a
correct import makes of them are in tests/data/sources (make_sources.py, expected.py)."""

import importlib.util
import shutil
import zipfile

import pytest
from helpers import DATA
from openpyxl import load_workbook

from kemitraan_desktop import cli, people, vocabulary
from kemitraan_desktop.errors import InputFileError
from kemitraan_desktop.spreadsheets import import_roster
from kemitraan_desktop.spreadsheets.roster_rows import exact_ids

SOURCES = DATA / "sources"
_spec = importlib.util.spec_from_file_location("expected_sources", SOURCES / "expected.py")
EXPECTED = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(EXPECTED)
# Dapodik writes names in capitals without titles; stored in proper case by default.
PROPER = {"SUGENG RIYADI": "Sugeng Riyadi", "NUR'AINI": "Nur'aini", "LIA OKTAVIANI": "Lia Oktaviani"}
STORED_AS = {"full_name": "name"}


def problem_rows(report):
    return sorted({p.row for p in report.problems})


@pytest.mark.parametrize("name", sorted(EXPECTED.FILES))
def test_each_source_imports_as_it_comes(db, name):
    expected = EXPECTED.FILES[name]
    report = import_roster(db, SOURCES / name, skip_invalid=True)
    assert report.header_row == expected["header_row"]
    assert report.rows == expected["data_rows"]
    # exactly the rows that are really wrong, and nothing else
    assert problem_rows(report) == sorted(expected["bad_rows"]), [str(p) for p in report.problems]
    assert report.new == expected["data_rows"] - len(expected["bad_rows"])
    for person in expected["people"]:
        stored = people.find_by_id_number(db, person.get("nip") or person.get("nuptk")
                                          or person.get("nik") or person["ukg_number"])
        assert stored is not None, person
        for key, want in person.items():
            if key == "row":
                continue
            if key == "full_name":
                want = PROPER.get(want, want)
            assert stored[STORED_AS.get(key, key)] == want, (name, person["row"], key)


def test_dapodik_ids_stored_as_numbers_with_every_digit_are_read_whole(db):
    path = SOURCES / "dapodik_daftar_guru.xlsx"
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert b"<v>196809211994031002</v>" in xml  # a number cell, as PhpSpreadsheet writes it
    report = import_roster(db, path)
    assert report.ok, [str(p) for p in report.problems]
    head = people.find_by_id_number(db, "196809211994031002")
    assert (head["name"], head["nik"], head["phone"]) == ("Sugeng Riyadi", "3375012109680003",
                                                          "085774815201")
    # Telepon is empty, HP holds the number: the phone comes from HP, for everyone
    assert all(p["phone"] for p in people.list_people(db))
    # the school and region in the title rows hold for every teacher
    assert {(p["school"], p["region"], p["province"]) for p in people.list_people(db)} == {
        ("SMP NEGERI 2 PEKALONGAN", "Kota Pekalongan", "Jawa Tengah")}
    assert report.from_title == {"school": "SMP NEGERI 2 PEKALONGAN", "region": "Kota Pekalongan",
                                 "province": "Jawa Tengah"}
    # other people's names in the download are never taken for the teacher's
    assert "Nama Ibu Kandung" not in report.unknown_columns
    assert not any(p["name"].lower().startswith(("siti ", "hj")) and p["nip"] is None
                   for p in people.list_people(db) if p["employment"] == "PNS")


def test_the_three_dapodik_files_store_the_same_roster(tmp_path):
    from kemitraan_desktop import store

    stored = []
    for name in ("dapodik_daftar_guru.xlsx", "dapodik_daftar_guru_2003.xls",
                 "dapodik_daftar_guru_libreoffice.xls"):
        db = store.open_db(tmp_path / f"{name}.db")
        assert import_roster(db, SOURCES / name).ok
        stored.append(sorted((p["name"], p["nuptk"], p["nip"], p["nik"], p["phone"], p["golongan"],
                              p["employment"], p["extra_duty"], p["school"], p["region"])
                             for p in people.list_people(db)))
    assert stored[0] == stored[1] == stored[2] and len(stored[0]) == 25


def test_a_principal_is_known_by_the_tugas_tambahan(db):
    import_roster(db, SOURCES / "dapodik_daftar_guru.xlsx")
    principals = [p["name"] for p in people.list_people(db) if p["position"] == "kepala sekolah"]
    assert principals == ["Sugeng Riyadi"]
    duties = {p["extra_duty"] for p in people.list_people(db)} - {None}
    assert "Kepala Sekolah" in duties and len(duties) >= 2


def test_dinas_sheet_header_notes_two_rows_numbers_footer_and_dashes(db):
    report = import_roster(db, SOURCES / "dinas_data_guru.xlsx", skip_invalid=True)
    assert report.left_out == [31, 34, 35, 36, 40, 41, 42]  # JUMLAH and the signature block
    assert "Kepala Dinas" not in " ".join(str(p) for p in report.problems)
    assert report.from_title == {"region": "Kabupaten Batang"}
    messages = {p.row: str(p) for p in report.problems}
    assert "digit terakhirnya sudah hilang" in messages[17]  # rounded by Excel
    assert "sama dengan baris 19" in messages[18] and "sama dengan baris 18" in messages[19]
    assert "isi paling tidak satu dari NUPTK, NIP, NIK atau No. UKG" in messages[14]
    # "-" is no rank and no NIP: honorer rows import with their NUPTK only
    lukman = people.find_by_id_number(db, "1947098943400799")
    assert (lukman["nip"], lukman["rank"], lukman["golongan"]) == (None, None, None)
    # the two-row header's Pangkat | Gol/Ruang, and the older and newer jabatan fungsional
    sri = people.find_by_id_number(db, "196708171993032002")
    assert (sri["rank"], sri["golongan"], sri["functional_position"]) == \
        ("Pembina Tingkat I", "IV/b", "Guru Madya")
    assert all(p["region"] == "Kabupaten Batang" for p in people.list_people(db))


def test_the_problem_report_of_a_dinas_sheet_imports_once_corrected(db, tmp_path):
    report_path = tmp_path / "laporan.xlsx"
    report = import_roster(db, SOURCES / "dinas_data_guru.xlsx", report_path=report_path)
    assert not report.written and people.count_people(db) == 0
    book = load_workbook(report_path)
    ws = book.active
    header = [c.value for c in ws[5]]
    masalah = header.index("Masalah") + 1
    assert "digit terakhirnya sudah hilang" in ws.cell(row=17, column=masalah).value
    ws.cell(row=14, column=4).value = "9900112233445566"  # the NUPTK the teacher did have
    ws.cell(row=17, column=3).value = "197011271997031001"  # typed again, as text
    for cell in ws[19]:  # the second row of the same teacher goes
        cell.value = None
    book.save(report_path)
    again = import_roster(db, report_path)
    assert again.ok, [str(p) for p in again.problems]
    assert again.new == 22 and again.left_out == [31, 34, 35, 36, 40, 41, 42]
    assert people.find_by_id_number(db, "197011271997031001")["position"] == "kepala sekolah"


def test_simpkb_capitals_become_proper_names_unless_kept(db, tmp_path):
    report = import_roster(db, SOURCES / "simpkb_peserta.xlsx", skip_invalid=True)
    assert "NAMA KEPALA SEKOLAH" not in report.unknown_columns  # known, and never the name
    joko = people.find_by_id_number(db, "197505122000031002")
    assert (joko["name"], joko["subject"], joko["birth_place"]) == \
        ("Joko Fauzi, S.Pd., M.Pd.", "Matematika", joko["birth_place"].title())
    rosma = people.find_by_id_number(db, "198309162009012004")
    assert " br. " in rosma["name"]
    # one name per subject, however the list wrote it
    assert {p["subject"] for p in people.list_people(db)} <= set(vocabulary.SUBJECTS)
    from kemitraan_desktop import store

    kept = store.open_db(tmp_path / "kept.db")
    import_roster(kept, SOURCES / "simpkb_peserta.xlsx", skip_invalid=True, keep_case=True)
    assert people.find_by_id_number(kept, "197505122000031002")["name"] == "JOKO FAUZI, S.PD., M.PD."


def test_a_teacher_without_nuptk_is_known_by_the_no_ukg(db):
    import_roster(db, SOURCES / "simpkb_peserta.xlsx", skip_invalid=True)
    ridwan = people.find_by_id_number(db, "201590839573")
    assert ridwan["name"] == "Muhammad Ridwan bin Abdullah, S.Pd.I" and ridwan["nuptk"] is None
    again = import_roster(db, SOURCES / "simpkb_peserta.xlsx", skip_invalid=True)
    assert (again.new, again.unchanged) == (0, 14)  # matched by No. UKG too, never doubled


def test_a_person_in_two_sources_is_one_person(db):
    import_roster(db, SOURCES / "dapodik_daftar_guru.xlsx")
    report = import_roster(db, SOURCES / "simpkb_peserta.xlsx", skip_invalid=True)
    assert report.updated >= 1
    nuraini = people.find_by_id_number(db, "198307072009012006")
    # the SIMPKB list adds what Dapodik did not carry: No. UKG, subject, NPSN
    assert (nuraini["ukg_number"], nuraini["subject"], nuraini["npsn"]) == \
        ("201553352291", "IPA", "20325102")
    assert len([p for p in people.list_people(db) if p["nip"] == "198307072009012006"]) == 1


def test_spreadsheetml_with_bare_ampersands_is_read(db, tmp_path):
    text = (SOURCES / "dapodik_daftar_guru_2003.xls").read_bytes()
    path = tmp_path / "dapodik_&.xls"
    # Dapodik's exporter leaves "&" and "<" in cells unescaped
    path.write_bytes(text.replace(b"Daftar Guru</Data>", b"Daftar Guru & Tendik <2024></Data>", 1))
    assert b"Guru & Tendik <2024>" in path.read_bytes()
    assert import_roster(db, path).new == 25


@pytest.mark.parametrize(("body", "says"), [
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Workbook '
     b'xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet/></Workbook>', "DOCTYPE"),
    (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
     b'<Worksheet ss:Name="A"><Table><Row><Cell>', "rusak atau terpotong"),
])
def test_a_broken_or_hostile_spreadsheetml_is_refused_in_indonesian(db, tmp_path, body, says):
    path = tmp_path / "daftar.xls"
    path.write_bytes(body)
    with pytest.raises(InputFileError) as caught:
        import_roster(db, path)
    assert says in caught.value.message and "XML Excel 2003" in caught.value.message
    assert people.count_people(db) == 0


def test_only_a_column_that_kept_every_digit_proves_its_numbers():
    kept = [196809211994031002, 197011271997031000]
    assert exact_ids(kept) == kept  # the writer kept digits: the zeros are the ID's own
    rounded = [197011271997031000, 3326011205750010]
    assert all(v.__class__ is float for v in exact_ids(rounded))  # may be Excel's rounding


def test_office_subject_synonyms_apply_to_the_next_import(db, make_xlsx):
    vocabulary.save_subject_synonyms(db, {"IPA Terpadu Kls VII": "IPA", "Mulok Batik": "Seni Budaya"})
    header = ["Nama", "NUPTK", "Mapel"]
    rows = [["Ani", "1234567890123456", "IPA Terpadu Kls VII"], ["Budi", "1234567890123457", "MULOK BATIK"],
            ["Citra", "1234567890123458", "Pendidikan Jasmani, Olahraga dan Kesehatan"]]
    assert import_roster(db, make_xlsx(rows, header)).ok
    assert [p["subject"] for p in people.list_people(db)] == ["IPA", "Seni Budaya", "PJOK"]
    with pytest.raises(ValueError, match="belum diberi nama mata pelajarannya"):
        vocabulary.save_subject_synonyms(db, {"Mulok": ""})
    assert vocabulary.subject_synonyms(db)["Mulok Batik"] == "Seni Budaya"


def test_sex_and_birth_date_from_the_nik(db, make_xlsx):
    header = ["Nama", "NIK", "JK", "Tanggal Lahir", "Pangkat/Golongan", "Gol"]
    rows = [["Ani", "3375015205750003", "", "", "Penata Muda", ""],  # 52 = 12 + 40: a woman
            ["Budi", "3375011205750004", "P", "", "III/b", ""],  # NIK says L
            ["Citra", "3375015306800005", "P", "1980-06-14", "Penata", "III/a"]]
    report = import_roster(db, make_xlsx(rows, header), skip_invalid=True)
    said = {row: " ".join(str(p) for p in report.problems if p.row == row) for row in (2, 3, 4)}
    assert "L/P tertulis P, tetapi NIK menunjukkan L" in said[3]
    assert "tanggal lahir berbeda dengan digit ke-7 s.d. 12 NIK" in said[4]
    assert "bergolongan III/c, bukan III/a" in said[4]
    assert "3375" not in " ".join(said.values())  # the NIK is never quoted
    ani = people.find_by_id_number(db, "3375015205750003")
    assert (ani["gender"], ani["birth_date"], ani["golongan"]) == ("P", "1975-05-12", "III/a")


def test_subtotal_rows_between_schools_are_left_out_and_the_rest_imported(db, make_xlsx):
    header = ["No", "Nama", "NUPTK", "Asal Sekolah"]
    rows = [[1, "Ani", "1234567890123456", "SMP Negeri 1 Pati"],
            ["", "Jumlah SMP Negeri 1 Pati", 1, ""],
            [2, "Budi", "1234567890123457", "SMP Negeri 2 Pati"],
            ["", "JUMLAH", 2, ""], [], ["", "", "Pati, 3 Januari 2025", ""],
            ["", "", "Kepala Dinas Pendidikan", ""], ["", "", "NIP. 19680101 199303 1 005", ""]]
    report = import_roster(db, make_xlsx(rows, header))
    assert report.ok and report.new == 2, [str(p) for p in report.problems]
    assert report.left_out == [3, 5, 7, 8, 9]  # the subtotal; the total and signature under all
    assert [p["name"] for p in people.list_people(db)] == ["Ani", "Budi"]


def test_cli_keeps_capitals_when_asked_and_lists_every_field(tmp_path, capsys):
    import json

    db = str(tmp_path / "k.db")
    assert cli.main(["--db", db, "init", "--yes"]) == 0
    source = tmp_path / "simpkb.xlsx"
    shutil.copy(SOURCES / "simpkb_peserta.xlsx", source)
    assert cli.main(["--db", db, "people", "import", str(source), "--skip-invalid",
                     "--keep-case"]) == 0
    capsys.readouterr()
    assert cli.main(["--db", db, "people", "list", "--json", "--search", "Joko"]) == 0
    [joko] = json.loads(capsys.readouterr().out)
    assert joko["name"] == "JOKO FAUZI, S.PD., M.PD."
    for key in ("phone", "email", "rank", "golongan", "employment", "position",
                "functional_position", "extra_duty", "school", "npsn", "region", "province",
                "subject", "nuptk", "nip", "ukg_number"):
        assert key in joko, key
    assert "nik" not in joko and joko["golongan"] == "IV/a" and joko["rank"] == "Pembina"


def test_gelar_depan_and_belakang_are_joined_as_documents_write_a_name(db, make_xlsx):
    # Dapodik's Profil PTK keeps the titles apart from the name
    header = ["Nama", "Gelar Depan", "Gelar Belakang", "NUPTK"]
    rows = [["SITI AMINAH", "Dra.", "M.Pd.", "1234567890123456"],
            ["Budi Santoso", "-", "S.Pd., M.Pd.", "1234567890123457"],
            ["Yohana Mere", "", "", "1234567890123458"]]
    assert import_roster(db, make_xlsx(rows, header)).ok
    assert [p["name"] for p in people.list_people(db)] == [
        "Budi Santoso, S.Pd., M.Pd.", "Dra. Siti Aminah, M.Pd.", "Yohana Mere"]


def test_a_header_problem_is_written_where_the_header_is_fixed(db, make_xlsx, tmp_path):
    report_path = tmp_path / "laporan.xlsx"
    report = import_roster(db, make_xlsx([], ["Nama", "NUPTK", "NIP"]), report_path=report_path)
    assert report.blocked
    header = [c.value for c in load_workbook(report_path).active[1]]
    assert header[-1] == "Masalah (judul kolom: tidak ada baris data di bawah baris judul kolom)"
