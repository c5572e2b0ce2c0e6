"""Two things calamine does not give: Excel 2003 XML workbooks (SpreadsheetML, which some
Dapodik and PHP exporters write and name .xls), and the exact digits of a long number in
an .xlsx written by a program rather than typed into Excel.

A 64-bit PhpSpreadsheet writes a NIP it holds as a number with all 18 digits in the XML;
calamine reads every number as a double, which keeps 15-17. The digits are read again
from the XML, so that an ID that lost nothing is not called damaged."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from ..errors import InputFileError
from ..indonesia import format_thousands
from .measure import FormulaError, column_number, sheet_part

_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
# A SpreadsheetML workbook larger than this is no roster (a province's 200,000 teachers
# with 51 columns are about 150 MB of such XML).
MAX_XML_BYTES = 256 << 20
MAX_CELLS = 20_000_000


def is_spreadsheet_xml(head: bytes) -> bool:
    """The first bytes of an Excel 2003 XML workbook (with or without a BOM)."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    return text.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head


def _refuse(path: Path, what: str) -> InputFileError:
    return InputFileError(f"Berkas '{path.name}' (format XML Excel 2003) {what}")


def read_spreadsheet_xml(path: Path) -> list[tuple[str, list[list], list, bool]]:
    """Every worksheet as (name, rows, merged ranges, visible). Numbers written with every
    digit come back as int, so that a long ID keeps them."""
    size = path.stat().st_size
    if size > MAX_XML_BYTES:
        raise _refuse(path, f"berukuran {format_thousands(size >> 20)} MB; terlalu besar untuk "
                      "sebuah daftar. Simpan ulang dari Excel sebagai .xlsx.")
    data = path.read_bytes()
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise _refuse(path, "berisi deklarasi DOCTYPE/ENTITY yang tidak dipakai Excel; berkas "
                      "ini bukan lembar kerja yang aman dibaca.")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        try:  # Dapodik's exporter writes "&" and "<" in cells unescaped: as Excel, read on
            root = ElementTree.fromstring(_escape_loose(data))
        except ElementTree.ParseError as exc:
            raise _refuse(path, f"rusak atau terpotong (baris {exc.position[0]} kolom "
                          f"{exc.position[1]} teks XML-nya); buka di Excel lalu simpan ulang "
                          "sebagai .xlsx.") from exc
    sheets, cells = [], 0
    for sheet in root.iter(_SS + "Worksheet"):
        name = sheet.get(_SS + "Name") or f"Sheet{len(sheets) + 1}"
        rows, merged, row_at = [], [], 0
        table = sheet.find(_SS + "Table")
        for row in (table.iter(_SS + "Row") if table is not None else ()):
            if row.get(_SS + "Index"):
                row_at = int(row.get(_SS + "Index")) - 1
            while len(rows) < row_at:
                rows.append([])
            values, col = [], 0
            for cell in row.iter(_SS + "Cell"):
                if cell.get(_SS + "Index"):
                    col = int(cell.get(_SS + "Index")) - 1
                values.extend("" for _ in range(col - len(values)))
                values.append(_value(cell.find(_SS + "Data")))
                across = int(cell.get(_SS + "MergeAcross") or 0)
                down = int(cell.get(_SS + "MergeDown") or 0)
                if across or down:
                    merged.append(((row_at, col), (row_at + down, col + across)))
                col += 1 + across
                values.extend("" for _ in range(across))
            cells += len(values)
            if cells > MAX_CELLS:
                raise _refuse(path, f"berisi lebih dari {format_thousands(MAX_CELLS)} sel; "
                              "terlalu besar untuk sebuah daftar.")
            rows.append(values)
            row_at += 1
        width = max((len(r) for r in rows), default=0)
        for values in rows:
            values.extend("" for _ in range(width - len(values)))
        options = sheet.find("{urn:schemas-microsoft-com:office:excel}WorksheetOptions")
        hidden = options is not None and any(
            (e.text or "").strip() in ("SheetHidden", "SheetVeryHidden") for e in options.iter())
        sheets.append((name, rows, merged, not hidden))
    if not sheets:
        raise _refuse(path, "tidak berisi lembar kerja.")
    return sheets


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


_LONG_NUMBER = re.compile(
    rb'<c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"[^>]*>(?:<f\b[^>]*?(?:/>|>[^<]*</f>))?<v>(\d{16,20})</v>')


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
    for letters, row, digits in _LONG_NUMBER.findall(body):
        found[(int(row) - 1, column_number(letters) - 1)] = int(digits)
    return found
