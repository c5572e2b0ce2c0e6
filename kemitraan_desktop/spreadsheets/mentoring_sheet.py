"""The pendampingan sheet the mitra send in: imported into a program's log, and the empty
template the office sends them (a jurnal pendampingan: one row per contact)."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlite_utils import Database

from .. import indonesia as ind
from .. import mentoring as mtr
from ..errors import Cancelled, ValidationError
from ..programs import get_program
from ..store import map_storage_errors, write_lock
from .cells import blank, cell_text, clean_id, parse_time_range
from .headers import HEADER_SCAN_ROWS, IGNORED, header_key
from .reader import FormulaError, Sheet, check_rows, search_sheets
from .reports import ActivityImportReport, RowChecks
from .roster_rows import IsCancelled, Progress, is_numbering_row
from .workbook import (
    DATE_FORMAT,
    HEADER_BORDER,
    HEADER_FILL,
    HEADER_FONT,
    TEXT_FORMAT,
    check_destination,
    print_setup,
    save_workbook,
    set_widths,
)

__all__ = ["MentoringImportReport", "import_entries", "template_workbook"]

MAX_ROWS = 20_000  # a district's four months are a few thousand contacts

# ---------------------------------------------------------------- the header

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": ("tanggal", "tgl", "haritanggal", "haritgl", "haridantanggal", "tanggalpendampingan",
             "tanggalkegiatan", "tanggalpelaksanaan", "waktutanggal", "tanggalwaktu"),
    "mentee_id": ("nuptk", "nip", "nuptknip", "nipnuptk", "nipataunuptk", "nuptkataunip"),
    "mentee_name": ("nama", "namaguru", "namapeserta", "peserta", "guruyangdidampingi",
                    "namaguruyangdidampingi", "yangdidampingi", "gurudidampingi", "namaimbas",
                    "guruimbas", "namaguruimbas", "mentee", "namamentee", "gurudampingan",
                    "namagurudampingan", "gurubinaan", "namagurubinaan", "sasaran"),
    "mentor_name": ("pembimbing", "namapembimbing", "pendamping", "namapendamping", "mentor",
                    "namamentor", "gurupembimbing", "namagurupembimbing", "gurupendamping",
                    "namagurupendamping"),
    "mode": ("bentuk", "moda", "bentukmoda", "modabentuk", "modapendampingan",
             "bentukpendampingan", "media", "mediapendampingan", "cara", "carapendampingan",
             "jenispendampingan", "metode", "metodependampingan", "bentukkegiatan", "modamedia",
             "jeniskegiatan"),
    "duration": ("durasi", "lama", "lamanya", "alokasiwaktu", "lamawaktu", "durasiwaktu",
                 "durasijpmenit", "lamapendampingan", "durasipendampingan"),
    "jp": ("jp", "jumlahjp", "durasijp", "lamajp", "jampelajaran", "alokasijp", "jpl"),
    "minutes": ("menit", "durasimenit", "lamamenit", "durasidalammenit", "waktumenit"),
    "hours": ("durasijam", "lamajam", "jumlahjam"),
    "time": ("jam", "pukul", "waktu", "waktupelaksanaan", "jampelaksanaan"),
    "topic": ("topik", "materi", "topikmateri", "materitopik", "materipendampingan",
              "topikpendampingan", "uraiankegiatan", "kegiatan", "uraian", "pokokbahasan",
              "fokus", "fokuspendampingan", "materiyangdibahas", "topikyangdibahas",
              "kegiatanpendampingan", "uraianpendampingan", "hal", "halyangdibahas"),
    "agreed": ("kesepakatan", "hasil", "hasilkesepakatan", "kesepakatanhasil", "hasilpendampingan",
               "hasilyangdicapai", "hasildiskusi", "solusi", "saransolusi", "solusisaran",
               "hasilkegiatan", "kesepakatanbersama"),
    "follow_up": ("tindaklanjut", "rencanatindaklanjut", "rtl", "tindaklanjutrtl",
                  "rtltindaklanjut", "rencanatindaklanjutrtl"),
    "notes": ("keterangan", "ket", "catatan", "kendala", "permasalahan", "masalah", "hambatan"),
    "link": ("bukti", "dokumentasi", "buktifisik", "linkdokumentasi", "tautan", "link",
             "linkbukti", "tautanbukti", "buktidokumentasi"),
}
_FIELD = {syn: key for key, syns in _SYNONYMS.items() for syn in syns}
_MENTOR_WORDS = ("pembimbing", "pendamping", "mentor", "pengimbas")
_MENTEE_WORDS = ("peserta", "didampingi", "dibimbing", "dampingan", "mentee", "imbas", "binaan",
                 "sasaran")
_QUIET = IGNORED | {"paraf", "parafpembimbing", "parafpeserta", "ttd", "sekolah", "asalsekolah",
                    "mapel", "matapelajaran", "tempat", "lokasi", "tempatlokasi", "hari"}
# Columns that may come twice: the values are read from each (IDs: the first given; notes joined).
_MULTI = {"mentor_id", "mentee_id", "notes", "link"}
FALLBACK = {"date": "Tanggal", "mentor_id": "NUPTK/NIP Pembimbing", "mentee_id": "NUPTK/NIP Peserta",
            "mentor_name": "Nama Pembimbing", "mentee_name": "Nama Peserta", "mode": "Bentuk",
            "duration": "Durasi", "topic": "Topik/Materi", "agreed": "Kesepakatan/Hasil",
            "follow_up": "Tindak Lanjut", "notes": "Keterangan"}
_NEEDED = ("Lembar pendampingan perlu kolom Tanggal, NUPTK/NIP Peserta (atau Nama Peserta), "
           "Bentuk (Tatap muka, Daring, Telepon/WhatsApp, Surel) dan Topik/Materi; NUPTK/NIP "
           "Pembimbing (atau NIP pembimbing di judul lembar), Durasi, Kesepakatan/Hasil, Tindak "
           "Lanjut dan Keterangan boleh ditambahkan. Buat templatnya dengan: kemitraan mentoring "
           "template FILE.xlsx")
_TITLE_ID = re.compile(r"\b(?:NUPTK|NIP)\b\s*[:.]?\s*((?:\d[\s.]?){15,21}\d)", re.IGNORECASE)


def _field_of(key: str) -> str | None:
    if key in _FIELD:
        return _FIELD[key]
    role = "mentee" if any(w in key for w in _MENTEE_WORDS) else \
        "mentor" if any(w in key for w in _MENTOR_WORDS) else None
    if role and ("nuptk" in key or "nip" in key):
        return f"{role}_id"
    if role and key.startswith("nama"):
        return f"{role}_name"
    return None


@dataclass
class MentoringHeader:
    row_index: int
    fields: dict[str, list[int]]
    labels: dict[int, str]
    unknown: list[str]
    duplicates: list[tuple[str, int, int]]
    # The IDs written above the table ("NIP : ..."), each with its row index.
    mentor_context: list[tuple[str, int]] = field(default_factory=list)

    def label(self, key: str) -> tuple[str, int]:
        for candidate in {"jp": ("jp", "duration", "hours", "time"),
                          "minutes": ("minutes", "duration", "hours", "time", "jp"),
                          "pair": ("mentee_id", "mentee_name"),
                          "mentor_id": ("mentor_id", "mentor_name"),
                          "mentee_id": ("mentee_id", "mentee_name")}.get(key, (key,)):
            if candidate in self.fields:
                column = self.fields[candidate][0]
                return self.labels[column], column
        return FALLBACK.get(key, key), 10_000

    @property
    def complete(self) -> bool:
        return {"date", "topic", "mode"} <= set(self.fields) and (
            "mentee_id" in self.fields or "mentee_name" in self.fields)


def _map_row(row: list, index: int) -> MentoringHeader:
    header = MentoringHeader(index, {}, {}, [], [])
    for column, cell in enumerate(row):
        key = header_key(cell)
        if not key:
            continue
        text = " ".join(str(cell).split())
        found = _field_of(key)
        if found is None:
            if key not in _QUIET:
                header.unknown.append(text)
            continue
        header.labels[column] = text
        if found not in header.fields:
            header.fields[found] = [column]
        elif found in _MULTI:
            header.fields[found].append(column)
        else:
            header.duplicates.append((text, header.fields[found][0], column))
    return header


def _find_header(rows: list[list]) -> MentoringHeader | None:
    best, best_score = None, None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        values = [c for c in row if not blank(c)]
        if len(values) < 3 or not all(isinstance(c, str) for c in values):
            continue
        header = _map_row(row, index)
        score = (header.complete, len(header.fields))
        if len(header.fields) >= 3 and (best_score is None or score > best_score):
            best, best_score = header, score
    if best is not None and "mentor_id" not in best.fields:
        best.mentor_context = _title_id(rows[:best.row_index])
    return best


def _title_id(rows: list[list]) -> list[tuple[str, int]]:
    """The pembimbing's NUPTK/NIP written above the table ("NIP : 19750101 200012 1 001")."""
    found = []
    for index, row in enumerate(rows):
        text = " ".join(str(c) for c in row if isinstance(c, str | int) and not blank(c))
        found += [(m[1], index) for m in _TITLE_ID.finditer(text)]
    return found


