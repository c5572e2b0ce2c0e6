"""The operator's day (issue 17): the small things that slowed a new operator down, each as
the operator meets it."""

from __future__ import annotations

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
