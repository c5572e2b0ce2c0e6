"""Renders one page of each document the app prints, from the demo, to docs/pages/*.png
(for the README): the letters, the daftar penerimaan, name tags, table tents, the laporan
kegiatan, a daftar hadir of one host school, a certificate with a long name, the rekap.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/document_pages.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtPdf import QPdfDocument  # noqa: E402

from kemitraan_desktop import activities, demo, letters, payments, store  # noqa: E402
from kemitraan_desktop.activities import StaffMember  # noqa: E402
from kemitraan_desktop.documents import (  # noqa: E402
    print_activity_report,
    print_attendance,
    print_certificates,
    print_nametags,
    print_payments,
)

OUT = ROOT / "docs" / "pages"
DPI = 60
OJL1 = 1


def png(pdf_path: Path, name: str, page: int = 0) -> Path:
    """Page `page` of the PDF on white, at DPI."""
    doc = QPdfDocument()
    doc.load(str(pdf_path))
    size = doc.pagePointSize(page)
    image = doc.render(page, QSize(round(size.width() / 72 * DPI), round(size.height() / 72 * DPI)))
    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, image)
    painter.end()
    out = OUT / f"{name}.png"
    paper.save(str(out))
    return out


def main() -> int:
    QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db = store.open_db(work / "demo.db")
        demo.load_demo(db)
        activities.save_staff(db, OJL1, [
            StaffMember(None, "narasumber", "Dr. Bambang Sutrisno, M.Pd.", "Widyaiswara",
                        "LPMP Jawa Tengah", "196803121993031002"),
            StaffMember(None, "panitia", "Sri Wahyuningsih, S.Pd., M.Pd.", "Ketua Panitia",
                        "Dinas Pendidikan Kota Pekalongan", "197203141998022003")])
        payments.save_rates(db, OJL1, {"Mitra 1": {"transport": 150000, "harian": 300000},
                                       "Mitra 2": {"transport": 150000, "harian": 300000},
                                       "narasumber": {"honorarium": 900000}})
        shots = []
        for kind, name in (("undangan", "01-surat-undangan"), ("tugas", "02-surat-tugas"),
                           ("sk", "03-sk-kepala-dinas")):
            pdf = letters.print_letter(db, OJL1, kind, work / f"{kind}.pdf", paper="a4")
            shots.append(png(pdf, name))
        shots.append(png(print_payments(db, OJL1, work / "spj.pdf", paper="a4"),
                         "04-daftar-penerimaan"))
        shots.append(png(print_nametags(db, OJL1, work / "tags.pdf", paper="a4"), "05-tanda-nama"))
        shots.append(png(print_nametags(db, OJL1, work / "tents.pdf", paper="a4", tents=True),
                         "06-papan-nama-meja"))
        report = print_activity_report(db, OJL1, work / "laporan.pdf", paper="a4")
        shots.append(png(report, "07-laporan-kegiatan-sampul"))
        shots.append(png(report, "08-laporan-kegiatan-bab-ii", page=4))
        host = activities.host_schools(db, OJL1)[0]
        shots.append(png(print_attendance(db, OJL1, work / "hadir.pdf", paper="a4",
                                          host_school=host["npsn"]), "09-daftar-hadir-sekolah"))
        shots.append(png(print_certificates(db, OJL1, work / "cert.pdf", paper="a4"),
                         "10-sertifikat"))
        db.close()
    for shot in shots:
        print(shot.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
