"""Certificates: the numbering pattern, the register (issue, void, re-issue), the
certificate template and printer offsets, and offline verification with Ed25519."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass

from . import indonesia as ind
from .errors import NotFoundError, ValidationError

DEFAULT_PATTERN = "421.3/{no:03}/DINDIK/{bulan_romawi}/{tahun}"
TOKENS = {
    "no": "nomor urut (dengan nol di depan: {no:03})",
    "bulan_romawi": "bulan terbit dalam angka Romawi (IX)",
    "bulan": "bulan terbit dua angka (09)",
    "tahun": "tahun terbit (2018)",
}
_TOKEN = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class NumberPattern:
    text: str
    width: int  # zero padding of the running number (1: none)

    def render(self, number: int, issued: dt.date) -> str:
        """The certificate number: `421.3/007/DINDIK/IX/2018`."""
        if number < 1:
            raise ValidationError("Nomor urut sertifikat mulai dari 1.")
        values = {"bulan_romawi": ind.roman_month(issued.month), "bulan": f"{issued.month:02d}",
                  "tahun": str(issued.year)}

        def token(match: re.Match) -> str:
            name = match[1].split(":")[0]
            return f"{number:0{self.width}d}" if name == "no" else values[name]
        return _TOKEN.sub(token, self.text)


def parse_pattern(text: str) -> NumberPattern:
    """Check a numbering pattern as the office typed it; every problem is named."""
    text = (text or "").strip()
    if not text:
        raise ValidationError("Pola nomor sertifikat wajib diisi, misalnya " + DEFAULT_PATTERN)
    if text.count("{") != text.count("}") or re.search(r"\{[^}]*\{|\}[^{]*\}", text.replace("}{", "} {")):
        raise ValidationError(f"Tanda kurung kurawal di pola '{text}' tidak berpasangan.")
    width, running = 1, 0
    for match in _TOKEN.finditer(text):
        name, _, fmt = match[1].partition(":")
        if name not in TOKENS:
            choices = ", ".join("{" + t + "}" for t in TOKENS)
            raise ValidationError(f"Penanda '{{{match[1]}}}' tidak dikenal; pilihannya: {choices}.")
        if name == "no":
            running += 1
            if fmt:
                if not re.fullmatch(r"0?[1-8]", fmt):
                    raise ValidationError(f"Format nomor '{{{match[1]}}}' tidak dikenal; tulis "
                                          "misalnya {no:03} untuk 001.")
                width = int(fmt)
        elif fmt:
            raise ValidationError(f"Penanda '{{{match[1]}}}' tidak memakai format.")
    if "{" in _TOKEN.sub("", text) or "}" in _TOKEN.sub("", text):
        raise ValidationError(f"Tanda kurung kurawal di pola '{text}' tidak berpasangan.")
    if running != 1:
        raise ValidationError("Pola harus memuat nomor urut {no} tepat satu kali"
                              + (f" (ada {running})." if running else "."))
    if "{tahun}" not in text:
        raise ValidationError("Pola harus memuat {tahun}: nomor urut mulai lagi dari 1 tiap tahun, "
                              "jadi tanpa tahun nomornya akan berulang.")
    if "\n" in text or len(text) > 120:
        raise ValidationError("Pola nomor satu baris, paling panjang 120 huruf.")
    return NumberPattern(text, width)


# ---------------------------------------------------------------- counters and the register

def get_pattern(db, program_id: int) -> NumberPattern:
    row = db.execute("SELECT value FROM settings WHERE key = ?",
                     [f"certificates.pattern.{program_id}"]).fetchone()
    return parse_pattern(row[0] if row else DEFAULT_PATTERN)


def set_pattern(db, program_id: int, text: str) -> NumberPattern:
    pattern = parse_pattern(text)
    with db.atomic():
        db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                   "SET value = excluded.value", [f"certificates.pattern.{program_id}", pattern.text])
    return pattern


def office_wide(db) -> bool:
    """True: one counter per year for the whole office; False: one per program and year."""
    row = db.execute("SELECT value FROM settings WHERE key = 'certificates.scope'").fetchone()
    return bool(row and row[0] == "office")


def set_office_wide(db, value: bool) -> None:
    with db.atomic():
        db.execute("INSERT INTO settings (key, value) VALUES ('certificates.scope', ?) ON CONFLICT "
                   "(key) DO UPDATE SET value = excluded.value", ["office" if value else "program"])


def _counter_key(db, program_id: int, year: int, office: bool | None = None) -> tuple[int, int]:
    return (0 if (office_wide(db) if office is None else office) else program_id, year)


def _last_number(db, program_id: int, year: int, office: bool | None = None) -> int:
    """The last running number given in this counter's scope and year: the counter, or the
    register when it holds a higher one (the scope was switched, or the counter is
    behind), so that a number is never given twice. `office` overrides the saved scope."""
    key = _counter_key(db, program_id, year, office)
    row = db.execute("SELECT last_number FROM certificate_counters WHERE program_id = ? AND year = ?",
                     list(key)).fetchone()
    scope, params = ("", [str(year)]) if key[0] == 0 else (" AND program_id = ?", [str(year), program_id])
    used = db.execute("SELECT max(running) FROM certificates WHERE substr(issued_on, 1, 4) = ?"
                      + scope, params).fetchone()[0]
    return max(row[0] if row else 0, used or 0)


def _taken(db, numbers: list[str]) -> dict[str, str]:
    """Numbers among `numbers` already in the register -> the program holding them."""
    taken = {}
    for start in range(0, len(numbers), 500):
        chunk = numbers[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for number, program in db.execute(
                f"SELECT c.number, p.name || ' (' || p.year || ')' FROM certificates c JOIN programs p "
                f"ON p.id = c.program_id WHERE c.number IN ({marks})", chunk):
            taken[number] = program
    return taken


def _collision_error(number: str, program: str) -> ValidationError:
    return ValidationError(
        f"Nomor {number} sudah dipakai sertifikat program {program}. Beri program ini pola nomor "
        "sendiri (Sertifikat > Penomoran & templat), atau pakai satu nomor urut untuk seluruh "
        "dinas.")


def next_number(db, program_id: int, issued: dt.date, pattern: NumberPattern,
                office: bool | None = None) -> str:
    """The number the next certificate would get: for the settings' preview of a pattern
    and a counter scope not saved yet."""
    return pattern.render(_last_number(db, program_id, issued.year, office) + 1, issued)


@dataclass
class Planned:
    participant: dict
    number: str
    running: int
    jp: float


@dataclass
class IssuePlan:
    activity_id: int
    issued_on: dt.date
    planned: list[Planned]
    refused: list[tuple[dict, str]]  # participant, why no certificate
    already: list[dict]  # participants who hold a valid certificate of this activity
    problem: str = ""  # why nothing can be issued as planned (a number already taken)


def plan_issue(db, activity_id: int, issued_on: dt.date) -> IssuePlan:
    """Who gets a certificate of the activity and under which number (nothing written): the
    eligible participants (attendance recap) without a valid one yet, numbered in order."""
    from . import activities, attendance

    activity = activities.get_activity(db, activity_id)
    pattern = get_pattern(db, activity.program_id)
    _sessions, rows = attendance.recap(db, activity_id)
    holding = {r[0] for r in db.execute(
        "SELECT participant_id FROM certificates WHERE activity_id = ? AND voided_at IS NULL",
        [activity_id])}
    last = _last_number(db, activity.program_id, issued_on.year)
    plan = IssuePlan(activity_id, issued_on, [], [], [])
    for row in rows:
        person = row.participant
        if person["id"] in holding:
            plan.already.append(person)
        elif not row.eligible:
            plan.refused.append((person, "; ".join(row.reasons)))
        elif person["left_roster"]:
            plan.refused.append((person, "tidak ada lagi di daftar guru"))
        else:
            last += 1
            plan.planned.append(Planned(person, pattern.render(last, issued_on), last, row.jp))
    taken = _taken(db, [item.number for item in plan.planned])
    if taken:
        number = next(iter(taken))
        plan.problem = str(_collision_error(number, taken[number]))
    return plan


def _sealed(db, activity_id: int, person: dict, number: str, jp: float,
            issued_on: dt.date) -> tuple[dict, str]:
    """A certificate's frozen data and its signed QR text."""
    data = _frozen(db, activity_id, person, jp)
    return data, signed_text(db, number, data["name"], data["nip"] or data["nuptk"] or "", jp,
                             issued_on.isoformat())


