"""Programs, their tier labels and ratios, and their participants (who joined in which tier)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlite_utils import Database

from . import vocabulary
from .errors import NotFoundError, ValidationError

# Tier names changed over the years (DOMAIN.md); a program carries its own.
LABEL_PRESETS = {
    "Inti / Mitra / Imbas": ("Inti", "Mitra", "Imbas"),
    "Mitra 1 / Mitra 2 / Mitra 3": ("Mitra 1", "Mitra 2", "Mitra 3"),
    "Mitra / Imbas": ("Mitra", "Imbas"),
}
RATIO_PRESETS = {"1:3:10": (3, 10), "1:4:10": (4, 10), "1:2": (2,)}
DEFAULT_LABELS = LABEL_PRESETS["Inti / Mitra / Imbas"]
DEFAULT_RATIOS = RATIO_PRESETS["1:3:10"]
JENJANG = ("SMP", "SMA", "SMK")
KINDS = {"guru": "Guru", "kepala sekolah": "Kepala Sekolah"}


def role_title(label: str, program_kind: str = "guru") -> str:
    """A tier label as a role on a certificate or letter: a bare "Inti" or "Mitra 1" gets
    the program's kind in front ("Guru Inti"); "Guru Inti" or "Sekolah Imbas" stays."""
    first = (label.split() or [""])[0].casefold()
    if first in ("guru", "kepala", "pengawas", "sekolah", "kepsek", "peserta"):
        return label
    return f"{'Kepala Sekolah' if program_kind == 'kepala sekolah' else 'Guru'} {label}"


@dataclass
class Program:
    id: int | None
    name: str
    year: int
    jenjang: str
    kind: str = "guru"
    stage: str = ""
    subjects: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=lambda: list(DEFAULT_LABELS))
    ratios: list[int] = field(default_factory=lambda: list(DEFAULT_RATIOS))

    @property
    def tiers(self) -> int:
        return len(self.labels)

    def label(self, tier: int) -> str:
        return self.labels[tier - 1] if 1 <= tier <= len(self.labels) else f"Tingkat {tier}"

    def role(self, tier: int) -> str:
        """The tier as a person's role on paper: "Guru Inti", "Kepala Sekolah Mitra"."""
        return role_title(self.label(tier), self.kind)

    def capacity(self, mentor_tier: int) -> int | None:
        """How many mentees one mentor of this tier takes; None when the program sets no limit."""
        index = mentor_tier - 1
        return self.ratios[index] if 0 <= index < len(self.ratios) else None

    @property
    def ratio_text(self) -> str:
        return ":".join(["1", *(str(r) for r in self.ratios)])

    @property
    def title(self) -> str:
        return f"{self.name} ({self.year})"


def parse_labels(text: str | Iterable[str]) -> list[str]:
    parts = re.split(r"\s*[,/;]\s*", text.strip()) if isinstance(text, str) else list(text)
    return [p.strip() for p in parts if p and p.strip()]


def parse_ratio(text: str | Iterable[int]) -> list[int]:
    """'3,10', '1:3:10' or (3, 10) -> [3, 10]. A leading '1:' is the mentor's own 1."""
    if isinstance(text, str):
        parts = [p for p in re.split(r"\s*[,:;/]\s*", text.strip()) if p]
        if ":" in text and parts and parts[0] == "1":
            parts = parts[1:]
        try:
            return [int(p) for p in parts]
        except ValueError:
            raise ValidationError(f"Rasio '{text}' tidak dikenali; tulis misalnya 3,10 atau "
                                  "1:3:10.") from None
    return [int(p) for p in text]


def validate_program(program: Program) -> dict[str, str]:
    """Problems by field name, in Bahasa Indonesia; empty when the program can be saved."""
    errors = {}
    if not program.name.strip():
        errors["name"] = "Nama program wajib diisi."
    if not isinstance(program.year, int) or not 2000 <= program.year <= 2100:
        errors["year"] = "Tahun harus antara 2000 dan 2100."
    if program.jenjang not in JENJANG:
        errors["jenjang"] = "Jenjang harus SMP, SMA atau SMK."
    if program.kind not in KINDS:
        errors["kind"] = "Jenis program harus guru atau kepala sekolah."
    labels = [lbl.strip() for lbl in program.labels]
    if len(labels) not in (2, 3) or not all(labels):
        errors["labels"] = "Isi 2 atau 3 nama tingkat, misalnya Inti, Mitra, Imbas."
    elif len({lbl.casefold() for lbl in labels}) != len(labels):
        errors["labels"] = "Nama tingkat tidak boleh sama."
    if len(program.ratios) > max(len(labels) - 1, 1):
        errors["ratios"] = (f"Program {len(labels)} tingkat punya paling banyak "
                            f"{len(labels) - 1} angka rasio.")
    elif any(r < 1 or r > 1000 for r in program.ratios):
        errors["ratios"] = "Setiap angka rasio harus antara 1 dan 1000."
    return errors


