"""Attendance marks imported from an office's sheet (see attendance_sheet for the layouts read)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from sqlite_utils import Database

from .. import activities as act
from .. import attendance as att
from .. import indonesia as ind
from .. import people
from ..attendance import Mark, Session
from ..errors import Cancelled
from ..indonesia import format_thousands
from ..store import map_storage_errors
from .attendance_sheet import (
    FALLBACK,
    ID_KEYS,
    ID_LABEL,
    STATUS_HINT,
    MarkColumn,
    MarksHeader,
    Sessions,
    id_columns,
    locate_marks,
    parse_status,
)
from .cells import blank, clean_id, named_weekday, parse_day, parse_moment
from .reader import FormulaError, Sheet, check_rows, fill_merged, merged_ranges
from .reports import ActivityImportReport, RowChecks
from .roster_rows import IsCancelled, Progress, is_numbering_row

__all__ = ["AttendanceImportReport", "import_marks"]


MAX_ROWS = 200_000  # marks one import reads: 2,000 participants over 16 sessions is 32,000


# ---------------------------------------------------------------- the report


@dataclass
class AttendanceImportReport(ActivityImportReport):
    """The attendance import's report: the common fields (reports.ActivityImportReport) and these."""

    layout: str = ""  # "long": a row per mark; "wide": a row per participant, a column per date
    participants: int = 0  # distinct participants marked
    marks: int = 0  # session marks the file gives
    new: int = 0  # marks not recorded before
    changed: int = 0  # marks whose status or note changes
    unchanged: int = 0
    statuses: dict[str, int] = field(default_factory=dict)  # status -> marks in the file
    changes: list[Mark] = field(default_factory=list)  # what is (or would be) written

    imported: ClassVar[str] = "Kehadiran diimpor"

    def counts(self) -> str:
        n = format_thousands
        per_status = ", ".join(f"{n(self.statuses[s])} {s}" for s in att.STATUSES
                               if self.statuses.get(s))
        text = f"{n(self.marks)} tanda kehadiran untuk {n(self.participants)} peserta"
        if per_status:
            text += f" ({per_status})"
        return f"{text}; {n(self.new)} baru, {n(self.changed)} berubah, {n(self.unchanged)} tetap"


# ---------------------------------------------------------------- the import


def import_marks(db: Database, activity_id: int, path: str | Path, *, sheet: str | None = None,
                 dry_run: bool = False, progress: Progress | None = None,
                 cancelled: IsCancelled | None = None) -> AttendanceImportReport:
    """Record the attendance marks of a workbook (.xlsx, .xls, .ods, .csv) for an activity.

    Each row names a participant by NUPTK, NIP or NIK (or a "NIP/NUPTK" column). Long
    layout: a date marks all that day's sessions; a session (its start time `07.30`/`0730`
    on that date, or its title) marks one. Wide layout: a column per date (or per date and
    time) holding H/I/S/A; blank cells are left as they are.

    All or nothing: an unknown person, a person not in this activity, a date that is not a
    day of the activity, an unknown session, an unreadable status, or two rows that
    disagree, and nothing is written; each problem is located by Excel row and column. In a
    `dry_run` nothing is written either. Marks the file does not mention stay as they are;
    a note the file leaves blank keeps the one recorded. Raises InputFileError for an
    unreadable file and ValidationError when the needed columns are missing."""
    path = Path(path)
    activity = act.get_activity(db, activity_id)
    if progress:
        progress(0, 1, "Membaca daftar hadir")
    data, header = locate_marks(path, sheet, activity)
    fill_merged(data.rows, merged_ranges(path, data), header.row_index + 1)
    report = AttendanceImportReport(file=path.name, activity=activity.title, sheet=data.name,
                                    layout=header.layout,
                                    header_row=data.excel_row(header.row_index),
                                    unknown_columns=header.unknown, dry_run=dry_run)
    job = _Reading(db, activity, header, report, progress, cancelled)
    job.read(data)
    job.check()
    if dry_run or report.problems:
        return report
    if cancelled and cancelled():
        raise Cancelled()
    if report.changes:
        with map_storage_errors("Menyimpan kehadiran gagal"):
            att.set_marks(db, activity_id, report.changes)
    report.written = True
    if progress:
        progress(1, 1, "Kehadiran disimpan")
    return report


@dataclass
class _Entry:
    """One mark the file gives, where it was written."""
    row: int
    column: str
    order: int
    status: str



@dataclass
class _Person:
    id: int
    name: str
    name_key: str
    ids: dict[str, str | None]


