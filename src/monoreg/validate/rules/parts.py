"""Parts and wholes: parts add up to their whole, a part never exceeds its whole, a budget
balances, a rate stays between 0 and 100 %. Relations come from the catalogue (`part_of`)
and from reference/checks.yaml (`complete`, `bounds`, `balances`)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from monoreg import formatting as fr
from monoreg.derive.figure_equality import HALF, quantum, same_value
from monoreg.model import Finding, IndicatorKind, Observation, Severity
from monoreg.validate.context import Context
from monoreg.validate.figure_index import contains, has_value
from monoreg.validate.registry import rule
from monoreg.validate.wording import decimals_of, figure, figure_at, indicator_name

FAMILY = "parts"


@rule("parts-sum", Severity.ERROR, FAMILY)
def parts_sum(context: Context) -> Iterator[Finding]:
    """Les parties d'un total s'additionnent pour le donner (tranches d'âge et total,
    fonctionnement + investissement = dépenses totales), pour un même territoire, une même
    période et un même tableau. Un écart dans l'arrondi des chiffres imprimés (un demi
    dernier chiffre par chiffre additionné, fois `sum_tolerance_factor`) n'est qu'une
    information ; au-delà, c'est une erreur."""
    catalog, figures = context.catalog, context.figures
    factor = context.settings.sum_tolerance_factor
    for whole_id in catalog.checks.complete:
        parts = [i.id for i in catalog.indicators.values() if i.part_of == whole_id]
        for whole in context.edition.observations:
            if whole.indicator != whole_id or not has_value(whole) or whole.value is None:
                continue
            members = [figures.at(whole.place, p, whole.territory, whole.period.code)
                       for p in parts]
            present = [m for m in members if m is not None and has_value(m)]
            values = [figures.value_in(m, whole.unit) for m in present]
            if len(present) < len(parts) or any(v is None for v in values):
                continue  # a part is not printed: nothing to add up
            total = sum((v for v in values if v is not None), Decimal(0))
            difference = total - whole.value
            if difference == 0:
                continue
            rounding = HALF * factor * (quantum(whole.value) + sum(
                (catalog.units[m.unit].convert(quantum(m.value), catalog.units[whole.unit])
                 for m in present if m.value is not None), Decimal(0)))
            decimals = decimals_of(whole.value)
            unit = catalog.units[whole.unit]
            terms = " + ".join(figure(m, catalog) for m in present)
            message = (f"{indicator_name(catalog, whole_id)} ({whole.period.label()}) : "
                       f"{terms} = {fr.with_unit(total, unit, decimals)}, et non "
                       f"{figure(whole, catalog)} comme imprimé (écart "
                       f"{fr.with_unit(difference, unit, decimals)})")
            within = abs(difference) <= rounding
            if within:
                message += (f", dans la tolérance d'arrondi "
                            f"({fr.with_unit(rounding, unit, decimals + 1)})")
            yield context.finding(whole, message + ".",
                                  expected=fr.with_unit(total, unit, decimals),
                                  severity=Severity.INFO if within else None, related=present)


def bounds(context: Context) -> list[tuple[str, str]]:
    """(part, whole) pairs: every `part_of` of the catalogue and the bounds of checks.yaml."""
    catalog = context.catalog
    return [*((i.id, i.part_of) for i in catalog.indicators.values() if i.part_of),
            *((b.part, b.whole) for b in catalog.checks.bounds)]


def _wholes(context: Context, part: Observation, whole_id: str) -> list[Observation]:
    """The whole's figures a part is compared with: of the same territory and a period that
    contains the part's, printed in the same table when there is one there."""
    found = [w for w in context.figures.by_series.get((whole_id, part.territory), ())
             if has_value(w) and contains(w.period, part.period)]
    return [w for w in found if w.place == part.place] or found


@rule("part-exceeds-whole", Severity.ERROR, FAMILY)
def part_exceeds_whole(context: Context) -> Iterator[Finding]:
    """Une partie ne dépasse pas son tout, pour un même territoire et une période contenue
    dans celle du tout : une tranche d'âge ou une sous-population ne dépasse pas sa
    population, les demandeurs d'emploi ne dépassent pas la population active, un
    sous-budget ne dépasse pas le budget."""
    catalog = context.catalog
    for part_id, whole_id in bounds(context):
        for part in context.figures.of_indicator(part_id):
            if not has_value(part):
                continue
            for whole in _wholes(context, part, whole_id):
                value = context.figures.value_in(part, whole.unit)
                if value is None or whole.value is None or value <= whole.value \
                        or same_value(value, catalog.units[whole.unit], whole.value,
                                      catalog.units[whole.unit]):
                    continue
                yield context.finding(
                    part, f"{indicator_name(catalog, part_id)} : {figure_at(part, catalog)}, "
                          f"plus que {indicator_name(catalog, whole_id)} : "
                          f"{figure_at(whole, catalog)} ; une partie ne peut dépasser son "
                          "tout.",
                    expected=f"au plus {figure(whole, catalog)}", related=(whole,))


@rule("budget-balance", Severity.ERROR, FAMILY)
def budget_balance(context: Context) -> Iterator[Finding]:
    """Un budget qui doit être équilibré l'est : recettes = dépenses, section par section
    (fonctionnement, investissement) et au total (`balances` de checks.yaml)."""
    catalog, figures = context.catalog, context.figures
    for balance in catalog.checks.balances:
        for receipts in figures.of_indicator(balance.receipts):
            expenses = figures.at(receipts.place, balance.expenses, receipts.territory,
                                  receipts.period.code)
            if expenses is None or not (has_value(receipts) and has_value(expenses)) \
                    or receipts.value is None or expenses.value is None \
                    or same_value(receipts.value, catalog.units[receipts.unit],
                                  expenses.value, catalog.units[expenses.unit]):
                continue
            yield context.finding(
                receipts, f"Budget non équilibré ({receipts.period.label()}) : recettes "
                          f"{figure(receipts, catalog)}, dépenses {figure(expenses, catalog)}.",
                expected=figure(expenses, catalog), related=(expenses,))


@rule("rate-range", Severity.ERROR, FAMILY)
def rate_range(context: Context) -> Iterator[Finding]:
    """Un taux ou une part en % est compris entre 0 et 100 %."""
    for o in context.edition.observations:
        indicator = context.figures.indicator(o)
        if indicator.kind is not IndicatorKind.RATE or o.unit != "percent" \
                or o.value is None or Decimal(0) <= o.value <= Decimal(100):
            continue
        yield context.finding(
            o, f"{indicator_name(context.catalog, o.indicator)} vaut "
               f"{figure(o, context.catalog)} : un taux est compris entre 0 et 100 %.",
            expected="entre 0 et 100 %")