def _frozen(db, activity_id: int, person: dict, jp: float) -> dict:
    """What the certificate prints, as it is today: later roster edits never change it."""
    from . import activities, office, programs

    activity = activities.get_activity(db, activity_id)
    program = programs.get_program(db, activity.program_id)
    profile = office.load_profile(db)
    return {
        "name": person["name"], "nuptk": person["nuptk"], "nip": person["nip"],
        "school": person["school"], "region": person["region"], "rank": person.get("rank"),
        "tier": person["tier"], "tier_label": person["tier_label"], "subject": person["subject"],
        "program": program.name, "program_year": program.year, "activity": activity.title,
        "kind": activity.kind_label, "start": activity.start.isoformat(),
        "end": activity.end.isoformat(), "place": activity.venue,
        "city": activities.region_name(db, activity.region_code), "jp": jp,
        "signatories": [{"name": s.name, "position": s.position, "rank": s.rank, "nip": s.nip}
                        for s in (profile.head, profile.second) if s.name],
        "structure": structure(db, activity_id),
    }


def structure(db, activity_id: int) -> list[list]:
    """'Struktur Program' for the back page: each rundown subject with JP, once (parallel
    sessions at several host schools count once), in rundown order."""
    from . import activities

    seen, rows = set(), []
    for item in activities.list_items(db, activity_id):
        key = (item.day, item.start, item.description)
        if item.jp and key not in seen:
            seen.add(key)
            rows.append([item.description, item.jp])
    return rows


