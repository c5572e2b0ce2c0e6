"""Monev instruments (issue 20): the default forms with their real items, scoring,
refusals that store nothing, versioning that keeps old entries readable, first-vs-last
comparison, the `kemitraan monev` commands' JSON, and the printed forms read back."""

from __future__ import annotations

import json
import re

import pypdf
import pytest
from helpers import snapshot

from kemitraan_desktop import monev
from kemitraan_desktop.cli import main
from kemitraan_desktop.documents.monev_form import print_form
from kemitraan_desktop.errors import NotFoundError, ValidationError

TELAAH_FIRST = ("Mencantumkan satuan pendidikan, mata pelajaran, kelas/semester, materi "
                "pokok, dan alokasi waktu")


def _people(db, count=3):
    """(participant id, NUPTK, name) of the demo's 2019 program, the first `count`."""
    return db.execute("SELECT t.id, coalesce(p.nuptk, t.nuptk), coalesce(p.full_name, t.name) "
                      "FROM participants t LEFT JOIN people p ON p.id = t.person_id "
                      "WHERE t.program_id = 2 ORDER BY t.id LIMIT ?", [count]).fetchall()


def _all(form, value):
    return {item["id"]: value for item in form.items}


def _text(path) -> str:
    reader = pypdf.PdfReader(str(path))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


# ---------------------------------------------------------------- the default forms

def test_default_forms_are_the_real_instruments(db):
    forms = monev.list_forms(db)
    assert [(f.code, f.name, f.version, f.audience) for f in forms] == [
        ("telaah-rpp", "Telaah RPP", 1, "guru"),
        ("observasi", "Observasi Pembelajaran", 1, "guru"),
        ("supervisi-kepsek", "Supervisi Kepala Sekolah", 1, "kepala sekolah")]
    telaah, observasi, kepsek = forms
    assert telaah.scale["labels"] == {"1": "Tidak ada", "2": "Kurang lengkap", "3": "Lengkap"}
    assert telaah.items[0] == {"id": "A1", "section": "Identitas dan kelengkapan komponen",
                               "text": TELAAH_FIRST, "min": 1, "max": 3}
    assert [s for s, _ in telaah.sections] == [
        "Identitas dan kelengkapan komponen", "Kompetensi Dasar dan Indikator",
        "Tujuan pembelajaran", "Materi pembelajaran", "Metode pembelajaran",
        "Media, alat, dan sumber belajar", "Langkah-langkah pembelajaran", "Penilaian"]
    assert (len(telaah.items), telaah.max_total) == (21, 63)
    assert [s for s, _ in observasi.sections] == [
        "Persiapan", "Pendahuluan", "Kegiatan Inti", "Penutup", "Pengelolaan Pembelajaran"]
    assert {(i["min"], i["max"]) for i in observasi.items} == {(0, 4)}
    assert observasi.scale["labels"]["0"] == "Tidak dilakukan"
    assert observasi.scale["labels"]["4"] == "Sangat baik"
    assert [s["code"] for s in observasi.stages] == ["pra-observasi", "observasi",
                                                     "pasca-observasi"]
    assert observasi.stage("pra-observasi")["questions"][0]["id"] == "PRA1"
    assert [s for s, _ in kepsek.sections] == ["Manajerial", "Supervisi", "Kewirausahaan"]


def test_defaults_are_stored_once(db):
    monev.ensure_default_forms(db)
    monev.list_forms(db)
    monev.get_form(db, "observasi")
    assert db.execute("SELECT count(*) FROM monev_forms").fetchone()[0] == 3


def test_unknown_form_names_those_that_exist(db):
    with pytest.raises(NotFoundError) as err:
        monev.get_form(db, "telaah")
    assert "telaah-rpp, observasi, supervisi-kepsek" in err.value.message


# ---------------------------------------------------------------- scoring

