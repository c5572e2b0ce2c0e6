"""Every table model of the desktop passes qtmodeltester with the demo data in it (the
roster's lazy model, the pair tree and the import problems are checked beside their pages).
"""

from PySide6.QtGui import QUndoStack

from kemitraan_desktop import pairing, programs
from ui.activities.page import ActivitiesPage
from ui.attendance.page import AttendancePage
from ui.programs.models import FindingsModel
from ui.programs.page import ProgramsPage
from ui.programs.pairing_dialogs import ProposalModel


def program_2019(db):
    return next(e["program"] for e in programs.list_programs(db) if e["program"].year == 2019)


def test_findings_and_summary_models(qtbot, qtmodeltester, demo_db):
    widget = ProgramsPage(demo_db, QUndoStack())
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(widget.idle, timeout=5000)
    assert widget.summary_model.rowCount() > 1
    qtmodeltester.check(widget.summary_model)
    findings = FindingsModel()
    program = program_2019(demo_db)
    demo_db.execute("UPDATE participants SET mentor_id = NULL WHERE program_id = ? AND tier = 3",
                    [program.id])
    findings.set_findings(pairing.check_program(demo_db, program.id))
    assert findings.rowCount() > 0
    qtmodeltester.check(findings)
    widget.worker.stop()


def test_proposal_model(qtmodeltester, demo_db):
    program = program_2019(demo_db)
    demo_db.execute("UPDATE participants SET mentor_id = NULL WHERE program_id = ? AND tier = 3",
                    [program.id])
    proposal = pairing.propose(demo_db, program.id)
    model = ProposalModel(program, proposal)
    assert model.rowCount() > 0
    qtmodeltester.check(model)


def test_rundown_day_models(qtbot, qtmodeltester, demo_db):
    widget = ActivitiesPage(demo_db, QUndoStack())
    qtbot.addWidget(widget)
    widget.show()
    widget.reload_activities(select=1)
    assert widget.rundown.day_models and widget.rundown.day_models[0].rowCount() > 0
    for model in widget.rundown.day_models:
        qtmodeltester.check(model)


def test_attendance_marks_model(qtbot, qtmodeltester, demo_db):
    widget = AttendancePage(demo_db, QUndoStack())
    qtbot.addWidget(widget)
    widget.show()
    widget.reload_activities(select=1)
    assert widget.model.rowCount() > 0
    qtmodeltester.check(widget.model)
