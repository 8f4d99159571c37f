"""The web application: factory, error handlers, static files, pages and API.

Known errors become a 4xx with one JSON shape (`{"error": {...}}`) on the API and a French
error page on the portal; anything else is a bug: a 500 that shows no traceback (the
traceback goes to the server's log).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.staticfiles import StaticFiles

from monoreg import __version__
from monoreg.errors import InputError, MonoregError, NotFound
from monoreg.settings import Settings, get_settings
from monoreg.store.db import pooled_engine
from monoreg.store.repository import Store
from monoreg.web import api, pages
from monoreg.web.models import error_json
from monoreg.web.observations import FastPage
from monoreg.web.portal import Portal
from monoreg.web.security import SECURITY_HEADERS, BodyTooLarge, Guard

STATIC = Path(__file__).resolve().parent / "static"
log = logging.getLogger("monoreg.web")

_HTTP_MESSAGES = {404: "page introuvable", 405: "méthode non autorisée pour cette adresse"}
_HTTP_TYPES = {401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "payload_too_large"}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, kind: str, message: str,
                   details: list[dict[str, object]] | None = None) -> Response:
    if _is_api(request):
        return Response(error_json(status, kind, message, details), status_code=status,
                        media_type="application/json", headers={"Cache-Control": "no-store"})
    return pages.error_page(request, status, message)


# pydantic's validation errors, in French: type -> message (its context fills the {…}).
_VALIDATION_MESSAGES = {
    "missing": "paramètre obligatoire absent",
    "int_parsing": "doit être un nombre entier",
    "int_from_float": "doit être un nombre entier",
    "float_parsing": "doit être un nombre",
    "bool_parsing": "doit valoir true ou false",
    "greater_than_equal": "doit être supérieur ou égal à {ge}",
    "greater_than": "doit être supérieur à {gt}",
    "less_than_equal": "doit être inférieur ou égal à {le}",
    "less_than": "doit être inférieur à {lt}",
    "string_too_short": "trop court : au moins {min_length} caractère(s)",
    "string_too_long": "trop long : au plus {max_length} caractères",
    "string_pattern_mismatch": "valeur non admise (attendu : {pattern})",
    "string_type": "doit être une chaîne de caractères",
    "literal_error": "valeur non admise (attendu : {expected})",
    "json_invalid": "JSON invalide",
    "model_attributes_type": "objet attendu",
}


def french_message(error: dict[str, Any]) -> str:
    """One pydantic error in French; the generic message for a type we do not list."""
    template = _VALIDATION_MESSAGES.get(str(error.get("type")), "valeur invalide")
    try:
        return template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):
        return template.split(" {")[0].split(" (")[0]


async def _monoreg_error(request: Request, error: Exception) -> Response:
    if isinstance(error, NotFound):
        return error_response(request, 404, "not_found", str(error))
    if isinstance(error, InputError):
        return error_response(request, 422, "invalid_data", str(error))
    return error_response(request, 400, "invalid_request", str(error))


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    details: list[dict[str, object]] = [
        {"loc": [str(part) for part in e.get("loc", ())], "msg": french_message(e),
         "type": str(e.get("type"))} for e in error.errors()]
    names = ", ".join(dict.fromkeys(
        str(loc[-1]) for d in details if (loc := d["loc"]) and isinstance(loc, list))
    ) or "requête"
    return error_response(request, 422, "invalid_request",
                          f"paramètre invalide : {names}", details)


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    message = _HTTP_MESSAGES.get(error.status_code) or str(error.detail)
    response = error_response(request, error.status_code,
                              _HTTP_TYPES.get(error.status_code, "http_error"), message)
    response.headers.update(error.headers or {})
    return response


async def _too_large(request: Request, error: Exception) -> Response:
    return error_response(request, 413, "payload_too_large", str(error))


async def _bug(request: Request, error: Exception) -> Response:
    # Outside the Guard middleware: the security headers are added here.
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    response = error_response(request, 500, "internal_error",
                              "erreur interne du serveur ; elle a été consignée")
    response.headers.update(SECURITY_HEADERS)
    return response


def create_app(settings: Settings | None = None, *, store: Store | None = None,
               build_dir: Path | None = None, cache_size: int = 512,
               recheck: float = 1.0) -> FastAPI:
    """The portal and API over `store` (default: the store of MONOREG_DATABASE_URL)."""
    settings = settings or get_settings()
    store = store or Store.open(settings.resolved_database_url())
    # The portal reads through a pool of connections (see store.db.pooled_engine).
    portal = Portal(Store(pooled_engine(store.engine)),
                    build_dir=build_dir or settings.var_dir / "build",
                    data_dir=settings.data_dir, admin_token=settings.admin_token,
                    recheck=recheck, cache_size=cache_size)
    app = FastAPI(
        title="monoreg", version=__version__, docs_url=None, redoc_url=None,
        openapi_url="/openapi.json",
        description="Monographies régionales formation professionnelle, apprentissage et "
                    "emploi : régions, indicateurs, chiffres sourcés, éditions, recherche, "
                    "annuaire. Toute erreur a la forme {\"error\": {status, type, message, "
                    "details}}, en français. Chaque liste a la même enveloppe (items, total, "
                    "limit, offset, next, previous) ; un paramètre inconnu est une erreur 400. "
                    "GET et HEAD, CORS ouvert en lecture, gzip sur demande, ETag et 304.")
    app.state.portal = portal
    # Middleware added last runs first: the Guard sees every request, then CORS, then gzip,
    # then the fast JSON page of /api/v1/observations.
    app.add_middleware(FastPage, portal=portal)
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)
    # Public data: any page may read the API from a browser (notebooks), GET and HEAD only.
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "HEAD"],
                       allow_headers=["If-None-Match", "Accept"],
                       expose_headers=["ETag", "X-Total-Count"], max_age=86400)
    app.add_middleware(Guard)
    app.add_exception_handler(MonoregError, _monoreg_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(BodyTooLarge, _too_large)
    app.add_exception_handler(Exception, _bug)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    return app