def issue(db, activity_id: int, issued_on: dt.date) -> list[int]:
    """Issue the planned certificates in one transaction; returns their register ids.
    The counter moves past every number given, so no number is ever given twice."""
    try:
        return _issue(db, activity_id, issued_on)
    except sqlite3.IntegrityError as exc:  # the register's UNIQUE number: never a raw error
        raise ValidationError("Nomor sertifikat bentrok dengan nomor yang sudah ada; tidak ada yang "
                              "diterbitkan. Periksa pola nomor program ini.") from exc


def _issue(db, activity_id: int, issued_on: dt.date) -> list[int]:
    import json

    from . import activities

    activity = activities.get_activity(db, activity_id)
    with db.atomic():
        plan = plan_issue(db, activity_id, issued_on)  # inside the transaction: no race
        if plan.problem:
            raise ValidationError(plan.problem)
        ids = []
        for item in plan.planned:
            data, code = _sealed(db, activity_id, item.participant, item.number, item.jp, issued_on)
            ids.append(db.execute(
                "INSERT INTO certificates (number, running, program_id, activity_id, participant_id,"
                " issued_on, jp, data, verification) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [item.number, item.running, activity.program_id, activity_id,
                 item.participant["id"], issued_on.isoformat(), item.jp,
                 json.dumps(data, ensure_ascii=False), code]).lastrowid)
        if plan.planned:
            key = _counter_key(db, activity.program_id, issued_on.year)
            db.execute("INSERT INTO certificate_counters (program_id, year, last_number) VALUES "
                       "(?, ?, ?) ON CONFLICT (program_id, year) DO UPDATE SET last_number = "
                       "excluded.last_number", [*key, plan.planned[-1].running])
    return ids


