"""Activities and rundowns: dates, times, zones, templates, shifting, checks, the CLI."""

import datetime as dt
import json

import pytest

from kemitraan_desktop import activities as act
from kemitraan_desktop import cli, demo, programs, rundown_templates
from kemitraan_desktop import indonesia as ind
from kemitraan_desktop.errors import NotFoundError, ValidationError

D = dt.date


@pytest.fixture
def demo_db(db):
    demo.load_demo(db)
    return db


def program_of(db, year):
    return next(e["program"].id for e in programs.list_programs(db) if e["program"].year == year)


def ojl(db, **kw):
    return act.create_activity(db, program_of(db, 2018), "ojl1", kw.pop("title", "OJL 1 uji"),
                               kw.pop("start", "2018-09-09"), kw.pop("end", "2018-09-16"),
                               city=kw.pop("city", "Kota Pekalongan"), **kw)


@pytest.mark.parametrize("start, end, text", [
    (D(2018, 9, 9), D(2018, 9, 16), "9 s.d. 16 September 2018"),
    (D(2018, 9, 30), D(2018, 10, 2), "30 September s.d. 2 Oktober 2018"),
    (D(2018, 12, 30), D(2019, 1, 2), "30 Desember 2018 s.d. 2 Januari 2019"),
    (D(2019, 2, 28), D(2019, 2, 28), "28 Februari 2019"),
])
def test_indonesian_date_ranges(start, end, text):
    assert ind.format_date_range(start, end) == text


def test_day_names():
    assert ind.format_date(D(2018, 9, 11)) == "Selasa, 11 September 2018"
    assert ind.format_date(D(2018, 9, 9)) == "Minggu, 9 September 2018"


@pytest.mark.parametrize("typed, expected", [
    ("0730", dt.time(7, 30)), ("730", dt.time(7, 30)), ("7.30", dt.time(7, 30)),
    ("07:30", dt.time(7, 30)), ("7", dt.time(7, 0)), ("13", dt.time(13, 0)),
    ("07.30 WIB", dt.time(7, 30)), (0.5, dt.time(12, 0)), ("", None), (None, None),
    (dt.time(9, 15, 30), dt.time(9, 15)),
])
def test_time_parsing(typed, expected):
    assert act.parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["2560", "7.75", "pagi", "12345"])
def test_bad_times_are_explained(typed):
    with pytest.raises(ValueError, match="jam"):
        act.parse_time(typed)


@pytest.mark.parametrize("city, zone", [("Kota Kupang", "WITA"), ("Kota Jayapura", "WIT"),
                                        ("Kota Pekalongan", "WIB"), ("Kabupaten Gorontalo", "WITA")])
def test_zone_per_kab_kota(db, city, zone):
    assert act.time_zone(db, act.resolve_city(city)) == zone


def test_a_new_ojl_takes_hosts_and_visitors(demo_db):
    aid = ojl(demo_db)
    people = act.activity_participants(demo_db, aid)
    assert len(people) == 24 and {p["tier_label"] for p in people} == {"Mitra 1", "Mitra 2"}
    pendampingan = act.create_activity(demo_db, program_of(demo_db, 2019), "pendampingan",
                                       "Pendampingan MGMP", "2019-11-04", "2019-11-05",
                                       city="Kabupaten Kupang")
    tiers = {p["tier"] for p in act.activity_participants(demo_db, pendampingan)}
    assert tiers == {2, 3}


def test_invalid_activity_is_refused(demo_db):
    with pytest.raises(ValidationError, match="Tanggal selesai sebelum tanggal mulai"):
        ojl(demo_db, start="2018-09-16", end="2018-09-09")
    with pytest.raises(ValidationError, match="Kabupaten/kota 'Kota Atlantis' tidak dikenal"):
        ojl(demo_db, city="Kota Atlantis")
    with pytest.raises(NotFoundError):
        act.create_activity(demo_db, 999, "ojl1", "x", "2018-09-09", "2018-09-10")


def test_ojl_template_fills_the_week_and_each_host_school(demo_db):
    aid = ojl(demo_db)
    items = rundown_templates.apply_template(demo_db, aid, rundown_templates.find_template(demo_db, "OJL 1 (8 hari)"))
    days = sorted({i.day for i in items})
    assert days[0] == D(2018, 9, 9) and days[-1] == D(2018, 9, 16) and len(days) == 8
    hosts = act.host_schools(demo_db, aid)
    observation = [i for i in items if i.description == "Observasi pembelajaran di kelas"]
    assert {i.place for i in observation} == {h["name"] for h in hosts}
    assert all(i.day == D(2018, 9, 12) for i in observation)
    batik = next(i for i in items if i.description == "Workshop membatik")
    assert batik.day == D(2018, 9, 14) and batik.start == dt.time(7, 30)
    assert act.check_rundown(act.get_activity(demo_db, aid), items) == []
    act.save_items(demo_db, aid, items)
    stored = act.list_items(demo_db, aid)
    assert [(i.day, i.start, i.description, i.school_id) for i in stored] == \
        [(i.day, i.start, i.description, i.school_id) for i in items]
    assert act.total_jp(stored) == 33  # shared JP plus one host school's own
    one = hosts[0]["id"]
    assert act.total_jp(stored, one) == 33


