"""Provinces and kabupaten/kota with their time zones, and lenient matching of region names."""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from .resources import resource_path


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    kind: str  # provinsi / kabupaten / kota
    province_code: str
    province: str
    time_zone: str


# Common short names of provinces used in office spreadsheets.
_PROVINCE_ALIASES = {
    "ntt": "nusa tenggara timur", "ntb": "nusa tenggara barat",
    "dki": "daerah khusus ibukota jakarta", "jakarta": "daerah khusus ibukota jakarta",
    "dki jakarta": "daerah khusus ibukota jakarta", "dk jakarta": "daerah khusus ibukota jakarta",
    "daerah khusus jakarta": "daerah khusus ibukota jakarta",
    "diy": "daerah istimewa yogyakarta", "di yogyakarta": "daerah istimewa yogyakarta",
    "yogyakarta": "daerah istimewa yogyakarta", "jogja": "daerah istimewa yogyakarta",
    "babel": "kepulauan bangka belitung", "bangka belitung": "kepulauan bangka belitung",
    "kepri": "kepulauan riau", "nad": "aceh", "nanggroe aceh darussalam": "aceh",
    "jabar": "jawa barat", "jateng": "jawa tengah", "jatim": "jawa timur",
    "kalbar": "kalimantan barat", "kalteng": "kalimantan tengah",
    "kalsel": "kalimantan selatan", "kaltim": "kalimantan timur", "kaltara": "kalimantan utara",
    "sulut": "sulawesi utara", "sulteng": "sulawesi tengah", "sulsel": "sulawesi selatan",
    "sultra": "sulawesi tenggara", "sulbar": "sulawesi barat",
    "sumut": "sumatera utara", "sumbar": "sumatera barat", "sumsel": "sumatera selatan",
    "sumatra utara": "sumatera utara", "sumatra barat": "sumatera barat",
    "sumatra selatan": "sumatera selatan", "malut": "maluku utara",
}
_KAB_PREFIX = re.compile(r"^(?:kabupaten|kab)\b\.?\s*(?:administrasi\b|adm\b\.?)?\s*")
_KOTA_PREFIX = re.compile(
    r"^(?:kota\s*madya|kotamadya|kodya|kota|kot)\b\.?\s*(?:administrasi\b|adm\b\.?)?\s*")
# Provinces formed by splitting another; a file may still name the old one (a 2018 file
# says "Kabupaten Merauke, Papua"). Current province code -> the codes it came from.
_SPLIT_FROM = {
    "93": {"91"}, "94": {"91"}, "95": {"91"}, "96": {"92"}, "92": {"91"},
    "65": {"64"}, "76": {"73"}, "75": {"71"}, "82": {"81"}, "21": {"14"}, "19": {"16"},
    "36": {"32"},
}


def _plain(text: str) -> str:
    text = re.sub(r"[^a-z0-9. ]", " ", str(text or "").lower())
    return re.sub(r"\s+", " ", text).strip()


def _base(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text)


def split_kind(text: str) -> tuple[str | None, str]:
    """`Kab. Pati` -> ('kabupaten', 'pati'); `KOTA PEKALONGAN` -> ('kota', 'pekalongan')."""
    plain = _plain(text)
    if m := _KAB_PREFIX.match(plain):
        return "kabupaten", _base(plain[m.end():])
    if m := _KOTA_PREFIX.match(plain):
        return "kota", _base(plain[m.end():])
    return None, _base(plain)


@lru_cache(maxsize=1)
def all_regions() -> tuple[Region, ...]:
    with open(resource_path("regions.csv"), encoding="utf-8", newline="") as handle:
        return tuple(
            Region(r["kode"].strip(), r["nama"].strip(), r["jenis"].strip(),
                   r["kode_provinsi"].strip(), r["provinsi"].strip(), r["zona_waktu"].strip())
            for r in csv.DictReader(handle)
        )


@lru_cache(maxsize=1)
def _index():
    districts: dict[str, list[Region]] = {}
    provinces: dict[str, Region] = {}
    for region in all_regions():
        if region.kind == "provinsi":
            provinces[_base(_plain(region.name))] = region
        else:
            districts.setdefault(split_kind(region.name)[1], []).append(region)
    return districts, provinces


@lru_cache(maxsize=1024)
def match_province(text: str) -> Region | None:
    plain = _plain(text).replace(".", "")
    plain = re.sub(r"^(provinsi|prov|propinsi)\s+", "", plain)
    plain = re.sub(r"^kep\s+", "kepulauan ", plain)
    plain = _PROVINCE_ALIASES.get(plain, plain)
    return _index()[1].get(_base(plain))


def province_mismatch(region: Region, province_text: str) -> str | None:
    """A message when a kab/kota is paired with a province that never held it."""
    province = match_province(province_text)
    if province is None:
        return f"provinsi '{province_text}' tidak dikenal"
    if province.code == region.province_code or province.code in _SPLIT_FROM.get(
            region.province_code, ()):
        return None
    return f"{region.name} ada di provinsi {region.province}, bukan {province.name}"


def suggest_district(text: str) -> str | None:
    """The closest kab/kota name to a misspelt one ("Kab. Sika" -> Kabupaten Sikka)."""
    kind, base = split_kind(text)
    names = [b for b, regions in _index()[0].items()
             if not kind or any(r.kind == kind for r in regions)]
    close = difflib.get_close_matches(base, names, n=1, cutoff=0.8)
    if not close:
        return None
    regions = [r for r in _index()[0][close[0]] if not kind or r.kind == kind]
    return " atau ".join(r.name for r in regions)


@lru_cache(maxsize=4096)
def match_district(text: str, province: str | None = None) -> Region:
    """The kabupaten/kota a cell means, leniently: `Kab. Pati`, `KABUPATEN PATI`,
    `Pati` (with a province when needed), `Kota Pekalongan`. Raises ValueError."""
    kind, base = split_kind(text)
    if not base:
        raise ValueError("nama kabupaten/kota kosong")
    candidates = list(_index()[0].get(base, []))
    if kind:
        candidates = [r for r in candidates if r.kind == kind]
    if not candidates:
        hint = suggest_district(text)
        raise ValueError(f"kabupaten/kota '{text}' tidak dikenal"
                         + (f"; mungkin maksudnya {hint}?" if hint else ""))
    if len(candidates) > 1 and province:
        prov = match_province(province)
        narrowed = [r for r in candidates if prov and r.province_code == prov.code]
        candidates = narrowed or candidates
    if len(candidates) > 1:
        names = " atau ".join(f"{r.name} ({r.province})" for r in candidates)
        raise ValueError(f"'{text}' bisa berarti {names}; tulis lengkap dengan Kabupaten/Kota")
    return candidates[0]
