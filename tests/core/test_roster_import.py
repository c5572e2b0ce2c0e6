"""Roster import: headers, every problem kind located, all or nothing, re-import, report."""

import datetime as dt
import shutil

import pytest
from helpers import DATA, HEADER, good_rows
from openpyxl import load_workbook

from kemitraan_desktop import people
from kemitraan_desktop.errors import Cancelled, InputFileError, ValidationError
from kemitraan_desktop.spreadsheets import import_roster


def names(db):
    return sorted(p["name"] for p in people.list_people(db))


def messages(report):
    return [str(p) for p in report.problems]


def test_a_clean_roster_is_imported_whole(db, make_xlsx):
    report = import_roster(db, make_xlsx(good_rows()))
    assert (report.new, report.updated, report.unchanged, report.written) == (3, 0, 0, True)
    assert names(db) == ["Agung Jumari, S.Pd., M.Pd.", "Dra. Retna Widowati, M.Pd.", "Yohanes Ndun, S.Pd."]
    retna = people.find_by_id_number(db, "3344556677889900")
    assert (retna["nip"], retna["region"], retna["ukg"]) == ("196505121990032002", "Kota Pekalongan", 88.5)


def test_header_below_titles_and_merged_cells_is_found(db, make_xlsx):
    path = make_xlsx(good_rows(), above=[["DAFTAR PESERTA KEMITRAAN 2019"], ["Dinas Pendidikan"], []])
    report = import_roster(db, path)
    assert report.header_row == 4 and report.new == 3


@pytest.mark.parametrize(("family", "headers"), [
    ("full_name", ["Nama", "Nama Lengkap", "NAMA GURU", "Nama PTK", "nama lengkap dengan gelar"]),
    ("gender", ["L/P", "JK", "Jenis Kelamin", "L / P"]),
    ("school", ["Asal Sekolah", "Unit Kerja", "Satuan Pendidikan", "Nama Sekolah"]),
    ("subject", ["Mapel", "Mata Pelajaran", "Bidang Studi", "Mapel Diampu"]),
    ("region", ["Kab/Kota", "Kabupaten/Kota", "KAB. / KOTA", "Kota/Kabupaten"]),
    ("ukg", ["Nilai UKG", "UKG", "Skor UKG"]),
    ("phone", ["No HP", "No. HP/WA", "WA", "Nomor HP", "Telepon"]),
    ("birth_date", ["Tanggal Lahir", "Tgl Lahir", "TGL. LAHIR"]),
    ("rank", ["Pangkat/Golongan", "Golongan", "Pangkat / Gol."]),
    ("position", ["Jabatan", "Jenis PTK", "Peran"]),
    ("nip", ["NIP", "NIP Baru"]),
    ("nik", ["NIK", "No KTP"]),
])
def test_each_header_synonym_family(db, make_xlsx, family, headers):
    values = {"full_name": "Sri Lestari, S.Pd.", "gender": "P", "school": "SMP Negeri 3 Pati",
              "subject": "Matematika", "region": "Kabupaten Pati", "ukg": "77,5",
              "phone": "0812-1111-2222", "birth_date": "02/03/1980", "rank": "Penata, III/c",
              "position": "Kepala Sekolah", "nip": "198003022005012001", "nik": "3318014203800001"}
    stored = {"full_name": "name", "school": "school", "region": "region", "ukg": "ukg",
              "phone": "phone", "birth_date": "birth_date", "rank": "rank", "position": "position",
              "nip": "nip", "nik": "nik", "gender": "gender", "subject": "subject"}
    expected = {"full_name": "Sri Lestari, S.Pd.", "gender": "P", "school": "SMP Negeri 3 Pati",
                "subject": "Matematika", "region": "Kabupaten Pati", "ukg": 77.5,
                "phone": "081211112222", "birth_date": "1980-03-02", "rank": "Penata",
                "position": "kepala sekolah", "nip": "198003022005012001", "nik": "3318014203800001"}
    for index, header in enumerate(headers):
        nuptk = f"99887766554433{index:02d}"
        row_header = ["NUPTK", header] if family != "full_name" else [header, "NUPTK"]
        row = [nuptk, values[family]] if family != "full_name" else [values[family], nuptk]
        if family != "full_name":
            row_header.append("Nama")
            row.append(f"Guru {index}")
        if family in ("nip", "nik"):  # one person per ID: a fresh ID per header spelling
            continue_value = values[family]
            row[1] = continue_value[:-2] + f"{index:02d}"
        report = import_roster(db, make_xlsx([row], row_header))
        assert report.ok, messages(report)
        assert report.unknown_columns == []
        person = people.find_by_id_number(db, nuptk)
        want = expected[family] if family not in ("nip", "nik") else row[1]
        assert person[stored[family]] == want, header


