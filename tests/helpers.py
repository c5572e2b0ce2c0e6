"""Shared test data: paths and a small valid roster; checks for hostile input."""

import hashlib
import importlib.util
import re
import sys
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


# ---------------------------------------------------------------- hostile input

BAD = DATA / "bad"
_WORDS = re.compile(r"\b(berkas|lembar|baris|kolom|sel|tidak|bukan|isi|dan|atau|yang|dengan|"
                    r"kosong|rusak)\b", re.IGNORECASE)
FOREIGN_WORDS = re.compile(r"Traceback|Error\b|Exception|errno|object at 0x|NoneType|"
                      r"\bfield\b|\blimit\b|\bfailed\b|\bcannot\b", re.IGNORECASE)


def bad_files():
    """tests/data/bad/make_bad_files.py as a module: the corpus's writers and texts."""
    if "make_bad_files" not in sys.modules:
        spec = importlib.util.spec_from_file_location("make_bad_files", BAD / "make_bad_files.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look themselves up there
        spec.loader.exec_module(module)
    return sys.modules["make_bad_files"]


def snapshot(db) -> str:
    """Every row of every table, hashed: equal before and after means nothing was written."""
    digest = hashlib.sha256()
    tables = [name for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    for table in tables:
        for row in db.execute(f'SELECT * FROM "{table}"'):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def assert_clear(message: str, path: Path) -> None:
    """A message for the user: Indonesian, naming the file (and, where it has one, the place)."""
    assert path.name in message or path.stem in message, message
    assert _WORDS.search(message), message
    assert not FOREIGN_WORDS.search(message), message


def assert_located(problems) -> None:
    """Every problem of a report names its row, in Indonesian."""
    for problem in problems:
        assert problem.row is not None and _WORDS.search(str(problem)), str(problem)
        assert not FOREIGN_WORDS.search(problem.message), problem.message


def gorontalo_office(tmp_path: Path, template_db: Path):
    """A second office's database (Dinas Pendidikan Kabupaten Gorontalo), empty but for its
    profile: the partner of the demo's Pekalongan in the exchange tests."""
    import shutil

    from kemitraan_desktop import office, store

    path = tmp_path / "gorontalo" / "kemitraan.db"
    path.parent.mkdir()
    shutil.copy(template_db, path)
    db = store.open_db(path)
    office.save_profile(db, office.OfficeProfile(government="PEMERINTAH KABUPATEN GORONTALO",
                                                 name="DINAS PENDIDIKAN", city="Limboto"))
    return db


def run_command(capsys, db: Path, *args) -> tuple[int, str, str]:
    """`kemitraan --db DB ARGS` as the office types it: exit code, output, messages; never a
    traceback or a library's English words."""
    from kemitraan_desktop import cli

    code = cli.main(["--db", str(db), *map(str, args)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    for line in err.splitlines():  # every message in Indonesian, never a library's words
        assert not FOREIGN_WORDS.search(line), line
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count_people(path: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM people").fetchone()[0]
    finally:
        conn.close()
