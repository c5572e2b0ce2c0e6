"""Log pendampingan: the contacts per month, per mentor, per mentee; the quick entry
dialog; the mitra's sheets imported in the background and the empty sheet to send them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import mentoring as mtr
from kemitraan_desktop import store
from kemitraan_desktop.errors import KemitraanError
from kemitraan_desktop.indonesia import format_thousands

from ..errors import details_dialog, show_error
from ..widgets.confirm import confirm
from ..widgets.save_dialog import ask_save_path
from .log_dialog import LogEntryDialog
from .models import LogModel, month_name, window_months
from .people_field import PersonField


def import_log(db, program_id, path, progress=None, cancelled=None):
    from kemitraan_desktop.spreadsheets.mentoring_sheet import import_entries
    return import_entries(db, program_id, path, progress=progress, cancelled=cancelled)


def write_template(db, path, progress=None, cancelled=None):
    from kemitraan_desktop.spreadsheets.mentoring_sheet import template_workbook
    return template_workbook(path)


class LogTab(QWidget):
    def __init__(self, page):
        super().__init__(page)
        self.page = page
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.month = QComboBox(self)
        self.month.setObjectName("month")
        self.month.currentIndexChanged.connect(lambda _i: self.load())
        self.mentor = PersonField(None, self, placeholder=self.tr("semua pembimbing"))
        self.mentee = PersonField(None, self, placeholder=self.tr("semua peserta"))
        for field in (self.mentor, self.mentee):
            field.personChanged.connect(lambda _pid: self.load())
        for label, widget, stretch in (("Bulan", self.month, 0), ("Pembimbing", self.mentor, 1),
                                       ("Peserta", self.mentee, 1)):
            filters.addWidget(QLabel(self.tr(label), self))
            filters.addWidget(widget, stretch)
        layout.addLayout(filters)
        bar = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Catat pendampingan..."), self)
        self.add_button.setShortcut("Ctrl+Shift+N")
        self.add_button.setToolTip(self.tr("Ctrl+Shift+N"))
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button = QPushButton(self.tr("Ubah..."), self)
        self.edit_button.clicked.connect(lambda: self.edit())
        self.delete_button = QPushButton(self.tr("Hapus"), self)
        self.delete_button.clicked.connect(lambda: self.delete())
        self.import_button = QPushButton(self.tr("Impor dari Excel..."), self)
        self.import_button.clicked.connect(lambda: self.import_sheet())
        self.template_button = QPushButton(self.tr("Template Excel untuk mitra..."), self)
        self.template_button.clicked.connect(lambda: self.save_template())
        for button in (self.add_button, self.edit_button, self.delete_button):
            bar.addWidget(button)
        bar.addStretch(1)
        for button in (self.import_button, self.template_button):
            bar.addWidget(button)
        layout.addLayout(bar)
        self.model = LogModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((86, 170, 170, 110, 40, 240, 160, 150, 48)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        layout.addWidget(self.table, 1)
        self.count = QLabel(self)
        self.count.setWordWrap(True)
        layout.addWidget(self.count)

    # ---- the program and its list

    def clear(self) -> None:
        self.model.set_rows([])
        self.count.clear()

    def program_opened(self) -> None:
        people = self.page.people()
        mentors = {m.mentor_id for m in people.members.values() if m.mentor_id}
        self.mentor.set_people(people, lambda m: m.id in mentors)
        self.mentee.set_people(people, lambda m: m.mentor_id is not None)
        for field in (self.mentor, self.mentee):
            field.blockSignals(True)
            field.clear()
            field.blockSignals(False)
        window = self.page.period
        self.month.blockSignals(True)
        self.month.clear()
        self.month.addItem(self.tr("Semua bulan"), None)
        for month in window_months(window.start, window.end) if window else []:
            self.month.addItem(month_name(month), month)
        self.month.blockSignals(False)

    def _months_read(self, counts: dict[str, int]) -> None:
        """Months with contacts outside the window join the choice."""
        for month in counts:
            if self.month.findData(month) < 0:
                self.month.addItem(month_name(month), month)

    def load(self) -> None:
        program = self.page.program
        if program is None:
            return
        pid, month = program.id, self.month.currentData()
        mentor, mentee = self.mentor.chosen(), self.mentee.chosen()
        self.page.ask("log", lambda db: mtr.list_entries(db, pid, mentor_id=mentor,
                                                         mentee_id=mentee, month=month),
                      self._read)
        self.page.ask("log-months", lambda db: mtr.entries_by_month(db, pid), self._months_read)

    def _read(self, rows: list[dict]) -> None:
        self.model.set_rows(rows)
        jp = sum(r["jp"] or 0 for r in rows)
        self.count.setText(self.tr("%s catatan pendampingan · %s JP") % (
            format_thousands(len(rows)), format_thousands(round(jp))))

    def show_pair(self, mentor_id: int, mentee_id: int) -> None:
        for field, pid in ((self.mentor, mentor_id), (self.mentee, mentee_id)):
            field.blockSignals(True)
            field.choose(pid)
            field.blockSignals(False)
        self.month.blockSignals(True)
        self.month.setCurrentIndex(0)
        self.month.blockSignals(False)
        self.load()

    def selected(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    # ---- recording

    def add(self) -> LogEntryDialog | None:
        if self.page.program is None:
            return None
        dialog = LogEntryDialog(self.page.db, self.page.program, self.page.people(), self,
                                mentor_id=self.mentor.chosen(), mentee_id=self.mentee.chosen())
        dialog.saved.connect(lambda _id, text: self.page.recorded(text))
        dialog.open()
        self.dialog = dialog
        return dialog

    def edit(self) -> LogEntryDialog | None:
        row = self.selected()
        if row is None:
            return None
        try:
            entry = mtr.get_entry(self.page.db, row["id"])
        except KemitraanError as exc:
            show_error(self, exc)
            self.load()
            return None
        dialog = LogEntryDialog(self.page.db, self.page.program, self.page.people(), self,
                                entry=entry)
        dialog.saved.connect(lambda _id, text: self.page.recorded(text))
        dialog.open()
        self.dialog = dialog
        return dialog

    def delete(self) -> QMessageBox | None:
        row = self.selected()
        if row is None:
            return None

        def delete():
            try:
                mtr.delete_entry(self.page.db, row["id"])
            except KemitraanError as exc:
                show_error(self, exc)
                return
            self.page.recorded(self.tr("Catatan pendampingan dihapus."))
        self.confirm_box = confirm(
            self, self.tr("Hapus pendampingan"),
            self.tr("Hapus catatan pendampingan %s dengan %s tanggal %s beserta buktinya?") % (
                row["mentor_name"], row["mentee_name"], row["day"].strftime("%d/%m/%Y")),
            self.tr("Hapus"), delete, icon=QMessageBox.Icon.Warning)
        return self.confirm_box

    # ---- files

    def import_sheet(self, path: str | None = None):
        program = self.page.program
        if program is None:
            return None
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Impor pendampingan"), "",
                self.tr("Lembar kerja (*.xlsx *.xls *.ods *.csv)"))
            if not path:
                return None
        job = self.page.run(import_log, program.id, path,
                            label=self.tr("Mengimpor pendampingan..."))
        job.succeeded.connect(self._imported)
        return job

    def _imported(self, report) -> None:
        if report.written:
            self.page.recorded(report.summary())
        if not report.written or report.warnings:
            self.import_box = details_dialog(self, self.tr("Impor pendampingan"),
                                             report.summary(), report.details())

    def save_template(self, path: str | None = None):
        if path is None:
            chosen = ask_save_path(self, self.tr("Template pendampingan untuk mitra"),
                                   "jurnal-pendampingan.xlsx",
                                   self.tr("Buku kerja Excel (*.xlsx)"), ".xlsx",
                                   store.db_file(self.page.db))
            if chosen is None:
                return None
            path = str(chosen)
        job = self.page.run(write_template, path, label=self.tr("Menyimpan template..."))
        job.succeeded.connect(lambda _r: self.page.say(self.tr("Template disimpan di %s") % path))
        return job
