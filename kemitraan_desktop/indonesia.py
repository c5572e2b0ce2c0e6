"""Indonesian conventions: IDs (NUPTK, NIP, NIK, NPSN), names with titles, dates, phones, zones, paper."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

MONTHS = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

# Month spellings seen in office spreadsheets, Indonesian and English, full and short.
_MONTH_ALIASES = {
    "jan": 1, "januari": 1, "january": 1,
    "feb": 2, "peb": 2, "februari": 2, "pebruari": 2, "february": 2,
    "mar": 3, "maret": 3, "march": 3,
    "apr": 4, "april": 4,
    "mei": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6,
    "jul": 7, "juli": 7, "july": 7,
    "agu": 8, "agt": 8, "ags": 8, "agst": 8, "agus": 8, "agust": 8, "agustus": 8, "aug": 8,
    "august": 8,
    "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oktober": 10, "oct": 10, "october": 10,
    "nov": 11, "nop": 11, "nopember": 11, "november": 11,
    "des": 12, "desember": 12, "dec": 12, "december": 12,
}

TIME_ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}

MM = 72 / 25.4
PAPER_SIZES = {
    "a4": (210 * MM, 297 * MM),
    "f4": (215 * MM, 330 * MM),
}

# ---------------------------------------------------------------- identifiers

_ID_SEPARATORS = re.compile(r"[\s.\-/]")
# A number written with a decimal part ("900000000000030.0", as a program that read the
# ID as a number writes it): the part after the one separator, not more digits.
_DECIMAL = re.compile(r"^(\d+)[.,](\d{1,3})$")
# Characters that take no room on screen or paper: zero-width space, word joiner, BOM,
# soft hyphen, Mongolian vowel separator and variation selectors, direction marks, embeddings
# and isolates, the Arabic letter mark, the combining grapheme joiner, Khmer's silent vowels,
# deprecated format controls, tags, and the Hangul fillers (Python counts those as letters,
# so a name of fillers looked like a name). Pasted from the web or a PDF, they make two equal
# names differ and an ID fail for no visible reason. A braille blank (U+2800) is removed where
# it stands beside a space, another blank or the end (a cell of blanks is empty); between two
# words it is kept for normalize_name, which reads it as a space.
_INVISIBLE_CHARS = ("\u200b\u200c\u2060-\u2064\ufeff\u00ad\u180b-\u180f\u200e\u200f"
                    "\u202a-\u202e\u2066-\u2069\u206a-\u206f\u061c\u034f\u17b4\u17b5"
                    "\u115f\u1160\u3164\uffa0\ufe00-\ufe0f\U000e0000-\U000e007f"
                    "\U0001bca0-\U0001bca3")
INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]|(?<![^\\w])\u200d|\u200d(?=\\w)"
                       "|(?<![^\\s\u2800])\u2800|\u2800(?![^\\s\u2800])")
# Blanks that are no whitespace to str.split(): read as a space between words.
_BLANKS = str.maketrans({"\u2800": " "})


def has_visible_letter(text: str) -> bool:
    """Whether `text` holds a letter one can see: the invisible characters (the Hangul
    fillers among them, which str.isalpha() counts) do not count."""
    if text.isascii():
        return any(ch.isalpha() for ch in text)
    return any(ch.isalpha() for ch in INVISIBLE.sub("", text))


def id_digits(value: object) -> str:
    """The digits of an ID typed as text, without spaces, dots, dashes, a leading quote or
    invisible characters. A zero decimal part ("…030.0") is dropped; any other decimal
    part is kept with its point, so that the ID is refused, never multiplied by ten."""
    text = str(value or "").strip().lstrip("'`")
    if not text.isascii():
        text = INVISIBLE.sub("", text).strip()
    decimal = _DECIMAL.match(text)
    if decimal:
        return decimal[1] if set(decimal[2]) == {"0"} else text
    return _ID_SEPARATORS.sub("", text)


def _require_digits(value: object, length: int, label: str) -> str:
    if value.__class__ is str and len(value) == length and value.isdigit() and value.isascii():
        return value  # the common case, without the regex
    digits = id_digits(value)
    if _DECIMAL.match(digits):
        shown = "" if label == "NIK" else f" tertulis '{value}'"
        raise ValueError(f"{label}{shown} dengan angka desimal; nomor induk tidak berdesimal. "
                         "Periksa nomornya (mungkin tersimpan sebagai angka)")
    if not digits.isdigit() or not digits.isascii():
        raise ValueError(f"{label} hanya boleh berisi angka, tertulis '{value}'")
    if len(digits) != length:
        raise ValueError(f"{label} harus {length} digit, tertulis {len(digits)} digit")
    return digits


def _date_from_digits(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def validate_nuptk(value: object) -> str:
    """Return the 16-digit NUPTK or raise ValueError with an Indonesian message."""
    return _require_digits(value, 16, "NUPTK")


def validate_npsn(value: object) -> str:
    """Return the 8-digit NPSN (school number) or raise ValueError."""
    return _require_digits(value, 8, "NPSN")


def validate_nik(value: object) -> str:
    """Return the 16-digit NIK; its 7th-12th digits hold the birth date (day + 40 for women)."""
    digits = _require_digits(value, 16, "NIK")
    day, month = int(digits[6:8]), int(digits[8:10])
    if day > 40:
        day -= 40
    if not (1 <= day <= 31 and 1 <= month <= 12):
        raise ValueError("NIK tidak sah: digit ke-7 s.d. 12 bukan tanggal lahir")
    return digits


def validate_nip(value: object) -> str:
    """Return the 18-digit NIP: birth date YYYYMMDD, appointment YYYYMM, gender 1/2, sequence."""
    digits = _require_digits(value, 18, "NIP")
    birth = _date_from_digits(digits[0:4], digits[4:6], digits[6:8])
    if birth is None or not 1930 <= birth.year <= dt.date.today().year - 15:
        raise ValueError("NIP tidak sah: 8 digit pertama bukan tanggal lahir yang benar")
    # Digits 13-14 are the month of appointment for a PNS, or 21 for a PPPK (contract) NIP.
    if not (1 <= int(digits[12:14]) <= 12 or digits[12:14] == "21") \
            or not 1950 <= int(digits[8:12]) <= 2100:
        raise ValueError("NIP tidak sah: digit ke-9 s.d. 14 bukan tahun dan bulan pengangkatan")
    if digits[14] not in "12":
        raise ValueError("NIP tidak sah: digit ke-15 (jenis kelamin) harus 1 atau 2")
    return digits


def nip_birth_date(nip: str) -> dt.date:
    return dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))


def nip_gender(nip: str) -> str:
    """'L' or 'P' from the NIP's 15th digit."""
    return "L" if nip[14] == "1" else "P"


