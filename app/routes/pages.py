"""HTML pages: each renders one template from the permalink query."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from scurve.analysis import Analysis
from scurve.claims import filter_claims
from scurve.cost import TooCostlyError
from scurve.curve import Curve, band, sample
from scurve.errors import StateError
from scurve.examples import worked_examples
from scurve.fields import page_limits
from scurve.permalink import ParsedLink
from scurve.serialize import analysis_to_dict
from scurve.summary import DEFAULT_TITLE, exact_share, forecast_text, meta_summary, meta_title

from ..deps import EngineDep, QueryDep
from ..engine import Engine, dumps
from ..middleware import error_page
from ..render.cards import page_groups, panel_title
from ..render.firstpaint import curve_plot
from ..static import PLOTLY_URL
from .public import configured_public_url, oembed_url, preview_url, public_base

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parent.parent / "templates"))
# The question every page, embed, oEmbed answer and preview asks when a view has no title.
TEMPLATES.env.globals["default_title"] = DEFAULT_TITLE
router = APIRouter(include_in_schema=False)


def render(request: Request, name: str, **context: object) -> HTMLResponse:
    assets = request.app.state.assets
    return TEMPLATES.TemplateResponse(request, name, {"static_url": assets.url, "plotly_url": PLOTLY_URL, **context})


def json_script(data: Any) -> Markup:
    """JSON for a ``<script type="application/json">`` block.

    ``<``, ``>`` and ``&`` are escaped so no value (a title, a quote) can close
    the element; the key order is kept (Jinja's ``tojson`` would sort keys).
    """
    text = dumps(data).decode()
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def index_data(engine: Engine, query: str, link: ParsedLink, analysis: Analysis) -> dict[str, Any]:
    """Everything the estimator's first paint needs, so it makes no request:
    the catalog, the analysis of the page's state (the /api/analyze body),
    the link's problems and warnings, each category's curve samples for
    drawing and how many appendix claims bear on each category."""
    # The engine's own bytes: plain json.loads (engine.loads is the strict reader for bodies sent to us).
    body = engine.analyze_query(query)[1] if not link.problems else dumps(analysis_to_dict(analysis, engine.catalog))
    curves = analysis.state.curves
    return {
        "categories": engine.catalog.as_dict(),
        "analysis": json.loads(body),
        "problems": [p.msg for p in link.problems],
        "warnings": list(link.warnings),
        "samples": {
            c.id: json.loads(engine.curve_samples(curves[c.id].midpoint, curves[c.id].steepness, curves[c.id].ceiling))
            for c in analysis.categories
        },
        # A category added in the browser starts on the version-1 curve.
        "custom_samples": json.loads(engine.curve_samples(0.5, 10.0, 1.0)),
        "claims_count": {
            c.id: sum(c.id in claim.categories for claim in engine.claims) for c in engine.catalog.categories
        },
    }


@lru_cache(maxsize=1)
def limits_script() -> Markup:
    """The field table's limits for the page's controls, one small JSON
    block every script of the page reads (js/limits.js)."""
    return json_script(page_limits())


@lru_cache(maxsize=256)
def static_plot_html(midpoint: float, steepness: float, ceiling: float) -> Markup:
    """A chart as the server draws it (the `static_plot` macro), rendered once
    per curve shape: ten of them are a third of the page's markup."""
    macro = TEMPLATES.env.get_template("_partials.html").module.static_plot  # type: ignore[attr-defined]
    return Markup(macro(curve_plot(midpoint, steepness, ceiling)))


TOO_COSTLY_TITLE = "This view would take too long to compute"
TOO_COSTLY_NOTE = "Every part of a view has a cost; a view this large is refused so that the site stays quick for everyone."


def too_costly_page(exc: TooCostlyError) -> HTMLResponse:
    return HTMLResponse(error_page(TOO_COSTLY_TITLE, exc.sentence(), TOO_COSTLY_NOTE), status_code=422)


# The pages are `async def`: each renders in a few milliseconds, and under
# load a sync route's hops to and from the thread pool, fighting the event
# loop for the GIL, cost several times the render itself (bench/load.py).
# A link whose analysis is not cached yet is analysed and rendered in a
# worker thread instead (Engine.run): never on the event loop.
@router.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse)
async def index(request: Request, engine: EngineDep, query: QueryDep) -> HTMLResponse:
    try:
        if engine.cached(query) is not None:
            return index_page(request, engine, query)
        return await engine.run(index_page, request, engine, query)
    except TooCostlyError as exc:
        return too_costly_page(exc)


