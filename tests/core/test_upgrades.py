"""Every released schema version upgrades to the current one with its data intact.
tests/data/upgrade/schema-NNNN.db holds a database as version NNNN left it
(tests/data/make_upgrade_dbs.py wrote them once)."""

import shutil
from pathlib import Path

import pytest

from kemitraan_desktop import certificates, history, migrations, people, store

UPGRADES = sorted((Path(__file__).resolve().parents[1] / "data" / "upgrade").glob("schema-*.db"))


def test_every_earlier_version_has_its_file():
    versions = [p.stem.removeprefix("schema-") for p in UPGRADES]
    assert versions == [name[:4] for name in migrations.known_names()[:-1]]


@pytest.mark.parametrize("source", UPGRADES, ids=[p.stem for p in UPGRADES])
def test_an_old_database_upgrades_with_its_data(source, tmp_path):
    version = int(source.stem.removeprefix("schema-"))
    path = tmp_path / "kemitraan.db"
    shutil.copy(source, path)
    db = store.open_db(path)
    assert store.applied_migrations(db) == migrations.known_names()
    assert list((tmp_path / "cadangan").glob("kemitraan-pra-migrasi-*.db"))  # backed up first
    assert store.check(db) == []
    assert people.count_people(db) == 184
    assert len(people.list_people(db, "smpn pekalongan")) == 8  # the search index came along

    def count(table):
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    if version >= 2:
        assert count("programs") == 2 and count("participants") == 208
        assert count("participants WHERE mentor_id IS NOT NULL") == 182
        assert count("participants WHERE nuptk IS NULL AND nip IS NULL AND nik IS NULL") == 0
    if version >= 4:
        assert count("activities") == 2 and count("rundown_items") > 30
    if version >= 5:
        assert count("attendance_marks") == 240
    if version >= 6:
        register = certificates.register(db)
        assert len(register) == 23 and register[0]["number"] == "421.3/001/DINDIK/IX/2018"
        assert certificates.verify(db, register[0]["verification"]).ok  # the office key survived
    if version >= 7:
        assert count("history") >= 837  # the trail so far came along
    # every record that can travel got an identifier of its own (migration 0010)
    for kind, table in migrations.EXCHANGED.items():
        assert count(f"exchange_ids WHERE kind = '{kind}'") == count(table)
    assert count("exchange_ids") == db.execute("SELECT count(DISTINCT uuid) FROM exchange_ids").fetchone()[0]
    # the audit trail works on the old data
    person = people.list_people(db, limit=1)[0]
    people.delete_people(db, [person["id"]])
    assert history.entries(db, person_id=person["id"])[0].text.startswith("Dihapus dari daftar guru")
    db.close()
