"""One indicator across regions: the figure each region gives, ranked."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal

from monoreg import formatting as fr
from monoreg.derive.published import published
from monoreg.derive.ranks import shared_ranks
from monoreg.errors import NotFound
from monoreg.model import (
    Indicator,
    IndicatorKind,
    parse_period,
)
from monoreg.store.repository import ObservationRecord
from monoreg.web import models as m
from monoreg.web.portal import Portal
from monoreg.web.services.shared import (
    figure,
    find_indicator,
    indicator_info,
    json_number,
    parse_period_param,
    region_ref,
    source_info,
)


def _preferred(records: Iterable[ObservationRecord]
               ) -> dict[tuple[str, str], ObservationRecord]:
    """One figure per (territory, period): the preferred one (derive/preferred.py, stored
    at load), when it can be shown as a number."""
    return {(r.observation.territory, r.observation.period.code): r for r in records
            if r.observation.dimension is None and r.observation.published_value is not None}


_NATIONAL_ORDER = ("FR", "FR-HM", "FR-MET")


def comparison(portal: Portal, indicator_id: str, period: str | None = None) -> m.Comparison:
    snapshot = portal.snapshot()
    catalog = snapshot.catalog
    indicator = find_indicator(catalog, indicator_id)
    regions_ = catalog.territories.regions
    figures = _preferred(portal.store.observations(indicators=[indicator.id],
                                                   preferred=True))
    by_region: dict[str, dict[str, ObservationRecord]] = defaultdict(dict)
    for (territory, code), record in figures.items():
        by_region[territory][code] = record
    coverage: dict[str, int] = defaultdict(int)
    for region in regions_:
        for code, r in by_region.get(region.code, {}).items():
            coverage[code] += r.observation.value is not None
    periods = sorted(coverage, key=lambda c: parse_period(c).sort_key(), reverse=True)
    wanted = parse_period_param(period, "period")
    if wanted is not None and wanted.code not in coverage:
        raise NotFound(f"pas de chiffre régional pour la période « {period} » "
                       f"(périodes disponibles : {', '.join(periods) or 'aucune'})")
    chosen = wanted.code if wanted else max(
        periods, key=lambda c: (coverage[c], parse_period(c).sort_key()), default=None)
    rows: list[tuple[Decimal | None, m.RankedFigure]] = []
    missing = []
    for region in regions_:
        mine = {c: r for c, r in by_region.get(region.code, {}).items()
                if r.observation.value is not None}
        if not mine:
            missing.append(region_ref(region))
            continue
        code = chosen if chosen in mine else max(
            mine, key=lambda c: mine[c].observation.period.sort_key())
        record = mine[code]
        value, _ = published(record.observation, catalog)
        rows.append((value, m.RankedFigure(
            rank=None, region=region_ref(region), figure=figure(catalog, record.observation),
            value=json_number(value), other_period=code != chosen,
            source=source_info(snapshot, record.observation.source, record.edition))))
    same = [r for r in rows if not r[1].other_period]
    same.sort(key=lambda r: (-(r[0] or Decimal(0)), r[1].region.name))
    ranks = shared_ranks([r[0] or Decimal(0) for r in same])
    unit = catalog.units[indicator.unit]
    # A unit without symbol but scaled (thousands) says its word: '1 639 milliers'.
    scale_word = f"\u00a0{unit.label}" if not unit.symbol and unit.scale != 1 else ""
    positions, median_note = _positions(
        [r[0] for r in same], lambda v: fr.with_unit(v, unit, indicator.decimals) + scale_word)
    ratios, ratio_label = _per_inhabitant(portal, indicator, [r[1].region.code for r in rows],
                                          [r[0] for r in rows])
    rows = [(v, f.model_copy(update={"per_inhabitant": ratios.get(f.region.code)}))
            for v, f in rows]
    same = [r for r in rows if not r[1].other_period]
    same.sort(key=lambda r: (-(r[0] or Decimal(0)), r[1].region.name))
    ranked = [r[1].model_copy(update={"rank": n, "position": positions.get(n - 1)})
              for n, r in zip(ranks, same, strict=True)]
    others = sorted((r[1] for r in rows if r[1].other_period), key=lambda f: f.region.name)
    france = next((by_region[code][chosen].observation for code in _NATIONAL_ORDER
                   if chosen in by_region.get(code, {})), None)
    return m.Comparison(
        indicator=indicator_info(catalog, indicator), period=chosen,
        period_label=parse_period(chosen).label() if chosen else None,
        same_period=not others, note=_comparison_note(chosen, others, missing),
        rows=[*ranked, *others], national=figure(catalog, france) if france else None,
        national_value=json_number(published(france, catalog)[0]) if france else None,
        missing=missing,
        periods=[m.Facet(value=c, label=parse_period(c).label()) for c in periods],
        median_note=median_note, per_inhabitant_label=ratio_label)


# The denominator of values per inhabitant: the legal population of each region.
POPULATION = "population_municipale"


def _positions(values: list[Decimal | None], text: Callable[[Decimal], str]
               ) -> tuple[dict[int, str], str | None]:
    """Each value (by its place in `values`) against the regions' median: « plus élevé »
    or « plus bas » beyond one median absolute deviation (MAD) from it, else
    « comparable ». The threshold is stated in the note."""
    known = [v for v in values if v is not None]
    if len(known) < 3:
        return {}, None
    middle = statistics.median(known)
    spread = statistics.median(abs(v - middle) for v in known)
    labels = {}
    for n, v in enumerate(values):
        if v is not None:
            labels[n] = ("plus élevé" if v > middle + spread else
                         "plus bas" if v < middle - spread else "comparable")
    note = (f"Médiane des {len(known)} régions : {text(middle)}. « Comparable » : à moins "
            f"d'un écart absolu médian ({text(spread)}) de la médiane ; au-delà, « plus "
            "élevé » ou « plus bas ».")
    return labels, note


def _per_inhabitant(portal: Portal, indicator: Indicator, regions: list[str],
                    values: list[Decimal | None]) -> tuple[dict[str, str], str | None]:
    """Counts per 1 000 inhabitants and amounts in euros per inhabitant, where the region's
    legal population is loaded (rates and the population itself are not divided)."""
    catalog = portal.snapshot().catalog
    if indicator.kind is IndicatorKind.RATE or indicator.id == POPULATION \
            or POPULATION not in catalog.indicators:
        return {}, None
    population: dict[str, ObservationRecord] = {}
    for record in portal.store.observations(indicators=[POPULATION], territories=regions,
                                            preferred=True):
        o = record.observation
        if o.value is not None and o.dimension is None and (
                o.territory not in population
                or o.period > population[o.territory].observation.period):
            population[o.territory] = record
    if not population:
        return {}, None
    unit = catalog.units[indicator.unit]
    money = unit.dimension == "money"
    ratios = {}
    for code, value in zip(regions, values, strict=True):
        found = population.get(code)
        if value is None or found is None or not found.observation.value:
            continue
        base = value * unit.scale / found.observation.value
        ratios[code] = (f"{fr.number(base, 0)}\u00a0€" if money
                        else fr.number(base * 1000, 1))
    periods = {r.observation.period.label() for r in population.values()}
    label = ("En euros par habitant" if money else "Pour 1 000 habitants") + \
        f" (population municipale, {', '.join(sorted(periods))})"
    return ratios, label


def _comparison_note(chosen: str | None, others: list[m.RankedFigure],
                     missing: list[m.RegionRef]) -> str | None:
    if chosen is None:
        return "Aucune région n'a de chiffre pour cet indicateur."
    parts = []
    if others:
        parts.append(f"{len(others)} région(s) n'ont pas de chiffre "
                     f"{parse_period(chosen).phrase()} : leur chiffre le plus récent est "
                     "donné avec sa période, hors classement.")
    if missing:
        parts.append(f"{len(missing)} région(s) sans chiffre.")
    return " ".join(parts) or None
