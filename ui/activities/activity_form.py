"""Activity dialogs: the activity form, who takes part (participants, narasumber, committee),
and shifting an activity to new dates."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import activities as act
from kemitraan_desktop import indonesia as ind
from kemitraan_desktop import office, programs, regions
from kemitraan_desktop.errors import KemitraanError

from ..errors import show_error
from ..widgets.date_field import DateField, date_edit, to_date


class ActivityForm(QDialog):
    """New activity (activity None) or edit one. The kab/kota sets the time zone shown."""

    saved = Signal(int)

    def __init__(self, db, activity: act.Activity | None = None, parent: QWidget | None = None,
                 program_id: int | None = None):
        super().__init__(parent)
        self.db, self.activity = db, activity
        self.setWindowTitle(self.tr("Ubah kegiatan") if activity else self.tr("Kegiatan baru"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.program = QComboBox(self)
        for entry in programs.list_programs(db):
            self.program.addItem(entry["program"].title, entry["program"].id)
        self.kind = QComboBox(self)
        for key, label in act.KINDS.items():
            self.kind.addItem(self.tr(label), key)
        self.title = QLineEdit(self)
        region = office.load_profile(db).region or "Kota Pekalongan"  # examples in the office's words
        self.title.setPlaceholderText(self.tr("mis. On the Job Learning 1 %s") % region)
        self.start = DateField(self, activity.start if activity else None)
        self.end = DateField(self, activity.end if activity else None)
        self.venue = QLineEdit(self)
        self.venue.setPlaceholderText(self.tr("mis. Aula Dinas Pendidikan"))
        self.city = QLineEdit(self)
        self.city.setPlaceholderText(self.tr("mis. %s") % region)
        completer = QCompleter([r.name for r in regions.all_regions() if r.kind != "provinsi"], self.city)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.city.setCompleter(completer)
        self.zone = QLabel(self)
        self.host = QLineEdit(self)
        self.host.setPlaceholderText(self.tr("mis. Dinas Pendidikan %s") % region)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        # a pengimbasan is led by a participant who has mentees (a mitra, for their imbas)
        self.leader = QComboBox(self)
        self.leader.setObjectName("leader")
        self.leader.setEditable(True)
        self.leader.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.leader.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.leader.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.leader.lineEdit().setPlaceholderText(self.tr("ketik nama mitra"))
        self._leaders_of: int | None = None  # the program whose mentors the list holds
        for label, widget in (("Program", self.program), ("Jenis", self.kind),
                              ("Dipimpin oleh (mitra) *", self.leader),
                              ("Nama kegiatan *", self.title), ("Tanggal mulai *", self.start),
                              ("s.d. tanggal *", self.end),
                              ("Tempat", self.venue), ("Kab/kota *", self.city),
                              ("Zona waktu", self.zone), ("Penyelenggara", self.host)):
            form.addRow(self.tr(label), widget)
        self.form = form
        layout.addLayout(form)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if activity:
            self.program.setCurrentIndex(max(0, self.program.findData(activity.program_id)))
            self.program.setEnabled(False)  # its participants belong to that program
            self.kind.setCurrentIndex(max(0, self.kind.findData(activity.kind)))
            self.title.setText(activity.title)
            self.venue.setText(activity.venue)
            self.city.setText(act.region_name(db, activity.region_code))
            self.host.setText(activity.host)
        elif program_id is not None:
            self.program.setCurrentIndex(max(0, self.program.findData(program_id)))
        self.title.textChanged.connect(self.validate)
        self.city.editingFinished.connect(self.validate)  # not while a name is half typed
        self.city.textChanged.connect(lambda _t: self.validate(quiet_city=True))
        self.start.edit.textChanged.connect(self._start_changed)
        self.end.edit.textChanged.connect(self._end_changed)
        self.program.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.leader.currentIndexChanged.connect(lambda _i: self.validate())
        self.leader.lineEdit().textChanged.connect(lambda _t: self.validate())
        self._kind_changed()
        if activity is not None and activity.leader_id is not None:
            self.leader.setCurrentIndex(max(0, self.leader.findData(activity.leader_id)))
        self._length = (activity.end - activity.start) if activity else dt.timedelta(0)
        self.validate()

    def _kind_changed(self) -> None:
        """The leader's row shows for a pengimbasan, listing the program's mentors."""
        leads = self.kind.currentData() == "pengimbasan"
        self.form.setRowVisible(self.leader, leads)
        program_id = self.program.currentData()
        if leads and program_id is not None and program_id != self._leaders_of:
            self._leaders_of = program_id
            self.leader.blockSignals(True)
            self.leader.clear()
            rows = programs.list_participants(self.db, program_id)
            mentors = {r["mentor_id"] for r in rows if r["mentor_id"]}
            program = programs.get_program(self.db, program_id)
            for row in sorted((r for r in rows if r["id"] in mentors),
                              key=lambda r: (-r["tier"], (r["name"] or "").casefold())):
                number = row["nuptk"] or row["nip"] or "-"
                self.leader.addItem(f"{row['name']} · {number} · {program.role(row['tier'])}",
                                    row["id"])
            self.leader.setCurrentIndex(-1)
            self.leader.blockSignals(False)
        self.validate()

    def leader_id(self) -> int | None:
        """The chosen leader; a name typed that is no entry of the list is none."""
        if self.kind.currentData() != "pengimbasan":
            return None
        index = self.leader.findText(self.leader.currentText())
        return self.leader.itemData(index) if index >= 0 else None

    def _end_changed(self) -> None:
        start, end = self.start.date(), self.end.date()
        if start is not None and end is not None and end >= start:
            self._length = end - start  # the length the operator chose
        self.validate()

    def _start_changed(self) -> None:
        """A new first day moves the last day with it (the activity keeps its length)."""
        start, end = self.start.date(), self.end.date()
        if start is not None and end != start + self._length:
            self.end.set_date(start + self._length)
        self.validate()

    def values(self, quiet_city: bool = False) -> tuple[act.Activity | None, str]:
        """The activity as typed, and the first problem ('' when none)."""
        if self.program.currentData() is None:
            return None, self.tr("Buat program dulu di halaman Program & Pasangan.")
        start, end = self.start.date(), self.end.date()
        if start is None or end is None:
            which = self.start if start is None else self.end
            return None, which.problem or self.tr("Isi tanggal mulai dan selesai (mis. 09/09/2018).")
        try:
            region = act.resolve_city(self.city.text())
        except KemitraanError as exc:
            return None, "" if quiet_city else exc.message
        leader = self.leader_id()
        if self.kind.currentData() == "pengimbasan" and leader is None:
            return None, self.tr("Pilih mitra yang memimpin pengimbasan (Dipimpin oleh).")
        activity = act.Activity(self.activity.id if self.activity else None,
                                self.program.currentData(), self.kind.currentData(),
                                self.title.text(), start, end, self.venue.text(), region,
                                self.host.text(), leader)
        errors = act.validate_activity(activity)
        if not region:
            errors["city"] = self.tr("Isi kab/kota tempat kegiatan (menentukan WIB/WITA/WIT).")
        return activity, next(iter(errors.values()), "")

    def validate(self, quiet_city: bool = False) -> str:
        activity, problem = self.values(quiet_city)
        if activity is not None and activity.region_code:
            self.zone.setText(act.time_zone(self.db, activity.region_code))
        else:
            self.zone.setText("-")
        typed = self.title.text().strip() or self.city.text().strip()
        self.error.setText(problem if typed else "")
        complete = not problem and activity is not None and bool(activity.region_code)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(complete)
        return problem if not quiet_city else ""

    def save(self) -> None:
        activity, problem = self.values()
        if problem or activity is None:
            return
        try:
            activity_id = act.save_activity(self.db, activity)
        except KemitraanError as exc:
            show_error(self, exc)
            return
        self.saved.emit(activity_id)
        self.accept()


class ActivityPeople(QDialog):
    """Who takes part (the program's participants, ticked) and the narasumber/committee."""

    def __init__(self, db, activity: act.Activity, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.activity = db, activity
        self.setWindowTitle(self.tr("Peserta dan narasumber: %s") % activity.title)
        self.resize(900, 620)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("<b>Peserta</b> (peserta program)"), self), 1)
        default = QPushButton(self.tr("Sesuai jenis kegiatan"), self)
        default.setToolTip(self.tr("Centang tingkat yang biasa ikut kegiatan %s") % activity.kind_label)
        default.clicked.connect(self.tick_default)
        top.addWidget(default)
        layout.addLayout(top)
        self.program = programs.get_program(db, activity.program_id)
        taking_part = {p["id"] for p in act.activity_participants(db, activity.id)}
        self.participants = QListWidget(self)
        for row in programs.list_participants(db, activity.program_id):
            item = QListWidgetItem(f"{row['name']}  ·  {row['tier_label']}  ·  "
                                   f"{row['subject'] or '-'}  ·  {row['school'] or '-'}  ·  "
                                   f"{row['region'] or '-'}")
            item.setData(Qt.ItemDataRole.UserRole, (row["id"], row["tier"]))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if row["id"] in taking_part
                               else Qt.CheckState.Unchecked)
            self.participants.addItem(item)
        search_row = QHBoxLayout()
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Saring nama, peran, mata pelajaran, kab/kota..."))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        search_row.addWidget(self.filter, 1)
        self.count = QLabel(self)
        search_row.addWidget(self.count)
        layout.addLayout(search_row)
        layout.addWidget(self.participants, 3)
        self.participants.itemChanged.connect(lambda _item: self._count())
        self._count()
        staff_bar = QHBoxLayout()
        staff_bar.addWidget(QLabel(self.tr("<b>Narasumber dan panitia</b>"), self), 1)
        add = QPushButton(self.tr("Tambah"), self)
        add.clicked.connect(lambda: self.add_staff())
        remove = QPushButton(self.tr("Hapus"), self)
        remove.clicked.connect(self.remove_staff)
        staff_bar.addWidget(add)
        staff_bar.addWidget(remove)
        layout.addLayout(staff_bar)
        self.staff = QTableWidget(0, 5, self)
        self.staff.setHorizontalHeaderLabels([self.tr("Peran"), self.tr("Nama"), self.tr("Jabatan"),
                                              self.tr("Instansi"), self.tr("NIP")])
        self.staff.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.staff.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((110, 220, 180, 180)):
            self.staff.setColumnWidth(column, width)
        for member in act.list_staff(db, activity.id):
            self.add_staff(member)
        layout.addWidget(self.staff, 2)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _filter(self, text: str) -> None:
        text = text.strip().casefold()
        for row in range(self.participants.count()):
            item = self.participants.item(row)
            item.setHidden(bool(text) and text not in item.text().casefold())

    def _count(self) -> None:
        self.count.setText(self.tr("%s dari %s dicentang") % (len(self.chosen()),
                                                              self.participants.count()))

    def tick_default(self) -> None:
        tiers = act.DEFAULT_TIERS[self.activity.kind]
        for row in range(self.participants.count()):
            item = self.participants.item(row)
            _pid, tier = item.data(Qt.ItemDataRole.UserRole)
            item.setCheckState(Qt.CheckState.Checked if tier in tiers else Qt.CheckState.Unchecked)

    def add_staff(self, member: act.StaffMember | None = None) -> None:
        member = member or act.StaffMember(None, "narasumber", "")
        row = self.staff.rowCount()
        self.staff.insertRow(row)
        role = QComboBox(self.staff)
        for key, label in act.STAFF_ROLES.items():
            role.addItem(self.tr(label), key)
        role.setCurrentIndex(max(0, role.findData(member.role)))
        self.staff.setCellWidget(row, 0, role)
        for column, value in enumerate((member.name, member.position, member.institution,
                                        ind.format_nip(member.nip) if member.nip else ""), start=1):
            self.staff.setItem(row, column, QTableWidgetItem(value))

    def remove_staff(self) -> None:
        row = self.staff.currentRow()
        if row >= 0:
            self.staff.removeRow(row)

    def chosen(self) -> list[int]:
        return [self.participants.item(r).data(Qt.ItemDataRole.UserRole)[0]
                for r in range(self.participants.count())
                if self.participants.item(r).checkState() == Qt.CheckState.Checked]

    def staff_members(self) -> list[act.StaffMember]:
        members = []
        for row in range(self.staff.rowCount()):
            cells = [(self.staff.item(row, c).text() if self.staff.item(row, c) else "")
                     for c in range(1, 5)]
            if not any(cell.strip() for cell in cells):
                continue
            members.append(act.StaffMember(None, self.staff.cellWidget(row, 0).currentData(), *cells))
        return members

    def save(self) -> None:
        try:
            with self.db.atomic():
                act.set_activity_participants(self.db, self.activity.id, self.chosen())
                act.save_staff(self.db, self.activity.id, self.staff_members())
        except (KemitraanError, ValueError) as exc:
            show_error(self, exc if isinstance(exc, KemitraanError) else
                       KemitraanError(self.tr("NIP narasumber/panitia: %s") % exc))
            return
        self.accept()


