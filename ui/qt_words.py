"""Qt's own words (file dialogs, context menus, standard buttons) in Indonesian.

Qt ships no Indonesian translation of qtbase, so the app carries its own:
ui/translations/qtbase_id.ts, compiled to qtbase_id.qm and committed beside it (the
Windows build and CI need no lrelease; a test recompiles the .ts and compares).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from kemitraan_desktop.logs import log

QM_NAME = "qtbase_id.qm"
_OBJECT_NAME = "kemitraan-qt-words"


def qm_path() -> Path:
    """The compiled translation, from a source checkout or inside the PyInstaller bundle
    (the spec ships it to ui/translations, as resources.py finds resources/)."""
    bundle = getattr(sys, "_MEIPASS", None)
    folder = Path(bundle) / "ui" if bundle else Path(__file__).resolve().parent
    return folder / "translations" / QM_NAME


def install(app: QCoreApplication) -> QTranslator | None:
    """Install the Indonesian qtbase translator on `app`, once. Returns it, or None when the
    file is missing or unreadable: the app still works, with Qt's English words."""
    for existing in app.findChildren(QTranslator, _OBJECT_NAME):
        return existing
    path = qm_path()
    translator = QTranslator()
    if not translator.load(str(path)):
        log.warning("Terjemahan Qt tidak dapat dimuat: %s", path)
        return None
    translator.setParent(app)  # owned by the app: it must outlive every widget
    translator.setObjectName(_OBJECT_NAME)
    app.installTranslator(translator)
    return translator
