"""The JSON API, /api/v1: each route parses its query, asks one service for its view, and
returns it (JSON, or CSV for observations), with an ETag. Every list answers in one envelope
(items, total, limit, offset, next, previous); a parameter a route does not know is a 400."""

from __future__ import annotations

import hmac
from collections.abc import Callable, Sequence
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Header, Path, Query
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from monoreg.errors import UsageError
from monoreg.loading import load
from monoreg.publish.exports import DIALECTS, CsvDialect
from monoreg.web import feed, services
from monoreg.web import models as m
from monoreg.web import observations as obs
from monoreg.web.caching import MAX_AGE, cached, etag, known
from monoreg.web.portal import Portal

JSON = "application/json"
CSV_TYPES = {"fr": "text/csv; charset=utf-8", "plain": "text/csv; charset=utf-8; header=present"}
LIST_MAX = 1000


_KNOWN: dict[int, frozenset[str]] = {}


def _declared(dependant: Any) -> frozenset[str]:
    """The query parameters a route declares, a parameter model's fields included."""
    names: set[str] = set()
    for dep in (dependant, *dependant.dependencies):
        for param in dep.query_params:
            kind = param.field_info.annotation
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                names.update(f.alias or n for n, f in kind.model_fields.items())
            else:
                names.add(param.alias)
    return frozenset(names)


async def no_unknown_parameters(request: Request) -> None:
    """A parameter a reading route does not declare is a mistake (a misspelt filter,
    `page=`, would otherwise answer everything): 400 naming it. The writing route ignores
    its query (a token put in the URL is no credential: it answers 401)."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None or not request.scope.get("query_string") \
            or request.method not in ("GET", "HEAD"):
        return
    known = _KNOWN.get(id(route))
    if known is None:
        known = _KNOWN[id(route)] = _declared(dependant)
    unknown = [name for name in request.query_params if name not in known]
    if unknown:
        raise UsageError(f"paramètre inconnu : {', '.join(unknown)} (admis : "
                         f"{', '.join(sorted(known)) or 'aucun'})")


router = APIRouter(prefix="/api/v1", tags=["api"], dependencies=[
    Depends(no_unknown_parameters)], responses={
    304: {"description": "Non modifié : la réponse que le client a déjà (If-None-Match "
                         "égal à l'ETag) est toujours valable ; pas de corps."},
    400: {"model": m.ErrorResponse, "description": "Requête incorrecte (paramètre inconnu, "
          "période inversée…)."},
    404: {"model": m.ErrorResponse, "description": "Introuvable."},
    422: {"model": m.ErrorResponse, "description": "Paramètre invalide."},
})


async def get_portal(request: Request) -> Portal:
    portal: Portal = request.app.state.portal
    return portal


PortalDep = Annotated[Portal, Depends(get_portal)]
RegionQuery = Annotated[str | None, Query(max_length=100, description=(
    "Région : code INSEE, nom ou identifiant, sans égard à la casse ni aux accents."))]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Décalage.")]
ListLimit = Annotated[int, Query(ge=1, le=LIST_MAX, description="Taille de page.")]


async def _json(portal: Portal, request: Request, build: Callable[[], BaseModel]
                ) -> Response:
    return await cached(portal, request,
                        lambda: (build().model_dump_json().encode(), JSON), "json")


def _list_page(request: Request, items: Sequence[BaseModel], limit: int, offset: int
               ) -> bytes:
    """A whole list (regions, indicators, editions) in the API's one envelope."""
    total = len(items)

    def url(start: int) -> str:
        return f"{request.url.path}?{urlencode({'limit': limit, 'offset': start})}"
    page = m.Page[Any](
        items=list(items[offset:offset + limit]), total=total, limit=limit, offset=offset,
        next=url(offset + limit) if offset + limit < total else None,
        previous=url(max(offset - limit, 0)) if offset > 0 and total else None)
    return page.model_dump_json().encode()


async def _json_list(portal: Portal, request: Request,
                     build: Callable[[], Sequence[BaseModel]], limit: int, offset: int
                     ) -> Response:
    return await cached(portal, request,
                        lambda: (_list_page(request, build(), limit, offset), JSON), "json")


@router.get("/regions", response_model=m.Page[m.Region], summary="Les 18 régions")
async def regions(request: Request, portal: PortalDep, limit: ListLimit = 100,
                  offset: Offset = 0) -> Response:
    return await _json_list(portal, request, lambda: services.regions(portal.snapshot()),
                            limit, offset)


@router.get("/regions/{region}", response_model=m.RegionPage,
            summary="Une région : chiffres clés, téléchargements, validation")
