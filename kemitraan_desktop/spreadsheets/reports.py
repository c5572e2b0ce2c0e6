"""What every spreadsheet import reports: one base for the roster, participants, rundown and attendance imports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ..indonesia import format_thousands
from .roster_rows import Problem, header_problems

__all__ = ["ActivityImportReport", "ImportReportBase", "RowChecks", "RowsImportReport"]


@dataclass
class ImportReportBase:
    """The file read, where its table was, and what became of it. Each import adds its
    own counts; `problems` are located by Excel row and column."""

    file: str
    sheet: str = ""
    header_row: int = 0  # as Excel numbers it
    rows: int = 0  # data rows read
    problems: list[Problem] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)  # headers not read, as written
    dry_run: bool = False
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class RowsImportReport(ImportReportBase):
    """An import of one record per row (the roster, a program's participants), where the
    rows with problems may be left out (`skip_invalid`) unless the sheet itself is wrong."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # rows with problems (left out when skipping invalid rows)
    skip_invalid: bool = False
    blocked: bool = False  # a problem with the sheet itself: nothing can be written


@dataclass
class ActivityImportReport(ImportReportBase):
    """An import into one activity (its rundown, its attendance): any problem and nothing
    is written; warnings are shown and do not block."""

    activity: str = ""  # the activity's title
    warnings: list[Problem] = field(default_factory=list)
    ignored_rows: int = 0  # rows under the table (a signature block, notes)
    imported: ClassVar[str] = "Data diimpor"  # "Kehadiran diimpor": what summary() says

    def counts(self) -> str:
        """What the file holds, in words (each kind of import says it its own way)."""
        raise NotImplementedError

    def summary(self) -> str:
        """One line: the problems that stopped it, or what was (or would be) written."""
        warned = f" {len(self.warnings)} peringatan." if self.warnings else ""
        if self.problems:
            start = "Hasil pemeriksaan" if self.dry_run else "Tidak ada yang disimpan"
            return (f"{start}: {format_thousands(len(self.problems))} masalah di '{self.file}'; "
                    f"perbaiki lalu impor lagi.{warned}")
        if self.written:
            return f"{self.imported}: {self.counts()}.{warned}"
        return f"Uji coba (tidak ada yang disimpan): {self.counts()}.{warned}"

    def details(self) -> list[str]:
        """Every problem and warning, then what was not read, one line each."""
        lines = [str(p) for p in self.problems] + [f"Peringatan: {p}" for p in self.warnings]
        if self.ignored_rows:
            lines.append(f"{self.ignored_rows} baris di bawah tabel (tanda tangan, catatan) "
                         "tidak dibaca.")
        if self.unknown_columns:
            lines.append("Kolom yang tidak dibaca: " + ", ".join(self.unknown_columns) + ".")
        return lines


class RowChecks:
    """What the row checks of a rundown or an attendance import share: problems and
    warnings located by Excel row and column (the header names a field's column), starting
    with the header's own (a column given twice)."""

    report: ActivityImportReport
    header: object  # label(key) -> (header text, column order); duplicates

    def check_header(self) -> None:
        self.report.problems += header_problems(self.header, self.report.header_row)

    def problem(self, row: int | None, column: str | None, order: int, message: str,
                *, warning: bool = False) -> None:
        (self.report.warnings if warning else self.report.problems).append(
            Problem(row, column, message, order))

    def at(self, row: int, key: str, message: str, *, warning: bool = False) -> None:
        self.problem(row, *self.header.label(key), message, warning=warning)
