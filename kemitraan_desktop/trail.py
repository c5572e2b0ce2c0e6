"""The audit trail in one statement for a large insert: the trail's per-row trigger is
dropped inside the transaction, and its rows are written afterwards in one statement, the
same rows it would have written (a quarter of a 100k import's time otherwise). Used by the
roster import and by a received exchange file."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlite_utils import Database


@contextlib.contextmanager
def trail_in_one(db: Database, trigger: str, table: str, first: int) -> Iterator[None]:
    """Around an insert into `table` (an integer `id`) of rows with ids from `first`, in
    the caller's transaction: the trigger `trigger` (an INSERT ... VALUES (... new. ...))
    does not run per row; its rows are written once the insert is done."""
    row = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                     [trigger]).fetchone()
    if row is None:
        yield
        return
    trigger_sql = row[0]
    db.execute(f"DROP TRIGGER {trigger}")
    try:
        yield
        body = trigger_sql[trigger_sql.index("BEGIN") + 5:trigger_sql.rindex("END")].strip().rstrip(";")
        insert, values = body.split("VALUES", 1)
        select = values.strip()[1:-1]  # the VALUES list without its parentheses; it reads `new.`
        db.execute(f"{insert} SELECT {select} FROM {table} AS new WHERE new.id >= ? ORDER BY new.id",
                   [first])
    finally:
        # A failure rolls the whole transaction back, the dropped trigger too; SQLite may
        # already have done so (disk full): then it is there again, and the real error,
        # not "trigger already exists", is what the office must hear.
        exists = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                            [trigger]).fetchone()
        if not exists:
            db.execute(trigger_sql)