def _locate(path: Path, sheet: str | None) -> tuple[Sheet, MentoringHeader]:
    search = search_sheets(path, sheet, _find_header, lambda h: h.complete)
    if search.found is not None:
        return search.found
    if search.partial is not None:
        data, header = search.partial
        missing = [FALLBACK[k] for k in ("date", "mode", "topic") if k not in header.fields]
        if "mentee_id" not in header.fields and "mentee_name" not in header.fields:
            missing.insert(1, FALLBACK["mentee_id"])
        raise ValidationError(f"Baris judul kolom (baris {data.excel_row(header.row_index)}, "
                              f"lembar '{data.name}') di '{path.name}' tidak punya kolom "
                              f"{', '.join(missing)}. {_NEEDED}")
    raise ValidationError(f"Baris judul kolom pendampingan tidak ditemukan di '{path.name}'"
                          f"{search.where(path)}. {_NEEDED}")


# ---------------------------------------------------------------- cells

def parse_duration(value, unit: str) -> tuple[float | None, int | None]:
    """A duration cell -> (jp, minutes): mentoring.parse_duration, and for a "Jam"/"Waktu"
    column a time range (`08.00 - 09.30`) whose length is the duration."""
    if unit != "time":
        return mtr.parse_duration(value, unit)
    if not isinstance(value, str) or blank(value):
        return None, None  # a time of day without its end: no duration in it
    start, end = parse_time_range(value)
    if start is None or end is None:
        return None, None
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    if minutes <= 0:
        raise ValueError(f"'{value}': jam selesai tidak sesudah jam mulai")
    return None, minutes


