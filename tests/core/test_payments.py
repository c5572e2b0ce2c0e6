"""The daftar penerimaan (SPJ): terbilang, typed amounts, rates kept per activity, the PDF
and the workbook read back, and the command line's refusals."""

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from kemitraan_desktop import activities, cli, payments
from kemitraan_desktop.activities import StaffMember
from kemitraan_desktop.documents.payments import print_payments
from kemitraan_desktop.errors import ValidationError
from kemitraan_desktop.rupiah import format_rupiah, terbilang, terbilang_rupiah

OJL = 1  # the demo's OJL 1 Kota Pekalongan: 8 Mitra 1, 16 Mitra 2, attendance recorded


@pytest.mark.parametrize(("amount", "words"), [
    (0, "nol"), (1, "satu"), (11, "sebelas"), (12, "dua belas"), (20, "dua puluh"),
    (100, "seratus"), (101, "seratus satu"), (110, "seratus sepuluh"), (1000, "seribu"),
    (1100, "seribu seratus"), (1001000, "satu juta seribu"),
    (1500000, "satu juta lima ratus ribu"), (2000000000, "dua miliar"),
    (999999999999, "sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan "
                   "puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu sembilan "
                   "ratus sembilan puluh sembilan"),
    (3000000000000, "tiga triliun"), (115000, "seratus lima belas ribu"),
])
def test_terbilang(amount, words):
    assert terbilang(amount) == words


def test_terbilang_refuses_negative_and_the_form_wording():
    with pytest.raises(ValidationError, match="negatif"):
        terbilang(-1)
    assert terbilang_rupiah(1500000) == "Satu juta lima ratus ribu rupiah"
    assert format_rupiah(1500000) == "Rp1.500.000"


@pytest.mark.parametrize(("text", "amount"), [
    ("1500000", 1500000), ("1.500.000", 1500000), ("Rp 1.500.000", 1500000),
    ("Rp1.500.000,00", 1500000), ("1.500.000,-", 1500000), ("1,5 juta", 1500000),
    ("150 ribu", 150000), ("", 0)])
def test_parse_amount(text, amount):
    assert payments.parse_amount(text) == amount


@pytest.mark.parametrize("text", ["abc", "1.500,50", "-5000", "1.5.0"])
def test_parse_amount_refuses(text):
    with pytest.raises(ValidationError, match="bukan jumlah rupiah|negatif"):
        payments.parse_amount(text)


def with_staff(db):
    activities.save_staff(db, OJL, [
        StaffMember(None, "panitia", "Budi Santoso, S.Pd.", "Sekretaris", "Dinas Pendidikan",
                    "198001012005011002"),
        StaffMember(None, "narasumber", "Prof. Dr. Siti Aminah, M.Pd.", "Dosen", "UNNES")])


def test_roles_and_rates_saved(demo_copy):
    with_staff(demo_copy)
    assert payments.roles(demo_copy, OJL) == ["Mitra 1", "Mitra 2", "panitia", "narasumber"]
    payments.save_rates(demo_copy, OJL, {"mitra 1": {"transport": "150.000"},
                                         "Narasumber": {"honorarium": 1000000}})
    assert payments.load_rates(demo_copy, OJL) == {"Mitra 1": {"transport": 150000},
                                                   "narasumber": {"honorarium": 1000000}}
    with pytest.raises(ValidationError, match="'Guru Inti' tidak ada.*'Mitra 1'"):
        payments.save_rates(demo_copy, OJL, {"Guru Inti": {"transport": 1}})
    with pytest.raises(ValidationError, match="tidak disimpan"):
        payments.save_rates(demo_copy, OJL, {"Mitra 1": {"transport": -5}})
    assert payments.load_rates(demo_copy, OJL)["Mitra 1"] == {"transport": 150000}


def expected(db):
    """What each person receives under the rates the PDF test sets: Mitra 1 transport
    150.000 + 100.000 a day attended; the speaker's honorarium 1.000.000 less 2,5%."""
    from kemitraan_desktop.views.payments import attended_days

    came = attended_days(db, OJL)
    rows = activities.activity_participants(db, OJL)
    amounts = {}
    for row in rows:
        days = came.get(row["id"], 0)
        if row["tier_label"] == "Mitra 1":
            amounts[row["name"]] = (150000 + 100000 * days) if days else 0
        else:
            amounts[row["name"]] = 200000 if days else 0
    amounts["Prof. Dr. Siti Aminah, M.Pd."] = 1000000
    return amounts


def set_rates(db):
    payments.save_rates(db, OJL, {"Mitra 1": {"transport": 150000, "harian": 100000},
                                  "Mitra 2": {"transport": 200000},
                                  "narasumber": {"honorarium": 1000000}})


