"""The `program`, `participants` and `pair` commands of `kemitraan`: programs, their
participants and the mentor pairs."""

from __future__ import annotations

import json

from .. import pairing, programs
from ..indonesia import format_nip, format_thousands
from .common import EXIT_OK, EXIT_PROBLEMS, Parser, open_database, positive_id, xlsx_path


def add_commands(sub) -> None:
    """`kemitraan program create|list`, `participants import|list` and `pair auto|check|export`."""
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
