"""Sertifikat: issue after seeing the numbers (and a preview), the register with search,
filters, void, re-issue and reprint, the settings with their live preview, the printer
calibration, verification and the office keys."""

import datetime as dt

from pypdf import PdfReader
from PySide6.QtCore import Qt

from kemitraan_desktop import certificates as cert
from ui.certificates.page import CertificatesPage
from ui.ops import registry


def without_certificates(db):
    db.execute("DELETE FROM certificates")
    db.execute("DELETE FROM certificate_counters")


def page(qtbot, db):
    widget = CertificatesPage(db)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.reload(select=1)
    return widget


def test_issue_void_reissue_and_verify(qtbot, demo_db):
    without_certificates(demo_db)
    widget = page(qtbot, demo_db)
    assert widget.table.rowCount() == 0
    dialog = widget.issue(dt.date(2018, 9, 16))
    assert "Terbitkan 23 sertifikat" in dialog.summary.text()
    assert "421.3/001/DINDIK/IX/2018" in dialog.summary.text()
    assert dialog.table.rowCount() == 23 and dialog.table.item(0, 0).text() == "421.3/001/DINDIK/IX/2018"
    refused = [dialog.refused.item(i).text() for i in range(dialog.refused.count())]
    assert len(refused) == 1 and "70%" in refused[0]  # the visitor below 80%
    preview = dialog.preview()
    assert preview is not None and preview.document.pageCount() == 23
    assert cert.register(demo_db) == []  # not before the operator agrees
    dialog.accept()
    qtbot.waitUntil(lambda: not registry().jobs, timeout=20000)  # issued off the GUI thread
    assert widget.table.rowCount() == 23 and widget.count.text() == "23 berlaku, 0 dibatalkan"
    widget.table.selectRow(1)
    assert widget.void_selected("salah gelar")
    assert widget.count.text() == "22 berlaku, 1 dibatalkan"
    assert widget.table.item(1, 6).text() == "Dibatalkan: salah gelar"
    widget.table.selectRow(1)
    assert widget.reissue_button.isEnabled() and not widget.void_button.isEnabled()
    assert widget.reissue_selected()
    assert widget.table.rowCount() == 24
    assert widget.table.item(23, 6).text() == "Berlaku, pengganti 421.3/002/DINDIK/IX/2018"
    widget.verify_text.setPlainText(cert.register(demo_db)[0]["verification"])
    assert widget.verify().ok and "SAH" in widget.verify_result.text()
    widget.verify_text.setPlainText(cert.register(demo_db)[1]["number"])
    assert widget.verify().status == "voided" and "DIBATALKAN" in widget.verify_result.text()


