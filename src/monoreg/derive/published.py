"""What a reader is given for a figure: the published value, in the indicator's unit.

One unit per indicator: a figure printed in persons where the indicator counts thousands
(France's jobs in the key figures, Normandie's in thousands) is converted, so that values
of one indicator compare; the printed value and unit stay beside it in every output. The
published value is the value as printed, or the editor's correction, or nothing when the
figure is withheld (model.quality)."""

from __future__ import annotations

from decimal import Decimal

from monoreg.model import Catalog, Observation


def published(o: Observation, catalog: Catalog) -> tuple[Decimal | None, str]:
    """(value, unit code) as published: in the indicator's unit when the figure's unit
    converts to it, else in the unit it is published in."""
    value, unit = o.published_value, o.published_unit
    indicator = catalog.indicators.get(o.indicator)
    if indicator is None or unit == indicator.unit or unit not in catalog.units \
            or indicator.unit not in catalog.units:
        return value, unit
    source, target = catalog.units[unit], catalog.units[indicator.unit]
    if source.dimension != target.dimension:
        return value, unit
    return (None if value is None else source.convert(value, target)), target.code