# ---------------------------------------------------------------- the report


@dataclass
class MentoringImportReport(ActivityImportReport):
    """The pendampingan import's report: the common fields (reports.ActivityImportReport),
    `activity` holding the program's title, and these."""

    entries: list[mtr.Entry] = field(default_factory=list)  # what is (or would be) written
    new: int = 0
    duplicates: int = 0  # rows already stored (same pair, day and topic): skipped
    repeated: int = 0  # rows given twice in the file: the second skipped
    examples: int = 0  # the template's example row, left out
    pairs: int = 0
    mentors: int = 0

    imported: ClassVar[str] = "Pendampingan diimpor"

    def counts(self) -> str:
        n = ind.format_thousands
        text = f"{n(self.new)} pendampingan baru ({n(self.pairs)} pasangan, {n(self.mentors)} pembimbing)"
        if self.duplicates:
            text += f"; {n(self.duplicates)} sudah tercatat, dilewati"
        if self.repeated:
            text += f"; {n(self.repeated)} baris ganda di berkas, dilewati"
        return text


# ---------------------------------------------------------------- the import


def import_entries(db: Database, program_id: int, path: str | Path, *, sheet: str | None = None,
                   dry_run: bool = False, progress: Progress | None = None,
                   cancelled: IsCancelled | None = None) -> MentoringImportReport:
    """Add the contacts of a mitra's pendampingan sheet (.xlsx, .xls, .ods, .csv) to a
    program's log: one row per contact, the header anywhere in the first rows (titles
    above it), dates as Excel dates or written (`12/11/2019`, `Selasa, 12 November 2019`),
    IDs as text (a NIP with spaces is fine; one Excel turned into a number is refused),
    durations `2 JP`, `90 menit`, `1,5 jam`. The pembimbing comes from a column or, once
    for the whole sheet, from the NUPTK/NIP above the table.

    All rows are checked first: any problem (located by Excel row and column, in
    Indonesian) and nothing is written. Rows already stored (same pair, day and topic) are
    skipped and counted; so is a row given twice. Raises InputFileError for an unreadable
    file and ValidationError when the needed columns are missing."""
    path = Path(path)
    program = get_program(db, program_id)
    if progress:
        progress(0, 1, "Membaca lembar pendampingan")
    data, header = _locate(path, sheet)
    report = MentoringImportReport(file=path.name, activity=program.title, sheet=data.name,
                                   header_row=data.excel_row(header.row_index),
                                   unknown_columns=header.unknown, dry_run=dry_run)
    # What is stored is read under the write lock: a second import of the same sheet at the
    # same time waits, then finds these rows stored and skips them (it stored them twice).
    with contextlib.nullcontext() if dry_run else write_lock(db):
        job = _Reading(db, program, header, report, data, progress, cancelled)
        job.read()
        job.finish()
        if dry_run or report.problems:
            return report
        if cancelled and cancelled():
            raise Cancelled()
        with map_storage_errors("Menyimpan pendampingan gagal"), db.atomic():
            mtr.insert_entries(db, report.entries)
    report.written = True
    if progress:
        progress(1, 1, "Pendampingan disimpan")
    return report


