"""The pendampingan log: one entry per contact between a mentor and a mentee of a program,
checked against the program's pairs, stored with its evidence in one transaction."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from .. import indonesia as ind
from ..activities import format_jp
from ..errors import NotFoundError, ValidationError
from ..programs import Program, get_program
from ..store import map_storage_errors
from .evidence import MAX_FILES, read_evidence, store_evidence
from .written import parse_day

MODES = {"tatap-muka": "Tatap muka", "daring": "Daring", "telepon": "Telepon/WhatsApp",
         "surel": "Surel"}
MODE_HINT = "tulis Tatap muka, Daring, Telepon/WhatsApp atau Surel"
# How mitra write the mode, with case, spaces and punctuation removed.
_MODE_WORDS = {
    "tatap-muka": ("tatapmuka", "tatapmukaluring", "luringtatapmuka", "tm", "luring", "offline",
                   "langsung", "bertemulangsung", "pertemuan", "pertemuanlangsung", "kunjungan",
                   "kunjungansekolah", "kunjungankesekolah", "visitasi", "tatapmukalangsung"),
    "daring": ("daring", "online", "dalamjaringan", "daringonline", "onlinedaring", "vicon",
               "videoconference", "videokonferensi", "zoom", "zoommeeting", "googlemeet", "gmeet",
               "meet", "webinar", "videocall", "daringzoom", "daringgooglemeet"),
    "telepon": ("telepon", "telpon", "telp", "tlp", "telephone", "phone", "teleponwhatsapp",
                "teleponwa", "telponwa", "whatsapp", "wa", "watsap", "whatsappwa", "watelepon",
                "whatsapptelepon", "chat", "chatwa", "chatwhatsapp", "grupwa", "wagrup", "wagroup",
                "sms", "telponwhatsapp", "teleponsms", "hp", "telepondanwhatsapp"),
    "surel": ("surel", "email", "surat", "suratelektronik", "surelemail", "emailsurel", "mail",
              "gmail", "viaemail"),
}
_MODE_BY_WORD = {word: code for code, words in _MODE_WORDS.items() for word in words}
MAX_TOPIC = 2_000
MAX_TEXT = 5_000
MAX_JP = 24
MAX_MINUTES = 1_440
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
TEXT_FIELDS = ("agreed", "follow_up", "notes")
TEXT_LABELS = {"topic": "Topik", "agreed": "Kesepakatan", "follow_up": "Tindak lanjut",
               "notes": "Catatan"}


def parse_mode(value) -> str:
    """A mode as written (`Tatap muka`, `luring`, `WA`, `Telepon/WhatsApp`, `e-mail`,
    `tatap-muka`) -> its code in MODES. Raises ValueError with an Indonesian message."""
    text = " ".join(str(value if value is not None else "").split())
    key = re.sub(r"[^a-z0-9]", "", text.lower())
    if not key:
        raise ValueError(f"bentuk pendampingan kosong; {MODE_HINT}")
    if key in _MODE_BY_WORD:
        return _MODE_BY_WORD[key]
    raise ValueError(f"'{text}' bukan bentuk pendampingan yang dikenal; {MODE_HINT}")


@dataclass
class Entry:
    """One contact of the log, as stored."""

    id: int | None
    program_id: int
    mentor_id: int  # participants.id
    mentee_id: int  # participants.id
    day: dt.date
    mode: str  # a key of MODES
    topic: str
    jp: float | None = None
    minutes: int | None = None
    agreed: str = ""
    follow_up: str = ""
    notes: str = ""
    source: str = "app"

    @property
    def mode_label(self) -> str:
        return MODES.get(self.mode, self.mode)

    def key(self) -> tuple[int, int, str, str]:
        """What makes two entries the same contact: the pair, the day and the topic."""
        return self.mentor_id, self.mentee_id, self.day.isoformat(), topic_key(self.topic)


def topic_key(topic: str) -> str:
    return " ".join(str(topic or "").split()).casefold()


# ---------------------------------------------------------------- who may log with whom

@dataclass(frozen=True)
class Member:
    id: int
    tier: int
    mentor_id: int | None
    name: str
    nuptk: str | None
    nip: str | None
    name_key: str


class ProgramPeople:
    """The program's participants as the log's checks need them, read in one query (an
    import checks thousands of rows against them)."""

    def __init__(self, db: Database, program: Program):
        self.program = program
        self.members: dict[int, Member] = {}
        self.by_number: dict[str, Member] = {}
        self.by_name: dict[str, list[Member]] = {}
        for pid, tier, mentor, name, nuptk, nip, key in db.execute(
                "SELECT t.id, t.tier, t.mentor_id, coalesce(p.full_name, t.name), "
                "coalesce(p.nuptk, t.nuptk), coalesce(p.nip, t.nip), p.name_key "
                "FROM participants t LEFT JOIN people p ON p.id = t.person_id "
                "WHERE t.program_id = ?", [program.id]):
            member = Member(pid, tier, mentor, name or "", nuptk, nip, key or ind.name_key(name or ""))
            self.members[pid] = member
            for number in (nuptk, nip):
                if number:
                    self.by_number[number] = member
            self.by_name.setdefault(member.name_key, []).append(member)

    def get(self, participant_id: int | None) -> Member | None:
        return self.members.get(participant_id) if participant_id is not None else None

    def named(self, text: str) -> list[Member]:
        """The participants whose name (titles aside) is exactly this one."""
        return list(self.by_name.get(ind.name_key(text), []))

    def mentors_of(self, member: Member) -> list[Member]:
        """The mentee's mentor, that mentor's mentor, and so on up to the top tier."""
        chain, seen = [], {member.id}
        current = self.get(member.mentor_id)
        while current is not None and current.id not in seen:
            chain.append(current)
            seen.add(current.id)
            current = self.get(current.mentor_id)
        return chain

    def who(self, member: Member) -> str:
        return f"{member.name} ({self.program.role(member.tier)})"

    def pair_problem(self, mentor_id: int, mentee_id: int) -> str | None:
        """Why this mentor may not log a contact with this mentee, or None. The mentor must
        be the mentee's own mentor in the program or one above them: a guru inti may mentor
        the imbas of their own mitra; nobody mentors across pairs."""
        mentor, mentee = self.get(mentor_id), self.get(mentee_id)
        where = f"program '{self.program.title}'"
        if mentor is None:
            return f"Pembimbing (peserta id {mentor_id}) bukan peserta {where}."
        if mentee is None:
            return f"Peserta yang didampingi (peserta id {mentee_id}) bukan peserta {where}."
        if mentor.id == mentee.id:
            return f"Pembimbing dan yang didampingi orang yang sama ({mentor.name})."
        chain = self.mentors_of(mentee)
        if any(m.id == mentor.id for m in chain):
            return None
        if not chain:
            return (f"{self.who(mentee)} belum punya pembimbing di {where}; pasangkan dulu, "
                    "lalu catat pendampingannya.")
        above = " dan di atasnya ".join(self.who(m) for m in chain)
        role = self.program.role
        allowed = (f" ({role(1)} boleh mendampingi {role(3)} dampingan {role(2)}-nya)"
                   if self.program.tiers >= 3 else "")
        return (f"{self.who(mentor)} bukan pembimbing {mentee.name}: {mentee.name} dibimbing "
                f"oleh {above}. Pendampingan dicatat oleh pembimbingnya sendiri atau yang di "
                f"atasnya{allowed}.")


# ---------------------------------------------------------------- checks

def _text(value, label: str, limit: int, errors: dict, key: str) -> str:
    raw = ind.INVISIBLE.sub("", str(value if value is not None else ""))  # a topic of fillers is empty
    lines = (" ".join(line.split()) for line in raw.splitlines())
    text = "\n".join(line for line in lines if line)
    if len(text) > limit:
        errors[key] = f"{label} terlalu panjang ({len(text)} huruf; paling banyak {limit})."
    return text


def _day(value, program: Program, today: dt.date, errors: dict) -> dt.date | None:
    try:
        day = parse_day(value)
    except ValueError as exc:
        errors["day"] = f"Tanggal {exc}."
        return None
    if day > today:
        errors["day"] = (f"Tanggal {ind.format_date(day, with_weekday=False)} belum tiba; "
                         "pendampingan dicatat setelah terjadi.")
    elif day.year < program.year:
        errors["day"] = (f"Tanggal {ind.format_date(day, with_weekday=False)} sebelum tahun "
                         f"program ({program.year}); periksa tahunnya.")
    return day


def parse_jp_value(value) -> float | None:
    """A JP typed or read: None when blank; `2`, `1,5`, `2 JP`. Raises ValueError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = re.sub(r"\s*(jp|jpl)\.?$", "", value.strip(), flags=re.IGNORECASE) \
        if isinstance(value, str) else value
    try:
        jp = ind.parse_number(text)
    except ValueError:
        raise ValueError(f"JP '{value}' bukan angka; tulis misalnya 2 atau 1,5") from None
    if not 0 <= jp <= MAX_JP:
        raise ValueError(f"JP harus antara 0 dan {MAX_JP} (tertulis {format_jp(jp)})")
    return jp


