"""A stored figure as the monograph prints it: in its indicator's unit, formatted in French.

Figures printed in another unit than their indicator's (a national level in persons next to
regional thousands) are converted, so that a row or a card compares like with like.
"""

from __future__ import annotations

from decimal import Decimal

from monoreg import formatting as fr
from monoreg.derive.evolutions import in_unit
from monoreg.model import Catalog, Indicator, Observation, Status

NOT_APPLICABLE = "sans objet"
SCALE_WORDS = {"thousands": "milliers"}  # units whose symbol is empty but not their scale


def value(o: Observation, catalog: Catalog) -> Decimal | None:
    """The value in the indicator's unit; None when the figure is missing."""
    return in_unit(o, catalog.units, catalog.indicators[o.indicator].unit)


def text(o: Observation, catalog: Catalog, *, scale_word: bool = False) -> str:
    """'24 703', '8,3 %', '247,9 M€', 'non renseigné'; `scale_word` adds 'milliers' where the
    unit has no symbol (sentences have no column header to say it)."""
    if o.status is Status.NOT_APPLICABLE:
        return NOT_APPLICABLE
    indicator = catalog.indicators[o.indicator]
    unit = catalog.units[indicator.unit]
    formatted = fr.figure(value(o, catalog), unit, indicator.decimals)
    if scale_word and o.value is not None and unit.code in SCALE_WORDS:
        formatted += fr.NBSP + SCALE_WORDS[unit.code]
    return formatted


def unit_caption(indicator: Indicator, catalog: Catalog) -> str | None:
    """'en milliers' for a unit whose figures print without a symbol but are scaled."""
    unit = catalog.units[indicator.unit]
    return f"en {unit.label}" if unit.code in SCALE_WORDS else None


def territory_name(code: str, catalog: Catalog) -> str:
    territory = catalog.territories.find(code)
    return territory.name if territory else code


def detail(o: Observation, catalog: Catalog, region: str) -> str:
    """The line under a figure: its period, and its territory or perimeter when not the
    region or France itself ('au 2e trimestre 2019, France hors Mayotte')."""
    parts = [o.period.phrase()]
    if o.territory not in (region, "FR"):
        parts.append(territory_name(o.territory, catalog))
    if o.perimeter:
        parts.append(o.perimeter)
    return ", ".join(parts)
