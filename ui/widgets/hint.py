"""A check box with its explanation underneath: a check box's text never wraps, so a long
one would set the width of the whole window; the explanation wraps."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QVBoxLayout, QWidget


def hint_label(text: str, parent: QWidget) -> QLabel:
    """A small grey explanation that wraps to the width it is given."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet("color: #5f6368; margin-left: 22px;")
    return label


def hinted_check(text: str, hint: str, parent: QWidget, layout: QFormLayout | QVBoxLayout
                 ) -> QCheckBox:
    """Add a check box with `hint` below it to `layout`; the hint is also its tooltip."""
    box = QCheckBox(text, parent)
    box.setToolTip(hint)
    label = hint_label(hint, parent)
    if isinstance(layout, QFormLayout):
        layout.addRow("", box)
        layout.addRow("", label)
    else:
        layout.addWidget(box)
        layout.addWidget(label)
    return box
