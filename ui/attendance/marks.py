"""The attendance grid: participants by sessions with their recap (MarksModel), the keys
that mark it (MarksTable), and a change of marks as one undo step (MarksChange)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QUndoCommand
from PySide6.QtWidgets import QTableView

from kemitraan_desktop import activities as act
from kemitraan_desktop import attendance as att
from kemitraan_desktop.errors import KemitraanError

from ..errors import show_error

_ROOT = QModelIndex()
LETTERS = {"hadir": "H", "izin": "I", "sakit": "S", "alpa": "A"}
KEYS = {Qt.Key.Key_H: "hadir", Qt.Key.Key_I: "izin", Qt.Key.Key_S: "sakit", Qt.Key.Key_A: "alpa"}
COLOURS = {"hadir": "#e6f4ea", "izin": "#fff4ce", "sakit": "#e8f0fe", "alpa": "#fce8e6"}
FIXED = ("Nama", "Peran")
SUMMARY = ("Hadir", "%", "JP", "Sertifikat")  # beside the names, not past the sessions
FIRST_SESSION = len(FIXED) + len(SUMMARY)
CERTIFICATE = FIRST_SESSION - 1
DAY_NAMES = ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min")


def _short(session: att.Session) -> str:
    day = session.day
    text = f"{DAY_NAMES[day.weekday()]} {day.day}/{day.month}"
    return f"{text}\n{session.slot.replace(':', '.')}" if session.slot else f"{text}\nsehari"


class MarksChange(QUndoCommand):
    """Marks written at once; undo writes back what was there."""

    def __init__(self, page, activity_id: int, after: list[att.Mark], text: str):
        super().__init__(text)
        self.page, self.activity_id, self.after = page, activity_id, after
        self.before: list[att.Mark] = []
        self.failed = False

    def redo(self) -> None:
        try:
            self.before = att.set_marks(self.page.db, self.activity_id, self.after)
        except KemitraanError as exc:
            self.failed = True
            self.setObsolete(True)
            show_error(self.page, exc)
        self.page.marks_changed(self.activity_id)

    def undo(self) -> None:
        try:
            att.set_marks(self.page.db, self.activity_id, self.before)
        except KemitraanError as exc:
            show_error(self.page, exc)
        self.page.marks_changed(self.activity_id)


class MarksModel(QAbstractTableModel):
    """Participants by sessions: Nama, Peran, the row's recap (Hadir, %, JP, Sertifikat),
    then one column per session, so the recap reads beside the name however many sessions."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.sessions: list[att.Session] = []
        self.rows: list[att.RecapRow] = []
        self.notes: dict[tuple, str] = {}
        self.counts: dict[tuple, dict[str, int]] = {}

    def load(self, sessions, rows, notes, counts) -> None:
        same = len(sessions) == len(self.sessions) and len(rows) == len(self.rows)
        if not same:
            self.beginResetModel()
        self.sessions, self.rows, self.notes, self.counts = sessions, rows, notes, counts
        if not same:
            self.endResetModel()
        elif rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, self.columnCount() - 1))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(FIXED) + len(self.sessions) + len(SUMMARY)

    def session_at(self, column: int) -> att.Session | None:
        index = column - FIRST_SESSION
        return self.sessions[index] if 0 <= index < len(self.sessions) else None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        session = self.session_at(section)
        if session is None:
            names = FIXED + SUMMARY
            return self.tr(names[section]) if role == Qt.ItemDataRole.DisplayRole else None
        counts = self.counts.get(session.key, {})
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{_short(session)}\nH {counts.get('hadir', 0)}/{len(self.rows)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            tally = ", ".join(f"{label} {counts.get(key, 0)}" for key, label in att.STATUSES.items())
            return f"{session.label}\n{act.format_jp(session.jp)} JP\n{tally}"
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        session = self.session_at(column)
        if session is not None:
            status = row.statuses[column - FIRST_SESSION]
            if role == Qt.ItemDataRole.DisplayRole:
                return LETTERS.get(status, "")
            if role == Qt.ItemDataRole.BackgroundRole and status:
                return QBrush(QColor(COLOURS[status]))
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            if role == Qt.ItemDataRole.ToolTipRole:
                note = self.notes.get((row.participant["id"], *session.key), "")
                return "\n".join(x for x in (att.STATUSES.get(status, "belum dicatat"), note) if x)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.participant["name"]
            if column == 1:
                return row.participant["tier_label"]
            summary = column - len(FIXED)
            return (f"{row.attended}/{row.sessions}", att.ind_percent(row.percent),
                    act.format_jp(row.jp), self.tr("Ya") if row.eligible else self.tr("Tidak"))[summary]
        if role == Qt.ItemDataRole.ToolTipRole and column >= len(FIXED):
            return "; ".join(row.reasons) or self.tr("Memenuhi syarat sertifikat")
        if role == Qt.ItemDataRole.ForegroundRole and column == CERTIFICATE and not row.eligible:
            return QBrush(QColor("#b3261e"))
        return None


def frozen_names(table: QTableView, parent) -> QTableView:
    """The Nama, Peran and recap columns in a view of their own beside the grid, which then
    shows only the sessions: scrolled to the last day, every row still says whose it is.
    Both views share the model, the selection and the vertical scroll."""
    names = QTableView(parent)
    names.setModel(table.model())
    names.setSelectionModel(table.selectionModel())
    names.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    names.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    names.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    names.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # both with a horizontal scroll bar, so that their rows end at the same height
    names.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    names.verticalHeader().setDefaultSectionSize(table.verticalHeader().defaultSectionSize())
    table.verticalHeader().hide()  # the row numbers stay with the names
    ours, theirs = names.verticalScrollBar(), table.verticalScrollBar()
    theirs.valueChanged.connect(ours.setValue)
    ours.valueChanged.connect(theirs.setValue)

    def split() -> None:
        model = table.model()
        for column in range(model.columnCount()):
            names.setColumnHidden(column, column >= FIRST_SESSION)
            table.setColumnHidden(column, column < FIRST_SESSION)
    table.model().modelReset.connect(split)
    table.model().layoutChanged.connect(split)
    split()
    return names


def fit_names(names: QTableView, table: QTableView) -> None:
    """The frozen view exactly as wide as its columns, its header as tall as the sessions'
    (three lines), so that each name sits on its row of marks."""
    width = sum(names.columnWidth(c) for c in range(FIRST_SESSION)) + names.verticalHeader().width()
    names.setFixedWidth(width + 2 * names.frameWidth() + 2)
    height = max(table.horizontalHeader().sizeHint().height(),
                 names.horizontalHeader().sizeHint().height())
    table.horizontalHeader().setFixedHeight(height)
    names.horizontalHeader().setFixedHeight(height)


class MarksTable(QTableView):
    """H, I, S, A mark the selected cells and step down; space toggles hadir; Del clears."""

    marked = Signal(object)  # status or None ('' for the hadir toggle)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        allowed = Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier
        model = self.model()
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End) and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier and model.rowCount():
            # Qt moves only the cursor with Ctrl, leaving the old cell selected (and marked
            # by the next key): the first or last cell becomes the one selected
            first = key == Qt.Key.Key_Home
            target = model.index(0 if first else model.rowCount() - 1,
                                 FIRST_SESSION if first else model.columnCount() - 1)
            self.selectionModel().setCurrentIndex(
                target, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.scrollTo(target)
            return
        if key in KEYS and not event.modifiers() & ~allowed:
            self.marked.emit(KEYS[key])
        elif key == Qt.Key.Key_Space:
            self.marked.emit("")
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.marked.emit(None)
        else:
            super().keyPressEvent(event)
