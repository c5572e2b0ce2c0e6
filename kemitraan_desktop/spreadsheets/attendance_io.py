"""Attendance in and out of workbooks: marks imported from an office's sheet, and the
Rekap Kehadiran (.xlsx).

Two layouts are read. "Long": one row per mark, with NUPTK/NIP/NIK, a date (Tanggal) and/or
a session (Sesi, Jam, Acara) and a status (Status, Kehadiran, Keterangan). "Wide", the way
offices keep a daftar hadir in Excel: one row per participant and a column per date (the
header cells are dates, `10/09/2018`, `Sen 10/9 08.00` as the recap writes them, or a
date over its sessions' times) holding H / I / S / A."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlite_utils import Database

from .. import activities as act
from .. import attendance as att
from .. import indonesia as ind
from .. import people
from ..attendance import Mark, Session
from ..errors import Cancelled, ValidationError
from ..indonesia import format_thousands
from ..store import map_storage_errors
from .export import (
    FORMULA_STARTS,
    TEXT_FORMAT,
    _header_cells,
    _save,
    _text_cell,
    check_destination,
    print_setup,
)
from .headers import HEADER_SCAN_ROWS, IGNORED, SYNONYMS, header_key
from .participants_import import clean_id
from .reader import FormulaError, Sheet, check_rows, fill_merged, merged_ranges, read_sheets
from .roster_rows import Problem, is_numbering_row
from .rundown_xlsx import _parse_day, _time_range

__all__ = ["AttendanceImportReport", "export_recap", "import_marks", "parse_status",
           "short_label"]

Progress = Callable[[int, int, str], None]
IsCancelled = Callable[[], bool]

SHORT_DAYS = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"]
MAX_ROWS = 200_000  # marks one import reads: 2,000 participants over 16 sessions is 32,000
STATUS_LETTERS = {"hadir": "H", "izin": "I", "sakit": "S", "alpa": "A"}


def short_label(session: Session) -> str:
    """`Sen 10/9 08.00` (a whole-day session: `Sen 10/9`): a recap column's header, which
    the import reads back."""
    day = session.day
    text = f"{SHORT_DAYS[day.weekday()]} {day.day}/{day.month}"
    return f"{text} {session.slot.replace(':', '.')}" if session.slot else text


# ---------------------------------------------------------------- statuses

_STATUS_WORDS = {
    "hadir": "hadir", "h": "hadir", "hdr": "hadir", "ya": "hadir", "y": "hadir", "v": "hadir",
    "1": "hadir", "masuk": "hadir",
    "izin": "izin", "ijin": "izin", "i": "izin", "dl": "izin", "dinasluar": "izin",
    "cuti": "izin", "dispensasi": "izin",
    "sakit": "sakit", "s": "sakit", "skt": "sakit",
    "alpa": "alpa", "alpha": "alpa", "alfa": "alpa", "alpah": "alpa", "a": "alpa",
    "tanpaketerangan": "alpa", "tk": "alpa", "tidakhadir": "alpa", "th": "alpa", "0": "alpa",
    "mangkir": "alpa",
}
_CHECKS = {"✓", "✔", "√", "☑", "✅"}
_DASHES = {"-", "–", "—", "--"}
_LEADING_WORD = re.compile(r"^\s*([^\W\d_]+)\b[\s.,:;/(\-]*(.*?)[\s)]*$")
_STATUS_HINT = "isi H (hadir), I (izin), S (sakit) atau A (alpa)"


def parse_status(value) -> tuple[str, str] | None:
    """A status cell -> (status, note) with status one of attendance.STATUSES; None when
    blank. `Hadir`, `H`, `v`, `✓`, `1` are hadir; `Izin`/`I`, `Sakit`/`S`; `Alpa`/`A`,
    `tanpa keterangan`, `-`, `0` are alpa. A word followed by a reason keeps the reason as
    the note: `Sakit (surat dokter)`. Raises ValueError for anything else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return ("hadir" if value else "alpa"), ""
    if isinstance(value, int | float):
        if value in (0, 1):
            return ("hadir" if value == 1 else "alpa"), ""
        raise ValueError(f"'{value:g}' bukan status kehadiran; {_STATUS_HINT}")
    text = str(value).strip()
    if text in _CHECKS or text in ("v", "V"):
        return "hadir", ""
    if text in _DASHES:
        return "alpa", ""
    status = _STATUS_WORDS.get(header_key(text))
    if status:
        return status, ""
    m = _LEADING_WORD.match(text)
    if m and m[2] and (status := _STATUS_WORDS.get(m[1].lower())):
        return status, m[2].strip()
    raise ValueError(f"'{text}' bukan status kehadiran; {_STATUS_HINT}")


# ---------------------------------------------------------------- dates and times in cells

_WEEKDAY_WORD = (r"(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad|sen|sel|rab|kam|jum|"
                 r"sab|min)")
