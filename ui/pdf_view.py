"""A PDF shown inside the app: each page rendered by QtPdf into a scrollable view."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

PAGE_WIDTH_PX = 640


class PdfPreview(QDialog):
    def __init__(self, path: str | Path, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        pages = QWidget(self)
        column = QVBoxLayout(pages)
        self.page_labels: list[QLabel] = []
        for number in range(self.document.pageCount()):
            size = self.document.pagePointSize(number)
            height = int(PAGE_WIDTH_PX * size.height() / size.width()) if size.width() else PAGE_WIDTH_PX
            image = self.document.render(number, QSize(PAGE_WIDTH_PX, height))
            label = QLabel(pages)
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("background: white; border: 1px solid #999;")
            column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        scroll = QScrollArea(self)
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(PAGE_WIDTH_PX + 80, 700)
