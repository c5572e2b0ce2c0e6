"""Letter numbers: each kind's pattern (kept in settings), one running number per year for
all the office's letters (one agenda book), and the number a letter of an activity took,
kept in activity_letters so that a reprint carries it again."""

from __future__ import annotations

import datetime as dt
import re

from ..certificates.numbering import NumberPattern, parse_pattern, put_setting, setting
from ..errors import ValidationError
from .templates import KINDS

# Klasifikasi arsip (Permendagri 78/2012): 005 undangan, 800 kepegawaian (surat perintah
# tugas), 188.4 keputusan kepala SKPD.
DEFAULT_PATTERNS = {
    "undangan": "005/{no:03}/DINDIK/{bulan_romawi}/{tahun}",
    "tugas": "800/{no:03}/DINDIK/{bulan_romawi}/{tahun}",
    "sk": "188.4/{no:03}/DINDIK/{tahun}",
}


def _key(kind: str) -> str:
    if kind not in KINDS:
        raise ValidationError(f"Jenis surat '{kind}' tidak dikenal; pilihannya: "
                              f"{', '.join(KINDS)}.")
    return f"letters.pattern.{kind}"


def get_pattern(db, kind: str) -> NumberPattern:
    """The kind's numbering pattern: the office's, else the default."""
    return parse_pattern(setting(db, _key(kind)) or DEFAULT_PATTERNS[kind])


def set_pattern(db, kind: str, text: str) -> NumberPattern:
    """Keep the office's pattern for this kind; a broken one is refused (ValidationError)."""
    key = _key(kind)
    pattern = parse_pattern(text)
    with db.atomic():
        put_setting(db, key, pattern.text)
    return pattern


def held_number(db, activity_id: int, kind: str) -> str | None:
    """The number this activity's letter of this kind already took, if any."""
    row = db.execute("SELECT number FROM activity_letters WHERE activity_id = ? AND kind = ?",
                     [activity_id, kind]).fetchone()
    return row[0] if row else None


def held_letter(db, activity_id: int, kind: str) -> tuple[str, dt.date] | None:
    """The number and issue day this activity's letter of this kind took, if any."""
    row = db.execute("SELECT number, issued_on FROM activity_letters WHERE activity_id = ? "
                     "AND kind = ?", [activity_id, kind]).fetchone()
    return (row[0], dt.date.fromisoformat(row[1])) if row else None


def last_running(db, year: int) -> int:
    """The highest running number any letter took in `year`."""
    value = db.execute("SELECT max(running) FROM activity_letters WHERE year = ?",
                       [year]).fetchone()[0]
    return value or 0


def proposed_number(db, activity_id: int, kind: str, day: dt.date) -> str:
    """The number the letter will carry: the one it took already, else the next in the
    year's agenda book in the kind's pattern."""
    held = held_number(db, activity_id, kind)
    if held:
        return held
    return get_pattern(db, kind).render(last_running(db, day.year) + 1, day)


def _running_of(pattern: NumberPattern, number: str) -> int | None:
    """The running number inside `number` when it follows `pattern`."""
    regex, position = "", 0
    for match in re.finditer(r"\{([^{}]*)\}", pattern.text):
        regex += re.escape(pattern.text[position:match.start()])
        name = match[1].split(":")[0]
        regex += r"(?P<no>\d+)" if name == "no" else r"[^/]+?"
        position = match.end()
    regex += re.escape(pattern.text[position:])
    found = re.fullmatch(regex, number)
    return int(found["no"]) if found and int(found["no"]) > 0 else None


def draft_number(db, activity_id: int, kind: str, day: dt.date, number: str | None = None) -> str:
    """The number a letter would take (the one it holds, the `number` given, or the next in
    the agenda book), checked but not recorded: for a draft."""
    number = " ".join((number or "").split())
    if number and len(number) > 120:
        raise ValidationError("Nomor surat paling panjang 120 huruf.")
    held = held_number(db, activity_id, kind)
    if not number:
        number = held or proposed_number(db, activity_id, kind, day)
    if number == held:
        return held
    row = db.execute("SELECT l.kind, a.title, a.id FROM activity_letters l JOIN activities a "
                     "ON a.id = l.activity_id WHERE l.number = ?", [number]).fetchone()
    if row:
        raise ValidationError(f"Nomor {number} sudah dipakai {KINDS.get(row[0], row[0])} "
                              f"kegiatan '{row[1]}' (id {row[2]}). Pakai nomor lain atau "
                              "biarkan kosong untuk nomor urut berikutnya.")
    return number


def take_number(db, activity_id: int, kind: str, day: dt.date, number: str | None = None) -> str:
    """The letter's number, kept: the one it holds, or the next in the agenda book, or the
    `number` the operator gives (refused when another letter holds it). The caller holds
    the transaction, so that a letter that is not written takes no number."""
    held = held_number(db, activity_id, kind)
    number = draft_number(db, activity_id, kind, day, number)
    if number == held:
        return held
    running = _running_of(get_pattern(db, kind), number) or max(last_running(db, day.year), 1)
    db.execute("DELETE FROM activity_letters WHERE activity_id = ? AND kind = ?",
               [activity_id, kind])
    db.execute("INSERT INTO activity_letters (activity_id, kind, number, year, running, issued_on)"
               " VALUES (?, ?, ?, ?, ?, ?)",
               [activity_id, kind, number, day.year, running, day.isoformat()])
    return number
