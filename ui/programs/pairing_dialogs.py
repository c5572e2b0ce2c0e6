"""Dialogs around pairs: choose a mentor ("Pindahkan ke..."), review the assistant's
proposal, and add roster people to a program."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import pairing, programs, vocabulary
from kemitraan_desktop.indonesia import format_thousands

from ..widgets.models import RowsModel

_ROOT = QModelIndex()

NO_MENTOR = 0


class MentorChooser(QDialog):
    """Pick a mentor for some participants: only those the rules allow are listed, the ones
    with room first; "tanpa pembimbing" unpairs them."""

    def __init__(self, db, program: programs.Program, mentee_ids: list[int], *,
                 allow_none: bool = True, loads=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pindahkan ke..."))
        self.resize(620, 480)
        choices = pairing.mentor_choices(db, program.id, mentee_ids, loads)
        layout = QVBoxLayout(self)
        first = programs.get_participant(db, mentee_ids[0]) if mentee_ids else None
        tier = first["tier"] if first else 2
        current = {programs.get_participant(db, m)["mentor_id"] for m in mentee_ids}
        current = current.pop() if len(current) == 1 else None
        layout.addWidget(QLabel(self.tr("Pilih %s untuk %s peserta terpilih. Hanya yang mata "
                                        "pelajaran dan jenjangnya sama yang ditampilkan.")
                                % (program.label(tier - 1), len(mentee_ids)), self))
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Saring nama atau kab/kota..."))
        self.filter.setClearButtonEnabled(True)
        layout.addWidget(self.filter)
        self.list = QListWidget(self)
        if allow_none:
            item = QListWidgetItem(self.tr("(tanpa %s: lepaskan pasangannya)") % program.label(tier - 1))
            item.setData(Qt.ItemDataRole.UserRole, NO_MENTOR)
            self.list.addItem(item)
        for choice in choices:
            limit = "-" if choice["capacity"] is None else choice["capacity"]
            text = (f"{choice['name']}  ·  {choice['region'] or '-'}  ·  "
                    f"{self.tr('bimbingan')} {choice['load']}/{limit}")
            if choice["id"] == current:
                text += self.tr("  (pembimbing sekarang)")
            elif not choice["room"]:
                text += self.tr("  (penuh)")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, choice["id"])
            if not choice["room"] or choice["id"] == current:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        if not choices:
            layout.addWidget(QLabel(self.tr("Tidak ada %s dengan mata pelajaran dan jenjang yang "
                                            "sama di program ini.") % program.label(tier - 1), self))
        layout.addWidget(self.list, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Pindahkan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.filter.textChanged.connect(self._filter)
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        self.list.itemDoubleClicked.connect(lambda *_: self.accept())
        self._enable()

    def _filter(self, text: str) -> None:
        text = text.strip().casefold()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(text) and text not in item.text().casefold())

    def _enable(self) -> None:
        item = self.list.currentItem()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            item is not None and bool(item.flags() & Qt.ItemFlag.ItemIsEnabled))

    def chosen(self) -> int | None:
        """The chosen mentor id, NO_MENTOR (0) to unpair, None when nothing is chosen."""
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)


class ProposalModel(RowsModel):
    """The assistant's proposed pairs, one checkable row each (checked = accepted)."""

    HEADERS = ("Terima", "Peserta", "Peran", "Mata Pelajaran", "Kab/Kota", "Pembimbing",
               "Kab/Kota Pembimbing", "Alasan", "Pembimbing sekarang")

    def __init__(self, program: programs.Program, proposal: pairing.Proposal, parent=None):
        super().__init__(parent)
        self.program, self.rows = program, list(proposal.pairs)
        self.accepted = [True] * len(self.rows)
        self.repair = proposal.repair

    @property
    def pairs(self) -> list:
        return self.rows

    def headers(self) -> list[str]:
        shown = self.HEADERS if self.repair else self.HEADERS[:-1]
        return [self.tr(text) for text in shown]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            return Qt.CheckState.Checked if self.accepted[index.row()] else Qt.CheckState.Unchecked
        return super().data(index, role)

    def cell(self, pair, column: int, role):
        if role == Qt.ItemDataRole.DisplayRole and column > 0:
            if column == 8:
                if pair.previous_mentor_id is None:
                    return self.tr("(belum ada)")
                return self.tr("sama") if pair.previous_mentor_id == pair.mentor_id \
                    else pair.previous_mentor_name
            return (None, pair.mentee_name, self.program.label(pair.tier), pair.subject,
                    pair.mentee_region, pair.mentor_name, pair.mentor_region, pair.note)[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 8 \
                and pair.previous_mentor_id not in (None, pair.mentor_id):
            return QBrush(QColor("#9a6700"))  # this pair changes
        return None

    def flags(self, index):
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if index.isValid() and index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole:
            self.accepted[index.row()] = Qt.CheckState(value) == Qt.CheckState.Checked
            self.dataChanged.emit(index, index, [role])
            return True
        return False

    def set_all(self, accepted: bool) -> None:
        self.accepted = [accepted] * len(self.pairs)
        if self.pairs:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.pairs) - 1, 0))

    def set_mentor(self, row: int, mentor: dict) -> None:
        pair = self.pairs[row]
        pair.mentor_id, pair.mentor_name = mentor["id"], mentor["name"]
        pair.mentor_region, pair.note = mentor["region"] or "", self.tr("dipilih sendiri")
        self.accepted[row] = True
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def accepted_pairs(self) -> list[tuple[int, int]]:
        return [(p.mentee_id, p.mentor_id) for p, ok in zip(self.pairs, self.accepted, strict=True) if ok]


