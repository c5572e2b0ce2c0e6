"""Make realistic teacher-roster source files, laid out as the real sources lay them out.

Run:  cd /work/main && .venv/bin/python tests/data/sources/make_sources.py
The outputs are committed next to this script; this script is the record of how they were
made.  It is deterministic: running it twice gives byte-identical .xlsx and SpreadsheetML
files (fixed workbook times, fixed zip entry times).  The LibreOffice .xls is made by
`soffice --convert-to xls` (byte-identical between runs with LibreOffice 7.4.7.2).
After writing, the script reads every file back and checks it against expected.py.

What the real files look like (research, August 2024 snapshot of public material)
================================================================================

1. Dapodik "Unduh Excel" of the PTK lists (Daftar Guru / Daftar Tenaga Kependidikan)
   * A real download of "Daftar Tenaga Kependidikan", pasted as CSV into a public GitHub
     script (found with the code index: file id 59141354372, a Firestore seeding script
     for "SD NEGERI 3 SIGONG"), shows the layout exactly:
        row 1  "Daftar Tenaga Kependidikan"            (for teachers: "Daftar Guru")
        row 2  "SD NEGERI 3 SIGONG KECAMATAN LEMAHABANG"  (school name as registered)
        row 3  "Kecamatan Kec. Lemah Abang, Kabupaten Kab. Cirebon, Provinsi Prov. Jawa Barat"
        row 4  A4 "Tanggal Unduh: 2026-05-18 08:41:49", C4 "Pengunduh: FAJAR SIDIK (email)"
        row 5  the header, 51 named columns (+ one trailing unnamed column in that 2026
               download, whose rows hold "Ya"; not reproduced here, see report)
        row 6+ data.
     For a city the third line reads "Kabupaten Kota X": e.g. "Kecamatan Kec. Pariaman
     Timur, Kabupaten Kota Pariaman, Provinsi Prov. Sumatera Barat" (file id 31874761183),
     and "Kecamatan Kec. Ampelgading, Kabupaten Kab. Pemalang, Provinsi Prov. Jawa Tengah"
     (file id 5655429270).
   * The 51 headers, in order, confirmed by that download and by an importer's constant
     GTK_OFFICIAL_HEADERS (file id 69389178472):
       No, Nama, NUPTK, JK, Tempat Lahir, Tanggal Lahir, NIP, Status Kepegawaian, Jenis PTK,
       Agama, Alamat Jalan, RT, RW, Nama Dusun, Desa/Kelurahan, Kecamatan, Kode Pos, Telepon,
       HP, Email, Tugas Tambahan, SK CPNS, Tanggal CPNS, SK Pengangkatan, TMT Pengangkatan,
       Lembaga Pengangkatan, Pangkat Golongan, Sumber Gaji, Nama Ibu Kandung,
       Status Perkawinan, Nama Suami/Istri, NIP Suami/Istri, Pekerjaan Suami/Istri, TMT PNS,
       Sudah Lisensi Kepala Sekolah, Pernah Diklat Kepengawasan, Keahlian Braille,
       Keahlian Bahasa Isyarat, NPWP, Nama Wajib Pajak, Kewarganegaraan, Bank,
       Nomor Rekening Bank, Rekening Atas Nama, NIK, No KK, Karpeg, Karis/Karsu, Lintang,
       Bujur, NUKS
   * Values seen in the real rows: dates as "YYYY-MM-DD" text (Tanggal Lahir 1972-04-14,
     TMT 2010-01-01); JK "L"/"P"; Status Kepegawaian "PNS", "Tenaga Honor Sekolah";
     Jenis PTK "Kepala Sekolah" with Tugas Tambahan "Kepala Sekolah"; Pangkat Golongan just
     the golongan "III/d" (no pangkat name); Lembaga Pengangkatan "Pemerintah Kab/Kota";
     Sumber Gaji "APBD Kabupaten/Kota"; Status Perkawinan "Belum Kawin", "Janda/Duda";
     Pekerjaan Suami/Istri "Lainnya"; Kewarganegaraan "ID"; Kecamatan column "Kec. Lemah
     Abang"; HP "081324697050"; NPWP as formatted text "48.379.768.4426" padded with spaces;
     Sudah Lisensi Kepala Sekolah "Ya"/"Tidak"; NUKS empty even for the principal.
     Names are mixed case as entered in Dapodik ("FAJAR SIDIK", "Rita Andaya Kurniawati");
     the Dapodik guide says the Nama field is "tanpa mencantumkan gelar" (no titles:
     dapodix/dapodik-2022 app/dataweb/apps/web/resources/html/Ptk.php).
     A newly appointed PPPK's NIP in that download is 200104062025211027: birth date
     20010406, appointment YEAR 2025, the constant "21", sex digit 1, sequence 027.  So a
     PPPK NIP does NOT carry a YYYYMM at positions 9-14 (the "month" would be 21): an
     importer must not reject it as an invalid NIP.  This generator writes PPPK NIPs in
     that form.
   * Dapodik 2022 ships PHPExcel (dapodix/dapodik-2022 app/dataweb/apps/vendor/phpoffice/
     phpexcel); PHPExcel's default sheet title is "Worksheet", used here (not confirmed
     from a real download).  A rapor app's manual notes that Excel asks to "recover" a
     Dapodik download on opening, "itu normal".
   * A Dapodik importer (file id 70754008673) notes that Dapodik's SpreadsheetML (.xls
     XML) exports do NOT escape "<" and "&" inside <Data>, so that it sanitises them before
     parsing; and it also accepts "Per tanggal : YYYY-MM-DD" instead of "Tanggal Unduh".
     The SpreadsheetML made here is well-formed (no unescaped "&" occurs in the data).
2. SpreadsheetML (Excel 2003 XML): <?xml version="1.0"?><?mso-application
   progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
   xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:
   office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
   xmlns:html="http://www.w3.org/TR/REC-html40">, DocumentProperties, Styles,
   Worksheet ss:Name / Table / Row / Cell (ss:Index skips empty cells, ss:MergeAcross) /
   Data ss:Type="String|Number|DateTime" (many public exporters, e.g. file ids 69448945693,
   28379036758).
3. Balai / SIMPKB participant lists: a Balai training app (Laravel "DiklatController",
   file id 42474509333) imports sheet 0 with the header on ROW 1 (no title rows) and these
   capital headers: NIK, NUPTK, NIP, NO UKG, NAMA LENGKAP, TEMPAT LAHIR, TANGGAL LAHIR,
   USIA, KELAMIN, JABATAN, GOLONGAN, NOMOR HP, EMAIL, KOMPETENSI KEAHLIAN, PROGRAM
   KEAHLIAN, BIDANG KEAHLIAN (SMK only), MAPEL AJAR, KELAS AJAR, NAMA SEKOLAH, NPSN
   SEKOLAH, NAMA KEPALA SEKOLAH, NOMOR HP KEPALA SEKOLAH, JENJANG SEKOLAH, KABUPATEN
   SEKOLAH, PROVINSI SEKOLAH, KELAS, NAMA DIKLAT, TANGGAL PERIODE AWAL/AKHIR, TEMPAT DIKLAT,
   RIWAYAT DIKLAT, FOTO, KETERANGAN.  It converts TANGGAL LAHIR with a helper before
   storing Y-m-d, so the file's dates are not Y-m-d (here: "DD-MM-YYYY" text; a guess).
   The UKG participant number identifies teachers who have no NUPTK ("Nomor peserta UKG
   ... sebagai nomor unik untuk mengidentifikasi data individu ... khususnya bagi PTK-PTK
   yg tidak memiliki NUPTK", http://smarteducationsaprog.blogspot.com/2017/10/
   catat-nomor-peserta-ukg-wajib-diisi.html).
4. Dinas "data guru" sheets: no public sample found in the stored corpora; the layout
   follows /work/shared/DOMAIN.md (title lines, two-row header with PANGKAT / GOLONGAN
   over Pangkat | Gol/Ruang, a row of column numbers, "-" for none, JUMLAH row, signature
   block).  Pangkat/golongan/jabatan pairs: Penata Muda III/a, Penata Muda Tk.I III/b,
   Penata III/c, Penata Tk.I III/d, Pembina IV/a, Pembina Tk.I IV/b, Pembina Utama Muda
   IV/c, Pembina Utama Madya IV/d, Pembina Utama IV/e; jabatan (old names) Guru Pertama
   III/a-b, Guru Muda III/c-d, Guru Madya IV/a-c, Guru Utama IV/d-e
   (https://id.scribd.com/document/441675203/Jenjang-Kepangkatan-Guru-docx); current names
   Guru Ahli Pertama / Muda / Madya / Utama.

ID rules used (all rows agree unless expected.py lists the row as deliberately wrong):
  NIP PNS  = birth YYYYMMDD + TMT CPNS YYYYMM + sex (1 L, 2 P) + 3-digit sequence
  NIP PPPK = birth YYYYMMDD + appointment YYYY + "21" + sex + 3-digit sequence
  NIK      = 6-digit kecamatan code + DD(+40 for women) MM YY of birth + 4-digit sequence
  NUPTK 16 digits, NPSN 8 digits, No UKG 12 digits (e.g. 201501234567).
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2024, 8, 12, 2, 14, 5)  # 09:14:05 WIB, the "Tanggal Unduh"
ZIP_TIME = (2024, 8, 12, 9, 14, 6)

rng = random.Random(20240812)


# --------------------------------------------------------------------------- IDs
def d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def sex_digit(sex: str) -> str:
    return "1" if sex == "L" else "2"


def nip_pns(birth: dt.date, tmt: str, sex: str, seq: int) -> str:
    """tmt 'YYYY-MM' (TMT CPNS)."""
    return f"{birth:%Y%m%d}{tmt.replace('-', '')}{sex_digit(sex)}{seq:03d}"


def nip_pppk(birth: dt.date, year: int, sex: str, seq: int) -> str:
    return f"{birth:%Y%m%d}{year}21{sex_digit(sex)}{seq:03d}"


def nik(region: str, birth: dt.date, sex: str, seq: int) -> str:
    day = birth.day + (40 if sex == "P" else 0)
    return f"{region}{day:02d}{birth.month:02d}{birth.year % 100:02d}{seq:04d}"


def spaced_nip(nip: str) -> str:
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def digits(n: int, first: str = "123456789") -> str:
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def nuptk() -> str:
    return digits(16)


def hp() -> str:
    return "08" + rng.choice(["12", "13", "21", "22", "52", "57", "77", "78", "95", "96"]) + digits(8, "0123456789")


def no_kk(region: str) -> str:
    issued = dt.date(2008, 1, 1) + dt.timedelta(days=rng.randrange(0, 5000))
    return f"{region}{issued:%d%m%y}{rng.randrange(1, 300):04d}"


def npwp() -> str:  # 15-digit NPWP (before the 2024 switch to NIK)
    return digits(2) + digits(7, "0123456789") + digits(3, "0123456789") + "000"


# --------------------------------------------------------------------------- exact numbers
# openpyxl writes every number with "%.16g", so an 18-digit int comes out as
# <v>1.96809211994031e+17</v>.  A 64-bit PhpSpreadsheet writes the PHP int's digits, e.g.
# <v>196809211994031002</v>.  To get that, long numbers are written as a marked string and
# the sheet XML is patched into a number cell holding every digit.
NUM_MARK = "\u27e6NUM:"
NUM_END = "\u27e7"
_NUM_CELL = re.compile(r'<c r="([A-Z]+\d+)"( s="\d+")? t="inlineStr"><is><t>' + NUM_MARK + r'(\d+)' + NUM_END
                       + r'</t></is></c>')


def num(digits_: str):
    """A number cell for these digits: an int, or a marked string when %.16g would round it."""
    value = int(digits_)
    return value if value < 10**15 else f"{NUM_MARK}{value}{NUM_END}"


def exact_numbers(name: str, data: bytes) -> bytes:
    if name.startswith("xl/worksheets/sheet"):
        text = data.decode("utf-8")
        text = _NUM_CELL.sub(lambda m: f'<c r="{m.group(1)}"{m.group(2) or ""} t="n"><v>{m.group(3)}</v></c>', text)
        assert NUM_MARK not in text
        data = text.encode("utf-8")
    return data


# --------------------------------------------------------------------------- zip helpers
def save_deterministic(wb: Workbook, path: Path, patch=None, creator: str = "openpyxl") -> None:
    """Save with openpyxl, then rewrite the zip with fixed entry times (and patches)."""
    wb.properties.creator = creator
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "docProps/core.xml":  # openpyxl stamps "modified" with now()
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + FIXED_TIME.strftime(
                    "%Y-%m-%dT%H:%M:%SZ").encode(), data)
            if patch:
                data = patch(item.filename, data)
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zout.writestr(info, data)
    path.write_bytes(out.getvalue())


# =========================================================================== 1. Dapodik
DAPODIK_HEADERS = [
    "No", "Nama", "NUPTK", "JK", "Tempat Lahir", "Tanggal Lahir", "NIP", "Status Kepegawaian",
    "Jenis PTK", "Agama", "Alamat Jalan", "RT", "RW", "Nama Dusun", "Desa/Kelurahan", "Kecamatan",
    "Kode Pos", "Telepon", "HP", "Email", "Tugas Tambahan", "SK CPNS", "Tanggal CPNS",
    "SK Pengangkatan", "TMT Pengangkatan", "Lembaga Pengangkatan", "Pangkat Golongan", "Sumber Gaji",
    "Nama Ibu Kandung", "Status Perkawinan", "Nama Suami/Istri", "NIP Suami/Istri",
    "Pekerjaan Suami/Istri", "TMT PNS", "Sudah Lisensi Kepala Sekolah", "Pernah Diklat Kepengawasan",
    "Keahlian Braille", "Keahlian Bahasa Isyarat", "NPWP", "Nama Wajib Pajak", "Kewarganegaraan",
    "Bank", "Nomor Rekening Bank", "Rekening Atas Nama", "NIK", "No KK", "Karpeg", "Karis/Karsu",
    "Lintang", "Bujur", "NUKS",
]
assert len(DAPODIK_HEADERS) == 51
# Columns whose cells PhpSpreadsheet (64-bit, DefaultValueBinder) writes as numbers when the
# string is all digits without a leading zero.
DAPODIK_NUMERIC_ID_COLS = {"NUPTK", "NIP", "NIP Suami/Istri", "NPWP", "Nomor Rekening Bank",
                           "NIK", "No KK", "HP", "RT", "RW", "Kode Pos"}

DAPODIK_SCHOOL = "SMP NEGERI 2 PEKALONGAN"
DAPODIK_TITLE = [
    "Daftar Guru",
    DAPODIK_SCHOOL,
    "Kecamatan Kec. Pekalongan Barat, Kabupaten Kota Pekalongan, Provinsi Prov. Jawa Tengah",
]
DAPODIK_UNDUH = "Tanggal Unduh: 2024-08-12 09:14:05"
DAPODIK_PENGUNDUH = "Pengunduh: AHMAD MAULANA (smpn2pekalongan@gmail.com)"
DAPODIK_SHEET = "Worksheet"

# kecamatan -> (NIK region code, kode pos, desa list)
KEC = {
    "Kec. Pekalongan Barat": ("337501", "51117", ["Podosugih", "Bendan Kergon", "Tirto", "Pringrejo"]),
    "Kec. Pekalongan Timur": ("337502", "51129", ["Klego", "Poncol", "Noyontaansari", "Gamer"]),
    "Kec. Pekalongan Utara": ("337503", "51141", ["Panjang Wetan", "Krapyak", "Kandang Panjang"]),
    "Kec. Pekalongan Selatan": ("337504", "51139", ["Kuripan Kidul", "Buaran Kradenan", "Jenggot"]),
    "Kec. Wiradesa": ("332614", "51152", ["Kauman", "Bener", "Petukangan"]),
    "Kec. Batang": ("332511", "51216", ["Kauman", "Proyonanggan Selatan", "Kasepuhan"]),
}

# name, JK, tempat lahir, tanggal lahir, status, jenis PTK, tugas tambahan,
# TMT CPNS 'YYYY-MM' (PNS) / appointment year (PPPK) / None, golongan, agama, kecamatan,
# NIP sequence, HP written as number?
DAPODIK_PEOPLE = [
    ("SUGENG RIYADI", "L", "Pekalongan", "1968-09-21", "PNS", "Kepala Sekolah", "Kepala Sekolah", "1994-03", "IV/b", "Islam", "Kec. Pekalongan Barat", 2, True),
    ("Dwi Haryanti", "P", "Batang", "1974-11-02", "PNS", "Guru Mapel", "Wakil Kepala Sekolah", "1999-12", "IV/a", "Islam", "Kec. Batang", 1, True),
    ("BAMBANG SUTRISNO", "L", "Pemalang", "1967-01-15", "PNS", "Guru Mapel", "", "1992-03", "IV/b", "Islam", "Kec. Pekalongan Timur", 3, False),
    ("Sri Wahyuningsih", "P", "Pekalongan", "1971-06-30", "PNS", "Guru Mapel", "Kepala Perpustakaan", "1997-03", "IV/a", "Islam", "Kec. Pekalongan Barat", 2, True),
    ("ENDANG PURWANINGSIH", "P", "Surakarta", "1966-12-08", "PNS", "Guru Mapel", "", "1990-03", "IV/b", "Islam", "Kec. Pekalongan Selatan", 1, True),
    ("Hendra Gunawan Tjahjadi", "L", "Semarang", "1976-04-17", "PNS", "Guru Mapel", "", "2003-12", "III/d", "Katholik", "Kec. Pekalongan Timur", 1, False),
    ("ROTUA SIMANJUNTAK", "P", "Tarutung", "1979-08-25", "PNS", "Guru Mapel", "", "2005-01", "III/d", "Kristen", "Kec. Pekalongan Barat", 4, True),
    ("ANDI MUHAMMAD SYAFRI", "L", "Watampone", "1981-02-11", "PNS", "Guru Mapel", "", "2009-01", "III/c", "Islam", "Kec. Pekalongan Utara", 1, True),
    ("Asep Saepudin", "L", "Garut", "1977-10-05", "PNS", "Guru Mapel", "", "2006-01", "III/d", "Islam", "Kec. Wiradesa", 5, False),
    ("EUIS KOMARIAH", "P", "Tasikmalaya", "1980-05-19", "PNS", "Guru BK", "", "2008-01", "III/c", "Islam", "Kec. Pekalongan Barat", 3, True),
    ("NUR'AINI", "P", "Pekalongan", "1983-07-07", "PNS", "Guru Mapel", "", "2009-01", "III/c", "Islam", "Kec. Pekalongan Barat", 6, False),
    ("SALMA BINTI ALI BAHASUAN", "P", "Pekalongan", "1985-03-28", "PNS", "Guru Mapel", "", "2010-01", "III/b", "Islam", "Kec. Pekalongan Timur", 2, True),
    ("Siti Maemunah", "P", "Kudus", "1972-09-09", "PNS", "Guru BK", "", "1998-03", "IV/a", "Islam", "Kec. Pekalongan Selatan", 1, True),
    ("TRI WAHYUDI", "L", "Batang", "1975-12-31", "PNS", "Guru Mapel", "Wakil Kepala Sekolah", "2000-03", "IV/a", "Islam", "Kec. Batang", 7, False),
    ("Marihot Sitompul", "L", "Pematangsiantar", "1978-03-03", "PNS", "Guru Mapel", "", "2005-01", "III/d", "Kristen", "Kec. Pekalongan Utara", 2, True),
    ("Wahyu Nugroho", "L", "Purwokerto", "1987-10-10", "PNS", "Guru Mapel", "", "2014-12", "III/b", "Islam", "Kec. Pekalongan Barat", 1, True),
    ("DYAH AYU KUSUMAWARDANI", "P", "Semarang", "1990-01-22", "PNS", "Guru Mapel", "", "2020-03", "III/a", "Islam", "Kec. Pekalongan Selatan", 4, False),
    ("Fitri Nur Khasanah", "P", "Pekalongan", "1988-06-14", "PPPK", "Guru Mapel", "", 2022, "IX", "Islam", "Kec. Pekalongan Utara", 11, True),
    ("AGUS SANTOSO", "L", "Pekalongan", "1984-08-17", "PPPK", "Guru Mapel", "", 2022, "IX", "Islam", "Kec. Pekalongan Timur", 12, True),
    ("Retno Dwi Astuti", "P", "Batang", "1986-11-04", "PPPK", "Guru BK", "", 2023, "IX", "Islam", "Kec. Batang", 3, False),
    ("MUHAMAD KHOIRUL ANAM", "L", "Pekalongan", "1982-04-20", "PPPK", "Guru Mapel", "", 2022, "IX", "Islam", "Kec. Wiradesa", 14, True),
    ("Galih Prasetyo", "L", "Pekalongan", "1995-02-09", "Guru Honor Sekolah", "Guru TIK", "", None, "", "Islam", "Kec. Pekalongan Barat", 0, True),
    ("RIZKI AMALIA", "P", "Pekalongan", "1997-09-30", "Guru Honor Sekolah", "Guru Mapel", "", None, "", "Islam", "Kec. Pekalongan Utara", 0, False),
    ("Heru Setiawan", "L", "Batang", "1993-05-05", "Honor Daerah TK.II Kab/Kota", "Guru Mapel", "", None, "", "Islam", "Kec. Batang", 0, True),
    ("LIA OKTAVIANI", "P", "Tegal", "1996-10-12", "Guru Honor Sekolah", "Guru Mapel", "", None, "", "Islam", "Kec. Pekalongan Selatan", 0, True),
]

MOTHERS = ["Sumiyati", "Kasmirah", "Rumini", "Tasripah", "Sukaesih", "Lie Kim Nio", "Tiurma br. Hutabarat",
           "Andi Hasnah", "Iyah Rohayah", "Entin Suhartini", "Khotijah", "Fatimah Baraja", "Partini",
           "Sutiyah", "Nurhayati Hasibuan", "Dariyah", "Ngatinah", "Siti Rohmah", "Sunarti", "Warsini",
           "Masruroh", "Kustiyah", "Daryati", "Rokhayah", "Tarsini"]
SPOUSES = {  # index -> (spouse name, spouse job, spouse is PNS?)
    0: ("Sri Mulyani", "PNS/TNI/Polri", True),
    1: ("Bambang Irawan", "Karyawan Swasta", False),
    2: ("Siti Zulaikha", "Tidak bekerja", False),
    3: ("Joko Purnomo", "PNS/TNI/Polri", True),
    5: ("Maria Lestari", "Wiraswasta", False),
    6: ("Parulian Sihombing", "Karyawan Swasta", False),
    7: ("Andi Tenri Ajeng", "PNS/TNI/Polri", True),
    8: ("Neneng Hasanah", "Lainnya", False),
    9: ("Dadang Suherman", "Wiraswasta", False),
    10: ("Mohammad Fikri", "Karyawan BUMN", False),
    12: ("Sutrisno", "Pensiunan", False),
    13: ("Wiwik Sulistyowati", "PNS/TNI/Polri", True),
    14: ("Lamtiur Simatupang", "Lainnya", False),
    17: ("Arif Rahman", "Buruh", False),
    18: ("Umi Kulsum", "Pedagang Kecil", False),
    20: ("Nur Hidayah", "Tidak bekerja", False),
}
EMAIL_DOMAINS = ["gmail.com", "gmail.com", "yahoo.co.id", "guru.smp.belajar.id"]


def dapodik_records() -> list[dict]:
    recs = []
    for i, (name, jk, place, born, status, jenis, tugas, tmt, gol, agama, kec, seq, hp_num) in enumerate(DAPODIK_PEOPLE):
        b = d(born)
        region, kodepos, desas = KEC[kec]
        r = dict(name=name, jk=jk, place=place, birth=b, status=status, jenis=jenis, tugas=tugas,
                 gol=gol, agama=agama, kec=kec, region=region)
        r["nuptk"] = nuptk() if status != "Guru Honor Sekolah" or i != 24 else ""
        if status == "PNS":
            r["nip"] = nip_pns(b, tmt, jk, seq)
            tmt_date = d(tmt + "-01")
            r["sk_cpns"] = f"813.3/Kpts.{rng.randrange(20, 900)}/BKD/{tmt_date.year - (1 if tmt_date.month < 4 else 0)}"
            r["tgl_cpns"] = tmt_date.isoformat()
            r["sk_angkat"] = f"821.13/{rng.randrange(100, 999)}/{tmt_date.year}"
            r["tmt_angkat"] = tmt_date.isoformat()
            r["lembaga"] = "Pemerintah Kab/Kota"
            r["gaji"] = "APBD Kabupaten/Kota"
            r["tmt_pns"] = dt.date(tmt_date.year + 1, tmt_date.month, 1).isoformat()
        elif status == "PPPK":
            r["nip"] = nip_pppk(b, tmt, jk, seq)
            r["sk_cpns"] = r["tgl_cpns"] = ""
            r["sk_angkat"] = f"800.1.13.2/{rng.randrange(100, 999)}/{tmt}"
            r["tmt_angkat"] = f"{tmt}-0{rng.choice([1, 3])}-01"
            r["lembaga"] = "Pemerintah Kab/Kota"
            r["gaji"] = "APBD Kabupaten/Kota"
            r["tmt_pns"] = ""
        else:
            r["nip"] = ""
            r["sk_cpns"] = r["tgl_cpns"] = ""
            year = 2016 + i % 6
            r["sk_angkat"] = f"421.3/{rng.randrange(10, 99):03d}/SMPN2/VII/{year}"
            r["tmt_angkat"] = f"{year}-07-1{i % 8}"
            if status.startswith("Honor Daerah"):
                r["lembaga"], r["gaji"] = "Pemerintah Kab/Kota", "APBD Kabupaten/Kota"
            else:
                r["lembaga"], r["gaji"] = "Kepala Sekolah", "Sekolah"
            r["tmt_pns"] = ""
        r["nik"] = nik(region, b, jk, rng.randrange(1, 40))
        r["kk"] = no_kk(region)
        r["hp"] = hp()
        r["hp_num"] = hp_num
        r["telepon"] = "(0285) 421" + digits(3, "0123456789") if i in (0, 12) else ""
        words = [re.sub(r"[^a-z]", "", w) for w in name.lower().split() if w not in ("bin", "binti")]
        local = words[0] + (words[-1] if len(words) > 1 else "")
        r["email"] = f"{local}{b.year % 100:02d}@{EMAIL_DOMAINS[i % 4]}"
        desa = desas[i % len(desas)]
        r["alamat"] = rng.choice(["Jl. Urip Sumoharjo", "Jl. Dr. Wahidin", "Jl. Sriwijaya", "Jl. Gajah Mada",
                                  "Jl. Jlamprang", "Jl. Kurinci", "Jl. Merbabu", "Jl. Slamet"]) + \
            rng.choice(["", f" Gg. {rng.randrange(1, 12)}"]) + f" No. {rng.randrange(1, 120)}"
        r["rt"], r["rw"] = str(rng.randrange(1, 9)), str(rng.randrange(1, 12))
        r["dusun"] = ""
        r["desa"] = desa
        r["kodepos"] = kodepos
        r["mother"] = MOTHERS[i]
        if i in SPOUSES:
            sname, sjob, spns = SPOUSES[i]
            r["kawin"] = "Kawin"
            r["spouse"] = sname
            r["spouse_job"] = sjob
            if spns:
                sb = b + dt.timedelta(days=rng.randrange(-900, 900))
                ssex = "P" if jk == "L" else "L"
                r["spouse_nip"] = nip_pns(sb, f"{sb.year + 25}-03", ssex, rng.randrange(1, 9))
            else:
                r["spouse_nip"] = ""
        else:
            r["kawin"] = "Belum Kawin" if b.year >= 1990 else ("Janda/Duda" if i in (4, 11) else "Kawin")
            r["spouse"] = r["spouse_nip"] = ""
            r["spouse_job"] = "" if r["kawin"] != "Kawin" else "Lainnya"
        r["lisensi"] = "Ya" if jenis == "Kepala Sekolah" else "Tidak"
        if i in (1, 5, 9):
            r["npwp"] = npwp()
            r["npwp_text"] = True  # formatted text, as in the real download
        elif status in ("PNS", "PPPK"):
            r["npwp"] = npwp()
            r["npwp_text"] = False
        else:
            r["npwp"] = ""
            r["npwp_text"] = False
        r["wp"] = name if r["npwp"] else ""
        if status in ("PNS", "PPPK"):
            bank = ["BANK JATENG", "BANK JATENG", "BRI", "BNI"][i % 4]
        else:
            bank = ["BRI", ""][i % 2]
        r["bank"] = bank
        if bank == "BANK JATENG":
            r["rek"] = "2" + digits(9, "0123456789")
        elif bank == "BRI":
            r["rek"] = "0" + digits(14, "0123456789")  # leading zero: lost when written as a number
        elif bank == "BNI":
            r["rek"] = digits(10)
        else:
            r["rek"] = ""
        r["rek_nama"] = name if bank else ""
        r["karpeg"] = f"{rng.choice('ACEGKLN')}.{digits(6, '0123456789')}" if status == "PNS" and b.year < 1980 else ""
        r["karis"] = ""
        if i in (0, 3, 16):
            r["lat"] = round(-6.88 - rng.random() * 0.03, 7)
            r["lon"] = round(109.65 + rng.random() * 0.03, 7)
        else:
            r["lat"] = r["lon"] = ""
        recs.append(r)
    return recs


def npwp_fmt(n: str) -> str:
    return f"{n[:2]}.{n[2:5]}.{n[5:8]}.{n[8]}-{n[9:12]}.{n[12:]}"


def dapodik_row(no: int, r: dict, ids_as_text: bool) -> list:
    """The 51 cells of one data row.  IDs as Python ints (numbers) unless ids_as_text."""
    def idcell(s: str):
        if not s:
            return None
        if ids_as_text or s.startswith("0"):
            # PhpSpreadsheet's DefaultValueBinder keeps a leading-zero string as text
            return s
        return num(s)

    hp_cell = num(r["hp"][1:]) if (r["hp_num"] and not ids_as_text) else r["hp"]
    npwp_cell = npwp_fmt(r["npwp"]) + "          " if r["npwp_text"] else idcell(r["npwp"])
    return [
        no, r["name"], idcell(r["nuptk"]), r["jk"], r["place"], r["birth"].isoformat(), idcell(r["nip"]),
        r["status"], r["jenis"], r["agama"], r["alamat"], idcell(r["rt"]), idcell(r["rw"]), r["dusun"] or None,
        r["desa"], r["kec"], idcell(r["kodepos"]), r["telepon"] or None, hp_cell, r["email"],
        r["tugas"] or None, r["sk_cpns"] or None, r["tgl_cpns"] or None, r["sk_angkat"], r["tmt_angkat"],
        r["lembaga"], r["gol"] or None, r["gaji"], r["mother"], r["kawin"], r["spouse"] or None,
        idcell(r["spouse_nip"]), r["spouse_job"] or None, r["tmt_pns"] or None, r["lisensi"], "Tidak",
        "Tidak", "Tidak", npwp_cell, r["wp"] or None, "ID", r["bank"] or None, idcell(r["rek"]),
        r["rek_nama"] or None, idcell(r["nik"]), idcell(r["kk"]), r["karpeg"] or None, r["karis"] or None,
        r["lat"] if r["lat"] != "" else None, r["lon"] if r["lon"] != "" else None, None,
    ]


def make_dapodik_xlsx(recs: list[dict], path: Path, ids_as_text: bool = False) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = DAPODIK_SHEET
    bold = Font(bold=True)
    ws["A1"] = DAPODIK_TITLE[0]
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = DAPODIK_TITLE[1]
    ws["A2"].font = bold
    ws["A3"] = DAPODIK_TITLE[2]
    ws["A4"] = DAPODIK_UNDUH
    ws["C4"] = DAPODIK_PENGUNDUH
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for c, h in enumerate(DAPODIK_HEADERS, 1):
        cell = ws.cell(row=5, column=c, value=h)
        cell.font = bold
        cell.border = box
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for i, r in enumerate(recs):
        for c, v in enumerate(dapodik_row(i + 1, r, ids_as_text), 1):
            cell = ws.cell(row=6 + i, column=c, value=v)
            cell.border = box
            if ids_as_text and isinstance(v, str) and DAPODIK_HEADERS[c - 1] in DAPODIK_NUMERIC_ID_COLS:
                cell.number_format = "@"
            if isinstance(v, str) and v.startswith(NUM_MARK):
                cell.number_format = "General"
    widths = {"A": 5, "B": 30, "C": 20, "E": 16, "F": 12, "G": 22, "H": 24, "I": 16, "K": 30, "T": 32}
    for col, w in widths.items():
        ws.column_dimensions[col].width = w
    save_deterministic(wb, path, patch=exact_numbers, creator="Dapodik")


# =========================================================================== 2. SpreadsheetML
def ss_cell(v, index: int | None = None, style: str | None = None, merge_across: int = 0) -> str:
    attrs = ""
    if index:
        attrs += f' ss:Index="{index}"'
    if merge_across:
        attrs += f' ss:MergeAcross="{merge_across}"'
    if style:
        attrs += f' ss:StyleID="{style}"'
    if isinstance(v, bool):
        raise TypeError(v)
    if isinstance(v, str) and v.startswith(NUM_MARK):
        v = int(v[len(NUM_MARK):-len(NUM_END)])
    if isinstance(v, int):
        data = f'<Data ss:Type="Number">{v}</Data>'
    elif isinstance(v, float):
        data = f'<Data ss:Type="Number">{v!r}</Data>'
    else:
        data = f'<Data ss:Type="String">{escape(v)}</Data>'
    return f"<Cell{attrs}>{data}</Cell>"


def ss_row(cells: list, style: str | None = None) -> str:
    out, skipped = [], False
    for c, v in enumerate(cells, 1):
        if v is None or v == "":
            skipped = True
            continue
        out.append(ss_cell(v, index=c if skipped else None, style=style))
        skipped = False
    return "    <Row>" + "".join(out) + "</Row>"


def make_spreadsheetml(recs: list[dict], path: Path) -> None:
    n_cols = len(DAPODIK_HEADERS)
    lines = [
        '<?xml version="1.0"?>',
        '<?mso-application progid="Excel.Sheet"?>',
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"',
        ' xmlns:o="urn:schemas-microsoft-com:office:office"',
        ' xmlns:x="urn:schemas-microsoft-com:office:excel"',
        ' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"',
        ' xmlns:html="http://www.w3.org/TR/REC-html40">',
        ' <DocumentProperties xmlns="urn:schemas-microsoft-com:office:office">',
        "  <Author>Dapodik</Author>",
        "  <Created>2024-08-12T02:14:05Z</Created>",
        "  <Version>16.00</Version>",
        " </DocumentProperties>",
        ' <ExcelWorkbook xmlns="urn:schemas-microsoft-com:office:excel">',
        "  <WindowHeight>8010</WindowHeight>",
        "  <WindowWidth>14805</WindowWidth>",
        "  <ProtectStructure>False</ProtectStructure>",
        "  <ProtectWindows>False</ProtectWindows>",
        " </ExcelWorkbook>",
        " <Styles>",
        '  <Style ss:ID="Default" ss:Name="Normal">',
        '   <Alignment ss:Vertical="Bottom"/>',
        "   <Borders/>",
        '   <Font ss:FontName="Calibri" x:Family="Swiss" ss:Size="11" ss:Color="#000000"/>',
        "   <Interior/>",
        "   <NumberFormat/>",
        "   <Protection/>",
        "  </Style>",
        '  <Style ss:ID="sTitle">',
        '   <Font ss:FontName="Calibri" x:Family="Swiss" ss:Size="14" ss:Bold="1"/>',
        "  </Style>",
        '  <Style ss:ID="sBold">',
        '   <Font ss:FontName="Calibri" x:Family="Swiss" ss:Size="11" ss:Bold="1"/>',
        "  </Style>",
        '  <Style ss:ID="sHead">',
        '   <Alignment ss:Horizontal="Center" ss:Vertical="Center"/>',
        "   <Borders>",
        '    <Border ss:Position="Bottom" ss:LineStyle="Continuous" ss:Weight="1"/>',
        '    <Border ss:Position="Left" ss:LineStyle="Continuous" ss:Weight="1"/>',
        '    <Border ss:Position="Right" ss:LineStyle="Continuous" ss:Weight="1"/>',
        '    <Border ss:Position="Top" ss:LineStyle="Continuous" ss:Weight="1"/>',
        "   </Borders>",
        '   <Font ss:FontName="Calibri" x:Family="Swiss" ss:Size="11" ss:Bold="1"/>',
        "  </Style>",
        " </Styles>",
        f' <Worksheet ss:Name="{DAPODIK_SHEET}">',
        f'  <Table ss:ExpandedColumnCount="{n_cols}" ss:ExpandedRowCount="{5 + len(recs)}"'
        ' x:FullColumns="1" x:FullRows="1" ss:DefaultRowHeight="15">',
        '   <Column ss:Width="27.75"/>',
        '   <Column ss:Width="165"/>',
        '   <Column ss:Width="110.25"/>',
    ]
    lines.append('    <Row ss:Height="18.75">' + ss_cell(DAPODIK_TITLE[0], style="sTitle", merge_across=n_cols - 1) + "</Row>")
    lines.append("    <Row>" + ss_cell(DAPODIK_TITLE[1], style="sBold", merge_across=n_cols - 1) + "</Row>")
    lines.append("    <Row>" + ss_cell(DAPODIK_TITLE[2], merge_across=n_cols - 1) + "</Row>")
    lines.append("    <Row>" + ss_cell(DAPODIK_UNDUH, merge_across=1) + ss_cell(DAPODIK_PENGUNDUH, merge_across=4) + "</Row>")
    lines.append("    <Row>" + "".join(ss_cell(h, style="sHead") for h in DAPODIK_HEADERS) + "</Row>")
    for i, r in enumerate(recs):
        lines.append(ss_row(dapodik_row(i + 1, r, ids_as_text=False)))
    lines += [
        "  </Table>",
        '  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel">',
        "   <PageSetup>",
        '    <Header x:Margin="0.3"/>',
        '    <Footer x:Margin="0.3"/>',
        '    <PageMargins x:Bottom="0.75" x:Left="0.7" x:Right="0.7" x:Top="0.75"/>',
        "   </PageSetup>",
        "   <Selected/>",
        "   <ProtectObjects>False</ProtectObjects>",
        "   <ProtectScenarios>False</ProtectScenarios>",
        "  </WorksheetOptions>",
        " </Worksheet>",
        "</Workbook>",
    ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))


# =========================================================================== 3. LibreOffice .xls
def make_libreoffice_xls(recs: list[dict], out: Path) -> str:
    """Convert a text-ID variant of file 1 with LibreOffice.  Returns a status line.

    In a BIFF .xls every number is an IEEE double (15-16 significant digits), so the
    18-digit NIPs of file 1 would already be damaged.  The variant has the ID columns as
    text cells (number format "@"), as an operator who formatted them as text would have.
    With LibreOffice 7.4.7.2 the output was byte-identical from run to run (the input xlsx
    is deterministic); another LibreOffice version will write different bytes.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return "soffice not found: dapodik_daftar_guru_libreoffice.xls not made"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "dapodik_daftar_guru_libreoffice.xlsx"
        make_dapodik_xlsx(recs, src, ids_as_text=True)
        profile = tmp / "profile"
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xls",
             "--outdir", str(tmp), str(src)],
            check=True, capture_output=True, timeout=180,
        )
        shutil.copyfile(tmp / "dapodik_daftar_guru_libreoffice.xls", out)
    return f"converted with {soffice}"


