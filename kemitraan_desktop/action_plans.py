"""Rencana aksi / RTL (rencana tindak lanjut): what each participant will do after the OJL,
with whom and by when, its indicator of success, and its progress over the follow-up months."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlite_utils import Database

from . import indonesia as ind
from . import office, programs
from .errors import NotFoundError, ValidationError
from .office import OfficeProfile
from .programs import Program

STATUSES = {"belum": "Belum mulai", "berjalan": "Berjalan", "selesai": "Selesai"}
# How offices write a status in a sheet or a form (compared without case, spaces or dots).
_STATUS_WORDS = {
    "belum": ("belum", "belummulai", "belumdimulai", "belumdilaksanakan", "belumterlaksana",
              "blm", "blmmulai"),
    "berjalan": ("berjalan", "sedangberjalan", "sdgberjalan", "proses", "dalamproses",
                 "sedangproses", "sedangdilaksanakan", "sedangdikerjakan", "masihberjalan"),
    "selesai": ("selesai", "sudahselesai", "telahselesai", "tuntas", "terlaksana",
                "sudahterlaksana", "telahterlaksana", "sudahdilaksanakan", "telahdilaksanakan",
                "tercapai"),
}
_STATUS_BY_WORD = {word: key for key, words in _STATUS_WORDS.items() for word in words}
STATUS_HINT = "tulis Belum mulai, Berjalan atau Selesai"
REACH_YEARS = 2  # a plan is due within the program's year and the two after it
MAX_TEXT = 2000  # characters of one field: a plan is a line or two, not a report

_MONTHS = {name.casefold(): n for n, name in enumerate(ind.MONTHS, start=1)}
_MONTHS.update({name.casefold()[:3]: n for n, name in enumerate(ind.MONTHS, start=1)})
_MONTHS.update({"agt": 8, "ags": 8, "agu": 8, "sept": 9, "nop": 11, "nopember": 11,
                "peb": 2, "pebruari": 2})
_MONTH_YEAR = re.compile(r"^(?:(?:akhir|bulan|s\.?\s*d\.?)\s+)?([A-Za-z]+)\.?\s+(\d{4})$",
                         re.IGNORECASE)


# ---------------------------------------------------------------- values a user types


def parse_status(value: object) -> str:
    """`belum`, `Belum mulai`, `sedang berjalan`, `Selesai`, `tuntas` ... -> the status key.
    Raises ValidationError (Indonesian) for anything else, English words included."""
    word = re.sub(r"[^a-z]", "", str(value or "").casefold())
    if word in _STATUS_BY_WORD:
        return _STATUS_BY_WORD[word]
    shown = str(value or "").strip() or "(kosong)"
    raise ValidationError(f"Status '{shown}' tidak dikenal; {STATUS_HINT}.")


def due_range(program: Program) -> tuple[dt.date, dt.date]:
    """The dates a plan of `program` may be due: from 1 January of the program's year to
    31 December two years later (the follow-up months, and a plan carried into the next
    school years)."""
    return dt.date(program.year, 1, 1), dt.date(program.year + REACH_YEARS, 12, 31)


def parse_due(value: object, program: Program, *, what: str = "Target waktu") -> dt.date:
    """A target date: a date, `2019-11-30`, `30/11/2019`, `30 November 2019`, or a month
    (`November 2019`: its last day), within due_range(program). Raises ValidationError."""
    day = _read_date(value, what)
    first, last = due_range(program)
    if not first <= day <= last:
        raise ValidationError(
            f"{what} {ind.format_date(day, with_weekday=False)} di luar masa tindak lanjut "
            f"program {program.name} tahun {program.year}: isi tanggal antara "
            f"{ind.format_date(first, with_weekday=False)} dan "
            f"{ind.format_date(last, with_weekday=False)}.")
    return day


def _read_date(value: object, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = " ".join(str(value or "").split())
    if not text:
        raise ValidationError(f"{what} wajib diisi (tanggal, misalnya 2019-11-30).")
    month = _MONTH_YEAR.match(text)
    if month and month[1].casefold() in _MONTHS:
        number, year = _MONTHS[month[1].casefold()], int(month[2])
        following = dt.date(year + number // 12, number % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    try:
        return ind.parse_date(text)
    except ValueError:
        raise ValidationError(f"{what} '{text}' bukan tanggal yang sah; tulis misalnya "
                              "2019-11-30, 30/11/2019 atau November 2019.") from None


def _text(value: object, what: str, *, required: bool = False) -> str:
    text = "\n".join(" ".join(line.split()) for line in str(value or "").splitlines()).strip()
    if required and not text:
        raise ValidationError(f"{what} wajib diisi: tulis apa yang akan dilakukan.")
    if len(text) > MAX_TEXT:
        raise ValidationError(f"{what} terlalu panjang ({len(text)} huruf); paling banyak "
                              f"{MAX_TEXT} huruf.")
    return text


def _progress_day(value: object, program: Program) -> dt.date:
    """The day a progress report is about: not before the program's year, not after today."""
    day = dt.date.today() if value in (None, "") else _read_date(value, "Tanggal kemajuan")
    first = due_range(program)[0]
    if day > dt.date.today():
        raise ValidationError(f"Tanggal kemajuan {ind.format_date(day, with_weekday=False)} "
                              "belum terjadi; isi tanggal hari ini atau sebelumnya.")
    if day < first:
        raise ValidationError(f"Tanggal kemajuan {ind.format_date(day, with_weekday=False)} "
                              f"sebelum program tahun {program.year} dimulai.")
    return day


