"""Sertifikat: issue after seeing the numbers, the register, void and re-issue, verify, print."""

import datetime as dt

from kemitraan_desktop import certificates as cert
from ui.pages.certificates_page import CertificatesPage


def without_certificates(db):
    db.execute("DELETE FROM certificates")
    db.execute("DELETE FROM certificate_counters")


def page(qtbot, db):
    widget = CertificatesPage(db)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.reload(select=1)
    return widget


def test_issue_void_reissue_and_verify(qtbot, demo_db):
    without_certificates(demo_db)
    widget = page(qtbot, demo_db)
    assert widget.table.rowCount() == 0
    box = widget.issue(dt.date(2018, 9, 16))
    assert "Terbitkan 23 sertifikat" in box.text() and "421.3/001/DINDIK/IX/2018" in box.text()
    assert cert.register(demo_db) == []  # not before the operator agrees
    box.accept()
    assert widget.table.rowCount() == 23 and widget.count.text() == "23 berlaku, 0 dibatalkan"
    widget.table.selectRow(1)
    assert widget.void_selected("salah gelar")
    assert widget.count.text() == "22 berlaku, 1 dibatalkan"
    assert widget.table.item(1, 5).text() == "Dibatalkan: salah gelar"
    widget.table.selectRow(1)
    assert widget.reissue_selected()
    assert widget.table.rowCount() == 24
    widget.verify_text.setText(cert.register(demo_db)[0]["verification"])
    assert widget.verify().ok and "SAH" in widget.verify_result.text()
    widget.verify_text.setText(cert.register(demo_db)[1]["number"])
    assert widget.verify().status == "voided"


def test_print_opens_the_preview(qtbot, demo_db, tmp_path):
    from pypdf import PdfReader

    widget = page(qtbot, demo_db)  # the demo's 23 certificates
    job = widget.print_all(path=str(tmp_path / "s.pdf"))
    job.wait()
    qtbot.waitUntil(lambda: getattr(widget, "preview", None) is not None, timeout=10000)
    assert len(PdfReader(tmp_path / "s.pdf").pages) == 23
