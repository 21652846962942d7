"""The site's absolute URLs, for link previews and embeds.

Absolute links (``og:image``, the oEmbed answer's iframe and thumbnail, the
embed snippet) are read by other sites and cached there, so they must never
come from what a client sends: a forged ``Host`` header would otherwise put
an attacker's address into a preview that others then load.  They come from
``SCURVE_PUBLIC_URL`` when it is set, and otherwise from the address the
server itself listens on (the socket's own address and port, which no
header can change), which is right for a server used directly and harmless
behind a proxy (the start-up log says to set ``SCURVE_PUBLIC_URL`` there).
"""

from __future__ import annotations

import os
from urllib.parse import quote, urlsplit

from fastapi import Request


def configured_public_url(env: dict[str, str] | None = None) -> str | None:
    """``SCURVE_PUBLIC_URL`` without its trailing slash, or None; a value that
    is not an http(s) origin (with an optional path) is a ValueError naming it.

    >>> configured_public_url({"SCURVE_PUBLIC_URL": "https://scurve.example.org/"})
    'https://scurve.example.org'
    """
    raw = (os.environ if env is None else env).get("SCURVE_PUBLIC_URL", "").strip()
    if not raw:
        return None
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment or parts.username:
        raise ValueError(
            f"SCURVE_PUBLIC_URL must be the address readers use, such as https://scurve.example.org, got {raw!r}"
        )
    return raw.rstrip("/")


def own_origin(request: Request) -> str:
    """The address this server was reached on by its socket, not by any header."""
    server = request.scope.get("server")
    scheme = request.url.scheme  # set by uvicorn from X-Forwarded-Proto only for trusted proxies
    if not server:
        return f"{scheme}://localhost"
    host, port = server[0], server[1]
    if ":" in host:
        host = f"[{host}]"
    default = {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}" + ("" if port in (None, default) else f":{port}")


def public_base(request: Request) -> str:
    """The site's own address, without a trailing slash: ``SCURVE_PUBLIC_URL``
    where set (the address readers use, for example behind a proxy), else the
    address this server listens on; never the request's ``Host`` header."""
    return configured_public_url() or own_origin(request)


def preview_url(base: str, permalink: str) -> str:
    """The preview image of a view, from its permalink ``/?<query>``.

    >>> preview_url("https://s.example", "/?v=1&title=A")
    'https://s.example/preview.png?v=1&title=A'
    """
    return f"{base}/preview.png?{permalink.partition('?')[2]}"


def oembed_url(base: str, permalink: str) -> str:
    """The oEmbed answer for a view.

    >>> oembed_url("https://s.example", "/?v=1&title=A")
    'https://s.example/oembed?url=https%3A%2F%2Fs.example%2F%3Fv%3D1%26title%3DA&format=json'
    """
    return f"{base}/oembed?url={quote(base + permalink, safe='')}&format=json"
