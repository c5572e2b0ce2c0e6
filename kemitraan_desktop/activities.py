"""Activities (workshops, OJL weeks), their participants and staff, and their day-by-day
rundowns: items, times, JP, checks, templates and shifting."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from . import indonesia as ind
from . import regions
from .errors import NotFoundError, ValidationError
from .programs import get_program

KINDS = {
    "rakor": "Rapat koordinasi", "workshop": "Workshop orientasi", "ojl1": "OJL 1",
    "ojl2": "OJL 2", "evaluasi": "Workshop & evaluasi", "pendampingan": "Pendampingan",
    "lainnya": "Lainnya", "pengimbasan": "Pengimbasan",
}
# The tiers an activity of each kind takes by default: OJL 1 = the visiting tier 2 and
# their tier-1 hosts; OJL 2 adds the imbas of the visited districts; ...
DEFAULT_TIERS = {"rakor": (1, 2), "workshop": (1, 2), "ojl1": (1, 2), "ojl2": (1, 2, 3),
                 "evaluasi": (1, 2), "pendampingan": (2, 3), "lainnya": (1, 2, 3),
                 "pengimbasan": (2, 3)}  # pengimbasan: its leader and the leader's mentees
STAFF_ROLES = {"narasumber": "Narasumber", "panitia": "Panitia"}
MAX_DAYS = 31
LEADER_MISSING = "Pengimbasan wajib dipimpin seorang peserta yang mempunyai imbas."


@dataclass
class Activity:
    id: int | None
    program_id: int
    kind: str
    title: str
    start: dt.date
    end: dt.date
    venue: str = ""
    region_code: str | None = None
    host: str = ""
    leader_id: int | None = None  # pengimbasan: the participant (a mitra) who leads it

    @property
    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)


def time_zone(db: Database, region_code: str | None) -> str:
    """WIB, WITA or WIT of a kab/kota (WIB when unknown)."""
    if region_code:
        row = db.execute("SELECT time_zone FROM regions WHERE code = ?", [region_code]).fetchone()
        if row:
            return row[0]
    return "WIB"


def region_name(db: Database, region_code: str | None) -> str:
    if not region_code:
        return ""
    row = db.execute("SELECT name FROM regions WHERE code = ?", [region_code]).fetchone()
    return row[0] if row else ""


def signing_place(db: Database, activity: Activity) -> str:
    """Where the activity's sheets are signed by default: where it takes place."""
    from . import office
    return office.signing_place(office.load_profile(db), region_name(db, activity.region_code))


def validate_activity(activity: Activity) -> dict[str, str]:
    errors = {}
    if activity.kind not in KINDS:
        errors["kind"] = "Jenis kegiatan tidak dikenal; pilih salah satu: " + ", ".join(KINDS) + "."
    if not activity.title.strip():
        errors["title"] = "Nama kegiatan wajib diisi."
    if activity.end < activity.start:
        errors["end"] = "Tanggal selesai sebelum tanggal mulai."
    elif (activity.end - activity.start).days + 1 > MAX_DAYS:
        errors["end"] = f"Kegiatan paling lama {MAX_DAYS} hari."
    if activity.kind == "pengimbasan" and activity.leader_id is None and activity.id is None:
        errors["leader_id"] = LEADER_MISSING  # a saved one keeps its leader (save_activity)
    elif activity.kind != "pengimbasan" and activity.leader_id is not None:
        errors["leader_id"] = "Hanya kegiatan pengimbasan yang mempunyai pemimpin."
    return errors


def check_leader(db: Database, activity: Activity) -> None:
    """A pengimbasan's leader must be a participant of its program who mentors someone."""
    problem = LEADER_MISSING if activity.kind == "pengimbasan" else ""
    if activity.leader_id is not None:
        row = db.execute("SELECT t.program_id, coalesce(p.full_name, t.name), EXISTS (SELECT 1 "
                         "FROM participants m WHERE m.mentor_id = t.id) FROM participants t LEFT "
                         "JOIN people p ON p.id = t.person_id WHERE t.id = ?",
                         [activity.leader_id]).fetchone()
        problem = ("Pemimpin pengimbasan harus peserta program kegiatan itu."
                   if row is None or row[0] != activity.program_id else "" if row[2] else
                   f"{row[1]} belum mempunyai peserta bimbingan (imbas), jadi tidak dapat "
                   "memimpin pengimbasan.")
    if problem:
        raise ValidationError("Kegiatan belum dapat disimpan: " + problem,
                              problems=[("leader_id", problem)])


