"""The months after the OJL at a province's size (issue 20): a 1:3:10 program of 5,284
participants (the exchange benchmark's round: paired, an 8-day OJL 1 marked, certificates
issued) with four months of pendampingan (about 60,000 log entries), 10,000 monev visits
scored on Observasi Pembelajaran, an RTL for every mitra and imbas, and a pengimbasan led
by every mitra with its imbas marked; then a year of photos for one district.

Usage: python benchmarks/follow_up.py [--participants 5284] [--repeats 3] [--photos-teachers 60]
Targets (issue 20): the program report PDF and .xlsx under 10 s each, Beranda's data for the
program under 1 s; program status and the photos' size are reported.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from exchange import fixture as round_fixture  # noqa: E402
from import_roster import WORK  # noqa: E402

OJL_END = dt.date(2019, 9, 16)  # the exchange round's OJL 1: 9-16 September 2019
AS_OF = dt.date(2020, 1, 16)  # the window's last day: four months after it
MODES = ("tatap-muka", "daring", "telepon", "surel")
TOPICS = ("Diskusi RPP dengan model Problem Based Learning", "Umpan balik observasi kelas",
          "Penyusunan LKPD berorientasi HOTS", "Penyusunan modul ajar",
          "Refleksi praktik baik", "Telaah soal penilaian harian")


def _days(rng: random.Random, first: dt.date, last: dt.date, count: int) -> list[dt.date]:
    span = (last - first).days
    return sorted({first + dt.timedelta(days=rng.randint(0, span)) for _ in range(count)})


def fixture(participants: int) -> Path:
    """The round plus four months of follow-up, built once and kept in benchmarks/_work."""
    from kemitraan_desktop import activities, attendance, monev, store

    path = WORK / f"follow_up_{participants}.db"
    if path.exists():
        return path
    source = round_fixture(participants)
    shutil.copy(source, path)
    db = store.open_db(path)
    rng = random.Random(20)
    pid = db.execute("SELECT id FROM programs").fetchone()[0]
    pairs = db.execute("SELECT mentor_id, id, tier FROM participants WHERE program_id = ? AND "
                       "mentor_id IS NOT NULL ORDER BY id", [pid]).fetchall()
    first, last = OJL_END + dt.timedelta(days=1), AS_OF
    log = []
    for n, (mentor, mentee, _tier) in enumerate(pairs):
        quiet = n % 40 == 0  # one pair in forty silent since early November
        days = _days(rng, first, dt.date(2019, 11, 5) if quiet else last, rng.randint(9, 16))
        for day in days:
            mode = MODES[rng.randrange(4)]
            minutes = None if mode == "surel" else rng.choice((20, 45, 60, 90))
            log.append((pid, mentor, mentee, day.isoformat(), mode,
                        round((minutes or 0) / 40 * 2) / 2 or None, minutes,
                        TOPICS[rng.randrange(len(TOPICS))], "Kesepakatan tercatat",
                        "Tindak lanjut tercatat", "bench"))
    form = monev.get_form(db, "observasi")
    items = [item["id"] for item in form.items]
    visited = [mentee for _m, mentee, _t in pairs][: 5_000]
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO mentoring_log (program_id, mentor_id, mentee_id, day, mode, jp, minutes, "
            "topic, agreed, follow_up, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", log)
        mentor_of = {mentee: mentor for mentor, mentee, _t in pairs}
        scores = []
        for visit, day in ((0, dt.date(2019, 10, 7)), (1, dt.date(2020, 1, 8))):
            for pid_ in visited:
                entry = db.execute(
                    "INSERT INTO monev_entries (form_id, program_id, participant_id, observer_id, "
                    "day, stage) VALUES (?, ?, ?, ?, ?, 'observasi')",
                    [form.id, pid, pid_, mentor_of[pid_],
                     (day + dt.timedelta(days=pid_ % 10)).isoformat()]).lastrowid
                level = 2 + visit * 0.6 + rng.uniform(-0.5, 0.5)
                scores += [(entry, item, float(min(4, max(0, round(level + rng.gauss(0, 0.6))))))
                           for item in items]
        db.conn.executemany("INSERT INTO monev_scores (entry_id, item_id, score) VALUES (?, ?, ?)",
                            scores)
        plans = []
        for n, (_mentor, mentee, _tier) in enumerate(pairs):
            status = ("belum", "berjalan", "selesai")[n % 3]
            plans.append((pid, mentee, "Mengimbaskan hasil OJL di MGMP",
                          (dt.date(2019, 11, 30) + dt.timedelta(days=n % 90)).isoformat(), status))
        db.conn.executemany("INSERT INTO action_plans (program_id, participant_id, action, due, "
                            "status) VALUES (?, ?, ?, ?, ?)", plans)
    # a pengimbasan led by every mitra, through the core (its participants, rundown, marks)
    mitra = [r[0] for r in db.execute("SELECT id FROM participants WHERE program_id = ? AND "
                                      "tier = 2 AND id IN (SELECT mentor_id FROM participants) "
                                      "ORDER BY id", [pid])]
    with db.atomic():
        for n, leader in enumerate(mitra):
            day = dt.date(2019, 10, 5) + dt.timedelta(days=7 * (n % 14))
            aid = activities.create_activity(db, pid, "pengimbasan", f"Pengimbasan MGMP {n + 1}",
                                             day, day, leader_id=leader)
            activities.save_items(db, aid, [
                activities.Item(day, dt.time(8, 0), dt.time(9, 20), "Berbagi praktik baik",
                                jp=2, attendance=True),
                activities.Item(day, dt.time(9, 35), dt.time(11, 35), "Praktik menyusun RPP",
                                jp=3, attendance=True)])
            sessions = attendance.sessions(db, aid)
            taking = [p["id"] for p in activities.activity_participants(db, aid)]
            attendance.set_marks(db, aid, [
                attendance.Mark(p, *s.key, "hadir" if (p + n) % 4 else "izin")
                for p in taking for s in sessions])
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def median(fn, repeats: int) -> tuple[float, float, float]:
    runs = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs), min(runs), max(runs)


def beranda(db, pid: int) -> dict[str, float]:
    """What Beranda reads for a program (program_dashboard.program_overview: the to-do, the
    quiet pairs, the figures of its four charts, in one read) and the charts laid out at
    the width Beranda gives them; reach_and_quiet (the tracker's part it reads), the
    tracker's own quiet_pairs and contacts_by_month beside it, each timed once."""
    from kemitraan_desktop import charts, follow_up, program_dashboard

    parts = {}
    t = time.perf_counter()
    follow_up.reach_and_quiet(db, pid, AS_OF)
    parts["follow_up.reach_and_quiet"] = time.perf_counter() - t
    t = time.perf_counter()
    follow_up.quiet_pairs(db, pid, AS_OF)
    parts["follow_up.quiet_pairs"] = time.perf_counter() - t
    t = time.perf_counter()
    follow_up.contacts_by_month(db, pid)
    parts["follow_up.contacts_by_month"] = time.perf_counter() - t
    t = time.perf_counter()
    overview = program_dashboard.program_overview(db, pid, AS_OF)
    parts["program_overview"] = time.perf_counter() - t
    t = time.perf_counter()
    for spec in overview.charts().values():
        spec.layout(480, charts.suggested_height(spec, 480))
    parts["four charts laid out"] = time.perf_counter() - t
    parts["Beranda (overview + charts)"] = parts["program_overview"] + parts["four charts laid out"]
    return parts


def phone_photos(count: int, rng: random.Random) -> list[bytes]:
    """Photos as a phone takes them (2592 x 1944, quality 90) of a drawn classroom with a
    grain that leaves them about as detailed as a real picture once scaled (the 150 KB
    at 1280 px that mentoring/evidence.py expects of a phone photo), all different."""
    from PIL import Image, ImageDraw, ImageFilter

    photos = []
    for n in range(count):
        size = (2592, 1944)
        image = Image.new("RGB", size, (200 + n % 40, 190, 170))
        draw = ImageDraw.Draw(image)
        draw.rectangle((400, 200, 2200, 900), fill="white", outline=(60, 60, 60), width=20)
        for k in range(12):
            draw.line((480, 280 + k * 50, 480 + rng.randint(600, 1600), 280 + k * 50),
                      fill=(30, 40, 120), width=8)
        for row in range(3):
            for col in range(6):
                x, y = 120 + col * 420 + row * 30, 1100 + row * 280
                draw.ellipse((x + 100, y - 120, x + 220, y), fill=(60 + n, 40, 30))
                draw.rectangle((x, y + 60, x + 330, y + 120), fill=(150, 100, 60))
        noise = Image.effect_noise(size, 60).convert("RGB")
        image = Image.blend(image, noise, 0.35).filter(ImageFilter.GaussianBlur(0.8))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=90)
        photos.append(out.getvalue())
    return photos


