"""The laporan kegiatan's view: the activity, the texts, and every figure the report prints
(schedule per day, participants per region and tier, attendance per session and per
participant, certificates issued, photos), counted here once, in one read."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from .. import activities, activity_report, certificates, office, programs
from .. import attendance as att
from .. import indonesia as ind
from ..activities import Activity, Item
from ..activity_report import Photo
from ..office import OfficeProfile, Signatory
from ..programs import Program
from . import snapshot

# Rundown items that are a break, not part of what the activity did (the summary per day).
BREAK_WORDS = ("ishoma", "rehat", "istirahat", "coffee break", "makan siang", "salat", "sholat")


@dataclass(frozen=True)
class DayRow:
    day: dt.date
    time: str  # `07.30 - 15.15 WIB`, or '' when nothing is timed
    titles: tuple[str, ...]  # what the day held, host schools' copies once, breaks left out
    jp: float


@dataclass(frozen=True)
class RegionRow:
    province: str
    region: str  # kab/kota, or 'Tidak diketahui'
    counts: tuple[int, ...]  # per tier, 1..program.tiers
    total: int


@dataclass(frozen=True)
class SessionRow:
    label: str  # `Senin, 10 September 2018, 08.00 Pembukaan ...`
    counts: tuple[int, int, int, int, int]  # hadir, izin, sakit, alpa, not recorded
    percent: float  # hadir of all participants


@dataclass(frozen=True)
class PersonRow:
    name: str
    ident: str  # NIP as printed, else NUPTK
    tier_label: str
    school: str
    attended: int
    sessions: int
    percent: float


@dataclass(frozen=True)
class CertificateRow:
    number: str
    name: str
    tier_label: str
    jp: float


@dataclass(frozen=True)
class ActivityReportView:
    profile: OfficeProfile
    activity: Activity
    program: Program
    city: str  # the activity's kab/kota
    zone: str  # WIB, WITA, WIT
    texts: tuple[tuple[str, str], ...]  # (section, text) in SECTIONS' order
    typed: frozenset[str]  # sections the office typed; the rest are defaults
    days: tuple[DayRow, ...]
    host_schools: tuple[str, ...]
    tier_totals: tuple[int, ...]  # participants per tier
    regions: tuple[RegionRow, ...]
    sessions: tuple[SessionRow, ...]
    people: tuple[PersonRow, ...]
    certificates: tuple[CertificateRow, ...]  # valid ones, in the register's order
    photos: tuple[Photo, ...]
    committee_head: Signatory | None  # the panitia member whose position is Ketua ...

    @property
    def participants(self) -> int:
        return sum(self.tier_totals)

    def text(self, section: str) -> str:
        return dict(self.texts).get(section, "")

    @property
    def year(self) -> int:
        return self.activity.start.year

    @property
    def mean_attendance(self) -> float:
        """The share of (participant, session) marks that are hadir, in percent."""
        total = sum(sum(s.counts) for s in self.sessions)
        return 100.0 * sum(s.counts[0] for s in self.sessions) / total if total else 0.0


def activity_report_view(db, activity_id: int) -> ActivityReportView:
    """Everything the laporan kegiatan prints, read at once. Raises NotFoundError for an
    unknown activity."""
    with snapshot(db):
        activity = activities.get_activity(db, activity_id)
        program = programs.get_program(db, activity.program_id)
        items = activities.list_items(db, activity_id)
        sessions, recap = att.recap(db, activity_id)
        people = [row.participant for row in recap]
        zone = activities.time_zone(db, activity.region_code)
        texts = activity_report.load_texts(db, activity_id)
        return ActivityReportView(
            office.load_profile(db), activity, program,
            activities.region_name(db, activity.region_code), zone,
            tuple(texts.items()), frozenset(activity_report.typed_sections(db, activity_id)),
            tuple(day_rows(activity, items, zone)),
            tuple(s["name"] for s in activities.host_schools(db, activity_id)),
            tuple(sum(1 for p in people if p["tier"] == t) for t in range(1, program.tiers + 1)),
            tuple(region_rows(people, program.tiers)),
            tuple(session_rows(sessions, recap)),
            tuple(PersonRow(r.participant["name"], _ident(r.participant),
                            r.participant["tier_label"], r.participant["school"] or "",
                            r.attended, r.sessions, r.percent) for r in recap),
            tuple(CertificateRow(row["number"], row.get("name", ""), row.get("tier_label", ""),
                                 row["jp"])
                  for row in certificates.register(db, activity_id=activity_id)
                  if not row["voided"]),
            tuple(activity_report.list_photos(db, activity_id)),
            _committee_head(activities.list_staff(db, activity_id)))


def _ident(person: dict) -> str:
    return ind.format_nip(person["nip"]) if person.get("nip") else (person.get("nuptk") or "")


def day_rows(activity: Activity, items: list[Item], zone: str) -> list[DayRow]:
    """The rundown summed up per day of the activity."""
    rows = []
    for day in activity.days:
        today = [i for i in items if i.day == day]
        titles: list[str] = []
        for item in today:
            text = item.description.strip()
            if text and text not in titles and not any(w in text.casefold() for w in BREAK_WORDS):
                titles.append(text)
        starts = [i.start for i in today if i.start]
        ends = [i.end or i.start for i in today if i.end or i.start]
        time = (f"{ind.format_time(min(starts))} - {ind.format_time(max(ends), zone)}"
                if starts else "")
        rows.append(DayRow(day, time, tuple(titles), activities.total_jp(today)))
    return rows


def region_rows(people: list[dict], tiers: int) -> list[RegionRow]:
    """Participants per kab/kota (by province, then name) and per tier."""
    counts: Counter = Counter()
    names: dict[tuple, tuple[str, str]] = {}
    for person in people:
        key = (person.get("province") or "", person.get("region") or "")
        names[key] = (key[0] or "-", key[1] or "Tidak diketahui")
        counts[(key, person["tier"])] += 1
    rows = []
    for key in sorted(names, key=lambda k: (k[0] == "", k[0], k[1] == "", k[1])):
        per_tier = tuple(counts[(key, t)] for t in range(1, tiers + 1))
        rows.append(RegionRow(*names[key], per_tier, sum(per_tier)))
    return rows


def session_rows(sessions: list[att.Session], recap: list[att.RecapRow]) -> list[SessionRow]:
    """Per attendance session: hadir, izin, sakit, alpa, not recorded, and hadir in percent
    of everyone taking part."""
    rows = []
    for index, session in enumerate(sessions):
        statuses = [row.statuses[index] for row in recap]
        counts = (statuses.count("hadir"), statuses.count("izin"), statuses.count("sakit"),
                  statuses.count("alpa"), statuses.count(None))
        percent = 100.0 * counts[0] / len(recap) if recap else 0.0
        rows.append(SessionRow(session.label, counts, percent))
    return rows


def _committee_head(staff: list[activities.StaffMember]) -> Signatory | None:
    for member in staff:
        if member.role == "panitia" and member.position.strip().casefold().startswith("ketua"):
            return Signatory(position=member.position.strip(), name=member.name, nip=member.nip)
    return None


def percent_text(value: float) -> str:
    """`87,5%` (one decimal, Indonesian comma; whole numbers without it)."""
    return att.ind_percent(value)
