"""Bar charts drawn to SVG in Python, from the Vega-Lite spec that charts.vega_lite writes.

The monographs' charts are all vertical bars: one series, series side by side (`xOffset`) or
stacked, optionally in columns by group, each with its own y scale. Drawing them here takes
about a millisecond, where vl-convert (a JavaScript runtime) takes a tenth of a second per
chart; the spec stays the single definition of a chart. `draw` reads only the subset of
Vega-Lite it knows and returns None for anything else (another mark, an unknown property), so
that such a spec is rendered by vl-convert rather than drawn wrong.

Its look follows vl-convert's rendering of the same spec: its fonts, sizes and colours, axes
with round ticks (1, 2 or 5 times a power of ten) and a domain extended to a round value,
value labels above the bars, a legend under the chart when there are several series. Tick
labels are set by monoreg.formatting (« 150 000 », « 0,5 »).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from markupsafe import escape

from monoreg import formatting as fr

AXIS_COLOUR, TEXT_COLOUR, LABEL_COLOUR = "#888", "#000", "#222"
PADDING = 5                 # around the drawing
TICK, TICK_GAP = 5, 2       # tick length; gap between a tick and its label
CELL_SPACING = 20           # between the columns of a faceted chart
HEADER = 22                 # a column's title above its plot
LEGEND_GAP, SWATCH, LEGEND_SPACING = 22, 10, 18
# Band padding of the x scale, as fractions of a step (Vega-Lite's defaults for bars, and
# for bars placed side by side within a band).
PLAIN_BAND, OFFSET_BAND = (0.1, 0.05), (0.2, 0.2)

# Advance widths of Liberation Sans (the charts' first font), in em, to place labels and
# size margins; any other character counts as a lower-case letter.
_WIDTHS = {**dict.fromkeys("0123456789", 0.556), **dict.fromkeys(" .,:;!'’|iljfIt()", 0.278),
           fr.NNBSP: 0.2, fr.NBSP: 0.278, "%": 0.889, "m": 0.833, "w": 0.722, "-": 0.333,
           "€": 0.556}


def text_width(text: str, size: float) -> float:
    return size * sum(_WIDTHS.get(c, 0.667 if c.isupper() else 0.5) for c in text)


# -- the Vega-Lite subset -----------------------------------------------------------------
_TOP = {"$schema", "data", "config", "layer", "width", "height", "description", "facet", "spec",
        "resolve"}
_BARS_ENCODING = {"x", "y", "color", "xOffset"}
_TEXT_ENCODING = {"x", "y", "text", "xOffset"}


@dataclass(frozen=True)
class _Plan:
    rows: tuple[dict[str, Any], ...]
    x_field: str
    x_order: tuple[str, ...]
    y_field: str
    y_title: str | None
    tick_count: int
    stacked: bool
    series_field: str
    series: tuple[str, ...]
    colours: tuple[str, ...]
    legend: bool
    side_by_side: bool
    label_field: str | None
    label_size: float
    label_dy: float
    width: float
    height: float
    font: str
    font_size: float
    grid: str | None
    facet_field: str | None
    facets: tuple[str, ...]
    description: str | None


def _plan(vl: dict[str, Any]) -> _Plan | None:
    """The chart `vl` describes, or None when it steps outside the subset drawn here."""
    if not set(vl) <= _TOP or set(vl["data"]) != {"values"}:
        return None
    facet_field, facets = None, ()
    body = vl
    if "facet" in vl:
        column = vl["facet"].get("column", {})
        if set(vl["facet"]) != {"column"} or vl.get("resolve") != {
                "scale": {"y": "independent"}} or not isinstance(column.get("sort"), list):
            return None
        facet_field, facets, body = column["field"], tuple(column["sort"]), vl["spec"]
        if "layer" in vl or not set(body) <= {"layer", "width", "height"}:
            return None
    layers = body.get("layer") or []
    if not 1 <= len(layers) <= 2:
        return None
    bars, text = layers[0], layers[1] if len(layers) == 2 else None
    if bars.get("mark", {}).get("type") != "bar" or not set(bars["encoding"]) <= _BARS_ENCODING:
        return None
    if text is not None and (text.get("mark", {}).get("type") != "text"
                             or not set(text["encoding"]) <= _TEXT_ENCODING):
        return None
    x, y, colour = (bars["encoding"].get(k, {}) for k in ("x", "y", "color"))
    axis = y.get("axis", {})
    if (x.get("type") != "nominal" or y.get("type") != "quantitative"
            or colour.get("type") != "nominal" or axis.get("format") != ",~f"
            or y.get("stack") not in ("zero", None) or not isinstance(x.get("sort"), list)):
        return None
    rows = tuple(vl["data"]["values"])
    # The x domain, as Vega-Lite makes it: the values drawn, in the sort's order (a value
    # with no figure left gets no empty slot that would read as zero).
    present = list(dict.fromkeys(r[x["field"]] for r in rows))
    order = [v for v in x["sort"] if v in present] + [v for v in present if v not in x["sort"]]
    config = vl.get("config", {})
    axis_config = config.get("axis", {})
    mark = text["mark"] if text else {}
    return _Plan(
        rows=rows, x_field=x["field"], x_order=tuple(order),
        y_field=y["field"], y_title=y.get("title"), tick_count=axis.get("tickCount", 10),
        stacked=y.get("stack") == "zero", series_field=colour["field"],
        series=tuple(colour["scale"]["domain"]), colours=tuple(colour["scale"]["range"]),
        legend=colour.get("legend") is not None, side_by_side="xOffset" in bars["encoding"],
        label_field=text["encoding"]["text"]["field"] if text else None,
        label_size=mark.get("fontSize", 11), label_dy=mark.get("dy", 0),
        width=body["width"], height=body["height"], font=config.get("font", "sans-serif"),
        font_size=axis_config.get("labelFontSize", 10),
        grid=axis_config.get("gridColor", "#ddd") if axis_config.get("grid") else None,
        facet_field=facet_field, facets=facets, description=vl.get("description"))


# -- scales ----------------------------------------------------------------------------------
def tick_step(low: float, high: float, count: int) -> float:
    """A round step (1, 2 or 5 times a power of ten) cutting [low, high] into about `count`
    intervals."""
    raw = (high - low) / count
    if raw <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    error = raw / power
    factor = 10 if error >= math.sqrt(50) else 5 if error >= math.sqrt(10) else \
        2 if error >= math.sqrt(2) else 1
    return factor * power


def nice_domain(low: float, high: float, count: int = 10) -> tuple[float, float]:
    """[low, high] extended to multiples of a round step; zero is always inside."""
    low, high = min(low, 0.0), max(high, 0.0)
    if low == high:
        return 0.0, 1.0
    for _ in range(2):  # a wider domain can call for a larger step: settle it
        step = tick_step(low, high, count)
        low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    return low, high


def ticks(low: float, high: float, count: int) -> list[Decimal]:
    """The round values between low and high, exact (Decimal) for their labels."""
    step = Decimal(repr(tick_step(low, high, count)))
    first, last = math.ceil(low / float(step)), math.floor(high / float(step))
    return [(n * step).normalize() for n in range(first, last + 1)]


def tick_label(value: Decimal) -> str:
    """A tick as d3's ',~f' writes it, in French: no trailing zero (« 0,5 », « 2 000 »)."""
    places = max(0, -int(value.as_tuple().exponent))
    return fr.number(value, places)


