"""The preview of a signed document offers its place and date; Perbarui prints it again
with the operator's choice (issue 16: the demo's 2018 OJL printed today's date)."""

import datetime as dt

from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtGui import QUndoStack

from ui.attendance.page import AttendancePage
from ui.ops import registry
from ui.widgets.sign_off import SignOffBar


def flat(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def test_the_recap_preview_offers_and_applies_place_and_date(qtbot, demo_db, tmp_path):
    page = AttendancePage(demo_db, QUndoStack())
    qtbot.addWidget(page)
    page.show()
    page.reload_activities(select=1)
    path = tmp_path / "rekap.pdf"
    page.print_recap(str(path))
    qtbot.waitUntil(lambda: getattr(page, "preview", None) is not None and not registry().jobs,
                    timeout=20000)
    bar = page.preview.findChild(SignOffBar, "sign_off")
    assert bar is not None and bar.place.text() == "Pekalongan"
    assert bar.day.date() == QDate(2018, 9, 16)  # the OJL's last day, not today
    assert "Pekalongan, 16 September 2018" in flat(path)
    bar.place.setText("Kabupaten Gorontalo")
    bar.day.setDate(QDate(2018, 11, 20))
    bar.apply.click()
    qtbot.waitUntil(lambda: not registry().jobs, timeout=20000)
    assert "Kabupaten Gorontalo, 20 November 2018" in flat(path)
    again = page.preview.findChild(SignOffBar, "sign_off")
    assert again.place.text() == "Kabupaten Gorontalo"
    assert again.chosen().day == dt.date(2018, 11, 20)
    page.preview.close()


def test_the_daftar_hadir_keeps_each_sessions_day_until_a_date_is_chosen(qtbot, demo_db, tmp_path):
    page = AttendancePage(demo_db, QUndoStack())
    qtbot.addWidget(page)
    page.show()
    page.reload_activities(select=1)
    path = tmp_path / "hadir.pdf"
    page.print_sheets(path=str(path))
    qtbot.waitUntil(lambda: getattr(page, "preview", None) is not None and not registry().jobs,
                    timeout=30000)
    bar = page.preview.findChild(SignOffBar, "sign_off")
    assert bar.day.text() == "tanggal sesi masing-masing" and bar.chosen().day is None
    page.preview.close()
