"""Full-text search over texts and the directory, with facets."""

from __future__ import annotations

import difflib
from typing import Any

from monoreg.errors import UsageError
from monoreg.model import (
    parse_period,
)
from monoreg.model.names import fold, slugify
from monoreg.store.search import SearchQuery, has_words
from monoreg.web import models as m
from monoreg.web.portal import Portal, Snapshot
from monoreg.web.services.measures import measure_url
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
    """The page, and where it helps the place in it, of the exact item found."""
    catalog = snapshot.catalog
    territory = catalog.territories.find(hit.region) if hit.region else None
    title = "".join(p.text for p in hit.title)
    if hit.kind == "text" and territory is not None and hit.edition:
        return (f"{region_url(territory)}/{snapshot_year(hit.edition)}/textes/"
                f"{hit.position + 1}")
    if hit.kind == "measure" and territory is not None and hit.edition:
        summary = next((e for e in snapshot.editions if e.id == hit.edition), None)
        if summary is not None:
            edition = snapshot.edition(summary)
            return measure_url(territory, edition.year, edition.measures[hit.position])
    if hit.kind == "indicator":
        found = next((i for i in catalog.indicators.values() if i.label == title), None)
        if found is not None:
            return f"/indicateurs/{found.id}"
    if hit.kind == "section" and territory is not None:
        section = next((s for s in catalog.sections if s.title == title), None)
        if section is not None:
            return f"{region_url(territory)}#{section.id}"
    if hit.kind == "guide_public":
        return page_url("/ou-s-adresser", {"public": slugify(title),
                                           "region": territory.slug if territory else None})
    if hit.kind == "network":
        return "/ou-s-adresser#reseaux"
    if hit.kind == "glossary" and territory is not None:
        return f"{region_url(territory)}#guide-orientation"
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


# Where a reader can go when a query finds nothing.
SUGGESTED_PAGES = (("Où s’adresser ? Les structures par public", "/ou-s-adresser"),
                   ("L’annuaire des Carif-Oref et des contacts", "/annuaire"),
                   ("Les indicateurs, région par région", "/indicateurs"))


def search_help(portal: Portal, query: str) -> m.SearchHelp:
    """A friendly answer for a query of stop words only or without results: what happened,
    close words from the index, and pages to go to."""
    snapshot = portal.snapshot()
    vocabulary = snapshot.memo("search-vocabulary", portal.search.vocabulary)
    # Close words help a misspelt word, not a query of stop words only.
    words = [w for w in fold(query).split() if len(w) > 2] if has_words(query) else []
    close = dict.fromkeys(c for w in words
                          for c in difflib.get_close_matches(w, vocabulary, n=4, cutoff=0.75)
                          if c not in words)
    message = ("Votre recherche ne contient que des mots trop courants pour être cherchés "
               f"(« {query.strip()} »). Essayez un mot qui dit ce que vous cherchez : un "
               "métier, un public, un dispositif, un sigle." if not has_words(query) else
               f"Aucun résultat pour « {query.strip()} ». Vérifiez l’orthographe, essayez "
               "un mot voisin ou un sigle (VAE, CFA, SPRO…).")
    return m.SearchHelp(
        message=message,
        close_words=[m.Suggestion(text=w, url=page_url("/recherche", {"q": w}))
                     for w in list(close)[:6]],
        pages=[m.Suggestion(text=text, url=url) for text, url in SUGGESTED_PAGES])
