"""Third held-out trial (memory and time bombs in spreadsheets): each hostile file, built here
small on disk, is refused by the roster or rundown import with an Indonesian message that
says what and where, and nothing is written; an .ods formula never computed is reported, not
imported as 0."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from kemitraan_desktop import activities
from kemitraan_desktop.errors import InputFileError
from kemitraan_desktop.spreadsheets import import_roster, import_rundown

OJL = 1  # the demo's OJL 1 Kota Pekalongan
NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
HEADER = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Nama</t></is></c>'
          '<c r="B1" t="inlineStr"><is><t>NUPTK</t></is></c></row>'
          '<row r="2"><c r="A2" t="inlineStr"><is><t>Budi Santoso</t></is></c>'
          '<c r="B2" t="inlineStr"><is><t>9000000000000001</t></is></c></row>')


def xlsx(path: Path, sheets: list[tuple[str, str, str]], shared: bytes | None = None) -> Path:
    """A workbook written by hand: (name, sheetData inner XML, XML after sheetData)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.'
            'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application'
            '/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for i in range(len(sheets))) + '</Types>'))
        z.writestr("_rels/.rels", (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>'))
        z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook {NS}><sheets>' + "".join(
            f'<sheet name="{name}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
            for i, (name, _, _) in enumerate(sheets)) + "</sheets></workbook>")
        rels = "".join(
            f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
            for i in range(len(sheets)))
        if shared is not None:
            rels += ('<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                     'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>')
            z.writestr("xl/sharedStrings.xml", shared)
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="'
                   'http://schemas.openxmlformats.org/package/2006/relationships">' + rels
                   + "</Relationships>")
        for i, (_, data, after) in enumerate(sheets):
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml", f'<?xml version="1.0"?><worksheet {NS}>'
                       f"<sheetData>{data}</sheetData>{after}</worksheet>")
    return path


def spreadsheet_xml(path: Path, rows: str) -> Path:
    """An Excel 2003 XML workbook named .xls, as Dapodik exports one."""
    path.write_text(
        '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Daftar">'
        '<Table><Row><Cell><Data ss:Type="String">Nama</Data></Cell><Cell><Data ss:Type='
        '"String">NUPTK</Data></Cell></Row>' + rows + "</Table></Worksheet></Workbook>")
    return path


def ods(path: Path, rows: str) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:'
        'names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:'
        'xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Daftar">'
        + rows + "</table:table></office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:'
            'names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry'
            ' manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
            'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
            'manifest:media-type="text/xml"/></manifest:manifest>'))
        z.writestr("content.xml", content)
    return path


def text_cell(text: str) -> str:
    return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'


def people_count(db) -> int:
    return db.execute("SELECT count(*) FROM people").fetchone()[0]


def refused(db, path: Path) -> str:
    before = people_count(db)
    with pytest.raises(InputFileError) as caught:
        import_roster(db, path)
    assert people_count(db) == before
    return caught.value.message


@pytest.mark.parametrize("rows, shown", [
    ('<Row><Cell ss:Index="20000"><Data ss:Type="String">x</Data></Cell></Row>',
     'ss:Index="20000" di baris 2'),
    ('<Row ss:Index="2000000"><Cell><Data ss:Type="String">Budi</Data></Cell></Row>',
     'ss:Index="2000000"'),
    ('<Row><Cell ss:MergeAcross="1000000000"><Data ss:Type="String">x</Data></Cell></Row>',
     'ss:MergeAcross="1000000000"'),
    ('<Row><Cell ss:Index="-5"><Data ss:Type="String">x</Data></Cell></Row>', 'ss:Index="-5"'),
])
def test_spreadsheet_xml_positions_beyond_excel_are_refused(demo_copy, tmp_path, rows, shown):
    message = refused(demo_copy, spreadsheet_xml(tmp_path / "dapodik.xls", rows))
    assert "Lembar 'Daftar' di 'dapodik.xls' (format XML Excel 2003)" in message
    assert shown in message and "1.048.576 baris x 16.384 kolom" in message


