"""The follow-up page's tables: each a RowsModel saying how one record shows."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from kemitraan_desktop import indonesia as ind
from kemitraan_desktop.charts import format_number, format_percent

from ..widgets.models import RowsModel

DISPLAY, TIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
FOREGROUND, BACKGROUND = Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole
ALIGN = Qt.ItemDataRole.TextAlignmentRole
RED = QColor("#b3261e")
OVERDUE = QColor("#fbe3dc")
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTRE = int(Qt.AlignmentFlag.AlignCenter)


def short_date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def window_months(start: dt.date, end: dt.date) -> list[str]:
    """'YYYY-MM' of every month from `start` to `end`."""
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_name(month: str, short: bool = False) -> str:
    name = ind.MONTHS[int(month[5:7]) - 1]
    return name[:3] if short else f"{name} {month[:4]}"


def percent(value: float | None) -> str:
    return "" if value is None else format_percent(value)


class PairsModel(RowsModel):
    """The four-month tracker: a row per pair (a dict made by tracker.pair_rows)."""

    FIXED = ("Pembimbing", "Peserta", "Tingkat", "Kontak terakhir", "Hari sejak")
    TAIL = ("RTL", "Monev terakhir")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.months: list[str] = []

    def set_months(self, months: list[str]) -> None:
        self.beginResetModel()
        self.months = list(months)
        self.endResetModel()

    def headers(self) -> list[str]:
        return ([self.tr(t) for t in self.FIXED] + [month_name(m, True) for m in self.months]
                + [self.tr(t) for t in self.TAIL])

    def header_tooltip(self, section: int) -> str | None:
        index = section - len(self.FIXED)
        if 0 <= index < len(self.months):
            return self.tr("Kontak pendampingan pada %s") % month_name(self.months[index])
        if section == 4:
            return self.tr("Hari sejak kontak terakhir (atau sejak OJL berakhir bila belum "
                           "pernah); merah: lebih dari 30 hari dalam masa pendampingan")
        return None

    def cell(self, row, column, role):
        fixed, months = len(self.FIXED), len(self.months)
        if role == FOREGROUND and column == 4 and row["quiet"]:
            return QBrush(RED)
        if role == ALIGN and column >= 3:
            return CENTRE if fixed <= column < fixed + months else RIGHT if column == 4 else None
        if role == TIP and column == 6 + months - 1 and row["rtl_tip"]:
            return row["rtl_tip"]
        if role != DISPLAY:
            return None
        if column < fixed:
            return (row["mentor"], row["mentee"], row["tier"], short_date(row["last"]),
                    "" if row["days"] is None else str(row["days"]))[column]
        if column < fixed + months:
            n = row["months"].get(self.months[column - fixed], 0)
            return str(n) if n else ""
        return row["rtl"] if column == fixed + months else row["monev"]


class LogModel(RowsModel):
    HEADERS = ("Tanggal", "Pembimbing", "Peserta", "Bentuk", "JP", "Topik", "Kesepakatan",
               "Tindak lanjut", "Bukti")

    def cell(self, row, column, role):
        if role == TIP and column in (5, 6, 7):
            return (row["topic"], row["agreed"], row["follow_up"])[column - 5] or None
        if role == ALIGN and column in (4, 8):
            return RIGHT
        if role != DISPLAY:
            return None
        return (short_date(row["day"]), row["mentor_name"], row["mentee_name"],
                row["mode_label"], "" if row["jp"] is None else format_number(row["jp"]),
                row["topic"], row["agreed"], row["follow_up"],
                str(row["evidence"]) if row["evidence"] else "")[column]


class PlansModel(RowsModel):
    HEADERS = ("Nama", "Peran", "Kegiatan/Aksi", "Sasaran/Bersama", "Target waktu",
               "Indikator keberhasilan", "Status", "Keterangan", "Terlambat")

    def cell(self, row, column, role):
        if role == BACKGROUND and row["overdue"]:
            return QBrush(OVERDUE)
        if role == FOREGROUND and column == 8 and row["overdue"]:
            return QBrush(RED)
        if role == TIP and column in (2, 3, 5, 7):
            return {2: row["action"], 3: row["partners"], 5: row["indicator"],
                    7: row["last_note"] or row["note"]}[column] or None
        if role != DISPLAY:
            return None
        late = self.tr("%s hari") % row["days_overdue"] if row["overdue"] else ""
        return (row["name"], row["role"], row["action"], row["partners"] or "",
                short_date(row["due"]), row["indicator"] or "", row["status_label"],
                row["last_note"] or row["note"] or "", late)[column]


class MonevEntriesModel(RowsModel):
    HEADERS = ("Tanggal", "Peserta", "Instrumen", "Tahap", "Observer", "Skor", "%", "Predikat")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.stage_names: dict[tuple[int, str], str] = {}

    def cell(self, row, column, role):
        if role == ALIGN and column in (5, 6):
            return RIGHT
        if role != DISPLAY:
            return None
        day = dt.date.fromisoformat(row["day"][:10])
        score = "" if row["total"] is None else self.tr("%s dari %s") % (
            format_number(row["total"]), format_number(row["max_total"]))
        stage = self.stage_names.get((row["form_id"], row["stage"] or ""), row["stage"] or "")
        return (short_date(day), row["name"],
                self.tr("%s (versi %s)") % (row["form_name"], row["form_version"]), stage,
                row["observer_name"] or "", score, percent(row["percentage"]),
                row["category"])[column]


class CompareModel(RowsModel):
    HEADERS = ("Nama", "Kunjungan", "Pertama", "%", "Terakhir", "%", "Perubahan")

    def cell(self, row, column, role):
        if role == ALIGN and column in (1, 3, 5, 6):
            return RIGHT
        if role == FOREGROUND and column == 6 and (row["change"] or 0) < 0:
            return QBrush(RED)
        if role != DISPLAY:
            return None
        first, last = row["first"], row["last"]
        change = row["change"]
        shown = "" if change is None else (("+" if change > 0 else "") + format_number(change)
                                           + self.tr(" poin"))
        return (row["name"], str(row["visits"]),
                short_date(dt.date.fromisoformat(first["day"][:10])), percent(first["percentage"]),
                short_date(dt.date.fromisoformat(last["day"][:10])), percent(last["percentage"]),
                shown)[column]


class ReachModel(RowsModel):
    HEADERS = ("Nama", "Tingkat", "Pembimbing", "Direncanakan", "Tercapai", "Target", "%")

    def cell(self, row, column, role):
        if role == ALIGN and column >= 3:
            return RIGHT
        if role != DISPLAY:
            return None
        reach, mentor = row  # a follow_up.Reach and its own mentor's name
        return (reach.person.name, reach.label, mentor, str(reach.planned), str(reach.reached),
                "" if reach.target is None else str(reach.target),
                percent(reach.percentage))[column]