# =========================================================================== 4. Dinas
DINAS_SCHOOL_REGION = {"Kec. Batang": "332511", "Kec. Subah": "332509", "Kec. Limpung": "332508",
                       "Kec. Bandar": "332502", "Kec. Wiradesa": "332614", "Kec. Kendal": "332401"}
# name, L/P, tempat, tgl lahir, status, pangkat, gol, jabatan, mapel, unit kerja, KET,
# TMT (PNS 'YYYY-MM' / PPPK year), NIP seq, has NUPTK, birth date as text?
DINAS_PEOPLE = [
    ("Drs. Sutarno, M.Pd.", "L", "Batang", "1966-04-12", "PNS", "Pembina Utama Muda", "IV/c", "Guru Ahli Madya", "Matematika", "SMP Negeri 1 Batang", "Kepala Sekolah", "1991-03", 4, True, False),
    ("Dra. Sri Wahyuni, M.Pd.", "P", "Pekalongan", "1967-08-17", "PNS", "Pembina Tk. I", "IV/b", "Guru Madya", "Bahasa Indonesia", "SMP Negeri 1 Batang", "", "1993-03", 2, True, False),
    ("Agung Jumari, S.Pd., M.Pd.", "L", "Batang", "1978-08-17", "PNS", "Penata Tk. I", "III/d", "Guru Ahli Muda", "Matematika", "SMP Negeri 1 Batang", "", "2005-01", 3, True, True),
    ("Hj. Nur Khasanah, S.Pd.", "P", "Batang", "1976-02-29", "PNS", "Pembina", "IV/a", "Guru Ahli Madya", "IPA", "SMPN 2 Batang", "", "2000-03", 1, True, False),
    ("Bagus Prasetyo Wibowo, S.Pd.", "L", "Semarang", "1988-12-03", "PNS", "Penata Muda Tk. I", "III/b", "Guru Ahli Pertama", "Bahasa Inggris", "SMPN 2 Batang", "", "2019-12", 1, True, False),
    ("Rr. Dyah Ayu Pitaloka, S.Pd.", "P", "Yogyakarta", "1990-06-21", "PNS", "Penata Muda", "III/a", "Guru Ahli Pertama", "IPS", "SMPN 2 Batang", "", "2020-03", 2, True, False),
    ("Ayu Lestari, S.Pd.", "P", "Batang", "1998-11-11", "GTT", "-", "-", "-", "Prakarya", "SMPN 2 Batang", "", None, 0, False, False),
    ("Muhammad Iqbal Assegaf, S.Pd.I.", "L", "Pekalongan", "1985-10-14", "PPPK", "-", "IX", "Guru Ahli Pertama", "PAI dan Budi Pekerti", "SMP Negeri 1 Subah", "", 2022, 17, True, False),
    ("Siti Rahmawati, S.Pd.", "P", "Batang", "1984-01-09", "PPPK", "-", "IX", "Guru Ahli Pertama", "Bahasa Indonesia", "SMP Negeri 1 Subah", "", 2022, 18, True, True),
    ("H. Mochamad Ikhsan, S.Pd., M.Si.", "L", "Kendal", "1970-11-27", "PNS", "Pembina Tk. I", "IV/b", "Guru Ahli Madya", "IPA", "SMP Negeri 1 Subah", "Kepala Sekolah", "1997-03", 1, True, False),
    ("Slamet Widodo, S.Pd.", "L", "Batang", "1973-07-01", "PNS", "Pembina", "IV/a", "Guru Madya", "IPS", "SMP Negeri 1 Subah", "", "1999-03", 5, True, False),
    ("Slamet Widodo, S.Pd.", "L", "Batang", "1973-07-01", "PNS", "Pembina", "IV/a", "Guru Madya", "IPS", "SMP Negeri 2 Subah", "", "1999-03", 5, True, False),
    ("Tri Handayani, S.Pd.", "P", "Batang", "1981-10-30", "PPPK", "-", "IX", "Guru Ahli Pertama", "Bimbingan Konseling", "SMP Negeri 2 Subah", "", 2023, 9, True, False),
    ("Wahyudi, S.Pd.", "L", "Batang", "1977-05-20", "PNS", "Penata Tk. I", "III/d", "Guru Ahli Muda", "PJOK", "SMP Negeri 2 Subah", "", "2006-01", 2, True, False),
    ("Dr. Bambang Hermanto, M.Pd.", "L", "Purworejo", "1965-01-28", "PNS", "Pembina Utama Madya", "IV/d", "Guru Ahli Utama", "Bahasa Indonesia", "SMP Negeri 2 Subah", "", "1989-03", 1, True, False),
    ("Yuliana Kristanti, S.Si.", "P", "Salatiga", "1982-07-05", "PNS", "Penata Tk. I", "III/d", "Guru Ahli Muda", "Matematika", "SMP Negeri 1 Limpung", "", "2008-01", 3, True, False),
    ("Teguh Santoso, S.Pd.", "L", "Batang", "1979-03-23", "PNS", "Penata", "III/c", "Guru Muda", "PJOK", "SMP Negeri 1 Limpung", "", "2009-01", 2, True, True),
    ("Rosmawati br. Siregar, S.Pd.", "P", "Medan", "1983-09-16", "PNS", "Penata", "III/c", "Guru Ahli Muda", "Bahasa Inggris", "SMP Negeri 1 Limpung", "", "2009-01", 4, True, False),
    ("Andi Nurhalizah, S.Pd., M.Pd.", "P", "Makassar", "1986-05-02", "PNS", "Penata Muda Tk. I", "III/b", "Guru Ahli Pertama", "IPA", "SMP Negeri 1 Bandar", "", "2019-12", 6, True, False),
    ("Eko Budi Santoso, S.Kom.", "L", "Batang", "1992-08-08", "GTT", "-", "-", "-", "Informatika", "SMP Negeri 1 Bandar", "", None, 0, True, False),
    ("Dewi Safitri, S.Pd.", "P", "Batang", "1994-04-26", "GTT", "-", "-", "-", "Seni Budaya", "SMP Negeri 1 Bandar", "", None, 0, True, False),
    ("Lukman Hakim, S.Pd.", "L", "Batang", "1980-12-12", "GTY", "-", "-", "-", "Matematika", "SMP Muhammadiyah 1 Batang", "", None, 0, True, False),
    ("Fatimah Azzahra, S.Pd.", "P", "Pekalongan", "1991-03-15", "GTY", "-", "-", "-", "IPA", "SMP Muhammadiyah 1 Batang", "", None, 0, True, False),
]
DINAS_FLOAT_NIP_NAME = "H. Mochamad Ikhsan, S.Pd., M.Si."  # mistake (a)
DINAS_DUP_NAME = "Slamet Widodo, S.Pd."  # mistake (b)
DINAS_NOID_NAME = "Ayu Lestari, S.Pd."  # mistake (c)
DINAS_TITLE = ["DATA GURU SMP SE-KABUPATEN BATANG", "DINAS PENDIDIKAN DAN KEBUDAYAAN KABUPATEN BATANG",
               "TAHUN 2024"]
