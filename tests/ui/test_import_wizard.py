"""The import wizard: a real file through every page, mapping changes, skip, report, cancel."""

from helpers import DATA, HEADER, good_rows
from openpyxl import Workbook, load_workbook

from kemitraan_desktop import people
from ui.roster.import_wizard import ImportWizard


def wizard_for(qtbot, db, path):
    wizard = ImportWizard(db, str(path))
    qtbot.addWidget(wizard)
    wizard.open()
    return wizard


def analysed(qtbot, wizard):
    qtbot.waitUntil(lambda: wizard.analysis is not None and not wizard.busy(), timeout=10000)
    return wizard.analysis


def at_summary(qtbot, wizard):
    """Through the checks to the summary page."""
    wizard.next()
    analysed(qtbot, wizard)
    wizard.next()
    return wizard


def big_roster(tmp_path):
    """3,000 valid rows: enough work for a cancel to land before anything is written."""
    book = Workbook()
    ws = book.active
    ws.append(HEADER)
    for i in range(3000):
        ws.append([f"Guru {i}", f"{1000000000000000 + i}", "", "L", "SMP 1", "Kota Pekalongan", "IPA", 70])
    path = tmp_path / "besar.xlsx"
    book.save(path)
    return path


def test_the_whole_wizard_on_a_libreoffice_file(qtbot, db):
    wizard = wizard_for(qtbot, db, DATA / "roster_libreoffice.xlsx")
    assert wizard.file_page.sheet.currentText() == "Data PTK"
    wizard.next()
    analysis = analysed(qtbot, wizard)
    assert analysis.header_row == 4
    mapping_page = wizard.mapping_page
    assert mapping_page.columns.cellWidget(1, 2).currentText() == "Nama"
    assert mapping_page.columns.cellWidget(16, 2).currentText() == "(abaikan)"  # Catatan Operator
    assert mapping_page.preview.rowCount() == 5
    assert mapping_page.preview.item(0, 1).text() == "Dra. Retna Widowati, M.Pd."
    wizard.next()
    assert "5 baru, 0 diperbarui, 0 tidak berubah, 0 bermasalah" in wizard.summary_page.counts.text()
    assert wizard.summary_page.isComplete()
    with qtbot.waitSignal(wizard.imported, timeout=10000) as signal:
        wizard.accept()
    assert signal.args[0].new == 5 and people.count_people(db) == 5


def test_problem_cells_are_marked_and_import_waits_for_skip(qtbot, db, make_xlsx):
    path = make_xlsx(good_rows() + [["Bad Nuptk", "12345", "", "L", "", "", "", ""]])
    wizard = wizard_for(qtbot, db, path)
    wizard.next()
    analysed(qtbot, wizard)
    cell = wizard.mapping_page.preview.item(3, 1)
    assert cell.toolTip() == "NUPTK harus 16 digit, tertulis 5 digit"
    assert wizard.mapping_page.preview.item(3, 0).toolTip() == ""
    wizard.next()
    summary = wizard.summary_page
    assert "3 baru, 0 diperbarui, 0 tidak berubah, 1 bermasalah" in summary.counts.text()
    assert not summary.isComplete()
    summary.skip.setChecked(True)
    assert summary.isComplete()
    with qtbot.waitSignal(wizard.imported, timeout=10000):
        wizard.accept()
    assert people.count_people(db) == 3


def test_changing_a_columns_mapping_rechecks_the_file(qtbot, db, make_xlsx):
    path = make_xlsx([["Sri Lestari", "1234567890123456", "SMP Negeri 1 Pati"]],
                     ["Nama", "NUPTK", "Tempat Mengajar"])
    wizard = wizard_for(qtbot, db, path)
    wizard.next()
    analysed(qtbot, wizard)
    combo = wizard.mapping_page.columns.cellWidget(2, 2)
    assert combo.currentText() == "(abaikan)"
    combo.setCurrentIndex(combo.findText("Asal Sekolah"))
    wizard.analyse(wizard.mapping_page.mapping())
    analysed(qtbot, wizard)
    wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=10000):
        wizard.accept()
    assert people.find_by_id_number(db, "1234567890123456")["school"] == "SMP Negeri 1 Pati"


