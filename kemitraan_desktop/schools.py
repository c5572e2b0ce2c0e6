"""Schools and their jenjang: a school's key (SMPN 1 Pati = SMP Negeri 1 Pati), found or
created by NPSN or name, and the jenjang read from a school's name."""

from __future__ import annotations

import re

from sqlite_utils import Database

_JENJANG_IN_NAME = re.compile(
    r"\b(SDN?|SMPN?|SMAN?|SMKN?|SLBN?|MTSN?|MAN?|MIN?)\b", re.IGNORECASE)
JENJANG = ("SD", "SMP", "SMA", "SMK", "SLB")
_JENJANG_EQUIV = {
    "SDN": "SD", "SMPN": "SMP", "SMAN": "SMA", "SMKN": "SMK", "SLBN": "SLB",
    "MTS": "SMP", "MTSN": "SMP", "MA": "SMA", "MAN": "SMA", "MI": "SD", "MIN": "SD",
}


def clean_jenjang(value: object) -> str:
    # "SMP/MTs" names the level twice; the first is ours.
    text = re.sub(r"[^A-Za-z]", "", re.split(r"[/|]", str(value or ""))[0]).upper()
    text = _JENJANG_EQUIV.get(text, text)
    if text not in JENJANG:
        raise ValueError(f"'{value}' bukan jenjang yang dikenal (isi {', '.join(JENJANG)})")
    return text


def jenjang_from_school(name: str | None) -> str | None:
    """`SMP Negeri 1 Pati` -> SMP, `SDN 2 Kupang` -> SD, `MTsN 1 Pati` -> SMP."""
    m = _JENJANG_IN_NAME.search(name or "")
    if not m:
        return None
    token = m.group(1).upper()
    return _JENJANG_EQUIV.get(token, token)


def school_key(name: str) -> str:
    """`SMP Negeri 1 Pati` and `SMPN 1 Pati` share one key."""
    key = re.sub(r"[^a-z0-9 ]", " ", name.lower())
    key = re.sub(r"\b(sd|smp|sma|smk)\s*n(?:egeri)?\b", r"\1 negeri", key)
    return re.sub(r"\s+", " ", key).strip()


def find_school(db: Database, name: str | None, npsn: str | None, region_code: str | None):
    if npsn:
        row = db.execute("SELECT id FROM schools WHERE npsn = ?", [npsn]).fetchone()
        if row:
            return row[0]
    if name:
        row = db.execute(
            "SELECT id FROM schools WHERE name_key = ? AND region_code IS ?",
            [school_key(name), region_code],
        ).fetchone()
        if row:
            return row[0]
    return None


def ensure_school(db: Database, name: str | None, npsn: str | None, region_code: str | None,
                  jenjang: str | None) -> int | None:
    """The school's id, created when unknown. A known school gains a missing NPSN."""
    if not name and not npsn:
        return None
    school_id = find_school(db, name, npsn, region_code)
    if school_id is not None:
        if npsn:
            db.execute("UPDATE schools SET npsn = ? WHERE id = ? AND npsn IS NULL", [npsn, school_id])
        return school_id
    cursor = db.execute(
        "INSERT INTO schools (npsn, name, name_key, jenjang, region_code) VALUES (?, ?, ?, ?, ?)",
        [npsn, name or f"NPSN {npsn}", school_key(name or npsn), jenjang or jenjang_from_school(name),
         region_code],
    )
    return cursor.lastrowid


def school_name(db: Database, school_id: int) -> str | None:
    row = db.execute("SELECT name FROM schools WHERE id = ?", [school_id]).fetchone()
    return row[0] if row else None


def school_choices(db: Database) -> list[str]:
    """Known school names, for the form's completion."""
    return [row[0] for row in db.execute("SELECT DISTINCT name FROM schools ORDER BY name_key")]
