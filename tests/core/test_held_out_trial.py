"""The fifteen findings of the held-out trial of hostile input, broken files and mistakes
(issue 14), each written from its description: data lost or replaced, personal data leaked,
memory exhausted, wrong data accepted, messages and interruptions. Every command runs on a
fresh copy of the demo database, through the `kemitraan` command as the trial ran it."""

from __future__ import annotations

import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from helpers import BAD, ROOT, bad_files, count_people, digest, run_command
from openpyxl import load_workbook

from kemitraan_desktop import backups, cli, db_files, office, people, placement, programs, store
from kemitraan_desktop.errors import InputFileError, StorageError
from kemitraan_desktop.spreadsheets import (
    import_marks,
    import_participants,
    import_roster,
    import_rundown,
)

gen = bad_files()
OJL = 1


@pytest.fixture
def demo_file(demo_template, tmp_path) -> Path:
    path = tmp_path / "kemitraan.db"
    shutil.copy(demo_template, path)
    return path


run = run_command


# ---------------------------------------------------------------- 1. files written over

def test_no_command_writes_over_the_database_its_files_or_its_backups(demo_file, capsys):
    code, out, _ = run(capsys, demo_file, "backup")
    backup = Path(out.split(": ", 1)[1].strip())
    kept = digest(backup)
    for target in (demo_file, Path(f"{demo_file}-wal"), Path(f"{demo_file}-shm"), backup,
                   demo_file.parent / "cadangan" / "kunci.txt"):
        code, out, err = run(capsys, demo_file, "certificate", "key", "--out", target)
        assert code == 2 and "Kunci publik ditulis" not in out, (target, out, err)
        assert "basis data Kemitraan yang sedang dipakai" in err or "folder cadangan" in err
    code, _, err = run(capsys, demo_file, "selftest", "--no-window", "--out", demo_file)
    assert code == 2 and "tidak boleh ditimpa" in err
    assert count_people(demo_file) == 184 and digest(backup) == kept
    assert not (demo_file.parent / "cadangan" / "kunci.txt").exists()
    assert run(capsys, demo_file, "check")[0] == 0  # the signing key still there
    assert run(capsys, demo_file, "certificate", "verify", "X")[0] in (0, 1)


def test_a_file_of_another_kind_is_never_written_over(demo_file, tmp_path, capsys):
    workbook = tmp_path / "rekap.xlsx"
    assert run(capsys, demo_file, "people", "export", workbook)[0] == 0
    disguised = tmp_path / "jadwal.pdf"
    shutil.copy(workbook, disguised)  # a workbook under a PDF's name
    other_db = tmp_path / "kantor_lain.db"
    shutil.copy(demo_file, other_db)
    before = digest(disguised), digest(other_db)
    code, _, err = run(capsys, demo_file, "print", "pairs", "--program", 1, "--out", disguised)
    assert code == 2 and "berisi lembar kerja Excel (.xlsx), bukan dokumen PDF" in err
    code, _, err = run(capsys, demo_file, "certificate", "key", "--out", other_db)
    assert code == 2 and "berisi basis data SQLite, bukan berkas teks" in err
    assert (digest(disguised), digest(other_db)) == before
    # the same kind: written over, and said
    code, out, _ = run(capsys, demo_file, "people", "export", workbook)
    assert code == 0 and f"Berkas lama '{workbook}' (jenis yang sama) ditimpa." in out
    assert load_workbook(workbook).active["A1"].value


# ---------------------------------------------------------------- 2. an empty file

def test_an_empty_database_file_is_refused_never_rebuilt(demo_file, capsys):
    demo_file.write_bytes(b"")
    for command in (["check"], ["people", "list"], ["backup"]):
        code, out, err = run(capsys, demo_file, *command)
        assert code == 1 and "Basis data sehat" not in out
        assert "kosong (0 byte)" in err and "pulihkan dari sana" in err
    assert demo_file.stat().st_size == 0
    assert not (demo_file.parent / "cadangan").exists()  # no empty backups
    code, _, err = run(capsys, demo_file, "init")  # asks; no terminal here, no --yes
    assert code == 2 and "--yes" in err and demo_file.stat().st_size == 0
    code, out, _ = run(capsys, demo_file, "init", "--yes")
    assert code == 0 and "Basis data siap" in out and count_people(demo_file) == 0


