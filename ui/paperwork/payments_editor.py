"""The daftar penerimaan's amounts: one row per role of the activity, the rupiah it pays
for transport, per day and as honorarium, typed as offices write them and saved at once;
and the Bendahara Pengeluaran who signs the list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import payments
from kemitraan_desktop.errors import KemitraanError
from kemitraan_desktop.office import Signatory
from kemitraan_desktop.rupiah import format_rupiah

from .notes import note

BAD = QColor("#fde0dc")


def amount_text(amount: int) -> str:
    """How a typed amount is shown back: 1.500.000 (empty for none)."""
    return f"{amount:,}".replace(",", ".") if amount else ""


class PaymentsEditor(QWidget):
    """Tarif per peran (saved as each cell is typed) and the treasurer (saved as each
    field is left). A cell that is not an amount stays red with the reason underneath and
    is not saved; `ready()` says whether every cell is an amount."""

    saved = Signal()

    def __init__(self, db, activity_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.activity_id = db, activity_id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(note(self.tr(
            "Tarif per orang. Ketik misalnya 150.000, Rp 1.500.000 atau 1,5 juta; uang harian "
            "dikalikan jumlah hari yang dihadiri. Tersimpan begitu diketik."), self))
        self.headers = [self.tr("Transport"), self.tr("Uang harian (per hari)"),
                        self.tr("Honorarium")]
        self.table = QTableWidget(0, len(payments.ITEMS), self)
        self.table.setObjectName("rates")
        self.table.setHorizontalHeaderLabels(self.headers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        layout.addWidget(self.table)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.hide()
        layout.addWidget(self.problem)
        self.total = QLabel(self)
        self.total.setWordWrap(True)
        layout.addWidget(self.total)
        layout.addWidget(self._treasurer_box())
        layout.addStretch(1)
        self.load()

    def _treasurer_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Bendahara Pengeluaran (penanda tangan daftar)"), self)
        form = QFormLayout(box)
        treasurer = payments.load_treasurer(self.db)
        self.treasurer = {}
        for key, label, value, hint in (
                ("name", self.tr("Nama"), treasurer.name, self.tr("nama dengan gelar")),
                ("nip", self.tr("NIP"), treasurer.nip, self.tr("18 angka")),
                ("rank", self.tr("Pangkat/gol."), treasurer.rank, self.tr("misalnya Penata, III/c"))):
            edit = QLineEdit(value, box)
            edit.setObjectName(f"treasurer_{key}")
            edit.setPlaceholderText(hint)
            edit.editingFinished.connect(self.save_treasurer)
            form.addRow(label, edit)
            self.treasurer[key] = edit
        return box

    # ---- the rates

    def load(self) -> None:
        self.roles = payments.roles(self.db, self.activity_id)
        rates = payments.load_rates(self.db, self.activity_id)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.roles))
        self.table.setVerticalHeaderLabels([payments.role_label(r) for r in self.roles])
        for row, role in enumerate(self.roles):
            for column, item in enumerate(payments.ITEMS):
                cell = QTableWidgetItem(amount_text(rates.get(role, {}).get(item, 0)))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, cell)
        self.table.blockSignals(False)
        self.table.itemChanged.connect(self._typed, Qt.ConnectionType.UniqueConnection)
        rows = min(max(len(self.roles), 1), 6)  # taller lists scroll
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height()
                                  + rows * self.table.verticalHeader().defaultSectionSize()
                                  + 2 * self.table.frameWidth() + 6)
        if not self.roles:
            self.problem.setText(self.tr("Kegiatan ini belum mempunyai peserta, panitia atau "
                                         "narasumber; tambahkan dulu lewat tombol Peserta..."))
            self.problem.show()
        self._show_total()

    def _typed(self, cell: QTableWidgetItem) -> None:
        try:
            amount = payments.parse_amount(cell.text())
        except KemitraanError as exc:
            self._mark(cell, exc.message)
            return
        self.table.blockSignals(True)
        cell.setText(amount_text(amount))
        cell.setBackground(QBrush())
        cell.setToolTip("")
        self.table.blockSignals(False)
        self.save_rates()

    def _mark(self, cell: QTableWidgetItem, message: str) -> None:
        self.table.blockSignals(True)
        cell.setBackground(BAD)
        cell.setToolTip(message)
        self.table.blockSignals(False)
        role = payments.role_label(self.roles[cell.row()])
        self.problem.setText(self.tr("%s, %s: %s Tarif ini belum disimpan.")
                             % (role, self.headers[cell.column()], message))
        self.problem.show()

    def rates(self) -> dict[str, dict[str, int]]:
        """What the cells say (a cell that is not an amount counts as its saved value)."""
        saved = payments.load_rates(self.db, self.activity_id)
        found = {}
        for row, role in enumerate(self.roles):
            for column, item in enumerate(payments.ITEMS):
                try:
                    found.setdefault(role, {})[item] = payments.parse_amount(
                        self.table.item(row, column).text())
                except KemitraanError:
                    found.setdefault(role, {})[item] = saved.get(role, {}).get(item, 0)
        return found

    def bad_cells(self) -> list[QTableWidgetItem]:
        cells = []
        for row in range(self.table.rowCount()):
            for column in range(self.table.columnCount()):
                try:
                    payments.parse_amount(self.table.item(row, column).text())
                except KemitraanError:
                    cells.append(self.table.item(row, column))
        return cells

    def save_rates(self) -> bool:
        try:
            payments.save_rates(self.db, self.activity_id, self.rates())
        except KemitraanError as exc:
            self.problem.setText(exc.message)
            self.problem.show()
            return False
        if not self.bad_cells():
            self.problem.hide()
        self._show_total()
        self.saved.emit()
        return True

    def _show_total(self) -> None:
        """Jumlah seluruhnya as the list will print it: every payee, their days attended."""
        from kemitraan_desktop.views.payments import payments_view

        rows = payments_view(self.db, self.activity_id, self.rates()).rows
        sums = payments.totals(rows)
        if not sums.gross:
            self.total.setText(self.tr("Belum ada tarif: daftar penerimaan belum dapat dicetak."))
            return
        self.total.setText(self.tr("Jumlah seluruhnya <b>%s</b> untuk %s orang (PPh 21 %s, "
                                   "diterima %s).") % (
            format_rupiah(sums.gross), sum(1 for r in rows if r.gross), format_rupiah(sums.pph),
            format_rupiah(sums.net)))

    # ---- the treasurer

    def save_treasurer(self) -> bool:
        values = {key: edit.text() for key, edit in self.treasurer.items()}
        try:
            payments.save_treasurer(self.db, Signatory(position="Bendahara Pengeluaran", **values))
        except KemitraanError as exc:
            self.problem.setText(exc.message)
            self.problem.show()
            return False
        if not self.bad_cells():
            self.problem.hide()
        return True

    def ready(self) -> bool:
        """Everything typed is saved; else the first bad cell is chosen and its reason shown."""
        bad = self.bad_cells()
        if bad:
            self.table.setCurrentItem(bad[0])
            self._mark(bad[0], bad[0].toolTip() or self.tr("bukan jumlah rupiah."))
            return False
        return self.save_rates() and self.save_treasurer()
