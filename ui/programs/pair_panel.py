"""The two panels of the Pohon pasangan tab: the mentoring tree with its search, selection
and right-click menu (PairTreePanel), and the checks below it (ChecksPanel)."""

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
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import pairing, programs
from kemitraan_desktop.indonesia import format_thousands

from .models import FindingsModel
from .pair_tree import COLUMNS, ID_ROLE, PairTreeModel


class PairTreePanel(QWidget):
    """The program's tree (drag and drop to a new mentor), search-as-you-type with
    Sebelumnya/Berikutnya, and the right-click menu, whose actions the page carries out."""

    personRequested = Signal(int)  # person id (the person form)
    otherProgramRequested = Signal(list)  # person ids (into another program)

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.program: programs.Program | None = None
        self.model: PairTreeModel | None = None
        self.opened: dict[int, list] = {}  # program id -> its open nodes, kept across programs
        self.read_only = False  # a program received from its owner office
        self.matches: list[int] = []
        self.match_at = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        search_row = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Cari di pohon: nama, NUPTK, sekolah, kab/kota..."))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(lambda: self.next_match(1))
        search_row.addWidget(self.search, 1)
        self.match_label = QLabel(self)
        search_row.addWidget(self.match_label)
        self.previous_button = QPushButton(self.tr("Sebelumnya"), self)
        self.previous_button.clicked.connect(lambda: self.next_match(-1))
        self.next_button = QPushButton(self.tr("Berikutnya"), self)
        self.next_button.clicked.connect(lambda: self.next_match(1))
        for button in (self.previous_button, self.next_button):
            button.setEnabled(False)
            search_row.addWidget(button)
        layout.addLayout(search_row)
        self.tree = QTreeView(self)
        self.tree.doubleClicked.connect(self._open_person)
        layout.addWidget(self.tree, 1)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.move_action = QAction(self.tr("Pindahkan ke..."), self)
        self.unpair_action = QAction(self.tr("Lepaskan dari pembimbing"), self)
        self.remove_action = QAction(self.tr("Keluarkan dari program..."), self)
        self.remove_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.tree.addAction(self.remove_action)
        self.other_program_action = QAction(self.tr("Tambahkan ke program lain..."), self)
        self.other_program_action.triggered.connect(self._to_other_program)
        self.person_action = QAction(self.tr("Buka data guru..."), self)
        self.person_action.triggered.connect(lambda: self._open_person(self.tree.currentIndex()))
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.run_search)

    def set_read_only(self, read_only: bool) -> None:
        """A received program: looked at, searched, printed; changed only by its owner."""
        self.read_only = read_only
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop if read_only
                                  else QAbstractItemView.DragDropMode.DragDrop)
        self.remove_action.setEnabled(not read_only)

    def set_model(self, program: programs.Program | None, model: PairTreeModel | None) -> None:
        if self.program is not None and self.model is not None:
            self.opened[self.program.id] = self._expanded_ids()
        self.program, self.model = program, model
        self.tree.setModel(model)
        if model is not None:
            header = self.tree.header()
            for column, width in enumerate((255, 70, 235, 125, 165, 190, 140)):
                header.resizeSection(column, width)
            self._expand(self.opened.get(program.id, []))

    def reload(self, program: programs.Program) -> None:
        """Read the tree again, keeping what was open and selected."""
        expanded = self._expanded_ids()
        selected = self.selected_ids()
        self.program = program
        self.model.reload(program)
        self._expand(expanded)
        self.select_ids(selected, scroll=False)

    def _expand(self, keys: list) -> None:
        for key in keys:
            index = (self.model.group_index(key[1]) if isinstance(key, tuple)
                     else self.model.index_for_path(pairing.path_to(self.db, key)))
            if index.isValid():
                self.tree.expand(index)

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

    def _context_menu(self, pos: QPoint) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        menu = QMenu(self)
        tiers = {self.model.node(i).tier for i in self.tree.selectionModel().selectedRows(0)}
        if 1 not in tiers and len(tiers) == 1 and not self.read_only:  # top tier: no mentor
            menu.addAction(self.move_action)
            menu.addAction(self.unpair_action)
            menu.addSeparator()
        menu.addAction(self.person_action)
        menu.addAction(self.other_program_action)
        if not self.read_only:
            menu.addSeparator()
            menu.addAction(self.remove_action)
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    def _person_ids(self) -> list[int]:
        return [self.model.node(i).data["person_id"] for i in self.tree.selectionModel().selectedRows(0)
                if self.model.node(i).kind == "person" and not self.model.node(i).data["left_roster"]]

    def _to_other_program(self) -> None:
        ids = self._person_ids()
        if ids:
            self.otherProgramRequested.emit(ids)

    def _open_person(self, index: QModelIndex) -> None:
        if not index.isValid() or self.model is None:
            return
        node = self.model.node(index)
        if node.kind == "person" and not node.data["left_roster"]:
            self.personRequested.emit(node.data["person_id"])


