"""A rundown imported from a workbook (.xlsx, .xls, .ods, .csv), replacing the activity's own."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from .. import indonesia as ind
from ..activities import (
    MAX_DAYS,
    Activity,
    Item,
    check_rundown,
    format_jp,
    get_activity,
    host_schools,
    save_items,
    time_zone,
    total_jp,
)
from ..errors import Cancelled
from ..store import map_storage_errors
from .cells import (
    ZONE,
    activity_distance,
    blank,
    cell_text,
    parse_cell_time,
    parse_day,
    parse_time_range,
)
from .headers import header_key
from .reader import FormulaError, Sheet, check_rows, fill_merged, merged_ranges
from .reports import ActivityImportReport, RowChecks
from .roster_rows import IsCancelled, Progress, is_numbering_row
from .rundown_sheet import (
    FALLBACK,
    JOINED,
    TOTALS,
    RundownHeader,
    locate_rundown,
    parse_attendance,
    parse_jp,
    parse_school,
)

__all__ = ["RundownReport", "import_rundown"]


MAX_ROWS = 1_500  # rows of one rundown: a month of a full programme is a few hundred


# ---------------------------------------------------------------- the report


@dataclass
class RundownReport(ActivityImportReport):
    """The rundown import's report: the common fields (reports.ActivityImportReport) and these."""

    items: int = 0
    days: int = 0
    jp: float = 0  # the JP a participant earns (activities.total_jp)
    replaced: int = 0  # items of the rundown before the import
    rundown: list[Item] = field(default_factory=list)  # the items read, in the file's order

    def counts(self) -> str:
        return f"{self.items} acara dalam {self.days} hari, {format_jp(self.jp)} JP"

    def summary(self) -> str:
        warned = f" {len(self.warnings)} peringatan." if self.warnings else ""
        if self.problems:
            start = "Hasil pemeriksaan" if self.dry_run else "Tidak ada yang disimpan"
            return (f"{start}: {len(self.problems)} masalah di rundown '{self.file}'; perbaiki "
                    f"lalu impor lagi.{warned}")
        if self.written:
            old = f", menggantikan {self.replaced} acara sebelumnya" if self.replaced else ""
            return f"Rundown diimpor: {self.counts()}{old}.{warned}"
        old = f"; menggantikan {self.replaced} acara yang ada" if self.replaced else ""
        return f"Uji coba (tidak ada yang disimpan): {self.counts()}{old}.{warned}"


# ---------------------------------------------------------------- the import


def import_rundown(db: Database, activity_id: int, path: str | Path, *, sheet: str | None = None,
                   dry_run: bool = False, progress: Progress | None = None,
                   cancelled: IsCancelled | None = None) -> RundownReport:
    """Replace the activity's rundown with the one in a workbook (.xlsx, .xls, .ods, .csv):
    ours, or an office's own with titles above the header, a day written once per day
    (merged or left blank below), a "Waktu" column `07.30 - 09.00 WIB` or Mulai/Selesai.

    All or nothing: any problem (an unreadable date, time, JP or Daftar Hadir, a missing
    Kegiatan, an NPSN that is not a host school, a date more than a month from the
    activity's) and nothing is written; each is located by Excel row and column header.
    A date just outside the activity's days (an arrival the day before), reversed or
    overlapping times and a time zone other than the activity's are warnings: the editor
    allows them too. Raises InputFileError for an unreadable file and ValidationError
    when the Tanggal or Kegiatan column is missing."""
    path = Path(path)
    activity = get_activity(db, activity_id)
    if progress:
        progress(0, 1, "Membaca rundown")
    data, header = locate_rundown(path, sheet)
    fill_merged(data.rows, merged_ranges(path, data), header.row_index + 1)
    report = RundownReport(file=path.name, activity=activity.title, sheet=data.name,
                           header_row=data.excel_row(header.row_index),
                           unknown_columns=header.unknown, dry_run=dry_run)
    report.replaced = db.execute("SELECT count(*) FROM rundown_items WHERE activity_id = ?",
                                 [activity_id]).fetchone()[0]
    job = _Reading(activity, header, report, host_schools(db, activity_id),
                   time_zone(db, activity.region_code))
    job.read(data)
    job.check()
    if dry_run or report.problems:
        return report
    if cancelled and cancelled():
        raise Cancelled()
    with map_storage_errors("Menyimpan rundown gagal"):
        save_items(db, activity_id, report.rundown)
    report.written = True
    if progress:
        progress(1, 1, "Rundown disimpan")
    return report


