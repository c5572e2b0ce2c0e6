"""An activity's rundown out to .xlsx, in the layout `import_rundown` reads back unchanged."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlite_utils import Database

from .. import indonesia as ind
from ..activities import (
    Activity,
    Item,
    get_activity,
    host_schools,
    list_items,
    region_name,
    time_zone,
)
from ..errors import Cancelled
from .roster_rows import IsCancelled, Progress
from .workbook import (
    DATE_FORMAT,
    check_destination,
    header_cells,
    print_setup,
    save_workbook,
    set_widths,
    text_cell,
)

__all__ = ["COLUMNS", "HEADER_ROW", "SHEET_NAME", "export_rundown"]


# (field, header, width) of the exported sheet, in order.
COLUMNS = [("date", "Tanggal", 13), ("start", "Mulai", 8), ("end", "Selesai", 8),
           ("description", "Kegiatan", 48), ("place", "Tempat", 28),
           ("pic", "Penanggung Jawab", 30), ("jp", "JP", 6), ("attendance", "Daftar Hadir", 9),
           ("school", "NPSN Sekolah", 13)]
HEADER_ROW = 4  # under the title, the dates line and a blank row
SHEET_NAME = "Rundown"
_WRAP = Alignment(vertical="top", wrap_text=True)
_CENTRE = Alignment(horizontal="center", vertical="top")

def export_rundown(db: Database, activity_id: int, path: str | Path, *,
                   progress: Progress | None = None, cancelled: IsCancelled | None = None) -> Path:
    """Write the activity's rundown to .xlsx: a title, then one row per item with its date
    (a real date, dd/mm/yyyy), times as text `07.30` (what an operator types, and never
    turned into a fraction of a day by Excel), JP, "Ya" where attendance is taken and the
    NPSN of a host school's own items. `import_rundown` reads it back unchanged."""
    path = check_destination(path)
    activity = get_activity(db, activity_id)
    items = list_items(db, activity_id)
    zone = time_zone(db, activity.region_code)
    hosts = host_schools(db, activity_id)
    book = Workbook()
    ws = book.active
    ws.title = SHEET_NAME
    _title_rows(db, ws, activity, zone)
    header = header_cells(ws, [label for _, label, _ in COLUMNS])
    for cell, note in zip(header, _header_notes(zone, hosts), strict=True):
        if note:
            cell.comment = Comment(note, "Kemitraan Desktop", width=320, height=140)
    ws.append(header)
    ws.row_dimensions[HEADER_ROW].height = 30
    schools = _school_refs(db, items, hosts)
    for index, item in enumerate(items):
        if cancelled and cancelled():
            raise Cancelled()
        ws.append(_item_cells(ws, item, schools))
        ws.row_dimensions[HEADER_ROW + 1 + index].height = 15 * _lines(item)
        if progress and index % 100 == 0:
            progress(index, len(items), "Mengekspor rundown")
    set_widths(ws, [width for _, _, width in COLUMNS])
    last = HEADER_ROW + len(items)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(COLUMNS))}{max(last, HEADER_ROW + 1)}"
    _dropdowns(ws, hosts, last + 200)
    print_setup(ws, HEADER_ROW)
    if progress:
        progress(len(items), len(items), "Mengekspor rundown")
    return save_workbook(book, path)


def _title_rows(db: Database, ws, activity: Activity, zone: str) -> None:
    title = text_cell(ws, activity.title)
    title.font = Font(bold=True, size=14)
    ws.append([title])
    where = ", ".join(part for part in (activity.venue, region_name(db, activity.region_code)) if part)
    line = ind.format_date_range(activity.start, activity.end) + (f", {where}" if where else "")
    ws.append([f"{line} (waktu {zone})"])
    ws.append([])


def _header_notes(zone: str, hosts: list[dict]) -> list[str | None]:
    listed = "; ".join(f"{h['npsn'] or h['name']} = {h['name']}" for h in hosts) or \
        "kegiatan ini belum punya sekolah inti"
    time_note = f"Jam seperti 07.30 (0730 dan 7.30 juga diterima), waktu {zone}."
    return [
        "Tanggal acara, misalnya 10/09/2018. Cukup diisi pada baris pertama setiap hari: "
        "baris di bawahnya memakai tanggal yang sama.",
        time_note, time_note, "Wajib diisi: nama acara.", None, None,
        "Jam pelajaran (45 menit). 0 atau kosong untuk istirahat, perjalanan, kunjungan budaya.",
        "Ya bila daftar hadir diedarkan pada acara ini; kosongkan bila tidak.",
        "Kosongkan untuk acara bersama. Untuk acara milik satu sekolah inti, isi NPSN "
        f"sekolahnya. Sekolah inti kegiatan ini: {listed}.",
    ]


def _school_refs(db: Database, items: list[Item], hosts: list[dict]) -> dict[int, str]:
    """School id -> what its column holds: the NPSN, or the name of a school without one.
    Also for schools no longer hosting (the import will then point them out)."""
    refs = {h["id"]: h["npsn"] or h["name"] for h in hosts}
    missing = sorted({i.school_id for i in items if i.school_id is not None} - set(refs))
    if missing:
        marks = ", ".join("?" for _ in missing)
        for sid, npsn, name in db.execute(
                f"SELECT id, npsn, name FROM schools WHERE id IN ({marks})", missing):
            refs[sid] = npsn or name
    return refs


def _item_cells(ws, item: Item, schools: dict[int, str]) -> list:
    day = WriteOnlyCell(ws, value=item.day)
    day.number_format = DATE_FORMAT
    times = [text_cell(ws, ind.format_time(m) if m else None, force_text=True)
             for m in (item.start, item.end)]
    texts = [text_cell(ws, text or None) for text in (item.description, item.place, item.pic)]
    jp = WriteOnlyCell(ws, value=int(item.jp) if float(item.jp).is_integer() else item.jp)
    attendance = WriteOnlyCell(ws, value="Ya" if item.attendance else None)
    school = text_cell(ws, schools.get(item.school_id) if item.school_id is not None else None,
                        force_text=True)
    for cell in (day, *times, jp, attendance, school):
        cell.alignment = _CENTRE
    for cell in texts:
        cell.alignment = _WRAP
    return [day, *times, *texts, jp, attendance, school]


def _lines(item: Item) -> int:
    """Lines the tallest wrapped cell of an item's row takes: neither Excel nor LibreOffice
    sizes the rows of a file they did not lay out themselves."""
    widths = {key: width for key, _, width in COLUMNS}
    return max(sum(-(-max(len(line), 1) // widths[key]) for line in text.splitlines() or [""])
               for key, text in (("description", item.description), ("place", item.place),
                                 ("pic", item.pic)))


def _dropdowns(ws, hosts: list[dict], last_row: int) -> None:
    """Suggestions, not rules: the import checks the values and says what is wrong."""
    first = HEADER_ROW + 1
    position = {key: index for index, (key, _, _) in enumerate(COLUMNS, start=1)}
    lists = [(position["attendance"], ["Ya"])]
    npsns = [h["npsn"] for h in hosts if h["npsn"]]
    if npsns and len(",".join(npsns)) < 250:  # Excel's limit for a list typed in the rule
        lists.append((position["school"], npsns))
    for column, values in lists:
        rule = DataValidation(type="list", formula1='"' + ",".join(values) + '"',
                              allow_blank=True, showErrorMessage=False)
        letter = get_column_letter(column)
        rule.add(f"{letter}{first}:{letter}{last_row}")
        ws.add_data_validation(rule)

