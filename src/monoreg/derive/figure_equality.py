"""Whether two figures give the same value, the way a reader would judge it.

Values are compared in one unit and at the coarser of their two printed precisions: 12 465,5
(thousands, one decimal) and 12 465 512 (persons) are the same figure, 3 319 067 and
3 327 966 are not. A difference larger than half the coarser last digit is a real difference.
"""

from __future__ import annotations

from decimal import Decimal

from monoreg.model import Observation, Unit

HALF = Decimal("0.5")


def quantum(value: Decimal) -> Decimal:
    """The value of the last digit written: 1 for '143', 0.1 for '940.1', 100 for '1.5E+3'."""
    exponent = value.as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)


def same_value(a: Decimal, a_unit: Unit, b: Decimal, b_unit: Unit) -> bool:
    """True when `a` and `b` are the same figure once in one unit, within half a last digit.
    Values of different dimensions (a rate and a count) are never the same."""
    if a_unit.dimension != b_unit.dimension:
        return False
    b_in_a = b_unit.convert(b, a_unit)
    b_quantum = b_unit.convert(quantum(b), a_unit)
    return abs(a - b_in_a) <= max(quantum(a), b_quantum) * HALF


def same_figure(a: Observation, b: Observation, units: dict[str, Unit]) -> bool:
    """Two observations say the same: the same status and, for values, the same value."""
    if a.status is not b.status:
        return False
    if a.value is None or b.value is None:
        return a.value is None and b.value is None
    return same_value(a.value, units[a.unit], b.value, units[b.unit])
