"""The preview window: pages, paper size, zoom, printing through QPrinter (paper kept), saving."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter

import ui.widgets.pdf_preview
from kemitraan_desktop import office, programs
from kemitraan_desktop.documents.frame import letterhead_preview
from kemitraan_desktop.documents.pairs import print_pairs
from kemitraan_desktop.indonesia import MM
from ui.widgets.pdf_preview import PdfPreview, show_pdf
from ui.widgets.pdf_print import page_layout, page_size_label, pages_to_print

F4_POINTS = (609.4, 935.4)


@pytest.fixture(autouse=True)
def _close_windows():
    yield
    for window in list(ui.widgets.pdf_preview._OPEN):
        window.close()


@pytest.fixture
def pairs_pdf(demo_db, tmp_path) -> Path:
    """The demo program's pairing list on F4: several pages."""
    program = programs.list_programs(demo_db)[0]["program"]
    return print_pairs(demo_db, program.id, tmp_path / "daftar-pasangan.pdf", paper="f4")


def letterhead(tmp_path, paper: str) -> Path:
    profile = office.OfficeProfile(government="PEMERINTAH KOTA PEKALONGAN",
                                   name="DINAS PENDIDIKAN", city="Pekalongan", paper=paper)
    return letterhead_preview(profile, tmp_path / f"kop-{paper}.pdf")


def preview(qtbot, path, **kwargs) -> PdfPreview:
    window = PdfPreview(path, "Daftar Pasangan", **kwargs)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def printed_pdf(qtbot, window: PdfPreview, out: Path, setup=None) -> PdfReader:
    printer = window.new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setResolution(150)  # keeps the test quick; the arithmetic is the same at 600
    if setup:
        setup(printer)
    run = window.print_to(printer)
    with qtbot.waitSignal(run.finished, timeout=20000) as finished:
        pass
    assert finished.args == [True]
    return PdfReader(out)


def looks(document: QPdfDocument, page: int, size: QSize) -> bytes:
    """The page rendered at `size` on white, shrunk to a grey thumbnail to compare."""
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, document.render(page, size))
    painter.end()
    thumbnail = image.scaled(QSize(128, 196), Qt.AspectRatioMode.IgnoreAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    return bytes(thumbnail.convertToFormat(QImage.Format.Format_Grayscale8).constBits())


def printed_pages(printed: Path, original: QPdfDocument) -> list[int]:
    """For each printed page, the original page it looks most like (both rendered at the
    150 dpi the test prints at, so the printed image is compared pixel for pixel)."""
    copy = QPdfDocument()
    copy.load(str(printed))
    size = QSize(round(copy.pagePointSize(0).width() * 150 / 72),
                 round(copy.pagePointSize(0).height() * 150 / 72))
    originals = [looks(original, page, size) for page in range(original.pageCount())]

    def distance(a: bytes, b: bytes) -> float:
        return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)

    matches = []
    for page in range(copy.pageCount()):
        seen = looks(copy, page, size)
        distances = [distance(seen, other) for other in originals]
        assert min(distances) < 6  # a close copy, not merely the most similar of strangers
        matches.append(distances.index(min(distances)))
    return matches


def test_shows_every_page_and_the_paper_size(qtbot, pairs_pdf, tmp_path):
    window = preview(qtbot, pairs_pdf)
    pages = len(PdfReader(pairs_pdf).pages)
    assert window.page_count() == pages > 1
    assert window.view.pageMode() == QPdfView.PageMode.MultiPage
    assert window.size_label.text().strip() == "F4 (215 x 330 mm)"
    assert window.page_count_label.text().strip() == f"dari {pages}"
    assert window.windowTitle() == "Daftar Pasangan - Pratinjau"
    window.page_box.setValue(3)  # typed in the page box: the view scrolls there
    assert window.current_page() == 2 and window.view.verticalScrollBar().value() > 0
    a4 = preview(qtbot, letterhead(tmp_path, "a4"))
    assert a4.page_count() == 1 and a4.size_label.text().strip() == "A4 (210 x 297 mm)"


def test_page_size_names():
    assert page_size_label(QSizeF(297 * MM, 210 * MM)) == "A4 mendatar (297 x 210 mm)"
    assert page_size_label(QSizeF(330 * MM, 215 * MM)) == "F4 mendatar (330 x 215 mm)"
    assert page_size_label(QSizeF(612, 792)) == "Letter / ANSI A (215,9 x 279,4 mm)"
    assert page_size_label(QSizeF(100 * MM, 150 * MM)) == "Ukuran khusus (100 x 150 mm)"


