"""The certificate numbering pattern: parsing, every mistake named, rendering."""

import datetime as dt

import pytest

from kemitraan_desktop.certificates import DEFAULT_PATTERN, parse_pattern
from kemitraan_desktop.errors import NotFoundError, ValidationError


def test_the_default_pattern():
    pattern = parse_pattern(DEFAULT_PATTERN)
    assert pattern.render(7, dt.date(2018, 9, 16)) == "421.3/007/DINDIK/IX/2018"
    assert pattern.render(1234, dt.date(2019, 12, 1)) == "421.3/1234/DINDIK/XII/2019"


@pytest.mark.parametrize("text, number, expected", [
    ("{no}/SERT/{bulan}/{tahun}", 5, "5/SERT/09/2018"),
    ("800/{no:4}/PTK-{tahun}", 12, "800/0012/PTK-2018"),
    ("{tahun}-{no:02}", 3, "2018-03"),
])
def test_other_office_patterns(text, number, expected):
    assert parse_pattern(text).render(number, dt.date(2018, 9, 16)) == expected


@pytest.mark.parametrize("text, message", [
    ("", "wajib diisi"),
    ("421.3/DINDIK/{tahun}", "tepat satu kali"),
    ("{no}/{no}", "(ada 2)"),
    ("{no}/{bulan_rom}", "'{bulan_rom}' tidak dikenal"),
    ("{no:abc}/{tahun}", "Format nomor '{no:abc}'"),
    ("{no}/{tahun:2}", "tidak memakai format"),
    ("{no/{tahun}", "tidak berpasangan"),
    ("}{no}{/{tahun}", "tidak berpasangan"),
])
def test_mistakes_are_named(text, message):
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")
                       .replace("{", r"\{").replace("}", r"\}")):
        parse_pattern(text)


def test_running_number_starts_at_one():
    with pytest.raises(ValidationError, match="mulai dari 1"):
        parse_pattern(DEFAULT_PATTERN).render(0, dt.date(2018, 9, 16))


# ---------------------------------------------------------------- counters and the register

ISSUED = dt.date(2018, 9, 16)


@pytest.fixture
def demo_db(db):
    """The demo before its certificates were issued (the tests issue them themselves)."""
    from kemitraan_desktop import demo
    demo.load_demo(db)
    db.execute("DELETE FROM certificates")
    db.execute("DELETE FROM certificate_counters")
    return db


def test_issue_numbers_the_eligible_only_and_in_one_go(demo_db):
    from kemitraan_desktop import certificates as cert

    plan = cert.plan_issue(demo_db, 1, ISSUED)
    assert len(plan.planned) == 23 and len(plan.refused) == 1
    assert "kehadiran 70% di bawah 80%" in plan.refused[0][1]
    assert [p.number for p in plan.planned[:2]] == ["421.3/001/DINDIK/IX/2018",
                                                     "421.3/002/DINDIK/IX/2018"]
    assert cert.register(demo_db) == []  # planning writes nothing
    ids = cert.issue(demo_db, 1, ISSUED)
    assert len(ids) == 23
    assert cert.issue(demo_db, 1, ISSUED) == []  # nobody gets a second one
    refused = plan.refused[0][0]
    assert refused["nuptk"] not in {r["nuptk"] for r in cert.register(demo_db)}


def test_printed_data_is_frozen(demo_db):
    from kemitraan_desktop import certificates as cert
    from kemitraan_desktop import people

    cert.issue(demo_db, 1, ISSUED)
    first = cert.register(demo_db)[0]
    person = people.find_by_id_number(demo_db, first["nuptk"])
    people.save_person(demo_db, {**person, "full_name": "Nama Baru, S.Pd.", "school": person["school"],
                                 "region": person["region"]}, person["id"])
    assert cert.register(demo_db)[0]["name"] == first["name"] != "Nama Baru, S.Pd."


def test_void_and_reissue_keep_numbers_gap_free_and_never_reused(demo_db):
    from kemitraan_desktop import certificates as cert

    cert.issue(demo_db, 1, ISSUED)
    third = cert.register(demo_db)[2]["number"]
    with pytest.raises(ValidationError, match="Batalkan dulu"):
        cert.reissue(demo_db, third, ISSUED)
    with pytest.raises(ValidationError, match="alasan"):
        cert.void(demo_db, third, " ")
    cert.void(demo_db, third, "salah tulis gelar")
    with pytest.raises(ValidationError, match="sudah dibatalkan"):
        cert.void(demo_db, third, "lagi")
    new_id = cert.reissue(demo_db, third, ISSUED)
    register = cert.register(demo_db)
    numbers = [r["number"] for r in register]
    assert numbers[-1] == "421.3/024/DINDIK/IX/2018" and len(set(numbers)) == len(numbers) == 24
    assert register[-1]["replaces"] == register[2]["id"] and register[2]["voided"]
    assert new_id == register[-1]["id"]
    with pytest.raises(NotFoundError):
        cert.void(demo_db, "999/TIDAK/ADA", "x")


