"""Pairing at scale: `pair auto`, `pair check` and the tree of a 68,000-participant program.

Usage: python benchmarks/pairing.py [--tiers 2000 6000 60000] [--repeats 3] [--profile auto check]
Targets (issue 4): for a program of 2,000 tier-1, 6,000 tier-2 and 60,000 tier-3 participants
across 100 kab/kota and 4 subjects, `pair auto`, `pair check` and opening the tree each under
5 s; the tree's first paint under 1 s.

The program is built once and cached in benchmarks/_work (keyed by the sizes); every measured
run works on a fresh copy, so `pair auto` always starts from nobody paired. Each run is two
fresh interpreters (their peak RSS is their own): one reads the unpaired program (`pair
check`, the tree), the other pairs it (`pair auto` = propose + apply_proposal) and then reads
the paired program. Also timed: programs.add_participants for everyone, the CLI end to end
(when `kemitraan pair` exists) and, in an offscreen Qt probe, the programs page's tree up to
its first paint (when ui/programs/page.py has a ProgramsPage; see PAINT_PROBE).
The subjects' counts fit the 3,10 ratios exactly; `--tiers 2000 6000 61000` leaves 1,000
tier-3 unplaced, which is the slow case of propose (the reason for each is worked out).
"""

from __future__ import annotations

import argparse
import ast
import cProfile
import io
import json
import os
import pstats
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from import_roster import FIRST, LAST, SUBJECTS, WORK  # noqa: E402

FIXTURE_VERSION = 2  # bump when the fixture changes, so the cache is rebuilt (2: migration 0003)
JAVA_BALI = {"31", "32", "33", "34", "35", "36", "51"}  # province codes
PROGRAM_NAME = "Kemitraan Guru SMP (benchmark)"
RATIOS = "3,10"


# ---------------------------------------------------------------- the fixture