async def region(request: Request, portal: PortalDep, region: str,
           edition: Annotated[int | None, Query(ge=1800, le=2200)] = None) -> Response:
    return await _json(portal, request, lambda: services.region_page(portal, region, edition))


@router.get("/regions/{region}/series/{indicator}", response_model=m.Series,
            summary="Série chronologique d'un indicateur pour une région")
async def series(request: Request, portal: PortalDep, region: str, indicator: str) -> Response:
    return await _json(portal, request, lambda: services.series(portal, region, indicator))


@router.get("/indicators", response_model=m.Page[m.IndicatorInfo],
            summary="Indicateurs : unité, polarité, définition, source")
async def indicators(request: Request, portal: PortalDep, limit: ListLimit = 100,
                     offset: Offset = 0) -> Response:
    return await _json_list(portal, request, lambda: services.indicators(portal.snapshot()),
                            limit, offset)


@router.get("/indicators/{indicator}", response_model=m.Comparison,
            summary="Un indicateur comparé entre les régions")
async def indicator(request: Request, portal: PortalDep, indicator: str,
              period: Annotated[str | None, Query(max_length=40)] = None) -> Response:
    return await _json(portal, request, lambda: services.comparison(portal, indicator, period))


@router.get("/observations", response_model=m.ObservationPage, summary="Chiffres", responses={
    200: {"content": {"text/csv": {"example": "indicator;label;territory;…\r\n"}},
          "headers": {"X-Total-Count": {"description": "Nombre de chiffres correspondant "
                                        "aux filtres (CSV : toutes les lignes suivent).",
                                        "schema": {"type": "integer"}}},
          "description": "JSON (une page), ou CSV (toutes les lignes, en flux) avec "
                         "format=csv ou Accept: text/csv : « ; », virgule décimale et BOM "
                         "pour Excel en français ; dialect=plain pour « , », point décimal, "
                         "UTF-8 sans BOM."}})
async def observations(request: Request, portal: PortalDep,
                       params: Annotated[m.ObservationParams, Query()]) -> Response:
    # The usual JSON page is answered before routing (observations.FastPage); it comes here
    # when it must wait for a snapshot check, or to answer its error.
    if obs.wants_csv(params, request):
        return await _csv(portal, request, obs.query_of(params), DIALECTS[params.dialect])
    # A page is two indexed queries over at most MAX_PAGE rows: answered on the event loop.
    return await cached(portal, request, lambda: obs.json_page(portal, params), "json",
                        inline=True)


Filter = Annotated[str | None, Query(max_length=100)]


@router.get("/measures", response_model=m.MeasurePage,
            summary="Mesures des politiques régionales (filtres et recherche)")
async def measures(request: Request, portal: PortalDep, region: RegionQuery = None,
                   public: Annotated[str | None, Query(max_length=100, description=(
                       "Public (data/reference/publics.yaml) : 'demandeurs-emploi'…"))] = None,
                   domain: Filter = None, framework: Filter = None, status: Filter = None,
                   q: Annotated[str | None, Query(max_length=200, description=(
                       "Recherche en français dans l'intitulé et le résumé."))] = None,
                   limit: Annotated[int, Query(ge=1, le=services.MAX_MEASURE_PAGE)] = 50,
                   offset: Offset = 0) -> Response:
    return await _json(portal, request, lambda: services.measures(
        portal, region=region, public=public, domain=domain, framework=framework,
        status=status, q=q, limit=limit, offset=offset))


@router.get("/measures/{region}/{year}/{measure}", response_model=m.Measure,
            summary="Une mesure d'une édition")
async def measure(request: Request, portal: PortalDep, region: str, year: int,
                  measure: Annotated[str, Path(max_length=100)]) -> Response:
    return await _json(portal, request,
                       lambda: services.measure(portal, region, year, measure))


async def _csv(portal: Portal, request: Request, query: obs.ObservationQuery,
               dialect: CsvDialect) -> Response:
    """Every matching row, streamed, with the count in X-Total-Count. The ETag follows the
    store's version and the query: the data only change when a load commits."""
    snapshot = portal.fresh() or await run_in_threadpool(portal.snapshot)
    assert snapshot is not None
    f = await run_in_threadpool(obs.resolve, portal, query)
    tag = etag(f"{snapshot.version}|{request.url.path}|{request.url.query}".encode())
    headers = {"ETag": tag, "Vary": "Accept", "Cache-Control": f"public, max-age={MAX_AGE}"}
    if known(request, tag):
        total = await run_in_threadpool(portal.store.count, f)
        return Response(status_code=304, headers={**headers, "X-Total-Count": str(total)})
    return obs.CsvStream(portal, f, dialect, CSV_TYPES[dialect.name], headers)