def test_a_week_of_empty_backups_never_pushes_out_the_last_good_one(demo_file, template_db):
    import datetime as dt

    day = dt.date(2026, 11, 2)
    db = store.open_db(demo_file)
    good = backups.daily_backup(db, day)
    db.close()
    for tail in ("", "-wal", "-shm"):
        Path(f"{demo_file}{tail}").unlink(missing_ok=True)
    shutil.copy(template_db, demo_file)  # the data gone: an empty database in its place
    db = store.open_db(demo_file)
    for offset in range(1, 15):
        backups.daily_backup(db, day + dt.timedelta(days=offset))
    db.close()
    daily = sorted((demo_file.parent / "cadangan").glob("kemitraan-harian-*.db"))
    assert good in daily and count_people(good) == 184
    assert len(daily) == backups.DAILY_KEEP + 1  # the last 7, and the good one kept


# ---------------------------------------------------------------- 3. paths in SQLite URIs

@pytest.mark.parametrize("folder", ["B #1", "x%41", "tanya?jawab", "spasi di nama",
                                    "Dinas Pendidikan – Kab. Sumba Barat Daya"])
def test_backup_and_restore_through_any_folder_name(demo_file, template_db, tmp_path, folder,
                                                    capsys):
    where = tmp_path / folder
    code, out, _ = run(capsys, demo_file, "backup", "--to", where)
    assert code == 0
    (saved,) = where.iterdir()
    decoy = tmp_path / "xA"  # what an unescaped x%41 would name
    decoy.mkdir(exist_ok=True)
    shutil.copy(template_db, decoy / saved.name)
    db = store.open_db(demo_file)
    people.delete_people(db, [1, 2, 3])
    db.close()
    code, out, err = run(capsys, demo_file, "restore", saved, "--yes")
    assert code == 0, err
    assert count_people(demo_file) == 184
    stray = {p.name for p in tmp_path.iterdir()} - {
        "kemitraan.db", "kemitraan.db-wal", "kemitraan.db-shm", "cadangan", folder, "xA"}
    assert not stray  # no "B " beside "B #1"


def test_every_sqlite_uri_escapes_its_path(tmp_path):
    for name in ("B #1", "x%41", "a?b", "ñandú é"):
        uri = db_files.sqlite_uri(tmp_path / name / "c.db")
        assert uri.startswith("file:///") and uri.endswith("c.db?mode=ro")
        assert "#" not in uri and "?" not in uri[:-len("?mode=ro")]
        assert "%2541" in uri if name == "x%41" else True


# ---------------------------------------------------------------- 4. a damaged file

