"""Program & Pasangan: the tree (lazy, drag and drop, undo), checks, search, the program form,
the pairing assistant's review, and adding roster people to a program."""

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialogButtonBox

import ui.programs.page
import ui.undo
from kemitraan_desktop import pairing, people, programs
from ui.ops import registry
from ui.programs.page import ProgramsPage
from ui.programs.pair_tree import ID_ROLE, PairTreeModel
from ui.programs.pairing_dialogs import AddToProgram, PairingReview

_WORKERS = []


@pytest.fixture(autouse=True)
def _stop_workers():
    yield
    while _WORKERS:
        _WORKERS.pop().stop()


def page(qtbot, db, stack=None):
    widget = ProgramsPage(db, stack or QUndoStack())
    qtbot.addWidget(widget)
    _WORKERS.append(widget.worker)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitUntil(widget.idle, timeout=5000)
    return widget


def program_2019(db):
    return next(e["program"] for e in programs.list_programs(db) if e["program"].year == 2019)


def top_names(model):
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_tree_shows_top_tier_and_loads_children_lazily(qtbot, qtmodeltester, demo_db):
    widget = page(qtbot, demo_db)
    assert widget.programs.count() == 2
    assert widget.program.year == 2019  # newest first
    model = widget.model
    names = top_names(model)
    assert len(names) == 9 and names[-1] == "Imbas tanpa Mitra (10)"
    first = model.index(0, 0)
    assert model.rowCount(first) == 0 and model.hasChildren(first)  # not loaded yet
    assert model.index(0, 2).data() == "2 mitra, 20 imbas, jangkauan 22"
    widget.tree.expand(first)
    qtbot.waitUntil(lambda: model.rowCount(first) == 2)
    mitra = model.index(0, 0, first)
    assert model.index(0, 1, first).data() == "Mitra"
    assert model.index(0, 2, first).data() == "10 imbas"
    model.fetch_all(mitra)
    assert model.rowCount(mitra) == 10
    qtmodeltester.check(model)


def test_program_labels_are_the_programs_own(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    widget.programs.setCurrentRow(1)  # the 2018 round
    assert "Mitra 1 → Mitra 2 → Mitra 3" in widget.heading.text()
    model = widget.model
    assert model.index(0, 1).data() == "Mitra 1"
    assert model.index(0, 2).data() == "2 mitra 2"  # nobody is a Mitra 3 in this round


def test_drag_and_drop_moves_a_mitra_and_undo_restores(qtbot, demo_db):
    stack = QUndoStack()
    widget = page(qtbot, demo_db, stack)
    model = widget.model
    program = widget.program
    # a Matematika mitra under the first Matematika inti, dropped on the other one
    rows = [r for r in programs.list_participants(demo_db, program.id) if r["subject"] == "Matematika"]
    inti = [r for r in rows if r["tier"] == 1]
    mitra = next(r for r in rows if r["tier"] == 2 and r["mentor_id"] == inti[0]["id"])
    target = next(model.index(r, 0) for r in range(model.rowCount())
                  if model.index(r, 0).data(ID_ROLE) == inti[1]["id"])
    source = model.index_for_path(pairing.path_to(demo_db, mitra["id"]))
    mime = model.mimeData([source])
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, target)
    model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, target)
    qtbot.waitUntil(lambda: programs.get_participant(demo_db, mitra["id"])["mentor_id"] == inti[1]["id"])
    assert stack.count() == 1 and "Pindahkan 1 peserta" in stack.undoText()
    qtbot.waitUntil(lambda: widget.model.index_for_path([inti[1]["id"]]).data(
        Qt.ItemDataRole.DisplayRole) is not None)
    stack.undo()
    assert programs.get_participant(demo_db, mitra["id"])["mentor_id"] == inti[0]["id"]


def test_drop_on_the_wrong_tier_is_refused(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    model = widget.model
    first = model.index(0, 0)
    widget.tree.expand(first)
    model.fetch_all(first)
    mitra = model.index(0, 0, first)
    model.fetch_all(mitra)
    imbas = model.index(0, 0, mitra)
    mime = model.mimeData([imbas])
    # an imbas cannot go straight under an inti; a mitra can go to the unpaired group? no:
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, model.index(1, 0))
    group = model.index(model.rowCount() - 1, 0)
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, group)  # unpair


