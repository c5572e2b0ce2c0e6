"""Measuring a workbook before python-calamine reads it. calamine lays out whatever a file
declares: every shared string at once, a dense grid from A1 to the farthest value, each
repeated .ods cell one by one. A small file can declare gigabytes (60 million shared
strings in 2.4 MB, one 1 GiB string in 1 MB, an 881-byte .ods repeating one cell 95
million times), so every reader measures, streaming and in bounded memory, before it
allocates; what is beyond any office's list is refused in Indonesian."""

from __future__ import annotations

import functools
import html
import mmap
import posixpath
import re
import struct
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from ..errors import InputFileError
from ..indonesia import format_thousands

# A dense grid of 10 million cells is about 320 MB in calamine: far beyond any roster.
MAX_CELLS = 10_000_000
# One XML part of a workbook, decompressed (a 200,000-row roster's sheet is about 150 MB).
MAX_PART_BYTES = 512 * 1024 * 1024
# All XML parts together, and how many (a sheet, its rels, styles: a few dozen in practice).
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_PARTS = 5_000
# Shared strings: their part, decompressed, and how many (each costs calamine ~60 bytes).
MAX_SHARED_BYTES = 256 * 1024 * 1024
MAX_STRINGS = 3_000_000
# Text without a tag in between: Excel holds 32,767 characters in a cell, the refusal of a
# longer cell names it (after reading); beyond this the file is refused before.
MAX_RUN = 16 * 1024 * 1024
# An .xls is not compressed: its size is what calamine reads.
MAX_XLS_BYTES = 128 * 1024 * 1024


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class FormulaError(str):
    """A cell whose formula failed, as Excel shows it (`#REF!`, `#DIV/0!`): text to every
    reader that does not ask, so that no importer takes it for a blank cell."""

    def problem(self) -> str:
        return (f"sel berisi galat rumus {self}; perbaiki rumusnya di Excel (atau salin lalu "
                "Tempel Khusus > Nilai), lalu impor lagi")


class FormulaPending(FormulaError):
    """A formula cell whose value the program that wrote the file never computed (its
    placeholder, 0 or nothing, is not the value): never imported as that placeholder."""

    def problem(self) -> str:
        shown = f" (={self[:60]})" if self else ""
        return (f"isi rumus belum dihitung{shown}; buka dan simpan dengan Excel (atau "
                "LibreOffice), lalu impor lagi")


def _refuse(name: str, what: str) -> InputFileError:
    return InputFileError(
        f"Berkas '{name}' {what}; itu jauh melampaui daftar mana pun dan tidak dibaca (berkas "
        "rusak, atau sengaja dibuat untuk menghabiskan memori). Buka di Excel, salin datanya "
        "saja ke buku kerja baru, simpan, lalu impor lagi.")


def measure(path: Path) -> None:
    """Refuse, before calamine opens it, a workbook whose content would not fit in memory."""
    suffix = path.suffix.lower()
    with open(path, "rb") as handle:
        magic = handle.read(8)
    if magic.startswith(b"PK\x03\x04"):
        _measure_zip(path)
    elif magic == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" and suffix == ".xls":
        _measure_xls(path)


# ---------------------------------------------------------------- .xlsx and .ods

