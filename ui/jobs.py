"""Long work off the GUI thread: a worker with its own database connection, late progress, cancel.

Contract for the function a Job runs: `fn(db, *args, progress=..., cancelled=...)`; it gets
a connection opened in the worker thread and must not touch any widget.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from kemitraan_desktop import store
from kemitraan_desktop.errors import Cancelled

PROGRESS_AFTER_MS = 500


class _Worker(QThread):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    was_cancelled = Signal()

    def __init__(self, db_path: Path, fn: Callable, args: tuple, parent=None):
        super().__init__(parent)
        self.db_path, self.fn, self.args = db_path, fn, args
        self.cancel_event = threading.Event()
        self._last_percent = -1

    def _progress(self, done: int, total: int, message: str) -> None:
        percent = int(100 * done / total) if total else 0
        if percent != self._last_percent:  # throttle: one signal per percent
            self._last_percent = percent
            self.progressed.emit(done, total, message)

    def run(self) -> None:
        db = None
        try:
            db = store.open_db(self.db_path, create=False, verify=False)  # checked at open
            result = self.fn(db, *self.args, progress=self._progress,
                             cancelled=self.cancel_event.is_set)
        except Cancelled:
            self.was_cancelled.emit()
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread to show
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        finally:
            if db is not None:
                db.close()


class Job(QObject):
    """Run `fn` in a worker; a progress dialog with "Batal" appears after 500 ms."""

    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    done = Signal()

    def __init__(self, parent: QWidget, db_path: Path, fn: Callable, *args, label: str = ""):
        super().__init__(parent)
        self.worker = _Worker(db_path, fn, args, self)
        self.dialog = QProgressDialog(label or self.tr("Sedang bekerja..."), self.tr("Batal"),
                                      0, 100, parent)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(PROGRESS_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.worker.progressed.connect(self._on_progress)
        self.worker.succeeded.connect(self.succeeded)
        self.worker.failed.connect(self.failed)
        self.worker.was_cancelled.connect(self.cancelled)
        self.worker.finished.connect(self._on_finished)

    def start(self) -> Job:
        self.dialog.setValue(0)
        self.worker.start()
        return self

    def cancel(self) -> None:
        self.worker.cancel_event.set()
        self.dialog.setLabelText(self.tr("Membatalkan..."))

    def is_running(self) -> bool:
        return self.worker.isRunning()

    def wait(self, msecs: int = 30000) -> bool:
        return self.worker.wait(msecs)

    def _on_progress(self, done: int, total: int, message: str) -> None:
        if self.worker.cancel_event.is_set():
            return  # QProgressDialog hid itself on Batal; a late update must not bring it back
        if total:
            self.dialog.setValue(min(99, int(100 * done / total)))
        if message and not self.worker.cancel_event.is_set():
            self.dialog.setLabelText(message)

    def _on_finished(self) -> None:
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()
        self.done.emit()
