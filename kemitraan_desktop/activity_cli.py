"""The activity, rundown and attendance commands of `kemitraan`, and `print rundown` /
`print attendance` (the rest of the CLI is in cli.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import activities, attendance, programs
from .cli_common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    KemitraanUsage,
    Parser,
    iso_date,
    open_database,
    pdf_path,
    positive_id,
    xlsx_path,
)


def add_commands(sub) -> None:
    """`kemitraan activity ...`, `rundown ...` and `attendance ...`."""
    _activity_commands(sub)
    _attendance_commands(sub)


def _attendance_commands(sub) -> None:
    att = sub.add_parser("attendance", help="kehadiran peserta kegiatan",
                         description="Mencatat kehadiran, mengimpornya, dan membuat rekap.")
    asub = att.add_subparsers(dest="attendance_command", metavar="PERINTAH", parser_class=Parser)
    asub.required = True
    mark = asub.add_parser("mark", help="catat kehadiran satu orang pada satu hari",
                           description="Mencatat status semua sesi hari itu untuk satu peserta.")
    mark.add_argument("--activity", required=True, type=positive_id, metavar="ID")
    mark.add_argument("--day", required=True, metavar="YYYY-MM-DD")
    mark.add_argument("--person", required=True, metavar="NUPTK_OR_NIP")
    mark.add_argument("--status", required=True, choices=list(attendance.STATUSES))
    mark.set_defaults(func=cmd_attendance_mark)
    imp = asub.add_parser("import", help="impor kehadiran dari lembar kerja",
                          description="Mengimpor kehadiran (NUPTK/NIP, tanggal atau sesi, status). "
                                      "Semua atau tidak sama sekali.")
    imp.add_argument("--activity", required=True, type=positive_id, metavar="ID")
    imp.add_argument("file", metavar="FILE.xlsx")
    imp.set_defaults(func=cmd_attendance_import)
    rec = asub.add_parser("recap", help="rekap kehadiran, JP dan syarat sertifikat",
                          description="Menulis rekap kehadiran ke .xlsx atau .pdf.")
    rec.add_argument("--activity", required=True, type=positive_id, metavar="ID")
    rec.add_argument("--out", metavar="FILE.xlsx|FILE.pdf", help="berkas tujuan")
    rec.add_argument("--json", action="store_true", help="keluaran JSON per peserta")
    rec.set_defaults(func=cmd_attendance_recap)



def _activity_commands(sub) -> None:
    act = sub.add_parser("activity", help="kegiatan (workshop, OJL) program",
                         description="Membuat dan menampilkan kegiatan program.")
    asub = act.add_subparsers(dest="activity_command", metavar="PERINTAH", parser_class=Parser)
    asub.required = True
    create = asub.add_parser("create", help="buat kegiatan baru (mencetak id-nya)",
                             description="Membuat kegiatan; pesertanya diambil dari peserta "
                                         "program sesuai jenis kegiatan (OJL 1: tingkat 1 dan 2).")
    create.add_argument("--program", required=True, type=positive_id, metavar="ID")
    create.add_argument("--kind", required=True, choices=list(activities.KINDS),
                        help="workshop (orientasi), ojl1, ojl2, evaluasi, rakor, pendampingan, lainnya")
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
    db = open_database(args)
    template = activities.find_template(db, args.template) if args.template else None
    with db.atomic():
        aid = activities.create_activity(db, args.program, args.kind, args.title, start, end,
                                         venue=args.place, city=args.city)
        if template:
            activities.save_items(db, aid, activities.apply_template(db, aid, template))
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
        } for e in listed], ensure_ascii=False, indent=1))
        return EXIT_OK
    from .indonesia import format_date_range
    for entry in listed:
        a = entry["activity"]
        print(f"{a.id:>4}  {format_date_range(a.start, a.end)}  {a.kind_label}: {a.title}  "
              f"({entry['city'] or '-'}, {entry['time_zone']}; {entry['participants']} peserta, "
              f"{entry['items']} acara, {activities.format_jp(entry['jp'])} JP)")
    print(f"{len(listed)} kegiatan")
    return EXIT_OK


def cmd_rundown_import(args) -> int:
    from .spreadsheets import import_rundown

    db = open_database(args)
    activities.get_activity(db, args.activity)
    report = import_rundown(db, args.activity, args.file)
    for line in report.details():
        print(f"  {line}")
    print(report.summary())
    return EXIT_OK if report.written else EXIT_PROBLEMS


def cmd_rundown_export(args) -> int:
    from .spreadsheets import export_rundown

    path = xlsx_path(args.file)
    db = open_database(args)
    activities.get_activity(db, args.activity)
    export_rundown(db, args.activity, path)
    print(f"{len(activities.list_items(db, args.activity))} acara diekspor ke {path}")
    return EXIT_OK


def cmd_print_rundown(args) -> int:
    from .documents.rundown import print_rundown

    out = pdf_path(args.out)
    db = open_database(args)
    activities.get_activity(db, args.activity)
    print_rundown(db, args.activity, out, paper=args.paper, school=args.host_school)
    print(f"Jadwal kegiatan ditulis ke {out}")
    return EXIT_OK


def cmd_print_attendance(args) -> int:
    from .documents.attendance import print_attendance

    out = pdf_path(args.out)
    if args.blank_rows < 0 or args.blank_rows > 200:
        raise KemitraanUsage("--blank-rows antara 0 dan 200")
    day = iso_date(args.day, "--day") if args.day else None
    db = open_database(args)
    activities.get_activity(db, args.activity)
    print_attendance(db, args.activity, out, day=day, blank_rows=args.blank_rows,
                     paper=args.paper, staff=args.staff)
    print(f"Daftar hadir ditulis ke {out}")
    return EXIT_OK


def _participant_by_id(db, activity_id: int, number: str) -> dict:
    from .errors import NotFoundError
    from .indonesia import id_digits

    digits = id_digits(number)
    for row in activities.activity_participants(db, activity_id):
        if digits and digits in (row["nuptk"], row["nip"], row["nik"]):
            return row
    raise NotFoundError(f"Tidak ada peserta kegiatan ini dengan NUPTK/NIP {number}.")


def cmd_attendance_mark(args) -> int:
    day = iso_date(args.day, "--day")
    db = open_database(args)
    person = _participant_by_id(db, args.activity, args.person)
    count = attendance.mark_day(db, args.activity, day, person["id"], args.status)
    print(f"{person['name']}: {args.status} pada {count} sesi {day.isoformat()}")
    return EXIT_OK


def cmd_attendance_import(args) -> int:
    from .spreadsheets import import_marks

    db = open_database(args)
    activities.get_activity(db, args.activity)
    report = import_marks(db, args.activity, args.file)
    for line in report.details():
        print(f"  {line}")
    print(report.summary())
    return EXIT_OK if report.written else EXIT_PROBLEMS


def cmd_attendance_recap(args) -> int:
    db = open_database(args)
    activities.get_activity(db, args.activity)
    if args.out:
        out = Path(args.out)
        if out.suffix.lower() == ".pdf":
            from .documents.recap import print_recap
            print_recap(db, args.activity, out)
        elif out.suffix.lower() == ".xlsx":
            from .spreadsheets import export_recap
            export_recap(db, args.activity, out)
        else:
            raise KemitraanUsage(f"Berkas rekap harus .xlsx atau .pdf: '{args.out}'")
    _sessions, rows = attendance.recap(db, args.activity)
    if args.json:
        print(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=1))
    else:
        for row in rows:
            mark = "memenuhi syarat" if row.eligible else "; ".join(row.reasons)
            print(f"{row.participant['name'][:36]:36}  {row.attended}/{row.sessions} sesi  "
                  f"{attendance.ind_percent(row.percent):>6}  {activities.format_jp(row.jp):>4} JP  {mark}")
        eligible = sum(1 for r in rows if r.eligible)
        print(f"{eligible} dari {len(rows)} peserta memenuhi syarat sertifikat.")
        if args.out:
            print(f"Rekap ditulis ke {args.out}")
    return EXIT_OK