class PairingReview(QDialog):
    """The assistant's proposal for review: accept all, some, or change a mentor by hand;
    participants it could not place are listed with the reason. `accepted_pairs` is saved by
    the page in one transaction."""

    def __init__(self, db, program: programs.Program, proposal: pairing.Proposal,
                 save=None, parent: QWidget | None = None):
        """`save(pairs, done)` starts storing the accepted pairs (in the background) and
        calls `done(ok)`; the dialog closes only when it succeeded, so a refused save leaves
        the review as it was."""
        super().__init__(parent)
        self.db, self.program, self.proposal, self.on_save = db, program, proposal, save
        self.setWindowTitle(self.tr("Usulan pasangan: %s") % program.title)
        self.resize(1200, 640)
        layout = QVBoxLayout(self)
        intro = self.tr("%s pasangan diusulkan.") % format_thousands(len(proposal.pairs))
        if proposal.repair:
            changed = sum(1 for p in proposal.pairs
                          if p.previous_mentor_id not in (None, p.mentor_id))
            intro += " " + self.tr("Susun ulang: %s pasangan yang sudah ada akan berganti pembimbing "
                                   "(lihat kolom 'Pembimbing sekarang'); pasangan lama yang tidak "
                                   "diterima akan dilepas.") % format_thousands(changed)
        self.intro = QLabel(intro, self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.model = ProposalModel(program, proposal, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((55, 210, 65, 120, 160, 210, 160, 140, 200)):
            self.table.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 3)
        row = QHBoxLayout()
        for text, slot in ((self.tr("Centang semua"), lambda: self.model.set_all(True)),
                           (self.tr("Hapus semua centang"), lambda: self.model.set_all(False)),
                           (self.tr("Ganti pembimbing..."), self.change_mentor)):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        self.count = QLabel(self)
        row.addWidget(self.count)
        layout.addLayout(row)
        if proposal.unplaced:
            layout.addWidget(QLabel(self.tr("Tidak dapat dipasangkan (%s):")
                                    % format_thousands(len(proposal.unplaced)), self))
            self.unplaced = QListWidget(self)
            for item in proposal.unplaced[:5000]:
                self.unplaced.addItem(f"{item.name} ({program.label(item.tier)}, "
                                      f"{item.subject or '-'}): {item.reason}")
            layout.addWidget(self.unplaced, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.model.dataChanged.connect(lambda *_: self._count())
        self._count()

    def _count(self) -> None:
        accepted = sum(self.model.accepted)
        self.count.setText(self.tr("%s dari %s diterima") % (format_thousands(accepted),
                                                          format_thousands(len(self.model.pairs))))
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("Simpan %s pasangan") % format_thousands(accepted))
        save.setEnabled(accepted > 0 or self.proposal.repair)

    def save(self):
        """Start the save; returns what `save` returned (the running work), the dialog
        stays open and its buttons off until it is done."""
        if self.on_save is None:
            self.accept()
            return None
        self.buttons.setEnabled(False)
        return self.on_save(self.accepted_pairs(), self._saved)

    def _saved(self, ok: bool) -> None:
        self.buttons.setEnabled(True)
        if ok:
            self.accept()

    def loads_without(self, row: int) -> Counter:
        """Each mentor's load once the accepted pairs (all but `row`) are saved."""
        loads = Counter() if self.proposal.repair else pairing.current_loads(self.db, self.program.id)
        for index, (pair, ok) in enumerate(zip(self.model.pairs, self.model.accepted, strict=True)):
            if ok and index != row:
                loads[pair.mentor_id] += 1
        return loads

    def change_mentor(self) -> MentorChooser | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row = index.row()
        chooser = MentorChooser(self.db, self.program, [self.model.pairs[row].mentee_id],
                                allow_none=False, loads=self.loads_without(row), parent=self)

        def chosen():
            mentor = chooser.chosen()
            if mentor:
                self.model.set_mentor(row, programs.get_participant(self.db, mentor))
        chooser.accepted.connect(chosen)
        chooser.open()
        return chooser

    def accepted_pairs(self) -> list[tuple[int, int]]:
        return self.model.accepted_pairs()


class AddToProgram(QDialog):
    """Put the people selected on the roster page into a program, in one tier. The tier is
    never chosen for the operator (a quick click must not make host teachers imbas); the
    program last used is."""

    # program id, person ids, tier, subject or None, subject for those with none or None
    added = Signal(int, list, int, object, object)
    last_program: int | None = None  # within the session

    def __init__(self, db, person_ids: list[int], parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.person_ids = db, person_ids
        self.setWindowTitle(self.tr("Tambahkan ke program"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("%s orang terpilih.") % format_thousands(len(person_ids)), self))
        form = QFormLayout()
        self.program = QComboBox(self)
        for entry in programs.list_programs(db):
            self.program.addItem(entry["program"].title, entry["program"].id)
        self.tier = QComboBox(self)
        self.own_subject = QCheckBox(self.tr("Mata pelajaran masing-masing dari daftar guru"), self)
        self.own_subject.setChecked(True)
        self.subject = QComboBox(self)
        self.subject.setEditable(True)
        self.subject.addItems(list(vocabulary.SUBJECTS))
        self.subject.setEnabled(False)
        form.addRow(self.tr("Program"), self.program)
        form.addRow(self.tr("Sebagai"), self.tier)
        form.addRow("", self.own_subject)
        form.addRow(self.tr("Mata pelajaran"), self.subject)
        # a Dapodik download has no subject: those people need one chosen here
        self.without_subject = programs.without_subject(db, person_ids)
        self.fallback = QComboBox(self)
        self.fallback.setEditable(True)
        self.fallback.addItems(list(vocabulary.SUBJECTS))
        self.fallback.setCurrentIndex(-1)
        self.fallback.setPlaceholderText(self.tr("pilih mata pelajaran..."))
        self.fallback_note = QLabel(self.tr(
            "%s dari %s orang belum punya mata pelajaran di daftar guru (unduhan Dapodik tidak "
            "memuatnya). Mata pelajaran yang dipilih di sini dipakai untuk mereka dan disimpan "
            "juga di data guru.") % (len(self.without_subject), len(person_ids)), self)
        self.fallback_note.setWordWrap(True)
        self.fallback_note.setStyleSheet("color: #8a4b00;")
        if self.without_subject:
            form.addRow("", self.fallback_note)
            form.addRow(self.tr("Untuk yang belum punya"), self.fallback)
        else:
            self.fallback.hide()
            self.fallback_note.hide()
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Tambahkan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self._add)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if self.program.count() == 0:
            layout.insertWidget(1, QLabel(self.tr("Belum ada program. Buat dulu di halaman "
                                                  "Program & Pasangan."), self))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        if AddToProgram.last_program is not None:
            self.program.setCurrentIndex(max(0, self.program.findData(AddToProgram.last_program)))
        self.program.currentIndexChanged.connect(self._tiers)
        self.own_subject.toggled.connect(lambda own: self.subject.setEnabled(not own))
        self.tier.currentIndexChanged.connect(lambda _i: self._enable())
        self.fallback.currentTextChanged.connect(lambda _t: self._enable())
        self.own_subject.toggled.connect(lambda _on: self._enable())
        self._tiers()

    def _tiers(self) -> None:
        self.tier.clear()
        program_id = self.program.currentData()
        if program_id is not None:
            program = programs.get_program(self.db, program_id)
            for tier in range(1, program.tiers + 1):
                self.tier.addItem(program.label(tier), tier)
        self.tier.setPlaceholderText(self.tr("pilih peran..."))
        self.tier.setCurrentIndex(-1)
        self._enable()

    def _needs_fallback(self) -> bool:
        return bool(self.without_subject) and self.own_subject.isChecked()

    def _enable(self) -> None:
        subject_ready = not self._needs_fallback() or bool(self.fallback.currentText().strip())
        self.fallback.setEnabled(self._needs_fallback())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.program.currentData() is not None and self.tier.currentIndex() >= 0
            and subject_ready)

    def _add(self) -> None:
        if self.tier.currentIndex() < 0:
            return
        AddToProgram.last_program = self.program.currentData()
        subject = None if self.own_subject.isChecked() else self.subject.currentText()
        fallback = self.fallback.currentText().strip() if self._needs_fallback() else None
        self.added.emit(self.program.currentData(), self.person_ids, self.tier.currentData(),
                        subject, fallback)
        self.accept()
