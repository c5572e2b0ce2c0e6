"""The certificate PDF as the office sets it up: long names, the background design, blanko
mode on pre-printed paper, the printer offset and its test page, the issue preview."""

import datetime as dt
import re
import struct
import zlib

import pytest
from pypdf import PdfReader

from kemitraan_desktop import certificates as cert
from kemitraan_desktop.documents import certificate as doc
from kemitraan_desktop.errors import ValidationError

ISSUED = dt.date(2018, 9, 16)


def png(width=400, height=300) -> bytes:
    """A small real PNG (solid light blue), written without any imaging library."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\xc8\xdc\xf0" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.fixture
def issued(db):
    from kemitraan_desktop import demo
    demo.load_demo(db)  # the Pekalongan OJL with its 23 certificates
    return db


def texts(page) -> list[tuple[str, float, float, float]]:
    """(text, x, y, font size) of every string drawn on the page."""
    found = []

    def visit(text, cm, tm, _font, size):
        if text.strip():
            found.append((text.strip(), tm[4] + cm[4], tm[5] + cm[5], size))
    page.extract_text(visitor_text=visit)
    return found


def where(page, start: str) -> tuple[float, float, float]:
    return next((x, y, s) for t, x, y, s in texts(page) if t.startswith(start))


LONG_NAME = ("Prof. Dr. Hj. Raden Ajeng Siti Nurhaliza Kusumawardani Puspitaningrum Wicaksono "
             "Hadiningrat Sastrowardoyo Mangkunegoro, S.Pd., M.Pd., M.Si.")  # 120 letters
LONG_SCHOOL = ("Sekolah Menengah Pertama Negeri 14 Satu Atap Kecamatan Pekalongan Utara Kota "
               "Pekalongan Provinsi Jawa Tengah Wilayah Pantai Utara Jawa Bagian Tengah")


def reissued_with_long_name(db) -> str:
    """The first certificate voided and issued again after the teacher's name and school
    were corrected to very long ones: the new certificate's number."""
    first = cert.register(db)[0]
    person, school = db.execute(
        "SELECT p.id, p.school_id FROM certificates c JOIN participants t ON t.id = c.participant_id "
        "JOIN people p ON p.id = t.person_id WHERE c.number = ?", [first["number"]]).fetchone()
    with db.atomic():
        db.execute("UPDATE people SET full_name = ? WHERE id = ?", [LONG_NAME, person])
        db.execute("UPDATE schools SET name = ? WHERE id = ?", [LONG_SCHOOL, school])
    cert.void(db, first["number"], "nama dan sekolah diperbaiki")
    new_id = cert.reissue(db, first["number"], ISSUED)
    return next(r["number"] for r in cert.register(db) if r["id"] == new_id)


def test_a_long_name_wraps_onto_two_lines_and_stays_the_largest_text(issued, tmp_path):
    number = reissued_with_long_name(issued)
    out = doc.print_certificates(issued, 1, tmp_path / "s.pdf", numbers=[number])
    page = PdfReader(out).pages[0]
    assert LONG_NAME in " ".join(page.extract_text().split())  # every word, nothing cut
    drawn = texts(page)
    name_parts = [(t, y, s) for t, _x, y, s in drawn if t in LONG_NAME and len(t) > 30]
    assert len(name_parts) == 2 and name_parts[0][1] > name_parts[1][1]  # two lines, in order
    name_size = name_parts[0][2]
    others = [s for t, _x, _y, s in drawn if t not in LONG_NAME and not t.startswith("SERTIFIKAT")]
    assert name_size > max(others)  # larger than "diberikan kepada", the NIP and school lines
    assert name_size >= 18
    _x, _y, nip_size = where(page, "NIP 1")
    assert name_size > nip_size
    school_parts = [s for t, _x, _y, s in drawn if t in LONG_SCHOOL + ", Kota Pekalongan" and len(t) > 30]
    assert len(school_parts) == 2 and min(school_parts) >= 11  # wrapped, not shrunk to 7.5 pt
    text = " ".join(page.extract_text().split())
    assert "telah mengikuti kegiatan On the Job Learning 1" in text
    assert "sebagai Guru Mitra 1 mata pelajaran" in text  # the tier as a role, with "Guru"


