"""What moves the verdict: each last-year estimate moved to the ends of its
range, one at a time, everything else as stated.

For every category estimated in the state's last year, its estimate there
goes to the ends of its 90% range (without a range, ``x - 0.05`` and
``x + 0.05`` clipped to [0.001, 0.999]); its trajectory is refitted and the
state's forecast recomputed.  Two measures come back at each end: the last
year's mean slope, and the year of the first milestone of the forecast (the
first share of ``milestones``).  The list is sorted by how far the mean
slope moves, ``|mean_slope[1] - mean_slope[0]|``, largest first, ties in
category order.

Every moved state is a row of one batch: the refits are one
:func:`scurve.fit.fit_batch` call and the forecasts one set of
:class:`scurve.paths.Paths`, so the cost grows with the number of
categories, not more.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .curve import curve_slope
from .fit import fit_batch
from .forecast import first_estimated_year
from .paths import make_paths
from .state import round3
from .trajectory import Fit, grid

Array = NDArray[np.float64]

#: How far an estimate without a range is moved each way.
NUDGE = 0.05
NUDGE_CLIP = (0.001, 0.999)


@dataclass(frozen=True)
class Sensitivity:
    """One category's last-year estimate moved to ``low_x`` and to ``high_x``."""

    id: str
    low_x: float
    high_x: float
    #: The last year's mean slope with the estimate at low_x and at high_x.
    mean_slope: tuple[float | None, float | None]
    #: The year of the forecast's first milestone at low_x and at high_x (None: not reached).
    milestone: tuple[float | None, float | None]


def ends(x: float, rng: tuple[float, float] | None) -> tuple[float, float]:
    """Where an estimate is moved: its range's ends, else ``x -+ 0.05`` clipped.

    >>> ends(0.55, None), ends(0.02, None), ends(0.5, (0.3, 0.6))
    ((0.5, 0.6), (0.001, 0.07), (0.3, 0.6))
    """
    if rng is not None:
        return rng
    lo, hi = NUDGE_CLIP
    return (min(max(round3(x - NUDGE), lo), hi), min(max(round3(x + NUDGE), lo), hi))


def sensitivity(
    ids: Sequence[str],
    years: Sequence[int],
    horizon: int,
    pos: Array,
    fits: Sequence[Fit | None],
    kml: tuple[Array, Array, Array],
    w: Array,
    ranges: Mapping[str, Mapping[int, tuple[float, float]]],
    *,
    feedback: float,
    lag: float,
    first_share: float,
) -> tuple[Sensitivity, ...] | None:
    """The sensitivity of a state: ``None`` when no category is estimated in its last year.

    ``pos`` is (n, m) with NaN for no estimate, ``fits`` the state's own
    trajectory fits, ``kml`` its curves as three (n,) arrays.
    """
    has = ~np.isnan(pos)
    moved = np.flatnonzero(has[:, -1])
    if moved.size == 0:
        return None
    last = years[-1]
    k, mid, ceil = kml
    bounds = [ends(float(pos[i, -1]), ranges.get(ids[i], {}).get(last)) for i in moved.tolist()]
    # Row 2j is category moved[j] at its low end, row 2j + 1 at its high end.
    who = np.repeat(moved, 2)
    to = np.array([v for pair in bounds for v in pair])
    rows = np.arange(who.size)

    # The last year's mean slope of every moved state.
    s_last = np.where(has[:, -1], curve_slope(np.nan_to_num(pos[:, -1]), k, mid, ceil), 0.0)
    w_last = np.where(has[:, -1], w, 0.0)
    wsum = float(w_last.sum())
    s_rows = np.broadcast_to(s_last, (who.size, s_last.size)).copy()
    s_rows[rows, who] = curve_slope(to, k[who], mid[who], ceil[who])
    means = (s_rows @ w_last / wsum).tolist() if wsum > 0 else [None] * who.size

    # The forecast's first milestone of every moved state: refit the moved rows.
    n = len(ids)
    a = np.array([f.a if f else 0.0 for f in fits])
    r = np.array([f.rate if f else 0.0 for f in fits])
    tm = np.array([f.t_mean if f else 0.0 for f in fits])
    fitted = np.array([f is not None for f in fits])
    x0 = np.array([pos[i, has[i]][0] if has[i].any() else 0.0 for i in range(n)])
    a_b, r_b, x0_b = (np.broadcast_to(v, (who.size, n)).copy() for v in (a, r, x0))
    refit = fitted[who]
    if refit.any():
        new_pos = pos[who[refit]].copy()
        new_pos[:, -1] = to[refit]
        fb = fit_batch(np.asarray(years, dtype=float), new_pos, rmse=False)
        a_b[rows[refit], who[refit]] = fb.a
        r_b[rows[refit], who[refit]] = fb.rate
    x0_b[rows[~refit], who[~refit]] = to[~refit]
    t = grid(first_estimated_year(years, has), last, horizon)
    paths = make_paths(
        t, a_b, r_b, tm, fitted, x0_b, np.asarray(has.any(axis=1), dtype=bool), k, mid, ceil, w,
        feedback=feedback, lag=lag, t0=float(last), until=first_share,
    )  # fmt: skip
    if paths.weighted:
        reached = paths.milestones(paths.measures(paths.positions()).uplift, [first_share])[:, 0]
        mile: list[float | None] = [None if np.isnan(v) else v for v in reached.tolist()]
    else:
        mile = [None] * who.size

    out = [
        Sensitivity(
            id=ids[i],
            low_x=bounds[j][0],
            high_x=bounds[j][1],
            mean_slope=(means[2 * j], means[2 * j + 1]),
            milestone=(mile[2 * j], mile[2 * j + 1]),
        )
        for j, i in enumerate(moved.tolist())
    ]
    # |mean_slope[1] - mean_slope[0]| is w |s(high) - s(low)| / sum w: computed
    # so, equal swings are equal to the bit, and sorted() being stable keeps
    # ties in category order.
    swing = (
        np.abs(s_rows[1::2, moved] - s_rows[0::2, moved]).diagonal() * w[moved] if wsum > 0 else np.zeros(moved.size)
    )
    order = sorted(range(moved.size), key=lambda j: -float(swing[j]))
    return tuple(out[j] for j in order)
