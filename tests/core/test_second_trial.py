"""A second held-out trial (issue 14), run against the app as issues 15-20 left it: the
ways it still lost or replaced data, each written from its reproduction. Every command
runs on a fresh copy of the demo database through the `kemitraan` command."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from helpers import bad_files, count_people, digest, run_command
from openpyxl import Workbook

from kemitraan_desktop import exchange, soundness, store

gen = bad_files()
run = run_command


@pytest.fixture
def demo_file(demo_template, tmp_path) -> Path:
    path = tmp_path / "k.db"
    shutil.copy(demo_template, path)
    return path


def workbook(path: Path) -> Path:
    book = Workbook()
    book.active["A1"] = "Daftar guru"
    book.save(path)
    return path


def stray_wal(beside: Path, tmp_path: Path) -> None:
    """Another database's -wal, one committed change in it, left beside `beside` (the
    database replaced by a copy while the old -wal stayed)."""
    other = tmp_path / "lain" / "o.db"
    other.parent.mkdir()
    store.open_db(other).close()
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE catatan (isi TEXT)")
    conn.execute("INSERT INTO catatan VALUES ('dari kantor lain')")
    conn.commit()
    shutil.copy(f"{other}-wal", f"{beside}-wal")
    conn.close()


def test_a_stray_wal_is_never_merged_into_the_database(demo_file, tmp_path, capsys):
    """Before: `check` and even `people list` merged it, the file shrank and was lost."""
    sound = digest(demo_file)
    stray_wal(demo_file, tmp_path)
    for command in (["check"], ["people", "list"], ["init"], ["people", "export",
                                                              tmp_path / "o.xlsx"]):
        code, out, err = run(capsys, demo_file, *command)
        assert code == 1, (command, out, err)
        assert "k.db-wal" in err and "pindahkan berkas itu" in err and "Tidak ada yang ditulis" in err
        assert digest(demo_file) == sound and Path(f"{demo_file}-wal").exists()
    # moved away, as the message says: the database is whole
    Path(f"{demo_file}-wal").rename(tmp_path / "k.db-wal.lama")
    Path(f"{demo_file}-shm").unlink(missing_ok=True)
    code, out, _ = run(capsys, demo_file, "check")
    assert code == 0 and "Basis data sehat" in out and "184 orang" in out


def test_a_damaged_file_with_its_own_wal_keeps_both(demo_file, capsys):
    """A crash left a committed change in the -wal and a page of the main file is damaged:
    nothing is merged, so a specialist (or a restore) still has both."""
    conn = sqlite3.connect(demo_file)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE settings SET value = 'Jl. Sesudah Padam 1' WHERE key = 'office.address'")
    conn.commit()
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'people'").fetchone()[0]
    saved_main, saved_wal = demo_file.read_bytes(), Path(f"{demo_file}-wal").read_bytes()
    conn.close()  # the last connection merges the -wal; put the crash's files back
    data = bytearray(saved_main)
    data[(root - 1) * 4096] ^= 0x07
    demo_file.write_bytes(bytes(data))
    Path(f"{demo_file}-wal").write_bytes(saved_wal)
    before = digest(demo_file)
    code, out, err = run(capsys, demo_file, "check")
    assert code == 1 and "rusak" in err + out
    assert digest(demo_file) == before and Path(f"{demo_file}-wal").read_bytes() == saved_wal


def test_a_backup_into_the_databases_journal_name_is_refused(demo_file, capsys):
    """Before: a folder named k.db-journal was made and the database could not be opened."""
    code, _, err = run(capsys, demo_file, "backup", "--to", demo_file.parent / "k.db-journal")
    assert code == 2 and "milik berkas basis data itu sendiri" in err
    for name in ("k.db-journal", "k.db-wal", "k.db-shm"):
        assert run(capsys, demo_file, "backup", "--to", demo_file.parent / name)[0] == 2
        assert not (demo_file.parent / name).is_dir()
    assert run(capsys, demo_file, "check")[0] == 0


@pytest.mark.parametrize("command", [["certificate", "key"], ["selftest"]])
def test_text_is_never_written_over_a_workbook_whatever_its_name(demo_file, tmp_path, command,
                                                                  capsys):
    """Before: the key (or the self-test's JSON) replaced the workbook, "jenis yang sama"."""
    target = workbook(tmp_path / "daftar-guru.xlsx")
    before = digest(target)
    code, _, err = run(capsys, demo_file, *command, "--out", target)
    assert code == 2 and "lembar kerja Excel" in err and "tidak ditimpa" in err
    assert digest(target) == before


def test_the_self_test_refuses_a_missing_folder_before_it_runs(demo_file, tmp_path, capsys):
    """Before: a minute of checks, then "kesalahan tak terduga"."""
    code, out, err = run(capsys, demo_file, "selftest", "--out", tmp_path / "tidak-ada" / "h.json")
    assert code == 2 and "Folder" in err and "tidak ada" in err and out == ""


def test_a_failed_exchange_export_leaves_no_numbered_file(demo_file, tmp_path, monkeypatch,
                                                          capsys):
    """Before: the file "no. 2" stayed although the office never recorded it; the real
    no. 2 was then refused by the partner and its changes were lost to it."""
    out = tmp_path / "kirim.kemitraan"

    def refused(*_args):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(exchange.shutil, "copyfile", refused)
    code, _, err = run(capsys, demo_file, "exchange", "export", "--out", out)
    assert code == 2 and "tidak ada izin" in err and "Tidak ada yang dikirim" in err
    assert not out.exists() and not list(tmp_path.glob("*.sementara*"))
    monkeypatch.undo()
    code, stdout, _ = run(capsys, demo_file, "exchange", "export", "--out", out)
    assert code == 0 and "Berkas no. 1 " in stdout and out.exists()


def test_a_truncated_database_names_its_last_good_backup(demo_file, capsys):
    """Before: exit 2 and "Pulihkan dari cadangan" without saying which."""
    assert run(capsys, demo_file, "backup")[0] == 0
    demo_file.write_bytes(demo_file.read_bytes()[:4096])
    code, out, err = run(capsys, demo_file, "check")
    assert code == 1 and "Cadangan baik terakhir" in err and "restore" in err
    assert len(demo_file.read_bytes()) == 4096


@pytest.mark.parametrize("content", [b"", b"\x00" * 100])
def test_an_emptied_database_names_its_last_good_backup(demo_file, content, capsys):
    assert run(capsys, demo_file, "backup")[0] == 0
    demo_file.write_bytes(content)
    code, _, err = run(capsys, demo_file, "check")
    assert code == 1 and "Cadangan baik terakhir" in err
    assert 'restore "' + str(demo_file.parent / "cadangan" / "k-") in err
    assert demo_file.read_bytes() == content


def flip_inside_a_name(path: Path) -> None:
    """One person's stored name no longer UTF-8 (a byte changed inside the record): the
    file's structure stays sound, so the quick check passes; the record cannot be read."""
    conn = sqlite3.connect(path)
    conn.execute("UPDATE people SET updated_at = CAST(X'323031FF2D3039' AS TEXT) WHERE id = "
                 "(SELECT min(id) FROM people)")
    conn.commit()
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def test_text_damaged_inside_a_record_is_found_by_check(demo_file, capsys):
    """Before: `check` said "sehat", `people list` said "SQLite menolak perintah ini", and
    the day's backups took the damaged file in."""
    assert run(capsys, demo_file, "backup")[0] == 0
    flip_inside_a_name(demo_file)
    before = digest(demo_file)
    code, out, _ = run(capsys, demo_file, "check")
    assert code == 1 and "Teks di tabel people tidak dapat dibaca (isinya berubah)" in out
    assert "Cadangan baik terakhir" in out
    code, _, err = run(capsys, demo_file, "people", "list")
    assert code == 1 and "teks yang tidak dapat dibaca" in err and "kemitraan check" in err
    code, _, err = run(capsys, demo_file, "backup", "--to", demo_file.parent / "salinan.db")
    assert code == 2 and "tidak lolos pemeriksaan keutuhan" in err
    assert not (demo_file.parent / "salinan.db").exists()
    assert digest(demo_file) == before


def test_the_last_good_backup_is_this_databases_and_holds_data(demo_file, tmp_path, capsys):
    """Before: another database's backup in the same folder, an empty backup, or none
    (a stamp with microseconds) was named."""
    folder = demo_file.parent / "cadangan"
    assert run(capsys, demo_file, "backup")[0] == 0  # k-manual-..., 184 people
    good = next(folder.glob("k-manual-*.db"))
    sound_and_holding = folder / "k-pra-terima-20991231-235959-123456.db"
    shutil.copy(good, sound_and_holding)
    assert soundness.last_sound_backup(demo_file)[0] == sound_and_holding
    sound_and_holding.unlink()
    shutil.copy(good, folder / "k-gorontalo-mingguan-20991231-235959.db")  # another database's
    empty = tmp_path / "kosong.db"
    store.open_db(empty).close()
    shutil.copy(empty, folder / "k-manual-20991230-120000.db")  # newer, but holds nothing
    named = soundness.last_sound_backup(demo_file)[0]
    assert named.name.startswith("k-") and "gorontalo" not in named.name
    assert named.name != "k-manual-20991230-120000.db" and named.stat().st_size == good.stat().st_size


def test_backups_before_receiving_files_are_rotated(demo_file, capsys):
    folder = demo_file.parent / "cadangan"
    folder.mkdir()
    for day in range(1, 11):
        shutil.copy(demo_file, folder / f"k-pra-terima-202611{day:02}-100000-000001.db")
    assert run(capsys, demo_file, "people", "list")[0] == 0  # the day's first use
    assert len(list(folder.glob("k-pra-terima-*.db"))) == 5
    assert (folder / "k-pra-terima-20261110-100000-000001.db").exists()


def test_a_wrong_suffix_for_a_typed_argument_is_a_usage_message(demo_file, tmp_path, capsys):
    """Before: argparse's traceback ending in KemitraanUsage."""
    code, _, err = run(capsys, demo_file, "print", "calibration", "--out", tmp_path / "uji.txt")
    assert code == 2 and "harus berakhiran .pdf" in err and "penggunaan:" in err


def test_an_import_report_written_over_says_so_even_with_problems(demo_file, tmp_path, capsys):
    report = workbook(tmp_path / "laporan.xlsx")
    roster = gen.write_csv(tmp_path / "baru.csv", [gen.ROSTER_HEADER, ["", "", "", "", "", "", ""]])
    code, out, _ = run(capsys, demo_file, "people", "import", roster, "--report", report)
    assert code == 1 and f"Berkas lama '{report}' (jenis yang sama) ditimpa." in out


def test_init_on_a_damaged_database_is_not_ready(demo_file, capsys):
    """Before: "Basis data siap", exit 0."""
    conn = sqlite3.connect(demo_file)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'people'").fetchone()[0]
    conn.close()
    data = bytearray(demo_file.read_bytes())
    data[(root - 1) * 4096] ^= 0x07
    demo_file.write_bytes(bytes(data))
    code, out, err = run(capsys, demo_file, "init")
    assert code == 1 and "Basis data siap" not in out and "rusak" in err


def test_a_database_in_a_read_only_folder_is_read_and_never_written(demo_file, monkeypatch,
                                                                      capsys):
    """Before: not even `check` or `people list` (the tests run with every permission, so
    the folder's answer is given as Windows or a share would give it)."""
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode == os.W_OK and
                        Path(p) in (demo_file, demo_file.parent) else real(p, mode, **kw))
    before = digest(demo_file)
    code, out, _ = run(capsys, demo_file, "people", "list")
    assert code == 0 and "Kurniasih" in out
    code, _, err = run(capsys, demo_file, "office", "set", "--address", "Jl. Baru 1")
    assert code != 0 and "hanya-baca" in err
    assert digest(demo_file) == before and count_people(demo_file) == 184


