"""The letter texts: each kind's named sections with their default wording (as a Dinas
writes them), the fields a text may name ({kegiatan}, {tanggal} ...), the office's edited
version kept in letter_templates, and filling a text with an activity's values."""

from __future__ import annotations

import json
import re

from ..errors import ValidationError

KINDS = {"undangan": "Surat Undangan", "tugas": "Surat Tugas", "sk": "SK Kepala Dinas"}

# name -> what the editor shows beside it
FIELDS = {
    "dinas": "nama dinas lengkap (Dinas Pendidikan Kota Pekalongan)",
    "kab_kota": "kabupaten/kota atau provinsi dinas (Kota Pekalongan)",
    "kota": "kota tempat surat ditandatangani (Pekalongan)",
    "kepala_dinas": "nama Kepala Dinas dengan gelar",
    "jabatan_kepala": "jabatan penanda tangan (Kepala Dinas Pendidikan Kota Pekalongan)",
    "program": "nama program dan tahunnya (Program Kemitraan Guru SMP Tahun 2018)",
    "tahun": "tahun program (2018)",
    "jenjang": "jenjang program (SMP)",
    "tingkat": "sebutan tingkat peserta (Guru Inti, Guru Mitra dan Guru Imbas)",
    "kegiatan": "nama kegiatan (On the Job Learning 1 Kota Pekalongan)",
    "jenis_kegiatan": "jenis kegiatan (OJL 1)",
    "tanggal": "tanggal kegiatan (9 s.d. 16 September 2018)",
    "hari_tanggal": "hari dan tanggal kegiatan (Minggu s.d. Minggu, 9 s.d. 16 September 2018)",
    "waktu": "jam mulai kegiatan (07.30 WIB s.d. selesai)",
    "tempat": "tempat kegiatan",
    "jumlah_peserta": "jumlah orang yang tercantum dalam lampiran (24)",
    "peran": "peran orang yang ditugaskan (peserta, panitia, narasumber)",
    "nomor_undangan": "nomor Surat Undangan kegiatan ini (titik-titik bila belum dicetak)",
    "tanggal_undangan": "tanggal Surat Undangan kegiatan ini",
    "nomor_sk": "nomor SK Kepala Dinas kegiatan ini (titik-titik bila belum dicetak)",
    "tanggal_surat": "tanggal surat ini (12 September 2018)",
    "tentang": "pokok SK Kepala Dinas (bagian Tentang), untuk butir Menimbang",
}

# kind -> section -> label in the editor, in the order the letter uses them
SECTIONS = {
    "undangan": {
        "sifat": "Sifat", "hal": "Hal", "tujuan": "Yth. (tujuan surat)",
        "pembuka": "Pembuka", "acara": "Acara (satu baris: keterangan : isi)",
        "isi": "Isi", "penutup": "Penutup", "tembusan": "Tembusan (satu baris satu tujuan)",
        "judul_lampiran": "Judul lampiran",
    },
    "tugas": {
        "dasar": "Dasar (satu baris satu butir)", "untuk": "Untuk (satu baris satu butir)",
        "penutup": "Penutup", "tembusan": "Tembusan (satu baris satu tujuan)",
        "judul_lampiran": "Judul lampiran",
    },
    "sk": {
        "tentang": "Tentang", "menimbang": "Menimbang (satu baris satu butir: a., b., ...)",
        "mengingat": "Mengingat (satu baris satu butir: 1., 2., ...)",
        "memutuskan": "Memutuskan (satu baris satu diktum: KESATU, KEDUA, ...)",
        "tembusan": "Tembusan (satu baris satu tujuan)",
        "judul_lampiran_1": "Judul Lampiran I", "judul_lampiran_2": "Judul Lampiran II",
    },
}

