"""Beranda: the next steps of a new office (until done), the roster counted by position,
jenjang, subject and province, and recent changes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import dashboard, office, people
from kemitraan_desktop.indonesia import format_date, format_thousands

from ..ops import DbWorker

# A new office's way in, in order: (key, what to do, why, button). Each is done once the
# database holds it; the main window does what the button says.
STEPS = (
    ("office", "Isi identitas kantor", "kop surat dan penanda tangan di setiap dokumen",
     "Isi identitas..."),
    ("roster", "Impor daftar guru", "dari unduhan Dapodik, lembar Dinas atau daftar SIMPKB",
     "Impor daftar guru..."),
    ("program", "Buat program", "jenjang, mata pelajaran, dan peran Inti / Mitra / Imbas",
     "Buat program..."),
    ("participants", "Tambahkan peserta ke program",
     "pilih guru di daftar, klik kanan, Tambahkan ke program (atau impor peserta)",
     "Pilih peserta..."),
    ("activity", "Buat kegiatan", "workshop atau On the Job Learning, dengan rundownnya",
     "Buat kegiatan..."),
)

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

    stepRequested = Signal(str)  # a key of STEPS: the main window does it

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
        self.steps_box = self._steps_box()
        layout.addWidget(self.steps_box)
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

    def _steps_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Langkah berikutnya"), self)
        grid = QGridLayout(box)
        self.step_rows: dict[str, tuple[QLabel, QPushButton]] = {}
        for row, (key, title, why, button_text) in enumerate(STEPS):
            label = QLabel(box)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setProperty("title", self.tr(title))
            label.setProperty("why", self.tr(why))
            button = QPushButton(self.tr(button_text), box)
            button.clicked.connect(lambda _c=False, k=key: self.stepRequested.emit(k))
            grid.addWidget(label, row, 0)
            grid.addWidget(button, row, 1)
            self.step_rows[key] = (label, button)
        grid.setColumnStretch(0, 1)
        box.hide()  # until the counts say what is still to do
        return box

    def steps_done(self) -> dict[str, bool]:
        return {key: not button.isEnabled() for key, (_label, button) in self.step_rows.items()}

    def _show_steps(self, done: dict[str, bool]) -> None:
        """Done steps ticked and their buttons off; the first open one's button is the
        default; the box goes once every step is done."""
        first_open = next((key for key, _t, _w, _b in STEPS if not done[key]), None)
        for number, (key, _title, _why, _button) in enumerate(STEPS, 1):
            label, button = self.step_rows[key]
            mark = "&#10003;" if done[key] else f"{number}."
            style = "color:#5f6368" if done[key] else ""
            label.setText(f"<span style='{style}'><b>{mark} {label.property('title')}</b>"
                          f" &mdash; {label.property('why')}</span>")
            button.setEnabled(not done[key])
            button.setDefault(key == first_open)
        self.steps_box.setVisible(first_open is not None)

    def refresh(self) -> None:
        """Count in the worker (a second at 1M people); fill the tables when it answers."""
        self._ticket = self.worker.submit(lambda db: (
            people.count_people(db), dashboard.counts(db), dashboard.recent_changes(db),
            dashboard.program_figures(db), office.load_profile(db).is_set_up))

    def loading(self) -> bool:
        return self.worker.is_pending(self._ticket)

    def _failed(self, ticket: int, error) -> None:
        if ticket == self._ticket:
            message = getattr(error, "message", None) or self.tr("angka tidak dapat dihitung")
            self.total.setText(self.tr("<h2>Beranda</h2>") + message)

    def _answered(self, ticket: int, result) -> None:
        if ticket != self._ticket:
            return
        total, counts, changes, (programs, participants, activities), set_up = result
        self._show_steps({"office": set_up, "roster": total > 0, "program": programs > 0,
                          "participants": participants > 0, "activity": activities > 0})
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
