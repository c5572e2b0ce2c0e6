"""Confirmations: a yes/no question with Indonesian buttons, opened (not exec'd) so that the
window stays alive and a test can answer it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

YES, NO = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


def confirm(parent: QWidget, title: str, text: str, yes: str, on_yes: Callable[[], object], *,
            icon: QMessageBox.Icon = QMessageBox.Icon.Question, no: str = "",
            safe_default: bool = True) -> QMessageBox:
    """Ask; `on_yes` runs when the operator agrees. The safe answer (No) is the default
    unless `safe_default` is False. Returns the open box (keep a reference to it)."""
    box = QMessageBox(icon, title, text, YES | NO, parent)
    box.button(YES).setText(yes)
    box.button(NO).setText(no or QCoreApplication.translate("confirm", "Batal"))
    if safe_default:
        box.setDefaultButton(NO)
    box.accepted.connect(on_yes)
    box.open()
    return box
