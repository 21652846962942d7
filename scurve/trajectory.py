"""The fit of each category's position over time, and the forecast grid.

Each category with estimates in at least two years is fitted as::

    x(t) = sigma(a + r (t - t_bar))

with ``t_bar`` the mean of its estimated years, ``a`` in [-10, 10] and ``r``
in [-5, 5] per year, by least squares in position units on positions clipped
to [0.001, 0.999] (:mod:`scurve.fit` solves it for all categories at once).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .curve import Curve, band, sigmoid
from .fit import A_BOUNDS, CLIP, R_BOUNDS, fit_batch

__all__ = ["A_BOUNDS", "CLIP", "GRID_STEP", "RISING", "R_BOUNDS", "Fit", "Trajectory", "fit_many", "grid", "trajectory"]

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

    Rows with fewer than two estimated years give ``None``.  The least
    squares is :func:`scurve.fit.fit_batch`'s, the one solver every fit uses.

    >>> t = np.array([2024.0, 2025.0, 2026.0])
    >>> x = sigmoid(-1.0 + 0.6 * (t - 2025.0))
    >>> f = fit_many(t, x[None, :])[0]
    >>> round(f.a, 6), round(f.rate, 6)
    (-1.0, 0.6)
    """
    fb = fit_batch(years, np.atleast_2d(np.asarray(positions, dtype=float)))
    # Plain Python floats from here: cheaper to read than numpy scalars.
    a, r, tm, e, ok = fb.a.tolist(), fb.rate.tolist(), fb.t_mean.tolist(), fb.rmse.tolist(), fb.fitted.tolist()
    return [Fit(a=a[i], rate=r[i], t_mean=tm[i], rmse=e[i]) if ok[i] else None for i in range(len(ok))]


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
