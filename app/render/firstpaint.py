"""The estimator's charts as the server draws them, for the first paint.

Plotly takes about a second to start on a first visit to a modest machine
(its 4.8 MB are compiled and run before it can draw anything), so the page
does not wait for it: each card arrives with its chart already drawn as
plain SVG, from the same curve samples the page uses, and the markers are
placed over it as soon as the page's script runs. When Plotly is ready it
draws the same figure (js/chart.js) and this drawing is removed. The two
share the plot area, the axis ranges and the colours, so nothing moves.

Drawing units: x in thousandths of the capability axis, y in thousandths of
uplift from the top of the axis (``Y_MAX``); the SVG stretches to the plot
area and keeps its strokes at their pixel width.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from scurve.curve import Curve, band, sample

Y_MAX = 1.05  # the top of the uplift axis, as in js/chart.js
X_TICKS = ((0.0, "0"), (0.25, "0.25"), (0.5, "0.5"), (0.75, "0.75"), (1.0, "1"))
Y_TICKS = ((0.0, "0"), (0.5, "0.5"), (1.0, "1"))


@dataclass(frozen=True)
class StaticPlot:
    """What the first-paint chart of one category draws (see the module doc)."""

    curve_d: str
    hot_d: str  # the super-critical part of the curve ("" when there is none)
    band: tuple[float, float] | None  # in drawing units
    band_label_pct: float  # where "super-critical" is centred, in % of the width
    midpoint_x: float
    x_ticks: tuple[tuple[float, float, str], ...]  # (drawing x, % of the width, label)
    y_ticks: tuple[tuple[float, float, str], ...]  # (drawing y, % of the height, label)


def _px(x: float) -> str:
    return f"{x * 1000:.1f}".rstrip("0").rstrip(".")


def _py(u: float) -> str:
    return f"{(Y_MAX - u) * 1000:.1f}".rstrip("0").rstrip(".")


def _path(xs: Sequence[float], us: Sequence[float]) -> str:
    return "M" + "L".join(f"{_px(x)},{_py(u)}" for x, u in zip(xs, us, strict=True)) if xs else ""


def static_plot(
    xs: Sequence[float], uplift: Sequence[float], band: Sequence[float] | None, midpoint: float
) -> StaticPlot:
    """The first-paint drawing of a curve from its samples.

    >>> p = static_plot([0.0, 0.5, 1.0], [0.0, 0.5, 1.0], (0.25, 0.75), 0.5)
    >>> p.curve_d, p.hot_d, p.band, p.band_label_pct
    ('M0,1050L500,550L1000,50', 'M500,550', (250.0, 750.0), 50.0)
    >>> [(y, round(pct, 2), label) for y, pct, label in p.y_ticks]
    [(1050.0, 100.0, '0'), (550.0, 52.38, '0.5'), (50.0, 4.76, '1')]
    """
    hot_x: list[float] = []
    hot_u: list[float] = []
    if band is not None:
        lo, hi = band
        for x, u in zip(xs, uplift, strict=True):
            if lo <= x <= hi:
                hot_x.append(x)
                hot_u.append(u)
    return StaticPlot(
        curve_d=_path(xs, uplift),
        hot_d=_path(hot_x, hot_u),
        band=None if band is None else (band[0] * 1000, band[1] * 1000),
        band_label_pct=0.0 if band is None else (band[0] + band[1]) * 50,
        midpoint_x=midpoint * 1000,
        x_ticks=tuple((x * 1000, x * 100, label) for x, label in X_TICKS),
        y_ticks=tuple((round((Y_MAX - u) * 1000, 1), (Y_MAX - u) / Y_MAX * 100, label) for u, label in Y_TICKS),
    )


# Points of the drawn curve. Between two of 101 even samples the chord
# strays from a curve of steepness 10 by about 1e-4 of the axis, a fiftieth
# of a pixel; 101 keep the page lighter than the page data's 201.
POINTS = 101


@lru_cache(maxsize=256)
def curve_plot(midpoint: float, steepness: float, ceiling: float) -> StaticPlot:
    """The drawing of a curve shape, cached: most pages show the default shapes.

    >>> [round(edge, 1) for edge in curve_plot(0.5, 10, 1).band]
    [293.7, 706.3]
    """
    curve = Curve(midpoint, steepness, ceiling)
    s = sample(curve, POINTS)
    return static_plot(s.x, s.uplift, band(curve), midpoint)
