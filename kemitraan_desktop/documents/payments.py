"""The SPJ's daftar penerimaan of an activity (uang transport, uang harian, honorarium): one
numbered row per person with what they receive and a staggered place to sign, the totals,
the total in words, and the signatures of the head of the office, the activity's officer
and the Bendahara Pengeluaran. Landscape, on the letterhead. Also as .xlsx."""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle
from sqlite_utils import Database

from .. import indonesia as ind
from .. import payments
from ..errors import ValidationError
from ..office import Signatory
from ..rupiah import format_amount, format_rupiah, terbilang_rupiah
from ..views.payments import PaymentsView, payments_view
from . import frame

EMPTY_PEOPLE = ("Kegiatan ini belum mempunyai peserta, panitia atau narasumber; daftar "
                "penerimaan tidak dibuat.")
EMPTY_AMOUNTS = ("Belum ada jumlah uang untuk kegiatan ini (semua tarif nol); isi dulu tarif per "
                 "peran (di aplikasi: Surat & dokumen > Daftar Penerimaan; di baris perintah: "
                 "--amount \"{role}=150000\"). Daftar penerimaan tidak dibuat.")
PPH_NOTE = ("PPh 21 atas honorarium: PNS golongan IV 15%, golongan III 5%, golongan I dan II "
            "0% (PMK 262/PMK.03/2010); PPPK golongan XIII-XVII 15%, V-XII 5%, I-IV 0% "
            "(PP 58/2023); bukan PNS 2,5% (50% x 5%).")
SIGN_PADDING = 16  # above the signing line: room for a signature in each row


def print_payments(db: Database, activity_id: int, out: str | os.PathLike, *,
                   paper: str | None = None, sign_off: frame.SignOff | None = None,
                   rates: dict | None = None) -> Path:
    """Write the activity's daftar penerimaan to `out`: a PDF (landscape, on the letterhead)
    or, for a name ending in .xlsx, a workbook with the same rows as numbers. The amounts are
    the activity's saved rates (or `rates`). Raises ValidationError, writing nothing, when
    the activity has nobody or every amount is zero; NotFoundError for an unknown activity."""
    out = Path(out)
    view = payments_view(db, activity_id, rates)
    check_payable(view)
    if out.suffix.lower() == ".xlsx":
        from ..spreadsheets.payments_sheet import write_payments

        return write_payments(view, out, sign_off=sign_off)
    if out.suffix.lower() != ".pdf":
        raise ValidationError(f"Daftar penerimaan ditulis sebagai .pdf atau .xlsx, bukan "
                              f"'{out.name}'.")
    return render_payments(view, out, paper=paper, sign_off=sign_off)


def check_payable(view: PaymentsView) -> None:
    """Refuse a list with nobody on it or nothing to pay (nothing is written)."""
    if not view.people:
        raise ValidationError(EMPTY_PEOPLE)
    if not any(row.gross for row in view.rows):
        raise ValidationError(EMPTY_AMOUNTS.format(role=view.roles[0] if view.roles else "Peran"))


def columns(view: PaymentsView) -> list[tuple[str, str]]:
    """(key, header) of the list's columns: the items nobody is paid are left out, and the
    tax columns are there only when an honorarium is."""
    used = payments.items_used(view.rows)
    cols = [("no", "No"), ("name", "Nama / NIP"), ("gol", "Gol."), ("unit", "Unit kerja"),
            ("role", "Peran")]
    cols += [(item, header) for item, header in (
        ("transport", "Transport (Rp)"), ("harian", "Uang harian (hari x tarif)"),
        ("honorarium", "Honorarium (Rp)")) if item in used]
    cols.append(("gross", "Jumlah (Rp)"))
    if "honorarium" in used:
        cols += [("pph", "PPh 21 (Rp)"), ("net", "Jumlah diterima (Rp)")]
    cols.append(("sign", "Tanda tangan"))
    return cols


_WEIGHTS = {"no": 0.8, "name": 4.2, "gol": 1.1, "unit": 3.4, "role": 2.2, "transport": 1.9,
            "harian": 2.3, "honorarium": 2.2, "gross": 2.0, "pph": 1.6, "net": 2.1, "sign": 3.2}


def signing_slot(number: int) -> str:
    """What the signature cell prints: odd numbers sign on its left, even on its right."""
    return f"{number}. " + "." * 22