def _bands(count: int, width: float, padding: tuple[float, float]) -> tuple[float, float]:
    """The step between bands and the width of a band, for `count` bands over `width`."""
    inner, outer = padding
    step = width / max(count - inner + 2 * outer, 1)
    return step, step * (1 - inner)


# -- drawing ---------------------------------------------------------------------------------
def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


class _Canvas:
    def __init__(self, plan: _Plan) -> None:
        self.plan = plan
        self.parts: list[str] = []

    def text(self, x: float, y: float, content: str, anchor: str = "middle", *,
             size: float | None = None, fill: str = TEXT_COLOUR, bold: bool = False,
             rotate: bool = False) -> None:
        where = f'x="{_n(x)}" y="{_n(y)}"'
        if rotate:
            where = f'transform="translate({_n(x)},{_n(y)}) rotate(-90)"'
        weight = ' font-weight="bold"' if bold else ""
        self.parts.append(
            f'<text {where} text-anchor="{anchor}" font-size="{_n(size or self.plan.font_size)}"'
            f'{weight} fill="{fill}">{escape(content)}</text>')

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str) -> None:
        self.parts.append(f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
                          f'stroke="{colour}"/>')

    def rect(self, x: float, y: float, width: float, height: float, colour: str,
             label: str | None = None) -> None:
        title = f"<title>{escape(label)}</title>" if label else ""
        self.parts.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" '
                          f'height="{_n(height)}" fill="{colour}">{title}</rect>')


