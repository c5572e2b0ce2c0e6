"""Beranda's part for the program that is open: the program chooser, what to do next with
the pairs gone quiet under it, and four charts in a 2x2 grid (the laporan program's own)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop.indonesia import format_thousands
from kemitraan_desktop.program_dashboard import Overview, ProgramChoice

from ..widgets.chart import ChartWidget
from .todo import QuietList, TodoBox

LEFT_WIDTH = 440  # the to-do and the quiet pairs; the charts take the rest
CHARTS = ("participants", "reach", "attendance", "contacts")  # left to right, top to bottom


class ChartCell(QStackedWidget):
    """A chart, or "Memuat grafik..." until its figures are read."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.waiting = QLabel(self.tr("Memuat grafik..."), self)
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.waiting.setStyleSheet("background:white; color:#5f6368")
        self.chart = ChartWidget(None, self, minimum=(270, 200))
        self.addWidget(self.waiting)
        self.addWidget(self.chart)

    def show_loading(self) -> None:
        self.setCurrentWidget(self.waiting)

    def set_spec(self, spec) -> None:
        self.chart.set_spec(spec)
        self.setCurrentWidget(self.chart)


class ProgramDashboard(QWidget):
    """Shows an Overview; asks for another program with `programChosen(id)`."""

    programChosen = Signal(int)
    stepRequested = Signal(str, int)  # a to-do line's key and its target id
    followUpRequested = Signal(int)  # program id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.overview: Overview | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        chooser_label = QLabel(self.tr("Program:"), self)
        self.chooser = QComboBox(self)
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.chooser.setMinimumContentsLength(30)
        chooser_label.setBuddy(self.chooser)
        self.chooser.activated.connect(self._chosen)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # the program's own labels
        top.addWidget(chooser_label)
        top.addWidget(self.chooser)
        top.addWidget(self.summary, 1)
        layout.addLayout(top)
        body = QHBoxLayout()
        left = QVBoxLayout()
        self.todo = TodoBox(self)
        self.quiet = QuietList(self)
        left.addWidget(self.todo)
        left.addWidget(self.quiet)
        left.addStretch(1)
        left_widget = QWidget(self)
        left_widget.setLayout(left)
        left.setContentsMargins(0, 0, 0, 0)
        left_widget.setFixedWidth(LEFT_WIDTH)
        body.addWidget(left_widget)
        grid = QGridLayout()
        self.cells: dict[str, ChartCell] = {}
        for index, key in enumerate(CHARTS):
            cell = ChartCell(self)
            cell.setObjectName(f"chart_{key}")
            self.cells[key] = cell
            grid.addWidget(cell, index // 2, index % 2)
        body.addLayout(grid, 1)
        layout.addLayout(body, 1)
        self.todo.stepRequested.connect(self.stepRequested)
        self.todo.followUpRequested.connect(self.followUpRequested)
        self.quiet.followUpRequested.connect(self.followUpRequested)
        self.show_loading()

    def _chosen(self, index: int) -> None:
        program_id = self.chooser.itemData(index)
        if program_id is not None and (self.overview is None
                                       or self.overview.program.id != program_id):
            self.show_loading()
            self.programChosen.emit(program_id)

    def set_choices(self, choices: list[ProgramChoice], current: int | None) -> None:
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for choice in choices:
            self.chooser.addItem(choice.title, choice.id)
        index = self.chooser.findData(current)
        self.chooser.setCurrentIndex(max(index, 0))
        self.chooser.blockSignals(False)

    def chosen(self) -> int | None:
        return self.chooser.currentData()

    def show_loading(self) -> None:
        self.summary.setText(self.tr("Memuat..."))
        self.todo.show_loading()
        self.quiet.show_loading()
        for cell in self.cells.values():
            cell.show_loading()

    def show_overview(self, overview: Overview) -> None:
        self.overview = overview
        program = overview.program
        tiers = ", ".join(f"{format_thousands(n)} {program.label(t + 1)}"
                          for t, n in enumerate(overview.tier_totals))
        self.summary.setText(self.tr("%s peserta (%s) · rasio %s") % (
            format_thousands(overview.participants), tiers, program.ratio_text))
        self.todo.show_overview(overview)
        self.quiet.show_overview(overview)
        for key, spec in overview.charts().items():
            self.cells[key].set_spec(spec)

    def chart_specs(self) -> dict[str, object]:
        return {key: cell.chart.spec() for key, cell in self.cells.items()}
