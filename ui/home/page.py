"""Beranda: the next steps of a new office (until done), the dashboard of the program that
is open (what to do next, the pairs gone quiet, four charts), then the roster counted by
position, jenjang, subject and province, and recent changes. Everything is read by the
DbWorker: the page paints at once with placeholders and fills in when the answers come."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import dashboard, office, people
from kemitraan_desktop import program_dashboard as pd
from kemitraan_desktop.indonesia import format_date, format_thousands

from ..ops import DbWorker
from .dashboard import ProgramDashboard

PROGRAM_SETTING = "home/program"  # the program Beranda showed last
DASHBOARD_HEIGHT = 540  # at least; on a taller window it fills the first screen

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
    table.setMinimumHeight(150)
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
    todoRequested = Signal(str, int)  # a to-do line's key and its activity or program id
    followUpRequested = Signal(int)  # the program whose pendampingan is to be seen

    def __init__(self, db, worker: DbWorker, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.worker = db, worker
        self.today = None  # None: the real today (tests pin a day)
        self._ticket = self._program_ticket = 0
        self.worker.done.connect(self._answered)
        self.worker.failed.connect(self._failed)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        content = QWidget(scroll)
        scroll.setWidget(content)
        self.scroll = scroll
        layout = QVBoxLayout(content)
        self.total = QLabel(content)
        self.total.setTextFormat(Qt.TextFormat.RichText)
        self.total.setWordWrap(True)
        layout.addWidget(self.total)
        self.steps_box = self._steps_box(content)
        layout.addWidget(self.steps_box)
        self.dashboard = ProgramDashboard(content)
        self.dashboard.setFixedHeight(DASHBOARD_HEIGHT)
        # placeholders from the first paint; hidden if the answer says there is no program
        self.dashboard.programChosen.connect(self.choose_program)
        self.dashboard.stepRequested.connect(self.todoRequested)
        self.dashboard.followUpRequested.connect(self.followUpRequested)
        layout.addWidget(self.dashboard)
        layout.addWidget(self._roster_box(content))
        self.total.setText(self._heading() + self.tr("Memuat..."))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_dashboard()

    def _fit_dashboard(self) -> None:
        """The dashboard fills what the window shows below the heading (the roster's
        figures follow when scrolled to), never less than it needs."""
        layout = self.scroll.widget().layout()
        used = self.total.sizeHint().height() + layout.spacing() + layout.contentsMargins().top()
        if self.steps_box.isVisible():
            used += self.steps_box.sizeHint().height() + layout.spacing()
        self.dashboard.setFixedHeight(max(DASHBOARD_HEIGHT, self.dashboard.minimumSizeHint().height(),
                                          self.scroll.viewport().height() - used))

    def _heading(self) -> str:
        """The page's name and the roster's totals on one line: the dashboard gets the height."""
        return (f"<span style='font-size:15pt; font-weight:600'>{self.tr('Beranda')}</span>"
                "&nbsp;&nbsp;&nbsp;")

    def _roster_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Daftar guru dan kepala sekolah"), parent)
        layout = QVBoxLayout(box)
        grid = QGridLayout()
        self.tables: dict[str, QTableWidget] = {}
        for index, key in enumerate(_TITLES):
            group = QGroupBox(self.tr(_TITLES[key]), box)
            group_layout = QVBoxLayout(group)
            table = _table(group, [self.tr(_TITLES[key]), self.tr("Jumlah")])
            group_layout.addWidget(table)
            self.tables[key] = table
            grid.addWidget(group, index // 2, index % 2)
        layout.addLayout(grid)
        recent_box = QGroupBox(self.tr("Perubahan terakhir"), box)
        recent_layout = QVBoxLayout(recent_box)
        self.recent = _table(recent_box, [self.tr("Nama"), self.tr("Asal Sekolah"),
                                          self.tr("Diubah")])
        header = self.recent.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.recent.setColumnWidth(0, 320)
        self.recent.setColumnWidth(2, 170)
        self.recent.setWordWrap(False)
        self.recent.setMinimumHeight(250)
        recent_layout.addWidget(self.recent)
        layout.addWidget(recent_box)
        return box

    def _steps_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Langkah berikutnya"), parent)
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
        self._fit_dashboard()

    def refresh(self) -> None:
        """Read in the worker: the program first (what the operator looks at), then the
        roster's counts (a second at 1M people); each fills its part when it answers."""
        remembered = QSettings().value(PROGRAM_SETTING)
        self._read_program(int(remembered) if str(remembered or "").isdigit() else None)
        self._ticket = self.worker.submit(lambda db: (
            people.count_people(db), dashboard.counts(db), dashboard.recent_changes(db),
            dashboard.program_figures(db), office.load_profile(db).is_set_up))

    def _read_program(self, wanted: int | None) -> None:
        today = self.today

        def read(db):
            choices = pd.program_choices(db)
            chosen = pd.pick_program(choices, wanted)
            return choices, chosen, (pd.program_overview(db, chosen, today) if chosen else None)
        self._program_ticket = self.worker.submit(read)

    def choose_program(self, program_id: int) -> None:
        """Show another program (remembered for the next time)."""
        QSettings().setValue(PROGRAM_SETTING, program_id)
        self.dashboard.show_loading()
        self._read_program(program_id)

    def loading(self) -> bool:
        return self.worker.is_pending(self._ticket) or self.worker.is_pending(self._program_ticket)

    def _failed(self, ticket: int, error) -> None:
        message = getattr(error, "message", None) or self.tr("angka tidak dapat dihitung")
        if ticket == self._ticket:
            self.total.setText(self._heading() + message)
        elif ticket == self._program_ticket:
            self.dashboard.summary.setText(message)

    def _answered(self, ticket: int, result) -> None:
        if ticket == self._program_ticket:
            self._program_answered(*result)
            return
        if ticket != self._ticket:
            return
        total, counts, changes, (programs, participants, activities), set_up = result
        self._show_steps({"office": set_up, "roster": total > 0, "program": programs > 0,
                          "participants": participants > 0, "activity": activities > 0})
        self.total.setText(self._heading() + self.tr(
            "%s guru dan kepala sekolah di daftar · %s program (%s peserta) · %s kegiatan.")
            % (format_thousands(total), programs, format_thousands(participants), activities))
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

    def _program_answered(self, choices, chosen, overview) -> None:
        self.dashboard.setVisible(bool(choices))
        self.dashboard.set_choices(choices, chosen)
        if overview is not None:
            self.dashboard.show_overview(overview)