def index_page(request: Request, engine: Engine, query: str) -> HTMLResponse:
    link = engine.parse(query)
    # A clean link's analysis comes from the engine's cache (the JSON below
    # uses the same entry); only a link with problems is analysed afresh.
    analysis = engine.analyze_query(query)[0] if not link.problems else engine.analysis(link.state, link.warnings)
    data = index_data(engine, query, link, analysis)
    assets = request.app.state.assets
    has_share_js = assets.get("js/share.js") is not None
    base = public_base(request)
    # Every module entry the page names (the crowd's is in _crowd.html), so
    # their imports are all preloaded at once.
    entries = ["js/main.js"] + (["js/share.js"] if has_share_js else [])
    entries += ["js/crowd.js"] if request.app.state.crowd is not None else []
    return render(
        request,
        "index.html",
        analysis=analysis,
        summary=engine.summary(analysis),
        forecast_text=forecast_text(analysis),
        meta_title=meta_title(analysis),
        meta_summary=meta_summary(analysis),
        problems=[p.msg for p in link.problems],
        warnings=list(link.warnings),
        catalog=engine.catalog,
        groups=page_groups(analysis, engine.catalog),
        panel_title=panel_title(len(analysis.categories)),
        page_data=json_script(data),
        limits=page_limits(),
        limits_data=limits_script(),
        static_plots={
            c.id: static_plot_html(c.curve.midpoint, c.curve.steepness, c.curve.ceiling) for c in analysis.categories
        },
        claims_count=data["claims_count"],
        # Another engineer's share/export/compare script: loaded only when present.
        has_share_js=has_share_js,
        module_preloads=list(dict.fromkeys(url for entry in entries for url in assets.imports(entry))),
        # Link previews and oEmbed discovery (docs/DESIGN.md §7): absolute URLs.
        og_image=preview_url(base, analysis.permalink),
        oembed_url=oembed_url(base, analysis.permalink),
        public_origin=configured_public_url(),
    )


STANCE_LABELS = {"for": "For", "against": "Against", "mixed": "Mixed"}


@router.api_route("/claims", methods=["GET", "HEAD"], response_class=HTMLResponse)
async def claims_page(request: Request, engine: EngineDep, category: str | None = None) -> HTMLResponse:
    """The evidence: every claim is rendered, those outside ``?category=`` hidden,
    so the filter works without JavaScript; an unknown id shows a message."""
    selected = category or None  # the form's "All statements" sends category=
    problem = None
    try:
        shown = filter_claims(engine.claims, engine.catalog, selected)
    except StateError as exc:
        problem, selected, shown = exc.message, None, engine.claims
    catalog = engine.catalog
    counts = {cid: sum(cid in c.categories for c in engine.claims) for cid in catalog.ids}
    data = {
        "claims": [c.as_dict() for c in engine.claims],
        "categories": [{"id": c.id, "name": c.name, "group": c.group} for c in catalog.categories],
        "stances": STANCE_LABELS,
        "selected": selected,
    }
    return render(
        request,
        "claims.html",
        claims=engine.claims,
        shown={c.id for c in shown},
        selected=selected,
        problem=problem,
        catalog=catalog,
        counts=counts,
        stances=STANCE_LABELS,
        page_data=json_script(data),
    )


@router.api_route("/about", methods=["GET", "HEAD"], response_class=HTMLResponse)
async def about_page(request: Request, engine: EngineDep) -> HTMLResponse:
    """The method. The worked examples and the figure come from the model
    itself (`scurve.examples`, computed once per app), so the page cannot
    drift from it."""
    curve = Curve()
    examples = getattr(request.app.state, "worked_examples", None)
    if examples is None:
        examples = request.app.state.worked_examples = worked_examples(engine.catalog)
    return render(
        request,
        "about.html",
        curve=curve,
        band=band(curve),
        samples=sample(curve, 61),
        examples=examples,
        top_name=engine.catalog.get(examples.top_id).name,
        exact_share=exact_share,
        crowd_on=getattr(request.app.state, "crowd", None) is not None,
    )
