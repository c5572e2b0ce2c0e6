"""The chart widget: a chart spec from kemitraan_desktop.charts laid out at the widget's
size and drawn with QPainter, shape for shape as the PDF report draws it (the same layout
code, the same font, points as on paper); hovering over a bar tells its value."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from kemitraan_desktop.charts import BarChart, Chart, Dot, Line, Rect, Text, replay
from kemitraan_desktop.resources import resource_path

FAMILY = "Liberation Sans"
_FONT_SIZE = 64  # text drawn at this pixel size and scaled: exact at any point size
_loaded = False


def chart_font_family() -> str:
    """The family the charts print in, loaded from resources/fonts once."""
    global _loaded
    if not _loaded:
        for name in ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"):
            QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        _loaded = True
    return FAMILY


class QtPainter:
    """Draws chart shapes on a QPainter whose coordinates are the chart's points."""

    def __init__(self, painter: QPainter):
        self.painter = painter
        family = chart_font_family()
        self.fonts = {}
        for bold in (False, True):
            font = QFont(family)
            font.setPixelSize(_FONT_SIZE)
            font.setBold(bold)
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            self.fonts[bold] = font

    def rect(self, shape: Rect) -> None:
        p = self.painter
        p.setPen(QPen(QColor(shape.stroke), 0.4) if shape.stroke else Qt.PenStyle.NoPen)
        p.setBrush(QBrush(QColor(shape.fill)))
        p.drawRect(QRectF(shape.x, shape.y, shape.w, shape.h))

    def line(self, shape: Line) -> None:
        pen = QPen(QColor(shape.colour), shape.width)
        if shape.dash:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.painter.setPen(pen)
        self.painter.drawLine(QPointF(shape.x1, shape.y1), QPointF(shape.x2, shape.y2))

    def dot(self, shape: Dot) -> None:
        self.painter.setPen(QPen(QColor("white"), 0.6))
        self.painter.setBrush(QBrush(QColor(shape.fill)))
        self.painter.drawEllipse(QPointF(shape.x, shape.y), shape.r, shape.r)

    def text(self, shape: Text) -> None:
        p = self.painter
        p.save()
        p.translate(shape.x, shape.y)
        if shape.rotate:
            p.rotate(-shape.rotate)
        factor = shape.size / _FONT_SIZE
        p.scale(factor, factor)
        font = self.fonts[shape.bold]
        p.setFont(font)
        p.setPen(QColor(shape.colour))
        width = p.fontMetrics().horizontalAdvance(shape.text)
        x = {"centre": -width / 2, "right": -width}.get(shape.align, 0.0)
        p.drawText(QPointF(x, 0), shape.text)
        p.restore()


def points_per_pixel(painter: QPainter) -> float:
    """How many points one device pixel is (a chart is laid out in points)."""
    dpi = painter.device().logicalDpiX() or 96
    return 72.0 / dpi


class ChartWidget(QWidget):
    """A chart on screen. `spec` is a BarChart, LineChart or ProgressChart (or None: the
    widget says "Belum ada data"); it is laid out again whenever the widget's size changes."""

    def __init__(self, spec=None, parent: QWidget | None = None, *,
                 minimum: tuple[int, int] = (320, 200)):
        super().__init__(parent)
        self._spec = spec
        self._chart: Chart | None = None
        self._scale = 1.0
        self.setMinimumSize(*minimum)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def spec(self):
        return self._spec

    def set_spec(self, spec) -> None:
        """Show another chart (or the same with new figures)."""
        self._spec = spec
        self._chart = None
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, 300)

    def chart(self) -> Chart:
        """The chart as laid out for the widget's current size, in points."""
        scale = 72.0 / (self.logicalDpiX() or 96)
        return self._layout(self.width() * scale, self.height() * scale)

    def _layout(self, width: float, height: float) -> Chart:
        if self._chart is None or (self._chart.width, self._chart.height) != (width, height):
            spec = self._spec if self._spec is not None else BarChart((), ())
            self._chart = spec.layout(width, height)
        return self._chart

    def render_to(self, painter: QPainter, rect: QRectF) -> Chart:
        """Lay the chart out for `rect` (device pixels of `painter`) and draw it there:
        what paintEvent does, and what printing or an image export can reuse."""
        scale = points_per_pixel(painter)
        chart = self._layout(rect.width() * scale, rect.height() * scale)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.translate(rect.topLeft())
        painter.scale(1 / scale, 1 / scale)
        replay(chart, QtPainter(painter))
        painter.restore()
        self._scale = scale
        return chart

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        self.render_to(painter, QRectF(self.rect()))
        painter.end()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            chart = self._chart
            tip = chart.tip_at(event.pos().x() * self._scale,
                               event.pos().y() * self._scale) if chart else ""
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
