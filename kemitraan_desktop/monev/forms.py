"""Monev instruments as versioned forms: the defaults an office starts with, saving a
changed form as a new version (an entry always keeps the version it was scored on),
listing and finding forms, and the predikat a percentage earns."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from ..errors import NotFoundError, ValidationError
from .defaults import CATEGORIES, default_forms

AUDIENCES = ("guru", "kepala sekolah", "semua")
_COLUMNS = "id, code, version, name, audience, scale, items, stages, created_at"


@dataclass(frozen=True)
class MonevForm:
    """One version of an instrument. `items` are {"id", "section", "text", "min", "max"};
    `scale` holds "min", "max", "labels" ({"1": "Tidak ada", ...}), optionally "meanings"
    (what each score means), "item_notes" (a Catatan column) and "categories" (bands
    {"min": 91, "label": "Amat baik"}, highest first); `stages` are {"code", "name",
    "questions": [{"id", "text"}]} (pra-observasi, observasi, pasca-observasi)."""

    id: int
    code: str
    version: int
    name: str
    audience: str
    scale: dict
    items: tuple[dict, ...]
    stages: tuple[dict, ...] = ()
    created_at: str = ""

    @property
    def max_total(self) -> float:
        return sum(item["max"] for item in self.items)

    @property
    def min_total(self) -> float:
        return sum(item["min"] for item in self.items)

    @property
    def sections(self) -> list[tuple[str, list[dict]]]:
        """The items grouped by section, in the form's order."""
        groups: list[tuple[str, list[dict]]] = []
        for item in self.items:
            if not groups or groups[-1][0] != item["section"]:
                groups.append((item["section"], []))
            groups[-1][1].append(item)
        return groups

    def item(self, item_id: str) -> dict | None:
        return next((item for item in self.items if item["id"] == item_id), None)

    def stage(self, code: str) -> dict | None:
        return next((stage for stage in self.stages if stage["code"] == code), None)

    @property
    def scored_stages(self) -> tuple[str, ...]:
        """The stages whose entry scores the items (those without guided questions)."""
        return tuple(s["code"] for s in self.stages if not s.get("questions"))

    def category(self, percentage: float | None) -> str:
        """The predikat of a percentage under this form's bands ("Amat baik" ...)."""
        if percentage is None:
            return ""
        bands = self.scale.get("categories") or CATEGORIES
        for band in sorted(bands, key=lambda b: -b["min"]):
            if percentage >= band["min"]:
                return band["label"]
        return bands[-1]["label"] if bands else ""

    def as_dict(self) -> dict:
        return {"id": self.id, "code": self.code, "version": self.version, "name": self.name,
                "audience": self.audience, "scale": self.scale,
                "items": [dict(item) for item in self.items],
                "stages": [dict(stage) for stage in self.stages],
                "max_total": self.max_total, "created_at": self.created_at}


def _number(value, what: str) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            value = float(str(value).replace(",", "."))
        except ValueError:
            raise ValidationError(f"{what} harus angka, bukan '{value}'.") from None
    return int(value) if float(value).is_integer() else float(value)


