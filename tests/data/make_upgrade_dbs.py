"""Writes tests/data/upgrade/schema-NNNN.db: a database as each released schema version
left it (migrations applied up to and including NNNN), holding the demo data that version
could hold: people from 0001, programs and participants from 0002, activities and rundowns
from 0004, attendance from 0005, certificates from 0006. Run again only when a migration
is added (the new previous version gets its file); the files are committed, never rebuilt
by the tests.

    python tests/data/make_upgrade_dbs.py
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kemitraan_desktop import db_files, demo, migrations, store  # noqa: E402

OUT = Path(__file__).resolve().parent / "upgrade"
# parents before children; regions come with migration 0001 itself
TABLES = ["schools", "people", "people_fts", "schools_fts", "programs", "participants", "activities",
          "activity_participants", "activity_staff", "rundown_items", "rundown_templates",
          "attendance_marks", "attendance_rules", "certificate_counters", "certificates", "settings",
          "history"]


def columns(conn: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA {schema}.table_info({table})")]


def build(version_index: int, source: Path) -> Path:
    names = migrations.known_names()
    name = names[version_index]
    path = OUT / f"schema-{name[:4]}.db"
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {db_files.APPLICATION_ID}")
    conn.close()
    db = store.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    stop = names[version_index + 1] if version_index + 1 < len(names) else None
    migrations.migrations.apply(db, stop_before=stop)
    db.execute("ATTACH DATABASE ? AS demo", [str(source)])
    db.execute("PRAGMA foreign_keys = OFF")
    with db.conn:
        for table in TABLES:
            here, there = columns(db.conn, "main", table), columns(db.conn, "demo", table)
            common = [c for c in here if c in there]
            if not common:
                continue
            cols = ", ".join(common)
            rowid = "rowid, " if table.endswith("_fts") else ""
            db.execute(f"DELETE FROM main.{table}")
            db.execute(f"INSERT INTO main.{table} ({rowid}{cols}) SELECT {rowid}{cols} FROM demo.{table}")
    db.execute("DETACH DATABASE demo")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("PRAGMA journal_mode = DELETE")
    db.execute("VACUUM")
    db.close()
    return path


def main() -> int:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "demo.db"
        db = store.open_db(source)
        demo.load_demo(db)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        for index in range(len(migrations.known_names()) - 1):  # every version before the current
            made = build(index, source)
            print(f"{made.relative_to(ROOT)}: {made.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
