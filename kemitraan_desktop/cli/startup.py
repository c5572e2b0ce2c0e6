"""The first thing `kemitraan` does: a Ctrl-C while the command is still loading its
modules (a second or two on a slow office PC) ends it quietly, since nothing has been done
yet; main() then hands Ctrl-C back to Python, to be answered as a cancelled command."""

from __future__ import annotations

import os
import signal
import sys
import threading


def _interrupted_while_starting(_signum, _frame) -> None:
    sys.stderr.write("Dibatalkan; tidak ada yang disimpan.\n")
    sys.stderr.flush()
    os._exit(130)


def _terminated(_signum, _frame) -> None:
    raise KeyboardInterrupt  # as Ctrl-C: transactions roll back, half files are removed


def started() -> None:
    """The command's own work begins: Ctrl-C raises KeyboardInterrupt again, and so does a
    request to stop (SIGTERM, as a closing session sends), so that what is half done is
    undone and said."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, _terminated)


if threading.current_thread() is threading.main_thread():
    signal.signal(signal.SIGINT, _interrupted_while_starting)