DINAS_HEADER_ROW = 5
DINAS_FIRST_DATA_ROW = 8
DINAS_SHEET = "DATA GURU"


def dinas_records() -> list[dict]:
    recs, cache = [], {}
    for (name, jk, place, born, status, pangkat, gol, jab, mapel, unit, ket, tmt, seq, has_nuptk, born_text) in DINAS_PEOPLE:
        b = d(born)
        if name in cache:  # the same person listed again (mistake b): same IDs
            r = dict(cache[name], unit=unit, ket=ket)
            recs.append(r)
            continue
        r = dict(name=name, jk=jk, place=place, birth=b, status=status, pangkat=pangkat, gol=gol, jab=jab,
                 mapel=mapel, unit=unit, ket=ket, born_text=born_text)
        if status == "PNS":
            r["nip"] = nip_pns(b, tmt, jk, seq)
        elif status == "PPPK":
            r["nip"] = nip_pppk(b, tmt, jk, seq)
        else:
            r["nip"] = ""
        r["nuptk"] = nuptk() if has_nuptk else ""
        r["hp"] = hp() if name != DINAS_NOID_NAME else ""
        cache[name] = r
        recs.append(r)
    return recs


def make_dinas_xlsx(recs: list[dict], path: Path) -> dict:
    wb = Workbook()
    ws = wb.active
    ws.title = DINAS_SHEET
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    bold = Font(name="Arial", bold=True, size=11)
    normal = Font(name="Arial", size=10)
    last_col = 15  # A..O
    L = get_column_letter(last_col)
    for i, t in enumerate(DINAS_TITLE, 1):
        ws.cell(row=i, column=1, value=t).font = Font(name="Arial", bold=True, size=12)
        ws.cell(row=i, column=1).alignment = Alignment(horizontal="center")
        ws.merge_cells(f"A{i}:{L}{i}")
    h1, h2 = DINAS_HEADER_ROW, DINAS_HEADER_ROW + 1
    top = {1: "NO", 2: "NAMA GURU\n(dengan gelar)", 3: "NIP", 4: "NUPTK", 5: "L/P",
           6: "TEMPAT, TANGGAL LAHIR", 8: "PANGKAT / GOLONGAN", 10: "JABATAN", 11: "MATA PELAJARAN\nYANG DIAMPU",
           12: "UNIT KERJA", 13: "STATUS\nKEPEGAWAIAN", 14: "NO. HP", 15: "KET."}
    sub = {6: "Tempat", 7: "Tgl. Lahir", 8: "Pangkat", 9: "Gol/Ruang"}
    for c in range(1, last_col + 1):
        for r_ in (h1, h2):
            cell = ws.cell(row=r_, column=c)
            cell.border = box
            cell.alignment = center
            cell.font = bold
    for c, t in top.items():
        ws.cell(row=h1, column=c, value=t)
    for c, t in sub.items():
        ws.cell(row=h2, column=c, value=t)
    for c in range(1, last_col + 1):
        if c not in sub:
            ws.merge_cells(start_row=h1, start_column=c, end_row=h2, end_column=c)
    ws.merge_cells(start_row=h1, start_column=6, end_row=h1, end_column=7)
    ws.merge_cells(start_row=h1, start_column=8, end_row=h1, end_column=9)
    num_row = h2 + 1
    for c in range(1, last_col + 1):
        cell = ws.cell(row=num_row, column=c, value=c)
        cell.border = box
        cell.alignment = Alignment(horizontal="center")
        cell.font = Font(name="Arial", italic=True, size=8)
    rows = {}
    r_ = DINAS_FIRST_DATA_ROW
    for no, rec in enumerate(recs, 1):
        if rec["name"] == DINAS_FLOAT_NIP_NAME:
            nip_cell = float(int(rec["nip"]))  # typed as a number: Excel keeps 15 digits
            assert nip_cell == 197011271997031000.0
        elif rec["nip"]:
            nip_cell = spaced_nip(rec["nip"]) if no % 3 else rec["nip"]
        else:
            nip_cell = "-"
        if rec["born_text"]:
            born_cell = rec["birth"].strftime("%d-%m-%Y")
        else:
            born_cell = dt.datetime(rec["birth"].year, rec["birth"].month, rec["birth"].day)
        if rec["hp"] and no == 14:
            hp_cell = int(rec["hp"])  # typed as a number: the leading 0 is gone
        elif rec["hp"] and no % 2:
            hp_cell = f"{rec['hp'][:4]}-{rec['hp'][4:8]}-{rec['hp'][8:]}"
        else:
            hp_cell = rec["hp"] or "-"
        values = [no, rec["name"], nip_cell, rec["nuptk"] or "-", rec["jk"], rec["place"], born_cell,
                  rec["pangkat"], rec["gol"], rec["jab"], rec["mapel"], rec["unit"], rec["status"], hp_cell,
                  rec["ket"] or None]
        for c, v in enumerate(values, 1):
            cell = ws.cell(row=r_, column=c, value=v)
            cell.border = box
            cell.font = normal
            if c == 3 and isinstance(v, float):
                cell.number_format = "0"
            if c == 7 and isinstance(v, dt.datetime):
                cell.number_format = "DD/MM/YYYY"
            if c in (1, 5, 9):
                cell.alignment = Alignment(horizontal="center")
        rows.setdefault(rec["name"], []).append(r_)
        r_ += 1
    last_data = r_ - 1
    jumlah_row = r_
    ws.cell(row=jumlah_row, column=1, value="JUMLAH").font = bold
    ws.cell(row=jumlah_row, column=1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=jumlah_row, start_column=1, end_row=jumlah_row, end_column=2)
    formula = f"=COUNTA(B{DINAS_FIRST_DATA_ROW}:B{last_data})"
    ws.cell(row=jumlah_row, column=3, value=formula).font = bold
    ws.cell(row=jumlah_row, column=4, value="orang").font = bold
    for c in range(1, last_col + 1):
        ws.cell(row=jumlah_row, column=c).border = box
    sig = ["Batang, 12 Januari 2024", "Kepala Dinas Pendidikan dan Kebudayaan", "Kabupaten Batang",
           None, None, None, "Drs. H. Achmad Taufiq, M.Si.", "Pembina Utama Muda", "NIP. 19680101 199303 1 005"]
    sig_start = jumlah_row + 3
    for k, t in enumerate(sig):
        row = sig_start + k
        ws.merge_cells(start_row=row, start_column=12, end_row=row, end_column=15)
        if t:
            cell = ws.cell(row=row, column=12, value=t)
            cell.alignment = Alignment(horizontal="center")
            cell.font = Font(name="Arial", size=11, bold=(k == 6), underline=("single" if k == 6 else None))
    widths = {"A": 5, "B": 34, "C": 23, "D": 19, "E": 5, "F": 13, "G": 12, "H": 20, "I": 9, "J": 19,
              "K": 22, "L": 26, "M": 13, "N": 16, "O": 15}
    for col, w in widths.items():
        ws.column_dimensions[col].width = w
    ws.row_dimensions[h1].height = 30
    ws.row_dimensions[h2].height = 18
    ws.freeze_panes = f"C{DINAS_FIRST_DATA_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = f"{h1}:{num_row}"

    count = len(recs)
    jumlah_ref = f"C{jumlah_row}"

    def patch(name: str, data: bytes) -> bytes:
        # Excel stores the formula's last value; openpyxl writes an empty <v/>.
        if name == "xl/worksheets/sheet1.xml":
            text = data.decode("utf-8")
            pat = re.compile(rf'(<c r="{jumlah_ref}"[^>]*>)<f>([^<]*)</f><v\s*/?>(</v>)?')
            text, n = pat.subn(lambda m: f'{m.group(1)}<f>{m.group(2)}</f><v>{count}</v>', text)
            assert n == 1, "JUMLAH formula not found"
            data = text.encode("utf-8")
        return data

    save_deterministic(wb, path, patch=patch, creator="Bidang PTK Disdikbud Batang")
    return dict(rows=rows, jumlah_row=jumlah_row, sig_start=sig_start, last_data=last_data)


