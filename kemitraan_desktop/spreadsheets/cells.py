"""Reading the cells of an office's sheet: blanks, text, days of an activity, times, IDs.

Shared by the rundown, attendance and participants importers. Each function takes a cell
as the reader gives it (str, int, float, date, datetime, time, timedelta, None) and raises
ValueError with an Indonesian message the importer puts beside the row and column."""

from __future__ import annotations

import datetime as dt
import math
import re

from .. import indonesia as ind
from .. import people
from ..activities import MAX_DAYS, Activity, parse_time
from .roster_rows import cell_value

__all__ = ["ONLY_TIME", "ZONE", "activity_distance", "blank", "cell_text", "clean_id",
           "day_of_month", "format_moment", "named_weekday", "parse_cell_time", "parse_day",
           "parse_moment", "parse_time_range"]

ZONE = re.compile(r"(WITA|WIT|WIB)", re.IGNORECASE)
ONLY_TIME = re.compile(r"^(?:pukul|pkl|jam)?\.?\s*\d{1,2}[.:]\d{2}", re.IGNORECASE)
_FULL_WEEKDAY = r"(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)"
_ANY_WEEKDAY = rf"(?:{_FULL_WEEKDAY[3:-1]}|sen|sel|rab|kam|jum|sab|min)"
_WEEKDAY = re.compile(rf"^({_FULL_WEEKDAY})\b[\s,/\-.]*", re.IGNORECASE)
_WEEKDAY_PREFIX = re.compile(rf"^{_ANY_WEEKDAY}\b\.?,?\s*", re.IGNORECASE)
_NAMED_DAY = re.compile(rf"^\s*({_ANY_WEEKDAY})\b", re.IGNORECASE)
_DAY_NUMBER = re.compile(r"^(?:hari\s*)?(?:ke\s*[-.]?\s*)?(\d{1,2})$", re.IGNORECASE)
_DAY_OF_ACTIVITY = re.compile(r"^hari\s*(?:ke\s*[-.]?\s*)?(\d{1,2})$", re.IGNORECASE)
_NO_YEAR = re.compile(r"^\d{1,2}[\s\-]+[A-Za-z]+\.?$")
_SHORT_DATE = re.compile(r"^(\d{1,2})[/\-](\d{1,2})$")
_SHORT_TEXT_DATE = re.compile(r"^(\d{1,2})[\s\-]+([A-Za-z]+)\.?$")
_TIME_PREFIX = re.compile(r"^(?:pukul|pkl|jam)\.?\s*", re.IGNORECASE)
_TRAILING_TIME = re.compile(
    r"[\s,]+(?:pukul|pkl|jam)?\.?\s*(\d{1,2})[.:](\d{2})"
    r"(?:\s*(?:-|–|s\.?\s*d\.?)\s*(?:\d{1,2}[.:]\d{2}|selesai))?\s*(?:WIB|WITA|WIT)?\.?$",
    re.IGNORECASE)
_RANGE = re.compile(r"\s*(?:-|–|—|~|s\.?\s*[/.]?\s*d\.?|sampai(?:\s+dengan)?|hingga)\s*",
                    re.IGNORECASE)
_OPEN_END = {"selesai", "sls", "usai", "akhir", "", "..."}


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value) -> str:
    """A text cell as kept: lines stripped, empty lines dropped."""
    if blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return ind.format_date(value if type(value) is dt.date else value.date(), with_weekday=False)
    lines = (" ".join(line.split()) for line in str(value).splitlines())
    return "\n".join(line for line in lines if line)


def clean_id(value: object, kind: str) -> str | None:
    """An ID cell -> its digits (None when blank). `kind` is nuptk, nip, nik or id_any (16
    digits NUPTK/NIK, 18 digits NIP). Raises ValueError, also for an ID Excel has damaged."""
    raw = cell_value(value, "nuptk" if kind == "id_any" else kind)
    if raw is None:
        return None
    if kind != "id_any":
        return people.CLEANERS[kind](raw)
    digits = ind.id_digits(raw)
    if not digits.isdigit() or not digits.isascii():
        raise ValueError(f"'{raw}' bukan NUPTK, NIP atau NIK: isi nomornya saja (16 atau 18 digit "
                         "angka)")
    if len(digits) == 18:
        return ind.validate_nip(digits)
    if len(digits) != 16:
        raise ValueError(f"nomor harus 16 digit (NUPTK/NIK) atau 18 digit (NIP), tertulis "
                         f"{len(digits)} digit")
    return digits


