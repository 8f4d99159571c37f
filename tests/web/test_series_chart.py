"""The time-series chart on the bundled REAL data (Normandie's unemployment rate: 2nd quarter
2018, 1st quarter 2019, 2nd quarter 2019; expected figures read from the print by hand):
time on a time scale, a y-axis from zero, labels inside the drawing, France's figure where it
exists, and a text alternative in chronological order."""

from __future__ import annotations

import re

import httpx
import lxml.html

SVG = "{http://www.w3.org/2000/svg}"


def _chart(real_url: str, indicator: str):  # type: ignore[no-untyped-def]
    page = httpx.get(f"{real_url}/regions/normandie/indicateurs/{indicator}").text
    return lxml.html.fromstring(page).xpath("//figure[contains(@class, 'chart')]/svg")[0]


def test_uneven_gaps_show_and_the_axis_starts_at_zero(real_url: str) -> None:
    svg = _chart(real_url, "taux_chomage")
    region = [c for c in svg.iter("circle") if "national" not in c.get("class")]
    xs = [float(c.get("cx")) for c in region]
    assert len(xs) == 3
    # Three quarters, then one: the gaps are 3 to 1, not evenly spaced.
    assert abs((xs[1] - xs[0]) / (xs[2] - xs[1]) - 3) < 0.2
    ticks = [t.text_content() for t in svg.iter("text") if t.get("text-anchor") == "end"]
    assert "0" in ticks
    width = float((svg.get("viewBox") or svg.get("viewbox")).split()[2])
    for text in svg.iter("text"):
        x = float(text.get("x", "0"))
        assert 0 <= x <= width


def test_text_alternative_reads_in_chronological_order(real_url: str) -> None:
    svg = _chart(real_url, "taux_chomage")
    title = svg.find("title").text_content()
    # The rate fell from 9 % to 8,3 %: said in that order, not « de 8,3 % à 9 % » (and with
    # the printed precision: « 9 % » is printed without a decimal).
    assert re.search(r"de 9\W%\s\(2e trimestre 2018\) à 8,3\W%\s\(2e trimestre 2019\)", title)
    assert "France" in title   # France's figure of the same span is drawn and said


def test_france_is_left_out_when_not_on_the_regions_scale(real_url: str) -> None:
    svg = _chart(real_url, "population_totale")
    assert not [c for c in svg.iter("circle") if "national" in (c.get("class") or "")]
