"""Monev: the instruments with their versions, a form printed blank (or with a person's
identity) to fill by hand, the results entered afterwards with their total, percentage and
predikat, and each participant's first visit compared with the last."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import monev
from kemitraan_desktop.charts import format_number
from kemitraan_desktop.errors import KemitraanError

from ..errors import show_error
from ..widgets.confirm import confirm
from ..widgets.save_dialog import file_name
from .models import CompareModel, MonevEntriesModel
from .monev_dialog import MonevEntryDialog
from .people_field import PersonField

FORM_ID = Qt.ItemDataRole.UserRole


def print_monev_form(db, form_id, participant_id, path, sign_off=None, progress=None,
                     cancelled=None):
    from kemitraan_desktop.documents.monev_form import print_form
    return print_form(db, form_id, path, person_participant_id=participant_id)


class MonevTab(QWidget):
    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.forms: dict[int, monev.MonevForm] = {}
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.form_list = QListWidget(self)
        self.form_list.setObjectName("forms")
        self.form_list.setMaximumHeight(96)
        self.form_list.currentRowChanged.connect(lambda _r: self._load_compare())
        top.addWidget(self.form_list, 1)
        side = QVBoxLayout()
        self.enter_button = QPushButton(self.tr("Isi hasil monev..."), self)
        self.enter_button.clicked.connect(lambda: self.enter())
        self.print_button = QPushButton(self.tr("Cetak instrumen kosong..."), self)
        self.print_button.clicked.connect(lambda: self.print_blank())
        self.person = PersonField(None, self, placeholder=self.tr(
            "untuk peserta (kosongkan: tanpa nama)"))
        self.person.setToolTip(self.tr("Identitas peserta ini diisikan pada instrumen yang "
                                       "dicetak dan pada hasil yang diisi"))
        side.addWidget(self.person)
        buttons = QHBoxLayout()
        buttons.addWidget(self.enter_button)
        buttons.addWidget(self.print_button)
        side.addLayout(buttons)
        side.addStretch(1)
        top.addLayout(side, 1)
        layout.addLayout(top)
        self.inner = QTabWidget(self)
        entries = QWidget(self.inner)
        column = QVBoxLayout(entries)
        column.setContentsMargins(0, 4, 0, 0)
        self.entries_model = MonevEntriesModel(self)
        self.entries = self._table(self.entries_model, entries)
        self.entries.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col, width in enumerate((86, 200, 220, 110, 170, 80, 60, 100)):
            self.entries.setColumnWidth(col, width)
        column.addWidget(self.entries, 1)
        row = QHBoxLayout()
        self.count = QLabel(entries)
        self.count.setWordWrap(True)
        row.addWidget(self.count, 1)
        self.delete_button = QPushButton(self.tr("Hapus isian"), entries)
        self.delete_button.clicked.connect(lambda: self.delete())
        row.addWidget(self.delete_button)
        column.addLayout(row)
        self.inner.addTab(entries, self.tr("Hasil monev"))
        self.compare_model = CompareModel(self)
        self.compare = self._table(self.compare_model, self.inner)
        self.compare.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.inner.addTab(self.compare, self.tr("Bandingkan kunjungan pertama && terakhir"))
        layout.addWidget(self.inner, 1)

    def _table(self, model, parent) -> QTableView:
        table = QTableView(parent)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(22)
        return table

    def clear(self) -> None:
        self.entries_model.set_rows([])
        self.compare_model.set_rows([])
        self.count.clear()

    def program_opened(self) -> None:
        self.person.set_people(self.page.people())
        self.person.clear()
        self._fill_forms()

    def _fill_forms(self) -> None:
        """Every version of every instrument: the latest first in each, how many entries."""
        chosen = self.form()
        self.form_list.blockSignals(True)
        self.form_list.clear()
        self.forms = {}
        latest: dict[str, int] = {}
        every = monev.list_forms(self.page.db, all_versions=True)
        for form in every:
            latest[form.code] = max(latest.get(form.code, 0), form.version)
        for form in every:
            self.forms[form.id] = form
            used = monev.entry_count(self.page.db, form.id)
            text = self.tr("%s · versi %s · %s butir · skor %s-%s · %s isian") % (
                form.name, form.version, len(form.items), format_number(form.min_total),
                format_number(form.max_total), used)
            if form.version < latest[form.code]:
                text += self.tr(" (versi lama)")
            item = QListWidgetItem(text, self.form_list)
            item.setData(FORM_ID, form.id)
            if chosen is not None and form.id == chosen.id:
                self.form_list.setCurrentItem(item)
        if self.form_list.currentRow() < 0 and self.form_list.count():
            self.form_list.setCurrentRow(0)
        self.form_list.blockSignals(False)
        self.entries_model.stage_names = {(f.id, s["code"]): s["name"]
                                          for f in self.forms.values() for s in f.stages}

    def form(self) -> monev.MonevForm | None:
        item = self.form_list.currentItem()
        return self.forms.get(item.data(FORM_ID)) if item is not None else None

    def load(self) -> None:
        program = self.page.program
        if program is None:
            return
        pid = program.id
        self.page.ask("monev", lambda db: monev.list_entries(db, pid), self._read)
        self._load_compare()

    def _load_compare(self) -> None:
        form, program = self.form(), self.page.program
        if form is None or program is None:
            self.compare_model.set_rows([])
            return
        pid, code = program.id, form.code
        self.page.ask("monev-compare", lambda db: monev.compare(db, pid, code),
                      self.compare_model.set_rows)

    def _read(self, rows: list[dict]) -> None:
        self.entries_model.set_rows(rows)
        scored = [r for r in rows if r["percentage"] is not None]
        self.count.setText(self.tr("%s isian monev, %s dengan skor") % (len(rows), len(scored)))

    # ---- recording and printing

    def enter(self, form: monev.MonevForm | None = None) -> MonevEntryDialog | None:
        form = form or self.form()
        if form is None or self.page.program is None:
            return None
        dialog = MonevEntryDialog(self.page.db, self.page.program, self.page.people(), form, self,
                                  participant_id=self.person.chosen())
        dialog.saved.connect(lambda _id, text: self._entered(text))
        dialog.open()
        self.dialog = dialog
        return dialog

    def _entered(self, text: str) -> None:
        self._fill_forms()  # the count of entries per version
        self.page.recorded(text)

    def delete(self) -> QMessageBox | None:
        index = self.entries.currentIndex()
        if not index.isValid():
            return None
        row = self.entries_model.rows[index.row()]

        def delete():
            try:
                monev.delete_entry(self.page.db, row["id"])
            except KemitraanError as exc:
                show_error(self, exc)
                return
            self._entered(self.tr("Isian monev dihapus."))
        self.confirm_box = confirm(self, self.tr("Hapus isian monev"), self.tr(
            "Hapus isian %s untuk %s?") % (row["form_name"], row["name"]), self.tr("Hapus"),
            delete, icon=QMessageBox.Icon.Warning)
        return self.confirm_box

    def print_blank(self):
        form = self.form()
        if form is None:
            return None
        person = self.person.chosen()
        suffix = self.person.name() if person else "kosong"
        return self.page.print_pdf(
            print_monev_form, form.id, person, name=file_name(form.name, suffix) + ".pdf",
            title=self.tr("Instrumen %s") % form.name, signed=False,
            label=self.tr("Menyusun instrumen monev..."))
