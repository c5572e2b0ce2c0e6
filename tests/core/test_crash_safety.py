"""Crash and power-loss safety (issue 9): a real process doing a large roster import, a
pairing run or a certificate batch is killed with SIGKILL at random moments, and the
database it leaves must pass its checks and hold each action wholly or not at all. And two
writers on one database: the second waits, or says in Indonesian that it is busy.

The kills are seeded: KEMITRAAN_CRASH_SEED (default 9) and KEMITRAAN_CRASH_RUNS (runs per
action, default 12) reproduce or widen a run. The process killed is tests/crash_worker.py;
its output tells where each kill landed (before the action's transaction, during it, in its
COMMIT, or after the action ended), which each test prints (pytest -s to see it).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import HEADER, ROOT, good_rows
from openpyxl import Workbook

from kemitraan_desktop import activities, attendance, certificates, db_files, store

SEED = int(os.environ.get("KEMITRAAN_CRASH_SEED", "9"))
RUNS = int(os.environ.get("KEMITRAAN_CRASH_RUNS", "12"))
WORKER = ROOT / "tests" / "crash_worker.py"

ROSTER_ROWS = 20_000
ROSTER_PEOPLE_BEFORE = 2_000
PAIRING_TIERS = (150, 450, 4_500)  # 5,100 participants, ratios 3,10
PAIRING_DISTRICTS = 20
CERTIFICATES = 1_000
ISSUED_ON = dt.date(2019, 10, 14)


def _bench(name: str):
    """A module of benchmarks/ (its fixture builders), loaded under a name of its own."""
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def copy_db(source: Path, target: Path) -> Path:
    """The database file and, if there is one, its WAL (never the -shm)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    if Path(f"{source}-wal").exists():
        shutil.copyfile(f"{source}-wal", f"{target}-wal")
    return target


def remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# ---------------------------------------------------------------- running the worker

@dataclass
class Outcome:
    delay: float | None  # seconds after "started" the kill was sent (None: not killed)
    events: list[tuple[float, str]]  # (seconds since "started", started|begin|commit|rollback|done)
    returncode: int
    stderr: str
    result: dict | None = None

    def time(self, event: str) -> float:
        return next(t for t, name in self.events if name == event)

    @property
    def landed(self) -> str:
        names = [name for _, name in self.events]
        if "done" in names or self.returncode == 0:
            return "after"
        if "commit" in names:
            return "commit"
        if "begin" in names:
            return "during"
        return "before"


def run_worker(action: str, db: Path, args: list, delay: float | None = None) -> Outcome:
    """Run the worker on `db`; with `delay`, SIGKILL it that many seconds after it says
    "started" (if it is still running)."""
    import json

    command = [sys.executable, str(WORKER), action, str(db), *map(str, args)]
    with open(f"{db}.stderr", "w+", encoding="utf-8") as err:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err, text=True, cwd=ROOT)
        try:
            first = proc.stdout.readline()
            started = time.perf_counter()
            if first.split()[1:] == ["started"]:
                if delay is None:
                    proc.wait(timeout=120)
                else:
                    remaining = delay - (time.perf_counter() - started)
                    if remaining > 0:
                        time.sleep(remaining)
                    proc.send_signal(signal.SIGKILL)  # a no-op if it has exited already
                    proc.wait(timeout=60)
            else:
                proc.wait(timeout=60)
            lines = [first, *proc.stdout.read().splitlines()]
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()
        err.seek(0)
        stderr = err.read()
    events, result = [], None
    for line in lines:
        line = line.strip()
        if line.startswith("{"):
            result = json.loads(line)
        elif line:
            stamp, name = line.split(maxsplit=1)
            events.append((float(stamp), name))
    if not events or events[0][1] != "started":
        raise AssertionError(f"the worker did not start ({' '.join(command)}):\n{stderr}")
    return Outcome(delay, events, proc.returncode, stderr, result)


