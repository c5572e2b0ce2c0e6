"""The four months after the OJL (issue 20), counted from what happened: the reach of each
inti and mitra (mentees planned by the pairs against those actually reached), the pairs
gone quiet, contacts per month, RTL progress and the latest monev score per participant.

What counts (as of a day, nothing after it):
- a contact of a pair (mentor -> mentee, the pair as participants.mentor_id has it now) is
  one pendampingan entry (mentoring_log) of that pair, or one day on which the mentee was
  marked hadir in a pengimbasan the mentor led;
- a middle-tier participant (a mitra) is reached when their own mentor logged a contact
  with them, or they led a pengimbasan someone attended, or attended one;
- a bottom-tier participant (an imbas) is reached when marked hadir in any pengimbasan of
  the program, not only their own mitra's: mitra of one MGMP often hold a session together,
  and the imbas who came was reached all the same (it still counts for their own mitra);
- the follow-up window runs from the last day of the program's last OJL (OJL 1 or 2) to
  four months after it; only inside it does a pair go quiet.

Read straight from the tables (set-based, a few queries): a program of 5,284 participants
with 60,000 log entries takes well under a second."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlite_utils import Database

from .programs import Program, get_program

OJL_KINDS = ("ojl1", "ojl2")
WINDOW_MONTHS = 4
DEFAULT_QUIET_DAYS = 30
RTL_STATUSES = ("belum", "berjalan", "selesai")


# ---------------------------------------------------------------- the records

@dataclass(frozen=True)
class Person:
    participant_id: int
    name: str
    nuptk: str | None
    nip: str | None
    tier: int

    def to_json(self) -> dict:
        return {"participant_id": self.participant_id, "name": self.name, "nuptk": self.nuptk,
                "nip": self.nip, "tier": self.tier}


@dataclass(frozen=True)
class Reach:
    """One mentor (an inti or a mitra): the participants under them at every depth
    (planned, from the pairs), those reached, and the ratio's target (33 for an inti of
    1:3:10, 10 for its mitra; None when the program sets no ratio for a tier below)."""
    person: Person
    label: str  # the tier's label in the program: "Inti", "Mitra"
    mentor_id: int | None
    planned: int
    reached_ids: tuple[int, ...]
    target: int | None

    @property
    def reached(self) -> int:
        return len(self.reached_ids)

    @property
    def percentage(self) -> float | None:
        """Reached against the target (None without a target)."""
        return round(100.0 * self.reached / self.target, 1) if self.target else None

    def to_json(self) -> dict:
        return {**self.person.to_json(), "label": self.label, "mentor_id": self.mentor_id,
                "planned": self.planned, "reached": self.reached, "target": self.target,
                "percentage": self.percentage, "mentees": list(self.reached_ids)}


@dataclass(frozen=True)
class PairContact:
    """A mentor -> mentee pair in the tracker. days_since counts from the last contact, or
    from the end of the last OJL when there was none (None: no contact and no OJL yet)."""
    mentor: Person
    mentee: Person
    last_contact: dt.date | None
    days_since: int | None
    quiet: bool
    months: Mapping[str, int] = field(default_factory=dict)  # 'YYYY-MM' -> contacts, in the window

    def to_json(self) -> dict:
        return {"mentor": self.mentor.to_json(), "mentee": self.mentee.to_json(),
                "last_contact": self.last_contact.isoformat() if self.last_contact else None,
                "days_since": self.days_since, "quiet": self.quiet, "months": dict(self.months)}


@dataclass(frozen=True)
class MonevScore:
    """A participant's latest monev entry (by day) and its score: the sum of the scores
    against the sum of the form's items' maximum."""
    participant_id: int
    entry_id: int
    form_id: int
    day: dt.date
    total: float
    maximum: float

    @property
    def percentage(self) -> float | None:
        return round(100.0 * self.total / self.maximum, 1) if self.maximum else None

    def to_json(self) -> dict:
        return {"participant_id": self.participant_id, "entry_id": self.entry_id,
                "form_id": self.form_id, "day": self.day.isoformat(), "total": self.total,
                "max": self.maximum, "percentage": self.percentage}


@dataclass(frozen=True)
class Window:
    start: dt.date  # the last day of the program's last OJL
    end: dt.date  # four months after it

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class ReachAndQuiet:
    """The reach of every mentor and the pairs with their last contact, as of a day: what
    Beranda shows of the tracker (reach_and_quiet). Its pairs carry no per-month counts."""
    program_id: int
    as_of: dt.date
    quiet_days: int
    window: Window | None
    mentors: tuple[Reach, ...]  # the inti, then the mitra, each by name
    pairs: tuple[PairContact, ...]

    @property
    def quiet(self) -> tuple[PairContact, ...]:
        return tuple(p for p in self.pairs if p.quiet)

    @property
    def top(self) -> tuple[Reach, ...]:
        return tuple(r for r in self.mentors if r.person.tier == 1)

    @property
    def planned(self) -> int:
        return sum(r.planned for r in self.top)

    @property
    def reached(self) -> int:
        return sum(r.reached for r in self.top)

    @property
    def target(self) -> int | None:
        targets = [r.target for r in self.top]
        return sum(targets) if targets and None not in targets else None

    @property
    def percentage(self) -> float | None:
        """The program's reach against its target (the ratio for every inti)."""
        return round(100.0 * self.reached / self.target, 1) if self.target else None

    def to_json(self) -> dict:
        return {
            "program_id": self.program_id, "as_of": self.as_of.isoformat(),
            "quiet_days": self.quiet_days,
            "window": ({"start": self.window.start.isoformat(), "end": self.window.end.isoformat()}
                       if self.window else None),
            "planned": self.planned, "reached": self.reached, "target": self.target,
            "percentage": self.percentage,
            "mentors": [r.to_json() for r in self.mentors],
            "quiet": [p.to_json() for p in sorted(self.quiet, key=_quiet_order)],
            "pairs": [p.to_json() for p in self.pairs],
        }


