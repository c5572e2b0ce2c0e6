"""Rundown workbooks: export, round trip, an office's own sheet, located problems, all or nothing.

tests/data/rundown_libreoffice.ods and .xls are `office_workbook()` below saved by LibreOffice
(`python tests/core/test_rundown_xlsx.py` makes them again), so the import is tested on
files another program wrote, merged cells included.
"""

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from kemitraan_desktop import activities, programs, rundown_templates
from kemitraan_desktop.activities import Item
from kemitraan_desktop.errors import Cancelled, InputFileError, ValidationError
from kemitraan_desktop.spreadsheets import RundownReport, export_rundown, import_rundown

DATA = Path(__file__).resolve().parent.parent / "data"
HEADER = ["Tanggal", "Mulai", "Selesai", "Kegiatan", "Tempat", "Penanggung Jawab", "JP",
          "Daftar Hadir", "NPSN Sekolah"]
SMPN1, SMPN2 = "20330101", "20330102"  # two of the demo OJL's host schools


def d(day):
    return dt.date(2018, 9, day)


def t(hour, minute=0):
    return dt.time(hour, minute)


@pytest.fixture
def db(demo_copy):
    return demo_copy


@pytest.fixture
def ojl(db):
    """The Pekalongan OJL 1 (9 to 16 September 2018) with the template's rundown."""
    program_id = next(e["program"].id for e in programs.list_programs(db)
                      if e["program"].year == 2018)
    aid = activities.create_activity(db, program_id, "ojl1", "OJL 1", "2018-09-09", "2018-09-16",
                                     city="Kota Pekalongan")
    template = rundown_templates.find_template(db, "OJL 1 (8 hari)")
    activities.save_items(db, aid, rundown_templates.apply_template(db, aid, template))
    return aid


def school_ids(db, aid):
    return {h["npsn"]: h["id"] for h in activities.host_schools(db, aid)}


def rundown(db, aid):
    return [i.as_dict() for i in activities.list_items(db, aid)]


def as_tuples(items):
    return [(i.day, i.start, i.end, i.description, i.place, i.pic, i.jp, i.attendance, i.school_id)
            for i in items]


# ---------------------------------------------------------------- export and round trip

def test_export_is_a_sheet_an_operator_can_edit_and_print(db, ojl, tmp_path):
    path = export_rundown(db, ojl, tmp_path / "rundown.xlsx")

    book = load_workbook(path)
    assert book.sheetnames == ["Rundown"]
    ws = book["Rundown"]
    assert ws["A1"].value == "OJL 1"
    assert ws["A2"].value == "9 s.d. 16 September 2018, Kota Pekalongan (waktu WIB)"
    assert [c.value for c in ws[4]] == HEADER
    assert ws.freeze_panes == "A5"
    assert ws.print_title_rows == "$4:$4"
    assert ws.page_setup.orientation == "landscape"
    first = [c.value for c in ws[5]]
    assert first == [dt.datetime(2018, 9, 9), "10.00", "17.00",
                     "Kedatangan peserta (guru mitra) dan registrasi", "Hotel/penginapan peserta",
                     "Panitia", 0, "Ya", None]
    assert ws["A5"].number_format == "DD/MM/YYYY"
    assert ws["B5"].number_format == "@"  # times stay text as typed, never day fractions
    hosts = [row for row in ws.iter_rows(min_row=5, values_only=True) if row[8]]
    assert {row[8] for row in hosts} == set(school_ids(db, ojl))
    assert ws.max_row == 4 + len(activities.list_items(db, ojl))
    assert "20330101 = SMP Negeri 1 Pekalongan" in ws["I4"].comment.text


def test_round_trip_gives_the_same_rundown(db, ojl, tmp_path):
    ids = school_ids(db, ojl)
    items = activities.list_items(db, ojl) + [
        Item(d(15), t(19, 30), None, "- Malam penutupan\nHiburan dan kesan pesan", "Pendopo",
             "=Panitia", 1.5, True),
        Item(d(16), None, None, "Kepulangan peserta (tanpa jam)", "", "", 0, False),
        Item(d(13), t(15, 30), t(17), "Refleksi di sekolah", "SMP Negeri 7 Pekalongan",
             "Dedi Tahir, S.Pd., M.Pd.", 2, False, ids["20330107"]),
    ]
    activities.save_items(db, ojl, items)
    before = rundown(db, ojl)
    path = export_rundown(db, ojl, tmp_path / "rundown.xlsx")
    activities.save_items(db, ojl, [Item(d(9), t(8), t(9), "Sementara")])

    report = import_rundown(db, ojl, path)

    assert report.problems == [] and not [w for w in report.warnings if "tidak muat" not in w.message]
    assert rundown(db, ojl) == before
    assert report.summary() == ("Rundown diimpor: 51 acara dalam 8 hari, 36,5 JP, "
                                "menggantikan 1 acara sebelumnya.")
    assert (report.items, report.days, report.jp, report.header_row) == (51, 8, 36.5, 4)


