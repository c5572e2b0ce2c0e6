"""Measuring a workbook before python-calamine reads it. calamine lays out whatever a file
declares: every shared string at once, a dense grid from A1 to the farthest value, each
repeated .ods cell one by one. A small file can declare gigabytes (60 million shared
strings in 2.4 MB, one 1 GiB string in 1 MB, an 881-byte .ods repeating one cell 95
million times), so every reader measures, streaming and in bounded memory, before it
allocates; what is beyond any office's list is refused in Indonesian."""

from __future__ import annotations

import functools
import html
import operator
import posixpath
import re
import struct
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from ..errors import InputFileError
from ..indonesia import format_thousands
from .limits import (
    MAX_CELLS,
    MAX_MERGES,
    MAX_PART_BYTES,
    MAX_PARTS,
    MAX_RUN,
    MAX_SHARED_BYTES,
    MAX_STRINGS,
    MAX_TEXT,
    MAX_TOTAL_BYTES,
    column_letter,
    mb,
    refuse,
    too_large,
    too_many_merges,
)
from .xls_measure import measure_xls

__all__ = ["FormulaError", "FormulaPending", "check_xlsx_sheet", "column_letter",
           "column_number", "measure", "sheet_part", "too_large"]


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


def measure(path: Path) -> None:
    """Refuse, before calamine opens it, a workbook whose content would not fit in memory."""
    suffix = path.suffix.lower()
    with open(path, "rb") as handle:
        magic = handle.read(8)
    if magic.startswith(b"PK\x03\x04"):
        entries = zip_entries(path)
        if entries > MAX_PARTS:  # before zipfile reads a directory of millions
            raise refuse(path.name, f"berisi {format_thousands(entries)} bagian (paling "
                         f"banyak {format_thousands(MAX_PARTS)})")
        _measure_zip(path)
    elif magic == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" and suffix == ".xls":
        measure_xls(path)


# ---------------------------------------------------------------- .xlsx and .ods

_BINARY = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".emf", ".wmf", ".tif", ".tiff", ".bin")
_SI = re.compile(rb"<(?:[\w.-]+:)?si[\s>/]")
# An .ods run of spaces: <text:s text:c="1000"/>, whatever the prefixes.
_SPACES = re.compile(rb"""<(?:[\w.-]+:)?s\s[^>]*?(?:[\w.-]+:)?\bc\s*=\s*["']\s*\+?0*(\d{1,12})""")
_SST_COUNT = re.compile(rb"""\b(?:count|uniqueCount)\s*=\s*["']\s*\+?(\d+)""")


def zip_entries(path: Path) -> int:
    """How many entries the zip's End Of Central Directory record (or its Zip64 record)
    declares, read from the file's last 64 KB, before any directory is parsed; 0 when
    there is none (zipfile then refuses the file)."""
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - (1 << 16) - 22))
        tail = handle.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or at + 22 > len(tail):
            return 0
        disk_entries, total = struct.unpack_from("<HH", tail, at + 8)
        entries = max(disk_entries, total)
        locator = at - 20
        if locator >= 0 and tail[locator:locator + 4] == b"PK\x06\x07":
            offset = struct.unpack_from("<Q", tail, locator + 8)[0]
            if offset < size:
                handle.seek(offset)
                record = handle.read(56)
                if record[:4] == b"PK\x06\x06" and len(record) >= 40:
                    entries = max(entries, *struct.unpack_from("<QQ", record, 24))
        return entries


