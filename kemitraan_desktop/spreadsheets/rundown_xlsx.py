"""Rundown workbooks: an activity's rundown out to .xlsx, and back in from ours or an office's own."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
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
    list_items,
    parse_time,
    region_name,
    save_items,
    time_zone,
    total_jp,
)
from ..errors import Cancelled, ValidationError
from ..people import school_key
from ..store import map_storage_errors
from .export import DATE_FORMAT, _header_cells, _save, _text_cell, check_destination, print_setup
from .headers import HEADER_SCAN_ROWS, IGNORED, header_key
from .reader import FormulaError, Sheet, check_rows, fill_merged, merged_ranges, read_sheets
from .roster_rows import Problem, is_numbering_row

__all__ = ["RundownReport", "export_rundown", "import_rundown"]

Progress = Callable[[int, int, str], None]
IsCancelled = Callable[[], bool]

# (field, header, width) of the exported sheet, in order.
COLUMNS = [("date", "Tanggal", 13), ("start", "Mulai", 8), ("end", "Selesai", 8),
           ("description", "Kegiatan", 48), ("place", "Tempat", 28),
           ("pic", "Penanggung Jawab", 30), ("jp", "JP", 6), ("attendance", "Daftar Hadir", 9),
           ("school", "NPSN Sekolah", 13)]
HEADER_ROW = 4  # under the title, the dates line and a blank row
MAX_ROWS = 5_000  # rows of one rundown: a month of a full programme is a few hundred
SHEET_NAME = "Rundown"
_WRAP = Alignment(vertical="top", wrap_text=True)
_CENTRE = Alignment(horizontal="center", vertical="top")

# ---------------------------------------------------------------- export


def export_rundown(db: Database, activity_id: int, path: str | Path, *,
                   progress: Progress | None = None, cancelled: IsCancelled | None = None) -> Path:
    """Write the activity's rundown to .xlsx: a title, then one row per item with its date
    (a real date, dd/mm/yyyy), times as text `07.30` (what an operator types, and never
    turned into a fraction of a day by Excel), JP, "Ya" where attendance is taken and the
    NPSN of a host school's own items. `import_rundown` reads it back unchanged."""
    path = check_destination(path)
    activity = get_activity(db, activity_id)
    items = list_items(db, activity_id)
    zone = time_zone(db, activity.region_code)
    hosts = host_schools(db, activity_id)
    book = Workbook()
    ws = book.active
    ws.title = SHEET_NAME
    _title_rows(db, ws, activity, zone)
    header = _header_cells(ws, [label for _, label, _ in COLUMNS])
    for cell, note in zip(header, _header_notes(zone, hosts), strict=True):
        if note:
            cell.comment = Comment(note, "Kemitraan Desktop", width=320, height=140)
    ws.append(header)
    ws.row_dimensions[HEADER_ROW].height = 30
    schools = _school_refs(db, items, hosts)
    for index, item in enumerate(items):
        if cancelled and cancelled():
            raise Cancelled()
        ws.append(_item_cells(ws, item, schools))
        ws.row_dimensions[HEADER_ROW + 1 + index].height = 15 * _lines(item)
        if progress and index % 100 == 0:
            progress(index, len(items), "Mengekspor rundown")
    for index, (_, _, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    last = HEADER_ROW + len(items)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(COLUMNS))}{max(last, HEADER_ROW + 1)}"
    _dropdowns(ws, hosts, last + 200)
    print_setup(ws, HEADER_ROW)
    if progress:
        progress(len(items), len(items), "Mengekspor rundown")
    return _save(book, path)


def _title_rows(db: Database, ws, activity: Activity, zone: str) -> None:
    title = _text_cell(ws, activity.title)
    title.font = Font(bold=True, size=14)
    ws.append([title])
    where = ", ".join(part for part in (activity.venue, region_name(db, activity.region_code)) if part)
    line = ind.format_date_range(activity.start, activity.end) + (f", {where}" if where else "")
    ws.append([f"{line} (waktu {zone})"])
    ws.append([])


