"""/api/v1/observations without building a row per request: the filters are resolved
against the snapshot, the store counts and pages in SQL, and the answer joins the figures'
JSON documents written at load time (store/documents.py). CSV answers stream every
matching row.

`FastPage` answers the common case (a valid query for a JSON page) before the framework's
routing and parameter solving, which cost more than the two queries of a page; anything
else (CSV, an error, a snapshot to recheck) goes on to the route, which answers it with the
same functions.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from pydantic import ValidationError
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from monoreg.errors import MonoregError, NotFound, UsageError
from monoreg.publish.exports import CsvDialect, CsvLines
from monoreg.store.observation_sql import ObservationFilter
from monoreg.web.caching import cached_now
from monoreg.web.models import ObservationParams
from monoreg.web.portal import Portal
from monoreg.web.services.shared import parse_period_param

PATH = "/api/v1/observations"


@dataclass(frozen=True)
class ObservationQuery:
    region: str | None = None
    indicator: str | None = None
    period: str | None = None
    period_from: str | None = None
    period_to: str | None = None
    edition: str | None = None
    occurrences: str = "preferred"


def resolve(portal: Portal, q: ObservationQuery) -> ObservationFilter:
    """The store filter of a query; NotFound for a region, indicator or edition that does
    not exist, UsageError for a malformed or inverted period."""
    snapshot = portal.snapshot()
    catalog = snapshot.catalog
    territory = None
    if q.region:
        territory = catalog.territories.find(q.region)
        if territory is None:
            raise NotFound(f"territoire inconnu : « {q.region} »")
    if q.indicator and q.indicator not in catalog.indicators:
        raise NotFound(f"indicateur inconnu : « {q.indicator} »")
    editions = None
    if q.edition:
        editions = _editions(portal, q.edition, territory.code if territory else None)
    exact = parse_period_param(q.period, "period")
    start = parse_period_param(q.period_from, "period_from")
    end = parse_period_param(q.period_to, "period_to")
    if start is not None and end is not None and start.start > end.end:
        raise UsageError(f"période inversée : period_from ({q.period_from}) est après "
                         f"period_to ({q.period_to})")
    return ObservationFilter(
        territories=[territory.code] if territory else None,
        indicators=[q.indicator] if q.indicator else None, editions=editions,
        period=exact.code if exact else None, period_from=start, period_to=end,
        preferred=True if q.occurrences == "preferred" else None)


def _editions(portal: Portal, text: str, region: str | None) -> list[str]:
    """An edition by id ('28-2020') or by year ('2020': that year's editions, of the region
    when one is given)."""
    known = portal.snapshot().editions
    if text.isdigit() and len(text) == 4:
        found = [e.id for e in known if e.year == int(text)
                 and (region is None or e.region == region)]
    else:
        found = [e.id for e in known if e.id == text]
    if not found:
        where = f" pour la région {region}" if region else ""
        raise NotFound(f"édition inconnue : « {text} »{where} (un identifiant comme 28-2020, "
                       "ou une année)")
    return found


def link(q: ObservationQuery, limit: int, offset: int, extra: dict[str, str]) -> str:
    params = {k: v for k, v in vars(q).items()
              if v and not (k == "occurrences" and v == "preferred")}
    return f"{PATH}?{urlencode({**params, **extra, 'limit': limit, 'offset': offset})}"


def page_json(portal: Portal, q: ObservationQuery, limit: int, offset: int,
              extra: dict[str, str]) -> bytes:
    """The envelope around the stored documents of one page, joined as bytes."""
    total, documents = portal.store.document_page(resolve(portal, q), limit, offset)
    following = link(q, limit, offset + limit, extra) if offset + limit < total else None
    previous = (link(q, limit, max(offset - limit, 0), extra)
                if offset > 0 and total else None)
    tail = (f'],"total":{total},"limit":{limit},"offset":{offset},'
            f'"next":{json.dumps(following)},"previous":{json.dumps(previous)}}}')
    return ('{"items":[' + ",".join(documents) + tail).encode()


class CsvStream(StreamingResponse):
    """Every matching row as CSV, streamed once its turn has come among the worker's
    streams (Portal.streams): waiting takes no thread and no connection. The count
    (X-Total-Count) and the rows are read in one snapshot, on a connection given back to
    the pool when the answer ends, the reader gone included (Starlette drops an unfinished
    iterator without closing it)."""

    def __init__(self, portal: Portal, f: ObservationFilter, dialect: CsvDialect,
                 media_type: str, headers: dict[str, str]) -> None:
        super().__init__(iter(()), media_type=media_type, headers=headers)
        self.portal, self.filter, self.dialect = portal, f, dialect

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async with self.portal.streams:
            total, documents = await run_in_threadpool(self.portal.store.counted_documents,
                                                       self.filter)
            try:
                self.headers["X-Total-Count"] = str(total)
                self.body_iterator = iterate_in_threadpool(self._lines(documents))
                await super().__call__(scope, receive, send)
            finally:
                # Never executing here: a thread reading a chunk is waited for on cancel.
                documents.close()

    def _lines(self, documents: Iterator[list[str]]) -> Iterator[bytes]:
        lines = CsvLines(self.dialect)
        yield lines.header().encode()
        for chunk in documents:
            yield lines.rows(json.loads(d) for d in chunk).encode()


def query_of(params: ObservationParams) -> ObservationQuery:
    return ObservationQuery(params.region, params.indicator, params.period,
                            params.period_from, params.period_to, params.edition,
                            params.occurrences)


def wants_csv(params: ObservationParams, request: Request) -> bool:
    return params.format == "csv" or (params.format is None and "text/csv" in
                                      request.headers.get("accept", ""))


def json_page(portal: Portal, params: ObservationParams) -> tuple[bytes, str]:
    extra = {"dialect": params.dialect} if params.dialect != "fr" else {}
    return page_json(portal, query_of(params), params.limit, params.offset,
                     extra), "application/json"


class FastPage:
    """GET /api/v1/observations as JSON, answered before routing when all is well."""

    def __init__(self, app: ASGIApp, portal: Portal) -> None:
        self.app = app
        self.portal = portal

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == PATH and scope["method"] == "GET":
            response = self._answer(Request(scope))
            if response is not None:
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _answer(self, request: Request) -> Response | None:
        pairs = parse_qsl(request.scope["query_string"].decode("latin-1"),
                          keep_blank_values=True)
        if len({k for k, _ in pairs}) != len(pairs):
            return None  # a repeated parameter: the route says what it makes of it
        try:
            params = ObservationParams.model_validate(dict(pairs))
        except ValidationError:
            return None
        if wants_csv(params, request):
            return None
        try:
            return cached_now(self.portal, request,
                              lambda: json_page(self.portal, params), "json")
        except MonoregError:
            return None
