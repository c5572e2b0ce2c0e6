"""The laporan program as a workbook, one sheet per table as an office keeps them: a title
row with the program, the header bold on a fill, widths that fit, the header frozen and
filtered, counts as numbers, percentages in percent format and a Jumlah row under each
count table; the first sheet holds the key figures."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import DEFAULT_FONT, Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter

from .. import indonesia as ind
from ..views import program_report as pr
from ..views.program_report import ProgramReportView
from .workbook import (
    DATE_FORMAT,
    FORMULA_STARTS,
    HEADER_BORDER,
    HEADER_FILL,
    HEADER_FONT,
    check_destination,
    print_setup,
    save_workbook,
    set_widths,
)

HEADER_ROW = 4  # title, subtitle, a blank row, then the header
PERCENT = "0.0%"
NUMBER = "#,##0"
DECIMAL = "#,##0.0"
TITLE_FONT = Font(bold=True, size=13)
TOTAL_FONT = Font(bold=True)
TOTAL_FILL = PatternFill("solid", fgColor="EFEFEF")
_FORMATS = {"int": NUMBER, "num": "#,##0.##", "pct": PERCENT, "date": DATE_FORMAT,
            "points": "+0.0;-0.0;0"}
# The table cells' styles, registered once per workbook as named styles and given to a cell
# by name: a province's report has 57,000 cells, and a font or alignment object assigned
# per cell is hashed into openpyxl's style list on every assignment (two thirds of the
# write). Ruled; text wraps at the top, the rest centred; the Jumlah row bold on grey.
TEXT_STYLE, NUMBER_STYLE = "Laporan Teks", "Laporan Angka"
TOTAL_TEXT_STYLE, TOTAL_NUMBER_STYLE = "Laporan Jumlah", "Laporan Jumlah Angka"


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text, int, num, pct (a fraction: 0.875), date, points
    width: float = 12


def write_program_report(view: ProgramReportView, path: str | Path) -> Path:
    """Write `view` as the laporan program's workbook; refused like the PDF for a program
    without participants (ValidationError, nothing written)."""
    from ..documents.program_report import check_reportable, report_title, summary

    check_reportable(view)
    path = check_destination(Path(path))
    book = Workbook()
    _add_styles(book)
    title, year = report_title(view)
    subtitle = f"keadaan per {ind.format_date(view.as_of, False)}"
    _summary_sheet(book.active, view, f"{title} {year}", subtitle, summary(view))
    tiers = [view.program.role(t) for t in range(1, view.program.tiers + 1)]
    tier_columns = [Column(t, "int", max(11, len(t) + 2)) for t in tiers] + [
        Column("Jumlah", "int", 10)]

    def counts(name: str, heading: str, first: list[Column], rows: list[list]) -> None:
        totals = ["Jumlah", *[None] * (len(first) - 1),
                  *(sum(r[len(first) + i] for r in rows) for i in range(len(tier_columns)))]
        table(book, name, heading, [Column("No", "int", 5), *first, *tier_columns],
              [[i, *r] for i, r in enumerate(rows, 1)], totals=[None, *totals])

    def table(*args, **kwargs) -> None:
        _table(*args, title=f"{title} {year}", subtitle=subtitle, **kwargs)

    counts("Provinsi", "Peserta per provinsi dan tingkat", [Column("Provinsi", width=30)],
           [[r.label, *r.counts, r.total] for r in view.provinces])
    counts("Kab-Kota", "Peserta per kabupaten/kota",
           [Column("Provinsi", width=28), Column("Kabupaten/Kota", width=32)],
           [[r.province, r.region, *r.counts, r.total] for r in view.regions])
    counts("Mata Pelajaran", "Peserta per mata pelajaran", [Column("Mata pelajaran", width=28)],
           [[r.label, *r.counts, r.total] for r in view.subjects])
    counts("Jenjang", "Peserta per jenjang", [Column("Jenjang", width=14)],
           [[r.label, *r.counts, r.total] for r in view.jenjang])
    table(book, "Jangkauan", "Jangkauan pengimbasan per pembimbing",
          [Column("No", "int", 5), Column("Nama", width=36), Column("NIP/NUPTK", width=24),
           Column("Tingkat", width=14), Column("Direncanakan", "int", 13),
           Column("Tercapai", "int", 11), Column("Target", "int", 10),
           Column("Capaian", "pct", 11)],
          [[i, r.name, r.ident, _role(view, r.tier_label), r.planned, r.reached, r.target,
            r.percentage / 100 if r.percentage is not None else None]
           for i, r in enumerate(view.reach, 1)],
          totals=[None, f"Jumlah ({view.program.role(1)})", None, None, view.planned,
                  view.reached, view.target,
                  view.percentage / 100 if view.percentage is not None else None])
    table(book, "Kegiatan", "Kegiatan dan kehadiran",
          [Column("No", "int", 5), Column("Kegiatan", width=44), Column("Jenis", width=14),
           Column("Mulai", "date", 12), Column("Selesai", "date", 12),
           Column("Peserta", "int", 10), Column("Sesi", "int", 8),
           Column("Kehadiran", "pct", 11), Column("JP", "num", 8),
           Column("JP rata-rata diperoleh", "num", 12), Column("Sertifikat", "int", 11)],
          [[i, a.title, a.kind_label, a.start, a.end, a.participants, a.sessions,
            a.percent / 100 if a.recorded else None, a.jp, round(a.jp_earned, 1),
            a.certificates] for i, a in enumerate(view.activities, 1)])
    table(book, "Sertifikat", "Sertifikat yang diterbitkan",
          [Column("No", "int", 5), Column("Kegiatan", width=44),
           Column("Diterbitkan", "int", 12), Column("Dibatalkan", "int", 12),
           Column("Terbit pertama", "date", 14), Column("Terbit terakhir", "date", 14),
           Column("JP", "num", 8)],
          [[i, r.activity, r.issued, r.voided, r.first, r.last, r.jp]
           for i, r in enumerate(view.certificates, 1)],
          totals=[None, "Jumlah", view.issued, sum(r.voided for r in view.certificates),
                  None, None, None])
    modes = list(pr.MODES.values())
    table(book, "Pendampingan per Bulan", "Kontak pendampingan per bulan dan cara",
          [Column("Bulan", width=16), *(Column(m, "int", max(12, len(m) + 2)) for m in modes),
           Column("Jumlah", "int", 10), Column("JP", "num", 8)],
          [[f"{ind.MONTHS[int(m.month[5:]) - 1]} {m.month[:4]}", *m.counts, m.total, m.jp]
           for m in view.months],
          totals=["Jumlah", *(sum(m.counts[i] for m in view.months) for i in range(len(modes))),
                  view.contacts, view.contact_jp] if view.months else None)
    table(book, "Cara Pendampingan", "Pendampingan menurut cara",
          [Column("Cara", width=20), Column("Kontak", "int", 10), Column("JP", "num", 8),
           Column("Pasangan", "int", 11)],
          [[m.mode, m.contacts, m.jp, m.pairs] for m in view.modes],
          totals=["Jumlah", view.contacts, view.contact_jp, None])
    total = view.rtl_total()
    table(book, "RTL", "Rencana tindak lanjut (RTL) per tingkat",
          [Column("Peserta", width=16),
           *(Column(s, "int", 13) for s in pr.RTL_STATUSES.values()),
           Column("Jumlah", "int", 10), Column("Lewat target waktu", "int", 14)],
          [[_role(view, r.tier_label), *r.counts, r.total, r.overdue] for r in view.rtl],
          totals=["Jumlah", *total.counts, total.total, total.overdue])
    table(book, "Monev", "Monev: kunjungan pertama dan terakhir per instrumen",
          [Column("Instrumen", width=32), Column("Kunjungan", "int", 11),
           Column("Peserta", "int", 10), Column("Dikunjungi 2 kali atau lebih", "int", 14),
           Column("Rata-rata kunjungan pertama", "pct", 14),
           Column("Rata-rata kunjungan terakhir", "pct", 14),
           Column("Perubahan (poin)", "points", 12)],
          [[r.form, r.entries, r.participants, r.compared, _fraction(r.first_mean),
            _fraction(r.last_mean), round(r.change, 1) if r.change is not None else None]
           for r in view.monev])
    table(book, "Monev per Peserta", "Monev per peserta: kunjungan pertama dan terakhir",
          [Column("No", "int", 5), Column("Nama", width=34), Column("Tingkat", width=14),
           Column("Instrumen", width=28), Column("Kunjungan", "int", 11),
           Column("Tanggal pertama", "date", 14), Column("Skor pertama", "pct", 12),
           Column("Tanggal terakhir", "date", 14), Column("Skor terakhir", "pct", 12)],
          [[i, p.name, p.tier_label and _role(view, p.tier_label), p.form, p.visits,
            p.first_day, p.first / 100, p.last_day, p.last / 100]
           for i, p in enumerate(view.monev_people, 1)])
    return save_workbook(book, path)


def _role(view: ProgramReportView, label: str) -> str:
    labels = view.program.labels
    return view.program.role(labels.index(label) + 1) if label in labels else label


def _fraction(percent: float | None) -> float | None:
    return round(percent / 100, 4) if percent is not None else None


def _add_styles(book: Workbook) -> None:
    def named(name: str, alignment: Alignment | None = None, *, total: bool = False):
        book.add_named_style(NamedStyle(
            name, font=TOTAL_FONT if total else DEFAULT_FONT, fill=TOTAL_FILL if total else None,
            border=HEADER_BORDER, alignment=alignment))

    named(TEXT_STYLE, Alignment(vertical="top", wrap_text=True))
    named(NUMBER_STYLE, Alignment(vertical="top", wrap_text=False, horizontal="center"))
    named(TOTAL_TEXT_STYLE, total=True)
    named(TOTAL_NUMBER_STYLE, Alignment(horizontal="center"), total=True)


def _put(ws, row: int, col: int, value, kind: str = "text", style: str | None = None):
    """One cell (in the named `style`): numbers and dates as such; text never evaluated as
    a formula."""
    cell = ws.cell(row, col, value)
    if style:
        cell.style = style  # first: it sets the cell's whole format
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    if kind in _FORMATS and value is not None and not isinstance(value, str):
        cell.number_format = _FORMATS[kind]
    return cell


def _titles(ws, title: str, subtitle: str, heading: str) -> None:
    _put(ws, 1, 1, title).font = TITLE_FONT
    _put(ws, 2, 1, f"{heading}, {subtitle}")


def _table(book: Workbook, name: str, heading: str, columns: list[Column], rows: list[list],
           *, title: str, subtitle: str, totals: list | None = None) -> None:
    ws = book.create_sheet(name)
    _titles(ws, title, subtitle, heading)
    for col, column in enumerate(columns, 1):
        cell = _put(ws, HEADER_ROW, col, column.header)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[HEADER_ROW].height = 32
    row_no = HEADER_ROW
    for values in rows:
        row_no += 1
        for col, (value, column) in enumerate(zip(values, columns, strict=True), 1):
            _put(ws, row_no, col, value, column.kind,
                 TEXT_STYLE if column.kind == "text" else NUMBER_STYLE)
    last_data = row_no
    if not rows:
        _put(ws, row_no + 1, 1, "Belum ada data.").font = Font(italic=True)
    elif totals is not None:
        row_no += 1
        for col, (value, column) in enumerate(zip(totals, columns, strict=True), 1):
            _put(ws, row_no, col, value, column.kind,
                 TOTAL_TEXT_STYLE if column.kind == "text" else TOTAL_NUMBER_STYLE)
    set_widths(ws, [c.width for c in columns])
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    # the filter covers the rows, not the Jumlah under them
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(columns))}{max(last_data, HEADER_ROW + 1)}"
    print_setup(ws, HEADER_ROW)


def _summary_sheet(ws, view: ProgramReportView, title: str, subtitle: str, text: str) -> None:
    ws.title = "Ringkasan"
    _titles(ws, title, subtitle, "Ringkasan")
    program = view.program
    rtl = view.rtl_total()
    figures: list[tuple[str, object, str]] = [
        ("Jumlah peserta", view.participants, "int"),
        *((f"  {program.role(t)}", n, "int") for t, n in enumerate(view.tier_totals, 1)),
        ("Provinsi", len(view.provinces), "int"),
        ("Kabupaten/kota", len({(r.province, r.region) for r in view.regions}), "int"),
        ("Mata pelajaran", len(view.subjects), "int"),
        ("Pasangan pembimbing", view.pairs, "int"),
        ("Jangkauan direncanakan", view.planned, "int"),
        ("Jangkauan tercapai", view.reached, "int"),
        ("Target jangkauan", view.target, "int"),
        ("Capaian jangkauan", _fraction(view.percentage), "pct"),
        ("Kegiatan", len(view.activities), "int"),
        ("Rata-rata kehadiran", _fraction(view.mean_attendance), "pct"),
        ("Sertifikat diterbitkan", view.issued, "int"),
        ("Kontak pendampingan", view.contacts, "int"),
        ("JP pendampingan", view.contact_jp, "num"),
        ("Pasangan dengan kontak", view.contacted_pairs, "int"),
        ("Pasangan tanpa kontak lebih dari 30 hari", view.quiet, "int"),
        ("RTL", rtl.total, "int"), ("  RTL selesai", rtl.counts[2], "int"),
        ("  RTL berjalan", rtl.counts[1], "int"), ("  RTL belum mulai", rtl.counts[0], "int"),
        ("  RTL lewat target waktu", rtl.overdue, "int"),
    ]
    for col, header in enumerate(("Uraian", "Jumlah"), 1):
        cell = _put(ws, HEADER_ROW, col, header)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        cell.alignment = Alignment(horizontal="center")
    for row, (label, value, kind) in enumerate(figures, HEADER_ROW + 1):
        _put(ws, row, 1, label).border = HEADER_BORDER
        cell = _put(ws, row, 2, value if value is not None else "-", kind)
        cell.border, cell.alignment = HEADER_BORDER, Alignment(horizontal="center")
    below = HEADER_ROW + len(figures) + 2
    cell = _put(ws, below, 1, text)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=below, start_column=1, end_row=below, end_column=2)
    ws.row_dimensions[below].height = 15 * (len(text) // 80 + 2)
    set_widths(ws, [44, 16])
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    print_setup(ws, HEADER_ROW)
    ws.page_setup.orientation = "portrait"
