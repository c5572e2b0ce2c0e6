"""The attendance sheet (DAFTAR HADIR) of an activity: one sheet per session, each on its own
letterhead, with the signature column staggered (odd numbers sign on its left half, even
numbers on its right half), a footer with the counts to fill by hand and the committee's
signatory. Separate sheets for the participants and for the narasumber and committee.

Built for size (2,000 participants over 8 days is 16,000 rows in one file): the cells are
plain strings wrapped here once for every sheet, rows have known heights, and the table
parts itself page by page instead of letting reportlab split one huge table again and
again."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlite_utils import Database

from .. import indonesia as ind
from .. import office, programs
from ..activities import Activity, Item
from ..attendance import Session
from ..errors import ValidationError
from ..views.attendance import AttendanceView, Attendee, HostGroup, attendance_view
from . import frame
from .rundown import place_text, with_city

COLUMNS = ("No", "Nama", "NIP/NUPTK", "Asal sekolah/instansi", "Peran", "Tanda tangan")
STAFF_COLUMNS = ("No", "Nama", "NIP", "Jabatan/Instansi", "Peran", "Tanda tangan")
EMPTY_PARTICIPANTS = "Kegiatan ini belum mempunyai peserta; tambahkan peserta kegiatan dulu."
EMPTY_STAFF = "Kegiatan ini belum mempunyai narasumber atau panitia; isi dulu di data kegiatan."
MAX_BLANK_ROWS = 500

FONT_SIZE = 9
LEADING = 10.5
PADDING = 3  # above and below a row's text
ROW_HEIGHT = 1 * cm  # room to sign; a name that needs more lines makes its row taller
HEADER_HEIGHT = 0.8 * cm
SIGNATURE_WIDTH = 4 * cm  # both halves: each signs across its half and the empty one
KEEP_WITH_CLOSING = 3  # rows that go over with the counts and the signature
MAX_LINES = 12  # of a cell: a real name or school wraps within it; more is damaged data


def print_attendance(db: Database, activity_id: int, path: str | os.PathLike, *,
                     day: dt.date | None = None, blank_rows: int = 0, paper: str | None = None,
                     staff: bool = False, sign_off: frame.SignOff | None = None,
                     host_school: str | int | None = None) -> Path:
    """Write the activity's attendance sheets as one PDF on the office's letterhead (A4 or F4
    portrait; `paper` or the office's): a sheet for each session (each attendance-taking
    rundown item, or each day without one), every sheet starting on a new page.

    `day` prints only that day's sessions. `blank_rows` numbered empty rows follow the
    participants, for walk-ins. `staff` prints the narasumber and committee sheet instead of
    the participants'. The committee signatory is the office's second signatory (the head of
    the division) when set, else the head of the office; the date under which they sign is
    the session's own day, since the sheet attests who came that day, unless `sign_off`
    names a date; its place is `sign_off`'s, else where the activity takes place (an
    activity in another kab/kota is signed there, by the host office's head, by hand).

    Sessions held at several host schools at once get one sheet per school, with the
    school's own participants; `host_school` (its NPSN) prints only that school's sheets.

    Raises NotFoundError for an unknown activity, ValidationError for a day outside the
    activity, a bad number of blank rows, an unknown host school, or nobody to list (unless
    blank rows are asked for); StorageError when the file cannot be written."""
    view = attendance_view(db, activity_id, staff=staff)
    return render_attendance(view, path, day=day, blank_rows=blank_rows, paper=paper,
                             sign_off=sign_off, host_school=host_school)


@dataclass(frozen=True)
class _Sheet:
    session: Session
    people: tuple[Attendee, ...]
    place: str


def render_attendance(view: AttendanceView, path: str | os.PathLike, *,
                      day: dt.date | None = None, blank_rows: int = 0, paper: str | None = None,
                      sign_off: frame.SignOff | None = None,
                      host_school: str | int | None = None) -> Path:
    """Draw `view` as the attendance sheets (see print_attendance); reads nothing else."""
    activity, profile, staff = view.activity, view.profile, view.staff
    if not isinstance(blank_rows, int) or not 0 <= blank_rows <= MAX_BLANK_ROWS:
        raise ValidationError(f"Jumlah baris kosong harus antara 0 dan {MAX_BLANK_ROWS}.")
    if not view.people and not blank_rows:  # nothing to sign: refused, never printed as content
        raise ValidationError((EMPTY_STAFF if staff else EMPTY_PARTICIPANTS) + " Untuk daftar "
                              "kosong yang diisi tangan, minta baris kosong (--blank-rows).")
    sessions = list(view.sessions)
    if day is not None:
        sessions = [s for s in sessions if s.day == day]
        if not sessions:
            raise ValidationError(f"{ind.format_date(day)} bukan hari kegiatan ini "
                                  f"({ind.format_date_range(activity.start, activity.end)}).")
    sheets = _sheets(view, sessions, _host(view, host_school))
    zone = view.time_zone
    signatory = view.signatory or (profile.second if profile.second.name else profile.head)
    chosen = sign_off or frame.SignOff()
    if chosen.place is None:  # signed where the activity takes place
        chosen = frame.SignOff(view.place or None, chosen.day)

    def story(width: float) -> list[Flowable]:
        layout = _Layout.make(width, view.people, blank_rows, staff)
        flowables: list[Flowable] = []
        for index, sheet in enumerate(sheets):
            if index:  # each sheet on a new page, under the letterhead again
                flowables += [NextPageTemplate("first"), PageBreak()]
            flowables.append(frame.restart_numbering())  # "Halaman 1 dari 2" of this sheet
            flowables += _sheet(activity, view.program, sheet, zone, width, staff=staff)
            rows = layout.rows(sheet.people, blank_rows)
            closing = _closing(len(sheet.people), signatory,
                               frame.sign_off_line(profile, chosen, day=sheet.session.day),
                               width, staff)
            note = (f"Daftar hadir {'narasumber dan panitia ' if staff else ''}"
                    f"{ind.format_date(sheet.session.day)}")
            if sheet.session.title:
                note += f", {_session_text(sheet.session, zone)}"
            flowables.append(_SheetTable(layout, rows, closing, note))
        return flowables

    title = "Daftar Hadir Narasumber dan Panitia" if staff else "Daftar Hadir"
    title = f"{title} - {activity.title}"
    if day is not None:
        title += f" - {ind.format_date(day)}"
    return frame.build_document(path, profile, story, title=title, paper=paper)


# ---------------------------------------------------------------- the sheet's head

def _host(view: AttendanceView, host_school: str | int | None) -> HostGroup | None:
    """The host school asked for, by NPSN (or id); refused when it is not one of them."""
    if host_school in (None, ""):
        return None
    if view.staff:
        raise ValidationError("Daftar hadir per sekolah tuan rumah hanya untuk peserta.")
    wanted = str(host_school).strip()
    for host in view.hosts:
        if wanted in (host.npsn, str(host.school_id)):
            return host
    known = "; ".join(f"{h.npsn} {h.name}" for h in view.hosts) or "tidak ada"
    raise ValidationError(f"Sekolah dengan NPSN {wanted} bukan sekolah tuan rumah kegiatan ini "
                          f"(sekolah tuan rumah: {known}).")


def _sheets(view: AttendanceView, sessions: list[Session], only: HostGroup | None) -> list[_Sheet]:
    """The sheets in order: a session held at the host schools (each at its own) gives one
    sheet per school with that school's people; any other session one sheet for all. With
    `only`, just that school's sheets."""
    places, schools = _session_places(view), _session_schools(view)
    result = []
    for session in sessions:
        held_at = schools.get(session.key, [])
        hosts = [h for h in view.hosts if h.school_id in held_at] if not view.staff else []
        if only is not None:
            hosts = [h for h in hosts if h.school_id == only.school_id]
            if not hosts:
                continue
        if hosts:
            result += [_Sheet(session, h.people, with_city(h.name, view.city)) for h in hosts]
        else:
            result.append(_Sheet(session, view.people,
                                 places.get(session.key) or places.get(("", ""), "")))
    if not result:
        raise ValidationError(f"Tidak ada sesi kegiatan ini di {only.name}." if only else
                              "Tidak ada sesi untuk dicetak.")
    return result


