"""Roster import, step one: turn a sheet's cells into cleaned rows and located problems."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .. import people
from .. import vocabulary as vocab
from ..errors import Cancelled, IsCancelled, Progress
from .headers import HeaderMap
from .reader import FormulaError, Sheet, column_letter

_SCIENTIFIC = re.compile(r"^\d([.,]\d+)?[eE]\+?\d+$")
_ID_LENGTH = {"nuptk": 16, "nip": 18, "nik": 16, "ukg_number": 12}
_ID_COLUMNS = ("nuptk", "nip", "nik", "ukg_number", "id_any")


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
    if value.__class__ is int and field_key in _ID_LENGTH:
        return str(value)  # a number that kept every digit (see exact_ids)
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
    if field_key in people.PERSON_IDS:  # "no ID at all" goes on the first ID column
        for index, key in header.columns.items():
            if key in people.PERSON_IDS or key == "id_any":
                return header.labels[index], index
    text = people.FIELD_BY_KEY[field_key].label if field_key in people.FIELD_BY_KEY else field_key
    return text, 10_000


def problem(header: HeaderMap, row: int | None, field_key: str, message: str) -> Problem:
    text, index = label(header, field_key)
    return Problem(row, text, message, index)


def header_problems(header: HeaderMap, excel_row: int) -> list[Problem]:
    """A field given by two columns, where the importer refuses that (the participants
    list; the roster merges such columns instead)."""
    return [Problem(excel_row, text,
                    f"kolom ini muncul dua kali (kolom {column_letter(a)} dan {column_letter(b)}); "
                    "hapus atau ganti nama salah satunya", b)
            for text, a, b in header.duplicates]


def exact_ids(values: list) -> list:
    """A long ID read as a number: whole (int) where the file kept every digit. Digits past
    the 15th that are all zero may be Excel's rounding rather than the ID; they count as
    kept only in a column where other numbers show that the writer kept every digit."""
    ints = [v for v in values if v.__class__ is int and v >= 10**15]
    if not ints:
        return values
    proven = any(str(v)[15:].strip("0") for v in ints)
    if proven:
        return values
    return [float(v) if v.__class__ is int and v >= 10**15 and not str(v)[15:].strip("0")
            else v for v in values]


_TOTAL = re.compile(r"^\s*(jumlah|total|jml\.?|sub\s*total|rekapitulasi)\b", re.IGNORECASE)
_SIGNATURE = re.compile(
    r"^\s*(mengetahui|menyetujui|ditetapkan|dibuat|disahkan|catatan\s*:|keterangan\s*:|"
    r"kepala\s+(dinas|sekolah|bidang|seksi|cabang|balai)|a\.\s*n\.|an\.\s|plt\.?\s|"
    r"nip\.?\s*:?\s*\d|[A-Z][A-Za-z .'-]{2,40},\s*\d{1,2}\s+[A-Za-z]+\s+\d{4}$)", re.IGNORECASE)


_EIGHT_DIGITS = re.compile(r"(?:\d[\s.\-]?){8}")


def _text_cells(row: list) -> list[str]:
    return [c.strip() for c in row if isinstance(c, str) and c.strip()]


def _looks_like_data(row: list, names: list[int], ids: list[int]) -> bool:
    """A name and something like an ID number: a teacher's row, not a total or signature."""
    if not any(c < len(row) and row[c] not in ("", None) for c in names):
        return False
    for col in ids:
        value = row[col] if col < len(row) else None
        if value.__class__ in (int, float) and value >= 1e7:
            return True
        if value.__class__ is str and _EIGHT_DIGITS.search(value):
            return True
    return False


