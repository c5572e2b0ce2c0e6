"""Column headers: Indonesian and Dapodik-style synonyms, and finding the header row."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    "position": ("jabatan", "jabatanptk", "jenisptk", "peran", "tugas", "posisi",
                 "jabatanpeserta", "tugastambahan"),
    "jenjang": ("jenjang", "jenjangsekolah", "bentukpendidikan", "jenjangpendidikan"),
    "subject": ("mapel", "matapelajaran", "bidangstudi", "mapeldiampu", "matapelajarandiampu",
                "bidangstudisertifikasi", "mapelyangdiampu", "mapelukg"),
    "rank": ("pangkat", "golongan", "pangkatgolongan", "golru", "pangkatgol", "gol",
             "golonganruang", "pangkatgolru"),
    "school": ("asalsekolah", "unitkerja", "satuanpendidikan", "namasekolah", "sekolah",
               "satminkal", "instansi", "asalinstansi", "sekolahinduk", "tempattugas"),
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


def map_header_row(row: list) -> HeaderMap:
    columns, labels, unknown = {}, {}, []
    for index, cell in enumerate(row):
        key = header_key(cell)
        if not key:
            continue
        field = SYNONYM_TO_FIELD.get(key)
        if field and field not in columns.values():
            columns[index] = field
            labels[index] = str(cell).strip()
        elif key not in IGNORED:
            unknown.append(str(cell).strip())
    return HeaderMap(0, columns, labels, unknown)


def find_header(rows: list[list], required: str = "full_name") -> HeaderMap | None:
    """The first row within the first rows that maps the required field and the most others.
    Offices put titles and merged cells above the header, so it need not be the first row."""
    best: HeaderMap | None = None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        mapped = map_header_row(row)
        if required not in mapped.columns.values() or len(mapped.columns) < 2:
            continue
        if best is None or len(mapped.columns) > len(best.columns):
            mapped.row_index = index
            best = mapped
    return best