def _session_schools(view: AttendanceView) -> dict[tuple[str, str], list[int]]:
    """The host schools a session is held at, when it is held at host schools only."""
    groups: dict[tuple[str, str], list[Item]] = {}
    for item in view.items:
        if item.attendance:
            slot = item.start.strftime("%H:%M") if item.start else "-" + item.description[:60]
            groups.setdefault((item.day.isoformat(), slot), []).append(item)
    return {key: [i.school_id for i in group] for key, group in groups.items()
            if all(i.school_id is not None for i in group)}


def _sheet(activity: Activity, program: programs.Program, sheet: _Sheet, zone: str,
           width: float, *, staff: bool) -> list[Flowable]:
    title = "Daftar Hadir Narasumber dan Panitia" if staff else "Daftar Hadir"
    flowables = frame.title_block(title, activity.title)
    session = sheet.session
    facts = [("Program", f"{program.name} Tahun {program.year}"),
             ("Hari/tanggal", ind.format_date(session.day)),
             ("Sesi", _session_text(session, zone)),
             ("Tempat", sheet.place)]
    flowables.append(frame.facts_table(facts, width))
    flowables.append(Spacer(1, 0.4 * cm))
    return flowables


def _session_text(session: Session, zone: str) -> str:
    """`13.00 WITA - Refleksi ...` for a timed session, its title alone for an untimed
    one, "" for a whole day."""
    if session.title and session.slot:
        return f"{session.slot.replace(':', '.')} {zone} - {session.title}"
    return session.title


