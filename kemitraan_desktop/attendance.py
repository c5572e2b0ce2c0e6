"""Attendance: the sessions of an activity, marks (hadir / izin / sakit / alpa), the recap
with the JP each participant earned, and the certificate eligibility rule."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlite_utils import Database

from . import activities as act
from . import indonesia as ind
from .errors import ValidationError

STATUSES = {"hadir": "Hadir", "izin": "Izin", "sakit": "Sakit", "alpa": "Alpa"}
DEFAULT_MIN_PERCENT = 80.0


@dataclass(frozen=True)
class Session:
    day: dt.date
    slot: str  # '' for the whole day, else the start time 'HH:MM' of its rundown item
    title: str  # what is signed for: the item, or the day
    jp: float  # the JP of the rundown items this session's signature covers

    @property
    def key(self) -> tuple[str, str]:
        return (self.day.isoformat(), self.slot)

    @property
    def label(self) -> str:
        when = ind.format_date(self.day)
        if not self.slot:
            return when
        if self.slot.startswith("-"):
            return f"{when}, {self.title}"
        return f"{when}, {self.slot.replace(':', '.')} {self.title}"


def sessions(db: Database, activity_id: int) -> list[Session]:
    """The sessions attendance is taken for: each attendance-taking rundown item (it covers
    the items after it until the next one that day), or each day without one. A day's JP
    counts a host school's own items once (total_jp)."""
    return sessions_of(act.get_activity(db, activity_id), act.list_items(db, activity_id))


def sessions_of(activity: act.Activity, items: list[act.Item]) -> list[Session]:
    """The sessions of an activity and its rundown already read (see sessions)."""
    result = []
    days = sorted(set(activity.days) | {i.day for i in items})
    for day in days:
        today = [i for i in items if i.day == day]
        taking = [i for i in today if i.attendance]
        if not taking:
            result.append(Session(day, "", "", act.total_jp(today)))
            continue
        heads: list[act.Item] = []  # the sessions, in order (host copies count once)
        for item in taking:
            if all((h.start, h.description) != (item.start, item.description) for h in heads):
                heads.append(item)
        covered: dict[int, list[act.Item]] = {i: [] for i in range(len(heads))}
        current = 0
        for item in today:  # an item belongs to the session signed last before it
            for index, head in enumerate(heads):
                if item.attendance and (head.start, head.description) == (item.start, item.description):
                    current = index
            covered[current].append(item)
        for index, head in enumerate(heads):
            # an untimed session is named by its title: '' is the whole-day session's key
            slot = head.start.strftime("%H:%M") if head.start else "-" + head.description[:60]
            result.append(Session(day, slot, head.description, act.total_jp(covered[index])))
    return result


def _session_keys(db: Database, activity_id: int) -> dict[tuple[str, str], Session]:
    return {s.key: s for s in sessions(db, activity_id)}


def marks(db: Database, activity_id: int) -> dict[tuple[int, str, str], tuple[str, str]]:
    """(participant_id, day, slot) -> (status, note)."""
    return {(pid, day, slot): (status, note or "") for pid, day, slot, status, note in db.execute(
        "SELECT participant_id, day, slot, status, note FROM attendance_marks WHERE activity_id = ?",
        [activity_id])}


@dataclass
class Mark:
    participant_id: int
    day: str
    slot: str
    status: str | None  # None clears the mark
    note: str = ""


def set_marks(db: Database, activity_id: int, changes: Iterable[Mark]) -> list[Mark]:
    """Write marks in one transaction; returns the marks as they were before, for undo."""
    changes = list(changes)
    known = _session_keys(db, activity_id)
    taking = {r[0] for r in db.execute(
        "SELECT participant_id FROM activity_participants WHERE activity_id = ?", [activity_id])}
    for change in changes:
        if (change.day, change.slot) not in known:
            raise ValidationError(f"Sesi {change.day} {change.slot} tidak ada di kegiatan ini.")
        if change.participant_id not in taking:
            raise ValidationError("Peserta itu tidak ikut kegiatan ini.")
        if change.status is not None and change.status not in STATUSES:
            raise ValidationError(f"Status '{change.status}' tidak dikenal: hadir, izin, sakit "
                                  "atau alpa.")
    current = marks(db, activity_id)
    before = [Mark(c.participant_id, c.day, c.slot,
                   *(current.get((c.participant_id, c.day, c.slot)) or (None, ""))) for c in changes]
    with db.atomic():
        for change in changes:
            if change.status is None:
                db.execute("DELETE FROM attendance_marks WHERE activity_id = ? AND participant_id = ? "
                           "AND day = ? AND slot = ?",
                           [activity_id, change.participant_id, change.day, change.slot])
            else:
                db.execute(
                    "INSERT INTO attendance_marks (activity_id, participant_id, day, slot, status, note)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (activity_id, participant_id, day, slot) "
                    "DO UPDATE SET status = excluded.status, note = excluded.note, updated_at = "
                    "strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')",
                    [activity_id, change.participant_id, change.day, change.slot, change.status,
                     change.note.strip() or None])
    return before


def mark_day(db: Database, activity_id: int, day: dt.date, participant_id: int, status: str) -> int:
    """Mark every session of one day (the CLI's --day). Returns how many sessions."""
    day_sessions = [s for s in sessions(db, activity_id) if s.day == day]
    if not day_sessions:
        activity = act.get_activity(db, activity_id)
        raise ValidationError(f"{ind.format_date(day)} bukan hari kegiatan ini "
                              f"({ind.format_date_range(activity.start, activity.end)}).")
    set_marks(db, activity_id, [Mark(participant_id, s.day.isoformat(), s.slot, status)
                                for s in day_sessions])
    return len(day_sessions)


