"""What the command groups of `kemitraan` share: exit codes, the Indonesian argument
parser, usage errors, opening the database for a command, checking the files it will
write, and the small argument types."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from .. import backups, db_files, outputs, placement, store
from ..errors import KemitraanError

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


class Parser(argparse.ArgumentParser):
    """argparse with Indonesian usage errors (exit code 2)."""

    def error(self, message: str):
        # argparse names the expected type by its Python name
        message = message.replace("bukan int yang sah", "bukan bilangan bulat").replace(
            "bukan float yang sah", "bukan angka (pakai titik untuk desimal, misalnya 1.5)")
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: kesalahan: {message}\n")


def open_database(args, *, create: bool = False, empty_ok: bool = False,
                  verify: bool | str = "write"):
    """The database for a command. Only `init` creates a file that --db or KEMITRAAN_DB
    names; a mistyped name must not quietly become an empty database. A file on a network
    share or a flash disk is looked at first, read-only: nothing is written there (not the
    switch to WAL, not the day's backup) unless the office says --in-place."""
    explicit = args.db or os.environ.get("KEMITRAAN_DB")
    path = db_files.resolve_db_path(args.db)
    if explicit and not create and not path.exists():
        raise KemitraanUsage(
            f"Basis data '{path}' tidak ada. Periksa nama berkasnya, atau buat basis data "
            f"baru dengan: kemitraan --db \"{path}\" init")
    existed = path.exists()
    warning = placement.storage_warning(path) if existed else None
    if warning and not getattr(args, "in_place", False):
        print(f"Peringatan: {warning} Berkas hanya dibaca; perintah yang mengubah data ditolak. "
              f"Salin dulu ke komputer ini (kemitraan --db \"{path}\" backup --to FOLDER), atau "
              "tambahkan --in-place untuk tetap memakainya di sana.", file=sys.stderr)
        return store.open_db(path, verify=verify, read_only=(
            "basis data ada di folder jaringan atau flash disk dan hanya dibaca. Salin dulu ke "
            "komputer ini, atau ulangi perintah dengan --in-place."))
    db = store.open_db(path, empty_ok=empty_ok, verify=verify)
    if warning:
        print(f"Peringatan: {warning}", file=sys.stderr)
    if existed and verify and not empty_ok:
        try:  # the day's first use makes the day's backup; its failure never stops the command
            backups.daily_backup(db)
        except KemitraanError as exc:
            print(f"Peringatan: cadangan harian tidak dibuat: {exc.message}", file=sys.stderr)
    return db


def positive_id(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"id program harus angka, bukan '{value}'") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"id program harus angka positif, bukan '{value}'")
    return number


def xlsx_path(value: str) -> Path:
    path = Path(value)
    if path.suffix.lower() != ".xlsx":
        raise KemitraanUsage(f"Nama berkas tujuan harus berakhiran .xlsx: '{value}'")
    return path


def pdf_path(value: str) -> Path:
    path = Path(value)
    if path.suffix.lower() != ".pdf":
        raise KemitraanUsage(f"Nama berkas tujuan harus berakhiran .pdf: '{value}'")
    return path


def confirmed(args, question: str, doing: str) -> bool:
    """--yes, or YA typed at the terminal; without a terminal and without --yes, refused."""
    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise KemitraanUsage(f"Tambahkan --yes untuk {doing} tanpa pertanyaan.")
    if input(question).strip().upper() != "YA":
        print("Dibatalkan; tidak ada yang berubah.")
        return False
    return True


class KemitraanUsage(KemitraanError):
    exit_code = EXIT_USAGE


def iso_date(text: str, which: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise KemitraanUsage(f"Tanggal {which} '{text}' harus berbentuk YYYY-MM-DD, "
                             "misalnya 2018-09-09.") from None


def report_activity_import(report) -> int:
    """A rundown or attendance import's report as the command line says it; its exit code."""
    for line in report.details():
        print(f"  {line}")
    print(report.summary())
    return EXIT_OK if report.written else EXIT_PROBLEMS


def add_sign_off(parser) -> None:
    """`--date` and `--place`: where and when a signed document is signed."""
    parser.add_argument("--date", metavar="YYYY-MM-DD",
                        help="tanggal tanda tangan (bawaan: hari terakhir kegiatan yang sudah "
                             "lewat, atau hari ini)")
    parser.add_argument("--place", metavar="TEMPAT",
                        help="tempat tanda tangan (bawaan: kota dinas di Pengaturan)")


def sign_off(args):
    """The SignOff the command's --place and --date ask for (None: the defaults)."""
    from ..documents.frame import SignOff

    day = iso_date(args.date, "--date") if getattr(args, "date", None) else None
    place = getattr(args, "place", None)
    if place is not None and not place.strip():
        raise KemitraanUsage("--place tidak boleh kosong; tulis nama kotanya, misalnya Gorontalo.")
    return SignOff(place=place, day=day) if day or place else None


def guard_outputs(args) -> list[tuple[Path, int]]:
    """Check every file the command will write before it starts (see outputs.py); the
    files of the same kind it may replace, with their modification time now, to say
    afterwards which were replaced. A command that writes one kind whatever the name
    (a key, a self-test report) says so with `out_kind`."""
    database = db_files.resolve_db_path(args.db)
    replaced = []
    for name in ("out", "report", *getattr(args, "output_args", ())):
        value = getattr(args, name, None)
        if not value:
            continue
        kind = getattr(args, "out_kind", None) if name == "out" else None
        if outputs.check_target(Path(value), kind or outputs.kind_of_name(value), database):
            replaced.append((Path(value), Path(value).stat().st_mtime_ns))
    return replaced


def written_since(path: Path, before: int) -> bool:
    """Whether the command wrote over the file (whatever its exit code: an import with
    problems writes its report)."""
    try:
        return path.stat().st_mtime_ns != before
    except OSError:
        return False