def register(db, *, program_id: int | None = None, activity_id: int | None = None) -> list[dict]:
    """The register, oldest first: number, status, frozen data."""
    import json

    where, params = [], []
    if program_id is not None:
        where.append("program_id = ?")
        params.append(program_id)
    if activity_id is not None:
        where.append("activity_id = ?")
        params.append(activity_id)
    sql = ("SELECT id, number, issued_on, jp, data, void_reason, voided_at, replaces_id, "
           "verification, activity_id, participant_id FROM certificates"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id")
    rows = [{"id": r[0], "number": r[1], "issued_on": r[2], "jp": r[3], **json.loads(r[4]),
             "void_reason": r[5], "voided": r[6] is not None, "replaces": r[7], "verification": r[8],
             "activity_id": r[9], "participant_id": r[10]}
            for r in db.execute(sql, params)]
    replaced = {row["replaces"] for row in rows if row["replaces"]}
    if replaced:
        marks = ",".join("?" * len(replaced))
        numbers = dict(db.execute(f"SELECT id, number FROM certificates WHERE id IN ({marks})",
                                  list(replaced)).fetchall())
        for row in rows:
            row["replaces_number"] = numbers.get(row["replaces"])
    return rows


def void(db, number: str, reason: str) -> None:
    """Mark a certificate void; its number stays taken."""
    if not reason or not reason.strip():
        raise ValidationError("Tuliskan alasan pembatalan sertifikat.")
    row = db.execute("SELECT id, voided_at FROM certificates WHERE number = ?", [number]).fetchone()
    if row is None:
        raise NotFoundError(f"Sertifikat nomor {number} tidak ada di register.")
    if row[1] is not None:
        raise ValidationError(f"Sertifikat nomor {number} sudah dibatalkan.")
    with db.atomic():
        db.execute("UPDATE certificates SET void_reason = ?, voided_at = strftime('%Y-%m-%dT%H:%M:%S',"
                   " 'now', 'localtime') WHERE id = ?", [reason.strip(), row[0]])


def reissue(db, number: str, issued_on: dt.date) -> int:
    """A new certificate (next number, today's data) for a voided one; it names the old one."""
    try:
        return _reissue(db, number, issued_on)
    except sqlite3.IntegrityError as exc:
        raise ValidationError("Nomor sertifikat pengganti bentrok dengan nomor yang sudah ada; "
                              "tidak ada yang diterbitkan.") from exc


def _reissue(db, number: str, issued_on: dt.date) -> int:
    import json

    from . import activities

    row = db.execute("SELECT id, activity_id, participant_id, voided_at, program_id FROM certificates"
                     " WHERE number = ?", [number]).fetchone()
    if row is None:
        raise NotFoundError(f"Sertifikat nomor {number} tidak ada di register.")
    old_id, activity_id, participant_id, voided_at, program_id = row
    if voided_at is None:
        raise ValidationError(f"Batalkan dulu sertifikat nomor {number} sebelum menerbitkan gantinya.")
    if activity_id is None or participant_id is None:
        raise ValidationError("Kegiatan atau peserta sertifikat lama sudah dihapus; tidak dapat "
                              "diterbitkan ulang.")
    replacement = db.execute("SELECT number FROM certificates WHERE replaces_id = ?", [old_id]).fetchone()
    if replacement:
        raise ValidationError(f"Sertifikat {number} sudah diganti dengan nomor {replacement[0]}.")
    holding = db.execute("SELECT number FROM certificates WHERE activity_id = ? AND participant_id = ?"
                         " AND voided_at IS NULL", [activity_id, participant_id]).fetchone()
    if holding:
        raise ValidationError(f"Peserta ini sudah memegang sertifikat berlaku nomor {holding[0]} "
                              "untuk kegiatan yang sama.")
    person = next((p for p in activities.activity_participants(db, activity_id)
                   if p["id"] == participant_id), None)
    if person is None:
        raise ValidationError("Peserta sertifikat lama tidak lagi ikut kegiatan itu.")
    with db.atomic():
        running = _last_number(db, program_id, issued_on.year) + 1
        new_number = get_pattern(db, program_id).render(running, issued_on)
        taken = _taken(db, [new_number])
        if taken:
            raise _collision_error(new_number, taken[new_number])
        jp = db.execute("SELECT jp FROM certificates WHERE id = ?", [old_id]).fetchone()[0]
        data, code = _sealed(db, activity_id, person, new_number, jp, issued_on)
        new_id = db.execute(
            "INSERT INTO certificates (number, running, program_id, activity_id, participant_id, "
            "issued_on, jp, data, replaces_id, verification) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [new_number, running, program_id, activity_id, participant_id, issued_on.isoformat(), jp,
             json.dumps(data, ensure_ascii=False), old_id, code]).lastrowid
        key = _counter_key(db, program_id, issued_on.year)
        db.execute("INSERT INTO certificate_counters (program_id, year, last_number) VALUES (?, ?, ?)"
                   " ON CONFLICT (program_id, year) DO UPDATE SET last_number = excluded.last_number",
                   [*key, running])
    return new_id


