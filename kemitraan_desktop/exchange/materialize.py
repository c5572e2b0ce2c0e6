"""What a received file changed in this office's projection, written into the live
database (through Python's sqlite3, in the caller's transaction): each record found by
its exchange identifier, new ones created and given the identifier they travel under."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from .. import indonesia as ind
from ..people import PERSON_COLUMNS, TRAIL_IN_ONE_FROM, insert_people, person_values
from ..store import Database
from ..trail import trail_in_one
from .projection import KINDS, LINKS, ORDER, columns


def local_id(db: Database, kind: str, uuid: str | None) -> int | None:
    if not uuid:
        return None
    row = db.execute("SELECT local_id FROM exchange_ids WHERE kind = ? AND uuid = ?",
                     [kind, uuid]).fetchone()
    return row[0] if row else None


def join_aliases(db: Database, aliases: list[tuple[str, str]], owner: str | None) -> int:
    """Their identifier beside ours for one person both offices know."""
    joined = 0
    for theirs, ours in aliases:
        person = local_id(db, "person", ours)
        if person is not None:
            db.execute("INSERT OR IGNORE INTO exchange_ids (uuid, kind, local_id, owner) "
                       "VALUES (?, 'person', ?, ?)", [theirs, person, owner])
            joined += 1
    return joined


class _Ids:
    """Exchange identifier -> local id, read once per kind and kept up to date."""

    def __init__(self, db: Database):
        self.db = db
        self.known: dict[str, dict[str, int]] = {}
        self.adopted: list[tuple[str, str, int, str | None]] = []  # written by flush()
        self.touched: set[tuple[str, int]] = set()  # records now holding the owner's values
        self.schools: dict[str, int] | None = None
        self.held: dict[str, set[str]] = {}  # person identifier -> fields not to write

    def get(self, kind: str, uuid: str | None) -> int | None:
        if not uuid:
            return None
        if kind not in self.known:
            self.known[kind] = dict(self.db.conn.execute(
                "SELECT uuid, local_id FROM exchange_ids WHERE kind = ?", [kind]))
        return self.known[kind].get(uuid)

    def adopt(self, kind: str, new_id: int, uuid: str, owner: str | None) -> None:
        self.adopted.append((uuid, kind, new_id, owner))  # the identifier it came with
        self.touched.add((kind, new_id))
        self.known.setdefault(kind, {})[uuid] = new_id

    def flush(self) -> None:
        """The new records' identifiers in two statements (not two per record)."""
        conn = self.db.conn
        conn.executemany("DELETE FROM exchange_ids WHERE kind = ? AND local_id = ?",
                         [(kind, new_id) for _uuid, kind, new_id, _owner in self.adopted])
        conn.executemany("INSERT OR REPLACE INTO exchange_ids (uuid, kind, local_id, owner) "
                         "VALUES (?, ?, ?, ?)", self.adopted)
        self.adopted = []

    def school(self, key) -> int | None:
        """By NPSN, or by (name key, region) for a school without one."""
        if self.schools is None:
            self.schools = {}
            for school_id, npsn, name_key, region in self.db.conn.execute(
                    "SELECT id, npsn, name_key, region_code FROM schools"):
                if npsn:
                    self.schools[npsn] = school_id
                self.schools.setdefault((name_key, region), school_id)
        return self.schools.get(key) if key else None


def _rows(source: sqlite3.Connection, table: str, keys: set[tuple]) -> dict[tuple, dict]:
    """The changed rows of a table, read in one pass."""
    names = columns(table)
    width = len(names) if table == "taking_part" else (4 if table == "marks" else 1)
    found = {}
    for row in source.execute(f"SELECT * FROM {table}"):
        key = tuple(row[:width])
        if key in keys:
            found[key] = dict(zip(names, row, strict=True))
    return found


# A received person's fields, checked as our own importers check them (people.CLEANERS);
# every other text loses its invisible characters.
_CHECKED = ("full_name", "nuptk", "nip", "nik", "gender", "birth_place", "birth_date", "ukg")
_TEXT = ("position", "jenjang", "subject", "rank", "golongan", "employment",
         "functional_position", "extra_duty", "phone", "email", "ukg_number")