class ChecksPanel(QWidget):
    """The program's checks: errors and warnings, filtered by kind; a click selects the
    participants a finding is about (`findingClicked`)."""

    findingClicked = Signal(list)  # participant ids

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.all_findings: list[pairing.Finding] = []
        self.tree_empty = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.checks_label = QLabel(self.tr("Pemeriksaan"), self)
        self.checks_label.setWordWrap(True)  # "Belum ada peserta..." must not widen the window
        top.addWidget(self.checks_label, 1)
        self.severity = QComboBox(self)
        self.severity.addItem(self.tr("Semua"), None)
        self.severity.addItem(self.tr("Kesalahan"), pairing.ERROR)
        self.severity.addItem(self.tr("Peringatan"), pairing.WARNING)
        self.severity.currentIndexChanged.connect(lambda _i: self._show_findings())
        top.addWidget(self.severity)
        layout.addLayout(top)
        self.findings_model = FindingsModel(self)
        self.findings = QTableView(self)
        self.findings.setModel(self.findings_model)
        self.findings.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.findings.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.findings.setWordWrap(False)
        self.findings.verticalHeader().hide()
        self.findings.verticalHeader().setDefaultSectionSize(22)
        self.findings.horizontalHeader().setStretchLastSection(True)
        self.findings.setColumnWidth(0, 90)
        self.findings.clicked.connect(self._finding_clicked)
        layout.addWidget(self.findings, 1)

    def checking(self) -> None:
        self.checks_label.setText(self.tr("Pemeriksaan: memeriksa..."))

    def show_findings(self, findings: list[pairing.Finding], tree_empty: bool) -> None:
        self.all_findings, self.tree_empty = findings, tree_empty
        self._show_findings()

    def clear(self) -> None:
        self.all_findings = []
        self.findings_model.set_findings([])

    def errors(self) -> int:
        return sum(1 for f in self.all_findings if f.severity == pairing.ERROR)

    def _show_findings(self) -> None:
        findings = self.all_findings
        errors = self.errors()
        warnings = len(findings) - errors
        wanted = self.severity.currentData()
        self.findings_model.set_findings([f for f in findings if wanted in (None, f.severity)])
        if self.tree_empty:
            self.checks_label.setText(self.tr(
                "Belum ada peserta. Tambahkan dari halaman Guru & Kepala Sekolah (pilih orang, "
                "klik kanan, Tambahkan ke program), atau Impor peserta."))
        elif not findings:
            self.checks_label.setText(self.tr("Pemeriksaan: tidak ada masalah"))
        else:
            self.checks_label.setText(self.tr("Pemeriksaan: %s kesalahan, %s peringatan")
                                      % (format_thousands(errors), format_thousands(warnings)))

    def _finding_clicked(self, index: QModelIndex) -> None:
        self.findingClicked.emit(self.findings_model.findings[index.row()].participant_ids)
