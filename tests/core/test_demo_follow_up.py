"""What a new user finds in the demo's program 2019 after its OJL 2 in Kabupaten Gorontalo
(13-18 Oktober 2019), looked at on the last day of the four months, 18 Februari 2020:
pendampingan in every mode with photos, one pair gone quiet, reach partly met, RTL in
every state with some overdue, two observations of every mitra by their inti, and the
pengimbasan sessions the mitra led with their imbas marked (issue 20)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from collections import Counter

import pytest
from PIL import Image

from kemitraan_desktop import (
    action_plans,
    activities,
    attendance,
    cli,
    demo,
    demo_follow_up,
    follow_up,
    mentoring,
    monev,
    programs,
    store,
)

D = dt.date
AS_OF = D(2020, 2, 18)
TABLES = ("mentoring_log", "mentoring_evidence", "action_plans", "action_plan_progress",
          "monev_entries", "monev_scores", "activities", "rundown_items", "attendance_marks")


@pytest.fixture
def db(demo_copy):
    demo_follow_up.load_follow_up(demo_copy)  # once demo.load_demo calls it: nothing to do
    return demo_copy


def program_2019(db) -> int:
    return db.execute("SELECT id FROM programs WHERE name = 'Kemitraan Guru SMP' AND "
                      "year = 2019").fetchone()[0]


def tiers(db, pid) -> dict[int, dict]:
    return {p["id"]: p for p in programs.list_participants(db, pid)}


def counts(db) -> dict[str, int]:
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_the_window_end_shows_one_quiet_pair_and_the_reach_partly_met(db):
    pid = program_2019(db)
    people = tiers(db, pid)
    status = follow_up.program_status(db, pid, as_of=AS_OF)
    assert status.window == follow_up.Window(D(2019, 10, 18), AS_OF)
    assert len(status.quiet) == 1
    quiet = status.quiet[0]
    assert (quiet.last_contact, quiet.days_since) == (D(2019, 12, 5), 75)
    assert (quiet.mentor.tier, quiet.mentee.tier) == (2, 3)
    assert people[quiet.mentee.participant_id]["mentor_id"] == quiet.mentor.participant_id
    listed = follow_up.quiet_pairs(db, pid, AS_OF)
    assert [(p.mentor.participant_id, p.mentee.participant_id) for p in listed] == \
        [(quiet.mentor.participant_id, quiet.mentee.participant_id)]
    # every other pair had a contact in the last 30 days: active all along
    others = [p for p in status.pairs if p is not quiet]
    assert len(others) == 16 + 150 - 1
    assert all(p.days_since is not None and p.days_since <= 30 for p in others)
    assert status.target == 8 * 33
    assert 0 < status.reached < status.target
    mitra_reach = [r for r in status.mentors if r.person.tier == 2]
    assert any(r.reached == 0 for r in mitra_reach if r.planned)  # no pengimbasan held yet
    assert any(0 < r.reached < r.planned for r in mitra_reach)  # some imbas stayed away
    months = follow_up.contacts_by_month(db, pid)
    assert list(months) == ["2019-10", "2019-11", "2019-12", "2020-01", "2020-02"]
    assert all(n > 0 for n in months.values())
    assert months["2019-12"] < months["2019-11"]  # the semester holiday from 21 Desember


def test_program_status_on_the_command_line_names_the_quiet_pair(db, capsys):
    pid = program_2019(db)
    code = cli.main(["--db", str(store.db_file(db)), "program", "status", "--program",
                     str(pid), "--as-of", AS_OF.isoformat()])
    out = capsys.readouterr().out
    assert code == 0
    assert "Pasangan tanpa kontak lebih dari 30 hari: 1" in out
    assert "kontak terakhir 5 Desember 2019, 75 hari" in out


def test_pendampingan_in_every_mode_with_agreements_and_three_photos(db):
    pid = program_2019(db)
    entries = mentoring.list_entries(db, pid)
    assert 400 < len(entries) < 900
    assert {e["mode"] for e in entries} == set(mentoring.MODES)
    assert {(e["mentor_tier"], e["mentee_tier"]) for e in entries} == {(1, 2), (2, 3)}
    assert all(D(2019, 10, 18) < e["day"] <= AS_OF for e in entries)
    assert all(e["topic"] and e["agreed"] and e["follow_up"] for e in entries)
    timed = [e for e in entries if e["mode"] in ("tatap-muka", "daring")]
    assert all(e["jp"] and e["minutes"] for e in timed)
    assert all(e["minutes"] for e in entries if e["mode"] == "telepon")
    topics = " ".join(e["topic"] for e in entries)
    for words in ("Diskusi RPP", "Umpan balik observasi kelas", "modul ajar",
                  "Refleksi praktik baik"):
        assert words in topics
    with_photos = [e for e in entries if e["evidence"]]
    assert len(with_photos) == 3
    for entry in with_photos:
        assert entry["mode"] == "tatap-muka"
        (photo,) = mentoring.evidence(db, entry["id"])
        assert photo.kind == "foto" and photo.mime == "image/jpeg"
        image = Image.open(io.BytesIO(photo.data))
        assert image.format == "JPEG" and image.size == (photo.width, photo.height)
        assert max(image.size) <= mentoring.PHOTO_LONG_SIDE and photo.size < 150_000


def test_rtl_in_every_state_some_overdue_with_progress_over_the_months(db):
    pid = program_2019(db)
    people = tiers(db, pid)
    plans = action_plans.list_plans(db, pid, as_of=AS_OF)
    assert {p["status"] for p in plans} == {"belum", "berjalan", "selesai"}
    overdue = [p for p in plans if p["overdue"]]
    assert overdue and len(overdue) < len(plans)
    assert {p["status"] for p in overdue} == {"belum", "berjalan"}
    assert action_plans.summary(db, pid, AS_OF)["overdue"] == len(overdue)
    mitra = {i for i, p in people.items() if p["tier"] == 2}
    assert {p["participant_id"] for p in plans if p["tier"] == 2} == mitra
    imbas_with_plan = {p["participant_id"] for p in plans if p["tier"] == 3}
    assert 0 < len(imbas_with_plan) < 150
    histories = [action_plans.progress(db, p["id"]) for p in plans if p["status"] == "selesai"]
    assert all(len(h) >= 2 and h[-1]["status"] == "selesai" and h[-1]["note"] for h in histories)
    assert any(h[0]["day"].month != h[-1]["day"].month for h in histories)
    assert all(step["day"] <= AS_OF for h in histories for step in h)


def test_every_mitra_observed_twice_by_their_inti_most_improving(db):
    pid = program_2019(db)
    people = tiers(db, pid)
    compared = monev.compare(db, pid, "observasi")
    mitra = {i for i, p in people.items() if p["tier"] == 2}
    assert {c["participant_id"] for c in compared} == mitra
    assert all(c["visits"] == 2 and c["change"] is not None for c in compared)
    assert all(D(2019, 10, 28) <= dt.date.fromisoformat(c["first"]["day"]) <= D(2019, 11, 8)
               for c in compared)
    assert all(dt.date.fromisoformat(c["last"]["day"]).strftime("%Y-%m") == "2020-02"
               for c in compared)
    changes = sorted(c["change"] for c in compared)
    assert changes[0] < 0 < changes[1]  # one did worse, the others better
    for entry in monev.list_entries(db, pid):
        assert entry["observer_id"] == people[entry["participant_id"]]["mentor_id"]
    staged = Counter(e["stage"] for e in monev.list_entries(db, pid, form="observasi"))
    assert staged["observasi"] == 32 and staged["pra-observasi"] == staged["pasca-observasi"] > 0
    telaah = monev.compare(db, pid, "telaah-rpp")
    assert 0 < len(telaah) < len(mitra)


def test_pengimbasan_led_by_mitra_with_rundown_and_marks(db):
    pid = program_2019(db)
    people = tiers(db, pid)
    held = [a["activity"] for a in activities.list_activities(db, pid)
            if a["activity"].kind == "pengimbasan"]
    assert 4 <= len(held) <= 6
    came, stayed_away = set(), set()
    for activity in held:
        leader = people[activity.leader_id]
        assert leader["tier"] == 2
        assert activity.title.startswith(f"Pengimbasan Praktik Baik MGMP {leader['subject']}")
        assert activities.region_name(db, activity.region_code) == leader["region"]
        assert AS_OF > activity.start > D(2019, 10, 18)
        sessions = attendance.sessions(db, activity.id)
        assert len(sessions) == 2 and sum(s.jp for s in sessions) == 5
        marks = attendance.marks(db, activity.id)
        imbas = {i for i, p in people.items() if p["mentor_id"] == leader["id"]}
        assert {pid_ for pid_, _day, _slot in marks} == imbas | {leader["id"]}
        for (participant, _day, _slot), (status, _note) in marks.items():
            (came if status == "hadir" else stayed_away).add(participant)
    assert came & stayed_away  # some left at the break
    assert stayed_away - came  # and some did not come at all


def test_loading_the_demo_again_adds_nothing_and_a_new_demo_is_the_same(db, template_db,
                                                                       tmp_path):
    before = counts(db)
    demo.load_demo(db)
    demo_follow_up.load_follow_up(db)
    assert counts(db) == before
    (tmp_path / "other").mkdir()
    fresh = tmp_path / "other" / "kemitraan.db"
    shutil.copy(template_db, fresh)
    other = store.open_db(fresh)
    try:
        demo.load_demo(other)
        demo_follow_up.load_follow_up(other)
        query = ("SELECT mentor_id, mentee_id, day, mode, jp, minutes, topic, agreed, follow_up "
                 "FROM mentoring_log ORDER BY id")
        assert other.execute(query).fetchall() == db.execute(query).fetchall()
        scores = "SELECT entry_id, item_id, score FROM monev_scores ORDER BY entry_id, item_id"
        assert other.execute(scores).fetchall() == db.execute(scores).fetchall()
        assert counts(other) == before
    finally:
        other.close()
