"""Where and when a document is signed (issue 16): the chosen place and date, else the
office's city and the activity's last day (once it is over) or the day of printing. The
demo's 2018 OJL used to print "Pekalongan, 1 Desember 2026" on its jadwal and rekap."""

import datetime as dt

from pypdf import PdfReader

from kemitraan_desktop import certificates, programs
from kemitraan_desktop.documents.attendance import print_attendance
from kemitraan_desktop.documents.certificate import print_certificates
from kemitraan_desktop.documents.frame import SignOff
from kemitraan_desktop.documents.pairs import print_pairs
from kemitraan_desktop.documents.recap import print_recap
from kemitraan_desktop.documents.register import print_register
from kemitraan_desktop.documents.rundown import print_rundown
from kemitraan_desktop.indonesia import format_date

OJL = 1  # the demo's 2018 OJL 1, 9-16 September 2018, Kota Pekalongan


def text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def flat(path) -> str:
    return " ".join(text(path).split())


def program_2018(db):
    return next(e["program"].id for e in programs.list_programs(db) if e["program"].year == 2018)


def test_activity_documents_are_dated_the_last_day_of_a_past_activity(demo_copy, tmp_path):
    for printer in (print_rundown, print_recap):
        body = flat(printer(demo_copy, OJL, tmp_path / f"{printer.__name__}.pdf"))
        assert "Pekalongan, 16 September 2018" in body, printer.__name__
        assert format_date(dt.date.today(), with_weekday=False) not in body


def test_a_chosen_place_and_date_are_printed(demo_copy, tmp_path):
    chosen = SignOff(place="Kota Gorontalo", day=dt.date(2018, 11, 20))
    for path in (print_rundown(demo_copy, OJL, tmp_path / "jadwal.pdf", sign_off=chosen),
                 print_recap(demo_copy, OJL, tmp_path / "rekap.pdf", sign_off=chosen),
                 print_pairs(demo_copy, program_2018(demo_copy), tmp_path / "pasangan.pdf",
                             sign_off=chosen),
                 print_register(demo_copy, program_2018(demo_copy), tmp_path / "register.pdf",
                                sign_off=chosen)):
        body = flat(path)
        assert "Kota Gorontalo, 20 November 2018" in body, path.name
        today = format_date(dt.date.today(), with_weekday=False)
        for default in (f"Pekalongan, {today}", "Pekalongan, 16 September 2018"):
            assert default not in body, path.name


def test_a_program_list_without_a_choice_is_dated_today(demo_copy, tmp_path):
    body = flat(print_pairs(demo_copy, program_2018(demo_copy), tmp_path / "pasangan.pdf"))
    assert f"Pekalongan, {format_date(dt.date.today(), with_weekday=False)}" in body


def test_daftar_hadir_keeps_each_sessions_day_unless_a_date_is_chosen(demo_copy, tmp_path):
    own = flat(print_attendance(demo_copy, OJL, tmp_path / "hadir.pdf", day=dt.date(2018, 9, 10)))
    assert "Pekalongan, 10 September 2018" in own
    chosen = flat(print_attendance(demo_copy, OJL, tmp_path / "hadir2.pdf", day=dt.date(2018, 9, 10),
                                   sign_off=SignOff(place="Batang")))
    assert "Batang, 10 September 2018" in chosen


def test_certificates_carry_their_issue_date_and_the_chosen_place(demo_copy, tmp_path):
    if not [r for r in certificates.register(demo_copy) if not r["voided"]]:
        certificates.issue(demo_copy, OJL, dt.date(2018, 9, 16))
    issued = [r for r in certificates.register(demo_copy) if not r["voided"]][0]
    day = format_date(dt.date.fromisoformat(issued["issued_on"]), with_weekday=False)
    body = flat(print_certificates(demo_copy, issued["activity_id"], tmp_path / "s.pdf",
                                   numbers=[issued["number"]], sign_off=SignOff(place="Pekalongan")))
    assert f"Pekalongan, {day}" in body


def test_the_printing_commands_take_date_and_place(demo_copy, tmp_path, capsys):
    from kemitraan_desktop import cli, store

    db = str(store.db_file(demo_copy))
    demo_copy.close()
    chosen = ["--date", "2018-11-20", "--place", "Kabupaten Gorontalo"]
    commands = {
        "jadwal.pdf": ["print", "rundown", "--activity", str(OJL)],
        "hadir.pdf": ["print", "attendance", "--activity", str(OJL), "--day", "2018-09-10"],
        "rekap.pdf": ["attendance", "recap", "--activity", str(OJL)],
        "register.pdf": ["certificate", "register", "--program", "1"],
        "pasangan.pdf": ["print", "pairs", "--program", "1"],
    }
    for name, command in commands.items():
        out = tmp_path / name
        assert cli.main(["--db", db, *command, "--out", str(out), *chosen]) == 0, name
        assert "Kabupaten Gorontalo, 20 November 2018" in flat(out), name
    capsys.readouterr()
    assert cli.main(["--db", db, "print", "rundown", "--activity", str(OJL), "--out",
                     str(tmp_path / "x.pdf"), "--date", "20-11-2018"]) == 2
    assert "--date '20-11-2018' harus berbentuk YYYY-MM-DD" in capsys.readouterr().err
