"""The /crowd page: the crowd's figures drawn on the server (SVG and tables,
no JavaScript needed), and the withdraw page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from ..crowd import aggregate
from ..crowd.store import Crowd
from ..engine import Engine
from .pages import render

# Geometry of a distribution chart (SVG user units).
LEFT, RIGHT, ROW, TOP = 46.0, 12.0, 40.0, 8.0
WIDTH = 360.0
PLOT_W = WIDTH - LEFT - RIGHT


@dataclass(frozen=True)
class Row:
    """One year of one distribution, ready to draw."""

    year: int
    n: int
    q: dict[str, float]
    y: float  # the row's top
    bars: tuple[tuple[float, float, float, float], ...]  # x, y, width, height
    dots: tuple[tuple[float, float], ...]
    box: dict[str, float]  # x of p10, p25, p50, p75, p90


def _x(value: float, hi: float) -> float:
    return round(LEFT + PLOT_W * min(max(value, 0.0), hi) / hi, 2)


def _row(
    i: int, year: int, n: int, q: dict[str, float], hist: tuple[int, ...], points: tuple[float, ...], hi: float
) -> Row:
    y = TOP + i * ROW
    peak = max(hist) if hist else 0
    bin_w = PLOT_W / len(hist) if hist else 0.0
    bars = tuple(
        (round(LEFT + k * bin_w, 2), round(y + 14 - 13 * c / peak, 2), round(bin_w - 0.6, 2), round(13 * c / peak, 2))
        for k, c in enumerate(hist)
        if c and peak
    )
    # A strip of the positions themselves when they are few, spread over the
    # row's height by a fixed pattern so equal positions stay visible.
    dots = tuple((_x(v, hi), round(y + 17 + (k * 7 % 11) * 1.4, 2)) for k, v in enumerate(points))
    box = {name: _x(q[name], hi) for name in ("p10", "p25", "p50", "p75", "p90")}
    return Row(year, n, q, y, bars, dots, box)


def category_rows(cells: list[aggregate.Cell]) -> list[Row]:
    return [_row(i, c.year, c.n, c.quantiles, c.hist, c.points, 1.0) for i, c in enumerate(cells)]


def slope_rows(years: list[dict[str, Any]], hists: dict[int, tuple[int, ...]]) -> list[Row]:
    hi = aggregate.SLOPE_EDGES[-1]
    return [_row(i, y["year"], y["n"], y["mean_slope"], hists.get(y["year"], ()), (), hi) for i, y in enumerate(years)]


def render_crowd(
    request: Request, engine: Engine, crowd: Crowd, since: date | None, until: date | None, problem: str | None
) -> HTMLResponse:
    answer, figs = crowd.page(since, until)
    by_cat: dict[int, list[aggregate.Cell]] = {}
    for c in figs.cells:
        by_cat.setdefault(c.category, []).append(c)
    categories = [
        {"id": cat.id, "name": cat.name, "group": cat.group, "rows": category_rows(by_cat.get(i, []))}
        for i, cat in enumerate(engine.catalog.categories)
    ]
    query = "&".join(f"{k}={v.isoformat()}" for k, v in (("since", since), ("until", until)) if v is not None)
    return render(
        request,
        "crowd.html",
        answer=answer,
        categories=categories,
        slope_rows=slope_rows(answer["years"], figs.slope_hists),
        first=crowd.first_added(since, until),
        since=since.isoformat() if since else "",
        until=until.isoformat() if until else "",
        problem=problem,
        csv_url="/api/crowd/export.csv" + ("?" + query if query else ""),
        geometry={"width": WIDTH, "left": LEFT, "right": WIDTH - RIGHT, "row": ROW, "top": TOP},
        x_of=_x,
    )


def render_withdraw(request: Request, result: str | None = None, status: int = 200) -> HTMLResponse:
    response = render(request, "crowd_withdraw.html", result=result)
    response.status_code = status
    return response