_WEEKDAY_PREFIX = re.compile(rf"^{_WEEKDAY_WORD}\b\.?,?\s*", re.IGNORECASE)
_TRAILING_TIME = re.compile(
    r"[\s,]+(?:pukul|pkl|jam)?\.?\s*(\d{1,2})[.:](\d{2})"
    r"(?:\s*(?:-|–|s\.?\s*d\.?)\s*(?:\d{1,2}[.:]\d{2}|selesai))?\s*(?:WIB|WITA|WIT)?\.?$",
    re.IGNORECASE)
_SHORT_DATE = re.compile(r"^(\d{1,2})[/\-](\d{1,2})$")
_SHORT_TEXT_DATE = re.compile(r"^(\d{1,2})[\s\-]+([A-Za-z]+)\.?$")
_DAY_OF_ACTIVITY = re.compile(r"^hari\s*(?:ke\s*[-.]?\s*)?(\d{1,2})$", re.IGNORECASE)
_ONLY_TIME = re.compile(r"^(?:pukul|pkl|jam)?\.?\s*\d{1,2}[.:]\d{2}", re.IGNORECASE)


def _in_activity_year(pattern: str, activity: act.Activity) -> dt.date:
    """A date written without its year (`pattern` has a `{year}` to fill): the activity's
    year, the nearer one when the activity runs over the new year."""
    years = sorted({activity.start.year, activity.end.year})
    found = [ind.parse_date(pattern.format(year=year)) for year in years]
    return min(found, key=lambda day: _distance(day, activity))


def _distance(day: dt.date, activity: act.Activity) -> int:
    return max((activity.start - day).days, (day - activity.end).days, 0)


def _moment(value, activity: act.Activity) -> tuple[dt.date, dt.time | None] | None:
    """A cell that names a day, perhaps with a time: a date or date-time cell, `10/09/2018`,
    `Senin, 10 September 2018`, `Sen 10/9 08.00`, `10/9`, `Hari ke-2`. None when the cell is
    not a date (a name, a number, a status)."""
    if isinstance(value, dt.datetime):
        moment = value.time().replace(second=0, microsecond=0)
        return value.date(), (moment if moment != dt.time(0, 0) else None)
    if isinstance(value, dt.date):
        return value, None
    if not isinstance(value, str):
        return None
    text = " ".join(value.replace("\u00a0", " ").split())
    moment = None
    if m := _TRAILING_TIME.search(text):
        hour, minute = int(m[1]), int(m[2])
        if hour > 23 or minute > 59:
            return None
        moment, text = dt.time(hour, minute), text[:m.start()].strip(" ,")
    text = _WEEKDAY_PREFIX.sub("", text).strip(" ,")
    if not text or text.isdigit():
        return None
    if m := _DAY_OF_ACTIVITY.match(text):
        number = int(m[1])
        if number < 1:
            return None
        return activity.start + dt.timedelta(days=number - 1), moment
    try:
        if m := _SHORT_DATE.match(text):
            return _in_activity_year(f"{m[1]}/{m[2]}/{{year}}", activity), moment
        if m := _SHORT_TEXT_DATE.match(text):
            return _in_activity_year(f"{m[1]} {m[2]} {{year}}", activity), moment
        if not any(c.isdigit() for c in text):
            return None
        return ind.parse_date(text), moment
    except ValueError:
        return None


_NAMED_DAY = re.compile(rf"^\s*({_WEEKDAY_WORD})\b", re.IGNORECASE)


def _named_weekday(value) -> int | None:
    """The weekday a date cell names (`Senin, 10/09/2018` -> 0), None when it names none."""
    if not isinstance(value, str) or not (m := _NAMED_DAY.match(value)):
        return None
    word = m[1].lower()
    return 6 if word == "ahad" else [d.lower() for d in SHORT_DAYS].index(word[:3])


