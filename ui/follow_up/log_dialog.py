"""Catat pendampingan: one contact typed fast from the mitra's notes on a slow PC. The
mentor and the mentee typed by name or NUPTK/NIP, the date today unless changed, the mode
one of four buttons; Enter saves and clears the form for the next contact, keeping the
mentor, the date and the mode."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import mentoring as mtr
from kemitraan_desktop import programs
from kemitraan_desktop.charts import format_number
from kemitraan_desktop.errors import KemitraanError, ValidationError
from kemitraan_desktop.indonesia import format_date
from kemitraan_desktop.mentoring import ProgramPeople

from ..errors import show_error
from ..widgets.date_field import DateField
from ..widgets.hint import hint_label
from .people_field import PersonField

EVIDENCE_ID = Qt.ItemDataRole.UserRole
# which field a problem of check_entry concerns
_FIELD_OF = {"pair": "mentee", "day": "day", "mode": "mode", "topic": "topic", "jp": "jp",
             "agreed": "agreed", "follow_up": "follow_up", "evidence": "evidence"}


class LogEntryDialog(QDialog):
    """New contacts one after another (entry None), or one entry changed."""

    saved = Signal(int, str)  # log id, what was recorded (for the status line)

    def __init__(self, db, program: programs.Program, people: ProgramPeople,
                 parent: QWidget | None = None, *, entry: mtr.Entry | None = None,
                 mentor_id: int | None = None, mentee_id: int | None = None):
        super().__init__(parent)
        self.db, self.program, self.people, self.entry = db, program, people, entry
        self.setWindowTitle(self.tr("Ubah catatan pendampingan") if entry
                            else self.tr("Catat pendampingan"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        mentors = {m.mentor_id for m in people.members.values() if m.mentor_id}
        self.mentor = PersonField(people, self, accept=lambda m: m.id in mentors)
        self.mentor.setObjectName("mentor")
        self.mentee = PersonField(people, self, accept=self._under_mentor)
        self.mentee.setObjectName("mentee")
        self.mentor.personChanged.connect(lambda _pid: self.mentee.set_filter(self._under_mentor))
        self.day = DateField(self, entry.day if entry else dt.date.today())
        modes = QHBoxLayout()
        self.modes = QButtonGroup(self)
        self.modes.setExclusive(True)
        for number, (key, label) in enumerate(mtr.MODES.items()):
            button = QPushButton(self.tr(label), self)
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setObjectName(key)
            button.setToolTip(self.tr("Alt+%s") % (number + 1))
            button.setShortcut(f"Alt+{number + 1}")
            self.modes.addButton(button, number)
            modes.addWidget(button)
        modes.addStretch(1)
        self.modes.button(0).setChecked(True)
        self.jp = QLineEdit(self)
        self.jp.setPlaceholderText(self.tr("mis. 2 atau 1,5"))
        self.jp.setMaximumWidth(120)
        self.topic = QLineEdit(self)
        self.topic.setObjectName("topic")
        self.topic.setPlaceholderText(self.tr("mis. Diskusi RPP pembelajaran berbasis masalah"))
        self.agreed = QLineEdit(self)
        self.agreed.setPlaceholderText(self.tr("apa yang disepakati"))
        self.follow_up = QLineEdit(self)
        self.follow_up.setPlaceholderText(self.tr("mis. Observasi kelas minggu depan"))
        for label, widget in (("Pembimbing *", self.mentor), ("Peserta *", self.mentee),
                              ("Tanggal *", self.day), ("Bentuk *", modes), ("JP", self.jp),
                              ("Topik *", self.topic), ("Kesepakatan", self.agreed),
                              ("Tindak lanjut", self.follow_up)):
            form.addRow(self.tr(label), widget)
        form.addRow(self.tr("Bukti"), self._evidence_box())
        layout.addLayout(form)
        if entry is None:
            layout.addWidget(hint_label(self.tr(
                "Enter menyimpan lalu mengosongkan isian untuk pendampingan berikutnya; "
                "pembimbing, tanggal dan bentuk tetap."), self))
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.last = QLabel(self)
        self.last.setObjectName("last")
        self.last.setStyleSheet("color: #1e6b34;")
        self.last.setWordWrap(True)
        layout.addWidget(self.last)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(
            self.tr("Simpan") if entry else self.tr("Simpan && berikutnya"),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        close = buttons.addButton(self.tr("Tutup"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setAutoDefault(False)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.saved_count = 0
        if entry is not None:
            self._fill(entry)
        else:
            self.mentor.choose(mentor_id)
            self.mentee.choose(mentee_id)
        (self.topic if mentee_id or entry else self.mentee if mentor_id else self.mentor).setFocus()

    def _evidence_box(self) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.files = QListWidget(box)
        self.files.setObjectName("evidence")
        self.files.setMaximumHeight(64)
        row.addWidget(self.files, 1)
        column = QVBoxLayout()
        add = QPushButton(self.tr("Tambah berkas..."), box)
        add.setAutoDefault(False)
        add.setToolTip(self.tr("Foto JPEG/PNG atau dokumen PDF, DOCX, XLSX; foto diperkecil "
                               "otomatis"))
        add.clicked.connect(lambda: self.add_files())
        remove = QPushButton(self.tr("Hapus berkas"), box)
        remove.setAutoDefault(False)
        remove.clicked.connect(self._remove_file)
        column.addWidget(add)
        column.addWidget(remove)
        column.addStretch(1)
        row.addLayout(column)
        self.removed: list[int] = []
        return box

    def _under_mentor(self, member: mtr.Member) -> bool:
        mentor = self.mentor.chosen() if hasattr(self, "mentor") else None
        if member.mentor_id is None:
            return False
        return mentor is None or any(m.id == mentor for m in self.people.mentors_of(member))

    def _fill(self, entry: mtr.Entry) -> None:
        self.mentor.choose(entry.mentor_id)
        self.mentee.choose(entry.mentee_id)
        self.modes.button(list(mtr.MODES).index(entry.mode)).setChecked(True)
        self.jp.setText("" if entry.jp is None else format_number(entry.jp))
        self.topic.setText(entry.topic)
        self.agreed.setText(entry.agreed)
        self.follow_up.setText(entry.follow_up)
        for item in mtr.evidence(self.db, entry.id):
            QListWidgetItem(item.name, self.files).setData(EVIDENCE_ID, item.id)

    def add_files(self, paths: list[str] | None = None) -> None:
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(
                self, self.tr("Bukti pendampingan"), "",
                self.tr("Foto dan dokumen (*.jpg *.jpeg *.png *.pdf *.docx *.xlsx)"))
        for path in paths:
            QListWidgetItem(Path(path).name, self.files).setData(EVIDENCE_ID, str(path))

    def _remove_file(self) -> None:
        row = self.files.currentRow()
        if row < 0:
            return
        value = self.files.takeItem(row).data(EVIDENCE_ID)
        if isinstance(value, int):
            self.removed.append(value)

    def mode(self) -> str:
        return list(mtr.MODES)[max(0, self.modes.checkedId())]

    def _new_files(self) -> list[str]:
        values = [self.files.item(r).data(EVIDENCE_ID) for r in range(self.files.count())]
        return [v for v in values if isinstance(v, str)]

    def save(self) -> int | None:
        """Store the contact; a refusal is said under the form, field by field."""
        mentor, mentee, day = self.mentor.chosen(), self.mentee.chosen(), self.day.date()
        problem = (self.tr("Pilih pembimbing: ketik nama atau NUPTK/NIP lalu pilih dari daftar.")
                   if mentor is None else
                   self.tr("Pilih peserta yang didampingi: ketik nama atau NUPTK/NIP lalu pilih "
                           "dari daftar.") if mentee is None else
                   (self.day.problem or self.tr("Isi tanggal pendampingan (mis. 12/11/2019)."))
                   if day is None else "")
        if problem:
            self.error.setText(problem)
            (self.mentor if mentor is None else self.mentee if mentee is None
             else self.day.edit).setFocus()
            return None
        values = dict(jp=self.jp.text(), agreed=self.agreed.text(),
                      follow_up=self.follow_up.text(), evidence=self._new_files())
        try:
            if self.entry is None:
                log_id = mtr.add_entry(self.db, self.program.id, mentor, mentee, day,
                                       self.mode(), self.topic.text(), **values)
            else:
                log_id = self.entry.id
                mtr.update_entry(self.db, log_id, mentor_id=mentor, mentee_id=mentee, day=day,
                                 mode=self.mode(), topic=self.topic.text(),
                                 remove_evidence=self.removed, **values)
        except ValidationError as exc:
            self._refused(exc)
            return None
        except KemitraanError as exc:
            show_error(self, exc)
            return None
        text = self.tr("Pendampingan %s dengan %s, %s, tersimpan.") % (
            self.mentor.name(), self.mentee.name(), format_date(day, with_weekday=False))
        self.saved_count += 1
        self.saved.emit(log_id, text)
        if self.entry is not None:
            self.accept()
            return log_id
        self.error.clear()
        self.last.setText(text)
        for field in (self.mentee, self.jp, self.topic, self.agreed, self.follow_up):
            field.clear()
        self.files.clear()
        self.mentee.setFocus()
        return log_id

    def _refused(self, exc: ValidationError) -> None:
        messages = [message for _field, message in exc.problems] or [exc.message]
        self.error.setText("\n".join(messages))
        first = _FIELD_OF.get(exc.problems[0][0]) if exc.problems else None
        widget = {"mentee": self.mentee, "day": self.day.edit, "topic": self.topic,
                  "jp": self.jp, "agreed": self.agreed, "follow_up": self.follow_up,
                  "evidence": self.files}.get(first)
        if widget is not None:
            widget.setFocus()
