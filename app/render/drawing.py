"""The aggregate charts as SVG markup drawn on the server: the year bars, the
forecast (with its bands where the view has ranges) and one category's curve
with its marks.

The preview image (app/render/preview.py) rasterises them and the embed page
(/embed) inlines them, so neither needs a browser script or Plotly. They
draw the analysis JSON exactly as /api/analyze returns it (the numbers come
from the model; nothing here computes one) and use presentation attributes
only, so any SVG renderer draws them the same. Colours follow the page's
(js/style.js, js/minicharts.js).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from .firstpaint import Y_MAX, curve_plot
from .fontmetrics import ellipsize, metrics

INK = "#1b2430"
MUTED = "#5b6675"
GRID = "#e8ecf1"
AXIS = "#c5cdd8"
THRESHOLD = "#b91c1c"
SPAN = "#f5b400"  # the super-critical span, at 16 % opacity as on the page
BAND = "#1f5fbf"  # the forecast's ranges
YEAR_COLORS = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#b0357a",
    "#6a4fb3",
    "#8c6d1f",
    "#0e7c8c",
    "#c0392b",
    "#4d5b6a",
    "#6b7f1a",
)

# Characters XML 1.0 does not allow (controls other than tab and newlines,
# lone surrogates, U+FFFE/U+FFFF): a title holding one must not break the drawing.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def text(value: str) -> str:
    """`value` safe as SVG (or HTML) text and attribute content.

    >>> text('<b title="x">&\\x00</b>')
    '&lt;b title=&quot;x&quot;&gt;&amp;&lt;/b&gt;'
    """
    return escape(_NOT_XML.sub("", value), quote=True)


def n(x: float) -> str:
    """A coordinate with at most one decimal."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def year_colors(years: Iterable[int]) -> dict[int, str]:
    """A colour per year, as the page's ``yearStyles`` picks it: 2024, 2025,
    2026 take the first three, other years follow by their distance from 2024,
    moving on to the next free colour on a clash.

    >>> year_colors([2024, 2025, 2026, 2034])
    {2024: '#0072b2', 2025: '#d55e00', 2026: '#009e73', 2034: '#b0357a'}
    """
    return {year: YEAR_COLORS[i] for year, i in year_slots(years).items()}


def year_slots(years: Iterable[int]) -> dict[int, int]:
    """Each year's style slot (its colour and marker shape)."""
    taken: set[int] = set()
    out = {}
    for year in years:
        i = (year - 2024) % 10
        while i in taken:
            i = (i + 1) % 10
        taken.add(i)
        out[year] = i
    return out


def nice_top(values: Iterable[float | None], headroom: float) -> float:
    """The top of a y axis: the largest value with headroom (at least 2),
    rounded up to a quarter, as the page's charts do."""
    top = max([2.0, *(v for v in values if v is not None and math.isfinite(v))])
    return math.ceil(top * headroom * 4) / 4


def ticks(top: float) -> list[float]:
    step = next((s for s in (0.25, 0.5, 1, 2, 5, 10, 20, 50) if top / s <= 5), 100)
    count = int(top / step + 1e-9)
    return [round(k * step, 2) for k in range(count + 1)]


def tick_text(v: float) -> str:
    return f"{v:g}"


class Box:
    """A plot area inside a chart of `width` x `height` with margins."""

    def __init__(self, width: float, height: float, left: float, right: float, top: float, bottom: float):
        self.width, self.height = width, height
        self.l, self.r, self.t, self.b = left, width - right, top, height - bottom

    def y(self, v: float, top: float) -> float:
        return self.b - (self.b - self.t) * v / top


