"""The roster: saving with validation, unique IDs, schools, search."""

import sqlite3

import pytest

from kemitraan_desktop import people, schools, vocabulary
from kemitraan_desktop.errors import ValidationError


def add(db, name, nuptk, **extra):
    return people.save_person(db, {"full_name": name, "nuptk": nuptk, **extra})


def test_save_person_cleans_and_derives_fields(db):
    pid = people.save_person(db, {
        "full_name": " Dra.  Retna Widowati,  M.Pd. ", "nip": "19650512 199003 2 002",
        "school": "SMPN 1 Pekalongan", "region": "KOTA PEKALONGAN", "subject": "b. indonesia",
        "ukg": "88,5", "phone": "+62 812-3456-789", "position": "Guru"})
    person = people.get_person(db, pid)
    assert person["name"] == "Dra. Retna Widowati, M.Pd."
    assert person["name_key"] == "retna widowati"
    assert person["nip"] == "196505121990032002"
    assert (person["gender"], person["birth_date"]) == ("P", "1965-05-12")
    assert person["school"] == "SMPN 1 Pekalongan" and person["jenjang"] == "SMP"
    assert (person["region"], person["province"]) == ("Kota Pekalongan", "Jawa Tengah")
    assert (person["subject"], person["ukg"], person["phone"]) == ("Bahasa Indonesia", 88.5, "08123456789")


def test_field_errors_name_the_field_and_save_nothing(db):
    with pytest.raises(ValidationError) as info:
        people.save_person(db, {"full_name": "", "nuptk": "123", "email": "x@"})
    fields = dict(info.value.problems)
    assert set(fields) >= {"full_name", "nuptk", "email"}
    assert "16 digit" in fields["nuptk"]
    assert people.count_people(db) == 0


def test_ids_are_unique_and_the_owner_is_named(db):
    add(db, "Sri Lestari", "1234567890123456")
    with pytest.raises(ValidationError, match="sudah dipakai oleh Sri Lestari"):
        add(db, "Sri Lestari Kedua", "1234567890123456")
    assert people.count_people(db) == 1


def test_update_keeps_the_id_and_refreshes_search(db):
    pid = add(db, "Sri Lestari", "1234567890123456")
    people.save_person(db, {"full_name": "Sri Lestari Handayani", "nuptk": "1234567890123456"}, pid)
    assert [p["id"] for p in people.list_people(db, "handayani")] == [pid]
    people.delete_people(db, [pid])
    assert people.list_people(db, "handayani") == []


def test_same_school_written_two_ways_is_one_school(db):
    add(db, "A Satu", "1234567890123451", school="SMP Negeri 1 Pati", region="Kab. Pati")
    add(db, "B Dua", "1234567890123452", school="SMPN 1 Pati", region="Kabupaten Pati")
    assert db.execute("SELECT count(*) FROM schools").fetchone()[0] == 1


def test_search_ignores_titles_matches_school_and_id_prefix(db):
    add(db, "Dra. Retna Widowati, M.Pd.", "3344556677889900", school="SMP Negeri 7 Pekalongan",
        region="Kota Pekalongan")
    add(db, "Agung Jumari, S.Pd.", "1122334455667788", nip="197808172005011003")
    add(db, "Agus Salim", "1122334455660000")
    names = lambda q: [p["name"] for p in people.list_people(db, q)]  # noqa: E731
    assert names("retna") == ["Dra. Retna Widowati, M.Pd."]
    assert names("Dra. Retna Wido") == ["Dra. Retna Widowati, M.Pd."]
    assert names("negeri 7") == ["Dra. Retna Widowati, M.Pd."]
    assert names("ag") == ["Agung Jumari, S.Pd.", "Agus Salim"]  # 2 letters: prefix of the name
    assert names("a") == ["Agung Jumari, S.Pd.", "Agus Salim"]
    assert names("11223344556600") == ["Agus Salim"]
    assert names("19780817") == ["Agung Jumari, S.Pd."]
    assert names("zzz") == []
    assert names('"; DROP') == []


def test_query_ids_sorts_and_filters_in_sql(db):
    add(db, "Budi", "1234567890123451", ukg=70, subject="IPA", region="Kab. Pati")
    add(db, "Ani", "1234567890123452", ukg=90, subject="Matematika", region="Kota Pekalongan")
    add(db, "Citra", "1234567890123453", ukg=80, subject="IPA", region="Kota Pekalongan")
    by = lambda **kw: [people.get_person(db, i)["name"] for i in people.query_ids(db, **kw)]  # noqa: E731
    assert by() == ["Ani", "Budi", "Citra"]
    assert by(sort="ukg", descending=True) == ["Ani", "Citra", "Budi"]
    assert by(filters={"subject": "IPA"}) == ["Budi", "Citra"]
    assert by(filters={"region_code": "33.75"}) == ["Ani", "Citra"]


