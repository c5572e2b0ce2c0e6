"""Writing an import's participants into their program: new ones tier by tier, then the changed ones."""

from __future__ import annotations

from sqlite_utils import Database

from ..errors import Cancelled
from ..programs import Program
from ..store import map_storage_errors
from .roster_rows import IsCancelled, Progress

__all__ = ["write_participants"]


def write_participants(db: Database, program: Program, inserts: list[tuple[int, dict]],
                       changes: dict[int, dict], progress: Progress,
                       cancelled: IsCancelled) -> None:
    """`inserts` are (person id, participant) for people new to the program, `changes`
    participant by person id. New participants go in tier by tier, so that each mentor has
    its id before its mentees are inserted; then the changed ones. One transaction; a
    cancelled write raises Cancelled and leaves the program as it was."""
    total = len(inserts) + len(changes)
    progress(0, total, "Menyimpan")
    with map_storage_errors("Impor peserta gagal disimpan"), db.atomic():
        ids = dict(db.execute("SELECT person_id, id FROM participants WHERE program_id = ?",
                              [program.id]).fetchall())
        for tier in sorted({node["tier"] for _, node in inserts}):
            db.conn.executemany(
                "INSERT INTO participants (program_id, person_id, name, tier, subject, "
                "mentor_id) VALUES (?, ?, ?, ?, ?, ?)",
                [(program.id, pid, node["name"], tier, node["subject"], ids.get(node["mentor"]))
                 for pid, node in inserts if node["tier"] == tier])
            ids.update(db.execute("SELECT person_id, id FROM participants WHERE program_id = ? "
                                  "AND tier = ?", [program.id, tier]).fetchall())
            if cancelled():
                raise Cancelled()
        db.conn.executemany(
            "UPDATE participants SET tier = ?, subject = ?, mentor_id = ?, updated_at = "
            "strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') WHERE id = ?",
            [(node["tier"], node["subject"], ids.get(node["mentor"]), ids[pid])
             for pid, node in changes.items()])
        if cancelled():
            raise Cancelled()
    progress(total, total, "Selesai")
