"""Rundown templates: the built-in ones (resources/rundown_templates) and the office's own,
applied to an activity as its rundown or saved from one."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlite_utils import Database

from . import indonesia as ind
from .activities import Item, get_activity, host_schools, list_items, parse_time
from .errors import NotFoundError, ValidationError
from .resources import resource_path


@dataclass
class Template:
    name: str
    kind: str | None
    days: int
    items: list[dict] = field(default_factory=list)  # day (1-based), start, end, ..., per_host
    id: int | None = None  # None: a built-in template (a file in resources/)
    start_weekday: int | None = None  # 0 = Monday ... 6 = Sunday: its day 1 (Friday prayers...)

    def weekday_warning(self, start: dt.date) -> str | None:
        """Why the template may not fit an activity starting on `start`'s weekday."""
        if self.start_weekday is None or start.weekday() == self.start_weekday:
            return None
        names = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
        return (f"Templat '{self.name}' dimulai hari {names[self.start_weekday]}, kegiatan ini "
                f"hari {names[start.weekday()]}: periksa acara yang terikat hari (salat Jumat, "
                "kunjungan kantor, hari sekolah).")

    @property
    def builtin(self) -> bool:
        return self.id is None


def builtin_templates() -> list[Template]:
    folder = resource_path("rundown_templates")
    result = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        result.append(Template(data["name"], data.get("kind"), data["days"], data["items"],
                               start_weekday=data.get("start_weekday")))
    return result


def list_templates(db: Database) -> list[Template]:
    own = [Template(name, kind, days, json.loads(items), tid) for tid, name, kind, days, items
           in db.execute("SELECT id, name, kind, days, items FROM rundown_templates ORDER BY name")]
    return builtin_templates() + own


def find_template(db: Database, name: str) -> Template:
    wanted = name.strip().casefold()
    for template in list_templates(db):
        if template.name.casefold() == wanted:
            return template
    names = ", ".join(t.name for t in list_templates(db))
    raise NotFoundError(f"Templat '{name}' tidak ada. Pilihan: {names}.")


def apply_template(db: Database, activity_id: int, template: Template) -> list[Item]:
    """The template's items laid out from the activity's first day (its day 1 is the start
    date). Items marked per_host repeat for each host school of the activity, with the
    school as the place and its host teachers as PIC. Not saved: the caller shows them."""
    activity = get_activity(db, activity_id)
    hosts = host_schools(db, activity_id)
    items = []
    for spec in template.items:
        day = activity.start + dt.timedelta(days=int(spec["day"]) - 1)
        base = Item(day, parse_time(spec.get("start")), parse_time(spec.get("end")),
                    spec["description"], spec.get("place", ""), spec.get("pic", ""),
                    ind.parse_number(spec.get("jp", 0)), bool(spec.get("attendance", False)))
        if spec.get("per_host") and hosts:
            for school in hosts:
                items.append(base.copy(place=school["name"], pic=school["hosts"] or base.pic,
                                       school_id=school["id"]))
        else:
            items.append(base)
    return items


def save_as_template(db: Database, activity_id: int, name: str) -> int:
    """The activity's rundown as a new template of the office (days counted from its start;
    one host school's items become one per-host item)."""
    activity = get_activity(db, activity_id)
    if not name.strip():
        raise ValidationError("Nama templat wajib diisi.")
    if any(t.name.casefold() == name.strip().casefold() for t in list_templates(db)):
        raise ValidationError(f"Templat '{name.strip()}' sudah ada; pilih nama lain.")
    stored = list_items(db, activity_id)
    schools_per_slot: dict[tuple, set] = {}
    for item in stored:
        if item.school_id is not None:
            slot = (item.day, item.start, item.description)
            schools_per_slot.setdefault(slot, set()).add(item.school_id)
    items, seen = [], set()
    for item in stored:
        spec = {"day": (item.day - activity.start).days + 1, "start": _clock(item.start),
                "end": _clock(item.end), "description": item.description, "place": item.place,
                "pic": item.pic, "jp": item.jp, "attendance": item.attendance}
        if item.school_id is not None and len(schools_per_slot[(item.day, item.start,
                                                               item.description)]) > 1:
            key = (spec["day"], spec["start"], item.description)
            if key in seen:
                continue
            seen.add(key)
            spec.update(per_host=True, place="", pic="")
        items.append(spec)  # one school's own item: a shared item at that school's place
    with db.atomic():
        return db.execute("INSERT INTO rundown_templates (name, kind, days, items) VALUES (?, ?, ?, ?)",
                          [name.strip(), activity.kind, len(activity.days),
                           json.dumps(items, ensure_ascii=False)]).lastrowid


def delete_template(db: Database, template_id: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM rundown_templates WHERE id = ?", [template_id])


def _clock(moment: dt.time | None) -> str | None:
    return moment.strftime("%H:%M") if moment else None
