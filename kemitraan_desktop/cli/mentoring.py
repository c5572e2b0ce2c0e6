"""The `mentoring` commands of `kemitraan`: pendampingan (mentoring) log: add, import, list,
and the template the mitra fill in."""

from __future__ import annotations

import json

from .. import mentoring, programs
from ..activities import format_jp
from ..indonesia import format_date, format_nip, format_thousands
from .common import EXIT_OK, EXIT_PROBLEMS, Parser, open_database, positive_id, xlsx_path


def add_commands(sub) -> None:
    """`kemitraan mentoring add|import|list|template`."""
    grp = sub.add_parser("mentoring", help="catatan pendampingan (mentoring) sesudah OJL",
                         description="Mencatat, mengimpor dan menampilkan pendampingan guru "
                                     "pembimbing kepada guru yang didampinginya.")
    msub = grp.add_subparsers(dest="mentoring_command", metavar="PERINTAH", parser_class=Parser)
    msub.required = True

    add = msub.add_parser(
        "add", help="catat satu pendampingan (mencetak id-nya)",
        description="Mencatat satu pendampingan. Pembimbing harus pembimbing peserta itu di "
                    "program (atau yang di atasnya: guru inti boleh mendampingi guru imbas dari "
                    "mitranya). Jika ada yang salah, tidak ada yang disimpan.")
    add.add_argument("--program", required=True, type=positive_id, metavar="ID")
    add.add_argument("--mentor", required=True, metavar="NUPTK_OR_NIP",
                     help="NUPTK atau NIP pembimbing")
    add.add_argument("--mentee", required=True, metavar="NUPTK_OR_NIP",
                     help="NUPTK atau NIP guru yang didampingi")
    add.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="tanggal pendampingan")
    add.add_argument("--mode", required=True, metavar="tatap-muka|daring|telepon|surel",
                     help="bentuk: tatap-muka, daring, telepon (termasuk WhatsApp) atau surel")
    add.add_argument("--topic", required=True, metavar="TEXT", help="topik atau materi")
    add.add_argument("--jp", metavar="N", help="lama dalam JP (0-24; boleh 1,5)")
    add.add_argument("--minutes", metavar="N", help="lama dalam menit (0-1440)")
    add.add_argument("--agreed", metavar="TEXT", default="", help="kesepakatan atau hasil")
    add.add_argument("--follow-up", metavar="TEXT", default="", help="tindak lanjut")
    add.add_argument("--notes", metavar="TEXT", default="", help="keterangan")
    add.add_argument("--evidence", nargs="+", default=[], metavar="FILE",
                     help="bukti: foto JPEG/PNG (diperkecil) atau dokumen PDF, DOCX, XLSX "
                          "(paling besar 10 MB)")
    add.set_defaults(func=cmd_add)

    imp = msub.add_parser(
        "import", help="impor lembar pendampingan dari guru (.xlsx, .xls, .ods, .csv)",
        description="Mengimpor lembar pendampingan. Semua baris diperiksa dulu: jika ada "
                    "masalah, tidak ada yang disimpan. Pendampingan yang sudah tercatat "
                    "(pasangan, tanggal dan topik sama) dilewati.")
    imp.add_argument("--program", required=True, type=positive_id, metavar="ID")
    imp.add_argument("file", metavar="FILE.xlsx", help="berkas lembar kerja")
    imp.add_argument("--sheet", metavar="NAME", help="nama lembar (bawaan: yang berisi tabel)")
    imp.add_argument("--check", action="store_true", help="periksa saja, jangan simpan")
    imp.set_defaults(func=cmd_import)

    lst = msub.add_parser("list", help="tampilkan pendampingan",
                          description="Menampilkan pendampingan program, urut tanggal.")
    lst.add_argument("--program", required=True, type=positive_id, metavar="ID")
    lst.add_argument("--mentor", metavar="NUPTK_OR_NIP", help="hanya pembimbing ini")
    lst.add_argument("--mentee", metavar="NUPTK_OR_NIP", help="hanya guru yang didampingi ini")
    lst.add_argument("--month", metavar="YYYY-MM", help="hanya bulan ini, mis. 2019-11")
    lst.add_argument("--json", action="store_true", help="keluaran JSON")
    lst.set_defaults(func=cmd_list)

    tpl = msub.add_parser("template", help="buat templat lembar pendampingan .xlsx",
                          description="Membuat lembar pendampingan kosong untuk diisi guru: "
                                      "judul kolom, satu baris contoh, pilihan Bentuk.")
    tpl.add_argument("file", metavar="FILE.xlsx", help="berkas tujuan")
    tpl.set_defaults(func=cmd_template, output_args=("file",))