_PROGRAM_COLUMNS = "id, name, year, stage, jenjang, kind, subjects, labels, ratios"


def _program(row) -> Program:
    pid, name, year, stage, jenjang, kind, subjects, labels, ratios = row
    return Program(pid, name, year, jenjang, kind, stage or "", json.loads(subjects),
                   json.loads(labels), json.loads(ratios))


def _values(program: Program) -> list:
    subjects = [vocabulary.clean_subject(s) for s in program.subjects if str(s).strip()]
    return [program.name.strip(), program.year, program.stage.strip() or None, program.jenjang,
            program.kind, json.dumps(subjects, ensure_ascii=False),
            json.dumps([lbl.strip() for lbl in program.labels], ensure_ascii=False),
            json.dumps(list(program.ratios))]


def duplicate_of(db: Database, program: Program) -> int | None:
    """The id of another program with the same name and year (they could not be told apart
    in lists), or None."""
    row = db.execute("SELECT id FROM programs WHERE lower(trim(name)) = lower(trim(?)) AND year = ?"
                     " AND id IS NOT ?", [program.name, program.year, program.id]).fetchone()
    return row[0] if row else None


def over_capacity(db: Database, program: Program) -> list[str]:
    """Mentors who would have more mentees than `program`'s ratios allow (an edit that
    lowers a ratio), as 'name (n)'."""
    rows = db.execute(
        "SELECT m.tier, coalesce(p.full_name, m.name), count(*) FROM participants t "
        "JOIN participants m ON m.id = t.mentor_id LEFT JOIN people p ON p.id = m.person_id "
        "WHERE t.program_id = ? GROUP BY m.id ORDER BY 2", [program.id]).fetchall()
    return [f"{name} ({n})" for tier, name, n in rows
            if program.capacity(tier) is not None and n > program.capacity(tier)]


def save_program(db: Database, program: Program) -> int:
    """Create (id None) or update a program; returns its id."""
    errors = validate_program(program)
    if not errors and duplicate_of(db, program):
        errors["name"] = f"Program '{program.name.strip()}' tahun {program.year} sudah ada."
    if errors:
        raise ValidationError("Program belum dapat disimpan: " + " ".join(errors.values()),
                              problems=list(errors.items()))
    with db.atomic():
        if program.id is None:
            cursor = db.execute(
                "INSERT INTO programs (name, year, stage, jenjang, kind, subjects, labels, ratios)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", _values(program))
            return cursor.lastrowid
        old = get_program(db, program.id)
        if program.tiers < old.tiers:
            deeper = db.execute("SELECT count(*) FROM participants WHERE program_id = ? AND tier > ?",
                                [program.id, program.tiers]).fetchone()[0]
            if deeper:
                raise ValidationError(
                    f"Program ini punya {deeper} peserta tingkat {old.label(old.tiers)}; "
                    f"pindahkan atau hapus mereka dulu sebelum menjadikannya {program.tiers} tingkat.")
        db.execute("UPDATE programs SET name = ?, year = ?, stage = ?, jenjang = ?, kind = ?,"
                   " subjects = ?, labels = ?, ratios = ?,"
                   " updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') WHERE id = ?",
                   [*_values(program), program.id])
        return program.id


def create_program(db: Database, name: str, year: int, jenjang: str, kind: str = "guru", *,
                   stage: str = "", subjects: Iterable[str] = (),
                   labels: Iterable[str] | str = DEFAULT_LABELS,
                   ratios: Iterable[int] | str = DEFAULT_RATIOS) -> int:
    return save_program(db, Program(None, name, year, jenjang.upper(), kind.replace("-", " "),
                                    stage, list(subjects), parse_labels(labels),
                                    parse_ratio(ratios)))