def test_a_scanner_typing_the_qr_lines_gets_the_answer_at_the_last_line(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    widget.tabs.setCurrentWidget(widget.verify_tab)
    readable = cert.qr_text(cert.register(demo_db)[0]["verification"], "Dinas Pendidikan Kota Pekalongan")
    widget.verify_text.setFocus()
    widget.verify_text.clear()
    for line in readable.splitlines():  # a keyboard-wedge scanner: each line ends with Enter
        qtbot.keyClicks(widget.verify_text, line)
        assert widget.verify_result.text() == ""  # no verdict on half a text
        qtbot.keyClick(widget.verify_text, Qt.Key.Key_Return)
    assert "SAH: sertifikat 421.3/001/DINDIK/IX/2018" in widget.verify_result.text()


def test_search_and_status_filter(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    rows = cert.register(demo_db)
    cert.void(demo_db, rows[3]["number"], "salah NIP")
    widget.reload()
    assert widget.table.rowCount() == 23
    widget.status.setCurrentIndex(2)  # Dibatalkan
    assert widget.table.rowCount() == 1 and widget.table.item(0, 0).text() == rows[3]["number"]
    widget.status.setCurrentIndex(1)  # Berlaku
    assert widget.table.rowCount() == 22
    widget.status.setCurrentIndex(0)
    widget.search.setText(rows[5]["name"].split(",")[0].lower())
    assert widget.table.rowCount() >= 1 and widget.table.item(0, 1).text() == rows[5]["name"]
    widget.search.setText("/007/")
    assert [widget.table.item(r, 0).text() for r in range(widget.table.rowCount())] == [rows[6]["number"]]


def test_print_all_reprint_selected_and_blanko(qtbot, demo_db, tmp_path):
    widget = page(qtbot, demo_db)  # the demo's 23 certificates
    job = widget.print_all(path=str(tmp_path / "s.pdf"))
    job.wait()
    qtbot.waitUntil(lambda: getattr(widget, "preview", None) is not None, timeout=10000)
    assert len(PdfReader(tmp_path / "s.pdf").pages) == 23
    widget.table.selectRow(2)
    widget.table.selectionModel().select(widget.table.model().index(4, 0),
                                         widget.table.selectionModel().SelectionFlag.Select
                                         | widget.table.selectionModel().SelectionFlag.Rows)
    job = widget.print_selected(path=str(tmp_path / "two.pdf"))
    job.wait()
    qtbot.waitUntil(lambda: not registry().jobs, timeout=10000)
    reader = PdfReader(tmp_path / "two.pdf")
    rows = cert.register(demo_db)
    assert len(reader.pages) == 2 and rows[2]["number"] in reader.pages[0].extract_text()
    assert rows[4]["number"] in reader.pages[1].extract_text()
    cert.set_printer_offset(demo_db, "Canon iP2770", 1.5, -2)
    job = widget.print_blanko("Canon iP2770", path=str(tmp_path / "blanko.pdf"))
    job.wait()
    qtbot.waitUntil(lambda: not registry().jobs, timeout=10000)
    text = PdfReader(tmp_path / "blanko.pdf").pages[0].extract_text()
    assert rows[0]["name"] in text and "SERTIFIKAT" not in text


def test_zip_one_pdf_per_person(qtbot, demo_db, tmp_path):
    import zipfile

    widget = page(qtbot, demo_db)
    job = widget.save_zip(str(tmp_path / "semua"))
    job.wait()
    qtbot.waitUntil(lambda: not registry().jobs, timeout=20000)
    names = zipfile.ZipFile(tmp_path / "semua.zip").namelist()
    assert len(names) == 23 and names[0].startswith("421.3-001-DINDIK-IX-2018_")
    assert widget.last_status.startswith("Tersimpan:")


def test_numbering_settings_show_the_next_number_and_refuse_mistakes(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    widget.tabs.setCurrentWidget(widget.settings_tab)
    tab = widget.settings_tab
    tab.program.setCurrentIndex(tab.program.findData(1))
    assert tab.pattern.text() == cert.DEFAULT_PATTERN
    tab.pattern.setText("800/{no:04}/PTK/{tahun}")
    year = dt.date.today().year
    assert f"800/0001/PTK/{year}" in tab.next_number.text()  # no 2026 certificates yet
    tab.pattern.setText("800/{nomor}/PTK")
    assert "tidak dikenal" in tab.next_number.text() and not tab.save_pattern_button.isEnabled()
    tab.pattern.setText("800/{no:04}/PTK/{tahun}")
    assert tab.save_pattern()
    assert cert.get_pattern(demo_db, 1).text == "800/{no:04}/PTK/{tahun}"


def test_template_settings_and_their_live_preview(qtbot, demo_db, tmp_path):
    from tests.core.test_certificate_pdf import png

    widget = page(qtbot, demo_db)
    widget.tabs.setCurrentWidget(widget.settings_tab)
    tab = widget.settings_tab
    before = tab.update_preview()
    assert before is not None and before.width() > 300
    design = tmp_path / "desain.png"
    design.write_bytes(png(600, 420))
    assert tab.choose_background(str(design))
    tab.letterhead.setChecked(False)
    after = tab.update_preview()
    assert after != before  # the preview follows the settings before they are saved
    assert cert.load_template(demo_db).background == b""
    assert tab.save_template()
    saved = cert.load_template(demo_db)
    assert saved.background == design.read_bytes() and not saved.letterhead
    bad = tmp_path / "bukan.png"
    bad.write_bytes(b"not an image")
    shown = []
    import ui.certificates.settings_tabs as module
    original = module.show_error
    module.show_error = lambda _parent, exc: shown.append(str(exc))
    try:
        assert not tab.choose_background(str(bad))
    finally:
        module.show_error = original
    assert "bukan gambar PNG atau JPG" in shown[0]


def test_printer_calibration(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    widget.tabs.setCurrentWidget(widget.calibration_tab)
    tab = widget.calibration_tab
    tab.printer.setCurrentText("EPSON L3110")
    tab.left.setValue(23)
    tab.top.setValue(18.5)
    assert tab.offset() == (-3.0, 1.5)
    assert tab.offset_label.text() == "3 mm ke kiri, 1,5 mm ke bawah (tersimpan: tanpa geser)"
    # "Cetak lagi untuk memeriksa" before saving: the second page is printed with -3/+1.5,
    # so what is measured on it corrects that, not the saved (zero) offset
    preview = tab.print_test()
    assert preview is not None and preview.document.pageCount() == 1
    assert tab.left.value() == 20 and tab.offset() == (-3.0, 1.5)
    tab.left.setValue(20.5)  # still half a millimetre too far right
    assert tab.save()
    assert cert.printer_offset(demo_db, "EPSON L3110") == (-3.5, 1.5)
    assert tab.table.item(0, 0).text() == "EPSON L3110"
    assert tab.table.item(0, 1).text() == "3,5 mm ke kiri, 1,5 mm ke bawah"
    tab.left.setValue(21)  # a test page printed with the saved offset, 1 mm off
    assert tab.save() and cert.printer_offset(demo_db, "EPSON L3110") == (-4.5, 1.5)
    tab.forget()
    assert cert.printer_offsets(demo_db) == {} and tab.table.rowCount() == 0


def test_the_issue_date_changes_the_numbers_and_a_clash_is_refused(qtbot, demo_db):
    from kemitraan_desktop import activities, attendance

    without_certificates(demo_db)
    widget = page(qtbot, demo_db)
    dialog = widget.issue()  # dated the activity's last day by default
    assert dialog.date.date() == dt.date(2018, 9, 16)
    dialog.date.set_date(dt.date(2018, 10, 1))
    assert dialog.table.item(0, 0).text() == "421.3/001/DINDIK/X/2018"
    dialog.accept()
    qtbot.waitUntil(lambda: not registry().jobs, timeout=20000)
    assert cert.register(demo_db)[0]["issued_on"] == "2018-10-01"
    people = activities.activity_participants(demo_db, 2)
    attendance.set_marks(demo_db, 2, [attendance.Mark(p["id"], *s.key, "hadir")
                                      for s in attendance.sessions(demo_db, 2) for p in people])
    widget.reload(select=2)
    dialog = widget.issue(dt.date(2018, 10, 1))  # program 2, same pattern, its own counter
    assert "sudah dipakai" in dialog.summary.text() and not dialog.ok.isEnabled()


def test_a_voided_certificate_cannot_be_replaced_twice(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    widget.table.selectRow(0)
    assert widget.void_selected("salah gelar")
    widget.table.selectRow(0)
    assert widget.reissue_selected()
    assert widget.selected_rows()[0]["replaces"] == cert.register(demo_db)[0]["id"]  # the new one
    widget.table.selectRow(0)
    assert not widget.reissue_button.isEnabled()
    assert "diganti" in widget.table.item(0, 6).text()


def test_verification_text_is_shown_as_text_not_markup(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    widget.verify_text.setPlainText("<b>SAH</b> & <i>palsu</i>")
    assert widget.verify().status == "not_found"
    assert "&lt;b&gt;SAH&lt;/b&gt;" in widget.verify_result.text()


def test_public_key_export_and_another_offices_key(qtbot, demo_db, db_path, tmp_path):
    import shutil

    from kemitraan_desktop import demo, store

    other_path = tmp_path / "lain.db"
    shutil.copy(db_path, other_path)
    other = store.open_db(other_path)
    demo.load_demo(other)
    other.execute("DELETE FROM settings WHERE key = 'certificates.private_key'")
    other.execute("DELETE FROM certificates")
    other.execute("DELETE FROM certificate_counters")
    cert.issue(other, 1, dt.date(2018, 9, 16))
    foreign = cert.register(other)[0]["verification"]
    widget = page(qtbot, demo_db)
    widget.tabs.setCurrentWidget(widget.verify_tab)
    tab = widget.verify_tab
    assert tab.public_key.toPlainText() == cert.public_key_text(demo_db)
    widget.verify_text.setPlainText(foreign)
    assert widget.verify().status == "unknown_key"
    key_file = tmp_path / "kunci.txt"
    other_tab_path = tab.export_key(str(key_file))
    assert other_tab_path and key_file.read_text().startswith(cert.public_key_text(demo_db))
    key_file.write_text(cert.public_key_text(other) + "\n# Dinas Pendidikan Kabupaten Batang\n")
    content = key_file.read_text().splitlines()
    kid = tab.import_key(content[0], "Dinas Pendidikan Kabupaten Batang")
    assert kid and tab.keys.rowCount() == 1 and tab.keys.item(0, 1).text().endswith("Batang")
    result = widget.verify()
    assert result.ok and "Kabupaten Batang" in widget.verify_result.text()
    tampered = foreign.replace("|33|", "|56|")
    widget.verify_text.setPlainText(tampered)
    assert widget.verify().status == "invalid"
    other.close()


def test_a_read_only_database_gets_a_clear_message_and_the_page_goes_on(qtbot, demo_db, monkeypatch):
    import ui.certificates.issue_dialog as module

    shown = []
    monkeypatch.setattr(module, "show_error", lambda _parent, exc: shown.append(str(exc)))
    without_certificates(demo_db)
    widget = page(qtbot, demo_db)
    dialog = widget.issue(dt.date(2018, 9, 16))
    real = cert.issue

    def read_only(db, *args):  # the worker's connection, as on a write-protected disk
        db.execute("PRAGMA query_only = ON")
        return real(db, *args)
    monkeypatch.setattr(cert, "issue", read_only)
    dialog.accept()
    qtbot.waitUntil(lambda: not registry().jobs, timeout=20000)
    assert "hanya bisa dibaca" in shown[0] and cert.register(demo_db) == []
    assert dialog.ok.isEnabled()
    monkeypatch.setattr(cert, "issue", real)
    dialog.accept()  # the same dialog, once the disk is writable again
    qtbot.waitUntil(lambda: not registry().jobs, timeout=20000)
    assert widget.table.rowCount() == 23
