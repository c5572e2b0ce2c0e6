"""Jangkauan: per inti the mitra and imbas reached against the ratio's target, as the
chart the printed report draws and as a table of every inti and mitra; the laporan
program as PDF (previewed) or .xlsx."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import charts, follow_up, programs, store
from kemitraan_desktop.indonesia import format_thousands

from ..widgets.chart import ChartWidget
from ..widgets.save_dialog import ask_save_path, file_name
from .models import ReachModel, percent

MOST = 30  # more inti than this: the chart shows the program's total (as the report does)


def reach_spec(status: follow_up.Status, program: programs.Program) -> charts.ProgressChart:
    """The reach per inti from the tracker's status, drawn as the report's reach chart."""
    tr = QCoreApplication.translate
    top = status.top
    if len(top) > MOST:
        rows = (charts.Progress(tr("ReachTab", "Seluruh program"), status.reached,
                                status.planned, status.target or 0),)
    else:
        rows = tuple(charts.Progress(r.person.name, r.reached, r.planned, r.target or 0)
                     for r in top)
    return charts.ProgressChart(rows, title=tr("ReachTab", "Jangkauan per %s") % program.role(1))


def print_report(db, program_id, as_of, path, sign_off=None, progress=None, cancelled=None):
    from kemitraan_desktop.documents.program_report import print_program_report
    return print_program_report(db, program_id, path, sign_off=sign_off, as_of=as_of)


def write_report(db, program_id, as_of, path, progress=None, cancelled=None):
    from kemitraan_desktop.spreadsheets.program_report_sheet import write_program_report
    from kemitraan_desktop.views.program_report import program_report_view
    return write_program_report(program_report_view(db, program_id, as_of=as_of), path)


class ReachTab(QWidget):
    def __init__(self, page):
        super().__init__(page)
        self.page = page
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setObjectName("reach_summary")
        self.summary.setWordWrap(True)
        bar.addWidget(self.summary, 1)
        self.pdf_button = QPushButton(self.tr("Laporan program (PDF)..."), self)
        self.pdf_button.clicked.connect(lambda: self.print_report())
        self.xlsx_button = QPushButton(self.tr("Laporan program (.xlsx)..."), self)
        self.xlsx_button.clicked.connect(lambda: self.save_report())
        bar.addWidget(self.pdf_button)
        bar.addWidget(self.xlsx_button)
        layout.addLayout(bar)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.chart = ChartWidget(None, split, minimum=(320, 160))
        self.model = ReachModel(self)
        self.table = QTableView(split)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((220, 70, 200, 100, 80, 70, 70)):
            self.table.setColumnWidth(column, width)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        split.setSizes([300, 220])
        layout.addWidget(split, 1)

    def clear(self) -> None:
        self.chart.set_spec(None)
        self.model.set_rows([])
        self.summary.clear()

    def program_opened(self) -> None:
        pass

    def load(self) -> None:
        pass  # the page reads the status for this tab and the tracker

    def show_status(self, status: follow_up.Status) -> None:
        program = self.page.program
        self.chart.set_spec(reach_spec(status, program))
        names = {r.person.participant_id: r.person.name for r in status.mentors}
        self.model.set_rows([(r, names.get(r.mentor_id, "")) for r in status.mentors])
        target = self.tr("dari target %s (%s)") % (format_thousands(status.target),
                                                   percent(status.percentage)) \
            if status.target else self.tr("(program tanpa rasio: tidak ada target)")
        self.summary.setText(self.tr("Jangkauan program: %s tercapai %s · %s direncanakan") % (
            format_thousands(status.reached), target, format_thousands(status.planned)))

    def print_report(self):
        program = self.page.program
        if program is None:
            return None
        return self.page.print_pdf(
            print_report, program.id, self.page.as_of(),
            name=file_name("laporan-program", program.title) + ".pdf",
            title=self.tr("Laporan Program - %s") % program.title,
            label=self.tr("Menyusun laporan program..."))

    def save_report(self, path: str | None = None):
        program = self.page.program
        if program is None:
            return None
        if path is None:
            chosen = ask_save_path(self, self.tr("Laporan program"),
                                   file_name("laporan-program", program.title) + ".xlsx",
                                   self.tr("Buku kerja Excel (*.xlsx)"), ".xlsx",
                                   store.db_file(self.page.db))
            if chosen is None:
                return None
            path = str(chosen)
        job = self.page.run(write_report, program.id, self.page.as_of(), path,
                            label=self.tr("Menyusun laporan program..."))
        job.succeeded.connect(lambda _r: self.page.say(
            self.tr("Laporan program disimpan di %s") % path))
        return job
