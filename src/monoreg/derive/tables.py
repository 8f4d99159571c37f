"""The indicator table of a monograph: for each indicator printed in a place, the region's
N-1 and N, the evolution (recomputed, and as printed), and France's figure."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from monoreg.derive.evolutions import Change, observation_change
from monoreg.model import Catalog, Edition, EvolutionClaim, Indicator, Observation, Status


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    place: str
    base: Observation | None         # region, N-1
    current: Observation | None      # region, N
    national: Observation | None     # France (or a perimeter), latest period
    change: Change | None            # recomputed from base and current
    claim: EvolutionClaim | None     # the evolution as printed, when printed
    dimension_label: str | None = None  # the breakdown as printed (a main sector)

    @property
    def label(self) -> str:
        base = self.indicator.label
        return f"{base} : {self.dimension_label}" if self.dimension_label else base


def _as_published(o: Observation) -> Observation:
    """The figure with the value readers get (corrected, or none when withheld)."""
    value = o.published_value
    if value == o.value and o.published_unit == o.unit:
        return o
    return replace(o, value=value, unit=o.published_unit,
                   status=Status.VALUE if value is not None else Status.MISSING)


def indicator_rows(edition: Edition, catalog: Catalog, place: str | None = None, *,
                   published: bool = False) -> list[IndicatorRow]:
    """Rows in the order figures are printed; `place` restricts to one section. With
    `published`, the evolution is computed from the values readers get (validation
    compares the printed ones)."""
    region: dict[tuple[str, str], list[Observation]] = defaultdict(list)
    national: dict[tuple[str, str], list[Observation]] = defaultdict(list)
    order: list[tuple[str, str]] = []
    for o in edition.observations:
        if place is not None and o.place != place:
            continue
        key = (o.place, o.series)
        if key not in order:
            order.append(key)
        (region if o.territory == edition.region else national)[key].append(o)
    claims = {(c.place, c.indicator): c for c in edition.evolutions
              if c.territory == edition.region}
    rows = []
    for key in order:
        mine = sorted(region.get(key, []), key=lambda o: o.period.sort_key())
        current = mine[-1] if mine else None
        base = mine[-2] if len(mine) > 1 else None
        theirs = sorted(national.get(key, []), key=lambda o: o.period.sort_key())
        first = (mine or theirs)[0]
        indicator = catalog.indicators[first.indicator]
        change = None
        if base and current:
            pair = (_as_published(base), _as_published(current)) if published \
                else (base, current)
            change = observation_change(indicator, *pair, catalog.units)
        rows.append(IndicatorRow(indicator, key[0], base, current,
                                 theirs[-1] if theirs else None, change, claims.get(key),
                                 first.dimension_label))
    return rows