def nik_gender(nik: str) -> str:
    """'L' or 'P' from the NIK: a woman's birth day is written plus 40."""
    return "P" if int(nik[6:8]) > 40 else "L"


def nik_birth_date(nik: str) -> dt.date | None:
    """The birth date in the NIK's 7th-12th digits (DDMMYY, the day plus 40 for women); the
    century is the one that makes the holder at least 15 years old."""
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if day > 40:
        day -= 40
    century = 2000 if 2000 + year <= dt.date.today().year - 15 else 1900
    try:
        return dt.date(century + year, month, day)
    except ValueError:
        return None


def format_nip(nip: str | None) -> str:
    """`197505122000031002` -> `19750512 200003 1 002`, the way it is printed."""
    if not nip or len(nip) != 18:
        return nip or ""
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"


# ---------------------------------------------------------------- names

_PREFIX_TITLES = {
    "dr", "drs", "dra", "ir", "prof", "h", "hj", "kh", "dr(hc)", "drg", "ns", "apt",
}
_SPACES = re.compile(r"\s+")
_PREFIX_TITLE = re.compile(
    r"^(?:" + "|".join(re.escape(t) for t in sorted(_PREFIX_TITLES, key=len, reverse=True))
    + r")\.\s*", re.IGNORECASE)
# A token that looks like an academic degree: "S.Pd", "M.Pd.", "S.Kom", "Gr.", "Ph.D", "MM".
_DEGREE = re.compile(r"^(?:[A-Z][A-Za-z]{0,4}\.)+(?:[A-Za-z]{1,5}\.?)?$|^(?:MM|MA|MT|MBA|MSc|BSc|PhD)\.?$")


def normalize_name(value: object) -> str:
    """Trim and collapse spaces; titles stay exactly as written."""
    text = value if isinstance(value, str) else str(value or "")
    if not text.isascii():
        text = unicodedata.normalize("NFC", INVISIBLE.sub("", text)).translate(_BLANKS)
    return " ".join(text.split()).replace(" ,", ",")


