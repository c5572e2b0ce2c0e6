"""Issuing certificates into the register: who gets one and under which number, the data
each certificate freezes (gathered once for a whole batch), voiding and re-issuing."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass

from .. import activities, attendance, office, programs
from ..activities import Activity, Item
from ..errors import NotFoundError, ValidationError
from .numbering import collision_error, get_pattern, last_number, move_counter, taken_numbers
from .signing import Signer


@dataclass
class Planned:
    participant: dict
    number: str
    running: int
    jp: float


@dataclass
class IssuePlan:
    activity_id: int
    issued_on: dt.date
    planned: list[Planned]
    refused: list[tuple[dict, str]]  # participant, why no certificate
    already: list[dict]  # participants who hold a valid certificate of this activity
    problem: str = ""  # why nothing can be issued as planned (a number already taken)


def plan_issue(db, activity_id: int, issued_on: dt.date) -> IssuePlan:
    """Who gets a certificate of the activity and under which number (nothing written): the
    eligible participants (attendance recap) without a valid one yet, numbered in order."""
    return _plan(db, activities.get_activity(db, activity_id), issued_on)


def _plan(db, activity: Activity, issued_on: dt.date) -> IssuePlan:
    pattern = get_pattern(db, activity.program_id)
    _sessions, rows = attendance.recap(db, activity.id)
    holding = {r[0] for r in db.execute(
        "SELECT participant_id FROM certificates WHERE activity_id = ? AND voided_at IS NULL",
        [activity.id])}
    last = last_number(db, activity.program_id, issued_on.year)
    plan = IssuePlan(activity.id, issued_on, [], [], [])
    for row in rows:
        person = row.participant
        if person["id"] in holding:
            plan.already.append(person)
        elif not row.eligible:
            plan.refused.append((person, "; ".join(row.reasons)))
        elif person["left_roster"]:
            plan.refused.append((person, "tidak ada lagi di daftar guru"))
        else:
            last += 1
            plan.planned.append(Planned(person, pattern.render(last, issued_on), last, row.jp))
    taken = taken_numbers(db, [item.number for item in plan.planned])
    if taken:
        number = next(iter(taken))
        plan.problem = str(collision_error(number, taken[number]))
    return plan


# ---------------------------------------------------------------- what a certificate freezes

def structure_of(items: list[Item]) -> list[list]:
    """'Struktur Program' for the back page: each rundown subject with JP, once (parallel
    sessions at several host schools count once), in rundown order."""
    seen, rows = set(), []
    for item in items:
        key = (item.day, item.start, item.description)
        if item.jp and key not in seen:
            seen.add(key)
            rows.append([item.description, item.jp])
    return rows


def structure(db, activity_id: int) -> list[list]:
    """The activity's 'Struktur Program' from its rundown as it is now."""
    return structure_of(activities.list_items(db, activity_id))


@dataclass(frozen=True)
class Batch:
    """What every certificate of one activity prints alike, read once for a whole batch:
    a certificate freezes it with the person's own data, so that later edits of the roster,
    the activity or the office never change a certificate already issued."""

    activity: Activity
    program: programs.Program
    city: str
    signatories: tuple[dict, ...]
    structure: tuple[tuple[str, float], ...]

    def frozen(self, person: dict, jp: float) -> dict:
        """The certificate's data, as the register keeps it (JSON)."""
        activity, program = self.activity, self.program
        return {
            "name": person["name"], "nuptk": person["nuptk"], "nip": person["nip"],
            "school": person["school"], "region": person["region"], "rank": person.get("rank"),
            "tier": person["tier"], "tier_label": person["tier_label"], "subject": person["subject"],
            "program": program.name, "program_year": program.year,
            "program_kind": program.kind, "activity": activity.title,
            "kind": activity.kind_label, "start": activity.start.isoformat(),
            "end": activity.end.isoformat(), "place": activity.venue, "city": self.city, "jp": jp,
            "signatories": [dict(s) for s in self.signatories],
            "structure": [list(s) for s in self.structure],
        }


def read_batch(db, activity: Activity) -> Batch:
    """The activity's part of its certificates: program, kab/kota, the office's
    signatories and the rundown's structure."""
    profile = office.load_profile(db)
    return Batch(activity, programs.get_program(db, activity.program_id),
                 activities.region_name(db, activity.region_code),
                 tuple({"name": s.name, "position": s.position, "rank": s.rank, "nip": s.nip}
                       for s in (profile.head, profile.second) if s.name),
                 tuple(tuple(s) for s in structure(db, activity.id)))


def _sealed(batch: Batch, signer: Signer, person: dict, number: str, jp: float,
            issued_on: dt.date) -> tuple[dict, str]:
    """A certificate's frozen data and its signed QR text."""
    data = batch.frozen(person, jp)
    return data, signer.sign(number, data["name"], data["nip"] or data["nuptk"] or "", jp,
                             issued_on.isoformat())


# ---------------------------------------------------------------- issue, void, re-issue

def issue(db, activity_id: int, issued_on: dt.date) -> list[int]:
    """Issue the planned certificates in one transaction; returns their register ids.
    The counter moves past every number given, so no number is ever given twice."""
    try:
        return _issue(db, activity_id, issued_on)
    except sqlite3.IntegrityError as exc:  # the register's UNIQUE number: never a raw error
        raise ValidationError("Nomor sertifikat bentrok dengan nomor yang sudah ada; tidak ada yang "
                              "diterbitkan. Periksa pola nomor program ini.") from exc


