"""Beranda's program dashboard (program_dashboard.program_overview) against a situation made
by hand: two participants without a mentor, a workshop this week, an OJL whose last
daftar hadir was not entered and whose certificates were not issued, one pair gone quiet,
one RTL overdue; the quiet pairs counted at the end of the four months once they have
passed; the charts are the laporan program's own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from kemitraan_desktop import activities, attendance, follow_up, pairing, people, programs
from kemitraan_desktop import program_dashboard as pd
from kemitraan_desktop.errors import NotFoundError
from kemitraan_desktop.views import program_report as report

D = dt.date
TODAY = D(2019, 12, 11)  # a Wednesday: the week runs 9 to 15 Desember
_NUPTK = iter(range(5 * 10**15, 6 * 10**15))


def join(db, program_id, name, tier, region="Kabupaten Gorontalo"):
    person = people.save_person(db, {"full_name": name, "subject": "Matematika", "region": region,
                                     "jenjang": "SMP", "nuptk": str(next(_NUPTK))})
    return programs.add_participants(db, program_id, [person], tier).added[0]


def log(db, program_id, mentor, mentee, day):
    db.execute("INSERT INTO mentoring_log (program_id, mentor_id, mentee_id, day, mode, topic) "
               "VALUES (?, ?, ?, ?, 'daring', 'Diskusi RPP')", [program_id, mentor, mentee, day])


def whole_days(db, activity_id, people_ids, days):
    attendance.set_marks(db, activity_id, [attendance.Mark(p, day, "", "hadir")
                                           for p in people_ids for day in days])


def taking_part(db, activity_id) -> list[int]:
    return [r[0] for r in db.execute("SELECT participant_id FROM activity_participants WHERE "
                                     "activity_id = ?", [activity_id])]


@dataclass
class Situation:
    program: int
    inti: int
    a: int
    b: int
    a01: int
    a02: int
    ojl1: int
    ojl2: int
    workshop: int


@pytest.fixture
def made(db) -> Situation:
    """1 inti -> mitra A, B; A -> A01, A02; mitra C and imbas X without a mentor.
    OJL 1 (2-4 September, all hadir, certificates issued); OJL 2 (13-18 Oktober: the last
    day not entered, no certificate); a workshop 10-12 Desember (nothing entered yet)."""
    pid = programs.create_program(db, "Kemitraan Guru SMP Kabupaten Gorontalo", 2019, "SMP",
                                  ratios="3,10")
    inti = join(db, pid, "Dra. Inti Utama, M.Pd.", 1)
    a, b = join(db, pid, "Mitra Anwar, S.Pd.", 2), join(db, pid, "Mitra Bahri, S.Pd.", 2)
    join(db, pid, "Mitra Cahya, S.Pd.", 2, region="Kota Semarang")
    pairing.set_mentor(db, pid, [a, b], inti)
    a01, a02 = join(db, pid, "Imbas Satu, S.Pd.", 3), join(db, pid, "Imbas Dua, S.Pd.", 3)
    join(db, pid, "Imbas Lepas, S.Pd.", 3)
    pairing.set_mentor(db, pid, [a01, a02], a)
    ojl1 = activities.create_activity(db, pid, "ojl1", "OJL 1 Gorontalo", "2019-09-02",
                                      "2019-09-04", city="Kabupaten Gorontalo")
    whole_days(db, ojl1, taking_part(db, ojl1), ["2019-09-02", "2019-09-03", "2019-09-04"])
    db.execute("INSERT INTO certificates (number, running, program_id, activity_id, "
               "participant_id, issued_on, jp, data) VALUES ('001/SERT/2019', 1, ?, ?, ?, "
               "'2019-09-10', 24, '{}')", [pid, ojl1, a])
    ojl2 = activities.create_activity(db, pid, "ojl2", "OJL 2 Gorontalo", "2019-10-13",
                                      "2019-10-18", city="Kabupaten Gorontalo")
    whole_days(db, ojl2, taking_part(db, ojl2), [f"2019-10-{d}" for d in range(13, 18)])
    workshop = activities.create_activity(db, pid, "workshop", "Workshop Pengimbasan",
                                          "2019-12-10", "2019-12-12", city="Kabupaten Gorontalo")
    # The follow-up window runs 18 Oktober 2019 - 18 Februari 2020.
    log(db, pid, inti, a, "2019-12-01")
    log(db, pid, inti, b, "2019-10-25")  # 47 days by 11 Desember: quiet
    log(db, pid, a, a01, "2019-12-05")
    log(db, pid, a, a02, "2019-11-20")  # 21 days: not yet
    for who, due, status in ((a, "2019-12-01", "belum"), (b, "2019-12-01", "selesai"),
                             (a01, "2020-01-10", "berjalan"), (a02, "2019-11-30", "berjalan")):
        db.execute("INSERT INTO action_plans (program_id, participant_id, action, due, status) "
                   "VALUES (?, ?, 'Menyusun RPP bersama MGMP', ?, ?)", [pid, who, due, status])
    return Situation(pid, inti, a, b, a01, a02, ojl1, ojl2, workshop)


def test_what_to_do_next_counted_by_hand(db, made):
    o = pd.program_overview(db, made.program, TODAY)
    assert {t.key: t.count for t in o.todo()} == {
        "pairs": 2, "week": 1, "attendance": 2, "certificates": 1, "quiet": 1, "rtl": 2}
    assert o.unpaired == ((2, 1), (3, 1))
    assert o.week == (D(2019, 12, 9), D(2019, 12, 15))
    [week] = o.this_week
    assert (week.activity_id, week.days) == (made.workshop, (D(2019, 12, 10), D(2019, 12, 11),
                                                             D(2019, 12, 12)))
    assert (week.day_number(TODAY), week.length) == (2, 3)
    # OJL 2's 18 Oktober, and the workshop's first day (yesterday); today's is not late yet
    assert [(a.activity_id, a.sessions) for a in o.attendance_missing] == [
        (made.ojl2, 1), (made.workshop, 1)]
    [waiting] = o.certificates_missing
    assert (waiting.activity_id, waiting.participants) == (made.ojl2, len(taking_part(db, made.ojl2)))
    [quiet] = o.quiet
    assert (quiet.mentor.participant_id, quiet.mentee.participant_id) == (made.inti, made.b)
    assert (quiet.last_contact, quiet.days_since) == (D(2019, 10, 25), 47)
    assert o.quiet_as_of == TODAY and not o.window_ended
    targets = {t.key: t.target for t in o.todo()}
    assert targets == {"pairs": made.program, "week": made.workshop, "attendance": made.ojl2,
                       "certificates": made.ojl2, "quiet": made.program, "rtl": made.program}


def test_nothing_to_do_once_done(db, made):
    [x] = [r["id"] for r in programs.list_participants(db, made.program)
           if r["tier"] == 3 and r["mentor_id"] is None]
    pairing.set_mentor(db, made.program, [x], made.a)
    whole_days(db, made.ojl2, taking_part(db, made.ojl2), ["2019-10-18"])
    log(db, made.program, made.inti, made.b, "2019-12-10")
    log(db, made.program, made.a, x, "2019-12-09")
    o = pd.program_overview(db, made.program, TODAY)
    counts = {t.key: t.count for t in o.todo()}
    assert (counts["attendance"], counts["quiet"]) == (1, 0)  # only the workshop's yesterday
    assert o.unpaired == ((2, 1),)  # mitra C still has no inti


def test_past_the_four_months_quiet_is_counted_at_their_end(db, made):
    later = D(2020, 3, 10)
    db.execute("INSERT INTO action_plans (program_id, participant_id, action, due, status) "
               "VALUES (?, ?, 'Pengimbasan kedua', '2020-03-01', 'berjalan')", [made.program, made.a])
    o = pd.program_overview(db, made.program, later)
    assert o.window == follow_up.Window(D(2019, 10, 18), D(2020, 2, 18))
    assert o.window_ended and o.quiet_as_of == D(2020, 2, 18)
    expected = follow_up.quiet_pairs(db, made.program, D(2020, 2, 18))
    assert [(p.mentor.participant_id, p.mentee.participant_id, p.days_since) for p in o.quiet] \
        == [(p.mentor.participant_id, p.mentee.participant_id, p.days_since) for p in expected]
    # by 18 Februari every pair had been quiet for over 30 days: B since 25 Oktober first
    assert [(p.mentee.participant_id, p.days_since) for p in o.quiet] == [
        (made.b, 116), (made.a02, 90), (made.a, 79), (made.a01, 75)]
    assert len(o.quiet_shown) == 4
    # RTL overdue as of that end too: three not finished by 18 Februari (the plan due on
    # 1 Maret, after the four months, is not counted against them)
    assert {t.key: t.count for t in o.todo()}["rtl"] == 3


def test_before_any_ojl_nothing_is_quiet(db):
    pid = programs.create_program(db, "Kemitraan Guru SMP Baru", 2020, "SMP", ratios="3,10")
    inti, mitra = join(db, pid, "Inti Baru", 1), join(db, pid, "Mitra Baru", 2)
    pairing.set_mentor(db, pid, [mitra], inti)
    o = pd.program_overview(db, pid, D(2020, 3, 1))
    assert (o.window, o.quiet_as_of, o.quiet) == (None, None, ())
    assert {t.key: t.count for t in o.todo()} == {
        "pairs": 0, "week": 0, "attendance": 0, "certificates": 0, "quiet": 0, "rtl": 0}


@pytest.mark.parametrize("today", [TODAY, D(2020, 3, 10)])
def test_the_charts_are_the_reports_own(db, made, today):
    """Counted the light way, the specs equal the laporan program's for the same day (past
    the four months, the report as of their end, as Beranda says)."""
    o = pd.program_overview(db, made.program, today)
    view = report.program_report_view(db, made.program, as_of=o.quiet_as_of or today)
    assert o.charts() == {"participants": report.participants_chart(view),
                          "reach": report.reach_chart(view, most=pd.REACH_ROWS),
                          "attendance": report.attendance_per_activity_chart(view),
                          "contacts": report.contacts_chart(view)}
    participants = o.charts()["participants"]
    assert participants.categories == ("Gorontalo", "Jawa Tengah")
    assert [s.values for s in participants.series] == [(1, 0), (2, 1), (3, 0)]
    assert o.charts()["attendance"].categories == ("OJL 1 Gorontalo", "OJL 2 Gorontalo")
    assert o.charts()["attendance"].series[0].values == (100.0, pytest.approx(500 / 6))


def test_the_program_chosen_last_else_the_newest(db, made):
    newer = programs.create_program(db, "Kemitraan Guru SMA", 2020, "SMA")
    choices = pd.program_choices(db)
    assert [c.id for c in choices] == [newer, made.program]
    assert choices[1].title == "Kemitraan Guru SMP Kabupaten Gorontalo (2019)"
    assert choices[1].participants == 7
    assert pd.pick_program(choices, None) == newer
    assert pd.pick_program(choices, made.program) == made.program
    assert pd.pick_program(choices, 999) == newer  # deleted since: the newest
    assert pd.pick_program([], 3) is None
    with pytest.raises(NotFoundError):
        pd.program_overview(db, 999, TODAY)


def _row(title, kind, day, people, sessions, percent):
    return report.ActivityRow(title, kind, day, day, people, sessions, True, percent,
                              2.0 * sessions, 2.0 * sessions * percent / 100, 0)


def test_a_province_of_pengimbasan_is_one_bar_on_beranda():
    """One pengimbasan per mitra (465 in a province) would be 465 bars in a chart a third
    of a screen high: summed up, weighted by their slots."""
    ojl = _row("OJL 1 Provinsi", "OJL 1", D(2019, 9, 9), 620, 8, 95.0)
    led = [_row(f"Pengimbasan {n}", "Pengimbasan", D(2019, 11, 1) + dt.timedelta(days=n),
                11 if n % 2 else 9, 1, 100.0 if n % 2 else 50.0) for n in range(10)]
    rows = pd.chart_rows([ojl, *led])
    assert [r.title for r in rows] == ["OJL 1 Provinsi", "Pengimbasan (10 kegiatan)"]
    merged = rows[1]
    assert (merged.participants, merged.sessions) == (100, 10)
    assert merged.percent == pytest.approx((5 * 11 * 100 + 5 * 9 * 50) / 100)
    assert (merged.start, merged.end) == (D(2019, 11, 1), D(2019, 11, 10))
    assert pd.chart_rows([ojl, *led[:7]]) == (ojl, *led[:7])  # eight fit: the report's rows
    many = [_row(f"Workshop {n}", "Workshop orientasi", D(2019, 1, 1) + dt.timedelta(days=n),
                 20, 2, 80.0) for n in range(12)]
    assert [r.title for r in pd.chart_rows(many)] == [f"Workshop {n}" for n in range(4, 12)]


def test_only_training_activities_wait_for_certificates(db, made):
    aid = activities.create_activity(db, made.program, "rakor", "Rapat koordinasi", "2019-11-01",
                              "2019-11-01", venue="Aula", city="Kabupaten Gorontalo")
    assert activities.activity_participants(db, aid)  # it has people, and no certificates
    waiting = {a.activity_id for a in pd.program_overview(db, made.program, TODAY).certificates_missing}
    assert aid not in waiting and made.ojl2 in waiting
