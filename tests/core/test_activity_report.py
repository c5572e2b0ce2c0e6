"""The laporan kegiatan read back: the PDF (cover, chapters, typed texts, participants per
tier and region, attendance counted from marks set here, certificates issued here, photos,
the signature never alone), the .docx (headings, texts, tables, pictures), the typed
sections and their defaults, the photos' storage, and `kemitraan print report`."""

import datetime as dt
import io
import re
import zlib
from collections import Counter

import pytest
from docx import Document
from PIL import Image, ImageDraw
from pypdf import PdfReader

from kemitraan_desktop import activities, activity_report, certificates, cli
from kemitraan_desktop import attendance as att
from kemitraan_desktop.activities import Item
from kemitraan_desktop.documents.activity_report import print_activity_report
from kemitraan_desktop.documents.frame import SignOff
from kemitraan_desktop.errors import InputFileError, ValidationError

TYPED_BACKGROUND = 'Latar belakang diketik dinas: guru <Mitra> & "Imbas" perlu pendampingan.'
TYPED_RESULT = "1. Sebanyak dua puluh RPP telah ditelaah bersama.\n2. Rencana aksi tersusun."
CAPTIONS = ["Pembukaan oleh Kepala Dinas", "Diskusi RPP di SMP Negeri 1", "Foto bersama"]
SIGN_DAY = dt.date(2018, 10, 5)


