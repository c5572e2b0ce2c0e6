"""Pengaturan > Kantor mitra: this office's fingerprint, the partner offices with their keys
and the files last sent and received, and the proposals waiting for this office's answer."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import exchange
from kemitraan_desktop.errors import KemitraanError
from kemitraan_desktop.exchange import package, province

from ..errors import show_error
from ..widgets.hint import hint_label


def _table(parent: QWidget, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _when(stamp: str | None) -> str:
    return (stamp or "-").replace("T", " ")[:16]


class PartnersPanel(QWidget):
    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        layout = QVBoxLayout(self)
        self.own = QLabel(self)
        layout.addWidget(self.own)
        layout.addWidget(hint_label(self.tr(
            "Kantor mitra dipercaya saat berkas pertamanya diterima, setelah sidik kuncinya "
            "dibandingkan lewat telepon. Berkas dikirim dan diterima lewat menu Berkas."), self))
        self.partners = _table(self, [self.tr("Kantor"), self.tr("Sidik kunci"),
                                      self.tr("Dipercaya sejak"), self.tr("Terakhir dikirim"),
                                      self.tr("Terakhir diterima")])
        layout.addWidget(self.partners, 1)
        layout.addWidget(QLabel(self.tr("<b>Peserta per kab/kota</b> (semua program, milik sendiri "
                                        "dan kiriman; tiap guru dihitung sekali)"), self))
        self.figures = _table(self, [self.tr("Kab/kota"), self.tr("Guru"), self.tr("Inti"),
                                     self.tr("Mitra"), self.tr("Imbas"), self.tr("Sertifikat")])
        layout.addWidget(self.figures, 1)
        layout.addWidget(QLabel(self.tr("<b>Usulan perubahan atas data kantor ini</b>"), self))
        self.proposals = _table(self, [self.tr("Dari"), self.tr("Data"), self.tr("Di sini"),
                                       self.tr("Usulan")])
        layout.addWidget(self.proposals, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.accept_button = QPushButton(self.tr("Terima usulan"), self)
        self.accept_button.clicked.connect(lambda: self.decide(True))
        self.refuse_button = QPushButton(self.tr("Tolak usulan"), self)
        self.refuse_button.clicked.connect(lambda: self.decide(False))
        row.addWidget(self.accept_button)
        row.addWidget(self.refuse_button)
        layout.addLayout(row)

    def refresh(self) -> None:
        self.own.setText(self.tr("Sidik kunci dinas ini: <b>%s</b>")
                         % package.spoken(exchange.office_id(self.db)))
        partners = exchange.partners(self.db)
        self.partners.setRowCount(len(partners))
        for r, p in enumerate(partners):
            values = [p["name"], package.spoken(p["office"]), _when(p["trusted_at"]),
                      f"no. {p['sent_seq']}, {_when(p['last_sent'])}" if p["sent_seq"] else "-",
                      f"no. {p['received_seq']}, {_when(p['last_received'])}"
                      if p["received_seq"] else "-"]
            for c, value in enumerate(values):
                self.partners.setItem(r, c, QTableWidgetItem(value))
        self.partners.resizeColumnsToContents()
        rows = province.figures_by_region(self.db)
        total = {k: sum(r[k] for r in rows) for k in ("teachers", "tier1", "tier2", "tier3",
                                                        "certificates")}
        self.figures.setRowCount(len(rows) + 1 if rows else 0)
        for r, row in enumerate([*rows, {"region": self.tr("Jumlah"), **total}] if rows else []):
            for c, key in enumerate(("region", "teachers", "tier1", "tier2", "tier3",
                                     "certificates")):
                self.figures.setItem(r, c, QTableWidgetItem(str(row[key])))
        self.waiting = exchange.proposals(self.db)
        self.proposals.setRowCount(len(self.waiting))
        for r, p in enumerate(self.waiting):
            for c, value in enumerate((p["office"], p["field"], p["ours"] or "", p["theirs"] or "")):
                self.proposals.setItem(r, c, QTableWidgetItem(str(value)))
        for button in (self.accept_button, self.refuse_button):
            button.setEnabled(bool(self.waiting))

    def decide(self, accept: bool) -> None:
        rows = sorted({i.row() for i in self.proposals.selectedIndexes()}) or [0]
        try:
            for row in rows:
                if row < len(self.waiting):
                    exchange.decide(self.db, self.waiting[row]["id"], accept)
        except KemitraanError as exc:
            show_error(self, exc)
        self.refresh()
