"""Monev entries: one visit's scores on one version of an instrument, entered after the
visit from the paper filled in by hand; each listed with its total, percentage and
predikat under its own version, and compared between a participant's first and last visit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlite_utils import Database

from ..errors import NotFoundError, ValidationError
from ..programs import PARTICIPANT_SELECT, query_rows
from .forms import MonevForm, get_form

_ENTRY_SELECT = """
    SELECT e.id, e.form_id, e.program_id, e.participant_id, e.observer_id,
           coalesce(nullif(e.observer_name, ''), op.full_name, o.name) AS observer_name,
           e.day, e.stage, e.note, e.created_at,
           coalesce(p.full_name, t.name) AS name, coalesce(p.nuptk, t.nuptk) AS nuptk,
           coalesce(p.nip, t.nip) AS nip
    FROM monev_entries e
    JOIN monev_forms f ON f.id = e.form_id
    JOIN participants t ON t.id = e.participant_id
    LEFT JOIN people p ON p.id = t.person_id
    LEFT JOIN participants o ON o.id = e.observer_id
    LEFT JOIN people op ON op.id = o.person_id
"""


def _form(db: Database, form: MonevForm | str | int) -> MonevForm:
    return form if isinstance(form, MonevForm) else get_form(db, form)


def _day(day: dt.date | str) -> dt.date:
    if isinstance(day, dt.date):
        return day
    try:
        return dt.date.fromisoformat(str(day).strip())
    except ValueError:
        raise ValidationError(f"Tanggal monev '{day}' harus berbentuk YYYY-MM-DD, misalnya "
                              "2019-11-20.") from None


def _participant(db: Database, participant_id: int, what: str) -> dict:
    rows = query_rows(db, PARTICIPANT_SELECT + "WHERE t.id = ?", [participant_id])
    if not rows:
        raise NotFoundError(f"{what.capitalize()} (peserta id {participant_id}) tidak ada.")
    return rows[0]


def _check_scores(form: MonevForm, scores: Mapping[str, object]) -> dict[str, float]:
    """Every item of the form scored within its range, or ValidationError naming each
    item that is missing, unknown or out of range."""
    problems, clean, missing = [], {}, []
    for item_id in scores:
        if form.item(str(item_id)) is None:
            problems.append(f"Butir {item_id} tidak ada di instrumen {form.name} versi "
                            f"{form.version}.")
    for item in form.items:
        value = scores.get(item["id"])
        if value is None or str(value).strip() == "":
            missing.append(item["id"])
            continue
        try:
            number = float(str(value).replace(",", "."))
        except ValueError:
            problems.append(f"Butir {item['id']}: skor '{value}' bukan angka.")
            continue
        if not item["min"] <= number <= item["max"]:
            problems.append(f"Butir {item['id']}: skor {value} di luar rentang "
                            f"{item['min']}-{item['max']}.")
        clean[item["id"]] = number
    if missing:
        problems.insert(0, f"Butir yang belum diberi skor: {', '.join(missing)}.")
    if problems:
        raise ValidationError(f"Skor {form.name} belum dapat disimpan; tidak ada yang "
                              "disimpan.", problems, problems)
    return clean


def _stage(form: MonevForm, stage: str | None) -> tuple[str | None, bool]:
    """The stage stored and whether it scores the items (else it answers questions)."""
    if not form.stages:
        if stage:
            raise ValidationError(f"Instrumen {form.name} tidak punya tahap; '{stage}' tidak "
                                  "dapat dipakai.")
        return None, True
    if not stage:
        scored = form.scored_stages
        return (scored[0] if scored else None), True
    found = form.stage(stage)
    if found is None:
        names = ", ".join(s["code"] for s in form.stages)
        raise ValidationError(f"Tahap '{stage}' tidak ada di instrumen {form.name}; pilih "
                              f"{names}.")
    return stage, not found.get("questions")


def enter(db: Database, form: MonevForm | str | int, participant_id: int, day: dt.date | str,
          scores: Mapping[str, object], *, observer_id: int | None = None,
          observer_name: str = "", stage: str | None = None, note: str = "",
          item_notes: Mapping[str, str] | None = None, program_id: int | None = None) -> int:
    """Record one monev visit; returns the new entry's id. The entry is tied to the form
    VERSION given (a code means its latest version). In a scored stage (or a form without
    stages) every item is scored within its own range; in a stage of guided questions
    (pra-/pasca-observasi) no scores are given and `item_notes` holds the answers by
    question id ("PRA1"), kept as rows of monev_scores with score 0. `item_notes` of a
    scored stage are the Catatan per item. The observer is a participant (`observer_id`)
    or a name. Anything wrong raises ValidationError/NotFoundError and nothing is stored."""
    form = _form(db, form)
    who = _participant(db, participant_id, "guru yang diamati")
    if program_id is not None and who["program_id"] != program_id:
        raise ValidationError(f"{who['name']} bukan peserta program {program_id}.")
    program_id = who["program_id"]
    day = _day(day)
    if day > dt.date.today():
        raise ValidationError(f"Tanggal monev {day.isoformat()} belum lewat; isi tanggal "
                              "kunjungan yang sudah dilaksanakan.")
    observer_name = " ".join((observer_name or "").split())
    if observer_id is not None:
        if observer_id == participant_id:
            raise ValidationError("Observer tidak boleh orang yang diamati.")
        observer_name = observer_name or _participant(db, observer_id, "observer")["name"]
    elif not observer_name:
        raise ValidationError("Observer wajib diisi: peserta (NUPTK/NIP) atau namanya.")
    stage, scored = _stage(form, stage)
    notes = {str(k): " ".join(str(v or "").split()) for k, v in (item_notes or {}).items()}
    if scored:
        values = _check_scores(form, scores)
        unknown = [k for k in notes if form.item(k) is None]
    else:
        if scores:
            raise ValidationError(f"Tahap {stage} diisi dengan jawaban pertanyaan panduan, "
                                  "bukan skor.")
        questions = {q["id"] for q in form.stage(stage)["questions"]}
        unknown = [k for k in notes if k not in questions]
        values = {k: 0.0 for k, v in notes.items() if v}
        if not values and not (note or "").strip():
            raise ValidationError(f"Tahap {stage}: isi jawaban pertanyaan panduan atau "
                                  "catatannya.")
    if unknown:
        raise ValidationError(f"Catatan untuk {', '.join(unknown)}: tidak ada di instrumen "
                              f"{form.name} versi {form.version}.")
    with db.atomic():
        entry_id = db.execute(
            "INSERT INTO monev_entries (form_id, program_id, participant_id, observer_id, "
            "observer_name, day, stage, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [form.id, program_id, participant_id, observer_id, observer_name or None,
             day.isoformat(), stage, (note or "").strip() or None]).lastrowid
        db.conn.executemany("INSERT INTO monev_scores (entry_id, item_id, score, note) "
                       "VALUES (?, ?, ?, ?)",
                       [(entry_id, item_id, score, notes.get(item_id) or None)
                        for item_id, score in values.items()])
    return entry_id


def _plain(number: float | None):
    if number is None:
        return None
    return int(number) if float(number).is_integer() else number


def _entries(db: Database, where: str, params: list) -> list[dict]:
    rows = query_rows(db, _ENTRY_SELECT + where + " ORDER BY e.day, e.id", params)
    if not rows:
        return []
    forms: dict[int, MonevForm] = {}
    scores: dict[int, dict[str, tuple]] = {}
    marks = ", ".join("?" for _ in rows)
    for entry_id, item_id, score, note in db.execute(
            f"SELECT entry_id, item_id, score, note FROM monev_scores WHERE entry_id IN ({marks})",
            [r["id"] for r in rows]):
        scores.setdefault(entry_id, {})[item_id] = (score, note)
    for row in rows:
        form = forms.get(row["form_id"]) or forms.setdefault(row["form_id"],
                                                             get_form(db, row["form_id"]))
        _describe(row, form, scores.get(row["id"], {}))
    return rows


def _describe(row: dict, form: MonevForm, given: dict[str, tuple]) -> None:
    """Add the form, the scores read against the entry's own version, and the sums."""
    row.update(form_code=form.code, form_name=form.name, form_version=form.version)
    stage = form.stage(row["stage"]) if row["stage"] else None
    questions = (stage or {}).get("questions") or []
    row["answers"] = [{"id": q["id"], "question": q["text"],
                       "answer": (given.get(q["id"]) or (None, None))[1] or ""}
                      for q in questions]
    if questions:
        row.update(scores=[], total=None, max_total=None, percentage=None, category="")
        return
    row["scores"] = [{"item_id": item["id"], "section": item["section"], "text": item["text"],
                      "min": item["min"], "max": item["max"],
                      "score": _plain((given.get(item["id"]) or (None, None))[0]),
                      "note": (given.get(item["id"]) or (None, None))[1] or ""}
                     for item in form.items]
    total = sum(s["score"] or 0 for s in row["scores"])
    percentage = round(total / form.max_total * 100, 1) if form.max_total else None
    row.update(total=_plain(total), max_total=_plain(form.max_total), percentage=percentage,
               category=form.category(percentage))


