"""The attendance recap (REKAP KEHADIRAN) of an activity: per participant the sessions
attended, the percentage, the JP earned and whether the certificate rule is met (and why
not), then the counts and the head of the office's signature.

Built for size (2,000 participants on one document): the cells are plain strings wrapped
here once, every row has a known height, and the table parts itself page by page instead
of letting reportlab measure and split one huge table again and again."""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle
from sqlite_utils import Database

from .. import activities, programs
from .. import attendance as att
from .. import indonesia as ind
from ..attendance import RecapRow, Session
from ..errors import ValidationError
from ..views.recap import RecapView, recap_view
from . import frame
from .rundown import with_city

COLUMNS = ("No", "Nama", "NIP/NUPTK", "Peran", "Hadir", "%", "JP", "Sertifikat", "Keterangan")
EMPTY = "Kegiatan ini belum mempunyai peserta; tambahkan peserta kegiatan dulu."
NO_MARKS = ("Kehadiran kegiatan ini belum diisi sama sekali, jadi belum ada yang dapat "
            "direkap; isi kehadiran di halaman Kehadiran (atau impor lembar daftar hadir) dulu.")
DRAFT = "DRAF - presensi belum lengkap"

FONT_SIZE = 9
LEADING = 10.5
PADDING = 2.5  # above and below a row's text: compact, as offices set a recap
KEEP_WITH_CLOSING = 3  # rows that go over with the counts and the signature


def print_recap(db: Database, activity_id: int, path: str | os.PathLike, *,
                paper: str | None = None, sign_off: frame.SignOff | None = None,
                recap: tuple[list[Session], list[RecapRow]] | None = None) -> Path:
    """Write the activity's Rekap Kehadiran as a PDF on the office's letterhead, landscape A4
    or F4 (`paper` or the office's): the activity, its program, dates, place and the
    certificate rule; a row per participant (No, Nama, NIP/NUPTK, Peran, sessions attended,
    %, JP, Sertifikat Ya/Tidak, Keterangan: why not, and the izin/sakit/alpa counted);
    then how many meet the rule and the head of the office's signature (`sign_off`, else
    the office's city and the activity's last day). `recap` is attendance.recap()'s result
    when the caller has it already.

    A recap with sessions not yet recorded says DRAF on every page; one with nobody or
    with nothing recorded at all is refused (ValidationError), never printed to be signed.

    Raises NotFoundError for an unknown activity, StorageError when the file cannot be
    written."""
    view = recap_view(db, activity_id, recap=recap)
    return render_recap(view, path, paper=paper, sign_off=sign_off)


def render_recap(view: RecapView, path: str | os.PathLike, *, paper: str | None = None,
                 sign_off: frame.SignOff | None = None) -> Path:
    """Draw `view` as the recap PDF (see print_recap); reads nothing else."""
    activity, program, profile = view.activity, view.program, view.profile
    sessions, rows = list(view.sessions), list(view.rows)
    place_date = frame.sign_off_line(profile, sign_off, last_day=activity.end)
    eligible = sum(1 for r in rows if r.eligible)
    unrecorded = sum(1 for r in rows if None in r.statuses)
    if not rows:
        raise ValidationError(EMPTY)
    if all(status is None for r in rows for status in r.statuses):
        raise ValidationError(NO_MARKS)

    def story(width: float) -> list[Flowable]:
        st = frame.styles()
        flowables = frame.title_block("Rekap Kehadiran", activity.title)
        total_jp = sum(s.jp for s in sessions)
        facts = [("Program", f"{program.name} Tahun {program.year}"),
                 ("Jenis kegiatan", activity.kind_label),
                 ("Tanggal", ind.format_date_range(activity.start, activity.end)),
                 ("Tempat", with_city(activity.venue.strip(), view.city)),
                 ("Sesi", f"{len(sessions)} sesi, {activities.format_jp(total_jp)} JP"),
                 ("Syarat sertifikat", _rule_text(view.rule, sessions))]
        flowables.append(frame.facts_table(facts, width, key_width=3.4 * cm))
        flowables.append(Spacer(1, 0.3 * cm))
        signature = frame.signature_block(profile.head, width=width, place_date=place_date)
        n = ind.format_thousands
        if unrecorded:
            flowables.append(frame.para(
                f"{n(unrecorded)} peserta mempunyai sesi yang kehadirannya belum dicatat; sesi "
                "itu tidak dihitung hadir.", st.note))
        counts = frame.para(
            f"Jumlah peserta {n(len(rows))} orang: {n(eligible)} memenuhi syarat sertifikat, "
            f"{n(len(rows) - eligible)} tidak memenuhi syarat.", st.body)
        layout = _Layout.make(width, rows, program)
        closing = [Spacer(1, 0.3 * cm), counts, signature]
        flowables.append(_RecapTable(layout, layout.rows(rows, program), closing,
                                     f"Rekap Kehadiran - {activity.title}"))
        return flowables

    return frame.build_document(path, profile, story, paper=paper, landscape=True,
                                title=f"Rekap Kehadiran - {activity.title}",
                                stamp=DRAFT if unrecorded else "")


