"""Regions ranked for an indicator and a period: all regions together.

Only figures for exactly the same period are ranked together; the regions without a figure
for it (none, or "non renseigné") are listed as missing, never ranked as 0. When a region has
several figures for the period, the latest known is ranked (editions by year, then official
series, then imports: a revision replaces the figure it revises). Values are compared in the
indicator's unit; the highest is first, equal values share a rank (listed by region
code).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from monoreg.editions.timeseries import known_figures
from monoreg.errors import NotFound
from monoreg.model import Catalog, Observation, Period, Polarity, Status
from monoreg.store.repository import ObservationRecord, Store


@dataclass(frozen=True)
class Ranked:
    rank: int
    region: str                    # region code
    name: str
    value: Decimal                 # in the ranking's unit
    source: str | None
    edition: str | None            # None for series and imports
    location: str | None


@dataclass(frozen=True)
class Ranking:
    indicator: str
    label: str
    period: Period
    unit: str
    polarity: Polarity             # whether a high rank is good news
    ranked: tuple[Ranked, ...]
    missing: tuple[str, ...]       # codes of the regions without a figure for the period


def rankings(store: Store, indicator: str, period: Period | None = None,
             catalog: Catalog | None = None) -> list[Ranking]:
    """One ranking per period (only `period` when given), periods in calendar order."""
    catalog = catalog or store.catalog()
    if indicator not in catalog.indicators:
        raise NotFound(f"indicateur inconnu « {indicator} »")
    regions = [r.code for r in catalog.territories.regions]
    latest: dict[str, dict[str, ObservationRecord]] = {}
    for record in known_figures(store, territories=regions, indicators=[indicator]):
        o = record.observation
        if period is not None and o.period != period:
            continue
        figures = latest.setdefault(o.period.code, {})
        if o.status is Status.VALUE or o.territory not in figures:  # a gap never hides a value
            figures[o.territory] = record
    return sorted((rank_regions(by_region, catalog, indicator)
                   for by_region in latest.values()), key=lambda r: r.period)


def rank_regions(by_region: dict[str, ObservationRecord], catalog: Catalog,
                 indicator_id: str) -> Ranking:
    indicator = catalog.indicators[indicator_id]
    unit = catalog.units[indicator.unit]
    valued: list[tuple[Decimal, ObservationRecord]] = []
    for record in by_region.values():
        o: Observation = record.observation
        if o.status is Status.VALUE and o.value is not None \
                and catalog.units[o.unit].dimension == unit.dimension:
            valued.append((catalog.units[o.unit].convert(o.value, unit), record))
    valued.sort(key=lambda item: (-item[0], item[1].observation.territory))
    ranked: list[Ranked] = []
    for position, (value, record) in enumerate(valued, 1):
        rank = ranked[-1].rank if ranked and ranked[-1].value == value else position
        o = record.observation
        ranked.append(Ranked(rank, o.territory, catalog.territories.get(o.territory).name,
                             value, o.source, record.edition,
                             str(o.provenance) if o.provenance else None))
    present = {r.region for r in ranked}
    period = next(iter(by_region.values())).observation.period
    return Ranking(indicator_id, indicator.label, period, unit.code, indicator.polarity,
                   tuple(ranked), tuple(r.code for r in catalog.territories.regions
                                        if r.code not in present))
