"""Participants import: pairs from a workbook, every problem located, all or nothing, re-import."""


import pytest

from kemitraan_desktop import demo, pairing, people, programs
from kemitraan_desktop.errors import Cancelled, ValidationError
from kemitraan_desktop.spreadsheets import import_participants

HEADER = ["Nama", "NUPTK", "Peran", "Mata Pelajaran", "NUPTK Pembimbing"]


class Cast:
    """The demo roster by role: per subject two hosts (inti), four visitors (mitra), and
    ten imbas-level teachers per visitor, all SMP."""

    def __init__(self):
        roster = demo.demo_people()
        self.hosts = roster[:8]
        blocks = [roster[8 + i * 11: 8 + (i + 1) * 11] for i in range(16)]
        self.visitors = [block[0] for block in blocks]
        self.imbas = {block[0]["nuptk"]: block[1:] for block in blocks}

    def inti(self, subject, k=0):
        return [h for h in self.hosts if h["subject"] == subject][k]

    def mitra(self, subject, k=0):
        return [v for v in self.visitors if v["subject"] == subject][k]

    def imbas_of(self, mitra, k=0):
        return self.imbas[mitra["nuptk"]][k]


CAST = Cast()


@pytest.fixture
def db(demo_copy):
    return demo_copy


@pytest.fixture
def program(db):
    return programs.create_program(db, "Kemitraan SMP", 2019, "SMP", labels="Inti,Mitra,Imbas",
                                   ratios="3,10")


def row(person, tier, mentor=None, subject=None, name=None):
    return [name or person["full_name"], person["nuptk"], tier, subject,
            mentor["nuptk"] if mentor else None]


def messages(report):
    return [str(p) for p in report.problems]


def participants(db, program_id):
    """NUPTK -> (tier label, subject, mentor's NUPTK)."""
    return {p["nuptk"]: (p["tier_label"], p["subject"], p["mentor_nuptk"])
            for p in programs.list_participants(db, program_id)}


def count(db, program_id):
    return db.execute("SELECT count(*) FROM participants WHERE program_id = ?",
                      [program_id]).fetchone()[0]


def assert_located(report, expected):
    found = messages(report)
    for start in expected:
        assert any(m.startswith(start) for m in found), (start, "\n".join(found))


IPA, MTK = "IPA", "Matematika"
INTI, INTI2 = CAST.inti(IPA), CAST.inti(IPA, 1)
MITRA, MITRA2 = CAST.mitra(IPA), CAST.mitra(IPA, 1)
IMBAS, IMBAS2 = CAST.imbas_of(MITRA), CAST.imbas_of(MITRA, 1)


def tree_rows():
    """Mentees before their mentors, as a ministry list may have them."""
    return [row(IMBAS, "Guru Imbas", MITRA), row(IMBAS2, "imbas", MITRA),
            row(MITRA, "Mitra", INTI), row(MITRA2, "GURU MITRA", INTI),
            row(INTI, "Guru Inti"), row(INTI2, 1)]


# ---------------------------------------------------------------- the good case

def test_a_clean_file_creates_the_participants_and_their_pairs(db, program, make_xlsx):
    path = make_xlsx(tree_rows(), HEADER, above=[["DAFTAR PESERTA KEMITRAAN 2019"], []])
    report = import_participants(db, program, path)
    assert report.ok, messages(report)
    assert (report.header_row, report.rows, report.new, report.updated, report.pairs) == (3, 6, 6, 0, 4)
    assert report.written and report.summary() == (
        "Impor selesai: 6 peserta baru, 0 diperbarui, 0 tidak berubah, 4 pasangan ditetapkan.")
    assert participants(db, program) == {
        INTI["nuptk"]: ("Inti", IPA, None), INTI2["nuptk"]: ("Inti", IPA, None),
        MITRA["nuptk"]: ("Mitra", IPA, INTI["nuptk"]), MITRA2["nuptk"]: ("Mitra", IPA, INTI["nuptk"]),
        IMBAS["nuptk"]: ("Imbas", IPA, MITRA["nuptk"]), IMBAS2["nuptk"]: ("Imbas", IPA, MITRA["nuptk"]),
    }
    assert [f.message for f in pairing.check_program(db, program) if f.severity == pairing.ERROR] == []