@dataclass(frozen=True)
class Status(ReachAndQuiet):
    """The whole tracker (program_status): the reach and the pairs with their contacts per
    month, the RTL and the latest monev score per participant."""
    rtl: Mapping[str, int]  # belum, berjalan, selesai, total, overdue
    rtl_by_participant: Mapping[int, Mapping[str, int]]
    monev: Mapping[int, MonevScore]  # participant id -> latest score

    def to_json(self) -> dict:
        return {
            **super().to_json(),
            "rtl": dict(self.rtl),
            "rtl_by_participant": {str(k): dict(v) for k, v in self.rtl_by_participant.items()},
            "monev": [m.to_json() for m in self.monev.values()],
        }


def _quiet_order(pair: PairContact) -> tuple:
    return (-(pair.days_since or 0), pair.mentor.name, pair.mentee.name)


# ---------------------------------------------------------------- reading

def follow_up_window(db: Database, program_id: int) -> Window | None:
    """From the last day of the program's last OJL to four months after it; None before
    the program has an OJL."""
    marks = ", ".join("?" for _ in OJL_KINDS)
    row = db.execute(f"SELECT max(end_date) FROM activities WHERE program_id = ? AND kind IN "
                     f"({marks})", [program_id, *OJL_KINDS]).fetchone()
    if not row or not row[0]:
        return None
    start = dt.date.fromisoformat(row[0])
    return Window(start, add_months(start, WINDOW_MONTHS))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, min(day.day, (following - dt.timedelta(days=1)).day))


