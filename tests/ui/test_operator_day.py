"""The operator's day (issue 17): the small things that slowed a new operator down, each as
the operator meets it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton

from kemitraan_desktop import office
from ui.activities.activity_form import ActivityForm
from ui.programs.program_form import ProgramForm


def semarang(db) -> None:
    profile = office.load_profile(db)
    profile.government, profile.city = "PEMERINTAH KOTA SEMARANG", "Semarang"
    office.save_profile(db, profile)


def test_examples_in_the_activity_form_speak_of_the_offices_own_city(qtbot, demo_db):
    semarang(demo_db)
    form = ActivityForm(demo_db)
    qtbot.addWidget(form)
    shown = [form.title.placeholderText(), form.city.placeholderText(), form.host.placeholderText()]
    assert shown == ["mis. On the Job Learning 1 Kota Semarang", "mis. Kota Semarang",
                     "mis. Dinas Pendidikan Kota Semarang"]
    assert not any("Pekalongan" in text for text in shown)


def test_the_program_name_example_does_not_begin_with_program(qtbot, demo_db):
    form = ProgramForm(demo_db)
    qtbot.addWidget(form)
    example = form.name.placeholderText().removeprefix("mis. ")
    assert not example.casefold().startswith("program")  # the certificate says "program ..."


def test_a_new_database_shows_the_next_steps_on_beranda_each_doing_what_it_says(qtbot, db,
                                                                               monkeypatch):
    from kemitraan_desktop import people
    from ui.main_window import PEOPLE, PROGRAMS, SETTINGS, MainWindow
    from ui.programs.program_form import ProgramForm

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1366, 697)
    window.show()
    home = window.home
    qtbot.waitUntil(lambda: not home.loading(), timeout=5000)
    assert home.steps_box.isVisible()
    labels = [home.step_rows[k][0].text() for k in home.step_rows]
    assert "1. Isi identitas kantor" in labels[0] and "2. Impor daftar guru" in labels[1]
    assert home.step_rows["office"][1].isDefault()  # the first thing to do

    home.step_rows["office"][1].click()
    assert window.sidebar.currentRow() == SETTINGS
    started = []
    monkeypatch.setattr(window, "start_import", lambda path=None: started.append(path))
    home.step_rows["roster"][1].click()
    assert started == [None]  # the import wizard, as Ctrl+I
    home.step_rows["program"][1].click()
    assert window.sidebar.currentRow() == PROGRAMS
    form = window.programs_page.findChild(ProgramForm)
    assert form is not None and form.isVisible()
    form.reject()
    home.step_rows["participants"][1].click()
    assert window.sidebar.currentRow() == PEOPLE
    assert "Tambahkan ke program" in window.statusBar().currentMessage()

    people.save_person(db, {"full_name": "Guru Pertama", "nuptk": "1234567890123456"})
    window.sidebar.setCurrentRow(0)  # back on Beranda: counted again
    qtbot.waitUntil(lambda: not home.loading(), timeout=5000)
    assert "&#10003; Impor daftar guru" in home.step_rows["roster"][0].text()  # ticked
    assert not home.step_rows["roster"][1].isEnabled()


def test_beranda_has_no_steps_once_everything_is_there(qtbot, demo_db):
    from ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.home.loading(), timeout=5000)
    assert not window.home.steps_box.isVisible()


def test_nine_people_picked_by_pasting_their_ids_from_a_letter(qtbot, demo_db):
    from PySide6.QtGui import QUndoStack

    from kemitraan_desktop import people
    from ui.roster.page import PeoplePage

    listed = people.fetch_people(demo_db, people.query_ids(demo_db))[10:19]
    letter = "\n".join(
        f"{n}. {p['name']}  NIP. {p['nip'][:8]} {p['nip'][8:14]} {p['nip'][14]} {p['nip'][15:]}"
        if p["nip"] else f"{n}. {p['name']}  NUPTK {p['nuptk']}" for n, p in enumerate(listed, 1))
    letter += "\n10. Guru Pindahan  NUPTK 9999999999999999"
    page = PeoplePage(demo_db, QUndoStack())
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    qtbot.waitUntil(page.idle, timeout=5000)

    dialog = page.pick_by_ids(letter)
    qtbot.waitUntil(lambda: page.idle() and page.listed == 9, timeout=5000)

    assert "9 orang ditemukan; 1 ID tidak ada di daftar guru: 9999999999999999" in \
        dialog.result.text()
    assert sorted(page.selected_ids()) == sorted(p["id"] for p in listed)
    assert page.count.text() == "9 orang dari daftar tempel · 9 terpilih"
    assert page.to_program_button.isEnabled()
    page.clear_filters()
    qtbot.waitUntil(lambda: page.idle() and page.listed == 184, timeout=5000)


def test_one_certificate_saved_as_pdf_is_named_after_its_teacher_and_number(qtbot, demo_db,
                                                                            tmp_path):
    from PySide6.QtWidgets import QMenu

    from kemitraan_desktop import certificates as cert
    from ui.certificates.page import CertificatesPage
    from ui.ops import registry

    widget = CertificatesPage(demo_db)
    qtbot.addWidget(widget)
    widget.show()
    widget.reload(select=1)
    menus = [a.text() for m in widget.findChildren(QMenu) for a in m.actions()]
    assert "Yang dipilih saja..." in menus and not any("cetak ulang" in t for t in menus)
    row = cert.register(demo_db)[2]
    widget.table.selectRow(2)
    widget.print_selected(path=str(tmp_path / "satu.pdf"))
    qtbot.waitUntil(lambda: not registry().jobs and getattr(widget, "preview", None) is not None,
                    timeout=10000)
    sequence = row["number"].split("/")[1]
    assert widget.preview.suggested_name.startswith("sertifikat-")
    assert sequence in widget.preview.suggested_name
    assert row["name"].split()[0].strip(".,") in widget.preview.suggested_name
    widget.print_all(path=str(tmp_path / "semua.pdf"))
    qtbot.waitUntil(lambda: not registry().jobs, timeout=10000)
    qtbot.waitUntil(lambda: widget.preview.suggested_name ==
                    "sertifikat-On-the-Job-Learning-1-Kota-Pekalongan.pdf", timeout=5000)


def programs_page(qtbot, db):
    from PySide6.QtGui import QUndoStack

    from ui.programs.page import ProgramsPage

    widget = ProgramsPage(db, QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitUntil(widget.idle, timeout=5000)
    return widget


def test_a_move_says_what_happened_and_the_tree_keeps_what_was_open(qtbot, demo_db):
    from kemitraan_desktop import programs

    widget = programs_page(qtbot, demo_db)
    first = widget.program
    tree, model = widget.pairs.tree, widget.model
    tree.expand(model.index(0, 0))
    rows = programs.list_participants(demo_db, first.id)
    inti = [r for r in rows if r["tier"] == 1 and r["subject"] == "Matematika"]
    mitra = next(r for r in rows if r["tier"] == 2 and r["mentor_id"] == inti[0]["id"])
    widget.move([mitra["id"]], inti[1]["id"])
    assert widget.last_status.startswith(f"1 peserta dipindahkan ke {inti[1]['name']}")

    opened = model.index(0, 0).data()
    other = next(e["program"].id for e in programs.list_programs(demo_db)
                 if e["program"].id != first.id)
    widget.reload_programs(select=other)
    qtbot.waitUntil(widget.idle, timeout=5000)
    widget.reload_programs(select=first.id)  # and back
    qtbot.waitUntil(widget.idle, timeout=5000)
    model = widget.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == opened)
    assert widget.pairs.tree.isExpanded(model.index(row, 0))


def test_the_ratio_is_said_in_words(qtbot, demo_db):
    form = ProgramForm(demo_db)
    qtbot.addWidget(form)
    form.ratio_edit.setText("3,10")
    assert form.ratio_meaning.text() == ("Setiap Inti membimbing 3 Mitra; setiap Mitra membimbing "
                                         "10 Imbas. Satu Inti menjangkau 33 orang.")
    form.ratio_edit.setText("3")
    assert "dipisah koma" in form.ratio_meaning.text()


def test_the_issue_date_column_shows_the_whole_date(qtbot, demo_db):
    from ui.certificates.page import CertificatesPage

    widget = CertificatesPage(demo_db)
    qtbot.addWidget(widget)
    widget.show()
    widget.reload(select=1)
    table = widget.table
    column = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())].index("Terbit")
    longest = max((table.item(r, column).text() for r in range(table.rowCount())),
                  key=table.fontMetrics().horizontalAdvance)
    assert longest == "16 September 2018"
    assert table.columnWidth(column) >= table.fontMetrics().horizontalAdvance(longest) + 8


def test_a_backup_to_a_flash_disk_says_where_it_went_in_a_box(qtbot, demo_db, tmp_path):
    from ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    flash = tmp_path / "flashdisk"
    flash.mkdir()
    with qtbot.waitSignal(window.backup(str(flash)).done, timeout=10000):
        pass
    saved = list(flash.glob("*.db"))
    assert len(saved) == 1
    box = window.backup_box
    assert box.isVisible() and str(saved[0]) in box.text() and "diperiksa" in box.text()


def test_people_from_a_dapodik_download_without_subject_get_one_chosen_when_added(qtbot, demo_db):
    from PySide6.QtWidgets import QDialogButtonBox

    from kemitraan_desktop import people, programs
    from ui.programs.pairing_dialogs import AddToProgram
    from ui.undo import AddParticipants

    ids = [people.save_person(demo_db, {"full_name": f"Guru Dapodik {i}",
                                        "nuptk": f"{7000000000000000 + i}"}) for i in range(3)]
    dialog = AddToProgram(demo_db, ids)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert "3 dari 3 orang belum punya mata pelajaran" in dialog.fallback_note.text()
    dialog.tier.setCurrentIndex(1)
    assert not ok.isEnabled()  # no subject yet: nobody would be added
    dialog.fallback.setCurrentText("Matematika")
    assert ok.isEnabled()
    received = []
    dialog.added.connect(lambda *args: received.append(args))
    ok.click()
    program_id, person_ids, tier, subject, fallback = received[0]
    command = AddParticipants(demo_db, program_id, person_ids, tier, subject, lambda: None, fallback)
    command.redo()
    assert len(command.result.added) == 3 and not command.result.skipped
    assert {r["subject"] for r in programs.list_participants(demo_db, program_id)
            if r["person_id"] in ids} == {"Matematika"}
    assert people.get_person(demo_db, ids[0])["subject"] == "Matematika"  # the next program too


def test_issuing_with_a_numbering_nobody_chose_says_so_and_leads_there(qtbot, demo_db):
    import datetime as dt

    from ui.certificates.page import CertificatesPage

    demo_db.execute("DELETE FROM certificates")
    demo_db.execute("DELETE FROM settings WHERE key LIKE 'certificates.pattern.%'")
    demo_db.conn.commit()
    page = CertificatesPage(demo_db)
    qtbot.addWidget(page)
    page.show()
    page.reload(select=1)
    dialog = page.issue(dt.date(2018, 9, 16))
    assert dialog.pattern_note is not None
    note = " ".join(w.text() for w in dialog.pattern_note.findChildren(QLabel))
    assert "belum diatur" in note and "421.3/{no:03}/DINDIK" in note
    button = next(b for b in dialog.pattern_note.findChildren(QPushButton))
    button.click()
    assert page.tabs.currentWidget() is page.settings_tab


def test_the_first_window_fits_above_the_taskbar(qtbot, demo_db):
    from ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    free = window.screen().availableGeometry()
    assert window.width() <= free.width() and window.height() + 31 <= free.height()
