"""RTL (rencana tindak lanjut) read back: rows in the database, the JSON of `plan list`, the
history of progress, overdue as of a date, refusals with nothing stored, the import (all
or nothing, problems by row and column), the exported cells and the printed forms."""

import datetime as dt
import json

import pytest
from helpers import snapshot
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from kemitraan_desktop import action_plans, cli, programs
from kemitraan_desktop.documents.action_plan import print_action_plans
from kemitraan_desktop.documents.frame import SignOff
from kemitraan_desktop.errors import NotFoundError, ValidationError
from kemitraan_desktop.indonesia import format_nip
from kemitraan_desktop.spreadsheets.action_plans_sheet import export_plans, import_plans

PROGRAM = 2  # the demo's "Kemitraan Guru SMP" 2019: Inti / Mitra / Imbas


@pytest.fixture
def mitra(demo_copy):
    """A Guru Mitra of program 2 who has a mentor (an inti) and a NIP."""
    return next(p for p in programs.list_participants(demo_copy, PROGRAM, tier=2)
                if p["nip"] and p["mentor_name"])


def stored(db) -> list[tuple]:
    return db.execute("SELECT participant_id, action, partners, due, indicator, status, note "
                      "FROM action_plans ORDER BY id").fetchall()


def history(db, plan_id) -> list[tuple]:
    return db.execute("SELECT day, status, note FROM action_plan_progress WHERE plan_id = ? "
                      "ORDER BY day, id", [plan_id]).fetchall()