def parse_minutes_value(value) -> int | None:
    """Minutes typed or read: None when blank; `90`, `90 menit`. Raises ValueError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = re.sub(r"\s*(menit|mnt|min|m)\.?$", "", value.strip(), flags=re.IGNORECASE) \
        if isinstance(value, str) else value
    try:
        number = ind.parse_number(text)
    except ValueError:
        raise ValueError(f"Menit '{value}' bukan angka; tulis misalnya 90") from None
    if not float(number).is_integer():
        raise ValueError(f"Menit harus bilangan bulat (tertulis {format_jp(number)})")
    if not 0 <= number <= MAX_MINUTES:
        raise ValueError(f"Menit harus antara 0 dan {MAX_MINUTES} (tertulis {int(number)})")
    return int(number)


def check_entry(program: Program, people: ProgramPeople, mentor_id: int, mentee_id: int, day,
                mode, topic, *, jp=None, minutes=None, agreed="", follow_up="", notes="",
                today: dt.date | None = None) -> tuple[dict, dict[str, str]]:
    """The entry's values cleaned, and its problems by field (`pair`, `day`, `mode`,
    `topic`, `jp`, `minutes`, `agreed`, `follow_up`, `notes`), each a sentence in
    Indonesian for the field it concerns; no problems: the entry can be stored.

    `day` is a date or a date as written (`2019-11-12`, `12/11/2019`, `12 November 2019`);
    not in the future, not before the program's year. `jp` 0-24 (`1,5` read with the
    decimal comma), `minutes` 0-1440, either may be None. The topic is required."""
    errors: dict[str, str] = {}
    problem = people.pair_problem(mentor_id, mentee_id)
    if problem:
        errors["pair"] = problem
    clean_day = _day(day, program, today or dt.date.today(), errors)
    clean_mode = None
    try:
        clean_mode = parse_mode(mode)
    except ValueError as exc:
        errors["mode"] = f"Bentuk: {exc}."
    clean_topic = _text(topic, "Topik", MAX_TOPIC, errors, "topic")
    if not clean_topic and "topic" not in errors:
        errors["topic"] = "Topik wajib diisi: apa yang dibahas dalam pendampingan ini."
    values: dict = {"mentor_id": mentor_id, "mentee_id": mentee_id, "day": clean_day,
                    "mode": clean_mode, "topic": clean_topic}
    for key, parse in (("jp", parse_jp_value), ("minutes", parse_minutes_value)):
        try:
            values[key] = parse(jp if key == "jp" else minutes)
        except ValueError as exc:
            errors[key] = f"{exc}."
            values[key] = None
    for key, value in (("agreed", agreed), ("follow_up", follow_up), ("notes", notes)):
        values[key] = _text(value, TEXT_LABELS[key], MAX_TEXT, errors, key)
    return values, errors


def refuse(errors: dict[str, str]) -> ValidationError:
    """The refusal of an entry: `problems` are (field, message) for the form, the message
    (and its details, one line per problem) for the command line and the error dialog."""
    messages = list(errors.values())
    if len(messages) == 1:
        return ValidationError(f"Pendampingan tidak disimpan: {messages[0]}",
                               problems=list(errors.items()))
    return ValidationError(f"Pendampingan tidak disimpan ({len(messages)} masalah):",
                           problems=list(errors.items()), details=messages)


# ---------------------------------------------------------------- storage

_COLUMNS = ("program_id, mentor_id, mentee_id, day, mode, jp, minutes, topic, agreed, "
            "follow_up, notes, source")


def existing_keys(db: Database, program_id: int) -> dict[tuple[int, int, str, str], int]:
    """The entries already stored, by Entry.key(), with their ids."""
    return {(mentor, mentee, day, topic_key(topic)): log_id
            for log_id, mentor, mentee, day, topic in db.execute(
                "SELECT id, mentor_id, mentee_id, day, topic FROM mentoring_log "
                "WHERE program_id = ?", [program_id])}


def insert_entries(db: Database, entries: Iterable[Entry]) -> list[int]:
    """Insert checked entries; the caller holds the transaction."""
    return [db.execute(
        f"INSERT INTO mentoring_log ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [e.program_id, e.mentor_id, e.mentee_id, e.day.isoformat(), e.mode, e.jp, e.minutes,
         e.topic, e.agreed or None, e.follow_up or None, e.notes or None, e.source]).lastrowid
        for e in entries]


def _duplicate(db: Database, entry: Entry) -> int | None:
    row = db.execute("SELECT id, topic FROM mentoring_log WHERE mentor_id = ? AND mentee_id = ? "
                     "AND day = ? AND id IS NOT ?",
                     [entry.mentor_id, entry.mentee_id, entry.day.isoformat(), entry.id]).fetchall()
    return next((log_id for log_id, topic in row if topic_key(topic) == topic_key(entry.topic)),
                None)


def _source(source: str) -> str:
    text = " ".join(str(source or "app").split())[:200]
    return text or "app"


def add_entry(db: Database, program_id: int, mentor_id: int, mentee_id: int, day, mode: str,
              topic: str, *, jp=None, minutes=None, agreed: str = "", follow_up: str = "",
              notes: str = "", evidence: Iterable[str | os.PathLike] = (),
              source: str = "app") -> int:
    """Record one contact of a mentor (participants.id) with a mentee in a program, with
    its evidence files; returns the new entry's id.

    Refused with ValidationError (problems by field, see check_entry) when the mentor is
    not the mentee's mentor or one above them in the program, the date is in the future or
    before the program's year, the mode, JP or minutes are wrong, the topic is missing, the
    same pair already has this topic on this day, or an evidence file is not a JPEG/PNG
    photo or a PDF/DOCX/XLSX document (or is damaged, or too large). Photos are turned
    upright and scaled to 1280 px. One transaction: nothing is half-written."""
    program = get_program(db, program_id)
    values, errors = check_entry(program, ProgramPeople(db, program), mentor_id, mentee_id, day,
                                 mode, topic, jp=jp, minutes=minutes, agreed=agreed,
                                 follow_up=follow_up, notes=notes)
    if errors:
        raise refuse(errors)
    entry = Entry(None, program_id, source=_source(source), **values)
    earlier = _duplicate(db, entry)
    if earlier is not None:
        raise refuse({"topic": f"Pendampingan ini sudah tercatat (id {earlier}: pasangan, "
                               "tanggal dan topik yang sama)."})
    files = read_evidence(evidence)
    with map_storage_errors("Menyimpan pendampingan gagal"), db.atomic():
        log_id = insert_entries(db, [entry])[0]
        store_evidence(db, log_id, files)
    return log_id


_FIELDS = ("mentor_id", "mentee_id", "day", "mode", "topic", "jp", "minutes", "agreed",
           "follow_up", "notes")


def get_entry(db: Database, log_id: int) -> Entry:
    row = db.execute(f"SELECT id, {_COLUMNS} FROM mentoring_log WHERE id = ?", [log_id]).fetchone()
    if row is None:
        raise NotFoundError(f"Catatan pendampingan dengan id {log_id} tidak ada.")
    (log_id, program_id, mentor, mentee, day, mode, jp, minutes, topic, agreed, follow_up, notes,
     source) = row
    return Entry(log_id, program_id, mentor, mentee, dt.date.fromisoformat(day), mode, topic, jp,
                 minutes, agreed or "", follow_up or "", notes or "", source or "")


def update_entry(db: Database, log_id: int, *, evidence: Iterable[str | os.PathLike] = (),
                 remove_evidence: Iterable[int] = (), **changes) -> None:
    """Change fields of a stored entry (any of mentor_id, mentee_id, day, mode, topic, jp,
    minutes, agreed, follow_up, notes), add evidence files and remove evidence by id; the
    whole entry is checked again as add_entry checks it. One transaction."""
    unknown = set(changes) - set(_FIELDS)
    if unknown:
        raise TypeError(f"update_entry: unknown fields {sorted(unknown)}")
    old = get_entry(db, log_id)
    merged = {key: getattr(old, key) for key in _FIELDS} | changes
    program = get_program(db, old.program_id)
    mentor, mentee = merged.pop("mentor_id"), merged.pop("mentee_id")
    day, mode, topic = merged.pop("day"), merged.pop("mode"), merged.pop("topic")
    values, errors = check_entry(program, ProgramPeople(db, program), mentor, mentee, day, mode,
                                 topic, **merged)
    removed = [int(i) for i in remove_evidence]
    held = {row[0] for row in db.execute("SELECT id FROM mentoring_evidence WHERE log_id = ?",
                                         [log_id])}
    strangers = [i for i in removed if i not in held]
    if strangers:
        errors["evidence"] = (f"Berkas bukti id {', '.join(map(str, strangers))} bukan milik "
                              "pendampingan ini.")
    if errors:
        raise refuse(errors)
    entry = Entry(log_id, old.program_id, source=old.source, **values)
    earlier = _duplicate(db, entry)
    if earlier is not None:
        raise refuse({"topic": f"Pendampingan yang sama sudah tercatat (id {earlier})."})
    files = read_evidence(evidence)
    if len(held) - len(set(removed)) + len(files) > MAX_FILES:
        raise refuse({"evidence": f"Paling banyak {MAX_FILES} berkas bukti untuk satu "
                                  "pendampingan; tidak ada yang disimpan."})
    with map_storage_errors("Menyimpan pendampingan gagal"), db.atomic():
        db.execute("UPDATE mentoring_log SET mentor_id = ?, mentee_id = ?, day = ?, mode = ?, "
                   "jp = ?, minutes = ?, topic = ?, agreed = ?, follow_up = ?, notes = ? "
                   "WHERE id = ?",
                   [entry.mentor_id, entry.mentee_id, entry.day.isoformat(), entry.mode, entry.jp,
                    entry.minutes, entry.topic, entry.agreed or None, entry.follow_up or None,
                    entry.notes or None, log_id])
        for evidence_id in removed:
            db.execute("DELETE FROM mentoring_evidence WHERE id = ?", [evidence_id])
        store_evidence(db, log_id, files)


def delete_entry(db: Database, log_id: int) -> None:
    """Delete an entry and its evidence."""
    get_entry(db, log_id)
    with map_storage_errors("Menghapus pendampingan gagal"), db.atomic():
        db.execute("DELETE FROM mentoring_evidence WHERE log_id = ?", [log_id])
        db.execute("DELETE FROM mentoring_log WHERE id = ?", [log_id])


# ---------------------------------------------------------------- reading

def check_month(month: str) -> str:
    text = str(month or "").strip()
    if not _MONTH.match(text):
        raise ValidationError(f"Bulan '{month}' harus berbentuk YYYY-MM, misalnya 2019-11.")
    return text


_LIST = """
    SELECT l.id, l.program_id, l.day, l.mode, l.jp, l.minutes, l.topic, l.agreed, l.follow_up,
           l.notes, l.source, l.created_at,
           l.mentor_id, coalesce(pm.full_name, m.name), coalesce(pm.nuptk, m.nuptk),
           coalesce(pm.nip, m.nip), m.tier,
           l.mentee_id, coalesce(pe.full_name, e.name), coalesce(pe.nuptk, e.nuptk),
           coalesce(pe.nip, e.nip), e.tier,
           (SELECT count(*) FROM mentoring_evidence x WHERE x.log_id = l.id)
    FROM mentoring_log l
    JOIN participants m ON m.id = l.mentor_id LEFT JOIN people pm ON pm.id = m.person_id
    JOIN participants e ON e.id = l.mentee_id LEFT JOIN people pe ON pe.id = e.person_id
