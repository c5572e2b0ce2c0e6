"""The pairing list read back: the PDF (groups, labels, paper, page numbers, headers, escaping,
the signature) and the workbook (one row per pair, IDs as text), and the shared frame."""

import datetime as dt
import os
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from kemitraan_desktop import demo, pairing, people, programs
from kemitraan_desktop.documents import build_document, print_pairs
from kemitraan_desktop.documents.frame import SignOff, para, signature_block, title_block
from kemitraan_desktop.errors import Cancelled, StorageError, ValidationError
from kemitraan_desktop.indonesia import format_nip
from kemitraan_desktop.office import OfficeProfile, Signatory
from kemitraan_desktop.spreadsheets import export_pairs

SPECIAL_NAME = 'Dra. <Sri> & "Ani"'
HYPERLINK = '=HYPERLINK("http://x","SMP")'


def roster(db) -> list[int]:
    """The demo people's ids in the demo's order: 8 hosts (two per subject), then 16
    visitors, each followed by their 10 colleagues; visitor k teaches SUBJECTS[k % 4]."""
    demo.load_demo(db)
    return [row[0] for row in db.execute("SELECT id FROM people ORDER BY id")]


def visitor(ids, k):
    return ids[8 + 11 * k]


def colleagues(ids, k):
    return ids[9 + 11 * k: 19 + 11 * k]


def full_program(db, labels, *, leave_unpaired=3) -> int:
    """Everyone of the demo in three tiers, paired by the assistant but for a few."""
    ids = roster(db)
    pid = programs.create_program(db, "Kemitraan Guru SMP", 2018, "SMP", labels=labels,
                                  ratios="1:2:10")
    programs.add_participants(db, pid, ids[:8], 1)
    programs.add_participants(db, pid, [visitor(ids, k) for k in range(16)], 2)
    programs.add_participants(db, pid, [i for k in range(16) for i in colleagues(ids, k)], 3)
    proposal = pairing.propose(db, pid)
    assert not proposal.unplaced
    pairing.apply_proposal(db, pid, [(p.mentee_id, p.mentor_id)
                                     for p in proposal.pairs[:len(proposal.pairs) - leave_unpaired]])
    return pid


def pdf_pages(path) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(path)
    return reader, [page.extract_text() for page in reader.pages]


def identity(row) -> str:
    return format_nip(row["nip"]) if row["nip"] else row["nuptk"]


# ---------------------------------------------------------------- the PDF

def test_every_mentee_prints_once_under_its_own_mentor(db, tmp_path):
    pid = full_program(db, "Mitra 1, Mitra 2, Mitra 3")
    path = print_pairs(db, pid, tmp_path / "pasangan.pdf", sign_off=SignOff(day=dt.date(2018, 9, 12)))
    text = "\n".join(pdf_pages(path)[1])
    rows = programs.list_participants(db, pid)
    position = {}
    for row in rows:
        if row["tier"] == 1:  # heads its group's table, again on each page the group runs onto
            assert text.count(identity(row)) >= 1, row["name"]
        else:
            assert text.count(identity(row)) == 1, row["name"]
        position[row["id"]] = text.index(identity(row))
    unpaired_section = text.index("Belum berpasangan")
    latest = {}  # the last printed participant of each tier
    unpaired = 0
    for row in sorted(rows, key=lambda r: position[r["id"]]):
        if row["tier"] > 1 and row["mentor_id"] is None:
            unpaired += 1
            assert position[row["id"]] > unpaired_section, row["name"]
        elif row["tier"] > 1:
            assert latest[row["tier"] - 1] == row["mentor_id"], row["name"]
            assert position[row["id"]] < unpaired_section
        latest[row["tier"]] = row["id"]
    assert unpaired == 3
    assert not any(row["nik"] in text for row in rows)  # the NIK is private, never printed


