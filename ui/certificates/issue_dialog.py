"""Issuing certificates: who gets which number, who gets none and why, the biodata sheet
and a preview, before anything is written; accepting issues them in one transaction."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import certificates as cert
from kemitraan_desktop import indonesia as ind
from kemitraan_desktop import store
from kemitraan_desktop.errors import KemitraanError

from ..errors import show_error
from ..ops import Job
from ..widgets.date_field import DateField
from ..widgets.status import show_status


class IssueDialog(QDialog):
    """Who gets which number, who gets none and why; the biodata sheet and a preview of the
    certificates before anything is written. Accepting issues them in one transaction."""

    def _pattern_note(self, db, activity_id: int) -> QWidget | None:
        """A program whose numbering nobody chose: say so before numbers that stay forever."""
        from kemitraan_desktop import activities as act
        from kemitraan_desktop.certificates.numbering import DEFAULT_PATTERN, setting

        program_id = act.get_activity(db, activity_id).program_id
        if setting(db, f"certificates.pattern.{program_id}"):
            return None
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr(
            "Pola nomor sertifikat program ini belum diatur; nomor memakai pola bawaan %s. "
            "Nomor yang sudah terbit tidak dapat diubah lagi.") % DEFAULT_PATTERN, box)
        label.setWordWrap(True)
        label.setStyleSheet("color: #8a4b00;")
        row.addWidget(label, 1)
        change = QPushButton(self.tr("Atur penomoran..."), box)
        change.clicked.connect(self._to_numbering)
        row.addWidget(change)
        return box

    def _to_numbering(self) -> None:
        self.reject()
        self.page.tabs.setCurrentWidget(self.page.settings_tab)

    def __init__(self, page, plan: cert.IssuePlan):
        super().__init__(page)
        self.page, self.plan = page, plan
        self.setWindowTitle(self.tr("Terbitkan sertifikat"))
        self.resize(900, 600)
        layout = QVBoxLayout(self)
        date_row = QHBoxLayout()
        date_row.addWidget(QLabel(self.tr("Tanggal terbit:"), self))
        self.date = DateField(self, plan.issued_on)
        self.date.edit.textChanged.connect(lambda _t: self.replan())
        date_row.addWidget(self.date, 1)
        layout.addLayout(date_row)
        self.pattern_note = self._pattern_note(page.db, plan.activity_id)
        if self.pattern_note is not None:
            layout.addWidget(self.pattern_note)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Nomor"), self.tr("Nama"), self.tr("Peran"),
                                              self.tr("JP")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 3)
        self.refused_label = QLabel(self.tr("<b>Tidak diberi sertifikat</b>"), self)
        layout.addWidget(self.refused_label)
        self.refused = QListWidget(self)
        layout.addWidget(self.refused, 1)
        buttons = QDialogButtonBox(self)
        biodata = buttons.addButton(self.tr("Lembar verifikasi biodata..."),
                                    QDialogButtonBox.ButtonRole.ActionRole)
        biodata.clicked.connect(page.print_biodata)
        self.preview_button = buttons.addButton(self.tr("Pratinjau sertifikat..."),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.clicked.connect(self.preview)
        self.ok = buttons.addButton(self.tr("Terbitkan"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.show_plan()

    def replan(self) -> None:
        """A new issue date gives other numbers (the month and year are in them)."""
        day = self.date.date()
        if day is None or day == self.plan.issued_on:
            return
        try:
            self.plan = cert.plan_issue(self.page.db, self.plan.activity_id, day)
        except KemitraanError as exc:
            show_error(self, exc)
            return
        self.show_plan()

    def show_plan(self) -> None:
        plan = self.plan
        planned = plan.planned
        if plan.problem:
            self.summary.setText(f"<span style='color:#b3261e'><b>{html.escape(plan.problem)}</b></span>")
        elif planned:
            self.summary.setText(self.tr(
                "Terbitkan %s sertifikat bertanggal %s, nomor %s s.d. %s? %s peserta tidak memenuhi "
                "syarat; %s sudah punya. Nomor yang sudah diberikan tidak dapat dipakai lagi.") % (
                    len(planned), ind.format_date(plan.issued_on, with_weekday=False),
                    planned[0].number, planned[-1].number, len(plan.refused), len(plan.already)))
        else:
            self.summary.setText(self.tr("Tidak ada sertifikat baru untuk diterbitkan: %s peserta "
                                         "sudah punya, %s tidak memenuhi syarat.")
                                 % (len(plan.already), len(plan.refused)))
        self.table.setRowCount(len(planned))
        for r, item in enumerate(planned):
            p = item.participant
            for c, value in enumerate((item.number, p["name"], p["tier_label"], f"{item.jp:g}")):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.refused.clear()
        self.refused.addItems([f"{p['name']}: {why}" for p, why in plan.refused])
        self.refused.setVisible(bool(plan.refused))
        self.refused_label.setVisible(bool(plan.refused))
        self.ok.setEnabled(bool(planned) and not plan.problem)
        self.preview_button.setEnabled(bool(planned))

    def preview(self):
        from kemitraan_desktop.documents.certificate import print_plan

        from ..widgets.pdf_preview import show_pdf, temp_pdf_path
        path = temp_pdf_path("pratinjau-sertifikat.pdf")
        try:
            print_plan(self.page.db, self.plan, path)
        except KemitraanError as exc:
            show_error(self, exc)
            return None
        self.preview_window = show_pdf(self, path, self.tr("Pratinjau sertifikat (belum diterbitkan)"),
                                       "pratinjau-sertifikat.pdf")
        return self.preview_window

    def accept(self) -> None:
        """Issue the batch off the GUI thread (numbers, signatures and the register in one
        transaction); the dialog closes when it is done, or says why not."""
        self.ok.setEnabled(False)
        job = Job(self, store.db_file(self.page.db), _issue, self.plan.activity_id,
                  self.plan.issued_on, label=self.tr("Menerbitkan sertifikat..."))
        job.failed.connect(self._failed)
        job.succeeded.connect(self._issued)
        self.job = job.start()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        show_error(self, exc)

    def _issued(self, ids: list[int]) -> None:
        super().accept()
        self.page.open_activity(self.plan.activity_id)
        show_status(self.page, self.tr("%s sertifikat diterbitkan.") % len(ids))


def _issue(db, activity_id: int, issued_on, progress=None, cancelled=None) -> list[int]:
    return cert.issue(db, activity_id, issued_on)
