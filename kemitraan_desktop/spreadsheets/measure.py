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

_BINARY = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".emf", ".wmf", ".tif", ".tiff", ".bin")
_SI = re.compile(rb"<(?:[\w.-]+:)?si[\s>/]")
_SST_COUNT = re.compile(rb"""\b(?:count|uniqueCount)\s*=\s*["']\s*\+?(\d+)""")


def _measure_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            parts = [(info, *_part_limit(info)) for info in archive.infolist()]
            for info, _shared, limit in parts:
                if info.file_size > limit:
                    raise _refuse(path.name, f"berisi bagian '{info.filename}' sebesar "
                                  f"{_mb(info.file_size)} bila dibuka")
            total = sum(info.file_size for info, _shared, _limit in parts)
            if len(parts) > MAX_PARTS or total > MAX_TOTAL_BYTES:
                raise _refuse(path.name, f"berisi {format_thousands(len(parts))} bagian "
                              f"sebesar {_mb(total)} bila dibuka")
            for info, shared, limit in parts:  # every part: calamine follows relations, not names
                name = info.filename
                strings = _scan_part(archive, info, path.name, limit, shared)
                if strings > MAX_STRINGS:
                    raise _refuse(path.name, f"berisi lebih dari {format_thousands(MAX_STRINGS)} "
                                  "teks berbeda")
                if name.lower() == "content.xml":
                    _measure_ods(archive, info, path.name)
    except zipfile.BadZipFile as exc:
        raise InputFileError(f"Berkas '{path.name}' rusak atau terpotong (isinya tidak sesuai "
                             "dengan daftar isinya).", technical=repr(exc)) from exc
    except (OSError, EOFError, RuntimeError, ValueError) as exc:
        raise InputFileError(f"Berkas '{path.name}' rusak atau bukan lembar kerja yang dapat "
                             "dibaca.", technical=repr(exc)) from exc


def _part_limit(info: zipfile.ZipInfo) -> tuple[bool, int]:
    """(whether it is the shared strings, the most it may hold decompressed)."""
    shared = posixpath.basename(info.filename).lower().startswith("sharedstrings")
    return shared, MAX_SHARED_BYTES if shared else MAX_PART_BYTES


def _mb(size: int) -> str:
    return f"{format_thousands(size // (1024 * 1024))} MB"


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limit: int,
               shared: bool) -> int:
    """Decompress one part in chunks (never whole): refuse it past `limit` bytes (the
    header may understate its size) or, when it is XML (a picture is not), with text
    longer than MAX_RUN. For the shared strings: how many strings it holds, or declares
    in its `count`/`uniqueCount` (calamine reserves room for the declared number)."""
    seen = run = declared = counted = 0
    xml = None
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            if xml is None:
                xml = chunk.lstrip()[:1] == b"<" or not name.lower().endswith(_BINARY)
                if shared and (head := re.search(rb"<(?:[\w.-]+:)?sst\b[^>]*>", chunk[:65536])):
                    declared = max([int(n) for n in _SST_COUNT.findall(head[0])] or [0])
                    if declared > MAX_STRINGS:
                        return declared
            seen += len(chunk)
            if seen > limit:
                raise _refuse(name, f"berisi bagian '{info.filename}' lebih dari {_mb(limit)} "
                              "bila dibuka")
            if not xml:
                continue
            last = chunk.rfind(b"<")
            run = run + len(chunk) if last < 0 else len(chunk) - last - 1
            if run > MAX_RUN:
                raise _refuse(name, f"berisi satu teks lebih dari {_mb(MAX_RUN)} di "
                              f"'{info.filename}'")
            if shared:
                counted += len(_SI.findall(chunk))
                if counted > MAX_STRINGS:
                    return counted
    return max(declared, counted)


_ODS_TAGS = re.compile(rb'<(?:[\w.-]+:)?table\s([^>]*)>'
                       rb'|<(?:[\w.-]+:)?table-row\b([^>]*?)(/?)>|</(?:[\w.-]+:)?table-row\s*>')
# The same with the prefix every writer uses ("table:"): found by its literal start, 2x faster.
_ODS_TAGS_USUAL = re.compile(rb'<table:table\s([^>]*)>'
                             rb'|<table:table-row\b([^>]*?)(/?)>|</table:table-row\s*>')
