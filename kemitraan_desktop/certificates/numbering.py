"""Certificate numbers and the register that holds them: the numbering pattern, the running
counters (per program or office-wide, per year), reading the register, and the settings
the certificate features keep."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from .. import indonesia as ind
from ..errors import ValidationError

DEFAULT_PATTERN = "421.3/{no:03}/DINDIK/{bulan_romawi}/{tahun}"
TOKENS = {
    "no": "nomor urut (dengan nol di depan: {no:03})",
    "bulan_romawi": "bulan terbit dalam angka Romawi (IX)",
    "bulan": "bulan terbit dua angka (09)",
    "tahun": "tahun terbit (2018)",
}
_TOKEN = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class NumberPattern:
    text: str
    width: int  # zero padding of the running number (1: none)

    def render(self, number: int, issued: dt.date) -> str:
        """The certificate number: `421.3/007/DINDIK/IX/2018`."""
        if number < 1:
            raise ValidationError("Nomor urut sertifikat mulai dari 1.")
        values = {"bulan_romawi": ind.roman_month(issued.month), "bulan": f"{issued.month:02d}",
                  "tahun": str(issued.year)}

        def token(match: re.Match) -> str:
            name = match[1].split(":")[0]
            return f"{number:0{self.width}d}" if name == "no" else values[name]
        return _TOKEN.sub(token, self.text)


def parse_pattern(text: str) -> NumberPattern:
    """Check a numbering pattern as the office typed it; every problem is named."""
    text = (text or "").strip()
    if not text:
        raise ValidationError("Pola nomor wajib diisi, misalnya " + DEFAULT_PATTERN)
    if text.count("{") != text.count("}") or re.search(r"\{[^}]*\{|\}[^{]*\}", text.replace("}{", "} {")):
        raise ValidationError(f"Tanda kurung kurawal di pola '{text}' tidak berpasangan.")
    width, running = 1, 0
    for match in _TOKEN.finditer(text):
        name, _, fmt = match[1].partition(":")
        if name not in TOKENS:
            choices = ", ".join("{" + t + "}" for t in TOKENS)
            raise ValidationError(f"Penanda '{{{match[1]}}}' tidak dikenal; pilihannya: {choices}.")
        if name == "no":
            running += 1
            if fmt:
                if not re.fullmatch(r"0?[1-8]", fmt):
                    raise ValidationError(f"Format nomor '{{{match[1]}}}' tidak dikenal; tulis "
                                          "misalnya {no:03} untuk 001.")
                width = int(fmt)
        elif fmt:
            raise ValidationError(f"Penanda '{{{match[1]}}}' tidak memakai format.")
    if "{" in _TOKEN.sub("", text) or "}" in _TOKEN.sub("", text):
        raise ValidationError(f"Tanda kurung kurawal di pola '{text}' tidak berpasangan.")
    if running != 1:
        raise ValidationError("Pola harus memuat nomor urut {no} tepat satu kali"
                              + (f" (ada {running})." if running else "."))
    if "{tahun}" not in text:
        raise ValidationError("Pola harus memuat {tahun}: nomor urut mulai lagi dari 1 tiap tahun, "
                              "jadi tanpa tahun nomornya akan berulang.")
    if "\n" in text or len(text) > 120:
        raise ValidationError("Pola nomor satu baris, paling panjang 120 huruf.")
    return NumberPattern(text, width)


# ---------------------------------------------------------------- settings

def setting(db, key: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def put_setting(db, key: str, value: str) -> None:
    """Write one setting; the caller holds the transaction."""
    db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
               "value = excluded.value", [key, value])


# ---------------------------------------------------------------- patterns and counters

def get_pattern(db, program_id: int) -> NumberPattern:
    return parse_pattern(setting(db, f"certificates.pattern.{program_id}") or DEFAULT_PATTERN)


def set_pattern(db, program_id: int, text: str) -> NumberPattern:
    pattern = parse_pattern(text)
    with db.atomic():
        put_setting(db, f"certificates.pattern.{program_id}", pattern.text)
    return pattern


def office_wide(db) -> bool:
    """True: one counter per year for the whole office; False: one per program and year."""
    return setting(db, "certificates.scope") == "office"


def set_office_wide(db, value: bool) -> None:
    with db.atomic():
        put_setting(db, "certificates.scope", "office" if value else "program")


def counter_key(db, program_id: int, year: int, office: bool | None = None) -> tuple[int, int]:
    """The certificate_counters row a number of this program and year counts in."""
    return (0 if (office_wide(db) if office is None else office) else program_id, year)


def last_number(db, program_id: int, year: int, office: bool | None = None) -> int:
    """The last running number given in this counter's scope and year: the counter, or the
    register when it holds a higher one (the scope was switched, or the counter is
    behind), so that a number is never given twice. `office` overrides the saved scope."""
    key = counter_key(db, program_id, year, office)
    row = db.execute("SELECT last_number FROM certificate_counters WHERE program_id = ? AND year = ?",
                     list(key)).fetchone()
    scope, params = ("", [str(year)]) if key[0] == 0 else (" AND program_id = ?", [str(year), program_id])
    used = db.execute("SELECT max(running) FROM certificates WHERE substr(issued_on, 1, 4) = ?"
                      + scope, params).fetchone()[0]
    return max(row[0] if row else 0, used or 0)


def move_counter(db, program_id: int, year: int, running: int) -> None:
    """Set the counter past `running`, the last number given; the caller holds the
    transaction."""
    db.execute("INSERT INTO certificate_counters (program_id, year, last_number) VALUES (?, ?, ?)"
               " ON CONFLICT (program_id, year) DO UPDATE SET last_number = excluded.last_number",
               [*counter_key(db, program_id, year), running])


def taken_numbers(db, numbers: list[str]) -> dict[str, str]:
    """Numbers among `numbers` already in the register -> the program holding them."""
    taken = {}
    for start in range(0, len(numbers), 500):
        chunk = numbers[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for number, program in db.execute(
                f"SELECT c.number, p.name || ' (' || p.year || ')' FROM certificates c JOIN programs p "
                f"ON p.id = c.program_id WHERE c.number IN ({marks})", chunk):
            taken[number] = program
    return taken


def collision_error(number: str, program: str) -> ValidationError:
    return ValidationError(
        f"Nomor {number} sudah dipakai sertifikat program {program}. Beri program ini pola nomor "
        "sendiri (Sertifikat > Penomoran & templat), atau pakai satu nomor urut untuk seluruh "
        "dinas.")


def next_number(db, program_id: int, issued: dt.date, pattern: NumberPattern,
                office: bool | None = None) -> str:
    """The number the next certificate would get: for the settings' preview of a pattern
    and a counter scope not saved yet."""
    return pattern.render(last_number(db, program_id, issued.year, office) + 1, issued)


# ---------------------------------------------------------------- the register

def register(db, *, program_id: int | None = None, activity_id: int | None = None) -> list[dict]:
    """The register, oldest first: number, status, frozen data."""
    where, params = [], []
    if program_id is not None:
        where.append("program_id = ?")
        params.append(program_id)
    if activity_id is not None:
        where.append("activity_id = ?")
        params.append(activity_id)
    sql = ("SELECT id, number, issued_on, jp, data, void_reason, voided_at, replaces_id, "
           "verification, activity_id, participant_id FROM certificates"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id")
    rows = [{"id": r[0], "number": r[1], "issued_on": r[2], "jp": r[3], **json.loads(r[4]),
             "void_reason": r[5], "voided": r[6] is not None, "replaces": r[7], "verification": r[8],
             "activity_id": r[9], "participant_id": r[10]}
            for r in db.execute(sql, params)]
    replaced = {row["replaces"] for row in rows if row["replaces"]}
    if replaced:
        marks = ",".join("?" * len(replaced))
        numbers = dict(db.execute(f"SELECT id, number FROM certificates WHERE id IN ({marks})",
                                  list(replaced)).fetchall())
        for row in rows:
            row["replaces_number"] = numbers.get(row["replaces"])
    return rows
