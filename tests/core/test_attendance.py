"""Attendance: sessions from the rundown, marks, the rule's edges, the recap, the CLI."""

import datetime as dt
import json

import pytest

from kemitraan_desktop import activities as act
from kemitraan_desktop import attendance as att
from kemitraan_desktop import cli, demo
from kemitraan_desktop.errors import ValidationError

D = dt.date


@pytest.fixture
def demo_db(db):
    demo.load_demo(db)
    return db


OJL = 1  # the demo's OJL 1 week


def test_sessions_follow_the_attendance_items_and_share_the_jp(demo_db):
    sessions = att.sessions(demo_db, OJL)
    assert len(sessions) == 10
    assert sessions[2].label == ("Senin, 10 September 2018, 08.00 Pembukaan dan sambutan selamat "
                                 "datang Kepala Dinas Pendidikan")
    assert sessions[-1].slot == "" and sessions[-1].day == D(2018, 9, 16)  # a day without one
    assert sum(s.jp for s in sessions) == act.total_jp(act.list_items(demo_db, OJL)) == 33


def test_demo_marks_and_recap(demo_db):
    sessions, rows = att.recap(demo_db, OJL)
    by_name = {r.participant["name"]: r for r in rows}
    assert len(rows) == 24 and sum(r.eligible for r in rows) == 23
    absent = next(r for r in rows if not r.eligible)
    assert (absent.attended, absent.sessions, round(absent.percent)) == (7, 10, 70)
    assert absent.reasons == ["kehadiran 70% di bawah 80%"]
    sick = next(r for r in rows if "sakit" in r.statuses)
    assert sick.eligible and sick.attended == 9 and sick.jp == 33 - sessions[3].jp
    assert by_name  # every participant has a row


def test_the_rule_edges(demo_db):
    sessions = att.sessions(demo_db, OJL)
    person = act.activity_participants(demo_db, OJL)[0]
    # exactly 80%: two sessions missed out of ten
    att.set_marks(demo_db, OJL, [att.Mark(person["id"], *sessions[i].key, "alpa") for i in (0, 1)])
    row = next(r for r in att.recap(demo_db, OJL)[1] if r.participant["id"] == person["id"])
    assert row.percent == 80 and row.eligible
    att.set_marks(demo_db, OJL, [att.Mark(person["id"], *sessions[5].key, "izin")])
    row = next(r for r in att.recap(demo_db, OJL)[1] if r.participant["id"] == person["id"])
    assert row.percent == 70 and not row.eligible  # izin is an absence too
    att.save_rule(demo_db, OJL, att.Rule(70, [sessions[0].key]))
    row = next(r for r in att.recap(demo_db, OJL)[1] if r.participant["id"] == person["id"])
    assert not row.eligible and row.reasons[0].startswith("tidak hadir di sesi wajib: Minggu, 9 September")
    with pytest.raises(ValidationError):
        att.save_rule(demo_db, OJL, att.Rule(120))
    with pytest.raises(ValidationError, match="tidak ada di kegiatan ini"):
        att.save_rule(demo_db, OJL, att.Rule(80, [("2018-09-20", "")]))


def test_set_marks_returns_what_undo_needs(demo_db):
    sessions = att.sessions(demo_db, OJL)
    person = act.activity_participants(demo_db, OJL)[1]
    key = sessions[2].key
    before = att.set_marks(demo_db, OJL, [att.Mark(person["id"], *key, "sakit", "demam")])
    assert att.marks(demo_db, OJL)[(person["id"], *key)] == ("sakit", "demam")
    att.set_marks(demo_db, OJL, before)
    assert att.marks(demo_db, OJL)[(person["id"], *key)] == ("hadir", "")
    with pytest.raises(ValidationError, match="Status 'datang' tidak dikenal"):
        att.set_marks(demo_db, OJL, [att.Mark(person["id"], *key, "datang")])
    with pytest.raises(ValidationError, match="tidak ada di kegiatan ini"):
        att.set_marks(demo_db, OJL, [att.Mark(person["id"], "2018-09-20", "", "hadir")])