def test_spreadsheet_xml_grid_past_the_cell_limit_is_refused(demo_copy, tmp_path):
    rows = ('<Row ss:Index="300000"><Cell ss:Index="16000"><Data ss:Type="String">x</Data>'
            "</Cell></Row>")
    message = refused(demo_copy, spreadsheet_xml(tmp_path / "jauh.xls", rows))
    assert "(300.000 baris x 16.000 kolom); paling banyak 4.000.000 sel" in message


def test_ods_run_of_a_billion_spaces_is_refused_before_reading(demo_copy, tmp_path):
    rows = ("<table:table-row>" + text_cell("Nama") + text_cell("NUPTK") + "</table:table-row>"
            '<table:table-row><table:table-cell office:value-type="string"><text:p>a'
            '<text:s text:c="100000"/>b</text:p></table:table-cell></table:table-row>')
    message = refused(demo_copy, ods(tmp_path / "spasi.ods", rows))
    assert "'spasi.ods' menyatakan 100.000 spasi berturut-turut" in message


def test_many_merged_ranges_are_refused_naming_the_sheet(demo_copy, tmp_path):
    merges = ('<mergeCells count="300001">' + '<mergeCell ref="C3:C50"/>' * 300_001
              + "</mergeCells>")
    message = refused(demo_copy, xlsx(tmp_path / "gabung.xlsx", [("Daftar", HEADER, merges)]))
    assert "Lembar 'Daftar' di 'gabung.xlsx' berisi lebih dari 300.000 sel gabungan" in message


def test_thousands_of_sheets_are_refused_up_front(demo_copy, tmp_path):
    sheets = [(f"S{i}", '<row r="1"><c r="A1"><v>1</v></c></row>', "") for i in range(300)]
    message = refused(demo_copy, xlsx(tmp_path / "lembar.xlsx", [*sheets, ("Daftar", HEADER, "")]))
    assert "Berkas 'lembar.xlsx' berisi 301 lembar; paling banyak 250" in message


def test_a_sheet_past_four_million_cells_is_refused(demo_copy, tmp_path):
    far = '<row r="4500"><c r="ALL4500"><v>1</v></c></row>'
    message = refused(demo_copy, xlsx(tmp_path / "jauh.xlsx", [("Daftar", HEADER + far, "")]))
    assert "sampai sel ALL4500 (4.500 baris x 1.000 kolom); paling banyak 4.000.000 sel" in message


def test_a_shared_string_part_beyond_the_memory_target_is_refused(demo_copy, tmp_path):
    sst = (f'<sst {NS} count="100000" uniqueCount="100000">'.encode()
           + (b"<si><t>" + b"a" * 1000 + b"</t></si>") * 100_000 + b"</sst>")
    message = refused(demo_copy, xlsx(tmp_path / "teks.xlsx", [("Daftar", HEADER, "")], sst))
    assert "Berkas 'teks.xlsx' berisi bagian 'xl/sharedStrings.xml' sebesar 96 MB" in message


def test_one_shared_string_in_many_runs_is_refused_before_reading(demo_copy, tmp_path):
    run = b"<r><t>" + b"a" * (4 << 20) + b"</t></r>"
    sst = f'<sst {NS} count="1" uniqueCount="1"><si>'.encode() + run * 5 + b"</si></sst>"
    message = refused(demo_copy, xlsx(tmp_path / "satu.xlsx", [("Daftar", HEADER, "")], sst))
    assert "berisi satu teks lebih dari 16 MB di 'xl/sharedStrings.xml'" in message


def test_a_zip_of_thousands_of_entries_is_refused_from_its_end_record(demo_copy, tmp_path):
    entry = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0,
                        0, 0, 0, 0) + b"x"
    path = tmp_path / "anggota.xlsx"
    with open(path, "wb") as handle:  # a local header first, so that it starts like a zip
        handle.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0, 0, 0, 0, 1, 0) + b"x")
        start = handle.tell()
        handle.write(entry * 6000)
        handle.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 6000, 6000, 47 * 6000, start, 0))
    message = refused(demo_copy, path)
    assert "Berkas 'anggota.xlsx' berisi 6.000 bagian (paling banyak 5.000)" in message


