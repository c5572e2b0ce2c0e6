"""The certificate register's view: the program and every number it gave, valid or void."""

from __future__ import annotations

from dataclasses import dataclass

from .. import certificates, office, programs
from ..office import OfficeProfile
from ..programs import Program
from . import snapshot


@dataclass(frozen=True)
class RegisterView:
    profile: OfficeProfile
    program: Program
    rows: tuple[dict, ...]  # certificates.register's rows, oldest first


def register_view(db, program_id: int) -> RegisterView:
    """Everything the register prints, read at once. Raises NotFoundError for an unknown
    program."""
    with snapshot(db):
        return RegisterView(office.load_profile(db), programs.get_program(db, program_id),
                            tuple(certificates.register(db, program_id=program_id)))
