"""Reads a sheet of .xlsx, .xls, .ods (python-calamine) or .csv into rows of cell values."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import python_calamine as calamine

from ..errors import InputFileError, os_reason
from ..indonesia import INVISIBLE, format_thousands
from .limits import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_MERGES,
    MAX_SHEETS,
    MAX_TEXT,
    too_many_merges,
    too_many_sheets,
)
from .measure import FormulaError, check_xlsx_sheet, column_letter, measure, too_large
from .ods_cells import has_spans_or_formulas, ods_sheet_extras
from .xml_formats import is_spreadsheet_xml, read_spreadsheet_xml

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Excel holds at most 32,767 characters in a cell (MAX_TEXT): a longer one is a damaged or
# foreign file (and a 10 MB "name" would be stored, searched and printed).
# A CSV is read whole: a roster of 100,000 teachers is about 20 MB of it.
MAX_CSV_BYTES = 64 * 1024 * 1024
# One line of it: 60 cells as long as Excel holds.
MAX_CSV_LINE = 2 * 1024 * 1024
# What Excel shows in a cell whose formula failed; calamine reads such a cell as blank.
FORMULA_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                            "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!",
                            "#CONNECT!", "#BUSY!", "#UNKNOWN!"})


@dataclass
class Sheet:
    """One sheet's cells. `first_row`/`first_col` are 0-based positions of rows[0][0] in the
    file, so that a problem can name the row and column as Excel shows them."""

    name: str
    rows: list[list]
    first_row: int = 0
    first_col: int = 0
    merged: list | None = None  # ((top, left), (bottom, right)) of merged cells, when read

    def excel_row(self, index: int) -> int:
        return self.first_row + index + 1


def list_sheets(path: str | Path) -> list[str]:
    """The visible sheets of a workbook (a CSV is one sheet named after the file)."""
    path = Path(path)
    _check_file(path)
    if path.suffix.lower() == ".csv":
        return [path.stem]
    if _is_xml_workbook(path):
        return [name for name, _, _, visible in read_spreadsheet_xml(path) if visible]
    book = _open_workbook(path)
    try:
        _check_sheet_count(book, path)
        return [m.name for m in book.sheets_metadata
                if m.visible == calamine.SheetVisibleEnum.Visible]
    finally:
        book.close()


def read_sheets(path: str | Path, sheet: str | None = None) -> Iterator[Sheet]:
    """Yield the visible sheets (or only `sheet`), each read whole."""
    path = Path(path)
    _check_file(path)
    if path.suffix.lower() == ".csv":
        yield _read_csv(path)
        return
    if _is_xml_workbook(path):
        yield from _read_xml_workbook(path, sheet)
        return
    with _open_workbook(path) as book:
        _check_sheet_count(book, path)
        ods = path.suffix.lower() == ".ods"
        extras = ods and has_spans_or_formulas(path)
        visible = [m.name for m in book.sheets_metadata
                   if m.visible == calamine.SheetVisibleEnum.Visible]
        if sheet is not None:
            if sheet not in book.sheet_names:
                raise InputFileError(
                    f"Lembar '{sheet}' tidak ada di '{path.name}'. Lembar yang ada: "
                    + ", ".join(book.sheet_names))
            visible = [sheet]
        for name in visible:
            errors = check_xlsx_sheet(path, name) if path.suffix.lower() in (".xlsx", ".xlsm") \
                else {}
            try:
                data = book.get_sheet_by_name(name)
                rows = data.to_python(skip_empty_area=False)
            except (KeyboardInterrupt, SystemExit, GeneratorExit):
                raise
            except BaseException as exc:  # CalamineError, or a panic of its Rust code
                raise InputFileError(f"Lembar '{name}' di '{path.name}' rusak dan tidak dapat dibaca.",
                                     technical=repr(exc)) from exc
            merged = None if ods else (getattr(data, "merged_cell_ranges", None) or [])
            if extras:  # calamine gives no spans for .ods, and 0 for an uncomputed formula
                merged, pending = ods_sheet_extras(path, name)
                errors.update(pending)
            elif ods:
                merged = []
            if len(merged or ()) > MAX_MERGES:
                raise InputFileError(too_many_merges(path.name, name, len(merged)))
            for (row, col), text in errors.items():  # within the extent measured
                rows.extend([] for _ in range(row + 1 - len(rows)))
                rows[row].extend("" for _ in range(col + 1 - len(rows[row])))
                rows[row][col] = text if isinstance(text, FormulaError) else FormulaError(text)
            sheet_data = Sheet(name, rows, 0, 0, merged)
            _check_text(sheet_data, path)
            yield sheet_data


@dataclass
class SheetSearch:
    """What search_sheets found: the first sheet whose header is complete, else the first
    with a header missing something (to say what), and the names of the sheets read."""

    found: tuple[Sheet, object] | None
    partial: tuple[Sheet, object] | None
    seen: list[str]

    def where(self, path: Path) -> str:
        """` (lembar 'A', 'B')` for a workbook, nothing for a CSV: where no header was."""
        if path.suffix.lower() == ".csv":
            return ""
        return " (lembar " + (", ".join(f"'{n}'" for n in self.seen) or "-") + ")"


def search_sheets(path: Path, sheet: str | None, find: Callable[[list[list]], object],
                  complete: Callable[[object], bool]) -> SheetSearch:
    """Read the visible sheets (or `sheet`) until `find(rows)` gives a header that is
    `complete`; every importer looks for its sheet this way."""
    seen, partial = [], None
    for data in read_sheets(path, sheet):
        header = find(data.rows)
        if header is not None and complete(header):
            return SheetSearch((data, header), partial, seen)
        if header is not None and partial is None:
            partial = (data, header)
        seen.append(data.name)
    return SheetSearch(None, partial, seen)


def _check_sheet_count(book: calamine.CalamineWorkbook, path: Path) -> None:
    """Refuse thousands of sheets up front: each would be read and searched in turn."""
    if len(book.sheet_names) > MAX_SHEETS:
        raise InputFileError(too_many_sheets(path.name, len(book.sheet_names)))


def _is_xml_workbook(path: Path) -> bool:
    """An .xls that is really Excel 2003 XML (SpreadsheetML), as some exporters write it."""
    if path.suffix.lower() != ".xls":
        return False
    with open(path, "rb") as handle:
        return is_spreadsheet_xml(handle.read(4096))


def _read_xml_workbook(path: Path, sheet: str | None) -> Iterator[Sheet]:
    sheets = read_spreadsheet_xml(path)
    names = [name for name, *_ in sheets]
    if sheet is not None and sheet not in names:
        raise InputFileError(f"Lembar '{sheet}' tidak ada di '{path.name}'. Lembar yang ada: "
                             + ", ".join(names))
    for name, rows, merged, visible in sheets:
        if (sheet is None and visible) or name == sheet:
            data = Sheet(name, rows, 0, 0, merged)
            _check_text(data, path)
            yield data


def _check_file(path: Path) -> None:
    if not path.exists():
        raise InputFileError(f"Berkas '{path}' tidak ada.")
    if path.is_dir():
        raise InputFileError(f"'{path}' adalah folder, bukan berkas lembar kerja.")
    if path.suffix.lower() not in SPREADSHEET_SUFFIXES:
        raise InputFileError(
            f"Berkas '{path.name}' bukan lembar kerja yang didukung "
            "(gunakan .xlsx, .xls, .ods atau .csv).")
    if path.stat().st_size == 0:
        raise InputFileError(f"Berkas '{path.name}' kosong (0 byte).")
    try:  # a file this user may not read (another user's, or locked by Excel on Windows)
        with open(path, "rb"):
            pass
    except OSError as exc:
        raise InputFileError(f"Berkas '{path.name}' tidak dapat dibaca: {os_reason(exc)}. Tidak ada "
                             "yang diubah.", technical=repr(exc)) from None


def _open_workbook(path: Path) -> calamine.CalamineWorkbook:
    _check_file(path)
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    magic = head[:8]
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".ods") and not magic.startswith(_ZIP_MAGIC):
        if magic == _OLE_MAGIC and "EncryptionInfo".encode("utf-16-le") in head:
            raise InputFileError(
                f"Berkas '{path.name}' dilindungi kata sandi (terenkripsi). Buka di Excel dengan "
                "kata sandinya, hapus kata sandi itu (File > Info > Lindungi Buku Kerja), lalu "
                "simpan ulang sebagai .xlsx.")
        if magic == _OLE_MAGIC and suffix != ".ods":
            raise InputFileError(
                f"Berkas '{path.name}' dilindungi kata sandi atau sebenarnya berformat .xls lama. "
                "Buka di Excel, hapus kata sandinya, lalu simpan ulang sebagai .xlsx.")
        raise InputFileError(
            f"Berkas '{path.name}' bukan berkas {suffix} yang sah (mungkin berkas lain yang "
            "diganti namanya, atau rusak).")
    if magic.startswith(_ZIP_MAGIC) and not zipfile.is_zipfile(path):
        raise InputFileError(f"Berkas '{path.name}' rusak atau terpotong (tidak lengkap).")
    measure(path)
    try:
        return calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError as exc:
        raise InputFileError(
            f"Berkas '{path.name}' dilindungi kata sandi. Buka di Excel, hapus kata sandinya, "
            "lalu simpan ulang.", technical=repr(exc)) from exc
    except calamine.CalamineError as exc:
        if "cell limit" in str(exc).lower():
            raise InputFileError(too_large(path.name, None, None), technical=repr(exc)) from exc
        raise InputFileError(
            f"Berkas '{path.name}' rusak atau bukan lembar kerja yang dapat dibaca.",
            technical=repr(exc)) from exc
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # ValueError, OSError, or a panic of calamine's Rust code
        raise InputFileError(
            f"Berkas '{path.name}' rusak atau bukan lembar kerja yang dapat dibaca.",
            technical=repr(exc)) from exc


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode Text": UTF-16
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw:
        raise InputFileError(f"Berkas '{name}' bukan teks CSV (berisi data biner); simpan "
                             "ulang dari Excel sebagai CSV, atau impor berkas .xlsx-nya.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")  # unreachable in practice: cp1252 fails only on 5 bytes


def _delimiter(sample: str) -> str:
    """The delimiter that splits the first records into the most cells in rows of one width.
    Counting characters is not enough: in a `;` file from Indonesian Excel the commas of
    titles ("S.Pd., M.Pd.") and decimals can outnumber the semicolons."""
    best, best_score = ";", (False, -1)
    for delimiter in (";", ",", "\t"):
        try:
            widths = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter)
                      if any(cell.strip() for cell in row)]
        except csv.Error:
            continue
        if not widths:
            continue
        common = max(set(widths), key=lambda width: widths.count(width) * width)
        # A delimiter that splits the first record (the header, or a title that no
        # delimiter splits) comes first; then cells in rows of one width: a multi-line
        # address split on its commas makes more rows of three than the table has rows
        # of nine, but fewer cells.
        score = (widths[0] > 1, widths.count(common) * common if common > 1 else 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(path: Path) -> Sheet:
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:  # read whole: refused by its size before
        raise InputFileError(
            f"Berkas CSV '{path.name}' berukuran {format_thousands(size >> 20)} MB; paling besar "
            f"{format_thousands(MAX_CSV_BYTES >> 20)} MB (daftar 100.000 guru sekitar 20 MB). "
            "Berkas ini rusak atau bukan daftar; periksa isinya, atau bagi menjadi beberapa "
            "berkas lalu impor lagi.")
    text = _decode(path.read_bytes(), path.name)
    # The sample is whole records, not physical lines: a quoted address may span lines.
    sample = text[:1 << 16]
    if len(text) > len(sample):
        sample = sample[:sample.rfind("\n") + 1] or sample
    delimiter = _delimiter(sample)
    _check_csv_extent(text, delimiter, path)
    reader = csv.reader(_lines(text), delimiter=delimiter)
    try:
        rows = [list(row) for row in reader]
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise InputFileError(
                f"Baris {reader.line_num} di '{path.name}' berisi sel yang terlalu panjang (lebih "
                f"dari {format_thousands(csv.field_size_limit())} karakter; Excel sendiri hanya "
                f"menampung {format_thousands(MAX_TEXT)}). Berkas ini rusak atau bukan daftar "
                "yang benar; periksa baris itu.", technical=repr(exc)) from exc
        raise InputFileError(f"Berkas CSV '{path.name}' rusak di baris {reader.line_num} dan "
                             "tidak dapat dibaca; simpan ulang dari Excel sebagai CSV.",
                             technical=repr(exc)) from exc
    if "#" in text and any(error in text for error in FORMULA_ERRORS):
        for row in rows:  # Excel saves a failed formula as its error's text
            for index, cell in enumerate(row):
                if cell in FORMULA_ERRORS:
                    row[index] = FormulaError(cell)
    sheet = Sheet(path.stem, rows, 0, 0)
    _check_text(sheet, path)
    return sheet


# A line (after its line end: found by that literal, in linear time) of more characters
# than Excel has columns.
_LONG_LINE = re.compile(r"\n[^\n]{" + str(MAX_COLUMNS) + ",}")


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their ends, one at a time (io.StringIO would hold the whole
    text again, four bytes a character)."""
    start = 0
    while (end := text.find("\n", start)) >= 0:
        yield text[start:end + 1]
        start = end + 1
    if start < len(text):
        yield text[start:]


