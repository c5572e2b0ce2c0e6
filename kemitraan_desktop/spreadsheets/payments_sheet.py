"""The daftar penerimaan as a workbook, for the bendahara who keeps the SPJ in Excel: the
same rows as the PDF, amounts as numbers (format #,##0, shown with dots in an Indonesian
Excel), the totals, the total in words and the signatories."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.utils import get_column_letter

from .. import indonesia as ind
from .. import payments
from ..office import Signatory
from ..rupiah import format_rupiah, terbilang_rupiah
from ..views.payments import PaymentsView
from .workbook import (
    FORMULA_STARTS,
    HEADER_BORDER,
    check_destination,
    print_setup,
    save_workbook,
    set_widths,
)

SHEET_NAME = "Daftar Penerimaan"
RUPIAH_FORMAT = "#,##0"
# (key, header, width in characters)
COLUMNS = [("no", "No", 5), ("name", "Nama", 32), ("nip", "NIP", 22), ("gol", "Gol.", 7),
           ("unit", "Unit kerja", 34), ("role", "Peran", 13), ("transport", "Transport (Rp)", 14),
           ("days", "Hari", 6), ("daily", "Uang harian per hari (Rp)", 14),
           ("harian", "Uang harian (Rp)", 14), ("honorarium", "Honorarium (Rp)", 14),
           ("gross", "Jumlah (Rp)", 15), ("pph_rate", "PPh 21 (%)", 8),
           ("pph", "PPh 21 (Rp)", 12), ("net", "Jumlah diterima (Rp)", 16),
           ("sign", "Tanda tangan", 22)]
AMOUNTS = ("transport", "daily", "harian", "honorarium", "gross", "pph", "net")
HEADER_ROW = 6
_BOLD = Font(bold=True)
_TOTAL_FILL = PatternFill("solid", fgColor="EFEFEF")
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_FOLIO = 14  # Excel's paper code for Folio 8.5 x 13 in, the nearest to F4


def write_payments(view: PaymentsView, path: str | Path, *, sign_off=None) -> Path:
    """Write `view` (see documents.payments.print_payments) as one sheet; returns the path."""
    from ..documents.frame import sign_off_line

    path = check_destination(Path(path))
    book = Workbook()
    ws = book.active
    ws.title = SHEET_NAME
    keys = [k for k, _, _ in COLUMNS]
    _title(ws, view)
    for col, (_, header, _) in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, col, header)
        cell.font, cell.fill, cell.border = _BOLD, _HEADER_FILL, HEADER_BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[HEADER_ROW].height = 32
    row_no = HEADER_ROW
    for number, row in enumerate(view.rows, start=1):
        row_no += 1
        values = _values(number, row)
        for col, key in enumerate(keys, start=1):
            _put(ws, row_no, col, values[key], key, number)
        ws.row_dimensions[row_no].height = 30
    row_no += 1
    _totals(ws, row_no, keys, view)
    total = payments.totals(view.rows)
    _put(ws, row_no + 2, 1, f"Terbilang: {terbilang_rupiah(total.gross)} "
                            f"({format_rupiah(total.gross)})", "words", 0)
    ws.cell(row_no + 2, 1).font = Font(bold=True, italic=True)
    _signatures(ws, row_no + 4, view, sign_off_line(view.profile, sign_off,
                                                     last_day=view.activity.end))
    set_widths(ws, [w for _, _, w in COLUMNS])
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    print_setup(ws, HEADER_ROW)
    if view.profile.paper == "f4":
        ws.page_setup.paperSize = _FOLIO
    ws.print_area = f"A1:{get_column_letter(len(COLUMNS))}{row_no + 12}"
    return save_workbook(book, path)


def _title(ws, view: PaymentsView) -> None:
    activity = view.activity
    title = payments.list_title(payments.items_used(view.rows)).upper()
    place = ", ".join(p for p in (activity.venue, view.city) if p)
    from ..documents.payments import rates_text

    lines = [(title, Font(bold=True, size=14)), (activity.title, Font(bold=True, size=12)),
             (f"{view.program.name} Tahun {view.program.year}; "
              f"{ind.format_date_range(activity.start, activity.end)}"
              + (f"; {place}" if place else ""), None),
             (f"Tarif per orang: {rates_text(view)}", None)]
    for index, (text, font) in enumerate(lines, start=1):
        _put(ws, index, 1, text, "title", 0)
        if font:
            ws.cell(index, 1).font = font


def _values(number: int, row: payments.PaymentRow) -> dict:
    payee = row.payee
    return {"no": number, "name": payee.name, "nip": ind.format_nip(payee.nip) if payee.nip
            else "", "gol": payee.golongan, "unit": payee.unit,
            "role": payments.role_label(payee.role), "transport": row.transport,
            "days": payee.days, "daily": row.daily_rate, "harian": row.harian,
            "honorarium": row.honorarium, "gross": row.gross,
            "pph_rate": row.pph_bp / 10000 if row.honorarium else 0, "pph": row.pph,
            "net": row.net,
            "sign": "tidak hadir" if payee.absent else f"{number}. " + "." * 20}


def _put(ws, row: int, col: int, value, key: str, number: int) -> None:
    """One cell: numbers as numbers in rupiah format; text never evaluated as a formula."""
    cell = ws.cell(row, col)
    if isinstance(value, str):
        cell.value = value
        if value.startswith(FORMULA_STARTS):
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
    if key in AMOUNTS:
        cell.number_format = RUPIAH_FORMAT
    elif key == "pph_rate":
        cell.number_format = "0.0%"
    if key in ("title", "words"):
        return
    cell.border = HEADER_BORDER
    horizontal = {"no": "center", "gol": "center", "days": "center",
                  "sign": "left" if number % 2 else "right"}.get(key)
    vertical = "bottom" if key == "sign" else "top"
    cell.alignment = Alignment(horizontal=horizontal, vertical=vertical,
                               wrap_text=key in ("name", "unit"))


def _totals(ws, row: int, keys: list[str], view: PaymentsView) -> None:
    total = payments.totals(view.rows)
    sums = {"transport": total.transport, "harian": total.harian,
            "honorarium": total.honorarium, "gross": total.gross, "pph": total.pph,
            "net": total.net}
    for col, key in enumerate(keys, start=1):
        _put(ws, row, col, sums.get(key, "JUMLAH" if col == 1 else None), key, 1)
        cell = ws.cell(row, col)
        cell.font, cell.fill = _BOLD, _TOTAL_FILL
        cell.border = Border(left=HEADER_BORDER.left, right=HEADER_BORDER.right,
                             top=HEADER_BORDER.top, bottom=HEADER_BORDER.bottom)
    ws.cell(row, 1).alignment = Alignment(horizontal="left")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=keys.index("role") + 1)


def _signatures(ws, row: int, view: PaymentsView, place_date: str) -> None:
    profile = view.profile
    blocks = [(2, "Mengetahui/Menyetujui,", profile.head)]
    if profile.second.name:
        blocks.append((5, "Pejabat Pelaksana Teknis Kegiatan,", profile.second))
    blocks.append((12, place_date, view.treasurer))
    for col, first, who in blocks:
        for offset, (text, font) in enumerate(_signature_lines(first, who)):
            if text:
                _put(ws, row + offset, col, text, "title", 0)
                if font:
                    ws.cell(row + offset, col).font = font


def _signature_lines(first: str, who: Signatory) -> list[tuple[str, Font | None]]:
    name = who.name or "." * 36
    nip = f"NIP {who.nip_printed}" if who.nip else ("" if who.name else "NIP " + "." * 26)
    return [(first, None), (f"{who.position}," if who.position else "", None), ("", None),
            ("", None), ("", None), (name, Font(bold=True, underline="single") if who.name
                                     else None), (who.rank, None), (nip, None)]
