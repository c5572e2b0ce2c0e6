"""Starts the desktop application: arguments, logging, the database, the main window."""

from __future__ import annotations

import argparse
import sys
import traceback

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QMessageBox

from kemitraan_desktop import APP_NAME, __version__, demo, store
from kemitraan_desktop.errors import KemitraanError
from kemitraan_desktop.logs import log, setup_logging


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kemitraan-desktop", description="Kemitraan Desktop")
    parser.add_argument("--db", metavar="FILE", help="berkas basis data")
    parser.add_argument("--demo", action="store_true", help="isi basis data dengan data demo")
    return parser.parse_args(argv)


def _excepthook(exc_type, exc, tb) -> None:
    # Frozen Windows builds have no stderr: log to the file, never print.
    log.error("Kesalahan tak terduga:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    setup_logging()
    sys.excepthook = _excepthook
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    try:
        db = store.open_db(args.db)
        if args.demo:
            demo.load_demo(db)
    except KemitraanError as exc:
        QMessageBox.critical(None, "Kemitraan Desktop", exc.message)
        return 2
    from .main_window import MainWindow

    window = MainWindow(db)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
