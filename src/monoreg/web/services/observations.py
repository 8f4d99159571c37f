"""Figures from the store, filtered and paged, as JSON or CSV."""

from __future__ import annotations

from monoreg.errors import NotFound
from monoreg.publish.exports import WRITERS, ExportData, observation_data
from monoreg.web import models as m
from monoreg.web.portal import Portal
from monoreg.web.services.shared import (
    check_page,
    find_indicator,
    page_url,
    parse_period_param,
)

MAX_PAGE = 1000


def observations(portal: Portal, *, region: str | None, indicator: str | None,
                 period: str | None, period_from: str | None, period_to: str | None,
                 edition: str | None, limit: int, offset: int) -> m.ObservationPage:
    check_page(limit, offset, MAX_PAGE)
    snapshot = portal.snapshot()
    catalog = snapshot.catalog
    territories = None
    if region:
        territory = catalog.territories.find(region)
        if territory is None:
            raise NotFound(f"territoire inconnu : « {region} »")
        territories = [territory.code]
    indicators_ = [find_indicator(catalog, indicator).id] if indicator else None
    exact = parse_period_param(period, "period")
    start = exact or parse_period_param(period_from, "period_from")
    end = exact or parse_period_param(period_to, "period_to")
    records = portal.store.observations(territories=territories, indicators=indicators_,
                                        edition=edition, period_from=start, period_to=end)
    if exact is not None:
        records = [r for r in records if r.observation.period == exact]
    total = len(records)
    local = {s.id: {x.id: x for x in snapshot.edition(s).sources} for s in snapshot.editions}
    items = [m.Observation(**observation_data(r.observation, catalog, r.edition,
                                              local.get(r.edition or "", {})))
             for r in records[offset:offset + limit]]
    following = None
    if offset + limit < total:
        following = page_url("/api/v1/observations", {
            "region": region, "indicator": indicator, "period": period,
            "period_from": period_from, "period_to": period_to, "edition": edition,
            "limit": limit, "offset": offset + limit})
    return m.ObservationPage(total=total, limit=limit, offset=offset, next=following,
                             items=items)


def observations_csv(page: m.ObservationPage) -> bytes:
    """The page as the exports write CSV (';', BOM): one writer for both."""
    rows = [item.model_dump() for item in page.items]
    return WRITERS["csv"](ExportData(region={}, edition=None, observations=rows))