def screen(projection: Path, changed: list[tuple[str, str, tuple]]
           ) -> tuple[list[dict], dict[str, set[str]]]:
    """Clean the received people in the projection before anything is written: invisible
    characters go; a value our rules refuse is not kept (the field is emptied in the
    projection, and an existing record keeps its own value) and is listed with the reason.
    A person with no name one can read refuses the file (ValidationError). Returns
    (conflicts, person identifier -> fields held back)."""
    from ..errors import ValidationError
    from ..people import CLEANERS

    wanted = {key[0] for table, op, key in changed if table == "people" and op != "DELETE"}
    conflicts: list[dict] = []
    held: dict[str, set[str]] = {}
    if not wanted:
        return conflicts, held
    names = columns("people")
    conn = sqlite3.connect(projection)
    try:
        unnamed = []
        for row in conn.execute("SELECT * FROM people").fetchall():
            if row[0] not in wanted:
                continue
            values = dict(zip(names, row, strict=True))
            fixed = {}
            for field in _CHECKED + _TEXT:
                value = values[field]
                if value is None or value == "":
                    continue
                try:
                    clean = CLEANERS[field](value) if field in _CHECKED else \
                        ind.INVISIBLE.sub("", str(value)).strip()
                except (ValueError, TypeError) as exc:
                    if field == "full_name":
                        unnamed.append(f"'{value}': {exc}")
                        continue
                    held.setdefault(row[0], set()).add(field)
                    conflicts.append({"table": "people", "uuid": row[0], "field": field,
                                      "what": f"nilai kiriman ditolak ({exc}); tidak disimpan",
                                      "ours": None, "theirs": value})
                    fixed[field] = None
                    continue
                if field == "ukg" and isinstance(value, (int, float)):
                    clean = float(clean)
                if clean != value:
                    fixed[field] = clean if clean != "" else None
            if fixed:
                sets = ", ".join(f"{k} = ?" for k in fixed)
                conn.execute(f"UPDATE people SET {sets} WHERE uuid = ?", [*fixed.values(), row[0]])
        if unnamed:
            raise ValidationError(
                f"Berkas ini memuat {len(unnamed)} orang tanpa nama yang dapat dibaca; berkas "
                "ditolak, tidak ada yang diubah. Minta kantor pengirim memperbaiki namanya.",
                details=unnamed[:20])
        conn.commit()
    finally:
        conn.close()
    return conflicts, held


def write(db: Database, projection: Path, changed: list[tuple[str, str, tuple]], me: str,
          held: dict[str, set[str]] | None = None) -> dict:
    """`changed`: (table, op, primary key) as the session recorded them; `held`: fields of
    received people refused by `screen` (an existing person keeps its own). Returns counts
    per table and operation."""
    source = sqlite3.connect(projection)
    counts: dict[str, dict[str, int]] = {}
    ids = _Ids(db)
    ids.held = held or {}
    mentors: list[tuple[int, str | None]] = []
    try:
        by_table: dict[str, list[tuple[str, tuple]]] = {}
        for table, op, key in changed:
            by_table.setdefault(table, []).append((op, key))
        for table in reversed(ORDER):  # deletions: links and dependants first
            for op, key in by_table.get(table, []):
                if op == "DELETE":
                    _delete(db, ids, table, key)
                    _count(counts, table, "dihapus")
        for table in ORDER:
            wanted = [(op, key) for op, key in by_table.get(table, []) if op != "DELETE"]
            if not wanted:
                continue
            rows = _rows(source, table, {key for _op, key in wanted})
            if table in LINKS:
                _links(db, ids, table, [rows[key] for _op, key in wanted if key in rows])
            elif table == "people":
                _people(db, ids, [rows[key] for _op, key in wanted if key in rows], me)
            else:
                made = _records(db, ids, table, [rows[key] for _op, key in wanted if key in rows], me)
                if table == "participants":
                    mentors += made
            for op, _key in wanted:
                _count(counts, table, "baru" if op == "INSERT" else "berubah")
        ids.flush()
        # a mentor not yet written when its mentee was (not expected: tiers go in order)
        db.conn.executemany("UPDATE participants SET mentor_id = ? WHERE id = ?",
                            [(ids.get("participant", mentor), participant)
                             for participant, mentor in mentors if mentor])
        # what the owner sent replaced any correction made here
        db.conn.executemany("UPDATE exchange_ids SET corrected = 0 WHERE kind = ? AND local_id = ?",
                            sorted(ids.touched))
    finally:
        source.close()
    return counts


def _count(counts: dict, table: str, what: str) -> None:
    per = counts.setdefault(table, {"baru": 0, "berubah": 0, "dihapus": 0})
    per[what] += 1