def test_printer_paper_is_the_pdf_paper():
    f4 = page_layout(QSizeF(215 * MM, 330 * MM))
    assert f4.pageSize().id() == QPageSize.PageSizeId.Custom and f4.pageSize().name() == "F4"
    assert f4.pageSize().size(QPageSize.Unit.Millimeter) == QSizeF(215, 330)
    assert f4.orientation() == QPageLayout.Orientation.Portrait
    landscape = page_layout(QSizeF(297 * MM, 210 * MM))
    assert landscape.pageSize().id() == QPageSize.PageSizeId.A4
    assert landscape.orientation() == QPageLayout.Orientation.Landscape


def test_zoom(qtbot, pairs_pdf):
    window = preview(qtbot, pairs_pdf)
    assert window.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert window.fit_width_action.isChecked()
    fit = window.zoom()
    assert window.zoom_label.text() == f"{round(fit * 100)} %"
    window.zoom_in()
    assert window.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert window.zoom() > fit and window.zoom_label.text() == f"{round(window.zoom() * 100)} %"
    assert not window.fit_width_action.isChecked()
    window.set_zoom(1.0)
    window.zoom_out()
    assert window.zoom() == 0.9 and window.zoom_label.text() == "90 %"
    window.fit_page()
    whole = window.zoom()
    assert window.fit_page_action.isChecked() and whole < fit  # an F4 page is taller than wide
    window.resize(1000, 500)  # a fit mode follows the window
    qtbot.waitUntil(lambda: window.zoom_label.text() != f"{round(whole * 100)} %")
    assert window.zoom() < whole


def test_keyboard(qtbot, pairs_pdf, monkeypatch):
    window = preview(qtbot, pairs_pdf)
    with qtbot.waitActive(window):
        window.activateWindow()
    window.set_zoom(1.0)
    qtbot.keyClick(window.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom() == 1.1
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom() == 0.9
    asked = []
    monkeypatch.setattr(ui.widgets.save_dialog.QFileDialog, "getSaveFileName",
                        lambda *args: asked.append(args) or ("", ""))
    qtbot.keyClick(window.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_print_keeps_f4_and_every_page(qtbot, pairs_pdf, tmp_path):
    window = preview(qtbot, pairs_pdf)
    printer = window.new_printer()
    assert printer.pageLayout().pageSize().name() == "F4" and printer.fullPage()
    printed = printed_pdf(qtbot, window, tmp_path / "dicetak.pdf")
    pages = window.page_count()
    assert len(printed.pages) == pages == len(PdfReader(pairs_pdf).pages)
    for page in printed.pages:
        assert float(page.mediabox.width) == pytest.approx(F4_POINTS[0], abs=1)
        assert float(page.mediabox.height) == pytest.approx(F4_POINTS[1], abs=1)
    # each page printed in its place at its own size, not shrunk or shifted
    assert printed_pages(tmp_path / "dicetak.pdf", window.document) == list(range(pages))
    assert window.statusBar().currentMessage() == f"{pages} halaman dikirim ke printer."


def test_print_honours_page_range_and_copies(qtbot, pairs_pdf, tmp_path):
    window = preview(qtbot, pairs_pdf)

    def pages_2_to_3_twice(printer):
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 3)
        printer.setCopyCount(2)
        printer.setCollateCopies(True)

    printed = printed_pdf(qtbot, window, tmp_path / "rentang.pdf", pages_2_to_3_twice)
    assert len(printed.pages) == 4
    assert printed_pages(tmp_path / "rentang.pdf", window.document) == [1, 2, 1, 2]
    printer = window.new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # makes no copies itself
    printer.setCopyCount(2)
    printer.setCollateCopies(False)
    assert pages_to_print(printer, 3, 0) == [0, 0, 1, 1, 2, 2]
    printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
    assert pages_to_print(printer, 3, 2) == [2, 2]


def test_closing_the_window_stops_a_print(qtbot, pairs_pdf, tmp_path):
    window = preview(qtbot, pairs_pdf)
    printer = window.new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "batal.pdf"))
    printer.setResolution(150)
    run = window.print_to(printer)
    with qtbot.waitSignal(run.finished) as finished:
        window.close()
    assert finished.args == [False] and not run.painter.isActive()


