"""The fit of each category's position over time, and the forecast grid.

Each category with estimates in at least two years is fitted as::

    x(t) = sigma(a + r (t - t_bar))

with ``t_bar`` the mean of its estimated years, ``a`` in [-10, 10] and ``r``
in [-5, 5] per year, by least squares in position units on positions clipped
to [0.001, 0.999].  All categories are fitted together as one stacked,
block-diagonal problem: one call to :func:`scipy.optimize.least_squares`
instead of ten, which is several times faster and gives the same optimum
because the blocks do not interact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import least_squares

from .curve import Curve, band, logit, sigmoid

A_BOUNDS = (-10.0, 10.0)
R_BOUNDS = (-5.0, 5.0)
CLIP = (0.001, 0.999)
RISING = 0.01
GRID_STEP = 0.25


@dataclass(frozen=True)
class Fit:
    """Fitted ``x(t) = sigma(a + rate (t - t_mean))`` for one category."""

    a: float
    rate: float
    t_mean: float
    rmse: float

    def position(self, t: NDArray[np.float64]) -> NDArray[np.float64]:
        return sigmoid(self.a + self.rate * (t - self.t_mean))

    def year_at(self, x: float) -> float | None:
        """Decimal year where the fitted position equals ``x``, for a rising fit."""
        if self.rate < RISING:
            return None
        x = min(max(x, CLIP[0]), CLIP[1])
        return float(self.t_mean + (float(logit(x)) - self.a) / self.rate)


@dataclass(frozen=True)
class Trajectory:
    """What a fit says about one category (SPEC section 3)."""

    rate: float
    rmse: float
    midpoint_year: float | None
    peak_year: float | None
    supercritical_from: float | None
    supercritical_to: float | None


def fit_many(series: Sequence[tuple[NDArray[np.float64], NDArray[np.float64]]]) -> list[Fit | None]:
    """Fit every ``(years, positions)`` series at once.

    Series with fewer than two distinct years give ``None``.

    >>> t = np.array([2024.0, 2025.0, 2026.0])
    >>> x = sigmoid(-1.0 + 0.6 * (t - 2025.0))
    >>> f = fit_many([(t, x)])[0]
    >>> round(f.a, 6), round(f.rate, 6)
    (-1.0, 0.6)
    """
    idx = [i for i, (t, _) in enumerate(series) if np.unique(t).size >= 2]
    out: list[Fit | None] = [None] * len(series)
    if not idx:
        return out
    ts, xs, tbars, owner, starts = [], [], [], [], []
    for j, i in enumerate(idx):
        t, x = series[i]
        t = np.asarray(t, dtype=float)
        x = np.clip(np.asarray(x, dtype=float), *CLIP)
        tbar = float(t.mean())
        dt = t - tbar
        lx = logit(x)
        r0 = float((dt * (lx - lx.mean())).sum() / (dt * dt).sum())
        a0 = float(lx.mean())
        starts += [min(max(a0, A_BOUNDS[0]), A_BOUNDS[1]), min(max(r0, R_BOUNDS[0]), R_BOUNDS[1])]
        ts.append(dt)
        xs.append(x)
        tbars.append(tbar)
        owner.append(np.full(t.size, j))
    dt_all = np.concatenate(ts)
    x_all = np.concatenate(xs)
    own = np.concatenate(owner)
    n = len(idx)
    rows = np.arange(dt_all.size)

    def residuals(p: NDArray[np.float64]) -> NDArray[np.float64]:
        return sigmoid(p[2 * own] + p[2 * own + 1] * dt_all) - x_all

    def jacobian(p: NDArray[np.float64]) -> NDArray[np.float64]:
        s = sigmoid(p[2 * own] + p[2 * own + 1] * dt_all)
        ds = s * (1.0 - s)
        jac = np.zeros((dt_all.size, 2 * n))
        jac[rows, 2 * own] = ds
        jac[rows, 2 * own + 1] = ds * dt_all
        return jac

    lower = np.tile([A_BOUNDS[0], R_BOUNDS[0]], n)
    upper = np.tile([A_BOUNDS[1], R_BOUNDS[1]], n)
    p0 = np.asarray(starts)
    res0 = residuals(p0)
    if np.max(np.abs(res0)) < 1e-12:
        p = p0  # the straight-line start is already exact (noise-free or flat data)
    else:
        p = least_squares(residuals, p0, jac=jacobian, bounds=(lower, upper), method="trf",
                          x_scale="jac", ftol=1e-12, xtol=1e-12, gtol=1e-12, max_nfev=200).x
    res = residuals(p)
    for j, i in enumerate(idx):
        mine = res[own == j]
        rate = float(p[2 * j + 1])
        out[i] = Fit(a=float(p[2 * j]), rate=0.0 if abs(rate) < 1e-9 else rate,
                     t_mean=tbars[j], rmse=float(np.sqrt(np.mean(mine * mine))))
    return out


def trajectory(fit: Fit, curve: Curve) -> Trajectory:
    """Derived years of a fit: where x = 0.5, where x = m (peak slope), and
    where x crosses the super-critical band.  Null for a fit that is not
    rising (rate < 0.01); the band crossings are also null when the curve can
    never be super-critical.
    """
    b = band(curve)
    return Trajectory(
        rate=fit.rate,
        rmse=fit.rmse,
        midpoint_year=fit.year_at(0.5),
        peak_year=fit.year_at(curve.midpoint),
        supercritical_from=fit.year_at(b[0]) if b else None,
        supercritical_to=fit.year_at(b[1]) if b else None,
    )


def grid(first_year: int, last_year: int, horizon: int) -> NDArray[np.float64]:
    """Forecast times from ``first_year`` to ``max(horizon, last_year)`` in quarter years.

    >>> grid(2024, 2026, 2030).size
    25
    """
    end = max(horizon, last_year)
    steps = int(round((end - first_year) / GRID_STEP))
    return first_year + GRID_STEP * np.arange(steps + 1, dtype=float)