# ---------------------------------------------------------------- data

def _rule_text(rule: att.Rule, sessions: list[Session]) -> str:
    labels = {s.key: s.label for s in sessions}
    text = f"kehadiran minimal {att.ind_percent(rule.min_percent)} dari {len(sessions)} sesi"
    required = [labels.get(tuple(k), f"{k[0]} {k[1]}") for k in rule.required]
    if required:
        text += "; wajib hadir di sesi " + "; ".join(required)
    return text


def identity(person: dict) -> str:
    """NIP as printed, else NUPTK; never the NIK (it is private)."""
    return ind.format_nip(person["nip"]) if person.get("nip") else (person.get("nuptk") or "")


def remarks(row: RecapRow) -> str:
    """Why the rule is not met, then the absences counted: `kehadiran 70% di bawah 80%;
    izin 1, alpa 2`."""
    absent = [f"{word} {row.statuses.count(status)}" for status, word in
              (("izin", "izin"), ("sakit", "sakit"), ("alpa", "alpa"), (None, "belum dicatat"))
              if row.statuses.count(status)]
    return "; ".join(part for part in ("; ".join(row.reasons), ", ".join(absent)) if part)


# ---------------------------------------------------------------- the table

@dataclass(frozen=True)
class _Row:
    cells: tuple[str, ...]
    height: float
    eligible: bool