def render_payments(view: PaymentsView, path: str | os.PathLike, *, paper: str | None = None,
                    sign_off: frame.SignOff | None = None) -> Path:
    """Draw `view` as the daftar penerimaan (see print_payments); reads nothing else."""
    activity, profile = view.activity, view.profile
    title = payments.list_title(payments.items_used(view.rows))
    place_date = frame.sign_off_line(profile, sign_off, last_day=activity.end)

    def story(width: float) -> list[Flowable]:
        flowables = frame.title_block(title, activity.title)
        flowables.append(frame.facts_table(_facts(view), width, key_width=4 * cm))
        flowables.append(Spacer(1, 0.3 * cm))
        flowables.append(_table(view, width))
        total = payments.totals(view.rows)
        st = frame.styles()
        words = Paragraph(f"<b>Terbilang:</b> <i>{frame.escape(terbilang_rupiah(total.gross))}"
                          f"</i> ({frame.escape(format_rupiah(total.gross))})", st.body)
        # the words go with the signatures: a page of signatures alone says what they sign
        closing: list[Flowable] = [Spacer(1, 0.25 * cm), words]
        if total.honorarium:
            closing.append(frame.para(PPH_NOTE, st.note))
        closing += _signatures(view, place_date, width)
        flowables.append(KeepTogether(closing))
        return flowables

    return frame.build_document(path, profile, story, paper=paper, landscape=True,
                                title=f"{title} - {activity.title}")


def _facts(view: PaymentsView) -> list[tuple[str, str]]:
    activity = view.activity
    place = ", ".join(p for p in (activity.venue, view.city) if p)
    if view.from_attendance:
        basis = "hari hadir menurut daftar hadir peserta; panitia dan narasumber " \
                f"{view.days} hari"
    else:
        basis = f"{view.days} hari (lama kegiatan)"
    return [("Program", f"{view.program.name} Tahun {view.program.year}"),
            ("Tanggal", ind.format_date_range(activity.start, activity.end)),
            ("Tempat", place), ("Tarif per orang", rates_text(view)),
            ("Hari uang harian", basis if any(r.daily_rate for r in view.rows) else "")]


def rates_text(view: PaymentsView) -> str:
    """"Mitra 1: transport Rp500.000, uang harian Rp150.000/hari; Panitia: ..." for the roles
    present that are paid anything."""
    parts = []
    for role in view.roles:
        rate = view.rates.get(role, {})
        items = [f"transport {format_rupiah(rate['transport'])}" if rate.get("transport") else "",
                 f"uang harian {format_rupiah(rate['harian'])}/hari" if rate.get("harian") else "",
                 f"honorarium {format_rupiah(rate['honorarium'])}" if rate.get("honorarium")
                 else ""]
        items = [i for i in items if i]
        if items:
            parts.append(f"{payments.role_label(role)}: {', '.join(items)}")
    return "; ".join(parts)


def _styles() -> dict[str, ParagraphStyle]:
    cell = ParagraphStyle("pay_cell", frame.styles().cell, fontSize=8, leading=9.5)
    return {"left": cell,
            "centre": ParagraphStyle("pay_centre", cell, alignment=TA_CENTER),
            "right": ParagraphStyle("pay_right", cell, alignment=TA_RIGHT),
            "bold_right": ParagraphStyle("pay_bold_right", cell, alignment=TA_RIGHT,
                                         fontName=frame.SANS_BOLD),
            "bold": ParagraphStyle("pay_bold", cell, fontName=frame.SANS_BOLD),
            "header": ParagraphStyle("pay_header", cell, fontName=frame.SANS_BOLD,
                                     alignment=TA_CENTER),
            "sign_left": ParagraphStyle("pay_sign_l", cell, alignment=TA_LEFT),
            "sign_right": ParagraphStyle("pay_sign_r", cell, alignment=TA_RIGHT)}


