"""Programs, participants, the tree's checks and the pairing assistant."""

import pytest

from kemitraan_desktop import pairing, people, programs
from kemitraan_desktop.errors import NotFoundError, ValidationError

_NUPTK = iter(range(10**15, 10**16))


def person(db, name, subject="Matematika", region="Kota Pekalongan", ukg=None, jenjang="SMP"):
    return people.save_person(db, {"full_name": name, "subject": subject, "region": region,
                                   "jenjang": jenjang, "ukg": ukg, "nuptk": str(next(_NUPTK))})


_PROGRAMS = iter(range(1, 10**6))


def program(db, labels="Inti,Mitra,Imbas", ratios="3,10", **kw):
    name = kw.pop("name", f"Kemitraan Guru SMP {next(_PROGRAMS)}")
    return programs.create_program(db, name, kw.pop("year", 2019),
                                   "SMP", labels=labels, ratios=ratios, **kw)


def join(db, program_id, person_id, tier, subject=None):
    result = programs.add_participants(db, program_id, [person_id], tier, subject)
    assert result.added, result.skipped
    return result.added[0]


def codes(findings):
    return sorted(f.code for f in findings)


# ---------------------------------------------------------------- programs

def test_presets_labels_and_ratios(db):
    pid = program(db, labels=programs.LABEL_PRESETS["Mitra 1 / Mitra 2 / Mitra 3"], ratios="1:2")
    p = programs.get_program(db, pid)
    assert p.labels == ["Mitra 1", "Mitra 2", "Mitra 3"]
    assert p.capacity(1) == 2 and p.capacity(2) is None
    assert p.ratio_text == "1:2"
    two = programs.get_program(db, program(db, labels="Mitra / Imbas", ratios="2"))
    assert two.tiers == 2 and two.label(2) == "Imbas"
    default = programs.get_program(db, programs.create_program(db, "Baru", 2020, "SMA"))
    assert default.labels == ["Inti", "Mitra", "Imbas"] and default.ratios == [3, 10]
    assert programs.parse_ratio("1:4:10") == [4, 10] and programs.parse_ratio("3,10") == [3, 10]


@pytest.mark.parametrize("changes, field", [
    ({"name": " "}, "name"), ({"year": 1990}, "year"), ({"jenjang": "SD"}, "jenjang"),
    ({"labels": ["Inti"]}, "labels"), ({"labels": ["Inti", "inti", "Imbas"]}, "labels"),
    ({"ratios": [3, 10, 5]}, "ratios"), ({"ratios": [0, 10]}, "ratios"),
])
def test_invalid_program_is_refused_and_nothing_saved(db, changes, field):
    values = {"id": None, "name": "X", "year": 2019, "jenjang": "SMP", **changes}
    with pytest.raises(ValidationError) as caught:
        programs.save_program(db, programs.Program(**values))
    assert field in dict(caught.value.problems)
    assert db.execute("SELECT count(*) FROM programs").fetchone()[0] == 0


def test_bad_ratio_text_is_explained(db):
    with pytest.raises(ValidationError, match="Rasio 'tiga' tidak dikenali"):
        programs.create_program(db, "X", 2019, "SMP", ratios="tiga")


def test_program_list_counts_and_shrinking_tiers(db):
    pid = program(db)
    a, b = person(db, "Ani"), person(db, "Budi")
    join(db, pid, a, 1)
    join(db, pid, b, 3)
    listed = programs.list_programs(db)
    assert listed[0]["counts"] == [1, 0, 1]
    p = programs.get_program(db, pid)
    p.labels, p.ratios = ["Mitra", "Imbas"], [10]
    with pytest.raises(ValidationError, match="1 peserta tingkat Imbas"):
        programs.save_program(db, p)
    assert programs.get_program(db, pid).tiers == 3


def test_add_participants_skips_duplicates_and_missing_subject(db):
    pid = program(db)
    a = person(db, "Ani")
    nosubject = people.save_person(db, {"full_name": "Tanpa Mapel", "region": "Kota Pekalongan",
                                        "nuptk": "1234567890123456"})
    first = programs.add_participants(db, pid, [a, nosubject], 2)
    assert len(first.added) == 1
    assert "Tanpa Mapel belum punya mata pelajaran" in first.skipped[0]
    again = programs.add_participants(db, pid, [a], 1)
    assert again.added == [] and "sudah menjadi Mitra" in again.skipped[0]
    with pytest.raises(ValidationError, match="hanya punya 2 tingkat"):
        programs.add_participants(db, program(db, labels="Mitra,Imbas", ratios="2"), [a], 3)


