"""Offices exchange their data in signed files (.kemitraan), with no internet.

Sending: this office's shared records are projected (projection.py) and compared, with
SQLite's session extension (changes.py), to what was last sent to that office; the
changes go into a file signed with the office's key (package.py). Receiving: the file is
checked (signature, trusted sender, schema, its place in the sender's sequence), applied to
a projection of this office's records under the owner rule, and what changed is written to
the database in one transaction after a backup (materialize.py)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import office as office_profile
from ..certificates import signing
from ..errors import KemitraanError, StorageError, ValidationError, os_reason
from ..store import Database, backup, db_file
from . import changes, materialize, package, projection

ALL = "semua"  # the baseline of files sent with no named recipient


def office_id(db: Database) -> str:
    return package.fingerprint(signing.raw_public(signing.private_key(db)))


def office_name(db: Database) -> str:
    profile = office_profile.load_profile(db)
    return " ".join(x for x in (profile.name.title(), profile.region) if x) or "Kantor tanpa nama"


def _setting(db: Database, key: str, default: str = "") -> str:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row and row[0] is not None else default


def _put(db: Database, key: str, value: str) -> None:
    db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
               "SET value = excluded.value", [key, value])


def _write_or_refuse(write, action: str) -> None:
    try:
        write()
    except OSError as exc:
        raise StorageError(f"{action}: {os_reason(exc)}. Tidak ada yang dikirim atau dicatat.",
                           technical=repr(exc)) from None


def _folder(db: Database) -> Path:
    source = db_file(db)
    if source is None:
        raise StorageError("Basis data di memori tidak dapat bertukar data.")
    return source.parent / "pertukaran"


def partners(db: Database) -> list[dict]:
    return [dict(zip(("office", "name", "trusted_at", "sent_seq", "received_seq", "last_sent",
                      "last_received"), row, strict=True))
            for row in db.execute("SELECT office, name, trusted_at, sent_seq, received_seq, "
                                  "last_sent, last_received FROM partner_offices ORDER BY name")]


def _partner(db: Database, office: str) -> dict | None:
    return next((p for p in partners(db) if p["office"] == office), None)


def _regions(db: Database, me: str) -> list[tuple[str, str]]:
    """(region code, office) of partners, then this office's own (which wins a tie)."""
    found = [(code, office) for office, code in db.execute(
        "SELECT office, region_code FROM partner_offices WHERE region_code IS NOT NULL")]
    own = _region_code(office_profile.load_profile(db).region)
    return found + ([(own, me)] if own else [])


def _resolve_recipient(db: Database, to: str | None) -> str:
    if not to:
        return ALL
    wanted = to.strip().upper().replace(" ", "")
    for p in partners(db):
        if p["office"] == wanted or p["name"].casefold() == to.strip().casefold():
            return p["office"]
    raise ValidationError(f"Kantor '{to}' belum dikenal; terima dulu satu berkas darinya "
                          "(kemitraan exchange trust).")


@dataclass
class Sent:
    path: Path
    seq: int
    full: bool
    counts: dict[str, dict[str, int]]
    size: int


