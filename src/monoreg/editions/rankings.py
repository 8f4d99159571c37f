"""Regions ranked for an indicator and a period: all regions together.

Only figures for exactly the same period are ranked together; the regions without a figure
for it (none, "non renseigné", or withheld by an editor) are listed as missing, never ranked
as 0. When a region has several figures for the period, the preferred one is ranked (the
one policy of derive/preferred.py, stored at load). Values are the published ones, in the
indicator's unit; the highest is first, equal values share a rank (derive/ranks.py, listed
by region code).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from monoreg.derive.published import published
from monoreg.derive.ranks import shared_ranks
from monoreg.errors import NotFound
from monoreg.model import Catalog, Period, Polarity, Status
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
    by_period: dict[str, dict[str, ObservationRecord]] = {}
    for record in store.observations(territories=regions, indicators=[indicator],
                                     preferred=True):
        o = record.observation
        if o.dimension is not None or o.status is Status.TO_FILL \
                or (period is not None and o.period != period):
            continue
        by_period.setdefault(o.period.code, {})[o.territory] = record
    return sorted((rank_regions(by_region, catalog, indicator)
                   for by_region in by_period.values()), key=lambda r: r.period)


def rank_regions(by_region: dict[str, ObservationRecord], catalog: Catalog,
                 indicator_id: str) -> Ranking:
    indicator = catalog.indicators[indicator_id]
    unit = catalog.units[indicator.unit]
    valued: list[tuple[Decimal, ObservationRecord]] = []
    for record in by_region.values():
        value, in_unit = published(record.observation, catalog)
        if value is not None and in_unit == unit.code:
            valued.append((value, record))
    valued.sort(key=lambda item: (-item[0], item[1].observation.territory))
    ranked: list[Ranked] = []
    ranks = shared_ranks([value for value, _ in valued])
    for rank, (value, record) in zip(ranks, valued, strict=True):
        o = record.observation
        ranked.append(Ranked(rank, o.territory, catalog.territories.get(o.territory).name,
                             value, o.source, record.edition,
                             str(o.provenance) if o.provenance else None))
    present = {r.region for r in ranked}
    period = next(iter(by_region.values())).observation.period
    return Ranking(indicator_id, indicator.label, period, unit.code, indicator.polarity,
                   tuple(ranked), tuple(r.code for r in catalog.territories.regions
                                        if r.code not in present))
