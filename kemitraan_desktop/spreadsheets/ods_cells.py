"""What calamine does not give for an .ods sheet: its merged cells (spans), and the formula
cells the program that wrote the file never computed (`table:formula="of:=1+1"` with no
`office:value`), which calamine reads as 0 or blank. Both are read in one pass over
content.xml, and only when the file has any."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from ..errors import InputFileError
from .limits import MAX_MERGES, too_many_merges
from .measure import FormulaPending

_ODS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_VALUES = tuple(_OFFICE + name for name in ("value", "date-value", "time-value",
                                             "boolean-value", "string-value"))
_CELLS = (_ODS + "table-cell", _ODS + "covered-table-cell")
_CHUNK = 1 << 20


def has_spans_or_formulas(path: Path) -> bool:
    """Whether content.xml holds any span or formula (streamed, in bounded memory)."""
    tail = b""
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        while chunk := content.read(_CHUNK):
            data = tail + chunk
            if b"spanned" in data or b"formula" in data:
                return True
            tail = data[-16:]
    return False


def ods_sheet_extras(path: Path, sheet: str) -> tuple[list, dict]:
    """(merged ranges as ((top, left), (bottom, right)), {(row, column): FormulaPending})
    of the sheet named `sheet`, positions 0-based with repeated rows and cells counted."""
    ranges, pending = [], {}
    inside, row, column = False, -1, 0
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        for event, element in ElementTree.iterparse(content, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == _ODS + "table":
                    inside, row = element.get(_ODS + "name") == sheet, -1
                elif inside and tag == _ODS + "table-row":
                    row, column = row + 1, 0
                continue
            if not inside:
                if tag in _CELLS or tag == _ODS + "table-row":
                    element.clear()
                continue
            if tag in _CELLS:
                rows = _whole(element.get(_ODS + "number-rows-spanned"))
                columns = _whole(element.get(_ODS + "number-columns-spanned"))
                if rows > 1 or columns > 1:
                    ranges.append(((row, column), (row + rows - 1, column + columns - 1)))
                    if len(ranges) > MAX_MERGES:
                        raise InputFileError(too_many_merges(path.name, sheet, len(ranges)))
                formula = element.get(_ODS + "formula")
                # a text result may be empty (=IF(...;"";...)): its type says it was computed
                if formula and element.get(_OFFICE + "value-type") != "string" \
                        and not any(element.get(name) is not None for name in _VALUES) \
                        and not "".join(element.itertext()).strip():
                    pending[row, column] = FormulaPending(_shown(formula))
                column += _whole(element.get(_ODS + "number-columns-repeated"))
                element.clear()
            elif tag == _ODS + "table-row":
                row += _whole(element.get(_ODS + "number-rows-repeated")) - 1
                element.clear()
            elif tag == _ODS + "table":
                break
    return ranges, pending


def _whole(raw: str | None) -> int:
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


def _shown(formula: str) -> str:
    """`of:=1+1` -> `1+1`, as Excel would show it after the `=`."""
    text = formula.split(":", 1)[1] if formula[:4].lower() in ("of:=", "oooc") else formula
    return text.lstrip("=")
