"""Roster import, step one: turn a sheet's cells into cleaned rows and located problems."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from .. import people
from ..errors import Cancelled
from .headers import HeaderMap
from .reader import FormulaError, Sheet, column_letter

Progress = Callable[[int, int, str], None]
IsCancelled = Callable[[], bool]

_SCIENTIFIC = re.compile(r"^\d([.,]\d+)?[eE]\+?\d+$")
_ID_LENGTH = {"nuptk": 16, "nip": 18, "nik": 16}


@dataclass
class Problem:
    row: int | None  # the row number as Excel shows it
    column: str | None  # the column's header as written in the file
    message: str
    order: int = 0  # the column's position, to list a row's problems left to right

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"Baris {self.row}")
        if self.column:
            where.append(f"kolom '{self.column}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class Row:
    excel_row: int
    clean: dict
    person_id: int | None = None


def excel_number(value: float) -> str:
    """A number the way Indonesian Excel shows a long one: `1,23457E+15`."""
    mantissa, exponent = f"{value:.5E}".split("E")
    return f"{mantissa.replace('.', ',')}E{'+' if int(exponent) >= 0 else '-'}{abs(int(exponent)):02d}"


def cell_value(value, field_key: str):
    """Cell -> raw value for the cleaners; None for blank. Raises ValueError for an ID that
    Excel has already damaged by storing it as a number."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        if field_key in _ID_LENGTH:
            digits = str(int(value)) if float(value).is_integer() else str(value)
            if len(digits) > 15 or value >= 1e15:
                raise ValueError(
                    f"nomor tersimpan sebagai angka ({excel_number(value)}), sehingga digit "
                    "terakhirnya sudah hilang: Excel hanya menyimpan 15 digit angka. Ubah format "
                    "kolom menjadi Teks lalu ketik ulang nomornya (atau awali dengan tanda petik ')")
            return digits
        if field_key in ("npsn", "phone") and float(value).is_integer():
            return str(int(value))
        if field_key in ("ukg", "birth_date"):
            return value
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value if field_key == "birth_date" else str(value)
    if isinstance(value, str):
        text = value.strip()
        if field_key in _ID_LENGTH and _SCIENTIFIC.match(text):
            raise ValueError(
                f"nomor tertulis '{text}' (format ilmiah Excel): digit aslinya sudah hilang. "
                "Ketik ulang nomornya sebagai teks")
        return text or None
    return str(value)


def split_birth(text) -> tuple[str | None, object]:
    """`Pekalongan, 12 Mei 1975` -> ('Pekalongan', '12 Mei 1975')."""
    if isinstance(text, dt.date):
        return None, text
    place, _, date_part = str(text).rpartition(",")
    return (place.strip() or None), date_part.strip()


def label(header: HeaderMap, field_key: str) -> tuple[str, int]:
    """The column header a problem with `field_key` is reported on, and its position."""
    for index, key in header.columns.items():
        if key == field_key or (key == "birth" and field_key in ("birth_place", "birth_date")) \
                or (key == "id_any" and field_key in ("nip", "nuptk")):
            return header.labels[index], index
    if field_key in people.ID_FIELDS:  # "no ID at all" goes on the first ID column
        for index, key in header.columns.items():
            if key in people.ID_FIELDS or key == "id_any":
                return header.labels[index], index
    text = people.FIELD_BY_KEY[field_key].label if field_key in people.FIELD_BY_KEY else field_key
    return text, 10_000


def problem(header: HeaderMap, row: int | None, field_key: str, message: str) -> Problem:
    text, index = label(header, field_key)
    return Problem(row, text, message, index)


def header_problems(header: HeaderMap, excel_row: int) -> list[Problem]:
    return [Problem(excel_row, text,
                    f"kolom ini muncul dua kali (kolom {column_letter(a)} dan {column_letter(b)}); "
                    "hapus atau ganti nama salah satunya", b)
            for text, a, b in header.duplicates]