def resolve_city(text: str) -> str | None:
    """A kab/kota name as typed ("Kota Pekalongan", "Kab. Gorontalo") -> its code."""
    if not text or not text.strip():
        return None
    try:
        return regions.match_district(text).code
    except ValueError as exc:
        raise ValidationError(str(exc)[:1].upper() + str(exc)[1:] + ".") from None


_COLUMNS = "id, program_id, kind, title, start_date, end_date, venue, region_code, host, leader_id"


def _activity(row) -> Activity:
    aid, pid, kind, title, start, end, venue, region, host, leader = row
    return Activity(aid, pid, kind, title, dt.date.fromisoformat(start), dt.date.fromisoformat(end),
                    venue or "", region, host or "", leader)


def save_activity(db: Database, activity: Activity, *, with_default_participants: bool = True,
                  move_items: bool = True) -> int:
    """Create (id None) or update an activity. A new one takes the program's participants of
    the tiers its kind implies. A new start date takes the rundown along (every item moves
    by as many days), unless move_items is False. A pengimbasan saved again without its
    leader keeps the one it has."""
    if activity.id is not None and activity.kind == "pengimbasan" and activity.leader_id is None:
        activity = dataclasses.replace(activity, leader_id=get_activity(db, activity.id).leader_id)
    errors = validate_activity(activity)
    if errors:
        raise ValidationError("Kegiatan belum dapat disimpan: " + " ".join(errors.values()),
                              problems=list(errors.items()))
    get_program(db, activity.program_id)
    check_leader(db, activity)
    values = [activity.program_id, activity.kind, activity.title.strip(), activity.start.isoformat(),
              activity.end.isoformat(), activity.venue.strip() or None, activity.region_code,
              activity.host.strip() or None, activity.leader_id]
    with db.atomic():
        if activity.id is None:
            cursor = db.execute(
                "INSERT INTO activities (program_id, kind, title, start_date, end_date, venue, "
                "region_code, host, leader_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
            activity_id = cursor.lastrowid
            if with_default_participants:
                set_activity_participants(db, activity_id, default_participants(db, activity))
            return activity_id
        old = get_activity(db, activity.id)
        if move_items and activity.start != old.start:
            save_items(db, activity.id, shift_items(list_items(db, activity.id), activity.start,
                                                    old.start))
            _shift_marks(db, activity.id, activity.start - old.start)
        db.execute("UPDATE activities SET program_id = ?, kind = ?, title = ?, start_date = ?, "
                   "end_date = ?, venue = ?, region_code = ?, host = ?, leader_id = ?, updated_at = "
                   "strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') WHERE id = ?",
                   [*values, activity.id])
        return activity.id


def _shift_marks(db: Database, activity_id: int, delta: dt.timedelta) -> None:
    """Attendance already recorded moves with the days it was recorded for."""
    rows = db.execute("SELECT participant_id, day, slot, status, note, updated_at FROM "
                      "attendance_marks WHERE activity_id = ?", [activity_id]).fetchall()
    if not rows:
        return
    db.execute("DELETE FROM attendance_marks WHERE activity_id = ?", [activity_id])
    db.conn.executemany(
        "INSERT INTO attendance_marks (activity_id, participant_id, day, slot, status, note, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(activity_id, pid, (dt.date.fromisoformat(day) + delta).isoformat(), slot, status, note,
          updated) for pid, day, slot, status, note, updated in rows])


def create_activity(db: Database, program_id: int, kind: str, title: str, start: dt.date | str,
                    end: dt.date | str, *, venue: str = "", city: str = "", host: str = "",
                    leader_id: int | None = None) -> int:
    start = start if isinstance(start, dt.date) else _date(start, "mulai")
    end = end if isinstance(end, dt.date) else _date(end, "selesai")
    return save_activity(db, Activity(None, program_id, kind, title, start, end, venue,
                                      resolve_city(city), host, leader_id))


def _date(text: str, which: str) -> dt.date:
    try:
        return ind.parse_date(text)
    except ValueError as exc:
        raise ValidationError(f"Tanggal {which} '{text}' tidak dikenali: {exc}.") from None


def get_activity(db: Database, activity_id: int) -> Activity:
    row = db.execute(f"SELECT {_COLUMNS} FROM activities WHERE id = ?", [activity_id]).fetchone()
    if row is None:
        raise NotFoundError(f"Kegiatan dengan id {activity_id} tidak ada.")
    return _activity(row)


