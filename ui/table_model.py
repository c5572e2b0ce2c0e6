"""The SQL-backed lazy table model: ordered ids from the core, rows fetched a page at a time."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

PAGE = 200
_ROOT = QModelIndex()


class LazyTableModel(QAbstractTableModel):
    """Rows are identified by ids the core returns in display order; a page of rows is
    fetched through `fetch(ids) -> list[dict]` when first shown. `data()` never raises."""

    def __init__(self, columns: list[tuple[str, str]], fetch: Callable[[list[int]], list[dict]],
                 parent=None, formatters: dict[str, Callable[[object], str]] | None = None):
        super().__init__(parent)
        self._columns = columns  # (key, header)
        self._formatters = formatters or {}
        self._fetch = fetch
        self._ids: list[int] = []
        self._cache: dict[int, dict] = {}

    def set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._cache.clear()
        self.endResetModel()

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self._columns):
            return self._columns[section][1]
        return None

    def _row(self, row: int) -> dict | None:
        person_id = self._ids[row]
        if person_id not in self._cache:
            start = row - row % PAGE
            page = self._ids[start:start + PAGE]
            for record in self._fetch(page):
                self._cache[record["id"]] = record
        return self._cache.get(person_id)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not (0 <= index.row() < len(self._ids) and 0 <= index.column() < len(self._columns)):
            return None
        record = self._row(index.row())
        if record is None:
            return None
        key = self._columns[index.column()][0]
        value = record.get(key)
        if value is None:
            return ""
        formatter = self._formatters.get(key)
        return formatter(value) if formatter else str(value)