def test_the_version_option_is_described_in_indonesian(capsys):
    from kemitraan_desktop import cli

    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert "tampilkan versi program lalu keluar" in out and "show program" not in out


# ---------------------------------------------------------------- trial B: the NIK, messages

def give_nik(path: Path, person_id: int, nik: str) -> str:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE people SET nik = ? WHERE id = ?", [nik, person_id])
    conn.commit()
    name = conn.execute("SELECT full_name FROM people WHERE id = ?", [person_id]).fetchone()[0]
    conn.close()
    return name


def test_a_nik_cannot_be_found_digit_by_digit(demo_file, capsys):
    """Before: `people list --search 33750358` found its owner; 72 searches rebuilt a NIK."""
    name = give_nik(demo_file, 1, "3375035808760001")
    for prefix in ("33750358", "337503580876000", f"{name.split()[0]} 33750358"):
        code, out, _ = run(capsys, demo_file, "people", "list", "--search", prefix)
        assert code == 0 and name not in out, prefix
    code, out, _ = run(capsys, demo_file, "people", "list", "--search", "3375035808760001")
    assert code == 0 and name in out  # the whole NIK, typed by someone who has it, finds them


def test_the_attendance_import_never_puts_a_nik_beside_a_name(demo_file, tmp_path, capsys):
    """Before: "Indah Daeng, S.Pd., M.Pd. (NIK 3375051505859902) bukan peserta kegiatan ini"."""
    conn = sqlite3.connect(demo_file)
    outsider = conn.execute(
        "SELECT id FROM people WHERE id NOT IN (SELECT person_id FROM participants WHERE "
        "person_id IS NOT NULL AND program_id = (SELECT program_id FROM activities WHERE id = 1)) "
        "LIMIT 1").fetchone()[0]
    conn.close()
    name = give_nik(demo_file, outsider, "3375051505859902")
    sheet = gen.write_csv(tmp_path / "hadir.csv", [["Nama", "NIK", "Tanggal", "Status"],
                                                   ["Bukan Orangnya", "3375051505859902",
                                                    "10/09/2018", "H"]])
    code, out, err = run(capsys, demo_file, "attendance", "import", "--activity", 1, sheet)
    assert code == 1 and name in out + err and "bukan peserta" in out + err
    assert "3375051505859902" not in out + err


