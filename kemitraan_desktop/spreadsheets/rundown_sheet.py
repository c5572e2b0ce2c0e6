"""Reading a rundown sheet: ours or an office's own, its header (perhaps over two rows) and the cells only a rundown has."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..activities import parse_jp as parse_jp_text
from ..errors import ValidationError
from ..people import school_key
from .cells import blank
from .headers import HEADER_SCAN_ROWS, IGNORED, header_key
from .reader import Sheet, search_sheets

__all__ = ["FALLBACK", "JOINED", "TOTALS", "RundownHeader", "locate_rundown", "parse_attendance",
           "parse_jp", "parse_school"]

# ---------------------------------------------------------------- the header

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": ("tanggal", "tgl", "haritanggal", "haritgl", "haridantanggal", "tanggalhari",
             "tglhari", "hritgl", "tanggalkegiatan", "tanggalpelaksanaan", "harihari"),
    "weekday": ("hari", "namahari"),  # the date itself when there is no Tanggal column
    "day_no": ("harike", "hariken", "hariken", "harikegiatan", "harike1"),
    "time": ("waktu", "jam", "pukul", "waktupelaksanaan", "jamwaktu", "waktujam", "waktupukul",
             "pukuljam", "alokasiwaktu", "jadwal"),
    "start": ("mulai", "jammulai", "waktumulai", "pukulmulai", "dari", "awal", "jamawal",
              "waktuawal", "start"),
    "end": ("selesai", "jamselesai", "waktuselesai", "pukulselesai", "sampai", "akhir",
            "jamakhir", "waktuakhir", "sd", "hingga", "end"),
    "description": ("kegiatan", "acara", "materi", "agenda", "uraiankegiatan", "uraian",
                    "namakegiatan", "kegiatanmateri", "materikegiatan", "acarakegiatan",
                    "kegiatanacara", "susunanacara", "jeniskegiatan", "aktivitas", "mataacara",
                    "topik", "materiacara", "agendakegiatan", "rinciankegiatan", "deskripsi",
                    "namaacara", "sesi", "materiagenda"),
    "place": ("tempat", "lokasi", "ruang", "ruangan", "tempatkegiatan", "tempatlokasi",
              "lokasikegiatan", "tempatpelaksanaan", "venue"),
    "pic": ("penanggungjawab", "pj", "pic", "narasumber", "pemateri", "narasumberpemateri",
            "pematerinarasumber", "fasilitator", "pelaksana", "pengampu", "narasumberpj",
            "pjnarasumber", "penanggungjawabnarasumber", "narasumberpenanggungjawab",
            "pjkegiatan", "petugas", "narsum", "penyaji"),
    "jp": ("jp", "jampelajaran", "jumlahjp", "jmljp", "jpl", "jumlahjampelajaran", "alokasijp"),
    "attendance": ("daftarhadir", "absen", "absensi", "presensi", "hadir", "kehadiran", "dh",
                   "isidaftarhadir", "daftarhadirya"),
    "school": ("npsn", "npsnsekolah", "sekolah", "sekolahinti", "npsnsekolahinti",
               "sekolahtuanrumah", "tuanrumah", "namasekolah", "sekolahnpsn"),
}
_FIELD = {syn: key for key, syns in _SYNONYMS.items() for syn in syns}
_IGNORED = IGNORED | {"catatan", "no", "nomor", "keterangan"}
# A field two columns give, joined: "Narasumber" beside "Penanggung Jawab".
JOINED = {"description": " - ", "place": "; ", "pic": "; "}
FALLBACK = {"date": "Tanggal", "start": "Mulai", "end": "Selesai", "description": "Kegiatan",
             "place": "Tempat", "pic": "Penanggung Jawab", "jp": "JP",
             "attendance": "Daftar Hadir", "school": "NPSN Sekolah", "time": "Waktu"}
_NEEDED = ("Rundown perlu kolom Tanggal (atau Hari/Tanggal) dan Kegiatan (atau Acara/Materi); "
           "kolom Waktu atau Mulai dan Selesai, Tempat, Penanggung Jawab, JP, Daftar Hadir dan "
           "NPSN Sekolah boleh ditambahkan.")


def _field_of(key: str) -> str | None:
    if key in _FIELD:
        return _FIELD[key]
    for zone in ("wita", "wib", "wit"):  # "Waktu (WIB)", "Jam Mulai WITA"
        if key.endswith(zone) and key[:-len(zone)] in _FIELD:
            return _FIELD[key[:-len(zone)]]
    return None


@dataclass
class RundownHeader:
    row_index: int  # the (last) header row's index in the sheet's rows
    fields: dict[str, list[int]]  # field -> its columns, the first one first
    labels: dict[int, str]  # column -> header as written
    unknown: list[str]
    duplicates: list[tuple[str, int, int]]

    def label(self, key: str) -> tuple[str, int]:
        """The header and position a problem about `key` is reported on."""
        for candidate in (key, "time") if key in ("start", "end") else (key, "day_no"):
            if candidate in self.fields:
                column = self.fields[candidate][0]
                return self.labels[column], column
        return FALLBACK.get(key, key), 10_000

    @property
    def complete(self) -> bool:
        return "description" in self.fields and ("date" in self.fields or "day_no" in self.fields)


def _map_row(row: list, index: int = 0) -> RundownHeader:
    fields: dict[str, list[int]] = {}
    labels, unknown, duplicates = {}, [], []
    for column, cell in enumerate(row):
        key = header_key(cell)
        if not key:
            continue
        text = str(cell).strip()
        found = _field_of(key)
        if found is None:
            if key not in _IGNORED:
                unknown.append(text)
            continue
        labels[column] = text
        if found not in fields:
            fields[found] = [column]
        elif found in JOINED:
            fields[found].append(column)
        else:
            duplicates.append((text, fields[found][0], column))
    if "weekday" in fields and "date" not in fields:
        fields["date"] = fields.pop("weekday")
    if "date" in fields:
        fields.pop("day_no", None)
    return RundownHeader(index, fields, labels, unknown, duplicates)


def _text_only(row: list) -> bool:
    values = [cell for cell in row if cell not in ("", None)]
    return bool(values) and all(isinstance(cell, str) for cell in values)


def _find_header(rows: list[list]) -> RundownHeader | None:
    """The header row among the first rows (offices put titles above it): the one with
    Tanggal and Kegiatan first, then the most columns; a second header row under it
    ("Waktu" over "Mulai" and "Selesai") is taken in."""
    best, best_score = None, None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        if not _text_only(row):
            continue
        header = _map_row(row, index)
        if len(header.fields) < 2:
            continue
        score = (header.complete, len(header.fields))
        if best_score is None or score > best_score:
            best, best_score = header, score
    if best is not None and best.row_index + 1 < len(rows):
        _take_subheader(best, rows[best.row_index + 1])
    return best


def _take_subheader(header: RundownHeader, row: list) -> None:
    if not _text_only(row):
        return
    sub = _map_row(row)
    if not sub.fields or sub.duplicates or sub.unknown:
        return  # a first data row, not a second header row
    taken = {c for key, cols in header.fields.items() if key != "time" for c in cols}
    sub_columns = {c for cols in sub.fields.values() for c in cols}
    if sub_columns & taken or any(key in header.fields for key in sub.fields if key != "time"):
        return
    if {"start", "end"} & set(sub.fields):  # "Waktu" over "Mulai" and "Selesai"
        header.fields.pop("time", None)
    header.fields.update(sub.fields)
    header.labels.update(sub.labels)
    header.unknown += sub.unknown
    header.row_index += 1


def locate_rundown(path: Path, sheet: str | None) -> tuple[Sheet, RundownHeader]:
    search = search_sheets(path, sheet, _find_header, lambda header: header.complete)
    if search.found is not None:
        return search.found
    if search.partial is not None:
        data, header = search.partial
        missing = "Kegiatan" if "description" not in header.fields else "Tanggal"
        raise ValidationError(f"Baris judul kolom (baris {data.excel_row(header.row_index)}, lembar "
                              f"'{data.name}') di '{path.name}' tidak punya kolom {missing}. {_NEEDED}")
    where = search.where(path)
    raise ValidationError(f"Baris judul kolom rundown tidak ditemukan di '{path.name}'{where}. {_NEEDED}")


# ---------------------------------------------------------------- cells

_YES = {"ya", "y", "v", "x", "ada", "yes", "true", "1", "hadir", "absen", "diisi", "perlu"}
_NO = {"tidak", "tdk", "t", "n", "no", "false", "0", "tidakada", "bukan"}
_CHECKS = {"✓", "✔", "√", "☑", "v", "V", "x", "X"}
TOTALS = {"jumlah", "jumlahjp", "total", "totaljp", "jumlahjampelajaran", "jml", "jmljp"}


def parse_jp(value) -> float:
    """A JP cell (see activities.parse_jp); a cell of spaces is 0 too."""
    return 0.0 if blank(value) else parse_jp_text(value)


def parse_attendance(value) -> bool:
    if blank(value):
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
    elif str(value).strip() in _CHECKS:
        return True
    key = header_key(value)
    if not key or key in _NO:
        return False
    if key in _YES:
        return True
    raise ValueError(f"'{value}' tidak dikenali; isi Ya bila daftar hadir diedarkan, atau kosongkan")


def parse_school(value, hosts: list[dict]) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    digits = re.sub(r"[\s.\-]", "", text)
    if digits.isdigit():
        found = [h for h in hosts if h["npsn"] == digits]
        shown = f"NPSN {digits}"
    else:
        found = [h for h in hosts if school_key(h["name"]) == school_key(text)]
        shown = f"'{text}'"
    if found:
        return found[0]["id"]
    if not hosts:
        raise ValueError(f"{shown}: kegiatan ini tidak punya sekolah inti (peserta tingkat 1); "
                         "kosongkan kolom ini")
    listed = ", ".join(f"{h['npsn']} ({h['name']})" if h["npsn"] else h["name"] for h in hosts)
    raise ValueError(f"{shown} bukan sekolah inti kegiatan ini; isi salah satu: {listed}, atau "
                     "kosongkan untuk acara bersama")

