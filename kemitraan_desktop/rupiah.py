"""Rupiah amounts as an SPJ writes them: `Rp1.500.000`, and in words (terbilang) as "satu
juta lima ratus ribu rupiah"."""

from __future__ import annotations

from .errors import ValidationError

_ONES = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
         "sepuluh", "sebelas"]
# Largest first. SPJ forms write "satu juta", "satu miliar" (KBBI allows "sejuta", offices do
# not use it); only ratus and ribu take the se- prefix: "seratus", "seribu".
_SCALES = [(10 ** 12, "triliun"), (10 ** 9, "miliar"), (10 ** 6, "juta")]
LIMIT = 10 ** 15  # a thousand triliun: more than any activity's budget


def terbilang(amount: int) -> str:
    """A whole number in Indonesian words: 0 "nol", 11 "sebelas", 100 "seratus", 1000
    "seribu", 1500000 "satu juta lima ratus ribu", 2000000000 "dua miliar". Negative
    amounts, fractions and amounts of a thousand triliun and more are refused."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise ValidationError(f"Terbilang hanya untuk bilangan bulat rupiah, bukan '{amount}'.")
    if amount < 0:
        raise ValidationError(f"Jumlah uang tidak boleh negatif ({amount}).")
    if amount >= LIMIT:
        raise ValidationError("Jumlah uang terlalu besar untuk ditulis dengan huruf.")
    if amount == 0:
        return "nol"
    return " ".join(_words(amount))


def _words(amount: int) -> list[str]:
    words: list[str] = []
    for scale, name in _SCALES:
        if amount >= scale:
            words += [*_below_thousand(amount // scale), name]
            amount %= scale
    if amount >= 1000:
        thousands = amount // 1000
        words += ["seribu"] if thousands == 1 else [*_below_thousand(thousands), "ribu"]
        amount %= 1000
    if amount:
        words += _below_thousand(amount)
    return words


def _below_thousand(number: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(number, 100)
    if hundreds:
        words += ["seratus"] if hundreds == 1 else [_ONES[hundreds], "ratus"]
    if rest <= 11:
        return words + ([_ONES[rest]] if rest else [])
    tens, ones = divmod(rest, 10)
    if tens == 1:
        return [*words, _ONES[ones], "belas"]
    words += [_ONES[tens], "puluh"]
    return words + ([_ONES[ones]] if ones else [])


def terbilang_rupiah(amount: int, *, capital: bool = True) -> str:
    """The words a form prints after "Terbilang:": "Satu juta lima ratus ribu rupiah"."""
    text = f"{terbilang(amount)} rupiah"
    return text[0].upper() + text[1:] if capital else text


def format_rupiah(amount: int) -> str:
    """`1500000` -> `Rp1.500.000` (PUEBI: no space, no decimals for whole rupiah)."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(int(amount)):,}".replace(",", ".")


def format_amount(amount: int) -> str:
    """`1500000` -> `1.500.000`, a table cell's figure (its column says Rp); 0 -> `-`."""
    return f"{int(amount):,}".replace(",", ".") if amount else "-"