def get_program(db: Database, program_id: int) -> Program:
    row = db.execute(f"SELECT {_PROGRAM_COLUMNS} FROM programs WHERE id = ?",
                     [program_id]).fetchone()
    if row is None:
        raise NotFoundError(f"Program dengan id {program_id} tidak ada.")
    return _program(row)


def list_programs(db: Database) -> list[dict]:
    """Every program, newest year first, with its participant count per tier."""
    counts: dict[int, dict[int, int]] = {}
    for pid, tier, n in db.execute(
            "SELECT program_id, tier, count(*) FROM participants GROUP BY program_id, tier"):
        counts.setdefault(pid, {})[tier] = n
    result = []
    for row in db.execute(f"SELECT {_PROGRAM_COLUMNS} FROM programs ORDER BY year DESC, name, id"):
        program = _program(row)
        per_tier = counts.get(program.id, {})
        result.append({"program": program, "counts": [per_tier.get(t, 0)
                                                      for t in range(1, program.tiers + 1)]})
    return result


def delete_program(db: Database, program_id: int) -> None:
    """Delete a program with its participants, pairs and activities; refused once it has
    issued certificates (the register is a permanent record)."""
    issued = db.execute("SELECT count(*) FROM certificates WHERE program_id = ?",
                        [program_id]).fetchone()[0]
    if issued:
        raise ValidationError(f"Program ini sudah menerbitkan {issued} sertifikat; register "
                              "sertifikat tidak boleh hilang, jadi programnya tidak dapat dihapus.")
    with db.atomic():
        db.execute("DELETE FROM programs WHERE id = ?", [program_id])


# ---------------------------------------------------------------- participants

# One participant with what the checks, the tree and the documents need of the person.
PARTICIPANT_SELECT = """
    SELECT t.id, t.program_id, t.person_id, t.tier, t.subject, t.mentor_id,
           coalesce(p.full_name, t.name) AS name, p.name_key, coalesce(p.nuptk, t.nuptk) AS nuptk,
           coalesce(p.nip, t.nip) AS nip, coalesce(p.nik, t.nik) AS nik,
           p.jenjang, p.ukg, p.position, p.rank, s.name AS school, s.npsn,
           p.region_code, r.name AS region, r.province_code, r.province,
           p.id IS NULL AS left_roster
    FROM participants t
    LEFT JOIN people p ON p.id = t.person_id
    LEFT JOIN schools s ON s.id = p.school_id
    LEFT JOIN regions r ON r.code = p.region_code
"""


def query_rows(db: Database, sql: str, params: Iterable = ()) -> list[dict]:
    cursor = db.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def list_participants(db: Database, program_id: int, tier: int | None = None) -> list[dict]:
    """The program's participants by tier then name, each with its mentor's name and IDs."""
    program = get_program(db, program_id)
    where = "WHERE t.program_id = ?" + (" AND t.tier = ?" if tier else "")
    rows = query_rows(db, PARTICIPANT_SELECT + where + " ORDER BY t.tier, p.name_key, t.name, t.id",
                 [program_id, tier] if tier else [program_id])
    by_id = {row["id"]: row for row in rows}
    outside = {r["mentor_id"] for r in rows if r["mentor_id"] and r["mentor_id"] not in by_id}
    if outside:
        marks = ", ".join("?" for _ in outside)
        by_id.update({r["id"]: r for r in query_rows(
            db, PARTICIPANT_SELECT + f"WHERE t.id IN ({marks})", outside)})
    for row in rows:
        row["tier_label"] = program.label(row["tier"])
        mentor = by_id.get(row["mentor_id"])
        row["mentor_name"] = mentor["name"] if mentor else None
        row["mentor_nuptk"] = mentor["nuptk"] if mentor else None
        row["mentor_nip"] = mentor["nip"] if mentor else None
    return rows


def get_participant(db: Database, participant_id: int) -> dict:
    rows = query_rows(db, PARTICIPANT_SELECT + "WHERE t.id = ?", [participant_id])
    if not rows:
        raise NotFoundError(f"Peserta dengan id {participant_id} tidak ada.")
    return rows[0]


