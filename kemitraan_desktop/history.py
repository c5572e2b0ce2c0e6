"""The audit trail (Riwayat): who or what changed, when, before and after. Written by the
triggers of migration 0007; read and worded here for the person form, the program page
and `kemitraan history`."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlite_utils import Database

from . import indonesia as ind
from .errors import NotFoundError

ENTITY = {"person": "Data guru", "participant": "Peserta program", "pair": "Pasangan",
          "attendance": "Kehadiran", "certificate": "Sertifikat", "exchange": "Pertukaran"}
STATUS = {"hadir": "hadir", "izin": "izin", "sakit": "sakit", "alpa": "alpa"}


@dataclass
class Entry:
    id: int
    at: dt.datetime
    entity: str
    action: str
    record_id: int | None
    person_id: int | None
    program_id: int | None
    before: dict | None
    after: dict | None
    text: str = ""
    who: str = ""  # the person concerned, by name

    @property
    def when(self) -> str:
        return f"{ind.format_date(self.at.date(), with_weekday=False)} {self.at:%H.%M}"


def _load(row) -> Entry:
    return Entry(row[0], dt.datetime.fromisoformat(row[1]), row[2], row[3], row[4], row[5], row[6],
                 json.loads(row[7]) if row[7] else None, json.loads(row[8]) if row[8] else None)


_COLUMNS = "id, at, entity, action, record_id, person_id, program_id, before, after"


def entries(db: Database, *, person_id: int | None = None, program_id: int | None = None,
            limit: int | None = 1000) -> list[Entry]:
    """Newest first, worded in Indonesian."""
    where, params = [], []
    if person_id is not None:
        where.append("person_id = ?")
        params.append(person_id)
    if program_id is not None:
        where.append("program_id = ?")
        params.append(program_id)
    sql = (f"SELECT {_COLUMNS} FROM history" + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY id DESC" + (f" LIMIT {int(limit)}" if limit else ""))
    found = [_load(row) for row in db.execute(sql, params)]
    words = _Words(db)
    own = words.program_name(program_id) if program_id is not None else None
    for entry in found:
        entry.text = words.describe(entry)
        if own:  # one program's own Riwayat: its name on every line says nothing
            entry.text = entry.text.replace(f" ({own})", "").replace(f"Peserta {own} diubah",
                                                                    "Peserta diubah")
            entry.text = entry.text.replace(f"Menjadi peserta {own} sebagai", "Menjadi peserta sebagai")
            entry.text = entry.text.replace(f"Dikeluarkan dari {own} (", "Dikeluarkan dari program (")
        entry.who = words.who(entry)
    if person_id is None:  # a program's Riwayat (or all): the files received from partners
        found = sorted(found + _received(db), key=lambda e: e.at, reverse=True)[:limit or None]
    return found


_TABLE_WORDS = {"programs": "program", "people": "guru", "participants": "peserta",
                "activities": "kegiatan", "items": "acara", "marks": "tanda kehadiran",
                "certificates": "sertifikat"}


def _received(db: Database) -> list[Entry]:
    """'Diterima dari Dinas Pendidikan Kabupaten Gorontalo (berkas no. 1): 48 tanda
    kehadiran baru': each file applied from a partner office."""
    rows = db.execute("SELECT l.id, l.at, coalesce(p.name, l.office), l.seq, l.counts "
                      "FROM exchange_log l LEFT JOIN partner_offices p ON p.office = l.office "
                      "WHERE l.direction = 'terima'").fetchall()
    found = []
    for log_id, at, office, seq, counts in rows:
        parts = []
        for table, per in json.loads(counts).items():
            done = [f"{n} {what}" for what, n in per.items() if n]
            if done and table in _TABLE_WORDS:
                parts.append(f"{_TABLE_WORDS[table]} {', '.join(done)}")
        text = f"Diterima dari {office} (berkas no. {seq})" + (": " + "; ".join(parts) if parts else "")
        found.append(Entry(-log_id, dt.datetime.fromisoformat(at), "exchange", "insert", None, None,
                           None, None, None, text, office))
    return found


def person_for_id_number(db: Database, number: str) -> int:
    """The roster person with this NUPTK or NIP (typed as printed too), also one since
    deleted whose history remains."""
    from . import people

    digits = "".join(ch for ch in number if ch.isdigit())
    if not digits:
        raise NotFoundError(f"'{number}' bukan NUPTK atau NIP.")
    found = people.find_by_id_number(db, digits)
    if found:
        return found["id"]
    row = db.execute(
        "SELECT person_id FROM history WHERE entity = 'person' AND (json_extract(before, '$.nuptk') = ?1"
        " OR json_extract(before, '$.nip') = ?1 OR json_extract(after, '$.nuptk') = ?1 OR "
        "json_extract(after, '$.nip') = ?1) ORDER BY id DESC LIMIT 1", [digits]).fetchone()
    if row is None:
        raise NotFoundError(f"Tidak ada guru dengan NUPTK/NIP {number}, dan tidak ada riwayatnya.")
    return row[0]


