"""All regions are loaded with their zones, and kab/kota names match leniently."""

import pytest

from kemitraan_desktop import regions


def test_all_provinces_and_districts_with_zones():
    rows = regions.all_regions()
    assert sum(r.kind == "provinsi" for r in rows) == 38
    assert sum(r.kind != "provinsi" for r in rows) == 514
    zones = {r.name: r.time_zone for r in rows}
    assert zones["Kota Pekalongan"] == "WIB"
    assert zones["Kabupaten Sikka"] == "WITA"
    assert zones["Kabupaten Merauke"] == "WIT"


@pytest.mark.parametrize(("text", "province", "expected"), [
    ("Kab. Pati", None, "Kabupaten Pati"),
    ("KABUPATEN PATI", None, "Kabupaten Pati"),
    ("Pati", "Jawa Tengah", "Kabupaten Pati"),
    ("Kota Pekalongan", None, "Kota Pekalongan"),
    ("kota pekalongan", None, "Kota Pekalongan"),
    ("Kab Kupang", "NTT", "Kabupaten Kupang"),
    ("Kodya Palangka Raya", None, "Kota Palangkaraya"),
    ("Kabupaten Merauke", "Papua", "Kabupaten Merauke"),  # a 2018 file names the old province
    ("Jakarta Selatan", None, "Kota Administrasi Jakarta Selatan"),
    ("Kota Jakarta Utara", None, "Kota Administrasi Jakarta Utara"),
    ("Kab. Adm. Kepulauan Seribu", None, "Kabupaten Administrasi Kepulauan Seribu"),
])
def test_lenient_district_matching(text, province, expected):
    assert regions.match_district(text, province).name == expected


def test_ambiguous_and_unknown_names_are_explained():
    with pytest.raises(ValueError, match="Kabupaten Pekalongan .* atau Kota Pekalongan"):
        regions.match_district("Pekalongan")
    with pytest.raises(ValueError, match="tidak dikenal"):
        regions.match_district("Kabupaten Atlantis")
    with pytest.raises(ValueError, match="mungkin maksudnya Kabupaten Sikka"):
        regions.match_district("Kab. Sika")


def test_province_aliases():
    assert regions.match_province("NTT").name == "Nusa Tenggara Timur"
    assert regions.match_province("Prov. Kalimantan Tengah").name == "Kalimantan Tengah"
    assert regions.match_province("Babel").name == "Kepulauan Bangka Belitung"
    assert regions.match_province("Kep. Bangka Belitung").name == "Kepulauan Bangka Belitung"
    assert regions.match_province("DKI Jakarta").name == "Daerah Khusus Ibukota Jakarta"
    assert regions.match_province("DI Yogyakarta").name == "Daerah Istimewa Yogyakarta"


def test_province_that_never_held_the_district():
    ende = regions.match_district("Kabupaten Ende")
    assert regions.province_mismatch(ende, "Jawa Tengah") == \
        "Kabupaten Ende ada di provinsi Nusa Tenggara Timur, bukan Jawa Tengah"
    assert regions.province_mismatch(ende, "NTT") is None
    merauke = regions.match_district("Kabupaten Merauke")
    assert regions.province_mismatch(merauke, "Papua") is None  # split off in 2022
