from decimal import Decimal

from monoreg import formatting as fr
from monoreg.model import Evolution, Unit

NNBSP, NBSP = "\u202f", "\u00a0"


def test_numbers_use_narrow_no_break_spaces_and_comma() -> None:
    assert fr.number(Decimal("1608.2"), 1) == f"1{NNBSP}608,2"
    assert fr.number(Decimal("3319067")) == f"3{NNBSP}319{NNBSP}067"


def test_rounding_is_half_up_not_bankers() -> None:
    assert fr.number(Decimal("0.125"), 2) == "0,13"
    assert fr.number(Decimal("2.5")) == "3"


def test_no_negative_zero() -> None:
    assert fr.number(Decimal("-0.001"), 1) == "0,0"


def test_percent_points_money() -> None:
    assert fr.percent(Decimal("-12.7249"), 2) == f"-12,72{NBSP}%"
    assert fr.points(Decimal("-0.7")) == f"-0,7{NBSP}pt"
    assert fr.points(Decimal("0.7")) == f"+0,7{NBSP}pt"
    assert fr.points_words(Decimal("-0.7")) == f"0,7{NBSP}point"
    assert fr.points_words(Decimal("2.5")) == f"2,5{NBSP}points"
    meur = Unit("meur", "M€", "millions d'euros", "money", Decimal(10**6))
    assert fr.with_unit(Decimal("247.9"), meur, 1) == f"247,9{NBSP}M€"


def test_evolution_follows_the_mode() -> None:
    assert fr.evolution(Decimal("-2.9795"), Evolution.RELATIVE, 2) == f"-2,98{NBSP}%"
    assert fr.evolution(Decimal("9.41"), Evolution.RELATIVE, 2) == f"+9,41{NBSP}%"
    assert fr.evolution(Decimal("-0.7"), Evolution.POINTS, 1) == f"-0,7{NBSP}pt"
    assert fr.evolution(None, Evolution.RELATIVE) == "–"
