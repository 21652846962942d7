"""The forecast's paths for a batch of states: positions on the grid, the
progress ``U(t)`` in continuous time, its gain and its milestones.

One implementation for the single state (a batch of one), the Monte Carlo
draws and the sensitivity's moved estimates.  A fitted category follows
``x_i(t) = sigma(a_i + r_i (t - t_bar_i))`` up to ``t0`` (the state's last
year) and, with feedback, ``sigma(z_i(t0) + r_i S(t))`` after it
(:mod:`scurve.feedback`); a category estimated once stays at its estimate.
Over the categories with an estimate, with weights ``w``::

    U(t) = sum w_i L_i sigma(k_i (x_i - m_i)) / sum w_i        (AI's help)
    U_max = sum w_i L_i / sum w_i                              (its potential)
    dU/dt = sum w_i L_i k_i s_i (1 - s_i) x_i (1 - x_i) r_i g(t) / sum w_i

with ``s_i = sigma(k_i (x_i - m_i))`` and ``g`` the feedback factor (1 without
feedback and before ``t0``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from .curve import curve_sigma, sigmoid
from .feedback import STEP, Pace, Uplift, integrate, integrate_one

Array = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

#: Steps of the Illinois method that narrow a milestone's bracket: from a
#: quarter year it converges to far below 0.001 year on these smooth paths.
REFINE = 6


@dataclass(frozen=True)
class GridMeasures:
    """The forecast on the grid, for a batch: per category (B, n, G), aggregates (B, G)."""

    sigma: Array  # sigma(k (x - m)): uplift / ceiling
    slope: Array  # k L sigma (1 - sigma)
    mean_slope: Array  # sum w s / sum w
    uplift: Array  # U(t), the mean uplift
    gain: Array  # dU/dt


@dataclass(frozen=True)
class Paths:
    """The paths of a batch of ``B`` states of ``n`` categories on the grid ``t``."""

    t: Array  # (G,)
    t0: float
    a: Array  # (B, n); 0 where not fitted
    r: Array  # (B, n); 0 where not fitted
    tm: Array  # (n,)
    fitted: BoolArray  # (n,)
    active: BoolArray  # (n,) categories with an estimate: they count in the aggregates
    xc: Array  # (B, n) where the categories without a trajectory stay
    k: Array  # (n,)
    mid: Array  # (n,)
    ceil: Array  # (n,)
    wn: Array  # (n,) w / sum w over the active categories (0 elsewhere, and all 0 without weight)
    up: Uplift
    pace: Pace | None  # None: no feedback, S(t) = t - t0

    @property
    def weighted(self) -> bool:
        """Whether the aggregates exist: the active categories' weights sum to more than 0."""
        return bool(self.wn.any())

    @property
    def potential(self) -> float:
        """``U_max = sum w L / sum w``: the most AI's help can reach."""
        return float(self.wn @ self.ceil)

    def rows(self, start: int, stop: int) -> Paths:
        """The states ``start:stop`` of the batch."""
        pace = self.pace
        if pace is not None:
            pace = Pace(pace.t0, pace.s[start:stop], pace.g[start:stop], pace.u[start:stop])
        up = self.up
        sub = Uplift(up.z0[start:stop], up.r[start:stop], up.k, up.mid, up.wl, up.u_const[start:stop])
        return replace(self, a=self.a[start:stop], r=self.r[start:stop], xc=self.xc[start:stop], up=sub, pace=pace)

    def _after(self) -> tuple[BoolArray, NDArray[np.intp]]:
        after = self.t > self.t0 + 1e-9
        return after, np.rint((self.t[after] - self.t0) / STEP).astype(np.intp)

    def positions(self) -> Array:
        """``x_i(t)`` on the grid, (B, n, G); NaN for the categories without an estimate."""
        dt = self.t - self.tm[:, None]  # (n, G)
        z = self.a[..., None] + self.r[..., None] * dt
        if self.pace is not None:
            after, idx = self._after()
            last = self.pace.s.shape[1] - 1
            s_grid = np.where(idx <= last, self.pace.s[:, np.minimum(idx, last)], np.nan)
            z[..., after] = self.up.z0[..., None] + self.r[..., None] * s_grid[:, None, :]
        x = sigmoid(z)
        x = np.where(self.fitted[:, None], x, self.xc[..., None])
        x[:, ~self.active] = np.nan
        return x

    def speedup(self) -> Array:
        """The feedback factor ``g`` on the grid, (B, G): 1 before ``t0`` and without feedback."""
        g = np.ones((self.a.shape[0], self.t.size))
        if self.pace is not None:
            after, idx = self._after()
            last = self.pace.g.shape[1] - 1
            g[:, after] = np.where(idx <= last, self.pace.g[:, np.minimum(idx, last)], np.nan)
        return g

    def uplift_at(self, times: Array) -> Array:
        """``U`` at any times in the grid's span, (B, Q) in and out: on the
        fitted paths, and after ``t0`` with feedback on the integrated one
        (``S`` interpolated between the steps)."""
        times = np.asarray(times, dtype=float)
        s = times - self.t0
        if self.pace is not None:
            s = np.where(s > 0, self.pace.s_at(np.maximum(times, self.t0)), s)
        return self.up.at(s)

    def measures(self, x: Array) -> GridMeasures:
        """Slopes, mean slope, ``U`` and its gain on the grid from the positions ``x``."""
        # Categories without an estimate are NaN and weigh 0; a NaN left (past a shortened pace) stays NaN.
        xf = np.where(self.active[:, None], x, 0.0)
        k, mid, ceil = self.k[:, None], self.mid[:, None], self.ceil[:, None]
        sig = curve_sigma(xf, k, mid)
        sl = (k * ceil) * sig * (1.0 - sig)
        wn = self.wn[:, None]
        mean = (wn * sl).sum(axis=-2)
        u = (wn * ceil * sig).sum(axis=-2)
        gain = (wn * sl * xf * (1.0 - xf) * self.r[..., None]).sum(axis=-2) * self.speedup()
        return GridMeasures(sigma=sig, slope=sl, mean_slope=mean, uplift=u, gain=gain)

    def milestones(self, u_grid: Array, shares: Sequence[float]) -> Array:
        """The first time in the grid's span with ``U(t) >= q U_max``, per
        state and share, (B, Q); NaN where it is not reached.

        The grid point where ``U`` first reaches the target brackets it when
        ``U`` is monotone in time (every counted rate of the state has one
        sign); otherwise the path is scanned every 1/32 year.  The Illinois
        method (regula falsi that halves the stale end's value) on the
        continuous path then narrows the bracket; its last estimate of the
        crossing is the answer.  A target that holds at the grid's start
        gives the start; a path scanned past the end of a shortened pace
        (see ``until`` of :func:`make_paths`) reads as not reaching it.
        """
        targets = np.asarray(shares, dtype=float) * self.potential
        b = u_grid.shape[0]
        years = np.full((b, targets.size), np.nan)
        lo = np.full((b, targets.size), self.t0)
        hi = lo.copy()
        rates = np.where(self.up.wl > 0, self.r, 0.0)
        mono = (rates >= 0).all(axis=1) | (rates <= 0).all(axis=1)
        rows = np.flatnonzero(mono)
        _bracket(self.t, u_grid[rows], targets, rows, years, lo, hi)
        rows = np.flatnonzero(~mono)
        if rows.size:
            fine = self.t[0] + STEP * np.arange(round((self.t[-1] - self.t[0]) / STEP) + 1)
            u_fine = self.uplift_at(np.broadcast_to(fine, (b, fine.size)))[rows]
            _bracket(fine, u_fine, targets, rows, years, lo, hi)
        todo = np.isnan(years) & (hi > lo)
        if todo.any():
            years = np.where(todo, self._refine(lo, hi, targets), years)
        return years

    def _refine(self, lo: Array, hi: Array, targets: Array) -> Array:
        """The crossing of ``U = target`` inside each bracket ``[lo, hi]``
        (where ``U(lo) < target <= U(hi)``), by the Illinois method."""
        f_lo = self.uplift_at(lo) - targets
        f_hi = self.uplift_at(hi) - targets
        est = hi
        side = np.zeros(lo.shape)
        for _ in range(REFINE):
            gap = f_hi - f_lo
            safe = gap > 0
            est = np.where(safe, hi - f_hi * (hi - lo) / np.where(safe, gap, 1.0), 0.5 * (lo + hi))
            est = np.clip(est, lo, hi)
            f = self.uplift_at(est) - targets
            up = f >= 0
            # The end that stays twice in a row has its value halved, so both ends close in.
            f_lo = np.where(up & (side > 0), 0.5 * f_lo, np.where(up, f_lo, f))
            f_hi = np.where(~up & (side < 0), 0.5 * f_hi, np.where(up, f, f_hi))
            lo = np.where(up, lo, est)
            hi = np.where(up, est, hi)
            side = np.where(up, 1.0, -1.0)
        return est


