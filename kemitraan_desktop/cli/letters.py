"""The `print` commands of `kemitraan` for the Surat Undangan, Surat Tugas, SK Kepala Dinas of an activity."""

from __future__ import annotations

from pathlib import Path

from .. import activities
from .common import EXIT_OK, KemitraanUsage, open_database, positive_id, sign_off

_COMMANDS = {  # command -> (kind, help, description)
    "invitation": ("undangan", "Surat Undangan ke sekolah peserta (PDF atau .docx)",
                   "Mencetak Surat Undangan kegiatan kepada kepala sekolah peserta, dengan "
                   "lampiran daftar peserta. Nomor surat diambil sekali dan dipakai lagi saat "
                   "dicetak ulang."),
    "assignment": ("tugas", "Surat Tugas peserta, panitia dan narasumber (PDF atau .docx)",
                   "Mencetak Surat Tugas kegiatan: satu surat dengan lampiran daftar nama, "
                   "atau satu surat per orang (--per-person)."),
    "decree": ("sk", "SK Kepala Dinas: pasangan, panitia, narasumber (PDF atau .docx)",
               "Mencetak Keputusan Kepala Dinas tentang penetapan pasangan inti - mitra - imbas "
               "(Lampiran I) serta panitia dan narasumber (Lampiran II) kegiatan."),
}


def letter_path(value: str) -> Path:
    path = Path(value)
    if path.suffix.lower() not in (".pdf", ".docx"):
        raise KemitraanUsage(f"Nama berkas tujuan harus berakhiran .pdf atau .docx: '{value}'")
    return path


def add_print_commands(rsub) -> None:
    """Add this module's documents to `kemitraan print`."""
    for command, (kind, help_text, description) in _COMMANDS.items():
        parser = rsub.add_parser(command, help=help_text, description=description)
        parser.add_argument("--activity", required=True, type=positive_id, metavar="ID")
        parser.add_argument("--out", required=True, metavar="FILE.pdf|FILE.docx",
                            help="berkas tujuan: .pdf untuk dicetak, .docx untuk disunting di Word")
        parser.add_argument("--paper", choices=("a4", "f4"), type=str.lower,
                            help="ukuran kertas (bawaan: pengaturan dinas)")
        parser.add_argument("--number", metavar="NOMOR",
                            help="nomor surat dari buku agenda (bawaan: nomor yang sudah diambil "
                                 "surat ini, atau nomor urut berikutnya)")
        if kind == "tugas":
            parser.add_argument("--per-person", action="store_true",
                                help="satu surat tugas per orang, masing-masing di halamannya")
            parser.add_argument("--who", choices=("peserta", "panitia", "narasumber", "semua"),
                                default="semua", help="siapa yang ditugaskan (bawaan: semua)")
        parser.add_argument("--date", metavar="YYYY-MM-DD",
                            help="tanggal surat (bawaan: tanggal saat nomornya diambil; surat "
                                 "baru: hari ini, atau seminggu sebelum kegiatan yang sudah "
                                 "lewat)")
        parser.add_argument("--place", metavar="TEMPAT",
                            help="tempat surat ditandatangani (bawaan: kota dinas di Pengaturan)")
        parser.add_argument("--draft", action="store_true",
                            help="PDF untuk diperiksa dulu: bertanda DRAF, nomornya belum "
                                 "dicatat di buku agenda")
        parser.set_defaults(func=cmd_print_letter, letter_kind=kind)


def cmd_print_letter(args) -> int:
    from .. import letters

    out = letter_path(args.out)
    options = sign_off(args)
    db = open_database(args)
    activities.get_activity(db, args.activity)
    letters.print_letter(db, args.activity, args.letter_kind, out, paper=args.paper,
                         sign_off=options, number=args.number,
                         per_person=getattr(args, "per_person", False),
                         who=getattr(args, "who", "semua"), draft=args.draft)
    if args.draft and out.suffix.lower() == ".pdf":
        print(f"Draf {letters.KINDS[args.letter_kind]} ditulis ke {out} (nomor belum dicatat)")
        return EXIT_OK
    number = letters.held_number(db, args.activity, args.letter_kind)
    print(f"{letters.KINDS[args.letter_kind]} nomor {number} ditulis ke {out}")
    return EXIT_OK
