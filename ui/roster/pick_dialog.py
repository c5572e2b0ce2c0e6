"""Pick people by the IDs pasted from a letter (the surat tugas naming nine teachers):
the roster then lists just them, selected, ready for "Tambahkan ke program"."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop.pasted_ids import PastedMatch, match_pasted


class PickByIdsDialog(QDialog):
    """Paste NIP / NUPTK / NIK (any text around them); what is found shows as it is typed."""

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.match = PastedMatch()
        self.setWindowTitle(self.tr("Pilih dari daftar NIP/NUPTK"))
        self.resize(560, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Tempelkan daftar dari surat atau lembar kerja: NIP (juga bertulis "
            "19680512 199303 2 007), NUPTK atau NIK. Nama dan teks lain dilewati."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText(self.tr("1. Dra. Sri Wahyuni, M.Pd.  NIP 19680512 199303 2 007\n"
                                             "2. Budi Santoso, S.Pd.  NUPTK 1234567890123456"))
        layout.addWidget(self.text, 1)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        layout.addWidget(self.result)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Tampilkan dan pilih"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.text.textChanged.connect(self._match)
        self._match()

    def _match(self) -> None:
        # a pasted list is a few dozen IDs: one indexed lookup each
        self.match = match_pasted(self.db, self.text.toPlainText())
        self.result.setText(self.match.summary() if self.text.toPlainText().strip() else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.match.ids))
