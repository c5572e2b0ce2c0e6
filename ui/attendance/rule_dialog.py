"""The certificate rule of an activity: a minimum percentage and the sessions that must be
attended."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kemitraan_desktop import attendance as att
from kemitraan_desktop.errors import KemitraanError

from ..errors import show_error


class RuleDialog(QDialog):
    """The certificate rule: a minimum percentage and sessions that must be attended."""

    def __init__(self, db, activity_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.activity_id = db, activity_id
        self.setWindowTitle(self.tr("Syarat sertifikat"))
        self.resize(560, 460)
        rule = att.get_rule(db, activity_id)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.percent = QDoubleSpinBox(self)
        self.percent.setRange(0, 100)
        self.percent.setDecimals(0)
        self.percent.setSuffix(" %")
        self.percent.setValue(rule.min_percent)
        form.addRow(self.tr("Kehadiran paling sedikit"), self.percent)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Sesi yang wajib dihadiri:"), self))
        self.required = QListWidget(self)
        wanted = {tuple(k) for k in rule.required}
        for session in att.sessions(db, activity_id):
            item = QListWidgetItem(session.label)
            item.setData(Qt.ItemDataRole.UserRole, session.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if session.key in wanted else Qt.CheckState.Unchecked)
            self.required.addItem(item)
        layout.addWidget(self.required, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Simpan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        required = [tuple(self.required.item(i).data(Qt.ItemDataRole.UserRole))
                    for i in range(self.required.count())
                    if self.required.item(i).checkState() == Qt.CheckState.Checked]
        try:
            att.save_rule(self.db, self.activity_id, att.Rule(self.percent.value(), required))
        except KemitraanError as exc:
            show_error(self, exc)
            return
        self.accept()