def _delete(db: Database, ids: _Ids, table: str, key: tuple) -> None:
    if table == "taking_part":
        db.execute("DELETE FROM activity_participants WHERE activity_id = ? AND participant_id = ?",
                   [ids.get("activity", key[0]), ids.get("participant", key[1])])
    elif table == "marks":
        db.execute("DELETE FROM attendance_marks WHERE activity_id = ? AND participant_id = ? "
                   "AND day = ? AND slot = ?", [ids.get("activity", key[0]),
                                                ids.get("participant", key[1]), key[2], key[3]])
    elif table != "people":  # a person stays on the roster when another office lets go
        kind = KINDS[table]
        target = {"items": "rundown_items"}.get(table, table)
        found = ids.get(kind, key[0])
        if found is not None:
            db.execute(f"DELETE FROM {target} WHERE id = ?", [found])


def _links(db: Database, ids: _Ids, table: str, rows: list[dict]) -> None:
    pairs = [(ids.get("activity", r["activity"]), ids.get("participant", r["participant"]), r)
             for r in rows]
    pairs = [(a, p, r) for a, p, r in pairs if a is not None and p is not None]
    if table == "taking_part":
        db.conn.executemany("INSERT OR IGNORE INTO activity_participants (activity_id, "
                            "participant_id) VALUES (?, ?)", [(a, p) for a, p, _r in pairs])
    else:
        db.conn.executemany(
            "INSERT INTO attendance_marks (activity_id, participant_id, day, slot, status, note) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET status = excluded.status, "
            "note = excluded.note",
            [(a, p, r["day"], r["slot"], r["status"], r["note"]) for a, p, r in pairs])


def _school_key(row: dict):
    """Computed once per row (the name's key is a few regular expressions)."""
    if "_school" not in row:
        row["_school"] = _key_of_school(row)
    return row["_school"]


def _key_of_school(row: dict):
    from ..schools import school_key

    if row["school_npsn"]:
        return row["school_npsn"]
    return (school_key(row["school_name"]), row["school_region"]) if row["school_name"] else None


def _schools(db: Database, ids: _Ids, rows: list[dict]) -> None:
    """The schools not yet known here, by NPSN, made in one insert."""
    from ..schools import jenjang_from_school, school_key

    ids.school(None)  # read the known ones
    wanted = {}
    for row in rows:
        key = _school_key(row)
        if key and ids.school(key) is None and key not in wanted:
            name = row["school_name"] or f"NPSN {row['school_npsn']}"
            name_key = key[0] if isinstance(key, tuple) else school_key(name)
            wanted[key] = (row["school_npsn"], name, name_key,
                           row["school_jenjang"] or jenjang_from_school(name), row["school_region"])
    if wanted:
        first = db.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM schools").fetchone()[0]
        db.conn.executemany("INSERT OR IGNORE INTO schools (npsn, name, name_key, jenjang, "
                            "region_code) VALUES (?, ?, ?, ?, ?)", list(wanted.values()))
        for school_id, npsn, name_key, region in db.conn.execute(
                "SELECT id, npsn, name_key, region_code FROM schools WHERE id >= ?", [first]):
            ids.schools[npsn or (name_key, region)] = school_id


def _people(db: Database, ids: _Ids, rows: list[dict], me: str) -> None:
    """New people in one insert (the roster's own path, indexed for search), changed ones
    one by one."""
    _schools(db, ids, rows)
    new = []
    for row in rows:
        owner = None if row["owner"] in (None, me) else row["owner"]
        existing = ids.get("person", row["uuid"])
        values = _values(db, ids, "people", row)
        if existing is None:
            new.append((row, owner, values))
            continue
        for field in ids.held.get(row["uuid"], ()):
            values.pop(field, None)  # refused in the file: ours stays
        sets = ", ".join(f"{k} = ?" for k in values)
        db.execute(f"UPDATE people SET {sets} WHERE id = ?", [*values.values(), existing])
        ids.touched.add(("person", existing))
        db.execute("UPDATE exchange_ids SET owner = ? WHERE uuid = ?", [owner, row["uuid"]])
    if new:
        made = insert_people(db, [values for _row, _owner, values in new])
        for (row, owner, _done), new_id in zip(new, made, strict=True):
            ids.adopt("person", new_id, row["uuid"], owner)
        for person in made:  # relinking participants touched theirs
            ids.touched.add(("person", person))


def _records(db: Database, ids: _Ids, table: str, rows: list[dict], me: str
             ) -> list[tuple[int, str | None]]:
    """Changed records one by one; new ones in one insert (their ids follow each other in
    the transaction, as insert_people relies on). Returns (local id, mentor still to set)."""
    if table == "participants":  # a tier's mentors exist before its mentees are written
        made = []
        for tier in sorted({row["tier"] for row in rows}):
            made += _records_of(db, ids, table, [r for r in rows if r["tier"] == tier], me)
        return made
    return _records_of(db, ids, table, rows, me)