def export(db: Database, out: str | Path, *, to: str | None = None,
           program_ids: list[int] | None = None, full: bool = False) -> Sent:
    """Write the changes since the last file to `to` (all of them the first time, or with
    `full`) to `out`, signed. The baseline moves on only once the file is written."""
    out = Path(out)
    if out.suffix.lower() != ".kemitraan":
        raise ValidationError(f"Nama berkas pertukaran harus berakhiran .kemitraan: '{out.name}'.")
    me = office_id(db)
    recipient = _resolve_recipient(db, to)
    scope = "-".join(str(i) for i in sorted(program_ids)) if program_ids else ""
    folder = _folder(db)
    base_file = folder / f"{recipient.lower()}{'-' + scope if scope else ''}.db"
    seq_key = f"exchange.sent.{recipient}{'.' + scope if scope else ''}"
    last = 0 if full or not base_file.exists() else int(_setting(db, seq_key, "0"))
    # Both files are staged beside their final names and moved there only inside the
    # transaction that records the number: a failure anywhere leaves no file with a number
    # the office has not recorded (the partner would take it, then refuse the real one).
    staged = out.with_name(out.name + ".sementara")
    staged_base = base_file.with_name(base_file.name + ".sementara")
    moved = False
    try:
        with tempfile.TemporaryDirectory(prefix="kemitraan-kirim-") as tmp:
            current = projection.build(db, Path(tmp) / "sekarang.db", me, program_ids=program_ids,
                                       include_nik=_setting(db, "exchange.include_nik") == "1",
                                       regions=_regions(db, me))
            baseline = base_file if last else projection.empty(Path(tmp) / "kosong.db")
            proposed = projection.hold_back(current, baseline, projection.corrected(db)) if last else []
            changeset = changes.diff(current, baseline)
            counts = changes.summarize(changeset)
            seq = int(_setting(db, seq_key, "0")) + 1
            manifest = {"office": me, "office_name": office_name(db),
                        "office_region": office_profile.load_profile(db).region,
                        "public_key": signing.public_key_text(db).split(":", 1)[1],
                        "to": "" if recipient == ALL else recipient, "scope": scope, "seq": seq,
                        "base": last, "created": dt.datetime.now().isoformat(timespec="seconds"),
                        "counts": counts, "records": projection.counts(current),
                        "proposals": proposed}
            key = signing.private_key(db)
            _write_or_refuse(lambda: package.write(staged, manifest, changeset, key.sign),
                             f"Berkas '{out}' tidak dapat ditulis")
            _write_or_refuse(lambda: (folder.mkdir(parents=True, exist_ok=True),
                                      shutil.copyfile(current, staged_base)),
                             f"Catatan pertukaran di folder '{folder}' tidak dapat ditulis")
        with db.atomic():
            _put(db, seq_key, str(seq))
            if recipient != ALL:
                db.execute("UPDATE partner_offices SET sent_seq = ?, last_sent = ? WHERE office = ?",
                           [seq, manifest["created"], recipient])
            db.execute("INSERT INTO exchange_log (direction, office, seq, file, counts) VALUES "
                       "('kirim', ?, ?, ?, ?)", [recipient, seq, out.name, json.dumps(counts)])
            _write_or_refuse(lambda: staged.replace(out), f"Berkas '{out}' tidak dapat ditulis")
            moved = True
    except BaseException:
        with contextlib.suppress(OSError):
            staged_base.unlink(missing_ok=True)
            if moved:  # recorded nowhere: the commit failed after the file took its name
                out.unlink(missing_ok=True)
        raise
    finally:
        with contextlib.suppress(OSError):
            staged.unlink(missing_ok=True)
    # After the commit: a baseline that cannot move on only makes the next file hold more.
    try:
        staged_base.replace(base_file)
    except OSError:
        with contextlib.suppress(OSError):
            staged_base.unlink(missing_ok=True)
    return Sent(out, seq, last == 0, counts, out.stat().st_size)


def describe(path: str | Path) -> dict:
    """Who sent a file and what it holds, before trusting it."""
    pkg = package.read(path, with_changeset=False)
    return {**pkg.manifest, "office_name": _sender_name(pkg), "spoken": package.spoken(pkg.office)}


def _as_shown(raw: str) -> str:
    """A name as a screen shows it when a right-to-left override turns part of it around
    ('Kota \u202eNAGNOLAKEP' reads 'Kota PEKALONGAN'), casefolded."""
    import re

    from ..indonesia import normalize_name

    shown = re.sub("[\u202e\u202b]([^\u202a-\u202e\u2066-\u2069]*)",
                   lambda m: m.group(1)[::-1], raw)
    return normalize_name(shown).casefold()


