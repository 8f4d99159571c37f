"""All regions together: for an additive indicator (counts, amounts), the regions of a
perimeter add up to its national figure for the same period.

Perimeters (data/reference/perimeters.csv): `FR` is the 18 regions, `FR-HM` (France hors
Mayotte) the 17 others, `FR-MET` (France métropolitaine) the 13 metropolitan regions. A
region's figure is the preferred one of derive/preferred.py: its own edition (the latest
first), else official series and imports, else another region's edition. When a region of the
perimeter has no figure for the period, nothing can be said and the rule says nothing.

The sum may differ from the national figure by the rounding of the printed figures (half a
last digit each) or by `relative` of the national figure, whichever is larger: sources
round, and some count a person or an organisation in two regions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from monoreg import formatting as fr
from monoreg.derive.figure_equality import HALF, quantum
from monoreg.derive.preferred import Candidate, Origin, choose_preferred, origin_of
from monoreg.model import Catalog, Edition, Finding, Observation, Severity, Status, Territory
from monoreg.validate.registry import Context, rule

RULE_ID = "regions-sum"
MAYOTTE = "06"  # INSEE code of the region France hors Mayotte leaves out
PERIMETER_NAMES = {"FR": "des 18 régions", "FR-HM": "des 17 régions hors Mayotte",
                   "FR-MET": "des 13 régions métropolitaines"}


@dataclass(frozen=True)
class Tolerance:
    relative: Decimal = Decimal("0.005")   # 0,5 % of the national figure


def perimeter_regions(perimeter: str, catalog: Catalog) -> tuple[Territory, ...]:
    """The regions whose figures add up to the national figure of `perimeter`."""
    regions = catalog.territories.regions
    if perimeter == "FR-MET":
        return tuple(r for r in regions if r.metropolitan)
    if perimeter == "FR-HM":
        return tuple(r for r in regions if r.code != MAYOTTE)
    return regions


Key = tuple[str, str]  # (indicator, period code)


def _figures(edition: Edition, others: Iterable[Edition], series: Iterable[Observation]
             ) -> dict[Key, dict[str, Observation]]:
    """For each indicator and period, one figure per territory: the preferred one, by the
    one policy of derive/preferred.py (the figures outside editions count as official
    series: the context does not tell imports apart)."""
    candidates: list[Candidate] = []
    for e in (edition, *others):
        candidates.extend(Candidate(o, origin_of(o.territory, e.region, "datafiles"), e.year,
                                    len(candidates)) for o in e.observations)
    candidates.extend(Candidate(o, Origin.SERIES, None, len(candidates)) for o in series)
    figures: dict[Key, dict[str, Observation]] = {}
    for chosen in choose_preferred(candidates, lambda c: c).values():
        o = chosen.observation
        if o is not None and o.status is Status.VALUE and o.dimension is None:
            figures.setdefault((o.indicator, o.period.code), {})[o.territory] = o
    return figures


def _targets(edition: Edition, figures: dict[Key, dict[str, Observation]]
             ) -> Iterator[tuple[Observation, Observation]]:
    """(national figure, the edition's figure the finding points at) to check: national
    figures printed in the edition, and national figures known elsewhere for a period the
    edition prints its region's figure for."""
    printed: set[tuple[str, str, str]] = set()
    for o in edition.observations:
        if o.territory in PERIMETER_NAMES and o.status is Status.VALUE:
            printed.add((o.indicator, o.period.code, o.territory))
            yield o, o
    for o in edition.observations:
        if o.territory != edition.region or o.status is not Status.VALUE:
            continue
        for code, national in figures.get((o.indicator, o.period.code), {}).items():
            if code in PERIMETER_NAMES and (o.indicator, o.period.code, code) not in printed:
                printed.add((o.indicator, o.period.code, code))
                yield national, o


def regions_sum_findings(edition: Edition, catalog: Catalog, others: Iterable[Edition] = (),
                         series: Iterable[Observation] = (),
                         tolerance: Tolerance = Tolerance()) -> Iterator[Finding]:
    figures = _figures(edition, others, series)
    for national, shown in _targets(edition, figures):
        indicator = catalog.indicators[national.indicator]
        if not indicator.additive or national.value is None:
            continue
        found = figures.get((national.indicator, national.period.code), {})
        unit = catalog.units[national.unit]
        parts: list[Observation] = []
        values: list[tuple[Decimal, Decimal]] = []  # (value, last digit), in the national unit
        for region in perimeter_regions(national.territory, catalog):
            part = found.get(region.code)
            if part is None or part.value is None \
                    or catalog.units[part.unit].dimension != unit.dimension:
                break
            parts.append(part)
            values.append((catalog.units[part.unit].convert(part.value, unit),
                           catalog.units[part.unit].convert(quantum(part.value), unit)))
        else:
            total = sum((v for v, _ in values), Decimal(0))
            rounding = HALF * (quantum(national.value) + sum((q for _, q in values), Decimal(0)))
            gap = total - national.value
            if abs(gap) > max(rounding, abs(national.value) * tolerance.relative):
                yield _finding(national, shown, parts, total, gap, tolerance, catalog)


def _finding(national: Observation, shown: Observation, parts: list[Observation],
             total: Decimal, gap: Decimal, tolerance: Tolerance, catalog: Catalog) -> Finding:
    assert national.value is not None  # only figures with a value are checked
    indicator = catalog.indicators[national.indicator]
    unit = catalog.units[national.unit]
    # as many decimals as the national figure is written with
    decimals = max(0, -int(national.value.as_tuple().exponent))
    territory = catalog.territories.get(national.territory)
    share = fr.percent(gap / national.value * 100, 2, signed=True) if national.value else "–"
    message = (f"La somme {PERIMETER_NAMES[national.territory]} "
               f"({fr.with_unit(total, unit, decimals)}) diffère de {share} du chiffre de la "
               f"{territory.name} ({fr.with_unit(national.value, unit, decimals)}) "
               f"pour « {indicator.label} » {national.period.phrase()} "
               f"(tolérance : {fr.percent(tolerance.relative * 100, 1)} ou l'arrondi des "
               "chiffres).")
    return Finding(rule=RULE_ID, severity=Severity.WARNING, message=message,
                   section=shown.place or None, indicator=national.indicator,
                   territory=national.territory, period=national.period.code,
                   printed=national.printed, expected=fr.with_unit(total, unit, decimals),
                   location=str(shown.provenance) if shown.provenance else None,
                   related=tuple(str(o.provenance) for o in (national, *parts)
                                 if o.provenance and o is not shown))


@rule(RULE_ID, Severity.WARNING, "regions")
def regions_sum(context: Context) -> Iterable[Finding]:
    """La somme des régions d'un périmètre (France, hors Mayotte, métropole) égale le chiffre
    national pour un indicateur additif, à l'arrondi ou à 0,5 % près."""
    return regions_sum_findings(context.edition, context.catalog, context.others,
                                context.series)