def test_history_across_programs(db):
    a, m = person(db, "Ani Imbas"), person(db, "Mentor Mitra")
    p2019 = program(db, name="Kemitraan 2019", year=2019)
    p2020 = program(db, name="Kemitraan 2020", year=2020)
    ani19 = join(db, p2019, a, 3)
    mentor = join(db, p2019, m, 2)
    pairing.set_mentor(db, p2019, [ani19], mentor)
    join(db, p2020, a, 2)
    rows = programs.history(db, a)
    assert [(r["year"], r["tier_label"]) for r in rows] == [(2020, "Mitra"), (2019, "Imbas")]
    assert rows[1]["mentor"] == "Mentor Mitra"


def test_remove_and_restore_participants_keeps_pairs(db):
    pid = program(db)
    inti = join(db, pid, person(db, "Inti"), 1)
    mitra = join(db, pid, person(db, "Mitra", region="Kabupaten Kupang"), 2)
    pairing.set_mentor(db, pid, [mitra], inti)
    snap = programs.snapshot_participants(db, [inti])
    programs.remove_participants(db, [inti])
    assert programs.get_participant(db, mitra)["mentor_id"] is None
    programs.restore_participants(db, snap)
    assert programs.get_participant(db, mitra)["mentor_id"] == inti


# ---------------------------------------------------------------- writing pairs

def test_set_mentor_refuses_wrong_subject_tier_and_capacity(db):
    pid = program(db, ratios="1,10")
    inti = join(db, pid, person(db, "Inti Mat"), 1)
    ipa = join(db, pid, person(db, "Mitra IPA", subject="IPA", region="Kabupaten Kupang"), 2)
    m1 = join(db, pid, person(db, "Mitra Satu", region="Kabupaten Kupang"), 2)
    m2 = join(db, pid, person(db, "Mitra Dua", region="Kabupaten Kupang"), 2)
    imbas = join(db, pid, person(db, "Imbas", region="Kabupaten Kupang"), 3)
    with pytest.raises(ValidationError, match="Mata pelajaran berbeda"):
        pairing.set_mentor(db, pid, [ipa], inti)
    with pytest.raises(ValidationError, match="hanya dapat dibimbing oleh Mitra"):
        pairing.set_mentor(db, pid, [imbas], inti)
    pairing.set_mentor(db, pid, [m1], inti)
    with pytest.raises(ValidationError, match="melebihi rasio"):
        pairing.set_mentor(db, pid, [m2], inti)
    assert programs.get_participant(db, m2)["mentor_id"] is None
    previous = pairing.set_mentor(db, pid, [m1], None)
    assert programs.get_participant(db, m1)["mentor_id"] is None
    pairing.restore_mentors(db, previous)
    assert programs.get_participant(db, m1)["mentor_id"] == inti


def test_jenjang_mismatch_is_refused(db):
    pid = program(db)
    inti = join(db, pid, person(db, "Inti SMP"), 1)
    mitra = join(db, pid, person(db, "Mitra SMA", jenjang="SMA", region="Kabupaten Kupang"), 2)
    with pytest.raises(ValidationError, match="Jenjang berbeda"):
        pairing.set_mentor(db, pid, [mitra], inti)


# ---------------------------------------------------------------- checks