class _Reading(RowChecks):
    def __init__(self, activity: Activity, header: RundownHeader, report: RundownReport,
                 hosts: list[dict], zone: str):
        self.activity, self.header, self.report = activity, header, report
        self.hosts, self.zone = hosts, zone
        self.rows: list[int] = []  # the Excel row of each item in report.rundown
        self.written_days: list[tuple[int, dt.date, int | None]] = []  # (row, date, weekday)
        self.zone_seen: tuple[int, str] | None = None
        self.check_header()


    def cell(self, cells: list, key: str):
        """The cell of `key` (columns given twice joined), or None when blank."""
        columns = self.header.fields.get(key, [])
        values = [cells[c] for c in columns if c < len(cells) and not blank(cells[c])]
        if not values:
            return None
        if len(values) == 1:
            return values[0]
        return JOINED[key].join(dict.fromkeys(cell_text(v) for v in values))

    # ------------------------------------------------------------ rows

    def read(self, data: Sheet) -> None:
        first = self.header.row_index + 1
        body = data.rows[first:]
        described = [i for i, cells in enumerate(body) if self.cell(cells, "description") is not None]
        last = described[-1] if described else -1
        check_rows(body[:last + 1], MAX_ROWS, "rundown", self.report.file, data)
        # Rows after a blank row under the last activity are the footer: a signature, notes.
        footer = next((i for i in range(last + 1, len(body)) if all(blank(c) for c in body[i])),
                      len(body))
        day: dt.date | None = None
        day_failed = False
        previous: Item | None = None  # the item on the row just above
        for offset, cells in enumerate(body):
            row = data.excel_row(first + offset)
            if all(blank(c) for c in cells):
                previous = None
                continue
            if offset > footer:
                self.report.ignored_rows += 1
                continue
            if (offset == 0 and is_numbering_row(cells)) or self._is_total(cells):
                continue
            self.report.rows += 1
            if self._formula_errors(row, cells):
                day_failed, previous = True, None  # the rows under it are not read as its day's
                continue
            raw_day = self.cell(cells, "date") if "date" in self.header.fields else self.cell(cells, "day_no")
            if raw_day is not None:  # a new day: nothing carries over from the row above
                day, previous = self._day(row, raw_day, cells), None
                day_failed = day is None
            previous = self._row(row, cells, day, day_failed, previous)

    def _formula_errors(self, row: int, cells: list) -> bool:
        """Cells of the table whose formula failed (`#REF!`): each a problem."""
        found = False
        for key, columns in self.header.fields.items():
            for column in columns:
                value = cells[column] if column < len(cells) else None
                if isinstance(value, FormulaError):
                    self.problem(row, self.header.labels.get(column, FALLBACK.get(key, key)),
                                 column, value.problem())
                    found = True
        return found

    def _is_total(self, cells: list) -> bool:
        """A "Jumlah JP" row under the items: no item, nothing to check."""
        first = next((c for c in cells if isinstance(c, str) and not blank(c)), None)
        return first is not None and header_key(first) in TOTALS

    def _day(self, row: int, value, cells: list) -> dt.date | None:
        try:
            day, named = parse_day(value, self.activity)
        except ValueError as exc:
            self.at(row, "date", str(exc))
            return None
        weekday = self.cell(cells, "weekday")  # a "Hari" column beside "Tanggal"
        if named is None and isinstance(weekday, str):
            named = ind.weekday_number(weekday)
        self.written_days.append((row, day, named))
        return day

    def _row(self, row: int, cells: list, day: dt.date | None, day_failed: bool,
             previous: Item | None) -> Item | None:
        """Read one row; returns the item it adds to (for the row under it) or None."""
        description = cell_text(self.cell(cells, "description"))
        others = [k for k in self.header.fields if k not in ("date", "day_no", "weekday")
                  and self.cell(cells, k) is not None]
        if not description and not others:
            return None  # a day's own row ("Senin, 10 September 2018" alone)
        errors_before = len(self.report.problems)
        start, end = self._times(row, cells)
        values = {"jp": (parse_jp, 0.0), "attendance": (parse_attendance, False)}
        read = {}
        for key, (parse, default) in values.items():
            raw = self.cell(cells, key)
            try:
                read[key] = parse(raw)
            except ValueError as exc:
                self.at(row, key, str(exc))
                read[key] = default
        school = None
        if (raw := self.cell(cells, "school")) is not None:
            try:
                school = parse_school(raw, self.hosts)
            except ValueError as exc:
                self.at(row, "school", str(exc))
        place, pic = cell_text(self.cell(cells, "place")), cell_text(self.cell(cells, "pic"))
        if not description:
            if previous is not None and "school" in others:
                if len(self.report.problems) > errors_before:
                    return None
                # a host school's row under an activity merged over several rows (.ods)
                item = previous.copy(place=place, pic=pic, school_id=school, id=None)
                if start is not None:
                    item = item.copy(start=start, end=end)
                own = {key: read[key] for key in ("jp", "attendance") if key in others}
                return self._add(row, item.copy(**own))
            if previous is not None and not {"start", "end", "time", "jp", "attendance"} & set(others):
                previous.place = "; ".join(t for t in (previous.place, place) if t)
                previous.pic = "; ".join(t for t in (previous.pic, pic) if t)
                self.at(row, "description", "tanpa Kegiatan: Tempat dan Penanggung Jawab baris ini "
                        f"digabung ke acara di baris {self.rows[-1]}", warning=True)
                return previous
            self.at(row, "description", "Kegiatan kosong; isi nama acaranya (atau hapus barisnya)")
            return None
        if day is None and not day_failed:
            self.at(row, "date", "tanggal kosong; isi tanggal pada baris pertama setiap hari")
        if day is None or len(self.report.problems) > errors_before:
            return None
        return self._add(row, Item(day, start, end, description, place, pic, read["jp"],
                                   read["attendance"], school))

    def _add(self, row: int, item: Item) -> Item:
        self.report.rundown.append(item)
        self.rows.append(row)
        return item

    def _times(self, row: int, cells: list) -> tuple[dt.time | None, dt.time | None]:
        start = end = None
        for key in ("start", "end"):
            raw = self.cell(cells, key)
            self._note_zone(row, raw)
            try:
                moment = parse_cell_time(raw)
            except ValueError as exc:
                self.at(row, key, str(exc))
                continue
            start, end = (moment, end) if key == "start" else (start, moment)
        raw = self.cell(cells, "time")
        if raw is not None and start is None and end is None:
            self._note_zone(row, raw)
            try:
                start, end = parse_time_range(raw)
            except ValueError as exc:
                self.at(row, "time", str(exc))
        return start, end

    def _note_zone(self, row: int, raw) -> None:
        if isinstance(raw, str) and (m := ZONE.search(raw)) and self.zone_seen is None \
                and m[1].upper() != self.zone:
            self.zone_seen = (row, m[1].upper())
            self.at(row, "time" if "time" in self.header.fields else "start",
                    f"waktu tertulis {m[1].upper()}, padahal kegiatan ini memakai {self.zone}; "
                    f"jam disimpan seperti tertulis dan dicetak sebagai {self.zone}", warning=True)

    # ------------------------------------------------------------ the whole rundown

    def check(self) -> None:
        report, activity = self.report, self.activity
        shown = ind.format_date_range(activity.start, activity.end)
        warned: set = set()
        for row, day, named in self.written_days:
            if named is not None and named != day.weekday() and (day, named) not in warned:
                warned.add((day, named))
                self.at(row, "date", f"tertulis hari {ind.DAYS[named]}, padahal "
                        f"{ind.format_date(day, with_weekday=False)} hari {ind.DAYS[day.weekday()]}; "
                        "tanggalnya yang dipakai", warning=True)
            distance = activity_distance(day, activity)
            if distance == 0 or day in warned:
                continue
            warned.add(day)
            if distance > MAX_DAYS:
                self.at(row, "date", f"{ind.format_date(day)} jauh di luar tanggal kegiatan "
                        f"({shown}); periksa bulan dan tahunnya")
            else:
                self.at(row, "date", f"{ind.format_date(day)} di luar tanggal kegiatan ({shown})",
                        warning=True)
        if not report.rundown and not report.problems:
            self.problem(report.header_row, None, 0, "tidak ada acara di bawah baris judul kolom; "
                         "rundown yang ada tidak diganti")
        days = [i.day for i in report.rundown]
        if days:  # dates outside the activity are reported above, once per date
            wide = dataclasses.replace(activity, start=min(days + [activity.start]),
                                       end=max(days + [activity.end]))
            for warning in check_rundown(wide, report.rundown):
                self.at(self.rows[warning.index], "start", warning.message, warning=True)
        report.items, report.days = len(report.rundown), len(set(days))
        report.jp = total_jp(report.rundown)
        for found in (report.problems, report.warnings):
            found.sort(key=lambda p: (p.row or 0, p.order))
