"""PDF documents (reportlab) on the office's frame: letterhead, signatures, paper sizes.

The names below load their modules on first use, so that starting the desktop does not
pay for reportlab until a document is actually printed.
"""

from importlib import import_module

_EXPORTS = {
    "build_document": "frame", "letterhead_preview": "frame",
    "print_attendance": "attendance", "print_pairs": "pairs", "print_rundown": "rundown",
    "print_recap": "recap", "print_biodata": "biodata", "print_register": "register",
    "print_certificates": "certificate", "print_payments": "payments",
    "print_nametags": "nametags", "print_activity_report": "activity_report",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