def validate_form(code: str, name: str, items: Sequence[dict], scale: dict, *,
                  audience: str = "guru", stages: Iterable[dict] = ()) -> dict:
    """The form's content cleaned (each item with its own min and max, taken from the
    scale when it has none), or ValidationError listing every problem in Indonesian."""
    problems: list[str] = []
    code, name = (code or "").strip(), (name or "").strip()
    if not code or any(ch.isspace() for ch in code) or code.isdigit():
        problems.append("Kode instrumen wajib diisi, tanpa spasi dan tidak hanya angka "
                        "(misalnya telaah-rpp).")
    if not name:
        problems.append("Nama instrumen wajib diisi.")
    if audience not in AUDIENCES:
        problems.append(f"Sasaran '{audience}' tidak dikenal; pilih guru, kepala sekolah "
                        "atau semua.")
    scale = dict(scale or {})
    try:
        low, high = _number(scale.get("min", 0), "Skor terendah skala"), _number(
            scale.get("max", 0), "Skor tertinggi skala")
        scale["min"], scale["max"] = low, high
    except ValidationError as exc:
        problems.append(exc.message)
        low, high = 0, 0
    if high <= low:
        problems.append(f"Skala: skor tertinggi ({high}) harus lebih besar dari skor "
                        f"terendah ({low}).")
    cleaned, seen = [], set()
    if not items:
        problems.append("Instrumen harus memuat sekurang-kurangnya satu butir.")
    for number, item in enumerate(items or [], start=1):
        item_id = str(item.get("id") or "").strip()
        where = f"Butir {item_id or 'ke-' + str(number)}"
        if not item_id:
            problems.append(f"Butir ke-{number}: kode butir wajib diisi (misalnya B3).")
        elif item_id in seen:
            problems.append(f"{where}: kode butir dipakai lebih dari sekali.")
        seen.add(item_id)
        text = " ".join(str(item.get("text") or "").split())
        if not text:
            problems.append(f"{where}: teks butir wajib diisi.")
        try:
            i_low = _number(item.get("min", low), f"{where}: skor terendah")
            i_high = _number(item.get("max", high), f"{where}: skor tertinggi")
        except ValidationError as exc:
            problems.append(exc.message)
            continue
        if i_high <= i_low:
            problems.append(f"{where}: skor tertinggi ({i_high}) harus lebih besar dari "
                            f"skor terendah ({i_low}).")
        cleaned.append({"id": item_id, "section": " ".join(str(item.get("section") or "").split()),
                        "text": text, "min": i_low, "max": i_high})
    stage_list = [dict(stage) for stage in stages or ()]
    for stage in stage_list:
        if not str(stage.get("code") or "").strip():
            problems.append("Setiap tahap wajib punya kode (misalnya pra-observasi).")
        stage.setdefault("name", stage.get("code", ""))
        stage["questions"] = [dict(q) for q in stage.get("questions") or ()]
    if problems:
        raise ValidationError(f"Instrumen '{name or code}' belum dapat disimpan.", problems,
                              problems)
    return {"code": code, "name": name, "audience": audience, "scale": scale,
            "items": cleaned, "stages": stage_list}


def _content(form: dict) -> str:
    return json.dumps([form["name"], form["audience"], form["scale"], form["items"],
                       form["stages"]], sort_keys=True, ensure_ascii=False)


def _from_row(row) -> MonevForm:
    fid, code, version, name, audience, scale, items, stages, created = row
    return MonevForm(fid, code, version, name, audience, json.loads(scale),
                     tuple(json.loads(items)), tuple(json.loads(stages or "[]")), created or "")


def _latest(db: Database, code: str) -> MonevForm | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM monev_forms WHERE code = ? "
                     "ORDER BY version DESC LIMIT 1", [code]).fetchone()
    return _from_row(row) if row else None


def entry_count(db: Database, form_id: int) -> int:
    """How many monev entries were scored on this form version."""
    return db.execute("SELECT count(*) FROM monev_entries WHERE form_id = ?",
                      [form_id]).fetchone()[0]


def _store(db: Database, form: dict) -> MonevForm:
    """Write `form` as its code's newest version (see save_form); inside a transaction."""
    latest = _latest(db, form["code"])
    if latest is not None and _content(form) == _content(latest.as_dict()):
        return latest
    values = [form["name"], form["audience"], json.dumps(form["scale"], ensure_ascii=False),
              json.dumps(form["items"], ensure_ascii=False),
              json.dumps(form["stages"], ensure_ascii=False)]
    if latest is not None and entry_count(db, latest.id) == 0:
        db.execute("UPDATE monev_forms SET name = ?, audience = ?, scale = ?, items = ?, "
                   "stages = ? WHERE id = ?", [*values, latest.id])
        form_id = latest.id
    else:
        version = latest.version + 1 if latest else 1
        form_id = db.execute(
            "INSERT INTO monev_forms (code, version, name, audience, scale, items, stages) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", [form["code"], version, *values]).lastrowid
    return _from_row(db.execute(f"SELECT {_COLUMNS} FROM monev_forms WHERE id = ?",
                                [form_id]).fetchone())


