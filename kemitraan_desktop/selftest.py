"""The self-test an installed copy runs on itself (`kemitraan selftest`, and the app's
`--selftest`): in a temporary folder, a database with the demo data, FTS5, the bundled
sample roster imported, one of each document rendered, the workbooks and a Word letter
written, and (given by the caller: the app's check lives in ui/app.py) the main window
created. Every check is timed; the JSON says which passed and why not."""

from __future__ import annotations

import json
import platform
import sqlite3
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from . import __version__

PDF_MAGIC = b"%PDF-"
XLSX_MAGIC = b"PK\x03\x04"
DOCX_MAGIC = XLSX_MAGIC  # both are zip packages
DOCX_PROBE = "Uji mandiri: surat dalam format Word"


def _file_ok(path: Path, magic: bytes, smallest: int = 1000) -> str:
    data = Path(path).read_bytes()
    if not data.startswith(magic) or len(data) < smallest:
        raise AssertionError(f"{Path(path).name}: {len(data)} bytes, not a complete file")
    return f"{len(data):,} bytes"


def run(window_check: Callable[[object], str] | None = None) -> dict:
    """Run every check; never raises. `window_check(db)` creates the main window."""
    from . import demo, resources, store

    checks: list[dict] = []

    def check(name: str, fn: Callable[[], str | None]) -> None:
        started = time.perf_counter()
        entry: dict = {"name": name}
        try:
            detail = fn()
            entry.update(ok=True, detail=detail or "")
        except BaseException as exc:  # noqa: BLE001 - a self-test reports, it does not stop
            entry.update(ok=False, error=f"{type(exc).__name__}: {exc}",
                         trace=traceback.format_exc(limit=6))
        entry["seconds"] = round(time.perf_counter() - started, 3)
        checks.append(entry)

    with tempfile.TemporaryDirectory(prefix="kemitraan-selftest-", ignore_cleanup_errors=True) as tmp:
        folder = Path(tmp)
        state: dict = {}

        def database() -> str:
            state["db"] = db = store.open_db(folder / "selftest.db")
            demo.load_demo(db)
            people = db.execute("SELECT count(*) FROM people").fetchone()[0]
            certificates = db.execute("SELECT count(*) FROM certificates").fetchone()[0]
            if not people or not certificates:
                raise AssertionError("the demo data is missing")
            return f"{people} people, {certificates} certificates"
        check("database", database)
        db = state.get("db")

        def fts5() -> str:
            probe = sqlite3.connect(":memory:")
            probe.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
            probe.close()
            from . import people
            count = len(people.list_people(db, "smpn pekalongan"))
            if not count:
                raise AssertionError("the search found no school in Pekalongan")
            return f"SQLite {sqlite3.sqlite_version}, {count} found"
        check("fts5", fts5)

        def sample_roster() -> str:
            from .spreadsheets import import_roster
            report = import_roster(db, resources.resource_path("samples", "contoh-daftar-guru.xlsx"))
            if not report.written or not report.new:
                raise AssertionError(f"nothing imported: {report.problems[:3]}")
            return f"{report.new} new"
        check("import", sample_roster)

        def documents() -> list[tuple[str, Callable[[Path], object], bytes]]:
            from .documents import (
                attendance,
                biodata,
                certificate,
                frame,
                pairs,
                recap,
                register,
                rundown,
            )
            from .office import load_profile
            return [
                ("letterhead", lambda p: frame.letterhead_preview(load_profile(db), p), PDF_MAGIC),
                ("pairs", lambda p: pairs.print_pairs(db, 2, p), PDF_MAGIC),
                ("rundown", lambda p: rundown.print_rundown(db, 1, p), PDF_MAGIC),
                ("attendance", lambda p: attendance.print_attendance(db, 1, p), PDF_MAGIC),
                ("recap", lambda p: recap.print_recap(db, 1, p), PDF_MAGIC),
                ("biodata", lambda p: biodata.print_biodata(db, 1, p), PDF_MAGIC),
                ("register", lambda p: register.print_register(db, 1, p), PDF_MAGIC),
                ("certificates", lambda p: certificate.print_certificates(db, 1, p, back=True),
                 PDF_MAGIC),
                ("calibration", lambda p: certificate.print_calibration(db, p), PDF_MAGIC),
            ]

        def workbooks() -> list[tuple[str, Callable[[Path], object], bytes]]:
            # the names load their modules when a check calls them: a module that fails to
            # import fails its check instead of the whole self-test
            from . import spreadsheets as sheets
            return [
                ("roster.xlsx", lambda p: sheets.export_roster(db, p), XLSX_MAGIC),
                ("pairs.xlsx", lambda p: sheets.export_pairs(db, 2, p), XLSX_MAGIC),
                ("rundown.xlsx", lambda p: sheets.export_rundown(db, 1, p), XLSX_MAGIC),
                ("recap.xlsx", lambda p: sheets.export_recap(db, 1, p), XLSX_MAGIC),
            ]

        def exchange_round() -> str:
            """A signed file to a second office and applied there: the session extension
            (apsw, a compiled module a bundle must carry) end to end."""
            from . import exchange, store

            sent = exchange.export(db, folder / "kiriman.kemitraan", program_ids=[1])
            (folder / "mitra").mkdir(exist_ok=True)
            partner = store.open_db(folder / "mitra" / "kemitraan.db")
            try:
                exchange.trust(partner, sent.path)
                received = exchange.receive(partner, sent.path)
            finally:
                partner.close()
            if not received.applied:
                raise AssertionError("the exchange file was not applied")
            return f"{sent.size} bytes, {received.summary()}"

        def word_letter() -> str:
            """A letter written through the shared Word frame (kop surat with the logo,
            one paragraph) and read back: python-docx, lxml.etree and docx's default
            template (docx/templates/default.docx, a data file a bundle must carry)."""
            import docx

            from .documents import word
            from .office import load_profile

            target = folder / "surat.docx"
            doc = word.new_document(load_profile(db))
            word.paragraph(doc, DOCX_PROBE, bold=True, align=word.CENTRE)
            word.save(doc, target)
            size = _file_ok(target, DOCX_MAGIC)
            back = docx.Document(str(target))
            texts = [p.text for p in back.paragraphs]
            if DOCX_PROBE not in texts:
                raise AssertionError(f"the paragraph written is not read back: {texts[:5]}")
            return f"{size}, {len(texts)} paragraphs, {len(back.inline_shapes)} pictures"

        if db is not None:
            check("exchange", exchange_round)
            for name, make, magic in documents() + workbooks():
                suffix = ".xlsx" if magic == XLSX_MAGIC else ".pdf"
                target = folder / f"{name.split('.')[0]}{suffix}"

                def render(make=make, target=target, magic=magic) -> str:
                    make(target)
                    return _file_ok(target, magic)
                check(f"{'pdf' if suffix == '.pdf' else 'xlsx'}:{name.split('.')[0]}", render)
            check("docx:letter", word_letter)
            if window_check is not None:
                check("window", lambda: window_check(db))
            db.close()
    return {
        "ok": bool(checks) and all(c["ok"] for c in checks),
        "version": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "checks": checks,
    }


def report(result: dict, out: str | None = None) -> int:
    """Print the JSON (and write it to `out`); 0 only if every check passed."""
    text = json.dumps(result, ensure_ascii=False, indent=2)
    if out:
        Path(out).write_text(text + "\n", encoding="utf-8")
    try:
        print(text)
    except (OSError, AttributeError):  # a windowed build on Windows has no stdout
        pass
    return 0 if result["ok"] else 1
