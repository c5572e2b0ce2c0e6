"""What the follow-up's entry dialogs (RTL, monev) end with: the line where a refusal is
shown in red, and Simpan / Batal wired to the dialog's save() and reject()."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout


def error_and_buttons(dialog: QDialog, layout: QVBoxLayout) -> QLabel:
    """Add the red refusal line and the buttons under `layout`; returns the line."""
    error = QLabel(dialog)
    error.setObjectName("error")
    error.setStyleSheet("color: #b3261e;")
    error.setWordWrap(True)
    layout.addWidget(error)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel, dialog)
    tr = QCoreApplication.translate
    buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("FollowUpDialog", "Simpan"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("FollowUpDialog", "Batal"))
    buttons.accepted.connect(dialog.save)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return error
