"""Documents drawn from views: each renderer draws a view built here by hand, with no
database at all, and prints what the view holds; printing reads everything in one read
transaction; a certificate batch is gathered once, not once per certificate."""

import datetime as dt
import inspect
import io
import zipfile

import pytest
from pypdf import PdfReader

from kemitraan_desktop import activities, certificates, office
from kemitraan_desktop.activities import Activity, Item
from kemitraan_desktop.attendance import RecapRow, Rule, Session
from kemitraan_desktop.certificates import Template
from kemitraan_desktop.documents import (
    attendance,
    biodata,
    certificate,
    pairs,
    recap,
    register,
    rundown,
)
from kemitraan_desktop.documents.frame import SignOff
from kemitraan_desktop.errors import ValidationError
from kemitraan_desktop.office import OfficeProfile, Signatory
from kemitraan_desktop.programs import Program
from kemitraan_desktop.views.attendance import AttendanceView, Attendee
from kemitraan_desktop.views.biodata import BiodataView
from kemitraan_desktop.views.certificates import SAMPLE, CertificatesView
from kemitraan_desktop.views.pairs import PairsView
from kemitraan_desktop.views.recap import RecapView
from kemitraan_desktop.views.register import RegisterView
from kemitraan_desktop.views.rundown import HostSchool, RundownView

PROFILE = OfficeProfile(
    government="Pemerintah Kabupaten Sukamaju", name="Dinas Pendidikan", city="Sukamaju",
    head=Signatory("Kepala Dinas Pendidikan", "Drs. Bambang Wiryawan, M.Si.", "Pembina, IV/a",
                   "196801011994031001"),
    second=Signatory("Kepala Bidang Pembinaan GTK", "Rina Kartika, S.Pd."))
PROGRAM = Program(5, "Kemitraan Guru Sukamaju", 2019, "SMP", labels=["Inti", "Mitra", "Imbas"])
ACTIVITY = Activity(9, 5, "ojl1", "OJL Sukamaju", dt.date(2019, 3, 4), dt.date(2019, 3, 5),
                    venue="Aula Cendana", region_code="99.01", host="Dinas Pendidikan")
SIGNED = SignOff("Sukamaju", dt.date(2019, 3, 5))
ITEMS = (
    Item(dt.date(2019, 3, 4), dt.time(8), dt.time(10), "Pembukaan dan orientasi", "Aula Cendana",
         "Panitia", 2, attendance=True),
    Item(dt.date(2019, 3, 5), dt.time(8), dt.time(12), "Observasi kelas model", "", "Guru Inti",
         4, attendance=True, school_id=41),
    Item(dt.date(2019, 3, 5), dt.time(8), dt.time(12), "Observasi kelas model", "", "Guru Inti",
         4, attendance=True, school_id=42),
)
SCHOOLS = {41: "SMP Negeri 3 Sukamaju", 42: "SMP Negeri 5 Sukamaju"}


