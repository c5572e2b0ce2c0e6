"""The words rosters use for a teacher's post, rank, status and subject, and names as
documents print them: each written form mapped to the one name the app keeps.

Dapodik, SIMPKB and Dinas sheets write the same thing many ways ("Penata Muda Tk. I,
III/b", "Guru Ahli Muda", "GTY/PTY", "Ilmu Pengetahuan Alam (IPA)"); pairing, lists and
certificates need one."""

from __future__ import annotations

import json
import re
from functools import lru_cache

from sqlite_utils import Database

from . import indonesia as ind

# What offices write in a cell for "none".
EMPTY_MARKS = frozenset({"-", "--", "---", "\u2013", "\u2014", "tidak ada", "tdk ada", "tidakada",
                         "belum ada", "n/a", "na", "nihil", "kosong", "(kosong)", "null"})


def is_empty_mark(text: str) -> bool:
    return len(text) <= 10 and text.strip().lower() in EMPTY_MARKS


_NOT_LETTER = re.compile(r"[^a-z]")


def letters(value: object) -> str:
    """The lower-case letters of a value: the key written forms are looked up by."""
    return _letters(value if value.__class__ is str else str(value or ""))


@lru_cache(maxsize=8192)
def _letters(text: str) -> str:
    return _NOT_LETTER.sub("", text.lower())


# ---------------------------------------------------------------- position (jabatan)

POSITIONS = {"guru": "Guru", "kepala sekolah": "Kepala Sekolah"}
_PRINCIPAL = {"kepalasekolah", "kepsek", "kasek", "ks", "kepala", "pltkepalasekolah",
              "plhkepalasekolah", "pjkepalasekolah", "gurudengantugastambahankepalasekolah",
              "kepalamadrasah", "kamad"}
_NOT_TEACHERS = ("tenagaadministrasi", "tendik", "tatausaha", "laboran", "pustakawan",
                 "tenagaperpustakaan", "tenagalaboratorium", "penjaga", "pesuruh", "satpam",
                 "pengawas", "operator")
_GURU_WORDS = {"g", "pendidik", "gtt", "gty", "honorer", "gurohonorer"}


def clean_position(value: object) -> str:
    """`Guru Mapel`, `Guru TIK`, `Guru Ahli Muda`, `GTY` -> guru; `Plt. Kepala Sekolah` ->
    kepala sekolah. Staff who do not teach are refused: the roster is of teachers."""
    key = letters(value)
    if key in _PRINCIPAL:
        return "kepala sekolah"
    if key.startswith("guru") or key in _GURU_WORDS or functional_position(value):
        return "guru"
    if key.startswith(_NOT_TEACHERS):
        raise ValueError(f"'{value}' bukan guru atau kepala sekolah; daftar guru hanya memuat "
                         "guru dan kepala sekolah (hapus baris ini)")
    raise ValueError(f"'{value}' bukan jabatan yang dikenal (isi Guru atau Kepala Sekolah)")


# Jabatan fungsional guru: Permenpan-RB 1/2023 (Ahli ...), 16/2009 and the older 1993 names.
FUNCTIONAL = (
    "Guru Ahli Pertama", "Guru Ahli Muda", "Guru Ahli Madya", "Guru Ahli Utama",
    "Guru Pertama", "Guru Muda", "Guru Madya", "Guru Utama",
    "Guru Pratama", "Guru Pratama Tingkat I", "Guru Muda Tingkat I", "Guru Dewasa",
    "Guru Dewasa Tingkat I", "Guru Pembina", "Guru Pembina Tingkat I", "Guru Utama Muda",
    "Guru Utama Madya",
)
_FUNCTIONAL = {letters(name): name for name in FUNCTIONAL}
_FUNCTIONAL.update({letters(name.replace("Tingkat I", "Tk I")): name
                    for name in FUNCTIONAL if "Tingkat" in name})


def functional_position(value: object) -> str | None:
    """The jabatan fungsional a cell names, or None."""
    return _FUNCTIONAL.get(letters(value))


