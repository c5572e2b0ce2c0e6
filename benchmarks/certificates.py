"""Certificates at scale: N certificates with signed QR codes into one PDF, in a fresh
process (its peak RSS is its own).

And, in the same run, the way offices do it today: a mail merge in Word gives one .docx per
person, and LibreOffice headless converts them to PDF (one soffice process for all of them,
its fastest way). The .docx certificates are written here as Word's mail merge leaves
them: landscape A4, the same lines of text, one file per person.

Needs LibreOffice Writer for the comparison (Debian: apt install libreoffice-writer);
without it the comparison says so and is skipped.

Usage: python benchmarks/certificates.py [--count 1000] [--repeats 3] [--libreoffice-count N]
Targets (issue 7): at least 150 certificates/s; at least 10x LibreOffice in the same run;
10,000 under 400 MB peak RSS (run with --count 10000).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from import_roster import WORK, fill_people  # noqa: E402

PROBE = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[3])
from kemitraan_desktop import store
from kemitraan_desktop.documents.certificate import print_certificates
db = store.open_db(sys.argv[1])
t = time.perf_counter()
print_certificates(db, int(sys.argv[2]), sys.argv[4])
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def fixture(count: int) -> tuple[Path, int]:
    """`count` participants of a one-day activity, all present, their certificates issued."""
    from kemitraan_desktop import activities, attendance, certificates, programs, store

    path = WORK / f"certificates_{count}.db"
    if path.exists():
        db = store.open_db(path)
        aid = db.execute("SELECT max(id) FROM activities").fetchone()[0]
        db.close()
        return path, aid
    WORK.mkdir(parents=True, exist_ok=True)
    fill_people(path, count)
    db = store.open_db(path)
    db.execute("UPDATE people SET subject = 'Matematika', jenjang = 'SMP' WHERE subject IS NULL")
    ids = [r[0] for r in db.execute("SELECT id FROM people ORDER BY id LIMIT ?", [count])]
    pid = programs.create_program(db, "Bench", 2019, "SMP", ratios="10")
    programs.add_participants(db, pid, ids, 2)
    day = dt.date(2019, 9, 9)
    aid = activities.create_activity(db, pid, "lainnya", "Workshop Bench", day, day,
                                     city="Kota Pekalongan")
    activities.save_items(db, aid, [activities.Item(day, dt.time(8), dt.time(12), "Materi", jp=4,
                                                    attendance=True)])
    session = attendance.sessions(db, aid)[0]
    attendance.set_marks(db, aid, [attendance.Mark(p, *session.key, "hadir") for p in
                                   [r["id"] for r in activities.activity_participants(db, aid)]])
    certificates.issue(db, aid, day)
    db.close()
    return path, aid


DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>')
DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdLogo" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/image" Target="media/logo.png"/></Relationships>')
NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')
LOGO_EMU = 900000  # 2.5 cm, as on the letterhead
LOGO = (
    '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline>'
    f'<wp:extent cx="{LOGO_EMU}" cy="{LOGO_EMU}"/><wp:docPr id="1" name="Logo"/>'
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr>'
    '<pic:blipFill><a:blip r:embed="rIdLogo"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
    f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{LOGO_EMU}" cy="{LOGO_EMU}"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>'
    '</a:graphic></wp:inline></w:drawing></w:r></w:p>')
BORDER = ''.join(f'<w:{side} w:val="double" w:sz="18" w:space="20" w:color="1F4D78"/>'
                 for side in ("top", "left", "bottom", "right"))


def _paragraph(text: str, size: int, bold: bool = False) -> str:
    from xml.sax.saxutils import escape
    run = f'<w:rPr><w:rFonts w:ascii="Liberation Sans" w:hAnsi="Liberation Sans"/>' \
          f'{"<w:b/>" if bold else ""}<w:sz w:val="{size * 2}"/></w:rPr>'
    return (f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r>{run}<w:t xml:space="preserve">'
            f'{escape(text)}</w:t></w:r></w:p>')


def mail_merge_docx(row: dict, path: Path, logo: bytes) -> None:
    """One person's certificate as a Word mail merge leaves it: a landscape A4 .docx with
    the office's logo, a double page border and the same lines of text as ours (no QR:
    a mail merge has none)."""
    import zipfile
    lines = [("PEMERINTAH KOTA PEKALONGAN", 14, False), ("DINAS PENDIDIKAN", 16, True),
             ("Jl. Sriwijaya No. 44, Pekalongan", 10, False),
             ("SERTIFIKAT", 30, True), (f"Nomor: {row['number']}", 12, False),
             ("diberikan kepada", 13, False), (row["name"], 24, True),
             (f"NUPTK {row.get('nuptk') or ''}", 12, False), (row.get("school") or "", 12, False),
             (f"sebagai {row['tier_label']} mata pelajaran {row.get('subject') or ''}", 13, False),
             (f"pada {row['activity']}, {row['program']} Tahun {row['program_year']}", 12, False),
             (f"sebanyak {row['jp']:g} JP", 12, False), ("Pekalongan, 9 September 2019", 11, False),
             ("Kepala Dinas Pendidikan", 11, False), ("Drs. Haryono Wicaksono, M.Pd.", 11, True),
             ("NIP 19660512 199003 1 004", 11, False)]
    body = LOGO + "".join(_paragraph(*line) for line in lines)
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NAMESPACES}>'
        f'<w:body>{body}<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
        '<w:pgMar w:top="850" w:right="850" w:bottom="850" w:left="850"/>'
        f'<w:pgBorders w:offsetFrom="page">{BORDER}</w:pgBorders></w:sectPr></w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as docx:
        docx.writestr("[Content_Types].xml", DOCX_TYPES)
        docx.writestr("_rels/.rels", DOCX_RELS)
        docx.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        docx.writestr("word/media/logo.png", logo)
        docx.writestr("word/document.xml", document)


def libreoffice(db_path: Path, count: int) -> tuple[float, int] | None:
    """Seconds for LibreOffice headless to convert `count` mail-merge .docx to PDF, and the
    number of PDFs it wrote; None when LibreOffice is not installed."""
    import tempfile
    import time

    from kemitraan_desktop import certificates, store

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    db = store.open_db(db_path)
    rows = certificates.register(db)[:count]
    db.close()
    with tempfile.TemporaryDirectory(prefix="kemitraan-lo-") as tmp:
        folder = Path(tmp)
        (folder / "docx").mkdir()
        (folder / "pdf").mkdir()
        files = []
        logo = (ROOT / "resources" / "logo-placeholder.png").read_bytes()
        for index, row in enumerate(rows):
            path = folder / "docx" / f"{index:05d}.docx"
            mail_merge_docx(row, path, logo)
            files.append(str(path))
        profile = f"-env:UserInstallation=file://{folder / 'profile'}"
        # start the profile once, untimed, as an office PC has it already
        subprocess.run([soffice, profile, "--headless", "--terminate_after_init"],
                       capture_output=True, timeout=300)
        started = time.perf_counter()
        # One soffice per 200 files: LibreOffice 7.4 stops silently after about 250 files
        # given in one call (seen here), so a script has to feed it in batches.
        for first in range(0, len(files), 200):
            subprocess.run([soffice, profile, "--headless", "--convert-to", "pdf", "--outdir",
                            str(folder / "pdf"), *files[first:first + 200]],
                           capture_output=True, check=True, timeout=3600)
        seconds = time.perf_counter() - started
        written = len(list((folder / "pdf").glob("*.pdf")))
    return seconds, written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--libreoffice-count", type=int, default=None,
                        help="mail-merge documents for LibreOffice (default: --count, at most 1000; "
                             "0 skips it)")
    args = parser.parse_args()
    path, aid = fixture(args.count)
    work = WORK / "certificates_run.db"
    shutil.copy(path, work)
    out = WORK / "certificates.pdf"
    runs = []
    for _ in range(args.repeats):
        result = subprocess.run([sys.executable, "-c", PROBE, str(work), str(aid), str(ROOT), str(out)],
                                check=True, capture_output=True, text=True)
        runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
    seconds = statistics.median(r["seconds"] for r in runs)
    rate = args.count / seconds
    rss = max(r["rss_mb"] for r in runs)
    print(f"{args.count:,} certificates with QR in one PDF: {seconds:.2f} s, {rate:.0f}/s "
          f"(median of {len(runs)}; target >= 150/s: {'met' if rate >= 150 else 'NOT met'}); "
          f"peak RSS {rss:.0f} MB")
    lo_count = min(args.count, 1000) if args.libreoffice_count is None else args.libreoffice_count
    if lo_count:
        measured = libreoffice(path, lo_count)
        if measured is None:
            print("LibreOffice (soffice) is not installed: the comparison was not run.")
        else:
            lo_seconds, written = measured
            if not written:
                print("LibreOffice wrote no PDF (is LibreOffice Writer installed?): no comparison.")
                return 1
            lo_rate = written / lo_seconds
            print(f"LibreOffice headless, {written:,} mail-merge .docx -> PDF: {lo_seconds:.1f} s, "
                  f"{lo_rate:.1f}/s; Kemitraan is {rate / lo_rate:.0f}x faster "
                  f"(target >= 10x: {'met' if rate / lo_rate >= 10 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