def corrupt(path: Path, table: str) -> None:
    """Flip the page-type byte of a b-tree page (the root of `table`)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * size + (100 if root == 1 else 0)] ^= 0x07
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("table", ["people", "schools"])
def test_a_damaged_database_is_reported_and_never_written(demo_file, tmp_path, table, capsys):
    assert run(capsys, demo_file, "backup")[0] == 0
    corrupt(demo_file, table)
    damaged = digest(demo_file)
    code, out, err = run(capsys, demo_file, "check")
    assert code == 1 and "rusak" in out and "Cadangan baik terakhir" in out
    assert f"restore \"{demo_file.parent / 'cadangan'}" in out
    code, out, err = run(capsys, demo_file, "people", "export", tmp_path / "o.xlsx")
    assert code == 1 and "rusak" in err and "Tidak ada yang ditulis" in err
    roster = gen.write_csv(tmp_path / "baru.csv", [gen.ROSTER_HEADER,
                                                    *gen.roster_rows(["Rina Marlina"])])
    code, out, err = run(capsys, demo_file, "people", "import", roster)
    assert code == 1 and "rusak" in err
    assert digest(demo_file) == damaged
    # ... and the way out it names works
    saved = next((demo_file.parent / "cadangan").glob("kemitraan-manual-*.db"))
    code, out, err = run(capsys, demo_file, "restore", saved, "--yes")
    assert code == 0, err
    assert run(capsys, demo_file, "check")[0] == 0 and count_people(demo_file) == 184
    assert list((demo_file.parent / "cadangan").glob("kemitraan-rusak-*.db"))  # kept


# ---------------------------------------------------------------- 5. another office's backup

def test_restoring_another_offices_database_is_said_before_the_yes(demo_file, template_db,
                                                                    tmp_path, capsys):
    other = tmp_path / "gorontalo.db"
    shutil.copy(template_db, other)
    db = store.open_db(other)
    office.save_profile(db, office.OfficeProfile(
        government="PEMERINTAH KABUPATEN GORONTALO", name="DINAS PENDIDIKAN", city="Limboto"))
    saved = store.backup(db, tmp_path / "kiriman.db")
    db.close()
    code, out, err = run(capsys, demo_file, "restore", saved)  # no terminal, no --yes
    assert code == 2 and count_people(demo_file) == 184
    assert "kantor         : DINAS PENDIDIKAN, PEMERINTAH KABUPATEN GORONTALO" in out
    assert "PERHATIAN: Cadangan ini milik kantor lain" in out
    assert "kunci tanda tangan sertifikat" in out
    code, out, _ = run(capsys, demo_file, "backup", "--to", tmp_path / "sendiri.db")
    code, out, _ = run(capsys, demo_file, "restore", tmp_path / "sendiri.db", "--yes")
    assert code == 0 and "PERHATIAN" not in out


# ---------------------------------------------------------------- 6. the NIK

def test_the_nik_is_shown_only_when_asked(demo_file, tmp_path, capsys):
    niks = {row[0] for row in sqlite3.connect(demo_file).execute("SELECT nik FROM people")}
    code, out, _ = run(capsys, demo_file, "people", "list", "--json")
    assert code == 0 and not any(n in out for n in niks) and '"nik"' not in out
    code, out, _ = run(capsys, demo_file, "people", "list", "--json", "--with-nik", "--limit", 3)
    assert all("nik" in person for person in json.loads(out))
    conn = sqlite3.connect(demo_file)
    conn.execute("UPDATE people SET nuptk = NULL, nip = NULL WHERE id = 1")
    conn.commit()
    conn.close()
    code, out, _ = run(capsys, demo_file, "people", "list")
    assert not any(n in out for n in niks)
    # a row naming person 2 by NUPTK with another NIK: the message never quotes theirs
    row = sqlite3.connect(demo_file).execute(
        "SELECT full_name, nuptk, nik FROM people WHERE id = 2").fetchone()
    path = gen.write_csv(tmp_path / "nik.csv", [["Nama", "NUPTK", "NIK"],
                                                [row[0], row[1], "3375010101800009"]])
    report = tmp_path / "laporan.xlsx"
    code, out, err = run(capsys, demo_file, "people", "import", path, "--report", report)
    assert code == 1 and "tercatat dengan NIK lain" in out
    assert row[2] not in out + err
    cells = [c.value for r in load_workbook(report).active.iter_rows() for c in r]
    assert not any(row[2] in str(c) for c in cells)


# ---------------------------------------------------------------- 7. decompression bombs

CHILD = textwrap.dedent("""
    import json, resource, sys, time
    resource.setrlimit(resource.RLIMIT_AS, (1_200_000_000, 1_200_000_000))
    from kemitraan_desktop import programs, store
    from kemitraan_desktop.errors import KemitraanError
    from kemitraan_desktop.spreadsheets import (import_marks, import_participants,
        import_roster, import_rundown)
    db = store.open_db(sys.argv[1])
    program = programs.create_program(db, "Uji", 2020, "SMP", labels="Inti,Mitra,Imbas",
                                      ratios="3,10")
    runs = {"roster": lambda p: import_roster(db, p),
            "participants": lambda p: import_participants(db, program, p),
            "rundown": lambda p: import_rundown(db, 1, p),
            "attendance": lambda p: import_marks(db, 1, p)}
    for path in sys.argv[2:]:
        for name, run in runs.items():
            try:
                run(path)
                result = {"error": None}
            except KemitraanError as exc:
                result = {"error": type(exc).__name__, "message": exc.message}
            result.update(file=path, importer=name)
            print(json.dumps(result), flush=True)