# ---------------------------------------------------------------- the rule and the recap

@dataclass
class Rule:
    min_percent: float = DEFAULT_MIN_PERCENT
    required: list[tuple[str, str]] = field(default_factory=list)  # session keys


def get_rule(db: Database, activity_id: int) -> Rule:
    row = db.execute("SELECT min_percent, required FROM attendance_rules WHERE activity_id = ?",
                     [activity_id]).fetchone()
    if row is None:
        return Rule()
    return Rule(row[0], [tuple(k) for k in json.loads(row[1])])


def save_rule(db: Database, activity_id: int, rule: Rule) -> None:
    if not 0 <= rule.min_percent <= 100:
        raise ValidationError("Batas kehadiran harus antara 0 dan 100 persen.")
    known = _session_keys(db, activity_id)
    unknown = [k for k in rule.required if tuple(k) not in known]
    if unknown:
        raise ValidationError(f"Sesi wajib {unknown[0][0]} {unknown[0][1]} tidak ada di kegiatan ini.")
    with db.atomic():
        db.execute("INSERT INTO attendance_rules (activity_id, min_percent, required) VALUES (?, ?, ?)"
                   " ON CONFLICT (activity_id) DO UPDATE SET min_percent = excluded.min_percent, "
                   "required = excluded.required",
                   [activity_id, rule.min_percent, json.dumps([list(k) for k in rule.required])])


@dataclass
class RecapRow:
    participant: dict
    statuses: list[str | None]  # per session, None: not recorded
    attended: int
    sessions: int
    percent: float
    jp: float
    eligible: bool
    reasons: list[str]

    def as_dict(self) -> dict:
        p = self.participant
        return {"name": p["name"], "nuptk": p["nuptk"], "nip": p["nip"], "tier": p["tier"],
                "tier_label": p["tier_label"], "school": p["school"], "attended": self.attended,
                "sessions": self.sessions, "percent": round(self.percent, 1), "jp": self.jp,
                "eligible": self.eligible, "reasons": self.reasons,
                "izin": self.statuses.count("izin"), "sakit": self.statuses.count("sakit"),
                "alpa": self.statuses.count("alpa")}


def recap(db: Database, activity_id: int) -> tuple[list[Session], list[RecapRow]]:
    """Per participant: sessions attended, the percentage, the JP of attended sessions and
    whether the rule makes them eligible for the certificate (with why not)."""
    all_sessions = sessions(db, activity_id)
    rule = get_rule(db, activity_id)
    recorded = marks(db, activity_id)
    labels = {s.key: s.label for s in all_sessions}
    rows = []
    for person in act.activity_participants(db, activity_id):
        statuses = [recorded.get((person["id"], *s.key), (None, ""))[0] for s in all_sessions]
        attended = statuses.count("hadir")
        total = len(all_sessions)
        percent = 100.0 * attended / total if total else 0.0
        jp = sum(s.jp for s, status in zip(all_sessions, statuses, strict=True) if status == "hadir")
        reasons = []
        if not total:
            reasons.append("rundown kegiatan belum mempunyai sesi presensi")
        elif not any(statuses):
            reasons.append("presensinya belum diisi di halaman Kehadiran")
        elif percent + 1e-9 < rule.min_percent:
            reasons.append(f"kehadiran {ind_percent(percent)} di bawah {ind_percent(rule.min_percent)}")
        missed = [labels[tuple(k)] for k in rule.required
                  if tuple(k) in labels and statuses[[s.key for s in all_sessions].index(tuple(k))] != "hadir"]
        if missed:
            reasons.append("tidak hadir di sesi wajib: " + "; ".join(missed))
        gone = [k for k in rule.required if tuple(k) not in labels]
        if gone:  # the rundown changed under the rule: never a silent pass
            reasons.append(f"sesi wajib {gone[0][0]} {gone[0][1]} tidak ada lagi di rundown; "
                           "perbarui syarat sertifikat")
        rows.append(RecapRow(person, statuses, attended, total, percent, jp, not reasons, reasons))
    return all_sessions, rows


def ind_percent(value: float) -> str:
    return f"{value:.1f}".replace(".", ",").replace(",0", "") + "%"


def session_counts(db: Database, activity_id: int) -> dict[tuple[str, str], dict[str, int]]:
    """Per session: how many of each status are recorded."""
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for day, slot, status, n in db.execute(
            "SELECT m.day, m.slot, m.status, count(*) FROM attendance_marks m "
            "JOIN activity_participants x ON x.activity_id = m.activity_id "
            "AND x.participant_id = m.participant_id WHERE m.activity_id = ? "
            "GROUP BY m.day, m.slot, m.status", [activity_id]):
        counts.setdefault((day, slot), {})[status] = n
    return counts


def orphaned_marks(db: Database, activity_id: int) -> int:
    """Marks of sessions the rundown no longer has (a session's time or attendance flag was
    changed after it was recorded): they count for nothing until re-entered."""
    known = set(_session_keys(db, activity_id))
    return sum(1 for (_pid, day, slot) in marks(db, activity_id) if (day, slot) not in known)
