"""The paper an activity needs beyond the daftar hadir and certificates (issue 19): the
office's own letter texts, the numbers its letters took, the amounts of the daftar
penerimaan, the laporan kegiatan's typed sections and photos. Shipped: never edit."""

from __future__ import annotations

from sqlite_utils import Database

from .registry import migrations

_NOW = "(strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))"


@migrations(name="0011_activity_paperwork")
def m0011_activity_paperwork(db: Database) -> None:
    """Letter templates the office edited (the defaults live in code); one number per
    letter kind and activity, kept so a reprint carries the number the agenda book holds;
    the rupiah amounts per role and item; the report's text sections; its photos, scaled
    down before they are stored."""
    db.execute(f"""CREATE TABLE letter_templates (
        kind TEXT PRIMARY KEY,
        body TEXT NOT NULL,
        updated_at TEXT NOT NULL DEFAULT {_NOW}
    )""")
    db.execute(f"""CREATE TABLE activity_letters (
        id INTEGER PRIMARY KEY,
        activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        number TEXT NOT NULL UNIQUE,
        year INTEGER NOT NULL,
        running INTEGER NOT NULL CHECK (running > 0),
        issued_on TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT {_NOW},
        UNIQUE (activity_id, kind)
    )""")
    db.execute("""CREATE TABLE activity_payment_rates (
        activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        item TEXT NOT NULL CHECK (item IN ('transport', 'harian', 'honorarium')),
        amount INTEGER NOT NULL CHECK (amount >= 0),
        PRIMARY KEY (activity_id, role, item)
    ) WITHOUT ROWID""")
    db.execute(f"""CREATE TABLE activity_report_texts (
        activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        section TEXT NOT NULL,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL DEFAULT {_NOW},
        PRIMARY KEY (activity_id, section)
    ) WITHOUT ROWID""")
    db.execute(f"""CREATE TABLE activity_photos (
        id INTEGER PRIMARY KEY,
        activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        caption TEXT NOT NULL DEFAULT '',
        jpeg BLOB NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        added_at TEXT NOT NULL DEFAULT {_NOW}
    )""")
    db.execute("CREATE INDEX activity_photos_activity ON activity_photos (activity_id, position)")
