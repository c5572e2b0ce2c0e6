"""The office profile page, the letterhead preview, the welcome dialog, one copy per database."""

import logging
import sys
from pathlib import Path

import pytest

from kemitraan_desktop import backups, db_files, office, people, placement, store
from kemitraan_desktop.logs import log
from ui import app as app_module
from ui.settings.page import SettingsPage
from ui.settings.welcome import WelcomeDialog


def test_profile_is_saved_and_bad_fields_are_marked(qtbot, db):
    page = SettingsPage(db)
    qtbot.addWidget(page)
    page.form.edits["government"].setText("PEMERINTAH KABUPATEN PATI")
    page.form.edits["name"].setText("DINAS PENDIDIKAN DAN KEBUDAYAAN")
    page.form.edits["head_nip"].setText("12345")
    assert not page.save()
    assert page.form.errors["head_nip"].isVisibleTo(page) and "18 digit" in page.form.errors["head_nip"].text()
    assert office.load_profile(db).government == ""
    page.form.edits["head_nip"].setText("19680512 199003 1 004")
    page.form.edits["head_name"].setText("Dr. H. Ahmad Fauzi, M.Pd.")
    assert page.save()
    saved = office.load_profile(db)
    assert saved.government == "PEMERINTAH KABUPATEN PATI" and saved.head.nip == "196805121990031004"


def test_letterhead_preview_opens_the_rendered_page(qtbot, demo_db):
    import io

    from pypdf import PdfReader

    page = SettingsPage(demo_db)
    qtbot.addWidget(page)
    page.form.edits["government"].setText("PEMERINTAH KOTA PEKALONGAN (BELUM DISIMPAN)")
    path = page.show_preview()
    preview = page.preview
    assert preview.isVisible() and preview.path == path and preview.page_count() == 1
    assert preview.size_label.text().strip() == "F4 (215 x 330 mm)"  # the demo office uses F4
    text = PdfReader(io.BytesIO(preview.data)).pages[0].extract_text()
    assert "PEMERINTAH KOTA PEKALONGAN (BELUM DISIMPAN)" in text
    assert "Drs. Haryono Wicaksono, M.Pd." in text
    page.form.edits["government"].setText("")
    assert page.show_preview() is None and page.form.errors["government"].text()


@pytest.mark.parametrize("choice", ["open", "demo"])
def test_welcome_choices(qtbot, choice):
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    (dialog.open_button if choice == "open" else dialog.demo_button).click()
    assert dialog.choice == choice and dialog.result() == WelcomeDialog.DialogCode.Accepted


def test_welcome_new_database_asks_for_the_profile(qtbot):
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.new_button.click()
    assert dialog.stack.currentIndex() == 1
    dialog.create_button.click()  # nothing filled in: refused, with the reason shown
    assert dialog.choice is None and dialog.form.errors["government"].text()
    dialog.form.edits["government"].setText("PEMERINTAH KOTA PEKALONGAN")
    dialog.form.edits["name"].setText("DINAS PENDIDIKAN")
    dialog.create_button.click()
    assert dialog.choice == "new" and dialog.profile.name == "DINAS PENDIDIKAN"


def _first_run_with(monkeypatch, choice, profile=None, open_path=""):
    def fake_exec(self):
        self.choice, self.profile = choice, profile
        return WelcomeDialog.DialogCode.Accepted
    monkeypatch.setattr(WelcomeDialog, "exec", fake_exec)
    monkeypatch.setattr(app_module.QFileDialog, "getOpenFileName", lambda *a, **k: (open_path, ""))


def test_first_run_new_database_stores_the_profile(qtbot, monkeypatch, tmp_path):
    profile = office.OfficeProfile(government="PEMERINTAH KOTA PEKALONGAN", name="DINAS PENDIDIKAN")
    _first_run_with(monkeypatch, "new", profile)
    session = app_module.Session()
    assert app_module.first_run(session, tmp_path / "baru.db")
    qtbot.addWidget(session.window)
    assert office.load_profile(session.db).government == "PEMERINTAH KOTA PEKALONGAN"
    assert store.db_file(session.db) == tmp_path / "baru.db"
    session.close()


