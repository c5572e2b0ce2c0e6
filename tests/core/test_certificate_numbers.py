"""The certificate numbering pattern: parsing, every mistake named, rendering."""

import datetime as dt

import pytest

from kemitraan_desktop.certificates import DEFAULT_PATTERN, parse_pattern
from kemitraan_desktop.errors import ValidationError


def test_the_default_pattern():
    pattern = parse_pattern(DEFAULT_PATTERN)
    assert pattern.render(7, dt.date(2018, 9, 16)) == "421.3/007/DINDIK/IX/2018"
    assert pattern.render(1234, dt.date(2019, 12, 1)) == "421.3/1234/DINDIK/XII/2019"


@pytest.mark.parametrize("text, number, expected", [
    ("{no}/SERT/{bulan}/{tahun}", 5, "5/SERT/09/2018"),
    ("800/{no:4}/PTK-{tahun}", 12, "800/0012/PTK-2018"),
    ("{tahun}-{no:02}", 3, "2018-03"),
])
def test_other_office_patterns(text, number, expected):
    assert parse_pattern(text).render(number, dt.date(2018, 9, 16)) == expected


@pytest.mark.parametrize("text, message", [
    ("", "wajib diisi"),
    ("421.3/DINDIK/{tahun}", "tepat satu kali"),
    ("{no}/{no}", "(ada 2)"),
    ("{no}/{bulan_rom}", "'{bulan_rom}' tidak dikenal"),
    ("{no:abc}/{tahun}", "Format nomor '{no:abc}'"),
    ("{no}/{tahun:2}", "tidak memakai format"),
    ("{no/{tahun}", "tidak berpasangan"),
])
def test_mistakes_are_named(text, message):
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")
                       .replace("{", r"\{").replace("}", r"\}")):
        parse_pattern(text)


def test_running_number_starts_at_one():
    with pytest.raises(ValidationError, match="mulai dari 1"):
        parse_pattern(DEFAULT_PATTERN).render(0, dt.date(2018, 9, 16))
