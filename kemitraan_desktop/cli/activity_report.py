"""The `print` commands of `kemitraan` for the laporan kegiatan of an activity."""

from __future__ import annotations

import sys
from pathlib import Path

from .. import activities
from .common import EXIT_OK, KemitraanUsage, add_sign_off, open_database, positive_id, sign_off


def add_print_commands(rsub) -> None:
    """Add this module's documents to `kemitraan print`."""
    prep = rsub.add_parser(
        "report", help="Laporan Kegiatan (PDF atau DOCX)",
        description="Mencetak laporan kegiatan: sampul, Bab I-V, lampiran rekap daftar hadir, "
                    "sertifikat yang diterbitkan dan foto kegiatan. Teks laporan dan foto diisi "
                    "di aplikasi; angka (tanggal, peserta, kehadiran, sertifikat) diisi otomatis. "
                    "Berkas .docx dapat disunting di Word sebelum ditandatangani.")
    prep.add_argument("--activity", required=True, type=positive_id, metavar="ID")
    prep.add_argument("--out", required=True, metavar="FILE.pdf|FILE.docx",
                      help="berkas tujuan, .pdf atau .docx")
    prep.add_argument("--paper", choices=("a4", "f4"), type=str.lower,
                      help="ukuran kertas (bawaan: pengaturan dinas)")
    add_sign_off(prep)
    prep.set_defaults(func=cmd_print_report)


def cmd_print_report(args) -> int:
    from .. import activity_report
    from ..documents.activity_report import print_activity_report

    out = Path(args.out)
    if out.suffix.lower() not in (".pdf", ".docx"):
        raise KemitraanUsage(f"Nama berkas laporan harus berakhiran .pdf atau .docx: '{args.out}'")
    chosen = sign_off(args)
    db = open_database(args)
    activities.get_activity(db, args.activity)
    print_activity_report(db, args.activity, out, paper=args.paper, sign_off=chosen)
    print(f"Laporan kegiatan ditulis ke {out}")
    untyped = [label for key, label in activity_report.SECTIONS.items()
               if key not in activity_report.typed_sections(db, args.activity)]
    if untyped:
        print("Catatan: bagian berikut masih memakai teks bawaan aplikasi; baca dan sesuaikan di "
              "halaman Laporan Kegiatan sebelum ditandatangani: " + ", ".join(untyped) + ".",
              file=sys.stderr)
    return EXIT_OK