def _sender_name(pkg) -> str:
    """The sending office's name as it may be shown: invisible and direction-changing
    characters removed (they can make a name read as another)."""
    from ..indonesia import normalize_name

    text = normalize_name(pkg.manifest.get("office_name") or "")
    return text if text else pkg.office


def trust(db: Database, path: str | Path) -> dict:
    """Trust the office that signed this file (its fingerprint compared by phone first):
    its files may be applied, its certificates verify here."""
    pkg, name = _trustable(db, path)
    with db.atomic():
        db.execute("INSERT INTO partner_offices (office, name, region_code, public_key, trusted_at) "
                   "VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')) ON "
                   "CONFLICT (office) DO UPDATE SET name = excluded.name, region_code = "
                   "excluded.region_code, trusted_at = excluded.trusted_at",
                   [pkg.office, name, _region_code(pkg.manifest.get("office_region")),
                    pkg.manifest["public_key"]])
    public = pkg.public_key
    kid = signing.key_id(public)
    if kid not in dict(signing.known_keys(db)):
        signing.import_public_key(db, f"{kid}:{pkg.manifest['public_key']}", name)
    return {"office": pkg.office, "name": name, "spoken": package.spoken(pkg.office)}


def sender(db: Database, path: str | Path) -> dict:
    """Who sent a file, as `describe` says, once it is clear that office may be trusted
    (ValidationError before anyone is asked otherwise)."""
    pkg, name = _trustable(db, path)
    return {**pkg.manifest, "office_name": name, "spoken": package.spoken(pkg.office)}


def _trustable(db: Database, path: str | Path):
    from ..indonesia import has_visible_letter, normalize_name

    pkg = package.read(path, with_changeset=False)
    me = office_id(db)
    if pkg.office == me:
        raise ValidationError("Berkas ini dibuat oleh kantor ini sendiri.")
    name = _sender_name(pkg)
    if not has_visible_letter(name) or name == pkg.office:
        raise ValidationError(f"Berkas '{Path(path).name}' tidak menyebut nama kantor pengirim "
                              "yang dapat dibaca; kantor itu tidak dipercaya. Minta kantor "
                              "pengirim mengisi identitasnya (kemitraan office set --name ...).")
    own = {normalize_name(office_name(db)).casefold(),
           normalize_name(office_profile.load_profile(db).name).casefold()}
    if name.casefold() in own or _as_shown(pkg.manifest.get("office_name") or "") in own:
        raise ValidationError(f"Berkas '{Path(path).name}' memakai nama kantor ini sendiri "
                              f"('{name}') tetapi ditandatangani kunci lain; kantor itu tidak "
                              "dipercaya. Tanyakan kepada kantor pengirim lewat telepon.")
    return pkg, name


@dataclass
class Received:
    office: str
    name: str
    seq: int
    applied: bool
    already: bool = False
    counts: dict = field(default_factory=dict)
    proposals: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)
    aliases: int = 0
    backup: Path | None = None

    def summary(self) -> str:
        if self.already:
            return (f"Berkas no. {self.seq} dari {self.name} sudah pernah diterima; tidak ada "
                    "yang berubah.")
        total = {k: sum(v[k] for v in self.counts.values()) for k in ("baru", "berubah", "dihapus")}
        verb = "diterima" if self.applied else "akan diterima (belum diterapkan)"
        text = (f"Berkas no. {self.seq} dari {self.name} {verb}: {total['baru']} baru, "
                f"{total['berubah']} berubah, {total['dihapus']} dihapus")
        if self.aliases:
            text += f"; {self.aliases} orang sudah ada di sini (digabung, tidak ganda)"
        if self.proposals:
            text += f"; {len(self.proposals)} usulan perubahan atas data kantor ini menunggu"
        if self.conflicts:
            text += f"; {len(self.conflicts)} perbedaan dicatat"
        return text + "."


