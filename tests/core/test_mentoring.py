"""The pendampingan log (issue 20): entries added through the API and the command line and
read back from the database, refusals in Indonesian that leave nothing behind, evidence
photos scaled and foreign files refused, the mitra's sheet imported all-or-nothing, and the
lists per mentor and per month."""

import datetime as dt
import io
import json
import os
import zipfile

import pytest
from helpers import snapshot
from openpyxl import Workbook, load_workbook
from PIL import Image

from kemitraan_desktop import mentoring
from kemitraan_desktop.cli import main
from kemitraan_desktop.errors import ValidationError
from kemitraan_desktop.spreadsheets.mentoring_sheet import import_entries

PROGRAM = 2  # the demo's "Kemitraan Guru SMP" 2019: Inti / Mitra / Imbas, 1:3:10


def person(db, participant_id: int) -> dict:
    pid, tier, mentor, name, nuptk, nip = db.execute(
        "SELECT t.id, t.tier, t.mentor_id, p.full_name, p.nuptk, p.nip FROM participants t "
        "JOIN people p ON p.id = t.person_id WHERE t.id = ?", [participant_id]).fetchone()
    return {"id": pid, "tier": tier, "mentor_id": mentor, "name": name, "nuptk": nuptk, "nip": nip}


@pytest.fixture
def cast(demo_copy):
    """Two mitra of two different inti, one imbas of each, and the first mitra's inti."""
    db = demo_copy
    mitra = [row[0] for row in db.execute(
        "SELECT t.id FROM participants t WHERE t.program_id = ? AND t.tier = 2 "
        "AND EXISTS (SELECT 1 FROM participants c WHERE c.mentor_id = t.id) ORDER BY t.id",
        [PROGRAM])]
    first = person(db, mitra[0])
    second = next(person(db, m) for m in mitra[1:] if person(db, m)["mentor_id"] != first["mentor_id"])

    def imbas_of(mitra_id):
        return person(db, db.execute("SELECT id FROM participants WHERE mentor_id = ? ORDER BY id",
                                     [mitra_id]).fetchone()[0])
    return {"db": db, "mitra": first, "imbas": imbas_of(first["id"]),
            "imbas2": person(db, db.execute(
                "SELECT id FROM participants WHERE mentor_id = ? ORDER BY id LIMIT 1 OFFSET 1",
                [first["id"]]).fetchone()[0]),
            "inti": person(db, first["mentor_id"]), "other_mitra": second,
            "other_imbas": imbas_of(second["id"])}


def log_rows(db) -> list[tuple]:
    return db.execute("SELECT mentor_id, mentee_id, day, mode, jp, minutes, topic, agreed, "
                      "follow_up, notes FROM mentoring_log ORDER BY id").fetchall()


