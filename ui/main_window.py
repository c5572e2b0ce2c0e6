"""The main window. Until the desktop issue lands: the roster with search-as-you-type."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QTableView, QVBoxLayout, QWidget

from kemitraan_desktop import people, store
from kemitraan_desktop.indonesia import format_nip, format_thousands

from .table_model import LazyTableModel


class MainWindow(QMainWindow):
    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Kemitraan Desktop"))
        self.resize(1280, 720)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.search = QLineEdit(central)
        self.search.setPlaceholderText(self.tr("Cari nama, sekolah, NUPTK atau NIP... (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.model = LazyTableModel(
            [("name", self.tr("Nama")), ("nuptk", self.tr("NUPTK")), ("nip", self.tr("NIP")),
             ("school", self.tr("Asal Sekolah")), ("subject", self.tr("Mata Pelajaran")),
             ("region", self.tr("Kab/Kota")), ("ukg", self.tr("Nilai UKG"))],
            lambda ids: people.fetch_people(self.db, ids), self,
            formatters={"nip": format_nip, "ukg": lambda v: f"{v:.2f}".replace(".", ",")})
        self.table = QTableView(central)
        self.table.setModel(self.model)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        for column, width in enumerate((250, 140, 170, 210, 130, 210, 80)):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table)
        self.count = QLabel(central)
        layout.addWidget(self.count)
        self.setCentralWidget(central)
        self.statusBar().showMessage(self.tr("Basis data: %s") % store.db_file(db))
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refresh()

    def refresh(self) -> None:
        ids = people.query_ids(self.db, self.search.text())
        self.model.set_ids(ids)
        self.count.setText(self.tr("%s orang") % format_thousands(len(ids)))
