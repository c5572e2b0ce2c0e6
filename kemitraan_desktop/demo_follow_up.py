"""The demo's four months after the OJL (issue 20): program 2019's OJL 2 in Kabupaten
Gorontalo ended on 18 Oktober 2019; until mid-February 2020 the inti mentor their mitra
from Pekalongan (mostly daring, by WhatsApp and by surel), the mitra mentor their imbas at
school and in the MGMP, five mitra hold pengimbasan sessions, everyone's RTL moves on, and
each mitra is observed twice by their inti. One pair has gone quiet since early December.

Everything goes through the core's own calls (the same checks a user's entries pass), on
fixed historical dates and a seeded generator, so every demo database is the same."""

from __future__ import annotations

import datetime as dt
import functools
import io
import random
from dataclasses import dataclass

from sqlite_utils import Database

from . import action_plans, activities, attendance, mentoring, monev, programs
from . import indonesia as ind
from .mentoring.evidence import PHOTO_QUALITY, EvidenceFile, store_evidence

PROGRAM = ("Kemitraan Guru SMP", 2019)
WINDOW_END = dt.date(2020, 2, 18)  # four months after the OJL 2 (13-18 Oktober 2019)
FIRST_DAY = dt.date(2019, 10, 21)
LAST_DAY = dt.date(2020, 2, 14)
HOLIDAY = (dt.date(2019, 12, 21), dt.date(2020, 1, 5))  # libur semester ganjil
RECENT = dt.date(2020, 1, 20)  # within 30 days of the window's end: not quiet
QUIET = (7, 3)  # (mitra index, imbas index): the pair whose last contact is 5 Desember 2019

# Kelas VIII material per subject: the first semester's, then the second's.
MATERIAL = {
    "Bahasa Indonesia": (("teks berita", "teks iklan, slogan, dan poster", "teks eksposisi"),
                         ("puisi", "teks eksplanasi", "teks ulasan")),
    "Bahasa Inggris": (("expressions of ability", "giving instructions", "descriptive text"),
                       ("recount text", "simple past tense", "short messages and notices")),
    "Matematika": (("pola bilangan", "koordinat Kartesius", "relasi dan fungsi"),
                   ("sistem persamaan linear dua variabel", "teorema Pythagoras", "lingkaran")),
    "IPA": (("gerak benda dan makhluk hidup", "usaha dan pesawat sederhana",
             "struktur dan fungsi jaringan tumbuhan"),
            ("sistem peredaran darah", "tekanan zat", "sistem pernapasan manusia")),
}

