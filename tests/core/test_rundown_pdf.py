"""The rundown (JADWAL KEGIATAN) read back from the PDF: days spanning their rows, times in
the zone of the place, the facts, the letterhead and signature, paper sizes, pagination with
the header and the day's name on every page, the host-school variant, escaping."""

import datetime as dt
import re

import pytest
from pypdf import PdfReader

from kemitraan_desktop import activities, demo, programs, rundown_templates
from kemitraan_desktop.activities import Item
from kemitraan_desktop.documents import print_rundown
from kemitraan_desktop.documents.frame import SignOff
from kemitraan_desktop.documents.rundown import EMPTY_LINE, time_text
from kemitraan_desktop.errors import NotFoundError, ValidationError

HEADER = "Hari/Tanggal Waktu Kegiatan Tempat Penanggung jawab"
TODAY = dt.date(2018, 9, 5)
DAY_NAME = r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} \w+ \d{4}"
HOSTS = {"20330101": "SMP Negeri 1 Pekalongan", "20330102": "SMP Negeri 2 Pekalongan",
         "20330106": "SMP Negeri 6 Pekalongan", "20330107": "SMP Negeri 7 Pekalongan",
         "20330114": "SMP Negeri 14 Pekalongan"}


def program_2018(db) -> int:
    demo.load_demo(db)
    return next(e["program"].id for e in programs.list_programs(db) if e["program"].year == 2018)


def ojl(db, *, city="Kota Pekalongan", template=True, title="OJL 1 Kota Pekalongan") -> int:
    aid = activities.create_activity(db, program_2018(db), "ojl1", title, "2018-09-09",
                                     "2018-09-16", venue="Aula Dinas Pendidikan", city=city)
    if template:
        template = rundown_templates.find_template(db, "OJL 1 (8 hari)")
        activities.save_items(db, aid, rundown_templates.apply_template(db, aid, template))
    return aid


def read(path) -> tuple[PdfReader, list[str]]:
    """The reader and each page's text with its line breaks and runs of spaces as one space
    (a day's name and date print on two lines of their cell)."""
    reader = PdfReader(path)
    return reader, [" ".join(page.extract_text().split()) for page in reader.pages]


def size(page) -> tuple[float, float]:
    return round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)


def test_full_rundown_prints_days_times_facts_letterhead_and_signature(db, tmp_path):
    aid = ojl(db)
    path = print_rundown(db, aid, tmp_path / "jadwal.pdf", sign_off=SignOff(day=TODAY))
    reader, pages = read(path)
    text = " ".join(pages)
    assert "JADWAL KEGIATAN OJL 1 Kota Pekalongan" in text
    assert "Program : Kemitraan Guru SMP - OJL Kota Pekalongan Tahun 2018" in text
    assert "Tempat : Aula Dinas Pendidikan, Kota Pekalongan" in text
    assert "Tanggal : 9 s.d. 16 September 2018" in text
    items = activities.list_items(db, aid)
    assert f"Jumlah JP : {activities.format_jp(activities.total_jp(items))} JP" in text
    for day in ("Minggu, 9 September 2018", "Senin, 10 September 2018",
                "Selasa, 11 September 2018", "Rabu, 12 September 2018",
                "Kamis, 13 September 2018", "Jumat, 14 September 2018",
                "Sabtu, 15 September 2018", "Minggu, 16 September 2018"):
        assert day in text
    # the batik workshop from 07.30 WIB on the Friday, in the order of the day
    assert "Jumat, 14 September 2018 07.30 - 11.30 WIB Workshop membatik Museum Batik" in text
    assert "08.00 - 09.30 WIB Pembukaan dan sambutan selamat datang Kepala Dinas " \
           "Pendidikan (2 JP)" in text
    assert "WITA" not in text and not re.search(r"\bWIT\b", text)
    # a session held at every host school at once is one row, as an office writes it
    assert text.count("Diskusi RPP bersama guru inti (3 JP)") == 1
    assert ("Diskusi RPP bersama guru inti (3 JP) Sekolah tuan rumah masing-masing "
            "Guru Mitra 1 masing-masing") in text
    # the letterhead on the first page, the signature after the table
    first = pages[0]
    assert first.startswith("PEMERINTAH KOTA PEKALONGAN DINAS PENDIDIKAN Jl. Sriwijaya No. 44")
    assert "Email: dindik@pekalongankota.go.id" in first
    assert "PEMERINTAH KOTA" not in " ".join(pages[1:])
    assert text.index("Kepulangan peserta") < text.index("Pekalongan, 5 September 2018")
    assert "Pekalongan, 5 September 2018 Kepala Dinas Pendidikan Kota Pekalongan " \
           "Drs. Haryono Wicaksono, M.Pd. Pembina Utama Muda, IV/c " \
           "NIP 19660512 199003 1 004" in pages[-1]
    for number, page in enumerate(pages, start=1):
        assert HEADER in page
        assert f"Halaman {number} dari {len(pages)}" in page
    assert size(reader.pages[0]) == (609.4, 935.4)  # the demo office prints on F4


