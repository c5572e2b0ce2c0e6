"""Printing a PDF through QPrinter: the paper taken from the PDF itself, the pages the print
dialog asked for, each page rendered at the printer's resolution, one page per event-loop turn."""

from __future__ import annotations

import math

from PySide6.QtCore import (
    QCoreApplication,
    QMarginsF,
    QObject,
    QRect,
    QSize,
    QSizeF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

from kemitraan_desktop import indonesia
from kemitraan_desktop.errors import StorageError

MM_PER_POINT = 25.4 / 72
MAX_RENDER_DPI = 600  # a 600 dpi F4 page is 5079 x 7795 pixels; 1200 dpi adds nothing on paper
BAND_ROWS = 1024  # a page is rendered in bands of this many rows, so memory stays ~20 MB
_PAPER_NAMES = {"a4": "A4", "f4": "F4"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("pdf_print", text)


def _mm(points: float) -> str:
    """A length in mm as printed on paper boxes: whole numbers, else one decimal with a comma."""
    value = round(points * MM_PER_POINT, 1)
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}".replace(".", ",")


def paper_name(size: QSizeF) -> str:
    """'A4', 'F4', a name Qt knows ('Letter / ANSI A'), or '' for a size of its own."""
    short, long_ = sorted((size.width(), size.height()))
    for key, (width, height) in indonesia.PAPER_SIZES.items():
        if abs(short - width) <= 2 and abs(long_ - height) <= 2:  # 2 pt is under 1 mm
            return _PAPER_NAMES[key]
    standard = QPageSize(QSizeF(short, long_), QPageSize.Unit.Point, "",
                         QPageSize.SizeMatchPolicy.FuzzyMatch)
    return standard.name() if standard.id() != QPageSize.PageSizeId.Custom else ""


def page_size_label(size: QSizeF) -> str:
    """'F4 (215 x 330 mm)', 'A4 mendatar (297 x 210 mm)', 'Ukuran khusus (100 x 150 mm)'."""
    name = paper_name(size) or _tr("Ukuran khusus")
    if size.width() > size.height():
        name = _tr("%s mendatar") % name
    return f"{name} ({_mm(size.width())} x {_mm(size.height())} mm)"


def page_layout(size: QSizeF) -> QPageLayout:
    """The printer's paper for a PDF page of `size` points, with no margins of its own (the
    PDF has them). A standard size keeps its id so a Windows driver picks its own tray
    paper; F4 becomes a custom 215 x 330 mm paper named 'F4', which drivers with
    '8.5 x 13' or 'F4' paper match to it."""
    short, long_ = sorted((size.width(), size.height()))
    millimetres = QSizeF(round(short * MM_PER_POINT, 1), round(long_ * MM_PER_POINT, 1))
    page_size = QPageSize(millimetres, QPageSize.Unit.Millimeter, paper_name(size),
                          QPageSize.SizeMatchPolicy.ExactMatch)
    orientation = (QPageLayout.Orientation.Landscape if size.width() > size.height()
                   else QPageLayout.Orientation.Portrait)
    layout = QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0))
    layout.setMode(QPageLayout.Mode.FullPageMode)  # paint from the paper's corner
    return layout


def prepare_printer(printer: QPrinter, document: QPdfDocument, title: str) -> QPrinter:
    """Give `printer` the document's own paper (its first page) before the dialog shows."""
    printer.setDocName(title)
    if document.pageCount():
        printer.setPageLayout(page_layout(document.pagePointSize(0)))
    printer.setFullPage(True)  # the PDF carries its own margins
    return printer


def pages_to_print(printer: QPrinter, page_count: int, current_page: int) -> list[int]:
    """The 0-based pages in printing order, as the print dialog left the printer: its page
    range or current page, and its copies when the printer cannot make copies itself
    (a PDF file, some drivers), collated or not."""
    pages = list(range(page_count))
    if printer.printRange() == QPrinter.PrintRange.CurrentPage:
        pages = [current_page]
    elif printer.printRange() == QPrinter.PrintRange.PageRange and not printer.pageRanges().isEmpty():
        ranges = printer.pageRanges()
        pages = [page for page in pages if ranges.contains(page + 1)]
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if printer.collateCopies():
        return pages * copies
    return [page for page in pages for _copy in range(copies)]


