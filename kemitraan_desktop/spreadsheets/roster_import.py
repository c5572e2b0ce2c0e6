"""Roster import: find the header, validate every row, match existing people, write all or nothing."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from .. import people
from ..errors import Cancelled, ValidationError
from ..indonesia import format_thousands
from ..store import map_storage_errors, optimize
from .headers import HeaderMap, find_header
from .reader import Sheet, column_letter, read_sheets

Progress = Callable[[int, int, str], None]
IsCancelled = Callable[[], bool]

_SCIENTIFIC = re.compile(r"^\d([.,]\d+)?[eE]\+?\d+$")
_ID_LENGTH = {"nuptk": 16, "nip": 18, "nik": 16}
_PROGRESS_EVERY = 2000


@dataclass
class Problem:
    row: int | None  # the row number as Excel shows it
    column: str | None  # the column's header as written in the file
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"Baris {self.row}")
        if self.column:
            where.append(f"kolom '{self.column}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class ImportReport:
    file: str
    sheet: str = ""
    header_row: int = 0
    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        counts = (f"{format_thousands(self.new)} baru, {format_thousands(self.updated)} diperbarui, "
                  f"{format_thousands(self.unchanged)} tidak berubah")
        if self.skipped:
            counts += f", {format_thousands(self.skipped)} baris dilewati karena bermasalah"
        if self.dry_run:
            return f"Uji coba (tidak ada yang disimpan): {counts}."
        if not self.written:
            return (f"Tidak ada yang disimpan: {format_thousands(len(self.problems))} masalah "
                    "ditemukan. Perbaiki berkasnya, atau impor hanya baris yang benar.")
        return f"Impor selesai: {counts}."


@dataclass
class _Row:
    excel_row: int
    index: int  # index in sheet.rows
    clean: dict
    person_id: int | None = None
    values: dict | None = None


def import_roster(db: Database, path: str | Path, *, sheet: str | None = None,
                  dry_run: bool = False, skip_invalid: bool = False,
                  report_path: str | Path | None = None,
                  progress: Progress | None = None,
                  cancelled: IsCancelled | None = None) -> ImportReport:
    """Import a roster workbook. All or nothing: with any problem nothing is written,
    unless `skip_invalid`, which writes only the valid rows. A cancelled import raises
    Cancelled and writes nothing. Raises InputFileError for an unreadable file and
    ValidationError when no header row with a name column can be found."""
    path = Path(path)
    progress = progress or (lambda done, total, message: None)
    cancelled = cancelled or (lambda: False)
    data, header = _locate(path, sheet)
    report = ImportReport(file=path.name, sheet=data.name, dry_run=dry_run,
                          header_row=data.excel_row(header.row_index),
                          unknown_columns=header.unknown)
    rows = _validate_rows(data, header, report, progress, cancelled)
    if not rows:
        report.problems.append(Problem(
            report.header_row, None, "tidak ada baris data di bawah baris judul kolom"))
    _check_duplicates(rows, header, report)
    _match_existing(db, rows, header, report)
    if cancelled():
        raise Cancelled()
    bad_rows = {p.row for p in report.problems}
    good = [r for r in rows if r.excel_row not in bad_rows]
    report.skipped = report.rows - len(good) if report.problems else 0
    if report_path:
        from .export import write_problem_report
        write_problem_report(report_path, data, header, report.problems)
    if report.problems and not skip_invalid:
        return report
    plan = _plan_writes(db, good, report)
    if dry_run:
        return report
    _write(db, plan, progress, cancelled)
    report.written = True
    if len(plan.inserts) + len(plan.updates) >= 1000:
        optimize(db)
    return report


def _locate(path: Path, sheet: str | None) -> tuple[Sheet, HeaderMap]:
    seen = []
    for data in read_sheets(path, sheet):
        header = find_header(data.rows)
        if header is not None:
            return data, header
        seen.append(data.name)
    names = ", ".join(f"'{n}'" for n in seen) or "(tidak ada lembar yang terlihat)"
    raise ValidationError(
        f"Baris judul kolom tidak ditemukan di '{path.name}' (lembar {names}). Lembar daftar "
        "guru harus punya baris judul dengan kolom Nama dan paling tidak satu kolom lain, "
        "misalnya NUPTK atau NIP. Unduh templat impor untuk contoh.")


def _cell_value(value, field_key: str):
    """Cell -> raw value for the cleaners; None for blank. Raises ValueError for an ID that
    Excel has already damaged by storing it as a number."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        if field_key in _ID_LENGTH:
            digits = str(int(value)) if float(value).is_integer() else str(value)
            if len(digits) > 15 or value >= 1e15:
                raise ValueError(
                    f"nomor tersimpan sebagai angka ({value:.6g}), sehingga digit terakhirnya sudah "
                    "hilang: Excel hanya menyimpan 15 digit angka. Ubah format kolom menjadi Teks "
                    "lalu ketik ulang nomornya (atau awali dengan tanda petik ')")
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