def test_office_wide_counter_and_own_pattern(demo_db):
    from kemitraan_desktop import certificates as cert

    cert.set_office_wide(demo_db, True)
    cert.set_pattern(demo_db, 1, "800/{no:04}/PTK/{tahun}")
    ids = cert.issue(demo_db, 1, ISSUED)
    assert cert.register(demo_db)[0]["number"] == "800/0001/PTK/2018" and len(ids) == 23
    with pytest.raises(ValidationError):
        cert.set_pattern(demo_db, 1, "tanpa nomor")


def test_cli_issue_and_void(demo_db, db_path, capsys):
    from kemitraan_desktop import certificates as cert
    from kemitraan_desktop import cli

    assert cli.main(["--db", str(db_path), "certificate", "issue", "--activity", "1", "--date",
                     "2018-09-16", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "421.3/001/DINDIK/IX/2018" in out and "Tidak diberi sertifikat" in out
    assert cert.register(demo_db) == []
    assert cli.main(["--db", str(db_path), "certificate", "issue", "--activity", "1", "--date",
                     "2018-09-16"]) == 0
    assert "23 sertifikat diterbitkan" in capsys.readouterr().out
    assert cli.main(["--db", str(db_path), "certificate", "void", "421.3/005/DINDIK/IX/2018",
                     "--reason", "salah nama"]) == 0
    assert cert.register(demo_db)[4]["void_reason"] == "salah nama"
    assert cli.main(["--db", str(db_path), "certificate", "void", "421.3/005/DINDIK/IX/2018",
                     "--reason", "lagi"]) == 1


def test_biodata_sheet_lists_everyone_as_the_certificate_will(demo_db, tmp_path):
    from pypdf import PdfReader

    from kemitraan_desktop import activities
    from kemitraan_desktop.documents import print_biodata
    from kemitraan_desktop.indonesia import format_nip

    path = print_biodata(demo_db, 1, tmp_path / "biodata.pdf", paper="f4")
    reader = PdfReader(path)
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "LEMBAR VERIFIKASI BIODATA" in text.upper()
    for person in activities.activity_participants(demo_db, 1):
        assert format_nip(person["nip"]) in text and person["nuptk"] in text
        assert person["nik"] not in text
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width, 1), round(height, 1)) == (935.4, 609.4)  # F4 landscape


def test_register_as_xlsx_and_pdf(demo_db, db_path, tmp_path, capsys):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from kemitraan_desktop import certificates as cert
    from kemitraan_desktop import cli

    cert.issue(demo_db, 1, ISSUED)
    cert.void(demo_db, "421.3/002/DINDIK/IX/2018", "salah gelar")
    xlsx, pdf = tmp_path / "reg.xlsx", tmp_path / "reg.pdf"
    assert cli.main(["--db", str(db_path), "certificate", "register", "--program", "1", "--out",
                     str(xlsx)]) == 0
    sheet = load_workbook(xlsx).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 23 and rows[1][1] == "421.3/002/DINDIK/IX/2018"
    assert rows[1][11] == "Dibatalkan" and rows[1][12] == "salah gelar"
    assert isinstance(rows[0][3], str) and len(rows[0][3]) == 16  # NUPTK as text
    assert cli.main(["--db", str(db_path), "certificate", "register", "--program", "1", "--out",
                     str(pdf)]) == 0
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "REGISTER SERTIFIKAT" in text.upper() and "Dibatalkan: salah gelar" in text
    assert "23 (22 berlaku, 1 dibatalkan)" in text


# ---------------------------------------------------------------- offline verification

def _code(db):
    from kemitraan_desktop import certificates as cert
    cert.issue(db, 1, ISSUED)
    return cert.register(db)[0]["verification"]


def test_a_good_code_verifies_and_any_changed_field_does_not(demo_db):
    from kemitraan_desktop import certificates as cert

    code = _code(demo_db)
    assert cert.verify(demo_db, code).status == "valid"
    parts = code.split("|")
    for index in range(2, 7):  # number, name, ID, JP, date
        changed = list(parts)
        changed[index] = changed[index] + "1"
        result = cert.verify(demo_db, "|".join(changed))
        assert result.status == "invalid", index
        assert "TIDAK SAH" in result.message


