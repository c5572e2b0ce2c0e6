"""The laporan kegiatan's own content: the sections the office types (with the defaults a
Dinas would write, built from the activity) and the activity's photos, scaled down once
when they are added."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from . import activities, office, photos, programs
from . import indonesia as ind
from .errors import InputFileError, NotFoundError, ValidationError, os_reason

# Section key -> its label in the app (and the heading it prints under).
SECTIONS = {
    "kata_pengantar": "Kata Pengantar",
    "latar_belakang": "Latar Belakang",
    "tujuan": "Tujuan",
    "dasar": "Dasar Pelaksanaan",
    "hasil": "Hasil Kegiatan",
    "rencana_tindak_lanjut": "Rencana Tindak Lanjut",
    "penutup": "Penutup",
}
OPTIONAL = frozenset({"kata_pengantar"})  # saved empty: the report goes without it
MAX_TEXT = 20_000

PHOTO_LONG_SIDE = 1600
PHOTO_QUALITY = 80
PHOTO_MAX_PIXELS = photos.MAX_PIXELS
PHOTO_MAX_BYTES = 40_000_000
MAX_CAPTION = 200


# ---------------------------------------------------------------- texts

def load_texts(db: Database, activity_id: int) -> dict[str, str]:
    """Every section's text in SECTIONS' order: what the office typed, else the default
    written from the activity (see typed_sections for which is which). An optional section
    the office emptied is ''."""
    typed = _typed(db, activity_id)
    defaults = default_texts(db, activity_id)
    return {key: typed.get(key, defaults[key]) for key in SECTIONS}


def typed_sections(db: Database, activity_id: int) -> set[str]:
    """The sections the office typed itself; the others still carry the app's default,
    which the app marks for the office to read and adjust."""
    return set(_typed(db, activity_id))


def _typed(db: Database, activity_id: int) -> dict[str, str]:
    return {key: text for key, text in db.execute(
        "SELECT section, text FROM activity_report_texts WHERE activity_id = ?", [activity_id])
        if key in SECTIONS}


def save_texts(db: Database, activity_id: int, texts: dict[str, str]) -> None:
    """Store the typed sections in one transaction. A text equal to the default is not
    stored (it stays the default and follows the activity's changes); an optional section
    may be empty (left out of the report), the others may not."""
    activities.get_activity(db, activity_id)
    unknown = [key for key in texts if key not in SECTIONS]
    if unknown:
        raise ValidationError(f"Bagian laporan '{unknown[0]}' tidak dikenal.")
    defaults = default_texts(db, activity_id)
    cleaned = {}
    for key, text in texts.items():
        text = "\n".join(line.rstrip() for line in str(text or "").strip().splitlines())
        if not text and key not in OPTIONAL:
            raise ValidationError(f"Bagian '{SECTIONS[key]}' laporan kegiatan tidak boleh kosong; "
                                  "pakai Kembalikan teks bawaan bila ingin teks dari aplikasi.")
        if len(text) > MAX_TEXT:
            raise ValidationError(f"Bagian '{SECTIONS[key]}' terlalu panjang ({len(text)} huruf; "
                                  f"paling banyak {MAX_TEXT}).")
        cleaned[key] = text
    with db.atomic():
        for key, text in cleaned.items():
            if text == defaults[key]:
                db.execute("DELETE FROM activity_report_texts WHERE activity_id = ? AND section = ?",
                           [activity_id, key])
                continue
            db.execute("INSERT INTO activity_report_texts (activity_id, section, text) VALUES "
                       "(?, ?, ?) ON CONFLICT (activity_id, section) DO UPDATE SET "
                       "text = excluded.text, updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', "
                       "'localtime')", [activity_id, key, text])


def reset_text(db: Database, activity_id: int, section: str) -> str:
    """Forget what the office typed for `section`; returns the default it goes back to."""
    if section not in SECTIONS:
        raise ValidationError(f"Bagian laporan '{section}' tidak dikenal.")
    with db.atomic():
        db.execute("DELETE FROM activity_report_texts WHERE activity_id = ? AND section = ?",
                   [activity_id, section])
    return default_texts(db, activity_id)[section]


def default_texts(db: Database, activity_id: int) -> dict[str, str]:
    """The texts a Dinas would write for this activity before adjusting them."""
    activity = activities.get_activity(db, activity_id)
    program = programs.get_program(db, activity.program_id)
    profile = office.load_profile(db)
    return _Defaults(activity, program, profile,
                     activities.region_name(db, activity.region_code)).texts()


class _Defaults:
    """The default sections, in the wording of real reports of a Dinas Pendidikan."""

    def __init__(self, activity, program, profile, city: str):
        self.a, self.p = activity, program
        region = profile.region or city
        self.office = " ".join(part for part in (
            (profile.name or "Dinas Pendidikan").title().replace("Dan ", "dan "), region) if part)
        self.dates = ind.format_date_range(activity.start, activity.end)
        self.place = ", ".join(part for part in (activity.venue, city) if part and (
            part == activity.venue or city.casefold() not in activity.venue.casefold()))
        self.top, self.mid = program.label(1), program.label(2)
        self.low = program.label(3) if program.tiers >= 3 else ""
        subjects = (", ".join(program.subjects[:-1]) + f" dan {program.subjects[-1]}"
                    if len(program.subjects) > 1 else "".join(program.subjects))
        self.who = (f"{programs.KINDS.get(program.kind, 'Guru').lower()} {program.jenjang}"
                    + (f" mata pelajaran {subjects}" if subjects and program.kind == "guru" else ""))

    def texts(self) -> dict[str, str]:
        return {"kata_pengantar": self.kata_pengantar(), "latar_belakang": self.latar_belakang(),
                "tujuan": self.tujuan(), "dasar": self.dasar(), "hasil": self.hasil(),
                "rencana_tindak_lanjut": self.rtl(), "penutup": self.penutup()}

    def kata_pengantar(self) -> str:
        return (
            "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa karena atas rahmat dan "
            f"karunia-Nya kegiatan {self.a.title} dalam rangka {self.p.name} Tahun {self.p.year} "
            f"telah terlaksana pada tanggal {self.dates} dan laporannya dapat kami susun.\n"
            "Laporan ini memuat pendahuluan, pelaksanaan kegiatan (waktu dan tempat, jadwal, "
            "peserta dan kehadiran), hasil kegiatan, rencana tindak lanjut, serta lampiran "
            "rekapitulasi daftar hadir, sertifikat yang diterbitkan dan dokumentasi kegiatan.\n"
            "Kami menyampaikan terima kasih kepada para narasumber, sekolah tuan rumah, panitia "
            "dan seluruh peserta atas kerja samanya. Semoga laporan ini bermanfaat bagi "
            "peningkatan mutu pendidik di daerah kita.")

    def latar_belakang(self) -> str:
        kind = {
            "ojl1": (f"Pada tahap On the Job Learning (OJL) 1, {self.mid} dari daerah mitra "
                     f"berkunjung ke daerah dan sekolah {self.top} untuk mengamati pembelajaran, "
                     "mendiskusikan Rencana Pelaksanaan Pembelajaran (RPP), menyusun bahan ajar "
                     "dan menyusun rencana aksi bersama pasangannya."),
            "ojl2": (f"Pada tahap On the Job Learning (OJL) 2, {self.top} berkunjung ke daerah "
                     f"{self.mid} untuk mendampingi penerapan rencana aksi di sekolah"
                     + (f" dan mengimbaskan praktik baik kepada {self.low} melalui forum MGMP."
                        if self.low else ".")),
            "workshop": ("Workshop orientasi membekali para peserta dengan bimbingan teknis "
                         "program, memperkenalkan setiap pasangan dan menyusun rencana bersama "
                         "untuk tahap On the Job Learning."),
            "evaluasi": ("Workshop dan evaluasi menghimpun hasil seluruh tahapan program, "
                         "praktik baik yang telah diimbaskan dan kendala yang dihadapi, sebagai "
                         "bahan perbaikan program berikutnya."),
            "rakor": ("Rapat koordinasi menyepakati calon peserta, pembagian tugas antarinstansi "
                      "dan jadwal pelaksanaan program."),
            "pendampingan": ("Pendampingan memastikan rencana aksi yang disusun peserta benar-benar "
                             "diterapkan di sekolah dan diimbaskan kepada rekan sejawat."),
        }.get(self.a.kind, "")
        return (
            "Mutu pendidikan sangat ditentukan oleh mutu guru dan tenaga kependidikan (GTK). "
            "Hasil Uji Kompetensi Guru (UKG) dan capaian mutu pendidikan menunjukkan kesenjangan "
            "yang masih lebar antardaerah. Untuk mempersempit kesenjangan tersebut, Direktorat "
            "Jenderal Guru dan Tenaga Kependidikan menyelenggarakan Program Peningkatan dan "
            "Pemerataan Mutu GTK melalui Kemitraan, yang memasangkan pendidik dari daerah dengan "
            "mutu pendidikan tinggi dengan pendidik dari daerah yang mutunya masih perlu "
            "ditingkatkan, sehingga praktik baik pembelajaran menyebar.\n"
            f"Dalam rangka {self.p.name} Tahun {self.p.year}, {self.office} melaksanakan kegiatan "
            f"{self.a.title} bagi {self.who}. {kind}".strip())

    def tujuan(self) -> str:
        goals = [f"meningkatkan kompetensi pedagogik dan profesional {self.who} melalui "
                 "kemitraan antarpendidik dan antardaerah"]
        goals += {
            "ojl1": [f"memberi pengalaman langsung kepada {self.mid} tentang praktik baik "
                     f"pembelajaran di sekolah {self.top}",
                     "menghasilkan RPP, bahan ajar dan rencana aksi yang siap diterapkan di "
                     "sekolah asal peserta"],
            "ojl2": [f"mendampingi {self.mid} menerapkan rencana aksi di sekolahnya",
                     f"mengimbaskan praktik baik kepada {self.low or 'rekan sejawat'} melalui MGMP"],
            "workshop": ["memberikan pemahaman yang sama tentang tujuan, tahapan dan tugas setiap "
                         "peserta program", "menyusun rencana kerja setiap pasangan"],
            "evaluasi": ["mengevaluasi pelaksanaan dan hasil program",
                         "merumuskan rekomendasi bagi keberlanjutan program"],
        }.get(self.a.kind, ["menyebarkan praktik baik pembelajaran kepada rekan sejawat"])
        lines = "\n".join(f"{n}. {goal[0].upper()}{goal[1:]};" for n, goal in enumerate(goals, 1))
        return "Kegiatan ini bertujuan untuk:\n" + lines[:-1] + "."

    def dasar(self) -> str:
        items = [
            "Undang-Undang Nomor 20 Tahun 2003 tentang Sistem Pendidikan Nasional",
            "Undang-Undang Nomor 14 Tahun 2005 tentang Guru dan Dosen",
            "Peraturan Pemerintah Nomor 19 Tahun 2017 tentang Perubahan atas Peraturan "
            "Pemerintah Nomor 74 Tahun 2008 tentang Guru",
            f"Pedoman Pelaksanaan {self.p.name} Tahun {self.p.year} dari Direktorat Jenderal "
            "Guru dan Tenaga Kependidikan",
            f"Dokumen Pelaksanaan Anggaran (DPA) {self.office} Tahun Anggaran {self.p.year}",
        ]
        return "\n".join(f"{n}. {item};" for n, item in enumerate(items, 1))[:-1] + "."

    def hasil(self) -> str:
        results = {
            "ojl1": [f"{self.mid} mengamati langsung pembelajaran {self.top} di sekolah tuan rumah "
                     "dan mendiskusikan hasil observasi bersama",
                     "Setiap pasangan menelaah dan memperbaiki RPP serta menyusun bahan ajar",
                     f"Setiap {self.mid} menyusun rencana aksi (rencana tindak lanjut) untuk "
                     "diterapkan di sekolah asalnya dan dibahas pada OJL 2"],
            "ojl2": [f"{self.top} mengamati dan mendampingi penerapan rencana aksi di sekolah "
                     f"{self.mid}",
                     f"Praktik baik diimbaskan kepada {self.low or 'rekan sejawat'} melalui MGMP"],
        }.get(self.a.kind, ["Peserta memperoleh pemahaman yang sama tentang program dan tugasnya",
                            "Setiap pasangan menyusun rencana kerja untuk tahap berikutnya"])
        lines = "\n".join(f"{n}. {r};" for n, r in enumerate(results, 1))[:-1] + "."
        return ("Kegiatan berlangsung sesuai jadwal dengan hasil sebagai berikut:\n" + lines
                + "\nRincian kehadiran dan sertifikat yang diterbitkan tercantum pada Bab II "
                "dan lampiran laporan ini.")

    def rtl(self) -> str:
        steps = {
            "ojl1": [f"{self.mid} menerapkan rencana aksi di sekolah masing-masing dan "
                     "mengimbaskannya kepada rekan sejawat",
                     f"{self.top} mendampingi pasangannya dari jarak jauh melalui surel, pesan "
                     "singkat dan telepon",
                     "Dinas Pendidikan menyiapkan pelaksanaan OJL 2 bersama dinas mitra"],
            "ojl2": [f"{self.mid} melanjutkan pendampingan kepada {self.low or 'rekan sejawat'} "
                     "selama kurang lebih empat bulan",
                     f"{self.top} tetap mendampingi pasangannya dari jarak jauh"],
        }.get(self.a.kind, ["Peserta melaksanakan rencana kerja yang telah disusun"])
        steps.append("Dinas Pendidikan melakukan monitoring dan evaluasi pelaksanaan rencana "
                     "tindak lanjut")
        return "\n".join(f"{n}. {s};" for n, s in enumerate(steps, 1))[:-1] + "."

    def penutup(self) -> str:
        return (f"Demikian laporan pelaksanaan kegiatan {self.a.title} ini kami susun sebagai "
                "bentuk pertanggungjawaban dan bahan evaluasi. Kami menyampaikan terima kasih "
                "kepada semua pihak yang telah mendukung terlaksananya kegiatan ini. Semoga "
                "kegiatan ini memberi manfaat nyata bagi peningkatan mutu pembelajaran.")


_ITEM = re.compile(r"^\s*((?:\d{1,2}|[a-z])[.)]|[-\u2022])\s+(.*)$")


def text_blocks(text: str) -> list[tuple[str, str]]:
    """A typed text as printable blocks: (marker, text) where marker is '' for a paragraph
    and `1.`, `a.`, `-` for a list item (printed with a hanging indent)."""
    blocks = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        found = _ITEM.match(line)
        blocks.append((found.group(1), found.group(2).strip()) if found else ("", line.strip()))
    return blocks


# ---------------------------------------------------------------- photos

@dataclass(frozen=True)
class Photo:
    id: int
    position: int
    caption: str
    jpeg: bytes
    width: int
    height: int


def add_photo(db: Database, activity_id: int, path: str | os.PathLike, caption: str = "") -> int:
    """Store a JPEG or PNG photo of the activity, turned upright (EXIF), scaled to at most
    PHOTO_LONG_SIDE pixels and saved as JPEG; returns its id. A file that is not an image,
    is damaged or is too large is refused with a message naming it; nothing is stored."""
    activities.get_activity(db, activity_id)
    path = Path(path)
    jpeg, width, height = _scaled_jpeg(path)
    with db.atomic():
        position = db.execute("SELECT coalesce(max(position), 0) + 1 FROM activity_photos "
                              "WHERE activity_id = ?", [activity_id]).fetchone()[0]
        return db.execute(
            "INSERT INTO activity_photos (activity_id, position, caption, jpeg, width, height) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [activity_id, position, _caption(caption), jpeg, width, height]).lastrowid


def _scaled_jpeg(path: Path) -> tuple[bytes, int, int]:
    name = path.name
    try:
        size = path.stat().st_size
        if size > PHOTO_MAX_BYTES:
            raise InputFileError(f"Foto '{name}' terlalu besar ({size // 1_000_000} MB); paling "
                                 f"besar {PHOTO_MAX_BYTES // 1_000_000} MB. Tidak ada yang disimpan.")
        data = path.read_bytes()
    except OSError as exc:
        raise InputFileError(f"Foto '{name}' tidak dapat dibaca: {os_reason(exc)}. "
                             "Tidak ada yang disimpan.", technical=repr(exc)) from exc
    return photos.scaled_jpeg(name, data, long_side=PHOTO_LONG_SIDE, quality=PHOTO_QUALITY,
                              error=InputFileError)


def _caption(caption: str) -> str:
    text = " ".join(str(caption or "").split())
    if len(text) > MAX_CAPTION:
        raise ValidationError(f"Keterangan foto terlalu panjang ({len(text)} huruf; paling "
                              f"banyak {MAX_CAPTION}).")
    return text


def list_photos(db: Database, activity_id: int) -> list[Photo]:
    """The activity's photos in their order."""
    return [Photo(*row) for row in db.execute(
        "SELECT id, position, caption, jpeg, width, height FROM activity_photos "
        "WHERE activity_id = ? ORDER BY position, id", [activity_id])]


def _activity_of(db: Database, photo_id: int) -> int:
    row = db.execute("SELECT activity_id FROM activity_photos WHERE id = ?", [photo_id]).fetchone()
    if row is None:
        raise NotFoundError(f"Foto dengan id {photo_id} tidak ada.")
    return row[0]


def set_caption(db: Database, photo_id: int, caption: str) -> None:
    _activity_of(db, photo_id)
    text = _caption(caption)
    with db.atomic():
        db.execute("UPDATE activity_photos SET caption = ? WHERE id = ?", [text, photo_id])


def remove_photo(db: Database, photo_id: int) -> None:
    _activity_of(db, photo_id)
    with db.atomic():
        db.execute("DELETE FROM activity_photos WHERE id = ?", [photo_id])


def move_photo(db: Database, photo_id: int, offset: int) -> int:
    """Move a photo `offset` places (-1 earlier, +1 later), clamped to the ends; the
    activity's photos are renumbered 1..n. Returns its new position."""
    activity_id = _activity_of(db, photo_id)
    order = [row[0] for row in db.execute(
        "SELECT id FROM activity_photos WHERE activity_id = ? ORDER BY position, id", [activity_id])]
    index = order.index(photo_id)
    order.insert(max(0, min(len(order) - 1, index + offset)), order.pop(index))
    with db.atomic():
        db.conn.executemany("UPDATE activity_photos SET position = ? WHERE id = ?",
                            [(n, pid) for n, pid in enumerate(order, 1)])
    return order.index(photo_id) + 1