def find_participant(db: Database, program_id: int | None, ident: str, *,
                     role: str = "peserta") -> dict:
    """The participant a NUPTK (16 digits) or NIP (18, spaces allowed) names in a program
    (`program_id` None: in the newest program that has them). Raises ValidationError for a
    malformed number, NotFoundError (naming `role`, e.g. "pembimbing") when nobody has it."""
    digits = "".join(ch for ch in str(ident or "") if not ch.isspace())
    if not digits.isdigit() or len(digits) not in (16, 18):
        raise ValidationError(f"{role.capitalize()} '{ident}': tulis NUPTK (16 angka) atau NIP "
                              "(18 angka).")
    column = "nuptk" if len(digits) == 16 else "nip"
    where = f"coalesce(p.{column}, t.{column}) = ?"
    params: list = [digits]
    if program_id is not None:
        where += " AND t.program_id = ?"
        params.append(program_id)
    rows = query_rows(db, PARTICIPANT_SELECT + f"JOIN programs g ON g.id = t.program_id WHERE {where} "
                      "ORDER BY g.year DESC, t.program_id DESC LIMIT 1", params)
    if not rows:
        place = f"program {program_id}" if program_id is not None else "program mana pun"
        raise NotFoundError(f"{role.capitalize()} dengan {column.upper()} {digits} tidak ada di "
                            f"{place}.")
    return rows[0]


def participant_of(db: Database, program_id: int, person_id: int) -> int | None:
    row = db.execute("SELECT id FROM participants WHERE program_id = ? AND person_id = ?",
                     [program_id, person_id]).fetchone()
    return row[0] if row else None


@dataclass
class AddResult:
    added: list[int]
    skipped: list[str]  # one line per person not added, saying why


def without_subject(db: Database, person_ids: list[int]) -> list[int]:
    """Those of the people the roster holds no subject for (a Dapodik download has none):
    adding them to a program needs one chosen."""
    if not person_ids:
        return []
    marks = ", ".join("?" for _ in person_ids)
    return [pid for pid, subject in db.execute(
        f"SELECT id, subject FROM people WHERE id IN ({marks})", list(person_ids))
        if not (subject or "").strip()]


def add_participants(db: Database, program_id: int, person_ids: Iterable[int], tier: int,
                     subject: str | None = None, *, fallback: str | None = None) -> AddResult:
    """Put roster people into a program in one tier. Each keeps their own subject unless one
    is given; `fallback` is the subject of those the roster has none for (a Dapodik
    download carries no subject), and is written to their roster record too. People
    already in the program are skipped and named; one transaction."""
    program = get_program(db, program_id)
    if not 1 <= tier <= program.tiers:
        raise ValidationError(f"Program '{program.name}' hanya punya {program.tiers} tingkat.")
    subject = vocabulary.clean_subject(subject) if subject else None
    fallback = vocabulary.clean_subject(fallback) if fallback else None
    principals = program.kind == "kepala sekolah"  # principals pair across subjects
    result = AddResult([], [])
    with db.atomic():
        for person_id in person_ids:
            person = db.execute("SELECT full_name, subject, position FROM people WHERE id = ?",
                                [person_id]).fetchone()
            if person is None:
                result.skipped.append(f"Orang dengan id {person_id} tidak ada di daftar.")
                continue
            name, own_subject, position = person
            existing = db.execute("SELECT tier FROM participants WHERE program_id = ? AND "
                                  "person_id = ?", [program_id, person_id]).fetchone()
            if existing:
                result.skipped.append(f"{name} sudah menjadi {program.label(existing[0])} "
                                      "di program ini.")
                continue
            chosen = None if principals else subject or own_subject or fallback
            if not principals and not own_subject and chosen and chosen == fallback:
                db.execute("UPDATE people SET subject = ? WHERE id = ?", [fallback, person_id])
            if not principals and not chosen:
                result.skipped.append(f"{name} belum punya mata pelajaran; isi dulu di data "
                                      "guru atau pilih mata pelajaran.")
                continue
            cursor = db.execute(
                "INSERT INTO participants (program_id, person_id, name, tier, subject)"
                " VALUES (?, ?, ?, ?, ?)", [program_id, person_id, name, tier, chosen])
            result.added.append(cursor.lastrowid)
    return result


_PARTICIPANT_COLUMNS = ("id", "program_id", "person_id", "name", "tier", "subject", "mentor_id",
                        "nuptk", "nip", "nik", "created_at", "updated_at")