def _people(db: Database, program_id: int) -> dict[int, tuple[Person, int | None]]:
    """participant id -> (Person, mentor id), by tier then name."""
    rows = db.execute(
        "SELECT t.id, coalesce(p.full_name, t.name), coalesce(p.nuptk, t.nuptk), "
        "coalesce(p.nip, t.nip), t.tier, t.mentor_id FROM participants t "
        "LEFT JOIN people p ON p.id = t.person_id WHERE t.program_id = ? "
        "ORDER BY t.tier, coalesce(p.name_key, t.name), t.id", [program_id]).fetchall()
    return {r[0]: (Person(r[0], r[1] or "", r[2], r[3], r[4]), r[5]) for r in rows}


_PENGIMBASAN_HADIR = """
    FROM attendance_marks m
    JOIN activities a ON a.id = m.activity_id
    JOIN activity_participants x ON x.activity_id = m.activity_id
         AND x.participant_id = m.participant_id
    WHERE a.program_id = ? AND a.kind = 'pengimbasan' AND m.status = 'hadir' AND m.day <= ?
"""


def _pair_days(db: Database, program_id: int, as_of: dt.date) -> dict[tuple[int, int], list[str]]:
    """(leader, mentee) -> the days (ISO) the mentee was hadir in a pengimbasan that leader led
    (any pairing; the caller keeps the current pairs)."""
    days: dict[tuple[int, int], list[str]] = defaultdict(list)
    for leader, mentee, day in db.execute(
            "SELECT DISTINCT a.leader_id, m.participant_id, m.day" + _PENGIMBASAN_HADIR
            + " AND a.leader_id IS NOT NULL", [program_id, as_of.isoformat()]):
        days[(leader, mentee)].append(day)
    return days


# Per pair as it is now (participants e: mentee e.id, mentor e.mentor_id), seeks in the pair
# index (mentor, mentee, day): its last day, and a count per month of the window. A province's
# 5,000 pairs and 60,000 entries in a thirtieth of a second, against a quarter of a second
# for joining the log and grouping it by pair and month.
_PAIR_SEEK = ("(SELECT {} FROM mentoring_log l WHERE l.mentor_id = e.mentor_id AND "
              "l.mentee_id = e.id AND l.day {})")


def _logged(db: Database, program_id: int, as_of: dt.date, window: Window | None, *,
            months: bool = True) -> tuple[dict, dict]:
    """Per pair (mentor, mentee): the day (ISO) of their last pendampingan entry up to as_of,
    and (months) their entries per month ('YYYY-MM') within the window up to as_of."""
    spans = _month_spans(window, as_of) if months else []
    columns = [_PAIR_SEEK.format("max(l.day)", "<= ?"),
               *(_PAIR_SEEK.format("count(*)", "BETWEEN ? AND ?") for _ in spans)]
    last: dict[tuple[int, int], str] = {}
    per_month: dict[tuple[int, int], dict[str, int]] = {}
    for mentor, mentee, day, *counts in db.execute(
            f"SELECT e.mentor_id, e.id, {', '.join(columns)} FROM participants e "
            "WHERE e.program_id = ? AND e.mentor_id IS NOT NULL",
            [as_of.isoformat(), *(bound for _m, *span in spans for bound in span), program_id]):
        if day is not None:
            last[(mentor, mentee)] = day
        found = {month: n for (month, *_span), n in zip(spans, counts, strict=True) if n}
        if found:
            per_month[(mentor, mentee)] = found
    return last, per_month


def _month_spans(window: Window | None, as_of: dt.date) -> list[tuple[str, str, str]]:
    """('YYYY-MM', first day, last day) of each month of the window up to as_of (ISO)."""
    if window is None:
        return []
    first, upto = window.start.isoformat(), min(window.end, as_of).isoformat()
    spans, month = [], first[:7]
    while month <= upto[:7]:
        spans.append((month, max(first, f"{month}-01"), min(upto, f"{month}-31")))
        month = _next_month(month)
    return spans


def _next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:])
    return f"{year + number // 12}-{number % 12 + 1:02d}"


