"""The demo scenario: the 2018 Kota Pekalongan OJL round with invented people and valid IDs."""

from __future__ import annotations

import base64
import datetime as dt
import random

from sqlite_utils import Database

from . import activities, attendance, certificates, pairing, people, programs, rundown_templates
from .regions import match_district
from .resources import resource_path

SUBJECTS = ("Bahasa Indonesia", "Bahasa Inggris", "Matematika", "IPA")

# Host schools in Kota Pekalongan (invented NPSNs).
HOST_SCHOOLS = [
    ("SMP Negeri 1 Pekalongan", "20330101"), ("SMP Negeri 2 Pekalongan", "20330102"),
    ("SMP Negeri 6 Pekalongan", "20330106"), ("SMP Negeri 7 Pekalongan", "20330107"),
    ("SMP Negeri 14 Pekalongan", "20330114"),
]
# The visitors' districts: two per province, each sending two teachers.
VISITOR_DISTRICTS = [
    ("Kota Palangkaraya", "Palangka Raya"), ("Kabupaten Kotawaringin Timur", "Sampit"),
    ("Kabupaten Gorontalo", "Limboto"), ("Kabupaten Boalemo", "Tilamuta"),
    ("Kabupaten Kupang", "Oelamasi"), ("Kabupaten Sikka", "Maumere"),
    ("Kabupaten Bangka Barat", "Muntok"), ("Kabupaten Belitung", "Tanjung Pandan"),
]
IMBAS_PER_MITRA = 10

MALE = ["Agus", "Bambang", "Dedi", "Eko", "Fajar", "Hendra", "Imam", "Joko", "Kurniawan",
        "Lukman", "Muhammad", "Nur", "Rahmat", "Slamet", "Teguh", "Wahyu", "Yohanes", "Zainal",
        "Andreas", "Yosef", "Ilham", "Rizal", "Arif", "Budi"]
FEMALE = ["Ani", "Dewi", "Endang", "Fitri", "Hartini", "Indah", "Kartika", "Lestari", "Maria",
          "Nurul", "Puji", "Ratna", "Sri", "Tri", "Umi", "Wulan", "Yuliana", "Siti", "Theresia",
          "Agustina", "Rina", "Sulastri", "Novita", "Maya"]
FAMILY = ["Prasetyo", "Wibowo", "Santoso", "Hidayat", "Saputra", "Kurniasih", "Rahayu",
          "Setiawan", "Nugroho", "Handayani", "Lestari", "Pratama", "Susanti", "Wijaya",
          "Mahmud", "Daeng", "Ndun", "Lamahoda", "Bouk", "Tahir", "Djafar", "Anwar", "Hasibuan",
          "Simanjuntak", "Manurung", "Gobel", "Pakaya", "Da Costa", "Fernandez", "Tjahjono"]
RANKS = ["Penata Muda Tk. I, III/b", "Penata, III/c", "Penata Tk. I, III/d", "Pembina, IV/a",
         "Pembina Tk. I, IV/b"]

OFFICE_SETTINGS = {
    "office.government": "PEMERINTAH KOTA PEKALONGAN",
    "office.name": "DINAS PENDIDIKAN",
    "office.address": "Jl. Sriwijaya No. 44, Pekalongan 51111",
    "office.phone": "(0285) 421234",
    "office.email": "dindik@pekalongankota.go.id",
    "office.city": "Pekalongan",
    "office.region_code": "33.75",
    "office.head_name": "Drs. Haryono Wicaksono, M.Pd.",
    "office.head_position": "Kepala Dinas Pendidikan Kota Pekalongan",
    "office.head_rank": "Pembina Utama Muda, IV/c",
    "office.head_nip": "196605121990031004",
    "office.website": "dindik.pekalongankota.go.id",
    "office.paper": "f4",
    "office.second_name": "Sri Wahyuningsih, S.Pd., M.Pd.",
    "office.second_position": "Kepala Bidang Pembinaan Ketenagaan",
    "office.second_rank": "Pembina, IV/a",
    "office.second_nip": "197203141998022003",
}