# =========================================================================== 5. SIMPKB / Balai
SIMPKB_HEADERS = [
    "NIK", "NUPTK", "NIP", "NO UKG", "NAMA LENGKAP", "TEMPAT LAHIR", "TANGGAL LAHIR", "USIA", "KELAMIN",
    "JABATAN", "GOLONGAN", "NOMOR HP", "EMAIL", "MAPEL AJAR", "KELAS AJAR", "NAMA SEKOLAH", "NPSN SEKOLAH",
    "NAMA KEPALA SEKOLAH", "NOMOR HP KEPALA SEKOLAH", "JENJANG SEKOLAH", "KABUPATEN SEKOLAH",
    "PROVINSI SEKOLAH", "KETERANGAN",
]
SIMPKB_SHEET = "Sheet1"
SIMPKB_SCHOOLS = {  # name -> (NPSN, kepala sekolah, kab, prov)
    "SMP NEGERI 1 KAJEN": ("20326011", "DRS. MOH. NASRUDIN, M.PD.", "KAB. PEKALONGAN", "JAWA TENGAH"),
    "SMP NEGERI 2 WIRADESA": ("20326054", "SUPRIYADI, S.PD., M.M.", "KAB. PEKALONGAN", "PROV. JAWA TENGAH"),
    "SMP NEGERI 2 PEKALONGAN": ("20325102", "SUGENG RIYADI, S.PD., M.PD.", "KOTA PEKALONGAN", "JAWA TENGAH"),
    "SMP NEGERI 6 PEKALONGAN": ("20325106", "DR. SLAMET RAHARJO, M.PD.", "KOTA PEKALONGAN", "PROV. JAWA TENGAH"),
    "SMP ISLAM PEKALONGAN": ("20325210", "H. ABDUL GHOFUR, S.AG., M.PD.I", "KOTA PEKALONGAN", "JAWA TENGAH"),
    "SMP KRISTEN PEKALONGAN": ("20325215", "YOHANES SETIAWAN, S.TH.", "KOTA PEKALONGAN", "JAWA TENGAH"),
    "SMP NEGERI 1 BATANG": ("20324001", "DRS. SUTARNO, M.PD.", "KAB. BATANG", "PROV. JAWA TENGAH"),
    "SMP NEGERI 1 LIMPUNG": ("20324031", "SUDARMONO, S.PD., M.PD.", "KAB. BATANG", "JAWA TENGAH"),
}
AS_OF = dt.date(2024, 8, 1)
# name, kelamin, tempat, lahir, status ('PNS'/'PPPK'/'-'), golongan, TMT, NIP seq, NIK region,
# has NUPTK, has UKG, mapel, kelas, school, jabatan, keterangan, HP form ('08'/'62')
SIMPKB_PEOPLE = [
    ("JOKO FAUZI, S.PD., M.PD.", "L", "PEKALONGAN", "1975-05-12", "PNS", "IV/a", "2000-03", 2, "332612", True, True, "MATEMATIKA", "VIII, IX", "SMP NEGERI 1 KAJEN", "GURU", "CALON GURU INTI", "08"),
    ("DRA. HJ. SITI AMINAH, M.PD.", "P", "BATANG", "1966-03-03", "PNS", "IV/b", "1991-03", 3, "332511", True, True, "BAHASA INDONESIA", "VII", "SMP NEGERI 1 BATANG", "GURU", "CALON GURU INTI", "62"),
    ("MUHAMMAD RIDWAN BIN ABDULLAH, S.PD.I", "L", "PEKALONGAN", "1986-09-09", "-", "-", None, 0, "337502", False, True, "PENDIDIKAN AGAMA ISLAM DAN BUDI PEKERTI", "VII, VIII", "SMP ISLAM PEKALONGAN", "GURU", "", "08"),
    ("NUR'AINI, S.PD.", "P", "PEKALONGAN", "1983-07-07", "PNS", "III/c", "2009-01", 6, None, True, True, "ILMU PENGETAHUAN ALAM (IPA)", "VIII", "SMP NEGERI 2 PEKALONGAN", "GURU", "", "08"),
    ("ANDI MUHAMMAD ILHAM, S.PD., M.PD.", "L", "WATAMPONE", "1982-12-01", "PNS", "III/d", "2008-01", 1, "332614", True, True, "IPA", "IX", "SMP NEGERI 2 WIRADESA", "GURU", "", "62"),
    ("ROSMAWATI BR. SIREGAR, S.PD.", "P", "MEDAN", "1983-09-16", "PNS", "III/c", "2009-01", 4, None, True, True, "BAHASA INGGRIS", "VII, VIII", "SMP NEGERI 1 LIMPUNG", "GURU", "", "08"),
    ("MELIANA TANUWIJAYA, S.SI.", "P", "SEMARANG", "1989-04-23", "-", "-", None, 0, "337502", True, True, "MATEMATIKA", "VII", "SMP KRISTEN PEKALONGAN", "GURU", "", "08"),
    ("DR. SLAMET RAHARJO, M.PD.", "L", "PEKALONGAN", "1969-02-14", "PNS", "IV/c", "1994-03", 1, "337503", True, True, "PENDIDIKAN JASMANI, OLAHRAGA DAN KESEHATAN", "IX", "SMP NEGERI 6 PEKALONGAN", "KEPALA SEKOLAH", "CALON KEPALA SEKOLAH INTI", "08"),
    ("BAYU AJI NUGROHO, S.OR.", "L", "PEKALONGAN", "1994-06-30", "-", "-", None, 0, "337504", True, True, "PJOK", "VII, VIII, IX", "SMP NEGERI 6 PEKALONGAN", "GURU", "", "62"),
    ("CUCU SUMIATI, S.PD.", "P", "CIAMIS", "1987-01-19", "PPPK", "IX", 2022, 21, "337501", True, True, "BAHASA INGGRIS", "VIII", "SMP NEGERI 6 PEKALONGAN", "GURU", "", "08"),
    ("WAHYU HIDAYAT, S.KOM.", "L", "BATANG", "1993-11-25", "-", "-", None, 0, "332511", False, True, "TEKNOLOGI INFORMASI DAN KOMUNIKASI", "VII, VIII, IX", "SMP NEGERI 1 BATANG", "GURU", "", "08"),
    ("DIAN PERMATASARI, S.PD.", "P", "PEKALONGAN", "1988-08-08", "PNS", "III/b", "2019-12", 7, "332612", True, True, "BAHASA INGGRIS", "IX", "SMP NEGERI 1 KAJEN", "GURU", "", "08"),
    ("H. AHMAD MUZAKKI, S.AG., M.PD.I", "L", "KENDAL", "1972-10-10", "PNS", "IV/a", "1999-03", 3, "332614", True, False, "PENDIDIKAN AGAMA ISLAM DAN BUDI PEKERTI", "VIII, IX", "SMP NEGERI 2 WIRADESA", "GURU", "", "62"),
    ("ENDAH SUSILOWATI, S.PD.", "P", "BATANG", "1980-03-31", "PNS", "III/c", "2006-01", 2, "332508", True, True, "ILMU PENGETAHUAN ALAM (IPA)", "VII", "SMP NEGERI 1 LIMPUNG", "GURU", "", "08"),
    ("FAJAR NUGRAHA, S.PD.", "L", "TEGAL", "1996-05-17", "-", "-", None, 0, None, False, False, "PENDIDIKAN JASMANI, OLAHRAGA DAN KESEHATAN", "VII", "SMP ISLAM PEKALONGAN", "GURU", "BELUM ADA NUPTK", "08"),
]
SIMPKB_NOID_NAME = "FAJAR NUGRAHA, S.PD."


