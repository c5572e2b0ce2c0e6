"""The `kemitraan` command: the core without windows, for batch work, scripts and tests.

A module per command group registers its subcommands and holds them (people, programs,
printing, activities, attendance, certificates, exchange, safety); common.py is what they share.
This module builds the parser from them and turns the core's exceptions into a message
and an exit code, in one place."""

from __future__ import annotations

from . import startup  # first: Ctrl-C while the modules below load exits quietly

# isort: split
import argparse
import os
import re
import sqlite3
import sys

from .. import __version__, db_files, soundness, store
from ..errors import Cancelled, KemitraanError
from ..logs import log, setup_logging
from . import (
    activities,
    activity_report,
    attendance,
    certificates,
    exchange,
    letters,
    mentoring,
    monev,
    paperwork,
    people,
    plans,
    printing,
    programs,
    reports,
    safety,
)
from .common import (
    EXIT_BUG,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    Parser,
    guard_outputs,
    written_since,
)

# In the order `kemitraan --help` lists them.
GROUPS = (people, programs, printing, activities, attendance, certificates, mentoring, plans,
          monev, reports, exchange, safety)
# The rest of the paper an activity needs, under `kemitraan print`, a module per family.
PRINT_FAMILIES = (letters, paperwork, activity_report)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="kemitraan",
        description="Kemitraan Desktop dari baris perintah: basis data, daftar guru dan "
                    "kepala sekolah, impor dan ekspor Excel.",
        epilog="Kode keluar: 0 berhasil; 1 ada masalah pada isian (tidak ada yang disimpan); "
               "2 perintah salah atau berkas tidak dapat dibaca.")
    parser.add_argument("--db", metavar="FILE",
                        help="berkas basis data (bawaan: KEMITRAAN_DB atau folder data pengguna)")
    parser.add_argument("--in-place", action="store_true",
                        help="pakai basis data di folder jaringan atau flash disk apa adanya "
                             "(tidak disarankan; bawaan: hanya dibaca)")
    parser.add_argument("--version", action="version", version=f"kemitraan {__version__}",
                        help="tampilkan versi program lalu keluar")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=Parser)
    sub.required = True
    for group in GROUPS:
        documents = group.add_commands(sub)
        if group is printing:
            for family in PRINT_FAMILIES:
                family.add_print_commands(documents)
    return parser


def main(argv: list[str] | None = None) -> int:
    setup_logging()  # what a message leaves out (SQLite's own words) goes to the log
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except KemitraanError as exc:  # an argument type that checks more than its form
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: kesalahan: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    startup.started()  # from here Ctrl-C is a KeyboardInterrupt, answered below
    committed = store.commits_made()
    try:
        replaced = guard_outputs(args)
        code = args.func(args)
        for path, before in replaced:
            if written_since(path, before):
                print(f"Berkas lama '{path}' (jenis yang sama) ditimpa.")
        return code
    except BrokenPipeError:
        # The reader of our output went away (`kemitraan people list | head`): not an error.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep Python's exit flush quiet
        return EXIT_OK
    except (Cancelled, KeyboardInterrupt) as exc:
        if isinstance(exc, KeyboardInterrupt) and store.commits_made() > committed:
            print("Dihentikan (Ctrl+C) setelah perubahan disimpan: yang sudah disimpan tetap "
                  "tersimpan; periksa hasilnya sebelum mengulang perintah.", file=sys.stderr)
        else:
            print(getattr(exc, "message", None) or "Dibatalkan; tidak ada yang disimpan.",
                  file=sys.stderr)
        return Cancelled.exit_code
    except KemitraanError as exc:
        if exc.technical:
            setup_logging()
            log.warning("Perintah %s: %s", spoken_command(argv), exc.technical)
        print(f"Gagal: {exc.message}", file=sys.stderr)
        for line in exc.details[:20]:
            print(f"  {line}", file=sys.stderr)
        return exc.exit_code
    except sqlite3.IntegrityError as exc:  # a rule broken by a change another program made
        log.warning("Perintah %s: %r", spoken_command(argv), exc)
        print("Gagal: data yang sama baru saja disimpan program lain (aplikasi atau perintah "
              "kemitraan lain) sehingga perubahan ini bertabrakan dengannya. Tidak ada yang "
              "disimpan; ulangi perintahnya.", file=sys.stderr)
        return EXIT_PROBLEMS
    except sqlite3.DatabaseError as exc:  # another program holds it, disk full, damaged ...
        log.warning("Perintah %s: %r", spoken_command(argv), exc)
        text = str(exc).lower()
        if "malformed" in text or "not a database" in text:
            path = db_files.resolve_db_path(args.db)
            print(f"Gagal: {soundness.damaged_message(path, ['berkas tidak dapat dibaca'])}",
                  file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"Gagal: {store.explain_sqlite('Perintah tidak dapat diselesaikan', exc)}",
              file=sys.stderr)
        return EXIT_PROBLEMS
    except sqlite3.Error as exc:
        log.warning("Perintah %s: %r", spoken_command(argv), exc)
        print(f"Gagal: {store.explain_sqlite('Perintah tidak dapat diselesaikan', exc)}",
              file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception:
        path = setup_logging()
        log.exception("Kesalahan tak terduga pada perintah %s", spoken_command(argv))
        where = f" Rinciannya tercatat di {path}." if path else ""
        print(f"Terjadi kesalahan tak terduga di aplikasi.{where}", file=sys.stderr)
        return EXIT_BUG



def spoken_command(argv: list[str] | None) -> list[str]:
    """The command as the log keeps it: a 16-digit number (a NIK, or a NUPTK: they cannot
    be told apart) is shortened, so that the log never holds a NIK."""
    return [re.sub(r"\b\d{12}(\d{4})\b", r"............\1", str(a))
            for a in (argv if argv is not None else sys.argv[1:])]
