"""Hostile exchange files (issue 14): files that unpack far past their size, a ZIP directory
of many entries, a damaged but signed changeset, a folder under an exchange name, a sender
whose office name is invisible or reads as ours, a partner's values our rules refuse, and
proposals that would break them. Each is refused in Indonesian and changes nothing."""

from __future__ import annotations

import base64
import shutil
import zipfile

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from helpers import gorontalo_office, run_command

from kemitraan_desktop import demo, exchange, people, store
from kemitraan_desktop.errors import ValidationError
from kemitraan_desktop.exchange import materialize, package
from kemitraan_desktop.spreadsheets.export import export_roster


def signed(path, *, name="Dinas Pendidikan Kabupaten Bone Bolango", changeset=b"", key=None,
           **manifest):
    """An exchange file signed by a fresh office key (any office can make one)."""
    key = key or Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    fields = {"office": package.fingerprint(public), "office_name": name,
              "office_region": "Kabupaten Bone Bolango",
              "public_key": base64.b64encode(public).decode(), "to": "", "scope": "",
              "seq": 1, "base": 0, "created": "2026-12-01T10:00:00", "counts": {},
              "records": {}, "proposals": [], **manifest}
    package.write(path, fields, changeset, key.sign)
    return key


def parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def streamed(archive: zipfile.ZipFile, name: str, size: int, fill: bytes, first: bytes = b"") -> None:
    """A member of `size` bytes written in pieces (small on disk, large unpacked)."""
    info = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    chunk = fill * (1 << 20)
    with archive.open(info, "w", force_zip64=False) as out:
        out.write(first)
        left = size - len(first)
        while left > 0:
            out.write(chunk[:min(left, len(chunk))])
            left -= len(chunk)


@pytest.fixture
def gorontalo(tmp_path, template_db):
    db = gorontalo_office(tmp_path, template_db)
    yield db
    db.close()


def state(db) -> tuple:
    return (db.execute("SELECT count(*) FROM partner_offices").fetchone()[0],
            db.execute("SELECT count(*) FROM people").fetchone()[0],
            db.execute("SELECT count(*) FROM exchange_log").fetchone()[0])


def test_members_that_unpack_far_past_their_size_are_refused_unread(gorontalo, tmp_path):
    real = tmp_path / "asli.kemitraan"
    signed(real)
    found = parts(real)
    manifest_bomb = tmp_path / "manifest.kemitraan"
    with zipfile.ZipFile(manifest_bomb, "w") as archive:
        streamed(archive, "manifest.json", 24 << 20, b" ", first=found["manifest.json"])
        archive.writestr("changes.bin", found["changes.bin"])
        archive.writestr("signature", found["signature"])
    signature_bomb = tmp_path / "tanda.kemitraan"
    with zipfile.ZipFile(signature_bomb, "w") as archive:
        archive.writestr("manifest.json", found["manifest.json"])
        archive.writestr("changes.bin", found["changes.bin"])
        streamed(archive, "signature", 24 << 20, b"A")
    before = state(gorontalo)
    for bomb, member in ((manifest_bomb, "manifest.json"), (signature_bomb, "signature")):
        assert bomb.stat().st_size < 200_000
        with pytest.raises(ValidationError, match=f"bagian '{member}' di dalamnya jauh lebih besar"):
            exchange.trust(gorontalo, bomb)
        with pytest.raises(ValidationError, match="jauh lebih besar"):
            exchange.receive(gorontalo, bomb)
    assert state(gorontalo) == before


def test_a_changeset_is_not_unpacked_before_its_sender_is_trusted(gorontalo, tmp_path):
    real = tmp_path / "asli.kemitraan"
    signed(real)
    found = parts(real)
    bomb = tmp_path / "isi-besar.kemitraan"
    with zipfile.ZipFile(bomb, "w") as archive:
        archive.writestr("manifest.json", found["manifest.json"])
        streamed(archive, "changes.bin", 64 << 20, b"\0")
        archive.writestr("signature", found["signature"])
    with pytest.raises(ValidationError, match="belum dipercaya"):
        exchange.receive(gorontalo, bomb)
    exchange.trust(gorontalo, real)
    with pytest.raises(ValidationError, match="telah diubah"):
        exchange.receive(gorontalo, bomb)
    assert gorontalo.execute("SELECT count(*) FROM exchange_log").fetchone()[0] == 0


