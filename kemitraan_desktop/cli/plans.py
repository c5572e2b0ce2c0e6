"""The `plan` commands of `kemitraan`: rencana aksi / RTL (rencana tindak lanjut): add,
update, list, import, export and print the forms."""

from __future__ import annotations

import datetime as dt
import json

from .. import action_plans, programs
from ..indonesia import format_date
from .common import (
    EXIT_OK,
    KemitraanUsage,
    Parser,
    add_sign_off,
    iso_date,
    open_database,
    pdf_path,
    positive_id,
    report_activity_import,
    sign_off,
    xlsx_path,
)

_STATUS_HELP = "belum (belum mulai), berjalan, selesai"


def add_commands(sub) -> None:
    """`kemitraan plan add|update|list|import|export|print`."""
    plan = sub.add_parser("plan", help="rencana aksi / RTL peserta",
                          description="Rencana tindak lanjut (RTL) peserta program: apa yang "
                                      "akan dilakukan, bersama siapa, kapan, indikator "
                                      "keberhasilannya, dan kemajuannya.")
    psub = plan.add_subparsers(dest="plan_command", metavar="PERINTAH", parser_class=Parser)
    psub.required = True
    add = psub.add_parser("add", help="tambah RTL seorang peserta (mencetak id-nya)",
                          description="Menambah satu RTL; baris pertama keluaran adalah id-nya.")
    add.add_argument("--program", required=True, type=positive_id, metavar="ID")
    add.add_argument("--person", required=True, metavar="NUPTK_ATAU_NIP", help="peserta")
    add.add_argument("--action", required=True, metavar="TEXT", help="kegiatan/aksi")
    add.add_argument("--due", required=True, metavar="YYYY-MM-DD", help="target waktu")
    add.add_argument("--indicator", default="", metavar="TEXT", help="indikator keberhasilan")
    add.add_argument("--with", dest="partners", default="", metavar="TEXT",
                     help="sasaran/bersama siapa, mis. \"10 guru imbas, MGMP IPA\"")
    add.add_argument("--note", default="", metavar="TEXT", help="keterangan")
    add.set_defaults(func=cmd_add)
    upd = psub.add_parser("update", help="catat kemajuan RTL",
                          description="Mengubah status RTL; setiap perubahan tercatat dengan "
                                      "tanggalnya.")
    upd.add_argument("id", type=positive_id, metavar="ID", help="id RTL")
    upd.add_argument("--status", required=True, metavar="STATUS", help=_STATUS_HELP)
    upd.add_argument("--note", metavar="TEXT", help="catatan kemajuan")
    upd.add_argument("--date", metavar="YYYY-MM-DD", help="tanggal kemajuan (bawaan: hari ini)")
    upd.set_defaults(func=cmd_update)
    lst = psub.add_parser("list", help="tampilkan RTL program",
                          description="Menampilkan RTL program; yang melewati target waktu dan "
                                      "belum selesai ditandai.")
    lst.add_argument("--program", required=True, type=positive_id, metavar="ID")
    lst.add_argument("--person", metavar="NUPTK_ATAU_NIP", help="hanya RTL peserta ini")
    lst.add_argument("--as-of", metavar="YYYY-MM-DD", help="keadaan pada tanggal ini (bawaan: hari ini)")
    lst.add_argument("--overdue", action="store_true", help="hanya yang terlambat")
    lst.add_argument("--json", action="store_true", help="keluaran JSON")
    lst.set_defaults(func=cmd_list)
    imp = psub.add_parser("import", help="impor RTL dari lembar kerja",
                          description="Menambah dan memperbarui RTL dari berkas (.xlsx, .xls, "
                                      ".ods, .csv). Semua atau tidak sama sekali.")
    imp.add_argument("--program", required=True, type=positive_id, metavar="ID")
    imp.add_argument("file", metavar="FILE", help="berkas .xlsx, .xls, .ods atau .csv")
    imp.set_defaults(func=cmd_import)
    exp = psub.add_parser("export", help="ekspor RTL ke .xlsx",
                          description="Mengekspor RTL program ke lembar kerja .xlsx (dapat "
                                      "diisi lalu diimpor kembali).")
    exp.add_argument("--program", required=True, type=positive_id, metavar="ID")
    exp.add_argument("--as-of", metavar="YYYY-MM-DD", help="tandai terlambat per tanggal ini")
    exp.add_argument("file", metavar="FILE.xlsx", help="berkas tujuan")
    exp.set_defaults(func=cmd_export, output_args=("file",))
    prn = psub.add_parser("print", help="cetak formulir RTL (PDF)",
                          description="Mencetak formulir RTL per peserta dengan kop surat dinas; "
                                      "tanpa --person: peserta yang sudah punya RTL.")
    prn.add_argument("--program", required=True, type=positive_id, metavar="ID")
    prn.add_argument("--out", required=True, metavar="FILE.pdf", help="berkas PDF tujuan")
    prn.add_argument("--person", metavar="NUPTK_ATAU_NIP", help="hanya formulir peserta ini")
    prn.add_argument("--all", action="store_true",
                     help="semua peserta, yang belum punya RTL dengan formulir kosong")
    prn.add_argument("--paper", choices=("a4", "f4"), type=str.lower,
                     help="ukuran kertas (bawaan: pengaturan dinas)")
    prn.add_argument("--as-of", metavar="YYYY-MM-DD", help="tandai terlambat per tanggal ini")
    add_sign_off(prn)
    prn.set_defaults(func=cmd_print)


