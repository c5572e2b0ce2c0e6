"""The attendance sheet's view (DAFTAR HADIR): the activity, its sessions, who signs (the
participants, or the narasumber and committee) and where each session happens."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import activities, office, programs
from .. import attendance as att
from .. import indonesia as ind
from ..activities import Activity, Item
from ..attendance import Session
from ..office import OfficeProfile
from ..programs import Program
from . import snapshot
from .rundown import school_names


@dataclass(frozen=True)
class Attendee:
    """One row of the sheet, as it prints."""

    name: str
    identity: str = ""  # NIP as printed, else NUPTK (never the NIK)
    origin: str = ""  # school or institution
    role: str = ""


@dataclass(frozen=True)
class HostGroup:
    """Who signs at one host school on its observation days: the school's top-tier
    participants and everyone they mentor in the activity."""

    school_id: int
    npsn: str
    name: str
    people: tuple[Attendee, ...]


@dataclass(frozen=True)
class AttendanceView:
    profile: OfficeProfile
    activity: Activity
    program: Program
    sessions: tuple[Session, ...]  # every session of the activity, in order
    people: tuple[Attendee, ...]  # who signs, in order
    staff: bool = False  # the narasumber and committee's sheet, not the participants'
    items: tuple[Item, ...] = ()  # the rundown: where each session happens
    school_names: dict[int, str] = field(default_factory=dict)
    city: str = ""  # the activity's kab/kota
    time_zone: str = "WIB"
    hosts: tuple[HostGroup, ...] = ()  # by school name (SMP Negeri 2 before 14)
    place: str = ""  # where the sheets are signed: where the activity takes place
    signatory: office.Signatory | None = None  # who signs them there


def attendance_view(db, activity_id: int, *, staff: bool = False) -> AttendanceView:
    """Everything the activity's attendance sheets print, read at once. Raises
    NotFoundError for an unknown activity."""
    with snapshot(db):
        activity = activities.get_activity(db, activity_id)
        program = programs.get_program(db, activity.program_id)
        items = activities.list_items(db, activity_id)
        profile = office.load_profile(db)
        region = activities.region_name(db, activity.region_code)
        if staff:
            people, hosts = staff_rows(db, activity_id), ()
        else:
            rows = activities.activity_participants(db, activity_id, program)
            people = [attendee(row) for row in rows]
            hosts = host_groups(activities.host_schools(db, activity_id), rows)
        place = office.signing_place(profile, region)
        signatory = None if place == profile.city else office.Signatory(
            position=f"Kepala Dinas Pendidikan {region}")  # the host office signs, by hand
        return AttendanceView(
            profile, activity, program, tuple(att.sessions_of(activity, items)), tuple(people),
            staff, tuple(items), school_names(db, items), region,
            activities.time_zone(db, activity.region_code), hosts, place, signatory)


def attendee(person: dict) -> Attendee:
    """A participant as a row of the sheet, with the program's tier label as the role."""
    nip = person.get("nip")
    identity = ind.format_nip(nip) if nip else (person.get("nuptk") or "")
    origin = person.get("school") or person.get("region") or ""
    return Attendee(person["name"] or "", identity, origin, person["tier_label"])


def participant_rows(db, activity_id: int, program=None) -> list[Attendee]:
    """Participants by tier then name, with the program's tier label as their role."""
    return [attendee(row) for row in activities.activity_participants(db, activity_id, program)]


def host_groups(schools: list[dict], rows: list[dict]) -> tuple[HostGroup, ...]:
    """For each host school, its top-tier participants and, under them, whoever they
    mentor among the activity's participants (at any depth), in the sheet's order."""
    children: dict[int, list[int]] = {}
    for row in rows:
        if row["mentor_id"] is not None:
            children.setdefault(row["mentor_id"], []).append(row["id"])
    groups = []
    for school in schools:
        hosts = [r["id"] for r in rows if r["tier"] == 1 and r["npsn"] == school["npsn"]]
        members, queue = set(hosts), list(hosts)
        while queue:
            for child in children.get(queue.pop(), []):
                if child not in members:
                    members.add(child)
                    queue.append(child)
        groups.append(HostGroup(school["id"], school["npsn"] or "", school["name"],
                                tuple(attendee(r) for r in rows if r["id"] in members)))
    return tuple(groups)


def staff_rows(db, activity_id: int) -> list[Attendee]:
    """Narasumber first, then the committee, in the order the operator set."""
    return [Attendee(m.name, ind.format_nip(m.nip) if m.nip else "",
                     ", ".join(part for part in (m.position, m.institution) if part),
                     activities.STAFF_ROLES.get(m.role, m.role))
            for m in activities.list_staff(db, activity_id)]
