"""Spreadsheets in and out: reading any office workbook, the roster import, exports and templates."""

from .export import export_roster, write_template
from .roster_import import ImportReport, Problem, import_roster

__all__ = ["ImportReport", "Problem", "export_roster", "import_roster", "write_template"]