def spaced(nip: str) -> str:
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(["--db", os.environ["KEMITRAAN_DB"], *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def cli_db(cast, monkeypatch):
    """The demo copy, closed, for commands that open it themselves."""
    db = cast["db"]
    path = db.execute("PRAGMA database_list").fetchone()[2]
    monkeypatch.setenv("KEMITRAAN_DB", path)
    return cast


def photo(path, size=(4000, 3000), orientation: int | None = None) -> None:
    """A camera-sized JPEG with detail in it (noise does not compress away)."""
    image = Image.effect_noise(size, 60).convert("RGB")
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(path, "JPEG", quality=95, exif=exif.tobytes())


# ---------------------------------------------------------------- adding through the API


def test_add_entry_is_stored_as_given(cast):
    db, mitra, imbas = cast["db"], cast["mitra"], cast["imbas"]
    log_id = mentoring.add_entry(db, PROGRAM, mitra["id"], imbas["id"], "12/11/2019", "WA",
                                 "Diskusi RPP berbasis masalah", jp="1,5", minutes=70,
                                 agreed="RPP diperbaiki", follow_up="Observasi kelas",
                                 notes="lewat grup MGMP")
    assert log_rows(db) == [(mitra["id"], imbas["id"], "2019-11-12", "telepon", 1.5, 70,
                             "Diskusi RPP berbasis masalah", "RPP diperbaiki", "Observasi kelas",
                             "lewat grup MGMP")]
    [row] = mentoring.list_entries(db, PROGRAM)
    assert (row["id"], row["mode_label"], row["mentor_name"], row["mentee_name"]) == (
        log_id, "Telepon/WhatsApp", mitra["name"], imbas["name"])
    assert (row["mentor_tier_label"], row["mentee_tier_label"], row["mentee_nip"],
            row["evidence"]) == ("Mitra", "Imbas", imbas["nip"], 0)


def test_an_inti_may_mentor_the_imbas_of_their_own_mitra(cast):
    db = cast["db"]
    mentoring.add_entry(db, PROGRAM, cast["inti"]["id"], cast["imbas"]["id"], "2019-11-20",
                        "tatap muka", "Observasi kelas bersama guru mitra")
    assert [r[:2] for r in log_rows(db)] == [(cast["inti"]["id"], cast["imbas"]["id"])]


def test_wrong_pair_is_refused_and_nothing_stored(cast):
    db = cast["db"]
    before = snapshot(db)
    with pytest.raises(ValidationError) as caught:
        mentoring.add_entry(db, PROGRAM, cast["mitra"]["id"], cast["other_imbas"]["id"],
                            "2019-11-12", "daring", "Diskusi RPP")
    message = caught.value.message
    assert f"bukan pembimbing {cast['other_imbas']['name']}" in message
    assert cast["other_mitra"]["name"] in message  # says who the mentor really is
    assert dict(caught.value.problems).keys() == {"pair"}
    assert snapshot(db) == before
    with pytest.raises(ValidationError, match="orang yang sama"):
        mentoring.add_entry(db, PROGRAM, cast["mitra"]["id"], cast["mitra"]["id"], "2019-11-12",
                            "daring", "Refleksi")
    with pytest.raises(ValidationError, match="bukan pembimbing"):  # upwards is not mentoring
        mentoring.add_entry(db, PROGRAM, cast["imbas"]["id"], cast["mitra"]["id"], "2019-11-12",
                            "daring", "Refleksi")
    assert snapshot(db) == before


@pytest.mark.parametrize(("field", "change", "words"), [
    ("mode", {"mode": "rapat dinas"}, "bukan bentuk pendampingan yang dikenal"),
    ("mode", {"mode": ""}, "bentuk pendampingan kosong"),
    ("day", {"day": "2099-01-05"}, "belum tiba"),
    ("day", {"day": "2018-12-31"}, "sebelum tahun program (2019)"),
    ("day", {"day": "31/02/2019"}, "bukan tanggal"),
    ("jp", {"jp": "30"}, "JP harus antara 0 dan 24"),
    ("jp", {"jp": "dua"}, "bukan angka"),
    ("minutes", {"minutes": "2000"}, "antara 0 dan 1440"),
    ("minutes", {"minutes": "1,5"}, "bilangan bulat"),
    ("topic", {"topic": "   "}, "Topik wajib diisi"),
])
def test_bad_fields_are_refused_in_indonesian(cast, field, change, words):
    db = cast["db"]
    before = snapshot(db)
    values = {"day": "2019-11-12", "mode": "daring", "topic": "Diskusi RPP"} | change
    jp, minutes = values.pop("jp", None), values.pop("minutes", None)
    with pytest.raises(ValidationError) as caught:
        mentoring.add_entry(db, PROGRAM, cast["mitra"]["id"], cast["imbas"]["id"],
                            values["day"], values["mode"], values["topic"], jp=jp, minutes=minutes)
    problems = dict(caught.value.problems)
    assert list(problems) == [field]
    assert words in problems[field]
    assert caught.value.message.startswith("Pendampingan tidak disimpan")
    assert snapshot(db) == before


def test_several_problems_are_listed_one_per_line(cast):
    with pytest.raises(ValidationError) as caught:
        mentoring.add_entry(cast["db"], PROGRAM, cast["mitra"]["id"], cast["imbas"]["id"],
                            "2099-01-01", "fax", "", jp="99")
    assert caught.value.message == "Pendampingan tidak disimpan (4 masalah):"
    assert [k for k, _ in caught.value.problems] == ["day", "mode", "topic", "jp"]
    assert len(caught.value.details) == 4


def test_the_same_contact_twice_is_refused(cast):
    db, m, e = cast["db"], cast["mitra"]["id"], cast["imbas"]["id"]
    first = mentoring.add_entry(db, PROGRAM, m, e, "2019-11-12", "daring", "Diskusi RPP")
    with pytest.raises(ValidationError, match=f"sudah tercatat \\(id {first}"):
        mentoring.add_entry(db, PROGRAM, m, e, "12 November 2019", "surel", "  diskusi   RPP ")
    assert len(log_rows(db)) == 1


@pytest.mark.parametrize(("written", "code"), [
    ("tatap-muka", "tatap-muka"), ("Tatap Muka", "tatap-muka"), ("tatap muka", "tatap-muka"),
    ("luring", "tatap-muka"), ("Kunjungan", "tatap-muka"), ("daring", "daring"),
    ("Online", "daring"), ("Zoom", "daring"), ("telepon", "telepon"),
    ("Telepon/WhatsApp", "telepon"), ("telepon/whatsapp", "telepon"), ("WA", "telepon"),
    ("whatsapp", "telepon"), ("surel", "surel"), ("email", "surel"), ("E-mail", "surel"),
])
def test_modes_as_people_write_them(written, code):
    assert mentoring.parse_mode(written) == code


@pytest.mark.parametrize(("written", "unit", "expected"), [
    ("2 JP", "duration", (2.0, None)), ("90 menit", "duration", (None, 90)),
    ("1,5 jam", "duration", (None, 90)), ("1 jam 30 menit", "duration", (None, 90)),
    ("2 jam pelajaran", "duration", (2.0, None)), (3, "jp", (3.0, None)),
    ("45", "minutes", (None, 45.0)), (2, "hours", (None, 120)), (None, "duration", (None, None)),
])
def test_durations_as_people_write_them(written, unit, expected):
    assert mentoring.parse_duration(written, unit) == expected


def test_a_bare_number_without_its_unit_is_refused():
    with pytest.raises(ValueError, match="tanpa satuan; tulis misalnya 2 JP, 90 menit"):
        mentoring.parse_duration(2, "duration")


# ---------------------------------------------------------------- evidence


def test_evidence_photo_is_turned_upright_and_scaled(cast, tmp_path):
    db = cast["db"]
    camera = tmp_path / "IMG_20191112_0930.jpg"
    photo(camera, orientation=6)  # the phone was held upright: stored 3000 wide, shown turned
    pdf = tmp_path / "notulen.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% notulen pendampingan\n%%EOF\n")
    assert camera.stat().st_size > 2_000_000
    log_id = mentoring.add_entry(db, PROGRAM, cast["mitra"]["id"], cast["imbas"]["id"],
                                 "2019-11-12", "tatap-muka", "Observasi kelas",
                                 evidence=[camera, pdf])
    stored = mentoring.evidence(db, log_id)
    assert [(e.name, e.kind, e.mime) for e in stored] == [
        ("IMG_20191112_0930.jpg", "foto", "image/jpeg"), ("notulen.pdf", "dokumen", "application/pdf")]
    shot = Image.open(io.BytesIO(stored[0].data))
    assert (shot.format, shot.size) == ("JPEG", (960, 1280))  # portrait, as it was taken
    assert (stored[0].width, stored[0].height) == (960, 1280)
    assert stored[0].size < 600_000
    assert stored[1].data == pdf.read_bytes()  # documents are kept as they are
    assert mentoring.list_entries(db, PROGRAM)[0]["evidence"] == 2


def _docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def test_a_word_document_is_kept_under_its_own_type(cast, tmp_path):
    doc = tmp_path / "laporan pendampingan.docx"
    doc.write_bytes(_docx_bytes())
    log_id = mentoring.add_entry(cast["db"], PROGRAM, cast["mitra"]["id"], cast["imbas"]["id"],
                                 "2019-11-12", "surel", "Laporan", evidence=[doc])
    [kept] = mentoring.evidence(cast["db"], log_id)
    assert (kept.name, kept.kind, kept.data) == ("laporan pendampingan.docx", "dokumen",
                                                 doc.read_bytes())


def _zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("a.txt", "isi")
    return out.getvalue()


def _truncated_jpeg(path):
    photo(path, size=(800, 600))
    path.write_bytes(path.read_bytes()[:3000])


@pytest.mark.parametrize(("name", "make", "words"), [
    ("foto kelas.jpg", _truncated_jpeg, "bukan foto JPEG atau PNG yang utuh"),
    ("foto.jpg", lambda p: p.write_bytes(b"MZ\x90\x00" + b"\x00" * 500), "bukan foto JPEG/PNG"),
    ("catatan.txt", lambda p: p.write_text("catatan"), "bukan foto JPEG/PNG atau dokumen PDF"),
    ("arsip.zip", lambda p: p.write_bytes(_zip_bytes()),
     "bukan foto JPEG/PNG atau dokumen"),
    ("potongan.docx", lambda p: p.write_bytes(_docx_bytes()[:60]), "bukan foto JPEG/PNG"),
    ("bom.png", lambda p: Image.new("1", (10_000, 9_000)).save(p), "terlalu besar untuk dibuka"),
    ("besar.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n" + b"0" * 10_500_000), "paling besar 10 MB"),
    ("kosong.pdf", lambda p: p.write_bytes(b""), "kosong"),
])
def test_bad_evidence_is_refused_with_nothing_stored(cast, tmp_path, name, make, words):
    db = cast["db"]
    good = tmp_path / "bukti.pdf"
    good.write_bytes(b"%PDF-1.4\n%%EOF\n")
    bad = tmp_path / name
    make(bad)
    before = snapshot(db)
    with pytest.raises(ValidationError) as caught:
        mentoring.add_entry(db, PROGRAM, cast["mitra"]["id"], cast["imbas"]["id"], "2019-11-12",
                            "tatap-muka", "Observasi kelas", evidence=[good, bad])
    assert name in caught.value.message and words in caught.value.message
    assert "tidak ada yang disimpan" in caught.value.message.lower()
    assert snapshot(db) == before  # not even the log row