def test_a_csv_larger_than_any_roster_is_refused_by_its_size(demo_copy, tmp_path):
    path = tmp_path / "besar.csv"
    with open(path, "wb") as handle:
        handle.write(b"Nama;NUPTK\n")
        handle.truncate(65 << 20)  # sparse: nothing on disk
    assert "Berkas CSV 'besar.csv' berukuran 65 MB; paling besar 64 MB" in refused(demo_copy, path)


def test_a_csv_of_millions_of_delimiters_is_refused_before_parsing(demo_copy, tmp_path):
    path = tmp_path / "titik_koma.csv"
    path.write_bytes(b"Nama;NUPTK\n" + b";" * 4_100_000)
    message = refused(demo_copy, path)
    assert "berisi sampai 4.100.003 sel; paling banyak 4.000.000 sel" in message


def test_a_csv_line_of_megabytes_is_refused_naming_it(demo_copy, tmp_path):
    path = tmp_path / "baris.csv"
    path.write_bytes(b"Nama;NUPTK\nBudi;9000000000000001\n" + b"a" * (3 << 20) + b"\n")
    message = refused(demo_copy, path)
    assert message.startswith("Baris 3 di 'baris.csv' berisi sel yang terlalu panjang atau "
                              "terlalu banyak: 3.145.728 karakter tanpa ganti baris")


def test_a_csv_line_of_more_columns_than_excel_is_refused(demo_copy, tmp_path):
    path = tmp_path / "kolom.csv"
    path.write_bytes(b"Nama;NUPTK\n" + b"a;" * 20_000 + b"\n")
    assert "Baris 2 di 'kolom.csv' berisi lebih dari 16.384 kolom" in refused(demo_copy, path)


def test_ods_formula_without_a_computed_value_is_reported_not_imported(demo_copy, tmp_path):
    header = "".join(map(text_cell, ["Tanggal", "Mulai", "Selesai", "Kegiatan", "JP"]))
    rows = ("<table:table-row>" + header + "</table:table-row>"
            '<table:table-row><table:table-cell office:value-type="date" office:date-value='
            '"2018-09-10"><text:p>2018-09-10</text:p></table:table-cell>' + text_cell("07.30")
            + text_cell("09.00") + text_cell("Sesi rumus JP") + '<table:table-cell '
            'table:formula="of:=1+1"/></table:table-row><table:table-row><table:table-cell '
            'table:formula="of:=DATE(2018;9;11)"/>' + text_cell("09.00") + text_cell("10.30")
            + text_cell("Sesi rumus tanggal") + text_cell("2") + "</table:table-row>")
    before = [(i.description, i.jp) for i in activities.list_items(demo_copy, OJL)]
    report = import_rundown(demo_copy, OJL, ods(tmp_path / "rundown.ods", rows))
    found = [str(p) for p in report.problems]
    assert any(m.startswith("Baris 2, kolom 'JP': isi rumus belum dihitung (=1+1)")
               for m in found), found
    assert any(m.startswith("Baris 3, kolom 'Tanggal': isi rumus belum dihitung "
                            "(=DATE(2018;9;11))") for m in found), found
    assert not report.written
    assert [(i.description, i.jp) for i in activities.list_items(demo_copy, OJL)] == before


def test_spreadsheet_xml_formula_without_data_is_reported(demo_copy, tmp_path):
    rows = ('<Row><Cell ss:Formula="=CONCATENATE(&quot;Budi&quot;)"/><Cell><Data ss:Type='
            '"String">9000000000000001</Data></Cell></Row>')
    report = import_roster(demo_copy, spreadsheet_xml(tmp_path / "rumus.xls", rows))
    found = [str(p) for p in report.problems]
    assert any("isi rumus belum dihitung" in m for m in found), found
    assert demo_copy.execute("SELECT count(*) FROM people WHERE nuptk = '9000000000000001'"
                             ).fetchone()[0] == 0
