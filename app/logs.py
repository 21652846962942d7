"""What the server logs, and what it never logs: a client's address.

uvicorn's own access log writes each client's address and port beside the
request line; it is turned off (`LOG_CONFIG`), and :class:`AccessLog` writes
instead one line per request with the method, the path (no query string:
a link's title and names are the reader's text), the status and the time
taken, and nothing about who asked.  Everything else the app logs is about
the server itself: start-up, the crowd's database, stalled exports.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]

access = logging.getLogger("scurve.access")


def log_config(level: str = "info") -> dict[str, Any]:
    """uvicorn's `log_config`: uvicorn's and the app's messages on standard
    error, `LEVEL: message`; no uvicorn access log (it names the client)."""
    level = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(levelname)s:     %(message)s"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
            "scurve": {"handlers": ["stderr"], "level": level, "propagate": False},
        },
    }


class AccessLog:
    """One line per request, `GET /api/analyze 200 12.3 ms`, at info level."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(
        self, scope: Scope, receive: Callable[[], Awaitable[Message]], send: Callable[[Message], Awaitable[None]]
    ) -> None:
        if scope["type"] != "http" or not access.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()
        status = 0

        async def tracking(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        finally:
            # The path as sent (percent-encoded, so no line break can be forged into the log).
            raw = scope.get("raw_path") or scope.get("path", "").encode()
            path = raw.split(b"?")[0].decode("ascii", "backslashreplace")[:200]
            access.info(
                "%s %s %s %.1f ms", scope.get("method", ""), path, status or "-", (time.perf_counter() - t0) * 1000
            )
