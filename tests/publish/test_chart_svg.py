"""The monograph's bar charts drawn in Python (publish/chart_svg.py), on the REAL Normandie
2020 edition of data/: well-formed SVG; the same texts (value labels, ticks, axis titles,
legend, column titles) and the same bar lengths as vl-convert renders from the same spec;
bars proportional to the figures; French typography; a spec outside the drawn subset still
rendered, by vl-convert."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import vl_convert
from lxml import etree

from monoreg.publish import chart_svg
from monoreg.publish.charts import COLOURS, D3_LOCALE, chart_data, render_svg, vega_lite
from monoreg.publish.findings import FindingIndex
from monoreg.publish.layout import load_layout

SVG = "{http://www.w3.org/2000/svg}"
NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.fixture(scope="module")
def specs(normandie) -> dict[str, dict[str, Any]]:  # type: ignore[no-untyped-def]
    """The Vega-Lite spec of each chart of layout.yaml on Normandie's figures (the drawing,
    not the choice of figures, is under test here: no finding leaves one out)."""
    edition, catalog = normandie.edition, normandie.catalog
    index = FindingIndex([], edition)
    found = {}
    for name, spec in load_layout().charts.items():
        data = chart_data(edition, spec, catalog, index)
        if data.points:
            found[name] = vega_lite(spec, data)
    return found


def _texts(svg: etree._Element) -> list[str]:
    return sorted(t.text for t in svg.iter(f"{SVG}text") if t.text)


def _bar_heights(svg: etree._Element) -> list[float]:
    """Bars of either renderer: rect elements (here) or vl-convert's paths 'Mx,yhWvHh-WZ'."""
    heights = [float(r.get("height")) for r in svg.iter(f"{SVG}rect")
               if r.get("fill") in COLOURS and float(r.get("width")) > 10]
    for path in svg.iter(f"{SVG}path"):
        if path.get("aria-roledescription") == "bar":
            heights.append(float(path.get("d").split("v")[1].split("h")[0]))
    return sorted(round(h, 1) for h in heights)


def test_every_chart_of_the_layout_is_drawn_here(specs) -> None:  # type: ignore[no-untyped-def]
    assert set(specs) == {"budgets", "emplois-par-secteur", "demandeurs-par-age", "apprentis"}
    for name, vl in specs.items():
        svg = chart_svg.draw(vl)
        assert svg is not None, name
        root = etree.fromstring(svg.encode())
        assert root.tag == f"{SVG}svg" and float(root.get("width")) > 300, name


def test_same_texts_and_bar_lengths_as_vl_convert(specs) -> None:  # type: ignore[no-untyped-def]
    for name, vl in specs.items():
        ours = etree.fromstring(chart_svg.draw(vl).encode())  # type: ignore[union-attr]
        theirs = etree.fromstring(vl_convert.vegalite_to_svg(
            vl, format_locale=D3_LOCALE).encode())
        assert _texts(ours) == _texts(theirs), name
        mine, reference = _bar_heights(ours), _bar_heights(theirs)
        assert len(mine) == len(reference) > 0, name
        assert all(abs(a - b) <= 0.2 for a, b in zip(mine, reference, strict=True)), name


def test_a_category_left_without_figures_has_no_empty_slot(specs) -> None:  # type: ignore[no-untyped-def]
    """An empty band under a category's name would read as zero: as vl-convert, the chart
    draws only the categories it has figures for."""
    vl = specs["demandeurs-par-age"]
    vl = {**vl, "data": {"values": [r for r in vl["data"]["values"]
                                    if r["x"] != "25 à 49 ans"]}}
    ours = etree.fromstring(chart_svg.draw(vl).encode())  # type: ignore[union-attr]
    theirs = etree.fromstring(vl_convert.vegalite_to_svg(vl, format_locale=D3_LOCALE).encode())
    assert "25 à 49 ans" not in _texts(ours)
    assert _texts(ours) == _texts(theirs)
    assert _bar_heights(ours) == pytest.approx(_bar_heights(theirs), abs=0.2)


def test_bars_are_proportional_to_the_figures(specs) -> None:  # type: ignore[no-untyped-def]
    vl = specs["demandeurs-par-age"]
    root = etree.fromstring(chart_svg.draw(vl).encode())  # type: ignore[union-attr]
    bars = {r.find(f"{SVG}title").text: float(r.get("height"))
            for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None}
    assert len(bars) == len(vl["data"]["values"]) == 6
    heights = [(row["value"], bars[f"{row['x']}, {row['series']}{NBSP}: {row['label']}"])
               for row in vl["data"]["values"]]
    scale = max(h for _, h in heights) / max(v for v, _ in heights)
    # Coordinates are written to the hundredth of a pixel.
    assert all(abs(h - v * scale) <= 0.01 for v, h in heights)
    # 25 à 49 ans in July 2018, printed « 170 770 » (French digit groups).
    assert f"25 à 49 ans, juillet 2018{NBSP}: 170{NNBSP}770" in bars


def test_ticks_are_round_and_in_french() -> None:
    assert chart_svg.nice_domain(0, 170770) == (0, 180000)
    assert chart_svg.ticks(0, 180000, 5) == [Decimal(n) for n in
                                              (0, 50000, 100000, 150000)]
    assert [chart_svg.tick_label(t) for t in chart_svg.ticks(0, 2.5, 5)] == [
        "0", "0,5", "1", "1,5", "2", "2,5"]
    assert chart_svg.tick_label(Decimal("1500")) == f"1{NNBSP}500"
    assert chart_svg.nice_domain(-3.2, 7.9) == (-4, 8)


def test_text_is_escaped(specs) -> None:  # type: ignore[no-untyped-def]
    vl = specs["apprentis"]
    vl = {**vl, "description": "R&D <b>", "data": {"values": [
        {**row, "label": "<script>&"} for row in vl["data"]["values"]]}}
    svg = chart_svg.draw(vl)
    assert svg is not None and "<script>" not in svg and "<b>" not in svg
    root = etree.fromstring(svg.encode())
    assert root.find(f"{SVG}desc").text == "R&D <b>"
    assert "<script>&" in _texts(root)


def test_a_spec_outside_the_subset_is_rendered_by_vl_convert(specs) -> None:  # type: ignore[no-untyped-def]
    vl = specs["apprentis"]
    line = {**vl, "layer": [{**vl["layer"][0], "mark": {"type": "line"}}]}
    assert chart_svg.draw(line) is None
    assert chart_svg.draw({**vl, "transform": [{"filter": "datum.value > 0"}]}) is None
    svg = render_svg(line)
    assert 'class="marks"' in svg   # vl-convert's drawing
    assert 'class="marks"' not in render_svg(vl)