# ---------------------------------------------------------------- the three actions

@dataclass
class Case:
    action: str
    base: Path  # the database before the action (closed cleanly)
    args: list
    snapshot: Callable  # db -> a comparable summary of what the action changes
    describe: Callable  # (db, before, after) -> what a state that is neither holds
    consistency: Callable = lambda db: []  # db -> problems the snapshot does not show
    before: object = None
    after: object = None
    calibration: Outcome | None = None
    calibration_problems: list[str] = field(default_factory=list)


def inspect(case: Case, path: Path) -> tuple[list[str], object]:
    """Open the database as the app does: its problems and its snapshot."""
    try:
        db = store.open_db(path)
    except Exception as exc:  # noqa: BLE001 - any failure to open is the finding
        return [f"store.open_db failed: {exc!r}"], None
    try:
        integrity = [row[0] for row in db.conn.execute("PRAGMA integrity_check")]
        problems = [] if integrity == ["ok"] else [f"PRAGMA integrity_check: {integrity[:5]}"]
        problems += [f"store.check: {p}" for p in store.check(db)]
        problems += case.consistency(db)
        return problems, case.snapshot(db)
    finally:
        db.close()


def prepare(case: Case, folder: Path) -> Case:
    """The state before (from the base) and after (from one run that is not killed)."""
    problems, case.before = inspect(case, case.base)
    assert problems == [], f"the {case.action} fixture itself: {problems}"
    run = copy_db(case.base, folder / f"{case.action}_calibration.db")
    case.calibration = run_worker(case.action, run, case.args)
    assert case.calibration.returncode == 0, case.calibration.stderr
    case.calibration_problems, case.after = inspect(case, run)
    remove_db(run)
    return case


