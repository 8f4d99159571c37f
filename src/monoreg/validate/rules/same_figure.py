"""Same figure, two places: an indicator printed on the key-figures page and in a detailed
table says the same thing in both; two indicators of a table do not share a copied value; a
printed count matches the list it counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from itertools import combinations

from monoreg import formatting as fr
from monoreg.derive.figure_equality import same_figure
from monoreg.model import Finding, Observation, Severity, Status
from monoreg.validate.context import Context
from monoreg.validate.figure_index import date_within, has_value
from monoreg.validate.registry import rule
from monoreg.validate.wording import figure, figure_at, indicator_name, series_name

FAMILY = "same-figure"


def _side(context: Context, o: Observation) -> str:
    # France, France hors Mayotte and France métropolitaine are all "the national figure".
    return "national" if context.figures.is_national(o.territory) else o.territory


def _pairs(mine: list[Observation], theirs: list[Observation]
           ) -> list[tuple[Observation, Observation]]:
    """The figures of one period printed in both places, else the latest of each."""
    by_period = {o.period: o for o in theirs}
    common = [(o, by_period[o.period]) for o in mine if o.period in by_period]
    latest = (max(mine, key=lambda o: o.period.sort_key()),
              max(theirs, key=lambda o: o.period.sort_key()))
    return common or [latest]


def _lookalike(context: Context, o: Observation) -> Observation | None:
    """Another indicator of the edition printed with this value, territory and period: the
    figure that was probably copied into the wrong place."""
    units = context.catalog.units
    return next((x for x in context.edition.observations
                 if x.indicator != o.indicator and x.territory == o.territory
                 and x.period == o.period and has_value(x) and same_figure(o, x, units)),
                None)


@rule("same-figure-two-places", Severity.ERROR, FAMILY)
def same_figure_two_places(context: Context) -> Iterator[Finding]:
    """Un indicateur imprimé deux fois (page des chiffres clés et tableau détaillé) donne la
    même valeur, pour la même période, le même territoire et dans la même unité. Une valeur
    différente est une erreur ; une période, un territoire ou une unité différents, un
    avertissement."""
    catalog = context.catalog
    order = {s.id: s.order for s in catalog.sections}
    groups: dict[tuple[str, str], dict[str, list[Observation]]] = defaultdict(
        lambda: defaultdict(list))
    for o in context.edition.observations:
        if o.place and o.status is not Status.TO_FILL:
            groups[(o.indicator, _side(context, o))][o.place].append(o)
    for places in groups.values():
        ordered = sorted(places, key=lambda p: order.get(p, len(order)))
        for first, second in combinations(ordered, 2):
            for a, b in _pairs(places[first], places[second]):
                yield from _compare(context, a, b)


def _compare(context: Context, a: Observation, b: Observation) -> Iterator[Finding]:
    catalog, figures = context.catalog, context.figures
    value_differs = not same_figure(a, b, catalog.units)
    what = [name for name, differs in (
        ("la valeur", value_differs), ("la période", a.period != b.period),
        ("le territoire", a.territory != b.territory), ("l'unité", a.unit != b.unit))
        if differs]
    if not what:
        return

    def where(o: Observation) -> str:
        section = catalog.section(o.place)
        details = [figures.territory_name(o.territory)] if a.territory != b.territory else []
        if a.unit != b.unit:
            details.append(catalog.units[o.unit].label)
        return (f"{section.title if section else o.place} : {figure_at(o, catalog)}"
                + (f" ({', '.join(details)})" if details else ""))

    listed = ", ".join(what[:-1]) + (" et " if len(what) > 1 else "") + what[-1]
    message = (f"{indicator_name(catalog, a.indicator)} imprimé deux fois, "
               f"{listed} {'diffèrent' if len(what) > 1 else 'diffère'} — {where(a)} ; "
               f"{where(b)}.")
    copied = _lookalike(context, a) if value_differs else None
    if copied is not None:
        section = catalog.section(copied.place)
        message += (f" {figure(a, catalog)} est le chiffre de "
                    f"{indicator_name(catalog, copied.indicator)}"
                    f"{f' ({section.title})' if section else ''}.")
    severity = None if value_differs else Severity.WARNING
    if what == ["la période"] and date_within(a.period, b.period):
        severity = Severity.INFO  # 'au 1er janvier 2019' and '2019': one date of the year
    yield context.finding(a, message, expected=figure_at(b, catalog), severity=severity,
                          related=(b,))


def significant_digits(o: Observation) -> int:
    if o.value is None:
        return 0
    return len(abs(o.value).normalize().as_tuple().digits)


@rule("repeated-value", Severity.INFO, FAMILY)
def repeated_value(context: Context) -> Iterator[Finding]:
    """Deux indicateurs d'un même tableau, pour un même territoire et une même période, ne
    portent pas la même valeur (d'au moins `repeated_value_min_digits` chiffres
    significatifs) : c'est souvent une ligne recopiée. Les budgets qui doivent être
    équilibrés (recettes = dépenses) ne sont pas concernés."""
    balanced = {frozenset((b.receipts, b.expenses)) for b in context.catalog.checks.balances}
    minimum = context.settings.repeated_value_min_digits
    seen: dict[tuple[str, str, str, object, str], Observation] = {}
    for o in context.edition.observations:
        if not has_value(o) or significant_digits(o) < minimum:
            continue
        key = (o.place, o.territory, o.period.code, o.value, o.unit)
        first = seen.setdefault(key, o)
        if first is o or frozenset((first.indicator, o.indicator)) in balanced:
            continue
        yield context.finding(
            o, f"{series_name(context.catalog, o)} et "
               f"{series_name(context.catalog, first)} portent la même valeur "
               f"({figure_at(o, context.catalog)}) : une ligne recopiée ?",
            related=(first,))


@rule("list-count", Severity.ERROR, FAMILY)
def list_count(context: Context) -> Iterator[Finding]:
    """Un nombre imprimé qui compte une liste de l'édition (« 7 pôles de compétitivité »,
    « cinq campus ») est égal au nombre d'éléments de la liste (`list_counts` de
    checks.yaml)."""
    for check in context.catalog.checks.list_counts:
        items = [i for i in context.edition.lists if i.kind.value == check.list_kind]
        if not items:
            continue  # the list is not entered: nothing to count
        for o in context.figures.of_indicator(check.indicator):
            if not context.figures.is_region(o.territory) or o.value is None \
                    or o.value == len(items):
                continue
            yield context.finding(
                o, f"{indicator_name(context.catalog, o.indicator)} : "
                   f"{figure(o, context.catalog)} imprimé, mais la liste en décrit "
                   f"{len(items)}.", expected=fr.number(Decimal(len(items))), related=items[:1])