def list_activities(db: Database, program_id: int | None = None) -> list[dict]:
    """Activities by start date, each with its program's title, participant count, item count,
    total JP and time zone."""
    where, params = ("WHERE a.program_id = ?", [program_id]) if program_id else ("", [])
    rows = db.execute(
        f"SELECT a.id, a.program_id, a.kind, a.title, a.start_date, a.end_date, a.venue, "
        f"a.region_code, a.host, a.leader_id, g.name, g.year, "
        f"(SELECT count(*) FROM activity_participants x WHERE x.activity_id = a.id), "
        f"(SELECT count(*) FROM rundown_items r WHERE r.activity_id = a.id), 0, "
        f"coalesce(rg.time_zone, 'WIB'), rg.name "
        f"FROM activities a JOIN programs g ON g.id = a.program_id "
        f"LEFT JOIN regions rg ON rg.code = a.region_code "
        f"{where} ORDER BY a.start_date, a.id", params).fetchall()
    return [{"activity": _activity(r[:10]), "program": f"{r[10]} ({r[11]})", "participants": r[12],
             "items": r[13], "jp": total_jp(list_items(db, r[0])), "time_zone": r[15],
             "city": r[16] or ""} for r in rows]


def delete_activity(db: Database, activity_id: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM activities WHERE id = ?", [activity_id])


# ---------------------------------------------------------------- participants and staff

def activity_participants(db: Database, activity_id: int, program=None) -> list[dict]:
    """Who takes part, by tier then name, with the program's tier label (`program`: the
    activity's program when the caller has read it already)."""
    if program is None:
        program = get_program(db, get_activity(db, activity_id).program_id)
    from .programs import PARTICIPANT_SELECT, query_rows
    rows = query_rows(db, PARTICIPANT_SELECT + " JOIN activity_participants x ON x.participant_id = t.id "
                 "WHERE x.activity_id = ? ORDER BY t.tier, p.name_key, t.name", [activity_id])
    for row in rows:
        row["tier_label"] = program.label(row["tier"])
    return rows


def default_participants(db: Database, activity: Activity) -> list[int]:
    """The participants an activity of its kind takes: the kind's tiers; for the kinds held
    in the mitra's district (OJL 2, pendampingan), only those of its kab/kota, with the
    mentors who visit them; a pengimbasan, its leader and the leader's mentees."""
    if activity.kind == "pengimbasan":
        return sorted({activity.leader_id, *(r[0] for r in db.execute(
            "SELECT id FROM participants WHERE mentor_id = ?", [activity.leader_id]))} - {None})
    tiers = DEFAULT_TIERS[activity.kind]
    marks = ", ".join("?" for _ in tiers)
    rows = db.execute(
        f"SELECT t.id, t.mentor_id, p.region_code FROM participants t "
        f"LEFT JOIN people p ON p.id = t.person_id WHERE t.program_id = ? AND t.tier IN ({marks})",
        [activity.program_id, *tiers]).fetchall()
    if activity.kind not in ("ojl2", "pendampingan") or not activity.region_code:
        return [r[0] for r in rows]
    mentor_of = {r[0]: r[1] for r in db.execute(
        "SELECT id, mentor_id FROM participants WHERE program_id = ?", [activity.program_id])}
    chosen = {r[0] for r in rows if r[2] == activity.region_code}
    for pid in list(chosen):  # the mentors who come to them
        mentor = mentor_of.get(pid)
        while mentor is not None and mentor not in chosen:
            chosen.add(mentor)
            mentor = mentor_of.get(mentor)
    allowed = {r[0] for r in rows}
    return sorted(chosen & allowed)


def set_activity_participants(db: Database, activity_id: int, participant_ids: Iterable[int]) -> None:
    """Replace who takes part (participants of the activity's program only)."""
    activity = get_activity(db, activity_id)
    ids = sorted(set(participant_ids))
    with db.atomic():
        if ids:
            marks = ", ".join("?" for _ in ids)
            outside = db.execute(f"SELECT count(*) FROM participants WHERE id IN ({marks}) AND "
                                 "program_id <> ?", [*ids, activity.program_id]).fetchone()[0]
            if outside:
                raise ValidationError("Peserta kegiatan harus peserta program kegiatan itu.")
        db.execute("DELETE FROM activity_participants WHERE activity_id = ?", [activity_id])
        db.conn.executemany("INSERT INTO activity_participants (activity_id, participant_id) "
                            "VALUES (?, ?)", [(activity_id, i) for i in ids])


def host_schools(db: Database, activity_id: int) -> list[dict]:
    """The schools of the activity's top-tier participants (an OJL's host schools), with
    the hosts' names: id, name, npsn, hosts."""
    rows = db.execute(
        "SELECT s.id, s.name, s.npsn, group_concat(p.full_name, '; ') FROM activity_participants x "
        "JOIN participants t ON t.id = x.participant_id JOIN people p ON p.id = t.person_id "
        "JOIN schools s ON s.id = p.school_id WHERE x.activity_id = ? AND t.tier = 1 "
        "GROUP BY s.id", [activity_id]).fetchall()
    schools = [{"id": r[0], "name": r[1], "npsn": r[2], "hosts": r[3] or ""} for r in rows]
    return sorted(schools, key=lambda s: natural_key(s["name"]))  # SMP Negeri 2 before 14


def natural_key(text: str) -> list:
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", text or "")]


@dataclass
class StaffMember:
    id: int | None
    role: str
    name: str
    position: str = ""
    institution: str = ""
    nip: str = ""


def list_staff(db: Database, activity_id: int) -> list[StaffMember]:
    return [StaffMember(*r) for r in db.execute(
        "SELECT id, role, name, coalesce(position, ''), coalesce(institution, ''), "
        "coalesce(nip, '') FROM activity_staff WHERE activity_id = ? "
        "ORDER BY role, position_order, id", [activity_id])]


def save_staff(db: Database, activity_id: int, staff: Iterable[StaffMember]) -> None:
    """Replace the activity's narasumber and committee."""
    get_activity(db, activity_id)
    staff = list(staff)
    for member in staff:
        if member.role not in STAFF_ROLES:
            raise ValidationError(f"Peran '{member.role}' tidak dikenal: narasumber atau panitia.")
        if not member.name.strip():
            raise ValidationError("Nama narasumber/panitia wajib diisi.")
        if member.nip.strip():
            member.nip = ind.validate_nip(member.nip)
    with db.atomic():
        db.execute("DELETE FROM activity_staff WHERE activity_id = ?", [activity_id])
        db.conn.executemany(
            "INSERT INTO activity_staff (activity_id, role, name, position, institution, nip, "
            "position_order) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(activity_id, m.role, m.name.strip(), m.position.strip() or None,
              m.institution.strip() or None, m.nip or None, i) for i, m in enumerate(staff)])