def test_overlap_reversed_and_outside_dates_are_warned(demo_db):
    aid = ojl(demo_db)
    activity = act.get_activity(demo_db, aid)
    t = dt.time
    items = [
        act.Item(D(2018, 9, 10), t(8), t(10), "Pembukaan"),
        act.Item(D(2018, 9, 10), t(9, 30), t(11), "Materi 1"),
        act.Item(D(2018, 9, 11), t(10), t(9), "Terbalik"),
        act.Item(D(2018, 9, 20), t(8), t(9), "Sesudah kegiatan"),
        act.Item(D(2018, 9, 12), t(8), t(10), "Observasi A", school_id=1),
        act.Item(D(2018, 9, 12), t(8), t(10), "Observasi B", school_id=2),
    ]
    messages = [w.message for w in act.check_rundown(activity, items)]
    assert any("'Materi 1' (09.30-11.00) bertumpuk dengan 'Pembukaan'" in m for m in messages)
    assert any("'Terbalik'" in m and "tidak sesudah jam mulai" in m for m in messages)
    assert any("'Sesudah kegiatan'" in m and "di luar tanggal kegiatan" in m for m in messages)
    assert not any("Observasi" in m for m in messages)  # two schools, side by side
    assert len(messages) == 3


def test_shift_moves_the_activity_and_every_item(demo_db):
    aid = ojl(demo_db)
    act.save_items(demo_db, aid, rundown_templates.apply_template(demo_db, aid,
                                                    rundown_templates.find_template(demo_db, "OJL 1 (8 hari)")))
    before = act.list_items(demo_db, aid)
    moved = act.shift_activity(demo_db, aid, D(2018, 10, 28))
    assert (moved.start, moved.end) == (D(2018, 10, 28), D(2018, 11, 4))  # across a month end
    after = act.list_items(demo_db, aid)
    assert [i.day - b.day for i, b in zip(after, before, strict=True)] == [dt.timedelta(days=49)] * len(before)
    assert act.check_rundown(moved, after) == []


def test_save_as_template_and_apply_elsewhere(demo_db):
    aid = ojl(demo_db)
    act.save_items(demo_db, aid, rundown_templates.apply_template(demo_db, aid,
                                                    rundown_templates.find_template(demo_db, "OJL 1 (8 hari)")))
    rundown_templates.save_as_template(demo_db, aid, "OJL 1 Pekalongan 2018")
    with pytest.raises(ValidationError, match="sudah ada"):
        rundown_templates.save_as_template(demo_db, aid, "ojl 1 pekalongan 2018")
    template = rundown_templates.find_template(demo_db, "OJL 1 Pekalongan 2018")
    assert not template.builtin and template.days == 8
    other = ojl(demo_db, title="OJL 1 gelombang 2", start="2018-11-04", end="2018-11-11")
    items = rundown_templates.apply_template(demo_db, other, template)
    assert len(items) == len(act.list_items(demo_db, aid))
    assert min(i.day for i in items) == D(2018, 11, 4)


def test_items_are_checked_before_saving(demo_db):
    aid = ojl(demo_db)
    with pytest.raises(ValidationError, match="Baris 1"):
        act.save_items(demo_db, aid, [act.Item(D(2018, 9, 10), None, None, "  ")])
    assert act.list_items(demo_db, aid) == []


def test_staff(demo_db):
    aid = ojl(demo_db)
    act.save_staff(demo_db, aid, [act.StaffMember(None, "narasumber", "Dr. Siti Aminah, M.Pd.",
                                                  "Widyaiswara", "LPMP Jawa Tengah",
                                                  "19700101 199501 2 001")])
    staff = act.list_staff(demo_db, aid)
    assert staff[0].name == "Dr. Siti Aminah, M.Pd." and staff[0].nip == "197001011995012001"
    with pytest.raises(ValidationError):
        act.save_staff(demo_db, aid, [act.StaffMember(None, "peserta", "X")])


