"""A person removed completely, as a data-protection request asks (`kemitraan forget`)."""

from __future__ import annotations

import json

from sqlite_utils import Database

from .errors import NotFoundError, ValidationError
from .people import get_person


def remembered(db: Database, person_id: int) -> dict:
    """The person as the roster has them, or, once deleted from it, as the Riwayat last
    recorded them."""
    try:
        person = get_person(db, person_id)
        return {"name": person["name"], "nuptk": person["nuptk"], "nip": person["nip"],
                "nik": person["nik"]}
    except NotFoundError:
        row = db.execute("SELECT coalesce(before, after) FROM history WHERE entity = 'person' AND "
                         "person_id = ? ORDER BY id DESC LIMIT 1", [person_id]).fetchone()
        if row is None:
            raise NotFoundError(f"Orang dengan id {person_id} tidak ada di daftar maupun di riwayat.") \
                from None
        record = json.loads(row[0])
        return {"name": record.get("full_name"), "nuptk": record.get("nuptk"),
                "nip": record.get("nip"), "nik": record.get("nik")}


def forget(db: Database, person_id: int) -> dict:
    """Remove a person completely, as a data-protection request asks: the roster entry,
    their places in programs and activities with their attendance, every audit-trail
    entry about them (also under an earlier roster entry with the same NUPTK, NIP or
    NIK), their name in their mentees' pair entries, and the search index's copy; the
    trail keeps one line saying that a person was removed, without who. Refused while the
    certificate register holds a certificate of theirs (issued numbers are a permanent
    record). Backups made before keep them until they rotate out."""
    person = remembered(db, person_id)
    ids = [v for v in (person["nuptk"], person["nip"], person["nik"]) if v]
    marks = ",".join("?" * len(ids)) or "NULL"
    held = db.execute(
        "SELECT count(*) FROM certificates c WHERE c.participant_id IN (SELECT id FROM participants "
        f"WHERE person_id = ?) OR json_extract(c.data, '$.nuptk') IN ({marks}) OR "
        f"json_extract(c.data, '$.nip') IN ({marks})", [person_id, *ids, *ids]).fetchone()[0]
    if held:
        raise ValidationError(
            f"{person['name']} memegang {held} sertifikat di register. Nomor dan isi sertifikat yang "
            "sudah terbit adalah catatan tetap, jadi datanya tidak dapat dihapus seluruhnya; hapus "
            "dari daftar guru saja bila perlu.")
    secure = db.execute("PRAGMA secure_delete").fetchone()[0]
    db.execute("PRAGMA secure_delete = ON")  # freed pages are zeroed, not left readable
    try:
        with db.atomic():
            earlier = {row[0] for row in db.execute(
                "SELECT DISTINCT person_id FROM history WHERE entity = 'person' AND person_id IS NOT "
                f"NULL AND (json_extract(coalesce(before, after), '$.nuptk') IN ({marks}) OR "
                f"json_extract(coalesce(before, after), '$.nip') IN ({marks}) OR "
                f"json_extract(coalesce(before, after), '$.nik') IN ({marks}))", [*ids, *ids, *ids])}
            everyone = sorted(earlier | {person_id})
            who = ",".join("?" * len(everyone))
            places = [row[0] for row in db.execute(
                f"SELECT id FROM participants WHERE person_id IN ({who})", everyone)]
            db.execute(f"DELETE FROM participants WHERE person_id IN ({who})", everyone)
            db.execute(f"DELETE FROM people WHERE id IN ({who})", everyone)
            removed = db.execute(f"DELETE FROM history WHERE person_id IN ({who})", everyone).rowcount
            if places:  # their name as the mentor in other people's pair entries
                where = ",".join("?" * len(places))
                for side in ("before", "after"):
                    db.execute(f"UPDATE history SET {side} = json_set({side}, '$.mentor', "
                               f"'(data dihapus)') WHERE entity = 'pair' AND "
                               f"json_extract({side}, '$.mentor_id') IN ({where})", places)
            db.execute("INSERT INTO history (entity, action, before) VALUES ('person', 'delete', "
                       "json_object('full_name', '(seorang guru; data pribadinya dihapus seluruhnya)'))")
            db.execute("INSERT INTO people_fts (people_fts) VALUES ('optimize')")  # drop old tokens
    finally:
        db.execute(f"PRAGMA secure_delete = {int(secure)}")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # and the old pages out of the WAL file
    return {"name": person["name"], "programs": len(places), "history": removed}
