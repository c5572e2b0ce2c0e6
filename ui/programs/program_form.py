"""The program form: name, year, stage, jenjang, kind, subjects, tier labels and ratios."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import programs, vocabulary
from kemitraan_desktop.errors import KemitraanError

from ..errors import show_error
from ..widgets.hint import hint_label

_OWN = "Lainnya (isi sendiri)"


class ProgramForm(QDialog):
    """New program (program None) or edit one. Presets fill the labels and ratios; every
    field can then be edited. Problems show under their field; Simpan waits for none."""

    saved = Signal(int)

    def __init__(self, db, program: programs.Program | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.program_id = program.id if program else None
        self.setWindowTitle(self.tr("Ubah program") if program else self.tr("Program baru"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("mis. Kemitraan Guru SMP Kota Semarang"))
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year)
        self.stage = QLineEdit(self)
        self.stage.setPlaceholderText(self.tr("mis. Tahap 1"))
        self.jenjang = QComboBox(self)
        self.jenjang.addItems(list(programs.JENJANG))
        self.kind = QComboBox(self)
        for key, label in programs.KINDS.items():
            self.kind.addItem(self.tr(label), key)
        self.subjects = QLineEdit(self)
        self.subjects.setPlaceholderText(self.tr("pisahkan dengan koma, mis. Matematika, IPA"))
        self.label_preset = QComboBox(self)
        self.label_preset.addItems([*programs.LABEL_PRESETS, self.tr(_OWN)])
        self.label_edits = [QLineEdit(self) for _ in range(3)]
        self.label_edits[2].setPlaceholderText(self.tr("(kosong: dua tingkat)"))
        labels_row = QHBoxLayout()
        for edit in self.label_edits:
            labels_row.addWidget(edit)
        self.ratio_preset = QComboBox(self)
        self.ratio_preset.addItems([*programs.RATIO_PRESETS, self.tr(_OWN)])
        self.ratio_edit = QLineEdit(self)
        self.ratio_edit.setPlaceholderText(self.tr("mis. 3,10: satu inti 3 mitra, satu mitra 10 imbas"))
        for key, label, widget in (
                ("name", "Nama program *", self.name), ("year", "Tahun *", self.year),
                ("stage", "Tahap", self.stage), ("jenjang", "Jenjang *", self.jenjang),
                ("kind", "Jenis peserta", self.kind), ("subjects", "Mata pelajaran", self.subjects),
                ("label_preset", "Nama tingkat", self.label_preset), ("labels", "", labels_row),
                ("ratio_preset", "Rasio", self.ratio_preset), ("ratios", "", self.ratio_edit)):
            form.addRow(self.tr(label), widget)
            if key == "ratios":  # "3,10" says nothing by itself: said in words as it is typed
                self.ratio_meaning = hint_label("", self)
                self.ratio_meaning.setStyleSheet("color: #5f6368;")
                form.addRow("", self.ratio_meaning)
            if key in ("name", "year", "jenjang", "labels", "ratios"):
                error = QLabel(self)
                error.setStyleSheet("color: #b3261e;")
                error.setWordWrap(True)
                error.hide()
                self.errors[key] = error
                form.addRow("", error)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._fill(program)
        self.label_preset.currentTextChanged.connect(self._label_preset)
        self.ratio_preset.currentTextChanged.connect(self._ratio_preset)
        for widget in (self.name, self.ratio_edit, *self.label_edits):
            widget.textChanged.connect(self.validate)
        for widget in (self.ratio_edit, *self.label_edits):
            widget.textChanged.connect(lambda _t: self._explain_ratio())
        self._explain_ratio()
        self.year.valueChanged.connect(self.validate)
        self.validate()

    def _fill(self, program: programs.Program | None) -> None:
        program = program or programs.Program(None, "", dt.date.today().year, "SMP")
        self.name.setText(program.name)
        self.year.setValue(program.year)
        self.stage.setText(program.stage)
        self.jenjang.setCurrentText(program.jenjang)
        self.kind.setCurrentIndex(max(0, self.kind.findData(program.kind)))
        self.subjects.setText(", ".join(program.subjects))
        for edit, label in zip(self.label_edits, [*program.labels, "", ""], strict=False):
            edit.setText(label)
        self.ratio_edit.setText(",".join(str(r) for r in program.ratios))
        self._sync_presets()

    def _sync_presets(self) -> None:
        labels = tuple(self.current_labels())
        name = next((k for k, v in programs.LABEL_PRESETS.items() if v == labels), self.tr(_OWN))
        self.label_preset.blockSignals(True)
        self.label_preset.setCurrentText(name)
        self.label_preset.blockSignals(False)
        try:
            ratios = tuple(programs.parse_ratio(self.ratio_edit.text()))
        except KemitraanError:
            ratios = ()
        name = next((k for k, v in programs.RATIO_PRESETS.items() if v == ratios), self.tr(_OWN))
        self.ratio_preset.blockSignals(True)
        self.ratio_preset.setCurrentText(name)
        self.ratio_preset.blockSignals(False)

    def _label_preset(self, name: str) -> None:
        labels = programs.LABEL_PRESETS.get(name)
        if labels:
            for edit, label in zip(self.label_edits, [*labels, "", ""], strict=False):
                edit.setText(label)
            try:
                ratios = programs.parse_ratio(self.ratio_edit.text())
            except KemitraanError:
                ratios = []
            if len(labels) == 2 and len(ratios) != 1:
                self.ratio_edit.setText(",".join(str(r) for r in programs.RATIO_PRESETS["1:2"]))
            elif len(labels) == 3 and len(ratios) != 2:
                self.ratio_edit.setText(",".join(str(r) for r in programs.DEFAULT_RATIOS))

    def _ratio_preset(self, name: str) -> None:
        ratios = programs.RATIO_PRESETS.get(name)
        if ratios:
            self.ratio_edit.setText(",".join(str(r) for r in ratios))

    def _explain_ratio(self) -> None:
        """'3,10' with Inti/Mitra/Imbas: 'Setiap Inti membimbing 3 Mitra; setiap Mitra
        membimbing 10 Imbas. Satu Inti menjangkau 33 guru.'"""
        labels = self.current_labels()
        try:
            ratios = programs.parse_ratio(self.ratio_edit.text())
        except KemitraanError:
            ratios = []
        if not ratios or len(ratios) != len(labels) - 1:
            self.ratio_meaning.setText(self.tr("Angka per tingkat, dipisah koma: 3,10 berarti "
                                               "1 pembimbing untuk 3, lalu 1 untuk 10."))
            return
        parts = [self.tr("setiap %s membimbing %s %s") % (labels[i], n, labels[i + 1])
                 for i, n in enumerate(ratios)]
        reach, width = 0, 1
        for n in ratios:
            width *= n
            reach += width
        text = "; ".join(parts)
        self.ratio_meaning.setText(text[0].upper() + text[1:] + ". " + self.tr(
            "Satu %s menjangkau %s orang.") % (labels[0], reach))

    def current_labels(self) -> list[str]:
        return [e.text().strip() for e in self.label_edits if e.text().strip()]

    def program(self) -> programs.Program:
        return programs.Program(
            self.program_id, self.name.text(), self.year.value(), self.jenjang.currentText(),
            self.kind.currentData(), self.stage.text(),
            [vocabulary.clean_subject(s) for s in self.subjects.text().split(",") if s.strip()],
            self.current_labels(), [])

    def validate(self) -> dict[str, str]:
        program = self.program()
        errors = {}
        try:
            program.ratios = programs.parse_ratio(self.ratio_edit.text())
        except KemitraanError as exc:
            errors["ratios"] = exc.message
        errors = {**programs.validate_program(program), **errors}
        if "name" not in errors and program.name.strip() and programs.duplicate_of(self.db, program):
            errors["name"] = f"Program '{program.name.strip()}' tahun {program.year} sudah ada."
        typed = [e.text().strip() for e in self.label_edits]
        if not typed[1] and typed[2]:
            errors["labels"] = "Nama tingkat kedua kosong; isi dulu, atau kosongkan yang ketiga."
        if not self.name.text().strip() and not self.name.isModified():
            errors.pop("name", None)  # not yet typed: no red text on an empty new form
            save_ok = False
        else:
            save_ok = not errors
        for key, label in self.errors.items():
            label.setText(self.tr(errors.get(key, "")))
            label.setVisible(key in errors)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(save_ok and not errors)
        self._sync_presets()
        return errors

    def save(self, confirmed: bool = False) -> None:
        if self.validate():
            return
        program = self.program()
        program.ratios = programs.parse_ratio(self.ratio_edit.text())
        over = programs.over_capacity(self.db, program) if program.id else []
        if over and not confirmed:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Rasio baru"),
                              self.tr("Dengan rasio %s, %s pembimbing membimbing lebih dari yang "
                                      "diizinkan: %s. Pemeriksaan akan menandainya sebagai kesalahan. "
                                      "Tetap simpan?") % (program.ratio_text, len(over),
                                                         ", ".join(over[:5])
                                                         + (" ..." if len(over) > 5 else "")),
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Tetap simpan"))
            box.button(QMessageBox.StandardButton.No).setText(self.tr("Batal"))
            box.setDefaultButton(QMessageBox.StandardButton.No)
            box.accepted.connect(lambda: self.save(confirmed=True))
            box.open()
            self.confirm_box = box
            return
        try:
            program_id = programs.save_program(self.db, program)
        except KemitraanError as exc:
            show_error(self, exc)
            return
        self.saved.emit(program_id)
        self.accept()
