"""SQLite's session extension, through apsw: the changes between two projections (what to
send), and a received changeset applied to this office's projection under the owner rule
(what changes here, what becomes a proposal, what is listed as a conflict).

apsw carries its own SQLite library. Two libraries holding locks on one file in one
process can release each other's locks (SQLite's "multiple copies" warning), so apsw here
only ever opens the exchange's own temporary projection files, which Python's sqlite3 has
closed; the live database is read and written by sqlite3 alone (projection.py,
materialize.py). `opened` records every file apsw opened, for the test that holds to it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .projection import LINKS, ORDER, STRUCTURE, columns

opened: list[Path] = []  # every file this module gave to apsw (tests check the live db is not)


def _connect(path: Path):
    import apsw

    opened.append(Path(path))
    return apsw.Connection(str(path))


def diff(current: Path, baseline: Path) -> bytes:
    """A changeset that turns the baseline's records into the current ones."""
    import apsw

    conn = _connect(current)
    try:
        conn.execute("ATTACH DATABASE ? AS base", (str(baseline),))
        session = apsw.Session(conn, "main")
        for table in ORDER:
            session.attach(table)
            session.diff("base", table)
        changeset = session.changeset()
        session.close()
        conn.execute("DETACH DATABASE base")
        return changeset
    finally:
        conn.close()


def summarize(changeset: bytes) -> dict[str, dict[str, int]]:
    """table -> {"baru": n, "berubah": n, "dihapus": n}."""
    import apsw

    found: dict[str, dict[str, int]] = {}
    names = {"INSERT": "baru", "UPDATE": "berubah", "DELETE": "dihapus"}
    for change in apsw.Changeset.iter(changeset):
        per = found.setdefault(change.name, {"baru": 0, "berubah": 0, "dihapus": 0})
        per[names[change.op]] += 1
    return found


@dataclass
class Applied:
    net: bytes = b""  # what changed in this office's projection
    proposals: list[dict] = field(default_factory=list)  # changes to our records, not applied
    conflicts: list[dict] = field(default_factory=list)  # both values, what was decided
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (their id, our id) one record


def _owners(conn) -> dict[str, dict[str, str]]:
    return {table: dict(conn.execute(f"SELECT uuid, owner FROM {table}").fetchall())
            for table in ORDER if table not in LINKS}


def _link_owner(conn, activity: str) -> str | None:
    row = conn.execute("SELECT owner FROM activities WHERE uuid = ?", (activity,)).fetchone()
    return row[0] if row else None


def _works_in(region_code: str | None, office_region: str | None) -> bool:
    """A person's kab/kota lies in an office's region (the kab/kota itself, or its province)."""
    if not region_code or not office_region:
        return False
    return region_code == office_region or region_code.split(".")[0] == office_region


def apply(projection: Path, changeset: bytes, sender: str, me: str,
          sender_region: str | None = None, my_region: str | None = None) -> Applied:
    """Apply a received changeset to this office's projection (a temporary file).

    - a change to a record this office owns, from another office, is not applied: each
      changed field becomes a proposal the owner accepts or refuses;
    - a change from the record's owner applies, also over a local correction (listed as a
      conflict with both values);
    - a record relayed by a third office applies when it meets no other value here, else
      is left out and listed;
    - a person already here under another identifier (the same NUPTK, NIP or NIK) stays one
      person: the two identifiers are joined (aliases); the person's data belongs to the
      office of the kab/kota where they work, so the sender's values replace ours when the
      person works in the sender's region, else ours stay; differing fields are listed."""
    import apsw

    result = Applied()
    conn = _connect(projection)
    try:
        owners = _owners(conn)
        adopted: list[tuple[str, tuple]] = []  # (our person, their row): theirs to keep
        filled: list[tuple[str, tuple]] = []  # ours kept, its empty fields filled from theirs
        session = apsw.Session(conn, "main")
        for table in ORDER:
            session.attach(table)

        def owner_of(change) -> str | None:
            key = (change.old or change.new)[0]
            if change.name in LINKS:
                return _link_owner(conn, key)
            return owners[change.name].get(key)

        def incoming_owner(change) -> str:
            if change.name in LINKS or change.op != "INSERT":
                return sender
            return change.new[1]

        def filter_change(change) -> bool:
            here = owner_of(change)
            if here == me and sender != me:
                _propose(conn, change, result)
                return False
            return True

        def conflict(reason: int, change) -> int:
            name = apsw.mapping_session_conflict[reason]
            key = (change.old or change.new)[0]
            if name == "SQLITE_CHANGESET_CONSTRAINT" and change.name == "people":
                ours = _same_person(conn, change.new)
                if ours is not None:
                    result.aliases.append((change.new[0], ours))
                    where = columns("people").index("region_code")
                    our_region = conn.execute("SELECT region_code FROM people WHERE uuid = ?",
                                              (ours,)).fetchone()[0]
                    theirs_win = _works_in(change.new[where], sender_region) and \
                        not _works_in(our_region, my_region)
                    _list_differences(conn, change, ours, result, theirs_win,
                                      proposals=owners["people"].get(ours) == me)
                    (adopted if theirs_win else filled).append((ours, tuple(change.new)))
                return apsw.mapping_session_conflict_response["SQLITE_CHANGESET_OMIT"]
            if name in ("SQLITE_CHANGESET_DATA", "SQLITE_CHANGESET_CONFLICT"):
                here = owner_of(change)
                theirs = incoming_owner(change)
                if sender == here or (here is None and theirs != me) or sender == theirs:
                    if change.conflict is not None and name == "SQLITE_CHANGESET_DATA":
                        result.conflicts.append({"table": change.name, "uuid": key,
                                                 "what": "nilai di sini diganti nilai pemiliknya",
                                                 "ours": _plain(change.conflict),
                                                 "theirs": _plain(change.new or ())})
                    return apsw.mapping_session_conflict_response["SQLITE_CHANGESET_REPLACE"]
            result.conflicts.append({"table": change.name, "uuid": key, "op": change.op,
                                     "what": _REASONS.get(name, name)})
            return apsw.mapping_session_conflict_response["SQLITE_CHANGESET_OMIT"]

        with conn:
            apsw.Changeset.apply(changeset, conn, filter_change=filter_change, conflict=conflict)
            names = columns("people")
            for ours, row in adopted:  # recorded by the session, written like any change
                sets = ", ".join(f"{c} = ?" for c in names[2:])
                conn.execute(f"UPDATE people SET owner = ?, {sets} WHERE uuid = ?",
                             (sender, *row[2:], ours))
            for ours, row in filled:  # nothing is lost: what we lack, they tell
                for name, value in zip(names[2:], row[2:], strict=True):
                    if value not in (None, ""):
                        conn.execute(f"UPDATE people SET {name} = ? WHERE uuid = ? AND "
                                     f"({name} IS NULL OR {name} = '')", (value, ours))
        result.net = session.changeset()
        session.close()
        return result
    finally:
        conn.close()


