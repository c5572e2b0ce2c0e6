"""Charts laid out as shapes: bars in proportion to their values, labels and legends
present, nice axis steps, Indonesian numbers, long labels wrapped, nothing to show said in
Indonesian, a palette that stays apart in greyscale, and the same chart read back from a
PDF."""

import pytest
from pypdf import PdfReader
from reportlab.platypus import SimpleDocTemplate

from kemitraan_desktop import charts
from kemitraan_desktop.charts import BarChart, LineChart, Progress, ProgressChart, Series, Text
from kemitraan_desktop.documents import frame
from kemitraan_desktop.documents.chart_flowable import ChartFlowable

PROVINCES = BarChart(("Jawa Tengah", "Gorontalo", "Kepulauan Bangka Belitung"),
                     (Series("Guru Inti", (8, 0, 0)), Series("Guru Mitra", (0, 4, 4)),
                      Series("Guru Imbas", (0, 40, 20))), title="Peserta per provinsi")


def _bars(chart):
    return [r for r in chart.rects() if r.tip]


def test_stacked_bars_are_proportional_to_their_values():
    chart = PROVINCES.layout(480, 200)
    bars = {r.tip: r for r in _bars(chart)}
    assert set(bars) == {"Jawa Tengah - Guru Inti: 8", "Gorontalo - Guru Mitra: 4",
                         "Gorontalo - Guru Imbas: 40", "Kepulauan Bangka Belitung - Guru Mitra: 4",
                         "Kepulauan Bangka Belitung - Guru Imbas: 20"}  # zeros draw nothing
    unit = bars["Gorontalo - Guru Mitra: 4"].w / 4
    assert bars["Jawa Tengah - Guru Inti: 8"].w == pytest.approx(8 * unit)
    assert bars["Gorontalo - Guru Imbas: 40"].w == pytest.approx(40 * unit)
    # stacked: the imbas segment starts where the mitra one ends
    mitra, imbas = bars["Gorontalo - Guru Mitra: 4"], bars["Gorontalo - Guru Imbas: 40"]
    assert imbas.x == pytest.approx(mitra.x + mitra.w) and imbas.y == mitra.y
    assert all(0 <= r.x and r.x + r.w <= 480 and 0 <= r.y and r.y + r.h <= 200 for r in _bars(chart))
    texts = chart.texts()
    for word in ("Peserta per provinsi", "Guru Inti", "Guru Mitra", "Guru Imbas",
                 "Jawa Tengah", "Gorontalo", "44", "24", "8"):
        assert word in texts, word
    # each series in its own colour
    assert len({bars[t].fill for t in ("Jawa Tengah - Guru Inti: 8", "Gorontalo - Guru Mitra: 4",
                                       "Gorontalo - Guru Imbas: 40")}) == 3


def test_axis_ticks_are_nice_steps():
    assert charts.nice_ticks(44) == [0, 10, 20, 30, 40, 50]
    assert charts.nice_ticks(7) == [0, 2, 4, 6, 8]
    assert charts.nice_ticks(264) == [0, 100, 200, 300]
    assert charts.nice_ticks(3) == [0, 1, 2, 3]  # counts never step by a fraction
    assert charts.nice_ticks(0.8, integer=False) == [0, 0.2, 0.4, 0.6, 0.8]
    texts = PROVINCES.layout(480, 200).texts()
    assert [t for t in texts if t in {"0", "10", "20", "30", "40", "50"}] == \
        ["0", "10", "20", "30", "40", "50"]


def test_numbers_are_written_the_indonesian_way():
    assert charts.format_number(1234) == "1.234"
    assert charts.format_number(12.5) == "12,5"
    assert charts.format_number(5284.25, 2) == "5.284,25"
    assert charts.format_percent(87.5) == "87,5%" and charts.format_percent(100) == "100%"
    assert charts.month_label("2019-10") == "Okt 2019"
    big = BarChart(("Provinsi",), (Series("Peserta", (5284,)),)).layout(400, 120)
    assert "5.284" in big.texts() and "6.000" in big.texts()


def test_percent_bars_run_to_100_and_say_the_percentage():
    spec = charts.attendance_chart(["Pembukaan", "Observasi kelas"], [100, 87.5])
    chart = spec.layout(400, 140)
    full, part = _bars(chart)
    assert part.w == pytest.approx(full.w * 0.875)
    assert {"100%", "87,5%", "0%", "20%"} <= set(chart.texts())


