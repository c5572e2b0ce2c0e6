"""The `people` commands of `kemitraan`: import, export, template and list the roster."""

from __future__ import annotations

import json

from .. import people
from ..indonesia import format_nip, format_thousands
from ..spreadsheets import export_roster, import_roster, write_template
from .common import EXIT_OK, EXIT_PROBLEMS, KemitraanUsage, Parser, open_database, xlsx_path


def add_commands(sub) -> None:
    """`kemitraan people import|export|template|list`."""
    ppl = sub.add_parser("people", help="daftar guru dan kepala sekolah",
                         description="Impor, ekspor dan daftar guru dan kepala sekolah.")
    psub = ppl.add_subparsers(dest="people_command", metavar="PERINTAH", parser_class=Parser)
    psub.required = True

    imp = psub.add_parser("import", help="impor daftar dari .xlsx, .xls, .ods atau .csv",
                          description="Mengimpor daftar guru. Semua atau tidak sama sekali: jika "
                                      "ada masalah, tidak ada yang disimpan.")
    imp.add_argument("file", metavar="FILE", help="berkas lembar kerja")
    imp.add_argument("--sheet", metavar="NAME", help="nama lembar (bawaan: lembar pertama yang berisi daftar)")
    imp.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
    imp.add_argument("--skip-invalid", action="store_true",
                     help="simpan baris yang benar saja, lewati baris bermasalah")
    imp.add_argument("--report", metavar="FILE.xlsx",
                     help="tulis baris asli dengan kolom 'Masalah' ke berkas ini")
    imp.add_argument("--keep-case", action="store_true",
                     help="simpan nama apa adanya (bawaan: nama berhuruf kapital semua ditulis "
                          "'Joko Fauzi, S.Pd.')")
    imp.set_defaults(func=cmd_people_import)

    exp = psub.add_parser("export", help="ekspor daftar ke .xlsx",
                          description="Mengekspor seluruh daftar guru ke lembar kerja .xlsx.")
    exp.add_argument("file", metavar="FILE.xlsx", help="berkas tujuan (ditimpa jika sudah ada)")
    exp.add_argument("--with-nik", action="store_true",
                     help="sertakan NIK (data pribadi; bawaan: tidak disertakan)")
    exp.set_defaults(func=cmd_people_export, output_args=("file",))

    tpl = psub.add_parser("template", help="buat templat impor .xlsx",
                          description="Membuat templat impor dengan judul kolom, pilihan dan petunjuk.")
    tpl.add_argument("file", metavar="FILE.xlsx", help="berkas tujuan")
    tpl.set_defaults(func=cmd_people_template, output_args=("file",))

    lst = psub.add_parser("list", help="tampilkan daftar",
                          description="Menampilkan guru dan kepala sekolah, urut nama.")
    lst.add_argument("--search", metavar="TEXT", help="cari nama, sekolah, NUPTK atau NIP")
    lst.add_argument("--limit", metavar="N", type=int, help="paling banyak N orang")
    lst.add_argument("--json", action="store_true", help="keluaran JSON")
    lst.add_argument("--with-nik", action="store_true",
                     help="tampilkan NIK (data pribadi; bawaan: tidak ditampilkan)")
    lst.set_defaults(func=cmd_people_list)


def cmd_people_import(args) -> int:
    if args.report:
        xlsx_path(args.report)
    db = open_database(args)
    report = import_roster(db, args.file, sheet=args.sheet, dry_run=args.dry_run,
                           skip_invalid=args.skip_invalid, report_path=args.report,
                           keep_case=args.keep_case)
    where = "" if report.is_csv else f", lembar '{report.sheet}'"
    print(f"Berkas {report.file}{where}, judul kolom di baris {report.header_row}: "
          f"{format_thousands(report.rows)} baris data.")
    for line in report.notes():
        print(line)
    if report.unknown_columns:
        print("Kolom tidak dikenal (diabaikan): " + ", ".join(report.unknown_columns))
    for problem in report.problems:
        print(f"  {problem}")
    print(report.summary())
    if report.problems and not report.written and not args.skip_invalid and not report.blocked:
        print("Perbaiki berkasnya lalu impor lagi, atau tambahkan --skip-invalid untuk menyimpan "
              "baris yang benar saja.")
    if args.report:
        print(f"Laporan dengan kolom 'Masalah' ditulis ke {args.report}")
    if not report.problems:
        return EXIT_OK
    # With --skip-invalid, writing the valid rows is the success asked for; nothing valid
    # to write (or a problem with the sheet itself) is still a failure.
    wrote_something = report.written and report.new + report.updated + report.unchanged > 0
    would_write = args.dry_run and not report.blocked and report.new + report.updated + report.unchanged > 0
    if args.skip_invalid and (wrote_something or would_write):
        return EXIT_OK
    return EXIT_PROBLEMS


def cmd_people_export(args) -> int:
    path = xlsx_path(args.file)
    db = open_database(args)
    count = export_roster(db, path, include_nik=args.with_nik)
    print(f"{format_thousands(count)} orang diekspor ke {path}"
          + (" (dengan NIK)" if args.with_nik else " (tanpa NIK; --with-nik untuk menyertakannya)"))
    return EXIT_OK


def cmd_people_template(args) -> int:
    path = xlsx_path(args.file)
    write_template(path)
    print(f"Templat impor ditulis ke {path}")
    return EXIT_OK


def cmd_people_list(args) -> int:
    if args.limit is not None and args.limit < 1:
        raise KemitraanUsage("--limit harus bilangan bulat positif")
    db = open_database(args)
    ids = people.query_ids(db, args.search)
    rows = people.fetch_people(db, ids[:args.limit] if args.limit else ids)
    if args.json:  # every stored field; the NIK only when the office asks, as in every export
        hidden = {"name_key", "school_id", "region_code", *(() if args.with_nik else ("nik",))}
        print(json.dumps([{k: v for k, v in row.items() if k not in hidden} for row in rows],
                         ensure_ascii=False, indent=1))
        return EXIT_OK
    if rows:
        print(f"{'Nama':40}  {'NUPTK / NIP':22}  {'Asal Sekolah':28}  Mata Pelajaran")
    for row in rows:
        ident = row["nuptk"] or format_nip(row["nip"]) or (
            f"NIK {row['nik']}" if args.with_nik and row["nik"] else "-")
        print(f"{row['name'][:40]:40}  {ident:22}  {(row['school'] or '-')[:28]:28}  "
              f"{row['subject'] or '-'}")
    shown = format_thousands(len(rows))
    total = format_thousands(len(ids))
    print(f"{shown} orang" if len(rows) == len(ids) else f"{shown} dari {total} orang")
    return EXIT_OK
