"""Qt's own words are Indonesian (issue 17 item 9): with the app's qtbase translation
installed (tests/ui/conftest.py, as ui/app.py does), no English word of Qt's shows in the
file dialogs, context menus, standard buttons, progress and input dialogs, the main window,
its pages and the app's dialogs."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QTabBar,
    QWidget,
)

from kemitraan_desktop import programs
from ui import qt_words
from ui.main_window import AREAS, MainWindow

# Qt's English words, compared with a text's words (see normal()), ignoring case. "OK" is
# Indonesian too.
ENGLISH = {word.casefold() for word in (
    "Cancel", "Save", "Save As", "Save All", "Open", "Look in", "File name", "Files of type",
    "Undo", "Redo", "Cut", "Copy", "Paste", "Delete", "Select All", "Yes", "No", "Apply",
    "Close", "Name", "Size", "Type", "Kind", "Date Modified", "Detail View", "List View",
    "Back", "Go back", "Forward", "Go forward", "Parent Directory",
    "Go to the parent directory", "Create New Folder", "Create a New Folder", "New Folder",
    "Show Details", "Hide Details", "Help", "Discard", "Reset", "Restore Defaults", "Abort",
    "Retry", "Ignore", "Yes to All", "No to All", "Enter a value", "My Computer", "Computer",
    "Recent Places", "All Files (*)", "Directory", "Find Directory", "Rename",
    "Show hidden files", "Insert Unicode control character", "Step up", "Step down",
    "Scroll here", "Scroll up", "Scroll down", "Top", "Bottom", "Page up", "Page down",
    "Next", "Finish", "Commit", "Continue", "What's This?", "Close Tab",
    "January", "February", "March", "May", "June", "July", "August", "October", "December",
)}


def normal(text: str) -> str:
    """The words of a text: no accelerator, no shortcut after a tab ("&Undo\\tCtrl+Z")."""
    return text.split("\t")[0].replace("&", "").strip(" .:<>\n").casefold()


def action_texts(menu: QMenu) -> list[tuple[str, str]]:
    found = []
    for action in menu.actions():
        found.append(("menu", action.text()))
        if action.menu() is not None:
            found += action_texts(action.menu())
    return found


def widget_texts(top: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text a user can read in `top` and its children."""
    found = []
    for widget in [top, *top.findChildren(QWidget)]:
        kind = type(widget).__name__
        found += [(f"{kind} title", widget.windowTitle()), (f"{kind} tooltip", widget.toolTip())]
        if isinstance(widget, (QAbstractButton, QLabel)):
            found.append((kind, widget.text()))
        if isinstance(widget, QGroupBox):
            found.append((kind, widget.title()))
        if isinstance(widget, QLineEdit):
            found.append((kind, widget.placeholderText()))
        if isinstance(widget, QComboBox):
            found += [(kind, widget.itemText(i)) for i in range(widget.count())]
        if isinstance(widget, QTabBar):
            found += [(kind, widget.tabText(i)) for i in range(widget.count())]
        if isinstance(widget, QMenu):
            found += action_texts(widget)
        if isinstance(widget, QHeaderView) and widget.model() is not None:
            found += [(f"{kind} section", str(widget.model().headerData(
                c, widget.orientation(), Qt.ItemDataRole.DisplayRole) or ""))
                for c in range(widget.count())]
    for action in [*top.actions(), *top.findChildren(QAction)]:
        found += [("action", action.text()), ("action tooltip", action.toolTip())]
    return found


def english(texts) -> list[str]:
    return sorted({f"{where}: {text!r}" for where, text in texts if normal(text) in ENGLISH})


def popup_texts(qtbot, widget: QWidget) -> list[tuple[str, str]]:
    """The texts of the context menu `widget` pops up itself (spin boxes and scroll bars
    build theirs inside contextMenuEvent and show it there), read while it is open."""
    seen, tries = [], iter(range(150))

    def read_and_close():
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            seen.extend(action_texts(menu))
            menu.close()
        elif next(tries, None) is not None:  # for 3 s at most
            QTimer.singleShot(20, read_and_close)

    QTimer.singleShot(0, read_and_close)
    centre = widget.rect().center()
    QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, centre,
                                                     widget.mapToGlobal(centre)))
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)  # a spin box's exec() has returned by
    # now; a scroll bar's popup() has not shown the menu yet
    return seen