def age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def simpkb_records(dapodik: list[dict], dinas: list[dict]) -> list[dict]:
    same = {"NUR'AINI, S.PD.": next(r for r in dapodik if r["name"] == "NUR'AINI"),
            "ROSMAWATI BR. SIREGAR, S.PD.": next(r for r in dinas if r["name"] == "Rosmawati br. Siregar, S.Pd.")}
    recs = []
    for (name, jk, place, born, status, gol, tmt, seq, region, has_nuptk, has_ukg, mapel, kelas, school, jab,
         ket, hp_form) in SIMPKB_PEOPLE:
        b = d(born)
        r = dict(name=name, jk=jk, place=place, birth=b, status=status, gol=gol, mapel=mapel, kelas=kelas,
                 school=school, jab=jab, ket=ket)
        if name in same:  # the same person as in another file: same IDs
            o = same[name]
            r["nip"], r["nuptk"] = o["nip"], o["nuptk"]
            r["nik"] = o.get("nik") or nik("332508", b, jk, 3)
        else:
            r["nip"] = (nip_pns(b, tmt, jk, seq) if status == "PNS" else
                        nip_pppk(b, tmt, jk, seq) if status == "PPPK" else "")
            r["nuptk"] = nuptk() if has_nuptk else ""
            r["nik"] = nik(region, b, jk, rng.randrange(1, 30)) if region else ""
        r["ukg"] = ("2015" + digits(8, "0123456789")) if has_ukg else ""
        h = hp()
        r["hp"] = h
        r["hp_cell"] = "62" + h[1:] if hp_form == "62" else h
        words = [re.sub(r"[^a-z]", "", w.lower()) for w in name.split(",")[0].split()
                 if not w.endswith(".") and w not in ("BIN", "BINTI")]
        local = words[0] + ("." + words[-1] if len(words) > 1 else "")
        r["email"] = f"{local}{b.year % 100:02d}@{'guru.smp.belajar.id' if status != '-' else 'gmail.com'}"
        recs.append(r)
    return recs


