"""The forecast of one state: its categories along their paths on a
quarter-year grid to the horizon, the mean slope, and AI's help ``U(t)``
against its potential, with its gain, the feedback's speed-up and the years
of its milestones (:mod:`scurve.paths` holds the formulas).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .paths import make_paths
from .trajectory import Fit, grid

#: A forecast whose mean slope varies by less than this over the grid has no peak.
FLAT = 1e-6
#: A gain that varies by less than this over the grid has no peak.
FLAT_GAIN = 1e-9

Array = NDArray[np.float64]


@dataclass(frozen=True)
class CategoryForecast:
    position: tuple[float, ...] | None
    slope: tuple[float, ...] | None
    uplift: tuple[float, ...] | None
    # w·u / Σw: this category's part of mean_uplift (the parts add up to it);
    # None for a category without estimates or when every weight is 0.
    share: tuple[float, ...] | None = None


@dataclass(frozen=True)
class Milestone:
    """When AI's help first reaches ``share`` of its potential.

    ``year`` is the first time in the forecast's span with
    ``U(t) >= share * potential`` (on the continuous path, to 0.001 year),
    ``None`` when it is not reached by the forecast's end; ``already`` when
    it holds at the grid's start (``year`` is then the start).
    """

    share: float
    year: float | None
    already: bool


@dataclass(frozen=True)
class Forecast:
    """The state's paths on a quarter-year grid to the horizon."""

    t: tuple[float, ...]
    mean_slope: tuple[float | None, ...]
    total_slope: tuple[float, ...]
    peak_year: float | None
    peak_at_edge: bool
    supercritical_from: float | None
    supercritical_to: float | None
    categories: Mapping[str, CategoryForecast]
    mean_uplift: tuple[float | None, ...]
    #: U_max = Σ w L / Σ w over the categories with an estimate; None without weight.
    potential: float | None
    #: dU/dt per year on the grid; None entries without weight.
    gain: tuple[float | None, ...]
    #: The grid point of the largest gain (the first on ties); None for a flat gain.
    gain_peak_year: float | None
    #: The feedback factor g(t) on the grid: 1 before the last year and without feedback.
    speedup: tuple[float, ...]
    milestones: tuple[Milestone, ...]


def first_estimated_year(years: Sequence[int], has: NDArray[np.bool_]) -> int:
    """The grid's start: the first year any category is estimated (else the first year)."""
    estimated: list[bool] = np.asarray(has.any(axis=0)).tolist()
    return next((y for y, e in zip(years, estimated, strict=True) if e), years[0])


def milestones_of(shares: Sequence[float], years: Sequence[float], start: float) -> tuple[Milestone, ...]:
    """Milestones from their years (NaN: not reached) and the grid's start."""
    return tuple(
        Milestone(share=q, year=None if math.isnan(y) else y, already=(not math.isnan(y)) and y == start)
        for q, y in zip(shares, years, strict=True)
    )


def point_forecast(
    ids: Sequence[str],
    years: Sequence[int],
    horizon: int,
    pos: Array,
    has: NDArray[np.bool_],
    fits: Sequence[Fit | None],
    kml: tuple[Array, Array, Array],
    w: Array,
    *,
    feedback: float,
    lag: float,
    shares: Sequence[float],
) -> Forecast:
    """The forecast of one state from its positions (n, m), fits and curves ``kml`` (each (n,))."""
    t = grid(first_estimated_year(years, has), years[-1], horizon)
    n = len(ids)
    a, r, tm, x0 = np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n)
    fitted = np.zeros(n, dtype=bool)
    for i, fit in enumerate(fits):
        if fit is not None:
            a[i], r[i], tm[i], fitted[i] = fit.a, fit.rate, fit.t_mean, True
        elif has[i].any():
            x0[i] = pos[i, has[i]][0]
    active = np.asarray(has.any(axis=1), dtype=bool)
    k, mid, ceil = kml
    paths = make_paths(
        t, a[None], r[None], tm, fitted, x0[None], active, k, mid, ceil, w,
        feedback=feedback, lag=lag, t0=float(years[-1]), one_state=True,
    )  # fmt: skip
    xs = paths.positions()
    gm = paths.measures(xs)
    weighted = paths.weighted
    mean = gm.mean_slope[0] if weighted else None
    wa = np.where(active, w, 0.0)
    sl = gm.slope[0]
    total = (wa[:, None] * np.where(active[:, None], sl, 0.0)).sum(axis=0)
    peak_year, peak_at_edge, sc_from, sc_to = _peak_and_span(t, mean)
    up = ceil[:, None] * gm.sigma[0]
    xs_l, sl_l, up_l = xs[0].tolist(), sl.tolist(), up.tolist()
    share_l = (paths.wn[:, None] * up).tolist() if weighted else None
    act = active.tolist()
    cat_fc = {
        cid: CategoryForecast(
            position=tuple(xs_l[i]) if act[i] else None,
            slope=tuple(sl_l[i]) if act[i] else None,
            uplift=tuple(up_l[i]) if act[i] else None,
            share=tuple(share_l[i]) if act[i] and share_l is not None else None,
        )
        for i, cid in enumerate(ids)
    }
    none_row: tuple[float | None, ...] = (None,) * t.size
    gain = gm.gain[0]
    reached = paths.milestones(gm.uplift, shares)[0].tolist() if weighted else [math.nan] * len(shares)
    return Forecast(
        t=tuple(t.tolist()),
        mean_slope=tuple(mean.tolist()) if mean is not None else none_row,
        total_slope=tuple(total.tolist()),
        peak_year=peak_year,
        peak_at_edge=peak_at_edge,
        supercritical_from=sc_from,
        supercritical_to=sc_to,
        categories=cat_fc,
        mean_uplift=tuple(gm.uplift[0].tolist()) if weighted else none_row,
        potential=paths.potential if weighted else None,
        gain=tuple(gain.tolist()) if weighted else none_row,
        gain_peak_year=float(t[int(np.argmax(gain))]) if weighted and np.ptp(gain) >= FLAT_GAIN else None,
        speedup=tuple(paths.speedup()[0].tolist()),
        milestones=milestones_of(shares, reached, float(t[0])),
    )


def _peak_and_span(t: Array, mean: Array | None) -> tuple[float | None, bool, float | None, float | None]:
    """The mean slope's peak (none when flat), whether it is the grid's last
    point, and the first run above 1."""
    if mean is None:
        return None, False, None, None
    peak_year: float | None = None
    peak_at_edge = False
    sc_from = sc_to = None
    if float(mean.max() - mean.min()) >= FLAT:
        ipeak = int(np.argmax(mean))
        peak_year = float(t[ipeak])
        peak_at_edge = ipeak == t.size - 1
    above = mean > 1.0
    if above.any():
        i0 = int(np.argmax(above))
        run_end = i0
        while run_end + 1 < t.size and above[run_end + 1]:
            run_end += 1
        sc_from, sc_to = float(t[i0]), float(t[run_end])
    return peak_year, peak_at_edge, sc_from, sc_to