def test_pdf_shows_each_amount_the_total_and_the_words(demo_copy, tmp_path):
    with_staff(demo_copy)
    set_rates(demo_copy)
    out = print_payments(demo_copy, OJL, tmp_path / "spj.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    flat = " ".join(text.split())
    amounts = expected(demo_copy)
    total = sum(amounts.values())
    assert "DAFTAR PENERIMAAN UANG TRANSPORT, UANG HARIAN DAN HONORARIUM" in flat
    for name, amount in amounts.items():
        assert name in flat
        if amount:
            assert f"{amount:,}".replace(",", ".") in flat
    assert "JUMLAH" in flat and f"{total:,}".replace(",", ".") in flat
    assert f"Terbilang: {terbilang_rupiah(total)}" in flat
    assert "25.000 (2,5%)" in flat  # PPh 21 of a speaker who is not a civil servant
    assert "1. ......" in flat and "2. ......" in flat
    assert "Mengetahui/Menyetujui" in flat and "Bendahara Pengeluaran" in flat
    assert "Drs. Haryono Wicaksono, M.Pd." in flat


def test_xlsx_holds_numbers_and_the_total(demo_copy, tmp_path):
    with_staff(demo_copy)
    set_rates(demo_copy)
    out = print_payments(demo_copy, OJL, tmp_path / "spj.xlsx")
    ws = load_workbook(out).active
    header = [c.value for c in ws[6]]
    gross = header.index("Jumlah (Rp)") + 1
    rows = list(ws.iter_rows(min_row=7))
    amounts = expected(demo_copy)
    by_name = {r[1].value: r[gross - 1].value for r in rows if isinstance(r[0].value, int)}
    assert by_name == amounts
    assert all(isinstance(v, int) for v in by_name.values())
    total_row = next(r for r in rows if r[0].value == "JUMLAH")
    assert total_row[gross - 1].value == sum(amounts.values())
    assert total_row[gross - 1].number_format == "#,##0"
    words = [c.value for r in ws.iter_rows() for c in r if isinstance(c.value, str)
             and c.value.startswith("Terbilang:")]
    assert words == [f"Terbilang: {terbilang_rupiah(sum(amounts.values()))} "
                     f"({format_rupiah(sum(amounts.values()))})"]
    assert ws.freeze_panes == "C7" and ws.page_setup.orientation == "landscape"


def run(args, capsys):
    code = cli.main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_saves_the_amounts_and_prints_them(demo_copy, tmp_path, capsys):
    db_file = str(tmp_path / "kemitraan.db")
    out = tmp_path / "spj.pdf"
    code, stdout, err = run(["--db", db_file, "print", "payments", "--activity", str(OJL),
                             "--out", str(out), "--amount", "Mitra 1=150000",
                             "--amount", "mitra 2:harian=Rp 100.000"], capsys)
    assert code == 0, err
    assert payments.load_rates(demo_copy, OJL) == {"Mitra 1": {"transport": 150000},
                                                   "Mitra 2": {"harian": 100000}}
    assert out.exists()
    assert "Rp150.000" in stdout and "Terbilang:" in stdout
    # without --amount the saved rates are used again
    code, stdout2, _ = run(["--db", db_file, "print", "payments", "--activity", str(OJL),
                            "--out", str(tmp_path / "again.xlsx")], capsys)
    assert code == 0 and stdout2.splitlines()[-3:-1] == stdout.splitlines()[-3:-1]


def test_cli_refuses_an_unknown_role(demo_copy, tmp_path, capsys):
    out = tmp_path / "spj.pdf"
    code, _, err = run(["--db", str(tmp_path / "kemitraan.db"), "print", "payments",
                        "--activity", str(OJL), "--out", str(out), "--amount", "Guru Inti=1"],
                       capsys)
    assert code == 1
    assert "'Guru Inti' tidak ada" in err and "'Mitra 1', 'Mitra 2'" in err
    assert not out.exists() and payments.load_rates(demo_copy, OJL) == {}


def test_cli_nothing_to_pay_writes_nothing(demo_copy, tmp_path, capsys):
    out = tmp_path / "spj.pdf"
    code, _, err = run(["--db", str(tmp_path / "kemitraan.db"), "print", "payments",
                        "--activity", str(OJL), "--out", str(out), "--amount", "Mitra 1=0"],
                       capsys)
    assert code == 1 and "tarif nol" in err and not out.exists()
    activities.set_activity_participants(demo_copy, OJL, [])
    code, _, err = run(["--db", str(tmp_path / "kemitraan.db"), "print", "payments",
                        "--activity", str(OJL), "--out", str(out)], capsys)
    assert code == 1 and "belum mempunyai peserta" in err and not out.exists()


def test_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["print", "payments", "--help"])
    assert exit_info.value.code == 0
    assert "PERAN=RUPIAH" in capsys.readouterr().out
