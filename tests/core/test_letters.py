"""The letters of an activity read back: numbers printed, kept on reprint and running on
through one agenda book, duplicates refused, every invitee in the lampiran, the SK's
pairs, one Surat Tugas per person, edited templates, nothing to list, paper size."""

import datetime as dt
import shutil

import pytest
from docx import Document
from pypdf import PdfReader

from kemitraan_desktop import activities, cli, letters
from kemitraan_desktop.activities import StaffMember
from kemitraan_desktop.documents.frame import SignOff
from kemitraan_desktop.errors import ValidationError

OJL1, OJL2 = 1, 2  # the demo's OJL 1 Kota Pekalongan (inti + mitra), OJL 2 (with imbas)


def pdf_text(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def docx_text(path) -> str:
    doc = Document(path)
    parts = [p.text for p in doc.paragraphs]

    def cells(table):
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    cells(inner)
    for table in doc.tables:
        cells(table)
    return "\n".join(parts)


def names(db, activity_id):
    return [row["name"] for row in activities.activity_participants(db, activity_id)]


def with_staff(db, activity_id=OJL1):
    activities.save_staff(db, activity_id, [
        StaffMember(None, "panitia", "Sri Wahyuningsih, S.Pd., M.Pd.", "Ketua",
                    "Dinas Pendidikan Kota Pekalongan", "197203141998022003"),
        StaffMember(None, "narasumber", "Dr. Bambang Sutrisno, M.Pd.", "Widyaiswara",
                    "LPMP Jawa Tengah")])


def test_invitation_number_printed_kept_on_reprint_and_next_letter_runs_on(demo_copy, tmp_path):
    day = SignOff(day=dt.date(2018, 9, 1))
    first = letters.print_letter(demo_copy, OJL1, "undangan", tmp_path / "u.pdf", sign_off=day)
    pages = pdf_text(first)
    assert "005/001/DINDIK/IX/2018" in pages[0]
    assert "Yth. Bapak/Ibu Kepala Sekolah peserta" in pages[0]
    assert "Minggu s.d. Minggu, 9 s.d. 16 September 2018" in pages[0]
    assert "Drs. Haryono Wicaksono, M.Pd." in pages[0]
    # reprinted later without a date: the same number and the day it was numbered
    again = pdf_text(letters.print_letter(demo_copy, OJL1, "undangan", tmp_path / "u2.pdf"))
    assert "005/001/DINDIK/IX/2018" in again[0] and "Pekalongan, 1 September 2018" in flat(again[0])
    assert demo_copy.execute("SELECT count(*) FROM activity_letters").fetchone()[0] == 1
    assert letters.proposed_number(demo_copy, OJL1, "tugas", day.day) == "800/002/DINDIK/IX/2018"
    tugas = letters.print_letter(demo_copy, OJL1, "tugas", tmp_path / "t.docx", sign_off=day)
    text = docx_text(tugas)
    assert "Nomor: 800/002/DINDIK/IX/2018" in text
    assert "005/001/DINDIK/IX/2018" in text  # the Dasar names the invitation


def test_invitation_lampiran_lists_every_invitee_pdf_and_docx(demo_copy, tmp_path):
    invited = names(demo_copy, OJL1)
    assert len(invited) == 24
    pages = pdf_text(letters.print_letter(demo_copy, OJL1, "undangan", tmp_path / "u.pdf"))
    lampiran = flat(" ".join(pages[1:]))
    assert "DAFTAR PESERTA ON THE JOB LEARNING 1 KOTA PEKALONGAN" in lampiran
    for name in invited:
        assert flat(name) in lampiran, name
    doc = Document(letters.print_letter(demo_copy, OJL1, "undangan", tmp_path / "u.docx"))
    listed = [row.cells[1].text for table in doc.tables for row in table.rows[1:]
              if table.rows[0].cells[0].text == "No"]
    assert listed == invited


def test_explicit_number_kept_and_duplicate_refused(demo_copy, tmp_path):
    letters.print_letter(demo_copy, OJL1, "sk", tmp_path / "sk.pdf", number="188.4/041/DINDIK/2018",
                         sign_off=SignOff(day=dt.date(2018, 9, 2)))
    assert "NOMOR 188.4/041/DINDIK/2018" in pdf_text(tmp_path / "sk.pdf")[0]
    # the agenda book runs on after the number the operator gave
    assert letters.proposed_number(demo_copy, OJL2, "undangan", dt.date(
        2018, 10, 1)) == "005/042/DINDIK/X/2018"
    before = demo_copy.execute("SELECT * FROM activity_letters").fetchall()
    with pytest.raises(ValidationError) as caught:
        letters.print_letter(demo_copy, OJL2, "undangan", tmp_path / "dup.pdf",
                             number="188.4/041/DINDIK/2018")
    assert "On the Job Learning 1 Kota Pekalongan" in caught.value.message
    assert "sudah dipakai" in caught.value.message
    assert not (tmp_path / "dup.pdf").exists()
    assert demo_copy.execute("SELECT * FROM activity_letters").fetchall() == before


def test_decree_lists_inti_mitra_imbas_pdf_and_docx(demo_copy, tmp_path):
    with_staff(demo_copy, OJL2)
    rows = activities.activity_participants(demo_copy, OJL2)
    by_tier = {t: [r["name"] for r in rows if r["tier"] == t] for t in (1, 2, 3)}
    assert all(by_tier.values())
    pages = pdf_text(letters.print_letter(demo_copy, OJL2, "sk", tmp_path / "sk.pdf"))
    first = flat(pages[0] + pages[1])
    for words in ("KEPUTUSAN KEPALA DINAS PENDIDIKAN KOTA PEKALONGAN", "Menimbang", "Mengingat",
                  "Undang-Undang Nomor 14 Tahun 2005 tentang Guru dan Dosen", "MEMUTUSKAN:",
                  "KESATU", "KEDUA", "KETIGA", "berlaku sejak tanggal ditetapkan",
                  "Ditetapkan di Pekalongan"):
        assert words in first, words
    lampiran = flat(" ".join(pages[1:]))
    assert "LAMPIRAN I KEPUTUSAN" in lampiran and "LAMPIRAN II KEPUTUSAN" in lampiran
    for tier_names in by_tier.values():
        for name in tier_names:
            assert flat(name) in lampiran, name
    assert "Dr. Bambang Sutrisno, M.Pd." in lampiran and "Widyaiswara" in lampiran
    text = docx_text(letters.print_letter(demo_copy, OJL2, "sk", tmp_path / "sk.docx"))
    for name in by_tier[1] + by_tier[2] + by_tier[3]:
        assert name in text, name
    assert "KESATU" in text and "Sri Wahyuningsih, S.Pd., M.Pd." in text


def test_per_person_assignment_one_letter_each(demo_copy, tmp_path):
    with_staff(demo_copy)
    people = names(demo_copy, OJL1) + ["Sri Wahyuningsih, S.Pd., M.Pd.",
                                       "Dr. Bambang Sutrisno, M.Pd."]
    pages = pdf_text(letters.print_letter(demo_copy, OJL1, "tugas", tmp_path / "t.pdf",
                                          per_person=True))
    starts = [i for i, page in enumerate(pages) if "SURAT TUGAS" in page]
    assert len(starts) == len(people) == 26
    named = []
    for start, end in zip(starts, [*starts[1:], len(pages)], strict=True):
        letter = flat(" ".join(pages[start:end]))
        own = [n for n in people if flat(n) in letter]
        assert len(own) == 1, own  # each letter names its own person only
        named += own
        for number, page in enumerate(pages[start:end], start=1):  # numbered on its own
            assert f"Halaman {number} dari {end - start}" in page
    assert sorted(named) == sorted(people)
    assert any("Pangkat/Gol." in p and "Widyaiswara" in p for p in pages)
    doc = Document(letters.print_letter(demo_copy, OJL1, "tugas", tmp_path / "t.docx",
                                        per_person=True, who="narasumber"))
    assert [p.text for p in doc.paragraphs].count("SURAT TUGAS") == 1
    assert "Dr. Bambang Sutrisno, M.Pd." in docx_text(tmp_path / "t.docx")


def test_assignment_lampiran_lists_who_was_asked(demo_copy, tmp_path):
    with_staff(demo_copy)
    pages = pdf_text(letters.print_letter(demo_copy, OJL1, "tugas", tmp_path / "t.pdf",
                                          who="panitia"))
    assert "(1 orang)" in pages[0] and "sebagai panitia" in flat(pages[0])
    assert "Sri Wahyuningsih, S.Pd., M.Pd." in flat(pages[1])
    assert "Dr. Bambang Sutrisno" not in " ".join(pages)


def test_edited_template_appears_and_unknown_field_refused(demo_copy, tmp_path):
    letters.save_template(demo_copy, "undangan",
                          {"penutup": "Mohon hadir tepat waktu di {tempat} pada pukul {waktu}."})
    assert letters.template_edited(demo_copy, "undangan")
    expected = "Mohon hadir tepat waktu di Aula Dinas Pendidikan Kota Pekalongan"
    assert expected in flat(pdf_text(letters.print_letter(demo_copy, OJL1, "undangan",
                                                          tmp_path / "u.pdf"))[0])
    assert expected in docx_text(letters.print_letter(demo_copy, OJL1, "undangan",
                                                      tmp_path / "u.docx"))
    stored = demo_copy.execute("SELECT body FROM letter_templates").fetchall()
    with pytest.raises(ValidationError) as caught:
        letters.save_template(demo_copy, "undangan", {"isi": "Bapak {nama_sekolah} diundang."})
    assert "{nama_sekolah}" in caught.value.message and "tidak dikenal" in caught.value.message
    with pytest.raises(ValidationError) as broken:
        letters.save_template(demo_copy, "sk", {"tentang": "Penetapan {kegiatan"})
    assert "kurung kurawal" in broken.value.message
    assert demo_copy.execute("SELECT body FROM letter_templates").fetchall() == stored
    letters.reset_template(demo_copy, "undangan")
    assert not letters.template_edited(demo_copy, "undangan")
    assert letters.load_template(demo_copy, "undangan") == letters.DEFAULTS["undangan"]


def test_pattern_per_kind(demo_copy):
    letters.set_pattern(demo_copy, "undangan", "421.3/{no:04}/PTK/{tahun}")
    day = dt.date(2019, 1, 5)
    assert letters.proposed_number(demo_copy, OJL2, "undangan", day) == "421.3/0001/PTK/2019"
    assert letters.get_pattern(demo_copy, "sk").text == "188.4/{no:03}/DINDIK/{tahun}"
    with pytest.raises(ValidationError):
        letters.set_pattern(demo_copy, "undangan", "421/{nomor}/{tahun}")


@pytest.fixture
def demo_file(demo_template, tmp_path):
    path = tmp_path / "cli.db"
    shutil.copy(demo_template, path)
    return str(path)


def test_cli_nothing_to_list_exits_1_and_writes_nothing(demo_file, tmp_path, capsys):
    from kemitraan_desktop import store
    db = store.open_db(demo_file)
    empty = activities.create_activity(db, 1, "rakor", "Rapat Koordinasi", "2018-08-01",
                                       "2018-08-01", venue="Aula")
    activities.set_activity_participants(db, empty, [])
    # program 1's pairs undone: its OJL 1 has participants but no pair for an SK
    db.execute("UPDATE participants SET mentor_id = NULL WHERE program_id = 1")
    db.conn.commit()
    db.close()
    for command, activity in (("invitation", empty), ("assignment", empty), ("decree", OJL1)):
        out = tmp_path / f"{command}.pdf"
        code = cli.main(["--db", demo_file, "print", command, "--activity", str(activity),
                         "--out", str(out)])
        assert code == 1, command
        assert not out.exists()
        assert "tidak dicetak" in capsys.readouterr().err
    db = store.open_db(demo_file)
    assert db.execute("SELECT count(*) FROM activity_letters").fetchone()[0] == 0
    db.close()


def test_cli_prints_f4_and_a4_with_number(demo_file, tmp_path, capsys):
    out = tmp_path / "u.pdf"
    assert cli.main(["--db", demo_file, "print", "invitation", "--activity", "1", "--out",
                     str(out), "--paper", "f4", "--date", "2018-09-01"]) == 0
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (215, 330)
    assert "005/001/DINDIK/IX/2018" in capsys.readouterr().out
    a4 = tmp_path / "t.pdf"
    assert cli.main(["--db", demo_file, "print", "assignment", "--activity", "1", "--out",
                     str(a4), "--paper", "a4", "--who", "peserta", "--per-person",
                     "--place", "Semarang"]) == 0
    reader = PdfReader(a4)
    assert round(float(reader.pages[0].mediabox.height)) == 842
    assert "Semarang, 2 September 2018" in reader.pages[0].extract_text()
    code = cli.main(["--db", demo_file, "print", "decree", "--activity", "2", "--out",
                     str(tmp_path / "sk.pdf"), "--number", "005/001/DINDIK/IX/2018"])
    assert code == 1 and not (tmp_path / "sk.pdf").exists()


@pytest.mark.parametrize("command", ["invitation", "assignment", "decree"])
def test_cli_help(command, capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["print", command, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert "--activity" in text and "--number" in text and ".docx" in text


def test_the_sk_names_only_the_roles_taking_part_and_a_draft_takes_no_number(demo_copy, tmp_path):
    text = " ".join(pdf_text(letters.print_letter(demo_copy, OJL1, "sk", tmp_path / "sk.pdf",
                                                  draft=True)))
    assert "Guru Mitra 1 dan Guru Mitra 2" in text and "Guru Mitra 3" not in text
    assert "DRAF - nomor surat belum dicatat" in text
    assert letters.held_number(demo_copy, OJL1, "sk") is None  # a draft records nothing
    final = " ".join(pdf_text(letters.print_letter(demo_copy, OJL1, "sk", tmp_path / "sk2.pdf")))
    assert "DRAF" not in final and letters.held_number(demo_copy, OJL1, "sk") in final


def test_memutuskan_never_ends_a_page_alone(demo_copy, tmp_path):
    for paper in ("a4", "f4"):
        for activity in (OJL1, OJL2):
            pages = pdf_text(letters.print_letter(demo_copy, activity, "sk",
                                                  tmp_path / f"sk{activity}{paper}.pdf",
                                                  paper=paper, draft=True))
            page = next(p for p in pages if "MEMUTUSKAN" in p)
            assert "Menetapkan" in page, (activity, paper)
