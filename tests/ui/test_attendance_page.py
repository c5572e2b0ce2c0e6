"""Kehadiran: keyboard marking from the signed paper, semua hadir, notes, undo, the rule."""

import datetime as dt

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QUndoStack

from kemitraan_desktop import activities as act
from kemitraan_desktop import attendance as att
from ui.attendance.marks import CERTIFICATE, FIRST_SESSION
from ui.attendance.page import AttendancePage

OJL = 1


def page(qtbot, db, stack=None):
    widget = AttendancePage(db, stack or QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.reload_activities(select=OJL)
    return widget


def status_of(db, participant_id, session):
    return att.marks(db, OJL).get((participant_id, *session.key), (None, ""))[0]


def test_keyboard_marks_a_cell_and_steps_down(qtbot, demo_db):
    stack = QUndoStack()
    widget = page(qtbot, demo_db, stack)
    model, table = widget.model, widget.table
    assert model.rowCount() == 24 and len(model.sessions) == 10
    column = FIRST_SESSION + 2
    session = model.sessions[2]
    first, second = (model.rows[i].participant["id"] for i in (0, 1))
    table.setFocus()
    table.setCurrentIndex(model.index(0, column))
    qtbot.keyClick(table, Qt.Key.Key_S)
    assert status_of(demo_db, first, session) == "sakit"
    assert table.currentIndex().row() == 1  # ready for the next name on the paper
    qtbot.keyClick(table, Qt.Key.Key_I)
    assert status_of(demo_db, second, session) == "izin"
    assert model.index(1, column).data() == "I"
    assert "H 22/24" in model.headerData(column, Qt.Orientation.Horizontal)
    table.setCurrentIndex(model.index(1, column))
    qtbot.keyClick(table, Qt.Key.Key_Space)  # toggles hadir on
    assert status_of(demo_db, second, session) == "hadir"
    table.setCurrentIndex(model.index(1, column))
    qtbot.keyClick(table, Qt.Key.Key_Space)  # and off
    assert status_of(demo_db, second, session) is None
    stack.undo()
    assert status_of(demo_db, second, session) == "hadir"
    stack.undo()
    stack.undo()
    assert status_of(demo_db, second, session) == "hadir"  # before the I
    assert status_of(demo_db, first, session) == "sakit"


def test_all_present_and_the_recap_columns(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    model = widget.model
    absent_row = next(i for i, r in enumerate(model.rows) if not r.eligible)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(FIRST_SESSION)]
    assert headers == ["Nama", "Peran", "Hadir", "%", "JP", "Sertifikat"]  # beside the name
    assert model.index(absent_row, CERTIFICATE).data() == "Tidak"
    assert widget.summary.text() == "23 dari 24 memenuhi syarat (minimal 80%)"
    absent = [c for c in range(FIRST_SESSION, model.columnCount())
              if model.index(absent_row, c).data() == "A"]
    for column in absent:  # the recorded alpa is corrected to hadir by hand
        widget.table.setCurrentIndex(model.index(absent_row, column))
        qtbot.keyClick(widget.table, Qt.Key.Key_H)
    assert model.index(absent_row, CERTIFICATE).data() == "Ya"
    assert widget.summary.text() == "24 dari 24 memenuhi syarat (minimal 80%)"
    assert model.index(absent_row, CERTIFICATE - 1).data() == "33"


def test_all_present_fills_every_selected_session_and_keeps_the_marks_typed(qtbot, demo_db):
    stack = QUndoStack()
    widget = page(qtbot, demo_db, stack)
    model, table = widget.model, widget.table
    first = model.sessions[:7]
    sick = model.rows[0].participant
    att.set_marks(demo_db, OJL, [att.Mark(r.participant["id"], *s.key, None)
                                 for r in model.rows for s in first])
    att.set_marks(demo_db, OJL, [att.Mark(sick["id"], *first[0].key, "sakit")])
    widget.refresh()
    selection = QItemSelection(model.index(0, FIRST_SESSION), model.index(0, FIRST_SESSION + 6))
    table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    assert widget.all_present()  # one click for seven sessions

    for session in first:
        for row in model.rows:
            expected = "sakit" if (row.participant["id"], session) == (sick["id"], first[0]) else "hadir"
            assert status_of(demo_db, row.participant["id"], session) == expected
    assert "ditandai hadir pada 7 sesi" in widget.last_status and "1 tanda" in widget.last_status
    stack.undo()  # one step
    assert status_of(demo_db, model.rows[1].participant["id"], first[3]) is None


def test_rule_dialog_changes_who_qualifies(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    dialog = widget.edit_rule()
    dialog.percent.setValue(100)
    dialog.save()
    assert att.get_rule(demo_db, OJL).min_percent == 100
    assert widget.summary.text() == "21 dari 24 memenuhi syarat (minimal 100%)"


def test_print_sheets_and_recap_open_in_the_preview(qtbot, demo_db, tmp_path):
    from pypdf import PdfReader

    widget = page(qtbot, demo_db)
    widget.table.setCurrentIndex(widget.model.index(0, FIRST_SESSION + 3))
    job = widget.print_sheets(day_only=True, path=str(tmp_path / "hadir.pdf"))
    job.wait()
    qtbot.waitUntil(lambda: getattr(widget, "preview", None) is not None, timeout=10000)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "hadir.pdf").pages)
    assert "DAFTAR HADIR" in text and "Selasa, 11 September 2018" in text
    names = [p["name"] for p in act.activity_participants(demo_db, OJL)]
    assert all(name in text for name in names)