def test_a_zip_directory_of_many_entries_is_refused_from_its_end_record(gorontalo, tmp_path, capsys):
    real = tmp_path / "asli.kemitraan"
    signed(real)
    many = tmp_path / "banyak.kemitraan"
    with zipfile.ZipFile(many, "w") as archive:
        for name, data in parts(real).items():
            archive.writestr(name, data)
        for number in range(2000):
            archive.writestr(f"kosong/{number}", b"")
    db_path = tmp_path / "gorontalo" / "kemitraan.db"
    code, _out, err = run_command(capsys, db_path, "exchange", "trust", "--yes", many)
    assert code == 2 and "bukan berkas pertukaran Kemitraan (isinya tidak sesuai)" in err
    assert state(gorontalo)[0] == 0


def test_unreadable_files_exit_2_and_a_folder_is_called_a_folder(gorontalo, tmp_path, capsys):
    db_path = tmp_path / "gorontalo" / "kemitraan.db"
    folder = tmp_path / "x.kemitraan"
    folder.mkdir()
    code, _out, err = run_command(capsys, db_path, "exchange", "import", folder)
    assert code == 2 and "adalah sebuah folder" in err
    empty = tmp_path / "kosong.kemitraan"
    empty.write_bytes(b"")
    truncated = tmp_path / "terpotong.kemitraan"
    signed(truncated)
    truncated.write_bytes(truncated.read_bytes()[:300])
    for broken in (empty, truncated):
        code, _out, err = run_command(capsys, db_path, "exchange", "import", broken)
        assert code == 2 and "rusak atau terpotong" in err
    pdf = tmp_path / "surat.kemitraan"
    pdf.write_bytes(b"%PDF-1.4\n" + bytes(2000))
    code, _out, err = run_command(capsys, db_path, "exchange", "import", pdf)
    assert code == 2 and "bukan berkas pertukaran Kemitraan" in err


def test_a_damaged_changeset_with_a_valid_signature_is_a_damaged_file(gorontalo, tmp_path, capsys):
    key = Ed25519PrivateKey.generate()
    first = tmp_path / "1.kemitraan"
    signed(first, key=key)
    exchange.trust(gorontalo, first)
    damaged = tmp_path / "2.kemitraan"
    garbage = b"T\x02\x00\x01" + bytes(range(256)) * 4  # a table header, then nonsense
    signed(damaged, key=key, changeset=garbage, seq=2, base=0)
    before = state(gorontalo)
    code, _out, err = run_command(capsys, tmp_path / "gorontalo" / "kemitraan.db",
                                  "exchange", "import", damaged)
    assert code == 2 and "rusak: isi perubahannya tidak dapat dibaca" in err
    assert "kesalahan tak terduga" not in err
    assert state(gorontalo) == before


def test_a_sender_named_with_invisible_marks_or_as_this_office_is_not_trusted(gorontalo, tmp_path):
    invisible = tmp_path / "tak-terlihat.kemitraan"
    signed(invisible, name="\u3164\u200b")
    with pytest.raises(ValidationError, match="nama kantor pengirim yang dapat dibaca"):
        exchange.trust(gorontalo, invisible)
    spoof = tmp_path / "nama-kita.kemitraan"
    signed(spoof, name="Dinas \u202eNAKIDIDNEP\u202c")  # shows as "Dinas PENDIDIKAN", ours
    with pytest.raises(ValidationError, match="memakai nama kantor ini sendiri"):
        exchange.trust(gorontalo, spoof)
    marked = tmp_path / "bertanda.kemitraan"
    signed(marked, name="Dinas Pendidikan\u200b Kabupaten \u00adBone Bolango")
    assert exchange.trust(gorontalo, marked)["name"] == "Dinas Pendidikan Kabupaten Bone Bolango"
    assert [p["name"] for p in exchange.partners(gorontalo)] == \
        ["Dinas Pendidikan Kabupaten Bone Bolango"]


@pytest.fixture
def pekalongan(tmp_path, template_db):
    path = tmp_path / "pekalongan" / "kemitraan.db"
    path.parent.mkdir()
    shutil.copy(template_db, path)
    db = store.open_db(path)
    demo.load_demo(db)
    yield db
    db.close()


