"""ASGI middleware: request limits and security headers on every response."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from scurve.errors import Problem, TooLargeError
from scurve.limits import MAX_BODY, MAX_QUERY, size_text

from .errors import error_bytes

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Scripts only from the app itself; Plotly sets inline styles and exports PNGs
# through data: and blob: images.
CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    )
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"cross-origin-opener-policy", b"same-origin"),
]

# /embed is the one route any site may frame (SPEC section 11): its policy
# allows every ancestor, it runs no script at all, and it has no
# X-Frame-Options (SAMEORIGIN there would overrule frame-ancestors in old browsers).
FRAMABLE_PATHS = frozenset({"/embed"})
EMBED_CSP = CSP.replace("frame-ancestors 'self'", "frame-ancestors *").replace("script-src 'self'", "script-src 'none'")
EMBED_HEADERS = [
    (b"content-security-policy", EMBED_CSP.encode()),
    *((k, v) for k, v in SECURITY_HEADERS if k not in (b"content-security-policy", b"x-frame-options")),
]


def security_headers(path: str) -> list[tuple[bytes, bytes]]:
    """The security headers of a response to `path`."""
    return EMBED_HEADERS if path in FRAMABLE_PATHS else SECURITY_HEADERS


PAGES = ("/", "/claims", "/about", "/embed")
_ERROR_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} - scurve</title>
<style>body{{font:17px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2a44}}</style>
</head><body><h1>{title}</h1><p>{detail}.</p>
<p>{note} <a href="/">Open the estimator with the default estimates</a>.</p></body></html>"""


def error_page(title: str, detail: str, note: str) -> str:
    """A small page, with no script or stylesheet of its own, for a link a page cannot open."""
    return _ERROR_PAGE.format(title=html.escape(title), detail=html.escape(detail.rstrip(".")), note=html.escape(note))


def _wants_html(scope: Scope) -> bool:
    """A browser opening one of the pages: answer it with a page, not JSON."""
    if scope.get("path") not in PAGES:
        return False
    return any(name == b"accept" and b"text/html" in value for name, value in scope.get("headers", []))


async def _reply(
    send: Send, status: int, detail: str, loc: list[str], value: Any, *, html: bool = False, path: str = ""
) -> None:
    if html:
        body = error_page(
            "This link is too long to open",
            detail,
            "A link scurve writes is far shorter; it may have been pasted twice or cut into something else.",
        ).encode()
        ctype = b"text/html; charset=utf-8"
    else:
        body = error_bytes(status, tuple(loc), detail, value)
        ctype = b"application/json"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", ctype),
                (b"content-length", str(len(body)).encode()),
                *security_headers(path),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _percent_encode_non_ascii(raw: bytes) -> bytes:
    return b"".join(bytes((c,)) if c < 0x80 else b"%%%02X" % c for c in raw)


class LimitsMiddleware:
    """Refuse a query over 8 KiB (414) and a body over 1 MiB (413) before it is read whole."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY, max_query: int = MAX_QUERY):
        self.app = app
        self.max_body = max_body
        self.max_query = max_query

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        qs: bytes = scope.get("query_string", b"")
        if len(qs) > self.max_query:
            await _reply(
                send,
                414,
                f"the query string is {len(qs)} bytes; the limit is {self.max_query} bytes ({size_text(self.max_query)})",
                ["query"],
                len(qs),
                html=_wants_html(scope),
                path=scope.get("path", ""),
            )
            return
        if not qs.isascii():
            # Raw non-ASCII bytes (a client that skipped percent-encoding):
            # encode them as a browser would, so every layer reads valid text
            # (Starlette's URL raises on bytes that are not UTF-8).
            scope = {**scope, "query_string": _percent_encode_non_ascii(qs)}
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    size = int(value)
                except ValueError:
                    await _reply(
                        send, 400, "the Content-Length header is not a number", ["header", "content-length"], None
                    )
                    return
                if size > self.max_body:
                    await _reply(
                        send,
                        413,
                        f"the request body is {size} bytes; the limit is {self.max_body} bytes ({size_text(self.max_body)})",
                        ["body"],
                        size,
                    )
                    return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _reply(
                    send, 413, f"the request body is over the limit of {self.max_body} bytes ({size_text(self.max_body)})", ["body"], None
                )


class BodyTooLarge(TooLargeError):
    """Raised from `receive` once a body passes the limit.  A model error, so
    the app's handler answers 413 even where a route catches broad errors."""

    def __init__(self, limit: int):
        super().__init__(Problem(("body",), f"the request body is over the limit of {limit} bytes ({size_text(limit)})", None))


class SecurityHeadersMiddleware:
    """Add the security headers to every response, a crash's 500 included."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in security_headers(scope.get("path", "")) if k not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            # Starlette's own 500 page is sent from outside every user
            # middleware, without these headers; answer here instead, and
            # re-raise so the error is still logged.
            if not started:
                await _reply(send, 500, "internal error: the server could not answer this request", [], None)
            raise