def _pairs(people: dict, as_of: dt.date, quiet_days: int, window: Window | None,
           led: dict[tuple[int, int], list[str]], last: dict[tuple[int, int], str],
           months: dict[tuple[int, int], dict[str, int]] | None) -> list[PairContact]:
    """The current pairs with their last contact (the log's or a pengimbasan's); `months`
    None leaves out the contacts per month."""
    first = window.start.isoformat() if window else "9999"
    upto = min(window.end, as_of).isoformat() if window else ""
    in_window = window is not None and as_of in window
    pairs = []
    for mentee_id, (mentee, mentor_id) in people.items():
        if mentor_id is None or mentor_id not in people:
            continue
        key = (mentor_id, mentee_id)
        latest = last.get(key)
        count = months.get(key, {}) if months is not None else {}
        if key in led:
            days = led[key]
            latest = max(days) if latest is None else max(latest, *days)
        if key in led and months is not None:
            count = dict(count)
            for day in days:
                if first <= day <= upto:
                    count[day[:7]] = count.get(day[:7], 0) + 1
            count = dict(sorted(count.items()))
        last_day = dt.date.fromisoformat(latest) if latest else None
        since_day = last_day or (window.start if window else None)
        days_since = (as_of - since_day).days if since_day else None
        quiet = in_window and days_since is not None and days_since > quiet_days
        pairs.append(PairContact(people[mentor_id][0], mentee, last_day, days_since, quiet, count))
    return pairs


def _reach(db: Database, program: Program, people: dict, as_of: dt.date,
           led: dict[tuple[int, int], list[str]], last: dict[tuple[int, int], str]
           ) -> tuple[Reach, ...]:
    bottom = program.tiers
    attended = {r[0] for r in db.execute("SELECT DISTINCT m.participant_id" + _PENGIMBASAN_HADIR,
                                         [program.id, as_of.isoformat()])}
    leaders = {leader for leader, _ in led}  # led one someone attended (hadir) by as_of
    contacted = {mentee for mentor, mentee in last
                 if mentee in people and people[mentee][1] == mentor}  # by their own mentor
    reached = set()
    for pid, (person, _mentor) in people.items():
        if person.tier == 1:
            continue
        if person.tier >= bottom:
            if pid in attended:
                reached.add(pid)
        elif pid in attended or pid in leaders or pid in contacted:
            reached.add(pid)
    children: dict[int, list[int]] = defaultdict(list)
    for pid, (_person, mentor) in people.items():
        if mentor is not None and mentor in people:
            children[mentor].append(pid)
    result = []
    for pid, (person, mentor) in people.items():
        if person.tier >= bottom:
            continue
        below, stack = [], list(children.get(pid, ()))
        while stack:
            child = stack.pop()
            below.append(child)
            stack.extend(children.get(child, ()))
        result.append(Reach(person, program.label(person.tier), mentor, len(below),
                            tuple(sorted(i for i in below if i in reached)),
                            ratio_target(program, person.tier)))
    return tuple(result)


def ratio_target(program: Program, tier: int) -> int | None:
    """How many a mentor of `tier` reaches at every depth by the program's ratio: 3 + 3*10
    = 33 for an inti of 1:3:10, 10 for a mitra; None when a tier below has no ratio."""
    total, product = 0, 1
    for below in range(tier, program.tiers):
        capacity = program.capacity(below)
        if capacity is None:
            return None
        product *= capacity
        total += product
    return total


def _rtl(db: Database, program_id: int, as_of: dt.date) -> tuple[dict, dict]:
    totals = {status: 0 for status in RTL_STATUSES} | {"total": 0, "overdue": 0}
    per: dict[int, dict[str, int]] = {}
    for pid, status, n, overdue in db.execute(
            "SELECT participant_id, status, count(*), sum(status <> 'selesai' AND due < ?) "
            "FROM action_plans WHERE program_id = ? GROUP BY participant_id, status",
            [as_of.isoformat(), program_id]):
        mine = per.setdefault(pid, {s: 0 for s in RTL_STATUSES} | {"total": 0, "overdue": 0})
        for counts in (totals, mine):
            counts[status] = counts.get(status, 0) + n
            counts["total"] += n
            counts["overdue"] += overdue or 0
    return totals, per


