"""Name tags (8 to a page, 2 x 4, with dashed cut lines) and table tents (one to a landscape
page, folded in half, the name upside down on the upper half so both faces read upright)
for an activity's participants, committee and speakers. A name is never cut: it wraps to
two lines before it shrinks, and takes more lines only at the smallest size."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from sqlite_utils import Database

from .. import activities as act
from .. import indonesia as ind
from ..errors import ValidationError
from ..programs import Program, get_program
from ..views import snapshot
from ..views.payments import ActivityPerson, activity_people
from . import frame

COLUMNS, ROWS = 2, 4
PAGE_MARGIN = 1 * cm
TAG_PADDING = 0.45 * cm
NOBODY = {"peserta": "Kegiatan ini belum mempunyai peserta",
          "panitia": "Kegiatan ini belum mempunyai panitia",
          "narasumber": "Kegiatan ini belum mempunyai narasumber",
          "semua": "Kegiatan ini belum mempunyai peserta, panitia atau narasumber"}


@dataclass(frozen=True)
class NametagsView:
    activity: act.Activity
    program: Program
    people: tuple[ActivityPerson, ...]
    paper: str  # the office's


def nametags_view(db: Database, activity_id: int, who: str = "semua") -> NametagsView:
    from ..office import load_profile

    with snapshot(db):
        activity = act.get_activity(db, activity_id)
        program = get_program(db, activity.program_id)
        return NametagsView(activity, program, activity_people(db, activity_id, program, who),
                            load_profile(db).paper)


def print_nametags(db: Database, activity_id: int, out: str | os.PathLike, *,
                   paper: str | None = None, tents: bool = False, who: str = "semua") -> Path:
    """Write name tags (or, with `tents`, table tents) for `who` (peserta, panitia,
    narasumber or semua) of the activity as a PDF. Raises ValidationError, writing nothing,
    when there is nobody to print."""
    return render_nametags(nametags_view(db, activity_id, who), out, paper=paper, tents=tents,
                           who=who)


def render_nametags(view: NametagsView, out: str | os.PathLike, *, paper: str | None = None,
                    tents: bool = False, who: str = "semua") -> Path:
    path = frame.check_destination(Path(out))
    if not view.people:
        raise ValidationError(f"{NOBODY.get(who, NOBODY['semua'])}; tanda nama tidak dibuat.")
    paper = (paper or view.paper or "a4").lower()
    if paper not in ind.PAPER_SIZES:
        raise ValidationError(f"Ukuran kertas '{paper}' tidak dikenal; pilih A4 atau F4.")
    frame.register_fonts()
    width, height = frame.page_size(paper)
    if tents:
        width, height = height, width
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height))
    kind = "Papan Nama Meja" if tents else "Tanda Nama"
    canvas.setTitle(f"{kind} - {view.activity.title}")
    canvas.setCreator("Kemitraan Desktop")
    if tents:
        for person in view.people:
            _tent(canvas, view, person, width, height)
            canvas.showPage()
    else:
        per_page = COLUMNS * ROWS
        for start in range(0, len(view.people), per_page):
            _tag_page(canvas, view, view.people[start:start + per_page], width, height)
            canvas.showPage()
    canvas.save()
    frame.write_file(path, buffer.getvalue())
    return path


# ---------------------------------------------------------------- fitting a name

def fit_name(name: str, font: str, width: float, height: float, largest: float,
             smallest: float) -> tuple[float, list[str]]:
    """The size and lines of `name` inside width x height: one line at the largest size
    that fits, else two lines before shrinking, down to `smallest`; there, as many lines
    as it takes (never a cut word or a dropped one)."""
    size = largest
    while size >= max(smallest, largest * 0.6):  # one line, else two, shrinking
        for lines_allowed in (1, 2):
            lines = _wrap(name, font, size, width)
            if len(lines) <= lines_allowed and len(lines) * size * 1.15 <= height:
                return size, lines
        size -= 0.5
    size = largest * 0.75
    while size > smallest:  # a very long name: more lines before a smaller size
        lines = _wrap(name, font, size, width)
        if len(lines) * size * 1.15 <= height:
            return size, lines
        size -= 0.5
    return smallest, _wrap(name, font, smallest, width)


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    return frame.wrap_text(text, width, font, size).split("\n")


def _draw_lines(canvas: Canvas, lines: list[str], font: str, size: float, x: float,
                top: float, leading: float = 1.15) -> float:
    """Centred lines from `top` (their first baseline below it); returns the y under them."""
    canvas.setFont(font, size)
    y = top - size
    for line in lines:
        canvas.drawCentredString(x, y, line)
        y -= size * leading
    return y + size * leading - size * 0.25


def role_text(person: ActivityPerson) -> str:
    """The role under the name: the tier label as the program names it ("Guru Inti" for
    "Inti"), or Panitia / Narasumber."""
    if person.kind != "peserta":
        return person.role_label
    label = person.role
    return label if label.lower().startswith(("guru", "kepala")) else f"Guru {label}"


def origin_text(person: ActivityPerson) -> str:
    if person.kind == "peserta":
        return ", ".join(p for p in (person.school, person.region) if p)
    return ", ".join(p for p in (person.position, person.school) if p)


# ---------------------------------------------------------------- name tags

def _tag_page(canvas: Canvas, view: NametagsView, people, width: float, height: float) -> None:
    tag_w = (width - 2 * PAGE_MARGIN) / COLUMNS
    tag_h = (height - 2 * PAGE_MARGIN) / ROWS
    _cut_lines(canvas, width, height, tag_w, tag_h)
    for index, person in enumerate(people):
        col, row = index % COLUMNS, index // COLUMNS
        x = PAGE_MARGIN + col * tag_w
        y = height - PAGE_MARGIN - (row + 1) * tag_h
        _tag(canvas, view, person, x, y, tag_w, tag_h)


def _cut_lines(canvas: Canvas, width: float, height: float, tag_w: float, tag_h: float) -> None:
    canvas.saveState()
    canvas.setStrokeColor(colors.HexColor("#808080"))
    canvas.setLineWidth(0.4)
    canvas.setDash(3, 3)
    for col in range(COLUMNS + 1):
        x = PAGE_MARGIN + col * tag_w
        canvas.line(x, PAGE_MARGIN, x, height - PAGE_MARGIN)
    for row in range(ROWS + 1):
        y = PAGE_MARGIN + row * tag_h
        canvas.line(PAGE_MARGIN, y, width - PAGE_MARGIN, y)
    canvas.restoreState()


def _tag(canvas: Canvas, view: NametagsView, person: ActivityPerson, x: float, y: float,
         w: float, h: float) -> None:
    inner = w - 2 * TAG_PADDING
    centre = x + w / 2
    top = y + h - TAG_PADDING
    heading = _wrap(view.activity.title, frame.SANS, 8, inner)[:2]
    under = _draw_lines(canvas, heading, frame.SANS, 8, centre, top)
    canvas.setStrokeColor(colors.HexColor("#1F4E78"))
    canvas.setLineWidth(1.2)
    canvas.line(x + TAG_PADDING, under - 3, x + w - TAG_PADDING, under - 3)
    origin = _wrap(origin_text(person), frame.SANS, 8, inner)[:3] if origin_text(person) else []
    bottom_block = 13 + 10 * len(origin) + 4  # the role line and the origin lines
    room = (under - 8) - (y + TAG_PADDING + bottom_block)
    size, lines = fit_name(person.name, frame.SANS_BOLD, inner, room, 20, 8)
    block = len(lines) * size * 1.15
    name_top = under - 8 - max(0, (room - block) / 2)
    canvas.setFillColor(colors.black)
    _draw_lines(canvas, lines, frame.SANS_BOLD, size, centre, name_top)
    y_role = y + TAG_PADDING + 10 * len(origin) + 4
    canvas.setFont(frame.SANS_BOLD, 11)
    canvas.setFillColor(colors.HexColor("#1F4E78"))
    canvas.drawCentredString(centre, y_role, role_text(person))
    canvas.setFillColor(colors.black)
    canvas.setFont(frame.SANS, 8)
    for i, line in enumerate(origin):
        canvas.drawCentredString(centre, y_role - 11 - 10 * i, line)


# ---------------------------------------------------------------- table tents

def _tent(canvas: Canvas, view: NametagsView, person: ActivityPerson, width: float,
          height: float) -> None:
    """The lower half reads upright; the upper half is the same face turned 180 degrees, so
    that folded along the middle each side faces one way the right way up."""
    half = height / 2
    canvas.saveState()
    canvas.setStrokeColor(colors.HexColor("#808080"))
    canvas.setLineWidth(0.5)
    canvas.setDash(6, 4)
    canvas.line(0.5 * cm, half, width - 0.5 * cm, half)
    canvas.setDash()
    canvas.setFont(frame.SANS, 7)
    canvas.setFillColor(colors.HexColor("#808080"))
    canvas.drawString(0.6 * cm, half + 3, "lipat di sini")
    canvas.restoreState()
    _tent_face(canvas, view, person, width, half)
    canvas.saveState()
    canvas.translate(width, height)
    canvas.rotate(180)
    _tent_face(canvas, view, person, width, half)
    canvas.restoreState()


def _tent_face(canvas: Canvas, view: NametagsView, person: ActivityPerson, width: float,
               half: float) -> None:
    """One face in the band y = 0 .. half, its top at the fold."""
    margin = 1.5 * cm
    inner = width - 2 * margin
    centre = width / 2
    heading = _wrap(view.activity.title, frame.SANS, 11, inner)[:2]
    under = _draw_lines(canvas, heading, frame.SANS, 11, centre, half - 1.2 * cm)
    origin = origin_text(person)
    room = under - 0.6 * cm - (1.2 * cm + 24 + (16 if origin else 0))
    size, lines = fit_name(person.name, frame.SANS_BOLD, inner, room, 48, 14)
    block = len(lines) * size * 1.15
    _draw_lines(canvas, lines, frame.SANS_BOLD, size, centre,
                under - 0.6 * cm - max(0, (room - block) / 2))
    canvas.setFont(frame.SANS_BOLD, 18)
    canvas.setFillColor(colors.HexColor("#1F4E78"))
    base = 1.2 * cm + (16 if origin else 0)
    canvas.drawCentredString(centre, base, role_text(person))
    canvas.setFillColor(colors.black)
    if origin:
        canvas.setFont(frame.SANS, 12)
        canvas.drawCentredString(centre, 1.2 * cm - 4, _wrap(origin, frame.SANS, 12, inner)[0])
