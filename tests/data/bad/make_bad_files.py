"""The hostile and broken files in tests/data/bad/ (run once; the outputs are committed):
`python tests/data/bad/make_bad_files.py`.

Each content file comes in four shapes, one per importer, on the demo data the tests load
(the roster, the participants of a new program, the rundown and the attendance of the
demo's OJL 1, 9-16 September 2018), so that every importer meets it where it reads
deepest; the tests feed every file to every importer anyway.

The .xlsx files are written here by hand (`write_xlsx`), not by openpyxl, because openpyxl
cannot store what a formula last calculated (Excel does, and the importers read it) nor an
error cell. The files that are too large to commit (a million rows, a 10 MB cell) are
made by the tests at run time with `stream_xlsx`.
"""

from __future__ import annotations

import random
import struct
import sys
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]

# ---------------------------------------------------------------- a minimal .xlsx writer


@dataclass(frozen=True)
class Formula:
    """A formula with the value Excel last calculated for it."""
    formula: str
    cached: object


@dataclass(frozen=True)
class Uncomputed:
    """A formula written by a program that cannot compute it: XlsxWriter stores 0 as its
    value (with the workbook's recalculate-on-open flag), openpyxl stores none."""
    formula: str
    placeholder: str | None = "0"


@dataclass(frozen=True)
class Error:
    """A cell whose formula failed: Excel stores the error as its value."""
    code: str  # "#REF!", "#DIV/0!", ...
    formula: str = "#REF!+1"


@dataclass
class SheetSpec:
    name: str
    rows: list[list]
    state: str = "visible"  # or "hidden", "veryHidden"
    merges: tuple[str, ...] = ()


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _text(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def cell_xml(ref: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, Uncomputed):
        formula = _text(value.formula.removeprefix("="))
        if value.placeholder is None:
            return f'<c r="{ref}"><f>{formula}</f><v></v></c>'
        return f'<c r="{ref}"><f>{formula}</f><v>{value.placeholder}</v></c>'
    if isinstance(value, Error):
        return f'<c r="{ref}" t="e"><f>{_text(value.formula)}</f><v>{_text(value.code)}</v></c>'
    if isinstance(value, Formula):
        formula = _text(value.formula.removeprefix("="))
        if isinstance(value.cached, str):
            return f'<c r="{ref}" t="str"><f>{formula}</f><v>{_text(value.cached)}</v></c>'
        return f'<c r="{ref}"><f>{formula}</f><v>{value.cached!r}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{_text(str(value))}</t></is></c>'


def row_xml(number: int, values: Iterable) -> str:
    cells = "".join(cell_xml(f"{column_letter(i)}{number}", v) for i, v in enumerate(values))
    return f'<row r="{number}">{cells}</row>'


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_BOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def _package(archive: zipfile.ZipFile, names: list[tuple[str, str]], recalc: bool = False,
             shared: bool = False) -> None:
    """Everything but the sheets: (name, state) of each sheet. `recalc` sets the flag a
    program that cannot compute formulas sets (XlsxWriter, PhpSpreadsheet): Excel is to
    compute them all on opening, the values stored are placeholders. `shared` declares
    xl/sharedStrings.xml (written by the caller)."""
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>'
                        for i in range(1, len(names) + 1))
    archive.writestr("[Content_Types].xml", (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_BOOK_TYPE}"/>{overrides}</Types>'))
    archive.writestr("_rels/.rels", (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{_PKG}">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
    sheets = "".join(
        f'<sheet name="{_text(name)}" sheetId="{i}"{"" if state == "visible" else f" state={chr(34)}{state}{chr(34)}"}'
        f' r:id="rId{i}"/>' for i, (name, state) in enumerate(names, start=1))
    calc = '<calcPr calcId="124519" fullCalcOnLoad="1"/>' if recalc else ""
    archive.writestr("xl/workbook.xml", (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{_MAIN}" '
        f'xmlns:r="{_REL}"><sheets>{sheets}</sheets>{calc}</workbook>'))
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(names) + 1))
    if shared:
        rels += ('<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/'
                 '2006/relationships/sharedStrings" Target="sharedStrings.xml"/>')
    archive.writestr("xl/_rels/workbook.xml.rels", (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{_PKG}">'
        f'{rels}</Relationships>'))


def _sheet_head() -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{_MAIN}" '
            f'xmlns:r="{_REL}"><sheetData>')


