"""Beranda's "Yang perlu dikerjakan" (a count and a button per line) and the list of the
pairs gone quiet, both filled from a program_dashboard.Overview."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop.follow_up import DEFAULT_QUIET_DAYS
from kemitraan_desktop.indonesia import format_date, format_date_range, format_thousands
from kemitraan_desktop.program_dashboard import QUIET_SHOWN, Overview

# (key, what, button): the order of the lines. The main window does pairs, week,
# attendance and certificates (MainWindow.do_step); quiet and rtl open the follow-up area.
LINES = (
    ("pairs", "Peserta belum berpasangan", "Pasangkan..."),
    ("week", "Kegiatan minggu ini", "Buka kegiatan"),
    ("attendance", "Daftar hadir belum diisi", "Isi kehadiran"),
    ("certificates", "Sertifikat belum diterbitkan", "Terbitkan..."),
    ("quiet", "Pasangan tanpa kontak", "Pendampingan"),
    ("rtl", "RTL lewat tenggat", "Lihat RTL"),
)
FOLLOW_UP = ("quiet", "rtl")
MUTED = "#5f6368"


def _short(day) -> str:
    return format_date(day, with_weekday=False)


class TodoBox(QGroupBox):
    """One line per kind of work still open: the count, what it is, a detail line, and a
    button that takes the operator there. Lines with nothing to do stay, ticked and grey."""

    stepRequested = Signal(str, int)  # key, target (activity or program id)
    followUpRequested = Signal(int)  # program id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Yang perlu dikerjakan"), parent)
        grid = QGridLayout(self)
        grid.setVerticalSpacing(3)
        grid.setContentsMargins(6, 6, 6, 6)
        self.lines: dict[str, tuple[QLabel, QLabel, QPushButton]] = {}
        self.targets: dict[str, int | None] = {}
        self.program_id: int | None = None
        for row, (key, title, button_text) in enumerate(LINES):
            count = QLabel("…", self)
            count.setObjectName(f"count_{key}")
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            count.setMinimumWidth(44)
            text = QLabel(self)
            text.setObjectName(f"text_{key}")
            text.setTextFormat(Qt.TextFormat.RichText)
            text.setWordWrap(True)
            text.setProperty("title", self.tr(title))
            text.setText(f"<b>{self.tr(title)}</b>")
            button = QPushButton(self.tr(button_text), self)
            button.setObjectName(f"button_{key}")
            button.setEnabled(False)
            button.clicked.connect(lambda _c=False, k=key: self._go(k))
            grid.addWidget(count, row, 0)
            grid.addWidget(text, row, 1)
            grid.addWidget(button, row, 2, Qt.AlignmentFlag.AlignTop)
            self.lines[key] = (count, text, button)
        grid.setColumnStretch(1, 1)
        width = max(b.sizeHint().width() for _c, _t, b in self.lines.values())
        for _count, _text, button in self.lines.values():
            button.setFixedWidth(width)  # one column of buttons, the same width

    def _go(self, key: str) -> None:
        if key in FOLLOW_UP:  # the quiet pairs or the RTL of the program
            if self.program_id is not None:
                self.stepRequested.emit(key, self.program_id)
        elif self.targets.get(key) is not None:
            self.stepRequested.emit(key, self.targets[key])

    def counts(self) -> dict[str, str]:
        """What each line's count shows (for tests and the screen reader alike)."""
        return {key: count.text() for key, (count, _t, _b) in self.lines.items()}

    def show_loading(self) -> None:
        for count, text, button in self.lines.values():
            count.setText("…")
            text.setText(f"<b>{text.property('title')}</b>")
            button.setEnabled(False)

    def show_overview(self, overview: Overview) -> None:
        self.program_id = overview.program.id
        details = self._details(overview)
        for todo in overview.todo():
            count, text, button = self.lines[todo.key]
            self.targets[todo.key] = todo.target
            open_work = todo.count > 0 and todo.key != "week"
            colour = "#b3261e" if open_work else (MUTED if not todo.count else "")
            count.setText(f"<span style='font-size:15pt; font-weight:600; color:{colour}'>"
                          f"{format_thousands(todo.count)}</span>")
            mark = "" if todo.count else "&#10003; "
            style = f"color:{MUTED}" if not todo.count else ""
            text.setText(f"<span style='{style}'><b>{mark}{text.property('title')}</b></span>"
                         f"<br><span style='color:{MUTED}; font-size:9pt'>"
                         f"{details[todo.key]}</span>")
            button.setEnabled(todo.count > 0 and (todo.key in FOLLOW_UP or todo.target is not None))

    def _details(self, o: Overview) -> dict[str, str]:
        program = o.program
        pairs = " · ".join(f"{_escape(program.label(tier))} {format_thousands(n)}"
                           for tier, n in o.unpaired
                           if n) or self.tr("semua peserta sudah mempunyai pembimbing")
        week = format_date_range(*o.week)
        if o.this_week:
            lines = []
            for a in o.this_week[:2]:
                number = a.day_number(o.today)
                when = (self.tr("hari ini hari ke-%s dari %s") % (number, a.length) if number
                        else format_date_range(a.start, a.end))
                lines.append(f"{_escape(a.title)}: {when}")
            week = f"{week}<br>" + "<br>".join(lines)
        attendance = self._activities(o.attendance_missing, lambda a: self.tr("%s sesi") % a.sessions,
                                      self.tr("semua sesi yang sudah lewat sudah diisi"))
        certificates = self._activities(o.certificates_missing,
                                        lambda a: self.tr("%s peserta") % format_thousands(a.participants),
                                        self.tr("kegiatan yang selesai sudah bersertifikat"))
        if o.quiet_as_of is None:
            quiet = self.tr("masa pendampingan belum dimulai") if o.window else \
                self.tr("belum ada OJL: masa pendampingan belum dimulai")
        elif o.window_ended:
            quiet = self.tr("> %s hari, pada akhir masa pendampingan (%s)") % (
                DEFAULT_QUIET_DAYS, _short(o.window.end))
        else:
            quiet = self.tr("> %s hari, per hari ini (masa pendampingan s.d. %s)") % (
                DEFAULT_QUIET_DAYS, _short(o.window.end))
        rtl = self.tr("belum selesai, tenggatnya sudah lewat")
        return {"pairs": pairs, "week": week, "attendance": attendance,
                "certificates": certificates, "quiet": quiet, "rtl": rtl}

    def _activities(self, rows, what, none: str) -> str:
        if not rows:
            return none
        text = ", ".join(f"{_escape(a.title)} ({what(a)})" for a in rows[:2])
        more = len(rows) - 2
        return text + (self.tr(" dan %s lainnya") % more if more > 0 else "")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class QuietList(QGroupBox):
    """The pairs gone quiet (mentor -> mentee, the last contact, days without one), the
    longest silence first, a few of them; "lihat semua" opens the follow-up area."""

    followUpRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Pasangan tanpa kontak"), parent)
        layout = QVBoxLayout(self)
        self.program_id: int | None = None
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Pembimbing → didampingi"),
                                              self.tr("Kontak terakhir"), self.tr("Hari")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        # as many rows as are shown, no more: the note and "Lihat semua" stay in view
        self.table.setFixedHeight(header.sizeHint().height() + 22 * QUIET_SHOWN + 4)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color:{MUTED}")
        self.all_button = QPushButton(self.tr("Lihat semua"), self)
        self.all_button.setEnabled(False)
        self.all_button.clicked.connect(self._all)
        row.addWidget(self.note, 1)
        row.addWidget(self.all_button)
        layout.addLayout(row)

    def _all(self) -> None:
        if self.program_id is not None:
            self.followUpRequested.emit(self.program_id)

    def show_loading(self) -> None:
        self.table.setRowCount(0)
        self.note.setText(self.tr("Memuat..."))
        self.all_button.setEnabled(False)

    def show_overview(self, overview: Overview) -> None:
        self.program_id = overview.program.id
        shown = overview.quiet_shown
        self.table.setRowCount(len(shown))
        for r, pair in enumerate(shown):
            last = _short(pair.last_contact) if pair.last_contact else self.tr("belum pernah")
            days = QTableWidgetItem(format_thousands(pair.days_since or 0))
            days.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            who = QTableWidgetItem(f"{pair.mentor.name} → {pair.mentee.name}")
            who.setToolTip(f"{pair.mentor.name} → {pair.mentee.name}")
            self.table.setItem(r, 0, who)
            self.table.setItem(r, 1, QTableWidgetItem(last))
            self.table.setItem(r, 2, days)
        total = len(overview.quiet)
        if overview.quiet_as_of is None:
            self.note.setText(self.tr("Masa pendampingan belum dimulai."))
        elif not total:
            self.note.setText(self.tr("Semua pasangan berkontak dalam %s hari terakhir.")
                              % DEFAULT_QUIET_DAYS)
        else:
            self.note.setText(self.tr("%s dari %s pasangan ditampilkan.")
                              % (len(shown), format_thousands(total)))
        self.all_button.setText(self.tr("Lihat semua (%s)") % format_thousands(total) if total
                                else self.tr("Lihat semua"))
        self.all_button.setEnabled(overview.quiet_as_of is not None)