def _measure_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            parts = [i for i in archive.infolist() if i.filename.lower().endswith((".xml", ".rels"))]
            for info in parts:
                shared = posixpath.basename(info.filename).lower().startswith("sharedstrings")
                if info.file_size > (MAX_SHARED_BYTES if shared else MAX_PART_BYTES):
                    raise _refuse(path.name, f"berisi bagian '{info.filename}' sebesar "
                                  f"{_mb(info.file_size)} bila dibuka")
            total = sum(info.file_size for info in parts)
            if len(parts) > MAX_PARTS or total > MAX_TOTAL_BYTES:
                raise _refuse(path.name, f"berisi {format_thousands(len(parts))} bagian XML "
                              f"sebesar {_mb(total)} bila dibuka")
            for info in parts:
                name = info.filename  # pictures and the like: calamine does not read them
                shared = posixpath.basename(name).lower().startswith("sharedstrings")
                limit = MAX_SHARED_BYTES if shared else MAX_PART_BYTES
                strings = _scan_part(archive, info, path.name, limit)
                if shared and strings // 2 > MAX_STRINGS:
                    raise _refuse(path.name, f"berisi lebih dari {format_thousands(MAX_STRINGS)} "
                                  "teks berbeda")
                if name == "content.xml":
                    _measure_ods(archive, info, path.name)
    except zipfile.BadZipFile as exc:
        raise InputFileError(f"Berkas '{path.name}' rusak atau terpotong (isinya tidak sesuai "
                             "dengan daftar isinya).", technical=repr(exc)) from exc
    except (OSError, EOFError, RuntimeError, ValueError) as exc:
        raise InputFileError(f"Berkas '{path.name}' rusak atau bukan lembar kerja yang dapat "
                             "dibaca.", technical=repr(exc)) from exc


def _mb(size: int) -> str:
    return f"{format_thousands(size // (1024 * 1024))} MB"


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limit: int) -> int:
    """Decompress one part in chunks (never whole): refuse it past `limit` bytes (the
    header may understate its size) or with text longer than MAX_RUN; returns how often
    `si>` occurs (twice per shared string)."""
    seen = run = strings = 0
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            seen += len(chunk)
            if seen > limit:
                raise _refuse(name, f"berisi bagian '{info.filename}' lebih dari {_mb(limit)} "
                              "bila dibuka")
            last = chunk.rfind(b"<")
            run = run + len(chunk) if last < 0 else len(chunk) - last - 1
            if run > MAX_RUN:
                raise _refuse(name, f"berisi satu teks lebih dari {_mb(MAX_RUN)} di "
                              f"'{info.filename}'")
            strings += chunk.count(b"si>")
    return strings


_ODS_TAGS = re.compile(rb'<table:table\s[^>]*?table:name="([^"]*)"[^>]*>'
                       rb'|<table:table-row\b([^>]*?)(/?)>|</table:table-row>')
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell\b([^>]*?)(/?)>")
_ODS_END = b"</table:table-row>"


def _repeat(attrs: bytes, name: bytes) -> int:
    at = attrs.find(name)
    if at < 0:
        return 1
    digits = re.match(rb'="(\d{1,9})"', attrs[at + len(name):])
    return max(1, int(digits[1])) if digits else 1


