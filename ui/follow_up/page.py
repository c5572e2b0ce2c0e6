"""Pendampingan & Monev: the months after the OJL of one program (issue 20). The program
and the day the figures are as of at the top, the follow-up window under them, and the
tabs: the four-month tracker, the pendampingan log, the RTL, the monev, the reach."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from kemitraan_desktop import follow_up, programs, store
from kemitraan_desktop import indonesia as ind
from kemitraan_desktop.errors import NotFoundError
from kemitraan_desktop.mentoring import ProgramPeople

from ..errors import show_error
from ..ops import DbWorker, Job
from ..widgets.date_field import DateField
from ..widgets.status import show_status
from .log_tab import LogTab
from .monev_tab import MonevTab
from .plans_tab import PlansTab
from .reach_tab import ReachTab
from .tracker import TrackerTab

_LAST_PROGRAM = "follow_up/program"


def default_as_of(window: follow_up.Window | None, today: dt.date | None = None) -> dt.date:
    """Today; for a program whose four months are over, the window's last day (what the
    tracker says then: who had gone quiet by the end)."""
    today = today or dt.date.today()
    return window.end if window is not None and window.end < today else today


class FollowUpPage(QWidget):
    """One program's follow-up. Reads go through the DbWorker (a province's program has
    60,000 log entries); writes are the core's, and every tab is read again after one."""

    changed = Signal()  # something was recorded (Beranda's figures)

    def __init__(self, db, undo_stack: QUndoStack | None = None, parent: QWidget | None = None,
                 worker: DbWorker | None = None):
        super().__init__(parent)
        self.db = db
        self.undo_stack = undo_stack or QUndoStack(self)
        self.worker = worker or DbWorker(store.db_file(db), self)
        self.worker.done.connect(self._answered)
        self.worker.failed.connect(self._failed)
        self._asked: dict[str, tuple[int, Callable]] = {}
        self.program: programs.Program | None = None
        self.period: follow_up.Window | None = None
        self.status: follow_up.Status | None = None
        self._people: ProgramPeople | None = None
        self._ready = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Program"), self))
        self.programs = QComboBox(self)
        self.programs.setMinimumContentsLength(28)
        self.programs.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.programs.currentIndexChanged.connect(lambda _i: self.open_program(
            self.programs.currentData()))
        bar.addWidget(self.programs, 1)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Keadaan per"), self))
        self.as_of_field = DateField(self, None)
        self.as_of_field.setToolTip(self.tr(
            "Tanggal acuan: pasangan yang lama tidak dihubungi dan RTL yang terlambat dihitung "
            "pada tanggal ini"))
        self.as_of_field.edit.editingFinished.connect(self._as_of_changed)
        self.as_of_field.calendar.clicked.connect(lambda _d: self._as_of_changed())
        bar.addWidget(self.as_of_field)
        layout.addLayout(bar)
        self.window_label = QLabel(self)
        self.window_label.setObjectName("window")
        self.window_label.setTextFormat(Qt.TextFormat.RichText)
        self.window_label.setWordWrap(True)
        layout.addWidget(self.window_label)
        self.tabs = QTabWidget(self)
        self.tracker = TrackerTab(self)
        self.log = LogTab(self)
        self.plans = PlansTab(self)
        self.monev = MonevTab(self)
        self.reach = ReachTab(self)
        for tab, name in ((self.tracker, "Pasangan"), (self.log, "Log pendampingan"),
                          (self.plans, "RTL"), (self.monev, "Monev"), (self.reach, "Jangkauan")):
            self.tabs.addTab(tab, self.tr(name))
        layout.addWidget(self.tabs, 1)
        self.tracker.pairOpened.connect(self.open_pair_log)
        self._as_of_shown: dt.date | None = None
        self.preview_window = None
        self.last_pdf = ""

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._ready:
            self._ready = True
            self.reload_programs()

    # ---- the program and the day

    def reload_programs(self, select: int | None = None) -> None:
        current = select or (self.program.id if self.program else None) or \
            QSettings().value(_LAST_PROGRAM, None, int)
        self.programs.blockSignals(True)
        self.programs.clear()
        for entry in programs.list_programs(self.db):
            self.programs.addItem(entry["program"].title, entry["program"].id)
        index = self.programs.findData(current) if current else -1
        self.programs.setCurrentIndex(index if index >= 0 else 0 if self.programs.count() else -1)
        self.programs.blockSignals(False)
        self.open_program(self.programs.currentData())

    def open_program(self, program_id: int | None) -> None:
        for widget in (self.tabs, self.as_of_field):
            widget.setEnabled(program_id is not None)
        self._people = None
        if program_id is None:
            self.program = self.period = self.status = None
            self.window_label.setText(self.tr(
                "Belum ada program. Buat dulu di halaman Program & Pasangan."))
            for tab in self.all_tabs():
                tab.clear()
            return
        try:
            self.program = programs.get_program(self.db, program_id)
        except NotFoundError:
            self.program = None
            self.reload_programs()
            return
        QSettings().setValue(_LAST_PROGRAM, program_id)
        self.period = follow_up.follow_up_window(self.db, program_id)
        self._as_of_shown = default_as_of(self.period)
        self.as_of_field.set_date(self._as_of_shown)
        self._window_text()
        for tab in self.all_tabs():
            tab.program_opened()
        self.refresh()

    def _window_text(self) -> None:
        if self.period is None:
            text = self.tr("Masa pendampingan: belum ada, karena program ini belum mempunyai "
                           "kegiatan OJL. Empat bulan setelah OJL terakhir dihitung dari tanggal "
                           "selesainya.")
        else:
            text = self.tr("Masa pendampingan: <b>%s s.d. %s</b>") % (
                ind.format_date(self.period.start, False), ind.format_date(self.period.end, False))
            today = dt.date.today()
            if today > self.period.end:
                text += self.tr(" (sudah berakhir)")
            elif today < self.period.start:
                text += self.tr(" (belum dimulai)")
        self.window_label.setText(text)

    def as_of(self) -> dt.date:
        return self.as_of_field.date() or self._as_of_shown or dt.date.today()

    def set_as_of(self, day: dt.date) -> None:
        self.as_of_field.set_date(day)
        self._as_of_changed()

    def _as_of_changed(self) -> None:
        day = self.as_of_field.date()
        if day is None or day == self._as_of_shown or self.program is None:
            return
        self._as_of_shown = day
        self._window_text()
        self.refresh()

    def all_tabs(self) -> tuple:
        return self.tracker, self.log, self.plans, self.monev, self.reach

    def people(self) -> ProgramPeople:
        """The program's participants for the name/NUPTK fields, read once per change."""
        if self._people is None:
            self._people = ProgramPeople(self.db, self.program)
        return self._people

    # ---- reading

    def refresh(self) -> None:
        """Read everything again: the tracker's status, then each tab's own list."""
        if self.program is None:
            return
        program_id, as_of = self.program.id, self.as_of()
        self.ask("status", lambda db: follow_up.program_status(db, program_id, as_of=as_of),
                 self._status_read)
        for tab in self.all_tabs():
            tab.load()

    def recorded(self, message: str = "") -> None:
        """After a write: the people may have changed; read again; say what happened."""
        self._people = None
        self.refresh()
        self.changed.emit()
        if message:
            self.say(message)

    def _status_read(self, status: follow_up.Status) -> None:
        self.status = status
        self.tracker.show_status(status)
        self.reach.show_status(status)

    def ask(self, purpose: str, fn: Callable, on_answer: Callable) -> None:
        """Run `fn(db)` on the reader; only the latest question of a purpose is answered."""
        self._asked[purpose] = (self.worker.submit(fn), on_answer)

    def _answered(self, ticket: int, result) -> None:
        for purpose, (asked, on_answer) in list(self._asked.items()):
            if asked == ticket:
                del self._asked[purpose]
                on_answer(result)
                return

    def _failed(self, ticket: int, error) -> None:
        for purpose, (asked, _on_answer) in list(self._asked.items()):
            if asked == ticket:
                del self._asked[purpose]
                show_error(self, error)
                return

    def idle(self) -> bool:
        return not self._asked

    # ---- work in the background, previews, messages

    def run(self, fn, *args, label: str) -> Job:
        """`fn(db, *args, progress=, cancelled=)` in a Job; failures shown."""
        job = Job(self, store.db_file(self.db), fn, *args, label=label)
        job.failed.connect(lambda exc: show_error(self, exc))
        self.job = job
        return job.start()

    def print_pdf(self, fn, *args, name: str, title: str, label: str, signed: bool = True,
                  sign_off=None, path: str | None = None) -> Job:
        """`fn(db, *args, path, sign_off)` to a temporary PDF in a Job, then its preview;
        a signed document gets the place-and-date bar, which prints it again."""
        from ..widgets.pdf_preview import temp_pdf_path
        from ..widgets.sign_off import offer_defaults

        path = path or str(temp_pdf_path(name))
        self.last_pdf = path
        job = self.run(fn, *args, path, sign_off, label=label)

        def shown(_result) -> None:
            preview = self.preview(path, title)
            if preview is not None and signed:
                offer_defaults(preview, self.db, sign_off, lambda chosen: self.print_pdf(
                    fn, *args, name=name, title=title, label=label, sign_off=chosen, path=path),
                    last_day=self.as_of())
        job.succeeded.connect(shown)
        return job

    def preview(self, path: str, title: str):
        from ..widgets.pdf_preview import show_pdf

        self.preview_window = show_pdf(self, path, title, Path(path).name)
        return self.preview_window

    def say(self, text: str) -> None:
        show_status(self, text)

    # ---- between tabs

    def show_part(self, key: str, program_id: int | None) -> None:
        """Beranda's "pairs gone quiet" (the tracker, quiet ones only) or "RTL overdue" (the
        plans, late ones only) of a program."""
        if program_id is not None:
            self.reload_programs(select=program_id)
        if key == "rtl":
            self.tabs.setCurrentWidget(self.plans)
            self.plans.late_only.setChecked(True)
        else:
            self.tabs.setCurrentWidget(self.tracker)
            self.tracker.quiet_only.setChecked(True)

    def open_pair_log(self, mentor_id: int, mentee_id: int) -> None:
        """The tracker's double-click: the log of that pair."""
        self.tabs.setCurrentWidget(self.log)
        self.log.show_pair(mentor_id, mentee_id)
