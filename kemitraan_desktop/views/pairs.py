"""The pairing list's view (DAFTAR PASANGAN): the program, its participants and who
mentors whom."""

from __future__ import annotations

from dataclasses import dataclass

from .. import office, pairing, programs
from ..office import OfficeProfile
from ..programs import Program
from . import snapshot


@dataclass(frozen=True)
class PairsView:
    profile: OfficeProfile
    program: Program
    participants: tuple[dict, ...]  # programs.list_participants' rows, by tier then name
    pairs: tuple[dict, ...]  # pairing.pair_rows': {"mentor": row, "mentee": row, ...}


def pairs_view(db, program_id: int) -> PairsView:
    """Everything the pairing list prints, read at once. Raises NotFoundError for an
    unknown program."""
    with snapshot(db):
        return PairsView(office.load_profile(db), programs.get_program(db, program_id),
                         tuple(programs.list_participants(db, program_id)),
                         tuple(pairing.pair_rows(db, program_id)))