def _header_notes(zone: str, hosts: list[dict]) -> list[str | None]:
    listed = "; ".join(f"{h['npsn'] or h['name']} = {h['name']}" for h in hosts) or \
        "kegiatan ini belum punya sekolah inti"
    time_note = f"Jam seperti 07.30 (0730 dan 7.30 juga diterima), waktu {zone}."
    return [
        "Tanggal acara, misalnya 10/09/2018. Cukup diisi pada baris pertama setiap hari: "
        "baris di bawahnya memakai tanggal yang sama.",
        time_note, time_note, "Wajib diisi: nama acara.", None, None,
        "Jam pelajaran (45 menit). 0 atau kosong untuk istirahat, perjalanan, kunjungan budaya.",
        "Ya bila daftar hadir diedarkan pada acara ini; kosongkan bila tidak.",
        "Kosongkan untuk acara bersama. Untuk acara milik satu sekolah inti, isi NPSN "
        f"sekolahnya. Sekolah inti kegiatan ini: {listed}.",
    ]


def _school_refs(db: Database, items: list[Item], hosts: list[dict]) -> dict[int, str]:
    """School id -> what its column holds: the NPSN, or the name of a school without one.
    Also for schools no longer hosting (the import will then point them out)."""
    refs = {h["id"]: h["npsn"] or h["name"] for h in hosts}
    missing = sorted({i.school_id for i in items if i.school_id is not None} - set(refs))
    if missing:
        marks = ", ".join("?" for _ in missing)
        for sid, npsn, name in db.execute(
                f"SELECT id, npsn, name FROM schools WHERE id IN ({marks})", missing):
            refs[sid] = npsn or name
    return refs


def _item_cells(ws, item: Item, schools: dict[int, str]) -> list:
    day = WriteOnlyCell(ws, value=item.day)
    day.number_format = DATE_FORMAT
    times = [_text_cell(ws, ind.format_time(m) if m else None, force_text=True)
             for m in (item.start, item.end)]
    texts = [_text_cell(ws, text or None) for text in (item.description, item.place, item.pic)]
    jp = WriteOnlyCell(ws, value=int(item.jp) if float(item.jp).is_integer() else item.jp)
    attendance = WriteOnlyCell(ws, value="Ya" if item.attendance else None)
    school = _text_cell(ws, schools.get(item.school_id) if item.school_id is not None else None,
                        force_text=True)
    for cell in (day, *times, jp, attendance, school):
        cell.alignment = _CENTRE
    for cell in texts:
        cell.alignment = _WRAP
    return [day, *times, *texts, jp, attendance, school]


