"""Edition figures against the official series loaded beside them (data/series): the same
family of figures, for the same territory, at the nearest period. What is compared is
declared in data/reference/checks.yaml (`series`); tolerances are settings.

- `level`: a figure is the series' value, give or take a drift per year between the two
  periods (an edition's population against the legal population);
- `within`: figures add up to no more than the series' value (the jobs of the main
  sectors of an edition against INSEE's total employment).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from decimal import Decimal

from monoreg import formatting as fr
from monoreg.model import Finding, Observation, SeriesCheck, Severity
from monoreg.model.period import months_between
from monoreg.validate.context import Context
from monoreg.validate.figure_index import has_value
from monoreg.validate.registry import rule
from monoreg.validate.wording import figure_at, indicator_name

FAMILY = "series"
RULE_SEVERITY = {"level": Severity.WARNING, "within": Severity.ERROR}
Official = dict[tuple[str, str], list[Observation]]   # (indicator, territory) -> figures


def _official(context: Context) -> Official:
    found: Official = defaultdict(list)
    for o in context.series:
        if has_value(o) and o.dimension is None:
            found[(o.indicator, o.territory)].append(o)
    return found


def _gap_months(a: Observation, b: Observation) -> int:
    return abs(months_between(a.period, b.period))


def _nearest(official: Official, indicator: str, figure: Observation, context: Context
             ) -> Observation | None:
    candidates = [o for o in official.get((indicator, figure.territory), ())
                  if _gap_months(o, figure) <= context.settings.series_max_gap_months]
    return min(candidates, key=lambda o: (_gap_months(o, figure), o.period.sort_key()),
               default=None)


def _source(o: Observation) -> str:
    return f", {o.provenance.file}" if o.provenance is not None else ""


def _level(context: Context, check: SeriesCheck, official: Official) -> Iterator[Finding]:
    figures, catalog, settings = context.figures, context.catalog, context.settings
    for indicator in check.figures:
        for figure in figures.of_indicator(indicator):
            reference = _nearest(official, check.series, figure, context) \
                if has_value(figure) else None
            value = figures.value_in(figure, reference.unit) if reference else None
            if reference is None or value is None or not reference.value:
                continue
            years = Decimal(_gap_months(reference, figure)) / 12
            tolerance = settings.series_level_tolerance \
                + settings.series_level_drift_per_year * years
            gap = (value - reference.value) / reference.value
            if abs(gap) <= tolerance:
                continue
            yield context.finding(
                figure, f"{indicator_name(catalog, indicator)} : {figure_at(figure, catalog)} "
                        f"s'écarte de {fr.percent(gap * 100, 2, signed=True)} de la série "
                        f"officielle {indicator_name(catalog, check.series)} "
                        f"({figure_at(reference, catalog)}{_source(reference)}) ; tolérance "
                        f"{fr.percent(tolerance * 100, 2)} pour cet écart de périodes.",
                expected=f"à {fr.percent(tolerance * 100, 2)} près de "
                         f"{figure_at(reference, catalog)}",
                severity=RULE_SEVERITY[check.relation], related=(reference,))


def _groups(context: Context, check: SeriesCheck
            ) -> Iterator[tuple[Observation, ...]]:
    """The figures of `check` printed together: one of each, same place, territory, period."""
    together: dict[tuple[str, str, str], dict[str, Observation]] = defaultdict(dict)
    for indicator in check.figures:
        for o in context.figures.of_indicator(indicator):
            if has_value(o):
                together[(o.place, o.territory, o.period.code)][indicator] = o
    for group in together.values():
        if len(group) == len(check.figures):
            yield tuple(group[i] for i in check.figures)


def _within(context: Context, check: SeriesCheck, official: Official) -> Iterator[Finding]:
    figures, catalog = context.figures, context.catalog
    for group in _groups(context, check):
        reference = _nearest(official, check.series, group[0], context)
        if reference is None or reference.value is None:
            continue
        values = [figures.value_in(o, reference.unit) for o in group]
        if any(v is None for v in values):
            continue
        parts: Sequence[Decimal] = [v for v in values if v is not None]
        total = sum(parts, Decimal(0))
        limit = reference.value * (1 + context.settings.series_within_tolerance)
        if total <= limit:
            continue
        # About the largest figure, the first suspect; a resolution may name any of them.
        largest = max(range(len(group)), key=lambda i: parts[i])
        unit = catalog.units[reference.unit]
        names = ", ".join(indicator_name(catalog, o.indicator) for o in group)
        excess = (total - reference.value) / reference.value * 100
        yield context.finding(
            group[largest],
            f"{names} : {' + '.join(fr.number(v, 1) for v in parts)} = "
            f"{fr.with_unit(total, unit, 1)} {group[0].period.phrase()}, plus que "
            f"{indicator_name(catalog, check.series)} dans la série officielle "
            f"({figure_at(reference, catalog)}{_source(reference)}) : "
            f"{fr.percent(excess, 1, signed=True)} (tolérance "
            f"{fr.percent(context.settings.series_within_tolerance * 100, 1)}).",
            expected=f"au plus {figure_at(reference, catalog)}",
            severity=RULE_SEVERITY[check.relation],
            related=(*(o for i, o in enumerate(group) if i != largest), reference))


@rule("official-series", Severity.ERROR, FAMILY)
def official_series(context: Context) -> Iterator[Finding]:
    """Les chiffres de l'édition concordent avec les séries officielles chargées de la même
    famille (data/reference/checks.yaml, `series`), pour le même territoire à la période la
    plus proche : une population avec la population légale (à `series_level_tolerance` près,
    plus `series_level_drift_per_year` par année d'écart ; avertissement), des emplois par
    secteur qui ne dépassent pas ensemble l'emploi total de l'Insee (à
    `series_within_tolerance` près ; erreur)."""
    official = _official(context)
    for check in context.catalog.checks.series:
        if check.relation == "level":
            yield from _level(context, check, official)
        else:
            yield from _within(context, check, official)
