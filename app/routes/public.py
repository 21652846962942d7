"""The site's absolute URLs, for link previews and embeds."""

from __future__ import annotations

import os
from urllib.parse import quote

from fastapi import Request


def public_base(request: Request) -> str:
    """The site's own address, without a trailing slash: ``SCURVE_PUBLIC_URL``
    where set (the address readers use, for example behind a proxy), else the
    request's base URL."""
    configured = os.environ.get("SCURVE_PUBLIC_URL", "").strip().rstrip("/")
    return configured or str(request.base_url).rstrip("/")


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