def test_every_check_names_the_people(db):
    pid = program(db, ratios="1,1")
    inti = join(db, pid, person(db, "Ibu Inti"), 1)
    lonely = join(db, pid, person(db, "Inti Sendiri", subject="IPA"), 1)
    near = join(db, pid, person(db, "Mitra Tetangga"), 2)  # same kab/kota as the inti
    far = join(db, pid, person(db, "Mitra Jauh", region="Kabupaten Kupang"), 2)
    unpaired = join(db, pid, person(db, "Mitra Sendiri", region="Kabupaten Sikka"), 2)
    imbas_far = join(db, pid, person(db, "Imbas Jauh", region="Kabupaten Sikka"), 3)
    imbas_ok = join(db, pid, person(db, "Imbas Dekat", region="Kabupaten Kupang"), 3)
    pairing.restore_mentors(db, {near: inti, far: inti, imbas_far: far, imbas_ok: far})
    findings = pairing.check_program(db, pid)
    by_code = {f.code: f for f in findings}
    assert codes(findings) == ["capacity", "capacity", "imbas_region", "no_mentees", "no_mentor",
                               "same_region"]
    assert by_code["capacity"].severity == "error"
    assert set(by_code["capacity"].participant_ids) >= {inti, near, far} or \
        set(by_code["capacity"].participant_ids) >= {far, imbas_far, imbas_ok}
    assert "Mitra Sendiri (Mitra) belum punya Inti" in by_code["no_mentor"].message
    assert by_code["no_mentor"].participant_ids == [unpaired]
    assert "Inti Sendiri (Inti) belum membimbing Mitra" in by_code["no_mentees"].message
    assert by_code["no_mentees"].participant_ids == [lonely]
    assert "Imbas Jauh (Imbas) di Kabupaten Sikka" in by_code["imbas_region"].message
    assert "sama-sama dari Kota Pekalongan" in by_code["same_region"].message
    assert findings[0].severity == "error"  # errors first


def test_subject_jenjang_and_left_roster_are_errors(db):
    pid = program(db)
    inti = join(db, pid, person(db, "Inti Mat"), 1)
    ipa = join(db, pid, person(db, "Mitra IPA", subject="IPA", region="Kabupaten Kupang"), 2)
    sma_person = person(db, "Mitra SMA", jenjang="SMA", region="Kabupaten Kupang")
    sma = join(db, pid, sma_person, 2)
    pairing.restore_mentors(db, {ipa: inti, sma: inti})  # as if fixed by an old import
    people.delete_people(db, [sma_person])
    findings = pairing.check_program(db, pid)
    errors = {f.code: f.message for f in findings if f.severity == "error"}
    assert "Mitra IPA (Mitra) IPA, pembimbingnya Inti Mat (Inti) Matematika" in errors["subject"]
    assert "Mitra SMA (Mitra) tidak ada lagi di daftar guru" in errors["left_roster"]
    # the jenjang check uses the program's jenjang for a person no longer in the roster
    assert "jenjang" not in errors


def test_healthy_program_has_no_findings(db):
    pid = program(db)
    inti = join(db, pid, person(db, "Inti"), 1)
    mitra = join(db, pid, person(db, "Mitra", region="Kabupaten Kupang"), 2)
    imbas = join(db, pid, person(db, "Imbas", region="Kabupaten Kupang"), 3)
    pairing.restore_mentors(db, {mitra: inti, imbas: mitra})
    assert pairing.check_program(db, pid) == []


# ---------------------------------------------------------------- the assistant

def _scenario(db):
    """2 inti (Pekalongan, Semarang), 4 mitra (Kupang x2, Pekalongan, Sikka), 6 imbas."""
    pid = program(db, ratios="2,2")
    inti_a = join(db, pid, person(db, "Inti A", ukg=90), 1)
    inti_b = join(db, pid, person(db, "Inti B", region="Kota Semarang", ukg=80), 1)
    mitra = {name: join(db, pid, person(db, name, region=region), 2) for name, region in [
        ("Mitra Kupang 1", "Kabupaten Kupang"), ("Mitra Kupang 2", "Kabupaten Kupang"),
        ("Mitra Pekalongan", "Kota Pekalongan"), ("Mitra Sikka", "Kabupaten Sikka")]}
    imbas = {name: join(db, pid, person(db, name, region=region), 3) for name, region in [
        ("Imbas Kupang 1", "Kabupaten Kupang"), ("Imbas Kupang 2", "Kabupaten Kupang"),
        ("Imbas Kupang 3", "Kabupaten Kupang"), ("Imbas Sikka", "Kabupaten Sikka"),
        ("Imbas Ende", "Kabupaten Ende"), ("Imbas Mataram", "Kota Mataram")]}
    return pid, inti_a, inti_b, mitra, imbas


