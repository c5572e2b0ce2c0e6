"""What the operator sees of rosters as the sources lay them out: the wizard on Dapodik,
Dinas and SIMPKB files, the subject synonyms in Pengaturan, the service fields in the form."""

from helpers import ROOT, good_rows

from kemitraan_desktop import people, vocabulary
from ui.roster.import_wizard import ImportWizard, row_ranges
from ui.roster.person_form import PersonForm
from ui.settings.page import SettingsPage

SOURCES = ROOT / "tests" / "data" / "sources"


def analysed_wizard(qtbot, db, name):
    wizard = ImportWizard(db, str(SOURCES / name))
    qtbot.addWidget(wizard)
    wizard.open()
    wizard.next()
    wait_analysis(qtbot, wizard)
    return wizard


def wait_analysis(qtbot, wizard):
    qtbot.waitUntil(lambda: wizard.analysis is not None and not wizard.busy(), timeout=10000)
    return wizard.analysis


def column_row(page, header_text):
    """The row of the column table that lists the file's column headed `header_text`."""
    return next(r for r in range(page.columns.rowCount())
                if page.columns.item(r, 1).text() == header_text)


def stored_names(page):
    return [page.preview.item(r, page.name_column).text() for r in range(page.preview.rowCount())]


def import_all(qtbot, wizard, skip=False):
    wizard.next()
    wizard.summary_page.skip.setChecked(skip)
    with qtbot.waitSignal(wizard.imported, timeout=10000) as signal:
        wizard.accept()
    return signal.args[0]


def test_row_ranges_are_compact():
    assert row_ranges([31, 34, 35, 36, 40, 41, 42]) == "31, 34-36, 40-42"
    assert row_ranges([7]) == "7"
    assert row_ranges([]) == ""


def test_dapodik_download_shows_header_row_merged_phone_and_title_values(qtbot, db):
    wizard = analysed_wizard(qtbot, db, "dapodik_daftar_guru.xlsx")
    page = wizard.mapping_page
    assert "judul kolom di baris 5, 25 baris data" in page.status.text()
    hp, telepon = column_row(page, "HP"), column_row(page, "Telepon")
    assert page.columns.cellWidget(hp, 2).currentText() == "No HP"
    assert page.columns.cellWidget(telepon, 2).currentText() == "No HP"
    assert page.columns.item(hp, 3).text() == "diutamakan; bila kosong, diisi dari kolom Telepon (R)"
    assert page.columns.item(telepon, 3).text() == "cadangan: dipakai bila kolom HP (S) kosong"
    assert page.merge_note.text() == ("Kolom yang digabung: No HP dari kolom HP (S); bila kosong, "
                                      "dari Telepon (R).")
    assert page.title_note.text() == (
        "Dari judul lembar: Sekolah SMP NEGERI 2 PEKALONGAN, Kab/Kota Kota Pekalongan, Provinsi "
        "Jawa Tengah. Dipakai untuk baris yang kolomnya kosong.")
    assert page.title_note.isVisibleTo(wizard) and not page.left_out_note.isVisibleTo(wizard)
    # the name column the operator sees first is the one stored
    assert page.preview.horizontalHeader().visualIndex(page.name_column) == 0
    assert stored_names(page)[0] == "Sugeng Riyadi"
    report = import_all(qtbot, wizard)
    assert (report.new, report.written) == (25, True)
    assert people.count_people(db) == 25
    principal = people.find_by_id_number(db, "7863768447385770")
    assert principal["school"] == "SMP NEGERI 2 PEKALONGAN"
    assert principal["phone"] == "085774815201"


def test_dinas_sheet_shows_left_out_rows_and_greys_them(qtbot, db):
    wizard = analysed_wizard(qtbot, db, "dinas_data_guru.xlsx")
    page = wizard.mapping_page
    assert page.left_out_note.text() == ("Baris 31, 34-36, 40-42 di bawah tabel (jumlah, tanda "
                                         "tangan) tidak diimpor.")
    region = wizard.analysis.report.from_title["region"]  # "DATA GURU SMP SE-KABUPATEN BATANG"
    assert region.lower() == "kabupaten batang"
    assert page.title_note.text() == (f"Dari judul lembar: Kab/Kota {region}. Dipakai untuk baris "
                                      "yang kolomnya kosong.")
    rows = [page.preview.verticalHeaderItem(r).text() for r in range(page.preview.rowCount())]
    names = dict(zip(rows, stored_names(page), strict=True))
    assert names["7"] == "(tidak diimpor)"  # the row of column numbers
    assert names["8"] == "Drs. Sutarno, M.Pd."
    assert names["31"] == "(tidak diimpor)"  # JUMLAH
    footer = page.preview.item(rows.index("31"), 1)
    assert footer.toolTip() == "di bawah tabel (jumlah, tanda tangan): tidak diimpor"


