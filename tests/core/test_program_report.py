"""The laporan program read back against a program counted by hand: six participants in
two provinces and three tiers, an OJL with marks set here, certificates issued here,
pendampingan entries, a pengimbasan, RTL and monev visits inserted here. The PDF's text
(tables, the ringkasan and the charts' own labels), the .xlsx's cells and formats, and
`kemitraan report program` (an empty program exits 1 and writes nothing)."""

import datetime as dt
import json

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from kemitraan_desktop import activities, certificates, cli, pairing, people, programs
from kemitraan_desktop import attendance as att
from kemitraan_desktop.activities import Item
from kemitraan_desktop.documents.frame import SignOff
from kemitraan_desktop.documents.program_report import print_program_report
from kemitraan_desktop.errors import ValidationError
from kemitraan_desktop.spreadsheets.program_report_sheet import write_program_report
from kemitraan_desktop.views.program_report import program_report_view

AS_OF = dt.date(2020, 3, 2)
NAMES = {  # key: (name, NUPTK, kab/kota, tier)
    "A": ("Dra. Retna Widowati, M.Pd.", "3344556677880001", "Kota Pekalongan", 1),
    "B": ("Agung Jumari, S.Pd.", "3344556677880002", "Kabupaten Gorontalo", 2),
    "C": ("Sitti Rahmawati Hulopi, S.Pd.", "3344556677880003", "Kabupaten Gorontalo", 2),
    "D": ("Yusuf Abdullah, S.Pd.", "3344556677880004", "Kabupaten Gorontalo", 3),
    "E": ("Nurhayati Lamato, S.Pd.", "3344556677880005", "Kabupaten Gorontalo", 3),
    "F": ("Hendra Katili, S.Pd.", "3344556677880006", "Kabupaten Boalemo", 3),
}
MENTORS = {"B": "A", "C": "A", "D": "B", "E": "B", "F": "C"}


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def counted(demo_copy):
    """The hand-counted program (the demo's office signs it)."""
    db = demo_copy
    pid = programs.create_program(db, "Kemitraan Guru SMP Uji", 2019, "SMP")
    ids = {}
    for key, (name, nuptk, region, tier) in NAMES.items():
        person = people.save_person(db, {"full_name": name, "nuptk": nuptk, "region": region,
                                         "subject": "Matematika", "jenjang": "SMP"})
        programs.add_participants(db, pid, [person], tier)
        ids[key] = programs.participant_of(db, pid, person)
    for mentee, mentor in MENTORS.items():
        pairing.set_mentor(db, pid, [ids[mentee]], ids[mentor])
    # the OJL: two attendance sessions, everyone takes part; F misses the second
    ojl = activities.create_activity(db, pid, "ojl2", "OJL 2 Kabupaten Gorontalo",
                                     "2019-10-14", "2019-10-15", city="Kabupaten Gorontalo")
    activities.save_items(db, ojl, [
        Item(dt.date(2019, 10, 14), dt.time(8), dt.time(12), "Pembukaan", jp=4, attendance=True),
        Item(dt.date(2019, 10, 15), dt.time(8), dt.time(12), "Observasi kelas", jp=4,
             attendance=True)])
    activities.set_activity_participants(db, ojl, list(ids.values()))
    sessions = att.sessions(db, ojl)
    att.set_marks(db, ojl, [
        att.Mark(p, s.day.isoformat(), s.slot,
                 "alpa" if (p == ids["F"] and index == 1) else "hadir")
        for p in ids.values() for index, s in enumerate(sessions)])
    issued = certificates.issue(db, ojl, dt.date(2019, 10, 15))
    # a pengimbasan led by mitra B: imbas D came, E did not
    imbas = activities.create_activity(db, pid, "lainnya", "Pengimbasan MGMP Matematika",
                                       "2019-11-09", "2019-11-09")
    db.execute("UPDATE activities SET kind = 'pengimbasan', leader_id = ? WHERE id = ?",
               [ids["B"], imbas])
    activities.set_activity_participants(db, imbas, [ids["D"], ids["E"]])
    session = att.sessions(db, imbas)[0]
    att.set_marks(db, imbas, [att.Mark(ids["D"], session.day.isoformat(), session.slot, "hadir"),
                              att.Mark(ids["E"], session.day.isoformat(), session.slot, "alpa")])
    with db.atomic():
        for mentor, mentee, day, mode, jp in [("A", "C", "2019-10-20", "tatap-muka", 2),
                                              ("A", "B", "2019-11-03", "daring", 1),
                                              ("B", "D", "2019-11-10", "telepon", None),
                                              ("B", "E", "2019-11-20", "daring", 1),
                                              ("A", "C", "2019-12-01", "surel", None)]:
            db.execute("INSERT INTO mentoring_log (program_id, mentor_id, mentee_id, day, mode, "
                       "jp, topic) VALUES (?, ?, ?, ?, ?, ?, 'Diskusi RPP')",
                       [pid, ids[mentor], ids[mentee], day, mode, jp])
        for who, due, status in [("B", "2019-12-31", "belum"), ("C", "2019-12-31", "selesai"),
                                 ("D", "2020-06-30", "berjalan")]:
            db.execute("INSERT INTO action_plans (program_id, participant_id, action, due, "
                       "status) VALUES (?, ?, 'Menerapkan PBL di kelas', ?, ?)",
                       [pid, ids[who], due, status])
        items = [{"id": f"A{n}", "section": "A", "text": f"Butir {n}", "min": 1, "max": 3}
                 for n in (1, 2)]
        form = db.execute("INSERT INTO monev_forms (code, version, name, scale, items) VALUES "
                          "('telaah-uji', 1, 'Telaah RPP Uji', ?, ?)",
                          [json.dumps({"min": 1, "max": 3}), json.dumps(items)]).lastrowid
        # B: 3 of 6 (50%) then 6 of 6 (100%); C: 4 of 6 (66,7%) then 5 of 6 (83,3%)
        for who, day, scores in [("B", "2019-11-05", (2, 1)), ("B", "2020-02-05", (3, 3)),
                                 ("C", "2019-11-06", (2, 2)), ("C", "2020-02-06", (3, 2))]:
            entry = db.execute("INSERT INTO monev_entries (form_id, program_id, participant_id, "
                               "observer_name, day) VALUES (?, ?, ?, 'Pengawas SMP', ?)",
                               [form, pid, ids[who], day]).lastrowid
            for item, score in zip(("A1", "A2"), scores, strict=True):
                db.execute("INSERT INTO monev_scores (entry_id, item_id, score) VALUES (?, ?, ?)",
                           [entry, item, score])
    return db, pid, ids, issued


