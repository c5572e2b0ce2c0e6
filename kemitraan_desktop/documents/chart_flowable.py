"""A chart (kemitraan_desktop/charts.py) on a PDF page: a reportlab Flowable that lays the
chart out at its width and height and draws its shapes on the canvas, shape for shape as
the desktop's chart widget draws them on screen."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ..charts import Chart, Dot, Line, Rect, Text, replay
from . import frame


class PdfPainter:
    """Draws shapes on a reportlab canvas whose chart box has its top left at (left, top)
    in PDF points (y grows upwards on the page, downwards in the chart)."""

    def __init__(self, canvas: Canvas, left: float, top: float):
        self.canvas, self.left, self.top = canvas, left, top

    def _xy(self, x: float, y: float) -> tuple[float, float]:
        return self.left + x, self.top - y

    def rect(self, shape: Rect) -> None:
        c = self.canvas
        x, y = self._xy(shape.x, shape.y + shape.h)
        c.setFillColor(colors.HexColor(shape.fill))
        if shape.stroke:
            c.setStrokeColor(colors.HexColor(shape.stroke))
            c.setLineWidth(0.4)
        c.rect(x, y, shape.w, shape.h, stroke=1 if shape.stroke else 0, fill=1)

    def line(self, shape: Line) -> None:
        c = self.canvas
        c.setStrokeColor(colors.HexColor(shape.colour))
        c.setLineWidth(shape.width)
        c.setDash(3, 2) if shape.dash else c.setDash()
        c.line(*self._xy(shape.x1, shape.y1), *self._xy(shape.x2, shape.y2))
        c.setDash()

    def dot(self, shape: Dot) -> None:
        c = self.canvas
        c.setFillColor(colors.HexColor(shape.fill))
        c.setStrokeColor(colors.white)
        c.setLineWidth(0.6)
        c.circle(*self._xy(shape.x, shape.y), shape.r, stroke=1, fill=1)

    def text(self, shape: Text) -> None:
        c = self.canvas
        c.saveState()
        c.translate(*self._xy(shape.x, shape.y))
        if shape.rotate:
            c.rotate(shape.rotate)
        c.setFillColor(colors.HexColor(shape.colour))
        c.setFont(frame.SANS_BOLD if shape.bold else frame.SANS, shape.size)
        draw = {"centre": c.drawCentredString, "right": c.drawRightString}.get(
            shape.align, c.drawString)
        draw(0, 0, shape.text)
        c.restoreState()


def draw_chart(canvas: Canvas, chart: Chart, left: float, top: float) -> None:
    """Draw `chart` with its top left corner at (left, top) in PDF points."""
    frame.register_fonts()
    canvas.saveState()
    replay(chart, PdfPainter(canvas, left, top))
    canvas.restoreState()


class ChartFlowable(Flowable):
    """A chart spec (BarChart, LineChart, ProgressChart) as a block of the story: `width`
    (at most the frame's) by `height` points, never split across pages."""

    def __init__(self, spec, width: float, height: float):
        super().__init__()
        self.spec, self.width, self.height = spec, width, height
        self.chart: Chart | None = None

    def wrap(self, avail_width, avail_height):
        width = min(self.width, avail_width)
        if self.chart is None or self.chart.width != width:
            self.chart = self.spec.layout(width, self.height)
        return width, self.chart.height

    def draw(self):
        if self.chart is None:
            self.wrap(self.width, self.height)
        draw_chart(self.canv, self.chart, 0, self.chart.height)
