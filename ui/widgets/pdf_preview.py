"""The one preview window every document opens in: pages, zoom, paper size, Cetak, Simpan PDF,
Buka di aplikasi lain.

The PDF is read into memory when shown, so the file stays free: the caller may rewrite or
delete it, and "Simpan PDF" saves exactly what is on screen.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QProgressDialog,
    QSizePolicy,
    QSpinBox,
    QToolBar,
    QWidget,
)

from kemitraan_desktop.errors import InputFileError, KemitraanError, os_reason

from ..errors import show_error
from .pdf_print import PrintRun, page_size_label, pages_to_print, prepare_printer
from .save_dialog import ask_save_path

ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
_SETTINGS_DIR = "pdf_preview/save_dir"
_OPEN: list[PdfPreview] = []  # windows show_pdf opened, kept alive until closed
_TEMP: tempfile.TemporaryDirectory | None = None


def temp_pdf_path(name: str) -> Path:
    """A fresh path named `name` for a document to preview, in a folder of this session
    that is removed when the app exits (what another program still holds stays)."""
    global _TEMP
    if _TEMP is None:
        _TEMP = tempfile.TemporaryDirectory(prefix="kemitraan-", ignore_cleanup_errors=True)
    safe = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "-", name).strip(" .") or "dokumen.pdf"
    return Path(tempfile.mkdtemp(dir=_TEMP.name)) / safe


class PdfPreview(QMainWindow):
    """A PDF in a window of its own. `path` is read at once; `suggested_name` is the file
    name "Simpan PDF" proposes (the file's own name without it)."""

    def __init__(self, path: str | Path, title: str, parent: QWidget | None = None,
                 suggested_name: str | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.document: QPdfDocument | None = None
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.viewport().installEventFilter(self)
        self.setCentralWidget(self.view)
        self.printer: QPrinter | None = None
        self.print_run: PrintRun | None = None
        self.print_dialog: QPrintDialog | None = None
        self._buffer: QBuffer | None = None
        self._build_toolbar()
        keys = QLabel(self.tr("Ctrl+P cetak, Ctrl+S simpan PDF, Ctrl++ dan Ctrl+− ubah ukuran, "
                              "Esc tutup"), self)
        keys.setContentsMargins(6, 0, 0, 0)
        self.statusBar().addWidget(keys)
        self.view.zoomFactorChanged.connect(self._show_zoom)
        self.view.zoomModeChanged.connect(self._show_zoom)
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        try:
            self.load(path, title, suggested_name)
        except KemitraanError:
            self.setParent(None)  # not left behind as a hidden child of `parent`
            self.deleteLater()
            raise
        self._place(parent)

    # ------------------------------------------------------------------ building

    def _action(self, text: str, slot, *keys: QKeySequence.StandardKey | str) -> QAction:
        action = QAction(text, self)
        shortcuts: list[QKeySequence] = []
        for key in keys:
            for sequence in (QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey)
                             else [QKeySequence(key)]):
                if sequence not in shortcuts:
                    shortcuts.append(sequence)
        action.setShortcuts(shortcuts)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Pratinjau"), self)
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        key = QKeySequence.StandardKey
        self.print_action = self._action(self.tr("Cetak..."), self.print_document, key.Print)
        self.save_action = self._action(self.tr("Simpan PDF..."), self.save_pdf, key.Save)
        self.open_action = self._action(self.tr("Buka di aplikasi lain"), self.open_external)
        self.zoom_out_action = self._action("\u2212", self.zoom_out, key.ZoomOut, "Ctrl+-")
        # Ctrl+= too: on most keyboards "+" needs Shift
        self.zoom_in_action = self._action("+", self.zoom_in, key.ZoomIn, "Ctrl++", "Ctrl+=")
        self.fit_width_action = self._action(self.tr("Pas lebar"), self.fit_width)
        self.fit_page_action = self._action(self.tr("Pas halaman"), self.fit_page)
        self._action(self.tr("Ukuran asli"), lambda: self.set_zoom(1.0), "Ctrl+0")
        self._action(self.tr("Tutup"), self.close, "Esc")
        for action, tip in ((self.print_action, self.tr("Cetak ke printer (Ctrl+P)")),
                            (self.save_action, self.tr("Simpan salinan PDF ini (Ctrl+S)")),
                            (self.open_action, self.tr("Buka PDF ini di penampil PDF komputer")),
                            (self.zoom_out_action, self.tr("Perkecil (Ctrl+-)")),
                            (self.zoom_in_action, self.tr("Perbesar (Ctrl++)"))):
            action.setToolTip(tip)
        for action in (self.fit_width_action, self.fit_page_action):
            action.setCheckable(True)
        bar.addActions([self.print_action, self.save_action, self.open_action])
        bar.addSeparator()
        self.zoom_label = QLabel(self)
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("400 %") + 8)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar.addAction(self.zoom_out_action)
        bar.addWidget(self.zoom_label)
        bar.addActions([self.zoom_in_action, self.fit_width_action, self.fit_page_action])
        bar.addSeparator()
        bar.addWidget(QLabel(self.tr(" Halaman "), self))
        self.page_box = QSpinBox(self)
        self.page_box.setKeyboardTracking(False)
        self.page_box.valueChanged.connect(self.go_to_page)
        bar.addWidget(self.page_box)
        self.page_count_label = QLabel(self)
        bar.addWidget(self.page_count_label)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.size_label = QLabel(self)
        self.size_label.setToolTip(self.tr("Ukuran kertas dokumen ini; Cetak memakai ukuran yang sama"))
        bar.addWidget(self.size_label)

    def _place(self, parent: QWidget | None) -> None:
        """Most of the screen, never more: tidy at 1366 x 768."""
        screen = (parent.screen() if parent is not None else QGuiApplication.primaryScreen())
        available = screen.availableGeometry()
        self.resize(min(1000, available.width() - 80), available.height() - 60)
        center = parent.window().geometry().center() if parent is not None else available.center()
        frame = self.frameGeometry()
        frame.moveCenter(center)
        frame.moveTop(max(available.top(), min(frame.top(), available.bottom() - frame.height())))
        frame.moveLeft(max(available.left(), min(frame.left(), available.right() - frame.width())))
        self.move(frame.topLeft())

    # ------------------------------------------------------------------ the document

    def load(self, path: str | Path, title: str, suggested_name: str | None = None) -> None:
        """Show the PDF at `path` (read now, not kept open). Raises InputFileError when it
        cannot be read or is not a PDF."""
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputFileError(self.tr("Berkas PDF '%s' tidak dapat dibaca: %s.")
                                 % (path, os_reason(exc)), details=[repr(exc)]) from exc
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument(self)
        document.load(buffer)  # the buffer must outlive the document
        if document.status() != QPdfDocument.Status.Ready or not document.pageCount():
            error = document.error()
            document.deleteLater()
            buffer.deleteLater()
            raise InputFileError(self.tr("Berkas '%s' bukan PDF yang dapat ditampilkan.") % path.name,
                                 details=[str(error)])
        if self.document is not None:  # a second document in the same window
            self.document.deleteLater()
            self._buffer.deleteLater()
        self.document, self._buffer, self.data, self.path = document, buffer, data, path
        self.view.setDocument(document)
        self.title = title
        self.suggested_name = suggested_name or path.name
        self.printer = None  # a new document brings its own paper
        self.setWindowTitle(self.tr("%s - Pratinjau") % title)
        count = self.document.pageCount()
        self.page_box.setRange(1, count)
        self.page_count_label.setText(self.tr(" dari %d ") % count)
        self.view.pageNavigator().jump(0, self.view.pageNavigator().currentLocation())
        self._show_page(0)
        self._show_zoom()

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, number: int) -> None:
        """Scroll to page `number` (1-based), as typed in the page box."""
        if 1 <= number <= self.page_count() and number - 1 != self.current_page():
            self.view.pageNavigator().jump(number - 1, self.view.pageNavigator().currentLocation())

    def _show_page(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        self.size_label.setText(page_size_label(self.document.pagePointSize(page)) + " ")

    # ------------------------------------------------------------------ zoom

    def zoom(self) -> float:
        """The zoom on screen, 1.0 being the paper's real size, also in the fit modes."""
        mode = self.view.zoomMode()
        if mode == QPdfView.ZoomMode.Custom:
            return self.view.zoomFactor()
        # QPdfView's own arithmetic (qpdfview.cpp, calculateDocumentLayout)
        size = self.document.pagePointSize(max(0, self.current_page()))
        dots = self.view.logicalDpiX() / 72
        margins = self.view.documentMargins()
        viewport = self.view.viewport().size()
        width = (viewport.width() - margins.left() - margins.right()) / max(1.0, size.width() * dots)
        if mode == QPdfView.ZoomMode.FitToWidth:
            return width
        height = (viewport.height() - self.view.pageSpacing()) / max(1.0, size.height() * dots)
        return min(width, height)

    def set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], factor)))

    def zoom_in(self) -> None:
        now = self.zoom()
        self.set_zoom(next((step for step in ZOOM_STEPS if step > now * 1.02), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        now = self.zoom()
        self.set_zoom(next((step for step in reversed(ZOOM_STEPS) if step < now / 1.02), ZOOM_STEPS[0]))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    def _show_zoom(self, *_args) -> None:
        mode = self.view.zoomMode()
        self.fit_width_action.setChecked(mode == QPdfView.ZoomMode.FitToWidth)
        self.fit_page_action.setChecked(mode == QPdfView.ZoomMode.FitInView)
        self.zoom_label.setText(f"{round(self.zoom() * 100)} %")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport():
            if event.type() == QEvent.Type.Resize:
                self._show_zoom()  # a fit mode's zoom follows the window's size
            elif (event.type() == QEvent.Type.Wheel
                  and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
                if event.angleDelta().y() > 0:
                    self.zoom_in()
                else:
                    self.zoom_out()
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ Cetak

    def print_document(self) -> QPrintDialog | None:
        """Ctrl+P: the print dialog, its paper already the document's own; OK prints."""
        if self.print_run is not None and self.print_run.running:
            return None
        printer = self.printer or prepare_printer(QPrinter(QPrinter.PrinterMode.HighResolution),
                                                  self.document, self.title)
        if not printer.isValid():
            show_error(self, KemitraanError(self.tr(
                "Belum ada printer yang terpasang di komputer ini. Pasang printer di pengaturan "
                "Windows, atau pakai Simpan PDF dan cetak dari komputer lain.")))
            return None
        self.printer = printer
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Cetak %s") % self.title)
        dialog.setMinMax(1, self.page_count())
        option = QAbstractPrintDialog.PrintDialogOption
        dialog.setOptions(option.PrintPageRange | option.PrintCurrentPage | option.PrintCollateCopies
                          | option.PrintShowPageSize)
        dialog.accepted.connect(lambda: self.print_to(printer))
        dialog.open()
        self.print_dialog = dialog
        return dialog

    def new_printer(self) -> QPrinter:
        """A printer set to this document's paper, as the print dialog receives it."""
        return prepare_printer(QPrinter(QPrinter.PrinterMode.HighResolution), self.document, self.title)

    def print_to(self, printer: QPrinter) -> PrintRun | None:
        """Print on `printer` as its dialog left it (pages, copies, paper). Returns the run;
        its `finished(bool)` tells when the last page went out."""
        pages = pages_to_print(printer, self.page_count(), max(0, self.current_page()))
        run = PrintRun(self.document, printer, pages, self)
        progress = QProgressDialog(self.tr("Mencetak %s...") % self.title, self.tr("Batal"),
                                   0, len(pages), self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)
        progress.setAutoClose(False)
        progress.canceled.connect(run.cancel)
        run.progressed.connect(lambda done, _total: progress.setValue(done))
        run.failed.connect(lambda exc: show_error(self, exc))
        run.finished.connect(lambda complete: self._printed(progress, complete, len(pages)))
        try:
            run.start()
        except KemitraanError as exc:
            progress.deleteLater()
            show_error(self, exc)
            return None
        progress.setValue(0)
        self.print_run = run
        return run

    def _printed(self, progress: QProgressDialog, complete: bool, pages: int) -> None:
        progress.reset()
        progress.deleteLater()
        self.statusBar().showMessage(
            self.tr("%d halaman dikirim ke printer.") % pages if complete
            else self.tr("Pencetakan dibatalkan."), 8000)

    # ------------------------------------------------------------------ Simpan, Buka

    def save_pdf(self) -> Path | None:
        """Ctrl+S: ask where, then write the PDF there. Returns the saved path."""
        folder = QSettings().value(_SETTINGS_DIR, "", str) or str(Path.home())
        target = ask_save_path(self, self.tr("Simpan PDF"), str(Path(folder) / self.suggested_name),
                               self.tr("Dokumen PDF (*.pdf)"), ".pdf", None)
        if target is None:
            return None  # nothing chosen, or a file that must not be replaced (said)
        from kemitraan_desktop.documents.frame import write_file  # reportlab: on demand

        try:
            write_file(target, self.data)
        except KemitraanError as exc:
            show_error(self, exc)
            return None
        QSettings().setValue(_SETTINGS_DIR, str(target.parent))
        self.statusBar().showMessage(self.tr("PDF disimpan di %s") % target, 8000)
        return target

    def open_external(self) -> bool:
        """Open the PDF in the computer's own PDF viewer (a fresh copy if the file is gone)."""
        path = self.path
        if not path.is_file():
            path = temp_pdf_path(self.suggested_name)
            path.write_bytes(self.data)
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            return True
        show_error(self, KemitraanError(self.tr(
            "Komputer ini tidak punya aplikasi untuk membuka PDF. Pakai Cetak atau Simpan PDF "
            "di jendela ini.")))
        return False

    def closeEvent(self, event) -> None:
        if self.print_run is not None and self.print_run.running:
            self.print_run.stop()  # now: the run dies with the window, its painter must not
        super().closeEvent(event)


def show_pdf(parent: QWidget | None, path: str | Path, title: str,
             suggested_name: str | None = None) -> PdfPreview | None:
    """Open `path` in a preview window without blocking and return it. The same parent and
    title reuse their open window (a second "Pratinjau" refreshes it). An unreadable file
    is reported through show_error and gives None."""
    for window in _OPEN:
        if window.parent() is parent and window.title == title:
            try:
                window.load(path, title, suggested_name)
            except KemitraanError as exc:
                show_error(parent, exc)
                return None
            window.showNormal()
            window.raise_()
            window.activateWindow()
            return window
    try:
        window = PdfPreview(path, title, parent, suggested_name)
    except KemitraanError as exc:
        show_error(parent, exc)
        return None
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _OPEN.append(window)
    window.destroyed.connect(lambda _obj=None, w=window: _OPEN.remove(w) if w in _OPEN else None)
    window.show()
    return window
