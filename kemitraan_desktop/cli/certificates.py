"""The `certificate` commands of `kemitraan`: issue, void, register, verify, key and offset."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .. import activities, programs
from ..errors import KemitraanError, os_reason
from .common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    KemitraanUsage,
    Parser,
    add_sign_off,
    iso_date,
    open_database,
    positive_id,
    sign_off,
)


def add_commands(sub) -> None:
    """`kemitraan certificate issue|void|register|verify|key|offset`."""
    """`kemitraan certificate ...`."""
    cert = sub.add_parser("certificate", help="sertifikat: terbitkan, batalkan",
                          description="Menerbitkan sertifikat bagi peserta yang memenuhi syarat "
                                      "kehadiran, dan membatalkannya.")
    csub = cert.add_subparsers(dest="certificate_command", metavar="PERINTAH", parser_class=Parser)
    csub.required = True
    iss = csub.add_parser("issue", help="terbitkan sertifikat kegiatan",
                          description="Memberi nomor dan mencatat sertifikat semua peserta yang "
                                      "memenuhi syarat, dalam satu langkah.")
    iss.add_argument("--activity", required=True, type=positive_id, metavar="ID")
    iss.add_argument("--date", metavar="YYYY-MM-DD", help="tanggal terbit (bawaan: hari ini)")
    iss.add_argument("--dry-run", action="store_true", help="tampilkan nomor yang akan diberikan saja")
    iss.set_defaults(func=cmd_certificate_issue)
    vo = csub.add_parser("void", help="batalkan sertifikat (nomornya tetap terpakai)",
                         description="Membatalkan sertifikat; nomornya tidak dipakai lagi.")
    vo.add_argument("number", metavar="NUMBER")
    vo.add_argument("--reason", required=True, metavar="TEXT")
    vo.set_defaults(func=cmd_certificate_void)
    reg = csub.add_parser("register", help="register sertifikat program ke .xlsx atau .pdf",
                          description="Semua nomor sertifikat program, yang berlaku dan yang dibatalkan.")
    reg.add_argument("--program", required=True, type=positive_id, metavar="ID")
    reg.add_argument("--out", required=True, metavar="FILE.xlsx|FILE.pdf")
    add_sign_off(reg)
    reg.set_defaults(func=cmd_certificate_register)
    ver = csub.add_parser("verify", help="periksa keaslian sertifikat (tanpa internet)",
                          description="Memeriksa teks QR sertifikat (atau nomornya): sah, tidak sah, "
                                      "atau dibatalkan. Keluar 0 hanya bila sah.")
    ver.add_argument("text", metavar="TEXT", help="teks QR atau nomor sertifikat")
    ver.set_defaults(func=cmd_certificate_verify)
    key = csub.add_parser("key", help="kunci publik: ekspor milik dinas ini, impor milik kantor lain",
                          description="Tanpa pilihan: cetak kunci publik dinas ini. Dengan --import: "
                                      "percayai sertifikat kantor lain.")
    key.add_argument("--out", metavar="FILE.txt", help="simpan kunci publik dinas ini ke berkas")
    key.add_argument("--import", dest="import_key", metavar="FILE_OR_TEXT",
                     help="kunci publik kantor lain (berkas atau teks 'ID:kunci')")
    key.add_argument("--office", metavar="NAMA", help="nama kantor pemilik kunci yang diimpor")
    key.set_defaults(func=cmd_certificate_key, out_kind="text")
    off = csub.add_parser("offset", help="simpan geser printer dari halaman uji",
                          description="Ukur garis halaman uji (seharusnya 20 mm dari tepi kiri dan "
                                      "atas), lalu simpan gesernya untuk printer itu.")
    off.add_argument("--printer", required=True, metavar="NAMA")
    off.add_argument("--left", type=float, required=True, metavar="MM",
                     help="jarak garis tegak dari tepi kiri, terukur")
    off.add_argument("--top", type=float, required=True, metavar="MM",
                     help="jarak garis mendatar dari tepi atas, terukur")
    off.set_defaults(func=cmd_certificate_offset)


def cmd_certificate_issue(args) -> int:
    from .. import certificates

    issued = iso_date(args.date, "--date") if args.date else dt.date.today()
    db = open_database(args)
    activities.get_activity(db, args.activity)
    plan = certificates.plan_issue(db, args.activity, issued)
    if plan.planned:
        print("Uji coba, nomor yang akan diberikan:" if args.dry_run else "Nomor yang diberikan:")
    for item in plan.planned:
        print(f"  {item.number}  {item.participant['name']}  {activities.format_jp(item.jp)} JP")
    for person, why in plan.refused:
        print(f"  Tidak diberi sertifikat: {person['name']}: {why}")
    if plan.already:
        print(f"  {len(plan.already)} peserta sudah memegang sertifikat kegiatan ini.")
    if args.dry_run:
        print(f"Uji coba: {len(plan.planned)} sertifikat akan diterbitkan. Tidak ada yang disimpan.")
        return EXIT_OK
    try:
        ids = certificates.issue(db, args.activity, issued)
    except KemitraanError as exc:
        exc.message += " Tidak ada sertifikat yang diterbitkan; nomor di atas belum terpakai."
        raise
    print(f"{len(ids)} sertifikat diterbitkan dan dicatat di register.")
    return EXIT_OK


def cmd_certificate_register(args) -> int:
    from .. import certificates

    out = Path(args.out)
    if out.suffix.lower() not in (".xlsx", ".pdf"):
        raise KemitraanUsage(f"Berkas register harus .xlsx atau .pdf: '{args.out}'")
    db = open_database(args)
    programs.get_program(db, args.program)
    if out.suffix.lower() == ".pdf":
        from ..documents.register import print_register
        print_register(db, args.program, out, sign_off=sign_off(args))
    else:
        from ..spreadsheets import export_register
        export_register(db, args.program, out)
    count = len(certificates.register(db, program_id=args.program))
    print(f"Register {count} sertifikat ditulis ke {out}")
    return EXIT_OK


def cmd_certificate_key(args) -> int:
    from .. import certificates

    db = open_database(args)
    if args.import_key:
        source = Path(args.import_key)
        text = args.import_key
        if source.is_file():  # at most a few KB read: a key is one short line
            lines = certificates.read_key_file(source)
            text = lines[0] if lines else ""
        if not (args.office or "").strip():
            raise KemitraanUsage("Tuliskan nama kantor pemilik kunci dengan --office.")
        office = certificates.clean_office_name(args.office)
        kid = certificates.import_public_key(db, text, office)
        print(f"Kunci {kid} ({office}) diimpor; sertifikatnya kini dapat diverifikasi.")
        return EXIT_OK
    text = certificates.public_key_text(db)
    if args.out:
        try:
            Path(args.out).write_text(f"{text}\n", encoding="utf-8")
        except OSError as exc:
            raise KemitraanUsage(f"Kunci tidak dapat ditulis ke '{args.out}': "
                                 f"{os_reason(exc)}") from None
        print(f"Kunci publik ditulis ke {args.out}")
    else:
        print(text)
    return EXIT_OK


def cmd_certificate_offset(args) -> int:
    from .. import certificates

    db = open_database(args)
    saved = certificates.printer_offset(db, args.printer)
    dx, dy = certificates.offset_from_measurement(args.left, args.top)
    new = (round(saved[0] + dx, 1), round(saved[1] + dy, 1))
    certificates.set_printer_offset(db, args.printer, *new)
    print(f"Geser printer {args.printer}: {new[0]:+g} mm ke kanan, {new[1]:+g} mm ke bawah.")
    return EXIT_OK


def cmd_certificate_verify(args) -> int:
    from .. import certificates

    db = open_database(args)
    result = certificates.verify(db, args.text)
    print(result.message)
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def cmd_certificate_void(args) -> int:
    from .. import certificates

    db = open_database(args)
    certificates.void(db, args.number, args.reason)
    print(f"Sertifikat {args.number} dibatalkan; nomornya tidak akan dipakai lagi.")
    return EXIT_OK
