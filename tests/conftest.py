"""Shared fixtures: a migrated template database copied per test, and workbook builders."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))  # for helpers.py

from helpers import HEADER, ROOT  # noqa: E402

sys.path.insert(0, str(ROOT))

from kemitraan_desktop import placement, store  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path, monkeypatch):
    """No test touches the real user data or log folders."""
    monkeypatch.setenv("KEMITRAAN_DB", str(tmp_path / "default" / "kemitraan.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    # The test machine's own mounts must not decide (a CI root on 9p would make every
    # temporary database "network"); the storage tests give their own.
    monkeypatch.setattr(placement, "_linux_mounts", lambda: [("/", "ext4")])


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = store.open_db(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def db_path(template_db, tmp_path) -> Path:
    path = tmp_path / "kemitraan.db"
    shutil.copy(template_db, path)
    return path


@pytest.fixture
def db(db_path):
    database = store.open_db(db_path)
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_template(template_db, tmp_path_factory) -> Path:
    """A database with the demo loaded once per session; copied per test by demo_copy."""
    from kemitraan_desktop import demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copy(template_db, path)
    db = store.open_db(path)
    demo.load_demo(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def demo_copy(demo_template, tmp_path):
    path = tmp_path / "kemitraan.db"
    shutil.copy(demo_template, path)
    database = store.open_db(path)
    yield database
    database.close()


@pytest.fixture
def make_xlsx(tmp_path):
    """Write rows to an .xlsx; strings stay text cells, numbers stay numbers (as Excel would)."""
    counter = iter(range(1000))

    def make(rows, header=HEADER, *, above=(), sheet="Daftar", name=None):
        book = Workbook()
        ws = book.active
        ws.title = sheet
        for line in above:
            ws.append(list(line))
        ws.append(list(header))
        for row in rows:
            ws.append(list(row))
        path = tmp_path / (name or f"roster{next(counter)}.xlsx")
        book.save(path)
        return path

    return make
