"""The `monev` commands of `kemitraan`: monev instruments: forms, entries, scores."""

from __future__ import annotations

import datetime as dt
import json
import sys

from .. import monev, programs
from ..indonesia import format_date
from .common import (
    EXIT_OK,
    KemitraanUsage,
    Parser,
    iso_date,
    open_database,
    pdf_path,
    positive_id,
)

STAGES = ("pra-observasi", "observasi", "pasca-observasi")


def add_commands(sub) -> None:
    """`kemitraan monev form list|print`, `monev enter`, `monev list`, `monev compare`."""
    mon = sub.add_parser("monev", help="instrumen monev: formulir, isian skor, perbandingan",
                         description="Instrumen monev (Telaah RPP, Observasi Pembelajaran, "
                                     "Supervisi Kepala Sekolah): mencetak formulir kosong, "
                                     "memasukkan skor kunjungan, dan membandingkan kunjungan "
                                     "pertama dengan terakhir.")
    msub = mon.add_subparsers(dest="monev_command", metavar="PERINTAH", parser_class=Parser)
    msub.required = True
    form = msub.add_parser("form", help="daftar dan cetak formulir instrumen",
                           description="Daftar instrumen monev dan mencetak formulirnya.")
    fsub = form.add_subparsers(dest="form_command", metavar="PERINTAH", parser_class=Parser)
    fsub.required = True
    flist = fsub.add_parser("list", help="daftar instrumen (versi terbaru)",
                            description="Daftar instrumen monev, versi terbaru masing-masing, "
                                        "dengan butir-butirnya.")
    flist.add_argument("--json", action="store_true", help="keluaran JSON")
    flist.set_defaults(func=cmd_form_list)
    fprint = fsub.add_parser("print", help="cetak formulir kosong untuk diisi tangan",
                             description="Mencetak formulir instrumen ke PDF dengan kop surat "
                                         "dinas: kosong, atau dengan identitas satu orang.")
    fprint.add_argument("form", metavar="FORM", help="kode instrumen (misalnya telaah-rpp) "
                                                     "atau id versinya")
    fprint.add_argument("--out", required=True, metavar="FILE.pdf", help="berkas PDF tujuan")
    fprint.add_argument("--person", metavar="NUPTK_ATAU_NIP",
                        help="isi identitas peserta ini (tanpa pilihan ini: formulir kosong)")
    fprint.add_argument("--paper", choices=("a4", "f4"), type=str.lower,
                        help="ukuran kertas (bawaan: pengaturan dinas)")
    fprint.set_defaults(func=cmd_form_print)
    enter = msub.add_parser("enter", help="masukkan skor satu kunjungan monev",
                            description="Menyimpan skor satu kunjungan monev dari formulir yang "
                                        "diisi tangan; mencetak id isian baru. Semua butir wajib "
                                        "diberi skor dalam rentangnya.")
    enter.add_argument("--form", required=True, metavar="FORM", help="kode instrumen atau id")
    enter.add_argument("--person", required=True, metavar="NUPTK_ATAU_NIP",
                       help="guru atau kepala sekolah yang diamati")
    enter.add_argument("--observer", required=True, metavar="NUPTK_ATAU_NIP",
                       help="observer: peserta program (NUPTK atau NIP)")
    enter.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="tanggal kunjungan")
    enter.add_argument("--score", action="append", default=[], metavar="BUTIR=SKOR",
                       help="skor satu butir, misalnya --score A1=3 (ulangi untuk tiap butir)")
    enter.add_argument("--note", default="", metavar="TEKS", help="catatan observer")
    enter.add_argument("--stage", choices=STAGES,
                       help="tahap (instrumen observasi); pra/pasca-observasi diisi --note")
    enter.add_argument("--program", type=positive_id, metavar="ID",
                       help="program peserta (bawaan: program terbaru yang memuatnya)")
    enter.set_defaults(func=cmd_enter)
    mlist = msub.add_parser("list", help="isian monev satu program",
                            description="Daftar isian monev program dengan jumlah skor, "
                                        "persentase dan predikat.")
    mlist.add_argument("--program", required=True, type=positive_id, metavar="ID")
    mlist.add_argument("--json", action="store_true", help="keluaran JSON")
    mlist.set_defaults(func=cmd_list)
    comp = msub.add_parser("compare", help="kunjungan pertama dibanding terakhir",
                           description="Per peserta: nilai kunjungan pertama dan terakhir "
                                       "pada satu instrumen, dan perubahannya.")
    comp.add_argument("--program", required=True, type=positive_id, metavar="ID")
    comp.add_argument("--form", required=True, metavar="FORM", help="kode instrumen")
    comp.add_argument("--json", action="store_true", help="keluaran JSON")
    comp.set_defaults(func=cmd_compare)