def clean_functional(value: object) -> str:
    found = functional_position(value)
    if found is None:
        raise ValueError(f"'{value}' bukan jabatan fungsional guru (misalnya Guru Ahli Pertama, "
                         "Guru Ahli Muda, Guru Ahli Madya, Guru Ahli Utama)")
    return found


def clean_extra_duty(value: object) -> str:
    """Tugas tambahan as written, with the principal's duty spelled one way."""
    if letters(value) in _PRINCIPAL:
        return "Kepala Sekolah"
    return ind.normalize_name(value)


def is_principal_duty(duty: str | None) -> bool:
    return letters(duty) in _PRINCIPAL


# ---------------------------------------------------------------- status kepegawaian

EMPLOYMENT = ("PNS", "CPNS", "PPPK", "GTY", "GTT", "Honorer")


def clean_employment(value: object) -> str:
    """`PNS Diperbantukan` -> PNS, `GTY/PTY` -> GTY, `Guru Honor Sekolah` -> Honorer; a
    status none of these names is kept as written."""
    key = letters(value)
    if key.startswith("cpns") or key == "calonpns":
        return "CPNS"
    if key.startswith("pns") or key == "pegawainegerisipil":
        return "PNS"
    if key.startswith(("pppk", "ppk")) or key == "pegawaipemerintahdenganperjanjiankerja":
        return "PPPK"
    if key.startswith(("gty", "pty", "gurutetapyayasan")):
        return "GTY"
    if key.startswith(("gtt", "ptt", "gurutidaktetap")):
        return "GTT"
    if "honor" in key:
        return "Honorer"
    return ind.normalize_name(value)


# ---------------------------------------------------------------- pangkat and golongan

PANGKAT = {
    "I/a": "Juru Muda", "I/b": "Juru Muda Tingkat I", "I/c": "Juru", "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda", "II/b": "Pengatur Muda Tingkat I", "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda", "III/b": "Penata Muda Tingkat I", "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina", "IV/b": "Pembina Tingkat I", "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya", "IV/e": "Pembina Utama",
}
GOLONGAN_OF = {letters(pangkat): gol for gol, pangkat in PANGKAT.items()}
# PPPK golongan: I to XVII, without a pangkat.
_PPPK = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
         "XV", "XVI", "XVII")
_GOLONGAN = re.compile(r"\b(IV|III|II|I|[1-4])\s*[/\-.\s]?\s*([a-eA-E])\b")
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def _tingkat(text: str) -> str:
    return re.sub(r"\b(?:Tk|Tkt|Tingkat)\.?\s*(?:I|1)\b", "Tingkat I", text, flags=re.IGNORECASE)


def split_rank(value: object) -> tuple[str | None, str | None]:
    """`Penata Muda Tk. I, III/b` -> ('Penata Muda Tingkat I', 'III/b'); `III/a` ->
    (None, 'III/a'); `IX` (PPPK) -> (None, 'IX'); any other text -> (text, None)."""
    text = ind.normalize_name(value)
    if text.upper() in _PPPK:
        return None, text.upper()
    found = _GOLONGAN.search(text)
    golongan = None
    if found:
        roman = _ROMAN.get(found[1], found[1].upper())
        golongan = f"{roman}/{found[2].lower()}"
        text = (text[:found.start()] + text[found.end():]).strip(" ,/()-")
    if not text:
        return None, golongan
    pangkat = _tingkat(text)
    known = PANGKAT.get(GOLONGAN_OF.get(letters(pangkat), ""))
    return (known or pangkat), golongan


def clean_golongan(value: object) -> str:
    pangkat, golongan = split_rank(value)
    if golongan is None or (pangkat and GOLONGAN_OF.get(letters(pangkat)) not in (None, golongan)):
        raise ValueError(f"'{value}' bukan golongan/ruang (contoh: III/a, IV/b; PPPK: IX)")
    return golongan