def shown(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    QApplication.processEvents()
    return widget


def test_the_translation_is_installed_and_compiled_from_its_source(tmp_path):
    """The committed .qm is the .ts compiled (lrelease is not needed to build the app)."""
    assert qt_words.qm_path().is_file()
    ts = qt_words.qm_path().with_suffix(".ts")
    lrelease = Path(PySide6.__file__).parent / ("lrelease.exe" if sys.platform == "win32"
                                                else "lrelease")
    out = tmp_path / "again.qm"
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(out)], check=True)
    assert out.read_bytes() == qt_words.qm_path().read_bytes()
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Batal"
    assert qt_words.install(QApplication.instance()) is qt_words.install(QApplication.instance())


@pytest.mark.parametrize(("context", "source", "indonesian"), [
    ("QFileDialog", "%1 already exists.\nDo you want to replace it?",
     "%1 sudah ada.\nApakah Anda ingin menggantinya?"),
    ("QFileDialog", "%1\nFile not found.\nPlease verify the correct file name was given.",
     "%1\nBerkas tidak ditemukan.\nPastikan nama berkas yang diberikan benar."),
    ("QFileDialog", "%1\nDirectory not found.\nPlease verify the correct directory name was given.",
     "%1\nFolder tidak ditemukan.\nPastikan nama folder yang diberikan benar."),
    ("QFileSystemModel", "My Computer", "Komputer Saya"),
    ("QFileSystemModel", "Computer", "Komputer"),
    ("QPrintDialog", "Print", "Cetak"),
])
def test_messages_qt_shows_only_on_a_mistake(context, source, indonesian):
    assert QCoreApplication.translate(context, source) == indonesian


@pytest.mark.parametrize("mode", [QFileDialog.AcceptMode.AcceptOpen,
                                  QFileDialog.AcceptMode.AcceptSave])
def test_the_file_dialog(qtbot, tmp_path, mode):
    (tmp_path / "daftar.xlsx").write_bytes(b"")
    dialog = QFileDialog(None, "", str(tmp_path), "Lembar kerja (*.xlsx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(mode)
    shown(qtbot, dialog)
    texts = widget_texts(dialog)
    sidebar = dialog.findChild(QListView, "sidebar")
    texts += [("sidebar", sidebar.model().index(r, 0).data() or "")
              for r in range(sidebar.model().rowCount())]
    assert english(texts) == []
    words = {normal(text) for _where, text in texts}
    opening = mode == QFileDialog.AcceptMode.AcceptOpen
    expected = {"buka"} if opening else {"simpan", "simpan sebagai"}
    assert expected | {"lihat di", "nama berkas", "jenis berkas", "batal", "nama", "ukuran",
                       "jenis", "tanggal diubah", "tampilan detail", "tampilan daftar",
                       "kembali", "maju", "buat folder baru", "komputer"} <= words


# the offscreen platform says so for every popup menu shown
@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_line_edit_text_edit_spin_box_and_scroll_bar_menus(qtbot):
    line = shown(qtbot, QLineEdit("Guru Penggerak"))
    line.selectAll()
    texts = action_texts(line.createStandardContextMenu())
    plain = shown(qtbot, QPlainTextEdit("Kepala sekolah\n" * 80))
    plain.selectAll()
    texts += action_texts(plain.createStandardContextMenu())
    texts += popup_texts(qtbot, shown(qtbot, QDateEdit()))
    texts += popup_texts(qtbot, plain.verticalScrollBar())
    assert english(texts) == []
    words = {normal(text) for _where, text in texts}
    assert {"urungkan", "ulangi", "potong", "salin", "tempel", "hapus", "pilih semua",
            "naikkan", "turunkan", "gulir ke sini", "paling atas"} <= words


def test_message_box_button_box_progress_and_input(qtbot):
    every = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, "Kemitraan", "Simpan perubahan?", every.Yes
                      | every.No | every.Cancel | every.Save | every.Close | every.Discard)
    box.setDetailedText("rincian")
    buttons = QDialogButtonBox()
    for button in QDialogButtonBox.StandardButton:
        if button not in (QDialogButtonBox.StandardButton.NoButton,
                          QDialogButtonBox.StandardButton.FirstButton,
                          QDialogButtonBox.StandardButton.LastButton):
            buttons.addButton(button)
    progress = QProgressDialog()
    asking = QInputDialog()
    texts = []
    for widget in (box, buttons, progress, asking):
        texts += widget_texts(shown(qtbot, widget))
    assert english(texts) == []
    words = {normal(text) for _where, text in texts}
    assert {"ya", "tidak", "batal", "simpan", "tutup", "buang", "ok", "terapkan", "atur ulang",
            "bantuan", "tampilkan detail", "masukkan nilai"} <= words


