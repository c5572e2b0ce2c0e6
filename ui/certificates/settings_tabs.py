"""The Sertifikat page's other tabs: numbering and template settings with a live preview,
the printer calibration, and verification with the office keys."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import certificates as cert
from kemitraan_desktop import indonesia as ind
from kemitraan_desktop import programs, store
from kemitraan_desktop.errors import KemitraanError, StorageError, os_reason

from ..errors import show_error
from ..widgets.hint import hint_label, hinted_check
from ..widgets.save_dialog import ask_save_path
from ..widgets.status import show_status

GOOD, BAD = "#1e7b34", "#b3261e"


def printer_names(db) -> list[str]:
    """The printers this PC knows, then those calibrated earlier (a shared printer may be
    off today)."""
    from PySide6.QtPrintSupport import QPrinterInfo

    names = list(QPrinterInfo.availablePrinterNames())
    return names + [n for n in cert.printer_offsets(db) if n not in names]


def render_first_page(path: Path, size: QSize) -> QImage:
    """The PDF's first page as an image (QtPdf, loaded only here)."""
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(path))
    page = document.pagePointSize(0)
    scale = min(size.width() / page.width(), size.height() / page.height())
    image = document.render(0, QSize(int(page.width() * scale), int(page.height() * scale)))
    document.close()
    page_image = QImage(image.size(), QImage.Format.Format_RGB32)  # a white sheet under it
    page_image.fill(Qt.GlobalColor.white)
    painter = QPainter(page_image)
    painter.drawImage(0, 0, image)
    painter.end()
    return page_image