def _lines(item: Item) -> int:
    """Lines the tallest wrapped cell of an item's row takes: neither Excel nor LibreOffice
    sizes the rows of a file they did not lay out themselves."""
    widths = {key: width for key, _, width in COLUMNS}
    return max(sum(-(-max(len(line), 1) // widths[key]) for line in text.splitlines() or [""])
               for key, text in (("description", item.description), ("place", item.place),
                                 ("pic", item.pic)))


def _dropdowns(ws, hosts: list[dict], last_row: int) -> None:
    """Suggestions, not rules: the import checks the values and says what is wrong."""
    first = HEADER_ROW + 1
    position = {key: index for index, (key, _, _) in enumerate(COLUMNS, start=1)}
    lists = [(position["attendance"], ["Ya"])]
    npsns = [h["npsn"] for h in hosts if h["npsn"]]
    if npsns and len(",".join(npsns)) < 250:  # Excel's limit for a list typed in the rule
        lists.append((position["school"], npsns))
    for column, values in lists:
        rule = DataValidation(type="list", formula1='"' + ",".join(values) + '"',
                              allow_blank=True, showErrorMessage=False)
        letter = get_column_letter(column)
        rule.add(f"{letter}{first}:{letter}{last_row}")
        ws.add_data_validation(rule)


# ---------------------------------------------------------------- the header

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": ("tanggal", "tgl", "haritanggal", "haritgl", "haridantanggal", "tanggalhari",
             "tglhari", "hritgl", "tanggalkegiatan", "tanggalpelaksanaan", "harihari"),
    "weekday": ("hari", "namahari"),  # the date itself when there is no Tanggal column
    "day_no": ("harike", "hariken", "hariken", "harikegiatan", "harike1"),
    "time": ("waktu", "jam", "pukul", "waktupelaksanaan", "jamwaktu", "waktujam", "waktupukul",
             "pukuljam", "alokasiwaktu", "jadwal"),
    "start": ("mulai", "jammulai", "waktumulai", "pukulmulai", "dari", "awal", "jamawal",
              "waktuawal", "start"),
    "end": ("selesai", "jamselesai", "waktuselesai", "pukulselesai", "sampai", "akhir",
            "jamakhir", "waktuakhir", "sd", "hingga", "end"),
    "description": ("kegiatan", "acara", "materi", "agenda", "uraiankegiatan", "uraian",
                    "namakegiatan", "kegiatanmateri", "materikegiatan", "acarakegiatan",
                    "kegiatanacara", "susunanacara", "jeniskegiatan", "aktivitas", "mataacara",
                    "topik", "materiacara", "agendakegiatan", "rinciankegiatan", "deskripsi",
                    "namaacara", "sesi", "materiagenda"),
    "place": ("tempat", "lokasi", "ruang", "ruangan", "tempatkegiatan", "tempatlokasi",
              "lokasikegiatan", "tempatpelaksanaan", "venue"),
    "pic": ("penanggungjawab", "pj", "pic", "narasumber", "pemateri", "narasumberpemateri",
            "pematerinarasumber", "fasilitator", "pelaksana", "pengampu", "narasumberpj",
            "pjnarasumber", "penanggungjawabnarasumber", "narasumberpenanggungjawab",
            "pjkegiatan", "petugas", "narsum", "penyaji"),
    "jp": ("jp", "jampelajaran", "jumlahjp", "jmljp", "jpl", "jumlahjampelajaran", "alokasijp"),
    "attendance": ("daftarhadir", "absen", "absensi", "presensi", "hadir", "kehadiran", "dh",
                   "isidaftarhadir", "daftarhadirya"),
    "school": ("npsn", "npsnsekolah", "sekolah", "sekolahinti", "npsnsekolahinti",
               "sekolahtuanrumah", "tuanrumah", "namasekolah", "sekolahnpsn"),
}
_FIELD = {syn: key for key, syns in _SYNONYMS.items() for syn in syns}
_IGNORED = IGNORED | {"catatan", "no", "nomor", "keterangan"}
# A field two columns give, joined: "Narasumber" beside "Penanggung Jawab".
_JOINED = {"description": " - ", "place": "; ", "pic": "; "}
_FALLBACK = {"date": "Tanggal", "start": "Mulai", "end": "Selesai", "description": "Kegiatan",
             "place": "Tempat", "pic": "Penanggung Jawab", "jp": "JP",
             "attendance": "Daftar Hadir", "school": "NPSN Sekolah", "time": "Waktu"}
_NEEDED = ("Rundown perlu kolom Tanggal (atau Hari/Tanggal) dan Kegiatan (atau Acara/Materi); "
           "kolom Waktu atau Mulai dan Selesai, Tempat, Penanggung Jawab, JP, Daftar Hadir dan "
           "NPSN Sekolah boleh ditambahkan.")


def _field_of(key: str) -> str | None:
    if key in _FIELD:
        return _FIELD[key]
    for zone in ("wita", "wib", "wit"):  # "Waktu (WIB)", "Jam Mulai WITA"
        if key.endswith(zone) and key[:-len(zone)] in _FIELD:
            return _FIELD[key[:-len(zone)]]
    return None


@dataclass
class _Header:
    row_index: int  # the (last) header row's index in the sheet's rows
    fields: dict[str, list[int]]  # field -> its columns, the first one first
    labels: dict[int, str]  # column -> header as written
    unknown: list[str]
    duplicates: list[tuple[str, int, int]]

    def label(self, key: str) -> tuple[str, int]:
        """The header and position a problem about `key` is reported on."""
        for candidate in (key, "time") if key in ("start", "end") else (key, "day_no"):
            if candidate in self.fields:
                column = self.fields[candidate][0]
                return self.labels[column], column
        return _FALLBACK.get(key, key), 10_000

    @property
    def complete(self) -> bool:
        return "description" in self.fields and ("date" in self.fields or "day_no" in self.fields)