def _people(tiers: tuple[int, int, int], districts: int, seed: int = 4):
    """(tier, person row) for every participant, tier by tier. Tier-1 in ~20% of the
    districts (Java/Bali), tier-2 and tier-3 in the others; most tier-3 in a district that
    has a tier-2 of their subject. Subjects go round by index, so each subject's counts fit
    the 3,10 ratios exactly (every mentor ends full)."""
    from kemitraan_desktop.indonesia import name_key
    from kemitraan_desktop.regions import all_regions

    rng = random.Random(seed)
    every = [r for r in all_regions() if r.kind in ("kabupaten", "kota")]
    home = [r for r in every if r.province_code in JAVA_BALI]
    top = rng.sample(home, max(1, districts // 5))
    rest = rng.sample([r for r in every if r not in top], districts - len(top))
    tier2_at: dict[str, list] = {s: [] for s in SUBJECTS}
    serial = 0
    for tier, count in enumerate(tiers, start=1):
        for i in range(count):
            subject = SUBJECTS[i % len(SUBJECTS)]
            if tier == 1:
                region = rng.choice(top)
            elif tier == 2:
                region = rng.choice(rest)
                tier2_at[subject].append(region)
            elif tier2_at[subject] and rng.random() < 0.85:
                region = rng.choice(tier2_at[subject])
            else:
                region = rng.choice(rest)
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"
            serial += 1
            yield tier, {
                "full_name": name + ", S.Pd.", "name_key": name_key(name),
                "nuptk": f"{3000000000000000 + serial}", "nip": None, "nik": None,
                "gender": rng.choice("LP"), "birth_place": None, "birth_date": None,
                "position": "guru", "jenjang": "SMP", "subject": subject, "rank": None,
                "school_id": (region.code, rng.randint(1, 10)), "region_code": region.code,
                "ukg": round(rng.uniform(40, 95), 2), "phone": None, "email": None}


def _fresh(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def fixture(tiers: tuple[int, int, int], districts: int) -> tuple[Path, Path, dict]:
    """Two cached databases: `base` holds the people and the empty program; `full` also holds
    the participants (inserted with one executemany, nobody paired). Returns (base, full,
    facts)."""
    from kemitraan_desktop import people, programs, store
    from kemitraan_desktop.people import school_key

    stem = f"pairing_v{FIXTURE_VERSION}_{'_'.join(map(str, tiers))}_{districts}"
    base, full, facts_file = (WORK / f"{stem}_base.db", WORK / f"{stem}.db",
                              WORK / f"{stem}.json")
    if base.exists() and full.exists() and facts_file.exists():
        return base, full, json.loads(facts_file.read_text())
    WORK.mkdir(parents=True, exist_ok=True)
    _fresh(base)
    _fresh(full)
    facts: dict = {}
    t = time.perf_counter()
    rows = list(_people(tiers, districts))
    db = store.open_db(base)
    with db.atomic():
        schools = {}
        for code in sorted({row["region_code"] for _, row in rows}):
            district = db.execute("SELECT name FROM regions WHERE code = ?", [code]).fetchone()[0]
            town = district.split(" ", 1)[1]
            for n in range(1, 11):
                name = f"SMP Negeri {n} {town}"
                schools[(code, n)] = db.execute(
                    "INSERT INTO schools (name, name_key, jenjang, region_code) VALUES (?, ?, 'SMP', ?)",
                    [name, school_key(name), code]).lastrowid
        for _, row in rows:
            row["school_id"] = schools[row["school_id"]]
        ids = people.insert_people(db, [row for _, row in rows])
    store.optimize(db)
    program_id = programs.create_program(db, PROGRAM_NAME, 2019, "SMP", labels="Inti,Mitra,Imbas",
                                         ratios=RATIOS)
    facts["people_s"] = time.perf_counter() - t
    facts["districts"] = db.execute("SELECT count(DISTINCT region_code) FROM people").fetchone()[0]
    db.close()
    shutil.copyfile(base, full)

    db = store.open_db(full)
    t = time.perf_counter()
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO participants (program_id, person_id, name, tier, subject) VALUES (?, ?, ?, ?, ?)",
            [(program_id, pid, row["full_name"], tier, row["subject"])
             for pid, (tier, row) in zip(ids, rows, strict=True)])
    store.optimize(db)
    facts["participants_sql_s"] = time.perf_counter() - t
    db.close()
    facts.update(program_id=program_id, tiers=list(tiers),
                 person_ids=[[ids[0], ids[tiers[0] - 1]],
                             [ids[tiers[0]], ids[tiers[0] + tiers[1] - 1]],
                             [ids[tiers[0] + tiers[1]], ids[-1]]])
    facts_file.write_text(json.dumps(facts))
    return base, full, facts


def working_copy(source: Path, name: str = "pairing_run.db") -> Path:
    """A fresh copy of a cached database (closed cleanly, so its WAL is empty)."""
    target = WORK / name
    _fresh(target)
    shutil.copyfile(source, target)
    return target


# ---------------------------------------------------------------- measurements (children)

def _child(code: str, **values) -> dict:
    """Run a measurement in a fresh interpreter so its peak RSS is its own."""
    out = subprocess.run([sys.executable, "-c", code.format(**values)], capture_output=True,
                         text=True, cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


_CHILD_HEAD = """
import json, resource, time
from kemitraan_desktop import pairing, store
figures = {{}}
def timed(name, call):
    t = time.perf_counter()
    result = call()
    figures[name] = time.perf_counter() - t
    return result
def rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
db = store.open_db({db!r})
pid = {program_id}
"""
# The unpaired program, read only: the check, the tree's first level and the unpaired lists.
UNPAIRED = _CHILD_HEAD + """
timed("load", lambda: pairing._load(db, pid))
findings = timed("check", lambda: pairing.check_program(db, pid))
figures["check_findings"] = len(findings)
top = timed("tree_top", lambda: pairing.tree_level(db, pid))
timed("tree_counts", lambda: pairing.unpaired_counts(db, pid))
figures["tree_top_rows"] = len(top)
figures["tree_unpaired2_rows"] = len(timed("tree_unpaired2", lambda: pairing.tree_level(db, pid, unpaired_tier=2)))
figures["tree_unpaired3_rows"] = len(timed("tree_unpaired3", lambda: pairing.tree_level(db, pid, unpaired_tier=3)))
figures["rss_mb"] = rss()
print(json.dumps(figures))
"""
# Pair everyone (`pair auto`), then read the paired program.
AUTO = _CHILD_HEAD + """
proposal = timed("propose", lambda: pairing.propose(db, pid))
pairs = [(p.mentee_id, p.mentor_id) for p in proposal.pairs]
timed("apply", lambda: pairing.apply_proposal(db, pid, pairs))
figures["auto"] = figures["propose"] + figures["apply"]
figures["auto_rss_mb"] = rss()
figures["pairs"], figures["unplaced"] = len(pairs), len(proposal.unplaced)
figures["notes"] = {{}}
for p in proposal.pairs:
    figures["notes"][p.note] = figures["notes"].get(p.note, 0) + 1
findings = timed("check", lambda: pairing.check_program(db, pid))
figures["check_findings"] = len(findings)
figures["check_codes"] = {{}}
for f in findings:
    figures["check_codes"][f.code] = figures["check_codes"].get(f.code, 0) + 1
top = timed("tree_top", lambda: pairing.tree_level(db, pid))
timed("tree_counts", lambda: pairing.unpaired_counts(db, pid))
figures["tree_top_rows"] = len(top)
figures["tree_mentees_rows"] = len(timed("tree_mentees", lambda: pairing.tree_level(db, pid, mentor_id=top[0]["id"])))
figures["tree_unpaired3_rows"] = len(timed("tree_unpaired3", lambda: pairing.tree_level(db, pid, unpaired_tier=3)))
figures["rss_mb"] = rss()
print(json.dumps(figures))
"""
# programs.add_participants, one call per tier (the per-row path the GUI and CLI use).
ADD = _CHILD_HEAD + """
from kemitraan_desktop import programs
added = 0
t = time.perf_counter()
for tier, (first, last) in enumerate({person_ids}, start=1):
    added += len(programs.add_participants(db, pid, range(first, last + 1), tier).added)
figures["add"] = time.perf_counter() - t
figures["added"] = added
figures["rss_mb"] = rss()
print(json.dumps(figures))
"""


# ---------------------------------------------------------------- the CLI, if it is there

# What `kemitraan pair ...` is run with; adapt when the commands need more (a confirm flag).
CLI_AUTO = ["pair", "auto", "--program", "{program_id}"]
CLI_CHECK = ["pair", "check", "--program", "{program_id}"]


def cli_has_pair() -> bool:
    from kemitraan_desktop import cli

    parser = cli.build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return "pair" in action.choices
    return False


def run_cli(db_path: Path, words: list[str], program_id: int) -> tuple[float, int, str]:
    """Wall time of `kemitraan --db FILE words...` in a fresh process (interpreter start
    included), its exit code and the last line it printed."""
    args = [w.format(program_id=program_id) for w in words]
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "kemitraan_desktop.cli", "--db", str(db_path), *args],
                         capture_output=True, text=True, cwd=ROOT, input="")
    seconds = time.perf_counter() - t
    lines = (out.stdout.strip() or out.stderr.strip()).splitlines()
    return seconds, out.returncode, lines[-1] if lines else ""


def paired_count(db_path: Path) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT count(*) FROM participants WHERE mentor_id IS NOT NULL").fetchone()[0]
    finally:
        conn.close()


# ---------------------------------------------------------------- the GUI tree's first paint

PROGRAMS_PAGE = ROOT / "ui" / "pages" / "programs_page.py"

# The page as built (ui/programs/page.py): the main window holds `programs_page`;
# showing the area lists the programs and opens the first; `open_program(id)` builds a
# PairTreeModel (pairing.tree_level + unpaired_counts, in the GUI thread) into `page.tree`
# and asks the window's reader thread for the checks and the summary. Two figures, each up
# to the first paint of the tree's viewport with rows in it:
#   area: from clicking "Program & Pasangan" (page shown, list read, first program opened);
#   open: from open_program(id) with no program open (what clicking a program does).
# Adapt the ADAPT lines if the page changes shape.
PAINT_PROBE = r"""
import json, os, resource, sys, time
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject
from PySide6.QtWidgets import QApplication, QTreeView
app = QApplication(sys.argv[:1])
QCoreApplication.setOrganizationName("KemitraanBench")
from kemitraan_desktop import store
from ui.main_window import MainWindow, PROGRAMS, HOME
from ui.programs.page import ProgramsPage

db = store.open_db(sys.argv[1])
program_id = int(sys.argv[2])
window = MainWindow(db)
window.resize(1366, 740)
window.show()
while window.worker.busy():  # the home page's figures, counted at start
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
page = getattr(window, "programs_page", None) or window.findChild(ProgramsPage)  # ADAPT
tree = getattr(page, "tree", None) or page.findChild(QTreeView)  # ADAPT
open_program = page.open_program  # ADAPT: what clicking a program in the list calls

class FirstPaint(QObject):
    at = None
    ready = staticmethod(lambda: tree.model() is not None and tree.model().rowCount() > 0)
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and FirstPaint.at is None and FirstPaint.ready():
            FirstPaint.at = time.perf_counter()
        return False

def until_painted(action, ready=None):
    FirstPaint.at = None
    FirstPaint.ready = ready or FirstPaint.ready
    t = time.perf_counter()
    action()
    deadline = t + 60
    while FirstPaint.at is None and time.perf_counter() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    return FirstPaint.at - t if FirstPaint.at else None

probe = FirstPaint()
tree.viewport().installEventFilter(probe)
area = until_painted(lambda: window.sidebar.setCurrentRow(PROGRAMS))
opened = []
for _ in range(3):
    while window.worker.busy():  # the checks and summary of the previous opening
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    open_program(None)
    app.processEvents()
    opened.append(until_painted(lambda: open_program(program_id)))
model = tree.model()
rows = model.rowCount() if model else 0
t = time.perf_counter()
while window.worker.busy():  # the checks and the summary, in the reader thread
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
side = time.perf_counter() - t
# The last top-level row is the group of a tier's unpaired participants when there are any
# (ADAPT: how a group node is told apart); expanding it loads them.
expand = group_rows = None
last = model.index(rows - 1, 0)
if model.node(last).kind == "group":
    group_rows = model.node(last).data["count"]
    expand = until_painted(lambda: tree.expand(last), lambda: model.rowCount(last) > 0)
window.close()
print(json.dumps({"area_s": area, "open_s": opened, "rows": rows, "side_after_s": side,
                  "expand_s": expand, "group_rows": group_rows,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def programs_page_exists() -> bool:
    if not PROGRAMS_PAGE.exists():
        return False
    tree = ast.parse(PROGRAMS_PAGE.read_text(encoding="utf-8"))
    return any(isinstance(node, ast.ClassDef) and node.name == "ProgramsPage" for node in tree.body)


def tree_first_paint(db_path: Path, program_id: int) -> dict | str:
    """The probe's figures, or why there are none (a line to print)."""
    if not programs_page_exists():
        return "not measured (page not built yet)"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    out = subprocess.run([sys.executable, "-c", PAINT_PROBE, str(db_path), str(program_id)],
                         capture_output=True, text=True, env=env, cwd=ROOT)
    if out.returncode != 0:
        last = (out.stderr.strip().splitlines() or ["?"])[-1]
        return f"probe failed, adapt PAINT_PROBE in benchmarks/pairing.py ({last})"
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    if figures["area_s"] is None or None in figures["open_s"]:
        return "no paint of the tree with rows within 60 s (adapt PAINT_PROBE?)"
    return figures


# ---------------------------------------------------------------- profiling

def profile(full: Path, program_id: int, what: str, top: int = 25) -> None:
    """cProfile `pair auto` (propose + apply) or `pair check` in this process, on a fresh
    copy; prints the functions with the most own time, then the most cumulative time."""
    from kemitraan_desktop import pairing, store

    db = store.open_db(working_copy(full, "pairing_profile.db"))
    profiler = cProfile.Profile()
    if what == "auto":
        profiler.enable()
        proposal = pairing.propose(db, program_id)
        pairing.apply_proposal(db, program_id, [(p.mentee_id, p.mentor_id) for p in proposal.pairs])
        profiler.disable()
    else:
        proposal = pairing.propose(db, program_id)  # check the paired program, as after pair auto
        pairing.apply_proposal(db, program_id, [(p.mentee_id, p.mentor_id) for p in proposal.pairs])
        profiler.enable()
        pairing.check_program(db, program_id)
        profiler.disable()
    db.close()
    for order in ("tottime", "cumulative"):
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).strip_dirs().sort_stats(order).print_stats(top)
        print(f"--- cProfile of pair {what}, by {order} ---")
        print("\n".join(line for line in text.getvalue().splitlines() if line.strip()))