def test_reimporting_the_same_file_changes_nothing(db, program, make_xlsx):
    path = make_xlsx(tree_rows(), HEADER)
    import_participants(db, program, path)
    before = db.execute("SELECT * FROM participants ORDER BY id").fetchall()
    again = import_participants(db, program, path)
    assert (again.new, again.updated, again.unchanged, again.pairs, again.unpaired) == (0, 0, 6, 0, 0)
    assert again.summary() == ("Impor selesai: 0 peserta baru, 0 diperbarui, 6 tidak berubah, "
                               "0 pasangan ditetapkan.")
    assert db.execute("SELECT * FROM participants ORDER BY id").fetchall() == before


def test_people_already_in_the_program_get_the_files_tier_subject_and_mentor(db, program, make_xlsx):
    ids = {p["nuptk"]: p["id"] for p in people.list_people(db)}
    programs.add_participants(db, program, [ids[INTI["nuptk"]]], 1)
    programs.add_participants(db, program, [ids[MITRA["nuptk"]]], 3, subject=MTK)
    report = import_participants(db, program, make_xlsx([row(MITRA, "Mitra", INTI, subject="ipa")], HEADER))
    assert (report.new, report.updated, report.unchanged, report.pairs) == (0, 1, 0, 1), messages(report)
    assert participants(db, program)[MITRA["nuptk"]] == ("Mitra", IPA, INTI["nuptk"])


def test_a_row_without_a_mentor_keeps_an_existing_pair(db, program, make_xlsx):
    import_participants(db, program, make_xlsx(tree_rows(), HEADER))
    report = import_participants(db, program, make_xlsx([row(MITRA, "Mitra"), row(IMBAS, "Imbas")], HEADER))
    assert (report.updated, report.unchanged) == (0, 2)
    assert participants(db, program)[MITRA["nuptk"]][2] == INTI["nuptk"]
    assert participants(db, program)[IMBAS["nuptk"]][2] == MITRA["nuptk"]


def test_mentors_already_in_the_program_need_not_be_in_the_file(db, program, make_xlsx):
    import_participants(db, program, make_xlsx([row(INTI, "Inti"), row(MITRA, "Mitra", INTI)], HEADER))
    report = import_participants(db, program, make_xlsx([row(IMBAS, "Imbas", MITRA)], HEADER))
    assert (report.new, report.pairs) == (1, 1), messages(report)
    assert participants(db, program)[IMBAS["nuptk"]] == ("Imbas", IPA, MITRA["nuptk"])


def test_a_moved_mentor_is_recorded_as_an_update(db, program, make_xlsx):
    import_participants(db, program, make_xlsx(tree_rows(), HEADER))
    report = import_participants(db, program, make_xlsx([row(MITRA2, "Mitra", INTI2)], HEADER))
    assert (report.updated, report.pairs) == (1, 1)
    assert participants(db, program)[MITRA2["nuptk"]][2] == INTI2["nuptk"]


def test_a_tier_change_drops_the_pairs_that_no_longer_fit(db, program, make_xlsx):
    import_participants(db, program, make_xlsx(tree_rows(), HEADER))
    report = import_participants(db, program, make_xlsx([row(MITRA, "Inti")], HEADER))
    assert (report.updated, report.unpaired) == (1, 3), messages(report)  # its mentor, two imbas
    assert "3 pasangan lama dilepas" in report.summary()
    found = participants(db, program)
    assert found[MITRA["nuptk"]] == ("Inti", IPA, None)
    assert found[IMBAS["nuptk"]] == ("Imbas", IPA, None)


def test_subject_defaults_to_the_roster_and_a_column_overrides_it(db, program, make_xlsx):
    mtk_inti = CAST.inti(MTK)
    report = import_participants(db, program, make_xlsx(
        [[INTI["full_name"], INTI["nuptk"], "Inti"], [mtk_inti["full_name"], mtk_inti["nuptk"], "Inti"]],
        ["Nama", "NUPTK", "Peran"]))
    assert report.ok
    assert participants(db, program)[mtk_inti["nuptk"]][1] == MTK
    import_participants(db, program, make_xlsx([row(mtk_inti, "Inti", subject="mtk")], HEADER))
    assert participants(db, program)[mtk_inti["nuptk"]][1] == MTK
    import_participants(db, program, make_xlsx([row(mtk_inti, "Inti", subject="B. Inggris")], HEADER))
    assert participants(db, program)[mtk_inti["nuptk"]][1] == "Bahasa Inggris"