def clean_rank(value: object) -> str:
    """Pangkat, golongan or both as one text ('Penata Muda Tingkat I, III/b'), split again
    by split_rank when the person's fields are put together."""
    pangkat, golongan = split_rank(value)
    return ", ".join(part for part in (pangkat, golongan) if part)


def rank_check(pangkat: str | None, golongan: str | None) -> str | None:
    """A pangkat and golongan that the civil-service table does not pair, as a message."""
    expected = GOLONGAN_OF.get(letters(pangkat))
    if pangkat and golongan and expected and expected != golongan:
        return (f"pangkat {pangkat} bergolongan {expected}, bukan {golongan}; periksa pangkat "
                "atau golongannya")
    return None


# ---------------------------------------------------------------- No. UKG

def clean_ukg_number(value: object) -> str:
    """No. UKG (the teacher-competency test's participant number), the ID of a teacher who
    has no NUPTK yet: 10 to 16 digits."""
    digits = ind.id_digits(value)
    if not digits.isdigit() or not digits.isascii() or not 10 <= len(digits) <= 16:
        raise ValueError(f"No. UKG tertulis '{value}': harus 10 sampai 16 angka")
    return digits


# ---------------------------------------------------------------- subjects

SUBJECTS = (
    "Bahasa Indonesia", "Bahasa Inggris", "Matematika", "IPA", "IPS", "PPKn",
    "Pendidikan Agama", "Pendidikan Agama Islam", "Pendidikan Agama Kristen",
    "Pendidikan Agama Katolik", "Pendidikan Agama Hindu", "Pendidikan Agama Buddha",
    "Seni Budaya", "PJOK", "Prakarya", "Informatika", "Bimbingan dan Konseling", "Fisika",
    "Kimia", "Biologi", "Ekonomi", "Sejarah", "Geografi", "Sosiologi", "Bahasa Daerah",
    "Bahasa Jawa", "Bahasa Sunda", "Bahasa Arab", "Guru Kelas", "Produktif SMK",
)
# Written forms -> the subject (keys: lower-case letters only). Offices add their own in
# Pengaturan (subject_synonyms), which take precedence.
SUBJECT_SYNONYMS = {
    "bindonesia": "Bahasa Indonesia", "bindo": "Bahasa Indonesia", "bhsindonesia": "Bahasa Indonesia",
    "bi": "Bahasa Indonesia", "bhsindo": "Bahasa Indonesia",
    "binggris": "Bahasa Inggris", "bing": "Bahasa Inggris", "bhsinggris": "Bahasa Inggris",
    "english": "Bahasa Inggris", "bhsing": "Bahasa Inggris",
    "mtk": "Matematika", "mat": "Matematika", "math": "Matematika", "mm": "Matematika",
    "ilmupengetahuanalam": "IPA", "ilmupengetahuanalamipa": "IPA", "ipaterpadu": "IPA",
    "ilmupengetahuansosial": "IPS", "ilmupengetahuansosialips": "IPS", "ipsterpadu": "IPS",
    "pkn": "PPKn", "pendidikankewarganegaraan": "PPKn",
    "pendidikanpancasiladankewarganegaraan": "PPKn", "pendidikanpancasila": "PPKn",
    "penjasorkes": "PJOK", "penjas": "PJOK", "pendidikanjasmaniolahragadankesehatan": "PJOK",
    "pendidikanjasmaniolahragadankesehatanpjok": "PJOK", "olahraga": "PJOK",
    "bk": "Bimbingan dan Konseling", "bimbingankonseling": "Bimbingan dan Konseling",
    "bimbingandankonselingkonselor": "Bimbingan dan Konseling", "konselor": "Bimbingan dan Konseling",
    "tik": "Informatika", "teknologiinformasidankomunikasi": "Informatika",
    "teknologiinformasidankomunikasitik": "Informatika", "komputer": "Informatika",
    "prakaryadankewirausahaan": "Prakarya", "pkwu": "Prakarya",
    "senibudayadanprakarya": "Seni Budaya", "sbdp": "Seni Budaya", "senibudayasbk": "Seni Budaya",
    "senirupa": "Seni Budaya", "senimusik": "Seni Budaya", "sbk": "Seni Budaya",
    "pai": "Pendidikan Agama Islam", "pendidikanagamaislamdanbudipekerti": "Pendidikan Agama Islam",
    "agamaislam": "Pendidikan Agama Islam", "pak": "Pendidikan Agama Kristen",
    "pendidikanagamakristendanbudipekerti": "Pendidikan Agama Kristen",
    "pendidikanagamakatolikdanbudipekerti": "Pendidikan Agama Katolik",
    "pendidikanagamahindudanbudipekerti": "Pendidikan Agama Hindu",
    "pendidikanagamabuddhadanbudipekerti": "Pendidikan Agama Buddha",
    "mulokbahasajawa": "Bahasa Jawa", "basajawa": "Bahasa Jawa",
    "gurukelassd": "Guru Kelas", "gurukelasmi": "Guru Kelas", "kelas": "Guru Kelas",
}
SUBJECT_SYNONYMS.update({letters(s): s for s in SUBJECTS})
_PARENTHESIS = re.compile(r"\(([^)]*)\)")


