"""The data-safety commands of `kemitraan`: init, check, backup, restore, forget, history
and the self-test of the core."""

from __future__ import annotations

import argparse
import json

from .. import (
    backups,
    db_files,
    demo,
    demo_partner,
    forgetting,
    history,
    people,
    programs,
    selftest,
    soundness,
    store,
)
from ..indonesia import format_thousands
from .common import EXIT_OK, EXIT_PROBLEMS, KemitraanUsage, confirmed, open_database, positive_id


def add_commands(sub) -> None:
    """`kemitraan init|check|backup|restore|forget|history|selftest`."""
    init = sub.add_parser("init", help="buat atau perbarui basis data",
                          description="Membuat basis data (atau menerapkan migrasi yang tertunda).")
    init.add_argument("--demo", action="store_true",
                      help="isi dengan data demo putaran OJL Kota Pekalongan 2018")
    init.add_argument("--yes", action="store_true",
                      help="tanpa pertanyaan (berkas kosong 0 byte dijadikan basis data baru)")
    init.set_defaults(func=cmd_init)

    restore = sub.add_parser("restore", help="pulihkan basis data dari cadangan",
                             description="Menampilkan isi cadangan, mencadangkan basis data sekarang, "
                                         "lalu menggantinya dengan isi cadangan.")
    restore.add_argument("file", metavar="FILE", help="berkas cadangan .db")
    restore.add_argument("--yes", action="store_true", help="tanpa pertanyaan")
    restore.set_defaults(func=cmd_restore)

    check = sub.add_parser("check", help="periksa keutuhan basis data",
                           description="Memeriksa apakah berkas basis data utuh dan setiap data "
                                       "merujuk ke data yang ada (misalnya sekolah setiap guru).")
    check.set_defaults(func=cmd_check)

    backup = sub.add_parser("backup", help="buat cadangan basis data",
                            description="Membuat salinan basis data yang aman walau aplikasi "
                                        "sedang terbuka, lalu memeriksa salinannya.")
    backup.add_argument("--to", metavar="FILE",
                        help="berkas .db baru, atau folder (misalnya flash disk) yang akan diberi "
                             "berkas bertanggal (bawaan: folder 'cadangan' di samping basis data)")
    backup.set_defaults(func=cmd_backup)

    forget = sub.add_parser("forget", help="hapus seorang guru seluruhnya (data pribadi)",
                            description="Menghapus seorang guru dari daftar, dari program dan kegiatan "
                                        "(dengan kehadirannya), dan dari riwayat perubahan. Ditolak bila "
                                        "ia memegang sertifikat di register.")
    forget.add_argument("person", metavar="NUPTK_OR_NIP")
    forget.add_argument("--yes", action="store_true", help="tanpa pertanyaan")
    forget.set_defaults(func=cmd_forget)
    hist = sub.add_parser("history", help="riwayat perubahan seorang guru atau sebuah program",
                          description="Setiap perubahan data guru, peserta, pasangan, kehadiran dan "
                                      "sertifikat: kapan, apa, sebelum dan sesudah.")
    who = hist.add_mutually_exclusive_group(required=True)
    who.add_argument("--person", metavar="NUPTK_OR_NIP")
    who.add_argument("--program", type=positive_id, metavar="ID")
    hist.add_argument("--limit", type=int, default=200, metavar="N", help="paling banyak N baris (bawaan 200)")
    hist.add_argument("--json", action="store_true", help="keluaran JSON dengan data sebelum dan sesudah")
    hist.set_defaults(func=cmd_history)
    st = sub.add_parser("selftest", help="uji diri salinan ini (folder sementara), hasil JSON",
                        description="Membuat basis data demo di folder sementara, memeriksa FTS5, "
                                    "mengimpor contoh daftar guru, mencetak satu dari tiap dokumen "
                                    "dan menulis tiap lembar kerja. Keluar 0 bila semua lulus. "
                                    "Jendela aplikasi diuji oleh KemitraanDesktop --selftest.")
    st.add_argument("--out", metavar="FILE.json", help="tulis hasilnya juga ke berkas ini")
    # Once it meant "without the window"; the command never opens one now. Kept for scripts.
    st.add_argument("--no-window", action="store_true", help=argparse.SUPPRESS)
    st.set_defaults(func=cmd_selftest, out_kind="text")


def cmd_init(args) -> int:
    path = db_files.resolve_db_path(args.db)
    empty = path.is_file() and path.stat().st_size == 0
    if empty and not confirmed(args, f"Berkas '{path}' ada tetapi kosong (0 byte). Jadikan "
                                "basis data baru? Bila isinya hilang, pulihkan dari cadangan "
                                "saja. Ketik YA untuk membuat baru: ", "membuat basis data baru "
                                "di berkas kosong itu"):
        return EXIT_PROBLEMS
    db = open_database(args, create=True, empty_ok=empty, verify=True)  # never 'siap' if damaged
    print(f"Basis data siap: {store.db_file(db)}")
    if args.demo:
        added = demo.load_demo(db, follow_up=True)
        demo_partner.load_partner(db)
        print(f"Data demo dimuat: {added} orang ditambahkan "
              f"({format_thousands(people.count_people(db))} orang di daftar).")
    return EXIT_OK