def test_demo_activities(demo_db):
    listed = {e["activity"].title: e for e in act.list_activities(demo_db)}
    ojl1 = listed["On the Job Learning 1 Kota Pekalongan"]
    assert (ojl1["activity"].start, ojl1["activity"].end) == (D(2018, 9, 9), D(2018, 9, 16))
    assert ojl1["time_zone"] == "WIB" and ojl1["items"] > 20
    gorontalo = listed["On the Job Learning 2 Kabupaten Gorontalo"]
    assert gorontalo["time_zone"] == "WITA" and gorontalo["items"] == 12
    # OJL 2 in Kabupaten Gorontalo: its 2 mitra, their 20 imbas and the 2 inti who visit
    assert gorontalo["participants"] == 24


def test_cli_activity_create_and_list(demo_db, db_path, capsys):
    program_id = program_of(demo_db, 2019)
    code = cli.main(["--db", str(db_path), "activity", "create", "--program", str(program_id),
                     "--kind", "ojl2", "--title", "OJL 2 Gorontalo", "--start", "2019-10-14",
                     "--end", "2019-10-21", "--place", "SMP Negeri 1 Limboto",
                     "--city", "Kabupaten Gorontalo", "--template", "OJL 1 (8 hari)"])
    new_id = int(capsys.readouterr().out.strip())
    assert code == 0
    cli.main(["--db", str(db_path), "activity", "list", "--program", str(program_id), "--json"])
    listed = {a["id"]: a for a in json.loads(capsys.readouterr().out)}
    assert listed[new_id]["time_zone"] == "WITA" and listed[new_id]["items"] > 20
    assert listed[new_id]["start"] == "2019-10-14"
    code = cli.main(["--db", str(db_path), "activity", "create", "--program", str(program_id),
                     "--kind", "ojl2", "--title", "X", "--start", "14-10-2019", "--end",
                     "2019-10-21", "--place", "X", "--city", "Kabupaten Gorontalo"])
    assert code == 2 and "YYYY-MM-DD" in capsys.readouterr().err
    code = cli.main(["--db", str(db_path), "activity", "create", "--program", str(program_id),
                     "--kind", "ojl2", "--title", "X", "--start", "2019-10-14", "--end",
                     "2019-10-21", "--place", "X", "--city", "Kota X", "--template", "Tidak ada"])
    assert code == 1 and "Templat 'Tidak ada' tidak ada" in capsys.readouterr().err


def test_cli_rundown_export_import_and_print(demo_db, db_path, tmp_path, capsys):
    from pypdf import PdfReader

    ojl1 = next(e["activity"].id for e in act.list_activities(demo_db) if e["activity"].kind == "ojl1")
    xlsx, pdf, host_pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf", tmp_path / "h.pdf"
    assert cli.main(["--db", str(db_path), "rundown", "export", "--activity", str(ojl1), str(xlsx)]) == 0
    before = act.list_items(demo_db, ojl1)
    assert cli.main(["--db", str(db_path), "rundown", "import", "--activity", str(ojl1), str(xlsx)]) == 0
    assert "Rundown diimpor: 48 acara dalam 8 hari, 33 JP" in capsys.readouterr().out
    after = act.list_items(demo_db, ojl1)
    assert [(i.day, i.start, i.description) for i in after] == \
        [(i.day, i.start, i.description) for i in before]
    assert cli.main(["--db", str(db_path), "print", "rundown", "--activity", str(ojl1), "--out",
                     str(pdf), "--paper", "a4"]) == 0
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "JADWAL KEGIATAN" in text and "Selasa," in text and "07.30 - 08.00 WIB" in text
    assert cli.main(["--db", str(db_path), "print", "rundown", "--activity", str(ojl1), "--out",
                     str(host_pdf), "--host-school", "20330101"]) == 0
    host_text = "".join(page.extract_text() for page in PdfReader(host_pdf).pages)
    assert "SMP Negeri 1 Pekalongan" in host_text and "SMP Negeri 2 Pekalongan" not in host_text
    capsys.readouterr()
    assert cli.main(["--db", str(db_path), "print", "rundown", "--activity", str(ojl1), "--out",
                     str(host_pdf), "--host-school", "99999999"]) == 1
    assert "99999999" in capsys.readouterr().err


def test_items_out_of_order_are_warned(demo_db):
    aid = ojl(demo_db)
    t = dt.time
    items = [act.Item(D(2018, 9, 10), t(10), t(10, 30), "Rehat kopi"),
             act.Item(D(2018, 9, 10), t(7, 45), t(9), "Pembukaan"),
             act.Item(D(2018, 9, 12), t(9), t(10), "Observasi A", school_id=1),
             act.Item(D(2018, 9, 12), t(8), t(9), "Diskusi B", school_id=2)]
    messages = [w.message for w in act.check_rundown(act.get_activity(demo_db, aid), items)]
    assert messages == ["'Pembukaan' (07.45) tercantum sesudah 'Rehat kopi' (10.00) pada "
                        "Senin, 10 September 2018: urutannya terbalik."]