_ERROR_COLUMN = {"day": "date", "pair": "pair", "mode": "mode", "topic": "topic", "jp": "jp",
                 "minutes": "minutes", "agreed": "agreed", "follow_up": "follow_up",
                 "notes": "notes"}


class _Reading(RowChecks):
    def __init__(self, db: Database, program, header: MentoringHeader,
                 report: MentoringImportReport, data: Sheet, progress, cancelled):
        self.db, self.program, self.header, self.report, self.data = db, program, header, report, data
        self.progress, self.cancelled = progress, cancelled
        self.people = mtr.ProgramPeople(db, program)
        self.stored = mtr.existing_keys(db, program.id)
        self.seen: dict[tuple, int] = {}
        self.today = dt.date.today()
        self.context = None  # the mentor named above the table
        self.no_mentor = False  # no column and no title names the mentor
        self.check_header()

    def cell(self, cells: list, key: str):
        for column in self.header.fields.get(key, []):
            if column < len(cells) and not blank(cells[column]):
                return cells[column]
        return None

    def texts(self, cells: list, key: str) -> list[str]:
        return [cell_text(cells[c]) for c in self.header.fields.get(key, [])
                if c < len(cells) and not blank(cells[c])]

    def read(self) -> None:
        header, data = self.header, self.data
        if header.mentor_context:
            self.context = self._title_mentor(header.mentor_context)
        elif not {"mentor_id", "mentor_name"} & set(header.fields):
            self.no_mentor = True
            self.problem(self.report.header_row, None, 0, "pembimbing tidak disebut: tambahkan "
                         "kolom NUPTK/NIP Pembimbing, atau tulis 'NIP: ...' pembimbing di atas tabel")
        first = header.row_index + 1
        body = data.rows[first:]
        keys = ("mentee_id", "mentee_name")
        last = max((i for i, cells in enumerate(body) if self.cell(cells, "topic") is not None
                    and (self.cell(cells, "date") is not None
                         or any(self.cell(cells, k) is not None for k in keys))), default=-1)
        check_rows(body[:last + 1], MAX_ROWS, "impor pendampingan", self.report.file, data)
        for offset, cells in enumerate(body):
            if all(blank(c) for c in cells) or (offset == 0 and is_numbering_row(cells)):
                continue
            if self._is_example(cells):
                self.report.examples += 1
                continue
            if offset > last:
                self.report.ignored_rows += 1
                continue
            if offset % 500 == 0:
                self._tick(offset, len(body))
            row = data.excel_row(first + offset)
            self.report.rows += 1
            if not self._formula_errors(row, cells):
                self._row(row, cells)

    def _tick(self, done: int, total: int) -> None:
        if self.cancelled and self.cancelled():
            raise Cancelled()
        if self.progress:
            self.progress(done, total, "Memeriksa baris")

    @staticmethod
    def _is_example(cells: list) -> bool:
        first = next((c for c in cells if not blank(c)), None)
        return isinstance(first, str) and header_key(first).startswith("contoh")

    def _formula_errors(self, row: int, cells: list) -> bool:
        found = False
        for column, label in self.header.labels.items():
            value = cells[column] if column < len(cells) else None
            if isinstance(value, FormulaError):
                self.problem(row, label, column, value.problem())
                found = True
        return found

    # ------------------------------------------------------------ people

    def _title_mentor(self, written: list[tuple[str, int]]):
        """The pembimbing whose NUPTK and/or NIP the rows above the table give."""
        found = {}
        for text, index in written:
            row = self.data.excel_row(index)
            try:
                digits = clean_id(text, "id_any")
            except ValueError as exc:
                self.problem(row, None, 0, f"NUPTK/NIP pembimbing di atas tabel: {exc}")
                return None
            member = self.people.by_number.get(digits)
            if member is None:
                self.problem(row, None, 0, f"NUPTK/NIP pembimbing {digits} (di atas tabel) bukan "
                             f"peserta program '{self.program.title}'; periksa nomornya")
                return None
            found[member.id] = member
        if len(found) > 1:
            names = " dan ".join(m.name for m in found.values())
            self.problem(self.data.excel_row(written[0][1]), None, 0, "nomor-nomor di atas tabel "
                         f"milik orang yang berbeda ({names}); tulis NUPTK/NIP pembimbing saja, "
                         "atau tambahkan kolom NUPTK/NIP Pembimbing")
            return None
        return next(iter(found.values()))


    def _person(self, row: int, cells: list, role: str):
        """The participant a row names as its mentor or mentee: by NUPTK/NIP, else by name
        among the program's participants; None (with the problem noted) when not found."""
        id_key, name_key = f"{role}_id", f"{role}_name"
        written = " ".join(self.texts(cells, name_key)[:1])
        member = None
        for column in self.header.fields.get(id_key, []):
            value = cells[column] if column < len(cells) else None
            if blank(value):
                continue
            label = self.header.labels[column]
            try:
                digits = clean_id(value, "id_any")
            except ValueError as exc:
                self.problem(row, label, column, str(exc))
                return None
            found = self.people.by_number.get(digits)
            if found is None:
                self.problem(row, label, column, f"NUPTK/NIP {digits} bukan peserta program "
                             f"'{self.program.title}'; periksa nomornya")
                return None
            if member is not None and found.id != member.id:
                self.problem(row, label, column, f"nomor ini milik {found.name}, nomor di kolom "
                             f"sebelumnya milik {member.name}; periksa kedua nomor itu")
                return None
            member = found
            if written and not set(ind.name_key(written).split()) & set(found.name_key.split()):
                self.problem(row, label, column, f"NUPTK/NIP {digits} milik {found.name}, bukan "
                             f"{written}; periksa nomornya")
                return None
        if member is not None:
            return member
        if role == "mentor" and self.context is not None:
            return self.context
        who = "pembimbing" if role == "mentor" else "guru yang didampingi"
        if not written:
            if role == "mentor" and (self.header.mentor_context or self.no_mentor):
                return None  # said once, above the table
            self.at(row, id_key, f"isi NUPTK/NIP {who}")
            return None
        named = self.people.named(written)
        if len(named) == 1:
            return named[0]
        reason = (f"ada {len(named)} peserta bernama {written}" if named else
                  f"{written} tidak ada di peserta program '{self.program.title}'")
        self.at(row, name_key if name_key in self.header.fields else id_key,
                f"{reason}; isi NUPTK/NIP {who}")
        return None

    # ------------------------------------------------------------ one row

    def _row(self, row: int, cells: list) -> None:
        before = len(self.report.problems)
        mentor = self._person(row, cells, "mentor")
        mentee = self._person(row, cells, "mentee")
        day = None
        raw_day = self.cell(cells, "date")
        if raw_day is None:
            self.at(row, "date", "tanggal kosong; isi tanggal pendampingan")
        else:
            try:
                day = mtr.parse_day(raw_day)
            except ValueError as exc:
                self.at(row, "date", str(exc))
        jp, minutes = self._duration(row, cells)
        mode = self.cell(cells, "mode")
        topic = "\n".join(self.texts(cells, "topic"))
        links = self.texts(cells, "link")
        notes = "; ".join(self.texts(cells, "notes") + [f"Bukti: {t}" for t in links])
        values, errors = mtr.check_entry(
            self.program, self.people, mentor.id if mentor else None,
            mentee.id if mentee else None, day, "" if mode is None else mode, topic, jp=jp,
            minutes=minutes, agreed="\n".join(self.texts(cells, "agreed")),
            follow_up="\n".join(self.texts(cells, "follow_up")), notes=notes, today=self.today)
        if mentor is None or mentee is None:
            errors.pop("pair", None)  # who they are is already said
        if day is None:
            errors.pop("day", None)
        for key, message in errors.items():
            self.at(row, _ERROR_COLUMN.get(key, key),
                    message.rstrip(".") if key == "pair" else _lower_first(message))
        if errors or len(self.report.problems) > before:
            return
        entry = mtr.Entry(None, self.program.id, source=f"impor {self.report.file}"[:200], **values)
        key = entry.key()
        if key in self.stored:
            self.report.duplicates += 1
        elif key in self.seen:
            self.report.repeated += 1
            self.at(row, "topic", f"sama dengan baris {self.seen[key]} (pasangan, tanggal dan "
                    "topik yang sama); baris ini dilewati", warning=True)
        else:
            self.seen[key] = row
            self.report.entries.append(entry)

    def _duration(self, row: int, cells: list) -> tuple[float | None, int | None]:
        jp = minutes = None
        for key in ("duration", "jp", "minutes", "hours", "time"):
            value = self.cell(cells, key)
            if value is None:
                continue
            try:
                found_jp, found_minutes = parse_duration(value, key)
            except ValueError as exc:
                self.at(row, key, str(exc))
                continue
            jp = jp if found_jp is None else found_jp
            if minutes is None:
                minutes = found_minutes
        return jp, minutes

    # ------------------------------------------------------------ the whole file

    def finish(self) -> None:
        report = self.report
        if not report.rows and not report.problems:
            self.problem(report.header_row, None, 0, "tidak ada baris pendampingan di bawah "
                                                     "baris judul kolom; tidak ada yang disimpan")
        report.new = len(report.entries)
        report.pairs = len({(e.mentor_id, e.mentee_id) for e in report.entries})
        report.mentors = len({e.mentor_id for e in report.entries})
        for found in (report.problems, report.warnings):
            found.sort(key=lambda p: (p.row or 0, p.order))