def make_simpkb_xlsx(recs: list[dict], path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = SIMPKB_SHEET
    for c, h in enumerate(SIMPKB_HEADERS, 1):
        ws.cell(row=1, column=c, value=h).font = Font(bold=True)
    for i, r in enumerate(recs):
        npsn, kepsek, kab, prov = SIMPKB_SCHOOLS[r["school"]]
        kepsek_hp = "08" + str(abs(hash_str(kepsek)) % 10**10).rjust(10, "1")
        nip_cell = r["nip"] or ("-" if i % 2 else None)
        values = [r["nik"] or None, r["nuptk"] or None, nip_cell, r["ukg"] or None, r["name"], r["place"],
                  r["birth"].strftime("%d-%m-%Y"), age(r["birth"], AS_OF), r["jk"], r["jab"], r["gol"],
                  r["hp_cell"], r["email"], r["mapel"], r["kelas"], r["school"], npsn, kepsek, kepsek_hp, "SMP",
                  kab, prov, r["ket"] or None]
        for c, v in enumerate(values, 1):
            cell = ws.cell(row=2 + i, column=c, value=v)
            if isinstance(v, str) and v.isdigit():
                cell.number_format = "@"
    for col, w in {"A": 19, "B": 19, "C": 21, "D": 15, "E": 40, "N": 40, "P": 26, "R": 32}.items():
        ws.column_dimensions[col].width = w
    save_deterministic(wb, path, creator="SIMPKB")


def hash_str(s: str) -> int:  # stable (unlike hash())
    h = 0
    for ch in s:
        h = (h * 131 + ord(ch)) % (10**12)
    return h


# =========================================================================== checks
def _digits(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return re.sub(r"\D", "", str(v))


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def read_rows(path: Path, sheet: str) -> list[list]:
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook
        wb = load_workbook(path)
        assert wb.sheetnames == [sheet], (path.name, wb.sheetnames)
        return [list(r) for r in wb[sheet].iter_rows(values_only=True)]
    if path.read_bytes().startswith(b"<?xml"):  # SpreadsheetML: python-calamine cannot read it
        import xml.etree.ElementTree as ET
        ns = "{urn:schemas-microsoft-com:office:spreadsheet}"
        root = ET.parse(path).getroot()
        sheets = root.findall(f"{ns}Worksheet")
        assert [w.get(f"{ns}Name") for w in sheets] == [sheet]
        out = []
        for row in sheets[0].find(f"{ns}Table").findall(f"{ns}Row"):
            cells: list = []
            for cell in row.findall(f"{ns}Cell"):
                if cell.get(f"{ns}Index"):
                    cells += [None] * (int(cell.get(f"{ns}Index")) - 1 - len(cells))
                data = cell.find(f"{ns}Data")
                value = data.text if data is not None else None
                if data is not None and data.get(f"{ns}Type") == "Number":
                    value = int(value) if re.fullmatch(r"-?\d+", value) else float(value)
                cells.append(value)
                cells += [None] * int(cell.get(f"{ns}MergeAcross") or 0)
            out.append(cells + [None] * (51 - len(cells)))
        return out
    from python_calamine import CalamineWorkbook
    wb = CalamineWorkbook.from_path(str(path))
    assert wb.sheet_names == [sheet], (path.name, wb.sheet_names)
    return wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def check() -> None:
    """Read every file back and check it against expected.py."""
    sys.path.insert(0, str(HERE))
    import expected

    for fname, spec in expected.FILES.items():
        path = HERE / fname
        if not path.exists():
            print(f"  (not checked: {fname} is missing)")
            continue
        rows = read_rows(path, spec["sheet"])
        for r, title in spec["title_rows"].items():
            assert _text(rows[r - 1][0]) == title.split(" (A4)")[0], (fname, r, rows[r - 1][0])
        header = [_text(v) for v in rows[spec["header_row"] - 1]]
        if isinstance(spec["headers"], list):
            assert header[:len(spec["headers"])] == spec["headers"], (fname, header)
        else:
            for c, h in spec["headers"].items():
                assert header[c - 1] == h, (fname, c, header[c - 1])
            sub = [_text(v) for v in rows[spec["header_row"]]]
            for c, h in spec["sub_headers"].items():
                assert sub[c - 1] == h, (fname, c, sub[c - 1])
            assert [_text(v) for v in rows[spec["column_number_row"] - 1]][:15] == [str(i) for i in range(1, 16)]
        first, last = spec["first_data_row"], spec["last_data_row"]
        assert last - first + 1 == spec["data_rows"]
        name_col = spec["name_column"] - 1
        for r in range(first, last + 1):
            assert _text(rows[r - 1][name_col]), (fname, r, "no name")
        after = rows[last] if len(rows) > last else []
        assert not _text(after[name_col] if len(after) > name_col else None), (fname, "row after the data")
        for p in spec["people"]:
            row = rows[p["row"] - 1]
            cells = [_digits(v) for v in row]
            for key in ("nuptk", "nip", "nik", "ukg_number"):
                if key in p:
                    assert p[key] in cells, (fname, p["row"], key, p[key], row)
            phone = p.get("phone")
            if phone:
                assert phone in cells or phone[1:] in cells or "62" + phone[1:] in cells, (fname, p["row"], phone)
            raw_name = _text(row[name_col])
            assert raw_name.lower().replace(".", "").replace(",", "") == \
                p["full_name"].lower().replace(".", "").replace(",", ""), (fname, p["row"], raw_name)
            born = p["birth_date"]
            texts = [_text(v)[:10] for v in row]
            ddmmyyyy = f"{born[8:]}-{born[5:7]}-{born[:4]}"
            assert born in texts or ddmmyyyy in texts, (fname, p["row"], born, texts)
            if "nip" in p and p["nip"][12:14] != "21":
                assert p["nip"][:8] == born.replace("-", ""), (fname, p["row"], "NIP birth date")
            if "nip" in p:
                assert p["nip"][14] == ("1" if p["gender"] == "L" else "2")
            if "nik" in p:
                day = int(p["nik"][6:8])
                assert (day > 40) == (p["gender"] == "P")
                assert f"{day - 40 * (day > 40):02d}{p['nik'][8:12]}" == born[8:] + born[5:7] + born[2:4]
    # every digit of the IDs is in the xlsx XML
    with zipfile.ZipFile(HERE / "dapodik_daftar_guru.xlsx") as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    for p in expected.FILES["dapodik_daftar_guru.xlsx"]["people"]:
        for key in ("nip", "nik", "nuptk"):
            if p.get(key):
                assert f"<v>{p[key]}</v>" in xml, (key, p[key])
    ss = (HERE / "dapodik_daftar_guru_2003.xls").read_text(encoding="utf-8")
    assert '<Data ss:Type="Number">198307072009012006</Data>' in ss
    with zipfile.ZipFile(HERE / "dinas_data_guru.xlsx") as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<v>1.97011271997031e+17</v>" in xml
    assert "<f>COUNTA(B8:B30)</f><v>23</v>" in xml
    lo = HERE / "dapodik_daftar_guru_libreoffice.xls"
    if lo.exists():
        rows = read_rows(lo, "Worksheet")
        for r in rows[5:30]:
            for c in (2, 6, 44, 45):  # NUPTK, NIP, NIK, No KK: text, every digit
                assert r[c] == "" or (isinstance(r[c], str) and r[c].isdigit()), (r[1], c, r[c])
        assert rows[15][6] == "198307072009012006"
    print("  checks against expected.py passed")


def main() -> None:
    dap = dapodik_records()
    din = dinas_records()
    simp = simpkb_records(dap, din)
    make_dapodik_xlsx(dap, HERE / "dapodik_daftar_guru.xlsx")
    make_spreadsheetml(dap, HERE / "dapodik_daftar_guru_2003.xls")
    status = make_libreoffice_xls(dap, HERE / "dapodik_daftar_guru_libreoffice.xls")
    info = make_dinas_xlsx(din, HERE / "dinas_data_guru.xlsx")
    make_simpkb_xlsx(simp, HERE / "simpkb_peserta.xlsx")
    print("libreoffice:", status)
    print("dinas rows:", {k: v for k, v in info["rows"].items()}, "JUMLAH row", info["jumlah_row"],
          "signature from row", info["sig_start"])
    if "--dump" in sys.argv:
        for name, recs in (("dapodik", dap), ("dinas", din), ("simpkb", simp)):
            for r in recs:
                print(name, {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in r.items()})
    if "--nocheck" not in sys.argv:
        check()


if __name__ == "__main__":
    main()