def test_first_run_demo_uses_its_own_file(qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(app_module, "demo_db_path", lambda: tmp_path / "demo.db")
    _first_run_with(monkeypatch, "demo")
    session = app_module.Session()
    assert app_module.first_run(session, tmp_path / "kantor.db")
    qtbot.addWidget(session.window)
    assert people.count_people(session.db) == 184 and not (tmp_path / "kantor.db").exists()
    session.close()


def test_first_run_open_existing_and_foreign_files(qtbot, monkeypatch, tmp_path, db_path):
    warnings = []
    monkeypatch.setattr(app_module, "warn", lambda parent, text: warnings.append(text))
    _first_run_with(monkeypatch, "open", open_path=str(db_path))
    session = app_module.Session()
    assert app_module.first_run(session, tmp_path / "kantor.db")
    qtbot.addWidget(session.window)
    foreign = tmp_path / "lain.db"
    foreign.write_text("bukan basis data")
    assert not session.open(foreign, create=False)  # refused, the current window stays
    assert "bukan basis data Kemitraan" in warnings[-1]
    assert store.db_file(session.db) == db_path
    session.close()


def test_only_one_copy_may_hold_a_database(qtbot, monkeypatch, db_path):
    warnings = []
    monkeypatch.setattr(app_module, "warn", lambda parent, text: warnings.append(text))
    first = app_module.Session()
    assert first.open(db_path, create=False)
    qtbot.addWidget(first.window)
    second = app_module.Session()
    assert not second.open(db_path, create=False)
    assert "sedang dibuka oleh aplikasi Kemitraan lain" in warnings[-1]
    first.close()
    assert second.open(db_path, create=False)
    qtbot.addWidget(second.window)
    second.close()


def test_excepthook_logs_the_traceback(qtbot, monkeypatch, tmp_path):
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    log.addHandler(handler)
    shown = []
    monkeypatch.setattr("ui.errors.show_error", lambda parent, exc, title="": shown.append(exc))
    app_module.install_excepthook()
    try:
        raise RuntimeError("contoh")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    finally:
        log.removeHandler(handler)
        sys.excepthook = sys.__excepthook__
    assert any("RuntimeError: contoh" in r.getMessage() for r in records)
    assert isinstance(shown[0], RuntimeError)


def test_error_dialog_has_copy_details(qtbot):
    from PySide6.QtWidgets import QApplication

    from kemitraan_desktop.errors import StorageError
    from ui.errors import show_error

    box = show_error(None, StorageError("Disk penuh; tidak ada yang berubah.", ["detail teknis"]))
    qtbot.addWidget(box)
    assert box.text() == "Disk penuh; tidak ada yang berubah."
    copy = next(b for b in box.buttons() if b.text() == "Salin detail")
    copy.click()
    assert QApplication.clipboard().text() == "Disk penuh; tidak ada yang berubah.\n\ndetail teknis"


def test_unexpected_errors_are_logged_and_worded_for_the_user(qtbot):
    from ui.errors import error_text

    message, details = error_text(ZeroDivisionError("division by zero"))
    assert message.startswith("Terjadi kesalahan tak terduga") and "ZeroDivisionError" in details


def test_a_fresh_pc_without_a_data_folder(qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(app_module, "demo_db_path", lambda: tmp_path / "belum" / "ada" / "demo.db")
    _first_run_with(monkeypatch, "demo")
    session = app_module.Session()
    assert app_module.first_run(session, tmp_path / "kantor.db")
    qtbot.addWidget(session.window)
    assert people.count_people(session.db) == 184
    session.close()


def test_a_folder_that_cannot_hold_the_lock_is_explained(qtbot, monkeypatch, tmp_path):
    warnings = []
    monkeypatch.setattr(app_module, "warn", lambda parent, text: warnings.append(text))
    session = app_module.Session()
    assert not session.open(tmp_path / "tidak" / "ada.db", create=False)
    assert "folder itu tidak ada" in warnings[-1]


def test_an_error_box_without_a_parent_stays_until_closed(qtbot):
    import gc

    from PySide6.QtWidgets import QApplication, QMessageBox

    from kemitraan_desktop.errors import ValidationError
    from ui.errors import show_error

    show_error(None, ValidationError("Pasangan tidak disimpan: contoh."))  # reference dropped
    gc.collect()
    qtbot.wait(10)
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.text() == "Pasangan tidak disimpan: contoh."]
    assert boxes and boxes[0].isVisible()
    boxes[0].close()


def test_the_days_backup_and_a_restore_from_the_menu(qtbot, demo_copy, tmp_path):
    path = store.db_file(demo_copy)
    saved = store.backup(demo_copy, tmp_path / "flashdisk.db")
    demo_copy.close()
    session = app_module.Session()
    assert session.open(path, create=False)
    qtbot.addWidget(session.window)
    qtbot.waitUntil(lambda: bool(list((path.parent / "cadangan").glob("kemitraan-harian-*.db"))),
                    timeout=10000)
    qtbot.waitUntil(lambda: "Cadangan harian dibuat" in session.window.statusBar().currentMessage(),
                    timeout=10000)
    people.delete_people(session.db, [1, 2])
    old_window = session.window
    with qtbot.waitSignal(session.window.reloadRequested, timeout=10000):
        assert session.window.restore(str(saved), confirm=False)  # in the background
    assert session.window is not old_window  # rebuilt on the restored data
    qtbot.addWidget(session.window)
    assert people.count_people(session.db) == 184
    assert "Dipulihkan dari flashdisk.db" in session.window.statusBar().currentMessage()
    assert list((path.parent / "cadangan").glob("kemitraan-pra-pulih-*.db"))
    session.close()


def test_restoring_a_file_that_is_no_backup_says_so(qtbot, demo_copy, tmp_path, monkeypatch):
    from ui import data_files, main_window

    shown = []
    monkeypatch.setattr(data_files, "show_error", lambda _parent, exc: shown.append(str(exc)))
    window = main_window.MainWindow(demo_copy)
    qtbot.addWidget(window)
    text = tmp_path / "catatan.db"
    text.write_text("bukan cadangan")
    assert window.restore(str(text), confirm=False) is None
    assert "bukan cadangan Kemitraan" in shown[0]
    assert people.count_people(demo_copy) == 184


def test_a_database_on_a_network_share_is_offered_a_copy_before_anything_is_written(
        qtbot, demo_copy, tmp_path, monkeypatch):
    path = store.db_file(demo_copy)
    demo_copy.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    demo_copy.execute("PRAGMA journal_mode = DELETE")  # as a file on a share last used elsewhere
    demo_copy.close()
    before = path.read_bytes()
    local = tmp_path / "lokal" / "kemitraan.db"
    monkeypatch.setattr(placement, "storage_kind", lambda p, windows=None: "local" if Path(p) == local
                        else "network")
    monkeypatch.setattr(db_files, "default_db_path", lambda: local)
    asked = []
    monkeypatch.setattr(app_module, "ask_move", lambda _parent, text: asked.append(text) or True)
    session = app_module.Session()
    assert session.open(path, create=False)
    qtbot.addWidget(session.window)
    assert "folder jaringan" in asked[0]
    assert store.db_file(session.db) == local and people.count_people(session.db) == 184
    assert "disalin ke" in session.window.statusBar().currentMessage()
    assert path.read_bytes() == before  # the file on the share: not a byte changed
    assert not path.with_name(path.name + "-wal").exists()
    session.close()


def test_keeping_it_on_the_share_opens_it_there(qtbot, demo_copy, monkeypatch):
    path = store.db_file(demo_copy)
    demo_copy.close()
    monkeypatch.setattr(placement, "storage_kind", lambda p, windows=None: "removable")
    monkeypatch.setattr(app_module, "ask_move", lambda _parent, _text: False)
    session = app_module.Session()
    assert session.open(path, create=False)
    qtbot.addWidget(session.window)
    assert store.db_file(session.db) == path
    session.close()


def test_a_restore_while_the_days_backup_still_runs_waits_for_nothing_and_breaks_nothing(
        qtbot, demo_copy, tmp_path, monkeypatch):
    import time

    path = store.db_file(demo_copy)
    saved = store.backup(demo_copy, tmp_path / "flashdisk.db")
    demo_copy.close()
    real = backups.daily_backup

    def slow(db, today=None):
        time.sleep(1.0)  # a large file on a slow disk
        return real(db, today)
    monkeypatch.setattr(backups, "daily_backup", slow)
    session = app_module.Session()
    assert session.open(path, create=False)
    qtbot.addWidget(session.window)
    assert session.backup_job.is_running() and session.backup_job.quiet
    with qtbot.waitSignal(session.window.reloadRequested, timeout=10000):
        assert session.window.restore(str(saved), confirm=False)  # the window is replaced now
    qtbot.addWidget(session.window)
    qtbot.waitUntil(lambda: session.backup_job is None, timeout=10000)  # the registry's Job
    assert list((path.parent / "cadangan").glob("kemitraan-harian-*.db"))
    session.close()


def _corrupt(path: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'people'").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * size] ^= 0x07
    path.write_bytes(bytes(data))


def test_a_damaged_database_offers_its_last_good_backup(qtbot, demo_copy, monkeypatch):
    path = store.db_file(demo_copy)
    good = store.backup(demo_copy, reason="harian")
    demo_copy.close()
    _corrupt(path)
    asked = []
    monkeypatch.setattr(app_module, "ask_restore", lambda _parent, text: asked.append(text) or True)
    session = app_module.Session()
    assert session.open(path, create=False)
    qtbot.addWidget(session.window)
    assert "rusak" in asked[0] and good.name in asked[0]
    assert people.count_people(session.db) == 184 and not store.check(session.db)
    assert "Dipulihkan dari" in session.window.statusBar().currentMessage()
    assert list((path.parent / "cadangan").glob("kemitraan-rusak-*.db"))  # the damaged one kept
    session.close()


def test_a_damaged_database_without_a_backup_is_said_and_left_alone(qtbot, demo_copy,
                                                                     monkeypatch):
    path = store.db_file(demo_copy)
    demo_copy.close()
    _corrupt(path)
    before = path.read_bytes()
    said = []
    monkeypatch.setattr(app_module, "warn", lambda _parent, text: said.append(text))
    session = app_module.Session()
    assert not session.open(path, create=False)
    assert "rusak" in said[0] and "Tidak ada cadangan yang baik" in said[0]
    assert path.read_bytes() == before


def test_the_restore_dialog_names_another_office(qtbot, demo_copy, template_db, tmp_path,
                                                 monkeypatch):
    import shutil

    from PySide6.QtWidgets import QMessageBox

    from ui.main_window import MainWindow

    other = tmp_path / "lain.db"
    shutil.copy(template_db, other)
    db = store.open_db(other)
    office.save_profile(db, office.OfficeProfile(government="PEMERINTAH KABUPATEN GORONTALO",
                                                 name="DINAS PENDIDIKAN"))
    saved = store.backup(db, tmp_path / "kiriman.db")
    db.close()
    shown = []

    def answer(box):
        shown.append(box.text())
        return QMessageBox.StandardButton.Cancel
    monkeypatch.setattr(QMessageBox, "exec", answer)
    window = MainWindow(demo_copy)
    qtbot.addWidget(window)
    assert window.restore(str(saved)) is None
    assert "PEMERINTAH KABUPATEN GORONTALO" in shown[0] and "milik kantor lain" in shown[0]
    assert people.count_people(demo_copy) == 184


def test_closing_the_window_waits_for_the_days_backup_through_the_registry(qtbot, demo_copy,
                                                                           monkeypatch):
    import time

    from ui.ops import registry

    path = store.db_file(demo_copy)
    demo_copy.close()
    real = backups.daily_backup

    def slow(db, today=None):
        time.sleep(0.5)
        return real(db, today)
    monkeypatch.setattr(backups, "daily_backup", slow)
    session = app_module.Session()
    assert session.open(path, create=False)
    qtbot.addWidget(session.window)
    assert session.backup_job in registry().running()
    assert session.window.close()
    assert not registry().running()
    assert len(list((path.parent / "cadangan").glob("kemitraan-harian-*.db"))) == 1
    session.close()


def test_only_ops_starts_threads_in_the_ui():
    from helpers import ROOT

    starting = [str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py")
                if any(word in p.read_text() for word in ("QThread", "threading"))]
    assert starting == ["ui/ops.py"]
