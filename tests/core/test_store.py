"""Opening the database: pragmas, migrations, refusing foreign and newer files, backups, check."""

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils.migrations import Migrations

from kemitraan_desktop import db_files, people, store
from kemitraan_desktop import migrations as schema
from kemitraan_desktop.errors import StorageError


def test_new_file_is_created_migrated_and_recognisable(tmp_path):
    path = tmp_path / "sub" / "baru.db"
    db = store.open_db(path)
    assert path.exists()
    assert db.execute("PRAGMA application_id").fetchone()[0] == db_files.APPLICATION_ID
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == db_files.BUSY_TIMEOUT_MS
    assert store.applied_migrations(db) == schema.known_names()
    assert db.execute("SELECT count(*) FROM regions").fetchone()[0] == 552
    assert {"people", "schools", "regions", "people_fts", "settings"} <= set(db.table_names())
    db.close()
    # The application id is in the main file's header even before any checkpoint.
    assert int.from_bytes(path.read_bytes()[68:72], "big") == db_files.APPLICATION_ID


def test_db_location_default_env_and_explicit(tmp_path, monkeypatch):
    monkeypatch.delenv("KEMITRAAN_DB")
    assert db_files.resolve_db_path().name == "kemitraan.db"
    assert "Kemitraan" in str(db_files.resolve_db_path())
    monkeypatch.setenv("KEMITRAAN_DB", str(tmp_path / "env.db"))
    assert db_files.resolve_db_path() == tmp_path / "env.db"
    assert db_files.resolve_db_path(tmp_path / "x.db") == tmp_path / "x.db"


def test_a_spreadsheet_renamed_db_is_refused_unchanged(tmp_path):
    path = tmp_path / "roster.db"
    original = Path(__file__).parent.parent.joinpath("data", "roster_libreoffice.xlsx").read_bytes()
    path.write_bytes(original)
    with pytest.raises(StorageError, match="bukan basis data Kemitraan"):
        store.open_db(path)
    assert path.read_bytes() == original
    assert not Path(f"{path}-wal").exists()


def test_another_programs_sqlite_file_is_refused_unchanged(tmp_path):
    path = tmp_path / "lain.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StorageError, match="milik program lain"):
        store.open_db(path)
    assert path.read_bytes() == before


def test_a_file_from_a_newer_version_is_refused_unchanged(db_path):
    db = store.open_db(db_path)
    db["_sqlite_migrations"].insert({"migration_set": schema.MIGRATION_SET,
                                     "name": "0999_from_the_future", "applied_at": "2030"})
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = db_path.read_bytes()
    with pytest.raises(StorageError, match="versi Kemitraan Desktop yang lebih baru") as info:
        store.open_db(db_path)
    assert "0999_from_the_future" in info.value.details[0]
    assert db_path.read_bytes() == before


def test_pending_migration_runs_after_an_automatic_backup(db_path, monkeypatch):
    db = store.open_db(db_path)
    people.save_person(db, {"full_name": "Sri Lestari", "nuptk": "1234567890123456"})
    db.close()
    newer = Migrations(schema.MIGRATION_SET)
    for migration in schema.migrations._migrations:
        newer(name=migration.name)(migration.fn)

    @newer(name="0002_test_column")
    def add_column(database):
        database.execute("ALTER TABLE people ADD COLUMN test_note TEXT")

    monkeypatch.setattr(store, "migrations", newer)
    monkeypatch.setattr(store, "known_names", lambda: [m.name for m in newer._migrations])
    db = store.open_db(db_path)
    assert "test_note" in db["people"].columns_dict
    backups = list(db_files.backups_dir(db_path).glob("*pra-migrasi*.db"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT full_name FROM people").fetchall() == [("Sri Lestari",)]
    assert "test_note" not in [c[1] for c in old.execute("PRAGMA table_info(people)")]


def test_backup_uses_the_backup_api_and_is_checked(db, tmp_path):
    people.save_person(db, {"full_name": "Sri Lestari", "nuptk": "1234567890123456"})
    dest = store.backup(db, tmp_path / "flashdisk" / "cadangan.db")
    copy = store.open_db(dest)
    assert [p["name"] for p in people.list_people(copy)] == ["Sri Lestari"]
    assert store.check(copy) == []


def test_check_reports_integrity_and_foreign_key_problems(db):
    assert store.check(db) == []
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("INSERT INTO people (full_name, name_key, nuptk, school_id) "
               "VALUES ('X', 'x', '1234567890123456', 999)")
    problems = store.check(db)
    assert len(problems) == 2 and "schools" in problems[0]
    assert problems[1] == "Indeks pencarian tidak lengkap: 1 orang tidak dapat dicari"


def test_locked_database_gets_a_clear_message(db_path):
    db = store.open_db(db_path)
    other = sqlite3.connect(db_path, timeout=0.1)
    other.execute("BEGIN IMMEDIATE")
    db.conn.execute("PRAGMA busy_timeout = 100")
    with pytest.raises(StorageError, match="sedang dipakai program lain"):
        with store.map_storage_errors("Menyimpan"):
            people.save_person(db, {"full_name": "Sri Lestari", "nuptk": "1234567890123456"})
    other.rollback()
    assert people.count_people(db) == 0


def test_missing_database_for_check_is_reported(tmp_path):
    with pytest.raises(StorageError, match="tidak ada"):
        store.open_db(tmp_path / "tidak-ada.db", create=False)
