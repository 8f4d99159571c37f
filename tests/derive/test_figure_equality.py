"""When two printed figures are the same figure (units, precision)."""

from __future__ import annotations

from decimal import Decimal

from monoreg.derive.figure_equality import same_value
from monoreg.model import Unit

PERSONS = Unit("persons", "", "personnes", "people", Decimal(1))
THOUSANDS = Unit("thousands", "", "milliers", "people", Decimal(1000))
PERCENT = Unit("percent", "%", "pour cent", "ratio", Decimal(1))


def test_same_figure_in_thousands_and_in_persons() -> None:
    # 12 465,5 thousands printed with one decimal: anything within 50 persons is the same
    assert same_value(Decimal("12465.5"), THOUSANDS, Decimal("12465512"), PERSONS)
    assert same_value(Decimal("12465512"), PERSONS, Decimal("12465.5"), THOUSANDS)
    assert not same_value(Decimal("12465.5"), THOUSANDS, Decimal("12465600"), PERSONS)


def test_different_values_and_dimensions() -> None:
    assert not same_value(Decimal("3319067"), PERSONS, Decimal("3327966"), PERSONS)
    assert same_value(Decimal("8.3"), PERCENT, Decimal("8.30"), PERCENT)
    assert not same_value(Decimal("8.3"), PERCENT, Decimal("8.3"), PERSONS)
