"""Removing a person completely (a data-protection request): roster, programs, attendance
and audit trail; refused while the certificate register holds their certificates."""

import pytest

from kemitraan_desktop import cli, forgetting, history, people, store
from kemitraan_desktop.errors import ValidationError


def without_certificate(db, program_id):
    return db.execute("SELECT person_id FROM participants WHERE program_id = ? AND person_id NOT IN "
                      "(SELECT x.person_id FROM certificates c JOIN participants x ON x.id = "
                      "c.participant_id) ORDER BY id DESC LIMIT 1", [program_id]).fetchone()[0]


def test_a_person_without_certificates_is_removed_with_their_trail(demo_copy):
    pid = without_certificate(demo_copy, 2)
    person = people.get_person(demo_copy, pid)
    assert history.entries(demo_copy, person_id=pid)
    result = forgetting.forget(demo_copy, pid)
    assert result["name"] == person["name"] and result["programs"] >= 1
    assert demo_copy.execute("SELECT count(*) FROM people WHERE id = ?", [pid]).fetchone()[0] == 0
    assert demo_copy.execute("SELECT count(*) FROM participants WHERE person_id = ?", [pid]).fetchone()[0] == 0
    assert demo_copy.execute("SELECT count(*) FROM history WHERE person_id = ?", [pid]).fetchone()[0] == 0
    everything = demo_copy.execute("SELECT group_concat(coalesce(before, '') || coalesce(after, ''), ' ') "
                                   "FROM history").fetchone()[0]
    for value in (person["name"], person["nuptk"], person["nip"], person["nik"]):
        assert value and value not in everything  # nothing about them is left in the trail
    last = history.entries(demo_copy, limit=1)[0]
    assert "data pribadinya dihapus seluruhnya" in last.text
    assert store.check(demo_copy) == []


def test_a_certificate_holder_is_refused(demo_copy):
    holder = demo_copy.execute("SELECT p.person_id FROM certificates c JOIN participants p ON p.id = "
                               "c.participant_id LIMIT 1").fetchone()[0]
    with pytest.raises(ValidationError, match="memegang 1 sertifikat"):
        forgetting.forget(demo_copy, holder)
    assert demo_copy.execute("SELECT count(*) FROM people WHERE id = ?", [holder]).fetchone()[0] == 1


def test_cli_forget(demo_copy, capsys):
    path = store.db_file(demo_copy)
    pid = without_certificate(demo_copy, 2)
    person = people.get_person(demo_copy, pid)
    ident = person["nuptk"] or person["nip"]
    assert cli.main(["--db", str(path), "forget", ident]) != 0  # no terminal, no --yes: nothing done
    assert "--yes" in capsys.readouterr().err
    assert cli.main(["--db", str(path), "forget", ident, "--yes"]) == 0
    assert "dihapus seluruhnya" in capsys.readouterr().out
    assert cli.main(["--db", str(path), "history", "--person", ident]) != 0
    assert "Tidak ada guru" in capsys.readouterr().err


def test_forgetting_a_mentor_scrubs_their_name_and_leaves_nothing_in_the_file(demo_copy):
    mentor = demo_copy.execute(
        "SELECT m.person_id, m.name, count(*) FROM participants p JOIN participants m ON m.id = "
        "p.mentor_id WHERE m.program_id = 2 AND m.person_id NOT IN (SELECT x.person_id FROM "
        "certificates c JOIN participants x ON x.id = c.participant_id) GROUP BY m.id ORDER BY m.id "
        "DESC LIMIT 1").fetchone()
    person = people.get_person(demo_copy, mentor[0])
    assert mentor[2] >= 1
    # an earlier roster entry of the same teacher, deleted long ago, with its own trail
    people.delete_people(demo_copy, [mentor[0]])
    again = people.save_person(demo_copy, {"full_name": person["name"], "nuptk": person["nuptk"],
                                           "nip": person["nip"], "gender": person["gender"]})
    forgetting.forget(demo_copy, again)
    pairs = demo_copy.execute("SELECT group_concat(coalesce(before, '') || coalesce(after, '')) FROM "
                              "history").fetchone()[0]
    assert mentor[1] not in pairs and person["nuptk"] not in pairs and person["nip"] not in pairs
    assert "(data dihapus)" in pairs  # the mentees' entries still say their mentor went
    path = store.db_file(demo_copy)
    raw = path.read_bytes() + (path.with_name(path.name + "-wal").read_bytes()
                               if path.with_name(path.name + "-wal").exists() else b"")
    for value in (person["nuptk"], person["nip"], person["nik"]):
        assert value.encode() not in raw  # zeroed, not just unlinked
    assert people.list_people(demo_copy, person["nuptk"]) == []


def test_someone_already_deleted_from_the_roster_can_still_be_forgotten(demo_copy, capsys):
    pid = without_certificate(demo_copy, 2)
    person = people.get_person(demo_copy, pid)
    people.delete_people(demo_copy, [pid])
    path = store.db_file(demo_copy)
    assert cli.main(["--db", str(path), "forget", person["nuptk"], "--yes"]) == 0
    assert person["name"] in capsys.readouterr().out
    assert demo_copy.execute("SELECT count(*) FROM history WHERE person_id = ?", [pid]).fetchone()[0] == 0
