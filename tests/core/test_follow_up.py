"""Pengimbasan as an activity led by a mitra, the reach counted from what happened (1:3:10
= 33 per inti), the pairs gone quiet in the four months after the OJL, and `kemitraan
program status`, on a program built by hand and counted by hand."""

import datetime as dt
import json
from dataclasses import dataclass

import pytest

from kemitraan_desktop import activities, attendance, cli, follow_up, pairing, people, programs
from kemitraan_desktop.errors import ValidationError

D = dt.date
_NUPTK = iter(range(2 * 10**15, 3 * 10**15))


def person(db, name):
    return people.save_person(db, {"full_name": name, "subject": "Matematika",
                                   "region": "Kabupaten Gorontalo", "jenjang": "SMP",
                                   "nuptk": str(next(_NUPTK))})


def join(db, program_id, name, tier):
    return programs.add_participants(db, program_id, [person(db, name)], tier).added[0]


@dataclass
class Tree:
    program: int
    inti: int
    mitra: list  # three
    imbas: list  # per mitra, ten


def build(db, *, ojl=True) -> Tree:
    """1 inti -> 3 mitra -> 10 imbas each, and (ojl) an OJL 2 ending 18 Oktober 2019."""
    pid = programs.create_program(db, f"Kemitraan Guru SMP Gorontalo {next(_NUPTK)}", 2019,
                                  "SMP", ratios="3,10")
    inti = join(db, pid, "Dra. Inti Utama, M.Pd.", 1)
    mitra = [join(db, pid, f"Mitra {c}", 2) for c in "ABC"]
    pairing.set_mentor(db, pid, mitra, inti)
    imbas = []
    for c, m in zip("ABC", mitra, strict=True):
        mine = [join(db, pid, f"Imbas {c}{i:02d}", 3) for i in range(1, 11)]
        pairing.set_mentor(db, pid, mine, m)
        imbas.append(mine)
    if ojl:
        activities.create_activity(db, pid, "ojl2", "OJL 2 Kabupaten Gorontalo", "2019-10-13",
                                   "2019-10-18", venue="SMP Negeri 1 Limboto",
                                   city="Kabupaten Gorontalo")
    return Tree(pid, inti, mitra, imbas)


def log(db, tree, mentor, mentee, day):
    db.execute("INSERT INTO mentoring_log (program_id, mentor_id, mentee_id, day, mode, topic) "
               "VALUES (?, ?, ?, ?, 'daring', 'Diskusi RPP')", [tree.program, mentor, mentee, day])


def pengimbasan(db, tree, leader, day, *, hadir=(), others=(), jp=2):
    """A one-day pengimbasan led by `leader`, with one attendance-taking session of `jp` JP;
    `hadir` marked present, `others` {participant: status}."""
    aid = activities.create_activity(db, tree.program, "pengimbasan", "Pengimbasan praktik baik",
                                     day, day, venue="SMP Negeri 2 Limboto",
                                     city="Kabupaten Gorontalo", leader_id=leader)
    activities.save_items(db, aid, [activities.Item(D.fromisoformat(day), dt.time(8), dt.time(9, 30),
                                                    "Praktik baik pembelajaran", jp=jp,
                                                    attendance=True)])
    slot = attendance.sessions(db, aid)[0].slot
    marks = [attendance.Mark(p, day, slot, "hadir") for p in hadir]
    marks += [attendance.Mark(p, day, slot, s) for p, s in dict(others).items()]
    attendance.set_marks(db, aid, marks)
    return aid


@pytest.fixture
def tree(db):
    return build(db)


