"""The attendance sheets (DAFTAR HADIR) read back from the PDF: a sheet per session with its
day, time and place, every participant once per sheet in tier-then-name order, the
staggered signature numbers, blank rows, the footer and the committee's signature, paper
sizes, the header on every page of a long sheet, the staff sheet, escaping."""

import datetime as dt
import re

import pytest
from pypdf import PdfReader
from reportlab.lib.units import cm

from kemitraan_desktop import activities, attendance, demo, people, programs
from kemitraan_desktop import indonesia as ind
from kemitraan_desktop.activities import StaffMember
from kemitraan_desktop.documents import frame, print_attendance
from kemitraan_desktop.documents.attendance import (
    EMPTY_PARTICIPANTS,
    EMPTY_STAFF,
    SIGNATURE_WIDTH,
)
from kemitraan_desktop.errors import ValidationError

HEADER = "No Nama NIP/NUPTK Asal sekolah/instansi Peran Tanda tangan"
STAFF_HEADER = "No Nama NIP Jabatan/Instansi Peran Tanda tangan"
OJL1 = 1  # the demo's OJL 1 in Kota Pekalongan, 9 to 16 September 2018


def read(path) -> tuple[PdfReader, list[str]]:
    """The reader and each page's text with its line breaks and runs of spaces as one space
    (a long name prints on two lines of its cell; a heading may part after a slash)."""
    reader = PdfReader(path)
    return reader, [" ".join(page.extract_text().split()).replace("/ ", "/")
                    for page in reader.pages]


def sheets(pages: list[str]) -> list[list[str]]:
    """The pages grouped by sheet: each sheet starts with its title."""
    result: list[list[str]] = []
    for page in pages:
        if "DAFTAR HADIR" in page:
            result.append([])
        result[-1].append(page)
    return result


def size(page) -> tuple[float, float]:
    return round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)