def test_unknown_columns_are_reported_and_ignored(db, make_xlsx):
    report = import_roster(db, make_xlsx([good_rows()[0] + ["x", "y"]], HEADER + ["Hobi", "Catatan"]))
    assert report.unknown_columns == ["Hobi", "Catatan"] and report.new == 1


def test_every_problem_kind_is_located_and_nothing_is_written(db, make_xlsx):
    rows = [
        ["Bad Nuptk", "12345", "", "L", "", "", "", ""],                              # row 2
        ["Damaged Number", 3344556677889900, "", "L", "", "", "", ""],                # row 3
        ["Scientific", "3,34456E+15", "", "L", "", "", "", ""],                       # row 4
        ["Bad Nip Date", "1234567890123404", "197513402000031002", "L", "", "", "", ""],  # row 5
        ["Gender Clash", "1234567890123405", "197505122000031002", "P", "", "", "", ""],  # row 6
        ["Unknown Region", "1234567890123406", "", "L", "", "Kabupaten Atlantis", "", ""],  # row 7
        ["Ambiguous Region", "1234567890123407", "", "L", "", "Pekalongan", "", ""],   # row 8
        ["Bad Score", "1234567890123408", "", "L", "", "", "", "120"],                # row 9
        ["", "1234567890123409", "", "L", "", "", "", ""],                            # row 10
        ["No Id", "", "", "L", "", "", "", ""],                                       # row 11
        ["Twin A", "5555555555555555", "", "L", "", "", "", ""],                      # row 12
        ["Twin B", "5555555555555555", "", "L", "", "", "", ""],                      # row 13
        ["Fine Person", "1234567890123499", "", "L", "", "", "", ""],                 # row 14
    ]
    report = import_roster(db, make_xlsx(rows))
    found = messages(report)
    expect = [
        "Baris 2, kolom 'NUPTK': NUPTK harus 16 digit",
        "Baris 3, kolom 'NUPTK': nomor tersimpan sebagai angka",
        "Baris 4, kolom 'NUPTK': nomor tertulis '3,34456E+15'",
        "Baris 5, kolom 'NIP': NIP tidak sah: 8 digit pertama",
        "Baris 6, kolom 'L/P': L/P tertulis P, tetapi NIP menunjukkan L",
        "Baris 7, kolom 'Kab/Kota': kabupaten/kota 'Kabupaten Atlantis' tidak dikenal",
        "Baris 8, kolom 'Kab/Kota': 'Pekalongan' bisa berarti",
        "Baris 9, kolom 'Nilai UKG': nilai UKG harus 0 s.d. 100",
        "Baris 10, kolom 'Nama': Nama wajib diisi",
        "Baris 11, kolom 'NUPTK': isi paling tidak satu dari NUPTK, NIP, NIK atau No. UKG",
        "Baris 13, kolom 'NUPTK': NUPTK 5555555555555555 sama dengan baris 12",
        "Baris 12, kolom 'NUPTK': NUPTK 5555555555555555 sama dengan baris 13",
    ]
    for start in expect:
        assert any(m.startswith(start) for m in found), (start, found)
    assert not any(m.startswith("Baris 14") for m in found)
    assert (report.written, people.count_people(db)) == (False, 0)
    assert "Tidak ada yang disimpan" in report.summary()


def test_skip_invalid_writes_only_the_valid_rows(db, make_xlsx):
    rows = good_rows() + [["Bad Nuptk", "12345", "", "L", "", "", "", ""]]
    report = import_roster(db, make_xlsx(rows), skip_invalid=True)
    assert (report.new, report.skipped, report.written) == (3, 1, True)
    assert "Bad Nuptk" not in names(db)


