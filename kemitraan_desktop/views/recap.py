"""The attendance recap's view (REKAP KEHADIRAN): the activity, its sessions, the rule and
each participant's row of the recap."""

from __future__ import annotations

from dataclasses import dataclass

from .. import activities, office, programs
from .. import attendance as att
from ..activities import Activity
from ..attendance import RecapRow, Rule, Session
from ..office import OfficeProfile
from ..programs import Program
from . import snapshot


@dataclass(frozen=True)
class RecapView:
    profile: OfficeProfile
    activity: Activity
    program: Program
    sessions: tuple[Session, ...]
    rows: tuple[RecapRow, ...]  # a participant each, by tier then name
    rule: Rule
    city: str = ""  # the activity's kab/kota


def recap_view(db, activity_id: int, *,
               recap: tuple[list[Session], list[RecapRow]] | None = None) -> RecapView:
    """Everything the recap prints, read at once; `recap` is attendance.recap()'s result
    when the caller has it already. Raises NotFoundError for an unknown activity."""
    with snapshot(db):
        activity = activities.get_activity(db, activity_id)
        sessions, rows = recap if recap is not None else att.recap(db, activity_id)
        return RecapView(office.load_profile(db), activity,
                         programs.get_program(db, activity.program_id), tuple(sessions),
                         tuple(rows), att.get_rule(db, activity_id),
                         activities.region_name(db, activity.region_code))