def _dump(value) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=1))


def cmd_form_list(args) -> int:
    db = open_database(args)
    forms = monev.list_forms(db)
    if args.json:
        _dump([{"id": f.id, "code": f.code, "name": f.name, "version": f.version,
                "audience": f.audience, "max_total": f.max_total,
                "items": [{"id": i["id"], "section": i["section"], "text": i["text"],
                           "min": i["min"], "max": i["max"]} for i in f.items]}
               for f in forms])
        return EXIT_OK
    for f in forms:
        print(f"{f.id:>4}  {f.code:18}  {f.name} (versi {f.version}, sasaran {f.audience}, "
              f"{len(f.items)} butir, skor maksimal {f.max_total:g})")
    return EXIT_OK


def cmd_form_print(args) -> int:
    from ..documents.monev_form import print_form

    out = pdf_path(args.out)
    db = open_database(args)
    form = monev.get_form(db, args.form)
    person = programs.find_participant(db, None, args.person) if args.person else None
    print_form(db, form, out, person_participant_id=person["id"] if person else None,
               paper=args.paper)
    whose = f" untuk {person['name']}" if person else " (kosong)"
    print(f"Formulir {form.name} versi {form.version}{whose} ditulis ke {out}")
    return EXIT_OK


def _scores(pairs: list[str]) -> dict[str, str]:
    scores: dict[str, str] = {}
    for pair in pairs:
        item, sep, value = pair.partition("=")
        item, value = item.strip(), value.strip()
        if not sep or not item or not value:
            raise KemitraanUsage(f"--score '{pair}' harus berbentuk BUTIR=SKOR, misalnya A1=3.")
        if item in scores:
            raise KemitraanUsage(f"--score: butir {item} diberi skor lebih dari sekali.")
        scores[item] = value
    return scores


def cmd_enter(args) -> int:
    scores = _scores(args.score)
    day = iso_date(args.date, "--date")
    db = open_database(args)
    form = monev.get_form(db, args.form)
    person = programs.find_participant(db, args.program, args.person, role="guru yang diamati")
    observer = programs.find_participant(db, args.program, args.observer, role="observer")
    entry_id = monev.enter(db, form, person["id"], day, scores, observer_id=observer["id"],
                           stage=args.stage, note=args.note, program_id=args.program)
    print(entry_id)
    entry = monev.get_entry(db, entry_id)
    if entry["total"] is not None:
        print(f"{form.name} versi {form.version} untuk {entry['name']}: jumlah skor "
              f"{entry['total']} dari {entry['max_total']} ({_percent(entry['percentage'])}, "
              f"{entry['category']}).", file=sys.stderr)
    return EXIT_OK


def _percent(value) -> str:
    return "-" if value is None else f"{value:.1f}%".replace(".", ",")


def cmd_list(args) -> int:
    db = open_database(args)
    programs.get_program(db, args.program)
    entries = monev.list_entries(db, args.program)
    if args.json:
        _dump(entries)
        return EXIT_OK
    for e in entries:
        stage = f" [{e['stage']}]" if e["stage"] else ""
        score = (f"{e['total']}/{e['max_total']}  {_percent(e['percentage'])}  {e['category']}"
                 if e["total"] is not None else "pertanyaan panduan")
        print(f"{e['id']:>5}  {format_date(dt.date.fromisoformat(e['day']), False):18}  "
              f"{e['form_name']} v{e['form_version']}{stage}  {(e['name'] or '')[:32]:32}  {score}")
    print(f"{len(entries)} isian monev")
    return EXIT_OK


def cmd_compare(args) -> int:
    db = open_database(args)
    programs.get_program(db, args.program)
    rows = monev.compare(db, args.program, args.form)
    if args.json:
        _dump(rows)
        return EXIT_OK
    for r in rows:
        change = "-" if r["change"] is None else f"{r['change']:+.1f}".replace(".", ",")
        print(f"{(r['name'] or '')[:34]:34}  {r['visits']} kunjungan  pertama "
              f"{_percent(r['first']['percentage'])}  terakhir {_percent(r['last']['percentage'])}"
              f"  perubahan {change}")
    print(f"{len(rows)} peserta")
    return EXIT_OK
