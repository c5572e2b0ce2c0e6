"""The exchange file for a whole round: a 1:3:10 program of 5,284 participants with an
8-day OJL fully marked and its certificates issued, sent by the host office to a partner
that has never heard of it; then a follow-up file after 100 changes.

Usage: python benchmarks/exchange.py [--participants 5284] [--repeats 3]
Targets (issue 18): the first file under 5 MB, its export and its import under 3 s each,
the follow-up file under 100 kB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from import_roster import WORK, fill_people  # noqa: E402


def fixture(participants: int) -> Path:
    """Host office: inti, mitra (3 each) and imbas (10 per mitra) up to `participants`;
    the OJL 1 of 8 days from the template with every session marked; certificates issued."""
    from kemitraan_desktop import activities, attendance, certificates, pairing, programs, store
    from kemitraan_desktop import rundown_templates as templates

    path = WORK / f"exchange_{participants}.db"
    if path.exists():
        return path
    WORK.mkdir(parents=True, exist_ok=True)
    fill_people(path, participants)
    db = store.open_db(path)
    db.execute("UPDATE people SET subject = 'Matematika', jenjang = 'SMP'")
    db.conn.commit()
    ids = [r[0] for r in db.execute("SELECT id FROM people ORDER BY id LIMIT ?", [participants])]
    inti = participants // 34
    mitra = inti * 3
    pid = programs.create_program(db, "Kemitraan Guru SMP", 2019, "SMP", ratios="3,10")
    programs.add_participants(db, pid, ids[:inti], 1)
    programs.add_participants(db, pid, ids[inti:inti + mitra], 2)
    programs.add_participants(db, pid, ids[inti + mitra:], 3)
    pairing.apply_proposal(db, pid, [(p.mentee_id, p.mentor_id) for p in pairing.propose(db, pid).pairs])
    start = dt.date(2019, 9, 9)
    aid = activities.create_activity(db, pid, "ojl1", "On the Job Learning 1", start,
                                     start + dt.timedelta(days=7), city="Kota Pekalongan")
    activities.save_items(db, aid, templates.apply_template(db, aid, templates.find_template(db, "OJL 1 (8 hari)")))
    sessions = attendance.sessions(db, aid)
    taking = [p["id"] for p in activities.activity_participants(db, aid)]
    attendance.set_marks(db, aid, [attendance.Mark(p, *s.key, "hadir" if (p + i) % 23 else "izin")
                                   for p in taking for i, s in enumerate(sessions)])
    certificates.issue(db, aid, start + dt.timedelta(days=7))
    db.close()
    return path


def partner(work: Path) -> Path:
    from kemitraan_desktop import office, store

    path = work / "mitra" / "kemitraan.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    db = store.open_db(path)
    office.save_profile(db, office.OfficeProfile(government="PEMERINTAH KABUPATEN GORONTALO",
                                                 name="DINAS PENDIDIKAN", city="Limboto"))
    db.close()
    return path


def run(participants: int, repeats: int) -> None:
    from kemitraan_desktop import exchange, store

    source = fixture(participants)
    db = store.open_db(source)
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("participants", "rundown_items", "attendance_marks", "certificates")}
    db.close()
    print(f"round: {counts['participants']:,} participants, {counts['rundown_items']} rundown "
          f"items, {counts['attendance_marks']:,} marks, {counts['certificates']:,} certificates")
    exports, imports, sizes = [], [], []
    for _ in range(repeats):
        work = WORK / "exchange_run"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        host_path = work / "host" / "kemitraan.db"
        host_path.parent.mkdir()
        shutil.copy(source, host_path)
        host = store.open_db(host_path)
        target = partner(work)
        t = time.perf_counter()
        sent = exchange.export(host, work / "putaran.kemitraan")
        exports.append(time.perf_counter() - t)
        sizes.append(sent.size)
        mitra = store.open_db(target)
        exchange.trust(mitra, work / "putaran.kemitraan")
        t = time.perf_counter()
        received = exchange.receive(mitra, work / "putaran.kemitraan")
        imports.append(time.perf_counter() - t)
        assert received.applied
        # 100 changes: 60 marks corrected, 30 names with titles added, 10 rundown places
        marks = host.execute("SELECT activity_id, participant_id, day, slot FROM attendance_marks "
                             "LIMIT 60").fetchall()
        for key in marks:
            host.execute("UPDATE attendance_marks SET status = 'sakit' WHERE activity_id = ? AND "
                         "participant_id = ? AND day = ? AND slot = ?", key)
        host.execute("UPDATE people SET full_name = full_name || ', M.Pd.' WHERE id IN "
                     "(SELECT person_id FROM participants LIMIT 30)")
        host.execute("UPDATE rundown_items SET place = 'Aula SMP Negeri 1' WHERE id IN "
                     "(SELECT id FROM rundown_items LIMIT 10)")
        host.conn.commit()
        follow = exchange.export(host, work / "susulan.kemitraan")
        changed = sum(v["berubah"] for v in follow.counts.values())
        t = time.perf_counter()
        again = exchange.receive(mitra, work / "susulan.kemitraan")
        follow_import = time.perf_counter() - t
        assert again.applied
        host.close()
        mitra.close()
    print(f"first file: {statistics.median(sizes) / 1e6:.2f} MB  target < 5 MB: "
          f"{'met' if statistics.median(sizes) < 5e6 else 'NOT met'}")
    print(f"export: {statistics.median(exports):.2f} s (median of {repeats}; "
          f"{min(exports):.2f}-{max(exports):.2f})  target < 3 s: "
          f"{'met' if statistics.median(exports) < 3 else 'NOT met'}")
    print(f"import: {statistics.median(imports):.2f} s (median of {repeats}; "
          f"{min(imports):.2f}-{max(imports):.2f})  target < 3 s: "
          f"{'met' if statistics.median(imports) < 3 else 'NOT met'}")
    print(f"follow-up after {changed} changes: {follow.size / 1e3:.1f} kB, applied in "
          f"{follow_import:.2f} s  target < 100 kB: {'met' if follow.size < 100e3 else 'NOT met'}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=5284)
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()
    run(options.participants, options.repeats)
