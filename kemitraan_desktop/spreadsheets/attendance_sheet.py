"""Reading an attendance sheet: its statuses, its header (a row per mark, or a column per
date), and the activity's sessions that its cells name.

Two layouts are read. "Long": one row per mark, with NUPTK/NIP/NIK, a date (Tanggal) and/or
a session (Sesi, Jam, Acara) and a status (Status, Kehadiran, Keterangan). "Wide", the way
offices keep a daftar hadir in Excel: one row per participant and a column per date (the
header cells are dates, `10/09/2018`, `Sen 10/9 08.00` as the recap writes them, or a
date over its sessions' times) holding H / I / S / A."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import activities as act
from .. import indonesia as ind
from ..attendance import Session
from ..errors import ValidationError
from .cells import (
    ONLY_TIME,
    blank,
    day_of_month,
    format_moment,
    parse_moment,
    parse_time_range,
)
from .headers import HEADER_SCAN_ROWS, IGNORED, SYNONYMS, header_key
from .reader import Sheet, search_sheets

__all__ = ["ID_KEYS", "ID_LABEL", "FALLBACK", "STATUS_HINT", "MarkColumn", "MarksHeader",
           "Sessions", "id_columns", "locate_marks", "parse_status"]

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
STATUS_HINT = "isi H (hadir), I (izin), S (sakit) atau A (alpa)"


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
        raise ValueError(f"'{value:g}' bukan status kehadiran; {STATUS_HINT}")
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
    raise ValueError(f"'{text}' bukan status kehadiran; {STATUS_HINT}")


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
ID_KEYS = ("nuptk", "nip", "nik", "id_any")
ID_LABEL = {"nuptk": "NUPTK", "nip": "NIP", "nik": "NIK"}
# What our own recap and office registers carry beside the marks: not reported as unknown.
_QUIET = IGNORED | {"peran", "tingkat", "asalsekolah", "sekolah", "unitkerja", "instansi",
                    "asalinstansi", "jabatan", "jumlahsesi", "jumlah", "jml", "jp", "jumlahjp",
                    "memenuhisyarat", "sertifikat", "persen", "persentase", "kabkota",
                    "golongan", "pangkatgolongan", "mapel", "matapelajaran", "lp", "jk",
                    "totalhadir", "jumlahhadir", "paraf", "nohp", "hp", "tandatangan"}
FALLBACK = {"nuptk": "NUPTK", "nip": "NIP", "nik": "NIK", "id_any": "NIP/NUPTK",
             "name": "Nama", "date": "Tanggal", "session": "Sesi", "status": "Status",
             "note": "Catatan"}
_NEEDED = ("Kolom yang diperlukan: NUPTK atau NIP (atau NIK), lalu Tanggal dan/atau Sesi "
           "(atau Jam) dengan Status (Hadir/Izin/Sakit/Alpa) di setiap baris; atau satu baris "
           "per peserta dengan satu kolom per tanggal (judul kolomnya tanggal, misalnya "
           "10/09/2018) berisi H, I, S atau A.")


@dataclass
class MarkColumn:
    """A wide sheet's mark column: its day, perhaps the start time of one session."""
    index: int
    label: str
    day: dt.date
    moment: dt.time | None
    sessions: list[Session] = field(default_factory=list)


@dataclass
class MarksHeader:
    row_index: int  # the last header row's index in the sheet's rows
    layout: str  # "long" or "wide"
    fields: dict[str, list[int]]
    labels: dict[int, str]
    unknown: list[str]
    duplicates: list[tuple[str, int, int]]
    columns: list[MarkColumn] = field(default_factory=list)  # wide: the mark columns

    def label(self, key: str) -> tuple[str, int]:
        group = ID_KEYS if key in ID_KEYS else (key,)
        for candidate in group:
            if candidate in self.fields:
                column = self.fields[candidate][0]
                return self.labels[column], column
        return FALLBACK.get(key, key), 10_000


def _map_row(row: list, index: int) -> MarksHeader:
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
    return MarksHeader(index, "", fields, labels, unknown, duplicates)


