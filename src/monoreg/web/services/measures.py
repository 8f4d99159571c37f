"""Regional policy measures: the filtered list (/mesures, /api/v1/measures) and one measure.

Only published measures are shown: an importer's proposals (« proposée ») wait for the
editor. A region's measures are those of its latest edition. The text search is French and
stemmed, as the site search is (store.search.stems): « formations » finds « formation ».
"""

from __future__ import annotations

from monoreg.errors import NotFound, UsageError
from monoreg.model import (
    Edition,
    Framework,
    Measure,
    MeasureDomain,
    MeasureStatus,
    Period,
    PeriodKind,
    Territory,
)
from monoreg.model.measure import DOMAIN_LABELS, FRAMEWORK_LABELS, MEASURE_STATUS_LABELS
from monoreg.publish.exports import measure_data, published_measures
from monoreg.store.repository import EditionSummary
from monoreg.store.search import stems
from monoreg.web import models as m
from monoreg.web.portal import Portal, Snapshot
from monoreg.web.services.shared import (
    check_page,
    optional_region,
    page_url,
    region_ref,
    region_url,
)

MAX_MEASURE_PAGE = 200
PUBLISHED_STATUSES = tuple(s for s in MeasureStatus if s is not MeasureStatus.PROPOSED)
# Where the next/previous links point, and the names the portal's form gives the filters.
MEASURE_LINKS = {"page": ("/mesures", {"domain": "domaine", "framework": "cadre",
                                       "status": "statut"}),
                 "api": ("/api/v1/measures", {})}


def measure_url(territory: Territory, year: int, measure: Measure) -> str:
    return f"/mesures/{territory.slug}/{year}/{measure.id}"


def _on(period: Period, since: bool) -> str:
    """« depuis le 21 mars 2019 », « depuis 2015 », « jusqu'en 2022 », « jusqu'au 1er… »."""
    if period.kind is PeriodKind.DATE:
        return f"{'depuis le' if since else 'jusqu’au'} {period.label()}"
    return f"{'depuis' if since else 'jusqu’en'} {period.label()}"


def dates_label(measure: Measure) -> str | None:
    """The printed dates in French, or None when the text prints none."""
    parts = [_on(p, since) for p, since in ((measure.start, True), (measure.end, False))
             if p is not None]
    text = ", ".join(parts)
    return text[:1].upper() + text[1:] if text else None


def measure_view(snapshot: Snapshot, summary: EditionSummary, edition: Edition,
                 measure: Measure) -> m.Measure:
    territory = snapshot.catalog.territories.get(edition.region)
    data = measure_data(measure, snapshot.catalog, edition.id)
    number = next((n for n, t in enumerate(edition.texts) if t.title == measure.text), None)
    findings = [f.message for f in snapshot.findings(summary)
                if measure.provenance is not None and f.location == str(measure.provenance)
                and not f.resolved]
    return m.Measure(**{**data, "region": region_ref(territory),
                        "text_url": f"{region_url(territory)}/{edition.year}/textes/{number + 1}"
                        if number is not None else None,
                        "url": measure_url(territory, edition.year, measure),
                        "dates_label": dates_label(measure),
                        "cutoff_label": edition.cutoff.label(), "findings": findings})


def _latest(snapshot: Snapshot, territory: Territory | None
            ) -> list[tuple[EditionSummary, Edition]]:
    regions = [territory.code] if territory else sorted({e.region for e in snapshot.editions})
    result = []
    for code in regions:
        summary = snapshot.latest(code)
        if summary is not None:
            result.append((summary, snapshot.edition(summary)))
    return result


def _choice(value: str | None, allowed: dict[str, str], name: str) -> str | None:
    if not value:
        return None
    if value not in allowed:
        raise UsageError(f"{name} inconnu : « {value} » ({', '.join(allowed)})")
    return value