def test_the_view_counts_as_by_hand(counted):
    db, pid, ids, issued = counted
    view = program_report_view(db, pid, as_of=AS_OF)
    assert view.tier_totals == (1, 2, 3)
    assert [(r.label, r.counts) for r in view.provinces] == [("Gorontalo", (0, 2, 3)),
                                                             ("Jawa Tengah", (1, 0, 0))]
    assert view.pairs == 5
    # A planned: B, C and their D, E, F; reached: B led a session D attended, C was
    # contacted by A, D attended: 3 of the ratio's 33
    assert (view.planned, view.reached, view.target) == (5, 3, 33)
    assert len(issued) == 5 and view.issued == 5  # F's 50% is under the 80% rule
    ojl = view.activities[0]
    assert (ojl.participants, ojl.sessions, round(ojl.percent, 1), ojl.jp) == (6, 2, 91.7, 8)
    assert view.contacts == 5 and view.contact_jp == 4 and view.contacted_pairs == 4
    assert [(m.month, m.counts) for m in view.months] == [
        ("2019-10", (1, 0, 0, 0)), ("2019-11", (0, 2, 1, 0)), ("2019-12", (0, 0, 0, 1)),
        ("2020-01", (0, 0, 0, 0)), ("2020-02", (0, 0, 0, 0))]  # to the window's end
    assert view.rtl_total().counts == (1, 1, 1) and view.rtl_total().overdue == 1
    (monev,) = view.monev
    assert (monev.entries, monev.participants, monev.compared) == (4, 2, 2)
    assert round(monev.first_mean, 1) == 58.3 and round(monev.last_mean, 1) == 91.7


