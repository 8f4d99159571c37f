"""Periods: N-1 is the year before N, the region and France are compared on one period,
nothing is dated after the data cut-off, and the latest figure is not too old."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from monoreg import formatting as fr
from monoreg.model import (
    EvolutionClaim,
    Finding,
    Observation,
    Period,
    PeriodKind,
    Severity,
    Status,
)
from monoreg.model.period import months_between
from monoreg.validate.context import Context
from monoreg.validate.figure_index import date_within, has_value
from monoreg.validate.registry import rule
from monoreg.validate.wording import figure_name, gap, indicator_name, series_name

FAMILY = "periods"

@rule("period-n-minus-1", Severity.WARNING, FAMILY)
def period_n_minus_1(context: Context) -> Iterator[Finding]:
    """Dans un tableau « Année N-1 / Année N », N-1 est la période qui précède N d'un an
    (2018 pour 2019, 2e trimestre 2018 pour 2e trimestre 2019) ; sinon l'évolution porte
    sur une autre durée et le lecteur doit le savoir."""
    claimed = set()
    for claim in context.edition.evolutions:
        claimed.add((claim.place, claim.indicator, claim.territory))
        if claim.period.year_earlier() != claim.base_period:
            base, current = context.figures.claim_figures(claim)
            yield _gap_finding(context, claim, claim.base_period, claim.period,
                               [o for o in (base, current) if o is not None])
    for row in context.figures.rows:
        if row.place not in context.figures.evolution_places or row.base is None \
                or row.current is None \
                or (row.place, row.indicator.id, context.edition.region) in claimed:
            continue
        if row.current.period.year_earlier() != row.base.period:
            yield _gap_finding(context, row.current, row.base.period, row.current.period,
                               [row.base])


def _gap_finding(context: Context, about: Observation | EvolutionClaim, base: Period,
                 current: Period,
                 related: list[Observation]) -> Finding:
    expected = current.year_earlier().label()
    return context.finding(
        about, f"{figure_name(context.catalog, about)} : N-1 ({base.label()}) et N "
               f"({current.label()}), {gap(base, current)} ; "
               f"N-1 devrait être {expected}, ou le tableau doit dire sur quelle durée "
               "l'évolution est calculée.",
        printed=f"{base.label()} → {current.label()}", expected=expected, related=related)


@rule("region-france-period", Severity.WARNING, FAMILY)
def region_france_period(context: Context) -> Iterator[Finding]:
    """Sur une ligne de tableau, le chiffre de la région (année N) et celui de la France sont
    de la même période ; une date prise dans l'année de l'autre chiffre (« au 1er janvier
    2019 » face à « 2019 ») n'est qu'une information."""
    for row in context.figures.rows:
        region, national = row.current, row.national
        if region is None or national is None or region.period == national.period:
            continue
        name = context.figures.territory_name(national.territory)
        yield context.finding(
            national, f"{indicator_name(context.catalog, national.indicator)} : région "
                      f"({region.period.label()}) et {name} "
                      f"({national.period.label()}) comparées sur deux périodes différentes "
                      f": {gap(region.period, national.period)}.",
            printed=national.printed_period or national.period.label(),
            expected=region.period.label(),
            severity=Severity.INFO if date_within(region.period, national.period) else None,
            related=(region,))


@rule("period-after-cutoff", Severity.ERROR, FAMILY)
def period_after_cutoff(context: Context) -> Iterator[Finding]:
    """Aucun chiffre n'est daté d'après l'arrêt de la collecte des données de l'édition
    (« arrêtée en décembre 2019 ») ; une période commencée avant et finie après n'est
    qu'un avertissement."""
    cutoff = context.edition.cutoff
    for o in context.edition.observations:
        if o.period.end <= cutoff.end or o.status is Status.TO_FILL:
            continue
        partly = o.period.start <= cutoff.end
        yield context.finding(
            o, f"{indicator_name(context.catalog, o.indicator)} : chiffre daté "
               f"{o.period.label()}, "
               f"{'en partie ' if partly else ''}après l'arrêt de la collecte des données "
               f"({cutoff.label()}).",
            printed=o.printed_period or o.period.label(),
            expected=f"{cutoff.label()} au plus tard",
            severity=Severity.WARNING if partly else None)


@rule("stale-figure", Severity.WARNING, FAMILY)
def stale_figure(context: Context) -> Iterator[Finding]:
    """Le chiffre le plus récent d'un indicateur (année N) n'est pas périmé : la fin de sa
    période ne précède pas l'arrêt de la collecte de plus de `stale_after_months` mois."""
    cutoff = context.edition.cutoff
    limit = context.settings.stale_after_months
    latest: dict[tuple[str, str, str], Observation] = {}
    for o in context.edition.observations:
        key = (o.place, o.series, o.territory)
        if has_value(o) and (key not in latest or latest[key].period < o.period):
            latest[key] = o
    for o in latest.values():
        age = months_between(o.period, cutoff)
        if age <= limit:
            continue
        oldest = Period(PeriodKind.MONTH, cutoff.end.year, cutoff.end.month).shifted(-limit)
        yield context.finding(
            o, f"{series_name(context.catalog, o)} : le chiffre le plus récent "
               f"est daté {o.period.label()}, {fr.number(Decimal(age))} mois avant l'arrêt de la "
               f"collecte ({cutoff.label()}) ; seuil : {limit} mois.",
            printed=o.printed_period or o.period.label(),
            expected=f"{oldest.label()} ou après")