def name_without_titles(name: str, normalized: bool = False) -> str:
    """`Dra. Retna Widowati, M.Pd.` -> `Retna Widowati` (for sorting and searching)."""
    text = name if normalized else normalize_name(name)
    # Degrees after the name follow a comma by convention.
    text = text.split(",", 1)[0]
    # Leading titles, also when typed without a space: "Drs.H.Slamet Riyadi".
    while (m := _PREFIX_TITLE.match(text)) and m.end() < len(text):
        text = text[m.end():]
    tokens = text.split(" ")
    # Degrees typed without a comma ("Siti Aminah S.Pd.I"); a lone initial ("Budi S.") stays.
    while len(tokens) > 1 and _DEGREE.match(tokens[-1]) and "." in tokens[-1][1:] \
            and len(tokens[-1].replace(".", "")) > 1:
        tokens.pop()
    return " ".join(tokens).strip()


_NOT_WORD = re.compile(r"[^\w\s]")


def name_key(name: str, normalized: bool = False) -> str:
    """Lower-case, accent-free name without titles: the key lists sort and search on."""
    base = name_without_titles(name, normalized)
    if not base.isascii():
        base = unicodedata.normalize("NFKD", base)
        base = "".join(c for c in base if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub("", base.lower()).split())


# ---------------------------------------------------------------- dates and times

EXCEL_EPOCH = dt.date(1899, 12, 30)
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$")
_TEXT_DATE = re.compile(r"^(\d{1,2})[\s\-]+([A-Za-z]+)\.?[\s\-]+(\d{4}|\d{2})$")
_TIME_SUFFIX = re.compile(r"\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?$")


def parse_date(value: object) -> dt.date:
    """A date from a cell: date objects, Excel serials, dd/mm/yyyy, dd-mm-yyyy, yyyy-mm-dd,
    and Indonesian month names (`12 September 1975`, `12 Sept 1975`). Raises ValueError."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueError(f"angka {value} bukan tanggal")
    text = _SPACES.sub(" ", str(value or "")).strip()
    if not text:
        raise ValueError("tanggal kosong")
    parts = text.split(", ", 1)
    if len(parts) == 2 and parts[0].capitalize() in DAYS:
        text = parts[1]  # "Rabu, 12 September 2018"
    text = _TIME_SUFFIX.sub("", text)  # "12/09/1975 00:00" from a date-time cell saved as text
    result = None
    if m := _ISO_DATE.match(text):
        result = _date_from_digits(m[1], m[2], m[3])
    elif m := _NUMERIC_DATE.match(text):
        year = m[3] if len(m[3]) == 4 else _expand_year(int(m[3]))
        result = _date_from_digits(year, m[2], m[1])
    elif m := _TEXT_DATE.match(text):
        month = _MONTH_ALIASES.get(m[2].lower())
        year = m[3] if len(m[3]) == 4 else _expand_year(int(m[3]))
        result = _date_from_digits(year, str(month), m[1]) if month else None
    elif text.isdigit():
        return parse_date(int(text))
    if result is None:
        raise ValueError(f"'{text}' bukan tanggal (contoh: 12/09/1975 atau 12 September 1975)")
    return result


# Weekday names as offices write them, full and short (`Jum'at`, `Ahad`, `Sen`).
SHORT_DAYS = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"]
_WEEKDAY_WORDS = {**{day.lower(): n for n, day in enumerate(DAYS)},
                  **{day.lower(): n for n, day in enumerate(SHORT_DAYS)}, "ahad": 6}


def weekday_number(word: object) -> int | None:
    """`Senin`, `sen`, `Jum'at`, `AHAD` -> the weekday (Monday 0); None for anything else."""
    return _WEEKDAY_WORDS.get(re.sub(r"[^a-z]", "", str(word or "").lower()))


def _expand_year(two_digits: int) -> str:
    return str(2000 + two_digits if two_digits <= dt.date.today().year % 100 else 1900 + two_digits)


def format_date(day: dt.date, with_weekday: bool = True) -> str:
    """`Rabu, 12 September 2018` (or `12 September 2018`)."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{DAYS[day.weekday()]}, {text}" if with_weekday else text


def format_date_range(start: dt.date, end: dt.date) -> str:
    """`9 s.d. 16 September 2018`, `30 September s.d. 2 Oktober 2018`, one day alone."""
    if start == end:
        return format_date(start, with_weekday=False)
    if (start.year, start.month) == (end.year, end.month):
        first = str(start.day)
    elif start.year == end.year:
        first = f"{start.day} {MONTHS[start.month - 1]}"
    else:
        first = format_date(start, with_weekday=False)
    return f"{first} s.d. {format_date(end, with_weekday=False)}"


