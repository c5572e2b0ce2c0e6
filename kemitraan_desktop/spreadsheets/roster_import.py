"""Roster import: find the header, validate every row, match existing people, write all or nothing."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from .. import people, schools
from .. import vocabulary as vocab
from ..errors import Cancelled, InputFileError, StorageError, ValidationError
from ..indonesia import format_thousands
from ..logs import log
from ..store import map_storage_errors, optimize, write_lock
from .headers import HeaderMap, add_second_row, find_header, remap, title_context
from .reader import Sheet, check_rows, fill_merged, merged_ranges, search_sheets
from .reports import RowsImportReport
from .roster_rows import (
    IsCancelled,
    Problem,
    Progress,
    Row,
    check_duplicates,
    header_problems,
    problem,
    validate_rows,
)
from .xml_formats import exact_numbers

__all__ = ["Analysis", "ImportReport", "Problem", "analyse_roster", "import_roster", "locate"]

TITLE_FIELDS = {"school": "sekolah", "npsn": "NPSN", "region": "kab/kota", "province": "provinsi"}


def row_ranges(rows: list[int]) -> str:
    """[31, 34, 35, 36, 40] -> '31, 34-36, 40'."""
    parts, start, previous = [], None, None
    for row in sorted(rows):
        if start is None:
            start = previous = row
        elif row == previous + 1:
            previous = row
        else:
            parts.append(str(start) if start == previous else f"{start}-{previous}")
            start = previous = row
    if start is not None:
        parts.append(str(start) if start == previous else f"{start}-{previous}")
    return ", ".join(parts)


# Rows one import checks at most: 200,000 take about 600 MB (a whole province's teachers).
MAX_ROWS = 200_000


@dataclass
class ImportReport(RowsImportReport):
    """The roster import's report: the common fields (reports.RowsImportReport) and these."""

    is_csv: bool = False
    # Rows under the table that are not teachers (Jumlah, a signature block), as Excel
    # numbers them, and what the title rows said of every row (field -> value).
    left_out: list[int] = field(default_factory=list)
    from_title: dict[str, str] = field(default_factory=dict)

    def notes(self) -> list[str]:
        """What was read besides the table, as the CLI and the wizard say it."""
        lines = []
        if self.from_title:
            said = ", ".join(f"{TITLE_FIELDS.get(k, k)} {v}" for k, v in self.from_title.items())
            lines.append(f"Dari judul lembar: {said} (dipakai untuk baris yang kosong).")
        if self.left_out:
            lines.append(f"Baris {row_ranges(self.left_out)} di bawah tabel (jumlah, tanda tangan) "
                         "tidak diimpor.")
        return lines

    def summary(self) -> str:
        counts = (f"{format_thousands(self.new)} baru, {format_thousands(self.updated)} diperbarui, "
                  f"{format_thousands(self.unchanged)} tidak berubah")
        bad = f"{format_thousands(self.skipped)} baris bermasalah"
        if self.written:
            return f"Impor selesai: {counts}" + (f"; {bad} dilewati." if self.skipped else ".")
        if not self.problems:
            return f"Uji coba (tidak ada yang disimpan): {counts}."
        if self.skip_invalid and self.dry_run and not self.blocked:
            return f"Uji coba (tidak ada yang disimpan): {counts}; {bad} akan dilewati."
        return (f"Tidak ada yang disimpan: {format_thousands(len(self.problems))} masalah di {bad}. "
                f"Baris yang benar: {counts}.")


