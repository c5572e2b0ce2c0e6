"""Pendampingan & Monev (issue 20): a contact typed in the quick dialog lands in the log and
the list, the tracker's quiet filter, an RTL's status change kept in its history, a monev
visit scored live, a blank form printed, the reach as program_status counts it, and a
pengimbasan created with its leader. Each test makes the follow-up data it needs through
the core (the demo may carry its own)."""

from __future__ import annotations

import datetime as dt

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from kemitraan_desktop import action_plans as plans
from kemitraan_desktop import activities as act
from kemitraan_desktop import follow_up, monev, programs
from kemitraan_desktop import mentoring as mtr
from ui.follow_up.models import OVERDUE, RED
from ui.follow_up.page import FollowUpPage
from ui.main_window import AREAS, CERTIFICATES, FOLLOW_UP, SETTINGS, MainWindow

# the offscreen platform says so for every completion popup shown
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")

PROGRAM = 2  # Kemitraan Guru SMP 2019: 8 inti, 16 mitra, 160 imbas; OJL 2 ends 18 Oct 2019
INSIDE = dt.date(2019, 12, 31)  # inside its four months (18 Oct 2019 - 18 Feb 2020)


def open_page(qtbot, db, as_of: dt.date | None = None) -> FollowUpPage:
    page = FollowUpPage(db)
    qtbot.addWidget(page)
    page.resize(1280, 650)
    page.show()
    page.reload_programs(select=PROGRAM)
    if as_of is not None:
        page.set_as_of(as_of)
    qtbot.waitUntil(page.idle, timeout=10000)
    return page


def people(db) -> dict[int, dict]:
    return {row["id"]: row for row in programs.list_participants(db, PROGRAM)}


def chain(db) -> tuple[dict, dict, dict]:
    """An inti, one of their mitra, one of that mitra's imbas."""
    rows = people(db)
    for mitra in rows.values():
        imbas = [r for r in rows.values() if r["mentor_id"] == mitra["id"]]
        if mitra["tier"] == 2 and mitra["mentor_id"] in rows and imbas:
            return rows[mitra["mentor_id"]], mitra, imbas[0]
    raise AssertionError("the demo has no inti -> mitra -> imbas chain")


def settled(qtbot, page) -> None:
    qtbot.waitUntil(page.idle, timeout=10000)
    QApplication.processEvents()


def finished(qtbot, job) -> None:
    qtbot.waitUntil(lambda: not job.is_running(), timeout=30000)
    QApplication.processEvents()


def test_the_area_sits_between_sertifikat_and_pengaturan(qtbot, db):
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    assert AREAS[CERTIFICATES:SETTINGS + 1] == ("Sertifikat", "Pendampingan & Monev", "Pengaturan")
    assert window._follow_up_page is None  # built when first opened
    window.sidebar.setCurrentRow(FOLLOW_UP)
    assert isinstance(window.stack.currentWidget(), FollowUpPage)
    assert "Belum ada program" in window.follow_up_page.window_label.text()