def test_assistant_follows_rules_and_preferences(db):
    pid, inti_a, inti_b, mitra, imbas = _scenario(db)
    proposal = pairing.propose(db, pid)
    chosen = {p.mentee_name: (p.mentor_id, p.note) for p in proposal.pairs}
    # the Pekalongan mitra crosses to the Semarang inti... both Central Java, so another
    # kab/kota; the NTT mitra go to another province
    assert chosen["Mitra Pekalongan"] == (inti_b, "kab/kota lain")
    assert chosen["Mitra Kupang 1"][1] == "provinsi lain"
    loads = {inti_a: 0, inti_b: 0}
    for p in proposal.pairs:
        if p.tier == 2:
            loads[p.mentor_id] += 1
    assert loads == {inti_a: 2, inti_b: 2}  # balanced, within the ratio
    # imbas: same kab/kota first, then same province, then anywhere with room
    assert chosen["Imbas Kupang 1"] == (mitra["Mitra Kupang 1"], "satu kab/kota")
    assert chosen["Imbas Sikka"] == (mitra["Mitra Sikka"], "satu kab/kota")
    assert chosen["Imbas Ende"][1] == "satu provinsi"
    assert chosen["Imbas Mataram"][1].startswith("provinsi lain")
    assert proposal.unplaced == []


def test_assistant_breaks_load_ties_by_ukg(db):
    pid = program(db, ratios="3,10")
    low = join(db, pid, person(db, "Inti Rendah", ukg=70), 1)
    high = join(db, pid, person(db, "Inti Tinggi", ukg=95), 1)
    first = join(db, pid, person(db, "Mitra", region="Kabupaten Kupang"), 2)
    proposal = pairing.propose(db, pid)
    assert [(p.mentee_id, p.mentor_id) for p in proposal.pairs] == [(first, high)]
    assert low  # the lower score waits for the next mentee


def test_assistant_is_deterministic_and_keeps_existing_pairs(db):
    pid, inti_a, inti_b, mitra, imbas = _scenario(db)
    pairing.set_mentor(db, pid, [mitra["Mitra Sikka"]], inti_a)
    one = pairing.propose(db, pid)
    two = pairing.propose(db, pid)
    assert one == two
    assert mitra["Mitra Sikka"] not in {p.mentee_id for p in one.pairs}
    repair = pairing.propose(db, pid, repair=True)
    assert mitra["Mitra Sikka"] in {p.mentee_id for p in repair.pairs}


def test_unplaceable_participants_get_a_reason(db):
    pid = program(db, ratios="1,10")
    join(db, pid, person(db, "Inti"), 1)
    join(db, pid, person(db, "Mitra 1", region="Kabupaten Kupang"), 2)
    join(db, pid, person(db, "Mitra 2", region="Kabupaten Kupang"), 2)
    join(db, pid, person(db, "Mitra Bahasa", subject="Bahasa Inggris", region="Kabupaten Kupang"), 2)
    proposal = pairing.propose(db, pid)
    reasons = {u.name: u.reason for u in proposal.unplaced}
    assert reasons["Mitra 2"] == ("Semua 1 Inti mata pelajaran Matematika sudah penuh "
                                  "(paling banyak 1 per orang).")
    assert reasons["Mitra Bahasa"] == ("Tidak ada Inti mata pelajaran Bahasa Inggris jenjang SMP "
                                       "di program ini.")


def test_apply_saves_accepted_pairs_in_one_go(db):
    pid, inti_a, inti_b, mitra, imbas = _scenario(db)
    proposal = pairing.propose(db, pid)
    accepted = [(p.mentee_id, p.mentor_id) for p in proposal.pairs if p.tier == 3]
    previous = pairing.apply_proposal(db, pid, accepted)
    rows = {r["id"]: r for r in programs.list_participants(db, pid)}
    assert all(rows[mentee]["mentor_id"] == mentor for mentee, mentor in accepted)
    assert all(rows[m]["mentor_id"] is None for m in mitra.values())  # not accepted
    pairing.restore_mentors(db, previous)
    assert all(r["mentor_id"] is None for r in programs.list_participants(db, pid))
    # a bad pair among good ones: nothing is saved
    bad = [*accepted, (imbas["Imbas Ende"], inti_a)]
    with pytest.raises(ValidationError):
        pairing.apply_proposal(db, pid, bad)
    assert all(r["mentor_id"] is None for r in programs.list_participants(db, pid))


