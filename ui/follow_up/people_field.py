"""A participant typed by name or NUPTK/NIP with completion: fast on a slow PC, no list to
scroll. The program's people are read once (mentoring.ProgramPeople, one query)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from kemitraan_desktop.mentoring import Member, ProgramPeople


def member_text(people: ProgramPeople, member: Member) -> str:
    """`Dra. Sri Wahyuni · 1234567890123456 · Guru Mitra`: what the completion shows."""
    number = member.nuptk or member.nip or "-"
    return f"{member.name} · {number} · {people.program.role(member.tier)}"


class PersonField(QLineEdit):
    """A participant of the program, typed. `chosen()` is the participant's id or None;
    `accept` narrows who may be chosen (the mentors, a mentor's mentees)."""

    personChanged = Signal(object)  # participant id or None

    def __init__(self, people: ProgramPeople | None, parent: QWidget | None = None, *,
                 accept: Callable[[Member], bool] | None = None, placeholder: str = ""):
        super().__init__(parent)
        self.people = people
        self._by_text: dict[str, int] = {}
        self._chosen: int | None = None
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(placeholder or self.tr("ketik nama atau NUPTK/NIP"))
        self.model = QStringListModel(self)
        completer = QCompleter(self.model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        completer.activated.connect(lambda _text: self._resolve())
        self.textChanged.connect(lambda _text: self._resolve())
        self.set_filter(accept)

    def set_people(self, people: ProgramPeople,
                   accept: Callable[[Member], bool] | None = None) -> None:
        """Another program (or the same read again)."""
        self.people = people
        self.set_filter(accept)

    def set_filter(self, accept: Callable[[Member], bool] | None) -> None:
        everyone = self.people.members.values() if self.people is not None else ()
        members = [m for m in everyone if accept is None or accept(m)]
        self._allowed = {m.id for m in members}
        self._by_text = {member_text(self.people, m): m.id for m in members}
        self.model.setStringList(sorted(self._by_text, key=str.casefold))
        self._resolve()

    def _resolve(self) -> None:
        text = " ".join(self.text().split())
        found = self._by_text.get(text)
        if found is None and text and self.people is not None:
            digits = "".join(ch for ch in text if ch.isdigit())
            member = self.people.by_number.get(digits) if len(digits) >= 10 else None
            if member is None:
                named = [m for m in self.people.named(text) if m.id in self._allowed]
                member = named[0] if len(named) == 1 else None
            found = member.id if member is not None and member.id in self._allowed else None
        if found != self._chosen:
            self._chosen = found
            self.personChanged.emit(found)

    def chosen(self) -> int | None:
        return self._chosen

    def choose(self, participant_id: int | None) -> None:
        member = self.people.get(participant_id) if self.people is not None else None
        self.setText(member_text(self.people, member) if member else "")
        self._resolve()  # also when the caller blocked the signals

    def name(self) -> str:
        member = self.people.get(self._chosen) if self.people is not None else None
        return member.name if member else ""