def _map_row(row: list, index: int = 0) -> _Header:
    fields: dict[str, list[int]] = {}
    labels, unknown, duplicates = {}, [], []
    for column, cell in enumerate(row):
        key = header_key(cell)
        if not key:
            continue
        text = str(cell).strip()
        found = _field_of(key)
        if found is None:
            if key not in _IGNORED:
                unknown.append(text)
            continue
        labels[column] = text
        if found not in fields:
            fields[found] = [column]
        elif found in _JOINED:
            fields[found].append(column)
        else:
            duplicates.append((text, fields[found][0], column))
    if "weekday" in fields and "date" not in fields:
        fields["date"] = fields.pop("weekday")
    if "date" in fields:
        fields.pop("day_no", None)
    return _Header(index, fields, labels, unknown, duplicates)


def _text_only(row: list) -> bool:
    values = [cell for cell in row if cell not in ("", None)]
    return bool(values) and all(isinstance(cell, str) for cell in values)


def _find_header(rows: list[list]) -> _Header | None:
    """The header row among the first rows (offices put titles above it): the one with
    Tanggal and Kegiatan first, then the most columns; a second header row under it
    ("Waktu" over "Mulai" and "Selesai") is taken in."""
    best, best_score = None, None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        if not _text_only(row):
            continue
        header = _map_row(row, index)
        if len(header.fields) < 2:
            continue
        score = (header.complete, len(header.fields))
        if best_score is None or score > best_score:
            best, best_score = header, score
    if best is not None and best.row_index + 1 < len(rows):
        _take_subheader(best, rows[best.row_index + 1])
    return best


def _take_subheader(header: _Header, row: list) -> None:
    if not _text_only(row):
        return
    sub = _map_row(row)
    if not sub.fields or sub.duplicates or sub.unknown:
        return  # a first data row, not a second header row
    taken = {c for key, cols in header.fields.items() if key != "time" for c in cols}
    sub_columns = {c for cols in sub.fields.values() for c in cols}
    if sub_columns & taken or any(key in header.fields for key in sub.fields if key != "time"):
        return
    if {"start", "end"} & set(sub.fields):  # "Waktu" over "Mulai" and "Selesai"
        header.fields.pop("time", None)
    header.fields.update(sub.fields)
    header.labels.update(sub.labels)
    header.unknown += sub.unknown
    header.row_index += 1


def _locate(path: Path, sheet: str | None) -> tuple[Sheet, _Header]:
    seen, partial = [], None
    for data in read_sheets(path, sheet):
        header = _find_header(data.rows)
        if header is not None and header.complete:
            return data, header
        if header is not None and partial is None:
            partial = (data, header)
        seen.append(data.name)
    if partial is not None:
        data, header = partial
        missing = "Kegiatan" if "description" not in header.fields else "Tanggal"
        raise ValidationError(f"Baris judul kolom (baris {data.excel_row(header.row_index)}, lembar "
                              f"'{data.name}') di '{path.name}' tidak punya kolom {missing}. {_NEEDED}")
    where = "" if path.suffix.lower() == ".csv" else \
        " (lembar " + (", ".join(f"'{n}'" for n in seen) or "-") + ")"
    raise ValidationError(f"Baris judul kolom rundown tidak ditemukan di '{path.name}'{where}. {_NEEDED}")


# ---------------------------------------------------------------- cells

_WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "sabtu": 5,
             "minggu": 6, "ahad": 6}
_WEEKDAY = re.compile(r"^(senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)\b[\s,/\-.]*",
                      re.IGNORECASE)
_DAY_NUMBER = re.compile(r"^(?:hari\s*)?(?:ke\s*[-.]?\s*)?(\d{1,2})$", re.IGNORECASE)
_NO_YEAR = re.compile(r"^\d{1,2}[\s\-]+[A-Za-z]+\.?$")
_ZONE = re.compile(r"(WITA|WIT|WIB)", re.IGNORECASE)
_TIME_PREFIX = re.compile(r"^(?:pukul|pkl|jam)\.?\s*", re.IGNORECASE)
_RANGE = re.compile(r"\s*(?:-|–|—|~|s\.?\s*[/.]?\s*d\.?|sampai(?:\s+dengan)?|hingga)\s*",
                    re.IGNORECASE)
