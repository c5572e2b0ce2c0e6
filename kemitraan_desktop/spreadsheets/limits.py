"""The limits every spreadsheet reader holds a file to before it allocates, and the
Indonesian refusals that name them: shared by the measuring of zipped workbooks (measure),
of old .xls (xls_measure) and by the readers."""

from __future__ import annotations

from ..errors import InputFileError
from ..indonesia import format_thousands

# Cells laid out in one sheet: a dense grid costs about 75 bytes a cell once read (calamine's
# value and Python's), so 4 million stay well under 500 MB; a roster of 100,000 teachers
# with 30 columns is 3 million.
MAX_CELLS = 4_000_000
# Excel's own sheet: no file it writes reaches further.
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
# Sheets in one workbook: a workbook of a school year per month and a sheet per school
# stays far below; thousands of sheets are only slow to search.
MAX_SHEETS = 250
# Merged ranges in one sheet (a roster merging two cells in every row of 100,000 has
# 100,000; calamine and the filling of merged cells keep each in memory).
MAX_MERGES = 300_000
# Excel holds at most 32,767 characters in a cell.
MAX_TEXT = 32_767
# One XML part of a workbook, decompressed (a 200,000-row roster's sheet is about 150 MB).
MAX_PART_BYTES = 512 * 1024 * 1024
# All XML parts together, and how many (a sheet, its rels, styles: a few dozen in practice;
# the count is read from the end of the zip before its directory is).
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_PARTS = 5_000
# Shared strings: their part, decompressed, and how many (each costs calamine ~60 bytes).
# calamine holds the part's text about three times over while reading it (its own copy, the
# cells' copies, Python's), so 96 MB stay under 500 MB; 100,000 teachers' names and schools
# are about 10 MB.
MAX_SHARED_BYTES = 96 * 1024 * 1024
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


def refuse(name: str, what: str) -> InputFileError:
    return InputFileError(
        f"Berkas '{name}' {what}; itu jauh melampaui daftar mana pun dan tidak dibaca (berkas "
        "rusak, atau sengaja dibuat untuk menghabiskan memori). Buka di Excel, salin datanya "
        "saja ke buku kerja baru, simpan, lalu impor lagi.")


def mb(size: int) -> str:
    return f"{format_thousands(size // (1024 * 1024))} MB"


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


def too_many_merges(name: str, sheet: str, count: int) -> str:
    return (f"Lembar '{sheet}' di '{name}' berisi lebih dari {format_thousands(MAX_MERGES)} "
            f"sel gabungan (merge), sedikitnya {format_thousands(count)}; tidak ada daftar "
            "yang seperti itu (berkas rusak, atau sengaja dibuat untuk menghabiskan waktu). "
            "Pilih seluruh lembar di Excel, batalkan gabungan sel (Merge & Center), simpan, "
            "lalu impor lagi.")


def too_many_sheets(name: str, count: int) -> str:
    return (f"Berkas '{name}' berisi {format_thousands(count)} lembar; paling banyak "
            f"{format_thousands(MAX_SHEETS)} lembar yang dibaca. Salin lembar daftarnya ke buku "
            "kerja baru, simpan, lalu impor lagi.")