def write_xlsx(path: Path, sheets: list[SheetSpec], recalc: bool = False) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        _package(archive, [(s.name, s.state) for s in sheets], recalc)
        for index, sheet in enumerate(sheets, start=1):
            rows = "".join(row_xml(n, values) for n, values in enumerate(sheet.rows, start=1))
            merges = ""
            if sheet.merges:
                merges = (f'<mergeCells count="{len(sheet.merges)}">'
                          + "".join(f'<mergeCell ref="{m}"/>' for m in sheet.merges) + "</mergeCells>")
            archive.writestr(f"xl/worksheets/sheet{index}.xml",
                             f"{_sheet_head()}{rows}</sheetData>{merges}</worksheet>")
    return path


def stream_xlsx(path: Path, rows: Iterable[list], sheet: str = "Daftar") -> Path:
    """One sheet written row by row, in constant memory (a million rows in seconds)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        _package(archive, [(sheet, "visible")])
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(_sheet_head().encode())
            batch = []
            for number, values in enumerate(rows, start=1):
                batch.append(row_xml(number, values))
                if len(batch) == 10_000:
                    out.write("".join(batch).encode())
                    batch = []
            out.write(("".join(batch) + "</sheetData></worksheet>").encode())
    return path


def write_csv(path: Path, rows: list[list], delimiter: str = ";") -> Path:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(
        [["" if v is None else v for v in row] for row in rows])
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))  # as Excel saves "CSV UTF-8"
    return path


# ---------------------------------------------------------------- decompression bombs

def shared_strings_bomb(path: Path, count: int = 60_000_000) -> Path:
    """A header row whose workbook declares `count` tiny shared strings: 60 million of
    them make a 2.4 MB file that calamine would hold as 60 million strings."""
    def strings(out):
        out.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{_MAIN}" '
                  f'count="{count}" uniqueCount="{count}"><si><t>Nama</t></si><si><t>NUPTK</t>'
                  '</si>'.encode())
        block = b"<si><t>a</t></si>" * 100_000
        for _ in range((count - 2) // 100_000):
            out.write(block)
        out.write(b"<si><t>a</t></si>" * ((count - 2) % 100_000) + b"</sst>")
    return _with_shared_strings(path, strings)


def long_string_bomb(path: Path, size: int = 1 << 30) -> Path:
    """One shared string of `size` letters (1 GiB in a 1 MB file)."""
    def strings(out):
        out.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{_MAIN}" '
                  'count="2" uniqueCount="2"><si><t>Nama</t></si><si><t>'.encode())
        block = b"a" * (1 << 20)
        for _ in range(size >> 20):
            out.write(block)
        out.write(b"</t></si></sst>")
    return _with_shared_strings(path, strings)


def _with_shared_strings(path: Path, write) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        _package(archive, [("Daftar", "visible")], shared=True)
        archive.writestr("xl/worksheets/sheet1.xml", (
            f'{_sheet_head()}<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
            '</row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>1</v></c></row>'
            '</sheetData></worksheet>'))
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
            write(out)
    return path


def ods_repeat_bomb(path: Path, rows: int = 9_500, columns: int = 10_000) -> Path:
    """Under 1 KB: one row repeated `rows` times holding one cell repeated `columns` times
    (95 million cells for calamine to lay out)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Daftar"><table:table-row>'
        '<table:table-cell office:value-type="string"><text:p>Nama</text:p></table:table-cell>'
        '<table:table-cell office:value-type="string"><text:p>NUPTK</text:p></table:table-cell>'
        f'</table:table-row><table:table-row table:number-rows-repeated="{rows}">'
        f'<table:table-cell table:number-columns-repeated="{columns}" office:value-type="string">'
        '<text:p>Rina</text:p></table:table-cell></table:table-row></table:table>'
        '</office:spreadsheet></office:body></office:document-content>')
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:'
        'names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
        'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


