"""Server-side SVG for the portal: geometry computed here, drawn by templates/charts.html.

No script is needed to read a chart, and every chart sits next to the table that gives the
same figures (for screen readers and for copying).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from monoreg.model.names import slugify
from monoreg.web import models as m

MAP_FILE = Path(__file__).resolve().parent / "static" / "map" / "france-regions.json"


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
class LineChart:
    width: int
    height: int
    points: tuple[LinePoint, ...]
    path: str
    low_text: str
    high_text: str


def line_chart(series: m.Series) -> LineChart | None:
    """The series' values in period order (a revision is a second point of its period)."""
    known = [p for p in series.points if p.value is not None]
    if len(known) < 2:
        return None
    width, height, left, right, top, bottom = 640, 260, 60, 20, 20, 50
    periods = list(dict.fromkeys(p.figure.period for p in known))
    values = [p.value or 0.0 for p in known]
    low, high = min(values), max(values)
    span = (high - low) or abs(high) or 1.0
    low, high = low - span * 0.1, high + span * 0.1
    step = (width - left - right) / max(len(periods) - 1, 1)
    points = tuple(
        LinePoint(x=left + periods.index(p.figure.period) * step,
                  y=top + (high - (p.value or 0.0)) / (high - low) * (height - top - bottom),
                  label=p.figure.period_label, text=p.figure.text)
        for p in known)
    path = " ".join(f"{'M' if n == 0 else 'L'}{p.x:.1f},{p.y:.1f}"
                    for n, p in enumerate(points))
    lowest = min(known, key=lambda p: p.value or 0.0)
    highest = max(known, key=lambda p: p.value or 0.0)
    return LineChart(width=width, height=height, points=points, path=path,
                     low_text=lowest.figure.text, high_text=highest.figure.text)


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


@lru_cache(maxsize=1)
def _outlines() -> tuple[str, dict[str, str]]:
    data = json.loads(MAP_FILE.read_text(encoding="utf-8"))
    return data["viewBox"], {slugify(r["name"]): r["d"] for r in data["regions"]}


def france_map(regions: list[m.MapRegion]) -> FranceMap:
    """Regions with an outline are drawn to shape; the others (overseas) as labelled boxes
    in a row under the map."""
    view_box, outlines = _outlines()
    x0, y0, width, height = (float(v) for v in view_box.split())
    shapes: list[MapShape] = []
    boxes: list[MapShape] = []
    for r in regions:
        path = outlines.get(r.region.slug)
        shape = MapShape(name=r.region.name, slug=r.region.slug, text=r.text, level=r.level,
                         path=path)
        (shapes if path else boxes).append(shape)
    box_width = width / max(len(boxes), 1)
    for n, shape in enumerate(boxes):
        shapes.append(MapShape(name=shape.name, slug=shape.slug, text=shape.text,
                               level=shape.level,
                               box=(x0 + n * box_width + 4, y0 + height + 10, box_width - 8,
                                    44)))
    return FranceMap(view_box=f"{x0:g} {y0:g} {width:g} {height + 60:g}",
                     shapes=tuple(shapes))
