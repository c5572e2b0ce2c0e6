"""Sertifikat: the register of an activity (search, filters, void, re-issue, reprint), the
issue flow with its preview and the lembar verifikasi biodata, and, on further tabs, the
numbering and template settings, the printer calibration and verification."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import activities as act
from kemitraan_desktop import certificates as cert
from kemitraan_desktop import indonesia as ind
from kemitraan_desktop import store
from kemitraan_desktop.errors import KemitraanError

from ..activities.activity_list import activity_entries
from ..errors import show_error
from ..ops import Job
from ..widgets.list_detail import ListDetail
from ..widgets.save_dialog import ask_save_path, file_name
from ..widgets.status import show_status
from .issue_dialog import IssueDialog

HEADERS = ("Nomor", "Nama", "Peran", "Mata pelajaran", "JP", "Terbit", "Status")
ALL, VALID, VOIDED = 0, 1, 2


def _print(db, activity_id, path, options, progress=None, cancelled=None):
    from kemitraan_desktop.documents.certificate import print_certificates
    return print_certificates(db, activity_id, path, progress=progress, cancelled=cancelled,
                              **options)


def _date(text: str) -> str:
    return ind.format_date(dt.date.fromisoformat(text), with_weekday=False)


class RegisterTab(QWidget):
    """The activities on the left; the chosen one's certificates, their search and filter,
    and the buttons that issue, void, re-issue and print them."""

    def __init__(self, page: CertificatesPage):
        super().__init__(page)
        self.page = page
        self.skeleton = ListDetail(self.tr("Kegiatan"), self, padded=False)
        self.list = self.skeleton.list
        self.skeleton.chosen.connect(page.open_activity)
        right = QWidget(self)
        layout = QVBoxLayout(right)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.issue_button = QPushButton(self.tr("Terbitkan..."), right)
        self.issue_button.setToolTip(self.tr("Beri nomor sertifikat kepada peserta yang memenuhi syarat"))
        self.issue_button.clicked.connect(lambda: page.issue())
        self.void_button = QPushButton(self.tr("Batalkan..."), right)
        self.void_button.clicked.connect(lambda: page.void_selected())
        self.reissue_button = QPushButton(self.tr("Terbitkan ulang"), right)
        self.reissue_button.setToolTip(self.tr("Sertifikat pengganti bernomor baru untuk yang dibatalkan"))
        self.reissue_button.clicked.connect(lambda: page.reissue_selected())
        self.print_button = QPushButton(self.tr("Cetak"), right)
        menu = QMenu(self.print_button)
        menu.addAction(self.tr("Semua sertifikat (PDF)..."), lambda: page.print_all())
        menu.addAction(self.tr("Semua, dengan Struktur Program..."), lambda: page.print_all(back=True))
        menu.addAction(self.tr("Yang dipilih saja..."), lambda: page.print_selected())
        menu.addAction(self.tr("Ke kertas blanko (pracetak)..."), lambda: page.print_blanko())
        menu.addSeparator()
        menu.addAction(self.tr("Simpan ZIP, satu PDF per orang..."), lambda: page.save_zip())
        menu.addAction(self.tr("Lembar verifikasi biodata..."), lambda: page.print_biodata())
        menu.addAction(self.tr("Register program (.xlsx)..."), lambda: page.export_register())
        self.print_button.setMenu(menu)
        self.buttons = (self.issue_button, self.void_button, self.reissue_button, self.print_button)
        for button in self.buttons:
            bar.addWidget(button)
        bar.addStretch(1)
        self.count = QLabel(right)
        bar.addWidget(self.count)
        layout.addLayout(bar)
        filters = QHBoxLayout()
        self.search = QLineEdit(right)
        self.search.setPlaceholderText(self.tr("Cari nama, nomor sertifikat, NIP atau NUPTK"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: page.fill())
        self.status = QComboBox(right)
        self.status.addItems([self.tr("Semua status"), self.tr("Berlaku"), self.tr("Dibatalkan")])
        self.status.currentIndexChanged.connect(lambda _i: page.fill())
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status)
        layout.addLayout(filters)
        self.table = QTableWidget(0, len(HEADERS), right)
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        metrics = self.table.fontMetrics()
        for column, width in enumerate((185, 230, 65, 120, metrics.horizontalAdvance("JP 00,5") + 12,
                                        metrics.horizontalAdvance("30 September 2026") + 18)):
            self.table.setColumnWidth(column, width)  # Terbit: the longest date whole
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(page.selection_changed)
        layout.addWidget(self.table, 1)
        self.skeleton.set_detail(right)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.skeleton)


class CertificatesPage(QWidget):
    """The register and, on further tabs, the numbering and template settings, the printer
    calibration and verification."""

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        from .settings_tabs import CalibrationTab, SettingsTab, VerifyTab

        self.db = db
        self.activity_id: int | None = None
        self.rows: list[dict] = []
        self.all_rows: list[dict] = []
        self.tabs = QTabWidget(self)
        self.register_tab = RegisterTab(self)
        self.settings_tab = SettingsTab(self)
        self.calibration_tab = CalibrationTab(self)
        self.verify_tab = VerifyTab(self)
        self.tabs.addTab(self.register_tab, self.tr("Register"))
        self.tabs.addTab(self.settings_tab, self.tr("Penomoran && templat"))
        self.tabs.addTab(self.calibration_tab, self.tr("Kalibrasi printer"))
        self.tabs.addTab(self.verify_tab, self.tr("Verifikasi && kunci"))
        self.tabs.currentChanged.connect(lambda _i: self.tabs.currentWidget().refresh()
                                         if hasattr(self.tabs.currentWidget(), "refresh") else None)
        # the register's widgets, by the names the rest of the app and the tests use
        for name in ("table", "count", "search", "status", "issue_button", "void_button",
                     "reissue_button", "print_button"):
            setattr(self, name, getattr(self.register_tab, name))
        self.list = self.register_tab.list
        self.verify_text = self.verify_tab.text
        self.verify_result = self.verify_tab.result
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.addWidget(self.tabs)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        current = select if select is not None else self.activity_id
        self.open_activity(self.register_tab.skeleton.fill(activity_entries(self.db), current))

    # ---------------------------------------------------------------- the register

    def open_activity(self, activity_id: int | None) -> None:
        self.activity_id = activity_id
        for button in self.register_tab.buttons:
            button.setEnabled(activity_id is not None)
        self.all_rows = cert.register(self.db, activity_id=activity_id) if activity_id else []
        valid = sum(1 for row in self.all_rows if not row["voided"])
        self.count.setText(self.tr("%s berlaku, %s dibatalkan") % (valid, len(self.all_rows) - valid))
        self.fill()

    def fill(self) -> None:
        """The register rows that pass the search and the status filter."""
        words = self.search.text().casefold().split()
        status = self.status.currentIndex()
        rows = []
        for row in self.all_rows:
            if (status == VALID and row["voided"]) or (status == VOIDED and not row["voided"]):
                continue
            haystack = " ".join(str(row.get(k) or "") for k in ("number", "name", "nip", "nuptk",
                                                                "school")).casefold()
            if all(word in haystack for word in words):
                rows.append(row)
        self.rows = rows
        replaced_by = {row["replaces"]: row["number"] for row in self.all_rows if row["replaces"]}
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            if row["voided"]:
                status_text = self.tr("Dibatalkan: %s") % row["void_reason"]
                if row["id"] in replaced_by:
                    status_text += self.tr("; diganti %s") % replaced_by[row["id"]]
            elif row.get("replaces_number"):
                status_text = self.tr("Berlaku, pengganti %s") % row["replaces_number"]
            else:
                status_text = self.tr("Berlaku")
            values = (row["number"], row["name"], row["tier_label"], row.get("subject") or "",
                      f"{row['jp']:g}", _date(row["issued_on"]), status_text)
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if row["voided"]:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(r, c, item)
        self.selection_changed()

    def selected_rows(self) -> list[dict]:
        picked = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not picked and 0 <= self.table.currentRow() < len(self.rows):
            picked = [self.table.currentRow()]
        return [self.rows[r] for r in picked if r < len(self.rows)]

    def selected_number(self) -> str | None:
        rows = self.selected_rows()
        return rows[0]["number"] if rows else None

    def selection_changed(self) -> None:
        if self.activity_id is None:
            return
        rows = self.selected_rows()
        replaced = {row["replaces"] for row in self.all_rows if row["replaces"]}
        self.void_button.setEnabled(len(rows) == 1 and not rows[0]["voided"])
        self.reissue_button.setEnabled(len(rows) == 1 and rows[0]["voided"]
                                       and rows[0]["id"] not in replaced)

    def issue(self, issued: dt.date | None = None) -> IssueDialog | None:
        if self.activity_id is None:
            return None
        if issued is None:  # certificates are dated the activity's last day, unless changed
            from kemitraan_desktop import activities
            issued = min(activities.get_activity(self.db, self.activity_id).end, dt.date.today())
        try:
            plan = cert.plan_issue(self.db, self.activity_id, issued)
        except KemitraanError as exc:
            show_error(self, exc)
            return None
        self.dialog = IssueDialog(self, plan)
        self.dialog.open()
        return self.dialog

    def void_selected(self, reason: str | None = None) -> bool:
        number = self.selected_number()
        if number is None:
            return False
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("Batalkan sertifikat"), self.tr(
                "Alasan membatalkan %s (nomornya tidak akan dipakai lagi):") % number)
            if not ok:
                return False
        try:
            cert.void(self.db, number, reason)
        except KemitraanError as exc:
            show_error(self, exc)
            return False
        self.open_activity(self.activity_id)
        show_status(self, self.tr("Sertifikat %s dibatalkan.") % number)
        return True

    def reissue_selected(self) -> bool:
        number = self.selected_number()
        if number is None:
            return False
        try:
            new_id = cert.reissue(self.db, number, dt.date.today())
        except KemitraanError as exc:
            show_error(self, exc)
            return False
        self.open_activity(self.activity_id)
        new = next((r for r in self.all_rows if r["id"] == new_id), None)
        if new in self.rows:  # the new certificate selected, ready to print
            self.table.selectRow(self.rows.index(new))
        show_status(self, self.tr("Sertifikat pengganti %s diterbitkan untuk %s.")
                    % (new["number"] if new else "", number))
        return True

    def verify(self) -> cert.Verification:
        return self.verify_tab.verify()

    # ---------------------------------------------------------------- printing

    def _job(self, path: str, options: dict, title: str, preview: bool = True,
             name: str = "") -> Job | None:
        """Print in the background; the preview offers `name` (what the PDF holds) to save."""
        if self.activity_id is None:
            return None
        name = name or self._name()
        from ..widgets.pdf_preview import show_pdf

        job = Job(self, store.db_file(self.db), _print, self.activity_id, path, options,
                  label=self.tr("Menyusun sertifikat..."))
        job.failed.connect(lambda exc: show_error(self, exc))
        if preview:
            job.succeeded.connect(lambda _r: self._preview(path, options, title, show_pdf, name))
        else:
            job.succeeded.connect(lambda _r: show_status(self, self.tr("Tersimpan: %s") % path))
        return job.start()

    def _preview(self, path: str, options: dict, title: str, show_pdf, name: str) -> None:
        from ..widgets.sign_off import offer_defaults

        self.preview = show_pdf(self, path, title, name)
        offer_defaults(self.preview, self.db, options.get("sign_off"),
                       lambda chosen: self._job(path, {**options, "sign_off": chosen}, title,
                                                name=name),
                       own_date=self.tr("tanggal terbit"))

    def _name(self, *more: str) -> str:
        """'sertifikat-OJL-1-Kota-Pekalongan.pdf', with what else tells this PDF apart."""
        try:
            title = act.get_activity(self.db, self.activity_id).title
        except KemitraanError:
            title = ""
        return file_name("sertifikat", title, *more) + ".pdf"

    def _temp(self) -> str:
        from ..widgets.pdf_preview import temp_pdf_path
        return str(temp_pdf_path("sertifikat.pdf"))

    def print_all(self, *, back: bool = False, path: str | None = None) -> Job | None:
        return self._job(path or self._temp(), {"back": back}, self.tr("Sertifikat"))

    def print_selected(self, path: str | None = None) -> Job | None:
        selected = self.selected_rows()
        numbers = [r["number"] for r in selected if not r["voided"]]
        if numbers and len(numbers) < len(selected):
            show_status(self, self.tr("%s sertifikat yang dibatalkan tidak dicetak.")
                        % (len(selected) - len(numbers)))
        if not numbers:
            show_error(self, KemitraanError(self.tr(
                "Pilih dulu sertifikat yang berlaku di tabel (Ctrl+klik untuk beberapa).")))
            return None
        if len(numbers) == 1:  # one teacher's: named after the teacher and the number
            row = next(r for r in selected if not r["voided"])
            name = file_name("sertifikat", row["name"], row["number"].split("/")[1]
                             if "/" in row["number"] else row["number"]) + ".pdf"
        else:
            name = self._name(f"{len(numbers)}-terpilih")
        return self._job(path or self._temp(), {"numbers": numbers},
                         self.tr("Sertifikat terpilih"), name=name)

    def print_blanko(self, printer: str | None = None, path: str | None = None) -> Job | None:
        """Only the variable text, moved by the chosen printer's calibrated offset."""
        if printer is None:
            from .settings_tabs import printer_names
            names = printer_names(self.db)
            if not names:
                show_error(self, KemitraanError(self.tr(
                    "Belum ada printer yang dikalibrasi; buka tab Kalibrasi printer dulu.")))
                return None
            printer, ok = QInputDialog.getItem(self, self.tr("Cetak ke kertas blanko"), self.tr(
                "Printer (geser hasil kalibrasinya dipakai):"), names, 0, False)
            if not ok:
                return None
        shift = cert.describe_offset(*cert.printer_offset(self.db, printer))
        return self._job(path or self._temp(), {"blanko": True, "printer": printer},
                         self.tr("Sertifikat blanko untuk %s (%s)") % (printer, shift))

    def save_zip(self, path: str | None = None) -> Job | None:
        if self.activity_id is None:
            return None
        if path is None:
            chosen = ask_save_path(self, self.tr("Simpan ZIP sertifikat"), "sertifikat.zip",
                                   self.tr("Arsip ZIP (*.zip)"), ".zip", store.db_file(self.db))
            if chosen is None:
                return None
            path = str(chosen)
        if not path.lower().endswith(".zip"):
            path += ".zip"
        return self._job(path, {}, "", preview=False)

    def print_biodata(self) -> None:
        if self.activity_id is None:
            return
        from kemitraan_desktop.documents.biodata import print_biodata

        from ..widgets.pdf_preview import show_pdf, temp_pdf_path
        path = temp_pdf_path("verifikasi-biodata.pdf")
        try:
            print_biodata(self.db, self.activity_id, path)
        except KemitraanError as exc:
            show_error(self, exc)
            return
        self.biodata_preview = show_pdf(self.window(), path, self.tr("Lembar verifikasi biodata"),
                                        "verifikasi-biodata.pdf")

    def export_register(self, path: str | None = None) -> str | None:
        if self.activity_id is None:
            return None
        from kemitraan_desktop import activities
        from kemitraan_desktop.spreadsheets.export import export_register

        program_id = activities.get_activity(self.db, self.activity_id).program_id
        if path is None:
            chosen = ask_save_path(self, self.tr("Simpan register sertifikat"),
                                   "register-sertifikat.xlsx", self.tr("Buku kerja Excel (*.xlsx)"),
                                   ".xlsx", store.db_file(self.db))
            if chosen is None:
                return None
            path = str(chosen)
        try:
            export_register(self.db, program_id, path)
        except KemitraanError as exc:
            show_error(self, exc)
            return None
        show_status(self, self.tr("Register tersimpan: %s") % path)
        return path
