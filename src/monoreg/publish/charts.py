"""Charts: the figures a chart declares (layout.yaml) → one Vega-Lite spec → one SVG.

The SVG is drawn by chart_svg from that spec (the bar charts the layout declares), or else
rendered offline by vl-convert with a French number locale taken from Babel; the same SVG
goes into the HTML page and the PDF. Labels on bars are formatted by
monoreg.formatting. A chart draws only trusted figures (as printed with no doubt, or
corrected): one flagged, withheld or published with a caveat is left out, and the chart says
so under it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

import vl_convert
from babel.numbers import get_decimal_symbol, get_group_symbol

from monoreg import formatting as fr
from monoreg.derive import figure_text as figures
from monoreg.derive.ratios import share
from monoreg.model import QUALITY_LEGEND, Catalog, Edition, Observation, Period, QualityStatus
from monoreg.publish.chart_svg import draw
from monoreg.publish.document import Cell, Chart, Row, Table
from monoreg.publish.findings import FindingIndex
from monoreg.publish.layout import ChartKind, ChartSpec
from monoreg.publish.sources import source_line

FONT = "Liberation Sans, DejaVu Sans, sans-serif"
COLOURS = ["#1f4e79", "#c55a11", "#4d8f3a", "#7a5195"]
WIDTH, HEIGHT = 460, 200

# d3-format's locale, from Babel's French symbols (the same as monoreg.formatting uses).
D3_LOCALE = {
    "decimal": get_decimal_symbol(fr.LOCALE),
    "thousands": get_group_symbol(fr.LOCALE),
    "grouping": [3],
    "currency": ["", f"{fr.NBSP}€"],
    "percent": f"{fr.NBSP}%",
}


@dataclass(frozen=True)
class Point:
    x: str
    series: str
    value: Decimal
    label: str
    group: str | None = None


@dataclass(frozen=True)
class ChartData:
    points: tuple[Point, ...]
    used: tuple[Observation, ...]
    omitted: tuple[str, ...]
    y_title: str
    x_order: tuple[str, ...]
    remarks: tuple[str, ...] = ()


def _observations(edition: Edition, spec: ChartSpec, indicator: str,
                  territory: str) -> list[Observation]:
    found = [o for o in edition.observations
             if o.place == spec.section and o.indicator == indicator and o.territory == territory]
    return sorted(found, key=lambda o: o.period.sort_key())


def _usable(o: Observation, catalog: Catalog, findings: FindingIndex,
            omitted: list[str], what: str) -> bool:
    if o.value is None:
        return False
    if findings.blocks((o,)):
        status = o.quality.status
        why = ("incohérence signalée par la validation" if status is QualityStatus.OK
               else QUALITY_LEGEND[status].label.lower())
        omitted.append(f"{what}, {o.period.label()} ({why})")
        return False
    return True


def _period_data(edition: Edition, spec: ChartSpec, catalog: Catalog,
                 findings: FindingIndex) -> ChartData:
    points, used, periods = [], [], []
    omitted: list[str] = []
    for series in spec.series:
        what = f"{series.label} ({series.group})" if series.group else series.label
        for o in _observations(edition, spec, series.indicator, edition.region):
            if not _usable(o, catalog, findings, omitted, what):
                continue
            periods.append(o.period)
            used.append(o)
            points.append(Point(o.period.label(), series.label, figures.value(o, catalog) or
                                Decimal(0), figures.text(o, catalog), series.group))
    order = tuple(dict.fromkeys(p.label() for p in sorted(periods)))
    return ChartData(tuple(points), tuple(used), tuple(omitted),
                     _y_title(spec, catalog), order)


def _category_data(edition: Edition, spec: ChartSpec, catalog: Catalog,
                   findings: FindingIndex) -> ChartData:
    points, used = [], []
    omitted: list[str] = []
    for series in spec.series:
        for o in _observations(edition, spec, series.indicator, edition.region):
            if _usable(o, catalog, findings, omitted, series.label):
                used.append(o)
                points.append(Point(series.label, o.period.label(),
                                    figures.value(o, catalog) or Decimal(0),
                                    figures.text(o, catalog)))
    return ChartData(tuple(points), tuple(used), tuple(omitted), _y_title(spec, catalog),
                     tuple(s.label for s in spec.series))


def _share_data(edition: Edition, spec: ChartSpec, catalog: Catalog,
                findings: FindingIndex) -> ChartData:
    """Each series' share of the total of the series, for the region and for France."""
    points, used = [], []
    omitted: list[str] = []
    territories = dict.fromkeys(
        [edition.region] + [o.territory for o in edition.observations
                            if o.place == spec.section and o.territory != edition.region
                            and o.indicator == spec.series[0].indicator])
    for territory in territories:
        name = figures.territory_name(territory, catalog)
        latest = []
        for series in spec.series:
            found = [o for o in _observations(edition, spec, series.indicator, territory)
                     if _usable(o, catalog, findings, omitted, f"{series.label}, {name}")]
            latest.append(found[-1] if found else None)
        if any(o is None for o in latest):
            continue
        values = [figures.value(o, catalog) or Decimal(0) for o in latest if o]
        total = sum(values, Decimal(0))
        for series, o, value in zip(spec.series, latest, values, strict=True):
            part = share(value, total)
            if part is None or o is None:
                continue
            used.append(o)
            points.append(Point(series.label, name, part, fr.percent(part, 1)))
    remark = ("Parts calculées sur le total des secteurs représentés, à partir des effectifs "
              "imprimés.")
    return ChartData(tuple(points), tuple(used), tuple(omitted), "part (%)",
                     tuple(s.label for s in spec.series), (remark,))