class _Reading(RowChecks):
    def __init__(self, db: Database, activity: act.Activity, header: MarksHeader,
                 report: AttendanceImportReport, progress: Progress | None,
                 cancelled: IsCancelled | None):
        self.db, self.activity, self.header, self.report = db, activity, header, report
        self.progress, self.cancelled = progress, cancelled
        self.sessions = Sessions(activity, att.sessions(db, activity.id))
        participants = act.activity_participants(db, activity.id)
        self.index: dict[str, dict[str, _Person]] = {k: {} for k in ID_LABEL}
        for p in participants:
            person = _Person(p["id"], p["name"], p.get("name_key") or ind.name_key(p["name"]),
                             {k: p.get(k) for k in ID_LABEL})
            for kind in ID_LABEL:
                if p.get(kind):
                    self.index[kind][p[kind]] = person
        self.wanted: list[tuple[int, str, tuple[str, ...], str]] = []  # unresolved IDs
        self.entries: dict[tuple[int, str, str], tuple[_Entry, str]] = {}
        self.people: set[int] = set()
        self.conflicts: set[tuple[int, int]] = set()
        self.check_header()


    def _tick(self, done: int, total: int) -> None:
        if self.cancelled and self.cancelled():
            raise Cancelled()
        if self.progress:
            self.progress(done, total, "Memeriksa baris")

    # ------------------------------------------------------------ rows

    def cell(self, cells: list, key: str):
        for column in self.header.fields.get(key, []):
            if column < len(cells) and not blank(cells[column]):
                return cells[column]
        return None

    def read(self, data: Sheet) -> None:
        header = self.header
        if header.layout == "wide":
            self._prepare_columns(data)
        first = header.row_index + 1
        body = data.rows[first:]
        ids = id_columns(header)
        # Rows after the last one with an ID are the sheet's footer (the place and date,
        # the committee's signature), not participants.
        last = max((offset for offset, cells in enumerate(body)
                    if any(c < len(cells) and not blank(cells[c]) for c in ids)), default=-1)
        check_rows(body[:last + 1], MAX_ROWS, "impor kehadiran", self.report.file, data)
        for offset, cells in enumerate(body):
            if all(blank(c) for c in cells):
                continue
            if offset > last:
                self.report.ignored_rows += 1
                continue
            if offset == 0 and is_numbering_row(cells):
                continue
            if offset % 500 == 0:
                self._tick(offset, len(body))
            row = data.excel_row(first + offset)
            self.report.rows += 1
            if self._formula_errors(row, cells):
                continue
            if header.layout == "wide":
                self._wide_row(row, cells)
            else:
                self._long_row(row, cells)
        self._resolve_outsiders()

    def _formula_errors(self, row: int, cells: list) -> bool:
        """Cells of the table whose formula failed (`#REF!`): each a problem."""
        found = False
        header = self.header
        columns = [(c, header.labels.get(c, FALLBACK.get(key, key)))
                   for key, cols in header.fields.items() for c in cols]
        columns += [(c.index, c.label) for c in header.columns]
        for column, label in columns:
            value = cells[column] if column < len(cells) else None
            if isinstance(value, FormulaError):
                self.problem(row, label, column, value.problem())
                found = True
        return found

    def _person(self, row: int, cells: list) -> _Person | None:
        """The participant a row names by its ID columns; problems located on them."""
        hits: list[tuple[str, str, str, tuple[str, ...], _Person | None]] = []
        bad = False
        for key in ID_KEYS:
            for column in self.header.fields.get(key, []):
                value = cells[column] if column < len(cells) else None
                if blank(value):
                    continue
                label = self.header.labels[column]
                try:
                    digits = clean_id(value, key)
                except ValueError as exc:
                    self.problem(row, label, column, str(exc))
                    bad = True
                    continue
                kinds = (("nip",) if len(digits) == 18 else ("nuptk", "nik")) \
                    if key == "id_any" else (key,)
                person = next((self.index[k][digits] for k in kinds if digits in self.index[k]),
                              None)
                hits.append((label, digits, key, kinds, person))
        if bad:
            return None
        if not hits:
            self.at(row, "nuptk", "isi NUPTK, NIP atau NIK peserta")
            return None
        found = {hit[4].id: hit[4] for hit in hits if hit[4] is not None}
        if not found:  # why not is looked up for all such rows at once, at the end
            self.wanted += [(row, label, kinds, digits) for label, digits, _, kinds, _ in hits]
            return None
        if len(found) > 1:
            names = " dan ".join(p.name for p in found.values())
            self.at(row, "nuptk", f"nomor-nomor di baris ini milik orang yang berbeda ({names}); "
                                  "periksa nomornya")
            return None
        person = next(iter(found.values()))
        by_label, by_digits = next((h[0], h[1]) for h in hits if h[4] is person)
        if person.ids.get("nik") == by_digits:  # a NIK is never quoted beside its owner
            by_label, by_digits = "NIK", "di baris itu"
        ok = True
        for label, digits, _, kinds, other in hits:
            recorded = [people.recorded_id(k, person.ids[k]) for k in kinds if person.ids.get(k)]
            if other is None and len(recorded) == len(kinds):  # a number it does not have
                self.problem(row, label, self._order(label),
                             f"{by_label} {by_digits} milik {person.name}, yang tercatat dengan "
                             f"{' dan '.join(recorded)}, bukan {digits}; periksa kedua nomor itu")
                ok = False
        written = self.cell(cells, "name")
        if ok and isinstance(written, str) and written.strip():
            words = set(ind.name_key(written).split())
            if words and person.name_key and not words & set(person.name_key.split()):
                self.problem(row, by_label, self._order(by_label),
                             f"{by_label} {by_digits} milik {person.name}, bukan "
                             f"{written.strip()}; periksa nomornya")
                ok = False
        if not ok:
            return None
        self.people.add(person.id)
        return person

    def _resolve_outsiders(self) -> None:
        """Why the unmatched numbers are not participants: not in the roster at all, in the
        roster but not in this program, or in the program but not in this activity."""
        wanted: dict[str, set[str]] = {k: set() for k in ID_LABEL}
        for _, _, kinds, digits in self.wanted:
            for kind in kinds:
                wanted[kind].add(digits)
        known: dict[tuple[str, str], tuple[int, str]] = {}
        for kind, values in wanted.items():
            values = sorted(values)
            for start in range(0, len(values), 500):
                chunk = values[start:start + 500]
                marks = ", ".join("?" for _ in chunk)
                for pid, name, digits in self.db.execute(
                        f"SELECT id, full_name, {kind} FROM people WHERE {kind} IN ({marks})",
                        chunk):
                    known[kind, digits] = (pid, name)
        in_program = {r[0] for r in self.db.execute(
            "SELECT person_id FROM participants WHERE program_id = ? AND person_id IS NOT NULL",
            [self.activity.program_id])}
        reported: set[tuple[int, str]] = set()
        for row, label, kinds, digits in self.wanted:
            if (row, label) in reported:
                continue
            reported.add((row, label))
            what = "/".join(ID_LABEL[k] for k in kinds)
            hit = next(((k, known[k, digits]) for k in kinds if (k, digits) in known), None)
            if hit is None:
                typed = "NIK di baris itu" if kinds == ("nik",) else f"{what} {digits}"
                message = (f"{typed} tidak ada di daftar guru maupun di peserta "
                           "kegiatan ini; periksa nomornya")
            else:
                kind, (pid, name) = hit
                # a NIK is never quoted beside its owner's name
                shown = f"{name} (NIK di baris itu)" if kind == "nik" else f"{name} ({ID_LABEL[kind]} {digits})"
                if pid in in_program:
                    message = (f"{shown} peserta program ini tetapi tidak ikut kegiatan ini; "
                               "tambahkan dulu ke peserta kegiatan")
                else:
                    message = f"{shown} bukan peserta kegiatan ini (juga bukan peserta programnya)"
            self.problem(row, label, self._order(label), message)

    def _order(self, label: str) -> int:
        return next((c for c, text in self.header.labels.items() if text == label), 10_000)

    def _long_row(self, row: int, cells: list) -> None:
        before = len(self.report.problems)
        person = self._person(row, cells)
        sessions = self._row_sessions(row, cells)
        status = note = None
        try:
            parsed = parse_status(self.cell(cells, "status"))
            if parsed is None:
                self.at(row, "status", f"status kosong; {STATUS_HINT}")
            else:
                status, note = parsed
        except ValueError as exc:
            self.at(row, "status", str(exc))
        notes = [str(cells[c]).strip() for c in self.header.fields.get("note", [])
                 if c < len(cells) and not blank(cells[c])]
        note = "; ".join(t for t in (note, *notes) if t)
        if person is None or status is None or not sessions or len(self.report.problems) > before:
            return
        label, order = self.header.label("status")
        self._add(person, sessions, _Entry(row, label, order, status), note)

    def _row_sessions(self, row: int, cells: list) -> list[Session]:
        """The sessions a long row marks: the session it names, or all of its day's."""
        day: dt.date | None = None
        moment: dt.time | None = None
        raw_day = self.cell(cells, "date")
        if raw_day is not None:
            try:
                found = parse_moment(raw_day, self.activity)
                day, moment = found if found else (parse_day(raw_day, self.activity)[0], None)
                self.sessions.day(day)
                self._check_weekday(row, raw_day, day, *self.header.label("date"))
            except ValueError as exc:
                self.at(row, "date", str(exc))
                return []
        values = [cells[c] for c in self.header.fields.get("session", [])
                  if c < len(cells) and not blank(cells[c])]
        try:
            if values:
                return [self.sessions.match(day, values)]
            if day is not None and moment is not None:
                return [self.sessions.at_time(day, moment)]
            if day is not None:
                return self.sessions.day(day)
        except ValueError as exc:
            self.at(row, "session" if values else "date", str(exc))
            return []
        what = "tanggalnya (atau sesinya)" if "session" in self.header.fields else "tanggalnya"
        self.at(row, "date", f"isi {what}")
        return []

    def _check_weekday(self, row: int, written, day: dt.date, column: str, order: int) -> None:
        named = named_weekday(written)
        if named is not None and named != day.weekday():
            self.problem(row, column, order, f"tertulis hari {ind.DAYS[named]}, padahal "
                         f"{ind.format_date(day, with_weekday=False)} hari "
                         f"{ind.DAYS[day.weekday()]}; tanggalnya yang dipakai", warning=True)

    def _prepare_columns(self, data: Sheet) -> None:
        """Each date column's sessions. Columns of days that are not the activity's, or
        times that are no session's, are problems only when something is marked in them."""
        header = self.header
        body = data.rows[header.row_index + 1:]
        used = {c.index for c in header.columns
                if any(c.index < len(cells) and not blank(cells[c.index]) for cells in body)}
        row = data.excel_row(header.row_index)
        same_day: dict[dt.date, list[MarkColumn]] = {}
        for column in header.columns:
            if column.moment is None:
                same_day.setdefault(column.day, []).append(column)
        for column in header.columns:
            if column.index in used:
                self._check_weekday(row, column.label, column.day, column.label, column.index)
            try:
                if column.moment is not None:
                    column.sessions = [self.sessions.at_time(column.day, column.moment)]
                    continue
                today = self.sessions.day(column.day)
                group = same_day[column.day]
                if len(group) == 1:
                    column.sessions = today
                elif len(group) == len(today):  # one column per session, in order
                    column.sessions = [today[group.index(column)]]
                else:
                    raise ValueError(
                        f"tanggal {ind.format_date(column.day)} ada di {len(group)} kolom, padahal "
                        f"hari itu ada {len(today)} sesi ({self.sessions.listed(today)}); tulis "
                        "jam sesinya di judul kolom, misalnya "
                        f"{column.day.strftime('%d/%m/%Y')} {today[0].slot.replace(':', '.') or '07.30'}")
            except ValueError as exc:
                if column.index in used:
                    self.problem(row, column.label, column.index, str(exc))

    def _wide_row(self, row: int, cells: list) -> None:
        before = len(self.report.problems)
        marked = []
        for column in self.header.columns:
            value = cells[column.index] if column.index < len(cells) else None
            if blank(value):
                continue
            try:
                parsed = parse_status(value)
            except ValueError as exc:
                self.problem(row, column.label, column.index, str(exc))
                continue
            if parsed and column.sessions:
                marked.append((column, parsed))
        if not marked and len(self.report.problems) == before:
            return  # nobody is marked on this row: nothing to read, nobody to look up
        person = self._person(row, cells)
        if person is None or len(self.report.problems) > before:
            return
        for column, (status, note) in marked:
            self._add(person, column.sessions, _Entry(row, column.label, column.index, status),
                      note)

    def _add(self, person: _Person, sessions: list[Session], entry: _Entry, note: str) -> None:
        for session in sessions:
            key = (person.id, *session.key)
            earlier = self.entries.get(key)
            if earlier is None:
                self.entries[key] = (entry, note)
                continue
            other = earlier[0]
            if other.status == entry.status:
                continue
            if (entry.row, entry.order) in self.conflicts:
                continue
            self.conflicts.add((entry.row, entry.order))
            where = f"baris {other.row}" + (f" kolom '{other.column}'" if other.row == entry.row else "")
            self.problem(entry.row, entry.column, entry.order,
                         f"{person.name}, sesi {session.label}: tertulis "
                         f"{att.STATUSES[entry.status]}, padahal di {where} "
                         f"{att.STATUSES[other.status]}; tulis satu status saja")

    # ------------------------------------------------------------ the whole file

    def check(self) -> None:
        report = self.report
        if not report.rows and not report.problems:
            self.problem(report.header_row, None, 0, "tidak ada baris peserta di bawah baris "
                                                     "judul kolom; tidak ada yang disimpan")
        current = att.marks(self.db, self.activity.id)
        statuses: Counter = Counter()
        for (pid, day, slot), (entry, note) in self.entries.items():
            statuses[entry.status] += 1
            stored = current.get((pid, day, slot))
            keep_note = note or (stored[1] if stored else "")
            if stored is None:
                report.new += 1
            elif stored == (entry.status, keep_note):
                report.unchanged += 1
                continue
            else:
                report.changed += 1
            report.changes.append(Mark(pid, day, slot, entry.status, keep_note))
        report.marks = len(self.entries)
        report.participants = len(self.people)
        report.statuses = {s: statuses[s] for s in att.STATUSES if statuses[s]}
        for found in (report.problems, report.warnings):
            found.sort(key=lambda p: (p.row or 0, p.order))