# ---------------------------------------------------------------- problems

def test_every_problem_kind_is_located_and_nothing_is_written(db, program, make_xlsx):
    mtk_inti, sister = CAST.inti(MTK), CAST.mitra(IPA, 2)
    rows = [
        ["Orang Asing", "1234567890123456", "Mitra", None, None],          # row 2
        ["Angka Rusak", 3344556677889900, "Mitra", None, None],            # row 3
        row(CAST.mitra(IPA, 3), "Pengamat", INTI),                         # row 4
        row(MITRA, "Mitra", INTI),                                         # row 5
        row(MITRA2, "Mitra", {"nuptk": "9999999999999999"}),               # row 6
        row(IMBAS, "Imbas", mtk_inti),                                     # row 7
        row(sister, "Mitra", mtk_inti),                                    # row 8
        row(MITRA, "Mitra", INTI),                                         # row 9: twice
        row(IMBAS2, "Imbas", IMBAS2),                                      # row 10
        row(INTI, "Inti", mtk_inti),                                       # row 11
        row(CAST.imbas_of(MITRA, 2), "Imbas", MITRA, name="Budi Santoso"),  # row 12
        row(CAST.imbas_of(MITRA, 3), "Imbas", CAST.mitra(MTK)),            # row 13
        row(mtk_inti, "Inti"),                                             # row 14
        [None, None, "Mitra", None, None],                                 # row 15
    ]
    report = import_participants(db, program, make_xlsx(rows, HEADER))
    assert_located(report, [
        "Baris 2, kolom 'NUPTK': NUPTK 1234567890123456 tidak ada di daftar guru; impor dulu "
        "orangnya ke daftar guru",
        "Baris 3, kolom 'NUPTK': nomor tersimpan sebagai angka (3,34456E+15)",
        "Baris 4, kolom 'Peran': 'Pengamat' bukan tingkat di program ini; isi salah satu dari "
        "Inti, Mitra, Imbas (atau angka 1 s.d. 3)",
        f"Baris 5, kolom 'NUPTK': {MITRA['full_name']} muncul lagi di baris 9",
        f"Baris 9, kolom 'NUPTK': {MITRA['full_name']} sudah ada di baris 5",
        "Baris 6, kolom 'NUPTK Pembimbing': NUPTK pembimbing 9999999999999999 tidak ada di daftar guru",
        f"Baris 7, kolom 'NUPTK Pembimbing': {IMBAS['full_name']} (Imbas) hanya dapat dibimbing "
        "oleh Mitra, bukan oleh",
        f"Baris 8, kolom 'NUPTK Pembimbing': Mata pelajaran berbeda: {sister['full_name']} (Mitra) "
        f"IPA, {mtk_inti['full_name']} (Inti) Matematika.",
        "Baris 10, kolom 'NUPTK Pembimbing': seseorang tidak dapat membimbing dirinya sendiri",
        "Baris 11, kolom 'NUPTK Pembimbing': Inti ada di tingkat teratas dan tidak dibimbing siapa pun",
        f"Baris 12, kolom 'Nama': NUPTK {CAST.imbas_of(MITRA, 2)['nuptk']} milik "
        f"{CAST.imbas_of(MITRA, 2)['full_name']}, bukan Budi Santoso. Periksa nomornya",
        f"Baris 13, kolom 'NUPTK Pembimbing': {CAST.mitra(MTK)['full_name']} belum menjadi peserta "
        "program ini dan tidak ada di berkas; tambahkan barisnya sebagai Mitra",
        "Baris 15, kolom 'NUPTK': isi NUPTK, NIP atau NIK peserta",
    ])
    assert not any(m.startswith("Baris 14") for m in messages(report))
    assert (report.written, report.skipped, count(db, program)) == (False, 13, 0)
    assert report.summary().startswith("Tidak ada yang disimpan: ")
    assert report.new == 1  # row 14 alone is good


