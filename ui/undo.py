"""Undoable roster changes (Ctrl+Z) within the session, built on the core's snapshots."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from kemitraan_desktop import people
from kemitraan_desktop.errors import KemitraanError

from .errors import show_error


class _RosterCommand(QUndoCommand):
    def __init__(self, db, text: str, on_change: Callable[[], None]):
        super().__init__(text)
        self.db, self.on_change = db, on_change

    def _run(self, action: Callable[[], None]) -> None:
        try:
            action()
        except KemitraanError as exc:
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
