"""A process for tests/core/test_crash_safety.py to kill: one long action on a database.

    python tests/crash_worker.py import DB ROSTER.xlsx
    python tests/crash_worker.py pair DB PROGRAM_ID
    python tests/crash_worker.py certificates DB ACTIVITY_ID ISSUED_ON

Everything is imported and the database opened first; then "started" is printed, so that a
kill timed from that line lands in the action. While the action runs, every BEGIN, COMMIT
and ROLLBACK the connection executes is printed (seconds since "started"), so the test can
tell where its kill landed; "done" and a JSON line of results end a run that finished.
Every line is flushed at once: what the test reads after a SIGKILL is all there was.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kemitraan_desktop import certificates, pairing, store  # noqa: E402
from kemitraan_desktop.spreadsheets.roster_import import import_roster  # noqa: E402

START = time.perf_counter()


def say(*words) -> None:
    print(f"{time.perf_counter() - START:.4f}", *words, flush=True)


def trace(sql: str) -> None:
    word = sql.lstrip()[:8].upper()
    for event in ("BEGIN", "COMMIT", "ROLLBACK"):
        if word.startswith(event):
            say(event.lower())


def main(action: str, db_path: str, *args: str) -> None:
    global START
    db = store.open_db(db_path)
    db.conn.set_trace_callback(trace)
    START = time.perf_counter()
    say("started")
    if action == "import":
        report = import_roster(db, args[0])
        result = {"written": report.written, "new": report.new, "problems": len(report.problems)}
    elif action == "pair":
        program_id = int(args[0])
        proposal = pairing.propose(db, program_id)
        pairs = [(p.mentee_id, p.mentor_id) for p in proposal.pairs]
        pairing.apply_proposal(db, program_id, pairs)
        result = {"pairs": len(pairs), "unplaced": len(proposal.unplaced)}
    elif action == "certificates":
        ids = certificates.issue(db, int(args[0]), dt.date.fromisoformat(args[1]))
        result = {"issued": len(ids)}
    else:
        raise SystemExit(f"unknown action {action!r}")
    say("done")
    print(json.dumps(result), flush=True)
    db.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
