"""Beranda on a province-sized program: from the process start to the window's first paint,
and to the program dashboard filled (its to-do counts and four charts drawn).

Usage: python benchmarks/beranda.py [--participants 5284] [--repeats 3]
Target (issue 20): Beranda's first paint under 1 s for a province-sized program (5,284
participants, four months of contacts: ~60,000 log entries, 10,000 monev entries). The
database is the one benchmarks/follow_up.py builds and keeps in benchmarks/_work.
Runs offscreen unless DISPLAY is set.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

PROBE = r"""
import json, os, sys, time
started = float(os.environ["BENCH_T0"])
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
QCoreApplication.setOrganizationName("KemitraanBenchBeranda")
QSettings().clear()
from kemitraan_desktop import store
from ui.main_window import MainWindow

class FirstPaint(QObject):
    at = None
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and FirstPaint.at is None:
            FirstPaint.at = time.time()
        return False

db = store.open_db(sys.argv[1])
built = time.time()  # the modules are loaded: from here it is Beranda's own work
window = MainWindow(db)
probe = FirstPaint()
window.installEventFilter(probe)
window.resize(1366, 740)
window.show()
while FirstPaint.at is None:
    app.processEvents()
home = window.home
while home.loading():  # as the app's event loop waits: not spinning, which would hold the
    app.processEvents()  # interpreter's lock the reader thread needs
    time.sleep(0.002)
filled = time.time()
import re
counts = {k: re.sub("<[^>]+>", "", v) for k, v in home.dashboard.todo.counts().items()}
print(json.dumps({"first_paint": FirstPaint.at - started, "filled": filled - started,
                  "window_paint": FirstPaint.at - built, "window_filled": filled - built,
                  "todo": counts}))
"""


def run(db: Path) -> dict:
    env = dict(os.environ, BENCH_T0=repr(time.time()), PYTHONPATH=str(ROOT))
    env.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "")
    out = subprocess.run([sys.executable, "-c", PROBE, str(db)], capture_output=True, text=True,
                         env=env, cwd=ROOT, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=5284)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    from follow_up import fixture

    db = fixture(args.participants)
    runs = [run(db) for _ in range(args.repeats)]
    first = statistics.median(r["first_paint"] for r in runs)
    filled = statistics.median(r["filled"] for r in runs)
    print(f"Beranda, {args.participants:,} participants ({db.name}):")
    paint = statistics.median(r["window_paint"] for r in runs)
    ready = statistics.median(r["window_filled"] for r in runs)
    firsts = ", ".join(f"{r['first_paint']:.2f}" for r in runs)
    fills = ", ".join(f"{r['filled']:.2f}" for r in runs)
    print(f"  process start to first paint (placeholders): {first:.2f} s (median of "
          f"{args.repeats}; runs {firsts})")
    print(f"  process start to dashboard filled:           {filled:.2f} s (runs {fills})")
    print(f"  main window built to Beranda's first paint:  {paint:.2f} s; to its dashboard "
          f"filled: {ready:.2f} s (medians)")
    print(f"  to-do shown: {runs[-1]['todo']}")
    print(f"  target: Beranda's first paint under 1 s: {'met' if paint < 1.0 else 'NOT met'}; "
          f"filled under 1 s: {'met' if ready < 1.0 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