def test_repair_replaces_existing_pairs(db):
    pid, inti_a, inti_b, mitra, imbas = _scenario(db)
    pairing.set_mentor(db, pid, [mitra["Mitra Kupang 1"]], inti_a)
    proposal = pairing.propose(db, pid, repair=True)
    pairing.apply_proposal(db, pid, [(p.mentee_id, p.mentor_id) for p in proposal.pairs
                                     if p.tier == 3], repair=True)
    assert programs.get_participant(db, mitra["Mitra Kupang 1"])["mentor_id"] is None


# ---------------------------------------------------------------- tree, search, summary

def test_tree_levels_counts_and_path(db):
    pid = program(db)
    inti = join(db, pid, person(db, "Inti"), 1)
    mitra = join(db, pid, person(db, "Mitra", region="Kabupaten Kupang"), 2)
    imbas = [join(db, pid, person(db, f"Imbas {i}", region="Kabupaten Kupang"), 3) for i in range(3)]
    loose = join(db, pid, person(db, "Imbas Lepas", region="Kabupaten Kupang"), 3)
    pairing.restore_mentors(db, {mitra: inti, **{i: mitra for i in imbas}})
    top = pairing.tree_level(db, pid)
    assert [(n["name"], n["direct"], n["reach"]) for n in top] == [("Inti", 1, 4)]
    assert [n["id"] for n in pairing.tree_level(db, pid, mentor_id=mitra)] == imbas
    assert [n["id"] for n in pairing.tree_level(db, pid, unpaired_tier=3)] == [loose]
    assert pairing.unpaired_counts(db, pid) == {3: 1}
    assert pairing.path_to(db, imbas[0]) == [inti, mitra, imbas[0]]
    assert pairing.search(db, pid, "lepas") == [loose]
    with pytest.raises(NotFoundError):
        programs.get_program(db, 999)


def test_summary_by_province_and_subject(db):
    pid = program(db)
    join(db, pid, person(db, "Inti"), 1)
    join(db, pid, person(db, "Mitra", region="Kabupaten Kupang"), 2)
    join(db, pid, person(db, "Imbas", region="Kabupaten Kupang"), 3)
    rows = {(r["province"], r["subject"]): r for r in pairing.summary(db, pid)}
    assert rows[("Jawa Tengah", "Matematika")]["counts"] == [1, 0, 0]
    assert rows[("Nusa Tenggara Timur", "Matematika")]["counts"] == [0, 1, 1]
    assert rows[("Nusa Tenggara Timur", "Matematika")]["reach"] == 2
    assert rows[("Jawa Tengah", "Matematika")]["reach"] == 0  # an inti is not mentored


# ---------------------------------------------------------------- fixes from review

def test_principals_pair_across_subjects(db):
    pid = programs.create_program(db, "Kemitraan Kepala Sekolah", 2019, "SMP", "kepala sekolah",
                                  ratios="2,10")
    inti = join(db, pid, person(db, "KS Inti", subject="IPA"), 1)
    mitra = join(db, pid, person(db, "KS Mitra", subject="Bahasa Indonesia",
                                 region="Kabupaten Kupang"), 2)
    assert programs.get_participant(db, mitra)["subject"] is None
    proposal = pairing.propose(db, pid)
    assert [(p.mentee_id, p.mentor_id) for p in proposal.pairs] == [(mitra, inti)]
    pairing.apply_proposal(db, pid, [(mitra, inti)])
    assert pairing.check_program(db, pid) == []


def test_constrained_mitra_choose_first_to_cross_provinces(db):
    pid = program(db, ratios="1,10")
    semarang = join(db, pid, person(db, "Inti Semarang", region="Kota Semarang", ukg=80), 1)
    surabaya = join(db, pid, person(db, "Inti Surabaya", region="Kota Surabaya", ukg=90), 1)
    pekalongan = join(db, pid, person(db, "Mitra Pekalongan", region="Kota Pekalongan"), 2)
    aceh = join(db, pid, person(db, "Mitra Aceh", region="Kota Banda Aceh"), 2)
    chosen = {p.mentee_id: (p.mentor_id, p.note) for p in pairing.propose(db, pid).pairs}
    assert chosen == {pekalongan: (surabaya, "provinsi lain"), aceh: (semarang, "provinsi lain")}


