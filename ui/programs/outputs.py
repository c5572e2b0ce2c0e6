"""The pairing list of a program as .xlsx (export) and as the Daftar Pasangan PDF, previewed
with its sign-off; printing with errors in the checks asks first."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from kemitraan_desktop import store

from ..errors import show_error
from ..ops import Job
from ..widgets.confirm import confirm
from ..widgets.save_dialog import ask_save_path, file_name
from ..widgets.status import show_status


def _export_pairs(db, program_id, path, progress=None, cancelled=None):
    from kemitraan_desktop.spreadsheets import export_pairs
    return export_pairs(db, program_id, path, progress=progress, cancelled=cancelled)


def _print_pairs(db, program_id, path, paper, sign_off=None, progress=None, cancelled=None):
    from kemitraan_desktop.documents.pairs import print_pairs
    return print_pairs(db, program_id, path, paper=paper, sign_off=sign_off)


class PairsOutputs(QObject):
    """The programs page's Ekspor .xlsx and Cetak PDF, for the page's open program."""

    def __init__(self, page):
        super().__init__(page)
        self.page = page

    def _save_path(self, title: str, name: str, filter_: str, suffix: str) -> str | None:
        chosen = ask_save_path(self.page, title, name, filter_, suffix, store.db_file(self.page.db))
        return None if chosen is None else str(chosen)

    def _file_name(self, kind: str) -> str:
        return file_name(kind, self.page.program.name, str(self.page.program.year))

    def export_pairs(self, path: str | None = None) -> Job | None:
        if self.page.program is None:
            return None
        path = path or self._save_path(self.tr("Ekspor daftar pasangan"),
                                       self._file_name("pasangan") + ".xlsx",
                                       self.tr("Buku kerja Excel (*.xlsx)"), ".xlsx")
        if not path:
            return None
        job = Job(self.page, store.db_file(self.page.db), _export_pairs, self.page.program.id, path,
                  label=self.tr("Mengekspor daftar pasangan..."))
        job.failed.connect(lambda exc: show_error(self.page, exc))
        job.succeeded.connect(lambda _r: show_status(self.page, self.tr("Daftar pasangan diekspor ke %s") % path))
        return job.start()

    def print_pairs(self, path: str | None = None, *, paper: str | None = None,
                    open_after: bool = True, confirmed: bool = False, sign_off=None) -> Job | None:
        if self.page.program is None:
            return None
        errors = self.page.checks.errors()
        if errors and not confirmed:
            self.page.confirm_box = confirm(
                self.page, self.tr("Cetak Daftar Pasangan"),
                self.tr("Pemeriksaan menemukan %s kesalahan pada pasangan program ini (lihat "
                        "panel Pemeriksaan). Tetap cetak?") % errors, self.tr("Tetap cetak"),
                lambda: self.print_pairs(path, paper=paper, open_after=open_after, confirmed=True),
                icon=QMessageBox.Icon.Warning)
            return None
        name = self._file_name("daftar-pasangan") + ".pdf"
        from ..widgets.pdf_preview import temp_pdf_path  # QtPdf loads when first needed

        path = path or str(temp_pdf_path(name))
        title = self.tr("Daftar Pasangan %s Tahun %s") % (self.page.program.name, self.page.program.year)
        job = Job(self.page, store.db_file(self.page.db), _print_pairs, self.page.program.id, path, paper,
                  sign_off, label=self.tr("Menyusun Daftar Pasangan..."))
        job.failed.connect(lambda exc: show_error(self.page, exc))
        if open_after:  # the preview shows it; Cetak and Simpan PDF are there
            job.succeeded.connect(lambda _r: self._preview(path, title, name, sign_off, paper))
        return job.start()

    def _preview(self, path: str, title: str, name: str, sign_off, paper) -> None:
        from ..widgets.pdf_preview import show_pdf
        from ..widgets.sign_off import offer_defaults

        self.page.preview = show_pdf(self.page, path, title, name)
        offer_defaults(self.page.preview, self.page.db, sign_off, lambda chosen: self.print_pairs(
            path, paper=paper, confirmed=True, sign_off=chosen))
