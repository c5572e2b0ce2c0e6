"""Attendance through files: marks imported from an office's workbook (a row per mark, or a
row per participant with a column per date), every bad cell located and nothing written;
the Rekap Kehadiran read back as .xlsx (IDs as text, H/I/S/A, %, JP, eligibility) and as
PDF (letterhead, names, percentages, Ya/Tidak, counts)."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from kemitraan_desktop import activities, attendance, demo, people
from kemitraan_desktop.attendance import Mark, Rule
from kemitraan_desktop.documents import print_recap
from kemitraan_desktop.documents.frame import SignOff
from kemitraan_desktop.errors import ValidationError
from kemitraan_desktop.indonesia import format_nip
from kemitraan_desktop.spreadsheets import export_recap, import_marks
from kemitraan_desktop.spreadsheets.attendance_recap import short_label
from kemitraan_desktop.spreadsheets.attendance_sheet import parse_status

OJL = 1  # the demo's Pekalongan OJL 1, 9-16 September 2018: 24 participants, 10 sessions
D10, D11, D12, D16 = "2018-09-10", "2018-09-11", "2018-09-12", "2018-09-16"


@pytest.fixture
def ojl(db):
    """The demo with no attendance recorded for the OJL."""
    demo.load_demo(db)
    attendance.set_marks(db, OJL, [Mark(pid, day, slot, None)
                                   for pid, day, slot in attendance.marks(db, OJL)])
    assert attendance.marks(db, OJL) == {}
    return db


def participants(db) -> list[dict]:
    return activities.activity_participants(db, OJL)


def workbook(path, rows, *, merges=()) -> str:
    book = Workbook()
    ws = book.active
    ws.title = "Daftar Hadir"
    for row in rows:
        ws.append(list(row))
    for cells in merges:
        ws.merge_cells(cells)
    book.save(path)
    return path


def test_sessions_of_the_demo_are_what_the_tests_assume(ojl):
    keys = [s.key for s in attendance.sessions(ojl, OJL)]
    assert len(keys) == 10 and len(participants(ojl)) == 24
    assert (D10, "07:30") in keys and (D10, "08:00") in keys  # two sessions on the 10th
    assert (D11, "13:00") in keys and (D16, "") in keys  # the 16th: one session, the day


# ---------------------------------------------------------------- statuses

@pytest.mark.parametrize("cell, status", [
    ("hadir", "hadir"), ("H", "hadir"), ("h.", "hadir"), ("v", "hadir"), ("✓", "hadir"),
    ("√", "hadir"), (1, "hadir"), (True, "hadir"), ("Izin", "izin"), ("I", "izin"),
    ("ijin", "izin"), ("S", "sakit"), ("sakit", "sakit"), ("A", "alpa"), ("Alpa", "alpa"),
    ("alpha", "alpa"), ("tanpa keterangan", "alpa"), ("TK", "alpa"), ("-", "alpa"),
    (0, "alpa"), ("0", "alpa")])
def test_status_cells_as_offices_write_them(cell, status):
    assert parse_status(cell) == (status, "")


def test_a_status_with_its_reason_keeps_the_reason_as_note():
    assert parse_status("Sakit (surat dokter)") == ("sakit", "surat dokter")
    assert parse_status("Izin: tugas sekolah") == ("izin", "tugas sekolah")
    assert parse_status("  ") is None


@pytest.mark.parametrize("cell", ["X", "terlambat", 2, "HS", "?"])
def test_unreadable_status_says_what_to_write(cell):
    with pytest.raises(ValueError, match="bukan status kehadiran; isi H \\(hadir\\), I \\(izin\\)"):
        parse_status(cell)


# ---------------------------------------------------------------- long layout

def test_long_layout_marks_a_whole_day_or_one_session(ojl, tmp_path):
    ps = participants(ojl)
    a, b, c, d = ps[0], ps[1], ps[2], ps[3]
    attendance.set_marks(ojl, OJL, [Mark(c["id"], D11, "13:00", "alpa", "dicatat panitia")])
    path = workbook(tmp_path / "hadir.xlsx", [
        ["DAFTAR HADIR OJL 1"], [],
        ["No", "Nama", "NUPTK", "Tanggal", "Jam", "Status", "Catatan"],
        [1, a["name"], a["nuptk"], dt.date(2018, 9, 10), None, "H", None],  # the whole day
        [2, b["name"], b["nuptk"], "10/09/2018", "07.30", "izin", "rapat dinas"],
        [3, b["name"], b["nuptk"], "10/09/2018", "0800", "S", None],
        [4, c["name"], c["nuptk"], "11/09/2018", "Refleksi kunjungan", "✓", None],
        [5, d["name"], d["nuptk"], "Minggu, 16 September 2018", None, "Tanpa keterangan", None],
        [],
        [None, "Pekalongan, 16 September 2018"],  # the footer: not read
    ])

    report = import_marks(ojl, OJL, path)

    assert report.ok, report.details()
    assert report.written and report.layout == "long" and report.header_row == 3
    assert attendance.marks(ojl, OJL) == {
        (a["id"], D10, "07:30"): ("hadir", ""), (a["id"], D10, "08:00"): ("hadir", ""),
        (b["id"], D10, "07:30"): ("izin", "rapat dinas"), (b["id"], D10, "08:00"): ("sakit", ""),
        (c["id"], D11, "13:00"): ("hadir", "dicatat panitia"),  # a blank note keeps the old
        (d["id"], D16, ""): ("alpa", ""),
    }
    assert (report.rows, report.marks, report.participants) == (5, 6, 4)
    assert (report.new, report.changed, report.unchanged) == (5, 1, 0)
    assert report.statuses == {"hadir": 3, "izin": 1, "sakit": 1, "alpa": 1}
    assert report.ignored_rows == 1
    assert report.summary() == ("Kehadiran diimpor: 6 tanda kehadiran untuk 4 peserta (3 hadir, "
                                "1 izin, 1 sakit, 1 alpa); 5 baru, 1 berubah, 0 tetap.")

    again = import_marks(ojl, OJL, path)  # the same file twice changes nothing
    assert (again.new, again.changed, again.unchanged) == (0, 0, 6)


def test_long_layout_by_nip_or_one_id_column_and_keterangan_as_status(ojl, make_xlsx):
    ps = participants(ojl)
    path = make_xlsx([
        [format_nip(ps[0]["nip"]), "Senin, 10 September 2018", "Registrasi", "Sakit (demam)"],
        [ps[1]["nuptk"], "2018-09-12", None, "hadir"],
        [ps[2]["nik"], "Sen 10/9 08.00", None, "I"],  # a session written as the recap does
    ], header=["NIP/NUPTK", "Hari, Tanggal", "Sesi", "Keterangan"])

    report = import_marks(ojl, OJL, path)

    assert report.ok, report.details()
    assert attendance.marks(ojl, OJL) == {
        (ps[0]["id"], D10, "07:30"): ("sakit", "demam"),
        (ps[1]["id"], D12, "07:00"): ("hadir", ""),
        (ps[2]["id"], D10, "08:00"): ("izin", ""),
    }


def test_a_weekday_that_does_not_match_the_date_is_a_warning(ojl, make_xlsx):
    ps = participants(ojl)
    path = make_xlsx([[ps[0]["nuptk"], "Senin, 11 September 2018", "H"]],
                     header=["NUPTK", "Hari/Tanggal", "Status"])
    report = import_marks(ojl, OJL, path)
    assert report.written
    assert [str(w) for w in report.warnings] == [
        "Baris 2, kolom 'Hari/Tanggal': tertulis hari Senin, padahal 11 September 2018 hari "
        "Selasa; tanggalnya yang dipakai"]
    assert report.summary().endswith("1 peringatan.")
    assert attendance.marks(ojl, OJL) == {(ps[0]["id"], D11, "13:00"): ("hadir", "")}


def test_every_problem_is_located_and_nothing_is_written(ojl, tmp_path):
    ps = participants(ojl)
    a, b = ps[0], ps[1]
    attendance.set_marks(ojl, OJL, [Mark(a["id"], D12, "07:00", "hadir")])
    before = attendance.marks(ojl, OJL)
    outsider = people.save_person(ojl, {
        "full_name": "Yohanes Ndun, S.Pd.", "nuptk": "9988776655443322", "subject": "IPA",
        "jenjang": "SMP", "school": "SMP Negeri 1 Oelamasi", "region": "Kabupaten Kupang"})
    assert outsider
    left = ps[-1]  # in the program, taken out of the activity
    activities.set_activity_participants(ojl, OJL, [p["id"] for p in ps[:-1]])
    path = workbook(tmp_path / "salah.xlsx", [
        ["NUPTK", "Nama", "Tanggal", "Sesi", "Status"],
        ["1111222233334444", "Tidak Dikenal", "10/09/2018", None, "H"],  # row 2
        ["9988776655443322", "Yohanes Ndun", "10/09/2018", None, "H"],  # row 3
        [left["nuptk"], left["name"], "10/09/2018", None, "H"],  # row 4
        [a["nuptk"], a["name"], "20/09/2018", None, "H"],  # row 5
        [a["nuptk"], a["name"], "10/09/2018", "09.15", "H"],  # row 6
        [a["nuptk"], a["name"], "11/09/2018", "Upacara bendera", "H"],  # row 7
        [a["nuptk"], a["name"], "11/09/2018", None, "terlambat"],  # row 8
        [a["nuptk"], a["name"], "12/09/2018", None, "A"],  # row 9: good
        [a["nuptk"], a["name"], "12/09/2018", "07.00", "H"],  # row 10: says otherwise
        [b["nuptk"], "Budi Santoso", "12/09/2018", None, "H"],  # row 11: number of someone else
        ["12345", b["name"], "12/09/2018", None, "H"],  # row 12
        [None, b["name"], "12/09/2018", None, "H"],  # row 13
        [b["nuptk"], b["name"], None, None, "H"],  # row 14
        [b["nuptk"], b["name"], "13/09/2018", None, None],  # row 15
    ])

    report = import_marks(ojl, OJL, path)

    assert not report.written and not report.ok
    assert attendance.marks(ojl, OJL) == before
    found = [(p.row, p.column) for p in report.problems]
    assert found == [(2, "NUPTK"), (3, "NUPTK"), (4, "NUPTK"), (5, "Tanggal"), (6, "Sesi"),
                     (7, "Sesi"), (8, "Status"), (10, "Status"), (11, "NUPTK"), (12, "NUPTK"),
                     (13, "NUPTK"), (14, "Tanggal"), (15, "Status")]
    text = [p.message for p in report.problems]
    assert text[0] == ("NUPTK 1111222233334444 tidak ada di daftar guru maupun di peserta "
                       "kegiatan ini; periksa nomornya")
    assert text[1] == ("Yohanes Ndun, S.Pd. (NUPTK 9988776655443322) bukan peserta kegiatan ini "
                       "(juga bukan peserta programnya)")
    assert text[2] == (f"{left['name']} (NUPTK {left['nuptk']}) peserta program ini tetapi tidak "
                       "ikut kegiatan ini; tambahkan dulu ke peserta kegiatan")
    assert text[3] == ("Kamis, 20 September 2018 bukan hari kegiatan ini "
                       "(9 s.d. 16 September 2018)")
    assert text[4].startswith("tidak ada sesi pukul 09.15 pada Senin, 10 September 2018; sesi "
                              "hari itu: 07.30 Registrasi; 08.00 Pembukaan")
    assert text[5].startswith("sesi 'Upacara bendera' tidak ada pada Selasa, 11 September 2018; "
                              "sesi hari itu: 13.00 Refleksi kunjungan")
    assert text[6].startswith("'terlambat' bukan status kehadiran")
    assert text[7] == (f"{a['name']}, sesi Rabu, 12 September 2018, 07.00 Diskusi RPP bersama "
                       "guru inti: tertulis Hadir, padahal di baris 9 Alpa; tulis satu status saja")
    assert text[8] == f"NUPTK {b['nuptk']} milik {b['name']}, bukan Budi Santoso; periksa nomornya"
    assert "16 digit" in text[9]
    assert text[10] == "isi NUPTK, NIP atau NIK peserta"
    assert text[11].startswith("isi tanggalnya")
    assert text[12].startswith("status kosong; isi H")
    assert str(report.problems[0]).startswith("Baris 2, kolom 'NUPTK': NUPTK 1111222233334444")
    assert report.summary() == ("Tidak ada yang disimpan: 13 masalah di 'salah.xlsx'; perbaiki "
                                "lalu impor lagi.")


def test_dry_run_checks_and_counts_but_writes_nothing(ojl, make_xlsx):
    ps = participants(ojl)
    path = make_xlsx([[p["nuptk"], "10/09/2018", "H"] for p in ps[:3]],
                     header=["NUPTK", "Tanggal", "Kehadiran"])

    report = import_marks(ojl, OJL, path, dry_run=True)

    assert report.ok and not report.written and report.dry_run
    assert attendance.marks(ojl, OJL) == {}
    assert (report.marks, report.new) == (6, 6)  # two sessions that day
    assert report.summary().startswith("Uji coba (tidak ada yang disimpan): 6 tanda kehadiran "
                                       "untuk 3 peserta (6 hadir)")
    assert len(report.changes) == 6

    bad = make_xlsx([[ps[0]["nuptk"], "10/09/2018", "Q"]], header=["NUPTK", "Tanggal", "Status"])
    checked = import_marks(ojl, OJL, bad, dry_run=True)
    assert checked.summary() == ("Hasil pemeriksaan: 1 masalah di '" + bad.name + "'; perbaiki "
                                 "lalu impor lagi.")


def test_a_sheet_without_the_needed_columns_is_refused(ojl, make_xlsx):
    path = make_xlsx([["Ani", "3344556677889900"]], header=["Nama", "NUPTK"])
    with pytest.raises(ValidationError, match="tidak punya kolom Status"):
        import_marks(ojl, OJL, path)
    path = make_xlsx([["Ani", "H"]], header=["Nama", "Status"])
    with pytest.raises(ValidationError, match="NUPTK atau NIP tidak ditemukan"):
        import_marks(ojl, OJL, path)


# ---------------------------------------------------------------- wide layout

def test_wide_layout_a_column_per_date(ojl, tmp_path):
    ps = participants(ojl)
    days = [dt.date(2018, 9, 9) + dt.timedelta(days=n) for n in range(8)]
    header = ["No", "Nama", "NUPTK", *days[:7], "16/09/2018", "Keterangan"]
    rows = [["DAFTAR HADIR PESERTA"], header]
    marks = ["H", "H", "I", "H", "S", None, "A", "H"]
    rows.append([1, ps[0]["name"], ps[0]["nuptk"], *marks, "izin rapat"])
    rows.append([2, ps[1]["name"], ps[1]["nuptk"], *(["H"] * 8), None])
    rows.append([3, ps[2]["name"], ps[2]["nuptk"], *([None] * 8), None])  # nothing marked
    path = workbook(tmp_path / "lebar.xlsx", rows)

    report = import_marks(ojl, OJL, path)

    assert report.ok, report.details()
    assert report.layout == "wide" and report.header_row == 2
    recorded = attendance.marks(ojl, OJL)
    first = {k[1:]: v[0] for k, v in recorded.items() if k[0] == ps[0]["id"]}
    assert first == {
        ("2018-09-09", "10:00"): "hadir", (D10, "07:30"): "hadir", (D10, "08:00"): "hadir",
        (D11, "13:00"): "izin", (D12, "07:00"): "hadir", ("2018-09-13", "07:00"): "sakit",
        ("2018-09-15", "07:30"): "alpa", ("2018-09-15", "19:00"): "alpa", (D16, ""): "hadir"}
    assert sum(1 for k in recorded if k[0] == ps[1]["id"]) == 10
    assert not any(k[0] == ps[2]["id"] for k in recorded)
    assert (report.participants, report.marks) == (2, 19)
    assert report.unknown_columns == []


def test_wide_layout_dates_under_a_merged_header_with_session_times(ojl, tmp_path):
    """Tanggal merged over the dates; the 10th merged over its two sessions' times."""
    ps = participants(ojl)
    rows = [
        ["No", "Nama", "NIP", "Tanggal", None, None, None],
        [None, None, None, dt.date(2018, 9, 10), None, "11 Sept", "Hari ke-8"],
        [None, None, None, "07.30", "08.00", None, None],
        [1, ps[0]["name"], ps[0]["nip"], "H", "I", "v", "S"],
        [2, ps[1]["name"], ps[1]["nip"], "A", "H", "H", None],
    ]
    path = workbook(tmp_path / "gabung.xlsx", rows,
                    merges=["A1:A3", "B1:B3", "C1:C3", "D1:G1", "D2:E2"])

    report = import_marks(ojl, OJL, path)

    assert report.ok, report.details()
    assert report.header_row == 3
    assert attendance.marks(ojl, OJL) == {
        (ps[0]["id"], D10, "07:30"): ("hadir", ""), (ps[0]["id"], D10, "08:00"): ("izin", ""),
        (ps[0]["id"], D11, "13:00"): ("hadir", ""), (ps[0]["id"], D16, ""): ("sakit", ""),
        (ps[1]["id"], D10, "07:30"): ("alpa", ""), (ps[1]["id"], D10, "08:00"): ("hadir", ""),
        (ps[1]["id"], D11, "13:00"): ("hadir", ""),
    }


