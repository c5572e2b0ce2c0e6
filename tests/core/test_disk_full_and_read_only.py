"""A full disk and a read-only database, made with SQLite's own limits (max_page_count,
query_only): a clear Indonesian message, nothing half-written, the database still usable."""

import datetime as dt

import pytest

from kemitraan_desktop import attendance, certificates, cli, pairing, people, store
from kemitraan_desktop.errors import StorageError
from kemitraan_desktop.spreadsheets.export import export_roster
from kemitraan_desktop.spreadsheets.roster_import import import_roster


@pytest.fixture(scope="module")
def roster(demo_template, tmp_path_factory):
    """The demo's 184 people as a roster workbook (read from the session's demo file)."""
    path = tmp_path_factory.mktemp("roster") / "semua.xlsx"
    demo = store.open_db(demo_template)
    export_roster(demo, path)
    demo.close()
    return path


def fill_disk(db, room_pages: int = 3) -> None:
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + room_pages}")


def test_an_import_onto_a_full_disk_writes_nothing(db, roster):
    fill_disk(db)
    with pytest.raises(StorageError, match="disk penuh"):
        import_roster(db, roster)
    assert people.count_people(db) == 0
    assert store.check(db) == []
    db.execute("PRAGMA max_page_count = 1073741823")  # room again: the same import now works
    assert import_roster(db, roster).new == 184


def test_a_read_only_database_refuses_each_kind_of_change_cleanly(demo_copy):
    before = {t: demo_copy.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("people", "participants", "attendance_marks", "certificates", "history")}
    demo_copy.execute("DELETE FROM certificates WHERE id > 20")
    before["certificates"] = 20
    demo_copy.execute("PRAGMA query_only = ON")
    mentee = demo_copy.execute("SELECT id FROM participants WHERE program_id = 2 AND mentor_id IS NOT "
                               "NULL LIMIT 1").fetchone()[0]
    session = attendance.sessions(demo_copy, 1)[0]
    attempts = [
        lambda: people.delete_people(demo_copy, [1]),
        lambda: pairing.set_mentor(demo_copy, 2, [mentee], None),
        lambda: attendance.set_marks(demo_copy, 1, [attendance.Mark(1, *session.key, "alpa")]),
        lambda: certificates.issue(demo_copy, 1, dt.date(2018, 9, 16)),
    ]
    for attempt in attempts:
        with pytest.raises(StorageError, match="hanya bisa dibaca"):
            attempt()
    demo_copy.execute("PRAGMA query_only = OFF")
    after = {t: demo_copy.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
    assert after == before
    assert store.check(demo_copy) == []


def test_the_cli_says_disk_full_in_indonesian(db, db_path, roster, capsys, monkeypatch):
    real_open = store.open_db

    def open_full(path, **kwargs):
        opened = real_open(path, **kwargs)
        fill_disk(opened)
        return opened
    monkeypatch.setattr(store, "open_db", open_full)
    assert cli.main(["--db", str(db_path), "people", "import", str(roster)]) != 0
    err = capsys.readouterr().err
    assert "disk penuh" in err and "Traceback" not in err
    assert people.count_people(db) == 0
