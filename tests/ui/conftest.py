"""UI test fixtures: no real error dialog, no real settings, the demo database."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from kemitraan_desktop import demo


@pytest.fixture(autouse=True)
def _no_error_dialogs(monkeypatch):
    """An error dialog a test did not expect fails the test (STYLE.md)."""
    shown = []

    def record(parent, error, title=""):
        shown.append(error)
        raise AssertionError(f"unexpected error dialog: {error!r}")

    import ui.errors  # noqa: F401 - make sure the module is loaded before patching users
    for name, module in list(sys.modules.items()):
        if name.startswith("ui.") and name != "ui.errors" and hasattr(module, "show_error"):
            monkeypatch.setattr(module, "show_error", record)
    return shown


@pytest.fixture(autouse=True)
def _settings(tmp_path):
    QCoreApplication.setOrganizationName("KemitraanTest")
    QCoreApplication.setApplicationName("KemitraanTest")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture
def demo_db(db):
    demo.load_demo(db)
    return db
