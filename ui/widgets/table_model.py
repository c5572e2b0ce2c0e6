"""The SQL-backed lazy table model for long lists (the roster): ordered ids, rows fetched a
page at a time. Small in-memory lists use ui/models.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

PAGE = 200
_ROOT = QModelIndex()


@dataclass(frozen=True)
class Column:
    key: str  # the field in the fetched row
    header: str
    sort_key: str | None = None  # what the core sorts by; None: not sortable
    align_right: bool = False
    formatter: Callable[[object], str] | None = None


class LazyTableModel(QAbstractTableModel):
    """Rows are identified by ids the core returns in display order (search, filters and
    sort all run in SQL); a page of rows is fetched through `fetch(ids) -> list[dict]`
    when first shown. Clicking a header emits `sortRequested`; the page asks the core
    for the ids in the new order and calls `set_ids`. `data()` never raises."""

    sortRequested = Signal(str, bool)  # sort key, descending

    def __init__(self, columns: list[Column], fetch: Callable[[list[int]], list[dict]], parent=None):
        super().__init__(parent)
        self._columns = columns
        self._fetch = fetch
        self._ids: list[int] = []
        self._cache: dict[int, dict] = {}

    def set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._cache.clear()
        self.endResetModel()

    def ids(self) -> list[int]:
        return list(self._ids)

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def record(self, row: int) -> dict | None:
        return self._row(row) if 0 <= row < len(self._ids) else None

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns) \
                and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self._columns) and self._columns[column].sort_key:
            self.sortRequested.emit(self._columns[column].sort_key,
                                    order == Qt.SortOrder.DescendingOrder)

    def _row(self, row: int) -> dict | None:
        item_id = self._ids[row]
        if item_id not in self._cache:
            start = row - row % PAGE
            for record in self._fetch(self._ids[start:start + PAGE]):
                self._cache[record["id"]] = record
        return self._cache.get(item_id)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._ids)
                                       and 0 <= index.column() < len(self._columns)):
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.align_right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        record = self._row(index.row())
        value = None if record is None else record.get(column.key)
        if value is None:
            return ""
        return column.formatter(value) if column.formatter else str(value)
