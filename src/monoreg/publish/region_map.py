"""The map of the 18 regions (static/map/france-regions.json, LGPL geometry built by
scripts/map/build_region_map.py): its outlines for the portal's map, and the cover's map of
France with one region in colour."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from markupsafe import escape

MAP_DIR = Path(__file__).with_name("static") / "map"
MAP_FILE = MAP_DIR / "france-regions.json"
ACCENT, OTHERS = "#1f4e79", "#d5dde6"


@cache
def outlines() -> tuple[str, dict[str, str]]:
    """The map's viewBox and each region's SVG path by INSEE code."""
    data = json.loads(MAP_FILE.read_text(encoding="utf-8"))
    return data["viewBox"], {r["code"]: r["d"] for r in data["regions"]}


def region_map_svg(region: str, name: str) -> str | None:
    """France's regions in light grey, `region` in the accent colour; None when the map has
    no outline for it."""
    view_box, paths = outlines()
    if region not in paths:
        return None
    shapes = "".join(
        f'<path d="{d}" fill="{ACCENT if code == region else OTHERS}" stroke="#ffffff" '
        f'stroke-width="0.8"/>' for code, d in paths.items())
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}" role="img" '
            f'aria-label="{escape(name)} sur la carte des régions">{shapes}</svg>')
