"""The schema's first migrations (0001-0010): regions, schools, people, programs,
activities, attendance, certificates, history, exchange identity. Shipped: never edit."""

from __future__ import annotations

import csv

from sqlite_utils import Database

from ..resources import resource_path
from .registry import migrations


@migrations(name="0001_regions_schools_people")
def m0001_regions_schools_people(db: Database) -> None:
    for sql in _M0001:
        db.execute(sql)
    with open(resource_path("regions.csv"), encoding="utf-8", newline="") as handle:
        rows = [
            tuple(r[k].strip() for k in ("kode", "nama", "jenis", "kode_provinsi", "provinsi",
                                          "zona_waktu"))
            for r in csv.DictReader(handle)
        ]
    db.conn.executemany(
        "INSERT INTO regions (code, name, kind, province_code, province, time_zone)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )


_PEOPLE_INDEXES_0001 = {
    "people_nuptk": "CREATE UNIQUE INDEX people_nuptk ON people (nuptk)",
    "people_nip": "CREATE UNIQUE INDEX people_nip ON people (nip)",
    "people_nik": "CREATE UNIQUE INDEX people_nik ON people (nik)",
    "people_by_name": "CREATE INDEX people_by_name ON people (name_key)",
    # Covering index for sorting search hits by name: 50k hits at 1M people sort in
    # 50 ms instead of 65 ms, since each lookup reads this small index, not the row.
    "people_by_id_name": "CREATE INDEX people_by_id_name ON people (id, name_key)",
    "people_by_school": "CREATE INDEX people_by_school ON people (school_id)",
    "people_by_region": "CREATE INDEX people_by_region ON people (region_code)",
}

# The indexes a bulk import drops and rebuilds: those of 0001 and the ones added since.
PEOPLE_INDEXES = {
    **_PEOPLE_INDEXES_0001,
    "people_ukg_number": "CREATE UNIQUE INDEX people_ukg_number ON people (ukg_number)",
}

_M0001 = [
    """CREATE TABLE regions (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('provinsi', 'kabupaten', 'kota')),
        province_code TEXT NOT NULL,
        province TEXT NOT NULL,
        time_zone TEXT NOT NULL CHECK (time_zone IN ('WIB', 'WITA', 'WIT'))
    )""",
    """CREATE TABLE schools (
        id INTEGER PRIMARY KEY,
        npsn TEXT UNIQUE,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        jenjang TEXT,
        region_code TEXT REFERENCES regions(code),
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
    )""",
    "CREATE INDEX schools_by_name ON schools (name_key, region_code)",
    # AUTOINCREMENT: a deleted person's id is never given to someone else, so undoing a
    # delete cannot collide with a person added since.
    """CREATE TABLE people (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        full_name TEXT NOT NULL CHECK (full_name <> ''),
        name_key TEXT NOT NULL,
        nuptk TEXT CHECK (nuptk IS NULL OR (length(nuptk) = 16 AND nuptk GLOB '[0-9]*')),
        nip TEXT CHECK (nip IS NULL OR (length(nip) = 18 AND nip GLOB '[0-9]*')),
        nik TEXT CHECK (nik IS NULL OR (length(nik) = 16 AND nik GLOB '[0-9]*')),
        gender TEXT CHECK (gender IN ('L', 'P')),
        birth_place TEXT,
        birth_date TEXT,
        position TEXT NOT NULL DEFAULT 'guru' CHECK (position IN ('guru', 'kepala sekolah')),
        jenjang TEXT,
        subject TEXT,
        rank TEXT,
        school_id INTEGER REFERENCES schools(id) ON DELETE SET NULL,
        region_code TEXT REFERENCES regions(code),
        ukg REAL CHECK (ukg IS NULL OR (ukg >= 0 AND ukg <= 100)),
        phone TEXT,
        email TEXT,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
    )""",
    # The people indexes are named (not column UNIQUE constraints) so that a bulk import
    # into a small table can drop and rebuild them in its transaction (PEOPLE_INDEXES).
    *(sql for sql in _PEOPLE_INDEXES_0001.values()),
    # Search index: the name without titles, the school's name and the IDs. Updates and
    # deletes keep it in step by trigger; inserts go through people.insert_people, which
    # indexes the new rows with one INSERT ... SELECT (a per-row insert trigger made a
    # 100k-row import 2.5 s slower).
    """CREATE VIRTUAL TABLE people_fts USING fts5 (
        name, school, place, ids,
        tokenize = 'unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER people_fts_update
        AFTER UPDATE OF name_key, school_id, region_code, nuptk, nip, nik ON people BEGIN
        UPDATE people_fts SET name = new.name_key,
            school = (SELECT name FROM schools WHERE id = new.school_id),
            place = (SELECT name FROM regions WHERE code = new.region_code),
            ids = trim(coalesce(new.nuptk, '') || ' ' || coalesce(new.nip, '') || ' '
                       || coalesce(new.nik, ''))
        WHERE rowid = new.id;
    END""",
    """CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
        DELETE FROM people_fts WHERE rowid = old.id;
    END""",
    """CREATE TRIGGER schools_fts_rename AFTER UPDATE OF name ON schools BEGIN
        UPDATE people_fts SET school = new.name
        WHERE rowid IN (SELECT id FROM people WHERE school_id = new.id);
    END""",
    # Office settings (letterhead, signatories, ...) as key/value pairs.
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT
    )""",
]


@migrations(name="0002_programs_participants")
def m0002_programs_participants(db: Database) -> None:
    for sql in _M0002:
        db.execute(sql)


_M0002 = [
    # subjects, labels and ratios are JSON lists: labels has 2 or 3 entries (one per tier),
    # ratios[i] is how many tier-(i+2) participants one tier-(i+1) mentor takes.
    """CREATE TABLE programs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL CHECK (name <> ''),
        year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        stage TEXT,
        jenjang TEXT NOT NULL CHECK (jenjang IN ('SMP', 'SMA', 'SMK')),
        kind TEXT NOT NULL CHECK (kind IN ('guru', 'kepala sekolah')),
        subjects TEXT NOT NULL DEFAULT '[]',
        labels TEXT NOT NULL,
        ratios TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
    )""",
    # person_id has no foreign key on purpose: a person deleted from the roster stays a
    # participant (the check reports "left the roster" by the name kept here), and undoing
    # the delete brings the person back under the same id, relinked at once.
    """CREATE TABLE participants (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        tier INTEGER NOT NULL CHECK (tier IN (1, 2, 3)),
        subject TEXT,
        mentor_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
        UNIQUE (program_id, person_id),
        CHECK (mentor_id IS NULL OR mentor_id <> id)
    )""",
    "CREATE INDEX participants_by_tier ON participants (program_id, tier, subject)",
    "CREATE INDEX participants_by_mentor ON participants (mentor_id)",
    "CREATE INDEX participants_by_person ON participants (person_id)",
]


@migrations(name="0003_participant_ids")
def m0003_participant_ids(db: Database) -> None:
    for sql in _M0003:
        db.execute(sql)


# A participant keeps its person's NUPTK, NIP and NIK: a person deleted from the roster and
# added again (with a new id) is linked back to their participations and pairs by them.
_M0003 = [
    "ALTER TABLE participants ADD COLUMN nuptk TEXT",
    "ALTER TABLE participants ADD COLUMN nip TEXT",
    "ALTER TABLE participants ADD COLUMN nik TEXT",
    """UPDATE participants SET
        nuptk = (SELECT nuptk FROM people WHERE id = participants.person_id),
        nip = (SELECT nip FROM people WHERE id = participants.person_id),
        nik = (SELECT nik FROM people WHERE id = participants.person_id)""",
    """CREATE TRIGGER participants_ids AFTER INSERT ON participants
        WHEN new.nuptk IS NULL AND new.nip IS NULL AND new.nik IS NULL BEGIN
        UPDATE participants SET
            nuptk = (SELECT nuptk FROM people WHERE id = new.person_id),
            nip = (SELECT nip FROM people WHERE id = new.person_id),
            nik = (SELECT nik FROM people WHERE id = new.person_id)
        WHERE id = new.id;
    END""",
    """CREATE TRIGGER people_ids_to_participants AFTER UPDATE OF nuptk, nip, nik ON people BEGIN
        UPDATE participants SET nuptk = new.nuptk, nip = new.nip, nik = new.nik
        WHERE person_id = new.id;
    END""",
]


@migrations(name="0004_activities_rundowns")
def m0004_activities_rundowns(db: Database) -> None:
    for sql in _M0004:
        db.execute(sql)


_M0004 = [
    """CREATE TABLE activities (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('rakor', 'workshop', 'ojl1', 'ojl2', 'evaluasi',
                                           'pendampingan', 'lainnya')),
        title TEXT NOT NULL CHECK (title <> ''),
        start_date TEXT NOT NULL,
        end_date TEXT NOT NULL CHECK (end_date >= start_date),
        venue TEXT,
        region_code TEXT REFERENCES regions(code),
        host TEXT,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
    )""",
    "CREATE INDEX activities_by_program ON activities (program_id, start_date)",
    """CREATE TABLE activity_participants (
        activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        PRIMARY KEY (activity_id, participant_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX activity_participants_by_participant ON activity_participants (participant_id)",
    # Narasumber and committee: often officials who are not on the teacher roster.
    """CREATE TABLE activity_staff (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('narasumber', 'panitia')),
        name TEXT NOT NULL CHECK (name <> ''),
        position TEXT,
        institution TEXT,
        nip TEXT,
        position_order INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX activity_staff_by_activity ON activity_staff (activity_id, role)",
    # One line of the rundown. school_id set: an item of one host school only (printed in
    # that school's variant); NULL: shared by everyone.
    """CREATE TABLE rundown_items (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        start_time TEXT,
        end_time TEXT,
        description TEXT NOT NULL CHECK (description <> ''),
        place TEXT,
        pic TEXT,
        jp REAL NOT NULL DEFAULT 0 CHECK (jp >= 0 AND jp <= 24),
        attendance INTEGER NOT NULL DEFAULT 0 CHECK (attendance IN (0, 1)),
        school_id INTEGER REFERENCES schools(id) ON DELETE SET NULL,
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX rundown_by_activity ON rundown_items (activity_id, day, position)",
    # The office's own rundown templates (the built-in ones are files in resources/).
    """CREATE TABLE rundown_templates (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE CHECK (name <> ''),
        kind TEXT,
        days INTEGER NOT NULL CHECK (days >= 1),
        items TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
    )""",
]


@migrations(name="0005_attendance")
def m0005_attendance(db: Database) -> None:
    for sql in _M0005:
        db.execute(sql)


_M0005 = [
    # A session is a day of the activity (slot '') or one of its attendance-taking rundown
    # items (slot = its start time 'HH:MM'): the key survives a rundown saved again.
    """CREATE TABLE attendance_marks (
        activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        slot TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('hadir', 'izin', 'sakit', 'alpa')),
        note TEXT,
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
        PRIMARY KEY (activity_id, participant_id, day, slot)
    ) WITHOUT ROWID""",
    "CREATE INDEX attendance_by_participant ON attendance_marks (participant_id)",
    # The certificate rule of an activity: a minimum share of sessions and/or sessions that
    # must be attended (JSON list of [day, slot]).
    """CREATE TABLE attendance_rules (
        activity_id INTEGER PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
        min_percent REAL NOT NULL DEFAULT 80 CHECK (min_percent BETWEEN 0 AND 100),
        required TEXT NOT NULL DEFAULT '[]'
    )""",
]


@migrations(name="0006_certificates")
def m0006_certificates(db: Database) -> None:
    for sql in _M0006:
        db.execute(sql)


_M0006 = [
    # The numbering of a program (or, program_id 0, of the whole office) in a year: the last
    # number given. Numbers are never given back, so voided ones stay taken.
    """CREATE TABLE certificate_counters (
        program_id INTEGER NOT NULL,
        year INTEGER NOT NULL,
        last_number INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (program_id, year)
    ) WITHOUT ROWID""",
    # The register: what was printed, frozen (a later roster edit never changes it).
    """CREATE TABLE certificates (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        number TEXT NOT NULL UNIQUE,
        running INTEGER NOT NULL,
        program_id INTEGER NOT NULL REFERENCES programs(id),
        activity_id INTEGER REFERENCES activities(id) ON DELETE SET NULL,
        participant_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
        issued_on TEXT NOT NULL,
        jp REAL NOT NULL,
        data TEXT NOT NULL,
        verification TEXT,
        void_reason TEXT,
        voided_at TEXT,
        replaces_id INTEGER REFERENCES certificates(id),
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
    )""",
    "CREATE INDEX certificates_by_activity ON certificates (activity_id, participant_id)",
]


@migrations(name="0007_history")
def m0007_history(db: Database) -> None:
    for sql in _M0007:
        db.execute(sql)


# The audit trail: every change to people, participants, pairs, attendance marks and
# certificates, written by triggers (so the CLI, the app and every import are covered
# alike), with the changed record before and after as JSON. No foreign keys: the trail
# outlives what it describes. `people forget` removes a person's entries.
_HISTORY_INSERT = ("INSERT INTO history (entity, action, record_id, person_id, program_id, before, after) "
                   "VALUES ")
_M0007 = [
    """CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
        entity TEXT NOT NULL CHECK (entity IN ('person', 'participant', 'pair', 'attendance',
                                               'certificate')),
        action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
        record_id INTEGER,
        person_id INTEGER,
        program_id INTEGER,
        before TEXT,
        after TEXT
    )""",
    "CREATE INDEX history_by_person ON history (person_id, id)",
    "CREATE INDEX history_by_program ON history (program_id, id)",
    f"""CREATE TRIGGER history_person_insert AFTER INSERT ON people BEGIN
        {_HISTORY_INSERT}('person', 'insert', new.id, new.id, NULL, NULL, json_object('full_name', new.full_name, 'nuptk', new.nuptk, 'nip', new.nip, 'nik', new.nik, 'gender', new.gender, 'birth_place', new.birth_place, 'birth_date', new.birth_date, 'position', new.position, 'jenjang', new.jenjang, 'subject', new.subject, 'rank', new.rank, 'school_id', new.school_id, 'region_code', new.region_code, 'ukg', new.ukg, 'phone', new.phone, 'email', new.email));
    END""",
    f"""CREATE TRIGGER history_person_update AFTER UPDATE ON people WHEN old.full_name IS NOT new.full_name OR old.nuptk IS NOT new.nuptk OR old.nip IS NOT new.nip OR old.nik IS NOT new.nik OR old.gender IS NOT new.gender OR old.birth_place IS NOT new.birth_place OR old.birth_date IS NOT new.birth_date OR old.position IS NOT new.position OR old.jenjang IS NOT new.jenjang OR old.subject IS NOT new.subject OR old.rank IS NOT new.rank OR old.school_id IS NOT new.school_id OR old.region_code IS NOT new.region_code OR old.ukg IS NOT new.ukg OR old.phone IS NOT new.phone OR old.email IS NOT new.email BEGIN
        {_HISTORY_INSERT}('person', 'update', new.id, new.id, NULL, json_object('full_name', old.full_name, 'nuptk', old.nuptk, 'nip', old.nip, 'nik', old.nik, 'gender', old.gender, 'birth_place', old.birth_place, 'birth_date', old.birth_date, 'position', old.position, 'jenjang', old.jenjang, 'subject', old.subject, 'rank', old.rank, 'school_id', old.school_id, 'region_code', old.region_code, 'ukg', old.ukg, 'phone', old.phone, 'email', old.email),
                          json_object('full_name', new.full_name, 'nuptk', new.nuptk, 'nip', new.nip, 'nik', new.nik, 'gender', new.gender, 'birth_place', new.birth_place, 'birth_date', new.birth_date, 'position', new.position, 'jenjang', new.jenjang, 'subject', new.subject, 'rank', new.rank, 'school_id', new.school_id, 'region_code', new.region_code, 'ukg', new.ukg, 'phone', new.phone, 'email', new.email));
    END""",
    f"""CREATE TRIGGER history_person_delete AFTER DELETE ON people BEGIN
        {_HISTORY_INSERT}('person', 'delete', old.id, old.id, NULL, json_object('full_name', old.full_name, 'nuptk', old.nuptk, 'nip', old.nip, 'nik', old.nik, 'gender', old.gender, 'birth_place', old.birth_place, 'birth_date', old.birth_date, 'position', old.position, 'jenjang', old.jenjang, 'subject', old.subject, 'rank', old.rank, 'school_id', old.school_id, 'region_code', old.region_code, 'ukg', old.ukg, 'phone', old.phone, 'email', old.email), NULL);
    END""",
    f"""CREATE TRIGGER history_participant_insert AFTER INSERT ON participants BEGIN
        {_HISTORY_INSERT}('participant', 'insert', new.id, new.person_id, new.program_id, NULL,
                          json_object('program_id', new.program_id, 'name', new.name, 'tier', new.tier, 'subject', new.subject, 'mentor_id', new.mentor_id));
    END""",
    f"""CREATE TRIGGER history_participant_update AFTER UPDATE OF tier, subject, name ON participants
        WHEN old.tier IS NOT new.tier OR old.subject IS NOT new.subject OR old.name IS NOT new.name
    BEGIN
        {_HISTORY_INSERT}('participant', 'update', new.id, new.person_id, new.program_id,
                          json_object('program_id', old.program_id, 'name', old.name, 'tier', old.tier, 'subject', old.subject, 'mentor_id', old.mentor_id), json_object('program_id', new.program_id, 'name', new.name, 'tier', new.tier, 'subject', new.subject, 'mentor_id', new.mentor_id));
    END""",
    f"""CREATE TRIGGER history_participant_delete AFTER DELETE ON participants BEGIN
        {_HISTORY_INSERT}('participant', 'delete', old.id, old.person_id, old.program_id,
                          json_object('program_id', old.program_id, 'name', old.name, 'tier', old.tier, 'subject', old.subject, 'mentor_id', old.mentor_id), NULL);
    END""",
    f"""CREATE TRIGGER history_pair AFTER UPDATE OF mentor_id ON participants
        WHEN old.mentor_id IS NOT new.mentor_id
    BEGIN
        {_HISTORY_INSERT}('pair', 'update', new.id, new.person_id, new.program_id,
            json_object('mentor_id', old.mentor_id,
                        'mentor', (SELECT name FROM participants WHERE id = old.mentor_id)),
            json_object('mentor_id', new.mentor_id,
                        'mentor', (SELECT name FROM participants WHERE id = new.mentor_id)));
    END""",
    f"""CREATE TRIGGER history_mark_insert AFTER INSERT ON attendance_marks BEGIN
        {_HISTORY_INSERT}('attendance', 'insert', new.participant_id, (SELECT person_id FROM participants WHERE id = new.participant_id),
                          (SELECT program_id FROM participants WHERE id = new.participant_id), NULL, json_object('activity_id', new.activity_id, 'day', new.day, 'slot', new.slot, 'status', new.status, 'note', new.note));
    END""",
    f"""CREATE TRIGGER history_mark_update AFTER UPDATE ON attendance_marks
        WHEN old.status IS NOT new.status OR old.note IS NOT new.note OR old.day IS NOT new.day
             OR old.slot IS NOT new.slot
    BEGIN
        {_HISTORY_INSERT}('attendance', 'update', new.participant_id, (SELECT person_id FROM participants WHERE id = new.participant_id),
                          (SELECT program_id FROM participants WHERE id = new.participant_id), json_object('activity_id', old.activity_id, 'day', old.day, 'slot', old.slot, 'status', old.status, 'note', old.note), json_object('activity_id', new.activity_id, 'day', new.day, 'slot', new.slot, 'status', new.status, 'note', new.note));
    END""",
    f"""CREATE TRIGGER history_mark_delete AFTER DELETE ON attendance_marks BEGIN
        {_HISTORY_INSERT}('attendance', 'delete', old.participant_id, (SELECT person_id FROM participants WHERE id = old.participant_id),
                          (SELECT program_id FROM participants WHERE id = old.participant_id), json_object('activity_id', old.activity_id, 'day', old.day, 'slot', old.slot, 'status', old.status, 'note', old.note), NULL);
    END""",
    f"""CREATE TRIGGER history_certificate_insert AFTER INSERT ON certificates BEGIN
        {_HISTORY_INSERT}('certificate', 'insert', new.id, (SELECT person_id FROM participants WHERE id = new.participant_id), new.program_id,
                          NULL, json_object('number', new.number, 'activity_id', new.activity_id, 'jp', new.jp, 'issued_on', new.issued_on, 'void_reason', new.void_reason, 'replaces_id', new.replaces_id));
    END""",
    f"""CREATE TRIGGER history_certificate_update AFTER UPDATE ON certificates
        WHEN old.voided_at IS NOT new.voided_at OR old.void_reason IS NOT new.void_reason
    BEGIN
        {_HISTORY_INSERT}('certificate', 'update', new.id, (SELECT person_id FROM participants WHERE id = new.participant_id), new.program_id,
                          json_object('number', old.number, 'activity_id', old.activity_id, 'jp', old.jp, 'issued_on', old.issued_on, 'void_reason', old.void_reason, 'replaces_id', old.replaces_id), json_object('number', new.number, 'activity_id', new.activity_id, 'jp', new.jp, 'issued_on', new.issued_on, 'void_reason', new.void_reason, 'replaces_id', new.replaces_id));
    END""",
]


@migrations(name="0008_history_cascades")
def m0008_history_cascades(db: Database) -> None:
    for sql in _M0008:
        db.execute(sql)


# Before a participant goes, their mentees are unpaired and their marks deleted by hand,
# while the participant still exists: the trail's entries then name the mentor and the
# person and program of each mark (a cascade after the delete would leave them blank).
_M0008 = [
    """CREATE TRIGGER participants_before_delete BEFORE DELETE ON participants BEGIN
        UPDATE participants SET mentor_id = NULL WHERE mentor_id = old.id;
        DELETE FROM attendance_marks WHERE participant_id = old.id;
    END""",
]


# What the sources carry that offices use (issue 15): status kepegawaian, golongan beside
# pangkat, jabatan fungsional, tugas tambahan, and No. UKG as a fourth ID. A rank stored
# as "Penata Muda, III/a" is split into its pangkat and golongan.
PERSON_TRAIL_COLUMNS = (
    "full_name", "nuptk", "nip", "nik", "ukg_number", "gender", "birth_place", "birth_date",
    "position", "functional_position", "extra_duty", "employment", "jenjang", "subject", "rank",
    "golongan", "school_id", "region_code", "ukg", "phone", "email")


def _trail_object(row: str) -> str:
    return "json_object(" + ", ".join(f"'{c}', {row}.{c}" for c in PERSON_TRAIL_COLUMNS) + ")"


def _changed(columns) -> str:
    return " OR ".join(f"old.{c} IS NOT new.{c}" for c in columns)


@migrations(name="0009_person_service_fields")
def m0009_person_service_fields(db: Database) -> None:
    from ..vocabulary import split_rank

    for column in ("ukg_number", "employment", "golongan", "functional_position", "extra_duty"):
        db.execute(f"ALTER TABLE people ADD COLUMN {column} TEXT")
    db.execute(PEOPLE_INDEXES["people_ukg_number"])
    updates = []
    for pid, rank in db.execute("SELECT id, rank FROM people WHERE rank IS NOT NULL").fetchall():
        pangkat, golongan = split_rank(rank)
        if golongan or pangkat != rank:
            updates.append((pangkat, golongan, pid))
    for name in ("history_person_insert", "history_person_update", "history_person_delete"):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    db.conn.executemany("UPDATE people SET rank = ?, golongan = ? WHERE id = ?", updates)
    db.execute(f"""CREATE TRIGGER history_person_insert AFTER INSERT ON people BEGIN
        {_HISTORY_INSERT}('person', 'insert', new.id, new.id, NULL, NULL, {_trail_object("new")});
    END""")
    db.execute(f"""CREATE TRIGGER history_person_update AFTER UPDATE ON people
        WHEN {_changed(PERSON_TRAIL_COLUMNS)} BEGIN
        {_HISTORY_INSERT}('person', 'update', new.id, new.id, NULL, {_trail_object("old")},
                          {_trail_object("new")});
    END""")
    db.execute(f"""CREATE TRIGGER history_person_delete AFTER DELETE ON people BEGIN
        {_HISTORY_INSERT}('person', 'delete', old.id, old.id, NULL, {_trail_object("old")}, NULL);
    END""")


# The records that travel between offices (kemitraan_desktop/exchange): kind -> table.
EXCHANGED = {"person": "people", "program": "programs", "participant": "participants",
             "activity": "activities", "item": "rundown_items", "certificate": "certificates"}


@migrations(name="0010_exchange_identity")
def m0010_exchange_identity(db: Database) -> None:
    """Every record that travels gets an identifier no other office can also make (128
    random bits, as Dapodik's row UUIDs), kept beside the record so that nothing the user
    sees changes; one record may carry several (the same teacher known to two offices).
    Owner NULL: this office. Partner offices, the files exchanged, proposals waiting."""
    db.execute("""CREATE TABLE exchange_ids (
        uuid TEXT PRIMARY KEY CHECK (length(uuid) = 32),
        kind TEXT NOT NULL,
        local_id INTEGER NOT NULL,
        owner TEXT,
        corrected INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID""")
    db.execute("CREATE INDEX exchange_ids_local ON exchange_ids (kind, local_id)")
    for kind, table in EXCHANGED.items():
        db.execute(f"INSERT INTO exchange_ids (uuid, kind, local_id) "
                   f"SELECT lower(hex(randomblob(16))), '{kind}', id FROM {table}")
        db.execute(f"""CREATE TRIGGER exchange_id_{kind} AFTER INSERT ON {table}
            WHEN NOT EXISTS (SELECT 1 FROM exchange_ids WHERE kind = '{kind}' AND local_id = new.id)
            BEGIN
            INSERT INTO exchange_ids (uuid, kind, local_id) VALUES
                (lower(hex(randomblob(16))), '{kind}', new.id);
        END""")
        db.execute(f"""CREATE TRIGGER exchange_id_{kind}_gone AFTER DELETE ON {table} BEGIN
            DELETE FROM exchange_ids WHERE kind = '{kind}' AND local_id = old.id;
        END""")
        # a record another office owns, changed here: a correction for this office's own use,
        # sent to the owner as a proposal, never passed on as the record's value
        db.execute(f"""CREATE TRIGGER exchange_corrected_{kind} AFTER UPDATE ON {table}
            WHEN EXISTS (SELECT 1 FROM exchange_ids WHERE kind = '{kind}' AND local_id = new.id
                         AND owner IS NOT NULL)
            BEGIN
            UPDATE exchange_ids SET corrected = 1 WHERE kind = '{kind}' AND local_id = new.id;
        END""")
    db.execute("""CREATE TABLE partner_offices (
        office TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        region_code TEXT,
        public_key TEXT NOT NULL,
        trusted_at TEXT,
        sent_seq INTEGER NOT NULL DEFAULT 0,
        received_seq INTEGER NOT NULL DEFAULT 0,
        last_sent TEXT,
        last_received TEXT
    )""")
    db.execute("""CREATE TABLE exchange_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
        direction TEXT NOT NULL CHECK (direction IN ('kirim', 'terima')),
        office TEXT NOT NULL,
        seq INTEGER NOT NULL,
        file TEXT,
        counts TEXT NOT NULL DEFAULT '{}',
        conflicts TEXT NOT NULL DEFAULT '[]'
    )""")
    db.execute("""CREATE TABLE exchange_proposals (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
        office TEXT NOT NULL,
        kind TEXT NOT NULL,
        uuid TEXT NOT NULL,
        label TEXT NOT NULL,
        field TEXT NOT NULL,
        ours TEXT,
        theirs TEXT,
        status TEXT NOT NULL DEFAULT 'menunggu' CHECK (status IN ('menunggu', 'diterima', 'ditolak'))
    )""")