def test_pdf_uses_the_programs_own_labels(db, tmp_path):
    pid = full_program(db, "Mitra 1, Mitra 2, Mitra 3")
    text = "\n".join(pdf_pages(print_pairs(db, pid, tmp_path / "2018.pdf"))[1])
    assert "Tingkat\n:\nMitra 1 - Mitra 2 - Mitra 3" in text
    assert "1 Mitra 1 membimbing paling banyak 2 Mitra 2" in text
    headings = set(re.findall(r"^(\d+)\. .+ \(Mitra 1\)$", text, re.M))
    assert headings == {str(n) for n in range(1, 9)}  # one group per Mitra 1
    assert len(re.findall(r"^ ?Mitra 3$", text, re.M)) == 160  # the role column
    assert not re.search(r"\b(Inti|Imbas)\b", text)


def test_pdf_with_inti_mitra_imbas_labels(db, tmp_path):
    pid = full_program(db, "Inti / Mitra / Imbas", leave_unpaired=0)
    text = "\n".join(pdf_pages(print_pairs(db, pid, tmp_path / "2019.pdf"))[1])
    assert set(re.findall(r"^(\d+)\. .+ \(Inti\)$", text, re.M)) == {str(n) for n in range(1, 9)}
    assert len(re.findall(r"^ ?Mitra$", text, re.M)) == 16
    assert len(re.findall(r"^ ?Imbas$", text, re.M)) == 160
    assert "Semua peserta sudah mempunyai pembimbing." in text
    assert not re.search(r"Mitra [123]", text)


def test_pdf_is_f4_from_the_profile_or_a4_when_asked(db, tmp_path):
    pid = full_program(db, "Inti, Mitra, Imbas")
    f4, _ = pdf_pages(print_pairs(db, pid, tmp_path / "f4.pdf"))
    a4, _ = pdf_pages(print_pairs(db, pid, tmp_path / "a4.pdf", paper="a4"))
    for page in f4.pages:
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) \
            == (609.4, 935.4)
    assert (round(float(a4.pages[0].mediabox.width), 1),
            round(float(a4.pages[0].mediabox.height), 1)) == (595.3, 841.9)
    with pytest.raises(ValidationError):
        print_pairs(db, pid, tmp_path / "letter.pdf", paper="letter")


def test_letterhead_page_numbers_and_signature(db, tmp_path):
    pid = full_program(db, "Inti, Mitra, Imbas")
    reader, pages = pdf_pages(print_pairs(db, pid, tmp_path / "p.pdf", sign_off=SignOff(day=dt.date(2018, 9, 12))))
    total = len(pages)
    assert total > 3
    for number, text in enumerate(pages, start=1):
        assert f"Halaman {number} dari {total}" in text
    assert pages[0].index("PEMERINTAH KOTA PEKALONGAN") < pages[0].index("DAFTAR PASANGAN")
    assert "PEMERINTAH KOTA PEKALONGAN" not in pages[1]  # the kop is on the first page only
    last = pages[-1]
    assert last.index("Pekalongan, 12 September 2018") < last.index(
        "Kepala Dinas Pendidikan Kota Pekalongan") < last.index("Drs. Haryono Wicaksono, M.Pd.") \
        < last.index("NIP 19660512 199003 1 004")
    fonts = {str(f.get_object()["/BaseFont"]) for f in reader.pages[1]["/Resources"]["/Font"].values()}
    assert fonts and all("LiberationSans" in name for name in fonts)


