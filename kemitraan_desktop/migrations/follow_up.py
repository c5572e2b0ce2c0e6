"""The months after the OJL (issue 20): the pendampingan log and its evidence, the
participants' action plans (RTL) and their progress, the monev instruments (versioned
forms) with their entries and scores, and pengimbasan as an activity kind of its own, led
by a mitra for their imbas. Shipped: never edit."""

from __future__ import annotations

from sqlite_utils import Database

from .registry import migrations

_NOW = "(strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))"
_OLD_KINDS = ("kind IN ('rakor', 'workshop', 'ojl1', 'ojl2', 'evaluasi',\n"
              "                                           'pendampingan', 'lainnya')")
_NEW_KINDS = ("kind IN ('rakor', 'workshop', 'ojl1', 'ojl2', 'evaluasi',\n"
              "                                           'pendampingan', 'lainnya', 'pengimbasan')")


@migrations(name="0012_after_the_ojl")
def m0012_after_the_ojl(db: Database) -> None:
    """Pengimbasan joins the activity kinds (the CHECK is widened in place: SQLite's own
    way for a constraint that only admits more, with no copy of the table and its
    children), with the mitra who leads it; then the follow-up tables."""
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'activities'"
                     ).fetchone()[0]
    if _OLD_KINDS not in sql:
        raise RuntimeError("activities: unexpected kind constraint; migration 0012 stops")
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    db.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'activities'",
               [sql.replace(_OLD_KINDS, _NEW_KINDS)])
    db.execute(f"PRAGMA schema_version = {version + 1}")
    db.execute("PRAGMA writable_schema = OFF")
    db.execute("ALTER TABLE activities ADD COLUMN leader_id INTEGER "
               "REFERENCES participants(id) ON DELETE SET NULL")
    db.execute(f"""CREATE TABLE mentoring_log (
        id INTEGER PRIMARY KEY,
        program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
        mentor_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        mentee_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('tatap-muka', 'daring', 'telepon', 'surel')),
        jp REAL CHECK (jp IS NULL OR (jp >= 0 AND jp <= 24)),
        minutes INTEGER CHECK (minutes IS NULL OR (minutes >= 0 AND minutes <= 1440)),
        topic TEXT NOT NULL CHECK (topic <> ''),
        agreed TEXT,
        follow_up TEXT,
        notes TEXT,
        source TEXT,
        created_at TEXT NOT NULL DEFAULT {_NOW}
    )""")
    db.execute("CREATE INDEX mentoring_by_pair ON mentoring_log (mentor_id, mentee_id, day)")
    db.execute("CREATE INDEX mentoring_by_program ON mentoring_log (program_id, day)")
    db.execute("CREATE INDEX mentoring_by_mentee ON mentoring_log (mentee_id, day)")
    db.execute(f"""CREATE TABLE mentoring_evidence (
        id INTEGER PRIMARY KEY,
        log_id INTEGER NOT NULL REFERENCES mentoring_log(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('foto', 'dokumen')),
        mime TEXT NOT NULL,
        data BLOB NOT NULL,
        width INTEGER,
        height INTEGER,
        added_at TEXT NOT NULL DEFAULT {_NOW}
    )""")
    db.execute("CREATE INDEX evidence_by_log ON mentoring_evidence (log_id)")
    db.execute(f"""CREATE TABLE action_plans (
        id INTEGER PRIMARY KEY,
        program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
        participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        action TEXT NOT NULL CHECK (action <> ''),
        partners TEXT,
        due TEXT NOT NULL,
        indicator TEXT,
        status TEXT NOT NULL DEFAULT 'belum' CHECK (status IN ('belum', 'berjalan', 'selesai')),
        note TEXT,
        created_at TEXT NOT NULL DEFAULT {_NOW},
        updated_at TEXT NOT NULL DEFAULT {_NOW}
    )""")
    db.execute("CREATE INDEX action_plans_by_program ON action_plans (program_id, due)")
    db.execute("CREATE INDEX action_plans_by_participant ON action_plans (participant_id)")
    db.execute(f"""CREATE TABLE action_plan_progress (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES action_plans(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('belum', 'berjalan', 'selesai')),
        note TEXT,
        created_at TEXT NOT NULL DEFAULT {_NOW}
    )""")
    db.execute("CREATE INDEX action_plan_progress_by_plan ON action_plan_progress (plan_id, day)")
    db.execute(f"""CREATE TABLE monev_forms (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL CHECK (code <> ''),
        version INTEGER NOT NULL CHECK (version >= 1),
        name TEXT NOT NULL CHECK (name <> ''),
        audience TEXT NOT NULL DEFAULT 'guru'
            CHECK (audience IN ('guru', 'kepala sekolah', 'semua')),
        scale TEXT NOT NULL,
        items TEXT NOT NULL,
        stages TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL DEFAULT {_NOW},
        UNIQUE (code, version)
    )""")
    db.execute(f"""CREATE TABLE monev_entries (
        id INTEGER PRIMARY KEY,
        form_id INTEGER NOT NULL REFERENCES monev_forms(id) ON DELETE RESTRICT,
        program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
        participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        observer_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
        observer_name TEXT,
        day TEXT NOT NULL,
        stage TEXT,
        note TEXT,
        created_at TEXT NOT NULL DEFAULT {_NOW}
    )""")
    db.execute("CREATE INDEX monev_by_program ON monev_entries (program_id, participant_id, day)")
    db.execute("""CREATE TABLE monev_scores (
        entry_id INTEGER NOT NULL REFERENCES monev_entries(id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        score REAL NOT NULL,
        note TEXT,
        PRIMARY KEY (entry_id, item_id)
    ) WITHOUT ROWID""")