def _measure_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            parts = [(info, *_part_limit(info)) for info in archive.infolist()]
            for info, _shared, limit in parts:
                if info.file_size > limit:
                    raise refuse(path.name, f"berisi bagian '{info.filename}' sebesar "
                                  f"{mb(info.file_size)} bila dibuka")
            total = sum(info.file_size for info, _shared, _limit in parts)
            if len(parts) > MAX_PARTS or total > MAX_TOTAL_BYTES:
                raise refuse(path.name, f"berisi {format_thousands(len(parts))} bagian "
                              f"sebesar {mb(total)} bila dibuka")
            for info, shared, limit in parts:  # every part: calamine follows relations, not names
                name = info.filename
                strings = _scan_part(archive, info, path.name, limit, shared)
                if strings > MAX_STRINGS:
                    raise refuse(path.name, f"berisi lebih dari {format_thousands(MAX_STRINGS)} "
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



def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limit: int,
               shared: bool) -> int:
    """Decompress one part in chunks (never whole): refuse it past `limit` bytes (the
    header may understate its size) or, when it is XML (a picture is not), with text
    longer than MAX_RUN, written out or declared (an .ods writes a run of spaces as
    `<text:s text:c="N"/>`). For the shared strings: how many strings it holds, or declares
    in its `count`/`uniqueCount` (calamine reserves room for the declared number)."""
    seen = run = declared = counted = spaces = si_at = 0
    xml = None
    carry = b""
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            if xml is None:
                xml = chunk.lstrip()[:1] == b"<" or not info.filename.lower().endswith(_BINARY)
                if shared and (head := re.search(rb"<(?:[\w.-]+:)?sst\b[^>]*>", chunk[:65536])):
                    declared = max([int(n) for n in _SST_COUNT.findall(head[0])] or [0])
                    if declared > MAX_STRINGS:
                        return declared
            seen += len(chunk)
            if seen > limit:
                raise refuse(name, f"berisi bagian '{info.filename}' lebih dari {mb(limit)} "
                             "bila dibuka")
            if not xml:
                continue
            last = chunk.rfind(b"<")
            run = run + len(chunk) if last < 0 else len(chunk) - last - 1
            if run > MAX_RUN:
                raise refuse(name, f"berisi satu teks lebih dari {mb(MAX_RUN)} di "
                             f"'{info.filename}'")
            data, carry = carry + chunk, b""
            if b"c=" in data or b"c =" in data:  # the tag may end in the next chunk
                cut = data.rfind(b"<")
                data, carry = data[:cut], data[cut:cut + 4096]
                for count in map(int, _SPACES.findall(data)):
                    spaces += count
                    if count > MAX_TEXT or spaces > MAX_RUN:
                        raise refuse(name, f"menyatakan {format_thousands(count)} spasi "
                                     f"berturut-turut di '{info.filename}' (Excel sendiri "
                                     f"hanya menampung {format_thousands(MAX_TEXT)} karakter "
                                     "per sel)")
            if shared:
                found = list(_SI.finditer(chunk))
                counted += len(found)
                if counted > MAX_STRINGS:
                    return counted
                if found:
                    si_at = seen - len(chunk) + found[-1].start()
                if seen - si_at > MAX_RUN:  # one shared string, however many runs
                    raise refuse(name, f"berisi satu teks lebih dari {mb(MAX_RUN)} di "
                                 f"'{info.filename}'")
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
                    raise refuse(name, f"berisi lebih dari {mb(MAX_ODS_ROW)} tanpa akhir baris")
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


# ---------------------------------------------------------------- the extent of an .xlsx sheet

_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet\b")
_CHUNK = 1 << 20
_FIRST, _SECOND = operator.itemgetter(0), operator.itemgetter(1)


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
                merge_tag, merges = b"<" + prefix + b"mergeCell", 0
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
                    if found:  # distinct values first, gathered in C
                        rows = max(rows, max(map(int, set(map(_SECOND, found)))))
                        cols = max(cols, max(map(column_number, set(map(_FIRST, found)))))
                        if rows * cols > MAX_CELLS:  # refused now, not after the rest
                            raise InputFileError(too_large(path.name, sheet, (rows, cols)))
                    if b't="e"' in body:
                        for m in error_cell.finditer(body):
                            errors[int(m[2]) - 1, column_number(m[1]) - 1] = \
                                m[3].decode("utf-8", "replace").strip() or "#N/A"
                    if formula_tag in body:
                        errors.update(_pending(formula_cell, body, prefix, recalc))
                    odd = odd or other_cell.search(body) is not None
                    if merge_tag in body:
                        merges += body.count(merge_tag) - body.count(merge_tag + b"s")
                        if merges > MAX_MERGES:
                            raise InputFileError(too_many_merges(path.name, sheet, merges))
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
