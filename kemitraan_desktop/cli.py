"""The `kemitraan` command: the core without windows, for batch work, scripts and tests."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__, demo, people, store
from .errors import Cancelled, KemitraanError
from .indonesia import format_nip, format_thousands
from .logs import log, setup_logging
from .spreadsheets import export_roster, import_roster, write_template

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 4


class _Parser(argparse.ArgumentParser):
    """argparse with Indonesian usage errors (exit code 2)."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: kesalahan: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kemitraan",
        description="Kemitraan Desktop dari baris perintah: basis data, daftar guru dan "
                    "kepala sekolah, impor dan ekspor Excel.",
        epilog="Kode keluar: 0 berhasil; 1 ada masalah pada isian (tidak ada yang disimpan); "
               "2 perintah salah atau berkas tidak dapat dibaca.")
    parser.add_argument("--db", metavar="FILE",
                        help="berkas basis data (bawaan: KEMITRAAN_DB atau folder data pengguna)")
    parser.add_argument("--version", action="version", version=f"kemitraan {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=_Parser)
    sub.required = True

    init = sub.add_parser("init", help="buat atau perbarui basis data",
                          description="Membuat basis data (atau menerapkan migrasi yang tertunda).")
    init.add_argument("--demo", action="store_true",
                      help="isi dengan data demo putaran OJL Kota Pekalongan 2018")
    init.set_defaults(func=cmd_init)

    check = sub.add_parser("check", help="periksa keutuhan basis data",
                           description="Menjalankan PRAGMA integrity_check dan pemeriksaan kunci asing.")
    check.set_defaults(func=cmd_check)

    backup = sub.add_parser("backup", help="buat cadangan basis data",
                            description="Mencadangkan basis data dengan SQLite backup API lalu "
                                        "memeriksa cadangannya.")
    backup.add_argument("--to", metavar="FILE",
                        help="berkas tujuan (bawaan: folder 'cadangan' di samping basis data)")
    backup.set_defaults(func=cmd_backup)

    ppl = sub.add_parser("people", help="daftar guru dan kepala sekolah",
                         description="Impor, ekspor dan daftar guru dan kepala sekolah.")
    psub = ppl.add_subparsers(dest="people_command", metavar="PERINTAH", parser_class=_Parser)
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
    imp.set_defaults(func=cmd_people_import)

    exp = psub.add_parser("export", help="ekspor daftar ke .xlsx",
                          description="Mengekspor seluruh daftar guru ke lembar kerja .xlsx.")
    exp.add_argument("file", metavar="FILE.xlsx")
    exp.set_defaults(func=cmd_people_export)

    tpl = psub.add_parser("template", help="buat templat impor .xlsx",
                          description="Membuat templat impor dengan judul kolom, pilihan dan petunjuk.")
    tpl.add_argument("file", metavar="FILE.xlsx")
    tpl.set_defaults(func=cmd_people_template)

    lst = psub.add_parser("list", help="tampilkan daftar",
                          description="Menampilkan guru dan kepala sekolah, urut nama.")
    lst.add_argument("--search", metavar="TEXT", help="cari nama, sekolah, NUPTK atau NIP")
    lst.add_argument("--limit", metavar="N", type=int, help="paling banyak N orang")
    lst.add_argument("--json", action="store_true", help="keluaran JSON")
    lst.set_defaults(func=cmd_people_list)
    return parser


def _xlsx_path(value: str) -> Path:
    path = Path(value)
    if path.suffix.lower() != ".xlsx":
        raise KemitraanUsage(f"Nama berkas tujuan harus berakhiran .xlsx: '{value}'")
    return path


class KemitraanUsage(KemitraanError):
    exit_code = EXIT_USAGE


# ---------------------------------------------------------------- commands

def cmd_init(args) -> int:
    db = store.open_db(args.db)
    print(f"Basis data siap: {store.db_file(db)}")
    if args.demo:
        added = demo.load_demo(db)
        print(f"Data demo dimuat: {added} orang ditambahkan "
              f"({format_thousands(people.count_people(db))} orang di daftar).")
    return EXIT_OK


def cmd_check(args) -> int:
    db = store.open_db(args.db, create=False)
    problems = store.check(db)
    if problems:
        for problem in problems:
            print(problem)
        print(f"Basis data bermasalah: {len(problems)} temuan. Pulihkan dari cadangan.")
        return EXIT_PROBLEMS
    print(f"Basis data sehat: {store.db_file(db)} "
          f"({format_thousands(people.count_people(db))} orang).")
    return EXIT_OK


def cmd_backup(args) -> int:
    db = store.open_db(args.db, create=False)
    dest = store.backup(db, args.to)
    print(f"Cadangan dibuat dan diperiksa: {dest}")
    return EXIT_OK


def cmd_people_import(args) -> int:
    if args.report:
        _xlsx_path(args.report)
    db = store.open_db(args.db)
    report = import_roster(db, args.file, sheet=args.sheet, dry_run=args.dry_run,
                           skip_invalid=args.skip_invalid, report_path=args.report)
    print(f"Berkas {report.file}, lembar '{report.sheet}', judul kolom di baris {report.header_row}: "
          f"{format_thousands(report.rows)} baris data.")
    if report.unknown_columns:
        print("Kolom tidak dikenal (diabaikan): " + ", ".join(report.unknown_columns))
    for problem in report.problems:
        print(f"  {problem}")
    print(report.summary())
    if args.report:
        print(f"Laporan dengan kolom 'Masalah' ditulis ke {args.report}")
    # With --skip-invalid the valid rows were written: that is the success asked for.
    return EXIT_PROBLEMS if report.problems and not args.skip_invalid else EXIT_OK


def cmd_people_export(args) -> int:
    path = _xlsx_path(args.file)
    db = store.open_db(args.db)
    count = export_roster(db, path)
    print(f"{format_thousands(count)} orang diekspor ke {path}")
    return EXIT_OK


def cmd_people_template(args) -> int:
    path = _xlsx_path(args.file)
    write_template(path)
    print(f"Templat impor ditulis ke {path}")
    return EXIT_OK


def cmd_people_list(args) -> int:
    if args.limit is not None and args.limit < 1:
        raise KemitraanUsage("--limit harus bilangan bulat positif")
    db = store.open_db(args.db)
    rows = people.list_people(db, args.search, args.limit)
    if args.json:
        keys = ("name", "nuptk", "nip", "nik", "gender", "position", "jenjang", "subject",
                "school", "npsn", "region", "province", "ukg")
        print(json.dumps([{k: row[k] for k in keys} for row in rows], ensure_ascii=False, indent=1))
        return EXIT_OK
    for row in rows:
        ident = row["nuptk"] or format_nip(row["nip"]) or row["nik"] or ""
        print(f"{row['name'][:40]:40}  {ident:22}  {(row['school'] or '-')[:28]:28}  "
              f"{row['subject'] or '-'}")
    print(f"{format_thousands(len(rows))} orang")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except Cancelled as exc:
        print(exc.message, file=sys.stderr)
        return exc.exit_code
    except KemitraanError as exc:
        print(f"Gagal: {exc.message}", file=sys.stderr)
        for line in exc.details[:20]:
            print(f"  {line}", file=sys.stderr)
        return exc.exit_code
    except Exception:
        path = setup_logging()
        log.exception("Kesalahan tak terduga pada perintah %s", argv or sys.argv[1:])
        where = f" Rinciannya tercatat di {path}." if path else ""
        print(f"Terjadi kesalahan tak terduga di aplikasi.{where}", file=sys.stderr)
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
