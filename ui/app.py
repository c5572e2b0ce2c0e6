"""Starts the desktop application: arguments, logging, first run, opening the database."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLocale,
    QLockFile,
    QObject,
    QTimer,
)
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from kemitraan_desktop import (
    APP_NAME,
    __version__,
    backups,
    db_files,
    demo,
    demo_partner,
    office,
    placement,
    soundness,
    store,
)
from kemitraan_desktop.errors import KemitraanError, StorageError, os_reason
from kemitraan_desktop.logs import log, setup_logging

from . import qt_words
from .errors import install_excepthook
from .ops import Job, collect_on_gui_thread, registry


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kemitraan-desktop", description="Kemitraan Desktop")
    parser.add_argument("--db", metavar="FILE", help="berkas basis data")
    parser.add_argument("--demo", action="store_true", help="isi basis data dengan data demo")
    parser.add_argument("--selftest", action="store_true",
                        help="uji diri di folder sementara; cetak hasilnya sebagai JSON")
    parser.add_argument("--selftest-out", metavar="FILE", help="tulis hasil uji diri ke berkas ini")
    return parser.parse_args(argv)


def window_check(db) -> str:
    """The self-test's window: the main window with every page built, and QtPdf rendering
    a page (the preview's library), offscreen."""
    import tempfile

    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    from kemitraan_desktop.documents.frame import letterhead_preview

    from .main_window import AREAS, MainWindow
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if qt_words.install(app) is None:  # the bundle must carry Qt's Indonesian words
        raise AssertionError(f"translation missing: {qt_words.qm_path()}")
    window = MainWindow(db)
    window.resize(1366, 740)
    window.show()
    for row in range(len(AREAS)):
        window.sidebar.setCurrentRow(row)
        app.processEvents()
    pages = window.stack.count() if hasattr(window, "stack") else len(AREAS)
    with tempfile.TemporaryDirectory(prefix="kemitraan-selftest-") as tmp:
        pdf = letterhead_preview(office.load_profile(db), Path(tmp) / "kop.pdf")
        document = QPdfDocument()
        document.load(str(pdf))
        image = document.render(0, QSize(400, 566))
        document.close()
    window.close()
    app.processEvents()
    if image.isNull():
        raise AssertionError("QtPdf could not render a page")
    return f"{pages} pages, QtPdf rendered {image.width()}x{image.height()}"


def selftest(out: str | None) -> int:
    from kemitraan_desktop import selftest as core
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window on the screen
    QApplication.instance() or QApplication(sys.argv[:1])
    return core.report(core.run(window_check), out)


def ask_move(parent, warning: str) -> bool:
    """The storage warning with its two answers; True to copy the database here."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Kemitraan Desktop", warning,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.button(QMessageBox.StandardButton.Yes).setText(
        QCoreApplication.translate("app", "Salin ke komputer ini dan buka salinannya"))
    box.button(QMessageBox.StandardButton.No).setText(
        QCoreApplication.translate("app", "Tetap pakai di sana"))
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box.exec() == QMessageBox.StandardButton.Yes


def ask_restore(parent, text: str) -> bool:
    """A damaged database with a good backup: True to restore the backup now."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Kemitraan Desktop", text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.button(QMessageBox.StandardButton.Yes).setText(
        QCoreApplication.translate("app", "Pulihkan dari cadangan baik terakhir"))
    box.button(QMessageBox.StandardButton.No).setText(QCoreApplication.translate("app", "Tutup"))
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box.exec() == QMessageBox.StandardButton.Yes


def warn(parent, text: str) -> None:
    """A blocking message at startup or when switching databases (no window to return to
    otherwise), with an Indonesian button."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Kemitraan Desktop", text,
                      QMessageBox.StandardButton.Close, parent)
    box.button(QMessageBox.StandardButton.Close).setText(
        QCoreApplication.translate("app", "Tutup"))
    box.exec()


def demo_db_path() -> Path:
    return db_files.default_db_path().with_name("kemitraan-demo.db")


class Session:
    """One open database, its lock (one copy of the app per database) and its window."""

    def __init__(self):
        self.db = None
        self.lock: QLockFile | None = None
        self.window = None

    def open(self, path: Path, *, create: bool, with_demo: bool = False,
             profile: office.OfficeProfile | None = None) -> bool:
        """Open `path` (creating it when asked) and show its window. Returns False, after
        telling the user why, when it cannot be opened; the current window stays."""
        if self.db is not None and store.db_file(self.db) == path.resolve():
            return True  # already open here; our own lock must not say "another copy"
        if path.exists() and self.offer_local_copy(path):
            return True
        if create:
            try:  # a fresh PC has no data folder yet, and the lock file lives beside the db
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                warn(self.window, QCoreApplication.translate(
                    "app", "Folder '%s' tidak dapat dibuat: %s") % (path.parent, os_reason(exc)))
                return False
        lock = QLockFile(str(path) + ".lock")
        lock.setStaleLockTime(0)
        if not lock.tryLock(200):
            if lock.error() == QLockFile.LockError.LockFailedError:
                text = QCoreApplication.translate(
                    "app", "Basis data '%s' sedang dibuka oleh aplikasi Kemitraan lain di "
                    "komputer ini. Tutup aplikasi itu dulu, atau buka berkas lain.") % path
            else:
                text = QCoreApplication.translate(
                    "app", "Basis data '%s' tidak dapat dibuka: folder itu tidak ada atau tidak "
                    "boleh ditulisi.") % path
            warn(self.window, text)
            return False
        try:
            if not create and not path.exists():
                raise StorageError(f"Basis data '{path}' tidak ada.")
            try:
                # Checked at once up to 256 MB (about 0.6 s at 100,000 people); a larger
                # file is checked by the day's backup, in its thread.
                small = not path.exists() or path.stat().st_size <= 256 * 1024 * 1024
                db = store.open_db(path, verify=small)
            except soundness.DamagedDatabase as exc:
                db = self.restore_damaged(path, exc)
                if db is None:
                    lock.unlock()
                    return False
            if with_demo:
                demo.load_demo(db, follow_up=True)
                demo_partner.load_partner(db)  # the partner office's side of the round
            if profile is not None:
                office.save_profile(db, profile)
        except KemitraanError as exc:
            lock.unlock()
            warn(self.window, exc.message)
            return False
        self._show(db, lock)
        return True

    def restore_damaged(self, path: Path, damaged: KemitraanError):
        """The database fails its check: say so, and offer its last good backup. The
        restored database (its damaged files kept in the backup folder), or None."""
        good = soundness.last_sound_backup(path)
        if good is None:
            warn(self.window, damaged.message)
            return None
        text = QCoreApplication.translate(
            "app", "Basis data '%s' rusak: pemeriksaan keutuhan menemukan masalah pada susunan "
            "berkasnya. Tidak ada yang ditulis ke berkas ini.\n\nCadangan baik terakhir: %s, "
            "disimpan %s.\n\nPulihkan dari cadangan itu sekarang? Berkas yang rusak disimpan di "
            "folder cadangan, tidak dihapus.") % (path.name, good[0].name,
                                                 good[1].strftime("%d-%m-%Y pukul %H.%M"))
        if not ask_restore(self.window, text):
            return None
        db = store.open_db(path, verify=False)
        try:
            _summary, kept = backups.restore(db, good[0])
        except BaseException:
            db.close()
            raise
        self.restored_note = QCoreApplication.translate(
            "app", "Dipulihkan dari %s; berkas yang rusak disimpan sebagai %s") % (
                good[0].name, kept.name if kept else "-")
        return db

    def offer_local_copy(self, path: Path) -> bool:
        """A database on a network share or a flash disk: before anything is written to it,
        say why that is unsafe and offer to copy it into this PC's data folder (a checked
        copy; the file there is left as it was) and open the copy. True when the copy was
        opened instead."""
        warning = placement.storage_warning(path)
        if not warning or not ask_move(self.window, warning):
            return False
        try:
            local = placement.copy_to_local(path)
        except KemitraanError as exc:
            warn(self.window, exc.message)
            return False
        if not self.open(local, create=False):
            return False
        self.window.statusBar().showMessage(QCoreApplication.translate(
            "app", "Basis data disalin ke %s dan dibuka dari sana; berkas lama tidak diubah.")
            % local, 15000)
        return True

    def _show(self, db, lock: QLockFile) -> None:
        from .main_window import MainWindow

        old_window, old_db, old_lock = self.window, self.db, self.lock
        self.db, self.lock = db, lock
        self.window = MainWindow(db)
        self.window.databaseRequested.connect(
            lambda path, create: self.open(Path(path), create=create))
        self.window.reloadRequested.connect(self.reload)
        self.window.show()
        note = getattr(self, "restored_note", "")
        if note:
            self.window.statusBar().showMessage(note, 30000)
            self.restored_note = ""
        self.start_daily_backup()
        if old_window is not None:
            old_window.replaced = True  # does not wait for the day's backup (the app's)
            old_window.close()
            registry().when_idle(old_window.deleteLater)
        if old_db is not None:
            old_db.close()
        if old_lock is not None:
            old_lock.unlock()

    def reload(self, message: str = "") -> None:
        """A new window on the same database, whose content was replaced (a restore)."""
        from .main_window import MainWindow

        old = self.window
        self.window = MainWindow(self.db)
        self.window.databaseRequested.connect(
            lambda path, create: self.open(Path(path), create=create))
        self.window.reloadRequested.connect(self.reload)
        self.window.show()
        if message:
            self.window.statusBar().showMessage(message, 15000)
        if old is not None:
            old.replaced = True
            old.close()
            registry().when_idle(old.deleteLater)

    def start_daily_backup(self) -> None:
        """The day's first open backs the database up, as quiet work off the GUI thread (a
        large file takes seconds); the status bar says how it went."""
        path = store.db_file(self.db)
        if path is None:
            return
        previous = getattr(self, "backup_job", None)
        if previous is not None and previous.is_running():
            return  # one at a time; the next open of the day finds today's backup made
        # Owned by the application, not the window: a restore or a move replaces the window
        # while the backup may still be writing. Closing the last window waits for it.
        job = Job(QCoreApplication.instance(), path, daily_backup, quiet=True,
                  label=QCoreApplication.translate("app", "Cadangan harian"))
        job.succeeded.connect(self._backup_made)
        job.failed.connect(self._backup_failed)
        job.done.connect(lambda: self._backup_done(job))
        self.backup_job = job
        job.start()

    def _say(self, text: str) -> None:
        if self.window is not None:
            self.window.statusBar().showMessage(text, 10000)

    def _backup_made(self, made: Path | None) -> None:
        if made is not None:
            self._say(QCoreApplication.translate("app", "Cadangan harian dibuat dan diperiksa: %s")
                      % made.name)

    def _backup_failed(self, exc: BaseException) -> None:
        if isinstance(exc, KemitraanError):
            reason = exc.message
        else:  # a backup must never take the app down; the log keeps the details
            log.error("Cadangan harian gagal", exc_info=exc)
            reason = str(exc)
        self._say(QCoreApplication.translate("app", "Cadangan harian gagal: %s") % reason)

    def _backup_done(self, job) -> None:
        if getattr(self, "backup_job", None) is job:
            self.backup_job = None
        job.deleteLater()

    def close(self) -> None:
        registry().wait_all()  # never cut a backup off half-written
        if self.db is not None:
            self.db.close()
        if self.lock is not None:
            self.lock.unlock()


def daily_backup(db, progress=None, cancelled=None):
    """The Job of the day's backup (checked, kept among the last days and weeks)."""
    return backups.daily_backup(db)