DEFAULTS = {
    "undangan": {
        "sifat": "Penting",
        "hal": "Undangan {kegiatan}",
        "tujuan": "Bapak/Ibu Kepala Sekolah peserta\n(daftar terlampir)",
        "pembuka": "Dalam rangka pelaksanaan {program}, {dinas} akan menyelenggarakan "
                   "{kegiatan} yang akan dilaksanakan pada:",
        "acara": "Hari, tanggal : {hari_tanggal}\nWaktu : {waktu}\nTempat : {tempat}",
        "isi": "Sehubungan dengan hal tersebut, kami mohon Bapak/Ibu berkenan menugaskan "
               "guru yang namanya tercantum dalam lampiran surat ini ({jumlah_peserta} orang) "
               "untuk mengikuti kegiatan dimaksud.",
        "penutup": "Demikian undangan ini kami sampaikan. Atas perhatian dan kerja sama "
                   "Bapak/Ibu, kami ucapkan terima kasih.",
        "tembusan": "Kepala Bidang Pembinaan Ketenagaan {dinas}\nArsip",
        "judul_lampiran": "Daftar Peserta {kegiatan}",
    },
    "tugas": {
        "dasar": "{program};\nSurat Kepala {dinas} Nomor {nomor_undangan} tanggal "
                 "{tanggal_undangan} perihal Undangan {kegiatan}.",
        "untuk": "Melaksanakan tugas sebagai {peran} pada {kegiatan} yang dilaksanakan pada "
                 "{hari_tanggal}, bertempat di {tempat};\n"
                 "Melaporkan hasil pelaksanaan tugas kepada Kepala {dinas}.",
        "penutup": "Demikian surat tugas ini dibuat untuk dilaksanakan dengan penuh tanggung "
                   "jawab.",
        "tembusan": "",
        "judul_lampiran": "Daftar Nama yang Ditugaskan pada {kegiatan}",
    },
    "sk": {
        "tentang": "Penetapan {tingkat}, Panitia dan Narasumber {kegiatan} {program}",
        "menimbang": "bahwa dalam rangka peningkatan dan pemerataan mutu guru dan tenaga "
                     "kependidikan melalui {program}, perlu ditetapkan pasangan {tingkat} "
                     "beserta panitia dan narasumber {kegiatan};\n"
                     "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu "
                     "menetapkan Keputusan Kepala {dinas} tentang {tentang};",
        "mengingat": "Undang-Undang Nomor 20 Tahun 2003 tentang Sistem Pendidikan Nasional;\n"
                     "Undang-Undang Nomor 14 Tahun 2005 tentang Guru dan Dosen;\n"
                     "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah "
                     "sebagaimana telah beberapa kali diubah, terakhir dengan Undang-Undang "
                     "Nomor 9 Tahun 2015;\n"
                     "Peraturan Pemerintah Nomor 74 Tahun 2008 tentang Guru sebagaimana telah "
                     "diubah dengan Peraturan Pemerintah Nomor 19 Tahun 2017;\n"
                     "Peraturan Menteri Negara Pendayagunaan Aparatur Negara dan Reformasi "
                     "Birokrasi Nomor 16 Tahun 2009 tentang Jabatan Fungsional Guru dan Angka "
                     "Kreditnya;\n"
                     "Peraturan Menteri Pendidikan Nasional Nomor 35 Tahun 2010 tentang "
                     "Petunjuk Teknis Pelaksanaan Jabatan Fungsional Guru dan Angka Kreditnya "
                     "(pengembangan keprofesian berkelanjutan);",
        "memutuskan": "Menetapkan pasangan {tingkat} {program} sebagaimana tercantum dalam "
                      "Lampiran I Keputusan ini;\n"
                      "Menetapkan Panitia dan Narasumber {kegiatan} sebagaimana tercantum "
                      "dalam Lampiran II Keputusan ini;\n"
                      "Yang namanya tercantum dalam lampiran Keputusan ini melaksanakan tugas "
                      "dengan penuh tanggung jawab dan melaporkan hasilnya kepada Kepala "
                      "{dinas};\n"
                      "Keputusan ini berlaku sejak tanggal ditetapkan, dengan ketentuan apabila "
                      "di kemudian hari terdapat kekeliruan akan diadakan perbaikan "
                      "sebagaimana mestinya.",
        "tembusan": "Kepala Bidang Pembinaan Ketenagaan {dinas}\n"
                    "Kepala Sekolah yang bersangkutan\nArsip",
        "judul_lampiran_1": "Daftar Pasangan {tingkat} {program}",
        "judul_lampiran_2": "Daftar Panitia dan Narasumber {kegiatan}",
    },
}

