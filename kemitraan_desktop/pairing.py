"""The mentoring tree: who mentors whom, its checks, the pairing assistant, and the tree's levels."""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlite_utils import Database

from .errors import Cancelled, IsCancelled, Progress, ValidationError
from .programs import PARTICIPANT_SELECT, Program, get_program, query_rows

ERROR, WARNING = "error", "warning"
SEVERITY_LABELS = {ERROR: "Kesalahan", WARNING: "Peringatan"}


def _key(text: str | None) -> str:
    return (text or "").strip().casefold()


def _load(db: Database, program_id: int) -> tuple[Program, dict[int, dict]]:
    program = get_program(db, program_id)
    rows = query_rows(db, PARTICIPANT_SELECT + "WHERE t.program_id = ?", [program_id])
    principals = program.kind == "kepala sekolah"  # principals pair across subjects
    for row in rows:
        row["jenjang"] = row["jenjang"] or program.jenjang
        if principals:
            row["subject"] = None
    return program, {row["id"]: row for row in rows}


def _who(row: dict, program: Program) -> str:
    return f"{row['name']} ({program.label(row['tier'])})"


# ---------------------------------------------------------------- writing pairs

def pair_problems(program: Program, mentee: dict, mentor: dict | None) -> list[str]:
    """Why `mentor` cannot mentor `mentee` (tier, program, subject, jenjang); [] when it can."""
    if mentor is None:
        return [f"Pembimbing untuk {mentee['name']} tidak ada di program ini."]
    problems = []
    if mentee["tier"] == 1:
        problems.append(f"{_who(mentee, program)} ada di tingkat teratas dan tidak dibimbing siapa pun.")
    elif mentor["tier"] != mentee["tier"] - 1:
        problems.append(f"{_who(mentee, program)} hanya dapat dibimbing oleh "
                        f"{program.label(mentee['tier'] - 1)}, bukan oleh {_who(mentor, program)}.")
    if _key(mentor["subject"]) != _key(mentee["subject"]):
        problems.append(f"Mata pelajaran berbeda: {_who(mentee, program)} {mentee['subject'] or '-'}, "
                        f"{_who(mentor, program)} {mentor['subject'] or '-'}.")
    if _key(mentor["jenjang"]) != _key(mentee["jenjang"]):
        problems.append(f"Jenjang berbeda: {_who(mentee, program)} {mentee['jenjang']}, "
                        f"{_who(mentor, program)} {mentor['jenjang']}.")
    return problems


def _capacity_problems(program: Program, rows: dict[int, dict], mentor_ids: Iterable[int]) -> list[str]:
    loads = Counter(r["mentor_id"] for r in rows.values() if r["mentor_id"])
    problems = []
    for mentor_id in sorted(set(mentor_ids)):
        mentor = rows[mentor_id]
        limit = program.capacity(mentor["tier"])
        if limit is not None and loads[mentor_id] > limit:
            problems.append(f"{_who(mentor, program)} akan membimbing {loads[mentor_id]} orang, "
                            f"melebihi rasio program (paling banyak {limit}).")
    return problems


def _assign(db: Database, program: Program, rows: dict[int, dict],
            assignments: dict[int, int | None]) -> None:
    """Validate then write mentee -> mentor (None unpairs) inside the caller's transaction."""
    problems = []
    for mentee_id, mentor_id in assignments.items():
        mentee = rows.get(mentee_id)
        if mentee is None:
            problems.append(f"Peserta dengan id {mentee_id} tidak ada di program ini.")
            continue
        if mentor_id is not None:
            problems += pair_problems(program, mentee, rows.get(mentor_id))
        mentee["mentor_id"] = mentor_id
    problems += _capacity_problems(program, rows, [m for m in assignments.values() if m])
    if problems:
        raise ValidationError("Pasangan tidak disimpan: " + problems[0]
                              + (f" (dan {len(problems) - 1} masalah lain)" if len(problems) > 1 else ""),
                              problems=problems, details=problems)
    # In id order: each update then lands next to the previous one (a 66k-pair proposal,
    # sorted by subject and region, saved 0.3 s faster so).
    db.conn.executemany(
        "UPDATE participants SET mentor_id = ?, updated_at = "
        "strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') WHERE id = ?",
        sorted(((mentor, mentee) for mentee, mentor in assignments.items()), key=lambda r: r[1]))