# ---------------------------------------------------------------- rundown items

_TIME = re.compile(r"^(\d{1,2})(?:[.:,hH ]?(\d{2}))?$")
MIDNIGHT = dt.time(0, 0)  # as an end time: the end of the day (typed 24.00)


def parse_time(value: object) -> dt.time | None:
    """`0730`, `730`, `7.30`, `07:30`, `7`, an Excel time fraction or a time -> time; empty
    -> None. Raises ValueError with an Indonesian message."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, float) and 0 <= value < 1:  # Excel keeps times as day fractions
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60 % 24, minutes % 60)
    text = str(value).strip().upper().removesuffix("WIB").removesuffix("WITA").removesuffix("WIT")
    text = text.strip()
    if isinstance(value, int) or text.isdigit():
        digits = text
        if len(digits) in (3, 4):
            hour, minute = int(digits[:-2]), int(digits[-2:])
        elif len(digits) in (1, 2):
            hour, minute = int(digits), 0
        else:
            raise ValueError(f"'{value}' bukan jam; tulis misalnya 07.30 atau 0730")
    else:
        match = _TIME.match(text)
        if not match:
            raise ValueError(f"'{value}' bukan jam; tulis misalnya 07.30 atau 0730")
        hour, minute = int(match[1]), int(match[2] or 0)
    if hour == 24 and minute == 0:
        hour = 0
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise ValueError(f"'{value}' bukan jam yang ada (00.00 s.d. 23.59)")
    return dt.time(hour, minute)


@dataclass
class Item:
    day: dt.date
    start: dt.time | None
    end: dt.time | None
    description: str
    place: str = ""
    pic: str = ""
    jp: float = 0
    attendance: bool = False
    school_id: int | None = None  # one host school's own item; None: shared
    id: int | None = None

    def copy(self, **changes) -> Item:
        return dataclasses.replace(self, **changes)

    def as_dict(self) -> dict:
        return {"day": self.day.isoformat(), "start": _hhmm(self.start), "end": _hhmm(self.end),
                "description": self.description, "place": self.place, "pic": self.pic,
                "jp": self.jp, "attendance": self.attendance, "school_id": self.school_id}


def _hhmm(moment: dt.time | None) -> str | None:
    return moment.strftime("%H:%M") if moment else None


def list_items(db: Database, activity_id: int) -> list[Item]:
    rows = db.execute(
        "SELECT day, start_time, end_time, description, coalesce(place, ''), coalesce(pic, ''), "
        "jp, attendance, school_id, id FROM rundown_items WHERE activity_id = ? "
        "ORDER BY day, position, id", [activity_id]).fetchall()
    return [Item(dt.date.fromisoformat(d), _time(s), _time(e), desc, place, pic, jp, bool(att),
                 school, iid) for d, s, e, desc, place, pic, jp, att, school, iid in rows]


def _time(text: str | None) -> dt.time | None:
    return dt.time.fromisoformat(text) if text else None


def check_item(item: Item) -> dict[str, str]:
    errors = {}
    if not item.description.strip():
        errors["description"] = "Isi kegiatannya."
    if item.jp < 0 or item.jp > 24:
        errors["jp"] = "JP antara 0 dan 24."
    return errors


def save_items(db: Database, activity_id: int, items: Iterable[Item]) -> list[int]:
    """Replace the activity's rundown with `items` (in their order within each day), in one
    transaction. Returns the new item ids in order."""
    get_activity(db, activity_id)
    items = list(items)
    problems = []
    for index, item in enumerate(items, start=1):
        for message in check_item(item).values():
            problems.append(f"Baris {index} ({ind.format_date(item.day)}): {message}")
    if problems:
        raise ValidationError("Rundown tidak disimpan: " + problems[0], problems=problems,
                              details=problems)
    order: dict[dt.date, int] = {}
    ids = []
    with db.atomic():
        db.execute("DELETE FROM rundown_items WHERE activity_id = ?", [activity_id])
        for item in items:
            order[item.day] = order.get(item.day, 0) + 1
            cursor = db.execute(
                "INSERT INTO rundown_items (activity_id, day, start_time, end_time, description, "
                "place, pic, jp, attendance, school_id, position) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [activity_id, item.day.isoformat(), _hhmm(item.start), _hhmm(item.end),
                 item.description.strip(), item.place.strip() or None, item.pic.strip() or None,
                 item.jp, int(item.attendance), item.school_id, order[item.day]])
            ids.append(cursor.lastrowid)
    return ids


def total_jp(items: Iterable[Item], school_id: int | None = None) -> float:
    """The JP of a rundown: the shared items plus, for a host school, its own; without a
    school, the JP one participant earns (host items counted once per time slot)."""
    items = list(items)
    if school_id is not None:
        return sum(i.jp for i in items if i.school_id in (None, school_id))
    shared = sum(i.jp for i in items if i.school_id is None)
    # host-school items run side by side: count the largest school's own JP once
    per_school: dict[int, float] = {}
    for item in items:
        if item.school_id is not None:
            per_school[item.school_id] = per_school.get(item.school_id, 0) + item.jp
    return shared + max(per_school.values(), default=0)


def format_jp(jp: float) -> str:
    return f"{jp:g}".replace(".", ",")


def parse_jp(value) -> float:
    """A JP as an office writes it: `2`, `1,5`, `1.5`, `2 JP`; blank or a dash is 0 (a
    break). Raises ValueError with an Indonesian message."""
    text = value
    if isinstance(value, str):
        text = re.sub(r"\s*(jp|jpl)\.?$", "", value.strip(), flags=re.IGNORECASE)
        if text in ("", "-", "\u2013", "\u2014"):
            return 0.0
    if text is None:
        return 0.0
    try:
        number = ind.parse_number(text)
    except ValueError:
        raise ValueError(f"'{value}' bukan angka JP; isi angka seperti 2 atau 1,5 (0 untuk "
                         "istirahat)") from None
    if not 0 <= number <= 24:
        raise ValueError(f"JP {format_jp(number)} tidak mungkin; isi angka 0 sampai 24")
    return number


@dataclass
class RundownWarning:
    index: int  # the item's position in the list given
    message: str


def check_rundown(activity: Activity, items: list[Item]) -> list[RundownWarning]:
    """Warnings an operator should see before printing: an end before the start, items
    outside the activity's dates, items that overlap in time (shared items overlap
    everything on their day; two schools' own items may run at the same time)."""
    warnings = []
    for index, item in enumerate(items):
        when = ind.format_date(item.day)
        minutes = _minutes(item)
        if item.jp and minutes is not None and item.jp > minutes / 45 + 1e-9:
            warnings.append(RundownWarning(index, f"'{item.description}' pada {when}: {format_jp(item.jp)} JP "
                                           f"tidak muat dalam {minutes} menit (1 JP = 45 menit)."))
        if item.day < activity.start or item.day > activity.end:
            warnings.append(RundownWarning(index, f"'{item.description}' pada {when}, di luar "
                                           f"tanggal kegiatan ({ind.format_date_range(activity.start, activity.end)})."))
        if item.start and item.end and item.end <= item.start and item.end != MIDNIGHT:
            warnings.append(RundownWarning(index, f"'{item.description}' pada {when}: jam selesai "
                                           f"{ind.format_time(item.end)} tidak sesudah jam mulai "
                                           f"{ind.format_time(item.start)}."))
    latest: dict[tuple, tuple[dt.time, str]] = {}  # per day (and school): the last start seen
    for index, item in enumerate(items):
        if item.start is None:
            continue
        key = (item.day, item.school_id)
        shared = latest.get((item.day, None))
        before = max((x for x in (latest.get(key), shared) if x), default=None, key=lambda x: x[0])
        if before and item.start < before[0]:
            warnings.append(RundownWarning(index, f"'{item.description}' ({ind.format_time(item.start)}) "
                                           f"tercantum sesudah '{before[1]}' "
                                           f"({ind.format_time(before[0])}) pada "
                                           f"{ind.format_date(item.day)}: urutannya terbalik."))
        if not latest.get(key) or item.start >= latest[key][0]:
            latest[key] = (item.start, item.description)
    timed = [(i, item.copy(end=dt.time.max) if item.end == MIDNIGHT else item)
             for i, item in enumerate(items) if item.start and item.end
             and (item.end > item.start or item.end == MIDNIGHT)]
    by_day: dict[dt.date, list[tuple[int, Item]]] = {}
    for entry in timed:  # items of different days never overlap: compare within a day
        by_day.setdefault(entry[1].day, []).append(entry)
    for day_items in by_day.values():  # one warning per item: the first earlier one it overlaps
        for position, (j, b) in enumerate(day_items):
            a = next((a for _, a in day_items[:position] if a.start < b.end and b.start < a.end
                      and (a.school_id is None or b.school_id is None or a.school_id == b.school_id)),
                     None)
            if a is not None:
                warnings.append(RundownWarning(j, f"'{b.description}' ({ind.format_time(b.start)}"
                                               f"-{ind.format_time(b.end)}) bertumpuk dengan "
                                               f"'{a.description}' ({ind.format_time(a.start)}-"
                                               f"{ind.format_time(a.end)}) pada "
                                               f"{ind.format_date(a.day)}."))
    return sorted(warnings, key=lambda w: w.index)