def _day_of_month(value, activity: act.Activity) -> dt.date | None:
    """A header cell holding only a day of the month (`9`, `10`, ... under a merged
    "Tanggal"): the activity's day with that number, when there is exactly one."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    text = str(value).strip().removesuffix(".0")
    if not text.isdigit() or not 1 <= int(text) <= 31:
        return None
    days = [activity.start + dt.timedelta(days=n) for n in range((activity.end - activity.start).days + 1)]
    found = [d for d in days if d.day == int(text)]
    return found[0] if len(found) == 1 else None


def _format_moment(day: dt.date, moment: dt.time | None) -> str:
    text = day.strftime("%d/%m/%Y")
    return f"{text} {ind.format_time(moment)}" if moment else text


# ---------------------------------------------------------------- the header

_FIELDS: dict[str, tuple[str, ...]] = {
    "nuptk": SYNONYMS["nuptk"],
    "nip": SYNONYMS["nip"],
    "nik": SYNONYMS["nik"],
    "id_any": SYNONYMS["id_any"] + ("nuptknipnik", "nipnuptknik", "nomoridentitas", "nipnik",
                                    "niknip", "nuptknik", "niknuptk", "noidentitas"),
    "name": SYNONYMS["full_name"],
    "date": ("tanggal", "tgl", "haritanggal", "haritgl", "haridantanggal", "tanggalhari",
             "tglhari", "hritgl", "tanggalkegiatan", "tanggalpelaksanaan", "tanggalhadir",
             "tanggalpresensi", "tanggalsesi"),
    "weekday": ("hari", "namahari"),
    "day_no": ("harike", "hariken", "harikegiatan"),
    "session": ("sesi", "sesike", "namasesi", "jam", "jamke", "waktu", "pukul", "jamsesi",
                "waktusesi", "jammulai", "mulai", "waktumulai", "acara", "kegiatan", "materi",
                "agenda", "mataacara", "jadwal", "sesikegiatan", "namakegiatan"),
    "status": ("status", "kehadiran", "statuskehadiran", "presensi", "statuspresensi",
               "absensi", "hadir", "hadirtidak", "hadirtidakhadir", "kodekehadiran",
               "keterangankehadiran", "ketkehadiran", "statushadir"),
    "remark": ("keterangan", "ket"),  # the status, or the note beside a Status column
    "note": ("catatan", "alasan", "keterangantambahan", "catatankehadiran"),
}
_FIELD = {syn: key for key, syns in _FIELDS.items() for syn in syns}
_ID_KEYS = ("nuptk", "nip", "nik", "id_any")
_ID_LABEL = {"nuptk": "NUPTK", "nip": "NIP", "nik": "NIK"}
# What our own recap and office registers carry beside the marks: not reported as unknown.
_QUIET = IGNORED | {"peran", "tingkat", "asalsekolah", "sekolah", "unitkerja", "instansi",
                    "asalinstansi", "jabatan", "jumlahsesi", "jumlah", "jml", "jp", "jumlahjp",
                    "memenuhisyarat", "sertifikat", "persen", "persentase", "kabkota",
                    "golongan", "pangkatgolongan", "mapel", "matapelajaran", "lp", "jk",
                    "totalhadir", "jumlahhadir", "paraf", "nohp", "hp", "tandatangan"}
_FALLBACK = {"nuptk": "NUPTK", "nip": "NIP", "nik": "NIK", "id_any": "NIP/NUPTK",
             "name": "Nama", "date": "Tanggal", "session": "Sesi", "status": "Status",
             "note": "Catatan"}
_NEEDED = ("Kolom yang diperlukan: NUPTK atau NIP (atau NIK), lalu Tanggal dan/atau Sesi "
           "(atau Jam) dengan Status (Hadir/Izin/Sakit/Alpa) di setiap baris; atau satu baris "
           "per peserta dengan satu kolom per tanggal (judul kolomnya tanggal, misalnya "
           "10/09/2018) berisi H, I, S atau A.")


@dataclass
class _Column:
    """A wide sheet's mark column: its day, perhaps the start time of one session."""
    index: int
    label: str
    day: dt.date
    moment: dt.time | None
    sessions: list[Session] = field(default_factory=list)


@dataclass
class _Header:
    row_index: int  # the last header row's index in the sheet's rows
    layout: str  # "long" or "wide"
    fields: dict[str, list[int]]
    labels: dict[int, str]
    unknown: list[str]
    duplicates: list[tuple[str, int, int]]
    columns: list[_Column] = field(default_factory=list)  # wide: the mark columns

    def label(self, key: str) -> tuple[str, int]:
        group = _ID_KEYS if key in _ID_KEYS else (key,)
        for candidate in group:
            if candidate in self.fields:
                column = self.fields[candidate][0]
                return self.labels[column], column
        return _FALLBACK.get(key, key), 10_000


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _map_row(row: list, index: int) -> _Header:
    fields: dict[str, list[int]] = {}
    labels, unknown, duplicates = {}, [], []
    for column, cell in enumerate(row):
        if not isinstance(cell, str):
            continue
        key = header_key(cell)
        if not key:
            continue
        found = _FIELD.get(key)
        if found is None:
            if key not in _QUIET:
                unknown.append(cell.strip())
            continue
        labels[column] = cell.strip()
        if found not in fields:
            fields[found] = [column]
        elif found in ("session", "note", "remark"):
            fields[found].append(column)
        else:
            duplicates.append((cell.strip(), fields[found][0], column))
    if "remark" in fields:
        remark = fields.pop("remark")
        if "status" not in fields:
            fields["status"] = remark[:1]
            fields.setdefault("note", []).extend(remark[1:])
        else:
            fields.setdefault("note", []).extend(remark)
    if "date" not in fields:
        for other in ("weekday", "day_no"):
            if other in fields:
                fields["date"] = fields.pop(other)
                break
    fields.pop("weekday", None)
    fields.pop("day_no", None)
    return _Header(index, "", fields, labels, unknown, duplicates)


def _id_columns(header: _Header) -> list[int]:
    return [c for key in _ID_KEYS for c in header.fields.get(key, [])]