def cmd_check(args) -> int:
    db = open_database(args, verify=False)
    problems = store.check(db)
    if problems:
        path = store.db_file(db)
        damaged = soundness.damage(db)
        if damaged:
            print(soundness.damaged_message(path, damaged))
            return EXIT_PROBLEMS
        for problem in problems:
            print(problem)
        print(f"Basis data bermasalah: {len(problems)} temuan. {soundness.restore_advice(path)}")
        return EXIT_PROBLEMS
    print(f"Basis data sehat: {store.db_file(db)} "
          f"({format_thousands(people.count_people(db))} orang).")
    return EXIT_OK


def cmd_backup(args) -> int:
    db = open_database(args)
    if getattr(db, "read_only_reason", None) and not args.to:  # its cadangan is on the share too
        raise KemitraanUsage("Basis data ini hanya dibaca di tempatnya (folder jaringan, flash disk "
                             "atau folder hanya-baca); cadangannya tidak ditulis ke sana. Pilih "
                             "tujuan di komputer ini: kemitraan backup --to FOLDER")
    dest = store.backup(db, args.to)
    print(f"Cadangan dibuat dan diperiksa: {dest}")
    return EXIT_OK


def cmd_restore(args) -> int:
    summary = backups.inspect_backup(args.file)
    print(f"Cadangan {summary.path}")
    print(f"  disimpan       : {summary.saved:%d-%m-%Y %H.%M}")
    if summary.last_change:
        print(f"  perubahan akhir: {summary.last_change.replace('T', ' ')}")
    print(f"  isi            : {format_thousands(summary.people)} guru, {summary.programs} program, "
          f"{summary.activities} kegiatan, {format_thousands(summary.certificates)} sertifikat")
    if summary.office:
        print(f"  kantor         : {summary.office}")
    db = open_database(args, verify=False)  # a damaged database is what a restore is for
    damaged = bool(soundness.damage(db))
    count = "rusak" if damaged else f"{format_thousands(people.count_people(db))} guru"
    print(f"Basis data sekarang ({store.db_file(db)}): {count} "
          f"- akan DIGANTI seluruhnya dengan isi cadangan (dicadangkan dulu).")
    other = backups.other_office(summary, db)
    if other:
        print(f"PERHATIAN: {other}")
    if not confirmed(args, "Ketik YA untuk memulihkan: ", "memulihkan"):
        return EXIT_PROBLEMS
    _summary, safety = backups.restore(db, args.file)
    print(f"Dipulihkan. Isi sebelumnya dicadangkan ke {safety}")
    return EXIT_OK


def cmd_forget(args) -> int:
    db = open_database(args)
    found = people.find_by_id_number(db, args.person)
    if found is None:  # deleted from the roster already: their trail may remain
        person_id = history.person_for_id_number(db, args.person)
        found = {"id": person_id, "name": forgetting.remembered(db, person_id)["name"]}
    if not confirmed(args, f"Hapus {found['name']} seluruhnya, termasuk riwayatnya? Ketik YA: ",
                      "menghapus"):
        return EXIT_PROBLEMS
    result = forgetting.forget(db, found["id"])
    print(f"{result['name']} dihapus seluruhnya: {result['programs']} keikutsertaan program, "
          f"{result['history']} baris riwayat. Cadangan lama masih memuatnya sampai terhapus oleh "
          "rotasi (7 harian, 4 mingguan) atau dihapus manual dari folder cadangan.")
    return EXIT_OK


def cmd_history(args) -> int:
    db = open_database(args)
    if args.person:
        person_id = history.person_for_id_number(db, args.person)
        found = history.entries(db, person_id=person_id, limit=args.limit)
    else:
        programs.get_program(db, args.program)
        found = history.entries(db, program_id=args.program, limit=args.limit)
    if args.json:
        def private(record):  # the NIK stays out, as in every export
            return {k: v for k, v in record.items() if k != "nik"} if record else record
        print(json.dumps([{"at": e.at.isoformat(), "who": e.who, "entity": e.entity, "action": e.action,
                           "text": e.text, "before": private(e.before), "after": private(e.after)}
                          for e in found], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not found:
        print("Belum ada perubahan tercatat.")
    for entry in found:
        who = f"{entry.who}: " if args.program and entry.who else ""
        print(f"{entry.when:<26} {who}{entry.text}")
    return EXIT_OK


def cmd_selftest(args) -> int:
    """The core's self-test; the window and QtPdf are the app's own (`KemitraanDesktop
    --selftest`, in ui/app.py), so this command needs no Qt."""
    return selftest.report(selftest.run(), args.out)