def photos_year(source: Path, teachers: int, distinct: int) -> dict:
    """A year of one district's evidence: `teachers` imbas with a contact a month and two
    photos on each. `distinct` phone photos go through add_evidence's reading and scaling;
    the year stores their scaled bytes in turn (the same bytes the scaling makes)."""
    from kemitraan_desktop import store
    from kemitraan_desktop.mentoring import read_evidence
    from kemitraan_desktop.mentoring.evidence import store_evidence

    path = WORK / f"follow_up_photos_{os.getpid()}.db"  # two runs at once keep apart
    shutil.copy(source, path)
    db = store.open_db(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = path.stat().st_size
    rng = random.Random(3)
    raw = phone_photos(distinct, rng)
    folder = Path(tempfile.mkdtemp(dir=WORK))
    for n, data in enumerate(raw):
        (folder / f"foto-{n}.jpg").write_bytes(data)
    t = time.perf_counter()
    files = [read_evidence([path])[0] for path in sorted(folder.glob("*.jpg"))]
    scaling = (time.perf_counter() - t) / len(files)
    shutil.rmtree(folder)
    pid = db.execute("SELECT id FROM programs").fetchone()[0]
    pairs = db.execute("SELECT mentor_id, id FROM participants WHERE program_id = ? AND tier = 3 "
                       "ORDER BY id LIMIT ?", [pid, teachers]).fetchall()
    stored = 0
    t = time.perf_counter()
    with db.atomic():
        for month in range(12):
            day = dt.date(2019 + (8 + month) // 12, (8 + month) % 12 + 1, 20).isoformat()
            for mentor, mentee in pairs:
                log_id = db.execute(
                    "INSERT INTO mentoring_log (program_id, mentor_id, mentee_id, day, mode, "
                    "topic, source) VALUES (?, ?, ?, ?, 'tatap-muka', 'Kunjungan kelas', 'bench')",
                    [pid, mentor, mentee, day]).lastrowid
                store_evidence(db, log_id, [files[stored % len(files)],
                                            files[(stored + 1) % len(files)]])
                stored += 2
    writing = time.perf_counter() - t
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    after = path.stat().st_size
    for leftover in WORK.glob(f"{path.name}*"):
        leftover.unlink()
    return {"photos": stored, "before_mb": before / 1e6, "added_mb": (after - before) / 1e6,
            "per_photo_kb": (after - before) / stored / 1e3,
            "raw_kb": statistics.mean(len(d) for d in raw) / 1e3,
            "scaled_kb": statistics.mean(len(f.data) for f in files) / 1e3,
            "scaling_s": scaling, "writing_s": writing}


def run(participants: int, repeats: int, teachers: int) -> None:
    from kemitraan_desktop import follow_up, store
    from kemitraan_desktop.documents.program_report import print_program_report
    from kemitraan_desktop.spreadsheets.program_report_sheet import write_program_report
    from kemitraan_desktop.views.program_report import program_report_view

    t = time.perf_counter()
    source = fixture(participants)
    built = time.perf_counter() - t
    db = store.open_db(source)
    pid = db.execute("SELECT id FROM programs").fetchone()[0]
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in (
        "participants", "mentoring_log", "monev_entries", "monev_scores", "action_plans",
        "activities", "attendance_marks")}
    print(f"program: {counts['participants']:,} participants, {counts['mentoring_log']:,} log "
          f"entries, {counts['monev_entries']:,} monev visits ({counts['monev_scores']:,} scores), "
          f"{counts['action_plans']:,} RTL, {counts['activities']} activities "
          f"({counts['activities'] - 1} pengimbasan), {counts['attendance_marks']:,} marks; "
          f"fixture ready in {built:.1f} s; {source.stat().st_size / 1e6:.1f} MB")
    out = WORK / f"follow_up_out_{os.getpid()}"
    out.mkdir(parents=True, exist_ok=True)
    status = follow_up.program_status(db, pid, as_of=AS_OF)
    rows = [("program_status", *median(lambda: follow_up.program_status(db, pid, as_of=AS_OF),
                                       repeats), "-")]
    rows.append(("program_report_view", *median(
        lambda: program_report_view(db, pid, as_of=AS_OF), repeats), "-"))
    rows.append(("report PDF (view + render)", *median(
        lambda: print_program_report(db, pid, out / "laporan.pdf", as_of=AS_OF), repeats),
        "< 10 s"))
    from pypdf import PdfReader
    pages = len(PdfReader(out / "laporan.pdf").pages)
    rows.append(("report .xlsx (view + write)", *median(
        lambda: write_program_report(program_report_view(db, pid, as_of=AS_OF),
                                     out / "laporan.xlsx"), repeats), "< 10 s"))
    parts = [beranda(db, pid) for _ in range(repeats)]
    db.close()
    shutil.rmtree(out)
    print(f"status: {status.reached:,} of {status.target:,} reached, {len(status.quiet)} pairs "
          f"quiet, {len(status.pairs):,} pairs; the report's PDF {pages} pages")
    print("\n| figure | median (min-max), s | target |\n|---|---|---|")
    for name, mid, low, high, target in rows:
        print(f"| {name} | {mid:.2f} ({low:.2f}-{high:.2f}) | {target} |")
    for key in parts[0]:
        values = [p[key] for p in parts]
        target = "< 1 s" if key.startswith("Beranda") else "-"
        print(f"| {key} | {statistics.median(values):.3f} ({min(values):.3f}-"
              f"{max(values):.3f}) | {target} |")
    photos = photos_year(source, teachers, distinct=48)
    print(f"\nphotos: {photos['photos']:,} ({teachers} teachers x 2 a month x 12 months) add "
          f"{photos['added_mb']:.1f} MB to a {photos['before_mb']:.1f} MB database: "
          f"{photos['per_photo_kb']:.0f} KB per photo (phone file {photos['raw_kb']:.0f} KB, "
          f"scaled {photos['scaled_kb']:.0f} KB); scaling {photos['scaling_s'] * 1000:.0f} ms "
          f"per photo, writing the year {photos['writing_s']:.1f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=5284)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--photos-teachers", type=int, default=60)
    options = parser.parse_args()
    run(options.participants, options.repeats, options.photos_teachers)