def _date_cells(row: list, taken: set[int], activity: act.Activity,
                numbers: bool) -> dict[int, tuple[dt.date, dt.time | None, str]]:
    """Columns of a row whose cell names a day: column -> (day, time, label as written)."""
    found = {}
    for column, cell in enumerate(row):
        if column in taken or _blank(cell):
            continue
        moment = _moment(cell, activity)
        if moment is None and numbers:
            day = _day_of_month(cell, activity)
            moment = (day, None) if day else None
        if moment is None:
            continue
        label = cell.strip() if isinstance(cell, str) else _format_moment(*moment)
        found[column] = (moment[0], moment[1], label)
    return found


def _time_cells(row: list, columns: range) -> dict[int, dt.time]:
    found = {}
    for column in columns:
        cell = row[column] if column < len(row) else None
        if _blank(cell):
            continue
        if isinstance(cell, dt.time):
            found[column] = cell.replace(second=0, microsecond=0)
        elif isinstance(cell, str) and _ONLY_TIME.match(cell.strip()):
            try:
                start, _ = _time_range(cell)
            except ValueError:
                continue
            found[column] = start
    return found


def _under_header(row: list, id_columns: list[int]) -> bool:
    """A row under the header that continues it: its ID cells are blank (a data row has an
    ID; a row of column numbers has numbers there too)."""
    return all(c >= len(row) or _blank(row[c]) for c in id_columns)


def _wide(rows: list[list], header: _Header, activity: act.Activity) -> bool:
    """Take the date columns of a wide sheet: in the header row itself, or in the row under
    it (dates under a merged "Tanggal"), perhaps with the sessions' times in the row under
    the dates (a date merged over its sessions)."""
    ids = _id_columns(header)
    taken = {*ids, *header.fields.get("name", [])}
    index = header.row_index
    dates = _date_cells(rows[index], taken, activity, numbers=False)
    if not dates and index + 1 < len(rows) and _under_header(rows[index + 1], ids):
        index += 1
        dates = _date_cells(rows[index], taken, activity, numbers=True)
        if "status" in header.fields and set(dates) <= set(header.fields.get("date", [])):
            return False  # a long sheet whose first row has no number: not a row of dates
    if not dates:
        return False
    first = min(dates)
    if index + 1 < len(rows) and _under_header(rows[index + 1], ids):
        width = max(len(rows[index + 1]), max(dates) + 1)
        times = _time_cells(rows[index + 1], range(first, width))
        if times:
            index += 1
            current = None
            for column in range(first, max(times) + 1):
                if column in dates:
                    current = dates[column]
                elif current is not None and column in times and column not in taken:
                    dates[column] = current  # the merged date over this session's time
            for column, moment in times.items():
                if column in dates and dates[column][1] is None:
                    day, _, label = dates[column]
                    dates[column] = (day, moment, f"{label} {ind.format_time(moment)}")
    header.columns = [_Column(c, label, day, moment)
                      for c, (day, moment, label) in sorted(dates.items())]
    header.row_index = index
    header.layout = "wide"
    header.unknown = [u for u in header.unknown
                      if _moment(u, activity) is None]  # date headers are not unknown
    return True


def _find_header(rows: list[list], activity: act.Activity) -> _Header | None:
    """The header row among the first rows: a wide one (an ID column and date columns) or
    a long one (an ID column, a date or session column and a status column); the one that
    maps the most columns when several qualify."""
    best, best_score = None, None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        header = _map_row(row, index)
        if not _id_columns(header):
            continue
        if _wide(rows, header, activity):
            score = (2, len(header.columns) + len(header.fields))
        elif "status" in header.fields and ("date" in header.fields or "session" in header.fields):
            header.layout = "long"
            score = (2, len(header.fields))
        else:
            score = (1, len(header.fields))
        if best_score is None or score > best_score:
            best, best_score = header, score
    return best


def _locate(path: Path, sheet: str | None, activity: act.Activity) -> tuple[Sheet, _Header]:
    seen, partial = [], None
    for data in read_sheets(path, sheet):
        header = _find_header(data.rows, activity)
        if header is not None and header.layout:
            return data, header
        if header is not None and partial is None:
            partial = (data, header)
        seen.append(data.name)
    if partial is not None:
        data, header = partial
        missing = "Status (atau Kehadiran)" if "status" not in header.fields else \
            "Tanggal atau Sesi"
        raise ValidationError(
            f"Baris judul kolom (baris {data.excel_row(header.row_index)}, lembar '{data.name}') "
            f"di '{path.name}' tidak punya kolom {missing}, dan tidak ada kolom bertanggal. "
            f"{_NEEDED}")
    where = "" if path.suffix.lower() == ".csv" else \
        " (lembar " + (", ".join(f"'{n}'" for n in seen) or "-") + ")"
    raise ValidationError(f"Baris judul kolom dengan NUPTK atau NIP tidak ditemukan di "
                          f"'{path.name}'{where}. {_NEEDED}")


