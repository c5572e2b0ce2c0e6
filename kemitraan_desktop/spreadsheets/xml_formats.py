"""Two things calamine does not give: Excel 2003 XML workbooks (SpreadsheetML, which some
Dapodik and PHP exporters write and name .xls), and the exact digits of a long number in
an .xlsx written by a program rather than typed into Excel.

A 64-bit PhpSpreadsheet writes a NIP it holds as a number with all 18 digits in the XML;
calamine reads every number as a double, which keeps 15-17. The digits are read again
from the XML, so that an ID that lost nothing is not called damaged."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from ..errors import InputFileError
from ..indonesia import format_thousands
from .limits import MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_SHEETS, too_large, too_many_sheets
from .measure import FormulaError, FormulaPending, column_number, sheet_part

_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
# A SpreadsheetML workbook larger than this is no roster (a province's 200,000 teachers
# with 51 columns are about 150 MB of such XML).
MAX_XML_BYTES = 256 << 20


def is_spreadsheet_xml(head: bytes) -> bool:
    """The first bytes of an Excel 2003 XML workbook (with or without a BOM)."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    return text.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head


def _refuse(path: Path, what: str) -> InputFileError:
    return InputFileError(f"Berkas '{path.name}' (format XML Excel 2003) {what}")


def read_spreadsheet_xml(path: Path) -> list[tuple[str, list[list], list, bool]]:
    """Every worksheet as (name, rows, merged ranges, visible). Numbers written with every
    digit come back as int, so that a long ID keeps them. Read as a stream: the XML tree
    of a large download is never held whole."""
    size = path.stat().st_size
    if size > MAX_XML_BYTES:
        raise _refuse(path, f"berukuran {format_thousands(size >> 20)} MB; terlalu besar untuk "
                      "sebuah daftar. Simpan ulang dari Excel sebagai .xlsx.")
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
        raise _refuse(path, "berisi deklarasi DOCTYPE/ENTITY yang tidak dipakai Excel; berkas "
                      "ini bukan lembar kerja yang aman dibaca.")
    try:
        return _parse(path, path)
    except ElementTree.ParseError:
        pass
    try:  # Dapodik's exporter writes "&" and "<" in cells unescaped: as Excel, read on
        return _parse(io.BytesIO(_escape_loose(path.read_bytes())), path)
    except ElementTree.ParseError as exc:
        raise _refuse(path, f"rusak atau terpotong (baris {exc.position[0]} kolom "
                      f"{exc.position[1]} teks XML-nya); buka di Excel lalu simpan ulang "
                      "sebagai .xlsx.") from exc