def test_update_and_delete(cast, tmp_path):
    db = cast["db"]
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    log_id = mentoring.add_entry(db, PROGRAM, cast["mitra"]["id"], cast["imbas"]["id"],
                                 "2019-11-12", "daring", "Diskusi RPP", evidence=[pdf])
    mentoring.update_entry(db, log_id, topic="Diskusi RPP dan LKPD", jp="2", mode="surel")
    entry = mentoring.get_entry(db, log_id)
    assert (entry.topic, entry.jp, entry.mode) == ("Diskusi RPP dan LKPD", 2.0, "surel")
    before = snapshot(db)
    with pytest.raises(ValidationError, match="bukan pembimbing"):
        mentoring.update_entry(db, log_id, mentee_id=cast["other_imbas"]["id"])
    assert snapshot(db) == before
    mentoring.delete_entry(db, log_id)
    assert db.execute("SELECT count(*) FROM mentoring_log").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM mentoring_evidence").fetchone()[0] == 0


# ---------------------------------------------------------------- lists


def test_lists_per_mentor_per_mentee_and_per_month(cast):
    db, mitra, inti = cast["db"], cast["mitra"], cast["inti"]
    days = [("2019-11-05", mitra, cast["imbas"]), ("2019-11-19", mitra, cast["imbas2"]),
            ("2019-12-03", mitra, cast["imbas"]), ("2019-12-10", inti, mitra),
            ("2020-01-14", cast["other_mitra"], cast["other_imbas"])]
    for day, mentor, mentee in days:
        mentoring.add_entry(db, PROGRAM, mentor["id"], mentee["id"], day, "daring", f"Topik {day}")
    by_mitra = mentoring.list_entries(db, PROGRAM, mentor_id=mitra["id"])
    assert [r["day"].isoformat() for r in by_mitra] == ["2019-11-05", "2019-11-19", "2019-12-03"]
    december = mentoring.list_entries(db, PROGRAM, month="2019-12")
    assert [(r["mentor_name"], r["mentee_name"]) for r in december] == [
        (mitra["name"], cast["imbas"]["name"]), (inti["name"], mitra["name"])]
    assert [r["topic"] for r in mentoring.list_entries(db, PROGRAM, mentee_id=cast["imbas"]["id"])] \
        == ["Topik 2019-11-05", "Topik 2019-12-03"]
    assert mentoring.entries_by_month(db, PROGRAM) == {"2019-11": 2, "2019-12": 2, "2020-01": 1}
    last = mentoring.last_contacts(db, PROGRAM)
    assert last[(mitra["id"], cast["imbas"]["id"])] == dt.date(2019, 12, 3)
    assert last[(inti["id"], mitra["id"])] == dt.date(2019, 12, 10)
    with pytest.raises(ValidationError, match="YYYY-MM"):
        mentoring.list_entries(db, PROGRAM, month="Desember")