def _y_title(spec: ChartSpec, catalog: Catalog) -> str:
    unit = catalog.units[catalog.indicators[spec.series[0].indicator].unit]
    # The SVG's text escapes the document's typography rules: its apostrophe is set here.
    return unit.label.replace("'", "’")


def chart_data(edition: Edition, spec: ChartSpec, catalog: Catalog,
               findings: FindingIndex) -> ChartData:
    match spec.kind:
        case ChartKind.PERIODS:
            return _period_data(edition, spec, catalog, findings)
        case ChartKind.CATEGORIES:
            return _category_data(edition, spec, catalog, findings)
        case ChartKind.SHARES:
            return _share_data(edition, spec, catalog, findings)
    raise AssertionError(spec.kind)


# -- Vega-Lite ---------------------------------------------------------------------------
# Every text of a chart, in px of its drawing: a phone shows charts at their drawn size, and
# 12 px stays readable there (11 px at least).
LABEL_SIZE = 12


def vega_lite(spec: ChartSpec, data: ChartData) -> dict[str, Any]:
    """The Vega-Lite spec: bars by x, coloured by series (stacked or side by side)."""
    values = [{"x": p.x, "series": p.series, "value": float(p.value), "label": p.label,
               "group": p.group or ""} for p in data.points]
    series = list(dict.fromkeys(p.series for p in data.points))
    colour = {"field": "series", "type": "nominal", "title": None,
              "scale": {"domain": series, "range": COLOURS[:len(series)]},
              "legend": {"orient": "bottom"} if len(series) > 1 else None}
    x = {"field": "x", "type": "nominal", "title": None, "sort": list(data.x_order),
         "axis": {"labelAngle": 0, "labelLimit": 160}}
    y = {"field": "value", "type": "quantitative", "title": data.y_title,
         "axis": {"format": ",~f", "tickCount": 5}, "stack": "zero" if spec.stack else None}
    bars: dict[str, Any] = {"mark": {"type": "bar", "tooltip": False},
                            "encoding": {"x": x, "y": y, "color": colour}}
    layers = [bars]
    if not spec.stack:
        if len(series) > 1:
            bars["encoding"]["xOffset"] = {"field": "series", "sort": series}
        text = {"mark": {"type": "text", "dy": -5, "fontSize": LABEL_SIZE, "color": "#222"},
                "encoding": {"x": x, "y": y, "text": {"field": "label"}}}
        if len(series) > 1:
            text["encoding"]["xOffset"] = {"field": "series", "sort": series}
        layers.append(text)
    body: dict[str, Any] = {"layer": layers}
    vl: dict[str, Any] = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": values},
        "config": {"font": FONT, "view": {"stroke": None},
                   "axis": {"labelFontSize": LABEL_SIZE, "titleFontSize": LABEL_SIZE, "grid": True,
                            "gridColor": "#e3e3e3"},
                   "legend": {"labelFontSize": LABEL_SIZE}},
    }
    groups = list(dict.fromkeys(p.group for p in data.points if p.group))
    if groups:
        vl.update({"facet": {"column": {"field": "group", "type": "nominal", "title": None,
                                        "sort": groups, "header": {"labelFontSize": LABEL_SIZE}}},
                   "spec": {**body, "width": WIDTH // len(groups) - 20, "height": HEIGHT},
                   "resolve": {"scale": {"y": "independent"}}})
    else:
        vl.update({**body, "width": WIDTH, "height": HEIGHT})
    return vl


@lru_cache(maxsize=256)
def _vl_convert_svg(spec_json: str) -> str:
    return vl_convert.vegalite_to_svg(json.loads(spec_json), format_locale=D3_LOCALE)


def render_svg(vl: dict[str, Any]) -> str:
    """Drawn here when chart_svg knows the spec's shape (every chart of layout.yaml), else
    by vl-convert, cached by spec within the process."""
    svg = draw(vl)
    if svg is None:
        svg = _vl_convert_svg(json.dumps(vl, sort_keys=True, ensure_ascii=False))
    return svg


def _period_span(periods: Iterable[Period]) -> str:
    ordered = sorted(set(periods))
    labels = [p.label() for p in ordered]
    if len(labels) <= 2:
        return " et ".join(labels)
    return f"{labels[0]} à {labels[-1]}"


def _title(spec: ChartSpec, data: ChartData) -> str:
    """The declared title; a chart comparing territories names those it draws, so that it
    never promises one it left out."""
    if spec.kind is not ChartKind.SHARES:
        return spec.title
    drawn = list(dict.fromkeys(p.series for p in data.points))
    names = " et ".join([", ".join(drawn[:-1]), drawn[-1]] if len(drawn) > 1 else drawn)
    return f"{spec.title}, {names}"


def build_chart(chart_id: str, spec: ChartSpec, edition: Edition, catalog: Catalog,
                findings: FindingIndex) -> Chart | None:
    """The chart block, or None when the edition has no figure for it (or the catalogue
    does not know its indicators)."""
    if any(series.indicator not in catalog.indicators for series in spec.series):
        return None
    data = chart_data(edition, spec, catalog, findings)
    if not data.points:
        return None
    period = _period_span(o.period for o in data.used)
    title = _title(spec, data)
    table = Table(caption=f"Données du graphique : {title}",
                  columns=("Donnée", "Valeur"),
                  rows=tuple(Row(", ".join(x for x in (p.x, p.series, p.group) if x),
                                 (Cell(p.label),)) for p in data.points),
                  source=None)
    series = ", ".join(dict.fromkeys(p.series for p in data.points))
    description = (f"Graphique en barres : {title}, {period}. Séries : {series}. "
                   "Les valeurs figurent dans le tableau des données du graphique.")
    return Chart(id=chart_id, title=title,
                 svg=render_svg({**vega_lite(spec, data), "description": description}),
                 description=description, data=table,
                 source=source_line(data.used, edition, catalog), period=period,
                 remarks=data.remarks + tuple(f"Non représenté : {o}" for o in data.omitted))
