"""The `print` commands of `kemitraan` for the daftar penerimaan (SPJ), name tags and table tents of an activity."""

from __future__ import annotations

from pathlib import Path

from .. import activities, payments
from ..errors import ValidationError
from .common import (
    EXIT_OK,
    KemitraanUsage,
    add_sign_off,
    open_database,
    pdf_path,
    positive_id,
    sign_off,
)


def add_print_commands(rsub) -> None:
    """Add this module's documents to `kemitraan print`."""
    ppay = rsub.add_parser(
        "payments", help="Daftar Penerimaan uang transport, uang harian, honorarium (SPJ)",
        description="Mencetak daftar penerimaan (SPJ) kegiatan ke PDF atau .xlsx. --amount "
                    "\"PERAN=RUPIAH\" mengisi uang transport per orang untuk peran itu; "
                    "\"PERAN:harian=RUPIAH\" uang harian per hari; \"PERAN:honorarium=RUPIAH\" "
                    "honorarium. Jumlah yang diisi disimpan sebagai tarif kegiatan; tanpa "
                    "--amount dipakai tarif tersimpan.")
    ppay.add_argument("--activity", required=True, type=positive_id, metavar="ID")
    ppay.add_argument("--out", required=True, metavar="FILE.pdf|FILE.xlsx", help="berkas tujuan")
    ppay.add_argument("--paper", choices=("a4", "f4"), type=str.lower,
                      help="ukuran kertas (bawaan: pengaturan dinas)")
    ppay.add_argument("--amount", action="append", default=[], metavar="PERAN=RUPIAH",
                      help="tarif per orang, misalnya \"Mitra 1=150000\", \"Mitra 2:harian=150.000\", "
                           "\"narasumber:honorarium=1,2 juta\" (boleh diulang)")
    add_sign_off(ppay)
    ppay.set_defaults(func=cmd_print_payments)
    ptag = rsub.add_parser("nametags", help="tanda nama (name tag) atau papan nama meja",
                           description="Mencetak tanda nama peserta/panitia/narasumber, 8 per "
                                       "halaman dengan garis potong; --tents untuk papan nama "
                                       "meja (satu halaman per orang, dilipat dua).")
    ptag.add_argument("--activity", required=True, type=positive_id, metavar="ID")
    ptag.add_argument("--out", required=True, metavar="FILE.pdf", help="berkas PDF tujuan")
    ptag.add_argument("--paper", choices=("a4", "f4"), type=str.lower,
                      help="ukuran kertas (bawaan: pengaturan dinas)")
    ptag.add_argument("--tents", action="store_true", help="papan nama meja, bukan tanda nama")
    ptag.add_argument("--who", choices=("peserta", "panitia", "narasumber", "semua"),
                      default="semua", help="siapa yang dicetak (bawaan: semua)")
    ptag.set_defaults(func=cmd_print_nametags)


def parse_amount_arg(text: str) -> tuple[str, str, str]:
    """`ROLE=RUPIAH`, `ROLE:harian=RUPIAH`, `ROLE:honorarium=RUPIAH` -> (role, item, amount)."""
    role, sep, amount = text.partition("=")
    if not sep or not role.strip():
        raise KemitraanUsage(f"--amount '{text}' harus berbentuk PERAN=RUPIAH, misalnya "
                             "\"Mitra 1=150000\" atau \"narasumber:honorarium=1.200.000\".")
    item = "transport"
    if ":" in role:
        role, _, item = role.rpartition(":")
        item = item.strip().lower()
        if item not in payments.ITEMS:
            raise KemitraanUsage(f"--amount '{text}': '{item}' bukan jenis pembayaran; pilih "
                                 "transport, harian atau honorarium.")
    return role.strip(), item, amount


def cmd_print_payments(args) -> int:
    from ..documents.payments import print_payments

    out = Path(args.out)
    if out.suffix.lower() not in (".pdf", ".xlsx"):
        raise KemitraanUsage(f"Berkas daftar penerimaan harus .pdf atau .xlsx: '{args.out}'")
    given = [parse_amount_arg(text) for text in args.amount]
    when = sign_off(args)
    db = open_database(args)
    activities.get_activity(db, args.activity)
    known = payments.roles(db, args.activity)
    rates = payments.load_rates(db, args.activity)
    for role_text, item, amount in given:
        role = payments.match_role(role_text, known)
        try:
            rates.setdefault(role, {})[item] = payments.parse_amount(amount)
        except ValidationError as exc:
            raise ValidationError(f"--amount '{role_text}': {exc.message}") from None
    with db.atomic():  # the rates are kept only when the list is written
        if given:
            rates = payments.save_rates(db, args.activity, rates)
        print_payments(db, args.activity, out, paper=args.paper, sign_off=when, rates=rates)
    _report(db, args.activity, rates)
    print(f"Daftar penerimaan ditulis ke {out}")
    return EXIT_OK


def _report(db, activity_id: int, rates: dict) -> None:
    from ..rupiah import format_rupiah, terbilang_rupiah
    from ..views.payments import payments_view

    view = payments_view(db, activity_id, rates)
    for number, row in enumerate(view.rows, start=1):
        payee = row.payee
        extra = f" (PPh 21 {format_rupiah(row.pph)}, diterima {format_rupiah(row.net)})" \
            if row.pph else ""
        print(f"{number:>3}. {payee.name} ({payments.role_label(payee.role)}): "
              f"{format_rupiah(row.gross)}{extra}")
    total = payments.totals(view.rows)
    print(f"Jumlah: {format_rupiah(total.gross)}" +
          (f"; PPh 21 {format_rupiah(total.pph)}; diterima {format_rupiah(total.net)}"
           if total.pph else ""))
    print(f"Terbilang: {terbilang_rupiah(total.gross)}")


def cmd_print_nametags(args) -> int:
    from ..documents.nametags import print_nametags

    out = pdf_path(args.out)
    db = open_database(args)
    activities.get_activity(db, args.activity)
    print_nametags(db, args.activity, out, paper=args.paper, tents=args.tents, who=args.who)
    print(f"{'Papan nama meja' if args.tents else 'Tanda nama'} ditulis ke {out}")
    return EXIT_OK
