"""The activities as the list/detail pages list them: the Kegiatan page with the place and
the program, the Kehadiran and Sertifikat pages with the title and the dates."""

from __future__ import annotations

from kemitraan_desktop import activities as act
from kemitraan_desktop import indonesia as ind


def activity_entries(db, *, detailed: bool = False) -> list[tuple[int, str]]:
    """(id, text) of every activity, for ListDetail.fill."""
    entries = []
    for entry in act.list_activities(db):
        a = entry["activity"]
        text = f"{a.title}\n{ind.format_date_range(a.start, a.end)}"
        if detailed:
            text += f" · {entry['city'] or '-'}\n{entry['program']}"
        entries.append((a.id, text))
    return entries