def test_a_voided_certificate_says_so(demo_db):
    from kemitraan_desktop import certificates as cert

    code = _code(demo_db)
    number = code.split("|")[2]
    cert.void(demo_db, number, "data salah")
    assert cert.verify(demo_db, code).status == "voided"
    assert cert.verify(demo_db, number).status == "voided"  # typed as a number too


def test_another_offices_certificate_with_and_without_its_key(demo_db, tmp_path):
    from kemitraan_desktop import certificates as cert
    from kemitraan_desktop import demo, store

    other = store.open_db(tmp_path / "kantor-lain.db")
    demo.load_demo(other)
    cert.issue(other, 1, ISSUED)
    code = cert.register(other)[0]["verification"]
    assert cert.verify(demo_db, code).status == "unknown_key"
    with pytest.raises(ValidationError, match="tidak cocok"):
        cert.import_public_key(demo_db, "ABCDEF12:" + cert.public_key_text(other).split(":")[1],
                               "Dinas lain")
    cert.import_public_key(demo_db, cert.public_key_text(other), "Dinas Pendidikan Kabupaten X")
    result = cert.verify(demo_db, code)
    assert result.ok and "Dinas Pendidikan Kabupaten X" in result.message
    other.close()


def test_cli_verify_exit_codes(demo_db, db_path, capsys):
    from kemitraan_desktop import cli

    code = _code(demo_db)
    assert cli.main(["--db", str(db_path), "certificate", "verify", code]) == 0
    assert "SAH" in capsys.readouterr().out
    assert cli.main(["--db", str(db_path), "certificate", "verify", code.replace("|33|", "|34|")]) == 1
    assert "TIDAK SAH" in capsys.readouterr().out


def test_certificate_pdf_and_zip(demo_db, db_path, tmp_path, capsys):
    import zipfile

    from pypdf import PdfReader

    from kemitraan_desktop import certificates as cert
    from kemitraan_desktop import cli
    from kemitraan_desktop.indonesia import format_nip

    cert.issue(demo_db, 1, ISSUED)
    rows = cert.register(demo_db)
    pdf, archive = tmp_path / "sertifikat.pdf", tmp_path / "sertifikat.zip"
    assert cli.main(["--db", str(db_path), "print", "certificates", "--activity", "1", "--out",
                     str(pdf), "--paper", "a4", "--back"]) == 0
    reader = PdfReader(pdf)
    assert len(reader.pages) == 2 * len(rows)  # front and back
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width, 1), round(height, 1)) == (841.9, 595.3)  # A4 landscape
    front = " ".join(reader.pages[0].extract_text().split())
    first = rows[0]
    assert "SERTIFIKAT" in front and f"Nomor: {first['number']}" in front
    assert first["name"] in front and f"NIP {format_nip(first['nip'])}" in front
    assert "sebanyak 33 JP" in front and "Drs. Haryono Wicaksono, M.Pd." in front
    nik = demo_db.execute("SELECT p.nik FROM participants pa JOIN people p ON p.id = pa.person_id "
                          "WHERE pa.id = ?", [first["participant_id"]]).fetchone()[0]
    assert nik and nik not in front.replace(" ", "")  # the demo's people have a NIK; never printed
    back = " ".join(reader.pages[1].extract_text().split())
    assert "STRUKTUR PROGRAM" in back and "Jumlah 33 JP" in back
    assert cli.main(["--db", str(db_path), "print", "certificates", "--activity", "1", "--out",
                     str(archive)]) == 0
    names = zipfile.ZipFile(archive).namelist()
    assert len(names) == len(rows)
    assert names[0].startswith("421.3-001-DINDIK-IX-2018_") and names[0].endswith(".pdf")


def test_the_demo_comes_with_its_certificates(db):
    from kemitraan_desktop import certificates as cert
    from kemitraan_desktop import demo

    demo.load_demo(db)
    register = cert.register(db)
    assert len(register) == 23 and register[0]["number"] == "421.3/001/DINDIK/IX/2018"
    assert cert.verify(db, register[0]["verification"]).ok
    demo.load_demo(db)  # loading again adds nothing
    assert len(cert.register(db)) == 23


