"""Berkas > Kirim data ke kantor lain... and Terima data dari kantor lain...: what is sent
and to whom, and what a received file will change before it changes anything."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import exchange, programs, store
from kemitraan_desktop.exchange import package

from ..errors import show_error
from ..ops import Job
from ..widgets.save_dialog import ask_save_path, file_name

KINDS = {"programs": "program", "people": "guru", "participants": "peserta",
         "activities": "kegiatan", "items": "acara rundown", "taking_part": "keikutsertaan",
         "marks": "tanda kehadiran", "certificates": "sertifikat"}


def counts_text(counts: dict) -> str:
    """'208 peserta baru, 1 kegiatan berubah, ...' in the order a reader expects."""
    parts = []
    for table, label in KINDS.items():
        per = counts.get(table, {})
        done = [f"{per[k]} {k}" for k in ("baru", "berubah", "dihapus") if per.get(k)]
        if done:
            parts.append(f"{label}: {', '.join(done)}")
    return "; ".join(parts) or "tidak ada perubahan"


def _send(db, out, to, program_ids, full, progress=None, cancelled=None):
    return exchange.export(db, out, to=to, program_ids=program_ids, full=full)


def _preview(db, path, progress=None, cancelled=None):
    sender = exchange.describe(path)
    known = next((p for p in exchange.partners(db) if p["office"] == sender["office"]), None)
    trusted = bool(known and known["trusted_at"])
    return sender, trusted, exchange.receive(db, path, dry_run=True) if trusted else None


def _trust_and_preview(db, path, progress=None, cancelled=None):
    exchange.trust(db, path)
    return _preview(db, path)


def _receive(db, path, progress=None, cancelled=None):
    return exchange.receive(db, path)


class SendDialog(QDialog):
    """To whom (a partner office, or a file for every partner), which programs, all or only
    what changed; then where to save it."""

    sent = Signal(object)  # exchange.Sent

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Kirim data ke kantor lain"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Berkas .kemitraan berisi data program bersama (peserta, pasangan, kegiatan, "
            "kehadiran, sertifikat) yang berubah sejak berkas terakhir, ditandatangani kunci "
            "dinas ini. Kirim lewat flash disk, surel atau WhatsApp."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.to = QComboBox(self)
        self.to.addItem(self.tr("Semua kantor mitra (satu berkas)"), None)
        for partner in exchange.partners(db):
            self.to.addItem(partner["name"], partner["office"])
        self.program = QComboBox(self)
        self.program.addItem(self.tr("Semua program"), None)
        for entry in programs.list_programs(db):
            self.program.addItem(entry["program"].title, entry["program"].id)
        self.full = QCheckBox(self.tr("Kirim semua data, bukan hanya perubahan"), self)
        self.full.setToolTip(self.tr("Bila kantor tujuan kehilangan berkas sebelumnya"))
        form.addRow(self.tr("Kepada"), self.to)
        form.addRow(self.tr("Program"), self.program)
        form.addRow("", self.full)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Simpan berkas..."))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(lambda: self.send())
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def send(self, path: str | None = None) -> Job | None:
        if path is None:
            name = file_name("kemitraan", self.to.currentText() if self.to.currentData() else "mitra",
                             dt.date.today().isoformat()) + ".kemitraan"
            chosen = ask_save_path(self, self.tr("Simpan berkas pertukaran"), name,
                                   self.tr("Berkas pertukaran Kemitraan (*.kemitraan)"),
                                   ".kemitraan", store.db_file(self.db))
            if chosen is None:
                return None
            path = str(chosen)
        program = self.program.currentData()
        job = Job(self, store.db_file(self.db), _send, path, self.to.currentData(),
                  [program] if program else None, self.full.isChecked(),
                  label=self.tr("Menyusun berkas pertukaran..."))
        job.failed.connect(lambda exc: show_error(self, exc))
        job.succeeded.connect(self._sent)
        return job.start()

    def _sent(self, sent) -> None:
        self.result = sent
        self.sent.emit(sent)
        self.accept()


class ReceiveDialog(QDialog):
    """The sender, its key's fingerprint (to compare by phone when it is new), and what the
    file will change here; nothing is written before Terapkan."""

    received = Signal(object)  # exchange.Received

    def __init__(self, db, path: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.path = db, path
        self.setWindowTitle(self.tr("Terima data dari kantor lain"))
        self.resize(680, 460)
        layout = QVBoxLayout(self)
        self.heading = QLabel(self.tr("Memeriksa %s...") % html.escape(Path(path).name), self)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.trust = QCheckBox(self.tr("Sidik kunci sudah saya bandingkan dengan kantor pengirim "
                                       "lewat telepon; percayai kantor ini"), self)
        self.trust.hide()
        self.trust.toggled.connect(self._trust_toggled)
        layout.addWidget(self.trust)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        layout.addWidget(self.details, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setText(self.tr("Terapkan"))
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(lambda: self.apply())
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.job = self._run(_preview, self.tr("Memeriksa berkas..."), self._previewed)

    def _run(self, fn, label: str, done) -> Job:
        job = Job(self, store.db_file(self.db), fn, self.path, label=label)
        job.failed.connect(self._refused)
        job.succeeded.connect(done)
        return job.start()

    def _refused(self, exc) -> None:
        self.heading.setText("<b>" + self.tr("Berkas ditolak; tidak ada yang diubah.") + "</b>")
        self.details.setPlainText(getattr(exc, "message", str(exc)))
        self.apply_button.setEnabled(False)

    def _previewed(self, answer) -> None:
        sender, trusted, preview = answer
        self.sender_info = sender
        text = self.tr("<b>Dari %s</b> (wilayah %s), berkas no. %s, dibuat %s.<br>Sidik kunci: "
                       "<b>%s</b>") % (html.escape(sender["office_name"]),
                                       html.escape(sender.get("office_region") or "-"),
                                       sender["seq"], sender["created"].replace("T", " "),
                                       sender["spoken"])
        if not trusted:
            text += "<br>" + self.tr("Kantor ini belum dipercaya. Telepon kantor pengirim dan "
                                     "bandingkan sidik kuncinya sebelum mempercayainya.")
            self.trust.show()
            self.heading.setText(text)
            self.details.setPlainText(self.tr("Isi berkas: ") + counts_text(sender.get("counts", {})))
            return
        self.trust.hide()
        self.heading.setText(text)
        self.preview = preview
        self.details.setPlainText(self._describe(preview))
        self.apply_button.setEnabled(not preview.already)

    def _describe(self, preview) -> str:
        lines = [preview.summary(), "", self.tr("Yang berubah di sini: ") + counts_text(preview.counts)]
        if preview.proposals:
            lines += ["", self.tr("Usulan atas data kantor ini (menunggu keputusan Anda di "
                                  "Pengaturan > Kantor mitra):")]
            lines += [f"  {p['field']}: di sini '{p['ours']}', usulan '{p['theirs']}'"
                      for p in preview.proposals[:30]]
        if preview.conflicts:
            lines += ["", self.tr("Perbedaan yang dicatat:")]
            lines += [f"  {c.get('table')}: {c.get('what')}" for c in preview.conflicts[:30]]
        return "\n".join(lines)

    def _trust_toggled(self, on: bool) -> None:
        if on:
            self.trust.setEnabled(False)
            self.job = self._run(_trust_and_preview, self.tr("Memeriksa berkas..."), self._previewed)

    def apply(self) -> Job:
        self.apply_button.setEnabled(False)
        self.job = self._run(_receive, self.tr("Menerapkan berkas..."), self._applied)
        return self.job

    def _applied(self, result) -> None:
        self.result = result
        self.received.emit(result)
        self.accept()


def ask_exchange_file(parent: QWidget) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, QDialog.tr(parent, "Terima data dari kantor lain"),
                                          "", QDialog.tr(parent, "Berkas pertukaran Kemitraan "
                                                                 "(*.kemitraan);;Semua berkas (*)"))
    return path or None


def say_sent(parent: QWidget, sent, own_fingerprint: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, QDialog.tr(parent, "Berkas dikirim"), QDialog.tr(
        parent, "Berkas no. %s ditulis (%s KB, %s):<br><b>%s</b><br><br>%s<br><br>Sidik kunci dinas "
        "ini (untuk dibandingkan kantor penerima lewat telepon): <b>%s</b>") % (
            sent.seq, max(1, round(sent.size / 1024)), "semua data" if sent.full else "perubahan saja",
            html.escape(str(sent.path)), counts_text(sent.counts),
            package.spoken(own_fingerprint)),
        QMessageBox.StandardButton.Ok, parent)
    box.open()
    return box