def test_total_percentage_and_category_by_hand(demo_copy):
    db = demo_copy
    (teacher, _, name), (observer, _, observer_name), _ = _people(db)
    form = monev.get_form(db, "telaah-rpp")
    scores = _all(form, 3)  # 21 items: ten 3s, six 2s, five 1s = 30 + 12 + 5 = 47
    for item_id in ("B1", "B2", "C1", "D1", "E1", "F1"):
        scores[item_id] = 2
    for item_id in ("G1", "G2", "G3", "H1", "H2"):
        scores[item_id] = 1
    entry_id = monev.enter(db, form, teacher, "2019-11-20", scores, observer_id=observer,
                           item_notes={"G1": "Apersepsi belum ada"}, note="Kunjungan pertama")
    [entry] = monev.list_entries(db, 2)
    assert entry["id"] == entry_id
    assert (entry["total"], entry["max_total"], entry["percentage"], entry["category"]) == (
        47, 63, 74.6, "Cukup")  # 47 / 63 x 100 = 74.603...; 71-80 is Cukup
    assert (entry["name"], entry["observer_name"], entry["day"]) == (
        name, observer_name, "2019-11-20")
    g1 = next(s for s in entry["scores"] if s["item_id"] == "G1")
    assert (g1["score"], g1["note"]) == (1, "Apersepsi belum ada")
    assert (entry["form_code"], entry["form_version"], entry["note"]) == (
        "telaah-rpp", 1, "Kunjungan pertama")


def test_out_of_range_and_missing_items_are_refused_and_nothing_is_stored(demo_copy):
    db = demo_copy
    (teacher, _, _), (observer, _, _), _ = _people(db)
    form = monev.get_form(db, "observasi")
    before = snapshot(db)
    too_high = _all(form, 3) | {"C4": 5}
    with pytest.raises(ValidationError) as err:
        monev.enter(db, form, teacher, "2019-11-20", too_high, observer_id=observer)
    assert "Butir C4: skor 5 di luar rentang 0-4." in err.value.problems
    missing = _all(form, 3)
    del missing["D2"]
    with pytest.raises(ValidationError) as err:
        monev.enter(db, form, teacher, "2019-11-20", missing, observer_id=observer)
    assert "Butir yang belum diberi skor: D2." in err.value.problems
    with pytest.raises(ValidationError):
        monev.enter(db, form, teacher, "2019-11-20", _all(form, 3))  # no observer
    with pytest.raises(ValidationError):
        monev.enter(db, form, teacher, "2019-11-20", _all(form, 3), observer_id=teacher)
    assert snapshot(db) == before


def test_pra_observasi_answers_guided_questions_in_text(demo_copy):
    db = demo_copy
    (teacher, _, _), (observer, _, _), _ = _people(db)
    with pytest.raises(ValidationError):  # questions, not scores
        monev.enter(db, "observasi", teacher, "2019-11-20", {"A1": 3}, observer_id=observer,
                    stage="pra-observasi")
    entry_id = monev.enter(db, "observasi", teacher, "2019-11-20", {}, observer_id=observer,
                           stage="pra-observasi", item_notes={"PRA6": "Kerja kelompok"})
    entry = monev.get_entry(db, entry_id)
    assert entry["total"] is None and entry["stage"] == "pra-observasi"
    assert entry["answers"][5]["answer"] == "Kerja kelompok"
    assert entry["answers"][5]["question"].startswith("Aspek apa yang Bapak/Ibu minta")


# ---------------------------------------------------------------- versioning

def test_a_form_changed_after_use_keeps_old_entries_on_their_own_version(demo_copy):
    db = demo_copy
    (teacher, _, _), (observer, _, _), _ = _people(db)
    v1 = monev.get_form(db, "telaah-rpp")
    old_id = monev.enter(db, v1, teacher, "2019-11-01", _all(v1, 2), observer_id=observer)
    items = [dict(i) for i in v1.items if i["id"] != "H3"] + [
        {"id": "I1", "section": "Literasi", "text": "Memuat kegiatan literasi", "max": 3}]
    v2 = monev.save_form(db, "telaah-rpp", v1.name, items, v1.scale)
    assert (v2.version, v2.id != v1.id) == (2, True)
    assert monev.save_form(db, "telaah-rpp", v1.name, items, v1.scale).id == v2.id  # unchanged
    new_id = monev.enter(db, "telaah-rpp", teacher, "2019-12-01", _all(v2, 3),
                         observer_id=observer)
    old, new = monev.list_entries(db, 2, form="telaah-rpp")
    assert (old["id"], old["form_version"], old["total"], old["max_total"]) == (old_id, 1, 42, 63)
    assert [s["item_id"] for s in old["scores"]][-1] == "H3"
    assert (new["id"], new["form_version"], new["total"]) == (new_id, 2, 63)
    assert [s["item_id"] for s in new["scores"]][-1] == "I1"
    assert monev.get_form(db, "telaah-rpp", version=1).items == v1.items
    assert [f.version for f in monev.list_forms(db, all_versions=True)
            if f.code == "telaah-rpp"] == [1, 2]


