"""The rundown (JADWAL KEGIATAN) of an activity: day by day, each day's name spanning its
rows, times in the zone of the place where it happens, signed by the head of the office.

Two variants: the full rundown (every host school's own items, each marked with its
school), and one host school's (the shared items plus that school's own)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle
from sqlite_utils import Database

from .. import activities
from .. import indonesia as ind
from ..activities import Item
from ..errors import ValidationError
from ..views.rundown import RundownView, rundown_view
from . import frame

COLUMNS = ("Hari/Tanggal", "Waktu", "Kegiatan", "Tempat", "Penanggung jawab")
EMPTY_LINE = "Jadwal kegiatan ini belum diisi: belum ada acara yang dicatat."
KEEP_WITH_SIGNATURE = 2  # table rows that go with the signature onto a new page


def print_rundown(db: Database, activity_id: int, path: str | os.PathLike, *,
                  paper: str | None = None, school: int | str | None = None,
                  sign_off: frame.SignOff | None = None) -> Path:
    """Write the activity's rundown as a PDF on the office's letterhead (A4 or F4, portrait;
    `paper` or the office's), signed by the head of the office where and when `sign_off`
    says (else the office's city and the activity's last day).

    `school` (a school id, or an NPSN as text) prints one host school's rundown: the shared
    items and that school's own. Without it, every item prints; a host school's own items
    name their school in the place column. Raises NotFoundError for an unknown activity or
    school, or a school that is not a host of the activity."""
    view = rundown_view(db, activity_id, school=school)
    return render_rundown(view, path, paper=paper, sign_off=sign_off)


def render_rundown(view: RundownView, path: str | os.PathLike, *, paper: str | None = None,
                   sign_off: frame.SignOff | None = None) -> Path:
    """Draw `view` as the rundown PDF (see print_rundown); reads nothing else."""
    activity, program, profile, host = view.activity, view.program, view.profile, view.host
    items = list(view.items)
    jp = activities.total_jp(items, host.id if host else None)
    if host is None:
        items = _merge_parallel(items, program.label(1), view.school_names, view.host_count)
    place_date = frame.sign_off_line(profile, sign_off, last_day=activity.end)
    frame_height = _frame_height(paper or profile.paper)

    def story(width: float) -> list[Flowable]:
        lines = [activity.title, host.name if host else ""]
        flowables = frame.title_block("Jadwal Kegiatan", *lines)
        facts = [("Program", f"{program.name} Tahun {program.year}"),
                 ("Jenis kegiatan", activity.kind_label),
                 ("Penyelenggara", activity.host)]
        if host:
            npsn = f" (NPSN {host.npsn})" if host.npsn else ""
            facts += [("Sekolah", f"{host.name}{npsn}"), (program.label(1), host.hosts)]
        facts += [("Tempat", with_city(activity.venue.strip(), view.city)),
                  ("Tanggal", ind.format_date_range(activity.start, activity.end)),
                  ("Jumlah JP", f"{activities.format_jp(jp)} JP" if items else "")]
        flowables.append(frame.facts_table(facts, width, key_width=3.4 * cm))
        flowables.append(Spacer(1, 0.4 * cm))
        signature = frame.signature_block(profile.head, width=width, place_date=place_date)
        if not items:
            flowables += [frame.para(EMPTY_LINE, frame.styles().body), signature]
            return flowables
        table = _RundownTable(_days(items, view.time_zone, view.school_names),
                              _widths(items, view.time_zone, width))
        table.check_rows(width, frame_height)
        flowables.append(_WithClosing(table, signature))
        return flowables

    title = f"Jadwal Kegiatan - {activity.title}"
    if host:
        title += f" - {host.name}"
    return frame.build_document(path, profile, story, title=title, paper=paper)


# ---------------------------------------------------------------- data

def _merge_parallel(items: list[Item], top_label: str, names: dict[int, str],
                    hosts: int) -> list[Item]:
    """The full schedule names a session that runs at every host school at once in one row
    ("Sekolah tuan rumah masing-masing"), as an office would write it; each school's own
    version lists its place and hosts."""
    groups: dict[tuple, list[Item]] = {}
    for item in items:
        if item.school_id is not None:
            key = (item.day, item.start, item.end, item.description.strip().casefold(), item.jp)
            groups.setdefault(key, []).append(item)
    merged, done = [], set()
    for item in items:
        if item.school_id is None:
            merged.append(item)
            continue
        key = (item.day, item.start, item.end, item.description.strip().casefold(), item.jp)
        group = groups[key]
        if len({i.school_id for i in group}) < 2:
            merged.append(item)
        elif key not in done:
            done.add(key)
            schools = sorted({i.school_id for i in group}, key=lambda s: names.get(s, ""))
            place = ("Sekolah tuan rumah masing-masing" if len(schools) >= hosts
                     else "; ".join(names.get(s, "") for s in schools))
            pics = {i.pic.strip() for i in group}
            pic = pics.pop() if len(pics) == 1 else f"Guru {top_label} masing-masing"
            merged.append(item.copy(school_id=None, place=place, pic=pic))
    return merged


def with_city(place: str, city: str) -> str:
    """The place and its kab/kota, once: not when the place already names it."""
    if city and city.casefold() not in place.casefold():
        return f"{place}, {city}" if place else city
    return place


def time_text(item: Item, zone: str) -> str:
    """`07.30 - 09.00 WIB`, `19.00 WIB - selesai`, `s.d. 12.00 WIB`, or "" when untimed."""
    if item.start and item.end:
        return f"{ind.format_time(item.start)} - {ind.format_time(item.end, zone)}"
    if item.start:
        return f"{ind.format_time(item.start, zone)} - selesai"
    if item.end:
        return f"s.d. {ind.format_time(item.end, zone)}"
    return ""


def place_text(item: Item, names: dict[int, str]) -> str:
    """Where the item happens; a host school's own item always names its school."""
    school = names.get(item.school_id, "") if item.school_id is not None else ""
    place = item.place.strip()
    if not school or school.casefold() in place.casefold():
        return place
    return f"{school}, {place}" if place else school


# ---------------------------------------------------------------- the table

@dataclass
class _Day:
    day: dt.date
    rows: list[list[Flowable]]  # Waktu, Kegiatan, Tempat, Penanggung jawab
    continued: bool = False  # the day began on an earlier page


def _days(items: list[Item], zone: str, names: dict[int, str]) -> list[_Day]:
    st = frame.styles()
    days: dict[dt.date, _Day] = {}
    for item in sorted(items, key=lambda i: i.day):  # stable: the operator's order per day
        what = frame.escape(item.description)
        if item.jp:
            what += f" ({activities.format_jp(item.jp)}&nbsp;JP)"  # "(3 JP)" never parts
        cells = [frame.para(time_text(item, zone) or "-", st.cell_centre),
                 Paragraph(what, st.cell),
                 frame.para(place_text(item, names) or "-", st.cell),
                 frame.para(item.pic.strip() or "-", st.cell)]
        days.setdefault(item.day, _Day(item.day, [])).rows.append(cells)
    return list(days.values())


def _day_cell(day: _Day) -> Paragraph:
    weekday, date = ind.format_date(day.day).split(", ", 1)
    text = f"<b>{frame.escape(weekday)},</b><br/>{frame.escape(date)}"
    if day.continued:
        text += "<br/><i>(lanjutan)</i>"
    return Paragraph(text, frame.styles().cell)


def _widths(items: list[Item], zone: str, width: float) -> list[float]:
    """Day and time sized so they never wrap; the rest shared by what, where and who."""
    day = frame.fit_width("30 September 2018", "Hari/Tanggal", bold=True)
    times = [time_text(i, zone) for i in items]
    time = frame.fit_width("Waktu", f"00.00 - 00.00 {zone}", *times, bold=True)
    rest = frame.column_widths(width - day - time, 40, 30, 30)  # what happens reads first
    return [day, time, *rest]


class _RundownTable(Table):
    """The rundown table: the header row on every page, each day's name and date spanning
    its rows. reportlab never splits a table inside a row span, and a long day may not fit
    one page, so this table splits itself: between rows only (a row is never split), each
    part a new table whose days span their own rows, and a day that runs onto the next
    page is named again there, "(lanjutan)"."""

    def __init__(self, days: list[_Day], widths: list[float]):
        self._days = days
        self._widths = widths
        st = frame.styles()
        data: list[list] = [[Paragraph(frame.escape(h), st.header) for h in COLUMNS]]
        commands = [
            ("GRID", (0, 0), (-1, -1), 0.5, frame.RULE),
            ("BACKGROUND", (0, 0), (-1, 0), frame.HEADER_FILL),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("VALIGN", (0, 1), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), frame.CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), frame.CELL_PADDING),
        ]
        for day in days:
            first = len(data)
            data.append([_day_cell(day), *day.rows[0]])
            data += [["", *cells] for cells in day.rows[1:]]
            if len(day.rows) > 1:
                commands.append(("SPAN", (0, first), (0, len(data) - 1)))
            if first > 1:  # a firmer rule where a new day begins
                commands.append(("LINEABOVE", (0, first), (-1, first), 1.2, frame.RULE))
        super().__init__(data, colWidths=widths, repeatRows=1, splitInRow=0, hAlign="LEFT")
        self.setStyle(TableStyle(commands))

    @property
    def row_count(self) -> int:
        return sum(len(d.rows) for d in self._days)

    def check_rows(self, width: float, page_height: float) -> None:
        """Every row must fit a page under the header (rows are never split): say which
        one does not, rather than fail inside reportlab."""
        room = page_height - 3 * cm  # under the header row, with the day's name
        for day in self._days:
            for cells in day.rows:
                height = max(cell.wrap(w - 2 * frame.CELL_PADDING, page_height)[1]
                             for cell, w in zip(cells, self._widths[1:], strict=True)) + 6
                if height > room:
                    what = cells[1].getPlainText()
                    what = what if len(what) <= 60 else what[:57] + "..."
                    raise ValidationError(
                        f"Acara '{what}' pada {ind.format_date(day.day)} terlalu panjang untuk "
                        f"satu halaman; persingkat isi, tempat atau penanggung jawabnya.")

    def split(self, availWidth, availHeight):
        parts = self.split_rows(availWidth, availHeight)
        return [parts[0], PageBreak(), parts[1]] if parts else []

    def split_rows(self, availWidth: float, availHeight: float,
                   limit: int | None = None) -> list[Flowable]:
        """[the rows that fit `availHeight` (at most `limit` of them), the rest]; [] when not
        even one row fits. The rest belongs on the next page: its header row comes first.
        Rather than leave a day's first row alone at the foot of a page, or carry its last
        row alone onto the next, it parts up to three rows earlier."""
        self._calc(availWidth, availHeight)
        heights = self._rowHeights
        total = self.row_count
        used, fit = heights[0], 0
        for height in heights[1:]:
            if height is None or used + height > availHeight:
                break
            used += height
            fit += 1
        fit = min(fit, total - 1 if limit is None else limit)
        clean = [count for count in range(fit, max(fit - 4, 0), -1) if self._clean(count)]
        for count in dict.fromkeys([*clean[:1], *range(fit, 0, -1)]):
            first, rest = self._cut(count)
            if first.wrap(availWidth, availHeight)[1] <= availHeight:
                return [first, rest]
        return []

    def _clean(self, count: int) -> bool:
        """Parting after `count` rows leaves no day with a single row on either side."""
        seen = 0
        for day in self._days:
            if seen + len(day.rows) > count:
                return count == seen or (count - seen >= 2 and seen + len(day.rows) - count >= 2)
            seen += len(day.rows)
        return True

    def _cut(self, count: int) -> tuple[_RundownTable, _RundownTable]:
        first: list[_Day] = []
        rest: list[_Day] = []
        seen = 0
        for day in self._days:
            if seen + len(day.rows) <= count:
                first.append(day)
            elif seen >= count:
                rest.append(day)
            else:
                cut = count - seen
                first.append(_Day(day.day, day.rows[:cut], day.continued))
                rest.append(_Day(day.day, day.rows[cut:], True))
            seen += len(day.rows)
        return _RundownTable(first, self._widths), _RundownTable(rest, self._widths)