# ---------------------------------------------------------------- the command line


def test_cli_add_prints_the_id_and_stores_the_entry(cli_db, capsys, tmp_path):
    db, mitra, imbas = cli_db["db"], cli_db["mitra"], cli_db["imbas"]
    camera = tmp_path / "foto.jpg"
    photo(camera, size=(2000, 1500))
    code, out, err = run(capsys, "mentoring", "add", "--program", str(PROGRAM), "--mentor",
                         spaced(mitra["nip"]), "--mentee", imbas["nuptk"], "--date", "2019-11-12",
                         "--mode", "tatap-muka", "--topic", "Observasi kelas", "--jp", "1,5",
                         "--notes", "di SMP", "--evidence", str(camera))
    assert (code, err) == (0, "")
    log_id = int(out.splitlines()[0])
    assert "Pendampingan" in out.splitlines()[1] and "dicatat" in out.splitlines()[1]
    assert db.execute("SELECT mentor_id, mentee_id, day, mode, jp, topic, notes FROM mentoring_log "
                      "WHERE id = ?", [log_id]).fetchone() == (
        mitra["id"], imbas["id"], "2019-11-12", "tatap-muka", 1.5, "Observasi kelas", "di SMP")
    assert max(Image.open(io.BytesIO(mentoring.evidence(db, log_id)[0].data)).size) == 1280


