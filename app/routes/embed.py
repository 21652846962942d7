"""Previews and embeds (SPEC section 11): the link-preview PNG of a view, the
framable compact view, and oEmbed discovery of it."""

from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import SplitResult, unquote_plus, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from markupsafe import Markup

from scurve.cost import TooCostlyError
from scurve.errors import Problem, StateError
from scurve.summary import DEFAULT_TITLE

from .. import drawing, preview
from ..deps import EngineDep, QueryDep
from ..engine import Engine
from ..errors import HttpError
from ..schemas import ERRORS
from .api import TOO_COSTLY
from .pages import render
from .public import preview_url, public_base
from .query_doc import PERMALINK_PARAMS

router = APIRouter()

PREVIEW_CACHE_CONTROL = "public, max-age=86400"
# The iframe's size. From NARROW px wide the charts go two by two (embed.css),
# below they stack, and the frame needs more height: the heights here hold
# the text of the default view and of one with a range (a longer summary,
# a third key line) and its charts at their natural size, measured in
# Chromium from 320 to 900 px wide, with some room for a longer title (a
# taller text only makes the charts a little smaller: the embed fits the
# frame's height). js/embed.js builds the same snippet.
EMBED_WIDTH = 600
NARROW = 560
FIT_HEIGHT = {False: (430, 810), True: (640, 1060)}  # with a category's chart: (two columns, one)
MIN_WIDTH = 320
MIN_HEIGHT = 240


def fit_height(width: int, category: bool) -> int:
    """The frame height the embed needs at `width` px wide.

    >>> fit_height(600, False), fit_height(375, False), fit_height(375, True)
    (430, 810, 1060)
    """
    wide, narrow = FIT_HEIGHT[category]
    return wide if width >= NARROW else narrow


def snippet(src: str, title: str, width: int, category: bool, max_height: int | None = None) -> tuple[str, int]:
    """The iframe of `src` at `width` px, and its height.

    Its box is a size container and the frame's height follows its width:
    a frame shrunk by the host page (``max-width:100%`` on a phone) gets the
    taller height a single column needs (the step at NARROW, written as a
    clamp). Where container units are unknown, or the style is stripped, the
    ``height`` attribute holds: what fits at `width`.
    """
    wide, narrow = (min(h, max_height or h) for h in FIT_HEIGHT[category])
    height = wide if width >= NARROW else narrow
    html = (
        f'<div style="container-type:inline-size;max-width:{width}px">'
        f'<iframe src="{drawing.text(src)}" width="{width}" height="{height}" '
        f'style="display:block;width:100%;height:clamp({wide}px,(560px - 100cqw) * 1000,{narrow}px);border:0" '
        f'loading="lazy" title="{drawing.text(title)}"></iframe></div>'
    )
    return html, height


def _cache(request: Request) -> preview.PreviewCache:
    cache: preview.PreviewCache | None = getattr(request.app.state, "previews", None)
    if cache is None:
        cache = request.app.state.previews = preview.PreviewCache()
    return cache


def _title(analysis: dict[str, Any]) -> str:
    return str(analysis["state"].get("title") or DEFAULT_TITLE)


@router.get(
    "/preview.png",
    responses={
        200: {"content": {"image/png": {}}, "description": "The preview image, 1200 x 630"},
        **ERRORS,
        422: TOO_COSTLY,
    },
    response_class=Response,
    tags=["previews"],
    openapi_extra={"parameters": PERMALINK_PARAMS},
)
@router.head("/preview.png", include_in_schema=False)  # link previewers often ask HEAD first
async def preview_png(request: Request, engine: EngineDep, query: QueryDep) -> Response:
    """The view of a permalink query as a 1200 x 630 PNG, for link previews."""
    cache = _cache(request)
    # Cached by the canonical link, so tracking parameters share one image.
    canonical = engine.seen(query)
    item = cache.get(canonical) if canonical is not None else None
    if item is None:
        # A bad query raises: section 5's 400 (422 over the cost budget).
        item = await engine.run(_render_preview, engine, cache, query)
    headers = {"cache-control": PREVIEW_CACHE_CONTROL, "etag": item.etag}
    if item.etag in (tag.strip() for tag in request.headers.get("if-none-match", "").split(",")):
        return Response(status_code=304, headers=headers)
    return Response(item.png, media_type="image/png", headers=headers)


def _render_preview(engine: Engine, cache: preview.PreviewCache, query: str) -> preview.Preview:
    body = engine.analyze_query(query)[1]
    canonical = engine.seen(query) or query
    item = cache.get(canonical)
    if item is None:
        analysis = json.loads(body)
        item = cache.put(canonical, preview.render_png(preview.preview_svg(analysis, _title(analysis))))
    return item


def split_embed(query: str) -> tuple[str, list[str]]:
    """The permalink query without its ``embed`` parameters, and their values.

    >>> split_embed("v=1&embed=bug_fixes&bug_fixes=0.3")
    ('v=1&bug_fixes=0.3', ['bug_fixes'])
    """
    kept, values = [], []
    for part in query.split("&"):
        name, _, value = part.partition("=")
        if unquote_plus(name) == "embed":
            values.append(unquote_plus(value))
        elif part:
            kept.append(part)
    return "&".join(kept), values


def _embed_error(request: Request, message: str, status: int = 400) -> HTMLResponse:
    response = render(request, "embed.html", error=message, full_url="/")
    response.status_code = status
    return response


@router.api_route("/embed", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False)
async def embed(request: Request, engine: EngineDep, query: QueryDep) -> HTMLResponse:
    """The compact, read-only view for an iframe (framable by any site)."""
    link_query, chosen = split_embed(query)
    if engine.cached(link_query) is not None:
        return embed_page(request, engine, link_query, chosen)
    return await engine.run(embed_page, request, engine, link_query, chosen)