def text(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def person(pid: int, name: str, tier: int, **more) -> dict:
    return {"id": pid, "name": name, "tier": tier, "tier_label": PROGRAM.label(tier),
            "nip": None, "nuptk": None, "school": "SMP Negeri 3 Sukamaju", "region": "Kab. Sukamaju",
            "subject": "IPA", "rank": None, **more}


def test_renderers_take_a_view_and_no_database():
    for render in (rundown.render_rundown, attendance.render_attendance, recap.render_recap,
                   pairs.render_pairs, register.render_register, biodata.render_biodata,
                   certificate.render, certificate.write_certificates):
        assert "db" not in inspect.signature(render).parameters, render.__name__


def test_the_rundown_prints_its_view(tmp_path):
    view = RundownView(PROFILE, ACTIVITY, PROGRAM, ITEMS, SCHOOLS, city="Kab. Sukamaju",
                       time_zone="WITA", host_count=2)
    out = text(rundown.render_rundown(view, tmp_path / "r.pdf", sign_off=SIGNED))
    for expected in ("JADWAL KEGIATAN", "OJL Sukamaju", "Kemitraan Guru Sukamaju Tahun 2019",
                     "Aula Cendana, Kab. Sukamaju", "Pembukaan dan orientasi (2 JP)",
                     "08.00 - 10.00 WITA", "Observasi kelas model", "Jumlah JP : 6 JP",
                     "Sukamaju, 5 Maret 2019", "Drs. Bambang Wiryawan, M.Si."):
        assert expected in out, expected
    # the same session at both host schools is one row, "at each host school"
    assert "Sekolah tuan rumah masing-masing" in out

    host = HostSchool(41, "SMP Negeri 3 Sukamaju", "20300041", "Dra. Wulan Sari")
    one = RundownView(PROFILE, ACTIVITY, PROGRAM, ITEMS[:2], SCHOOLS, host=host, host_count=2)
    out = text(rundown.render_rundown(one, tmp_path / "h.pdf", sign_off=SIGNED))
    assert "SMP Negeri 3 Sukamaju (NPSN 20300041)" in out
    assert "Inti : Dra. Wulan Sari" in out
    assert "SMP Negeri 5 Sukamaju" not in out


def test_the_attendance_sheets_print_their_view(tmp_path):
    sessions = (Session(dt.date(2019, 3, 4), "08:00", "Pembukaan dan orientasi", 2),
                Session(dt.date(2019, 3, 5), "08:00", "Observasi kelas model", 4))
    people = (Attendee("Ahmad Fauzi, S.Pd.", "19800101 200501 1 001", "SMP Negeri 3 Sukamaju", "Inti"),
              Attendee("Dewi Lestari", "1234567890123456", "SMP Negeri 7 Sukamaju", "Mitra"))
    view = AttendanceView(PROFILE, ACTIVITY, PROGRAM, sessions, people, items=ITEMS,
                          school_names=SCHOOLS, city="Kab. Sukamaju", time_zone="WITA")
    path = attendance.render_attendance(view, tmp_path / "a.pdf", blank_rows=1)
    out = text(path)
    assert len(PdfReader(path).pages) == 2  # a sheet per session, each on its own page
    for expected in ("DAFTAR HADIR", "Ahmad Fauzi, S.Pd.", "19800101 200501 1 001",
                     "Dewi Lestari", "SMP Negeri 7 Sukamaju", "08.00 WITA - Observasi kelas model",
                     "Aula Cendana, Kab. Sukamaju",
                     "Sekolah tuan rumah masing-masing, Kab. Sukamaju",
                     "Jumlah peserta terdaftar: 2 orang", "Sukamaju, 4 Maret 2019",
                     "Sukamaju, 5 Maret 2019", "Rina Kartika, S.Pd."):
        assert expected in out, expected

    one_day = attendance.render_attendance(view, tmp_path / "d.pdf", day=dt.date(2019, 3, 5))
    assert len(PdfReader(one_day).pages) == 1
    with pytest.raises(ValidationError, match="bukan hari kegiatan ini"):
        attendance.render_attendance(view, tmp_path / "x.pdf", day=dt.date(2019, 3, 9))


def test_the_recap_prints_its_view(tmp_path):
    sessions = (Session(dt.date(2019, 3, 4), "", "", 6), Session(dt.date(2019, 3, 5), "", "", 6))
    rows = (RecapRow(person(1, "Ahmad Fauzi, S.Pd.", 1, nip="198001012005011001"),
                     ["hadir", "hadir"], 2, 2, 100.0, 12, True, []),
            RecapRow(person(2, "Dewi Lestari", 2, nuptk="1234567890123456"),
                     ["hadir", "alpa"], 1, 2, 50.0, 6, False, ["kehadiran 50% di bawah 80%"]))
    view = RecapView(PROFILE, ACTIVITY, PROGRAM, sessions, rows, Rule(80.0, []), city="Kab. Sukamaju")
    out = text(recap.render_recap(view, tmp_path / "rc.pdf", sign_off=SIGNED))
    for expected in ("REKAP KEHADIRAN", "Ahmad Fauzi, S.Pd.", "19800101 200501 1 001",
                     "Dewi Lestari", "1234567890123456", "kehadiran 50% di bawah 80%; alpa 1",
                     "2 sesi, 12 JP", "kehadiran minimal 80% dari 2 sesi",
                     "Jumlah peserta 2 orang: 1 memenuhi syarat sertifikat, 1 tidak memenuhi syarat.",
                     "Aula Cendana, Kab. Sukamaju", "Sukamaju, 5 Maret 2019"):
        assert expected in out, expected


def test_the_pairs_list_prints_its_view(tmp_path):
    mentor = person(1, "Ahmad Fauzi, S.Pd.", 1, nip="198001012005011001")
    mentee = person(2, "Dewi Lestari", 2)
    alone = person(3, "Yusuf Maulana", 2, school="SMP Negeri 9 Sukamaju")
    view = PairsView(PROFILE, PROGRAM, (mentor, mentee, alone),
                     ({"mentor": mentor, "mentee": mentee},))
    out = text(pairs.render_pairs(view, tmp_path / "p.pdf", sign_off=SIGNED))
    for expected in ("DAFTAR PASANGAN", "1. Ahmad Fauzi, S.Pd. (Inti)", "NIP 19800101 200501 1 001",
                     "Dewi Lestari", "Belum berpasangan", "Yusuf Maulana", "SMP Negeri 9 Sukamaju",
                     "1 Inti, 2 Mitra, 0 Imbas; 1 belum berpasangan", "Sukamaju, 5 Maret 2019"):
        assert expected in out, expected


def test_the_register_prints_its_view(tmp_path):
    base = {"name": "Dewi Lestari", "nip": None, "nuptk": "1234567890123456", "tier_label": "Mitra",
            "activity": "OJL Sukamaju", "jp": 12, "issued_on": "2019-03-05", "replaces": None}
    rows = ({**base, "number": "800/001/DISDIK/III/2019", "voided": True, "void_reason": "salah nama"},
            {**base, "number": "800/002/DISDIK/III/2019", "voided": False, "void_reason": None,
             "replaces": 1})
    view = RegisterView(PROFILE, PROGRAM, rows)
    out = text(register.render_register(view, tmp_path / "g.pdf", sign_off=SIGNED))
    for expected in ("REGISTER SERTIFIKAT", "800/001/DISDIK/III/2019", "800/002/DISDIK/III/2019",
                     "2 (1 berlaku, 1 dibatalkan)", "Dibatalkan: salah nama",
                     "Pengganti sertifikat yang dibatalkan", "OJL Sukamaju 12 5 Maret 2019",
                     "Sukamaju, 5 Maret 2019"):
        assert expected in out, expected


def test_the_biodata_sheet_prints_its_view(tmp_path):
    people = (person(1, "Ahmad Fauzi, S.Pd.", 1, nip="198001012005011001", rank="Penata, III/c"),)
    view = BiodataView(PROFILE, ACTIVITY, PROGRAM, people)
    out = text(biodata.render_biodata(view, tmp_path / "b.pdf", sign_off=SIGNED))
    for expected in ("LEMBAR VERIFIKASI BIODATA", "Ahmad Fauzi, S.Pd.", "19800101 200501 1 001",
                     "Penata, III/c", "4 s.d. 5 Maret 2019", "Sukamaju, 5 Maret 2019",
                     "Rina Kartika, S.Pd."):
        assert expected in out, expected


def test_certificates_print_their_view(tmp_path):
    old = {**SAMPLE, "name": "Dewi Lestari, S.Pd.", "number": "800/002/DISDIK/III/2019"}
    old.pop("structure", None)  # issued before the structure was frozen: the live one prints
    frozen = {**SAMPLE, "name": "Ahmad Fauzi", "number": "800/001/DISDIK/III/2019",
              "structure": [["Materi beku", 8]]}
    view = CertificatesView(PROFILE, (frozen, old), Template(),
                            structure=(("Materi dari rundown", 4),))
    path = certificate.write_certificates(view, tmp_path / "c.pdf", back=True, sign_off=SIGNED)
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(path).pages]
    assert len(pages) == 4  # front and back of each
    assert "Ahmad Fauzi" in pages[0] and "Nomor: 800/001/DISDIK/III/2019" in pages[0]
    assert "Sukamaju, 5 Maret 2019" in pages[0]
    assert "Materi beku" in pages[1] and "Materi dari rundown" not in pages[1]
    assert "Dewi Lestari, S.Pd." in pages[2]
    assert "Materi dari rundown" in pages[3]

    archive = certificate.write_certificates(view, tmp_path / "c.zip")
    with zipfile.ZipFile(archive) as zipped:
        names = sorted(zipped.namelist())
        assert names == ["800-001-DISDIK-III-2019_Ahmad Fauzi.pdf",
                         "800-002-DISDIK-III-2019_Dewi Lestari, S.Pd.pdf"]
        one = PdfReader(io.BytesIO(zipped.read(names[0])))
        assert len(one.pages) == 1 and "Ahmad Fauzi" in one.pages[0].extract_text()

    test_page = text(certificate.render_calibration(PROFILE, tmp_path / "k.pdf", offset=(1.5, -2)))
    assert "HALAMAN UJI PRINTER SERTIFIKAT" in test_page
    assert "1,5 mm ke kanan, 2 mm ke atas" in test_page