def set_mentor(db: Database, program_id: int, mentee_ids: Iterable[int],
               mentor_id: int | None) -> dict[int, int | None]:
    """Give mentees a new mentor (None: unpair them). Checked first: the right tier, the same
    subject and jenjang, and room under the program's ratio; otherwise nothing changes.
    Returns the previous mentors, for undo (restore_mentors)."""
    program, rows = _load(db, program_id)
    mentee_ids = list(mentee_ids)
    previous = {i: rows[i]["mentor_id"] for i in mentee_ids if i in rows}
    with db.atomic():
        _assign(db, program, rows, {i: mentor_id for i in mentee_ids})
    return previous


def restore_mentors(db: Database, previous: dict[int, int | None]) -> None:
    """Undo set_mentor: put back the mentors it returned. Subject and ratio are not checked
    again (it was so before), but the pair must still make sense: both still in the program,
    the mentor one tier up. Otherwise nothing changes."""
    program_ids = {r[0] for r in db.execute(
        f"SELECT DISTINCT program_id FROM participants WHERE id IN "
        f"({', '.join('?' for _ in previous) or 'NULL'})", list(previous))}
    for program_id in program_ids:
        program, rows = _load(db, program_id)
        for mentee_id, mentor_id in previous.items():
            mentee, mentor = rows.get(mentee_id), rows.get(mentor_id)
            if mentee is None or mentor_id is None:
                continue
            if mentor is None or mentor["tier"] != mentee["tier"] - 1:
                raise ValidationError(
                    f"Tidak dapat dibatalkan: pembimbing {mentee['name']} yang dulu sudah tidak "
                    "ada di program ini atau tingkatnya berubah. Tidak ada yang diubah.")
    with db.atomic():
        db.conn.executemany("UPDATE participants SET mentor_id = ? WHERE id = ?",
                            [(mentor, mentee) for mentee, mentor in previous.items()])


def current_loads(db: Database, program_id: int) -> Counter:
    """How many mentees each mentor of the program has now."""
    return Counter(dict(db.execute(
        "SELECT mentor_id, count(*) FROM participants WHERE program_id = ? AND mentor_id IS NOT "
        "NULL GROUP BY mentor_id", [program_id]).fetchall()))


def mentor_choices(db: Database, program_id: int, mentee_ids: Iterable[int],
                   loads: Counter | None = None) -> list[dict]:
    """Mentors who could take all these mentees (tier, subject, jenjang), best first, each with
    its load, capacity and whether it has room for them. `loads` replaces the stored loads
    (a proposal under review counts the pairs it would make)."""
    program, rows = _load(db, program_id)
    mentees = [rows[i] for i in mentee_ids if i in rows]
    if not mentees:
        return []
    if loads is None:
        loads = Counter(r["mentor_id"] for r in rows.values() if r["mentor_id"])
    choices = []
    for mentor in rows.values():
        if mentor["left_roster"] or any(pair_problems(program, m, mentor) for m in mentees):
            continue
        moving = sum(1 for m in mentees if m["mentor_id"] != mentor["id"])
        limit = program.capacity(mentor["tier"])
        choices.append({**mentor, "load": loads[mentor["id"]], "capacity": limit,
                        "room": limit is None or loads[mentor["id"]] + moving <= limit})
    choices.sort(key=lambda m: (not m["room"], m["load"], -(m["ukg"] or 0), m["name_key"] or "",
                                m["id"]))
    return choices


# ---------------------------------------------------------------- checks

@dataclass
class Finding:
    severity: str
    code: str
    message: str
    participant_ids: list[int]

    def as_dict(self) -> dict:
        return {"severity": self.severity, "code": self.code, "message": self.message,
                "participant_ids": self.participant_ids}