def _session_places(view: AttendanceView) -> dict:
    """Where each session happens, by session key: its rundown item's place (a session held
    at several host schools at once is at "each host school"), else the activity's venue;
    ("", "") is the activity's own place."""
    city, names = view.city, view.school_names
    venue = with_city(view.activity.venue.strip(), city)
    result = {("", ""): venue}
    heads: dict[tuple[str, str], list[Item]] = {}
    for item in view.items:
        if item.attendance:
            slot = item.start.strftime("%H:%M") if item.start else ""
            heads.setdefault((item.day.isoformat(), slot, item.description), []).append(item)
    for (day, slot, _), group in heads.items():
        if (day, slot) in result:  # the first attendance item at that time names it
            continue
        found = list(dict.fromkeys(p for p in (place_text(i, names) for i in group) if p))
        if len(found) > 1:
            place = ("Sekolah tuan rumah masing-masing"
                     if all(i.school_id is not None for i in group) else "; ".join(found))
        else:
            place = found[0] if found else ""
        result[(day, slot)] = with_city(place, city) if place else venue
    return result


def _closing(registered: int, signatory: office.Signatory, place_date: str,
             width: float, staff: bool) -> list[Flowable]:
    """The counts (registered printed, present and absent left to fill by hand) and the
    committee's signature dated the session's day."""
    st = frame.styles().note
    who = "narasumber/panitia" if staff else "peserta"
    dots = "." * 20
    lines = [(f"Jumlah {who} terdaftar:", f"{registered} orang"),
             ("Hadir:", f"{dots} orang"), ("Tidak hadir:", f"{dots} orang")]
    key_width = stringWidth(lines[0][0], frame.SANS, st.fontSize) + 8
    counts = Table([[Paragraph(frame.escape(k), st), Paragraph(frame.escape(v), st)]
                    for k, v in lines], colWidths=[key_width, width - key_width], hAlign="LEFT")
    counts.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("TOPPADDING", (0, 0), (-1, -1), 1),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return [Spacer(1, 0.4 * cm), counts,
            frame.signature_block(signatory, width=width, place_date=place_date)]


# ---------------------------------------------------------------- the table

Text = tuple[tuple[float, float, str], ...]  # (x from the table's left, baseline depth, line)


@dataclass(frozen=True)
class _Row:
    texts: Text  # where each line of the row's cells prints, from the row's top-left
    height: float