def test_proposal_does_not_overwrite_a_pair_made_meanwhile(db):
    pid, inti_a, inti_b, mitra, imbas = _scenario(db)
    proposal = pairing.propose(db, pid)
    target = next(p for p in proposal.pairs if p.tier == 2)
    other = inti_a if target.mentor_id == inti_b else inti_b
    pairing.set_mentor(db, pid, [target.mentee_id], other)
    with pytest.raises(ValidationError, match="sudah dipasangkan sejak usulan dibuat"):
        pairing.apply_proposal(db, pid, [(p.mentee_id, p.mentor_id) for p in proposal.pairs])
    assert programs.get_participant(db, target.mentee_id)["mentor_id"] == other


def test_undo_refuses_what_the_program_can_no_longer_hold(db):
    pid = program(db)
    inti = join(db, pid, person(db, "Inti"), 1)
    mitra = join(db, pid, person(db, "Mitra", region="Kabupaten Kupang"), 2)
    imbas = join(db, pid, person(db, "Imbas", region="Kabupaten Kupang"), 3)
    pairing.restore_mentors(db, {mitra: inti, imbas: mitra})
    snapshot = programs.snapshot_participants(db, [imbas])
    programs.remove_participants(db, [imbas])
    p = programs.get_program(db, pid)
    p.labels, p.ratios = ["Inti", "Mitra"], [3]
    programs.save_program(db, p)
    with pytest.raises(ValidationError, match="kini hanya 2 tingkat"):
        programs.restore_participants(db, snapshot)
    assert [r["tier"] for r in programs.list_participants(db, pid)] == [1, 2]
    previous = pairing.set_mentor(db, pid, [mitra], None)
    programs.remove_participants(db, [inti])
    with pytest.raises(ValidationError, match="tidak dapat dibatalkan|Tidak dapat dibatalkan"):
        pairing.restore_mentors(db, previous)
    programs.delete_program(db, pid)
    with pytest.raises(ValidationError, match="programnya sudah dihapus"):
        programs.restore_participants(db, snapshot)


def test_a_person_added_again_is_relinked_with_their_pairs(db):
    pid = program(db)
    inti = join(db, pid, person(db, "Inti"), 1)
    person_id = person(db, "Mitra Pergi", region="Kabupaten Kupang")
    nuptk = people.get_person(db, person_id)["nuptk"]
    mitra = join(db, pid, person_id, 2)
    pairing.set_mentor(db, pid, [mitra], inti)
    people.delete_people(db, [person_id])
    finding = pairing.check_program(db, pid)[0]
    assert finding.code == "left_roster" and f"dengan nomor {nuptk}" in finding.message
    assert programs.get_participant(db, mitra)["nuptk"] == nuptk  # still printed by its ID
    people.save_person(db, {"full_name": "Mitra Pergi", "nuptk": nuptk, "subject": "Matematika",
                            "region": "Kabupaten Kupang", "jenjang": "SMP"})
    again = programs.get_participant(db, mitra)
    assert not again["left_roster"] and again["mentor_id"] == inti
    assert pairing.check_program(db, pid) == []


def test_tree_search_treats_wildcards_as_text(db):
    pid = program(db)
    join(db, pid, person(db, "Ani"), 1)
    assert pairing.search(db, pid, "_") == [] and pairing.search(db, pid, "%") == []


def test_tree_counts_use_the_mentor_index_whatever_the_statistics(db):
    """Statistics taken while nobody was paired must not turn each node's count into a scan
    of every participant (a 2,000-node tree took 17 s so)."""
    pid = program(db)
    for i in range(30):
        join(db, pid, person(db, f"Imbas {i}", region="Kabupaten Kupang"), 3)
    join(db, pid, person(db, "Inti"), 1)
    db.execute("ANALYZE")  # every mentor_id is NULL now
    from kemitraan_desktop.programs import PARTICIPANT_SELECT
    select = PARTICIPANT_SELECT.replace("AS left_roster", "AS left_roster" + pairing._NODE_COUNTS)
    plan = [row[3] for row in db.execute(
        "EXPLAIN QUERY PLAN " + select + "WHERE t.program_id = ? AND t.tier = 1", [pid])]
    assert not [step for step in plan if step.startswith(("SCAN c", "SCAN g"))], plan