def check_program(db: Database, program_id: int) -> list[Finding]:
    """Every problem in the program's tree, errors first, each naming the people involved."""
    program, rows = _load(db, program_id)
    findings: list[Finding] = []
    mentees: dict[int, list[int]] = defaultdict(list)
    for row in sorted(rows.values(), key=lambda r: (r["tier"], r["name_key"] or "", r["id"])):
        if row["left_roster"]:
            ident = row["nuptk"] or row["nip"] or row["nik"]
            findings.append(Finding(
                ERROR, "left_roster",
                f"{_who(row, program)} tidak ada lagi di daftar guru. Masukkan lagi orangnya ke "
                f"daftar guru{f' (dengan nomor {ident})' if ident else ''}: ia tersambung kembali "
                "dengan pasangannya; atau keluarkan dari program.", [row["id"]]))
        if row["tier"] > program.tiers:
            findings.append(Finding(ERROR, "tier", f"{row['name']} ada di tingkat {row['tier']}, "
                                    f"padahal program ini hanya {program.tiers} tingkat.", [row["id"]]))
        mentor = rows.get(row["mentor_id"])
        if mentor is None:
            if row["tier"] > 1:
                findings.append(Finding(
                    WARNING, "no_mentor", f"{_who(row, program)} belum punya "
                    f"{program.label(row['tier'] - 1)}.", [row["id"]]))
            continue
        mentees[mentor["id"]].append(row["id"])
        pair = [row["id"], mentor["id"]]
        if mentor["tier"] != row["tier"] - 1:
            findings.append(Finding(ERROR, "tier", f"{_who(row, program)} dibimbing oleh "
                                    f"{_who(mentor, program)}: tingkatnya tidak berurutan.", pair))
        if _key(mentor["subject"]) != _key(row["subject"]):
            findings.append(Finding(
                ERROR, "subject", f"Mata pelajaran berbeda: {_who(row, program)} "
                f"{row['subject'] or '-'}, pembimbingnya {_who(mentor, program)} "
                f"{mentor['subject'] or '-'}.", pair))
        if _key(mentor["jenjang"]) != _key(row["jenjang"]):
            findings.append(Finding(
                ERROR, "jenjang", f"Jenjang berbeda: {_who(row, program)} {row['jenjang']}, "
                f"pembimbingnya {_who(mentor, program)} {mentor['jenjang']}.", pair))
        same_district = row["region_code"] and row["region_code"] == mentor["region_code"]
        if row["tier"] == 3 and mentor["tier"] == 2 and row["region_code"] and mentor["region_code"] \
                and not same_district:
            findings.append(Finding(
                WARNING, "imbas_region", f"{_who(row, program)} di {row['region']}, tidak satu "
                f"kab/kota dengan {_who(mentor, program)} di {mentor['region']}.", pair))
        if row["tier"] == 2 and mentor["tier"] == 1 and same_district:
            findings.append(Finding(
                WARNING, "same_region", f"{_who(row, program)} dan {_who(mentor, program)} "
                f"sama-sama dari {row['region']}; pasangan seharusnya lintas daerah.", pair))
    for mentor_id, ids in mentees.items():
        mentor = rows[mentor_id]
        limit = program.capacity(mentor["tier"])
        if limit is not None and len(ids) > limit:
            findings.append(Finding(
                ERROR, "capacity", f"{_who(mentor, program)} membimbing {len(ids)} "
                f"{program.label(mentor['tier'] + 1)}, melebihi rasio {program.ratio_text} "
                f"(paling banyak {limit}).", [mentor_id, *ids]))
    for row in rows.values():
        if row["tier"] == 1 and row["id"] not in mentees and program.tiers > 1:
            findings.append(Finding(WARNING, "no_mentees", f"{_who(row, program)} belum "
                                    f"membimbing {program.label(2)} siapa pun.", [row["id"]]))
    order = {ERROR: 0, WARNING: 1}
    findings.sort(key=lambda f: order[f.severity])
    return findings


# ---------------------------------------------------------------- the pairing assistant