def test_table_header_repeats_when_a_group_runs_over_a_page(db, tmp_path):
    ids = roster(db)
    pid = programs.create_program(db, "Kemitraan SMA", 2017, "SMP", labels="Mitra / Imbas",
                                  ratios="1:50")
    host = programs.add_participants(db, pid, [ids[0]], 1).added[0]  # Bahasa Indonesia
    same_subject = [i for k in (0, 4, 8, 12) for i in [visitor(ids, k), *colleagues(ids, k)]]
    mentees = programs.add_participants(db, pid, same_subject, 2).added
    pairing.set_mentor(db, pid, mentees, host)
    _, pages = pdf_pages(print_pairs(db, pid, tmp_path / "p.pdf"))
    assert len(pages) >= 2
    rows = programs.list_participants(db, pid, tier=2)
    for text in pages[1:]:
        printed = [text.index(identity(r)) for r in rows if identity(r) in text]
        if printed:  # a page of the one long table: its header comes first
            assert text.count("Asal Sekolah") == 1
            assert text.index("NIP/NUPTK") < text.index("Kab/Kota") < min(printed)
    assert sum(1 for text in pages for r in rows if identity(r) in text) == 44
    host_name = programs.get_participant(db, host)["name"]
    for text in pages:  # the group's mentor heads each page of its table
        if any(identity(r) in text for r in rows):
            assert f"1. {host_name} (Mitra)" in text


def test_names_print_exactly_as_written(db, tmp_path):
    ids = roster(db)
    special = people.save_person(db, {
        "full_name": SPECIAL_NAME, "nuptk": "1234567890123456", "subject": "Bahasa Indonesia",
        "jenjang": "SMP", "school": "SMP Negeri 1 Oelamasi", "region": "Kabupaten Kupang"})
    pid = programs.create_program(db, "Uji <Nama> & \"Kutip\"", 2019, "SMP")
    host = programs.add_participants(db, pid, [ids[0]], 1).added[0]
    mentee = programs.add_participants(db, pid, [special], 2).added
    pairing.set_mentor(db, pid, mentee, host)
    text = "\n".join(pdf_pages(print_pairs(db, pid, tmp_path / "p.pdf"))[1])
    assert SPECIAL_NAME in text
    assert "1234567890123456" in text  # no NIP: the NUPTK stands in
    assert 'Uji <Nama> & "Kutip" Tahun 2019' in text


def test_empty_program_still_prints(db, tmp_path):
    demo.load_demo(db)
    pid = programs.create_program(db, "Kosong", 2020, "SMA")
    _, pages = pdf_pages(print_pairs(db, pid, tmp_path / "p.pdf"))
    assert "Program ini belum mempunyai peserta." in pages[0]
    assert "Halaman 1 dari 1" in pages[0]


def test_unwritable_destination_is_a_storage_error(db, tmp_path, monkeypatch):
    pid = full_program(db, "Inti, Mitra, Imbas")
    with pytest.raises(StorageError, match="tidak ada"):
        print_pairs(db, pid, tmp_path / "missing" / "p.pdf")
    with pytest.raises(StorageError, match="folder"):
        print_pairs(db, pid, tmp_path)
    with pytest.raises(StorageError, match="tidak ada"):
        export_pairs(db, pid, tmp_path / "missing" / "p.xlsx")

    def locked(src, dst):  # Windows: the PDF is open in a viewer
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(StorageError, match="p.pdf") as info:
        print_pairs(db, pid, tmp_path / "p.pdf")
    assert "tutup dulu" in str(info.value)
    assert list(tmp_path.glob("*.pdf*")) == []  # no half file, no temporary left behind


# ---------------------------------------------------------------- the frame