def test_problem_report_from_the_wizard(qtbot, db, make_xlsx, tmp_path, monkeypatch):
    path = make_xlsx(good_rows() + [["Bad Nuptk", "12345", "", "L", "", "", "", ""]])
    wizard = wizard_for(qtbot, db, path)
    wizard.next()
    analysed(qtbot, wizard)
    wizard.next()
    target = tmp_path / "laporan.xlsx"
    monkeypatch.setattr("ui.roster.import_wizard.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), ""))
    job = wizard.save_report()
    with qtbot.waitSignal(job.done, timeout=10000):
        pass
    rows = list(load_workbook(target).active.values)
    assert rows[0][-1] == "Masalah" and "NUPTK harus 16 digit" in rows[4][-1]
    assert people.count_people(db) == 0


def test_cancelled_import_leaves_the_database_unchanged(qtbot, db, tmp_path):
    wizard = at_summary(qtbot, wizard_for(qtbot, db, big_roster(tmp_path)))
    wizard.accept()
    wizard.job.cancel()  # the worker checks before it writes anything
    with qtbot.waitSignal(wizard.job.done, timeout=10000):
        pass
    assert people.count_people(db) == 0
    assert wizard.result is None and "dibatalkan" in wizard.summary_page.problems.text()


def test_unreadable_file_is_explained_on_the_first_page(qtbot, db, tmp_path):
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"bukan lembar kerja")
    wizard = wizard_for(qtbot, db, path)
    assert "bukan berkas .xlsx yang sah" in wizard.file_page.message.text()
    assert not wizard.file_page.isComplete()


def test_a_changed_mapping_must_be_checked_before_going_on(qtbot, db, make_xlsx):
    path = make_xlsx([["Sri Lestari", "1234567890123456", "Pati", "SMP Negeri 1 Pati"]],
                     ["Nama", "NUPTK", "Tempat Lahir", "Asal Sekolah"])
    wizard = wizard_for(qtbot, db, path)
    wizard.next()
    analysed(qtbot, wizard)
    combo = wizard.mapping_page.columns.cellWidget(2, 2)
    combo.setCurrentIndex(combo.findText("Asal Sekolah"))
    assert not wizard.mapping_page.isComplete() and "Periksa ulang" in wizard.mapping_page.status.text()
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page  # Lanjut waits for the check


def test_batal_during_an_import_cancels_it(qtbot, db, tmp_path):
    wizard = at_summary(qtbot, wizard_for(qtbot, db, big_roster(tmp_path)))
    imported = []
    wizard.imported.connect(imported.append)
    wizard.accept()
    wizard.reject()  # Batal before the progress dialog shows
    qtbot.wait(200)
    assert imported == [] and people.count_people(db) == 0 and not wizard.busy()


def test_problem_rows_alone_even_far_down_the_file_and_room_to_read_them(qtbot, db, tmp_path):
    book = Workbook()
    ws = book.active
    ws.append(HEADER)
    for i in range(150):
        nuptk = "12345" if i in (79, 139) else f"{1000000000000000 + i}"  # two typed short
        ws.append([f"Guru {i}", nuptk, "", "L", "SMP 1", "Kota Pekalongan", "IPA", 70])
    book.save(tmp_path / "panjang.xlsx")
    wizard = wizard_for(qtbot, db, tmp_path / "panjang.xlsx")
    wizard.resize(1326, 697)  # a 1366x768 laptop less the taskbar
    wizard.next()
    analysed(qtbot, wizard)
    page = wizard.mapping_page
    preview = page.preview
    assert page.problems_only.text() == "Tampilkan baris bermasalah saja (2)"

    page.problems_only.setChecked(True)

    shown = [preview.verticalHeaderItem(r).text() for r in range(preview.rowCount())
             if not preview.isRowHidden(r)]
    assert shown == ["81", "141"]  # Excel's row numbers, both past the first 50 rows
    row = next(r for r in range(preview.rowCount()) if not preview.isRowHidden(r))
    assert preview.item(row, 1).toolTip() == "NUPTK harus 16 digit, tertulis 5 digit"
    page.problems_only.setChecked(False)
    assert sum(not preview.isRowHidden(r) for r in range(preview.rowCount())) == 52
    # side by side, the columns and the rows each have the page's height
    visible_rows = preview.viewport().height() // preview.verticalHeader().defaultSectionSize()
    assert visible_rows >= 15
    assert page.columns.viewport().height() // 24 >= 8