"""


def list_entries(db: Database, program_id: int, *, mentor_id: int | None = None,
                 mentee_id: int | None = None, month: str | None = None) -> list[dict]:
    """The program's entries, oldest first (a jurnal reads in order), optionally of one
    mentor, one mentee (participants.id) and one month (`YYYY-MM`). Each dict: id,
    program_id, day (date), mode, mode_label, jp, minutes, topic, agreed, follow_up, notes,
    source, created_at, mentor_id, mentor_name, mentor_nuptk, mentor_nip, mentor_tier,
    mentor_tier_label, mentor_role, the same six for mentee_, and evidence (a count)."""
    program = get_program(db, program_id)
    where, params = ["l.program_id = ?"], [program_id]
    if mentor_id is not None:
        where.append("l.mentor_id = ?")
        params.append(mentor_id)
    if mentee_id is not None:
        where.append("l.mentee_id = ?")
        params.append(mentee_id)
    if month is not None:
        where.append("substr(l.day, 1, 7) = ?")
        params.append(check_month(month))
    rows = db.execute(_LIST + " WHERE " + " AND ".join(where) + " ORDER BY l.day, l.id", params)
    result = []
    for row in rows:
        (log_id, pid, day, mode, jp, minutes, topic, agreed, follow_up, notes, source, created,
         *people, count) = row
        item = {"id": log_id, "program_id": pid, "day": dt.date.fromisoformat(day), "mode": mode,
                "mode_label": MODES.get(mode, mode), "jp": jp, "minutes": minutes,
                "topic": topic, "agreed": agreed or "", "follow_up": follow_up or "",
                "notes": notes or "", "source": source or "", "created_at": created}
        for prefix, (pid_, name, nuptk, nip, tier) in (("mentor", people[:5]),
                                                        ("mentee", people[5:])):
            item.update({f"{prefix}_id": pid_, f"{prefix}_name": name, f"{prefix}_nuptk": nuptk,
                         f"{prefix}_nip": nip, f"{prefix}_tier": tier,
                         f"{prefix}_tier_label": program.label(tier),
                         f"{prefix}_role": program.role(tier)})
        item["evidence"] = count
        result.append(item)
    return result


def entries_by_month(db: Database, program_id: int) -> dict[str, int]:
    """Entries per month of the program, `YYYY-MM` -> count, in order (months without any
    are absent)."""
    return {month: n for month, n in db.execute(
        "SELECT substr(day, 1, 7) AS month, count(*) FROM mentoring_log WHERE program_id = ? "
        "GROUP BY month ORDER BY month", [program_id])}


def last_contacts(db: Database, program_id: int) -> dict[tuple[int, int], dt.date]:
    """Each pair's (mentor_id, mentee_id) last logged contact."""
    return {(mentor, mentee): dt.date.fromisoformat(day) for mentor, mentee, day in db.execute(
        "SELECT mentor_id, mentee_id, max(day) FROM mentoring_log WHERE program_id = ? "
        "GROUP BY mentor_id, mentee_id", [program_id])}
