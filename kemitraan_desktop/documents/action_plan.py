"""The printed RTL form (RENCANA TINDAK LANJUT): per participant their identity, the plans
(or numbered blank rows to fill in by hand), and the signatures of the participant and,
acknowledging it, their school's principal."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from reportlab.lib.units import cm
from reportlab.platypus import (
    Flowable,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlite_utils import Database

from .. import indonesia as ind
from ..action_plans import RtlSheet, RtlView, rtl_view
from ..office import signing_place
from . import frame
from .keeping import SignatureBlock

# "Sasaran/ Bersama": a header may part after its slash, never inside a word
COLUMNS = ("No", "Kegiatan/Aksi", "Sasaran/ Bersama", "Waktu", "Indikator Keberhasilan",
           "Status/ Keterangan")
BLANK_ROWS = 6  # numbered empty rows on a form with no plan typed in
BLANK_ROW_HEIGHT = 1.4 * cm  # room for two handwritten lines
DOTS = "." * 40


def print_action_plans(db: Database, program_id: int, out: str | os.PathLike, *,
                       participant_id: int | None = None, paper: str | None = None,
                       sign_off: frame.SignOff | None = None, everyone: bool = False,
                       as_of: dt.date | None = None) -> Path:
    """Write the RTL forms of a program as one PDF on the office's letterhead, a form per
    participant (each numbered "Halaman 1 dari N" on its own): one participant's
    (`participant_id`), everyone's (`everyone`: blank forms for those without plans), or
    else those of the participants who have plans. Plans past their date and not finished
    as of `as_of` (default today) say so. Raises ValidationError when there is nothing to
    print (no file written), NotFoundError for an unknown program or participant."""
    view = rtl_view(db, program_id, participant_id=participant_id, everyone=everyone,
                    as_of=as_of)
    return render_action_plans(view, out, paper=paper, sign_off=sign_off)


def render_action_plans(view: RtlView, out: str | os.PathLike, *, paper: str | None = None,
                        sign_off: frame.SignOff | None = None) -> Path:
    """Draw `view` as the RTL forms (see print_action_plans); reads nothing else."""
    program = view.program
    subtitle = f"{program.name} Tahun {program.year}"

    def story(width: float) -> list[Flowable]:
        flowables: list[Flowable] = []
        for index, sheet in enumerate(view.sheets):
            if index:  # each participant's form on a new page, under the letterhead again
                flowables += [NextPageTemplate("first"), PageBreak()]
            flowables.append(frame.restart_numbering())
            flowables += frame.title_block("Rencana Tindak Lanjut (RTL)", subtitle)
            flowables.append(_identity(view, sheet, width))
            flowables.append(Spacer(1, 0.4 * cm))
            flowables.append(_table(sheet, width))
            flowables.append(_signatures(view, sheet, width, sign_off))
        return flowables

    return frame.build_document(out, view.profile, story, paper=paper,
                                title=f"Rencana Tindak Lanjut (RTL) - {program.title}")


def _identity(view: RtlView, sheet: RtlSheet, width: float) -> Table:
    person, program = sheet.participant, view.program
    ident = ind.format_nip(person["nip"]) if person.get("nip") else (person.get("nuptk") or "-")
    mentor = person.get("mentor_name")
    mentor_text = f"{mentor} ({program.role(person['tier'] - 1)})" if mentor else "-"
    school = ", ".join(part for part in (person.get("school"), person.get("region")) if part)
    facts = [("Nama", person["name"]), ("NIP/NUPTK", ident), ("Sekolah", school or "-"),
             ("Mata Pelajaran", person.get("subject") or ""),
             ("Peran", program.role(person["tier"])), ("Pembimbing", mentor_text)]
    return frame.facts_table(facts, width)


def _widths(width: float) -> list[float]:
    number = frame.fit_width("No", bold=True)
    when = frame.fit_width("30 September 2019")
    rest = width - number - when
    kegiatan, sasaran, indikator, status = frame.column_widths(rest, 3.4, 2.1, 2.6, 2.3)
    return [number, kegiatan, sasaran, when, indikator, status]


def _table(sheet: RtlSheet, width: float) -> Flowable:
    widths = _widths(width)
    if not sheet.plans:
        rows = [[str(n), Spacer(1, BLANK_ROW_HEIGHT), "", "", "", ""]
                for n in range(1, BLANK_ROWS + 1)]
        return frame.data_table(COLUMNS, rows, widths, blank="")
    rows = [[str(n), plan["action"], plan["partners"],
             ind.format_date(plan["due"], with_weekday=False), plan["indicator"],
             _status(plan)] for n, plan in enumerate(sheet.plans, start=1)]
    return frame.data_table(COLUMNS, rows, widths, centred=(0, 3))


def _status(plan: dict) -> Paragraph:
    """The status in bold, the latest note under it, and how long past its date."""
    parts = [frame.bold(plan["status_label"])]
    note = plan.get("note") or plan.get("last_note")
    if note:
        parts.append(frame.escape(note))
    if plan["overdue"]:
        parts.append(f"<i>melewati target {plan['days_overdue']} hari</i>")
    return Paragraph("<br/>".join(parts), frame.styles().cell)


def _signatures(view: RtlView, sheet: RtlSheet, width: float,
                sign_off: frame.SignOff | None) -> Flowable:
    """The principal on the left ("Mengetahui," by hand: their name is not recorded), the
    participant on the right under the place and date. A form with no plan typed in is
    dated by hand unless a date is given."""
    person, profile = sheet.participant, view.profile
    sign_off = sign_off or frame.SignOff()
    place = sign_off.place.strip() if sign_off.place is not None else \
        signing_place(profile, person.get("region") or "")
    if sign_off.day is not None:
        when = ind.format_date(sign_off.day, with_weekday=False)
    elif sheet.plans:
        when = ind.format_date(frame.default_day(), with_weekday=False)
    else:
        when = "." * 30
    place_date = f"{place or '.' * 24}, {when}"
    st = frame.styles().signature
    school = person.get("school")
    left = [frame.para("Mengetahui,", st), frame.para(f"Kepala {school}" if school else
                                                      "Kepala Sekolah", st),
            Spacer(1, 2.2 * cm), frame.para(DOTS, st), frame.para("NIP " + "." * 33, st)]
    ident = (f"NIP {ind.format_nip(person['nip'])}" if person.get("nip") else
             f"NUPTK {person['nuptk']}" if person.get("nuptk") else "")
    right = [frame.para(place_date, st), frame.para(f"{view.program.role(person['tier'])},", st),
             Spacer(1, 2.2 * cm), Paragraph(f"<u>{frame.bold(person['name'])}</u>", st)]
    if ident:
        right.append(frame.para(ident, st))
    half = width / 2
    table = Table([[left, right]], colWidths=[half, half], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("LEFTPADDING", (1, 0), (1, 0), 0.6 * cm)]))
    return SignatureBlock([Spacer(1, 0.8 * cm), table])