def test_operator_edits_in_excel_are_read(db, ojl, tmp_path):
    """Times typed as Excel times, as `0815`, as 9.3 (English Excel took "9.30" for a
    number); a date left only on the first row of a day."""
    path = export_rundown(db, ojl, tmp_path / "rundown.xlsx")
    book = load_workbook(path)
    ws = book["Rundown"]
    assert ws["D7"].value == "Registrasi" and ws["D8"].value.startswith("Pembukaan")
    ws["B7"].value, ws["B7"].number_format = dt.time(7, 45), "hh.mm"
    ws["C7"] = "0815"
    ws["C8"] = 9.3
    ws["A8"] = None
    ws["A9"] = None
    ws["H9"] = "v"
    book.save(path)

    report = import_rundown(db, ojl, path)

    assert report.ok, report.details()
    items = activities.list_items(db, ojl)
    assert as_tuples(items[2:5]) == [
        (d(10), t(7, 45), t(8, 15), "Registrasi", "Aula Dinas Pendidikan", "Panitia", 0, True, None),
        (d(10), t(8), t(9, 30), "Pembukaan dan sambutan selamat datang Kepala Dinas Pendidikan",
         "Aula Dinas Pendidikan", "Kepala Dinas Pendidikan", 2, True, None),
        (d(10), t(9, 30), t(10), "Rehat kopi", "Aula Dinas Pendidikan", "", 0, True, None),
    ]


# ---------------------------------------------------------------- an office's own sheet

def office_workbook(path: Path) -> Path:
    """A jadwal as an office types it: titles, a numbered two-level header, days and
    activities in merged cells, times as `07.30 - 09.00 WIB`, a total and a signature."""
    book = Workbook()
    ws = book.active
    ws.title = "Jadwal OJL"
    for row, text in enumerate(["JADWAL KEGIATAN ON THE JOB LEARNING (OJL) 1",
                                "PROGRAM KEMITRAAN GURU SMP KOTA PEKALONGAN",
                                "Tanggal 9 s.d. 16 September 2018"], start=1):
        ws.cell(row, 1, text)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=9)
    ws.append([])
    ws.append(["No", "Hari/Tanggal", "Waktu", "Kegiatan/Materi", "Tempat", "Narasumber/PJ", "JP",
               "Absen", "NPSN"])
    ws.append(list(range(1, 10)))
    rows = [
        [1, "Minggu, 9 September 2018", "10.00 - 17.00 WIB", "Kedatangan peserta dan registrasi",
         "Hotel Nirwana", "Panitia", "-", "v", None],
        [2, None, "19.00 - selesai", "Pertemuan awal dan penjelasan jadwal", "Hotel Nirwana",
         "Panitia", 0, None, None],
        [3, "Senin, 10 September 2018", "07.30-08.00 WIB", "Registrasi", "Aula Dinas Pendidikan",
         "Panitia", None, "Ya", None],
        [4, None, "08.00 - 09.30", "Pembukaan oleh Kepala Dinas Pendidikan", None,
         "Kepala Dinas Pendidikan", 2, "Ya", None],
        [5, None, "09.30 s.d. 12.15", "Kebijakan Program Kemitraan", None, "Narasumber Dinas", 3,
         None, None],
        [6, dt.date(2018, 9, 11), "08.00 \u2013 12.00", "Kunjungan budaya: kampung batik",
         "Kampung Batik", "Panitia", 0, None, None],
        [7, "Rabu, 12 September 2018", "07.00 - 09.15", "Observasi pembelajaran di kelas",
         "SMP Negeri 1 Pekalongan", "Sri Wijaya, S.Pd.", 3, "Ya", SMPN1],
        [8, None, None, None, "SMP Negeri 2 Pekalongan", "Indah Daeng, S.Pd., M.Pd.", None, None,
         int(SMPN2)],
        [9, None, "13.00 - 15.00", "Diskusi hasil observasi", "Aula Dinas Pendidikan",
         "Guru inti", "2 JP", None, None],
    ]
    for row in rows:
        ws.append(row)
    ws["B12"].number_format = "DD/MM/YYYY"
    for cells in ("B7:B8", "B9:B11", "E9:E11", "B13:B15", "C13:C14", "D13:D14", "G13:G14",
                  "H13:H14"):
        ws.merge_cells(cells)
    ws.append(["JUMLAH JP", None, None, None, None, None, 11])
    ws.merge_cells("A16:F16")
    ws.append([])
    for text in ("Pekalongan, 1 September 2018", "Kepala Dinas Pendidikan Kota Pekalongan",
                 "Drs. Soeroso, M.Pd.", "NIP 196501011990031005"):
        ws.append([None] * 5 + [text])
    book.save(path)
    return path


