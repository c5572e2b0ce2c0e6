"""Column headers: Indonesian and Dapodik-style synonyms, and finding the header row."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Header text with case, spaces and punctuation removed -> the roster field it means.
# Where two columns of a file mean one field (HP and Telepon), the one whose synonym comes
# first here gives the value, the other fills in where it is empty.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "full_name": ("nama", "namalengkap", "namaguru", "namaptk", "namagtk", "namapeserta",
                  "namalengkapdengangelar", "namadangelar", "namagelar", "namagurudangelar",
                  "namagurudengangelar", "namapesertadengangelar"),
    "title_front": ("gelardepan", "gelarakademikdepan"),
    "title_back": ("gelarbelakang", "gelarakademikbelakang"),
    "nuptk": ("nuptk", "nonuptk", "nomornuptk"),
    "nip": ("nip", "nipbaru", "nonip", "nomornip", "nomorindukpegawai", "nippns", "nippppk"),
    "nik": ("nik", "noktp", "nomorktp", "nonik", "nomorindukkependudukan", "ktp", "niknoktp"),
    "ukg_number": ("noukg", "nomorukg", "nopesertaukg", "nomorpesertaukg", "idukg"),
    "gender": ("lp", "jk", "jeniskelamin", "kelamin", "gender", "jeniskelaminlp"),
    "birth_place": ("tempatlahir", "tmplahir", "tmptlahir", "tempatlhr"),
    "birth_date": ("tanggallahir", "tgllahir", "tgllhr", "tanggallhr", "tgllahirddmmyyyy"),
    "birth": ("ttl", "tempattanggallahir", "tempattgllahir", "tempatdantanggallahir"),
    # One column holding either ID, as on attendance sheets: 18 digits NIP, 16 NUPTK.
    "id_any": ("nipnuptk", "nuptknip", "nipataunuptk", "nuptkataunip"),
    "position": ("jabatan", "jenisptk", "jabatanptk", "jenisgtk", "peran", "tugas", "posisi",
                 "jabatanpeserta", "jabatandisekolah"),
    "functional_position": ("jabatanfungsional", "jabfung", "jabatanfungsionalguru",
                            "jenjangjabatan", "jenjangjabatanfungsional"),
    "extra_duty": ("tugastambahan", "tugastambahanguru", "tugastambahanptk"),
    "employment": ("statuskepegawaian", "statuspegawai", "statuskepeg", "statusptk",
                   "statusguru", "statuskepegawaianptk", "kepegawaian"),
    "jenjang": ("jenjang", "jenjangsekolah", "bentukpendidikan", "jenjangpendidikan"),
    "subject": ("mapel", "matapelajaran", "bidangstudi", "mapeldiampu", "matapelajarandiampu",
                "bidangstudisertifikasi", "mapelyangdiampu", "mapelukg", "mapelajar",
                "matapelajaranyangdiampu", "mapelsertifikasi"),
    "rank": ("pangkat", "pangkatgolongan", "pangkatgol", "pangkatgolru", "pangkatgolruang",
             "pangkatgolonganruang", "pangkatdangolongan"),
    "golongan": ("golongan", "gol", "golru", "golonganruang", "golruang", "ruang",
                 "golonganpppk"),
    "school": ("asalsekolah", "unitkerja", "satuanpendidikan", "namasekolah", "sekolah",
               "satminkal", "instansi", "asalinstansi", "sekolahinduk", "tempattugas",
               "asalsekolahinstansi", "unitkerjainstansi", "instansiasal", "namasatuanpendidikan",
               "sekolahasal", "namasekolahasal"),
    "npsn": ("npsn", "npsnsekolah", "nomorpokoksekolahnasional"),
    "region": ("kabkota", "kabupatenkota", "kotakabupaten", "kabupaten", "kota", "kab",
               "kabkot", "daerah", "asalkabkota", "kabupatenkotasekolah", "kabupatensekolah",
               "kabkotasekolah", "kotasekolah"),
    "province": ("provinsi", "propinsi", "prov", "asalprovinsi", "provinsisekolah"),
    "ukg": ("nilaiukg", "ukg", "skorukg", "hasilukg", "nilaiukgterakhir"),
    "phone": ("nohp", "hp", "nomorhp", "nohpwa", "wa", "whatsapp", "nowa", "nomorhpwa",
              "nomorwhatsapp", "hpwa", "notelphp", "notelp", "telepon", "telp", "nomortelepon",
              "teleponrumah"),
    "email": ("email", "alamatemail", "surel", "suratelektronik", "emailaktif"),
}
# Columns offices add that carry nothing to import; not reported as unknown. The names
# of other people (the principal, a mother, a spouse, a tax payer, an account holder)
# are listed so that no rule ever takes them for the person's own name.
IGNORED = {"no", "nomor", "nourut", "nmr", "masalah", "keterangan", "ket", "ttd", "tandatangan",
           "namakepalasekolah", "namakepsek", "namaibukandung", "namaibu", "namaayah",
           "namasuamiistri", "namasuami", "namaistri", "namawajibpajak", "rekeningatasnama",
           "namadusun", "namapengawas", "namaoperator", "namabank", "nipkepalasekolah",
           "nipsuamiistri", "pekerjaansuamiistri", "nokk", "nomorkk", "nuks", "npwp"}
# A remarks column is read for one thing only: "Kepala Sekolah" there is the tugas tambahan.
REMARKS = {"keterangan", "ket", "ketjabatan"}
SYNONYM_TO_FIELD = {syn: field for field, syns in SYNONYMS.items() for syn in syns}
# Priority of a column among those that mean the same field: its synonym's place.
SYNONYM_RANK = {syn: rank for syns in SYNONYMS.values() for rank, syn in enumerate(syns)}
HEADER_SCAN_ROWS = 30
_NOTE = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def header_key(text: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text or "").lower())


def field_for(text: object, parent: object = None) -> str | None:
    """The field a header cell means: its whole text, else the text without a note in
    brackets or below a line break ("NAMA GURU (dengan gelar)"), else, under a group
    header, the two together ("Tempat" under "Tempat/Tgl Lahir")."""
    raw = str(text or "")
    key = header_key(raw)
    if key in REMARKS:
        return "remarks"
    if key in IGNORED:
        return None
    candidates = [key, header_key(_NOTE.sub("", raw)), header_key(raw.splitlines()[0] if raw else "")]
    if parent:
        parent_key = header_key(_NOTE.sub("", str(parent)))
        if "lahir" in parent_key and "lahir" not in key:
            candidates.insert(1, key + "lahir")
        candidates.append(parent_key + key)
    for candidate in candidates:
        if candidate in IGNORED:
            return None
        found = SYNONYM_TO_FIELD.get(candidate)
        if found:
            return found
    return None


def _rank(text: object) -> int:
    raw = str(text or "")
    for candidate in (header_key(raw), header_key(_NOTE.sub("", raw))):
        if candidate in SYNONYM_RANK:
            return SYNONYM_RANK[candidate]
    return 99


@dataclass
class HeaderMap:
    row_index: int  # index of the header row in the sheet's rows
    columns: dict[int, str]  # column index -> field (two columns may feed one field)
    labels: dict[int, str]  # column index -> the header as written
    unknown: list[str]  # headers we do not know, as written
    # Kept for callers that refuse a field given twice; the roster merges them instead.
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)
    data_start: int | None = None  # first row below the header (and its second row)
    # A value the title rows above the header give every row without one of its own:
    # field -> (value, row index of the title).
    context: dict[str, tuple[str, int]] = field(default_factory=dict)

    @property
    def first_data(self) -> int:
        return self.row_index + 1 if self.data_start is None else self.data_start

    def sources(self) -> dict[str, list[int]]:
        """Field -> its columns, the one that gives the value first."""
        found: dict[str, list[int]] = {}
        for index, key in self.columns.items():
            found.setdefault(key, []).append(index)
        for indexes in found.values():
            indexes.sort(key=lambda i: (_rank(self.labels.get(i)), i))
        return found


def map_header_row(row: list, parents: list | None = None) -> HeaderMap:
    columns, labels, unknown = {}, {}, []
    for index, cell in enumerate(row):
        key = header_key(cell)
        parent = parents[index] if parents and index < len(parents) else None
        if not key:
            continue
        mapped = field_for(cell, parent)
        if mapped:
            columns[index] = mapped
            labels[index] = " ".join(str(cell).split())
        elif key not in IGNORED and header_key(_NOTE.sub("", str(cell))) not in IGNORED:
            unknown.append(" ".join(str(cell).split()))
    return HeaderMap(0, columns, labels, unknown)


def find_header(rows: list[list], required: str = "full_name") -> HeaderMap | None:
    """The first row within the first rows that maps the required field and the most others.
    Offices put titles and merged cells above the header, so it need not be the first row."""
    best: HeaderMap | None = None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        mapped = map_header_row(row)
        if required not in mapped.columns.values() or len(set(mapped.columns.values())) < 2:
            continue
        if any(not isinstance(cell, str) for cell in row if cell not in ("", None)):
            continue  # a header row holds text only; this is data that merely looks like it
        if best is None or len(mapped.columns) > len(best.columns):
            mapped.row_index = index
            best = mapped
    return best


def add_second_row(rows: list[list], header: HeaderMap, merged: list) -> HeaderMap:
    """A two-row header ("PANGKAT / GOLONGAN" over "Pangkat | Gol/Ruang", the other
    headers merged down over both rows): the second row names the columns under a group.
    It is a header row when it is text only and has nothing under the name column."""
    below = header.row_index + 1
    if below >= len(rows):
        return header
    second = rows[below]
    name_cols = [i for i, key in header.columns.items() if key == "full_name"]
    values = [(i, c) for i, c in enumerate(second) if c not in ("", None)]
    if not values or any(not isinstance(c, str) for _, c in values) \
            or any(i < len(second) and second[i] not in ("", None) for i in name_cols):
        return header
    top = list(rows[header.row_index])
    for (r0, c0), (_, c1) in merged:  # a group header spans the columns under it
        if r0 == header.row_index and c1 > c0 and c0 < len(top):
            top.extend("" for _ in range(c1 + 1 - len(top)))
            for col in range(c0 + 1, c1 + 1):
                top[col] = top[col] or top[c0]
    width = max(len(top), len(second))
    combined, parents = [], []
    for col in range(width):
        upper = top[col] if col < len(top) else ""
        lower = second[col] if col < len(second) else ""
        combined.append(lower if lower not in ("", None) else upper)
        parents.append(upper if lower not in ("", None) else None)
    mapped = map_header_row(combined, parents)
    if not any(col < len(second) and second[col] not in ("", None) for col in mapped.columns):
        return header  # nothing in the second row means anything: data, not a header
    mapped.row_index = header.row_index
    mapped.data_start = below + 1
    mapped.context = header.context
    return mapped


_REGION = re.compile(r"\b(?:Kabupaten|Kab\.?|Kota)\s+(?:(?:Kota|Kab\.?|Kabupaten)\s+)?"
                     r"[A-Za-z][A-Za-z .'-]*?(?=\s*(?:,|$|\bProv|\bProvinsi|\bTahun|\bTA\b|"
                     r"\bKec|\bNPSN|\bSemester|\bTanggal))", re.IGNORECASE)
_PROVINCE = re.compile(r"\b(?:Provinsi|Propinsi|Prov\.?)\s+(?:Prov\.?\s+)?([A-Za-z][A-Za-z .'-]*?)"
                       r"(?=\s*(?:,|$|\bTahun|\bTA\b|\bTanggal))", re.IGNORECASE)
_SCHOOL = re.compile(r"^(?:nama\s+sekolah\s*:?\s*)?((?:SDN?|SMPN?|SMAN?|SMKN?|SLBN?|MIN?|MTsN?|MAN?)"
                     r"(?:\s+\S+)+)$", re.IGNORECASE)
_NPSN = re.compile(r"\bNPSN\s*:?\s*(\d{8})\b", re.IGNORECASE)


def title_context(rows: list[list], header: HeaderMap) -> dict[str, tuple[str, int]]:
    """What the title rows above the header say about every row: Dapodik's download names
    the school and its "Kec. ..., Kota ..., Prov. ..." there, a Dinas sheet its kab/kota
    ("DATA GURU SMP SE-KABUPATEN BATANG")."""
    from ..regions import match_district, match_province

    found: dict[str, tuple[str, int]] = {}
    for index in range(header.row_index):
        for cell in rows[index]:
            if not isinstance(cell, str) or not cell.strip() or len(cell) > 200:
                continue
            text = " ".join(cell.split())
            school = _SCHOOL.match(text)
            if school and "se-" not in text.lower() and " se " not in text.lower() \
                    and len(text) <= 80:
                found.setdefault("school", (school[1], index))
            npsn = _NPSN.search(text)
            if npsn:
                found.setdefault("npsn", (npsn[1], index))
            province = _PROVINCE.search(text)
            known = match_province(province[1]) if province else None
            if known is not None:
                found.setdefault("province", (known.name, index))
            for region in _REGION.finditer(text):
                written = re.sub(r"^Kabupaten\s+(?=(?:Kota|Kab\.?)\s)", "", region[0].strip(),
                                 flags=re.IGNORECASE)
                try:
                    district = match_district(written, found.get("province", (None,))[0])
                except ValueError:
                    continue
                found.setdefault("region", (district.name, index))
                break
    return found


FIELD_CHOICES = {
    "full_name": "Nama", "title_front": "Gelar Depan", "title_back": "Gelar Belakang",
    "nuptk": "NUPTK", "nip": "NIP", "nik": "NIK", "ukg_number": "No. UKG", "id_any": "NIP/NUPTK",
    "gender": "L/P", "birth_place": "Tempat Lahir", "birth_date": "Tanggal Lahir",
    "birth": "Tempat, Tanggal Lahir", "position": "Jabatan",
    "functional_position": "Jabatan Fungsional", "extra_duty": "Tugas Tambahan",
    "employment": "Status Kepegawaian", "jenjang": "Jenjang",
    "subject": "Mata Pelajaran", "rank": "Pangkat", "golongan": "Gol/Ruang",
    "school": "Asal Sekolah", "npsn": "NPSN", "region": "Kab/Kota", "province": "Provinsi",
    "ukg": "Nilai UKG", "phone": "No HP", "email": "Email", "remarks": "Keterangan",
}


def remap(header: HeaderMap, header_row: list, mapping: dict[int, str | None]) -> HeaderMap:
    """The header with the operator's own choice of field per column (None: ignore it).
    Two columns given one field are merged: the first non-empty value wins."""
    columns, labels = {}, {}
    for index, field_key in sorted(mapping.items()):
        if not field_key:
            continue
        text = " ".join(str(header_row[index]).split()) if index < len(header_row) else ""
        columns[index] = field_key
        labels[index] = header.labels.get(index) or text or FIELD_CHOICES.get(field_key, field_key)
    return HeaderMap(header.row_index, columns, labels, [], [], header.data_start,
                     dict(header.context))
