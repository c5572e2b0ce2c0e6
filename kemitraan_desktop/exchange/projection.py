"""The shared records as another office sees them: a separate SQLite file whose tables are
keyed by the records' exchange identifiers (never this database's row ids), with every
reference written as an identifier too. Built and read here through Python's sqlite3 only;
the session extension (changes.py) works on these files, never on the live database.

Which records: the programs shared (all, or one), their participants and the people they
are, their activities with rundown, who takes part, attendance, and certificates."""

from __future__ import annotations

import functools
import sqlite3
from pathlib import Path

from ..store import Database

# table -> (columns after uuid and owner, with their SQL types). The order is the changeset's.
TABLES: dict[str, list[str]] = {
    "programs": ["name TEXT", "year INTEGER", "stage TEXT", "jenjang TEXT", "kind TEXT",
                 "subjects TEXT", "labels TEXT", "ratios TEXT"],
    "people": ["full_name TEXT", "nuptk TEXT UNIQUE", "nip TEXT UNIQUE", "nik TEXT UNIQUE",
               "gender TEXT", "birth_place TEXT", "birth_date TEXT", "position TEXT",
               "jenjang TEXT", "subject TEXT", "rank TEXT", "golongan TEXT", "employment TEXT",
               "functional_position TEXT", "extra_duty TEXT", "school_npsn TEXT",
               "school_name TEXT", "school_jenjang TEXT", "school_region TEXT",
               "region_code TEXT", "phone TEXT", "email TEXT", "ukg REAL", "ukg_number TEXT"],
    "participants": ["program TEXT", "person TEXT", "name TEXT", "tier INTEGER", "subject TEXT",
                     "mentor TEXT"],
    "activities": ["program TEXT", "kind TEXT", "title TEXT", "start_date TEXT",
                   "end_date TEXT", "venue TEXT", "region_code TEXT", "host TEXT"],
    "items": ["activity TEXT", "day TEXT", "start_time TEXT", "end_time TEXT",
              "description TEXT", "place TEXT", "pic TEXT", "jp REAL", "attendance INTEGER",
              "position INTEGER"],
    "certificates": ["number TEXT", "running INTEGER", "program TEXT", "activity TEXT",
                     "participant TEXT", "issued_on TEXT", "jp REAL", "data TEXT",
                     "verification TEXT", "void_reason TEXT", "voided_at TEXT"],
}
# kind of record (exchange_ids.kind) per table keyed by uuid
KINDS = {"programs": "program", "people": "person", "participants": "participant",
         "activities": "activity", "items": "item", "certificates": "certificate"}
# tables of links, keyed by identifiers together; their owner is the activity's office
LINKS = {
    "taking_part": "activity TEXT, participant TEXT, PRIMARY KEY (activity, participant)",
    "marks": "activity TEXT, participant TEXT, day TEXT, slot TEXT, status TEXT, note TEXT, "
             "PRIMARY KEY (activity, participant, day, slot)",
}
# references that say what a record belongs to: another office does not move them (and a
# person's identifier may differ between offices until both know both)
STRUCTURE = frozenset({"program", "person", "activity", "participant"})
ORDER = ["programs", "people", "participants", "activities", "items", "taking_part", "marks",
         "certificates"]


@functools.cache
def columns(table: str) -> tuple[str, ...]:
    if table in LINKS:
        fields = LINKS[table].split(", PRIMARY KEY")[0]
        return tuple(part.split()[0] for part in fields.split(", "))
    return ("uuid", "owner", *(c.split()[0] for c in TABLES[table]))


def create_schema(conn: sqlite3.Connection) -> None:
    for table, cols in TABLES.items():
        conn.execute(f"CREATE TABLE IF NOT EXISTS {table} (uuid TEXT PRIMARY KEY, owner TEXT NOT NULL, "
                     f"{', '.join(cols)}) WITHOUT ROWID")
    for table, definition in LINKS.items():
        conn.execute(f"CREATE TABLE IF NOT EXISTS {table} ({definition}) WITHOUT ROWID")


def empty(path: Path) -> Path:
    """A projection with no records (what an office that has received nothing holds)."""
    conn = sqlite3.connect(path)
    try:
        create_schema(conn)
        conn.commit()
    finally:
        conn.close()
    return path


