"""Printed form: how figures are written — digit groups, decimal separator and precision,
numbers run together, 0 against « Non renseigné », and the source and period every figure
must carry."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from monoreg import formatting as fr
from monoreg.model import (
    Catalog,
    Evolution,
    EvolutionClaim,
    Finding,
    ListItem,
    Observation,
    Severity,
    Status,
    Text,
)
from monoreg.model.printed import (
    DOT_DECIMAL,
    IRREGULAR_GROUPS,
    SPACE_IN_DECIMALS,
    PrintedNumber,
)
from monoreg.validate.context import Context
from monoreg.validate.figure_index import has_value, printed_number
from monoreg.validate.registry import rule
from monoreg.validate.rules.printed_evolutions import house_decimals
from monoreg.validate.wording import figure_name, quote

FAMILY = "printed-form"
UNGROUPED_INTEGER = re.compile(r"(?<![\d,.])\d{4,}")  # an integer part of 4+ digits in a row


def well_printed(printed: PrintedNumber, catalog: Catalog, decimals: int | None = None) -> str:
    """The printed figure as the house style writes it: French separators, digits grouped
    by three, the unit after a no-break space, the sign when one was printed."""
    assert printed.value is not None
    places = printed.decimals if decimals is None else decimals
    text = fr.number(printed.value, places, signed=printed.explicit_sign)
    symbol = catalog.units[printed.unit].symbol if printed.unit in catalog.units else ""
    if symbol:
        text += f"{fr.NBSP}{symbol}"
    if printed.annotation:
        text += f" ({printed.annotation})"
    return text


def printed_items(context: Context) -> Iterator[tuple[Observation | EvolutionClaim,
                                                       PrintedNumber]]:
    """Every printed figure and evolution with a number, and how a reader reads it."""
    figures: list[Observation | EvolutionClaim] = [*context.edition.observations,
                                                    *context.edition.evolutions]
    for item in figures:
        printed = printed_number(item.printed)
        if printed is not None and printed.value is not None:
            yield item, printed


@rule("malformed-number", Severity.ERROR, FAMILY)
def malformed_number(context: Context) -> Iterator[Finding]:
    """Un nombre est bien formé : groupes de trois chiffres (« 30 70 000 » ne se lit pas),
    pas d'espace dans la partie décimale (« 993 520 495, 00 »), et pas deux nombres accolés
    (« 12 302,1 » pour 12 et 302,1)."""
    catalog = context.catalog
    for item, printed in printed_items(context):
        if not {IRREGULAR_GROUPS, SPACE_IN_DECIMALS} & set(printed.anomalies):
            continue
        expected = well_printed(printed, catalog)
        if IRREGULAR_GROUPS in printed.anomalies:
            yield context.finding(
                item, f"{figure_name(catalog, item)} : groupes de chiffres irréguliers, "
                      f"{quote(item.printed or '')} se lit "
                      f"{expected}, mais un chiffre manque ou est en trop ; un nombre "
                      "s'écrit par groupes de trois chiffres.", expected=expected)
        if SPACE_IN_DECIMALS in printed.anomalies:
            yield context.finding(
                item, f"{figure_name(catalog, item)} : espace dans la partie décimale, "
                      f"{quote(item.printed or '')}.",
                expected=expected)
    yield from _run_together(context)


def _run_together(context: Context) -> Iterator[Finding]:
    """Figures whose extracted text reads as one other number: cells run together."""
    groups: dict[tuple[str, str, str], list[Observation]] = defaultdict(list)
    for o in context.edition.observations:
        if o.raw and o.raw != o.printed:
            groups[(o.place, o.raw, str(o.origin))].append(o)
    for (_, raw, _), figures in groups.items():
        read = printed_number(raw)
        if read is None or read.value is None or all(o.value == read.value for o in figures):
            continue
        parts = " et ".join(quote(o.printed or "") for o in figures)
        yield context.finding(
            figures[0], f"Deux nombres accolés : {quote(raw)} se lit comme un seul nombre "
                        f"({well_printed(read, context.catalog)}) ; ce sont les cellules "
                        f"{parts}.", printed=raw, expected=parts, related=figures[1:])


@rule("decimal-separator", Severity.WARNING, FAMILY, flags=False)
def decimal_separator(context: Context) -> Iterator[Finding]:
    """Les décimales sont séparées par une virgule, comme partout dans une publication en
    français : « -0.03% » s'écrit « -0,03 % »."""
    for item, printed in printed_items(context):
        if DOT_DECIMAL in printed.anomalies:
            expected = well_printed(printed, context.catalog)
            yield context.finding(
                item, f"{figure_name(context.catalog, item)} : point décimal dans "
                      f"{quote(item.printed or '')} ; la virgule sépare les décimales en français "
                      f"({expected}).", expected=expected)


