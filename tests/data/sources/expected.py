"""What a correct importer must make of the files in this folder (made by make_sources.py).

Plain data, no test code.  Row numbers are Excel's (1-based, as the operator sees them).
For each file: the sheet, the header row(s), the data rows, the rows that are wrong on
purpose and why, and for a few chosen people the exact values to store.

Person keys: full_name, nuptk, nip, nik, ukg_number, gender ("L"/"P"), birth_date (ISO),
phone (as dialled, leading 0), email, school, npsn, region ("Kota X" / "Kabupaten Y"),
province, subject, rank (pangkat), golongan, employment, functional_position, extra_duty,
position ("guru" / "kepala sekolah").  A key is left out when the file does not carry the
value.  "row" is the Excel row the person is on (not a stored value).

Conventions used for the values:
* full_name: Dapodik names unchanged (Dapodik has no titles); names written in capitals
  (SIMPKB) in proper case with the titles as Indonesians write them, keeping the dots as
  written ("S.PD.I" -> "S.Pd.I", "S.PD.I." would be "S.Pd.I."), particles in lower case
  ("bin", "binti", Batak "br."), and "Nur'aini" after an apostrophe.
* employment: PNS, PPPK, GTY (GTY/PTY), GTT, Honorer (Guru Honor Sekolah, Honor Daerah).
* rank: pangkat in full ("Penata Muda Tingkat I" for "Penata Muda Tk. I"); golongan as
  "III/b"; PPPK golongan "IX" with no rank.
* functional_position as written: the older names ("Guru Madya", "Guru Muda") are not
  renamed to the 2023 ones ("Guru Ahli ...").
* subject: one name per subject (IPA for "ILMU PENGETAHUAN ALAM (IPA)", PJOK for
  "PENDIDIKAN JASMANI, OLAHRAGA DAN KESEHATAN", Informatika for "TEKNOLOGI INFORMASI DAN
  KOMUNIKASI", Pendidikan Agama Islam for "PENDIDIKAN AGAMA ISLAM DAN BUDI PEKERTI").
* school: as the file writes it.
* A PPPK NIP is birth date + appointment YEAR + "21" + sex + sequence
  (e.g. 198806142022212011): positions 9-14 are not a YYYYMM and must not be rejected.
"""

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

_DAPODIK_SCHOOL = {"school": "SMP NEGERI 2 PEKALONGAN", "region": "Kota Pekalongan",
                   "province": "Jawa Tengah"}

_DAPODIK_PEOPLE = [
    dict(row=6, full_name="SUGENG RIYADI", nuptk="7863768447385770", nip="196809211994031002",
         nik="3375012109680003", gender="L", birth_date="1968-09-21", phone="085774815201",
         email="sugengriyadi68@gmail.com", golongan="IV/b", employment="PNS",
         extra_duty="Kepala Sekolah", position="kepala sekolah", **_DAPODIK_SCHOOL),
    dict(row=16, full_name="NUR'AINI", nuptk="9089568717628017", nip="198307072009012006",
         nik="3375014707830034", gender="P", birth_date="1983-07-07", phone="087839782782",
         email="nuraini83@yahoo.co.id", golongan="III/c", employment="PNS", position="guru",
         **_DAPODIK_SCHOOL),
    dict(row=23, full_name="Fitri Nur Khasanah", nuptk="8755783999397136", nip="198806142022212011",
         nik="3375035406880038", gender="P", birth_date="1988-06-14", phone="081227977409",
         email="fitrikhasanah88@gmail.com", golongan="IX", employment="PPPK", position="guru",
         **_DAPODIK_SCHOOL),
    dict(row=30, full_name="LIA OKTAVIANI", nik="3375045210960039", gender="P",
         birth_date="1996-10-12", phone="081354227624", email="liaoktaviani96@gmail.com",
         employment="Honorer", position="guru", **_DAPODIK_SCHOOL),
]

