"""The import wizard: file and sheet, column mapping with a checked preview, summary, import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from kemitraan_desktop import store
from kemitraan_desktop.errors import KemitraanError
from kemitraan_desktop.indonesia import format_thousands
from kemitraan_desktop.spreadsheets import analyse_roster, import_roster
from kemitraan_desktop.spreadsheets.headers import FIELD_CHOICES, HeaderMap
from kemitraan_desktop.spreadsheets.reader import SPREADSHEET_SUFFIXES, column_letter, list_sheets
from kemitraan_desktop.spreadsheets.roster_import import row_ranges
from kemitraan_desktop.spreadsheets.roster_rows import is_numbering_row

from ..errors import show_error
from ..ops import Job, LatestJob
from ..widgets.save_dialog import ask_save_path

PROBLEM_COLOUR = QColor("#F4B6B6")
LEFT_OUT_COLOUR = QColor("#808080")
NOTE_COLOUR = "#1F4E78"
# What the title rows above the header can name, in the order the note lists them.
TITLE_FIELDS = {"school": "Sekolah", "npsn": "NPSN", "region": "Kab/Kota", "province": "Provinsi"}


def _cell_text(value) -> str:
    """A cell as the operator typed it: 1 not 1.0, dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def column_sources(analysis) -> dict[str, list[int]]:
    """Field -> the columns that feed it, the one whose value wins first (the core's order:
    HP before Telepon)."""
    columns = {i: key for i, key in analysis.mapping.items() if key}
    labels = {i: analysis.headers[i] for i in columns if i < len(analysis.headers)}
    return HeaderMap(0, columns, labels, []).sources()


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self.setTitle(self.tr("Pilih berkas"))
        self.setSubTitle(self.tr("Daftar guru dari Excel (.xlsx, .xls), LibreOffice (.ods) atau .csv."))
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setPlaceholderText(self.tr("Berkas lembar kerja..."))
        browse = QPushButton(self.tr("Pilih berkas..."), self)
        browse.clicked.connect(self.browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(QLabel(self.tr("Lembar:"), self))
        self.sheet = QComboBox(self)
        sheet_row.addWidget(self.sheet, 1)
        layout.addLayout(sheet_row)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #B00020;")
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.path.textChanged.connect(self._path_changed)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Pilih daftar guru"), "",
            self.tr("Lembar kerja (%s)") % " ".join(f"*{s}" for s in SPREADSHEET_SUFFIXES))
        if path:
            self.path.setText(path)

    def _path_changed(self) -> None:
        self.sheet.clear()
        self.message.clear()
        path = Path(self.path.text().strip())
        if not self.path.text().strip() or not path.is_file():
            self.completeChanged.emit()
            return
        try:
            self.sheet.addItems(list_sheets(path))
        except KemitraanError as exc:
            self.message.setText(exc.message)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.sheet.count() > 0


