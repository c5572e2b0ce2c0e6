"""Riwayat in the app: the person form's change history and the program page's tab."""

from kemitraan_desktop import certificates


def test_the_person_form_shows_every_change_to_the_person(qtbot, demo_db):
    from ui.roster.person_form import PersonForm

    person_id = demo_db.execute("SELECT person_id FROM participants WHERE id = 1").fetchone()[0]
    number = next(r["number"] for r in certificates.register(demo_db) if r["participant_id"] == 1)
    certificates.void(demo_db, number, "salah gelar")
    form = PersonForm(demo_db, person_id)
    qtbot.addWidget(form)
    dialog = form.show_history()
    view = dialog.view
    texts = [view.table.item(r, 3).text() for r in range(view.table.rowCount())]
    assert texts[0] == f"Sertifikat {number} dibatalkan: salah gelar"
    assert any(t.startswith("Ditambahkan ke daftar guru") for t in texts)
    assert any(t.startswith("Kehadiran: hadir") for t in texts)
    view.filter.setText("sertifikat")
    assert view.table.rowCount() == 2  # issued, then voided
