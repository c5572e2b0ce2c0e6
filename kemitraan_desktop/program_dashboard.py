"""Beranda's dashboard of one program, read in one go: what is to be done next
(participants without a pair, the activities of this week, daftar hadir not yet entered,
certificates not yet issued, pairs gone quiet, RTL overdue) and the four charts the
laporan program also prints, built from a few set-based queries instead of the whole
report (views/program_report.py), with the report's own chart functions.

"Gone quiet" is counted as of today inside the four months after the last OJL; once that
window has passed, as of its last day (what the pairs did in those four months), and
before it opens there is nothing to count yet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from . import activities as act
from . import follow_up, programs
from .follow_up import PairContact, Window
from .pairing import unpaired_counts
from .programs import Program
from .views import program_report as report
from .views import snapshot

QUIET_SHOWN = 8  # Beranda lists this many; "lihat semua" opens the follow-up area
REACH_ROWS = 10  # more inti than this: the reach chart shows the program's total
ATTENDANCE_ROWS = 8  # more activities entered than this: the pengimbasan as one bar


# ---------------------------------------------------------------- the records

@dataclass(frozen=True)
class ProgramChoice:
    id: int
    title: str  # "Kemitraan Guru SMP (2019)"
    year: int
    participants: int


@dataclass(frozen=True)
class WeekActivity:
    """An activity held (at least partly) this week, with its days within the week."""
    activity_id: int
    title: str
    kind_label: str
    start: dt.date
    end: dt.date
    days: tuple[dt.date, ...]

    def day_number(self, day: dt.date) -> int | None:
        """Which day of the activity `day` is (1 = its first), None outside it."""
        return (day - self.start).days + 1 if self.start <= day <= self.end else None

    @property
    def length(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class PendingActivity:
    """An activity with paper work waiting: its past sessions with no mark at all (the
    daftar hadir not entered), or, ended, no certificate issued yet."""
    activity_id: int
    title: str
    start: dt.date
    end: dt.date
    participants: int
    sessions: int  # daftar hadir: the past sessions without a mark; certificates: 0


@dataclass(frozen=True)
class Todo:
    """One line of "Yang perlu dikerjakan": `target` is where its button goes (the
    program for pairs, quiet and rtl; the first activity for the others)."""
    key: str  # pairs, week, attendance, certificates, quiet, rtl
    count: int
    target: int | None


@dataclass(frozen=True)
class ChartFigures:
    """What the report's chart functions read of a ProgramReportView, counted the light way:
    `program_report.participants_chart(figures)` and the others take this as they take
    the whole view, so Beranda and the printed report draw the same chart."""
    program: Program
    provinces: tuple[report.CountRow, ...]
    top_reach: tuple[report.ReachRow, ...]
    planned: int
    reached: int
    target: int | None
    activities: tuple[report.ActivityRow, ...]  # as the report's, or summed up (chart_rows)
    months: tuple[report.MonthRow, ...]


@dataclass(frozen=True)
class Overview:
    program: Program
    today: dt.date
    week: tuple[dt.date, dt.date]  # Monday and Sunday of today's week
    tier_totals: tuple[int, ...]
    unpaired: tuple[tuple[int, int], ...]  # (tier, participants without a mentor)
    this_week: tuple[WeekActivity, ...]
    attendance_missing: tuple[PendingActivity, ...]
    certificates_missing: tuple[PendingActivity, ...]
    window: Window | None  # the four months after the last OJL
    quiet_as_of: dt.date | None  # None: the window has not opened (or no OJL yet)
    quiet: tuple[PairContact, ...]  # every quiet pair, the longest silence first
    rtl_overdue: int
    figures: ChartFigures

    @property
    def participants(self) -> int:
        return sum(self.tier_totals)

    @property
    def unpaired_total(self) -> int:
        return sum(n for _tier, n in self.unpaired)

    @property
    def window_ended(self) -> bool:
        return self.window is not None and self.today > self.window.end

    @property
    def quiet_shown(self) -> tuple[PairContact, ...]:
        return self.quiet[:QUIET_SHOWN]

    def todo(self) -> tuple[Todo, ...]:
        pid = self.program.id

        def first(rows) -> int | None:
            return rows[0].activity_id if rows else None
        return (Todo("pairs", self.unpaired_total, pid),
                Todo("week", len(self.this_week), first(self.this_week)),
                Todo("attendance", len(self.attendance_missing), first(self.attendance_missing)),
                Todo("certificates", len(self.certificates_missing),
                     first(self.certificates_missing)),
                Todo("quiet", len(self.quiet), pid),
                Todo("rtl", self.rtl_overdue, pid))

    def charts(self) -> dict[str, object]:
        """The four chart specs, by key: participants, reach, attendance, contacts."""
        f = self.figures
        return {"participants": report.participants_chart(f),
                "reach": report.reach_chart(f, most=REACH_ROWS),
                "attendance": report.attendance_per_activity_chart(f),
                "contacts": report.contacts_chart(f)}


# ---------------------------------------------------------------- the programs

def program_choices(db: Database) -> list[ProgramChoice]:
    """Every program, the newest first (by year, then the last made), with its size."""
    sizes = dict(db.execute("SELECT program_id, count(*) FROM participants GROUP BY 1").fetchall())
    return [ProgramChoice(pid, f"{name} ({year})", year, sizes.get(pid, 0)) for pid, name, year
            in db.execute("SELECT id, name, year FROM programs ORDER BY year DESC, id DESC")]


def pick_program(choices: list[ProgramChoice], remembered: int | None) -> int | None:
    """The program Beranda opens: the one chosen last time while it exists, else the newest."""
    ids = [c.id for c in choices]
    if remembered in ids:
        return remembered
    return ids[0] if ids else None


# ---------------------------------------------------------------- reading

def program_overview(db: Database, program_id: int, today: dt.date | None = None) -> Overview:
    """Everything Beranda shows of a program, in one read transaction. Raises
    NotFoundError for an unknown program."""
    today = today or dt.date.today()
    with snapshot(db):
        program = programs.get_program(db, program_id)
        week = (today - dt.timedelta(days=today.weekday()),
                today + dt.timedelta(days=6 - today.weekday()))
        rows = _activity_rows(db, program, today)
        window = follow_up.follow_up_window(db, program_id)
        quiet_as_of = _quiet_as_of(window, today)
        # One tracker read for the quiet pairs and the reach (not its monthly counts, RTL and
        # monev): past the window, both as they stood on its last day (the report printed
        # "as of" that day shows the same).
        status = follow_up.reach_and_quiet(db, program_id, quiet_as_of or today)
        quiet = sorted(status.quiet, key=lambda p: (-(p.days_since or 0), p.mentor.name,
                                                    p.mentee.name))  # as quiet_pairs sorts
        return Overview(
            program, today, week, _tier_totals(db, program),
            tuple(sorted(unpaired_counts(db, program_id).items())),
            tuple(_this_week(rows, week)),
            tuple(_attendance_missing(rows)),
            tuple(_certificates_missing(rows, today)),
            window, quiet_as_of, tuple(quiet),
            db.execute("SELECT count(*) FROM action_plans WHERE program_id = ? AND "
                       "status <> 'selesai' AND due < ?",  # as the quiet pairs: at the
                       [program_id, (quiet_as_of or today).isoformat()]).fetchone()[0],  # end
            ChartFigures(program, tuple(_province_rows(db, program)),
                         tuple(_top_reach(status, program)), status.planned, status.reached,
                         status.target, chart_rows([r.row for r in rows]),
                         tuple(report.month_rows(db, program_id, window,
                                                 quiet_as_of or today))))


def _quiet_as_of(window: Window | None, today: dt.date) -> dt.date | None:
    if window is None or today < window.start:
        return None
    return min(today, window.end)


def _tier_totals(db: Database, program: Program) -> tuple[int, ...]:
    counts = dict(db.execute("SELECT tier, count(*) FROM participants WHERE program_id = ? "
                             "GROUP BY 1", [program.id]).fetchall())
    return tuple(counts.get(t, 0) for t in range(1, program.tiers + 1))


@dataclass(frozen=True)
class _Activity:
    activity: act.Activity
    row: report.ActivityRow
    participants: int
    unmarked_past: int  # sessions before today with no mark at all


def _activity_rows(db: Database, program: Program, today: dt.date) -> list[_Activity]:
    """Per activity the report's ActivityRow (report.activity_figures: attendance as its
    recap counts it) and its past sessions without a mark."""
    return [_Activity(f.activity, f.row, f.row.participants,
                      sum(1 for day in f.unmarked if day < today) if f.row.participants else 0)
            for f in report.activity_figures(db, program.id)]


def chart_rows(rows: list[report.ActivityRow]) -> tuple[report.ActivityRow, ...]:
    """The activities of the attendance chart: the report's rows while they fit Beranda
    (ATTENDANCE_ROWS entered), else the pengimbasan (a province has one per mitra: 465)
    summed up as one row, weighted by their slots; still too many, the latest."""
    if sum(r.recorded for r in rows) <= ATTENDANCE_ROWS:
        return tuple(rows)
    rows = report.condensed_activities(rows)
    entered = [r for r in rows if r.recorded][-ATTENDANCE_ROWS:]
    return tuple(r for r in rows if not r.recorded or r in entered)


def _this_week(rows: list[_Activity], week: tuple[dt.date, dt.date]) -> list[WeekActivity]:
    monday, sunday = week
    found = []
    for r in rows:
        a = r.activity
        if a.start <= sunday and a.end >= monday:
            days = tuple(d for d in a.days if monday <= d <= sunday)
            found.append(WeekActivity(a.id, a.title, a.kind_label, a.start, a.end, days))
    return found


def _attendance_missing(rows: list[_Activity]) -> list[PendingActivity]:
    return [PendingActivity(r.activity.id, r.activity.title, r.activity.start, r.activity.end,
                            r.participants, r.unmarked_past) for r in rows if r.unmarked_past]


# The kinds whose participants get a certificate (a JP-bearing training); a rakor, a
# pendampingan visit or a mitra's pengimbasan session is not certified by the office.
CERTIFIED_KINDS = ("workshop", "ojl1", "ojl2", "evaluasi", "lainnya")


def _certificates_missing(rows: list[_Activity], today: dt.date) -> list[PendingActivity]:
    """Ended training activities with participants and not one valid certificate issued."""
    return [PendingActivity(r.activity.id, r.activity.title, r.activity.start, r.activity.end,
                            r.participants, 0)
            for r in rows if r.activity.end < today and r.participants
            and r.activity.kind in CERTIFIED_KINDS and not r.row.certificates]


def _province_rows(db: Database, program: Program) -> list[report.CountRow]:
    """Participants per province and tier, as the report counts them (unknown last)."""
    counts: dict[str, list[int]] = {}
    for province, tier, n in db.execute(
            "SELECT r.province, t.tier, count(*) FROM participants t LEFT JOIN people p ON "
            "p.id = t.person_id LEFT JOIN regions r ON r.code = p.region_code WHERE "
            "t.program_id = ? GROUP BY 1, 2", [program.id]):
        label = province or report.UNKNOWN
        per_tier = counts.setdefault(label, [0] * program.tiers)
        if 1 <= tier <= program.tiers:
            per_tier[tier - 1] += n
    labels = sorted(counts, key=lambda s: (s == report.UNKNOWN, s.casefold()))
    return [report.CountRow(label, tuple(counts[label]), sum(counts[label])) for label in labels]


def _top_reach(status: follow_up.ReachAndQuiet, program: Program) -> list[report.ReachRow]:
    return [report.ReachRow(r.person.name, report.identity({"nip": r.person.nip,
                                                            "nuptk": r.person.nuptk}),
                            program.label(r.person.tier), r.planned, r.reached, r.target)
            for r in status.top]