def _check_csv_extent(text: str, delimiter: str, path: Path) -> None:
    """Before csv lays the cells out: every delimiter and line end may start a cell (quoted
    ones too: counted high, never low), and one line may not hold more than Excel's
    columns (a 100 MB line of `;` is 100 million cells)."""
    cells = text.count(delimiter) + text.count("\n") + 1
    if cells > MAX_CELLS:
        raise InputFileError(
            f"Berkas CSV '{path.name}' berisi sampai {format_thousands(cells)} sel; paling "
            f"banyak {format_thousands(MAX_CELLS)} sel yang dapat dibaca. Berkas ini rusak atau "
            "bukan daftar; periksa isinya, atau bagi menjadi beberapa berkas lalu impor lagi.")
    first = text.find("\n")
    lines = [(0, len(text) if first < 0 else first)]  # the first line has no line end before
    lines += ((m.start() + 1, m.end()) for m in _LONG_LINE.finditer(text))
    for start, end in lines:  # only lines long enough to hold that many
        if end - start > MAX_CSV_LINE:
            line = text.count("\n", 0, start) + 1
            raise InputFileError(
                f"Baris {format_thousands(line)} di '{path.name}' berisi sel yang terlalu panjang "
                f"atau terlalu banyak: {format_thousands(end - start)} karakter tanpa ganti "
                "baris (satu baris daftar paling panjang beberapa ribu; Excel sendiri menampung "
                f"{format_thousands(MAX_TEXT)} karakter per sel). Berkas ini rusak atau bukan "
                "daftar; periksa baris itu lalu impor lagi.")
        if text.count(delimiter, start, end) >= MAX_COLUMNS:
            line = text.count("\n", 0, start) + 1
            raise InputFileError(
                f"Baris {format_thousands(line)} di '{path.name}' berisi lebih dari "
                f"{format_thousands(MAX_COLUMNS)} kolom (Excel sendiri paling banyak "
                f"{format_thousands(MAX_COLUMNS)}). Berkas ini rusak atau bukan daftar; "
                "periksa baris itu lalu impor lagi.")