_FIELD = re.compile(r"\{([^{}]*)\}")


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValidationError(f"Jenis surat '{kind}' tidak dikenal; pilihannya: "
                              f"{', '.join(KINDS)}.")
    return kind


def check_text(kind: str, section: str, text: str) -> str:
    """A section's text as typed, checked: every {field} known, every brace paired. The
    message names the letter, the section and the field."""
    where = f"bagian '{SECTIONS[kind][section].split(' (')[0]}' {KINDS[kind]}"
    for match in _FIELD.finditer(text):
        if match[1] not in FIELDS:
            raise ValidationError(
                f"Isian {{{match[1]}}} di {where} tidak dikenal. Isian yang dapat dipakai: "
                + ", ".join("{" + name + "}" for name in FIELDS) + ".")
    rest = _FIELD.sub("", text)
    if "{" in rest or "}" in rest:
        raise ValidationError(f"Tanda kurung kurawal di {where} tidak berpasangan: setiap isian "
                              "ditulis lengkap, misalnya {kegiatan}.")
    return text


def load_template(db, kind: str) -> dict[str, str]:
    """The kind's sections in order: the office's edited text where it saved one, else
    the default."""
    sections = dict(DEFAULTS[_kind(kind)])
    row = db.execute("SELECT body FROM letter_templates WHERE kind = ?", [kind]).fetchone()
    if row:
        try:
            saved = json.loads(row[0])
        except ValueError:
            saved = {}
        for name, text in (saved.items() if isinstance(saved, dict) else ()):
            if name in sections and isinstance(text, str):
                sections[name] = text
    return sections


def template_edited(db, kind: str) -> bool:
    """True when the office keeps its own wording for this kind."""
    return db.execute("SELECT 1 FROM letter_templates WHERE kind = ?",
                      [_kind(kind)]).fetchone() is not None


def save_template(db, kind: str, sections: dict[str, str]) -> dict[str, str]:
    """Keep the office's wording of `sections` (the rest keep theirs). Nothing is stored
    when one section names an unknown field or has a broken brace (ValidationError)."""
    current = load_template(db, kind)
    for name, text in sections.items():
        if name not in SECTIONS[kind]:
            raise ValidationError(f"Bagian '{name}' tidak ada di {KINDS[kind]}; bagiannya: "
                                  f"{', '.join(SECTIONS[kind])}.")
        current[name] = check_text(kind, name, str(text or "").replace("\r\n", "\n").strip())
    with db.atomic():
        db.execute("INSERT INTO letter_templates (kind, body) VALUES (?, ?) ON CONFLICT (kind) "
                   "DO UPDATE SET body = excluded.body, updated_at = strftime("
                   "'%Y-%m-%dT%H:%M:%S', 'now', 'localtime')",
                   [kind, json.dumps(current, ensure_ascii=False)])
    return current


def reset_template(db, kind: str) -> dict[str, str]:
    """Back to the default wording; returns it."""
    with db.atomic():
        db.execute("DELETE FROM letter_templates WHERE kind = ?", [_kind(kind)])
    return dict(DEFAULTS[kind])


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with each {field} replaced by its value (an unknown one stays as written,
    which check_text refuses before it is stored)."""
    return _FIELD.sub(lambda m: values.get(m[1], m[0]), text)


def lines(text: str) -> list[str]:
    """A section's non-empty lines: the items of a list section."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
