"""One indicator across regions: the figure each region gives, ranked."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from monoreg.derive.published import published
from monoreg.derive.ranks import shared_ranks
from monoreg.errors import NotFound
from monoreg.model import (
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
    ranked = [r[1].model_copy(update={"rank": n}) for n, r in zip(ranks, same, strict=True)]
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
        periods=[m.Facet(value=c, label=parse_period(c).label()) for c in periods])


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