""")


def test_every_bomb_is_refused_in_bounded_memory(demo_file, tmp_path):
    files = [gen.shared_strings_bomb(tmp_path / "teks_60_juta.xlsx"),
             gen.long_string_bomb(tmp_path / "teks_1_gib.xlsx"),
             BAD / "bom_ulang.ods", BAD / "sel_jauh.xls", BAD / "teks_60_juta.xls"]
    assert files[0].stat().st_size < 3_000_000 and files[1].stat().st_size < 1_200_000
    assert (BAD / "bom_ulang.ods").stat().st_size < 1000
    done = subprocess.run([sys.executable, "-c", CHILD, str(demo_file), *map(str, files)],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(results) == 4 * len(files)
    expected = {"teks_60_juta.xlsx": "sebesar 972 MB bila dibuka",
                "teks_1_gib.xlsx": "sebesar 1.024 MB bila dibuka",
                "bom_ulang.ods": "berisi nilai sampai sel NTP9501",
                "sel_jauh.xls": "berisi nilai sampai sel IV65536",
                "teks_60_juta.xls": "menyatakan 60.000.000 teks berbeda"}
    for result in results:
        assert result["error"] == "InputFileError", result
        name = Path(result["file"]).name
        assert expected[name] in result["message"] and name in result["message"], result
    assert count_people(demo_file) == 184


def test_a_part_whose_size_the_archive_understates_is_refused(db, tmp_path):
    import zipfile

    path = gen.shared_strings_bomb(tmp_path / "bohong.xlsx", count=3_100_000)
    with zipfile.ZipFile(path) as archive:  # 3.1 million strings in 53 MB: too many
        assert archive.getinfo("xl/sharedStrings.xml").file_size < 60_000_000
    with pytest.raises(Exception) as info:
        import_roster(db, path)
    assert "lebih dari 3.000.000 teks berbeda" in str(info.value)


# ---------------------------------------------------------------- 8-11. wrong data accepted

def test_a_semicolon_csv_with_a_multi_line_address(demo_copy, tmp_path):
    report = import_roster(demo_copy, BAD / "alamat_multibaris_daftar_guru.csv")
    assert report.problems == [] and report.new == 2, [str(p) for p in report.problems]
    names = {r[0] for r in demo_copy.execute(
        "SELECT full_name FROM people WHERE nuptk LIKE '900000000000000%'")}
    assert names == {"Rina Marlina, S.Pd.", "Joko Susilo, M.Pd."}
    program = programs.create_program(demo_copy, "Uji", 2020, "SMP", labels="Inti,Mitra,Imbas",
                                       ratios="3,10")
    assert import_participants(demo_copy, program, BAD / "alamat_multibaris_peserta.csv").problems == []
    assert import_rundown(demo_copy, OJL, BAD / "alamat_multibaris_rundown.csv").items == 3
    assert import_marks(demo_copy, OJL, BAD / "alamat_multibaris_hadir.csv").problems == []


def test_an_id_with_a_decimal_part_is_never_multiplied(demo_copy):
    report = import_roster(demo_copy, BAD / "nomor_desimal_daftar_guru.csv")
    assert [str(p) for p in report.problems] == [
        "Baris 3, kolom 'NUPTK': NUPTK harus 16 digit, tertulis 15 digit"]
    report = import_roster(demo_copy, BAD / "nomor_desimal_daftar_guru.csv", skip_invalid=True)
    stored = {r[0] for r in demo_copy.execute("SELECT nuptk FROM people")}
    assert "9000000000000001" in stored and "9000000000000300" not in stored
    with pytest.raises(ValueError, match="desimal"):
        people.CLEANERS["nuptk"]("9000000000000030.5")
    program = programs.create_program(demo_copy, "Uji", 2020, "SMP", labels="Inti,Mitra,Imbas",
                                       ratios="3,10")
    report = import_participants(demo_copy, program, BAD / "nomor_desimal_peserta.csv")
    assert report.problems == [] and report.new == 4
    assert import_marks(demo_copy, OJL, BAD / "nomor_desimal_hadir.csv").problems == []


def test_invisible_characters_leave_names_and_ids(demo_copy):
    report = import_roster(demo_copy, BAD / "tak_terlihat_daftar_guru.csv")
    # a name of nothing but a zero-width space is no name (the reader drops what is invisible)
    assert [str(p) for p in report.problems] == ["Baris 4, kolom 'Nama': Nama wajib diisi"]
    for typed in ("\u200b", "\u00ad\ufeff", "0", "-"):  # typed in the person form
        assert people.clean_fields({"full_name": typed, "nuptk": "9000000000000009"})[1]
    import_roster(demo_copy, BAD / "tak_terlihat_daftar_guru.csv", skip_invalid=True)
    rows = demo_copy.execute("SELECT full_name, name_key, nuptk FROM people WHERE nuptk LIKE "
                             "'9000000000000%' ORDER BY nuptk").fetchall()
    assert rows == [("Rina Marlina", "rina marlina", "9000000000000001"),
                    ("Joko Susilo", "joko susilo", "9000000000000002")]
    program = programs.create_program(demo_copy, "Uji", 2020, "SMP", labels="Inti,Mitra,Imbas",
                                       ratios="3,10")
    assert import_participants(demo_copy, program, BAD / "tak_terlihat_peserta.xlsx").new == 4
    assert import_marks(demo_copy, OJL, BAD / "tak_terlihat_hadir.csv").problems == []
    import_rundown(demo_copy, OJL, BAD / "tak_terlihat_rundown.csv")
    titles = [r[0] for r in demo_copy.execute("SELECT description FROM rundown_items")]
    assert any(t.startswith("Pembukaan") for t in titles) and not any("\u200b" in t or "\u00ad" in t for t in titles)


@pytest.mark.parametrize("style", ["rumus_belum_dihitung", "rumus_tanpa_nilai"])
def test_a_formula_never_computed_is_reported_not_imported(demo_copy, style):
    report = import_roster(demo_copy, BAD / f"{style}_daftar_guru.xlsx", skip_invalid=True)
    assert str(report.problems[0]) == (
        "Baris 2, kolom 'Nama': isi rumus belum dihitung (=PROPER(\"agus salim\")); buka dan "
        "simpan dengan Excel (atau LibreOffice), lalu impor lagi")
    assert demo_copy.execute("SELECT count(*) FROM people WHERE full_name IN ('0', '')"
                             ).fetchone()[0] == 0
    report = import_rundown(demo_copy, OJL, BAD / f"{style}_rundown.xlsx")
    assert any(line.startswith("Baris 2, kolom 'JP': isi rumus belum dihitung (=1+1)")
               for line in report.details())
    report = import_marks(demo_copy, OJL, BAD / f"{style}_hadir.xlsx")
    assert any("isi rumus belum dihitung" in str(p) for p in report.problems)


def test_a_computed_formula_with_the_value_zero_is_that_value(db, tmp_path):
    """Excel's own files hold computed values: a formula whose value is 0 is read as 0."""
    path = gen.write_xlsx(tmp_path / "nol.xlsx", [gen.SheetSpec("Data", [
        gen.ROSTER_HEADER, [*gen.roster_rows(["Rina Marlina"])[0][:7], gen.Formula("=0*5", 0)]])])
    report = import_roster(db, path)
    assert report.problems == [] and report.new == 1