@dataclass
class Proposed:
    mentee_id: int
    mentor_id: int
    mentee_name: str
    mentor_name: str
    tier: int
    subject: str | None
    note: str  # why this mentor, in words
    mentee_region: str = ""
    mentor_region: str = ""
    previous_mentor_id: int | None = None  # with repair: the mentor the pair replaces
    previous_mentor_name: str = ""


@dataclass
class Unplaced:
    participant_id: int
    name: str
    tier: int
    subject: str | None
    reason: str


@dataclass
class Proposal:
    program_id: int
    repair: bool
    pairs: list[Proposed] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)


def _group(row: dict) -> tuple[str, str]:
    return (_key(row["subject"]), _key(row["jenjang"]))


class _Mentors:
    """The mentors of one tier, picked least loaded first, higher UKG where loads tie."""

    def __init__(self, mentors: list[dict], loads: Counter, capacity: int | None):
        self.loads, self.capacity = loads, capacity
        self.heaps: dict[tuple, list] = defaultdict(list)
        for m in mentors:
            for key in self._keys(m):
                self.heaps[key].append(self._entry(m))
        for heap in self.heaps.values():
            heapq.heapify(heap)
        self.by_id = {m["id"]: m for m in mentors}
        self.provinces: dict[tuple, set] = defaultdict(set)
        for m in mentors:
            self.provinces[_group(m)].add(m["province_code"])
        self.per_group = Counter(_group(m) for m in mentors)

    @staticmethod
    def _keys(m: dict) -> list[tuple]:
        group = _group(m)
        return [group, (*group, "p", m["province_code"]), (*group, "d", m["region_code"])]

    def _entry(self, m: dict) -> tuple:
        return (self.loads[m["id"]], -(m["ukg"] or 0), m["name_key"] or "", m["id"])

    def has_room(self, mentor_id: int) -> bool:
        return self.capacity is None or self.loads[mentor_id] < self.capacity

    def _top(self, heap: list) -> tuple | None:
        """The heap's best entry for a mentor with room, after dropping full and stale ones."""
        while heap:
            entry = heap[0]
            mentor = self.by_id[entry[-1]]
            if not self.has_room(mentor["id"]):
                heapq.heappop(heap)
            elif entry[0] != self.loads[mentor["id"]]:
                heapq.heapreplace(heap, self._entry(mentor))
            else:
                return entry
        return None

    def _take(self, heap: list) -> dict:
        mentor = self.by_id[heapq.heappop(heap)[-1]]
        self.loads[mentor["id"]] += 1
        if self.has_room(mentor["id"]):
            heapq.heappush(heap, self._entry(mentor))
        return mentor

    def pick_other_province(self, group: tuple, province: str | None) -> dict | None:
        """The best mentor with room from any province but `province`: one look at the top of
        each province's heap, so a subject whose mentors mostly share the mentee's province
        costs no more than one whose mentors are spread out."""
        best = None
        for other in self.provinces.get(group, ()):
            if other == province or (province is None and other is None):
                continue
            heap = self.heaps[(*group, "p", other)]
            top = self._top(heap)
            if top is not None and (best is None or top < best[0]):
                best = (top, heap)
        return self._take(best[1]) if best else None

    def pick(self, key: tuple, accept: Callable[[dict], bool] = lambda m: True) -> dict | None:
        heap = self.heaps.get(key)
        if not heap:
            return None
        passed, chosen = [], None
        while heap:
            entry = heapq.heappop(heap)
            mentor = self.by_id[entry[-1]]
            if not self.has_room(mentor["id"]):
                continue  # full: it never gets room back during one proposal
            if entry[0] != self.loads[mentor["id"]]:
                heapq.heappush(heap, self._entry(mentor))  # stale load: requeue as it is now
                continue
            if not accept(mentor):
                passed.append(entry)
                continue
            chosen = mentor
            break
        for entry in passed:
            heapq.heappush(heap, entry)
        if chosen is not None:
            self.loads[chosen["id"]] += 1
            if self.has_room(chosen["id"]):
                heapq.heappush(heap, self._entry(chosen))
        return chosen


