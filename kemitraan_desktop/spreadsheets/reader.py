"""Reads a sheet of .xlsx, .xls, .ods (python-calamine) or .csv into rows of cell values."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import python_calamine as calamine

from ..errors import InputFileError

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Sheet:
    """One sheet's cells. `first_row`/`first_col` are 0-based positions of rows[0][0] in the
    file, so that a problem can name the row and column as Excel shows them."""

    name: str
    rows: list[list]
    first_row: int = 0
    first_col: int = 0

    def excel_row(self, index: int) -> int:
        return self.first_row + index + 1


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def list_sheets(path: str | Path) -> list[str]:
    """The visible sheets of a workbook (a CSV is one sheet named after the file)."""
    path = Path(path)
    _check_file(path)
    if path.suffix.lower() == ".csv":
        return [path.stem]
    book = _open_workbook(path)
    try:
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
    with _open_workbook(path) as book:
        visible = [m.name for m in book.sheets_metadata
                   if m.visible == calamine.SheetVisibleEnum.Visible]
        if sheet is not None:
            if sheet not in book.sheet_names:
                raise InputFileError(
                    f"Lembar '{sheet}' tidak ada di '{path.name}'. Lembar yang ada: "
                    + ", ".join(book.sheet_names))
            visible = [sheet]
        for name in visible:
            try:
                data = book.get_sheet_by_name(name)
                rows = data.to_python(skip_empty_area=False)
            except calamine.CalamineError as exc:
                raise InputFileError(f"Lembar '{name}' di '{path.name}' rusak dan tidak dapat dibaca.",
                                     [repr(exc)]) from exc
            yield Sheet(name, rows, 0, 0)


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


def _open_workbook(path: Path) -> calamine.CalamineWorkbook:
    _check_file(path)
    with open(path, "rb") as handle:
        magic = handle.read(8)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".ods") and not magic.startswith(_ZIP_MAGIC):
        if magic == _OLE_MAGIC and suffix != ".ods":
            raise InputFileError(
                f"Berkas '{path.name}' dilindungi kata sandi atau sebenarnya berformat .xls lama. "
                "Buka di Excel, hapus kata sandinya, lalu simpan ulang sebagai .xlsx.")
        raise InputFileError(
            f"Berkas '{path.name}' bukan berkas {suffix} yang sah (mungkin berkas lain yang "
            "diganti namanya, atau rusak).")
    if magic.startswith(_ZIP_MAGIC) and not zipfile.is_zipfile(path):
        raise InputFileError(f"Berkas '{path.name}' rusak atau terpotong (tidak lengkap).")
    try:
        return calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError as exc:
        raise InputFileError(
            f"Berkas '{path.name}' dilindungi kata sandi. Buka di Excel, hapus kata sandinya, "
            "lalu simpan ulang.", [repr(exc)]) from exc
    except (calamine.CalamineError, ValueError, OSError) as exc:
        raise InputFileError(
            f"Berkas '{path.name}' rusak atau bukan lembar kerja yang dapat dibaca.",
            [repr(exc)]) from exc


def _decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw[:4096]:
        raise InputFileError(f"Berkas '{name}' bukan teks CSV (berisi data biner).")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")  # unreachable in practice: cp1252 fails only on 5 bytes


def _delimiter(sample: str) -> str:
    """The delimiter that splits the first lines into the most rows of one same width.
    Counting characters is not enough: in a `;` file from Indonesian Excel the commas of
    titles ("S.Pd., M.Pd.") and decimals can outnumber the semicolons."""
    best, best_score = ";", -1
    for delimiter in (";", ",", "\t"):
        try:
            widths = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter)
                      if any(cell.strip() for cell in row)]
        except csv.Error:
            continue
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        score = widths.count(common) if common > 1 else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(path: Path) -> Sheet:
    text = _decode(path.read_bytes(), path.name)
    delimiter = _delimiter("\n".join(text.splitlines()[:40]))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [list(row) for row in reader]
    except csv.Error as exc:
        raise InputFileError(f"Berkas CSV '{path.name}' rusak: {exc}") from exc
    return Sheet(path.stem, rows, 0, 0)