class _Words:
    """Turns entries into sentences, looking names up once."""

    def __init__(self, db: Database):
        self.db = db
        self._programs: dict[int, object] = {}
        self._activities: dict[int, str] = {}
        self._people: dict[int, str] = {}

    def program(self, program_id: int | None):
        from . import programs

        if program_id is None:
            return None
        if program_id not in self._programs:
            try:
                self._programs[program_id] = programs.get_program(self.db, program_id)
            except NotFoundError:
                self._programs[program_id] = None
        return self._programs[program_id]

    def program_name(self, program_id: int | None) -> str:
        program = self.program(program_id)
        return f"{program.name} ({program.year})" if program else "program yang sudah dihapus"

    def tier(self, program_id: int | None, tier: int | None) -> str:
        program = self.program(program_id)
        return program.label(tier) if program and tier else f"tingkat {tier}"

    def activity(self, activity_id: int | None) -> str:
        if activity_id is None:
            return "kegiatan"
        if activity_id not in self._activities:
            row = self.db.execute("SELECT title FROM activities WHERE id = ?", [activity_id]).fetchone()
            self._activities[activity_id] = row[0] if row else "kegiatan yang sudah dihapus"
        return self._activities[activity_id]

    def value(self, key: str, value) -> str:
        from . import schools

        if value in (None, ""):
            return "(kosong)"
        if key == "school_id":
            return schools.school_name(self.db, value) or f"sekolah #{value}"
        if key == "region_code":
            from .activities import region_name
            return region_name(self.db, value) or str(value)
        if key == "nip":
            return ind.format_nip(str(value))
        return str(value)

    def who(self, entry: Entry) -> str:
        record = entry.after or entry.before or {}
        if entry.entity == "person":
            return record.get("full_name") or ""
        if entry.entity == "participant":
            return record.get("name") or ""
        if entry.person_id is not None:
            if entry.person_id not in self._people:
                row = self.db.execute(
                    "SELECT coalesce((SELECT full_name FROM people WHERE id = ?1), (SELECT name FROM "
                    "participants WHERE person_id = ?1 ORDER BY id DESC LIMIT 1))",
                    [entry.person_id]).fetchone()
                self._people[entry.person_id] = row[0] or ""
            return self._people[entry.person_id]
        return ""

    def describe(self, entry: Entry) -> str:
        method = getattr(self, f"_{entry.entity}")
        return method(entry)

    def _person(self, entry: Entry) -> str:
        from . import people

        if entry.action == "insert":
            return f"Ditambahkan ke daftar guru: {entry.after.get('full_name')}"
        if entry.action == "delete":
            return f"Dihapus dari daftar guru: {entry.before.get('full_name')}"
        changes = []
        for key, old in entry.before.items():
            new = entry.after.get(key)
            if old != new and key == "nik":
                changes.append("NIK diubah")  # the number itself is never shown
            elif old != new:
                label = people.FIELD_BY_KEY.get("school" if key == "school_id" else
                                                "region" if key == "region_code" else key)
                changes.append(f"{label.label if label else key} {self.value(key, old)} → "
                               f"{self.value(key, new)}")
        return "Data guru diubah: " + "; ".join(changes)

    def _participant(self, entry: Entry) -> str:
        record = entry.after or entry.before
        where = f"{self.program_name(record.get('program_id'))}"
        role = self.tier(record.get("program_id"), record.get("tier"))
        if entry.action == "insert":
            return f"Menjadi peserta {where} sebagai {role} ({record.get('name')})"
        if entry.action == "delete":
            return f"Dikeluarkan dari {where} ({role}, {record.get('name')})"
        parts = []
        if entry.before.get("tier") != entry.after.get("tier"):
            parts.append(f"peran {self.tier(record.get('program_id'), entry.before.get('tier'))} → {role}")
        if entry.before.get("subject") != entry.after.get("subject"):
            parts.append(f"mata pelajaran {self.value('', entry.before.get('subject'))} → "
                         f"{self.value('', entry.after.get('subject'))}")
        if entry.before.get("name") != entry.after.get("name"):
            parts.append(f"nama {entry.before.get('name')} → {entry.after.get('name')}")
        return f"Peserta {where} diubah: " + "; ".join(parts)

    def _pair(self, entry: Entry) -> str:
        old, new = entry.before.get("mentor"), entry.after.get("mentor")
        where = self.program_name(entry.program_id)
        if new and not old:
            return f"Dipasangkan dengan pembimbing {new} ({where})"
        if old and not new:
            return f"Dilepas dari pembimbing {old} ({where})"
        return f"Pembimbing diganti: {old or '(tidak ada)'} → {new or '(tidak ada)'} ({where})"

    def _attendance(self, entry: Entry) -> str:
        record = entry.after or entry.before
        slot = record.get("slot") or ""
        session = ("sepanjang hari" if not slot else f"sesi {slot[1:]}" if slot.startswith("-")
                   else f"sesi pukul {slot.replace(':', '.')}")
        day = record.get("day")
        try:
            day = ind.format_date(dt.date.fromisoformat(day), with_weekday=False)
        except (TypeError, ValueError):
            pass
        where = f"{self.activity(record.get('activity_id'))}, {day} {session}"
        if entry.action == "delete":
            return f"Tanda kehadiran dihapus ({entry.before.get('status')}): {where}"
        text = f"Kehadiran: {STATUS.get(record.get('status'), record.get('status'))}"
        if entry.action == "update":
            text = (f"Kehadiran diubah: {entry.before.get('status')} → {entry.after.get('status')}")
        note = record.get("note")
        return f"{text} — {where}" + (f" (catatan: {note})" if note else "")

    def _certificate(self, entry: Entry) -> str:
        record = entry.after or entry.before
        if entry.action == "insert":
            what = f"Sertifikat {record.get('number')} diterbitkan ({record.get('jp'):g} JP"
            return what + (", pengganti sertifikat yang dibatalkan)" if record.get("replaces_id") else ")")
        if entry.after.get("void_reason") and not entry.before.get("void_reason"):
            return f"Sertifikat {record.get('number')} dibatalkan: {entry.after.get('void_reason')}"
        return f"Sertifikat {record.get('number')} diubah"
