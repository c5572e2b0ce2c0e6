"""Isi laporan kegiatan: the sections the office types (a tab each, the app's text marked
until the office makes it its own) and the activity's photos with their captions, in the
order the report prints them."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import activity_report as report
from kemitraan_desktop import store
from kemitraan_desktop.errors import KemitraanError

from ..errors import show_error
from ..ops import Job
from .notes import note

THUMB = 150
PHOTO_ID = Qt.ItemDataRole.UserRole


def _add_photos(db, activity_id, paths, progress=None, cancelled=None) -> list[int]:
    """Each file scaled and stored in turn; the first that is refused stops (the ones
    before it are kept) and says which file."""
    ids = []
    for done, path in enumerate(paths):
        if cancelled and cancelled():
            break
        if progress:
            progress(done, len(paths), "")
        ids.append(report.add_photo(db, activity_id, path))
    return ids


class ReportEditor(QDialog):
    """The laporan kegiatan's own content for one activity. Texts are stored by Simpan;
    photos as they are added, captioned, moved or removed."""

    def __init__(self, db, activity_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.activity_id = db, activity_id
        self.setWindowTitle(self.tr("Isi laporan kegiatan"))
        self.resize(980, 640)
        layout = QVBoxLayout(self)
        layout.addWidget(note(self.tr(
            "Bagian bertanda * masih berisi teks bawaan yang disusun aplikasi dari data "
            "kegiatan; baca dan sesuaikan sebelum laporan ditandatangani. Jadwal, peserta, "
            "kehadiran dan sertifikat diisi otomatis."), self))
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)
        self.editors: dict[str, QPlainTextEdit] = {}
        self.marks: dict[str, QLabel] = {}
        typed = report.typed_sections(db, activity_id)
        for key, text in report.load_texts(db, activity_id).items():
            self.tabs.addTab(self._section(key, text, key in typed), "")
        self.tabs.addTab(self._photos_tab(), self.tr("Foto kegiatan"))
        self._show_marks()
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("Simpan"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.load_photos()

    # ---- the texts

    def _section(self, key: str, text: str, typed: bool) -> QWidget:
        page = QWidget(self.tabs)
        column = QVBoxLayout(page)
        row = QHBoxLayout()
        mark = QLabel(self.tr("Teks bawaan, sesuaikan"), page)
        mark.setStyleSheet("background: #fff3c4; color: #5c4400; padding: 2px 6px;")
        mark.setVisible(not typed)
        row.addWidget(mark)
        row.addStretch(1)
        reset = QPushButton(self.tr("Kembalikan teks bawaan"), page)
        reset.clicked.connect(lambda _c=False, k=key: self.reset(k))
        row.addWidget(reset)
        column.addLayout(row)
        if key in report.OPTIONAL:
            column.addWidget(note(self.tr("Boleh dikosongkan: laporan dicetak tanpa "
                                                "bagian ini."), page))
        edit = QPlainTextEdit(text, page)
        edit.setObjectName(key)
        edit.textChanged.connect(lambda k=key: self._edited(k))
        column.addWidget(edit, 1)
        self.editors[key], self.marks[key] = edit, mark
        page.setProperty("typed", typed)
        return page

    def _edited(self, key: str) -> None:
        self.marks[key].hide()
        self.marks[key].setProperty("edited", True)
        self._show_marks()

    def _show_marks(self) -> None:
        for index, (key, label) in enumerate(report.SECTIONS.items()):
            default = self.marks[key].isVisibleTo(self.marks[key].parentWidget())
            self.tabs.setTabText(index, label + (" *" if default else ""))
            self.tabs.setTabToolTip(index, self.tr("teks bawaan, sesuaikan") if default else "")

    def reset(self, key: str) -> None:
        """Back to the app's text (stored at once: the office asked to forget its own)."""
        try:
            text = report.reset_text(self.db, self.activity_id, key)
        except KemitraanError as exc:
            show_error(self, exc)
            return
        edit = self.editors[key]
        edit.blockSignals(True)
        edit.setPlainText(text)
        edit.blockSignals(False)
        self.marks[key].show()
        self._show_marks()

    def default_sections(self) -> list[str]:
        """The sections still marked as the app's text."""
        return [k for k, mark in self.marks.items() if mark.isVisibleTo(mark.parentWidget())]

    def save(self) -> bool:
        texts = {key: edit.toPlainText() for key, edit in self.editors.items()
                 if key not in self.default_sections()}
        try:
            report.save_texts(self.db, self.activity_id, texts)
        except KemitraanError as exc:
            self.problem.setText(exc.message)
            self.problem.show()
            return False
        self.problem.hide()
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()

    # ---- the photos

    def _photos_tab(self) -> QWidget:
        page = QWidget(self.tabs)
        column = QVBoxLayout(page)
        column.addWidget(note(self.tr(
            "Foto JPEG atau PNG, dicetak empat per halaman di lampiran laporan dengan "
            "keterangannya, dalam urutan ini."), page))
        self.photos = QListWidget(page)
        self.photos.setObjectName("photos")
        self.photos.setViewMode(QListView.ViewMode.IconMode)
        self.photos.setIconSize(QSize(THUMB, THUMB))
        self.photos.setGridSize(QSize(THUMB + 40, THUMB + 48))
        self.photos.setResizeMode(QListView.ResizeMode.Adjust)
        self.photos.setMovement(QListView.Movement.Static)
        self.photos.setWordWrap(True)
        self.photos.currentItemChanged.connect(lambda *_a: self._chosen())
        column.addWidget(self.photos, 1)
        caption_row = QHBoxLayout()
        caption_row.addWidget(QLabel(self.tr("Keterangan foto:"), page))
        self.caption = QLineEdit(page)
        self.caption.setObjectName("caption")
        self.caption.setPlaceholderText(self.tr("misalnya Pembukaan oleh Kepala Dinas"))
        self.caption.setMaxLength(report.MAX_CAPTION)
        self.caption.editingFinished.connect(self.save_caption)
        caption_row.addWidget(self.caption, 1)
        column.addLayout(caption_row)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Tambah foto..."), page)
        self.add_button.clicked.connect(lambda: self.add_photos())
        self.up_button = QPushButton(self.tr("Naik"), page)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button = QPushButton(self.tr("Turun"), page)
        self.down_button.clicked.connect(lambda: self.move(1))
        self.remove_button = QPushButton(self.tr("Hapus foto"), page)
        self.remove_button.clicked.connect(self.remove)
        for button in (self.add_button, self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        return page

    def load_photos(self, select: int | None = None) -> None:
        self.photos.blockSignals(True)
        self.photos.clear()
        for number, photo in enumerate(report.list_photos(self.db, self.activity_id), 1):
            pixmap = QPixmap()
            pixmap.loadFromData(photo.jpeg, "JPEG")
            text = f"{number}. {photo.caption}" if photo.caption else f"{number}."
            item = QListWidgetItem(QIcon(pixmap.scaled(
                THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation)), text, self.photos)
            item.setData(PHOTO_ID, photo.id)
            item.setToolTip(photo.caption)
            if photo.id == select:
                self.photos.setCurrentItem(item)
        self.photos.blockSignals(False)
        self._chosen()

    def current_photo(self) -> int | None:
        item = self.photos.currentItem()
        return item.data(PHOTO_ID) if item is not None else None

    def _chosen(self) -> None:
        photo = self.current_photo()
        for widget in (self.caption, self.up_button, self.down_button, self.remove_button):
            widget.setEnabled(photo is not None)
        self.caption.blockSignals(True)
        self.caption.setText(self.photos.currentItem().toolTip() if photo is not None else "")
        self.caption.blockSignals(False)

    def add_photos(self, paths: list[str] | None = None) -> Job | None:
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Tambah foto kegiatan"), "",
                                                    self.tr("Foto (*.jpg *.jpeg *.png)"))
            if not paths:
                return None
        job = Job(self, store.db_file(self.db), _add_photos, self.activity_id, list(paths),
                  label=self.tr("Menambahkan foto..."))
        job.failed.connect(lambda exc: (self.load_photos(), show_error(self, exc)))
        job.succeeded.connect(lambda ids: self.load_photos(select=ids[-1] if ids else None))
        self.photo_job = job.start()
        return self.photo_job

    def save_caption(self) -> None:
        photo = self.current_photo()
        if photo is None or self.caption.text() == self.photos.currentItem().toolTip():
            return
        try:
            report.set_caption(self.db, photo, self.caption.text())
        except KemitraanError as exc:
            show_error(self, exc)
            return
        self.load_photos(select=photo)

    def move(self, offset: int) -> None:
        photo = self.current_photo()
        if photo is None:
            return
        report.move_photo(self.db, photo, offset)
        self.load_photos(select=photo)

    def remove(self) -> None:
        photo = self.current_photo()
        if photo is None:
            return
        report.remove_photo(self.db, photo)
        self.load_photos()
