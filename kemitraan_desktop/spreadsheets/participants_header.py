"""Reading a participants sheet: its header (whose NUPTK is the participant's, whose the mentor's) and its tier cells."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .. import indonesia as ind
from ..errors import ValidationError
from ..programs import Program
from .headers import HEADER_SCAN_ROWS, IGNORED, SYNONYM_TO_FIELD, SYNONYMS, HeaderMap, header_key
from .reader import Sheet, search_sheets

__all__ = ["FALLBACK", "ID_LABEL", "MENTOR_IDS", "OWN_IDS", "ParticipantsHeader", "locate_participants",
           "map_participant_header", "parse_tier", "tier_key"]

# ---------------------------------------------------------------- the header

OWN_IDS = ("nuptk", "nip", "nik", "id_any")
MENTOR_IDS = ("m_nuptk", "m_nip", "m_nik", "m_id_any")
_TIER_HEADERS = ("peran", "tingkat", "tier", "status", "jenispeserta", "statuspeserta",
                 "peranpeserta", "tingkatpeserta", "kategori", "kategoripeserta", "peranprogram",
                 "perandalamprogram", "sebagai", "kedudukan", "jenisgtk", "level")
_OWN = {syn: key for key in ("full_name", "nuptk", "nip", "nik", "id_any", "subject")
        for syn in SYNONYMS[key]}
_OWN.update({syn: "id_any" for syn in ("nuptknipnik", "nipnuptknik", "nomoridentitas")})
_OWN.update({syn: "tier" for syn in _TIER_HEADERS})
# Words that make an ID or name column the mentor's: "NUPTK Pembimbing", "Nama Guru Inti".
_MENTOR_WORDS = frozenset({"pembimbing", "gurupembimbing", "mentor", "gurumentor", "pendamping",
                           "gurupendamping", "pembina"})
_ID_PARTS = {"nuptk": "nuptk", "nonuptk": "nuptk", "nip": "nip", "nipbaru": "nip", "nonip": "nip",
             "nik": "nik", "nonik": "nik", "nipnuptk": "id_any", "nuptknip": "id_any",
             "id": "id_any", "noid": "id_any", "nomor": "id_any", "no": "id_any",
             "identitas": "id_any"}
_ID_PARTS_LONGEST = sorted(_ID_PARTS, key=len, reverse=True)
_TITLE_PREFIXES = ("kepalasekolah", "kepsek", "guru", "gtk", "ks")
ID_LABEL = {"nuptk": "NUPTK", "nip": "NIP", "nik": "NIK"}
FALLBACK = {"tier": "Peran", "subject": "Mata Pelajaran", "full_name": "Nama"}


def tier_key(text: object) -> str:
    """`Guru Mitra II` -> `mitra2`: a tier label without case, spaces or a Guru/Kepala Sekolah prefix."""
    folded = " ".join(str(text or "").casefold().split())
    folded = re.sub(r"\s(iii|ii|i)$", lambda m: f" {len(m[1])}", folded)
    key = re.sub(r"[^a-z0-9]", "", folded)
    for prefix in _TITLE_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix):]
    return key


def _word(rest: str, program: Program) -> int | str | None:
    """What the word after "NUPTK"/"Nama" names: "mentor" or the tier whose label it is.
    Two labels together ("NUPTK Guru Inti/Mitra", "NUPTK Inti / Guru Mitra") name the
    mentor of the pair."""
    if rest in _MENTOR_WORDS:
        return "mentor"
    key = tier_key(rest)
    for tier, label in enumerate(program.labels, start=1):
        if tier_key(label) == key:
            return tier
    if key in ("inti", "mitra"):
        return "mentor"
    bare = re.sub("|".join(_TITLE_PREFIXES), "", key)
    labels = [re.sub("|".join(_TITLE_PREFIXES), "", tier_key(lbl)) for lbl in program.labels]
    labels += ["inti", "mitra", "imbas"]
    pairs = {a + b for a in labels for b in labels if a != b}
    return "mentor" if bare in pairs else None


def _classify(key: str, program: Program) -> tuple[str, object] | None:
    if key in _OWN:
        return "own", _OWN[key]
    if key in _MENTOR_WORDS:  # "Pembimbing" alone holds the mentor's number
        return "labelled", ("id", "id_any", "mentor")
    for part in _ID_PARTS_LONGEST:
        for rest in ((key[len(part):],) if key.startswith(part) else ()) + \
                ((key[:-len(part)],) if key.endswith(part) else ()):
            word = _word(rest, program) if rest else None
            if word is not None:
                return "labelled", ("id", _ID_PARTS[part], word)
    for part in ("namalengkap", "nama"):
        if key.startswith(part) and len(key) > len(part):
            word = _word(key[len(part):], program)
            if word is not None:
                return "labelled", ("name", "", word)
    return None


@dataclass
class ParticipantsHeader:
    map: HeaderMap  # column index -> field: OWN_IDS, full_name, tier, subject, MENTOR_IDS, m_name
    default_tier: int | None = None  # from a header such as "NUPTK Mitra" when there is no tier column

    def has(self, *keys: str) -> bool:
        return any(key in self.map.columns.values() for key in keys)

    @property
    def complete(self) -> bool:
        return self.has(*OWN_IDS) and (self.has("tier") or self.default_tier is not None)


def map_participant_header(row: list, program: Program) -> ParticipantsHeader:
    """The columns of a header row. Without a plain NUPTK/NIP/NIK column, the ID column
    labelled with the lowest tier is the participant's own ("NUPTK Mitra" beside "NUPTK
    Inti"), and that tier is the default; with one, labelled ID columns are the mentor's."""
    found, unknown = [], []
    for index, cell in enumerate(row):
        key = header_key(cell)
        if not key:
            continue
        kind = _classify(key, program)
        if kind is None:
            if key not in SYNONYM_TO_FIELD and key not in IGNORED:
                unknown.append(str(cell).strip())
            continue
        found.append((index, str(cell).strip(), kind))
    own_tier = None
    if not any(kind == ("own", key) for _, _, kind in found for key in OWN_IDS):
        tiers = [v[2] for _, _, (c, v) in found if c == "labelled" and isinstance(v[2], int)]
        own_tier = max(tiers) if tiers else None
    columns, labels, duplicates, first = {}, {}, [], {}
    for index, text, (category, value) in found:
        if category == "own":
            key = value
        else:
            kind, id_kind, word = value
            own = own_tier is not None and word == own_tier
            key = (id_kind if own else f"m_{id_kind}") if kind == "id" else \
                ("full_name" if own else "m_name")
        if key in first:
            duplicates.append((text, first[key], index))
            continue
        first[key] = index
        columns[index], labels[index] = key, text
    return ParticipantsHeader(HeaderMap(0, columns, labels, unknown, duplicates), own_tier)


