"""A grey explanation that wraps to the width of what it explains (no check box's indent)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def note(text: str, parent: QWidget) -> QLabel:
    """A grey explanation under a field, wrapped to the field's width."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet("color: #5f6368;")
    return label
