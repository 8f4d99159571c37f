"""The JSON API, /api/v1: each route parses its query, asks one service for its view, and
returns it (JSON, or CSV for observations), with an ETag."""

from __future__ import annotations

import hmac
from collections.abc import Callable, Sequence
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from monoreg.loading import load
from monoreg.web import models as m
from monoreg.web import services
from monoreg.web.caching import cached
from monoreg.web.portal import Portal

JSON = "application/json"
CSV = "text/csv; charset=utf-8"

router = APIRouter(prefix="/api/v1", tags=["api"], responses={
    400: {"model": m.ErrorResponse, "description": "Requête incorrecte."},
    404: {"model": m.ErrorResponse, "description": "Introuvable."},
    422: {"model": m.ErrorResponse, "description": "Paramètre invalide."},
})


async def get_portal(request: Request) -> Portal:
    portal: Portal = request.app.state.portal
    return portal


PortalDep = Annotated[Portal, Depends(get_portal)]
RegionQuery = Annotated[str | None, Query(max_length=100, description=(
    "Région : code INSEE, nom ou identifiant, sans égard à la casse ni aux accents."))]
Limit = Annotated[int, Query(ge=1, le=services.MAX_PAGE, description="Taille de page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Décalage.")]


async def _json(portal: Portal, request: Request, build: Callable[[], BaseModel]
                ) -> Response:
    return await cached(portal, request,
                        lambda: (build().model_dump_json().encode(), JSON), "json")


async def _json_list(portal: Portal, request: Request,
                     build: Callable[[], Sequence[BaseModel]]) -> Response:
    def render() -> tuple[bytes, str]:
        return b"[" + b",".join(i.model_dump_json().encode() for i in build()) + b"]", JSON
    return await cached(portal, request, render, "json")


@router.get("/regions", response_model=list[m.Region], summary="Les 18 régions")
async def regions(request: Request, portal: PortalDep) -> Response:
    return await _json_list(portal, request, lambda: services.regions(portal.snapshot()))


@router.get("/regions/{region}", response_model=m.RegionPage,
            summary="Une région : chiffres clés, téléchargements, validation")
async def region(request: Request, portal: PortalDep, region: str,
           edition: Annotated[int | None, Query(ge=1800, le=2200)] = None) -> Response:
    return await _json(portal, request, lambda: services.region_page(portal, region, edition))


@router.get("/regions/{region}/series/{indicator}", response_model=m.Series,
            summary="Série chronologique d'un indicateur pour une région")
async def series(request: Request, portal: PortalDep, region: str, indicator: str) -> Response:
    return await _json(portal, request, lambda: services.series(portal, region, indicator))


@router.get("/indicators", response_model=list[m.IndicatorInfo],
            summary="Indicateurs : unité, polarité, définition, source")
async def indicators(request: Request, portal: PortalDep) -> Response:
    return await _json_list(portal, request, lambda: services.indicators(portal.snapshot()))


@router.get("/indicators/{indicator}", response_model=m.Comparison,
            summary="Un indicateur comparé entre les régions")
async def indicator(request: Request, portal: PortalDep, indicator: str,
              period: Annotated[str | None, Query(max_length=40)] = None) -> Response:
    return await _json(portal, request, lambda: services.comparison(portal, indicator, period))


@router.get("/observations", response_model=m.ObservationPage, summary="Chiffres", responses={
    200: {"content": {"text/csv": {}},
          "description": "JSON, ou CSV (« ; », BOM) avec Accept: text/csv ou format=csv."}})
async def observations(
        request: Request, portal: PortalDep, region: RegionQuery = None,
        indicator: Annotated[str | None, Query(max_length=100)] = None,
        period: Annotated[str | None, Query(max_length=40, description=(
            "Période exacte ('2019', 'T2 2019', 'juillet 2019', '2018/2019')."))] = None,
        period_from: Annotated[str | None, Query(max_length=40)] = None,
        period_to: Annotated[str | None, Query(max_length=40)] = None,
        edition: Annotated[str | None, Query(max_length=40, description="'28-2020'")] = None,
        limit: Limit = 100, offset: Offset = 0,
        format: Annotated[str | None, Query(pattern="^(json|csv)$")] = None) -> Response:
    as_csv = format == "csv" or (format is None and "text/csv" in
                                 request.headers.get("accept", ""))

    def build() -> tuple[bytes, str]:
        page = services.observations(
            portal, region=region, indicator=indicator, period=period,
            period_from=period_from, period_to=period_to, edition=edition, limit=limit,
            offset=offset)
        if as_csv:
            return services.observations_csv(page), CSV
        return page.model_dump_json().encode(), JSON
    return await cached(portal, request, build, "csv" if as_csv else "json")


@router.get("/editions", response_model=list[m.Edition], summary="Éditions publiées")
async def editions(request: Request, portal: PortalDep) -> Response:
    return await _json_list(portal, request, lambda: services.editions(portal.snapshot()))


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