def test_problems_are_listed_by_row_then_column(db, program, make_xlsx):
    rows = [["Budi Santoso", MITRA["nuptk"], "Pengamat", None, "123"], row(INTI, "Inti")]
    report = import_participants(db, program, make_xlsx(rows, HEADER))
    assert [m.split(":")[0] for m in messages(report)] == [
        "Baris 2, kolom 'Nama'", "Baris 2, kolom 'Peran'", "Baris 2, kolom 'NUPTK Pembimbing'"]


def test_a_mentor_over_the_ratio_flags_every_row_giving_them_a_mentee(db, program, make_xlsx):
    rows = [row(INTI, "Inti")] + [row(CAST.mitra(IPA, k), "Mitra", INTI) for k in range(4)]
    report = import_participants(db, program, make_xlsx(rows, HEADER))
    message = (f"{INTI['full_name']} (Inti) akan membimbing 4 Mitra, melebihi rasio 1:3:10 "
               "(paling banyak 3): baris 3, 4, 5, 6")
    assert messages(report) == [f"Baris {n}, kolom 'NUPTK Pembimbing': {message}" for n in (3, 4, 5, 6)]
    assert count(db, program) == 0
    # Three go in; one more later is over the ratio together with those recorded.
    import_participants(db, program, make_xlsx(rows[:4], HEADER))
    late = import_participants(db, program, make_xlsx([rows[4]], HEADER))
    assert messages(late) == [
        f"Baris 2, kolom 'NUPTK Pembimbing': {INTI['full_name']} (Inti) akan membimbing 4 Mitra, "
        "melebihi rasio 1:3:10 (paling banyak 3): baris 2, ditambah 3 yang sudah tercatat"]


def test_moving_a_mentee_away_makes_room_in_the_same_file(db, program, make_xlsx):
    rows = [row(INTI, "Inti"), row(INTI2, "Inti")] + \
        [row(CAST.mitra(IPA, k), "Mitra", INTI) for k in range(3)]
    import_participants(db, program, make_xlsx(rows, HEADER))
    moved = [row(CAST.mitra(IPA, 0), "Mitra", INTI2), row(CAST.mitra(IPA, 3), "Mitra", INTI)]
    report = import_participants(db, program, make_xlsx(moved, HEADER))
    assert report.ok and (report.new, report.updated, report.pairs) == (1, 1, 2), messages(report)


def test_jenjang_differs_between_mentee_and_mentor(db, program, make_xlsx):
    people.save_person(db, {"full_name": "Sri Lestari, S.Pd.", "nuptk": "1234567890123456",
                            "jenjang": "SMA", "subject": "IPA", "region": "Kabupaten Kupang"})
    rows = [row(INTI, "Inti"), ["Sri Lestari", "1234567890123456", "Mitra", None, INTI["nuptk"]]]
    report = import_participants(db, program, make_xlsx(rows, HEADER))
    assert messages(report) == [
        f"Baris 3, kolom 'NUPTK Pembimbing': Jenjang berbeda: Sri Lestari, S.Pd. (Mitra) SMA, "
        f"{INTI['full_name']} (Inti) SMP."]


def test_a_subject_given_in_the_file_is_checked_against_the_mentor(db, program, make_xlsx):
    rows = [row(INTI, "Inti"), row(MITRA, "Mitra", INTI, subject="Matematika")]
    report = import_participants(db, program, make_xlsx(rows, HEADER))
    assert "Mata pelajaran berbeda" in messages(report)[0]
    assert messages(report)[0].startswith("Baris 3, kolom 'NUPTK Pembimbing'")


def test_ids_that_point_at_two_people_are_a_problem(db, program, make_xlsx):
    rows = [[MITRA["full_name"], MITRA["nuptk"], INTI["nip"], "Mitra"]]
    report = import_participants(db, program, make_xlsx(rows, ["Nama", "NUPTK", "NIP", "Peran"]))
    assert messages(report) == [
        f"Baris 2, kolom 'NIP': NIP {INTI['nip']} milik {INTI['full_name']}, sedangkan NUPTK "
        f"{MITRA['nuptk']} milik {MITRA['full_name']}"]


