"""A stored figure as readers see it: as printed, formatted in French. One definition for
the monograph (PDF, HTML), the portal and `monoreg show`.

No silent change: a figure keeps the precision it is printed with (669 stays 669, 9 % stays
9 %, never 669,0 or 9,0 %), the unit it is printed in (a national level printed in persons
next to regional thousands stays in persons, and says so), and a « Non renseigné » that the
document prints without a period is shown as such, although its inferred period keys it.
French typography (decimal comma, grouping, spaces before units) is not a change. Anything
else is a resolution of a finding, with a note (publish/findings.py, the portal's marks): a
corrected figure shows the editor's value, a withheld one « non publié », never a number.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from monoreg import formatting as fr
from monoreg.model import (
    Catalog,
    EvolutionClaim,
    Indicator,
    Observation,
    QualityStatus,
    Status,
    parse_period,
)
from monoreg.model.printed import PrintedNumberError, read_printed

NOT_APPLICABLE = "sans objet"
WITHHELD = "non publié"  # a figure the editor withheld: never shown as a number
PERIOD_NOT_PRINTED = "période non imprimée"
SCALE_WORDS = {"thousands": "milliers"}  # units whose symbol is empty but not their scale


def value(o: Observation, catalog: Catalog) -> Decimal | None:
    """The published value in the indicator's unit (to compare or draw); None when missing
    or withheld."""
    published = o.published_value
    if published is None:
        return None
    target = catalog.units[catalog.indicators[o.indicator].unit]
    return catalog.units[o.published_unit].convert(published, target)


def _own_decimals(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def printed_decimals(printed: str | None, value_: Decimal | None, default: int) -> int:
    """The number of decimals the figure is printed with; `default` when it is not printed
    (a figure entered or filled without print) or its print does not read as its value."""
    if not printed or value_ is None:
        return default
    try:
        reading = read_printed(printed)
    except PrintedNumberError:
        return default
    if reading.value is None or abs(reading.value) != abs(value_):
        return default
    return reading.decimals


def decimals(o: Observation, catalog: Catalog) -> int:
    indicator = catalog.indicators[o.indicator]
    return printed_decimals(o.printed, o.value, indicator.decimals)


def in_other_unit(o: Observation, catalog: Catalog) -> bool:
    """True when the figure is printed in another unit than its indicator's."""
    return o.unit != catalog.indicators[o.indicator].unit


def text(o: Observation, catalog: Catalog, *, scale_word: bool = False) -> str:
    """'24 703', '8,3 %', '9 %', '247,9 M€', 'non renseigné': the figure in its printed unit
    and precision. `scale_word` adds 'milliers' where the unit has no symbol (sentences, and
    cards or rows that mix units, have no shared caption to say it)."""
    status = o.quality.status
    if status is QualityStatus.WITHHELD:
        return WITHHELD
    if o.status is Status.NOT_APPLICABLE:
        return NOT_APPLICABLE
    unit = catalog.units[o.published_unit]
    published = o.published_value
    if published is None:
        return fr.observation(o, unit, 0)
    # A corrected figure is printed as the editor wrote its value (3070000 → 3 070 000).
    places = _own_decimals(published) if status is QualityStatus.CORRECTED \
        else decimals(o, catalog)
    formatted = fr.with_unit(published, unit, places)
    if scale_word and unit.code in SCALE_WORDS:
        formatted += fr.NBSP + SCALE_WORDS[unit.code]
    return formatted


def unit_caption(indicator: Indicator, catalog: Catalog) -> str | None:
    """'en milliers' for a unit whose figures print without a symbol but are scaled."""
    unit = catalog.units[indicator.unit]
    return f"en {unit.label}" if unit.code in SCALE_WORDS else None


def shared_caption(indicator: Indicator, figures: Iterable[Observation | None],
                   catalog: Catalog) -> tuple[str | None, bool]:
    """The unit caption a row or card may print once for its figures, and whether each
    figure must carry its scale word instead (when they are not all in one unit)."""
    units = {o.published_unit for o in figures if o is not None and o.published_value is not None}
    if len(units) > 1:
        return None, True
    unit = next(iter(units), indicator.unit)
    if unit != indicator.unit:
        return (f"en {catalog.units[unit].label}" if unit in SCALE_WORDS else None), False
    return unit_caption(indicator, catalog), False


def territory_name(code: str, catalog: Catalog) -> str:
    territory = catalog.territories.find(code)
    return territory.name if territory else code


def period_text(o: Observation, *, short: bool = False) -> str:
    """'en 2019', 'au 2e trimestre 2019' ('2019', '2e trimestre 2019' when `short`); a « Non
    renseigné » printed without a period keeps its inferred period as its key, but readers
    are not told a period the print does not give."""
    period = parse_period(o.quality.period) if o.quality.period else o.period
    if not o.quality.period and o.status is Status.MISSING and not o.printed_period:
        return PERIOD_NOT_PRINTED
    return period.label() if short else period.phrase()


def detail(o: Observation, catalog: Catalog, region: str) -> str:
    """The line under a figure: its period, and its territory or perimeter when not the
    region or France itself ('au 2e trimestre 2019, France hors Mayotte')."""
    parts = [period_text(o)]
    if o.territory not in (region, "FR"):
        parts.append(territory_name(o.territory, catalog))
    if o.perimeter:
        parts.append(o.perimeter)
    return ", ".join(parts)


def evolution_text(claim: EvolutionClaim) -> str | None:
    """A printed evolution as printed, in French typography: '-0.03%' → '-0,03 %', '5,14%'
    → '5,14 %' (no sign is added: an unsigned print stays unsigned), '0,7 %' keeps its '%'.
    None when nothing is printed but a sign or a unit ('%', '-'): that stays empty. A
    corrected evolution is the editor's value (its note quotes the print); a withheld one
    reads « non publié »."""
    status = claim.quality.status
    if status is QualityStatus.WITHHELD:
        return WITHHELD
    if status is QualityStatus.CORRECTED and claim.quality.value is not None:
        corrected = claim.quality.value
        return _evolution(corrected, claim.quality.unit or claim.unit,
                          _own_decimals(corrected), signed=True)
    if claim.value is None:
        return None
    try:
        reading = read_printed(claim.printed)
    except PrintedNumberError:
        reading = None
    places = reading.decimals if reading and reading.value is not None else 2
    return _evolution(claim.value, claim.unit, places,
                      signed=bool(reading and reading.explicit_sign))


def _evolution(number: Decimal, unit: str | None, places: int, *, signed: bool) -> str:
    text = fr.number(number, places, signed=signed)
    if unit == "percent":
        return f"{text}{fr.NBSP}%"
    if unit == "points":
        return f"{text}{fr.NBSP}pt"
    return text