def test_frame_landscape_without_letterhead_when_office_not_set_up(tmp_path):
    head = Signatory("Ketua Panitia", "Sri Lestari, S.Pd.", "", "197203141998022003")

    def story(width):
        return [*title_block("Contoh", "baris <dua>"), para("isi & lain"),
                signature_block(head, width=width, place_date="Pati, 1 Mei 2019")]

    path = build_document(tmp_path / "x.pdf", OfficeProfile(), story, title="Contoh",
                          paper="A4", landscape=True)
    reader, pages = pdf_pages(path)
    assert (round(float(reader.pages[0].mediabox.width)),
            round(float(reader.pages[0].mediabox.height))) == (842, 595)
    assert "CONTOH\n" in pages[0] and "baris <dua>" in pages[0] and "isi & lain" in pages[0]
    assert "NIP 19720314 199802 2 003" in pages[0] and "Halaman 1 dari 1" in pages[0]
    fonts = {str(f.get_object()["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert fonts and all("LiberationSans" in name for name in fonts)


# ---------------------------------------------------------------- the workbook

def test_workbook_has_one_row_per_pair_with_ids_as_text(db, tmp_path):
    pid = full_program(db, "Mitra 1, Mitra 2, Mitra 3")
    done = []
    path = export_pairs(db, pid, tmp_path / "pasangan.xlsx",
                        progress=lambda n, total, _: done.append((n, total)))
    pairs = pairing.pair_rows(db, pid)
    assert done[-1] == (len(pairs), len(pairs)) == (173, 173)
    book = load_workbook(path)
    ws = book["Daftar Pasangan"]
    assert ws["A1"].value == "DAFTAR PASANGAN - Kemitraan Guru SMP Tahun 2018"
    header = [c.value for c in ws[3]]
    assert header[:4] == ["No", "Mata Pelajaran", "Peran Pembimbing", "Nama Pembimbing"]
    assert ws.freeze_panes == "A4"
    data = list(ws.iter_rows(min_row=4, values_only=True))
    assert len(data) == len(pairs)
    col = {name: header.index(name) for name in header}
    first = data[0]
    assert (first[col["Peran Pembimbing"]], first[col["Peran Peserta"]]) == ("Mitra 1", "Mitra 2")
    assert {r[col["Peran Peserta"]] for r in data} == {"Mitra 2", "Mitra 3"}
    pair = pairs[0]
    assert first[col["Nama Peserta"]] == pair["mentee"]["name"]
    assert first[col["NIP Pembimbing"]] == pair["mentor"]["nip"]
    assert first[col["NUPTK Peserta"]] == pair["mentee"]["nuptk"]
    id_cells = [ws.cell(row=4, column=col[name] + 1) for name in
                ("NUPTK Pembimbing", "NIP Pembimbing", "NUPTK Peserta", "NIP Peserta")]
    for cell in id_cells:
        assert cell.data_type == "s" and cell.number_format == "@" and len(cell.value) >= 16
    unpaired = list(book["Belum Berpasangan"].iter_rows(min_row=4, values_only=True))
    assert [r[1] for r in unpaired] == ["Mitra 3"] * 3


def test_workbook_guards_formulas_and_cancels_cleanly(db, tmp_path):
    ids = roster(db)
    odd = people.save_person(db, {
        "full_name": SPECIAL_NAME, "nuptk": "1234567890123456", "subject": "Bahasa Indonesia",
        "jenjang": "SMP", "school": HYPERLINK, "region": "Kabupaten Kupang"})
    pid = programs.create_program(db, "Uji", 2019, "SMP")
    host = programs.add_participants(db, pid, [ids[0]], 1).added[0]
    pairing.set_mentor(db, pid, programs.add_participants(db, pid, [odd], 2).added, host)
    ws = load_workbook(export_pairs(db, pid, tmp_path / "p.xlsx"))["Daftar Pasangan"]
    cell = next(c for row in ws.iter_rows(min_row=4) for c in row if c.value == HYPERLINK)
    assert cell.data_type == "s" and cell.quotePrefix
    assert any(c.value == SPECIAL_NAME for c in ws[4])
    with pytest.raises(Cancelled):
        export_pairs(db, pid, tmp_path / "batal.xlsx", cancelled=lambda: True)
    assert not (tmp_path / "batal.xlsx").exists()


def test_workbooks_print_landscape_one_page_wide(db, tmp_path):
    from kemitraan_desktop.spreadsheets import export_roster

    pid = full_program(db, "Inti, Mitra, Imbas")
    for path, header in ((export_pairs(db, pid, tmp_path / "p.xlsx"), "$3:$3"),
                         (tmp_path / "r.xlsx", "$1:$1")):
        if path.name == "r.xlsx":
            export_roster(db, path)
        ws = load_workbook(path).worksheets[0]
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == header
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