# canonical identifier of each local record: the smallest of its identifiers, so that two
# offices that both know a record under two identifiers pick the same one
_IDS = """CREATE TEMP TABLE ids_{kind} AS
    SELECT e.local_id, e.uuid, coalesce(e.owner, :me) AS owner
    FROM (SELECT local_id, min(uuid) AS uuid FROM exchange_ids WHERE kind = '{kind}'
          GROUP BY local_id) m
    JOIN exchange_ids e ON e.uuid = m.uuid"""


def build(db: Database, path: Path, me: str, *, program_ids: list[int] | None = None,
          include_nik: bool = False, every_person: bool = False,
          regions: list[tuple[str, str]] = ()) -> Path:
    """Write the projection of this database's shared records to `path` (a new file).
    `every_person`: the whole roster (a received teacher is then found, not made twice).
    `regions`: (region code, office) of the offices known here: a person's data belongs to
    the office of the kab/kota (or province) where they work, else to who recorded it."""
    conn = db.conn
    conn.execute("ATTACH DATABASE ? AS x", [str(path)])
    try:
        for table, cols in TABLES.items():
            conn.execute(f"CREATE TABLE x.{table} (uuid TEXT PRIMARY KEY, owner TEXT NOT NULL, "
                         f"{', '.join(cols)}) WITHOUT ROWID")
        for table, definition in LINKS.items():
            conn.execute(f"CREATE TABLE x.{table} ({definition}) WITHOUT ROWID")
        for kind in KINDS.values():
            conn.execute(f"DROP TABLE IF EXISTS temp.ids_{kind}")
            conn.execute(_IDS.format(kind=kind), {"me": me})
            conn.execute(f"CREATE UNIQUE INDEX temp.ids_{kind}_local ON ids_{kind} (local_id)")
        chosen = "1" if program_ids is None else \
            f"p.id IN ({', '.join(str(int(i)) for i in program_ids) or 'NULL'})"
        conn.execute(f"""INSERT INTO x.programs SELECT i.uuid, i.owner, p.name, p.year, p.stage,
            p.jenjang, p.kind, p.subjects, p.labels, p.ratios
            FROM programs p JOIN ids_program i ON i.local_id = p.id WHERE {chosen}""")
        shared = f"(SELECT p.id FROM programs p WHERE {chosen})"
        conn.execute(f"""INSERT INTO x.participants SELECT i.uuid, i.owner, prog.uuid, per.uuid,
            pa.name, pa.tier, pa.subject, men.uuid
            FROM participants pa JOIN ids_participant i ON i.local_id = pa.id
            JOIN ids_program prog ON prog.local_id = pa.program_id
            JOIN ids_person per ON per.local_id = pa.person_id
            LEFT JOIN ids_participant men ON men.local_id = pa.mentor_id
            WHERE pa.program_id IN {shared}""")
        nik = "pe.nik" if include_nik else "NULL"
        conn.execute(f"""INSERT INTO x.people SELECT i.uuid, i.owner, pe.full_name, pe.nuptk,
            pe.nip, {nik}, pe.gender, pe.birth_place, pe.birth_date, pe.position, pe.jenjang,
            pe.subject, pe.rank, pe.golongan, pe.employment, pe.functional_position,
            pe.extra_duty, s.npsn, s.name, s.jenjang, s.region_code, pe.region_code, pe.phone,
            pe.email, pe.ukg, pe.ukg_number
            FROM people pe JOIN ids_person i ON i.local_id = pe.id
            LEFT JOIN schools s ON s.id = pe.school_id
            WHERE {"1" if every_person else
                   f"pe.id IN (SELECT person_id FROM participants WHERE program_id IN {shared})"}""")
        conn.execute(f"""INSERT INTO x.activities SELECT i.uuid, i.owner, prog.uuid, a.kind,
            a.title, a.start_date, a.end_date, a.venue, a.region_code, a.host
            FROM activities a JOIN ids_activity i ON i.local_id = a.id
            JOIN ids_program prog ON prog.local_id = a.program_id
            WHERE a.program_id IN {shared}""")
        # a person's data belongs to the office where they work, an activity (its rundown
        # and attendance with it) to the office of the place it is held
        for code, office in regions:
            for table in ("people", "activities"):
                conn.execute(f"UPDATE x.{table} SET owner = ? WHERE region_code = ? OR "
                             "substr(region_code, 1, instr(region_code || '.', '.') - 1) = ?",
                             [office, code, code])
        activities = f"(SELECT id FROM activities WHERE program_id IN {shared})"
        conn.execute(f"""INSERT INTO x.items SELECT i.uuid, xa.owner, act.uuid, r.day,
            r.start_time, r.end_time, r.description, r.place, r.pic, r.jp, r.attendance,
            r.position
            FROM rundown_items r JOIN ids_item i ON i.local_id = r.id
            JOIN ids_activity act ON act.local_id = r.activity_id
            JOIN x.activities xa ON xa.uuid = act.uuid
            WHERE r.activity_id IN {activities}""")
        conn.execute(f"""INSERT INTO x.taking_part SELECT act.uuid, pa.uuid
            FROM activity_participants ap JOIN ids_activity act ON act.local_id = ap.activity_id
            JOIN ids_participant pa ON pa.local_id = ap.participant_id
            WHERE ap.activity_id IN {activities}""")
        conn.execute(f"""INSERT INTO x.marks SELECT act.uuid, pa.uuid, m.day, m.slot, m.status,
            m.note
            FROM attendance_marks m JOIN ids_activity act ON act.local_id = m.activity_id
            JOIN ids_participant pa ON pa.local_id = m.participant_id
            WHERE m.activity_id IN {activities}""")
        conn.execute(f"""INSERT INTO x.certificates SELECT i.uuid, i.owner, c.number, c.running,
            prog.uuid, act.uuid, pa.uuid, c.issued_on, c.jp, c.data, c.verification,
            c.void_reason, c.voided_at
            FROM certificates c JOIN ids_certificate i ON i.local_id = c.id
            JOIN ids_program prog ON prog.local_id = c.program_id
            LEFT JOIN ids_activity act ON act.local_id = c.activity_id
            LEFT JOIN ids_participant pa ON pa.local_id = c.participant_id
            WHERE c.program_id IN {shared}""")
        conn.commit()
    finally:
        for kind in KINDS.values():
            conn.execute(f"DROP TABLE IF EXISTS temp.ids_{kind}")
        conn.execute("DETACH DATABASE x")
    return path


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ORDER}
    finally:
        conn.close()