def test_dry_run_counts_but_writes_nothing(db, make_xlsx):
    report = import_roster(db, make_xlsx(good_rows()), dry_run=True)
    assert (report.new, report.written) == (3, False)
    assert people.count_people(db) == 0
    assert db.execute("SELECT count(*) FROM schools").fetchone()[0] == 0


def test_reimport_changes_nothing_and_updates_are_counted(db, make_xlsx):
    path = make_xlsx(good_rows())
    import_roster(db, path)
    before = db.execute("SELECT * FROM people ORDER BY id").fetchall()
    again = import_roster(db, path)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)
    assert db.execute("SELECT * FROM people ORDER BY id").fetchall() == before
    changed = good_rows()
    changed[1][7] = 91  # Agung's UKG
    changed[2][6] = "Matematika"
    report = import_roster(db, make_xlsx(changed))
    assert (report.new, report.updated, report.unchanged) == (0, 2, 1)
    assert people.find_by_id_number(db, "1122334455667788")["ukg"] == 91


def test_people_are_matched_by_nuptk_then_nik_then_nip(db, make_xlsx):
    import_roster(db, make_xlsx([["Agung Jumari", "", "197808172005011003", "L", "", "", "", ""]]))
    report = import_roster(db, make_xlsx([["Agung Jumari, S.Pd.", "1122334455667788",
                                           "197808172005011003", "L", "", "", "", ""]]))
    assert (report.new, report.updated) == (0, 1)
    person = people.find_by_id_number(db, "197808172005011003")
    assert (person["nuptk"], person["name"]) == ("1122334455667788", "Agung Jumari, S.Pd.")


def test_an_id_belonging_to_someone_else_is_a_problem(db, make_xlsx):
    import_roster(db, make_xlsx(good_rows()))
    clash = [["Dra. Retna Widowati, M.Pd.", "3344556677889900", "197808172005011003", "P",
              "", "", "", ""]]
    report = import_roster(db, make_xlsx(clash))
    assert "Baris 2, kolom 'NIP': NIP 197808172005011003 milik Agung Jumari, S.Pd., M.Pd., " \
        "sedangkan NUPTK 3344556677889900 milik Dra. Retna Widowati, M.Pd." in messages(report)
    assert people.find_by_id_number(db, "3344556677889900")["nip"] == "196505121990032002"


def test_cancel_writes_nothing(db, make_xlsx):
    calls = []
    with pytest.raises(Cancelled):
        import_roster(db, make_xlsx(good_rows()), progress=lambda *a: calls.append(a),
                      cancelled=lambda: len(calls) >= 2)
    assert people.count_people(db) == 0
    assert db.execute("SELECT count(*) FROM people_fts").fetchone()[0] == 0


def test_a_failure_while_writing_rolls_everything_back(db, make_xlsx, monkeypatch):
    real = people.insert_people

    def insert_then_fail(database, rows):
        real(database, rows)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(people, "insert_people", insert_then_fail)
    with pytest.raises(Exception, match="disk|space|ruang"):
        import_roster(db, make_xlsx(good_rows()))
    assert people.count_people(db) == 0
    assert db.execute("SELECT count(*) FROM schools").fetchone()[0] == 0


def test_progress_reaches_the_end(db, make_xlsx):
    calls = []
    import_roster(db, make_xlsx(good_rows()), progress=lambda d, t, m: calls.append((d, t, m)))
    assert calls[-1][0] == calls[-1][1]


def test_problem_report_keeps_rows_and_adds_masalah(db, make_xlsx, tmp_path):
    rows = good_rows() + [["Bad Nuptk", "12345", "", "L", "", "", "", ""]]
    report_path = tmp_path / "laporan.xlsx"
    import_roster(db, make_xlsx(rows), report_path=report_path)
    ws = load_workbook(report_path).active
    values = list(ws.values)
    assert values[0] == tuple(HEADER + ["Masalah"])
    assert values[1][1] == "3344556677889900" and ws["B2"].data_type == "s"
    assert values[1][-1] is None
    assert values[4][0] == "Bad Nuptk" and "NUPTK: NUPTK harus 16 digit" in values[4][-1]
    # The fixed report imports again: the Masalah column is known and ignored.
    ws["B5"] = "1234567890123456"
    ws.parent.save(report_path)
    again = import_roster(db, report_path)
    assert again.ok and again.new == 4 and again.unknown_columns == []


