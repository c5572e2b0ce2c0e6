"""The letters' view (Surat Undangan, Surat Tugas, SK Kepala Dinas): the activity, its
people and pairs, the office, the number and the letter's texts already filled in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import activities, office, programs
from .. import indonesia as ind
from ..errors import ValidationError
from ..letters import numbering
from ..letters.templates import KINDS, fill, load_template
from ..office import OfficeProfile
from ..programs import Program
from . import snapshot

WHO = {"peserta": "peserta", "panitia": "panitia", "narasumber": "narasumber",
       "semua": "peserta, panitia dan narasumber"}
DOTS = "...................."
_SMALL_WORDS = {"dan", "atau", "dari", "di", "ke"}


@dataclass(frozen=True)
class Person:
    """One person a letter lists or names: as printed."""

    name: str
    identity: str  # NIP as printed, else NUPTK
    nip: str  # NIP as printed, "" when none
    rank: str  # pangkat/golongan
    position: str  # jabatan
    unit: str  # sekolah or instansi
    region: str  # kab/kota
    role: str  # "Guru Mitra", "Panitia", "Narasumber"
    group: str  # peserta, panitia, narasumber
    subject: str = ""


@dataclass(frozen=True)
class PairGroup:
    """One top-tier mentor and everyone under them: (number, person, depth) depth first."""

    mentor: Person
    rows: tuple[tuple[str, Person, int], ...]


@dataclass(frozen=True)
class LetterView:
    kind: str
    profile: OfficeProfile
    program: Program
    activity: activities.Activity
    number: str
    day: dt.date
    place: str  # "Ditetapkan di ..."
    place_date: str  # "Pekalongan, 12 September 2018"
    texts: dict  # section -> filled text
    people: tuple[Person, ...]  # the lampiran's list (undangan, tugas)
    person_texts: tuple[dict, ...] = ()  # per-person Surat Tugas: each one's texts
    groups: tuple[PairGroup, ...] = ()  # SK: Lampiran I
    staff: tuple[Person, ...] = ()  # SK: Lampiran II

    @property
    def label(self) -> str:
        return KINDS[self.kind]

    @property
    def date_text(self) -> str:
        return ind.format_date(self.day, with_weekday=False)


def office_name(profile: OfficeProfile) -> str:
    """`Dinas Pendidikan Kota Pekalongan` from the letterhead's lines."""
    words = (profile.name or "Dinas Pendidikan").split()
    name = " ".join(w.lower() if w.lower() in _SMALL_WORDS and i else w.capitalize()
                    for i, w in enumerate(words))
    region = profile.region
    return f"{name} {region}" if region and region.lower() not in name.lower() else name


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " dan " + items[-1]


def _participant(row: dict, program: Program) -> Person:
    nip = ind.format_nip(row["nip"]) if row.get("nip") else ""
    return Person(row["name"], nip or row.get("nuptk") or "", nip, row.get("rank") or "",
                  row.get("position") or programs.role_title(program.label(row["tier"]), program.kind), row.get("school") or "",
                  row.get("region") or "", programs.role_title(program.label(row["tier"]), program.kind), "peserta",
                  row.get("subject") or "")


def _staff(member: activities.StaffMember) -> Person:
    nip = ind.format_nip(member.nip) if member.nip else ""
    role = activities.STAFF_ROLES.get(member.role, member.role)
    return Person(member.name, nip, nip, "", member.position or role, member.institution, "",
                  role, member.role)


def letter_day(activity: activities.Activity, today: dt.date | None = None) -> dt.date:
    """A letter's default date: today for an activity still ahead, else a week before it
    starts (letters go out before the activity, even when printed later)."""
    today = today or dt.date.today()
    return today if today < activity.start else activity.start - dt.timedelta(days=7)


def _waktu(db, activity: activities.Activity) -> str:
    starts = [item.start for item in activities.list_items(db, activity.id)
              if item.day == activity.start and item.start]
    if not starts:
        return "menyesuaikan jadwal kegiatan"
    zone = activities.time_zone(db, activity.region_code)
    return f"{ind.format_time(min(starts), zone)} s.d. selesai"


def _values(db, kind: str, activity, program: Program, profile: OfficeProfile, day: dt.date,
            place: str, count: int) -> dict[str, str]:
    dinas = office_name(profile)
    present = sorted({r["tier"] for r in activities.activity_participants(db, activity.id, program)})
    tiers = _join([programs.role_title(program.label(t), program.kind)  # those taking part
                   for t in present or range(1, program.tiers + 1)])
    start, end = activity.start, activity.end
    days = ind.DAYS[start.weekday()] if start == end else (
        f"{ind.DAYS[start.weekday()]} s.d. {ind.DAYS[end.weekday()]}")
    program_name = program.name if str(program.year) in program.name else (
        f"{program.name} Tahun {program.year}")
    invitation = numbering.held_letter(db, activity.id, "undangan")
    decree = numbering.held_letter(db, activity.id, "sk")
    values = {
        "dinas": dinas, "kab_kota": profile.region, "kota": place,
        "kepala_dinas": profile.head.name or DOTS,
        "jabatan_kepala": profile.head.position or f"Kepala {dinas}",
        "program": program_name, "tahun": str(program.year), "jenjang": program.jenjang,
        "tingkat": tiers, "kegiatan": activity.title, "jenis_kegiatan": activity.kind_label,
        "tanggal": ind.format_date_range(start, end),
        "hari_tanggal": f"{days}, {ind.format_date_range(start, end)}",
        "waktu": _waktu(db, activity), "tempat": activity.venue or DOTS,
        "jumlah_peserta": str(count), "peran": WHO["semua"],
        "nomor_undangan": invitation[0] if invitation else DOTS,
        "tanggal_undangan": ind.format_date(invitation[1], False) if invitation else DOTS,
        "nomor_sk": decree[0] if decree else DOTS,
        "tanggal_surat": ind.format_date(day, with_weekday=False),
    }
    values["tentang"] = fill(load_template(db, "sk")["tentang"], {**values, "tentang": ""})
    return values


