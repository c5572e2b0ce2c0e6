"""What an office holds from others: who owns a record (a received program is read here,
changed by its owner), and the round's figures per kab/kota over every program held, own
and received, with each teacher counted once however many programs and offices name them
(a province consolidating its districts)."""

from __future__ import annotations

from ..store import Database


def owner_name(db: Database, kind: str, local_id: int) -> str | None:
    """The partner office that owns this record, or None when this office does."""
    row = db.execute(
        "SELECT coalesce(p.name, e.owner) FROM exchange_ids e "
        "LEFT JOIN partner_offices p ON p.office = e.owner "
        "WHERE e.kind = ? AND e.local_id = ? ORDER BY e.uuid LIMIT 1", [kind, local_id]).fetchone()
    return row[0] if row and row[0] else None


def received_programs(db: Database) -> dict[int, str]:
    """Program id -> the office it came from, for the programs owned elsewhere."""
    found = {}
    for (pid,) in db.execute("SELECT id FROM programs"):
        owner = owner_name(db, "program", pid)
        if owner:
            found[pid] = owner
    return found


def figures_by_region(db: Database) -> list[dict]:
    """Per kab/kota (where the teacher works): teachers taking part in any program (each
    once), by their highest role, and certificates issued to them; largest first."""
    rows = db.execute("""
        WITH taking AS (
            SELECT pe.id AS person, coalesce(pe.region_code, '') AS region, min(pa.tier) AS tier
            FROM participants pa JOIN people pe ON pe.id = pa.person_id
            GROUP BY pe.id)
        SELECT t.region, coalesce(r.name, '(tanpa kab/kota)'), count(*),
               sum(t.tier = 1), sum(t.tier = 2), sum(t.tier = 3),
               (SELECT count(*) FROM certificates c JOIN participants pa ON pa.id = c.participant_id
                JOIN people pe ON pe.id = pa.person_id
                WHERE coalesce(pe.region_code, '') = t.region AND c.voided_at IS NULL)
        FROM taking t LEFT JOIN regions r ON r.code = t.region
        GROUP BY t.region ORDER BY count(*) DESC, 2""").fetchall()
    return [{"region_code": code, "region": name, "teachers": n, "tier1": a, "tier2": b,
             "tier3": c, "certificates": certs} for code, name, n, a, b, c, certs in rows]