# ---------------------------------------------------------------- template and printers

BACKGROUND_MAX_BYTES = 8_000_000
CALIBRATION_MM = 20.0  # the test page's lines stand this far from the left and top edges
OFFSET_LIMIT_MM = 30.0


@dataclass
class Template:
    """How the certificate is drawn. `background`: the office's own design (PNG/JPG) over the
    whole page; `letterhead`: draw the kop surat (off when the design has its own);
    `signatories`: print the signature blocks; `blanko`: print only the variable text
    (number, name, ID, school, role, activity, dates, JP, issue date, QR) onto pre-printed
    paper."""
    background: bytes = b""
    letterhead: bool = True
    signatories: bool = True
    blanko: bool = False


def load_template(db) -> Template:
    import base64
    stored = dict(db.execute("SELECT key, value FROM settings WHERE key LIKE 'certificates.template.%'"))

    def flag(name: str, default: bool) -> bool:
        value = stored.get(f"certificates.template.{name}")
        return default if value is None else value == "1"
    background = stored.get("certificates.template.background")
    return Template(base64.b64decode(background) if background else b"", flag("letterhead", True),
                    flag("signatories", True), flag("blanko", False))


def check_background(data: bytes, name: str = "gambar") -> bytes:
    """A background must be a PNG or JPG of at most 8 MB that opens."""
    if not data:
        raise ValidationError(f"Berkas {name} kosong.")
    if len(data) > BACKGROUND_MAX_BYTES:
        raise ValidationError(f"Berkas {name} {len(data) / 1e6:.1f} MB; latar sertifikat paling "
                              "besar 8 MB (simpan ulang sebagai JPG).")
    if not data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        raise ValidationError(f"Berkas {name} bukan gambar PNG atau JPG.")
    import io

    from PIL import Image  # reportlab's own image library
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()  # decode it all: a truncated file fails here, not at printing
            width, height = image.size
    except Exception:  # noqa: BLE001 - any decoder error means the same to the office
        raise ValidationError(f"Berkas {name} rusak: gambarnya tidak dapat dibuka.") from None
    if width < 200 or height < 200:
        raise ValidationError(f"Gambar {name} terlalu kecil ({width} x {height} piksel); pakai "
                              "gambar selebar halaman, misalnya 3508 x 2480 piksel.")
    return data


def save_template(db, template: Template) -> Template:
    import base64
    if template.background:
        check_background(template.background)
    values = {"background": base64.b64encode(template.background).decode(),
              "letterhead": "1" if template.letterhead else "0",
              "signatories": "1" if template.signatories else "0",
              "blanko": "1" if template.blanko else "0"}
    with db.atomic():
        for name, value in values.items():
            _put(db, f"certificates.template.{name}", value)
    return template


def printer_offsets(db) -> dict[str, tuple[float, float]]:
    """Printer name -> (right, down) in mm, as calibrated."""
    offsets = {}
    for key, value in db.execute("SELECT key, value FROM settings WHERE key LIKE 'certificates.offset.%'"):
        try:
            dx, dy = (float(v) for v in value.split(","))
        except ValueError:
            continue
        offsets[key.removeprefix("certificates.offset.")] = (dx, dy)
    return offsets


def printer_offset(db, printer: str | None) -> tuple[float, float]:
    return printer_offsets(db).get((printer or "").strip(), (0.0, 0.0))


def forget_printer(db, printer: str) -> None:
    with db.atomic():
        db.execute("DELETE FROM settings WHERE key = ?", [f"certificates.offset.{printer}"])


def set_printer_offset(db, printer: str, right_mm: float, down_mm: float) -> None:
    printer = (printer or "").strip()
    if not printer:
        raise ValidationError("Pilih atau tulis nama printer yang dikalibrasi.")
    for value in (right_mm, down_mm):
        if abs(value) > OFFSET_LIMIT_MM:
            raise ValidationError(f"Geser {value:g} mm terlalu besar (paling banyak "
                                  f"{OFFSET_LIMIT_MM:g} mm); ukur ulang halaman uji.")
    with db.atomic():
        _put(db, f"certificates.offset.{printer}", f"{right_mm:g},{down_mm:g}")


