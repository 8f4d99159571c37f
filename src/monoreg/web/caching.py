"""HTTP caching: an ETag on every page and API answer (a hash of the body), Cache-Control,
304 when the client already has it, and the snapshot's cache of rendered bodies.

A cached answer is served on the event loop without a thread; building one (store queries,
rendering) runs in the thread pool.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from monoreg.web.portal import CachedBody, Portal

MAX_AGE = 60  # seconds: the data change only when a load commits


def etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def known(request: Request, tag: str) -> bool:
    header = request.headers.get("if-none-match")
    if not header:
        return False
    return any(candidate.strip().removeprefix("W/") in (tag, "*")
               for candidate in header.split(","))


def respond(request: Request, body: bytes, media_type: str, tag: str | None = None
            ) -> Response:
    tag = tag or etag(body)
    headers = {"ETag": tag, "Cache-Control": f"public, max-age={MAX_AGE}", "Vary": "Accept"}
    if known(request, tag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


async def cached(portal: Portal, request: Request, render: Callable[[], tuple[bytes, str]],
                 *variant: str, inline: bool = False) -> Response:
    """The body for this URL (and `variant`, e.g. the format) from the snapshot's cache, or
    rendered now and kept until the store changes. `inline` renders on the event loop, for
    answers bounded to a few indexed queries (a thread hop would cost more than they do)."""
    snapshot = portal.fresh() or await run_in_threadpool(portal.snapshot)
    assert snapshot is not None
    key = (snapshot.version, request.url.path, request.url.query, *variant)
    entry = portal.cache.get(key)
    if entry is None:
        body, media_type = render() if inline else await run_in_threadpool(render)
        entry = remember(portal, key, body, media_type)
    return respond(request, entry.body, entry.media_type, entry.etag)


def cached_now(portal: Portal, request: Request, render: Callable[[], tuple[bytes, str]],
               *variant: str) -> Response | None:
    """`cached` rendering on the caller's thread; None when the snapshot must be checked
    first (that takes I/O: the caller then goes the ordinary way)."""
    snapshot = portal.fresh()
    if snapshot is None:
        return None
    key = (snapshot.version, request.url.path, request.url.query, *variant)
    entry = portal.cache.get(key) or remember(portal, key, *render())
    return respond(request, entry.body, entry.media_type, entry.etag)


def remember(portal: Portal, key: tuple[str, ...], body: bytes, media_type: str
             ) -> CachedBody:
    entry = CachedBody(body, media_type, etag(body))
    portal.cache.put(key, entry)
    return entry
