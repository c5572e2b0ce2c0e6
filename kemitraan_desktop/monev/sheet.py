"""What a printed monev form carries, read in one go: the office (letterhead), the form
version, and the identity of the person it is printed for (or none: a blank form)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from .. import office, programs
from ..errors import NotFoundError
from ..office import OfficeProfile
from ..views import snapshot
from .forms import MonevForm, get_form


@dataclass(frozen=True)
class Person:
    """The identity printed on a form filled in for someone; empty fields print as dots."""

    name: str
    nip: str = ""
    nuptk: str = ""
    school: str = ""
    subject: str = ""
    program: str = ""  # "Kemitraan Guru SMP Tahun 2019"
    role: str = ""  # "Guru Mitra"


@dataclass(frozen=True)
class FormSheet:
    profile: OfficeProfile
    form: MonevForm
    person: Person | None = None


def form_sheet(db: Database, form: MonevForm | str | int,
               person_participant_id: int | None = None) -> FormSheet:
    """The printed form's view: `form` a MonevForm, a code (latest version) or an id;
    with a participant, their identity. Raises NotFoundError for an unknown form or
    participant."""
    form = form if isinstance(form, MonevForm) else get_form(db, form)
    with snapshot(db):
        person = None
        if person_participant_id is not None:
            rows = programs.query_rows(db, programs.PARTICIPANT_SELECT + "WHERE t.id = ?",
                                       [person_participant_id])
            if not rows:
                raise NotFoundError(f"Peserta id {person_participant_id} tidak ada.")
            row = rows[0]
            program = programs.get_program(db, row["program_id"])
            person = Person(row["name"] or "", row["nip"] or "", row["nuptk"] or "",
                            row["school"] or "", row["subject"] or "",
                            f"{program.name} Tahun {program.year}", program.role(row["tier"]))
        return FormSheet(office.load_profile(db), form, person)