def _matches(measure: Measure, wanted: list[str]) -> bool:
    if not wanted:
        return True
    words = set(stems(" ".join(x for x in (measure.title, measure.summary, measure.text,
                                            measure.territory) if x)))
    return all(w in words for w in wanted)


def facets(snapshot: Snapshot) -> m.MeasureFacets:
    regions = [snapshot.catalog.territories.get(c)
               for c in sorted({e.region for e in snapshot.editions})]
    return m.MeasureFacets(
        regions=[region_ref(r) for r in regions],
        publics=[m.Facet(value=p.id, label=p.label) for p in snapshot.catalog.publics.values()],
        domains=[m.Facet(value=d.value, label=label) for d, label in DOMAIN_LABELS.items()],
        frameworks=[m.Facet(value=f.value, label=label)
                    for f, label in FRAMEWORK_LABELS.items()],
        statuses=[m.Facet(value=s.value, label=MEASURE_STATUS_LABELS[s])
                  for s in PUBLISHED_STATUSES])


def measures(portal: Portal, *, region: str | None = None, public: str | None = None,
             domain: str | None = None, framework: str | None = None,
             status: str | None = None, q: str | None = None, limit: int = 50,
             offset: int = 0, links: str = "api") -> m.MeasurePage:
    check_page(limit, offset, MAX_MEASURE_PAGE)
    snapshot = portal.snapshot()
    territory = optional_region(snapshot, region)
    public = _choice(public, {p: p for p in snapshot.catalog.publics}, "public")
    domain = _choice(domain, {d.value: d.value for d in MeasureDomain}, "domaine")
    framework = _choice(framework, {f.value: f.value for f in Framework}, "cadre")
    status = _choice(status, {s.value: s.value for s in PUBLISHED_STATUSES}, "statut")
    wanted = stems(q or "")
    selected = [
        (summary, edition, measure)
        for summary, edition in _latest(snapshot, territory)
        for measure in published_measures(edition)
        if (public is None or public in measure.publics)
        and (domain is None or domain in {d.value for d in measure.domains})
        and (framework is None or measure.framework.value == framework)
        and (status is None or measure.status.value == status)
        and _matches(measure, wanted)]
    total = len(selected)
    base, names = MEASURE_LINKS[links]
    filters = {"region": territory.slug if territory else None, "public": public,
               "domain": domain, "framework": framework, "status": status, "q": q or None,
               "limit": limit}
    params = {names.get(k, k): v for k, v in filters.items()}
    return m.MeasurePage(
        total=total, limit=limit, offset=offset,
        next=page_url(base, {**params, "offset": offset + limit})
        if offset + limit < total else None,
        previous=page_url(base, {**params, "offset": max(offset - limit, 0)})
        if offset > 0 else None,
        items=[measure_view(snapshot, s, e, x) for s, e, x in selected[offset:offset + limit]],
        facets=facets(snapshot))


def measure(portal: Portal, slug: str, year: int, measure_id: str) -> m.Measure:
    snapshot = portal.snapshot()
    territory = optional_region(snapshot, slug)
    summary = next((e for e in snapshot.editions
                    if territory and e.region == territory.code and e.year == year), None)
    if territory is None or summary is None:
        raise NotFound(f"pas d'édition {year} pour « {slug} »")
    edition = snapshot.edition(summary)
    found = next((x for x in published_measures(edition) if x.id == measure_id), None)
    if found is None:
        raise NotFound(f"pas de mesure « {measure_id} » dans l'édition {year} de "
                       f"{territory.name}")
    return measure_view(snapshot, summary, edition, found)


def region_measures(snapshot: Snapshot, summary: EditionSummary, edition: Edition,
                    public_ids: set[str] | None = None) -> list[m.Measure]:
    """An edition's published measures, or those for one of `public_ids`."""
    return [measure_view(snapshot, summary, edition, x) for x in published_measures(edition)
            if public_ids is None or public_ids & set(x.publics)]
