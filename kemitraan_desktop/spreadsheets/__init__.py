"""Spreadsheets in and out: reading any office workbook, the roster import, exports and templates.

The names below load their modules on first use, so that starting the desktop does not
pay for openpyxl until a workbook is actually written.
"""

from importlib import import_module

_EXPORTS = {
    "Analysis": "roster_import", "ImportReport": "roster_import", "Problem": "roster_import",
    "analyse_roster": "roster_import", "import_roster": "roster_import",
    "export_roster": "export", "write_template": "export", "export_register": "export",
    "export_pairs": "pairs_export",
    "ParticipantsReport": "participants_import", "import_participants": "participants_import",
    "RundownReport": "rundown_import", "export_rundown": "rundown_export",
    "import_rundown": "rundown_import",
    "AttendanceImportReport": "attendance_import", "export_recap": "attendance_recap",
    "import_marks": "attendance_import",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