def test_a_contact_typed_in_the_quick_dialog_is_stored_and_listed(qtbot, demo_db, tmp_path):
    from PIL import Image

    inti, mitra, _imbas = chain(demo_db)
    page = open_page(qtbot, demo_db)
    assert page.window_label.text() == ("Masa pendampingan: <b>18 Oktober 2019 s.d. 18 "
                                        "Februari 2020</b> (sudah berakhir)")
    page.tabs.setCurrentWidget(page.log)
    dialog = page.log.add()
    qtbot.keyClicks(dialog.mentor, inti["nip"] or inti["nuptk"])  # the mentor by NIP/NUPTK
    assert dialog.mentor.chosen() == inti["id"]
    qtbot.keyClicks(dialog.mentee, mitra["name"])  # the mentee by name
    assert dialog.mentee.chosen() == mitra["id"]
    assert dialog.day.date() == dt.date.today()  # today unless changed
    dialog.day.set_date(dt.date(2019, 11, 12))
    dialog.modes.button(1).click()  # Daring
    qtbot.keyClicks(dialog.jp, "1,5")
    qtbot.keyClicks(dialog.agreed, "RPP diperbaiki pada langkah orientasi masalah")
    photo = tmp_path / "diskusi.png"
    Image.new("RGB", (1600, 1200), (200, 220, 235)).save(photo)
    dialog.add_files([str(photo)])
    qtbot.keyClicks(dialog.topic, "Diskusi RPP berbasis masalah")
    qtbot.keyClick(dialog.topic, Qt.Key.Key_Return)  # Enter saves

    stored = mtr.list_entries(demo_db, PROGRAM, mentor_id=inti["id"], mentee_id=mitra["id"])
    mine = [e for e in stored if e["topic"] == "Diskusi RPP berbasis masalah"]
    assert len(mine) == 1
    entry = mine[0]
    assert (entry["day"], entry["mode"], entry["jp"], entry["evidence"]) == (
        dt.date(2019, 11, 12), "daring", 1.5, 1)
    assert entry["agreed"] == "RPP diperbaiki pada langkah orientasi masalah"
    # cleared for the next contact; the mentor, the date and the mode stay
    assert dialog.isVisible() and dialog.topic.text() == "" and dialog.mentee.text() == ""
    assert dialog.files.count() == 0
    assert dialog.mentor.chosen() == inti["id"] and dialog.day.date() == dt.date(2019, 11, 12)
    assert dialog.mode() == "daring"
    assert "tersimpan" in dialog.last.text()
    # a contact with no topic is refused under the form, nothing stored
    qtbot.keyClicks(dialog.mentee, mitra["name"])
    qtbot.keyClick(dialog.topic, Qt.Key.Key_Return)
    assert "Topik wajib diisi" in dialog.error.text()
    assert len(mtr.list_entries(demo_db, PROGRAM, mentor_id=inti["id"],
                                mentee_id=mitra["id"])) == len(stored)
    dialog.reject()

    settled(qtbot, page)
    shown = [[page.log.model.index(r, c).data() for c in range(page.log.model.columnCount())]
             for r in range(page.log.model.rowCount())]
    assert ["12/11/2019", inti["name"], mitra["name"], "Daring", "1,5",
            "Diskusi RPP berbasis masalah", "RPP diperbaiki pada langkah orientasi masalah", "",
            "1"] in shown


def test_the_quiet_filter_shows_a_pair_with_no_contact(qtbot, demo_db):
    inti, mitra, imbas = chain(demo_db)
    mtr.add_entry(demo_db, PROGRAM, mitra["id"], imbas["id"], dt.date(2019, 12, 20), "telepon",
                  "Tanya jawab penilaian")
    status = follow_up.program_status(demo_db, PROGRAM, as_of=INSIDE)
    # a pair never contacted (else one contacted longest ago)
    quiet = min((p for p in status.pairs if p.quiet), key=lambda p: p.last_contact is not None)
    page = open_page(qtbot, demo_db, as_of=INSIDE)
    tracker = page.tracker
    assert tracker.model.headers()[5:10] == ["Okt", "Nov", "Des", "Jan", "Feb"]
    page.tracker.quiet_only.setChecked(True)
    rows = tracker.model.rows
    assert rows and all(r["quiet"] for r in rows)
    assert (mitra["id"], imbas["id"]) not in {(r["mentor_id"], r["mentee_id"]) for r in rows}
    index = next(i for i, r in enumerate(rows)
                 if (r["mentor_id"], r["mentee_id"]) == (quiet.mentor.participant_id,
                                                         quiet.mentee.participant_id))
    days = tracker.model.index(index, 4)
    assert days.data() == str((INSIDE - (quiet.last_contact or status.window.start)).days)
    assert days.data(Qt.ItemDataRole.ForegroundRole).color() == RED
    assert f"{len(status.quiet)} lama tidak dihubungi per 31 Desember 2019" in tracker.summary.text()
    # the active pair: contacted on 20 December (the demo may hold more), not red
    tracker.quiet_only.setChecked(False)
    pair = next(p for p in status.pairs if (p.mentor.participant_id, p.mentee.participant_id)
                == (mitra["id"], imbas["id"]))
    assert pair.last_contact >= dt.date(2019, 12, 20) and not pair.quiet
    active = next(i for i, r in enumerate(tracker.model.rows)
                  if (r["mentor_id"], r["mentee_id"]) == (mitra["id"], imbas["id"]))
    assert tracker.model.index(active, 3).data() == pair.last_contact.strftime("%d/%m/%Y")
    assert tracker.model.index(active, 7).data() == str(pair.months["2019-12"])  # Des
    assert tracker.model.index(active, 4).data(Qt.ItemDataRole.ForegroundRole) is None
    # a double-click opens that pair's log
    tracker.table.doubleClicked.emit(tracker.model.index(active, 0))
    settled(qtbot, page)
    assert page.tabs.currentWidget() is page.log
    logged = page.log.model.rows
    assert "Tanya jawab penilaian" in [r["topic"] for r in logged]
    assert {(r["mentor_id"], r["mentee_id"]) for r in logged} == {(mitra["id"], imbas["id"])}
    assert len(logged) == len(mtr.list_entries(demo_db, PROGRAM, mentor_id=mitra["id"],
                                               mentee_id=imbas["id"]))