def propose(db: Database, program_id: int, *, repair: bool = False,
            progress: Progress | None = None, cancelled: IsCancelled | None = None) -> Proposal:
    """Mentors for unpaired participants (all of them with repair=True). Hard rules: the
    mentor's tier, subject, jenjang and room under the ratio. Preferences: a tier-3 in its
    mentor's kab/kota, else province; a tier-2 from another province, else another kab/kota;
    the least loaded mentor; higher UKG where loads tie. The same data gives the same
    proposal. Nothing is written (apply_proposal does that)."""
    program, rows = _load(db, program_id)
    proposal = Proposal(program_id, repair)
    previous = {r["id"]: r["mentor_id"] for r in rows.values() if r["mentor_id"]}
    if repair:
        for row in rows.values():
            row["mentor_id"] = None
    loads = Counter(r["mentor_id"] for r in rows.values() if r["mentor_id"])
    total = sum(1 for r in rows.values() if r["tier"] > 1 and not r["mentor_id"])
    done = 0
    for tier in range(2, program.tiers + 1):
        mentors = [r for r in rows.values() if r["tier"] == tier - 1 and not r["left_roster"]]
        pool = _Mentors(mentors, loads, program.capacity(tier - 1))
        waiting = sorted((r for r in rows.values() if r["tier"] == tier and not r["mentor_id"]),
                         key=lambda r: (_group(r), r["province"] or "", r["region"] or "",
                                        r["name_key"] or "", r["id"]))
        if tier == 2:
            # Those with the fewest mentors in other provinces choose first, so that a mitra
            # whose province holds most of the inti still finds one from elsewhere.
            same_province = Counter((_group(m), m["province_code"]) for m in mentors)
            waiting.sort(key=lambda r: (_group(r), pool.per_group[_group(r)]
                                        - same_province[(_group(r), r["province_code"])]))  # the point of a pair is to cross regions
            passes = [("provinsi lain", None, None),
                      ("kab/kota lain", lambda r: _group(r),
                       lambda r: lambda candidate: candidate["region_code"] != r["region_code"]),
                      ("kab/kota sama (tidak ada pilihan lain)", lambda r: _group(r),
                       lambda r: lambda m: True)]
        else:  # imbas stay near their mitra
            passes = [("satu kab/kota",
                       lambda r: (*_group(r), "d", r["region_code"]) if r["region_code"] else None,
                       lambda r: lambda m: True),
                      ("satu provinsi",
                       lambda r: (*_group(r), "p", r["province_code"]) if r["province_code"] else None,
                       lambda r: lambda m: True),
                      ("provinsi lain (tidak ada pilihan lebih dekat)", lambda r: _group(r),
                       lambda r: lambda m: True)]
        for note, heap_key, accept in passes:
            still = []
            for row in waiting:
                if cancelled and cancelled():
                    raise Cancelled()
                if row["left_roster"]:
                    still.append(row)
                    continue
                mentor = (pool.pick_other_province(_group(row), row["province_code"])
                          if heap_key is None else pool.pick(heap_key(row), accept(row)))
                if mentor is None:
                    still.append(row)
                    continue
                row["mentor_id"] = mentor["id"]
                before = rows.get(previous.get(row["id"]))
                proposal.pairs.append(Proposed(row["id"], mentor["id"], row["name"], mentor["name"],
                                               tier, row["subject"], note, row["region"] or "",
                                               mentor["region"] or "",
                                               before["id"] if before else None,
                                               before["name"] if before else ""))
                done += 1
                if progress and done % 500 == 0:
                    progress(done, total, "Mencari pasangan...")
            waiting = still
        for row in waiting:
            proposal.unplaced.append(Unplaced(row["id"], row["name"], tier, row["subject"],
                                              _why_unplaced(program, row, pool.per_group)))
    if progress:
        progress(total, total, "Selesai")
    return proposal


def _why_unplaced(program: Program, row: dict, per_group: Counter) -> str:
    mentor_label = program.label(row["tier"] - 1)
    if row["left_roster"]:
        return "Tidak ada lagi di daftar guru."
    same = per_group[_group(row)]
    subject = row["subject"] or "(tanpa mata pelajaran)"
    if not same:
        return (f"Tidak ada {mentor_label} mata pelajaran {subject} jenjang {row['jenjang']} "
                "di program ini.")
    return (f"Semua {same} {mentor_label} mata pelajaran {subject} sudah penuh "
            f"(paling banyak {program.capacity(row['tier'] - 1)} per orang).")