def is_numbering_row(row: list) -> bool:
    """The row of column numbers (1, 2, 3, ...) offices put under a header."""
    values = [cell for cell in row if cell not in ("", None)]
    if len(values) < 3:
        return False
    numbers = []
    for value in values:
        text = str(value).strip().strip("()")
        if text.endswith(".0"):
            text = text[:-2]
        if not text.isdigit() or len(text) > 3:
            return False
        numbers.append(int(text))
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def validate_rows(data: Sheet, header: HeaderMap, problems: list[Problem],
                  progress: Progress, cancelled: IsCancelled) -> list[Row]:
    """Clean every mapped column, then check each row across its fields.

    Column by column, because a roster's columns repeat (schools, regions, subjects,
    dates): each distinct value is cleaned once. The cleaners and the cross-field check
    are the same ones the person form uses."""
    first = header.row_index + 1
    body = data.rows[first:]
    keep = [i for i, row in enumerate(body) if any(cell != "" and cell is not None for cell in row)]
    if keep and keep[0] == 0 and is_numbering_row(body[0]):
        keep.pop(0)
    kept = [body[i] for i in keep]
    total = len(keep)
    errors: dict[int, dict[str, str]] = {}  # position in keep -> field -> message
    columns: list[tuple[str, list]] = []
    mapped = list(header.columns.items())
    for step, (col, key) in enumerate(mapped):
        if cancelled():
            raise Cancelled()
        progress(total * step // (len(mapped) + 1), total, "Memeriksa baris")
        raw = [row[col] if col < len(row) else None for row in kept]
        if key == "birth":
            places, dates = _split_birth_column(raw)
            columns.append(("birth_place", _clean_column("birth_place", places, errors)))
            columns.append(("birth_date", _clean_column("birth_date", dates, errors)))
        elif key == "id_any":
            nips, nuptks = _split_id_column(raw)
            columns.append(("nip", _clean_column("nip", nips, errors)))
            columns.append(("nuptk", _clean_column("nuptk", nuptks, errors)))
        else:
            columns.append((key, _clean_column(key, raw, errors)))
    if cancelled():
        raise Cancelled()
    cleaned: list[dict] = [{} for _ in keep]
    for key, values in columns:  # column-wise: cheaper than a dict comprehension per row
        for record, value in zip(cleaned, values, strict=True):
            if value is not None:
                record[key] = value
    rows: list[Row] = []
    for pos, index in enumerate(keep):
        clean = cleaned[pos]
        row_errors = errors.get(pos, {})
        for key, message in people.cross_check(clean, row_errors).items():
            row_errors.setdefault(key, message)
        excel_row = data.excel_row(first + index)
        for key, message in row_errors.items():
            problems.append(problem(header, excel_row, key, message))
        rows.append(Row(excel_row, clean))
    progress(total, total, "Memeriksa baris")
    return rows


def _split_birth_column(values: list) -> tuple[list, list]:
    places, dates = [], []
    for value in values:
        place, date = (None, None) if value is None or value == "" else split_birth(value)
        places.append(place)
        dates.append(date)
    return places, dates


def _split_id_column(values: list) -> tuple[list, list]:
    """A "NIP/NUPTK" column: 18 digits are a NIP, anything else is taken as a NUPTK."""
    nips, nuptks = [], []
    for value in values:
        digits = re.sub(r"\D", "", value) if isinstance(value, str) else ""
        is_nip = len(digits) == 18
        nips.append(value if is_nip else None)
        nuptks.append(None if is_nip else value)
    return nips, nuptks


_BLANK, _OK, _WRONG = 0, 1, 2


def _clean_one(key: str, value) -> tuple[int, object]:
    """(state, cleaned value or message) for one cell of column `key`."""
    if value is None or value == "":
        return _BLANK, None
    if isinstance(value, FormulaError):
        return _WRONG, value.problem()
    try:
        if value.__class__ is str:
            value = value.strip()
            if not value:
                return _BLANK, None
            if key in _ID_LENGTH and not value.isdigit():
                value = cell_value(value, key)
        else:
            value = cell_value(value, key)
            if value is None:
                return _BLANK, None
        return _OK, people.CLEANERS[key](value)
    except ValueError as exc:
        return _WRONG, str(exc)


def _clean_column(key: str, values: list, errors: dict[int, dict[str, str]]) -> list:
    """Cleaned values of one column (None where blank or wrong); problems go to `errors`.
    Columns whose values repeat are cleaned once per distinct raw cell value."""
    out: list = [None] * len(values)
    if key in people.REPEATING:
        memo: dict = {}
        for pos, value in enumerate(values):
            hit = memo.get(value)
            if hit is None:
                hit = memo[value] = _clean_one(key, value)
            if hit[0] == _OK:
                out[pos] = hit[1]
            elif hit[0] == _WRONG:
                errors.setdefault(pos, {})[key] = hit[1]
        return out
    for pos, value in enumerate(values):
        state, result = _clean_one(key, value)
        if state == _OK:
            out[pos] = result
        elif state == _WRONG:
            errors.setdefault(pos, {})[key] = result
    return out


def check_duplicates(rows: list[Row], header: HeaderMap, problems: list[Problem]) -> None:
    """The same NUPTK, NIK or NIP on two rows: both rows are named."""
    for key in people.ID_FIELDS:
        first_seen: dict[str, int] = {}
        for row in rows:
            value = row.clean.get(key)
            if not value:
                continue
            if value in first_seen:
                other = first_seen[value]
                name = people.written_id(key, value, where="")
                problems.append(problem(header, row.excel_row, key,
                                        f"{name} sama dengan baris {other}"))
                problems.append(problem(header, other, key,
                                        f"{name} sama dengan baris {row.excel_row}"))
            else:
                first_seen[value] = row.excel_row
