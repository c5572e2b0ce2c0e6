"""The log file: where unexpected errors are written, never to a missing stderr."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import platformdirs

from . import APP_NAME

log = logging.getLogger("kemitraan")
# Until setup_logging() runs, records go nowhere: never to stderr, which a frozen
# Windows app does not have and where a CLI user would read Python's wording.
log.addHandler(logging.NullHandler())


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def setup_logging() -> Path | None:
    """Log to a rotating file in the user's log folder. Returns its path, or None when the
    folder cannot be written (the app still runs)."""
    for handler in log.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            return Path(handler.baseFilename)
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            folder / "kemitraan.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8",
            delay=True)  # the file is made by the first line logged
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.raiseExceptions = False  # a log that cannot be written never prints a traceback
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return Path(handler.baseFilename)