def _cells(view: PaymentsView, cols: list[str]) -> list[list[Flowable]]:
    st = _styles()
    rows = []
    for number, row in enumerate(view.rows, start=1):
        payee = row.payee
        name = frame.bold(payee.name)
        if payee.nip:
            name += f"<br/>NIP {frame.escape(ind.format_nip(payee.nip))}"
        harian = ""
        if row.harian:
            harian = (f"{row.payee.days} x {frame.escape(format_amount(row.daily_rate))}<br/>"
                      f"{frame.escape(format_amount(row.harian))}")
        elif payee.absent:
            harian = "tidak hadir"
        sign = ("tidak hadir" if payee.absent else signing_slot(number))
        values = {
            "no": Paragraph(str(number), st["centre"]),
            "name": Paragraph(name, st["left"]),
            "gol": frame.para(payee.golongan or "-", st["centre"]),
            "unit": frame.para(payee.unit or "-", st["left"]),
            "role": frame.para(payments.role_label(payee.role), st["left"]),
            "transport": frame.para(format_amount(row.transport), st["right"]),
            "harian": Paragraph(harian or "-", st["right"]),
            "honorarium": frame.para(format_amount(row.honorarium), st["right"]),
            "gross": frame.para(format_amount(row.gross), st["bold_right"]),
            "pph": frame.para(f"{format_amount(row.pph)}" + (
                f" ({row.pph_percent})" if row.honorarium else ""), st["right"]),
            "net": frame.para(format_amount(row.net), st["bold_right"]),
            "sign": frame.para(sign, st["sign_left"] if number % 2 else st["sign_right"]),
        }
        rows.append([values[c] for c in cols])
    return rows


def _table(view: PaymentsView, width: float) -> Table:
    st = _styles()
    cols = columns(view)
    keys = [k for k, _ in cols]
    widths = frame.column_widths(width, *(_WEIGHTS[k] for k in keys))
    data: list[list] = [[Paragraph(frame.escape(h), st["header"]) for _, h in cols]]
    data.append([Paragraph(f"({i})", st["centre"]) for i in range(1, len(cols) + 1)])
    data += _cells(view, keys)
    total = payments.totals(view.rows)
    sums = {"transport": total.transport, "harian": total.harian,
            "honorarium": total.honorarium, "gross": total.gross, "pph": total.pph,
            "net": total.net}
    first_amount = keys.index("role") + 1
    totals_row = [Paragraph("JUMLAH", st["bold"])] + [""] * (first_amount - 1)
    totals_row += [Paragraph(frame.escape(format_amount(sums[k])), st["bold_right"])
                   if k in sums else "" for k in keys[first_amount:]]
    data.append(totals_row)
    sign = keys.index("sign")
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, frame.RULE),
        ("BACKGROUND", (0, 0), (-1, 0), frame.HEADER_FILL),
        ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
        ("VALIGN", (0, 2), (-1, -1), "TOP"),
        ("VALIGN", (sign, 2), (sign, -2), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (sign, 2), (sign, -2), SIGN_PADDING),
        ("BOTTOMPADDING", (sign, 2), (sign, -2), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("SPAN", (0, len(data) - 1), (first_amount - 1, len(data) - 1)),
        ("BACKGROUND", (0, len(data) - 1), (-1, len(data) - 1), frame.EMPHASIS_FILL),
    ]
    return Table(data, colWidths=widths, repeatRows=2, splitInRow=0, hAlign="LEFT",
                 style=TableStyle(commands))


def _signatures(view: PaymentsView, place_date: str, width: float) -> list[Flowable]:
    """Mengetahui/Menyetujui (the head) on the left, the activity's officer (the office's
    second signatory, when set) in the middle, the Bendahara Pengeluaran on the right under
    the place and date."""
    profile = view.profile
    left = _signature_cells("Mengetahui/Menyetujui,", profile.head)
    middle = (_signature_cells("Pejabat Pelaksana Teknis Kegiatan,", profile.second)
              if profile.second.name else "")
    right = _signature_cells(place_date, view.treasurer)
    third = width / 3
    table = Table([[left, middle, right]], colWidths=[third, third, third], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    # not a KeepTogether of its own: nested in the closing's, it would push it to a new page
    return [Spacer(1, 0.5 * cm), table]


def _signature_cells(first_line: str, signatory: Signatory) -> list[Flowable]:
    st = frame.styles().signature
    cells: list[Flowable] = [frame.para(first_line, st)]
    if signatory.position:
        cells.append(frame.para(signatory.position + ",", st))
    cells.append(Spacer(1, 2 * cm))
    name = f"<u>{frame.bold(signatory.name)}</u>" if signatory.name else "." * 40
    cells.append(Paragraph(name, st))
    if signatory.rank:
        cells.append(frame.para(signatory.rank, st))
    cells.append(frame.para(f"NIP {signatory.nip_printed}" if signatory.nip
                            else ("NIP " + "." * 30 if not signatory.name else ""), st))
    return cells
