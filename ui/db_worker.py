"""One thread that owns a read connection for the UI's queries, so that the window never
waits for the database (a search or a count over 1M people takes up to a second).

Submit a function of the connection; its result comes back on the GUI thread with the
ticket `submit` returned. A page keeps only its latest ticket and drops older answers.

Requests and answers travel through Python queues; the Qt signal that wakes the GUI
thread carries only the ticket number (Python objects sent through queued signals from
another thread crashed PySide6 6.12 with a refcount error).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from kemitraan_desktop import store

READER_CACHE_KB = 16384


class DbWorker(QObject):
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
            self._ready.emit(ticket)
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