def test_a_program_with_certificates_cannot_be_deleted(db):
    from kemitraan_desktop import demo, programs

    demo.load_demo(db)
    with pytest.raises(ValidationError, match="sudah menerbitkan 23 sertifikat"):
        programs.delete_program(db, 1)
    assert programs.get_program(db, 1)


def test_two_programs_with_the_same_pattern_are_refused_not_crashed(demo_db):
    """Counters per program (the default) and one pattern for both: the second program's
    first number is already taken; the office is told what to change, nothing is written."""
    from kemitraan_desktop import activities, attendance
    from kemitraan_desktop import certificates as cert

    cert.issue(demo_db, 1, ISSUED)
    before = len(cert.register(demo_db))
    people = activities.activity_participants(demo_db, 2)
    attendance.set_marks(demo_db, 2, [attendance.Mark(p["id"], *session.key, "hadir")
                                      for session in attendance.sessions(demo_db, 2) for p in people])
    plan = cert.plan_issue(demo_db, 2, ISSUED)
    assert plan.planned and plan.problem.startswith("Nomor 421.3/001/DINDIK/IX/2018 sudah dipakai")
    with pytest.raises(ValidationError, match="pola nomor sendiri"):
        cert.issue(demo_db, 2, ISSUED)
    assert len(cert.register(demo_db)) == before
    cert.set_pattern(demo_db, 2, "421.3/{no:03}/OJL2/{bulan_romawi}/{tahun}")
    assert len(cert.issue(demo_db, 2, ISSUED)) == len(people)


def test_switching_to_one_office_counter_continues_after_the_highest_number(demo_db):
    from kemitraan_desktop import certificates as cert

    cert.issue(demo_db, 1, ISSUED)  # 001..023 on program 1's counter
    cert.set_office_wide(demo_db, True)
    cert.set_pattern(demo_db, 1, "800/{no:03}/SERT/{tahun}")
    number = cert.register(demo_db)[0]["number"]
    cert.void(demo_db, number, "salah nama")
    new_id = cert.reissue(demo_db, number, ISSUED)
    new = next(r for r in cert.register(demo_db) if r["id"] == new_id)
    assert new["number"] == "800/024/SERT/2018"  # not 001: the office counter starts after 023
    cert.set_office_wide(demo_db, False)
    second = cert.register(demo_db)[1]["number"]
    cert.void(demo_db, second, "salah NIP")
    new_id = cert.reissue(demo_db, second, ISSUED)
    assert next(r for r in cert.register(demo_db) if r["id"] == new_id)["number"] == "800/025/SERT/2018"


def test_a_voided_certificate_is_replaced_once_only(demo_db):
    from kemitraan_desktop import certificates as cert

    cert.issue(demo_db, 1, ISSUED)
    number = cert.register(demo_db)[0]["number"]
    cert.void(demo_db, number, "salah gelar")
    cert.reissue(demo_db, number, ISSUED)
    with pytest.raises(ValidationError, match="sudah diganti dengan nomor 421.3/024"):
        cert.reissue(demo_db, number, ISSUED)
    assert len(cert.register(demo_db)) == 24


def test_a_pattern_needs_the_year():
    with pytest.raises(ValidationError, match=r"\{tahun\}"):
        parse_pattern("421.3/{no:03}/DINDIK")


def test_the_register_workbook_reads_as_an_office_keeps_it(tmp_path):
    import datetime as _dt

    from openpyxl import load_workbook

    from kemitraan_desktop import demo, store
    from kemitraan_desktop.spreadsheets.export import export_register

    db = store.open_db(tmp_path / "k.db")
    demo.load_demo(db)
    sheet = load_workbook(export_register(db, 1, tmp_path / "register.xlsx")).active
    assert sheet.freeze_panes == "C3"
    assert sheet.auto_filter.ref == f"A2:M{2 + 23}"
    assert [sheet.cell(2, c).value for c in (1, 2, 3, 10, 11)] == [
        "No", "Nomor Sertifikat", "Nama", "JP", "Tanggal Terbit"]
    assert sheet["B3"].value == "421.3/001/DINDIK/IX/2018"
    assert sheet.column_dimensions["B"].width >= len(sheet["B3"].value)  # numbers not cut
    assert sheet.column_dimensions["C"].width >= 30
    issued = sheet["K3"].value
    assert isinstance(issued, _dt.datetime) and issued.date() == _dt.date(2018, 9, 16)
    assert sheet["K3"].number_format == "DD/MM/YYYY"
    assert isinstance(sheet["J3"].value, (int, float)) and sheet["J3"].value == 33
    db.close()