def check_rows(rows: list[list], limit: int, what: str, file: str, sheet: Sheet) -> None:
    """Refuse more than `limit` filled rows: beyond what any office has, the checks of an
    import would not fit in memory (a million rows of one column). The rows are counted
    only when there are more than `limit` at all."""
    if len(rows) <= limit:
        return
    count = sum(1 for row in rows if any(cell != "" and cell is not None for cell in row))
    if count <= limit:
        return
    where = f"'{file}'" if file.lower().endswith(".csv") else f"Lembar '{sheet.name}' di '{file}'"
    raise InputFileError(
        f"{where[0].upper()}{where[1:]} berisi {format_thousands(count)} baris data; {what} "
        f"paling banyak {format_thousands(limit)} baris sekaligus. Hapus baris yang tidak "
        "perlu atau bagi berkasnya menjadi beberapa bagian, lalu impor lagi.")


def _check_text(sheet: Sheet, path: Path) -> None:
    """Refuse a cell longer than Excel can hold, naming it; take out of every text the
    characters that take no room (zero-width spaces, soft hyphens, BOMs pasted from the web
    or a PDF), for every importer alike."""
    limit, text_type, invisible = MAX_TEXT, str, INVISIBLE
    for index, row in enumerate(sheet.rows):
        for col, cell in enumerate(row):
            if cell.__class__ is text_type and not cell.isascii():
                row[col] = cell = invisible.sub("", cell)
            if cell.__class__ is text_type and len(cell) > limit:
                where = "" if path.suffix.lower() == ".csv" else f" (lembar '{sheet.name}')"
                raise InputFileError(
                    f"Sel {column_letter(sheet.first_col + col)}{sheet.excel_row(index)}"
                    f"{where} di '{path.name}' berisi {format_thousands(len(cell))} karakter; "
                    f"Excel sendiri hanya menampung {format_thousands(limit)} karakter per sel. "
                    "Berkas ini rusak atau bukan daftar yang benar; perbaiki sel itu lalu impor "
                    "lagi.")


