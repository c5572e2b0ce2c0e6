"""The status line: what a page says in the main window's status bar."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def show_status(page: QWidget, text: str) -> None:
    """A short message in the main window's status bar (kept on the page for tests)."""
    page.last_status = text
    status_bar = getattr(page.window(), "statusBar", None)
    if status_bar is not None:
        status_bar().showMessage(text, 8000)