def field_menus(top: QWidget) -> list[tuple[str, str]]:
    """The context menus of the visible text fields in `top` (search boxes, names, notes)."""
    fields = [*top.findChildren(QLineEdit), *top.findChildren(QPlainTextEdit)]
    texts = []
    for field in fields:
        if field.isVisible():
            texts += action_texts(field.createStandardContextMenu())
    return texts


def test_the_main_window_and_every_page(qtbot, demo_db):
    window = shown(qtbot, MainWindow(demo_db))
    texts = []
    for row in range(len(AREAS)):
        window.sidebar.setCurrentRow(row)
        QApplication.processEvents()
        texts += widget_texts(window) + field_menus(window.stack.currentWidget())
    assert english(texts) == []
    assert "urungkan" in {normal(text) for _where, text in texts}  # the menus were read


def follow_up_dialogs(db) -> list:
    """Pendampingan & Monev's dialogs: a contact, an RTL (new and changed), each monev form."""
    from kemitraan_desktop import action_plans, monev
    from kemitraan_desktop.mentoring import ProgramPeople
    from ui.follow_up.log_dialog import LogEntryDialog
    from ui.follow_up.monev_dialog import MonevEntryDialog
    from ui.follow_up.plan_dialog import PlanDialog

    program = programs.get_program(db, 2)
    people = ProgramPeople(db, program)
    mitra = next(r["id"] for r in programs.list_participants(db, 2) if r["tier"] == 2)
    plan = action_plans.get_plan(db, action_plans.add_plan(
        db, 2, mitra, "Pengimbasan model PBL di MGMP IPA", "2019-12-15"))
    return [LogEntryDialog(db, program, people), PlanDialog(db, program, people),
            PlanDialog(db, program, people, plan=plan),
            *[MonevEntryDialog(db, program, people, form) for form in monev.list_forms(db)]]


def test_the_apps_own_dialogs(qtbot, demo_db):
    from kemitraan_desktop import activities as act
    from kemitraan_desktop import pairing
    from ui.activities.activity_form import ActivityForm, ActivityPeople, ShiftDialog
    from ui.attendance.rule_dialog import RuleDialog
    from ui.programs.pairing_dialogs import AddToProgram, MentorChooser, PairingReview
    from ui.programs.participants_import import ParticipantsImportDialog
    from ui.programs.program_form import ProgramForm
    from ui.roster.import_wizard import ImportWizard
    from ui.roster.person_form import PersonForm
    from ui.settings.welcome import WelcomeDialog
    from ui.widgets.date_field import date_edit
    from ui.widgets.history_view import HistoryDialog

    program = programs.get_program(demo_db, 2)
    activity = act.get_activity(demo_db, 1)
    mentee = next(r["id"] for r in programs.list_participants(demo_db, 2) if r["tier"] == 3)
    dialogs = [ActivityForm(demo_db), ActivityForm(demo_db, activity),
               ActivityPeople(demo_db, activity), ShiftDialog(activity), RuleDialog(demo_db, 1),
               ProgramForm(demo_db), ProgramForm(demo_db, program), AddToProgram(demo_db, [1, 2]),
               MentorChooser(demo_db, program, [mentee]),
               PairingReview(demo_db, program, pairing.propose(demo_db, 2, repair=True)),
               ParticipantsImportDialog(demo_db, 2),
               PersonForm(demo_db), PersonForm(demo_db, 1), ImportWizard(demo_db),
               WelcomeDialog(), HistoryDialog(demo_db, 1, "Riwayat"), *follow_up_dialogs(demo_db)]
    texts = []
    for dialog in dialogs:
        texts += widget_texts(shown(qtbot, dialog)) + field_menus(dialog)
        dialog.close()
    calendar_owner = shown(qtbot, QWidget())
    texts += widget_texts(date_edit(calendar_owner, dt.date(2018, 1, 9)).calendarWidget())
    assert english(texts) == []
    assert {"urungkan", "januari"} <= {normal(text) for _where, text in texts}


def test_qt_has_no_indonesian_of_its_own():
    """Why the app carries qtbase_id: if a PySide6 update ships one, this says so."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    assert not (Path(folder) / "qtbase_id.qm").exists()