def paint_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int) -> None:
    """Render `page` at the printer's resolution (at most MAX_RENDER_DPI) and paint it on
    the paper: at its own size when the paper fits it, else shrunk to fit and centred."""
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    resolution = printer.resolution()
    points = document.pagePointSize(page)
    scale = min(1.0, paper.width() / (points.width() * resolution / 72),
                paper.height() / (points.height() * resolution / 72))
    target = QSize(round(points.width() * resolution / 72 * scale),
                   round(points.height() * resolution / 72 * scale))
    step = math.ceil(resolution / MAX_RENDER_DPI)  # device pixels per rendered pixel
    rendered = QSize(target.width() // step, target.height() // step)
    left = round((paper.width() - rendered.width() * step) / 2)
    top = round((paper.height() - rendered.height() * step) / 2) if scale < 1 else 0
    for row in range(0, rendered.height(), BAND_ROWS):
        rows = min(BAND_ROWS, rendered.height() - row)
        options = QPdfDocumentRenderOptions()
        options.setScaledSize(rendered)
        options.setScaledClipRect(QRect(0, row, rendered.width(), rows))
        band = document.render(page, QSize(rendered.width(), rows), options)
        # PDFium leaves the paper transparent; printers want opaque pixels.
        opaque = QImage(band.size(), QImage.Format.Format_RGB32)
        opaque.fill(Qt.GlobalColor.white)
        band_painter = QPainter(opaque)
        band_painter.drawImage(0, 0, band)
        band_painter.end()
        painter.drawImage(QRect(left, top + row * step, rendered.width() * step, rows * step), opaque)


class PrintRun(QObject):
    """Paints the pages on the printer one per event-loop turn, so the window stays alive
    and "Batal" works during a long document. `finished(True)` once the last page is sent,
    `finished(False)` when cancelled or failed (`failed` carries the error first)."""

    progressed = Signal(int, int)
    failed = Signal(object)
    finished = Signal(bool)

    def __init__(self, document: QPdfDocument, printer: QPrinter, pages: list[int],
                 parent: QObject | None = None):
        super().__init__(parent)
        self.document, self.printer, self.pages = document, printer, pages
        self.done = 0
        self.painter = QPainter()
        self.running = False
        self._cancel = False

    def start(self) -> PrintRun:
        if not self.pages:
            raise StorageError(_tr("Tidak ada halaman dalam rentang yang dipilih; tidak ada yang dicetak."))
        if not self.painter.begin(self.printer):
            raise StorageError(_tr("Printer '%s' tidak dapat dipakai. Periksa apakah printer "
                                   "sudah terpasang di Windows, lalu coba lagi.")
                               % (self.printer.printerName() or self.printer.outputFileName()))
        self.running = True
        QTimer.singleShot(0, self, self._step)
        return self

    def cancel(self) -> None:
        """Stop before the next page ("Batal")."""
        self._cancel = True

    def stop(self) -> None:
        """Abort at once: the spooler drops the job and the painter is ended."""
        if self.running:
            self.printer.abort()
            self._finish(False)

    def _step(self) -> None:
        if not self.running:
            return
        if self._cancel:
            self.printer.abort()
            self._finish(False)
            return
        try:
            if self.done:
                self.printer.newPage()
            paint_page(self.painter, self.printer, self.document, self.pages[self.done])
        except Exception as exc:  # noqa: BLE001 - handed to the window, which shows it
            self.printer.abort()
            self.failed.emit(exc)
            self._finish(False)
            return
        self.done += 1
        self.progressed.emit(self.done, len(self.pages))
        if self.done < len(self.pages):
            QTimer.singleShot(0, self, self._step)
        else:
            self._finish(True)

    def _finish(self, complete: bool) -> None:
        self.running = False
        if self.painter.isActive():
            self.painter.end()
        self.finished.emit(complete)