def test_a_mentor_name_is_cross_checked_and_never_used_alone(db, program, make_xlsx):
    header = ["NUPTK", "Peran", "NUPTK Pembimbing", "Nama Pembimbing"]
    rows = [[INTI["nuptk"], "Inti", None, None],
            [MITRA["nuptk"], "Mitra", INTI["nuptk"], "Bambang Sutrisno"],
            [MITRA2["nuptk"], "Mitra", None, INTI["full_name"]]]
    report = import_participants(db, program, make_xlsx(rows, header))
    assert messages(report) == [
        f"Baris 3, kolom 'Nama Pembimbing': NUPTK pembimbing {INTI['nuptk']} milik "
        f"{INTI['full_name']}, bukan Bambang Sutrisno. Periksa nomornya",
        "Baris 4, kolom 'Nama Pembimbing': pembimbing dicari dari nomornya, bukan dari namanya; "
        "isi juga NUPTK atau NIP pembimbing"]


def test_a_mentor_column_holding_names_is_explained(db, program, make_xlsx):
    rows = [[INTI["nuptk"], "Inti", None], [MITRA["nuptk"], "Mitra", INTI["full_name"]]]
    report = import_participants(db, program, make_xlsx(rows, ["NUPTK", "Peran", "Pembimbing"]))
    assert messages(report) == [
        f"Baris 3, kolom 'Pembimbing': '{INTI['full_name']}' bukan NUPTK, NIP atau NIK: isi "
        "nomornya saja (16 atau 18 digit angka)"]


def test_a_teacher_without_a_subject_anywhere_is_a_problem(db, program, make_xlsx):
    people.save_person(db, {"full_name": "Tanpa Mapel", "nuptk": "1234567890123456"})
    report = import_participants(db, program, make_xlsx([["1234567890123456", "Inti"]],
                                                        ["NUPTK", "Peran"]))
    assert messages(report) == [
        "Baris 2, kolom 'Mata Pelajaran': mata pelajaran Tanpa Mapel belum tercatat di daftar "
        "guru; tambahkan kolom Mata Pelajaran atau lengkapi data gurunya"]


def test_a_repeated_column_blocks_the_import(db, program, make_xlsx):
    rows = [[INTI["nuptk"], "Inti", INTI["nuptk"]]]
    report = import_participants(db, program, make_xlsx(rows, ["NUPTK", "Peran", "NUPTK"]),
                                 skip_invalid=True)
    assert messages(report) == ["Baris 1, kolom 'NUPTK': kolom ini muncul dua kali (kolom A dan "
                                "C); hapus atau ganti nama salah satunya"]
    assert report.blocked and not report.written and count(db, program) == 0


def test_an_empty_list(db, program, make_xlsx):
    report = import_participants(db, program, make_xlsx([], HEADER))
    assert messages(report) == ["Baris 1: tidak ada baris data di bawah baris judul kolom"]
    assert report.blocked


@pytest.mark.parametrize(("header", "match"), [
    (["Nama", "NUPTK", "Mata Pelajaran"], "tidak punya kolom tingkat peserta"),
    (["Nama", "Peran", "Mata Pelajaran"], "tidak punya kolom NUPTK, NIP atau NIK peserta."),
    (["Peran", "NUPTK Pembimbing"], "kolom 'NUPTK Pembimbing' dibaca sebagai nomor pembimbing"),
    (["Sekolah", "Alamat"], "Baris judul kolom tidak ditemukan di '.*' \\(lembar 'Daftar'\\)"),
])
def test_missing_columns_are_named(db, program, make_xlsx, header, match):
    with pytest.raises(ValidationError, match=match) as error:
        import_participants(db, program, make_xlsx([["x"] * len(header)], header))
    assert "Peran (atau Tingkat) berisi Inti, Mitra, Imbas atau angka 1 s.d. 3" in str(error.value)
    assert count(db, program) == 0


# ---------------------------------------------------------------- tiers and headers

