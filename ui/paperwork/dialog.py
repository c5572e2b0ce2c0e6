"""Surat dan Dokumen Kegiatan: the paper one activity needs (letters, the daftar
penerimaan, name tags, the laporan kegiatan), each with its options, previewed as a PDF
or saved as the .docx or .xlsx the office adjusts. Printing runs in a Job."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import activities as act
from kemitraan_desktop import letters, office, store
from kemitraan_desktop.documents.frame import SignOff

from ..errors import show_error
from ..ops import Job
from ..widgets.hint import hint_label
from ..widgets.save_dialog import ask_save_path, file_name
from .options import LetterOptions, NametagOptions, PaymentsOptions, ReportOptions

KEY = Qt.ItemDataRole.UserRole
# key -> (title in the list, what it is, start of its file name)
DOCUMENTS = {
    "undangan": ("Surat Undangan", "Undangan kepada kepala sekolah peserta, dengan daftar "
                 "peserta di lampiran.", "surat-undangan"),
    "tugas": ("Surat Tugas", "Penugasan peserta, panitia atau narasumber; satu surat dengan "
              "lampiran atau satu surat per orang.", "surat-tugas"),
    "sk": ("SK Kepala Dinas", "Keputusan Kepala Dinas: pasangan guru (Lampiran I), panitia "
           "dan narasumber (Lampiran II).", "sk-kepala-dinas"),
    "payments": ("Daftar Penerimaan (SPJ)", "Uang transport, uang harian dan honorarium per "
                 "orang, dengan jumlah, terbilang dan tanda tangan penerima.",
                 "daftar-penerimaan"),
    "nametags": ("Tanda Nama / Papan Nama Meja", "Nama, peran dan asal setiap orang, untuk "
                 "dipotong atau dilipat.", "tanda-nama"),
    "report": ("Laporan Kegiatan", "Laporan pelaksanaan (Bab I-V) dengan jadwal, peserta, "
               "kehadiran, sertifikat dan foto kegiatan.", "laporan-kegiatan"),
}
PAPERS = {"a4": "A4 (210 x 297 mm)", "f4": "F4 (215 x 330 mm)"}


def print_document(db, key: str, activity_id: int, path: str, paper: str, options: dict,
                   sign_off=None, progress=None, cancelled=None) -> Path:
    """In the worker: the document `key` of the activity to `path` (PDF, .docx or .xlsx by
    its suffix), with the options its panel gathered."""
    if key in letters.KINDS:
        return letters.print_letter(db, activity_id, key, path, paper=paper, sign_off=sign_off,
                                    **options)
    if key == "payments":
        from kemitraan_desktop.documents.payments import print_payments
        return print_payments(db, activity_id, path, paper=paper, sign_off=sign_off)
    if key == "nametags":
        from kemitraan_desktop.documents.nametags import print_nametags
        return print_nametags(db, activity_id, path, paper=paper, **options)
    from kemitraan_desktop.documents.activity_report import print_activity_report
    return print_activity_report(db, activity_id, path, paper=paper, sign_off=sign_off)


class PaperworkDialog(QDialog):
    """The documents on the left; the chosen one's options and what to make of it on the
    right."""

    def __init__(self, db, activity_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.activity = act.get_activity(db, activity_id)
        self.sign_offs: dict[str, object] = {}  # the place and date chosen in each preview
        self.setWindowTitle(self.tr("Surat dan Dokumen Kegiatan - %s") % self.activity.title)
        self.resize(940, 620)
        layout = QVBoxLayout(self)
        body = QHBoxLayout()
        self.list = QListWidget(self)
        self.list.setObjectName("documents")
        self.list.setSpacing(3)
        for key, (title, _what, _name) in DOCUMENTS.items():
            QListWidgetItem(self.tr(title), self.list).setData(KEY, key)
        self.list.setFixedWidth(self.list.sizeHintForColumn(0) + 36)
        body.addWidget(self.list)
        body.addLayout(self._right(), 1)
        layout.addLayout(body, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.list.currentRowChanged.connect(lambda _row: self._show_chosen())
        self.list.setCurrentRow(0)

    def _right(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("document_title")
        column.addWidget(self.title)
        self.what = hint_label("", self)
        self.what.setStyleSheet("color: #5f6368;")
        column.addWidget(self.what)
        paper_row = QHBoxLayout()
        self.paper = QComboBox(self)
        self.paper.setObjectName("paper")
        for key, label in PAPERS.items():
            self.paper.addItem(label, key)
        self.paper.setCurrentIndex(list(PAPERS).index(office.load_profile(self.db).paper))
        paper_row.addWidget(QLabel(self.tr("Kertas"), self))
        paper_row.addWidget(self.paper)
        paper_row.addStretch(1)
        column.addLayout(paper_row)
        self.stack = QStackedWidget(self)
        self.panels = {}
        for kind in letters.KINDS:
            panel = LetterOptions(self.db, self.activity.id, kind, self.stack)
            panel.edit_text.connect(self.edit_template)
            self.panels[kind] = panel
        self.panels["payments"] = PaymentsOptions(self.db, self.activity.id, self.stack)
        self.panels["nametags"] = NametagOptions(self.stack)
        self.panels["report"] = ReportOptions(self.db, self.activity.id, self.stack)
        self.panels["report"].edit_report.connect(self.edit_report)
        for panel in self.panels.values():
            self.stack.addWidget(panel)
        column.addWidget(self.stack, 1)
        self.result = QLabel(self)
        self.result.setObjectName("result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.result)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.preview_button = QPushButton(self.tr("Pratinjau PDF"), self)
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(lambda: self.preview())
        # a letter's preview is a draft: its number is recorded only when it is issued
        self.issue_button = QPushButton(self.tr("Catat nomor && cetak..."), self)
        self.issue_button.setToolTip(self.tr("Mencatat nomor surat di buku agenda lalu "
                                             "menampilkan surat final untuk dicetak."))
        self.issue_button.clicked.connect(lambda: self.preview(final=True))
        self.word_button = QPushButton(self.tr("Simpan sebagai Word (.docx)..."), self)
        self.word_button.clicked.connect(lambda: self.save_as(".docx"))
        self.excel_button = QPushButton(self.tr("Simpan sebagai Excel (.xlsx)..."), self)
        self.excel_button.clicked.connect(lambda: self.save_as(".xlsx"))
        for button in (self.word_button, self.excel_button, self.preview_button,
                       self.issue_button):
            buttons.addWidget(button)
        column.addLayout(buttons)
        return column

    # ---- choosing

    def key(self) -> str:
        return self.list.currentItem().data(KEY)

    def choose(self, key: str) -> None:
        self.list.setCurrentRow(list(DOCUMENTS).index(key))

    def _show_chosen(self) -> None:
        key = self.key()
        title, what, _name = DOCUMENTS[key]
        self.title.setText(f"<b style='font-size:13pt'>{self.tr(title)}</b>")
        self.what.setText(self.tr(what))
        panel = self.panels[key]
        self.stack.setCurrentWidget(panel)
        self.word_button.setVisible(".docx" in panel.suffixes)
        self.issue_button.setVisible(key in letters.KINDS)
        self.excel_button.setVisible(".xlsx" in panel.suffixes)
        self.result.clear()

    # ---- printing

    def _job(self, key: str, path: str, chosen, label: str, *, draft: bool = False) -> Job | None:
        panel = self.panels[key]
        if not panel.ready():
            return None
        sign_off = panel.sign_off(chosen)
        self.sign_offs[key] = sign_off
        options = panel.options()
        if key in letters.KINDS:
            options["draft"] = draft
        job = Job(self, store.db_file(self.db), print_document, key, self.activity.id, path,
                  self.paper.currentData(), options, sign_off, label=label)
        job.failed.connect(lambda exc: show_error(self, exc))
        if not (draft and key in letters.KINDS):  # a draft keeps the number typed for it
            job.succeeded.connect(lambda _r: panel.refresh())
        self.job = job
        return job

    def preview(self, path: str | None = None, sign_off=None, *, final: bool = False) -> Job | None:
        """Print the chosen document to a PDF and show it; the preview's place and date
        print it again. A letter's preview is a draft (marked DRAF, its number not yet
        recorded) unless `final`: then its number goes into the agenda book."""
        from ..widgets.pdf_preview import temp_pdf_path

        key = self.key()
        title, _what, name = DOCUMENTS[key]
        path = path or str(temp_pdf_path(file_name(name, self.activity.title) + ".pdf"))
        job = self._job(key, path, sign_off, self.tr("Menyusun %s...") % self.tr(title),
                        draft=not final)
        if job is None:
            return None
        heading = self.tr("%s - %s") % (self.tr(title), self.activity.title)
        job.succeeded.connect(lambda _r: self._show_pdf(key, path, heading, final))
        return job.start()

    def _show_pdf(self, key: str, path: str, heading: str, final: bool = False) -> None:
        from ..widgets.pdf_preview import show_pdf
        from ..widgets.sign_off import offer_defaults

        self.preview_window = show_pdf(self, path, heading, Path(path).name)
        if self.panels[key].signed and self.preview_window is not None:
            def redo(chosen, key=key):
                self.choose(key)
                self.preview(path, sign_off=chosen, final=final)
            offer_defaults(self.preview_window, self.db, self.sign_offs.get(key), redo,
                           last_day=self.activity.end)

    def save_as(self, suffix: str, path: str | None = None) -> Job | None:
        """The chosen document as .docx (letters, report) or .xlsx (payments)."""
        key = self.key()
        title, _what, name = DOCUMENTS[key]
        if path is None:
            kinds = {".docx": self.tr("Dokumen Word (*.docx)"),
                     ".xlsx": self.tr("Buku kerja Excel (*.xlsx)")}
            chosen = ask_save_path(self, self.tr("Simpan %s") % self.tr(title),
                                   file_name(name, self.activity.title) + suffix, kinds[suffix],
                                   suffix, store.db_file(self.db))
            if chosen is None:
                return None
            path = str(chosen)
        chosen = self.sign_offs.get(key)
        if chosen is not None and key in letters.KINDS:  # the date is the panel's own
            chosen = SignOff(place=chosen.place, day=None)
        job = self._job(key, path, chosen, self.tr("Menyimpan %s...") % self.tr(title))
        if job is None:
            return None
        job.succeeded.connect(lambda _r: self.result.setText(
            self.tr("%s disimpan di %s") % (self.tr(title), path)))
        return job.start()

    # ---- the editors

    def edit_template(self, kind: str):
        from .template_editor import TemplateEditor

        editor = TemplateEditor(self.db, kind, self)
        editor.accepted.connect(self.panels[kind].refresh)
        editor.open()
        self.template_editor = editor
        return editor

    def edit_report(self):
        from .report_editor import ReportEditor

        editor = ReportEditor(self.db, self.activity.id, self)
        editor.finished.connect(lambda _r: self.panels["report"].refresh())
        editor.open()
        self.report_editor = editor
        return editor
