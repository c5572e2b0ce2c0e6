"""The log file: where unexpected errors are written, never to a missing stderr."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import platformdirs

from . import APP_NAME

log = logging.getLogger("kemitraan")


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def setup_logging() -> Path | None:
    """Log to a rotating file in the user's log folder. Returns its path, or None when the
    folder cannot be written (the app still runs)."""
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in log.handlers):
        return Path(log.handlers[0].baseFilename)
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            folder / "kemitraan.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return Path(handler.baseFilename)