class SettingsTab(QWidget):
    """The numbering pattern per program, the counter's scope, and the template, with a
    preview of a certificate as it will print, redrawn as the settings change."""

    def __init__(self, page):
        super().__init__(page)
        self.db = page.db
        self.background = b""
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        numbering = QGroupBox(self.tr("Penomoran"), self)
        form = QFormLayout(numbering)
        self.program = QComboBox(numbering)
        self.program.currentIndexChanged.connect(lambda _i: self.load_pattern())
        form.addRow(self.tr("Program:"), self.program)
        self.pattern = QLineEdit(numbering)
        self.pattern.textChanged.connect(lambda _t: self.check_pattern())
        form.addRow(self.tr("Pola nomor:"), self.pattern)
        tokens = "<br>".join(f"<code>{{{name}}}</code>: {text}" for name, text in cert.TOKENS.items())
        help_label = QLabel(self.tr("Penanda yang dapat dipakai:") + "<br>" + tokens, numbering)
        help_label.setWordWrap(True)
        form.addRow("", help_label)
        self.next_number = QLabel(numbering)
        self.next_number.setWordWrap(True)
        form.addRow(self.tr("Nomor berikutnya:"), self.next_number)
        self.office_wide = hinted_check(
            self.tr("Satu nomor urut per tahun untuk seluruh dinas"),
            self.tr("Bukan per program: semua program dinas ini berbagi satu urutan nomor."),
            numbering, form)
        self.office_wide.toggled.connect(lambda _c: self.check_pattern())
        self.save_pattern_button = QPushButton(self.tr("Simpan penomoran"), numbering)
        self.save_pattern_button.clicked.connect(lambda: self.save_pattern())
        form.addRow("", self.save_pattern_button)
        left.addWidget(numbering)
        template = QGroupBox(self.tr("Templat sertifikat"), self)
        tform = QFormLayout(template)
        background_row = QHBoxLayout()
        self.background_label = QLabel(template)
        choose = QPushButton(self.tr("Pilih gambar..."), template)
        choose.clicked.connect(lambda: self.choose_background())
        self.remove_button = QPushButton(self.tr("Hapus"), template)
        self.remove_button.clicked.connect(lambda: self.set_background(b""))
        background_row.addWidget(self.background_label, 1)
        background_row.addWidget(choose)
        background_row.addWidget(self.remove_button)
        tform.addRow(self.tr("Gambar latar:"), background_row)
        self.letterhead = hinted_check(
            self.tr("Cetak kop dinas"),
            self.tr("Matikan bila gambar latar sudah memuat kop dinas."), template, tform)
        self.signatories = QCheckBox(self.tr("Cetak nama dan jabatan penanda tangan"), template)
        tform.addRow("", self.signatories)
        self.blanko = hinted_check(
            self.tr("Pratinjau mode blanko"),
            self.tr("Hanya isian, untuk kertas sertifikat yang sudah tercetak; dicetak lewat "
                    "Register > Cetak > Ke kertas blanko."), template, tform)
        for box in (self.letterhead, self.signatories, self.blanko):
            box.toggled.connect(lambda _c: self.schedule_preview())
        self.save_template_button = QPushButton(self.tr("Simpan templat"), template)
        self.save_template_button.clicked.connect(lambda: self.save_template())
        self.unsaved = QLabel(self.tr("<span style='color:#b3261e'>Perubahan templat belum "
                                      "disimpan</span>"), template)
        self.unsaved.hide()
        tform.addRow(self.unsaved, self.save_template_button)
        for box in (self.letterhead, self.signatories):
            box.toggled.connect(lambda _c: self.mark_dirty())
        self.dirty = False
        left.addWidget(template)
        left.addStretch(1)
        layout.addLayout(left, 2)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("<b>Pratinjau</b> (sertifikat terakhir, atau contoh)"), self))
        self.preview = QLabel(self)
        self.preview.setMinimumSize(420, 300)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #d8d8d8;")
        right.addWidget(self.preview, 1)
        layout.addLayout(right, 3)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(300)
        self.timer.timeout.connect(self.update_preview)
        self.loaded = False

    def refresh(self) -> None:
        current = self.program.currentData()
        self.program.blockSignals(True)
        self.program.clear()
        for entry in programs.list_programs(self.db):
            program = entry["program"]
            self.program.addItem(f"{program.name} ({program.year})", program.id)
        index = self.program.findData(current)
        self.program.setCurrentIndex(max(index, 0))
        self.program.blockSignals(False)
        self.office_wide.blockSignals(True)
        self.office_wide.setChecked(cert.office_wide(self.db))
        self.office_wide.blockSignals(False)
        if self.pattern.text() and self.loaded and self.pattern_dirty():
            pass  # keep what is being typed
        else:
            self.load_pattern()
        if self.dirty:
            return  # the template on screen has not been saved: keep it
        template = cert.load_template(self.db)
        for box, value in ((self.letterhead, template.letterhead),
                           (self.signatories, template.signatories), (self.blanko, template.blanko)):
            box.blockSignals(True)
            box.setChecked(value)
            box.blockSignals(False)
        self.set_background(template.background)
        self.mark_dirty(False)
        self.loaded = True

    def pattern_dirty(self) -> bool:
        program_id = self.program.currentData()
        return program_id is not None and self.pattern.text().strip() != cert.get_pattern(
            self.db, program_id).text

    def load_pattern(self) -> None:
        program_id = self.program.currentData()
        self.pattern.setEnabled(program_id is not None)
        if program_id is not None:
            self.pattern.setText(cert.get_pattern(self.db, program_id).text)
        self.check_pattern()

    def check_pattern(self) -> cert.NumberPattern | None:
        """Show the next number the pattern gives, or what is wrong with it."""
        program_id = self.program.currentData()
        if program_id is None:
            self.next_number.setText(self.tr("Belum ada program."))
            return None
        try:
            pattern = cert.parse_pattern(self.pattern.text())
        except KemitraanError as exc:
            self.next_number.setText(f"<span style='color:{BAD}'>{html.escape(str(exc))}</span>")
            self.save_pattern_button.setEnabled(False)
            return None
        number = cert.next_number(self.db, program_id, dt.date.today(), pattern,
                                  office=self.office_wide.isChecked())
        self.next_number.setText(f"<b>{html.escape(number)}</b>")
        self.save_pattern_button.setEnabled(True)
        return pattern

    def save_pattern(self) -> bool:
        program_id = self.program.currentData()
        if program_id is None:
            return False
        try:
            cert.set_pattern(self.db, program_id, self.pattern.text())
            cert.set_office_wide(self.db, self.office_wide.isChecked())
        except KemitraanError as exc:
            show_error(self, exc)
            return False
        show_status(self, self.tr("Penomoran sertifikat tersimpan."))
        return True

    def choose_background(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Gambar latar sertifikat"), "",
                                                  self.tr("Gambar (*.png *.jpg *.jpeg)"))
            if not path:
                return False
        try:
            data = Path(path).read_bytes()
            cert.check_background(data, Path(path).name)
        except OSError as exc:
            show_error(self, StorageError(self.tr("Berkas %s tidak dapat dibaca: %s")
                                          % (Path(path).name, os_reason(exc))))
            return False
        except KemitraanError as exc:
            show_error(self, exc)
            return False
        self.set_background(data)
        return True

    def set_background(self, data: bytes) -> None:
        if data != self.background:
            self.mark_dirty()
        self.background = data
        self.background_label.setText(self.tr("%s KB") % (len(data) // 1024) if data
                                      else self.tr("(tidak ada: bingkai bawaan)"))
        self.remove_button.setEnabled(bool(data))
        self.schedule_preview()

    def template(self) -> cert.Template:
        """The template as set on screen (blanko is a way of printing, not saved)."""
        return cert.Template(self.background, self.letterhead.isChecked(),
                             self.signatories.isChecked(), False)

    def save_template(self) -> bool:
        try:
            cert.save_template(self.db, self.template())
        except KemitraanError as exc:
            show_error(self, exc)
            return False
        self.mark_dirty(False)
        show_status(self, self.tr("Templat sertifikat tersimpan."))
        return True

    def mark_dirty(self, dirty: bool = True) -> None:
        """Changed on screen but not saved: said beside the button, and kept when the tab
        is left and opened again."""
        self.dirty = dirty
        self.unsaved.setVisible(dirty)

    def schedule_preview(self) -> None:
        if self.isVisible():
            self.timer.start()

    def hideEvent(self, event) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.schedule_preview()

    def update_preview(self) -> QImage | None:
        from kemitraan_desktop.documents.certificate import print_sample

        from ..widgets.pdf_preview import temp_pdf_path
        path = temp_pdf_path("contoh-sertifikat.pdf")
        try:
            print_sample(self.db, path, template=cert.Template(
                self.background, self.letterhead.isChecked(), self.signatories.isChecked(),
                self.blanko.isChecked()))
            image = render_first_page(path, self.preview.size())
        except (KemitraanError, OSError) as exc:
            self.preview.setText(str(exc))
            return None
        self.preview.setPixmap(QPixmap.fromImage(image))
        self.preview_image = image
        return image


class CalibrationTab(QWidget):
    """Per printer: print the test page, measure its two lines, save the offset."""

    def __init__(self, page):
        super().__init__(page)
        self.page, self.db = page, page.db
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Printer kantor jarang mencetak tepat di tempatnya. Untuk kertas sertifikat pracetak "
            "(mode blanko), cetak halaman uji, ukur dengan penggaris jarak garis tegak dari tepi "
            "kiri kertas dan garis mendatar dari tepi atas (seharusnya 20 mm), lalu isikan di "
            "sini. Geser disimpan untuk tiap printer."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.printer = QComboBox(self)
        self.printer.setEditable(True)
        self.printer.lineEdit().setPlaceholderText(self.tr("pilih, atau ketik nama printer"))
        self.printer.setMinimumWidth(360)
        self.printer.setMaximumWidth(520)
        self.printer.currentTextChanged.connect(lambda _t: self.load_offset())
        form.addRow(self.tr("Printer:"), self.printer)
        self.left = QDoubleSpinBox(self)
        self.top = QDoubleSpinBox(self)
        for spin in (self.left, self.top):
            spin.setRange(0, 60)
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.setSuffix(" mm")
            spin.setMaximumWidth(110)
            spin.setValue(cert.CALIBRATION_MM)
            spin.valueChanged.connect(lambda _v: self.show_offset())
        form.addRow(self.tr("Garis tegak, dari tepi kiri:"), self.left)
        form.addRow(self.tr("Garis mendatar, dari tepi atas:"), self.top)
        self.offset_label = QLabel(self)
        form.addRow(self.tr("Geser yang akan dipakai:"), self.offset_label)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        test = QPushButton(self.tr("Cetak halaman uji..."), self)
        test.clicked.connect(lambda: self.print_test())
        self.save_button = QPushButton(self.tr("Simpan geser"), self)
        self.save_button.clicked.connect(lambda: self.save())
        forget = QPushButton(self.tr("Lupakan printer ini"), self)
        forget.clicked.connect(lambda: self.forget())
        buttons.addWidget(test)
        buttons.addWidget(self.save_button)
        buttons.addWidget(forget)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("<b>Printer yang sudah dikalibrasi</b>"), self))
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Printer"), self.tr("Geser")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setColumnWidth(0, 320)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        self.saved = (0.0, 0.0)
        self.printed_with = (0.0, 0.0)  # the offset the last test page was printed with

    def refresh(self) -> None:
        current = self.printer.currentText()
        self.printer.blockSignals(True)
        self.printer.clear()
        self.printer.addItems(printer_names(self.db))
        if current:
            self.printer.setCurrentText(current)
        self.printer.blockSignals(False)
        self.load_offset()
        offsets = cert.printer_offsets(self.db)
        self.table.setRowCount(len(offsets))
        for r, (name, (dx, dy)) in enumerate(sorted(offsets.items())):
            self.table.setItem(r, 0, QTableWidgetItem(name))
            self.table.setItem(r, 1, QTableWidgetItem(cert.describe_offset(dx, dy)))

    def load_offset(self) -> None:
        self.saved = self.printed_with = cert.printer_offset(self.db, self.printer.currentText())
        self.reset_measurements()

    def reset_measurements(self) -> None:
        for spin in (self.left, self.top):
            spin.blockSignals(True)
            spin.setValue(cert.CALIBRATION_MM)
            spin.blockSignals(False)
        self.show_offset()

    def offset(self) -> tuple[float, float]:
        """The offset the last test page was printed with (the saved one until a test page
        is printed), corrected by what was measured on it."""
        dx, dy = cert.offset_from_measurement(self.left.value(), self.top.value())
        return round(self.printed_with[0] + dx, 1), round(self.printed_with[1] + dy, 1)

    def show_offset(self) -> None:
        self.offset_label.setText(self.tr("%s (tersimpan: %s)") % (
            cert.describe_offset(*self.offset()), cert.describe_offset(*self.saved)))

    def print_test(self):
        from kemitraan_desktop.documents.certificate import print_calibration

        from ..widgets.pdf_preview import show_pdf, temp_pdf_path
        path = temp_pdf_path("halaman-uji-printer.pdf")
        offset = self.offset()
        try:
            print_calibration(self.db, path, offset=offset, printer=self.printer.currentText())
        except KemitraanError as exc:
            show_error(self, exc)
            return None
        self.printed_with = offset  # what is measured next is measured on this page
        self.reset_measurements()
        self.preview = show_pdf(self.window(), path, self.tr("Halaman uji printer sertifikat"),
                                "halaman-uji-printer.pdf")
        return self.preview

    def save(self) -> bool:
        try:
            cert.set_printer_offset(self.db, self.printer.currentText().strip(), *self.offset())
        except KemitraanError as exc:
            show_error(self, exc)
            return False
        self.refresh()
        show_status(self, self.tr("Geser printer %s tersimpan.") % self.printer.currentText())
        return True

    def forget(self) -> None:
        name = self.printer.currentText().strip()
        if name in cert.printer_offsets(self.db):
            cert.forget_printer(self.db, name)
            self.refresh()
            show_status(self, self.tr("Kalibrasi printer %s dihapus.") % name)