def corrected(db: Database) -> dict[str, set[str]]:
    """table -> identifiers of the records another office owns that were corrected here."""
    found: dict[str, set[str]] = {}
    tables = {kind: table for table, kind in KINDS.items()}
    for kind, uuid in db.conn.execute(
            "SELECT e.kind, (SELECT min(a.uuid) FROM exchange_ids a WHERE a.kind = e.kind "
            "AND a.local_id = e.local_id) FROM exchange_ids e WHERE e.corrected = 1"):
        found.setdefault(tables[kind], set()).add(uuid)
    return found


def hold_back(current: Path, baseline: Path, held: dict[str, set[str]]) -> list[dict]:
    """Corrections of records owned elsewhere stay out of the changes: the record keeps, in
    the file, the value last sent (the owner's); each corrected field becomes a proposal to
    the owner instead. Returns the proposals."""
    proposals = []
    conn = sqlite3.connect(current)
    try:
        conn.execute("ATTACH DATABASE ? AS base", [str(baseline)])
        for table, uuids in held.items():
            names = columns(table)
            for uuid in uuids:
                ours = conn.execute(f"SELECT * FROM {table} WHERE uuid = ?", [uuid]).fetchone()
                sent = conn.execute(f"SELECT * FROM base.{table} WHERE uuid = ?", [uuid]).fetchone()
                if ours is None or sent is None:
                    continue  # never sent: nothing of the owner's to keep
                for index in range(2, len(names)):
                    if ours[index] != sent[index] and names[index] not in STRUCTURE:
                        proposals.append({"table": table, "uuid": uuid, "owner": sent[1],
                                          "field": names[index], "ours": sent[index],
                                          "theirs": ours[index]})
                conn.execute(f"DELETE FROM {table} WHERE uuid = ?", [uuid])
                conn.execute(f"INSERT INTO {table} SELECT * FROM base.{table} WHERE uuid = ?", [uuid])
        conn.commit()
        conn.execute("DETACH DATABASE base")
    finally:
        conn.close()
    return proposals
