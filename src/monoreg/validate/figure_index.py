"""Look-ups over one edition's figures, built once per validation and shared by the rules."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from monoreg.derive.tables import IndicatorRow, indicator_rows
from monoreg.model import (
    Catalog,
    Edition,
    EvolutionClaim,
    Indicator,
    Observation,
    Period,
    PeriodKind,
    Status,
)
from monoreg.model.printed import PrintedNumber, PrintedNumberError, read_printed

Key = tuple[str, str, str, str]  # place, indicator, territory, period code


@dataclass
class Figures:
    edition: Edition
    catalog: Catalog
    by_key: dict[Key, Observation] = field(default_factory=dict)
    by_place: dict[str, list[Observation]] = field(default_factory=lambda: defaultdict(list))
    by_series: dict[tuple[str, str], list[Observation]] = field(
        default_factory=lambda: defaultdict(list))
    by_indicator: dict[str, list[Observation]] = field(default_factory=lambda: defaultdict(list))
    rows: list[IndicatorRow] = field(default_factory=list)
    evolution_places: set[str] = field(default_factory=set)  # tables with an evolution column
    national_codes: set[str] = field(default_factory=set)
    names: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for o in self.edition.observations:
            self.by_key[o.key] = o
            self.by_place[o.place].append(o)
            self.by_series[(o.series, o.territory)].append(o)
            self.by_indicator[o.indicator].append(o)
        self.rows = indicator_rows(self.edition, self.catalog)
        self.evolution_places = {c.place for c in self.edition.evolutions}
        territories = self.catalog.territories.territories
        self.national_codes = {t.code for t in territories if t.is_national}
        self.names = {t.code: t.name for t in territories}

    # -- what a figure is --------------------------------------------------------------
    def indicator(self, o: Observation | EvolutionClaim) -> Indicator:
        return self.catalog.indicators[o.indicator]

    def is_region(self, territory: str) -> bool:
        return territory == self.edition.region

    def is_national(self, territory: str) -> bool:
        return territory in self.national_codes

    def territory_name(self, code: str) -> str:
        return self.names.get(code, code)

    # -- finding figures ---------------------------------------------------------------
    def at(self, place: str, indicator: str, territory: str, period: str) -> Observation | None:
        return self.by_key.get((place, indicator, territory, period))

    def anywhere(self, indicator: str, territory: str, period: str,
                 prefer: str | None = None) -> Observation | None:
        """The figure printed in `prefer` (a place) when there is one, else elsewhere."""
        if prefer is not None and (found := self.at(prefer, indicator, territory, period)):
            return found
        return next((o for o in self.by_series.get((indicator, territory), ())
                     if o.period.code == period), None)

    def of_indicator(self, indicator: str) -> list[Observation]:
        return self.by_indicator.get(indicator, [])

    def claim_figures(self, claim: EvolutionClaim
                      ) -> tuple[Observation | None, Observation | None]:
        """The N-1 and N figures a printed evolution compares."""
        return (self.anywhere(claim.indicator, claim.territory, claim.base_period.code,
                              claim.place),
                self.anywhere(claim.indicator, claim.territory, claim.period.code, claim.place))

    def population(self, territory: str) -> Decimal | None:
        """The territory's latest population in the edition (checks.yaml `population`)."""
        indicator = self.catalog.checks.population
        if indicator is None:
            return None
        known = [o for o in self.by_series.get((indicator, territory), ())
                 if o.status is Status.VALUE]
        if not known:
            return None
        latest = max(known, key=lambda o: o.period.sort_key())
        return self.value_in(latest, self.catalog.indicators[indicator].unit)

    # -- values --------------------------------------------------------------------------
    def value_in(self, o: Observation, unit: str) -> Decimal | None:
        """The figure's value converted to `unit`; None without a value or across dimensions."""
        if o.value is None:
            return None
        source, target = self.catalog.units[o.unit], self.catalog.units[unit]
        if source.dimension != target.dimension:
            return None
        return source.convert(o.value, target)


def has_value(o: Observation | None) -> bool:
    return o is not None and o.status is Status.VALUE


@lru_cache(maxsize=8192)
def printed_number(text: str | None) -> PrintedNumber | None:
    """How a reader reads the printed text; None when nothing or no figure is printed.
    Several rules read the same texts: the reading is pure, so it is kept."""
    if not text:
        return None
    try:
        return read_printed(text)
    except PrintedNumberError:
        return None


def overlap(a: Period, b: Period) -> bool:
    return a.start <= b.end and b.start <= a.end


def contains(outer: Period, inner: Period) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def date_within(a: Period, b: Period) -> bool:
    """One period is a date inside the other ('au 1er janvier 2019' and '2019'): the same
    figure, dated two ways."""
    return PeriodKind.DATE in (a.kind, b.kind) and overlap(a, b)
