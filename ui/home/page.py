"""Beranda: the roster counted by position, jenjang, subject and province, and recent changes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import dashboard, people
from kemitraan_desktop.indonesia import format_date, format_thousands

from ..ops import DbWorker

_TITLES = {"position": "Jabatan", "jenjang": "Jenjang", "subject": "Mata pelajaran",
           "province": "Provinsi"}


def _table(parent: QWidget, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setDefaultSectionSize(22)
    return table


def _when(stamp: str | None) -> str:
    """`2026-11-23T14:56:00` -> `23 November 2026 14.56`."""
    if not stamp:
        return ""
    moment = dt.datetime.fromisoformat(stamp)
    return f"{format_date(moment.date(), with_weekday=False)} {moment:%H.%M}"


class HomePage(QWidget):
    """Small summary tables (a few dozen rows at most), so a widget table is fine here."""

    def __init__(self, db, worker: DbWorker, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.worker = db, worker
        self._ticket = 0
        self.worker.done.connect(self._answered)
        self.worker.failed.connect(self._failed)
        layout = QVBoxLayout(self)
        self.total = QLabel(self)
        self.total.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.total)
        grid = QGridLayout()
        self.tables: dict[str, QTableWidget] = {}
        for index, key in enumerate(_TITLES):
            box = QGroupBox(self.tr(_TITLES[key]), self)
            box_layout = QVBoxLayout(box)
            table = _table(box, [self.tr(_TITLES[key]), self.tr("Jumlah")])
            box_layout.addWidget(table)
            self.tables[key] = table
            grid.addWidget(box, index // 2, index % 2)
        layout.addLayout(grid, 2)
        recent_box = QGroupBox(self.tr("Perubahan terakhir"), self)
        recent_layout = QVBoxLayout(recent_box)
        self.recent = _table(recent_box, [self.tr("Nama"), self.tr("Asal Sekolah"),
                                          self.tr("Diubah")])
        header = self.recent.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.recent.setColumnWidth(0, 320)
        self.recent.setColumnWidth(2, 170)
        self.recent.setWordWrap(False)
        self.recent.verticalHeader().setDefaultSectionSize(22)
        recent_layout.addWidget(self.recent)
        layout.addWidget(recent_box, 1)
        self.total.setText(self.tr("<h2>Beranda</h2>Memuat..."))

    def refresh(self) -> None:
        """Count in the worker (a second at 1M people); fill the tables when it answers."""
        self._ticket = self.worker.submit(lambda db: (
            people.count_people(db), dashboard.counts(db), dashboard.recent_changes(db),
            dashboard.program_figures(db)))

    def loading(self) -> bool:
        return self._ticket in self.worker._pending

    def _failed(self, ticket: int, error) -> None:
        if ticket == self._ticket:
            message = getattr(error, "message", None) or self.tr("angka tidak dapat dihitung")
            self.total.setText(self.tr("<h2>Beranda</h2>") + message)

    def _answered(self, ticket: int, result) -> None:
        if ticket != self._ticket:
            return
        total, counts, changes, (programs, participants, activities) = result
        self.total.setText(self.tr("<h2>Beranda</h2>%s guru dan kepala sekolah di daftar · %s "
                                   "program (%s peserta) · %s kegiatan.")
                           % (format_thousands(total), programs, format_thousands(participants),
                              activities))
        for key, rows in counts.items():
            self._fill(self.tables[key], [(label, format_thousands(n)) for label, n in rows])
        self._fill(self.recent, [(p["name"], p["school"] or "-", _when(p["updated_at"]))
                                 for p in changes])

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(str(value))
                if c == 1 and len(row) == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(r, c, item)
