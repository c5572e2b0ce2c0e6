"""The Berkas menu's work on the data as a whole: a backup to a flash disk, a restore from
one, and the files exchanged with partner offices (kemitraan_desktop/exchange). Each runs
off the GUI thread (ops.Job); the main window's methods call these."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from kemitraan_desktop import backups, db_files, exchange, store
from kemitraan_desktop.errors import KemitraanError
from kemitraan_desktop.indonesia import format_thousands

from .errors import show_error
from .ops import Job


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def _backup(db, folder, progress=None, cancelled=None):
    return store.backup(db, folder)


def _restore(db, path, read_only_reason, progress=None, cancelled=None):
    db.read_only_reason = read_only_reason  # as the window's own connection was opened
    return backups.restore(db, path)


def backup(window, folder: str | None = None) -> Job | None:
    """Back up to a folder (a flash disk) in the background; a box says where it went,
    so the operator knows the flash disk may be taken out."""
    if folder is None:
        folder = QFileDialog.getExistingDirectory(
            window, _tr("Pilih folder cadangan (misalnya flash disk)"))
        if not folder:
            return None
    job = Job(window, window.db_path, _backup, folder, label=_tr("Membuat cadangan..."))
    job.failed.connect(lambda exc: show_error(window, exc))
    job.succeeded.connect(lambda dest: backed_up(window, dest))
    return job.start()


def backed_up(window, dest: Path) -> None:
    window.statusBar().showMessage(_tr("Cadangan dibuat dan diperiksa: %s") % dest, 10000)
    size = dest.stat().st_size / 1e6 if dest.exists() else 0
    window.backup_box = QMessageBox(QMessageBox.Icon.Information, _tr("Cadangan dibuat"), _tr(
        "Cadangan dibuat dan diperiksa: isinya dapat dibaca dan sama dengan data sekarang."
        "<br><br><b>%s</b><br>%s MB<br><br>Flash disk boleh dicabut setelah "
        "di-<i>eject</i> dari Windows.") % (html.escape(str(dest)),
                                              f"{size:.1f}".replace(".", ",")),
        QMessageBox.StandardButton.Ok, window)
    window.backup_box.open()


def restore(window, path: str | None = None, *, confirm: bool = True) -> Job | None:
    """Show what a backup holds, then (after a yes) back the current data up and
    replace it with the backup's, in the background with the window closed to input;
    the window is then rebuilt on the restored data."""
    if path is None:
        path, _ = QFileDialog.getOpenFileName(
            window, _tr("Pulihkan dari cadangan"), str(db_files.backups_dir(window.db_path)),
            _tr("Cadangan Kemitraan (*.db);;Semua berkas (*)"))
        if not path:
            return None
    try:
        summary = backups.inspect_backup(path)
    except KemitraanError as exc:
        show_error(window, exc)
        return None
    text = _tr(
        "<b>Isi cadangan</b> %s<br>disimpan %s<br>%s guru, %s program, %s kegiatan, %s "
        "sertifikat<br><br>Basis data yang sedang dibuka akan <b>diganti seluruhnya</b> dengan "
        "isi cadangan ini. Isinya sekarang dicadangkan dulu ke folder cadangan.") % (
            html.escape(summary.path.name), summary.saved.strftime("%d-%m-%Y %H.%M"),
            format_thousands(summary.people), summary.programs, summary.activities,
            format_thousands(summary.certificates))
    if summary.office:
        text += _tr("<br><br>Kantor dalam cadangan: %s") % html.escape(summary.office)
    other = backups.other_office(summary, window.db)
    if other:
        text += f"<br><br><b>{_tr('PERHATIAN:')}</b> {html.escape(other)}"
    if confirm:
        box = QMessageBox(QMessageBox.Icon.Warning, _tr("Pulihkan dari cadangan"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, window)
        box.button(QMessageBox.StandardButton.Yes).setText(_tr("Pulihkan"))
        box.button(QMessageBox.StandardButton.Cancel).setText(_tr("Batal"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return None
    window.setEnabled(False)  # nothing is typed into data about to be replaced
    job = Job(window, window.db_path, _restore, path, getattr(window.db, "read_only_reason", None),
              label=_tr("Memulihkan dari cadangan..."))
    job.succeeded.connect(lambda result: restored(window, summary, result[1]))
    job.failed.connect(lambda exc: show_error(window, exc))
    job.done.connect(lambda: window.setEnabled(True))
    return job.start()


def restored(window, summary, safety) -> None:
    window.restored_from = (summary, safety)
    window.reloadRequested.emit(_tr("Dipulihkan dari %s; isi sebelumnya dicadangkan ke %s")
                              % (summary.path.name, safety.name if safety else "-"))


# ---- other offices (kemitraan_desktop/exchange)


def send_data(window):
    from .exchange.dialogs import SendDialog, say_sent

    dialog = SendDialog(window.db, window)
    dialog.sent.connect(lambda sent: setattr(window, "sent_box", say_sent(
        window, sent, exchange.office_id(window.db))))
    dialog.open()
    return dialog


def receive_data(window, path: str | None = None):
    """A file from a partner office: its preview, then (Terapkan) the data, after which
    the window is rebuilt on it as after a restore."""
    from .exchange.dialogs import ReceiveDialog, ask_exchange_file

    path = path or ask_exchange_file(window)
    if not path:
        return None
    dialog = ReceiveDialog(window.db, path, window)
    dialog.received.connect(lambda result: window.reloadRequested.emit(result.summary()))
    dialog.open()
    window.receive_dialog = dialog
    return dialog