def offset_from_measurement(left_mm: float, top_mm: float) -> tuple[float, float]:
    """The offset that puts the test page's lines where they belong: measured 23 mm from
    the left edge instead of 20 means the printer prints 3 mm too far right: -3."""
    return round(CALIBRATION_MM - left_mm, 1), round(CALIBRATION_MM - top_mm, 1)


def describe_offset(right_mm: float, down_mm: float) -> str:
    """'2,5 mm ke kiri, 1 mm ke bawah', as an office reads it; 'tanpa geser' for none."""
    def one(value: float, plus: str, minus: str) -> str:
        return f"{abs(value):g}".replace(".", ",") + f" mm ke {plus if value >= 0 else minus}"
    if not right_mm and not down_mm:
        return "tanpa geser"
    return f"{one(right_mm, 'kanan', 'kiri')}, {one(down_mm, 'bawah', 'atas')}"


def parse_offset(text: str) -> tuple[float, float]:
    """'-1.5,2' (mm right, mm down), as the CLI takes it."""
    try:
        dx, dy = (ind.parse_number(v) for v in text.replace(" ", "").split(";" if ";" in text else ","))
    except ValueError:
        raise ValidationError(f"Geser '{text}' tidak dikenali; tulis mm ke kanan dan ke bawah, "
                              "misalnya -1.5,2") from None
    for value in (dx, dy):
        if abs(value) > OFFSET_LIMIT_MM:
            raise ValidationError(f"Geser {value:g} mm terlalu besar (paling banyak {OFFSET_LIMIT_MM:g} mm).")
    return dx, dy


def preview_rows(db, plan: IssuePlan) -> list[dict]:
    """The planned certificates as the register will hold them (nothing written except the
    office key on its first use): for the preview before issuing."""
    rows = []
    for item in plan.planned:
        data, code = _sealed(db, plan.activity_id, item.participant, item.number, item.jp,
                             plan.issued_on)
        rows.append({"id": None, "number": item.number, "issued_on": plan.issued_on.isoformat(),
                     "jp": item.jp, **data, "void_reason": None, "voided": False,
                     "replaces": None, "verification": code, "activity_id": plan.activity_id})
    return rows


def known_keys(db) -> list[tuple[str, str]]:
    """Other offices' keys this office trusts: (key id, office name)."""
    return sorted((key.removeprefix("certificates.key."), value.split("|", 1)[1])
                  for key, value in db.execute(
                      "SELECT key, value FROM settings WHERE key LIKE 'certificates.key.%'"))


# ---------------------------------------------------------------- offline verification

SCHEME = "KMT1"


def _setting(db, key: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def _put(db, key: str, value: str) -> None:
    db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
               "value = excluded.value", [key, value])


def _private_key(db):
    """The office's Ed25519 key, made at first use and kept in the database."""
    import base64

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    stored = _setting(db, "certificates.private_key")
    if stored:
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(stored))
    key = Ed25519PrivateKey.generate()
    from cryptography.hazmat.primitives import serialization
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                            serialization.NoEncryption())
    with db.atomic():
        _put(db, "certificates.private_key", base64.b64encode(raw).decode())
    return key


def _raw_public(key) -> bytes:
    from cryptography.hazmat.primitives import serialization
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public: bytes) -> str:
    import hashlib
    return hashlib.sha256(public).hexdigest()[:8].upper()


def public_key_text(db) -> str:
    """What another office imports to verify this office's certificates: 'ID:base64'."""
    import base64
    public = _raw_public(_private_key(db))
    return f"{key_id(public)}:{base64.b64encode(public).decode()}"