# ---------------------------------------------------------------- the report


@dataclass
class AttendanceImportReport:
    file: str
    activity: str = ""  # the activity's title
    sheet: str = ""
    layout: str = ""  # "long": a row per mark; "wide": a row per participant, a column per date
    header_row: int = 0
    rows: int = 0  # data rows read
    participants: int = 0  # distinct participants marked
    marks: int = 0  # session marks the file gives
    new: int = 0  # marks not recorded before
    changed: int = 0  # marks whose status or note changes
    unchanged: int = 0
    statuses: dict[str, int] = field(default_factory=dict)  # status -> marks in the file
    problems: list[Problem] = field(default_factory=list)  # any of them: nothing is written
    warnings: list[Problem] = field(default_factory=list)  # shown, not blocking
    unknown_columns: list[str] = field(default_factory=list)
    ignored_rows: int = 0  # rows under the table (a signature, notes)
    dry_run: bool = False
    written: bool = False
    changes: list[Mark] = field(default_factory=list)  # what is (or would be) written

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> str:
        n = format_thousands
        per_status = ", ".join(f"{n(self.statuses[s])} {s}" for s in att.STATUSES
                               if self.statuses.get(s))
        text = f"{n(self.marks)} tanda kehadiran untuk {n(self.participants)} peserta"
        if per_status:
            text += f" ({per_status})"
        return f"{text}; {n(self.new)} baru, {n(self.changed)} berubah, {n(self.unchanged)} tetap"

    def summary(self) -> str:
        warned = f" {len(self.warnings)} peringatan." if self.warnings else ""
        if self.problems:
            start = "Hasil pemeriksaan" if self.dry_run else "Tidak ada yang disimpan"
            return (f"{start}: {format_thousands(len(self.problems))} masalah di '{self.file}'; "
                    f"perbaiki lalu impor lagi.{warned}")
        if self.written:
            return f"Kehadiran diimpor: {self.counts()}.{warned}"
        return f"Uji coba (tidak ada yang disimpan): {self.counts()}.{warned}"

    def details(self) -> list[str]:
        lines = [str(p) for p in self.problems] + [f"Peringatan: {p}" for p in self.warnings]
        if self.ignored_rows:
            lines.append(f"{self.ignored_rows} baris di bawah tabel (tanda tangan, catatan) "
                         "tidak dibaca.")
        if self.unknown_columns:
            lines.append("Kolom yang tidak dibaca: " + ", ".join(self.unknown_columns) + ".")
        return lines


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
    data, header = _locate(path, sheet, activity)
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


class _Sessions:
    """The activity's sessions by day, and matching a session cell to one of them."""

    def __init__(self, activity: act.Activity, sessions: list[Session]):
        self.activity = activity
        self.all = sessions
        self.by_day: dict[dt.date, list[Session]] = {}
        for session in sessions:
            self.by_day.setdefault(session.day, []).append(session)

    def day(self, day: dt.date) -> list[Session]:
        if day not in self.by_day:
            shown = ind.format_date_range(self.activity.start, self.activity.end)
            raise ValueError(f"{ind.format_date(day)} bukan hari kegiatan ini ({shown})")
        return self.by_day[day]

    @staticmethod
    def listed(sessions: list[Session]) -> str:
        return "; ".join(f"{s.slot.replace(':', '.')} {s.title}".strip() if s.slot
                         else "sepanjang hari" for s in sessions)

    def at_time(self, day: dt.date, moment: dt.time) -> Session:
        today = self.day(day)
        slot = moment.strftime("%H:%M")
        for session in today:
            if session.slot == slot:
                return session
        raise ValueError(f"tidak ada sesi pukul {ind.format_time(moment)} pada "
                         f"{ind.format_date(day)}; sesi hari itu: {self.listed(today)}")

    def by_title(self, text: str, day: dt.date | None) -> Session:
        pool = self.day(day) if day else self.all
        key = header_key(text)
        titled = [s for s in pool if s.title]
        found = [s for s in titled if header_key(s.title) == key]
        if not found and len(key) >= 4:
            found = [s for s in titled if key in header_key(s.title)]
        if len(found) == 1:
            return found[0]
        where = f" pada {ind.format_date(day)}" if day else ""
        if found:
            raise ValueError(f"sesi '{text}' ada {len(found)} kali{where} ("
                             + "; ".join(s.label for s in found[:4])
                             + "); isi tanggal dan jamnya")
        hint = f"sesi hari itu: {self.listed(pool)}" if day else \
            "tulis jam mulai sesinya (misalnya 07.30) dan tanggalnya"
        raise ValueError(f"sesi '{text}' tidak ada{where}; {hint}")

    def match(self, day: dt.date | None, values: list) -> Session:
        """The session that a row's session cells name, on `day` when it is known."""
        for value in values:  # a time or a date-time first: "07.30", "Sen 10/9 08.00"
            moment = _moment(value, self.activity) if isinstance(value, str | dt.datetime) else None
            if moment is not None and moment[1] is not None:
                if day is not None and moment[0] != day:
                    raise ValueError(f"sesi '{value}' bukan pada {ind.format_date(day)}")
                return self.at_time(moment[0], moment[1])
            if isinstance(value, str) and not _ONLY_TIME.match(value.strip()) \
                    and not value.strip().replace(".", "").isdigit():
                continue  # a title: below
            try:
                start, _ = _time_range(value)
            except ValueError:
                continue
            if start is None:
                continue
            if day is None:
                slot = start.strftime("%H:%M")
                found = [s for s in self.all if s.slot == slot]
                if len(found) == 1:
                    return found[0]
                raise ValueError(f"jam {ind.format_time(start)} saja tidak cukup "
                                 f"({'ada di beberapa hari' if found else 'tidak ada sesi pada jam itu'}); "
                                 "isi juga kolom Tanggal")
            return self.at_time(day, start)
        texts = [str(v).strip() for v in values if isinstance(v, str) and v.strip()]
        if not texts:
            shown = ", ".join(str(v) for v in values)
            raise ValueError(f"'{shown}' bukan jam sesi; tulis misalnya 07.30")
        errors = []
        for text in texts:
            try:
                return self.by_title(text, day)
            except ValueError as exc:
                errors.append(str(exc))
        raise ValueError(errors[0])