def test_labels_of_a_mitra_1_2_3_program(db, make_xlsx):
    program = programs.create_program(db, "Kemitraan SMP 2018", 2018, "SMP",
                                      labels="Mitra 1,Mitra 2,Mitra 3", ratios="2,10")
    rows = [row(INTI, "Guru Mitra 1"), row(MITRA, "mitra 2", INTI), row(IMBAS, "MITRA III", MITRA),
            row(IMBAS2, 3, MITRA), row(MITRA2, "Mitra", INTI), row(CAST.mitra(IPA, 2), "Inti", INTI)]
    report = import_participants(db, program, make_xlsx(rows, HEADER), skip_invalid=True)
    assert messages(report) == [
        "Baris 6, kolom 'Peran': 'Mitra' bisa berarti Mitra 1, Mitra 2 atau Mitra 3; tulis lengkap",
        "Baris 7, kolom 'Peran': 'Inti' bukan tingkat di program ini; isi salah satu dari "
        "Mitra 1, Mitra 2, Mitra 3 (atau angka 1 s.d. 3)"]
    assert participants(db, program) == {
        INTI["nuptk"]: ("Mitra 1", IPA, None), MITRA["nuptk"]: ("Mitra 2", IPA, INTI["nuptk"]),
        IMBAS["nuptk"]: ("Mitra 3", IPA, MITRA["nuptk"]), IMBAS2["nuptk"]: ("Mitra 3", IPA, MITRA["nuptk"])}


def test_tier_3_in_a_two_tier_program(db, make_xlsx):
    program = programs.create_program(db, "Kemitraan SMA", 2018, "SMP", labels="Mitra,Imbas",
                                      ratios="2")
    rows = [row(INTI, "Mitra"), row(MITRA, 2, INTI), row(IMBAS, 3, MITRA), row(IMBAS2, "Guru Inti")]
    report = import_participants(db, program, make_xlsx(rows, HEADER))
    assert messages(report) == [
        "Baris 4, kolom 'Peran': tingkat 3 tidak ada: program ini hanya punya 2 tingkat (Mitra, Imbas)",
        "Baris 5, kolom 'Peran': 'Guru Inti' bukan tingkat di program ini; isi salah satu dari "
        "Mitra, Imbas (atau angka 1 s.d. 2)"]


@pytest.mark.parametrize("value", ["Guru Inti", "inti", "INTI", "Kepala Sekolah Inti", " Inti ",
                                   1, 1.0, "1", "Tingkat 1"])
def test_tier_values(db, program, make_xlsx, value):
    report = import_participants(db, program, make_xlsx([[INTI["nuptk"], value]], ["NUPTK", "Peran"]))
    assert report.ok, messages(report)
    assert participants(db, program)[INTI["nuptk"]][0] == "Inti"


def test_the_sheet_with_the_participants_is_found(db, program, tmp_path):
    from openpyxl import Workbook
    book = Workbook()
    book.active.title = "Petunjuk"
    book.active.append(["Isi lembar Peserta lalu impor."])
    sheet = book.create_sheet("Peserta")
    for line in (["Nama", "NUPTK", "Peran"], [INTI["full_name"], INTI["nuptk"], "Inti"]):
        sheet.append(line)
    book.save(tmp_path / "peserta.xlsx")
    report = import_participants(db, program, tmp_path / "peserta.xlsx")
    assert (report.sheet, report.new) == ("Peserta", 1)
    assert import_participants(db, program, tmp_path / "peserta.xlsx", sheet="Peserta").unchanged == 1


@pytest.mark.parametrize("tier_header", ["Peran", "Tingkat", "Tier", "Status", "Jenis Peserta",
                                         "PERAN PESERTA"])
def test_tier_header_synonyms(db, program, make_xlsx, tier_header):
    report = import_participants(db, program, make_xlsx([[INTI["nuptk"], "Guru Inti"]],
                                                        ["NUPTK", tier_header]))
    assert report.ok and report.new == 1 and report.unknown_columns == []