def test_wide_layout_problems_are_located_on_the_cell(ojl, tmp_path):
    ps = participants(ojl)
    rows = [
        ["Nama", "NUPTK", "10/09/2018", "11/09/2018", "17/09/2018", "18/09/2018"],
        [ps[0]["name"], ps[0]["nuptk"], "H", "telat", "H", None],  # row 2
        ["Orang Lain", "1111222233334444", "H", None, None, None],  # row 3
        [ps[1]["name"], ps[1]["nuptk"], "H", "H", None, None],  # row 4: good
    ]
    path = workbook(tmp_path / "lebar-salah.xlsx", rows)

    report = import_marks(ojl, OJL, path)

    assert attendance.marks(ojl, OJL) == {}
    assert [(p.row, p.column) for p in report.problems] == [
        (1, "17/09/2018"), (2, "11/09/2018"), (3, "NUPTK")]
    assert report.problems[0].message.startswith("Senin, 17 September 2018 bukan hari kegiatan")
    assert report.problems[1].message.startswith("'telat' bukan status kehadiran")
    # the 18th is not a day of the activity either, but nothing is marked under it


def test_two_columns_for_one_day_follow_its_sessions_in_order(ojl, make_xlsx):
    ps = participants(ojl)
    path = make_xlsx([[ps[0]["nuptk"], "I", "H", "H"]],
                     header=["NUPTK", "10/09/2018", "10/09/2018", "11/09/2018"])
    report = import_marks(ojl, OJL, path)
    assert report.ok, report.details()
    assert attendance.marks(ojl, OJL) == {
        (ps[0]["id"], D10, "07:30"): ("izin", ""), (ps[0]["id"], D10, "08:00"): ("hadir", ""),
        (ps[0]["id"], D11, "13:00"): ("hadir", "")}

    three = make_xlsx([[ps[0]["nuptk"], "I", "H", "H"]],
                      header=["NUPTK", "11/09/2018", "11/09/2018", "12/09/2018"])
    report = import_marks(ojl, OJL, three)
    assert [(p.row, p.column) for p in report.problems] == [(1, "11/09/2018"), (1, "11/09/2018")]
    assert "ada di 2 kolom, padahal hari itu ada 1 sesi" in report.problems[0].message


