"""One RTL: a new plan for a participant, or a plan changed and its progress recorded (a
new status or a note on how it goes is kept in its history, dated)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import action_plans as plans
from kemitraan_desktop import programs
from kemitraan_desktop.errors import KemitraanError, ValidationError
from kemitraan_desktop.indonesia import format_date
from kemitraan_desktop.mentoring import ProgramPeople

from ..errors import show_error
from ..widgets.date_field import DateField
from .dialog_parts import error_and_buttons
from .people_field import PersonField


class PlanDialog(QDialog):
    """A new plan (plan None) or an existing one (a list_plans row) changed."""

    saved = Signal(int, str)  # plan id, what happened

    def __init__(self, db, program: programs.Program, people: ProgramPeople,
                 parent: QWidget | None = None, *, plan: dict | None = None,
                 participant_id: int | None = None):
        super().__init__(parent)
        self.db, self.program, self.plan = db, program, plan
        self.setWindowTitle(self.tr("Ubah RTL dan catat kemajuan") if plan else self.tr("RTL baru"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.person = PersonField(people, self)
        self.person.setObjectName("person")
        self.action = QLineEdit(self)
        self.action.setObjectName("action")
        self.action.setPlaceholderText(self.tr("mis. Pengimbasan model PBL di MGMP IPA"))
        self.partners = QLineEdit(self)
        self.partners.setPlaceholderText(self.tr("mis. guru imbas, MGMP IPA kabupaten"))
        self.due = DateField(self, plan["due"] if plan else None)
        self.indicator = QLineEdit(self)
        self.indicator.setPlaceholderText(self.tr("mis. 10 guru imbas menyusun RPP PBL"))
        if plan is None:
            form.addRow(self.tr("Peserta *"), self.person)
            self.person.choose(participant_id)
        else:
            who = QLabel(f"<b>{plan['name']}</b> · {plan['role']}", self)
            form.addRow(self.tr("Peserta"), who)
            self.action.setText(plan["action"])
            self.partners.setText(plan["partners"] or "")
            self.indicator.setText(plan["indicator"] or "")
        for label, widget in (("Kegiatan/Aksi *", self.action), ("Sasaran/Bersama", self.partners),
                              ("Target waktu *", self.due),
                              ("Indikator keberhasilan", self.indicator)):
            form.addRow(self.tr(label), widget)
        if plan is not None:
            self.status = QComboBox(self)
            self.status.setObjectName("status")
            for key, label in plans.STATUSES.items():
                self.status.addItem(self.tr(label), key)
            self.status.setCurrentIndex(self.status.findData(plan["status"]))
            self.note = QLineEdit(self)
            self.note.setObjectName("note")
            self.note.setPlaceholderText(self.tr("kemajuannya, mis. RPP sudah diimbaskan ke 6 guru"))
            self.day = DateField(self, dt.date.today())
            form.addRow(self.tr("Status"), self.status)
            form.addRow(self.tr("Catatan kemajuan"), self.note)
            form.addRow(self.tr("Tanggal kemajuan"), self.day)
            self.history = QListWidget(self)
            self.history.setMaximumHeight(110)
            for step in plans.progress(db, plan["id"]):
                note = f": {step['note']}" if step["note"] else ""
                self.history.addItem(f"{format_date(step['day'], False)} · "
                                     f"{self.tr(step['status_label'])}{note}")
            if not self.history.count():
                self.history.addItem(self.tr("Belum ada catatan kemajuan."))
            form.addRow(self.tr("Riwayat"), self.history)
        layout.addLayout(form)
        self.error = error_and_buttons(self, layout)
        (self.note if plan else self.person if participant_id is None else self.action).setFocus()

    def save(self) -> int | None:
        due = self.due.date()
        if due is None:
            self.error.setText(self.due.problem or self.tr("Isi target waktu (mis. 30/11/2019)."))
            return None
        try:
            if self.plan is None:
                person = self.person.chosen()
                if person is None:
                    self.error.setText(self.tr("Pilih peserta: ketik nama atau NUPTK/NIP lalu "
                                               "pilih dari daftar."))
                    return None
                plan_id = plans.add_plan(self.db, self.program.id, person, self.action.text(), due,
                                         partners=self.partners.text(),
                                         indicator=self.indicator.text())
                text = self.tr("RTL %s ditambahkan.") % self.person.name()
            else:
                plan_id = self.plan["id"]
                if self.note.text().strip() or self.status.currentData() != self.plan["status"]:
                    day = self.day.date()
                    if day is None:
                        self.error.setText(self.day.problem or self.tr("Isi tanggal kemajuan."))
                        return None
                else:
                    day = None
                plans.update_plan(self.db, plan_id, status=self.status.currentData(),
                                  note=self.note.text() if self.note.text().strip() else None,
                                  day=day, action=self.action.text(), due=due,
                                  indicator=self.indicator.text(), partners=self.partners.text())
                text = self.tr("RTL %s: %s.") % (self.plan["name"], self.status.currentText())
        except ValidationError as exc:
            self.error.setText("\n".join(m for _k, m in exc.problems) or exc.message)
            return None
        except KemitraanError as exc:
            show_error(self, exc)
            return None
        self.saved.emit(plan_id, text)
        self.accept()
        return plan_id