def test_cli_refusals_exit_1_in_indonesian_with_nothing_stored(cli_db, capsys, tmp_path):
    db = cli_db["db"]
    before = snapshot(db)
    base = ["mentoring", "add", "--program", str(PROGRAM), "--mentor", cli_db["mitra"]["nuptk"],
            "--date", "2019-11-12", "--mode", "daring", "--topic", "Diskusi"]
    code, out, err = run(capsys, *base, "--mentee", cli_db["other_imbas"]["nuptk"])
    assert (code, out) == (1, "")
    assert "Gagal: Pendampingan tidak disimpan" in err and "bukan pembimbing" in err
    code, _, err = run(capsys, *base, "--mentee", cli_db["imbas"]["nuptk"], "--jp", "25")
    assert code == 1 and "JP harus antara 0 dan 24" in err
    code, _, err = run(capsys, *base[:-4], "--mode", "fax", "--topic", "x", "--mentee",
                       cli_db["imbas"]["nuptk"])
    assert code == 1 and "bukan bentuk pendampingan" in err
    broken = tmp_path / "rusak.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    code, _, err = run(capsys, *base, "--mentee", cli_db["imbas"]["nuptk"], "--evidence", str(broken))
    assert code == 1 and "rusak.png" in err
    code, _, err = run(capsys, *base, "--mentee", "1234")
    assert code == 1 and "NUPTK (16 angka) atau NIP" in err
    assert snapshot(db) == before


