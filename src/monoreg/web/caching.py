"""HTTP caching: an ETag on every page and API answer (a hash of the body), Cache-Control,
304 when the client already has it, and the snapshot's cache of rendered bodies."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response

from monoreg.web.portal import Portal

MAX_AGE = 60  # seconds: the data change only when a load commits


def etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def _known(request: Request, tag: str) -> bool:
    header = request.headers.get("if-none-match", "")
    return any(candidate.strip().removeprefix("W/") in (tag, "*")
               for candidate in header.split(","))


def respond(request: Request, body: bytes, media_type: str, *, status: int = 200,
            headers: dict[str, str] | None = None) -> Response:
    tag = etag(body)
    common = {"ETag": tag, "Cache-Control": f"public, max-age={MAX_AGE}", "Vary": "Accept",
              **(headers or {})}
    if status == 200 and _known(request, tag):
        return Response(status_code=304, headers=common)
    return Response(body, status_code=status, media_type=media_type, headers=common)


def cached(portal: Portal, request: Request, render: Callable[[], tuple[bytes, str]],
           *variant: str) -> Response:
    """The body for this URL (and `variant`, e.g. the format) from the snapshot's cache, or
    rendered now and kept until the store changes."""
    version = portal.snapshot().version
    key = (version, request.url.path, str(request.url.query), *variant)
    entry = portal.cache.get(key)
    if entry is None:
        entry = render()
        portal.cache.put(key, *entry)
    return respond(request, entry[0], entry[1])
