"""Units of measure, declared in data/reference/units.csv."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Unit:
    """A unit; values of one dimension convert through `scale` (k€ = 1000 €)."""

    code: str          # 'persons', 'thousands', 'eur', 'keur', 'meur', 'percent', 'count'
    symbol: str        # French symbol printed after a value ('M€', '%', ''), may be empty
    label: str         # French label ('millions d'euros')
    dimension: str     # 'people', 'money', 'ratio', 'count'
    scale: Decimal     # multiplier to the dimension's base unit

    def convert(self, value: Decimal, to: Unit) -> Decimal:
        if to.dimension != self.dimension:
            raise ValueError(f"cannot convert {self.code} to {to.code}")
        return value * self.scale / to.scale