def _minutes(item: Item) -> int | None:
    if not (item.start and item.end):
        return None
    end = 24 * 60 if item.end == MIDNIGHT else item.end.hour * 60 + item.end.minute
    length = end - (item.start.hour * 60 + item.start.minute)
    return length if length > 0 else None


def resort_day(items: list[Item], day: dt.date) -> list[Item]:
    """After a start time changed: that day's timed items in time order, in the places timed
    items held; untimed items (and other days) stay where the operator put them."""
    positions = [i for i, item in enumerate(items) if item.day == day and item.start is not None]
    ordered = sorted((items[i] for i in positions), key=lambda x: x.start)
    result = list(items)
    for position, item in zip(positions, ordered, strict=True):
        result[position] = item
    return result


def shift_items(items: Iterable[Item], new_start: dt.date, old_start: dt.date) -> list[Item]:
    """The rundown moved so that `old_start` falls on `new_start`, every day kept in step."""
    delta = new_start - old_start
    return [item.copy(day=item.day + delta) for item in items]


def shift_activity(db: Database, activity_id: int, new_start: dt.date) -> Activity:
    """Move an activity and its whole rundown to new dates, in one transaction."""
    activity = get_activity(db, activity_id)
    delta = new_start - activity.start
    moved = dataclasses.replace(activity, start=new_start, end=activity.end + delta)
    with db.atomic():
        save_activity(db, moved)  # the items move with the start date
    return moved