def _people_snapshot(db):
    indexes = tuple(r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'people' ORDER BY name"))
    return (db.execute("SELECT count(*) FROM people").fetchone()[0],
            db.execute("SELECT count(*) FROM schools").fetchone()[0], indexes)


def _people_describe(db, before, after):
    people, schools, indexes = _people_snapshot(db)
    return (f"{people:,} people (before {before[0]:,}, after {after[0]:,}), {schools:,} schools "
            f"(before {before[1]:,}, after {after[1]:,}), people indexes {list(indexes)} "
            f"(before {list(before[2])})")


@pytest.fixture(scope="session")
def import_case(tmp_path_factory) -> Case:
    """20,000 new teachers into a database holding 2,000 (schools of every kab/kota)."""
    folder = tmp_path_factory.mktemp("crash_import")
    roster = _bench("import_roster")
    roster.WORK = folder
    workbook = roster.make_workbook(ROSTER_ROWS)
    base = folder / "base.db"
    roster.fill_people(base, ROSTER_PEOPLE_BEFORE)  # closes the database: no WAL left
    case = Case("import", base, [workbook], _people_snapshot, _people_describe)
    return prepare(case, folder)


def _pairs_snapshot(db, program_id: int):
    return tuple(db.execute("SELECT id, mentor_id FROM participants WHERE program_id = ? "
                            "ORDER BY id", [program_id]))


@pytest.fixture(scope="session")
def pair_case(tmp_path_factory) -> Case:
    """`pair auto` (propose + apply_proposal) for a program of 5,100 nobody paired yet."""
    folder = tmp_path_factory.mktemp("crash_pair")
    bench = _bench("pairing")
    bench.WORK = folder
    _base, full, facts = bench.fixture(PAIRING_TIERS, PAIRING_DISTRICTS)
    program_id = facts["program_id"]

    def describe(db, before, after):
        now, old, new = dict(_pairs_snapshot(db, program_id)), dict(before), dict(after)
        changing = [pid for pid in new if new[pid] != old.get(pid)]
        moved = sum(1 for pid in changing if now.get(pid) == new[pid])
        return f"{moved:,} of the {len(changing):,} participants the run pairs have their new mentor"

    case = Case("pair", full, [program_id], lambda db: _pairs_snapshot(db, program_id), describe)
    return prepare(case, folder)


@pytest.fixture(scope="session")
def certificates_case(tmp_path_factory) -> Case:
    """1,000 certificates of a second activity of a program that has issued 1,000 already
    (benchmarks/certificates.py fixture): the counter goes from 1,000 to 2,000."""
    folder = tmp_path_factory.mktemp("crash_certificates")
    bench = _bench("certificates")
    bench.WORK = folder
    path, first_activity = bench.fixture(CERTIFICATES)
    db = store.open_db(path)
    program_id = activities.get_activity(db, first_activity).program_id
    aid = activities.create_activity(db, program_id, "lainnya", "Workshop Kedua", ISSUED_ON,
                                     ISSUED_ON, city="Kota Pekalongan")
    activities.save_items(db, aid, [activities.Item(ISSUED_ON, dt.time(8), dt.time(12), "Materi",
                                                    jp=4, attendance=True)])
    session = attendance.sessions(db, aid)[0]
    attendance.set_marks(db, aid, [attendance.Mark(p["id"], *session.key, "hadir")
                                   for p in activities.activity_participants(db, aid)])
    planned = len(certificates.plan_issue(db, aid, ISSUED_ON).planned)
    db.close()
    assert planned == CERTIFICATES
    key = (program_id, ISSUED_ON.year)

    def snapshot(db):
        counter = db.execute("SELECT last_number FROM certificate_counters WHERE program_id = ? "
                             "AND year = ?", list(key)).fetchone()
        return (db.execute("SELECT count(*) FROM certificates WHERE activity_id = ?",
                           [aid]).fetchone()[0],
                db.execute("SELECT count(*) FROM certificates").fetchone()[0],
                counter[0] if counter else None)

    def consistency(db):
        """The register's running numbers are 1..n without a gap or a repeat, and the
        counter stands at the highest of them."""
        running = [r[0] for r in db.execute(
            "SELECT running FROM certificates WHERE program_id = ? AND substr(issued_on, 1, 4) = ? "
            "ORDER BY running", [program_id, str(ISSUED_ON.year)])]
        counter = snapshot(db)[2]
        problems = []
        if running != list(range(1, len(running) + 1)):
            gaps = sorted(set(range(1, (running or [0])[-1] + 1)) - set(running))
            problems.append(f"running numbers not 1..{len(running)}: missing {gaps[:10]}, "
                            f"repeated {[n for n, c in Counter(running).items() if c > 1][:10]}")
        if running and counter != running[-1]:
            problems.append(f"certificate_counters.last_number is {counter}, the register's "
                            f"highest running number {running[-1]}")
        return problems

    def describe(db, before, after):
        this, total, counter = snapshot(db)
        return (f"{this:,} certificates of the activity (before {before[0]:,}, after {after[0]:,}), "
                f"{total:,} in the register, counter {counter} (before {before[2]}, after {after[2]})")

    case = Case("certificates", path, [aid, ISSUED_ON.isoformat()], snapshot, describe,
                consistency)
    return prepare(case, folder)


# ---------------------------------------------------------------- killing them

def kill_delays(calibration: Outcome, rng: random.Random, runs: int) -> list[float]:
    """Spread over the action: a third anywhere from "started" to past its end, a third
    inside its transaction, a third around its COMMIT (the last tenth of the transaction to
    as long after the commit again as the action took to finish)."""
    begin, commit, done = (calibration.time(e) for e in ("begin", "commit", "done"))
    delays = []
    for i in range(runs):
        band = i % 3
        if band == 0:
            delays.append(rng.uniform(0, done * 1.15))
        elif band == 1:
            delays.append(rng.uniform(begin, commit))
        else:
            delays.append(rng.uniform(commit - (commit - begin) / 10, done + (done - commit)))
    return delays


@pytest.mark.parametrize("action", ["import", "pair", "certificates"])
def test_a_killed_action_is_wholly_there_or_wholly_absent(action, request, tmp_path):
    case: Case = request.getfixturevalue(f"{action}_case")
    calibration = case.calibration
    assert case.calibration_problems == [], f"after an uninterrupted {action}: {case.calibration_problems}"
    assert case.after != case.before, f"the uninterrupted {action} changed nothing: {calibration.result}"
    transactions = [name for _, name in calibration.events if name in ("begin", "commit", "rollback")]
    assert transactions == ["begin", "commit"], \
        f"the {action} is not one transaction: {calibration.events}"

    rng = random.Random(f"{SEED}:{action}")
    failures, landed, states = [], Counter(), Counter()
    for run, delay in enumerate(kill_delays(calibration, rng, RUNS)):
        path = copy_db(case.base, tmp_path / f"run{run:02d}.db")
        outcome = run_worker(action, path, case.args, delay)
        landed[outcome.landed] += 1
        if outcome.returncode not in (0, -signal.SIGKILL):
            failures.append(f"run {run}: the worker failed by itself (exit {outcome.returncode}):\n"
                            f"{outcome.stderr}")
            continue
        problems, state = inspect(case, path)
        states["absent" if state == case.before else "there" if state == case.after else "partly"] += 1
        if state is not None and state not in (case.before, case.after):
            db = store.open_db(path)
            try:
                problems.append("partly there: " + case.describe(db, case.before, case.after))
            finally:
                db.close()
        if problems:
            failures.append(f"run {run} (kill {delay:.3f} s after start, landed {outcome.landed}, "
                            f"events {outcome.events}; database kept at {path}): "
                            + "; ".join(problems))
        else:
            remove_db(path)

    begin, commit, done = (calibration.time(e) for e in ("begin", "commit", "done"))
    summary = (f"{action}: {RUNS} kills (seed {SEED}); uninterrupted run {done:.2f} s, transaction "
               f"{begin:.2f}-{commit:.2f} s; landed before {landed['before']}, during "
               f"{landed['during']}, in COMMIT {landed['commit']}, after {landed['after']}; the action "
               f"wholly there {states['there']}, wholly absent {states['absent']}, partly "
               f"{states['partly']}")
    print(summary)
    assert failures == [], summary + "\n" + "\n".join(failures)
    assert landed["during"] + landed["commit"] > 0, f"no kill landed in the transaction: {summary}"


# ---------------------------------------------------------------- two writers

HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""
BUSY_TIMEOUT_S = db_files.BUSY_TIMEOUT_MS / 1000
SHORT_HOLD_S = 2.0


@dataclass
class BusyRun:
    returncode: int
    seconds: float
    stdout: str
    stderr: str
    db: Path

    def __str__(self) -> str:
        last = (self.stderr.strip() or self.stdout.strip()).splitlines()[-1:] or [""]
        return f"exit {self.returncode} after {self.seconds:.1f} s: {last[0]}"


def cli_while_held(db: Path, hold: float, command: list[str]) -> BusyRun:
    """Another process holds a write transaction (BEGIN IMMEDIATE) for `hold` seconds; the CLI
    runs `command` on the database as soon as the lock is taken."""
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), str(hold)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "kemitraan_desktop.cli", "--db", str(db),
                              *command], capture_output=True, text=True, cwd=ROOT, timeout=120)
        seconds = time.perf_counter() - started
    finally:
        if hold > SHORT_HOLD_S:
            holder.kill()
        holder.wait(timeout=60)
        holder.stdout.close()
    return BusyRun(out.returncode, seconds, out.stdout, out.stderr, db)


