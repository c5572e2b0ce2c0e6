"""Surat dan Dokumen Kegiatan: each document chosen and made (PDF, .docx, .xlsx read back),
the letter's wording edited and refused, the amounts typed, the report's own text and
photos, and a document with nothing to print refused in Indonesian."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from kemitraan_desktop import activity_report as report
from kemitraan_desktop import letters, payments
from ui.paperwork import dialog as paperwork
from ui.paperwork.dialog import PaperworkDialog
from ui.paperwork.report_editor import ReportEditor
from ui.paperwork.template_editor import TemplateEditor

OJL = 1


def pdf_text(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def docx_text(path) -> str:
    import docx

    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(" ".join(texts).split())


def made(qtbot, job) -> None:
    assert job is not None, "the print did not start"
    with qtbot.waitSignal(job.done, timeout=30000):
        pass


def open_dialog(qtbot, db) -> PaperworkDialog:
    dialog = PaperworkDialog(db, OJL)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def type_amount(editor, role: str, column: int, text: str) -> None:
    row = editor.roles.index(role)
    editor.table.item(row, column).setText(text)


@pytest.mark.parametrize(("key", "title"), [
    ("undangan", "Undangan On the Job Learning 1 Kota Pekalongan"),
    ("tugas", "SURAT TUGAS"),
    ("sk", "KEPUTUSAN KEPALA DINAS PENDIDIKAN KOTA PEKALONGAN"),
    ("nametags", "Dedi Kurniasih"),
    ("report", "LAPORAN"),
])
def test_each_document_previews_as_a_pdf(qtbot, demo_db, tmp_path, key, title):
    dialog = open_dialog(qtbot, demo_db)
    dialog.choose(key)
    assert dialog.title.text().endswith(f"{paperwork.DOCUMENTS[key][0]}</b>")
    dialog.paper.setCurrentIndex(dialog.paper.findData("a4"))
    path = tmp_path / f"{key}.pdf"
    made(qtbot, dialog.preview(str(path)))
    qtbot.waitUntil(lambda: getattr(dialog, "preview_window", None) is not None, timeout=10000)
    assert title in pdf_text(path)
    width, height = (float(v) for v in PdfReader(path).pages[0].mediabox[2:])
    assert round(min(width, height)) == 595  # A4 as chosen, not the office's F4
    dialog.preview_window.close()


def test_a_letter_takes_the_number_shown_and_keeps_it(qtbot, demo_db, tmp_path):
    dialog = open_dialog(qtbot, demo_db)
    panel = dialog.panels["undangan"]
    proposed = panel.number.text()
    assert proposed == "005/001/DINDIK/IX/2018"
    assert letters.held_number(demo_db, OJL, "undangan") is None
    panel.number.setText("005/117/DINDIK/IX/2018")  # the agenda book's own number
    # a preview is a draft: the number shows, marked DRAF, and is not yet recorded
    made(qtbot, dialog.preview(str(tmp_path / "draf.pdf")))
    draft = pdf_text(tmp_path / "draf.pdf")
    assert "005/117/DINDIK/IX/2018" in draft and "DRAF - nomor surat belum dicatat" in draft
    assert letters.held_number(demo_db, OJL, "undangan") is None
    dialog.preview_window.close()
    assert dialog.issue_button.isVisible()
    made(qtbot, dialog.preview(str(tmp_path / "u.pdf"), final=True))  # Catat nomor & cetak
    assert "005/117/DINDIK/IX/2018" in pdf_text(tmp_path / "u.pdf")
    assert "DRAF" not in pdf_text(tmp_path / "u.pdf")
    assert letters.held_number(demo_db, OJL, "undangan") == "005/117/DINDIK/IX/2018"
    assert "sudah tercatat" in panel.number_note.text()
    dialog.preview_window.close()


def test_the_surat_tugas_one_letter_per_person(qtbot, demo_db, tmp_path):
    dialog = open_dialog(qtbot, demo_db)
    dialog.choose("tugas")
    panel = dialog.panels["tugas"]
    panel.per_person.setChecked(True)
    panel.who.setCurrentIndex(panel.who.findData("peserta"))
    made(qtbot, dialog.preview(str(tmp_path / "t.pdf")))
    assert pdf_text(tmp_path / "t.pdf").count("SURAT TUGAS") == 24
    dialog.preview_window.close()


@pytest.mark.parametrize(("key", "expected"), [
    ("undangan", "Undangan On the Job Learning 1 Kota Pekalongan"),
    ("sk", "KEPUTUSAN KEPALA DINAS"),
    ("report", "PENDAHULUAN"),
])
def test_letters_and_the_report_saved_as_word(qtbot, demo_db, tmp_path, key, expected):
    dialog = open_dialog(qtbot, demo_db)
    dialog.choose(key)
    assert dialog.word_button.isVisibleTo(dialog) and not dialog.excel_button.isVisibleTo(dialog)
    path = tmp_path / f"{key}.docx"
    made(qtbot, dialog.save_as(".docx", str(path)))
    assert expected.casefold() in docx_text(path).casefold()
    assert str(path) in dialog.result.text()


def test_amounts_typed_are_saved_and_printed(qtbot, demo_db, tmp_path):
    from openpyxl import load_workbook

    dialog = open_dialog(qtbot, demo_db)
    dialog.choose("payments")
    assert dialog.excel_button.isVisibleTo(dialog) and not dialog.word_button.isVisibleTo(dialog)
    editor = dialog.panels["payments"].editor
    assert editor.roles == ["Mitra 1", "Mitra 2"]
    type_amount(editor, "Mitra 1", 0, "Rp 150.000")
    type_amount(editor, "Mitra 2", 1, "1,5 juta")
    assert editor.table.item(0, 0).text() == "150.000"  # shown as offices write it
    assert editor.table.item(1, 1).text() == "1.500.000"
    assert payments.load_rates(demo_db, OJL) == {"Mitra 1": {"transport": 150000},
                                                 "Mitra 2": {"harian": 1500000}}
    assert "Jumlah seluruhnya" in editor.total.text()
    editor.treasurer["name"].setText("Siti Rahayu, S.E.")
    editor.treasurer["name"].editingFinished.emit()
    assert payments.load_treasurer(demo_db).name == "Siti Rahayu, S.E."
    made(qtbot, dialog.preview(str(tmp_path / "spj.pdf")))
    text = pdf_text(tmp_path / "spj.pdf")
    assert "DAFTAR PENERIMAAN" in text.upper() and "150.000" in text and "Siti Rahayu, S.E." in text
    dialog.preview_window.close()
    made(qtbot, dialog.save_as(".xlsx", str(tmp_path / "spj.xlsx")))
    cells = [c.value for row in load_workbook(tmp_path / "spj.xlsx").active.iter_rows()
             for c in row if c.value is not None]
    assert 150000 in cells


def test_a_cell_that_is_not_an_amount_is_not_saved_and_stops_the_print(qtbot, demo_db, tmp_path):
    dialog = open_dialog(qtbot, demo_db)
    dialog.choose("payments")
    editor = dialog.panels["payments"].editor
    type_amount(editor, "Mitra 1", 0, "150.000")
    type_amount(editor, "Mitra 1", 2, "seratus")
    assert editor.problem.isVisibleTo(dialog)
    assert "bukan jumlah rupiah" in editor.problem.text()
    assert payments.load_rates(demo_db, OJL) == {"Mitra 1": {"transport": 150000}}
    assert dialog.preview(str(tmp_path / "spj.pdf")) is None
    assert not (tmp_path / "spj.pdf").exists()


def test_an_edited_template_prints_its_text(qtbot, demo_db, tmp_path):
    dialog = open_dialog(qtbot, demo_db)
    editor = dialog.edit_template("undangan")
    assert isinstance(editor, TemplateEditor)
    editor.editors["penutup"].setPlainText("Atas kehadiran Bapak/Ibu di ")
    editor.editors["penutup"].moveCursor(editor.editors["penutup"].textCursor().MoveOperation.End)
    editor.last_editor = editor.editors["penutup"]
    field = next(editor.fields.item(i) for i in range(editor.fields.count())
                 if editor.fields.item(i).text().startswith("{tempat}"))
    editor.fields.itemDoubleClicked.emit(field)
    assert editor.editors["penutup"].toPlainText() == "Atas kehadiran Bapak/Ibu di {tempat}"
    editor.editors["penutup"].appendPlainText("kami ucapkan terima kasih.")
    editor.accept()
    assert editor.result() == editor.DialogCode.Accepted
    assert letters.template_edited(demo_db, "undangan")
    assert dialog.panels["undangan"].text_state.text() == "diubah kantor"
    made(qtbot, dialog.preview(str(tmp_path / "u.pdf")))
    assert "Atas kehadiran Bapak/Ibu di" in pdf_text(tmp_path / "u.pdf")
    assert "kami ucapkan terima kasih." in pdf_text(tmp_path / "u.pdf")
    dialog.preview_window.close()


def test_an_unknown_field_is_refused_and_nothing_is_stored(qtbot, demo_db):
    editor = TemplateEditor(demo_db, "sk")
    qtbot.addWidget(editor)
    editor.show()
    editor.editors["tentang"].setPlainText("Penetapan {peserta_kegiatan}")
    editor.pattern.setText("188.4/{no:03}/SK/{tahun}")
    editor.accept()
    assert editor.isVisible()  # still open, the office can correct it
    assert editor.problem.isVisibleTo(editor)
    assert "{peserta_kegiatan}" in editor.problem.text() and "tidak dikenal" in editor.problem.text()
    assert not letters.template_edited(demo_db, "sk")
    assert letters.get_pattern(demo_db, "sk").text == letters.DEFAULT_PATTERNS["sk"]


def test_back_to_the_default_text(qtbot, demo_db):
    letters.save_template(demo_db, "tugas", {"penutup": "Teks kantor."})
    editor = TemplateEditor(demo_db, "tugas")
    qtbot.addWidget(editor)
    assert editor.editors["penutup"].toPlainText() == "Teks kantor."
    editor.reset_button.click()
    assert letters.template_edited(demo_db, "tugas")  # not before Simpan
    editor.accept()
    assert not letters.template_edited(demo_db, "tugas")


def test_a_typed_section_and_a_photo_appear_in_the_report(qtbot, demo_db, tmp_path):
    dialog = open_dialog(qtbot, demo_db)
    dialog.choose("report")
    editor = dialog.edit_report()
    assert isinstance(editor, ReportEditor)
    assert set(editor.default_sections()) == set(report.SECTIONS)
    assert editor.tabs.tabText(4) == "Hasil Kegiatan *"
    editor.editors["hasil"].setPlainText("Seluruh guru mitra menyusun RPP berbasis HOTS.")
    assert editor.tabs.tabText(4) == "Hasil Kegiatan"
    photo = tmp_path / "pembukaan.jpg"
    Image.new("RGB", (800, 600), (30, 120, 200)).save(photo)
    made(qtbot, editor.add_photos([str(photo)]))
    assert editor.photos.count() == 1 and not editor.photos.item(0).icon().isNull()
    editor.caption.setText("Pembukaan oleh Kepala Dinas")
    editor.caption.editingFinished.emit()
    editor.accept()
    assert report.typed_sections(demo_db, OJL) == {"hasil"}
    assert [p.caption for p in report.list_photos(demo_db, OJL)] == ["Pembukaan oleh Kepala Dinas"]
    assert "Foto: 1" in dialog.panels["report"].summary.text()
    made(qtbot, dialog.preview(str(tmp_path / "laporan.pdf")))
    text = pdf_text(tmp_path / "laporan.pdf")
    assert "Seluruh guru mitra menyusun RPP berbasis HOTS." in text
    assert "Pembukaan oleh Kepala Dinas" in text
    dialog.preview_window.close()


def test_photos_move_and_go(qtbot, demo_db, tmp_path):
    for n, colour in enumerate(("red", "green")):
        path = tmp_path / f"{n}.png"
        Image.new("RGB", (40, 30), colour).save(path)
        report.add_photo(demo_db, OJL, path, f"foto {n + 1}")
    editor = ReportEditor(demo_db, OJL)
    qtbot.addWidget(editor)
    editor.photos.setCurrentRow(1)
    editor.up_button.click()
    assert [p.caption for p in report.list_photos(demo_db, OJL)] == ["foto 2", "foto 1"]
    assert editor.photos.currentItem().text() == "1. foto 2"
    editor.remove_button.click()
    assert [p.caption for p in report.list_photos(demo_db, OJL)] == ["foto 1"]


def test_a_file_that_is_not_a_photo_is_refused(qtbot, demo_db, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("ui.paperwork.report_editor.show_error",
                        lambda parent, exc, title="": shown.append(exc.message))
    editor = ReportEditor(demo_db, OJL)
    qtbot.addWidget(editor)
    fake = tmp_path / "bukan-foto.jpg"
    fake.write_bytes(b"bukan gambar")
    made(qtbot, editor.add_photos([str(fake)]))
    assert shown and "bukan-foto.jpg" in shown[0]
    assert report.list_photos(demo_db, OJL) == [] and editor.photos.count() == 0


def test_nothing_to_print_says_so_in_indonesian(qtbot, demo_db, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(paperwork, "show_error", lambda parent, exc, title="": shown.append(exc))
    dialog = open_dialog(qtbot, demo_db)
    dialog.choose("nametags")
    panel = dialog.panels["nametags"]
    panel.who.setCurrentIndex(panel.who.findData("panitia"))
    made(qtbot, dialog.preview(str(tmp_path / "tanda.pdf")))
    assert [e.message for e in shown] == [
        "Kegiatan ini belum mempunyai panitia; tanda nama tidak dibuat."]
    dialog.choose("payments")  # no amounts yet
    made(qtbot, dialog.preview(str(tmp_path / "spj.pdf")))
    assert "Belum ada jumlah uang" in shown[1].message
    assert not (tmp_path / "tanda.pdf").exists() and not (tmp_path / "spj.pdf").exists()
    assert getattr(dialog, "preview_window", None) is None


def test_the_table_tents(qtbot, demo_db, tmp_path):
    dialog = open_dialog(qtbot, demo_db)
    dialog.choose("nametags")
    panel = dialog.panels["nametags"]
    panel.tents.setChecked(True)
    made(qtbot, dialog.preview(str(tmp_path / "tenda.pdf")))
    assert len(PdfReader(tmp_path / "tenda.pdf").pages) == 24  # one tent a page
    dialog.preview_window.close()


def test_the_activity_page_opens_it(qtbot, demo_db):
    from PySide6.QtGui import QUndoStack

    from ui.activities.page import ActivitiesPage

    page = ActivitiesPage(demo_db, QUndoStack())
    qtbot.addWidget(page)
    page.show()
    page.reload_activities(select=OJL)
    assert page.paperwork_button.text() == "Surat && dokumen" and page.paperwork_button.isEnabled()
    page.paperwork_button.click()
    assert isinstance(page.paperwork, PaperworkDialog) and page.paperwork.isVisible()
    assert page.paperwork.activity.id == OJL


def test_a_photo_thumbnail_reads_the_stored_jpeg(qtbot, demo_db, tmp_path):
    path = tmp_path / "a.png"
    Image.new("RGBA", (300, 100), (0, 0, 0, 0)).save(path)
    report.add_photo(demo_db, OJL, path)
    stored = report.list_photos(demo_db, OJL)[0]
    assert Image.open(io.BytesIO(stored.jpeg)).format == "JPEG"
    editor = ReportEditor(demo_db, OJL)
    qtbot.addWidget(editor)
    size = editor.photos.item(0).icon().availableSizes()
    assert size and max(size[0].width(), size[0].height()) == 150


def test_the_previews_place_and_date_print_the_letter_again(qtbot, demo_db, tmp_path):
    import datetime as dt

    from ui.widgets.sign_off import SignOffBar

    dialog = open_dialog(qtbot, demo_db)
    dialog.choose("tugas")
    path = tmp_path / "tugas.pdf"
    made(qtbot, dialog.preview(str(path)))
    qtbot.waitUntil(lambda: getattr(dialog, "preview_window", None) is not None, timeout=10000)
    bar = dialog.preview_window.findChild(SignOffBar, "sign_off")
    assert bar.chosen().day == dialog.panels["tugas"].day.date() == dt.date(2018, 9, 2)
    bar.place.setText("Kajen")
    bar.set_day(dt.date(2018, 9, 5))
    bar.redo_now()
    made(qtbot, dialog.job)
    assert dialog.panels["tugas"].day.date() == dt.date(2018, 9, 5)
    assert "Kajen, 5 September 2018" in pdf_text(path)
    dialog.preview_window.close()