def patched_xls(source: Path, path: Path, *, far: bool = False, strings: int | None = None) -> Path:
    """A LibreOffice .xls with one text cell moved to IV65536, the last cell of an .xls
    (calamine lays out 16.7 million cells for it), or with its string table declaring
    `strings` entries: the Workbook stream is walked through its sector chain and the
    record patched in place."""
    data = bytearray(source.read_bytes())
    size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    fat_count, dir_start = struct.unpack_from("<II", data, 0x2C)
    fat: list[int] = []
    for sector in struct.unpack_from("<109I", data, 0x4C)[:fat_count]:
        fat += struct.unpack_from(f"<{size // 4}I", data, (sector + 1) * size)

    def chain(sector: int) -> list[int]:
        found = []
        while sector < len(fat) and len(found) < len(fat):
            found.append(sector)
            sector = fat[sector]
        return found

    directory = b"".join(bytes(data[(s + 1) * size:(s + 2) * size]) for s in chain(dir_start))
    for offset in range(0, len(directory), 128):
        entry = directory[offset:offset + 128]
        length = struct.unpack_from("<H", entry, 0x40)[0]
        if entry[:length - 2].decode("utf-16-le", "replace") == "Workbook":
            start, stream_size = struct.unpack_from("<II", entry, 0x74)
    sectors = chain(start)

    def at(position: int) -> int:
        return (sectors[position // size] + 1) * size + position % size

    stream = b"".join(bytes(data[(s + 1) * size:(s + 2) * size]) for s in sectors)[:stream_size]
    position, moved = 0, False
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        if far and kind == 0x00FD and not moved:  # LABELSST: row, column first
            struct.pack_into("<H", data, at(position + 4), 0xFFFF)
            struct.pack_into("<H", data, at(position + 6), 0x00FF)
            moved = True
        if strings is not None and kind == 0x00FC:  # SST: total, then unique strings
            struct.pack_into("<I", data, at(position + 8), strings)
        position += 4 + length
    path.write_bytes(bytes(data))
    return path


# ---------------------------------------------------------------- an encrypted workbook

def _cfb(streams: dict[str, bytes]) -> bytes:
    """A Compound File (the OLE container Excel wraps an encrypted .xlsx in): version 3,
    512-byte sectors, each stream at least 4,096 bytes so none goes in the mini stream."""
    sector = 512
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    body, chains, starts = b"", [], {}
    for name, data in streams.items():
        assert len(data) >= 4096, name
        data += b"\0" * (-len(data) % sector)
        starts[name] = len(body) // sector
        count = len(data) // sector
        chains += [starts[name] + i + 1 for i in range(count - 1)] + [end]
        body += data
    names = list(streams)
    directory_sector = len(body) // sector
    entries = [("Root Entry", 5, end, 0, 1 if names else free)]
    entries += [(name, 2, starts[name], len(streams[name]), free) for name in names]

    def entry(name, kind, start, size, child, left=free, right=free):
        encoded = (name.encode("utf-16-le") + b"\0\0")
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", left, right, child) + b"\0" * 16 + struct.pack("<I", 0)
                + b"\0" * 16 + struct.pack("<IIi", start, size, 0))

    raw = b""
    for index, (name, kind, start, size, child) in enumerate(entries):
        right = index + 1 if 0 < index < len(entries) - 1 else free  # a chain, not a tree
        raw += entry(name, kind, start, size, child, right=right)
    while len(raw) % sector:  # unused entries: no name, no siblings, no child
        raw += entry("", 0, 0, 0, free)[:64] + struct.pack("<HBB", 0, 0, 0) + \
            entry("", 0, 0, 0, free)[68:]
    directory_sectors = len(raw) // sector
    chains += [directory_sector + i + 1 for i in range(directory_sectors - 1)] + [end]
    body += raw
    fat_at = len(body) // sector
    chains.append(fat_sector)
    assert len(chains) <= sector // 4
    fat = b"".join(struct.pack("<I", v) for v in chains).ljust(sector, b"\xff")
    body += fat
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, directory_sector, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", fat_at) + b"\xff" * (436 - 4))
    assert len(header) == sector
    return header + body


def encrypted_xlsx() -> bytes:
    """What Excel writes for File > Protect Workbook > Encrypt with Password: agile
    encryption (EncryptionInfo 4.4, an XML descriptor) and the encrypted package."""
    rng = random.Random(44)
    descriptor = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" '
        'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
        '<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
        'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="ZmFrZXNhbHRmYWtlc2FsdA=="/>'
        '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
        '<p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
        'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" '
        'saltValue="c2FsdHNhbHRzYWx0c2FsdA=="/></keyEncryptor></keyEncryptors></encryption>')
    info = struct.pack("<HHI", 4, 4, 0x40) + descriptor.encode()
    info = info.ljust(4096, b" ")
    package = struct.pack("<Q", 8192) + rng.randbytes(8192)
    return _cfb({"EncryptionInfo": info, "EncryptedPackage": package})