def import_roster(db: Database, path: str | Path, *, sheet: str | None = None,
                  dry_run: bool = False, skip_invalid: bool = False,
                  report_path: str | Path | None = None,
                  mapping: dict[int, str | None] | None = None,
                  keep_case: bool = False,
                  progress: Progress | None = None,
                  cancelled: IsCancelled | None = None) -> ImportReport:
    """Import a roster workbook. All or nothing: with any problem nothing is written,
    unless `skip_invalid`, which writes only the valid rows. A cancelled import raises
    Cancelled and writes nothing. Raises InputFileError for an unreadable file and
    ValidationError when no header row with a name column can be found.

    `report_path` receives the file's rows with a "Masalah" column (never the input).
    `mapping` (column index -> field, None to ignore) replaces the detected columns.
    Names written in capitals are stored in proper case unless `keep_case`."""
    path = Path(path)
    if report_path and Path(report_path).resolve() == path.resolve():
        raise InputFileError(
            f"Laporan tidak boleh ditulis ke berkas yang sedang diimpor ('{path.name}'); "
            "pilih nama berkas lain untuk laporannya.")
    data, header = locate(path, sheet)
    if mapping is not None:
        header = remap(header, data.rows[header.row_index], mapping)
    return _import_located(db, path, data, header, dry_run=dry_run, skip_invalid=skip_invalid,
                           report_path=report_path, keep_case=keep_case, progress=progress,
                           cancelled=cancelled)


@dataclass
class Analysis:
    """What the import wizard shows before importing: the header, how each column is read,
    the first rows, and a dry run's report."""

    sheet: str
    header_row: int  # as Excel shows it
    headers: list[str]  # the header row's text, by column index
    mapping: dict[int, str | None]  # column index -> field (None: ignored)
    # (row as Excel shows it, cells): the first rows, then every row with a problem (up to
    # PROBLEM_ROWS), so that the wizard can show the problem rows alone
    preview: list[tuple[int, list]]
    report: ImportReport
    # Row as Excel shows it -> the name it will be stored under (proper case, titles
    # joined), for the preview rows that are imported; a row missing here is not a teacher
    # (the column numbers, a total, the signature).
    names: dict[int, str] = field(default_factory=dict)


PREVIEW_ROWS = 50
PROBLEM_ROWS = 1000


def analyse_roster(db: Database, path: str | Path, *, sheet: str | None = None,
                   mapping: dict[int, str | None] | None = None, keep_case: bool = False,
                   progress: Progress | None = None,
                   cancelled: IsCancelled | None = None) -> Analysis:
    """A dry run for the wizard: nothing is written."""
    path = Path(path)
    data, header = locate(path, sheet)
    header_row = header_texts(data, header)
    if mapping is None:
        mapping = {i: header.columns.get(i) for i in range(len(header_row))}
    header = remap(header, header_row, mapping)
    names: dict[int, str] = {}
    report = _import_located(db, path, data, header, dry_run=True, skip_invalid=False,
                             report_path=None, keep_case=keep_case, progress=progress,
                             cancelled=cancelled, names=names)
    preview = []
    wanted = set(sorted({p.row for p in report.problems})[:PROBLEM_ROWS])
    first = 0
    for index in range(header.first_data, len(data.rows)):
        row, excel_row = data.rows[index], data.excel_row(index)
        if first < PREVIEW_ROWS and any(cell != "" and cell is not None for cell in row):
            first += 1
            preview.append((excel_row, list(row)))
        elif excel_row in wanted:
            preview.append((excel_row, list(row)))
        if first >= PREVIEW_ROWS and (not wanted or excel_row >= max(wanted)):
            break
    shown = {row for row, _ in preview}
    return Analysis(data.name, report.header_row, header_row, dict(mapping), preview, report,
                    {row: name for row, name in names.items() if row in shown})


def header_texts(data: Sheet, header: HeaderMap) -> list[str]:
    """Each column's header as the wizard shows it: a two-row header's lower cell, or the
    one above it."""
    row = data.rows[header.row_index]
    below = data.rows[header.first_data - 1] if header.first_data > header.row_index + 1 else []
    width = max(len(row), len(below))
    texts = []
    for col in range(width):
        if col in header.labels:
            texts.append(header.labels[col])
            continue
        cell = below[col] if col < len(below) and below[col] not in ("", None) else \
            (row[col] if col < len(row) else "")
        texts.append("" if cell is None else " ".join(str(cell).split()))
    return texts