_ODS_CELL = re.compile(rb"<(?:[\w.-]+:)?(?:covered-)?table-cell\b([^>]*?)(/?)>")
_ODS_NAME = re.compile(rb"""(?:^|\s)(?:[\w.-]+:)?name\s*=\s*(["'])(.*?)\1""", re.S)
_ODS_END = re.compile(rb"</(?:[\w.-]+:)?table-row\s*>")
_ODS_FILLED = re.compile(rb"value|formula|<(?:[\w.-]+:)?p\b")
MAX_ODS_ROW = 64 * 1024 * 1024


def _repeat(attrs: bytes, name: bytes) -> int:
    """The largest count any attribute of that local name gives (whatever its prefix,
    quotes, spaces, sign or zeros): what calamine could lay out, never less."""
    if name not in attrs:
        return 1
    found = re.findall(rb"(?:^|\s)(?:[\w.-]+:)?" + name + rb"""\s*=\s*["']\s*\+?0*(\d{1,12})\s*["']""",
                       attrs)
    return max([1, *map(int, found)])


def _measure_ods(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """The extent calamine would lay out for each sheet of an .ods: a repeated row or cell
    counts as many times as it repeats when it holds a value (LibreOffice's trailing
    empty rows and cells, repeated a million times, hold none). Rows are found with one
    expression over the raw XML; cells are looked at only in rows that repeat some."""
    sheet, row, rows, cols, start, attrs = "", 0, 0, 0, 0, b""
    parts: list[bytes] = []
    size = 0
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            ends = list(_ODS_END.finditer(chunk)) if chunk else []
            if chunk and not ends:
                parts.append(chunk)
                size += len(chunk)
                if size > MAX_ODS_ROW:  # no row ends within 64 MB: no roster is like that
                    raise _refuse(name, f"berisi lebih dari {_mb(MAX_ODS_ROW)} tanpa akhir baris")
                continue
            cut = ends[-1].end() if chunk else len(chunk)
            body = b"".join([*parts, chunk[:cut]])
            parts, size = [chunk[cut:]], len(chunk) - cut
            # another prefix (or none) in this part: the general expression
            usual = body.count(b"table-row") == body.count(b"<table:table-row") + \
                body.count(b"</table:table-row")
            for m in (_ODS_TAGS_USUAL if usual else _ODS_TAGS).finditer(body):
                if m[1] is not None:
                    found = _ODS_NAME.search(m[1])
                    sheet = found[2].decode("utf-8", "replace") if found else ""
                    row, rows, cols = 0, 0, 0
                elif m[2] is not None:
                    if m[3]:  # an empty row, closed at once
                        row += _repeat(m[2], b"number-rows-repeated")
                    else:
                        start, attrs = m.end(), m[2]
                else:
                    inner = body[start:m.start()]
                    repeat = _repeat(attrs, b"number-rows-repeated")
                    if _ODS_FILLED.search(inner) or _ods_open_cell(inner):
                        rows, cols = row + repeat, max(cols, _ods_width(inner))
                        if rows * max(cols, 1) > MAX_CELLS:
                            raise InputFileError(too_large(name, sheet, (rows, max(cols, 1))))
                    row += repeat
            if not chunk:
                break


def _ods_open_cell(inner: bytes) -> bool:
    return any(not cell[2] for cell in _ODS_CELL.finditer(inner))


def _ods_width(inner: bytes) -> int:
    """How far a row's cells holding a value reach (repeated cells counted out)."""
    if b"repeated" not in inner:
        if b"<table:" in inner:  # the usual prefix: counted without an expression
            return inner.count(b"<table:table-cell") + inner.count(b"<table:covered-table-cell")
        return len(_ODS_CELL.findall(inner))
    column = width = 0
    for cell in _ODS_CELL.finditer(inner):
        column += _repeat(cell[1], b"number-columns-repeated")
        if not cell[2] or _ODS_FILLED.search(cell[1]):
            width = column
    return width


# ---------------------------------------------------------------- .xls (BIFF8 in OLE2)

# formula, text (three kinds), numbers, booleans/errors
_CELL_RECORDS = {0x0006, 0x00FD, 0x0203, 0x027E, 0x0204, 0x00D6, 0x0205}
_MULRK, _SST, _BOF, _EOF, _DIMENSIONS, _BOUNDSHEET = 0x00BD, 0x00FC, 0x0809, 0x000A, 0x0200, 0x0085


def _measure_xls(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_XLS_BYTES:
        raise _refuse(path.name, f"berukuran {_mb(size)} (berkas .xls lama paling besar "
                      f"{_mb(MAX_XLS_BYTES)})")
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        try:
            stream = _cfb_stream(data, ("Workbook", "Book"))
            if stream is not None:
                _walk_biff(stream, path.name)
        except (struct.error, IndexError, ValueError) as exc:  # never read unmeasured
            raise InputFileError(f"Berkas '{path.name}' rusak atau bukan lembar kerja .xls yang "
                                 "dapat dibaca.", technical=repr(exc)) from exc


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
        # the name up to its first NUL, whatever the length field says (as calamine reads it)
        name = entry[:64].decode("utf-16-le", "replace").split("\x00", 1)[0]
        kind = entry[0x42]
        start, length = struct.unpack_from("<II", entry, 0x74)
        if kind == 5:
            root_start, root_size = start, length
        elif name in names and wanted is None:
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
    """The globals (the declared count of shared strings, where each sheet starts), then
    each sheet from where the globals say it starts, as calamine reads them: its
    farthest cell and its declared dimensions."""
    starts = _walk_records(stream, 0, name)
    for start in starts:
        _walk_records(stream, start, name)


def _walk_records(stream: bytes, position: int, name: str) -> list[int]:
    """Records from `position` to the end of their substream (EOF); returns the sheet
    offsets a BOUNDSHEET record gives (in the globals)."""
    end, rows, cols, starts, first = len(stream), 0, 0, [], True
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
        elif kind == _DIMENSIONS and length >= 10:  # calamine reserves room for these
            if length >= 14:
                rows = max(rows, struct.unpack_from("<I", stream, body + 4)[0])
                cols = max(cols, struct.unpack_from("<H", stream, body + 10)[0])
            else:
                rows = max(rows, struct.unpack_from("<H", stream, body + 2)[0])
                cols = max(cols, struct.unpack_from("<H", stream, body + 6)[0])
        elif kind == _SST and length >= 8:
            unique = struct.unpack_from("<I", stream, body + 4)[0]
            if unique > MAX_STRINGS:
                raise _refuse(name, f"menyatakan {format_thousands(unique)} teks berbeda")
        elif kind == _BOUNDSHEET and length >= 4:
            starts.append(struct.unpack_from("<I", stream, body)[0])
        elif kind == _BOF and not first:
            rows = cols = 0
        if rows * cols > MAX_CELLS:
            raise InputFileError(too_large(name, None, (rows, cols)))
        if kind == _EOF:
            break
        first = False
        position = body + length
    return [s for s in starts if 0 <= s < end]


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
    value = re.compile(rb'<' + c + rb' r="([A-Za-z]{1,3})([0-9]{1,7})"[^>/]*>')
    error = re.compile(rb'<' + c + rb' r="([A-Za-z]{1,3})([0-9]{1,7})"[^>/]*\bt="e"[^>/]*>'
                       rb'(?:(?!</' + c + rb'>).)*?<' + re.escape(prefix + b"v") + rb'>([^<]*)<',
                       re.DOTALL)
    other = re.compile(rb'<' + c + rb'(?:>|/>|\s+(?!r="[A-Za-z]))')
    not_c = rb'(?:(?!</' + c + rb'>).)*?'
    formula = re.compile(rb'<' + c + rb' r="([A-Za-z]{1,3})([0-9]{1,7})"[^>/]*>(' + not_c + rb'<'
                         + re.escape(prefix + b"f") + rb'[\s>/]' + not_c + rb')</' + c + rb'>',
                         re.DOTALL)
    return value, error, other, formula


def column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _member(archive: zipfile.ZipFile, name: str) -> str | None:
    """An archive member by name, as calamine finds it: whatever the letter case."""
    wanted = posixpath.normpath(name.lstrip("/")).lower()
    return next((n for n in archive.namelist() if n.lower() == wanted), None)


def _target(base: str, target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)


def _workbook_part(archive: zipfile.ZipFile) -> str | None:
    """The workbook part, through the package's own relations (_rels/.rels)."""
    rels = _member(archive, "_rels/.rels")
    if rels is not None:
        for element in ElementTree.fromstring(archive.read(rels)).iter():
            if (element.get("Type") or "").endswith("/officeDocument") and element.get("Target"):
                found = _member(archive, _target("", element.get("Target")))
                if found:
                    return found
    return _member(archive, "xl/workbook.xml")


def sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The archive member holding the worksheet named `sheet`, found as calamine finds it."""
    book_part = _workbook_part(archive)
    if book_part is None:
        return None
    folder, name = posixpath.split(book_part)
    rels_part = _member(archive, posixpath.join(folder, "_rels", name + ".rels"))
    if rels_part is None:
        return None
    book = ElementTree.fromstring(archive.read(book_part))
    rels = ElementTree.fromstring(archive.read(rels_part))
    rel_id = next((e.get(_NS_REL) for e in book.iter() if e.tag.endswith("}sheet")
                   and e.get("name") == sheet), None)
    target = next((e.get("Target") for e in rels.iter() if e.get("Id") == rel_id), None)
    return _member(archive, _target(folder, target)) if target else None


def _recalculated_on_open(archive: zipfile.ZipFile) -> bool:
    """Whether the writer asked Excel to compute every formula on opening: a program that
    cannot compute (XlsxWriter, PhpSpreadsheet without calculation) writes 0 as every
    formula's value and sets this flag."""
    try:
        part = _workbook_part(archive)
        if part is None:
            return False
        with archive.open(part) as stream:
            head = stream.read(1 << 20)
    except (KeyError, OSError, zipfile.BadZipFile, ElementTree.ParseError):
        return False
    return re.search(rb'fullCalcOnLoad="(?:1|true)"', head) is not None


def _pending(pattern: re.Pattern, body: bytes, prefix: bytes,
             recalc: bool) -> dict[tuple[int, int], FormulaError]:
    """The formula cells of `body` whose value was never computed: no value at all, or the
    writer's placeholder 0 in a workbook to be recalculated on opening."""
    found = {}
    value = re.compile(rb"<" + re.escape(prefix + b"v") + rb"(?:\s*/>|>([^<]*)<)")
    text = re.compile(rb"<" + re.escape(prefix + b"f") + rb"[^>/]*>([^<]*)<")
    for m in pattern.finditer(body):
        v = value.search(m[3])
        typed_text = re.search(rb'\bt="str"', m[0][:m[0].find(b">")]) is not None
        written = (v[1] or b"").strip() if v is not None else None
        # Excel's own "" result (=IF(...;"";...)) is a text formula with an empty value.
        if v is None or (written == b"" and not typed_text) or (recalc and written == b"0"):
            f = text.search(m[3])
            formula = html.unescape(f[1].decode("utf-8", "replace")) if f else ""
            found[int(m[2]) - 1, column_number(m[1]) - 1] = FormulaPending(formula)
    return found


def check_xlsx_sheet(path: Path, sheet: str) -> dict[tuple[int, int], str]:
    """Before calamine lays the sheet out: refuse a sheet whose values reach so far that the
    grid would not fit in memory, and find the cells whose formula failed (0-based
    (row, column) -> `#REF!`), which calamine reads as blank, and those whose formula was
    never computed (-> FormulaPending)."""
    errors: dict[tuple[int, int], str] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            part = sheet_part(archive, sheet)
            if part is None:  # never read unmeasured
                raise InputFileError(f"Lembar '{sheet}' di '{path.name}' tidak dapat ditemukan di "
                                     "dalam berkasnya; berkas ini rusak. Simpan ulang dari Excel.")
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
                        cols = max(cols, max(map(column_number, {c for c, _ in found})))
                    if b't="e"' in body:
                        for m in error_cell.finditer(body):
                            errors[int(m[2]) - 1, column_number(m[1]) - 1] = \
                                m[3].decode("utf-8", "replace").strip() or "#N/A"
                    if formula_tag in body:
                        errors.update(_pending(formula_cell, body, prefix, recalc))
                    odd = odd or other_cell.search(body) is not None
                    if not chunk:
                        break
            if odd:
                rows, cols = _slow_extent(archive, part)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, ElementTree.ParseError,
            RuntimeError) as exc:  # never read unmeasured
        raise InputFileError(f"Lembar '{sheet}' di '{path.name}' rusak dan tidak dapat dibaca.",
                             technical=repr(exc)) from exc
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
                        col, row = column_number(m[1].encode()), int(m[2])
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