def story(db, tree):
    """What happened, counted by hand below: the inti logs one contact with mitra A; mitra A
    holds a pengimbasan (A01-A06 hadir, A07 izin, A08 alpa); mitra B holds one where B01-B04
    and A09 (who joined B's session) come; mitra C's is in January 2020, after 20 Desember."""
    a, b, c = tree.mitra
    log(db, tree, tree.inti, a, "2019-10-25")
    first = pengimbasan(db, tree, a, "2019-11-09", hadir=[a, *tree.imbas[0][:6]],
                        others={tree.imbas[0][6]: "izin", tree.imbas[0][7]: "alpa"})
    second_day = "2019-11-16"
    second = activities.create_activity(db, tree.program, "pengimbasan", "Pengimbasan MGMP",
                                        second_day, second_day, city="Kabupaten Gorontalo",
                                        leader_id=b)
    invited = activities.default_participants(db, activities.get_activity(db, second))
    activities.set_activity_participants(db, second, [*invited, tree.imbas[0][8]])
    attendance.set_marks(db, second, [attendance.Mark(p, second_day, "", "hadir")
                                      for p in [b, *tree.imbas[1][:4], tree.imbas[0][8]]])
    later = pengimbasan(db, tree, c, "2020-01-20", hadir=[c, tree.imbas[2][0]])
    return first, second, later


# ---------------------------------------------------------------- pengimbasan, the activity

def test_pengimbasan_takes_its_leader_and_the_leaders_mentees(db, tree):
    a = tree.mitra[0]
    aid = pengimbasan(db, tree, a, "2019-11-09", hadir=[a, *tree.imbas[0][:6]],
                      others={tree.imbas[0][6]: "izin"})
    activity = activities.get_activity(db, aid)
    assert activity.kind_label == "Pengimbasan" and activity.leader_id == a
    taking = {r[0] for r in db.execute("SELECT participant_id FROM activity_participants WHERE "
                                       "activity_id = ?", [aid])}
    assert taking == {a, *tree.imbas[0]}
    sessions, rows = attendance.recap(db, aid)
    assert [s.jp for s in sessions] == [2]
    by_id = {r.participant["id"]: r for r in rows}
    assert by_id[tree.imbas[0][0]].jp == 2 and by_id[tree.imbas[0][0]].eligible
    assert by_id[tree.imbas[0][6]].jp == 0 and not by_id[tree.imbas[0][6]].eligible
    assert len(rows) == 11
    # saved again without its leader (an editor that knows nothing of leaders): kept
    edited = activities.Activity(aid, tree.program, "pengimbasan", "Pengimbasan (diubah)",
                                 activity.start, activity.end)
    assert activities.validate_activity(edited) == {}
    activities.save_activity(db, edited)
    assert activities.get_activity(db, aid).leader_id == a
    assert activities.get_activity(db, aid).title == "Pengimbasan (diubah)"


def count(db, table):
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_pengimbasan_without_a_fitting_leader_is_refused_and_nothing_written(db, tree):
    before = count(db, "activities")
    with pytest.raises(ValidationError, match="Pengimbasan wajib dipimpin"):
        activities.create_activity(db, tree.program, "pengimbasan", "P", "2019-11-09",
                                   "2019-11-09")
    with pytest.raises(ValidationError, match="belum mempunyai peserta bimbingan"):
        activities.create_activity(db, tree.program, "pengimbasan", "P", "2019-11-09",
                                   "2019-11-09", leader_id=tree.imbas[0][0])
    other = build(db, ojl=False)
    with pytest.raises(ValidationError, match="harus peserta program kegiatan itu"):
        activities.create_activity(db, tree.program, "pengimbasan", "P", "2019-11-09",
                                   "2019-11-09", leader_id=other.mitra[0])
    with pytest.raises(ValidationError, match="Hanya kegiatan pengimbasan"):
        activities.create_activity(db, tree.program, "workshop", "W", "2019-11-09",
                                   "2019-11-09", leader_id=tree.mitra[0])
    assert count(db, "activities") == before
    ojl = db.execute("SELECT id FROM activities WHERE program_id = ?", [tree.program]).fetchone()[0]
    turned = activities.get_activity(db, ojl)
    turned.kind = "pengimbasan"  # an OJL turned into a pengimbasan needs its leader too
    with pytest.raises(ValidationError, match="Pengimbasan wajib dipimpin"):
        activities.save_activity(db, turned)
    assert activities.get_activity(db, ojl).kind == "ojl2"


