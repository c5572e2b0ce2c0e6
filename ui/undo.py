"""Undoable roster changes (Ctrl+Z) within the session, built on the core's snapshots."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from kemitraan_desktop import pairing, people, programs
from kemitraan_desktop.errors import KemitraanError

from .errors import show_error


class _RosterCommand(QUndoCommand):
    def __init__(self, db, text: str, on_change: Callable[[], None]):
        super().__init__(text)
        self.db, self.on_change = db, on_change

    failed = False

    def _run(self, action: Callable[[], None]) -> None:
        try:
            action()
        except KemitraanError as exc:
            self.failed = True
            self.setObsolete(True)  # the stack drops a step that can no longer be replayed
            show_error(None, exc)
        finally:
            self.on_change()


class DeletePeople(_RosterCommand):
    """Deleting people; undo brings them back under their old ids."""

    def __init__(self, db, ids: list[int], on_change: Callable[[], None]):
        super().__init__(db, f"Hapus {len(ids)} orang", on_change)
        self.snapshots = people.snapshot_people(db, ids)
        self.ids = ids

    def redo(self) -> None:
        self._run(lambda: people.delete_people(self.db, self.ids))

    def undo(self) -> None:
        self._run(lambda: people.restore_people(self.db, self.snapshots))


class SavePerson(_RosterCommand):
    """A person the form has already saved (added, or edited from `before`); undo deletes
    the added person or puts the old values back, redo restores the saved ones."""

    def __init__(self, db, person_id: int, before: list[dict], on_change: Callable[[], None]):
        super().__init__(db, "Ubah data guru" if before else "Tambah guru", on_change)
        self.person_id, self.before = person_id, before
        self.after = people.snapshot_people(db, [person_id])
        self._first = True

    def redo(self) -> None:
        if self._first:  # the form has saved it already
            self._first = False
            return
        self._run(lambda: people.restore_people(self.db, self.after))

    def undo(self) -> None:
        if self.before:
            self._run(lambda: people.restore_people(self.db, self.before))
        else:
            self._run(lambda: people.delete_people(self.db, [self.person_id]))


class MoveParticipants(_RosterCommand):
    """Giving participants another mentor (or none); checked by the core before it happens."""

    def __init__(self, db, program_id: int, ids: list[int], mentor_id: int | None, text: str,
                 on_change: Callable[[], None]):
        super().__init__(db, text, on_change)
        self.program_id, self.ids, self.mentor_id = program_id, ids, mentor_id
        self.previous: dict[int, int | None] = {}

    def redo(self) -> None:
        def move():
            self.previous = pairing.set_mentor(self.db, self.program_id, self.ids, self.mentor_id)
        self._run(move)

    def undo(self) -> None:
        self._run(lambda: pairing.restore_mentors(self.db, self.previous))


class ApplyPairs(_RosterCommand):
    """The pairs accepted from the pairing assistant, saved already in one transaction (in
    the background, ui/ops.py); `previous` is each mentee's mentor before, for the undo."""

    def __init__(self, db, program_id: int, pairs: list[tuple[int, int]], repair: bool,
                 previous: dict[int, int | None], on_change: Callable[[], None]):
        super().__init__(db, f"Simpan {len(pairs)} pasangan", on_change)
        self.program_id, self.pairs, self.repair = program_id, pairs, repair
        self.previous = previous
        self._first = True

    def redo(self) -> None:
        if self._first:  # saved already
            self._first = False
            self.on_change()
            return

        def apply():
            self.previous = pairing.apply_proposal(self.db, self.program_id, self.pairs,
                                                   repair=self.repair)
        self._run(apply)

    def undo(self) -> None:
        self._run(lambda: pairing.restore_mentors(self.db, self.previous))


class AddParticipants(_RosterCommand):
    """Roster people joining a program in one tier; undo takes them out again, redo brings
    the same participants back (same ids, so later steps still find them)."""

    def __init__(self, db, program_id: int, person_ids: list[int], tier: int, subject: str | None,
                 on_change: Callable[[], None], fallback: str | None = None):
        super().__init__(db, f"Tambahkan {len(person_ids)} orang ke program", on_change)
        self.program_id, self.person_ids, self.tier, self.subject = program_id, person_ids, tier, subject
        self.fallback = fallback
        self.result: programs.AddResult | None = None
        self.snapshot: dict | None = None

    def redo(self) -> None:
        def add():
            if self.snapshot is None:
                self.result = programs.add_participants(self.db, self.program_id, self.person_ids,
                                                        self.tier, self.subject,
                                                        fallback=self.fallback)
            else:
                programs.restore_participants(self.db, self.snapshot)
        self._run(add)

    def undo(self) -> None:
        if self.result:
            def remove():
                self.snapshot = programs.snapshot_participants(self.db, self.result.added)
                programs.remove_participants(self.db, self.result.added)
            self._run(remove)


class RemoveParticipants(_RosterCommand):
    """Taking participants out of a program; undo brings them back with their pairs."""

    def __init__(self, db, ids: list[int], on_change: Callable[[], None]):
        super().__init__(db, f"Keluarkan {len(ids)} peserta dari program", on_change)
        self.ids = ids
        self.snapshot = programs.snapshot_participants(db, ids)

    def redo(self) -> None:
        self._run(lambda: programs.remove_participants(self.db, self.ids))

    def undo(self) -> None:
        self._run(lambda: programs.restore_participants(self.db, self.snapshot))
