"""Import a program's participants: choose a workbook, see the checked result, then import."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import programs, store
from kemitraan_desktop.errors import InputFileError, KemitraanError, ValidationError
from kemitraan_desktop.indonesia import format_thousands
from kemitraan_desktop.spreadsheets.reader import SPREADSHEET_SUFFIXES, list_sheets

from ..errors import show_error
from ..ops import Job, LatestJob
from ..widgets.models import RowsModel

_ROOT = QModelIndex()


class ProblemModel(RowsModel):
    """The located problems of a check: the row and column as Excel shows them, and why."""

    HEADERS = ("Baris", "Kolom", "Masalah")

    def set_problems(self, problems: list) -> None:
        self.set_rows(problems)

    @property
    def problems(self) -> list:
        return self.rows

    def cell(self, problem, column: int, role):
        if role == Qt.ItemDataRole.DisplayRole:
            return ("" if problem.row is None else str(problem.row), problem.column or "",
                    problem.message)[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return problem.message
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ParticipantsImportDialog(QDialog):
    """Each read of the file runs in a worker with its own connection: first a check that
    writes nothing, then, on "Impor", the import itself. The dialog closes with accept()
    only once the import has landed; `report` is then its ParticipantsReport."""

    imported = Signal(object)  # the ParticipantsReport

    def __init__(self, db, program_id: int, path: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.db_path, self.program_id = db, store.db_file(db), program_id
        self.program = programs.get_program(db, program_id)
        self.analysis = None  # the check's report for the file and sheet shown
        self.report = None  # the import's report, once written
        self.work = LatestJob(self, self.db_path, self._failed, self._update_buttons)
        self.setWindowTitle(self.tr("Impor peserta program"))
        self._build()
        self.resize(860, 580)
        if path:
            self.path.setText(str(path))

    # ------------------------------------------------------------ layout

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        title = QLabel(f"<b>{html.escape(self.program.title)}</b>", self)
        title.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(title)
        intro = QLabel(self.tr(
            "Satu baris per peserta: NUPTK, NIP atau NIK; Peran (%s, atau angka 1 s.d. %s); "
            "bila ada, Mata Pelajaran dan NUPTK/NIP pembimbing. Orangnya harus sudah ada di "
            "daftar guru.") % (", ".join(self.program.labels), self.program.tiers), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setPlaceholderText(self.tr("Berkas lembar kerja..."))
        self.browse_button = QPushButton(self.tr("Pilih berkas..."), self)
        self.browse_button.clicked.connect(self.browse)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse_button)
        layout.addLayout(row)
        self.sheet_row = QWidget(self)
        sheet_layout = QHBoxLayout(self.sheet_row)
        sheet_layout.setContentsMargins(0, 0, 0, 0)
        sheet_layout.addWidget(QLabel(self.tr("Lembar:"), self.sheet_row))
        self.sheet = QComboBox(self.sheet_row)
        sheet_layout.addWidget(self.sheet, 1)
        self.sheet_row.hide()
        layout.addWidget(self.sheet_row)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #B00020;")
        layout.addWidget(self.message)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.table = self._problem_table()
        layout.addWidget(self.table, 1)
        self.skip = QCheckBox(self.tr("Lewati baris bermasalah (impor baris yang benar saja)"), self)
        self.skip.setEnabled(False)
        self.skip.toggled.connect(self._update_buttons)
        layout.addWidget(self.skip)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(self.tr("Impor"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        close = self.buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.path.textChanged.connect(self._path_changed)
        self.sheet.currentIndexChanged.connect(lambda _i: self.analyse())

    def _problem_table(self) -> QTableView:
        self.problems = ProblemModel(self)
        table = QTableView(self)
        table.setModel(self.problems)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(22)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 170)
        header.setStretchLastSection(True)
        return table

    # ------------------------------------------------------------ file and sheet

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Pilih daftar peserta"), "",
            self.tr("Lembar kerja (%s)") % " ".join(f"*{s}" for s in SPREADSHEET_SUFFIXES))
        if path:
            self.path.setText(path)

    def _path_changed(self) -> None:
        self.stop_jobs()
        self._show(None)
        self.message.clear()
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.blockSignals(False)
        self.sheet_row.hide()
        text = self.path.text().strip()
        if not text or not Path(text).is_file():
            return
        try:
            sheets = list_sheets(text)
        except KemitraanError as exc:
            self.message.setText(exc.message)
            return
        self.sheet.blockSignals(True)
        self.sheet.addItem(self.tr("(cari otomatis)"), None)
        for name in sheets:
            self.sheet.addItem(name, name)
        self.sheet.blockSignals(False)
        self.sheet_row.setVisible(len(sheets) > 1)
        self.analyse()

    # ------------------------------------------------------------ work

    def busy(self) -> bool:
        return self.work.busy()

    def _run(self, fn, *args, label: str, on_success) -> Job:
        job = self.work.run(fn, *args, label=label, on_success=on_success)
        self._update_buttons()
        return job

    def analyse(self) -> Job | None:
        """Check the file (a dry run: nothing is written) and show what an import would do."""
        self._show(None)
        self.message.clear()
        path = self.path.text().strip()
        if not path or self.sheet.count() == 0:
            return None
        job = self._run(_check, path, self.sheet.currentData(), self.program_id,
                        label=self.tr("Memeriksa berkas..."), on_success=self._analysed)
        job.cancelled.connect(lambda: self.status.setText(self.tr("Pemeriksaan dibatalkan.")))
        return job

    def _analysed(self, report) -> None:
        self._show(report)

    def _failed(self, error: BaseException) -> None:
        """A file that cannot be used is explained here; anything else in the error box."""
        if isinstance(error, ValidationError | InputFileError):
            self.message.setText(error.message)
        else:
            show_error(self, error)

    def accept(self) -> None:
        """"Impor": run the import in the worker; close when it has landed."""
        if not self.ready():
            return
        job = self._run(_import, self.path.text().strip(), self.sheet.currentData(),
                        self.program_id, self.skip.isChecked(),
                        label=self.tr("Mengimpor peserta..."), on_success=self._imported)
        job.cancelled.connect(lambda: self.message.setText(
            self.tr("Impor dibatalkan; tidak ada yang diubah.")))

    def _imported(self, report) -> None:
        if not report.written:  # the file or the program changed since the check
            self._show(report)
            self.message.setText(self.tr("Tidak ada yang disimpan: berkas atau data program "
                                         "berubah sejak diperiksa. Periksa masalah di bawah."))
            return
        self.report = report
        self.imported.emit(report)
        super().accept()

    def stop_jobs(self) -> None:
        """Cancel the work under way and wait for it (nothing it started is written)."""
        self.work.stop()

    def reject(self) -> None:
        """Batal (or closing the window) also cancels an import that has already begun."""
        self.stop_jobs()
        super().reject()

    # ------------------------------------------------------------ showing the check

    def _show(self, report) -> None:
        self.analysis = report
        self.problems.set_problems(report.problems if report else [])
        if report is None:
            self.status.clear()
        else:
            lines = [self.tr("Lembar '%s', judul kolom di baris %s, %s baris data.")
                     % (report.sheet, report.header_row, format_thousands(report.rows)),
                     report.summary()]
            if report.unknown_columns:
                lines.append(self.tr("Kolom yang tidak dikenal (diabaikan): %s")
                             % ", ".join(report.unknown_columns))
                if any(word in column.casefold() for column in report.unknown_columns
                       for word in ("nuptk", "nip", "nik")):
                    lines.append(self.tr("Jika salah satunya berisi nomor pembimbing, ubah judulnya "
                                         "menjadi 'NUPTK Pembimbing' atau 'NIP Pembimbing' lalu "
                                         "periksa lagi."))
            self.status.setText("\n".join(lines))
        self._update_buttons()

    def ready(self) -> bool:
        """A checked file that may be imported: no problems, or skipping them (and the
        sheet itself is usable)."""
        report = self.analysis
        return report is not None and not self.busy() and not report.blocked \
            and (report.ok or self.skip.isChecked())

    def _update_buttons(self) -> None:
        report, busy = self.analysis, self.busy()
        for widget in (self.path, self.browse_button, self.sheet):
            widget.setEnabled(not busy)  # a new file would cancel the work under way
        self.skip.setEnabled(bool(not busy and report and report.problems and not report.blocked))
        self.import_button.setEnabled(self.ready())


def _check(db, path, sheet, program_id, progress=None, cancelled=None):
    from kemitraan_desktop.spreadsheets import import_participants
    return import_participants(db, program_id, path, sheet=sheet, dry_run=True,
                               progress=progress, cancelled=cancelled)


def _import(db, path, sheet, program_id, skip_invalid, progress=None, cancelled=None):
    from kemitraan_desktop.spreadsheets import import_participants
    return import_participants(db, program_id, path, sheet=sheet, skip_invalid=skip_invalid,
                               progress=progress, cancelled=cancelled)
