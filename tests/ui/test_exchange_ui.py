"""Berkas > Kirim / Terima data ke/dari kantor lain, and Pengaturan > Kantor mitra."""

from __future__ import annotations

from helpers import gorontalo_office

from kemitraan_desktop import exchange, people, programs, store
from kemitraan_desktop.exchange import package
from ui import app as app_module


def gorontalo(tmp_path, template_db):
    return gorontalo_office(tmp_path, template_db)


def test_send_then_receive_through_the_windows(qtbot, demo_db, tmp_path, template_db):
    from ui.exchange.dialogs import SendDialog

    sender = SendDialog(demo_db)
    qtbot.addWidget(sender)
    assert [sender.program.itemText(i) for i in range(sender.program.count())][0] == "Semua program"
    out = tmp_path / "kiriman.kemitraan"
    with qtbot.waitSignal(sender.sent, timeout=20000) as sent:
        sender.send(str(out))
    assert out.exists() and sent.args[0].seq == 1

    b = gorontalo(tmp_path, template_db)
    path = store.db_file(b)
    b.close()
    session = app_module.Session()
    assert session.open(path, create=False)
    qtbot.addWidget(session.window)
    window = session.window
    dialog = window.receive_data(str(out))
    qtbot.waitUntil(lambda: dialog.trust.isVisible(), timeout=20000)
    spoken = package.spoken(exchange.office_id(demo_db))
    assert spoken in dialog.heading.text() and "belum dipercaya" in dialog.heading.text()
    assert not dialog.apply_button.isEnabled()  # not before the key is compared
    dialog.trust.setChecked(True)
    qtbot.waitUntil(lambda: dialog.apply_button.isEnabled(), timeout=20000)
    assert "peserta: 208 baru" in dialog.details.toPlainText()
    assert people.count_people(session.db) == 0  # nothing before Terapkan
    old = session.window
    with qtbot.waitSignal(old.reloadRequested, timeout=30000):
        dialog.apply()
    qtbot.addWidget(session.window)
    assert people.count_people(session.db) == 184
    assert len(programs.list_programs(session.db)) == 2
    assert "diterima" in session.window.statusBar().currentMessage()

    settings = session.window.settings_page
    settings.tabs.setCurrentWidget(settings.partners)
    panel = settings.partners
    assert panel.partners.rowCount() == 1
    assert panel.partners.item(0, 0).text() == "Dinas Pendidikan Kota Pekalongan"
    assert panel.partners.item(0, 1).text() == spoken
    assert "no. 1" in panel.partners.item(0, 4).text()
    session.close()


def test_a_proposal_is_decided_in_kantor_mitra(qtbot, demo_db, tmp_path, template_db):
    from ui.exchange.partners import PartnersPanel

    b = gorontalo(tmp_path, template_db)
    exchange.export(demo_db, tmp_path / "1.kemitraan")
    exchange.trust(b, tmp_path / "1.kemitraan")
    exchange.receive(b, tmp_path / "1.kemitraan")
    row = programs.list_participants(b, 1)[5]
    b.execute("UPDATE people SET full_name = full_name || ', M.Pd.' WHERE id = ?", [row["person_id"]])
    b.conn.commit()
    exchange.export(b, tmp_path / "2.kemitraan")
    exchange.trust(demo_db, tmp_path / "2.kemitraan")
    exchange.receive(demo_db, tmp_path / "2.kemitraan")
    panel = PartnersPanel(demo_db)
    qtbot.addWidget(panel)
    panel.refresh()
    assert panel.proposals.rowCount() == 1
    assert panel.proposals.item(0, 3).text().endswith(", M.Pd.")
    panel.proposals.selectRow(0)
    panel.accept_button.click()
    assert panel.proposals.rowCount() == 0
    assert people.list_people(demo_db, row["nuptk"])[0]["name"].endswith(", M.Pd.")
    b.close()


def test_a_received_program_is_read_only_and_counted_per_kab_kota(qtbot, demo_db, tmp_path,
                                                                 template_db):
    from PySide6.QtGui import QUndoStack

    from ui.exchange.partners import PartnersPanel
    from ui.programs.page import ProgramsPage

    b = gorontalo(tmp_path, template_db)
    exchange.export(demo_db, tmp_path / "1.kemitraan")
    exchange.trust(b, tmp_path / "1.kemitraan")
    exchange.receive(b, tmp_path / "1.kemitraan")
    page = ProgramsPage(b, QUndoStack())
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(page.idle, timeout=5000)
    assert "Diterima dari Dinas Pendidikan Kota Pekalongan" in page.heading.text()
    assert not page.auto_button.isEnabled() and not page.import_button.isEnabled()
    assert not page.edit_button.isEnabled() and page.print_button.isEnabled()
    rows = programs.list_participants(b, page.program.id)
    before = [(r["id"], r["mentor_id"]) for r in rows]
    mitra = next(r for r in rows if r["tier"] == 2)
    page.move([mitra["id"]], None)  # as a drop or a menu would
    assert [(r["id"], r["mentor_id"]) for r in programs.list_participants(b, page.program.id)] == before

    panel = PartnersPanel(b)
    qtbot.addWidget(panel)
    panel.refresh()
    last = panel.figures.rowCount() - 1
    assert panel.figures.item(last, 0).text() == "Jumlah"
    assert panel.figures.item(last, 1).text() == str(people.count_people(b))  # each once
    b.close()
