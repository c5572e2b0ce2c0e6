"""Roster import and search at scale: rows/s (parse alone and whole import), peak RSS, search latency.

Usage: python benchmarks/import_roster.py [--rows 100000] [--search-people 1000000]
Targets (issue 2): whole import within 2.5x the time python-calamine alone takes to read the
file; peak RSS under 400 MB; a search query under 50 ms at 1M people. Issue 15: a Dapodik
"Daftar Guru" download of 2,000 rows and 51 columns (4 title rows, IDs as numbers with
every digit, as its PHP exporter writes them) imported in under 1 s (`--dapodik-rows`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = ROOT / "benchmarks" / "_work"

HEADER = ["Nama", "NUPTK", "NIP", "L/P", "Tanggal Lahir", "Jabatan", "Jenjang", "Mata Pelajaran",
          "Asal Sekolah", "Kab/Kota", "Nilai UKG", "No HP"]
FIRST = ["Agus", "Budi", "Sri", "Dewi", "Eko", "Fitri", "Hendra", "Indah", "Joko", "Kartika",
         "Lestari", "Muhammad", "Nur", "Rahmat", "Siti", "Teguh", "Wahyu", "Yuliana", "Ratna", "Slamet"]
LAST = ["Prasetyo", "Wibowo", "Santoso", "Hidayat", "Saputra", "Rahayu", "Setiawan", "Nugroho",
        "Handayani", "Pratama", "Susanti", "Wijaya", "Mahmud", "Tahir", "Anwar", "Gobel"]
SUBJECTS = ["Bahasa Indonesia", "Bahasa Inggris", "Matematika", "IPA"]


def synthetic_rows(count: int, seed: int = 7):
    from kemitraan_desktop.regions import all_regions

    rng = random.Random(seed)
    districts = [r.name for r in all_regions() if r.kind != "provinsi"]
    for i in range(count):
        female = rng.random() < 0.55
        # Birth date from i // 1000 and sequence from i % 1000 keep every NIP unique.
        birth = dt.date(1965, 1, 1) + dt.timedelta(days=(i // 1000) * 97 % 9000)
        year, month, day = birth.year, birth.month, birth.day
        nip = f"{birth:%Y%m%d}{year + 25}{rng.randint(1, 12):02d}{2 if female else 1}{i % 1000:03d}"
        district = districts[i % len(districts)]
        yield [
            f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}, S.Pd.",
            f"{1000000000000000 + i}", nip, "P" if female else "L", f"{day:02d}/{month:02d}/{year}",
            "Guru", "SMP", SUBJECTS[i % 4], f"SMP Negeri {i % 40 + 1} {district.split(' ', 1)[1]}",
            district, f"{rng.uniform(40, 95):.2f}".replace(".", ","), f"08{rng.randint(10**9, 10**10 - 1)}",
        ]


def make_workbook(rows: int) -> Path:
    from openpyxl import Workbook

    path = WORK / f"roster_{rows}.xlsx"
    if path.exists():
        return path
    WORK.mkdir(parents=True, exist_ok=True)
    book = Workbook(write_only=True)
    ws = book.create_sheet("Daftar Guru")
    ws.append(HEADER)
    for row in synthetic_rows(rows):
        ws.append(row)
    book.save(path)
    return path


def make_dapodik(rows: int) -> Path:
    """A Dapodik download of `rows` teachers: the 25 of tests/data/sources made as that
    file is made, repeated with fresh IDs (NIP and NIK sequence numbers, NUPTK)."""
    import importlib.util

    path = WORK / f"dapodik_{rows}.xlsx"
    if path.exists():
        return path
    WORK.mkdir(parents=True, exist_ok=True)
    spec = importlib.util.spec_from_file_location(
        "make_sources", ROOT / "tests" / "data" / "sources" / "make_sources.py")
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    base = maker.dapodik_records()
    records = []
    for i in range(rows):
        record = dict(base[i % len(base)])
        copy = i // len(base)
        if copy:
            record["name"] = f"{record['name']} {copy}"
            if record.get("nuptk"):
                record["nuptk"] = f"{record['nuptk'][:11]}{i:05d}"
            if record.get("nip"):
                record["nip"] = f"{record['nip'][:15]}{100 + copy:03d}"
            if record.get("nik"):
                record["nik"] = f"{record['nik'][:12]}{i % 10000:04d}"
            record["email"] = f"guru{i}@example.sch.id"
        records.append(record)
    maker.make_dapodik_xlsx(records, path)
    return path


DAPODIK_IMPORT = """
import json, time
from kemitraan_desktop import store
from kemitraan_desktop.spreadsheets import import_roster
db = store.open_db({db!r})
t = time.perf_counter()
report = import_roster(db, {path!r})
seconds = time.perf_counter() - t
assert report.new == {rows}, [str(p) for p in report.problems[:5]]
print(json.dumps({{"seconds": seconds}}))
"""


def measure_dapodik(rows: int, repeats: int) -> None:
    path = make_dapodik(rows)
    db_path = WORK / "dapodik.db"
    runs = []
    for _ in range(repeats):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        runs.append(_child(DAPODIK_IMPORT.format(path=str(path), db=str(db_path), rows=rows)))
    median = statistics.median(r["seconds"] for r in runs)
    print(f"Dapodik download, {rows:,} rows x 51 columns, into an empty database, median of "
          f"{repeats}: {median:.2f} s (target < 1 s)  [runs: {_runs(runs)}]")


def _child(code: str) -> dict:
    """Run a measurement in a fresh interpreter so its peak RSS is its own."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