def _issue(db, activity_id: int, issued_on: dt.date) -> list[int]:
    activity = activities.get_activity(db, activity_id)
    with db.atomic():
        plan = _plan(db, activity, issued_on)  # inside the transaction: no race
        if plan.problem:
            raise ValidationError(plan.problem)
        if not plan.planned:
            return []
        batch, signer = read_batch(db, activity), Signer(db)
        ids = []
        for item in plan.planned:
            data, code = _sealed(batch, signer, item.participant, item.number, item.jp, issued_on)
            ids.append(db.execute(
                "INSERT INTO certificates (number, running, program_id, activity_id, participant_id,"
                " issued_on, jp, data, verification) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [item.number, item.running, activity.program_id, activity_id,
                 item.participant["id"], issued_on.isoformat(), item.jp,
                 json.dumps(data, ensure_ascii=False), code]).lastrowid)
        move_counter(db, activity.program_id, issued_on.year, plan.planned[-1].running)
    return ids


def preview_rows(db, plan: IssuePlan) -> list[dict]:
    """The planned certificates as the register will hold them (nothing written except the
    office key on its first use): for the preview before issuing."""
    if not plan.planned:
        return []
    batch = read_batch(db, activities.get_activity(db, plan.activity_id))
    signer = Signer(db)
    rows = []
    for item in plan.planned:
        data, code = _sealed(batch, signer, item.participant, item.number, item.jp,
                             plan.issued_on)
        rows.append({"id": None, "number": item.number, "issued_on": plan.issued_on.isoformat(),
                     "jp": item.jp, **data, "void_reason": None, "voided": False,
                     "replaces": None, "verification": code, "activity_id": plan.activity_id})
    return rows


def void(db, number: str, reason: str) -> None:
    """Mark a certificate void; its number stays taken."""
    if not reason or not reason.strip():
        raise ValidationError("Tuliskan alasan pembatalan sertifikat.")
    row = db.execute("SELECT id, voided_at FROM certificates WHERE number = ?", [number]).fetchone()
    if row is None:
        raise NotFoundError(f"Sertifikat nomor {number} tidak ada di register.")
    if row[1] is not None:
        raise ValidationError(f"Sertifikat nomor {number} sudah dibatalkan.")
    with db.atomic():
        db.execute("UPDATE certificates SET void_reason = ?, voided_at = strftime('%Y-%m-%dT%H:%M:%S',"
                   " 'now', 'localtime') WHERE id = ?", [reason.strip(), row[0]])


def reissue(db, number: str, issued_on: dt.date) -> int:
    """A new certificate (next number, today's data) for a voided one; it names the old one."""
    try:
        return _reissue(db, number, issued_on)
    except sqlite3.IntegrityError as exc:
        raise ValidationError("Nomor sertifikat pengganti bentrok dengan nomor yang sudah ada; "
                              "tidak ada yang diterbitkan.") from exc


def _reissue(db, number: str, issued_on: dt.date) -> int:
    row = db.execute("SELECT id, activity_id, participant_id, voided_at, program_id FROM certificates"
                     " WHERE number = ?", [number]).fetchone()
    if row is None:
        raise NotFoundError(f"Sertifikat nomor {number} tidak ada di register.")
    old_id, activity_id, participant_id, voided_at, program_id = row
    if voided_at is None:
        raise ValidationError(f"Batalkan dulu sertifikat nomor {number} sebelum menerbitkan gantinya.")
    if activity_id is None or participant_id is None:
        raise ValidationError("Kegiatan atau peserta sertifikat lama sudah dihapus; tidak dapat "
                              "diterbitkan ulang.")
    replacement = db.execute("SELECT number FROM certificates WHERE replaces_id = ?", [old_id]).fetchone()
    if replacement:
        raise ValidationError(f"Sertifikat {number} sudah diganti dengan nomor {replacement[0]}.")
    holding = db.execute("SELECT number FROM certificates WHERE activity_id = ? AND participant_id = ?"
                         " AND voided_at IS NULL", [activity_id, participant_id]).fetchone()
    if holding:
        raise ValidationError(f"Peserta ini sudah memegang sertifikat berlaku nomor {holding[0]} "
                              "untuk kegiatan yang sama.")
    person = next((p for p in activities.activity_participants(db, activity_id)
                   if p["id"] == participant_id), None)
    if person is None:
        raise ValidationError("Peserta sertifikat lama tidak lagi ikut kegiatan itu.")
    with db.atomic():
        running = last_number(db, program_id, issued_on.year) + 1
        new_number = get_pattern(db, program_id).render(running, issued_on)
        taken = taken_numbers(db, [new_number])
        if taken:
            raise collision_error(new_number, taken[new_number])
        jp = db.execute("SELECT jp FROM certificates WHERE id = ?", [old_id]).fetchone()[0]
        batch = read_batch(db, activities.get_activity(db, activity_id))
        data, code = _sealed(batch, Signer(db), person, new_number, jp, issued_on)
        new_id = db.execute(
            "INSERT INTO certificates (number, running, program_id, activity_id, participant_id, "
            "issued_on, jp, data, replaces_id, verification) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [new_number, running, program_id, activity_id, participant_id, issued_on.isoformat(), jp,
             json.dumps(data, ensure_ascii=False), old_id, code]).lastrowid
        move_counter(db, program_id, issued_on.year, running)
    return new_id