def test_template_warns_when_the_weekday_differs(demo_db):
    template = rundown_templates.find_template(demo_db, "OJL 1 (8 hari)")
    assert template.weekday_warning(D(2018, 9, 9)) is None  # a Sunday, as in Pekalongan
    assert "dimulai hari Minggu, kegiatan ini hari Senin" in template.weekday_warning(D(2018, 9, 10))


def test_host_schools_in_natural_order(demo_db):
    aid = ojl(demo_db)
    names = [s["name"] for s in act.host_schools(demo_db, aid)]
    assert names == sorted(names, key=act.natural_key)
    assert names.index("SMP Negeri 2 Pekalongan") < names.index("SMP Negeri 14 Pekalongan")


def test_removing_a_participant_and_undoing_keeps_their_activities(demo_db):
    aid = ojl(demo_db)
    host = next(p for p in act.activity_participants(demo_db, aid) if p["tier"] == 1)
    snapshot = programs.snapshot_participants(demo_db, [host["id"]])
    programs.remove_participants(demo_db, [host["id"]])
    assert len(act.activity_participants(demo_db, aid)) == 23
    programs.restore_participants(demo_db, snapshot)
    assert len(act.activity_participants(demo_db, aid)) == 24


def test_start_time_resort_keeps_untimed_items_in_place():
    t = dt.time
    a = act.Item(D(2018, 9, 10), t(8, 15), None, "A")
    b = act.Item(D(2018, 9, 10), None, None, "B tanpa jam")
    c = act.Item(D(2018, 9, 10), t(7), None, "C")
    assert [i.description for i in act.resort_day([a, b, c], D(2018, 9, 10))] == \
        ["C", "B tanpa jam", "A"]


def test_midnight_end_and_jp_beyond_the_time(demo_db):
    aid = ojl(demo_db)
    t = dt.time
    closing = act.Item(D(2018, 9, 15), t(19), act.parse_time("24.00"), "Malam penutupan")
    crowded = act.Item(D(2018, 9, 12), t(13), t(15), "Diskusi", jp=3)
    messages = [w.message for w in act.check_rundown(act.get_activity(demo_db, aid), [closing, crowded])]
    assert messages == ["'Diskusi' pada Rabu, 12 September 2018: 3 JP tidak muat dalam 120 menit "
                        "(1 JP = 45 menit)."]
    assert act.parse_time("7h30") == t(7, 30)


def test_template_of_one_schools_item_stays_one_item(demo_db):
    aid = ojl(demo_db)
    school = act.host_schools(demo_db, aid)[0]
    items = [act.Item(D(2018, 9, 13), dt.time(15, 30), dt.time(16), "Kunjungan perpustakaan",
                      school_id=school["id"])]
    act.save_items(demo_db, aid, items)
    rundown_templates.save_as_template(demo_db, aid, "Satu sekolah")
    other = ojl(demo_db, title="Gelombang 2", start="2018-11-04", end="2018-11-11")
    assert len(rundown_templates.apply_template(demo_db, other, rundown_templates.find_template(demo_db, "Satu sekolah"))) == 1


def test_ojl2_takes_the_district_and_the_visiting_inti(demo_db):
    program_id = program_of(demo_db, 2019)
    aid = act.create_activity(demo_db, program_id, "ojl2", "OJL 2 Sikka", "2019-10-13",
                              "2019-10-18", city="Kabupaten Sikka")
    people = act.activity_participants(demo_db, aid)
    assert {p["region"] for p in people if p["tier"] > 1} == {"Kabupaten Sikka"}
    assert {p["tier"] for p in people} == {1, 2, 3}
    mitra = [p for p in people if p["tier"] == 2]
    assert {p["id"] for p in people if p["tier"] == 1} == {m["mentor_id"] for m in mitra}


def test_a_new_start_date_takes_the_rundown_along(demo_db):
    aid = ojl(demo_db)
    act.save_items(demo_db, aid, rundown_templates.apply_template(demo_db, aid,
                                                    rundown_templates.find_template(demo_db, "OJL 1 (8 hari)")))
    activity = act.get_activity(demo_db, aid)
    act.save_activity(demo_db, act.Activity(aid, activity.program_id, activity.kind, activity.title,
                                            D(2018, 9, 16), D(2018, 9, 23)))
    items = act.list_items(demo_db, aid)
    assert min(i.day for i in items) == D(2018, 9, 16) and max(i.day for i in items) == D(2018, 9, 23)
