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

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import least_squares  # type: ignore[import-untyped]

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
        # math, not numpy: this runs four times per category on scalars.
        return self.t_mean + (math.log(x) - math.log1p(-x) - self.a) / self.rate


@dataclass(frozen=True)
class Trajectory:
    """What a fit says about one category (SPEC section 3)."""

    rate: float
    rmse: float
    midpoint_year: float | None
    peak_year: float | None
    supercritical_from: float | None
    supercritical_to: float | None


def fit_many(years: NDArray[np.float64], positions: NDArray[np.float64]) -> list[Fit | None]:
    """Fit every row of ``positions`` (categories x years, NaN for no estimate) at once.

    Rows with fewer than two estimated years give ``None``.

    >>> t = np.array([2024.0, 2025.0, 2026.0])
    >>> x = sigmoid(-1.0 + 0.6 * (t - 2025.0))
    >>> f = fit_many(t, x[None, :])[0]
    >>> round(f.a, 6), round(f.rate, 6)
    (-1.0, 0.6)
    """
    years = np.asarray(years, dtype=float)
    positions = np.atleast_2d(np.asarray(positions, dtype=float))
    has = ~np.isnan(positions)
    counts = has.sum(axis=1)
    idx = np.flatnonzero(counts >= 2)
    out: list[Fit | None] = [None] * positions.shape[0]
    if idx.size == 0:
        return out
    mask = has[idx]
    cnt = counts[idx]
    x = np.clip(np.where(mask, positions[idx], 0.5), *CLIP)
    tbar = (mask * years).sum(axis=1) / cnt
    dt = np.where(mask, years - tbar[:, None], 0.0)
    lx = np.where(mask, logit(x), 0.0)
    lmean = lx.sum(axis=1) / cnt
    r0 = (dt * np.where(mask, lx - lmean[:, None], 0.0)).sum(axis=1) / (dt * dt).sum(axis=1)
    n = idx.size
    p0 = np.empty(2 * n)
    p0[0::2] = np.clip(lmean, *A_BOUNDS)
    p0[1::2] = np.clip(r0, *R_BOUNDS)
    # Flatten the estimated points; `own` says which category each belongs to.
    own = np.nonzero(mask)[0]
    dt_all = dt[mask]
    x_all = x[mask]
    rows = np.arange(dt_all.size)
    col_a = 2 * own
    col_r = col_a + 1

    def residuals(p: NDArray[np.float64]) -> NDArray[np.float64]:
        out: NDArray[np.float64] = sigmoid(p[col_a] + p[col_r] * dt_all) - x_all
        return out

    def jacobian(p: NDArray[np.float64]) -> NDArray[np.float64]:
        s = sigmoid(p[col_a] + p[col_r] * dt_all)
        ds = s * (1.0 - s)
        jac = np.zeros((dt_all.size, 2 * n))
        jac[rows, col_a] = ds
        jac[rows, col_r] = ds * dt_all
        return jac

    if np.max(np.abs(residuals(p0))) < 1e-12:
        p = p0  # the straight-line start is already exact (noise-free or flat data)
    else:
        lower = np.tile([A_BOUNDS[0], R_BOUNDS[0]], n)
        upper = np.tile([A_BOUNDS[1], R_BOUNDS[1]], n)
        p = least_squares(
            residuals,
            p0,
            jac=jacobian,
            bounds=(lower, upper),
            method="trf",
            x_scale="jac",
            ftol=1e-12,
            xtol=1e-12,
            gtol=1e-12,
            max_nfev=200,
        ).x
    sq = np.zeros(n)
    np.add.at(sq, own, residuals(p) ** 2)
    rmse = np.sqrt(sq / cnt).tolist()
    # Plain Python floats from here: cheaper to read than numpy scalars.
    pl, tl = p.tolist(), tbar.tolist()
    for j, i in enumerate(idx.tolist()):
        rate = pl[2 * j + 1]
        out[i] = Fit(a=pl[2 * j], rate=0.0 if abs(rate) < 1e-9 else rate, t_mean=tl[j], rmse=rmse[j])
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
    steps = round((end - first_year) / GRID_STEP)
    return first_year + GRID_STEP * np.arange(steps + 1, dtype=float)