def test_marks_survive_the_rundown_saved_again(demo_db):
    before = att.marks(demo_db, OJL)
    act.save_items(demo_db, OJL, act.list_items(demo_db, OJL))  # new item ids, same sessions
    _sessions, rows = att.recap(demo_db, OJL)
    assert att.marks(demo_db, OJL) == before and sum(r.eligible for r in rows) == 23


def test_cli_mark_and_recap(demo_db, db_path, tmp_path, capsys):
    person = act.activity_participants(demo_db, OJL)[0]
    assert cli.main(["--db", str(db_path), "attendance", "mark", "--activity", str(OJL), "--day",
                     "2018-09-15", "--person", person["nuptk"], "--status", "alpa"]) == 0
    assert "alpa pada 2 sesi 2018-09-15" in capsys.readouterr().out
    assert cli.main(["--db", str(db_path), "attendance", "recap", "--activity", str(OJL),
                     "--json"]) == 0
    rows = {r["nuptk"]: r for r in json.loads(capsys.readouterr().out)}
    mine = rows[person["nuptk"]]
    assert {"name", "nuptk", "attended", "sessions", "percent", "jp", "eligible"} <= set(mine)
    assert (mine["attended"], mine["sessions"], mine["percent"]) == (8, 10, 80.0)
    assert cli.main(["--db", str(db_path), "attendance", "mark", "--activity", str(OJL), "--day",
                     "2018-09-15", "--person", "9999999999999999", "--status", "alpa"]) == 1
    assert "Tidak ada peserta kegiatan ini" in capsys.readouterr().err


def test_marks_move_with_the_activity(demo_db):
    before = att.recap(demo_db, OJL)[1]
    act.shift_activity(demo_db, OJL, D(2018, 9, 10))  # one day later
    after = att.recap(demo_db, OJL)[1]
    assert [r.attended for r in after] == [r.attended for r in before]
    assert sum(r.eligible for r in after) == 23 and att.orphaned_marks(demo_db, OJL) == 0


def test_a_changed_session_time_is_reported_not_silent(demo_db):
    sessions = att.sessions(demo_db, OJL)
    required = sessions[3]
    att.save_rule(demo_db, OJL, att.Rule(80, [required.key]))
    items = act.list_items(demo_db, OJL)
    moved = [i.copy(start=dt.time(13, 30)) if (i.day, i.start) == (required.day, dt.time(13)) else i
             for i in items]
    act.save_items(demo_db, OJL, moved)
    assert att.orphaned_marks(demo_db, OJL) == 24
    rows = att.recap(demo_db, OJL)[1]
    assert not any(r.eligible for r in rows)  # the rule cannot be met: it says so
    assert "tidak ada lagi di rundown" in rows[0].reasons[-1]


def test_untimed_attendance_items_are_separate_sessions(demo_db):
    items = act.list_items(demo_db, OJL)
    extra = [act.Item(D(2018, 9, 16), None, None, "Sesi A", jp=2, attendance=True),
             act.Item(D(2018, 9, 16), None, None, "Sesi B", jp=3, attendance=True)]
    act.save_items(demo_db, OJL, [*items, *extra])
    last_day = [s for s in att.sessions(demo_db, OJL) if s.day == D(2018, 9, 16)]
    assert len({s.key for s in last_day}) == len(last_day) >= 2


def test_counts_leave_out_people_no_longer_taking_part(demo_db):
    people = act.activity_participants(demo_db, OJL)
    act.set_activity_participants(demo_db, OJL, [p["id"] for p in people[1:]])
    first = att.sessions(demo_db, OJL)[0]
    assert att.session_counts(demo_db, OJL)[first.key]["hadir"] == 23


def test_an_activity_without_marks_says_so_instead_of_zero_percent(db):
    from kemitraan_desktop import attendance, demo

    demo.load_demo(db)
    _sessions, rows = attendance.recap(db, 2)  # the Gorontalo OJL 2: no marks typed yet
    assert rows and all(r.reasons == ["presensinya belum diisi di halaman Kehadiran"] for r in rows)
