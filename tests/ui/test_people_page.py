"""The roster page: its model, search, filters, sort, the person form, delete and undo."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from kemitraan_desktop import people
from ui.roster.page import PeoplePage
from ui.roster.person_form import PersonForm

_WORKERS = []


@pytest.fixture(autouse=True)
def _stop_workers():
    """Each page has a reader thread; end it with the test."""
    yield
    while _WORKERS:
        _WORKERS.pop().stop()


def page(qtbot, db):
    widget = PeoplePage(db, QUndoStack())
    qtbot.addWidget(widget)
    _WORKERS.append(widget.worker)
    widget.show()
    settle(qtbot, widget)
    return widget


def settle(qtbot, widget):
    """Wait until the page's queries (run in its worker thread) have answered."""
    qtbot.waitUntil(widget.idle, timeout=5000)


def names(widget):
    return [widget.model.index(r, 0).data() for r in range(widget.model.rowCount())]


def test_model_passes_qtmodeltester(qtmodeltester, qtbot, demo_db):
    widget = page(qtbot, demo_db)
    qtmodeltester.check(widget.model)
    assert widget.model.rowCount() == 184
    assert widget.count.text() == "184 orang"


def test_search_as_you_type_is_debounced(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    qtbot.keyClicks(widget.search, "pekalongan")
    assert widget.model.rowCount() == 184  # not yet: the search waits for a pause
    qtbot.waitUntil(lambda: widget.model.rowCount() == 8, timeout=3000)
    # the first rows show before the whole list's count arrives
    qtbot.waitUntil(lambda: widget.count.text() == "8 orang", timeout=3000)
    schools = {widget.model.index(r, 4).data() for r in range(8)}
    assert schools == {f"SMP Negeri {n} Pekalongan" for n in (1, 2, 6, 7, 14)}


def test_filters_change_the_rows(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    province = widget.filters["province_code"]
    province.setCurrentIndex(province.findText("Gorontalo"))
    settle(qtbot, widget)
    assert widget.model.rowCount() == 44
    district = widget.filters["region_code"]
    assert [district.itemText(i) for i in range(district.count())] == [
        "Semua kab/kota", "Kabupaten Boalemo", "Kabupaten Gorontalo"]
    district.setCurrentIndex(district.findText("Kabupaten Boalemo"))
    subject = widget.filters["subject"]
    subject.setCurrentIndex(subject.findText("IPA"))
    settle(qtbot, widget)
    regions = {widget.model.index(r, 6).data() for r in range(widget.model.rowCount())}
    subjects = {widget.model.index(r, 5).data() for r in range(widget.model.rowCount())}
    assert regions == {"Kabupaten Boalemo"} and subjects == {"IPA"}
    widget.clear_filters()
    settle(qtbot, widget)
    assert widget.model.rowCount() == 184


def test_clicking_a_header_sorts_in_sql(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    widget.table.sortByColumn(7, Qt.SortOrder.DescendingOrder)  # Nilai UKG
    settle(qtbot, widget)
    scores = [float(widget.model.index(r, 7).data().replace(",", ".")) for r in range(184)]
    assert scores == sorted(scores, reverse=True)
    assert widget.model.index(0, 6).data() == "Kota Pekalongan"  # hosts have the top UKG
    widget.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    settle(qtbot, widget)
    assert names(widget)[0] == people.list_people(demo_db, limit=1)[0]["name"]


def test_form_refuses_an_invalid_nip_next_to_the_field(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    form = widget.add()
    qtbot.addWidget(form)
    save = form.buttons.button(form.buttons.StandardButton.Save)
    form.editors["full_name"].setText("Sri Lestari, S.Pd.")
    qtbot.keyClicks(form.editors["nip"], "19751312 200003 1 002")
    assert not save.isEnabled()
    assert form.error_labels["nip"].isVisible()
    assert "8 digit pertama" in form.error_labels["nip"].text()
    form.editors["nip"].setText("19750512 200003 2 002")
    assert save.isEnabled() and not form.error_labels["nip"].isVisible()
    form.editors["nuptk"].setText(people.list_people(demo_db, limit=1)[0]["nuptk"])
    save.click()  # the NUPTK belongs to someone else: shown at the field, nothing saved
    assert "sudah dipakai oleh" in form.error_labels["nuptk"].text()
    assert people.count_people(demo_db) == 184


def test_add_edit_and_undo_through_the_form(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    form = widget.add()
    form.editors["full_name"].setText("Sri Lestari, S.Pd.")
    form.editors["nuptk"].setText("1234567890123456")
    form.editors["school"].setText("SMP Negeri 9 Pekalongan")
    form.editors["region"].setText("Kota Pekalongan")
    form.buttons.button(form.buttons.StandardButton.Save).click()
    assert people.find_by_id_number(demo_db, "1234567890123456")["school"] == "SMP Negeri 9 Pekalongan"
    settle(qtbot, widget)
    assert widget.model.rowCount() == 185
    person_id = people.find_by_id_number(demo_db, "1234567890123456")["id"]
    edit = widget.edit(person_id)
    assert edit.editors["full_name"].text() == "Sri Lestari, S.Pd."
    edit.editors["full_name"].setText("Sri Lestari Handayani, S.Pd.")
    edit.buttons.button(edit.buttons.StandardButton.Save).click()
    assert people.get_person(demo_db, person_id)["name"] == "Sri Lestari Handayani, S.Pd."
    widget.undo_stack.undo()
    assert people.get_person(demo_db, person_id)["name"] == "Sri Lestari, S.Pd."
    widget.undo_stack.undo()
    assert people.find_by_id_number(demo_db, "1234567890123456") is None
    settle(qtbot, widget)
    assert widget.model.rowCount() == 184


def test_delete_asks_naming_how_many_and_undo_restores(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    widget.table.selectRow(0)
    widget.table.selectionModel().select(widget.model.index(1, 0),
                                         widget.table.selectionModel().SelectionFlag.Select
                                         | widget.table.selectionModel().SelectionFlag.Rows)
    doomed = [widget.model.id_at(0), widget.model.id_at(1)]
    box = widget.delete_selected()
    assert "Hapus 2 orang" in box.text()
    box.button(box.StandardButton.Yes).click()
    settle(qtbot, widget)
    assert widget.model.rowCount() == 182 and people.count_people(demo_db) == 182
    widget.undo_stack.undo()
    assert people.count_people(demo_db) == 184
    assert [people.get_person(demo_db, i)["id"] for i in doomed] == doomed
    settle(qtbot, widget)
    assert widget.model.rowCount() == 184


def test_export_of_the_selection(qtbot, demo_db, tmp_path):
    from openpyxl import load_workbook

    widget = page(qtbot, demo_db)
    widget.search.setText("pekalongan")
    widget.refresh()
    settle(qtbot, widget)
    job = widget.export(widget.model.ids()[:3], str(tmp_path / "pilihan.xlsx"))
    with qtbot.waitSignal(job.done, timeout=10000):
        pass
    rows = list(load_workbook(tmp_path / "pilihan.xlsx").active.values)
    region = rows[0].index("Kab/Kota")
    assert len(rows) == 4 and {r[region] for r in rows[1:]} == {"Kota Pekalongan"}
    assert "NIK" not in rows[0]  # personal data stays out unless Pengaturan says otherwise


def test_the_nik_in_exports_is_the_offices_choice(qtbot, demo_db, tmp_path):
    from openpyxl import load_workbook

    from ui.settings.page import SettingsPage

    settings = SettingsPage(demo_db)
    qtbot.addWidget(settings)
    settings.include_nik.setChecked(True)
    widget = page(qtbot, demo_db)
    job = widget.export(widget.model.ids()[:2], str(tmp_path / "dengan-nik.xlsx"))
    with qtbot.waitSignal(job.done, timeout=10000):
        pass
    rows = list(load_workbook(tmp_path / "dengan-nik.xlsx").active.values)
    nik = rows[0].index("NIK")
    assert all(r[nik] and len(r[nik]) == 16 for r in rows[1:])


def test_double_click_opens_the_form_and_new_schools_are_announced(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    first = widget.model.id_at(0)
    widget.table.doubleClicked.emit(widget.model.index(0, 0))
    form = next(f for f in widget.findChildren(PersonForm) if f.person_id == first)
    assert form.editors["full_name"].text() == people.get_person(demo_db, first)["name"]
    assert not form.new_school_hint.isVisibleTo(form)
    form.editors["school"].setText("SMP Negeri 99 Pekalongan")
    assert form.new_school_hint.isVisibleTo(form)
    form.editors["school"].setText("SMPN 1 Pekalongan")  # the same school, written short
    assert not form.new_school_hint.isVisibleTo(form)
    form.reject()


def test_changing_province_drops_a_kab_kota_of_another_province(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    widget.filters["province_code"].setCurrentIndex(widget.filters["province_code"].findText("Gorontalo"))
    settle(qtbot, widget)
    district = widget.filters["region_code"]
    district.setCurrentIndex(district.findText("Kabupaten Boalemo"))
    settle(qtbot, widget)
    widget.filters["province_code"].setCurrentIndex(widget.filters["province_code"].findText("Jawa Tengah"))
    settle(qtbot, widget)
    assert district.currentText() == "Semua kab/kota"
    assert widget.model.rowCount() == 8


def test_form_loads_a_province_only_person_and_clears_a_stale_npsn(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    pid = people.save_person(demo_db, {"full_name": "Sri Lestari", "nuptk": "1234567890123456",
                                       "province": "NTT"})
    form = widget.edit(pid)
    assert form.editors["region"].text() == "" and form.editors["province"].text() == "Nusa Tenggara Timur"
    assert form.buttons.button(form.buttons.StandardButton.Save).isEnabled()
    host = next(p for p in people.list_people(demo_db, "pekalongan") if p["npsn"])
    form = widget.edit(host["id"])
    assert form.editors["npsn"].text() == host["npsn"]
    qtbot.keyClicks(form.editors["school"], " baru")  # typing another school's name
    assert form.editors["npsn"].text() == ""
