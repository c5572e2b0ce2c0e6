"""The `attendance` commands of `kemitraan`: mark, import and recap who attended."""

from __future__ import annotations

import json
from pathlib import Path

from .. import activities, attendance
from ..errors import NotFoundError
from ..indonesia import id_digits
from .common import (
    EXIT_OK,
    KemitraanUsage,
    Parser,
    add_sign_off,
    iso_date,
    open_database,
    positive_id,
    report_activity_import,
    sign_off,
)


def add_commands(sub) -> None:
    """`kemitraan attendance mark|import|recap`."""
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
    add_sign_off(rec)
    rec.set_defaults(func=cmd_attendance_recap)


def _participant_by_id(db, activity_id: int, number: str) -> dict:
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
    from ..spreadsheets import import_marks

    db = open_database(args)
    activities.get_activity(db, args.activity)
    return report_activity_import(import_marks(db, args.activity, args.file))


def cmd_attendance_recap(args) -> int:
    db = open_database(args)
    activities.get_activity(db, args.activity)
    if args.out:
        out = Path(args.out)
        if out.suffix.lower() == ".pdf":
            from ..documents.recap import print_recap
            print_recap(db, args.activity, out, sign_off=sign_off(args))
        elif out.suffix.lower() == ".xlsx":
            from ..spreadsheets import export_recap
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
