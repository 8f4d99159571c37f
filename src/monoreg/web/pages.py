"""The portal's pages, in French: each route parses its query, asks one service for its
view and renders it with a template (Jinja2 with autoescape: every text is escaped)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from monoreg.errors import NotFound, UsageError
from monoreg.model import Territory
from monoreg.publish.exports import data_format
from monoreg.publish.html_writer import STYLESHEET
from monoreg.store.search import has_words
from monoreg.web import services, svg_charts
from monoreg.web.api import get_portal
from monoreg.web.caching import cached, respond
from monoreg.web.portal import Portal
from monoreg.web.services.shared import quality_legend

TEMPLATES = Path(__file__).resolve().parent / "templates"
HTML = "text/html; charset=utf-8"
NAVIGATION = (("/", "Accueil"), ("/indicateurs", "Indicateurs"), ("/mesures", "Mesures"),
              ("/recherche", "Recherche"), ("/annuaire", "Annuaire"),
              ("/ou-s-adresser", "Où s'adresser ?"))

environment = Environment(loader=FileSystemLoader(TEMPLATES),
                          autoescape=select_autoescape(default=True, default_for_string=True),
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
environment.globals["navigation"] = NAVIGATION
# The legend of figure statuses, from its one definition, for every page that shows them.
environment.globals["quality_legend"] = quality_legend()

router = APIRouter(include_in_schema=False)
PortalDep = Annotated[Portal, Depends(get_portal)]
Text = Annotated[str | None, Query(max_length=200)]


def render(request: Request, template: str, **context: Any) -> bytes:
    return environment.get_template(template).render(
        path=request.url.path, **context).encode("utf-8")


async def _page(portal: Portal, request: Request, template: str,
                build: Callable[[], dict[str, Any]]) -> Response:
    return await cached(portal, request,
                        lambda: (render(request, template, **build()), HTML), "html")


def error_page(request: Request, status: int, message: str) -> Response:
    body = render(request, "error.html", status=status, message=message)
    return HTMLResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


def _year(text: str | None, name: str) -> int | None:
    """An optional year from a form (an empty choice means any year)."""
    if not text:
        return None
    if not text.isdigit() or not 1800 <= int(text) <= 2200:
        raise UsageError(f"{name} : une année est attendue (par exemple 2020)")
    return int(text)


@router.get("/")
async def home(request: Request, portal: PortalDep, indicateur: Text = None,
               periode: Text = None) -> Response:
    def build() -> dict[str, Any]:
        view = services.home(portal, indicateur or None, periode or None)
        return {"view": view, "map": svg_charts.france_map(view.map_regions)}
    return await _page(portal, request, "home.html", build)


@router.get("/regions")
def regions() -> Response:
    return RedirectResponse("/#regions", status_code=308)


@router.get("/regions/{slug}")
async def region(request: Request, portal: PortalDep, slug: str,
                 edition: Annotated[int | None, Query(ge=1800, le=2200)] = None) -> Response:
    territory, built = await run_in_threadpool(_region_and_pdf, portal, slug, edition)
    if slug != territory.slug:  # one address per region: /regions/28 → /regions/normandie
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"/regions/{territory.slug}{query}", status_code=308)
    # The PDF appears when `monoreg build` runs, without a store change: its presence is
    # part of the cache key.
    def build() -> tuple[bytes, str]:
        fragment = services.monograph_fragment(portal, slug, edition)
        # The fragment is HTML written by publish's own escaping writer.
        return render(request, "region.html", view=services.region_page(portal, slug, edition),
                      monograph=Markup(fragment) if fragment else None), HTML
    return await cached(portal, request, build, "html", str(built))


def _region_and_pdf(portal: Portal, slug: str, edition: int | None) -> tuple[Territory, bool]:
    territory = services.find_region(portal.snapshot(), slug)
    return territory, services.pdf_built(portal, territory, edition)


@router.get("/regions/{slug}/{year}/validation")
async def validation(request: Request, portal: PortalDep, slug: str, year: int) -> Response:
    return await _page(portal, request, "validation.html",
                 lambda: {"view": services.validation_report(portal, slug, year)})


@router.get("/regions/{slug}/{year}/textes/{number}")
async def text(request: Request, portal: PortalDep, slug: str, year: int, number: int) -> Response:
    return await _page(portal, request, "text.html",
                 lambda: {"view": services.policy_text(portal, slug, year, number)})


@router.get("/regions/{slug}/{year}/donnees.{fmt}")
async def download(request: Request, portal: PortalDep, slug: str, year: int, fmt: str
                   ) -> Response:
    media_type = data_format(fmt).media_type

    def build() -> tuple[bytes, str]:
        return services.export_edition(portal, slug, year, fmt), media_type
    response = await cached(portal, request, build, fmt)
    territory = services.find_region(portal.snapshot(), slug)  # known: the export found it
    response.headers["Content-Disposition"] = (
        f'attachment; filename="monoreg-{territory.slug}-{year}.{fmt}"')
    return response


@router.get("/regions/{slug}/{year}/mesures.csv")
async def measures_csv(request: Request, portal: PortalDep, slug: str, year: int) -> Response:
    def build() -> tuple[bytes, str]:
        return services.export_measures(portal, slug, year), data_format("csv").media_type
    response = await cached(portal, request, build, "csv")
    territory = services.find_region(portal.snapshot(), slug)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="monoreg-{territory.slug}-{year}-mesures.csv"')
    return response


@router.get("/mesures")
async def measures(request: Request, portal: PortalDep, region: Text = None,
                   public: Text = None, domaine: Text = None, cadre: Text = None,
                   statut: Text = None, q: Text = None,
                   offset: Annotated[int, Query(ge=0, le=10_000)] = 0) -> Response:
    def build() -> dict[str, Any]:
        view = services.measures(
            portal, region=region or None, public=public or None, domain=domaine or None,
            framework=cadre or None, status=statut or None, q=q or None, offset=offset,
            limit=50, links="page")
        return {"view": view, "chosen": {"region": region or "", "public": public or "",
                                         "domaine": domaine or "", "cadre": cadre or "",
                                         "statut": statut or "", "q": q or ""}}
    return await _page(portal, request, "measures.html", build)


@router.get("/mesures/{slug}/{year}/{measure}")
async def measure(request: Request, portal: PortalDep, slug: str, year: int, measure: str
                  ) -> Response:
    return await _page(portal, request, "measure.html",
                       lambda: {"view": services.measure(portal, slug, year, measure)})


@router.get("/regions/{slug}/{year}/monographie.pdf")
def monograph_pdf(portal: PortalDep, slug: str, year: int) -> Response:
    territory = services.find_region(portal.snapshot(), slug)
    # The path is built from the known region's slug, never from the URL's text.
    path = services.pdf_path(portal, territory, year).resolve()
    if not path.is_file() or not path.is_relative_to(portal.build_dir.resolve()):
        raise NotFound(f"la monographie PDF {year} de {territory.name} n'est pas construite "
                       "(monoreg build)")
    return FileResponse(path, media_type="application/pdf", filename=path.name)


@router.get("/regions/{slug}/indicateurs/{indicator}")
async def series(request: Request, portal: PortalDep, slug: str, indicator: str) -> Response:
    def build() -> dict[str, Any]:
        view = services.series(portal, slug, indicator)
        return {"view": view, "chart": svg_charts.line_chart(view)}
    return await _page(portal, request, "series.html", build)


@router.get("/indicateurs")
async def indicators(request: Request, portal: PortalDep) -> Response:
    return await _page(portal, request, "indicators.html",
                 lambda: {"view": services.indicators(portal.snapshot())})


@router.get("/indicateurs/{indicator}")
async def indicator(request: Request, portal: PortalDep, indicator: str, periode: Text = None,
              region: Text = None) -> Response:
    def build() -> dict[str, Any]:
        view = services.comparison(portal, indicator, periode or None)
        return {"view": view, "chart": svg_charts.bar_chart(view, region), "current": region}
    return await _page(portal, request, "indicator.html", build)


@router.get("/recherche")
async def search(request: Request, portal: PortalDep, q: Text = None, region: Text = None,
           type: Text = None, annee: Text = None,
           offset: Annotated[int, Query(ge=0, le=10_000)] = 0) -> Response:
    def build() -> dict[str, Any]:
        view = help_ = None
        if q and q.strip():
            if has_words(q):
                view = services.search(portal, q, region=region or None, type=type or None,
                                       year=_year(annee, "annee"), offset=offset)
            if view is None or view.total == 0:
                help_ = services.search_help(portal, q)
        return {"view": view, "help": help_, "q": q or "", "region": region or "",
                "type": type or "", "year": annee or "",
                "facets": services.search_facets(portal)}
    return await _page(portal, request, "search.html", build)


@router.get("/annuaire")
async def directory(request: Request, portal: PortalDep, region: Text = None, q: Text = None
              ) -> Response:
    return await _page(portal, request, "directory.html",
                 lambda: {"view": services.directory(portal, region or None, q or None)})


@router.get("/ou-s-adresser")
async def guide(request: Request, portal: PortalDep, public: Text = None, region: Text = None
          ) -> Response:
    return await _page(portal, request, "guide.html",
                 lambda: {"view": services.guide(portal, public or None, region or None)})


@router.get("/monographie.css")
async def monograph_css(request: Request) -> Response:
    """publish's stylesheet of the monograph, served as a file (no inline style)."""
    return respond(request, STYLESHEET.read_bytes(), "text/css; charset=utf-8")


@router.get("/favicon.ico")
def favicon(request: Request) -> Response:
    icon = (Path(__file__).resolve().parent / "static" / "favicon.svg").read_bytes()
    return respond(request, icon, "image/svg+xml")