def receive(db: Database, path: str | Path, *, dry_run: bool = False) -> Received:
    """Check and apply one file from a partner office (see the module's docstring)."""
    path = Path(path)
    pkg = package.read(path, with_changeset=False)
    me = office_id(db)
    if pkg.office == me:
        raise ValidationError(f"Berkas '{path.name}' dibuat oleh kantor ini sendiri.")
    partner = _partner(db, pkg.office)
    name = partner["name"] if partner else _sender_name(pkg)
    if partner is None or not partner["trusted_at"]:
        raise ValidationError(
            f"Berkas '{path.name}' dari {name}, kantor yang belum dipercaya. Bandingkan sidik "
            f"kuncinya lewat telepon: {package.spoken(pkg.office)}; bila sama, percayai dulu "
            f"(kemitraan exchange trust '{path}').")
    to = pkg.manifest.get("to") or ""
    if to and to != me:
        raise ValidationError(f"Berkas '{path.name}' ditujukan untuk kantor lain, bukan kantor ini.")
    seq, base = int(pkg.manifest["seq"]), int(pkg.manifest.get("base", 0))
    received = partner["received_seq"]
    result = Received(pkg.office, name, seq, applied=False)
    if seq <= received:
        result.already = True
        return result
    if base not in (0, received):
        raise ValidationError(
            f"Berkas '{path.name}' (no. {seq}) melanjutkan berkas no. {base} dari {name}, yang "
            f"belum diterima di sini (terakhir no. {received}). Minta {name} mengirim berkas "
            "lengkap (kemitraan exchange export --full).")
    pkg = package.read_changeset(path, pkg)  # from a trusted office, in its place: unpacked now
    with tempfile.TemporaryDirectory(prefix="kemitraan-terima-") as tmp:
        local = projection.build(db, Path(tmp) / "di-sini.db", me, include_nik=True,
                                 every_person=True, regions=_regions(db, me))
        applied = _apply(path, local, pkg, me, db)
        applied.proposals += [p for p in pkg.manifest.get("proposals", [])
                              if p.get("owner") == me and _proposal_shape(p)]  # to us, the owner
        changed = _changed_rows(applied.net)
        screened, held = materialize.screen(local, changed)
        applied.conflicts += screened
        result.proposals, result.conflicts = applied.proposals, applied.conflicts
        result.aliases = len(applied.aliases)
        result.counts = _tally(changed)
        if dry_run:
            return result
        if getattr(db, "read_only_reason", None):  # before the backup: nothing onto a share
            raise StorageError(f"Berkas tidak diterima: {db.read_only_reason}")
        source = db_file(db)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        result.backup = backup(db, source.parent / "cadangan" / f"{source.stem}-pra-terima-{stamp}.db")
        with db.atomic():
            # the same file received by another program meanwhile (both read the number first)
            now = db.execute("SELECT received_seq FROM partner_offices WHERE office = ?",
                             [pkg.office]).fetchone()
            if now and now[0] >= seq:
                result.already = True
                return result
            owner = None if pkg.office == me else pkg.office
            materialize.join_aliases(db, applied.aliases, owner)
            result.counts = materialize.write(db, local, changed, me, held)
            for proposal in applied.proposals:
                db.execute("INSERT INTO exchange_proposals (office, kind, uuid, label, field, ours, "
                           "theirs) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           [pkg.office, proposal["table"], proposal["uuid"], name,
                            proposal["field"], _text(proposal["ours"]), _text(proposal["theirs"])])
            db.execute("UPDATE partner_offices SET received_seq = ?, last_received = ? WHERE office = ?",
                       [seq, dt.datetime.now().isoformat(timespec="seconds"), pkg.office])
            db.execute("INSERT INTO exchange_log (direction, office, seq, file, counts, conflicts) "
                       "VALUES ('terima', ?, ?, ?, ?, ?)",
                       [pkg.office, seq, path.name, json.dumps(result.counts),
                        json.dumps(applied.conflicts, ensure_ascii=False, default=str)])
    result.applied = True
    return result


