"""Tata naskah dinas on every document: a signature never on a page of its own (the last
rows of the table above it come along), a heading never alone at the foot of a page."""

import pytest
from pypdf import PdfReader
from reportlab.lib.units import cm
from reportlab.platypus import Spacer

from kemitraan_desktop import demo
from kemitraan_desktop.documents import frame
from kemitraan_desktop.documents.pairs import print_pairs
from kemitraan_desktop.documents.register import print_register
from kemitraan_desktop.office import OfficeProfile, Signatory

HEAD = Signatory(position="Kepala Dinas Pendidikan Kota Contoh", name="Drs. Penanda Tangan, M.Pd.",
                 rank="Pembina Utama Muda, IV/c", nip="196605121990031004")
PROFILE = OfficeProfile(government="PEMERINTAH KOTA CONTOH", name="DINAS PENDIDIKAN",
                        city="Contoh", head=HEAD)


def pages(path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def rows_story(count: int, before: float = 0.0, closing: tuple[str, ...] = ()):
    def story(width):
        flowables = [Spacer(1, before)] if before else []
        rows = [[str(i), f"Peserta Nomor{i:03d}", "SMP Negeri 1 Contoh"] for i in range(1, count + 1)]
        flowables.append(frame.data_table(["No", "Nama", "Sekolah"], rows,
                                          frame.column_widths(width, 1, 6, 6)))
        flowables += [frame.para(line) for line in closing]
        flowables.append(frame.signature_block(HEAD, width=width, place_date="Contoh, 1 Mei 2026"))
        return flowables
    return story


@pytest.mark.parametrize("closing", [(), ("Semua peserta sudah mempunyai pembimbing.",)])
def test_the_signature_never_stands_alone_whatever_the_number_of_rows(tmp_path, closing):
    alone_before = 0
    for count in range(20, 60):  # every way the last page can fall (A4, ~35 rows a page)
        out = frame.build_document(tmp_path / f"t{count}.pdf", PROFILE, rows_story(count, closing=closing),
                                   title="Uji", paper="a4")
        text = pages(out)
        signed = [t for t in text if "Drs. Penanda Tangan" in t]
        assert len(signed) == 1
        assert f"Peserta Nomor{count:03d}" in signed[0]  # the last row is on the signature's page
        assert f"Peserta Nomor{count - 1:03d}" in signed[0]  # and the one before it
        if closing:
            assert closing[0] in signed[0]
        # a page that starts with the kept rows repeats the table's header
        if f"Peserta Nomor{count - 2:03d}" not in signed[0]:
            alone_before += 1
            assert signed[0].startswith("No Nama Sekolah")
    assert alone_before > 0  # some counts did push the last rows to a page of their own


def test_kept_rows_right_under_their_table_do_not_repeat_the_header(tmp_path):
    out = frame.build_document(tmp_path / "t.pdf", PROFILE, rows_story(5), title="Uji", paper="a4")
    text = pages(out)
    assert len(text) == 1 and text[0].count("No Nama Sekolah") == 1


def test_a_heading_goes_to_the_next_page_with_its_table(tmp_path):
    for before in (20.0, 21.0, 21.5, 22.0):  # the heading lands ever lower on page 1
        def story(width, before=before):
            rows = [[str(i), f"Baris{i:02d}"] for i in range(1, 30)]
            return [Spacer(1, before * cm), frame.para("B. Jadwal Kegiatan", frame.styles().section),
                    frame.data_table(["No", "Acara"], rows, frame.column_widths(width, 1, 8))]
        out = frame.build_document(tmp_path / "h.pdf", PROFILE, story, title="Uji", paper="a4")
        for text in pages(out):
            if "B. Jadwal Kegiatan" in text:
                assert "Baris01" in text and "Baris02" in text, before


@pytest.fixture
def demo_db(db):
    demo.load_demo(db)
    return db


def test_the_pairs_list_ends_with_rows_above_the_signature(demo_db, tmp_path):
    out = print_pairs(demo_db, 1, tmp_path / "p.pdf", paper="f4")
    last = pages(out)[-1]
    assert "Semua peserta sudah mempunyai pembimbing." in last
    assert "Drs. Haryono Wicaksono, M.Pd." in last
    assert "Mitra 2" in last  # table rows, not the closing line alone
    assert "NIP/NUPTK 1" not in " ".join(pages(out))  # an inti's ID says what it is
    assert "NIP 19" in pages(out)[0]


def test_the_certificate_register_never_leaves_its_signature_alone(demo_db, tmp_path):
    for paper in ("a4", "f4"):
        out = print_register(demo_db, 1, tmp_path / f"r-{paper}.pdf", paper=paper)
        last = pages(out)[-1]
        assert "Drs. Haryono Wicaksono, M.Pd." in last and "421.3/023/DINDIK/IX/2018" in last


def test_a_letter_keeps_its_closing_paragraph_with_the_signature(demo_db, tmp_path):
    from kemitraan_desktop import letters

    texts = pages(letters.print_letter(demo_db, 1, "undangan", tmp_path / "u.pdf", paper="a4"))
    signed = next(p for p in texts if "Drs. Haryono Wicaksono" in p)
    assert "Demikian undangan ini kami sampaikan" in signed  # never the signature alone