def _frame(box: Box, top: float, y_title: str, size: float) -> list[str]:
    out = []
    for v in ticks(top):
        y = n(box.y(v, top))
        color = AXIS if v == 0 else GRID
        out.append(f'<line x1="{n(box.l)}" x2="{n(box.r)}" y1="{y}" y2="{y}" stroke="{color}" stroke-width="1"/>')
        out.append(
            f'<text x="{n(box.l - 6)}" y="{n(box.y(v, top) + size * 0.35)}" font-size="{n(size)}" '
            f'fill="{MUTED}" text-anchor="end">{tick_text(v)}</text>'
        )
    mid = (box.t + box.b) / 2
    out.append(
        f'<text transform="translate({n(size)} {n(mid)}) rotate(-90)" font-size="{n(size)}" fill="{MUTED}" '
        f'text-anchor="middle">{y_title}</text>'
    )
    return out


def _threshold(box: Box, top: float, size: float) -> list[str]:
    y = n(box.y(1, top))
    return [
        f'<line x1="{n(box.l)}" x2="{n(box.r)}" y1="{y}" y2="{y}" stroke="{THRESHOLD}" '
        f'stroke-width="{n(size / 8)}" stroke-dasharray="{n(size / 2.2)} {n(size / 2.8)}" class="threshold"/>'
    ]


def threshold_key(x: float, y: float, size: float) -> str:
    """A key to the threshold line, ending at `x` with its text's baseline at `y`."""
    label = "threshold 1"
    w = size * 5.6
    return (
        f'<line x1="{n(x - w - size * 2.4)}" x2="{n(x - w - size * 0.4)}" y1="{n(y - size * 0.35)}" '
        f'y2="{n(y - size * 0.35)}" stroke="{THRESHOLD}" stroke-width="{n(size / 8)}" '
        f'stroke-dasharray="{n(size / 2.2)} {n(size / 2.8)}"/>'
        f'<text x="{n(x)}" y="{n(y)}" font-size="{n(size)}" fill="{THRESHOLD}" text-anchor="end">{label}</text>'
    )


def year_ranges(analysis: dict[str, Any]) -> dict[int, list[float]]:
    """Each year's percentiles of the mean slope ``[p5, p25, p50, p75, p95]``
    when the analysis has an ``uncertainty`` block, else an empty dict."""
    block = analysis.get("uncertainty")
    rows = block.get("years") if isinstance(block, dict) else None
    out = {}
    for row in rows if isinstance(rows, list) else []:
        q = row.get("mean_slope") if isinstance(row, dict) else None
        if isinstance(q, list) and len(q) == 5 and all(isinstance(v, int | float) for v in q):
            out[row["year"]] = [float(v) for v in q]
    return out


def year_bars(
    years: Sequence[dict[str, Any]],
    width: float,
    height: float,
    size: float = 12,
    ranges: dict[int, list[float]] | None = None,
) -> str:
    """The mean slope of each year as a bar, against the threshold of 1, with
    a whisker from its 5th to 95th percentile (thicker from the 25th to the
    75th) where `ranges` has the year: the chart's elements, to go inside an
    ``<svg>`` of `width` x `height`."""
    ranges = ranges or {}
    box = Box(width, height, left=size * 3.4, right=size * 0.6, top=size * 1.6, bottom=size * 2)
    top = nice_top([*(y["mean_slope"] for y in years), *(q[4] for q in ranges.values())], 1.15)
    out = _frame(box, top, "mean slope", size)
    colors = year_colors(y["year"] for y in years)
    slot = (box.r - box.l) / max(1, len(years))
    bar_w = min(size * 5, slot * 0.6)
    base = box.y(0, top)
    m = metrics()
    # Ten years in a narrow chart: '17 for 2017, and every other label if still crowded.
    short = m.width("2024", size) > slot * 0.9
    every = 2 if short and m.width("’24", size) > slot * 0.9 else 1
    value_size = size if m.width("0.00", size) <= slot * 0.95 else size * 0.75
    for i, y in enumerate(years):
        cx = box.l + slot * (i + 0.5)
        value = y["mean_slope"]
        if value is not None:
            yv = box.y(value, top)
            out.append(
                f'<rect x="{n(cx - bar_w / 2)}" y="{n(yv)}" width="{n(bar_w)}" height="{n(base - yv)}" '
                f'rx="2" fill="{colors[y["year"]]}"/>'
            )
            label_y = yv
            q = ranges.get(y["year"])
            if q is not None:
                x = n(cx + bar_w / 2 + size * 0.5 if bar_w > size * 2.5 else cx)
                out.append(
                    f'<line x1="{x}" x2="{x}" y1="{n(box.y(q[0], top))}" y2="{n(box.y(q[4], top))}" '
                    f'stroke="{INK}" stroke-width="{n(size / 10)}" class="bar-range"/>'
                    f'<line x1="{x}" x2="{x}" y1="{n(box.y(q[1], top))}" y2="{n(box.y(q[3], top))}" '
                    f'stroke="{INK}" stroke-width="{n(size / 3.5)}"/>'
                )
                label_y = min(yv, box.y(q[4], top)) if x == n(cx) else yv
            out.append(
                f'<text x="{n(cx)}" y="{n(label_y - size * 0.35)}" font-size="{n(value_size)}" font-weight="bold" '
                f'fill="{INK}" text-anchor="middle">{value:.2f}</text>'
            )
        else:
            fits = m.width("no estimate", size * 0.9) <= slot * 0.95
            out.append(
                f'<text x="{n(cx)}" y="{n(base - size * 0.5)}" font-size="{n(size * 0.9)}" fill="{MUTED}" '
                f'text-anchor="middle">{"no estimate" if fits else "–"}</text>'
            )
        if i % every == (len(years) - 1) % every:  # the last year is always labelled
            label = f"’{y['year'] % 100:02d}" if short else str(y["year"])
            out.append(
                f'<text x="{n(cx)}" y="{n(height - size * 0.5)}" font-size="{n(size)}" fill="{MUTED}" '
                f'text-anchor="middle">{label}</text>'
            )
    out.extend(_threshold(box, top, size))
    return "".join(out)


