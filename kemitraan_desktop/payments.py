"""The money an activity pays out (the SPJ's daftar penerimaan): the rupiah rates per role
and item, kept per activity; typed amounts read as offices write them; PPh 21 on
honorarium by golongan; and each person's row (transport, uang harian, honorarium, tax,
what they receive)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlite_utils import Database

from . import activities as act
from .errors import ValidationError
from .office import Signatory

ITEMS = ("transport", "harian", "honorarium")
ITEM_LABELS = {"transport": "uang transport", "harian": "uang harian",
               "honorarium": "honorarium"}
STAFF_ORDER = ("panitia", "narasumber")  # after the participants, as the lists are kept
MAX_AMOUNT = 10 ** 12  # a typing slip, not a rate

Rates = dict[str, dict[str, int]]


# ---------------------------------------------------------------- roles and rates

def roles(db: Database, activity_id: int) -> list[str]:
    """The roles present in the activity, in the order the list prints them: the program's
    tier labels of its participants (tier order), then panitia and narasumber."""
    activity = act.get_activity(db, activity_id)
    from .programs import get_program

    program = get_program(db, activity.program_id)
    tiers = [r[0] for r in db.execute(
        "SELECT DISTINCT t.tier FROM activity_participants x JOIN participants t "
        "ON t.id = x.participant_id WHERE x.activity_id = ? ORDER BY t.tier", [activity_id])]
    staff = {r[0] for r in db.execute(
        "SELECT DISTINCT role FROM activity_staff WHERE activity_id = ?", [activity_id])}
    return [program.label(t) for t in tiers] + [r for r in STAFF_ORDER if r in staff]


def role_label(role: str) -> str:
    """How a role prints: "Mitra 1" stays, "panitia" -> "Panitia"."""
    return act.STAFF_ROLES.get(role, role)


def match_role(text: str, known: Iterable[str]) -> str:
    """The activity's role `text` names (any case, spaces squeezed); refused naming the
    roles that exist."""
    known = list(known)
    wanted = " ".join(str(text).split()).casefold()
    for role in known:
        if role.casefold() == wanted:
            return role
    listed = ", ".join(f"'{r}'" for r in known) or "belum ada (kegiatan tanpa peserta dan panitia)"
    raise ValidationError(f"Peran '{text.strip()}' tidak ada di kegiatan ini. Peran yang ada: "
                          f"{listed}.")


def load_rates(db: Database, activity_id: int) -> Rates:
    """role -> item -> whole rupiah, as saved for the activity (items never set are absent)."""
    rates: Rates = {}
    for role, item, amount in db.execute(
            "SELECT role, item, amount FROM activity_payment_rates WHERE activity_id = ? "
            "ORDER BY role, item", [activity_id]):
        rates.setdefault(role, {})[item] = int(amount)
    return rates


def save_rates(db: Database, activity_id: int, rates: Mapping[str, Mapping[str, object]]) -> Rates:
    """Replace the activity's rates with `rates` (role -> item -> amount, amounts as int or
    as typed text), in one transaction. Roles are matched to the activity's; amounts must
    be whole rupiah, 0 or more. Zeros are not stored. Returns what was stored."""
    known = roles(db, activity_id)
    clean: Rates = {}
    problems = []
    for role_text, items in rates.items():
        try:
            role = match_role(role_text, known)
        except ValidationError as exc:
            problems.append(exc.message)
            continue
        for item, value in items.items():
            if item not in ITEMS:
                problems.append(f"Jenis pembayaran '{item}' tidak dikenal; pilih transport, "
                                f"harian atau honorarium.")
                continue
            try:
                amount = value if isinstance(value, int) and not isinstance(value, bool) \
                    else parse_amount(value)
                amount = _checked(amount)
            except ValidationError as exc:
                problems.append(f"{role_label(role)}, {ITEM_LABELS[item]}: {exc.message}")
                continue
            if amount:
                clean.setdefault(role, {})[item] = amount
    if problems:
        raise ValidationError("Tarif tidak disimpan: " + problems[0], details=problems)
    with db.atomic():
        db.execute("DELETE FROM activity_payment_rates WHERE activity_id = ?", [activity_id])
        db.conn.executemany(
            "INSERT INTO activity_payment_rates (activity_id, role, item, amount) "
            "VALUES (?, ?, ?, ?)",
            [(activity_id, role, item, amount) for role, items in clean.items()
             for item, amount in items.items()])
    return clean


def _checked(amount: int) -> int:
    if amount < 0:
        raise ValidationError(f"jumlah uang tidak boleh negatif ({amount}).")
    if amount >= MAX_AMOUNT:
        raise ValidationError("jumlah itu terlalu besar untuk satu orang; periksa angkanya.")
    return amount


_SCALE_WORDS = {"rb": 1000, "ribu": 1000, "k": 1000, "jt": 10 ** 6, "juta": 10 ** 6}
_PLAIN = re.compile(r"^\d{1,3}(?:\.\d{3})+$|^\d+$")
_SCALED = re.compile(r"^(\d+)(?:[.,](\d+))?\s*(rb|ribu|k|jt|juta)$")


def parse_amount(text: object) -> int:
    """Whole rupiah as offices type them: `1500000`, `1.500.000`, `Rp 1.500.000`,
    `Rp1.500.000,00`, `1.500.000,-`, `1,5 juta`, `150 ribu`, `150rb`. Empty is 0. A comma
    or dot with sen (`1.500,50`) and anything that is not an amount are refused."""
    if isinstance(text, bool):
        raise ValidationError(f"'{text}' bukan jumlah rupiah.")
    if isinstance(text, int):
        return _checked(text)
    raw = str(text if text is not None else "")
    value = re.sub(r"\s+", "", raw).lower()
    value = re.sub(r"^rp\.?", "", value)
    value = re.sub(r"(,-|,00|\.-|,00,-)$", "", value)
    if value in ("", "-"):
        return 0
    if value.startswith("-"):
        raise ValidationError(f"Jumlah uang tidak boleh negatif ('{raw.strip()}').")
    if _PLAIN.match(value):
        return _checked(int(value.replace(".", "")))
    scaled = _SCALED.match(value)
    if scaled:
        whole, fraction, word = scaled.groups()
        scale, fraction = _SCALE_WORDS[word], fraction or ""
        sen = int(fraction or 0) * scale
        if sen % 10 ** len(fraction):
            raise ValidationError(f"'{raw.strip()}' bukan jumlah rupiah bulat.")
        return _checked(int(whole) * scale + sen // 10 ** len(fraction))
    raise ValidationError(f"'{raw.strip()}' bukan jumlah rupiah; tulis misalnya 1.500.000 "
                          f"atau 1,5 juta.")


# ---------------------------------------------------------------- the treasurer

_TREASURER_KEYS = ("name", "rank", "nip")


def load_treasurer(db: Database) -> Signatory:
    """The Bendahara Pengeluaran who signs the list (kept in settings, `payments.treasurer_*`);
    an empty name leaves a line to write it by hand."""
    stored = dict(db.execute("SELECT key, value FROM settings WHERE key LIKE "
                             "'payments.treasurer_%'").fetchall())
    values = {k: stored.get(f"payments.treasurer_{k}", "") or "" for k in _TREASURER_KEYS}
    return Signatory(position="Bendahara Pengeluaran", **values)


def save_treasurer(db: Database, treasurer: Signatory) -> None:
    from . import indonesia as ind

    nip = treasurer.nip.strip()
    if nip:
        try:
            nip = ind.validate_nip(nip)
        except ValueError as exc:
            raise ValidationError(f"NIP Bendahara Pengeluaran: {exc}.") from None
    values = {"name": treasurer.name.strip(), "rank": treasurer.rank.strip(), "nip": nip}
    with db.atomic():
        db.conn.executemany("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                            [(f"payments.treasurer_{k}", v) for k, v in values.items()])


# ---------------------------------------------------------------- tax and rows

def pph_rate(golongan: str | None, nip: str | None) -> tuple[int, str]:
    """PPh 21 on an honorarium, in basis points (1/100 %), and why. PNS (PMK
    262/PMK.03/2010, final): golongan I and II 0 %, III 5 %, IV 15 %. PPPK (PP 58/2023):
    I-IV 0 %, V-XII 5 %, XIII-XVII 15 %. Not a civil servant: 50 % of the gross at 5 %
    (PPh 21 bukan pegawai), 2,5 %. A NIP without a recorded golongan counts as III (5 %)."""
    gol = (golongan or "").strip().upper()
    if "/" in gol:
        head = gol.split("/")[0]
        rate = {"I": 0, "II": 0, "III": 500, "IV": 1500}.get(head)
        if rate is not None:
            return rate, f"PNS gol. {head}"
    pppk = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
            "XIV", "XV", "XVI", "XVII")
    if gol in pppk:
        rank = pppk.index(gol) + 1
        return (0 if rank <= 4 else 500 if rank <= 12 else 1500), f"PPPK gol. {gol}"
    if nip:
        return 500, "PNS, golongan belum tercatat"
    return 250, "bukan PNS"


@dataclass(frozen=True)
class Payee:
    """Someone the list pays: a participant (role = the program's tier label) or a member
    of the committee or a speaker (role panitia/narasumber)."""

    name: str
    role: str
    nip: str = ""
    golongan: str = ""
    unit: str = ""  # school, or the staff member's position and institution
    days: int = 0  # the days they are paid uang harian for
    absent: bool = False  # attendance was taken and they came on none of the days


@dataclass(frozen=True)
class PaymentRow:
    payee: Payee
    transport: int
    daily_rate: int
    harian: int
    honorarium: int
    pph_bp: int
    pph: int

    @property
    def gross(self) -> int:
        return self.transport + self.harian + self.honorarium

    @property
    def net(self) -> int:
        return self.gross - self.pph

    @property
    def pph_percent(self) -> str:
        return f"{self.pph_bp / 100:g}".replace(".", ",") + "%"


def payment_rows(payees: Iterable[Payee], rates: Mapping[str, Mapping[str, int]]) -> list[PaymentRow]:
    """Each payee's amounts: transport once, uang harian per day paid, honorarium once, PPh
    21 on the honorarium (rounded down to the rupiah). Someone absent throughout is paid
    nothing."""
    rows = []
    for payee in payees:
        rate = rates.get(payee.role, {})
        transport, daily, honorarium = (0 if payee.absent else int(rate.get(item, 0))
                                        for item in ITEMS)
        bp = pph_rate(payee.golongan, payee.nip)[0] if honorarium else 0
        rows.append(PaymentRow(payee, transport, daily, daily * payee.days, honorarium, bp,
                               honorarium * bp // 10000))
    return rows


@dataclass(frozen=True)
class Totals:
    transport: int
    harian: int
    honorarium: int
    gross: int
    pph: int
    net: int


def totals(rows: Iterable[PaymentRow]) -> Totals:
    rows = list(rows)
    return Totals(*(sum(getattr(r, f) for r in rows)
                    for f in ("transport", "harian", "honorarium", "gross", "pph", "net")))


def items_used(rows: Iterable[PaymentRow]) -> list[str]:
    """The items anyone is paid, in form order: the columns the list needs."""
    rows = list(rows)
    return [item for item, field in zip(ITEMS, ("transport", "harian", "honorarium"), strict=True)
            if any(getattr(r, field) for r in rows)]


def list_title(items: Iterable[str]) -> str:
    """"Daftar Penerimaan Uang Transport dan Uang Harian", after the items paid."""
    words = {"transport": "Uang Transport", "harian": "Uang Harian", "honorarium": "Honorarium"}
    names = [words[i] for i in items] or ["Uang Transport"]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " dan " + names[-1]
    return f"Daftar Penerimaan {joined}"
