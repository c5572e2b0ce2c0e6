"""Sertifikat: issue an activity's certificates to the eligible (after seeing their numbers),
the register with void and re-issue, printing into the preview, and offline verification."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import certificates as cert
from kemitraan_desktop import indonesia as ind
from kemitraan_desktop import store
from kemitraan_desktop.errors import KemitraanError

from ..errors import details_dialog, show_error
from ..jobs import Job
from .activity_list import fill_activities

HEADERS = ("Nomor", "Nama", "Peran", "JP", "Terbit", "Status")


def _print(db, activity_id, path, back, progress=None, cancelled=None):
    from kemitraan_desktop.documents.certificate import print_certificates
    return print_certificates(db, activity_id, path, back=back, progress=progress,
                              cancelled=cancelled)


class CertificatesPage(QWidget):
    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.activity_id: int | None = None
        self.jobs: list[Job] = []
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("<b>Kegiatan</b>"), left))
        self.list = QListWidget(left)
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(lambda item, _old: self.open_activity(
            item.data(Qt.ItemDataRole.UserRole) if item else None))
        left_layout.addWidget(self.list, 1)
        right = QWidget(splitter)
        layout = QVBoxLayout(right)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.issue_button = QPushButton(self.tr("Terbitkan..."), right)
        self.issue_button.setToolTip(self.tr("Beri nomor sertifikat kepada peserta yang memenuhi syarat"))
        self.issue_button.clicked.connect(lambda: self.issue())
        self.void_button = QPushButton(self.tr("Batalkan..."), right)
        self.void_button.clicked.connect(lambda: self.void_selected())
        self.reissue_button = QPushButton(self.tr("Terbitkan ulang"), right)
        self.reissue_button.clicked.connect(lambda: self.reissue_selected())
        self.print_button = QPushButton(self.tr("Cetak"), right)
        menu = QMenu(self.print_button)
        menu.addAction(self.tr("Sertifikat (PDF)..."), lambda: self.print_all())
        menu.addAction(self.tr("Sertifikat dengan Struktur Program..."), lambda: self.print_all(back=True))
        self.print_button.setMenu(menu)
        for button in (self.issue_button, self.void_button, self.reissue_button, self.print_button):
            bar.addWidget(button)
        bar.addStretch(1)
        self.count = QLabel(right)
        bar.addWidget(self.count)
        layout.addLayout(bar)
        self.table = QTableWidget(0, len(HEADERS), right)
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for column, width in enumerate((210, 260, 80, 45, 130)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        verify_row = QHBoxLayout()
        verify_row.addWidget(QLabel(self.tr("Verifikasi sertifikat:"), right))
        self.verify_text = QLineEdit(right)
        self.verify_text.setPlaceholderText(self.tr("tempel teks QR atau ketik nomor sertifikat"))
        self.verify_text.returnPressed.connect(self.verify)
        verify_row.addWidget(self.verify_text, 1)
        check = QPushButton(self.tr("Periksa"), right)
        check.clicked.connect(self.verify)
        verify_row.addWidget(check)
        layout.addLayout(verify_row)
        self.verify_result = QLabel(right)
        self.verify_result.setWordWrap(True)
        layout.addWidget(self.verify_result)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 1000])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.addWidget(splitter)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        current = select if select is not None else self.activity_id
        self.open_activity(fill_activities(self.list, self.db, current))

    def open_activity(self, activity_id: int | None) -> None:
        self.activity_id = activity_id
        for button in (self.issue_button, self.void_button, self.reissue_button, self.print_button):
            button.setEnabled(activity_id is not None)
        rows = cert.register(self.db, activity_id=activity_id) if activity_id else []
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            status = self.tr("Dibatalkan: %s") % row["void_reason"] if row["voided"] else self.tr("Berlaku")
            values = (row["number"], row["name"], row["tier_label"], f"{row['jp']:g}",
                      ind.format_date(dt.date.fromisoformat(row["issued_on"]), with_weekday=False),
                      status)
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        valid = sum(1 for row in rows if not row["voided"])
        self.count.setText(self.tr("%s berlaku, %s dibatalkan") % (valid, len(rows) - valid))

    def selected_number(self) -> str | None:
        row = self.table.currentRow()
        return self.rows[row]["number"] if 0 <= row < len(self.rows) else None

    def issue(self, issued: dt.date | None = None) -> QMessageBox | None:
        if self.activity_id is None:
            return None
        issued = issued or dt.date.today()
        plan = cert.plan_issue(self.db, self.activity_id, issued)
        if not plan.planned:
            lines = [f"{p['name']}: {why}" for p, why in plan.refused]
            self.box = details_dialog(self, self.tr("Terbitkan sertifikat"), self.tr(
                "Tidak ada sertifikat baru untuk diterbitkan (%s sudah punya).") % len(plan.already),
                lines)
            return None
        lines = [f"{p.number}  {p.participant['name']}" for p in plan.planned]
        lines += [self.tr("Tidak diberi: %s: %s") % (p["name"], why) for p, why in plan.refused]
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Terbitkan sertifikat"), self.tr(
            "Terbitkan %s sertifikat bertanggal %s, nomor %s s.d. %s? %s peserta tidak memenuhi "
            "syarat. Nomor yang sudah diberikan tidak dapat dipakai lagi.") % (
                len(plan.planned), ind.format_date(issued, with_weekday=False),
                plan.planned[0].number, plan.planned[-1].number, len(plan.refused)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setInformativeText("\n".join(lines[:12]) + ("\n..." if len(lines) > 12 else ""))
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Terbitkan"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Batal"))
        box.setDefaultButton(QMessageBox.StandardButton.No)

        def go():
            try:
                cert.issue(self.db, self.activity_id, issued)
            except KemitraanError as exc:
                show_error(self, exc)
            self.open_activity(self.activity_id)
        box.accepted.connect(go)
        box.open()
        self.box = box
        return box

    def void_selected(self, reason: str | None = None) -> bool:
        number = self.selected_number()
        if number is None:
            return False
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("Batalkan sertifikat"),
                                              self.tr("Alasan membatalkan %s:") % number)
            if not ok:
                return False
        try:
            cert.void(self.db, number, reason)
        except KemitraanError as exc:
            show_error(self, exc)
            return False
        self.open_activity(self.activity_id)
        return True

    def reissue_selected(self) -> bool:
        number = self.selected_number()
        if number is None:
            return False
        try:
            cert.reissue(self.db, number, dt.date.today())
        except KemitraanError as exc:
            show_error(self, exc)
            return False
        self.open_activity(self.activity_id)
        return True

    def verify(self) -> cert.Verification:
        result = cert.verify(self.db, self.verify_text.text())
        colour = "#1e7b34" if result.ok else "#b3261e"
        self.verify_result.setText(f"<span style='color:{colour}'><b>{result.message}</b></span>")
        return result

    def print_all(self, *, back: bool = False, path: str | None = None) -> Job | None:
        if self.activity_id is None:
            return None
        from ..pdf_preview import show_pdf, temp_pdf_path

        path = path or str(temp_pdf_path("sertifikat.pdf"))
        job = Job(self, store.db_file(self.db), _print, self.activity_id, path, back,
                  label=self.tr("Menyusun sertifikat..."))
        job.failed.connect(lambda exc: show_error(self, exc))
        job.succeeded.connect(lambda _r: setattr(self, "preview", show_pdf(
            self, path, self.tr("Sertifikat"), "sertifikat.pdf")))
        self.jobs.append(job)
        job.done.connect(lambda: self.jobs.remove(job))
        return job.start()
