"""One region's figures of one indicator over time."""

from __future__ import annotations

from monoreg import formatting as fr
from monoreg.derive.evolutions import in_unit
from monoreg.editions.timeseries import time_series
from monoreg.model import (
    Observation,
)
from monoreg.web import models as m
from monoreg.web.portal import Portal
from monoreg.web.services.shared import (
    figure,
    find_indicator,
    find_region,
    indicator_info,
    json_number,
    region_ref,
    snapshot_year,
    source_info,
)


def series(portal: Portal, slug: str, indicator_id: str) -> m.Series:
    snapshot = portal.snapshot()
    catalog = snapshot.catalog
    territory = find_region(snapshot, slug)
    indicator = find_indicator(catalog, indicator_id)
    data = time_series(portal.store, territory.code, indicator.id, catalog)
    points = []
    for p in data.points:
        o = Observation(indicator=indicator.id, territory=territory.code, period=p.period,
                        value=p.value, unit=p.unit, status=p.status, printed=p.printed)
        origin = (f"édition {snapshot_year(p.edition)}" if p.edition
                  else "série officielle" if p.batch_kind == "series" else "import")
        points.append(m.SeriesPoint(
            figure=figure(catalog, o),
            value=json_number(in_unit(o, catalog.units, indicator.unit)),
            source=source_info(snapshot, p.source, p.edition),
            edition=p.edition, origin=origin, revision=p.revision,
            revises=fr.figure(p.revises, catalog.units[p.unit], indicator.decimals)
            if p.revises is not None else None))
    return m.Series(region=region_ref(territory), indicator=indicator_info(catalog, indicator),
                    points=points)