def test_find_by_any_id_number(db):
    add(db, "Agung Jumari", "1122334455667788", nip="197808172005011003")
    assert people.find_by_id_number(db, "19780817 200501 1 003")["name"] == "Agung Jumari"
    assert people.find_by_id_number(db, "1122334455667788")["name"] == "Agung Jumari"
    assert people.find_by_id_number(db, "0000") is None


def test_search_as_an_operator_types_it(db):
    add(db, "Agung Jumari", "1122334455667788", nip="197808172005011003",
        school="SMP Negeri 3 Sampit", region="Kabupaten Kotawaringin Timur")
    add(db, "Sri Lestari", "1122334455660000", school="SMP Negeri 1 Limboto",
        region="Kabupaten Gorontalo")
    names = lambda q: [p["name"] for p in people.list_people(db, q)]  # noqa: E731
    assert names("19780817 200501 1 003") == ["Agung Jumari"]  # the NIP as printed
    assert names("NIP. 19780817 200501") == ["Agung Jumari"]
    assert names("1122 3344 5566 0000") == ["Sri Lestari"]
    assert names("SMPN 3 Sampit") == ["Agung Jumari"]
    assert names("gorontalo") == ["Sri Lestari"]
    assert names("kotawaringin") == ["Agung Jumari"]


@pytest.mark.parametrize(("school", "jenjang"), [
    ("SDN 1 Pati", "SD"), ("SMPN 2 Kupang", "SMP"), ("SMA Negeri 1 Pati", "SMA"),
    ("SMKN 3 Batang", "SMK"), ("MTsN 1 Kudus", "SMP"), ("MAN 2 Pati", "SMA"),
])
def test_jenjang_from_the_school_name(school, jenjang):
    assert schools.jenjang_from_school(school) == jenjang


def test_positions_and_jenjang_as_offices_write_them():
    assert vocabulary.clean_position("Guru BK") == "guru"
    assert vocabulary.clean_position("Plt. Kepala Sekolah") == "kepala sekolah"
    assert schools.clean_jenjang("SMP/MTs") == "SMP"


def _bulk_rows(count, start=0):
    return [{"full_name": f"Guru {i}", "name_key": f"guru {i}", "nuptk": f"{1000000000000000 + i}",
             "nip": None, "nik": None, "gender": None, "birth_place": None, "birth_date": None,
             "position": "guru", "jenjang": "SMP", "subject": "IPA", "rank": None,
             "school_id": None, "region_code": None, "ukg": None, "phone": None, "email": None}
            for i in range(start, start + count)]


def test_a_large_insert_rebuilds_the_indexes_and_keeps_ids_unique(db):
    ids = people.insert_people(db, _bulk_rows(people.REBUILD_INDEXES_FROM))
    assert len(ids) == people.REBUILD_INDEXES_FROM == people.count_people(db)
    names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'"
                                          " AND tbl_name = 'people'")}
    assert {"people_nuptk", "people_nip", "people_nik", "people_by_name"} <= names
    assert [p["name"] for p in people.list_people(db, "1000000000004999")] == ["Guru 4999"]
    # A duplicate NUPTK fails the whole insert, rebuilt indexes or not.
    rows = _bulk_rows(people.REBUILD_INDEXES_FROM + 10, start=10_000)
    rows[-1]["nuptk"] = rows[0]["nuptk"]
    with pytest.raises(sqlite3.IntegrityError):
        people.insert_people(db, rows)
    assert people.count_people(db) == people.REBUILD_INDEXES_FROM
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'people_nuptk'").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        people.insert_people(db, [{**_bulk_rows(1)[0]}])


def test_a_pasted_paragraph_is_no_name(db):
    import pytest

    from kemitraan_desktop.errors import ValidationError

    with pytest.raises(ValidationError, match="terlalu panjang"):
        people.save_person(db, {"full_name": "Siti " * 40, "nuptk": "4455667788990011"})
    assert people.count_people(db) == 0
    longest = "Prof. Dr. Hj. Raden Ajeng Siti Nurhaliza Kusumawardani Puspitaningrum, S.Pd., M.Pd."
    assert people.save_person(db, {"full_name": longest, "nuptk": "4455667788990011"})
