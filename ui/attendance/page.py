"""Kehadiran: record who came to each session from the signed daftar hadir, keyboard first
(H, I, S, A, space, arrows; marks.py), saved at once and undoable; the recap with JP and
eligibility, the daftar hadir and the recap printed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import activities as act
from kemitraan_desktop import attendance as att
from kemitraan_desktop import indonesia as ind
from kemitraan_desktop import store
from kemitraan_desktop.errors import NotFoundError

from ..activities.activity_list import activity_entries
from ..errors import details_dialog, show_error
from ..ops import Job
from ..widgets.list_detail import ListDetail
from ..widgets.save_dialog import ask_save_path
from ..widgets.status import show_status
from .marks import MarksChange, MarksModel, MarksTable, fit_names, frozen_names
from .rule_dialog import RuleDialog


def _import_marks(db, activity_id, path, progress=None, cancelled=None):
    from kemitraan_desktop.spreadsheets import import_marks
    return import_marks(db, activity_id, path, progress=progress, cancelled=cancelled)


def _recap_xlsx(db, activity_id, path, progress=None, cancelled=None):
    from kemitraan_desktop.spreadsheets import export_recap
    return export_recap(db, activity_id, path)


def _recap_pdf(db, activity_id, path, paper, sign_off=None, progress=None, cancelled=None):
    from kemitraan_desktop.documents.recap import print_recap
    return print_recap(db, activity_id, path, paper=paper, sign_off=sign_off)


def _sheets_pdf(db, activity_id, path, day, staff, blank_rows, sign_off=None, progress=None,
                cancelled=None):
    from kemitraan_desktop.documents.attendance import print_attendance
    return print_attendance(db, activity_id, path, day=day, staff=staff, blank_rows=blank_rows,
                            sign_off=sign_off)


class AttendancePage(QWidget):
    """Activities on the left; the chosen one's marks, its recap and its prints on the right."""

    def __init__(self, db, undo_stack: QUndoStack | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.undo_stack = undo_stack or QUndoStack(self)
        self.activity: act.Activity | None = None
        self.skeleton = ListDetail(self.tr("Kegiatan"), self)
        self.list = self.skeleton.list
        self.skeleton.chosen.connect(self.open_activity)
        right = QWidget(self)
        layout = QVBoxLayout(right)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(right)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        bar = QHBoxLayout()
        self.all_button = QPushButton(self.tr("Semua hadir"), right)
        self.all_button.setToolTip(self.tr(
            "Tandai hadir semua peserta yang belum bertanda pada sesi (kolom) terpilih; pilih "
            "beberapa kolom untuk beberapa sesi sekaligus"))
        self.all_button.clicked.connect(lambda: self.all_present())
        self.note_button = QPushButton(self.tr("Catatan..."), right)
        self.note_button.clicked.connect(lambda: self.edit_note())
        self.rule_button = QPushButton(self.tr("Syarat sertifikat..."), right)
        self.rule_button.clicked.connect(lambda: self.edit_rule())
        self.import_button = QPushButton(self.tr("Impor..."), right)
        self.import_button.clicked.connect(lambda: self.import_marks())
        self.print_button = QPushButton(self.tr("Cetak"), right)
        menu = QMenu(self.print_button)
        menu.addAction(self.tr("Daftar hadir semua sesi..."), lambda: self.print_sheets())
        menu.addAction(self.tr("Daftar hadir sesi terpilih (hari itu)..."),
                       lambda: self.print_sheets(day_only=True))
        menu.addAction(self.tr("Daftar hadir narasumber dan panitia..."),
                       lambda: self.print_sheets(staff=True))
        menu.addSeparator()
        menu.addAction(self.tr("Rekap Kehadiran (PDF)..."), lambda: self.print_recap())
        menu.addAction(self.tr("Rekap Kehadiran (.xlsx)..."), lambda: self.export_recap())
        self.print_button.setMenu(menu)
        for button in (self.all_button, self.note_button, self.rule_button, self.import_button,
                       self.print_button):
            bar.addWidget(button)
        bar.addStretch(1)
        self.summary = QLabel(right)
        bar.addWidget(self.summary)
        layout.addLayout(bar)
        hint = QLabel(self.tr("Ketik H (hadir), I (izin), S (sakit), A (alpa); spasi: hadir/kosong; "
                              "Del: hapus tanda. Tersimpan otomatis; Ctrl+Z membatalkan."), right)
        hint.setStyleSheet("color: #555;")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.model = MarksModel(self)
        self.table = MarksTable(right)
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setMinimumSectionSize(40)
        self.table.marked.connect(self.mark_selection)
        self.names = frozen_names(self.table, right)
        grid = QHBoxLayout()
        grid.setSpacing(0)
        grid.addWidget(self.names)
        grid.addWidget(self.table, 1)
        layout.addLayout(grid, 1)
        self.skeleton.set_detail(right)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.addWidget(self.skeleton)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.reload_activities()  # activities may have changed on their page

    def reload_activities(self, select: int | None = None) -> None:
        current = select if select is not None else (self.activity.id if self.activity else None)
        self.open_activity(self.skeleton.fill(activity_entries(self.db), current))

    def open_activity(self, activity_id: int | None) -> None:
        for widget in (self.all_button, self.note_button, self.rule_button, self.import_button,
                       self.print_button, self.table):
            widget.setEnabled(activity_id is not None)
        if activity_id is None:
            self.activity = None
            self.heading.setText(self.tr("Belum ada kegiatan. Buat dulu di halaman Kegiatan & Rundown."))
            self.model.load([], [], {}, {})
            self.summary.clear()
            return
        try:
            self.activity = act.get_activity(self.db, activity_id)
        except NotFoundError:
            self.activity = None
            self.reload_activities()
            return
        a = self.activity
        self.heading.setText(f"<b style='font-size:14pt'>{a.title.replace('<', '&lt;')}</b><br>"
                             + ind.format_date_range(a.start, a.end))
        self.refresh()
        widths = [210, 65, 55, 50, 40, 75] + [66] * len(self.model.sessions)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
            self.names.setColumnWidth(column, width)
        fit_names(self.names, self.table)

    def refresh(self) -> None:
        try:
            act.get_activity(self.db, self.activity.id)
        except NotFoundError:  # deleted meanwhile
            self.activity = None
            self.reload_activities()
            return
        sessions, rows = att.recap(self.db, self.activity.id)
        notes = {key: note for key, (_status, note) in att.marks(self.db, self.activity.id).items() if note}
        self.model.load(sessions, rows, notes, att.session_counts(self.db, self.activity.id))
        rule = att.get_rule(self.db, self.activity.id)
        eligible = sum(1 for r in rows if r.eligible)
        text = self.tr("%s dari %s memenuhi syarat (minimal %s)") % (
            eligible, len(rows), att.ind_percent(rule.min_percent))
        orphans = att.orphaned_marks(self.db, self.activity.id)
        if orphans:
            text = self.tr("<span style='color:#b3261e'>%s tanda kehadiran tidak cocok dengan sesi "
                           "rundown sekarang (jam atau daftar hadir acaranya diubah); isi ulang "
                           "sesi yang kosong.</span> ") % orphans + text
        self.summary.setText(text)

    def marks_changed(self, activity_id: int) -> None:
        if self.activity is not None and self.activity.id == activity_id:
            current = self.table.currentIndex()
            several = len(self.table.selectionModel().selectedIndexes()) > 1
            self.refresh()
            if current.isValid() and not several and self.activity is not None:
                self.table.setCurrentIndex(self.model.index(current.row(), current.column()))

    # ---- marking

    def _selected_cells(self) -> list[tuple[int, att.Session]]:
        cells = []
        for index in self.table.selectionModel().selectedIndexes() or [self.table.currentIndex()]:
            session = self.model.session_at(index.column()) if index.isValid() else None
            if session is not None:
                cells.append((index.row(), session))
        return cells

    def mark_selection(self, status) -> bool:
        """H/I/S/A on the selected cells (then one row down, as when copying a paper list)."""
        cells = self._selected_cells()
        if not cells or self.activity is None:
            return False
        changes = []
        nows = [self.model.rows[row].statuses[self.model.sessions.index(session)]
                for row, session in cells]
        toggle_to = None if all(now == "hadir" for now in nows) else "hadir"  # space: one way
        for row, session in cells:
            recap_row = self.model.rows[row]
            chosen = status if status != "" else toggle_to
            note = self.model.notes.get((recap_row.participant["id"], *session.key), "")
            changes.append(att.Mark(recap_row.participant["id"], *session.key, chosen, note))
        label = att.STATUSES.get(status or "", "hapus") if status != "" else (
            "hadir" if toggle_to else "hapus")
        command = MarksChange(self, self.activity.id, changes,
                              self.tr("Tandai %s (%s sel)") % (label.lower(), len(changes)))
        self.undo_stack.push(command)
        if len(cells) == 1 and not command.failed:
            self._step_down(cells[0][0], self.table.currentIndex().column())
        return not command.failed

    def _step_down(self, row: int, column: int) -> None:
        """The next name on the paper; after the last, the next session's first name."""
        if row + 1 < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row + 1, column))
        elif column + 1 < self.model.columnCount():
            self.table.setCurrentIndex(self.model.index(0, column + 1))
            self.table.scrollTo(self.table.currentIndex())
            session = self.model.session_at(column + 1)
            if session is not None:
                self.window_status(self.tr("Sesi berikutnya: %s") % session.label)

    def all_present(self) -> bool:
        """Every participant hadir in each selected session (column), one undo step. A cell
        already marked (izin, sakit, alpa typed from the paper) keeps its mark."""
        sessions = []
        for _row, session in self._selected_cells():
            if session not in sessions:
                sessions.append(session)
        if not sessions or self.activity is None:
            self.window_status(self.tr("Pilih dulu sel di kolom sesi yang akan ditandai hadir semua."))
            return False
        changes, kept = [], 0
        for session in sessions:
            column = self.model.sessions.index(session)
            for r in self.model.rows:
                if r.statuses[column] is not None:
                    kept += r.statuses[column] != "hadir"
                    continue
                changes.append(att.Mark(r.participant["id"], *session.key, "hadir",
                                        self.model.notes.get((r.participant["id"], *session.key), "")))
        text = (self.tr("Semua hadir: %s") % sessions[0].label if len(sessions) == 1
                else self.tr("Semua hadir: %s sesi") % len(sessions))
        if changes:
            command = MarksChange(self, self.activity.id, changes, text)
            self.undo_stack.push(command)
            if command.failed:
                return False
        message = self.tr("%s ditandai hadir pada %s sesi.") % (len(changes), len(sessions))
        if kept:
            message += " " + self.tr("%s tanda izin/sakit/alpa tetap.") % kept
        self.window_status(message)
        return True

    def edit_note(self):
        cells = self._selected_cells()
        if len(cells) != 1 or self.activity is None:
            return None
        row, session = cells[0]
        recap_row = self.model.rows[row]
        status = recap_row.statuses[self.model.sessions.index(session)]
        if status is None:
            self.window_status(self.tr("Tandai dulu kehadirannya, lalu beri catatan."))
            return None
        note = self.model.notes.get((recap_row.participant["id"], *session.key), "")
        text, ok = QInputDialog.getText(self, self.tr("Catatan"), recap_row.participant["name"]
                                        + "\n" + session.label, text=note)
        if ok:
            self.undo_stack.push(MarksChange(self, self.activity.id, [
                att.Mark(recap_row.participant["id"], *session.key, status, text)],
                self.tr("Ubah catatan")))
        return text if ok else None

    def edit_rule(self):
        if self.activity is None:
            return None
        dialog = RuleDialog(self.db, self.activity.id, self)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    # ---- files

    def window_status(self, text: str) -> None:
        show_status(self, text)

    def import_marks(self, path: str | None = None) -> Job | None:
        """Read and record a sheet of marks in the background; a file with problems records
        nothing and its rows are shown (`import_box`)."""
        if self.activity is None:
            return None
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Impor kehadiran"), "",
                                                  self.tr("Lembar kerja (*.xlsx *.xls *.ods *.csv)"))
            if not path:
                return None
        job = self._run(_import_marks, self.activity.id, path,
                        label=self.tr("Mengimpor kehadiran..."))
        job.succeeded.connect(self._marks_imported)
        return job

    def _marks_imported(self, report) -> None:
        if not report.written:
            self.import_box = details_dialog(self, self.tr("Impor kehadiran"), report.summary(),
                                             report.details())
            return
        self.undo_stack.clear()  # the import is not an undo step; earlier ones may collide
        self.refresh()
        self.window_status(report.summary())

    def _run(self, fn, *args, label: str, show_pdf: str | None = None, redo=None,
             own_date: str = "") -> Job:
        job = Job(self, store.db_file(self.db), fn, *args, label=label)
        job.failed.connect(lambda exc: show_error(self, exc))
        if show_pdf:
            path = args[1]
            job.succeeded.connect(lambda _r: self._preview(path, show_pdf, args[-1], redo, own_date))
        return job.start()

    def _preview(self, path: str, title: str, sign_off, redo, own_date: str) -> None:
        from ..widgets.pdf_preview import show_pdf as preview
        from ..widgets.sign_off import offer_defaults

        self.preview = preview(self, path, title, Path(path).name)
        if redo is not None:
            offer_defaults(self.preview, self.db, sign_off, redo,
                           last_day=None if own_date else self.activity.end, own_date=own_date,
                           place=act.signing_place(self.db, self.activity)
                           if own_date else None)

    def _temp(self, name: str) -> str:
        from ..widgets.pdf_preview import temp_pdf_path
        return str(temp_pdf_path(name))

    def print_sheets(self, *, day_only: bool = False, staff: bool = False, path: str | None = None,
                     blank_rows: int = 5, sign_off=None) -> Job | None:
        if self.activity is None:
            return None
        day = None
        if day_only:
            index = self.table.currentIndex()
            session = self.model.session_at(index.column()) if index.isValid() else None
            if session is None:
                self.window_status(self.tr("Pilih dulu sel di kolom sesi hari yang akan dicetak."))
                return None
            day = session.day
        name = "daftar-hadir" + ("-narasumber" if staff else "") + (f"-{day.isoformat()}" if day else "")
        path = path or self._temp(f"{name}.pdf")
        return self._run(_sheets_pdf, self.activity.id, path, day, staff, 0 if staff else blank_rows,
                         sign_off, label=self.tr("Menyusun daftar hadir..."),
                         show_pdf=self.tr("Daftar Hadir - %s") % self.activity.title,
                         redo=lambda chosen: self.print_sheets(
                             path, day_only=day_only, staff=staff, blank_rows=blank_rows,
                             sign_off=chosen),
                         own_date=self.tr("tanggal sesi masing-masing"))

    def print_recap(self, path: str | None = None, paper: str | None = None,
                    sign_off=None) -> Job | None:
        if self.activity is None:
            return None
        path = path or self._temp("rekap-kehadiran.pdf")
        return self._run(_recap_pdf, self.activity.id, path, paper, sign_off,
                         label=self.tr("Menyusun rekap kehadiran..."),
                         show_pdf=self.tr("Rekap Kehadiran - %s") % self.activity.title,
                         redo=lambda chosen: self.print_recap(path, paper, sign_off=chosen))

    def export_recap(self, path: str | None = None) -> Job | None:
        if self.activity is None:
            return None
        if path is None:
            chosen = ask_save_path(self, self.tr("Rekap kehadiran"), "rekap-kehadiran.xlsx",
                                   self.tr("Buku kerja Excel (*.xlsx)"), ".xlsx", store.db_file(self.db))
            if chosen is None:
                return None
            path = str(chosen)
        job = self._run(_recap_xlsx, self.activity.id, path, label=self.tr("Menyusun rekap..."))
        job.succeeded.connect(lambda _r: self.window_status(self.tr("Rekap ditulis ke %s") % path))
        return job