def test_print_dialog_starts_on_the_document_paper(qtbot, pairs_pdf, monkeypatch):
    window = preview(qtbot, pairs_pdf)
    monkeypatch.setattr(ui.widgets.pdf_preview.QPrintDialog, "open", lambda self: None)
    dialog = window.print_document()
    layout = dialog.printer().pageLayout()
    assert layout.pageSize().size(QPageSize.Unit.Millimeter) == QSizeF(215, 330)
    assert (dialog.minPage(), dialog.maxPage()) == (1, window.page_count())


def test_save_copies_the_pdf(qtbot, pairs_pdf, tmp_path, monkeypatch):
    window = preview(qtbot, pairs_pdf, suggested_name="daftar-pasangan-2018.pdf")
    folder = tmp_path / "flashdisk"
    folder.mkdir()
    asked = []
    monkeypatch.setattr(ui.widgets.save_dialog.QFileDialog, "getSaveFileName",
                        lambda *args: asked.append(args) or (str(folder / "salinan"), ""))
    saved = window.save_pdf()
    assert saved == folder / "salinan.pdf"
    assert saved.read_bytes() == pairs_pdf.read_bytes()
    assert Path(asked[0][2]).name == "daftar-pasangan-2018.pdf"
    window.save_pdf()  # the next save starts in the folder used last
    assert Path(asked[1][2]).parent == folder
    assert sorted(p.name for p in folder.iterdir()) == ["salinan.pdf"]


def test_save_to_an_unwritable_place_says_why(qtbot, pairs_pdf, tmp_path, monkeypatch):
    window = preview(qtbot, pairs_pdf)
    shown = []
    monkeypatch.setattr(ui.widgets.pdf_preview, "show_error", lambda parent, exc, title="": shown.append(exc))
    monkeypatch.setattr(ui.widgets.save_dialog, "show_error", lambda parent, exc, title="": shown.append(exc))
    read_only = tmp_path / "hanya-baca"
    read_only.mkdir()

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)  # what a read-only folder or an open file does
    monkeypatch.setattr(ui.widgets.save_dialog.QFileDialog, "getSaveFileName",
                        lambda *args: (str(read_only / "daftar.pdf"), ""))
    assert window.save_pdf() is None
    assert "tidak dapat ditulis" in shown[0].message and "tutup dulu" in shown[0].message
    assert list(read_only.iterdir()) == []  # no half file left behind
    monkeypatch.setattr(ui.widgets.save_dialog.QFileDialog, "getSaveFileName",
                        lambda *args: (str(tmp_path / "tidak-ada" / "daftar.pdf"), ""))
    assert window.save_pdf() is None
    assert "tidak ada" in shown[1].message


def test_the_file_is_not_held_open(qtbot, pairs_pdf, tmp_path, monkeypatch):
    original = pairs_pdf.read_bytes()
    window = preview(qtbot, pairs_pdf)
    if Path("/proc/self/fd").is_dir():
        held = {os.path.realpath(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")}
        assert str(pairs_pdf.resolve()) not in held
    pairs_pdf.unlink()  # the caller may delete or rewrite its file; the window is unaffected
    assert window.page_count() == len(PdfReader(io.BytesIO(original)).pages)
    monkeypatch.setattr(ui.widgets.save_dialog.QFileDialog, "getSaveFileName",
                        lambda *args: (str(tmp_path / "simpan.pdf"), ""))
    assert window.save_pdf().read_bytes() == original
    opened = []
    monkeypatch.setattr(ui.widgets.pdf_preview.QDesktopServices, "openUrl",
                        lambda url: opened.append(Path(url.toLocalFile())) or True)
    assert window.open_external()
    assert opened[0].name == "daftar-pasangan.pdf" and opened[0].read_bytes() == original


def test_show_pdf_reuses_its_window_and_reports_a_bad_file(qtbot, pairs_pdf, tmp_path, monkeypatch):
    first = show_pdf(None, pairs_pdf, "Pratinjau kop surat")
    assert first.isVisible() and first.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    again = show_pdf(None, letterhead(tmp_path, "f4"), "Pratinjau kop surat")
    assert again is first and again.page_count() == 1
    assert ui.widgets.pdf_preview._OPEN == [first]
    shown = []
    monkeypatch.setattr(ui.widgets.pdf_preview, "show_error", lambda parent, exc, title="": shown.append(exc))
    broken = tmp_path / "rusak.pdf"
    broken.write_bytes(b"bukan pdf")
    assert show_pdf(None, broken, "Dokumen lain") is None
    assert shown[0].message == "Berkas 'rusak.pdf' bukan PDF yang dapat ditampilkan."
    first.close()
    qtbot.waitUntil(lambda: not ui.widgets.pdf_preview._OPEN)

