"""Riwayat: the audit trail of a person or a program, newest first, as a read-only table
(when, what), with a filter box; and the dialog the person form opens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import history

KINDS = history.ENTITY


class HistoryView(QWidget):
    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.entries: list[history.Entry] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Saring: nama, NIP, kehadiran, sertifikat..."))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda _t: self.fill())
        layout.addWidget(self.filter)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Waktu"), self.tr("Siapa"), self.tr("Bagian"),
                                              self.tr("Perubahan")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)  # one line each; the whole text in the tooltip
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.count = QLabel(self)
        layout.addWidget(self.count)

    def load(self, *, person_id: int | None = None, program_id: int | None = None) -> None:
        self.entries = (history.entries(self.db, person_id=person_id, program_id=program_id)
                        if person_id is not None or program_id is not None else [])
        self.table.setColumnHidden(1, person_id is not None)  # one person: their name is the title
        self.fill()

    def fill(self) -> None:
        words = self.filter.text().casefold().split()
        shown = [e for e in self.entries
                 if all(w in f"{e.who} {e.text} {KINDS[e.entity]}".casefold() for w in words)]
        self.table.setRowCount(len(shown))
        for r, entry in enumerate(shown):
            for c, value in enumerate((entry.when, entry.who, self.tr(KINDS[entry.entity]), entry.text)):
                item = QTableWidgetItem(value)
                item.setToolTip(entry.text)
                self.table.setItem(r, c, item)
        self.count.setText(self.tr("%s perubahan") % len(shown) if shown else
                           self.tr("Belum ada perubahan tercatat."))
        self.shown = shown


class HistoryDialog(QDialog):
    def __init__(self, db, person_id: int, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Riwayat perubahan: %s") % title)
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        self.view = HistoryView(db, self)
        self.view.load(person_id=person_id)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, Qt.Orientation.Horizontal, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