# ---------------------------------------------------------------- reach

def test_reach_planned_33_and_reached_as_counted_by_hand(db, tree):
    story(db, tree)
    status = follow_up.program_status(db, tree.program, as_of=D(2019, 12, 20))
    by_id = {r.person.participant_id: r for r in status.mentors}
    inti = by_id[tree.inti]
    a, b, c = (by_id[m] for m in tree.mitra)
    assert (inti.planned, inti.target) == (33, 33)
    # mitra A (contact from the inti, led) and B (led); imbas A01-A06, A09 (in B's session), B01-B04
    assert set(inti.reached_ids) == {tree.mitra[0], tree.mitra[1], *tree.imbas[0][:6],
                                     tree.imbas[0][8], *tree.imbas[1][:4]}
    assert inti.reached == 13 and inti.percentage == pytest.approx(39.4)
    assert (a.planned, a.reached, a.target) == (10, 7, 10)
    assert (b.planned, b.reached, c.planned, c.reached) == (10, 4, 10, 0)
    assert (status.planned, status.reached, status.target) == (33, 13, 33)
    # in February mitra C's January session has happened: C and C01
    later = follow_up.program_status(db, tree.program, as_of=D(2020, 2, 1))
    assert later.reached == 15
    assert {r.person.participant_id: r.reached for r in later.mentors}[tree.mitra[2]] == 1


def test_a_mitra_contacted_only_by_someone_else_is_not_reached(db, tree):
    log(db, tree, tree.mitra[1], tree.mitra[0], "2019-11-01")  # not A's own mentor
    status = follow_up.program_status(db, tree.program, as_of=D(2019, 12, 1))
    assert status.reached == 0


# ---------------------------------------------------------------- gone quiet

def quiet_ids(db, tree, day, **kw):
    return {(p.mentor.participant_id, p.mentee.participant_id)
            for p in follow_up.quiet_pairs(db, tree.program, day, **kw)}


def test_a_pair_goes_quiet_after_30_days_and_wakes_the_day_after_a_contact(db, tree):
    story(db, tree)
    inti_a = (tree.inti, tree.mitra[0])
    a_01 = (tree.mitra[0], tree.imbas[0][0])
    assert inti_a in quiet_ids(db, tree, D(2019, 12, 20))  # last contact 25 Oktober
    assert a_01 not in quiet_ids(db, tree, D(2019, 12, 9))  # 9 November + 30 days: not yet
    assert a_01 in quiet_ids(db, tree, D(2019, 12, 10))
    log(db, tree, tree.inti, tree.mitra[0], "2019-12-21")
    assert inti_a in quiet_ids(db, tree, D(2019, 12, 20))  # as of then it had not happened
    assert inti_a not in quiet_ids(db, tree, D(2019, 12, 22))
    pair = {(p.mentor.participant_id, p.mentee.participant_id): p
            for p in follow_up.program_status(db, tree.program, as_of=D(2019, 12, 22)).pairs}
    assert pair[inti_a].last_contact == D(2019, 12, 21) and pair[inti_a].days_since == 1
    assert pair[inti_a].months == {"2019-10": 1, "2019-12": 1}
    assert pair[a_01].months == {"2019-11": 1} and pair[a_01].last_contact == D(2019, 11, 9)
    # A09 came to mitra B's session: reached, but their own pair with A had no contact
    a_09 = pair[(tree.mitra[0], tree.imbas[0][8])]
    assert a_09.last_contact is None and a_09.quiet and a_09.days_since == 65  # since 18 Okt


