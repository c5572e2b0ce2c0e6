"""Pengaturan: the office profile (letterhead, paper, signatories), its letterhead preview,
and the office's own subject synonyms for roster imports."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import office
from kemitraan_desktop import vocabulary as vocab
from kemitraan_desktop.errors import KemitraanError, ValidationError

from ..errors import show_error
from ..widgets.hint import hinted_check

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
        self.logo_view.setWordWrap(True)  # "(tanpa logo)" in the 72-pixel box
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


class _SubjectDelegate(QStyledItemDelegate):
    """The subject column's editor: a line edit that completes from the known subjects."""

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt's name
        edit = QLineEdit(parent)
        completer = QCompleter(list(vocab.SUBJECTS), edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        edit.setCompleter(completer)
        return edit


class SubjectSynonymsBox(QGroupBox):
    """Padanan mata pelajaran: how the office's files write a subject -> the one subject
    name the roster stores (so pairing finds every teacher of a subject)."""

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(self.tr("Padanan mata pelajaran"), parent)
        self.db = db
        layout = QVBoxLayout(self)
        note = QLabel(self.tr(
            "Saat mengimpor daftar guru, mata pelajaran yang tertulis berbeda disatukan ke satu "
            "nama. Padanan bawaan sudah berlaku (misalnya Ilmu Pengetahuan Alam dan IPA Terpadu "
            "menjadi IPA, Penjasorkes menjadi PJOK, PKn menjadi PPKn, TIK menjadi Informatika, "
            "BK menjadi Bimbingan dan Konseling). Tambahkan di sini tulisan lain yang dipakai "
            "berkas dari sekolah Anda."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Tertulis di berkas"),
                                              self.tr("Mata pelajaran")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setItemDelegateForColumn(1, _SubjectDelegate(self.table))
        self.table.setMinimumHeight(150)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        add = QPushButton(self.tr("Tambah baris"), self)
        add.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton(self.tr("Hapus baris"), self)
        self.remove_button.clicked.connect(self.remove_rows)
        self.save_button = QPushButton(self.tr("Simpan padanan"), self)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(add)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.load()

    def load(self) -> None:
        self.table.setRowCount(0)
        for written, subject in sorted(vocab.subject_synonyms(self.db).items(),
                                       key=lambda pair: pair[0].lower()):
            self.add_row(written, subject, edit=False)

    def add_row(self, written: str = "", subject: str = "", edit: bool = True) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(written))
        self.table.setItem(row, 1, QTableWidgetItem(subject))
        if edit:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(self.table.item(row, 0))
        return row

    def remove_rows(self) -> None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        if not rows and self.table.currentRow() >= 0:
            rows = {self.table.currentRow()}
        for row in sorted(rows, reverse=True):
            self.table.removeRow(row)

    def synonyms(self) -> dict[str, str]:
        """The table as typed. Raises ValueError (in Indonesian) for a line the dict would
        lose: a subject without its written form, or one written form twice."""
        found: dict[str, str] = {}
        seen: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            written, subject = (self.table.item(row, col).text().strip()
                                if self.table.item(row, col) else "" for col in (0, 1))
            if not written and not subject:
                continue
            if not written:
                raise ValueError(self.tr("Baris %s: isi tulisan di berkas untuk mata pelajaran "
                                         "'%s'.") % (row + 1, subject))
            key = vocab.letters(written)
            if key in seen:
                raise ValueError(self.tr("'%s' dan '%s' ditulis dua kali; hapus salah satunya.")
                                 % (seen[key], written) if seen[key] != written else
                                 self.tr("'%s' ditulis dua kali; hapus salah satunya.") % written)
            seen[key] = written
            found[written] = subject
        return found

    def save(self) -> bool:
        try:
            vocab.save_subject_synonyms(self.db, self.synonyms())
        except ValueError as exc:
            self.status.setStyleSheet("color: #B00020;")
            self.status.setText(self.tr("Belum disimpan: %s") % exc)
            return False
        except KemitraanError as exc:
            show_error(self, exc)
            return False
        self.load()
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Padanan mata pelajaran tersimpan; berlaku untuk impor "
                                    "berikutnya."))
        return True


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
        self.tabs = QTabWidget(self)
        identity = QWidget(self.tabs)
        outer, layout = layout, QVBoxLayout(identity)
        layout.setContentsMargins(0, 0, 0, 0)
        content = QWidget(identity)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        self.form = OfficeProfileForm(office.load_profile(db), content)
        self.synonyms = SubjectSynonymsBox(db, content)
        column.addWidget(self.form)
        margins = self.form.layout().contentsMargins()  # lined up with the profile's boxes
        below = QVBoxLayout()
        below.setContentsMargins(margins.left(), 0, margins.right(), margins.bottom())
        below.addWidget(self.synonyms)
        column.addLayout(below)
        scroll = QScrollArea(identity)
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll, 1)
        self.include_nik = hinted_check(
            self.tr("Sertakan NIK saat mengekspor daftar guru"),
            self.tr("NIK adalah data pribadi; NIK tidak pernah dicetak di dokumen."), self, layout)
        self.include_nik.setChecked(office.include_nik(db))
        self.include_nik.toggled.connect(lambda on: office.set_include_nik(self.db, on))
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
        self.tabs.addTab(identity, self.tr("Identitas kantor"))
        from ..exchange.partners import PartnersPanel  # its key is read when first shown

        self.partners = PartnersPanel(db, self.tabs)
        self.tabs.addTab(self.partners, self.tr("Kantor mitra"))
        self.tabs.currentChanged.connect(
            lambda i: self.partners.refresh() if self.tabs.widget(i) is self.partners else None)
        outer.addWidget(self.tabs, 1)

    def focus_first_empty(self) -> None:
        """The cursor in the first field still empty (the first run's "Isi identitas")."""
        for edit in self.form.edits.values():
            if not edit.text().strip():
                edit.setFocus()
                return

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

        from ..widgets.pdf_preview import show_pdf, temp_pdf_path  # QtPdf loads when first needed

        path = temp_pdf_path("pratinjau-kop-surat.pdf")
        try:
            letterhead_preview(profile, path)
        except KemitraanError as exc:
            show_error(self, exc)
            return None
        self.preview_path = path
        self.preview = show_pdf(self, path, self.tr("Pratinjau kop surat"))
        return path