def _latest_monev(db: Database, program_id: int, as_of: dt.date) -> dict[int, MonevScore]:
    """Per participant the latest scored entry (a stage of guided questions, such as
    pra-observasi, carries answers, not scores: passed over). Each form version's maximum
    and question stages are worked out once here, not per entry in SQL."""
    forms, asked = {}, set()
    for fid, scale, items, stages in db.execute(
            "SELECT id, scale, items, stages FROM monev_forms WHERE id IN (SELECT DISTINCT "
            "form_id FROM monev_entries WHERE program_id = ?)", [program_id]):
        forms[fid] = form_maximum(scale, items)
        asked |= {(fid, code) for code in question_stages(stages)}
    latest: dict[int, tuple[int, int, str]] = {}
    for eid, pid, fid, day, stage in db.execute(
            "SELECT id, participant_id, form_id, day, stage FROM monev_entries WHERE "
            "program_id = ? AND day <= ? ORDER BY participant_id, day, id",
            [program_id, as_of.isoformat()]):
        if (fid, stage) not in asked:
            latest[pid] = (eid, fid, day)  # the last by (day, id) stays
    totals = dict(db.execute(
        "SELECT entry_id, sum(score) FROM monev_scores WHERE entry_id IN (SELECT value FROM "
        "json_each(?)) GROUP BY entry_id", [json.dumps([e for e, _f, _d in latest.values()])]))
    return {pid: MonevScore(pid, eid, fid, dt.date.fromisoformat(day[:10]),
                            float(totals.get(eid) or 0), forms.get(fid, 0.0))
            for pid, (eid, fid, day) in latest.items()}


def question_stages(stages_json: str | None) -> set[str]:
    """The codes of a form's stages that ask guided questions (pra- and pasca-observasi):
    their entries carry answers, not scores."""
    stages = _loads(stages_json)
    if not isinstance(stages, list):
        return set()
    return {s["code"] for s in stages if isinstance(s, dict) and s.get("code") is not None
            and isinstance(s.get("questions"), list) and s["questions"]}


def form_maximum(scale_json: str | None, items_json: str | None) -> float:
    """The most a form's answers can score: each item's own `max`, else the scale's highest
    value. Items may sit in sections ({"items": [...]})."""
    scale_top = _highest(_loads(scale_json))
    return float(sum(item.get("max") if isinstance(item.get("max"), int | float)
                     else _highest(item.get("scale")) or scale_top or 0
                     for item in _items(_loads(items_json))))


def _loads(text):
    try:
        return json.loads(text) if isinstance(text, str) else text
    except ValueError:
        return None


def _items(value) -> Iterable[dict]:
    if isinstance(value, dict):
        if "id" in value and "items" not in value:
            yield value
        else:
            yield from _items(value.get("items"))
    elif isinstance(value, list):
        for entry in value:
            yield from _items(entry)


def _highest(scale) -> float | None:
    """The top of a scale as the forms may keep it: {"max": 4}, [1, 2, 3],
    [{"value": 1, "label": ...}, ...] or {"values"/"levels"/"points": [...]}."""
    if isinstance(scale, int | float) and not isinstance(scale, bool):
        return float(scale)
    if isinstance(scale, dict):
        if isinstance(scale.get("max"), int | float):
            return float(scale["max"])
        for key in ("values", "levels", "points", "options"):
            if key in scale:
                return _highest(scale[key])
        if isinstance(scale.get("value"), int | float):
            return float(scale["value"])
        if isinstance(scale.get("score"), int | float):
            return float(scale["score"])
        return None
    if isinstance(scale, list):
        tops = [t for t in map(_highest, scale) if t is not None]
        return max(tops, default=None)
    return None


