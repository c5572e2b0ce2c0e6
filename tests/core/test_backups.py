"""Backups and restore: the daily automatic backup with its rotation (7 daily, 4 weekly),
each checked; what a backup holds, shown before restoring; a restore that backs the
current data up first and replaces it in one step; the CLI's restore."""

import datetime as dt
import sqlite3

import pytest

from kemitraan_desktop import backups, cli, people, store
from kemitraan_desktop.errors import StorageError


def names(folder):
    return sorted(p.name.rsplit("-", 1)[0] for p in folder.iterdir())


def test_a_daily_backup_once_a_day_and_the_rotation(demo_copy):
    path = store.db_file(demo_copy)
    first = backups.daily_backup(demo_copy, dt.date(2026, 11, 2))
    assert first.parent == path.parent / "cadangan"
    assert backups.daily_backup(demo_copy, dt.date(2026, 11, 2)) is None  # once a day
    check = sqlite3.connect(first)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert check.execute("SELECT count(*) FROM people").fetchone()[0] == 184
    check.close()
    for offset in range(1, 40):  # forty days of use
        backups.daily_backup(demo_copy, dt.date(2026, 11, 2) + dt.timedelta(days=offset))
    folder = path.parent / "cadangan"
    daily = sorted(p.name for p in folder.glob("*-harian-*"))
    weekly = sorted(p.name for p in folder.glob("*-mingguan-*"))
    assert [n.split("-")[2] for n in daily] == [f"202612{d:02d}" for d in range(5, 12)]  # the last 7
    assert [n.split("-")[2] for n in weekly] == ["20261116", "20261123", "20261130", "20261207"]


def test_what_a_backup_holds_and_a_restore(demo_copy, tmp_path):
    saved = store.backup(demo_copy, tmp_path / "flashdisk.db")
    people.delete_people(demo_copy, [1, 2, 3])
    demo_copy.execute("DELETE FROM certificates")
    summary = backups.inspect_backup(saved)
    assert (summary.people, summary.programs, summary.activities, summary.certificates) == (184, 2, 2, 23)
    assert not summary.newer
    restored, safety = backups.restore(demo_copy, saved)
    assert people.count_people(demo_copy) == 184
    assert demo_copy.execute("SELECT count(*) FROM certificates").fetchone()[0] == 23
    assert store.check(demo_copy) == []
    # the data as it was before the restore is kept
    before = backups.inspect_backup(safety)
    assert before.people == 181 and before.certificates == 0
    assert safety.name.startswith("kemitraan-pra-pulih-")


def test_a_bad_backup_is_refused_and_nothing_changes(demo_copy, tmp_path):
    text = tmp_path / "bukan.db"
    text.write_text("daftar guru")
    with pytest.raises(StorageError, match="bukan berkas SQLite, bukan cadangan Kemitraan"):
        backups.restore(demo_copy, text)
    damaged = store.backup(demo_copy, tmp_path / "rusak.db")
    data = bytearray(damaged.read_bytes())
    data[4096 * 3:4096 * 3 + 200] = b"\xff" * 200  # a page overwritten
    damaged.write_bytes(bytes(data))
    with pytest.raises(StorageError, match="rusak"):
        backups.restore(demo_copy, damaged)
    with pytest.raises(StorageError, match="tidak ada"):
        backups.restore(demo_copy, tmp_path / "hilang.db")
    with pytest.raises(StorageError, match="sedang dibuka"):
        backups.restore(demo_copy, store.db_file(demo_copy))
    assert people.count_people(demo_copy) == 184
    assert not (store.db_file(demo_copy).parent / "cadangan").exists()  # no safety copy for nothing


def test_a_backup_from_a_newer_version_is_refused(demo_copy, tmp_path):
    newer = store.backup(demo_copy, tmp_path / "baru.db")
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES "
                 "('kemitraan', '9999_future', '2030-01-01')")
    conn.commit()
    conn.close()
    assert backups.inspect_backup(newer).newer
    with pytest.raises(StorageError, match="lebih baru"):
        backups.restore(demo_copy, newer)


