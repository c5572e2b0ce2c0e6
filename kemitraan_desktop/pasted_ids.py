"""People picked by the IDs an office pastes from a letter or a sheet: "select the nine
named in the surat tugas". NUPTK and NIK have 16 digits, a NIP 18, also as printed
("19750512 200003 1 002") or with dots; anything else in the text (names, numbers, "NIP.")
is passed over."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .store import Database

# a NIP as printed: 8 + 6 + 1 + 3 digits with spaces, dots or dashes between the groups
_PRINTED_NIP = re.compile(r"(?<!\d)(\d{8})[ .\-](\d{6})[ .\-](\d)[ .\-](\d{3})(?!\d)")
_ID = re.compile(r"(?<!\d)(\d{16}|\d{18})(?!\d)")
_LONG_DIGITS = re.compile(r"(?<!\d)\d{14,20}(?!\d)")  # near an ID: one cut or rounded


@dataclass
class PastedMatch:
    ids: list[int] = field(default_factory=list)  # people found, in the order pasted
    unknown: list[str] = field(default_factory=list)  # IDs nobody on the roster has
    damaged: list[str] = field(default_factory=list)  # long numbers that are no ID (cut, rounded)

    def summary(self) -> str:
        text = f"{len(self.ids)} orang ditemukan"
        if self.unknown:
            text += f"; {len(self.unknown)} ID tidak ada di daftar guru: {', '.join(self.unknown[:5])}"
            text += " ..." if len(self.unknown) > 5 else ""
        if self.damaged:
            text += (f"; {len(self.damaged)} angka bukan NIP/NUPTK/NIK (panjangnya salah): "
                     f"{', '.join(self.damaged[:5])}")
        return text + "."


def pasted_ids(text: str) -> tuple[list[str], list[str]]:
    """(IDs in the order they appear, long numbers that are no ID)."""
    joined = _PRINTED_NIP.sub(lambda m: "".join(m.groups()), text or "")
    found = list(dict.fromkeys(_ID.findall(joined)))
    damaged = [n for n in dict.fromkeys(_LONG_DIGITS.findall(joined)) if len(n) not in (16, 18)]
    return found, damaged


def match_pasted(db: Database, text: str) -> PastedMatch:
    """The roster's people whose NUPTK, NIP or NIK is in `text`."""
    found, damaged = pasted_ids(text)
    match = PastedMatch(damaged=damaged)
    for value in found:
        row = db.execute("SELECT id FROM people WHERE nuptk = ? OR nip = ? OR nik = ? "
                         "ORDER BY id LIMIT 1", [value, value, value]).fetchone()
        if row is None:
            match.unknown.append(value)
        elif row[0] not in match.ids:
            match.ids.append(row[0])
    return match