# (topic, modes it happens in, kesepakatan, tindak lanjut); {m} is the material.
INTI_TOPICS = [
    ("Refleksi pelaksanaan OJL 2 dan penyusunan rencana tindak lanjut (RTL)",
     ("daring",), "RTL memuat pengimbasan di MGMP dan penerapan PBL di kelas VIII",
     "Mitra mengirim RTL final melalui surel"),
    ("Diskusi RPP {m} dengan model Problem Based Learning", ("daring", "surel"),
     "Langkah inti disesuaikan dengan sintaks PBL; orientasi masalah memakai konteks lokal",
     "Mitra merevisi RPP dan mengirim kembali dalam satu minggu"),
    ("Umpan balik observasi kelas: {m}", ("daring", "telepon"),
     "Pertanyaan pemantik diperbanyak; waktu diskusi kelompok dibatasi 20 menit",
     "Rekaman pembelajaran berikutnya dikirim untuk dibahas bersama"),
    ("Penyusunan LKPD berorientasi HOTS untuk {m}", ("daring", "surel"),
     "LKPD memuat satu masalah kontekstual dan soal C4-C5",
     "Mitra mengujicobakan LKPD di kelas VIII"),
    ("Persiapan pengimbasan di MGMP: rundown dan bahan tayang", ("telepon", "daring"),
     "Pengimbasan sehari (5 JP): berbagi praktik baik dan praktik menyusun RPP",
     "Mitra mengirim undangan MGMP dan daftar guru imbas"),
    ("Telaah soal penilaian harian {m} (level kognitif C4-C6)", ("surel", "daring"),
     "Enam butir soal direvisi agar menuntut penalaran, bukan hafalan",
     "Kisi-kisi dan kartu soal dilengkapi"),
    ("Refleksi praktik baik semester ganjil", ("daring", "telepon"),
     "Praktik baik yang ditulis: pembelajaran berbasis masalah dengan konteks lokal",
     "Mitra menuliskan draf praktik baik"),
    ("Penyusunan modul ajar {m} untuk semester genap", ("daring", "surel", "tatap-muka"),
     "Modul memuat asesmen awal dan diferensiasi untuk tiga kelompok kemampuan",
     "Modul diujicobakan pada minggu ketiga Januari"),
    ("Pendampingan penulisan laporan praktik baik (best practice)", ("daring", "surel"),
     "Laporan mengikuti sistematika: latar belakang, aksi, hasil, refleksi",
     "Draf laporan dikirim sebelum akhir Februari"),
]
MITRA_TOPICS = [
    ("Berbagi hasil OJL: pembelajaran berorientasi HOTS", ("tatap-muka", "daring"),
     "Guru imbas mencoba satu pertanyaan HOTS di setiap pertemuan",
     "Contoh soal dibagikan di grup WhatsApp MGMP"),
    ("Pendampingan penyusunan RPP {m}", ("tatap-muka", "surel"),
     "RPP memakai sintaks PBL dan penilaian autentik",
     "RPP direvisi dan dikirim ke guru mitra"),
    ("Diskusi LKPD {m}", ("tatap-muka", "telepon", "daring"),
     "LKPD dikerjakan berkelompok 4-5 peserta didik",
     "LKPD diujicobakan di kelas VIII"),
    ("Umpan balik observasi kelas: {m}", ("tatap-muka",),
     "Apersepsi dikaitkan dengan pengalaman peserta didik; penutup memuat refleksi",
     "Observasi ulang pada pertemuan berikutnya"),
    ("Penyusunan soal HOTS untuk penilaian harian {m}", ("tatap-muka", "surel", "telepon"),
     "Setiap guru menyusun lima soal dengan stimulus",
     "Soal ditelaah bersama pada pertemuan MGMP"),
    ("Refleksi praktik baik di kelas", ("telepon", "tatap-muka", "daring"),
     "Kendala utama: waktu dan jumlah peserta didik yang banyak",
     "Mencoba pembagian kelompok yang tetap selama satu KD"),
    ("Pemanfaatan media pembelajaran dari lingkungan sekitar", ("tatap-muka", "telepon"),
     "Media sederhana dibuat bersama peserta didik",
     "Foto media dikirim ke grup MGMP"),
    ("Penyusunan modul ajar {m}", ("tatap-muka", "daring", "surel"),
     "Modul memuat tujuan, asesmen awal, kegiatan, dan asesmen akhir",
     "Modul dipakai pada semester genap"),
]
# Pengimbasan: (mitra index, day, part); the mitra leads it at their school for their MGMP.
PENGIMBASAN = [(4, dt.date(2019, 11, 16), 1), (2, dt.date(2019, 11, 23), 1),
               (10, dt.date(2019, 12, 7), 1), (0, dt.date(2020, 1, 18), 1),
               (9, dt.date(2020, 2, 1), 1), (4, dt.date(2020, 2, 8), 2)]
WORSE = 13  # the mitra whose second observation scored lower (a large class, time ran out)
TELAAH = (0, 2, 4, 6, 9, 12)  # the mitra whose RPP their inti reviewed with Telaah RPP


@dataclass(frozen=True)
class Who:
    id: int
    name: str
    subject: str
    region: str
    school: str
    mentor_id: int | None


def _who(row: dict) -> Who:
    return Who(row["id"], row["name"], row["subject"] or "", row["region"] or "",
               row["school"] or "", row["mentor_id"])


def load_follow_up(db: Database) -> None:
    """Fill the 2019 demo program's follow-up months, once: a program that already has any
    pendampingan, RTL, monev or pengimbasan is left as it is."""
    found = db.execute("SELECT id FROM programs WHERE name = ? AND year = ?", PROGRAM).fetchone()
    if found is None:
        return
    pid = found[0]
    if db.execute("SELECT EXISTS (SELECT 1 FROM mentoring_log WHERE program_id = :p) OR EXISTS "
                  "(SELECT 1 FROM action_plans WHERE program_id = :p) OR EXISTS (SELECT 1 FROM "
                  "monev_entries WHERE program_id = :p) OR EXISTS (SELECT 1 FROM activities "
                  "WHERE program_id = :p AND kind = 'pengimbasan')", {"p": pid}).fetchone()[0]:
        return
    rows = sorted(programs.list_participants(db, pid), key=lambda r: r["id"])
    mitra = [_who(r) for r in rows if r["tier"] == 2]
    imbas = {m.id: [_who(r) for r in rows if r["mentor_id"] == m.id] for m in mitra}
    rng = random.Random(20191018)
    with db.atomic():
        logged = _mentoring(db, pid, mitra, imbas, rng)
        _evidence(db, logged)
        _pengimbasan(db, pid, mitra, imbas, rng)
        _plans(db, pid, mitra, imbas, rng)
        _monev(db, mitra, rng)


