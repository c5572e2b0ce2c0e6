"""The kemitraan command: every subcommand, its exit codes, --help and --json."""

import json
import subprocess
import sys

import pytest
from helpers import ROOT, good_rows

from kemitraan_desktop import cli, people, store

COMMANDS = [[], ["init"], ["check"], ["backup"], ["people"], ["people", "import"],
            ["people", "export"], ["people", "template"], ["people", "list"], ["program"],
            ["program", "create"], ["program", "list"], ["participants"],
            ["participants", "import"], ["participants", "list"], ["pair"], ["pair", "auto"],
            ["pair", "check"], ["pair", "export"], ["print"], ["print", "pairs"],
            ["print", "rundown"], ["print", "attendance"], ["attendance"], ["attendance", "mark"],
            ["attendance", "import"], ["attendance", "recap"], ["certificate"],
            ["certificate", "issue"], ["certificate", "void"], ["certificate", "register"],
            ["certificate", "verify"], ["print", "certificates"],
            ["activity"], ["activity", "create"], ["activity", "list"],
            ["rundown"], ["rundown", "import"], ["rundown", "export"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "kemitraan")
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main([*command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "penggunaan: kemitraan" in out and "tampilkan bantuan ini lalu keluar" in out
    assert "show this help" not in out and "positional arguments" not in out
    assert len(out.splitlines()) >= 4


def run(args, capsys):
    code = cli.main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_init_check_backup(tmp_path, capsys):
    db = str(tmp_path / "k.db")
    assert run(["--db", db, "init"], capsys)[0] == 0
    code, out, _ = run(["--db", db, "check"], capsys)
    assert code == 0 and "Basis data sehat" in out
    code, out, _ = run(["--db", db, "backup", "--to", str(tmp_path / "c.db")], capsys)
    assert code == 0 and (tmp_path / "c.db").exists()
    code, out, _ = run(["--db", db, "backup"], capsys)
    assert code == 0 and "cadangan" in out


def test_init_demo_is_the_pekalongan_round(tmp_path, capsys):
    db_file = str(tmp_path / "k.db")
    code, out, _ = run(["--db", db_file, "init", "--demo"], capsys)
    assert code == 0 and "184 orang" in out
    db = store.open_db(db_file)
    rows = people.list_people(db)
    hosts = [p for p in rows if p["region"] == "Kota Pekalongan"]
    assert len(hosts) == 8
    assert {p["school"] for p in hosts} == {f"SMP Negeri {n} Pekalongan" for n in (1, 2, 6, 7, 14)}
    visitors_provinces = {p["province"] for p in rows if p["region"] != "Kota Pekalongan"}
    assert visitors_provinces == {"Kalimantan Tengah", "Gorontalo", "Nusa Tenggara Timur",
                                  "Kepulauan Bangka Belitung"}
    assert {p["subject"] for p in rows} == {"Bahasa Indonesia", "Bahasa Inggris", "Matematika", "IPA"}
    assert len(rows) == 8 + 16 + 160
    assert store.check(db) == []
    # Loading the demo again adds nobody.
    assert run(["--db", db_file, "init", "--demo"], capsys)[1].count("0 orang ditambahkan") == 1


def test_people_import_exit_codes_and_report(tmp_path, capsys, make_xlsx):
    db = str(tmp_path / "k.db")
    run(["--db", db, "init"], capsys)
    bad = make_xlsx(good_rows() + [["Bad", "12345", "", "L", "", "", "", ""]])
    code, out, _ = run(["--db", db, "people", "import", str(bad), "--report", str(tmp_path / "r.xlsx")], capsys)
    assert code == 1
    assert "Baris 5, kolom 'NUPTK': NUPTK harus 16 digit" in out
    assert "Tidak ada yang disimpan: 1 masalah di 1 baris bermasalah. Baris yang benar: 3 baru" in out
    assert "--skip-invalid" in out and (tmp_path / "r.xlsx").exists()
    code, out, _ = run(["--db", db, "people", "import", str(bad), "--dry-run", "--skip-invalid"], capsys)
    assert code == 0 and "Uji coba" in out
    code, out, _ = run(["--db", db, "people", "import", str(bad), "--skip-invalid"], capsys)
    assert code == 0 and "3 baru" in out
    code, out, _ = run(["--db", db, "people", "import", str(tmp_path / "hilang.xlsx")], capsys)
    assert code == 2
    code, _, err = run(["--db", db, "people", "import", str(bad), "--report", "r.txt"], capsys)
    assert code == 2 and ".xlsx" in err


def test_people_list_json_and_export_template(tmp_path, capsys, make_xlsx):
    db = str(tmp_path / "k.db")
    run(["--db", db, "init"], capsys)
    run(["--db", db, "people", "import", str(make_xlsx(good_rows()))], capsys)
    code, out, _ = run(["--db", db, "people", "list", "--json", "--search", "retna"], capsys)
    rows = json.loads(out)
    assert code == 0 and len(rows) == 1
    assert {"name", "nuptk", "nip", "school", "subject", "region"} <= set(rows[0])
    assert rows[0]["region"] == "Kota Pekalongan" and rows[0]["nip"] == "196505121990032002"
    code, out, _ = run(["--db", db, "people", "list", "--limit", "2"], capsys)
    assert code == 0 and out.strip().endswith("2 dari 3 orang")
    assert out.startswith("Nama ")
    code, out, _ = run(["--db", db, "people", "list", "--search", "19650512 199003 2 002"], capsys)
    assert "Dra. Retna Widowati" in out and out.strip().endswith("1 orang")
    assert run(["--db", db, "people", "export", str(tmp_path / "e.xlsx")], capsys)[0] == 0
    assert run(["--db", db, "people", "template", str(tmp_path / "t.xlsx")], capsys)[0] == 0
    assert run(["--db", db, "people", "export", str(tmp_path / "e.csv")], capsys)[0] == 2


def test_usage_errors_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["people", "frobnicate"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        cli.main(["people", "list", "--limit", "banyak"])
    assert info.value.code == 2


def test_foreign_database_exit_2(tmp_path, capsys):
    path = tmp_path / "bukan.db"
    path.write_text("bukan basis data")
    code, _, err = run(["--db", str(path), "people", "list"], capsys)
    assert code == 2 and "bukan basis data Kemitraan" in err


def test_installed_console_script_runs(tmp_path):
    out = subprocess.run([sys.executable, "-m", "kemitraan_desktop.cli", "--db", str(tmp_path / "k.db"),
                          "init"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "Basis data siap" in out.stdout


def test_core_never_loads_pyside6():
    code = ("import sys, kemitraan_desktop.cli, kemitraan_desktop.demo, kemitraan_desktop.spreadsheets;"
            "print([m for m in sys.modules if m.startswith('PySide6')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and out.stdout.strip() == "[]"


def test_a_mistyped_database_is_not_created(tmp_path, capsys):
    missing = tmp_path / "salah" / "k.db"
    for command in (["people", "list"], ["check"], ["backup"], ["people", "export", str(tmp_path / "e.xlsx")]):
        code, _, err = run(["--db", str(missing), *command], capsys)
        assert code == 2 and "tidak ada" in err and "init" in err
    assert not missing.parent.exists()


def test_backup_refuses_to_overwrite(tmp_path, capsys):
    db = tmp_path / "k.db"
    run(["--db", str(db), "init"], capsys)
    code, _, err = run(["--db", str(db), "backup", "--to", str(db)], capsys)
    assert code == 2 and "basis data itu sendiri" in err
    code, _, err = run(["--db", str(db), "backup", "--to", str(tmp_path / "c.xlsx")], capsys)
    assert code == 2 and ".db" in err
    assert run(["--db", str(db), "backup", "--to", str(tmp_path / "c.db")], capsys)[0] == 0
    code, _, err = run(["--db", str(db), "backup", "--to", str(tmp_path / "c.db")], capsys)
    assert code == 2 and "sudah ada" in err
    flashdisk = tmp_path / "flashdisk"
    flashdisk.mkdir()
    code, out, _ = run(["--db", str(db), "backup", "--to", str(flashdisk)], capsys)
    assert code == 0 and len(list(flashdisk.glob("k-cadangan-*.db"))) == 1
    assert not list(tmp_path.rglob("*.tmp"))


def test_export_to_a_missing_folder_is_explained(tmp_path, capsys):
    db = str(tmp_path / "k.db")
    run(["--db", db, "init"], capsys)
    code, out, err = run(["--db", db, "people", "export", str(tmp_path / "tidak-ada" / "e.xlsx")], capsys)
    assert code == 2 and "Folder" in err and "tidak ada" in err
    assert "Traceback" not in err + out and "Error" not in err


def test_report_may_not_overwrite_the_input(tmp_path, capsys, make_xlsx):
    db = str(tmp_path / "k.db")
    run(["--db", db, "init"], capsys)
    source = make_xlsx(good_rows())
    before = source.read_bytes()
    code, _, err = run(["--db", db, "people", "import", str(source), "--report", str(source)], capsys)
    assert code == 2 and "berkas yang sedang diimpor" in err
    assert source.read_bytes() == before


def test_output_cut_short_by_a_pipe_is_not_an_error(tmp_path):
    db = tmp_path / "k.db"
    cli.main(["--db", str(db), "init", "--demo"])
    out = subprocess.run(f"'{sys.executable}' -m kemitraan_desktop.cli --db '{db}' people list | head -1",
                         shell=True, capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.startswith("Nama") and out.stderr == ""


def test_skip_invalid_with_nothing_valid_is_a_failure(tmp_path, capsys, make_xlsx):
    db = str(tmp_path / "k.db")
    run(["--db", db, "init"], capsys)
    bad = make_xlsx([["Bad", "12345", "", "L", "", "", "", ""]])
    assert run(["--db", db, "people", "import", str(bad), "--skip-invalid"], capsys)[0] == 1
