"""The options of each document in the Surat dan Dokumen dialog: a letter's number, date and
wording, the Surat Tugas's people, the name tags' people and form, the report's content.
Each panel hands the dialog plain values (`options()`), gathered before a print starts."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import activity_report as report
from kemitraan_desktop import letters
from kemitraan_desktop.documents.frame import SignOff

from ..widgets.date_field import DateField
from ..widgets.hint import hinted_check
from .notes import note
from .payments_editor import PaymentsEditor


def who_combo(parent: QWidget, choices: dict[str, str]) -> QComboBox:
    combo = QComboBox(parent)
    for key, label in choices.items():
        combo.addItem(parent.tr(label), key)
    combo.setMaximumWidth(combo.sizeHint().width())
    return combo


class DocumentOptions(QWidget):
    """What every panel answers; a panel with nothing to choose says so."""

    suffixes: tuple[str, ...] = ()  # besides the PDF: ".docx", ".xlsx"
    signed = True  # the preview offers the place and date of signing

    def options(self) -> dict:
        return {}

    def sign_off(self, chosen: SignOff | None) -> SignOff | None:
        """What the document is signed with: `chosen` in the preview, else its default."""
        return chosen

    def ready(self) -> bool:
        return True

    def refresh(self) -> None:
        """After a print: what it changed (a letter's number now held)."""


class LetterOptions(DocumentOptions):
    """Nomor surat (proposed or held, editable), tanggal surat, the Surat Tugas's people,
    and the wording (Ubah teks surat...)."""

    suffixes = (".docx",)
    edit_text = Signal(str)

    def __init__(self, db, activity_id: int, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.activity_id, self.kind = db, activity_id, kind
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.number = QLineEdit(self)
        self.number.setObjectName("number")
        self.number.setMinimumWidth(self.number.fontMetrics().horizontalAdvance(
            "188.4/0000/DINDIK/XII/2018") + 24)
        self.number.setMaximumWidth(self.number.minimumWidth() * 2)
        number_box = QWidget(self)
        number_column = QVBoxLayout(number_box)
        number_column.setContentsMargins(0, 0, 0, 0)
        number_column.addWidget(self.number)
        self.number_note = note("", number_box)
        number_column.addWidget(self.number_note)
        form.addRow(self.tr("Nomor surat"), number_box)
        self.day = DateField(self, letters.letter_date(db, activity_id, kind))
        self.day.setObjectName("letter_date")
        self.day.edit.textChanged.connect(lambda _t: self._day_changed())
        form.addRow(self.tr("Tanggal surat"), self.day)
        self.per_person = self.who = None
        if kind == "tugas":
            self.who = who_combo(self, letters.WHO)
            self.who.setObjectName("who")
            form.addRow(self.tr("Yang ditugaskan"), self.who)
            self.per_person = hinted_check(
                self.tr("Satu surat untuk setiap orang"),
                self.tr("Tanpa centang: satu surat dengan daftar nama di lampiran."), self, form)
            self.per_person.setObjectName("per_person")
        text_row = QHBoxLayout()
        self.text_state = QLabel(self)
        text_row.addWidget(self.text_state, 1)
        self.text_button = QPushButton(self.tr("Ubah teks surat..."), self)
        self.text_button.clicked.connect(lambda: self.edit_text.emit(kind))
        text_row.addWidget(self.text_button)
        form.addRow(self.tr("Teks surat"), text_row)
        self.refresh()

    def refresh(self) -> None:
        held = letters.held_number(self.db, self.activity_id, self.kind)
        self.held = held
        if held:  # the date stays the one shown: the operator's, or the held letter's
            self.proposed = held
            self.number.setText(held)
            self.number_note.setText(self.tr(
                "Nomor ini sudah tercatat untuk surat ini; cetak ulang memakai nomor yang sama."))
        else:
            self._propose()
        edited = letters.template_edited(self.db, self.kind)
        self.text_state.setText(self.tr("diubah kantor") if edited else self.tr("teks bawaan"))

    def _propose(self) -> None:
        day = self.day.date() or letters.letter_date(self.db, self.activity_id, self.kind)
        self.proposed = letters.proposed_number(self.db, self.activity_id, self.kind, day)
        self.number.setText(self.proposed)
        self.number_note.setText(self.tr(
            "Nomor urut berikutnya di buku agenda %s. Pratinjau belum mencatatnya (bertanda "
            "DRAF); nomor tercatat dengan \"Catat nomor & cetak\" atau saat disimpan sebagai "
            "Word. Boleh diganti.") % day.year)

    def _day_changed(self) -> None:
        if not self.held and self.day.date() and self.number.text() == self.proposed:
            self._propose()  # the month and year are in the number

    def options(self) -> dict:
        typed = " ".join(self.number.text().split())
        values = {"number": typed if typed and typed != self.proposed else None}
        if self.kind == "tugas":
            values.update(who=self.who.currentData(), per_person=self.per_person.isChecked())
        return values

    def sign_off(self, chosen: SignOff | None) -> SignOff:
        if chosen is not None and chosen.day is not None:
            self.day.set_date(chosen.day)
        place = chosen.place if chosen is not None else None
        return SignOff(place=place, day=self.day.date()
                       or letters.letter_date(self.db, self.activity_id, self.kind))

    def ready(self) -> bool:
        if self.day.problem:
            self.number_note.setText(self.day.problem)
            return False
        return True


class NametagOptions(DocumentOptions):
    """Whose tags, and tags to pin on or tents to stand on the table."""

    signed = False

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.who = who_combo(self, letters.WHO)
        self.who.setObjectName("who")
        form.addRow(self.tr("Untuk"), self.who)
        self.tents = hinted_check(
            self.tr("Papan nama meja (dilipat dua)"),
            self.tr("Tanpa centang: tanda nama, delapan per halaman, digunting di garis "
                    "putus-putus. Dengan centang: satu papan per halaman, dilipat di tengah "
                    "dan berdiri di meja."), self, form)
        self.tents.setObjectName("tents")

    def options(self) -> dict:
        return {"who": self.who.currentData(), "tents": self.tents.isChecked()}


class ReportOptions(DocumentOptions):
    """What the report holds so far, and Isi laporan... to type it."""

    suffixes = (".docx",)
    edit_report = Signal()

    def __init__(self, db, activity_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.activity_id = db, activity_id
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        column.addWidget(self.summary)
        row = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("Isi laporan..."), self)
        self.edit_button.clicked.connect(self.edit_report)
        row.addWidget(self.edit_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        typed = report.typed_sections(self.db, self.activity_id)
        waiting = [label for key, label in report.SECTIONS.items() if key not in typed]
        photos = len(report.list_photos(self.db, self.activity_id))
        text = self.tr("Bab I-V, jadwal, peserta, kehadiran dan sertifikat disusun dari data "
                       "kegiatan. Foto: %s.") % (photos or self.tr("belum ada"))
        if waiting:
            text += "<br><span style='color:#8a4b00'>" + self.tr(
                "Masih teks bawaan, sesuaikan: %s.") % ", ".join(waiting) + "</span>"
        self.summary.setText(text)


class PaymentsOptions(DocumentOptions):
    """The amounts per role and the treasurer (payments_editor.py)."""

    suffixes = (".xlsx",)

    def __init__(self, db, activity_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.editor = PaymentsEditor(db, activity_id, self)
        column.addWidget(self.editor)

    def ready(self) -> bool:
        return self.editor.ready()
