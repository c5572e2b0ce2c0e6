"""Beranda's program dashboard: the program chosen (and remembered), the to-do lines with
their counts, a button that takes the operator there, the charts' specs, the quiet pairs,
and what the main window does with a to-do line."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QSettings

from kemitraan_desktop import activities, pairing, people, programs
from kemitraan_desktop import program_dashboard as pd
from ui.home.page import PROGRAM_SETTING, HomePage
from ui.main_window import ATTENDANCE, CERTIFICATES, FOLLOW_UP, PROGRAMS, MainWindow
from ui.ops import DbWorker

D = dt.date
IN_WINDOW = D(2019, 12, 11)  # the OJL ended 18 Oktober 2019: the four months run to 18 Februari
_NUPTK = iter(range(7 * 10**15, 8 * 10**15))


def join(db, program_id, name, tier):
    person = people.save_person(db, {"full_name": name, "subject": "IPA", "jenjang": "SMP",
                                     "region": "Kabupaten Gorontalo",
                                     "nuptk": str(next(_NUPTK))})
    return programs.add_participants(db, program_id, [person], tier).added[0]


@pytest.fixture
def program(db):
    """Inti -> mitra A and B, an imbas without a mentor, an OJL 2 (13-18 Oktober 2019) with
    nothing entered, A contacted on 1 Desember, B never since the OJL."""
    pid = programs.create_program(db, "Kemitraan Guru SMP Gorontalo", 2019, "SMP", ratios="3,10")
    inti = join(db, pid, "Dra. Ratna Inti, M.Pd.", 1)
    a, b = join(db, pid, "Ahmad Mitra, S.Pd.", 2), join(db, pid, "Budi Mitra, S.Pd.", 2)
    join(db, pid, "Citra Imbas, S.Pd.", 3)
    pairing.set_mentor(db, pid, [a, b], inti)
    ojl = activities.create_activity(db, pid, "ojl2", "OJL 2 Gorontalo", "2019-10-13",
                                     "2019-10-18", city="Kabupaten Gorontalo")
    db.execute("INSERT INTO mentoring_log (program_id, mentor_id, mentee_id, day, mode, topic) "
               "VALUES (?, ?, ?, '2019-12-01', 'daring', 'Diskusi RPP')", [pid, inti, a])
    programs.create_program(db, "Kemitraan Guru SMA", 2020, "SMA")  # newer, empty
    return {"id": pid, "ojl": ojl}


@pytest.fixture
def home(qtbot, db, db_path):
    worker = DbWorker(db_path)
    page = HomePage(db, worker)
    qtbot.addWidget(page)
    page.resize(1156, 650)
    page.show()
    yield page
    worker.stop()


def load(qtbot, page, today=IN_WINDOW):
    page.today = today
    page.refresh()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10000)


def choose(qtbot, page, program_id):
    chooser = page.dashboard.chooser
    index = chooser.findData(program_id)
    chooser.setCurrentIndex(index)
    chooser.activated.emit(index)
    qtbot.waitUntil(lambda: not page.loading(), timeout=10000)


def plain(label) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", label.text())).replace("&#10003;", "✓").strip()


def test_the_newest_program_first_then_the_one_chosen_is_remembered(qtbot, home, program,
                                                                    db, db_path):
    load(qtbot, home)
    assert home.dashboard.isVisible()
    assert home.dashboard.chooser.currentText() == "Kemitraan Guru SMA (2020)"
    assert plain(home.dashboard.todo.lines["pairs"][0]) == "0"
    choose(qtbot, home, program["id"])
    assert home.dashboard.chooser.currentText() == "Kemitraan Guru SMP Gorontalo (2019)"
    assert int(QSettings().value(PROGRAM_SETTING)) == program["id"]
    assert "4 peserta (1 Inti, 2 Mitra, 1 Imbas)" in home.dashboard.summary.text()
    again = HomePage(db, home.worker)  # the next time Beranda opens
    qtbot.addWidget(again)
    load(qtbot, again)
    assert again.dashboard.chooser.currentData() == program["id"]


def test_to_do_lines_with_their_counts_and_buttons(qtbot, home, program):
    load(qtbot, home)
    choose(qtbot, home, program["id"])
    todo = home.dashboard.todo
    counts = {key: plain(count) for key, (count, _text, _button) in todo.lines.items()}
    assert counts == {"pairs": "1", "week": "0", "attendance": "1", "certificates": "1",
                      "quiet": "1", "rtl": "0"}
    assert plain(todo.lines["pairs"][1]) == "Peserta belum berpasangan Imbas 1"
    assert plain(todo.lines["attendance"][1]) == "Daftar hadir belum diisi OJL 2 Gorontalo (6 sesi)"
    assert "✓ Kegiatan minggu ini" in plain(todo.lines["week"][1])
    assert "9 s.d. 15 Desember 2019" in plain(todo.lines["week"][1])
    assert "per hari ini (masa pendampingan s.d. 18 Februari 2020)" in plain(todo.lines["quiet"][1])
    assert not todo.lines["week"][2].isEnabled() and not todo.lines["rtl"][2].isEnabled()
    with qtbot.waitSignal(home.todoRequested) as step:
        todo.lines["attendance"][2].click()
    assert step.args == ["attendance", program["ojl"]]
    with qtbot.waitSignal(home.todoRequested) as step:
        todo.lines["pairs"][2].click()
    assert step.args == ["pairs", program["id"]]
    with qtbot.waitSignal(home.todoRequested) as step:
        todo.lines["quiet"][2].click()
    assert step.args == ["quiet", program["id"]]


def test_the_charts_get_the_reports_specs(qtbot, home, program, db):
    load(qtbot, home)
    choose(qtbot, home, program["id"])
    expected = pd.program_overview(db, program["id"], IN_WINDOW).charts()
    specs = home.dashboard.chart_specs()
    assert specs == expected
    assert specs["participants"].categories == ("Gorontalo",)
    assert specs["reach"].rows[0].label == "Dra. Ratna Inti, M.Pd."
    for cell in home.dashboard.cells.values():
        assert cell.currentWidget() is cell.chart  # no longer "Memuat grafik..."


def test_the_quiet_pairs_listed_and_counted_at_the_end_of_the_four_months(qtbot, home, program):
    load(qtbot, home)
    choose(qtbot, home, program["id"])
    table = home.dashboard.quiet.table
    assert table.rowCount() == 1
    assert table.item(0, 0).text() == "Dra. Ratna Inti, M.Pd. → Budi Mitra, S.Pd."
    assert (table.item(0, 1).text(), table.item(0, 2).text()) == ("belum pernah", "54")
    with qtbot.waitSignal(home.followUpRequested) as follow:
        home.dashboard.quiet.all_button.click()
    assert follow.args == [program["id"]]
    load(qtbot, home, D(2020, 6, 1))  # the four months are over
    quiet = plain(home.dashboard.todo.lines["quiet"][1])
    assert "pada akhir masa pendampingan (18 Februari 2020)" in quiet
    assert plain(home.dashboard.todo.lines["quiet"][0]) == "2"  # A: 79 days by 18 Februari
    assert [table.item(r, 2).text() for r in range(table.rowCount())] == ["123", "79"]


def test_placeholders_before_the_answer(qtbot, home, program):
    home.dashboard.show_loading()
    assert all(plain(count) == "…" for count, _t, _b in home.dashboard.todo.lines.values())
    assert all(cell.currentWidget() is cell.waiting for cell in home.dashboard.cells.values())


def test_the_main_window_goes_where_a_to_do_line_says(qtbot, demo_db):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.home.loading(), timeout=10000)
    window.home.todoRequested.emit("attendance", 2)
    assert window.sidebar.currentRow() == ATTENDANCE
    assert window.attendance_page.activity.id == 2
    window.home.todoRequested.emit("certificates", 2)
    assert window.sidebar.currentRow() == CERTIFICATES
    assert window.certificates_page.activity_id == 2
    window.home.todoRequested.emit("pairs", 1)
    assert window.sidebar.currentRow() == PROGRAMS
    assert window.programs_page.program.id == 1
    window.home.todoRequested.emit("rtl", 2)  # the late RTL of the 2019 program
    page = window.follow_up_page
    assert window.sidebar.currentRow() == FOLLOW_UP
    assert page.tabs.currentWidget() is page.plans and page.plans.late_only.isChecked()
    assert page.programs.currentData() == 2
    window.home.followUpRequested.emit(2)  # "Lihat semua" under the quiet pairs
    assert page.tabs.currentWidget() is page.tracker and page.tracker.quiet_only.isChecked()