def scanned(path, dpi: int = 100):
    """The first page as a 100-dpi greyscale scan (rendered by Qt's PDF engine, slightly
    blurred and saved as JPEG, as an office scanner gives it): the QR codes read from it."""
    import io

    import zxingcpp
    from PIL import Image, ImageFilter
    from PySide6.QtCore import QBuffer, QSize
    from PySide6.QtPdf import QPdfDocument

    pdf = QPdfDocument()
    pdf.load(str(path))
    points = pdf.pagePointSize(0)
    image = pdf.render(0, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi)))
    buffer = QBuffer()
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    page = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")
    paper = Image.new("RGBA", page.size, "white")
    paper.alpha_composite(page)
    scan = paper.convert("L").filter(ImageFilter.GaussianBlur(0.8))
    jpeg = io.BytesIO()
    scan.save(jpeg, "JPEG", quality=75)
    return [r.text for r in zxingcpp.read_barcodes(Image.open(jpeg))]


def test_the_qr_reads_as_words_to_a_phone_and_still_verifies_offline(issued, tmp_path, qapp):
    number = reissued_with_long_name(issued)
    out = doc.print_certificates(issued, 1, tmp_path / "s.pdf", numbers=[number])
    codes = scanned(out)  # a 100-dpi scan of a certificate with a 120-letter name
    assert len(codes) == 1
    lines = codes[0].splitlines()
    assert lines[0] == f"Sertifikat No. {number}"
    assert lines[1] == LONG_NAME
    assert "Dinas Pendidikan Kota Pekalongan" in lines
    assert any(line.startswith("Cek keaslian") for line in lines)
    assert cert.verify(issued, codes[0]).ok  # what the phone read is what the app checks
    forged = codes[0].replace(LONG_NAME, "Orang Lain, S.Pd.")
    assert cert.verify(issued, forged).status == "invalid"


def test_an_older_one_line_qr_text_still_verifies(issued):
    row = cert.register(issued)[0]
    assert "|" in row["verification"] and cert.verify(issued, row["verification"]).ok


def test_the_background_design_is_stored_once_and_replaces_the_border(issued, tmp_path):
    design = png()
    cert.save_template(issued, cert.Template(background=design, letterhead=False))
    assert cert.load_template(issued).background == design
    out = doc.print_certificates(issued, 1, tmp_path / "s.pdf")
    reader = PdfReader(out)
    assert len(reader.pages) == 23
    assert all(len(page.images) == 1 for page in reader.pages)  # every page shows it ...
    assert out.read_bytes().count(b"/Subtype /Image") == 1  # ... embedded once
    front = " ".join(reader.pages[0].extract_text().split())
    assert "SERTIFIKAT" in front and "DINAS PENDIDIKAN" not in front  # the design has the kop


def test_a_bad_background_is_refused_and_nothing_changes(issued):
    with pytest.raises(ValidationError, match="kosong"):
        cert.check_background(b"", "latar.png")
    for data, message in ((b"GIF89a" + b"\0" * 100, "bukan gambar PNG atau JPG"),
                          (png()[:60], "rusak"), (png(50, 50), "terlalu kecil")):
        with pytest.raises(ValidationError, match=message):
            cert.save_template(issued, cert.Template(background=data))
    assert cert.load_template(issued) == cert.Template()


def test_blanko_prints_only_the_variable_text_where_the_full_certificate_has_it(issued, tmp_path):
    first = cert.register(issued)[0]
    full = PdfReader(doc.print_certificates(issued, 1, tmp_path / "full.pdf")).pages[0]  # with kop
    assert "DINAS PENDIDIKAN" in full.extract_text()
    blanko = PdfReader(doc.print_certificates(issued, 1, tmp_path / "b.pdf", blanko=True)).pages[0]
    text = " ".join(blanko.extract_text().split())
    assert first["number"] in text and first["name"] in text and "sebanyak 33 JP" in text
    assert "SERTIFIKAT" not in text and "diberikan kepada" not in text
    assert not blanko.images
    assert where(blanko, first["name"]) == where(full, first["name"])
    assert where(blanko, "Nomor:") == where(full, "Nomor:")