def test_empty_roster_and_missing_name_column(db, make_xlsx):
    report = import_roster(db, make_xlsx([]))
    assert messages(report) == ["Baris 1: tidak ada baris data di bawah baris judul kolom"]
    with pytest.raises(ValidationError, match="kolom Nama"):
        import_roster(db, make_xlsx([["1234567890123456", "x"]], ["NUPTK", "Sekolah"]))


@pytest.mark.parametrize("name", ["roster_libreoffice.xlsx", "roster_libreoffice.ods",
                                  "roster_libreoffice.xls", "roster_windows1252_semicolon.csv"])
def test_files_saved_by_other_programs(db, name):
    report = import_roster(db, DATA / name)
    assert report.ok, messages(report)
    assert (report.new, report.unknown_columns) == (5, ["Catatan Operator"])
    retna = people.find_by_id_number(db, "3344556677889900")
    assert retna["name"] == "Dra. Retna Widowati, M.Pd."
    assert (retna["nip"], retna["ukg"], retna["phone"]) == ("196505121990032002", 88.75, "08123456789")
    assert retna["region"] == "Kota Pekalongan"
    kupang = people.find_by_id_number(db, "9988776655443322")
    assert kupang["region"] == "Kabupaten Kupang" and kupang["birth_date"] == "1980-03-02"
    slamet = people.find_by_id_number(db, "7766554433221100")
    assert slamet["position"] == "kepala sekolah" and slamet["birth_date"] == "1968-11-02"
    assert people.find_by_id_number(db, "5566778899001122")["birth_date"] == "1984-09-03"
    if name.endswith(".csv"):
        assert kupang["name"] == "Stéfanus Ndun, S.Pd."
    assert import_roster(db, DATA / name).unchanged == 5


@pytest.mark.parametrize(("content", "message"), [
    (b"", "kosong"),
    (b"this is not a workbook at all", "bukan berkas .xlsx yang sah"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "kata sandi"),
])
def test_unreadable_files_get_a_clear_message(db, tmp_path, content, message):
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputFileError, match=message):
        import_roster(db, path)
    assert people.count_people(db) == 0


def test_truncated_xlsx_and_wrong_extension(db, tmp_path):
    truncated = tmp_path / "potong.xlsx"
    truncated.write_bytes((DATA / "roster_libreoffice.xlsx").read_bytes()[:3000])
    with pytest.raises(InputFileError, match="rusak"):
        import_roster(db, truncated)
    docx = tmp_path / "daftar.docx"
    docx.write_bytes(b"PK\x03\x04 a word document")
    with pytest.raises(InputFileError, match="bukan lembar kerja yang didukung"):
        import_roster(db, docx)
    with pytest.raises(InputFileError, match="tidak ada"):
        import_roster(db, tmp_path / "hilang.xlsx")


def test_binary_garbage_csv(db, tmp_path):
    path = tmp_path / "sampah.csv"
    path.write_bytes(b"Nama;NUPTK\n\x00\x01\x02\xff" * 10)
    with pytest.raises(InputFileError, match="data biner"):
        import_roster(db, path)


def test_sheet_option_and_hidden_sheets(db, make_xlsx, tmp_path):
    path = make_xlsx(good_rows(), sheet="Guru 2019")
    with pytest.raises(InputFileError, match="Lembar 'Tidak Ada' tidak ada"):
        import_roster(db, path, sheet="Tidak Ada")
    assert import_roster(db, path, sheet="Guru 2019").new == 3


def test_dates_and_numbers_as_excel_stores_them(db, make_xlsx):
    rows = [["Sri Lestari", "1234567890123456", dt.datetime(1980, 3, 2), 81.25, 8121112222, 20330101]]
    report = import_roster(db, make_xlsx(rows, ["Nama", "NUPTK", "Tanggal Lahir", "Nilai UKG",
                                                "No HP", "NPSN"]))
    assert report.ok, messages(report)
    person = people.find_by_id_number(db, "1234567890123456")
    assert (person["birth_date"], person["ukg"], person["phone"], person["npsn"]) == \
        ("1980-03-02", 81.25, "08121112222", "20330101")


def test_combined_birth_column(db, make_xlsx):
    rows = [["Sri Lestari", "1234567890123456", "Pekalongan, 12 Mei 1975"]]
    import_roster(db, make_xlsx(rows, ["Nama", "NUPTK", "Tempat, Tanggal Lahir"]))
    person = people.find_by_id_number(db, "1234567890123456")
    assert (person["birth_place"], person["birth_date"]) == ("Pekalongan", "1975-05-12")


