"""The mentoring tree as a lazy Qt model: top tier first, children fetched when a node opens.

Rows under the top level are loaded by the core (pairing.tree_level) only when the view asks
for them, in batches, so a program of 68,000 participants opens as fast as one of 30. Dropping
participants onto a mentor (or onto a "without mentor" group) asks the page to move them; the
model itself never writes.
"""

from __future__ import annotations

import json

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from kemitraan_desktop import pairing, programs
from kemitraan_desktop.errors import NotFoundError
from kemitraan_desktop.indonesia import format_nip, format_thousands
from kemitraan_desktop.programs import Program

_ROOT = QModelIndex()

MIME = "application/x-kemitraan-participants"
BATCH = 500
COLUMNS = ("Nama", "Peran", "Bimbingan", "Mata Pelajaran", "Kab/Kota", "Asal Sekolah",
           "NUPTK / NIP")
GUIDANCE = COLUMNS.index("Bimbingan")
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class Node:
    __slots__ = ("kind", "tier", "data", "parent", "children", "pending", "loaded", "row")

    def __init__(self, kind: str, parent: Node | None, data: dict | None = None, tier: int = 0):
        self.kind, self.parent, self.data, self.tier = kind, parent, data or {}, tier
        self.children: list[Node] = []
        self.pending: list[dict] = []
        self.loaded = False
        self.row = 0

    @property
    def pid(self) -> int | None:
        return self.data.get("id") if self.kind == "person" else None