def _pending_mentor(ids: _Ids, row: dict) -> str | None:
    """The mentor a participant names that has no local record yet (then set afterwards)."""
    mentor = row.get("mentor")
    return mentor if mentor and ids.get("participant", mentor) is None else None


def _records_of(db: Database, ids: _Ids, table: str, rows: list[dict], me: str
                ) -> list[tuple[int, str | None]]:
    kind = KINDS[table]
    target = {"items": "rundown_items"}.get(table, table)
    made, new = [], []
    for row in rows:
        owner = None if row["owner"] in (None, me) else row["owner"]
        if ids.get(kind, row["uuid"]) is not None:
            pending = _pending_mentor(ids, row)
            made.append((_upsert(db, ids, table, row, owner), pending))
        else:
            new.append((row, owner, _values(db, ids, table, row), _pending_mentor(ids, row)))
    if new:
        names = list(new[0][2])
        first = db.conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {target}").fetchone()[0]
        sequence = db.conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?",
                                   [target]).fetchone()
        first = max(first, (sequence[0] + 1) if sequence else 1)
        trail = trail_in_one(db, "history_participant_insert", "participants", first) \
            if table == "participants" and len(new) >= TRAIL_IN_ONE_FROM else contextlib.nullcontext()
        with trail:
            db.conn.executemany(f"INSERT INTO {target} ({', '.join(names)}) VALUES "
                                f"({', '.join('?' for _ in names)})",
                                [[values[n] for n in names] for _row, _owner, values, _m in new])
        new_ids = [r[0] for r in db.conn.execute(f"SELECT id FROM {target} WHERE id >= ? ORDER BY id",
                                                 [first])]
        for (row, owner, _done, pending), new_id in zip(new, new_ids, strict=True):
            ids.adopt(kind, new_id, row["uuid"], owner)
            made.append((new_id, pending))
    return made


def _upsert(db: Database, ids: _Ids, table: str, row: dict, owner: str | None) -> int:
    kind = KINDS[table]
    existing = ids.get(kind, row["uuid"])
    values = _values(db, ids, table, row)
    target = {"items": "rundown_items"}.get(table, table)
    if existing is not None:
        sets = ", ".join(f"{k} = ?" for k in values)
        db.conn.execute(f"UPDATE {target} SET {sets} WHERE id = ?", [*values.values(), existing])
        ids.touched.add((kind, existing))
        db.conn.execute("UPDATE exchange_ids SET owner = ? WHERE uuid = ?", [owner, row["uuid"]])
        return existing
    names = ", ".join(values)
    new_id = db.conn.execute(f"INSERT INTO {target} ({names}) VALUES "
                             f"({', '.join('?' for _ in values)})", list(values.values())).lastrowid
    ids.adopt(kind, new_id, row["uuid"], owner)
    return new_id


def _values(db: Database, ids: _Ids, table: str, row: dict) -> dict:
    if table == "people":
        clean = {k: row[k] for k in columns("people")[2:] if not k.startswith("school_")}
        clean.update(school=row["school_name"], npsn=row["school_npsn"])
        known = ids.school(_school_key(row))
        if known is not None:  # the common case: no need to look the school up again
            values = {k: clean.get(k) for k in PERSON_COLUMNS}
            values.update(school_id=known, position=values["position"] or "guru")
        else:
            values = person_values(db, clean)
            if _school_key(row) and values.get("school_id"):
                ids.schools[_school_key(row)] = values["school_id"]
        values["name_key"] = ind.name_key(row["full_name"])
        if not row.get("nik"):
            values.pop("nik", None)  # an office that keeps the NIK keeps it
        return values
    if table == "programs":
        return {k: row[k] for k in columns(table)[2:]}
    if table == "participants":  # mentors come first (by tier): known by then
        return {"program_id": ids.get("program", row["program"]),
                "person_id": ids.get("person", row["person"]), "name": row["name"],
                "tier": row["tier"], "subject": row["subject"],
                "mentor_id": ids.get("participant", row["mentor"])}
    if table == "activities":
        values = {k: row[k] for k in columns(table)[3:]}
        values["program_id"] = ids.get("program", row["program"])
        return values
    if table == "items":
        values = {k: row[k] for k in columns(table)[3:]}
        values["activity_id"] = ids.get("activity", row["activity"])
        return values
    values = {k: row[k] for k in ("number", "running", "issued_on", "jp", "data", "verification",
                                  "void_reason", "voided_at")}
    values.update(program_id=ids.get("program", row["program"]),
                  activity_id=ids.get("activity", row["activity"]),
                  participant_id=ids.get("participant", row["participant"]))
    return values
