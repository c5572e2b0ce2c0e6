"""Program & Pasangan: the programs, one program's mentoring tree with its checks, the pairing
assistant, the summary by province and subject, and the pairing list as .xlsx and PDF."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import pairing, programs, store
from kemitraan_desktop.errors import KemitraanError, NotFoundError
from kemitraan_desktop.indonesia import format_thousands

from ..dialogs.pairing_dialogs import NO_MENTOR, MentorChooser, PairingReview
from ..dialogs.program_form import ProgramForm
from ..errors import show_error
from ..models import RowsModel
from ..ops import DbWorker, Job
from ..pair_tree import COLUMNS, ID_ROLE, PairTreeModel
from ..save_dialog import ask_save_path
from ..undo import ApplyPairs, MoveParticipants, RemoveParticipants
from .activity_list import show_status

_ROOT = QModelIndex()


def _propose(db, program_id, repair, progress=None, cancelled=None):
    return pairing.propose(db, program_id, repair=repair, progress=progress, cancelled=cancelled)


def _export_pairs(db, program_id, path, progress=None, cancelled=None):
    from kemitraan_desktop.spreadsheets import export_pairs
    return export_pairs(db, program_id, path, progress=progress, cancelled=cancelled)


def _print_pairs(db, program_id, path, paper, sign_off=None, progress=None, cancelled=None):
    from kemitraan_desktop.documents.pairs import print_pairs
    return print_pairs(db, program_id, path, paper=paper, sign_off=sign_off)


class FindingsModel(RowsModel):
    HEADERS = ("Jenis", "Masalah")

    def set_findings(self, findings: list[pairing.Finding]) -> None:
        self.set_rows(findings)

    @property
    def findings(self) -> list[pairing.Finding]:
        return self.rows

    def cell(self, finding: pairing.Finding, column: int, role):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(pairing.SEVERITY_LABELS[finding.severity]) if column == 0 \
                else finding.message
        if role == Qt.ItemDataRole.ToolTipRole:
            return finding.message
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QBrush(QColor("#b3261e" if finding.severity == pairing.ERROR else "#9a6700"))
        return None


class SummaryModel(RowsModel):
    """Participants per province and subject, a column per tier (the program's labels)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.program: programs.Program | None = None

    def set_rows(self, program: programs.Program, rows: list[dict]) -> None:  # type: ignore[override]
        self.program = program
        total = {"province": self.tr("Jumlah"), "subject": "",
                 "counts": [sum(r["counts"][i] for r in rows) for i in range(program.tiers)],
                 "reach": sum(r["reach"] for r in rows)}
        super().set_rows([*rows, total] if rows else [])

    def headers(self) -> list[str]:
        if self.program is None:
            return []
        return [self.tr("Provinsi"), self.tr("Mata Pelajaran"), *self.program.labels,
                self.tr("Jangkauan")]

    def header_tooltip(self, section: int) -> str | None:
        return self.tooltip() if section == self.columnCount() - 1 else None

    def tooltip(self) -> str:
        return self.tr("Jangkauan: guru yang dibimbing (semua tingkat di bawah %s), "
                       "seperti jangkauan di pohon.") % self.program.label(1)

    def cell(self, row: dict, column: int, role):
        if role == Qt.ItemDataRole.DisplayRole:
            values = [row["province"], row["subject"], *row["counts"], row["reach"]]
            value = values[column]
            return format_thousands(value) if isinstance(value, int) else value
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ProgramsPage(QWidget):
    """Programs on the left; the chosen program's tree, checks and summary on the right."""

    changed = Signal()  # participants or pairs changed (the home page's figures)
    addToProgramRequested = Signal(list)  # person ids (into another program)
    editPersonRequested = Signal(int)  # person id (the person form)

    def __init__(self, db, undo_stack: QUndoStack, worker: DbWorker | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.undo_stack = db, undo_stack
        self.worker = worker or DbWorker(store.db_file(db), self)
        self.worker.done.connect(self._answered)
        self.worker.failed.connect(self._query_failed)
        self._tickets: dict[str, int] = {}
        self.program: programs.Program | None = None
        self.model: PairTreeModel | None = None
        self.matches: list[int] = []
        self.match_at = 0

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._program_list())
        splitter.addWidget(self._program_view())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 1000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.run_search)
        self._ready = False  # nothing is read until the page is first shown

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._ready:
            self._ready = True
            self.reload_programs()

    def roster_changed(self) -> None:
        """A person edited or deleted on the roster page: names, regions, "left the roster"."""
        if self._ready:
            self.refresh()

    # ---- building

    def _program_list(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("<b>Program</b>"), box))
        self.programs = QListWidget(box)
        self.programs.setWordWrap(True)
        self.programs.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.programs.setStyleSheet("QListWidget::item { padding: 4px; }")
        self.programs.currentItemChanged.connect(lambda item, _old: self.open_program(
            item.data(Qt.ItemDataRole.UserRole) if item else None))
        self.programs.itemDoubleClicked.connect(lambda _item: self.edit_program())
        layout.addWidget(self.programs, 1)
        row = QHBoxLayout()
        self.new_button = QPushButton(self.tr("Baru..."), box)
        self.new_button.setToolTip(self.tr("Program baru"))
        self.new_button.clicked.connect(self.new_program)
        self.edit_button = QPushButton(self.tr("Ubah..."), box)
        self.edit_button.clicked.connect(self.edit_program)
        self.delete_button = QPushButton(self.tr("Hapus..."), box)
        self.delete_button.clicked.connect(self.delete_program)
        for button in (self.new_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        layout.addLayout(row)
        return box

    def _program_view(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(box)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        bar = QHBoxLayout()
        self.import_button = QPushButton(self.tr("Impor peserta..."), box)
        self.import_button.clicked.connect(lambda: self.import_participants())
        self.auto_button = QPushButton(self.tr("Pasangkan otomatis"), box)
        auto_menu = QMenu(self.auto_button)
        auto_menu.addAction(self.tr("Yang belum berpasangan..."), lambda: self.auto_pair(False))
        auto_menu.addAction(self.tr("Susun ulang semua pasangan..."), lambda: self.auto_pair(True))
        self.auto_button.setMenu(auto_menu)
        self.export_button = QPushButton(self.tr("Ekspor .xlsx..."), box)
        self.export_button.setToolTip(self.tr("Ekspor daftar pasangan ke Excel"))
        self.export_button.clicked.connect(lambda: self.export_pairs())
        self.print_button = QPushButton(self.tr("Cetak PDF..."), box)
        self.print_button.setToolTip(self.tr("Cetak Daftar Pasangan (PDF)"))
        print_menu = QMenu(self.print_button)
        print_menu.addAction(self.tr("Daftar Pasangan, kertas F4 (215 x 330 mm)..."),
                             lambda: self.print_pairs(paper="f4"))
        print_menu.addAction(self.tr("Daftar Pasangan, kertas A4..."), lambda: self.print_pairs(paper="a4"))
        self.print_button.setMenu(print_menu)
        for button in (self.import_button, self.auto_button, self.export_button, self.print_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)

        self.tabs = QTabWidget(box)
        tree_box = QSplitter(Qt.Orientation.Vertical, self.tabs)
        tree_side = QWidget(tree_box)
        tree_layout = QVBoxLayout(tree_side)
        tree_layout.setContentsMargins(0, 0, 0, 0)
        search_row = QHBoxLayout()
        self.search = QLineEdit(tree_side)
        self.search.setPlaceholderText(self.tr("Cari di pohon: nama, NUPTK, sekolah, kab/kota..."))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(lambda: self.next_match(1))
        search_row.addWidget(self.search, 1)
        self.match_label = QLabel(tree_side)
        search_row.addWidget(self.match_label)
        self.previous_button = QPushButton(self.tr("Sebelumnya"), tree_side)
        self.previous_button.clicked.connect(lambda: self.next_match(-1))
        self.next_button = QPushButton(self.tr("Berikutnya"), tree_side)
        self.next_button.clicked.connect(lambda: self.next_match(1))
        for button in (self.previous_button, self.next_button):
            button.setEnabled(False)
            search_row.addWidget(button)
        tree_layout.addLayout(search_row)
        self.tree = QTreeView(tree_side)
        self.tree.doubleClicked.connect(self._open_person)
        tree_layout.addWidget(self.tree, 1)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        checks = QWidget(tree_box)
        checks_layout = QVBoxLayout(checks)
        checks_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.checks_label = QLabel(self.tr("Pemeriksaan"), checks)
        top.addWidget(self.checks_label, 1)
        self.severity = QComboBox(checks)
        self.severity.addItem(self.tr("Semua"), None)
        self.severity.addItem(self.tr("Kesalahan"), pairing.ERROR)
        self.severity.addItem(self.tr("Peringatan"), pairing.WARNING)
        self.severity.currentIndexChanged.connect(lambda _i: self._show_findings())
        top.addWidget(self.severity)
        checks_layout.addLayout(top)
        self.findings_model = FindingsModel(self)
        self.findings = QTableView(checks)
        self.findings.setModel(self.findings_model)
        self.findings.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.findings.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.findings.setWordWrap(False)
        self.findings.verticalHeader().hide()
        self.findings.verticalHeader().setDefaultSectionSize(22)
        self.findings.horizontalHeader().setStretchLastSection(True)
        self.findings.setColumnWidth(0, 90)
        self.findings.clicked.connect(self._finding_clicked)
        checks_layout.addWidget(self.findings, 1)
        tree_box.addWidget(tree_side)
        tree_box.addWidget(checks)
        tree_box.setStretchFactor(0, 3)
        tree_box.setStretchFactor(1, 1)
        tree_box.setSizes([370, 210])
        self.tabs.addTab(tree_box, self.tr("Pohon pasangan"))
        self.summary_model = SummaryModel(self)
        self.summary = QTableView(self.tabs)
        self.summary.setModel(self.summary_model)
        self.summary.verticalHeader().hide()
        self.summary.verticalHeader().setDefaultSectionSize(22)
        self.summary.setAlternatingRowColors(True)
        self.summary.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tabs.addTab(self.summary, self.tr("Ringkasan per provinsi dan mata pelajaran"))
        from ..history_view import HistoryView
        self.history = HistoryView(self.db, self.tabs)
        self.tabs.addTab(self.history, self.tr("Riwayat"))
        self.tabs.currentChanged.connect(lambda _i: self.refresh_history())
        layout.addWidget(self.tabs, 1)

        self.move_action = QAction(self.tr("Pindahkan ke..."), self)
        self.move_action.triggered.connect(lambda: self.move_selected())
        self.unpair_action = QAction(self.tr("Lepaskan dari pembimbing"), self)
        self.unpair_action.triggered.connect(lambda: self.move(self.selected_ids(), None))
        self.remove_action = QAction(self.tr("Keluarkan dari program..."), self)
        self.remove_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.remove_action.triggered.connect(lambda: self.remove_selected())
        self.tree.addAction(self.remove_action)
        self.other_program_action = QAction(self.tr("Tambahkan ke program lain..."), self)
        self.other_program_action.triggered.connect(self._to_other_program)
        self.person_action = QAction(self.tr("Buka data guru..."), self)
        self.person_action.triggered.connect(lambda: self._open_person(self.tree.currentIndex()))
        self.program_widgets = [self.import_button, self.auto_button, self.export_button,
                                self.print_button, self.search, self.tabs, self.edit_button,
                                self.delete_button]
        return box

    # ---- programs

    def reload_programs(self, select: int | None = None) -> None:
        current = select if select is not None else (self.program.id if self.program else None)
        self.programs.blockSignals(True)
        self.programs.clear()
        for entry in programs.list_programs(self.db):
            program = entry["program"]
            counts = ", ".join(f"{format_thousands(n)} {label.lower()}"
                               for label, n in zip(program.labels, entry["counts"], strict=True))
            item = QListWidgetItem(f"{program.title}\n{program.jenjang} · {counts}")
            item.setData(Qt.ItemDataRole.UserRole, program.id)
            self.programs.addItem(item)
            if program.id == current:
                self.programs.setCurrentItem(item)
        self.programs.blockSignals(False)
        if self.programs.currentItem() is None and self.programs.count():
            self.programs.setCurrentRow(0)
        item = self.programs.currentItem()
        self.open_program(item.data(Qt.ItemDataRole.UserRole) if item else None)

    def open_program(self, program_id: int | None) -> None:
        for widget in self.program_widgets:
            widget.setEnabled(program_id is not None)
        if program_id is None:
            self.program = None
            self.heading.setText(self.tr("Belum ada program. Klik <b>Baru...</b> untuk "
                                         "membuatnya, lalu tambahkan peserta dari halaman Guru & "
                                         "Kepala Sekolah atau impor daftar peserta."))
            self.tree.setModel(None)
            self.model = None
            self.findings_model.set_findings([])
            return
        same = self.program is not None and self.program.id == program_id
        self.program = programs.get_program(self.db, program_id)
        self._heading()
        if same and self.model is not None:
            self.refresh()
            return
        self.model = PairTreeModel(self.db, self.program, self)
        self.model.moveRequested.connect(lambda ids, mentor: self.move(ids, mentor or None))
        self.tree.setModel(self.model)
        header = self.tree.header()
        for column, width in enumerate((255, 70, 235, 125, 165, 190, 140)):
            header.resizeSection(column, width)
        self.search.clear()
        self._refresh_side()
        self.refresh_history()

    def refresh_history(self) -> None:
        """The program's Riwayat, read only when its tab is shown (a large program has a
        long one)."""
        if self.tabs.currentWidget() is self.history:
            self.history.load(program_id=self.program.id if self.program else None)

    def _heading(self) -> None:
        p = self.program
        ratio = p.ratio_text if p.ratios else self.tr("tanpa batas")
        stage = f" · {p.stage}" if p.stage else ""
        self.heading.setText(
            f"<b style='font-size:14pt'>{p.title}</b><br>"
            + self.tr("%s · %s%s · tingkat: %s · rasio %s") % (
                p.jenjang, self.tr(programs.KINDS[p.kind]), stage, " → ".join(p.labels), ratio))

    def new_program(self) -> ProgramForm:
        form = ProgramForm(self.db, None, self)
        form.saved.connect(lambda pid: self.reload_programs(select=pid))
        form.open()
        return form

    def edit_program(self) -> ProgramForm | None:
        if self.program is None:
            return None
        form = ProgramForm(self.db, self.program, self)
        form.saved.connect(lambda pid: (self.reload_programs(select=pid), self.refresh()))
        form.open()
        return form

    def delete_program(self) -> QMessageBox | None:
        if self.program is None:
            return None
        program = self.program
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Hapus program"),
                          self.tr("Hapus program '%s' beserta semua peserta, pasangan, kegiatan dan "
                                  "rundown-nya? Orangnya tetap ada di daftar guru. Ini tidak dapat "
                                  "dibatalkan.")
                          % program.title,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Hapus"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Batal"))
        box.setDefaultButton(QMessageBox.StandardButton.No)

        def delete():
            try:
                programs.delete_program(self.db, program.id)
            except KemitraanError as exc:  # e.g. it has issued certificates
                show_error(self, exc)
                return
            self.program = None  # undo steps about it now say it was deleted
            self.reload_programs()
            self.changed.emit()
        box.accepted.connect(delete)
        box.open()
        return box

    # ---- refreshing after a change

    def _alive(self, program_id: int) -> bool:
        """False (and the list reloaded) when the program was deleted meanwhile, e.g. from
        the command line."""
        try:
            programs.get_program(self.db, program_id)
        except NotFoundError:
            self.program = None
            self.reload_programs()
            return False
        return True

    def refresh(self) -> None:
        """Reload the tree (keeping what was open and selected), the checks and the summary."""
        if self.program is None or self.model is None or not self._alive(self.program.id):
            return
        expanded = self._expanded_ids()
        selected = self.selected_ids()
        self.model.reload(programs.get_program(self.db, self.program.id))
        for key in expanded:
            index = (self.model.group_index(key[1]) if isinstance(key, tuple)
                     else self.model.index_for_path(pairing.path_to(self.db, key)))
            if index.isValid():
                self.tree.expand(index)
        self.select_ids(selected, scroll=False)
        self._refresh_side()

    def participants_changed(self) -> None:
        self.refresh()
        self.reload_programs()
        self.changed.emit()

    def _refresh_side(self) -> None:
        program_id = self.program.id
        self.checks_label.setText(self.tr("Pemeriksaan: memeriksa..."))
        self._ask("checks", lambda db: pairing.check_program(db, program_id))
        self._ask("summary", lambda db: pairing.summary(db, program_id))

    def _ask(self, purpose: str, fn) -> None:
        self._tickets[purpose] = self.worker.submit(fn)

    def _answered(self, ticket: int, result) -> None:
        if ticket == self._tickets.get("checks"):
            self.all_findings = result
            self._show_findings()
        elif ticket == self._tickets.get("summary") and self.program is not None:
            self.summary_model.set_rows(self.program, result)

    def _query_failed(self, ticket: int, error) -> None:
        if ticket in self._tickets.values():
            show_error(self, error)

    def idle(self) -> bool:
        return not any(t in self.worker._pending for t in self._tickets.values())

    def _show_findings(self) -> None:
        findings = getattr(self, "all_findings", [])
        errors = sum(1 for f in findings if f.severity == pairing.ERROR)
        warnings = len(findings) - errors
        wanted = self.severity.currentData()
        self.findings_model.set_findings([f for f in findings if wanted in (None, f.severity)])
        if self.model is not None and not self.model.root.children:
            self.checks_label.setText(self.tr(
                "Belum ada peserta. Tambahkan dari halaman Guru & Kepala Sekolah (pilih orang, "
                "klik kanan, Tambahkan ke program), atau Impor peserta."))
        elif not findings:
            self.checks_label.setText(self.tr("Pemeriksaan: tidak ada masalah"))
        else:
            self.checks_label.setText(self.tr("Pemeriksaan: %s kesalahan, %s peringatan")
                                      % (format_thousands(errors), format_thousands(warnings)))

    # ---- the tree: selection, search, moves

    def _expanded_ids(self) -> list:
        """Open nodes: participant ids, and ("group", tier) for the without-mentor groups."""
        found = []

        def walk(parent: QModelIndex):
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                if self.tree.isExpanded(index):
                    node = self.model.node(index)
                    found.append(node.pid if node.kind == "person" else ("group", node.tier))
                    walk(index)
        walk(QModelIndex())
        return found

    def selected_ids(self) -> list[int]:
        if self.model is None:
            return []
        ids = []
        for index in self.tree.selectionModel().selectedRows(0):
            pid = index.data(ID_ROLE)
            if pid is not None and pid not in ids:
                ids.append(pid)
        return ids

    def select_ids(self, ids: list[int], *, scroll: bool = True, limit: int = 50) -> int:
        """Select these participants in the tree, opening their mentors; returns how many."""
        if self.model is None:
            return 0
        selection = QItemSelection()
        first = None
        for pid in ids[:limit]:
            index = self.model.index_for_path(pairing.path_to(self.db, pid))
            if not index.isValid():
                continue
            parent = index.parent()
            while parent.isValid():
                self.tree.expand(parent)
                parent = parent.parent()
            last = self.model.index(index.row(), len(COLUMNS) - 1, index.parent())
            selection.select(index, last)
            first = first or index
        self.tree.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if first is not None:
            self.tree.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            if scroll:
                self.tree.scrollTo(first)
        return selection.count()

    def run_search(self) -> None:
        if self.program is None:
            return
        text = self.search.text().strip()
        self.matches = pairing.search(self.db, self.program.id, text) if text else []
        self.match_at = 0
        for button in (self.previous_button, self.next_button):
            button.setEnabled(len(self.matches) > 1)
        if not text:
            self.match_label.clear()
            return
        if not self.matches:
            self.match_label.setText(self.tr("tidak ditemukan"))
            self.tree.clearSelection()
            return
        self._show_match()

    def next_match(self, step: int = 1) -> None:
        if self._search_timer.isActive():
            self._search_timer.stop()
            self.run_search()
            return
        if self.matches:
            self.match_at = (self.match_at + step) % len(self.matches)
            self._show_match()

    def _show_match(self) -> None:
        self.select_ids([self.matches[self.match_at]])
        self.match_label.setText(self.tr("%s dari %s") % (self.match_at + 1, len(self.matches)))

    def _finding_clicked(self, index: QModelIndex) -> None:
        finding = self.findings_model.findings[index.row()]
        self.tabs.setCurrentIndex(0)
        self.select_ids(finding.participant_ids)

    def _context_menu(self, pos: QPoint) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        menu = QMenu(self)
        tiers = {self.model.node(i).tier for i in self.tree.selectionModel().selectedRows(0)}
        if 1 not in tiers and len(tiers) == 1:  # the top tier has no mentor to change
            menu.addAction(self.move_action)
            menu.addAction(self.unpair_action)
            menu.addSeparator()
        menu.addAction(self.person_action)
        menu.addAction(self.other_program_action)
        menu.addSeparator()
        menu.addAction(self.remove_action)
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    def _person_ids(self) -> list[int]:
        return [self.model.node(i).data["person_id"] for i in self.tree.selectionModel().selectedRows(0)
                if self.model.node(i).kind == "person" and not self.model.node(i).data["left_roster"]]

    def _to_other_program(self) -> None:
        ids = self._person_ids()
        if ids:
            self.addToProgramRequested.emit(ids)

    def _open_person(self, index: QModelIndex) -> None:
        if not index.isValid() or self.model is None:
            return
        node = self.model.node(index)
        if node.kind == "person" and not node.data["left_roster"]:
            self.editPersonRequested.emit(node.data["person_id"])

    def move(self, ids: list[int], mentor_id: int | None) -> None:
        """Give participants a new mentor (None: no mentor), as one undoable step."""
        if not ids or self.program is None:
            return
        if mentor_id is None:
            text = self.tr("Lepaskan %s peserta dari pembimbing") % len(ids)
        else:
            try:
                name = programs.get_participant(self.db, mentor_id)["name"]
            except NotFoundError:
                self.refresh()
                return
            text = self.tr("Pindahkan %s peserta ke %s") % (len(ids), name)
        command = MoveParticipants(self.db, self.program.id, ids, mentor_id, text,
                                   self.participants_changed)
        self.undo_stack.push(command)
        if not command.failed:
            self._status(text + self.tr(" (Ctrl+Z untuk membatalkan)"))

    def move_selected(self) -> MentorChooser | None:
        ids = self.selected_ids()
        if not ids or self.program is None:
            return None
        try:
            tiers = {programs.get_participant(self.db, pid)["tier"] for pid in ids}
        except NotFoundError:  # removed meanwhile (another window, the command line)
            self.refresh()
            return None
        if len(tiers) != 1 or 1 in tiers:
            QMessageBox.information(self, self.tr("Pindahkan"), self.tr(
                "Pilih peserta dari satu tingkat saja, dan bukan dari tingkat teratas."))
            return None
        chooser = MentorChooser(self.db, self.program, ids, parent=self)

        def chosen():
            mentor = chooser.chosen()
            if mentor is not None:
                self.move(ids, None if mentor == NO_MENTOR else mentor)
        chooser.accepted.connect(chosen)
        chooser.open()
        return chooser

    def remove_selected(self) -> QMessageBox | None:
        ids = self.selected_ids()
        if not ids:
            return None
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Keluarkan dari program"),
                          self.tr("Keluarkan %s peserta dari program ini? Peserta yang mereka "
                                  "bimbing menjadi belum berpasangan. Dapat dibatalkan dengan "
                                  "Ctrl+Z.") % len(ids),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Keluarkan"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Batal"))
        box.accepted.connect(lambda: self.undo_stack.push(
            RemoveParticipants(self.db, ids, self.participants_changed)))
        box.open()
        return box

    # ---- assistant, import, outputs

    def auto_pair(self, repair: bool, *, confirmed: bool = False) -> Job | None:
        if self.program is None:
            return None
        program = self.program
        if repair and not confirmed:
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Susun ulang semua pasangan"),
                              self.tr("Semua pasangan program ini, termasuk yang ditetapkan "
                                      "kementerian, akan diusulkan ulang. Anda masih dapat memeriksa "
                                      "usulannya sebelum disimpan. Lanjutkan?"),
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Susun ulang"))
            box.button(QMessageBox.StandardButton.No).setText(self.tr("Batal"))
            box.setDefaultButton(QMessageBox.StandardButton.No)
            box.accepted.connect(lambda: self.auto_pair(True, confirmed=True))
            box.open()
            self.confirm_box = box
            return None
        job = Job(self, store.db_file(self.db), _propose, program.id, repair,
                  label=self.tr("Mencari pasangan..."))
        job.failed.connect(lambda exc: show_error(self, exc))
        job.succeeded.connect(lambda proposal: self._review(program, proposal))
        return self._start(job)

    def _review(self, program: programs.Program, proposal: pairing.Proposal) -> PairingReview | None:
        if not proposal.pairs and not proposal.unplaced:
            QMessageBox.information(self, self.tr("Pasangkan otomatis"), self.tr(
                "Semua peserta sudah berpasangan. Pilih 'Susun ulang semua pasangan' untuk "
                "menyusun ulang dari awal."))
            return None
        if not self._alive(program.id):
            return None

        def save(pairs) -> bool:
            command = ApplyPairs(self.db, program.id, pairs, proposal.repair,
                                 self.participants_changed)
            self.undo_stack.push(command)
            if not command.failed:
                self._status(self.tr("%s pasangan disimpan (Ctrl+Z untuk membatalkan)")
                             % format_thousands(len(pairs)))
            return not command.failed
        self.review = PairingReview(self.db, program, proposal, save, self)
        self.review.open()
        return self.review

    def import_participants(self, path: str | None = None):
        if self.program is None:
            return None
        from ..dialogs.participants_import import ParticipantsImportDialog

        dialog = ParticipantsImportDialog(self.db, self.program.id, path, self)
        dialog.accepted.connect(lambda: self._imported(dialog.report))
        dialog.open()
        return dialog

    def _imported(self, report) -> None:
        # Earlier undo steps stay: each checks, when undone, that its pairs still make sense.
        self.participants_changed()
        if report is not None:
            self._status(report.summary())

    def _save_path(self, title: str, name: str, filter_: str, suffix: str) -> str | None:
        chosen = ask_save_path(self, title, name, filter_, suffix, store.db_file(self.db))
        return None if chosen is None else str(chosen)

    def _file_name(self, kind: str) -> str:
        return f"{kind}-{self.program.name}-{self.program.year}".replace("/", "-").replace(" ", "-")

    def export_pairs(self, path: str | None = None) -> Job | None:
        if self.program is None:
            return None
        path = path or self._save_path(self.tr("Ekspor daftar pasangan"),
                                       self._file_name("pasangan") + ".xlsx",
                                       self.tr("Buku kerja Excel (*.xlsx)"), ".xlsx")
        if not path:
            return None
        job = Job(self, store.db_file(self.db), _export_pairs, self.program.id, path,
                  label=self.tr("Mengekspor daftar pasangan..."))
        job.failed.connect(lambda exc: show_error(self, exc))
        job.succeeded.connect(lambda _r: self._status(self.tr("Daftar pasangan diekspor ke %s") % path))
        return self._start(job)

    def print_pairs(self, path: str | None = None, *, paper: str | None = None,
                    open_after: bool = True, confirmed: bool = False, sign_off=None) -> Job | None:
        if self.program is None:
            return None
        errors = sum(1 for f in getattr(self, "all_findings", []) if f.severity == pairing.ERROR)
        if errors and not confirmed:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Cetak Daftar Pasangan"),
                              self.tr("Pemeriksaan menemukan %s kesalahan pada pasangan program ini "
                                      "(lihat panel Pemeriksaan). Tetap cetak?") % errors,
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Tetap cetak"))
            box.button(QMessageBox.StandardButton.No).setText(self.tr("Batal"))
            box.setDefaultButton(QMessageBox.StandardButton.No)
            box.accepted.connect(lambda: self.print_pairs(path, paper=paper, open_after=open_after,
                                                          confirmed=True))
            box.open()
            self.confirm_box = box
            return None
        name = self._file_name("daftar-pasangan") + ".pdf"
        from ..pdf_preview import temp_pdf_path  # QtPdf loads when first needed

        path = path or str(temp_pdf_path(name))
        title = self.tr("Daftar Pasangan %s Tahun %s") % (self.program.name, self.program.year)
        job = Job(self, store.db_file(self.db), _print_pairs, self.program.id, path, paper,
                  sign_off, label=self.tr("Menyusun Daftar Pasangan..."))
        job.failed.connect(lambda exc: show_error(self, exc))
        if open_after:  # the preview shows it; Cetak and Simpan PDF are there
            job.succeeded.connect(lambda _r: self._preview(path, title, name, sign_off, paper))
        return self._start(job)

    def _preview(self, path: str, title: str, name: str, sign_off, paper) -> None:
        from ..pdf_preview import show_pdf
        from ..sign_off import offer_defaults

        self.preview = show_pdf(self, path, title, name)
        offer_defaults(self.preview, self.db, sign_off, lambda chosen: self.print_pairs(
            path, paper=paper, confirmed=True, sign_off=chosen))

    def _status(self, text: str) -> None:
        show_status(self, text)

    def _start(self, job: Job) -> Job:
        return job.start()
