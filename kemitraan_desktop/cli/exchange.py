"""`kemitraan office ...` (the office's profile and identity) and `kemitraan exchange ...`
(signed files between partner offices)."""

from __future__ import annotations

import json

from .. import exchange, office, regions
from ..errors import ValidationError
from .common import EXIT_OK, EXIT_PROBLEMS, Parser, confirmed, open_database, positive_id


def add_commands(sub) -> None:
    off = sub.add_parser("office", help="identitas kantor ini",
                         description="Identitas kantor: nama, pemerintah daerah, wilayah, alamat, "
                                     "kota; dipakai untuk kop surat dan pertukaran data.")
    osub = off.add_subparsers(dest="office_command", metavar="PERINTAH", parser_class=Parser)
    osub.required = True
    show = osub.add_parser("show", help="tampilkan identitas kantor")
    show.add_argument("--json", action="store_true", help="keluaran JSON")
    show.set_defaults(func=cmd_office_show)
    put = osub.add_parser("set", help="ubah identitas kantor")
    put.add_argument("--name", metavar="TEXT", help='nama dinas, mis. "DINAS PENDIDIKAN"')
    put.add_argument("--government", metavar="TEXT",
                     help='pemerintah daerah, mis. "PEMERINTAH KABUPATEN GORONTALO"')
    put.add_argument("--region", metavar="KODE", help="kode wilayah kantor (kab/kota atau provinsi)")
    put.add_argument("--address", metavar="TEXT")
    put.add_argument("--city", metavar="TEXT", help="kota untuk tanggal surat, mis. Limboto")
    put.set_defaults(func=cmd_office_set)

    ex = sub.add_parser("exchange", help="bertukar data dengan kantor lain",
                        description="Berkas .kemitraan bertanda tangan antara kantor program "
                                    "yang sama, tanpa internet (flash disk, surel, WhatsApp).")
    esub = ex.add_subparsers(dest="exchange_command", metavar="PERINTAH", parser_class=Parser)
    esub.required = True
    exp = esub.add_parser("export", help="tulis perubahan sejak berkas terakhir ke berkas .kemitraan")
    exp.add_argument("--out", required=True, metavar="FILE.kemitraan")
    exp.add_argument("--program", type=positive_id, metavar="ID", action="append",
                     help="hanya program ini (boleh diulang)")
    exp.add_argument("--to", metavar="KANTOR", help="kantor tujuan (nama atau sidik kunci)")
    exp.add_argument("--full", action="store_true", help="semua data, bukan hanya perubahan")
    exp.set_defaults(func=cmd_export)
    tr = esub.add_parser("trust", help="percayai kantor pengirim berkas ini")
    tr.add_argument("file", metavar="FILE.kemitraan")
    tr.add_argument("--yes", action="store_true", help="tanpa pertanyaan")
    tr.set_defaults(func=cmd_trust)
    imp = esub.add_parser("import", help="terima berkas .kemitraan dari kantor lain",
                          description="Kode keluar: 0 diterima atau tidak ada yang baru; 1 ditolak "
                                      "(tidak ada yang diubah); 2 berkas tidak dapat dibaca.")
    imp.add_argument("file", metavar="FILE.kemitraan")
    imp.add_argument("--dry-run", action="store_true", help="periksa saja, tidak menyimpan")
    imp.add_argument("--json", action="store_true", help="keluaran JSON")
    imp.set_defaults(func=cmd_import)
    lg = esub.add_parser("log", help="berkas yang dikirim dan diterima")
    lg.add_argument("--json", action="store_true", help="keluaran JSON")
    lg.set_defaults(func=cmd_log)
    pr = esub.add_parser("proposals", help="usulan perubahan dari kantor lain atas data kantor ini")
    choice = pr.add_mutually_exclusive_group()
    choice.add_argument("--accept", type=positive_id, metavar="ID")
    choice.add_argument("--refuse", type=positive_id, metavar="ID")
    pr.add_argument("--json", action="store_true", help="keluaran JSON")
    pr.set_defaults(func=cmd_proposals)


def cmd_office_show(args) -> int:
    db = open_database(args)
    profile = office.load_profile(db)
    shown = {"kantor": profile.name, "pemerintah": profile.government, "wilayah": profile.region,
             "alamat": profile.address, "kota": profile.city,
             "sidik_kunci": exchange.package.spoken(exchange.office_id(db))}
    if args.json:
        print(json.dumps(shown, ensure_ascii=False, indent=1))
    else:
        for key, value in shown.items():
            print(f"{key.replace('_', ' ').capitalize():12} {value or '-'}")
    return EXIT_OK