def _split_birth(text) -> tuple[str | None, object]:
    """`Pekalongan, 12 Mei 1975` -> ('Pekalongan', '12 Mei 1975')."""
    if isinstance(text, dt.date):
        return None, text
    place, _, date_part = str(text).rpartition(",")
    return (place.strip() or None), date_part.strip()


def _label(header: HeaderMap, field_key: str) -> str:
    for index, key in header.columns.items():
        if key == field_key or (key == "birth" and field_key in ("birth_place", "birth_date")):
            return header.labels[index]
    for key in people.ID_FIELDS:  # "no ID at all" is reported on the first ID column
        if field_key in people.ID_FIELDS and key in header.columns.values():
            return _label(header, key)
    return people.FIELD_BY_KEY[field_key].label if field_key in people.FIELD_BY_KEY else field_key


def _validate_rows(data: Sheet, header: HeaderMap, report: ImportReport,
                   progress: Progress, cancelled: IsCancelled) -> list[_Row]:
    """Clean every mapped column, then check each row across its fields.

    Column by column, because a roster's columns repeat (schools, regions, subjects,
    dates): each distinct value is cleaned once. The cleaners and the cross-field check
    are the same ones the person form uses."""
    first = header.row_index + 1
    body = data.rows[first:]
    keep = [i for i, row in enumerate(body) if any(cell != "" and cell is not None for cell in row)]
    kept = [body[i] for i in keep]
    total = len(keep)
    report.rows = total
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
        else:
            columns.append((key, _clean_column(key, raw, errors)))
    if cancelled():
        raise Cancelled()
    progress(total * len(mapped) // (len(mapped) + 1), total, "Memeriksa baris")
    rows: list[_Row] = []
    for pos, index in enumerate(keep):
        clean = {key: values[pos] for key, values in columns if values[pos] is not None}
        row_errors = errors.get(pos, {})
        for key, message in people.cross_check(clean, row_errors).items():
            row_errors.setdefault(key, message)
        excel_row = data.excel_row(first + index)
        for key, message in row_errors.items():
            report.problems.append(Problem(excel_row, _label(header, key), message))
        rows.append(_Row(excel_row, first + index, clean))
    progress(total, total, "Memeriksa baris")
    return rows


def _split_birth_column(values: list) -> tuple[list, list]:
    places, dates = [], []
    for value in values:
        if value is None or value == "":
            places.append(None)
            dates.append(None)
        else:
            place, date = _split_birth(value)
            places.append(place)
            dates.append(date)
    return places, dates


def _clean_column(key: str, values: list, errors: dict[int, dict[str, str]]) -> list:
    """Cleaned values of one column (None where blank or wrong); problems go to `errors`."""
    cleaner = people.CLEANERS[key]
    is_id = key in _ID_LENGTH
    memo: dict | None = {} if key in people.REPEATING else None
    out: list = [None] * len(values)
    for pos, value in enumerate(values):
        if value is None or value == "":
            continue
        try:
            if value.__class__ is str:
                value = value.strip()
                if not value:
                    continue
                if is_id and not value.isdigit():
                    value = _cell_value(value, key)
            else:
                value = _cell_value(value, key)
                if value is None:
                    continue
            if memo is None:
                out[pos] = cleaner(value)
                continue
            hit = memo.get(value)
            if hit is None:
                try:
                    hit = memo[value] = (True, cleaner(value))
                except ValueError as exc:
                    hit = memo[value] = (False, str(exc))
            if hit[0]:
                out[pos] = hit[1]
            else:
                errors.setdefault(pos, {})[key] = hit[1]
        except ValueError as exc:
            errors.setdefault(pos, {})[key] = str(exc)
    return out


def _check_duplicates(rows: list[_Row], header: HeaderMap, report: ImportReport) -> None:
    for key in people.ID_FIELDS:
        first_seen: dict[str, int] = {}
        for row in rows:
            value = row.clean.get(key)
            if not value:
                continue
            if value in first_seen:
                other = first_seen[value]
                label = _label(header, key)
                report.problems.append(Problem(row.excel_row, label,
                                               f"{key.upper()} {value} sama dengan baris {other}"))
                report.problems.append(Problem(other, label,
                                               f"{key.upper()} {value} sama dengan baris {row.excel_row}"))
            else:
                first_seen[value] = row.excel_row


def _existing_by_ids(db: Database, rows: list[_Row]) -> dict[str, dict[str, tuple]]:
    """For each ID kind, the people already stored whose ID appears in the file."""
    found: dict[str, dict[str, tuple]] = {key: {} for key in people.ID_FIELDS}
    for key in people.ID_FIELDS:
        values = [r.clean[key] for r in rows if r.clean.get(key)]
        for start in range(0, len(values), 500):
            chunk = values[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            for pid, value, name in db.execute(
                    f"SELECT id, {key}, full_name FROM people WHERE {key} IN ({marks})", chunk):
                found[key][value] = (pid, name)
    return found


def _match_existing(db: Database, rows: list[_Row], header: HeaderMap, report: ImportReport) -> None:
    """Match by NUPTK, then NIK, then NIP; an ID that belongs to someone else is a problem."""
    existing = _existing_by_ids(db, rows)
    claimed: dict[int, int] = {}
    for row in rows:
        matches = [(key, existing[key].get(row.clean.get(key))) for key in ("nuptk", "nik", "nip")]
        matches = [(key, hit) for key, hit in matches if hit]
        if not matches:
            continue
        person_id, name = matches[0][1]
        for key, (other_id, other_name) in matches[1:]:
            if other_id != person_id:
                report.problems.append(Problem(
                    row.excel_row, _label(header, key),
                    f"{key.upper()} {row.clean[key]} sudah dipakai oleh {other_name}, sedangkan "
                    f"{matches[0][0].upper()} di baris ini milik {name}"))
        if person_id in claimed:
            report.problems.append(Problem(
                row.excel_row, None,
                f"baris ini dan baris {claimed[person_id]} sama-sama berisi data {name}"))
        claimed[person_id] = row.excel_row
        row.person_id = person_id


@dataclass
class _Plan:
    new_schools: list[tuple]  # (temp key, npsn, name, name_key, jenjang, region_code)
    inserts: list[dict]
    updates: list[tuple[int, dict]]


def _plan_writes(db: Database, rows: list[_Row], report: ImportReport) -> _Plan:
    schools = _SchoolResolver(db)
    plan = _Plan([], [], [])
    current = _current_values(db, [r.person_id for r in rows if r.person_id])
    for row in rows:
        clean = row.clean
        school_ref = schools.resolve(clean.get("school"), clean.get("npsn"),
                                     clean.get("region_code"), clean.get("jenjang"))
        values = {k: clean.get(k) for k in people.PERSON_COLUMNS if k != "school_id"}
        values["school_id"] = school_ref
        if school_ref is not None and not values["region_code"]:
            values["region_code"] = schools.region_of(school_ref)
        if row.person_id is None:
            plan.inserts.append(values)
            report.new += 1
            continue
        old = current[row.person_id]
        merged = {k: (v if v is not None else old[k]) for k, v in values.items()}
        if merged == old:
            report.unchanged += 1
        else:
            plan.updates.append((row.person_id, merged))
            report.updated += 1
    plan.new_schools = schools.new
    return plan


def _current_values(db: Database, ids: list[int]) -> dict[int, dict]:
    cols = ", ".join(people.PERSON_COLUMNS)
    result = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in db.execute(f"SELECT id, {cols} FROM people WHERE id IN ({marks})", chunk):
            result[row[0]] = dict(zip(people.PERSON_COLUMNS, row[1:], strict=True))
    return result


class _SchoolResolver:
    """Schools known in the database plus those the import will create (negative keys)."""

    def __init__(self, db: Database):
        self.by_npsn, self.by_name, self.regions = {}, {}, {}
        for sid, npsn, name_key, region in db.execute(
                "SELECT id, npsn, name_key, region_code FROM schools"):
            if npsn:
                self.by_npsn[npsn] = sid
            self.by_name.setdefault((name_key, region), sid)
            self.regions[sid] = region
        self.new: list[tuple] = []
        self.memo: dict[tuple, int] = {}

    def resolve(self, name, npsn, region_code, jenjang):
        if not name and not npsn:
            return None
        memo_key = (name, npsn, region_code)
        if memo_key in self.memo:
            return self.memo[memo_key]
        ref = self._resolve(name, npsn, region_code, jenjang)
        self.memo[memo_key] = ref
        return ref

    def _resolve(self, name, npsn, region_code, jenjang):
        if npsn and npsn in self.by_npsn:
            return self.by_npsn[npsn]
        key = (people.school_key(name or npsn), region_code)
        if key in self.by_name:
            return self.by_name[key]
        ref = -(len(self.new) + 1)
        self.new.append((ref, npsn, name or f"NPSN {npsn}", key[0],
                         jenjang or people.jenjang_from_school(name), region_code))
        self.by_name[key] = ref
        if npsn:
            self.by_npsn[npsn] = ref
        self.regions[ref] = region_code
        return ref

    def region_of(self, ref):
        return self.regions.get(ref)


def _write(db: Database, plan: _Plan, progress: Progress, cancelled: IsCancelled) -> None:
    total = len(plan.inserts) + len(plan.updates)
    progress(0, total, "Menyimpan")
    with map_storage_errors("Impor gagal disimpan"), db.atomic():
        ids = {}
        for ref, *school in plan.new_schools:
            ids[ref] = db.execute(
                "INSERT INTO schools (npsn, name, name_key, jenjang, region_code)"
                " VALUES (?, ?, ?, ?, ?)", school).lastrowid
        cols = people.PERSON_COLUMNS
        for start in range(0, len(plan.inserts), 10000):
            chunk = plan.inserts[start:start + 10000]
            for values in chunk:
                values["school_id"] = ids.get(values["school_id"], values["school_id"])
            people.insert_people(db, chunk)
            if cancelled():
                raise Cancelled()
            progress(start + len(chunk), total, "Menyimpan")
        update_sql = (f"UPDATE people SET {', '.join(f'{c} = ?' for c in cols)}, "
                      "updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') WHERE id = ?")
        db.conn.executemany(update_sql, (
            [*(ids.get(v[c], v[c]) if c == "school_id" else v[c] for c in cols), pid]
            for pid, v in plan.updates))
        if cancelled():
            raise Cancelled()
    progress(total, total, "Selesai")


__all__ = ["import_roster", "ImportReport", "Problem", "column_letter"]
