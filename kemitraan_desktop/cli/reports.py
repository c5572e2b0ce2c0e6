"""The `reports` commands of `kemitraan`: program reports for the ministry and the Kepala Dinas."""

from __future__ import annotations

from pathlib import Path

from .common import (
    EXIT_OK,
    KemitraanUsage,
    Parser,
    add_sign_off,
    open_database,
    positive_id,
    sign_off,
)


def add_commands(sub) -> None:
    """`kemitraan report program --program ID --out FILE.pdf|FILE.xlsx`."""
    rep = sub.add_parser("report", help="laporan program (PDF atau Excel)",
                         description="Laporan untuk kementerian dan Kepala Dinas.")
    rsub = rep.add_subparsers(dest="report_command", metavar="LAPORAN", parser_class=Parser)
    rsub.required = True
    prog = rsub.add_parser(
        "program", help="Laporan Program: peserta, jangkauan, kehadiran, sertifikat, "
                        "pendampingan, RTL dan monev",
        description="Menulis Laporan Program sebagai PDF (dengan kop surat, grafik dan tanda "
                    "tangan Kepala Dinas) atau .xlsx (satu lembar per tabel). Angka dihitung "
                    "per tanggal --date (bawaan: hari ini). Program tanpa peserta ditolak "
                    "(kode keluar 1) dan tidak ada berkas yang ditulis.")
    prog.add_argument("--program", required=True, type=positive_id, metavar="ID")
    prog.add_argument("--out", required=True, metavar="FILE.pdf|FILE.xlsx",
                      help="berkas tujuan: .pdf atau .xlsx")
    prog.add_argument("--paper", choices=("a4", "f4"), type=str.lower,
                      help="ukuran kertas PDF (bawaan: pengaturan dinas)")
    add_sign_off(prog)
    prog.set_defaults(func=cmd_report_program)


def cmd_report_program(args) -> int:
    from ..documents.program_report import render_program_report
    from ..spreadsheets.program_report_sheet import write_program_report
    from ..views.program_report import program_report_view

    out = Path(args.out)
    kind = out.suffix.lower()
    if kind not in (".pdf", ".xlsx"):
        raise KemitraanUsage(f"Berkas laporan harus .pdf atau .xlsx: '{args.out}'")
    chosen = sign_off(args)
    db = open_database(args)
    view = program_report_view(db, args.program, as_of=chosen.day if chosen else None)
    if kind == ".pdf":
        render_program_report(view, out, paper=args.paper, sign_off=chosen)
    else:
        write_program_report(view, out)
    print(f"Laporan Program {view.program.title} ditulis ke {out}")
    return EXIT_OK