def test_import_from_a_read_only_copy_of_a_test_file(db, tmp_path):
    path = tmp_path / "salinan.xlsx"
    shutil.copy(DATA / "roster_libreoffice.xlsx", path)
    path.chmod(0o444)
    assert import_roster(db, path).new == 5


@pytest.mark.parametrize(("header", "value", "message"), [
    ("Tanggal Lahir", "31/02/1980", "bukan tanggal"),
    ("Tanggal Lahir", "12/05/2019", "tidak masuk akal"),
    ("No HP", "12345", "bukan nomor telepon"),
    ("Email", "guru@sekolah", "bukan alamat email"),
    ("NIK", "3375129913750001", "NIK tidak sah"),
    ("NPSN", "2033", "NPSN harus 8 digit"),
    ("Jabatan", "Satpam", "bukan guru atau kepala sekolah"),
    ("Jabatan", "Bendahara", "bukan jabatan yang dikenal"),
    ("Jenjang", "TK", "bukan jenjang yang dikenal"),
    ("Provinsi", "Atlantis Raya", "provinsi 'Atlantis Raya' tidak dikenal"),
    ("L/P", "X", "bukan jenis kelamin"),
])
def test_cell_problem_kinds(db, make_xlsx, header, value, message):
    report = import_roster(db, make_xlsx([["Sri Lestari", "1234567890123456", value]],
                                         ["Nama", "NUPTK", header]))
    assert len(report.problems) == 1
    assert str(report.problems[0]).startswith(f"Baris 2, kolom '{header}': ")
    assert message in report.problems[0].message
    assert people.count_people(db) == 0


@pytest.mark.parametrize(("family", "header", "value", "column", "stored"), [
    ("nuptk", "No. NUPTK", "1234567890123456", "nuptk", "1234567890123456"),
    ("npsn", "NPSN Sekolah", "20330101", "npsn", "20330101"),
    ("province", "Propinsi", "Jawa Tengah", "province", "Jawa Tengah"),
    ("email", "Alamat Email", "Sri@Example.sch.id", "email", "sri@example.sch.id"),
    ("birth_place", "Tempat Lahir", "Pati", "birth_place", "Pati"),
    ("jenjang", "Bentuk Pendidikan", "SMP", "jenjang", "SMP"),
])
def test_more_header_families(db, make_xlsx, family, header, value, column, stored):
    headers = ["Nama", header] if family == "nuptk" else ["Nama", "NUPTK", header]
    row = ["Sri Lestari", value] if family == "nuptk" else ["Sri Lestari", "1234567890123456", value]
    if family == "npsn":
        headers.append("Asal Sekolah")
        row.append("SMP Negeri 1 Pekalongan")
    if family == "province":
        headers.append("Kab/Kota")
        row.append("Pati")
    report = import_roster(db, make_xlsx([row], headers))
    assert report.ok and report.unknown_columns == [], [str(p) for p in report.problems]
    assert people.find_by_id_number(db, "1234567890123456")[column] == stored


# ---- found by review: a mistyped number must never overwrite somebody else

def test_a_known_nip_with_another_nuptk_is_a_problem_not_an_overwrite(db, make_xlsx):
    import_roster(db, make_xlsx(good_rows()))
    row = [["Agung Jumari, S.Pd.", "4234567890123456", "197808172005011003", "L", "", "", "", ""]]
    report = import_roster(db, make_xlsx(row), skip_invalid=True)
    assert "Baris 2, kolom 'NUPTK': NIP 197808172005011003 milik Agung Jumari, S.Pd., M.Pd., " \
        "yang tercatat dengan NUPTK 1122334455667788, bukan 4234567890123456. Periksa kedua " \
        "nomor itu" in messages(report)
    assert people.find_by_id_number(db, "197808172005011003")["nuptk"] == "1122334455667788"


