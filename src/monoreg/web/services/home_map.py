"""The home page: the map of one indicator across regions, in classes."""

from __future__ import annotations

from collections import defaultdict
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


def _levels(values: list[Decimal]) -> list[Decimal]:
    """Upper bounds of MAP_LEVELS equal-width classes between the smallest and largest."""
    low, high = min(values), max(values)
    step = (high - low) / MAP_LEVELS
    return [low + step * (n + 1) for n in range(MAP_LEVELS)]


def home(portal: Portal, indicator_id: str | None = None) -> m.Home:
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
    map_regions, legend = [], []
    if compared is not None:
        indicator = catalog.indicators[compared.indicator.id]
        unit = catalog.units[indicator.unit]
        values = {r.region.code: Decimal(str(r.figure.value)) for r in compared.rows
                  if not r.other_period and r.figure.value is not None}
        bounds = _levels(list(values.values())) if values else []
        lows = [min(values.values()), *bounds[:-1]] if values else []
        legend = [f"{fr.with_unit(lo, unit, indicator.decimals)} – "
                  f"{fr.with_unit(hi, unit, indicator.decimals)}"
                  for lo, hi in zip(lows, bounds, strict=True)]
        texts = {r.region.code: r.figure.text for r in compared.rows if not r.other_period}
        for territory in catalog.territories.regions:
            value = values.get(territory.code)
            level = None if value is None else next(
                (n for n, bound in enumerate(bounds) if value <= bound), MAP_LEVELS - 1)
            map_regions.append(m.MapRegion(region=region_ref(territory),
                                           text=texts.get(territory.code), level=level))
    return m.Home(regions=regions(snapshot), editions=editions(snapshot)[:6],
                  map_indicators=choices, map=compared, map_regions=map_regions,
                  legend=legend)