def test_an_rtl_status_change_records_progress(qtbot, demo_db):
    _inti, mitra, _imbas = chain(demo_db)
    plan_id = plans.add_plan(demo_db, PROGRAM, mitra["id"], "Pengimbasan model PBL di MGMP IPA",
                             dt.date(2019, 12, 15), indicator="10 guru imbas menyusun RPP PBL")
    late_id = plans.add_plan(demo_db, PROGRAM, mitra["id"], "Observasi kelas guru imbas",
                             dt.date(2019, 11, 30))
    page = open_page(qtbot, demo_db, as_of=INSIDE)
    page.tabs.setCurrentWidget(page.plans)
    model = page.plans.model
    row = next(i for i, r in enumerate(model.rows) if r["id"] == plan_id)
    late = next(i for i, r in enumerate(model.rows) if r["id"] == late_id)
    assert model.index(late, 0).data(Qt.ItemDataRole.BackgroundRole).color() == OVERDUE
    assert model.index(late, 8).data() == "31 hari"
    page.plans.table.setCurrentIndex(model.index(row, 0))
    dialog = page.plans.edit()
    dialog.status.setCurrentIndex(dialog.status.findData("selesai"))
    dialog.note.setText("RPP PBL sudah diimbaskan ke 6 guru")
    dialog.day.set_date(dt.date(2019, 12, 20))
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    history = plans.progress(demo_db, plan_id)
    assert [(h["day"], h["status"], h["note"]) for h in history] == [
        (dt.date(2019, 12, 20), "selesai", "RPP PBL sudah diimbaskan ke 6 guru")]
    assert plans.get_plan(demo_db, plan_id)["status"] == "selesai"
    settled(qtbot, page)
    row = next(i for i, r in enumerate(model.rows) if r["id"] == plan_id)
    assert model.index(row, 6).data() == "Selesai"
    assert model.index(row, 7).data() == "RPP PBL sudah diimbaskan ke 6 guru"
    assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    page.plans.table.setCurrentIndex(model.index(row, 0))
    finished(qtbot, page.plans.print_forms("one"))  # that participant's RTL form
    text = " ".join(" ".join(p.extract_text().split())
                    for p in pypdf.PdfReader(page.last_pdf).pages)
    assert "RENCANA TINDAK LANJUT" in text.upper() and mitra["name"] in text
    assert "Pengimbasan model PBL di MGMP IPA" in text and "Observasi kelas guru imbas" in text
    page.preview_window.close()