@pytest.mark.parametrize(("id_header", "id_key", "mentor_header", "mentor_key"), [
    ("NUPTK", "nuptk", "NUPTK Pembimbing", "nuptk"),
    ("NIP", "nip", "NIP Inti", "nip"),
    ("NIK", "nik", "NIK Guru Inti", "nik"),
    ("NIP/NUPTK", "nip", "NIP/NUPTK Pembimbing", "nip"),
    ("NIP/NUPTK", "nuptk", "Pembimbing", "nuptk"),
    ("No. NUPTK", "nuptk", "NUPTK Mentor", "nuptk"),
    ("NUPTK", "nuptk", "Pembimbing (NIP)", "nip"),
])
def test_id_and_mentor_header_synonyms(db, program, make_xlsx, id_header, id_key, mentor_header,
                                       mentor_key):
    rows = [[INTI[id_key], "Inti", None], [MITRA[id_key], "Mitra", INTI[mentor_key]]]
    report = import_participants(db, program, make_xlsx(rows, [id_header, "Peran", mentor_header]))
    assert report.ok and report.unknown_columns == [], messages(report)
    assert participants(db, program)[MITRA["nuptk"]] == ("Mitra", IPA, INTI["nuptk"])


def test_columns_named_after_tiers_need_no_tier_column(db, program, make_xlsx):
    import_participants(db, program, make_xlsx([row(INTI, "Inti")], HEADER))
    header = ["No", "Nama Guru Mitra", "NUPTK Guru Mitra", "NUPTK Guru Inti", "Nama Guru Inti"]
    rows = [[1, MITRA["full_name"], MITRA["nuptk"], INTI["nuptk"], INTI["full_name"]]]
    report = import_participants(db, program, make_xlsx(rows, header))
    assert report.ok and report.unknown_columns == [], messages(report)
    assert participants(db, program)[MITRA["nuptk"]] == ("Mitra", IPA, INTI["nuptk"])


def test_roster_columns_are_ignored_and_strange_ones_reported(db, program, make_xlsx):
    header = ["No", "Nama", "NUPTK", "Asal Sekolah", "Kab/Kota", "Peran", "Hobi"]
    rows = [[1, INTI["full_name"], INTI["nuptk"], "SMPN 1", "Kota Pekalongan", "Inti", "catur"]]
    report = import_participants(db, program, make_xlsx(rows, header))
    assert report.ok and report.unknown_columns == ["Hobi"]


def test_a_semicolon_csv(db, program, tmp_path):
    path = tmp_path / "peserta.csv"
    path.write_text("Nama;NIP/NUPTK;Peran;NUPTK Pembimbing\n"
                    f"{INTI['full_name']};{INTI['nip'][:8]} {INTI['nip'][8:14]} {INTI['nip'][14]} "
                    f"{INTI['nip'][15:]};Guru Inti;\n"
                    f"{MITRA['full_name']};{MITRA['nuptk']};Guru Mitra;{INTI['nuptk']}\n",
                    encoding="cp1252")
    report = import_participants(db, program, path)
    assert report.ok and report.new == 2, messages(report)
    assert participants(db, program)[MITRA["nuptk"]][2] == INTI["nuptk"]


# ---------------------------------------------------------------- modes

def test_skip_invalid_writes_the_good_rows_and_skips_mentees_of_bad_rows(db, program, make_xlsx):
    mtk_inti, mtk_mitra = CAST.inti(MTK), CAST.mitra(MTK)
    rows = [row(INTI, "Pengamat"),                          # row 2: bad tier
            row(MITRA, "Mitra", INTI),                      # row 3: its mentor's row is bad
            row(IMBAS, "Imbas", MITRA),                     # row 4: and so on down
            row(mtk_inti, "Inti"), row(mtk_mitra, "Mitra", mtk_inti)]
    report = import_participants(db, program, make_xlsx(rows, HEADER), skip_invalid=True)
    assert messages(report)[1:] == [
        f"Baris 3, kolom 'NUPTK Pembimbing': baris pembimbingnya ({INTI['full_name']}, baris 2) "
        "bermasalah, jadi pasangan ini belum dapat dibuat",
        f"Baris 4, kolom 'NUPTK Pembimbing': baris pembimbingnya ({MITRA['full_name']}, baris 3) "
        "bermasalah, jadi pasangan ini belum dapat dibuat"]
    assert (report.new, report.skipped, report.written) == (2, 3, True)
    assert report.summary() == ("Impor selesai: 2 peserta baru, 0 diperbarui, 0 tidak berubah, "
                                "1 pasangan ditetapkan; 3 baris bermasalah dilewati.")
    assert participants(db, program) == {mtk_inti["nuptk"]: ("Inti", MTK, None),
                                         mtk_mitra["nuptk"]: ("Mitra", MTK, mtk_inti["nuptk"])}


