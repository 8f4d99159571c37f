"""The key-figures view of an edition: per indicator, the region at N-1 and N, the evolution
recomputed (and as printed) and France, with each figure written as French readers read it.
One view for `monoreg show` and the portal's region page."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from monoreg import formatting as fr
from monoreg.derive.tables import IndicatorRow, indicator_rows
from monoreg.model import Catalog, Edition, Indicator, Observation


@dataclass(frozen=True)
class KeyFigure:
    place: str                        # section id the figures are printed in
    indicator: Indicator
    base: Observation | None          # region, N-1
    current: Observation | None       # region, N
    national: Observation | None      # France (or a perimeter)
    evolution: str | None             # recomputed, as printed in tables ('+1,00 %')
    evolution_value: Decimal | None
    evolution_printed: str | None     # the evolution as the document prints it
    label: str = ""                   # the indicator, with its breakdown (a main sector)


def figure_text(catalog: Catalog, o: Observation) -> str:
    """A figure as written: its indicator's decimals, in its own unit."""
    indicator = catalog.indicators.get(o.indicator)
    unit = catalog.units[o.unit]
    decimals = indicator.decimals if indicator else 2
    if indicator and o.unit != indicator.unit and unit.scale == 1 and unit.dimension in (
            "people", "count"):
        decimals = 0  # a count printed in persons where the indicator is in thousands
    text = fr.observation(o, unit, decimals)
    if o.value is not None and unit.code == "thousands":
        text = f"{text}{fr.NBSP}{unit.label}"  # formatting leaves 'milliers' to the label
    return text


def _evolution(row: IndicatorRow) -> str | None:
    if row.change is None:
        return None
    return fr.table_evolution(row.change.value, row.change.mode, row.indicator.decimals)


def key_figures(edition: Edition, catalog: Catalog, place: str | None = None
                ) -> list[KeyFigure]:
    """Rows in the order figures are printed; `place` restricts to one section."""
    return [KeyFigure(place=r.place, indicator=r.indicator, base=r.base, current=r.current,
                      national=r.national, evolution=_evolution(r),
                      evolution_value=r.change.value if r.change else None,
                      evolution_printed=r.claim.printed if r.claim else None,
                      label=r.label)
            for r in indicator_rows(edition, catalog, place)]