def office_expected(db, aid):
    ids = school_ids(db, aid)
    hall = "Aula Dinas Pendidikan"
    return [
        (d(9), t(10), t(17), "Kedatangan peserta dan registrasi", "Hotel Nirwana", "Panitia", 0,
         True, None),
        (d(9), t(19), None, "Pertemuan awal dan penjelasan jadwal", "Hotel Nirwana", "Panitia", 0,
         False, None),
        (d(10), t(7, 30), t(8), "Registrasi", hall, "Panitia", 0, True, None),
        (d(10), t(8), t(9, 30), "Pembukaan oleh Kepala Dinas Pendidikan", hall,
         "Kepala Dinas Pendidikan", 2, True, None),
        (d(10), t(9, 30), t(12, 15), "Kebijakan Program Kemitraan", hall, "Narasumber Dinas", 3,
         False, None),
        (d(11), t(8), t(12), "Kunjungan budaya: kampung batik", "Kampung Batik", "Panitia", 0,
         False, None),
        (d(12), t(7), t(9, 15), "Observasi pembelajaran di kelas", "SMP Negeri 1 Pekalongan",
         "Sri Wijaya, S.Pd.", 3, True, ids[SMPN1]),
        (d(12), t(7), t(9, 15), "Observasi pembelajaran di kelas", "SMP Negeri 2 Pekalongan",
         "Indah Daeng, S.Pd., M.Pd.", 3, True, ids[SMPN2]),
        (d(12), t(13), t(15), "Diskusi hasil observasi", hall, "Guru inti", 2, False, None),
    ]


def check_office_import(db, aid, path):
    report = import_rundown(db, aid, path)
    assert report.problems == [], report.details()
    assert not [w for w in report.warnings if "tidak muat" not in w.message]
    assert (report.sheet, report.header_row, report.ignored_rows) == ("Jadwal OJL", 5, 4)
    assert as_tuples(activities.list_items(db, aid)) == office_expected(db, aid)
    assert report.summary() == ("Rundown diimpor: 9 acara dalam 4 hari, 10 JP, menggantikan 48 "
                                "acara sebelumnya.")


def test_office_sheet_with_titles_merged_days_and_a_waktu_column(db, ojl, tmp_path):
    check_office_import(db, ojl, office_workbook(tmp_path / "jadwal.xlsx"))


@pytest.mark.parametrize("name", ["rundown_libreoffice.ods", "rundown_libreoffice.xls"])
def test_office_sheet_saved_by_libreoffice(db, ojl, name):
    check_office_import(db, ojl, DATA / name)


def test_blank_cells_below_a_day_without_merging(db, ojl, make_xlsx):
    """No merged cells at all: a day and a host-school activity written once, blank below."""
    path = make_xlsx([
        ["Rabu, 12 September 2018", "07.00", "09.15", "Observasi", "SMP Negeri 1 Pekalongan",
         "Sri Wijaya, S.Pd.", 3, "Ya", SMPN1],
        [None, None, None, None, "SMP Negeri 2 Pekalongan", "Indah Daeng, S.Pd., M.Pd.", None,
         None, SMPN2],
        [None, "13.00", "15.00", "Diskusi", "Aula", "Guru inti", 2, None, None],
        [None, None, None, None, None, "Narasumber Dinas", None, None, None],
    ], HEADER)

    report = import_rundown(db, ojl, path)

    ids = school_ids(db, ojl)
    assert as_tuples(activities.list_items(db, ojl)) == [
        (d(12), t(7), t(9, 15), "Observasi", "SMP Negeri 1 Pekalongan", "Sri Wijaya, S.Pd.", 3,
         True, ids[SMPN1]),
        (d(12), t(7), t(9, 15), "Observasi", "SMP Negeri 2 Pekalongan",
         "Indah Daeng, S.Pd., M.Pd.", 3, True, ids[SMPN2]),
        (d(12), t(13), t(15), "Diskusi", "Aula", "Guru inti; Narasumber Dinas", 2, False, None),
    ]
    assert [(w.row, w.column) for w in report.warnings] == [(5, "Kegiatan")]
    assert "digabung ke acara di baris 4" in report.warnings[0].message