def positions(page) -> list[tuple[str, float, float]]:
    """Every string drawn on the page with its x and y on the page."""
    found = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            found.append((text.strip(), tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return found


def identity(person: dict) -> str:
    return ind.format_nip(person["nip"]) if person["nip"] else person["nuptk"]


@pytest.fixture
def demo_db(db):
    demo.load_demo(db)
    return db


def crowd(db, count: int, *, days: int = 2) -> int:
    """An activity of `count` participants in three tiers over `days` days (no rundown: a
    sheet per day); names sort in the reverse order of insertion within a tier."""
    rows = []
    for i in range(count):
        name = f"Peserta {count - i:04d} Contoh"
        rows.append({"full_name": f"{name}, S.Pd.", "name_key": ind.name_key(name),
                     "nuptk": f"{5000000000000000 + i}",
                     "nip": f"{19700101 + i // 1000}2000011{i % 1000:03d}" if i % 2 else None,
                     "nik": f"{3300000000000000 + i}", "gender": None, "birth_place": None,
                     "birth_date": None, "position": "guru", "jenjang": "SMP",
                     "subject": "IPA", "rank": None, "school_id": None, "region_code": None,
                     "ukg": None, "phone": None, "email": None})
    ids = people.insert_people(db, rows)
    pid = programs.create_program(db, "Kemitraan Uji", 2019, "SMP",
                                  labels="Guru Inti,Guru Mitra,Guru Imbas")
    third = count // 3
    programs.add_participants(db, pid, ids[2 * third:], 3)
    programs.add_participants(db, pid, ids[:third], 1)
    programs.add_participants(db, pid, ids[third:2 * third], 2)
    end = dt.date(2019, 11, 4) + dt.timedelta(days=days - 1)
    return activities.create_activity(db, pid, "lainnya", "Workshop Uji", "2019-11-04", end,
                                      venue="Hotel Santika", city="Kota Pekalongan")


def test_a_sheet_per_session_with_every_participant_once(demo_db, tmp_path):
    db = demo_db
    path = print_attendance(db, OJL1, tmp_path / "hadir.pdf", blank_rows=2)
    reader, pages = read(path)
    sessions = attendance.sessions(db, OJL1)
    participants = activities.activity_participants(db, OJL1)
    grouped = sheets(pages)
    # the two sessions held at the five host schools at once give a sheet per school
    assert len(sessions) == 10 and len(grouped) == 8 + 2 * 5
    at_hosts = {s.key for s in sessions if s.title == "Diskusi RPP bersama guru inti"
                or s.title.startswith("Pembahasan hasil observasi")}
    assert len(at_hosts) == 2
    by_session = []
    for session in sessions:
        count = 5 if session.key in at_hosts else 1
        by_session.append((session, [page for sheet in grouped[:count] for page in sheet]))
        grouped = grouped[count:]
    for session, sheet in by_session:
        text = " ".join(sheet)
        first = sheet[0]
        # each sheet on its own pages, under the letterhead again
        assert first.startswith("PEMERINTAH KOTA PEKALONGAN DINAS PENDIDIKAN")
        assert "DAFTAR HADIR On the Job Learning 1 Kota Pekalongan" in first
        assert ("Program : Kemitraan Guru SMP - OJL Kota Pekalongan Tahun 2018 "
                f"Hari/tanggal : {ind.format_date(session.day)}") in first
        if session.slot:
            assert f"Sesi : {session.slot.replace(':', '.')} WIB - {session.title}" in first
        else:
            assert "Sesi :" not in first
        assert all(page.count(HEADER) == 1 for page in sheet)
        where = []
        for person in participants:
            row = (f"{person['name']} {identity(person)} {person['school']} "
                   f"{person['tier_label']}")
            assert text.count(row) == 1, (session, person["name"])
            assert text.count(person["name"]) == 1
            assert person["nik"] not in text  # the NIK is private: never printed
            where.append(text.index(row))
        if session.key not in at_hosts:  # (each school's sheet is in that order of its own)
            assert where == sorted(where)  # by tier then name, as activity_participants gives
        if session.key not in at_hosts:
            assert "Jumlah peserta terdaftar: 24 orang" in text
        assert "Hadir: .................... orang" in text
        assert "Tidak hadir: .................... orang" in text
        # the committee signs (the head of the division), dated the session's day
        closing = text[text.index("Jumlah peserta terdaftar"):]
        assert (f"Pekalongan, {ind.format_date(session.day, with_weekday=False)} Kepala "
                "Bidang Pembinaan Ketenagaan Sri Wahyuningsih, S.Pd., M.Pd. Pembina, IV/a "
                "NIP 19720314 199802 2 003") in closing
        assert "Haryono Wicaksono" not in text
    text = " ".join(pages)
    assert "Sesi : 13.00 WIB - Refleksi kunjungan dan persiapan observasi" in text
    assert ("Hari/tanggal : Selasa, 11 September 2018 Sesi : 13.00 WIB - Refleksi kunjungan "
            "dan persiapan observasi Tempat : Hotel/penginapan peserta, Kota Pekalongan") in text
    assert ("Sesi : 07.30 WIB - Workshop membatik Tempat : Museum Batik, Kota Pekalongan"
            in text)
    # a session held at every host school at once names each school, and a whole day
    # without a session
    assert "Sekolah tuan rumah masing-masing" not in text
    assert "Diskusi RPP bersama guru inti Tempat : SMP Negeri 14 Pekalongan, Kota Pekalongan" in text
    assert ("Hari/tanggal : Minggu, 16 September 2018 Tempat : Aula Dinas Pendidikan Kota "
            "Pekalongan") in text
    for sheet in sheets(pages):  # each session's sheet numbered on its own
        for number, page in enumerate(sheet, start=1):
            assert f"Halaman {number} dari {len(sheet)}" in page
    assert {size(page) for page in reader.pages} == {(609.4, 935.4)}  # the office's F4


def test_signature_numbers_are_staggered_where_each_signs(demo_db, tmp_path):
    path = print_attendance(demo_db, OJL1, tmp_path / "hadir.pdf", day=dt.date(2018, 9, 16),
                            blank_rows=3, paper="a4")
    reader, _ = read(path)
    marks: dict[int, tuple[float, float]] = {}
    rows: dict[int, tuple[float, float]] = {}
    for page in reader.pages:
        found = positions(page)
        for text, x, y in found:
            if re.fullmatch(r"\d+\.", text):
                marks[int(text[:-1])] = (x, y)
        for text, x, y in found:
            if re.fullmatch(r"\d+", text) and x < frame.MARGINS["left"] + 1 * cm:
                rows[int(text)] = (x, y)
    assert sorted(marks) == list(range(1, 28)) == sorted(rows)
    odd = {round(marks[n][0], 1) for n in marks if n % 2}
    even = {round(marks[n][0], 1) for n in marks if not n % 2}
    assert len(odd) == 1 and len(even) == 1  # the left half, the right half
    assert even.pop() - odd.pop() == pytest.approx(SIGNATURE_WIDTH / 2, abs=0.1)
    for number, (_, y) in marks.items():  # on its own row
        assert abs(rows[number][1] - y) < 1


def test_day_limits_the_sheets_and_a_day_outside_is_refused(demo_db, tmp_path):
    path = print_attendance(demo_db, OJL1, tmp_path / "sabtu.pdf", day=dt.date(2018, 9, 15))
    _, pages = read(path)
    grouped = sheets(pages)
    assert len(grouped) == 2
    assert "Sesi : 07.30 WIB - Monitoring, evaluasi dan supervisi OJL" in grouped[0][0]
    assert "Sesi : 19.00 WIB - Malam penutupan dan ramah tamah" in grouped[1][0]
    text = " ".join(pages)
    assert "Sabtu, 15 September 2018" in text
    assert not re.search(r"(?:Minggu|Senin|Selasa|Rabu|Kamis|Jumat), \d+ September", text)
    with pytest.raises(ValidationError, match="Senin, 17 September 2018 bukan hari kegiatan "
                                              "ini \\(9 s.d. 16 September 2018\\)"):
        print_attendance(demo_db, OJL1, tmp_path / "x.pdf", day=dt.date(2018, 9, 17))
    assert not (tmp_path / "x.pdf").exists()


def test_blank_rows_are_numbered_after_the_participants(demo_db, tmp_path):
    path = print_attendance(demo_db, OJL1, tmp_path / "hadir.pdf", day=dt.date(2018, 9, 16),
                            blank_rows=4)
    _, pages = read(path)
    text = " ".join(pages)
    assert re.search(r"Wahyu Bouk, S\.Pd\. 19670208 199702 1 119 SMP Negeri 1 Maumere "
                     r"Mitra 2 24\. 25 25\. 26 26\. 27 27\. 28 28\. Jumlah peserta terdaftar: "
                     r"24 orang", text)
    assert "29" not in text.split("Jumlah peserta")[0].split("Wahyu Bouk")[1]
    for bad in (-1, 501, "3"):
        with pytest.raises(ValidationError, match="baris kosong"):
            print_attendance(demo_db, OJL1, tmp_path / "x.pdf", blank_rows=bad)


def test_paper_is_a4_or_f4_portrait_exactly(demo_db, tmp_path):
    day = dt.date(2018, 9, 16)
    a4, _ = read(print_attendance(demo_db, OJL1, tmp_path / "a4.pdf", day=day, paper="a4"))
    f4, _ = read(print_attendance(demo_db, OJL1, tmp_path / "f4.pdf", day=day, paper="F4"))
    assert {size(page) for page in a4.pages} == {(595.3, 841.9)}
    assert {size(page) for page in f4.pages} == {(609.4, 935.4)}
    with pytest.raises(ValidationError, match="Ukuran kertas 'letter'"):
        print_attendance(demo_db, OJL1, tmp_path / "letter.pdf", paper="letter")
    assert not (tmp_path / "letter.pdf").exists()


def test_a_long_sheet_repeats_its_header_and_never_splits_a_row(db, tmp_path):
    aid = crowd(db, 150)
    reader, pages = read(print_attendance(db, aid, tmp_path / "besar.pdf", paper="a4"))
    grouped = sheets(pages)
    assert len(grouped) == 2 and all(len(sheet) >= 5 for sheet in grouped)
    participants = activities.activity_participants(db, aid)
    assert [p["tier"] for p in participants] == sorted(p["tier"] for p in participants)
    for day, sheet in zip(("Senin, 4 November 2019", "Selasa, 5 November 2019"), grouped,
                          strict=True):
        assert f"Hari/tanggal : {day} Tempat : Hotel Santika, Kota Pekalongan" in sheet[0]
        for page in sheet:
            assert page.count(HEADER) == 1
        for page in sheet[1:]:  # a continued page says which sheet it belongs to
            assert page.startswith(f"Daftar hadir {day} (lanjutan) {HEADER}")
        text = " ".join(sheet)
        where = []
        for number, person in enumerate(participants, start=1):
            row = f"{number} {person['name']} {identity(person)} - {person['tier_label']}"
            assert text.count(row) == 1, number
            assert text.count(person["name"]) == 1
            # the row whole on one page, its signature number with it
            on = [page for page in sheet if person["name"] in page]
            assert len(on) == 1 and f"{person['tier_label']} {number}." in on[0]
            where.append(text.index(row))
        assert where == sorted(where)
        # the counts and the signature never stand alone: the last rows go with them
        last = sheet[-1]
        assert participants[-1]["name"] in last and participants[-2]["name"] in last
        assert "Jumlah peserta terdaftar: 150 orang" in last
    assert {size(page) for page in reader.pages} == {(595.3, 841.9)}


def test_staff_sheet_lists_narasumber_then_panitia(demo_db, tmp_path):
    db = demo_db
    activities.save_staff(db, OJL1, [
        StaffMember(None, "panitia", "Budi Santoso, S.Kom.", "Ketua Panitia",
                    "Dinas Pendidikan Kota Pekalongan", "197801012005011003"),
        StaffMember(None, "narasumber", 'Dr. Ani <Rahmawati> & "Rekan", M.Si.',
                    "Widyaiswara", "LPMP Jawa Tengah"),
    ])
    path = print_attendance(db, OJL1, tmp_path / "staf.pdf", staff=True,
                            day=dt.date(2018, 9, 10))
    _, pages = read(path)
    text = " ".join(pages)
    assert len(sheets(pages)) == 2
    assert text.count("DAFTAR HADIR NARASUMBER DAN PANITIA On the Job Learning 1") == 2
    assert text.count(STAFF_HEADER) == 2 and HEADER not in text
    assert (f'{STAFF_HEADER} 1 Dr. Ani <Rahmawati> & "Rekan", M.Si. - Widyaiswara, LPMP Jawa '
            "Tengah Narasumber 1. 2 Budi Santoso, S.Kom. 19780101 200501 1 003 Ketua Panitia, "
            "Dinas Pendidikan Kota Pekalongan Panitia 2. Jumlah narasumber/panitia "
            "terdaftar: 2 orang") in text
    assert "&lt;" not in text and "&amp;" not in text and "&quot;" not in text
    assert "Dedi Kurniasih" not in text  # no participant on the staff sheet


def test_user_text_prints_as_written(demo_db, tmp_path):
    db = demo_db
    person = activities.activity_participants(db, OJL1)[0]
    odd = 'Dra. <Sri> & "Ani", M.Pd.'
    db.execute("UPDATE people SET full_name = ? WHERE id = ?", [odd, person["person_id"]])
    db.execute("UPDATE activities SET title = ? WHERE id = ?", ['OJL <1> & "Kota"', OJL1])
    _, pages = read(print_attendance(db, OJL1, tmp_path / "escape.pdf",
                                     day=dt.date(2018, 9, 16)))
    text = " ".join(pages)
    assert 'DAFTAR HADIR OJL <1> & "Kota"' in text
    assert text.count(odd) == 1
    assert "&lt;" not in text and "&amp;" not in text and "&quot;" not in text


def test_nobody_to_list_is_refused_and_blank_rows_print_only_when_asked(demo_db, tmp_path):
    db = demo_db
    activities.set_activity_participants(db, OJL1, [])
    with pytest.raises(ValidationError) as refused:
        print_attendance(db, OJL1, tmp_path / "kosong.pdf", day=dt.date(2018, 9, 16))
    assert EMPTY_PARTICIPANTS in refused.value.message and "--blank-rows" in refused.value.message
    assert not (tmp_path / "kosong.pdf").exists()
    # blank rows on purpose give the walk-ins a table to sign, with no message as content
    _, pages = read(print_attendance(db, OJL1, tmp_path / "kosong2.pdf",
                                     day=dt.date(2018, 9, 16), blank_rows=2))
    assert f"{HEADER} 1 1. 2 2. Jumlah peserta terdaftar: 0 orang" in pages[0]
    assert EMPTY_PARTICIPANTS not in pages[0]
    with pytest.raises(ValidationError, match="belum mempunyai narasumber"):
        print_attendance(db, OJL1, tmp_path / "staf.pdf", staff=True)
    assert not (tmp_path / "staf.pdf").exists()
    _, pages = read(print_attendance(db, OJL1, tmp_path / "staf.pdf", staff=True,
                                     day=dt.date(2018, 9, 16), blank_rows=3))
    assert STAFF_HEADER in pages[0] and EMPTY_STAFF not in pages[0]


def test_the_staff_sheet_with_nobody_exits_1_and_writes_nothing(demo_db, db_path, tmp_path):
    from kemitraan_desktop.cli import main
    out = tmp_path / "staf.pdf"
    assert main(["--db", str(db_path), "print", "attendance", "--activity", "1", "--staff",
                 "--out", str(out)]) == 1
    assert not out.exists()


def test_one_sheet_per_host_school_with_its_own_people(demo_db, tmp_path):
    db = demo_db
    hosts = activities.host_schools(db, OJL1)
    assert len(hosts) == 5
    one = next(h for h in hosts if h["name"] == "SMP Negeri 6 Pekalongan")
    _, pages = read(print_attendance(db, OJL1, tmp_path / "smp6.pdf", host_school=one["npsn"]))
    grouped = sheets(pages)
    assert len(grouped) == 2  # its two observation days, nothing else
    rows = activities.activity_participants(db, OJL1)
    host_ids = {r["id"] for r in rows if r["tier"] == 1 and r["npsn"] == one["npsn"]}
    theirs = [r for r in rows if r["id"] in host_ids or r["mentor_id"] in host_ids]
    others = [r for r in rows if r not in theirs]
    assert theirs and others
    for sheet in grouped:
        text = " ".join(sheet)
        assert "Tempat : SMP Negeri 6 Pekalongan, Kota Pekalongan" in text
        assert all(r["name"] in text for r in theirs)
        assert not any(r["name"] in text for r in others)
        assert f"Jumlah peserta terdaftar: {len(theirs)} orang" in text
        assert "Halaman 1 dari 1" in sheet[0]
    with pytest.raises(ValidationError, match="bukan sekolah tuan rumah"):
        print_attendance(db, OJL1, tmp_path / "x.pdf", host_school="99999999")
    assert not (tmp_path / "x.pdf").exists()


def test_sheets_of_an_activity_in_another_kab_kota_are_signed_there(demo_db, tmp_path):
    _, pages = read(print_attendance(demo_db, 2, tmp_path / "ojl2.pdf", day=dt.date(2019, 10, 13)))
    text = " ".join(pages)
    assert "Gorontalo, 13 Oktober 2019 Kepala Dinas Pendidikan Kabupaten Gorontalo" in text
    assert "Pekalongan, 13 Oktober 2019" not in text
    assert "Sri Wahyuningsih" not in text  # the Pekalongan office's signatory does not sign there
    # a place chosen in the dialog still wins
    _, pages = read(print_attendance(demo_db, 2, tmp_path / "ojl2b.pdf", day=dt.date(2019, 10, 13),
                                     sign_off=frame.SignOff(place="Limboto")))
    assert "Limboto, 13 Oktober 2019" in " ".join(pages)


def test_head_of_office_signs_without_a_second_signatory_and_zone_follows_place(
        demo_db, tmp_path):
    db = demo_db
    db.execute("DELETE FROM settings WHERE key LIKE 'office.second_%'")
    gorontalo = next(a["activity"].id for a in activities.list_activities(db)
                     if a["time_zone"] == "WITA")
    path = print_attendance(db, gorontalo, tmp_path / "wita.pdf", day=dt.date(2019, 10, 14))
    _, pages = read(path)
    text = " ".join(pages)
    assert ("Sesi : 07.30 WITA - Penerimaan guru inti oleh Kepala Dinas Pendidikan "
            "setempat") in text
    assert "WIB" not in text
    _, pages = read(print_attendance(db, OJL1, tmp_path / "wib.pdf", day=dt.date(2018, 9, 16)))
    assert ("Pekalongan, 16 September 2018 Kepala Dinas Pendidikan Kota Pekalongan "
            "Drs. Haryono Wicaksono, M.Pd.") in " ".join(pages)
