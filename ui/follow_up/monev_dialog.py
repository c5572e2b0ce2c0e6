"""Isi hasil monev: one visit's scores typed from the paper filled in by hand. The form's
items grouped by section, a score and a Catatan per item, the total, percentage and
predikat as they are typed; an observation's pra- and pasca-observasi take the answers to
their guided questions instead."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import monev, programs
from kemitraan_desktop.charts import format_number, format_percent
from kemitraan_desktop.errors import KemitraanError, ValidationError
from kemitraan_desktop.mentoring import ProgramPeople
from kemitraan_desktop.monev import MonevForm

from ..errors import show_error
from ..widgets.date_field import DateField
from .dialog_parts import error_and_buttons
from .people_field import PersonField

NOTE_WIDTH = 190


def _scrolled(inner: QWidget, parent: QWidget) -> QScrollArea:
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setWidget(inner)
    return area


class MonevEntryDialog(QDialog):
    saved = Signal(int, str)  # entry id, what was recorded

    def __init__(self, db, program: programs.Program, people: ProgramPeople, form: MonevForm,
                 parent: QWidget | None = None, *, participant_id: int | None = None):
        super().__init__(parent)
        self.db, self.program, self.form = db, program, form
        self.setWindowTitle(self.tr("Isi hasil monev - %s (versi %s)") % (form.name, form.version))
        self.resize(940, 600)
        layout = QVBoxLayout(self)
        top = QFormLayout()
        self.person = PersonField(people, self)
        self.person.setObjectName("person")
        self.person.choose(participant_id)
        self.observer = PersonField(people, self, placeholder=self.tr(
            "peserta (nama atau NUPTK/NIP), atau tulis nama pengawas"))
        self.observer.setObjectName("observer")
        self.day = DateField(self, dt.date.today())
        who = QHBoxLayout()
        who.addWidget(self.person, 1)
        who.addWidget(QLabel(self.tr("Tanggal *"), self))
        who.addWidget(self.day)
        top.addRow(self.tr("Yang diamati *"), who)
        observer_row = QHBoxLayout()
        observer_row.addWidget(self.observer, 1)
        self.stage = QComboBox(self)
        self.stage.setObjectName("stage")
        for stage in form.stages:
            self.stage.addItem(self.tr(stage["name"]), stage["code"])
        if form.stages:
            observer_row.addWidget(QLabel(self.tr("Tahap"), self))
            observer_row.addWidget(self.stage)
            scored = form.scored_stages
            self.stage.setCurrentIndex(max(0, self.stage.findData(scored[0] if scored else "")))
        top.addRow(self.tr("Observer *"), observer_row)
        layout.addLayout(top)
        self.pages = QStackedWidget(self)
        self.spins: dict[str, QSpinBox] = {}
        self.notes: dict[str, QLineEdit] = {}
        self.answers: dict[str, dict[str, QLineEdit]] = {}
        self.pages.addWidget(_scrolled(self._items_page(), self.pages))
        self.stage_pages: dict[str, int] = {}
        for stage in form.stages:
            if stage.get("questions"):
                self.stage_pages[stage["code"]] = self.pages.addWidget(
                    _scrolled(self._questions_page(stage), self.pages))
        layout.addWidget(self.pages, 1)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("catatan umum kunjungan ini"))
        note_row = QFormLayout()
        note_row.addRow(self.tr("Catatan"), self.note)
        layout.addLayout(note_row)
        self.total = QLabel(self)
        self.total.setObjectName("total")
        self.total.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.total)
        self.error = error_and_buttons(self, layout)
        self.stage.currentIndexChanged.connect(lambda _i: self._stage_changed())
        self._stage_changed()
        (self.observer if participant_id else self.person).setFocus()

    def _items_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        labels = self.form.scale.get("labels") or {}
        key = ", ".join(f"{score} {label}" for score, label in sorted(
            labels.items(), key=lambda pair: float(pair[0])))
        if key:
            column.addWidget(QLabel(self.tr("Skor: %s") % key, page))
        previous = None
        for section, items in self.form.sections:
            box = QGroupBox(section or self.tr("Butir"), page)
            grid = QGridLayout(box)
            grid.setColumnStretch(1, 1)
            for row, item in enumerate(items):
                grid.addWidget(QLabel(item["id"], box), row, 0)
                text = QLabel(item["text"], box)
                text.setWordWrap(True)
                grid.addWidget(text, row, 1)
                spin = QSpinBox(box)
                spin.setObjectName(f"score_{item['id']}")
                spin.setRange(int(item["min"]) - 1, int(item["max"]))
                spin.setSpecialValueText("-")  # not scored yet
                spin.setValue(spin.minimum())
                spin.setToolTip(self.tr("Skor %s sampai %s") % (item["min"], item["max"]))
                spin.valueChanged.connect(lambda _v: self._show_total())
                grid.addWidget(spin, row, 2)
                self.spins[item["id"]] = spin
                if previous is not None:
                    QWidget.setTabOrder(previous, spin)
                previous = spin
                note = QLineEdit(box)
                note.setPlaceholderText(self.tr("catatan"))
                note.setFixedWidth(NOTE_WIDTH)
                note.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab goes score to score
                grid.addWidget(note, row, 3)
                self.notes[item["id"]] = note
            column.addWidget(box)
        column.addStretch(1)
        return page

    def _questions_page(self, stage: dict) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        answers = {}
        for number, question in enumerate(stage["questions"], start=1):
            edit = QLineEdit(page)
            label = QLabel(f"{number}. {question['text']}", page)
            label.setWordWrap(True)
            form.addRow(label, edit)
            answers[question["id"]] = edit
        self.answers[stage["code"]] = answers
        return page

    def stage_code(self) -> str | None:
        return self.stage.currentData() if self.form.stages else None

    def scored(self) -> bool:
        return self.stage_code() not in self.stage_pages

    def _stage_changed(self) -> None:
        code = self.stage_code()
        self.pages.setCurrentIndex(self.stage_pages.get(code, 0))
        self._show_total()

    def scores(self) -> dict[str, int]:
        return {item_id: spin.value() for item_id, spin in self.spins.items()
                if spin.value() != spin.minimum()}

    def _show_total(self) -> None:
        if not self.scored():
            self.total.setText(self.tr("Tahap ini diisi dengan jawaban pertanyaan panduan, "
                                       "tanpa skor."))
            return
        scores = self.scores()
        total = sum(scores.values())
        maximum = self.form.max_total
        share = 100.0 * total / maximum if maximum else 0.0
        text = self.tr("Jumlah skor %s dari %s (%s) · %s") % (
            format_number(total), format_number(maximum), format_percent(round(share, 1)),
            self.form.category(round(share, 1)))
        missing = len(self.spins) - len(scores)
        if missing:
            text += self.tr(" · %s butir belum diberi skor") % missing
        self.total.setText(text)

    def save(self) -> int | None:
        person, day = self.person.chosen(), self.day.date()
        if person is None:
            self.error.setText(self.tr("Pilih guru yang diamati: ketik nama atau NUPTK/NIP lalu "
                                       "pilih dari daftar."))
            return None
        if day is None:
            self.error.setText(self.day.problem or self.tr("Isi tanggal kunjungan."))
            return None
        observer = self.observer.chosen()
        observer_name = "" if observer else " ".join(self.observer.text().split())
        if self.scored():
            scores = self.scores()
            notes = {k: e.text() for k, e in self.notes.items() if e.text().strip()}
        else:
            scores = {}
            notes = {k: e.text() for k, e in self.answers[self.stage_code()].items()
                     if e.text().strip()}
        try:
            entry_id = monev.enter(self.db, self.form, person, day, scores, observer_id=observer,
                                   observer_name=observer_name, stage=self.stage_code(),
                                   note=self.note.text(), item_notes=notes,
                                   program_id=self.program.id)
        except ValidationError as exc:
            self.error.setText("\n".join([exc.message, *exc.details[:6]]))
            return None
        except KemitraanError as exc:
            show_error(self, exc)
            return None
        self.saved.emit(entry_id, self.tr("Hasil monev %s untuk %s tersimpan.") % (
            self.form.name, self.person.name()))
        self.accept()
        return entry_id
