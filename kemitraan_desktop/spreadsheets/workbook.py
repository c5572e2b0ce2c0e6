"""Writing workbooks: the cell styles, safe text cells, print setup and the safe save every export shares."""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..errors import StorageError, os_reason
from ..logs import log

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
PROBLEM_FILL = PatternFill("solid", fgColor="FCE4E4")
THIN = Side(style="thin", color="A6A6A6")
HEADER_BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TEXT_FORMAT = "@"
DATE_FORMAT = "DD/MM/YYYY"
# A spreadsheet would evaluate a cell starting with these as a formula (CSV/formula injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def print_setup(ws, header_row: int) -> None:
    """Printed from Excel, the sheet fits the page width in landscape with its header on
    every page, instead of 25 narrow portrait pages."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4 (openpyxl PAPERSIZE_A4), not Letter
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"


def text_cell(ws, value, *, force_text: bool = False) -> WriteOnlyCell:
    """A cell whose text is never evaluated: strings that look like formulas are stored as
    plain strings with Excel's quote prefix, so editing the cell keeps them text too."""
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and (force_text or value.startswith(FORMULA_STARTS)):
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    if force_text:
        cell.number_format = TEXT_FORMAT
    return cell


def header_cells(ws, labels: Iterable[str]) -> list[WriteOnlyCell]:
    cells = []
    for label in labels:
        cell = text_cell(ws, label)  # a header copied from the user's file is user text
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cells.append(cell)
    return cells


def check_destination(path: str | Path) -> Path:
    """Refuse a destination that cannot be written, before any work is done (a write-only
    workbook abandoned half-built complains when it is collected)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise StorageError(f"Folder '{path.parent}' tidak ada; berkas '{path.name}' tidak ditulis.")
    if path.is_dir():
        raise StorageError(f"'{path}' adalah folder; tulis nama berkas .xlsx.")
    return path


def save_workbook(book: Workbook, path: str | Path) -> Path:
    """Save through a temporary file so a failed write (disk full) leaves no half file."""
    path = check_destination(path)
    tmp = path.with_name(f".{path.name}.tmp")
    # Built in memory first: a disk that fills up (or Ctrl+C) then stops one plain write,
    # never openpyxl half-way through its archive (whose cleanup prints English tracebacks).
    buffer = io.BytesIO()
    book.save(buffer)
    try:
        tmp.write_bytes(buffer.getvalue())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        log.warning("Menulis %s gagal: %r", path, exc)
        raise StorageError(f"Berkas '{path}' tidak dapat ditulis: {os_reason(exc)}.") from exc
    except BaseException:  # interrupted: no hidden half file (it may hold personal data)
        tmp.unlink(missing_ok=True)
        raise
    return path


def set_widths(ws, widths: Iterable[float]) -> None:
    """Column widths in characters, from column A on."""
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
