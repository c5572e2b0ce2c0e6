"""Issue 19, item 2: a long name and a long school on the daftar hadir wrap, never cut
(the S.Pd., M.Pd. at the end of a long name is what the teacher signs against)."""

from pypdf import PdfReader

from kemitraan_desktop import activities, demo
from kemitraan_desktop.documents.attendance import print_attendance

LONG_NAME = ("Dra. Raden Roro Wahyuningtyas Purbaningsih Kusumawardhani Setyaningrum Hadiningrat "
             "Mangkunegaran, S.Pd., M.Pd.")
LONG_SCHOOL = ("Sekolah Menengah Pertama Negeri 1 Satu Atap Kecamatan Kedungwuni Kabupaten "
               "Pekalongan Provinsi Jawa Tengah Republik Indonesia Raya")


def test_a_long_name_and_school_wrap_whole(db, tmp_path):
    demo.load_demo(db)
    first = activities.activity_participants(db, 1)[0]
    db.execute("UPDATE people SET full_name = ? WHERE id = (SELECT person_id FROM participants "
               "WHERE id = ?)", [LONG_NAME, first["id"]])
    db.execute("UPDATE schools SET name = ? WHERE id = (SELECT school_id FROM people WHERE id = "
               "(SELECT person_id FROM participants WHERE id = ?))", [LONG_SCHOOL, first["id"]])
    db.conn.commit()
    out = print_attendance(db, 1, tmp_path / "hadir.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert LONG_NAME in text and LONG_SCHOOL in text
    assert "Hadining..." not in text and "Hadiningrat Mangkunegaran, S.Pd., M.Pd." in text