def _import_located(db: Database, path: Path, data: Sheet, header: HeaderMap, *, dry_run: bool,
                    skip_invalid: bool, report_path, keep_case: bool, progress,
                    cancelled, names: dict | None = None) -> ImportReport:
    progress = progress or (lambda done, total, message: None)
    cancelled = cancelled or (lambda: False)
    report = ImportReport(file=path.name, sheet=data.name, is_csv=path.suffix.lower() == ".csv",
                          dry_run=dry_run, header_row=data.excel_row(header.row_index),
                          unknown_columns=header.unknown, skip_invalid=skip_invalid)
    report.from_title = {key: value for key, (value, _) in header.context.items()}
    check_rows(data.rows[header.first_data:], MAX_ROWS, "impor daftar guru", path.name, data)
    problems = header_problems(header, report.header_row)
    rows = validate_rows(data, header, problems, progress, cancelled, keep_case=keep_case,
                         subjects=vocab.synonym_table(db), left_out=report.left_out)
    if names is not None:
        names.update((row.excel_row, row.clean.get("full_name", "")) for row in rows[:PREVIEW_ROWS])
    report.rows = len(rows)
    if not rows:
        problems.append(Problem(report.header_row, None,
                                "tidak ada baris data di bawah baris judul kolom"))
    check_duplicates(rows, header, problems)
    # What is stored is read under the write lock: a second import started meanwhile waits
    # for this one, then sees its rows (never checks against what is about to change).
    with contextlib.nullcontext() if dry_run else write_lock(db):
        _match_existing(db, rows, header, problems)
        if cancelled():
            raise Cancelled()
        plan = _plan_writes(db, rows, header, problems, report)
        problems.sort(key=lambda p: (p.row or 0, p.order))
        report.problems = problems
        report.skipped = len({p.row for p in problems if p.row != report.header_row})
        report.blocked = any(p.row == report.header_row for p in problems)
        if report_path:
            from .export import write_problem_report
            write_problem_report(report_path, data, header, problems)
        if dry_run or report.blocked or (problems and not skip_invalid):
            return report
        _write(db, plan, progress, cancelled)
    report.written = True
    if len(plan.inserts) + len(plan.updates) >= 1000:
        try:  # after the commit: the import is done whatever happens here
            optimize(db)
        except StorageError as exc:
            log.warning("Optimasi sesudah impor dilewati: %s", exc.message)
    return report


def locate(path: str | Path, sheet: str | None = None) -> tuple[Sheet, HeaderMap]:
    """The sheet holding the roster and its header row (the named sheet, or the first
    visible one with a recognisable header)."""
    path = Path(path)
    search = search_sheets(path, sheet, find_header, lambda header: True)
    if search.found is not None:
        data, header = search.found
        merged = merged_ranges(path, data)
        header = add_second_row(data.rows, header, merged)
        header.context = title_context(data.rows, header)
        # a school (or a kab/kota) merged down its teachers' rows holds for each of them
        fill_merged(data.rows, merged, header.first_data)
        _exact_ids(path, data, header)
        return data, header
    where = search.where(path)
    raise ValidationError(
        f"Baris judul kolom tidak ditemukan di '{path.name}'{where}. Daftar guru harus punya "
        "baris judul dengan kolom Nama dan paling tidak satu kolom lain, misalnya NUPTK atau "
        "NIP. Lihat templat impor untuk contohnya.")


