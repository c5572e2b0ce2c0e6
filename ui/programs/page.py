"""Program & Pasangan: the programs, one program's mentoring tree with its checks
(pair_panel.py), the pairing assistant, the summary by province and subject, and the pairing
list as .xlsx and PDF."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import pairing, programs, store
from kemitraan_desktop.errors import KemitraanError, NotFoundError
from kemitraan_desktop.indonesia import format_thousands

from ..errors import show_error
from ..ops import DbWorker, Job
from ..undo import ApplyPairs, MoveParticipants, RemoveParticipants
from ..widgets.confirm import confirm
from ..widgets.list_detail import ListDetail
from ..widgets.status import show_status
from .models import SummaryModel
from .outputs import PairsOutputs
from .pair_panel import ChecksPanel, PairTreePanel
from .pair_tree import PairTreeModel
from .pairing_dialogs import NO_MENTOR, MentorChooser, PairingReview
from .program_form import ProgramForm


def _propose(db, program_id, repair, progress=None, cancelled=None):
    return pairing.propose(db, program_id, repair=repair, progress=progress, cancelled=cancelled)


def _apply(db, program_id, pairs, repair, progress=None, cancelled=None):
    return pairing.apply_proposal(db, program_id, pairs, repair=repair)


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
        self.skeleton = ListDetail(self.tr("Program"), self, buttons=True,
                                   new_tip=self.tr("Program baru"))
        self.programs = self.skeleton.list
        self.programs.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.new_button, self.edit_button, self.delete_button = (
            self.skeleton.new_button, self.skeleton.edit_button, self.skeleton.delete_button)
        self.skeleton.chosen.connect(self.open_program)
        self.skeleton.activated.connect(lambda: self.edit_program())
        self.new_button.clicked.connect(self.new_program)
        self.edit_button.clicked.connect(self.edit_program)
        self.delete_button.clicked.connect(self.delete_program)
        self.skeleton.set_detail(self._program_view())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.skeleton)
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
        self.export_button.clicked.connect(lambda: self.outputs.export_pairs())
        self.print_button = QPushButton(self.tr("Cetak PDF..."), box)
        self.print_button.setToolTip(self.tr("Cetak Daftar Pasangan (PDF)"))
        print_menu = QMenu(self.print_button)
        print_menu.addAction(self.tr("Daftar Pasangan, kertas F4 (215 x 330 mm)..."),
                             lambda: self.outputs.print_pairs(paper="f4"))
        print_menu.addAction(self.tr("Daftar Pasangan, kertas A4..."), lambda: self.outputs.print_pairs(paper="a4"))
        self.print_button.setMenu(print_menu)
        for button in (self.import_button, self.auto_button, self.export_button, self.print_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)

        self.outputs = PairsOutputs(self)
        self.tabs = QTabWidget(box)
        tree_box = QSplitter(Qt.Orientation.Vertical, self.tabs)
        self.pairs = PairTreePanel(self.db, tree_box)
        self.tree, self.search = self.pairs.tree, self.pairs.search
        self.pairs.personRequested.connect(self.editPersonRequested)
        self.pairs.otherProgramRequested.connect(self.addToProgramRequested)
        self.pairs.move_action.triggered.connect(lambda: self.move_selected())
        self.pairs.unpair_action.triggered.connect(
            lambda: self.move(self.pairs.selected_ids(), None))
        self.pairs.remove_action.triggered.connect(lambda: self.remove_selected())
        self.checks = ChecksPanel(tree_box)
        self.checks.findingClicked.connect(self._finding_clicked)
        tree_box.addWidget(self.pairs)
        tree_box.addWidget(self.checks)
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
        from ..widgets.history_view import HistoryView
        self.history = HistoryView(self.db, self.tabs)
        self.tabs.addTab(self.history, self.tr("Riwayat"))
        self.tabs.currentChanged.connect(lambda _i: self.refresh_history())
        layout.addWidget(self.tabs, 1)

        self.program_widgets = [self.import_button, self.auto_button, self.export_button,
                                self.print_button, self.search, self.tabs, self.edit_button,
                                self.delete_button]
        return box

    # ---- programs

    def reload_programs(self, select: int | None = None) -> None:
        current = select if select is not None else (self.program.id if self.program else None)
        entries = []
        for entry in programs.list_programs(self.db):
            program = entry["program"]
            counts = ", ".join(f"{format_thousands(n)} {label.lower()}"
                               for label, n in zip(program.labels, entry["counts"], strict=True))
            entries.append((program.id, f"{program.title}\n{program.jenjang} · {counts}"))
        self.open_program(self.skeleton.fill(entries, current))

    def open_program(self, program_id: int | None) -> None:
        for widget in self.program_widgets:
            widget.setEnabled(program_id is not None)
        if program_id is None:
            self.program = None
            self.heading.setText(self.tr("Belum ada program. Klik <b>Baru...</b> untuk "
                                         "membuatnya, lalu tambahkan peserta dari halaman Guru & "
                                         "Kepala Sekolah atau impor daftar peserta."))
            self.model = None
            self.pairs.set_model(None, None)
            self.checks.clear()
            return
        same = self.program is not None and self.program.id == program_id
        self.program = programs.get_program(self.db, program_id)
        self._heading()
        if same and self.model is not None:
            self.refresh()
            return
        self.model = PairTreeModel(self.db, self.program, self)
        self.model.moveRequested.connect(lambda ids, mentor: self.move(ids, mentor or None))
        self.pairs.set_model(self.program, self.model)
        self.search.clear()
        self._refresh_side()
        self.refresh_history()

    def refresh_history(self) -> None:
        """The program's Riwayat, read only when its tab is shown (a large program has a
        long one)."""
        if self.tabs.currentWidget() is self.history:
            self.history.load(program_id=self.program.id if self.program else None)

    def _heading(self) -> None:
        from kemitraan_desktop.exchange.province import owner_name

        p = self.program
        ratio = p.ratio_text if p.ratios else self.tr("tanpa batas")
        stage = f" · {p.stage}" if p.stage else ""
        self.owner = owner_name(self.db, "program", p.id)
        owned = ("<br><span style='color:#8a4b00'>" + self.tr(
            "Diterima dari %s: hanya dibaca di sini; perubahan dibuat oleh kantor pemiliknya.")
            % self.owner + "</span>") if self.owner else ""
        self.heading.setText(
            f"<b style='font-size:14pt'>{p.title}</b><br>"
            + self.tr("%s · %s%s · tingkat: %s · rasio %s") % (
                p.jenjang, self.tr(programs.KINDS[p.kind]), stage, " → ".join(p.labels), ratio)
            + owned)
        for widget in (self.import_button, self.auto_button, self.edit_button, self.delete_button):
            widget.setEnabled(not self.owner)
        self.pairs.set_read_only(bool(self.owner))

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
        def delete():
            try:
                programs.delete_program(self.db, program.id)
            except KemitraanError as exc:  # e.g. it has issued certificates
                show_error(self, exc)
                return
            self.program = None  # undo steps about it now say it was deleted
            self.reload_programs()
            self.changed.emit()
        return confirm(self, self.tr("Hapus program"),
                       self.tr("Hapus program '%s' beserta semua peserta, pasangan, kegiatan dan "
                               "rundown-nya? Orangnya tetap ada di daftar guru. Ini tidak dapat "
                               "dibatalkan.") % program.title,
                       self.tr("Hapus"), delete, icon=QMessageBox.Icon.Warning)

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
        self.pairs.reload(programs.get_program(self.db, self.program.id))
        self._refresh_side()

    def participants_changed(self) -> None:
        self.refresh()
        self.reload_programs()
        self.changed.emit()

    def _refresh_side(self) -> None:
        program_id = self.program.id
        self.checks.checking()
        self._ask("checks", lambda db: pairing.check_program(db, program_id))
        self._ask("summary", lambda db: pairing.summary(db, program_id))

    def _ask(self, purpose: str, fn) -> None:
        self._tickets[purpose] = self.worker.submit(fn)

    def _answered(self, ticket: int, result) -> None:
        if ticket == self._tickets.get("checks"):
            self.checks.show_findings(result, self.model is not None
                                      and not self.model.root.children)
        elif ticket == self._tickets.get("summary") and self.program is not None:
            self.summary_model.set_rows(self.program, result)

    def _query_failed(self, ticket: int, error) -> None:
        if ticket in self._tickets.values():
            show_error(self, error)

    def idle(self) -> bool:
        return not any(t in self.worker._pending for t in self._tickets.values())

    # ---- moves

    def _finding_clicked(self, participant_ids: list[int]) -> None:
        self.tabs.setCurrentIndex(0)
        self.pairs.select_ids(participant_ids)

    def move(self, ids: list[int], mentor_id: int | None) -> None:
        """Give participants a new mentor (None: no mentor), as one undoable step."""
        if not ids or self.program is None or getattr(self, "owner", None):
            return  # nothing chosen, or a program received from its owner (read only)
        if mentor_id is None:
            text = self.tr("Lepaskan %s peserta dari pembimbing") % len(ids)
            done = self.tr("%s peserta dilepaskan dari pembimbingnya") % len(ids)
        else:
            try:
                name = programs.get_participant(self.db, mentor_id)["name"]
            except NotFoundError:
                self.refresh()
                return
            text = self.tr("Pindahkan %s peserta ke %s") % (len(ids), name)  # the undo step
            done = self.tr("%s peserta dipindahkan ke %s") % (len(ids), name)  # what happened
        command = MoveParticipants(self.db, self.program.id, ids, mentor_id, text,
                                   self.participants_changed)
        self.undo_stack.push(command)
        if not command.failed:
            self._status(done + self.tr(" (Ctrl+Z untuk membatalkan)"))

    def move_selected(self) -> MentorChooser | None:
        ids = self.pairs.selected_ids()
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
        ids = self.pairs.selected_ids()
        if not ids:
            return None
        return confirm(self, self.tr("Keluarkan dari program"),
                       self.tr("Keluarkan %s peserta dari program ini? Peserta yang mereka "
                               "bimbing menjadi belum berpasangan. Dapat dibatalkan dengan "
                               "Ctrl+Z.") % len(ids),
                       self.tr("Keluarkan"), lambda: self.undo_stack.push(
                           RemoveParticipants(self.db, ids, self.participants_changed)),
                       safe_default=False)

    # ---- assistant, import, outputs

    def auto_pair(self, repair: bool, *, confirmed: bool = False) -> Job | None:
        if self.program is None:
            return None
        program = self.program
        if repair and not confirmed:
            self.confirm_box = confirm(
                self, self.tr("Susun ulang semua pasangan"),
                self.tr("Semua pasangan program ini, termasuk yang ditetapkan kementerian, akan "
                        "diusulkan ulang. Anda masih dapat memeriksa usulannya sebelum disimpan. "
                        "Lanjutkan?"),
                self.tr("Susun ulang"), lambda: self.auto_pair(True, confirmed=True))
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

        def save(pairs, done) -> Job:
            job = Job(self, store.db_file(self.db), _apply, program.id, pairs, proposal.repair,
                      label=self.tr("Menyimpan pasangan..."))

            def saved(previous) -> None:
                # saved already; the undo step puts the mentors before it back
                self.undo_stack.push(ApplyPairs(self.db, program.id, pairs, proposal.repair,
                                                previous, self.participants_changed))
                self._status(self.tr("%s pasangan disimpan (Ctrl+Z untuk membatalkan)")
                             % format_thousands(len(pairs)))
                done(True)

            def refused(exc) -> None:
                show_error(self, exc)
                done(False)
            job.succeeded.connect(saved)
            job.failed.connect(refused)
            job.cancelled.connect(lambda: done(False))
            return self._start(job)
        self.review = PairingReview(self.db, program, proposal, save, self)
        self.review.open()
        return self.review

    def import_participants(self, path: str | None = None):
        if self.program is None:
            return None
        from .participants_import import ParticipantsImportDialog

        dialog = ParticipantsImportDialog(self.db, self.program.id, path, self)
        dialog.accepted.connect(lambda: self._imported(dialog.report))
        dialog.open()
        return dialog

    def _imported(self, report) -> None:
        # Earlier undo steps stay: each checks, when undone, that its pairs still make sense.
        self.participants_changed()
        if report is not None:
            self._status(report.summary())

    def _status(self, text: str) -> None:
        show_status(self, text)

    def _start(self, job: Job) -> Job:
        return job.start()