# ---------------------------------------------------------------- the demo data the shapes use

def _demo():
    sys.path.insert(0, str(ROOT))
    from kemitraan_desktop import demo

    roster = demo.demo_people()
    hosts = roster[:8]
    visitors = [roster[8 + i * 11] for i in range(16)]
    return hosts, visitors


ROSTER_HEADER = ["Nama", "NUPTK", "NIP", "L/P", "Asal Sekolah", "Kab/Kota", "Mata Pelajaran",
                 "Nilai UKG"]
PARTICIPANTS_HEADER = ["Nama", "NUPTK", "Peran", "Mata Pelajaran", "NUPTK Pembimbing"]
RUNDOWN_HEADER = ["Tanggal", "Mulai", "Selesai", "Kegiatan", "Tempat", "Penanggung Jawab", "JP",
                  "Daftar Hadir"]
ATTENDANCE_HEADER = ["Nama", "NUPTK", "Tanggal", "Status", "Catatan"]

MARKUP = ['Siti "Ami" <Aminah> & Co\'', "Budi <b>Santoso</b> &amp; Rekan",
          "O'Neil \"Bu Guru\" <script>alert(1)</script>"]
RTL_EMOJI = ["محمد عبد الله", "Dewi 😀 Lestari", "Ahmad الفاتح 🇮🇩", "👩\u200d🏫 Rina Marlina"]


def roster_rows(names: list[str], start: int = 1) -> list[list]:
    """New people (numbers the demo does not use) with the given names."""
    schools = ["SMP Negeri 1 Pekalongan", "SMP Negeri 2 Pekalongan", "SMP Negeri 1 Pati"]
    regions = ["Kota Pekalongan", "Kota Pekalongan", "Kabupaten Pati"]
    return [[name, f"90000000000000{start + i:02d}", None, "P" if i % 2 else "L", schools[i % 3],
             regions[i % 3], "IPA", 80 + i] for i, name in enumerate(names)]


def participants_rows(extras: list[str]) -> list[list]:
    """Two inti and their mitra, the Nama column the roster's name with `extras` added
    (sharing its words, so that the name check passes)."""
    hosts, visitors = _demo()
    inti, inti2 = hosts[0], hosts[2]
    mitra = next(v for v in visitors if v["subject"] == inti["subject"])
    mitra2 = next(v for v in visitors if v["subject"] == inti2["subject"])
    people = [(inti, "Inti", None), (mitra, "Mitra", inti), (inti2, "Inti", None),
              (mitra2, "Mitra", inti2)]
    return [[f"{p['full_name']} {extras[i % len(extras)]}", p["nuptk"], tier, p["subject"],
             mentor["nuptk"] if mentor else None] for i, (p, tier, mentor) in enumerate(people)]


def rundown_rows(texts: list[str]) -> list[list]:
    return [["09/09/2018", "10.00", "12.00", f"Pembukaan {texts[0]}", "Aula", texts[1 % len(texts)], 2, "Ya"],
            [None, "13.00", "15.00", f"Materi {texts[1 % len(texts)]}", texts[2 % len(texts)], "Panitia", 2, None],
            ["10/09/2018", "07.30", "09.00", f"Kunjungan {texts[-1]}", "SMP Negeri 1", texts[0], 2, "Ya"]]


def attendance_rows(notes: list[str]) -> list[list]:
    hosts, visitors = _demo()
    people = [hosts[0], hosts[1], visitors[0]]
    statuses = ["H", "Izin", "S"]
    return [[p["full_name"], p["nuptk"], "10/09/2018", statuses[i], notes[i % len(notes)]]
            for i, p in enumerate(people)]