# ---------------------------------------------------------------- the public calls

def program_status(db: Database, program_id: int, *, as_of: dt.date | None = None,
                   quiet_days: int = DEFAULT_QUIET_DAYS) -> Status:
    """The whole tracker of one program as of a day (today by default)."""
    program = get_program(db, program_id)
    as_of = as_of or dt.date.today()
    rtl, rtl_by = _rtl(db, program_id, as_of)
    return Status(*_tracked(db, program, as_of, quiet_days, months=True), rtl, rtl_by,
                  _latest_monev(db, program_id, as_of))


def reach_and_quiet(db: Database, program_id: int, as_of: dt.date | None = None, *,
                    quiet_days: int = DEFAULT_QUIET_DAYS) -> ReachAndQuiet:
    """The reach and the pairs as program_status counts them, without the contacts per
    month, the RTL and the monev (Beranda's part, a third of the time)."""
    program = get_program(db, program_id)
    return ReachAndQuiet(*_tracked(db, program, as_of or dt.date.today(), quiet_days,
                                   months=False))


def _tracked(db: Database, program: Program, as_of: dt.date, quiet_days: int, *,
             months: bool) -> tuple:
    """ReachAndQuiet's fields, the reading program_status and reach_and_quiet share."""
    people = _people(db, program.id)
    window = follow_up_window(db, program.id)
    led = _pair_days(db, program.id, as_of)
    last, per_month = _logged(db, program.id, as_of, window, months=months)
    pairs = _pairs(people, as_of, quiet_days, window, led, last, per_month if months else None)
    return (program.id, as_of, quiet_days, window,
            _reach(db, program, people, as_of, led, last), tuple(pairs))


def quiet_pairs(db: Database, program_id: int, as_of: dt.date | None = None,
                quiet_days: int = DEFAULT_QUIET_DAYS) -> list[PairContact]:
    """The pairs gone quiet (no contact in more than quiet_days, inside the follow-up
    window), longest silence first. Beranda's list."""
    get_program(db, program_id)
    as_of = as_of or dt.date.today()
    window = follow_up_window(db, program_id)
    if window is None or as_of not in window:
        return []
    people = _people(db, program_id)
    last, _months = _logged(db, program_id, as_of, window, months=False)
    pairs = _pairs(people, as_of, quiet_days, window, _pair_days(db, program_id, as_of), last, {})
    return sorted((p for p in pairs if p.quiet), key=_quiet_order)


def contacts_by_month(db: Database, program_id: int) -> dict[str, int]:
    """'YYYY-MM' -> contacts in the program (pendampingan entries, and days an imbas was
    hadir in a pengimbasan their own mentor led), every month from the first contact or
    the follow-up window's start to the last or the window's end, empty months as 0."""
    get_program(db, program_id)
    counts: dict[str, int] = dict(db.execute(
        "SELECT substr(day, 1, 7), count(*) FROM mentoring_log WHERE program_id = ? GROUP BY 1",
        [program_id]).fetchall())
    for month, n in db.execute(
            "SELECT substr(day, 1, 7), count(*) FROM (SELECT DISTINCT m.participant_id, m.day "
            + _PENGIMBASAN_HADIR.replace("WHERE", "JOIN participants t ON t.id = m.participant_id "
                                         "AND t.mentor_id = a.leader_id WHERE")
            + ") GROUP BY 1", [program_id, "9999-12-31"]):
        counts[month] = counts.get(month, 0) + n
    window = follow_up_window(db, program_id)
    bounds = list(counts) + ([window.start.isoformat()[:7], window.end.isoformat()[:7]]
                             if window else [])
    if not bounds:
        return {}
    month, last = min(bounds), max(bounds)
    result = {}
    while month <= last:
        result[month] = counts.get(month, 0)
        month = _next_month(month)
    return result