def test_an_unused_latest_version_is_replaced_not_multiplied(db):
    v1 = monev.get_form(db, "supervisi-kepsek")
    items = [dict(i) for i in v1.items]
    items[0]["text"] = "Menyusun RKJM, RKT, dan RKAS"
    changed = monev.save_form(db, v1.code, v1.name, items, v1.scale, audience=v1.audience)
    assert (changed.id, changed.version, changed.items[0]["text"]) == (
        v1.id, 1, "Menyusun RKJM, RKT, dan RKAS")


def test_invalid_form_is_refused_in_indonesian(db):
    items = [{"id": "A1", "section": "A", "text": "Satu", "max": 3},
             {"id": "A1", "section": "A", "text": "", "max": 3},
             {"id": "A2", "section": "A", "text": "Dua", "min": 3, "max": 3}]
    with pytest.raises(ValidationError) as err:
        monev.save_form(db, "baru", "Instrumen baru", items, {"min": 1, "max": 3})
    assert err.value.problems == ["Butir A1: kode butir dipakai lebih dari sekali.",
                                  "Butir A1: teks butir wajib diisi.",
                                  "Butir A2: skor tertinggi (3) harus lebih besar dari skor "
                                  "terendah (3)."]
    assert db.execute("SELECT count(*) FROM monev_forms WHERE code = 'baru'").fetchone()[0] == 0


# ---------------------------------------------------------------- first and last visit

def test_compare_first_and_last_visit(demo_copy):
    db = demo_copy
    (a, _, name_a), (b, _, name_b), (observer, _, _) = _people(db)
    form = monev.get_form(db, "observasi")  # 27 items, maximum 108
    monev.enter(db, form, a, "2019-12-10", _all(form, 4), observer_id=observer)  # 108: 100%
    monev.enter(db, form, a, "2019-10-20", _all(form, 2), observer_id=observer)  # 54: 50%
    monev.enter(db, form, a, "2019-11-15", _all(form, 3), observer_id=observer)  # 81: 75%
    monev.enter(db, form, b, "2019-11-01", _all(form, 1), observer_id=observer)  # 27: 25%
    rows = {r["participant_id"]: r for r in monev.compare(db, 2, "observasi")}
    assert rows[a]["visits"] == 3
    assert (rows[a]["first"]["day"], rows[a]["first"]["total"],
            rows[a]["first"]["percentage"]) == ("2019-10-20", 54, 50.0)
    assert (rows[a]["last"]["day"], rows[a]["last"]["total"], rows[a]["last"]["percentage"],
            rows[a]["last"]["category"]) == ("2019-12-10", 108, 100.0, "Amat baik")
    assert rows[a]["change"] == 50.0
    assert (rows[b]["visits"], rows[b]["change"]) == (1, None)
    assert monev.compare(db, 2, "telaah-rpp") == []


# ---------------------------------------------------------------- the command line

