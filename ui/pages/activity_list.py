"""The list of activities the Kehadiran and Sertifikat pages choose from, and the status
line every page writes to."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from kemitraan_desktop import activities as act
from kemitraan_desktop import indonesia as ind


def fill_activities(widget: QListWidget, db, current: int | None) -> int | None:
    """Every activity, title and dates; keeps `current` selected (else the first). Returns
    the selected activity's id, without emitting the list's signals."""
    widget.blockSignals(True)
    widget.clear()
    for entry in act.list_activities(db):
        a = entry["activity"]
        item = QListWidgetItem(f"{a.title}\n{ind.format_date_range(a.start, a.end)}")
        item.setData(Qt.ItemDataRole.UserRole, a.id)
        widget.addItem(item)
        if a.id == current:
            widget.setCurrentItem(item)
    if widget.currentItem() is None and widget.count():
        widget.setCurrentRow(0)
    widget.blockSignals(False)
    item = widget.currentItem()
    return item.data(Qt.ItemDataRole.UserRole) if item else None


def show_status(page: QWidget, text: str) -> None:
    """A short message in the main window's status bar (kept on the page for tests)."""
    page.last_status = text
    status_bar = getattr(page.window(), "statusBar", None)
    if status_bar is not None:
        status_bar().showMessage(text, 8000)
