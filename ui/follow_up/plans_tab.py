"""RTL: every participant's action plans with their status, those past their date and not
finished highlighted; added, changed with their progress, deleted, imported, exported and
printed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import action_plans as plans
from kemitraan_desktop import store
from kemitraan_desktop.errors import KemitraanError

from ..errors import details_dialog, show_error
from ..widgets.confirm import confirm
from ..widgets.save_dialog import ask_save_path, file_name
from .models import PlansModel
from .people_field import PersonField
from .plan_dialog import PlanDialog


def import_rtl(db, program_id, path, progress=None, cancelled=None):
    from kemitraan_desktop.spreadsheets.action_plans_sheet import import_plans
    return import_plans(db, program_id, path, progress=progress, cancelled=cancelled)


def export_rtl(db, program_id, path, as_of, progress=None, cancelled=None):
    from kemitraan_desktop.spreadsheets.action_plans_sheet import export_plans
    return export_plans(db, program_id, path, as_of=as_of)


def print_rtl(db, program_id, participant_id, everyone, as_of, path, sign_off=None,
              progress=None, cancelled=None):
    from kemitraan_desktop.documents.action_plan import print_action_plans
    return print_action_plans(db, program_id, path, participant_id=participant_id,
                              everyone=everyone, as_of=as_of, sign_off=sign_off)


class PlansTab(QWidget):
    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.rows: list[dict] = []
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Peserta"), self))
        self.person = PersonField(None, self, placeholder=self.tr("semua peserta"))
        self.person.personChanged.connect(lambda _pid: self.load())
        filters.addWidget(self.person, 1)
        self.late_only = QCheckBox(self.tr("Hanya yang terlambat"), self)
        self.late_only.toggled.connect(lambda _on: self._show())
        filters.addWidget(self.late_only)
        layout.addLayout(filters)
        bar = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Tambah RTL..."), self)
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button = QPushButton(self.tr("Ubah / catat kemajuan..."), self)
        self.edit_button.clicked.connect(lambda: self.edit())
        self.delete_button = QPushButton(self.tr("Hapus"), self)
        self.delete_button.clicked.connect(lambda: self.delete())
        self.import_button = QPushButton(self.tr("Impor dari Excel..."), self)
        self.import_button.clicked.connect(lambda: self.import_sheet())
        self.export_button = QPushButton(self.tr("Ekspor .xlsx..."), self)
        self.export_button.clicked.connect(lambda: self.export())
        self.print_button = QPushButton(self.tr("Cetak RTL..."), self)
        menu = QMenu(self.print_button)
        menu.addAction(self.tr("RTL peserta terpilih..."), lambda: self.print_forms("one"))
        menu.addAction(self.tr("Semua peserta yang sudah punya RTL..."),
                       lambda: self.print_forms("with"))
        menu.addAction(self.tr("Semua peserta (formulir kosong bagi yang belum)..."),
                       lambda: self.print_forms("all"))
        self.print_button.setMenu(menu)
        for button in (self.add_button, self.edit_button, self.delete_button):
            bar.addWidget(button)
        bar.addStretch(1)
        for button in (self.import_button, self.export_button, self.print_button):
            bar.addWidget(button)
        layout.addLayout(bar)
        self.model = PlansModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        for column, width in enumerate((180, 90, 230, 140, 86, 180, 90, 170, 76)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        layout.addWidget(self.table, 1)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

    def clear(self) -> None:
        self.rows = []
        self.model.set_rows([])
        self.summary.clear()

    def program_opened(self) -> None:
        self.person.blockSignals(True)
        self.person.set_people(self.page.people())
        self.person.clear()
        self.person.blockSignals(False)

    def load(self) -> None:
        program = self.page.program
        if program is None:
            return
        pid, person, as_of = program.id, self.person.chosen(), self.page.as_of()
        self.page.ask("plans", lambda db: plans.list_plans(db, pid, participant_id=person,
                                                           as_of=as_of), self._read)

    def _read(self, rows: list[dict]) -> None:
        self.rows = rows
        self._show()

    def _show(self) -> None:
        self.model.set_rows([r for r in self.rows if r["overdue"] or not self.late_only.isChecked()])
        counts = {key: sum(1 for r in self.rows if r["status"] == key) for key in plans.STATUSES}
        late = sum(1 for r in self.rows if r["overdue"])
        self.summary.setText(self.tr("%s RTL: %s belum mulai, %s berjalan, %s selesai · "
                                     "%s terlambat") % (len(self.rows), counts["belum"],
                                                         counts["berjalan"], counts["selesai"],
                                                         late))

    def selected(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    # ---- recording

    def add(self) -> PlanDialog | None:
        if self.page.program is None:
            return None
        dialog = PlanDialog(self.page.db, self.page.program, self.page.people(), self,
                            participant_id=self.person.chosen())
        dialog.saved.connect(lambda _id, text: self.page.recorded(text))
        dialog.open()
        self.dialog = dialog
        return dialog

    def edit(self) -> PlanDialog | None:
        row = self.selected()
        if row is None:
            return None
        try:
            plan = plans.get_plan(self.page.db, row["id"], as_of=self.page.as_of())
        except KemitraanError as exc:
            show_error(self, exc)
            self.load()
            return None
        dialog = PlanDialog(self.page.db, self.page.program, self.page.people(), self, plan=plan)
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
                plans.delete_plan(self.page.db, row["id"])
            except KemitraanError as exc:
                show_error(self, exc)
                return
            self.page.recorded(self.tr("RTL dihapus."))
        self.confirm_box = confirm(self, self.tr("Hapus RTL"), self.tr(
            "Hapus RTL '%s' milik %s beserta riwayat kemajuannya?") % (row["action"], row["name"]),
            self.tr("Hapus"), delete, icon=QMessageBox.Icon.Warning)
        return self.confirm_box

    # ---- files

    def import_sheet(self, path: str | None = None):
        program = self.page.program
        if program is None:
            return None
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Impor RTL"), "", self.tr("Lembar kerja (*.xlsx *.xls *.ods *.csv)"))
            if not path:
                return None
        job = self.page.run(import_rtl, program.id, path, label=self.tr("Mengimpor RTL..."))
        job.succeeded.connect(self._imported)
        return job

    def _imported(self, report) -> None:
        if report.written:
            self.page.recorded(report.summary())
        if not report.written or report.warnings:
            self.import_box = details_dialog(self, self.tr("Impor RTL"), report.summary(),
                                             report.details())

    def export(self, path: str | None = None):
        program = self.page.program
        if program is None:
            return None
        if path is None:
            chosen = ask_save_path(self, self.tr("Ekspor RTL"), file_name("rtl", program.title)
                                   + ".xlsx", self.tr("Buku kerja Excel (*.xlsx)"), ".xlsx",
                                   store.db_file(self.page.db))
            if chosen is None:
                return None
            path = str(chosen)
        job = self.page.run(export_rtl, program.id, path, self.page.as_of(),
                            label=self.tr("Mengekspor RTL..."))
        job.succeeded.connect(lambda _r: self.page.say(self.tr("RTL disimpan di %s") % path))
        return job

    def print_forms(self, which: str = "with"):
        program = self.page.program
        if program is None:
            return None
        person = None
        if which == "one":
            row = self.selected()
            person = row["participant_id"] if row else self.person.chosen()
            if person is None:
                self.page.say(self.tr("Pilih dulu RTL atau peserta yang akan dicetak."))
                return None
        return self.page.print_pdf(
            print_rtl, program.id, person, which == "all", self.page.as_of(),
            name=file_name("rtl", program.title) + ".pdf",
            title=self.tr("Rencana Tindak Lanjut - %s") % program.title,
            label=self.tr("Menyusun formulir RTL..."))