def test_simpkb_names_in_capitals_are_previewed_and_stored_in_proper_case(qtbot, db):
    wizard = analysed_wizard(qtbot, db, "simpkb_peserta.xlsx")
    page = wizard.mapping_page
    assert not page.keep_case.isChecked()
    assert stored_names(page)[0] == "Joko Fauzi, S.Pd., M.Pd."
    assert page.preview.item(0, 4).text() == "JOKO FAUZI, S.PD., M.PD."  # the file, as written
    import_all(qtbot, wizard, skip=True)  # row 16 has no ID
    assert people.find_by_id_number(db, "7996477726753155")["name"] == "Joko Fauzi, S.Pd., M.Pd."


def test_keeping_capitals_rechecks_the_preview_and_stores_names_as_written(qtbot, db):
    wizard = analysed_wizard(qtbot, db, "simpkb_peserta.xlsx")
    page = wizard.mapping_page
    page.keep_case.setChecked(True)  # checks the file again
    assert wizard.analysis is None or wizard.busy()
    wait_analysis(qtbot, wizard)
    assert stored_names(page)[0] == "JOKO FAUZI, S.PD., M.PD."
    report = import_all(qtbot, wizard, skip=True)
    assert report.new == 14
    assert people.find_by_id_number(db, "7996477726753155")["name"] == "JOKO FAUZI, S.PD., M.PD."


def test_an_office_synonym_saved_in_settings_applies_to_the_next_import(qtbot, db, make_xlsx):
    page = SettingsPage(db)
    qtbot.addWidget(page)
    box = page.synonyms
    row = box.add_row()
    box.table.item(row, 0).setText("IPA Terpadu Kelas VII")
    assert not box.save()  # no subject yet: said in Indonesian, nothing stored
    assert box.status.text() == ("Belum disimpan: Padanan 'IPA Terpadu Kelas VII' belum diberi "
                                 "nama mata pelajarannya.")
    assert vocabulary.subject_synonyms(db) == {}
    box.table.item(row, 1).setText("IPA")
    assert box.save()
    assert vocabulary.subject_synonyms(db) == {"IPA Terpadu Kelas VII": "IPA"}
    again = SettingsPage(db).synonyms  # loaded back
    qtbot.addWidget(again)
    assert (again.table.item(0, 0).text(), again.table.item(0, 1).text()) == \
        ("IPA Terpadu Kelas VII", "IPA")
    teacher = good_rows()[0][:6] + ["IPA Terpadu Kelas VII", 80]
    wizard = ImportWizard(db, str(make_xlsx([teacher])))
    qtbot.addWidget(wizard)
    wizard.open()
    wizard.next()
    wait_analysis(qtbot, wizard)
    import_all(qtbot, wizard)
    assert people.find_by_id_number(db, teacher[1])["subject"] == "IPA"


def test_a_written_form_given_twice_is_refused(qtbot, db):
    box = SettingsPage(db).synonyms
    qtbot.addWidget(box)
    for written, subject in (("Seni Tari", "Seni Budaya"), ("SENI TARI", "Prakarya")):
        row = box.add_row()
        box.table.item(row, 0).setText(written)
        box.table.item(row, 1).setText(subject)
    assert not box.save()
    assert box.status.text() == ("Belum disimpan: 'Seni Tari' dan 'SENI TARI' ditulis dua kali; "
                                 "hapus salah satunya.")
    box.table.selectRow(1)
    box.remove_rows()
    assert box.save() and vocabulary.subject_synonyms(db) == {"Seni Tari": "Seni Budaya"}


def test_person_form_edits_service_fields(qtbot, demo_db):
    form = PersonForm(demo_db, 1)
    qtbot.addWidget(form)
    editors = form.editors
    assert (editors["rank"].currentText(), editors["golongan"].currentText()) == ("Penata", "III/c")
    editors["golongan"].setCurrentText("III/d")  # the pangkat follows its golongan
    assert editors["rank"].currentText() == "Penata Tingkat I"
    editors["employment"].setCurrentText("PNS")
    editors["functional_position"].setCurrentIndex(
        editors["functional_position"].findText("Guru Ahli Muda"))
    editors["extra_duty"].setText("Wali Kelas")
    editors["ukg_number"].setText("201580947020")
    with qtbot.waitSignal(form.saved):
        form.save()
    person = people.get_person(demo_db, 1)
    assert {k: person[k] for k in ("rank", "golongan", "employment", "functional_position",
                                   "extra_duty", "ukg_number")} == {
        "rank": "Penata Tingkat I", "golongan": "III/d", "employment": "PNS",
        "functional_position": "Guru Ahli Muda", "extra_duty": "Wali Kelas",
        "ukg_number": "201580947020"}


def test_pppk_golongan_has_no_pangkat(qtbot, demo_db):
    form = PersonForm(demo_db, 1)
    qtbot.addWidget(form)
    form.editors["employment"].setCurrentText("PPPK")
    form.editors["golongan"].setCurrentText("IX")
    assert form.editors["rank"].currentText() == ""
    with qtbot.waitSignal(form.saved):
        form.save()
    person = people.get_person(demo_db, 1)
    assert (person["employment"], person["golongan"], person["rank"]) == ("PPPK", "IX", None)