def test_cli_restore_shows_the_backup_and_asks(demo_copy, tmp_path, capsys, monkeypatch):
    path = store.db_file(demo_copy)
    saved = store.backup(demo_copy, tmp_path / "cadangan-flashdisk.db")
    people.delete_people(demo_copy, [5])
    demo_copy.close()
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda _prompt: "tidak")
    assert cli.main(["--db", str(path), "restore", str(saved)]) != 0
    out = capsys.readouterr().out
    assert "184 guru, 2 program, 2 kegiatan, 23 sertifikat" in out and "Dibatalkan" in out
    assert cli.main(["--db", str(path), "restore", str(saved), "--yes"]) == 0
    assert "Dipulihkan" in capsys.readouterr().out
    db = store.open_db(path)
    assert people.count_people(db) == 184
    db.close()


def test_the_cli_makes_the_days_backup(db_path, capsys):
    assert cli.main(["--db", str(db_path), "people", "list"]) == 0
    assert len(list((db_path.parent / "cadangan").glob("kemitraan-harian-*.db"))) == 1
    assert cli.main(["--db", str(db_path), "people", "list"]) == 0
    assert len(list((db_path.parent / "cadangan").glob("kemitraan-harian-*.db"))) == 1


def test_a_failed_daily_backup_warns_and_the_command_still_runs(db_path, capsys):
    (db_path.parent / "cadangan").write_text("a file where the backup folder should be")
    assert cli.main(["--db", str(db_path), "people", "list"]) == 0
    err = capsys.readouterr().err
    assert "cadangan harian tidak dibuat" in err and "Traceback" not in err


def test_other_files_in_the_backup_folder_are_never_touched(demo_copy):
    folder = store.db_file(demo_copy).parent / "cadangan"
    folder.mkdir()
    mine = [folder / "kemitraan-harian-salinan-pak-budi.db", folder / "kemitraan-harian-abcdefgh-ijklmn.db",
            folder / "catatan.txt"]
    for path in mine:
        path.write_text("punya operator")
    for offset in range(10):
        backups.daily_backup(demo_copy, dt.date(2026, 11, 1) + dt.timedelta(days=offset))
    assert all(path.exists() for path in mine)
    assert len(list(folder.glob("kemitraan-harian-2026*.db"))) == 7


def test_nobody_writes_while_the_safety_copy_is_made(demo_copy, tmp_path, monkeypatch):
    """The safety copy is made holding the write lock: a change another program makes
    waits for it, so none is left out of the copy and then restored over (a running import
    finishes first and is in the copy: test_second_trial)."""
    saved = store.backup(demo_copy, tmp_path / "lama.db")
    real_backup = store.backup
    refused = []

    def backup_while_another_program_tries_to_write(db, dest=None, **kwargs):
        made = real_backup(db, dest, **kwargs)
        other = sqlite3.connect(store.db_file(demo_copy), timeout=0)
        try:
            other.execute("INSERT INTO people (full_name, name_key) VALUES ('Guru Baru', 'guru baru')")
        except sqlite3.OperationalError as exc:
            refused.append(str(exc))
        finally:
            other.close()
        return made
    monkeypatch.setattr(store, "backup", backup_while_another_program_tries_to_write)
    _summary, safety = backups.restore(demo_copy, saved)
    assert refused == ["database is locked"]
    assert backups.inspect_backup(safety).people == 184


def test_the_backup_date_comes_from_its_name_not_the_copy(demo_copy, tmp_path):
    import os

    made = backups.daily_backup(demo_copy, dt.date(2026, 3, 2))
    copied = tmp_path / made.name
    copied.write_bytes(made.read_bytes())
    os.utime(copied, (0, 0))  # a copy on a flash disk, its file time lost
    summary = backups.inspect_backup(copied)
    assert summary.saved.date() == dt.date(2026, 3, 2)
    assert summary.last_change  # the newest change recorded inside