def _photo(path, size=(1200, 800), colour=(180, 120, 60), fmt="JPEG", exif=None):
    """A smooth picture (as a real photo compresses), with a mark so orientation shows."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image = Image.blend(image, Image.new("RGB", size, colour), 0.5)
    ImageDraw.Draw(image).rectangle([0, 0, size[0] // 4, size[1] // 4], fill=(20, 20, 200))
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(path, fmt, **kwargs)
    return path


@pytest.fixture
def workshop(demo_copy, tmp_path):
    """A two-day workshop of the demo program with three attendance sessions, marks set by
    hand, certificates issued, two typed sections and three photos."""
    db = demo_copy
    aid = activities.create_activity(db, 1, "workshop", "Workshop Penguatan Pembelajaran",
                                     "2018-10-01", "2018-10-02", venue="Aula Dinas Pendidikan",
                                     city="Kota Pekalongan")
    day1, day2 = dt.date(2018, 10, 1), dt.date(2018, 10, 2)
    activities.save_items(db, aid, [
        Item(day1, dt.time(8), dt.time(10), "Pembukaan", jp=2, attendance=True),
        Item(day1, dt.time(10), dt.time(12), "Materi kebijakan", jp=3),
        Item(day1, dt.time(12), dt.time(13), "Ishoma"),
        Item(day2, dt.time(8), dt.time(12), "Praktik penyusunan RPP", jp=4, attendance=True),
        Item(day2, dt.time(13), dt.time(14), "Penutupan", jp=1, attendance=True)])
    sessions = att.sessions(db, aid)
    people = activities.activity_participants(db, aid)
    absences = {(people[0]["id"], 1): "alpa", (people[1]["id"], 1): "izin",
                (people[1]["id"], 2): "sakit", (people[2]["id"], 2): None,
                (people[3]["id"], 2): "alpa"}
    marks = []
    for person in people:
        for index, session in enumerate(sessions):
            status = absences.get((person["id"], index), "hadir")
            if status:
                marks.append(att.Mark(person["id"], session.day.isoformat(), session.slot, status))
    att.set_marks(db, aid, marks)
    issued = certificates.issue(db, aid, dt.date(2018, 10, 2))
    activity_report.save_texts(db, aid, {"latar_belakang": TYPED_BACKGROUND,
                                         "hasil": TYPED_RESULT})
    for number, caption in enumerate(CAPTIONS):
        activity_report.add_photo(db, aid, _photo(tmp_path / f"foto{number}.jpg",
                                                  colour=(60 * number, 120, 60)), caption)
    return db, aid, people, sessions, issued


def _pdf(db, aid, path, **kwargs):
    print_activity_report(db, aid, path, sign_off=SignOff(day=SIGN_DAY), **kwargs)
    return PdfReader(path)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_pdf_reads_back_as_the_report(workshop, tmp_path):
    db, aid, people, sessions, issued = workshop
    reader = _pdf(db, aid, tmp_path / "laporan.pdf")
    pages = [page.extract_text() for page in reader.pages]
    whole = _flat("\n".join(pages))
    cover = _flat(pages[0])
    assert "LAPORAN KEGIATAN" in cover and "WORKSHOP PENGUATAN PEMBELAJARAN" in cover
    assert "1 s.d. 2 Oktober 2018" in cover and "DINAS PENDIDIKAN" in cover and "2018" in cover
    order = [whole.index(h) for h in ("KATA PENGANTAR", "BAB I PENDAHULUAN",
                                      "BAB II PELAKSANAAN KEGIATAN", "BAB III HASIL KEGIATAN",
                                      "BAB IV RENCANA TINDAK LANJUT", "BAB V PENUTUP",
                                      "LAMPIRAN 1", "LAMPIRAN 2", "LAMPIRAN 3")]
    assert order == sorted(order)
    assert _flat(TYPED_BACKGROUND) in whole  # escaped, printed as typed
    assert "Sebanyak dua puluh RPP telah ditelaah bersama." in whole
    # the day summary: the break is left out, the JP summed
    assert "Ishoma" not in whole and "Jumlah 10" in whole
    # participants per tier, as the database has them
    tiers = Counter(p["tier_label"] for p in people)
    assert f"diikuti oleh {len(people)} peserta, terdiri atas {tiers['Mitra 1']} Mitra 1 dan " \
           f"{tiers['Mitra 2']} Mitra 2" in whole
    regions = Counter(p["region"] for p in people)
    for region, count in regions.items():
        assert re.search(rf"{region} (\d+ ){{2}}{count}\b", whole), region
    # attendance per session, counted by hand from the marks set above (24 participants)
    assert len(people) == 24
    assert "Pembukaan 24 0 0 0 0 100%" in whole
    assert "Praktik penyusunan RPP 22 1 0 1 0 91,7%" in whole
    assert "Penutupan 21 0 1 1 1 87,5%" in whole
    # per participant in Lampiran 1
    appendix = whole[whole.index("LAMPIRAN 1"):whole.index("LAMPIRAN 2")]
    assert appendix.count("3/3 100%") == 20 and appendix.count("2/3 66,7%") == 3
    assert appendix.count("1/3 33,3%") == 1
    # the certificates issued here, by number
    numbers = [row["number"] for row in certificates.register(db, activity_id=aid)]
    assert len(numbers) == len(issued) == 20
    listed = whole[whole.index("LAMPIRAN 2"):whole.index("LAMPIRAN 3")]
    assert all(number in listed for number in numbers)
    assert "untuk 20 peserta" in whole
    # photos: one page, three pictures with their captions
    photo_pages = [i for i, text in enumerate(pages) if "FOTO KEGIATAN" in text]
    assert len(photo_pages) == 1
    assert len(reader.pages[photo_pages[0]].images) == 3
    for number, caption in enumerate(CAPTIONS, 1):
        assert f"Foto {number}. {caption}" in _flat(pages[photo_pages[0]])
    # signed by the head of the office on the day chosen
    assert "Pekalongan, 5 Oktober 2018" in whole and "Drs. Haryono Wicaksono, M.Pd." in whole


def test_five_photos_take_two_pages(workshop, tmp_path):
    db, aid, *_ = workshop
    for number in range(2):
        activity_report.add_photo(db, aid, _photo(tmp_path / f"extra{number}.png", fmt="PNG",
                                                  colour=(250, 40 * number, 0)))
    reader = _pdf(db, aid, tmp_path / "laporan.pdf", paper="a4")
    pages = [p.extract_text() for p in reader.pages]
    photo_pages = [i for i, text in enumerate(pages) if "FOTO KEGIATAN" in text]
    assert [len(reader.pages[i].images) for i in photo_pages] == [4, 1]
    assert "Foto 5" in pages[photo_pages[1]]
    assert round(float(reader.pages[0].mediabox.height) / 72 * 25.4) == 297


def test_signature_never_alone_on_a_page(workshop, tmp_path):
    db, aid, *_ = workshop
    sentence = "Kegiatan ini berjalan dengan baik berkat dukungan semua pihak yang terlibat. "
    for count in range(28, 56, 3):  # the closing grows past a page end somewhere here
        closing = (sentence * count).strip() + "\nAkhir kata, kami ucapkan terima kasih."
        activity_report.save_texts(db, aid, {"penutup": closing})
        pages = [p.extract_text() for p in _pdf(db, aid, tmp_path / f"p{count}.pdf").pages]
        signed = [text for text in pages if "NIP 1966" in text and "Drs. Haryono" in text]
        assert len(signed) == 1
        assert "Akhir kata, kami ucapkan terima kasih." in signed[0], count


def test_committee_head_signs_with_the_head_knowing(workshop, tmp_path):
    db, aid, *_ = workshop
    activities.save_staff(db, aid, [activities.StaffMember(
        None, "panitia", "Budi Santoso, S.Pd.", position="Ketua Panitia",
        nip="197001011995031001")])
    whole = _flat("\n".join(p.extract_text() for p in _pdf(db, aid, tmp_path / "l.pdf").pages))
    assert "Mengetahui," in whole and "Ketua Panitia" in whole
    assert "Budi Santoso, S.Pd." in whole and "Drs. Haryono Wicaksono, M.Pd." in whole


def test_docx_reads_back(workshop, tmp_path):
    db, aid, people, _sessions, issued = workshop
    path = print_activity_report(db, aid, tmp_path / "laporan.docx",
                                 sign_off=SignOff(day=SIGN_DAY))
    doc = Document(path)
    texts = [p.text for p in doc.paragraphs]
    headings = [p.text.replace("\n", " ") for p in doc.paragraphs
                if p.style.name.startswith("Heading 1")]
    assert headings == ["KATA PENGANTAR", "BAB I PENDAHULUAN", "BAB II PELAKSANAAN KEGIATAN",
                        "BAB III HASIL KEGIATAN", "BAB IV RENCANA TINDAK LANJUT",
                        "BAB V PENUTUP", "LAMPIRAN 1 REKAPITULASI DAFTAR HADIR PESERTA",
                        "LAMPIRAN 2 SERTIFIKAT YANG DITERBITKAN", "LAMPIRAN 3 FOTO KEGIATAN"]
    assert "LAPORAN KEGIATAN" in texts and "WORKSHOP PENGUATAN PEMBELAJARAN" in texts
    assert TYPED_BACKGROUND in texts
    assert "1.\tSebanyak dua puluh RPP telah ditelaah bersama." in texts
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    sessions_table = next(t for t in tables if t[0][:2] == ["No", "Sesi"])
    assert [row[2:] for row in sessions_table[1:]] == [
        ["24", "0", "0", "0", "0", "100%"], ["22", "1", "0", "1", "0", "91,7%"],
        ["21", "0", "1", "1", "1", "87,5%"]]
    regions = next(t for t in tables if t[0][:3] == ["No", "Provinsi", "Kabupaten/Kota"])
    assert [cell.strip() for cell in regions[-1][1:]] == ["Jumlah", "", "8", "16", "24"]
    certs = next(t for t in tables if t[0][:2] == ["No", "Nomor Sertifikat"])
    assert [row[1] for row in certs[1:]] == [
        row["number"] for row in certificates.register(db, activity_id=aid)]
    assert len(certs) - 1 == len(issued)
    # a typed section prints plain; a default one is highlighted for the office to adjust
    runs = {run.text: run.font.highlight_color for p in doc.paragraphs for run in p.runs}
    assert runs[TYPED_BACKGROUND] is None
    default_goal = next(t for t in runs if t.startswith("Kegiatan ini bertujuan untuk"))
    assert runs[default_goal] is not None
    # three photos and the logo on the cover
    assert len(doc.inline_shapes) == len(CAPTIONS) + 1
    assert "Foto 2. Diskusi RPP di SMP Negeri 1" in [
        p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]


# ---------------------------------------------------------------- texts

def test_texts_typed_or_default(workshop):
    db, aid, *_ = workshop
    texts = activity_report.load_texts(db, aid)
    assert list(texts) == list(activity_report.SECTIONS)
    assert texts["latar_belakang"] == TYPED_BACKGROUND
    assert activity_report.typed_sections(db, aid) == {"latar_belakang", "hasil"}
    assert "Workshop Penguatan Pembelajaran" in texts["penutup"]
    assert "Kemitraan Guru SMP - OJL Kota Pekalongan Tahun 2018" in texts["dasar"]
    with pytest.raises(ValidationError, match="Tujuan"):
        activity_report.save_texts(db, aid, {"tujuan": "  "})
    # saving the default unchanged keeps it a default
    activity_report.save_texts(db, aid, {"tujuan": texts["tujuan"]})
    assert "tujuan" not in activity_report.typed_sections(db, aid)
    assert activity_report.reset_text(db, aid, "hasil") == activity_report.load_texts(db, aid)["hasil"]
    assert activity_report.typed_sections(db, aid) == {"latar_belakang"}


def test_an_emptied_kata_pengantar_is_left_out(workshop, tmp_path):
    db, aid, *_ = workshop
    activity_report.save_texts(db, aid, {"kata_pengantar": ""})
    whole = "\n".join(p.extract_text() for p in _pdf(db, aid, tmp_path / "l.pdf").pages)
    assert "KATA PENGANTAR" not in whole and "BAB I" in whole


# ---------------------------------------------------------------- photos

def _count(db, aid):
    return db.execute("SELECT count(*) FROM activity_photos WHERE activity_id = ?",
                      [aid]).fetchone()[0]


def test_a_damaged_or_foreign_file_is_refused_and_nothing_stored(workshop, tmp_path):
    db, aid, *_ = workshop
    before = _count(db, aid)
    good = _photo(tmp_path / "utuh.jpg").read_bytes()
    (tmp_path / "rusak.jpg").write_bytes(good[:len(good) // 3])
    (tmp_path / "catatan.jpg").write_text("bukan foto")
    gif = tmp_path / "animasi.gif"
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    for name in ("rusak.jpg", "catatan.jpg", "animasi.gif"):
        with pytest.raises(InputFileError, match=re.escape(name)) as error:
            activity_report.add_photo(db, aid, tmp_path / name)
        assert "tidak ada yang disimpan" in str(error.value)
    assert _count(db, aid) == before


def test_a_decompression_bomb_is_refused_before_it_is_opened(workshop, tmp_path):
    db, aid, *_ = workshop
    buffer = io.BytesIO()
    Image.new("L", (8, 8)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    header = b"IHDR" + (30000).to_bytes(4, "big") + (30000).to_bytes(4, "big") + bytes(data[24:29])
    data[12:29] = header
    data[29:33] = zlib.crc32(header).to_bytes(4, "big")
    (tmp_path / "bom.png").write_bytes(bytes(data))
    with pytest.raises(InputFileError, match=r"bom\.png.*terlalu besar"):
        activity_report.add_photo(db, aid, tmp_path / "bom.png")
    assert _count(db, aid) == 3


def test_a_camera_photo_is_turned_upright_and_made_small(workshop, tmp_path):
    db, aid, *_ = workshop
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was held upright: turn 90 degrees
    path = _photo(tmp_path / "kamera.jpg", size=(6000, 4000), exif=exif.tobytes())
    pid = activity_report.add_photo(db, aid, path, "  Observasi   kelas ")
    photo = next(p for p in activity_report.list_photos(db, aid) if p.id == pid)
    assert (photo.width, photo.height) == (1067, 1600)
    assert len(photo.jpeg) < 400_000 and photo.caption == "Observasi kelas"
    stored = Image.open(io.BytesIO(photo.jpeg))
    assert stored.format == "JPEG" and stored.size == (1067, 1600)
    # the blue corner mark (little red in it) ends up top right once turned
    assert stored.getpixel((1060, 5))[0] < 60 and stored.getpixel((5, 5))[0] > 80


def test_photos_are_ordered_captioned_and_removed(workshop):
    db, aid, *_ = workshop
    first, second, third = activity_report.list_photos(db, aid)
    assert activity_report.move_photo(db, third.id, -5) == 1
    assert [p.id for p in activity_report.list_photos(db, aid)] == [third.id, first.id, second.id]
    activity_report.set_caption(db, first.id, "Sambutan")
    activity_report.remove_photo(db, second.id)
    assert [(p.id, p.caption) for p in activity_report.list_photos(db, aid)] == [
        (third.id, CAPTIONS[2]), (first.id, "Sambutan")]


# ---------------------------------------------------------------- the command

def test_print_report_command(workshop, tmp_path, capsys):
    db, aid, *_ = workshop
    path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    out = tmp_path / "laporan.docx"
    code = cli.main(["--db", path, "print", "report", "--activity", str(aid), "--out", str(out),
                     "--paper", "f4", "--date", "2018-10-05", "--place", "Batang"])
    captured = capsys.readouterr()
    assert code == 0 and out.exists() and "Laporan kegiatan ditulis" in captured.out
    assert "Dasar Pelaksanaan" in captured.err and "Latar Belakang" not in captured.err
    assert "Batang, 5 Oktober 2018" in [p.text for t in Document(out).tables
                                        for c in t.rows[0].cells for p in c.paragraphs]


def test_print_report_help(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["print", "report", "--help"])
    assert done.value.code == 0 and "--activity" in capsys.readouterr().out


def test_an_activity_without_participants_writes_nothing(workshop, tmp_path, capsys):
    db, aid, *_ = workshop
    activities.set_activity_participants(db, aid, [])
    path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    out = tmp_path / "kosong.pdf"
    code = cli.main(["--db", path, "print", "report", "--activity", str(aid), "--out", str(out)])
    assert code == 1 and not out.exists()
    assert "belum mempunyai peserta" in capsys.readouterr().err