def test_cli_list_json_shape_and_filters(cli_db, capsys):
    db, mitra, imbas = cli_db["db"], cli_db["mitra"], cli_db["imbas"]
    mentoring.add_entry(db, PROGRAM, mitra["id"], imbas["id"], "2019-11-12", "surel", "RPP",
                        minutes=45, agreed="Sepakat")
    mentoring.add_entry(db, PROGRAM, cli_db["other_mitra"]["id"], cli_db["other_imbas"]["id"],
                        "2019-12-02", "daring", "LKPD")
    code, out, _ = run(capsys, "mentoring", "list", "--program", str(PROGRAM), "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 2
    first = rows[0]
    assert set(first) >= {"id", "date", "mode", "mentor", "mentee", "jp", "minutes", "topic",
                          "agreed", "follow_up", "notes", "evidence"}
    assert (first["date"], first["mode"], first["minutes"], first["jp"], first["agreed"],
            first["evidence"]) == ("2019-11-12", "surel", 45, None, "Sepakat", 0)
    assert first["mentor"] == {"id": mitra["id"], "nuptk": mitra["nuptk"], "nip": mitra["nip"],
                                    "name": mitra["name"], "tier": "Mitra"}
    assert (first["mentee"]["nip"], first["mentee"]["tier"]) == (imbas["nip"], "Imbas")
    code, out, _ = run(capsys, "mentoring", "list", "--program", str(PROGRAM), "--month",
                       "2019-12", "--json")
    assert [r["topic"] for r in json.loads(out)] == ["LKPD"]
    code, out, _ = run(capsys, "mentoring", "list", "--program", str(PROGRAM), "--mentor",
                       mitra["nip"])
    assert code == 0 and "12 November 2019" in out and "LKPD" not in out
    assert out.splitlines()[-1] == "1 pendampingan, 1 pasangan."


def test_every_mentoring_command_has_indonesian_help(capsys):
    for command in ("add", "import", "list", "template"):
        with pytest.raises(SystemExit) as done:
            main(["mentoring", command, "--help"])
        assert done.value.code == 0
        assert "penggunaan:" in capsys.readouterr().out


# ---------------------------------------------------------------- the mitra's sheet


def mitra_sheet(path, cast, *, change=None, extra_rows=()) -> None:
    """A jurnal pendampingan the way a mitra types it: titles above the header, the
    pembimbing's NIP in a column, dates as Excel dates and as text, NIPs with spaces, a
    blank row in the middle, a signature block under the table."""
    mitra, imbas, imbas2 = cast["mitra"], cast["imbas"], cast["imbas2"]
    book = Workbook()
    ws = book.active
    ws.title = "Jurnal"
    ws.append(["JURNAL PENDAMPINGAN GURU IMBAS"])
    ws.append(["PROGRAM KEMITRAAN GURU SMP TAHUN 2019 - KABUPATEN GORONTALO"])
    ws.append([])
    ws.append(["No", "Hari/Tanggal", "NIP Pembimbing", "Nama Guru yang Didampingi",
               "NUPTK/NIP Peserta", "Bentuk Pendampingan", "Durasi", "Materi", "Hasil/Kesepakatan",
               "Rencana Tindak Lanjut", "Ket."])
    rows = [
        [1, dt.datetime(2019, 11, 5), mitra["nip"], imbas["name"], spaced(imbas["nip"]), "Tatap Muka",
         "2 JP", "Telaah RPP Bab 3", "RPP direvisi", "Observasi kelas", None],
        [2, "12/11/2019", mitra["nip"], imbas2["name"], imbas2["nuptk"], "WA", "90 menit",
         "Penilaian autentik", "Rubrik disepakati", None, "lewat grup MGMP"],
        [None] * 11,
        [3, "Selasa, 19 November 2019", spaced(mitra["nip"]), imbas["name"], imbas["nuptk"],
         "daring", "1,5 jam", "Refleksi observasi", "Perbaikan langkah inti", "Unggah RPP", None],
        [4, "3 Desember 2019", mitra["nip"], imbas2["name"], spaced(imbas2["nip"]), "Surel",
         None, "Kirim LKPD", None, None, None],
    ]
    for number, column, value in change or ():
        rows[number][column] = value
    for row in rows + list(extra_rows):
        ws.append(row)
    ws.append([])
    ws.append([None] * 8 + ["Limboto, 10 Desember 2019"])
    ws.append([None] * 8 + ["Guru Mitra,"])
    ws.append([None] * 8 + [mitra["name"]])
    ws.append([None] * 8 + [f"NIP. {spaced(mitra['nip'])}"])
    ws["B5"].number_format = "DD/MM/YYYY"
    book.save(path)


def test_import_of_a_mitra_sheet(cast, tmp_path):
    db, mitra = cast["db"], cast["mitra"]
    path = tmp_path / "jurnal pendampingan.xlsx"
    mitra_sheet(path, cast)
    report = import_entries(db, PROGRAM, path)
    assert report.problems == [] and report.written
    assert (report.header_row, report.rows, report.new, report.pairs, report.ignored_rows) == (
        4, 4, 4, 2, 4)
    m, e1, e2 = mitra["id"], cast["imbas"]["id"], cast["imbas2"]["id"]
    assert log_rows(db) == [
        (m, e1, "2019-11-05", "tatap-muka", 2.0, None, "Telaah RPP Bab 3", "RPP direvisi",
         "Observasi kelas", None),
        (m, e2, "2019-11-12", "telepon", None, 90, "Penilaian autentik", "Rubrik disepakati", None,
         "lewat grup MGMP"),
        (m, e1, "2019-11-19", "daring", None, 90, "Refleksi observasi", "Perbaikan langkah inti",
         "Unggah RPP", None),
        (m, e2, "2019-12-03", "surel", None, None, "Kirim LKPD", None, None, None),
    ]
    assert "Pendampingan diimpor: 4 pendampingan baru (2 pasangan, 1 pembimbing)" in report.summary()


def test_importing_the_same_sheet_again_skips_what_is_stored(cast, tmp_path):
    db = cast["db"]
    path = tmp_path / "jurnal.xlsx"
    mitra_sheet(path, cast)
    import_entries(db, PROGRAM, path)
    again = import_entries(db, PROGRAM, path)
    assert (again.written, again.new, again.duplicates) == (True, 0, 4)
    assert "4 sudah tercatat, dilewati" in again.summary()
    assert len(log_rows(db)) == 4
    twice = tmp_path / "dua kali.xlsx"
    mitra = cast["mitra"]
    mitra_sheet(twice, cast, extra_rows=[[5, "05/12/2019", mitra["nip"], None,
                                          cast["imbas"]["nuptk"], "daring", "1 JP", "Modul", None,
                                          None, None],
                                         [6, "05/12/2019", mitra["nip"], None,
                                          cast["imbas"]["nuptk"], "daring", "1 JP", "Modul", None,
                                          None, None]])
    report = import_entries(db, PROGRAM, twice)
    assert (report.new, report.duplicates, report.repeated) == (1, 4, 1)
    assert "sama dengan baris" in str(report.warnings[0])
    assert len(log_rows(db)) == 5


@pytest.mark.parametrize(("change", "where", "words"), [
    ([(3, 1, "31/02/2019")], "Baris 8, kolom 'Hari/Tanggal'", "bukan tanggal"),
    ([(1, 5, "rapat")], "Baris 6, kolom 'Bentuk Pendampingan'", "bukan bentuk pendampingan"),
    ([(1, 6, "90")], "Baris 6, kolom 'Durasi'", "tidak dikenali"),
    ([(4, 6, "30 JP")], "Baris 9, kolom 'Durasi'", "JP harus antara 0 dan 24"),
    ([(0, 7, None)], "Baris 5, kolom 'Materi'", "topik wajib diisi"),
    ([(4, 1, "3 Desember 2099")], "Baris 9, kolom 'Hari/Tanggal'", "belum tiba"),
    ([(1, 4, "1.97508E+17")], "Baris 6, kolom 'NUPTK/NIP Peserta'", "format ilmiah"),
    ([(1, 4, 1.97508251999092e17)], "Baris 6, kolom 'NUPTK/NIP Peserta'", "tersimpan sebagai angka"),
    ([(0, 2, "123456789012345678")], "Baris 5, kolom 'NIP Pembimbing'", None),
])
def test_one_bad_row_refuses_the_whole_sheet(cast, tmp_path, change, where, words):
    db = cast["db"]
    path = tmp_path / "jurnal.xlsx"
    mitra_sheet(path, cast, change=change)
    before = snapshot(db)
    report = import_entries(db, PROGRAM, path)
    assert not report.written
    lines = [str(p) for p in report.problems]
    assert len(lines) == 1, lines
    assert lines[0].startswith(where + ": "), lines
    if words:
        assert words in lines[0], lines
    assert report.summary().startswith("Tidak ada yang disimpan: 1 masalah")
    assert snapshot(db) == before


def test_a_row_with_someone_elses_imbas_is_refused_naming_the_real_mentor(cast, tmp_path):
    other = cast["other_imbas"]
    path = tmp_path / "jurnal.xlsx"
    mitra_sheet(path, cast, change=[(3, 3, other["name"]), (3, 4, other["nuptk"])])
    report = import_entries(cast["db"], PROGRAM, path)
    [problem] = report.problems
    assert str(problem).startswith("Baris 8, kolom 'NUPTK/NIP Peserta': ")
    assert f"bukan pembimbing {other['name']}" in problem.message
    assert cast["other_mitra"]["name"] in problem.message
    assert len(log_rows(cast["db"])) == 0


def test_a_number_that_names_someone_else_is_refused(cast, tmp_path):
    path = tmp_path / "jurnal.xlsx"
    mitra_sheet(path, cast, change=[(0, 3, "Yohanes Ndun, S.Pd.")])
    [problem] = import_entries(cast["db"], PROGRAM, path).problems
    assert str(problem) == (f"Baris 5, kolom 'NUPTK/NIP Peserta': NUPTK/NIP {cast['imbas']['nip']} "
                            f"milik {cast['imbas']['name']}, bukan Yohanes Ndun, S.Pd.; periksa "
                            "nomornya")


def test_check_only_writes_nothing(cast, tmp_path):
    path = tmp_path / "jurnal.xlsx"
    mitra_sheet(path, cast)
    before = snapshot(cast["db"])
    report = import_entries(cast["db"], PROGRAM, path, dry_run=True)
    assert (report.written, report.new, report.problems) == (False, 4, [])
    assert report.summary().startswith("Uji coba (tidak ada yang disimpan): 4 pendampingan baru")
    assert snapshot(cast["db"]) == before


def test_the_mentor_may_be_named_once_above_the_table(cast, tmp_path):
    """A mitra's own sheet: 'NIP : ...' in the title rows, no pembimbing column, durations
    in a JP column and the imbas named by name only."""
    mitra, imbas = cast["mitra"], cast["imbas"]
    book = Workbook()
    ws = book.active
    ws.append(["LOG BOOK PENDAMPINGAN"])
    ws.append(["Nama Guru Mitra", ":", mitra["name"]])
    ws.append(["NUPTK", ":", mitra["nuptk"]])
    ws.append(["NIP", ":", spaced(mitra["nip"])])
    ws.append(["No", "Tanggal", "Nama Guru Imbas", "Moda", "JP", "Topik", "Tindak Lanjut"])
    ws.append([1, "14/11/2019", imbas["name"], "luring", 2, "Model PBL", "Praktik di kelas"])
    book.save(tmp_path / "logbook.xlsx")
    report = import_entries(cast["db"], PROGRAM, tmp_path / "logbook.xlsx")
    assert report.problems == [] and report.written
    assert log_rows(cast["db"]) == [(mitra["id"], imbas["id"], "2019-11-14", "tatap-muka", 2.0,
                                     None, "Model PBL", None, "Praktik di kelas", None)]


def test_a_sheet_without_the_needed_columns_is_refused(cast, tmp_path):
    book = Workbook()
    book.active.append(["No", "Tanggal", "Nama Peserta", "Keterangan"])
    book.active.append([1, "12/11/2019", cast["imbas"]["name"], "-"])
    book.save(tmp_path / "lain.xlsx")
    with pytest.raises(ValidationError) as caught:
        import_entries(cast["db"], PROGRAM, tmp_path / "lain.xlsx")
    assert "tidak punya kolom Bentuk, Topik/Materi" in caught.value.message
    assert "kemitraan mentoring template" in caught.value.message


def test_cli_import_check_and_import(cli_db, capsys, tmp_path):
    path = tmp_path / "jurnal.xlsx"
    mitra_sheet(path, cli_db)
    code, out, _ = run(capsys, "mentoring", "import", "--program", str(PROGRAM), str(path),
                       "--check")
    assert code == 0 and "Uji coba (tidak ada yang disimpan)" in out
    assert len(log_rows(cli_db["db"])) == 0
    code, out, _ = run(capsys, "mentoring", "import", "--program", str(PROGRAM), str(path))
    assert code == 0 and "judul kolom di baris 4: 4 baris pendampingan" in out
    assert len(log_rows(cli_db["db"])) == 4
    bad = tmp_path / "salah.xlsx"
    mitra_sheet(bad, cli_db, change=[(3, 1, "31/02/2019")])
    code, out, _ = run(capsys, "mentoring", "import", "--program", str(PROGRAM), str(bad))
    assert code == 1 and "Baris 8, kolom 'Hari/Tanggal'" in out
    assert len(log_rows(cli_db["db"])) == 4


# ---------------------------------------------------------------- the template


def test_template_is_formatted_and_imports_back(cast, tmp_path):
    path = tmp_path / "templat.xlsx"
    assert main(["mentoring", "template", str(path)]) == 0
    ws = load_workbook(path)["Pendampingan"]
    assert [c.value for c in ws[4]] == [
        "No", "Tanggal", "NUPTK/NIP Pembimbing", "Nama Pembimbing", "NUPTK/NIP Peserta",
        "Nama Peserta", "Bentuk", "Durasi", "Topik/Materi", "Kesepakatan/Hasil", "Tindak Lanjut",
        "Keterangan"]
    assert ws["A5"].value == "Contoh" and ws["A5"].font.color.rgb.endswith("808080")
    assert ws["C6"].number_format == "@" and ws["B6"].number_format == "DD/MM/YYYY"
    [choice] = ws.data_validations.dataValidation
    assert choice.formula1 == '"Tatap muka,Daring,Telepon/WhatsApp,Surel"'
    assert "G5:G505" in str(choice.sqref)
    assert ws.column_dimensions["I"].width == 36 and ws.freeze_panes == "A5"
    untouched = import_entries(cast["db"], PROGRAM, path)  # the example row is never imported
    assert (untouched.examples, untouched.written) == (1, False)
    book = load_workbook(path)
    sheet = book["Pendampingan"]
    mitra, imbas = cast["mitra"], cast["imbas"]
    for column, value in enumerate([1, dt.datetime(2019, 11, 26), mitra["nip"], mitra["name"],
                                    imbas["nuptk"], imbas["name"], "Telepon/WhatsApp", "45 menit",
                                    "Asesmen diagnostik"], start=1):
        sheet.cell(row=6, column=column, value=value)
    book.save(path)
    report = import_entries(cast["db"], PROGRAM, path)
    assert report.problems == [] and (report.new, report.examples) == (1, 1)
    assert log_rows(cast["db"]) == [(mitra["id"], imbas["id"], "2019-11-26", "telepon", None, 45,
                                     "Asesmen diagnostik", None, None, None)]