def cmd_add(args) -> int:
    db = open_database(args)
    programs.get_program(db, args.program)
    mentor = programs.find_participant(db, args.program, args.mentor, role="pembimbing")
    mentee = programs.find_participant(db, args.program, args.mentee, role="peserta")
    # the core reads the date, so that 2019-02-30 is refused as no date, not as bad usage
    log_id = mentoring.add_entry(
        db, args.program, mentor["id"], mentee["id"], args.date, args.mode, args.topic,
        jp=args.jp, minutes=args.minutes, agreed=args.agreed, follow_up=args.follow_up,
        notes=args.notes, evidence=args.evidence, source="perintah kemitraan")
    print(log_id)  # alone on the first line: scripts read it
    entry = mentoring.get_entry(db, log_id)
    files = f", {len(args.evidence)} berkas bukti" if args.evidence else ""
    print(f"Pendampingan {log_id} dicatat: {mentor['name']} -> {mentee['name']}, "
          f"{format_date(entry.day, with_weekday=False)}, {entry.mode_label}{files}.")
    return EXIT_OK


def cmd_import(args) -> int:
    from ..spreadsheets.mentoring_sheet import import_entries

    db = open_database(args)
    programs.get_program(db, args.program)
    report = import_entries(db, args.program, args.file, sheet=args.sheet, dry_run=args.check)
    where = "" if str(args.file).lower().endswith(".csv") else f", lembar '{report.sheet}'"
    print(f"Berkas {report.file}{where}, judul kolom di baris {report.header_row}: "
          f"{format_thousands(report.rows)} baris pendampingan.")
    for line in report.details():
        print(f"  {line}")
    print(report.summary())
    return EXIT_PROBLEMS if report.problems else EXIT_OK


def _person(row: dict, prefix: str) -> dict:
    return {"id": row[f"{prefix}_id"], "nuptk": row[f"{prefix}_nuptk"],
            "nip": row[f"{prefix}_nip"], "name": row[f"{prefix}_name"],
            "tier": row[f"{prefix}_tier_label"]}


def entry_json(row: dict) -> dict:
    """An entry as `mentoring list --json` gives it."""
    return {"id": row["id"], "date": row["day"].isoformat(), "mode": row["mode"],
            "mode_label": row["mode_label"], "mentor": _person(row, "mentor"),
            "mentee": _person(row, "mentee"), "jp": row["jp"], "minutes": row["minutes"],
            "topic": row["topic"], "agreed": row["agreed"], "follow_up": row["follow_up"],
            "notes": row["notes"], "evidence": row["evidence"], "source": row["source"]}


def _duration(row: dict) -> str:
    parts = []
    if row["jp"] is not None:
        parts.append(f"{format_jp(row['jp'])} JP")
    if row["minutes"] is not None:
        parts.append(f"{row['minutes']} menit")
    return ", ".join(parts)


def cmd_list(args) -> int:
    db = open_database(args)
    programs.get_program(db, args.program)
    month = mentoring.check_month(args.month) if args.month else None
    mentor = (programs.find_participant(db, args.program, args.mentor, role="pembimbing")
              if args.mentor else None)
    mentee = (programs.find_participant(db, args.program, args.mentee, role="peserta")
              if args.mentee else None)
    rows = mentoring.list_entries(db, args.program, mentor_id=mentor["id"] if mentor else None,
                                  mentee_id=mentee["id"] if mentee else None, month=month)
    if args.json:
        print(json.dumps([entry_json(row) for row in rows], ensure_ascii=False, indent=1))
        return EXIT_OK
    for row in rows:
        extra = [text for text in (_duration(row),
                                   f"{row['evidence']} bukti" if row["evidence"] else "") if text]
        topic = row["topic"].splitlines()[0]
        print(f"{row['id']:>6}  {format_date(row['day'], with_weekday=False):>17}  "
              f"{row['mode_label']:<16}  {row['mentor_name']} -> {row['mentee_name']} "
              f"({_ident(row)}): {topic}" + (f"  [{'; '.join(extra)}]" if extra else ""))
    pairs = len({(r["mentor_id"], r["mentee_id"]) for r in rows})
    print(f"{format_thousands(len(rows))} pendampingan, {format_thousands(pairs)} pasangan.")
    return EXIT_OK


def _ident(row: dict) -> str:
    return format_nip(row["mentee_nip"]) if row["mentee_nip"] else (row["mentee_nuptk"] or "-")


def cmd_template(args) -> int:
    from ..spreadsheets.mentoring_sheet import template_workbook

    path = xlsx_path(args.file)
    template_workbook(path)
    print(f"Templat lembar pendampingan ditulis ke {path}")
    return EXIT_OK
