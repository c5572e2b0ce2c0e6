"""Provinces and kabupaten/kota with their time zones, and lenient matching of region names."""

from __future__ import annotations

import csv
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
    "dki": "dki jakarta", "jakarta": "dki jakarta", "diy": "daerah istimewa yogyakarta",
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
_KAB_PREFIX = re.compile(r"^(?:kabupaten|kab)\b\.?\s*")
_KOTA_PREFIX = re.compile(r"^(?:kota\s*madya|kotamadya|kodya|kota|kot)\b\.?\s*")


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
            Region(r["kode"], r["nama"], r["jenis"], r["kode_provinsi"], r["provinsi"],
                   r["zona_waktu"])
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


def match_province(text: str) -> Region | None:
    plain = _plain(text).replace(".", "")
    plain = re.sub(r"^(provinsi|prov|propinsi)\s+", "", plain)
    plain = _PROVINCE_ALIASES.get(plain, plain)
    return _index()[1].get(_base(plain))


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
        raise ValueError(f"kabupaten/kota '{text}' tidak dikenal")
    if len(candidates) > 1 and province:
        prov = match_province(province)
        narrowed = [r for r in candidates if prov and r.province_code == prov.code]
        candidates = narrowed or candidates
    if len(candidates) > 1:
        names = " atau ".join(f"{r.name} ({r.province})" for r in candidates)
        raise ValueError(f"'{text}' bisa berarti {names}; tulis lengkap dengan Kabupaten/Kota")
    return candidates[0]