def _parse(source, path: Path) -> list[tuple[str, list[list], list, bool]]:
    """Every position, gap and merge is measured against Excel's sheet and MAX_CELLS before
    a row is padded out to it: `ss:Index="2000000000"` in a 400-byte file is refused, never
    laid out."""
    sheets = []
    name, rows, merged, hidden, width = None, [], [], False, 0
    row_at, values, col = 0, [], 0
    for event, element in ElementTree.iterparse(source, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == _SS + "Worksheet":
                if len(sheets) >= MAX_SHEETS:
                    raise InputFileError(too_many_sheets(path.name, len(sheets) + 1))
                name = element.get(_SS + "Name") or f"Sheet{len(sheets) + 1}"
                rows, merged, hidden, row_at, width = [], [], False, 0, 0
            elif tag == _SS + "Row":
                if element.get(_SS + "Index"):
                    row_at = _number(element, "Index", path, name, row_at, 0) - 1
                values, col = [], 0
            continue
        if tag == _SS + "Cell":
            if element.get(_SS + "Index"):
                col = _number(element, "Index", path, name, row_at, col) - 1
            across = _number(element, "MergeAcross", path, name, row_at, col)
            down = _number(element, "MergeDown", path, name, row_at, col)
            _within(path, name, row_at + down, col + across)
            values.extend("" for _ in range(col - len(values)))
            data = element.find(_SS + "Data")
            formula = element.get(_SS + "Formula")
            values.append(FormulaPending(formula.lstrip("=")) if formula and data is None
                          else _value(data))
            if across or down:
                merged.append(((row_at, col), (row_at + down, col + across)))
            col += 1 + across
            values.extend("" for _ in range(across))
            element.clear()
        elif tag == _SS + "Row":
            _within(path, name, row_at, 0)
            width = max(width, len(values))
            if (row_at + 1) * max(width, 1) > MAX_CELLS:  # the grid padded out: refused first
                raise InputFileError(too_large(path.name, name, (row_at + 1, max(width, 1))))
            rows.extend([] for _ in range(row_at - len(rows)))
            rows.append(values)
            row_at += 1
            element.clear()
        elif tag.endswith("}Visible") and (element.text or "").strip() in ("SheetHidden",
                                                                            "SheetVeryHidden"):
            hidden = True
        elif tag == _SS + "Worksheet":
            for line in rows:
                line.extend("" for _ in range(width - len(line)))
            sheets.append((name, rows, merged, not hidden))
            element.clear()
    if not sheets:
        raise _refuse(path, "tidak berisi lembar kerja.")
    return sheets


def _number(element, attribute: str, path: Path, sheet: str | None, row: int, col: int) -> int:
    """A position or merge extent of the XML: a whole number within Excel's sheet."""
    raw = (element.get(_SS + attribute) or "0").strip()
    limit = MAX_ROWS if attribute in ("MergeDown",) or element.tag == _SS + "Row" \
        else MAX_COLUMNS
    if not raw.isdigit() or int(raw) > limit:
        raise InputFileError(
            f"Lembar '{sheet}' di '{path.name}' (format XML Excel 2003) menyatakan "
            f"ss:{attribute}=\"{raw[:20]}\" di baris {format_thousands(row + 1)}, kolom "
            f"{format_thousands(col + 1)}; lembar Excel paling banyak "
            f"{format_thousands(MAX_ROWS)} baris x {format_thousands(MAX_COLUMNS)} kolom. "
            "Berkas ini rusak atau sengaja dibuat untuk menghabiskan memori; buka di Excel, "
            "simpan ulang sebagai .xlsx, lalu impor lagi.")
    return int(raw)


def _within(path: Path, sheet: str | None, row: int, col: int) -> None:
    if row >= MAX_ROWS or col >= MAX_COLUMNS:
        raise InputFileError(too_large(path.name, sheet, (row + 1, col + 1)).replace(
            f"paling banyak {format_thousands(MAX_CELLS)} sel",
            f"lembar Excel paling banyak {format_thousands(MAX_ROWS)} baris x "
            f"{format_thousands(MAX_COLUMNS)} kolom"))


_LOOSE_AMP = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);)")
_LOOSE_LT = re.compile(rb"<(?![A-Za-z_/?!])")


def _escape_loose(data: bytes) -> bytes:
    """A bare `&` or a `<` that opens no tag (as in "R&D", "< 5 tahun"), escaped."""
    return _LOOSE_LT.sub(b"&lt;", _LOOSE_AMP.sub(b"&amp;", data))


def _value(data) -> object:
    if data is None:
        return ""
    text = "".join(data.itertext())
    kind = data.get(_SS + "Type")
    if kind == "Number":
        stripped = text.strip()
        if stripped.isdigit():
            return int(stripped)
        try:
            return float(stripped)
        except ValueError:
            return stripped
    if kind == "DateTime":
        try:
            return dt.datetime.fromisoformat(text.strip()[:19])
        except ValueError:
            return text
    if kind == "Boolean":
        return text.strip() == "1"
    if kind == "Error":
        return FormulaError(text.strip())
    return text


_LONG_NUMBER = re.compile(rb"<v>(\d{16,20})</v>")
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})(\d{1,7})"')


def exact_numbers(path: Path, sheet: str) -> dict[tuple[int, int], int]:
    """(row, column) -> the number's exact digits, for the cells of an .xlsx sheet whose
    XML holds a whole number of 16-20 digits (a number Excel rounded is written with 15
    significant digits and an exponent, and is not among them)."""
    found = {}
    try:
        with zipfile.ZipFile(path) as archive:
            part = sheet_part(archive, sheet)
            if part is None:
                return {}
            body = archive.read(part)
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError, RuntimeError):
        return {}
    for match in _LONG_NUMBER.finditer(body):  # the values first: few cells hold one
        start = body.rfind(b"<c ", 0, match.start())
        ref = _CELL_REF.search(body, start, match.start()) if start >= 0 else None
        if ref is not None and b"</c>" not in body[start:match.start()]:
            found[(int(ref[2]) - 1, column_number(ref[1]) - 1)] = int(match[1])
    return found