# ---------------------------------------------------------------- the recap workbook

def some_marks(db) -> dict[str, dict]:
    """Everyone present everywhere but: the first izin on the 10th's opening (required in
    some tests), the second alpa on four sessions, the third with nothing recorded."""
    ps = participants(db)
    sessions = attendance.sessions(db, OJL)
    changes = []
    for p in ps[:2] + ps[3:]:
        for s in sessions:
            status = "hadir"
            if p is ps[0] and s.key == (D10, "08:00"):
                status = "izin"
            if p is ps[1] and s.day.day in (11, 12, 13, 14):
                status = "alpa"
            changes.append(Mark(p["id"], *s.key, status))
    attendance.set_marks(db, OJL, changes)
    return {"izin": ps[0], "alpa": ps[1], "none": ps[2]}


def test_recap_workbook_reads_back(ojl, tmp_path):
    who = some_marks(ojl)
    attendance.save_rule(ojl, OJL, Rule(80, [(D10, "08:00")]))
    sessions, recap = attendance.recap(ojl, OJL)

    path = export_recap(ojl, OJL, tmp_path / "rekap.xlsx")

    book = load_workbook(path)
    assert book.sheetnames == ["Rekap Kehadiran"]
    ws = book.active
    assert ws["A1"].value == "Rekap Kehadiran - On the Job Learning 1 Kota Pekalongan"
    assert "9 s.d. 16 September 2018" in ws["A2"].value
    assert ws["A3"].value.startswith("Syarat sertifikat: minimal 80% kehadiran; sesi wajib: "
                                     "Senin, 10 September 2018, 08.00 Pembukaan")
    header = [c.value for c in ws[6]]
    labels = [short_label(s) for s in sessions]
    assert labels[:3] == ["Min 9/9 10.00", "Sen 10/9 07.30", "Sen 10/9 08.00"]
    assert labels[-1] == "Min 16/9"
    assert header == ["No", "Nama", "NUPTK", "NIP", "Peran", "Asal Sekolah", *labels, "Hadir",
                      "Jumlah sesi", "%", "JP", "Memenuhi syarat", "Keterangan"]
    assert ws.freeze_panes == "G7" and ws.print_title_rows == "$6:$6"
    assert ws.page_setup.orientation == "landscape"
    assert "Pembukaan" in ws["I6"].comment.text

    rows = {r[1]: r for r in ws.iter_rows(min_row=7, max_row=6 + len(recap), values_only=True)}
    assert len(rows) == 24
    n = len(sessions)
    for row in recap:
        p = row.participant
        cells = rows[p["name"]]
        assert cells[2:6] == (p["nuptk"], p["nip"], p["tier_label"], p["school"])
        assert list(cells[6:6 + n]) == [{"hadir": "H", "izin": "I", "sakit": "S",
                                         "alpa": "A"}.get(s) for s in row.statuses]
        assert cells[6 + n:6 + n + 4] == (row.attended, n, pytest.approx(row.percent / 100,
                                                                         abs=1e-4), row.jp)
        assert cells[6 + n + 4] == ("Ya" if row.eligible else "Tidak")
        assert cells[6 + n + 5] == ("; ".join(row.reasons) or None)
    for r in range(7, 7 + len(recap)):  # IDs are text, never numbers Excel would round
        for column in ("C", "D"):
            assert ws[f"{column}{r}"].data_type == "s" and ws[f"{column}{r}"].number_format == "@"

    izin, alpa, none = (rows[who[k]["name"]] for k in ("izin", "alpa", "none"))
    assert izin[6 + n:6 + n + 5] == (9, 10, 0.9, 25, "Tidak")
    assert "tidak hadir di sesi wajib" in izin[-1]
    assert alpa[6 + n:6 + n + 5] == (6, 10, 0.6, 14, "Tidak")
    assert alpa[-1].startswith("kehadiran 60% di bawah 80%")
    assert none[6:6 + n] == (None,) * n and none[6 + n:6 + n + 5] == (0, 10, 0, 0, "Tidak")
    eligible = sum(1 for r in recap if r.eligible)
    assert eligible == 21
    footer = [r for r in ws.iter_rows(min_row=7 + len(recap), values_only=True) if any(r)]
    assert footer[0][1] == "Hadir per sesi" and footer[0][6] == 23
    assert footer[1][1] == ("Memenuhi syarat sertifikat: 21 orang; tidak memenuhi: 3 orang; "
                            "jumlah peserta: 24 orang.")


