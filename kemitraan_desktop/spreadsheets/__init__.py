"""Spreadsheets in and out: reading any office workbook, the roster import, exports and templates."""

from .export import export_roster, write_template
from .roster_import import Analysis, ImportReport, Problem, analyse_roster, import_roster

__all__ = ["Analysis", "ImportReport", "Problem", "analyse_roster", "export_roster",
           "import_roster", "write_template"]
