"""Security headers on every response, a bound on request bodies, and HEAD answered as GET
without its body (pure ASGI, so that it costs little on each request)."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from monoreg.web.models import error_json

# No inline script or style anywhere: every asset is a file served by the app itself.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
_RAW_HEADERS = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
STATIC_CACHE = (b"cache-control", b"public, max-age=86400")


class Guard:
    """Adds the security headers; refuses bodies over `max_body` bytes with a 413 and header
    sections over `max_headers` bytes with a 431 (uvicorn's httptools parser has no bound)."""

    def __init__(self, app: ASGIApp, max_body: int = 64 * 1024,
                 max_headers: int = 16 * 1024) -> None:
        self.app = app
        self.max_body = max_body
        self.max_headers = max_headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if sum(len(k) + len(v) + 4 for k, v in scope["headers"]) > self.max_headers:
            await self._reject(send, 431, f"en-têtes de requête trop grands (maximum "
                                          f"{self.max_headers} octets)")
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            status = 413 if length.isdigit() else 400
            message = (f"corps de requête trop grand (maximum {self.max_body} octets)"
                       if status == 413 else "en-tête Content-Length invalide")
            await self._reject(send, status, message)
            return
        static = scope["path"].startswith("/static/")
        head = scope["method"] == "HEAD"
        if head:  # HEAD is GET without the body, on every page and API route
            scope = {**scope, "method": "GET"}
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body:
                raise BodyTooLarge(self.max_body)
            return message

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.extend(_RAW_HEADERS)
                if static:
                    headers.append(STATIC_CACHE)
                message = {**message, "headers": headers}
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, limited_receive, send_with_headers)

    async def _reject(self, send: Send, status: int, message: str) -> None:
        kinds = {413: "payload_too_large", 431: "headers_too_large"}
        body = error_json(status, kinds.get(status, "invalid_request"), message)
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            *_RAW_HEADERS]})
        await send({"type": "http.response.body", "body": body})


class BodyTooLarge(Exception):
    """A chunked body went past the limit (the app answers 413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"corps de requête trop grand (maximum {limit} octets)")