class VerifyTab(QWidget):
    """Check a QR text or a number; this office's public key to give away; other offices'
    keys to trust."""

    def __init__(self, page):
        super().__init__(page)
        self.db = page.db
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Verifikasi sertifikat:"), self))
        # several lines: the QR's text is readable lines, and a scanner that types it ends
        # each with Enter; it is checked as soon as its last line (the signature) arrives
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText(self.tr("tempel teks QR (dari aplikasi pemindai) atau ketik "
                                             "nomor sertifikat"))
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 12)
        self.text.textChanged.connect(self._maybe_complete)
        row.addWidget(self.text, 1)
        check = QPushButton(self.tr("Periksa"), self)
        check.clicked.connect(self.verify)
        row.addWidget(check)
        layout.addLayout(row)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result)
        own = QGroupBox(self.tr("Kunci publik dinas ini"), self)
        own_layout = QVBoxLayout(own)
        own_layout.addWidget(hint_label(self.tr(
            "Berikan kunci ini kepada kantor lain agar mereka dapat memeriksa sertifikat Anda "
            "tanpa internet. Kunci rahasianya tetap di basis data ini."), own))
        self.public_key = QPlainTextEdit(own)
        self.public_key.setReadOnly(True)
        self.public_key.setMaximumHeight(60)
        own_layout.addWidget(self.public_key)
        own_buttons = QHBoxLayout()
        copy = QPushButton(self.tr("Salin"), own)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.public_key.toPlainText()))
        export = QPushButton(self.tr("Simpan ke berkas..."), own)
        export.clicked.connect(lambda: self.export_key())
        own_buttons.addWidget(copy)
        own_buttons.addWidget(export)
        own_buttons.addStretch(1)
        own_layout.addLayout(own_buttons)
        layout.addWidget(own)
        others = QGroupBox(self.tr("Kunci kantor lain yang dipercaya"), self)
        others_layout = QVBoxLayout(others)
        self.keys = QTableWidget(0, 2, others)
        self.keys.setHorizontalHeaderLabels([self.tr("ID kunci"), self.tr("Kantor")])
        self.keys.verticalHeader().hide()
        self.keys.horizontalHeader().setStretchLastSection(True)
        self.keys.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        others_layout.addWidget(self.keys)
        import_button = QPushButton(self.tr("Impor kunci kantor lain..."), others)
        import_button.clicked.connect(lambda: self.import_key())
        others_layout.addWidget(import_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(others, 1)

    def refresh(self) -> None:
        self.public_key.setPlainText(cert.public_key_text(self.db))
        keys = cert.known_keys(self.db)
        self.keys.setRowCount(len(keys))
        for r, (kid, name) in enumerate(keys):
            self.keys.setItem(r, 0, QTableWidgetItem(kid))
            self.keys.setItem(r, 1, QTableWidgetItem(name))

    def _maybe_complete(self) -> None:
        """A scanner ends the signature line with Enter: check then, not while it types."""
        text = self.text.toPlainText()
        lines = text.strip().splitlines()
        if (text.endswith("\n") and len(lines) > 1 and lines[-1].startswith(f"{cert.SCHEME} ")
                and len(lines[-1].split()) == 3):
            self.verify()

    def verify(self) -> cert.Verification:
        result = cert.verify(self.db, self.text.toPlainText())
        colour = GOOD if result.ok else BAD
        lines = [f"<span style='color:{colour}'><b>{html.escape(result.message)}</b></span>"]
        row = result.certificate
        if row:
            lines.append(html.escape(self.tr("Register: %s, %s %s; %s, %s; %s JP; terbit %s.") % (
                row["name"], row["tier_label"], row.get("subject") or "", row["activity"],
                row["program"], f"{row['jp']:g}",
                ind.format_date(dt.date.fromisoformat(row["issued_on"]), with_weekday=False))))
        self.result.setText("<br>".join(lines))
        return result

    def export_key(self, path: str | None = None) -> str | None:
        if path is None:
            chosen = ask_save_path(self, self.tr("Simpan kunci publik"), "kunci-publik-dinas.txt",
                                   self.tr("Teks (*.txt)"), ".txt", store.db_file(self.db))
            if chosen is None:
                return None
            path = str(chosen)
        from kemitraan_desktop import office
        profile = office.load_profile(self.db)
        region = profile.government.upper().removeprefix("PEMERINTAH").strip().title()
        name = " ".join(x for x in (profile.name.title() or "Dinas Pendidikan", region) if x)
        try:
            Path(path).write_text(f"{cert.public_key_text(self.db)}\n# {name}\n", encoding="utf-8")
        except OSError as exc:
            show_error(self, StorageError(self.tr("Kunci tidak dapat disimpan ke %s: %s")
                                          % (path, os_reason(exc))))
            return None
        show_status(self, self.tr("Kunci publik tersimpan: %s") % path)
        return path

    def import_key(self, text: str | None = None, office_name: str | None = None) -> str | None:
        if text is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Kunci publik kantor lain"), "",
                                                  self.tr("Teks (*.txt);;Semua berkas (*)"))
            if not path:
                return None
            try:
                content = Path(path).read_text(encoding="utf-8", errors="replace")
            except OSError as exc:
                show_error(self, StorageError(self.tr("Berkas %s tidak dapat dibaca: %s")
                                              % (path, os_reason(exc))))
                return None
            lines = [line.strip() for line in content.splitlines() if line.strip()]
            text = lines[0] if lines else ""
            suggested = next((line[1:].strip() for line in lines if line.startswith("#")), "")
            if office_name is None:
                office_name, ok = QInputDialog.getText(self, self.tr("Impor kunci"),
                                                       self.tr("Nama kantor pemilik kunci:"),
                                                       text=suggested)
                if not ok:
                    return None
        if not (office_name or "").strip():
            show_error(self, KemitraanError(self.tr("Tuliskan nama kantor pemilik kunci.")))
            return None
        try:
            kid = cert.import_public_key(self.db, text, office_name)
        except KemitraanError as exc:
            show_error(self, exc)
            return None
        self.refresh()
        show_status(self, self.tr("Kunci %s (%s) diimpor.") % (kid, office_name))
        return kid
