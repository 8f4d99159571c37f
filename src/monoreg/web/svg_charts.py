"""Server-side SVG for the portal: geometry computed here, drawn by templates/charts.html.

No script is needed to read a chart, and every chart sits next to the table that gives the
same figures (for screen readers and for copying).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from monoreg import formatting as fr
from monoreg.model import parse_period
from monoreg.publish.region_map import outlines
from monoreg.web import models as m


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    url: str
    y: float
    width: float
    current: bool = False        # the region the reader came from


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    label_width: int
    value_x: int                 # values stand in a column right of the plot
    bar_height: int
    bars: tuple[Bar, ...]
    reference_x: float | None    # France's line, when comparable to the regions
    reference_text: str | None


def bar_chart(comparison: m.Comparison, current: str | None = None) -> BarChart | None:
    """Ranked regions as horizontal bars; France as a vertical line when it is on the same
    scale (a rate or an average, not the sum of the regions)."""
    ranked = [r for r in comparison.rows if r.rank is not None and r.value is not None]
    if not ranked:
        return None
    label_width, plot, bar_height, gap = 210, 330, 18, 6
    national = comparison.national_value
    top = max(max(r.value or 0.0 for r in ranked), 0.0)
    show_reference = (national is not None and not comparison.indicator.additive
                      and 0 <= national <= top * 1.5)
    scale_top = max(top, national if show_reference and national else 0.0) or 1.0
    bars = tuple(
        Bar(label=r.region.name, text=r.figure.text, url=f"/regions/{r.region.slug}",
            y=n * (bar_height + gap), width=max((r.value or 0.0) / scale_top * plot, 0.0),
            current=r.region.slug == current)
        for n, r in enumerate(ranked))
    height = len(bars) * (bar_height + gap) + 24
    reference_x = None
    if show_reference and national is not None:
        reference_x = label_width + national / scale_top * plot
    return BarChart(width=label_width + plot + 120, height=height, label_width=label_width,
                    value_x=label_width + plot + 12, bar_height=bar_height, bars=bars,
                    reference_x=reference_x,
                    reference_text=comparison.national.text if show_reference
                    and comparison.national else None)


@dataclass(frozen=True)
class LinePoint:
    x: float
    y: float
    label: str                   # period
    text: str                    # value


@dataclass(frozen=True)
class Line:
    name: str                    # 'Normandie', 'France'
    css: str                     # 'line' (the region), 'line national'
    path: str
    points: tuple[LinePoint, ...]


@dataclass(frozen=True)
class Tick:
    position: float              # y of a value tick, x of a period tick
    text: str
    anchor: str = "middle"


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int
    right: int                   # x of the plot's right edge
    baseline: float              # y of the axis' lowest value (zero when drawn from zero)
    top: int
    lines: tuple[Line, ...]
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    y_title: str
    from_zero: bool
    description: str             # the text alternative, in chronological order


LABEL_WIDTH = 7.0   # px per character of a 12 px label, to keep labels apart


def _nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about `ticks` intervals."""
    raw = span / ticks if span > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(k * power for k in (1, 2, 5, 10) if k * power >= raw)


def _moment(period: str) -> float:
    """Where a period sits on the time axis: the middle of its span, in days."""
    p = parse_period(period)
    return (p.start.toordinal() + p.end.toordinal()) / 2


def _chronological(name: str, points: list[m.SeriesPoint]) -> str:
    first, last = points[0].figure, points[-1].figure
    if len(points) == 1:
        return f"{name} : {first.text} en {first.period_label}"
    return (f"{name} : de {first.text} ({first.period_label}) à {last.text} "
            f"({last.period_label}), {len(points)} chiffres")


