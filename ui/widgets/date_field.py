"""Dates as the office types them: a text field that reads 09/09/2018 or 9 September 2018
and shows the weekday, with a calendar button; conversions to and from QDate."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QLineEdit, QWidget

from kemitraan_desktop import indonesia as ind


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def date_edit(parent: QWidget, day: dt.date) -> QDateEdit:
    edit = QDateEdit(to_qdate(day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


class DateField(QWidget):
    """A date typed as the office writes it (09/09/2018, 9-9-2018, 9 September 2018), shown
    back with its weekday; a calendar button for the mouse."""

    def __init__(self, parent: QWidget, day: dt.date | None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("dd/mm/yyyy")
        self.edit.setMaximumWidth(120)
        self.shown = QLabel(self)
        self.picker = QDateEdit(self)
        self.picker.setCalendarPopup(True)
        self.picker.setDisplayFormat("dd/MM/yyyy")
        self.picker.setMaximumWidth(28)
        self.picker.setToolTip(self.tr("Pilih dari kalender"))
        self.picker.dateChanged.connect(lambda d: self.set_date(to_date(d)))
        layout.addWidget(self.edit)
        layout.addWidget(self.picker)
        layout.addWidget(self.shown, 1)
        self.problem = ""
        self.edit.textChanged.connect(lambda _t: self._show())
        if day:
            self.set_date(day)

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
        if day:
            self.picker.blockSignals(True)
            self.picker.setDate(to_qdate(day))
            self.picker.blockSignals(False)