def test_the_roster_report_never_names_the_owner_of_a_nik(demo_file, tmp_path, capsys):
    """Before: the report row kept its NIK cell and its Masalah said whose NIK it was."""
    from openpyxl import load_workbook

    name = give_nik(demo_file, 3, "3375051505859902")
    roster = tmp_path / "daftar.xlsx"
    book = Workbook()
    book.active.append(["Nama", "NIK", "L/P", "Asal Sekolah", "Kab/Kota"])
    book.active.append(["Evi Bentrok", "3375051505859902", "P", "SMP Negeri 1 Pati", "Kabupaten Pati"])
    book.save(roster)
    report = tmp_path / "laporan.xlsx"
    code, out, _ = run(capsys, demo_file, "people", "import", roster, "--report", report)
    assert code == 1
    cells = [str(c.value) for row in load_workbook(report).active.iter_rows() for c in row if c.value]
    assert any("NIK di baris itu milik orang lain" in c for c in cells)
    assert not any(name.split(",")[0] in c for c in cells)


def test_the_log_never_holds_a_nik_from_the_command_line():
    from kemitraan_desktop.cli import spoken_command

    logged = " ".join(spoken_command(["attendance", "mark", "--person", "3375035808760001"]))
    assert "3375035808760001" not in logged and logged.endswith("0001")


