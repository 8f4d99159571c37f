"""Validate an edition of the store: what `monoreg validate` and other callers run."""

from __future__ import annotations

from monoreg.model import Edition, Observation
from monoreg.store.repository import Store
from monoreg.validate.registry import validate_edition
from monoreg.validate.report import Report, build_report
from monoreg.validate.tolerances import DEFAULT_SETTINGS, ValidationSettings


def context_of(store: Store, edition: Edition
               ) -> tuple[tuple[Edition, ...], tuple[Observation, ...]]:
    """The other editions and the figures stored outside editions (official series,
    imports) of the edition's indicators: what rules comparing regions read."""
    others = tuple(store.edition(e.region, e.year) for e in store.editions()
                   if e.id != edition.id)
    indicators = sorted({o.indicator for o in edition.observations})
    records = store.observations(indicators=indicators) if indicators else []
    return others, tuple(r.observation for r in records if r.edition is None)


def edition_report(store: Store, region: str, year: int,
                   settings: ValidationSettings = DEFAULT_SETTINGS) -> Report:
    """Validate edition `year` of `region` (an INSEE code) and build its report."""
    catalog = store.catalog()
    edition = store.edition(region, year)
    others, series = context_of(store, edition)
    findings = validate_edition(edition, catalog, others=others, series=series,
                                settings=settings)
    return build_report(edition, catalog, findings)