_OPEN_END = {"selesai", "sls", "usai", "akhir", "", "..."}
_YES = {"ya", "y", "v", "x", "ada", "yes", "true", "1", "hadir", "absen", "diisi", "perlu"}
_NO = {"tidak", "tdk", "t", "n", "no", "false", "0", "tidakada", "bukan"}
_CHECKS = {"✓", "✔", "√", "☑", "v", "V", "x", "X"}
_TOTALS = {"jumlah", "jumlahjp", "total", "totaljp", "jumlahjampelajaran", "jml", "jmljp"}


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value) -> str:
    """A text cell as kept: lines stripped, empty lines dropped."""
    if _blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return ind.format_date(value if type(value) is dt.date else value.date(), with_weekday=False)
    lines = (" ".join(line.split()) for line in str(value).splitlines())
    return "\n".join(line for line in lines if line)


def _parse_day(value, activity: Activity) -> tuple[dt.date, int | None]:
    """A day cell -> (date, weekday named in it or None). A number up to 31 (or `Hari ke-2`)
    counts the activity's days: as an Excel serial it would be January 1900."""
    if isinstance(value, dt.datetime | dt.date):
        return ind.parse_date(value), None
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        if value <= MAX_DAYS:
            return _day_number(value, activity), None
        return ind.parse_date(int(value)), None
    text = " ".join(str(value).replace("\u00a0", " ").split())
    if m := _DAY_NUMBER.match(text):
        return _day_number(int(m[1]), activity), None
    named = None
    if m := _WEEKDAY.match(text):
        named = _WEEKDAYS[m[1].lower().replace("'", "")]
        text = text[m.end():]
        if not text:
            raise ValueError(f"'{value}' tanpa tanggal; tulis misalnya Senin, 10 September 2018")
    try:
        if _NO_YEAR.match(text):  # "10 September": the year of the activity
            years = {activity.start.year, activity.end.year}
            return min((ind.parse_date(f"{text} {year}") for year in years),
                       key=lambda day: _distance(day, activity)), named
        return ind.parse_date(text), named
    except ValueError:
        raise ValueError(f"'{value}' bukan tanggal; tulis misalnya 10/09/2018 atau "
                         "Senin, 10 September 2018") from None


def _day_number(number: float, activity: Activity) -> dt.date:
    if not float(number).is_integer() or number < 1:
        raise ValueError(f"'{number:g}' bukan nomor hari; isi 1 untuk hari pertama kegiatan")
    return activity.start + dt.timedelta(days=int(number) - 1)


def _distance(day: dt.date, activity: Activity) -> int:
    """Days from the activity's dates (0 inside them)."""
    return max((activity.start - day).days, (day - activity.end).days, 0)


