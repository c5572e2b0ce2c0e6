"""The demo's other office: Kabupaten Gorontalo, which hosted the 2019 OJL 2. It receives
the Pekalongan round in a signed file, records the attendance of the OJL 2 it hosts, and
sends it back, so that a new user sees an exchange without typing anything. Its database
lies beside the demo's (demo-kantor-mitra/), to be opened with Berkas > Buka."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import activities, attendance, exchange, office, store
from .store import Database

PARTNER = office.OfficeProfile(government="PEMERINTAH KABUPATEN GORONTALO",
                               name="DINAS PENDIDIKAN", address="Jl. Ahmad A. Wahab, Limboto",
                               city="Limboto")
FOLDER = "demo-kantor-mitra"


def load_partner(db: Database) -> Path | None:
    """Exchange the demo round with the partner office, once. Returns the partner's
    database, or None when this database already knows a partner office."""
    if exchange.partners(db):
        return None
    source = store.db_file(db)
    folder = source.parent / FOLDER
    folder.mkdir(exist_ok=True)
    path = folder / "kemitraan-gorontalo.db"
    partner = store.open_db(path)
    try:
        office.save_profile(partner, PARTNER)
        to_partner = folder / "dari-pekalongan.kemitraan"
        exchange.export(db, to_partner, full=True)  # a new partner gets everything
        exchange.trust(partner, to_partner)
        exchange.receive(partner, to_partner)
        _mark_ojl2(partner)
        back = folder / "dari-gorontalo.kemitraan"
        exchange.export(partner, back)
        exchange.trust(db, back)
        exchange.receive(db, back)
    finally:
        partner.close()
    return path


def _mark_ojl2(db: Database) -> None:
    """Gorontalo's daftar hadir of the OJL 2 it hosts: everyone present on its first two
    days, one teacher excused on the second."""
    ojl2 = next((e["activity"] for e in activities.list_activities(db)
                 if e["activity"].kind == "ojl2"), None)
    if ojl2 is None:
        return
    second_day = ojl2.start + dt.timedelta(days=1)
    sessions = [s for s in attendance.sessions(db, ojl2.id) if s.day <= second_day]
    taking = activities.activity_participants(db, ojl2.id)
    marks = [attendance.Mark(p["id"], s.day.isoformat(), s.slot,
                             "izin" if (index, s.day) == (2, sessions[-1].day) else "hadir",
                             "rapat MGMP" if (index, s.day) == (2, sessions[-1].day) else "")
             for index, p in enumerate(taking) for s in sessions]
    attendance.set_marks(db, ojl2.id, marks)
