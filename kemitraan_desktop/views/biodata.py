"""The biodata check sheet's view (LEMBAR VERIFIKASI BIODATA): the activity and its
participants as their certificates will print them."""

from __future__ import annotations

from dataclasses import dataclass

from .. import activities, office, programs
from ..activities import Activity
from ..office import OfficeProfile
from ..programs import Program
from . import snapshot


@dataclass(frozen=True)
class BiodataView:
    profile: OfficeProfile
    activity: Activity
    program: Program
    people: tuple[dict, ...]  # activities.activity_participants' rows: name, nip, nuptk, ...


def biodata_view(db, activity_id: int) -> BiodataView:
    """Everything the biodata sheet prints, read at once. Raises NotFoundError for an
    unknown activity."""
    with snapshot(db):
        activity = activities.get_activity(db, activity_id)
        return BiodataView(office.load_profile(db), activity,
                           programs.get_program(db, activity.program_id),
                           tuple(activities.activity_participants(db, activity_id)))
