"""Offices exchanging signed files: two offices built apart converge, one teacher stays one
person, the owner rule with its proposals and conflicts, refused files change nothing, the
same file twice, a killed apply, a certificate verified at the partner, and the session
extension kept away from the live database."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile

import pytest
from helpers import gorontalo_office

from kemitraan_desktop import (
    activities,
    attendance,
    demo,
    exchange,
    office,
    people,
    programs,
    store,
)
from kemitraan_desktop.certificates import signing
from kemitraan_desktop.errors import ValidationError
from kemitraan_desktop.exchange import changes, package


def gorontalo(tmp_path, template_db):
    return gorontalo_office(tmp_path, template_db)


@pytest.fixture
def offices(tmp_path, template_db):
    """Pekalongan (the demo) and Kabupaten Gorontalo, which typed three of the same
    teachers itself before hearing from Pekalongan: two of its own mitra, one Pekalongan inti."""
    pekalongan_path = tmp_path / "pekalongan" / "kemitraan.db"
    pekalongan_path.parent.mkdir()
    shutil.copy(template_db, pekalongan_path)
    a = store.open_db(pekalongan_path)
    demo.load_demo(a)
    b = gorontalo(tmp_path, template_db)
    rows = programs.list_participants(a, 1)
    shared = [r for r in rows if r["region"] == "Kabupaten Gorontalo"][:2] + \
        [r for r in rows if r["tier"] == 1][:1]
    for row in shared:
        person = people.get_person(a, row["person_id"])
        people.save_person(b, {"full_name": person["name"].upper(), "nuptk": person["nuptk"],
                               "nip": person["nip"]})
    yield a, b
    a.close()
    b.close()


def shared_rows(a):
    rows = programs.list_participants(a, 1)
    return [r for r in rows if r["region"] == "Kabupaten Gorontalo"][:2] + \
        [r for r in rows if r["tier"] == 1][:1]


def send(sender, receiver, path, *, trust=True, **options):
    exchange.export(sender, path, **options)
    if trust and not any(p["office"] == exchange.office_id(sender) for p in exchange.partners(receiver)):
        exchange.trust(receiver, path)
    return exchange.receive(receiver, path)


def shared_state(db) -> dict:
    """What both offices must agree on, by identifier-free content."""
    return {
        "programs": sorted(p["program"].title for p in programs.list_programs(db)),
        "participants": sorted((r["name"], r["tier"], r["mentor_name"] or "")
                               for e in programs.list_programs(db)
                               for r in programs.list_participants(db, e["program"].id)),
        "activities": sorted((e["activity"].title, len(activities.list_items(db, e["activity"].id)))
                             for e in activities.list_activities(db)),
        "marks": sorted((a["activity"].title, len(attendance.marks(db, a["activity"].id)))
                        for a in activities.list_activities(db)),
        "certificates": sorted(r[0] for r in db.execute("SELECT number FROM certificates")),
    }


def fingerprint_of(db) -> str:
    """Every row of every table: to show a refused file changed nothing."""
    digest = hashlib.sha256()
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                               "AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name"):
        for row in db.execute(f"SELECT * FROM {table} ORDER BY 1"):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def test_two_offices_converge_both_ways_and_one_teacher_stays_one_person(offices, tmp_path):
    a, b = offices
    received = send(a, b, tmp_path / "1.kemitraan")
    assert received.applied and received.aliases == 3
    assert people.count_people(b) == 184  # 181 new and the three typed there, not 187
    for row in shared_rows(a):
        assert len(people.list_people(b, row["nuptk"])) == 1
    # Gorontalo's own two keep Gorontalo's values there; Pekalongan's inti takes Pekalongan's
    names = {r["nuptk"]: r["name"] for r in shared_rows(a)}
    assert [people.list_people(b, n)[0]["name"] == name for n, name in names.items()] == \
        [False, False, True]

    # Gorontalo marks attendance at the OJL 2 it hosts and adds a rundown item to its own
    # new activity; Pekalongan hears of it
    program = programs.list_programs(b)[0]["program"]
    new_activity = activities.save_activity(b, activities.Activity(
        None, program.id, "pendampingan", "Pendampingan Gorontalo", *_days("2019-11-04", "2019-11-05"),
        "SMP Negeri 1 Limboto", "75.01", "Dinas Pendidikan Kabupaten Gorontalo"))
    import datetime as dt
    activities.save_items(b, new_activity, [activities.Item(dt.date(2019, 11, 4), dt.time(8),
                                                            dt.time(10), "Diskusi RPP")])
    back = send(b, a, tmp_path / "2.kemitraan")
    assert back.applied and back.counts["activities"]["baru"] == 1
    assert shared_state(b) == shared_state(a)  # Gorontalo's teachers as Gorontalo has them
    assert "Pendampingan Gorontalo" in [e["activity"].title for e in activities.list_activities(a)]

    # and again: a change at Pekalongan travels as a change only
    ojl = next(e["activity"] for e in activities.list_activities(a) if e["activity"].kind == "ojl1")
    activities.save_activity(a, activities.Activity(ojl.id, ojl.program_id, ojl.kind, ojl.title,
                                                    ojl.start, ojl.end, "Aula Baru", ojl.region_code,
                                                    ojl.host))
    sent = exchange.export(a, tmp_path / "3.kemitraan")
    # the change, and what Pekalongan received from Gorontalo since its first file (it
    # passes on what it holds); Gorontalo's own records come back unchanged
    # (and the OJL 2 held in Kabupaten Gorontalo passes to Gorontalo's office, which hosts it)
    assert sent.counts["activities"]["berubah"] == 2
    assert sent.counts.get("participants", {}).get("baru", 0) == 0  # nobody arrives twice
    assert sent.size < 20_000
    third = exchange.receive(b, tmp_path / "3.kemitraan")
    assert third.counts["activities"]["berubah"] == 1
    assert next(e["activity"].venue for e in activities.list_activities(b)
                if e["activity"].title == ojl.title) == "Aula Baru"
    assert shared_state(b) == shared_state(a)
    assert people.count_people(a) == 184 and people.count_people(b) == 184


def _days(start, end):
    import datetime as dt
    return dt.date.fromisoformat(start), dt.date.fromisoformat(end)


def test_a_change_to_anothers_record_is_a_proposal_the_owner_decides(offices, tmp_path):
    a, b = offices
    send(a, b, tmp_path / "1.kemitraan")
    row = programs.list_participants(b, 1)[5]
    person = people.get_person(b, row["person_id"])
    right = person["name"].replace("S.Pd.", "S.Pd., M.Pd.")
    # Gorontalo corrects a visiting teacher's title for its own certificates
    b.execute("UPDATE people SET full_name = ? WHERE id = ?", [right, row["person_id"]])
    b.conn.commit()
    applied = send(b, a, tmp_path / "2.kemitraan")
    assert [(p["field"], p["theirs"]) for p in applied.proposals] == [("full_name", right)]
    nuptk = person["nuptk"]
    assert people.list_people(a, nuptk)[0]["name"] == person["name"]  # the owner's stands
    waiting = exchange.proposals(a)
    assert len(waiting) == 1 and waiting[0]["office"] == "Dinas Pendidikan Kabupaten Gorontalo"

    exchange.decide(a, waiting[0]["id"], accept=True)
    assert people.list_people(a, nuptk)[0]["name"] == right
    assert exchange.proposals(a) == []
    assert exchange.proposals(a, None)[0]["status"] == "diterima"


def test_the_owners_change_wins_over_a_local_correction_and_both_values_are_listed(offices, tmp_path):
    a, b = offices
    send(a, b, tmp_path / "1.kemitraan")
    title = next(e["activity"].title for e in activities.list_activities(a))
    b.execute("UPDATE activities SET venue = 'Ruang Rapat' WHERE title = ?", [title])
    b.conn.commit()
    a.execute("UPDATE activities SET venue = 'Aula Dinas' WHERE title = ?", [title])
    a.conn.commit()
    result = send(a, b, tmp_path / "2.kemitraan")
    assert b.execute("SELECT venue FROM activities WHERE title = ?", [title]).fetchone()[0] == "Aula Dinas"
    listed = [c for c in result.conflicts if c["table"] == "activities"]
    assert listed and "Ruang Rapat" in json.dumps(listed)


def test_refused_files_change_nothing(offices, tmp_path):
    a, b = offices
    exchange.export(a, tmp_path / "1.kemitraan")
    before = fingerprint_of(b)
    with pytest.raises(ValidationError, match="belum dipercaya") as refused:
        exchange.receive(b, tmp_path / "1.kemitraan")
    assert package.spoken(exchange.office_id(a)) in refused.value.message

    exchange.trust(b, tmp_path / "1.kemitraan")
    before = fingerprint_of(b)
    tampered = tmp_path / "diubah.kemitraan"
    _rewrite(tmp_path / "1.kemitraan", tampered, manifest=lambda m: {**m, "office_name": "Kantor Palsu"})
    with pytest.raises(ValidationError, match="telah diubah"):
        exchange.receive(b, tampered)
    swapped = tmp_path / "isi-lain.kemitraan"
    _rewrite(tmp_path / "1.kemitraan", swapped, changes=lambda c: c[:-10] + bytes(10))
    with pytest.raises(ValidationError, match="telah diubah"):
        exchange.receive(b, swapped)
    newer = tmp_path / "baru.kemitraan"
    _rewrite(tmp_path / "1.kemitraan", newer, manifest=lambda m: {**m, "schema": 99})
    with pytest.raises(ValidationError, match="versi Kemitraan Desktop yang lebih baru"):
        exchange.receive(b, newer)
    truncated = tmp_path / "terpotong.kemitraan"
    truncated.write_bytes((tmp_path / "1.kemitraan").read_bytes()[:5000])
    with pytest.raises(ValidationError, match="rusak atau terpotong"):
        exchange.receive(b, truncated)
    assert fingerprint_of(b) == before

    exchange.receive(b, tmp_path / "1.kemitraan")
    exchange.export(a, tmp_path / "2.kemitraan")  # never brought to Gorontalo
    a.execute("UPDATE programs SET stage = 'Tahap 2' WHERE id = 1")
    a.conn.commit()
    exchange.export(a, tmp_path / "3.kemitraan")
    before = fingerprint_of(b)
    with pytest.raises(ValidationError, match="melanjutkan berkas no. 2"):
        exchange.receive(b, tmp_path / "3.kemitraan")
    assert fingerprint_of(b) == before
    exchange.export(a, tmp_path / "4.kemitraan", full=True)  # what the message asks for
    assert exchange.receive(b, tmp_path / "4.kemitraan").applied
    assert b.execute("SELECT stage FROM programs WHERE name = ?",
                     [programs.get_program(a, 1).name]).fetchone()[0] == "Tahap 2"


def _rewrite(source, target, *, manifest=None, changes=None):
    """A copy of an exchange file with its manifest or changes altered (signature kept)."""
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    if manifest:
        parts["manifest.json"] = json.dumps(manifest(json.loads(parts["manifest.json"]))).encode()
    if changes:
        parts["changes.bin"] = changes(parts["changes.bin"])
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_the_same_file_twice_changes_nothing_and_says_so(offices, tmp_path):
    a, b = offices
    send(a, b, tmp_path / "1.kemitraan")
    before = fingerprint_of(b)
    again = exchange.receive(b, tmp_path / "1.kemitraan")
    assert again.already and not again.applied
    assert "sudah pernah diterima" in again.summary()
    assert fingerprint_of(b) == before


def test_a_certificate_issued_at_one_office_verifies_at_the_other(offices, tmp_path):
    a, b = offices
    send(a, b, tmp_path / "1.kemitraan")
    qr = a.execute("SELECT verification FROM certificates LIMIT 1").fetchone()[0]
    checked = signing.verify(b, qr)
    assert checked.status == "valid", checked.message


def test_the_session_extension_never_opens_the_live_database(offices, tmp_path):
    a, b = offices
    changes.opened.clear()
    send(a, b, tmp_path / "1.kemitraan")
    live = {store.db_file(a).resolve(), store.db_file(b).resolve()}
    assert changes.opened and not live & {p.resolve() for p in changes.opened}
    # the live database is whole after both libraries have worked beside it
    assert b.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert a.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


KILLED = """
import os, sys
from kemitraan_desktop import exchange, store
from kemitraan_desktop.exchange import materialize
real = materialize._records
done = []
def dying(*args):
    done.append(1)
    if len(done) == 3:  # programs, people and participants written, activities next
        os._exit(9)  # the power goes in the middle of the write
    return real(*args)
