"""The one way the desktop runs database work off the GUI thread, and knows what runs.

- `Job`: one piece of work (an import, a print, an export, a certificate batch, a backup)
  in a worker thread with its own connection; a progress dialog with "Batal" after half a
  second; its result, failure or cancellation signalled back on the GUI thread.
  Contract for the function a Job runs: `fn(db, *args, progress=..., cancelled=...)`; it
  gets a connection opened in the worker thread and must not touch any widget.
- `registry()`: every Job running in the application. Closing the window asks it to
  `finish`: short work is waited for; long work is waited for or cancelled, as the
  operator chooses, so that no thread is cut off and nothing is half-written.
- `DbWorker`: the thread that owns a read connection for the lists' queries.

No other module of ui/ starts a thread.
"""

from __future__ import annotations

import gc
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from kemitraan_desktop import store
from kemitraan_desktop.errors import Cancelled

PROGRESS_AFTER_MS = 500


class _Worker(QThread):
    """Runs the function; its outcome stays on the worker and is read on the GUI thread once
    the thread has finished. No Python object crosses threads in a signal (see DbWorker)."""

    progressed = Signal(int, int, str)

    def __init__(self, db_path: Path, fn: Callable, args: tuple, parent=None):
        super().__init__(parent)
        self.db_path, self.fn, self.args = db_path, fn, args
        self.outcome: tuple[str, object] = ("cancelled", None)  # or succeeded / failed
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
            self.outcome = ("cancelled", None)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread to show
            self.outcome = ("failed", exc)
        else:
            self.outcome = ("succeeded", result)
        finally:
            if db is not None:
                db.close()


class Job(QObject):
    """Run `fn` in a worker; a progress dialog with "Batal" appears after 500 ms."""

    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    done = Signal()

    def __init__(self, parent: QObject, db_path: Path, fn: Callable, *args, label: str = "",
                 quiet: bool = False):
        """`parent` owns the job (a widget, whose window the progress dialog is modal to).
        `quiet`: work the operator did not start (the daily backup) shows no dialog and
        may be owned by the application; closing the window still waits for it."""
        super().__init__(parent)
        self.label, self.quiet = label, quiet
        self.worker = _Worker(db_path, fn, args, self)
        self.dialog = None if quiet else self._progress_dialog(parent)
        self.worker.progressed.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)

    def _progress_dialog(self, parent: QWidget) -> QProgressDialog:
        dialog = QProgressDialog(self.label or self.tr("Sedang bekerja..."), self.tr("Batal"),
                                 0, 100, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        return dialog

    def start(self) -> Job:
        if self.dialog is not None:
            self.dialog.setValue(0)
        registry().add(self)
        self.worker.start()
        return self

    def cancel(self) -> None:
        self.worker.cancel_event.set()
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("Membatalkan..."))

    def is_running(self) -> bool:
        return self.worker.isRunning()

    def wait(self, msecs: int = 30000) -> bool:
        return self.worker.wait(msecs)

    def _on_progress(self, done: int, total: int, message: str) -> None:
        if self.dialog is None or self.worker.cancel_event.is_set():
            return  # QProgressDialog hid itself on Batal; a late update must not bring it back
        if total:
            self.dialog.setValue(min(99, int(100 * done / total)))
        if message and not self.worker.cancel_event.is_set():
            self.dialog.setLabelText(message)

    def _on_finished(self) -> None:
        kind, value = self.worker.outcome
        if kind == "succeeded":
            self.succeeded.emit(value)
        elif kind == "failed":
            self.failed.emit(value)
        else:
            self.cancelled.emit()
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
        registry().remove(self)
        self.done.emit()
        registry().job_ended()


class LatestJob:
    """One piece of work at a time for a dialog that checks and then imports: starting one
    cancels the one under way, whose answer never lands; `stop` cancels and waits (nothing
    it started is written). Failures go to `on_failure`; `on_done` follows every job."""

    def __init__(self, owner: QWidget, db_path: Path, on_failure: Callable, on_done: Callable):
        self.owner, self.db_path = owner, db_path
        self.on_failure, self.on_done = on_failure, on_done
        self.job: Job | None = None

    def busy(self) -> bool:
        return self.job is not None and self.job.is_running()

    def run(self, fn: Callable, *args, label: str, on_success: Callable) -> Job:
        self.stop()
        self.job = Job(self.owner, self.db_path, fn, *args, label=label)
        self.job.succeeded.connect(on_success)
        self.job.failed.connect(self.on_failure)
        self.job.done.connect(self.on_done)
        return self.job.start()

    def stop(self) -> None:
        if self.busy():
            self.job.succeeded.disconnect()
            self.job.cancel()
            self.job.wait()


# ---------------------------------------------------------------- the registry

# Work still running this long after the window is closed is "long": the operator chooses.
SHORT_WORK_S = 1.5