class MappingPage(QWizardPage):
    """The detected header, each column's reading (changeable) and the first rows, with
    every problem cell marked and explained on hover."""

    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(self.tr("Periksa kolom dan isi"))
        self.setSubTitle(self.tr("Ubah cara membaca kolom bila perlu, lalu periksa ulang. Sel "
                                 "merah bermasalah: arahkan tetikus ke sel untuk penjelasannya."))
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        # What the importer does beyond the table: values from the title rows, merged
        # columns, rows under the table that are left out.
        self.title_note, self.merge_note, self.left_out_note = (
            self._note_label(), self._note_label(), self._note_label())
        for label in (self.title_note, self.merge_note, self.left_out_note):
            layout.addWidget(label)
        self.columns = QTableWidget(0, 4, self)
        self.columns.setHorizontalHeaderLabels([self.tr("Kolom"), self.tr("Judul di berkas"),
                                                self.tr("Dibaca sebagai"), self.tr("Keterangan")])
        self.columns.verticalHeader().hide()
        self.columns.setWordWrap(True)
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.columns.horizontalHeader()
        for col, width in ((0, 40), (1, 150), (2, 170)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.columns.setColumnWidth(col, width)
        header.setStretchLastSection(True)
        controls = QVBoxLayout()
        recheck = QPushButton(self.tr("Periksa ulang dengan kolom di atas"), self)
        recheck.clicked.connect(lambda: self.wizard_.analyse(self.mapping()))
        controls.addWidget(recheck)
        self.keep_case = QCheckBox(self.tr("Pertahankan huruf kapital pada nama"), self)
        self.keep_case.setToolTip(self.tr(
            "Bila tidak dicentang, nama yang ditulis dengan huruf kapital semua disimpan "
            "dengan huruf besar di awal kata (JOKO FAUZI, S.PD. menjadi Joko Fauzi, S.Pd.)."))
        self.keep_case.toggled.connect(self._keep_case_toggled)
        controls.addWidget(self.keep_case)
        self.preview = QTableWidget(0, 0, self)
        self.name_column = 0  # the preview's column of names as they will be stored
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().setDefaultSectionSize(22)
        self.columns.verticalHeader().setDefaultSectionSize(24)
        self.problems_only = QCheckBox(self.tr("Tampilkan baris bermasalah saja"), self)
        self.problems_only.toggled.connect(lambda _on: self._filter_rows())
        self.problem_rows: set[int] = set()  # preview rows (table rows) with a problem
        # side by side: at 768 pixels high, stacked they showed 5 columns and 9 rows
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.columns, 1)
        left_layout.addLayout(controls)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.problems_only)
        right_layout.addWidget(self.preview, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([430, 600])
        layout.addWidget(splitter, 1)

    def _note_label(self) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {NOTE_COLOUR};")
        label.hide()
        return label

    def _keep_case_toggled(self) -> None:
        """The preview shows names as they will be stored: check again with the choice."""
        self.wizard_.analyse(self.mapping() if self.columns.rowCount() else None)

    def initializePage(self) -> None:
        self.wizard_.analyse(None)

    def isComplete(self) -> bool:
        return self.wizard_.analysis is not None and not self.wizard_.busy()

    def validatePage(self) -> bool:
        return self.isComplete()  # also when Lanjut is reached by keyboard or code

    def show_analysis(self, analysis) -> None:
        report = analysis.report
        self.status.setText(self.tr("Lembar '%s', judul kolom di baris %s, %s baris data. %s")
                            % (analysis.sheet, analysis.header_row, format_thousands(report.rows),
                               report.summary()))
        sources = column_sources(analysis)
        self._show_notes(analysis, sources)
        notes = self._column_notes(analysis, sources)
        self.columns.setRowCount(len(analysis.headers))
        for index, text in enumerate(analysis.headers):
            self.columns.setItem(index, 0, QTableWidgetItem(column_letter(index)))
            self.columns.setItem(index, 1, QTableWidgetItem(text))
            combo = QComboBox(self.columns)
            combo.addItem(self.tr("(abaikan)"), None)
            for key, label in FIELD_CHOICES.items():
                combo.addItem(self.tr(label), key)
            combo.setCurrentIndex(max(0, combo.findData(analysis.mapping.get(index))))
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.columns.setCellWidget(index, 2, combo)
            note = QTableWidgetItem(notes.get(index, ""))
            note.setToolTip(notes.get(index, ""))
            self.columns.setItem(index, 3, note)
        self._fill_preview(analysis, sources)
        self.completeChanged.emit()

    def _show_notes(self, analysis, sources: dict[str, list[int]]) -> None:
        report = analysis.report
        found = [(key, report.from_title[key]) for key in TITLE_FIELDS if key in report.from_title]
        found += [(key, value) for key, value in report.from_title.items() if key not in TITLE_FIELDS]
        self.title_note.setText(
            self.tr("Dari judul lembar: %s. Dipakai untuk baris yang kolomnya kosong.")
            % ", ".join(f"{self.tr(TITLE_FIELDS.get(key) or FIELD_CHOICES.get(key, key))} {value}"
                        for key, value in found) if found else "")
        merged = []
        for key, cols in sources.items():
            if len(cols) > 1:
                named = [f"{analysis.headers[c]} ({column_letter(c)})" for c in cols]
                merged.append(self.tr("%s dari kolom %s; bila kosong, dari %s")
                              % (self.tr(FIELD_CHOICES.get(key, key)), named[0],
                                 self.tr(", lalu ").join(named[1:])))
        self.merge_note.setText(self.tr("Kolom yang digabung: %s.") % "; ".join(merged)
                                if merged else "")
        self.left_out_note.setText(
            self.tr("Baris %s di bawah tabel (jumlah, tanda tangan) tidak diimpor.")
            % row_ranges(report.left_out) if report.left_out else "")
        for label in (self.title_note, self.merge_note, self.left_out_note):
            label.setVisible(bool(label.text()))

    def _column_notes(self, analysis, sources: dict[str, list[int]]) -> dict[int, str]:
        """Column index -> what the importer does with it beyond its field."""
        notes: dict[int, list[str]] = {}
        for key, cols in sources.items():
            named = [f"{analysis.headers[c]} ({column_letter(c)})" for c in cols]
            if len(cols) > 1:
                notes.setdefault(cols[0], []).append(
                    self.tr("diutamakan; bila kosong, diisi dari kolom %s")
                    % self.tr(", lalu ").join(named[1:]))
                for place, col in enumerate(cols[1:], start=1):
                    notes.setdefault(col, []).append(
                        self.tr("cadangan: dipakai bila kolom %s kosong")
                        % self.tr(" dan ").join(named[:place]))
            if key in analysis.report.from_title:
                notes.setdefault(cols[0], []).append(
                    self.tr("sel kosong diisi dari judul lembar (%s)")
                    % analysis.report.from_title[key])
            if key == "remarks":
                for col in cols:
                    notes.setdefault(col, []).append(
                        self.tr("hanya dibaca bila berisi \"Kepala Sekolah\" (tugas tambahan)"))
        return {col: "; ".join(texts) for col, texts in notes.items()}

    def _mapping_changed(self) -> None:
        """What was checked no longer matches the columns: check again before going on."""
        self.wizard_.analysis = None
        self.status.setText(self.tr("Cara membaca kolom diubah. Tekan \"Periksa ulang\" "
                                    "sebelum lanjut."))
        self.completeChanged.emit()

    def _fill_preview(self, analysis, sources: dict[str, list[int]]) -> None:
        """The first rows as the file has them, after a first column with the name each row
        will be stored under; rows the import leaves out are greyed."""
        problems: dict[tuple[int, int], list[str]] = {}
        row_notes: dict[int, list[str]] = {}
        for problem in analysis.report.problems:
            if problem.order < len(analysis.headers):
                problems.setdefault((problem.row, problem.order), []).append(problem.message)
            else:
                row_notes.setdefault(problem.row, []).append(str(problem))
        left_out = {row: self.tr("di bawah tabel (jumlah, tanda tangan): tidak diimpor")
                    for row in analysis.report.left_out}
        if analysis.preview and is_numbering_row(analysis.preview[0][1]):
            left_out[analysis.preview[0][0]] = self.tr("baris nomor kolom: tidak diimpor")
        # The stored name is the last column in the model (column c is the file's column c)
        # and the first one on screen.
        self.name_column = len(analysis.headers)
        self.preview.clear()
        self.preview.setColumnCount(0)  # forgets where a former name column was moved
        self.preview.setColumnCount(self.name_column + 1)
        self.preview.setHorizontalHeaderLabels(analysis.headers + [self.tr("Nama disimpan")])
        header = self.preview.horizontalHeader()
        header.moveSection(header.visualIndex(self.name_column), 0)
        self.preview.setRowCount(len(analysis.preview))
        self.preview.setVerticalHeaderLabels([str(r) for r, _ in analysis.preview])
        bold = QFont(self.preview.font())
        bold.setBold(True)
        for r, (excel_row, cells) in enumerate(analysis.preview):
            skipped = left_out.get(excel_row)
            stored = analysis.names.get(excel_row)
            name = QTableWidgetItem(self.tr("(tidak diimpor)") if skipped or stored is None
                                    else stored)
            name.setFont(bold)
            name.setToolTip(name.text())
            self.preview.setItem(r, self.name_column, name)
            for c in range(len(analysis.headers)):
                value = cells[c] if c < len(cells) else ""
                item = QTableWidgetItem(_cell_text(value))
                notes = problems.get((excel_row, c)) or (row_notes.get(excel_row) if c == 0 else None)
                if notes:
                    item.setBackground(QBrush(PROBLEM_COLOUR))
                    item.setToolTip("\n".join(notes))
                self.preview.setItem(r, c, item)
            if skipped:
                for c in range(self.preview.columnCount()):
                    item = self.preview.item(r, c)
                    item.setForeground(QBrush(LEFT_OUT_COLOUR))
                    item.setToolTip(skipped)
        self.problem_rows = {r for r, (excel_row, _cells) in enumerate(analysis.preview)
                             if excel_row in row_notes or any(row == excel_row for row, _c in problems)}
        self.problems_only.setText(self.tr("Tampilkan baris bermasalah saja (%s)")
                                   % format_thousands(len({p.row for p in analysis.report.problems})))
        self.problems_only.setEnabled(bool(self.problem_rows))
        self._filter_rows()
        self.preview.resizeColumnsToContents()
        for c in range(self.preview.columnCount()):  # a long title must not take the screen
            self.preview.setColumnWidth(c, min(self.preview.columnWidth(c), 260))

    def _filter_rows(self) -> None:
        only = self.problems_only.isChecked() and bool(self.problem_rows)
        for r in range(self.preview.rowCount()):
            self.preview.setRowHidden(r, only and r not in self.problem_rows)

    def mapping(self) -> dict[int, str | None]:
        return {row: self.columns.cellWidget(row, 2).currentData()
                for row in range(self.columns.rowCount())}


class SummaryPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(self.tr("Ringkasan"))
        layout = QVBoxLayout(self)
        self.counts = QLabel(self)
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.counts)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        layout.addWidget(self.problems)
        self.skip = QCheckBox(self.tr("Lewati baris bermasalah (impor baris yang benar saja)"), self)
        self.skip.toggled.connect(self.completeChanged)
        layout.addWidget(self.skip)
        report_button = QPushButton(self.tr("Simpan laporan masalah..."), self)
        report_button.clicked.connect(self.wizard_.save_report)
        layout.addWidget(report_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def initializePage(self) -> None:
        report = self.wizard_.analysis.report
        self.counts.setText(self.tr("<b>%s baru, %s diperbarui, %s tidak berubah, %s bermasalah</b>")
                            % tuple(format_thousands(n) for n in (report.new, report.updated,
                                                                  report.unchanged, report.skipped)))
        shown = [str(p) for p in report.problems[:8]]
        more = len(report.problems) - len(shown)
        self.problems.setText("\n".join(shown) + (self.tr("\n... dan %s masalah lain") % more
                                                  if more > 0 else ""))
        self.skip.setChecked(False)
        self.skip.setEnabled(bool(report.problems) and not report.blocked)

    def isComplete(self) -> bool:
        report = self.wizard_.analysis.report if self.wizard_.analysis else None
        if report is None or self.wizard_.busy():
            return False
        return not report.problems or (self.skip.isChecked() and not report.blocked)


class ImportWizard(QWizard):
    """Every read of the file runs in a worker with its own connection; the window stays
    responsive and a progress dialog with "Batal" appears after 500 ms."""

    imported = Signal(object)  # the ImportReport

    def __init__(self, db, path: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.db_path = db, store.db_file(db)
        self.analysis = None
        self.result = None
        self.work = LatestJob(self, self.db_path, lambda exc: show_error(self, exc),
                              self._job_done)
        self.setWindowTitle(self.tr("Impor daftar guru"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Lanjut >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Kembali"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Batal"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Impor"))
        self.file_page, self.mapping_page, self.summary_page = (
            FilePage(self), MappingPage(self), SummaryPage(self))
        for page in (self.file_page, self.mapping_page, self.summary_page):
            self.addPage(page)
        # Fits a 1366x768 screen with its taskbar and the window's title bar.
        screen = self.screen().availableGeometry()
        self.resize(min(1300, screen.width() - 40), min(700, screen.height() - 50))
        if path:
            self.file_page.path.setText(path)

    @property
    def job(self) -> Job | None:
        """The work under way (or the last one)."""
        return self.work.job

    def busy(self) -> bool:
        return self.work.busy()

    def _run(self, fn, *args, label: str, on_success) -> Job:
        return self.work.run(fn, *args, label=label, on_success=on_success)

    def _job_done(self) -> None:
        self.mapping_page.completeChanged.emit()
        self.summary_page.completeChanged.emit()

    def analyse(self, mapping: dict | None) -> Job:
        self.analysis = None
        self.mapping_page.completeChanged.emit()
        return self._run(_analyse, self.file_page.path.text().strip(),
                         self.file_page.sheet.currentText(), mapping, self.keep_case(),
                         label=self.tr("Memeriksa berkas..."), on_success=self._analysed)

    def keep_case(self) -> bool:
        return self.mapping_page.keep_case.isChecked()

    def _analysed(self, analysis) -> None:
        self.analysis = analysis
        self.mapping_page.show_analysis(analysis)

    def save_report(self) -> Job | None:
        path = ask_save_path(self, self.tr("Simpan laporan masalah"), "laporan-impor.xlsx",
                             self.tr("Buku kerja Excel (*.xlsx)"), ".xlsx", self.db_path)
        if path is None:
            return None
        return self._run(_write_report, self.file_page.path.text().strip(),
                         self.file_page.sheet.currentText(), self.analysis.mapping,
                         self.keep_case(), str(path),
                         label=self.tr("Menulis laporan..."), on_success=lambda _r: None)

    def accept(self) -> None:
        """"Impor": run the real import in the worker; close when it has landed."""
        if self.busy():
            return
        if self.analysis is None:
            return
        job = self._run(_import, self.file_page.path.text().strip(),
                        self.file_page.sheet.currentText(), self.analysis.mapping,
                        self.keep_case(), self.summary_page.skip.isChecked(),
                        label=self.tr("Mengimpor daftar guru..."), on_success=self._imported)
        job.cancelled.connect(lambda: self.summary_page.problems.setText(
            self.tr("Impor dibatalkan; tidak ada yang diubah.")))

    def _imported(self, report) -> None:
        self.result = report
        self.imported.emit(report)
        super().accept()

    def stop_jobs(self) -> None:
        """Cancel the work under way and wait for it (nothing it started is written)."""
        self.work.stop()

    def reject(self) -> None:
        """Batal (or closing the window) also cancels an import that has already begun."""
        self.stop_jobs()
        super().reject()


def _analyse(db, path, sheet, mapping, keep_case, progress=None, cancelled=None):
    return analyse_roster(db, path, sheet=sheet, mapping=mapping, keep_case=keep_case,
                          progress=progress, cancelled=cancelled)


def _import(db, path, sheet, mapping, keep_case, skip_invalid, progress=None, cancelled=None):
    return import_roster(db, path, sheet=sheet, mapping=mapping, keep_case=keep_case,
                         skip_invalid=skip_invalid, progress=progress, cancelled=cancelled)


def _write_report(db, path, sheet, mapping, keep_case, report_path, progress=None,
                  cancelled=None):
    return import_roster(db, path, sheet=sheet, mapping=mapping, keep_case=keep_case,
                         dry_run=True, report_path=report_path, progress=progress,
                         cancelled=cancelled)
