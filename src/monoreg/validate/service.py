"""The one validation service: what the store holds about an edition's findings.

`assess_store` runs when the store changes (`monoreg load`, imports, in their transaction):
it validates every edition with the other editions and the figures stored outside
editions, decides each finding by the editor's resolutions, and stores the findings, each
figure's quality and the preferred figure of each key. Everything else — `monoreg
validate`, `edition status`, `build`, the portal — reads what it stored (`edition_report`,
`Store.findings`), so they all report the same findings and none re-validates.
"""

from __future__ import annotations

from collections.abc import Sequence

from monoreg.derive.preferred import choose_preferred
from monoreg.model import Catalog, Edition, Finding, Observation, Resolution
from monoreg.store.repository import Assessment, Store
from monoreg.validate.assessment import qualities, resolve, with_figures
from monoreg.validate.registry import validate_edition
from monoreg.validate.report import Report, build_report
from monoreg.validate.tolerances import DEFAULT_SETTINGS, ValidationSettings


def outside_editions(store: Store, indicators: Sequence[str]) -> tuple[Observation, ...]:
    """The figures stored outside editions (official series, imports) of `indicators`."""
    records = store.observations(indicators=sorted(set(indicators))) if indicators else []
    return tuple(r.observation for r in records if r.edition is None)


def _series_checked(catalog: Catalog) -> set[str]:
    """The series the rules compare editions with (checks.yaml `series`)."""
    return {check.series for check in catalog.checks.series}


def findings_of(edition: Edition, catalog: Catalog, editions: Sequence[Edition],
                series: Sequence[Observation],
                settings: ValidationSettings = DEFAULT_SETTINGS
                ) -> tuple[list[Finding], list[Resolution]]:
    """Every finding on `edition`, compared with the other `editions` and the `series`,
    each with the figures it is about and the editor's resolution; and the resolutions,
    each quoting what is printed."""
    indicators = {o.indicator for o in edition.observations} | _series_checked(catalog)
    findings = validate_edition(
        edition, catalog, others=tuple(e for e in editions if e.id != edition.id),
        series=tuple(o for o in series if o.indicator in indicators), settings=settings)
    return resolve(with_figures(findings, edition), edition.resolutions)


def assess_store(store: Store) -> None:
    """Validate every edition of `store` (a load's or an import's view of it) and store the
    findings, the figures' qualities and the preferred figures."""
    catalog = store.catalog()
    editions = [store.edition(e.region, e.year) for e in store.editions()]
    series = outside_editions(store, [*(o.indicator for e in editions for o in e.observations),
                                      *_series_checked(catalog)])
    for edition in editions:
        findings, resolutions = findings_of(edition, catalog, editions, series)
        store.save_assessment(Assessment(edition.id, tuple(findings), tuple(resolutions),
                                         qualities(findings)))
    chosen = choose_preferred(store.preference_candidates(), lambda c: c)
    store.save_preferred(candidate.order for candidate in chosen.values())


def edition_report(store: Store, region: str, year: int) -> Report:
    """The validation report of edition `year` of `region` (an INSEE code), as stored."""
    edition = store.edition(region, year)
    return build_report(edition, store.catalog(), store.findings(edition.id))
