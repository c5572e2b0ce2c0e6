"""A program's RTL (rencana tindak lanjut) in and out of Excel: the plans of many
participants imported from a sheet the office collects, and exported as an office keeps them."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlite_utils import Database

from .. import action_plans as plans
from .. import programs
from ..errors import Cancelled, IsCancelled, Progress, ValidationError
from ..indonesia import format_date, format_thousands
from ..store import map_storage_errors, write_lock
from .cells import blank, clean_id
from .headers import HEADER_SCAN_ROWS, HeaderMap, header_key
from .reader import FormulaError, Sheet, check_rows, fill_merged, merged_ranges, search_sheets
from .reports import ActivityImportReport, RowChecks
from .roster_rows import is_numbering_row
from .workbook import (
    DATE_FORMAT,
    check_destination,
    header_cells,
    print_setup,
    save_workbook,
    text_cell,
)

__all__ = ["PlanImportReport", "export_plans", "import_plans"]

MAX_ROWS = 20_000  # a province's program: 5,284 participants with a few plans each

# ---------------------------------------------------------------- the header

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "plan_id": ("idrtl", "idrencana", "idrencanaaksi", "nortl"),
    "name": ("nama", "namalengkap", "namaguru", "namapeserta", "namaptk", "namagtk"),
    "nuptk": ("nuptk", "nonuptk", "nomornuptk"),
    "nip": ("nip", "nipbaru", "nonip", "nomornip"),
    "id_any": ("nipnuptk", "nuptknip", "nipataunuptk", "nuptkataunip"),
    "action": ("kegiatan", "kegiatanaksi", "aksi", "rencanaaksi", "rencanakegiatan",
               "rencanatindaklanjut", "rtl", "uraiankegiatan", "namakegiatan",
               "kegiatanrencanaaksi", "programkegiatan", "jeniskegiatan", "tindaklanjut",
               "bentukkegiatan", "kegiatantindaklanjut"),
    "partners": ("sasaran", "bersama", "sasaranbersama", "dengansiapa", "bersamasiapa",
                 "pihakterlibat", "yangterlibat", "sasarankegiatan", "pelibatan", "mitrakerja",
                 "sasaranpihakterlibat"),
    "due": ("waktu", "targetwaktu", "tanggal", "tenggat", "tenggatwaktu", "bataswaktu",
            "waktupelaksanaan", "jadwal", "target", "tanggaltarget", "targetselesai",
            "waktuselesai", "tanggalselesai", "jadwalpelaksanaan"),
    "indicator": ("indikator", "indikatorkeberhasilan", "indikatorcapaian", "targetcapaian",
                  "hasilyangdiharapkan", "keberhasilan", "indikatorhasil", "ukurankeberhasilan"),
    "status": ("status", "statuspelaksanaan", "progres", "progress", "kemajuan",
               "statuskemajuan"),
    "note": ("keterangan", "ket", "catatan", "catatankemajuan", "keterangankemajuan"),
}
_FIELD = {syn: key for key, syns in _SYNONYMS.items() for syn in syns}
# Columns offices (and our export) add that carry nothing to import.
_IGNORED = {"no", "nomor", "nourut", "peran", "tingkat", "asalsekolah", "sekolah", "unitkerja",
            "matapelajaran", "mapel", "pembimbing", "terlambathari", "terlambat",
            "pembaruanterakhir", "tanggalpembaruan", "ttd", "tandatangan", "kabkota"}
FALLBACK = {"plan_id": "ID RTL", "name": "Nama", "nuptk": "NUPTK", "nip": "NIP",
            "id_any": "NIP/NUPTK", "action": "Kegiatan/Aksi", "partners": "Sasaran/Bersama",
            "due": "Target Waktu", "indicator": "Indikator Keberhasilan", "status": "Status",
            "note": "Keterangan"}
_ID_KEYS = ("nuptk", "nip", "id_any")
_NEEDED = ("Lembar RTL perlu kolom NUPTK atau NIP (atau NIP/NUPTK), Kegiatan/Aksi dan Target "
           "Waktu; Nama, Sasaran/Bersama, Indikator Keberhasilan, Status dan Keterangan boleh "
           "ditambahkan.")


class PlanHeader(HeaderMap):
    """The header of an RTL sheet: a HeaderMap over the RTL's own fields, that can say which
    column a problem with a field is reported on."""

    @property
    def fields(self) -> dict[str, list[int]]:
        return self.sources()

    def label(self, key: str) -> tuple[str, int]:
        for candidate in (key, *(_ID_KEYS if key in _ID_KEYS else ())):
            columns = self.fields.get(candidate)
            if columns:
                return self.labels[columns[0]], columns[0]
        return FALLBACK.get(key, key), 10_000

    @property
    def complete(self) -> bool:
        found = set(self.columns.values())
        return bool(found & set(_ID_KEYS)) and {"action", "due"} <= found


def _map_row(row: list, index: int) -> PlanHeader:
    columns, labels, unknown, duplicates, first = {}, {}, [], [], {}
    for column, cell in enumerate(row):
        key = header_key(cell)
        if not key:
            continue
        text = " ".join(str(cell).split())
        found = _FIELD.get(key) or _FIELD.get(header_key(re.sub(r"\([^)]*\)", "", text)))
        if found is None:
            if key not in _IGNORED:
                unknown.append(text)
            continue
        if found in first:
            duplicates.append((text, first[found], column))
            continue
        first[found] = column
        columns[column], labels[column] = found, text
    return PlanHeader(index, columns, labels, unknown, duplicates)


def _find_header(rows: list[list]) -> PlanHeader | None:
    """The header row among the first rows (titles and the program's name above it): the
    complete one with the most columns, else the best partial one (to say what is missing)."""
    best, best_score = None, None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        values = [cell for cell in row if cell not in ("", None)]
        if not values or not all(isinstance(cell, str) for cell in values):
            continue
        header = _map_row(row, index)
        if len(header.columns) < 2:
            continue
        score = (header.complete, len(header.columns))
        if best_score is None or score > best_score:
            best, best_score = header, score
    return best


def _locate(path: Path, sheet: str | None) -> tuple[Sheet, PlanHeader]:
    search = search_sheets(path, sheet, _find_header, lambda header: header.complete)
    if search.found is not None:
        return search.found
    if search.partial is not None:
        data, header = search.partial
        found = set(header.columns.values())
        missing = [text for key, text in (("id", "NUPTK atau NIP"), ("action", "Kegiatan/Aksi"),
                                          ("due", "Target Waktu"))
                   if (key == "id" and not found & set(_ID_KEYS)) or key in ("action", "due")
                   and key not in found]
        raise ValidationError(f"Baris judul kolom (baris {data.excel_row(header.row_index)}, "
                              f"lembar '{data.name}') di '{path.name}' tidak punya kolom "
                              f"{' dan '.join(missing)}. {_NEEDED}")
    raise ValidationError(f"Baris judul kolom RTL tidak ditemukan di '{path.name}'"
                          f"{search.where(path)}. {_NEEDED}")


# ---------------------------------------------------------------- the report


@dataclass
class PlanImportReport(ActivityImportReport):
    """The RTL import's report: the common fields (reports.ActivityImportReport; its
    `activity` holds the program's title) and these."""

    participants: int = 0  # distinct participants with a plan in the file
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    statuses: dict[str, int] = field(default_factory=dict)  # status -> plans in the file

    imported: ClassVar[str] = "RTL diimpor"

    def counts(self) -> str:
        n = format_thousands
        per_status = ", ".join(f"{n(self.statuses[s])} {label.lower()}"
                               for s, label in plans.STATUSES.items() if self.statuses.get(s))
        text = f"{n(self.new + self.updated + self.unchanged)} RTL untuk {n(self.participants)} peserta"
        if per_status:
            text += f" ({per_status})"
        return f"{text}; {n(self.new)} baru, {n(self.updated)} berubah, {n(self.unchanged)} tetap"


# ---------------------------------------------------------------- the import


@dataclass
class _Row:
    row: int
    participant_id: int
    plan_id: int | None
    values: dict  # action, due, partners, indicator, note; status when the file gives one


def import_plans(db: Database, program_id: int, path: str | Path, *, sheet: str | None = None,
                 dry_run: bool = False, progress: Progress | None = None,
                 cancelled: IsCancelled | None = None) -> PlanImportReport:
    """Add or update the program's RTL from a workbook (.xlsx, .xls, .ods, .csv): a row per
    plan naming its participant by NUPTK or NIP, with Kegiatan/Aksi and Target Waktu, and
    optionally Sasaran/Bersama, Indikator Keberhasilan, Status and Keterangan. A row under
    a participant's row with no ID and no name continues that participant (the ID written
    once, or merged down). A row whose ID RTL (our export's column) or whose participant
    and Kegiatan match a plan already recorded updates that plan; a status it changes is
    kept in the plan's history, dated today.

    All or nothing: an unknown ID, a person not in this program, an empty Kegiatan, a date
    that is not one or is outside the program's reach, an unknown status, and nothing is
    written; each problem is located by Excel row and column header. Raises InputFileError
    for an unreadable file and ValidationError when the needed columns are missing."""
    path = Path(path)
    program = programs.get_program(db, program_id)
    if progress:
        progress(0, 1, "Membaca RTL")
    data, header = _locate(path, sheet)
    fill_merged(data.rows, merged_ranges(path, data), header.row_index + 1)
    report = PlanImportReport(file=path.name, activity=program.title, sheet=data.name,
                              header_row=data.excel_row(header.row_index),
                              unknown_columns=header.unknown, dry_run=dry_run)
    # Read under the write lock: a second import of the same sheet at the same time waits,
    # then finds these plans stored and updates them (it added every plan twice).
    with contextlib.nullcontext() if dry_run else write_lock(db):
        job = _Reading(db, program, header, report)
        job.read(data, cancelled)
        changes = job.check()
        if dry_run or report.problems:
            return report
        if cancelled and cancelled():
            raise Cancelled()
        with map_storage_errors("Menyimpan RTL gagal"):
            _write(db, program, changes)
    report.written = True
    if progress:
        progress(1, 1, "RTL disimpan")
    return report


class _Reading(RowChecks):
    def __init__(self, db: Database, program: programs.Program, header: PlanHeader,
                 report: PlanImportReport):
        self.db, self.program, self.header, self.report = db, program, header, report
        people = programs.list_participants(db, program.id)
        self.by_id = {kind: {p[kind]: p for p in people if p.get(kind)} for kind in ("nuptk", "nip")}
        self.rows: list[_Row] = []
        self.check_header()

    def cell(self, cells: list, key: str):
        for column in self.header.fields.get(key, []):
            if column < len(cells) and not blank(cells[column]):
                return cells[column]
        return None

    def read(self, data: Sheet, cancelled: IsCancelled | None) -> None:
        first = self.header.row_index + 1
        body = data.rows[first:]
        wanted = [c for key in ("action", *_ID_KEYS) for c in self.header.fields.get(key, [])]
        # Rows after the last one with a plan or an ID are the sheet's footer (the place
        # and date, "Mengetahui", signatures), not plans.
        last = max((offset for offset, cells in enumerate(body)
                    if any(c < len(cells) and not blank(cells[c]) for c in wanted)), default=-1)
        check_rows(body[:last + 1], MAX_ROWS, "impor RTL", self.report.file, data)
        current = None  # the participant of the row above, for continuation rows
        for offset, cells in enumerate(body):
            if all(blank(c) for c in cells):
                continue
            if offset > last:
                self.report.ignored_rows += 1
                continue
            if offset == 0 and is_numbering_row(cells):
                continue
            if offset % 500 == 0 and cancelled and cancelled():
                raise Cancelled()
            self.report.rows += 1
            current = self._row(data.excel_row(first + offset), cells, current)

    def _row(self, row: int, cells: list, current: dict | None) -> dict | None:
        before = len(self.report.problems)
        for column in sorted(self.header.columns):
            if column < len(cells) and isinstance(cells[column], FormulaError):
                self.problem(row, self.header.labels[column], column, cells[column].problem())
        if len(self.report.problems) > before:
            return current
        person = self._person(row, cells, current)
        values: dict = {}
        for key, what in (("action", "Kegiatan/Aksi"), ("partners", "Sasaran/Bersama"),
                          ("indicator", "Indikator keberhasilan"), ("note", "Keterangan")):
            text = _cell_text(self.cell(cells, key))
            if key == "action" and not text:
                self.at(row, key, "Kegiatan/aksi kosong; tulis apa yang akan dilakukan")
            elif len(text) > plans.MAX_TEXT:
                self.at(row, key, f"{what} terlalu panjang ({len(text)} huruf); paling banyak "
                                  f"{plans.MAX_TEXT} huruf")
            values[key] = text
        try:
            values["due"] = plans.parse_due(self.cell(cells, "due"), self.program)
        except ValidationError as exc:
            self.at(row, "due", exc.message.rstrip("."))
        raw_status = self.cell(cells, "status")
        if raw_status is not None:
            try:
                values["status"] = plans.parse_status(raw_status)
            except ValidationError as exc:
                self.at(row, "status", exc.message.rstrip("."))
        plan_id = self._plan_id(row, cells, person)
        if person is not None and len(self.report.problems) == before:
            self.rows.append(_Row(row, person["id"], plan_id, values))
        return person

    def _person(self, row: int, cells: list, current: dict | None) -> dict | None:
        """The participant a row names by NUPTK or NIP; a row with neither and no name
        continues the participant of the row above."""
        found: dict[int, dict] = {}
        for key in _ID_KEYS:
            for column in self.header.fields.get(key, []):
                value = cells[column] if column < len(cells) else None
                if blank(value):
                    continue
                label = self.header.labels[column]
                try:
                    digits = clean_id(value, key)
                except ValueError as exc:
                    self.problem(row, label, column, str(exc))
                    return None
                kind = key if key != "id_any" else ("nip" if len(digits) == 18 else "nuptk")
                person = self.by_id[kind].get(digits)
                if person is None:
                    self.problem(row, label, column, f"{kind.upper()} {digits} bukan peserta "
                                 f"program {self.program.name} tahun {self.program.year}; "
                                 "periksa nomornya")
                    return None
                found[person["id"]] = person
        if len(found) > 1:
            names = " dan ".join(p["name"] for p in found.values())
            self.at(row, "nuptk", f"nomor-nomor di baris ini milik orang yang berbeda ({names}); "
                                  "periksa nomornya")
            return None
        if found:
            return next(iter(found.values()))
        if current is not None and self.cell(cells, "name") is None:
            return current
        self.at(row, "nuptk", "isi NUPTK atau NIP peserta")
        return None

    def _plan_id(self, row: int, cells: list, person: dict | None) -> int | None:
        value = self.cell(cells, "plan_id")
        if value is None:
            return None
        text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
        if not text.isdigit():
            self.at(row, "plan_id", f"'{text}' bukan nomor RTL; kosongkan untuk RTL baru")
            return None
        found = self.db.execute("SELECT program_id, participant_id FROM action_plans WHERE id = ?",
                                [int(text)]).fetchone()
        if found is None or found[0] != self.program.id:
            self.at(row, "plan_id", f"RTL nomor {text} tidak ada di program ini; kosongkan "
                                    "untuk RTL baru")
            return None
        if person is not None and found[1] != person["id"]:
            self.at(row, "plan_id", f"RTL nomor {text} milik peserta lain, bukan {person['name']}")
            return None
        return int(text)

    def check(self) -> list[tuple[_Row, dict | None]]:
        """What the import writes: each row with the plan it updates (None: a new plan).
        Counts the report; two rows for one plan are a problem."""
        report = self.report
        if not report.rows and not report.problems:
            self.problem(report.header_row, None, 0, "tidak ada baris RTL di bawah baris judul "
                                                     "kolom; tidak ada yang disimpan")
        existing = plans.list_plans(self.db, self.program.id)
        by_id = {p["id"]: p for p in existing}
        by_action = {(p["participant_id"], _same(p["action"])): p for p in existing}
        seen: dict[int, int] = {}
        changes, people, statuses = [], set(), {}
        for entry in self.rows:
            plan = by_id.get(entry.plan_id) if entry.plan_id else \
                by_action.get((entry.participant_id, _same(entry.values["action"])))
            if plan is not None:
                if plan["id"] in seen:
                    self.problem(entry.row, self.header.label("action")[0], 0,
                                 f"RTL ini sudah tertulis di baris {seen[plan['id']]}; tulis "
                                 "sekali saja")
                    continue
                seen[plan["id"]] = entry.row
            people.add(entry.participant_id)
            status = entry.values.get("status", plan["status"] if plan else "belum")
            statuses[status] = statuses.get(status, 0) + 1
            if plan is None:
                report.new += 1
            elif _differs(plan, entry.values):
                report.updated += 1
            else:
                report.unchanged += 1
                continue
            changes.append((entry, plan))
        report.participants = len(people)
        report.statuses = {s: statuses[s] for s in plans.STATUSES if statuses.get(s)}
        for found in (report.problems, report.warnings):
            found.sort(key=lambda p: (p.row or 0, p.order))
        return changes


def _cell_text(value) -> str:
    if blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return format_date(value if type(value) is dt.date else value.date(), with_weekday=False)
    lines = (" ".join(line.split()) for line in str(value).splitlines())
    return "\n".join(line for line in lines if line)


def _same(text: str) -> str:
    return " ".join(str(text or "").casefold().split())


def _differs(plan: dict, values: dict) -> bool:
    if "status" in values and values["status"] != plan["status"]:
        return True
    if values["due"] != plan["due"] or values["action"] != plan["action"]:
        return True
    return any(values[key] and values[key] != (plan[key] or "")
               for key in ("partners", "indicator", "note"))


def _write(db: Database, program: programs.Program, changes: list) -> None:
    """One transaction: new plans added, the others updated (a blank optional cell keeps
    what is recorded; a changed status goes into the history, dated today)."""
    today = dt.date.today().isoformat()
    with db.atomic():
        for entry, plan in changes:
            v = entry.values
            if plan is None:
                cursor = db.execute(
                    "INSERT INTO action_plans (program_id, participant_id, action, partners, due, "
                    "indicator, status, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [program.id, entry.participant_id, v["action"], v["partners"] or None,
                     v["due"].isoformat(), v["indicator"] or None, v.get("status", "belum"),
                     v["note"] or None])
                if v.get("status", "belum") != "belum":
                    db.execute("INSERT INTO action_plan_progress (plan_id, day, status, note) "
                               "VALUES (?, ?, ?, ?)",
                               [cursor.lastrowid, today, v["status"], v["note"] or None])
                continue
            status = v.get("status", plan["status"])
            keep = {key: v[key] or plan[key] for key in ("partners", "indicator", "note")}
            db.execute("UPDATE action_plans SET action = ?, due = ?, partners = ?, indicator = ?, "
                       "note = ?, status = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', "
                       "'localtime') WHERE id = ?",
                       [v["action"], v["due"].isoformat(), keep["partners"], keep["indicator"],
                        keep["note"], status, plan["id"]])
            if status != plan["status"]:
                db.execute("INSERT INTO action_plan_progress (plan_id, day, status, note) "
                           "VALUES (?, ?, ?, ?)", [plan["id"], today, status, v["note"] or None])


