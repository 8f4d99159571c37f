"""The home page: the map of one indicator across regions, in classes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from monoreg import formatting as fr
from monoreg.errors import NotFound
from monoreg.web import models as m
from monoreg.web.portal import Portal, Snapshot
from monoreg.web.services.comparison import comparison
from monoreg.web.services.lists import editions, regions
from monoreg.web.services.shared import (
    indicator_info,
    region_ref,
)

DEFAULT_MAP_INDICATOR = "population_municipale"
MAP_LEVELS = 5


def map_indicators(snapshot: Snapshot, portal: Portal) -> list[m.IndicatorInfo]:
    """Indicators given for at least two regions: those a map can compare."""
    counts: dict[str, set[str]] = defaultdict(set)
    codes = {t.code for t in snapshot.catalog.territories.regions}
    for record in portal.store.observations(territories=sorted(codes)):
        if record.observation.value is not None:
            counts[record.observation.indicator].add(record.observation.territory)
    return [indicator_info(snapshot.catalog, snapshot.catalog.indicators[i])
            for i in snapshot.catalog.indicators if len(counts.get(i, ())) >= 2]


def quantile_levels(values: dict[str, Decimal], levels: int = MAP_LEVELS) -> dict[str, int]:
    """Each region's class among `levels` classes of (as near as can be) equal counts:
    regions ranked by value, the k-th of n in class floor(k × levels / n). Equal values share
    the class of the first of them, so that no value sits in two classes."""
    ranked = sorted(values.items(), key=lambda item: item[1])
    first: dict[Decimal, int] = {}
    classes = {}
    for rank, (code, value) in enumerate(ranked):
        first.setdefault(value, rank * min(levels, len(ranked)) // len(ranked))
        classes[code] = first[value]
    return classes


def legend_labels(values: dict[str, Decimal], classes: dict[str, int],
                  text: Callable[[Decimal], str]) -> list[str]:
    """One label per class: the smallest and largest value in it and how many regions; the
    classes never overlap, since each value is in one class only."""
    labels = []
    for level in sorted(set(classes.values())):
        members = sorted(values[c] for c, k in classes.items() if k == level)
        span = text(members[0]) if members[0] == members[-1] else \
            f"de {text(members[0])} à {text(members[-1])}"
        labels.append(f"{span} ({len(members)} région{'s' if len(members) > 1 else ''})")
    return labels


def home(portal: Portal, indicator_id: str | None = None,
         period: str | None = None) -> m.Home:
    snapshot = portal.snapshot()
    catalog = snapshot.catalog
    choices = snapshot.memo("map-indicators", lambda: map_indicators(snapshot, portal))
    ids = [c.id for c in choices]
    chosen = indicator_id or (DEFAULT_MAP_INDICATOR if DEFAULT_MAP_INDICATOR in ids else
                              next(iter(ids), None))
    if indicator_id and indicator_id not in ids:
        raise NotFound(f"indicateur sans chiffres régionaux à cartographier : "
                       f"« {indicator_id} »")
    compared = comparison(portal, chosen) if chosen else None
    # A period kept in the address from another indicator falls back to this one's default.
    if compared is not None and chosen and period and period != compared.period \
            and period in {p.value for p in compared.periods}:
        compared = comparison(portal, chosen, period)
    map_regions, legend = [], []
    if compared is not None:
        indicator = catalog.indicators[compared.indicator.id]
        unit = catalog.units[indicator.unit]
        values = {r.region.code: Decimal(str(r.figure.value)) for r in compared.rows
                  if not r.other_period and r.figure.value is not None}
        classes = quantile_levels(values) if values else {}
        legend = legend_labels(values, classes,
                               lambda v: fr.with_unit(v, unit, indicator.decimals))
        texts = {r.region.code: r.figure.text for r in compared.rows if not r.other_period}
        for territory in catalog.territories.regions:
            map_regions.append(m.MapRegion(region=region_ref(territory),
                                           text=texts.get(territory.code),
                                           level=classes.get(territory.code)))
    return m.Home(regions=regions(snapshot), editions=editions(snapshot)[:6],
                  map_indicators=choices, map=compared, map_regions=map_regions,
                  legend=legend)