def test_pdf_reads_back_the_hand_counted_figures(counted, tmp_path):
    db, pid, *_ = counted
    path = print_program_report(db, pid, tmp_path / "laporan.pdf",
                                sign_off=SignOff(day=AS_OF), paper="a4")
    reader = PdfReader(path)
    whole = _flat("\n".join(page.extract_text() for page in reader.pages))
    assert "LAPORAN PROGRAM KEMITRAAN GURU SMP UJI" in whole and "TAHUN 2019" in whole
    assert "Keadaan per 2 Maret 2020" in whole
    # the ringkasan in words
    assert ("diikuti oleh 6 peserta, terdiri atas 1 Guru Inti, 2 Guru Mitra dan 3 Guru Imbas, "
            "dari 2 provinsi dan 3 kabupaten/kota") in whole
    assert "menjangkau 3 dari target 33 guru (9,1%)" in whole
    # 11 of 12 marks hadir at the OJL and 1 of 2 at the pengimbasan: 12 of 14
    assert ("Telah dilaksanakan 2 kegiatan dengan rata-rata kehadiran 85,7%; 5 sertifikat "
            "telah diterbitkan") in whole
    assert "Pendampingan tercatat 5 kali kontak (4 JP) pada 4 dari 5 pasangan" in whole
    assert "1 selesai, 1 berjalan dan 1 belum dimulai (1 melewati target waktu)" in whole
    assert "naik dari 58,3% pada kunjungan pertama menjadi 91,7%" in whole
    # the tables
    assert "1 Gorontalo 0 2 3 5" in whole and "2 Jawa Tengah 1 0 0 1" in whole
    assert "Jumlah 1 2 3 6" in whole
    assert "Dra. Retna Widowati, M.Pd. 3344556677880001 5 3 33 9,1%" in whole
    assert "Oktober 2019 1 0 0 0 1" in whole and "November 2019 0 2 1 0 3" in whole
    assert "Guru Mitra 1 0 1 2 1" in whole and "Jumlah 1 1 1 3 1" in whole
    assert "Telaah RPP Uji 4 2 2 58,3% 91,7% +33,3" in whole
    # the charts' own words: titles, axis months, the reach note
    for label in ("Peserta per provinsi dan tingkat Guru Inti Guru Mitra Guru Imbas",
                  "Jangkauan per Guru Inti", "3 dari 33 (9,1%)", "Okt 2019",
                  "Kehadiran per kegiatan (%)", "Kunjungan pertama"):
        assert label in whole, label
    # signed by the head of the office, with the closing paragraph
    assert "Pekalongan, 2 Maret 2020" in whole and "Drs. Haryono Wicaksono, M.Pd." in whole
    assert "Demikian laporan program ini disampaikan" in whole
    assert reader.pages[0].mediabox.height == pytest.approx(841.89, abs=0.5)


def test_xlsx_reads_back_numbers_and_formats(counted, tmp_path):
    db, pid, *_ = counted
    path = write_program_report(program_report_view(db, pid, as_of=AS_OF), tmp_path / "l.xlsx")
    book = load_workbook(path)
    assert book.sheetnames[:6] == ["Ringkasan", "Provinsi", "Kab-Kota", "Mata Pelajaran",
                                   "Jenjang", "Jangkauan"]
    summary = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(min_row=5, values_only=True)
               if row[0]}
    assert summary["Jumlah peserta"] == 6 and summary["Jangkauan tercapai"] == 3
    assert summary["Sertifikat diterbitkan"] == 5 and summary["Kontak pendampingan"] == 5
    ws = book["Provinsi"]
    assert ws["A1"].value == "LAPORAN PROGRAM KEMITRAAN GURU SMP UJI TAHUN 2019"
    assert [c.value for c in ws[4]] == ["No", "Provinsi", "Guru Inti", "Guru Mitra",
                                        "Guru Imbas", "Jumlah"]
    assert ws["A4"].font.b and ws["A4"].fill.fgColor.rgb.endswith("1F4E78")
    assert [c.value for c in ws[5]] == [1, "Gorontalo", 0, 2, 3, 5]
    assert [c.value for c in ws[7]] == [None, "Jumlah", 1, 2, 3, 6] and ws["B7"].font.b
    assert ws.freeze_panes == "A5" and ws.auto_filter.ref == "A4:F6"
    reach = book["Jangkauan"]
    first = [c.value for c in reach[5]]
    assert first[1:7] == ["Dra. Retna Widowati, M.Pd.", "3344556677880001", "Guru Inti", 5, 3,
                          33]
    assert first[7] == pytest.approx(3 / 33) and reach["H5"].number_format == "0.0%"
    ojl = [c.value for c in book["Kegiatan"][5]]
    assert ojl[1] == "OJL 2 Kabupaten Gorontalo" and ojl[3].date() == dt.date(2019, 10, 14)
    assert ojl[7] == pytest.approx(11 / 12) and book["Kegiatan"]["H5"].number_format == "0.0%"
    months = book["Pendampingan per Bulan"]
    assert [c.value for c in months[6]] == ["November 2019", 0, 2, 1, 0, 3, 2]
    assert [c.value for c in book["RTL"][8]] == ["Jumlah", 1, 1, 1, 3, 1]
    monev = [c.value for c in book["Monev"][5]]
    assert monev[:4] == ["Telaah RPP Uji", 4, 2, 2]
    assert monev[4] == pytest.approx(0.5833, abs=1e-4) and monev[5] == pytest.approx(0.9167,
                                                                                      abs=1e-4)