def _apply(path: Path, local: Path, pkg, me: str, db: Database) -> changes.Applied:
    """The changeset applied to our projection; a changeset SQLite cannot read (signed, yet
    damaged) is a damaged file, not a fault of the program."""
    import apsw

    try:
        return changes.apply(local, pkg.changeset, pkg.office, me,
                             _region_code(pkg.manifest.get("office_region")),
                             _region_code(office_profile.load_profile(db).region))
    except (apsw.CorruptError, apsw.FormatError, apsw.MismatchError, apsw.RangeError,
            apsw.SchemaChangeError, apsw.ConstraintError, apsw.SQLError, ValueError,
            TypeError, IndexError, KeyError) as exc:
        raise package.InputFileError(f"Berkas '{path.name}' rusak: isi perubahannya tidak dapat dibaca "
                             "(walau tanda tangannya sah). Minta kantor pengirim mengirim "
                             "ulang; tidak ada yang diubah.", technical=repr(exc)) from None


def _proposal_shape(proposal) -> bool:
    return isinstance(proposal, dict) and all(
        isinstance(proposal.get(k), str) for k in ("table", "uuid", "field"))


def _region_code(name: str | None) -> str | None:
    """'Kota Pekalongan' -> '33.75'; 'Provinsi Gorontalo' -> '75'."""
    from ..regions import all_regions

    if not name:
        return None
    wanted = name.casefold().removeprefix("provinsi ").strip()
    return next((r.code for r in all_regions() if r.name.casefold() == wanted), None)


def _text(value) -> str | None:
    return None if value is None else str(value)


def _tally(changed: list[tuple[str, str, tuple]]) -> dict[str, dict[str, int]]:
    """table -> {"baru", "berubah", "dihapus"}, as changes.summarize says it."""
    names = {"INSERT": "baru", "UPDATE": "berubah", "DELETE": "dihapus"}
    found: dict[str, dict[str, int]] = {}
    for table, op, _key in changed:
        per = found.setdefault(table, {"baru": 0, "berubah": 0, "dihapus": 0})
        per[names[op]] += 1
    return found


def _changed_rows(net: bytes) -> list[tuple[str, str, tuple]]:
    import apsw

    return [(c.name, c.op, tuple((c.old or c.new)[i] for i in c.pk_columns))
            for c in apsw.Changeset.iter(net)]


def log(db: Database) -> list[dict]:
    names = {p["office"]: p["name"] for p in partners(db)}
    rows = db.execute("SELECT at, direction, office, seq, file, counts, conflicts FROM exchange_log "
                      "ORDER BY id").fetchall()
    return [{"at": at, "direction": d, "office": names.get(o, o), "seq": s, "file": f,
             "counts": json.loads(c), "conflicts": json.loads(k)} for at, d, o, s, f, c, k in rows]


def proposals(db: Database, status: str | None = "menunggu") -> list[dict]:
    sql = "SELECT id, at, label, kind, uuid, field, ours, theirs, status FROM exchange_proposals"
    rows = db.execute(sql + (" WHERE status = ?" if status else "") + " ORDER BY id",
                      [status] if status else []).fetchall()
    found = [dict(zip(("id", "at", "office", "kind", "uuid", "field", "ours", "theirs", "status"),
                      r, strict=True)) for r in rows]
    for row in found:  # our value is the one in this database now, not the one the file named
        kind, table = _TARGET.get(row["kind"], (None, None))
        target = materialize.local_id(db, kind, row["uuid"]) if kind else None
        if target is not None and row["field"] in _SIMPLE:
            current = db.execute(f"SELECT {row['field']} FROM {table} WHERE id = ?",
                                 [target]).fetchone()
            row["ours"] = _text(current[0]) if current else None
    return found