def test_two_header_rows_and_a_weekday_column(db, ojl, tmp_path):
    book = Workbook()
    ws = book.active
    ws.append(["Hari", "Tanggal", "Waktu (WIB)", None, "Acara", "Lokasi", "Pemateri", "Jam Pelajaran"])
    ws.append([None, None, "Mulai", "Selesai", None, None, None, None])
    ws.append(["Jum'at", "14-09-2018", "0730", "1130", "Workshop batik", "Museum Batik",
               "Pengelola museum", "4"])
    ws.append([None, None, 13, "15.30", "Kunjungan Sekda", "Kantor Sekda", "Panitia", "1,5"])
    ws.merge_cells("C1:D1")
    path = tmp_path / "dua-baris.xlsx"
    book.save(path)

    report = import_rundown(db, ojl, path)

    assert report.ok and report.header_row == 2
    assert as_tuples(activities.list_items(db, ojl)) == [
        (d(14), t(7, 30), t(11, 30), "Workshop batik", "Museum Batik", "Pengelola museum", 4,
         False, None),
        (d(14), t(13), t(15, 30), "Kunjungan Sekda", "Kantor Sekda", "Panitia", 1.5, False, None),
    ]


def test_day_numbers_and_a_semicolon_csv(db, ojl, tmp_path):
    """A template-like sheet counting days ("Hari ke" 1, 2) instead of dates, from Excel's
    Indonesian CSV."""
    path = tmp_path / "jadwal.csv"
    path.write_text("Hari ke;Jam;Materi;PIC;JP;Presensi\n"
                    "1;10.00 - 17.00;Kedatangan;Panitia;0;Ya\n"
                    ";19.00-21.00;Pertemuan awal;Panitia;0;\n"
                    "Hari ke-2;08.00 - 09.30;Pembukaan;Kepala Dinas;2;Ya\n", encoding="utf-8")

    report = import_rundown(db, ojl, path)

    assert report.ok, report.details()
    assert as_tuples(activities.list_items(db, ojl)) == [
        (d(9), t(10), t(17), "Kedatangan", "", "Panitia", 0, True, None),
        (d(9), t(19), t(21), "Pertemuan awal", "", "Panitia", 0, False, None),
        (d(10), t(8), t(9, 30), "Pembukaan", "", "Kepala Dinas", 2, True, None),
    ]


# ---------------------------------------------------------------- problems

def test_every_problem_is_located_and_nothing_is_written(db, ojl, make_xlsx):
    before = rundown(db, ojl)
    path = make_xlsx([
        ["31/02/2018", "07.30", "08.00", "Registrasi", "", "", 0, "", ""],
        [None, "08.00", "09.00", "Di bawah tanggal yang salah", "", "", 0, "", ""],
        ["10/09/2018", "25.00", "09.00", "Pembukaan", "", "", 2, "", ""],
        ["10/09/2018", "09.00", "10.00", None, "Aula", "Panitia", 1, "", ""],
        ["10/09/2018", "10.00", "11.00", "Materi 1", "", "", "dua", "", ""],
        ["10/09/2018", "11.00", "12.00", "Materi 2", "", "", 2, "mungkin", ""],
        ["12/09/2018", "07.00", "09.00", "Observasi", "", "", 4, "Ya", "20339999"],
        ["10/09/2019", "07.00", "08.00", "Salah tahun", "", "", 0, "", ""],
        ["17/09/2018", "08.00", "09.00", "Sehari sesudahnya", "", "", 0, "", ""],
    ], HEADER)

    report = import_rundown(db, ojl, path)

    assert [(p.row, p.column) for p in report.problems] == [
        (2, "Tanggal"), (4, "Mulai"), (5, "Kegiatan"), (6, "JP"), (7, "Daftar Hadir"),
        (8, "NPSN Sekolah"), (9, "Tanggal")]
    messages = [p.message for p in report.problems]
    assert messages[0].startswith("'31/02/2018' bukan tanggal")
    assert "bukan jam yang ada" in messages[1]
    assert messages[2].startswith("Kegiatan kosong")
    assert messages[3].startswith("'dua' bukan angka JP")
    assert messages[4].startswith("'mungkin' tidak dikenali")
    assert messages[5].startswith("NPSN 20339999 bukan sekolah inti kegiatan ini")
    assert "20330101 (SMP Negeri 1 Pekalongan)" in messages[5]
    assert messages[6] == ("Selasa, 10 September 2019 jauh di luar tanggal kegiatan (9 s.d. 16 "
                           "September 2018); periksa bulan dan tahunnya")
    # one day after the end: a warning, as in the editor
    assert [(w.row, w.column) for w in report.warnings] == [(10, "Tanggal")]
    assert str(report.problems[0]).startswith("Baris 2, kolom 'Tanggal': ")
    assert not report.written
    assert report.summary().startswith("Tidak ada yang disimpan: 7 masalah")
    assert rundown(db, ojl) == before