def test_an_empty_program_is_refused_and_nothing_written(demo_copy, tmp_path):
    db = demo_copy
    empty = programs.create_program(db, "Kemitraan Kosong", 2020, "SMP")
    with pytest.raises(ValidationError, match="belum mempunyai peserta"):
        print_program_report(db, empty, tmp_path / "kosong.pdf")
    assert not (tmp_path / "kosong.pdf").exists()
    database = str(tmp_path / "kemitraan.db")  # demo_copy's file
    for name in ("kosong.pdf", "kosong.xlsx"):
        code = cli.main(["--db", database, "report", "program", "--program", str(empty),
                         "--out", str(tmp_path / name)])
        assert code == 1 and not (tmp_path / name).exists()


def test_cli_writes_pdf_and_xlsx(counted, tmp_path, capsys):
    db, pid, *_ = counted
    database = str(tmp_path / "kemitraan.db")
    for name in ("laporan.pdf", "laporan.xlsx"):
        code = cli.main(["--db", database, "report", "program", "--program", str(pid), "--out",
                         str(tmp_path / name), "--paper", "f4", "--date", "2020-03-02",
                         "--place", "Gorontalo"])
        assert code == 0 and (tmp_path / name).stat().st_size > 1000
    text = _flat(PdfReader(tmp_path / "laporan.pdf").pages[-1].extract_text())
    assert "Gorontalo, 2 Maret 2020" in text
    assert PdfReader(tmp_path / "laporan.pdf").pages[0].mediabox.height == pytest.approx(935.4,
                                                                                         abs=1)
    assert "ditulis ke" in capsys.readouterr().out
    code = cli.main(["--db", database, "report", "program", "--program", str(pid), "--out",
                     str(tmp_path / "laporan.docx")])
    assert code == 2 and not (tmp_path / "laporan.docx").exists()


def test_report_help_is_indonesian(capsys):
    with pytest.raises(SystemExit):
        cli.main(["report", "program", "--help"])
    out = capsys.readouterr().out
    assert "Laporan Program" in out and "tanpa peserta ditolak" in out


def test_a_provinces_pengimbasan_sum_to_one_row_and_labels_tell_kinds_apart():
    import datetime as dt

    from kemitraan_desktop.views import program_report as pr

    def row(title, kind, day, people, percent):
        return pr.ActivityRow(title, kind, day, day, people, 2, True, percent, 5.0, 5.0, 0)

    ojl = row("On the Job Learning 2 Kabupaten Gorontalo", "OJL 2", dt.date(2019, 10, 13), 24, 80.0)
    led = [row(f"Pengimbasan Praktik Baik MGMP Matematika Sekolah {i}", "Pengimbasan",
               dt.date(2019, 11, 1) + dt.timedelta(days=i), 10, 50.0 + i) for i in range(40)]
    rows = pr.condensed_activities([ojl, *led])
    assert [r.title for r in rows] == [ojl.title, "Pengimbasan (40 kegiatan)"]
    summed = rows[1]
    assert summed.participants == 400
    assert summed.percent == pytest.approx(sum(50.0 + i for i in range(40)) / 40)  # equal slots
    labels = pr.distinct_labels([ojl.title, *(r.title for r in led[:3])])
    assert labels[0] == ojl.title
    assert labels[1:] == ["Pengimbasan … 0", "Pengimbasan … 1", "Pengimbasan … 2"]  # what differs