# ---------------------------------------------------------------- writing


def add_plan(db: Database, program_id: int, participant_id: int, action: str, due, *,
             partners: str = "", indicator: str = "", note: str = "") -> int:
    """Add a plan (status Belum mulai) for a participant of the program; returns its id.
    `due` is a date or text parse_due reads. Raises ValidationError (nothing stored) for an
    empty action, a date that is not one or is outside the program's reach, and a
    participant of another program; NotFoundError for an unknown program or participant."""
    program = programs.get_program(db, program_id)
    _check_participant(db, program, participant_id)
    values = _fields(program, action=action, due=due, partners=partners, indicator=indicator,
                     note=note)
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO action_plans (program_id, participant_id, action, partners, due, "
            "indicator, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [program_id, participant_id, values["action"], values["partners"] or None,
             values["due"].isoformat(), values["indicator"] or None, values["note"] or None])
        return cursor.lastrowid


def _check_participant(db: Database, program: Program, participant_id: int) -> None:
    row = db.execute("SELECT program_id FROM participants WHERE id = ?",
                     [participant_id]).fetchone()
    if row is None:
        raise NotFoundError(f"Peserta dengan id {participant_id} tidak ada.")
    if row[0] != program.id:
        raise ValidationError(f"Peserta id {participant_id} bukan peserta program "
                              f"{program.name} tahun {program.year}.")


def _fields(program: Program, **given) -> dict:
    """The given fields checked and cleaned; every problem said at once."""
    clean, problems = {}, []
    checks = {"action": lambda v: _text(v, "Kegiatan/aksi", required=True),
              "partners": lambda v: _text(v, "Sasaran/bersama"),
              "indicator": lambda v: _text(v, "Indikator keberhasilan"),
              "note": lambda v: _text(v, "Keterangan"),
              "due": lambda v: parse_due(v, program)}
    for key, value in given.items():
        try:
            clean[key] = checks[key](value)
        except ValidationError as exc:
            problems.append((key, exc.message))
    if problems:
        raise ValidationError("RTL tidak disimpan: " + " ".join(m for _, m in problems),
                              problems=problems)
    return clean


