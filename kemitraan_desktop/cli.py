"""The `kemitraan` command: the core without windows, for batch work, scripts and tests."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys

from . import (
    __version__,
    activity_cli,
    certificate_cli,
    pairing,
    people,
    programs,
    safety_cli,
    store,
)
from .cli_common import (
    EXIT_BUG,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    KemitraanUsage,
    Parser,
    guard_outputs,
    open_database,
    pdf_path,
    positive_id,
    xlsx_path,
)
from .errors import Cancelled, KemitraanError
from .indonesia import format_nip, format_thousands
from .logs import log, setup_logging
from .spreadsheets import export_roster, import_roster, write_template


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
    parser.add_argument("--version", action="version", version=f"kemitraan {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=Parser)
    sub.required = True

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
    _program_commands(sub)
    return parser

def _program_commands(sub) -> None:
    prog = sub.add_parser("program", help="program kemitraan dan tingkatnya",
                          description="Membuat dan menampilkan program kemitraan.")
    gsub = prog.add_subparsers(dest="program_command", metavar="PERINTAH", parser_class=Parser)
    gsub.required = True
    create = gsub.add_parser("create", help="buat program baru (mencetak id-nya)",
                             description="Membuat program dengan nama tingkat dan rasionya sendiri.")
    create.add_argument("--name", required=True, metavar="TEXT", help="nama program")
    create.add_argument("--year", required=True, type=int, metavar="N", help="tahun program")
    create.add_argument("--jenjang", required=True, type=str.upper, choices=programs.JENJANG)
    create.add_argument("--kind", required=True, choices=("guru", "kepala-sekolah"),
                        help="program untuk guru atau kepala sekolah")
    create.add_argument("--stage", metavar="TEXT", default="", help="tahap, misalnya 'Tahap 1'")
    create.add_argument("--subjects", metavar="A,B", default="",
                        help="mata pelajaran program, dipisah koma")
    create.add_argument("--labels", metavar="A,B,C", default="Inti,Mitra,Imbas",
                        help="nama tingkat dari atas, 2 atau 3 (bawaan: Inti,Mitra,Imbas)")
    create.add_argument("--ratio", metavar="N,M",
                        help="jumlah bimbingan per tingkat, misalnya 3,10 atau 1:3:10 (bawaan: 3,10 "
                             "untuk tiga tingkat, 2 untuk dua tingkat)")
    create.set_defaults(func=cmd_program_create)
    plist = gsub.add_parser("list", help="tampilkan program", description="Menampilkan semua program.")
    plist.add_argument("--json", action="store_true", help="keluaran JSON")
    plist.set_defaults(func=cmd_program_list)

    part = sub.add_parser("participants", help="peserta program",
                          description="Mengimpor dan menampilkan peserta sebuah program.")
    tsub = part.add_subparsers(dest="participants_command", metavar="PERINTAH", parser_class=Parser)
    tsub.required = True
    timp = tsub.add_parser("import", help="impor peserta (dan pasangan yang sudah ditetapkan)",
                           description="Mengimpor peserta dari lembar kerja: kolom NUPTK/NIP/NIK, "
                                       "peran (nama tingkat atau angka), mata pelajaran, dan bila "
                                       "ada NUPTK/NIP pembimbing. Semua atau tidak sama sekali.")
    timp.add_argument("--program", required=True, type=positive_id, metavar="ID")
    timp.add_argument("file", metavar="FILE", help="berkas .xlsx, .xls, .ods atau .csv")
    timp.add_argument("--sheet", metavar="NAME", help="nama lembar")
    timp.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
    timp.add_argument("--skip-invalid", action="store_true",
                      help="simpan baris yang benar saja, lewati baris bermasalah")
    timp.set_defaults(func=cmd_participants_import)
    tlist = tsub.add_parser("list", help="tampilkan peserta", description="Menampilkan peserta "
                            "program per tingkat, dengan pembimbingnya.")
    tlist.add_argument("--program", required=True, type=positive_id, metavar="ID")
    tlist.add_argument("--json", action="store_true", help="keluaran JSON")
    tlist.set_defaults(func=cmd_participants_list)

    pair = sub.add_parser("pair", help="pasangan pembimbing dan peserta",
                          description="Mengusulkan, memeriksa dan mengekspor pasangan.")
    asub = pair.add_subparsers(dest="pair_command", metavar="PERINTAH", parser_class=Parser)
    asub.required = True
    auto = asub.add_parser("auto", help="pasangkan otomatis peserta yang belum berpasangan",
                           description="Mencari pembimbing untuk peserta yang belum berpasangan: "
                                       "mata pelajaran, jenjang dan rasio wajib sesuai; imbas "
                                       "sedaerah dengan mitranya; mitra lintas daerah.")
    auto.add_argument("--program", required=True, type=positive_id, metavar="ID")
    auto.add_argument("--dry-run", action="store_true", help="tampilkan usulan saja, jangan simpan")
    auto.add_argument("--repair", action="store_true",
                      help="susun ulang semua pasangan, termasuk yang sudah ada")
    auto.set_defaults(func=cmd_pair_auto)
    chk = asub.add_parser("check", help="periksa pasangan (keluar 1 jika ada kesalahan)",
                          description="Memeriksa pohon pasangan program.")
    chk.add_argument("--program", required=True, type=positive_id, metavar="ID")
    chk.add_argument("--json", action="store_true", help="keluaran JSON")
    chk.set_defaults(func=cmd_pair_check)
    pexp = asub.add_parser("export", help="ekspor daftar pasangan ke .xlsx",
                           description="Satu baris per pasangan, dengan identitas keduanya.")
    pexp.add_argument("--program", required=True, type=positive_id, metavar="ID")
    pexp.add_argument("file", metavar="FILE.xlsx", help="berkas tujuan")
    pexp.set_defaults(func=cmd_pair_export, output_args=("file",))

    prn = sub.add_parser("print", help="cetak dokumen ke PDF", description="Membuat dokumen PDF.")
    rsub = prn.add_subparsers(dest="print_command", metavar="DOKUMEN", parser_class=Parser)
    rsub.required = True
    ppairs = rsub.add_parser("pairs", help="Daftar Pasangan", description="Mencetak Daftar "
                             "Pasangan program dengan kop surat dinas.")
    ppairs.add_argument("--program", required=True, type=positive_id, metavar="ID")
    ppairs.add_argument("--out", required=True, metavar="FILE.pdf", help="berkas PDF tujuan")
    ppairs.add_argument("--paper", choices=("a4", "f4"), type=str.lower,
                        help="ukuran kertas (bawaan: pengaturan dinas)")
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
    prun.set_defaults(func=activity_cli.cmd_print_rundown)
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
    patt.set_defaults(func=activity_cli.cmd_print_attendance)
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
    pcert.set_defaults(func=certificate_cli.cmd_print_certificates)
    pcal = rsub.add_parser("calibration", help="halaman uji printer sertifikat",
                           description="Halaman uji untuk mengukur geser printer (mode blanko).")
    pcal.add_argument("--out", required=True, type=pdf_path, metavar="FILE.pdf")
    pcal.add_argument("--printer", metavar="NAMA", default="", help="pakai geser tersimpan printer ini")
    pcal.add_argument("--paper", choices=("a4", "f4"), type=str.lower)
    pcal.set_defaults(func=certificate_cli.cmd_print_calibration)
    activity_cli.add_commands(sub)
    certificate_cli.add_commands(sub)
    safety_cli.add_commands(sub)


# ---------------------------------------------------------------- commands

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


def cmd_program_create(args) -> int:
    db = open_database(args)
    subjects = [s for s in args.subjects.split(",") if s.strip()]
    labels = programs.parse_labels(args.labels)
    ratio = args.ratio or ("3,10" if len(labels) != 2 else "2")
    pid = programs.create_program(db, args.name, args.year, args.jenjang, args.kind, stage=args.stage,
                                  subjects=subjects, labels=labels, ratios=ratio)
    print(pid)
    return EXIT_OK


def cmd_program_list(args) -> int:
    db = open_database(args)
    listed = programs.list_programs(db)
    if args.json:
        print(json.dumps([{
            "id": e["program"].id, "name": e["program"].name, "year": e["program"].year,
            "stage": e["program"].stage, "jenjang": e["program"].jenjang,
            "kind": e["program"].kind.replace(" ", "-"), "subjects": e["program"].subjects,
            "labels": e["program"].labels, "ratios": e["program"].ratios,
            "participants": dict(zip(e["program"].labels, e["counts"], strict=True)),
        } for e in listed], ensure_ascii=False, indent=1))
        return EXIT_OK
    for entry in listed:
        program = entry["program"]
        counts = ", ".join(f"{n} {label}" for label, n in zip(program.labels, entry["counts"],
                                                                 strict=True))
        print(f"{program.id:>4}  {program.title}  {program.jenjang}  "
              f"{' / '.join(program.labels)}  rasio {program.ratio_text}  ({counts})")
    print(f"{len(listed)} program")
    return EXIT_OK


def cmd_participants_import(args) -> int:
    from .spreadsheets import import_participants

    db = open_database(args)
    programs.get_program(db, args.program)
    report = import_participants(db, args.program, args.file, sheet=args.sheet,
                                 dry_run=args.dry_run, skip_invalid=args.skip_invalid)
    for problem in report.problems:
        print(f"  {problem}")
    print(report.summary())
    if not report.problems:
        return EXIT_OK
    if args.skip_invalid and not getattr(report, "blocked", False):
        return EXIT_OK
    if not args.skip_invalid:
        print("Perbaiki berkasnya lalu impor lagi, atau tambahkan --skip-invalid untuk menyimpan "
              "baris yang benar saja.")
    return EXIT_PROBLEMS


def cmd_participants_list(args) -> int:
    db = open_database(args)
    rows = programs.list_participants(db, args.program)
    if args.json:
        keys = ("name", "nuptk", "nip", "tier", "tier_label", "subject", "school", "region",
                "province", "mentor_name", "mentor_nuptk", "mentor_nip")
        print(json.dumps([{k: row[k] for k in keys} for row in rows], ensure_ascii=False, indent=1))
        return EXIT_OK
    for row in rows:
        ident = row["nuptk"] or format_nip(row["nip"]) or ""
        mentor = f"  <- {row['mentor_name']}" if row["mentor_name"] else ""
        print(f"{row['tier_label'][:10]:10}  {row['name'][:36]:36}  {ident:22}  "
              f"{(row['subject'] or '-')[:18]:18}{mentor}")
    print(f"{format_thousands(len(rows))} peserta")
    return EXIT_OK


def cmd_pair_auto(args) -> int:
    db = open_database(args)
    program = programs.get_program(db, args.program)
    proposal = pairing.propose(db, args.program, repair=args.repair)
    for pair in proposal.pairs[:50] if not args.dry_run else proposal.pairs:
        print(f"  {pair.mentee_name} ({program.label(pair.tier)}) -> {pair.mentor_name} "
              f"({program.label(pair.tier - 1)}): {pair.note}")
    if not args.dry_run and len(proposal.pairs) > 50:
        print(f"  ... dan {len(proposal.pairs) - 50} pasangan lain")
    for item in proposal.unplaced:
        print(f"  Tidak terpasang: {item.name} ({program.label(item.tier)}): {item.reason}")
    if args.dry_run:
        print(f"Usulan: {format_thousands(len(proposal.pairs))} pasangan, "
              f"{format_thousands(len(proposal.unplaced))} tidak terpasang. Tidak ada yang disimpan.")
        return EXIT_OK
    pairing.apply_proposal(db, args.program, [(p.mentee_id, p.mentor_id) for p in proposal.pairs],
                           repair=args.repair)
    print(f"{format_thousands(len(proposal.pairs))} pasangan disimpan, "
          f"{format_thousands(len(proposal.unplaced))} tidak terpasang.")
    return EXIT_OK


def cmd_pair_check(args) -> int:
    db = open_database(args)
    findings = pairing.check_program(db, args.program)
    errors = sum(1 for f in findings if f.severity == pairing.ERROR)
    if args.json:
        print(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=1))
    else:
        for finding in findings:
            print(f"{pairing.SEVERITY_LABELS[finding.severity]}: {finding.message}")
        print(f"{format_thousands(errors)} kesalahan, "
              f"{format_thousands(len(findings) - errors)} peringatan."
              if findings else "Tidak ada masalah pada pasangan program ini.")
    return EXIT_PROBLEMS if errors else EXIT_OK


def cmd_pair_export(args) -> int:
    from .spreadsheets import export_pairs

    path = xlsx_path(args.file)
    db = open_database(args)
    programs.get_program(db, args.program)
    export_pairs(db, args.program, path)
    print(f"{format_thousands(len(pairing.pair_rows(db, args.program)))} pasangan diekspor ke {path}")
    return EXIT_OK


def cmd_print_pairs(args) -> int:
    from .documents.pairs import print_pairs

    out = pdf_path(args.out)
    db = open_database(args)
    programs.get_program(db, args.program)
    print_pairs(db, args.program, out, paper=args.paper)
    print(f"Daftar Pasangan ditulis ke {out}")
    return EXIT_OK

def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        replaced = guard_outputs(args)
        code = args.func(args)
        for path in replaced:
            if code == EXIT_OK:
                print(f"Berkas lama '{path}' (jenis yang sama) ditimpa.")
        return code
    except BrokenPipeError:
        # The reader of our output went away (`kemitraan people list | head`): not an error.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep Python's exit flush quiet
        return EXIT_OK
    except (Cancelled, KeyboardInterrupt) as exc:
        print(getattr(exc, "message", None) or "Dibatalkan; tidak ada yang disimpan.",
              file=sys.stderr)
        return Cancelled.exit_code
    except KemitraanError as exc:
        if exc.technical:
            setup_logging()
            log.warning("Perintah %s: %s", argv or sys.argv[1:], exc.technical)
        print(f"Gagal: {exc.message}", file=sys.stderr)
        for line in exc.details[:20]:
            print(f"  {line}", file=sys.stderr)
        return exc.exit_code
    except sqlite3.IntegrityError as exc:  # a rule broken by a change another program made
        log.warning("Perintah %s: %r", argv or sys.argv[1:], exc)
        print("Gagal: data yang sama baru saja disimpan program lain (aplikasi atau perintah "
              "kemitraan lain) sehingga perubahan ini bertabrakan dengannya. Tidak ada yang "
              "disimpan; ulangi perintahnya.", file=sys.stderr)
        return EXIT_PROBLEMS
    except sqlite3.DatabaseError as exc:  # another program holds it, disk full, damaged ...
        log.warning("Perintah %s: %r", argv or sys.argv[1:], exc)
        text = str(exc).lower()
        if "malformed" in text or "not a database" in text:
            path = store.resolve_db_path(args.db)
            print(f"Gagal: {store.damaged_message(path, [str(exc)])}", file=sys.stderr)
            return EXIT_USAGE
        print(f"Gagal: {store.explain_sqlite('Perintah tidak dapat diselesaikan', exc)}",
              file=sys.stderr)
        return EXIT_PROBLEMS
    except sqlite3.Error as exc:
        log.warning("Perintah %s: %r", argv or sys.argv[1:], exc)
        print(f"Gagal: {store.explain_sqlite('Perintah tidak dapat diselesaikan', exc)}",
              file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception:
        path = setup_logging()
        log.exception("Kesalahan tak terduga pada perintah %s", argv or sys.argv[1:])
        where = f" Rinciannya tercatat di {path}." if path else ""
        print(f"Terjadi kesalahan tak terduga di aplikasi.{where}", file=sys.stderr)
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