def _bracket(t: Array, u: Array, targets: Array, rows: NDArray[np.intp], years: Array, lo: Array, hi: Array) -> None:
    """Where ``u`` (rows of states, over the times ``t``) first reaches each
    target: the start itself goes to ``years``; a later time gives the
    bracket ``[t[i - 1], t[i]]`` in ``lo``, ``hi``. Unreached stays NaN."""
    if rows.size == 0:
        return
    reach = u[:, :, None] >= targets  # (b, T, Q)
    first = reach.argmax(axis=1)
    hit = reach.any(axis=1)
    at_start = hit & (first == 0)
    later = hit & (first > 0)
    years[rows] = np.where(at_start, t[0], np.nan)
    lo[rows] = np.where(later, t[np.maximum(first - 1, 0)], lo[rows])
    hi[rows] = np.where(later, t[first], hi[rows])


def make_paths(
    t: Array,
    a: Array,
    r: Array,
    tm: Array,
    fitted: BoolArray,
    x0: Array,
    active: BoolArray,
    k: Array,
    mid: Array,
    ceil: Array,
    w: Array,
    *,
    feedback: float,
    lag: float,
    t0: float,
    one_state: bool = False,
    until: float | None = None,
) -> Paths:
    """The paths of a batch of states, integrated with feedback when ``feedback > 0``.

    Parameters
    ----------
    t : (G,) array
        The forecast grid (:func:`scurve.trajectory.grid`).
    a, r : (B, n) arrays
        Each category's fit ``x(t) = sigma(a + r (t - tm))``; ignored where not ``fitted``.
    tm : (n,) array
        Each fitted category's mean estimated year.
    fitted, active : (n,) bool arrays
        Categories with a trajectory (two or more estimated years), and with any estimate.
    x0 : (B, n) array
        Where a category estimated once stays.
    k, mid, ceil, w : (n,) arrays
        Curves and weights.
    feedback, lag : float
        φ in [0, 3] and the lag ``d`` in years (0 to 3 in steps of 0.25).
    t0 : float
        Where feedback starts: the state's last year.
    one_state : bool
        Integrate on Python floats (``B`` must be 1): faster for one state.
    until : float, optional
        Only the milestone of this share is wanted: the integration stops
        once every state's ``U`` has reached ``until`` times the potential,
        and grid points past that end read as NaN.

    Examples
    --------
    One category from 0.269 through 0.5 to 0.731 (a = 0, r = 1): half its
    potential at 2025, where x = m.

    >>> one = np.ones((1, 1))
    >>> p = make_paths(np.arange(2024.0, 2027.0), 0 * one, one, np.array([2025.0]), np.ones(1, bool),
    ...                0 * one, np.ones(1, bool), np.array([10.0]), np.array([0.5]), np.ones(1), np.ones(1),
    ...                feedback=0.0, lag=0.0, t0=2026.0)
    >>> x = p.positions()
    >>> [round(v, 3) for v in x[0, 0].tolist()]
    [0.269, 0.5, 0.731]
    >>> round(float(p.milestones(p.measures(x).uplift, [0.5])[0, 0]), 3)
    2025.0
    """
    fitted = np.asarray(fitted, dtype=bool)
    active = np.asarray(active, dtype=bool)
    wa = np.where(active, w, 0.0)
    wsum = float(wa.sum())
    wn = wa / wsum if wsum > 0 else np.zeros_like(wa)
    a = np.where(fitted, a, 0.0)
    r = np.where(fitted, r, 0.0)
    tm = np.where(fitted, tm, 0.0)
    xc = np.where(fitted | ~active, mid, x0)
    z0 = a + r * (t0 - tm)
    u_const = (np.where(fitted, 0.0, wn * ceil) * curve_sigma(xc, k, mid)).sum(axis=-1)
    up = Uplift(z0=z0, r=r, k=k, mid=mid, wl=np.where(fitted, wn * ceil, 0.0), u_const=u_const)
    pace = None
    if feedback > 0 and wsum > 0 and fitted.any() and t[-1] > t0 + 1e-9:
        steps = round((float(t[-1]) - t0) / STEP)
        if one_state:
            pace = integrate_one(up, feedback, lag, steps, t0)
        else:
            stop = None if until is None else until * float(wn @ ceil)
            pace = integrate(up, feedback, lag, steps, t0, until=stop)
    return Paths(t, t0, a, r, tm, fitted, active, xc, k, mid, ceil, wn, up, pace)
