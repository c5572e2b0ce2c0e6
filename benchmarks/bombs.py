"""Decompression bombs and other files that declare more than they hold (issue 14): the
time and peak memory of reading each, every one in a fresh process, as the roster import
reads it. Target: each refused in Indonesian within 10 s and under 500 MB.

    python benchmarks/bombs.py [--keep FOLDER]

Also measured: the largest shared-string table still read (just under the limit), and the
overhead of measuring on a legitimate 100,000-row roster (.xlsx and .ods).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "data" / "bad"

CHILD = """
import json, sys, time
from kemitraan_desktop.errors import KemitraanError
from kemitraan_desktop.spreadsheets.reader import read_sheets
start = time.monotonic()
try:
    rows = sum(len(sheet.rows) for sheet in read_sheets(sys.argv[1]))
    result = {"outcome": f"read, {rows} rows"}
except KemitraanError as exc:
    result = {"outcome": "refused: " + exc.message[:90] + "..."}
result["seconds"] = round(time.monotonic() - start, 2)
# VmHWM: this process's own peak (ru_maxrss would carry the parent's over the fork)
with open("/proc/self/status") as status:
    result["peak_mb"] = next(int(l.split()[1]) for l in status if l.startswith("VmHWM")) // 1024
print(json.dumps(result))
"""


def generator():
    spec = importlib.util.spec_from_file_location("make_bad_files", BAD / "make_bad_files.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def ods(path: Path, rows: list[list]) -> Path:
    """`rows` as LibreOffice writes an .ods: typed cells, then a million empty rows repeated."""
    import zipfile

    def cell(value) -> str:
        return (f'<table:table-cell office:value-type="string"><text:p>{value}</text:p>'
                "</table:table-cell>") if value else "<table:table-cell/>"

    body = "".join("<table:table-row>" + "".join(map(cell, row)) + "</table:table-row>"
                   for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Daftar">' + body +
        '<table:table-row table:number-rows-repeated="1048475"><table:table-cell '
        'table:number-columns-repeated="1024"/></table:table-row></table:table>'
        "</office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:'
            'names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry'
            ' manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
            'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
            'manifest:media-type="text/xml"/></manifest:manifest>'))
        archive.writestr("content.xml", content)
    return path


def trial_c(folder: Path) -> dict[str, Path]:
    """The third held-out trial's bombs (SpreadsheetML extents, .ods runs and spans, merged
    ranges, sheets, zip entries, CSV), each a few KB to a few MB on disk."""
    import struct
    import zipfile

    def xml(name: str, rows: str) -> Path:
        path = folder / name
        path.write_text(
            '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:'
            'spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet '
            'ss:Name="Daftar"><Table><Row><Cell><Data ss:Type="String">Nama</Data></Cell></Row>'
            + rows + "</Table></Worksheet></Workbook>")
        return path

    def ods_raw(name: str, rows: str) -> Path:
        path = ods(folder / name, [["Nama", "NUPTK"]])
        content = zipfile.ZipFile(path).read("content.xml").decode()
        content = content.replace("<table:table-row table:number-rows-repeated",  # before
                                  rows + "<table:table-row table:number-rows-repeated", 1)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument."
                             "spreadsheet")
            archive.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest '
                             'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
                             '/>')
            archive.writestr("content.xml", content)
        return path

    gen = generator()
    header = [["Nama", "NUPTK"]] + [["", f"90{r:014d}"] for r in range(5000)]
    merges = folder / "gabung_200rb.xlsx"
    gen.stream_xlsx(merges, iter(header))
    with zipfile.ZipFile(merges) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = next(name for name in parts if name.startswith("xl/worksheets/"))
    parts[sheet] = parts[sheet].replace(b"</worksheet>", b'<mergeCells count="200000">'
                                        + b'<mergeCell ref="C2:C5001"/>' * 200_000
                                        + b"</mergeCells></worksheet>")
    with zipfile.ZipFile(merges, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    members = folder / "anggota_2_juta.xlsx"
    entry = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0,
                        0, 0, 0, 0) + b"x"
    with open(members, "wb") as handle:
        handle.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0, 0, 0, 0, 1, 0) + b"x")
        start = handle.tell()
        for _ in range(200):
            handle.write(entry * 10_000)
        end = handle.tell()
        handle.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, 2_000_000,
                                 2_000_000, end - start, start))
        handle.write(struct.pack("<IIQI", 0x07064B50, 0, end, 1))
        handle.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF,
                                 0xFFFFFFFF, 0))
    sparse = folder / "satu_gib.csv"
    with open(sparse, "wb") as handle:
        handle.truncate(1 << 30)
    semicolons = folder / "titik_koma_60mb.csv"
    semicolons.write_bytes(b"Nama;NUPTK\n" + b";" * (60 << 20))
    span = "".join("<table:table-row>" + '<table:table-cell table:number-rows-spanned='
                   '"1000000000" office:value-type="string"><text:p>x</text:p>'
                   "</table:table-cell>" * 50 + "</table:table-row>" for _ in range(2000))
    return {
        "ss:Index=2,000,000,000 (SpreadsheetML .xls)": xml(
            "indeks.xls", '<Row><Cell ss:Index="2000000000"><Data ss:Type="String">x</Data>'
            "</Cell></Row>"),
        "ss:MergeAcross=1,000,000,000 (SpreadsheetML .xls)": xml(
            "gabung.xls", '<Row><Cell ss:MergeAcross="1000000000"><Data ss:Type="String">x'
            "</Data></Cell></Row>"),
        "text:s c=1,000,000,000 (.ods)": ods_raw(
            "spasi.ods", '<table:table-row><table:table-cell office:value-type="string"><text:p>'
            'a<text:s text:c="1000000000"/>b</text:p></table:table-cell></table:table-row>'),
        "100,000 cells spanned 1e9 rows (.ods)": ods_raw("bentang.ods", span),
        "200,000 merges on 5,000 rows (.xlsx)": merges,
        "2 million zip entries (.xlsx)": members,
        "1 GiB sparse (.csv)": sparse,
        "60 MB of ';' (.csv)": semicolons,
    }


def measure(path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True,
                          text=True, cwd=ROOT, timeout=600)
    if done.returncode != 0:
        return {"outcome": f"crashed ({done.returncode}): {done.stderr[-200:]}", "seconds": None,
                "peak_mb": None}
    return json.loads(done.stdout.splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", metavar="FOLDER", help="write the files here (kept)")
    args = parser.parse_args()
    gen = generator()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bombs-"))
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "60 million shared strings (.xlsx)": gen.shared_strings_bomb(folder / "teks_60_juta.xlsx"),
        "one 1 GiB shared string (.xlsx)": gen.long_string_bomb(folder / "teks_1_gib.xlsx"),
        "one cell repeated 9,500 x 10,000 (.ods)": BAD / "bom_ulang.ods",
        "a value in IV65536 (.xls)": BAD / "sel_jauh.xls",
        "60 million strings declared (.xls)": BAD / "teks_60_juta.xls",
        "2.9 million shared strings, under the limit (.xlsx)":
            gen.shared_strings_bomb(folder / "teks_2_9_juta.xlsx", count=2_900_000),
    }
    files.update(trial_c(folder))
    rows = [gen.ROSTER_HEADER] + [
        [f"Guru Uji {i}", f"91{i:014d}", f"1975{i % 12 + 1:02d}12200{i % 9:01d}01{i % 1000:03d}",
         "L" if i % 2 else "P", f"SMP Negeri {i % 40 + 1} Pati", "Kabupaten Pati", "IPA", 80]
        for i in range(100_000)]
    files["a legitimate 100,000-row roster (.xlsx)"] = gen.stream_xlsx(folder / "daftar.xlsx",
                                                                         iter(rows))
    files["the same roster as LibreOffice saves it (.ods)"] = ods(folder / "daftar.ods", rows)
    print(f"{'file':54} {'size':>10} {'time':>7} {'peak':>8}  outcome")
    for label, path in files.items():
        result = measure(path)
        size = path.stat().st_size
        seconds = "-" if result["seconds"] is None else f"{result['seconds']:.2f} s"
        peak = "-" if result["peak_mb"] is None else f"{result['peak_mb']} MB"
        print(f"{label:54} {size:>10,} {seconds:>7} {peak:>8}  {result['outcome']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
