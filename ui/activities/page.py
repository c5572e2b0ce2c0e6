"""Kegiatan & Rundown: the activities of every program and, for the chosen one, its heading,
its people, its dates and templates, the rundown editor (rundown.py), and the rundown as
.xlsx and printed as JADWAL KEGIATAN."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import activities as act
from kemitraan_desktop import indonesia as ind
from kemitraan_desktop import rundown_templates, store
from kemitraan_desktop.errors import KemitraanError, NotFoundError

from ..errors import details_dialog, show_error
from ..ops import Job
from ..widgets.confirm import confirm
from ..widgets.list_detail import ListDetail
from ..widgets.save_dialog import ask_save_path, file_name
from ..widgets.status import show_status
from .activity_list import activity_entries
from .rundown import RundownChange, RundownEditor


def _print_rundown(db, activity_id, path, paper, school, sign_off=None, progress=None,
                   cancelled=None):
    from kemitraan_desktop.documents.rundown import print_rundown
    return print_rundown(db, activity_id, path, paper=paper, school=school, sign_off=sign_off)


def _export_rundown(db, activity_id, path, progress=None, cancelled=None):
    from kemitraan_desktop.spreadsheets import export_rundown
    return export_rundown(db, activity_id, path)


def _check_rundown(db, activity_id, path, progress=None, cancelled=None):
    from kemitraan_desktop.spreadsheets import import_rundown
    return import_rundown(db, activity_id, path, dry_run=True, progress=progress,
                          cancelled=cancelled)


def _import_rundown(db, activity_id, path, progress=None, cancelled=None):
    from kemitraan_desktop.spreadsheets import import_rundown
    return import_rundown(db, activity_id, path, progress=progress, cancelled=cancelled)


class ShiftActivity(QUndoCommand):
    """An activity and its rundown moved to new dates; undo moves them back."""

    def __init__(self, page: ActivitiesPage, activity_id: int, old_start: dt.date, new_start: dt.date):
        super().__init__(page.tr("Geser tanggal kegiatan"))
        self.page, self.activity_id = page, activity_id
        self.delta = new_start - old_start  # by how much: the dates may be edited in between

    def _move(self, delta: dt.timedelta) -> None:
        try:
            start = act.get_activity(self.page.db, self.activity_id).start + delta
            moved = act.shift_activity(self.page.db, self.activity_id, start)
        except KemitraanError as exc:
            self.setObsolete(True)
            show_error(self.page, exc)
            return
        self.page.reload_activities(select=self.activity_id)
        self.page.window_status(self.page.tr("Kegiatan dan rundown kini %s.")
                                % ind.format_date_range(moved.start, moved.end))

    def redo(self) -> None:
        self._move(self.delta)

    def undo(self) -> None:
        self._move(-self.delta)


class ActivitiesPage(QWidget):
    """Activities on the left; the chosen one's heading, tools and rundown on the right."""

    changed = Signal()

    def __init__(self, db, undo_stack: QUndoStack | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.undo_stack = undo_stack or QUndoStack(self)
        self.activity: act.Activity | None = None
        self.skeleton = ListDetail(self.tr("Kegiatan"), self, buttons=True,
                                   new_tip=self.tr("Kegiatan baru"), list_width=250)
        self.list = self.skeleton.list
        self.new_button, self.edit_button, self.delete_button = (
            self.skeleton.new_button, self.skeleton.edit_button, self.skeleton.delete_button)
        self.skeleton.chosen.connect(self.open_activity)
        self.skeleton.activated.connect(lambda: self.edit_activity())
        self.new_button.clicked.connect(lambda: self.new_activity())
        self.edit_button.clicked.connect(lambda: self.edit_activity())
        self.delete_button.clicked.connect(lambda: self.delete_activity())
        self.skeleton.set_detail(self._activity_view())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.skeleton)
        self._ready = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._ready:
            self._ready = True
            self.reload_activities()

    def _activity_view(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(box)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        bar = QHBoxLayout()
        self.template_button = QPushButton(self.tr("Templat"), box)
        menu = QMenu(self.template_button)
        menu.addAction(self.tr("Terapkan templat..."), lambda: self.choose_template())
        menu.addAction(self.tr("Simpan rundown sebagai templat..."), lambda: self.save_template())
        self.template_button.setMenu(menu)
        self.shift_button = QPushButton(self.tr("Geser tanggal..."), box)
        self.shift_button.clicked.connect(lambda: self.shift_dates())
        self.people_button = QPushButton(self.tr("Peserta..."), box)
        self.people_button.setToolTip(self.tr("Peserta, narasumber dan panitia kegiatan"))
        self.people_button.clicked.connect(lambda: self.edit_people())
        self.excel_button = QPushButton(self.tr("Excel"), box)
        excel = QMenu(self.excel_button)
        excel.addAction(self.tr("Impor rundown dari .xlsx..."), lambda: self.import_rundown())
        excel.addAction(self.tr("Ekspor rundown ke .xlsx..."), lambda: self.export_rundown())
        self.excel_button.setMenu(excel)
        self.print_button = QPushButton(self.tr("Cetak jadwal"), box)
        self.print_menu = QMenu(self.print_button)
        self.print_menu.aboutToShow.connect(self._fill_print_menu)
        self.print_button.setMenu(self.print_menu)
        self.paperwork_button = QPushButton(self.tr("Surat && dokumen"), box)
        self.paperwork_button.setToolTip(self.tr("Surat undangan, surat tugas, SK, daftar "
                                                 "penerimaan, tanda nama, laporan kegiatan"))
        self.paperwork_button.clicked.connect(lambda: self.open_paperwork())
        for button in (self.template_button, self.shift_button, self.people_button,
                       self.excel_button, self.print_button, self.paperwork_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)

        self.rundown = RundownEditor(self.db, self.undo_stack, self.alive, box)
        self.rundown.changed.connect(self.changed)
        self.rundown.status.connect(self.window_status)
        self.rundown.otherSaved.connect(lambda aid: self.reload_activities(select=aid))
        layout.addWidget(self.rundown, 1)
        self.activity_widgets = [self.template_button, self.shift_button, self.people_button,
                                 self.excel_button, self.print_button, self.paperwork_button,
                                 self.rundown.days,
                                 self.edit_button, self.delete_button]
        return box

    # ---- activities

    def reload_activities(self, select: int | None = None) -> None:
        current = select if select is not None else (self.activity.id if self.activity else None)
        self.open_activity(self.skeleton.fill(activity_entries(self.db, detailed=True), current,
                                              last=True))

    def open_activity(self, activity_id: int | None) -> None:
        for widget in self.activity_widgets:
            widget.setEnabled(activity_id is not None)
        if activity_id is None:
            self.activity = None
            self.heading.setText(self.tr("Belum ada kegiatan. Klik <b>Baru...</b> untuk membuat "
                                         "workshop, OJL atau kegiatan lain sebuah program."))
            self.rundown.open(None)
            return
        try:
            self.activity = act.get_activity(self.db, activity_id)
        except NotFoundError:
            self.activity = None
            self.reload_activities()
            return
        self._heading()
        self.rundown.open(self.activity)

    def _heading(self) -> None:
        a = self.activity
        zone = act.time_zone(self.db, a.region_code)
        city = act.region_name(self.db, a.region_code)
        participants = len(act.activity_participants(self.db, a.id))
        place = ", ".join(x for x in (a.venue, city) if x) or "-"
        self.heading.setText(
            f"<b style='font-size:14pt'>{ind_escape(a.title)}</b><br>"
            + self.tr("%s · %s · %s (%s) · %s peserta") % (
                a.kind_label, ind.format_date_range(a.start, a.end), ind_escape(place), zone,
                participants))

    def new_activity(self):
        from .activity_form import ActivityForm

        form = ActivityForm(self.db, None, self,
                            program_id=self.activity.program_id if self.activity else None)
        form.saved.connect(lambda aid: self.reload_activities(select=aid))
        form.open()
        return form

    def edit_activity(self):
        from .activity_form import ActivityForm

        if self.activity is None:
            return None
        form = ActivityForm(self.db, self.activity, self)
        form.saved.connect(lambda aid: self.reload_activities(select=aid))
        form.open()
        return form

    def delete_activity(self) -> QMessageBox | None:
        if self.activity is None:
            return None
        activity = self.activity

        def delete():
            act.delete_activity(self.db, activity.id)
            self.activity = None
            self.reload_activities()
        return confirm(self, self.tr("Hapus kegiatan"),
                       self.tr("Hapus kegiatan '%s' beserta rundown-nya? Ini tidak dapat "
                               "dibatalkan.") % activity.title,
                       self.tr("Hapus"), delete, icon=QMessageBox.Icon.Warning)

    def alive(self) -> bool:
        """False (and the list reloaded) when the activity or its program was deleted meanwhile."""
        if self.activity is None:
            return False
        try:
            act.get_activity(self.db, self.activity.id)
        except NotFoundError:
            self.activity = None
            self.reload_activities()
            return False
        return True

    def refresh(self) -> None:
        """Programs or participants changed elsewhere (a program deleted, people moved)."""
        if self._ready:
            self.reload_activities()

    def edit_people(self):
        from .activity_form import ActivityPeople

        if not self.alive():
            return None
        dialog = ActivityPeople(self.db, self.activity, self)
        dialog.accepted.connect(self._heading)
        dialog.open()
        return dialog

    # ---- templates and dates

    def choose_template(self):
        if not self.alive():
            return None
        templates = rundown_templates.list_templates(self.db)
        names = [t.name + ("" if t.builtin else self.tr(" (buatan kantor)")) for t in templates]
        default = next((i for i, t in enumerate(templates) if t.kind == self.activity.kind), 0)
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Terapkan templat"))
        dialog.setLabelText(self.tr("Rundown diisi dari templat, mulai %s. Rundown yang ada diganti "
                                    "(dapat dibatalkan dengan Ctrl+Z).")
                            % ind.format_date(self.activity.start))
        dialog.setComboBoxItems(names)
        dialog.setTextValue(names[default])
        dialog.setOkButtonText(self.tr("Terapkan"))
        dialog.setCancelButtonText(self.tr("Batal"))
        dialog.textValueSelected.connect(lambda name: self.apply_template(templates[names.index(name)]))
        dialog.open()
        self.template_dialog = dialog
        return dialog

    def apply_template(self, template: rundown_templates.Template) -> bool:
        items = rundown_templates.apply_template(self.db, self.activity.id, template)
        done = self.rundown.commit(items, self.tr("Terapkan templat %s") % template.name)
        notes = []
        if template.days > len(self.activity.days):
            notes.append(self.tr("Templat %s hari lebih panjang dari kegiatan (%s hari); acara di "
                                 "luar tanggal ditandai.") % (template.days, len(self.activity.days)))
        weekday = template.weekday_warning(self.activity.start)
        if weekday:
            notes.append(weekday)
        if done and notes:
            self.template_note = QMessageBox(QMessageBox.Icon.Information, self.tr("Templat diterapkan"),
                                             "\n\n".join(notes), QMessageBox.StandardButton.Close, self)
            self.template_note.button(QMessageBox.StandardButton.Close).setText(self.tr("Tutup"))
            self.template_note.open()
        return done

    def save_template(self) -> None:
        if self.activity is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Simpan sebagai templat"),
                                        self.tr("Nama templat baru:"),
                                        text=f"{self.activity.kind_label} ({len(self.activity.days)} hari)")
        if not ok:
            return
        try:
            rundown_templates.save_as_template(self.db, self.activity.id, name)
        except KemitraanError as exc:
            show_error(self, exc)
            return
        self.window_status(self.tr("Templat '%s' disimpan.") % name.strip())

    def shift_dates(self):
        from .activity_form import ShiftDialog

        if self.activity is None:
            return None
        dialog = ShiftDialog(self.activity, self)

        def shift():
            command = ShiftActivity(self, self.activity.id, self.activity.start, dialog.new_start())
            self.undo_stack.push(command)
        dialog.accepted.connect(shift)
        dialog.open()
        return dialog

    # ---- files and printing

    def window_status(self, text: str) -> None:
        show_status(self, text)

    def _fill_print_menu(self) -> None:
        self.print_menu.clear()
        if not self.alive():
            return
        from kemitraan_desktop import office
        paper = getattr(self, "paper", None) or office.load_profile(self.db).paper
        for key, text in (("f4", "Kertas F4 (215 x 330 mm)"), ("a4", "Kertas A4")):
            action = self.print_menu.addAction(self.tr(text))
            action.setCheckable(True)
            action.setChecked(paper == key)
            action.triggered.connect(lambda _c=False, k=key: setattr(self, "paper", k))
        self.print_menu.addSeparator()
        self.print_menu.addAction(self.tr("Jadwal lengkap..."),
                                  lambda: self.print_rundown(paper=paper))
        for school in act.host_schools(self.db, self.activity.id):
            if any(i.school_id == school["id"] for i in self.rundown.items):
                self.print_menu.addAction(self.tr("Untuk %s...") % school["name"],
                                          lambda s=school: self.print_rundown(school=s["id"], paper=paper))

    def print_rundown(self, path: str | None = None, *, school: int | None = None,
                      paper: str | None = None, show: bool = True, sign_off=None) -> Job | None:
        if self.activity is None:
            return None
        if path is None:
            from ..widgets.pdf_preview import temp_pdf_path
            which = self.rundown.school_names.get(school, "") if school else ""
            name = file_name(f"jadwal-{self.activity.title}" + (f"-{which}" if which else ""))
            path = str(temp_pdf_path(name + ".pdf"))
        job = Job(self, store.db_file(self.db), _print_rundown, self.activity.id, path, paper,
                  school, sign_off, label=self.tr("Menyusun jadwal kegiatan..."))
        job.failed.connect(lambda exc: show_error(self, exc))
        if show:
            title = self.tr("Jadwal Kegiatan - %s") % self.activity.title
            last_day = self.activity.end
            job.succeeded.connect(lambda _r: self._show_pdf(
                path, title, sign_off, last_day,
                lambda chosen: self.print_rundown(path, school=school, paper=paper, sign_off=chosen)))
        return self._start(job)

    def open_paperwork(self):
        """Surat dan Dokumen Kegiatan for the open activity (ui/paperwork)."""
        from ..paperwork.dialog import PaperworkDialog

        if not self.alive():
            return None
        self.paperwork = PaperworkDialog(self.db, self.activity.id, self)
        self.paperwork.open()
        return self.paperwork

    def _show_pdf(self, path: str, title: str, sign_off=None, last_day=None, redo=None) -> None:
        from ..widgets.pdf_preview import show_pdf
        self.preview = show_pdf(self, path, title, Path(path).name)
        if redo is not None:
            from ..widgets.sign_off import offer_defaults
            offer_defaults(self.preview, self.db, sign_off, redo, last_day=last_day)

    def export_rundown(self, path: str | None = None) -> Job | None:
        if self.activity is None:
            return None
        if path is None:
            chosen = ask_save_path(self, self.tr("Ekspor rundown"),
                                   file_name(f"rundown-{self.activity.title}") + ".xlsx",
                                   self.tr("Buku kerja Excel (*.xlsx)"), ".xlsx", store.db_file(self.db))
            if chosen is None:
                return None
            path = str(chosen)
        job = Job(self, store.db_file(self.db), _export_rundown, self.activity.id, path,
                  label=self.tr("Mengekspor rundown..."))
        job.failed.connect(lambda exc: show_error(self, exc))
        job.succeeded.connect(lambda _r: self.window_status(self.tr("Rundown diekspor ke %s") % path))
        return self._start(job)

    def import_rundown(self, path: str | None = None) -> Job | None:
        """Check the file in the background; nothing is replaced until the operator has seen
        what comes (`import_box`), and the write runs in the background too."""
        if self.activity is None:
            return None
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Impor rundown"), "",
                                                  self.tr("Lembar kerja (*.xlsx *.xls *.ods *.csv)"))
            if not path:
                return None
        activity = self.activity
        job = Job(self, store.db_file(self.db), _check_rundown, activity.id, path,
                  label=self.tr("Memeriksa berkas rundown..."))
        job.failed.connect(lambda exc: show_error(self, exc))
        job.succeeded.connect(lambda check: self._ask_import(activity, path, check))
        return self._start(job)

    def _ask_import(self, activity, path: str, check) -> None:
        if self.activity is None or self.activity.id != activity.id:
            return  # the operator moved on to another activity meanwhile
        if check.problems:
            self.import_box = details_dialog(self, self.tr("Impor rundown"), check.summary(),
                                             check.details())
            return
        question = self.tr("Ganti rundown '%s' (%s acara) dengan %s acara dari berkas %s?") % (
            activity.title, len(self.rundown.items), check.items, Path(path).name)
        if check.warnings:
            question += "\n\n" + self.tr("%s peringatan:") % len(check.warnings) + "\n" + \
                "\n".join(str(w) for w in check.warnings[:8]) + ("\n..." if len(check.warnings) > 8 else "")
        self.import_box = confirm(self, self.tr("Impor rundown"), question,
                                  self.tr("Ganti rundown"), lambda: self._import_now(path))

    def _import_now(self, path: str) -> Job:
        activity_id, before = self.activity.id, list(self.rundown.items)
        job = Job(self, store.db_file(self.db), _import_rundown, activity_id, path,
                  label=self.tr("Mengimpor rundown..."))
        job.failed.connect(lambda exc: show_error(self, exc))
        job.succeeded.connect(lambda report: self._imported(activity_id, before, report))
        self.import_job = self._start(job)
        return self.import_job

    def _imported(self, activity_id: int, before: list, report) -> None:
        if not report.written:  # the file changed since it was checked
            self.import_box = details_dialog(self, self.tr("Impor rundown"), report.summary(),
                                             report.details())
            return
        after = act.list_items(self.db, activity_id)
        # the import saved already; the undo step restores the rundown before it
        command = RundownChange(self.rundown, activity_id, before, after, self.tr("Impor rundown"))
        self.undo_stack.push(command)
        self.window_status(report.summary())

    def _start(self, job: Job) -> Job:
        return job.start()


def ind_escape(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