class PairTreeModel(QAbstractItemModel):
    moveRequested = Signal(list, int)  # participant ids, new mentor id (0: no mentor)

    def __init__(self, db, program: Program, parent=None):
        super().__init__(parent)
        self.db, self.program = db, program
        self.root = Node("root", None)
        self._bold = QFont()
        self._bold.setBold(True)
        self.reload()

    # ---- loading

    def reload(self, program: Program | None = None) -> None:
        self.beginResetModel()
        if program is not None:
            self.program = program
        self.root = Node("root", None)
        self.root.loaded = True
        # A tier nobody is in yet (the 2018 round's Mitra 3) is left out of the guidance.
        self.used_tiers = pairing.tiers_in_use(self.db, self.program.id)
        for data in pairing.tree_level(self.db, self.program.id):
            self._append(self.root, Node("person", self.root, data, data["tier"]))
        for tier, count in sorted(pairing.unpaired_counts(self.db, self.program.id).items()):
            group = Node("group", self.root, {"count": count}, tier)
            self._append(self.root, group)
        self.endResetModel()

    @staticmethod
    def _append(parent: Node, child: Node) -> None:
        child.row = len(parent.children)
        parent.children.append(child)

    def _load_rows(self, node: Node) -> list[dict]:
        if node.kind == "group":
            return pairing.tree_level(self.db, self.program.id, unpaired_tier=node.tier)
        return pairing.tree_level(self.db, self.program.id, mentor_id=node.pid)

    def node(self, index: QModelIndex | QPersistentModelIndex) -> Node:
        return index.internalPointer() if index.isValid() else self.root

    def canFetchMore(self, parent=_ROOT) -> bool:
        node = self.node(parent)
        if node.kind == "root":
            return False
        return (not node.loaded and self._has_children(node)) or bool(node.pending)

    def fetchMore(self, parent=_ROOT) -> None:
        node = self.node(parent)
        if not node.loaded:
            node.loaded = True
            node.pending = self._load_rows(node)
        batch, node.pending = node.pending[:BATCH], node.pending[BATCH:]
        if not batch:
            return
        first = len(node.children)
        self.beginInsertRows(parent, first, first + len(batch) - 1)
        for data in batch:
            self._append(node, Node("person", node, data, data["tier"]))
        self.endInsertRows()

    def fetch_all(self, index: QModelIndex) -> None:
        while self.canFetchMore(index):
            self.fetchMore(index)

    # ---- structure

    def index(self, row: int, column: int, parent=_ROOT) -> QModelIndex:
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        node = self.node(parent)
        if not 0 <= row < len(node.children) or not 0 <= column < len(COLUMNS):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index=_ROOT) -> QModelIndex:
        if not index.isValid():
            return QModelIndex()
        parent = self.node(index).parent
        if parent is None or parent.kind == "root":
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent=_ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent=_ROOT) -> int:
        return len(COLUMNS)

    def _has_children(self, node: Node) -> bool:
        if node.kind == "group":
            return node.data["count"] > 0
        if node.kind == "person":
            return node.data.get("direct", 0) > 0
        return bool(node.children)

    def hasChildren(self, parent=_ROOT) -> bool:
        if parent.isValid() and parent.column() != 0:
            return False
        node = self.node(parent)
        return bool(node.children) or (not node.loaded and self._has_children(node))

    # ---- what is shown

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section])
        return None

    def guidance(self, node: Node) -> str:
        """'3 mitra, 30 imbas, jangkauan 33' for a top-tier node; '10 imbas' below it."""
        data, program = node.data, self.program
        if node.tier >= program.tiers or node.tier + 1 not in self.used_tiers:
            return ""
        direct, reach = data.get("direct", 0), data.get("reach", 0)
        parts = [f"{direct} {program.label(node.tier + 1).lower()}"]
        if node.tier + 2 <= program.tiers and node.tier + 2 in self.used_tiers:
            parts.append(f"{reach - direct} {program.label(node.tier + 2).lower()}")
            parts.append(f"jangkauan {reach}")
        return ", ".join(parts)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node, column = self.node(index), index.column()
        if node.kind == "group":
            if role == Qt.ItemDataRole.DisplayRole and column == 0:
                return self.tr("%s tanpa %s (%s)") % (
                    self.program.label(node.tier), self.program.label(node.tier - 1),
                    format_thousands(node.data["count"]))
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#9a6700"))
            return None
        data = node.data
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return data["name"] + (self.tr(" (tidak ada di daftar guru)") if data["left_roster"] else "")
            return (None, self.program.label(node.tier), self.guidance(node), data["subject"],
                    data["region"], data["school"],
                    data["nuptk"] or format_nip(data["nip"]) or "")[column]
        if role == ID_ROLE:
            return data["id"]
        if role == Qt.ItemDataRole.FontRole and node.tier == 1 and column == 0:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole:
            limit = self.program.capacity(node.tier)
            if data["left_roster"] or (column == GUIDANCE and limit is not None and data.get("direct", 0) > limit):
                return QBrush(QColor("#b3261e"))
        if role == Qt.ItemDataRole.ToolTipRole and column == GUIDANCE and node.tier < self.program.tiers:
            limit = self.program.capacity(node.tier)
            return self.tr("Membimbing %s dari paling banyak %s %s") % (
                data.get("direct", 0), "-" if limit is None else limit,
                self.program.label(node.tier + 1))
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            where = ", ".join(x for x in (data["school"], data["region"], data["province"]) if x)
            return f"{data['name']}\n{self.program.label(node.tier)} {data['subject'] or ''}\n{where}"
        return None

    # ---- drag and drop: drop participants on a mentor (or a group to unpair them)

    def flags(self, index: QModelIndex):
        flags = super().flags(index)
        if not index.isValid():
            return flags
        node = self.node(index)
        if node.kind == "person" and node.tier > 1:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        if node.kind == "group" or (node.kind == "person" and node.tier < self.program.tiers):
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        return flags

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def _rule_key(self, data: dict) -> str:
        """Subject and jenjang, the pair rules a drop can check without the database
        (principals pair across subjects)."""
        subject = "" if self.program.kind == "kepala sekolah" else (data.get("subject") or "")
        jenjang = data.get("jenjang") or self.program.jenjang
        return f"{subject.strip().casefold()}|{jenjang.casefold()}"

    def mimeData(self, indexes) -> QMimeData:
        seen, items = set(), []
        for index in indexes:
            node = self.node(index)
            if node.kind == "person" and node.pid not in seen:
                seen.add(node.pid)
                items.append([node.pid, node.tier, self._rule_key(node.data)])
        mime = QMimeData()
        mime.setData(MIME, json.dumps(items).encode())
        return mime

    @staticmethod
    def _dragged(mime: QMimeData) -> list[list[int]]:
        if not mime.hasFormat(MIME):
            return []
        try:
            items = json.loads(bytes(mime.data(MIME)).decode())
        except ValueError:
            return []
        valid = isinstance(items, list) and all(
            isinstance(i, list) and len(i) == 3 and isinstance(i[0], int) and isinstance(i[1], int)
            and isinstance(i[2], str) for i in items)
        return items if valid else []

    def drop_target(self, parent: QModelIndex) -> tuple[int, int] | None:
        """(tier the dropped participants must have, mentor id or 0) for a drop on parent."""
        if not parent.isValid():
            return None
        node = self.node(parent)
        if node.kind == "group":
            return node.tier, 0
        if node.kind == "person" and node.tier < self.program.tiers:
            return node.tier + 1, node.pid
        return None

    def canDropMimeData(self, mime, action, row, column, parent) -> bool:
        """Only where the rules allow it: the tier below the mentor, the same subject and
        jenjang, room under the ratio; the cursor says no before the user lets go."""
        target, items = self.drop_target(parent), self._dragged(mime)
        if not (target and items and all(tier == target[0] for _, tier, _ in items)):
            return False
        node = self.node(parent)
        if node.kind == "group":
            return True
        if any(key != self._rule_key(node.data) for _, _, key in items):
            return False
        limit = self.program.capacity(node.tier)
        return limit is None or node.data.get("direct", 0) + len(items) <= limit

    def dropMimeData(self, mime, action, row, column, parent) -> bool:
        if not self.canDropMimeData(mime, action, row, column, parent):
            return False
        ids, mentor = [item[0] for item in self._dragged(mime)], self.drop_target(parent)[1]
        # After the drag has finished: the page's move reloads this model.
        QTimer.singleShot(0, lambda: self.moveRequested.emit(ids, mentor))
        return False  # the view must not remove the dragged rows itself

    # ---- finding people

    def group_index(self, tier: int) -> QModelIndex:
        group = next((n for n in self.root.children if n.kind == "group" and n.tier == tier), None)
        return self.createIndex(group.row, 0, group) if group else QModelIndex()

    def index_for_path(self, path: list[int]) -> QModelIndex:
        """The index of the last id of `path` (top tier first), loading levels as needed."""
        if not path:
            return QModelIndex()
        parent = QModelIndex()
        first = path[0]
        top = next((n for n in self.root.children if n.pid == first), None)
        if top is None:  # an unpaired participant: look in its tier's group
            try:
                tier = programs.get_participant(self.db, first)["tier"]
            except NotFoundError:  # removed since (a refresh after a removal)
                return QModelIndex()
            group = next((n for n in self.root.children
                          if n.kind == "group" and n.tier == tier), None)
            if group is None:
                return QModelIndex()
            parent = self.createIndex(group.row, 0, group)
            ids = path
        else:
            parent = self.createIndex(top.row, 0, top)
            ids = path[1:]
        for pid in ids:
            self.fetch_all(parent)
            node = self.node(parent)
            child = next((n for n in node.children if n.pid == pid), None)
            if child is None:
                return QModelIndex()
            parent = self.createIndex(child.row, 0, child)
        return parent
