"""Charts laid out once as plain shapes (bars, lines, dots, text) in points, for a given
width and height: the PDF report draws them with reportlab (documents/chart_flowable.py)
and the desktop with QPainter (ui/widgets/chart.py), so the screen and the paper show the
same chart. No Qt here, no plotting library.

A chart is described by a spec (BarChart, LineChart, ProgressChart) holding only the
data; `spec.layout(width, height)` returns a Chart: its shapes in drawing order, with
the origin at the top left and y growing downwards (as on a screen); a Text's (x, y) is
its anchor on the baseline. `replay(chart, painter)` hands each shape to a painter's
rect/line/dot/text methods: the one way both painters draw."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import indonesia as ind

# Calm colours whose lightness differs enough (CIE L* 24, 45, 65, 80, 92) that the series
# stay apart when the report is photocopied in black and white.
PALETTE = ("#1F3A5F", "#3E6E96", "#7FA88A", "#E3C38A", "#DCE9F2")
INK, MUTED, GRID, OUTLINE = "#222222", "#555555", "#D4D4D4", "#4A4A4A"
TARGET_FILL = "#F3F3F3"
NO_DATA = "Belum ada data"
PAD = 4.0
LABEL_SIZE, TITLE_SIZE = 8.0, 9.5
LEADING = 1.2  # line height as a multiple of the font size
MAX_LABEL_LINES = 3


# ---------------------------------------------------------------- shapes

@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str | None = OUTLINE
    tip: str = ""  # what hovering over it says on screen


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str = INK
    width: float = 0.6
    dash: bool = False


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    fill: str
    tip: str = ""


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the baseline
    text: str
    size: float = LABEL_SIZE
    bold: bool = False
    align: str = "left"  # left, centre, right: where x is
    rotate: float = 0.0  # degrees, counter-clockwise as seen
    colour: str = INK


Shape = Rect | Line | Dot | Text


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    shapes: tuple[Shape, ...]

    def texts(self) -> list[str]:
        return [s.text for s in self.shapes if isinstance(s, Text)]

    def rects(self) -> list[Rect]:
        return [s for s in self.shapes if isinstance(s, Rect)]

    def tip_at(self, x: float, y: float) -> str:
        """What the bar or dot under (x, y) says; '' when none is there."""
        for shape in reversed(self.shapes):
            if isinstance(shape, Rect) and shape.tip and (
                    shape.x <= x <= shape.x + shape.w and shape.y <= y <= shape.y + shape.h):
                return shape.tip
            if isinstance(shape, Dot) and shape.tip and math.hypot(x - shape.x, y - shape.y) <= \
                    shape.r + 2:
                return shape.tip
        return ""


def replay(chart: Chart, painter) -> None:
    """Hand every shape, in order, to `painter.rect/line/dot/text(shape)`."""
    for shape in chart.shapes:
        {Rect: painter.rect, Line: painter.line, Dot: painter.dot, Text: painter.text}[
            type(shape)](shape)


# ---------------------------------------------------------------- numbers and text

def format_number(value: float, decimals: int = 1) -> str:
    """`1234` -> `1.234`, `12.5` -> `12,5` (Indonesian separators; no trailing ,0)."""
    rounded = round(float(value), decimals)
    if rounded == int(rounded):
        return ind.format_thousands(int(rounded))
    whole, _, fraction = f"{abs(rounded):.{decimals}f}".partition(".")
    sign = "-" if rounded < 0 else ""
    return f"{sign}{ind.format_thousands(int(whole))},{fraction.rstrip('0')}"


def format_percent(value: float) -> str:
    """`12.5` -> `12,5%`."""
    return f"{format_number(value)}%"


def month_label(day: dt.date | str) -> str:
    """`2019-10` or a date -> `Okt 2019`."""
    if isinstance(day, str):
        day = dt.date(int(day[:4]), int(day[5:7]), 1)
    return f"{ind.MONTHS[day.month - 1][:3]} {day.year}"


def text_width(text: str, size: float = LABEL_SIZE, bold: bool = False) -> float:
    """The width of `text` in the embedded Liberation Sans (Arial's metrics), as the PDF and
    the screen both draw it. reportlab is loaded here, on the first chart laid out (in the
    reader thread), not when the desktop starts."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from .documents.frame import SANS, SANS_BOLD, register_fonts

    register_fonts()
    return stringWidth(text, SANS_BOLD if bold else SANS, size)


def wrap_label(text: str, width: float, size: float = LABEL_SIZE, *, bold: bool = False,
               max_lines: int = MAX_LABEL_LINES) -> list[str]:
    """`text` in lines that fit `width`; a word too long for a line is cut, and what does
    not fit in `max_lines` ends the last line with an ellipsis."""
    words = str(text).split() or [""]
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if not current or text_width(candidate, size, bold) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    lines = [_cut(line, width, size, bold) for line in lines]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _cut(lines[-1] + " …", width, size, bold, force=True)
    return lines


def _cut(line: str, width: float, size: float, bold: bool, force: bool = False) -> str:
    if not force and text_width(line, size, bold) <= width:
        return line
    base = line.removesuffix(" …").removesuffix("…")
    while base and text_width(base + "…", size, bold) > width:
        base = base[:-1]
    return base.rstrip() + "…"


def nice_ticks(maximum: float, *, count: int = 5, integer: bool = True) -> list[float]:
    """Axis ticks from 0 to at least `maximum` in steps of 1, 2, 2.5 or 5 times a power of
    ten (never a fraction of one for counts)."""
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = magnitude
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * magnitude
        if integer and step != int(step):
            continue
        if step >= raw:
            break
    if integer:
        step = max(1.0, step)
    top = math.ceil(maximum / step - 1e-9) * step
    return [round(i * step, 10) for i in range(int(round(top / step)) + 1)]


# ---------------------------------------------------------------- specs

@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class BarChart:
    """Bars per category, one or more series, stacked or side by side; horizontal bars
    for long category names (provinces, sessions), vertical columns for months."""

    categories: tuple[str, ...]
    series: tuple[Series, ...]
    horizontal: bool = True
    stacked: bool = True
    title: str = ""
    percent: bool = False  # values are percentages: the axis runs 0-100%

    def layout(self, width: float, height: float) -> Chart:
        return _BarLayout(self, width, height).chart()


@dataclass(frozen=True)
class LineChart:
    """Values by month (or any ordered category) as lines with their points."""

    categories: tuple[str, ...]
    series: tuple[Series, ...]
    title: str = ""

    def layout(self, width: float, height: float) -> Chart:
        return _BarLayout(BarChart(self.categories, self.series, horizontal=False,
                                   stacked=False, title=self.title), width, height,
                          lines=True).chart()


@dataclass(frozen=True)
class Progress:
    label: str
    reached: float
    planned: float
    target: float


@dataclass(frozen=True)
class ProgressChart:
    """Reach against target per row (per inti): the target as a light outlined bar, the
    planned inside it, and what was reached in the darkest colour, with `12 dari 33`."""

    rows: tuple[Progress, ...]
    title: str = ""
    names: tuple[str, str, str] = ("Tercapai", "Direncanakan", "Target")

    def layout(self, width: float, height: float) -> Chart:
        return _progress_layout(self, width, height)


def attendance_chart(labels: Sequence[str], percents: Sequence[float], *,
                     title: str = "Kehadiran (%)") -> BarChart:
    """Attendance in percent per session or activity, as horizontal bars 0-100%."""
    return BarChart(tuple(labels), (Series("Hadir", tuple(percents)),), title=title, percent=True)


def suggested_height(spec, width: float) -> float:
    """A height in which every category of `spec` gets room for its label (horizontal
    bars: about two lines each), within sensible bounds."""
    if isinstance(spec, ProgressChart):
        n = len(spec.rows)
    elif isinstance(spec, BarChart) and spec.horizontal:
        n = len(spec.categories)
    else:
        return max(160.0, min(260.0, width * 0.45))
    per = 22.0 if not isinstance(spec, BarChart) or spec.stacked or len(spec.series) < 2 \
        else 12.0 * len(spec.series) + 8
    return max(110.0, min(640.0, 62.0 + per * max(n, 1)))


# ---------------------------------------------------------------- shared pieces

class _Canvas:
    """Collects shapes."""

    def __init__(self):
        self.shapes: list[Shape] = []

    def add(self, shape: Shape) -> None:
        self.shapes.append(shape)

    def lines(self, x: float, y: float, lines: Sequence[str], *, size: float = LABEL_SIZE,
              align: str = "left", bold: bool = False, colour: str = INK) -> None:
        for index, line in enumerate(lines):
            self.add(Text(x, y + index * size * LEADING, line, size, bold, align, 0.0, colour))


def _header(canvas: _Canvas, title: str, names: Sequence[str], width: float, *,
            fills: Sequence[str] | None = None) -> float:
    """The title and the legend from the top; returns the y under them."""
    y = PAD
    if title:
        for line in wrap_label(title, width - 2 * PAD, TITLE_SIZE, bold=True, max_lines=2):
            canvas.add(Text(width / 2, y + TITLE_SIZE, line, TITLE_SIZE, True, "centre"))
            y += TITLE_SIZE * LEADING
        y += 3
    if names:
        fills = list(fills or (PALETTE[i % len(PALETTE)] for i in range(len(names))))
        x, swatch, gap = PAD, 8.0, 10.0
        row_y = y
        for name, fill in zip(names, fills, strict=True):
            room = swatch + 3 + text_width(name)
            if x > PAD and x + room > width - PAD:
                x, row_y = PAD, row_y + 12
            canvas.add(Rect(x, row_y + 1, swatch, swatch, fill))
            canvas.add(Text(x + swatch + 3, row_y + 8, name, LABEL_SIZE))
            x += room + gap
        y = row_y + 14
    return y


def _empty(canvas: _Canvas, top: float, width: float, height: float) -> Chart:
    middle = top + max(12.0, (height - top) / 2)
    canvas.add(Text(width / 2, middle, NO_DATA, 9.0, False, "centre", 0.0, MUTED))
    return Chart(width, max(height, middle + PAD), tuple(canvas.shapes))


@dataclass
class _Band:
    """One category's place along the category axis."""

    start: float
    size: float
    label: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- bars and lines

class _BarLayout:
    def __init__(self, spec: BarChart, width: float, height: float, lines: bool = False):
        self.spec, self.width, self.height, self.as_lines = spec, width, height, lines
        self.canvas = _Canvas()
        self.values = [[max(0.0, float(v or 0)) for v in s.values] for s in spec.series]
        n = len(spec.categories)
        self.values = [(v + [0.0] * n)[:n] for v in self.values]

    def totals(self) -> list[float]:
        columns = list(zip(*self.values, strict=True)) if self.values else []
        return [sum(c) if self.spec.stacked else max(c, default=0.0) for c in columns]

    def ticks(self) -> list[float]:
        if self.spec.percent:
            return [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        integer = all(float(v).is_integer() for s in self.values for v in s)
        return nice_ticks(max(self.totals(), default=0.0), integer=integer)

    def value_text(self, value: float) -> str:
        return format_percent(value) if self.spec.percent else format_number(value)

    def chart(self) -> Chart:
        spec = self.spec
        named = [s.name for s in spec.series]
        legend = named if len(named) > 1 else []
        top = _header(self.canvas, spec.title, legend, self.width)
        if not spec.categories or not any(any(v) for v in self.values):
            return _empty(self.canvas, top, self.width, self.height)
        if spec.horizontal:
            self._horizontal(top)
        else:
            self._vertical(top)
        return Chart(self.width, self.height, tuple(self.canvas.shapes))

    # -- horizontal bars: categories down the left, the value axis along the bottom
    def _horizontal(self, top: float) -> None:
        spec, canvas, ticks = self.spec, self.canvas, self.ticks()
        n = len(spec.categories)
        bottom = self.height - PAD - LABEL_SIZE * LEADING - 2
        band = (bottom - top) / n
        widest = max(text_width(c) for c in spec.categories)
        label_w = min(widest + 2, self.width * 0.34)
        value_w = max(text_width(self.value_text(t)) for t in [*self.totals(), ticks[-1]]) + 6
        x0, x1 = PAD + label_w + 6, self.width - PAD - value_w
        scale = (x1 - x0) / ticks[-1]
        for tick in ticks:
            x = x0 + tick * scale
            canvas.add(Line(x, top, x, bottom, GRID if tick else OUTLINE, 0.4 if tick else 0.7))
            canvas.add(Text(x, bottom + LABEL_SIZE + 2, self.value_text(tick), LABEL_SIZE,
                            align="centre", colour=MUTED))
        max_lines = max(1, min(MAX_LABEL_LINES, int(band / (LABEL_SIZE * LEADING))))
        thickness = min(band * 0.66, 18.0 if spec.stacked or len(self.values) == 1 else 30.0)
        for index, category in enumerate(spec.categories):
            y = top + index * band
            lines = wrap_label(category, label_w, max_lines=max_lines)
            first = y + band / 2 - (len(lines) * LABEL_SIZE * LEADING) / 2 + LABEL_SIZE
            canvas.lines(PAD + label_w, first, lines, align="right")
            bar_top = y + (band - thickness) / 2
            self._bars_across(index, category, bar_top, thickness, x0, scale)

    def _bars_across(self, index: int, category: str, top: float, thickness: float,
                     x0: float, scale: float) -> None:
        spec, canvas = self.spec, self.canvas
        count = len(self.values)
        x, size = x0, thickness if spec.stacked else thickness / count
        for number, values in enumerate(self.values):
            value = values[index]
            colour = PALETTE[number % len(PALETTE)]
            tip = f"{category} - {spec.series[number].name}: {self.value_text(value)}"
            y = top if spec.stacked else top + number * size
            start = x if spec.stacked else x0
            if value > 0:
                canvas.add(Rect(start, y, value * scale, size, colour, tip=tip))
            if spec.stacked:
                x += value * scale
            elif size >= 6.5:
                canvas.add(Text(start + value * scale + 3, y + size / 2 + LABEL_SIZE * 0.35,
                                self.value_text(value), LABEL_SIZE * 0.95, colour=INK))
        if spec.stacked or size < 6.5:
            total = self.totals()[index]
            canvas.add(Text(x0 + total * scale + 3, top + thickness / 2 + LABEL_SIZE * 0.35,
                            self.value_text(total), LABEL_SIZE, bold=count > 1))

    # -- vertical columns (or lines): categories along the bottom, values up the left
    def _vertical(self, top: float) -> None:
        spec, canvas, ticks = self.spec, self.canvas, self.ticks()
        n = len(spec.categories)
        tick_w = max(text_width(self.value_text(t)) for t in ticks)
        x0, x1 = PAD + tick_w + 5, self.width - PAD
        band = (x1 - x0) / n
        labels = [wrap_label(c, band - 2) for c in spec.categories]
        rows = max(len(lines) for lines in labels)
        bottom = self.height - PAD - rows * LABEL_SIZE * LEADING - 2
        plot_top = top + LABEL_SIZE + 4  # room for the value over the tallest column
        scale = (bottom - plot_top) / ticks[-1]
        for tick in ticks:
            y = bottom - tick * scale
            canvas.add(Line(x0, y, x1, y, GRID if tick else OUTLINE, 0.4 if tick else 0.7))
            canvas.add(Text(x0 - 4, y + LABEL_SIZE * 0.35, self.value_text(tick), LABEL_SIZE,
                            align="right", colour=MUTED))
        for index, lines in enumerate(labels):
            canvas.lines(x0 + (index + 0.5) * band, bottom + LABEL_SIZE + 2, lines, align="centre")
        if self.as_lines:
            self._lines(x0, band, bottom, scale)
            return
        for index, category in enumerate(spec.categories):
            self._columns(index, category, x0 + index * band, band, bottom, scale)

    def _columns(self, index: int, category: str, left: float, band: float, bottom: float,
                 scale: float) -> None:
        spec, canvas = self.spec, self.canvas
        count = len(self.values)
        thickness = min(band * 0.66, 34.0 if spec.stacked or count == 1 else 16.0 * count)
        size = thickness if spec.stacked else thickness / count
        start = left + (band - thickness) / 2
        y = bottom
        for number, values in enumerate(self.values):
            value = values[index]
            x = start if spec.stacked else start + number * size
            tip = f"{category} - {spec.series[number].name}: {self.value_text(value)}"
            if value > 0:
                height = value * scale
                y_top = (y if spec.stacked else bottom) - height
                canvas.add(Rect(x, y_top, size, height, PALETTE[number % len(PALETTE)], tip=tip))
                if spec.stacked:
                    y = y_top
            if not spec.stacked and count > 1 and value > 0 and size >= 14:
                canvas.add(Text(x + size / 2, bottom - value * scale - 2,
                                self.value_text(value), LABEL_SIZE * 0.9, align="centre"))
        if spec.stacked or count == 1:
            total = self.totals()[index]
            if total > 0:
                canvas.add(Text(left + band / 2, bottom - total * scale - 3,
                                self.value_text(total), LABEL_SIZE, bold=count > 1,
                                align="centre"))

    def _lines(self, x0: float, band: float, bottom: float, scale: float) -> None:
        spec, canvas = self.spec, self.canvas
        for number, values in enumerate(self.values):
            colour = PALETTE[number % len(PALETTE)]
            points = [(x0 + (i + 0.5) * band, bottom - v * scale) for i, v in enumerate(values)]
            for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
                canvas.add(Line(ax, ay, bx, by, colour, 1.6))
            for (x, y), value, category in zip(points, values, spec.categories, strict=True):
                canvas.add(Dot(x, y, 2.6, colour, tip=f"{category} - {spec.series[number].name}: "
                                                      f"{self.value_text(value)}"))
                if len(self.values) == 1:
                    canvas.add(Text(x, y - 5, self.value_text(value), LABEL_SIZE, align="centre"))


# ---------------------------------------------------------------- reach against target

def _progress_layout(spec: ProgressChart, width: float, height: float) -> Chart:
    canvas = _Canvas()
    fills = (PALETTE[0], PALETTE[2], TARGET_FILL)
    top = _header(canvas, spec.title, spec.names, width, fills=fills)
    if not spec.rows or not any(r.target or r.planned or r.reached for r in spec.rows):
        return _empty(canvas, top, width, height)
    bottom = height - PAD - LABEL_SIZE * LEADING - 2
    n = len(spec.rows)
    band = (bottom - top) / n
    ticks = nice_ticks(max(max(r.target, r.planned, r.reached) for r in spec.rows),
                       integer=all(float(v).is_integer() for r in spec.rows
                                   for v in (r.target, r.planned, r.reached)))
    label_w = min(max(text_width(r.label) for r in spec.rows) + 2, width * 0.34)
    notes = [_progress_note(r) for r in spec.rows]
    note_w = max(text_width(t) for t in notes) + 6
    x0, x1 = PAD + label_w + 6, width - PAD - note_w
    scale = (x1 - x0) / ticks[-1]
    for tick in ticks:
        x = x0 + tick * scale
        canvas.add(Line(x, top, x, bottom, GRID if tick else OUTLINE, 0.4 if tick else 0.7))
        canvas.add(Text(x, bottom + LABEL_SIZE + 2, format_number(tick), LABEL_SIZE,
                        align="centre", colour=MUTED))
    max_lines = max(1, min(MAX_LABEL_LINES, int(band / (LABEL_SIZE * LEADING))))
    thickness = min(band * 0.7, 18.0)
    for index, (row, note) in enumerate(zip(spec.rows, notes, strict=True)):
        y = top + index * band
        lines = wrap_label(row.label, label_w, max_lines=max_lines)
        first = y + band / 2 - (len(lines) * LABEL_SIZE * LEADING) / 2 + LABEL_SIZE
        canvas.lines(PAD + label_w, first, lines, align="right")
        middle = y + band / 2
        tip = (f"{row.label}: {spec.names[0].lower()} {format_number(row.reached)}, "
               f"{spec.names[1].lower()} {format_number(row.planned)}, "
               f"{spec.names[2].lower()} {format_number(row.target)}")
        if row.target > 0:
            canvas.add(Rect(x0, middle - thickness / 2, row.target * scale, thickness,
                            TARGET_FILL, tip=tip))
        if row.planned > 0:
            canvas.add(Rect(x0, middle - thickness * 0.3, row.planned * scale, thickness * 0.6,
                            PALETTE[2], tip=tip))
        if row.reached > 0:
            canvas.add(Rect(x0, middle - thickness * 0.16, row.reached * scale,
                            thickness * 0.32, PALETTE[0], None, tip=tip))
        end = max(row.target, row.planned, row.reached) * scale
        canvas.add(Text(x0 + end + 3, middle + LABEL_SIZE * 0.35, note, LABEL_SIZE))
    return Chart(width, height, tuple(canvas.shapes))


def _progress_note(row: Progress) -> str:
    """`12 dari 33 (36,4%)`: reached of the target."""
    if not row.target:
        return format_number(row.reached)
    return (f"{format_number(row.reached)} dari {format_number(row.target)} "
            f"({format_percent(100.0 * row.reached / row.target)})")