def footer_rows(body: list[list], keep: list[int], header: HeaderMap) -> set[int]:
    """Positions in `keep` of the rows that are not teachers: a Jumlah/Total row anywhere
    (a subtotal per school too), and under the last teacher everything from the first
    place and date, signature line (Mengetahui, Kepala Dinas ..., NIP. ...) or total on."""
    names = [i for i, k in header.columns.items() if k == "full_name"]
    ids = [i for i, k in header.columns.items() if k in _ID_COLUMNS]
    data = {pos for pos, index in enumerate(keep) if _looks_like_data(body[index], names, ids)}
    last = max(data, default=0)
    found = set()
    for pos, index in enumerate(keep):
        if pos == 0 or pos in data:
            continue
        row = body[index]
        cells = _text_cells(row)
        if any(_TOTAL.match(c) for c in cells):
            found.add(pos)
            if pos > last:
                return found | set(range(pos, len(keep)))
        elif pos > last and len([c for c in row if c not in ("", None)]) <= 3 \
                and any(_SIGNATURE.match(c) for c in cells):
            return found | set(range(pos, len(keep)))
    return found


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
                  progress: Progress, cancelled: IsCancelled, *, keep_case: bool = False,
                  subjects: dict[str, str] | None = None,
                  left_out: list[int] | None = None) -> list[Row]:
    """Clean every mapped column, then check each row across its fields.

    Column by column, because a roster's columns repeat (schools, regions, subjects,
    dates): each distinct value is cleaned once. The cleaners and the cross-field check
    are the same ones the person form uses. Columns that mean one field are merged (the
    first non-empty value wins); a school or region named in the title rows fills rows
    without one. Names in capitals are put in proper case unless `keep_case`. The rows
    under the table (totals, signature) go to `left_out` as Excel numbers them."""
    first = header.first_data
    body = data.rows[first:]
    keep = [i for i, row in enumerate(body) if any(cell != "" and cell is not None for cell in row)]
    if keep and keep[0] == 0 and is_numbering_row(body[0]):
        keep.pop(0)
    footer = footer_rows(body, keep, header)
    if footer:
        if left_out is not None:
            left_out.extend(data.excel_row(first + keep[pos]) for pos in sorted(footer))
        keep = [index for pos, index in enumerate(keep) if pos not in footer]
    kept = [body[i] for i in keep]
    total = len(keep)
    errors: dict[int, dict[str, str]] = {}  # position in keep -> field -> message
    where: dict[tuple[int, str], str] = {}  # (position, field) -> the column it came from
    cleaners = _cleaners(subjects)
    columns: list[tuple[str, list]] = []
    sources = header.sources()
    for step, (key, cols) in enumerate(sources.items()):
        if cancelled():
            raise Cancelled()
        progress(total * step // (len(sources) + 1), total, "Memeriksa baris")
        raw = _merged_column(kept, cols, key, header, where)
        if key in header.context:
            value, title_row = header.context[key]
            origin = f"judul baris {data.excel_row(title_row)}"
            for pos, cell in enumerate(raw):
                if _blank(cell):
                    raw[pos] = value
                    where[(pos, key)] = origin
        if key in _ID_LENGTH or key == "id_any":
            raw = exact_ids(raw)
        if key == "birth":
            places, dates = _split_birth_column(raw)
            columns.append(("birth_place", _clean_column("birth_place", places, errors, cleaners)))
            columns.append(("birth_date", _clean_column("birth_date", dates, errors, cleaners)))
        elif key == "id_any":
            nips, nuptks = _split_id_column(raw)
            columns.append(("nip", _clean_column("nip", nips, errors, cleaners)))
            columns.append(("nuptk", _clean_column("nuptk", nuptks, errors, cleaners)))
        else:
            columns.append((key, _clean_column(key, raw, errors, cleaners)))
        if key == "position" and "functional_position" not in sources:
            memo: dict = {}
            columns.append(("functional_position", [
                memo.setdefault(v, vocab.functional_position(v)) if isinstance(v, str) else None
                for v in raw]))
    for key, (value, title_row) in header.context.items():
        if key not in sources:  # only the title names it: every row gets it
            origin = f"judul baris {data.excel_row(title_row)}"
            for pos in range(total):
                where[(pos, key)] = origin
            columns.append((key, _clean_column(key, [value] * total, errors, cleaners)))
    if cancelled():
        raise Cancelled()
    cleaned: list[dict] = [{} for _ in keep]
    for key, values in columns:  # column-wise: cheaper than a dict comprehension per row
        for record, value in zip(cleaned, values, strict=True):
            if value is not None:
                record[key] = value
    titled = "title_front" in sources or "title_back" in sources
    rows: list[Row] = []
    for pos, index in enumerate(keep):
        clean = cleaned[pos]
        remark = clean.pop("remarks", None)
        if remark and not clean.get("extra_duty"):
            clean["extra_duty"] = remark
        front = clean.pop("title_front", None) if titled else None
        back = clean.pop("title_back", None) if titled else None
        if not keep_case:
            if "full_name" in clean:
                clean["full_name"] = vocab.proper_case(clean["full_name"])
            if "birth_place" in clean:
                clean["birth_place"] = vocab.proper_case(clean["birth_place"])
            front = front and vocab.proper_case(front)
            back = back and vocab.proper_case(back)
        if clean.get("full_name") and (front or back):
            clean["full_name"] = vocab.join_titles(front, clean["full_name"], back)
        row_errors = errors.get(pos, {})
        for key, message in people.cross_check(clean, row_errors).items():
            row_errors.setdefault(key, message)
        excel_row = data.excel_row(first + index)
        for key, message in row_errors.items():
            origin = where.get((pos, key))
            if origin:
                order = next((i for i, lab in header.labels.items() if lab == origin), 10_000)
                problems.append(Problem(excel_row, origin, message, order))
            else:
                problems.append(problem(header, excel_row, key, message))
        rows.append(Row(excel_row, clean))
    progress(total, total, "Memeriksa baris")
    return rows


def _remark(value) -> str | None:
    """A remarks cell counts only when it names the principal's duty."""
    return "Kepala Sekolah" if vocab.is_principal_duty(value) else None


def _blank(cell) -> bool:
    return cell is None or cell == "" or (cell.__class__ is str and (
        not cell.strip() or vocab.is_empty_mark(cell)))


def _merged_column(kept: list[list], cols: list[int], key: str, header: HeaderMap,
                   where: dict) -> list:
    """One field's raw values: of its columns, the first that is not blank."""
    if len(cols) == 1:
        col = cols[0]
        return [row[col] if col < len(row) else None for row in kept]
    raw = []
    for pos, row in enumerate(kept):
        value = None
        for col in cols:
            cell = row[col] if col < len(row) else None
            if not _blank(cell):
                value = cell
                where[(pos, key)] = header.labels[col]
                break
        raw.append(value)
    return raw


def _cleaners(subjects: dict[str, str] | None) -> dict:
    cleaners = dict(people.CLEANERS, title_front=people.clean_text, title_back=people.clean_text,
                    remarks=_remark)
    if subjects:
        cleaners["subject"] = lambda value: vocab.clean_subject(value, subjects)
    return cleaners


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


def _clean_one(key: str, value, cleaners: dict) -> tuple[int, object]:
    """(state, cleaned value or message) for one cell of column `key`."""
    if value is None or value == "":
        return _BLANK, None
    if isinstance(value, FormulaError):
        return _WRONG, value.problem()
    try:
        if value.__class__ is str:
            value = value.strip()
            if not value or (len(value) <= 10 and vocab.is_empty_mark(value)):
                return _BLANK, None
            if key in _ID_LENGTH and not value.isdigit():
                value = cell_value(value, key)
        else:
            value = cell_value(value, key)
            if value is None:
                return _BLANK, None
        return _OK, cleaners[key](value)
    except ValueError as exc:
        return _WRONG, str(exc)


def _clean_column(key: str, values: list, errors: dict[int, dict[str, str]],
                  cleaners: dict) -> list:
    """Cleaned values of one column (None where blank or wrong); problems go to `errors`.
    Columns whose values repeat are cleaned once per distinct raw cell value."""
    out: list = [None] * len(values)
    if key in people.REPEATING:
        memo: dict = {}
        for pos, value in enumerate(values):
            hit = memo.get(value)
            if hit is None:
                hit = memo[value] = _clean_one(key, value, cleaners)
            if hit[0] == _OK:
                out[pos] = hit[1]
            elif hit[0] == _WRONG:
                errors.setdefault(pos, {})[key] = hit[1]
        return out
    for pos, value in enumerate(values):
        state, result = _clean_one(key, value, cleaners)
        if state == _OK:
            out[pos] = result
        elif state == _WRONG:
            errors.setdefault(pos, {})[key] = result
    return out


def check_duplicates(rows: list[Row], header: HeaderMap, problems: list[Problem]) -> None:
    """The same NUPTK, NIK, NIP or No. UKG on two rows: both rows are named."""
    for key in people.PERSON_IDS:
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
