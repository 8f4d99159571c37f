"""Build the map of the 18 regions (src/monoreg/publish/static/map/france-regions.json),
drawn by the portal and on the PDF cover, from openly licensed geometry: the departments of
the PyPI package `pygal-maps-fr` (LGPL 3.0 or later, Kozea), merged into regions through the
official department → region codes (department-regions.csv, INSEE COG 2020).

The package draws departments with Bézier curves; they are flattened to polygons, merged per
region with shapely (a small closing joins the gaps between neighbours' outlines), simplified
and written as SVG path data. Run once, by a developer, when the geometry must change:

    .venv/bin/pip install pygal-maps-fr shapely svgpathtools   # dev-only, not shipped
    .venv/bin/python scripts/map/build_region_map.py

The overseas regions keep the package's insets (their own scale, left and right of the
metropolitan map); Saint-Pierre-et-Miquelon (975) is not a region and is left out, as is the
package's enlarged inset of Paris and its inner ring.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pygal_maps_fr
from lxml import etree
from shapely import affinity
from shapely.geometry import MultiPolygon, Polygon
from shapely.ops import unary_union
from svgpathtools import parse_path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]
SOURCE = Path(pygal_maps_fr.__file__).with_name("fr.departments.svg")
OUT = PROJECT / "src" / "monoreg" / "publish" / "static" / "map" / "france-regions.json"
REGIONS = PROJECT / "data" / "reference" / "regions.csv"
SVG = "{http://www.w3.org/2000/svg}"
SAMPLES = 8          # points per curve segment when flattening
CLOSING = 1.5        # map units: joins the hairline gaps between departments
TOLERANCE = 1.2      # map units: simplification (the source is 2000 units wide)
SCALE = 0.3          # the output's units: a 600-unit-wide drawing


def _departments() -> dict[str, str]:
    lines = (line for line in (HERE / "department-regions.csv").open(encoding="utf-8")
             if not line.startswith("#"))
    return {row["dep"]: row["reg"] for row in csv.DictReader(lines)}


def _region_names() -> dict[str, str]:
    with REGIONS.open(encoding="utf-8") as f:
        lines = (line for line in f if not line.startswith("#"))
        rows = list(csv.DictReader(lines, delimiter=";"))
    return {row["code"]: row["name"] for row in rows if "code" in row}


def _translation(element: etree._Element) -> tuple[float, float]:
    match = re.search(r"translate\(([-\d.]+)[ ,]+([-\d.]+)\)", element.get("transform", ""))
    return (float(match.group(1)), float(match.group(2))) if match else (0.0, 0.0)


def _polygon(d: str) -> Polygon | MultiPolygon:
    """A path's closed subpaths as polygons (holes by even-odd union)."""
    rings = []
    for subpath in parse_path(d).continuous_subpaths():
        points = []
        for segment in subpath:
            for n in range(SAMPLES):
                z = segment.point(n / SAMPLES)
                points.append((z.real, z.imag))
        if len(points) >= 3:
            ring = Polygon(points).buffer(0)
            if not ring.is_empty:
                rings.append(ring)
    return unary_union(rings)


def _path_data(shape: Polygon | MultiPolygon) -> str:
    polygons = shape.geoms if isinstance(shape, MultiPolygon) else [shape]
    parts = []
    for polygon in polygons:
        for ring in (polygon.exterior, *polygon.interiors):
            coords = list(ring.coords)[:-1]
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in coords) + "Z")
    return "".join(parts)


def main() -> None:
    region_of = _departments()
    tree = etree.parse(str(SOURCE))
    shapes: dict[str, list[Polygon | MultiPolygon]] = {}
    for group_id in ("departements", "dom-com"):
        group = tree.find(f".//{SVG}g[@id='{group_id}']")
        dx, dy = _translation(group)
        for department in group.iter(f"{SVG}g"):
            code = next((c[1:] for c in department.get("class", "").split()
                         if c.startswith("z")), None)
            if code is None or code not in region_of:
                continue
            for path in department.iter(f"{SVG}path"):
                shape = affinity.translate(_polygon(path.get("d")), dx, dy)
                shapes.setdefault(region_of[code], []).append(shape)
    names = _region_names()
    merged = {code: unary_union(parts).buffer(CLOSING).buffer(-CLOSING)
              .simplify(TOLERANCE, preserve_topology=True) for code, parts in shapes.items()}
    scaled = {code: affinity.scale(shape, SCALE, SCALE, origin=(0, 0))
              for code, shape in merged.items()}
    x0, y0, x1, y1 = unary_union(list(scaled.values())).bounds
    data = {
        "source": "pygal-maps-fr 1.1.0 (PyPI, Kozea), fr.departments.svg, LGPL-3.0-or-later; "
                  "departments merged into regions (INSEE COG 2020) by "
                  "scripts/map/build_region_map.py",
        "licence": "LGPL-3.0-or-later",
        "viewBox": f"{x0 - 4:.0f} {y0 - 4:.0f} {x1 - x0 + 8:.0f} {y1 - y0 + 8:.0f}",
        "regions": [{"code": code, "name": names.get(code, code), "d": _path_data(shape)}
                    for code, shape in sorted(scaled.items())],
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(f"{OUT.relative_to(PROJECT)}: {len(data['regions'])} regions, "
          f"{OUT.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
