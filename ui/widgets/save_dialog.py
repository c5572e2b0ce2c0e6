"""Where the app saves a file the user names: the save dialog, then the guard the commands
use (kemitraan_desktop/outputs.py): never over the open database, its -wal/-shm or its
backups, never over a file of another kind. The dialog itself asks before replacing a file
of the same kind."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from kemitraan_desktop import outputs
from kemitraan_desktop.errors import KemitraanError

from ..errors import show_error


def file_name(*parts: str) -> str:
    """A file name that says what the file is ("sertifikat-OJL-1-Kota-Pekalongan"), with no
    character Windows refuses; joined by dashes, at most 80 characters."""
    text = "-".join(str(p) for p in parts if p)
    name = "".join(c if c.isalnum() or c in "-_." else "-" for c in text)
    return re.sub(r"-{2,}", "-", name).strip("-.")[:80] or "dokumen"


def checked_target(parent: QWidget, path: str | Path, database: Path | None) -> Path | None:
    """`path` if the app may write there; else None, after saying why."""
    try:
        outputs.check_target(Path(path), outputs.kind_of_name(path), database)
    except KemitraanError as exc:
        show_error(parent, exc)
        return None
    return Path(path)


def ask_save_path(parent: QWidget, title: str, name: str, filter_: str, suffix: str,
                  database: Path | None) -> Path | None:
    """Ask where to save (adding `suffix` when the name lacks it), then check the place."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, name, filter_)
    if not chosen:
        return None
    if not chosen.lower().endswith(suffix):
        chosen += suffix
    return checked_target(parent, chosen, database)