def test_a_known_id_under_a_wholly_different_name_is_a_problem(db, make_xlsx):
    import_roster(db, make_xlsx(good_rows()))
    row = [["Budi Santoso", "1122334455667788", "", "L", "", "", "", ""]]
    report = import_roster(db, make_xlsx(row))
    assert any(m.startswith("Baris 2, kolom 'Nama': NUPTK 1122334455667788 milik Agung Jumari")
               for m in messages(report))
    # A corrected spelling that keeps a word of the name is an ordinary update.
    fixed = [["Agung Jumari Setiawan, S.Pd.", "1122334455667788", "", "L", "", "", "", ""]]
    assert import_roster(db, make_xlsx(fixed)).updated == 1


def test_reimport_without_jabatan_keeps_a_principal_a_principal(db, make_xlsx):
    import_roster(db, make_xlsx([["Budi Santoso", "1234567890123456", "Kepala Sekolah"]],
                                ["Nama", "NUPTK", "Jabatan"]))
    report = import_roster(db, make_xlsx([["Budi Santoso", "1234567890123456", "SMPN 1 Pati"]],
                                         ["Nama", "NUPTK", "Asal Sekolah"]))
    assert report.updated == 1
    assert people.find_by_id_number(db, "1234567890123456")["position"] == "kepala sekolah"


def test_npsn_fills_a_known_school_and_a_different_one_is_a_problem(db, make_xlsx):
    header = ["Nama", "NUPTK", "Asal Sekolah", "Kab/Kota", "NPSN"]
    import_roster(db, make_xlsx([["A Satu", "1234567890123451", "SMP Negeri 1 Pati", "Kab. Pati", ""]], header))
    report = import_roster(db, make_xlsx(
        [["A Satu", "1234567890123451", "SMPN 1 Pati", "Kab. Pati", "20318001"]], header))
    assert report.updated == 0 and report.unchanged == 1
    assert people.find_by_id_number(db, "1234567890123451")["npsn"] == "20318001"
    clash = import_roster(db, make_xlsx(
        [["B Dua", "1234567890123452", "SMP Negeri 1 Pati", "Kab. Pati", "20318999"]], header))
    assert "Baris 2, kolom 'NPSN': NPSN 20318999 berbeda dengan NPSN 20318001 yang tercatat " \
        "untuk SMP Negeri 1 Pati" in messages(clash)
    assert db.execute("SELECT count(*) FROM schools").fetchone()[0] == 1


def test_semicolon_csv_whose_names_are_full_of_commas(db, tmp_path):
    path = tmp_path / "guru.csv"
    path.write_text("Nama;NUPTK;TTL\n"
                    "Dr. H. Ahmad Fauzi, S.Pd., M.Pd.;1234567890123456;Pati, 12 Mei 1975\n"
                    "Hj. Siti Aminah, S.Pd., M.Si.;1234567890123457;Kudus, 1 Juni 1980\n"
                    "Agung Jumari, S.Pd., M.Pd.;1234567890123458;Batang, 2 Juli 1979\n",
                    encoding="utf-8")
    report = import_roster(db, path)
    assert report.ok and report.new == 3
    assert people.find_by_id_number(db, "1234567890123456")["birth_place"] == "Pati"


def test_columns_that_mean_one_field_are_merged_first_filled_wins(db, make_xlsx):
    # Dapodik: Telepon (mostly empty) before HP; the HP wins where both are filled.
    header = ["Nama", "NIP", "Telepon", "Asal Sekolah", "NIP", "HP"]
    rows = [["Budi", "", "", "SMP 1", "197808172005011003", "0812-1111-2222"],
            ["Sri", "198003022005012001", "0285 421234", "SMP 1", "", ""],
            ["Ani", "198104042006042002", "0285 421235", "SMP 1", "", "0813 2222 3333"]]
    report = import_roster(db, make_xlsx(rows, header))
    assert report.ok and report.new == 3, messages(report)
    assert people.find_by_id_number(db, "197808172005011003")["phone"] == "081211112222"
    assert people.find_by_id_number(db, "198003022005012001")["phone"] == "0285421234"
    assert people.find_by_id_number(db, "198104042006042002")["phone"] == "081322223333"


def test_numbering_row_under_the_header_is_skipped(db, make_xlsx):
    rows = [[1, 2, 3, 4, 5, 6, 7, 8]] + good_rows()
    report = import_roster(db, make_xlsx(rows))
    assert report.ok and report.new == 3