def _runs(ts: Sequence[float], *series: Sequence[float | None]) -> list[list[int]]:
    """Indices where every series has a value, split where one has none."""
    runs: list[list[int]] = [[]]
    for i in range(len(ts)):
        if all(i < len(s) and s[i] is not None for s in series):
            runs[-1].append(i)
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if r]


def uncertainty_bands(analysis: dict[str, Any]) -> dict[str, list[float | None]] | None:
    """The forecast's percentiles of the mean slope (``p5`` ... ``p95``) when
    the analysis carries an ``uncertainty`` block (a view with ranges), else None."""
    block = analysis.get("uncertainty")
    forecast = block.get("forecast") if isinstance(block, dict) else None
    bands = forecast.get("mean_slope") if isinstance(forecast, dict) else None
    if not isinstance(bands, dict):
        return None
    t = analysis["forecast"]["t"]
    out = {k: bands[k] for k in ("p5", "p25", "p50", "p75", "p95") if isinstance(bands.get(k), list)}
    return out if out and all(len(v) == len(t) for v in out.values()) else None


def forecast_chart(analysis: dict[str, Any], width: float, height: float, size: float = 12) -> str:
    """The forecast of the mean slope: its line, the super-critical span
    shaded, the threshold, each year's mean as a dot in the year's colour and,
    where the view has ranges, the 5-95 and 25-75 percentile bands."""
    f = analysis["forecast"]
    ts: list[float] = f["t"]
    mean: list[float | None] = f["mean_slope"]
    bands = uncertainty_bands(analysis)
    years = analysis["years"]
    values = [*mean, *(y["mean_slope"] for y in years)]
    if bands:
        values += [v for k in ("p95", "p75") for v in bands.get(k, [])]
    top = nice_top(values, 1.12)
    box = Box(width, height, left=size * 3.4, right=size * 1.6, top=size * 1.2, bottom=size * 2)
    out = _frame(box, top, "mean slope", size)
    t0 = ts[0] if ts else years[0]["year"]
    t1 = max(ts[-1] if ts else t0, t0 + 1)

    def x(t: float) -> float:
        return box.l + (box.r - box.l) * (t - t0) / (t1 - t0)

    if f["supercritical_from"] is not None and f["supercritical_to"] is not None:
        a, b = x(f["supercritical_from"]), x(f["supercritical_to"])
        out.insert(
            0,
            f'<rect x="{n(a)}" y="{n(box.t)}" width="{n(max(0.0, b - a))}" height="{n(box.b - box.t)}" '
            f'fill="{SPAN}" fill-opacity="0.16"/>',
        )
    span = math.ceil(t1) - math.floor(t0)
    step = next((s for s in (1, 2, 5, 10, 20, 25, 50) if span / s <= (8 if width > 420 else 5)), 100)
    year = math.ceil(t0 / step) * step if step > 1 else math.ceil(t0)
    while year <= t1 + 1e-9:
        out.append(
            f'<text x="{n(x(year))}" y="{n(height - size * 0.5)}" font-size="{n(size)}" fill="{MUTED}" '
            f'text-anchor="middle">{year}</text>'
        )
        year += step
    if bands:
        for lo, hi, opacity in (("p5", "p95", 0.12), ("p25", "p75", 0.22)):
            if lo not in bands or hi not in bands:
                continue
            for run in _runs(ts, bands[lo], bands[hi]):
                upper = [f"{n(x(ts[i]))},{n(box.y(bands[hi][i] or 0.0, top))}" for i in run]
                lower = [f"{n(x(ts[i]))},{n(box.y(bands[lo][i] or 0.0, top))}" for i in reversed(run)]
                out.append(
                    f'<path d="M{"L".join(upper + lower)}Z" fill="{BAND}" fill-opacity="{opacity}" class="fc-band"/>'
                )
    out.extend(_threshold(box, top, size))
    for run in _runs(ts, mean):
        d = "L".join(f"{n(x(ts[i]))},{n(box.y(mean[i] or 0.0, top))}" for i in run)
        out.append(
            f'<path d="M{d}" fill="none" stroke="{INK}" stroke-width="{n(size / 4.4)}" '
            f'stroke-linejoin="round" class="fc-mean"/>'
        )
    colors = year_colors(y["year"] for y in years)
    for y in years:
        if y["mean_slope"] is not None and t0 <= y["year"] <= t1:
            out.append(
                f'<circle cx="{n(x(y["year"]))}" cy="{n(box.y(y["mean_slope"], top))}" r="{n(size / 2.6)}" '
                f'fill="{colors[y["year"]]}" stroke="#ffffff" stroke-width="{n(size / 8)}"/>'
            )
    return "".join(out)


