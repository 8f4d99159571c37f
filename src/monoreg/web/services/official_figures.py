"""What the store knows of a region outside its monographs: the official series loaded
(latest figure of each, with its period and source), those that have no figure for it, and
its Carif-Oref card from the national directory. A region without an edition shows this."""

from __future__ import annotations

from monoreg.model import Catalog, Observation, Status, Territory
from monoreg.store.repository import ObservationRecord
from monoreg.web import models as m
from monoreg.web.portal import Portal, Snapshot
from monoreg.web.services.directory import carif_entries, carif_model
from monoreg.web.services.shared import figure


def _series_records(portal: Portal, snapshot: Snapshot) -> list[ObservationRecord]:
    regions = sorted(t.code for t in snapshot.catalog.territories.regions)
    return snapshot.memo("official-series", lambda: [
        r for r in portal.store.observations(territories=regions)
        if r.batch_kind == "series"])


def _source(catalog: Catalog, reference: str | None) -> m.SourceInfo | None:
    """A series' source by producer and dataset (its printed form lists every page)."""
    source = catalog.cited_source(reference) if reference else None
    if source is None:
        return None
    label = ", ".join(filter(None, (source.producer, source.dataset)))
    return m.SourceInfo(id=source.id, label=label, url=source.url)


def official_figures(portal: Portal, territory: Territory) -> m.OfficialFigures:
    snapshot = portal.snapshot()
    catalog = snapshot.catalog
    records = _series_records(portal, snapshot)
    latest: dict[str, Observation] = {}
    for record in records:
        o = record.observation
        if o.territory != territory.code or o.status is not Status.VALUE:
            continue
        if o.series not in latest or latest[o.series].period < o.period:
            latest[o.series] = o
    order = list(catalog.indicators)
    figures = [m.OfficialFigure(
        indicator=o.indicator, label=catalog.indicators[o.indicator].label,
        figure=figure(catalog, o), source=_source(catalog, o.source))
        for o in sorted(latest.values(), key=lambda o: order.index(o.indicator))]
    shown = {o.indicator for o in latest.values()}
    sources: dict[str, m.SourceInfo | None] = {}
    for record in records:
        sources.setdefault(record.observation.indicator,
                           _source(catalog, record.observation.source))
    missing = [m.MissingSeries(indicator=i, label=catalog.indicators[i].label, source=source)
               for i, source in sources.items() if i not in shown]
    card = next((carif_model(e) for e in carif_entries(snapshot)
                 if e.territory == territory.code), None)
    return m.OfficialFigures(figures=figures, missing=missing, carif=card)