@dataclass(frozen=True)
class _Layout:
    widths: tuple[float, ...]  # seven columns: the signature column is two halves
    header: _Row  # the signature's heading spans both halves

    @classmethod
    def make(cls, width: float, entries: Sequence[Attendee], blank_rows: int,
             staff: bool) -> _Layout:
        """No and the ID sized so they never wrap, the role too up to 2.2 cm (a longer
        one wraps); the signature gets a fixed width; name and origin share the rest."""
        header = STAFF_COLUMNS if staff else COLUMNS
        number = max(frame.fit_width(str(len(entries) + blank_rows)),
                     frame.fit_width(header[0], bold=True))
        ident = max(frame.fit_width("19670806 199005 2 053"),
                    frame.fit_width(header[2], bold=True))
        roles = {e.role for e in entries}
        role = min(max(frame.fit_width(header[4], bold=True),
                       frame.fit_width(*roles) if roles else 0), 2.2 * cm)
        rest = width - number - ident - role - SIGNATURE_WIDTH
        # a jabatan with its instansi is longer than a school's name
        name, origin = frame.column_widths(rest, *((45, 55) if staff else (52, 48)))
        half = SIGNATURE_WIDTH / 2
        widths = (number, name, ident, origin, role, half, half)
        spans = (*widths[:5], SIGNATURE_WIDTH)
        cells = [_wrap(text, w - 2 * frame.CELL_PADDING, frame.SANS_BOLD)
                 for text, w in zip(header, spans, strict=True)]
        lines = max(cell.count("\n") for cell in cells) + 1
        height = max(HEADER_HEIGHT, lines * LEADING + 2 * PADDING + 2)
        texts = _place(cells, spans, range(len(spans)), height, frame.SANS_BOLD)
        return cls(widths, _Row(texts, height))

    def rows(self, entries: Sequence[Attendee], blank_rows: int) -> list[_Row]:
        """Every row of a sheet, laid out once: the sheets of all sessions share them."""
        result = []
        name_width, origin_width, role_width = (self.widths[i] - 2 * frame.CELL_PADDING
                                                for i in (1, 3, 4))
        for number, entry in enumerate(entries, start=1):
            name = _clip(_wrap(entry.name, name_width))
            origin = _clip(_wrap(entry.origin, origin_width))
            role = _clip(_wrap(entry.role, role_width))
            lines = max(name.count("\n"), origin.count("\n"), role.count("\n")) + 1
            height = max(ROW_HEIGHT, lines * LEADING + 2 * PADDING + 2)
            cells = _numbered(number, name, entry.identity or "-", origin or "-", role)
            result.append(_Row(_place(cells, self.widths, (0, 2), height), height))
        for number in range(len(entries) + 1, len(entries) + blank_rows + 1):
            cells = _numbered(number, "", "", "", "")
            result.append(_Row(_place(cells, self.widths, (0,), ROW_HEIGHT), ROW_HEIGHT))
        return result


def _clip(text: str) -> str:
    """At most MAX_LINES lines: a row must fit a page (rows are never split), and a cell
    longer than that is damaged data, not a name to sign against."""
    lines = text.split("\n")
    if len(lines) <= MAX_LINES:
        return text
    return "\n".join([*lines[:MAX_LINES - 1], lines[MAX_LINES - 1][:-3] + "..."])


def _numbered(number: int, name: str, identity: str, origin: str, role: str) -> tuple[str, ...]:
    """The row's cells, the number printed again where it signs: odd on the left half of
    the signature column, even on the right half."""
    mark = f"{number}."
    left, right = (mark, "") if number % 2 else ("", mark)
    return (str(number), name, identity, origin, role, left, right)


def _place(cells: Sequence[str], widths: Sequence[float], centred, height: float,
           font: str = frame.SANS) -> Text:
    """Each line of each cell, left-aligned after the padding or centred, the lines of a
    cell centred on the row's height (as a table cell with VALIGN MIDDLE)."""
    texts = []
    x = 0.0
    for column, (cell, width) in enumerate(zip(cells, widths, strict=True)):
        if cell:
            lines = cell.split("\n")
            depth = (height - len(lines) * LEADING) / 2 + FONT_SIZE
            for line in lines:
                left = (x + (width - _width(line, font)) / 2 if column in centred
                        else x + frame.CELL_PADDING)
                texts.append((left, depth, line))
                depth += LEADING
        x += width
    return tuple(texts)


@functools.lru_cache(maxsize=16384)
def _width(text: str, font: str) -> float:
    return stringWidth(text, font, FONT_SIZE)