def import_public_key(db, text: str, office_name: str) -> str:
    """Trust another office's certificates; returns its key id."""
    import base64
    try:
        kid, b64 = text.strip().split(":", 1)
        public = base64.b64decode(b64, validate=True)
    except ValueError:
        raise ValidationError("Kunci publik tidak dikenali; salin utuh teks 'ID:kunci' dari "
                              "kantor pengirim.") from None
    if len(public) != 32 or key_id(public) != kid.upper():
        raise ValidationError("Kunci publik rusak: ID dan isinya tidak cocok.")
    if public == _raw_public(_private_key(db)):
        raise ValidationError("Ini kunci publik dinas ini sendiri; yang diimpor adalah kunci kantor lain.")
    if not office_name.strip():
        raise ValidationError("Tuliskan nama kantor pemilik kunci.")
    with db.atomic():
        _put(db, f"certificates.key.{kid.upper()}", f"{b64}|{office_name.strip()}")
    return kid.upper()


def _clean(text: object) -> str:
    return " ".join(str(text or "").replace("|", "/").split())


def signed_text(db, number: str, name: str, ident: str, jp: float, issued: str) -> str:
    """The QR's text: the certificate's facts and the office's signature over them."""
    import base64
    key = _private_key(db)
    body = "|".join([SCHEME, key_id(_raw_public(key)), _clean(number), _clean(name), _clean(ident),
                     f"{jp:g}", issued])
    signature = base64.urlsafe_b64encode(key.sign(body.encode())).decode().rstrip("=")
    return f"{body}|{signature}"


@dataclass
class Verification:
    status: str  # valid | invalid | voided | unknown_key | not_found
    message: str
    certificate: dict | None = None

    @property
    def ok(self) -> bool:
        return self.status == "valid"


def verify(db, text: str) -> Verification:
    """Check a QR text (or a bare number of this office's register) with no internet."""
    import base64

    text = (text or "").strip()
    parts = text.split("|")
    if len(parts) != 8 or parts[0] != SCHEME:
        row = next((r for r in register(db) if r["number"] == text), None)
        if row is None:
            return Verification("not_found", f"'{text}' bukan teks QR sertifikat dan tidak ada di "
                                "register kantor ini.")
        if row["voided"]:
            return Verification("voided", f"Sertifikat {text} DIBATALKAN: {row['void_reason']}.", row)
        return Verification("valid", f"Sertifikat {text} ada di register dan berlaku: "
                            f"{row['name']}, {row['jp']:g} JP.", row)
    _scheme, kid, number, name, ident, jp, issued, signature = parts
    own = key_id(_raw_public(_private_key(db)))
    if kid == own:
        public = _raw_public(_private_key(db))
        office_name = "kantor ini"
    else:
        stored = _setting(db, f"certificates.key.{kid}")
        if not stored:
            return Verification("unknown_key", f"Sertifikat {number} ditandatangani kunci {kid} yang "
                                "belum dikenal; impor dulu kunci publik kantor penerbitnya.")
        b64, office_name = stored.split("|", 1)
        public = base64.b64decode(b64)
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    try:
        raw = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
        Ed25519PublicKey.from_public_bytes(public).verify(raw, "|".join(parts[:7]).encode())
    except (InvalidSignature, ValueError):
        return Verification("invalid", f"TIDAK SAH: isi sertifikat {number} tidak cocok dengan "
                            "tanda tangan digitalnya (ada yang diubah).")
    try:
        issued = ind.format_date(dt.date.fromisoformat(issued), with_weekday=False)
    except ValueError:
        pass  # signed as it stands; shown as it stands
    if kid == own:
        row = next((r for r in register(db) if r["number"] == number), None)
        if row is None:
            return Verification("invalid", f"TIDAK SAH: nomor {number} tidak ada di register.")
        if row["voided"]:
            return Verification("voided", f"Sertifikat {number} DIBATALKAN: {row['void_reason']}.", row)
        return Verification("valid", f"SAH: sertifikat {number} untuk {name}, {jp} JP, terbit "
                            f"{issued}, tercatat di register kantor ini.", row)
    return Verification("valid", f"SAH: sertifikat {number} untuk {name}, {jp} JP, terbit {issued}, "
                        f"ditandatangani {office_name}. Apakah sertifikat ini kemudian dibatalkan "
                        "hanya dapat dipastikan oleh kantor penerbitnya.")