def save_form(db: Database, code: str, name: str, items: Sequence[dict], scale: dict, *,
              audience: str = "guru", stages: Iterable[dict] = ()) -> MonevForm:
    """Save an instrument. Unchanged content returns the latest version as it is; a
    latest version nobody has scored yet is replaced in place; otherwise a NEW version is
    stored (version + 1) and the old one, with its entries, stays as it was. Raises
    ValidationError (every problem listed) and writes nothing when the form is not valid."""
    form = validate_form(code, name, items, scale, audience=audience, stages=stages)
    with db.atomic():
        return _store(db, form)


def ensure_default_forms(db: Database) -> None:
    """Store version 1 of each default instrument whose code the database does not hold
    yet (in its own transaction); nothing is written when all are there."""
    present = {code for (code,) in db.execute("SELECT DISTINCT code FROM monev_forms")}
    missing = [form for form in default_forms() if form["code"] not in present]
    if not missing or getattr(db, "read_only_reason", None):
        return
    with db.atomic():
        for form in missing:
            _store(db, validate_form(form["code"], form["name"], form["items"], form["scale"],
                                     audience=form["audience"], stages=form["stages"]))


def list_forms(db: Database, *, all_versions: bool = False) -> list[MonevForm]:
    """The instruments, the latest version of each (every version with `all_versions`),
    in the order they were first created."""
    ensure_default_forms(db)
    where = "" if all_versions else (
        "WHERE f.version = (SELECT max(version) FROM monev_forms g WHERE g.code = f.code)")
    columns = ", ".join(f"f.{c.strip()}" for c in _COLUMNS.split(","))
    rows = db.execute(f"SELECT {columns} FROM monev_forms f {where} ORDER BY "
                      "(SELECT min(id) FROM monev_forms g WHERE g.code = f.code), f.version"
                      ).fetchall()
    return [_from_row(row) for row in rows]


def get_form(db: Database, code_or_id: str | int, version: int | None = None) -> MonevForm:
    """A form by its id (one exact version) or by its code (the latest version, or
    `version`). Raises NotFoundError naming what exists."""
    ensure_default_forms(db)
    key = str(code_or_id).strip()
    if key.isdigit():
        row = db.execute(f"SELECT {_COLUMNS} FROM monev_forms WHERE id = ?", [int(key)]).fetchone()
    elif version is not None:
        row = db.execute(f"SELECT {_COLUMNS} FROM monev_forms WHERE code = ? AND version = ?",
                         [key, version]).fetchone()
    else:
        latest = _latest(db, key)
        if latest is not None:
            return latest
        row = None
    if row:
        return _from_row(row)
    codes = [c for (c,) in db.execute("SELECT code FROM monev_forms GROUP BY code ORDER BY min(id)")]
    what = f"'{key}' versi {version}" if version is not None and not key.isdigit() else f"'{key}'"
    raise NotFoundError(f"Instrumen monev {what} tidak ada. Instrumen yang ada: "
                        f"{', '.join(codes) or '-'}.")


def score_key(form: MonevForm) -> list[tuple[str, str]]:
    """(score, what it means) for the printed key: "3", "Lengkap" ... from low to high."""
    labels, meanings = form.scale.get("labels") or {}, form.scale.get("meanings") or {}
    key = []
    for score in sorted(set(labels) | set(meanings), key=lambda s: float(s)):
        label, meaning = labels.get(score, ""), meanings.get(score, "")
        key.append((score, f"{label}: {meaning}" if label and meaning else label or meaning))
    return key
