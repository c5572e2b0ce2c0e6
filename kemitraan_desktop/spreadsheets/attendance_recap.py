"""The Rekap Kehadiran workbook (.xlsx): an activity's attendance, a column per session, which `import_marks` reads back."""

from __future__ import annotations

from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlite_utils import Database

from .. import activities as act
from .. import attendance as att
from .. import indonesia as ind
from ..attendance import Session
from ..indonesia import SHORT_DAYS, format_thousands
from .workbook import (
    FORMULA_STARTS,
    TEXT_FORMAT,
    check_destination,
    header_cells,
    print_setup,
    save_workbook,
    set_widths,
    text_cell,
)

__all__ = ["RECAP_HEADER_ROW", "RECAP_SHEET", "STATUS_LETTERS", "export_recap", "rule_text",
           "short_label"]

STATUS_LETTERS = {"hadir": "H", "izin": "I", "sakit": "S", "alpa": "A"}


def short_label(session: Session) -> str:
    """`Sen 10/9 08.00` (a whole-day session: `Sen 10/9`): a recap column's header, which
    the import reads back."""
    day = session.day
    text = f"{SHORT_DAYS[day.weekday()]} {day.day}/{day.month}"
    return f"{text} {session.slot.replace(':', '.')}" if session.slot else text


RECAP_SHEET = "Rekap Kehadiran"
RECAP_HEADER_ROW = 6  # under the title, the dates, the rule, the legend and a blank row
_FIXED = [("No", 5), ("Nama", 32), ("NUPTK", 18), ("NIP", 20), ("Peran", 10),
          ("Asal Sekolah", 28)]
_TOTALS = [("Hadir", 7), ("Jumlah sesi", 8), ("%", 8), ("JP", 6), ("Memenuhi syarat", 10),
           ("Keterangan", 40)]
_CENTRE = Alignment(horizontal="center", vertical="top")
_TOP = Alignment(vertical="top", wrap_text=True)
_FILLS = {"A": "F4B6B6", "S": "FFE699", "I": "FFF2CC", "Tidak": "F4B6B6"}


def rule_text(db: Database, activity_id: int, sessions: list[Session] | None = None) -> str:
    """The certificate rule in words: `minimal 80% kehadiran; sesi wajib: ...`."""
    rule = att.get_rule(db, activity_id)
    labels = {s.key: s.label for s in (sessions if sessions is not None
                                       else att.sessions(db, activity_id))}
    text = f"minimal {att.ind_percent(rule.min_percent)} kehadiran"
    required = [labels.get(tuple(k), f"{k[0]} {k[1]}") for k in rule.required]
    if required:
        text += "; sesi wajib: " + "; ".join(required)
    return text


def export_recap(db: Database, activity_id: int, path: str | Path, *,
                 recap: tuple[list[Session], list[att.RecapRow]] | None = None) -> Path:
    """Write the Rekap Kehadiran of an activity to .xlsx: the activity, its dates and the
    certificate rule above; one row per participant with NUPTK and NIP as text, a column
    per session (`Sen 10/9 08.00`, its title in the cell's comment) holding H / I / S / A
    (blank: not recorded), then sessions attended, the percentage, the JP earned, whether
    the rule is met and why not. The session columns read back with `import_marks`.
    `recap` is attendance.recap()'s result when the caller has it already."""
    path = check_destination(path)
    activity = act.get_activity(db, activity_id)
    sessions, rows = recap if recap is not None else att.recap(db, activity_id)
    book = Workbook(write_only=True)
    ws = book.create_sheet(RECAP_SHEET)
    widths = [w for _, w in _FIXED] + [9] * len(sessions) + [w for _, w in _TOTALS]
    set_widths(ws, widths)
    first_session = len(_FIXED) + 1
    ws.freeze_panes = f"{get_column_letter(first_session)}{RECAP_HEADER_ROW + 1}"
    print_setup(ws, RECAP_HEADER_ROW)
    ws.row_dimensions[RECAP_HEADER_ROW].height = 30  # "Sen 10/9" over "08.00"
    _recap_title(db, ws, activity, sessions)
    header = header_cells(ws, [label for label, _ in _FIXED] + [short_label(s) for s in sessions]
                           + [label for label, _ in _TOTALS])
    for cell, session in zip(header[len(_FIXED):], sessions, strict=False):
        jp = f", {act.format_jp(session.jp)} JP" if session.jp else ""
        cell.comment = Comment(f"{session.label}{jp}", "Kemitraan Desktop", width=260, height=80)
    ws.append(header)
    letters = {s: STATUS_LETTERS[s] for s in att.STATUSES}
    styled = _Styles(ws)
    for number, row in enumerate(rows, start=1):
        p = row.participant
        cells = [styled.centre(number),
                 text_cell(ws, p["name"]),
                 styled.text(p["nuptk"]),
                 styled.text(p["nip"]),
                 text_cell(ws, p["tier_label"]),
                 text_cell(ws, p["school"] or None)]
        cells += [styled.centre(letters[status] if status else None) for status in row.statuses]
        cells += [styled.centre(row.attended), styled.centre(row.sessions),
                  styled.percent(round(row.percent / 100, 4)),
                  styled.centre(int(row.jp) if float(row.jp).is_integer() else row.jp),
                  styled.centre("Ya" if row.eligible else "Tidak"),
                  styled.wrapped("; ".join(row.reasons) or None)]
        ws.append(cells)
    last = RECAP_HEADER_ROW + len(rows)
    end_letter = get_column_letter(len(widths))
    if rows:
        ws.auto_filter.ref = f"A{RECAP_HEADER_ROW}:{end_letter}{last}"
        if sessions:
            area = (f"{get_column_letter(first_session)}{RECAP_HEADER_ROW + 1}:"
                    f"{get_column_letter(first_session + len(sessions) - 1)}{last}")
            for letter in ("A", "S", "I"):
                ws.conditional_formatting.add(area, CellIsRule(
                    operator="equal", formula=[f'"{letter}"'],
                    fill=PatternFill("solid", fgColor=_FILLS[letter])))
        column = get_column_letter(len(widths) - 1)
        ws.conditional_formatting.add(f"{column}{RECAP_HEADER_ROW + 1}:{column}{last}", CellIsRule(
            operator="equal", formula=['"Tidak"'], fill=PatternFill("solid", fgColor=_FILLS["Tidak"])))
    ws.append([])
    _recap_footer(ws, sessions, rows)
    return save_workbook(book, path)


