"""Indicators as the catalogue (data/reference/indicators.yaml) declares them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class IndicatorKind(StrEnum):
    STOCK = "stock"     # a count at a date (population, apprentices)
    FLOW = "flow"       # a count over a period (contracts signed)
    AMOUNT = "amount"   # money (budgets, spending)
    RATE = "rate"       # a percentage (unemployment rate, share of jobs)


class Evolution(StrEnum):
    RELATIVE = "relative"  # evolution in % between N-1 and N
    POINTS = "points"      # difference in percentage points
    NONE = "none"          # no evolution is meaningful


class Polarity(StrEnum):
    UP_GOOD = "up_good"
    UP_BAD = "up_bad"
    NEUTRAL = "neutral"


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    unit: str               # unit code
    kind: IndicatorKind
    evolution: Evolution
    polarity: Polarity
    decimals: int
    definition: str
    source: str | None      # usual source id
    section: str            # section id of the monograph
    short_label: str | None = None
    additive: bool = False  # regions add up to France (counts, amounts)
    part_of: str | None = None  # the indicator this one is a part of (age group of a total)
    caveats: str | None = None
    frequency: str | None = None  # 'yearly', 'quarterly', 'monthly', 'school_year'

    @property
    def is_rate(self) -> bool:
        return self.kind is IndicatorKind.RATE