def clean_subject(value: object, extra: dict[str, str] | None = None) -> str:
    """One name per subject: `Ilmu Pengetahuan Alam (IPA)`, `IPA Terpadu` -> IPA. A
    subject no list knows is kept as written (in capitals: in title case)."""
    text = ind.normalize_name(value)
    table = {**SUBJECT_SYNONYMS, **extra} if extra else SUBJECT_SYNONYMS
    candidates = [text, _PARENTHESIS.sub("", text), *_PARENTHESIS.findall(text)]
    for candidate in candidates:
        found = table.get(letters(candidate))
        if found:
            return found
    if text.isupper() and len(text) > 4:
        return " ".join(word.capitalize() if len(word) > 3 else word for word in text.split())
    return text


SETTING_SUBJECTS = "roster.subject_synonyms"


def subject_synonyms(db: Database) -> dict[str, str]:
    """The office's own synonyms, as written -> subject."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [SETTING_SUBJECTS]).fetchone()
    try:
        stored = json.loads(row[0]) if row else {}
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in stored.items()} if isinstance(stored, dict) else {}


def synonym_table(db: Database) -> dict[str, str]:
    """The office's synonyms keyed as clean_subject looks them up."""
    return {letters(k): v for k, v in subject_synonyms(db).items() if letters(k) and v.strip()}


def save_subject_synonyms(db: Database, synonyms: dict[str, str]) -> None:
    """Replace the office's synonyms. Raises ValueError naming a line without a subject."""
    clean, seen = {}, {}
    for written, subject in synonyms.items():
        written, subject = ind.normalize_name(written), ind.normalize_name(subject)
        if not written and not subject:
            continue
        if not written:
            raise ValueError(f"Mata pelajaran '{subject}' belum diberi tulisan padanannya "
                             "(seperti tertulis di berkas).")
        if not subject:
            raise ValueError(f"Padanan '{written}' belum diberi nama mata pelajarannya.")
        if not letters(written):
            raise ValueError(f"Padanan '{written}' tidak berisi huruf.")
        if letters(written) in seen:
            raise ValueError(f"Padanan '{written}' sama dengan '{seen[letters(written)]}' "
                             "(huruf besar-kecil dan tanda baca tidak dibedakan); hapus salah satu.")
        seen[letters(written)] = written
        clean[written] = subject
    with db.atomic():
        db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                   "SET value = excluded.value",
                   [SETTING_SUBJECTS, json.dumps(clean, ensure_ascii=False)])


# ---------------------------------------------------------------- names in proper case

