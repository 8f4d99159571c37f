"""Region against France: the region stays below France, its share of France is plausible
against its share of the population, and both sides are printed in the same unit and on the
same perimeter."""

from __future__ import annotations

from collections.abc import Iterator

from monoreg import formatting as fr
from monoreg.derive.figure_equality import same_value
from monoreg.derive.ratios import share
from monoreg.model import Finding, Observation, Severity
from monoreg.validate.context import Context
from monoreg.validate.figure_index import has_value
from monoreg.validate.registry import rule
from monoreg.validate.wording import figure_at, indicator_name, of, quote, the

FAMILY = "region-france"


@rule("region-exceeds-france", Severity.ERROR, FAMILY)
def region_exceeds_france(context: Context) -> Iterator[Finding]:
    """Pour un indicateur additif (effectifs, montants), le chiffre de la région ne dépasse
    pas celui de la France pour la même période."""
    figures, catalog = context.figures, context.catalog
    for region in context.edition.observations:
        indicator = figures.indicator(region)
        if not indicator.additive or not figures.is_region(region.territory) \
                or not has_value(region):
            continue
        nationals = [o for o in figures.of_indicator(region.indicator)
                     if figures.is_national(o.territory) and o.period == region.period
                     and has_value(o)]
        for national in [o for o in nationals if o.place == region.place] or nationals:
            value = figures.value_in(region, national.unit)
            if value is None or national.value is None or value <= national.value \
                    or same_value(value, catalog.units[national.unit], national.value,
                                  catalog.units[national.unit]):
                continue
            name = figures.territory_name(national.territory)
            yield context.finding(
                region, f"{indicator_name(catalog, region.indicator)} : la région "
                        f"({figure_at(region, catalog)}) dépasse {the(name)} "
                        f"({figure_at(national, catalog)}).",
                expected=f"moins que {figure_at(national, catalog)}", related=(national,))


@rule("region-share", Severity.WARNING, FAMILY)
def region_share(context: Context) -> Iterator[Finding]:
    """La part de la région dans la France, pour un indicateur additif, est plausible au
    regard de sa part dans la population : leur rapport reste dans la bande `share_band`
    (de 0,4 à 2,5 par défaut). Un chiffre mal imprimé (« 30 70 000 », un total national
    plus petit que sa partie) en sort."""
    figures, catalog = context.figures, context.catalog
    low, high = context.settings.share_band
    region_population = figures.population(context.edition.region)
    for row in figures.rows:
        region, national = row.current, row.national
        if not row.indicator.additive or row.indicator.id == catalog.checks.population \
                or region is None or national is None or region_population is None \
                or not (has_value(region) and has_value(national)):
            continue
        population = figures.population(national.territory) or figures.population("FR")
        value = figures.value_in(region, national.unit)
        if population is None or value is None or national.value is None:
            continue
        part = share(value, national.value)
        people = share(region_population, population)
        if part is None or not people:
            continue
        ratio = part / people
        if low <= ratio <= high:
            continue
        name = figures.territory_name(national.territory)
        expected = f"entre {fr.percent(people * low, 2)} et {fr.percent(people * high, 2)}"
        yield context.finding(
            region, f"{indicator_name(catalog, region.indicator)} : la région pèse "
                    f"{fr.percent(part, 2)} {of(name)} ({figure_at(region, catalog)} sur "
                    f"{figure_at(national, catalog)}) pour {fr.percent(people, 2)} de sa "
                    f"population, {fr.number(ratio, 1)} fois sa part ; un chiffre est "
                    f"probablement faux.",
            expected=f"une part {expected}", related=(national,))


def _counted(o: Observation) -> str | None:
    """What the extracted text says is counted after the number ('CFA' in '143 CFA')."""
    if not o.raw or not o.printed or o.printed not in o.raw:
        return None
    rest = o.raw.replace(o.printed, "", 1).strip()
    return rest if rest and not any(c.isdigit() for c in rest) else None


@rule("region-france-unit", Severity.WARNING, FAMILY)
def region_france_unit(context: Context) -> Iterator[Finding]:
    """Sur une ligne de tableau, la région et la France sont imprimées dans la même unité
    (pas des milliers d'un côté et des personnes de l'autre) et comptent la même chose
    (« 143 CFA » face à « 936 CFA/SA »)."""
    catalog = context.catalog
    for row in context.figures.rows:
        region, national = row.current, row.national
        if region is None or national is None:
            continue
        name = context.figures.territory_name(national.territory)
        if region.unit != national.unit:
            yield context.finding(
                national, f"{indicator_name(catalog, region.indicator)} : la région est "
                          f"imprimée en {catalog.units[region.unit].label}, {the(name)} en "
                          f"{catalog.units[national.unit].label}.",
                expected=catalog.units[region.unit].label, related=(region,))
        mine, theirs = _counted(region), _counted(national)
        if mine and theirs and mine != theirs:
            yield context.finding(
                national, f"{indicator_name(catalog, region.indicator)} : la région compte "
                          f"des {quote(mine)}, {the(name)} des {quote(theirs)}.",
                printed=national.raw, expected=mine, related=(region,))


@rule("national-perimeter", Severity.WARNING, FAMILY)
def national_perimeter(context: Context) -> Iterator[Finding]:
    """Un chiffre national imprimé sur un périmètre partiel (« Hors AURA, Corse, … ») ne se
    compare pas à la région comme un chiffre de la France entière : le tableau doit le
    dire, et la part de la région n'est pas à périmètre constant."""
    figures = context.figures
    for o in context.edition.observations:
        if not o.perimeter or not figures.is_national(o.territory):
            continue
        yield context.finding(
            o, f"Chiffre national sur un périmètre partiel ({quote(o.perimeter)}) : la "
               "comparaison avec la région n'est pas à périmètre constant.",
            expected=f"{figures.territory_name(o.territory)} entière, ou une comparaison "
                     "sur le même périmètre")
