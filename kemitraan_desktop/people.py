"""Teachers and principals (the roster) and their schools: fields, validation, add, update, find."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

from sqlite_utils import Database

from . import indonesia as ind
from . import regions
from . import vocabulary as vocab
from .errors import NotFoundError, ValidationError
from .migrations import PEOPLE_INDEXES
from .schools import clean_jenjang, ensure_school, jenjang_from_school, school_key
from .trail import trail_in_one


@dataclass(frozen=True)
class Field:
    key: str
    label: str  # the header in exported workbooks and the template
    group: str  # identitas / sekolah & tugas / kontak (for the person form)
    required: bool = False
    is_id: bool = False


FIELDS = [
    Field("full_name", "Nama", "identitas", required=True),
    Field("nuptk", "NUPTK", "identitas", is_id=True),
    Field("nip", "NIP", "identitas", is_id=True),
    Field("nik", "NIK", "identitas", is_id=True),
    Field("gender", "L/P", "identitas"),
    Field("birth_place", "Tempat Lahir", "identitas"),
    Field("birth_date", "Tanggal Lahir", "identitas"),
    Field("ukg_number", "No. UKG", "identitas", is_id=True),
    Field("position", "Jabatan", "sekolah & tugas"),
    Field("functional_position", "Jabatan Fungsional", "sekolah & tugas"),
    Field("extra_duty", "Tugas Tambahan", "sekolah & tugas"),
    Field("employment", "Status Kepegawaian", "sekolah & tugas"),
    Field("jenjang", "Jenjang", "sekolah & tugas"),
    Field("subject", "Mata Pelajaran", "sekolah & tugas"),
    Field("rank", "Pangkat", "sekolah & tugas"),
    Field("golongan", "Gol/Ruang", "sekolah & tugas"),
    Field("school", "Asal Sekolah", "sekolah & tugas"),
    Field("npsn", "NPSN", "sekolah & tugas", is_id=True),
    Field("region", "Kab/Kota", "sekolah & tugas"),
    Field("province", "Provinsi", "sekolah & tugas"),
    Field("ukg", "Nilai UKG", "sekolah & tugas"),
    Field("phone", "No HP", "kontak"),
    Field("email", "Email", "kontak"),
]
FIELD_BY_KEY = {f.key: f for f in FIELDS}
ID_FIELDS = ("nuptk", "nip", "nik")
# Every number that names one person: No. UKG too, for a teacher who has no NUPTK yet.
PERSON_IDS = ("nuptk", "nip", "nik", "ukg_number")


def recorded_id(key: str, value: str) -> str:
    """An ID the roster holds, as a message may quote it: the NIK is personal data and is
    never quoted (a message is read aloud, pasted into WhatsApp, written into reports)."""
    return "NIK lain" if key == "nik" else f"{FIELD_BY_KEY[key].label} {value}"


def written_id(key: str, value: str, where: str = " di baris itu") -> str:
    """An ID of the row being checked, as a message may quote it (the NIK without digits,
    `where` saying which)."""
    return f"NIK{where}" if key == "nik" else f"{FIELD_BY_KEY[key].label} {value}"

# ---------------------------------------------------------------- field cleaners
# Each takes a raw value (a cell, a form field) and returns the stored value or raises
# ValueError with an Indonesian message. Shared by the import and the person form.

# Longer than any real name with titles, or school name; anything longer would not fit a
# certificate line, a daftar hadir row or an Excel column (a pasted paragraph, say).
MAX_TEXT = 150


def clean_text(value: object) -> str:
    text = ind.normalize_name(value)
    if len(text) > MAX_TEXT:
        raise ValueError(f"terlalu panjang ({len(text)} huruf; paling banyak {MAX_TEXT})")
    return text


def clean_name(value: object) -> str:
    """A person's name: as clean_text, and with at least one letter one can see (a cell of
    invisible characters, or the 0 of an uncomputed formula, is no name)."""
    text = clean_text(value)
    if not ind.has_visible_letter(text):
        raise ValueError(f"nama tertulis '{text}' tidak berisi huruf; isi nama lengkapnya"
                         if text else "nama hanya berisi tanda yang tidak terlihat; isi nama "
                         "lengkapnya")
    return text


def clean_birth_date(value: object) -> str:
    day = ind.parse_date(value)
    if not 1930 <= day.year <= dt.date.today().year - 15:
        raise ValueError(f"tanggal lahir {ind.format_date(day, False)} tidak masuk akal")
    return day.isoformat()


CLEANERS = {
    "full_name": clean_name,
    "nuptk": ind.validate_nuptk,
    "nip": ind.validate_nip,
    "nik": ind.validate_nik,
    "ukg_number": vocab.clean_ukg_number,
    "gender": ind.normalize_gender,
    "birth_place": clean_text,
    "birth_date": clean_birth_date,
    "position": vocab.clean_position,
    "functional_position": vocab.clean_functional,
    "extra_duty": vocab.clean_extra_duty,
    "employment": vocab.clean_employment,
    "jenjang": clean_jenjang,
    "subject": vocab.clean_subject,
    "rank": vocab.clean_rank,
    "golongan": vocab.clean_golongan,
    "school": clean_text,
    "npsn": ind.validate_npsn,
    "region": clean_text,  # resolved against the region list in cross_check
    "province": clean_text,
    "ukg": ind.parse_score,
    "phone": ind.normalize_phone,
    "email": ind.normalize_email,
}


# Fields whose values repeat across a roster; the import cleans each distinct value once.
REPEATING = frozenset({"gender", "birth_place", "birth_date", "position", "jenjang", "subject",
                       "rank", "school", "npsn", "region", "province", "ukg", "employment",
                       "golongan", "functional_position", "extra_duty"})


def clean_fields(raw: dict) -> tuple[dict, dict]:
    """Validate a person's raw fields (a form, one record). Returns (clean values,
    {field: message}). The import cleans the same fields with the same cleaners, column
    by column (spreadsheets/roster_rows.py)."""
    clean, errors = {}, {}
    for key, value in raw.items():
        cleaner = CLEANERS.get(key)
        if cleaner is None or value is None or (isinstance(value, str) and not value.strip()):
            continue
        try:
            clean[key] = cleaner(value)
        except ValueError as exc:
            errors[key] = str(exc)
    for key, message in cross_check(clean, errors).items():
        errors.setdefault(key, message)
    return clean, errors


def cross_check(clean: dict, errors: dict) -> dict:
    """Checks across fields; fills the region code, the name key and derived values."""
    found = {}
    if not clean.get("full_name") and "full_name" not in errors:
        found["full_name"] = "Nama wajib diisi"
    if not any(clean.get(key) for key in PERSON_IDS) and not any(key in errors for key in PERSON_IDS):
        found["nuptk"] = "isi paling tidak satu dari NUPTK, NIP, NIK atau No. UKG"
    _check_born(clean, found)
    _check_rank(clean, found)
    if vocab.is_principal_duty(clean.get("extra_duty")) and "position" not in errors:
        clean["position"] = "kepala sekolah"
    if clean.get("region"):
        try:
            region = regions.match_district(clean["region"], clean.get("province"))
            clean["region_code"] = region.code
            if clean.get("province") and "province" not in errors:
                mismatch = regions.province_mismatch(region, clean["province"])
                if mismatch:
                    found["province"] = mismatch
        except ValueError as exc:
            found["region"] = str(exc)
    elif clean.get("province"):
        province = regions.match_province(clean["province"])
        if province is None:
            found["province"] = f"provinsi '{clean['province']}' tidak dikenal"
        else:
            clean["region_code"] = province.code  # only the province is known
    if clean.get("full_name"):
        clean["name_key"] = ind.name_key(clean["full_name"], normalized=True)
    if not clean.get("jenjang"):
        guessed = jenjang_from_school(clean.get("school"))
        if guessed:
            clean["jenjang"] = guessed
    return found


def _check_born(clean: dict, found: dict) -> None:
    """Sex and birth date as the NIP and the NIK carry them: filled when missing, a
    mismatch with what is written reported (the NIK's digits are never quoted)."""
    for key, label in (("nip", "NIP"), ("nik", "NIK")):
        number = clean.get(key)
        if not number:
            continue
        if key == "nip":
            gender, birth = ind.nip_gender(number), f"{number[0:4]}-{number[4:6]}-{number[6:8]}"
            where_gender, where_birth = "digit ke-15", "8 digit pertama NIP"
        else:
            gender, born = ind.nik_gender(number), ind.nik_birth_date(number)
            birth = born.isoformat() if born else None
            where_gender, where_birth = "digit ke-7 dan 8", "digit ke-7 s.d. 12 NIK"
        if clean.get("gender") and clean["gender"] != gender and "gender" not in found:
            found["gender"] = (f"L/P tertulis {clean['gender']}, tetapi {label} menunjukkan "
                               f"{gender} ({where_gender})")
        if birth and clean.get("birth_date") and clean["birth_date"] != birth \
                and "birth_date" not in found:
            shown = "" if key == "nik" else \
                f" ({ind.format_date(dt.date.fromisoformat(birth), False)})"
            found["birth_date"] = f"tanggal lahir berbeda dengan {where_birth}{shown}"
        clean.setdefault("gender", gender)
        if birth:
            clean.setdefault("birth_date", birth)


def _check_rank(clean: dict, found: dict) -> None:
    """A rank written with its golongan is split; each is derived from the other where
    the civil-service table pairs them (Penata Muda = III/a)."""
    if clean.get("rank"):
        pangkat, golongan = vocab.split_rank(clean["rank"])
        clean["rank"] = pangkat
        if golongan and clean.get("golongan") and clean["golongan"] != golongan:
            found["golongan"] = (f"golongan tertulis {clean['golongan']}, tetapi kolom pangkat "
                                 f"menyebut {golongan}")
        if golongan:
            clean.setdefault("golongan", golongan)
    mismatch = vocab.rank_check(clean.get("rank"), clean.get("golongan"))
    if mismatch:
        found.setdefault("golongan", mismatch)
    if clean.get("golongan") and not clean.get("rank"):
        clean["rank"] = vocab.PANGKAT.get(clean["golongan"])
    elif clean.get("rank") and not clean.get("golongan"):
        clean["golongan"] = vocab.GOLONGAN_OF.get(vocab.letters(clean["rank"]))
    if not clean.get("rank"):
        clean.pop("rank", None)


# ---------------------------------------------------------------- people

PERSON_COLUMNS = (
    "full_name", "name_key", "nuptk", "nip", "nik", "gender", "birth_place", "birth_date",
    "position", "jenjang", "subject", "rank", "school_id", "region_code", "ukg", "phone", "email",
    "ukg_number", "employment", "golongan", "functional_position", "extra_duty",
)

_SELECT_PERSON = """
SELECT p.id, p.full_name AS name, p.name_key, p.nuptk, p.nip, p.nik, p.gender, p.birth_place,
       p.birth_date, p.position, p.jenjang, p.subject, p.rank, p.school_id,
       s.name AS school, s.npsn, p.region_code, r.name AS region, r.province, p.ukg, p.phone,
       p.email, p.ukg_number, p.employment, p.golongan, p.functional_position, p.extra_duty,
       p.created_at, p.updated_at
FROM people p
LEFT JOIN schools s ON s.id = p.school_id
LEFT JOIN regions r ON r.code = p.region_code
"""


def person_values(db: Database, clean: dict) -> dict:
    """The people row for cleaned fields, creating the school when needed."""
    values = {k: clean.get(k) for k in PERSON_COLUMNS if k != "school_id"}
    values["position"] = values["position"] or "guru"
    values["school_id"] = ensure_school(
        db, clean.get("school"), clean.get("npsn"), clean.get("region_code"), clean.get("jenjang"))
    if values["school_id"] and not values["region_code"]:
        row = db.execute("SELECT region_code FROM schools WHERE id = ?", [values["school_id"]]).fetchone()
        values["region_code"] = row[0] if row else None
    return values


def _check_school(db: Database, clean: dict) -> dict:
    """An NPSN that belongs to another school than the one named is a mistake (a stale
    NPSN left after changing the school, or a mistyped one)."""
    if not (clean.get("npsn") and clean.get("school")):
        return {}
    row = db.execute("SELECT name, name_key FROM schools WHERE npsn = ?", [clean["npsn"]]).fetchone()
    if row and row[1] != school_key(clean["school"]):
        return {"npsn": f"NPSN {clean['npsn']} milik {row[0]}, bukan {clean['school']}; "
                        "kosongkan atau perbaiki NPSN"}
    return {}


def _check_unique(db: Database, clean: dict, person_id: int | None) -> dict:
    errors = {}
    for key in PERSON_IDS:
        if not clean.get(key):
            continue
        row = db.execute(f"SELECT id, full_name FROM people WHERE {key} = ?", [clean[key]]).fetchone()
        if row and row[0] != person_id:
            shown = "NIK itu" if key == "nik" else f"{FIELD_BY_KEY[key].label} {clean[key]}"
            errors[key] = f"{shown} sudah dipakai oleh {row[1]}"
    return errors


def save_person(db: Database, raw: dict, person_id: int | None = None) -> int:
    """Add a person (person_id None) or replace an existing person's fields, in one
    transaction. Raises ValidationError whose problems map field -> message."""
    clean, errors = clean_fields(raw)
    errors.update(_check_unique(db, clean, person_id))
    errors.update(_check_school(db, clean))
    if errors:
        first = next(iter(errors.items()))
        raise ValidationError(
            f"{FIELD_BY_KEY[first[0]].label}: {first[1]}",
            problems=list(errors.items()),
        )
    with db.atomic():
        values = person_values(db, clean)
        if person_id is None:
            return insert_people(db, [values])[0]
        get_person(db, person_id)
        sets = ", ".join(f"{k} = ?" for k in values)
        db.execute(
            f"UPDATE people SET {sets}, updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')"
            " WHERE id = ?",
            [*values.values(), person_id],
        )
        return person_id


FTS_ROW_SELECT = """
SELECT p.id, p.name_key, s.name, r.name,
       trim(coalesce(p.nuptk, '') || ' ' || coalesce(p.nip, '') || ' ' || coalesce(p.nik, ''))
FROM people p LEFT JOIN schools s ON s.id = p.school_id LEFT JOIN regions r ON r.code = p.region_code
"""
FTS_INSERT = "INSERT INTO people_fts (rowid, name, school, place, ids) " + FTS_ROW_SELECT


# Below this many new rows, or when the table already holds more than the new rows,
# updating the indexes row by row is cheaper than rebuilding them.
REBUILD_INDEXES_FROM = 5000
# From this many new rows, the audit trail's rows are written in one statement after the
# insert instead of by the per-row trigger (a third of a 2,000-row import's write).
TRAIL_IN_ONE_FROM = 200


def insert_people(db: Database, rows: list[dict]) -> list[int]:
    """The one way people are added: insert the rows and index them for search, in the
    caller's transaction (or one of its own). Returns the new ids in order.

    A large insert into a small table drops the people indexes and rebuilds them in the
    same transaction (sorting once is twice as fast as 100k random index inserts); a
    duplicate ID then fails the rebuild, and the transaction, instead of the insert."""
    cols = PERSON_COLUMNS
    sql = f"INSERT INTO people ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
    every = itemgetter(*cols)

    def row_values(row: dict) -> tuple:
        try:
            return every(row)  # the import gives every column: one C call per row
        except KeyError:
            return tuple(map(row.get, cols))

    with db.atomic():
        first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM people").fetchone()[0]
        rebuild = len(rows) >= REBUILD_INDEXES_FROM and len(rows) > count_people(db)
        trail = trail_in_one(db, "history_person_insert", "people", first) \
            if len(rows) >= TRAIL_IN_ONE_FROM else contextlib.nullcontext()
        with trail:
            if rebuild:
                for name in PEOPLE_INDEXES:
                    db.execute(f"DROP INDEX {name}")
            db.conn.executemany(sql, (row_values(row) for row in rows))
            if rebuild:
                for statement in PEOPLE_INDEXES.values():
                    db.execute(statement)
        new_ids = [row[0] for row in db.execute(
            "SELECT id FROM people WHERE id >= ? ORDER BY id", [first])]
        db.execute(FTS_INSERT + " WHERE p.id >= ?", [first])
        relink_participants(db)
    return new_ids


_RELINK = """
    UPDATE OR IGNORE participants SET person_id = (
        SELECT id FROM (
            SELECT p.id FROM people p WHERE p.nuptk = participants.nuptk
            UNION ALL SELECT p.id FROM people p WHERE p.nip = participants.nip
            UNION ALL SELECT p.id FROM people p WHERE p.nik = participants.nik) LIMIT 1)
    WHERE NOT EXISTS (SELECT 1 FROM people WHERE id = participants.person_id)
      AND coalesce(nuptk, nip, nik) IS NOT NULL
      AND EXISTS (SELECT 1 FROM people p WHERE p.nuptk = participants.nuptk
                  OR p.nip = participants.nip OR p.nik = participants.nik)
"""


def relink_participants(db: Database) -> int:
    """Participants whose person left the roster, linked to the roster person who now holds
    their NUPTK, NIP or NIK (someone deleted and added or imported again). Returns how many."""
    return db.execute(_RELINK).rowcount


def get_person(db: Database, person_id: int) -> dict:
    rows = list(db.query(_SELECT_PERSON + " WHERE p.id = ?", [person_id]))
    if not rows:
        raise NotFoundError(f"Orang dengan id {person_id} tidak ada di daftar.")
    return rows[0]


def find_by_id_number(db: Database, number: str) -> dict | None:
    """A person by NUPTK, NIP or NIK (spaces in a printed NIP are ignored)."""
    digits = ind.id_digits(number)
    for key in PERSON_IDS:
        rows = list(db.query(_SELECT_PERSON + f" WHERE p.{key} = ?", [digits]))
        if rows:
            return rows[0]
    return None


_STORED_COLUMNS = ("id", *PERSON_COLUMNS, "created_at", "updated_at")


def snapshot_people(db: Database, ids: Iterable[int]) -> list[dict]:
    """The stored rows of these people, exactly, for undo (restore_people)."""
    ids = list(ids)
    rows = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        rows += [dict(zip(_STORED_COLUMNS, row, strict=True)) for row in db.execute(
            f"SELECT {', '.join(_STORED_COLUMNS)} FROM people WHERE id IN ({marks})", chunk)]
    return rows


def restore_people(db: Database, snapshots: list[dict]) -> None:
    """Put people back as a snapshot had them: deleted ones return under their old id,
    edited ones get their old values. One transaction."""
    cols = ", ".join(_STORED_COLUMNS)
    marks = ", ".join("?" for _ in _STORED_COLUMNS)
    sets = ", ".join(f"{c} = ?" for c in _STORED_COLUMNS[1:])
    try:
        with db.atomic():
            for row in snapshots:
                values = [row[c] for c in _STORED_COLUMNS]
                if db.execute("SELECT 1 FROM people WHERE id = ?", [row["id"]]).fetchone():
                    db.execute(f"UPDATE people SET {sets} WHERE id = ?", [*values[1:], row["id"]])
                else:
                    db.execute(f"INSERT INTO people ({cols}) VALUES ({marks})", values)
                    db.execute(FTS_INSERT + " WHERE p.id = ?", [row["id"]])
    except sqlite3.IntegrityError as exc:
        # Someone imported or added since holds one of the IDs: nothing is restored.
        raise ValidationError(
            "Perubahan ini tidak dapat dibatalkan: NUPTK, NIP atau NIK orang tersebut kini "
            "dipakai oleh data lain yang masuk sesudahnya. Tidak ada yang diubah.",
            technical=str(exc)) from exc


def delete_people(db: Database, ids: Iterable[int]) -> int:
    ids = list(ids)
    with db.atomic():
        db.conn.executemany("DELETE FROM people WHERE id = ?", [(i,) for i in ids])
    return len(ids)


def count_people(db: Database) -> int:
    return db.execute("SELECT count(*) FROM people").fetchone()[0]


# ---------------------------------------------------------------- search and lists

_SORTS = {
    "name": "p.name_key", "nuptk": "p.nuptk", "nip": "p.nip", "school": "s.name_key",
    "subject": "p.subject", "region": "r.name", "ukg": "p.ukg", "updated": "p.updated_at",
}


_ID_QUERY = re.compile(r"^(?:nip|nuptk|nik)?[.:\s]*[\d][\d\s.\-]*$", re.IGNORECASE)
_SCHOOL_ABBREVIATION = re.compile(r"\b(sd|smp|sma|smk|slb)n\b")


def fts_query(text: str) -> str:
    """User text -> an FTS5 query, titles dropped, `SMPN` read as `SMP Negeri`.
    Search-as-you-type: the words already typed must match whole, the last one (still
    being typed) as a prefix. A prefix on every word makes common words ("smp",
    "negeri") read their whole doclists: 55 ms instead of 0.5 ms at 1M people."""
    key = _SCHOOL_ABBREVIATION.sub(r"\1 negeri", ind.name_key(text))
    words = key.split() or re.findall(r"\w+", text.lower())
    if not words:
        return ""
    # A number matches a whole NUPTK, NIP or NIK only: a prefix would let anyone find a
    # person's NIK digit by digit without --with-nik.
    # (A school's number, "SMPN 7", stays a word of the school.)
    def id_like(word: str) -> bool:
        return word.isdigit() and len(word) >= 4

    last = words[-1]
    return " ".join([*(f'ids : "{w}"' if id_like(w) else f'"{w}"' for w in words[:-1]),
                     f'ids : "{last}"' if id_like(last) else f'"{last}"*'])


def _id_prefix_clause(digits: str) -> tuple[str, list]:
    """NUPTK and NIP by their start (printed on every list); the NIK only whole."""
    end = digits + "\uffff"
    return ("(p.nuptk >= ? AND p.nuptk < ?) OR (p.nip >= ? AND p.nip < ?) OR p.nik = ?",
            [digits, end, digits, end, digits])


def search_clause(text: str | None) -> tuple[str, list]:
    """A WHERE fragment over `p` for a search box. Digits (a NUPTK, NIP or NIK, also typed
    as printed: `19750512 200003 1 002`) match a NUPTK or NIP prefix, or a whole NIK; 1-2 letters match the start
    of the name (an FTS prefix of 1-2 letters is too broad); longer text goes to FTS5
    over the name, school, kab/kota and IDs."""
    text = (text or "").strip()
    if not text:
        return "", []
    if _ID_QUERY.match(text):
        return _id_prefix_clause(re.sub(r"\D", "", text))
    if len(text) <= 2:
        key = ind.name_key(text) or text.lower()
        return "p.name_key >= ? AND p.name_key < ?", [key, key + "\uffff"]
    query = fts_query(text)
    if not query:
        return "0", []
    return "p.id IN (SELECT rowid FROM people_fts WHERE people_fts MATCH ?)", [query]


def filter_clause(filters: dict | None) -> tuple[list[str], list]:
    where, params = [], []
    for key, column in (("position", "p.position"), ("jenjang", "p.jenjang"),
                        ("subject", "p.subject"), ("region_code", "p.region_code"),
                        ("province_code", "r.province_code")):
        value = (filters or {}).get(key)
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    return where, params


def query_ids(db: Database, search: str | None = None, filters: dict | None = None,
              sort: str = "name", descending: bool = False, limit: int | None = None,
              only: list[int] | None = None) -> list[int]:
    """The ordered ids of the people a list shows (search, filters and sort run in SQL);
    `only`: among these people (picked from a pasted list of IDs)."""
    where, params = filter_clause(filters)
    if only is not None:
        where.append(f"p.id IN ({', '.join(str(int(i)) for i in only) or 'NULL'})")
    clause, search_params = search_clause(search)
    if clause:
        where.insert(0, f"({clause})")
        params = search_params + params
    # Join only what the sort or a filter needs: 50k search hits each looked up in
    # schools and regions cost 20 ms more at 1M people.
    sql = "SELECT p.id FROM people p"
    if sort == "school":
        sql += " LEFT JOIN schools s ON s.id = p.school_id"
    if sort == "region" or (filters or {}).get("province_code"):
        sql += " LEFT JOIN regions r ON r.code = p.region_code"
    if where:
        sql += " WHERE " + " AND ".join(where)
    direction = "DESC" if descending else "ASC"
    sql += f" ORDER BY {_SORTS.get(sort, 'p.name_key')} {direction}, p.id {direction}"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [row[0] for row in db.execute(sql, params)]


def fetch_people(db: Database, ids: list[int]) -> list[dict]:
    """Rows for the given ids, in the given order (one page of a list)."""
    rows: dict[int, dict] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in db.query(_SELECT_PERSON + f" WHERE p.id IN ({marks})", chunk):
            rows[row["id"]] = row
    return [rows[i] for i in ids if i in rows]


def list_people(db: Database, search: str | None = None, limit: int | None = None,
                filters: dict | None = None) -> list[dict]:
    return fetch_people(db, query_ids(db, search, filters, limit=limit))
