"""Pengaturan: the office profile (letterhead, paper, signatories) and its letterhead preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import office
from kemitraan_desktop.errors import KemitraanError, ValidationError

from ..errors import show_error

_OFFICE_FIELDS = (
    ("government", "Pemerintah daerah *", "PEMERINTAH KOTA PEKALONGAN"),
    ("name", "Nama dinas *", "DINAS PENDIDIKAN"),
    ("address", "Alamat", "Jl. Sriwijaya No. 44, Pekalongan 51111"),
    ("phone", "Telepon", "(0285) 421234"),
    ("email", "Email", "dindik@pekalongankota.go.id"),
    ("website", "Laman", "dindik.pekalongankota.go.id"),
    ("city", "Kota untuk tanggal surat", "Pekalongan"),
)
_SIGNATORY_FIELDS = (("position", "Jabatan"), ("name", "Nama dan gelar"),
                     ("rank", "Pangkat/golongan"), ("nip", "NIP"))


class OfficeProfileForm(QWidget):
    """The profile's fields; used by the settings page and the first-run dialog."""

    changed = Signal()

    def __init__(self, profile: office.OfficeProfile, parent: QWidget | None = None):
        super().__init__(parent)
        self.logo = profile.logo
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        identity = QGroupBox(self.tr("Identitas kantor (kop surat)"), self)
        form = QFormLayout(identity)
        for key, label, example in _OFFICE_FIELDS:
            form.addRow(self.tr(label), self._field(key, getattr(profile, key), example))
        self.paper = QComboBox(self)
        self.paper.addItem(self.tr("A4 (210 x 297 mm)"), "a4")
        self.paper.addItem(self.tr("F4 / Folio (215 x 330 mm)"), "f4")
        self.paper.setCurrentIndex(max(0, self.paper.findData(profile.paper)))
        form.addRow(self.tr("Kertas bawaan"), self.paper)
        logo_row = QHBoxLayout()
        self.logo_view = QLabel(self)
        self.logo_view.setFixedSize(72, 72)
        self.logo_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_view.setStyleSheet("border: 1px solid #bbb;")
        choose = QPushButton(self.tr("Pilih logo..."), self)
        choose.clicked.connect(self.choose_logo)
        remove = QPushButton(self.tr("Hapus logo"), self)
        remove.clicked.connect(lambda: self.set_logo(b""))
        logo_row.addWidget(self.logo_view)
        logo_row.addWidget(choose)
        logo_row.addWidget(remove)
        logo_row.addStretch(1)
        self.errors["logo"] = self._error_label()
        logo_cell = QVBoxLayout()
        logo_cell.addLayout(logo_row)
        logo_cell.addWidget(self.errors["logo"])
        form.addRow(self.tr("Logo daerah"), logo_cell)
        layout.addWidget(identity)
        for who, title in (("head", "Penandatangan utama (kepala dinas)"),
                           ("second", "Penandatangan kedua (misalnya ketua panitia)")):
            box = QGroupBox(self.tr(title), self)
            box_form = QFormLayout(box)
            signatory = getattr(profile, who)
            for key, label in _SIGNATORY_FIELDS:
                value = signatory.nip_printed if key == "nip" else getattr(signatory, key)
                box_form.addRow(self.tr(label), self._field(f"{who}_{key}", value, ""))
            layout.addWidget(box)
        self.set_logo(profile.logo)

    def _error_label(self) -> QLabel:
        label = QLabel(self)
        label.setStyleSheet("color: #B00020;")
        label.setWordWrap(True)
        label.hide()
        return label

    def _field(self, key: str, value: str, example: str) -> QWidget:
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        edit = QLineEdit(value, cell)
        edit.setPlaceholderText(example)
        edit.textChanged.connect(self.changed)
        self.edits[key] = edit
        self.errors[key] = self._error_label()
        column.addWidget(edit)
        column.addWidget(self.errors[key])
        return cell

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Pilih logo"), "",
                                              self.tr("Gambar (*.png *.jpg *.jpeg)"))
        if path:
            self.set_logo(Path(path).read_bytes())

    def set_logo(self, data: bytes) -> None:
        self.logo = data
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.logo_view.setPixmap(pixmap.scaled(68, 68, Qt.AspectRatioMode.KeepAspectRatio,
                                                   Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo_view.setText(self.tr("(tanpa logo)") if not data else self.tr("(rusak)"))
        self.changed.emit()

    def profile(self) -> office.OfficeProfile:
        text = {key: edit.text() for key, edit in self.edits.items()}
        return office.OfficeProfile(
            **{key: text[key] for key, _label, _example in _OFFICE_FIELDS},
            paper=self.paper.currentData(), logo=self.logo,
            head=office.Signatory(**{k: text[f"head_{k}"] for k, _ in _SIGNATORY_FIELDS}),
            second=office.Signatory(**{k: text[f"second_{k}"] for k, _ in _SIGNATORY_FIELDS}))

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.setText(errors.get(key, ""))
            label.setVisible(key in errors)


class SettingsPage(QWidget):
    saved = Signal()

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.preview_path: Path | None = None
        self.preview = None  # the letterhead's preview window, once opened
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Pengaturan kantor</h2>Data ini tersimpan di basis "
                                        "data dan dipakai untuk kop surat dan tanda tangan "
                                        "semua dokumen."), self))
        self.form = OfficeProfileForm(office.load_profile(db), self)
        scroll = QScrollArea(self)
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll, 1)
        self.include_nik = QCheckBox(self.tr(
            "Sertakan NIK saat mengekspor daftar guru (data pribadi; NIK tidak pernah dicetak di "
            "dokumen)"), self)
        self.include_nik.setChecked(office.include_nik(db))
        self.include_nik.toggled.connect(lambda on: office.set_include_nik(self.db, on))
        layout.addWidget(self.include_nik)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.preview_button = QPushButton(self.tr("Pratinjau kop surat"), self)
        self.preview_button.clicked.connect(self.show_preview)
        self.save_button = QPushButton(self.tr("Simpan"), self)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.status = QLabel(self)
        layout.addWidget(self.status)

    def save(self) -> bool:
        profile = self.form.profile()
        try:
            office.save_profile(self.db, profile)
        except ValidationError as exc:
            self.form.show_errors(dict(exc.problems))
            self.status.setText(self.tr("Belum disimpan: periksa isian yang ditandai merah."))
            return False
        except KemitraanError as exc:
            show_error(self, exc)
            return False
        self.form.show_errors({})
        self.status.setText(self.tr("Pengaturan kantor tersimpan."))
        self.saved.emit()
        return True

    def show_preview(self) -> Path | None:
        """Render the letterhead (with the fields as typed, saved or not) to a PDF page and
        show it in the preview window, where it can be printed to check the paper."""
        profile = self.form.profile()
        errors = office.validate_profile(profile)
        self.form.show_errors(errors)
        if errors:
            return None
        from kemitraan_desktop.documents.frame import letterhead_preview  # reportlab: on demand

        from ..pdf_preview import show_pdf, temp_pdf_path  # QtPdf loads when first needed

        path = temp_pdf_path("pratinjau-kop-surat.pdf")
        try:
            letterhead_preview(profile, path)
        except KemitraanError as exc:
            show_error(self, exc)
            return None
        self.preview_path = path
        self.preview = show_pdf(self, path, self.tr("Pratinjau kop surat"))
        return path