def test_nobody_is_quiet_before_the_ojl_after_the_window_or_without_an_ojl(db, tree):
    story(db, tree)
    assert quiet_ids(db, tree, D(2019, 11, 18))  # 31 days after the OJL: the silent ones
    assert not quiet_ids(db, tree, D(2019, 10, 1))  # before the OJL ends
    assert not quiet_ids(db, tree, D(2019, 11, 17))  # 30 days: not more than 30 yet
    assert not quiet_ids(db, tree, D(2020, 2, 19))  # the four months are over (18 Februari)
    assert len(quiet_ids(db, tree, D(2020, 2, 18))) > 0
    bare = build(db, ojl=False)
    assert follow_up.quiet_pairs(db, bare.program, D(2019, 12, 1)) == []
    assert follow_up.program_status(db, bare.program, as_of=D(2019, 12, 1)).window is None


def test_contacts_by_month_for_the_chart(db, tree):
    story(db, tree)
    # October: the inti's entry; November: A01-A06 with A, B01-B04 with B (A09 was not with
    # their own mitra); January: C01 with C; December and February empty
    assert follow_up.contacts_by_month(db, tree.program) == {
        "2019-10": 1, "2019-11": 10, "2019-12": 0, "2020-01": 1, "2020-02": 0}


# ---------------------------------------------------------------- RTL and monev

def test_rtl_counts_overdue_and_latest_monev(db, tree):
    a = tree.mitra[0]
    for status, due in (("belum", "2019-11-30"), ("berjalan", "2020-01-31"),
                        ("selesai", "2019-11-01"), ("berjalan", "2019-12-01")):
        db.execute("INSERT INTO action_plans (program_id, participant_id, action, due, status) "
                   "VALUES (?, ?, 'Menyusun RPP', ?, ?)", [tree.program, a, due, status])
    form = db.execute("INSERT INTO monev_forms (code, version, name, scale, items) VALUES "
                      "('telaah-rpp', 1, 'Telaah RPP', ?, ?)",
                      [json.dumps([{"value": 1, "label": "Tidak ada"},
                                   {"value": 2, "label": "Kurang lengkap"},
                                   {"value": 3, "label": "Lengkap"}]),
                       json.dumps([{"id": "1", "text": "Identitas"}, {"id": "2", "text": "KD"},
                                   {"id": "3", "text": "Indikator", "max": 4}])]).lastrowid
    for day, scores in (("2019-11-01", (1, 2, 2)), ("2019-12-01", (3, 3, 4))):
        entry = db.execute("INSERT INTO monev_entries (form_id, program_id, participant_id, day) "
                           "VALUES (?, ?, ?, ?)", [form, tree.program, a, day]).lastrowid
        for item, score in zip("123", scores, strict=True):
            db.execute("INSERT INTO monev_scores (entry_id, item_id, score) VALUES (?, ?, ?)",
                       [entry, item, score])
    status = follow_up.program_status(db, tree.program, as_of=D(2019, 12, 20))
    assert dict(status.rtl) == {"belum": 1, "berjalan": 2, "selesai": 1, "total": 4, "overdue": 2}
    assert status.rtl_by_participant[a]["overdue"] == 2
    latest = status.monev[a]
    assert (latest.day, latest.total, latest.maximum, latest.percentage) == (
        D(2019, 12, 1), 10, 10, 100.0)
    first = follow_up.program_status(db, tree.program, as_of=D(2019, 11, 15)).monev[a]
    assert first.percentage == 50.0


# ---------------------------------------------------------------- the command line

def run(args, capsys):
    code = cli.main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def nuptk(db, participant_id):
    return programs.get_participant(db, participant_id)["nuptk"]


