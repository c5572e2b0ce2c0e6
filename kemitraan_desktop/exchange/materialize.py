"""What a received file changed in this office's projection, written into the live
database (through Python's sqlite3, in the caller's transaction): each record found by
its exchange identifier, new ones created and given the identifier they travel under."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .. import indonesia as ind
from ..people import insert_people, person_values
from ..store import Database
from .projection import KINDS, LINKS, ORDER, columns


def local_id(db: Database, kind: str, uuid: str | None) -> int | None:
    if not uuid:
        return None
    row = db.execute("SELECT local_id FROM exchange_ids WHERE kind = ? AND uuid = ?",
                     [kind, uuid]).fetchone()
    return row[0] if row else None


def _adopt(db: Database, kind: str, new_id: int, uuid: str, owner: str | None) -> None:
    """A record made from a received one travels under the identifier it came with."""
    db.execute("DELETE FROM exchange_ids WHERE kind = ? AND local_id = ?", [kind, new_id])
    db.execute("INSERT OR REPLACE INTO exchange_ids (uuid, kind, local_id, owner) VALUES (?, ?, ?, ?)",
               [uuid, kind, new_id, owner])


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


def _row(source: sqlite3.Connection, table: str, key: tuple) -> dict | None:
    names = columns(table)
    pk = names[:len(key)]
    found = source.execute(f"SELECT * FROM {table} WHERE " + " AND ".join(f"{c} = ?" for c in pk),
                           key).fetchone()
    return dict(zip(names, found, strict=True)) if found else None


def write(db: Database, projection: Path, changed: list[tuple[str, str, tuple]], me: str) -> dict:
    """`changed`: (table, op, primary key) as the session recorded them. Returns counts per
    table and operation."""
    source = sqlite3.connect(projection)
    counts: dict[str, dict[str, int]] = {}
    mentors: list[tuple[int, str | None]] = []
    try:
        by_table: dict[str, list[tuple[str, tuple]]] = {}
        for table, op, key in changed:
            by_table.setdefault(table, []).append((op, key))
        for table in reversed(ORDER):  # deletions: links and dependants first
            for op, key in by_table.get(table, []):
                if op == "DELETE":
                    _delete(db, table, key)
                    _count(counts, table, "dihapus")
        for table in ORDER:
            for op, key in by_table.get(table, []):
                if op == "DELETE":
                    continue
                row = _row(source, table, key)
                if row is None:
                    continue
                owner = None if row.get("owner") in (None, me) else row["owner"]
                made = _upsert(db, table, row, owner)
                if table == "participants":
                    mentors.append((made, row["mentor"]))
                _count(counts, table, "baru" if op == "INSERT" else "berubah")
        for participant, mentor in mentors:  # after every participant exists
            db.execute("UPDATE participants SET mentor_id = ? WHERE id = ?",
                       [local_id(db, "participant", mentor), participant])
    finally:
        source.close()
    return counts


def _count(counts: dict, table: str, what: str) -> None:
    per = counts.setdefault(table, {"baru": 0, "berubah": 0, "dihapus": 0})
    per[what] += 1


def _delete(db: Database, table: str, key: tuple) -> None:
    if table == "taking_part":
        db.execute("DELETE FROM activity_participants WHERE activity_id = ? AND participant_id = ?",
                   [local_id(db, "activity", key[0]), local_id(db, "participant", key[1])])
    elif table == "marks":
        db.execute("DELETE FROM attendance_marks WHERE activity_id = ? AND participant_id = ? "
                   "AND day = ? AND slot = ?", [local_id(db, "activity", key[0]),
                                                local_id(db, "participant", key[1]), key[2], key[3]])
    elif table != "people":  # a person stays on the roster when another office lets go
        kind = KINDS[table]
        target = {"items": "rundown_items"}.get(table, table)
        found = local_id(db, kind, key[0])
        if found is not None:
            db.execute(f"DELETE FROM {target} WHERE id = ?", [found])


def _upsert(db: Database, table: str, row: dict, owner: str | None) -> int | None:
    if table in LINKS:
        activity = local_id(db, "activity", row["activity"])
        participant = local_id(db, "participant", row["participant"])
        if activity is None or participant is None:
            return None
        if table == "taking_part":
            db.execute("INSERT OR IGNORE INTO activity_participants (activity_id, participant_id) "
                       "VALUES (?, ?)", [activity, participant])
        else:
            db.execute("INSERT INTO attendance_marks (activity_id, participant_id, day, slot, status, "
                       "note) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
                       "status = excluded.status, note = excluded.note",
                       [activity, participant, row["day"], row["slot"], row["status"], row["note"]])
        return None
    kind = KINDS[table]
    existing = local_id(db, kind, row["uuid"])
    values = _values(db, table, row)
    target = {"items": "rundown_items"}.get(table, table)
    if existing is not None:
        sets = ", ".join(f"{k} = ?" for k in values)
        db.execute(f"UPDATE {target} SET {sets} WHERE id = ?", [*values.values(), existing])
        db.execute("UPDATE exchange_ids SET owner = ? WHERE uuid = ?", [owner, row["uuid"]])
        return existing
    if table == "people":
        new_id = insert_people(db, [values])[0]
    else:
        names = ", ".join(values)
        new_id = db.execute(f"INSERT INTO {target} ({names}) VALUES "
                            f"({', '.join('?' for _ in values)})", list(values.values())).lastrowid
    _adopt(db, kind, new_id, row["uuid"], owner)
    return new_id


def _values(db: Database, table: str, row: dict) -> dict:
    if table == "people":
        clean = {k: row[k] for k in columns("people")[2:] if not k.startswith("school_")}
        clean.update(school=row["school_name"], npsn=row["school_npsn"])
        values = person_values(db, clean)
        values["name_key"] = ind.name_key(row["full_name"])
        if not row.get("nik"):
            values.pop("nik", None)  # an office that keeps the NIK keeps it
        return values
    if table == "programs":
        return {k: row[k] for k in columns(table)[2:]}
    if table == "participants":
        return {"program_id": local_id(db, "program", row["program"]),
                "person_id": local_id(db, "person", row["person"]), "name": row["name"],
                "tier": row["tier"], "subject": row["subject"]}
    if table == "activities":
        values = {k: row[k] for k in columns(table)[3:]}
        values["program_id"] = local_id(db, "program", row["program"])
        return values
    if table == "items":
        values = {k: row[k] for k in columns(table)[3:]}
        values["activity_id"] = local_id(db, "activity", row["activity"])
        return values
    values = {k: row[k] for k in ("number", "running", "issued_on", "jp", "data", "verification",
                                  "void_reason", "voided_at")}
    values.update(program_id=local_id(db, "program", row["program"]),
                  activity_id=local_id(db, "activity", row["activity"]),
                  participant_id=local_id(db, "participant", row["participant"]))
    return values