class _WithClosing(Flowable):
    """The table followed by the signature, so that the signature never stands alone at
    the top of a page: when it does not fit under the table's last rows, the last rows
    go over with it. Always split (like KeepTogether) into what fits here and the rest."""

    def __init__(self, table: _RundownTable, closing: Flowable):
        super().__init__()
        self._table = table
        self._closing = closing

    def wrap(self, availWidth, availHeight):
        return availWidth, 0xFFFFFF  # never drawn whole: split() decides

    def split(self, availWidth, availHeight):
        canv = self.canv
        table, closing = self._table, self._closing
        table_height = table.wrapOn(canv, availWidth, availHeight)[1]
        closing_height = sum(f.wrapOn(canv, availWidth, availHeight)[1] + f.getSpaceBefore()
                             + f.getSpaceAfter()
                             for f in closing.splitOn(canv, availWidth, 0xFFFFFF)
                             if not hasattr(f, "frameAction"))
        if table_height + closing_height <= availHeight:
            return [table, closing]
        if table_height <= availHeight:  # the table fits, the signature would be alone
            limit = table.row_count - KEEP_WITH_SIGNATURE
            parts = table.split_rows(availWidth, availHeight, limit) if limit > 0 else []
        else:
            parts = table.split_rows(availWidth, availHeight)
        if parts:
            return [parts[0], PageBreak(), _WithClosing(parts[1], closing)]
        if getattr(self, "_postponed", False):  # already moved once: at the top of a page
            if table_height <= availHeight:
                return [table, closing]
            parts = table.split(availWidth, availHeight)
            return [*parts, closing] if parts else []
        return []  # nothing fits here: all to the next page


def _frame_height(paper: str | None) -> float:
    height = frame.page_size((paper or "a4").lower())[1]
    return height - frame.MARGINS["top"] - frame.MARGINS["bottom"]