@router.get("/editions", response_model=m.Page[m.Edition], summary="Éditions publiées")
async def editions(request: Request, portal: PortalDep, limit: ListLimit = 100,
                   offset: Offset = 0) -> Response:
    return await _json_list(portal, request, lambda: services.editions(portal.snapshot()),
                            limit, offset)


@router.get(feed.PATH.removeprefix("/api/v1"), response_class=Response,
            summary="Flux Atom des éditions publiées et des décisions sur leurs chiffres",
            responses={200: {"content": {"application/atom+xml": {}},
                             "description": "Flux Atom (RFC 4287), le plus récent d'abord."}})
async def atom(request: Request, portal: PortalDep) -> Response:
    base = str(request.base_url).rstrip("/")
    return await cached(portal, request, lambda: (feed.atom_feed(portal, base),
                                                  feed.MEDIA_TYPE), "atom", base)


@router.get("/editions/{region}/{year}/validation", response_model=m.ValidationReport,
            summary="Rapport de validation d'une édition")
async def validation(request: Request, portal: PortalDep, region: str, year: int) -> Response:
    return await _json(portal, request,
                       lambda: services.validation_report(portal, region, year))


@router.get("/editions/{region}/{year}/texts/{number}", response_model=m.PolicyText,
            summary="Un texte de politique publique ou une actualité d'une édition")
async def text(request: Request, portal: PortalDep, region: str, year: int,
         number: Annotated[int, Path(ge=1, le=100_000)]) -> Response:
    return await _json(portal, request,
                 lambda: services.policy_text(portal, region, year, number))


@router.get("/search", response_model=m.SearchResults,
            summary="Recherche plein texte en français (textes, actualités, annuaire)")
async def search(request: Request, portal: PortalDep,
           q: Annotated[str, Query(min_length=1, max_length=200)],
           region: RegionQuery = None,
           type: Annotated[str | None, Query(max_length=40)] = None,
           year: Annotated[int | None, Query(ge=1800, le=2200)] = None,
           limit: Annotated[int, Query(ge=1, le=services.MAX_SEARCH_PAGE)] = 20,
           offset: Annotated[int, Query(ge=0, le=10_000)] = 0) -> Response:
    return await _json(portal, request, lambda: services.search(
        portal, q, region=region, type=type, year=year, limit=limit, offset=offset,
        links="api"))


@router.get("/directory", response_model=m.Directory,
            summary="Annuaire : contacts et Carif-Oref, par région")
async def directory(request: Request, portal: PortalDep, region: RegionQuery = None,
              q: Annotated[str | None, Query(max_length=200)] = None) -> Response:
    return await _json(portal, request, lambda: services.directory(portal, region, q))


@router.get("/guide", response_model=m.Guide, summary="Où s'adresser ? par public et région")
async def guide(request: Request, portal: PortalDep,
          public: Annotated[str | None, Query(max_length=100)] = None,
          region: RegionQuery = None) -> Response:
    return await _json(portal, request, lambda: services.guide(portal, public, region))


class ReloadReport(BaseModel):
    editions: int
    observations: int
    evolutions: int
    items: int
    series: int


@router.post("/admin/reload", response_model=ReloadReport,
             summary="Recharge les fichiers de données (jeton d'administration requis)",
             responses={401: {"model": m.ErrorResponse}, 403: {"model": m.ErrorResponse}})
async def reload(portal: PortalDep, authorization: Annotated[str | None, Header()] = None
                 ) -> Response:
    _check_token(portal, authorization)
    report = await run_in_threadpool(load, portal.store, portal.data_dir)
    portal.forget()
    return JSONResponse(ReloadReport(**vars(report)).model_dump(),
                        headers={"Cache-Control": "no-store"})


def _check_token(portal: Portal, authorization: str | None) -> None:
    if not portal.admin_token:
        raise HTTPException(403, "écriture désactivée : définissez MONOREG_ADMIN_TOKEN")
    scheme, _, given = (authorization or "").partition(" ")
    # Only the declared scheme is accepted: a bare token is a malformed header, refused.
    if scheme != "Bearer" or not given.strip() or not hmac.compare_digest(
            given.strip().encode(), portal.admin_token.encode()):
        raise HTTPException(401, "jeton d'administration absent ou incorrect",
                            headers={"WWW-Authenticate": "Bearer"})