class _Ids:
    """Valid, unique IDs drawn from a seeded generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.seq = 0

    def person(self, region_code: str, female: bool, birth: dt.date) -> dict:
        self.seq += 1
        appointed = dt.date(birth.year + self.rng.randint(23, 30), self.rng.randint(1, 12), 1)
        nip = (f"{birth:%Y%m%d}{appointed:%Y%m}{2 if female else 1}{self.seq % 1000:03d}")
        district = region_code.replace(".", "").ljust(4, "0")[:4]
        day = birth.day + (40 if female else 0)
        nik = f"{district}{self.rng.randint(1, 20):02d}{day:02d}{birth:%m%y}{self.seq % 10000:04d}"
        nuptk = f"{self.rng.randint(1, 9)}{self.rng.randint(0, 10**11 - 1):011d}{self.seq % 10000:04d}"
        return {"nip": nip, "nik": nik, "nuptk": nuptk, "birth_date": birth.isoformat()}


def _person(rng: random.Random, ids: _Ids, *, region: str, school: str, npsn: str | None,
            subject: str, ukg: tuple[float, float], birth_place: str, title_chance: float,
            used: set[str]) -> dict:
    female = rng.random() < 0.55
    while True:  # every demo person has a name of their own (no mitra mentoring a namesake)
        first = rng.choice(FEMALE if female else MALE)
        name = f"{first} {rng.choice(FAMILY)}"
        if name not in used:
            used.add(name)
            break
    name += ", S.Pd., M.Pd." if rng.random() < title_chance else ", S.Pd."
    if rng.random() < 0.08:
        name = ("Dra. " if female else "Drs. ") + name.split(",")[0] + ", M.Pd."
    birth = dt.date(rng.randint(1966, 1988), rng.randint(1, 12), rng.randint(1, 28))
    region_info = match_district(region)
    record = ids.person(region_info.code, female, birth)
    phone = f"08{rng.choice(['12', '13', '52', '53', '57', '77'])}{rng.randint(10**7, 10**8 - 1)}"
    record.update({
        "full_name": name, "gender": "P" if female else "L", "birth_place": birth_place,
        "position": "guru", "jenjang": "SMP", "subject": subject, "rank": rng.choice(RANKS),
        "employment": "PNS",  # every demo teacher has a NIP
        "school": school, "npsn": npsn, "region": region,
        "ukg": round(rng.uniform(*ukg), 2), "phone": phone,
        "email": f"{first.lower()}.{record['nuptk'][-4:]}@guru.belajar.id",
    })
    return record


def demo_people() -> list[dict]:
    """The demo roster: 8 hosts, 16 visitors and 160 imbas-level teachers (deterministic)."""
    rng = random.Random(20180909)
    ids = _Ids(rng)
    roster, used = [], set()
    for index in range(8):  # two hosts per subject
        school, npsn = HOST_SCHOOLS[index % len(HOST_SCHOOLS)]
        roster.append(_person(rng, ids, region="Kota Pekalongan", school=school, npsn=npsn,
                              subject=SUBJECTS[index // 2], ukg=(80, 92),
                              birth_place="Pekalongan", title_chance=0.6, used=used))
    for d_index, (region, town) in enumerate(VISITOR_DISTRICTS):
        for k in range(2):  # each district sends two teachers, in two subjects
            subject = SUBJECTS[(d_index * 2 + k) % 4]
            school = f"SMP Negeri {k + 1} {town}"
            roster.append(_person(rng, ids, region=region, school=school, npsn=None,
                                  subject=subject, ukg=(66, 78), birth_place=town,
                                  title_chance=0.3, used=used))
            for j in range(IMBAS_PER_MITRA):
                roster.append(_person(rng, ids, region=region,
                                      school=f"SMP Negeri {3 + (k * IMBAS_PER_MITRA + j) % 6} {town}",
                                      npsn=None, subject=subject, ukg=(50, 70),
                                      birth_place=town, title_chance=0.1, used=used))
    return roster


DEMO_PROGRAMS = [
    # The 2018 round as it ran: SMP labels Mitra 1/2/3, each host mentoring two visitors.
    {"name": "Kemitraan Guru SMP - OJL Kota Pekalongan", "year": 2018, "stage": "Tahap 1",
     "labels": programs.LABEL_PRESETS["Mitra 1 / Mitra 2 / Mitra 3"], "ratios": (2,)},
    # The next year under the 2019 names and ratio; the last mitra's imbas still unpaired.
    {"name": "Kemitraan Guru SMP", "year": 2019, "stage": "Tahap 1",
     "labels": programs.DEFAULT_LABELS, "ratios": programs.DEFAULT_RATIOS},
]


def _demo_programs(db: Database, roster: list[dict]) -> None:
    person_id = {nuptk: pid for pid, nuptk in db.execute("SELECT id, nuptk FROM people")}
    hosts = [person_id[r["nuptk"]] for r in roster[:8]]
    visitors, imbas = [], {}
    for index in range(len(VISITOR_DISTRICTS) * 2):
        start = 8 + index * (IMBAS_PER_MITRA + 1)
        visitors.append(person_id[roster[start]["nuptk"]])
        imbas[visitors[-1]] = [person_id[r["nuptk"]]
                               for r in roster[start + 1:start + 1 + IMBAS_PER_MITRA]]
    subject_of = {person_id[r["nuptk"]]: r["subject"] for r in roster}
    for spec in DEMO_PROGRAMS:
        if db.execute("SELECT 1 FROM programs WHERE name = ? AND year = ?",
                      [spec["name"], spec["year"]]).fetchone():
            continue
        pid = programs.create_program(db, spec["name"], spec["year"], "SMP", stage=spec["stage"],
                                      subjects=SUBJECTS, labels=spec["labels"],
                                      ratios=spec["ratios"])
        tier_of = {}
        tier_of.update(zip(programs.add_participants(db, pid, hosts, 1).added, hosts, strict=True))
        mitra = programs.add_participants(db, pid, visitors, 2).added
        pairs = {}
        taken: dict[str, int] = {}
        for participant, visitor in zip(mitra, visitors, strict=True):
            subject = subject_of[visitor]
            subject_hosts = [h for h in hosts if subject_of[h] == subject]
            host = subject_hosts[taken.get(subject, 0) // 2]
            taken[subject] = taken.get(subject, 0) + 1
            pairs[participant] = programs.participant_of(db, pid, host)
        if spec["year"] == 2019:
            for participant, visitor in zip(mitra, visitors, strict=True):
                added = programs.add_participants(db, pid, imbas[visitor], 3).added
                if visitor != visitors[-1]:
                    pairs.update({i: participant for i in added})
        pairing.apply_proposal(db, pid, pairs.items())


DEMO_ACTIVITIES = [
    # (program year, kind, title, start, end, venue, kab/kota, template)
    (2018, "ojl1", "On the Job Learning 1 Kota Pekalongan", dt.date(2018, 9, 9),
     dt.date(2018, 9, 16), "Aula Dinas Pendidikan Kota Pekalongan", "Kota Pekalongan",
     "OJL 1 (8 hari)"),
    # The 2019 return visit: Pekalongan's inti go to their mitra in Gorontalo (WITA), so its
    # rundown prints in WITA.
    (2019, "ojl2", "On the Job Learning 2 Kabupaten Gorontalo", dt.date(2019, 10, 13),
     dt.date(2019, 10, 18), "SMP Negeri 1 Limboto", "Kabupaten Gorontalo", "OJL 2 (6 hari)"),
]


def _demo_activities(db: Database) -> None:
    by_year = {e["program"].year: e["program"].id for e in programs.list_programs(db)
               if e["program"].name in {p["name"] for p in DEMO_PROGRAMS}}
    for year, kind, title, start, end, venue, city, template in DEMO_ACTIVITIES:
        program_id = by_year.get(year)
        if program_id is None or db.execute(
                "SELECT 1 FROM activities WHERE program_id = ? AND title = ?",
                [program_id, title]).fetchone():
            continue
        aid = activities.create_activity(db, program_id, kind, title, start, end, venue=venue,
                                         city=city, host="Dinas Pendidikan Kota Pekalongan")
        items = rundown_templates.apply_template(db, aid, rundown_templates.find_template(db, template))
        activities.save_items(db, aid, items)
        if kind == "ojl1":
            _demo_attendance(db, aid)
            certificates.issue(db, aid, end)  # the eligible get theirs on the last day


# A few absences in the OJL week: one sick day, one permitted absence, and one visitor who
# missed three sessions (70%: below the 80% the certificate needs).
DEMO_ABSENCES = {4: {3: "sakit"}, 9: {4: "izin"}, 13: {3: "alpa", 4: "alpa", 7: "alpa"}}


def _demo_attendance(db: Database, activity_id: int) -> None:
    sessions = attendance.sessions(db, activity_id)
    people = activities.activity_participants(db, activity_id)
    marks = []
    for p_index, person in enumerate(people):
        for s_index, session in enumerate(sessions):
            status = DEMO_ABSENCES.get(p_index, {}).get(s_index, "hadir")
            note = "surat dokter" if status == "sakit" else "tugas sekolah" if status == "izin" else ""
            marks.append(attendance.Mark(person["id"], session.day.isoformat(), session.slot,
                                         status, note))
    attendance.set_marks(db, activity_id, marks)


def load_demo(db: Database, *, follow_up: bool = False) -> int:
    """Add the demo people (those not already present), the 2018 and 2019 programs with their
    pairs, and the demo office profile; with `follow_up` (the app's and `init --demo`'s
    demo) also the 2019 round's four months after the OJL (demo_follow_up.py). Idempotent:
    loading it twice changes nothing. Returns how many people were added."""
    added = 0
    logo = base64.b64encode(resource_path("logo-placeholder.png").read_bytes()).decode("ascii")
    with db.atomic():
        for key, value in {**OFFICE_SETTINGS, "office.logo": logo}.items():
            db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", [key, value])
        roster = demo_people()
        for record in roster:
            exists = db.execute("SELECT 1 FROM people WHERE nuptk = ?", [record["nuptk"]]).fetchone()
            if not exists:
                people.save_person(db, record)
                added += 1
        _demo_programs(db, roster)
        _demo_activities(db)
        if follow_up:
            from .demo_follow_up import load_follow_up
            load_follow_up(db)
    return added
