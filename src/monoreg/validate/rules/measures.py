"""Regional policy measures (measures.yaml): a status that contradicts its printed dates at
the cutoff, and an amount that disagrees with the budget table it overlaps.

Announcing a measure that starts after the cutoff is normal; printing it as running (or
ended) is not. An amount overlaps a budget table when the editor names the table's
indicator (`indicator`): both are compared in the same base unit (euros).
"""

from __future__ import annotations

from collections.abc import Iterator

from monoreg.formatting import number
from monoreg.model import Finding, MeasureStatus, PeriodParseError, Severity, parse_period
from monoreg.validate.context import Context
from monoreg.validate.registry import rule
from monoreg.validate.wording import quote

FAMILY = "mesures"


@rule("measure-date-after-cutoff", Severity.WARNING, FAMILY)
def measure_date_after_cutoff(context: Context) -> Iterator[Finding]:
    """Une mesure imprimée comme en cours (ou terminée) a une date postérieure à la date
    d'arrêt de l'édition : son statut ou sa date est à revoir (annoncer une mesure future
    est normal)."""
    cutoff = context.edition.cutoff
    for measure in context.edition.measures:
        dates = {MeasureStatus.RUNNING: (measure.start,),
                 MeasureStatus.ENDED: (measure.start, measure.end)}.get(measure.status, ())
        late = [d for d in dates if d is not None and d.start > cutoff.end]
        if late:
            status = "en cours" if measure.status is MeasureStatus.RUNNING else "terminée"
            yield context.finding(
                measure, f"la mesure {quote(measure.title)} est imprimée comme {status} mais "
                f"date de {late[0].label()}, après la date d'arrêt ({cutoff.label()})",
                printed=late[0].label(), expected=f"au plus tard {cutoff.label()}")


@rule("measure-amount-budget", Severity.WARNING, FAMILY)
def measure_amount_budget(context: Context) -> Iterator[Finding]:
    """Le montant d'une mesure diffère du chiffre du tableau budgétaire qu'il recoupe
    (même indicateur, même région, même période)."""
    edition, catalog = context.edition, context.catalog
    for measure in edition.measures:
        for amount in measure.amounts:
            if amount.indicator is None or amount.period is None:
                continue
            try:
                period = parse_period(amount.period)
            except PeriodParseError:
                continue
            unit = catalog.units.get(amount.unit)
            for o in edition.observations:
                if (o.indicator, o.territory, o.period) != (amount.indicator, edition.region,
                                                            period) or o.value is None:
                    continue
                table_unit = catalog.units.get(o.unit)
                if unit is None or table_unit is None or unit.dimension != table_unit.dimension:
                    continue
                mine, theirs = amount.value * unit.scale, o.value * table_unit.scale
                if mine != theirs:
                    yield context.finding(
                        measure, f"le montant {quote(amount.printed)} de la mesure "
                        f"{quote(measure.title)} diffère du tableau budgétaire "
                        f"({o.printed or number(o.value)})",
                        printed=amount.printed, expected=o.printed, related=[o])
