"""The programs page's small tables: the checks' findings and the summary by province and
subject."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from kemitraan_desktop import pairing, programs
from kemitraan_desktop.indonesia import format_thousands

from ..widgets.models import RowsModel


class FindingsModel(RowsModel):
    HEADERS = ("Jenis", "Masalah")

    def set_findings(self, findings: list[pairing.Finding]) -> None:
        self.set_rows(findings)

    @property
    def findings(self) -> list[pairing.Finding]:
        return self.rows

    def cell(self, finding: pairing.Finding, column: int, role):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(pairing.SEVERITY_LABELS[finding.severity]) if column == 0 \
                else finding.message
        if role == Qt.ItemDataRole.ToolTipRole:
            return finding.message
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QBrush(QColor("#b3261e" if finding.severity == pairing.ERROR else "#9a6700"))
        return None


class SummaryModel(RowsModel):
    """Participants per province and subject, a column per tier (the program's labels)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.program: programs.Program | None = None

    def set_rows(self, program: programs.Program, rows: list[dict]) -> None:  # type: ignore[override]
        self.program = program
        total = {"province": self.tr("Jumlah"), "subject": "",
                 "counts": [sum(r["counts"][i] for r in rows) for i in range(program.tiers)],
                 "reach": sum(r["reach"] for r in rows)}
        super().set_rows([*rows, total] if rows else [])

    def headers(self) -> list[str]:
        if self.program is None:
            return []
        return [self.tr("Provinsi"), self.tr("Mata Pelajaran"), *self.program.labels,
                self.tr("Jangkauan")]

    def header_tooltip(self, section: int) -> str | None:
        return self.tooltip() if section == self.columnCount() - 1 else None

    def tooltip(self) -> str:
        return self.tr("Jangkauan: guru yang dibimbing (semua tingkat di bawah %s), "
                       "seperti jangkauan di pohon.") % self.program.label(1)

    def cell(self, row: dict, column: int, role):
        if role == Qt.ItemDataRole.DisplayRole:
            values = [row["province"], row["subject"], *row["counts"], row["reach"]]
            value = values[column]
            return format_thousands(value) if isinstance(value, int) else value
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