SHAPES = {
    "daftar_guru": (ROSTER_HEADER, roster_rows),
    "peserta": (PARTICIPANTS_HEADER, participants_rows),
    "rundown": (RUNDOWN_HEADER, rundown_rows),
    "hadir": (ATTENDANCE_HEADER, attendance_rows),
}


def formula_rows(shape: str) -> list[list]:
    """Formulas whose last calculated values are good data: imported as those values."""
    header, make = SHAPES[shape]
    rows = make(["A", "B", "C"]) if shape != "daftar_guru" else make(["Rina Marlina", "Joko Susilo"])
    if shape == "daftar_guru":
        rows[0][0] = Formula('=CONCATENATE("Rina"," ","Marlina")', "Rina Marlina")
        rows[0][1] = Formula('=TEXT(9000000000000001,"0")', "9000000000000001")
        rows[1][7] = Formula("=80+5.5", 85.5)
    elif shape == "peserta":
        rows[1][2] = Formula('=IF(TRUE,"Mitra","Inti")', "Mitra")
        rows[1][4] = Formula("=B2", rows[0][1])
    elif shape == "rundown":
        rows[0][6] = Formula("=1+1", 2)
        rows[1][2] = Formula('=TEXT(TIME(15,0,0),"hh.mm")', "15.00")
    else:
        rows[0][3] = Formula('=IF(TRUE,"H","A")', "H")
        rows[2][2] = Formula('="10/09/"&"2018"', "10/09/2018")
    return [header, *rows]


def error_rows(shape: str) -> list[list]:
    """Formulas that failed (#REF!, #DIV/0!, #N/A) in the columns the importer reads."""
    header, make = SHAPES[shape]
    rows = make(["A", "B", "C"]) if shape != "daftar_guru" else make(["Rina Marlina", "Joko Susilo",
                                                                        "Tuti Alawiyah"])
    if shape == "daftar_guru":
        rows[0][1] = Error("#REF!")
        rows[1][0] = Error("#N/A", "VLOOKUP(X2,Data!A:B,2,FALSE)")
        rows[2][7] = Error("#DIV/0!", "A1/0")
    elif shape == "peserta":
        rows[1][2] = Error("#REF!")
        rows[3][4] = Error("#N/A", "VLOOKUP(A5,Inti!A:B,2,FALSE)")
    elif shape == "rundown":
        rows[0][6] = Error("#DIV/0!", "4/0")
        rows[1][3] = Error("#REF!")
    else:
        rows[0][3] = Error("#REF!")
        rows[1][2] = Error("#VALUE!", 'DATEVALUE("x")')
    return [header, *rows]


# A school's address as the Dinas sheets write it: one cell over three lines, with commas.
ADDRESS = "Jl. Merdeka No. 5, RT 02/RW 03,\nKel. Podosugih, Kec. Pekalongan Barat,\nKota Pekalongan"


def address_rows(shape: str) -> list[list]:
    """An "Alamat" column whose quoted cells span three lines (in a `;` CSV)."""
    header, make = SHAPES[shape]
    rows = make(["A", "B", "C"]) if shape != "daftar_guru" else make(["Rina Marlina, S.Pd.",
                                                                        "Joko Susilo, M.Pd."])
    return [[*header, "Alamat"], *([*row, ADDRESS] for row in rows)]


def decimal_rows(shape: str) -> list[list]:
    """IDs written by a program that read them as numbers: "…01.0". A 16-digit one is that
    number; the 15-digit `900000000000030.0` is not a NUPTK (never 9000000000000300)."""
    header, make = SHAPES[shape]
    if shape == "daftar_guru":
        rows = make(["Rina Marlina", "Joko Susilo"])
        rows[0][1] = "9000000000000001.0"
        rows[1][1] = "900000000000030.0"
        return [header, *rows]
    rows = make(["A", "B", "C"])
    for row in rows:
        if shape == "rundown":
            row[6] = "2.0"  # JP
        elif row[1]:
            row[1] = f"{row[1]}.0"
        if shape == "peserta" and row[4]:
            row[4] = f"{row[4]}.0"
    return [header, *rows]


