"""The program, participants and pair commands, as a script or an operator would use them."""

import json

import pytest

from kemitraan_desktop import cli, pairing, programs, store


def run(args, capsys):
    code = cli.main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def demo_path(tmp_path, capsys):
    path = str(tmp_path / "demo.db")
    assert cli.main(["--db", path, "init", "--demo"]) == 0
    capsys.readouterr()
    return path


def ids_by_year(path):
    db = store.open_db(path)
    try:
        return {e["program"].year: e["program"].id for e in programs.list_programs(db)}
    finally:
        db.close()


def test_program_create_prints_the_id_and_list_shows_it(demo_path, capsys):
    code, out, _ = run(["--db", demo_path, "program", "create", "--name", "Kemitraan Kepala Sekolah",
                        "--year", "2020", "--jenjang", "sma", "--kind", "kepala-sekolah",
                        "--labels", "Inti,Mitra,Imbas", "--ratio", "1:4:10"], capsys)
    assert code == 0
    new_id = int(out.strip())
    code, out, _ = run(["--db", demo_path, "program", "list", "--json"], capsys)
    listed = {p["id"]: p for p in json.loads(out)}
    assert listed[new_id]["kind"] == "kepala-sekolah" and listed[new_id]["ratios"] == [4, 10]
    assert listed[new_id]["jenjang"] == "SMA"
    years = {p["year"]: p for p in listed.values()}
    assert years[2018]["labels"] == ["Mitra 1", "Mitra 2", "Mitra 3"]
    assert years[2018]["participants"] == {"Mitra 1": 8, "Mitra 2": 16, "Mitra 3": 0}
    assert years[2019]["participants"] == {"Inti": 8, "Mitra": 16, "Imbas": 160}
    code, out, _ = run(["--db", demo_path, "program", "list"], capsys)
    assert "Mitra 1 / Mitra 2 / Mitra 3  rasio 1:2" in out and "3 program" in out


def test_program_create_refuses_bad_input(demo_path, capsys):
    code, _, err = run(["--db", demo_path, "program", "create", "--name", "X", "--year", "2020",
                        "--jenjang", "SMP", "--kind", "guru", "--labels", "Inti"], capsys)
    assert code == 1 and "Isi 2 atau 3 nama tingkat" in err
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--db", demo_path, "program", "create", "--name", "X", "--year", "2020",
                  "--jenjang", "SD", "--kind", "guru"])
    assert exit_info.value.code == 2
    assert "pilihan tidak dikenal" in capsys.readouterr().err
    assert len(ids_by_year(demo_path)) == 2


def test_participants_list_json(demo_path, capsys):
    program_id = ids_by_year(demo_path)[2018]
    code, out, _ = run(["--db", demo_path, "participants", "list", "--program", str(program_id),
                        "--json"], capsys)
    rows = json.loads(out)
    assert code == 0 and len(rows) == 24
    visitor = next(r for r in rows if r["tier"] == 2)
    assert visitor["tier_label"] == "Mitra 2" and visitor["mentor_nuptk"]
    assert {"name", "nuptk", "tier", "subject", "mentor_nuptk"} <= set(visitor)
    host_nuptks = {r["nuptk"] for r in rows if r["tier"] == 1}
    assert all(r["mentor_nuptk"] in host_nuptks for r in rows if r["tier"] == 2)


def test_pair_check_auto_and_exit_codes(demo_path, capsys):
    program_id = str(ids_by_year(demo_path)[2019])
    code, out, _ = run(["--db", demo_path, "pair", "check", "--program", program_id], capsys)
    assert code == 0 and "0 kesalahan, 10 peringatan." in out
    code, out, _ = run(["--db", demo_path, "pair", "auto", "--program", program_id, "--dry-run"], capsys)
    assert code == 0 and "Usulan: 10 pasangan, 0 tidak terpasang. Tidak ada yang disimpan." in out
    code, out, _ = run(["--db", demo_path, "pair", "check", "--program", program_id, "--json"], capsys)
    assert len(json.loads(out)) == 10  # the dry run saved nothing
    code, out, _ = run(["--db", demo_path, "pair", "auto", "--program", program_id], capsys)
    assert code == 0 and "10 pasangan disimpan" in out
    code, out, _ = run(["--db", demo_path, "pair", "check", "--program", program_id], capsys)
    assert code == 0 and "Tidak ada masalah" in out
    # an error-level problem makes `pair check` exit 1
    db = store.open_db(demo_path)
    rows = programs.list_participants(db, int(program_id))
    ipa = next(r for r in rows if r["tier"] == 1 and r["subject"] == "IPA")
    mat = next(r for r in rows if r["tier"] == 2 and r["subject"] == "Matematika")
    pairing.restore_mentors(db, {mat["id"]: ipa["id"]})
    db.close()
    code, out, _ = run(["--db", demo_path, "pair", "check", "--program", program_id, "--json"], capsys)
    findings = json.loads(out)
    assert code == 1 and findings[0]["severity"] == "error" and findings[0]["code"] == "subject"


def test_pair_auto_repair(demo_path, capsys):
    program_id = str(ids_by_year(demo_path)[2018])
    code, out, _ = run(["--db", demo_path, "pair", "auto", "--program", program_id], capsys)
    assert code == 0 and "0 pasangan disimpan" in out  # all 16 visitors already paired
    code, out, _ = run(["--db", demo_path, "pair", "auto", "--program", program_id, "--repair",
                        "--dry-run"], capsys)
    assert "Usulan: 16 pasangan" in out


def test_unknown_program_is_a_clear_error(demo_path, capsys):
    code, _, err = run(["--db", demo_path, "pair", "check", "--program", "99"], capsys)
    assert code == 1 and "Program dengan id 99 tidak ada." in err
    with pytest.raises(SystemExit):
        cli.main(["--db", demo_path, "pair", "check", "--program", "satu"])
    assert "id program harus angka" in capsys.readouterr().err


def test_two_tier_program_gets_a_two_tier_ratio(demo_path, capsys):
    code, out, _ = run(["--db", demo_path, "program", "create", "--name", "Dikmen 2018", "--year",
                        "2018", "--jenjang", "SMA", "--kind", "guru", "--labels", "Mitra,Imbas"],
                       capsys)
    assert code == 0
    db = store.open_db(demo_path)
    created = programs.get_program(db, int(out.strip()))
    db.close()
    assert created.labels == ["Mitra", "Imbas"] and created.ratios == [2]