def _exact_ids(path: Path, data: Sheet, header: HeaderMap) -> None:
    """Long IDs an .xlsx holds as numbers, given back their exact digits from the XML
    (calamine reads a number as a double: 15-17 digits)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return
    cols = [i for i, key in header.columns.items()
            if key in ("nuptk", "nip", "nik", "ukg_number", "id_any")]
    if not any(row[c].__class__ is float and row[c] >= 1e15
               for row in data.rows[header.first_data:] for c in cols if c < len(row)):
        return
    for (row, col), number in exact_numbers(path, data.name).items():
        row, col = row - data.first_row, col - data.first_col
        if 0 <= row < len(data.rows) and col in cols and col < len(data.rows[row]) \
                and data.rows[row][col].__class__ is float:
            data.rows[row][col] = number


# ---------------------------------------------------------------- matching people

@dataclass
class _Stored:
    id: int
    name: str
    name_key: str
    ids: dict[str, str | None]


def _existing_by_ids(db: Database, rows: list[Row]) -> dict[str, dict[str, _Stored]]:
    """For each ID kind, the people already stored whose ID appears in the file."""
    found: dict[str, dict[str, _Stored]] = {key: {} for key in people.PERSON_IDS}
    for key in people.PERSON_IDS:
        values = [r.clean[key] for r in rows if r.clean.get(key)]
        for start in range(0, len(values), 500):
            chunk = values[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            for pid, name, name_key, nuptk, nip, nik, ukg_number in db.execute(
                    "SELECT id, full_name, name_key, nuptk, nip, nik, ukg_number FROM people "
                    f"WHERE {key} IN ({marks})", chunk):
                stored = _Stored(pid, name, name_key, {"nuptk": nuptk, "nip": nip, "nik": nik,
                                                       "ukg_number": ukg_number})
                found[key][stored.ids[key]] = stored
    return found


def _match_existing(db: Database, rows: list[Row], header: HeaderMap,
                    problems: list[Problem]) -> None:
    """Match by NUPTK, then NIK, then NIP. A row whose IDs point at two people, whose other
    ID differs from the matched person's, or whose name shares no word with theirs, is a
    problem: a mistyped number must never silently overwrite somebody else."""
    existing = _existing_by_ids(db, rows)
    claimed: dict[int, int] = {}
    for row in rows:
        hits = [(key, existing[key].get(row.clean.get(key)))
                for key in ("nuptk", "nik", "nip", "ukg_number")]
        hits = [(key, hit) for key, hit in hits if hit]
        if not hits:
            continue
        by, person = hits[0]
        by_text = people.written_id(by, row.clean[by])
        # whose it is: never a name beside a NIK (the report workbook keeps the row's NIK)
        owner = "orang lain di daftar guru" if by == "nik" else person.name
        for key, other in hits[1:]:
            if other.id != person.id:
                problems.append(problem(header, row.excel_row, key,
                                        f"{people.written_id(key, row.clean[key])} milik "
                                        f"{'orang lain' if key == 'nik' else other.name}, "
                                        f"sedangkan {by_text} milik {owner}"))
        for key in people.PERSON_IDS:
            new, old = row.clean.get(key), person.ids[key]
            if new and old and new != old:
                differs = (f"{people.recorded_id(key, old)}, bukan {new}" if key != "nik" else
                           "NIK lain daripada NIK di baris itu")
                problems.append(problem(header, row.excel_row, key,
                                        f"{by_text} milik {owner}, yang tercatat dengan "
                                        f"{differs}. Periksa kedua nomor itu"))
        new_words = set(row.clean.get("name_key", "").split())
        if new_words and person.name_key and not new_words & set(person.name_key.split()):
            problems.append(problem(header, row.excel_row, "full_name",
                                    f"{by_text} milik {owner}, bukan "
                                    f"{row.clean['full_name']}. Periksa nomornya; untuk mengganti "
                                    "nama seseorang, ubah lewat formulir orang itu"))
        if person.id in claimed:
            problems.append(problem(header, row.excel_row, by,
                                    f"baris ini dan baris {claimed[person.id]} sama-sama berisi "
                                    f"data {person.name}"))
        claimed[person.id] = row.excel_row
        row.person_id = person.id


# ---------------------------------------------------------------- schools and the plan

class _SchoolResolver:
    """Schools known in the database plus those the import will create (negative refs).
    An NPSN in the file fills a known school's missing NPSN; a different one is a problem."""

    def __init__(self, db: Database):
        self.by_npsn, self.by_name, self.regions, self.npsn_of = {}, {}, {}, {}
        for sid, npsn, name_key, region in db.execute(
                "SELECT id, npsn, name_key, region_code FROM schools"):
            if npsn:
                self.by_npsn[npsn] = sid
            self.by_name.setdefault((name_key, region), sid)
            self.regions[sid] = region
            self.npsn_of[sid] = npsn
        self.new: list[tuple] = []
        self.npsn_updates: dict[int, str] = {}
        self.memo: dict[tuple, tuple[int | None, str | None]] = {}

    def resolve(self, name, npsn, region_code, jenjang) -> tuple[int | None, str | None]:
        """(school ref, problem message)."""
        if not name and not npsn:
            return None, None
        key = (name, npsn, region_code)
        if key not in self.memo:
            self.memo[key] = self._resolve(name, npsn, region_code, jenjang)
        return self.memo[key]

    def _resolve(self, name, npsn, region_code, jenjang):
        if npsn and npsn in self.by_npsn:
            return self.by_npsn[npsn], None
        name_key = (schools.school_key(name or npsn), region_code)
        ref = self.by_name.get(name_key)
        if ref is not None:
            known = self.npsn_of.get(ref) or self.npsn_updates.get(ref)
            if npsn and known and known != npsn:
                return None, (f"NPSN {npsn} berbeda dengan NPSN {known} yang tercatat untuk "
                              f"{name}")
            if npsn and not known:
                self.npsn_updates[ref] = npsn
                self.by_npsn[npsn] = ref
            return ref, None
        ref = -(len(self.new) + 1)
        self.new.append((ref, npsn, name or f"NPSN {npsn}", name_key[0],
                         jenjang or schools.jenjang_from_school(name), region_code))
        self.by_name[name_key] = ref
        if npsn:
            self.by_npsn[npsn] = ref
        self.regions[ref] = region_code
        self.npsn_of[ref] = npsn
        return ref, None