# ---------------------------------------------------------------- 12. two imports at once

def big_roster(path: Path, count: int) -> Path:
    rows = [gen.ROSTER_HEADER]
    rows += [[f"Guru Uji {i}", f"91{i:014d}", None, "L", "SMP Negeri 1 Pati", "Kabupaten Pati",
              "IPA", 80] for i in range(count)]
    return gen.write_csv(path, rows)


def test_two_imports_at_once_the_second_waits(demo_file, tmp_path):
    files = [big_roster(tmp_path / f"daftar{i}.csv", 20_000) for i in (1, 2)]
    command = [sys.executable, "-m", "kemitraan_desktop.cli", "--db", str(demo_file),
               "people", "import"]
    procs = [subprocess.Popen([*command, str(f)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, cwd=ROOT) for f in files]
    results = [p.communicate(timeout=600) for p in procs]
    codes = [p.returncode for p in procs]
    assert codes == [0, 0], results
    outs = "".join(out for out, _ in results)
    assert "20.000 baru" in outs and "20.000 tidak berubah" in outs, outs
    assert all("UNIQUE" not in err and "Optimasi" not in err for _, err in results)
    assert count_people(demo_file) == 184 + 20_000


def test_a_failure_after_the_commit_never_fails_the_import(demo_copy, tmp_path, monkeypatch):
    from kemitraan_desktop.spreadsheets import roster_import

    def busy(db):
        raise StorageError("Optimasi basis data gagal: basis data sedang dipakai program lain.")

    monkeypatch.setattr(roster_import, "optimize", busy)
    report = import_roster(demo_copy, big_roster(tmp_path / "d.csv", 1_000))
    assert report.written and report.new == 1_000


# ---------------------------------------------------------------- 13. Ctrl+C

def test_ctrl_c_during_an_import_saves_nothing_and_says_so(demo_file, tmp_path, capsys,
                                                            monkeypatch):
    def interrupted(db, rows):
        raise KeyboardInterrupt

    monkeypatch.setattr(people, "insert_people", interrupted)
    code, out, err = run(capsys, demo_file, "people", "import", big_roster(tmp_path / "d.csv", 50))
    assert code == 130 and "Dibatalkan; tidak ada yang disimpan." in err
    assert count_people(demo_file) == 184


def test_a_real_sigint_mid_import(demo_file, tmp_path):
    path = big_roster(tmp_path / "besar.csv", 100_000)
    proc = subprocess.Popen([sys.executable, "-m", "kemitraan_desktop.cli", "--db",
                             str(demo_file), "people", "import", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    if proc.returncode == 0:  # it finished before the signal came: everything is there
        assert count_people(demo_file) == 184 + 100_000
        return
    assert proc.returncode == 130 and "Dibatalkan; tidak ada yang disimpan." in err
    assert count_people(demo_file) == 184


# ---------------------------------------------------------------- 14. a share or a flash disk

@pytest.mark.parametrize("fstype", ["nfs", "cifs", "vfat", "fuseblk", "ntfs3", "fuse.rclone"])
def test_nothing_is_written_to_a_share_until_the_office_chooses(demo_file, tmp_path, fstype,
                                                                 monkeypatch, capsys):
    share = tmp_path / "share"
    share.mkdir()
    path = share / "kemitraan.db"
    shutil.copy(demo_file, path)
    monkeypatch.setattr(placement, "_linux_mounts", lambda: [("/", "ext4"), (str(share), fstype)])
    before = digest(path)
    code, out, err = run(capsys, path, "people", "list", "--limit", 2)
    assert code == 0 and "Peringatan" in err and "hanya dibaca" in err
    roster = gen.write_csv(tmp_path / "baru.csv", [gen.ROSTER_HEADER,
                                                   *gen.roster_rows(["Rina Marlina"])])
    code, out, err = run(capsys, path, "people", "import", roster)
    assert code == 2 and "--in-place" in err
    # second trial: `backup` wrote its copy into the share's cadangan folder
    code, out, err = run(capsys, path, "backup")
    assert code == 2 and "backup --to FOLDER" in err
    assert digest(path) == before
    assert sorted(p.name for p in share.iterdir()) == ["kemitraan.db"]  # no -wal, no backups
    assert cli.main(["--in-place", "--db", str(path), "people", "import", str(roster)]) == 0
    assert count_people(path) == 185  # the office chose: used where it is


# ---------------------------------------------------------------- 15. the real reason

READ_ONLY_MOUNT = 'mount --bind -o ro "$1" "$1" && shift && exec "$@"'


def read_only_mounts() -> bool:
    """Whether this machine lets a user namespace mount a folder read-only (root writes
    into any folder whatever its permissions; a read-only mount stops even root)."""
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", READ_ONLY_MOUNT, "-", "/tmp", "true"],
                           capture_output=True)
    return probe.returncode == 0


def test_a_restore_from_a_read_only_folder(demo_file, tmp_path):
    """A copy of a live database (WAL mode) on a read-only folder, as on a CD or a
    protected share, where SQLite cannot make its -shm file: it is restored, and no
    message says the folder is missing."""
    folder = tmp_path / "cd"
    folder.mkdir()
    shutil.copy(demo_file, folder / "salinan.db")
    current = tmp_path / "kemitraan.db"
    conn = sqlite3.connect(current)
    conn.execute("UPDATE people SET full_name = 'Diubah' WHERE id = 1")
    conn.commit()
    conn.close()
    command = [sys.executable, "-m", "kemitraan_desktop.cli", "--db", str(current), "restore",
               str(folder / "salinan.db"), "--yes"]
    if read_only_mounts():
        command = ["unshare", "-rm", "sh", "-c", READ_ONLY_MOUNT, "-", str(folder), *command]
    else:  # no namespaces here: a folder where the -shm file cannot be made, all the same
        (folder / "salinan.db-shm").mkdir()
        folder.chmod(0o555)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT)
    finally:
        folder.chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert "tidak ada" not in done.stderr and "Error" not in done.stderr
    name = sqlite3.connect(current).execute("SELECT full_name FROM people WHERE id = 1")
    assert name.fetchone()[0] != "Diubah"
    assert {p.name for p in folder.iterdir()} <= {"salinan.db", "salinan.db-shm"}


def test_no_english_detail_follows_a_message(demo_file, capsys, monkeypatch):
    """SQLite's own words (`OperationalError('attempt to write a readonly database')`) go
    to the log and to "Salin detail", never after the Indonesian message."""
    db = store.open_db(demo_file)
    try:
        with pytest.raises(StorageError) as info, db.atomic():
            raise sqlite3.OperationalError("attempt to write a readonly database")
    finally:
        db.close()
    assert "hanya bisa dibaca" in info.value.message and not info.value.details
    assert "readonly" in info.value.technical

    def refused(db, path):
        raise info.value

    saved = store.backup(store.open_db(demo_file), demo_file.parent / "x.db")
    monkeypatch.setattr(backups, "restore", refused)
    code, out, err = run(capsys, demo_file, "restore", saved, "--yes")
    assert code == 2 and "hanya bisa dibaca" in err
    assert "OperationalError" not in err and "readonly database" not in err


# ---------------------------------------------------------------- found in review

def _xlsx_with(path: Path, members: dict[str, str]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


def _book(folder: str = "xl", shared: str | None = None, sheet: str = "", calc: str = "") -> dict:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    members = {
        "_rels/.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="r1" Type="{rel}/officeDocument" '
                       f'Target="{folder}/workbook.xml"/></Relationships>',
        f"{folder}/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Daftar" '
                                  f'sheetId="1" r:id="rId1"/></sheets>{calc}</workbook>',
        f"{folder}/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/worksheet" '
            'Target="worksheets/sheet1.xml"/>' + (f'<Relationship Id="rId2" Type="{rel}/sharedStrings" '
                                                  'Target="sharedStrings.xml"/>' if shared else "")
            + "</Relationships>"),
        f"{folder}/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>{sheet}</sheetData></worksheet>',
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    }
    if shared:
        members[f"{folder}/sharedStrings.xml"] = shared
    return members


HEAD_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Nama</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>NUPTK</t></is></c><c r="C1" t="inlineStr"><is><t>No HP</t>'
            '</is></c></row>')