materialize._records = dying
exchange.receive(store.open_db(sys.argv[1]), sys.argv[2])
"""


def test_a_process_killed_while_applying_leaves_the_file_unapplied(offices, tmp_path):
    a, b = offices
    exchange.export(a, tmp_path / "1.kemitraan")
    exchange.trust(b, tmp_path / "1.kemitraan")
    path = store.db_file(b)
    before = fingerprint_of(b)
    b.close()
    run = subprocess.run([sys.executable, "-c", KILLED, str(path), str(tmp_path / "1.kemitraan")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 9, run.stderr
    again = store.open_db(path)
    try:
        assert fingerprint_of(again) == before  # nothing of it, not half of it
        assert exchange.receive(again, tmp_path / "1.kemitraan").applied  # and it can be applied
        assert people.count_people(again) == 184
    finally:
        again.close()


def test_the_command_line_round(offices, tmp_path, capsys):
    from kemitraan_desktop.cli import main

    a, b = offices
    a_path, b_path = str(store.db_file(a)), str(store.db_file(b))
    out = tmp_path / "kiriman.kemitraan"
    assert main(["--db", b_path, "office", "set", "--region", "75.01", "--city", "Limboto"]) == 0
    assert main(["--db", b_path, "office", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert shown["wilayah"] == "Kabupaten Gorontalo"
    assert main(["--db", a_path, "exchange", "export", "--out", str(out), "--program", "1"]) == 0
    assert "Berkas no. 1 ditulis" in capsys.readouterr().out
    assert main(["--db", b_path, "exchange", "import", str(out)]) == 1
    assert "belum dipercaya" in capsys.readouterr().err
    assert main(["--db", b_path, "exchange", "trust", str(out), "--yes"]) == 0
    assert package.spoken(exchange.office_id(a)) in capsys.readouterr().out
    assert main(["--db", b_path, "exchange", "import", str(out), "--dry-run", "--json"]) == 0
    dry = json.loads(capsys.readouterr().out)
    assert dry["applied"] is False and dry["counts"]["participants"]["baru"] == 24
    assert main(["--db", b_path, "exchange", "import", str(out)]) == 0
    assert "Berkas no. 1 dari Dinas Pendidikan Kota Pekalongan diterima" in capsys.readouterr().out
    assert main(["--db", b_path, "exchange", "log", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["direction"] == "terima"
    broken = tmp_path / "rusak.kemitraan"
    broken.write_bytes(b"PK\x03\x04 bukan zip")
    assert main(["--db", b_path, "exchange", "import", str(broken)]) == 2  # cannot be read
    assert "rusak atau terpotong" in capsys.readouterr().err


def test_the_demo_shows_an_exchange_with_the_partner_office(demo_copy):
    from kemitraan_desktop import demo_partner

    partner_path = demo_partner.load_partner(demo_copy)
    log = exchange.log(demo_copy)
    assert [(r["direction"], r["office"]) for r in log] == [
        ("kirim", "semua"), ("terima", "Dinas Pendidikan Kabupaten Gorontalo")]
    assert log[1]["conflicts"] == []
    ojl2 = next(e["activity"] for e in activities.list_activities(demo_copy) if e["activity"].kind == "ojl2")
    marks = attendance.marks(demo_copy, ojl2.id)
    assert len(marks) == 48 and sum(1 for s, _n in marks.values() if s == "izin") == 1
    partner = store.open_db(partner_path)
    try:
        assert people.count_people(partner) == 184
        assert exchange.partners(partner)[0]["name"] == "Dinas Pendidikan Kota Pekalongan"
    finally:
        partner.close()
    assert demo_partner.load_partner(demo_copy) is None  # once


def district(tmp_path, template_db, name: str, code: str, teachers: list[dict]):
    """A district office with its own program of the given teachers (first one inti)."""
    from kemitraan_desktop import regions

    region = next(r for r in regions.all_regions() if r.code == code)
    path = tmp_path / name / "kemitraan.db"
    path.parent.mkdir()
    shutil.copy(template_db, path)
    db = store.open_db(path)
    office.save_profile(db, office.OfficeProfile(government=f"PEMERINTAH {region.name.upper()}",
                                                 name="DINAS PENDIDIKAN"))
    ids = [people.save_person(db, {**t, "region": region.name, "subject": "IPA", "jenjang": "SMP"})
           for t in teachers]
    pid = programs.create_program(db, f"Kemitraan {region.name}", 2020, "SMP", ratios="3")
    programs.add_participants(db, pid, ids[:1], 1)
    programs.add_participants(db, pid, ids[1:], 2)
    return db


def test_a_province_consolidating_three_districts_counts_everyone_once(tmp_path, template_db):
    from kemitraan_desktop.exchange import province

    def teacher(n):
        return {"full_name": f"Guru {n}, S.Pd.", "nuptk": f"{3300000000000000 + n}"}
    # a teacher who moved from Batang to Pekalongan is named by both districts
    batang = district(tmp_path, template_db, "batang", "33.25", [teacher(i) for i in (1, 2, 3, 9)])
    kab_pekalongan = district(tmp_path, template_db, "kabpek", "33.26",
                              [teacher(i) for i in (4, 5, 9)])
    kota = district(tmp_path, template_db, "kota", "33.75", [teacher(i) for i in (6, 7, 8)])
    path = tmp_path / "provinsi" / "kemitraan.db"
    path.parent.mkdir()
    shutil.copy(template_db, path)
    jateng = store.open_db(path)
    office.save_profile(jateng, office.OfficeProfile(government="PEMERINTAH PROVINSI JAWA TENGAH",
                                                     name="DINAS PENDIDIKAN DAN KEBUDAYAAN"))
    for name, db in (("batang", batang), ("kabpek", kab_pekalongan), ("kota", kota)):
        send(db, jateng, tmp_path / f"{name}.kemitraan")
    assert people.count_people(jateng) == 9  # teacher 9 once, not twice
    assert len(programs.list_programs(jateng)) == 3
    received = province.received_programs(jateng)
    assert sorted(received.values()) == ["Dinas Pendidikan Kabupaten Batang",
                                        "Dinas Pendidikan Kabupaten Pekalongan",
                                        "Dinas Pendidikan Kota Pekalongan"]
    figures = province.figures_by_region(jateng)
    assert sum(f["teachers"] for f in figures) == 9
    by = {f["region"]: f["teachers"] for f in figures}
    assert by["Kabupaten Batang"] + by["Kabupaten Pekalongan"] + by["Kota Pekalongan"] == 9
    # a second round changes nothing in the count
    for name, db in (("batang", batang), ("kabpek", kab_pekalongan), ("kota", kota)):
        exchange.export(db, tmp_path / f"{name}-2.kemitraan")
        exchange.receive(jateng, tmp_path / f"{name}-2.kemitraan")
    assert people.count_people(jateng) == 9
    for db in (batang, kab_pekalongan, kota, jateng):
        db.close()


def test_a_received_file_is_in_the_riwayat(offices, tmp_path):
    from kemitraan_desktop import history

    a, b = offices
    send(a, b, tmp_path / "1.kemitraan")
    entries = history.entries(b, program_id=1)
    received = [e for e in entries if e.entity == "exchange"]
    assert len(received) == 1
    assert received[0].text.startswith("Diterima dari Dinas Pendidikan Kota Pekalongan (berkas no. 1)")
    assert "peserta 208 baru" in received[0].text
    assert history.entries(b, person_id=1) == [e for e in history.entries(b, person_id=1)
                                               if e.entity != "exchange"]


def test_the_trail_of_a_received_round_is_the_one_typing_it_would_leave(offices, tmp_path):
    from kemitraan_desktop import history

    a, b = offices
    send(a, b, tmp_path / "1.kemitraan")
    joined = b.execute("SELECT count(*) FROM history WHERE entity = 'participant' "
                       "AND action = 'insert'").fetchone()[0]
    assert joined == 208  # one line per participant, written in one statement
    entries = history.entries(b, program_id=1)
    assert any(e.text.startswith("Menjadi peserta sebagai") for e in entries)
    # the trigger is back for what is typed afterwards
    assert b.execute("SELECT 1 FROM sqlite_master WHERE name = 'history_participant_insert'").fetchone()


def test_a_correction_goes_to_the_owner_as_a_proposal_and_nowhere_else(offices, tmp_path,
                                                                        template_db):
    """Gorontalo corrects a Pekalongan inti's title for its own certificates: Pekalongan
    gets a proposal; a third office (the province) keeps Pekalongan's value."""
    a, b = offices
    province_path = tmp_path / "provinsi" / "kemitraan.db"
    province_path.parent.mkdir()
    shutil.copy(template_db, province_path)
    c = store.open_db(province_path)
    office.save_profile(c, office.OfficeProfile(government="PEMERINTAH PROVINSI GORONTALO",
                                                name="DINAS PENDIDIKAN"))
    send(a, b, tmp_path / "a1.kemitraan")
    send(b, c, tmp_path / "b1.kemitraan")  # the province hears the round from its district
    inti = next(r for r in programs.list_participants(b, 1) if r["tier"] == 1)
    person = people.get_person(b, inti["person_id"])
    corrected = person["name"] + ", M.Pd."
    b.execute("UPDATE people SET full_name = ? WHERE id = ?", [corrected, inti["person_id"]])
    b.conn.commit()
    assert people.list_people(b, person["nuptk"])[0]["name"] == corrected  # for its own use

    send(b, c, tmp_path / "b2.kemitraan")
    assert people.list_people(c, person["nuptk"])[0]["name"] == person["name"]  # not passed on
    # Pekalongan hears from Gorontalo for the first time (a full file): the inti is its own
    exchange.export(b, tmp_path / "b-full.kemitraan", full=True)
    exchange.trust(a, tmp_path / "b-full.kemitraan")
    got = exchange.receive(a, tmp_path / "b-full.kemitraan")
    assert any(p["field"] == "full_name" and p["theirs"] == corrected for p in got.proposals)
    assert people.list_people(a, person["nuptk"])[0]["name"] == person["name"]
    c.close()