def apply_proposal(db: Database, program_id: int, pairs: Iterable[tuple[int, int]], *,
                   repair: bool = False) -> dict[int, int | None]:
    """Save accepted pairs (mentee, mentor) in one transaction, checked as set_mentor checks
    them. With repair=True every existing pair of the program is dropped first. Returns the
    previous mentors of everyone changed, for undo."""
    program, rows = _load(db, program_id)
    pairs = dict(pairs)
    if not repair:  # pairs made since the proposal was computed are not overwritten
        taken = [rows[m]["name"] for m, mentor in pairs.items()
                 if m in rows and rows[m]["mentor_id"] not in (None, mentor)]
        if taken:
            raise ValidationError(
                f"Usulan tidak disimpan: {taken[0]}"
                + (f" dan {len(taken) - 1} peserta lain" if len(taken) > 1 else "")
                + " sudah dipasangkan sejak usulan dibuat. Jalankan lagi pemasangan otomatis.",
                details=taken)
    assignments: dict[int, int | None] = {}
    if repair:
        assignments = {r["id"]: None for r in rows.values() if r["mentor_id"]}
    assignments.update(pairs)
    previous = {i: rows[i]["mentor_id"] for i in assignments if i in rows}
    with db.atomic():
        _assign(db, program, rows, assignments)
    return previous


# ---------------------------------------------------------------- the tree, level by level

# INDEXED BY and CROSS JOIN (which fixes the join order): statistics gathered while nobody
# was paired (every mentor_id NULL) made the planner scan the grandchildren's index for each
# node; a 2,000-node top level then took 17 s instead of 60 ms.
_BY_MENTOR = "participants_by_mentor"
_NODE_COUNTS = f""",
    (SELECT count(*) FROM participants c INDEXED BY {_BY_MENTOR} WHERE c.mentor_id = t.id) AS direct,
    (SELECT count(*) FROM participants c INDEXED BY {_BY_MENTOR}
     CROSS JOIN participants g INDEXED BY {_BY_MENTOR} ON g.mentor_id = c.id
     WHERE c.mentor_id = t.id) AS second
"""


def tree_level(db: Database, program_id: int, *, mentor_id: int | None = None,
               unpaired_tier: int | None = None) -> list[dict]:
    """One level of the tree: the top tier (no arguments), a mentor's mentees, or the
    participants of a tier who have no mentor yet. Each node has `direct` (its mentees) and
    `reach` (mentees and theirs)."""
    program = get_program(db, program_id)
    last_tier = unpaired_tier == program.tiers or (
        mentor_id is not None and db.execute("SELECT tier FROM participants WHERE id = ?",
                                             [mentor_id]).fetchone() == (program.tiers - 1,))
    # The last tier mentors nobody: its rows skip the two count subqueries (60k imbas load
    # 0.1 s sooner).
    counts = ", 0 AS direct, 0 AS second" if last_tier else _NODE_COUNTS
    select = PARTICIPANT_SELECT.replace("AS left_roster", "AS left_roster" + counts)
    if mentor_id is not None:
        select = select.replace("FROM participants t", f"FROM participants t INDEXED BY {_BY_MENTOR}")
        where, params = "WHERE t.mentor_id = ?", [mentor_id]
    elif unpaired_tier is not None:
        where, params = ("WHERE t.program_id = ? AND t.tier = ? AND t.mentor_id IS NULL",
                         [program_id, unpaired_tier])
    else:
        where, params = "WHERE t.program_id = ? AND t.tier = 1", [program_id]
    rows = query_rows(db, select + where + " ORDER BY p.name_key, t.name, t.id", params)
    for row in rows:
        row["reach"] = row["direct"] + row.pop("second")
    return rows


