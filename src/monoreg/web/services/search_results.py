"""Full-text search over texts and the directory, with facets."""

from __future__ import annotations

from typing import Any

from monoreg.errors import UsageError
from monoreg.model import (
    parse_period,
)
from monoreg.store.search import SearchQuery
from monoreg.web import models as m
from monoreg.web.portal import Portal, Snapshot
from monoreg.web.services.shared import (
    TYPE_LABELS,
    check_page,
    optional_region,
    page_url,
    region_ref,
    region_url,
    snapshot_year,
)

MAX_SEARCH_PAGE = 50


def _hit_url(snapshot: Snapshot, hit: Any) -> str:
    territory = snapshot.catalog.territories.find(hit.region) if hit.region else None
    if hit.kind == "text" and territory is not None and hit.edition:
        return (f"{region_url(territory)}/{snapshot_year(hit.edition)}/textes/"
                f"{hit.position + 1}")
    return page_url("/annuaire", {"region": territory.slug if territory else None})


# Where the next/previous links of search results point, and how each names the year.
SEARCH_LINKS = {"page": ("/recherche", "annee"), "api": ("/api/v1/search", "year")}


def search(portal: Portal, query: str, *, region: str | None = None, type: str | None = None,
           year: int | None = None, limit: int = 20, offset: int = 0,
           links: str = "page") -> m.SearchResults:
    check_page(limit, offset, MAX_SEARCH_PAGE)
    if type and type not in TYPE_LABELS:
        raise UsageError(f"type inconnu : « {type} » ({', '.join(TYPE_LABELS)})")
    snapshot = portal.snapshot()
    territory = optional_region(snapshot, region)
    results = portal.search.search(SearchQuery(
        text=query, region=territory.code if territory else None, type=type or None,
        year=year, limit=limit, offset=offset))
    base, year_param = SEARCH_LINKS[links]
    params = {"q": query, "region": territory.slug if territory else None, "type": type,
              year_param: year, "limit": limit}
    hits = []
    for hit in results.hits:
        where = snapshot.catalog.territories.find(hit.region) if hit.region else None
        date = parse_period(hit.date).label() if hit.date else None
        hits.append(m.SearchHit(
            kind=hit.kind, type=hit.type, type_label=TYPE_LABELS.get(hit.type, hit.type),
            region=region_ref(where) if where else None, year=hit.year, date_label=date,
            title=[m.Part(text=p.text, match=p.match) for p in hit.title],
            snippet=[m.Part(text=p.text, match=p.match) for p in hit.snippet],
            url=_hit_url(snapshot, hit)))
    return m.SearchResults(
        query=query, region=territory.slug if territory else None, type=type or None,
        year=year, total=results.total, limit=limit, offset=offset,
        next=page_url(base, {**params, "offset": offset + limit})
        if offset + limit < results.total else None,
        previous=page_url(base, {**params, "offset": max(offset - limit, 0)})
        if offset > 0 else None,
        items=hits, facets=search_facets(portal))


def search_facets(portal: Portal) -> m.SearchFacets:
    snapshot = portal.snapshot()
    facets = snapshot.memo("search-facets", portal.search.facets)
    return m.SearchFacets(
        types=[m.Facet(value=t, label=TYPE_LABELS.get(t, t)) for t in facets.types],
        years=list(facets.years),
        regions=[region_ref(r) for r in (snapshot.catalog.region(c) for c in facets.regions)
                 if r is not None])