def test_recap_workbook_imports_back_unchanged(ojl, tmp_path):
    some_marks(ojl)
    before = attendance.marks(ojl, OJL)
    path = export_recap(ojl, OJL, tmp_path / "rekap.xlsx")
    attendance.set_marks(ojl, OJL, [Mark(pid, day, slot, None) for pid, day, slot in before])

    report = import_marks(ojl, OJL, path)

    assert report.ok, report.details()
    assert report.layout == "wide" and report.unknown_columns == []
    assert attendance.marks(ojl, OJL) == before


# ---------------------------------------------------------------- the recap PDF

def pdf_text(path) -> tuple[PdfReader, str]:
    reader = PdfReader(path)
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_recap_pdf_reads_back(ojl, tmp_path):
    who = some_marks(ojl)
    attendance.save_rule(ojl, OJL, Rule(80, [(D10, "08:00")]))
    _, recap = attendance.recap(ojl, OJL)

    path = print_recap(ojl, OJL, tmp_path / "rekap.pdf", sign_off=SignOff(day=dt.date(2018, 9, 17)))

    reader, text = pdf_text(path)
    first = reader.pages[0].extract_text()
    assert "PEMERINTAH KOTA PEKALONGAN" in first and "DINAS PENDIDIKAN" in first
    assert "REKAP KEHADIRAN" in first and "On the Job Learning 1 Kota Pekalongan" in first
    assert "9 s.d. 16 September 2018" in first and "10 sesi, 33 JP" in first
    assert "kehadiran minimal 80% dari 10 sesi; wajib hadir di sesi Senin, 10 September 2018, " \
           "08.00 Pembukaan" in " ".join(first.split())
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert width > height  # landscape
    lines = text.splitlines()
    for row in recap:
        p = row.participant
        assert lines.count(p["name"]) == 1, p["name"]
        at = lines.index(p["name"])
        assert lines[at + 1:at + 7] == [
            format_nip(p["nip"]), p["tier_label"], f"{row.attended}/{row.sessions}",
            attendance.ind_percent(row.percent), activities.format_jp(row.jp),
            "Ya" if row.eligible else "Tidak"]
    at = lines.index(who["alpa"]["name"])
    assert lines[at + 4:at + 7] == ["60%", "14", "Tidak"]
    assert lines[at + 7].startswith("kehadiran 60% di bawah 80%")
    at = lines.index(who["izin"]["name"])
    assert lines[at + 4:at + 7] == ["90%", "25", "Tidak"]
    assert "tidak hadir di sesi wajib" in " ".join(lines[at + 7:at + 10])
    assert "1 peserta mempunyai sesi yang kehadirannya belum dicatat" in text
    for page in reader.pages:  # not final while a mark is missing: DRAF on every page
        assert "DRAF - presensi belum lengkap" in page.extract_text()
    assert "Jumlah peserta 24 orang: 21 memenuhi syarat sertifikat, 3 tidak memenuhi syarat." \
        in " ".join(text.split())
    assert "Pekalongan, 17 September 2018" in text and "Drs. Haryono Wicaksono, M.Pd." in text
    assert f"Halaman 1 dari {len(reader.pages)}" in first