class _Page(Flowable):
    """One page's part of a sheet: the header row and the rows that fit, drawn straight on
    the canvas (a ruled table with the header shaded, no rule between the halves of the
    signature column), several times faster than a platypus Table of the same cells."""

    def __init__(self, layout: _Layout, rows: Sequence[_Row]):
        super().__init__()
        self._layout = layout
        self._rows = rows
        self.width = sum(layout.widths)
        self.height = layout.header.height + sum(row.height for row in rows)

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        canvas, layout = self.canv, self._layout
        width, height = self.width, self.height
        canvas.saveState()
        canvas.setFillColor(frame.HEADER_FILL)
        canvas.rect(0, height - layout.header.height, width, layout.header.height,
                    stroke=0, fill=1)
        path = canvas.beginPath()
        top = height
        for row in (layout.header, *self._rows):
            path.moveTo(0, top)
            path.lineTo(width, top)
            top -= row.height
        path.moveTo(0, 0)
        path.lineTo(width, 0)
        x = 0.0
        for column, column_width in enumerate((0, *layout.widths)):
            x += column_width
            if column != 6:  # no rule between the halves of the signature column
                path.moveTo(x, 0)
                path.lineTo(x, height)
        canvas.setStrokeColor(frame.RULE)
        canvas.setLineWidth(0.5)
        canvas.drawPath(path, stroke=1, fill=0)
        text = canvas.beginText()
        text.setFillColor(frame.RULE)
        text.setFont(frame.SANS_BOLD, FONT_SIZE, LEADING)
        for left, depth, line in layout.header.texts:
            text.setTextOrigin(left, height - depth)
            text.textLine(line)  # unlike textOut, measures nothing
        text.setFont(frame.SANS, FONT_SIZE, LEADING)
        top = height - layout.header.height
        for row in self._rows:
            for left, depth, line in row.texts:
                text.setTextOrigin(left, top - depth)
                text.textLine(line)  # unlike textOut, measures nothing
            top -= row.height
        canvas.drawText(text)
        canvas.restoreState()


def _wrap(text: str, width: float, font: str = frame.SANS) -> str:
    return frame.wrap_text(text, width, font, FONT_SIZE)


class _SheetTable(Flowable):
    """The rows of one sheet, laid out page by page: each page a table of its own with the
    header row, a continued page named by a line above it; the counts and the signature
    follow the last row, and never stand alone at the top of a page (the last rows go over
    with them). Never drawn whole: split() decides."""

    def __init__(self, layout: _Layout, rows: list[_Row], closing: list[Flowable],
                 note: str, start: int = 0):
        super().__init__()
        self._layout = layout
        self._rows = rows  # shared by every part and every sheet: parts keep their start
        self._closing = closing
        self._note = note
        self._start = start

    def wrap(self, availWidth, availHeight):
        return availWidth, 0xFFFFFF

    def split(self, availWidth, availHeight):
        rows, start = self._rows, self._start
        note = self._note_flowable(availWidth) if start else None
        room = availHeight - self._layout.header.height
        if note is not None:
            room -= note.wrap(availWidth, availHeight)[1]
        fit, used = 0, 0.0
        for row in itertools.islice(rows, start, None):  # no copy of the rest
            if used + row.height > room:
                break
            used += row.height
            fit += 1
        remaining = len(rows) - start
        at_top = getattr(self, "_postponed", False)
        lead = [note] if note is not None else []
        if fit >= remaining:
            if used + self._closing_height(availWidth) <= room or at_top and remaining <= \
                    KEEP_WITH_CLOSING:
                return [*lead, _Page(self._layout, rows[start:]), *self._closing]
            fit = remaining - KEEP_WITH_CLOSING
        if fit <= 0:
            return []  # nothing here: all of it to the next page
        rest = _SheetTable(self._layout, rows, self._closing, self._note, start + fit)
        return [*lead, _Page(self._layout, rows[start:start + fit]), PageBreak(), rest]

    def _note_flowable(self, width: float) -> Paragraph:
        """"<activity> - <session> (lanjutan)" on one line: a page that leaves the stack
        still says which sheet it belongs to."""
        st = frame.styles().note
        head, tail = self._note, " (lanjutan)"
        if stringWidth(head + tail, st.fontName, st.fontSize) > width:
            while head and stringWidth(head + "..." + tail, st.fontName, st.fontSize) > width:
                head = head[:-1]
            head = head.rstrip() + "..."
        return Paragraph(frame.escape(head + tail), st)

    def _closing_height(self, width: float) -> float:
        total = 0.0
        for flowable in self._closing:
            parts = flowable._content if isinstance(flowable, KeepTogether) else [flowable]
            for part in parts:
                total += (part.wrapOn(self.canv, width, 0xFFFFFF)[1] + part.getSpaceBefore()
                          + part.getSpaceAfter())
        return total