def snapshot_participants(db: Database, participant_ids: Iterable[int]) -> dict:
    """Participants and the pairs that point at them, for undoing a removal."""
    ids = list(participant_ids)
    marks = ", ".join("?" for _ in ids) or "NULL"
    rows = query_rows(db, f"SELECT {', '.join('t.' + c for c in _PARTICIPANT_COLUMNS)} "
                     f"FROM participants t WHERE t.id IN ({marks})", ids)
    mentees = db.execute(f"SELECT id, mentor_id FROM participants WHERE mentor_id IN ({marks})",
                         ids).fetchall()
    taking_part = db.execute(f"SELECT activity_id, participant_id FROM activity_participants "
                             f"WHERE participant_id IN ({marks})", ids).fetchall()
    return {"rows": rows, "mentees": mentees, "activities": taking_part}


def remove_participants(db: Database, participant_ids: Iterable[int]) -> int:
    """Take participants out of their program; their mentees become unpaired."""
    ids = list(participant_ids)
    with db.atomic():
        db.conn.executemany("DELETE FROM participants WHERE id = ?", [(i,) for i in ids])
    return len(ids)


def restore_participants(db: Database, snapshot: dict) -> None:
    """Undo a removal: the participants return under their old ids with their pairs. Refused
    (nothing changes) when the program has since lost the tier, or was deleted, or the
    person was added to it again."""
    cols = ", ".join(_PARTICIPANT_COLUMNS)
    marks = ", ".join("?" for _ in _PARTICIPANT_COLUMNS)
    rows = sorted(snapshot["rows"], key=lambda r: r["tier"])
    for program_id in {r["program_id"] for r in rows}:
        try:
            program = get_program(db, program_id)
        except NotFoundError:
            raise ValidationError("Tidak dapat dibatalkan: programnya sudah dihapus.") from None
        deeper = [r for r in rows if r["program_id"] == program_id and r["tier"] > program.tiers]
        if deeper:
            raise ValidationError(
                f"Tidak dapat dibatalkan: program '{program.name}' kini hanya {program.tiers} "
                f"tingkat, sedangkan {deeper[0]['name']} dahulu di tingkat {deeper[0]['tier']}.")
    try:
        with db.atomic():
            for row in rows:  # mentors first, so a mentee's mentor_id finds its row
                values = [row[c] for c in _PARTICIPANT_COLUMNS]
                db.execute(f"INSERT INTO participants ({cols}) VALUES ({marks})", values)
            db.conn.executemany("UPDATE participants SET mentor_id = ? WHERE id = ?",
                                [(mentor, mentee) for mentee, mentor in snapshot["mentees"]])
            db.conn.executemany(  # back in the activities they took part in (still there)
                "INSERT OR IGNORE INTO activity_participants (activity_id, participant_id) "
                "SELECT ?, ? WHERE EXISTS (SELECT 1 FROM activities WHERE id = ?)",
                [(a, pid, a) for a, pid in snapshot.get("activities", [])])
    except sqlite3.IntegrityError as exc:
        raise ValidationError("Tidak dapat dibatalkan: orang yang sama sudah ditambahkan lagi ke "
                              "program itu. Tidak ada yang diubah.", technical=str(exc)) from exc


def history(db: Database, person_id: int) -> list[dict]:
    """Every program a person took part in, newest first: tier label, subject and mentor."""
    rows = query_rows(db, """
        SELECT g.id AS program_id, g.name AS program, g.year, g.labels, t.tier, t.subject,
               m.name AS mentor, mp.full_name AS mentor_name,
               (SELECT count(*) FROM participants c WHERE c.mentor_id = t.id) AS mentees
        FROM participants t JOIN programs g ON g.id = t.program_id
        LEFT JOIN participants m ON m.id = t.mentor_id
        LEFT JOIN people mp ON mp.id = m.person_id
        WHERE t.person_id = ? ORDER BY g.year DESC, g.id DESC""", [person_id])
    for row in rows:
        labels = json.loads(row.pop("labels"))
        row["tier_label"] = labels[row["tier"] - 1] if row["tier"] <= len(labels) else str(row["tier"])
        row["mentor"] = row.pop("mentor_name") or row["mentor"]
    return rows


def count_participations(db: Database, person_ids: Iterable[int]) -> int:
    """How many of these people take part in some program (a roster delete warns of it)."""
    ids = list(person_ids)
    found = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        found += db.execute(f"SELECT count(DISTINCT person_id) FROM participants "
                            f"WHERE person_id IN ({marks})", chunk).fetchone()[0]
    return found