def test_declared_and_oddly_written_shared_strings_are_counted(db, tmp_path):
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    declared = _xlsx_with(tmp_path / "klaim.xlsx", _book(shared=(
        f'<sst xmlns="{main}" count="18446744073709551615" uniqueCount="150000000000000">'
        "<si><t>Nama</t></si></sst>"), sheet=HEAD_ROW))
    empty = _xlsx_with(tmp_path / "kosong.xlsx", _book(shared=(
        f'<sst xmlns="{main}">' + "<si/>" * 3_100_000 + "</sst>"), sheet=HEAD_ROW))
    for path in (declared, empty):
        with pytest.raises(InputFileError, match="lebih dari 3.000.000 teks berbeda"):
            import_roster(db, path)


@pytest.mark.parametrize("folder", ["book", "XL"])
def test_a_workbook_anywhere_in_the_package_is_measured(db, tmp_path, folder):
    far = HEAD_ROW + '<row r="1000000"><c r="z1000000"><v>1</v></c></row>'
    path = _xlsx_with(tmp_path / f"{folder}.xlsx", _book(folder=folder, sheet=far))
    with pytest.raises(InputFileError, match="sampai sel Z1000000"):
        import_roster(db, path)


def test_excels_own_empty_text_from_a_formula_is_an_empty_cell(db, tmp_path):
    rows = HEAD_ROW + "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>Guru {n}</t></is></c>'
        f'<c r="B{n}" t="inlineStr"><is><t>900000000000010{n}</t></is></c>'
        f'<c r="C{n}" t="str"><f>IFERROR(VLOOKUP(A{n},Data!A:B,2,FALSE),"")</f>{v}</c></row>'
        for n, v in ((2, "<v></v>"), (3, "<v/>")))
    path = _xlsx_with(tmp_path / "kosong_rumus.xlsx", _book(sheet=rows))
    report = import_roster(db, path)
    assert report.problems == [] and report.new == 2, [str(p) for p in report.problems]


