"""The main window: the sidebar of the program's areas, menus, shortcuts, status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from kemitraan_desktop import __version__, people, programs, store
from kemitraan_desktop.errors import KemitraanError
from kemitraan_desktop.indonesia import format_thousands
from kemitraan_desktop.spreadsheets.reader import SPREADSHEET_SUFFIXES

from . import data_files
from .errors import details_dialog, show_error
from .home.page import HomePage
from .ops import DbWorker, Job, registry
from .roster.page import PeoplePage
from .settings.page import SettingsPage
from .widgets.save_dialog import ask_save_path

AREAS = ("Beranda", "Guru & Kepala Sekolah", "Program & Pasangan", "Kegiatan & Rundown",
         "Kehadiran", "Sertifikat", "Pendampingan & Monev", "Pengaturan")
HOME, PEOPLE, PROGRAMS, ACTIVITIES, ATTENDANCE, CERTIFICATES, FOLLOW_UP, SETTINGS = range(8)


class MainWindow(QMainWindow):
    """Holds one open database. Switching databases is the app's job: the window asks for
    it with `databaseRequested(path, create)` and is replaced."""

    databaseRequested = Signal(str, bool)
    reloadRequested = Signal(str)  # the data was replaced (a restore): rebuild, then say this

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.db_path = store.db_file(db)
        self.setWindowTitle(self.tr("Kemitraan Desktop - %s") % self.db_path.name)
        self.setAcceptDrops(True)
        self.undo_stack = QUndoStack(self)
        self.wizard = None
        self.replaced = False  # set by the app when another window takes this one's place
        self.sidebar = QListWidget(self)
        self.sidebar.addItems([self.tr(area) for area in AREAS])
        self.sidebar.setFixedWidth(210)
        self.sidebar.setStyleSheet("QListWidget { font-size: 11pt; } QListWidget::item { padding: 8px; }")
        self.stack = QStackedWidget(self)
        # Two readers: one for the lists a user waits on, one for slower figures.
        self.list_worker = DbWorker(self.db_path, self)
        self.worker = DbWorker(self.db_path, self)
        self.home = HomePage(db, self.worker, self)
        self.people_page = PeoplePage(db, self.undo_stack, self.list_worker, self.worker, self)
        # Built when first opened (their modules cost ~60 ms at start-up): see the properties.
        self._programs_page = self._activities_page = self._attendance_page = None
        self._certificates_page = self._follow_up_page = None
        self.settings_page = SettingsPage(db, self)
        pages = {HOME: self.home, PEOPLE: self.people_page, PROGRAMS: QWidget(self),
                 ACTIVITIES: QWidget(self), ATTENDANCE: QWidget(self),
                 CERTIFICATES: QWidget(self), FOLLOW_UP: QWidget(self),
                 SETTINGS: self.settings_page}
        for index in range(len(AREAS)):
            self.stack.addWidget(pages[index])
        self.sidebar.currentRowChanged.connect(self._show_area)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.db_label = QLabel(self.tr("Basis data: %s") % self.db_path, self)
        self.count_label = QLabel(self)
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.count_label)
        self.people_page.countChanged.connect(self._show_count)
        self.people_page.addToProgramRequested.connect(self.add_to_program)
        self.people_page.importRequested.connect(lambda: self.start_import())
        self.home.stepRequested.connect(self.do_step)
        self.home.todoRequested.connect(self.do_step)  # (key, activity or program id)
        self.home.followUpRequested.connect(lambda program: self.do_step("quiet", program))
        self._show_count(people.count_people(db))
        self._menus()
        self._restore_settings()
        self.sidebar.setCurrentRow(HOME)

    # ---- menus and shortcuts

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(self.tr(text), self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _menus(self) -> None:
        berkas = self.menuBar().addMenu(self.tr("&Berkas"))
        berkas.addAction(self._action("Basis data baru...", self.new_database))
        berkas.addAction(self._action("Buka...", self.open_database, QKeySequence.StandardKey.Open))
        berkas.addAction(self._action("Cadangkan sekarang...", self.backup))
        berkas.addAction(self._action("Pulihkan dari cadangan...", lambda: self.restore()))
        berkas.addSeparator()
        berkas.addAction(self._action("Impor...", lambda: self.start_import(), "Ctrl+I"))
        berkas.addAction(self._action("Ekspor...", self.export, "Ctrl+E"))
        berkas.addAction(self._action("Templat impor...", self.save_template))
        berkas.addSeparator()
        berkas.addAction(self._action("Kirim data ke kantor lain...", lambda: self.send_data()))
        berkas.addAction(self._action("Terima data dari kantor lain...", lambda: self.receive_data()))
        berkas.addSeparator()
        berkas.addAction(self._action("Keluar", self.close, QKeySequence.StandardKey.Quit))
        ubah = self.menuBar().addMenu(self.tr("&Ubah"))
        undo = self.undo_stack.createUndoAction(self, self.tr("Urungkan"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("Ulangi"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        ubah.addAction(undo)
        ubah.addAction(redo)
        ubah.addSeparator()
        ubah.addAction(self._action("Tambah guru...", self.add_person, QKeySequence.StandardKey.New))
        ubah.addAction(self._action("Cari", self.focus_search, QKeySequence.StandardKey.Find))
        bantuan = self.menuBar().addMenu(self.tr("B&antuan"))
        bantuan.addAction(self._action("Tentang Kemitraan Desktop", self.about))

    def _install(self, index: int, page: QWidget) -> None:
        old = self.stack.widget(index)
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(old)
        old.deleteLater()
        self.stack.setCurrentIndex(current)

    @property
    def programs_page(self):
        if self._programs_page is None:
            from .programs.page import ProgramsPage

            page = ProgramsPage(self.db, self.undo_stack, self.worker, self)
            page.addToProgramRequested.connect(self.add_to_program)
            page.editPersonRequested.connect(self.people_page.edit)
            page.changed.connect(self.home.refresh)
            page.changed.connect(lambda: self._activities_page and self._activities_page.refresh())
            self._programs_page = page
            self._install(PROGRAMS, page)
        return self._programs_page

    @property
    def activities_page(self):
        if self._activities_page is None:
            from .activities.page import ActivitiesPage

            self._activities_page = ActivitiesPage(self.db, self.undo_stack, self)
            self._install(ACTIVITIES, self._activities_page)
        return self._activities_page

    @property
    def attendance_page(self):
        if self._attendance_page is None:
            from .attendance.page import AttendancePage

            self._attendance_page = AttendancePage(self.db, self.undo_stack, self)
            self._install(ATTENDANCE, self._attendance_page)
        return self._attendance_page

    @property
    def certificates_page(self):
        if self._certificates_page is None:
            from .certificates.page import CertificatesPage

            self._certificates_page = CertificatesPage(self.db, self)
            self._install(CERTIFICATES, self._certificates_page)
        return self._certificates_page

    @property
    def follow_up_page(self):
        if self._follow_up_page is None:
            from .follow_up.page import FollowUpPage

            page = FollowUpPage(self.db, self.undo_stack, self, self.worker)
            page.changed.connect(self.home.refresh)
            self._follow_up_page = page
            self._install(FOLLOW_UP, page)
        return self._follow_up_page

    def _show_area(self, index: int) -> None:
        if index == FOLLOW_UP:
            self.follow_up_page  # noqa: B018 - built on first visit
        if index == CERTIFICATES:
            self.certificates_page  # noqa: B018 - built on first visit
        if index == ATTENDANCE:
            self.attendance_page  # noqa: B018 - built on first visit
        if index == PROGRAMS:
            self.programs_page  # noqa: B018 - built on first visit
        elif index == ACTIVITIES:
            self.activities_page  # noqa: B018
        self.stack.setCurrentIndex(index)
        if index == HOME:
            self.home.refresh()

    def _show_count(self, count: int) -> None:
        self.count_label.setText(self.tr("%s orang") % format_thousands(count))

    def focus_search(self) -> None:
        if self._programs_page is not None and self.stack.currentWidget() is self._programs_page \
                and self._programs_page.program:
            self.programs_page.search.setFocus()  # Ctrl+F searches the tree there
            self.programs_page.search.selectAll()
            return
        self.sidebar.setCurrentRow(PEOPLE)
        self.people_page.focus_search()

    def do_step(self, key: str, target: int | None = None):
        """A step of Beranda's "Langkah berikutnya" (home/page.py STEPS) or a line of its
        "Yang perlu dikerjakan" (home/todo.py LINES: `target` is the program for pairs,
        the activity for the others), done here."""
        if key == "pairs":
            self.sidebar.setCurrentRow(PROGRAMS)
            self.programs_page.reload_programs(select=target)
        elif key == "week":
            self.sidebar.setCurrentRow(ACTIVITIES)
            self.activities_page.reload_activities(select=target)
        elif key == "attendance":
            self.sidebar.setCurrentRow(ATTENDANCE)
            self.attendance_page.reload_activities(select=target)
        elif key == "certificates":
            self.sidebar.setCurrentRow(CERTIFICATES)
            self.certificates_page.reload(select=target)
        elif key in ("quiet", "rtl"):
            self.sidebar.setCurrentRow(FOLLOW_UP)
            self.follow_up_page.show_part(key, target)
        elif key == "office":
            self.sidebar.setCurrentRow(SETTINGS)
            self.settings_page.focus_first_empty()
        elif key == "roster":
            return self.start_import()
        elif key == "program":
            self.sidebar.setCurrentRow(PROGRAMS)
            return self.programs_page.new_program()
        elif key == "participants":
            self.sidebar.setCurrentRow(PEOPLE)
            self.statusBar().showMessage(self.tr(
                "Pilih guru di daftar (Ctrl+klik, atau 'Pilih dari daftar NIP...'), lalu "
                "'Tambahkan ke program...'"), 30000)
        elif key == "activity":
            self.sidebar.setCurrentRow(ACTIVITIES)
            return self.activities_page.new_activity()
        return None

    def add_person(self) -> None:
        self.sidebar.setCurrentRow(PEOPLE)
        self.people_page.add()

    def roster_changed(self) -> None:
        self.people_page.roster_changed()
        if self._programs_page is not None:
            self._programs_page.roster_changed()
        self.home.refresh()

    def add_to_program(self, person_ids: list[int]):
        """Roster people into a program (from the roster page's selection), undoable."""
        from .programs.pairing_dialogs import AddToProgram
        from .undo import AddParticipants

        if not person_ids:
            return None
        dialog = AddToProgram(self.db, person_ids, self)

        def add(program_id, ids, tier, subject, fallback=None):
            command = AddParticipants(self.db, program_id, ids, tier, subject,
                                      self.programs_page.participants_changed, fallback)
            self.undo_stack.push(command)
            result = command.result
            if result is None:
                return
            program = programs.get_program(self.db, program_id)
            text = self.tr("%s orang ditambahkan sebagai %s di %s.") % (
                len(result.added), program.label(tier), program.title)
            if result.skipped:
                self.add_result_box = details_dialog(
                    self, self.tr("Tambahkan ke program"),
                    text + " " + self.tr("%s tidak ditambahkan:") % len(result.skipped),
                    result.skipped)
            self.statusBar().showMessage(text, 8000)
        dialog.added.connect(add)
        dialog.open()
        return dialog

    # ---- files

    def start_import(self, path: str | None = None):
        """Ctrl+I or a dropped workbook: participants when a program is open on its page,
        otherwise the roster."""
        if self._programs_page is not None and self.stack.currentWidget() is self._programs_page \
                and self._programs_page.program:
            return self._programs_page.import_participants(path)
        from .roster.import_wizard import ImportWizard

        if self.wizard is not None:
            self.wizard.reject()  # cancels and waits for its work
        self.wizard = ImportWizard(self.db, path, self)
        self.wizard.imported.connect(self._imported)
        self.wizard.open()
        return self.wizard

    def _imported(self, report) -> None:
        # Undo steps from before the import could collide with what it wrote.
        self.undo_stack.clear()
        self.roster_changed()
        summary = getattr(report, "summary", None)
        if callable(summary):
            self.statusBar().showMessage(summary(), 30000)

    def export(self) -> None:
        """The roster as the list shows it (search, filters, sort), loaded or not."""
        self.people_page.export()

    def save_template(self) -> None:
        from kemitraan_desktop.spreadsheets import write_template

        path = ask_save_path(self, self.tr("Simpan templat impor"), "templat-impor-guru.xlsx",
                             self.tr("Buku kerja Excel (*.xlsx)"), ".xlsx", self.db_path)
        if path:
            try:
                write_template(path)
            except KemitraanError as exc:
                show_error(self, exc)

    def backup(self, folder: str | None = None) -> Job | None:
        return data_files.backup(self, folder)

    def restore(self, path: str | None = None, *, confirm: bool = True) -> Job | None:
        return data_files.restore(self, path, confirm=confirm)

    def send_data(self):
        return data_files.send_data(self)

    def receive_data(self, path: str | None = None):
        return data_files.receive_data(self, path)

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Basis data baru"), "kemitraan.db",
                                              self.tr("Basis data Kemitraan (*.db)"))
        if path:
            self.databaseRequested.emit(path if path.endswith(".db") else path + ".db", True)

    def open_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Buka basis data"), str(self.db_path.parent),
                                              self.tr("Basis data Kemitraan (*.db);;Semua berkas (*)"))
        if path:
            self.databaseRequested.emit(path, False)

    def about(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Tentang Kemitraan Desktop"),
                          self.tr("<b>Kemitraan Desktop %s</b><br>Aplikasi luring Program Kemitraan "
                                  "GTK untuk Dinas Pendidikan.<br><br>Basis data: %s")
                          % (__version__, self.db_path), QMessageBox.StandardButton.Close, self)
        box.button(QMessageBox.StandardButton.Close).setText(self.tr("Tutup"))
        box.open()
        return box

    # ---- drag and drop

    @staticmethod
    def _dropped_file(event) -> str | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if len(urls) == 1 and urls[0].isLocalFile():
            path = urls[0].toLocalFile()
            if Path(path).suffix.lower() in SPREADSHEET_SUFFIXES:
                return path
        return None

    def dragEnterEvent(self, event) -> None:
        if self._dropped_file(event):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        path = self._dropped_file(event)
        if path:
            event.acceptProposedAction()
            self.start_import(path)

    # ---- settings and closing

    def _restore_settings(self) -> None:
        settings = QSettings()
        size, pos = settings.value("main/size"), settings.value("main/pos")
        # The first time: the screen's free area less the title bar (on a 1366x768 laptop the
        # taskbar leaves 728 pixels, and 720 plus a title bar would sit under it).
        free = self.screen().availableGeometry()
        first = QSize(min(1280, free.width() - 16), min(720, free.height() - 40))
        self.resize(size if isinstance(size, QSize) else first)
        # A position on a screen that is gone (a projector unplugged) is not restored.
        if isinstance(pos, QPoint) and any(screen.availableGeometry().contains(pos)
                                           for screen in QGuiApplication.screens()):
            self.move(pos)
        if settings.value("main/maximized", False, type=bool):
            self.setWindowState(Qt.WindowState.WindowMaximized)
        header = settings.value("people/header")
        if header is not None:
            self.people_page.table.horizontalHeader().restoreState(header)

    def closeEvent(self, event) -> None:
        # Work still running (a print, an import, a certificate batch) is finished or
        # cancelled first: a thread cut off at exit aborts the app.
        # A window replaced by another leaves the day's backup (quiet work) running.
        if not registry().finish(self, quiet=not self.replaced):
            event.ignore()
            return
        settings = QSettings()
        settings.setValue("main/maximized", self.isMaximized())
        if not self.isMaximized():
            settings.setValue("main/size", self.size())
            settings.setValue("main/pos", self.pos())
        settings.setValue("people/header", self.people_page.table.horizontalHeader().saveState())
        self.worker.stop()
        self.list_worker.stop()
        super().closeEvent(event)