def own_person(db) -> tuple[int, str]:
    person = db.execute("SELECT min(person_id) FROM participants WHERE program_id = 1").fetchone()[0]
    uuid = db.execute("SELECT min(uuid) FROM exchange_ids WHERE kind = 'person' AND local_id = ?",
                      [person]).fetchone()[0]
    return person, uuid


def test_received_people_are_cleaned_and_values_our_rules_refuse_are_held_back(
        pekalongan, gorontalo, tmp_path):
    a, b = pekalongan, gorontalo
    exchange.export(a, tmp_path / "1.kemitraan")
    exchange.trust(b, tmp_path / "1.kemitraan")
    exchange.receive(b, tmp_path / "1.kemitraan")
    person, uuid = own_person(a)
    name = a.execute("SELECT full_name FROM people WHERE id = ?", [person]).fetchone()[0]
    born = b.execute("SELECT birth_date FROM people WHERE id = ?",
                     [materialize.local_id(b, "person", uuid)]).fetchone()[0]
    a.execute("UPDATE people SET full_name = ?, birth_date = '31/02/1981' WHERE id = ?",
              ["Bu\u200bdi\u00ad \u202e" + name, person])
    a.conn.commit()
    exchange.export(a, tmp_path / "2.kemitraan")
    result = exchange.receive(b, tmp_path / "2.kemitraan")
    here = b.execute("SELECT full_name, birth_date FROM people WHERE id = ?",
                     [materialize.local_id(b, "person", uuid)]).fetchone()
    assert tuple(here) == (f"Budi {name}", born)  # the name cleaned, the bad date not taken
    assert any(c.get("field") == "birth_date" and "ditolak" in c["what"] for c in result.conflicts)

    a.execute("UPDATE people SET full_name = ? WHERE id = ?", ["\u3164\u200b", person])
    a.conn.commit()
    exchange.export(a, tmp_path / "3.kemitraan")
    before = state(b)
    with pytest.raises(ValidationError, match="tanpa nama yang dapat dibaca"):
        exchange.receive(b, tmp_path / "3.kemitraan")
    assert state(b) == before
    assert b.execute("SELECT full_name FROM people WHERE id = ?",
                     [materialize.local_id(b, "person", uuid)]).fetchone()[0] == f"Budi {name}"


def test_proposals_that_break_our_rules_are_refused_with_the_reason(pekalongan, tmp_path, capsys):
    a = pekalongan
    person, uuid = own_person(a)
    before = tuple(a.execute("SELECT full_name, gender, birth_date FROM people WHERE id = ?",
                             [person]).fetchone())
    for field, theirs in (("full_name", "\u3164"), ("gender", "X"), ("birth_date", "31/02/1981")):
        a.execute("INSERT INTO exchange_proposals (office, kind, uuid, label, field, ours, theirs) "
                  "VALUES ('X', 'people', ?, 'Kantor Lain', ?, 'nilai lama di berkas', ?)",
                  [uuid, field, theirs])
    a.conn.commit()
    db_path = tmp_path / "pekalongan" / "kemitraan.db"
    code, out, _err = run_command(capsys, db_path, "exchange", "proposals")
    assert code == 0 and "nilai lama di berkas" not in out and f"'{before[0]}'" in out
    for number, reason in ((1, "tidak terlihat"), (2, "bukan jenis kelamin"), (3, "bukan tanggal")):
        code, _out, err = run_command(capsys, db_path, "exchange", "proposals", "--accept", number)
        assert code == 1 and reason in err and "program lain" not in err
    assert tuple(a.execute("SELECT full_name, gender, birth_date FROM people WHERE id = ?",
                           [person]).fetchone()) == before
    assert len(exchange.proposals(a)) == 3  # still waiting


def test_people_export_writes_a_stored_bad_date_as_text(pekalongan, tmp_path):
    import openpyxl

    person, _uuid = own_person(pekalongan)
    pekalongan.execute("UPDATE people SET birth_date = '31/02/1981' WHERE id = ?", [person])
    pekalongan.conn.commit()
    out = tmp_path / "orang.xlsx"
    assert export_roster(pekalongan, out, [person]) == 1
    values = [c.value for c in next(iter(openpyxl.load_workbook(out).active.iter_rows(min_row=2)))]
    assert "31/02/1981" in values
    assert people.get_person(pekalongan, person)["birth_date"] == "31/02/1981"