def test_a_monev_visit_scored_live_and_listed(qtbot, demo_db):
    inti, mitra, _imbas = chain(demo_db)
    page = open_page(qtbot, demo_db)
    page.tabs.setCurrentWidget(page.monev)
    form = monev.get_form(demo_db, "telaah-rpp")
    page.monev.form_list.setCurrentRow(next(
        i for i in range(page.monev.form_list.count())
        if page.monev.form_list.item(i).data(Qt.ItemDataRole.UserRole) == form.id))
    dialog = page.monev.enter()
    qtbot.keyClicks(dialog.person, mitra["name"])
    qtbot.keyClicks(dialog.observer, inti["name"])
    dialog.day.set_date(dt.date(2019, 11, 20))
    items = [item["id"] for item in form.items]
    for item_id in items[:-1]:
        dialog.spins[item_id].setValue(3)
    assert "1 butir belum diberi skor" in dialog.total.text()
    dialog.spins[items[-1]].setValue(1)
    total = 3 * (len(items) - 1) + 1  # 61 of 63
    assert dialog.total.text() == f"Jumlah skor {total} dari 63 (96,8%) · {form.category(96.8)}"
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    stored = monev.list_entries(demo_db, PROGRAM, participant_id=mitra["id"], form=form.id)
    assert [(e["total"], e["percentage"], e["observer_id"]) for e in stored][-1] == (
        total, 96.8, inti["id"])
    settled(qtbot, page)
    model = page.monev.entries_model
    shown = [[model.index(r, c).data() for c in range(model.columnCount())]
             for r in range(model.rowCount())]
    assert ["20/11/2019", mitra["name"], "Telaah RPP (versi 1)", "", inti["name"],
            f"{total} dari 63", "96,8%", form.category(96.8)] in shown


def test_a_blank_form_printed(qtbot, demo_db):
    page = open_page(qtbot, demo_db)
    page.tabs.setCurrentWidget(page.monev)
    page.monev.form_list.setCurrentRow(0)
    form = page.monev.form()
    job = page.monev.print_blank()
    finished(qtbot, job)
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(page.last_pdf).pages)
    assert form.name in text and form.items[0]["text"][:30] in text.replace("\n", " ")
    _inti, mitra, _imbas = chain(demo_db)
    assert mitra["name"] not in text
    page.monev.person.choose(mitra["id"])  # the same form with the person's identity
    job = page.monev.print_blank()
    finished(qtbot, job)
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(page.last_pdf).pages)
    assert mitra["name"] in text
    if page.preview_window is not None:
        page.preview_window.close()


def test_the_reach_tab_shows_program_status(qtbot, demo_db):
    inti, mitra, _imbas = chain(demo_db)
    mtr.add_entry(demo_db, PROGRAM, inti["id"], mitra["id"], dt.date(2019, 11, 5), "tatap-muka",
                  "Kunjungan sekolah")
    page = open_page(qtbot, demo_db, as_of=INSIDE)
    page.tabs.setCurrentWidget(page.reach)
    settled(qtbot, page)
    status = follow_up.program_status(demo_db, PROGRAM, as_of=INSIDE)
    mine = next(r for r in status.top if r.person.participant_id == inti["id"])
    assert mine.reached >= 1
    spec = page.reach.chart.spec()
    assert [(r.label, r.reached, r.planned, r.target) for r in spec.rows] == [
        (r.person.name, r.reached, r.planned, r.target) for r in status.top]
    texts = page.reach.chart.chart().texts()
    assert f"{mine.reached} dari 33" in " ".join(texts)
    model = page.reach.model
    table = {model.index(r, 0).data(): [model.index(r, c).data() for c in (1, 3, 4, 5)]
             for r in range(model.rowCount())}
    assert len(table) == len(status.mentors)
    for reach in status.mentors:
        assert table[reach.person.name] == [reach.label, str(reach.planned), str(reach.reached),
                                            str(reach.target)]
    assert f"Jangkauan program: {status.reached} tercapai dari target {status.target}" in \
        page.reach.summary.text()


