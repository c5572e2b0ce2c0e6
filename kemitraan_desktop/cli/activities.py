"""The `activity` and `rundown` commands of `kemitraan`: activities of a program and their
day-by-day rundown in and out of Excel."""

from __future__ import annotations

import json
import sys

from .. import activities, programs, rundown_templates
from ..indonesia import format_date_range
from .common import (
    EXIT_OK,
    KemitraanUsage,
    Parser,
    iso_date,
    open_database,
    positive_id,
    report_activity_import,
    xlsx_path,
)


def add_commands(sub) -> None:
    """`kemitraan activity create|list` and `rundown import|export`."""
    act = sub.add_parser("activity", help="kegiatan (workshop, OJL) program",
                         description="Membuat dan menampilkan kegiatan program.")
    asub = act.add_subparsers(dest="activity_command", metavar="PERINTAH", parser_class=Parser)
    asub.required = True
    create = asub.add_parser("create", help="buat kegiatan baru (mencetak id-nya)",
                             description="Membuat kegiatan; pesertanya diambil dari peserta "
                                         "program sesuai jenis kegiatan (OJL 1: tingkat 1 dan 2).")
    create.add_argument("--program", required=True, type=positive_id, metavar="ID")
    create.add_argument("--kind", required=True, choices=list(activities.KINDS),
                        help="workshop (orientasi), ojl1, ojl2, evaluasi, rakor, pendampingan, "
                             "pengimbasan, lainnya")
    create.add_argument("--mentor", metavar="NUPTK_OR_NIP",
                        help="pengimbasan saja (wajib): NUPTK atau NIP peserta yang memimpinnya "
                             "(guru mitra); pesertanya dia dan guru bimbingannya")
    create.add_argument("--title", required=True, metavar="TEXT", help="nama kegiatan")
    create.add_argument("--start", required=True, metavar="YYYY-MM-DD", help="tanggal mulai")
    create.add_argument("--end", required=True, metavar="YYYY-MM-DD", help="tanggal selesai")
    create.add_argument("--place", required=True, metavar="TEXT", help="tempat kegiatan")
    create.add_argument("--city", required=True, metavar="TEXT",
                        help='kab/kota tempat kegiatan (menentukan WIB/WITA/WIT), mis. "Kota Pekalongan"')
    create.add_argument("--template", metavar="NAME",
                        help='isi rundown dari templat, mis. "OJL 1 (8 hari)"')
    create.set_defaults(func=cmd_activity_create)
    alist = asub.add_parser("list", help="tampilkan kegiatan", description="Menampilkan kegiatan.")
    alist.add_argument("--program", type=positive_id, metavar="ID", help="hanya kegiatan program ini")
    alist.add_argument("--json", action="store_true", help="keluaran JSON")
    alist.set_defaults(func=cmd_activity_list)

    run = sub.add_parser("rundown", help="rundown kegiatan dari/ke Excel",
                         description="Mengimpor dan mengekspor rundown kegiatan (.xlsx).")
    rsub = run.add_subparsers(dest="rundown_command", metavar="PERINTAH", parser_class=Parser)
    rsub.required = True
    rimp = rsub.add_parser("import", help="ganti rundown kegiatan dengan isi lembar kerja",
                           description="Mengganti seluruh rundown kegiatan dengan isi berkas. "
                                       "Semua atau tidak sama sekali.")
    rimp.add_argument("--activity", required=True, type=positive_id, metavar="ID")
    rimp.add_argument("file", metavar="FILE.xlsx", help="berkas .xlsx, .xls, .ods atau .csv")
    rimp.set_defaults(func=cmd_rundown_import)
    rexp = rsub.add_parser("export", help="ekspor rundown ke .xlsx",
                           description="Mengekspor rundown kegiatan ke lembar kerja .xlsx.")
    rexp.add_argument("--activity", required=True, type=positive_id, metavar="ID")
    rexp.add_argument("file", metavar="FILE.xlsx", help="berkas tujuan")
    rexp.set_defaults(func=cmd_rundown_export, output_args=("file",))


def cmd_activity_create(args) -> int:
    start, end = iso_date(args.start, "mulai"), iso_date(args.end, "selesai")
    if args.kind == "pengimbasan" and not args.mentor:
        raise KemitraanUsage("Pengimbasan perlu --mentor: NUPTK atau NIP guru mitra yang "
                             "memimpinnya.")
    if args.kind != "pengimbasan" and args.mentor:
        raise KemitraanUsage(f"--mentor hanya untuk kegiatan pengimbasan, bukan "
                             f"{activities.KINDS[args.kind]}.")
    db = open_database(args)
    leader = None
    if args.mentor:
        programs.get_program(db, args.program)
        leader = programs.find_participant(db, args.program, args.mentor, role="pemimpin "
                                           "pengimbasan")["id"]
    template = rundown_templates.find_template(db, args.template) if args.template else None
    with db.atomic():
        aid = activities.create_activity(db, args.program, args.kind, args.title, start, end,
                                         venue=args.place, city=args.city, leader_id=leader)
        if template:
            activities.save_items(db, aid, rundown_templates.apply_template(db, aid, template))
    print(aid)
    if template:  # the id alone on stdout (scripts read it); what to check on stderr
        activity = activities.get_activity(db, aid)
        notes = [template.weekday_warning(activity.start)] + [
            w.message for w in activities.check_rundown(activity, activities.list_items(db, aid))]
        for note in filter(None, notes[:20]):
            print(f"Peringatan: {note}", file=sys.stderr)
    return EXIT_OK


def cmd_activity_list(args) -> int:
    db = open_database(args)
    if args.program:
        programs.get_program(db, args.program)
    listed = activities.list_activities(db, args.program)
    if args.json:
        print(json.dumps([{
            "id": e["activity"].id, "program_id": e["activity"].program_id, "program": e["program"],
            "kind": e["activity"].kind, "title": e["activity"].title,
            "start": e["activity"].start.isoformat(), "end": e["activity"].end.isoformat(),
            "place": e["activity"].venue, "city": e["city"], "time_zone": e["time_zone"],
            "participants": e["participants"], "items": e["items"], "jp": e["jp"],
            "leader_id": e["activity"].leader_id,
        } for e in listed], ensure_ascii=False, indent=1))
        return EXIT_OK
    for entry in listed:
        a = entry["activity"]
        print(f"{a.id:>4}  {format_date_range(a.start, a.end)}  {a.kind_label}: {a.title}  "
              f"({entry['city'] or '-'}, {entry['time_zone']}; {entry['participants']} peserta, "
              f"{entry['items']} acara, {activities.format_jp(entry['jp'])} JP)")
    print(f"{len(listed)} kegiatan")
    return EXIT_OK


def cmd_rundown_import(args) -> int:
    from ..spreadsheets import import_rundown

    db = open_database(args)
    activities.get_activity(db, args.activity)
    return report_activity_import(import_rundown(db, args.activity, args.file))


def cmd_rundown_export(args) -> int:
    from ..spreadsheets import export_rundown

    path = xlsx_path(args.file)
    db = open_database(args)
    activities.get_activity(db, args.activity)
    export_rundown(db, args.activity, path)
    print(f"{len(activities.list_items(db, args.activity))} acara diekspor ke {path}")
    return EXIT_OK
