"""The audit trail: every change to people, participants, pairs, attendance and
certificates is recorded with when, what, before and after; read per person and per
program, and from the CLI (also for a person since deleted)."""

import datetime as dt
import json

from kemitraan_desktop import attendance, certificates, history, pairing, people
from kemitraan_desktop.indonesia import format_nip


def person(db, participant_id):
    return db.execute("SELECT person_id FROM participants WHERE id = ?", [participant_id]).fetchone()[0]


def test_a_roster_edit_is_recorded_with_before_and_after(demo_copy):
    pid = person(demo_copy, 1)
    before = people.get_person(demo_copy, pid)
    raw = {k: before.get(k) for k in ("nuptk", "nip", "nik", "gender", "position",
                                      "jenjang", "subject", "school", "npsn", "region")}
    raw["nip"] = new_nip = before["nip"][:15] + "009"  # another serial number
    raw["full_name"] = "Dr. " + before["name"]
    people.save_person(demo_copy, raw, pid)
    latest = history.entries(demo_copy, person_id=pid)[0]
    assert latest.entity == "person" and latest.action == "update"
    assert latest.before["nip"] == before["nip"] and latest.after["nip"] == new_nip
    assert f"NIP {format_nip(before['nip'])} → {format_nip(new_nip)}" in latest.text
    assert f"Nama {before['name']} → Dr. {before['name']}" in latest.text


def test_pairs_marks_and_certificates_are_recorded(demo_copy):
    pid = person(demo_copy, 1)
    mentee = demo_copy.execute("SELECT id, mentor_id FROM participants WHERE mentor_id IS NOT NULL "
                             "AND program_id = 2 LIMIT 1").fetchone()
    pairing.set_mentor(demo_copy, 2, [mentee[0]], None)
    entry = history.entries(demo_copy, program_id=2)[0]
    assert entry.entity == "pair" and entry.text.startswith("Dilepas dari pembimbing")
    assert entry.before["mentor_id"] == mentee[1] and entry.after["mentor_id"] is None
    session = attendance.sessions(demo_copy, 1)[0]
    attendance.set_marks(demo_copy, 1, [attendance.Mark(1, *session.key, "sakit", "demam")])
    entry = history.entries(demo_copy, person_id=pid)[0]
    assert entry.entity == "attendance" and entry.text.startswith("Kehadiran diubah: hadir → sakit")
    assert "catatan: demam" in entry.text
    number = next(r["number"] for r in certificates.register(demo_copy, activity_id=1)
                  if r["participant_id"] == 1)
    certificates.void(demo_copy, number, "salah gelar")
    entry = history.entries(demo_copy, person_id=pid)[0]
    assert entry.text == f"Sertifikat {number} dibatalkan: salah gelar"
    assert entry.who == people.get_person(demo_copy, pid)["name"]


def test_the_cli_shows_a_deleted_persons_history(demo_copy, capsys):
    from kemitraan_desktop import cli, store

    db_path = store.db_file(demo_copy)
    pid = people.save_person(demo_copy, {"full_name": "Yohana Mere, S.Pd.", "nip": "198203152009022004",
                                         "gender": "P", "position": "Guru", "jenjang": "SMP",
                                         "subject": "IPA"})
    target = (pid, "19820315 200902 2 004", "Yohana Mere, S.Pd.")
    people.delete_people(demo_copy, [pid])
    assert cli.main(["--db", str(db_path), "history", "--person", target[1]]) == 0
    out = capsys.readouterr().out
    assert f"Dihapus dari daftar guru: {target[2]}" in out
    assert f"Ditambahkan ke daftar guru: {target[2]}" in out
    assert cli.main(["--db", str(db_path), "history", "--program", "1", "--json", "--limit", "5"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 5 and all(r["who"] for r in rows)
    assert cli.main(["--db", str(db_path), "history", "--person", "1234"]) != 0
    assert "Tidak ada guru dengan NUPTK/NIP 1234" in capsys.readouterr().err


def test_every_change_in_one_issue_is_in_the_trail(demo_copy):
    demo_copy.execute("DELETE FROM certificates")
    demo_copy.execute("DELETE FROM certificate_counters")
    before = demo_copy.execute("SELECT count(*) FROM history WHERE entity = 'certificate'").fetchone()[0]
    ids = certificates.issue(demo_copy, 1, dt.date(2018, 9, 16))
    after = demo_copy.execute("SELECT count(*) FROM history WHERE entity = 'certificate'").fetchone()[0]
    assert after - before == len(ids) == 23


def test_a_large_import_records_every_person_and_keeps_the_trigger(db, demo_template, tmp_path,
                                                                    monkeypatch):
    from kemitraan_desktop import store
    from kemitraan_desktop.spreadsheets.export import export_roster
    from kemitraan_desktop.spreadsheets.roster_import import import_roster

    source = store.open_db(demo_template)
    export_roster(source, tmp_path / "semua.xlsx")
    source.close()
    monkeypatch.setattr(people, "REBUILD_INDEXES_FROM", 10)  # the bulk path, as for 100k rows
    report = import_roster(db, tmp_path / "semua.xlsx")
    assert report.new == 184
    rows = db.execute("SELECT person_id, json_extract(after, '$.full_name') FROM history "
                      "WHERE entity = 'person' AND action = 'insert' ORDER BY id").fetchall()
    assert [r[0] for r in rows] == [p["id"] for p in sorted(people.list_people(db), key=lambda p: p["id"])]
    assert all(name for _pid, name in rows)
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'history_person_insert'").fetchone()[0] == 1
    people.save_person(db, {"full_name": "Yohana Mere, S.Pd.", "nuptk": "4455667788990011"})
    assert history.entries(db, limit=1)[0].text == "Ditambahkan ke daftar guru: Yohana Mere, S.Pd."


def test_removing_a_mentor_names_them_in_each_mentees_entry_and_keeps_the_marks_traceable(demo_copy):
    from kemitraan_desktop import programs

    mentor = demo_copy.execute("SELECT m.id, m.name, m.person_id FROM participants p JOIN participants m "
                               "ON m.id = p.mentor_id WHERE m.program_id = 1 LIMIT 1").fetchone()
    mentees = [r[0] for r in demo_copy.execute("SELECT id FROM participants WHERE mentor_id = ?", [mentor[0]])]
    marks = demo_copy.execute("SELECT count(*) FROM attendance_marks WHERE participant_id = ?",
                              [mentor[0]]).fetchone()[0]
    programs.remove_participants(demo_copy, [mentor[0]])
    unpaired = [e for e in history.entries(demo_copy, program_id=1) if e.entity == "pair"][:len(mentees)]
    assert {e.record_id for e in unpaired} == set(mentees)
    assert all(e.text == f"Dilepas dari pembimbing {mentor[1]}" for e in unpaired)
    removed_marks = [e for e in history.entries(demo_copy, person_id=mentor[2])
                     if e.entity == "attendance" and e.action == "delete"]
    assert marks and len(removed_marks) == marks  # in the person's Riwayat, not lost
