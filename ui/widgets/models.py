"""The small in-memory lists' table model: rows set at once, one row per record.

Long lists (the roster) use the lazy SQL-backed model in table_model.py; every other table
(a check's findings, an import's problems, a proposal, a summary) derives from RowsModel
and says only how a record shows in a cell."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole


class RowsModel(QAbstractTableModel):
    """Subclasses give HEADERS (or override headers()) and cell()."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def headers(self) -> list[str]:
        return [self.tr(text) for text in self.HEADERS]

    def header_tooltip(self, section: int) -> str | None:
        return None

    def cell(self, record, column: int, role):
        """What `record` shows in `column` for `role` (None: nothing)."""
        raise NotImplementedError

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role == DISPLAY:
            return self.headers()[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tooltip(section)
        return None

    def data(self, index, role=DISPLAY):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self.cell(self.rows[index.row()], index.column(), role)