def test_attendance_style_headers(db, make_xlsx):
    header = ["No", "Nama", "NIP/NUPTK", "Asal Sekolah/Instansi", "Pangkat/Gol. Ruang"]
    rows = [[1, "Agung Jumari", "19780817 200501 1 003", "SMPN 2 Pekalongan", "Penata, III/c"],
            [2, "Sri Lestari", "1234567890123456", "SMPN 1 Pati", ""]]
    report = import_roster(db, make_xlsx(rows, header))
    assert report.ok and report.new == 2 and report.unknown_columns == []
    agung = people.find_by_id_number(db, "197808172005011003")
    assert (agung["rank"], agung["golongan"]) == ("Penata", "III/c")
    assert people.find_by_id_number(db, "1234567890123456")["school"] == "SMPN 1 Pati"


def test_dry_run_with_problems_still_counts_the_good_rows(db, make_xlsx):
    rows = good_rows() + [["Bad", "12345", "", "L", "", "", "", ""]]
    report = import_roster(db, make_xlsx(rows), dry_run=True)
    assert (report.new, report.skipped) == (3, 1)
    assert report.summary() == ("Tidak ada yang disimpan: 1 masalah di 1 baris bermasalah. "
                                "Baris yang benar: 3 baru, 0 diperbarui, 0 tidak berubah.")
    skipping = import_roster(db, make_xlsx(rows), dry_run=True, skip_invalid=True)
    assert skipping.summary() == ("Uji coba (tidak ada yang disimpan): 3 baru, 0 diperbarui, "
                                  "0 tidak berubah; 1 baris bermasalah akan dilewati.")
    assert people.count_people(db) == 0


def test_damaged_number_is_shown_as_excel_shows_it(db, make_xlsx):
    report = import_roster(db, make_xlsx([["Sri", 3344556677889900, "", "P", "", "", "", ""]]))
    assert "(3,34456E+15)" in report.problems[0].message


def test_problems_are_listed_by_row_then_column(db, make_xlsx):
    rows = [["", "12345", "", "X", "", "", "", ""], ["Ok Satu", "123", "", "L", "", "", "", ""]]
    found = messages(import_roster(db, make_xlsx(rows)))
    assert [m.split(":")[0] for m in found] == ["Baris 2, kolom 'Nama'", "Baris 2, kolom 'NUPTK'",
                                                "Baris 2, kolom 'L/P'", "Baris 3, kolom 'NUPTK'"]


def test_report_keeps_title_rows_so_row_numbers_match(db, tmp_path):
    path = tmp_path / "guru [final].csv"
    path.write_text("DAFTAR GURU 2019\n\nNama;NUPTK\nSri Lestari;12345\nBudi;1234567890123456\n",
                    encoding="cp1252")
    report_path = tmp_path / "laporan.xlsx"
    report = import_roster(db, path, report_path=report_path)
    assert messages(report) == ["Baris 4, kolom 'NUPTK': NUPTK harus 16 digit, tertulis 5 digit"]
    ws = load_workbook(report_path).active
    assert ws.title == "guru  final"
    assert ws["A1"].value == "DAFTAR GURU 2019" and ws["A3"].value == "Nama"
    assert ws["A4"].value == "Sri Lestari" and "NUPTK harus 16 digit" in ws["C4"].value
    assert ws["B4"].fill.fgColor.rgb.endswith("F4B6B6")  # the faulty cell is marked
    assert ws["B4"].number_format == "@"
    assert ws["C5"].value is None


def test_province_only_is_kept_and_a_wrong_province_is_caught(db, make_xlsx):
    header = ["Nama", "NUPTK", "Kab/Kota", "Provinsi"]
    rows = [["Sri", "1234567890123456", "", "NTT"],
            ["Budi", "1234567890123457", "Kabupaten Ende", "Jawa Tengah"],
            ["Ani", "1234567890123458", "Kabupaten Merauke", "Papua"]]
    report = import_roster(db, make_xlsx(rows, header), skip_invalid=True)
    assert messages(report) == ["Baris 3, kolom 'Provinsi': Kabupaten Ende ada di provinsi Nusa "
                                "Tenggara Timur, bukan Jawa Tengah"]
    assert people.find_by_id_number(db, "1234567890123456")["region"] == "Nusa Tenggara Timur"
    assert people.find_by_id_number(db, "1234567890123458")["region"] == "Kabupaten Merauke"
