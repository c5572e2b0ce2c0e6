"""The Indonesian rules every later issue reuses: IDs, names, dates, phones, zones."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kemitraan_desktop import indonesia as ind


def test_nuptk_must_be_16_digits():
    assert ind.validate_nuptk("1234 5678 9012 3456") == "1234567890123456"
    with pytest.raises(ValueError, match="16 digit"):
        ind.validate_nuptk("123456789012345")
    with pytest.raises(ValueError, match="hanya boleh berisi angka"):
        ind.validate_nuptk("12345678901234AB")


def test_nik_is_16_digits_with_a_birth_date_inside():
    assert ind.validate_nik("3375125205750001") == "3375125205750001"  # day 52 = woman born 12th
    with pytest.raises(ValueError, match="16 digit"):
        ind.validate_nik("33751252057500")
    with pytest.raises(ValueError, match="tanggal lahir"):
        ind.validate_nik("3375129913750001")


def test_nip_checks_birth_date_appointment_and_gender_digit():
    assert ind.validate_nip("19750512 200003 1 002") == "197505122000031002"
    with pytest.raises(ValueError, match="18 digit"):
        ind.validate_nip("1975051220000310")
    with pytest.raises(ValueError, match="8 digit pertama"):
        ind.validate_nip("197513402000031002")  # month 13
    with pytest.raises(ValueError, match="digit ke-15"):
        ind.validate_nip("197505122000033002")
    with pytest.raises(ValueError, match="pengangkatan"):
        ind.validate_nip("197505122000151002")


def test_pppk_nip_is_valid():
    # A PPPK (contract) NIP has 21 where a PNS NIP has the month of appointment.
    assert ind.validate_nip("199001012022212001") == "199001012022212001"


def test_nip_is_printed_in_four_groups():
    assert ind.format_nip("197505122000031002") == "19750512 200003 1 002"
    assert ind.nip_gender("197505122000031002") == "L"
    assert ind.nip_gender("197505122000032002") == "P"
    assert ind.nip_birth_date("197505122000031002") == dt.date(1975, 5, 12)


def test_npsn_is_8_digits():
    assert ind.validate_npsn("20330101") == "20330101"
    with pytest.raises(ValueError, match="8 digit"):
        ind.validate_npsn("2033010")


@pytest.mark.parametrize(("written", "key"), [
    ("Dra. Retna Widowati, M.Pd.", "retna widowati"),
    ("Agung Jumari, S.Pd., M.Pd.", "agung jumari"),
    ("Drs. Soeroso, M.Pd.", "soeroso"),
    ("Prof. Dr. Ir. Budi Santoso, M.Sc., Ph.D.", "budi santoso"),
    ("Hj. Siti Aminah S.Pd.I", "siti aminah"),
    ("M. Yusuf", "m yusuf"),  # "M." is a name, not a title
    ("  Stéfanus   Ndun ", "stefanus ndun"),
    ("Drs.H.Slamet Riyadi, M.M.", "slamet riyadi"),  # titles typed without spaces
    ("Hj.Siti Aminah", "siti aminah"),
    ("Budi S.", "budi s"),  # a trailing initial is part of the name
])
def test_name_key_drops_titles_but_keeps_the_name(written, key):
    assert ind.name_key(written) == key


def test_names_keep_titles_as_written_with_spaces_collapsed():
    assert ind.normalize_name("  Dra.  Retna   Widowati , M.Pd. ") == "Dra. Retna Widowati, M.Pd."


@pytest.mark.parametrize("text", [
    "12/09/1975", "12-09-1975", "1975-09-12", "12 September 1975", "12 Sept 1975",
    "12 Sep 1975", "12 september 1975", "Jumat, 12 September 1975", 27649, "27649",
    "1975/09/12", "12/09/1975 00:00", "12 Sep 75", "12 Agst 1975".replace("Agst", "Sept"),
    dt.date(1975, 9, 12), dt.datetime(1975, 9, 12, 0, 0),
])
def test_dates_in_every_office_format(text):
    assert ind.parse_date(text) == dt.date(1975, 9, 12)


@pytest.mark.parametrize("text", ["31/02/1975", "12 Septober 1975", "kemarin", ""])
def test_bad_dates_are_refused_in_indonesian(text):
    with pytest.raises(ValueError, match="tanggal"):
        ind.parse_date(text)


def test_dates_are_printed_the_indonesian_way():
    assert ind.format_date(dt.date(2018, 9, 12)) == "Rabu, 12 September 2018"
    assert ind.format_date(dt.date(2018, 9, 11)) == "Selasa, 11 September 2018"
    assert ind.format_date_range(dt.date(2018, 9, 9), dt.date(2018, 9, 16)) == "9 s.d. 16 September 2018"
    assert ind.format_date_range(dt.date(2018, 9, 30), dt.date(2018, 10, 2)) == \
        "30 September s.d. 2 Oktober 2018"
    assert ind.format_date_range(dt.date(2018, 12, 30), dt.date(2019, 1, 2)) == \
        "30 Desember 2018 s.d. 2 Januari 2019"


def test_times_zones_roman_months_and_paper():
    assert ind.format_time(dt.time(7, 30), "WIB") == "07.30 WIB"
    assert ind.TIME_ZONES == {"WIB": 7, "WITA": 8, "WIT": 9}
    assert ind.roman_month(9) == "IX" and ind.roman_month(12) == "XII"
    width, height = ind.PAPER_SIZES["f4"]
    assert (round(width / ind.MM), round(height / ind.MM)) == (215, 330)


@pytest.mark.parametrize("text", ["0812-3456-789", "+62 812 3456 789", "62812345678 9", "812-3456-789",
                                  "+62 (0)812 3456 789"])
def test_phone_numbers_are_normalised(text):
    assert ind.normalize_phone(text) == "08123456789"


def test_bad_phone_gender_email_score():
    with pytest.raises(ValueError, match="nomor telepon"):
        ind.normalize_phone("12345")
    with pytest.raises(ValueError, match="L atau P"):
        ind.normalize_gender("X")
    assert ind.normalize_gender("Perempuan") == "P" and ind.normalize_gender("laki-laki") == "L"
    with pytest.raises(ValueError, match="email"):
        ind.normalize_email("guru@")
    assert ind.parse_score("78,5") == 78.5
    with pytest.raises(ValueError, match="0 s.d. 100"):
        ind.parse_score(101)


def test_thousands_use_a_dot():
    assert ind.format_thousands(1234567) == "1.234.567"


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 12, 31)))
def test_every_printed_date_parses_back(day):
    assert ind.parse_date(ind.format_date(day)) == day
    assert ind.parse_date(day.strftime("%d/%m/%Y")) == day


@given(st.text(max_size=60))
def test_name_functions_never_crash(text):
    assert isinstance(ind.name_key(text), str)
    assert ind.normalize_name(text) == ind.normalize_name(ind.normalize_name(text))


@pytest.mark.parametrize(("written", "number"), [
    ("77,5", 77.5),  # the decimal comma
    ("1.234,5", 1234.5),  # dots group thousands before a comma
    ("1.000", 1000.0),  # a dot before three digits groups thousands, as an office reads it
    ("1.234.567", 1234567.0),
    ("7.5", 7.5),  # any other single dot is a decimal point (English spreadsheets)
    ("78.25", 78.25),
    ("1234.000", 1234.0),  # not a grouping: more than three digits before the dot
    ("  -1,5\u00a0", -1.5),
    ("\u22122", -2.0),  # the typographic minus
    ("+3", 3.0),
    ("0", 0.0),
    (12, 12.0),  # a number cell as it is
    (2.5, 2.5),
])
def test_parse_number_reads_indonesian_numbers(written, number):
    assert ind.parse_number(written) == number


@pytest.mark.parametrize("written", [
    "", None, True, "1,234.5", "1.234.5", "1,2,3", "1e5", "nan", "inf", ",5", "5,", "1 000",
    "2 JP", "satu", float("nan"), float("inf"),
])
def test_parse_number_refuses_anything_else(written):
    with pytest.raises(ValueError, match="bukan angka"):
        ind.parse_number(written)


def test_ukg_score_uses_the_same_number_rules():
    assert ind.parse_score("78,5") == 78.5
    assert ind.parse_score("78.5") == 78.5
    with pytest.raises(ValueError, match="0 s.d. 100"):
        ind.parse_score("1.000")
    with pytest.raises(ValueError, match="bukan angka nilai UKG"):
        ind.parse_score("78,5 poin")


@pytest.mark.parametrize(("word", "weekday"), [
    ("Senin", 0), ("sen", 0), ("Jum'at", 4), ("JUMAT", 4), ("Ahad", 6), ("Minggu", 6),
    ("Sab", 5), ("Tanggal", None), ("", None), (None, None),
])
def test_weekday_names_full_and_short(word, weekday):
    assert ind.weekday_number(word) == weekday