# ---------------------------------------------------------------- report

def spread(values: list[float], unit: str = "s", scale: float = 1.0) -> str:
    values = [v * scale for v in values]
    digits = 2 if unit == "s" else 0
    return (f"{statistics.median(values):.{digits}f} {unit} (median of {len(values)}; range "
            f"{min(values):.{digits}f}-{max(values):.{digits}f})")


def verdict(values: list[float], limit: float) -> str:
    return "met" if statistics.median(values) < limit else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tiers", type=int, nargs=3, default=[2000, 6000, 60000],
                        metavar=("INTI", "MITRA", "IMBAS"))
    parser.add_argument("--districts", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-add", action="store_true",
                        help="do not time programs.add_participants")
    parser.add_argument("--skip-cli", action="store_true")
    parser.add_argument("--skip-gui", action="store_true")
    parser.add_argument("--profile", choices=["auto", "check"], nargs="*", default=[],
                        help="also run cProfile on pair auto and/or pair check")
    args = parser.parse_args()
    tiers = tuple(args.tiers)

    t = time.perf_counter()
    base, full, facts = fixture(tiers, args.districts)
    print(f"program: {tiers[0]:,} / {tiers[1]:,} / {tiers[2]:,} participants (ratios {RATIOS}) in "
          f"{facts['districts']} kab/kota, {len(SUBJECTS)} subjects; ready in "
          f"{time.perf_counter() - t:.1f} s ({full.name}; when built: people "
          f"{facts['people_s']:.1f} s, participants by one SQL executemany "
          f"{facts['participants_sql_s']:.2f} s)")
    program_id = facts["program_id"]

    unpaired, auto = [], []
    for _ in range(args.repeats):
        run = working_copy(full)
        unpaired.append(_child(UNPAIRED, db=str(run), program_id=program_id))
        auto.append(_child(AUTO, db=str(run), program_id=program_id))

    def col(results: list[dict], key: str) -> list[float]:
        return [r[key] for r in results]

    last = auto[-1]
    print(f"pair auto (propose + apply_proposal): {spread(col(auto, 'auto'))}  target < 5 s: "
          f"{verdict(col(auto, 'auto'), 5)}")
    print(f"  propose {spread(col(auto, 'propose'))}; apply_proposal {spread(col(auto, 'apply'))}")
    print(f"  {last['pairs']:,} pairs, {last['unplaced']:,} unplaced; by note: "
          + ", ".join(f"{note} {n:,}" for note, n in last["notes"].items()))
    print(f"  peak RSS after pair auto {max(col(auto, 'auto_rss_mb')):.0f} MB")
    print(f"pair check, paired program: {spread(col(auto, 'check'))}  target < 5 s: "
          f"{verdict(col(auto, 'check'), 5)}; {last['check_findings']:,} findings ("
          + ", ".join(f"{c} {n:,}" for c, n in last["check_codes"].items()) + ")")
    print(f"pair check, nobody paired: {spread(col(unpaired, 'check'))}; "
          f"{unpaired[-1]['check_findings']:,} findings")
    print(f"  (loading the participants, which propose, apply and check each do first: "
          f"{spread(col(unpaired, 'load'))})")
    opened = [r["tree_top"] + r["tree_counts"] for r in auto]
    print(f"open the tree, paired (top level {last['tree_top_rows']:,} nodes with counts + unpaired "
          f"counts): {spread(opened, 'ms', 1000)}  target < 5 s: {verdict(opened, 5)}")
    print(f"  expand one tier-1 node ({last['tree_mentees_rows']} mentees): "
          f"{spread(col(auto, 'tree_mentees'), 'ms', 1000)}; unpaired tier-3 list "
          f"({last['tree_unpaired3_rows']:,} rows): {spread(col(auto, 'tree_unpaired3'), 'ms', 1000)}")
    opened = [r["tree_top"] + r["tree_counts"] for r in unpaired]
    print(f"open the tree, nobody paired: {spread(opened, 'ms', 1000)}; unpaired tier-2 list "
          f"({unpaired[-1]['tree_unpaired2_rows']:,} rows) {spread(col(unpaired, 'tree_unpaired2'), 'ms', 1000)}; "
          f"unpaired tier-3 list ({unpaired[-1]['tree_unpaired3_rows']:,} rows) "
          f"{spread(col(unpaired, 'tree_unpaired3'), 's')}")
    print(f"peak RSS: {max(col(auto, 'rss_mb')):.0f} MB (pair auto, check, tree); "
          f"{max(col(unpaired, 'rss_mb')):.0f} MB (check and tree, unpaired)")

    if not args.skip_add:
        added = [_child(ADD, db=str(working_copy(base)), program_id=program_id,
                        person_ids=facts["person_ids"]) for _ in range(args.repeats)]
        print(f"programs.add_participants for all {added[-1]['added']:,} (one call per tier): "
              f"{spread(col(added, 'add'))}; peak RSS {max(col(added, 'rss_mb')):.0f} MB")

    if args.skip_cli:
        pass
    elif not cli_has_pair():
        print("CLI: not measured (`kemitraan pair` does not exist yet)")
    else:
        for label, words in (("pair auto", CLI_AUTO), ("pair check", CLI_CHECK)):
            runs = []
            for _ in range(args.repeats):
                run = working_copy(full)
                if label == "pair check":  # check what pair auto left, as a user would
                    run_cli(run, CLI_AUTO, program_id)
                runs.append((*run_cli(run, words, program_id), paired_count(run)))
            print(f"CLI `kemitraan {' '.join(words).format(program_id=program_id)}` end to end "
                  f"(fresh process): {spread([r[0] for r in runs])}; exit {runs[-1][1]}, "
                  f"{runs[-1][3]:,} paired after; last line: {runs[-1][2]!r}")

    if not args.skip_gui:
        unpaired_copy = working_copy(full, "pairing_gui_unpaired.db")
        paired_copy = working_copy(full)
        _child(AUTO, db=str(paired_copy), program_id=program_id)  # the tree of a paired program
        for state, run in (("paired", paired_copy), ("nobody paired", unpaired_copy)):
            paints = [tree_first_paint(run, program_id) for _ in range(args.repeats)]
            failed = next((p for p in paints if isinstance(p, str)), None)
            if failed:
                print(f"tree first paint: {failed}")
                break
            opened = [seconds for p in paints for seconds in p["open_s"]]
            print(f"tree first paint, {state}: open_program(id) to the tree painted "
                  f"({paints[-1]['rows']:,} top rows): {spread(opened, 'ms', 1000)}  target < 1 s: "
                  f"{verdict(opened, 1)}")
            print(f"  click on the Program & Pasangan area to the tree painted (list read, first "
                  f"program opened): {spread([p['area_s'] for p in paints], 'ms', 1000)}; checks "
                  f"and summary done in the reader thread "
                  f"{spread([p['side_after_s'] for p in paints], 's')} later; peak RSS "
                  f"{max(p['rss_mb'] for p in paints):.0f} MB")
            if paints[-1]["expand_s"] is not None:
                print(f"  expand the last unpaired group ({paints[-1]['group_rows']:,} people) to "
                      f"its first rows painted: {spread([p['expand_s'] for p in paints], 's')}")

    for what in args.profile:
        profile(full, program_id, what)


if __name__ == "__main__":
    os.environ.setdefault("KEMITRAAN_DB", str(WORK / "unused.db"))
    main()