def test_recap_pdf_header_repeats_and_names_print_as_written(ojl, tmp_path):
    some_marks(ojl)
    special = 'Dra. <Sri> & "Ani"'
    ps = participants(ojl)
    ojl.execute("UPDATE people SET full_name = ? WHERE id = ?", [special, ps[5]["person_id"]])
    path = print_recap(ojl, OJL, tmp_path / "rekap.pdf", paper="a4")
    reader, text = pdf_text(path)
    assert special in text
    assert len(reader.pages) >= 2
    for page in reader.pages:
        if "Ya" in page.extract_text().splitlines():
            assert "Sertifikat" in page.extract_text()  # the header on every page of the table
    assert [round(float(v)) for v in reader.pages[0].mediabox.upper_right] == [842, 595]


def test_a_recap_with_nothing_recorded_is_refused_not_printed_to_sign(ojl, tmp_path):
    with pytest.raises(ValidationError, match="belum diisi sama sekali"):
        print_recap(ojl, OJL, tmp_path / "kosong.pdf")  # the fixture has no marks
    assert not (tmp_path / "kosong.pdf").exists()


def test_a_complete_recap_is_final(ojl, tmp_path):
    attendance.set_marks(ojl, OJL, [Mark(p["id"], s.day.isoformat(), s.slot, "hadir")
                                    for p in participants(ojl)
                                    for s in attendance.sessions(ojl, OJL)])
    reader, text = pdf_text(print_recap(ojl, OJL, tmp_path / "final.pdf"))
    assert "DRAF" not in text and "24 memenuhi syarat sertifikat" in " ".join(text.split())


def test_recap_pdf_of_an_activity_without_participants(ojl, tmp_path):
    activities.set_activity_participants(ojl, OJL, [])
    with pytest.raises(ValidationError, match="belum mempunyai peserta"):
        print_recap(ojl, OJL, tmp_path / "kosong.pdf")
    assert not (tmp_path / "kosong.pdf").exists()
    book = load_workbook(export_recap(ojl, OJL, tmp_path / "kosong.xlsx"))
    assert book.active["A6"].value == "No"
