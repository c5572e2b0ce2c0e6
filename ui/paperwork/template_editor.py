"""Ubah teks surat: a letter kind's sections, each in its own box under its label, the named
fields beside them (a double-click puts {field} where the cursor is) and the kind's number
pattern. Nothing is stored until Simpan, and nothing at all when one text is refused."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import letters
from kemitraan_desktop.certificates.numbering import parse_pattern
from kemitraan_desktop.errors import KemitraanError

from .notes import note

FIELD_ROLE = Qt.ItemDataRole.UserRole


class TemplateEditor(QDialog):
    """The texts of one kind of letter (undangan, tugas, sk) as the office words them."""

    def __init__(self, db, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.kind = db, kind
        self.setWindowTitle(self.tr("Ubah teks %s") % letters.KINDS[kind])
        self.resize(1040, 640)
        layout = QVBoxLayout(self)
        layout.addWidget(note(self.tr(
            "Teks ini dipakai setiap kali %s dicetak. Isian dalam kurung kurawal, misalnya "
            "{kegiatan}, diganti dengan data kegiatan; klik dua kali sebuah isian di kanan untuk "
            "menyisipkannya di tempat kursor.") % letters.KINDS[kind], self))
        pattern_row = QFormLayout()
        self.pattern = QLineEdit(letters.get_pattern(db, kind).text, self)
        self.pattern.setObjectName("pattern")
        self.pattern.setToolTip(self.tr("{no:03} nomor urut tiga angka, {bulan_romawi} bulan "
                                        "dalam angka Romawi, {bulan} bulan, {tahun} tahun"))
        pattern_row.addRow(self.tr("Pola nomor surat"), self.pattern)
        layout.addLayout(pattern_row)
        layout.addWidget(note(self.tr(
            "Pola nomor: {no:03} nomor urut tiga angka, {bulan_romawi} bulan dalam angka "
            "Romawi, {bulan} bulan, {tahun} tahun. Nomor urut berjalan dalam satu buku agenda "
            "setahun untuk semua surat."), self))
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._sections())
        splitter.addWidget(self._fields())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(self)
        self.reset_button = buttons.addButton(self.tr("Kembalikan ke teks bawaan"),
                                              QDialogButtonBox.ButtonRole.ResetRole)
        self.reset_button.setToolTip(self.tr("Isi kotak-kotak dengan teks bawaan aplikasi; "
                                             "tersimpan setelah Simpan"))
        self.reset_button.clicked.connect(self.fill_defaults)
        self.save_button = buttons.addButton(self.tr("Simpan"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.fill(letters.load_template(db, kind))

    def _sections(self) -> QScrollArea:
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        box = QWidget(area)
        column = QVBoxLayout(box)
        self.editors: dict[str, QPlainTextEdit] = {}
        for name, label in letters.SECTIONS[self.kind].items():
            title = QLabel(f"<b>{label}</b>", box)
            title.setWordWrap(True)
            column.addWidget(title)
            edit = QPlainTextEdit(box)
            edit.setObjectName(name)
            edit.setTabChangesFocus(True)
            lines = 2 if name in ("sifat", "hal", "tentang") or name.startswith("judul") else 4
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
            column.addWidget(edit)
            self.editors[name] = edit
        column.addStretch(1)
        area.setWidget(box)
        self.last_editor = next(iter(self.editors.values()))
        for edit in self.editors.values():
            edit.cursorPositionChanged.connect(lambda e=edit: setattr(self, "last_editor", e))
        return area

    def _fields(self) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("<b>Isian yang dapat dipakai</b>"), box))
        self.fields = QListWidget(box)
        self.fields.setObjectName("fields")
        self.fields.setWordWrap(True)
        self.fields.setSpacing(3)
        for name, description in letters.FIELDS.items():
            item = QListWidgetItem(f"{{{name}}}  {description}", self.fields)
            item.setData(FIELD_ROLE, name)
            item.setToolTip(self.tr("Klik dua kali untuk menyisipkan {%s}") % name)
        self.fields.itemDoubleClicked.connect(lambda item: self.insert_field(item.data(FIELD_ROLE)))
        column.addWidget(self.fields, 1)
        return box

    def fill(self, texts: dict[str, str]) -> None:
        for name, edit in self.editors.items():
            edit.setPlainText(texts.get(name, ""))

    def fill_defaults(self) -> None:
        """The app's own wording and pattern in the boxes; stored only by Simpan."""
        self.fill(letters.DEFAULTS[self.kind])
        self.pattern.setText(letters.DEFAULT_PATTERNS[self.kind])
        self.problem.hide()

    def insert_field(self, name: str) -> None:
        editor = self.last_editor
        editor.insertPlainText("{" + name + "}")
        editor.setFocus()

    def texts(self) -> dict[str, str]:
        return {name: edit.toPlainText() for name, edit in self.editors.items()}

    def save(self) -> bool:
        """Every text and the pattern checked first; then stored. A refusal is shown under
        the boxes and nothing is stored."""
        texts = self.texts()
        try:
            for name, text in texts.items():
                letters.check_text(self.kind, name, text)
            pattern = parse_pattern(self.pattern.text())
            cleaned = {n: t.replace("\r\n", "\n").strip() for n, t in texts.items()}
            if cleaned == letters.DEFAULTS[self.kind]:
                letters.reset_template(self.db, self.kind)
            else:
                letters.save_template(self.db, self.kind, texts)
            letters.set_pattern(self.db, self.kind, pattern.text)
        except KemitraanError as exc:
            self.problem.setText(exc.message)
            self.problem.show()
            return False
        self.problem.hide()
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()
