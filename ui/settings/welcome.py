"""First run: start a new office database, open an existing file, or explore the demo."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import office

from .page import OfficeProfileForm


class WelcomeDialog(QDialog):
    """`choice` is "new" (with `profile`), "open" or "demo" once accepted."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Selamat datang di Kemitraan Desktop"))
        self.choice: str | None = None
        self.profile: office.OfficeProfile | None = None
        self.stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.stack.addWidget(self._choices())
        self.stack.addWidget(self._profile_step())
        self.resize(640, 560)

    def _choices(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("<h2>Selamat datang</h2>Belum ada basis data di komputer "
                                        "ini. Apa yang ingin Anda lakukan?"), page))
        self.new_button = QCommandLinkButton(self.tr("Mulai basis data kantor baru"),
                                             self.tr("Isi identitas kantor untuk kop surat, lalu "
                                                     "impor daftar guru."), page)
        self.open_button = QCommandLinkButton(self.tr("Buka basis data yang sudah ada"),
                                              self.tr("Misalnya salinan dari komputer lain atau "
                                                      "dari flash disk."), page)
        self.demo_button = QCommandLinkButton(self.tr("Coba dengan data demo"),
                                              self.tr("Putaran OJL Kota Pekalongan 2018 (nama "
                                                      "rekaan), di berkas terpisah."), page)
        self.new_button.clicked.connect(lambda: self.stack.setCurrentIndex(1))
        self.open_button.clicked.connect(lambda: self._choose("open"))
        self.demo_button.clicked.connect(lambda: self._choose("demo"))
        for button in (self.new_button, self.open_button, self.demo_button):
            layout.addWidget(button)
        layout.addStretch(1)
        return page

    def _profile_step(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("<h3>Identitas kantor</h3>Dipakai untuk kop surat dan "
                                        "tanda tangan; dapat diubah kapan saja di Pengaturan."), page))
        self.form = OfficeProfileForm(office.OfficeProfile(paper="f4"), page)
        scroll = QScrollArea(page)
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(page)
        self.create_button = buttons.addButton(self.tr("Buat basis data"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        back = buttons.addButton(self.tr("Kembali"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._create)
        back.clicked.connect(lambda: self.stack.setCurrentIndex(0))
        layout.addWidget(buttons)
        return page

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def _create(self) -> None:
        profile = self.form.profile()
        errors = office.validate_profile(profile)
        self.form.show_errors(errors)
        if not errors:
            self.profile = profile
            self._choose("new")
