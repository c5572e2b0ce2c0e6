"""Dates as the office types them: a text field that reads 09/09/2018 or 9 September 2018
and shows the weekday, with a calendar button; conversions to and from QDate."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QStyle,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from kemitraan_desktop import indonesia as ind


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def date_edit(parent: QWidget, day: dt.date) -> QDateEdit:
    """A spin-box date with an Indonesian calendar popup, wide enough for its text."""
    edit = QDateEdit(to_qdate(day), parent)
    edit.setCalendarPopup(True)
    edit.setCalendarWidget(indonesian_calendar(edit))
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setMinimumWidth(edit.minimumSizeHint().width() + 12)
    return edit


def indonesian_calendar(parent: QWidget) -> QCalendarWidget:
    """A calendar with Indonesian month and day names, weeks starting on Monday."""
    calendar = QCalendarWidget(parent)
    calendar.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
    calendar.setGridVisible(True)
    return calendar


class DateField(QWidget):
    """A date typed as the office writes it (09/09/2018, 9-9-2018, 9 September 2018), shown
    back with its weekday; a calendar button for the mouse. Each part keeps the room its
    longest text needs ("Minggu, 30 September 2018"), so a narrow row never cuts it."""

    def __init__(self, parent: QWidget, day: dt.date | None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("dd/mm/yyyy")
        metrics = self.edit.fontMetrics()
        self.edit.setFixedWidth(metrics.horizontalAdvance("00/00/00000") + 24)
        self.picker = QToolButton(self)
        self.picker.setText("\u25be")  # a small triangle: the calendar opens below
        self.picker.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.picker.setToolTip(self.tr("Pilih dari kalender"))
        self.picker.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.picker.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        menu = QMenu(self.picker)
        self.calendar = indonesian_calendar(menu)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._calendar_to_text)
        self.calendar.clicked.connect(lambda d: (self.set_date(to_date(d)), menu.close()))
        self.picker.setMenu(menu)
        self.shown = QLabel(self)
        self.shown.setMinimumWidth(self.shown.fontMetrics().horizontalAdvance(
            "Minggu, 30 September 2018") + 8)
        layout.addWidget(self.edit)
        layout.addWidget(self.picker)
        layout.addWidget(self.shown, 1)
        self.problem = ""
        self.edit.textChanged.connect(lambda _t: self._show())
        if day:
            self.set_date(day)

    def _calendar_to_text(self) -> None:
        day = self.date() or dt.date.today()
        self.calendar.setSelectedDate(to_qdate(day))

    def set_date(self, day: dt.date) -> None:
        if self.date() != day:
            self.edit.setText(day.strftime("%d/%m/%Y"))

    def date(self) -> dt.date | None:
        text = self.edit.text().strip()
        if not text:
            self.problem = ""
            return None
        try:
            self.problem = ""
            return ind.parse_date(text)
        except ValueError as exc:
            self.problem = self.tr("Tanggal '%s' tidak dikenali: %s.") % (text, exc)
            return None

    def _show(self) -> None:
        day = self.date()
        self.shown.setText(ind.format_date(day) if day else "")