_DAPODIK = dict(
    sheet="Worksheet",
    title_rows={1: "Daftar Guru", 2: "SMP NEGERI 2 PEKALONGAN",
                3: "Kecamatan Kec. Pekalongan Barat, Kabupaten Kota Pekalongan, Provinsi Prov. Jawa Tengah",
                4: "Tanggal Unduh: 2024-08-12 09:14:05 (A4); Pengunduh: AHMAD MAULANA "
                   "(smpn2pekalongan@gmail.com) (C4)"},
    header_rows=(5,),
    header_row=5,
    headers=DAPODIK_HEADERS,
    name_column=2,
    first_data_row=6,
    data_rows=25,
    last_data_row=30,
    bad_rows={},
    people=_DAPODIK_PEOPLE,
    notes=(
        "Every row imports.  NUPTK, NIP, NIK, No KK, NPWP (most), HP (most), Nomor Rekening, "
        "NIP Suami/Istri, RT, RW and Kode Pos are NUMBER cells holding every digit (a 64-bit "
        "PhpSpreadsheet writes a PHP int); an HP written as a number has lost its leading 0 "
        "(85774815201 is 085774815201).  Strings with a leading zero stay text (some HP, BRI "
        "account numbers).  Dates are text 'YYYY-MM-DD'.  Pangkat Golongan holds only the "
        "golongan ('IV/b'; PPPK 'IX'; honorer empty), so no rank.  No subject, no NPSN in this "
        "list.  NIP Suami/Istri, Nama Ibu Kandung, Nama Wajib Pajak and Rekening Atas Nama are "
        "other people's data or the same name again: never the teacher's own fields.  Rows 23-26 "
        "are PPPK with PPPK-form NIPs.  NUR'AINI (row 16) is the same person as SIMPKB row 5."
    ),
)

_SS2003 = dict(_DAPODIK)
_SS2003.update(
    notes=(
        "Same content as dapodik_daftar_guru.xlsx, written as SpreadsheetML (Excel 2003 XML) "
        "named .xls: IDs as <Data ss:Type=\"Number\">198307072009012006</Data> (every digit in "
        "the text; Excel itself would round them to 15 digits on opening), title rows merged "
        "with ss:MergeAcross, row 4 has its second cell at ss:Index=\"3\", empty cells skipped "
        "with ss:Index.  CRLF line ends, UTF-8."
    ),
)

_LIBREOFFICE = dict(_DAPODIK)
_LIBREOFFICE.update(
    notes=(
        "A BIFF8 .xls saved by LibreOffice (soffice --convert-to xls) from a variant of "
        "dapodik_daftar_guru.xlsx whose ID columns (NUPTK, NIP, NIK, No KK, NPWP, HP, Nomor "
        "Rekening, NIP Suami/Istri, RT, RW, Kode Pos) are TEXT cells (format '@'), as an "
        "operator who formatted them as text would have: in a BIFF .xls a number is a double, "
        "so an 18-digit NIP stored as a number would already be damaged.  Every HP is text "
        "with its leading 0 here."
    ),
)