def test_the_printer_offset_moves_everything_by_its_millimetres(issued, tmp_path):
    cert.set_printer_offset(issued, "EPSON L3110", -3, 2)
    assert cert.printer_offsets(issued) == {"EPSON L3110": (-3.0, 2.0)}
    plain = PdfReader(doc.print_certificates(issued, 1, tmp_path / "a.pdf")).pages[0]
    moved = PdfReader(doc.print_certificates(issued, 1, tmp_path / "b.pdf",
                                             printer="EPSON L3110")).pages[0]
    (x0, y0, _), (x1, y1, _) = where(plain, "Nomor:"), where(moved, "Nomor:")
    mm = 72 / 25.4
    assert x1 - x0 == pytest.approx(-3 * mm, abs=0.01) and y1 - y0 == pytest.approx(-2 * mm, abs=0.01)
    with pytest.raises(ValidationError, match="terlalu besar"):
        cert.set_printer_offset(issued, "EPSON L3110", 45, 0)
    assert cert.printer_offset(issued, "EPSON L3110") == (-3.0, 2.0)


def test_the_calibration_page_and_the_offset_from_measurements(issued, tmp_path):
    assert cert.offset_from_measurement(23, 18.5) == (-3.0, 1.5)
    out = doc.print_calibration(issued, tmp_path / "uji.pdf", paper="f4", offset=(-3, 1.5),
                                printer="EPSON L3110")
    page = PdfReader(out).pages[0]
    text = " ".join(page.extract_text().split())
    assert "HALAMAN UJI PRINTER SERTIFIKAT: EPSON L3110" in text
    assert "Seharusnya keduanya 20 mm" in text and "dengan geser: 3 mm ke kiri, 1,5 mm ke bawah" in text
    assert doc.SAMPLE["name"] in text  # the blanko sample is fictitious, never a real certificate
    assert all(row["name"] not in text for row in cert.register(issued))
    assert not any(obj for obj in page.images)
    width, height = (round(float(v) / 72 * 25.4) for v in page.mediabox[2:])
    assert (width, height) == (330, 215)  # F4 landscape


def test_the_issue_preview_shows_the_numbers_before_anything_is_written(issued, tmp_path):
    issued.execute("DELETE FROM certificates")
    issued.execute("DELETE FROM certificate_counters")
    plan = cert.plan_issue(issued, 1, ISSUED)
    out = doc.print_plan(issued, plan, tmp_path / "p.pdf")
    reader = PdfReader(out)
    assert len(reader.pages) == len(plan.planned) == 23
    assert "421.3/001/DINDIK/IX/2018" in reader.pages[0].extract_text()
    assert cert.register(issued) == []
    cert.issue(issued, 1, ISSUED)  # the real ones match the preview
    assert [r["number"] for r in cert.register(issued)] == [p.number for p in plan.planned]


def test_reprinting_chosen_certificates_and_safe_zip_names(issued, tmp_path):
    rows = cert.register(issued)
    out = doc.print_certificates(issued, 1, tmp_path / "two.pdf",
                                 numbers=[rows[2]["number"], rows[5]["number"]])
    reader = PdfReader(out)
    assert len(reader.pages) == 2 and rows[2]["name"] in reader.pages[0].extract_text()
    assert doc.zip_name({"number": "421.3/001/DINDIK/IX/2018", "name": 'Siti "Ami" <Aminah>, S.Pd.'}) \
        == "421.3-001-DINDIK-IX-2018_Siti -Ami- -Aminah-, S.Pd.pdf"
    cert.void(issued, rows[2]["number"], "salah nama")
    with pytest.raises(Exception, match="dibatalkan"):
        doc.print_certificates(issued, 1, tmp_path / "x.pdf", numbers=[rows[2]["number"]])