def list_entries(db: Database, program_id: int, *, participant_id: int | None = None,
                 form: MonevForm | str | int | None = None) -> list[dict]:
    """The program's monev entries by day, each a dict: id, day (ISO), stage, note, the
    participant (participant_id, name, nuptk, nip), the observer (observer_id,
    observer_name), form_id, form_code, form_name, form_version, scores (each item of the
    entry's OWN version: item_id, section, text, min, max, score, note), answers (a
    question stage's: id, question, answer), total, max_total, percentage (1 decimal)
    and category. `form`: a code (every version of it), an id or a MonevForm (that
    version). A question stage has total, max_total and percentage None."""
    where, params = "WHERE e.program_id = ?", [program_id]
    if participant_id is not None:
        where += " AND e.participant_id = ?"
        params.append(participant_id)
    if form is not None:
        if isinstance(form, MonevForm) or str(form).strip().isdigit():
            where += " AND e.form_id = ?"
            params.append(_form(db, form).id)
        else:
            where += " AND f.code = ?"
            params.append(get_form(db, form).code)
    return _entries(db, where, params)


def get_entry(db: Database, entry_id: int) -> dict:
    """One entry as list_entries gives it; NotFoundError when there is none."""
    rows = _entries(db, "WHERE e.id = ?", [entry_id])
    if not rows:
        raise NotFoundError(f"Isian monev {entry_id} tidak ada.")
    return rows[0]