def _known_school_roster(folder: Path) -> Path:
    """Two teachers of schools the database knows already (SMP Negeri 1 and 2 Pekalongan)."""
    book = Workbook()
    book.active.append(HEADER)
    for row in good_rows()[:2]:
        book.active.append(row)
    path = folder / "dua_guru.xlsx"
    book.save(path)
    return path


def _count(db_path: Path, sql: str, params=()) -> int:
    db = store.open_db(db_path)
    try:
        return db.execute(sql, list(params)).fetchone()[0]
    finally:
        db.close()


BUSY_COMMANDS = ["program create", "people import", "certificate issue"]


@pytest.fixture(scope="module", params=BUSY_COMMANDS)
def short_hold(request, template_db, certificates_case, tmp_path_factory) -> tuple[str, BusyRun, int]:
    """One run per command (shared by the tests below): the CLI while another process holds
    the write lock for 2 s. Returns (command, run, rows the command added)."""
    name = request.param
    folder = tmp_path_factory.mktemp("busy")
    if name == "program create":
        db = copy_db(template_db, folder / "k.db")
        command = ["program", "create", "--name", "Kemitraan Uji", "--year", "2024",
                   "--jenjang", "SMP", "--kind", "guru"]
        count = "SELECT count(*) FROM programs"
    elif name == "people import":
        db = copy_db(certificates_case.base, folder / "k.db")
        command = ["people", "import", str(_known_school_roster(folder))]
        count = "SELECT count(*) FROM people"
    else:
        db = copy_db(certificates_case.base, folder / "k.db")
        command = ["certificate", "issue", "--activity", str(certificates_case.args[0]),
                   "--date", ISSUED_ON.isoformat()]
        count = "SELECT count(*) FROM certificates"
    before = _count(db, count)
    run = cli_while_held(db, SHORT_HOLD_S, command)
    print(f"{name} while another process holds the write lock {SHORT_HOLD_S:g} s "
          f"(busy timeout {BUSY_TIMEOUT_S:g} s): {run}")
    return name, run, _count(db, count) - before