# ---------------------------------------------------------------- the export

COLUMNS = (("No", 5), ("ID RTL", 8), ("Nama", 32), ("NUPTK", 19), ("NIP", 21), ("Peran", 10),
           ("Asal Sekolah", 28), ("Kegiatan/Aksi", 44), ("Sasaran/Bersama", 26),
           ("Target Waktu", 13), ("Indikator Keberhasilan", 36), ("Status", 13),
           ("Keterangan", 34), ("Terlambat (hari)", 11), ("Pembaruan Terakhir", 13))
OVERDUE_FILL = PatternFill("solid", fgColor="F8CBAD")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


def export_plans(db: Database, program_id: int, path: str | Path, *,
                 as_of: dt.date | None = None) -> Path:
    """The program's RTL as .xlsx, a row per plan, as an office keeps it: readable widths,
    the header frozen with a filter on it, target and update dates as dates, and the plans
    past due and not finished as of `as_of` (default today) highlighted. Its columns are
    the import's, so the sheet can be sent out, filled in and imported back (ID RTL keeps
    each row on its plan)."""
    path = check_destination(path)
    program = programs.get_program(db, program_id)
    as_of = as_of or dt.date.today()
    rows = plans.list_plans(db, program_id, as_of=as_of)
    book = Workbook(write_only=True)
    ws = book.create_sheet("RTL")
    print_setup(ws, 3)
    ws.freeze_panes = "D4"  # the header, and No, ID and name stay in view
    for index, (_label, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.auto_filter.ref = f"A3:{get_column_letter(len(COLUMNS))}{len(rows) + 3}"
    title = text_cell(ws, f"Rencana Tindak Lanjut (RTL) {program.name} Tahun {program.year}")
    title.font = Font(bold=True, size=12)
    ws.append([title])
    ws.append([text_cell(ws, f"Keadaan per {format_date(as_of, with_weekday=False)}; baris "
                             "berwarna: melewati target waktu dan belum selesai")])
    ws.append(header_cells(ws, [label for label, _width in COLUMNS]))
    for number, plan in enumerate(rows, start=1):
        cells = [number, plan["id"], text_cell(ws, plan["name"]),
                 text_cell(ws, plan["nuptk"], force_text=True),
                 text_cell(ws, plan["nip"], force_text=True), text_cell(ws, plan["tier_label"]),
                 text_cell(ws, plan["school"]), text_cell(ws, plan["action"]),
                 text_cell(ws, plan["partners"]), _date_cell(ws, plan["due"]),
                 text_cell(ws, plan["indicator"]), plan["status_label"],
                 text_cell(ws, plan["note"]),
                 plan["days_overdue"] or None, _date_cell(ws, plan["last_day"])]
        ws.append([_styled(ws, cell, plan["overdue"], index) for index, cell in enumerate(cells)])
    return save_workbook(book, path)


def _date_cell(ws, day: dt.date | None):
    if day is None:
        return None
    cell = WriteOnlyCell(ws, value=day)
    cell.number_format = DATE_FORMAT
    return cell


def _styled(ws, value, overdue: bool, index: int):
    cell = value if isinstance(value, Cell) else WriteOnlyCell(ws, value=value)
    cell.alignment = _WRAP if COLUMNS[index][1] >= 20 else _TOP
    if overdue:
        cell.fill = OVERDUE_FILL
    return cell