@dataclass(frozen=True)
class _Bar:
    x: str
    series: str
    low: float
    high: float
    label: str | None


def _bars(plan: _Plan, rows: list[dict[str, Any]]) -> list[_Bar]:
    """Each row's bar, from `low` to `high` in data units; stacked bars pile up from zero in
    the reverse order of the series (the first series on top), as Vega-Lite stacks them."""
    if not plan.stacked:
        return [_Bar(r[plan.x_field], r[plan.series_field], 0.0, r[plan.y_field],
                     r.get(plan.label_field) if plan.label_field else None) for r in rows]
    bars = []
    rank = {s: n for n, s in enumerate(plan.series)}
    for x in plan.x_order:
        positive = negative = 0.0
        here = sorted((r for r in rows if r[plan.x_field] == x),
                      key=lambda r: -rank.get(r[plan.series_field], 0))
        for r in here:
            value = r[plan.y_field]
            base = positive if value >= 0 else negative
            bars.append(_Bar(x, r[plan.series_field], base, base + value, None))
            if value >= 0:
                positive += value
            else:
                negative += value
    return bars


def _axis_width(labels: list[str], plan: _Plan) -> float:
    widest = max((text_width(t, plan.font_size) for t in labels), default=0.0)
    title = plan.font_size + 4 if plan.y_title else 0.0
    return TICK + TICK_GAP + widest + title


