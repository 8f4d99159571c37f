"""The home page's map on the bundled REAL data (INSEE legal populations of 2021, 17 regions;
Mayotte has none): 18 regions drawn to shape from the openly licensed geometry, quantile
classes whose legend never overlaps, a period choice, and the table of the map's values.
The class rule itself is checked on hand-written SYNTHETIC values."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import httpx
import lxml.html

from monoreg.web.services.home_map import legend_labels, quantile_levels

MAP_DIR = Path(__file__).resolve().parents[2] / "src" / "monoreg" / "publish" / "static" / "map"


def test_quantile_classes_hold_about_as_many_regions_each() -> None:
    # SYNTHETIC: ten values, two of them equal across a class boundary.
    values = {f"r{n}": Decimal(v) for n, v in enumerate(
        ["1", "2", "3", "4", "5", "5", "7", "8", "100", "1000"])}
    classes = quantile_levels(values)
    assert [classes[f"r{n}"] for n in range(10)] == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    tied = quantile_levels({"a": Decimal(1), "b": Decimal(2), "c": Decimal(2),
                            "d": Decimal(2), "e": Decimal(3)})
    assert tied["b"] == tied["c"] == tied["d"]          # equal values, one class
    labels = legend_labels(values, classes, str)
    assert labels[0] == "de 1 à 2 (2 régions)" and labels[4] == "de 100 à 1000 (2 régions)"


def test_the_map_file_is_open_and_complete() -> None:
    data = json.loads((MAP_DIR / "france-regions.json").read_text(encoding="utf-8"))
    assert data["licence"] == "LGPL-3.0-or-later" and "pygal-maps-fr" in data["source"]
    assert len(data["regions"]) == 18
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (MAP_DIR / "LGPL-3.txt").read_text()
    assert not list(MAP_DIR.glob("LICENSE*"))   # the CC BY-NC licence went with its map


def test_home_map_classes_legend_period_and_table(real_url: str) -> None:
    page = httpx.get(real_url + "/").text
    tree = lxml.html.fromstring(page)
    assert len(tree.xpath("//svg[@class='map']//path")) == 18
    legend = [li.text_content() for li in tree.xpath("//ul[@class='legend']/li")]
    counts = [int(n) for n in re.findall(r"\((\d+) régions?\)", " ".join(legend))]
    assert len(counts) == 5 and sum(counts) == 17 and max(counts) - min(counts) <= 1
    # Classes do not overlap: each class starts above the previous one's top.
    bounds = [[Decimal(x.replace("\u202f", "").replace("\u00a0", "").replace(" ", ""))
               for x in re.findall(r"[\d\u202f\u00a0 ]+\d", label.split("(")[0])]
              for label in legend[:5]]
    assert all(bounds[n][-1] < bounds[n + 1][0] for n in range(4))
    table = tree.get_element_by_id("valeurs-carte")
    rows = table.xpath("./tbody/tr")
    assert len(rows) == 18
    mayotte = next(r for r in rows if "Mayotte" in r.text_content())
    assert "sans donnée" in mayotte.text_content()
    assert tree.xpath("//svg[@class='map']/title")[0].text_content().endswith(
        "Les valeurs sont dans le tableau sous la carte.")


def test_a_period_choice_where_the_indicator_has_several(real_url: str) -> None:
    tree = lxml.html.fromstring(httpx.get(real_url + "/?indicateur=emploi_total").text)
    options = [o.get("value") for o in tree.xpath("//select[@id='periode']/option")]
    assert len(options) >= 2
    older = options[-1]
    chosen = lxml.html.fromstring(
        httpx.get(real_url + f"/?indicateur=emploi_total&periode={older}").text)
    selected = chosen.xpath("//select[@id='periode']/option[@selected]")
    assert [o.get("value") for o in selected] == [older]
    # A period kept from another indicator falls back to this indicator's default.
    response = httpx.get(real_url + "/?indicateur=population_municipale&periode=1999")
    assert response.status_code == 200