# The marks' shapes on a category's chart, by year colour index, as on the page.
def _mark(shape: int, cx: float, cy: float, r: float, color: str) -> str:
    attrs = f'fill="{color}" stroke="#ffffff" stroke-width="1.5"'
    if shape == 1:
        return f'<rect x="{n(cx - r)}" y="{n(cy - r)}" width="{n(2 * r)}" height="{n(2 * r)}" {attrs}/>'
    if shape == 2:
        pts = f"{n(cx)},{n(cy - r * 1.2)} {n(cx + r * 1.1)},{n(cy + r * 0.8)} {n(cx - r * 1.1)},{n(cy + r * 0.8)}"
        return f'<polygon points="{pts}" {attrs}/>'
    if shape == 3:
        pts = f"{n(cx)},{n(cy - r * 1.3)} {n(cx + r * 1.3)},{n(cy)} {n(cx)},{n(cy + r * 1.3)} {n(cx - r * 1.3)},{n(cy)}"
        return f'<polygon points="{pts}" {attrs}/>'
    return f'<circle cx="{n(cx)}" cy="{n(cy)}" r="{n(r)}" {attrs}/>'


def category_chart(
    category: dict[str, Any], years: Sequence[int], width: float, height: float, size: float = 12
) -> str:
    """One category's S-curve (the first-paint drawing of app/render/firstpaint.py,
    stretched to the plot area), its super-critical band, and a mark per year
    at the estimate's position, in the year's colour and shape."""
    c = category["curve"]
    plot = curve_plot(c["midpoint"], c["steepness"], c["ceiling"])
    box = Box(width, height, left=size * 3.4, right=size * 0.8, top=size * 0.8, bottom=size * 3)
    pw, ph = box.r - box.l, box.b - box.t
    inner = [f'<svg x="{n(box.l)}" y="{n(box.t)}" width="{n(pw)}" height="{n(ph)}" viewBox="0 0 1000 1050" ']
    inner.append('preserveAspectRatio="none" overflow="visible">')
    if plot.band:
        inner.append(
            f'<rect x="{n(plot.band[0])}" y="0" width="{n(plot.band[1] - plot.band[0])}" height="1050" '
            f'fill="{SPAN}" fill-opacity="0.16"/>'
        )
    stroke = 'vector-effect="non-scaling-stroke" fill="none"'
    for xt, _, _ in plot.x_ticks:
        inner.append(f'<line x1="{n(xt)}" x2="{n(xt)}" y1="0" y2="1050" stroke="{GRID}" {stroke}/>')
    for yt, _, _ in plot.y_ticks:
        inner.append(f'<line x1="0" x2="1000" y1="{n(yt)}" y2="{n(yt)}" stroke="{GRID}" {stroke}/>')
    inner.append(f'<path d="{plot.curve_d}" stroke="{INK}" stroke-width="2" {stroke}/>')
    if plot.hot_d:
        inner.append(f'<path d="{plot.hot_d}" stroke="#d97706" stroke-width="3.5" {stroke}/>')
    inner.append("</svg>")
    out = inner
    if plot.band:
        out.append(
            f'<text x="{n(box.l + pw * plot.band_label_pct / 100)}" y="{n(box.t + size * 1.1)}" '
            f'font-size="{n(size * 0.9)}" fill="#7a5a00" text-anchor="middle">super-critical</text>'
        )
    for xt, pct, label in plot.x_ticks:
        del xt
        out.append(
            f'<text x="{n(box.l + pw * pct / 100)}" y="{n(box.b + size * 1.2)}" font-size="{n(size)}" '
            f'fill="{MUTED}" text-anchor="middle">{label}</text>'
        )
    for _, pct, label in plot.y_ticks:
        out.append(
            f'<text x="{n(box.l - 5)}" y="{n(box.t + ph * pct / 100 + size * 0.35)}" font-size="{n(size)}" '
            f'fill="{MUTED}" text-anchor="end">{label}</text>'
        )
    out.append(
        f'<text x="{n(box.l + pw / 2)}" y="{n(height - size * 0.4)}" font-size="{n(size)}" fill="{MUTED}" '
        f'text-anchor="middle">capability at the task</text>'
    )
    out.append(
        f'<text transform="translate({n(size)} {n(box.t + ph / 2)}) rotate(-90)" font-size="{n(size)}" '
        f'fill="{MUTED}" text-anchor="middle">uplift</text>'
    )
    slots = year_slots(years)
    for p in category["points"]:
        cx = box.l + pw * p["position"]
        cy = box.t + ph * (Y_MAX - p["uplift"]) / Y_MAX
        slot = slots[p["year"]]
        out.append(_mark(slot % 4, cx, cy, size * 0.5, YEAR_COLORS[slot]))
    return "".join(out)


def legend_items(years: Sequence[int]) -> list[tuple[int, str]]:
    """Each year with a small SVG of its mark (colour and shape), for a key."""
    slots = year_slots(years)
    return [
        (
            y,
            f'<svg viewBox="0 0 14 14" width="12" height="12" aria-hidden="true">'
            f"{_mark(slots[y] % 4, 7, 7, 5, YEAR_COLORS[slots[y]])}</svg>",
        )
        for y in years
    ]


def svg(width: float, height: float, body: str, *, label: str = "", css_class: str = "") -> str:
    """An ``<svg>`` element of `width` x `height` around `body`, scaling with its box."""
    cls = f' class="{css_class}"' if css_class else ""
    role = f' role="img" aria-label="{text(label)}"' if label else ' aria-hidden="true"'
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n(width)} {n(height)}"{cls}{role}>{body}</svg>'


def fit_title(value: str, size: float, width: float) -> str:
    return text(ellipsize(value, size, width, bold=True))
