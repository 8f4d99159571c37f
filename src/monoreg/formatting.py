"""French formatting of figures, on Babel: '1 608,2', '-12,72 %', '+0,7 pt', '247,9 M€'.

Digit groups are separated by a narrow no-break space (U+202F) as CLDR's French locale does,
and a unit is separated from its number by a no-break space (U+00A0), so that a line break
never splits a figure. Rounding is half-up ('arrondi au plus proche'), done here only: the
rest of monoreg computes on exact Decimals.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

from monoreg.model import Evolution, Observation, Status, Unit

LOCALE = "fr_FR"
NBSP = "\u00a0"
NNBSP = "\u202f"
MISSING = "non renseigné"
TO_FILL = "à compléter"  # a figure of an edition in preparation, not yet known


def rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(value: Decimal, decimals: int = 0, *, signed: bool = False) -> str:
    """'1 608,2'; with signed=True a '+' is printed before positive values."""
    value = rounded(Decimal(value), decimals)
    if value == 0:
        value = abs(value)  # never print '-0,0'
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    text = format_decimal(value, format=pattern, locale=LOCALE, decimal_quantization=True)
    if signed and value > 0:
        text = "+" + text
    return text


def percent(value: Decimal, decimals: int = 1, *, signed: bool = False) -> str:
    """A value already in percent: '8,3 %', '-12,72 %'."""
    return f"{number(value, decimals, signed=signed)}{NBSP}%"


def points(value: Decimal, decimals: int = 1) -> str:
    """A difference of rates, always signed: '+0,7 pt', '-0,7 pt'."""
    return f"{number(value, decimals, signed=True)}{NBSP}pt"


def points_words(value: Decimal, decimals: int = 1) -> str:
    """For sentences, without sign: '0,7 point', '1,5 point' (French keeps 'point' under 2)."""
    magnitude = abs(rounded(Decimal(value), decimals))
    word = "point" if magnitude < 2 else "points"
    return f"{number(magnitude, decimals)}{NBSP}{word}"


def with_unit(value: Decimal, unit: Unit, decimals: int) -> str:
    """A figure with its unit symbol: '247,9 M€', '8,3 %', '3 319 067'."""
    text = number(value, decimals)
    if unit.code == "thousands":
        return text  # the column or the label says 'en milliers'
    return f"{text}{NBSP}{unit.symbol}" if unit.symbol else text


def figure(value: Decimal | None, unit: Unit, decimals: int) -> str:
    return MISSING if value is None else with_unit(value, unit, decimals)


def observation(o: Observation, unit: Unit, decimals: int) -> str:
    """A stored figure: its value, or what stands in its place (never 0)."""
    return TO_FILL if o.status is Status.TO_FILL else figure(o.value, unit, decimals)


def evolution(change: Decimal | None, mode: Evolution, decimals: int = 1) -> str:
    """An evolution as a table prints it: '-2,98 %' (relative) or '-0,7 pt' (points)."""
    if change is None:
        return "–"
    if mode is Evolution.POINTS:
        return points(change, decimals)
    return percent(change, decimals, signed=True)


TABLE_RELATIVE_DECIMALS = 2  # as the monographs print their 'Évolution (en %)' columns


def table_evolution(change: Decimal, mode: Evolution, indicator_decimals: int) -> str:
    """An evolution in an indicator table: relative to two decimals as the monograph prints
    them, points to the indicator's own precision (at least one decimal)."""
    if mode is Evolution.POINTS:
        return evolution(change, mode, max(indicator_decimals, 1))
    return evolution(change, mode, TABLE_RELATIVE_DECIMALS)
