"""Kegiatan & Rundown: build a rundown from a template, edit by keyboard, undo, warnings."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialogButtonBox

from kemitraan_desktop import activities as act
from kemitraan_desktop import programs, rundown_templates
from ui.activities.activity_form import ActivityForm, ActivityPeople
from ui.activities.page import ActivitiesPage
from ui.activities.rundown import DESCRIPTION, JP, START

D = dt.date


def page(qtbot, db, stack=None):
    widget = ActivitiesPage(db, stack or QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def new_activity(db, title="OJL 1 gelombang 2"):
    program = next(e["program"].id for e in programs.list_programs(db) if e["program"].year == 2018)
    return act.create_activity(db, program, "ojl1", title, "2018-10-07", "2018-10-14",
                               venue="Aula Dinas", city="Kota Pekalongan")


def open_(widget, activity_id):
    widget.reload_activities(select=activity_id)
    assert widget.activity.id == activity_id


def test_build_from_template_edit_a_time_and_undo(qtbot, demo_db):
    stack = QUndoStack()
    widget = page(qtbot, demo_db, stack)
    aid = new_activity(demo_db)
    open_(widget, aid)
    assert widget.rundown.days.count() == 8 and widget.rundown.days.tabText(0) == "Min 7/10"
    assert widget.rundown.total.text() == "0 acara · 0 JP"
    template = rundown_templates.find_template(demo_db, "OJL 1 (8 hari)")
    assert widget.apply_template(template)
    assert widget.rundown.total.text() == f"{len(act.list_items(demo_db, aid))} acara · 33 JP"
    widget.rundown.days.setCurrentIndex(1)  # Monday
    model = widget.rundown.day_models[1]
    assert model.index(0, DESCRIPTION).data() == "Registrasi"
    assert model.index(0, START).data() == "07.30"
    # type 0715 over the start time, as an operator would
    assert model.setData(model.index(0, START), "0715", Qt.ItemDataRole.EditRole)
    stored = [i for i in act.list_items(demo_db, aid) if i.day == D(2018, 10, 8)]
    assert stored[0].start == dt.time(7, 15)
    assert stack.undoText() == "Ubah jam mulai"
    stack.undo()
    stored = [i for i in act.list_items(demo_db, aid) if i.day == D(2018, 10, 8)]
    assert stored[0].start == dt.time(7, 30)
    assert widget.rundown.day_models[1].index(0, START).data() == "07.30"
    stack.undo()  # the template
    assert act.list_items(demo_db, aid) == [] and widget.rundown.total.text() == "0 acara · 0 JP"


def test_a_bad_time_is_refused_and_explained(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    aid = new_activity(demo_db)
    open_(widget, aid)
    widget.apply_template(rundown_templates.find_template(demo_db, "OJL 1 (8 hari)"))
    model = widget.rundown.day_models[1]
    assert not model.setData(model.index(0, START), "2560", Qt.ItemDataRole.EditRole)
    assert "Tidak diubah" in widget.last_status and "bukan" in widget.last_status
    assert not model.setData(model.index(0, JP), "banyak", Qt.ItemDataRole.EditRole)


def test_add_duplicate_move_delete_with_the_keyboard_actions(qtbot, demo_db):
    stack = QUndoStack()
    widget = page(qtbot, demo_db, stack)
    aid = new_activity(demo_db)
    open_(widget, aid)
    widget.rundown.days.setCurrentIndex(2)
    widget.rundown.actions["add"].trigger()
    day = D(2018, 10, 9)
    assert [i.description for i in act.list_items(demo_db, aid)] == ["Acara baru"]
    model = widget.rundown.day_models[2]
    model.setData(model.index(0, DESCRIPTION), "Kunjungan budaya", Qt.ItemDataRole.EditRole)
    widget.rundown.actions["duplicate"].trigger()
    items = act.list_items(demo_db, aid)
    assert [i.description for i in items] == ["Kunjungan budaya", "Kunjungan budaya"]
    widget.rundown.day_models[2].setData(widget.rundown.day_models[2].index(1, DESCRIPTION), "Makan siang",
                                 Qt.ItemDataRole.EditRole)
    widget.rundown.select_item(1)
    widget.rundown.actions["up"].trigger()
    assert [i.description for i in act.list_items(demo_db, aid)] == ["Makan siang", "Kunjungan budaya"]
    widget.rundown.select_item(0)
    widget.rundown.actions["delete"].trigger()
    assert [i.description for i in act.list_items(demo_db, aid)] == ["Kunjungan budaya"]
    assert all(i.day == day for i in act.list_items(demo_db, aid))
    stack.undo()
    assert len(act.list_items(demo_db, aid)) == 2


def test_warnings_point_at_the_item(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    aid = new_activity(demo_db)
    t = dt.time
    act.save_items(demo_db, aid, [act.Item(D(2018, 10, 8), t(8), t(10), "Pembukaan"),
                                  act.Item(D(2018, 10, 8), t(9), t(11), "Materi")])
    open_(widget, aid)
    texts = [widget.rundown.warning_list.item(i).text() for i in range(widget.rundown.warning_list.count())]
    assert len(texts) == 1 and "bertumpuk" in texts[0]
    widget.rundown._warning_clicked(widget.rundown.warning_list.item(0))
    assert widget.rundown.days.currentIndex() == 1 and widget.rundown.current_position() == 1


def test_activity_form_shows_the_zone_and_refuses_unknown_places(qtbot, demo_db):
    form = ActivityForm(demo_db)
    qtbot.addWidget(form)
    save = form.buttons.button(QDialogButtonBox.StandardButton.Save)
    form.title.setText("Workshop Kupang")
    form.start.edit.setText("15/07/2019")
    assert form.start.shown.text() == "Senin, 15 Juli 2019"
    assert form.end.date() == D(2019, 7, 15)  # the end follows the start
    form.end.edit.setText("18-7-2019")
    form.city.setText("Kota Kup")  # half typed: no error yet
    assert form.error.text() == "" and not save.isEnabled()
    form.city.setText("Kota Kupang")
    form.city.editingFinished.emit()
    assert form.zone.text() == "WITA" and save.isEnabled()
    form.city.setText("Kota Atlantis")
    form.city.editingFinished.emit()
    assert not save.isEnabled() and "tidak dikenal" in form.error.text()
    form.city.setText("Kota Jayapura")
    form.city.editingFinished.emit()
    assert form.zone.text() == "WIT"
    form.start.edit.setText("32/13/2019")
    assert not save.isEnabled() and "tidak dikenali" in form.error.text()
    form.start.edit.setText("15/07/2019")
    received = []
    form.saved.connect(received.append)
    save.click()
    saved = act.get_activity(demo_db, received[0])
    assert saved.title == "Workshop Kupang" and (saved.start, saved.end) == (D(2019, 7, 15), D(2019, 7, 18))


def test_participants_and_staff_dialog(qtbot, demo_db):
    aid = new_activity(demo_db)
    dialog = ActivityPeople(demo_db, act.get_activity(demo_db, aid))
    qtbot.addWidget(dialog)
    assert len(dialog.chosen()) == 24
    dialog.participants.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.add_staff()
    from PySide6.QtWidgets import QTableWidgetItem
    dialog.staff.setItem(0, 1, QTableWidgetItem("Dr. Siti Aminah, M.Pd."))
    dialog.save()
    assert len(act.activity_participants(demo_db, aid)) == 23
    assert act.list_staff(demo_db, aid)[0].name == "Dr. Siti Aminah, M.Pd."
    dialog = ActivityPeople(demo_db, act.get_activity(demo_db, aid))
    qtbot.addWidget(dialog)
    dialog.tick_default()
    assert len(dialog.chosen()) == 24


def test_shift_dialog_moves_everything(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    aid = new_activity(demo_db)
    open_(widget, aid)
    widget.apply_template(rundown_templates.find_template(demo_db, "OJL 1 (8 hari)"))
    dialog = widget.shift_dates()
    dialog.start.setDate(dialog.start.date().addDays(7))
    assert dialog.result_label.text().startswith("Minggu, 14 Oktober 2018 s.d. Minggu, 21 Oktober 2018")
    dialog.accept()
    assert act.get_activity(demo_db, aid).start == D(2018, 10, 14)
    assert min(i.day for i in act.list_items(demo_db, aid)) == D(2018, 10, 14)
    assert widget.rundown.days.tabText(0) == "Min 14/10"
    widget.undo_stack.undo()  # the shift is one undoable step
    assert act.get_activity(demo_db, aid).start == D(2018, 10, 7)
    assert min(i.day for i in act.list_items(demo_db, aid)) == D(2018, 10, 7)


def test_print_the_rundown_through_the_preview_save(qtbot, demo_db, tmp_path, monkeypatch):
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog

    widget = page(qtbot, demo_db)
    ojl1 = next(e["activity"].id for e in act.list_activities(demo_db) if e["activity"].kind == "ojl1")
    open_(widget, ojl1)
    job = widget.print_rundown(paper="f4")
    job.wait()
    qtbot.waitUntil(lambda: getattr(widget, "preview", None) is not None, timeout=10000)
    preview = widget.preview
    assert preview.page_count() >= 2 and "F4" in preview.size_label.text()
    target = tmp_path / "jadwal-ojl1.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert preview.save_pdf() == target
    reader = PdfReader(target)
    text = "".join(p.extract_text() for p in reader.pages)
    assert "JADWAL KEGIATAN" in text and "Rabu," in text and "12 September 2018" in text
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width, 1), round(height, 1)) == (609.4, 935.4)
    preview.close()


def test_an_item_can_be_made_one_host_schools_own(qtbot, demo_db):
    from ui.activities.rundown import SCHOOL

    widget = page(qtbot, demo_db)
    aid = new_activity(demo_db)
    open_(widget, aid)
    widget.rundown.days.setCurrentIndex(3)
    widget.rundown.actions["add"].trigger()
    model = widget.rundown.day_models[3]
    assert model.index(0, SCHOOL).data() == ""  # shared
    school = next(iter(widget.rundown.school_names.items()))
    assert model.setData(model.index(0, SCHOOL), school[1], Qt.ItemDataRole.EditRole)
    assert act.list_items(demo_db, aid)[0].school_id == school[0]
    assert widget.rundown.day_models[3].index(0, SCHOOL).data() == school[1]
    assert model.setData(model.index(0, SCHOOL), "(bersama)", Qt.ItemDataRole.EditRole)
    assert act.list_items(demo_db, aid)[0].school_id is None


def test_del_clears_a_cell_and_ctrl_del_deletes_the_item(qtbot, demo_db):
    from ui.activities.rundown import PLACE

    widget = page(qtbot, demo_db)
    aid = new_activity(demo_db)
    t = dt.time
    act.save_items(demo_db, aid, [act.Item(D(2018, 10, 8), t(8), t(9), "Pembukaan", "Aula"),
                                  act.Item(D(2018, 10, 8), t(9), t(10), "Materi", "Kelas")])
    open_(widget, aid)
    widget.rundown.days.setCurrentIndex(1)
    table, model = widget.rundown.day_tables[1], widget.rundown.day_models[1]
    table.setCurrentIndex(model.index(0, PLACE))
    widget.rundown.actions["clear"].trigger()
    assert [i.place for i in act.list_items(demo_db, aid)] == ["", "Kelas"]
    assert table.currentIndex().column() == PLACE  # the cursor stays where it was
    table.setCurrentIndex(model.index(0, DESCRIPTION))
    widget.rundown.actions["clear"].trigger()
    assert "Ctrl+Del" in widget.last_status
    assert len(act.list_items(demo_db, aid)) == 2
    widget.rundown.actions["delete"].trigger()
    assert [i.description for i in act.list_items(demo_db, aid)] == ["Materi"]
    assert widget.rundown.actions["delete"].shortcut().toString() == "Ctrl+Del"


def test_import_asks_before_replacing_and_can_be_undone(qtbot, demo_db, tmp_path):
    from kemitraan_desktop.spreadsheets import export_rundown

    stack = QUndoStack()
    widget = page(qtbot, demo_db, stack)
    ojl1 = next(e["activity"].id for e in act.list_activities(demo_db) if e["activity"].kind == "ojl1")
    path = export_rundown(demo_db, ojl1, tmp_path / "r.xlsx")
    aid = new_activity(demo_db)  # a week later: every date of the file falls outside it
    act.save_items(demo_db, aid, [act.Item(D(2018, 10, 8), dt.time(8), dt.time(9), "Pembukaan")])
    open_(widget, aid)
    with qtbot.waitSignal(widget.import_rundown(str(path)).done, timeout=10000):
        pass  # the file is checked off the GUI thread
    box = widget.import_box
    assert "Ganti rundown 'OJL 1 gelombang 2' (1 acara) dengan 48 acara" in box.text()
    assert [i.description for i in act.list_items(demo_db, aid)] == ["Pembukaan"]  # not yet
    box.accept()
    with qtbot.waitSignal(widget.import_job.done, timeout=10000):
        pass
    assert len(act.list_items(demo_db, aid)) == 48
    assert [i.description for i in widget.rundown.items][:1] != ["Pembukaan"]  # the editor shows it
    stack.undo()
    assert [i.description for i in act.list_items(demo_db, aid)] == ["Pembukaan"]


def test_undoing_a_shift_after_the_dates_were_edited_keeps_items_with_the_activity(qtbot, demo_db):
    stack = QUndoStack()
    widget = page(qtbot, demo_db, stack)
    aid = new_activity(demo_db)
    open_(widget, aid)
    widget.apply_template(rundown_templates.find_template(demo_db, "OJL 1 (8 hari)"))
    dialog = widget.shift_dates()
    dialog.start.setDate(dialog.start.date().addDays(28))
    dialog.accept()
    moved = act.get_activity(demo_db, aid)
    act.save_activity(demo_db, act.Activity(aid, moved.program_id, moved.kind, moved.title,
                                            D(2018, 11, 11), D(2018, 11, 18)))  # "Ubah..."
    stack.undo()
    activity = act.get_activity(demo_db, aid)
    items = act.list_items(demo_db, aid)
    assert min(i.day for i in items) == activity.start  # the items moved with the activity
    assert not [w for w in act.check_rundown(activity, items) if "di luar" in w.message]


def test_a_deleted_program_takes_its_activities_off_the_page(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    other = programs.create_program(demo_db, "Program sementara", 2020, "SMP")
    aid = act.create_activity(demo_db, other, "rakor", "Rapat", "2020-01-06", "2020-01-06",
                              city="Kota Pekalongan")
    open_(widget, aid)
    programs.delete_program(demo_db, act.get_activity(demo_db, aid).program_id)
    assert widget.edit_people() is None  # refused, and the list reloaded
    assert widget.activity is None or widget.activity.id != aid
    assert all(widget.list.item(i).data(Qt.ItemDataRole.UserRole) != aid
               for i in range(widget.list.count()))
