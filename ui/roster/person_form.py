"""The person form: every roster field, grouped, checked by the core as the user types."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import indonesia as ind
from kemitraan_desktop import people, programs, regions, schools, vocabulary
from kemitraan_desktop.errors import KemitraanError, ValidationError

from ..errors import show_error

_GROUP_TITLES = {"identitas": "Identitas", "sekolah & tugas": "Sekolah dan tugas",
                 "kontak": "Kontak"}
_CHOICES = {
    "gender": [("", ""), ("L", "L (laki-laki)"), ("P", "P (perempuan)")],
    "position": [(k, v) for k, v in vocabulary.POSITIONS.items()],
    "jenjang": [("", "")] + [(j, j) for j in schools.JENJANG],
    "functional_position": [("", "")] + [(f, f) for f in vocabulary.FUNCTIONAL],
}
# Fields with usual values to pick from, where the operator may also type another one.
_PPPK_GOLONGAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
                  "XIII", "XIV", "XV", "XVI", "XVII")
_EDITABLE_CHOICES = {
    "employment": list(vocabulary.EMPLOYMENT),
    "golongan": list(vocabulary.PANGKAT) + list(_PPPK_GOLONGAN),
    "rank": list(vocabulary.PANGKAT.values()),
}
_PLACEHOLDERS = {"nip": "19750512 200003 1 002", "birth_date": "12/05/1975",
                 "phone": "0812-3456-7890", "ukg": "78,5", "full_name": "Dra. Retna Widowati, M.Pd.",
                 "ukg_number": "2012345678", "extra_duty": "Wakil Kepala Sekolah"}


class PersonForm(QDialog):
    """Add (person_id None) or edit a person. Errors show under their field while typing;
    Simpan is enabled only when the core finds nothing wrong. `saved(id, before)` carries
    the snapshot taken before an edit, for undo."""

    saved = Signal(int, list)

    def __init__(self, db, person_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.person_id = db, person_id
        self.setWindowTitle(self.tr("Ubah data guru") if person_id else self.tr("Tambah guru"))
        self.editors: dict[str, QWidget] = {}
        self.known_schools: set[str] = set()
        self.error_labels: dict[str, QLabel] = {}
        self._pair = ("", "")  # (pangkat, golongan) as last shown, to keep them paired
        self._pairing = False
        layout = QVBoxLayout(self)
        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        for group, target in (("identitas", left), ("sekolah & tugas", right), ("kontak", left)):
            target.addWidget(self._group(group))
        if person_id is not None:  # under Kontak: Sekolah dan tugas is the taller group
            left.addWidget(self._history(person_id))
        left.addStretch(1)
        right.addStretch(1)
        columns.addLayout(left)
        columns.addLayout(right)
        layout.addLayout(columns)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        if person_id is not None:
            riwayat = self.buttons.addButton(self.tr("Riwayat perubahan..."),
                                             QDialogButtonBox.ButtonRole.ActionRole)
            riwayat.clicked.connect(lambda: self.show_history())
        layout.addWidget(self.buttons)
        if person_id is not None:
            self._load(people.get_person(db, person_id))
        self.validate()

    # ---- building

    def _group(self, group: str) -> QGroupBox:
        box = QGroupBox(self.tr(_GROUP_TITLES[group]), self)
        form = QFormLayout(box)
        for field in people.FIELDS:
            if field.group != group:
                continue
            editor = self._editor(field.key)
            self.editors[field.key] = editor
            error = QLabel(box)
            error.setStyleSheet("color: #B00020;")
            error.setWordWrap(True)
            error.setMaximumWidth(250)
            error.hide()
            self.error_labels[field.key] = error
            cell = QWidget(box)
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.setSpacing(1)
            editor.setMinimumWidth(250)
            cell_layout.addWidget(editor)
            cell_layout.addWidget(error)
            if field.key == "school":
                self.new_school_hint = QLabel(self.tr(
                    "Sekolah baru: akan ditambahkan dengan NPSN dan Kab/Kota di bawah."), box)
                self.new_school_hint.setStyleSheet("color: #1F4E78;")
                self.new_school_hint.setWordWrap(True)
                self.new_school_hint.setMaximumWidth(250)
                self.new_school_hint.hide()
                cell_layout.addWidget(self.new_school_hint)
            label = field.label + (" *" if field.required else "")
            form.addRow(self.tr(label), cell)
        return box

    def _history(self, person_id: int) -> QGroupBox:
        """The programs this person took part in, newest first (read only)."""
        box = QGroupBox(self.tr("Riwayat program"), self)
        layout = QVBoxLayout(box)
        rows = programs.history(self.db, person_id)
        for row in rows:
            line = f"{row['year']} · {row['program']}: {row['tier_label']}"
            if row["subject"]:
                line += f" {row['subject']}"
            if row["mentor"]:
                line += self.tr(", dibimbing %s") % row["mentor"]
            if row["mentees"]:
                line += self.tr(", membimbing %s orang") % row["mentees"]
            label = QLabel(line, box)
            label.setWordWrap(True)
            label.setMaximumWidth(420)
            layout.addWidget(label)
        if not rows:
            layout.addWidget(QLabel(self.tr("Belum pernah menjadi peserta program."), box))
        self.history_box = box
        return box

    def show_history(self):
        """Every recorded change to this person: the roster data, programs, pairs,
        attendance and certificates."""
        from ..widgets.history_view import HistoryDialog

        name = self.editors["full_name"].text() if "full_name" in self.editors else ""
        self.history_dialog = HistoryDialog(self.db, self.person_id, name, self)
        self.history_dialog.open()
        return self.history_dialog

    def _editor(self, key: str) -> QWidget:
        if key in _EDITABLE_CHOICES:
            combo = QComboBox(self)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItems([""] + _EDITABLE_CHOICES[key])
            combo.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
            combo.currentTextChanged.connect(self.validate)
            if key in ("rank", "golongan"):
                combo.currentTextChanged.connect(lambda text, k=key: self._rank_changed(k, text))
            return combo
        if key in _CHOICES:
            combo = QComboBox(self)
            for value, text in _CHOICES[key]:
                combo.addItem(text, value)
            combo.currentIndexChanged.connect(self.validate)
            return combo
        edit = QLineEdit(self)
        edit.setClearButtonEnabled(True)
        if key in _PLACEHOLDERS:
            edit.setPlaceholderText(_PLACEHOLDERS[key])
        completions = None
        if key == "school":
            completions = schools.school_choices(self.db)
        elif key == "region":
            completions = [r.name for r in regions.all_regions() if r.kind != "provinsi"]
        elif key == "subject":
            completions = list(vocabulary.SUBJECTS)
        if key == "school":
            self.known_schools = {schools.school_key(name) for name in completions}
        if completions:
            completer = QCompleter(completions, edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)
        edit.textChanged.connect(self.validate)
        return edit

    def _load(self, person: dict) -> None:
        values = {**person, "full_name": person["name"], "ukg": "" if person["ukg"] is None
                  else f"{person['ukg']:g}".replace(".", ","), "nip": ind.format_nip(person["nip"])}
        if person.get("region_code") and "." not in person["region_code"]:
            values["region"] = ""  # only the province is known
        if person.get("birth_date"):
            day = ind.parse_date(person["birth_date"])
            values["birth_date"] = day.strftime("%d/%m/%Y")
        self._pairing = True  # what is stored is shown as it is, paired or not
        try:
            for key, editor in self.editors.items():
                value = values.get(key)
                if isinstance(editor, QComboBox) and editor.isEditable():
                    editor.setCurrentText(value or "")
                elif isinstance(editor, QComboBox):
                    editor.setCurrentIndex(max(0, editor.findData(value or "")))
                else:
                    editor.setText("" if value is None else str(value))
        finally:
            self._pairing = False
        self._pair = (values.get("rank") or "", values.get("golongan") or "")
        self._loaded_school = (person.get("school") or "", person.get("npsn") or "")
        # The loaded NPSN belongs to the loaded school: typing another school clears it.
        self.editors["school"].textEdited.connect(self._school_edited)

    def _rank_changed(self, key: str, text: str) -> None:
        """Pangkat and golongan go in pairs (Penata Muda = III/a): choosing one changes the
        other when that was empty or still the first one's former partner."""
        rank, golongan = self._pair
        other = "golongan" if key == "rank" else "rank"
        if self._pairing or other not in self.editors:
            return
        if key == "golongan":
            former, partner = vocabulary.PANGKAT.get(golongan, ""), vocabulary.PANGKAT.get(text, "")
        else:
            lookup = vocabulary.GOLONGAN_OF
            former = lookup.get(vocabulary.letters(rank), "")
            partner = lookup.get(vocabulary.letters(text), "")
        editor = self.editors[other]
        if editor.currentText() in ("", former) and (partner or editor.currentText() == former):
            self._pairing = True
            try:
                editor.setCurrentText(partner)
            finally:
                self._pairing = False
        self._pair = (self.editors["rank"].currentText(), self.editors["golongan"].currentText())

    def _school_edited(self, text: str) -> None:
        name, npsn = self._loaded_school
        if npsn and self.editors["npsn"].text() == npsn and \
                schools.school_key(text) != schools.school_key(name):
            self.editors["npsn"].clear()

    # ---- checking and saving

    def raw(self) -> dict:
        result = {}
        for key, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                result[key] = editor.currentText() if editor.isEditable() else editor.currentData()
            else:
                result[key] = editor.text()
        return result

    def validate(self) -> dict:
        """Run the core's checks on the whole form; show each error under its field."""
        _clean, errors = people.clean_fields(self.raw())
        self._show_errors(errors)
        school = self.editors["school"].text().strip()
        is_new = bool(school) and schools.school_key(school) not in self.known_schools
        self.new_school_hint.setVisible(is_new)
        return errors

    def _show_errors(self, errors: dict) -> None:
        grown = False
        for key, label in self.error_labels.items():
            message = errors.get(key, "")
            grown |= bool(message) and label.text() != message
            label.setText(message)
            label.setVisible(bool(message))
        if grown:  # make room for the new lines instead of clipping them
            self.layout().activate()
            self.resize(self.width(), max(self.height(), self.sizeHint().height()))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not errors)

    def save(self) -> None:
        before = people.snapshot_people(self.db, [self.person_id]) if self.person_id else []
        try:
            person_id = people.save_person(self.db, self.raw(), self.person_id)
        except ValidationError as exc:
            self._show_errors(dict(exc.problems))
            return
        except KemitraanError as exc:
            show_error(self, exc)
            return
        self.saved.emit(person_id, before)
        self.accept()