# ---------------------------------------------------------------- pendampingan

def _material(who: Who, day: dt.date, rng: random.Random) -> str:
    first, second = MATERIAL.get(who.subject, MATERIAL["Matematika"])
    return rng.choice(first if day < HOLIDAY[0] else second)


@functools.cache
def _open_days(first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
    days = (first + dt.timedelta(days=i) for i in range((last - first).days + 1))
    return tuple(d for d in days if d.weekday() < 6 and not HOLIDAY[0] <= d <= HOLIDAY[1])


def _school_days(rng: random.Random, first: dt.date, last: dt.date, count: int) -> list[dt.date]:
    """`count` distinct days from Monday to Saturday outside the semester holiday."""
    days = _open_days(first, last)
    return sorted(rng.sample(days, min(count, len(days))))


def _duration(mode: str, rng: random.Random) -> tuple[float | None, int | None]:
    """(JP, minutes) as a mentor writes them: a JP is 40 minutes at SMP."""
    if mode == "tatap-muka":
        minutes = rng.choice((80, 90, 120))
    elif mode == "daring":
        minutes = rng.choice((60, 75, 90))
    elif mode == "telepon":
        return None, rng.choice((15, 20, 25, 30, 45))
    else:
        return None, None
    return round(minutes / 40 * 2) / 2, minutes


def _entry(program, people, mentor: Who, mentee: Who, day: dt.date, topic: tuple,
           rng: random.Random, *, note: str = "") -> mentoring.Entry:
    text, modes, agreed, follow_up = topic
    mode = rng.choice(modes)
    jp, minutes = _duration(mode, rng)
    values, errors = mentoring.check_entry(
        program, people, mentor.id, mentee.id, day, mode,
        text.format(m=_material(mentee, day, rng)), jp=jp, minutes=minutes, agreed=agreed,
        follow_up=follow_up, notes=note)
    if errors:  # the demo's own data: a mistake here is a bug, not a user's input
        raise mentoring.refuse(errors)
    return mentoring.Entry(None, program.id, source="demo", **values)


def _mentoring(db: Database, pid: int, mitra: list[Who], imbas: dict[int, list[Who]],
               rng: random.Random) -> list[int]:
    """Every inti with their mitra every two or three weeks, every mitra with each of their
    imbas two to four times, one contact of each pair after 20 Januari 2020 (none of them
    quiet at the window's end) but one pair, silent since 5 Desember 2019. Returns the ids."""
    program = programs.get_program(db, pid)
    people = mentoring.ProgramPeople(db, program)
    by_id = {m.id: m for m in mitra}
    entries = []
    for m in mitra:
        inti = Who(m.mentor_id, "", m.subject, "", "", None)
        days = _school_days(rng, FIRST_DAY, RECENT - dt.timedelta(days=1), rng.randint(5, 8))
        days += _school_days(rng, RECENT, LAST_DAY, 1)
        picks = sorted(rng.sample(range(1, len(INTI_TOPICS)), len(days) - 1))
        for day, index in zip(days, [0, *picks], strict=True):
            entries.append(_entry(program, people, inti, m, day, INTI_TOPICS[index], rng))
    for m_index, m in enumerate(mitra):
        for i_index, mentee in enumerate(imbas[m.id]):
            if (m_index, i_index) == QUIET:
                days = [dt.date(2019, 10, 29), dt.date(2019, 11, 19), dt.date(2019, 12, 5)]
            else:
                days = _school_days(rng, FIRST_DAY + dt.timedelta(days=3),
                                    RECENT - dt.timedelta(days=1), rng.randint(1, 3))
                days += _school_days(rng, RECENT, LAST_DAY, 1)
            topics = sorted(rng.sample(range(len(MITRA_TOPICS)), len(days)))
            for day, index in zip(days, topics, strict=True):
                note = ("Belum dapat dihubungi lagi setelah ujian semester"
                        if (m_index, i_index) == QUIET and day.month == 12 else "")
                entries.append(_entry(program, people, by_id[m.id], mentee, day,
                                      MITRA_TOPICS[index], rng, note=note))
    entries.sort(key=lambda e: (e.day, e.mentor_id, e.mentee_id))
    return mentoring.insert_entries(db, entries)


# ---------------------------------------------------------------- evidence photos

def _writing(draw, x: float, y: float, text: str, fill, scale: float = 9.0) -> None:
    """A line of writing as seen in a photo from across the room: a stroke per word, as
    long as the word (no font: the frozen app carries no font rasteriser for the demo)."""
    for word in text.split():
        length = len(word) * scale
        draw.line((x, y, x + length, y), fill=fill, width=max(2, int(scale / 3)))
        x += length + scale


def _photo_classroom(draw, size, material: str) -> None:
    """A lesson seen from the back of the class: the board, the teacher, three rows."""
    width, height = size
    draw.rectangle((0, 0, width, height * 0.62), fill=(236, 226, 200))
    draw.rectangle((0, height * 0.62, width, height), fill=(190, 160, 120))
    draw.rectangle((width * 0.18, height * 0.08, width * 0.82, height * 0.4), fill="white",
                   outline=(90, 90, 90), width=6)
    for n, line in enumerate((material[:1].upper() + material[1:], "Masalah kontekstual",
                              "Diskusikan dalam kelompok (20 menit)")):
        _writing(draw, width * 0.21, height * (0.12 + 0.08 * n), line, (20, 40, 120))
    draw.ellipse((width * 0.86, height * 0.2, width * 0.9, height * 0.26), fill=(120, 80, 50))
    draw.rectangle((width * 0.85, height * 0.26, width * 0.91, height * 0.48), fill=(40, 90, 150))
    for row in range(3):
        for col in range(5):
            x = width * (0.08 + col * 0.18) + row * 10
            y = height * (0.6 + row * 0.12)
            draw.ellipse((x + 35, y - 40, x + 75, y), fill=(60, 40, 30))
            draw.rectangle((x + 25, y, x + 85, y + 30), fill="white")
            draw.rectangle((x, y + 25, x + 110, y + 45), fill=(150, 100, 60))


def _photo_discussion(draw, size, material: str) -> None:
    """Five teachers round a table with their RPP drafts."""
    width, height = size
    draw.rectangle((0, 0, width, height), fill=(214, 222, 228))
    draw.ellipse((width * 0.2, height * 0.3, width * 0.8, height * 0.75), fill=(160, 110, 70))
    for n, (x, y) in enumerate(((0.3, 0.22), (0.5, 0.18), (0.7, 0.22), (0.3, 0.8), (0.7, 0.8))):
        cx, cy = width * x, height * y
        draw.ellipse((cx - 30, cy - 30, cx + 30, cy + 30), fill=(70, 45, 30))
        color = ((200, 60, 60), (40, 110, 170), (60, 140, 80))[n % 3]
        draw.ellipse((cx - 50, cy + 20, cx + 50, cy + 70) if y < 0.5 else
                     (cx - 50, cy - 70, cx + 50, cy - 20), fill=color)
    for n in range(4):
        x, y = width * (0.32 + n * 0.1), height * (0.42 + (n % 2) * 0.1)
        draw.rectangle((x, y, x + 70, y + 95), fill="white", outline=(120, 120, 120))
        for k in range(5):
            draw.line((x + 8, y + 15 + k * 15, x + 60, y + 15 + k * 15), fill=(90, 90, 90))
    _writing(draw, width * 0.03, height * 0.92, f"Diskusi RPP {material}", (30, 30, 30))


def _photo_board(draw, size, material: str) -> None:
    """A group's worksheet written up on the whiteboard."""
    width, height = size
    draw.rectangle((0, 0, width, height), fill=(245, 245, 240))
    draw.rectangle((20, 20, width - 20, height - 20), outline=(60, 60, 60), width=8)
    lines = (f"LKPD Kelompok 2 - {material}", "1. Amati masalah pada lembar kerja",
             "2. Tuliskan dugaan kelompokmu", "3. Uji dan diskusikan hasilnya",
             "Kesimpulan kelompok:")
    for n, line in enumerate(lines):
        _writing(draw, width * 0.07, height * (0.09 + n * 0.1), line,
                 (20, 20, 130) if n else (160, 20, 20), scale=11)
    for k in range(3):
        y = height * (0.64 + k * 0.08)
        draw.line((width * 0.07, y, width * (0.62 + (k % 2) * 0.12), y + 6), fill=(20, 20, 130),
                  width=3)


PHOTOS = [("observasi-kelas-VIII-B.jpg", _photo_classroom, "Umpan balik observasi kelas: "),
          ("diskusi-rpp-mgmp.jpg", _photo_discussion, "Pendampingan penyusunan RPP "),
          ("papan-tulis-lkpd.jpg", _photo_board, "Diskusi LKPD ")]


def _evidence(db: Database, logged: list[int]) -> None:
    """Three photos, drawn here (the material of the entry on the board), on the first
    tatap-muka entries of three topics; already the size and kind add_evidence makes of
    a phone's photo, so they are stored as they are."""
    from PIL import Image, ImageDraw

    marks = ", ".join("?" * len(logged))
    rows = db.execute(f"SELECT id, topic FROM mentoring_log WHERE id IN ({marks}) AND "
                      "mode = 'tatap-muka' ORDER BY day, id", logged).fetchall()
    for name, draw_it, topic in PHOTOS:
        target = next(((i, t) for i, t in rows if t.startswith(topic)), None)
        if target is None:
            continue
        image = Image.new("RGB", (800, 600), "white")
        draw_it(ImageDraw.Draw(image), image.size, target[1][len(topic):])
        out = io.BytesIO()
        image.save(out, "JPEG", quality=PHOTO_QUALITY)
        store_evidence(db, target[0], [EvidenceFile(
            name, "foto", "image/jpeg", out.getvalue(), image.width, image.height)])


# ---------------------------------------------------------------- pengimbasan

def _rundown(day: dt.date, leader: Who, material: str) -> list[activities.Item]:
    def at(hour: int, minute: int) -> dt.time:
        return dt.time(hour, minute)
    place = leader.school
    return [
        activities.Item(day, at(7, 30), at(8, 0), "Registrasi peserta", place, "Panitia MGMP",
                        0, True),
        activities.Item(day, at(8, 0), at(8, 15), "Pembukaan oleh Ketua MGMP", place,
                        "Ketua MGMP"),
        activities.Item(day, at(8, 15), at(9, 35), f"Berbagi praktik baik hasil OJL: "
                        f"pembelajaran {material} dengan model PBL", place, leader.name, 2),
        activities.Item(day, at(9, 35), at(9, 50), "Istirahat", place),
        activities.Item(day, at(9, 50), at(11, 10), f"Praktik menyusun RPP dan LKPD {material}",
                        place, leader.name, 2, True),
        activities.Item(day, at(11, 10), at(11, 50), "Refleksi dan rencana tindak lanjut",
                        place, leader.name, 1),
        activities.Item(day, at(11, 50), at(12, 0), "Penutupan", place, "Ketua MGMP"),
    ]


ABSENT = (("izin", "tugas sekolah"), ("izin", "rapat dinas"), ("sakit", ""), ("alpa", ""))


def _pengimbasan(db: Database, pid: int, mitra: list[Who], imbas: dict[int, list[Who]],
                 rng: random.Random) -> None:
    """Six one-day sessions led by five mitra at their schools: two sessions of 5 JP, the
    imbas marked (most present; some excused, sick or absent; a few leave at the break)."""
    for index, day, part in PENGIMBASAN:
        leader = mitra[index]
        subject = leader.subject
        title = f"Pengimbasan Praktik Baik MGMP {subject} {leader.region}"
        title += f" (Pertemuan {part})" if part > 1 else ""
        material = _material(leader, day, rng)
        aid = activities.create_activity(db, pid, "pengimbasan", title, day, day,
                                         venue=leader.school, city=leader.region,
                                         host=f"MGMP {subject} SMP {leader.region}",
                                         leader_id=leader.id)
        activities.save_items(db, aid, _rundown(day, leader, material))
        sessions = attendance.sessions(db, aid)
        marks = [attendance.Mark(leader.id, *s.key, "hadir") for s in sessions]
        for mentee in imbas[leader.id]:
            draw = rng.random()
            if draw < 0.7:
                statuses = [("hadir", "")] * len(sessions)
            elif draw < 0.8:
                statuses = [("hadir", "")] + [("izin", "pulang lebih awal")] * (len(sessions) - 1)
            else:
                statuses = [rng.choice(ABSENT)] * len(sessions)
            marks += [attendance.Mark(mentee.id, *s.key, status, note)
                      for s, (status, note) in zip(sessions, statuses, strict=True)]
        attendance.set_marks(db, aid, marks)


# ---------------------------------------------------------------- RTL

MITRA_PLANS = [
    ("Mengimbaskan hasil OJL kepada guru imbas di MGMP {s} {r}", "10 guru imbas MGMP {s}",
     "Minimal 8 guru imbas mengikuti pengimbasan dan menyusun RPP", dt.date(2019, 12, 20)),
    ("Menerapkan model Problem Based Learning di kelas VIII dan merefleksikannya bersama "
     "guru inti", "Guru inti (observer) dan kepala sekolah",
     "Skor observasi pembelajaran naik minimal 10 poin", dt.date(2020, 2, 29)),
    ("Membentuk grup WhatsApp MGMP {s} untuk berbagi RPP, LKPD dan soal",
     "Guru imbas dan pengurus MGMP", "Semua guru imbas bergabung dan berbagi bahan ajar",
     dt.date(2019, 11, 15)),
    ("Menyusun laporan praktik baik hasil Program Kemitraan", "Guru inti",
     "Laporan praktik baik diserahkan ke Dinas Pendidikan", dt.date(2020, 3, 31)),
]
IMBAS_PLANS = [
    ("Menyusun RPP berorientasi HOTS untuk satu KD dan mendiskusikannya dengan guru mitra",
     "Guru mitra", "RPP selesai ditelaah guru mitra", dt.date(2020, 1, 17)),
    ("Menerapkan LKPD hasil pengimbasan di kelas", "Peserta didik kelas VIII",
     "LKPD dipakai minimal dua kali dan hasilnya dilaporkan di MGMP", dt.date(2020, 2, 14)),
]
# The progress a plan has made: (days after its start, status, note) by step.
STEPS = {
    "berjalan": [(20, "berjalan", "Sudah dimulai; bahan disiapkan bersama guru mitra/inti.")],
    "selesai": [(15, "berjalan", "Sedang dikerjakan sesuai jadwal."),
                (45, "selesai", "Selesai; bukti diunggah ke grup WhatsApp MGMP.")],
    "macet": [(25, "berjalan", "Dimulai, tetapi tertunda penilaian akhir semester."),
              (70, "berjalan", "Belum selesai: jadwal MGMP bentrok dengan kegiatan sekolah.")],
}
START = dt.date(2019, 10, 19)  # the day after the OJL 2


def _progress(db: Database, plan_id: int, start: dt.date, steps: list[tuple]) -> None:
    for after, status, note in steps:
        day = min(start + dt.timedelta(days=after), WINDOW_END)
        action_plans.update_plan(db, plan_id, status=status, note=note, day=day)


def _imbasan_steps(held: dt.date | None, m_index: int) -> list[tuple] | None:
    """The pengimbasan plan: done the day after its session when it was held in time,
    under way past its due date when it came later or is still being arranged."""
    if held is not None and held <= dt.date(2019, 12, 20):
        return [(12, "berjalan", "Undangan MGMP dan daftar guru imbas disiapkan."),
                ((held - START).days + 1, "selesai",
                 "Pengimbasan terlaksana; daftar hadir dan foto kegiatan terlampir.")]
    if held is not None:
        return [(12, "berjalan", "Undangan MGMP disiapkan."),
                (60, "berjalan", "Dijadwalkan ulang ke "
                                 f"{ind.format_date(held, with_weekday=False)} karena "
                                 "penilaian akhir semester.")]
    return STEPS["macet"] if m_index % 4 else None  # not started: overdue


def _plans(db: Database, pid: int, mitra: list[Who], imbas: dict[int, list[Who]],
           rng: random.Random) -> None:
    """Every mitra's RTL (three or four plans) and one plan of two imbas of each of ten mitra, with
    their progress over the months: some done, some under way, some not started; as of the
    window's end some are overdue."""
    held = {}
    for index, day, _part in PENGIMBASAN:
        held.setdefault(index, day)
    for m_index, m in enumerate(mitra):
        plans = MITRA_PLANS if m_index % 3 else MITRA_PLANS[:3]
        for p_index, (action, partners, indicator, due) in enumerate(plans):
            plan = action_plans.add_plan(
                db, pid, m.id, action.format(s=m.subject, r=m.region), due,
                partners=partners.format(s=m.subject), indicator=indicator)
            if p_index == 0:
                steps = _imbasan_steps(held.get(m_index), m_index)
            elif p_index == 1:
                steps = STEPS["selesai" if m_index % 5 == 1 else "berjalan"]
            elif p_index == 2:
                steps = STEPS["selesai"] if m_index % 6 else None  # not started: overdue
            else:
                steps = None  # due after the window
            if steps:
                _progress(db, plan, START, steps)
    for m in mitra[:10]:
        for n, mentee in enumerate(imbas[m.id][:2]):
            action, partners, indicator, due = IMBAS_PLANS[n]
            plan = action_plans.add_plan(db, pid, mentee.id, action, due, partners=partners,
                                         indicator=indicator)
            kind = rng.choice(("selesai", "selesai", "berjalan", "macet", None))
            if kind:
                _progress(db, plan, START + dt.timedelta(days=rng.randint(7, 30)), STEPS[kind])


# ---------------------------------------------------------------- monev

def _scores(form: monev.MonevForm, level: float, rng: random.Random) -> dict[str, float]:
    top = form.scale["max"]
    low = form.scale["min"]
    return {item["id"]: float(min(top, max(low, round(low + (top - low) * level
                                                          + rng.gauss(0, 0.55)))))
            for item in form.items}


def _monev(db: Database, mitra: list[Who], rng: random.Random) -> None:
    """Each mitra observed twice by their inti (from a recorded lesson discussed online):
    late Oktober-early November and early February; most improve, one does worse. Six
    mitra's RPP reviewed with Telaah RPP in November; two mitra's first observation with
    its pra- and pasca-observasi answers."""
    observasi = monev.get_form(db, "observasi")
    telaah = monev.get_form(db, "telaah-rpp")
    video = "Observasi melalui rekaman video pembelajaran, dibahas bersama secara daring."
    for index, m in enumerate(mitra):
        first = _school_days(rng, dt.date(2019, 10, 28), dt.date(2019, 11, 8), 1)[0]
        last = _school_days(rng, dt.date(2020, 2, 3), LAST_DAY, 1)[0]
        level = rng.uniform(0.5, 0.68)
        later = level - 0.08 if index == WORSE else level + rng.uniform(0.08, 0.18)
        if index in (1, 4):
            monev.enter(db, observasi, m.id, first, {}, observer_id=m.mentor_id,
                        stage="pra-observasi", item_notes={
                            "PRA1": "KD 3.2; peserta didik dapat menjelaskan konsep dengan "
                                    "contoh dari lingkungan sekitar.",
                            "PRA2": "Problem Based Learning, agar peserta didik berlatih "
                                    "memecahkan masalah nyata.",
                            "PRA6": "Pengelolaan waktu diskusi kelompok."})
        monev.enter(db, observasi, m.id, first, _scores(observasi, level, rng),
                    observer_id=m.mentor_id, note=video,
                    item_notes={"B2": "Apersepsi belum dikaitkan dengan pengalaman peserta "
                                      "didik."})
        if index in (1, 4):
            monev.enter(db, observasi, m.id, first, {}, observer_id=m.mentor_id,
                        stage="pasca-observasi", item_notes={
                            "PASCA2": "Sebagian besar tercapai; tiga kelompok belum selesai.",
                            "PASCA4": "Memperbaiki pembagian waktu dan pertanyaan pemantik.",
                            "PASCA5": "Rekaman berikutnya dikirim sebelum akhir November."})
        note = (video + " Kelas 38 peserta didik; waktu habis sebelum penutup."
                if index == WORSE else video)
        monev.enter(db, observasi, m.id, last, _scores(observasi, later, rng),
                    observer_id=m.mentor_id, note=note)
        if index in TELAAH:
            day = _school_days(rng, dt.date(2019, 11, 11), dt.date(2019, 11, 29), 1)[0]
            monev.enter(db, telaah, m.id, day, _scores(telaah, rng.uniform(0.55, 0.85), rng),
                        observer_id=m.mentor_id, note="RPP dikirim melalui surel.",
                        item_notes={"H3": "Rencana remedial dan pengayaan belum ada."})
