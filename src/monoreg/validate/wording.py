"""How findings name things in French: figures with their unit and period, indicators,
gaps between periods. Numbers always go through monoreg.formatting."""

from __future__ import annotations

from decimal import Decimal

from monoreg import formatting as fr
from monoreg.model import Catalog, EvolutionClaim, Observation, Period, PeriodKind

NBSP = fr.NBSP


def quote(text: str) -> str:
    return f"«{NBSP}{text}{NBSP}»"


def decimals_of(value: Decimal) -> int:
    return max(0, -int(value.as_tuple().exponent))


def figure(o: Observation, catalog: Catalog) -> str:
    """The figure's value as monoreg prints it: '3 420 995', '283,8 M€', '9 %'."""
    if o.value is None:
        return fr.MISSING
    # As many decimals as printed: a message quotes the figure the editor sees.
    return fr.with_unit(o.value, catalog.units[o.unit], decimals_of(o.value))


def figure_at(o: Observation, catalog: Catalog) -> str:
    """'3 420 995 en 2017', '8,3 % au 2e trimestre 2019'."""
    return f"{figure(o, catalog)} {o.period.phrase()}"


_UNITS = {PeriodKind.YEAR: ("an", "ans"), PeriodKind.SCHOOL_YEAR: ("année scolaire",
                                                                    "années scolaires"),
          PeriodKind.QUARTER: ("trimestre", "trimestres"), PeriodKind.MONTH: ("mois", "mois"),
          PeriodKind.DATE: ("an", "ans")}


def gap(earlier: Period, later: Period) -> str:
    """'2 ans d'écart', '1 trimestre d'écart', or that the periods are of two kinds."""
    steps = earlier.steps_to(later)
    if steps is None:
        return "périodes de nature différente"
    one, many = _UNITS[earlier.kind]
    return f"{fr.number(Decimal(abs(steps)))}{NBSP}{one if abs(steps) < 2 else many} d'écart"


def indicator_name(catalog: Catalog, indicator: str) -> str:
    """The indicator's label in guillemets, or in “ ” when it holds guillemets itself."""
    label = catalog.indicators[indicator].label
    return f"“{label}”" if "«" in label else quote(label)


def series_name(catalog: Catalog, o: Observation) -> str:
    """The indicator's name, with the breakdown as printed when the figure has one (a main
    sector): '« Part … » (Construction)'."""
    name = indicator_name(catalog, o.indicator)
    return f"{name} ({o.dimension_label})" if o.dimension_label else name


def figure_name(catalog: Catalog, item: Observation | EvolutionClaim) -> str:
    """What a printed figure is: '« Population active »', 'évolution de « Population »'."""
    name = indicator_name(catalog, item.indicator)
    return f"évolution de {name}" if isinstance(item, EvolutionClaim) else name


def of(name: str) -> str:
    """'de la France', 'de la France hors Mayotte', 'de Normandie'."""
    return f"de la {name}" if name.startswith("France") else f"de {name}"


def the(name: str) -> str:
    """'la France', 'Normandie'."""
    return f"la {name}" if name.startswith("France") else name
