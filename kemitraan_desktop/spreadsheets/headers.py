"""Column headers: Indonesian and Dapodik-style synonyms, and finding the header row."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Header text with case, spaces and punctuation removed -> the roster field it means.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "full_name": ("nama", "namalengkap", "namaguru", "namaptk", "namagtk", "namapeserta",
                  "namakepalasekolah", "namalengkapdengangelar", "namadangelar", "namagelar"),
    "nuptk": ("nuptk", "nonuptk", "nomornuptk"),
    "nip": ("nip", "nipbaru", "nonip", "nomornip", "nomorindukpegawai"),
    "nik": ("nik", "noktp", "nomorktp", "nonik", "nomorindukkependudukan", "ktp"),
    "gender": ("lp", "jk", "jeniskelamin", "kelamin", "gender", "jeniskelaminlp"),
    "birth_place": ("tempatlahir", "tmplahir", "tmptlahir", "tempatlhr"),
    "birth_date": ("tanggallahir", "tgllahir", "tgllhr", "tanggallhr", "tgllahirddmmyyyy"),
    "birth": ("ttl", "tempattanggallahir", "tempattgllahir", "tempatdantanggallahir"),
    # One column holding either ID, as on attendance sheets: 18 digits NIP, 16 NUPTK.
    "id_any": ("nipnuptk", "nuptknip", "nipataunuptk", "nuptkataunip"),
    "position": ("jabatan", "jabatanptk", "jenisptk", "peran", "tugas", "posisi",
                 "jabatanpeserta", "tugastambahan"),
    "jenjang": ("jenjang", "jenjangsekolah", "bentukpendidikan", "jenjangpendidikan"),
    "subject": ("mapel", "matapelajaran", "bidangstudi", "mapeldiampu", "matapelajarandiampu",
                "bidangstudisertifikasi", "mapelyangdiampu", "mapelukg"),
    "rank": ("pangkat", "golongan", "pangkatgolongan", "golru", "pangkatgol", "gol",
             "golonganruang", "pangkatgolru", "pangkatgolruang", "pangkatgolonganruang"),
    "school": ("asalsekolah", "unitkerja", "satuanpendidikan", "namasekolah", "sekolah",
               "satminkal", "instansi", "asalinstansi", "sekolahinduk", "tempattugas",
               "asalsekolahinstansi", "unitkerjainstansi", "instansiasal"),
    "npsn": ("npsn", "npsnsekolah", "nomorpokoksekolahnasional"),
    "region": ("kabkota", "kabupatenkota", "kotakabupaten", "kabupaten", "kota", "kab",
               "kabkot", "daerah", "asalkabkota", "kabupatenkotasekolah"),
    "province": ("provinsi", "propinsi", "prov", "asalprovinsi"),
    "ukg": ("nilaiukg", "ukg", "skorukg", "hasilukg", "nilaiukgterakhir"),
    "phone": ("nohp", "hp", "nomorhp", "notelp", "telepon", "nohpwa", "wa", "whatsapp", "nowa",
              "telp", "nomortelepon", "nomorhpwa", "nomorwhatsapp", "hpwa", "notelphp"),
    "email": ("email", "alamatemail", "surel", "suratelektronik"),
}
# Columns offices add that carry nothing to import; not reported as unknown.
IGNORED = {"no", "nomor", "nourut", "nmr", "masalah", "keterangan", "ket", "ttd", "tandatangan"}
SYNONYM_TO_FIELD = {syn: field for field, syns in SYNONYMS.items() for syn in syns}
HEADER_SCAN_ROWS = 30


def header_key(text: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text or "").lower())


@dataclass
class HeaderMap:
    row_index: int  # index of the header row in the sheet's rows
    columns: dict[int, str]  # column index -> field
    labels: dict[int, str]  # column index -> the header as written
    unknown: list[str]  # headers we do not know, as written
    # A field given by two columns: (header as written, first column, second column).
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)


def map_header_row(row: list) -> HeaderMap:
    columns, labels, unknown, duplicates = {}, {}, [], []
    first_column: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = header_key(cell)
        if not key:
            continue
        mapped = SYNONYM_TO_FIELD.get(key)
        if mapped and mapped in first_column:
            duplicates.append((str(cell).strip(), first_column[mapped], index))
        elif mapped:
            columns[index] = mapped
            labels[index] = str(cell).strip()
            first_column[mapped] = index
        elif key not in IGNORED:
            unknown.append(str(cell).strip())
    return HeaderMap(0, columns, labels, unknown, duplicates)


def find_header(rows: list[list], required: str = "full_name") -> HeaderMap | None:
    """The first row within the first rows that maps the required field and the most others.
    Offices put titles and merged cells above the header, so it need not be the first row."""
    best: HeaderMap | None = None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        mapped = map_header_row(row)
        if required not in mapped.columns.values() or len(mapped.columns) < 2:
            continue
        if any(not isinstance(cell, str) for cell in row if cell not in ("", None)):
            continue  # a header row holds text only; this is data that merely looks like it
        if best is None or len(mapped.columns) > len(best.columns):
            mapped.row_index = index
            best = mapped
    return best


FIELD_CHOICES = {
    "full_name": "Nama", "nuptk": "NUPTK", "nip": "NIP", "nik": "NIK", "id_any": "NIP/NUPTK",
    "gender": "L/P", "birth_place": "Tempat Lahir", "birth_date": "Tanggal Lahir",
    "birth": "Tempat, Tanggal Lahir", "position": "Jabatan", "jenjang": "Jenjang",
    "subject": "Mata Pelajaran", "rank": "Pangkat/Golongan", "school": "Asal Sekolah",
    "npsn": "NPSN", "region": "Kab/Kota", "province": "Provinsi", "ukg": "Nilai UKG",
    "phone": "No HP", "email": "Email",
}


def remap(header: HeaderMap, header_row: list, mapping: dict[int, str | None]) -> HeaderMap:
    """The header with the operator's own choice of field per column (None: ignore it)."""
    columns, labels, duplicates, first = {}, {}, [], {}
    for index, field_key in sorted(mapping.items()):
        if not field_key:
            continue
        text = str(header_row[index]).strip() if index < len(header_row) else ""
        if field_key in first:
            duplicates.append((text or FIELD_CHOICES.get(field_key, field_key), first[field_key], index))
            continue
        first[field_key] = index
        columns[index] = field_key
        labels[index] = text or FIELD_CHOICES.get(field_key, field_key)
    return HeaderMap(header.row_index, columns, labels, [], duplicates)