INVISIBLE = "\u200b\u00ad\ufeff\u2060"


def invisible_rows(shape: str) -> list[list]:
    """Zero-width spaces, soft hyphens, a BOM and word joiners inside names and IDs (pasted
    from the web or a PDF), and in the roster a name that is nothing but one."""
    header, make = SHAPES[shape]
    if shape == "daftar_guru":
        rows = make(["Rina\u200b Marlina", "Jo\u00adko Susilo\ufeff", "\u200b"])
        rows[0][1] = "90000000\u200b00000001"
        rows[1][1] = "\ufeff9000000000000002"
        return [header, *rows]
    rows = make(["\u200b", "\u00ad", "\u2060"])
    for row in rows:
        if shape != "rundown" and row[1]:
            row[1] = f"{row[1][:8]}\u200b{row[1][8:]}\ufeff"
        if shape in ("peserta", "hadir"):
            row[0] = row[0].replace(" ", " \u200b", 1)
    return [header, *rows]


def uncomputed_rows(shape: str, placeholder: str | None = "0") -> list[list]:
    """Formulas a program wrote without computing them, in a column the importer reads."""
    header, make = SHAPES[shape]
    rows = make(["A", "B", "C"]) if shape != "daftar_guru" else make(["Agus Salim", "Joko Susilo"])
    if shape == "daftar_guru":
        rows[0][0] = Uncomputed('=PROPER("agus salim")', placeholder)
    elif shape == "peserta":
        rows[1][2] = Uncomputed('=IF(TRUE,"Mitra","Inti")', placeholder)
    elif shape == "rundown":
        rows[0][6] = Uncomputed("=1+1", placeholder)
    else:
        rows[0][3] = Uncomputed('=IF(TRUE,"H","A")', placeholder)
    return [header, *rows]


def merged_sheet(shape: str) -> SheetSpec:
    """A merged title over the header (as offices print), and values merged down rows."""
    header, make = SHAPES[shape]
    width = column_letter(len(header) - 1)
    rows = [[f"DATA {shape.upper()} <KEMITRAAN> & \"2018\""], [], header]
    merges = [f"A1:{width}1"]
    if shape == "daftar_guru":
        body = make(["Rina Marlina", "Joko Susilo", "Tuti Alawiyah"])
        for row in body[1:]:
            row[4] = row[5] = None  # the school and its kab/kota merged down from the first
        merges += ["E4:E6", "F4:F6"]
    elif shape == "peserta":
        hosts, visitors = _demo()
        inti = hosts[0]
        mitra = [v for v in visitors if v["subject"] == inti["subject"]][:2]
        body = [[inti["full_name"], inti["nuptk"], "Inti", inti["subject"], None]]
        body += [[m["full_name"], m["nuptk"], "Mitra" if i == 0 else None, m["subject"],
                  inti["nuptk"] if i == 0 else None] for i, m in enumerate(mitra)]
        merges += ["C5:C6", "E5:E6"]  # the mitra's tier and their inti's NUPTK, merged
    elif shape == "rundown":
        body = make(["A", "B", "C"])
        merges += ["A4:A5"]  # the day merged over its rows
    else:
        body = make(["A", "B", "C"])
        body[1][2] = body[2][2] = None
        merges += ["C4:C6"]  # the date merged over the rows
    return SheetSpec("Data", rows + body, merges=tuple(merges))


