"""The `kemitraan` command: the core without windows, for batch work, scripts and tests."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__, demo, people, store
from .errors import Cancelled, KemitraanError
from .indonesia import format_nip, format_thousands
from .logs import log, setup_logging
from .spreadsheets import export_roster, import_roster, write_template

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 4

# argparse words its help and errors through gettext; the operator reads Indonesian.
# Unknown strings (a newer Python's wording) stay as argparse writes them.
_ARGPARSE_ID = {
    "usage: ": "penggunaan: ",
    "positional arguments": "argumen",
    "options": "pilihan",
    "optional arguments": "pilihan",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "show program's version number and exit": "tampilkan versi program lalu keluar",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "pilihan tidak dikenal: %(value)r (pilih salah satu: %(choices)s)",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "invalid %(type)s value: %(value)r": "nilai %(value)r bukan %(type)s yang sah",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "expected one argument": "perlu satu nilai",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s":
        "pilihan %(option)s ambigu, bisa berarti %(matches)s",
}
argparse._ = lambda text: _ARGPARSE_ID.get(text, text)  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    """argparse with Indonesian usage errors (exit code 2)."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: kesalahan: {message}\n")


def _open(args, *, create: bool = False):
    """The database for a command. Only `init` creates a file that --db or KEMITRAAN_DB
    names; a mistyped name must not quietly become an empty database."""
    explicit = args.db or os.environ.get("KEMITRAAN_DB")
    path = store.resolve_db_path(args.db)
    if explicit and not create and not path.exists():
        raise KemitraanUsage(
            f"Basis data '{path}' tidak ada. Periksa nama berkasnya, atau buat basis data "
            f"baru dengan: kemitraan --db \"{path}\" init")
    return store.open_db(path)


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
                           description="Memeriksa apakah berkas basis data utuh dan setiap data "
                                       "merujuk ke data yang ada (misalnya sekolah setiap guru).")
    check.set_defaults(func=cmd_check)

    backup = sub.add_parser("backup", help="buat cadangan basis data",
                            description="Membuat salinan basis data yang aman walau aplikasi "
                                        "sedang terbuka, lalu memeriksa salinannya.")
    backup.add_argument("--to", metavar="FILE",
                        help="berkas .db baru, atau folder (misalnya flash disk) yang akan diberi "
                             "berkas bertanggal (bawaan: folder 'cadangan' di samping basis data)")
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
    exp.add_argument("file", metavar="FILE.xlsx", help="berkas tujuan (ditimpa jika sudah ada)")
    exp.set_defaults(func=cmd_people_export)

    tpl = psub.add_parser("template", help="buat templat impor .xlsx",
                          description="Membuat templat impor dengan judul kolom, pilihan dan petunjuk.")
    tpl.add_argument("file", metavar="FILE.xlsx", help="berkas tujuan")
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
    db = _open(args, create=True)
    print(f"Basis data siap: {store.db_file(db)}")
    if args.demo:
        added = demo.load_demo(db)
        print(f"Data demo dimuat: {added} orang ditambahkan "
              f"({format_thousands(people.count_people(db))} orang di daftar).")
    return EXIT_OK


def cmd_check(args) -> int:
    db = _open(args)
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
    db = _open(args)
    dest = store.backup(db, args.to)
    print(f"Cadangan dibuat dan diperiksa: {dest}")
    return EXIT_OK


def cmd_people_import(args) -> int:
    if args.report:
        _xlsx_path(args.report)
    db = _open(args)
    report = import_roster(db, args.file, sheet=args.sheet, dry_run=args.dry_run,
                           skip_invalid=args.skip_invalid, report_path=args.report)
    where = "" if report.is_csv else f", lembar '{report.sheet}'"
    print(f"Berkas {report.file}{where}, judul kolom di baris {report.header_row}: "
          f"{format_thousands(report.rows)} baris data.")
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
    path = _xlsx_path(args.file)
    db = _open(args)
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
    db = _open(args)
    ids = people.query_ids(db, args.search)
    rows = people.fetch_people(db, ids[:args.limit] if args.limit else ids)
    if args.json:
        keys = ("name", "nuptk", "nip", "nik", "gender", "position", "jenjang", "subject",
                "school", "npsn", "region", "province", "ukg")
        print(json.dumps([{k: row[k] for k in keys} for row in rows], ensure_ascii=False, indent=1))
        return EXIT_OK
    if rows:
        print(f"{'Nama':40}  {'NUPTK / NIP':22}  {'Asal Sekolah':28}  Mata Pelajaran")
    for row in rows:
        ident = row["nuptk"] or format_nip(row["nip"]) or row["nik"] or ""
        print(f"{row['name'][:40]:40}  {ident:22}  {(row['school'] or '-')[:28]:28}  "
              f"{row['subject'] or '-'}")
    shown = format_thousands(len(rows))
    total = format_thousands(len(ids))
    print(f"{shown} orang" if len(rows) == len(ids) else f"{shown} dari {total} orang")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        # The reader of our output went away (`kemitraan people list | head`): not an error.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep Python's exit flush quiet
        return EXIT_OK
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