def update_plan(db: Database, plan_id: int, *, status: str | None = None,
                note: str | None = None, day=None, action: str | None = None, due=None,
                indicator: str | None = None, partners: str | None = None) -> None:
    """Change a plan. A new status, or a note on its progress, is kept in its history
    (action_plan_progress) dated `day` (default today; not in the future); the plan keeps
    the latest note. Fields left None stay as they are. One transaction; ValidationError
    (nothing stored) for a bad status, date or empty action; NotFoundError for an unknown
    plan."""
    plan = get_plan(db, plan_id)
    program = programs.get_program(db, plan["program_id"])
    given = {key: value for key, value in (("action", action), ("due", due),
                                           ("indicator", indicator), ("partners", partners),
                                           ("note", note)) if value is not None}
    problems = []
    try:
        clean = _fields(program, **given)
    except ValidationError as exc:
        clean, problems = {}, list(exc.problems)
    new_status = None
    if status is not None:
        try:
            new_status = parse_status(status)
        except ValidationError as exc:
            problems.append(("status", exc.message))
    progress_day = None
    if new_status is not None or note is not None:
        try:
            progress_day = _progress_day(day, program)
        except ValidationError as exc:
            problems.append(("day", exc.message))
    if problems:
        raise ValidationError("RTL tidak diubah: " + " ".join(m for _, m in problems),
                              problems=problems)
    changes = dict(clean)
    if "due" in changes:
        changes["due"] = changes["due"].isoformat()
    for key in ("partners", "indicator", "note"):
        if key in changes:
            changes[key] = changes[key] or None
    if new_status is not None:
        changes["status"] = new_status
    with db.atomic():
        if changes:
            sets = ", ".join(f"{key} = ?" for key in changes)
            db.execute(f"UPDATE action_plans SET {sets}, updated_at = "
                       "strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') WHERE id = ?",
                       [*changes.values(), plan_id])
        status_changed = new_status is not None and new_status != plan["status"]
        if status_changed or (note is not None and clean.get("note")):
            db.execute("INSERT INTO action_plan_progress (plan_id, day, status, note) "
                       "VALUES (?, ?, ?, ?)",
                       [plan_id, progress_day.isoformat(), new_status or plan["status"],
                        clean.get("note") or None])


def delete_plan(db: Database, plan_id: int) -> None:
    """Delete a plan with its history; NotFoundError for an unknown one."""
    get_plan(db, plan_id)
    with db.atomic():
        db.execute("DELETE FROM action_plans WHERE id = ?", [plan_id])


# ---------------------------------------------------------------- reading

_PLAN_SELECT = """
    SELECT a.id, a.program_id, a.participant_id, a.action, a.partners, a.due, a.indicator,
           a.status, a.note, a.created_at, a.updated_at,
           coalesce(p.full_name, t.name) AS name, coalesce(p.nuptk, t.nuptk) AS nuptk,
           coalesce(p.nip, t.nip) AS nip, t.tier, t.subject, s.name AS school,
           coalesce(mp.full_name, m.name) AS mentor_name,
           (SELECT g.day FROM action_plan_progress g WHERE g.plan_id = a.id
            ORDER BY g.day DESC, g.id DESC LIMIT 1) AS last_day,
           (SELECT g.note FROM action_plan_progress g WHERE g.plan_id = a.id
            ORDER BY g.day DESC, g.id DESC LIMIT 1) AS last_note
    FROM action_plans a
    JOIN participants t ON t.id = a.participant_id
    LEFT JOIN people p ON p.id = t.person_id
    LEFT JOIN schools s ON s.id = p.school_id
    LEFT JOIN participants m ON m.id = t.mentor_id
    LEFT JOIN people mp ON mp.id = m.person_id
"""


def _finish(row: dict, program: Program, as_of: dt.date) -> dict:
    row["due"] = dt.date.fromisoformat(row["due"])
    row["last_day"] = dt.date.fromisoformat(row["last_day"]) if row["last_day"] else None
    row["tier_label"] = program.label(row["tier"])
    row["role"] = program.role(row["tier"])
    row["status_label"] = STATUSES[row["status"]]
    row["overdue"] = row["due"] < as_of and row["status"] != "selesai"
    row["days_overdue"] = (as_of - row["due"]).days if row["overdue"] else 0
    return row


def get_plan(db: Database, plan_id: int, *, as_of: dt.date | None = None) -> dict:
    """One plan as list_plans gives it; NotFoundError for an unknown id."""
    rows = programs.query_rows(db, _PLAN_SELECT + "WHERE a.id = ?", [plan_id])
    if not rows:
        raise NotFoundError(f"RTL dengan id {plan_id} tidak ada.")
    program = programs.get_program(db, rows[0]["program_id"])
    return _finish(rows[0], program, as_of or dt.date.today())


def list_plans(db: Database, program_id: int, *, participant_id: int | None = None,
               as_of: dt.date | None = None) -> list[dict]:
    """The program's plans by tier, name and due date. Each row: id, program_id,
    participant_id, action, partners, due (date), indicator, status (key), status_label,
    note, created_at, updated_at, name, nuptk, nip, tier, tier_label, role, subject,
    school, mentor_name, last_day (date of the last progress, or None), last_note,
    overdue (due before `as_of`, default today, and not selesai) and days_overdue."""
    program = programs.get_program(db, program_id)
    where, params = "WHERE a.program_id = ?", [program_id]
    if participant_id is not None:
        where += " AND a.participant_id = ?"
        params.append(participant_id)
    rows = programs.query_rows(db, _PLAN_SELECT + where + " ORDER BY t.tier, "
                               "coalesce(p.name_key, t.name), t.id, a.due, a.id", params)
    as_of = as_of or dt.date.today()
    return [_finish(row, program, as_of) for row in rows]