def first_run(session: Session, default: Path) -> bool:
    """The welcome dialog's three paths; returns whether a database is open."""
    from .settings.welcome import WelcomeDialog

    dialog = WelcomeDialog()
    if dialog.exec() != WelcomeDialog.DialogCode.Accepted:
        return False
    if dialog.choice == "new":
        return session.open(default, create=True, profile=dialog.profile)
    if dialog.choice == "demo":
        return session.open(demo_db_path(), create=True, with_demo=True)
    path, _ = QFileDialog.getOpenFileName(None, "Buka basis data", str(Path.home()),
                                          "Basis data Kemitraan (*.db);;Semua berkas (*)")
    return bool(path) and session.open(Path(path), create=False)


class _FirstPaint(QObject):
    """For benchmarks/bundle.py: when the main window first paints, write the seconds
    since KEMITRAAN_STARTUP_T0 (the launcher's clock) to the probe file and quit."""

    def __init__(self, app, path: Path):
        super().__init__(app)
        self.app, self.path, self.done = app, path, False

    def eventFilter(self, _obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            started = float(os.environ.get("KEMITRAAN_STARTUP_T0", "0") or 0)
            self.path.write_text(json.dumps({"first_window": time.time() - started}))
            QTimer.singleShot(0, self.app.quit)
        return False


def _report_first_paint(app, window, path: Path) -> None:
    probe = _FirstPaint(app, path)
    window.installEventFilter(probe)
    window._startup_probe = probe


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.selftest:
        return selftest(args.selftest_out)
    setup_logging()
    install_excepthook()
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    qt_words.install(app)  # file dialogs, context menus, standard buttons in Indonesian
    collect_on_gui_thread(app)
    from PySide6.QtGui import QIcon

    from kemitraan_desktop.resources import resources_dir
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "kemitraan.png")))
    session = Session()
    explicit = args.db or None
    path = db_files.resolve_db_path(explicit)
    if args.demo and not explicit:
        path = demo_db_path()
    if explicit or args.demo or path.exists():
        opened = session.open(path, create=True, with_demo=args.demo)
        if not opened:  # the message has been shown; now the choice: new, open, demo
            opened = first_run(session, db_files.default_db_path())
    else:
        opened = first_run(session, path)
    if not opened:
        return 2
    probe = os.environ.get("KEMITRAAN_STARTUP_PROBE")
    if probe and session.window is not None:
        _report_first_paint(app, session.window, Path(probe))
    code = app.exec()
    session.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