def _assert_clean(run: BusyRun) -> None:
    text = run.stdout + run.stderr
    assert "Traceback" not in text and "kesalahan tak terduga" not in text, text
    db = store.open_db(run.db)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.check(db) == []
    finally:
        db.close()


def test_a_second_writer_waits_or_says_the_database_is_busy(short_hold):
    name, run, added = short_hold
    _assert_clean(run)
    expected = {"program create": 1, "people import": 2, "certificate issue": CERTIFICATES}[name]
    if run.returncode == 0:
        assert added == expected, f"{name}: {run}; {added} rows added"
    else:
        assert "sedang dipakai" in run.stderr, f"{name}: {run}\n{run.stderr}"
        assert added == 0, f"{name} failed but added {added} rows: {run}"


def test_a_second_writer_waits_out_a_hold_shorter_than_the_busy_timeout(short_hold):
    """Issue 9: 'the second waits briefly, then says the database is busy'. A 2 s hold is
    shorter than db_files.BUSY_TIMEOUT_MS, so every command should wait and succeed, whether
    its transaction reads before it writes or not."""
    name, run, _added = short_hold
    assert run.returncode == 0, (
        f"{name} did not wait for a {SHORT_HOLD_S:g} s lock (busy timeout {BUSY_TIMEOUT_S:g} s): "
        f"{run}")


def test_a_second_writer_gives_up_after_the_busy_timeout_with_a_clear_message(template_db, tmp_path):
    db = copy_db(template_db, tmp_path / "k.db")
    run = cli_while_held(db, BUSY_TIMEOUT_S + 2, ["program", "create", "--name", "Kemitraan Uji",
                                                  "--year", "2024", "--jenjang", "SMP",
                                                  "--kind", "guru"])
    print(f"program create while the write lock is held {BUSY_TIMEOUT_S + 2:g} s: {run}")
    _assert_clean(run)
    assert run.returncode != 0 and "sedang dipakai" in run.stderr, str(run)
    assert run.seconds >= BUSY_TIMEOUT_S * 0.9, f"gave up before the busy timeout: {run}"
    assert _count(db, "SELECT count(*) FROM programs") == 0