def _find_header(rows: list[list], program: Program) -> ParticipantsHeader | None:
    """The header row among the first rows: complete ones first, then the most columns."""
    best, best_score = None, None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        if any(not isinstance(cell, str) for cell in row if cell not in ("", None)):
            continue  # a header row holds text only
        header = map_participant_header(row, program)
        fields = set(header.map.columns.values())
        if len(fields) < 2 or not fields & {*OWN_IDS, "tier", *MENTOR_IDS}:
            continue
        score = (header.complete, len(fields))
        if best_score is None or score > best_score:
            header.map.row_index = index
            best, best_score = header, score
    return best


def _needed(program: Program) -> str:
    return ("Daftar peserta perlu baris judul dengan kolom NUPTK, NIP atau NIK peserta dan kolom "
            f"Peran (atau Tingkat) berisi {', '.join(program.labels)} atau angka 1 s.d. "
            f"{program.tiers}; kolom Mata Pelajaran, NUPTK Pembimbing dan Nama boleh ditambahkan.")


def locate_participants(path: str | Path, program: Program,
                        sheet: str | None = None) -> tuple[Sheet, ParticipantsHeader]:
    """The sheet holding the participants and its header. Raises ValidationError naming
    the columns needed when no sheet has them."""
    path = Path(path)
    search = search_sheets(path, sheet, lambda rows: _find_header(rows, program), lambda header: header.complete)
    if search.found is not None:
        return search.found
    if search.partial is not None:
        data, header = search.partial
        where = f"Baris judul kolom (baris {data.excel_row(header.map.row_index)}) di '{path.name}'"
        if not header.has(*OWN_IDS):
            mentor_cols = ", ".join(f"'{header.map.labels[i]}'" for i, k
                                    in header.map.columns.items() if k in MENTOR_IDS)
            read_as = f"; kolom {mentor_cols} dibaca sebagai nomor pembimbing" if mentor_cols else ""
            raise ValidationError(f"{where} tidak punya kolom NUPTK, NIP atau NIK peserta"
                                  f"{read_as}. {_needed(program)}")
        raise ValidationError(f"{where} tidak punya kolom tingkat peserta (Peran atau Tingkat). "
                              f"{_needed(program)}")
    where = search.where(path)
    raise ValidationError(f"Baris judul kolom tidak ditemukan di '{path.name}'{where}. "
                          f"{_needed(program)}")


# ---------------------------------------------------------------- cells

def parse_tier(value: object, program: Program) -> int:
    """A tier cell -> 1..tiers: the number, or the program's label with or without a
    Guru/Kepala Sekolah prefix, in any case. Raises ValueError with an Indonesian message."""
    labels = ", ".join(program.labels)
    number = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = int(value) if float(value).is_integer() else None
        text = str(value)
    else:
        text = " ".join(str(value).split())
        m = re.fullmatch(r"(?:tingkat|tier|level)?\s*(\d[\d.,]*)", text.casefold())
        try:
            found = ind.parse_number(m[1]) if m else None  # "2", "2,0", "Tingkat 2"
        except ValueError:
            found = None
        number = int(found) if found is not None and found.is_integer() else None
    if number is not None:
        if 1 <= number <= program.tiers:
            return number
        raise ValueError(f"tingkat {number} tidak ada: program ini hanya punya {program.tiers} "
                         f"tingkat ({labels})")
    key = tier_key(text)
    for tier, label in enumerate(program.labels, start=1):
        if tier_key(label) == key:
            return tier
    partial = [label for label in program.labels if key and tier_key(label).startswith(key)]
    if len(partial) > 1:
        raise ValueError(f"'{text}' bisa berarti {', '.join(partial[:-1])} atau {partial[-1]}; "
                         "tulis lengkap")
    raise ValueError(f"'{text}' bukan tingkat di program ini; isi salah satu dari {labels} "
                     f"(atau angka 1 s.d. {program.tiers})")