def test_a_pengimbasan_is_created_with_its_leader(qtbot, demo_db):
    from ui.activities.activity_form import ActivityForm

    _inti, mitra, _imbas = chain(demo_db)
    form = ActivityForm(demo_db, program_id=PROGRAM)
    qtbot.addWidget(form)
    form.show()
    assert not form.form.isRowVisible(form.leader)
    form.kind.setCurrentIndex(form.kind.findData("pengimbasan"))
    assert form.form.isRowVisible(form.leader)
    mentors = {r["mentor_id"] for r in people(demo_db).values()}
    listed = [form.leader.itemData(i) for i in range(form.leader.count())]
    assert set(listed) == mentors - {None}  # those who have mentees, and only them
    form.title.setText("Pengimbasan PBL MGMP IPA Limboto")
    form.start.set_date(dt.date(2019, 11, 23))
    form.city.setText("Kabupaten Gorontalo")
    form.validate()
    save = form.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    assert "Pilih mitra yang memimpin pengimbasan" in form.error.text()
    qtbot.keyClicks(form.leader.lineEdit(), mitra["name"])
    form.leader.setCurrentIndex(form.leader.findData(mitra["id"]))
    assert save.isEnabled(), form.error.text()
    saved = []
    form.saved.connect(saved.append)
    save.click()
    activity = act.get_activity(demo_db, saved[0])
    assert (activity.kind, activity.leader_id) == ("pengimbasan", mitra["id"])
    again = ActivityForm(demo_db, activity)  # editing shows its leader
    qtbot.addWidget(again)
    assert again.leader_id() == mitra["id"]


def test_the_mitras_sheet_from_the_template_is_imported(qtbot, demo_db, tmp_path):
    from openpyxl import load_workbook

    _inti, mitra, imbas = chain(demo_db)
    page = open_page(qtbot, demo_db)
    page.tabs.setCurrentWidget(page.log)
    sheet = tmp_path / "jurnal-pendampingan.xlsx"
    finished(qtbot, page.log.save_template(str(sheet)))
    book = load_workbook(sheet)
    rows = book.active
    assert rows["B4"].value == "Tanggal" and rows["A5"].value == "Contoh"
    for column, value in zip("ABCDEFGHIJ", (1, "14/11/2019", mitra["nip"] or mitra["nuptk"],
                                            mitra["name"], imbas["nip"] or imbas["nuptk"],
                                            imbas["name"], "WA", "2 JP",
                                            "Konsultasi LKPD lewat WhatsApp",
                                            "LKPD direvisi"), strict=True):
        rows[f"{column}6"] = value
    book.save(sheet)
    before = len(mtr.list_entries(demo_db, PROGRAM))
    finished(qtbot, page.log.import_sheet(str(sheet)))
    entries = mtr.list_entries(demo_db, PROGRAM, mentor_id=mitra["id"], mentee_id=imbas["id"])
    new = [e for e in entries if e["topic"] == "Konsultasi LKPD lewat WhatsApp"]
    assert len(mtr.list_entries(demo_db, PROGRAM)) == before + 1
    assert (new[0]["day"], new[0]["mode"], new[0]["jp"]) == (dt.date(2019, 11, 14), "telepon", 2)
    assert page.last_status.startswith("Pendampingan diimpor: 1 pendampingan baru")
    settled(qtbot, page)
    assert "Konsultasi LKPD lewat WhatsApp" in [r["topic"] for r in page.log.model.rows]
    # the same sheet again: nothing new, the report says the row was skipped
    finished(qtbot, page.log.import_sheet(str(sheet)))
    assert len(mtr.list_entries(demo_db, PROGRAM)) == before + 1
    assert "1 sudah tercatat, dilewati" in page.last_status


def test_the_program_report_as_pdf_and_xlsx(qtbot, demo_db, tmp_path):
    from openpyxl import load_workbook

    page = open_page(qtbot, demo_db, as_of=INSIDE)
    page.tabs.setCurrentWidget(page.reach)
    finished(qtbot, page.reach.print_report())
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(page.last_pdf).pages)
    assert "LAPORAN PROGRAM KEMITRAAN GURU SMP" in text and "TAHUN 2019" in text
    assert page.preview_window is not None and page.preview_window.isVisible()
    page.preview_window.close()
    out = tmp_path / "laporan.xlsx"
    finished(qtbot, page.reach.save_report(str(out)))
    book = load_workbook(out)
    cells = " ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows()
                     for c in row if c.value is not None)
    status = follow_up.program_status(demo_db, PROGRAM, as_of=INSIDE)
    assert "LAPORAN PROGRAM KEMITRAAN GURU SMP" in cells
    assert status.top[0].person.name in cells
    assert page.last_status == f"Laporan program disimpan di {out}"
