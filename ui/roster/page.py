"""Guru & Kepala Sekolah: the roster, searched, filtered and sorted in SQL."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import dashboard, people, programs, store, vocabulary
from kemitraan_desktop.indonesia import format_nip, format_thousands

from ..errors import show_error
from ..ops import DbWorker, Job
from ..undo import DeletePeople, SavePerson
from ..widgets.save_dialog import ask_save_path
from ..widgets.table_model import Column, LazyTableModel
from .person_form import PersonForm

SEARCH_DELAY_MS = 250
HEAD_ROWS = 100
_FILTERS = (("position", "Semua jabatan"), ("jenjang", "Semua jenjang"),
            ("subject", "Semua mapel"), ("province_code", "Semua provinsi"),
            ("region_code", "Semua kab/kota"))


def _export(db, path, ids, listed, progress=None, cancelled=None):
    from kemitraan_desktop import office
    from kemitraan_desktop.spreadsheets import export_roster  # openpyxl: on demand

    return export_roster(db, path, ids if ids is not None else listed(db), progress=progress,
                         cancelled=cancelled, include_nik=office.include_nik(db))


def _score(value) -> str:
    return f"{value:.2f}".replace(".", ",")


class PeoplePage(QWidget):
    countChanged = Signal(int)
    addToProgramRequested = Signal(list)  # person ids
    importRequested = Signal()

    def __init__(self, db, undo_stack: QUndoStack, worker: DbWorker | None = None,
                 figures: DbWorker | None = None, parent: QWidget | None = None):
        """`worker` answers the list (search, sort); `figures` the slower filter choices,
        so a search never waits behind them. Both default to workers of the page's own."""
        super().__init__(parent)
        self.db, self.undo_stack = db, undo_stack
        self.worker = worker or DbWorker(store.db_file(db), self)
        self.figures = figures or self.worker
        for source in {self.worker, self.figures}:
            source.done.connect(self._answered)
            source.failed.connect(self._query_failed)
        self._tickets: dict[str, int] = {}
        self.pinned: list[int] | None = None  # picked from a pasted list of IDs
        self._select_all_next = False
        self.sort_key, self.descending = "name", False
        self._ready = False  # no queries until the page is first shown
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        layout = QVBoxLayout(self)
        layout.addLayout(self._toolbar())
        layout.addLayout(self._filter_bar())
        self.model = LazyTableModel([
            Column("name", self.tr("Nama"), "name"),
            Column("nuptk", self.tr("NUPTK"), "nuptk"),
            Column("nip", self.tr("NIP"), "nip", formatter=format_nip),
            Column("position", self.tr("Jabatan"), None,
                   formatter=lambda v: vocabulary.POSITIONS.get(v, v)),
            Column("school", self.tr("Asal Sekolah"), "school"),
            Column("subject", self.tr("Mata Pelajaran"), "subject"),
            Column("region", self.tr("Kab/Kota"), "region"),
            Column("ukg", self.tr("Nilai UKG"), "ukg", align_right=True, formatter=_score),
        ], lambda ids: people.fetch_people(self.db, ids), self)
        self.model.sortRequested.connect(self._sort)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(lambda index: self.edit(self.model.id_at(index.row())))
        for column, width in enumerate((250, 140, 170, 110, 210, 130, 200, 80)):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_count())
        self._actions()
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._ready:  # the first query waits until the page is wanted
            self._ready = True
            self.reload_filters()
            self.refresh(with_total=True)

    def idle(self) -> bool:
        """No query under way (tests wait for this)."""
        return not self._debounce.isActive() and not any(
            source.is_pending(ticket) for source, ticket in self._tickets.values())

    def _ask(self, purpose: str, fn) -> None:
        source = self.worker if purpose in ("head", "ids") else self.figures
        self._tickets[purpose] = (source, source.submit(fn))

    def _answered(self, ticket: int, result) -> None:
        source = self.sender()
        purpose = next((p for p, (s, t) in self._tickets.items() if t == ticket and s is source),
                       None)
        if purpose == "head":
            # The first screenful, while the full sorted list is still being made.
            if self.worker.is_pending(self._tickets["ids"][1]):
                self.model.set_ids(result)
        elif purpose == "ids":
            ids, total = result
            self.model.set_ids(ids)
            self.listed = len(ids)
            if self._select_all_next:
                self._select_all_next = False
                self.table.selectAll()
                self.table.setFocus()
            self._show_count()
            if total is not None:
                self.countChanged.emit(total)
        elif purpose in ("filters", "districts"):
            before = self.current_filters()
            if purpose == "filters":
                options, districts = result
                for key, combo in self.filters.items():
                    self._fill(combo, districts if key == "region_code" else options[key])
            else:
                self._fill(self.filters["region_code"], result)
            if self.current_filters() != before:  # a chosen value is gone: list again
                self.refresh()

    def _query_failed(self, ticket: int, error) -> None:
        if (self.sender(), ticket) in self._tickets.values():
            show_error(self, error)

    # ---- building

    def _toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            self.tr("Cari nama, sekolah, kab/kota, NUPTK atau NIP... (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 1)
        self.count = QLabel(self.tr("Memuat..."), self)
        bar.addWidget(self.count)
        self.pick_button = QPushButton(self.tr("Pilih dari daftar NIP..."), self)
        self.pick_button.setToolTip(self.tr("Tempel NIP/NUPTK dari surat: orang-orang itu "
                                            "ditampilkan dan dipilih"))
        self.pick_button.clicked.connect(lambda: self.pick_by_ids())
        bar.addWidget(self.pick_button)
        self.to_program_button = QPushButton(self.tr("Tambahkan ke program..."), self)
        self.to_program_button.setEnabled(False)
        self.to_program_button.clicked.connect(
            lambda: self.addToProgramRequested.emit(self.selected_ids()))
        bar.addWidget(self.to_program_button)
        self.import_button = QPushButton(self.tr("Impor..."), self)
        self.import_button.setToolTip(self.tr("Impor daftar guru dari Dapodik, lembar Dinas "
                                              "atau SIMPKB (Ctrl+I)"))
        self.import_button.clicked.connect(self.importRequested.emit)
        bar.addWidget(self.import_button)
        self.add_button = QPushButton(self.tr("Tambah guru"), self)
        self.add_button.clicked.connect(self.add)
        bar.addWidget(self.add_button)
        return bar

    def pick_by_ids(self, text: str | None = None):
        """The people whose IDs are pasted: listed alone and selected (Hapus saringan shows
        everyone again). With `text`, without asking (tests)."""
        from .pick_dialog import PickByIdsDialog

        dialog = PickByIdsDialog(self.db, self)
        if text is not None:
            dialog.text.setPlainText(text)
            self.pin(dialog.match.ids)
            return dialog
        dialog.accepted.connect(lambda: self.pin(dialog.match.ids))
        dialog.open()
        return dialog

    def pin(self, ids: list[int] | None) -> None:
        """List only these people (and select them when they arrive), or everyone again."""
        self.pinned = list(ids) if ids else None
        self._select_all_next = bool(ids)
        self.refresh()

    def _filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.filters: dict[str, QComboBox] = {}
        for key, everything in _FILTERS:
            combo = QComboBox(self)
            combo.setProperty("everything", self.tr(everything))
            combo.setMinimumContentsLength(6)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.currentIndexChanged.connect(self._filter_changed)
            self.filters[key] = combo
            bar.addWidget(combo, 1)
        reset = QPushButton(self.tr("Hapus saringan"), self)
        reset.clicked.connect(self.clear_filters)
        bar.addWidget(reset)
        return bar

    def _actions(self) -> None:
        self.edit_action = QAction(self.tr("Ubah..."), self)
        self.edit_action.triggered.connect(lambda: self.edit(self._current_id()))
        self.delete_action = QAction(self.tr("Hapus..."), self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.add_to_program_action = QAction(self.tr("Tambahkan ke program..."), self)
        self.add_to_program_action.triggered.connect(
            lambda: self.addToProgramRequested.emit(self.selected_ids()))
        self.export_selection_action = QAction(self.tr("Ekspor pilihan..."), self)
        self.export_selection_action.triggered.connect(self.export_selection)
        self.table.addAction(self.delete_action)

    # ---- lists and filters

    def _fill(self, combo: QComboBox, choices: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(combo.property("everything"), None)
        for value, label in choices:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def reload_filters(self) -> None:
        province = self.filters["province_code"].currentData()
        self._ask("filters", lambda db: (dashboard.filter_options(db),
                                         dashboard.districts_in(db, province)))

    def _filter_changed(self) -> None:
        if self.sender() is self.filters["province_code"]:
            province = self.filters["province_code"].currentData()
            region = self.filters["region_code"]
            region.blockSignals(True)
            region.setCurrentIndex(0)  # a kab/kota of another province no longer applies
            region.blockSignals(False)
            self._ask("districts", lambda db: dashboard.districts_in(db, province))
        self.refresh()

    def clear_filters(self) -> None:
        self.pinned = None
        for combo in self.filters.values():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.reload_filters()
        self.refresh()

    def current_filters(self) -> dict:
        return {key: combo.currentData() for key, combo in self.filters.items()
                if combo.currentData()}

    def _sort(self, key: str, descending: bool) -> None:
        self.sort_key, self.descending = key, descending
        if self._ready:
            self.refresh()

    def refresh(self, with_total: bool = False) -> None:
        """Ask the core, in the worker, for the ids to show (search, filters, sort in SQL);
        only the latest answer is shown. The roster's total is counted only when it may
        have changed (first load, after a change), not on every keystroke."""
        self._debounce.stop()
        args = (self.search.text(), self.current_filters(), self.sort_key, self.descending)
        pinned = self.pinned
        # Two answers: the first rows at once (a LIMIT lets SQLite keep only the top of the
        # sort), then the whole ordered list the scrollbar needs. A search matching 50k of
        # 1M people shows its first rows in ~30 ms instead of waiting ~90 ms for the sort.
        self._ask("head", lambda db: people.query_ids(db, *args, limit=HEAD_ROWS, only=pinned))
        self._ask("ids", lambda db: (people.query_ids(db, *args, only=pinned),
                                     people.count_people(db) if with_total else None))

    def roster_changed(self) -> None:
        """After a change made elsewhere (import, undo): refresh choices and rows."""
        self.reload_filters()
        self.refresh(with_total=True)

    # ---- actions

    def _show_count(self) -> None:
        text = self.tr("%s orang") % format_thousands(getattr(self, "listed", 0))
        if self.pinned is not None:
            text += self.tr(" dari daftar tempel")
        chosen = len(self.table.selectionModel().selectedRows())
        self.to_program_button.setEnabled(chosen > 0)
        if chosen > 1:
            text += self.tr(" · %s terpilih") % format_thousands(chosen)
        self.count.setText(text)

    def _current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.id_at(row) for row in rows]

    def _context_menu(self, pos: QPoint) -> None:
        if not self.selected_ids():
            return
        menu = QMenu(self)
        menu.addAction(self.edit_action)
        menu.addAction(self.delete_action)
        menu.addSeparator()
        menu.addAction(self.add_to_program_action)
        menu.addAction(self.export_selection_action)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def add(self) -> PersonForm:
        return self._form(None)

    def edit(self, person_id: int | None) -> PersonForm | None:
        return None if person_id is None else self._form(person_id)

    def _form(self, person_id: int | None) -> PersonForm:
        form = PersonForm(self.db, person_id, self)
        form.saved.connect(lambda pid, before: self.undo_stack.push(
            SavePerson(self.db, pid, before, self.roster_changed)))
        form.saved.connect(lambda _pid, _before: self.roster_changed())
        form.open()
        return form

    def delete_selected(self) -> QMessageBox | None:
        ids = self.selected_ids()
        if not ids:
            return None
        text = self.tr("Hapus %s orang dari daftar? Anda dapat membatalkannya dengan Ctrl+Z "
                       "selama aplikasi masih terbuka.") % format_thousands(len(ids))
        in_programs = programs.count_participations(self.db, ids)
        if in_programs:
            text += " " + self.tr("Perhatian: %s di antaranya peserta program; mereka akan "
                                  "ditandai 'tidak ada di daftar guru' di pemeriksaan "
                                  "pasangan.") % format_thousands(in_programs)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Hapus"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Hapus"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Batal"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.accepted.connect(lambda: self.undo_stack.push(DeletePeople(self.db, ids,
                                                                       self.roster_changed)))
        box.open()
        return box

    def export_selection(self) -> None:
        self.export(self.selected_ids())

    def _listed_ids(self):
        """A function of a connection giving the ids the list shows: search, filters, sort
        (asked again, so it is right even before the page has loaded)."""
        args = (self.search.text(), self.current_filters(), self.sort_key, self.descending)
        pinned = self.pinned
        return lambda db: people.query_ids(db, *args, only=pinned)

    def export(self, ids: list[int] | None = None, path: str | None = None) -> Job | None:
        if path is None:
            chosen = ask_save_path(self, self.tr("Ekspor daftar guru"), "daftar-guru.xlsx",
                                   self.tr("Buku kerja Excel (*.xlsx)"), ".xlsx", store.db_file(self.db))
            if chosen is None:
                return None
            path = str(chosen)
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        listed = self._listed_ids() if ids is None else None
        job = Job(self, store.db_file(self.db), _export, path, ids, listed,
                  label=self.tr("Mengekspor daftar guru..."))
        job.failed.connect(lambda exc: show_error(self, exc))
        return job.start()