# ---------------------------------------------------------------- reading once

def statements(db) -> list[str]:
    found: list[str] = []
    db.conn.set_trace_callback(found.append)
    return found


def test_a_daftar_hadir_reads_in_one_transaction_and_draws_without_reading(demo_copy, tmp_path):
    from kemitraan_desktop.views.attendance import attendance_view

    sql = statements(demo_copy)
    view = attendance_view(demo_copy, 1)
    assert sql[0] == "BEGIN" and sql[-1] == "COMMIT"
    assert len(sql) > 2  # the reads are between them
    sql.clear()
    attendance.render_attendance(view, tmp_path / "a.pdf")
    assert sql == []

    attendance.print_attendance(demo_copy, 1, tmp_path / "b.pdf")
    assert sql[0] == "BEGIN" and sql[-1] == "COMMIT"
    assert [s for s in sql if s in ("BEGIN", "COMMIT")] == ["BEGIN", "COMMIT"]
    demo_copy.conn.set_trace_callback(None)


def count_calls(monkeypatch, module, name) -> list:
    calls: list = []
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)
    monkeypatch.setattr(module, name, counted)
    return calls


def test_a_certificate_batch_is_gathered_once_not_per_certificate(demo_copy, monkeypatch):
    demo_copy.execute("DELETE FROM certificates WHERE activity_id = 1")
    demo_copy.conn.commit()
    reads = count_calls(monkeypatch, activities, "get_activity")
    profiles = count_calls(monkeypatch, office, "load_profile")
    rundowns = count_calls(monkeypatch, activities, "list_items")
    ids = certificates.issue(demo_copy, 1, dt.date(2018, 9, 16))
    assert len(ids) == 23
    assert len(profiles) == 1
    # once by issue, twice inside attendance.recap (sessions, participants): never per certificate
    assert len(reads) == 3
    assert len(rundowns) == 2  # the recap's sessions, and the batch's structure
    first = certificates.register(demo_copy, activity_id=1)
    assert {r["city"] for r in first} == {"Kota Pekalongan"}
    assert all(r["structure"] == first[0]["structure"] for r in first)


def test_printing_a_certificate_batch_reads_the_activity_and_rundown_once(demo_copy, tmp_path,
                                                                          monkeypatch):
    # certificates issued before the back page's structure was frozen read the live rundown
    demo_copy.execute("UPDATE certificates SET data = json_remove(data, '$.structure')")
    demo_copy.conn.commit()
    reads = count_calls(monkeypatch, activities, "get_activity")
    rundowns = count_calls(monkeypatch, activities, "list_items")
    path = certificate.print_certificates(demo_copy, 1, tmp_path / "c.pdf", back=True)
    assert len(PdfReader(path).pages) == 2 * 23
    assert len(reads) == 1
    assert len(rundowns) == 1  # before: once per certificate


def test_one_daftar_hadir_reads_the_activity_once(demo_copy, tmp_path, monkeypatch):
    reads = count_calls(monkeypatch, activities, "get_activity")
    rundowns = count_calls(monkeypatch, activities, "list_items")
    attendance.print_attendance(demo_copy, 1, tmp_path / "hadir.pdf")
    assert len(reads) == 1  # before: four times, and eight trips between document and core
    assert len(rundowns) == 1