@pytest.mark.parametrize("attribute", [
    "table:number-rows-repeated='2000'", 'table:number-rows-repeated = "2000"',
    'table:number-rows-repeated="0000002000"', 'table:number-rows-repeated="+2000"',
    'x:number-rows-repeated="1" table:number-rows-repeated="2000"'])
def test_every_spelling_of_an_ods_repeat_is_measured(db, tmp_path, attribute):
    bomb = gen.ods_repeat_bomb(tmp_path / "ulang.ods", rows=2000)
    import zipfile

    with zipfile.ZipFile(bomb) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members["content.xml"] = members["content.xml"].replace(
        b'table:number-rows-repeated="2000"', attribute.encode()).replace(
        b' office:value-type="string"><text:p>Rina', b' office:string-value="Rina"><text:p>Rina')
    path = tmp_path / "ejaan.ods"
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    with pytest.raises(InputFileError, match="2.001 baris x 10.000 kolom"):
        import_roster(db, path)


def test_an_xls_declaring_huge_dimensions_is_refused(db, tmp_path):
    import struct

    data = bytearray((ROOT / "tests" / "data" / "roster_libreoffice.xls").read_bytes())
    at = data.find(struct.pack("<HH", 0x0200, 14))  # DIMENSIONS: rows, then columns
    struct.pack_into("<I", data, at + 8, 268_435_456)
    path = tmp_path / "dimensi.xls"
    path.write_bytes(bytes(data))
    with pytest.raises(InputFileError, match="268.435.456 baris"):
        import_roster(db, path)


