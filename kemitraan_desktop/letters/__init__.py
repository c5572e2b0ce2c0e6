"""The letters an activity needs (Surat Undangan, Surat Tugas, SK Kepala Dinas): their
editable texts, their numbers, and printing them as PDF or .docx.

The UI calls: KINDS, SECTIONS, FIELDS, load_template / save_template / reset_template,
get_pattern / set_pattern, proposed_number, print_letter."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ..errors import ValidationError
from .numbering import (
    DEFAULT_PATTERNS,
    draft_number,
    get_pattern,
    held_letter,
    held_number,
    proposed_number,
    set_pattern,
    take_number,
)
from .templates import (
    DEFAULTS,
    FIELDS,
    KINDS,
    SECTIONS,
    check_text,
    load_template,
    reset_template,
    save_template,
    template_edited,
)

__all__ = ["DEFAULTS", "DEFAULT_PATTERNS", "FIELDS", "KINDS", "SECTIONS", "WHO", "check_text",
           "get_pattern", "held_number", "letter_date", "load_template", "print_letter",
           "proposed_number", "reset_template", "save_template", "set_pattern",
           "template_edited"]

# who a Surat Tugas names -> Indonesian label
WHO = {"semua": "Semua", "peserta": "Peserta", "panitia": "Panitia", "narasumber": "Narasumber"}


def letter_date(db, activity_id: int, kind: str, day: dt.date | None = None) -> dt.date:
    """The date a letter carries: the one chosen, else the day it was first numbered (a
    reprint), else today for an activity still ahead or a week before its start."""
    from .. import activities
    from ..views.letters import letter_day

    if day is not None:
        return day
    held = held_letter(db, activity_id, kind)
    return held[1] if held else letter_day(activities.get_activity(db, activity_id))


DRAFT = "DRAF - nomor surat belum dicatat di buku agenda"


def print_letter(db, activity_id: int, kind: str, out: str | os.PathLike, *, paper=None,
                 sign_off=None, number: str | None = None, per_person: bool = False,
                 who: str = "semua", draft: bool = False) -> Path:
    """Write the activity's letter of `kind` to `out`: a PDF, or a .docx for the office to
    adjust in Word (by the suffix). The letter takes its number the first time (the next
    in the year's agenda book, or `number` when given) and keeps it for every reprint. A
    letter that would list nobody is refused (ValidationError), takes no number and writes
    no file. `sign_off` (frame.SignOff): the place and date; `who` and `per_person` are
    for the Surat Tugas (one letter per person, each on its own pages). A `draft` (a PDF to
    look at) shows the number it would take without recording it, and says DRAF on every
    page; a .docx is always final."""
    from ..documents.frame import check_destination
    from ..views.letters import letter_view

    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise ValidationError(f"Nama berkas surat harus berakhiran .pdf atau .docx: '{out.name}'.")
    if kind not in KINDS:
        raise ValidationError(f"Jenis surat '{kind}' tidak dikenal; pilihannya: {', '.join(KINDS)}.")
    check_destination(out)
    day = letter_date(db, activity_id, kind, getattr(sign_off, "day", None))
    place = getattr(sign_off, "place", None)
    place = place.strip() if place is not None else None
    draft = draft and suffix == ".pdf"
    with db.atomic():  # a letter that is not written keeps no number
        taken = (draft_number if draft else take_number)(db, activity_id, kind, day, number)
        view = letter_view(db, activity_id, kind, number=taken, day=day, place=place, who=who,
                           per_person=per_person)
        if suffix == ".docx":
            from ..documents.letters_word import render_letter_docx
            return render_letter_docx(view, out, paper=paper)
        from ..documents.letters import render_letter
        return render_letter(view, out, paper=paper, stamp=DRAFT if draft else "")
