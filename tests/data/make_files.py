"""How the files in tests/data were made (run once; the outputs are committed).

The .xlsx/.ods/.xls rosters are saved by LibreOffice itself (`soffice --convert-to`), so
the tests read files written by another program, not by our own exporter.
"""

import subprocess
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
HEADER = ["No", "Nama Lengkap", "NUPTK", "NIP", "JK", "Tempat Lahir", "Tgl Lahir", "Jabatan",
          "Mapel", "Unit Kerja", "NPSN", "Kabupaten/Kota", "Provinsi", "Nilai UKG", "No HP/WA",
          "Email", "Catatan Operator"]
ROWS = [
    [1, "Dra. Retna Widowati, M.Pd.", "3344556677889900", "19650512 199003 2 002", "P",
     "Pekalongan", "12/05/1965", "Guru", "B. Indonesia", "SMP Negeri 1 Pekalongan", "20330101",
     "KOTA PEKALONGAN", "Jawa Tengah", "88,75", "0812-3456-789", "retna@example.sch.id", ""],
    [2, "Agung Jumari, S.Pd., M.Pd.", "1122334455667788", "197808172005011003", "L",
     "Batang", "17 Agustus 1978", "Guru", "Matematika", "SMPN 2 Pekalongan", "20330102",
     "Kota Pekalongan", "Jawa Tengah", "84.5", "+62 813 2222 3333", "", "wali kelas"],
    [3, "Yohanes Ndun, S.Pd.", "9988776655443322", "", "L", "Kupang", "1980-03-02",
     "Guru", "IPA", "SMP Negeri 1 Oelamasi", "", "Kab. Kupang", "NTT", "71", "081234567890",
     "", ""],
    [4, "Siti Aminah Gobel, S.Pd.", "5566778899001122", "", "Perempuan", "Gorontalo",
     "3 Sept 1984", "Guru", "Bahasa Inggris", "SMP Negeri 2 Limboto", "", "Kab Gorontalo",
     "Gorontalo", "69,2", "", "", ""],
    [5, "Drs. Slamet Riyadi, M.M.", "7766554433221100", "196811021994031004", "L",
     "Pati", "02-11-1968", "Kepala Sekolah", "", "SMP Negeri 1 Pati", "20318001",
     "Kabupaten Pati", "Jawa Tengah", "", "0857 1111 2222", "", ""],
]


def make_source(path: Path) -> None:
    book = Workbook()
    ws = book.active
    ws.title = "Data PTK"
    ws["A1"] = "DAFTAR GURU DAN KEPALA SEKOLAH PESERTA PROGRAM KEMITRAAN 2019"
    ws.merge_cells("A1:Q1")
    ws["A2"] = "Dinas Pendidikan Kota Pekalongan"
    ws.merge_cells("A2:Q2")
    ws.append([])
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
    for row in ws.iter_rows(min_row=5, min_col=3, max_col=4):
        for cell in row:
            cell.number_format = "@"
    book.save(path)


def main() -> None:
    source = HERE / "_source.xlsx"
    make_source(source)
    out = HERE / "_lo"
    for fmt, name in (("xlsx", "roster_libreoffice.xlsx"), ("ods", "roster_libreoffice.ods"),
                      ("xls", "roster_libreoffice.xls")):
        subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", str(out),
                        str(source)], check=True, capture_output=True)
        (out / f"_source.{fmt}").rename(HERE / name)
    out.rmdir()
    source.unlink()
    lines = [";".join(HEADER)]
    for row in ROWS:
        row = list(row)
        if row[0] == 3:
            row[1] = "Stéfanus Ndun, S.Pd."  # an accented letter, as Windows-1252 holds it
        lines.append(";".join(str(v) for v in row))
    (HERE / "roster_windows1252_semicolon.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


if __name__ == "__main__":
    main()