class Operations(QObject):
    """Every Job running in the application."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.jobs: list[Job] = []
        self._idle: list[Callable[[], None]] = []

    def add(self, job: Job) -> None:
        self.jobs.append(job)
        # A job whose owner (a page, a window) is deleted goes with it: its entry here
        # must not outlive it (a wrapper released after its object is gone crashes Qt).
        key = id(job)
        job.destroyed.connect(lambda _obj=None, key=key: self._drop(key))

    def _drop(self, key: int) -> None:
        self.jobs = [job for job in self.jobs if id(job) != key]

    def remove(self, job: Job) -> None:
        self._drop(id(job))

    def when_idle(self, fn: Callable[[], None]) -> None:
        """Call `fn` on the GUI thread once no job runs: a replaced window is deleted then,
        not while a worker thread runs Python (deleting widgets meanwhile crashed PySide)."""
        if not self.running():
            fn()
            return
        self._idle.append(fn)

    def job_ended(self) -> None:
        if self.running():
            return
        waiting, self._idle = self._idle, []
        for fn in waiting:
            fn()

    def running(self, quiet: bool = True) -> list[Job]:
        """The jobs still running; without the quiet ones (the daily backup) if not `quiet`."""
        return [job for job in self.jobs if shiboken6.isValid(job) and job.is_running()
                and (quiet or not job.quiet)]

    def wait_all(self, seconds: float | None = None, quiet: bool = True) -> bool:
        """Wait (keeping the window painted) until nothing runs; False if time ran out."""
        end = None if seconds is None else time.monotonic() + seconds
        while self.running(quiet):
            if end is not None and time.monotonic() >= end:
                return False
            for job in self.running(quiet):
                job.wait(50)
            QCoreApplication.processEvents()
        return True

    def finish(self, parent: QWidget | None = None, quiet: bool = True) -> bool:
        """Before the window closes: True when nothing runs any more. Short work is waited
        for; for long work the operator chooses to wait or to cancel it (a cancelled job
        rolls back: nothing half-written). False when the operator goes back to work.
        `quiet=False` leaves the quiet jobs running: a window replaced by another (a
        restore, another database) does not wait for the day's backup, which the
        application owns."""
        if self.wait_all(SHORT_WORK_S, quiet):
            return True
        names = ", ".join(job.label or self.tr("pekerjaan") for job in self.running(quiet))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Masih ada pekerjaan berjalan"),
                          self.tr("Masih berjalan: %s.\nTunggu sampai selesai, atau batalkan "
                                  "(tidak ada yang tersimpan setengah jalan)?") % names,
                          parent=parent)
        wait = box.addButton(self.tr("Tunggu sampai selesai"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("Batalkan"), QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton(self.tr("Kembali"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(wait)
        box.exec()
        if box.clickedButton() is back:
            return False
        if box.clickedButton() is cancel:
            for job in self.running(quiet):
                job.cancel()
        return self.wait_all(quiet=quiet)


# ---------------------------------------------------------------- garbage, on the GUI thread

GC_EVERY_MS = 1000


def collect_on_gui_thread(app: QObject) -> None:
    """Python's cycle collector runs in whatever thread happens to allocate, a worker's
    included; a Qt object it frees there is deleted off the GUI thread, which crashes Qt
    (the rare segfault of a window replaced while a job ran). Automatic collection is
    turned off and the GUI thread collects instead, by the same thresholds, every second."""
    from PySide6.QtCore import QTimer

    gc.disable()
    timer = QTimer(app)
    timer.setObjectName("gc_on_gui_thread")
    timer.timeout.connect(collect_garbage)
    timer.start(GC_EVERY_MS)


def collect_garbage() -> None:
    """One collection on the calling (GUI) thread, of the generations past their threshold."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return


_REGISTRY: Operations | None = None


def registry() -> Operations:
    """The application's one registry of running work."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = Operations()
    return _REGISTRY


# ---------------------------------------------------------------- the list reader

READER_CACHE_KB = 16384


class DbWorker(QObject):
    """One thread that owns a read connection for the UI's queries, so that the window
    never waits for the database (a search or a count over 1M people takes up to a second).

    Submit a function of the connection; its result comes back on the GUI thread with the
    ticket `submit` returned. A page keeps only its latest ticket and drops older answers.
    Requests and answers travel through Python queues; the Qt signal that wakes the GUI
    thread carries only the ticket number (Python objects sent through queued signals from
    another thread crashed PySide6 6.12 with a refcount error)."""

    done = Signal(int, object)  # ticket, result (emitted on the GUI thread)
    failed = Signal(int, object)  # ticket, exception
    _ready = Signal(int)  # emitted by the worker thread; carries only the ticket

    def __init__(self, db_path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.db_path = db_path
        self._ticket = 0
        self._pending: set[int] = set()
        self._requests: queue.Queue = queue.Queue()
        self._answers: dict[int, tuple[bool, object]] = {}
        self._lock = threading.Lock()
        self._ready.connect(self._deliver)
        self._thread = threading.Thread(target=self._serve, name="kemitraan-db-reader",
                                        daemon=True)
        self._thread.start()

    def submit(self, fn: Callable) -> int:
        self._ticket += 1
        self._pending.add(self._ticket)
        self._requests.put((self._ticket, fn))
        return self._ticket

    def busy(self) -> bool:
        return bool(self._pending)

    def is_pending(self, ticket: int) -> bool:
        return ticket in self._pending

    def _serve(self) -> None:
        db = None
        while True:
            ticket, fn = self._requests.get()
            if fn is None:
                break
            try:
                if db is None:
                    db = store.open_db(self.db_path, create=False, verify=False)  # checked at open
                    # Readers need less page cache than an import; two of them with 64 MB
                    # each put the app over 300 MB at 1M people.
                    db.execute(f"PRAGMA cache_size = -{READER_CACHE_KB}")
                answer = (True, fn(db))
            except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread to show
                answer = (False, exc)
            with self._lock:
                self._answers[ticket] = answer
            try:
                self._ready.emit(ticket)
            except RuntimeError:  # the window that asked was closed meanwhile: nobody waits
                break
        if db is not None:
            db.close()

    @Slot(int)
    def _deliver(self, ticket: int) -> None:
        with self._lock:
            ok, payload = self._answers.pop(ticket)
        self._pending.discard(ticket)
        (self.done if ok else self.failed).emit(ticket, payload)

    def stop(self) -> None:
        """Finish the queued work, close the connection, end the thread."""
        if self._thread.is_alive():
            self._requests.put((0, None))
            self._thread.join(10)
