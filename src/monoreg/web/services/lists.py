"""The reference lists: regions, indicators, editions."""

from __future__ import annotations

from monoreg.web import models as m
from monoreg.web.portal import Snapshot
from monoreg.web.services.shared import (
    edition_model,
    indicator_info,
    region_model,
)


def regions(snapshot: Snapshot) -> list[m.Region]:
    return [region_model(snapshot, t) for t in snapshot.catalog.territories.regions]


def indicators(snapshot: Snapshot) -> list[m.IndicatorInfo]:
    return [indicator_info(snapshot.catalog, i) for i in snapshot.catalog.indicators.values()]


def editions(snapshot: Snapshot) -> list[m.Edition]:
    latest_first = sorted(snapshot.editions, key=lambda e: (-e.year, e.region))
    return [edition_model(snapshot, e) for e in latest_first]