_TARGET = {"people": ("person", "people"), "programs": ("program", "programs"),
           "participants": ("participant", "participants"),
           "activities": ("activity", "activities"), "items": ("item", "rundown_items"),
           "certificates": ("certificate", "certificates")}
_SIMPLE = {"full_name", "gender", "birth_place", "birth_date", "position", "jenjang", "subject",
           "rank", "golongan", "employment", "functional_position", "extra_duty", "phone",
           "email", "name", "year", "stage", "title", "start_date", "end_date", "venue", "host",
           "description", "place", "pic", "jp", "tier"}


def decide(db: Database, proposal_id: int, accept: bool) -> dict:
    """The owner accepts a proposal (its value is written here, and travels as the owner's
    next change) or refuses it (nothing changes)."""
    found = next((p for p in proposals(db, None) if p["id"] == proposal_id), None)
    if found is None:
        raise KemitraanError(f"Usulan no. {proposal_id} tidak ada.")
    if found["status"] != "menunggu":
        raise ValidationError(f"Usulan no. {proposal_id} sudah {found['status']}.")
    with db.atomic():
        if accept:
            kind, table = _TARGET.get(found["kind"], (None, None))
            target = materialize.local_id(db, kind, found["uuid"]) if kind else None
            if target is None or found["field"] not in _SIMPLE:
                raise ValidationError(f"Usulan no. {proposal_id} ({found['field']}) tidak dapat "
                                      "diterapkan otomatis; ubah datanya sendiri lalu tolak usulan ini.")
            value = _checked(proposal_id, table, found["field"], found["theirs"])
            try:
                db.execute(f"UPDATE {table} SET {found['field']} = ? WHERE id = ?", [value, target])
            except sqlite3.IntegrityError as exc:
                raise ValidationError(f"Usulan no. {proposal_id} tidak dapat diterima: nilai "
                                      f"{found['field']} '{value}' tidak memenuhi aturan data di "
                                      "sini; tidak ada yang diubah.", technical=repr(exc)) from None
            if table == "people" and found["field"] == "full_name":
                from ..indonesia import name_key
                db.execute("UPDATE people SET name_key = ? WHERE id = ?", [name_key(value), target])
        db.execute("UPDATE exchange_proposals SET status = ? WHERE id = ?",
                   ["diterima" if accept else "ditolak", proposal_id])
    return {**found, "status": "diterima" if accept else "ditolak"}


_REQUIRED = {"name", "title", "description"}


def _checked(proposal_id: int, table: str, field: str, value):
    """The proposed value as our own forms would store it, or ValidationError saying why not."""
    from .. import indonesia as ind
    from ..people import CLEANERS, clean_text

    try:
        if value is None or str(value).strip() == "":
            if field in _REQUIRED or field == "full_name":
                raise ValueError("kosong")
            return None
        if table == "people" and field in CLEANERS:
            return CLEANERS[field](value)
        if field in ("start_date", "end_date"):
            return ind.parse_date(value).isoformat()
        if field == "jp":
            number = ind.parse_number(value)
            if not 0 <= number <= 24:
                raise ValueError("JP harus antara 0 dan 24")
            return number
        if field == "year":
            year = int(ind.parse_number(value))
            if not 2000 <= year <= 2100:
                raise ValueError("tahun harus antara 2000 dan 2100")
            return year
        if field == "tier":
            if str(value).strip() not in ("1", "2", "3"):
                raise ValueError("tingkat harus 1, 2 atau 3")
            return int(str(value).strip())
        text = clean_text(value)
        if field in _REQUIRED and not ind.has_visible_letter(text):
            raise ValueError("tidak berisi huruf yang terlihat")
        return text
    except (ValueError, TypeError) as exc:
        raise ValidationError(f"Usulan no. {proposal_id} tidak dapat diterima: {field} "
                              f"'{value}' ditolak ({exc}); tidak ada yang diubah. Tolak usulan "
                              "ini (--refuse) atau ubah datanya sendiri.") from None