def _plain(values) -> list:
    import apsw

    return [None if v is apsw.no_change else v for v in values]


def _propose(conn, change, result: Applied) -> None:
    """Another office's change to a record of ours: each field it would change becomes a
    proposal (our value, theirs); a deletion or a link is listed as a conflict."""
    import apsw

    names = columns(change.name)
    key = (change.old or change.new)[0]
    if change.name in LINKS and change.op == "INSERT":
        width = len(change.pk_columns)
        where = " AND ".join(f"{c} = ?" for c in names[:width])
        current = conn.execute(f"SELECT * FROM {change.name} WHERE {where}",
                               tuple(change.new[:width])).fetchone()
        if current is not None and tuple(current) == tuple(change.new):
            return  # what we have ourselves, coming back unchanged
    if change.op == "DELETE" or change.name in LINKS:
        result.conflicts.append({"table": change.name, "uuid": key, "op": change.op,
                                 "what": "milik kantor ini; perubahan dari kantor lain tidak diterapkan"})
        return
    current = conn.execute(f"SELECT * FROM {change.name} WHERE uuid = ?", (key,)).fetchone()
    if current is None:
        return
    for index, value in enumerate(change.new):
        if index < 2 or value is apsw.no_change or value == current[index] \
                or names[index] in STRUCTURE:
            continue  # the identifier, the owner, what is the same, what it belongs to
        if change.op == "INSERT" and value in (None, ""):
            continue  # a field the other office does not hold
        result.proposals.append({"table": change.name, "uuid": key, "field": names[index],
                                 "ours": current[index], "theirs": value})


_REASONS = {"SQLITE_CHANGESET_NOTFOUND": "data yang diubah tidak ada di sini",
            "SQLITE_CHANGESET_DATA": "sudah diubah di sini dengan nilai lain",
            "SQLITE_CHANGESET_CONFLICT": "sudah ada di sini dengan nilai lain",
            "SQLITE_CHANGESET_CONSTRAINT": "bertabrakan dengan data di sini (nomor ganda)",
            "SQLITE_CHANGESET_FOREIGN_KEY": "merujuk data yang tidak ada"}


def _same_person(conn, row: tuple) -> str | None:
    names = columns("people")
    values = dict(zip(names, row, strict=False))
    for key in ("nuptk", "nip", "nik"):
        if values.get(key):
            found = conn.execute(f"SELECT uuid FROM people WHERE {key} = ?", (values[key],)).fetchone()
            if found:
                return found[0]
    return None


def _list_differences(conn, change, ours: str, result: Applied, theirs_win: bool, *,
                      proposals: bool = False) -> None:
    """Fields of one person both offices know that differ: for a person of ours, each is a
    proposal; else listed, saying whose value stands."""
    names = columns("people")
    current = conn.execute("SELECT * FROM people WHERE uuid = ?", (ours,)).fetchone()
    for index in range(2, len(names)):
        theirs = change.new[index]
        if theirs not in (None, "") and current[index] not in (None, "") and theirs != current[index]:
            if proposals and not theirs_win:
                result.proposals.append({"table": "people", "uuid": ours, "field": names[index],
                                         "ours": current[index], "theirs": theirs})
                continue
            result.conflicts.append({"table": "people", "uuid": ours, "field": names[index],
                                     "what": "orang yang sama, nilai berbeda; " + (
                                         "nilai kantor wilayah kerjanya dipakai" if theirs_win
                                         else "nilai di sini tetap"),
                                     "ours": current[index], "theirs": theirs})
