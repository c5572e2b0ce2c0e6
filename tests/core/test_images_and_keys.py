"""Third held-out trial, images and keys: names of invisible 'letters', pictures that declare
more pixels than can be opened safely (photos, the certificate background, the office
logo), an evidence document over 10 MB, and another office's key file as Windows saves it.
Each hostile file is built here, small on disk; each is refused in Indonesian, naming the
file and its size, and changes nothing."""

from __future__ import annotations

import base64
import hashlib
import io
import struct
import zlib

import pytest
from helpers import HEADER, good_rows
from PIL import Image

from kemitraan_desktop import activity_report, certificates, office, people
from kemitraan_desktop import indonesia as ind
from kemitraan_desktop.errors import KemitraanError, ValidationError
from kemitraan_desktop.mentoring.evidence import read_evidence
from kemitraan_desktop.spreadsheets import import_roster


def declared_png(width: int, height: int) -> bytes:
    """A PNG whose header declares width x height but holds ten rows (a few hundred bytes)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = zlib.compress(b"\0" * (1 + width) * 10, 9)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", rows) + chunk(b"IEND", b""))


def image_bytes(size: tuple[int, int], kind: str = "PNG", mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (200, 30, 30) if mode == "RGB" else (0, 0, 255, 128)).save(out, kind)
    return out.getvalue()


def settings(db) -> list[tuple]:
    return db.execute("SELECT key, value FROM settings ORDER BY key").fetchall()


# ---------------------------------------------------------------- invisible letters

@pytest.mark.parametrize("name", ["\u3164\u3164", "\u115f\u1160", "\uffa0", "\u2800\u2800",
                                  "\u3000\u3164", "\u202e\u2066\u3164\u2069"])
def test_a_name_of_invisible_letters_is_no_name(name):
    with pytest.raises(ValueError, match="tidak terlihat"):
        people.clean_name(name)


def test_invisible_marks_inside_a_name_are_taken_out_and_blanks_read_as_spaces():
    assert people.clean_name("Budi\u061c Sant\u034foso") == "Budi Santoso"
    assert people.clean_name("Budi\u2800Santoso") == "Budi Santoso"
    assert people.clean_name("Budi\u3000Santoso\u202c") == "Budi Santoso"
    assert ind.has_visible_letter("Budi") and not ind.has_visible_letter("\u3164")


def test_a_roster_row_named_with_hangul_fillers_is_refused(db, make_xlsx):
    rows = good_rows()
    rows[1][0] = "\u3164\u3164"
    rows[2][0] = "Yohanes\u061c Nd\u034fun, S.Pd."
    report = import_roster(db, make_xlsx(rows, HEADER))
    assert not report.written and people.count_people(db) == 0
    assert [p.row for p in report.problems] == [3]
    report = import_roster(db, make_xlsx([good_rows()[0], rows[2]], HEADER))
    assert report.written
    assert "Yohanes Ndun, S.Pd." in [p["name"] for p in people.list_people(db)]


# ---------------------------------------------------------------- photos

def test_a_photo_declaring_more_pixels_than_a_png_may_have_is_refused_with_its_size(demo_copy,
                                                                                  tmp_path):
    path = tmp_path / "layar.png"
    path.write_bytes(declared_png(7000, 7000))  # 49 M pixels: under the JPEG limit, over PNG's
    with pytest.raises(KemitraanError) as caught:
        activity_report.add_photo(demo_copy, 2, path, "uji")
    assert "layar.png" in caught.value.message and "7000 x 7000 piksel" in caught.value.message
    assert activity_report.list_photos(demo_copy, 2) == []


def test_pillows_own_bomb_limit_still_says_the_size(demo_copy, tmp_path):
    path = tmp_path / "bom.png"
    path.write_bytes(declared_png(60000, 60000))
    with pytest.raises(KemitraanError, match="60000 x 60000 piksel"):
        activity_report.add_photo(demo_copy, 2, path)
    assert activity_report.list_photos(demo_copy, 2) == []


# ---------------------------------------------------------------- certificate background

def test_a_huge_background_is_refused_for_its_size_not_as_damaged(db):
    with pytest.raises(ValidationError) as caught:
        certificates.check_background(declared_png(60000, 60000), "latar.png")
    assert "terlalu besar" in caught.value.message and "60000 x 60000 piksel" in caught.value.message
    assert "rusak" not in caught.value.message
    with pytest.raises(ValidationError, match="12000 x 12000 piksel"):
        certificates.save_template(db, certificates.Template(background=declared_png(12000, 12000)))
    assert certificates.load_template(db) == certificates.Template()


def test_a_background_larger_than_printing_needs_is_kept_at_print_size(db):
    certificates.save_template(db, certificates.Template(background=image_bytes((6000, 4000),
                                                                                "JPEG")))
    with Image.open(io.BytesIO(certificates.load_template(db).background)) as kept:
        assert kept.size == (3900, 2600) and kept.format == "JPEG"


# ---------------------------------------------------------------- office logo

def profile_with(db, logo: bytes) -> office.OfficeProfile:
    profile = office.load_profile(db)
    profile.government, profile.name, profile.logo = "PEMERINTAH KOTA PEKALONGAN", "DINAS", logo
    return profile


def test_a_logo_declaring_60000_pixels_square_is_refused_at_save(db):
    before = settings(db)
    with pytest.raises(ValidationError) as caught:
        office.save_profile(db, profile_with(db, declared_png(60000, 60000)))
    assert "60000 x 60000 piksel" in caught.value.message
    assert dict(caught.value.problems).keys() == {"logo"}
    assert settings(db) == before


def test_a_large_logo_is_kept_small_and_keeps_its_transparency(db):
    office.save_profile(db, profile_with(db, image_bytes((3000, 1500), "PNG", "RGBA")))
    with Image.open(io.BytesIO(office.load_profile(db).logo)) as kept:
        assert kept.size == (1000, 500) and kept.mode == "RGBA"


def test_a_stored_logo_that_cannot_be_drawn_stops_the_document_with_a_message(demo_copy,
                                                                              tmp_path, capsys):
    from kemitraan_desktop import cli
    demo_copy.execute("UPDATE settings SET value = ? WHERE key = 'office.logo'",
                      [base64.b64encode(declared_png(60000, 60000)).decode()])
    demo_copy.conn.commit()
    out = tmp_path / "pasangan.pdf"
    db_file = demo_copy.execute("PRAGMA database_list").fetchone()[2]
    assert cli.main(["--db", db_file, "print", "pairs", "--program", "1", "--out", str(out)]) == 1
    assert "Logo dinas" in capsys.readouterr().err and not out.exists()


# ---------------------------------------------------------------- evidence documents

def test_an_evidence_document_over_10_mb_is_refused_for_its_size_first(tmp_path):
    path = tmp_path / "banyak.docx"
    with open(path, "wb") as stream:  # sparse: a zip's start, then 11 MB of nothing
        stream.write(b"PK\x03\x04")
        stream.truncate(11_000_000)
    with pytest.raises(ValidationError) as caught:
        read_evidence([path])
    assert "banyak.docx" in caught.value.message and "paling besar 10 MB" in caught.value.message


# ---------------------------------------------------------------- another office's key

def foreign_key() -> str:
    public = bytes(range(32))
    return f"{hashlib.sha256(public).hexdigest()[:8].upper()}:{base64.b64encode(public).decode()}"


def import_key(db_file, path, office_name, capsys) -> tuple[int, str]:
    from kemitraan_desktop import cli
    code = cli.main(["--db", str(db_file), "certificate", "key", "--import", str(path),
                     "--office", office_name])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le"])
def test_a_key_saved_by_notepad_is_imported(db, db_path, tmp_path, capsys, encoding):
    path = tmp_path / "kunci.txt"
    path.write_text(f"{foreign_key()}\r\n# Dinas Pendidikan Kota Mitra\r\n", encoding=encoding)
    assert import_key(db_path, path, "Dinas Mitra", capsys) == (0, "")
    assert certificates.known_keys(db) == [(foreign_key().split(":")[0], "Dinas Mitra")]


def test_a_huge_key_file_is_refused_without_reading_it(db, db_path, tmp_path, capsys):
    path = tmp_path / "kunci.txt"
    with open(path, "wb") as stream:  # sparse: 200 MB of which the key is the first line
        stream.write(foreign_key().encode() + b"\n")
        stream.truncate(200_000_000)
    code, err = import_key(db_path, path, "Dinas Mitra", capsys)
    assert code == 1 and "bukan berkas kunci publik" in err and "kunci.txt" in err
    assert certificates.known_keys(db) == []


def test_an_office_name_of_zero_width_spaces_does_not_replace_a_trusted_name(db, db_path,
                                                                             tmp_path, capsys):
    path = tmp_path / "kunci.txt"
    path.write_text(foreign_key() + "\n")
    assert import_key(db_path, path, "Dinas Mitra", capsys)[0] == 0
    code, err = import_key(db_path, path, "\u200b\u200b\u3164", capsys)
    assert code != 0 and "tidak terlihat" in err
    assert certificates.known_keys(db) == [(foreign_key().split(":")[0], "Dinas Mitra")]
    with pytest.raises(ValidationError, match="tidak terlihat"):
        certificates.import_public_key(db, foreign_key(), "\ufeff\u2060")