def line_chart(series: m.Series) -> LineChart | None:
    """The region's values (and France's, where they exist) on a time scale: uneven gaps
    between periods show as uneven gaps; the y-axis starts at zero for positive figures
    (else it is labelled as not starting at zero); labels stay inside the drawing."""
    known = sorted((p for p in series.points if p.value is not None),
                   key=lambda p: _moment(p.figure.period))
    if len(known) < 2:
        return None
    national = sorted((p for p in series.national if p.value is not None),
                      key=lambda p: _moment(p.figure.period))
    # France is drawn over the region's span only, and only when on a comparable scale
    # (a national count next to a regional one would flatten the region's line).
    start, end = _moment(known[0].figure.period), _moment(known[-1].figure.period)
    national = [p for p in national if start <= _moment(p.figure.period) <= end]
    values = [p.value or 0.0 for p in known]
    if national and max(p.value or 0.0 for p in national) > 3 * max(values):
        national = []
    everything = values + [p.value or 0.0 for p in national]
    width, height, left, right, top, bottom = 640, 300, 72, 600, 24, 64
    low, high = min(everything), max(everything)
    from_zero = low >= 0
    if from_zero:
        low = 0.0
    step = _nice_step(high - low)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step if high > low else low + step
    decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0

    def x_of(period: str) -> float:
        return left + (_moment(period) - start) / ((end - start) or 1) * (right - left)

    def y_of(value: float) -> float:
        return top + (high - value) / (high - low) * (height - top - bottom)

    def line(name: str, css: str, points: list[m.SeriesPoint]) -> Line:
        drawn = tuple(LinePoint(x=x_of(p.figure.period), y=y_of(p.value or 0.0),
                                label=p.figure.period_label, text=p.figure.text)
                      for p in points)
        path = " ".join(f"{'M' if n == 0 else 'L'}{q.x:.1f},{q.y:.1f}"
                        for n, q in enumerate(drawn))
        return Line(name, css, path, drawn)

    lines = [line(series.region.name, "line", known)]
    if national:
        lines.append(line("France", "line national", national))
    count = round((high - low) / step)
    y_ticks = tuple(Tick(y_of(low + n * step), fr.number(Decimal(str(low + n * step)),
                                                         decimals))
                    for n in range(count + 1))
    # Period labels: the latest and the first always, the others where they touch neither.
    x_ticks: list[Tick] = []
    taken: list[tuple[float, float]] = []
    order = [known[-1], known[0], *known[1:-1]]
    for p in dict.fromkeys(order):
        x = x_of(p.figure.period)
        anchor = "start" if x - left < 40 else "end" if right - x < 40 else "middle"
        size = len(p.figure.period_label) * LABEL_WIDTH
        span = {"start": (x, x + size), "end": (x - size, x),
                "middle": (x - size / 2, x + size / 2)}[anchor]
        if any(span[0] < b + 8 and a < span[1] + 8 for a, b in taken):
            continue
        taken.append(span)
        x_ticks.append(Tick(x, p.figure.period_label, anchor))
    x_ticks.sort(key=lambda t: t.position)
    description = (f"{series.indicator.label}, courbe sur une échelle de temps"
                   f"{'' if from_zero else ' (axe ne partant pas de zéro)'}. "
                   + " ; ".join(_chronological(n, pts) for n, pts in
                                ((series.region.name, known), ("France", national)) if pts)
                   + ".")
    return LineChart(width=width, height=height, left=left, right=right,
                     baseline=y_of(low), top=top, lines=tuple(lines), y_ticks=y_ticks,
                     x_ticks=tuple(x_ticks), y_title=series.indicator.unit.label,
                     from_zero=from_zero, description=description)


@dataclass(frozen=True)
class MapShape:
    name: str
    slug: str
    text: str | None
    level: int | None
    path: str | None = None      # outline (metropolitan regions)
    box: tuple[float, float, float, float] | None = None  # x, y, w, h (overseas)


@dataclass(frozen=True)
class FranceMap:
    view_box: str
    shapes: tuple[MapShape, ...]


def france_map(regions: list[m.MapRegion]) -> FranceMap:
    """Every region drawn to shape (the overseas ones in their insets); a region the map file
    does not know is a labelled box under the map."""
    view_box, paths = outlines()
    x0, y0, width, height = (float(v) for v in view_box.split())
    shapes: list[MapShape] = []
    boxes: list[MapShape] = []
    for r in regions:
        path = paths.get(r.region.code)
        shape = MapShape(name=r.region.name, slug=r.region.slug, text=r.text, level=r.level,
                         path=path)
        (shapes if path else boxes).append(shape)
    if not boxes:
        return FranceMap(view_box=view_box, shapes=tuple(shapes))
    box_width = width / len(boxes)
    for n, shape in enumerate(boxes):
        shapes.append(MapShape(name=shape.name, slug=shape.slug, text=shape.text,
                               level=shape.level,
                               box=(x0 + n * box_width + 4, y0 + height + 10, box_width - 8,
                                    34)))
    # Each box's name is written under it, not on its colour (readable whatever the class).
    return FranceMap(view_box=f"{x0:g} {y0:g} {width:g} {height + 66:g}",
                     shapes=tuple(shapes))
