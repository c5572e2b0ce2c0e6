"""The frozen build: its size, and how fast its first window appears.

Usage: python benchmarks/bundle.py [--no-build] [--dist dist/Kemitraan] [--runs 5]
                                   [--summary build/selftest-app.json]
Targets (issue 8): the onedir bundle under 150 MB; the frozen app's first window within 1 s.
Builds with `make bundle` unless --no-build. The start is timed from launching the process
to the main window's first paint (the app writes it to KEMITRAAN_STARTUP_PROBE), with a
database already holding the demo; the first run is also shown apart (a cold disk cache
on a fresh boot is slower still). Offscreen unless DISPLAY is set. --summary prints a
self-test result's checks in one line each (used by `make bundle-test`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and files, links not followed (as the installer packs them)."""
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            files += 1
    return total, files


def app_path(dist: Path) -> Path:
    name = "KemitraanDesktop.exe" if os.name == "nt" else "KemitraanDesktop"
    return dist / name


def first_window(dist: Path, db: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "probe.json"
        env = dict(os.environ, KEMITRAAN_STARTUP_PROBE=str(probe),
                   KEMITRAAN_STARTUP_T0=repr(time.time()))
        if not env.get("DISPLAY") and os.name != "nt":
            env["QT_QPA_PLATFORM"] = "offscreen"
        subprocess.run([str(app_path(dist)), "--db", str(db)], env=env, check=True, timeout=120,
                       capture_output=True)
        return json.loads(probe.read_text())["first_window"]


def summary(path: Path) -> int:
    result = json.loads(path.read_text(encoding="utf-8"))
    for check in result["checks"]:
        mark = "ok  " if check["ok"] else "FAIL"
        print(f"  {mark} {check['name']:<18} {check['seconds']:>6.2f} s  "
              f"{check.get('detail') or check.get('error', '')}")
    print(f"self-test: {'all passed' if result['ok'] else 'FAILED'} "
          f"({sum(c['ok'] for c in result['checks'])}/{len(result['checks'])}, "
          f"frozen={result['frozen']}, {result['platform']})")
    return 0 if result["ok"] else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="measure the existing bundle")
    parser.add_argument("--dist", default=str(ROOT / "dist" / "Kemitraan"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--summary", metavar="SELFTEST.json")
    args = parser.parse_args()
    dist = Path(args.dist)
    if args.summary:
        code = summary(Path(args.summary))
        if code:
            return code
    if not args.no_build:
        started = time.perf_counter()
        subprocess.run(["make", "-C", str(ROOT), "bundle"], check=True)
        print(f"build: {time.perf_counter() - started:.0f} s")
    if not app_path(dist).exists():
        print(f"No bundle at {dist}; run `make bundle` first.")
        return 1
    size, files = folder_size(dist)
    megabytes = size / 1024 / 1024
    print(f"bundle {dist}: {megabytes:.0f} MB in {files:,} files "
          f"(target < 150 MB: {'met' if megabytes < 150 else 'NOT met'})")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        subprocess.run([str(dist / ("kemitraan.exe" if os.name == "nt" else "kemitraan")),
                        "--db", str(db), "init", "--demo"], check=True, capture_output=True,
                       timeout=120)
        times = [first_window(dist, db) for _ in range(max(args.runs, 1))]
    median = statistics.median(times[1:] or times)
    print(f"first window: first run {times[0]:.2f} s, then median {median:.2f} s of "
          f"{len(times) - 1 or 1} (target <= 1 s: {'met' if max(times[0], median) <= 1 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