def id_columns(header: MarksHeader) -> list[int]:
    return [c for key in ID_KEYS for c in header.fields.get(key, [])]


def _date_cells(row: list, taken: set[int], activity: act.Activity,
                numbers: bool) -> dict[int, tuple[dt.date, dt.time | None, str]]:
    """Columns of a row whose cell names a day: column -> (day, time, label as written)."""
    found = {}
    for column, cell in enumerate(row):
        if column in taken or blank(cell):
            continue
        moment = parse_moment(cell, activity)
        if moment is None and numbers:
            day = day_of_month(cell, activity)
            moment = (day, None) if day else None
        if moment is None:
            continue
        label = cell.strip() if isinstance(cell, str) else format_moment(*moment)
        found[column] = (moment[0], moment[1], label)
    return found


def _time_cells(row: list, columns: range) -> dict[int, dt.time]:
    found = {}
    for column in columns:
        cell = row[column] if column < len(row) else None
        if blank(cell):
            continue
        if isinstance(cell, dt.time):
            found[column] = cell.replace(second=0, microsecond=0)
        elif isinstance(cell, str) and ONLY_TIME.match(cell.strip()):
            try:
                start, _ = parse_time_range(cell)
            except ValueError:
                continue
            found[column] = start
    return found


def _under_header(row: list, id_columns: list[int]) -> bool:
    """A row under the header that continues it: its ID cells are blank (a data row has an
    ID; a row of column numbers has numbers there too)."""
    return all(c >= len(row) or blank(row[c]) for c in id_columns)


def _wide(rows: list[list], header: MarksHeader, activity: act.Activity) -> bool:
    """Take the date columns of a wide sheet: in the header row itself, or in the row under
    it (dates under a merged "Tanggal"), perhaps with the sessions' times in the row under
    the dates (a date merged over its sessions)."""
    ids = id_columns(header)
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
    header.columns = [MarkColumn(c, label, day, moment)
                      for c, (day, moment, label) in sorted(dates.items())]
    header.row_index = index
    header.layout = "wide"
    header.unknown = [u for u in header.unknown
                      if parse_moment(u, activity) is None]  # date headers are not unknown
    return True


def _find_header(rows: list[list], activity: act.Activity) -> MarksHeader | None:
    """The header row among the first rows: a wide one (an ID column and date columns) or
    a long one (an ID column, a date or session column and a status column); the one that
    maps the most columns when several qualify."""
    best, best_score = None, None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        header = _map_row(row, index)
        if not id_columns(header):
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


def locate_marks(path: Path, sheet: str | None, activity: act.Activity) -> tuple[Sheet, MarksHeader]:
    search = search_sheets(path, sheet, lambda rows: _find_header(rows, activity), lambda header: bool(header.layout))
    if search.found is not None:
        return search.found
    if search.partial is not None:
        data, header = search.partial
        missing = "Status (atau Kehadiran)" if "status" not in header.fields else \
            "Tanggal atau Sesi"
        raise ValidationError(
            f"Baris judul kolom (baris {data.excel_row(header.row_index)}, lembar '{data.name}') "
            f"di '{path.name}' tidak punya kolom {missing}, dan tidak ada kolom bertanggal. "
            f"{_NEEDED}")
    where = search.where(path)
    raise ValidationError(f"Baris judul kolom dengan NUPTK atau NIP tidak ditemukan di "
                          f"'{path.name}'{where}. {_NEEDED}")



# ---------------------------------------------------------------- sessions

class Sessions:
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
            moment = parse_moment(value, self.activity) if isinstance(value, str | dt.datetime) else None
            if moment is not None and moment[1] is not None:
                if day is not None and moment[0] != day:
                    raise ValueError(f"sesi '{value}' bukan pada {ind.format_date(day)}")
                return self.at_time(moment[0], moment[1])
            if isinstance(value, str) and not ONLY_TIME.match(value.strip()) \
                    and not value.strip().replace(".", "").isdigit():
                continue  # a title: below
            try:
                start, _ = parse_time_range(value)
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

