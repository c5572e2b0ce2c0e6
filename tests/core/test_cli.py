"""The kemitraan command: every subcommand, its exit codes, --help and --json."""

import json
import subprocess
import sys

import pytest
from conftest import ROOT, good_rows

from kemitraan_desktop import cli, people, store

COMMANDS = [[], ["init"], ["check"], ["backup"], ["people"], ["people", "import"],
            ["people", "export"], ["people", "template"], ["people", "list"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "kemitraan")
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main([*command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "usage: kemitraan" in out and "--db" in cli.build_parser().format_help()
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
    bad = make_xlsx(good_rows() + [["Bad", "12345", "", "L", "", "", "", ""]])
    code, out, _ = run(["--db", db, "people", "import", str(bad), "--report", str(tmp_path / "r.xlsx")], capsys)
    assert code == 1
    assert "Baris 5, kolom 'NUPTK': NUPTK harus 16 digit" in out
    assert "Tidak ada yang disimpan" in out and (tmp_path / "r.xlsx").exists()
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
    run(["--db", db, "people", "import", str(make_xlsx(good_rows()))], capsys)
    code, out, _ = run(["--db", db, "people", "list", "--json", "--search", "retna"], capsys)
    rows = json.loads(out)
    assert code == 0 and len(rows) == 1
    assert {"name", "nuptk", "nip", "school", "subject", "region"} <= set(rows[0])
    assert rows[0]["region"] == "Kota Pekalongan" and rows[0]["nip"] == "196505121990032002"
    code, out, _ = run(["--db", db, "people", "list", "--limit", "2"], capsys)
    assert code == 0 and out.strip().endswith("2 orang")
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