@dataclass(frozen=True)
class _Layout:
    widths: tuple[float, ...]
    header: tuple[str, ...]
    header_height: float

    @classmethod
    def make(cls, width: float, rows: Sequence[RecapRow], program: programs.Program) -> _Layout:
        """No, NIP/NUPTK, the role and the figures sized so they never wrap (the role up to
        3 cm); name and remarks share the rest."""
        total = max((r.sessions for r in rows), default=0)
        number = frame.fit_width(str(len(rows)), "No", bold=True)
        ident = frame.fit_width("19670806 199005 2 053", "NIP/NUPTK", bold=True)
        role = min(frame.fit_width("Peran", *program.labels, bold=True), 3 * cm)
        attended = frame.fit_width(f"{total}/{total}", "Hadir", bold=True)
        percent = frame.fit_width("100%", "66,7%", bold=True)
        jp = frame.fit_width("JP", "100,5", bold=True)
        certificate = frame.fit_width("Sertifikat", bold=True)
        rest = width - number - ident - role - attended - percent - jp - certificate
        name, remark = frame.column_widths(rest, 45, 55)
        widths = (number, name, ident, role, attended, percent, jp, certificate, remark)
        cells = tuple(_wrap(text, w - 2 * frame.CELL_PADDING, frame.SANS_BOLD)
                      for text, w in zip(COLUMNS, widths, strict=True))
        lines = max(cell.count("\n") for cell in cells) + 1
        return cls(widths, cells, lines * LEADING + 2 * PADDING + 2)

    def rows(self, rows: Sequence[RecapRow], program: programs.Program) -> list[_Row]:
        inner = [w - 2 * frame.CELL_PADDING for w in self.widths]
        result = []
        for number, row in enumerate(rows, start=1):
            p = row.participant
            name = _wrap(p["name"], inner[1])
            role = _wrap(p.get("tier_label") or program.label(p["tier"]), inner[3])
            remark = _wrap(remarks(row), inner[8])
            lines = max(name.count("\n"), role.count("\n"), remark.count("\n")) + 1
            cells = (str(number), name, identity(p) or "-", role, f"{row.attended}/{row.sessions}",
                     att.ind_percent(row.percent), activities.format_jp(row.jp),
                     "Ya" if row.eligible else "Tidak", remark)
            result.append(_Row(cells, lines * LEADING + 2 * PADDING + 1, row.eligible))
        return result

    @functools.cached_property
    def style(self) -> list[tuple]:
        return [
            ("FONT", (0, 0), (-1, -1), frame.SANS, FONT_SIZE, LEADING),
            ("FONT", (0, 0), (-1, 0), frame.SANS_BOLD, FONT_SIZE, LEADING),
            ("BACKGROUND", (0, 0), (-1, 0), frame.HEADER_FILL),
            ("ALIGN", (0, 0), (-1, 0), "CENTER"),
            ("ALIGN", (0, 1), (0, -1), "CENTER"),
            ("ALIGN", (2, 1), (2, -1), "CENTER"),
            ("ALIGN", (4, 1), (7, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("VALIGN", (0, 1), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.5, frame.RULE),
            ("TOPPADDING", (0, 0), (-1, -1), PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PADDING),
            ("LEFTPADDING", (0, 0), (-1, -1), frame.CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), frame.CELL_PADDING),
        ]

    def table(self, rows: Sequence[_Row]) -> Table:
        data = [self.header, *(row.cells for row in rows)]
        heights = [self.header_height, *(row.height for row in rows)]
        table = Table(data, colWidths=list(self.widths), rowHeights=heights, hAlign="LEFT")
        commands = list(self.style)
        for index, row in enumerate(rows, start=1):  # "Tidak" stands out
            if not row.eligible:
                commands.append(("FONT", (7, index), (7, index), frame.SANS_BOLD, FONT_SIZE,
                                 LEADING))
        table.setStyle(TableStyle(commands))
        return table


def _wrap(text: str, width: float, font: str = frame.SANS) -> str:
    return frame.wrap_text(text, width, font, FONT_SIZE)


class _RecapTable(Flowable):
    """The rows laid out page by page: each page a table of its own with the header row, a
    continued page named by a line above it; the counts and the signature follow the last
    row and never stand alone at the top of a page (the last rows go over with them).
    Never drawn whole: split() decides."""

    def __init__(self, layout: _Layout, rows: list[_Row], closing: list[Flowable],
                 note: str, start: int = 0):
        super().__init__()
        self._layout = layout
        self._rows = rows  # shared by every part: a part keeps its start
        self._closing = closing
        self._note = note
        self._start = start

    def wrap(self, availWidth, availHeight):
        return availWidth, 0xFFFFFF

    def split(self, availWidth, availHeight):
        rows, start = self._rows, self._start
        note = self._note_flowable(availWidth) if start else None
        room = availHeight - self._layout.header_height
        if note is not None:
            room -= note.wrap(availWidth, availHeight)[1] + note.getSpaceAfter()
        room -= 1  # rounding: a closing that fits to the point would still be pushed over
        fit, used = 0, 0.0
        for row in rows[start:]:
            if used + row.height > room:
                break
            used += row.height
            fit += 1
        remaining = len(rows) - start
        at_top = getattr(self, "_postponed", False)
        lead = [note] if note is not None else []
        if fit >= remaining:
            if used + self._closing_height(availWidth) <= room or \
                    (at_top and remaining <= KEEP_WITH_CLOSING):
                return [*lead, self._layout.table(rows[start:]), *self._closing]
            fit = remaining - KEEP_WITH_CLOSING
        if fit <= 0:
            return []  # nothing fits here: all of it to the next page
        rest = _RecapTable(self._layout, rows, self._closing, self._note, start + fit)
        return [*lead, self._layout.table(rows[start:start + fit]), PageBreak(), rest]

    def _note_flowable(self, width: float) -> Flowable:
        """"Rekap Kehadiran - <activity> (lanjutan)" on one line: a page that leaves the stack
        still says what it belongs to."""
        st = frame.styles().note
        head, tail = self._note, " (lanjutan)"
        if stringWidth(head + tail, st.fontName, st.fontSize) > width:
            while head and stringWidth(head + "..." + tail, st.fontName, st.fontSize) > width:
                head = head[:-1]
            head = head.rstrip() + "..."
        return frame.para(head + tail, st)

    def _closing_height(self, width: float) -> float:
        total = 0.0
        for flowable in self._closing:
            parts = flowable._content if isinstance(flowable, KeepTogether) else [flowable]
            for part in parts:
                total += (part.wrapOn(self.canv, width, 0xFFFFFF)[1] + part.getSpaceBefore()
                          + part.getSpaceAfter())
        return total
