"""Figures for the home page (Beranda) and the choices the roster's filters offer."""

from __future__ import annotations

from sqlite_utils import Database

from . import people, vocabulary


def counts(db: Database) -> dict[str, list[tuple[str, int]]]:
    """People counted by position, jenjang, subject and province, largest first."""
    by = {
        "position": "SELECT position, count(*) FROM people GROUP BY 1",
        "jenjang": "SELECT coalesce(jenjang, '-'), count(*) FROM people GROUP BY 1",
        "subject": "SELECT coalesce(subject, '-'), count(*) FROM people GROUP BY 1",
        "province": "SELECT coalesce(r.province, '-'), count(*) FROM people p "
                    "LEFT JOIN regions r ON r.code = p.region_code GROUP BY 1",
    }
    result = {}
    for key, sql in by.items():
        rows = [(vocabulary.POSITIONS.get(k, k) if key == "position" else k, n)
                for k, n in db.execute(sql)]
        result[key] = sorted(rows, key=lambda item: (-item[1], item[0]))
    return result


def program_figures(db: Database) -> tuple[int, int, int]:
    """How many programs, participants (all programs) and activities the office holds."""
    return tuple(db.execute("SELECT (SELECT count(*) FROM programs), (SELECT count(*) FROM "
                            "participants), (SELECT count(*) FROM activities)").fetchone())


def recent_changes(db: Database, limit: int = 10) -> list[dict]:
    """The people added or changed most recently."""
    ids = [row[0] for row in db.execute(
        "SELECT id FROM people ORDER BY updated_at DESC, id DESC LIMIT ?", [limit])]
    return people.fetch_people(db, ids)


def filter_options(db: Database) -> dict[str, list[tuple[str, str]]]:
    """(value, label) pairs for the roster filters: only values the roster holds."""
    options = {
        "position": [(k, vocabulary.POSITIONS.get(k, k)) for (k,) in db.execute(
            "SELECT DISTINCT position FROM people ORDER BY 1")],
        "jenjang": [(k, k) for (k,) in db.execute(
            "SELECT DISTINCT jenjang FROM people WHERE jenjang IS NOT NULL ORDER BY 1")],
        "subject": [(k, k) for (k,) in db.execute(
            "SELECT DISTINCT subject FROM people WHERE subject IS NOT NULL ORDER BY 1")],
        "province_code": [(code, name) for code, name in db.execute(
            "SELECT DISTINCT r.province_code, r.province FROM people p "
            "JOIN regions r ON r.code = p.region_code ORDER BY 2")],
    }
    return options


def districts_in(db: Database, province_code: str | None) -> list[tuple[str, str]]:
    """The kab/kota of the roster's people, within a province when one is chosen."""
    sql = ("SELECT DISTINCT r.code, r.name FROM people p JOIN regions r ON r.code = p.region_code"
           " WHERE r.kind <> 'provinsi'")
    params: list = []
    if province_code:
        sql += " AND r.province_code = ?"
        params.append(province_code)
    return [(code, name) for code, name in db.execute(sql + " ORDER BY 2", params)]