def _as_of(args) -> dt.date | None:
    return iso_date(args.as_of, "--as-of") if getattr(args, "as_of", None) else None


def cmd_add(args) -> int:
    db = open_database(args)
    person = programs.find_participant(db, args.program, args.person, role="peserta")
    # the core reads the date, so that 2019-02-30 is refused as no date, not as bad usage
    plan_id = action_plans.add_plan(db, args.program, person["id"], args.action, args.due,
                                    partners=args.partners, indicator=args.indicator,
                                    note=args.note)
    print(plan_id)  # alone on the first line: scripts read it
    due = action_plans.get_plan(db, plan_id)["due"]
    print(f"RTL {plan_id} ditambahkan untuk {person['name']}, target "
          f"{format_date(due, with_weekday=False)}.")
    return EXIT_OK


def cmd_update(args) -> int:
    day = iso_date(args.date, "--date") if args.date else None
    db = open_database(args)
    action_plans.update_plan(db, args.id, status=args.status, note=args.note, day=day)
    plan = action_plans.get_plan(db, args.id)
    when = format_date(day or dt.date.today(), with_weekday=False)
    print(f"RTL {plan['id']} ({plan['name']}): {plan['status_label']} per {when}.")
    return EXIT_OK


def plan_json(plan: dict) -> dict:
    """A plan as `plan list --json` gives it."""
    return {"id": plan["id"], "participant_id": plan["participant_id"],
            "person": {"name": plan["name"], "nuptk": plan["nuptk"], "nip": plan["nip"]},
            "tier": plan["tier_label"], "tier_level": plan["tier"], "school": plan["school"],
            "action": plan["action"], "with": plan["partners"], "due": plan["due"].isoformat(),
            "indicator": plan["indicator"], "status": plan["status"],
            "status_label": plan["status_label"], "note": plan["note"],
            "last_progress": plan["last_day"].isoformat() if plan["last_day"] else None,
            "overdue": plan["overdue"], "days_overdue": plan["days_overdue"]}


def cmd_list(args) -> int:
    as_of = _as_of(args)
    db = open_database(args)
    programs.get_program(db, args.program)
    person = (programs.find_participant(db, args.program, args.person, role="peserta")
              if args.person else None)
    rows = action_plans.list_plans(db, args.program, as_of=as_of,
                                   participant_id=person["id"] if person else None)
    if args.overdue:
        rows = [row for row in rows if row["overdue"]]
    if args.json:
        print(json.dumps([plan_json(row) for row in rows], ensure_ascii=False, indent=1))
        return EXIT_OK
    for row in rows:
        late = f"  TERLAMBAT {row['days_overdue']} hari" if row["overdue"] else ""
        print(f"{row['id']:>5}  {format_date(row['due'], with_weekday=False):>17}  "
              f"{row['status_label']:<11} {row['name']} ({row['tier_label']}): "
              f"{row['action']}{late}")
    counts = action_plans.summary(db, args.program, as_of)
    print(f"{len(rows)} RTL ditampilkan. Program ini: {counts['belum']} belum mulai, "
          f"{counts['berjalan']} berjalan, {counts['selesai']} selesai, {counts['overdue']} "
          f"terlambat; {counts['participants_with_plan']} dari {counts['participants']} "
          "peserta sudah punya RTL.")
    return EXIT_OK


def cmd_import(args) -> int:
    from ..spreadsheets.action_plans_sheet import import_plans

    db = open_database(args)
    programs.get_program(db, args.program)
    return report_activity_import(import_plans(db, args.program, args.file))


def cmd_export(args) -> int:
    from ..spreadsheets.action_plans_sheet import export_plans

    path = xlsx_path(args.file)
    as_of = _as_of(args)
    db = open_database(args)
    programs.get_program(db, args.program)
    export_plans(db, args.program, path, as_of=as_of)
    count = len(action_plans.list_plans(db, args.program))
    print(f"{count} RTL diekspor ke {path}")
    return EXIT_OK


def cmd_print(args) -> int:
    from ..documents.action_plan import print_action_plans

    out = pdf_path(args.out)
    if args.person and args.all:
        raise KemitraanUsage("Pilih --person atau --all, tidak keduanya.")
    as_of = _as_of(args)
    chosen = sign_off(args)
    db = open_database(args)
    programs.get_program(db, args.program)
    person = (programs.find_participant(db, args.program, args.person, role="peserta")
              if args.person else None)
    print_action_plans(db, args.program, out, participant_id=person["id"] if person else None,
                       paper=args.paper, sign_off=chosen, everyone=args.all, as_of=as_of)
    print(f"Formulir RTL ditulis ke {out}")
    return EXIT_OK
