"""Certificates: the numbering pattern an office sets (the register, the PDF and the
verification follow in later work)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import indonesia as ind
from .errors import ValidationError

DEFAULT_PATTERN = "421.3/{no:03}/DINDIK/{bulan_romawi}/{tahun}"
TOKENS = {
    "no": "nomor urut (dengan nol di depan: {no:03})",
    "bulan_romawi": "bulan terbit dalam angka Romawi (IX)",
    "bulan": "bulan terbit dua angka (09)",
    "tahun": "tahun terbit (2018)",
}
_TOKEN = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class NumberPattern:
    text: str
    width: int  # zero padding of the running number (1: none)

    def render(self, number: int, issued: dt.date) -> str:
        """The certificate number: `421.3/007/DINDIK/IX/2018`."""
        if number < 1:
            raise ValidationError("Nomor urut sertifikat mulai dari 1.")
        values = {"bulan_romawi": ind.roman_month(issued.month), "bulan": f"{issued.month:02d}",
                  "tahun": str(issued.year)}

        def token(match: re.Match) -> str:
            name = match[1].split(":")[0]
            return f"{number:0{self.width}d}" if name == "no" else values[name]
        return _TOKEN.sub(token, self.text)


def parse_pattern(text: str) -> NumberPattern:
    """Check a numbering pattern as the office typed it; every problem is named."""
    text = (text or "").strip()
    if not text:
        raise ValidationError("Pola nomor sertifikat wajib diisi, misalnya " + DEFAULT_PATTERN)
    if text.count("{") != text.count("}") or re.search(r"\{[^}]*\{|\}[^{]*\}", text.replace("}{", "} {")):
        raise ValidationError(f"Tanda kurung kurawal di pola '{text}' tidak berpasangan.")
    width, running = 1, 0
    for match in _TOKEN.finditer(text):
        name, _, fmt = match[1].partition(":")
        if name not in TOKENS:
            choices = ", ".join("{" + t + "}" for t in TOKENS)
            raise ValidationError(f"Penanda '{{{match[1]}}}' tidak dikenal; pilihannya: {choices}.")
        if name == "no":
            running += 1
            if fmt:
                if not re.fullmatch(r"0?[1-8]", fmt):
                    raise ValidationError(f"Format nomor '{{{match[1]}}}' tidak dikenal; tulis "
                                          "misalnya {no:03} untuk 001.")
                width = int(fmt)
        elif fmt:
            raise ValidationError(f"Penanda '{{{match[1]}}}' tidak memakai format.")
    if running != 1:
        raise ValidationError("Pola harus memuat nomor urut {no} tepat satu kali"
                              + (f" (ada {running})." if running else "."))
    if "\n" in text or len(text) > 120:
        raise ValidationError("Pola nomor satu baris, paling panjang 120 huruf.")
    return NumberPattern(text, width)