def test_long_labels_wrap_onto_lines_that_fit():
    label = "Senin, 14 Oktober 2019, 08.00 Pembukaan dan pengarahan Kepala Dinas Pendidikan"
    chart = charts.attendance_chart([label, "OJL 2"], [90, 70]).layout(420, 160)
    lines = [t for t in chart.shapes if isinstance(t, Text) and t.align == "right"]
    assert len(lines) > 2 and " ".join(t.text for t in lines[:-1]) == label
    widest = max(charts.text_width(t.text, t.size) for t in lines)
    assert widest <= 420 * 0.34 + 2
    assert charts.wrap_label("Kabupaten Kotawaringin Timur dan sekitarnya yang sangat jauh",
                             50, max_lines=2)[-1].endswith("…")


def test_empty_and_zero_data_say_belum_ada_data():
    for spec in (BarChart((), (), title="Kontak per bulan"),
                 BarChart(("Okt 2019", "Nov 2019"), (Series("Kontak", (0, 0)),), horizontal=False),
                 ProgressChart(()), LineChart(("Okt 2019",), (Series("Kontak", (0,)),))):
        chart = spec.layout(300, 150)
        assert "Belum ada data" in chart.texts()
        assert not _bars(chart)


def test_columns_and_lines_by_month():
    months = ("Okt 2019", "Nov 2019", "Des 2019")
    columns = BarChart(months, (Series("Tatap muka", (4, 10, 2)), Series("Daring", (2, 8, 0))),
                       horizontal=False).layout(400, 200)
    bars = {r.tip: r for r in _bars(columns)}
    assert bars["Nov 2019 - Tatap muka: 10"].h == pytest.approx(5 * bars["Des 2019 - Tatap muka: 2"].h)
    # stacked upwards: daring sits on tatap muka
    assert bars["Nov 2019 - Daring: 8"].y + bars["Nov 2019 - Daring: 8"].h == \
        pytest.approx(bars["Nov 2019 - Tatap muka: 10"].y)
    assert {"18", "6", "2", *months} <= set(columns.texts())
    line = LineChart(months, (Series("Kontak", (7, 21, 14)),)).layout(400, 200)
    dots = [s for s in line.shapes if isinstance(s, charts.Dot)]
    assert [d.tip for d in dots] == ["Okt 2019 - Kontak: 7", "Nov 2019 - Kontak: 21",
                                     "Des 2019 - Kontak: 14"]
    assert dots[0].y - dots[1].y == pytest.approx(2 * (dots[2].y - dots[1].y))


def test_reach_against_target():
    spec = ProgressChart((Progress("Dra. Retna Widowati, M.Pd.", 12, 22, 33),
                          Progress("Agung Jumari, S.Pd.", 33, 33, 33)), title="Jangkauan")
    chart = spec.layout(480, 140)
    assert {"12 dari 33 (36,4%)", "33 dari 33 (100%)", "Tercapai", "Direncanakan",
            "Target"} <= set(chart.texts())
    first = [r for r in _bars(chart) if r.tip.startswith("Dra.")]
    target, planned, reached = first
    assert planned.w == pytest.approx(target.w * 22 / 33)
    assert reached.w == pytest.approx(target.w * 12 / 33)


def test_palette_stays_apart_in_greyscale():
    def lightness(colour):
        r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
        return 116 * y ** (1 / 3) - 16
    values = sorted(lightness(c) for c in charts.PALETTE)
    assert all(b - a >= 10 for a, b in zip(values, values[1:], strict=False)), values


def test_the_chart_in_a_pdf_reads_back(tmp_path):
    frame.register_fonts()
    path = tmp_path / "grafik.pdf"
    SimpleDocTemplate(str(path)).build([ChartFlowable(PROVINCES, 440, 200)])
    text = PdfReader(path).pages[0].extract_text()
    for word in ("Peserta per provinsi", "Guru Imbas", "Kepulauan Bangka Belitung", "44", "50"):
        assert word in text, word


def test_every_shape_reaches_the_pdf_painter(monkeypatch):
    from reportlab.pdfgen.canvas import Canvas

    from kemitraan_desktop.documents import chart_flowable

    drawn = []
    for name in ("rect", "line", "dot", "text"):
        original = getattr(chart_flowable.PdfPainter, name)
        monkeypatch.setattr(chart_flowable.PdfPainter, name,
                            lambda self, shape, _o=original: (drawn.append(shape), _o(self, shape)))
    chart = PROVINCES.layout(400, 200)
    chart_flowable.draw_chart(Canvas("/dev/null"), chart, 0, 200)
    assert drawn == list(chart.shapes)