def roman_month(month: int) -> str:
    return ROMAN_MONTHS[month - 1]


def format_time(moment: dt.time, zone: str | None = None) -> str:
    """`07.30` or `07.30 WIB`."""
    text = f"{moment.hour:02d}.{moment.minute:02d}"
    return f"{text} {zone}" if zone else text


# ---------------------------------------------------------------- people fields

_GENDERS = {
    "l": "L", "lk": "L", "laki": "L", "lakilaki": "L", "pria": "L", "m": "L", "male": "L",
    "p": "P", "pr": "P", "perempuan": "P", "wanita": "P", "f": "P", "female": "P",
}


def normalize_gender(value: object) -> str:
    key = re.sub(r"[^a-z]", "", str(value or "").lower())
    if key not in _GENDERS:
        raise ValueError(f"'{value}' bukan jenis kelamin (isi L atau P)")
    return _GENDERS[key]


def normalize_phone(value: object) -> str:
    """`0812-3456-789`, `+62 812 3456 789`, `62812...`, `812...` -> `08123456789`."""
    text = str(value or "").strip()
    digits = re.sub(r"\D", "", text.replace("(0)", ""))  # "+62 (0)812 ..."
    if digits.startswith("62"):
        digits = "0" + digits[2:]
    elif digits.startswith("8"):
        digits = "0" + digits  # Excel dropped the leading zero of a number
    if not digits.startswith("0") or not 9 <= len(digits) <= 13:
        raise ValueError(f"'{text}' bukan nomor telepon yang benar (contoh: 0812-3456-7890)")
    return digits


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


def normalize_email(value: object) -> str:
    text = str(value or "").strip()
    if not _EMAIL.match(text):
        raise ValueError(f"'{text}' bukan alamat email yang benar")
    return text.lower()


def parse_score(value: object) -> float:
    """A UKG score 0-100; accepts `78,5` with a decimal comma (see parse_number)."""
    try:
        score = parse_number(value)
    except ValueError:
        raise ValueError(f"'{value}' bukan angka nilai UKG") from None
    if not 0 <= score <= 100:
        raise ValueError(f"nilai UKG harus 0 s.d. 100, tertulis {value}")
    return round(score, 2)


# ---------------------------------------------------------------- numbers

_NUMBER = re.compile(r"^([+-]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:([.,])(\d+))?$")
_MINUSES = str.maketrans({"\u2212": "-", "\u2013": "-"})


def parse_number(value: object) -> float:
    """A number from a cell or a field, the way Indonesian offices write it. The one place
    a decimal comma is read: every importer and form goes through here.

    - A number cell (int or float, not bool) is taken as it is; NaN and infinity are refused.
    - The comma is the decimal separator: `77,5`, `1,25`.
    - Dots between groups of three digits (after one to three digits) group thousands:
      `1.000` is 1000, `1.234.567` and `1.234,5` (1234.5) too.
    - Any other single dot is a decimal point, as English spreadsheets and programs write
      it: `7.5`, `78.25`.
    - Surrounding spaces, a leading `+` or `-` (also the typographic minus) are allowed;
      nothing else is (no units, no exponents, no `1,234.5`, no inner spaces).

    Raises ValueError (`'x' bukan angka`) for anything else, a blank cell included; the
    caller, which knows what the number is, words its own message from it."""
    if isinstance(value, bool):
        raise ValueError(f"'{value}' bukan angka")
    if isinstance(value, int | float):
        number = float(value)
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(f"'{value}' bukan angka")
        return number
    text = str(value if value is not None else "").replace("\u00a0", " ").strip()
    m = _NUMBER.match(text.translate(_MINUSES))
    if m is None:
        raise ValueError(f"'{text}' bukan angka")
    sign, whole, separator, fraction = m.groups()
    if separator == "." and len(fraction) == 3 and len(whole) <= 3:
        whole, fraction = whole + fraction, None  # "1.000": a thousand, not one
    elif separator == "." and "." in whole:
        raise ValueError(f"'{text}' bukan angka")  # "1.234.5": neither grouping nor decimal
    number = float(whole.replace(".", "") + (f".{fraction}" if fraction else ""))
    return -number if sign == "-" else number


def format_thousands(number: int) -> str:
    """`1234` -> `1.234` (Indonesian thousands separator)."""
    return f"{number:,}".replace(",", ".")
