"""Kegiatan & Rundown: the activities of every program and, for one activity, its rundown
edited day by day (a table per day), checked as it is typed, printed as JADWAL KEGIATAN."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QKeySequence,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
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
from kemitraan_desktop import schools, store
from kemitraan_desktop.errors import KemitraanError, NotFoundError

from ..errors import details_dialog, show_error
from ..ops import Job
from ..save_dialog import ask_save_path
from .activity_list import show_status

_ROOT = QModelIndex()
COLUMNS = ("Mulai", "Selesai", "Kegiatan", "Tempat", "Penanggung jawab", "JP", "Daftar hadir",
           "Khusus sekolah")
START, END, DESCRIPTION, PLACE, PIC, JP, ATTENDANCE, SCHOOL = range(len(COLUMNS))
SHARED = "(bersama)"
_FIELDS = {START: "start", END: "end", DESCRIPTION: "description", PLACE: "place", PIC: "pic",
           JP: "jp"}
DAY_NAMES = ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min")


def _print_rundown(db, activity_id, path, paper, school, sign_off=None, progress=None,
                   cancelled=None):
    from kemitraan_desktop.documents.rundown import print_rundown
    return print_rundown(db, activity_id, path, paper=paper, school=school, sign_off=sign_off)


def _export_rundown(db, activity_id, path, progress=None, cancelled=None):
    from kemitraan_desktop.spreadsheets import export_rundown
    return export_rundown(db, activity_id, path)


class RundownChange(QUndoCommand):
    """One edit of a rundown (the whole list before and after); saved at once."""

    def __init__(self, page: ActivitiesPage, activity_id: int, before: list[act.Item],
                 after: list[act.Item], text: str):
        super().__init__(text)
        self.page, self.activity_id, self.before, self.after = page, activity_id, before, after
        self.failed = False

    def _apply(self, items: list[act.Item]) -> None:
        try:
            act.save_items(self.page.db, self.activity_id, items)
        except KemitraanError as exc:
            self.failed = True
            self.setObsolete(True)
            show_error(self.page, exc)
            return
        self.page.rundown_saved(self.activity_id, items)

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


class ShiftActivity(QUndoCommand):
    """An activity and its rundown moved to new dates; undo moves them back."""

    def __init__(self, page: ActivitiesPage, activity_id: int, old_start: dt.date, new_start: dt.date):
        super().__init__(page.tr("Geser tanggal kegiatan"))
        self.page, self.activity_id = page, activity_id
        self.delta = new_start - old_start  # by how much: the dates may be edited in between

    def _move(self, delta: dt.timedelta) -> None:
        try:
            start = act.get_activity(self.page.db, self.activity_id).start + delta
            moved = act.shift_activity(self.page.db, self.activity_id, start)
        except KemitraanError as exc:
            self.setObsolete(True)
            show_error(self.page, exc)
            return
        self.page.reload_activities(select=self.activity_id)
        self.page.window_status(self.page.tr("Kegiatan dan rundown kini %s.")
                                % ind.format_date_range(moved.start, moved.end))

    def redo(self) -> None:
        self._move(self.delta)

    def undo(self) -> None:
        self._move(-self.delta)


class DayModel(QAbstractTableModel):
    """One day's items of the page's rundown; edits go back to the page as new lists."""

    def __init__(self, page: ActivitiesPage, day: dt.date):
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

    def __init__(self, page: ActivitiesPage):
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


class ActivitiesPage(QWidget):
    """Activities on the left; the chosen one's days, each a table of its items, on the right."""

    changed = Signal()

    def __init__(self, db, undo_stack: QUndoStack | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.undo_stack = undo_stack or QUndoStack(self)
        self.activity: act.Activity | None = None
        self.items: list[act.Item] = []
        self.school_names: dict[int, str] = {}
        self.warnings: list[act.RundownWarning] = []
        self.day_models: list[DayModel] = []
        self.day_tables: list[QTableView] = []
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._activity_list())
        splitter.addWidget(self._activity_view())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 1000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)
        self._ready = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._ready:
            self._ready = True
            self.reload_activities()

    # ---- building

    def _activity_list(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("<b>Kegiatan</b>"), box))
        self.list = QListWidget(box)
        self.list.setWordWrap(True)
        self.list.setStyleSheet("QListWidget::item { padding: 4px; }")
        self.list.currentItemChanged.connect(lambda item, _old: self.open_activity(
            item.data(Qt.ItemDataRole.UserRole) if item else None))
        self.list.itemDoubleClicked.connect(lambda _item: self.edit_activity())
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.new_button = QPushButton(self.tr("Baru..."), box)
        self.new_button.setToolTip(self.tr("Kegiatan baru"))
        self.new_button.clicked.connect(lambda: self.new_activity())
        self.edit_button = QPushButton(self.tr("Ubah..."), box)
        self.edit_button.clicked.connect(lambda: self.edit_activity())
        self.delete_button = QPushButton(self.tr("Hapus..."), box)
        self.delete_button.clicked.connect(lambda: self.delete_activity())
        for button in (self.new_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        layout.addLayout(row)
        return box

    def _activity_view(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(box)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        bar = QHBoxLayout()
        self.template_button = QPushButton(self.tr("Templat"), box)
        menu = QMenu(self.template_button)
        menu.addAction(self.tr("Terapkan templat..."), lambda: self.choose_template())
        menu.addAction(self.tr("Simpan rundown sebagai templat..."), lambda: self.save_template())
        self.template_button.setMenu(menu)
        self.shift_button = QPushButton(self.tr("Geser tanggal..."), box)
        self.shift_button.clicked.connect(lambda: self.shift_dates())
        self.people_button = QPushButton(self.tr("Peserta..."), box)
        self.people_button.setToolTip(self.tr("Peserta, narasumber dan panitia kegiatan"))
        self.people_button.clicked.connect(lambda: self.edit_people())
        self.excel_button = QPushButton(self.tr("Excel"), box)
        excel = QMenu(self.excel_button)
        excel.addAction(self.tr("Impor rundown dari .xlsx..."), lambda: self.import_rundown())
        excel.addAction(self.tr("Ekspor rundown ke .xlsx..."), lambda: self.export_rundown())
        self.excel_button.setMenu(excel)
        self.print_button = QPushButton(self.tr("Cetak jadwal"), box)
        self.print_menu = QMenu(self.print_button)
        self.print_menu.aboutToShow.connect(self._fill_print_menu)
        self.print_button.setMenu(self.print_menu)
        for button in (self.template_button, self.shift_button, self.people_button,
                       self.excel_button, self.print_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)

        self.days = QTabWidget(box)
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
            button = QPushButton(self.tr(text), box)
            button.setToolTip(f"{self.tr(text)} ({QKeySequence(shortcut).toString()})")
            button.clicked.connect(action.trigger)
            edit_bar.addWidget(button)
        edit_bar.addStretch(1)
        self.total = QLabel(box)
        edit_bar.addWidget(self.total)
        layout.addLayout(edit_bar)
        split = QSplitter(Qt.Orientation.Vertical, box)
        split.addWidget(self.days)
        self.warning_list = QListWidget(box)
        self.warning_list.setWordWrap(True)
        self.warning_list.itemClicked.connect(self._warning_clicked)
        split.addWidget(self.warning_list)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([430, 110])
        layout.addWidget(split, 1)
        self.activity_widgets = [self.template_button, self.shift_button, self.people_button,
                                 self.excel_button, self.print_button, self.days,
                                 self.edit_button, self.delete_button]
        return box

    # ---- activities

    def reload_activities(self, select: int | None = None) -> None:
        current = select if select is not None else (self.activity.id if self.activity else None)
        self.list.blockSignals(True)
        self.list.clear()
        for entry in act.list_activities(self.db):
            a = entry["activity"]
            text = (f"{a.title}\n{ind.format_date_range(a.start, a.end)} · {entry['city'] or '-'}"
                    f"\n{entry['program']}")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            self.list.addItem(item)
            if a.id == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(self.list.count() - 1)
        item = self.list.currentItem()
        self.open_activity(item.data(Qt.ItemDataRole.UserRole) if item else None)

    def open_activity(self, activity_id: int | None) -> None:
        for widget in self.activity_widgets:
            widget.setEnabled(activity_id is not None)
        if activity_id is None:
            self.activity = None
            self.items = []
            self.heading.setText(self.tr("Belum ada kegiatan. Klik <b>Baru...</b> untuk membuat "
                                         "workshop, OJL atau kegiatan lain sebuah program."))
            self._build_days()
            return
        try:
            self.activity = act.get_activity(self.db, activity_id)
        except NotFoundError:
            self.activity = None
            self.reload_activities()
            return
        self.items = act.list_items(self.db, activity_id)
        self.school_names = {s["id"]: s["name"] for s in act.host_schools(self.db, activity_id)}
        self.school_names.update({i.school_id: self._school_name(i.school_id)
                                  for i in self.items if i.school_id and i.school_id not in self.school_names})
        self._heading()
        self._build_days()

    def _school_name(self, school_id: int) -> str:
        return schools.school_name(self.db, school_id) or str(school_id)

    def _heading(self) -> None:
        a = self.activity
        zone = act.time_zone(self.db, a.region_code)
        city = act.region_name(self.db, a.region_code)
        participants = len(act.activity_participants(self.db, a.id))
        place = ", ".join(x for x in (a.venue, city) if x) or "-"
        self.heading.setText(
            f"<b style='font-size:14pt'>{ind_escape(a.title)}</b><br>"
            + self.tr("%s · %s · %s (%s) · %s peserta") % (
                a.kind_label, ind.format_date_range(a.start, a.end), ind_escape(place), zone,
                participants))

    def new_activity(self):
        from ..dialogs.activity_form import ActivityForm

        form = ActivityForm(self.db, None, self,
                            program_id=self.activity.program_id if self.activity else None)
        form.saved.connect(lambda aid: self.reload_activities(select=aid))
        form.open()
        return form

    def edit_activity(self):
        from ..dialogs.activity_form import ActivityForm

        if self.activity is None:
            return None
        form = ActivityForm(self.db, self.activity, self)
        form.saved.connect(lambda aid: self.reload_activities(select=aid))
        form.open()
        return form

    def delete_activity(self) -> QMessageBox | None:
        if self.activity is None:
            return None
        activity = self.activity
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Hapus kegiatan"),
                          self.tr("Hapus kegiatan '%s' beserta rundown-nya? Ini tidak dapat "
                                  "dibatalkan.") % activity.title,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Hapus"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Batal"))
        box.setDefaultButton(QMessageBox.StandardButton.No)

        def delete():
            act.delete_activity(self.db, activity.id)
            self.activity = None
            self.reload_activities()
        box.accepted.connect(delete)
        box.open()
        return box

    def alive(self) -> bool:
        """False (and the list reloaded) when the activity or its program was deleted meanwhile."""
        if self.activity is None:
            return False
        try:
            act.get_activity(self.db, self.activity.id)
        except NotFoundError:
            self.activity = None
            self.reload_activities()
            return False
        return True

    def refresh(self) -> None:
        """Programs or participants changed elsewhere (a program deleted, people moved)."""
        if self._ready:
            self.reload_activities()

    def edit_people(self):
        from ..dialogs.activity_form import ActivityPeople

        if not self.alive():
            return None
        dialog = ActivityPeople(self.db, self.activity, self)
        dialog.accepted.connect(self._heading)
        dialog.open()
        return dialog

    # ---- the rundown: days, items, warnings

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
            self.reload_activities(select=activity_id)
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
            self.window_status(self.tr("Tidak diubah: %s.") % exc)
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
            self.window_status(self.tr("Kegiatan tidak boleh kosong; untuk menghapus acaranya "
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

    # ---- templates and dates

    def choose_template(self):
        if not self.alive():
            return None
        templates = act.list_templates(self.db)
        names = [t.name + ("" if t.builtin else self.tr(" (buatan kantor)")) for t in templates]
        default = next((i for i, t in enumerate(templates) if t.kind == self.activity.kind), 0)
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Terapkan templat"))
        dialog.setLabelText(self.tr("Rundown diisi dari templat, mulai %s. Rundown yang ada diganti "
                                    "(dapat dibatalkan dengan Ctrl+Z).")
                            % ind.format_date(self.activity.start))
        dialog.setComboBoxItems(names)
        dialog.setTextValue(names[default])
        dialog.setOkButtonText(self.tr("Terapkan"))
        dialog.setCancelButtonText(self.tr("Batal"))
        dialog.textValueSelected.connect(lambda name: self.apply_template(templates[names.index(name)]))
        dialog.open()
        self.template_dialog = dialog
        return dialog

    def apply_template(self, template: act.Template) -> bool:
        items = act.apply_template(self.db, self.activity.id, template)
        done = self.commit(items, self.tr("Terapkan templat %s") % template.name)
        notes = []
        if template.days > len(self.activity.days):
            notes.append(self.tr("Templat %s hari lebih panjang dari kegiatan (%s hari); acara di "
                                 "luar tanggal ditandai.") % (template.days, len(self.activity.days)))
        weekday = template.weekday_warning(self.activity.start)
        if weekday:
            notes.append(weekday)
        if done and notes:
            self.template_note = QMessageBox(QMessageBox.Icon.Information, self.tr("Templat diterapkan"),
                                             "\n\n".join(notes), QMessageBox.StandardButton.Close, self)
            self.template_note.button(QMessageBox.StandardButton.Close).setText(self.tr("Tutup"))
            self.template_note.open()
        return done

    def save_template(self) -> None:
        if self.activity is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Simpan sebagai templat"),
                                        self.tr("Nama templat baru:"),
                                        text=f"{self.activity.kind_label} ({len(self.activity.days)} hari)")
        if not ok:
            return
        try:
            act.save_as_template(self.db, self.activity.id, name)
        except KemitraanError as exc:
            show_error(self, exc)
            return
        self.window_status(self.tr("Templat '%s' disimpan.") % name.strip())

    def shift_dates(self):
        from ..dialogs.activity_form import ShiftDialog

        if self.activity is None:
            return None
        dialog = ShiftDialog(self.activity, self)

        def shift():
            command = ShiftActivity(self, self.activity.id, self.activity.start, dialog.new_start())
            self.undo_stack.push(command)
        dialog.accepted.connect(shift)
        dialog.open()
        return dialog

    # ---- files and printing

    def window_status(self, text: str) -> None:
        show_status(self, text)

    def _fill_print_menu(self) -> None:
        self.print_menu.clear()
        if not self.alive():
            return
        from kemitraan_desktop import office
        paper = getattr(self, "paper", None) or office.load_profile(self.db).paper
        for key, text in (("f4", "Kertas F4 (215 x 330 mm)"), ("a4", "Kertas A4")):
            action = self.print_menu.addAction(self.tr(text))
            action.setCheckable(True)
            action.setChecked(paper == key)
            action.triggered.connect(lambda _c=False, k=key: setattr(self, "paper", k))
        self.print_menu.addSeparator()
        self.print_menu.addAction(self.tr("Jadwal lengkap..."),
                                  lambda: self.print_rundown(paper=paper))
        for school in act.host_schools(self.db, self.activity.id):
            if any(i.school_id == school["id"] for i in self.items):
                self.print_menu.addAction(self.tr("Untuk %s...") % school["name"],
                                          lambda s=school: self.print_rundown(school=s["id"], paper=paper))

    def print_rundown(self, path: str | None = None, *, school: int | None = None,
                      paper: str | None = None, show: bool = True, sign_off=None) -> Job | None:
        if self.activity is None:
            return None
        if path is None:
            from ..pdf_preview import temp_pdf_path
            which = self.school_names.get(school, "") if school else ""
            name = _file_name(f"jadwal-{self.activity.title}" + (f"-{which}" if which else ""))
            path = str(temp_pdf_path(name + ".pdf"))
        job = Job(self, store.db_file(self.db), _print_rundown, self.activity.id, path, paper,
                  school, sign_off, label=self.tr("Menyusun jadwal kegiatan..."))
        job.failed.connect(lambda exc: show_error(self, exc))
        if show:
            title = self.tr("Jadwal Kegiatan - %s") % self.activity.title
            last_day = self.activity.end
            job.succeeded.connect(lambda _r: self._show_pdf(
                path, title, sign_off, last_day,
                lambda chosen: self.print_rundown(path, school=school, paper=paper, sign_off=chosen)))
        return self._start(job)

    def _show_pdf(self, path: str, title: str, sign_off=None, last_day=None, redo=None) -> None:
        from ..pdf_preview import show_pdf
        self.preview = show_pdf(self, path, title, Path(path).name)
        if redo is not None:
            from ..sign_off import offer_defaults
            offer_defaults(self.preview, self.db, sign_off, redo, last_day=last_day)

    def export_rundown(self, path: str | None = None) -> Job | None:
        if self.activity is None:
            return None
        if path is None:
            chosen = ask_save_path(self, self.tr("Ekspor rundown"),
                                   _file_name(f"rundown-{self.activity.title}") + ".xlsx",
                                   self.tr("Buku kerja Excel (*.xlsx)"), ".xlsx", store.db_file(self.db))
            if chosen is None:
                return None
            path = str(chosen)
        job = Job(self, store.db_file(self.db), _export_rundown, self.activity.id, path,
                  label=self.tr("Mengekspor rundown..."))
        job.failed.connect(lambda exc: show_error(self, exc))
        job.succeeded.connect(lambda _r: self.window_status(self.tr("Rundown diekspor ke %s") % path))
        return self._start(job)

    def import_rundown(self, path: str | None = None):
        from kemitraan_desktop.spreadsheets import import_rundown

        if self.activity is None:
            return None
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Impor rundown"), "",
                                                  self.tr("Lembar kerja (*.xlsx *.xls *.ods *.csv)"))
            if not path:
                return None
        try:  # check first: nothing is replaced until the operator has seen what comes
            check = import_rundown(self.db, self.activity.id, path, dry_run=True)
        except KemitraanError as exc:
            show_error(self, exc)
            return None
        if check.problems:
            self.import_box = details_dialog(self, self.tr("Impor rundown"), check.summary(),
                                             check.details())
            return check
        question = self.tr("Ganti rundown '%s' (%s acara) dengan %s acara dari berkas %s?") % (
            self.activity.title, len(self.items), check.items, Path(path).name)
        if check.warnings:
            question += "\n\n" + self.tr("%s peringatan:") % len(check.warnings) + "\n" + \
                "\n".join(str(w) for w in check.warnings[:8]) + ("\n..." if len(check.warnings) > 8 else "")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Impor rundown"), question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Ganti rundown"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Batal"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.accepted.connect(lambda: self._import_now(path))
        box.open()
        self.import_box = box
        return check

    def _import_now(self, path: str):
        from kemitraan_desktop.spreadsheets import import_rundown

        before = list(self.items)
        try:
            report = import_rundown(self.db, self.activity.id, path)
        except KemitraanError as exc:
            show_error(self, exc)
            return None
        if not report.written:  # the file changed since it was checked
            self.import_box = details_dialog(self, self.tr("Impor rundown"), report.summary(),
                                             report.details())
            return report
        after = act.list_items(self.db, self.activity.id)
        # the import saved already; the undo step restores the rundown before it
        command = RundownChange(self, self.activity.id, before, after, self.tr("Impor rundown"))
        self.undo_stack.push(command)
        self.window_status(report.summary())
        return report

    def _start(self, job: Job) -> Job:
        return job.start()




def ind_escape(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _file_name(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text).strip("-")[:80]


def _first_after(items: list[act.Item], day: dt.date) -> int:
    return next((i for i, item in enumerate(items) if item.day > day), len(items))