def unpaired_counts(db: Database, program_id: int) -> dict[int, int]:
    return dict(db.execute("SELECT tier, count(*) FROM participants WHERE program_id = ? AND "
                           "tier > 1 AND mentor_id IS NULL GROUP BY tier", [program_id]).fetchall())


def tiers_in_use(db: Database, program_id: int) -> set[int]:
    return {r[0] for r in db.execute("SELECT DISTINCT tier FROM participants WHERE program_id = ?",
                                     [program_id])}


def path_to(db: Database, participant_id: int) -> list[int]:
    """The participant's mentors from the top tier down, then the participant."""
    path = [participant_id]
    while True:
        row = db.execute("SELECT mentor_id FROM participants WHERE id = ?", [path[0]]).fetchone()
        if row is None or row[0] is None or row[0] in path:
            return path
        path.insert(0, row[0])


def search(db: Database, program_id: int, text: str, limit: int = 200) -> list[int]:
    """Participants whose name, NUPTK, NIP, school or kab/kota contains `text`."""
    text = re.sub(r"\b(sd|smp|sma|smk|slb)n\b", r"\1 negeri", " ".join(text.split()).casefold())
    if not text:
        return []
    text = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like = f"%{text}%"
    digits = text.replace(" ", "")
    rows = db.execute(
        "SELECT t.id FROM participants t LEFT JOIN people p ON p.id = t.person_id "
        "LEFT JOIN schools s ON s.id = p.school_id LEFT JOIN regions r ON r.code = p.region_code "
        "WHERE t.program_id = ? AND (lower(coalesce(p.full_name, t.name)) LIKE ? ESCAPE '\\'"
        " OR p.nuptk LIKE ? ESCAPE '\\' OR p.nip LIKE ? ESCAPE '\\'"
        " OR lower(s.name) LIKE ? ESCAPE '\\' OR lower(r.name) LIKE ? ESCAPE '\\') "
        "ORDER BY t.tier, p.name_key, t.id LIMIT ?",
        [program_id, like, f"{digits}%", f"{digits}%", like, like, limit]).fetchall()
    return [r[0] for r in rows]


def summary(db: Database, program_id: int) -> list[dict]:
    """Participants per province and subject: a count per tier and the reach (those mentored:
    every tier below the top, as a node's reach in the tree)."""
    program = get_program(db, program_id)
    rows: dict[tuple, dict] = {}
    for province, subject, tier, count in db.execute(
            "SELECT coalesce(r.province, '(tanpa provinsi)'), coalesce(t.subject, '-'), t.tier,"
            " count(*) FROM participants t LEFT JOIN people p ON p.id = t.person_id"
            " LEFT JOIN regions r ON r.code = p.region_code WHERE t.program_id = ?"
            " GROUP BY 1, 2, 3 ORDER BY 1, 2", [program_id]):
        entry = rows.setdefault((province, subject), {"province": province, "subject": subject,
                                                      "counts": [0] * program.tiers})
        if tier <= program.tiers:
            entry["counts"][tier - 1] = count
    result = list(rows.values())
    for entry in result:
        entry["reach"] = sum(entry["counts"][1:])
    return result


def pair_rows(db: Database, program_id: int) -> list[dict]:
    """One row per pair (mentor tier by tier, then mentor name, then mentee name): both
    people's names, IDs, schools and kab/kota, the subject and the tier labels."""
    program = get_program(db, program_id)
    rows = query_rows(db, PARTICIPANT_SELECT + "WHERE t.program_id = ?", [program_id])
    by_id = {r["id"]: r for r in rows}
    pairs = []
    for mentee in rows:
        mentor = by_id.get(mentee["mentor_id"])
        if mentor is None:
            continue
        pairs.append({"mentor": mentor, "mentee": mentee,
                      "mentor_label": program.label(mentor["tier"]),
                      "mentee_label": program.label(mentee["tier"]),
                      "subject": mentee["subject"] or mentor["subject"]})
    pairs.sort(key=lambda p: (p["mentor"]["tier"], p["mentor"]["name_key"] or p["mentor"]["name"],
                              p["mentor"]["id"], p["mentee"]["name_key"] or p["mentee"]["name"],
                              p["mentee"]["id"]))
    return pairs