_DINAS_REGION = {"region": "Kabupaten Batang"}
_DINAS = dict(
    sheet="DATA GURU",
    title_rows={1: "DATA GURU SMP SE-KABUPATEN BATANG",
                2: "DINAS PENDIDIKAN DAN KEBUDAYAAN KABUPATEN BATANG", 3: "TAHUN 2024"},
    header_rows=(5, 6),  # two-row header; row 7 holds the column numbers 1..15
    header_row=5,
    headers={  # column -> header text in row 5 (cells merged down over row 6, except 6-9)
        1: "NO", 2: "NAMA GURU\n(dengan gelar)", 3: "NIP", 4: "NUPTK", 5: "L/P",
        6: "TEMPAT, TANGGAL LAHIR", 8: "PANGKAT / GOLONGAN", 10: "JABATAN",
        11: "MATA PELAJARAN\nYANG DIAMPU", 12: "UNIT KERJA", 13: "STATUS\nKEPEGAWAIAN",
        14: "NO. HP", 15: "KET.",
    },
    sub_headers={6: "Tempat", 7: "Tgl. Lahir", 8: "Pangkat", 9: "Gol/Ruang"},  # row 6
    merged_header_cells=["A5:A6", "B5:B6", "C5:C6", "D5:D6", "E5:E6", "F5:G5", "H5:I5", "J5:J6",
                         "K5:K6", "L5:L6", "M5:M6", "N5:N6", "O5:O6"],
    column_number_row=7,
    name_column=2,
    first_data_row=8,
    data_rows=23,
    last_data_row=30,
    footer_rows={31: "JUMLAH (A31:B31 merged), C31 =COUNTA(B8:B30) with cached value 23, D31 'orang'"},
    signature_rows=(34, 42),  # L34:O42, each line merged L:O; lines 37-39 blank
    signature=["Batang, 12 Januari 2024", "Kepala Dinas Pendidikan dan Kebudayaan", "Kabupaten Batang",
               "Drs. H. Achmad Taufiq, M.Si.", "Pembina Utama Muda", "NIP. 19680101 199303 1 005"],
    bad_rows={
        14: "no ID at all: NIP '-', NUPTK '-' (Ayu Lestari, S.Pd., GTT, SMPN 2 Batang); the importer "
            "must report the row, not invent an ID",
        17: "NIP typed as a number and rounded by Excel: the cell is the float 197011271997031000.0 "
            "(<v>1.97011271997031e+17</v>, format '0'); the real NIP 197011271997031001 cannot be "
            "recovered.  The importer must say the NIP is damaged and not store 197011271997031000 "
            "(H. Mochamad Ikhsan, S.Pd., M.Si., Kepala Sekolah SMP Negeri 1 Subah; his NUPTK "
            "7225106005780448 is intact)",
        18: "first of two rows for the same person (same NIP 197307011999031005, Slamet Widodo, "
            "S.Pd.) listed under SMP Negeri 1 Subah",
        19: "the same person again under SMP Negeri 2 Subah: one person, reported as a duplicate",
    },
    people=[
        dict(row=8, full_name="Drs. Sutarno, M.Pd.", nip="196604121991031004", nuptk="5251808923113638",
             gender="L", birth_date="1966-04-12", phone="081222897010", school="SMP Negeri 1 Batang",
             subject="Matematika", rank="Pembina Utama Muda", golongan="IV/c", employment="PNS",
             functional_position="Guru Ahli Madya", extra_duty="Kepala Sekolah",
             position="kepala sekolah", **_DINAS_REGION),
        dict(row=9, full_name="Dra. Sri Wahyuni, M.Pd.", nip="196708171993032002", nuptk="6030679169353761",
             gender="P", birth_date="1967-08-17", phone="081227810157", school="SMP Negeri 1 Batang",
             subject="Bahasa Indonesia", rank="Pembina Tingkat I", golongan="IV/b", employment="PNS",
             functional_position="Guru Madya", position="guru", **_DINAS_REGION),
        dict(row=16, full_name="Siti Rahmawati, S.Pd.", nip="198401092022212018", nuptk="6887553406337187",
             gender="P", birth_date="1984-01-09", phone="081240820837", school="SMP Negeri 1 Subah",
             subject="Bahasa Indonesia", golongan="IX", employment="PPPK",
             functional_position="Guru Ahli Pertama", position="guru", **_DINAS_REGION),
        dict(row=21, full_name="Wahyudi, S.Pd.", nip="197705202006011002", nuptk="5151037732303330",
             gender="L", birth_date="1977-05-20", phone="087707093128", school="SMP Negeri 2 Subah",
             subject="PJOK", rank="Penata Tingkat I", golongan="III/d", employment="PNS",
             functional_position="Guru Ahli Muda", position="guru", **_DINAS_REGION),
        dict(row=29, full_name="Lukman Hakim, S.Pd.", nuptk="1947098943400799", gender="L",
             birth_date="1980-12-12", phone="087801098264", school="SMP Muhammadiyah 1 Batang",
             subject="Matematika", employment="GTY", position="guru", **_DINAS_REGION),
    ],
    notes=(
        "Typed by a Dinas staff member.  NIP cells are text, mostly spaced '19660412 199103 1 004', "
        "every third one unspaced.  TGL LAHIR is an Excel date (format DD/MM/YYYY) except rows 10, "
        "16 and 24, typed as text 'DD-MM-YYYY'; row 11 is born on 29 February 1976.  NO. HP is "
        "text, '0812-2289-7010' or '081227810157', except row 21 typed as the number 87707093128 "
        "(leading 0 lost).  '-' means none in NIP, NUPTK, Pangkat, Gol/Ruang, JABATAN.  Honorer "
        "(GTT) and GTY teachers have NUPTK but no NIP.  KET 'Kepala Sekolah' marks the principals "
        "(rows 8 and 17).  Rosmawati br. Siregar (row 25) is the same person as SIMPKB row 7.  "
        "The region is only in the title ('SE-KABUPATEN BATANG'); no province, NPSN, NIK or email."
    ),
)

