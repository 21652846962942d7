"""HTML pages: each renders one template from the permalink query."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..deps import EngineDep, QueryDep
from ..static import PLOTLY_URL

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parent.parent / "templates"))
router = APIRouter(include_in_schema=False)


def render(request: Request, name: str, **context: object) -> HTMLResponse:
    assets = request.app.state.assets
    return TEMPLATES.TemplateResponse(request, name, {"static_url": assets.url, "plotly_url": PLOTLY_URL, **context})


@router.get("/", response_class=HTMLResponse)
def index(request: Request, engine: EngineDep, query: QueryDep) -> HTMLResponse:
    link = engine.parse(query)
    analysis = engine.analysis(link.state, link.warnings)
    return render(
        request,
        "index.html",
        analysis=analysis,
        summary=engine.summary(analysis),
        problems=[p.msg for p in link.problems],
        catalog=engine.catalog,
    )
