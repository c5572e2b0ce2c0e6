"""Pasangan: the four-month tracker, a row per mentor -> mentee pair with the last
contact, the days since (red when gone quiet), the contacts per month, RTL progress and
the latest monev score."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import follow_up
from kemitraan_desktop.indonesia import format_date, format_thousands

from .models import PairsModel, percent, window_months


def rtl_text(counts) -> tuple[str, str]:
    """`2/3 selesai, 1 terlambat` and its tooltip; nothing without plans."""
    if not counts or not counts.get("total"):
        return "", ""
    tr = QCoreApplication.translate
    text = tr("TrackerTab", "%s/%s selesai") % (counts["selesai"], counts["total"])
    if counts.get("overdue"):
        text += tr("TrackerTab", ", %s terlambat") % counts["overdue"]
    tip = tr("TrackerTab", "Belum mulai %s, berjalan %s, selesai %s") % (
        counts["belum"], counts["berjalan"], counts["selesai"])
    return text, tip


def pair_rows(status: follow_up.Status, label) -> list[dict]:
    rows = []
    for pair in status.pairs:
        mentee = pair.mentee.participant_id
        rtl, tip = rtl_text(status.rtl_by_participant.get(mentee))
        score = status.monev.get(mentee)
        rows.append({"mentor_id": pair.mentor.participant_id, "mentee_id": mentee,
                     "mentor": pair.mentor.name, "mentee": pair.mentee.name,
                     "tier": label(pair.mentee.tier), "last": pair.last_contact,
                     "days": pair.days_since, "quiet": pair.quiet, "months": pair.months,
                     "rtl": rtl, "rtl_tip": tip,
                     "monev": percent(score.percentage) if score else ""})
    return rows


class TrackerTab(QWidget):
    pairOpened = Signal(int, int)  # mentor, mentee (participants.id)

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.rows: list[dict] = []
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.quiet_only = QCheckBox(self.tr("Hanya yang sudah lama tidak dihubungi"), self)
        self.quiet_only.setToolTip(self.tr("Pasangan tanpa kontak lebih dari 30 hari dalam masa "
                                           "pendampingan"))
        self.quiet_only.toggled.connect(lambda _on: self._show())
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Saring nama pembimbing atau peserta"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._show())
        bar.addWidget(self.quiet_only)
        bar.addWidget(self.search, 1)
        layout.addLayout(bar)
        self.model = PairsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._opened)
        self.table.setToolTip(self.tr("Klik dua kali untuk membuka log pendampingan pasangan itu"))
        layout.addWidget(self.table, 1)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)  # its figures arrive after the layout
        layout.addWidget(self.summary)

    def clear(self) -> None:
        self.rows = []
        self.model.set_rows([])
        self.summary.clear()

    def program_opened(self) -> None:
        window = self.page.period
        self.model.set_months(window_months(window.start, window.end) if window else [])

    def load(self) -> None:
        pass  # the page reads the status for this tab and the reach

    def show_status(self, status: follow_up.Status) -> None:
        program = self.page.program
        if not self.model.months:
            months = sorted({m for p in status.pairs for m in p.months})
            self.model.set_months(months)
        self.rows = pair_rows(status, program.label)
        self._show()
        widths = [190, 190, 60, 100, 80] + [42] * len(self.model.months) + [150, 110]
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)

    def _show(self) -> None:
        text = self.search.text().strip().casefold()
        rows = [r for r in self.rows if (not self.quiet_only.isChecked() or r["quiet"])
                and (not text or text in r["mentor"].casefold() or text in r["mentee"].casefold())]
        self.model.set_rows(rows)
        quiet = sum(1 for r in self.rows if r["quiet"])
        status = self.page.status
        day = format_date(status.as_of, False) if status else ""
        self.summary.setText(self.tr("%s pasangan · %s lama tidak dihubungi per %s") % (
            format_thousands(len(self.rows)), format_thousands(quiet), day))

    def _opened(self, index) -> None:
        if index.isValid():
            row = self.model.rows[index.row()]
            self.pairOpened.emit(row["mentor_id"], row["mentee_id"])