def test_activity_create_pengimbasan_with_mentor(db, db_path, tree, capsys):
    base = ["--db", str(db_path), "activity", "create", "--program", str(tree.program),
            "--title", "Pengimbasan MGMP Matematika", "--start", "2019-11-09", "--end",
            "2019-11-09", "--place", "SMP Negeri 2 Limboto", "--city", "Kabupaten Gorontalo"]
    before = count(db, "activities")
    code, _out, err = run([*base, "--kind", "pengimbasan"], capsys)
    assert code == 2 and "--mentor" in err
    code, _out, err = run([*base, "--kind", "workshop", "--mentor", nuptk(db, tree.mitra[0])],
                          capsys)
    assert code == 2 and "hanya untuk kegiatan pengimbasan" in err
    code, _out, err = run([*base, "--kind", "pengimbasan", "--mentor",
                           nuptk(db, tree.imbas[0][0])], capsys)
    assert code == 1 and "belum mempunyai peserta bimbingan" in err
    code, _out, err = run([*base, "--kind", "pengimbasan", "--mentor", "9" * 16], capsys)
    assert code == 1 and "tidak ada di program" in err
    assert count(db, "activities") == before
    code, out, _err = run([*base, "--kind", "pengimbasan", "--mentor",
                           nuptk(db, tree.mitra[1])], capsys)
    assert code == 0
    aid = int(out.strip())
    assert activities.get_activity(db, aid).leader_id == tree.mitra[1]
    taking = {r[0] for r in db.execute("SELECT participant_id FROM activity_participants WHERE "
                                       "activity_id = ?", [aid])}
    assert taking == {tree.mitra[1], *tree.imbas[1]}
    code, out, _ = run(["--db", str(db_path), "activity", "list", "--program",
                        str(tree.program), "--json"], capsys)
    listed = {a["id"]: a for a in json.loads(out)}
    assert listed[aid]["kind"] == "pengimbasan" and listed[aid]["participants"] == 11
    assert listed[aid]["leader_id"] == tree.mitra[1]


