"""The office profile, the letterhead preview, the home page figures, and undo snapshots."""

import pytest
from pypdf import PdfReader

from kemitraan_desktop import dashboard, demo, office, people
from kemitraan_desktop.documents.frame import escape, letterhead_preview
from kemitraan_desktop.errors import ValidationError
from kemitraan_desktop.resources import resource_path


def test_profile_round_trips_with_logo_and_signatories(db):
    profile = office.OfficeProfile(
        government="PEMERINTAH KABUPATEN PATI", name="DINAS PENDIDIKAN DAN KEBUDAYAAN",
        address="Jl. Panglima Sudirman No. 1, Pati", phone="(0295) 381234",
        email="Disdikbud@PatiKab.go.id", city="Pati", paper="f4",
        logo=resource_path("logo-placeholder.png").read_bytes(),
        head=office.Signatory("Kepala Dinas", "Dr. H. Ahmad Fauzi, M.Pd.", "Pembina Utama Muda, IV/c",
                              "19680512 199003 1 004"),
        second=office.Signatory("Ketua Panitia", "Sri Lestari, S.Pd.", "", ""))
    office.save_profile(db, profile)
    loaded = office.load_profile(db)
    assert loaded.head.nip == "196805121990031004"
    assert loaded.head.nip_printed == "19680512 199003 1 004"
    assert loaded.logo == profile.logo and loaded.paper == "f4" and loaded.is_set_up
    assert loaded.second.name == "Sri Lestari, S.Pd."


def test_profile_errors_name_each_field_and_save_nothing(db):
    bad = office.OfficeProfile(government="", name="DINAS", email="x@", logo=b"GIF89a",
                               head=office.Signatory(nip="123"))
    with pytest.raises(ValidationError) as info:
        office.save_profile(db, bad)
    assert set(dict(info.value.problems)) == {"government", "email", "logo", "head_nip"}
    assert not office.load_profile(db).name


def test_letterhead_preview_prints_the_profile(db, tmp_path):
    demo.load_demo(db)
    profile = office.load_profile(db)
    profile.name = "DINAS PENDIDIKAN <& \"KEBUDAYAAN\">"
    path = letterhead_preview(profile, tmp_path / "kop.pdf")
    reader = PdfReader(path)
    text = reader.pages[0].extract_text()
    assert "PEMERINTAH KOTA PEKALONGAN" in text
    assert 'DINAS PENDIDIKAN <& "KEBUDAYAAN">' in text
    assert "Drs. Haryono Wicaksono, M.Pd." in text and "NIP 19660512 199003 1 004" in text
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (215, 330)  # F4
    fonts = {str(f.get_object()["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("LiberationSans" in name for name in fonts)  # embedded, not Helvetica


def test_escape_keeps_user_text_printable():
    assert escape('Dra. <Sri> & "Ani"') == 'Dra. &lt;Sri&gt; &amp; &quot;Ani&quot;'


def test_home_page_counts_and_recent_changes(db):
    demo.load_demo(db)
    counts = dashboard.counts(db)
    assert counts["position"] == [("Guru", 184)]
    assert dict(counts["subject"]) == {"Bahasa Indonesia": 46, "Bahasa Inggris": 46,
                                       "IPA": 46, "Matematika": 46}
    assert dict(counts["province"])["Jawa Tengah"] == 8
    pid = people.find_by_id_number(db, people.list_people(db, limit=1)[0]["nuptk"])["id"]
    db.execute("UPDATE people SET updated_at = '2099-01-01T00:00:00' WHERE id = ?", [pid])
    assert dashboard.recent_changes(db, 3)[0]["id"] == pid


def test_filter_options_hold_only_what_the_roster_has(db):
    demo.load_demo(db)
    options = dashboard.filter_options(db)
    assert [label for _, label in options["province_code"]] == [
        "Gorontalo", "Jawa Tengah", "Kalimantan Tengah", "Kepulauan Bangka Belitung",
        "Nusa Tenggara Timur"]
    assert [name for _, name in dashboard.districts_in(db, "75")] == ["Kabupaten Boalemo",
                                                                      "Kabupaten Gorontalo"]


def test_snapshot_restores_deleted_and_edited_people(db):
    pid = people.save_person(db, {"full_name": "Sri Lestari", "nuptk": "1234567890123456",
                                  "school": "SMP Negeri 1 Pati", "region": "Kab. Pati"})
    before = people.snapshot_people(db, [pid])
    people.save_person(db, {"full_name": "Sri Handayani", "nuptk": "1234567890123456"}, pid)
    people.restore_people(db, before)
    assert people.get_person(db, pid)["name"] == "Sri Lestari"
    assert people.get_person(db, pid)["school"] == "SMP Negeri 1 Pati"
    people.delete_people(db, [pid])
    people.restore_people(db, before)
    assert [p["id"] for p in people.list_people(db, "lestari")] == [pid]


def test_ids_are_never_reused_so_undo_cannot_hit_someone_new(db):
    first = people.save_person(db, {"full_name": "Sri Lestari", "nuptk": "1234567890123456"})
    snapshot = people.snapshot_people(db, [first])
    people.delete_people(db, [first])
    newcomer = people.save_person(db, {"full_name": "Budi", "nuptk": "1234567890123457"})
    assert newcomer != first
    people.restore_people(db, snapshot)
    assert {p["name"] for p in people.list_people(db)} == {"Sri Lestari", "Budi"}


def test_restore_refuses_when_an_id_was_taken_meanwhile(db):
    from kemitraan_desktop.errors import ValidationError

    first = people.save_person(db, {"full_name": "Sri Lestari", "nuptk": "1234567890123456"})
    snapshot = people.snapshot_people(db, [first])
    people.delete_people(db, [first])
    people.save_person(db, {"full_name": "Sri Lestari (impor)", "nuptk": "1234567890123456"})
    with pytest.raises(ValidationError, match="tidak dapat dibatalkan"):
        people.restore_people(db, snapshot)
    assert [p["name"] for p in people.list_people(db)] == ["Sri Lestari (impor)"]


def test_an_npsn_of_another_school_is_refused(db):
    from kemitraan_desktop.errors import ValidationError

    people.save_person(db, {"full_name": "A", "nuptk": "1234567890123451",
                            "school": "SMP Negeri 1 Pati", "npsn": "20318001", "region": "Kab. Pati"})
    with pytest.raises(ValidationError) as info:
        people.save_person(db, {"full_name": "B", "nuptk": "1234567890123452",
                                "school": "SMP Negeri 2 Pati", "npsn": "20318001"})
    assert dict(info.value.problems)["npsn"].startswith("NPSN 20318001 milik SMP Negeri 1 Pati")
