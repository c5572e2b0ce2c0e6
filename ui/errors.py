"""The one place errors reach the user: a short Indonesian message with "Salin detail"."""

from __future__ import annotations

import sqlite3
import sys
import traceback

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from kemitraan_desktop.errors import KemitraanError, ValidationError, os_reason
from kemitraan_desktop.logs import log, setup_logging


def error_text(error: BaseException) -> tuple[str, str]:
    """(message for the user, details for "Salin detail")."""
    if isinstance(error, KemitraanError):
        lines = list(error.details)
        if isinstance(error, ValidationError):
            lines += [str(p) if not isinstance(p, tuple) else f"{p[0]}: {p[1]}"
                      for p in error.problems]
        if error.technical:
            lines.append(error.technical)
        return error.message, "\n".join(lines)
    if isinstance(error, sqlite3.Error):  # disk full, read-only, busy: said plainly, never a bug
        from kemitraan_desktop.store import explain_sqlite
        log.warning("Basis data: %r", error)
        return explain_sqlite("Perubahan tidak disimpan", error), repr(error)
    if isinstance(error, OSError) and error.errno is not None:
        log.warning("Berkas: %r", error)
        where = f" ({error.filename})" if error.filename else ""
        return f"Berkas tidak dapat dibaca atau ditulis{where}: {os_reason(error)}.", repr(error)
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    log.error("Kesalahan tak terduga:\n%s", details)
    path = setup_logging()
    where = f" Rinciannya tercatat di {path}." if path else ""
    return f"Terjadi kesalahan tak terduga di aplikasi.{where}", details


_OPEN: set[QMessageBox] = set()  # boxes without a parent, kept alive until closed


def show_error(parent: QWidget | None, error: BaseException, title: str = "") -> QMessageBox:
    """Show an error without blocking (the box is opened, not exec'd). Without a parent it
    goes over the active window; a box nobody holds would otherwise vanish unseen."""
    message, details = error_text(error)
    parent = parent or QApplication.activeWindow()
    box = QMessageBox(QMessageBox.Icon.Warning, title or QApplication.translate("errors", "Kemitraan Desktop"),
                      message, QMessageBox.StandardButton.Close, parent)
    box.button(QMessageBox.StandardButton.Close).setText(QApplication.translate("errors", "Tutup"))
    if details:
        copy = box.addButton(QApplication.translate("errors", "Salin detail"),
                             QMessageBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(f"{message}\n\n{details}"))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if parent is None:
        _OPEN.add(box)
        box.finished.connect(lambda _result: _OPEN.discard(box))
    box.open()
    return box


def install_excepthook() -> None:
    """Log every uncaught exception to the log file (a frozen windowed build has no
    stderr) and tell the user, instead of the app vanishing."""
    def hook(exc_type, exc, tb):
        log.error("Kesalahan tak terduga:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        if QApplication.instance() is not None and issubclass(exc_type, Exception):
            show_error(QApplication.activeWindow(), exc)
    sys.excepthook = hook


def details_dialog(parent: QWidget | None, title: str, message: str, lines: list[str]):
    """A message with its list (problems, people skipped) readable in full, in Indonesian;
    QMessageBox's own "Show Details..." button would speak English."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.resize(720, 420)
    layout = QVBoxLayout(dialog)
    label = QLabel(message, dialog)
    label.setWordWrap(True)
    layout.addWidget(label)
    text = QPlainTextEdit("\n".join(lines), dialog)
    text.setReadOnly(True)
    layout.addWidget(text, 1)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText(
        QApplication.translate("errors", "Tutup"))
    copy = buttons.addButton(QApplication.translate("errors", "Salin"),
                             QDialogButtonBox.ButtonRole.ActionRole)
    copy.clicked.connect(lambda: QApplication.clipboard().setText(message + "\n\n" + "\n".join(lines)))
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