def test_program_status_json_and_text(db, db_path, tree, capsys):
    story(db, tree)
    base = ["--db", str(db_path), "program", "status", "--program", str(tree.program),
            "--as-of", "2019-12-20"]
    code, out, _ = run([*base, "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert (data["planned"], data["reached"], data["target"]) == (33, 13, 33)
    mentors = {m["participant_id"]: m for m in data["mentors"]}
    assert mentors[tree.inti]["planned"] == 33 and mentors[tree.inti]["reached"] == 13
    assert mentors[tree.mitra[0]]["nuptk"] == nuptk(db, tree.mitra[0])
    assert sorted(mentors[tree.mitra[1]]["mentees"]) == sorted(tree.imbas[1][:4])
    quiet = {(q["mentor"]["participant_id"], q["mentee"]["participant_id"]): q
             for q in data["quiet"]}
    pair = quiet[(tree.inti, tree.mitra[0])]
    assert pair["last_contact"] == "2019-10-25" and pair["days_since"] == 56
    assert pair["mentee"]["nuptk"] == nuptk(db, tree.mitra[0])
    assert (tree.mitra[0], tree.imbas[0][0]) in quiet  # 9 November: 41 days
    assert data["rtl"] == {"belum": 0, "berjalan": 0, "selesai": 0, "total": 0, "overdue": 0}
    code, out, _ = run([*base, "--quiet-days", "60"], capsys)
    assert code == 0
    assert "Dra. Inti Utama, M.Pd." in out and "Mitra A" in out
    assert "Total: 33 direncanakan, 13 tercapai, target 33 (39,4% dari target)" in out
    assert "Masa pendampingan: 18 Oktober 2019 s.d. 18 Februari 2020" in out
    # never met by 20 Desember (63 days since the OJL): the inti with B and C, A07-A10,
    # B05-B10, C01-C10
    assert "Pasangan tanpa kontak lebih dari 60 hari: 22" in out
    code, _out, err = run([*base[:-2], "--as-of", "20-12-2019"], capsys)
    assert code == 2 and "YYYY-MM-DD" in err
    code, _out, err = run(["--db", str(db_path), "program", "status", "--program", "999"], capsys)
    assert code == 1 and "tidak ada" in err


# ---------------------------------------------------------------- a province

def test_a_province_sized_program_is_counted_whole(db):
    """5,284 participants (155 inti, 465 mitra, 4,650 imbas, 14 not yet paired) and 60,000
    pendampingan entries over four months: every pair and target counted (the time it takes
    is measured by benchmarks/follow_up.py, not asserted here)."""
    pid = programs.create_program(db, "Kemitraan Guru SMP Provinsi", 2019, "SMP", ratios="3,10")
    rows, ids = [], iter(range(1, 10**6))
    for _ in range(5284):
        n = next(ids)
        rows.append((pid, n, f"Guru {n}", str(4 * 10**15 + n)))
    with db.atomic():
        db.conn.executemany("INSERT INTO participants (program_id, person_id, name, tier, nuptk) "
                            "VALUES (?, ?, ?, 3, ?)", rows)
        first = db.execute("SELECT min(id) FROM participants WHERE program_id = ?",
                           [pid]).fetchone()[0]
        inti = list(range(first, first + 155))
        mitra = list(range(first + 155, first + 620))
        imbas = list(range(first + 620, first + 5270))
        db.conn.executemany("UPDATE participants SET tier = 1 WHERE id = ?", [(i,) for i in inti])
        db.conn.executemany("UPDATE participants SET tier = 2, mentor_id = ? WHERE id = ?",
                            [(inti[k // 3], m) for k, m in enumerate(mitra)])
        db.conn.executemany("UPDATE participants SET mentor_id = ? WHERE id = ?",
                            [(mitra[k // 10], m) for k, m in enumerate(imbas)])
        pairs = [(inti[k // 3], m) for k, m in enumerate(mitra)] + \
                [(mitra[k // 10], m) for k, m in enumerate(imbas)]
        start = D(2019, 10, 19)
        db.conn.executemany(
            "INSERT INTO mentoring_log (program_id, mentor_id, mentee_id, day, mode, topic) "
            "VALUES (?, ?, ?, ?, 'daring', 'Diskusi')",
            [(pid, *pairs[k % len(pairs)], (start + dt.timedelta(days=k % 120)).isoformat())
             for k in range(60000)])
        db.execute("INSERT INTO activities (program_id, kind, title, start_date, end_date) "
                   "VALUES (?, 'ojl2', 'OJL 2', '2019-10-13', '2019-10-18')", [pid])
    status = follow_up.program_status(db, pid, as_of=D(2020, 1, 15))
    assert status.planned == 155 * 33 and len(status.pairs) == 465 + 4650
    assert status.reached == 465  # every mitra had a contact; no pengimbasan yet
    quiet = follow_up.quiet_pairs(db, pid, D(2020, 1, 15))
    assert {(p.mentor.participant_id, p.mentee.participant_id) for p in quiet} == {
        (p.mentor.participant_id, p.mentee.participant_id) for p in status.quiet}
    months = follow_up.contacts_by_month(db, pid)
    assert sum(months.values()) == 60000


def test_latest_monev_is_the_score_the_monev_module_lists_and_skips_question_stages(db, tree):
    """Entered through the monev module itself: an observasi visit scored, then a
    pasca-observasi (answers to guided questions, no score) a day later."""
    from kemitraan_desktop import monev

    monev.ensure_default_forms(db)
    form = monev.get_form(db, "observasi")
    a = tree.mitra[0]
    scores = {item["id"]: item["max"] if i % 2 else item["min"] + 1
              for i, item in enumerate(form.items)}
    monev.enter(db, form, a, "2019-11-20", scores, observer_id=tree.inti, stage="observasi")
    monev.enter(db, form, a, "2019-11-21", {}, observer_id=tree.inti, stage="pasca-observasi",
                item_notes={"PASCA1": "Siswa aktif berdiskusi."})
    listed = [e for e in monev.list_entries(db, tree.program) if e["percentage"] is not None]
    latest = follow_up.program_status(db, tree.program, as_of=D(2019, 12, 20)).monev[a]
    assert latest.day == D(2019, 11, 20)
    assert latest.percentage == listed[0]["percentage"]
    assert latest.maximum == listed[0]["max_total"] and latest.total == listed[0]["total"]