# ---------------------------------------------------------------- merged cells

def merged_ranges(path: Path, sheet: Sheet) -> list:
    """Merged cells of the sheet as ((top, left), (bottom, right)): a day, an activity or a
    time merged over several rows holds for each of them. calamine gives them with the
    cells of .xlsx and .xls; an .ods is read for them here."""
    if sheet.merged is not None:
        return sheet.merged
    try:
        if Path(path).suffix.lower() == ".ods":
            return ods_sheet_extras(Path(path), sheet.name)[0]
    except (ValueError, OSError, RuntimeError, KeyError, zipfile.BadZipFile,
            ElementTree.ParseError):
        pass  # the cells were read already; without the ranges, blank cells carry on
    return []


def fill_merged(rows: list[list], ranges: list, first: int) -> None:
    """Give every row of a vertical merge below the header the value of its top cell. Each
    cell is visited once however many ranges cover it (200,000 copies of one range on a
    5,000-row sheet were a billion steps): the ranges in order of column and top, each
    column's rows filled so far skipped."""
    reach: dict[int, int] = {}
    for (top, column), (bottom, _) in sorted(
            (r for r in ranges if r[0][0] >= first and r[1][0] > r[0][0]),
            key=lambda r: (r[0][1], r[0][0])):
        if top >= len(rows) or column >= len(rows[top]):
            continue
        value = rows[top][column]
        start = max(top + 1, reach.get(column, -1) + 1)
        end = min(bottom, len(rows) - 1)
        for index in range(start, end + 1):
            row = rows[index]
            if column < len(row) and row[column] in ("", None):
                row[column] = value
        reach[column] = max(reach.get(column, -1), end)
