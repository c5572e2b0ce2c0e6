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


def attendance_view(db, activity_id: int, *, staff: bool = False) -> AttendanceView:
    """Everything the activity's attendance sheets print, read at once. Raises
    NotFoundError for an unknown activity."""
    with snapshot(db):
        activity = activities.get_activity(db, activity_id)
        program = programs.get_program(db, activity.program_id)
        items = activities.list_items(db, activity_id)
        people = staff_rows(db, activity_id) if staff else \
            participant_rows(db, activity_id, program)
        return AttendanceView(
            office.load_profile(db), activity, program,
            tuple(att.sessions_of(activity, items)), tuple(people), staff, tuple(items),
            school_names(db, items), activities.region_name(db, activity.region_code),
            activities.time_zone(db, activity.region_code))


def participant_rows(db, activity_id: int, program=None) -> list[Attendee]:
    """Participants by tier then name, with the program's tier label as their role."""
    result = []
    for person in activities.activity_participants(db, activity_id, program):
        nip = person.get("nip")
        identity = ind.format_nip(nip) if nip else (person.get("nuptk") or "")
        origin = person.get("school") or person.get("region") or ""
        result.append(Attendee(person["name"] or "", identity, origin, person["tier_label"]))
    return result


def staff_rows(db, activity_id: int) -> list[Attendee]:
    """Narasumber first, then the committee, in the order the operator set."""
    return [Attendee(m.name, ind.format_nip(m.nip) if m.nip else "",
                     ", ".join(part for part in (m.position, m.institution) if part),
                     activities.STAFF_ROLES.get(m.role, m.role))
            for m in activities.list_staff(db, activity_id)]