def test_dry_run_counts_what_would_be_written_and_writes_nothing(db, program, make_xlsx):
    path = make_xlsx(tree_rows() + [["Orang Asing", "1234567890123456", "Mitra", None, None]], HEADER)
    dry = import_participants(db, program, path, dry_run=True)
    assert (dry.new, dry.pairs, dry.skipped, dry.written, count(db, program)) == (6, 4, 1, False, 0)
    assert dry.summary() == ("Hasil pemeriksaan: 1 masalah di 1 baris bermasalah. Baris yang "
                             "benar: 6 peserta baru, 0 diperbarui, 0 tidak berubah, 4 pasangan "
                             "ditetapkan.")
    skipping = import_participants(db, program, path, dry_run=True, skip_invalid=True)
    assert skipping.summary().endswith("4 pasangan ditetapkan; 1 baris bermasalah akan dilewati.")
    real = import_participants(db, program, path, skip_invalid=True)
    assert (real.new, real.pairs, real.skipped, count(db, program)) == (6, 4, 1, 6)


def test_cancel_while_writing_rolls_everything_back(db, program, make_xlsx):
    seen = []
    with pytest.raises(Cancelled):
        import_participants(db, program, make_xlsx(tree_rows(), HEADER),
                            progress=lambda d, t, m: seen.append(m),
                            cancelled=lambda: "Menyimpan" in seen)
    assert count(db, program) == 0


def test_progress_reaches_the_end(db, program, make_xlsx):
    calls = []
    import_participants(db, program, make_xlsx(tree_rows(), HEADER),
                        progress=lambda d, t, m: calls.append((d, t, m)))
    assert calls[-1] == (calls[-1][1], calls[-1][1], "Selesai")


@pytest.mark.parametrize("mentor_header", ["NUPTK Guru Inti/Mitra", "NUPTK Inti/Mitra",
                                           "NUPTK Guru Inti / Guru Mitra"])
def test_mentor_columns_named_after_both_tiers(db, program, make_xlsx, mentor_header):
    inti, mitra = CAST.inti("IPA"), CAST.mitra("IPA")
    path = make_xlsx([row(inti, "Guru Inti"), row(mitra, "Guru Mitra", inti)],
                     ["Nama", "NUPTK", "Peran", "Mata Pelajaran", mentor_header])
    report = import_participants(db, program, path)
    assert report.ok and report.pairs == 1, messages(report)
    assert participants(db, program)[mitra["nuptk"]][2] == inti["nuptk"]


def test_footer_rows_below_the_table_are_not_participants(db, program, make_xlsx):
    inti, mitra = CAST.inti("IPA"), CAST.mitra("IPA")
    rows = [row(inti, "Inti"), row(mitra, "Mitra", inti),
            [None, None, None, None, None],
            ["Jumlah peserta: 2 orang", None, None, None, None],
            ["Pekalongan, 3 September 2018", None, None, None, None],
            ["Kepala Bidang PTK", None, None, None, None],
            ["Sri Wahyuningsih, S.Pd., M.Pd.", None, None, None, None]]
    report = import_participants(db, program, make_xlsx(rows, HEADER))
    assert report.ok and report.rows == 2 and report.new == 2, messages(report)


def test_a_row_without_id_inside_the_table_is_still_a_problem(db, program, make_xlsx):
    inti, mitra = CAST.inti("IPA"), CAST.mitra("IPA")
    rows = [row(inti, "Inti"), ["Tanpa Nomor", None, None, None, None], row(mitra, "Mitra", inti)]
    report = import_participants(db, program, make_xlsx(rows, HEADER))
    assert any(p.row == 3 for p in report.problems), messages(report)