def main() -> None:
    out = HERE
    (out / "kosong.xlsx").write_bytes(b"")
    (out / "kosong.csv").write_bytes(b"")
    header, make = SHAPES["daftar_guru"]
    whole = write_xlsx(out / "_utuh.xlsx", [SheetSpec("Daftar", [header, *make(["Rina Marlina"] * 3)])])
    data = whole.read_bytes()
    whole.unlink()
    (out / "terpotong.xlsx").write_bytes(data[: len(data) * 3 // 5])
    (out / "teks_dinamai_xlsx.xlsx").write_text("Nama;NUPTK\r\nRina Marlina;9000000000000001\r\n",
                                                encoding="utf-8")
    (out / "html_dinamai_xls.xls").write_text(
        "<html><body><table><tr><td>Nama</td><td>NUPTK</td></tr><tr><td>Rina</td>"
        "<td>9000000000000001</td></tr></table></body></html>", encoding="utf-8")
    (out / "dilindungi_sandi.xlsx").write_bytes(encrypted_xlsx())
    rng = random.Random(7)
    (out / "sampah_biner.csv").write_bytes(rng.randbytes(6000))
    (out / "sampah_tanpa_nul.csv").write_bytes(bytes(rng.choice(range(0x80, 0x100)) if i % 61
                                                     else 0x0A for i in range(6000)))
    good_csv = write_csv(out / "_csv", [header, *make(["Rina Marlina", "Joko Susilo"])]).read_bytes()
    (out / "_csv").unlink()
    (out / "nul_di_tengah.csv").write_bytes(good_csv + b"x" * 5000 + b"\x00\x01\x02;\r\n")
    # One stray value far from the data: calamine would lay out 17 billion cells for it.
    write_xlsx(out / "sel_jauh.xlsx", [SheetSpec("Daftar", [header, *make(["Rina Marlina"])])])
    with zipfile.ZipFile(out / "sel_jauh.xlsx") as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["xl/worksheets/sheet1.xml"] = members["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is>'
                         b'</c></row></sheetData>')
    with zipfile.ZipFile(out / "sel_jauh.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    # Decompression bombs small enough to keep: an .ods repeating one cell 95 million times,
    # an .xls with a value in its last cell and one declaring 60 million strings.
    ods_repeat_bomb(out / "bom_ulang.ods")
    patched_xls(ROOT / "tests" / "data" / "roster_libreoffice.xls", out / "sel_jauh.xls", far=True)
    patched_xls(ROOT / "tests" / "data" / "roster_libreoffice.xls", out / "teks_60_juta.xls",
                strings=60_000_000)
    # Hidden sheets: the table in a hidden and a very hidden sheet, a note in the visible one.
    write_xlsx(out / "lembar_tersembunyi.xlsx", [
        SheetSpec("Data Lama", [header, *make(["Rina Marlina"])], state="hidden"),
        SheetSpec("Rumus", [header, *make(["Joko Susilo"], start=5)], state="veryHidden"),
        SheetSpec("Catatan", [["Data ada di lembar lain."]])])
    # ... and a visible table after a hidden one with junk: only the visible one is read.
    write_xlsx(out / "tersembunyi_di_depan.xlsx", [
        SheetSpec("Sampah", [header, ["=1+1", "bukan nomor"]], state="hidden"),
        SheetSpec("Daftar", [header, *make(["Rina Marlina", "Joko Susilo"])])])
    for shape, (header, make) in SHAPES.items():
        write_xlsx(out / f"rumus_{shape}.xlsx", [SheetSpec("Data", formula_rows(shape))])
        write_xlsx(out / f"galat_{shape}.xlsx", [SheetSpec("Data", error_rows(shape))])
        write_xlsx(out / f"gabung_{shape}.xlsx", [merged_sheet(shape)])
        write_csv(out / f"alamat_multibaris_{shape}.csv", address_rows(shape))
        write_csv(out / f"nomor_desimal_{shape}.csv", decimal_rows(shape))
        write_csv(out / f"tak_terlihat_{shape}.csv", invisible_rows(shape))
        write_xlsx(out / f"tak_terlihat_{shape}.xlsx", [SheetSpec("Data", invisible_rows(shape))])
        write_xlsx(out / f"rumus_belum_dihitung_{shape}.xlsx",
                   [SheetSpec("Data", uncomputed_rows(shape))], recalc=True)
        write_xlsx(out / f"rumus_tanpa_nilai_{shape}.xlsx",
                   [SheetSpec("Data", uncomputed_rows(shape, None))])
        for kind, texts in (("markup", MARKUP), ("rtl_emoji", RTL_EMOJI)):
            rows = [header, *make(texts)]
            write_xlsx(out / f"{kind}_{shape}.xlsx", [SheetSpec("Data", rows)])
            write_csv(out / f"{kind}_{shape}.csv", rows)


if __name__ == "__main__":
    main()
