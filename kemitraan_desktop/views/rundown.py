"""The rundown's view (JADWAL KEGIATAN): the activity, its items and the schools they name,
for the whole activity or for one host school."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import activities, office, programs
from ..activities import Activity, Item
from ..errors import NotFoundError
from ..office import OfficeProfile
from ..programs import Program
from . import snapshot


@dataclass(frozen=True)
class HostSchool:
    """A school where part of the activity happens (an OJL's host school)."""

    id: int
    name: str
    npsn: str | None = None
    hosts: str = ""  # its top-tier teachers, "; "-separated


@dataclass(frozen=True)
class RundownView:
    profile: OfficeProfile
    activity: Activity
    program: Program
    items: tuple[Item, ...]  # in rundown order; one host school's: the shared and its own
    school_names: dict[int, str] = field(default_factory=dict)  # of the schools items name
    city: str = ""  # the activity's kab/kota
    time_zone: str = "WIB"
    host: HostSchool | None = None  # the school this rundown is for; None: the full rundown
    host_count: int = 0  # the activity's host schools: a session at all of them is merged


def rundown_view(db, activity_id: int, *, school: int | str | None = None) -> RundownView:
    """Everything the rundown prints, read at once. `school` (an id, or an NPSN as text)
    asks for one host school's rundown. Raises NotFoundError for an unknown activity or
    school, or a school that is not a host of the activity."""
    with snapshot(db):
        activity = activities.get_activity(db, activity_id)
        items = activities.list_items(db, activity_id)
        hosts = [HostSchool(h["id"], h["name"], h["npsn"], h["hosts"])
                 for h in activities.host_schools(db, activity_id)]
        host = host_school(db, activity, items, hosts, school) if school is not None else None
        if host is not None:
            items = [i for i in items if i.school_id in (None, host.id)]
        return RundownView(
            office.load_profile(db), activity, programs.get_program(db, activity.program_id),
            tuple(items), school_names(db, items), activities.region_name(db, activity.region_code),
            activities.time_zone(db, activity.region_code), host, len(hosts))


def school_names(db, items: list[Item]) -> dict[int, str]:
    """Id -> name of each school the items name."""
    ids = sorted({i.school_id for i in items if i.school_id is not None})
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    return dict(db.execute(f"SELECT id, name FROM schools WHERE id IN ({marks})", ids).fetchall())


def host_school(db, activity: Activity, items: list[Item], hosts: list[HostSchool],
                school: int | str) -> HostSchool:
    """The school a host-school rundown is for: by id, or by NPSN when given as text. It must
    host the activity (its top-tier participants teach there, or it has items of its own)."""
    if isinstance(school, int):
        row = db.execute("SELECT id, name, npsn FROM schools WHERE id = ?", [school]).fetchone()
        if row is None:
            raise NotFoundError(f"Sekolah dengan id {school} tidak ada.")
    else:
        npsn = str(school).strip()
        row = db.execute("SELECT id, name, npsn FROM schools WHERE npsn = ?", [npsn]).fetchone()
        if row is None:
            raise NotFoundError(f"Sekolah dengan NPSN '{npsn}' tidak ada di data sekolah.")
    by_id = {h.id: h for h in hosts}
    if row[0] in by_id:
        return by_id[row[0]]
    if any(i.school_id == row[0] for i in items):
        return HostSchool(row[0], row[1], row[2], "")
    known = "; ".join(f"{h.name} (NPSN {h.npsn})" if h.npsn else h.name for h in hosts)
    npsn = f" (NPSN {row[2]})" if row[2] else ""
    raise NotFoundError(f"{row[1]}{npsn} bukan sekolah tuan rumah kegiatan "
                        f"'{activity.title}'." + (f" Sekolah tuan rumahnya: {known}." if known
                                                  else " Kegiatan ini belum mempunyai "
                                                       "sekolah tuan rumah."))