def test_space_on_a_mixed_block_sets_all_present_and_keeps_the_block(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    model, table = widget.model, widget.table
    column = FIRST_SESSION + 2
    table.setCurrentIndex(model.index(0, column))
    qtbot.keyClick(table, Qt.Key.Key_A)
    from PySide6.QtCore import QItemSelection, QItemSelectionModel
    block = QItemSelection(model.index(0, column), model.index(2, column))
    table.selectionModel().select(block, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(table, Qt.Key.Key_Space)
    session = model.sessions[2]
    assert all(status_of(demo_db, model.rows[i].participant["id"], session) == "hadir"
               for i in range(3))
    assert len(table.selectionModel().selectedIndexes()) == 3  # the block stays selected


def test_the_page_warns_when_marks_no_longer_match_the_rundown(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    items = act.list_items(demo_db, OJL)
    act.save_items(demo_db, OJL, [i.copy(start=dt.time(10, 30)) if i.start == dt.time(10) and
                                  i.day == dt.date(2018, 9, 9) else i for i in items])
    widget.refresh()
    assert "24 tanda kehadiran tidak cocok" in widget.summary.text()


def test_importing_a_sheet_of_marks_runs_in_the_background_and_shows_them(qtbot, demo_db, tmp_path):
    from openpyxl import Workbook

    widget = page(qtbot, demo_db)
    model = widget.model
    first = model.rows[0].participant
    session = model.sessions[0]
    book = Workbook()
    sheet = book.active
    for row in (["DAFTAR HADIR OJL 1"], [],
                ["No", "Nama", "NUPTK", "Tanggal", "Jam", "Status"],
                [1, first["name"], first["nuptk"], session.day, session.key[1].replace(":", "."), "S"]):
        sheet.append(row)
    book.save(tmp_path / "hadir.xlsx")

    with qtbot.waitSignal(widget.import_marks(str(tmp_path / "hadir.xlsx")).done, timeout=10000):
        pass

    assert status_of(demo_db, first["id"], session) == "sakit"
    assert model.index(0, FIRST_SESSION).data() == "S"  # the grid shows it
    assert "Kehadiran diimpor: 1 tanda kehadiran untuk 1 peserta" in widget.last_status


def test_a_sheet_naming_nobody_of_the_activity_records_nothing_and_says_which_row(qtbot, demo_db,
                                                                                   tmp_path):
    from openpyxl import Workbook

    widget = page(qtbot, demo_db)
    before = att.marks(demo_db, OJL)
    book = Workbook()
    sheet = book.active
    for row in (["No", "Nama", "NUPTK", "Tanggal", "Status"],
                [1, "Orang Lain", "9999999999999999", "10/09/2018", "H"]):
        sheet.append(row)
    book.save(tmp_path / "lain.xlsx")

    with qtbot.waitSignal(widget.import_marks(str(tmp_path / "lain.xlsx")).done, timeout=10000):
        pass

    assert att.marks(demo_db, OJL) == before
    from PySide6.QtWidgets import QPlainTextEdit
    shown = widget.import_box.findChild(QPlainTextEdit).toPlainText()
    assert "baris 2" in shown.lower(), shown


def test_typing_past_the_last_name_goes_on_with_the_next_session(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    model, table = widget.model, widget.table
    last = model.rowCount() - 1
    table.setFocus()
    table.setCurrentIndex(model.index(last, FIRST_SESSION + 1))
    qtbot.keyClick(table, Qt.Key.Key_H)
    assert (table.currentIndex().row(), table.currentIndex().column()) == (0, FIRST_SESSION + 2)
    assert model.sessions[2].label in widget.last_status


def test_ctrl_home_selects_the_first_cell_and_the_next_key_marks_it_not_the_old_one(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    model, table = widget.model, widget.table
    table.setFocus()
    old = (model.rows[5].participant["id"], model.sessions[4])
    before = status_of(demo_db, *old)
    table.setCurrentIndex(model.index(5, FIRST_SESSION + 4))
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert [(i.row(), i.column()) for i in table.selectionModel().selectedIndexes()] == [
        (0, FIRST_SESSION)]
    qtbot.keyClick(table, Qt.Key.Key_S)
    assert status_of(demo_db, model.rows[0].participant["id"], model.sessions[0]) == "sakit"
    assert status_of(demo_db, *old) == before


def test_the_names_stay_in_view_when_the_last_sessions_are_scrolled_to(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    widget.resize(1000, 600)
    model, table, names = widget.model, widget.table, widget.names
    last = model.index(20, model.columnCount() - 1)
    table.setCurrentIndex(last)
    table.scrollTo(last)
    qtbot.wait(50)
    assert table.horizontalScrollBar().value() > 0  # the grid scrolled right
    assert names.isVisible() and not names.isColumnHidden(0)
    assert all(table.isColumnHidden(c) for c in range(FIRST_SESSION))
    top = names.rowAt(0)
    assert top == table.rowAt(0) > 0  # the names scroll down with the marks
    assert names.model().index(top, 0).data() == model.rows[top].participant["name"]


def test_each_name_sits_on_its_row_of_marks(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    names, table = widget.names, widget.table
    for row in (0, 10, 23):
        left = names.viewport().mapTo(widget, names.visualRect(names.model().index(row, 0)).topLeft())
        right = table.viewport().mapTo(widget, table.visualRect(
            table.model().index(row, FIRST_SESSION)).topLeft())
        assert left.y() == right.y()
    assert names.viewport().height() == table.viewport().height()
