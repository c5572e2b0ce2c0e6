"""The laporan program's view: every figure the program's report prints, counted once in
one read: participants per province, kab/kota, tier, subject and jenjang; reach against
the ratio's target (follow_up.program_status); attendance and JP per activity;
certificates issued; the pendampingan log per month and per mode; the RTL by status; and
the monev scores of the first and last visit per instrument."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from .. import activities, certificates, charts, follow_up, office, programs
from .. import attendance as att
from .. import indonesia as ind
from ..office import OfficeProfile
from ..programs import Program
from . import snapshot
from .activity_report import RegionRow, region_rows

UNKNOWN = "Tidak diketahui"
MODES = {"tatap-muka": "Tatap muka", "daring": "Daring", "telepon": "Telepon/WhatsApp",
         "surel": "Surel"}  # mentoring_log.mode's CHECK, as the log's module words them
RTL_STATUSES = {"belum": "Belum mulai", "berjalan": "Berjalan", "selesai": "Selesai"}


@dataclass(frozen=True)
class CountRow:
    label: str
    counts: tuple[int, ...]  # per tier, 1..program.tiers
    total: int


@dataclass(frozen=True)
class ReachRow:
    name: str
    ident: str  # NIP as printed, else NUPTK
    tier_label: str
    planned: int
    reached: int
    target: int | None

    @property
    def percentage(self) -> float | None:
        return 100.0 * self.reached / self.target if self.target else None


@dataclass(frozen=True)
class ActivityRow:
    title: str
    kind_label: str
    start: dt.date
    end: dt.date
    participants: int
    sessions: int
    recorded: bool  # any attendance entered
    percent: float  # hadir of every (participant, session), in percent
    jp: float  # the activity's JP (its sessions)
    jp_earned: float  # mean JP earned per participant
    certificates: int  # valid ones issued for it


@dataclass(frozen=True)
class ActivityFigures:
    """An activity with its report row and the day of each of its sessions where none of
    its participants has a mark yet (Beranda's daftar hadir not entered)."""
    activity: activities.Activity
    row: ActivityRow
    unmarked: tuple[dt.date, ...]


@dataclass(frozen=True)
class CertificateRow:
    activity: str
    issued: int  # valid
    voided: int
    first: dt.date | None
    last: dt.date | None
    jp: float  # the JP printed on them (the most common)


@dataclass(frozen=True)
class MonthRow:
    month: str  # 'YYYY-MM'
    counts: tuple[int, ...]  # per mode, in MODES' order
    jp: float

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class ModeRow:
    mode: str  # its label
    contacts: int
    jp: float
    pairs: int  # distinct pairs with a contact in this mode


@dataclass(frozen=True)
class RtlRow:
    tier_label: str
    counts: tuple[int, int, int]  # belum, berjalan, selesai
    overdue: int

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class MonevRow:
    form: str  # the instrument's name
    entries: int  # scored visits
    participants: int
    compared: int  # participants visited at least twice
    first_mean: float | None  # mean percentage at the first visit (of those compared)
    last_mean: float | None

    @property
    def change(self) -> float | None:
        if self.first_mean is None or self.last_mean is None:
            return None
        return self.last_mean - self.first_mean


@dataclass(frozen=True)
class MonevPerson:
    name: str
    tier_label: str
    form: str
    visits: int
    first_day: dt.date
    first: float
    last_day: dt.date
    last: float


@dataclass(frozen=True)
class ProgramReportView:
    profile: OfficeProfile
    program: Program
    as_of: dt.date
    tier_totals: tuple[int, ...]
    provinces: tuple[CountRow, ...]
    regions: tuple[RegionRow, ...]
    subjects: tuple[CountRow, ...]
    jenjang: tuple[CountRow, ...]
    pairs: int  # participants with a mentor
    reach: tuple[ReachRow, ...]  # every mentor: the top tier first, then the middle
    planned: int
    reached: int
    target: int | None
    quiet: int  # pairs gone quiet as of as_of
    activities: tuple[ActivityRow, ...]
    certificates: tuple[CertificateRow, ...]
    months: tuple[MonthRow, ...]
    modes: tuple[ModeRow, ...]
    contacted_pairs: int  # pairs with at least one pendampingan entry
    rtl: tuple[RtlRow, ...]  # per tier
    monev: tuple[MonevRow, ...]
    monev_people: tuple[MonevPerson, ...]

    @property
    def participants(self) -> int:
        return sum(self.tier_totals)

    @property
    def top_reach(self) -> tuple[ReachRow, ...]:
        label = self.program.label(1)
        return tuple(r for r in self.reach if r.tier_label == label)

    @property
    def percentage(self) -> float | None:
        return 100.0 * self.reached / self.target if self.target else None

    @property
    def issued(self) -> int:
        return sum(r.issued for r in self.certificates)

    @property
    def contacts(self) -> int:
        return sum(m.contacts for m in self.modes)

    @property
    def contact_jp(self) -> float:
        return sum(m.jp for m in self.modes)

    def rtl_total(self) -> RtlRow:
        return RtlRow("Jumlah", tuple(sum(r.counts[i] for r in self.rtl) for i in range(3)),
                      sum(r.overdue for r in self.rtl))

    @property
    def mean_attendance(self) -> float | None:
        """Over the activities with attendance entered, weighted by their marks."""
        rows = [a for a in self.activities if a.recorded and a.sessions and a.participants]
        slots = sum(a.sessions * a.participants for a in rows)
        return sum(a.percent * a.sessions * a.participants for a in rows) / slots if slots \
            else None


def program_report_view(db, program_id: int, *, as_of: dt.date | None = None
                        ) -> ProgramReportView:
    """Everything the laporan program prints, read at once, as of `as_of` (today by
    default: what is overdue or quiet). Raises NotFoundError for an unknown program."""
    as_of = as_of or dt.date.today()
    with snapshot(db):
        program = programs.get_program(db, program_id)
        people = programs.list_participants(db, program_id)
        status = follow_up.program_status(db, program_id, as_of=as_of)
        by_id = {p["id"]: p for p in people}
        return ProgramReportView(
            office.load_profile(db), program, as_of,
            tuple(sum(1 for p in people if p["tier"] == t) for t in range(1, program.tiers + 1)),
            tuple(_count_rows(people, program.tiers, lambda p: p.get("province"))),
            tuple(region_rows(people, program.tiers)),
            tuple(_count_rows(people, program.tiers, lambda p: p.get("subject"))),
            tuple(_count_rows(people, program.tiers,
                              lambda p: p.get("jenjang") or program.jenjang)),
            sum(1 for p in people if p["mentor_id"] in by_id),
            tuple(_reach_rows(status, program, by_id)),
            status.planned, status.reached, status.target, len(status.quiet),
            tuple(f.row for f in activity_figures(db, program_id)),
            tuple(_certificate_rows(db, program_id)),
            tuple(month_rows(db, program_id, status.window, as_of)),
            tuple(_mode_rows(db, program_id)),
            # the pairs as they are now with an entry: a seek per pair in the pair index
            db.execute("SELECT count(*) FROM participants e WHERE e.program_id = ? AND "
                       "e.mentor_id IS NOT NULL AND EXISTS (SELECT 1 FROM mentoring_log l "
                       "WHERE l.mentor_id = e.mentor_id AND l.mentee_id = e.id AND "
                       "l.program_id = ?)", [program_id, program_id]).fetchone()[0],
            tuple(_rtl_rows(db, program, as_of)),
            *_monev(db, program, by_id))


def _count_rows(people: list[dict], tiers: int, key) -> list[CountRow]:
    counts: Counter = Counter()
    for person in people:
        counts[(key(person) or UNKNOWN, person["tier"])] += 1
    labels = sorted({label for label, _ in counts}, key=lambda s: (s == UNKNOWN, s.casefold()))
    rows = []
    for label in labels:
        per_tier = tuple(counts[(label, t)] for t in range(1, tiers + 1))
        rows.append(CountRow(label, per_tier, sum(per_tier)))
    return rows


def identity(person: dict | None) -> str:
    if not person:
        return ""
    return ind.format_nip(person["nip"]) if person.get("nip") else (person.get("nuptk") or "")


def _reach_rows(status, program: Program, by_id: dict) -> list[ReachRow]:
    rows = [ReachRow(r.person.name, identity(by_id.get(r.person.participant_id)),
                     program.label(r.person.tier), r.planned, r.reached, r.target)
            for r in status.mentors]
    return sorted(rows, key=lambda r: program.labels.index(r.tier_label)
                  if r.tier_label in program.labels else 99)


def activity_figures(db, program_id: int) -> list[ActivityFigures]:
    """Per activity of the program its ActivityRow, attendance counted as att.recap counts it
    (the marks of its participants in its rundown's sessions), by start and title: the
    rundown and the certificates read for the whole program at once, the marks per
    activity (its primary key leads: half the time of a join for 465 pengimbasan)."""
    found = [activities.get_activity(db, aid) for (aid,) in db.execute(
        "SELECT id FROM activities WHERE program_id = ? ORDER BY start_date, id", [program_id])]
    items = _rundowns(db, program_id)
    taking = dict(db.execute(
        "SELECT x.activity_id, count(*) FROM activity_participants x JOIN activities a ON "
        "a.id = x.activity_id WHERE a.program_id = ? GROUP BY 1", [program_id]).fetchall())
    given = dict(db.execute("SELECT activity_id, count(*) FROM certificates WHERE program_id = ? "
                            "AND voided_at IS NULL GROUP BY 1", [program_id]).fetchall())
    result = []
    for activity in found:
        marked: dict[tuple[str, str], list[int]] = {}  # (day, slot) -> [any, hadir]
        for day, slot, status, n in db.execute(
                "SELECT day, slot, status, count(*) FROM attendance_marks WHERE activity_id = ? "
                "AND participant_id IN (SELECT participant_id FROM activity_participants WHERE "
                "activity_id = ?) GROUP BY 1, 2, 3", [activity.id, activity.id]):
            counts = marked.setdefault((day, slot), [0, 0])
            counts[0] += n
            counts[1] += n if status == "hadir" else 0
        sessions = att.sessions_of(activity, items.get(activity.id, []))
        people = taking.get(activity.id, 0)
        counts = [marked.get(s.key, (0, 0)) for s in sessions]
        hadir = sum(c[1] for c in counts)
        slots = len(sessions) * people
        row = ActivityRow(
            activity.title, activity.kind_label, activity.start, activity.end, people,
            len(sessions), any(c[0] for c in counts), 100.0 * hadir / slots if slots else 0.0,
            sum(s.jp for s in sessions),
            sum(c[1] * s.jp for c, s in zip(counts, sessions, strict=True)) / people
            if people else 0.0, given.get(activity.id, 0))
        result.append(ActivityFigures(activity, row, tuple(
            s.day for c, s in zip(counts, sessions, strict=True) if not c[0])))
    result.sort(key=lambda f: (f.row.start, f.row.title))
    return result


def _rundowns(db, program_id: int) -> dict[int, list[activities.Item]]:
    """activity id -> its rundown as activities.list_items reads it, in one query."""
    def clock(text: str | None) -> dt.time | None:
        return dt.time.fromisoformat(text) if text else None

    items: dict[int, list[activities.Item]] = defaultdict(list)
    for aid, day, start, end, text, place, pic, jp, taken, school, iid in db.execute(
            "SELECT r.activity_id, r.day, r.start_time, r.end_time, r.description, "
            "coalesce(r.place, ''), coalesce(r.pic, ''), r.jp, r.attendance, r.school_id, r.id "
            "FROM rundown_items r JOIN activities a ON a.id = r.activity_id WHERE "
            "a.program_id = ? ORDER BY r.activity_id, r.day, r.position, r.id", [program_id]):
        items[aid].append(activities.Item(dt.date.fromisoformat(day), clock(start), clock(end),
                                          text, place, pic, jp, bool(taken), school, iid))
    return items


def summed_pengimbasan(rows) -> ActivityRow | None:
    """The pengimbasan among `rows` (one per mitra: 465 in a province) as one row titled
    'Pengimbasan (465 kegiatan)': participants, sessions, JP and certificates added up, the
    attendance of those entered weighted by their slots; None when there is none."""
    label = activities.KINDS["pengimbasan"]
    led = [r for r in rows if r.kind_label == label]
    if not led:
        return None
    slots = [r.sessions * r.participants for r in led]
    marked = [s for r, s in zip(led, slots, strict=True) if r.recorded]
    hadir = sum(r.percent * s for r, s in zip(led, slots, strict=True) if r.recorded)
    people = sum(r.participants for r in led)
    return ActivityRow(
        f"{label} ({len(led)} kegiatan)", label, min(r.start for r in led),
        max(r.end for r in led), people, sum(r.sessions for r in led), bool(marked),
        hadir / sum(marked) if sum(marked) else 0.0, sum(r.jp for r in led),
        sum(r.jp_earned * r.participants for r in led) / people if people else 0.0,
        sum(r.certificates for r in led))


def condensed_activities(rows) -> tuple[ActivityRow, ...]:
    """`rows` with the pengimbasan summed up as one row (summed_pengimbasan), by start."""
    summed = summed_pengimbasan(rows)
    kept = [r for r in rows if r.kind_label != activities.KINDS["pengimbasan"]]
    return tuple(sorted([*kept, *([summed] if summed else [])], key=lambda r: (r.start, r.title)))


def _certificate_rows(db, program_id: int) -> list[CertificateRow]:
    titles = dict(db.execute("SELECT id, title FROM activities WHERE program_id = ?",
                             [program_id]).fetchall())
    groups: dict[int | None, list[dict]] = defaultdict(list)
    for row in certificates.register(db, program_id=program_id):
        groups[row["activity_id"]].append(row)
    rows = []
    for activity_id, group in groups.items():
        valid = [r for r in group if not r["voided"]]
        days = sorted(dt.date.fromisoformat(r["issued_on"][:10]) for r in valid)
        jp = Counter(r["jp"] for r in valid).most_common(1)
        rows.append(CertificateRow(titles.get(activity_id, "(kegiatan sudah dihapus)"),
                                   len(valid), len(group) - len(valid),
                                   days[0] if days else None, days[-1] if days else None,
                                   jp[0][0] if jp else 0.0))
    return sorted(rows, key=lambda r: (r.first or dt.date.max, r.activity))


def month_rows(db, program_id: int, window, as_of: dt.date) -> list[MonthRow]:
    """Contacts per month and mode, every month from the first (or the follow-up window's
    start) to the last (or the window's end, not past as_of), empty months as 0."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    jp: dict[str, float] = defaultdict(float)
    # Read straight through the table (+program_id: not by the program's index, whose
    # row-by-row lookups take three times as long for a province's 60,000 entries), by day
    # (grouping by the column as it is beats grouping by substr), months added up here.
    for day, mode, n, total_jp in db.execute(
            "SELECT day, mode, count(*), coalesce(sum(jp), 0) FROM mentoring_log "
            "WHERE +program_id = ? GROUP BY 1, 2", [program_id]):
        counts[(day[:7], mode)] += n
        jp[day[:7]] += total_jp
    if not counts:
        return []
    months = {m for m, _ in counts}
    if window:
        months |= {window.start.isoformat()[:7], min(window.end, as_of).isoformat()[:7]}
    month, last = min(months), max(months)
    rows = []
    while month <= last:
        rows.append(MonthRow(month, tuple(counts.get((month, m), 0) for m in MODES),
                             float(jp[month])))
        year, number = int(month[:4]), int(month[5:])
        month = f"{year + number // 12}-{number % 12 + 1:02d}"
    return rows


def _mode_rows(db, program_id: int) -> list[ModeRow]:
    # a pair as one integer (ids fit in 32 bits), not a string made per entry; straight
    # through the table as month_rows reads it
    found = {mode: (n, total_jp, pairs) for mode, n, total_jp, pairs in db.execute(
        "SELECT mode, count(*), coalesce(sum(jp), 0), count(DISTINCT (mentor_id << 32) + "
        "mentee_id) FROM mentoring_log WHERE +program_id = ? GROUP BY mode", [program_id])}
    return [ModeRow(label, *found.get(mode, (0, 0.0, 0))) for mode, label in MODES.items()]


def _rtl_rows(db, program: Program, as_of: dt.date) -> list[RtlRow]:
    counts: dict[int, list[int]] = {t: [0, 0, 0, 0] for t in range(1, program.tiers + 1)}
    order = list(RTL_STATUSES)
    for tier, status, n, overdue in db.execute(
            "SELECT t.tier, a.status, count(*), sum(a.status <> 'selesai' AND a.due < ?) FROM "
            "action_plans a JOIN participants t ON t.id = a.participant_id WHERE "
            "a.program_id = ? GROUP BY 1, 2", [as_of.isoformat(), program.id]):
        row = counts.setdefault(tier, [0, 0, 0, 0])
        row[order.index(status)] += n
        row[3] += overdue or 0
    return [RtlRow(program.label(tier), tuple(c[:3]), c[3]) for tier, c in sorted(counts.items())]


def _monev(db, program: Program, by_id: dict) -> tuple[tuple[MonevRow, ...],
                                                        tuple[MonevPerson, ...]]:
    """Per instrument (by code, any version: each visit scored against its own version's
    maximum): the scored visits, and per participant the first and the last."""
    forms, asked = {}, set()
    for fid, code, name, scale, items, stages in db.execute(
            "SELECT f.id, f.code, f.name, f.scale, f.items, f.stages FROM monev_forms f WHERE "
            "f.id IN (SELECT form_id FROM monev_entries WHERE program_id = ?)", [program.id]):
        forms[fid] = (code, name, follow_up.form_maximum(scale, items))
        # pra- and pasca-observasi answer questions: nothing scored
        asked |= {(fid, code) for code in follow_up.question_stages(stages)}
    visits: dict[str, dict[int, list[tuple[dt.date, float]]]] = defaultdict(dict)
    names: dict[str, str] = {}
    # each entry's sum by its scores' primary key (a third of the time of joining them all)
    for form_id, pid, day, stage, total in db.execute(
            "SELECT e.form_id, e.participant_id, e.day, e.stage, (SELECT sum(s.score) FROM "
            "monev_scores s WHERE s.entry_id = e.id) FROM monev_entries e WHERE "
            "e.program_id = ? ORDER BY e.day, e.id", [program.id]):
        if (form_id, stage) in asked:
            continue
        code, name, maximum = forms[form_id]
        if not maximum or total is None:  # no score: not scored
            continue
        names[code] = name  # the latest version's name, visits run by day
        visits[code].setdefault(pid, []).append((dt.date.fromisoformat(day[:10]),
                                                 100.0 * total / maximum))
    rows, people = [], []
    for code, per_person in visits.items():
        twice = [v for v in per_person.values() if len(v) > 1]
        rows.append(MonevRow(names[code], sum(len(v) for v in per_person.values()),
                             len(per_person), len(twice),
                             sum(v[0][1] for v in twice) / len(twice) if twice else None,
                             sum(v[-1][1] for v in twice) / len(twice) if twice else None))
        for pid, v in per_person.items():
            person = by_id.get(pid, {})
            people.append(MonevPerson(person.get("name", ""), person.get("tier_label", ""),
                                      names[code], len(v), v[0][0], v[0][1], v[-1][0], v[-1][1]))
    people.sort(key=lambda p: (p.form, p.name.casefold()))
    return tuple(rows), tuple(people)


# ---------------------------------------------------------------- the report's charts
# The same specs draw on Beranda (ui/widgets/chart.py) and in the PDF.

def participants_chart(view: ProgramReportView) -> charts.BarChart:
    """Participants per province, stacked by tier."""
    program = view.program
    return charts.BarChart(tuple(r.label for r in view.provinces),
                           tuple(charts.Series(program.role(t), tuple(r.counts[t - 1]
                                                                      for r in view.provinces))
                                 for t in range(1, program.tiers + 1)),
                           title="Peserta per provinsi dan tingkat")


def reach_chart(view: ProgramReportView, *, most: int = 30) -> charts.ProgressChart:
    """Reach against target per top-tier mentor (the program's total when there are more
    than `most` of them)."""
    rows = view.top_reach
    label = view.program.role(1)
    if len(rows) > most:
        progress = (charts.Progress("Seluruh program", view.reached, view.planned,
                                    view.target or 0),)
    else:
        progress = tuple(charts.Progress(r.name, r.reached, r.planned, r.target or 0)
                         for r in rows)
    return charts.ProgressChart(progress, title=f"Jangkauan per {label}")


def attendance_per_activity_chart(view: ProgramReportView, rows=None) -> charts.BarChart:
    """Attendance per activity entered, of `rows` (the view's activities by default)."""
    rows = [a for a in (view.activities if rows is None else rows) if a.recorded]
    return charts.attendance_chart(distinct_labels([a.title for a in rows]),
                                   [a.percent for a in rows], title="Kehadiran per kegiatan (%)")


def distinct_labels(titles: list[str]) -> list[str]:
    """Chart labels that tell activities apart: the words all titles of a kind open with
    ("Pengimbasan Praktik Baik MGMP ...") are shortened to the first and "...", so what
    differs (the subject, the kab/kota) is what shows in the few lines a label has."""
    words = [t.split() for t in titles]
    groups: dict[str, list[list[str]]] = {}
    for own in words:
        if own:
            groups.setdefault(own[0], []).append(own)
    shared = {}
    for first, group in groups.items():
        length = min(len(w) for w in group) - 1
        common = 0
        while len(group) > 1 and common < length and len({w[common] for w in group}) == 1:
            common += 1
        shared[first] = common
    return [" ".join([w[0], "…", *w[shared[w[0]]:]]) if w and shared[w[0]] >= 3 else " ".join(w)
            for w in words]


def contacts_chart(view: ProgramReportView) -> charts.BarChart:
    """Pendampingan contacts per month, stacked by mode."""
    return charts.BarChart(tuple(charts.month_label(m.month) for m in view.months),
                           tuple(charts.Series(label, tuple(m.counts[i] for m in view.months))
                                 for i, label in enumerate(MODES.values())),
                           horizontal=False, title="Kontak pendampingan per bulan")


def monev_chart(view: ProgramReportView) -> charts.BarChart:
    """The mean score of the first and the last visit per instrument, side by side."""
    rows = [r for r in view.monev if r.compared]
    return charts.BarChart(tuple(r.form for r in rows),
                           (charts.Series("Kunjungan pertama", tuple(r.first_mean for r in rows)),
                            charts.Series("Kunjungan terakhir", tuple(r.last_mean for r in rows))),
                           stacked=False, percent=True,
                           title="Rata-rata skor monev: kunjungan pertama dan terakhir (%)")