def test_a_nik_is_never_quoted_beside_its_owner(demo_copy, tmp_path):
    owner = demo_copy.execute("SELECT full_name, nuptk, nik FROM people WHERE id = 3").fetchone()
    path = gen.write_csv(tmp_path / "hadir.csv", [["Nama", "NIK", "Tanggal", "Status"],
                                                  ["Bukan Orangnya", owner[2], "10/09/2018", "H"]])
    report = import_marks(demo_copy, OJL, path)
    assert report.problems and not any(owner[2] in str(p) for p in report.problems)
    program = programs.create_program(demo_copy, "Uji", 2020, "SMP", labels="Inti,Mitra,Imbas",
                                       ratios="3,10")
    path = gen.write_csv(tmp_path / "peserta.csv", [["Nama", "NIK", "Peran"],
                                                    ["Bukan Orangnya", owner[2], "Inti"]])
    report = import_participants(demo_copy, program, path, dry_run=True)
    assert report.problems and not any(owner[2] in str(p) for p in report.problems)


@pytest.mark.parametrize("path, uri", [
    ("C:\\Users\\TU\\B #1\\c.db", "file:///C:/Users/TU/B%20%231/c.db?mode=ro"),
    ("Z:\\Data Dinas\\x%41\\kemitraan.db", "file:///Z:/Data%20Dinas/x%2541/kemitraan.db?mode=ro"),
    ("\\\\SERVER-TU\\data\\kemitraan.db", None),  # a UNC path: opened query-only instead
])
def test_windows_paths_in_sqlite_uris(path, uri):
    assert db_files.sqlite_uri(path, windows=True) == uri


def test_a_restore_onto_a_database_on_a_share_writes_nothing_there(demo_file, tmp_path,
                                                                    monkeypatch, capsys):
    saved = store.backup(store.open_db(demo_file), tmp_path / "kiriman.db")
    monkeypatch.setattr(placement, "storage_kind", lambda p, windows=None: "network")
    code, out, err = run(capsys, demo_file, "restore", saved, "--yes")
    assert code == 2 and "--in-place" in err
    assert not (demo_file.parent / "cadangan").exists() or not list(
        (demo_file.parent / "cadangan").glob("*pra-pulih*"))


def test_a_narrow_semicolon_csv_whose_names_have_commas(db, tmp_path):
    path = tmp_path / "sempit.csv"
    path.write_text("Nama;NUPTK\r\nBudi Santoso, S.Pd., M.Pd.;9000000000000001\r\n"
                    "Sri Lestari, S.Pd., M.Pd.;9000000000000002\r\n", encoding="utf-8")
    report = import_roster(db, path)
    assert report.problems == [] and report.new == 2