def _measure_ods(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """The extent calamine would lay out for each sheet of an .ods: a repeated row or cell
    counts as many times as it repeats when it holds a value (LibreOffice's trailing
    empty rows and cells, repeated a million times, hold none). Rows are found with one
    expression over the raw XML; cells are looked at only in rows that repeat some."""
    sheet, row, rows, cols, start = "", 0, 0, 0, 0
    tail = b""
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            data = tail + chunk
            cut = data.rfind(_ODS_END) + len(_ODS_END) if chunk else len(data)
            if cut < len(_ODS_END) and chunk:
                tail = data
                continue
            body, tail = data[:cut], data[cut:]
            for m in _ODS_TAGS.finditer(body):
                if m[1] is not None:
                    sheet, row, rows, cols = m[1].decode("utf-8", "replace"), 0, 0, 0
                elif m[2] is not None:
                    if m[3]:  # an empty row, closed at once
                        row += _repeat(m[2], b"number-rows-repeated")
                    else:
                        start, attrs = m.end(), m[2]
                else:
                    inner = body[start:m.start()]
                    repeat = _repeat(attrs, b"number-rows-repeated")
                    if b"value-type" in inner or b"<text:p" in inner or b"formula" in inner:
                        rows, cols = row + repeat, max(cols, _ods_width(inner))
                        if rows * cols > MAX_CELLS:
                            raise InputFileError(too_large(name, sheet, (rows, cols)))
                    row += repeat
            if not chunk:
                break


def _ods_width(inner: bytes) -> int:
    """How far a row's cells holding a value reach (repeated cells counted out)."""
    if b"-repeated" not in inner:
        return inner.count(b"<table:table-cell") + inner.count(b"<table:covered-table-cell")
    column = width = 0
    for cell in _ODS_CELL.finditer(inner):
        column += _repeat(cell[1], b"number-columns-repeated")
        if not cell[2] or b"value-type" in cell[1]:
            width = column
    return width


# ---------------------------------------------------------------- .xls (BIFF8 in OLE2)

_CELL_RECORDS = {0x0006, 0x00FD, 0x0203, 0x027E, 0x0204, 0x0205}  # formula, text, numbers
_MULRK, _SST, _BOF, _EOF = 0x00BD, 0x00FC, 0x0809, 0x000A


def _measure_xls(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_XLS_BYTES:
        raise _refuse(path.name, f"berukuran {_mb(size)} (berkas .xls lama paling besar "
                      f"{_mb(MAX_XLS_BYTES)})")
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        try:
            stream = _cfb_stream(data, ("Workbook", "Book"))
        except (struct.error, IndexError, ValueError):
            return  # not a compound file we can walk: calamine says what is wrong
        if stream is not None:
            _walk_biff(stream, path.name)


def _cfb_stream(data, names: tuple[str, ...]) -> bytes | None:
    """One stream of an OLE2 compound file (the container of an .xls), read by following
    its sector chains, every chain bounded by the number of sectors in the file."""
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if not 7 <= shift <= 16 or mini_shift > shift:
        return None
    size = 1 << shift
    sectors = len(data) // size
    fat_count, dir_start = struct.unpack_from("<II", data, 0x2C)
    cutoff, minifat_start = struct.unpack_from("<II", data, 0x38)
    difat_start, difat_count = struct.unpack_from("<II", data, 0x44)
    fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
    sector = difat_start
    for _ in range(min(difat_count, sectors)):
        if sector >= sectors:
            break
        entries = struct.unpack_from(f"<{size // 4}I", data, (sector + 1) * size)
        fat_sectors += entries[:-1]
        sector = entries[-1]
    fat: list[int] = []
    for sector in fat_sectors[:fat_count]:
        if sector < sectors:
            fat += struct.unpack_from(f"<{size // 4}I", data, (sector + 1) * size)

    def chain(start: int, table: list[int]) -> list[int]:
        found, sector = [], start
        while 0 <= sector < len(table) and len(found) <= len(table):
            found.append(sector)
            sector = table[sector]
        return found

    def read(start: int, length: int) -> bytes:
        parts = [data[(s + 1) * size:(s + 2) * size] for s in chain(start, fat) if s < sectors]
        return b"".join(parts)[:length]

    directory = read(dir_start, sectors * size)
    root_start = root_size = 0
    wanted = None
    for offset in range(0, len(directory) - 127, 128):
        entry = directory[offset:offset + 128]
        length = struct.unpack_from("<H", entry, 0x40)[0]
        name = entry[:max(0, length - 2)].decode("utf-16-le", "replace")
        kind = entry[0x42]
        start, length = struct.unpack_from("<II", entry, 0x74)
        if kind == 5:
            root_start, root_size = start, length
        elif kind == 2 and name in names and wanted is None:
            wanted = (start, length)
    if wanted is None:
        return None
    start, length = wanted
    if length >= cutoff:
        return read(start, length)
    mini = read(root_start, root_size)
    minifat_bytes = read(minifat_start, sectors * size)
    minifat = list(struct.unpack_from(f"<{len(minifat_bytes) // 4}I", minifat_bytes))
    mini_size = 1 << mini_shift
    return b"".join(mini[s * mini_size:(s + 1) * mini_size] for s in chain(start, minifat))[:length]


def _walk_biff(stream: bytes, name: str) -> None:
    """The farthest cell of each sheet and the declared count of shared strings."""
    position, end, sheet = 0, len(stream), 0
    rows = cols = 0
    while position + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, position)
        body = position + 4
        if kind in _CELL_RECORDS and length >= 4:
            row, col = struct.unpack_from("<HH", stream, body)
            rows, cols = max(rows, row + 1), max(cols, col + 1)
        elif kind == _MULRK and length >= 6:
            row = struct.unpack_from("<H", stream, body)[0]
            last = struct.unpack_from("<H", stream, body + length - 2)[0]
            rows, cols = max(rows, row + 1), max(cols, last + 1)
        elif kind == _SST and length >= 8:
            unique = struct.unpack_from("<I", stream, body + 4)[0]
            if unique > MAX_STRINGS:
                raise _refuse(name, f"menyatakan {format_thousands(unique)} teks berbeda")
        elif kind == _BOF:
            sheet, rows, cols = sheet + 1, 0, 0
        elif kind == _EOF and rows * cols > MAX_CELLS:
            raise InputFileError(too_large(name, None, (rows, cols)))
        position = body + length
    if rows * cols > MAX_CELLS:
        raise InputFileError(too_large(name, None, (rows, cols)))


# ---------------------------------------------------------------- the extent of an .xlsx sheet

_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet\b")
_CHUNK = 1 << 20


@functools.cache
def _cell_patterns(prefix: bytes) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """For a sheet whose elements carry `prefix` (`x:` from some writers, usually none): a
    cell holding a value with its reference first, as every writer we know puts it (a
    self-closing <c r="B2" s="1"/> is only formatting: calamine leaves it out too); a
    cell whose formula failed, with the error shown; and a cell whose reference is not its
    first attribute, or that has none (placed by counting along its row), which the quick
    scan cannot place."""
    c = re.escape(prefix + b"c")
    value = re.compile(rb'<' + c + rb' r="([A-Z]{1,3})([0-9]{1,7})"[^>/]*>')
    error = re.compile(rb'<' + c + rb' r="([A-Z]{1,3})([0-9]{1,7})"[^>/]*\bt="e"[^>/]*>'
                       rb'(?:(?!</' + c + rb'>).)*?<' + re.escape(prefix + b"v") + rb'>([^<]*)<',
                       re.DOTALL)
    other = re.compile(rb'<' + c + rb'(?:>|/>|\s+(?!r="[A-Z]))')
    not_c = rb'(?:(?!</' + c + rb'>).)*?'
    formula = re.compile(rb'<' + c + rb' r="([A-Z]{1,3})([0-9]{1,7})"[^>/]*>(' + not_c + rb'<'
                         + re.escape(prefix + b"f") + rb'[\s>/]' + not_c + rb')</' + c + rb'>',
                         re.DOTALL)
    return value, error, other, formula


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The archive member holding the worksheet named `sheet`."""
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return None
    rel_id = next((e.get(_NS_REL) for e in book.iter() if e.tag.endswith("}sheet")
                   and e.get("name") == sheet), None)
    target = next((e.get("Target") for e in rels.iter() if e.get("Id") == rel_id), None)
    if not target:
        return None
    target = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
    return posixpath.normpath(target)


def _recalculated_on_open(archive: zipfile.ZipFile) -> bool:
    """Whether the writer asked Excel to compute every formula on opening: a program that
    cannot compute (XlsxWriter, PhpSpreadsheet without calculation) writes 0 as every
    formula's value and sets this flag."""
    try:
        with archive.open("xl/workbook.xml") as stream:
            head = stream.read(1 << 20)
    except (KeyError, OSError, zipfile.BadZipFile):
        return False
    return re.search(rb'fullCalcOnLoad="(?:1|true)"', head) is not None


def _pending(pattern: re.Pattern, body: bytes, prefix: bytes,
             recalc: bool) -> dict[tuple[int, int], FormulaError]:
    """The formula cells of `body` whose value was never computed: no value at all, or the
    writer's placeholder 0 in a workbook to be recalculated on opening."""
    found = {}
    value = re.compile(rb"<" + re.escape(prefix + b"v") + rb">([^<]*)<")
    text = re.compile(rb"<" + re.escape(prefix + b"f") + rb"[^>/]*>([^<]*)<")
    for m in pattern.finditer(body):
        v = value.search(m[3])
        if v is None or v[1].strip() == b"" or (recalc and v[1].strip() == b"0"):
            f = text.search(m[3])
            formula = html.unescape(f[1].decode("utf-8", "replace")) if f else ""
            found[int(m[2]) - 1, _column_number(m[1]) - 1] = FormulaPending(formula)
    return found


def check_xlsx_sheet(path: Path, sheet: str) -> dict[tuple[int, int], str]:
    """Before calamine lays the sheet out: refuse a sheet whose values reach so far that the
    grid would not fit in memory, and find the cells whose formula failed (0-based
    (row, column) -> `#REF!`), which calamine reads as blank, and those whose formula was
    never computed (-> FormulaPending)."""
    errors: dict[tuple[int, int], str] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_part(archive, sheet)
            if part is None or part not in archive.namelist():
                return errors  # calamine will say what is wrong with the file
            recalc = _recalculated_on_open(archive)
            rows, cols, odd = 0, 0, False
            with archive.open(part) as stream:
                tail = stream.read(4096)
                root = _ROOT.search(tail)
                prefix = (root[1] + b":") if root and root[1] else b""
                value_cell, error_cell, other_cell, formula_cell = _cell_patterns(prefix)
                formula_tag = b"<" + prefix + b"f"
                while True:
                    chunk = stream.read(_CHUNK)
                    data = tail + chunk
                    # Cut after the last whole row, so that no cell is split.
                    cut = data.rfind(b"row>") + 4 if chunk else len(data)
                    if cut < 4:
                        cut = data.rfind(b"<")
                    if cut <= 0 and chunk:
                        tail = data
                        continue
                    body, tail = data[:cut], data[cut:]
                    found = value_cell.findall(body)
                    if found:
                        rows = max(rows, max(map(int, {r for _, r in found})))
                        cols = max(cols, max(map(_column_number, {c for c, _ in found})))
                    if b't="e"' in body:
                        for m in error_cell.finditer(body):
                            errors[int(m[2]) - 1, _column_number(m[1]) - 1] = \
                                m[3].decode("utf-8", "replace").strip() or "#N/A"
                    if formula_tag in body:
                        errors.update(_pending(formula_cell, body, prefix, recalc))
                    odd = odd or other_cell.search(body) is not None
                    if not chunk:
                        break
            if odd:
                rows, cols = _slow_extent(archive, part)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, ElementTree.ParseError,
            RuntimeError):
        return errors  # calamine will say what is wrong with the file
    if rows * cols > MAX_CELLS:
        raise InputFileError(too_large(path.name, sheet, (rows, cols)))
    return errors