_SIMPKB = dict(
    sheet="Sheet1",
    title_rows={},
    header_rows=(1,),
    header_row=1,
    headers=[
        "NIK", "NUPTK", "NIP", "NO UKG", "NAMA LENGKAP", "TEMPAT LAHIR", "TANGGAL LAHIR", "USIA",
        "KELAMIN", "JABATAN", "GOLONGAN", "NOMOR HP", "EMAIL", "MAPEL AJAR", "KELAS AJAR",
        "NAMA SEKOLAH", "NPSN SEKOLAH", "NAMA KEPALA SEKOLAH", "NOMOR HP KEPALA SEKOLAH",
        "JENJANG SEKOLAH", "KABUPATEN SEKOLAH", "PROVINSI SEKOLAH", "KETERANGAN",
    ],
    name_column=5,
    first_data_row=2,
    data_rows=15,
    last_data_row=16,
    bad_rows={
        16: "none of NUPTK, NIP, NIK or NO UKG (FAJAR NUGRAHA, S.PD., KETERANGAN 'BELUM ADA NUPTK'): "
            "the importer must report the row as having no ID",
    },
    people=[
        dict(row=2, full_name="Joko Fauzi, S.Pd., M.Pd.", nik="3326121205750010", nuptk="7996477726753155",
             nip="197505122000031002", ukg_number="201580947020", gender="L", birth_date="1975-05-12",
             phone="087878101643", email="joko.fauzi75@guru.smp.belajar.id", subject="Matematika",
             school="SMP NEGERI 1 KAJEN", npsn="20326011", region="Kabupaten Pekalongan",
             province="Jawa Tengah", golongan="IV/a", position="guru"),
        dict(row=3, full_name="Dra. Hj. Siti Aminah, M.Pd.", nik="3325114303660020",
             nuptk="9303598462850703", nip="196603031991032003", ukg_number="201509785718", gender="P",
             birth_date="1966-03-03", phone="085788637950", email="siti.aminah66@guru.smp.belajar.id",
             subject="Bahasa Indonesia", school="SMP NEGERI 1 BATANG", npsn="20324001",
             region="Kabupaten Batang", province="Jawa Tengah", golongan="IV/b", position="guru"),
        dict(row=4, full_name="Muhammad Ridwan bin Abdullah, S.Pd.I", nik="3375020909860010",
             ukg_number="201590839573", gender="L", birth_date="1986-09-09", phone="081251861986",
             email="muhammad.abdullah86@gmail.com", subject="Pendidikan Agama Islam",
             school="SMP ISLAM PEKALONGAN", npsn="20325210", region="Kota Pekalongan",
             province="Jawa Tengah", position="guru"),
        dict(row=5, full_name="Nur'aini, S.Pd.", nik="3375014707830034", nuptk="9089568717628017",
             nip="198307072009012006", ukg_number="201553352291", gender="P", birth_date="1983-07-07",
             phone="081258577941", email="nuraini83@guru.smp.belajar.id", subject="IPA",
             school="SMP NEGERI 2 PEKALONGAN", npsn="20325102", region="Kota Pekalongan",
             province="Jawa Tengah", golongan="III/c", position="guru"),
        dict(row=9, full_name="Dr. Slamet Raharjo, M.Pd.", nik="3375031402690026",
             nuptk="8798743190958543", nip="196902141994031001", ukg_number="201549705500", gender="L",
             birth_date="1969-02-14", phone="089652834418", email="slamet.raharjo69@guru.smp.belajar.id",
             subject="PJOK", school="SMP NEGERI 6 PEKALONGAN", npsn="20325106",
             region="Kota Pekalongan", province="Jawa Tengah", golongan="IV/c",
             position="kepala sekolah"),
    ],
    notes=(
        "No title row: the header is row 1 (as the Balai list read by a Laravel "
        "'DiklatController' is).  All IDs are text cells (format '@').  NIP is empty or '-' for "
        "non-PNS; PPPK row 11 has a PPPK-form NIP and GOLONGAN 'IX'.  Rows 4 and 12 have NO UKG "
        "but no NUPTK; row 14 has NUPTK but no NO UKG.  TANGGAL LAHIR is text 'DD-MM-YYYY'; USIA "
        "is the age on 1 August 2024.  NOMOR HP is '08...' or '628...' (rows 3, 6, 10, 14): store "
        "with a leading 0.  KABUPATEN SEKOLAH is 'KAB. X' or 'KOTA X'; PROVINSI SEKOLAH 'JAWA "
        "TENGAH' or 'PROV. JAWA TENGAH'.  NAMA KEPALA SEKOLAH and NOMOR HP KEPALA SEKOLAH are "
        "another person (except row 9, a principal, whose school's head is himself written "
        "differently: the column holds the head of SMP NEGERI 6 PEKALONGAN as the Balai has it).  "
        "MAPEL AJAR mixes long and short forms of one subject (rows 5/15 vs 6: IPA; 9/16 vs 10: "
        "PJOK).  JABATAN 'GURU' / 'KEPALA SEKOLAH'.  Row 5 is the same person as Dapodik row 16 "
        "(NUR'AINI), row 7 the same as Dinas row 25 (Rosmawati br. Siregar)."
    ),
)

FILES = {
    "dapodik_daftar_guru.xlsx": _DAPODIK,
    "dapodik_daftar_guru_2003.xls": _SS2003,
    "dapodik_daftar_guru_libreoffice.xls": _LIBREOFFICE,
    "dinas_data_guru.xlsx": _DINAS,
    "simpkb_peserta.xlsx": _SIMPKB,
}

# The same person in two files (for merge / duplicate detection across imports).
SAME_PERSON = [
    {"nip": "198307072009012006",
     "rows": {"dapodik_daftar_guru.xlsx": 16, "simpkb_peserta.xlsx": 5}},
    {"nip": "198309162009012004",
     "rows": {"dinas_data_guru.xlsx": 25, "simpkb_peserta.xlsx": 7}},
]