def test_warnings_do_not_block(db, ojl, make_xlsx):
    path = make_xlsx([
        ["Sabtu, 8 September 2018", "14.00", "16.00", "Panitia datang lebih dulu", "", "", 0, "", ""],
        ["Senin, 11 September 2018", "07.00 WITA", "08.00", "Hari salah tulis", "", "", 0, "", ""],
        [None, "07.30", "09.00", "Bertumpuk", "", "", 0, "", ""],
        [None, "10.00", "09.30", "Terbalik", "", "", 0, "", ""],
    ], HEADER)

    report = import_rundown(db, ojl, path)

    assert report.written and report.problems == []
    assert [(w.row, w.column) for w in report.warnings] == [
        (2, "Tanggal"), (3, "Tanggal"), (3, "Mulai"), (4, "Mulai"), (5, "Mulai")]
    text = [w.message for w in report.warnings]
    assert text[0].startswith("Sabtu, 8 September 2018 di luar tanggal kegiatan")
    assert text[1].startswith("tertulis hari Senin, padahal 11 September 2018 hari Selasa")
    assert text[2].startswith("waktu tertulis WITA, padahal kegiatan ini memakai WIB")
    assert "bertumpuk" in text[3] and "tidak sesudah jam mulai" in text[4]
    assert report.summary().endswith("5 peringatan.")
    assert len(activities.list_items(db, ojl)) == 4


def test_dry_run_writes_nothing(db, ojl, tmp_path):
    before = rundown(db, ojl)
    path = office_workbook(tmp_path / "jadwal.xlsx")

    report = import_rundown(db, ojl, path, dry_run=True)

    assert isinstance(report, RundownReport)
    assert report.ok and not report.written
    assert as_tuples(report.rundown) == office_expected(db, ojl)
    assert report.summary() == ("Uji coba (tidak ada yang disimpan): 9 acara dalam 4 hari, 10 JP; "
                                "menggantikan 48 acara yang ada.")
    assert rundown(db, ojl) == before


def test_cancelled_before_writing(db, ojl, tmp_path):
    before = rundown(db, ojl)
    with pytest.raises(Cancelled):
        import_rundown(db, ojl, office_workbook(tmp_path / "j.xlsx"), cancelled=lambda: True)
    assert rundown(db, ojl) == before


def test_an_empty_table_does_not_clear_the_rundown(db, ojl, make_xlsx):
    before = rundown(db, ojl)
    report = import_rundown(db, ojl, make_xlsx([], HEADER))
    assert [(p.row, p.column) for p in report.problems] == [(1, None)]
    assert "tidak ada acara" in report.problems[0].message
    assert rundown(db, ojl) == before


@pytest.mark.parametrize(("header", "missing"), [
    (["Tanggal", "Waktu", "Tempat"], "tidak punya kolom Kegiatan"),
    (["Waktu", "Kegiatan", "Tempat"], "tidak punya kolom Tanggal"),
    (["Nama", "NUPTK"], "Baris judul kolom rundown tidak ditemukan"),
])
def test_missing_required_columns(db, ojl, make_xlsx, header, missing):
    before = rundown(db, ojl)
    path = make_xlsx([["10/09/2018", "07.30", "Aula"]], header)
    with pytest.raises(ValidationError, match=missing):
        import_rundown(db, ojl, path)
    assert rundown(db, ojl) == before


def test_unreadable_file(db, ojl, tmp_path):
    path = tmp_path / "rundown.xlsx"
    path.write_text("bukan lembar kerja")
    with pytest.raises(InputFileError):
        import_rundown(db, ojl, path)


def test_demo_hosts_are_the_ones_the_files_name(db, ojl):
    assert {SMPN1, SMPN2} <= set(school_ids(db, ojl))


# ---------------------------------------------------------------- the LibreOffice files

def main() -> None:
    """Make tests/data/rundown_libreoffice.{ods,xls} with LibreOffice (run once; committed)."""
    out = DATA / "_lo"
    source = office_workbook(DATA / "_rundown.xlsx")
    for fmt in ("ods", "xls"):
        subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", str(out),
                        str(source)], check=True, capture_output=True)
        (out / f"_rundown.{fmt}").replace(DATA / f"rundown_libreoffice.{fmt}")
    out.rmdir()
    source.unlink()


if __name__ == "__main__":
    sys.exit(main())