class _Styles:
    """Cells styled by copying a prepared cell's style: setting a style cell by cell looks
    it up in the workbook each time, a third of the export's time at 2,000 rows."""

    def __init__(self, ws):
        self.ws = ws
        centre = WriteOnlyCell(ws)
        centre.alignment = _CENTRE
        percent = WriteOnlyCell(ws)
        percent.alignment, percent.number_format = _CENTRE, "0.0%"
        text = WriteOnlyCell(ws)
        text.number_format = TEXT_FORMAT
        wrapped = WriteOnlyCell(ws)
        wrapped.alignment = _TOP
        self._centre, self._percent = centre._style, percent._style
        self._text, self._wrapped = text._style, wrapped._style

    def _cell(self, value, style) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws, value=value)
        cell._style = copy(style)
        return cell

    def centre(self, value) -> WriteOnlyCell:
        return self._cell(value, self._centre)

    def percent(self, value: float) -> WriteOnlyCell:
        return self._cell(value, self._percent)

    def text(self, value: str | None) -> WriteOnlyCell:
        """An ID kept as text: never a number Excel would round (NUPTK, NIP)."""
        cell = self._cell(value or None, self._text)
        if value:
            cell.data_type = "s"
        return cell

    def wrapped(self, value: str | None) -> WriteOnlyCell:
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            cell = text_cell(self.ws, value)
            cell.alignment = _TOP
            return cell
        return self._cell(value, self._wrapped)


def _recap_title(db: Database, ws, activity: act.Activity, sessions: list[Session]) -> None:
    program = db.execute("SELECT name, year FROM programs WHERE id = ?",
                         [activity.program_id]).fetchone()
    title = WriteOnlyCell(ws, value=f"Rekap Kehadiran - {activity.title}")
    title.font = Font(bold=True, size=14)
    ws.append([title])
    where = ", ".join(part for part in (activity.venue, act.region_name(db, activity.region_code))
                      if part)
    line = ind.format_date_range(activity.start, activity.end) + (f", {where}" if where else "")
    if program:
        line = f"{program[0]} Tahun {program[1]}; {line}"
    ws.append([text_cell(ws, line)])
    total_jp = sum(s.jp for s in sessions)
    ws.append([text_cell(ws, f"Syarat sertifikat: {rule_text(db, activity.id, sessions)}. "
                              f"{len(sessions)} sesi, {act.format_jp(total_jp)} JP.")])
    ws.append(["H = hadir, I = izin, S = sakit, A = alpa (tanpa keterangan); kosong = belum "
               "dicatat, tidak dihitung hadir."])
    ws.append([])


def _recap_footer(ws, sessions: list[Session], rows: list[att.RecapRow]) -> None:
    label = WriteOnlyCell(ws, value="Hadir per sesi")
    label.font = Font(bold=True)
    counts = []
    for index in range(len(sessions)):
        cell = WriteOnlyCell(ws, value=sum(1 for r in rows if r.statuses[index] == "hadir"))
        cell.alignment = _CENTRE
        counts.append(cell)
    ws.append([None, label, None, None, None, None, *counts])
    eligible = sum(1 for r in rows if r.eligible)
    n = format_thousands
    line = WriteOnlyCell(ws, value=f"Memenuhi syarat sertifikat: {n(eligible)} orang; tidak "
                                   f"memenuhi: {n(len(rows) - eligible)} orang; jumlah peserta: "
                                   f"{n(len(rows))} orang.")
    line.font = Font(bold=True)
    ws.append([None, line])
