"""Attendance at scale: the daftar hadir for 2,000 participants over 8 days (16,000 rows)
as one PDF, and the recap of the same.

Usage: python benchmarks/attendance.py [--people 2000] [--days 8] [--repeats 3]
Targets (issue 6): the sheets under 10 s, the recap under 2 s.
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


def fixture(people: int, days: int) -> tuple[Path, int]:
    """A database with `people` participants (1 inti per 10) taking part in a `days`-day
    activity with no attendance-taking items (one session per day), all marked."""
    from kemitraan_desktop import activities, attendance, programs, store

    path = WORK / f"attendance_{people}_{days}.db"
    if path.exists():
        db = store.open_db(path)
        aid = db.execute("SELECT max(id) FROM activities").fetchone()[0]
        db.close()
        return path, aid
    WORK.mkdir(parents=True, exist_ok=True)
    fill_people(path, people)
    db = store.open_db(path)
    ids = [r[0] for r in db.execute("SELECT id FROM people ORDER BY id LIMIT ?", [people])]
    db.execute("UPDATE people SET subject = 'Matematika', jenjang = 'SMP' WHERE subject IS NULL")
    pid = programs.create_program(db, "Bench", 2019, "SMP", ratios="10")
    top = people // 10
    programs.add_participants(db, pid, ids[:top], 1)
    programs.add_participants(db, pid, ids[top:], 2)
    start = dt.date(2019, 9, 8)
    aid = activities.create_activity(db, pid, "lainnya", "Bench", start,
                                     start + dt.timedelta(days=days - 1), city="Kota Pekalongan")
    sessions = attendance.sessions(db, aid)
    taking = [p["id"] for p in activities.activity_participants(db, aid)]
    marks = [attendance.Mark(p, *s.key, "hadir" if (p + i) % 17 else "izin")
             for p in taking for i, s in enumerate(sessions)]
    attendance.set_marks(db, aid, marks)
    db.close()
    return path, aid


def timed(fn, repeats: int) -> tuple[float, list[float]]:
    runs = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs), runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--days", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    from kemitraan_desktop import attendance, store
    from kemitraan_desktop.documents.attendance import print_attendance
    from kemitraan_desktop.documents.recap import print_recap
    from kemitraan_desktop.spreadsheets import export_recap

    t = time.perf_counter()
    path, aid = fixture(args.people, args.days)
    print(f"{args.people:,} participants x {args.days} days ready in {time.perf_counter() - t:.1f} s")
    work = WORK / "attendance_run.db"
    shutil.copy(path, work)
    db = store.open_db(work)
    out = WORK / "attendance_sheets.pdf"
    median, runs = timed(lambda: print_attendance(db, aid, out), args.repeats)
    from pypdf import PdfReader
    pages = len(PdfReader(out).pages)
    print(f"daftar hadir, {args.people * args.days:,} rows in one PDF ({pages} pages): "
          f"{median:.2f} s (median of {len(runs)}; {min(runs):.2f}-{max(runs):.2f})  "
          f"target < 10 s: {'met' if median < 10 else 'NOT met'}")
    median, runs = timed(lambda: attendance.recap(db, aid), args.repeats)
    print(f"recap (core), {args.people:,} participants: {median:.2f} s "
          f"({min(runs):.2f}-{max(runs):.2f})  target < 2 s: {'met' if median < 2 else 'NOT met'}")
    median, runs = timed(lambda: export_recap(db, aid, WORK / "attendance_recap.xlsx"), args.repeats)
    print(f"Rekap Kehadiran .xlsx: {median:.2f} s ({min(runs):.2f}-{max(runs):.2f})")
    median, runs = timed(lambda: print_recap(db, aid, WORK / "attendance_recap.pdf"), args.repeats)
    print(f"Rekap Kehadiran PDF: {median:.2f} s ({min(runs):.2f}-{max(runs):.2f})")
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
