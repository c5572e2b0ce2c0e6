"""Shared test data: paths and a small valid roster."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

HEADER = ["Nama", "NUPTK", "NIP", "L/P", "Asal Sekolah", "Kab/Kota", "Mata Pelajaran", "Nilai UKG"]


def good_rows():
    return [
        ["Dra. Retna Widowati, M.Pd.", "3344556677889900", "196505121990032002", "P",
         "SMP Negeri 1 Pekalongan", "Kota Pekalongan", "Bahasa Indonesia", 88.5],
        ["Agung Jumari, S.Pd., M.Pd.", "1122334455667788", "197808172005011003", "L",
         "SMP Negeri 2 Pekalongan", "Kota Pekalongan", "Matematika", 84],
        ["Yohanes Ndun, S.Pd.", "9988776655443322", "", "L",
         "SMP Negeri 1 Oelamasi", "Kabupaten Kupang", "IPA", 71],
    ]
