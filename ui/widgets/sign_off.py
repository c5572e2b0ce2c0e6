"""Where and when a document is signed, chosen in its preview: a bar under the preview's
toolbar with the place and the date, prefilled with the document's defaults; "Perbarui"
prints the document again with them (the window shows the new version)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolBar,
    QWidget,
)

from kemitraan_desktop import office
from kemitraan_desktop.documents.frame import SignOff, default_day

from .date_field import indonesian_calendar

# The date edit's lowest date stands for "the document's own date" (a session's day, a
# certificate's issue date), shown with the caller's words.
_OWN_DATE = QDate(2000, 1, 1)


class SignOffBar(QToolBar):
    """Tempat [......] Tanggal [..........] [Perbarui]."""

    def __init__(self, parent: QWidget, place: str, day: dt.date | None,
                 redo: Callable[[SignOff], None], own_date: str = ""):
        super().__init__(parent.tr("Tanda tangan"), parent)
        self.setObjectName("sign_off")
        self.redo = redo
        box = QWidget(self)
        layout = QHBoxLayout(box)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(QLabel(self.tr("Ditandatangani di"), box))
        self.place = QLineEdit(place, box)
        self.place.setMaximumWidth(220)
        self.place.setPlaceholderText(self.tr("kota"))
        layout.addWidget(self.place)
        layout.addWidget(QLabel(self.tr("tanggal"), box))
        self.day = QDateEdit(box)
        self.day.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
        self.day.setCalendarPopup(True)
        self.day.setCalendarWidget(indonesian_calendar(self.day))
        self.day.setDisplayFormat("d MMMM yyyy")
        longest = max([own_date, "30 September 2018"], key=self.day.fontMetrics().horizontalAdvance)
        self.day.setMinimumWidth(self.day.fontMetrics().horizontalAdvance(longest) + 48)
        if own_date:
            self.day.setMinimumDate(_OWN_DATE)
            self.day.setSpecialValueText(own_date)
        self.set_day(day)
        layout.addWidget(self.day)
        self.apply = QPushButton(self.tr("Perbarui"), box)
        self.apply.setToolTip(self.tr("Susun ulang dokumen dengan tempat dan tanggal ini"))
        self.apply.clicked.connect(self.redo_now)
        layout.addWidget(self.apply)
        self.addWidget(box)

    def set_day(self, day: dt.date | None) -> None:
        if day is None:
            self.day.setDate(self.day.minimumDate())
        else:
            self.day.setDate(QDate(day.year, day.month, day.day))

    def chosen(self) -> SignOff:
        date = self.day.date()
        own = self.day.specialValueText() and date == self.day.minimumDate()
        day = None if own else dt.date(date.year(), date.month(), date.day())
        return SignOff(place=self.place.text().strip(), day=day)

    def redo_now(self) -> None:
        self.redo(self.chosen())


def offer(preview, place: str, day: dt.date | None, redo: Callable[[SignOff], None],
          own_date: str = "") -> SignOffBar | None:
    """Put the bar on a preview window (once; later calls update its values)."""
    if preview is None:
        return None
    bar = preview.findChild(SignOffBar, "sign_off")
    if bar is None:
        bar = SignOffBar(preview, place, day, redo, own_date)
        preview.addToolBarBreak()
        preview.addToolBar(bar)
    else:
        bar.redo = redo
        bar.place.setText(place)
        bar.set_day(day)
    return bar


def offer_defaults(preview, db, sign_off: SignOff | None, redo: Callable[[SignOff], None], *,
                   last_day: dt.date | None = None, own_date: str = "",
                   place: str | None = None) -> SignOffBar | None:
    """The bar with what the document was printed with: the chosen place and date, else the
    document's default place (`place`; the office's city when None) and date (`own_date`
    names a per-page date, such as each session's day, shown when no date is chosen)."""
    sign_off = sign_off or SignOff()
    if sign_off.place is not None:
        place = sign_off.place
    elif place is None:
        place = office.load_profile(db).city
    day = sign_off.day or (None if own_date else default_day(last_day))
    return offer(preview, place, day, redo, own_date)
