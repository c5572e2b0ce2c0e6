"""The `program`, `participants` and `pair` commands of `kemitraan`: programs, their
participants and the mentor pairs."""

from __future__ import annotations

import argparse
import json

from .. import pairing, programs
from ..indonesia import format_date, format_nip, format_thousands
from .common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    Parser,
    iso_date,
    open_database,
    positive_id,
    xlsx_path,
)


def add_commands(sub) -> None:
    """`kemitraan program create|list|status`, `participants import|list` and `pair auto|check|export`."""
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
    status = gsub.add_parser("status", help="jangkauan, pasangan tanpa kontak dan RTL program",
                             description="Per guru inti dan mitra: guru bimbingan yang "
                                         "direncanakan menurut pasangan dan yang benar-benar "
                                         "tercapai (pendampingan dan hadir di pengimbasan); "
                                         "pasangan tanpa kontak dalam masa empat bulan sesudah "
                                         "OJL; kemajuan rencana tindak lanjut (RTL).")
    status.add_argument("--program", required=True, type=positive_id, metavar="ID")
    status.add_argument("--as-of", metavar="YYYY-MM-DD", help="keadaan per tanggal (bawaan: hari ini)")
    status.add_argument("--quiet-days", type=_days, default=30, metavar="N",
                        help="tanpa kontak lebih dari N hari dianggap diam (bawaan: 30)")
    status.add_argument("--json", action="store_true", help="keluaran JSON")
    status.set_defaults(func=cmd_program_status)

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


def _days(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"jumlah hari harus angka positif, bukan '{value}'")
    return int(value)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}".replace(".", ",").removesuffix(",0") + "%"


def cmd_program_status(args) -> int:
    from .. import follow_up

    as_of = iso_date(args.as_of, "--as-of") if args.as_of else None
    db = open_database(args)
    program = programs.get_program(db, args.program)
    status = follow_up.program_status(db, args.program, as_of=as_of, quiet_days=args.quiet_days)
    if args.json:
        print(json.dumps(status.to_json(), ensure_ascii=False, indent=1))
        return EXIT_OK
    print(f"{program.title}: keadaan per {format_date(status.as_of, False)}")
    window = status.window
    print(f"Masa pendampingan: {format_date(window.start, False)} s.d. "
          f"{format_date(window.end, False)} (empat bulan sesudah OJL terakhir)" if window else
          "Masa pendampingan belum mulai: program ini belum mempunyai OJL.")
    print(f"\n{'Jangkauan':<70}{'Rencana':>8}{'Tercapai':>9}{'Target':>7}")
    by_mentor: dict = {}
    for reach in status.mentors:
        by_mentor.setdefault(reach.mentor_id, []).append(reach)
    for reach in status.top:
        _print_reach(reach, "")
        for mitra in by_mentor.get(reach.person.participant_id, ()):
            _print_reach(mitra, "  ")
    print(f"Total: {format_thousands(status.planned)} direncanakan, "
          f"{format_thousands(status.reached)} tercapai, target "
          f"{format_thousands(status.target) if status.target is not None else '-'} "
          f"({_percent(status.percentage)} dari target)")
    quiet = status.quiet
    print(f"\nPasangan tanpa kontak lebih dari {status.quiet_days} hari: "
          f"{format_thousands(len(quiet))}")
    for pair in sorted(quiet, key=lambda p: (-(p.days_since or 0), p.mentor.name)):
        when = (f"kontak terakhir {format_date(pair.last_contact, False)}" if pair.last_contact
                else "belum pernah ada kontak")
        print(f"  {pair.mentor.name} ({program.label(pair.mentor.tier)}) -> {pair.mentee.name} "
              f"({program.label(pair.mentee.tier)}): {when}, {pair.days_since} hari")
    rtl = status.rtl
    print(f"\nRTL: {format_thousands(rtl['total'])} rencana: {rtl['belum']} belum mulai, "
          f"{rtl['berjalan']} berjalan, {rtl['selesai']} selesai; "
          f"{rtl['overdue']} lewat tenggat belum selesai")
    return EXIT_OK


def _print_reach(reach, indent: str) -> None:
    person = reach.person
    ident = person.nuptk or format_nip(person.nip) or "-"
    target = reach.target if reach.target is not None else "-"
    who = f"{indent}{reach.label} {person.name}"
    print(f"{who[:46]:<46}  {ident:<22}{reach.planned:>8}{reach.reached:>9}{target:>7}")


def cmd_participants_import(args) -> int:
    from ..spreadsheets import import_participants

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
    from ..spreadsheets import export_pairs

    path = xlsx_path(args.file)
    db = open_database(args)
    programs.get_program(db, args.program)
    export_pairs(db, args.program, path)
    print(f"{format_thousands(len(pairing.pair_rows(db, args.program)))} pasangan diekspor ke {path}")
    return EXIT_OK