def _slow_extent(archive: zipfile.ZipFile, part: str) -> tuple[int, int]:
    """The extent of a sheet written with cells the quick scan cannot place, the way
    calamine places them (a cell without a reference follows the one before it)."""
    rows = cols = 0
    row = 0
    col = 0
    with archive.open(part) as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = element.tag.rsplit("}", 1)[-1]
            if event == "start" and tag == "row":
                row = int(element.get("r") or row + 1)
                col = 0
            elif event == "end" and tag == "c":
                ref = element.get("r")
                if ref:
                    m = re.fullmatch(r"([A-Z]{1,3})([0-9]+)", ref)
                    if m:
                        col, row = _column_number(m[1].encode()), int(m[2])
                else:
                    col += 1
                if any(child.tag.rsplit("}", 1)[-1] in ("v", "is") for child in element):
                    rows, cols = max(rows, row), max(cols, col)
                element.clear()
            elif event == "end" and tag == "row":
                element.clear()
    return rows, cols


def too_large(name: str, sheet: str | None, extent: tuple[int, int] | None) -> str:
    where = f"Lembar '{sheet}' di '{name}'" if sheet else f"Berkas '{name}'"
    if extent:
        rows, cols = extent
        reach = (f" berisi nilai sampai sel {column_letter(cols - 1)}{rows} "
                 f"({format_thousands(rows)} baris x {format_thousands(cols)} kolom)")
    else:
        reach = " terlalu besar"
    return (f"{where}{reach}; paling banyak {format_thousands(MAX_CELLS)} sel yang dapat "
            "dibaca. Biasanya ada isian tersasar jauh di bawah atau di kanan data: hapus baris "
            "dan kolom kosong sesudah data (atau salin datanya ke lembar baru), simpan, lalu "
            "impor lagi.")
