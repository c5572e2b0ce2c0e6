"""Every page and dialog fits a 1366x768 office laptop (and 1280x720): nothing wider or
taller than the screen's usable area, no field narrower than its own text needs, and the
main window never grows by itself."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from kemitraan_desktop import programs
from ui.main_window import AREAS, PROGRAMS, MainWindow

# the screen less the Windows taskbar (40 px) and a window's title bar (31 px)
SCREENS = {"1366x768": (1366, 768 - 71), "1280x720": (1280, 720 - 71)}
CHECKED = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QLabel)


def crushed(top: QWidget) -> list[str]:
    """Visible fields, buttons and one-line labels given less width than their text needs."""
    found = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, CHECKED) or not widget.isVisibleTo(top):
            continue
        if isinstance(widget, QLabel) and (widget.wordWrap() or not widget.text()
                                           or widget.pixmap() is not None and not widget.pixmap().isNull()):
            continue
        parent = widget.parentWidget()
        if parent is not None and isinstance(parent, (QLineEdit, QAbstractSpinBox, QComboBox)) \
                or parent is not None and parent.inherits("QAbstractItemView"):
            continue  # a field's own parts (its clear button), an editor inside a table
        need = widget.minimumSizeHint().width()
        if widget.width() + 1 < need:
            text = getattr(widget, "text", lambda: "")()
            found.append(f"{type(widget).__name__} {widget.objectName() or text!r}: "
                         f"{widget.width()} < {need}")
    return found


def assert_fits(top: QWidget, screen: str = "1366x768") -> None:
    width, height = SCREENS[screen]
    QApplication.processEvents()
    hint = top.minimumSizeHint().expandedTo(top.minimumSize())
    assert hint.width() <= width and hint.height() <= height, (
        f"{type(top).__name__} needs {hint.width()}x{hint.height()}, the screen gives {width}x{height}")
    assert top.width() <= width, f"{type(top).__name__} is {top.width()} px wide"
    assert not crushed(top), crushed(top)


def window_at(qtbot, db, screen: str) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    width, height = SCREENS[screen]
    window.resize(width, height)
    window.show()
    return window


@pytest.mark.parametrize("data", ["demo_db", "db"], ids=["demo", "empty"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_page_fits(qtbot, request, screen, data):
    window = window_at(qtbot, request.getfixturevalue(data), screen)
    for index in range(len(AREAS)):
        window.sidebar.setCurrentRow(index)
        qtbot.wait(50)
        assert_fits(window, screen)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_beranda_with_the_program_dashboard_fits(qtbot, demo_db, screen):
    """Loaded (the loop above may look before the answers come): the to-do, the quiet
    pairs and the four charts in the first screen, nothing scrolled sideways."""
    window = window_at(qtbot, demo_db, screen)
    home = window.home
    qtbot.waitUntil(lambda: not home.loading(), timeout=10000)
    assert home.dashboard.isVisible()
    assert_fits(window, screen)
    assert home.scroll.horizontalScrollBar().maximum() == 0
    if screen == "1366x768":
        bottom = home.dashboard.mapTo(home.scroll.viewport(), home.dashboard.rect().bottomLeft())
        assert bottom.y() <= home.scroll.viewport().height()


def test_a_program_with_no_participants_does_not_widen_the_window(qtbot, demo_db):
    program_id = programs.save_program(demo_db, programs.Program(
        None, "Kemitraan Guru SMP Kota Semarang Tahun 2019", 2019, "SMP",
        subjects=["Matematika"]))
    window = window_at(qtbot, demo_db, "1280x720")
    window.sidebar.setCurrentRow(PROGRAMS)
    window.programs_page.reload_programs(select=program_id)
    qtbot.wait(100)
    assert window.width() <= 1280
    assert_fits(window, "1280x720")


def _dialogs(db):
    """Every dialog of the app, built on the demo: (name, dialog)."""
    from kemitraan_desktop import activities as act
    from kemitraan_desktop import pairing
    from ui.activities.activity_form import ActivityForm, ActivityPeople, ShiftDialog
    from ui.attendance.rule_dialog import RuleDialog
    from ui.paperwork.dialog import DOCUMENTS, PaperworkDialog
    from ui.paperwork.report_editor import ReportEditor
    from ui.paperwork.template_editor import TemplateEditor
    from ui.programs.pairing_dialogs import AddToProgram, MentorChooser, PairingReview
    from ui.programs.participants_import import ParticipantsImportDialog
    from ui.programs.program_form import ProgramForm
    from ui.roster.import_wizard import ImportWizard
    from ui.roster.person_form import PersonForm
    from ui.settings.welcome import WelcomeDialog
    from ui.widgets.history_view import HistoryDialog

    def paperwork(key):
        dialog = PaperworkDialog(db, 1)
        dialog.choose(key)
        return dialog

    def follow_up_dialogs():
        from kemitraan_desktop import action_plans, monev
        from kemitraan_desktop.mentoring import ProgramPeople
        from ui.follow_up.log_dialog import LogEntryDialog
        from ui.follow_up.monev_dialog import MonevEntryDialog
        from ui.follow_up.plan_dialog import PlanDialog

        program = programs.get_program(db, 2)
        people = ProgramPeople(db, program)
        mitra = next(r["id"] for r in programs.list_participants(db, 2) if r["tier"] == 2)
        plan = action_plans.list_plans(db, 2)
        plan = plan[0] if plan else action_plans.get_plan(db, action_plans.add_plan(
            db, 2, mitra, "Pengimbasan model PBL di MGMP IPA", "2019-12-15"))
        return [
            ("LogEntryDialog", lambda: LogEntryDialog(db, program, people)),
            ("PlanDialog", lambda: PlanDialog(db, program, people)),
            ("PlanDialog edit", lambda: PlanDialog(db, program, people, plan=plan)),
            *[(f"MonevEntryDialog {form.code}", lambda form=form: MonevEntryDialog(
                db, program, people, form)) for form in monev.list_forms(db)],
        ]

    program = programs.get_program(db, 2)  # 1:3:10, 184 participants
    activity = act.get_activity(db, 1)
    mentee = next(r["id"] for r in programs.list_participants(db, 2) if r["tier"] == 3)
    return [
        ("ActivityForm", lambda: ActivityForm(db)),
        ("ActivityForm edit", lambda: ActivityForm(db, activity)),
        ("ActivityPeople", lambda: ActivityPeople(db, activity)),
        ("ShiftDialog", lambda: ShiftDialog(activity)),
        ("RuleDialog", lambda: RuleDialog(db, 1)),
        ("ProgramForm", lambda: ProgramForm(db)),
        ("ProgramForm edit", lambda: ProgramForm(db, program)),
        ("AddToProgram", lambda: AddToProgram(db, [1, 2])),
        ("MentorChooser", lambda: MentorChooser(db, program, [mentee])),
        ("PairingReview", lambda: PairingReview(db, program, pairing.propose(db, 2, repair=True))),
        ("ParticipantsImportDialog", lambda: ParticipantsImportDialog(db, 2)),
        ("PersonForm", lambda: PersonForm(db)),
        ("PersonForm edit", lambda: PersonForm(db, 1)),
        ("ImportWizard", lambda: ImportWizard(db)),
        ("WelcomeDialog", lambda: WelcomeDialog()),
        ("HistoryDialog", lambda: HistoryDialog(db, 1, "Riwayat")),
        *[(f"PaperworkDialog {key}", lambda key=key: paperwork(key)) for key in DOCUMENTS],
        *[(f"TemplateEditor {kind}", lambda kind=kind: TemplateEditor(db, kind))
          for kind in ("undangan", "tugas", "sk")],
        ("ReportEditor", lambda: ReportEditor(db, 1)),
        *follow_up_dialogs(),
    ]


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_dialog_fits(qtbot, demo_db, screen):
    too_big = []
    for name, make in _dialogs(demo_db):
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        try:
            assert_fits(dialog, screen)
        except AssertionError as exc:
            too_big.append(f"{name}: {exc}")
        dialog.close()
    assert not too_big, "\n".join(too_big)


def test_the_issue_dialog_fits(qtbot, demo_db):
    import datetime as dt

    from ui.certificates.page import CertificatesPage

    demo_db.execute("DELETE FROM certificates")
    page = CertificatesPage(demo_db)
    qtbot.addWidget(page)
    page.show()
    page.reload(select=1)
    dialog = page.issue(dt.date(2018, 9, 16))
    assert_fits(dialog, "1280x720")