def _time(value) -> dt.time | None:
    if isinstance(value, dt.timedelta):  # a duration cell ("[h]:mm")
        minutes = round(value.total_seconds() / 60)
        value = dt.time(minutes // 60 % 24, minutes % 60)
    if isinstance(value, float) and value.is_integer():  # 13 or 730 typed: read as 13.0
        value = int(value)
    elif isinstance(value, float) and 1 <= value < 24:
        # "7.30" typed where the dot is the decimal point: Excel keeps 7.3
        minutes = round((value - int(value)) * 100)
        if minutes < 60:
            return dt.time(int(value), minutes)
    if isinstance(value, str):
        value = _TIME_PREFIX.sub("", _ZONE.sub("", value).strip()).strip()
    return parse_time(value)


def _time_range(value) -> tuple[dt.time | None, dt.time | None]:
    """`07.30 - 09.00 WIB`, `07.30-09.00`, `07.30 s.d. 09.00`, `19.00 - selesai`, one time."""
    if not isinstance(value, str):
        return _time(value), None
    text = _TIME_PREFIX.sub("", _ZONE.sub("", value).strip())
    parts = _RANGE.split(text.strip(), maxsplit=1)
    try:
        start = _time(parts[0])
        end = None if len(parts) == 1 or parts[1].strip(" .").lower() in _OPEN_END else _time(parts[1])
    except ValueError:
        raise ValueError(f"'{value}' bukan waktu; tulis misalnya 07.30 - 09.00") from None
    if start is None:
        raise ValueError(f"'{value}' tanpa jam mulai; tulis misalnya 07.30 - 09.00")
    return start, end


def _jp(value) -> float:
    if _blank(value):
        return 0.0
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        text = re.sub(r"\s*(jp|jpl)\.?$", "", str(value).strip(), flags=re.IGNORECASE)
        if text in ("-", "–", "—"):
            return 0.0
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            raise ValueError(f"'{value}' bukan angka JP; isi angka seperti 2 atau 1,5 (0 untuk "
                             "istirahat)") from None
    if not 0 <= number <= 24:
        raise ValueError(f"JP {format_jp(number)} tidak mungkin; isi angka 0 sampai 24")
    return number


def _attendance(value) -> bool:
    if _blank(value):
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
    elif str(value).strip() in _CHECKS:
        return True
    key = header_key(value)
    if not key or key in _NO:
        return False
    if key in _YES:
        return True
    raise ValueError(f"'{value}' tidak dikenali; isi Ya bila daftar hadir diedarkan, atau kosongkan")


def _school(value, hosts: list[dict]) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    digits = re.sub(r"[\s.\-]", "", text)
    if digits.isdigit():
        found = [h for h in hosts if h["npsn"] == digits]
        shown = f"NPSN {digits}"
    else:
        found = [h for h in hosts if school_key(h["name"]) == school_key(text)]
        shown = f"'{text}'"
    if found:
        return found[0]["id"]
    if not hosts:
        raise ValueError(f"{shown}: kegiatan ini tidak punya sekolah inti (peserta tingkat 1); "
                         "kosongkan kolom ini")
    listed = ", ".join(f"{h['npsn']} ({h['name']})" if h["npsn"] else h["name"] for h in hosts)
    raise ValueError(f"{shown} bukan sekolah inti kegiatan ini; isi salah satu: {listed}, atau "
                     "kosongkan untuk acara bersama")


# ---------------------------------------------------------------- the report


@dataclass
class RundownReport:
    file: str
    activity: str = ""  # the activity's title
    sheet: str = ""
    header_row: int = 0
    items: int = 0
    days: int = 0
    jp: float = 0  # the JP a participant earns (activities.total_jp)
    replaced: int = 0  # items of the rundown before the import
    problems: list[Problem] = field(default_factory=list)  # any of them: nothing is written
    warnings: list[Problem] = field(default_factory=list)  # shown, not blocking
    unknown_columns: list[str] = field(default_factory=list)
    ignored_rows: int = 0  # rows under the table (a signature block, notes)
    dry_run: bool = False
    written: bool = False
    rundown: list[Item] = field(default_factory=list)  # the items read, in the file's order

    @property
    def ok(self) -> bool:
        return not self.problems

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

    def details(self) -> list[str]:
        lines = [str(p) for p in self.problems] + [f"Peringatan: {p}" for p in self.warnings]
        if self.ignored_rows:
            lines.append(f"{self.ignored_rows} baris di bawah tabel (tanda tangan, catatan) "
                         "tidak dibaca.")
        if self.unknown_columns:
            lines.append("Kolom yang tidak dibaca: " + ", ".join(self.unknown_columns) + ".")
        return lines


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
    data, header = _locate(path, sheet)
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


class _Reading:
    def __init__(self, activity: Activity, header: _Header, report: RundownReport,
                 hosts: list[dict], zone: str):
        self.activity, self.header, self.report = activity, header, report
        self.hosts, self.zone = hosts, zone
        self.rows: list[int] = []  # the Excel row of each item in report.rundown
        self.written_days: list[tuple[int, dt.date, int | None]] = []  # (row, date, weekday)
        self.zone_seen: tuple[int, str] | None = None
        for text, first, second in header.duplicates:
            self.problem(report.header_row, text, second,
                         f"kolom ini muncul dua kali (kolom {get_column_letter(first + 1)} dan "
                         f"{get_column_letter(second + 1)}); hapus atau ganti nama salah satunya")

    def problem(self, row: int | None, column: str | None, order: int, message: str,
                *, warning: bool = False) -> None:
        (self.report.warnings if warning else self.report.problems).append(
            Problem(row, column, message, order))

    def at(self, row: int, key: str, message: str, *, warning: bool = False) -> None:
        self.problem(row, *self.header.label(key), message, warning=warning)

    def cell(self, cells: list, key: str):
        """The cell of `key` (columns given twice joined), or None when blank."""
        columns = self.header.fields.get(key, [])
        values = [cells[c] for c in columns if c < len(cells) and not _blank(cells[c])]
        if not values:
            return None
        if len(values) == 1:
            return values[0]
        return _JOINED[key].join(dict.fromkeys(_text(v) for v in values))

    # ------------------------------------------------------------ rows

    def read(self, data: Sheet) -> None:
        first = self.header.row_index + 1
        body = data.rows[first:]
        described = [i for i, cells in enumerate(body) if self.cell(cells, "description") is not None]
        last = described[-1] if described else -1
        check_rows(body[:last + 1], MAX_ROWS, "rundown", self.report.file, data)
        # Rows after a blank row under the last activity are the footer: a signature, notes.
        footer = next((i for i in range(last + 1, len(body)) if all(_blank(c) for c in body[i])),
                      len(body))
        day: dt.date | None = None
        day_failed = False
        previous: Item | None = None  # the item on the row just above
        for offset, cells in enumerate(body):
            row = data.excel_row(first + offset)
            if all(_blank(c) for c in cells):
                previous = None
                continue
            if offset > footer:
                self.report.ignored_rows += 1
                continue
            if (offset == 0 and is_numbering_row(cells)) or self._is_total(cells):
                continue
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
                    self.problem(row, self.header.labels.get(column, _FALLBACK.get(key, key)),
                                 column, value.problem())
                    found = True
        return found

    def _is_total(self, cells: list) -> bool:
        """A "Jumlah JP" row under the items: no item, nothing to check."""
        first = next((c for c in cells if isinstance(c, str) and not _blank(c)), None)
        return first is not None and header_key(first) in _TOTALS

    def _day(self, row: int, value, cells: list) -> dt.date | None:
        try:
            day, named = _parse_day(value, self.activity)
        except ValueError as exc:
            self.at(row, "date", str(exc))
            return None
        weekday = self.cell(cells, "weekday")  # a "Hari" column beside "Tanggal"
        if named is None and isinstance(weekday, str):
            named = _WEEKDAYS.get(header_key(weekday))
        self.written_days.append((row, day, named))
        return day

    def _row(self, row: int, cells: list, day: dt.date | None, day_failed: bool,
             previous: Item | None) -> Item | None:
        """Read one row; returns the item it adds to (for the row under it) or None."""
        description = _text(self.cell(cells, "description"))
        others = [k for k in self.header.fields if k not in ("date", "day_no", "weekday")
                  and self.cell(cells, k) is not None]
        if not description and not others:
            return None  # a day's own row ("Senin, 10 September 2018" alone)
        errors_before = len(self.report.problems)
        start, end = self._times(row, cells)
        values = {"jp": (_jp, 0.0), "attendance": (_attendance, False)}
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
                school = _school(raw, self.hosts)
            except ValueError as exc:
                self.at(row, "school", str(exc))
        place, pic = _text(self.cell(cells, "place")), _text(self.cell(cells, "pic"))
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
                moment = _time(raw)
            except ValueError as exc:
                self.at(row, key, str(exc))
                continue
            start, end = (moment, end) if key == "start" else (start, moment)
        raw = self.cell(cells, "time")
        if raw is not None and start is None and end is None:
            self._note_zone(row, raw)
            try:
                start, end = _time_range(raw)
            except ValueError as exc:
                self.at(row, "time", str(exc))
        return start, end

    def _note_zone(self, row: int, raw) -> None:
        if isinstance(raw, str) and (m := _ZONE.search(raw)) and self.zone_seen is None \
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
            distance = _distance(day, activity)
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