@dataclass
class _Person:
    id: int
    name: str
    name_key: str
    ids: dict[str, str | None]


class _Reading:
    def __init__(self, db: Database, activity: act.Activity, header: _Header,
                 report: AttendanceImportReport, progress: Progress | None,
                 cancelled: IsCancelled | None):
        self.db, self.activity, self.header, self.report = db, activity, header, report
        self.progress, self.cancelled = progress, cancelled
        self.sessions = _Sessions(activity, att.sessions(db, activity.id))
        participants = act.activity_participants(db, activity.id)
        self.index: dict[str, dict[str, _Person]] = {k: {} for k in _ID_LABEL}
        for p in participants:
            person = _Person(p["id"], p["name"], p.get("name_key") or ind.name_key(p["name"]),
                             {k: p.get(k) for k in _ID_LABEL})
            for kind in _ID_LABEL:
                if p.get(kind):
                    self.index[kind][p[kind]] = person
        self.wanted: list[tuple[int, str, tuple[str, ...], str]] = []  # unresolved IDs
        self.entries: dict[tuple[int, str, str], tuple[_Entry, str]] = {}
        self.people: set[int] = set()
        self.conflicts: set[tuple[int, int]] = set()
        for text, first, second in header.duplicates:
            self.problem(report.header_row, text, second,
                         f"kolom ini muncul dua kali (kolom {get_column_letter(first + 1)} dan "
                         f"{get_column_letter(second + 1)}); hapus atau ganti nama salah satunya")

    # ------------------------------------------------------------ problems

    def problem(self, row: int | None, column: str | None, order: int, message: str,
                *, warning: bool = False) -> None:
        (self.report.warnings if warning else self.report.problems).append(
            Problem(row, column, message, order))

    def at(self, row: int, key: str, message: str) -> None:
        self.problem(row, *self.header.label(key), message)

    def _tick(self, done: int, total: int) -> None:
        if self.cancelled and self.cancelled():
            raise Cancelled()
        if self.progress:
            self.progress(done, total, "Memeriksa baris")

    # ------------------------------------------------------------ rows

    def cell(self, cells: list, key: str):
        for column in self.header.fields.get(key, []):
            if column < len(cells) and not _blank(cells[column]):
                return cells[column]
        return None

    def read(self, data: Sheet) -> None:
        header = self.header
        if header.layout == "wide":
            self._prepare_columns(data)
        first = header.row_index + 1
        body = data.rows[first:]
        ids = _id_columns(header)
        # Rows after the last one with an ID are the sheet's footer (the place and date,
        # the committee's signature), not participants.
        last = max((offset for offset, cells in enumerate(body)
                    if any(c < len(cells) and not _blank(cells[c]) for c in ids)), default=-1)
        check_rows(body[:last + 1], MAX_ROWS, "impor kehadiran", self.report.file, data)
        for offset, cells in enumerate(body):
            if all(_blank(c) for c in cells):
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
        columns = [(c, header.labels.get(c, _FALLBACK.get(key, key)))
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
        for key in _ID_KEYS:
            for column in self.header.fields.get(key, []):
                value = cells[column] if column < len(cells) else None
                if _blank(value):
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
        wanted: dict[str, set[str]] = {k: set() for k in _ID_LABEL}
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
            what = "/".join(_ID_LABEL[k] for k in kinds)
            hit = next(((k, known[k, digits]) for k in kinds if (k, digits) in known), None)
            if hit is None:
                message = (f"{what} {digits} tidak ada di daftar guru maupun di peserta "
                           "kegiatan ini; periksa nomornya")
            else:
                kind, (pid, name) = hit
                shown = f"{name} ({_ID_LABEL[kind]} {digits})"
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
                self.at(row, "status", f"status kosong; {_STATUS_HINT}")
            else:
                status, note = parsed
        except ValueError as exc:
            self.at(row, "status", str(exc))
        notes = [str(cells[c]).strip() for c in self.header.fields.get("note", [])
                 if c < len(cells) and not _blank(cells[c])]
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
                found = _moment(raw_day, self.activity)
                day, moment = found if found else (_parse_day(raw_day, self.activity)[0], None)
                self.sessions.day(day)
                self._check_weekday(row, raw_day, day, *self.header.label("date"))
            except ValueError as exc:
                self.at(row, "date", str(exc))
                return []
        values = [cells[c] for c in self.header.fields.get("session", [])
                  if c < len(cells) and not _blank(cells[c])]
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
        named = _named_weekday(written)
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
                if any(c.index < len(cells) and not _blank(cells[c.index]) for cells in body)}
        row = data.excel_row(header.row_index)
        same_day: dict[dt.date, list[_Column]] = {}
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
            if _blank(value):
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