class ShiftDialog(QDialog):
    """Move an activity and its rundown to a new first day."""

    def __init__(self, activity: act.Activity, parent: QWidget | None = None):
        super().__init__(parent)
        self.activity = activity
        self.setWindowTitle(self.tr("Geser tanggal kegiatan"))
        layout = QFormLayout(self)
        layout.addRow(QLabel(self.tr("Sekarang: %s s.d. %s") % (ind.format_date(activity.start),
                                                            ind.format_date(activity.end))))
        self.start = date_edit(self, activity.start)
        layout.addRow(self.tr("Hari pertama baru"), self.start)
        self.result_label = QLabel(self)
        layout.addRow(self.tr("Menjadi"), self.result_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Geser"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addRow(self.buttons)
        self.start.dateChanged.connect(lambda _d: self._show())
        self._show()

    def new_start(self) -> dt.date:
        return to_date(self.start.date())

    def _show(self) -> None:
        start = self.new_start()
        end = start + (self.activity.end - self.activity.start)
        text = self.tr("%s s.d. %s (semua acara ikut bergeser)") % (ind.format_date(start),
                                                                    ind.format_date(end))
        if start.weekday() != self.activity.start.weekday():
            text += "\n" + self.tr("Perhatian: hari dalam seminggu berubah; periksa acara yang "
                                    "terikat hari (salat Jumat, hari sekolah).")
        self.result_label.setText(text)