# ---------------------------------------------------------------- days of an activity

def activity_distance(day: dt.date, activity: Activity) -> int:
    """Days from the activity's dates (0 inside them)."""
    return max((activity.start - day).days, (day - activity.end).days, 0)


def _in_activity_year(pattern: str, activity: Activity) -> dt.date:
    """A date written without its year (`pattern` has a `{year}` to fill): the activity's
    year, the nearer one when the activity runs over the new year."""
    years = sorted({activity.start.year, activity.end.year})
    found = [ind.parse_date(pattern.format(year=year)) for year in years]
    return min(found, key=lambda day: activity_distance(day, activity))


def parse_day(value, activity: Activity) -> tuple[dt.date, int | None]:
    """A rundown's day cell -> (date, weekday named in it or None). A number up to 31 (or
    `Hari ke-2`) counts the activity's days: as an Excel serial it would be January 1900."""
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
        named = ind.weekday_number(m[1])
        text = text[m.end():]
        if not text:
            raise ValueError(f"'{value}' tanpa tanggal; tulis misalnya Senin, 10 September 2018")
    try:
        if _NO_YEAR.match(text):  # "10 September": the year of the activity
            return _in_activity_year(f"{text} {{year}}", activity), named
        return ind.parse_date(text), named
    except ValueError:
        raise ValueError(f"'{value}' bukan tanggal; tulis misalnya 10/09/2018 atau "
                         "Senin, 10 September 2018") from None


def _day_number(number: float, activity: Activity) -> dt.date:
    if not float(number).is_integer() or number < 1:
        raise ValueError(f"'{number:g}' bukan nomor hari; isi 1 untuk hari pertama kegiatan")
    return activity.start + dt.timedelta(days=int(number) - 1)


def parse_moment(value, activity: Activity) -> tuple[dt.date, dt.time | None] | None:
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


def named_weekday(value) -> int | None:
    """The weekday a date cell names (`Senin, 10/09/2018` -> 0), None when it names none."""
    if not isinstance(value, str) or not (m := _NAMED_DAY.match(value)):
        return None
    return ind.weekday_number(m[1])


def day_of_month(value, activity: Activity) -> dt.date | None:
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


def format_moment(day: dt.date, moment: dt.time | None) -> str:
    text = day.strftime("%d/%m/%Y")
    return f"{text} {ind.format_time(moment)}" if moment else text


# ---------------------------------------------------------------- times

def parse_cell_time(value) -> dt.time | None:
    """A time cell: a time, a duration (`[h]:mm`), `07.30`, `0730`, `7.30` kept by Excel as
    7.3, `pukul 07.30 WIB`; None when blank."""
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
        value = _TIME_PREFIX.sub("", ZONE.sub("", value).strip()).strip()
    return parse_time(value)


def parse_time_range(value) -> tuple[dt.time | None, dt.time | None]:
    """`07.30 - 09.00 WIB`, `07.30-09.00`, `07.30 s.d. 09.00`, `19.00 - selesai`, one time."""
    if not isinstance(value, str):
        return parse_cell_time(value), None
    text = _TIME_PREFIX.sub("", ZONE.sub("", value).strip())
    parts = _RANGE.split(text.strip(), maxsplit=1)
    try:
        start = parse_cell_time(parts[0])
        end = None if len(parts) == 1 or parts[1].strip(" .").lower() in _OPEN_END \
            else parse_cell_time(parts[1])
    except ValueError:
        raise ValueError(f"'{value}' bukan waktu; tulis misalnya 07.30 - 09.00") from None
    if start is None:
        raise ValueError(f"'{value}' tanpa jam mulai; tulis misalnya 07.30 - 09.00")
    return start, end