# ---------------------------------------------------------------- the recap workbook

RECAP_SHEET = "Rekap Kehadiran"
RECAP_HEADER_ROW = 6  # under the title, the dates, the rule, the legend and a blank row
_FIXED = [("No", 5), ("Nama", 32), ("NUPTK", 18), ("NIP", 20), ("Peran", 10),
          ("Asal Sekolah", 28)]
_TOTALS = [("Hadir", 7), ("Jumlah sesi", 8), ("%", 8), ("JP", 6), ("Memenuhi syarat", 10),
           ("Keterangan", 40)]
_CENTRE = Alignment(horizontal="center", vertical="top")
_TOP = Alignment(vertical="top", wrap_text=True)
_FILLS = {"A": "F4B6B6", "S": "FFE699", "I": "FFF2CC", "Tidak": "F4B6B6"}


def rule_text(db: Database, activity_id: int, sessions: list[Session] | None = None) -> str:
    """The certificate rule in words: `minimal 80% kehadiran; sesi wajib: ...`."""
    rule = att.get_rule(db, activity_id)
    labels = {s.key: s.label for s in (sessions if sessions is not None
                                       else att.sessions(db, activity_id))}
    text = f"minimal {att.ind_percent(rule.min_percent)} kehadiran"
    required = [labels.get(tuple(k), f"{k[0]} {k[1]}") for k in rule.required]
    if required:
        text += "; sesi wajib: " + "; ".join(required)
    return text


def export_recap(db: Database, activity_id: int, path: str | Path, *,
                 recap: tuple[list[Session], list[att.RecapRow]] | None = None) -> Path:
    """Write the Rekap Kehadiran of an activity to .xlsx: the activity, its dates and the
    certificate rule above; one row per participant with NUPTK and NIP as text, a column
    per session (`Sen 10/9 08.00`, its title in the cell's comment) holding H / I / S / A
    (blank: not recorded), then sessions attended, the percentage, the JP earned, whether
    the rule is met and why not. The session columns read back with `import_marks`.
    `recap` is attendance.recap()'s result when the caller has it already."""
    path = check_destination(path)
    activity = act.get_activity(db, activity_id)
    sessions, rows = recap if recap is not None else att.recap(db, activity_id)
    book = Workbook(write_only=True)
    ws = book.create_sheet(RECAP_SHEET)
    widths = [w for _, w in _FIXED] + [9] * len(sessions) + [w for _, w in _TOTALS]
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    first_session = len(_FIXED) + 1
    ws.freeze_panes = f"{get_column_letter(first_session)}{RECAP_HEADER_ROW + 1}"
    print_setup(ws, RECAP_HEADER_ROW)
    ws.row_dimensions[RECAP_HEADER_ROW].height = 30  # "Sen 10/9" over "08.00"
    _recap_title(db, ws, activity, sessions)
    header = _header_cells(ws, [label for label, _ in _FIXED] + [short_label(s) for s in sessions]
                           + [label for label, _ in _TOTALS])
    for cell, session in zip(header[len(_FIXED):], sessions, strict=False):
        jp = f", {act.format_jp(session.jp)} JP" if session.jp else ""
        cell.comment = Comment(f"{session.label}{jp}", "Kemitraan Desktop", width=260, height=80)
    ws.append(header)
    letters = {s: STATUS_LETTERS[s] for s in att.STATUSES}
    styled = _Styles(ws)
    for number, row in enumerate(rows, start=1):
        p = row.participant
        cells = [styled.centre(number),
                 _text_cell(ws, p["name"]),
                 styled.text(p["nuptk"]),
                 styled.text(p["nip"]),
                 _text_cell(ws, p["tier_label"]),
                 _text_cell(ws, p["school"] or None)]
        cells += [styled.centre(letters[status] if status else None) for status in row.statuses]
        cells += [styled.centre(row.attended), styled.centre(row.sessions),
                  styled.percent(round(row.percent / 100, 4)),
                  styled.centre(int(row.jp) if float(row.jp).is_integer() else row.jp),
                  styled.centre("Ya" if row.eligible else "Tidak"),
                  styled.wrapped("; ".join(row.reasons) or None)]
        ws.append(cells)
    last = RECAP_HEADER_ROW + len(rows)
    end_letter = get_column_letter(len(widths))
    if rows:
        ws.auto_filter.ref = f"A{RECAP_HEADER_ROW}:{end_letter}{last}"
        if sessions:
            area = (f"{get_column_letter(first_session)}{RECAP_HEADER_ROW + 1}:"
                    f"{get_column_letter(first_session + len(sessions) - 1)}{last}")
            for letter in ("A", "S", "I"):
                ws.conditional_formatting.add(area, CellIsRule(
                    operator="equal", formula=[f'"{letter}"'],
                    fill=PatternFill("solid", fgColor=_FILLS[letter])))
        column = get_column_letter(len(widths) - 1)
        ws.conditional_formatting.add(f"{column}{RECAP_HEADER_ROW + 1}:{column}{last}", CellIsRule(
            operator="equal", formula=['"Tidak"'], fill=PatternFill("solid", fgColor=_FILLS["Tidak"])))
    ws.append([])
    _recap_footer(ws, sessions, rows)
    return _save(book, path)


