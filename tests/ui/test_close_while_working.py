"""Closing the window while work runs (issue 16): a print, an export, an import and a
certificate batch, each in a real app process. The process exits with code 0 and no Qt
warning (before, `QThread: Destroyed while thread is still running` aborted it with 134),
the database passes its check, and the work is whole or not there at all."""

import sqlite3
import subprocess
import sys
import textwrap

import pytest
from helpers import ROOT

SCRIPT = textwrap.dedent("""
    import datetime as dt, os, sys, time
    from pathlib import Path
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, {root!r})
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    app = QApplication([])
    from kemitraan_desktop import certificates, store
    from kemitraan_desktop.documents.recap import print_recap
    from kemitraan_desktop.errors import Cancelled
    from kemitraan_desktop.spreadsheets import export_roster, import_roster
    from ui.main_window import MainWindow
    from ui.ops import Job

    db_path, kind, answer, out = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    db = store.open_db(db_path)
    activity = db.execute("SELECT id FROM activities ORDER BY id LIMIT 1").fetchone()[0]
    window = MainWindow(db)
    window.show()

    def slowly(seconds, fn):
        def run(db, *args, progress=None, cancelled=None):
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                if cancelled():
                    raise Cancelled()
                time.sleep(0.02)
            return fn(db, *args, progress=progress, cancelled=cancelled)
        return run

    def issue(db, activity_id, progress=None, cancelled=None):
        return certificates.issue(db, activity_id, dt.date(2018, 9, 8))

    def recap(db, activity_id, path, progress=None, cancelled=None):
        return print_recap(db, activity_id, path)

    work = {{
        "print": (recap, activity, out),
        "export": (export_roster, out),
        "import": (import_roster, {source!r}),
        "certificates": (issue, activity),
    }}[kind]
    seconds = 0.3 if answer == "short" else 3.0
    Job(window, db_path, slowly(seconds, work[0]), *work[1:], label="Pekerjaan " + kind).start()
    QTimer.singleShot(200, window.close)

    def answer_box():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            for button in box.buttons():
                if button.text() == answer:
                    button.click()
                    return
        QTimer.singleShot(50, answer_box)

    if answer != "short":
        QTimer.singleShot(300, answer_box)
    sys.exit(app.exec())
""")


def close_while(demo_copy, tmp_path, kind, answer):
    from kemitraan_desktop import store

    path = store.db_file(demo_copy)
    demo_copy.close()
    out = tmp_path / ("hasil.pdf" if kind == "print" else "hasil.xlsx")
    script = tmp_path / "close.py"
    script.write_text(SCRIPT.format(root=str(ROOT),
                                    source=str(ROOT / "tests/data/sources/dapodik_daftar_guru.xlsx")))
    done = subprocess.run([sys.executable, str(script), str(path), kind, answer, str(out)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        counts = {"people": conn.execute("SELECT count(*) FROM people").fetchone()[0],
                  "certificates": conn.execute("SELECT count(*) FROM certificates").fetchone()[0]}
    finally:
        conn.close()
    return done, out, counts


@pytest.mark.parametrize("kind", ["print", "export", "import", "certificates"])
def test_closing_cancels_long_work_cleanly(demo_copy, tmp_path, kind):
    before = {"people": demo_copy.execute("SELECT count(*) FROM people").fetchone()[0],
              "certificates": demo_copy.execute("SELECT count(*) FROM certificates").fetchone()[0]}
    done, out, counts = close_while(demo_copy, tmp_path, kind, "Batalkan")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "QThread" not in done.stderr and "Destroyed" not in done.stderr
    assert counts == before  # cancelled: nothing half-written
    assert not out.exists()


def test_closing_waits_for_long_work_when_asked(demo_copy, tmp_path):
    before = demo_copy.execute("SELECT count(*) FROM people").fetchone()[0]
    done, _, counts = close_while(demo_copy, tmp_path, "import", "Tunggu sampai selesai")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "QThread" not in done.stderr
    assert counts["people"] == before + 25  # the import finished, whole


def test_short_work_is_simply_waited_for(demo_copy, tmp_path):
    done, out, _ = close_while(demo_copy, tmp_path, "print", "short")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "QThread" not in done.stderr
    assert out.exists() and out.read_bytes().startswith(b"%PDF")
