"""Typed dependencies shared by the routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from .engine import Engine


# Both are `async def`: FastAPI runs a plain `def` dependency in a worker
# thread, and two thread hops cost more than a cached analysis takes to serve.
async def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


EngineDep = Annotated[Engine, Depends(get_engine)]


async def raw_query(request: Request) -> str:
    """The query string exactly as sent: the permalink codec reads it.

    Browsers percent-encode non-ASCII; raw UTF-8 is accepted too, and stray
    bytes become U+FFFD rather than an error.
    """
    raw: bytes = request.scope.get("query_string", b"")
    return raw.decode("utf-8", "replace")


QueryDep = Annotated[str, Depends(raw_query)]