def _cli(capsys, db_path, *args):
    code = main(["--db", str(db_path), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_file(demo_copy):
    path = demo_copy.conn.execute("PRAGMA database_list").fetchone()[2]
    return path


def test_cli_form_list_json(capsys, db_path):
    code, out, _ = _cli(capsys, db_path, "monev", "form", "list", "--json")
    assert code == 0
    forms = json.loads(out)
    assert [f["name"] for f in forms] == ["Telaah RPP", "Observasi Pembelajaran",
                                          "Supervisi Kepala Sekolah"]
    for form in forms:
        assert {"id", "name", "version", "items"} <= form.keys()
        for item in form["items"]:
            assert {"id", "text", "max"} <= item.keys()
    assert forms[0]["items"][0] == {"id": "A1", "section": "Identitas dan kelengkapan komponen",
                                    "text": TELAAH_FIRST, "min": 1, "max": 3}


def test_cli_enter_list_compare(capsys, demo_copy, demo_file):
    (_, teacher, _), (_, observer, _), _ = _people(demo_copy)
    scores = [f"--score={i['id']}=3" for i in monev.get_form(demo_copy, "telaah-rpp").items]
    base = ["monev", "enter", "--form", "telaah-rpp", "--person", teacher, "--observer",
            observer]
    code, out, _ = _cli(capsys, demo_file, *base, "--date", "2019-11-01", *scores[:-1],
                        "--score=H3=1")
    assert (code, out.strip().isdigit()) == (0, True)
    first = int(out)
    code, out, _ = _cli(capsys, demo_file, *base, "--date", "2019-12-01", *scores)
    assert code == 0
    code, out, _ = _cli(capsys, demo_file, "monev", "list", "--program", "2", "--json")
    entries = json.loads(out)
    assert [(e["id"], e["total"], e["percentage"]) for e in entries] == [
        (first, 61, 96.8), (int(first) + 1, 63, 100.0)]
    code, out, _ = _cli(capsys, demo_file, "monev", "compare", "--program", "2", "--form",
                        "telaah-rpp", "--json")
    [row] = json.loads(out)
    assert (row["nuptk"], row["first"]["percentage"], row["last"]["percentage"],
            row["change"]) == (teacher, 96.8, 100.0, 3.2)


def test_cli_enter_refused_stores_nothing(capsys, demo_copy, demo_file):
    (_, teacher, _), (_, observer, _), _ = _people(demo_copy)
    _cli(capsys, demo_file, "monev", "form", "list")  # the defaults and the day's backup
    before = snapshot(demo_copy)
    code, _, err = _cli(capsys, demo_file, "monev", "enter", "--form", "telaah-rpp",
                        "--person", teacher, "--observer", observer, "--date", "2019-11-01",
                        "--score", "A1=4")
    assert code == 1
    assert "Butir A1: skor 4 di luar rentang 1-3." in err
    code, _, err = _cli(capsys, demo_file, "monev", "enter", "--form", "telaah-rpp",
                        "--person", teacher, "--observer", "1234567890123456", "--date",
                        "2019-11-01", "--score", "A1=3")
    assert code == 1 and "Observer dengan NUPTK 1234567890123456 tidak ada" in err
    code, _, _ = _cli(capsys, demo_file, "monev", "enter", "--form", "telaah-rpp",
                      "--person", teacher, "--observer", observer, "--date", "2019-11-01",
                      "--score", "A1")
    assert code == 2
    assert snapshot(demo_copy) == before


@pytest.mark.parametrize("command", [["monev"], ["monev", "form"], ["monev", "form", "list"],
                                     ["monev", "form", "print"], ["monev", "enter"],
                                     ["monev", "list"], ["monev", "compare"]])
def test_every_monev_command_has_help(capsys, command):
    with pytest.raises(SystemExit) as done:
        main([*command, "--help"])
    assert done.value.code == 0
    assert "pilihan" in capsys.readouterr().out


# ---------------------------------------------------------------- the printed form

@pytest.mark.parametrize("code", ["telaah-rpp", "observasi", "supervisi-kepsek"])
def test_blank_form_prints_every_item_and_the_score_key(db, tmp_path, code):
    form = monev.get_form(db, code)
    out = print_form(db, code, tmp_path / f"{code}.pdf", paper="a4")
    text = _text(out)
    for item in form.items:
        assert item["text"] in text, item["id"]
    for score, meaning in monev.score_key(form):
        assert f"{score} = {meaning}" in text
    assert "Keterangan skor:" in text and "Jumlah skor perolehan" in text
    assert f"Skor maksimal {form.max_total:g}" in text
    for stage in form.stages:
        for question in stage["questions"]:
            assert question["text"] in text
    assert "Observer," in text and "Nama " in text
    assert re.search(r"Halaman 1 dari \d", text)


def test_form_with_identity_shows_the_person(demo_copy, tmp_path, capsys, demo_file):
    (pid, nuptk, name), _, _ = _people(demo_copy)
    out = print_form(demo_copy, "observasi", tmp_path / "filled.pdf",
                     person_participant_id=pid)
    text = _text(out)
    assert name in text and nuptk in text and "Kemitraan Guru SMP Tahun 2019" in text
    assert name not in _text(print_form(demo_copy, "observasi", tmp_path / "blank.pdf"))
    target = tmp_path / "cli.pdf"
    code, out, _ = _cli(capsys, demo_file, "monev", "form", "print", "telaah-rpp", "--out",
                        str(target), "--person", nuptk, "--paper", "f4")
    assert code == 0 and name in _text(target)
    missing = tmp_path / "none.pdf"
    code, _, err = _cli(capsys, demo_file, "monev", "form", "print", "tidak-ada", "--out",
                        str(missing))
    assert code == 1 and not missing.exists() and "tidak ada" in err