def _lower_first(message: str) -> str:
    """A core message ("Tanggal ... belum tiba.") as a cell problem ("tanggal ... belum tiba")."""
    text = message.rstrip(".")
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


# ---------------------------------------------------------------- the template

TEMPLATE_HEADER = ["No", "Tanggal", "NUPTK/NIP Pembimbing", "Nama Pembimbing", "NUPTK/NIP Peserta",
                   "Nama Peserta", "Bentuk", "Durasi", "Topik/Materi", "Kesepakatan/Hasil",
                   "Tindak Lanjut", "Keterangan"]
TEMPLATE_WIDTHS = [8, 14, 22, 28, 22, 28, 18, 11, 36, 36, 30, 22]
TEMPLATE_ROWS = 500
EXAMPLE = ["Contoh", dt.date(2019, 11, 12), "19750101 200012 1 001", "Nama Guru Mitra, S.Pd.",
           "1234567890123456", "Nama Guru Imbas, S.Pd.", "Tatap muka", "2 JP",
           "Diskusi RPP pembelajaran berbasis masalah", "RPP diperbaiki pada langkah orientasi "
           "masalah", "Observasi kelas 19/11/2019", "Baris contoh: hapus atau biarkan"]
_GREY = Font(italic=True, color="808080")
_INSTRUCTIONS = ("Satu baris untuk satu kali pendampingan. Tanggal: 12/11/2019. NUPTK (16 angka) "
                 "atau NIP (18 angka) ditulis sebagai teks. Bentuk: Tatap muka, Daring, "
                 "Telepon/WhatsApp atau Surel. Durasi: 2 JP, 90 menit atau 1,5 jam. Baris "
                 "Contoh tidak ikut diimpor.")


