"""Evolution between two figures, by the indicator's kind: relative % or percentage points."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from monoreg.model import Evolution, Indicator, Observation, Unit

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Change:
    value: Decimal          # in % (relative) or in points
    mode: Evolution


def relative_change(base: Decimal, value: Decimal) -> Decimal | None:
    """(value - base) / base × 100; None when the base is zero."""
    if base == 0:
        return None
    return (value - base) / base * HUNDRED


def point_change(base: Decimal, value: Decimal) -> Decimal:
    return value - base


def change(indicator: Indicator, base: Decimal, value: Decimal) -> Change | None:
    """The evolution the indicator calls for; None when it has none or the base is zero."""
    if indicator.evolution is Evolution.NONE:
        return None
    if indicator.evolution is Evolution.POINTS:
        return Change(point_change(base, value), Evolution.POINTS)
    relative = relative_change(base, value)
    return None if relative is None else Change(relative, Evolution.RELATIVE)


def in_unit(observation: Observation, units: dict[str, Unit], target: str) -> Decimal | None:
    """The observation's value converted to `target` (k€ to M€, thousands to persons)."""
    if observation.value is None:
        return None
    source = units[observation.unit]
    return source.convert(observation.value, units[target])


def observation_change(indicator: Indicator, base: Observation, current: Observation,
                       units: dict[str, Unit]) -> Change | None:
    """Evolution between two observations of one indicator, after converting units."""
    if base.value is None or current.value is None:
        return None
    base_value = in_unit(base, units, current.unit)
    if base_value is None or current.value is None:
        return None
    return change(indicator, base_value, current.value)
