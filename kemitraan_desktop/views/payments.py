"""The activity's people as the paper for the person prints them (participants by tier,
then panitia, then narasumber), and the daftar penerimaan's view: their rows of money, the
rates, the basis of the days, the signatories. The name tags print the same people."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import activities as act
from .. import office, payments
from ..activities import Activity
from ..office import OfficeProfile, Signatory
from ..programs import Program, get_program
from . import snapshot

WHO = ("peserta", "panitia", "narasumber", "semua")


@dataclass(frozen=True)
class ActivityPerson:
    kind: str  # "peserta", "panitia" or "narasumber"
    name: str
    role: str  # the program's tier label, or panitia / narasumber
    nip: str = ""
    golongan: str = ""
    school: str = ""  # participants' school; staff: their institution
    region: str = ""  # participants' kab/kota
    position: str = ""  # staff: jabatan
    participant_id: int | None = None

    @property
    def role_label(self) -> str:
        return payments.role_label(self.role)

    @property
    def unit(self) -> str:
        """Unit kerja as the list prints it: the school (and kab/kota), or the staff
        member's position and institution."""
        parts = (self.school, self.region) if self.kind == "peserta" else (self.position,
                                                                           self.school)
        return ", ".join(p for p in parts if p)


def activity_people(db, activity_id: int, program: Program | None = None,
                    who: str = "semua") -> tuple[ActivityPerson, ...]:
    """The activity's participants (by tier, then name) and staff (panitia, then
    narasumber, in the order typed), `who` choosing among them."""
    if who not in WHO:
        from ..errors import ValidationError

        raise ValidationError(f"Pilihan '{who}' tidak dikenal: {', '.join(WHO)}.")
    program = program or get_program(db, act.get_activity(db, activity_id).program_id)
    people: list[ActivityPerson] = []
    if who in ("peserta", "semua"):
        rows = act.activity_participants(db, activity_id, program)
        golongan = _golongan_by_person(db, [r["person_id"] for r in rows if r["person_id"]])
        people += [ActivityPerson("peserta", r["name"] or "", r["tier_label"], r["nip"] or "",
                                  golongan.get(r["person_id"], ""), r["school"] or "",
                                  r["region"] or "", participant_id=r["id"]) for r in rows]
    staff = act.list_staff(db, activity_id)
    by_nip = _golongan_by_nip(db, [m.nip for m in staff if m.nip])
    for role in payments.STAFF_ORDER:
        if who not in (role, "semua"):
            continue
        people += [ActivityPerson(role, m.name, role, m.nip, by_nip.get(m.nip, ""),
                                  m.institution, "", m.position)
                   for m in staff if m.role == role]
    return tuple(people)


def _golongan_by_person(db, person_ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for start in range(0, len(person_ids), 500):
        chunk = person_ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        found.update((pid, gol or "") for pid, gol in db.execute(
            f"SELECT id, golongan FROM people WHERE id IN ({marks})", chunk))
    return found


def _golongan_by_nip(db, nips: list[str]) -> dict[str, str]:
    """A committee member or speaker who is also on the roster: their golongan from there."""
    if not nips:
        return {}
    marks = ", ".join("?" for _ in nips)
    return {nip: gol or "" for nip, gol in db.execute(
        f"SELECT nip, golongan FROM people WHERE nip IN ({marks})", nips)}


def attended_days(db, activity_id: int) -> dict[int, int] | None:
    """participant id -> the days with at least one 'hadir' mark; None when no attendance
    has been recorded for the activity (then everyone is paid for its days)."""
    if db.execute("SELECT 1 FROM attendance_marks WHERE activity_id = ? LIMIT 1",
                  [activity_id]).fetchone() is None:
        return None
    return {pid: n for pid, n in db.execute(
        "SELECT participant_id, count(DISTINCT day) FROM attendance_marks WHERE "
        "activity_id = ? AND status = 'hadir' GROUP BY participant_id", [activity_id])}


@dataclass(frozen=True)
class PaymentsView:
    profile: OfficeProfile
    activity: Activity
    program: Program
    city: str  # the activity's kab/kota
    people: tuple[ActivityPerson, ...]
    rows: tuple[payments.PaymentRow, ...]  # one per person of a paid role, in order
    rates: dict  # role -> item -> rupiah
    roles: tuple[str, ...]
    from_attendance: bool  # participants' days are the days they came
    treasurer: Signatory

    @property
    def days(self) -> int:
        return len(self.activity.days)

    @property
    def last_day(self) -> dt.date:
        return self.activity.end


def payments_view(db, activity_id: int, rates: dict | None = None) -> PaymentsView:
    """Everything the daftar penerimaan prints, read at once (`rates`: amounts not saved
    yet, else the activity's saved rates). Raises NotFoundError for an unknown activity."""
    with snapshot(db):
        activity = act.get_activity(db, activity_id)
        program = get_program(db, activity.program_id)
        people = activity_people(db, activity_id, program)
        rates = rates if rates is not None else payments.load_rates(db, activity_id)
        came = attended_days(db, activity_id)
        days = len(activity.days)
        payees = []
        paid_roles = {role for role, items in rates.items() if any(items.values())}
        for person in people:
            if person.role not in paid_roles:  # a role this list does not pay (no rates)
                continue
            paid_days, absent = days, False
            if came is not None and person.kind == "peserta":
                paid_days = came.get(person.participant_id, 0)
                absent = paid_days == 0
            payees.append(payments.Payee(person.name, person.role, person.nip, person.golongan,
                                         person.unit, paid_days, absent))
        return PaymentsView(office.load_profile(db), activity, program,
                            act.region_name(db, activity.region_code), people,
                            tuple(payments.payment_rows(payees, rates)), rates,
                            tuple(payments.roles(db, activity_id)), came is not None,
                            payments.load_treasurer(db))
