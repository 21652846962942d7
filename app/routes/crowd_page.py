"""The /crowd page."""

from __future__ import annotations

from datetime import date

from fastapi import Request
from fastapi.responses import HTMLResponse

from ..crowd.store import Crowd
from ..engine import Engine


def render_crowd(
    request: Request, engine: Engine, crowd: Crowd, since: date | None, until: date | None, problem: str | None
) -> HTMLResponse:
    return HTMLResponse("todo")