def test_a_move_the_rules_forbid_shows_why_and_changes_nothing(qtbot, demo_db, monkeypatch):
    shown = []
    monkeypatch.setattr(ui.undo, "show_error", lambda parent, error, title="": shown.append(error))
    stack = QUndoStack()
    widget = page(qtbot, demo_db, stack)
    program = widget.program
    rows = programs.list_participants(demo_db, program.id)
    ipa_inti = next(r for r in rows if r["tier"] == 1 and r["subject"] == "IPA")
    mat_mitra = next(r for r in rows if r["tier"] == 2 and r["subject"] == "Matematika")
    widget.move([mat_mitra["id"]], ipa_inti["id"])
    assert "Mata pelajaran berbeda" in shown[0].message
    assert programs.get_participant(demo_db, mat_mitra["id"])["mentor_id"] == mat_mitra["mentor_id"]
    assert stack.count() == 0


def test_checks_panel_lists_problems_and_selects_the_people(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    assert widget.checks.checks_label.text() == "Pemeriksaan: 0 kesalahan, 10 peringatan"
    assert widget.checks.findings_model.rowCount() == 10
    first = widget.checks.findings_model.findings[0]
    assert "belum punya Mitra" in first.message
    widget.checks._finding_clicked(widget.checks.findings_model.index(0, 1))
    assert widget.pairs.selected_ids() == first.participant_ids
    widget.checks.severity.setCurrentIndex(1)  # errors only
    assert widget.checks.findings_model.rowCount() == 0


def test_search_in_the_tree_opens_and_selects(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    program = widget.program
    imbas = next(r for r in programs.list_participants(demo_db, program.id)
                 if r["tier"] == 3 and r["mentor_id"])
    widget.search.setText(imbas["nuptk"])
    qtbot.waitUntil(lambda: widget.pairs.selected_ids() == [imbas["id"]], timeout=3000)
    assert widget.pairs.match_label.text() == "1 dari 1"
    widget.search.setText("tidak ada nama ini")
    qtbot.waitUntil(lambda: widget.pairs.match_label.text() == "tidak ditemukan", timeout=3000)


def test_new_program_form_with_a_preset(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    form = widget.new_program()
    save = form.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()  # no name yet
    form.name.setText("Kemitraan Guru SMA")
    form.year.setValue(2018)
    form.jenjang.setCurrentText("SMA")
    form.label_preset.setCurrentText("Mitra / Imbas")
    assert [e.text() for e in form.label_edits] == ["Mitra", "Imbas", ""]
    assert form.ratio_edit.text() == "2"
    form.ratio_edit.setText("2,5")
    assert "paling banyak 1 angka rasio" in form.errors["ratios"].text()
    assert not save.isEnabled()
    form.ratio_edit.setText("4")
    assert save.isEnabled()
    save.click()
    created = next(e["program"] for e in programs.list_programs(demo_db)
                   if e["program"].name == "Kemitraan Guru SMA")
    assert created.labels == ["Mitra", "Imbas"] and created.ratios == [4] and created.jenjang == "SMA"
    assert widget.program.id == created.id  # the new program is opened


def test_assistant_review_accepts_some_and_undo(qtbot, demo_db):
    stack = QUndoStack()
    widget = page(qtbot, demo_db, stack)
    job = widget.auto_pair(False)
    qtbot.waitUntil(lambda: getattr(widget, "review", None) is not None, timeout=5000)
    job.wait()
    review: PairingReview = widget.review
    assert review.model.rowCount() == 10
    assert {p.note for p in review.model.pairs} == {"satu kab/kota"}
    review.model.setData(review.model.index(0, 0), Qt.CheckState.Unchecked.value,
                         Qt.ItemDataRole.CheckStateRole)
    assert review.count.text() == "9 dari 10 diterima"
    with qtbot.waitSignal(review.finished, timeout=10000):  # saved in the background
        review.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    unpaired = [r for r in programs.list_participants(demo_db, widget.program.id)
                if r["tier"] == 3 and not r["mentor_id"]]
    assert [r["id"] for r in unpaired] == [review.model.pairs[0].mentee_id]
    qtbot.waitUntil(lambda: widget.checks.checks_label.text() == "Pemeriksaan: 0 kesalahan, 1 peringatan",
                    timeout=3000)
    stack.undo()
    assert len([r for r in programs.list_participants(demo_db, widget.program.id)
                if r["tier"] == 3 and not r["mentor_id"]]) == 10


def test_review_change_mentor_by_hand(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    program = widget.program
    proposal = pairing.propose(demo_db, program.id)
    review = widget._review(program, proposal)
    review.table.selectRow(0)
    chooser = review.change_mentor()
    items = [chooser.list.item(i) for i in range(chooser.list.count())]
    subject = proposal.pairs[0].subject
    mitra = [r for r in programs.list_participants(demo_db, program.id)
             if r["tier"] == 2 and r["subject"] == subject]
    assert len(items) == len(mitra)  # same subject only, no "tanpa" choice here
    full = [i for i in items if "(penuh)" in i.text()]
    assert len(full) == len(mitra) - 1 and all(not i.flags() & Qt.ItemFlag.ItemIsEnabled for i in full)
    free = next(i for i in items if i not in full)
    assert "bimbingan 9/10" in free.text()  # the other nine accepted pairs count
    chooser.list.setCurrentItem(free)
    wanted = chooser.chosen()
    chooser.accept()
    assert review.model.pairs[0].mentor_id == wanted
    assert review.model.pairs[0].note == "dipilih sendiri"
    with qtbot.waitSignal(review.save().done, timeout=10000):
        pass
    assert not review.isVisible()
    assert programs.get_participant(demo_db, proposal.pairs[0].mentee_id)["mentor_id"] == wanted


def test_add_to_program_from_the_roster(qtbot, demo_db):
    stack = QUndoStack()
    new_id = people.save_person(demo_db, {"full_name": "Guru Baru", "nuptk": "1234567890123456",
                                          "subject": "IPA", "region": "Kabupaten Kupang",
                                          "jenjang": "SMP"})
    program = program_2019(demo_db)
    dialog = AddToProgram(demo_db, [new_id], None)
    qtbot.addWidget(dialog)
    dialog.program.setCurrentIndex(dialog.program.findData(program.id))
    assert [dialog.tier.itemText(i) for i in range(dialog.tier.count())] == ["Inti", "Mitra", "Imbas"]
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.tier.currentIndex() == -1 and not ok.isEnabled()  # no tier chosen for them
    dialog.tier.setCurrentIndex(2)
    assert ok.isEnabled()
    received = []
    dialog.added.connect(lambda *args: received.append(args))
    ok.click()
    program_id, ids, tier, subject, fallback = received[0]
    assert fallback is None  # the new teacher has a subject
    stack.push(ui.undo.AddParticipants(demo_db, program_id, ids, tier, subject, lambda: None))
    added = programs.participant_of(demo_db, program.id, new_id)
    assert programs.get_participant(demo_db, added)["tier"] == 3
    assert programs.get_participant(demo_db, added)["subject"] == "IPA"
    stack.undo()
    assert programs.participant_of(demo_db, program.id, new_id) is None
    again = AddToProgram(demo_db, [new_id], None)  # the next time: the same program, no tier
    qtbot.addWidget(again)
    assert again.program.currentData() == program.id and again.tier.currentIndex() == -1


def test_summary_tab_uses_the_programs_labels(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    model = widget.summary_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Provinsi", "Mata Pelajaran", "Inti", "Mitra", "Imbas", "Jangkauan"]
    last = model.rowCount() - 1
    assert [model.index(last, c).data() for c in range(model.columnCount())] == \
        ["Jumlah", "", "8", "16", "160", "176"]


def test_removing_participants_is_undoable(qtbot, demo_db, monkeypatch):
    stack = QUndoStack()
    widget = page(qtbot, demo_db, stack)
    first = widget.model.index(0, 0)
    inti_id = first.data(ID_ROLE)
    widget.tree.setCurrentIndex(first)
    box = widget.remove_selected()
    box.accept()
    assert inti_id not in [r["id"] for r in programs.list_participants(demo_db, widget.program.id)]
    assert inti_id not in [widget.model.index(r, 0).data(ID_ROLE)
                           for r in range(widget.model.rowCount())]
    stack.undo()
    mentees = [r for r in programs.list_participants(demo_db, widget.program.id)
               if r["mentor_id"] == inti_id]
    assert len(mentees) == 2


def test_tree_model_alone_passes_the_model_tester(qtmodeltester, demo_db):
    model = PairTreeModel(demo_db, program_2019(demo_db))
    for row in range(model.rowCount()):
        model.fetch_all(model.index(row, 0))
    qtmodeltester.check(model)
    assert model.index_for_path([]) == QModelIndex()


def test_person_form_shows_program_history(qtbot, demo_db):
    from ui.roster.person_form import PersonForm

    visitor = next(r for r in programs.list_participants(demo_db, program_2019(demo_db).id)
                   if r["tier"] == 2)
    form = PersonForm(demo_db, visitor["person_id"])
    qtbot.addWidget(form)
    lines = [label.text() for label in form.history_box.findChildren(type(form.new_school_hint))]
    assert lines[0].startswith("2019 · Kemitraan Guru SMP: Mitra")
    assert "membimbing 10 orang" in lines[0]
    assert lines[1].startswith("2018 · Kemitraan Guru SMP - OJL Kota Pekalongan: Mitra 2")
    assert "dibimbing" in lines[1]


def test_deleting_participants_from_the_roster_warns(qtbot, demo_db):
    from ui.roster.page import PeoplePage

    widget = PeoplePage(demo_db, QUndoStack())
    qtbot.addWidget(widget)
    _WORKERS.append(widget.worker)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 184, timeout=5000)
    widget.table.selectRow(0)
    box = widget.delete_selected()
    assert "1 di antaranya peserta program" in box.text()
    box.reject()


def test_export_and_print_from_the_page(qtbot, demo_db, tmp_path):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    widget = page(qtbot, demo_db)
    xlsx, pdf = tmp_path / "pasangan.xlsx", tmp_path / "pasangan.pdf"
    job = widget.outputs.export_pairs(str(xlsx))
    job.wait()
    qtbot.waitUntil(lambda: not registry().jobs, timeout=5000)
    sheet = load_workbook(xlsx).active
    # title, program line, header, then one row per pair
    assert sheet.max_row - 3 == len(pairing.pair_rows(demo_db, widget.program.id)) == 166
    job = widget.outputs.print_pairs(str(pdf), open_after=False)
    job.wait()
    qtbot.waitUntil(lambda: not registry().jobs, timeout=5000)
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "DAFTAR PASANGAN" in text and "Kemitraan Guru SMP" in text
    assert widget.last_status == f"Daftar pasangan diekspor ke {xlsx}"


def test_print_shows_the_list_in_the_preview(qtbot, demo_db):
    import io

    from pypdf import PdfReader

    import ui.widgets.pdf_preview

    widget = page(qtbot, demo_db)
    job = widget.outputs.print_pairs(paper="f4")
    job.wait()
    qtbot.waitUntil(lambda: bool(ui.widgets.pdf_preview._OPEN), timeout=5000)
    preview = ui.widgets.pdf_preview._OPEN[-1]
    program = widget.program
    assert preview.windowTitle() == f"Daftar Pasangan {program.name} Tahun {program.year} - Pratinjau"
    assert preview.suggested_name == f"daftar-pasangan-{program.name}-{program.year}.pdf".replace(" ", "-")
    assert preview.size_label.text().strip() == "F4 (215 x 330 mm)"
    reader = PdfReader(io.BytesIO(preview.data))
    assert preview.page_count() == len(reader.pages)
    assert "DAFTAR PASANGAN" in reader.pages[0].extract_text()
    preview.close()


def test_move_to_action_offers_allowed_mentors_only(qtbot, demo_db):
    stack = QUndoStack()
    widget = page(qtbot, demo_db, stack)
    program = widget.program
    rows = programs.list_participants(demo_db, program.id)
    loose = next(r for r in rows if r["tier"] == 3 and not r["mentor_id"])
    widget.pairs.select_ids([loose["id"]])
    assert widget.pairs.selected_ids() == [loose["id"]]
    chooser = widget.move_selected()
    texts = [chooser.list.item(i).text() for i in range(chooser.list.count())]
    assert texts[0].startswith("(tanpa Mitra")
    same_subject = [r for r in rows if r["tier"] == 2 and r["subject"] == loose["subject"]]
    assert len(texts) == 1 + len(same_subject)
    free = next(i for i in range(1, chooser.list.count())
                if chooser.list.item(i).flags() & Qt.ItemFlag.ItemIsEnabled)
    chooser.list.setCurrentRow(free)
    mentor = chooser.chosen()
    chooser.accept()
    assert programs.get_participant(demo_db, loose["id"])["mentor_id"] == mentor
    assert widget.pairs.selected_ids() == [loose["id"]]  # still selected, now under its mitra
    stack.undo()
    assert programs.get_participant(demo_db, loose["id"])["mentor_id"] is None


def test_undo_and_redo_of_an_add_keep_later_steps_working(qtbot, demo_db):
    stack = QUndoStack()
    program = program_2019(demo_db)
    new_id = people.save_person(demo_db, {"full_name": "Guru Baru", "nuptk": "1234567890123456",
                                          "subject": "IPA", "region": "Kabupaten Kupang",
                                          "jenjang": "SMP"})
    add = ui.undo.AddParticipants(demo_db, program.id, [new_id], 3, None, lambda: None)
    stack.push(add)
    participant = programs.participant_of(demo_db, program.id, new_id)
    mitra = pairing.mentor_choices(demo_db, program.id, [participant])
    free = next(m for m in mitra if m["room"])
    stack.push(ui.undo.MoveParticipants(demo_db, program.id, [participant], free["id"], "x",
                                        lambda: None))
    stack.undo()
    stack.undo()
    assert programs.participant_of(demo_db, program.id, new_id) is None
    stack.redo()
    stack.redo()
    assert programs.participant_of(demo_db, program.id, new_id) == participant  # same id
    assert programs.get_participant(demo_db, participant)["mentor_id"] == free["id"]


def test_a_refused_save_keeps_the_review_open(qtbot, demo_db, monkeypatch):
    shown = []
    monkeypatch.setattr(ui.programs.page, "show_error",
                        lambda parent, error, title="": shown.append(error))
    widget = page(qtbot, demo_db)
    program = widget.program
    proposal = pairing.propose(demo_db, program.id)
    review = widget._review(program, proposal)
    first = proposal.pairs[0]
    # meanwhile, someone pairs the first mentee with another mitra of the subject
    rows = programs.list_participants(demo_db, program.id)
    other = next(r for r in rows if r["tier"] == 2 and r["subject"] == first.subject
                 and r["id"] != first.mentor_id)
    freed = next(r["id"] for r in rows if r["mentor_id"] == other["id"])
    pairing.set_mentor(demo_db, program.id, [freed], None)
    pairing.set_mentor(demo_db, program.id, [first.mentee_id], other["id"])
    with qtbot.waitSignal(review.save().done, timeout=10000):
        pass
    assert "sudah dipasangkan sejak usulan dibuat" in shown[0].message
    assert review.isVisible() and review.buttons.isEnabled()
    assert programs.get_participant(demo_db, first.mentee_id)["mentor_id"] == other["id"]
    assert programs.get_participant(demo_db, proposal.pairs[1].mentee_id)["mentor_id"] is None
    review.model.setData(review.model.index(0, 0), Qt.CheckState.Unchecked.value,
                         Qt.ItemDataRole.CheckStateRole)
    with qtbot.waitSignal(review.save().done, timeout=10000):
        pass  # without the taken one it goes through
    assert not review.isVisible()


def test_program_deleted_elsewhere_is_dropped_from_the_page(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    programs.delete_program(demo_db, widget.program.id)  # e.g. from the command line
    widget.roster_changed()
    assert widget.programs.count() == 1
    assert widget.program.year == 2018


def test_program_form_needs_the_middle_label(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    form = widget.new_program()
    form.name.setText("Program X")
    form.label_edits[1].setText("")
    assert "Nama tingkat kedua kosong" in form.errors["labels"].text()
    assert not form.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    form.ratio_edit.setText("3,a")
    form.label_preset.setCurrentText("Mitra / Imbas")  # no exception on a bad ratio
    assert form.ratio_edit.text() == "2"
    form.reject()


def test_program_form_refuses_a_twin_and_warns_of_a_lower_ratio(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    form = widget.new_program()
    form.name.setText("Kemitraan Guru SMP")
    form.year.setValue(2019)
    assert "sudah ada" in form.errors["name"].text()
    assert not form.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    form.reject()
    form = widget.edit_program()  # the 2019 round: inti take 2 mitra each
    form.ratio_edit.setText("1,10")
    form.save()
    assert "8 pembimbing membimbing lebih" in form.confirm_box.text()
    assert programs.get_program(demo_db, widget.program.id).ratios == [3, 10]  # not yet
    form.confirm_box.accept()
    assert programs.get_program(demo_db, widget.program.id).ratios == [1, 10]


def test_drops_the_rules_forbid_are_refused_before_letting_go(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    model = widget.model
    rows = programs.list_participants(demo_db, widget.program.id)
    mat_mitra = next(r for r in rows if r["tier"] == 2 and r["subject"] == "Matematika")
    ipa_inti = next(r for r in rows if r["tier"] == 1 and r["subject"] == "IPA")
    source = model.index_for_path(pairing.path_to(demo_db, mat_mitra["id"]))
    mime = model.mimeData([source])
    ipa_index = model.index_for_path([ipa_inti["id"]])
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, ipa_index)
    form = widget.edit_program()
    form.ratio_edit.setText("2,10")  # every inti now full (2 of 2)
    form.save()
    other_mat_inti = next(r for r in rows if r["tier"] == 1 and r["subject"] == "Matematika"
                          and r["id"] != mat_mitra["mentor_id"])
    full = widget.model.index_for_path([other_mat_inti["id"]])
    mime = widget.model.mimeData([widget.model.index_for_path(pairing.path_to(demo_db, mat_mitra["id"]))])
    assert not widget.model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, full)


def test_tree_context_actions_and_search_buttons(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    received = []
    widget.addToProgramRequested.connect(received.append)
    widget.pairs.select_ids([widget.model.index(0, 0).data(ID_ROLE)])
    widget.pairs._to_other_program()
    inti = programs.get_participant(demo_db, widget.model.index(0, 0).data(ID_ROLE))
    assert received == [[inti["person_id"]]]
    widget.search.setText("SMPN 6")  # read as SMP Negeri 6
    qtbot.waitUntil(lambda: widget.pairs.match_label.text().endswith(f"dari {len(widget.pairs.matches)}")
                    and len(widget.pairs.matches) > 1, timeout=3000)
    first = widget.pairs.selected_ids()
    widget.pairs.next_button.click()
    assert widget.pairs.selected_ids() != first and widget.pairs.match_label.text().startswith("2 dari")
    widget.pairs.previous_button.click()
    assert widget.pairs.selected_ids() == first


def test_repair_review_shows_which_pairs_change(qtbot, demo_db):
    widget = page(qtbot, demo_db)
    program = widget.program
    proposal = pairing.propose(demo_db, program.id, repair=True)
    review = widget._review(program, proposal)
    model = review.model
    assert model.columnCount() == 9
    assert model.headerData(8, Qt.Orientation.Horizontal) == "Pembimbing sekarang"
    shown = [model.index(r, 8).data() for r in range(model.rowCount())]
    assert shown.count("(belum ada)") == 10  # the ten imbas nobody mentored yet
    changed = [p for p in proposal.pairs if p.previous_mentor_id not in (None, p.mentor_id)]
    assert changed  # the demo's fixed pairs are not all the assistant's own choice
    assert f"{len(changed)} pasangan yang sudah ada akan berganti" in review.intro.text()
    for r, pair in enumerate(proposal.pairs):
        if pair.previous_mentor_id == pair.mentor_id:
            assert shown[r] == "sama"
        elif pair.previous_mentor_id is not None:
            assert shown[r] == pair.previous_mentor_name
    review.reject()
    plain = widget._review(program, pairing.propose(demo_db, program.id))
    assert plain.model.columnCount() == 8
    plain.reject()


def test_roster_shows_how_many_are_selected(qtbot, demo_db):
    from ui.roster.page import PeoplePage

    widget = PeoplePage(demo_db, QUndoStack())
    qtbot.addWidget(widget)
    _WORKERS.append(widget.worker)
    widget.show()
    qtbot.waitUntil(lambda: widget.count.text() == "184 orang", timeout=5000)
    widget.table.selectAll()
    assert widget.count.text() == "184 orang · 184 terpilih"


def test_the_program_page_has_a_riwayat_tab(qtbot, demo_db):
    from kemitraan_desktop import pairing

    program = program_2019(demo_db)
    mentee = demo_db.execute("SELECT id FROM participants WHERE program_id = ? AND mentor_id IS NOT NULL "
                             "LIMIT 1", [program.id]).fetchone()[0]
    pairing.set_mentor(demo_db, program.id, [mentee], None)
    widget = page(qtbot, demo_db)
    widget.open_program(program.id)
    assert widget.history.table.rowCount() == 0  # read only when its tab is shown
    widget.tabs.setCurrentWidget(widget.history)
    assert widget.history.table.rowCount() > 100
    name = demo_db.execute("SELECT name FROM participants WHERE id = ?", [mentee]).fetchone()[0]
    assert widget.history.table.item(0, 1).text() == name
    assert widget.history.table.item(0, 3).text().startswith("Dilepas dari pembimbing")