def progress(db: Database, plan_id: int) -> list[dict]:
    """A plan's history, oldest first: id, day (date), status, status_label, note,
    created_at. NotFoundError for an unknown plan."""
    get_plan(db, plan_id)
    rows = programs.query_rows(db, "SELECT id, day, status, note, created_at FROM "
                               "action_plan_progress WHERE plan_id = ? ORDER BY day, id",
                               [plan_id])
    for row in rows:
        row["day"] = dt.date.fromisoformat(row["day"])
        row["status_label"] = STATUSES[row["status"]]
    return rows


def summary(db: Database, program_id: int, as_of: dt.date | None = None) -> dict:
    """{"belum", "berjalan", "selesai": plans in each status, "overdue": plans past due and
    not selesai as of `as_of` (default today), "participants_with_plan", "participants"}."""
    programs.get_program(db, program_id)
    as_of = as_of or dt.date.today()
    counts = dict.fromkeys(STATUSES, 0)
    for status, n in db.execute("SELECT status, count(*) FROM action_plans WHERE program_id = ? "
                                "GROUP BY status", [program_id]):
        counts[status] = n
    overdue = db.execute("SELECT count(*) FROM action_plans WHERE program_id = ? AND due < ? "
                         "AND status <> 'selesai'", [program_id, as_of.isoformat()]).fetchone()[0]
    with_plan = db.execute("SELECT count(DISTINCT participant_id) FROM action_plans "
                           "WHERE program_id = ?", [program_id]).fetchone()[0]
    everyone = db.execute("SELECT count(*) FROM participants WHERE program_id = ?",
                          [program_id]).fetchone()[0]
    return {**counts, "overdue": overdue, "participants_with_plan": with_plan,
            "participants": everyone}


# ---------------------------------------------------------------- the printed form's view


@dataclass(frozen=True)
class RtlSheet:
    """One participant's RTL form: who they are, and their plans (none: a blank form)."""

    participant: dict  # programs.list_participants' row (name, nuptk, nip, school, tier ...)
    plans: tuple[dict, ...]  # list_plans' rows


@dataclass(frozen=True)
class RtlView:
    profile: OfficeProfile
    program: Program
    sheets: tuple[RtlSheet, ...]


def rtl_view(db: Database, program_id: int, *, participant_id: int | None = None,
             everyone: bool = False, as_of: dt.date | None = None) -> RtlView:
    """What the printed RTL forms show, read at once: one participant's (`participant_id`),
    every participant's (`everyone`: blank forms for those with no plan yet), or else those
    of the participants who have plans. Raises ValidationError when there is nothing to
    print, NotFoundError for an unknown program or a participant of another program."""
    from .views import snapshot

    with snapshot(db):
        program = programs.get_program(db, program_id)
        people = programs.list_participants(db, program_id)
        plans = list_plans(db, program_id, participant_id=participant_id, as_of=as_of)
        profile = office.load_profile(db)
    by_person: dict[int, list[dict]] = {}
    for plan in plans:
        by_person.setdefault(plan["participant_id"], []).append(plan)
    if participant_id is not None:
        people = [p for p in people if p["id"] == participant_id]
        if not people:
            raise NotFoundError(f"Peserta id {participant_id} bukan peserta program "
                                f"{program.name} tahun {program.year}.")
    elif not everyone:
        people = [p for p in people if p["id"] in by_person]
        if not people:
            raise ValidationError(
                f"Belum ada RTL di program {program.name} tahun {program.year}; tidak ada yang "
                "dicetak. Pilih satu peserta, atau cetak formulir kosong untuk semua peserta.")
    if not people:
        raise ValidationError(f"Program {program.name} tahun {program.year} belum punya "
                              "peserta; tidak ada yang dicetak.")
    return RtlView(profile, program, tuple(RtlSheet(p, tuple(by_person.get(p["id"], ())))
                                           for p in people))
