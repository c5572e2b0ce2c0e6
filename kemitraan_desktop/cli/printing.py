"""The `print` commands of `kemitraan`: the documents as PDF (pairs, rundown, attendance,
certificates and the printer calibration page)."""

from __future__ import annotations

from pathlib import Path

from .. import activities, programs
from .common import (
    EXIT_OK,
    KemitraanUsage,
    Parser,
    add_sign_off,
    iso_date,
    open_database,
    pdf_path,
    positive_id,
    sign_off,
)


def add_commands(sub):
    """`kemitraan print pairs|rundown|attendance|certificates|calibration`; returns the
    `print` subcommands, to which the letters, payments and report modules add theirs."""
    prn = sub.add_parser("print", help="cetak dokumen ke PDF", description="Membuat dokumen kegiatan: PDF, Word (.docx) atau Excel (.xlsx).")
    rsub = prn.add_subparsers(dest="print_command", metavar="DOKUMEN", parser_class=Parser)
    rsub.required = True
    ppairs = rsub.add_parser("pairs", help="Daftar Pasangan", description="Mencetak Daftar "
                             "Pasangan program dengan kop surat dinas.")
    ppairs.add_argument("--program", required=True, type=positive_id, metavar="ID")
    ppairs.add_argument("--out", required=True, metavar="FILE.pdf", help="berkas PDF tujuan")
    ppairs.add_argument("--paper", choices=("a4", "f4"), type=str.lower,
                        help="ukuran kertas (bawaan: pengaturan dinas)")
    add_sign_off(ppairs)
    ppairs.set_defaults(func=cmd_print_pairs)
    prun = rsub.add_parser("rundown", help="Jadwal Kegiatan (rundown)",
                           description="Mencetak jadwal kegiatan per hari dengan kop surat dinas; "
                                       "--host-school untuk versi satu sekolah tuan rumah.")
    prun.add_argument("--activity", required=True, type=positive_id, metavar="ID")
    prun.add_argument("--out", required=True, metavar="FILE.pdf", help="berkas PDF tujuan")
    prun.add_argument("--paper", choices=("a4", "f4"), type=str.lower,
                      help="ukuran kertas (bawaan: pengaturan dinas)")
    prun.add_argument("--host-school", metavar="NPSN",
                      help="hanya acara bersama dan acara sekolah tuan rumah ini")
    add_sign_off(prun)
    prun.set_defaults(func=cmd_print_rundown)
    patt = rsub.add_parser("attendance", help="Daftar Hadir untuk ditandatangani",
                           description="Mencetak daftar hadir per sesi (atau per hari) kegiatan.")
    patt.add_argument("--activity", required=True, type=positive_id, metavar="ID")
    patt.add_argument("--out", required=True, metavar="FILE.pdf", help="berkas PDF tujuan")
    patt.add_argument("--day", metavar="YYYY-MM-DD", help="hanya sesi hari ini")
    patt.add_argument("--blank-rows", type=int, default=0, metavar="N",
                      help="baris kosong bernomor untuk peserta tambahan")
    patt.add_argument("--paper", choices=("a4", "f4"), type=str.lower,
                      help="ukuran kertas (bawaan: pengaturan dinas)")
    patt.add_argument("--staff", action="store_true", help="daftar hadir narasumber dan panitia")
    patt.add_argument("--host-school", metavar="NPSN",
                      help="hanya lembar sekolah tuan rumah ini (tanpa pilihan ini: satu lembar "
                           "per sekolah tuan rumah untuk sesi di sekolah tuan rumah)")
    add_sign_off(patt)
    patt.set_defaults(func=cmd_print_attendance)
    pcert = rsub.add_parser("certificates", help="sertifikat kegiatan (PDF atau ZIP)",
                            description="Mencetak semua sertifikat yang berlaku: satu PDF, atau ZIP "
                                        "berisi satu PDF per orang.")
    pcert.add_argument("--activity", required=True, type=positive_id, metavar="ID")
    pcert.add_argument("--out", required=True, metavar="FILE.pdf|FILE.zip")
    pcert.add_argument("--paper", choices=("a4", "f4"), type=str.lower)
    pcert.add_argument("--back", action="store_true", help="dengan halaman belakang Struktur Program")
    pcert.add_argument("--blanko", action="store_true",
                       help="hanya isian, untuk kertas sertifikat pracetak")
    pcert.add_argument("--printer", metavar="NAMA", help="pakai geser hasil kalibrasi printer ini")
    pcert.add_argument("--offset", metavar="KANAN,BAWAH", help="geser dalam mm, misalnya -1.5,2")
    add_sign_off(pcert)
    pcert.set_defaults(func=cmd_print_certificates)
    pcal = rsub.add_parser("calibration", help="halaman uji printer sertifikat",
                           description="Halaman uji untuk mengukur geser printer (mode blanko).")
    pcal.add_argument("--out", required=True, type=pdf_path, metavar="FILE.pdf")
    pcal.add_argument("--printer", metavar="NAMA", default="", help="pakai geser tersimpan printer ini")
    pcal.add_argument("--paper", choices=("a4", "f4"), type=str.lower)
    pcal.set_defaults(func=cmd_print_calibration)
    return rsub  # the other families of documents join here (cli/__init__.py)


