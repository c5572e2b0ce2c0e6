"""Saves a PNG of every page and dialog, with the demo data: `make screenshots`."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kemitraan_desktop import demo, store

ROOT = Path(__file__).resolve().parent.parent


def _settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _save(widget: QWidget, path: Path) -> None:
    _settle()
    widget.grab().save(str(path))
    print(f"saved {path}")


def dapodik_import(window, folder: Path) -> None:
    """The wizard on a Dapodik "Daftar Guru" download as it comes: header in row 5, the
    school and region from the title rows, HP and Telepon merged."""
    wizard = window.start_import(str(ROOT / "tests" / "data" / "sources" / "dapodik_daftar_guru.xlsx"))
    wizard.next()
    while wizard.busy() or wizard.analysis is None:
        _settle(100)
    page = wizard.mapping_page
    phone = [i for i, key in wizard.analysis.mapping.items() if key == "phone"]
    page.columns.scrollToItem(page.columns.item(max(phone) + 2, 0))  # Telepon and HP in view
    _save(wizard, folder / "25-impor-dapodik.png")
    wizard.reject()


def exchange_shots(window, db, folder: Path, work: Path) -> None:
    """Kirim data, the preview of a received file at the partner office, Kantor mitra."""
    from kemitraan_desktop import demo_partner, exchange, office

    from .exchange.dialogs import ReceiveDialog
    from .main_window import SETTINGS, MainWindow

    send = window.send_data()
    _save(send, folder / "29-kirim-data.png")
    send.reject()
    exchange.export(db, work / "dari-pekalongan.kemitraan")
    partner = store.open_db(work / "gorontalo.db")
    office.save_profile(partner, demo_partner.PARTNER)
    other = MainWindow(partner)
    other.resize(1366, 740)
    other.show()
    receive = ReceiveDialog(partner, str(work / "dari-pekalongan.kemitraan"), other)
    receive.show()
    while not receive.trust.isVisible():
        _settle(100)
    _save(receive, folder / "30-terima-sidik-kunci.png")
    receive.trust.setChecked(True)
    while not receive.apply_button.isEnabled():
        _settle(100)
    _save(receive, folder / "31-terima-pratinjau.png")
    receive.reject()
    other.close()
    demo_partner.load_partner(db)
    window.sidebar.setCurrentRow(SETTINGS)
    window.settings_page.tabs.setCurrentWidget(window.settings_page.partners)
    _save(window, folder / "32-kantor-mitra.png")


def _scene(path: Path, sky: tuple[int, int, int], people: int) -> Path:
    """A stand-in photo of the activity: a room with people in rows (no real photos ship)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 800), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 520, 1200, 800), fill=(150, 120, 90))
    draw.rectangle((420, 120, 780, 330), fill=(245, 245, 240), outline=(60, 60, 60), width=6)
    for n in range(people):
        x, y = 80 + (n % 8) * 140, 470 + (n // 8) * 120
        draw.ellipse((x, y - 90, x + 60, y - 30), fill=(90, 60, 40))
        draw.rectangle((x - 10, y - 30, x + 70, y + 60), fill=(40, 90, 150) if n % 2 else (200, 60, 60))
    image.save(path, "JPEG", quality=85)
    return path


def paperwork_shots(window, db, folder: Path, work: Path) -> None:
    """Surat dan Dokumen Kegiatan on the Pekalongan OJL 1: the Surat Undangan chosen, its
    wording, the daftar penerimaan's amounts, the laporan kegiatan with two photos."""
    from kemitraan_desktop import activity_report, payments
    from kemitraan_desktop.office import Signatory

    from .main_window import ACTIVITIES

    window.sidebar.setCurrentRow(ACTIVITIES)
    page = window.activities_page
    page.reload_activities(select=1)
    dialog = page.open_paperwork()
    dialog.resize(940, 600)
    _save(dialog, folder / "33-surat-dan-dokumen.png")
    editor = dialog.edit_template("undangan")
    editor.resize(1040, 640)
    _save(editor, folder / "34-ubah-teks-surat.png")
    editor.reject()
    payments.save_rates(db, 1, {"Mitra 1": {"transport": 150000, "harian": 300000},
                                "Mitra 2": {"transport": 150000, "harian": 300000}})
    payments.save_treasurer(db, Signatory("Bendahara Pengeluaran", "Siti Rahayu, S.E.",
                                          "Penata, III/c", "198103152006042011"))
    dialog.close()
    dialog = page.open_paperwork()
    dialog.resize(940, 600)
    dialog.choose("payments")
    _save(dialog, folder / "35-daftar-penerimaan-tarif.png")
    for n, (sky, people, caption) in enumerate((
            ((200, 220, 235), 16, "Pembukaan oleh Kepala Dinas Pendidikan"),
            ((225, 215, 190), 10, "Observasi pembelajaran di SMP Negeri 2 Pekalongan"))):
        activity_report.add_photo(db, 1, _scene(work / f"foto-{n}.jpg", sky, people), caption)
    dialog.choose("report")
    report = dialog.edit_report()
    report.resize(980, 640)
    report.editors["hasil"].setPlainText(
        "Seluruh guru mitra telah menyusun RPP dan melaksanakan pembelajaran yang diobservasi "
        "guru inti.")
    _save(report, folder / "36-isi-laporan.png")
    report.tabs.setCurrentIndex(report.tabs.count() - 1)
    report.photos.setCurrentRow(0)
    _save(report, folder / "37-laporan-foto.png")
    report.reject()
    dialog.close()


def program_dashboard(window, folder: Path) -> None:
    """Beranda on the 2019 program: what to do next, the pairs gone quiet at the end of
    the four months, and the report's four charts, all in the first screen."""
    from .main_window import HOME

    window.sidebar.setCurrentRow(HOME)
    home = window.home
    home.choose_program(2)
    while home.loading():
        _settle(100)
    _save(window, folder / "38-beranda-program.png")


def follow_up_shots(window, folder: Path) -> None:
    """Pendampingan & Monev on the 2019 program at the end of its four months: the tracker,
    a contact being typed, a monev visit being scored, the reach against target."""
    from kemitraan_desktop import monev

    from .main_window import FOLLOW_UP

    window.sidebar.setCurrentRow(FOLLOW_UP)
    page = window.follow_up_page
    page.reload_programs(select=2)
    while not page.idle():
        _settle(100)
    page.tabs.setCurrentWidget(page.tracker)
    _save(window, folder / "40-pendampingan-pasangan.png")
    status = page.status
    pair = (status.quiet or status.pairs)[0]
    page.tabs.setCurrentWidget(page.log)
    dialog = page.log.add()
    dialog.mentor.choose(pair.mentor.participant_id)
    dialog.mentee.choose(pair.mentee.participant_id)
    dialog.day.set_date(page.as_of())
    dialog.modes.button(2).setChecked(True)
    dialog.jp.setText("1")
    dialog.topic.setText("Menanyakan kendala penerapan PBL di kelas VIII")
    dialog.agreed.setText("Guru mengirim RPP revisi lewat WhatsApp")
    dialog.follow_up.setText("Kunjungan kelas minggu depan")
    _save(dialog, folder / "41-catat-pendampingan.png")
    dialog.reject()
    page.tabs.setCurrentWidget(page.monev)
    form = monev.get_form(window.db, "observasi")
    for row in range(page.monev.form_list.count()):
        if page.monev.form_list.item(row).data(Qt.ItemDataRole.UserRole) == form.id:
            page.monev.form_list.setCurrentRow(row)
    mitra = next(r for r in status.mentors if r.person.tier == 2)
    page.monev.person.choose(mitra.person.participant_id)
    dialog = page.monev.enter()
    dialog.observer.choose(mitra.mentor_id)
    for n, item in enumerate(form.items[:14]):
        dialog.spins[item["id"]].setValue((3, 4, 3, 2)[n % 4])
    dialog.notes[form.items[3]["id"]].setText("apersepsi belum dikaitkan")
    _save(dialog, folder / "42-isi-hasil-monev.png")
    dialog.reject()
    page.monev.person.clear()
    page.tabs.setCurrentWidget(page.reach)
    _save(window, folder / "43-jangkauan.png")


def first_run(folder: Path, work: Path) -> None:
    """A new office's Beranda: the next steps, each a button."""
    from .main_window import MainWindow

    db = store.open_db(work / "baru.db")
    window = MainWindow(db)
    window.resize(1366, 740)
    window.show()
    while window.home.loading():
        _settle(100)
    _save(window, folder / "26-beranda-kantor-baru.png")
    window.close()


def main(out: str = "docs/screenshots", only: str = "") -> int:
    """Every screenshot; `only="dapodik"` makes just 25-impor-dapodik.png, `only="paperwork"`
    just the Surat dan Dokumen pictures (33 to 37), `only="follow_up"` just Pendampingan &
    Monev's (40 to 43)."""
    from .main_window import AREAS, MainWindow
    from .settings.welcome import WelcomeDialog

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    QCoreApplication.setOrganizationName("Kemitraan-screenshots")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    work = Path(tempfile.mkdtemp(prefix="kemitraan-shots-"))
    db = store.open_db(work / "demo.db")
    demo.load_demo(db, follow_up=True)
    window = MainWindow(db)
    window.resize(1366, 740)
    window.show()
    if only in ("dapodik", "paperwork", "follow_up"):
        {"dapodik": dapodik_import, "follow_up": follow_up_shots,
         "paperwork": lambda w, f: paperwork_shots(w, db, f, work)}[only](window, folder)
        window.close()
        return 0
    names = ["beranda", "guru", "program", "kegiatan", "kehadiran", "sertifikat",
             "pendampingan", "pengaturan"]
    for index, name in enumerate(names[:len(AREAS)]):
        if name == "pendampingan":
            continue  # follow_up_shots (40-43); Pengaturan keeps its number 07
        number = index + 1 - (index > names.index("pendampingan"))
        window.sidebar.setCurrentRow(index)
        if name == "program":  # the tree opened on the first inti, as an operator would
            page = window.programs_page
            while not page.idle():
                _settle(100)
            first = page.model.index(0, 0)
            page.tree.expand(first)
            _settle(100)
            page.tree.expand(page.model.index(0, 0, first))
        if name == "sertifikat":
            window.certificates_page.reload(select=1)
        if name == "kehadiran":
            window.attendance_page.reload_activities(select=1)
        if name == "kegiatan":  # the Pekalongan OJL 1 on its class-observation day
            page = window.activities_page
            page.list.setCurrentRow(0)
            page.rundown.days.setCurrentIndex(3)
        _save(window, folder / f"{number:02d}-{name}.png")
    window.sidebar.setCurrentRow(1)
    window.people_page.search.setText("pekalongan")
    window.people_page.refresh()
    _save(window, folder / "08-guru-cari.png")
    window.people_page.search.clear()
    window.people_page.refresh()
    form = window.people_page.edit(window.people_page.model.id_at(0))
    form.editors["nip"].setText("19751312 200003 1 002")
    _save(form, folder / "09-formulir-guru.png")
    form.close()
    wizard = window.start_import(str(ROOT / "tests" / "data" / "roster_libreoffice.xlsx"))
    wizard.next()
    while wizard.busy() or wizard.analysis is None:
        _settle(100)
    _save(wizard, folder / "10-impor-kolom.png")
    wizard.next()
    _save(wizard, folder / "11-impor-ringkasan.png")
    wizard.reject()
    dapodik_import(window, folder)
    window.sidebar.setCurrentRow(2)
    page = window.programs_page
    page.tabs.setCurrentIndex(1)
    _save(window, folder / "13-program-ringkasan.png")
    page.tabs.setCurrentIndex(0)
    from kemitraan_desktop import pairing
    review = page._review(page.program, pairing.propose(db, page.program.id, repair=True))
    review.resize(1340, 600)
    _save(review, folder / "14-usulan-pasangan.png")
    review.reject()
    form = page.new_program()
    form.label_preset.setCurrentText("Mitra 1 / Mitra 2 / Mitra 3")
    form.ratio_preset.setCurrentText("1:2")
    form.name.setText("Kemitraan Guru SMP - OJL Kota Pekalongan")
    form.year.setValue(2018)
    _save(form, folder / "15-program-baru.png")
    form.reject()
    window.sidebar.setCurrentRow(3)
    activity_form = window.activities_page.edit_activity()
    _save(activity_form, folder / "16-kegiatan-formulir.png")
    activity_form.reject()
    from kemitraan_desktop.documents.rundown import print_rundown

    from .widgets.pdf_preview import show_pdf
    pdf = print_rundown(db, window.activities_page.activity.id, work / "jadwal.pdf")
    preview = show_pdf(window, pdf, "Jadwal Kegiatan", "jadwal.pdf")
    preview.resize(1100, 720)
    _save(preview, folder / "17-pratinjau-jadwal.png")
    preview.close()
    window.sidebar.setCurrentRow(5)  # Sertifikat: the settings with their live preview,
    certificates = window.certificates_page  # the calibration, a certificate in the preview
    certificates.tabs.setCurrentWidget(certificates.settings_tab)
    _settle(500)
    certificates.settings_tab.update_preview()
    _save(window, folder / "18-sertifikat-templat.png")
    calibration = certificates.calibration_tab
    certificates.tabs.setCurrentWidget(calibration)
    calibration.printer.setCurrentText("EPSON L3110 (Ruang TU)")
    calibration.left.setValue(22.5)
    calibration.top.setValue(19)
    _save(window, folder / "19-sertifikat-kalibrasi.png")
    certificates.tabs.setCurrentWidget(certificates.verify_tab)
    from kemitraan_desktop import certificates as cert
    certificates.verify_text.setPlainText(cert.qr_text(cert.register(db)[0]["verification"], "Dinas Pendidikan Kota Pekalongan"))
    certificates.verify()
    _save(window, folder / "20-sertifikat-verifikasi.png")
    certificates.tabs.setCurrentWidget(certificates.register_tab)
    from kemitraan_desktop.documents.certificate import print_certificates
    pdf = print_certificates(db, 1, work / "sertifikat.pdf", numbers=[cert.register(db)[0]["number"]])
    preview = show_pdf(window, pdf, "Sertifikat", "sertifikat.pdf")
    preview.resize(1100, 720)
    _save(preview, folder / "21-pratinjau-sertifikat.png")
    preview.close()
    window.sidebar.setCurrentRow(2)  # Riwayat: the 2019 program's changes, then one person's
    programs_page = window.programs_page
    programs_page.tabs.setCurrentWidget(programs_page.history)
    _settle(300)
    _save(window, folder / "22-program-riwayat.png")
    programs_page.tabs.setCurrentIndex(0)
    from kemitraan_desktop import people as people_module

    from .widgets.history_view import HistoryDialog
    person = people_module.list_people(db, "Sri Wijaya", limit=1)[0]
    dialog = HistoryDialog(db, person["id"], person["name"], window)
    dialog.show()
    _save(dialog, folder / "23-riwayat-guru.png")
    dialog.close()
    welcome = WelcomeDialog()
    welcome.show()
    _save(welcome, folder / "12-selamat-datang.png")
    welcome.close()
    window.sidebar.setCurrentRow(1)  # nine teachers a letter names, pasted
    listed = people_module.fetch_people(db, people_module.query_ids(db))[20:29]
    letter = "\n".join(f"{n}. {p['name']}  NIP {p['nip'] or p['nuptk']}"
                       for n, p in enumerate(listed, 1))
    pick = window.people_page.pick_by_ids(letter)
    pick.show()
    _save(pick, folder / "27-pilih-dari-daftar-nip.png")
    pick.close()
    while not window.people_page.idle():
        _settle(100)
    _save(window, folder / "28-guru-terpilih.png")
    exchange_shots(window, db, folder, work)
    paperwork_shots(window, db, folder, work)
    program_dashboard(window, folder)
    follow_up_shots(window, folder)
    window.close()
    first_run(folder, work)
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