def _cell(canvas: _Canvas, plan: _Plan, rows: list[dict[str, Any]], left: float,
          top: float) -> float:
    """One plot (a facet's column, or the whole chart), its y axis starting at `left`;
    returns the x where the plot starts."""
    width, height = plan.width, plan.height
    bars = _bars(plan, rows)
    low, high = nice_domain(min((b.high for b in bars), default=0.0),
                            max((b.high for b in bars), default=0.0))
    values = ticks(low, high, plan.tick_count)
    labels = [tick_label(v) for v in values]
    axis = _axis_width(labels, plan)
    x0 = left + axis

    def y_of(value: float) -> float:
        return top + (high - value) / (high - low) * height

    for value, label in zip(values, labels, strict=True):
        y = y_of(float(value))
        if plan.grid:
            canvas.line(x0, y, x0 + width, y, plan.grid)
        canvas.line(x0 - TICK, y, x0, y, AXIS_COLOUR)
        canvas.text(x0 - TICK - TICK_GAP, y + plan.font_size / 3, label, "end")
    if plan.y_title:
        canvas.text(x0 - axis + plan.font_size - 2, top + height / 2, plan.y_title,
                    bold=True, rotate=True)
    step, band = _bands(len(plan.x_order), width,
                        OFFSET_BAND if plan.side_by_side else PLAIN_BAND)
    outer = (width - step * len(plan.x_order) + step - band) / 2
    start = {x: x0 + outer + n * step for n, x in enumerate(plan.x_order)}
    drawn = [s for s in plan.series if any(b.series == s for b in bars)]
    slot = band / len(drawn) if plan.side_by_side and drawn else band
    colour = dict(zip(plan.series, plan.colours, strict=False))
    for bar in bars:
        if bar.x not in start:
            continue
        x = start[bar.x] + (drawn.index(bar.series) * slot if plan.side_by_side else 0.0)
        y1, y2 = sorted((y_of(bar.low), y_of(bar.high)))
        canvas.rect(x, y1, slot, y2 - y1, colour.get(bar.series, AXIS_COLOUR),
                    f"{bar.x}, {bar.series}{fr.NBSP}: {bar.label}" if bar.label else None)
        if bar.label:
            canvas.text(x + slot / 2, y_of(bar.high) + plan.label_dy, bar.label,
                        size=plan.label_size, fill=LABEL_COLOUR)
    bottom = top + height
    canvas.line(x0, top, x0, bottom, AXIS_COLOUR)
    canvas.line(x0, y_of(0.0), x0 + width, y_of(0.0), AXIS_COLOUR)
    for name, where in start.items():
        centre = where + band / 2
        canvas.line(centre, bottom, centre, bottom + TICK, AXIS_COLOUR)
        canvas.text(centre, bottom + TICK + TICK_GAP + plan.font_size * 0.75, name)
    return x0


def _legend(canvas: _Canvas, plan: _Plan, left: float, top: float) -> None:
    x = left
    for name, colour in zip(plan.series, plan.colours, strict=False):
        canvas.rect(x, top, SWATCH, SWATCH, colour)
        canvas.text(x + SWATCH + 6, top + SWATCH - 1, name, "start")
        x += SWATCH + 6 + text_width(name, plan.font_size) + LEGEND_SPACING


def _groups(plan: _Plan) -> Iterator[tuple[str | None, list[dict[str, Any]]]]:
    if plan.facet_field is None:
        yield None, list(plan.rows)
        return
    for facet in plan.facets:
        yield facet, [r for r in plan.rows if r.get(plan.facet_field) == facet]


def draw(vl: dict[str, Any]) -> str | None:
    """The SVG of the Vega-Lite spec `vl`, or None when it is not a bar chart of the subset
    drawn here."""
    try:
        plan = _plan(vl)
    except (KeyError, TypeError, AttributeError):  # a property of an unexpected shape
        return None
    if plan is None or any(not isinstance(r.get(plan.y_field), int | float) for r in plan.rows):
        return None
    canvas = _Canvas(plan)
    # Room above the plot for a value label over the highest bar, and for column titles.
    top = PADDING + (plan.label_size + abs(plan.label_dy) if plan.label_field else 0.0)
    top += HEADER if plan.facet_field else 0.0
    right: float = PADDING
    plots: list[float] = []
    for facet, rows in _groups(plan):
        plots.append(_cell(canvas, plan, rows, right, top))
        if facet is not None:
            canvas.text(plots[-1] + plan.width / 2, top - HEADER + plan.font_size, facet)
        right = plots[-1] + plan.width + CELL_SPACING
    right -= CELL_SPACING
    bottom = top + plan.height + TICK + TICK_GAP + plan.font_size
    if plan.legend:
        _legend(canvas, plan, plots[0], bottom + LEGEND_GAP - SWATCH)
        bottom += LEGEND_GAP
    width, height = math.ceil(right + PADDING), math.ceil(bottom + PADDING)
    description = f"<desc>{escape(plan.description)}</desc>" if plan.description else ""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="{escape(plan.font)}">{description}'
            f'<rect width="{width}" height="{height}" fill="white"/>'
            + "".join(canvas.parts) + "</svg>")