@dataclass
class _Plan:
    new_schools: list[tuple]  # (temp ref, npsn, name, name_key, jenjang, region_code)
    npsn_updates: dict[int, str]
    inserts: list[dict]
    updates: list[tuple[int, dict]]


def _plan_writes(db: Database, rows: list[Row], header: HeaderMap, problems: list[Problem],
                 report: ImportReport) -> _Plan:
    """What the valid rows would write; counts go to the report even when nothing is."""
    schools = _SchoolResolver(db)
    plan = _Plan([], {}, [], [])
    bad = {p.row for p in problems}
    candidates = [r for r in rows if r.excel_row not in bad]
    current = _current_values(db, [r.person_id for r in candidates if r.person_id])
    for row in candidates:
        clean = row.clean
        ref, school_problem = schools.resolve(clean.get("school"), clean.get("npsn"),
                                              clean.get("region_code"), clean.get("jenjang"))
        if school_problem:
            problems.append(problem(header, row.excel_row, "npsn", school_problem))
            continue
        values = dict(zip(people.PERSON_COLUMNS, map(clean.get, people.PERSON_COLUMNS), strict=True))
        values["school_id"] = ref
        if ref is not None and not values["region_code"]:
            values["region_code"] = schools.regions.get(ref)
        if row.person_id is None:
            values["position"] = values["position"] or "guru"
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
    plan.npsn_updates = {ref: npsn for ref, npsn in schools.npsn_updates.items() if ref > 0}
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


def _write(db: Database, plan: _Plan, progress: Progress, cancelled: IsCancelled) -> None:
    total = len(plan.inserts) + len(plan.updates)
    progress(0, total, "Menyimpan")
    with map_storage_errors("Impor gagal disimpan"), db.atomic():
        # New schools get their ids here, in one statement (10,000 schools of a province
        # one by one took half a second).
        first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM schools").fetchone()[0]
        ids = {ref: first + n for n, (ref, *_) in enumerate(plan.new_schools)}
        db.conn.executemany(
            "INSERT INTO schools (id, npsn, name, name_key, jenjang, region_code)"
            " VALUES (?, ?, ?, ?, ?, ?)", ((ids[ref], *school) for ref, *school in plan.new_schools))
        db.conn.executemany("UPDATE schools SET npsn = ? WHERE id = ? AND npsn IS NULL",
                            [(npsn, ref) for ref, npsn in plan.npsn_updates.items()])
        for values in plan.inserts:
            values["school_id"] = ids.get(values["school_id"], values["school_id"])
        if cancelled():
            raise Cancelled()
        people.insert_people(db, plan.inserts)
        progress(len(plan.inserts), total, "Menyimpan")
        cols = people.PERSON_COLUMNS
        update_sql = (f"UPDATE people SET {', '.join(f'{c} = ?' for c in cols)}, "
                      "updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') WHERE id = ?")
        db.conn.executemany(update_sql, (
            [*(ids.get(v[c], v[c]) if c == "school_id" else v[c] for c in cols), pid]
            for pid, v in plan.updates))
        if cancelled():
            raise Cancelled()
    progress(total, total, "Selesai")
