"""The key-figures view of an edition: per indicator, the region at N-1 and N, the evolution
as published and France, with each figure written as French readers see it.
One view for `monoreg show` and the portal's region page."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from monoreg import formatting as fr
from monoreg.derive import figure_text as figures
from monoreg.derive.tables import IndicatorRow, indicator_rows
from monoreg.model import Catalog, Edition, EvolutionClaim, Indicator, Observation


@dataclass(frozen=True)
class KeyFigure:
    place: str                        # section id the figures are printed in
    indicator: Indicator
    base: Observation | None          # region, N-1
    current: Observation | None       # region, N
    national: Observation | None      # France (or a perimeter)
    evolution: str | None             # as published: printed ('-0,03 %'), corrected,
                                      # « non publié », or computed where none is printed
    evolution_value: Decimal | None
    evolution_printed: str | None     # the evolution as the document prints it
    claim: EvolutionClaim | None = None   # the printed evolution, with its quality
    label: str = ""                   # the indicator, with its breakdown (a main sector)


def figure_text(catalog: Catalog, o: Observation) -> str:
    """A figure as readers see it (derive/figure_text.py): as printed, in its own unit,
    'milliers' said where the unit has no symbol."""
    return figures.text(o, catalog, scale_word=True)


def _evolution(row: IndicatorRow) -> tuple[str | None, Decimal | None]:
    """The evolution as published: a printed one as printed (a recomputed one never stands
    in for it; an empty print stays empty), one monoreg computes only where none is printed,
    said so."""
    if row.claim is not None:
        return figures.evolution_text(row.claim), row.claim.published_value
    if row.change is None:
        return None, None
    computed = fr.table_evolution(row.change.value, row.change.mode, row.indicator.decimals)
    return f"{computed} ({COMPUTED})", row.change.value


COMPUTED = "calculée"


def key_figures(edition: Edition, catalog: Catalog, place: str | None = None
                ) -> list[KeyFigure]:
    """Rows in the order figures are printed; `place` restricts to one section."""
    rows = []
    for r in indicator_rows(edition, catalog, place, published=True):
        text, value = _evolution(r)
        rows.append(KeyFigure(place=r.place, indicator=r.indicator, base=r.base,
                              current=r.current, national=r.national, evolution=text,
                              evolution_value=value,
                              evolution_printed=r.claim.printed if r.claim else None,
                              claim=r.claim, label=r.label))
    return rows
