from decimal import Decimal

from monoreg.derive.evolutions import change, relative_change
from monoreg.derive.ratios import per_thousand, share
from monoreg.model import Evolution, Indicator, IndicatorKind, Polarity


def _indicator(kind: IndicatorKind, evolution: Evolution) -> Indicator:
    return Indicator("x", "x", "persons", kind, evolution, Polarity.NEUTRAL, 0, "", None, "s")


def test_relative_change_for_counts() -> None:
    # Population printed in the seed: 3 420 995 -> 3 319 067.
    result = change(_indicator(IndicatorKind.STOCK, Evolution.RELATIVE),
                    Decimal(3420995), Decimal(3319067))
    assert result is not None
    assert result.mode is Evolution.RELATIVE
    assert round(result.value, 2) == Decimal("-2.98")


def test_points_for_rates() -> None:
    result = change(_indicator(IndicatorKind.RATE, Evolution.POINTS), Decimal(9), Decimal("8.3"))
    assert result is not None
    assert result.mode is Evolution.POINTS
    assert result.value == Decimal("-0.7")


def test_zero_base_and_no_evolution() -> None:
    assert relative_change(Decimal(0), Decimal(5)) is None
    assert change(_indicator(IndicatorKind.STOCK, Evolution.NONE), Decimal(1), Decimal(2)) is None


def test_share_and_per_thousand() -> None:
    assert share(Decimal(25), Decimal(200)) == Decimal("12.5")
    assert share(Decimal(1), Decimal(0)) is None
    assert per_thousand(Decimal(24703), Decimal(3319067)).quantize(Decimal("0.01")) == \
        Decimal("7.44")