def _filled(sections: dict[str, str], values: dict[str, str]) -> dict[str, str]:
    return {name: fill(text, values) for name, text in sections.items()}


def _pair_groups(db, program: Program, activity_ids: set[int]) -> list[PairGroup]:
    """Every top-tier mentor above one of the activity's participants, with the activity's
    people under them (the program's pairs: participants.mentor_id); a mentor of the
    program who is not at the activity still heads the group of their mentees there."""
    rows = programs.list_participants(db, program.id)
    by_id = {row["id"]: row for row in rows}
    children: dict[int, list[dict]] = {}
    for row in rows:  # list_participants orders by tier then name
        if row["mentor_id"] in by_id:
            children.setdefault(row["mentor_id"], []).append(row)
    roots: dict[int, None] = {}
    shown: set[int] = set()  # the activity's participants and those above them
    for pid in sorted(activity_ids, key=lambda i: (by_id[i]["tier"], by_id[i]["name_key"] or "")
                      if i in by_id else (99, "")):
        seen, current = set(), by_id.get(pid)
        while current and current["mentor_id"] in by_id and current["id"] not in seen:
            seen.add(current["id"])
            current = by_id[current["mentor_id"]]
        shown |= seen | ({current["id"]} if current else set())
        if current and current["id"] != pid:  # a mentor of the activity's people
            roots.setdefault(current["id"])

    def walk(parent: int, prefix: str, depth: int, seen: set) -> list:
        result = []
        kept = [c for c in children.get(parent, []) if c["id"] in shown]
        for index, child in enumerate(kept, start=1):
            if child["id"] in seen:  # a loop in damaged data must not hang the letter
                continue
            seen.add(child["id"])
            number = f"{prefix}{index}"
            result.append((number, _participant(child, program), depth))
            result += walk(child["id"], f"{number}.", depth + 1, seen)
        return result

    ordered = sorted(roots, key=lambda i: ((by_id[i]["subject"] or "").casefold(),
                                           by_id[i]["name_key"] or by_id[i]["name"]))
    return [PairGroup(_participant(by_id[r], program), tuple(walk(r, "", 1, {r})))
            for r in ordered]


def letter_view(db, activity_id: int, kind: str, *, number: str, day: dt.date,
                place: str | None = None, place_date: str | None = None, who: str = "semua",
                per_person: bool = False) -> LetterView:
    """Everything a letter prints, read at once. Raises ValidationError when the letter
    would list nobody (no participants; an SK without pairs) and NotFoundError for an
    unknown activity."""
    if kind not in KINDS:
        raise ValidationError(f"Jenis surat '{kind}' tidak dikenal; pilihannya: {', '.join(KINDS)}.")
    if who not in WHO:
        raise ValidationError(f"Pilihan '{who}' tidak dikenal; pilihannya: {', '.join(WHO)}.")
    with snapshot(db):
        activity = activities.get_activity(db, activity_id)
        program = programs.get_program(db, activity.program_id)
        profile = office.load_profile(db)
        place = profile.city if place is None else place
        place_date = place_date or (f"{place}, " if place else "") + ind.format_date(day, False)
        rows = activities.activity_participants(db, activity_id, program)
        staff = [_staff(m) for m in activities.list_staff(db, activity_id)]
        participants = [_participant(row, program) for row in rows]
        groups: list[PairGroup] = []
        if kind == "undangan":
            people = participants
        elif kind == "tugas":
            people = [p for p in participants + staff if who in ("semua", p.group)]
        else:
            groups = _pair_groups(db, program, {row["id"] for row in rows})
            people = [g.mentor for g in groups] + [p for g in groups for _, p, _ in g.rows]
        if not people:
            raise ValidationError(_nobody(kind, who, activity))
        values = _values(db, kind, activity, program, profile, day, place, len(people))
        values["peran"] = WHO[who]
        sections = load_template(db, kind)
        person_texts = ()
        if kind == "tugas" and per_person:
            person_texts = tuple(_filled(sections, {**values, "peran": _role_text(p)})
                                 for p in people)
        return LetterView(kind, profile, program, activity, number, day, place, place_date,
                          _filled(sections, values), tuple(people), person_texts,
                          tuple(groups), tuple(staff if kind == "sk" else ()))


def _role_text(person: Person) -> str:
    return f"peserta ({person.role})" if person.group == "peserta" else person.role.lower()


def _nobody(kind: str, who: str, activity: activities.Activity) -> str:
    title = f"kegiatan '{activity.title}'"
    if kind == "sk":
        return (f"SK Kepala Dinas tidak dicetak: peserta {title} belum berpasangan (belum ada "
                "pasangan inti - mitra - imbas). Tetapkan pasangannya dulu di menu Pasangan.")
    if kind == "tugas" and who != "semua":
        return f"Surat Tugas tidak dicetak: {title} belum mempunyai {WHO[who]}."
    what = "peserta" if kind == "undangan" else "peserta, panitia, maupun narasumber"
    return f"{KINDS[kind]} tidak dicetak: {title} belum mempunyai {what}."