PARSE = """
import json, resource, time, python_calamine as c
t = time.perf_counter()
book = c.CalamineWorkbook.from_path({path!r})
rows = book.get_sheet_by_index(0).to_python()
print(json.dumps({{"seconds": time.perf_counter() - t, "rows": len(rows) - 1,
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
IMPORT = """
import json, resource, time
from kemitraan_desktop import store
from kemitraan_desktop.spreadsheets import import_roster
db = store.open_db({db!r})
marks = {{}}
def progress(done, total, message):
    # the first "Memeriksa baris" ends the reading, "done == total" the row checks, the
    # first "Menyimpan" the matching and planning
    now = time.perf_counter()
    marks.setdefault(message, now)
    if message == "Memeriksa baris" and done == total:
        marks["checked"] = now
t = time.perf_counter()
report = import_roster(db, {path!r}, progress=progress)
end = time.perf_counter()
assert report.written and report.new == {rows}, report.summary()
phases = {{"read": marks["Memeriksa baris"] - t,
          "check rows": marks["checked"] - marks["Memeriksa baris"],
          "match and plan": marks["Menyimpan"] - marks["checked"],
          "write": end - marks["Menyimpan"]}}
print(json.dumps({{"seconds": end - t, "new": report.new, "phases": phases,
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def fill_people(db_path: Path, count: int) -> None:
    """A database of `count` people written through the core's insert path (the search
    benchmark needs the data, not another import): 40 schools in each of 514 districts."""
    from kemitraan_desktop import people, store
    from kemitraan_desktop.indonesia import name_key
    from kemitraan_desktop.regions import all_regions

    db = store.open_db(db_path)
    have = people.count_people(db)
    if have >= count:
        return
    rng = random.Random(11)
    districts = [r for r in all_regions() if r.kind != "provinsi"]
    with db.atomic():
        if not db.execute("SELECT count(*) FROM schools").fetchone()[0]:
            db.conn.executemany(
                "INSERT INTO schools (name, name_key, jenjang, region_code) VALUES (?, ?, 'SMP', ?)",
                [(f"SMP Negeri {n} {d.name.split(' ', 1)[1]}",
                  f"smp negeri {n} {d.name.split(' ', 1)[1].lower()}", d.code)
                 for d in districts for n in range(1, 41)])
        schools = [row[0] for row in db.execute("SELECT id FROM schools")]
        batch = []
        for i in range(have, count):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"
            school = schools[i % len(schools)]
            batch.append({"full_name": name + ", S.Pd.", "name_key": name_key(name),
                          "nuptk": f"{2000000000000000 + i}", "nip": None, "nik": None,
                          "gender": None, "birth_place": None, "birth_date": None,
                          "position": "guru", "jenjang": "SMP", "subject": SUBJECTS[i % 4],
                          "rank": None, "school_id": school,
                          "region_code": districts[(school - 1) // 40 % len(districts)].code,
                          "ukg": None, "phone": None, "email": None})
            if len(batch) == 50000:
                people.insert_people(db, batch)
                batch.clear()
        if batch:
            people.insert_people(db, batch)
    store.optimize(db)
    db.close()


QUERIES = ["sri", "budi santoso", "wahyu prasetyo hidayat", "smp negeri 12 pati",
           "smp negeri", "2000000000123", "1000000000123", "ag", "s", "Dra. Ratna"]


def measure_search(db_path: Path, repeats: int = 5) -> dict:
    from kemitraan_desktop import people, store

    db = store.open_db(db_path)
    result = {}
    for query in QUERIES:
        list_times, id_times, hits = [], [], 0
        for _ in range(repeats):
            t = time.perf_counter()
            people.list_people(db, query, limit=50)
            list_times.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            hits = len(people.query_ids(db, query))
            id_times.append((time.perf_counter() - t) * 1000)
        result[query] = {"hits": hits, "first_50_ms": statistics.median(list_times),
                         "all_ids_sorted_ms": statistics.median(id_times)}
    db.close()
    return result


def _runs(results: list[dict]) -> str:
    return ", ".join(f"{r['seconds']:.2f}" for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--search-people", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--dapodik-rows", type=int, default=2_000)
    parser.add_argument("--only-dapodik", action="store_true")
    args = parser.parse_args()
    measure_dapodik(args.dapodik_rows, args.repeats)
    if args.only_dapodik:
        return
    t = time.perf_counter()
    path = make_workbook(args.rows)
    print(f"workbook: {path.name} ({path.stat().st_size / 1e6:.1f} MB, made in "
          f"{time.perf_counter() - t:.1f} s)")

    # Parse and import alternate, three times each, so that a slow spell of the machine
    # touches both; the medians are compared.
    db_path = WORK / "import.db"
    parses, imports = [], []
    for _ in range(args.repeats):
        parses.append(_child(PARSE.format(path=str(path))))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        imports.append(_child(IMPORT.format(path=str(path), db=str(db_path), rows=args.rows)))
    parse_s = statistics.median(p["seconds"] for p in parses)
    import_s = statistics.median(i["seconds"] for i in imports)
    print(f"parse alone (python-calamine), median of {args.repeats}: {parse_s:.2f} s, "
          f"{args.rows / parse_s:,.0f} rows/s, peak RSS {max(p['rss_mb'] for p in parses):.0f} MB"
          f"  [runs: {_runs(parses)}]")
    print(f"whole import, median of {args.repeats}: {import_s:.2f} s, {args.rows / import_s:,.0f} rows/s, "
          f"{import_s / parse_s:.2f}x the parse time (target <= 2.5x), peak RSS "
          f"{max(i['rss_mb'] for i in imports):.0f} MB (target < 400 MB)"
          f"  [runs: {_runs(imports)}]")
    print("  where the import's time goes (median s): " + ", ".join(
        f"{phase} {statistics.median(i['phases'][phase] for i in imports):.2f}"
        for phase in imports[0]["phases"]))

    for label, db_file, count in (("100k", db_path, None),
                                  (f"{args.search_people // 1000}k", WORK / "search_1m.db",
                                   args.search_people)):
        if count:
            t = time.perf_counter()
            fill_people(db_file, count)
            print(f"filled {count:,} people in {time.perf_counter() - t:.0f} s")
        figures = measure_search(db_file)
        print(f"search at {label} people (median of 5, ms; target < 50 ms):")
        for query, f in figures.items():
            print(f"  {query!r:28} hits {f['hits']:>7,}  first 50: {f['first_50_ms']:6.1f} ms"
                  f"  all ids sorted: {f['all_ids_sorted_ms']:7.1f} ms")


if __name__ == "__main__":
    os.environ.setdefault("KEMITRAAN_DB", str(WORK / "unused.db"))
    main()
