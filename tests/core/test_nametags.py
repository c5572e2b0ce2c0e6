"""Name tags and table tents read back from the PDF: 8 tags a page, a very long name whole,
each name twice on a tent, the choice of who, and nobody refused."""

import re

import pytest
from pypdf import PdfReader

from kemitraan_desktop import activities, cli
from kemitraan_desktop.activities import StaffMember
from kemitraan_desktop.documents.frame import SANS_BOLD
from kemitraan_desktop.documents.nametags import fit_name, print_nametags
from kemitraan_desktop.errors import ValidationError

OJL = 1  # 24 participants


def page_texts(path):
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_eight_tags_a_page(demo_copy, tmp_path):
    rows = activities.activity_participants(demo_copy, OJL)
    out = print_nametags(demo_copy, OJL, tmp_path / "tags.pdf", who="peserta")
    texts = page_texts(out)
    assert len(texts) == 3
    for index, text in enumerate(texts):
        on_page = rows[index * 8:(index + 1) * 8]
        assert [r["name"] for r in on_page if r["name"] in text] == [r["name"] for r in on_page]
        assert text.count("On the Job Learning 1 Kota Pekalongan") == 8
        assert text.count("Guru Mitra") == 8


def test_a_120_letter_name_is_whole_on_its_tag(demo_copy, tmp_path):
    long_name = ("Dr. Hj. Raden Ajeng Siti Nurhayati Kusumawardhani Prawiranegara "
                 "Setyaningsih Hadiningrat Wijayakusuma Sastrowardoyo, S.Pd., M.Pd.")
    assert len(long_name) >= 120
    person = activities.activity_participants(demo_copy, OJL)[0]
    demo_copy.execute("UPDATE people SET full_name = ? WHERE id = ?",
                      [long_name, person["person_id"]])
    out = print_nametags(demo_copy, OJL, tmp_path / "tags.pdf", who="peserta")
    first = page_texts(out)[0]
    for word in long_name.split():
        assert word in first
    size, lines = fit_name(long_name, SANS_BOLD, 250, 120, 20, 8)
    assert " ".join(lines) == long_name and size >= 8


def test_tents_print_each_name_twice(demo_copy, tmp_path):
    activities.save_staff(demo_copy, OJL, [
        StaffMember(None, "narasumber", "Prof. Dr. Siti Aminah, M.Pd.", "Dosen", "UNNES"),
        StaffMember(None, "panitia", "Budi Santoso, S.Pd.", "Sekretaris", "Dinas")])
    out = print_nametags(demo_copy, OJL, tmp_path / "tents.pdf", tents=True, who="narasumber")
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height  # landscape, folded in half
    text = reader.pages[0].extract_text()
    assert text.count("Prof. Dr. Siti Aminah, M.Pd.") == 2 and "Budi Santoso" not in text
    assert text.count("Narasumber") == 2 and "lipat di sini" in text


def test_nobody_is_refused_and_nothing_written(demo_copy, tmp_path, capsys):
    out = tmp_path / "tags.pdf"
    with pytest.raises(ValidationError, match="belum mempunyai narasumber"):
        print_nametags(demo_copy, OJL, out, who="narasumber")
    code = cli.main(["--db", str(tmp_path / "kemitraan.db"), "print", "nametags", "--activity",
                     str(OJL), "--out", str(out), "--who", "panitia", "--tents"])
    assert code == 1 and not out.exists()
    assert "belum mempunyai panitia" in capsys.readouterr().err


def test_cli_f4_and_help(demo_copy, tmp_path, capsys):
    out = tmp_path / "tags.pdf"
    assert cli.main(["--db", str(tmp_path / "kemitraan.db"), "print", "nametags",
                     "--activity", str(OJL), "--out", str(out), "--paper", "f4"]) == 0
    page = PdfReader(out).pages[0]
    assert round(float(page.mediabox.height) * 25.4 / 72) == 330
    with pytest.raises(SystemExit):
        cli.main(["print", "nametags", "--help"])
    assert re.search(r"--tents", capsys.readouterr().out)