def cmd_print_pairs(args) -> int:
    from ..documents.pairs import print_pairs

    out = pdf_path(args.out)
    db = open_database(args)
    programs.get_program(db, args.program)
    print_pairs(db, args.program, out, paper=args.paper, sign_off=sign_off(args))
    print(f"Daftar Pasangan ditulis ke {out}")
    return EXIT_OK


def cmd_print_rundown(args) -> int:
    from ..documents.rundown import print_rundown

    out = pdf_path(args.out)
    db = open_database(args)
    activities.get_activity(db, args.activity)
    print_rundown(db, args.activity, out, paper=args.paper, school=args.host_school,
                  sign_off=sign_off(args))
    print(f"Jadwal kegiatan ditulis ke {out}")
    return EXIT_OK


def cmd_print_attendance(args) -> int:
    from ..documents.attendance import print_attendance

    out = pdf_path(args.out)
    if args.blank_rows < 0 or args.blank_rows > 200:
        raise KemitraanUsage("--blank-rows antara 0 dan 200")
    day = iso_date(args.day, "--day") if args.day else None
    db = open_database(args)
    activities.get_activity(db, args.activity)
    print_attendance(db, args.activity, out, day=day, blank_rows=args.blank_rows,
                     paper=args.paper, staff=args.staff, sign_off=sign_off(args),
                     host_school=args.host_school)
    print(f"Daftar hadir ditulis ke {out}")
    return EXIT_OK


def cmd_print_certificates(args) -> int:
    from ..documents.certificate import print_certificates

    out = Path(args.out)
    if out.suffix.lower() not in (".pdf", ".zip"):
        raise KemitraanUsage(f"Berkas sertifikat harus .pdf atau .zip: '{args.out}'")
    from ..certificates import parse_offset

    offset = parse_offset(args.offset) if args.offset else None
    db = open_database(args)
    activities.get_activity(db, args.activity)
    print_certificates(db, args.activity, out, paper=args.paper, back=args.back,
                       blanko=True if args.blanko else None, printer=args.printer, offset=offset,
                       sign_off=sign_off(args))
    print(f"Sertifikat ditulis ke {out}")
    return EXIT_OK


def cmd_print_calibration(args) -> int:
    from ..certificates import printer_offset
    from ..documents.certificate import print_calibration

    db = open_database(args)
    offset = printer_offset(db, args.printer)
    print_calibration(db, args.out, paper=args.paper, offset=offset, printer=args.printer)
    print(f"Halaman uji ditulis ke {args.out} (geser {offset[0]:+g} mm ke kanan, "
          f"{offset[1]:+g} mm ke bawah)")
    return EXIT_OK
