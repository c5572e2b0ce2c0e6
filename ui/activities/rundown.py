"""The rundown editor of the Kegiatan page: the chosen activity's days, each a table of its
items, edited in place and checked as they are typed; every edit saved at once as one undo
step (RundownChange)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import activities as act
from kemitraan_desktop import indonesia as ind
from kemitraan_desktop import schools
from kemitraan_desktop.errors import KemitraanError

from ..errors import show_error

_ROOT = QModelIndex()
COLUMNS = ("Mulai", "Selesai", "Kegiatan", "Tempat", "Penanggung jawab", "JP", "Daftar hadir",
           "Khusus sekolah")
START, END, DESCRIPTION, PLACE, PIC, JP, ATTENDANCE, SCHOOL = range(len(COLUMNS))
SHARED = "(bersama)"
_FIELDS = {START: "start", END: "end", DESCRIPTION: "description", PLACE: "place", PIC: "pic",
           JP: "jp"}
DAY_NAMES = ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min")


class RundownChange(QUndoCommand):
    """One edit of a rundown (the whole list before and after); saved at once."""

    def __init__(self, editor: RundownEditor, activity_id: int, before: list[act.Item],
                 after: list[act.Item], text: str):
        super().__init__(text)
        self.editor, self.activity_id, self.before, self.after = editor, activity_id, before, after
        self.failed = False

    def _apply(self, items: list[act.Item]) -> None:
        try:
            act.save_items(self.editor.db, self.activity_id, items)
        except KemitraanError as exc:
            self.failed = True
            self.setObsolete(True)
            show_error(self.editor, exc)
            return
        self.editor.rundown_saved(self.activity_id, items)

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


class DayModel(QAbstractTableModel):
    """One day's items of the page's rundown; edits go back to the page as new lists."""

    def __init__(self, page: RundownEditor, day: dt.date):
        super().__init__(page)
        self.page, self.day = page, day
        self.rows: list[int] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = [i for i, item in enumerate(self.page.items) if item.day == self.day]
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section])
        return None

    def item(self, row: int) -> act.Item:
        return self.page.items[self.rows[row]]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item, column = self.item(index.row()), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column in (START, END):
                moment = item.start if column == START else item.end
                return ind.format_time(moment) if moment else ""
            if column == JP:
                return act.format_jp(item.jp)
            if column == DESCRIPTION:
                return item.description
            if column == PLACE:
                return item.place
            if column == PIC:
                return item.pic
            if column == SCHOOL:
                return self.page.school_names.get(item.school_id, "") if item.school_id else (
                    self.tr(SHARED) if role == Qt.ItemDataRole.EditRole else "")
        if role == Qt.ItemDataRole.CheckStateRole and column == ATTENDANCE:
            return Qt.CheckState.Checked if item.attendance else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = self.page.warnings_for(self.rows[index.row()])
            if column in (DESCRIPTION, PLACE, PIC):
                lines = [getattr(item, _FIELDS[column]), *lines]
            if item.school_id is not None and column == DESCRIPTION:
                lines.append(self.tr("Acara sekolah tuan rumah ini saja"))
            return "\n".join(x for x in lines if x) or None
        if role == Qt.ItemDataRole.BackgroundRole and self.page.warnings_for(self.rows[index.row()]):
            return QBrush(QColor("#fff4ce"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (START, END, JP):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index):
        flags = super().flags(index)
        if not index.isValid():
            return flags
        if index.column() == ATTENDANCE:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        position, column = self.rows[index.row()], index.column()
        if column == ATTENDANCE and role == Qt.ItemDataRole.CheckStateRole:
            return self.page.edit_item(position, "attendance",
                                       Qt.CheckState(value) == Qt.CheckState.Checked)
        if column == SCHOOL and role == Qt.ItemDataRole.EditRole:
            school = next((sid for sid, name in self.page.school_names.items() if name == value), None)
            return self.page.edit_item(position, "school_id", school)
        if role != Qt.ItemDataRole.EditRole or column not in _FIELDS:
            return False
        return self.page.edit_item(position, _FIELDS[column], value)


class SchoolDelegate(QStyledItemDelegate):
    """'Khusus sekolah': shared by all, or one host school's own item (its printed variant)."""

    def __init__(self, page: RundownEditor):
        super().__init__(page)
        self.page = page

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.addItems([self.page.tr(SHARED), *self.page.school_names.values()])
        return combo

    def setEditorData(self, editor, index):
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole) or self.page.tr(SHARED))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class RundownEditor(QWidget):
    """The days of the open activity as tabs of tables, the edit bar (Ins, Ctrl+D, Ctrl+Del,
    Del, Alt+Up/Down), the total, and the checks below. `alive()` (the page's) says whether
    the activity still exists before an edit is saved."""

    changed = Signal()  # the rundown was saved (an edit, an undo, a redo)
    status = Signal(str)  # a line for the status bar
    otherSaved = Signal(int)  # an undo or redo saved another activity's rundown

    def __init__(self, db, undo_stack: QUndoStack, alive: Callable[[], bool],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.undo_stack, self.alive = db, undo_stack, alive
        self.activity: act.Activity | None = None
        self.items: list[act.Item] = []
        self.school_names: dict[int, str] = {}
        self.warnings: list[act.RundownWarning] = []
        self.day_models: list[DayModel] = []
        self.day_tables: list[QTableView] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.days = QTabWidget(self)
        edit_bar = QHBoxLayout()
        self.actions: dict[str, QAction] = {}
        for key, text, shortcut, slot in (
                ("add", "Tambah", "Ins", self.add_item),
                ("duplicate", "Duplikat", "Ctrl+D", self.duplicate_item),
                ("delete", "Hapus acara", "Ctrl+Del", self.delete_item),
                ("clear", "Kosongkan sel", "Del", self.clear_cell),
                ("up", "Naik", "Alt+Up", lambda: self.move_item(-1)),
                ("down", "Turun", "Alt+Down", lambda: self.move_item(1))):
            action = QAction(self.tr(text), self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.days.addAction(action)
            self.actions[key] = action
            if key == "clear":  # Del, as in Excel: no button needed
                continue
            button = QPushButton(self.tr(text), self)
            button.setToolTip(f"{self.tr(text)} ({QKeySequence(shortcut).toString()})")
            button.clicked.connect(action.trigger)
            edit_bar.addWidget(button)
        edit_bar.addStretch(1)
        self.total = QLabel(self)
        edit_bar.addWidget(self.total)
        layout.addLayout(edit_bar)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.days)
        self.warning_list = QListWidget(self)
        self.warning_list.setWordWrap(True)
        self.warning_list.itemClicked.connect(self._warning_clicked)
        split.addWidget(self.warning_list)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([430, 110])
        layout.addWidget(split, 1)

    def open(self, activity: act.Activity | None) -> None:
        """Show this activity's rundown (None: nothing)."""
        self.activity = activity
        if activity is None:
            self.items = []
        else:
            self.items = act.list_items(self.db, activity.id)
            self.school_names = {s["id"]: s["name"] for s in act.host_schools(self.db, activity.id)}
            self.school_names.update({i.school_id: self._school_name(i.school_id) for i in self.items
                                      if i.school_id and i.school_id not in self.school_names})
        self._build_days()

    def _school_name(self, school_id: int) -> str:
        return schools.school_name(self.db, school_id) or str(school_id)

    # ---- days, items, warnings

    def _build_days(self) -> None:
        current = self.days.currentIndex()
        self.days.clear()
        self.day_models, self.day_tables = [], []
        self._check()
        if self.activity is None:
            self.total.clear()
            return
        days = list(self.activity.days)
        for item in self.items:  # items outside the dates still get a tab, to be fixed
            if item.day not in days:
                days.append(item.day)
        for day in sorted(days):
            model = DayModel(self, day)
            table = QTableView(self.days)
            table.setModel(model)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers
                                  & ~QAbstractItemView.EditTrigger.CurrentChanged)
            table.verticalHeader().setDefaultSectionSize(24)
            header = table.horizontalHeader()
            for column, width in enumerate((55, 55, 290, 150, 150, 40, 80, 120)):
                table.setColumnWidth(column, width)
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            header.setStretchLastSection(True)
            table.setItemDelegateForColumn(SCHOOL, SchoolDelegate(self))
            self.day_models.append(model)
            self.day_tables.append(table)
            outside = not (self.activity.start <= day <= self.activity.end)
            label = f"{DAY_NAMES[day.weekday()]} {day.day}/{day.month}" + (" (!)" if outside else "")
            self.days.addTab(table, label)
            self.days.setTabToolTip(self.days.count() - 1, ind.format_date(day))
        if 0 <= current < self.days.count():
            self.days.setCurrentIndex(current)
        self._show_total()

    def _show_total(self) -> None:
        count = len(self.items)
        self.total.setText(self.tr("%s acara · %s JP") % (count, act.format_jp(act.total_jp(self.items))))

    def _check(self) -> None:
        self.warnings = act.check_rundown(self.activity, self.items) if self.activity else []
        self.warning_list.clear()
        for warning in self.warnings:
            item = QListWidgetItem(self.tr("Peringatan: ") + warning.message)
            item.setForeground(QBrush(QColor("#9a6700")))
            item.setData(Qt.ItemDataRole.UserRole, warning.index)
            self.warning_list.addItem(item)
        if self.activity is not None and not self.items:
            self.warning_list.addItem(self.tr("Rundown masih kosong: pakai Templat > Terapkan "
                                              "templat..., Excel > Impor, atau Tambah (Ins)."))
        elif self.activity is not None and not self.warnings:
            self.warning_list.addItem(self.tr("Tidak ada peringatan: jam, tanggal dan urutan acara "
                                              "sudah runtut."))

    def warnings_for(self, position: int) -> list[str]:
        return [w.message for w in self.warnings if w.index == position]

    def _warning_clicked(self, item: QListWidgetItem) -> None:
        position = item.data(Qt.ItemDataRole.UserRole)
        if position is not None:
            self.select_item(position)

    def select_item(self, position: int) -> None:
        if not 0 <= position < len(self.items):
            return
        for tab, model in enumerate(self.day_models):
            if position in model.rows:
                self.days.setCurrentIndex(tab)
                table = self.day_tables[tab]
                column = max(table.currentIndex().column(), 0)  # stay in the column typed in
                table.setCurrentIndex(model.index(model.rows.index(position), column))
                return

    def current_position(self) -> int | None:
        tab = self.days.currentIndex()
        if tab < 0 or tab >= len(self.day_tables):
            return None
        index = self.day_tables[tab].currentIndex()
        if not index.isValid():
            return None
        return self.day_models[tab].rows[index.row()]

    def current_day(self) -> dt.date | None:
        tab = self.days.currentIndex()
        return self.day_models[tab].day if 0 <= tab < len(self.day_models) else None

    def commit(self, items: list[act.Item], text: str, select: int | None = None) -> bool:
        """Save a new version of the rundown as one undoable step."""
        if not self.alive():
            return False
        command = RundownChange(self, self.activity.id, list(self.items), items, text)
        self.undo_stack.push(command)
        if not command.failed and select is not None:
            self.select_item(select)
        return not command.failed

    def rundown_saved(self, activity_id: int, items: list[act.Item]) -> None:
        """After a save, undo or redo: show what is stored."""
        if self.activity is None or self.activity.id != activity_id:
            self.otherSaved.emit(activity_id)
            return
        position = self.current_position()
        tab = self.days.currentIndex()
        self.items = act.list_items(self.db, activity_id)
        days_before = [m.day for m in self.day_models]
        wanted = sorted(set(self.activity.days) | {i.day for i in self.items})
        if days_before != wanted:
            self._build_days()
        else:
            self._check()
            for model in self.day_models:
                rows = [i for i, item in enumerate(self.items) if item.day == model.day]
                if len(rows) == len(model.rows):  # same rows: repaint, keep the editor and focus
                    model.rows = rows
                    if rows:
                        model.dataChanged.emit(model.index(0, 0),
                                               model.index(len(rows) - 1, len(COLUMNS) - 1))
                else:
                    model.reload()
            self._show_total()
        if 0 <= tab < self.days.count():
            self.days.setCurrentIndex(tab)
        if position is not None and self.items:
            self.select_item(min(position, len(self.items) - 1))
        self.changed.emit()

    def edit_item(self, position: int, field: str, value) -> bool:
        item = self.items[position]
        try:
            if field in ("start", "end"):
                value = act.parse_time(value)
            elif field == "jp":
                value = act.parse_jp(value)
            elif field == "description" and not str(value).strip():
                raise ValueError("isi kegiatannya; untuk menghapus acara pakai tombol Hapus")
            elif field != "school_id":
                value = str(value) if not isinstance(value, bool) else value
        except ValueError as exc:
            self.status.emit(self.tr("Tidak diubah: %s.") % exc)
            return False
        if getattr(item, field) == value:
            return False
        items = list(self.items)
        changed = item.copy(**{field: value})
        items[position] = changed
        if field == "start":  # a new start time puts the item in its place in the day
            items = act.resort_day(items, item.day)
        names = {"start": "jam mulai", "end": "jam selesai", "description": "kegiatan",
                 "place": "tempat", "pic": "penanggung jawab", "jp": "JP",
                 "attendance": "daftar hadir", "school_id": "sekolah"}
        new_position = next(i for i, x in enumerate(items) if x is changed)
        return self.commit(items, self.tr("Ubah %s") % names[field], select=new_position)

    def add_item(self) -> None:
        day = self.current_day()
        if day is None:
            return
        position = self.current_position()
        same_day = [i for i, item in enumerate(self.items) if item.day == day]
        after = position if position is not None else (same_day[-1] if same_day else None)
        start = self.items[after].end if after is not None else dt.time(7, 30)
        new = act.Item(day, start, None, self.tr("Acara baru"))
        items = list(self.items)
        insert_at = after + 1 if after is not None else _first_after(items, day)
        items.insert(insert_at, new)
        self.commit(items, self.tr("Tambah acara"), select=insert_at)

    def clear_cell(self) -> None:
        """Del empties the cell, as in Excel; the item itself goes with Ctrl+Del."""
        tab = self.days.currentIndex()
        if not 0 <= tab < len(self.day_tables):
            return
        index = self.day_tables[tab].currentIndex()
        if not index.isValid():
            return
        position, column = self.day_models[tab].rows[index.row()], index.column()
        if column == DESCRIPTION:
            self.status.emit(self.tr("Kegiatan tidak boleh kosong; untuk menghapus acaranya "
                                       "tekan Ctrl+Del."))
        elif column == ATTENDANCE:
            self.edit_item(position, "attendance", False)
        elif column == SCHOOL:
            self.edit_item(position, "school_id", None)
        elif column in _FIELDS:
            self.edit_item(position, _FIELDS[column], "" if column != JP else "0")

    def duplicate_item(self) -> None:
        position = self.current_position()
        if position is None:
            return
        items = list(self.items)
        items.insert(position + 1, items[position].copy(id=None))
        self.commit(items, self.tr("Duplikat acara"), select=position + 1)

    def delete_item(self) -> None:
        position = self.current_position()
        if position is None:
            return
        items = list(self.items)
        removed = items.pop(position)
        self.commit(items, self.tr("Hapus acara '%s'") % removed.description,
                    select=min(position, len(items) - 1) if items else None)

    def move_item(self, step: int) -> None:
        position = self.current_position()
        if position is None:
            return
        target = position + step
        if not 0 <= target < len(self.items) or self.items[target].day != self.items[position].day:
            return
        items = list(self.items)
        items[position], items[target] = items[target], items[position]
        self.commit(items, self.tr("Pindahkan acara"), select=target)


def _first_after(items: list[act.Item], day: dt.date) -> int:
    return next((i for i, item in enumerate(items) if item.day > day), len(items))