def test_paper_is_a4_or_f4_portrait_exactly(db, tmp_path):
    aid = ojl(db)
    a4, _ = read(print_rundown(db, aid, tmp_path / "a4.pdf", paper="a4"))
    f4, _ = read(print_rundown(db, aid, tmp_path / "f4.pdf", paper="F4"))
    assert {size(page) for page in a4.pages} == {(595.3, 841.9)}
    assert {size(page) for page in f4.pages} == {(609.4, 935.4)}
    with pytest.raises(ValidationError, match="Ukuran kertas 'letter'"):
        print_rundown(db, aid, tmp_path / "letter.pdf", paper="letter")
    assert not (tmp_path / "letter.pdf").exists()


@pytest.mark.parametrize(("city", "zone"), [("Kota Kupang", "WITA"), ("Kota Jayapura", "WIT"),
                                            ("Kota Pekalongan", "WIB")])
def test_times_print_in_the_zone_of_the_place(db, tmp_path, city, zone):
    aid = ojl(db, city=city, template=False)
    day = dt.date(2018, 9, 10)
    activities.save_items(db, aid, [
        Item(day, dt.time(7, 30), dt.time(9), "Pembukaan", jp=2),
        Item(day, dt.time(19), None, "Malam keakraban"),
        Item(day, None, None, "Acara bebas"),
    ])
    _, pages = read(print_rundown(db, aid, tmp_path / "zona.pdf"))
    text = " ".join(pages)
    assert f"Senin, 10 September 2018 07.30 - 09.00 {zone} Pembukaan (2 JP)" in text
    assert f"19.00 {zone} - selesai Malam keakraban" in text
    assert "- Acara bebas" in text  # an untimed item: no time, a dash
    assert f"Tempat : Aula Dinas Pendidikan, {city}" in text
    others = {"WIB", "WITA", "WIT"} - {zone}
    assert not any(re.search(rf"\b{other}\b", text) for other in others)


def test_time_text_forms():
    day = dt.date(2018, 9, 14)
    assert time_text(Item(day, dt.time(7, 30), dt.time(11, 30), "x"), "WIB") == "07.30 - 11.30 WIB"
    assert time_text(Item(day, dt.time(19), None, "x"), "WITA") == "19.00 WITA - selesai"
    assert time_text(Item(day, None, dt.time(12), "x"), "WIT") == "s.d. 12.00 WIT"
    assert time_text(Item(day, None, None, "x"), "WIB") == ""