def run(db_path, args, capsys):
    code = cli.main(["--db", str(db_path), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def db_file(db):
    return db.execute("PRAGMA database_list").fetchone()[2]


# ---------------------------------------------------------------- the core


def test_add_stores_the_plan_and_lists_it_with_the_person(demo_copy, mitra):
    plan_id = action_plans.add_plan(
        demo_copy, PROGRAM, mitra["id"], "  Pengimbasan model PBL di MGMP IPA  ",
        dt.date(2019, 11, 30), partners="10 guru imbas, MGMP IPA",
        indicator="10 guru imbas menyusun RPP berbasis PBL")
    assert stored(demo_copy) == [(mitra["id"], "Pengimbasan model PBL di MGMP IPA",
                                  "10 guru imbas, MGMP IPA", "2019-11-30",
                                  "10 guru imbas menyusun RPP berbasis PBL", "belum", None)]
    [row] = action_plans.list_plans(demo_copy, PROGRAM, as_of=dt.date(2019, 11, 1))
    assert (row["id"], row["name"], row["nuptk"], row["nip"]) == (
        plan_id, mitra["name"], mitra["nuptk"], mitra["nip"])
    assert (row["tier_label"], row["role"], row["school"], row["mentor_name"]) == (
        "Mitra", "Guru Mitra", mitra["school"], mitra["mentor_name"])
    assert (row["status_label"], row["due"], row["overdue"], row["days_overdue"]) == (
        "Belum mulai", dt.date(2019, 11, 30), False, 0)


def test_overdue_as_of_a_date(demo_copy, mitra):
    plan_id = action_plans.add_plan(demo_copy, PROGRAM, mitra["id"], "Observasi kelas imbas",
                                    "2019-11-30")
    action_plans.update_plan(demo_copy, plan_id, status="berjalan", day=dt.date(2019, 11, 5))
    the_day_after = dt.date(2019, 12, 1)
    [row] = action_plans.list_plans(demo_copy, PROGRAM, as_of=the_day_after)
    assert (row["overdue"], row["days_overdue"]) == (True, 1)
    [row] = action_plans.list_plans(demo_copy, PROGRAM, as_of=dt.date(2019, 11, 30))
    assert (row["overdue"], row["days_overdue"]) == (False, 0)  # due today is not late
    assert action_plans.summary(demo_copy, PROGRAM, the_day_after)["overdue"] == 1
    action_plans.update_plan(demo_copy, plan_id, status="selesai", day=dt.date(2019, 12, 3))
    [row] = action_plans.list_plans(demo_copy, PROGRAM, as_of=dt.date(2019, 12, 20))
    assert (row["overdue"], row["days_overdue"]) == (False, 0)
    assert action_plans.summary(demo_copy, PROGRAM, dt.date(2019, 12, 20)) == {
        "belum": 0, "berjalan": 0, "selesai": 1, "overdue": 0, "participants_with_plan": 1,
        "participants": 184}


def test_progress_history_is_kept(demo_copy, mitra):
    plan_id = action_plans.add_plan(demo_copy, PROGRAM, mitra["id"], "Lesson study", "2019-12-15")
    action_plans.update_plan(demo_copy, plan_id, status="sedang berjalan",
                             note="Siklus 1 di SMP sendiri", day=dt.date(2019, 11, 2))
    action_plans.update_plan(demo_copy, plan_id, status="berjalan", note="Siklus 2",
                             day="2019-11-20")
    action_plans.update_plan(demo_copy, plan_id, status="Selesai", day=dt.date(2019, 12, 10))
    assert history(demo_copy, plan_id) == [("2019-11-02", "berjalan", "Siklus 1 di SMP sendiri"),
                                           ("2019-11-20", "berjalan", "Siklus 2"),
                                           ("2019-12-10", "selesai", None)]
    assert [(p["day"], p["status_label"]) for p in action_plans.progress(demo_copy, plan_id)] == [
        (dt.date(2019, 11, 2), "Berjalan"), (dt.date(2019, 11, 20), "Berjalan"),
        (dt.date(2019, 12, 10), "Selesai")]
    plan = action_plans.get_plan(demo_copy, plan_id)
    assert (plan["status"], plan["note"], plan["last_day"]) == (
        "selesai", "Siklus 2", dt.date(2019, 12, 10))
    action_plans.delete_plan(demo_copy, plan_id)
    assert stored(demo_copy) == [] and history(demo_copy, plan_id) == []


@pytest.mark.parametrize("action, due, words", [
    ("   ", "2019-11-30", "Kegiatan/aksi wajib diisi"),
    ("Lesson study", "2019-02-30", "bukan tanggal yang sah"),
    ("Lesson study", "besok", "bukan tanggal yang sah"),
    ("Lesson study", "2018-12-31", "di luar masa tindak lanjut"),
    ("Lesson study", "2022-01-01", "di luar masa tindak lanjut"),
    ("Lesson study", "", "Target waktu wajib diisi"),
])
def test_bad_plan_refused_in_indonesian_with_nothing_stored(demo_copy, mitra, action, due, words):
    before = snapshot(demo_copy)
    with pytest.raises(ValidationError) as refused:
        action_plans.add_plan(demo_copy, PROGRAM, mitra["id"], action, due)
    assert words in refused.value.message and "RTL tidak disimpan" in refused.value.message
    assert snapshot(demo_copy) == before


def test_reach_runs_to_the_end_of_two_years_after_the_program(demo_copy, mitra):
    assert action_plans.add_plan(demo_copy, PROGRAM, mitra["id"], "Awal", "1 Januari 2019")
    assert action_plans.add_plan(demo_copy, PROGRAM, mitra["id"], "Akhir", "31/12/2021")
    action_plans.add_plan(demo_copy, PROGRAM, mitra["id"], "Sebulan", "November 2019")
    assert [row[3] for row in stored(demo_copy)] == ["2019-01-01", "2021-12-31", "2019-11-30"]


def test_participant_of_another_program_refused(demo_copy):
    other = programs.list_participants(demo_copy, 1)[0]
    with pytest.raises(ValidationError, match="bukan peserta program"):
        action_plans.add_plan(demo_copy, PROGRAM, other["id"], "Lesson study", "2019-11-30")
    assert stored(demo_copy) == []


@pytest.mark.parametrize("written, key", [
    ("belum", "belum"), ("Belum mulai", "belum"), ("BELUM DIMULAI", "belum"),
    ("berjalan", "berjalan"), ("Sedang berjalan", "berjalan"), ("proses", "berjalan"),
    ("selesai", "selesai"), ("Sudah selesai", "selesai"), ("tuntas", "selesai"),
])
def test_status_in_indonesian_words(written, key):
    assert action_plans.parse_status(written) == key


@pytest.mark.parametrize("written", ["done", "finished", "in progress", "", "3"])
def test_status_in_other_words_refused(written):
    with pytest.raises(ValidationError, match="tidak dikenal; tulis Belum mulai, Berjalan atau "
                                              "Selesai"):
        action_plans.parse_status(written)


def test_bad_update_refused_with_nothing_changed(demo_copy, mitra):
    plan_id = action_plans.add_plan(demo_copy, PROGRAM, mitra["id"], "Lesson study", "2019-12-15")
    before = snapshot(demo_copy)
    for kwargs, words in (({"status": "done"}, "Status 'done' tidak dikenal"),
                          ({"status": "selesai", "day": dt.date.today() + dt.timedelta(days=1)},
                           "belum terjadi"),
                          ({"status": "berjalan", "action": ""}, "Kegiatan/aksi wajib diisi"),
                          ({"due": "2019-13-01"}, "bukan tanggal yang sah")):
        with pytest.raises(ValidationError, match=words):
            action_plans.update_plan(demo_copy, plan_id, **kwargs)
    assert snapshot(demo_copy) == before
    with pytest.raises(NotFoundError, match="RTL dengan id 999 tidak ada"):
        action_plans.update_plan(demo_copy, 999, status="selesai")


# ---------------------------------------------------------------- the command line


def test_cli_add_update_list(demo_copy, mitra, capsys):
    path = db_file(demo_copy)
    code, out, _ = run(path, ["plan", "add", "--program", "2", "--person", mitra["nip"],
                              "--action", "Pengimbasan PBL", "--due", "2019-11-30",
                              "--indicator", "RPP PBL", "--with", "MGMP IPA"], capsys)
    assert code == 0
    plan_id = int(out.splitlines()[0])  # the id alone on the first line
    assert demo_copy.execute("SELECT participant_id, action, partners, due, indicator FROM "
                             "action_plans WHERE id = ?", [plan_id]).fetchone() == (
        mitra["id"], "Pengimbasan PBL", "MGMP IPA", "2019-11-30", "RPP PBL")
    code, out, _ = run(path, ["plan", "update", str(plan_id), "--status", "berjalan", "--note",
                              "Dua pertemuan MGMP", "--date", "2019-11-10"], capsys)
    assert code == 0 and "Berjalan" in out
    assert history(demo_copy, plan_id) == [("2019-11-10", "berjalan", "Dua pertemuan MGMP")]
    code, out, _ = run(path, ["plan", "list", "--program", "2", "--json", "--as-of",
                              "2019-12-01"], capsys)
    assert code == 0
    [entry] = json.loads(out)
    assert entry == {
        "id": plan_id, "participant_id": mitra["id"],
        "person": {"name": mitra["name"], "nuptk": mitra["nuptk"], "nip": mitra["nip"]},
        "tier": "Mitra", "tier_level": 2, "school": mitra["school"], "action": "Pengimbasan PBL",
        "with": "MGMP IPA", "due": "2019-11-30", "indicator": "RPP PBL", "status": "berjalan",
        "status_label": "Berjalan", "note": "Dua pertemuan MGMP", "last_progress": "2019-11-10",
        "overdue": True, "days_overdue": 1}
    code, out, _ = run(path, ["plan", "list", "--program", "2", "--json", "--as-of",
                              "2019-11-30"], capsys)
    assert [e["overdue"] for e in json.loads(out)] == [False]
    code, out, _ = run(path, ["plan", "list", "--program", "2", "--json", "--overdue",
                              "--as-of", "2019-11-30"], capsys)
    assert json.loads(out) == []
    code, out, _ = run(path, ["plan", "update", str(plan_id), "--status", "selesai"], capsys)
    code, out, _ = run(path, ["plan", "list", "--program", "2", "--as-of", "2020-06-01"], capsys)
    assert "Selesai" in out and "TERLAMBAT" not in out
    assert "1 selesai, 0 terlambat; 1 dari 184 peserta sudah punya RTL" in out


def test_cli_refusals(demo_copy, mitra, capsys):
    path = db_file(demo_copy)
    before = snapshot(demo_copy)
    code, _, err = run(path, ["plan", "update", "77", "--status", "selesai"], capsys)
    assert code == 1 and "RTL dengan id 77 tidak ada" in err
    code, _, err = run(path, ["plan", "add", "--program", "2", "--person", mitra["nip"],
                              "--action", "Lesson study", "--due", "2019-02-30"], capsys)
    assert code == 1 and "bukan tanggal yang sah" in err
    code, _, err = run(path, ["plan", "add", "--program", "2", "--person", mitra["nip"],
                              "--action", "", "--due", "2019-11-30"], capsys)
    assert code == 1 and "Kegiatan/aksi wajib diisi" in err
    code, _, err = run(path, ["plan", "add", "--program", "2", "--person", "1234567890123456",
                              "--action", "Lesson study", "--due", "2019-11-30"], capsys)
    assert code == 1 and "NUPTK 1234567890123456 tidak ada di program 2" in err
    assert snapshot(demo_copy) == before
    plan_id = action_plans.add_plan(demo_copy, PROGRAM, mitra["id"], "Lesson study", "2019-12-15")
    before = snapshot(demo_copy)
    code, _, err = run(path, ["plan", "update", str(plan_id), "--status", "done"], capsys)
    assert code == 1 and "Status 'done' tidak dikenal" in err
    assert snapshot(demo_copy) == before


@pytest.mark.parametrize("command", ["add", "update", "list", "import", "export", "print"])
def test_every_plan_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["plan", command, "--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0 and "penggunaan: kemitraan plan" in out


# ---------------------------------------------------------------- the sheet in and out


def office_sheet(tmp_path, rows, header=("No", "Nama", "NIP/NUPTK", "Rencana Kegiatan",
                                         "Sasaran", "Waktu", "Indikator Keberhasilan",
                                         "Status", "Keterangan")):
    """An RTL sheet as an office collects it: titles above, a signature below."""
    book = Workbook()
    ws = book.active
    ws.append(["RENCANA TINDAK LANJUT (RTL) GURU MITRA DAN IMBAS"])
    ws.append(["Kabupaten Gorontalo"])
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    ws.append([])
    ws.append(["", "", "", "", "", "Gorontalo, 18 Oktober 2019"])
    ws.append(["", "", "", "", "", "Mengetahui,"])
    path = tmp_path / "rtl_kantor.xlsx"
    book.save(path)
    return path


def imbas(db, count=2):
    return [p for p in programs.list_participants(db, PROGRAM, tier=3) if p["nip"]][:count]


def test_import_reads_an_office_sheet(demo_copy, tmp_path):
    first, second = imbas(demo_copy)
    path = office_sheet(tmp_path, [
        (1, first["name"], first["nip"], "Menerapkan PBL di kelas VIII", "Siswa kelas VIII",
         "November 2019", "RPP PBL tersusun", "sedang berjalan", ""),
        (2, None, None, "Berbagi praktik baik di MGMP", "MGMP Bahasa Inggris",
         dt.date(2019, 12, 14), "Presentasi di MGMP", "", ""),  # the same teacher, ID once
        (3, second["name"], second["nuptk"], "Lesson study", "Guru sejawat", "01/12/2019", "",
         "Selesai", "Dua siklus"),
    ])
    report = import_plans(demo_copy, PROGRAM, path)
    assert report.written and not report.problems
    assert (report.new, report.participants, report.ignored_rows) == (3, 2, 2)
    assert stored(demo_copy) == [
        (first["id"], "Menerapkan PBL di kelas VIII", "Siswa kelas VIII", "2019-11-30",
         "RPP PBL tersusun", "berjalan", None),
        (first["id"], "Berbagi praktik baik di MGMP", "MGMP Bahasa Inggris", "2019-12-14",
         "Presentasi di MGMP", "belum", None),
        (second["id"], "Lesson study", "Guru sejawat", "2019-12-01", None, "selesai",
         "Dua siklus")]
    again = import_plans(demo_copy, PROGRAM, path)  # the same sheet twice: no second copy
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)
    assert len(stored(demo_copy)) == 3


def test_import_is_all_or_nothing_naming_row_and_column(demo_copy, tmp_path):
    first, second = imbas(demo_copy)
    path = office_sheet(tmp_path, [
        (1, first["name"], first["nip"], "Menerapkan PBL", "Siswa", "2019-11-30", "", "", ""),
        (2, "Orang Lain", "1111222233334444", "Lesson study", "", "2019-11-30", "", "", ""),
        (3, second["name"], second["nip"], "", "", "2019-11-30", "", "", ""),
        (4, second["name"], second["nip"], "Observasi", "", "2019-02-30", "", "", ""),
        (5, second["name"], second["nip"], "Supervisi", "", "2019-12-01", "", "done", ""),
    ])
    before = snapshot(demo_copy)
    report = import_plans(demo_copy, PROGRAM, path)
    assert not report.written and snapshot(demo_copy) == before
    assert [(p.row, p.column) for p in report.problems] == [
        (5, "NIP/NUPTK"), (6, "Rencana Kegiatan"), (7, "Waktu"), (8, "Status")]
    messages = [p.message for p in report.problems]
    assert "bukan peserta program Kemitraan Guru SMP tahun 2019" in messages[0]
    assert "Kegiatan/aksi kosong" in messages[1]
    assert "bukan tanggal yang sah" in messages[2]
    assert "Status 'done' tidak dikenal" in messages[3]
    assert "Tidak ada yang disimpan" in report.summary()


def test_import_without_the_needed_columns_refused(demo_copy, tmp_path):
    path = office_sheet(tmp_path, [(1, "A", "B")], header=("No", "Nama", "Kegiatan"))
    with pytest.raises(ValidationError, match="tidak punya kolom NUPTK atau NIP dan Target Waktu"):
        import_plans(demo_copy, PROGRAM, path)


def test_export_cells_and_round_trip(demo_copy, mitra, tmp_path):
    late = action_plans.add_plan(demo_copy, PROGRAM, mitra["id"], "Pengimbasan PBL",
                                 "2019-11-30", partners="MGMP IPA", indicator="RPP PBL")
    done = action_plans.add_plan(demo_copy, PROGRAM, mitra["id"], "Lesson study", "2019-11-15")
    action_plans.update_plan(demo_copy, done, status="selesai", day=dt.date(2019, 11, 14))
    path = export_plans(demo_copy, PROGRAM, tmp_path / "rtl.xlsx", as_of=dt.date(2019, 12, 5))
    ws = load_workbook(path).active
    assert [c.value for c in ws[3]][:13] == [
        "No", "ID RTL", "Nama", "NUPTK", "NIP", "Peran", "Asal Sekolah", "Kegiatan/Aksi",
        "Sasaran/Bersama", "Target Waktu", "Indikator Keberhasilan", "Status", "Keterangan"]
    rows = {row[1].value: row for row in ws.iter_rows(min_row=4)}
    lateness = rows[late]
    assert lateness[9].value == dt.datetime(2019, 11, 30) and lateness[9].number_format == "DD/MM/YYYY"
    assert lateness[4].value == mitra["nip"] and lateness[4].data_type == "s"
    assert (lateness[11].value, lateness[13].value) == ("Belum mulai", 5)
    assert lateness[0].fill.fgColor.rgb.endswith("F8CBAD")  # past due: highlighted
    finished = rows[done]
    assert (finished[11].value, finished[14].value) == ("Selesai", dt.datetime(2019, 11, 14))
    assert finished[0].fill.fill_type is None
    assert ws.freeze_panes == "D4" and ws.auto_filter.ref == "A3:O5"
    assert ws.column_dimensions["H"].width >= 40
    # sent out, filled in and imported back: the status moves on its own plan
    book = load_workbook(path)
    for row in book.active.iter_rows(min_row=4):
        if row[1].value == late:
            row[11].value, row[12].value = "Berjalan", "Pertemuan MGMP pertama"
    book.save(path)
    report = import_plans(demo_copy, PROGRAM, path)
    assert (report.new, report.updated, report.unchanged) == (0, 1, 1)
    assert action_plans.get_plan(demo_copy, late)["status"] == "berjalan"
    assert history(demo_copy, late) == [(dt.date.today().isoformat(), "berjalan",
                                         "Pertemuan MGMP pertama")]


# ---------------------------------------------------------------- the printed form


def pdf_text(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_printed_rtl_shows_identity_plans_and_signatures(demo_copy, mitra, tmp_path):
    action_plans.add_plan(demo_copy, PROGRAM, mitra["id"], "Pengimbasan model PBL di MGMP IPA",
                          "2019-11-30", partners="10 guru imbas", indicator="RPP PBL tersusun")
    plan_id = action_plans.add_plan(demo_copy, PROGRAM, mitra["id"], "Observasi kelas imbas",
                                    "2019-12-15")
    action_plans.update_plan(demo_copy, plan_id, status="berjalan", note="Tiga kelas",
                             day=dt.date(2019, 12, 1))
    out = print_action_plans(demo_copy, PROGRAM, tmp_path / "rtl.pdf", paper="a4",
                             as_of=dt.date(2019, 12, 20),
                             sign_off=SignOff(place="Gorontalo", day=dt.date(2019, 10, 18)))
    [page] = pdf_text(out)
    flat = " ".join(page.split())
    for text in ("RENCANA TINDAK LANJUT (RTL)", "Kemitraan Guru SMP Tahun 2019", mitra["name"],
                 format_nip(mitra["nip"]), mitra["school"], "Guru Mitra",
                 f"{mitra['mentor_name']} (Guru Inti)", "Pengimbasan model PBL di MGMP IPA",
                 "10 guru imbas", "30 November 2019", "RPP PBL tersusun", "Belum mulai",
                 "melewati target 20 hari", "Observasi kelas imbas", "Berjalan", "Tiga kelas",
                 "Mengetahui,", f"Kepala {mitra['school']}", "Gorontalo, 18 Oktober 2019",
                 f"NIP {format_nip(mitra['nip'])}", "Halaman 1 dari 1"):
        assert text in flat, text


def test_blank_form_when_no_plan_typed_and_one_form_per_person(demo_copy, tmp_path):
    person = programs.list_participants(demo_copy, 1)[0]
    out = print_action_plans(demo_copy, 1, tmp_path / "kosong.pdf", participant_id=person["id"])
    [page] = pdf_text(out)
    lines = [line.strip() for line in page.splitlines()]
    assert [str(n) for n in range(1, 7)] == [line for line in lines if line.isdigit()
                                             and len(line) == 1]
    assert person["name"] in page and "Mengetahui," in page and "Belum mulai" not in page
    everyone = print_action_plans(demo_copy, 1, tmp_path / "semua.pdf", everyone=True)
    pages = pdf_text(everyone)
    assert len(pages) == len(programs.list_participants(demo_copy, 1)) == 24
    assert all("Halaman 1 dari 1" in text for text in pages)


def test_nothing_to_print_refused_and_no_file(demo_copy, tmp_path, capsys):
    out = tmp_path / "rtl.pdf"
    with pytest.raises(ValidationError, match="Belum ada RTL"):
        print_action_plans(demo_copy, PROGRAM, out)
    code, _, err = run(db_file(demo_copy), ["plan", "print", "--program", "2", "--out",
                                            str(out)], capsys)
    assert code == 1 and "Belum ada RTL" in err
    assert not out.exists()