def test_cli_blanko_calibration_offset_and_keys(issued, db_path, tmp_path, capsys):
    from kemitraan_desktop import cli

    base = ["--db", str(db_path)]
    assert cli.main([*base, "print", "calibration", "--out", str(tmp_path / "uji.pdf"),
                     "--printer", "HP LaserJet"]) == 0
    assert "HALAMAN UJI" in PdfReader(tmp_path / "uji.pdf").pages[0].extract_text()
    assert cli.main([*base, "certificate", "offset", "--printer", "HP LaserJet", "--left", "22",
                     "--top", "19"]) == 0
    assert "-2 mm ke kanan, +1 mm ke bawah" in capsys.readouterr().out
    assert cert.printer_offset(issued, "HP LaserJet") == (-2.0, 1.0)
    assert cli.main([*base, "print", "certificates", "--activity", "1", "--out",
                     str(tmp_path / "b.pdf"), "--blanko", "--printer", "HP LaserJet"]) == 0
    text = PdfReader(tmp_path / "b.pdf").pages[0].extract_text()
    assert cert.register(issued)[0]["name"] in text and "SERTIFIKAT" not in text
    assert cli.main([*base, "print", "certificates", "--activity", "1", "--out",
                     str(tmp_path / "c.pdf"), "--offset", "99,0"]) != 0
    assert "terlalu besar" in capsys.readouterr().err
    assert cli.main([*base, "certificate", "key", "--out", str(tmp_path / "kunci.txt")]) == 0
    assert (tmp_path / "kunci.txt").read_text().strip() == cert.public_key_text(issued)
    foreign = tmp_path / "lain.txt"
    foreign.write_text("ABCD1234:bm90IGEga2V5\n")
    assert cli.main([*base, "certificate", "key", "--import", str(foreign), "--office", "X"]) != 0
    assert "rusak" in capsys.readouterr().err


def test_the_back_page_lists_the_frozen_structure_and_the_jp_earned(issued, tmp_path):
    from kemitraan_desktop import activities

    rows = cert.register(issued)
    short = next(r for r in rows if r["jp"] < 33)  # absent from a session: fewer JP
    out = doc.print_certificates(issued, 1, tmp_path / "b.pdf", back=True, numbers=[short["number"]])
    back = " ".join(PdfReader(out).pages[1].extract_text().split())
    assert "Jumlah 33 JP" in back
    assert f"JP yang diikuti pemegang sertifikat ini {short['jp']:g} JP" in back
    first_subject = short["structure"][0][0]
    assert first_subject in back
    # the rundown changes after issue: a reprint still shows the structure as issued
    items = activities.list_items(issued, 1)
    activities.save_items(issued, 1, [i for i in items if i.description != first_subject])
    out = doc.print_certificates(issued, 1, tmp_path / "c.pdf", back=True, numbers=[short["number"]])
    assert first_subject in PdfReader(out).pages[1].extract_text()


def test_a_replacement_names_the_number_it_replaces(issued, tmp_path):
    rows = cert.register(issued)
    cert.void(issued, rows[0]["number"], "salah gelar")
    new_id = cert.reissue(issued, rows[0]["number"], dt.date(2018, 9, 20))
    new = next(r for r in cert.register(issued) if r["id"] == new_id)
    out = doc.print_certificates(issued, 1, tmp_path / "r.pdf", numbers=[new["number"]])
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert f"pengganti sertifikat nomor {rows[0]['number']} yang dibatalkan" in text


def test_a_background_keeps_its_proportions(issued, tmp_path):
    cert.save_template(issued, cert.Template(background=png(600, 600)))
    out = doc.print_certificates(issued, 1, tmp_path / "s.pdf", numbers=[cert.register(issued)[0]["number"]])
    # the square design is drawn square (height x height), centred on the landscape page
    page = PdfReader(out).pages[0]
    width, height = float(page.mediabox[2]), float(page.mediabox[3])
    forms = [x.get_object() for x in page["/Resources"]["/XObject"].values()
             if x.get_object()["/Subtype"] == "/Form"]
    drawn = b"".join(form.get_data() for form in forms).decode("latin-1")
    scale = re.search(r"([\d.]+) 0 0 ([\d.]+) ([\d.]+) ([\d.]+) cm\s*/\S+ Do", drawn)
    assert scale, drawn
    w, h, x, _y = (float(v) for v in scale.groups())
    assert w == pytest.approx(h, abs=0.1) and h == pytest.approx(height, abs=0.1)
    assert x == pytest.approx((width - w) / 2, abs=0.1)


def test_a_program_named_program_is_not_written_program_program(issued, tmp_path):
    issued.execute("UPDATE certificates SET data = json_set(data, '$.program', ?, "
                   "'$.program_year', 2019) WHERE id = 1",
                   ["Program Kemitraan Guru SMP Kota Semarang Tahun 2019"])
    out = doc.print_certificates(issued, 1, tmp_path / "s.pdf",
                                 numbers=[cert.register(issued)[0]["number"]])
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "Program Kemitraan Guru SMP Kota Semarang Tahun 2019," in text
    assert "program Program" not in text and "Tahun 2019 Tahun" not in text
