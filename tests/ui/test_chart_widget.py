"""The chart widget draws on screen what the PDF draws on paper: the same layout for the
same size in points, every shape through its QPainter painter, bars in colour where the
layout puts them, "Belum ada data" for nothing, and the value under the mouse as a tip."""

from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from kemitraan_desktop import charts
from kemitraan_desktop.charts import BarChart, Series
from kemitraan_desktop.documents.chart_flowable import ChartFlowable
from ui.widgets import chart as chart_module
from ui.widgets.chart import ChartWidget

SPEC = BarChart(("Jawa Tengah", "Gorontalo"), (Series("Guru Inti", (8, 0)),
                                               Series("Guru Mitra", (0, 4)),
                                               Series("Guru Imbas", (0, 40))),
                title="Peserta per provinsi dan tingkat")


def _widget(qtbot, spec=SPEC, size=(640, 360)):
    widget = ChartWidget(spec)
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _scale(widget) -> float:
    return 72.0 / widget.logicalDpiX()


def test_bars_are_painted_where_the_layout_puts_them(qtbot):
    widget = _widget(qtbot)
    image = widget.grab().toImage()
    assert (image.width(), image.height()) == (640, 360)
    scale = _scale(widget)
    bars = [r for r in widget.chart().rects() if r.tip]
    assert len(bars) == 3
    for bar in bars:  # the middle of each bar carries its colour, not white
        x, y = (bar.x + bar.w / 2) / scale, (bar.y + bar.h / 2) / scale
        pixel = image.pixelColor(int(x), int(y))
        assert pixel != QColor("white")
        assert abs(pixel.lightness() - QColor(bar.fill).lightness()) < 12, (bar.tip, pixel.name())
    # left of the plot (under the labels, between lines) stays white
    assert image.pixelColor(2, image.height() // 2) == QColor("white")


def test_screen_and_paper_have_the_same_shapes(qtbot, monkeypatch):
    widget = _widget(qtbot, size=(600, 300))
    scale = _scale(widget)
    on_screen = widget.chart()
    flowable = ChartFlowable(SPEC, 600 * scale, 300 * scale)
    flowable.wrap(1000, 1000)
    assert flowable.chart == on_screen
    # and every shape goes through the QPainter painter, in order
    drawn = []
    for name in ("rect", "line", "dot", "text"):
        original = getattr(chart_module.QtPainter, name)
        monkeypatch.setattr(chart_module.QtPainter, name,
                            lambda self, shape, _o=original: (drawn.append(shape), _o(self, shape)))
    image = QImage(600, 300, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painted = widget.render_to(painter, QRectF(0, 0, 600, 300))
    painter.end()
    assert drawn == list(painted.shapes) and painted == on_screen
    for bar in (r for r in painted.rects() if r.tip):
        middle = image.pixelColor(int((bar.x + bar.w / 2) / scale), int((bar.y + bar.h / 2) / scale))
        assert middle.name() == QColor(bar.fill).name(), bar.tip


def test_nothing_to_show_says_so_and_a_new_spec_redraws(qtbot):
    widget = _widget(qtbot, spec=None, size=(400, 240))
    assert widget.chart().texts() == ["Belum ada data"]
    image = widget.grab().toImage()
    assert not any(image.pixelColor(x, y).saturation() > 60
                   for x in range(0, 400, 8) for y in range(0, 240, 8))
    widget.set_spec(SPEC)
    assert "Gorontalo" in widget.chart().texts()
    assert widget.minimumWidth() >= 320 and widget.minimumHeight() >= 200


def test_hovering_a_bar_tells_its_value(qtbot):
    widget = _widget(qtbot)
    widget.grab()
    scale = _scale(widget)
    bar = next(r for r in widget.chart().rects() if r.tip.startswith("Gorontalo - Guru Imbas"))
    point = QPoint(int((bar.x + bar.w / 2) / scale), int((bar.y + bar.h / 2) / scale))
    assert widget.chart().tip_at(point.x() * scale, point.y() * scale) == \
        "Gorontalo - Guru Imbas: 40"
    assert charts.NO_DATA == "Belum ada data"