def template_workbook(path: str | Path) -> Path:
    """An empty jurnal pendampingan for the mitra to fill in: a title, how to fill it, the
    header, one example row in grey (never imported), ID columns as text, a date column,
    the choice of Bentuk from a list. Returns the path written."""
    check_destination(path)
    book = Workbook()
    ws = book.active
    ws.title = "Pendampingan"
    width = len(TEMPLATE_HEADER)
    last = get_column_letter(width)
    ws["A1"] = "JURNAL PENDAMPINGAN PROGRAM KEMITRAAN"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = _INSTRUCTIONS
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(f"A1:{last}1")
    ws.merge_cells(f"A2:{last}2")
    ws.row_dimensions[2].height = 32
    header_row, first = 4, 5
    for column, text in enumerate(TEMPLATE_HEADER, start=1):
        cell = ws.cell(row=header_row, column=column, value=text)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[header_row].height = 30
    for column, value in enumerate(EXAMPLE, start=1):
        cell = ws.cell(row=first, column=column, value=value)
        cell.font = _GREY
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[first].height = 30
    rows = range(first, first + TEMPLATE_ROWS + 1)
    for column in (3, 5):
        for row in rows:
            ws.cell(row=row, column=column).number_format = TEXT_FORMAT
    for row in rows:
        ws.cell(row=row, column=2).number_format = DATE_FORMAT
        for column in (9, 10, 11):
            ws.cell(row=row, column=column).alignment = Alignment(wrap_text=True, vertical="top")
    modes = DataValidation(type="list", formula1='"' + ",".join(mtr.MODES.values()) + '"',
                           allow_blank=True, showErrorMessage=True, errorTitle="Bentuk tidak dikenal",
                           error="Pilih Tatap muka, Daring, Telepon/WhatsApp atau Surel.")
    modes.add(f"G{first}:G{first + TEMPLATE_ROWS}")
    ws.add_data_validation(modes)
    set_widths(ws, TEMPLATE_WIDTHS)
    ws.freeze_panes = f"A{first}"
    print_setup(ws, header_row)
    return save_workbook(book, path)