def test_two_hundred_items_paginate_with_header_and_day_on_every_page(db, tmp_path):
    aid = ojl(db, template=False)
    items = []
    for n in range(200):
        day = dt.date(2018, 9, 10) if n < 120 else dt.date(2018, 9, 11)
        minutes = 7 * 60 + (n % 120) * 5
        start = dt.time(minutes // 60, minutes % 60)
        end = dt.time((minutes + 5) // 60, (minutes + 5) % 60)
        items.append(Item(day, start, end, f"Acara {n:03d} diskusi kelompok", f"Ruang {n:03d}",
                          f"PJ {n:03d}", jp=1 if n % 3 else 0))
    activities.save_items(db, aid, items)
    reader, pages = read(print_rundown(db, aid, tmp_path / "panjang.pdf", paper="a4"))
    assert len(pages) >= 5
    previous = None  # the last day named on the page before
    for number, page in enumerate(pages, start=1):
        assert page.count(HEADER) == 1, number
        # the first row under the header names its day, again when the day runs on
        after = page[page.index(HEADER) + len(HEADER):]
        first = re.match(rf" ({DAY_NAME})( \(lanjutan\))? \d\d\.\d\d - ", after)
        assert first, number
        assert bool(first[2]) == (first[1] == previous), number
        previous = re.findall(DAY_NAME, after)[-1]
        assert f"Halaman {number} dari {len(pages)}" in page
    assert sum("(lanjutan)" in page for page in pages) >= len(pages) - 2
    text = " ".join(pages)
    positions = []
    for n in range(200):
        # each item once, and its row whole on one page (rows are never split)
        assert text.count(f"Acara {n:03d} ") == 1, n
        where = {index for index, page in enumerate(pages)
                 if f"Acara {n:03d} " in page or f"Ruang {n:03d}" in page or f"PJ {n:03d}" in page}
        assert len(where) == 1, n
        positions.append(text.index(f"Acara {n:03d} "))
    assert positions == sorted(positions)
    # the signature never stands alone: the last rows go with it
    assert "Acara 199" in pages[-1] and "NIP 19660512 199003 1 004" in pages[-1]
    assert {size(page) for page in reader.pages} == {(595.3, 841.9)}


def test_host_school_variant_has_shared_items_and_only_its_own(db, tmp_path):
    aid = ojl(db)
    path = print_rundown(db, aid, tmp_path / "smpn1.pdf", school="20330101", sign_off=SignOff(day=TODAY))
    _, pages = read(path)
    text = " ".join(pages)
    assert "JADWAL KEGIATAN OJL 1 Kota Pekalongan SMP Negeri 1 Pekalongan" in text
    assert "Sekolah : SMP Negeri 1 Pekalongan (NPSN 20330101)" in text
    for shared in ("Kedatangan peserta (guru mitra) dan registrasi", "Workshop membatik",
                   "Kunjungan kehormatan kepada Sekretaris Daerah", "Kepulangan peserta"):
        assert shared in text
    assert text.count("Diskusi RPP bersama guru inti") == 1
    assert text.count("Observasi pembelajaran di kelas") == 1
    assert all(name not in text for npsn, name in HOSTS.items() if npsn != "20330101")
    school_id = db.execute("SELECT id FROM schools WHERE npsn = '20330101'").fetchone()[0]
    hosts = {h["id"]: h["hosts"] for h in activities.host_schools(db, aid)}
    assert " ".join(hosts[school_id].split()) in text  # the school's own host teachers
    items = activities.list_items(db, aid)
    jp = activities.format_jp(activities.total_jp(items, school_id))
    assert f"Jumlah JP : {jp} JP" in text
    assert "Drs. Haryono Wicaksono, M.Pd." in pages[-1]
    # the same school by its id
    _, by_id = read(print_rundown(db, aid, tmp_path / "id.pdf", school=school_id, sign_off=SignOff(day=TODAY)))
    assert by_id == pages


def test_unknown_or_foreign_school_is_refused_by_name(db, tmp_path):
    aid = ojl(db)
    with pytest.raises(NotFoundError, match="NPSN '99999999'"):
        print_rundown(db, aid, tmp_path / "x.pdf", school="99999999")
    with pytest.raises(NotFoundError, match="id 987654"):
        print_rundown(db, aid, tmp_path / "x.pdf", school=987654)
    visitor = db.execute("SELECT id FROM schools WHERE name = 'SMP Negeri 1 Palangka Raya'")
    with pytest.raises(NotFoundError, match="SMP Negeri 1 Palangka Raya bukan sekolah tuan "
                                            "rumah") as info:
        print_rundown(db, aid, tmp_path / "x.pdf", school=visitor.fetchone()[0])
    assert "SMP Negeri 7 Pekalongan (NPSN 20330107)" in str(info.value)
    assert not (tmp_path / "x.pdf").exists()


def test_user_text_prints_as_written(db, tmp_path):
    title = 'OJL <1> & "Kota" Pekalongan'
    aid = ojl(db, template=False, title=title)
    activities.save_items(db, aid, [
        Item(dt.date(2018, 9, 10), dt.time(8), dt.time(10), 'Diskusi <RPP> & "praktik baik"',
             "Ruang <A&B>", 'Dra. <Sri> & "Ani", M.Pd.', jp=2),
    ])
    _, pages = read(print_rundown(db, aid, tmp_path / "escape.pdf"))
    text = " ".join(pages)
    assert f"JADWAL KEGIATAN {title}" in text
    assert 'Diskusi <RPP> & "praktik baik" (2 JP) Ruang <A&B> Dra. <Sri> & "Ani", M.Pd.' in text
    assert "&lt;" not in text and "&amp;" not in text and "&quot;" not in text


def test_activity_without_items_prints_a_clear_line(db, tmp_path):
    aid = ojl(db, template=False)
    _, pages = read(print_rundown(db, aid, tmp_path / "kosong.pdf", sign_off=SignOff(day=TODAY)))
    assert len(pages) == 1
    assert EMPTY_LINE in pages[0] and HEADER not in pages[0]
    assert "Tanggal : 9 s.d. 16 September 2018" in pages[0]
    assert "Jumlah JP" not in pages[0]
    assert "Pekalongan, 5 September 2018" in pages[0]


def test_a_row_too_long_for_a_page_is_a_clear_error(db, tmp_path):
    aid = ojl(db, template=False)
    activities.save_items(db, aid, [
        Item(dt.date(2018, 9, 12), dt.time(8), dt.time(9), "Uraian sangat panjang " * 600)])
    with pytest.raises(ValidationError, match="Rabu, 12 September 2018 terlalu panjang"):
        print_rundown(db, aid, tmp_path / "panjang.pdf")
    assert not (tmp_path / "panjang.pdf").exists()


def test_one_schools_own_session_names_its_school_in_the_full_schedule(db, tmp_path):
    aid = ojl(db)
    items = activities.list_items(db, aid)
    school = activities.host_schools(db, aid)[0]
    visit = activities.Item(dt.date(2018, 9, 13), dt.time(15, 30), dt.time(16, 30),
                            "Kunjungan orang tua murid", school_id=school["id"])
    activities.save_items(db, aid, [*items, visit])
    _, pages = read(print_rundown(db, aid, tmp_path / "full.pdf"))
    text = " ".join(pages)
    assert f"Kunjungan orang tua murid {school['name']}" in text