def cmd_office_set(args) -> int:
    db = open_database(args)
    profile = office.load_profile(db)
    if args.region:
        region = next((r for r in regions.all_regions() if r.code == args.region), None)
        if region is None:
            raise ValidationError(f"Kode wilayah '{args.region}' tidak dikenal (mis. 75.01 untuk "
                                  "Kabupaten Gorontalo, 75 untuk Provinsi Gorontalo).")
        name = region.name if region.kind != "provinsi" else f"Provinsi {region.name}"
        profile.government = args.government or f"PEMERINTAH {name}".upper()
    for key in ("name", "government", "address", "city"):
        value = getattr(args, key)
        if value is not None:
            setattr(profile, key, value)
    office.save_profile(db, profile)
    print(f"Identitas kantor tersimpan: {profile.name} {profile.region}".strip())
    return EXIT_OK


def cmd_export(args) -> int:
    db = open_database(args)
    sent = exchange.export(db, args.out, to=args.to, program_ids=args.program, full=args.full)
    total = {k: sum(v[k] for v in sent.counts.values()) for k in ("baru", "berubah", "dihapus")}
    what = "semua data" if sent.full else "perubahan sejak berkas sebelumnya"
    print(f"Berkas no. {sent.seq} ditulis ke {sent.path} ({sent.size / 1024:.0f} KB, {what}): "
          f"{total['baru']} baru, {total['berubah']} berubah, {total['dihapus']} dihapus.")
    return EXIT_OK


def cmd_trust(args) -> int:
    db = open_database(args)
    sender = exchange.sender(db, args.file)
    print(f"Pengirim: {sender['office_name']}\nSidik kunci: {sender['spoken']}\n"
          "Bandingkan sidik kunci ini dengan kantor pengirim lewat telepon.")
    if not confirmed(args, "Percayai kantor ini? Ketik YA: ", "mempercayai kantor pengirim"):
        return EXIT_PROBLEMS
    trusted = exchange.trust(db, args.file)
    print(f"{trusted['name']} dipercaya; berkas dan sertifikatnya kini diterima di sini.")
    return EXIT_OK


def cmd_import(args) -> int:
    db = open_database(args)
    result = exchange.receive(db, args.file, dry_run=args.dry_run)
    if args.json:
        print(json.dumps({"office": result.name, "seq": result.seq, "applied": result.applied,
                          "already": result.already, "counts": result.counts,
                          "proposals": result.proposals, "conflicts": result.conflicts,
                          "aliases": result.aliases}, ensure_ascii=False, indent=1, default=str))
    else:
        print(result.summary())
        for conflict in result.conflicts[:20]:
            print(f"  {conflict.get('table')}: {conflict.get('what')}"
                  + (f" ({conflict.get('field')}: "
                     + (f"di sini '{conflict.get('ours')}', " if conflict.get("ours") is not None
                        else "") + f"kiriman '{conflict.get('theirs')}')"
                     if conflict.get("field") else ""))
    return EXIT_OK


def cmd_log(args) -> int:
    db = open_database(args)
    rows = exchange.log(db)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return EXIT_OK
    for row in rows:
        total = sum(v.get("baru", 0) + v.get("berubah", 0) + v.get("dihapus", 0)
                    for v in row["counts"].values())
        arrow = "dikirim ke" if row["direction"] == "kirim" else "diterima dari"
        print(f"{row['at']}  no. {row['seq']} {arrow} {row['office']}: {total} perubahan, "
              f"{len(row['conflicts'])} perbedaan  ({row['file']})")
    if not rows:
        print("Belum ada berkas yang dikirim atau diterima.")
    return EXIT_OK


def cmd_proposals(args) -> int:
    db = open_database(args)
    if args.accept or args.refuse:
        decided = exchange.decide(db, args.accept or args.refuse, accept=bool(args.accept))
        print(f"Usulan no. {decided['id']} {decided['status']}.")
        return EXIT_OK
    rows = exchange.proposals(db)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return EXIT_OK
    for row in rows:
        ours = "(kosong)" if row["ours"] in (None, "") else f"'{row['ours']}'"
        print(f"{row['id']:>4}  {row['office']}: {row['field']} di sini {ours}, "
              f"usulan '{row['theirs']}'")
    if not rows:
        print("Tidak ada usulan yang menunggu.")
    return EXIT_OK
