"""The list/detail skeleton of the Program, Kegiatan, Kehadiran and Sertifikat pages: a list
of records on the left under its title, the chosen record's detail on the right."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)


class ListDetail(QWidget):
    """`chosen(id or None)` when the operator picks a record, `activated` on a double click.
    With `buttons`, Baru..., Ubah... and Hapus... sit under the list; the page connects them.
    `fill` shows the records without emitting `chosen`: the page opens what it returns."""

    chosen = Signal(object)
    activated = Signal()

    def __init__(self, title: str, parent: QWidget, *, buttons: bool = False, new_tip: str = "",
                 list_width: int = 230, padded: bool = True):
        super().__init__(parent)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        side = QWidget(self.splitter)
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(f"<b>{title}</b>", side))
        self.list = QListWidget(side)
        self.list.setWordWrap(True)
        if padded:
            self.list.setStyleSheet("QListWidget::item { padding: 4px; }")
        self.list.currentItemChanged.connect(lambda item, _old: self.chosen.emit(
            item.data(Qt.ItemDataRole.UserRole) if item else None))
        self.list.itemDoubleClicked.connect(lambda _item: self.activated.emit())
        layout.addWidget(self.list, 1)
        self.new_button = self.edit_button = self.delete_button = None
        if buttons:
            row = QHBoxLayout()
            self.new_button = QPushButton(self.tr("Baru..."), side)
            self.new_button.setToolTip(new_tip)
            self.edit_button = QPushButton(self.tr("Ubah..."), side)
            self.delete_button = QPushButton(self.tr("Hapus..."), side)
            for button in (self.new_button, self.edit_button, self.delete_button):
                row.addWidget(button)
            layout.addLayout(row)
        self.splitter.addWidget(side)
        self._list_width = list_width
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.splitter)

    def set_detail(self, detail: QWidget) -> None:
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([self._list_width, 1000])

    def fill(self, records: Iterable[tuple[int, str]], current: int | None, *,
             last: bool = False) -> int | None:
        """Show `records` (id, text), keeping `current` chosen, else the first (the last with
        `last`). Returns the chosen id; emits nothing."""
        self.list.blockSignals(True)
        self.list.clear()
        for record_id, text in records:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            self.list.addItem(item)
            if record_id == current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(self.list.count() - 1 if last else 0)
        self.list.blockSignals(False)
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None