def test_ctrl_c_after_the_commit_never_says_nothing_was_saved(demo_file, tmp_path, monkeypatch,
                                                            capsys):
    """Before: Ctrl+C during the optimisation after an import's commit said "Dibatalkan;
    tidak ada yang disimpan." although every row was saved."""
    from kemitraan_desktop.spreadsheets import roster_import

    def interrupted(db):
        raise KeyboardInterrupt
    monkeypatch.setattr(roster_import, "optimize", interrupted)
    rows = [gen.ROSTER_HEADER] + [[f"Guru Uji {i}", f"91{i:014d}", None, "L", "SMP Negeri 1 Pati",
                                   "Kabupaten Pati", "IPA", 80] for i in range(1000)]
    code, _, err = run(capsys, demo_file, "people", "import", gen.write_csv(tmp_path / "d.csv", rows))
    assert code == 130 and "tidak ada yang disimpan" not in err and "tetap tersimpan" in err
    assert count_people(demo_file) == 1184


def test_ctrl_c_while_a_workbook_is_written_leaves_no_hidden_file(demo_file, tmp_path, monkeypatch,
                                                                capsys):
    """Before: `.p.xlsx.tmp` stayed beside the export, with every NIK of a --with-nik export."""
    real = Path.write_bytes

    def interrupted(self, data):
        real(self, data[: len(data) // 2])
        raise KeyboardInterrupt
    monkeypatch.setattr(Path, "write_bytes", interrupted)
    code, _, err = run(capsys, demo_file, "people", "export", tmp_path / "p.xlsx", "--with-nik")
    monkeypatch.undo()
    assert code == 130 and "Dibatalkan" in err
    assert sorted(p.name for p in tmp_path.iterdir() if "xlsx" in p.name) == []


def test_a_pendampingan_topic_of_invisible_fillers_is_refused(demo_file, capsys):
    """Before: `--topic ㅤㅤ` (Hangul fillers) was stored as the topic."""
    code, _, err = run(capsys, demo_file, "mentoring", "add", "--program", 2, "--mentor",
                       "2186170154380009", "--mentee", "5730408519160010", "--date", "2019-11-08",
                       "--mode", "daring", "--topic", "\u3164\u3164")
    assert code == 1 and "Topik wajib diisi" in err


def test_a_wrong_number_is_named_in_indonesian(demo_file, capsys):
    """Before: "nilai 'abc' bukan int yang sah" (Python's type names)."""
    from kemitraan_desktop import cli

    with pytest.raises(SystemExit):
        cli.main(["--db", str(demo_file), "people", "list", "--limit", "abc"])
    err = capsys.readouterr().err
    assert "bukan bilangan bulat" in err and "int" not in err.split("kesalahan:")[1]


def test_an_input_file_this_user_may_not_read_says_so(demo_file, tmp_path, monkeypatch, capsys):
    """Before: "Terjadi kesalahan tak terduga", exit 4 (a PermissionError unhandled)."""
    from kemitraan_desktop.spreadsheets import reader

    roster = workbook(tmp_path / "rahasia.xlsx")

    def refused(*_args, **_kw):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(reader, "open", refused, raising=False)
    code, _, err = run(capsys, demo_file, "people", "import", roster)
    assert code == 2 and "'rahasia.xlsx' tidak dapat dibaca: tidak ada izin" in err
    assert count_people(demo_file) == 184


def test_a_rundown_of_one_hour_repeated_warns_once_per_session(demo_copy):
    """Before: 5,000 sessions in the same hour (a sheet of merged cells) were compared pair
    by pair into 12.5 million warnings: over 60 s and 1.8 GB. Now at most 1,500 rows, and
    each session is said to overlap once."""
    import datetime as dt

    from kemitraan_desktop import activities

    activity = activities.get_activity(demo_copy, 1)
    items = [activities.Item(activity.start, dt.time(8), dt.time(9), f"Sesi {i}")
             for i in range(1_500)]
    warnings = activities.check_rundown(activity, items)
    assert len(warnings) == 1_499 and "'Sesi 1' (08.00-09.00) bertumpuk dengan 'Sesi 0'" in warnings[0].message


def test_a_restore_waits_for_a_running_import_and_keeps_it(demo_file, tmp_path):
    """Before: the safety copy was taken before a running import committed and the restore
    copied over it: 100,000 people were in neither the database nor the safety copy."""
    import threading
    import time

    from kemitraan_desktop import backups

    saved = tmp_path / "salinan.db"
    db = store.open_db(demo_file)
    store.backup(db, saved)
    db.close()

    def restore():
        opened = store.open_db(demo_file)
        try:
            result["done"] = backups.restore(opened, saved)
        finally:
            opened.close()
    importing = sqlite3.connect(demo_file)
    importing.execute("BEGIN IMMEDIATE")
    importing.execute("INSERT INTO people (full_name, name_key, nuptk) VALUES "
                      "('Guru Impor Berjalan', 'guru impor berjalan', '9100000000000001')")
    result = {}
    restoring = threading.Thread(target=restore)
    restoring.start()
    time.sleep(1.0)  # the restore is waiting for the import's lock
    importing.commit()
    importing.close()
    restoring.join(60)
    _summary, safety = result["done"]
    kept = sqlite3.connect(safety)
    assert kept.execute("SELECT count(*) FROM people WHERE full_name = 'Guru Impor Berjalan'"
                        ).fetchone()[0] == 1
    kept.close()
