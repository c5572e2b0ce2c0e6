"""The main window: areas, menus, status bar, settings remembered, drops, the about box."""

from helpers import DATA
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from kemitraan_desktop import __version__, db_files, people, store
from ui.main_window import (
    ACTIVITIES,
    AREAS,
    ATTENDANCE,
    CERTIFICATES,
    PEOPLE,
    PROGRAMS,
    SETTINGS,
    MainWindow,
)
from ui.ops import registry


def window_for(qtbot, db):
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    return window


def test_sidebar_areas_and_placeholders(qtbot, demo_db):
    window = window_for(qtbot, demo_db)
    assert [window.sidebar.item(i).text() for i in range(window.sidebar.count())] == list(AREAS)
    qtbot.waitUntil(lambda: not window.home.loading(), timeout=5000)
    assert "184 guru dan kepala sekolah" in window.home.total.text()
    assert "2 program (208 peserta) · 2 kegiatan" in window.home.total.text()
    assert window.home.tables["subject"].item(0, 1).text() == "46"
    window.sidebar.setCurrentRow(PROGRAMS)
    assert window.stack.currentWidget() is window.programs_page
    window.sidebar.setCurrentRow(ACTIVITIES)
    assert window.stack.currentWidget() is window.activities_page
    window.sidebar.setCurrentRow(ATTENDANCE)
    assert window.stack.currentWidget() is window.attendance_page
    window.sidebar.setCurrentRow(CERTIFICATES)
    assert window.stack.currentWidget() is window.certificates_page
    window.sidebar.setCurrentRow(SETTINGS)
    assert window.stack.currentWidget() is window.settings_page


def test_status_bar_shows_file_and_count(qtbot, demo_db):
    window = window_for(qtbot, demo_db)
    assert str(store.db_file(demo_db)) in window.db_label.text()
    assert window.count_label.text() == "184 orang"


def test_shortcuts_reach_search_and_new(qtbot, demo_db):
    window = window_for(qtbot, demo_db)
    shortcuts = {a.text(): a.shortcut().toString() for a in window.actions()}
    assert shortcuts["Impor..."] == "Ctrl+I" and shortcuts["Ekspor..."] == "Ctrl+E"
    assert shortcuts["Cari"] == "Ctrl+F" and shortcuts["Tambah guru..."] == "Ctrl+N"
    window.focus_search()
    assert window.sidebar.currentRow() == PEOPLE


def test_window_geometry_and_columns_are_remembered(qtbot, demo_db):
    window = window_for(qtbot, demo_db)
    assert window.minimumSizeHint().width() <= 1024  # fits an old 1024x768 office screen
    window.resize(1010, 600)
    window.people_page.table.setColumnWidth(0, 333)
    window.close()
    again = window_for(qtbot, demo_db)
    assert again.size().width() == 1010
    assert again.people_page.table.columnWidth(0) == 333


def test_dropping_a_spreadsheet_opens_the_import_wizard(qtbot, demo_db):
    window = window_for(qtbot, demo_db)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(DATA / "roster_libreoffice.ods"))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.wizard is not None
    assert window.wizard.file_page.path.text().endswith("roster_libreoffice.ods")
    window.wizard.reject()


def import_from_menu(qtbot, window):
    """The LibreOffice roster through the whole wizard, as Berkas > Impor starts it."""
    wizard = window.start_import(str(DATA / "roster_libreoffice.xlsx"))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.analysis is not None and not wizard.busy(), timeout=10000)
    wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=10000):
        wizard.accept()


def test_import_from_the_menu_refreshes_the_roster(qtbot, db):
    window = window_for(qtbot, db)
    import_from_menu(qtbot, window)
    qtbot.waitUntil(lambda: window.people_page.model.rowCount() == 5, timeout=5000)
    assert people.count_people(db) == 5
    # the first rows come before the whole list with its total (ui/roster/page.py refresh)
    qtbot.waitUntil(lambda: window.count_label.text() == "5 orang", timeout=5000)


def test_about_names_version_and_database(qtbot, demo_db):
    window = window_for(qtbot, demo_db)
    box = window.about()
    assert __version__ in box.text() and str(store.db_file(demo_db)) in box.text()
    box.close()


def test_export_from_the_home_page_writes_the_whole_roster(qtbot, demo_db, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    window = window_for(qtbot, demo_db)
    target = tmp_path / "semua.xlsx"
    monkeypatch.setattr("ui.widgets.save_dialog.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), ""))
    window.export()  # Ctrl+E while Beranda shows: the roster page has not loaded yet
    job = registry().jobs[-1]
    with qtbot.waitSignal(job.done, timeout=10000):
        pass
    assert len(list(load_workbook(target).active.values)) == 185


def test_a_save_never_replaces_the_database_or_a_file_of_another_kind(qtbot, demo_db, tmp_path,
                                                                      monkeypatch):
    shown = []
    monkeypatch.setattr("ui.widgets.save_dialog.show_error", lambda _parent, exc: shown.append(exc.message))
    window = window_for(qtbot, demo_db)
    folder = db_files.backups_dir(store.db_file(demo_db))
    folder.mkdir(exist_ok=True)
    monkeypatch.setattr("ui.widgets.save_dialog.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(folder / "templat.xlsx"), ""))
    window.save_template()  # Berkas > Simpan templat impor..., into the backups' folder
    assert "folder cadangan" in shown[0] and list(folder.iterdir()) == []
    signed = tmp_path / "jadwal.xlsx"  # a signed PDF saved under a workbook's name
    signed.write_bytes(b"%PDF-1.4 jadwal yang sudah ditandatangani")
    monkeypatch.setattr("ui.widgets.save_dialog.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "jadwal"), ""))  # ".xlsx" is added
    assert window.people_page.export() is None
    assert "berisi dokumen PDF, bukan lembar kerja Excel" in shown[-1]
    assert signed.read_bytes().startswith(b"%PDF")


def test_an_import_clears_undo(qtbot, demo_db):
    window = window_for(qtbot, demo_db)
    window.sidebar.setCurrentRow(PEOPLE)
    # the whole list, not only its first rows (a later reset would drop the selection)
    qtbot.waitUntil(lambda: window.people_page.idle()
                    and window.people_page.count.text().startswith("184 orang"), timeout=5000)
    window.people_page.table.selectRow(0)
    window.people_page.delete_selected().button(QMessageBox.StandardButton.Yes).click()
    assert window.undo_stack.canUndo()
    import_from_menu(qtbot, window)
    assert not window.undo_stack.canUndo()


def test_error_and_about_boxes_speak_indonesian(qtbot, demo_db):
    window = window_for(qtbot, demo_db)
    box = window.about()
    assert [b.text() for b in box.buttons()] == ["Tutup"]
    box.close()