def embed_page(request: Request, engine: Engine, link_query: str, chosen: list[str]) -> HTMLResponse:
    try:
        body = engine.analyze_query(link_query)[1]
    except TooCostlyError as exc:
        return _embed_error(request, f"This view would take too long to compute. {exc.sentence()}", 422)
    except StateError as exc:
        return _embed_error(request, f"This view's link could not be read: {exc.message}.")
    analysis = json.loads(body)
    category = None
    if len(chosen) > 1:
        return _embed_error(request, "`embed` names one category; the link has it more than once.")
    if chosen:
        category = next((c for c in analysis["categories"] if c["id"] == chosen[0]), None)
        if category is None:
            ids = ", ".join(c["id"] for c in analysis["categories"])
            shown = chosen[0][:40]
            return _embed_error(request, f"`embed` must be a category id ({ids}), got “{shown}”.")
    years = [y["year"] for y in analysis["years"]]
    return render(
        request,
        "embed.html",
        error=None,
        title=_title(analysis),
        summary=analysis["summary"],
        full_url=analysis["permalink"],
        bars_svg=Markup(
            drawing.svg(
                360,
                220,
                drawing.year_bars(analysis["years"], 360, 220, ranges=drawing.year_ranges(analysis)),
                label="Mean slope per year",
            )
        ),
        forecast_svg=Markup(
            drawing.svg(360, 220, drawing.forecast_chart(analysis, 360, 220), label="Forecast of the mean slope")
        ),
        has_bands=drawing.uncertainty_bands(analysis) is not None,
        category=category,
        category_svg=Markup(
            # The size of the other two, so it is drawn at their scale (embed.css).
            drawing.svg(
                360, 220, drawing.category_chart(category, years, 360, 220), label=f"{category['name']}: your marks"
            )
        )
        if category
        else None,
        year_keys=drawing.legend_items(years),
    )


OEMBED_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    422: TOO_COSTLY,
    404: {"description": "The URL is not a view of this site"},
    501: {"description": "A format other than json"},
}


def _host(parts: SplitResult) -> tuple[str, int | None]:
    """Host and port, the scheme's default port made explicit: ``example.org``
    and ``example.org:443`` over https are the same site.

    >>> _host(urlsplit("https://Example.org/?v=1")) == _host(urlsplit("https://example.org:443/"))
    True
    """
    try:
        port = parts.port
    except ValueError:  # a port that is not a number
        return ("", -1)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return ((parts.hostname or "").lower(), port or default)


def _limit(name: str, value: int | None, minimum: int) -> int | None:
    if value is not None and value < minimum:
        raise StateError(
            Problem(
                ("query", name),
                f"`{name}` must be at least {minimum} (the embed's narrowest layout), got {value}",
                value,
            )
        )
    return value


@router.get("/oembed", responses=OEMBED_ERRORS, tags=["previews"])
async def oembed(
    request: Request,
    engine: EngineDep,
    url: Annotated[
        str,
        Query(description="A permalink URL of this site (`/?...` or `/embed?...`)", json_schema_extra={"minLength": 1}),
    ],
    format: Annotated[str, Query(description="`json`, the only format served (any other: 501)")] = "json",
    # The minimums are documented here and checked below, with a message that says why.
    maxwidth: Annotated[
        int | None,
        Query(description="Largest width the consumer allows", json_schema_extra={"minimum": MIN_WIDTH}),
    ] = None,
    maxheight: Annotated[
        int | None,
        Query(description="Largest height the consumer allows", json_schema_extra={"minimum": MIN_HEIGHT}),
    ] = None,
) -> Response:
    """oEmbed 1.0 for a view: a `rich` answer whose `html` is an iframe of `/embed`."""
    if not url:
        raise StateError(Problem(("query", "url"), "`url` is required: the permalink URL of a view", None))
    if format != "json":
        raise HttpError.one(501, ("query", "format"), f"`format` {format!r} is not served; only json is", format)
    width = min(EMBED_WIDTH, _limit("maxwidth", maxwidth, MIN_WIDTH) or EMBED_WIDTH)
    base = public_base(request)
    site = urlsplit(base)
    target = urlsplit(url.strip())
    site_path = site.path.rstrip("/")
    if (
        target.scheme not in ("http", "https")
        or _host(target) != _host(site)
        or target.path not in (site_path + "/", site_path, site_path + "/embed")
    ):
        raise HttpError.one(404, ("query", "url"), f"`url` is not a view of this site ({base}/?...)", url)
    link_query, chosen = split_embed(target.query)
    analysis = json.loads((await engine.analyze_query_async(link_query))[1])
    if chosen and chosen[0] not in {c["id"] for c in analysis["categories"]}:
        raise StateError(Problem(("query", "url", "embed"), f"`embed` must be a category id, got {chosen[0]!r}", None))
    query = analysis["permalink"].partition("?")[2] + (f"&embed={chosen[0]}" if chosen else "")
    title = _title(analysis)
    src = f"{base}/embed?{query}"
    html, height = snippet(src, title, width, bool(chosen), _limit("maxheight", maxheight, MIN_HEIGHT))
    return JSONResponse(
        {
            "version": "1.0",
            "type": "rich",
            "provider_name": "scurve",
            "provider_url": base + "/",
            "title": title,
            "html": html,
            "width": width,
            "height": height,
            "thumbnail_url": preview_url(base, analysis["permalink"]),
            "thumbnail_width": preview.WIDTH,
            "thumbnail_height": preview.HEIGHT,
            "cache_age": 86400,
        }
    )