class _Styles:
    """Cells styled by copying a prepared cell's style: setting a style cell by cell looks
    it up in the workbook each time, a third of the export's time at 2,000 rows."""

    def __init__(self, ws):
        self.ws = ws
        centre = WriteOnlyCell(ws)
        centre.alignment = _CENTRE
        percent = WriteOnlyCell(ws)
        percent.alignment, percent.number_format = _CENTRE, "0.0%"
        text = WriteOnlyCell(ws)
        text.number_format = TEXT_FORMAT
        wrapped = WriteOnlyCell(ws)
        wrapped.alignment = _TOP
        self._centre, self._percent = centre._style, percent._style
        self._text, self._wrapped = text._style, wrapped._style

    def _cell(self, value, style) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws, value=value)
        cell._style = copy(style)
        return cell

    def centre(self, value) -> WriteOnlyCell:
        return self._cell(value, self._centre)

    def percent(self, value: float) -> WriteOnlyCell:
        return self._cell(value, self._percent)

    def text(self, value: str | None) -> WriteOnlyCell:
        """An ID kept as text: never a number Excel would round (NUPTK, NIP)."""
        cell = self._cell(value or None, self._text)
        if value:
            cell.data_type = "s"
        return cell

    def wrapped(self, value: str | None) -> WriteOnlyCell:
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            cell = _text_cell(self.ws, value)
            cell.alignment = _TOP
            return cell
        return self._cell(value, self._wrapped)


def _recap_title(db: Database, ws, activity: act.Activity, sessions: list[Session]) -> None:
    program = db.execute("SELECT name, year FROM programs WHERE id = ?",
                         [activity.program_id]).fetchone()
    title = WriteOnlyCell(ws, value=f"Rekap Kehadiran - {activity.title}")
    title.font = Font(bold=True, size=14)
    ws.append([title])
    where = ", ".join(part for part in (activity.venue, act.region_name(db, activity.region_code))
                      if part)
    line = ind.format_date_range(activity.start, activity.end) + (f", {where}" if where else "")
    if program:
        line = f"{program[0]} Tahun {program[1]}; {line}"
    ws.append([_text_cell(ws, line)])
    total_jp = sum(s.jp for s in sessions)
    ws.append([_text_cell(ws, f"Syarat sertifikat: {rule_text(db, activity.id, sessions)}. "
                              f"{len(sessions)} sesi, {act.format_jp(total_jp)} JP.")])
    ws.append(["H = hadir, I = izin, S = sakit, A = alpa (tanpa keterangan); kosong = belum "
               "dicatat, tidak dihitung hadir."])
    ws.append([])


def _recap_footer(ws, sessions: list[Session], rows: list[att.RecapRow]) -> None:
    label = WriteOnlyCell(ws, value="Hadir per sesi")
    label.font = Font(bold=True)
    counts = []
    for index in range(len(sessions)):
        cell = WriteOnlyCell(ws, value=sum(1 for r in rows if r.statuses[index] == "hadir"))
        cell.alignment = _CENTRE
        counts.append(cell)
    ws.append([None, label, None, None, None, None, *counts])
    eligible = sum(1 for r in rows if r.eligible)
    n = format_thousands
    line = WriteOnlyCell(ws, value=f"Memenuhi syarat sertifikat: {n(eligible)} orang; tidak "
                                   f"memenuhi: {n(len(rows) - eligible)} orang; jumlah peserta: "
                                   f"{n(len(rows))} orang.")
    line.font = Font(bold=True)
    ws.append([None, line])
