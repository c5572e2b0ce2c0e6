"""UI test fixtures: no real error dialog, no real settings, the demo database."""

from __future__ import annotations

import gc
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


@pytest.fixture(autouse=True, scope="session")
def _garbage_on_the_gui_thread():
    """As the app does (ui/ops.py collect_on_gui_thread): no cycle collection in a worker
    thread, where freeing a Qt object crashes Qt; the test thread collects between tests."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_between_tests():
    """After each test (and pytest-qt's closing of its widgets): the widgets it deleted are
    deleted now, while no worker thread runs Python, and the garbage collected. Left to the
    next test's event loop, they were deleted while its job ran, and PySide 6.11 crashes
    releasing a widget's wrapper while another thread runs Python."""
    yield
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from ui.ops import registry

    registry().wait_all(30)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QApplication.processEvents()
    gc.collect()


@pytest.fixture
def demo_db(db):
    demo.load_demo(db)
    return db


@pytest.fixture(autouse=True, scope="session")
def _qt_words_in_indonesian(qapp):
    """As the app does (ui/app.py main): Qt's own words (file dialogs, context menus,
    standard buttons) in Indonesian, from the app's qtbase translation."""
    from ui import qt_words

    assert qt_words.install(qapp) is not None
    yield
