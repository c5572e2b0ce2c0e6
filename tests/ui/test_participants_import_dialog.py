"""The participants import dialog: choose a file, see the located problems, import."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from kemitraan_desktop import demo, programs
from ui.programs.participants_import import ParticipantsImportDialog, ProblemModel

HEADER = ["Nama", "NUPTK", "Peran", "NUPTK Pembimbing"]
ROSTER = demo.demo_people()
INTI = next(p for p in ROSTER[:8] if p["subject"] == "IPA")
MITRA = next(p for p in ROSTER[8:] if p["subject"] == "IPA")


def good_rows():
    return [[MITRA["full_name"], MITRA["nuptk"], "Guru Mitra", INTI["nuptk"]],
            [INTI["full_name"], INTI["nuptk"], "Guru Inti", None]]


def program(db):
    return programs.create_program(db, "Kemitraan SMP", 2019, "SMP", labels="Inti,Mitra,Imbas",
                                   ratios="3,10")


def dialog_for(qtbot, db, program_id, path=None):
    dialog = ParticipantsImportDialog(db, program_id, str(path) if path else None)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def checked(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.analysis is not None and not dialog.busy(), timeout=10000)
    return dialog.analysis


def table(dialog):
    model = dialog.table.model()
    return [tuple(model.index(r, c).data() for c in range(3)) for r in range(model.rowCount())]


def pairs(db, program_id):
    return {p["nuptk"]: (p["tier_label"], p["mentor_nuptk"])
            for p in programs.list_participants(db, program_id)}


def test_choose_a_file_see_the_problems_then_import_the_good_rows(qtbot, demo_db, make_xlsx,
                                                                   monkeypatch):
    pid = program(demo_db)
    path = make_xlsx(good_rows() + [["Orang Asing", "1234567890123456", "Mitra", None],
                                    [ROSTER[20]["full_name"], ROSTER[20]["nuptk"], "Pengamat", None]], HEADER)
    monkeypatch.setattr("ui.programs.participants_import.QFileDialog.getOpenFileName",
                        lambda *a, **k: (str(path), ""))
    dialog = dialog_for(qtbot, demo_db, pid)
    assert not dialog.import_button.isEnabled()
    dialog.browse()
    report = checked(qtbot, dialog)
    assert (report.new, report.skipped) == (2, 2)
    assert table(dialog) == [
        ("4", "NUPTK", "NUPTK 1234567890123456 tidak ada di daftar guru; impor dulu orangnya ke "
                       "daftar guru"),
        ("5", "Peran", "'Pengamat' bukan tingkat di program ini; isi salah satu dari Inti, Mitra, "
                       "Imbas (atau angka 1 s.d. 3)")]
    assert "Hasil pemeriksaan: 2 masalah di 2 baris bermasalah" in dialog.status.text()
    assert not dialog.import_button.isEnabled()
    assert pairs(demo_db, pid) == {}  # the check wrote nothing
    dialog.skip.setChecked(True)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=10000) as signal:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert signal.args[0].written and signal.args[0].skipped == 2
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.report is signal.args[0]
    assert pairs(demo_db, pid) == {INTI["nuptk"]: ("Inti", None),
                                   MITRA["nuptk"]: ("Mitra", INTI["nuptk"])}


def test_a_clean_file_given_to_the_dialog_imports_at_once(qtbot, demo_db, make_xlsx):
    pid = program(demo_db)
    dialog = dialog_for(qtbot, demo_db, pid, make_xlsx(good_rows(), HEADER))
    checked(qtbot, dialog)
    assert table(dialog) == [] and not dialog.skip.isEnabled()
    assert "2 peserta baru, 0 diperbarui, 0 tidak berubah, 1 pasangan ditetapkan" in dialog.status.text()
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.accept()
    assert pairs(demo_db, pid)[MITRA["nuptk"]] == ("Mitra", INTI["nuptk"])


def test_a_file_without_the_needed_columns_is_explained_in_the_dialog(qtbot, demo_db, make_xlsx):
    pid = program(demo_db)
    path = make_xlsx([[INTI["full_name"], INTI["nuptk"]]], ["Nama", "NUPTK"])
    dialog = dialog_for(qtbot, demo_db, pid, path)
    qtbot.waitUntil(lambda: "tidak punya kolom tingkat peserta" in dialog.message.text(),
                    timeout=10000)
    assert "Peran (atau Tingkat) berisi Inti, Mitra, Imbas" in dialog.message.text()
    assert dialog.analysis is None and not dialog.import_button.isEnabled()


def test_an_unreadable_file_is_explained_before_any_check(qtbot, demo_db, tmp_path):
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"bukan lembar kerja")
    dialog = dialog_for(qtbot, demo_db, program(demo_db), path)
    assert "bukan berkas .xlsx yang sah" in dialog.message.text()
    assert not dialog.busy() and not dialog.import_button.isEnabled()


def test_the_sheet_can_be_chosen_in_a_workbook_with_several(qtbot, demo_db, tmp_path):
    from openpyxl import Workbook
    book = Workbook()
    book.active.title = "Petunjuk"
    book.active.append(["Isi lembar Peserta."])
    sheet = book.create_sheet("Peserta")
    for line in [HEADER, *good_rows()]:
        sheet.append(line)
    book.save(tmp_path / "peserta.xlsx")
    dialog = dialog_for(qtbot, demo_db, program(demo_db), tmp_path / "peserta.xlsx")
    assert not dialog.sheet_row.isHidden()
    assert checked(qtbot, dialog).sheet == "Peserta"  # found on its own
    dialog.sheet.setCurrentIndex(dialog.sheet.findText("Petunjuk"))
    qtbot.waitUntil(lambda: "Baris judul kolom tidak ditemukan" in dialog.message.text(),
                    timeout=10000)
    dialog.sheet.setCurrentIndex(dialog.sheet.findText("Peserta"))
    assert checked(qtbot, dialog).new == 2


def test_batal_while_checking_stops_the_work(qtbot, demo_db, make_xlsx):
    dialog = dialog_for(qtbot, demo_db, program(demo_db), make_xlsx(good_rows(), HEADER))
    dialog.reject()
    assert not dialog.busy() and dialog.result() == QDialog.DialogCode.Rejected


def test_problem_model(qtmodeltester, demo_db, make_xlsx):
    from kemitraan_desktop.spreadsheets import import_participants
    report = import_participants(demo_db, program(demo_db),
                                 make_xlsx([["Orang Asing", "12345", "Inti", None]], HEADER))
    model = ProblemModel()
    model.set_problems(report.problems)
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "NUPTK" and model.rowCount() == 1


def test_a_file_changed_after_the_check_is_not_imported(qtbot, demo_db, make_xlsx):
    pid = program(demo_db)
    path = make_xlsx(good_rows(), HEADER, name="peserta.xlsx")
    dialog = dialog_for(qtbot, demo_db, pid, path)
    checked(qtbot, dialog)
    make_xlsx(good_rows() + [["Orang Asing", "1234567890123456", "Mitra", None]], HEADER,
              name="peserta.xlsx")
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.busy() and "berubah sejak diperiksa" in dialog.message.text(),
                    timeout=10000)
    assert dialog.isVisible() and dialog.report is None and pairs(demo_db, pid) == {}
    assert [r[0] for r in table(dialog)] == ["4"] and not dialog.import_button.isEnabled()
