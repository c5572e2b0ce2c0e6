"""A contact's date and duration as people write them: in a quick form's one field, or in
the cells of the sheet a mitra sends in."""

from __future__ import annotations

import datetime as dt
import re

from .. import indonesia as ind

_WEEKDAY = re.compile(r"^(senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)\b[\s,]*",
                      re.IGNORECASE)
_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*(jpl|jp|jam\s*pelajaran|jam|j|menit|mnt|min|m)\b\.?",
                   re.IGNORECASE)
_JOINS = re.compile(r"[\s,+]*(?:dan[\s,+]*)*")
DURATION_HINT = "tulis misalnya 2 JP, 90 menit atau 1,5 jam"
UNITS = ("duration", "jp", "minutes", "hours")


def _shown(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def parse_day(value) -> dt.date:
    """A date as written: a date, an Excel serial, `12/11/2019`, `2019-11-12`,
    `12 November 2019`, `Selasa, 12 November 2019`. Raises ValueError in Indonesian."""
    if isinstance(value, str):
        value = _WEEKDAY.sub("", " ".join(value.split()))
    if value is None or value == "":
        raise ValueError("kosong; isi tanggal pendampingan, misalnya 12/11/2019")
    try:
        return ind.parse_date(value)
    except ValueError:
        raise ValueError(f"'{_shown(value)}' bukan tanggal; tulis misalnya 12/11/2019 atau "
                         "12 November 2019") from None


def parse_duration(value, unit: str = "duration") -> tuple[float | None, int | None]:
    """A duration -> (jp, minutes), either None when not given. `unit` is what a bare number
    means: "jp", "minutes", "hours", or "duration" (a bare number is refused: the unit must
    be written, `2 JP`, `90 menit`, `1,5 jam`, `1 jam 30 menit`, `2 jam pelajaran`). Blank
    is (None, None). Raises ValueError in Indonesian; ranges are the log's to check."""
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if unit == "duration":
            raise ValueError(f"'{_shown(value)}' tanpa satuan; {DURATION_HINT}")
        number = float(value)
    else:
        text = " ".join(str(value).split())
        parts = list(_PART.finditer(text))
        if parts and _JOINS.fullmatch(_PART.sub("", text)):
            return _units(text, parts)
        if unit == "duration":
            raise ValueError(f"'{text}' tidak dikenali; {DURATION_HINT}")
        try:
            number = ind.parse_number(text)
        except ValueError:
            raise ValueError(f"'{text}' bukan angka; {DURATION_HINT}") from None
    if unit == "jp":
        return number, None
    if unit == "hours":
        return None, round(number * 60)
    return None, number  # minutes: the log says when it is not whole


def _units(text: str, parts: list) -> tuple[float | None, int | None]:
    jp, minutes, has_minutes = None, 0.0, False
    for part in parts:
        number = ind.parse_number(part[1])
        kind = re.sub(r"\s", "", part[2].lower())
        if kind in ("jp", "jpl", "jampelajaran"):
            if jp is not None:
                raise ValueError(f"'{text}': JP tertulis dua kali")
            jp = number
        else:
            minutes += number * 60 if kind in ("jam", "j") else number
            has_minutes = True
    return jp, (round(minutes) if has_minutes else None)