@rule("digit-grouping", Severity.WARNING, FAMILY, flags=False)
def digit_grouping(context: Context) -> Iterator[Finding]:
    """Les chiffres d'un nombre de quatre chiffres ou plus sont groupés par trois, comme
    ailleurs dans la monographie : « 2133 » s'écrit « 2 133 »."""
    for item, printed in printed_items(context):
        if item.printed and UNGROUPED_INTEGER.search(item.printed):
            expected = well_printed(printed, context.catalog)
            yield context.finding(
                item, f"{figure_name(context.catalog, item)} : chiffres non groupés dans "
                      f"{quote(item.printed or '')}, à écrire {expected}.",
                expected=expected)


@rule("printed-precision", Severity.WARNING, FAMILY, flags=False)
def printed_precision(context: Context) -> Iterator[Finding]:
    """Un chiffre est imprimé avec les décimales que le catalogue donne à son indicateur
    (« 12 % » dans une colonne de « 12,7 % »), une évolution avec celles de la maison
    (`evolution_decimals_relative`, `evolution_decimals_points`)."""
    figures = context.figures
    for item, printed in printed_items(context):
        indicator = figures.indicator(item)
        if isinstance(item, EvolutionClaim):
            mode = Evolution.POINTS if indicator.evolution is Evolution.POINTS \
                else Evolution.RELATIVE
            wanted, what = house_decimals(context, mode), "une évolution"
        elif item.unit == indicator.unit:
            wanted, what = indicator.decimals, quote(indicator.label)
        else:
            continue  # printed in another unit: region-france-unit says so
        if printed.decimals == wanted:
            continue
        expected = well_printed(printed, context.catalog, wanted)
        yield context.finding(
            item, f"{quote(item.printed or '')} est imprimé {_with(printed.decimals)} ; "
                  f"{what} s'imprime {_with(wanted)} ({expected}).", expected=expected)


def _with(decimals: int) -> str:
    return "sans décimale" if decimals == 0 \
        else f"avec {decimals} décimale{'s' if decimals > 1 else ''}"


@rule("zero-or-missing", Severity.WARNING, FAMILY)
def zero_or_missing(context: Context) -> Iterator[Finding]:
    """« Non renseigné » n'est jamais 0 : un 0 imprimé est vérifié (est-ce une valeur, ou un
    chiffre manquant ?), et un « - » imprimé à la place d'un chiffre dit s'il manque
    (« Non renseigné ») ou s'il vaut 0."""
    for o in context.edition.observations:
        if o.status is Status.VALUE and o.value == 0:
            yield context.finding(
                o, f"{figure_name(context.catalog, o)} : 0 imprimé ; vérifier qu'il s'agit "
                   "d'une valeur nulle et non d'un chiffre manquant, qui s'écrit « Non "
                   "renseigné ».",
                expected="0 ou « Non renseigné »")
        elif o.status is Status.NOT_APPLICABLE:
            yield context.finding(
                o, f"{figure_name(context.catalog, o)} : {quote(o.printed or '-')} imprimé "
                   "à la place d'un chiffre ; écrire « Non renseigné » s'il manque, ou sa "
                   "valeur.",
                expected="« Non renseigné » ou la valeur")


@rule("missing-source", Severity.ERROR, FAMILY)
def missing_source(context: Context) -> Iterator[Finding]:
    """Chaque chiffre a une source connue (la sienne, ou celle de son tableau dans
    edition.yaml), et chaque texte et liste dit d'où il vient."""
    known = {s.id for s in context.edition.sources} | set(context.catalog.sources)
    for o in context.edition.observations:
        if o.source is None:
            yield context.finding(o, f"{figure_name(context.catalog, o)} : chiffre sans "
                                     "source, ni la sienne, ni celle de son tableau "
                                     "(table_sources de edition.yaml).",
                                  expected="une source")
        elif o.source not in known:
            yield context.finding(o, f"{figure_name(context.catalog, o)} : source "
                                     f"inconnue {quote(o.source)}.",
                                  expected="une source de sources.yaml ou de edition.yaml")
    content: list[Text | ListItem] = [*context.edition.texts, *context.edition.lists]
    for item in content:
        if not item.source:
            yield context.finding(item, f"{quote(item.title)} n'a pas de source.",
                                  expected="une source", severity=Severity.WARNING)


@rule("missing-period", Severity.WARNING, FAMILY)
def missing_period(context: Context) -> Iterator[Finding]:
    """Dans un tableau où les chiffres impriment leur période (« en 2017 », « (juillet
    2019) »), un chiffre sans période imprimée est ambigu (part `missing_period_share`)."""
    share = context.settings.missing_period_share
    tables: dict[tuple[str, bool], list[Observation]] = defaultdict(list)
    for o in context.edition.observations:
        tables[(o.place, context.figures.is_region(o.territory))].append(o)
    for figures in tables.values():
        dated = sum(1 for o in figures if o.printed_period)
        if not dated or dated < share * len(figures):
            continue
        for o in figures:
            if not o.printed_period and has_value(o):
                yield context.finding(
                    o, f"{figure_name(context.catalog, o)} : {quote(o.printed or '')} est "
                       "imprimé sans période, alors que les autres chiffres du tableau en ont "
                       f"une ; période retenue : {o.period.label()}.",
                    expected=o.period.label())
