"""Certificates at scale: N certificates with signed QR codes into one PDF, in a fresh
process (its peak RSS is its own).

Usage: python benchmarks/certificates.py [--count 1000] [--repeats 3]
Targets (issue 7): at least 150 certificates/s; 10,000 under 400 MB peak RSS. (The issue's
comparison with LibreOffice converting mail-merge .docx files is not built yet.)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from import_roster import WORK, fill_people  # noqa: E402

PROBE = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[3])
from kemitraan_desktop import store
from kemitraan_desktop.documents.certificate import print_certificates
db = store.open_db(sys.argv[1])
t = time.perf_counter()
print_certificates(db, int(sys.argv[2]), sys.argv[4])
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def fixture(count: int) -> tuple[Path, int]:
    """`count` participants of a one-day activity, all present, their certificates issued."""
    from kemitraan_desktop import activities, attendance, certificates, programs, store

    path = WORK / f"certificates_{count}.db"
    if path.exists():
        db = store.open_db(path)
        aid = db.execute("SELECT max(id) FROM activities").fetchone()[0]
        db.close()
        return path, aid
    WORK.mkdir(parents=True, exist_ok=True)
    fill_people(path, count)
    db = store.open_db(path)
    db.execute("UPDATE people SET subject = 'Matematika', jenjang = 'SMP' WHERE subject IS NULL")
    ids = [r[0] for r in db.execute("SELECT id FROM people ORDER BY id LIMIT ?", [count])]
    pid = programs.create_program(db, "Bench", 2019, "SMP", ratios="10")
    programs.add_participants(db, pid, ids, 2)
    day = dt.date(2019, 9, 9)
    aid = activities.create_activity(db, pid, "lainnya", "Workshop Bench", day, day,
                                     city="Kota Pekalongan")
    activities.save_items(db, aid, [activities.Item(day, dt.time(8), dt.time(12), "Materi", jp=4,
                                                    attendance=True)])
    session = attendance.sessions(db, aid)[0]
    attendance.set_marks(db, aid, [attendance.Mark(p, *session.key, "hadir") for p in
                                   [r["id"] for r in activities.activity_participants(db, aid)]])
    certificates.issue(db, aid, day)
    db.close()
    return path, aid


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    path, aid = fixture(args.count)
    work = WORK / "certificates_run.db"
    shutil.copy(path, work)
    out = WORK / "certificates.pdf"
    runs = []
    for _ in range(args.repeats):
        result = subprocess.run([sys.executable, "-c", PROBE, str(work), str(aid), str(ROOT), str(out)],
                                check=True, capture_output=True, text=True)
        runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
    seconds = statistics.median(r["seconds"] for r in runs)
    rate = args.count / seconds
    rss = max(r["rss_mb"] for r in runs)
    print(f"{args.count:,} certificates with QR in one PDF: {seconds:.2f} s, {rate:.0f}/s "
          f"(median of {len(runs)}; target >= 150/s: {'met' if rate >= 150 else 'NOT met'}); "
          f"peak RSS {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