_TITLE_FORMS = {
    "kh": "K.H.", "drg": "drg.", "dr": "Dr.", "drs": "Drs.", "dra": "Dra.", "ir": "Ir.",
    "prof": "Prof.", "h": "H.", "hj": "Hj.", "ns": "Ns.", "apt": "apt.",
    "spd": "S.Pd.", "mpd": "M.Pd.", "spdi": "S.Pd.I.", "spdsd": "S.Pd.SD", "ssi": "S.Si.",
    "msi": "M.Si.", "sag": "S.Ag.", "mag": "M.Ag.", "skom": "S.Kom.", "mkom": "M.Kom.",
    "se": "S.E.", "sh": "S.H.", "mh": "M.H.", "ssos": "S.Sos.", "spsi": "S.Psi.", "ss": "S.S.",
    "st": "S.T.", "mt": "M.T.", "mm": "M.M.", "mhum": "M.Hum.", "shum": "S.Hum.", "sip": "S.IP.",
    "sp": "S.P.", "sor": "S.Or.", "ssn": "S.Sn.", "sth": "S.Th.", "gr": "Gr.", "amd": "A.Md.",
    "ama": "A.Ma.", "amapd": "A.Ma.Pd.", "ma": "M.A.", "phd": "Ph.D.", "lc": "Lc.",
    "spdk": "S.Pd.K.", "shi": "S.H.I.", "sei": "S.E.I.", "mmpd": "M.M.Pd.", "skm": "S.K.M.",
    "mba": "MBA", "msc": "M.Sc.", "bsc": "B.Sc.", "sthi": "S.Th.I.", "ssy": "S.Sy.",
}
_PARTICLES = {"bin", "binti", "van", "de", "der", "den", "von", "da", "dos", "el", "br", "boru"}


def _proper_word(word: str, first: bool) -> str:
    low = word.lower()
    if not first and low in _PARTICLES:
        return low
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def _proper_title(token: str) -> str:
    core = token.rstrip(",")
    known = _TITLE_FORMS.get(letters(core))
    if known is not None and (core.endswith(".") or not known.endswith(".")):
        return known + token[len(core):]
    if known is not None:  # "S.PD" written without its last dot keeps it so
        return known[:-1] + token[len(core):]
    parts = core.split(".")
    return ".".join(p.upper() if len(p) <= 1 else p[:1].upper() + p[1:].lower()
                    for p in parts) + token[len(core):]


@lru_cache(maxsize=8192)
def proper_case(name: str) -> str:
    """`JOKO FAUZI, S.PD., M.PD.` -> `Joko Fauzi, S.Pd., M.Pd.`; `DRA. HJ. SITI AMINAH` ->
    `Dra. Hj. Siti Aminah`; `MUHAMMAD BIN ABDULLAH` -> `Muhammad bin Abdullah`. A name
    already in mixed case is returned as it is."""
    if not name or (any(c.islower() for c in name) and any(c.isupper() for c in name)):
        return name
    head, comma, degrees = name.partition(",")
    words, out = head.split(" "), []
    for index, word in enumerate(words):
        if out and letters(word) in _PARTICLES:  # "br." (boru) in a Batak name
            out.append(word.lower())
            continue
        is_title = "." in word or (index < len(words) - 1 and letters(word) in ("hj", "kh", "drs", "dra"))
        out.append(_proper_title(word) if is_title else _proper_word(word, not out))
    if not comma:
        return " ".join(out)
    titles = [_proper_title(t) if t else t for t in degrees.split(" ")]
    return " ".join(out) + "," + " ".join(titles)


def join_titles(front: str | None, name: str, back: str | None) -> str:
    """Gelar depan and belakang joined as Indonesian documents write a name:
    `Dra.` + `Siti Aminah` + `M.Pd.` -> `Dra. Siti Aminah, M.Pd.`."""
    text = name
    if front and front.strip() and not is_empty_mark(front):
        text = f"{front.strip()} {text}"
    if back and back.strip() and not is_empty_mark(back):
        text = f"{text}, {back.strip().lstrip(',').strip()}"
    return ind.normalize_name(text)
