"""What each document prints, read in one go. `views/<document>.py` gathers, in one read
transaction, the plain frozen view that `documents/<document>.py` draws: the renderer
never touches the database, so a document is consistent (nothing changes between its
first and last page) and can be drawn from a view built by hand (tests, previews).

The views sit apart from the concept modules because a document reads across them (a
daftar hadir needs the activity, its program, the office, the sessions, the people and
the schools), and they mirror documents/ one to one so that each pair is found together.
"""

from __future__ import annotations

import contextlib


@contextlib.contextmanager
def snapshot(db):
    """Every read inside sees the same state of the database: one deferred transaction
    (a read takes no write lock; in WAL mode another program's write neither waits for it
    nor shows in it). Inside a transaction already (a write that prints), that one is it.
    Nothing is meant to be written inside; what a helper does write (the office key on
    its first use) is kept."""
    if db.conn.in_transaction:
        yield db
        return
    db.conn.execute("BEGIN")
    try:
        yield db
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")
