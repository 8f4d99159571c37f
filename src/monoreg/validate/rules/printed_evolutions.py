"""Evolutions: a printed evolution is recomputed from the two figures it compares, by the
indicator's kind (% for counts and amounts, percentage points for rates)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from monoreg import formatting as fr
from monoreg.derive.evolutions import Change, observation_change
from monoreg.model import Evolution, EvolutionClaim, Finding, Observation, Severity
from monoreg.validate.context import Context
from monoreg.validate.figure_index import has_value, printed_number
from monoreg.validate.registry import rule
from monoreg.validate.wording import decimals_of, figure_at, quote

FAMILY = "evolutions"


@dataclass(frozen=True)
class Recomputed:
    base: Observation
    current: Observation
    change: Change

    def between(self, context: Context) -> str:
        catalog = context.catalog
        return f"{figure_at(self.base, catalog)} et {figure_at(self.current, catalog)}"


def recompute(context: Context, claim: EvolutionClaim) -> Recomputed | None:
    """The evolution between the claim's N-1 and N figures; None when one is missing."""
    base, current = context.figures.claim_figures(claim)
    if base is None or current is None or not (has_value(base) and has_value(current)):
        return None
    change = observation_change(context.figures.indicator(claim), base, current,
                                context.catalog.units)
    return None if change is None else Recomputed(base, current, change)


def house_decimals(context: Context, mode: Evolution) -> int:
    """How many decimals the house style prints an evolution with."""
    settings = context.settings
    return settings.evolution_decimals_points if mode is Evolution.POINTS \
        else settings.evolution_decimals_relative


def printed_decimals(claim: EvolutionClaim) -> int:
    printed = printed_number(claim.printed)
    if printed is not None and printed.value is not None:
        return printed.decimals
    return decimals_of(claim.value) if claim.value is not None else 0


def _printed_in_points(claim: EvolutionClaim) -> bool:
    return claim.unit == "points"


@rule("evolution-mismatch", Severity.ERROR, FAMILY)
def evolution_mismatch(context: Context) -> Iterator[Finding]:
    """Une évolution imprimée est égale, à la précision où elle est imprimée, à l'évolution
    recalculée à partir des chiffres N-1 et N qu'elle compare (en % pour les effectifs et
    les montants, en points pour les taux). L'écart toléré est le paramètre
    `evolution_tolerance`."""
    tolerance_units = Decimal(context.settings.evolution_tolerance)
    for claim in context.edition.evolutions:
        indicator = context.figures.indicator(claim)
        if claim.value is None or (indicator.evolution is Evolution.POINTS
                                   and not _printed_in_points(claim)):
            continue  # nothing printed, or a rate in %: rate-evolution-in-points says it
        found = recompute(context, claim)
        if found is None:
            continue
        decimals = printed_decimals(claim)
        expected = fr.rounded(found.change.value, decimals)
        if abs(expected - claim.value) <= tolerance_units.scaleb(-decimals):
            continue
        shown = fr.evolution(found.change.value, found.change.mode, decimals)
        yield context.finding(
            claim, f"Évolution imprimée {quote(claim.printed)} ; recalculée à partir de "
                   f"{found.between(context)} : {shown}.",
            expected=shown, related=(found.base, found.current))


@rule("rate-evolution-in-points", Severity.ERROR, FAMILY)
def rate_evolution_in_points(context: Context) -> Iterator[Finding]:
    """L'évolution d'un taux s'exprime en points de pourcentage (« -0,7 pt »), avec son
    signe, et non en % : « 0,7 % » pour un taux passé de 9 % à 8,3 % est faux deux fois."""
    for claim in context.edition.evolutions:
        indicator = context.figures.indicator(claim)
        if claim.value is None or indicator.evolution is not Evolution.POINTS \
                or _printed_in_points(claim):
            continue
        how = "en %" if claim.unit == "percent" else "sans unité"
        found = recompute(context, claim)
        expected = None
        message = (f"Évolution d'un taux imprimée {how} ({quote(claim.printed)}) : un taux "
                   "évolue en points de pourcentage.")
        if found is not None:
            expected = fr.points(found.change.value, house_decimals(context, Evolution.POINTS))
            message += (f" De {figure_at(found.base, context.catalog)} à "
                        f"{figure_at(found.current, context.catalog)} : {expected}.")
        yield context.finding(claim, message, expected=expected,
                              related=(found.base, found.current) if found else ())


@rule("evolution-sign", Severity.WARNING, FAMILY, flags=False)
def evolution_sign(context: Context) -> Iterator[Finding]:
    """Une évolution non nulle s'imprime avec son signe, + ou -, pour qu'une hausse ne se
    lise pas comme une baisse (« +10,42 % », « -0,7 pt »)."""
    for claim in context.edition.evolutions:
        printed = printed_number(claim.printed)
        if printed is None or printed.value is None or printed.value == 0 \
                or printed.explicit_sign:
            continue
        found = recompute(context, claim)
        mode = context.figures.indicator(claim).evolution
        value = found.change.value if found is not None else printed.value
        expected = fr.evolution(value, Evolution.POINTS if mode is Evolution.POINTS
                                else Evolution.RELATIVE, printed.decimals)
        yield context.finding(
            claim, f"Évolution imprimée sans signe ({quote(claim.printed)}) : écrire "
                   f"{expected}.", expected=expected)


@rule("evolution-missing", Severity.ERROR, FAMILY)
def evolution_missing(context: Context) -> Iterator[Finding]:
    """Dans un tableau qui imprime une colonne d'évolution, une évolution est donnée dès que
    les chiffres N-1 et N de la région sont connus (« % » sans nombre ne suffit pas)."""
    for row in context.figures.rows:
        if row.place not in context.figures.evolution_places or row.change is None \
                or row.base is None or row.current is None \
                or row.indicator.evolution is Evolution.NONE:
            continue
        if row.claim is not None and row.claim.value is not None:
            continue
        expected = fr.evolution(row.change.value, row.change.mode,
                                house_decimals(context, row.change.mode))
        between = f"{figure_at(row.base, context.catalog)} et " \
                  f"{figure_at(row.current, context.catalog)}"
        if row.claim is not None:
            message = (f"Évolution imprimée {quote(row.claim.printed)}, sans nombre, alors "
                       f"que N-1 et N sont connus ({between}) : elle est de {expected}.")
            yield context.finding(row.claim, message, expected=expected,
                                  related=(row.base, row.current))
        else:
            message = (f"Aucune évolution imprimée alors que N-1 et N sont connus "
                       f"({between}) : elle est de {expected}.")
            yield context.finding(row.current, message, expected=expected, printed="",
                                  related=(row.base,))


@rule("evolution-without-figures", Severity.ERROR, FAMILY)
def evolution_without_figures(context: Context) -> Iterator[Finding]:
    """Une évolution n'est imprimée que si les deux chiffres qu'elle compare sont connus : si
    N-1 ou N est absent ou « Non renseigné », la colonne d'évolution reste vide (« - »)."""
    for claim in context.edition.evolutions:
        if claim.value is None:
            continue
        base, current = context.figures.claim_figures(claim)
        missing = [(name, period) for name, o, period in (
            ("N-1", base, claim.base_period), ("N", current, claim.period))
            if not has_value(o)]
        if not missing:
            continue
        what = " et ".join(f"{name} ({period.label()})" for name, period in missing)
        yield context.finding(
            claim, f"Évolution imprimée {quote(claim.printed)} alors que {what} n'a pas de "
                   "chiffre : elle ne peut pas être calculée.",
            expected="–", related=[o for o in (base, current) if o is not None])