def delete_entry(db: Database, entry_id: int) -> None:
    """Remove an entry and its scores (one transaction)."""
    get_entry(db, entry_id)
    with db.atomic():
        db.execute("DELETE FROM monev_entries WHERE id = ?", [entry_id])


def _visit(entry: dict) -> dict:
    return {key: entry[key] for key in ("id", "day", "form_version", "total", "max_total",
                                        "percentage", "category")}


def compare(db: Database, program_id: int, form_code: str) -> list[dict]:
    """Per participant scored on `form_code` (any version) in the program, by name: the
    first and last visit ({"id", "day", "form_version", "total", "max_total",
    "percentage", "category"}), the number of visits, and the change in percentage
    points from first to last (None with a single visit). Percentages, not totals, are
    compared: each visit is scored against its own version."""
    code = get_form(db, form_code).code
    by_person: dict[int, list[dict]] = {}
    for entry in list_entries(db, program_id, form=code):
        if entry["total"] is not None:
            by_person.setdefault(entry["participant_id"], []).append(entry)
    result = []
    for participant_id, visits in by_person.items():
        first, last = visits[0], visits[-1]
        change = (round(last["percentage"] - first["percentage"], 1)
                  if len(visits) > 1 and None not in (first["percentage"], last["percentage"])
                  else None)
        result.append({"participant_id": participant_id, "name": first["name"],
                       "nuptk": first["nuptk"], "nip": first["nip"], "visits": len(visits),
                       "first": _visit(first), "last": _visit(last), "change": change})
    return sorted(result, key=lambda r: ((r["name"] or "").casefold(), r["participant_id"]))
