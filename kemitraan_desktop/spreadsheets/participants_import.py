"""Participants import: roster people with their tier, subject and mentor into one program."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from .. import indonesia as ind
from .. import people
from .. import vocabulary as vocab
from ..errors import Cancelled
from ..indonesia import format_thousands
from ..pairing import pair_problems
from ..programs import Program, get_program
from .cells import clean_id
from .participants_header import (
    FALLBACK,
    ID_LABEL,
    MENTOR_IDS,
    OWN_IDS,
    ParticipantsHeader,
    locate_participants,
    parse_tier,
)
from .participants_write import write_participants
from .reader import FormulaError, Sheet, check_rows, fill_merged, merged_ranges
from .reports import RowsImportReport
from .roster_rows import (
    IsCancelled,
    Problem,
    Progress,
    header_problems,
    is_numbering_row,
)

__all__ = ["ParticipantsReport", "import_participants", "locate_participants"]  # the last: participants_header

_OWN_ID_SET, _MENTOR_ID_SET = frozenset(OWN_IDS), frozenset(MENTOR_IDS)

MAX_ROWS = 100_000  # participants one import reads: far more than any program has

# ---------------------------------------------------------------- the report


@dataclass
class ParticipantsReport(RowsImportReport):
    """The participants import's report: the common fields (reports.RowsImportReport) and these.
    `updated` counts participants whose tier, subject or mentor changes."""

    program: str = ""  # the program's title
    pairs: int = 0  # mentors set or changed by the file
    unpaired: int = 0  # earlier pairs dropped because a tier or subject changed

    def counts(self) -> str:
        n = format_thousands
        text = (f"{n(self.new)} peserta baru, {n(self.updated)} diperbarui, "
                f"{n(self.unchanged)} tidak berubah, {n(self.pairs)} pasangan ditetapkan")
        if self.unpaired:
            text += f", {n(self.unpaired)} pasangan lama dilepas"
        return text

    def summary(self) -> str:
        counts = self.counts()
        bad = f"{format_thousands(self.skipped)} baris bermasalah"
        if self.written:
            return f"Impor selesai: {counts}" + (f"; {bad} dilewati." if self.skipped else ".")
        if not self.problems:
            return f"Uji coba (tidak ada yang disimpan): {counts}."
        if self.skip_invalid and self.dry_run and not self.blocked:
            return f"Uji coba (tidak ada yang disimpan): {counts}; {bad} akan dilewati."
        if self.dry_run and not self.blocked:
            return (f"Hasil pemeriksaan: {format_thousands(len(self.problems))} masalah di {bad}. "
                    f"Baris yang benar: {counts}.")
        return (f"Tidak ada yang disimpan: {format_thousands(len(self.problems))} masalah di {bad}. "
                f"Baris yang benar: {counts}.")


def _fast_id(value: object, key: str) -> str | None:
    """The common case without the cleaners: a NUPTK or NIK typed as 16 digits of text."""
    if value.__class__ is str and len(value) == 16 and key in _FAST_ID_KEYS \
            and value.isdigit() and value.isascii():
        return value
    return None


_FAST_ID_KEYS = frozenset({"nuptk", "id_any", "m_nuptk", "m_id_any"})


def _kinds(key: str, digits: str) -> tuple[str, ...]:
    """The roster columns a number in column `key` is looked up in."""
    base = key.removeprefix("m_")
    if base == "id_any":
        return ("nip",) if len(digits) == 18 else ("nuptk", "nik")
    return (base,)


def _id_name(kinds: tuple[str, ...]) -> str:
    return "/".join(ID_LABEL[k] for k in kinds)


@dataclass
class _Person:
    id: int
    name: str
    name_key: str
    ids: dict[str, str | None]
    subject: str | None
    jenjang: str | None


@dataclass
class _Row:
    excel_row: int
    ids: dict[str, str] = field(default_factory=dict)  # own ID column field -> digits
    mentor_ids: dict[str, str] = field(default_factory=dict)  # m_* field -> digits
    name: str | None = None
    mentor_name: str | None = None
    tier: int | None = None
    subject: str | None = None
    person: _Person | None = None
    mentor: _Person | None = None
    errors: set[str] = field(default_factory=set)  # fields with a problem

    @property
    def bad(self) -> bool:
        return bool(self.errors)


# ---------------------------------------------------------------- the import

def _no_progress(done: int, total: int, message: str) -> None:
    pass


def _never() -> bool:
    return False


def import_participants(db: Database, program_id: int, path: str | Path, *,
                        sheet: str | None = None, dry_run: bool = False,
                        skip_invalid: bool = False, progress: Progress | None = None,
                        cancelled: IsCancelled | None = None) -> ParticipantsReport:
    """Put the people of a participants workbook into a program with their tier, subject
    and mentor (the pairs the ministry fixed). People already in the program get the
    file's tier, subject and mentor; a row without a mentor keeps an existing pair that
    still fits. All or nothing: with any problem nothing is written, unless
    `skip_invalid`, which writes the good rows (and not the rows whose mentor's row is
    bad). One transaction; a cancelled import raises Cancelled and writes nothing.
    Raises InputFileError for an unreadable file and ValidationError when the needed
    columns are missing."""
    progress, cancelled = progress or _no_progress, cancelled or _never
    path = Path(path)
    program = get_program(db, program_id)
    data, header = locate_participants(path, program, sheet)
    # a tier, or a mentor's number, merged down the rows of their mentees holds for each
    fill_merged(data.rows, merged_ranges(path, data), header.map.row_index + 1)
    report = ParticipantsReport(file=path.name, program=program.title, sheet=data.name,
                                header_row=data.excel_row(header.map.row_index),
                                unknown_columns=header.map.unknown, dry_run=dry_run,
                                skip_invalid=skip_invalid)
    job = _Import(db, program, header, report, progress, cancelled)
    job.read(data)
    job.check()
    if dry_run or report.blocked or (report.problems and not skip_invalid):
        return report
    write_participants(db, program, job.inserts, job.changes, progress, cancelled)
    report.written = True
    return report


class _Import:
    def __init__(self, db: Database, program: Program, header: ParticipantsHeader,
                 report: ParticipantsReport, progress: Progress, cancelled: IsCancelled):
        self.db, self.program, self.header, self.report = db, program, header, report
        self.progress, self.cancelled = progress, cancelled
        self.rows: list[_Row] = []
        self.problems = header_problems(header.map, report.header_row)
        self.index: dict[str, dict[str, _Person]] = {}
        self.base: dict[int, dict] = {}  # person id -> the participant as stored
        self.children: dict[int, list[int]] = defaultdict(list)  # mentor -> mentees, as stored
        self.inserts: list[tuple[int, dict]] = []  # (person id, participant)
        self.has_tier = header.has("tier")
        self.changes: dict[int, dict] = {}

    def _tick(self, done: int, message: str) -> None:
        if self.cancelled():
            raise Cancelled()
        self.progress(done, max(len(self.rows), 1), message)

    # ------------------------------------------------------------ problems

    def column(self, key: str) -> tuple[str, int]:
        """The header and position a problem about `key` is reported on."""
        columns = self.header.map.columns
        for index, field_key in columns.items():
            if field_key == key:
                return self.header.map.labels[index], index
        group = OWN_IDS if key in OWN_IDS else MENTOR_IDS if key in MENTOR_IDS else ()
        for index, field_key in columns.items():
            if field_key in group:
                return self.header.map.labels[index], index
        return FALLBACK.get(key, key), 10_000

    def problem(self, row: _Row, key: str, message: str) -> None:
        text, order = self.column(key)
        self.problems.append(Problem(row.excel_row, text, message, order))
        row.errors.add(key)

    # ------------------------------------------------------------ reading

    def read(self, data: Sheet) -> None:
        first = self.header.map.row_index + 1
        columns = list(self.header.map.columns.items())
        memo: dict[tuple, tuple] = {}
        body = data.rows[first:]
        # Rows after the last one with an ID or a tier are the sheet's footer (a total, the
        # place and date, the signatory), not participants.
        marked = [index for index, key in columns if key in OWN_IDS or key == "tier"]
        last = max((offset for offset, cells in enumerate(body)
                    if any(index < len(cells) and cells[index] not in ("", None) for index in marked)),
                   default=-1)
        check_rows(body[:last + 1], MAX_ROWS, "impor peserta", self.report.file, data)
        for offset, cells in enumerate(body[:last + 1]):
            if not any(cell != "" and cell is not None for cell in cells):
                continue
            if offset == 0 and is_numbering_row(cells):
                continue
            if offset % 2000 == 0:
                if self.cancelled():
                    raise Cancelled()
                self.progress(offset, len(body), "Memeriksa baris")
            row = _Row(data.excel_row(first + offset))
            for index, key in columns:
                value = cells[index] if index < len(cells) else None
                if value is not None and value != "":
                    self._read_cell(row, key, value, memo)
            self._require(row)
            self.rows.append(row)
        self.report.rows = len(self.rows)

    def _read_cell(self, row: _Row, key: str, value, memo: dict) -> None:
        if isinstance(value, FormulaError):
            self.problem(row, key, value.problem())
            return
        if key in OWN_IDS or key in MENTOR_IDS:
            try:
                digits = _fast_id(value, key) or clean_id(value, key.removeprefix("m_"))
            except ValueError as exc:
                self.problem(row, key, str(exc))
                return
            if digits:
                (row.mentor_ids if key in MENTOR_IDS else row.ids)[key] = digits
        elif key == "tier":
            if (key, value) not in memo:  # tiers and subjects repeat: clean each value once
                try:
                    memo[key, value] = (parse_tier(value, self.program), None)
                except ValueError as exc:
                    memo[key, value] = (None, str(exc))
            row.tier, message = memo[key, value]
            if message:
                self.problem(row, key, message)
        elif key == "subject":
            if (key, value) not in memo:
                memo[key, value] = (vocab.clean_subject(value) or None, None)
            row.subject = memo[key, value][0]
        elif key == "full_name":
            row.name = ind.normalize_name(value) or None
        elif key == "m_name":
            row.mentor_name = ind.normalize_name(value) or None

    def _require(self, row: _Row) -> None:
        if not row.ids and not row.errors & _OWN_ID_SET:
            self.problem(row, "nuptk", "isi NUPTK, NIP atau NIK peserta")
        if row.mentor_name and not row.mentor_ids and not row.errors & _MENTOR_ID_SET:
            self.problem(row, "m_name", "pembimbing dicari dari nomornya, bukan dari namanya; isi "
                                        "juga NUPTK atau NIP pembimbing")
        if not self.has_tier:
            row.tier = self.header.default_tier
        elif row.tier is None and "tier" not in row.errors:
            self.problem(row, "tier", f"isi tingkat peserta: {', '.join(self.program.labels)} "
                                      f"(atau angka 1 s.d. {self.program.tiers})")

    # ------------------------------------------------------------ checking

    def check(self) -> None:
        report = self.report
        if not self.rows:
            self.problems.append(Problem(report.header_row, None,
                                         "tidak ada baris data di bawah baris judul kolom"))
        self._lookup()
        for row in self.rows:
            self._resolve(row)
        self._tick(len(self.rows), "Memeriksa pasangan")
        self._duplicates()
        self._load_program()
        for row in self.rows:
            self._row_rules(row)
        valid, state, dropped = self._settle()
        self._plan(valid, state, dropped)
        self.problems.sort(key=lambda p: (p.row or 0, p.order))
        report.problems = self.problems
        report.skipped = len({p.row for p in self.problems if p.row != report.header_row})
        report.blocked = any(p.row == report.header_row for p in self.problems)

    def _lookup(self) -> None:
        """The roster people whose IDs the file names, fetched 500 numbers at a time."""
        wanted: dict[str, set[str]] = {"nuptk": set(), "nip": set(), "nik": set()}
        for row in self.rows:
            for key, digits in (*row.ids.items(), *row.mentor_ids.items()):
                for kind in _kinds(key, digits):
                    wanted[kind].add(digits)
        persons: dict[int, _Person] = {}
        self.index = {kind: {} for kind in wanted}
        for kind, values in wanted.items():
            values = sorted(values)
            for start in range(0, len(values), 500):
                self._tick(start, "Mencocokkan dengan daftar guru")
                chunk = values[start:start + 500]
                marks = ", ".join("?" for _ in chunk)
                for pid, name, name_key, nuptk, nip, nik, subject, jenjang in self.db.execute(
                        "SELECT id, full_name, name_key, nuptk, nip, nik, subject, jenjang "
                        f"FROM people WHERE {kind} IN ({marks})", chunk):
                    person = persons.setdefault(pid, _Person(
                        pid, name, name_key or "", {"nuptk": nuptk, "nip": nip, "nik": nik},
                        subject, jenjang))
                    self.index[kind][person.ids[kind]] = person

    def _resolve(self, row: _Row) -> None:
        if row.ids:
            row.person, by = self._match(row, row.ids, "")
            if row.person and row.name:
                self._check_name(row, "full_name", row.person, by, row.name)
        if row.mentor_ids:
            row.mentor, by = self._match(row, row.mentor_ids, " pembimbing")
            if row.mentor and row.mentor_name:
                self._check_name(row, "m_name", row.mentor, by, row.mentor_name)

    def _match(self, row: _Row, ids: dict[str, str], whose: str) -> tuple[_Person | None, str]:
        """The roster person the row's ID columns name. Numbers that point at two people, or
        that differ from the matched person's recorded ones, are problems."""
        hits = []
        for key, digits in ids.items():
            kinds = _kinds(key, digits)
            kind = next((k for k in kinds if digits in self.index[k]), None)
            hits.append((key, digits, kinds, self.index[kind][digits] if kind else None, kind))
        found = [hit for hit in hits if hit[3] is not None]
        if not found:
            key, digits, kinds, _, _ = hits[0]
            self.problem(row, key, f"{_id_name(kinds)}{whose} {digits} tidak ada di daftar guru; "
                                   "impor dulu orangnya ke daftar guru")
            return None, ""
        _, digits0, _, person, kind0 = found[0]
        # a NIK is never quoted: the message would tell whose NIK it is
        by = f"{ID_LABEL[kind0]}{whose}" + (" di baris itu" if kind0 == "nik" else f" {digits0}")
        ok = True
        for key, digits, kinds, other, _ in hits:
            if other is not None and other.id != person.id:
                shown = " di baris itu" if other.ids.get("nik") == digits else f" {digits}"
                self.problem(row, key, f"{_id_name(kinds)}{whose}{shown} milik {other.name}, sedangkan "
                                       f"{by} milik {person.name}")
                ok = False
            elif other is None and all(person.ids[k] for k in kinds):
                stored = " dan ".join(people.recorded_id(k, person.ids[k]) for k in kinds)
                self.problem(row, key, f"{by} milik {person.name}, yang tercatat dengan {stored}, "
                                       f"bukan {digits}. Periksa kedua nomor itu")
                ok = False
        return (person if ok else None), by

    def _check_name(self, row: _Row, key: str, person: _Person, by: str, written: str) -> None:
        """A name sharing no word with the roster's for that number: a mistyped number."""
        if written == person.name:
            return
        words = set(ind.name_key(written).split())
        if words and person.name_key and not words & set(person.name_key.split()):
            self.problem(row, key, f"{by} milik {person.name}, bukan {written}. Periksa nomornya")

    def _duplicates(self) -> None:
        first: dict[int, _Row] = {}
        for row in self.rows:
            if row.person is None:
                continue
            other = first.setdefault(row.person.id, row)
            if other is row:
                continue
            key = next(iter(row.ids))
            name = row.person.name
            self.problem(row, key, f"{name} sudah ada di baris {other.excel_row}; satu orang cukup "
                                   "satu baris")
            self.problem(other, next(iter(other.ids)), f"{name} muncul lagi di baris "
                                                       f"{row.excel_row}; satu orang cukup satu baris")

    def _load_program(self) -> None:
        """The program's participants as stored, by person (a person's jenjang defaults to
        the program's, as in pairing)."""
        stored = self.db.execute(
            "SELECT t.id, t.person_id, t.tier, t.subject, t.mentor_id, coalesce(p.full_name, "
            "t.name), p.jenjang FROM participants t LEFT JOIN people p ON p.id = t.person_id "
            "WHERE t.program_id = ?", [self.program.id]).fetchall()
        person_of = {row[0]: row[1] for row in stored}
        for _, person_id, tier, subject, mentor_id, name, jenjang in stored:
            mentor = person_of.get(mentor_id)
            self.base[person_id] = {"name": name, "tier": tier, "subject": subject,
                                    "jenjang": jenjang or self.program.jenjang, "mentor": mentor}
            if mentor is not None:
                self.children[mentor].append(person_id)

    def _row_rules(self, row: _Row) -> None:
        """Checks of one row that need no other row: subject, self-mentoring, top tier."""
        if row.person is None or row.tier is None:
            return
        base = self.base.get(row.person.id)
        if self.program.kind == "guru" and not row.subject and base is None \
                and not row.person.subject:
            where = "isi kolom ini" if self.header.has("subject") else \
                "tambahkan kolom Mata Pelajaran"
            self.problem(row, "subject", f"mata pelajaran {row.person.name} belum tercatat di "
                                         f"daftar guru; {where} atau lengkapi data gurunya")
        if row.mentor is None:
            return
        key = next(iter(row.mentor_ids))
        if row.mentor.id == row.person.id:
            self.problem(row, key, "seseorang tidak dapat membimbing dirinya sendiri")
        elif row.tier == 1:
            self.problem(row, key, f"{self.program.label(1)} ada di tingkat teratas dan tidak "
                                   "dibimbing siapa pun; kosongkan kolom ini")

    def _node(self, row: _Row) -> dict:
        """The participant as it will be after the import."""
        base = self.base.get(row.person.id)
        subject = row.subject or (base["subject"] if base else row.person.subject)
        jenjang = base["jenjang"] if base else (row.person.jenjang or self.program.jenjang)
        mentor = row.mentor.id if row.mentor else (base["mentor"] if base else None)
        return {"name": row.person.name, "tier": row.tier, "subject": subject,
                "jenjang": jenjang, "mentor": mentor}

    def _settle(self) -> tuple[list[_Row], dict[int, dict], set[int]]:
        """The program after the good rows are applied. A row is left out when its pair
        breaks a rule, its mentor's row is bad, or its mentor is over the ratio; each time
        rows drop out the rest is checked again, so that what skip_invalid writes holds."""
        rows_of: dict[int, list[_Row]] = defaultdict(list)
        for row in self.rows:
            if row.person is not None:
                rows_of[row.person.id].append(row)
        valid = [row for row in self.rows if not row.bad]
        while True:
            self._tick(len(self.rows), "Memeriksa pasangan")
            state = dict(self.base)
            for row in valid:
                state[row.person.id] = self._node(row)
            dropped: set[int] = set()
            # A list, not a generator: every row's problems are found in one pass.
            if not any([self._pair_rules(row, state, rows_of) for row in valid]):
                dropped = self._drop_unfit(state, valid)
                if not self._capacity(state, valid):
                    return valid, state, dropped
            valid = [row for row in valid if not row.bad]

    def _pair_rules(self, row: _Row, state: dict[int, dict], rows_of: dict) -> bool:
        if row.mentor is None:
            return False
        key = next(iter(row.mentor_ids))
        mentor_rows = rows_of.get(row.mentor.id, [])
        if mentor_rows and all(r.bad for r in mentor_rows):
            where = " dan ".join(str(r.excel_row) for r in mentor_rows)
            self.problem(row, key, f"baris pembimbingnya ({row.mentor.name}, baris {where}) "
                                   "bermasalah, jadi pasangan ini belum dapat dibuat")
        elif row.mentor.id not in state:
            self.problem(row, key, f"{row.mentor.name} belum menjadi peserta program ini dan tidak "
                                   f"ada di berkas; tambahkan barisnya sebagai "
                                   f"{self.program.label(row.tier - 1)}")
        else:
            for message in pair_problems(self.program, state[row.person.id],
                                          state[row.mentor.id]):
                self.problem(row, key, message)
        return row.bad

    def _drop_unfit(self, state: dict[int, dict], valid: list[_Row]) -> set[int]:
        """Stored pairs the file did not restate and that no longer fit (a tier or subject
        changed) are dropped, as changing a tier by hand drops them."""
        restated = {row.person.id for row in valid if row.mentor is not None}
        touched = {row.person.id for row in valid}
        candidates = set(touched)
        for person_id in touched:
            candidates.update(self.children.get(person_id, ()))
        dropped = set()
        for person_id in candidates - restated:
            node = state[person_id]
            mentor = state.get(node["mentor"]) if node["mentor"] is not None else None
            if mentor is not None and pair_problems(self.program, node, mentor):
                state[person_id] = {**node, "mentor": None}
                dropped.add(person_id)
        return dropped

    def _capacity(self, state: dict[int, dict], valid: list[_Row]) -> bool:
        """A mentor over the program's ratio after the import: every row giving them a
        mentee is a problem (which ones to drop is the office's choice)."""
        loads = Counter(node["mentor"] for node in state.values() if node["mentor"] is not None)
        by_mentor: dict[int, list[_Row]] = defaultdict(list)
        for row in valid:
            if row.mentor is not None:
                by_mentor[row.mentor.id].append(row)
        over = False
        for mentor_id, rows in by_mentor.items():
            mentor = state[mentor_id]
            limit = self.program.capacity(mentor["tier"])
            if limit is None or loads[mentor_id] <= limit:
                continue
            listed = ", ".join(str(r.excel_row) for r in rows[:12]) + \
                (f" dan {len(rows) - 12} lainnya" if len(rows) > 12 else "")
            earlier = loads[mentor_id] - len(rows)
            message = (f"{mentor['name']} ({self.program.label(mentor['tier'])}) akan membimbing "
                       f"{loads[mentor_id]} {self.program.label(mentor['tier'] + 1)}, melebihi "
                       f"rasio {self.program.ratio_text} (paling banyak {limit}): baris {listed}"
                       + (f", ditambah {earlier} yang sudah tercatat" if earlier else ""))
            for row in rows:
                self.problem(row, next(iter(row.mentor_ids)), message)
            over = True
        return over

    def _plan(self, valid: list[_Row], state: dict[int, dict], dropped: set[int]) -> None:
        report = self.report
        for row in valid:
            person_id = row.person.id
            node, base = state[person_id], self.base.get(person_id)
            if base is None:
                report.new += 1
                self.inserts.append((person_id, node))
                report.pairs += node["mentor"] is not None
            elif _differs(node, base):
                report.updated += 1
                report.pairs += node["mentor"] is not None and node["mentor"] != base["mentor"]
                self.changes[person_id] = node
            else:
                report.unchanged += 1
        for person_id in dropped:
            self.changes[person_id] = state[person_id]
        report.unpaired = len(dropped)


def _differs(node: dict, base: dict) -> bool:
    return (node["tier"], node["subject"], node["mentor"]) != \
        (base["tier"], base["subject"], base["mentor"])
