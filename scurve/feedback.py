"""Feedback: progress sped up by the help AI already gives, bounded and lagged.

From ``t0`` (the state's last year) every fitted category moves in logit
space at its fitted rate times one shared factor::

    z_i = logit x_i,   dz_i/dt = r_i g(t),
    g(t) = ((1 + U(t - d)) / (1 + U(t0 - d)))^phi,
    U(t) = sum_i w_i u_i(x_i(t)) / sum_i w_i

with ``phi`` the feedback exponent and ``d`` the lag in years.  The 1 is the
pace of progress without AI's help and ``U`` what AI adds to it, so the
factor is bounded: at most ``2^phi`` for ceilings up to 1.  ``U(tau)`` for
``tau <= t0`` comes from the fitted paths (a category estimated once counts
with its one estimate).

Every category shares ``g``, so each moves along ``z_i(t) = z_i(t0) + r_i S(t)``
with one scalar ``S`` (``dS/dt = g``, ``S(t0) = 0``), integrated with step
``h = 1/32`` year:

- ``d = 0``: ``g`` is a function of ``S`` alone and the classical fourth-order
  Runge-Kutta method steps it (on the vector ``z`` it would give, stage by
  stage, exactly these points);
- ``d > 0``: the trapezoid rule ``S(t + h) = S(t) + h (g(t) + g(t + h)) / 2``,
  where both values of ``g`` are known from the path so far because
  ``d >= h``.

:func:`integrate` does it for a batch of states (Monte Carlo draws, the
sensitivity's moved estimates) on arrays; :func:`integrate_one` for one
state on Python floats, which for ten categories is several times faster
than numpy calls.  Both give :class:`Pace`, the path of ``S``, ``g`` and ``U``
at the steps.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .curve import curve_sigma, sigmoid
from .trajectory import GRID_STEP

#: Integration step, in years.
STEP = 1.0 / 32.0
#: Integration steps per forecast grid step (a quarter year).
PER_GRID = round(GRID_STEP / STEP)
#: The lag's step, in years: a lag is a whole number of these.
LAG_STEP = 0.25

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Uplift:
    """What ``U`` depends on, for a batch of states (leading shape ``B``).

    ``U(S) = u_const + sum_i wl_i sigma(k_i (sigmoid(z0_i + r_i S) - m_i))``
    over the fitted categories, where ``S = t - t0`` on the fitted paths;
    ``wl_i = w_i L_i / sum w`` is 0 for the categories that do not count.
    """

    z0: Array  # (B, n) logit of each fitted category's position at t0
    r: Array  # (B, n) fitted rates; 0 where not fitted
    k: Array  # (n,)
    mid: Array  # (n,)
    wl: Array  # (n,) w L / sum w over the fitted categories, 0 elsewhere
    u_const: Array  # (B,) the categories that stay where they are

    def at(self, s: Array) -> Array:
        """``U`` at ``S = s``, for ``s`` of shape (B,) or (B, Q): same shape back."""
        s = np.asarray(s, dtype=float)
        extra = s.ndim - 1
        shape = (self.z0.shape[0],) + (1,) * extra + (self.z0.shape[1],)
        z0 = self.z0.reshape(shape)
        r = self.r.reshape(shape)
        x = sigmoid(z0 + r * s[..., None])
        out: Array = self.u_const.reshape(s.shape[:1] + (1,) * extra) + (
            self.wl * curve_sigma(x, self.k, self.mid)
        ).sum(axis=-1)
        return out

    def stepper(self) -> Callable[[Array], Array]:
        """:meth:`at` for ``s`` of shape (B,), rearranged for the integrator's
        inner loop (a third of the numpy calls; equal to rounding)::

            sigmoid(v) = (1 + tanh(v / 2)) / 2,  k (x - m) / 2 = (k / 4) tanh(.) + k (1/2 - m) / 2
        """
        hz = 0.5 * self.z0
        hr = 0.5 * self.r
        slope = 0.25 * self.k
        shift = 0.5 * self.k * (0.5 - self.mid)
        half_w = 0.5 * self.wl
        base = self.u_const + 0.5 * float(self.wl.sum())

        def at(s: Array) -> Array:
            v = hr * s[:, None]
            v += hz
            np.tanh(v, out=v)
            v *= slope
            v += shift
            np.tanh(v, out=v)
            v *= half_w
            out: Array = v.sum(axis=1) + base
            return out

        return at


@dataclass(frozen=True)
class Pace:
    """``S``, ``g`` and ``U`` at ``t0 + j h``, ``j = 0 .. J``: shape (B, J + 1)."""

    t0: float
    s: Array
    g: Array
    u: Array

    def s_at(self, t: Array) -> Array:
        """``S(t)`` for ``t`` of shape (B, Q), ``t >= t0``: the cubic Hermite
        interpolant of the steps (values ``S``, slopes ``g``).  For the
        trapezoid rule it is the exact integral of the piecewise-linear ``g``."""
        pos = (np.asarray(t, dtype=float) - self.t0) / STEP
        last = self.s.shape[1] - 1
        j = np.clip(np.floor(pos).astype(np.intp), 0, max(last - 1, 0))
        theta = np.clip(pos - j, 0.0, 1.0) if last > 0 else np.zeros_like(pos)
        j1 = np.minimum(j + 1, last)
        rows = np.arange(self.s.shape[0])[:, None]
        s0, s1 = self.s[rows, j], self.s[rows, j1]
        g0, g1 = self.g[rows, j] * STEP, self.g[rows, j1] * STEP
        t2 = theta * theta
        t3 = t2 * theta
        out: Array = (2 * t3 - 3 * t2 + 1) * s0 + (t3 - 2 * t2 + theta) * g0 + (-2 * t3 + 3 * t2) * s1 + (t3 - t2) * g1
        return out


def lag_steps(lag: float) -> int:
    """The lag as a whole number of integration steps; raises on a lag off its 0.25-year steps.

    >>> lag_steps(0.0), lag_steps(0.5)
    (0, 16)
    """
    quarters = lag / LAG_STEP
    if not (0.0 <= lag <= 3.0 and abs(quarters - round(quarters)) < 1e-9):
        raise ValueError(f"`lag` must be 0 to 3 years in steps of 0.25, got {lag!r}")
    return round(lag / STEP)


def integrate(up: Uplift, phi: float, lag: float, steps: int, t0: float, until: float | None = None) -> Pace:
    """The pace of a batch of states over ``steps`` steps of 1/32 year from ``t0``.

    With ``until``, it stops early, at a grid point, once every state's
    ``U`` has reached ``until`` at some step (what a search for the first
    such time needs): the pace is then shorter than ``steps``.

    Examples
    --------
    One category at its midpoint, L = 1: U = 0.5 at t0; with r = 0 nothing
    moves and ``g`` stays 1.

    >>> one = np.ones((1, 1))
    >>> up = Uplift(np.zeros((1, 1)), 0 * one, np.array([10.0]), np.array([0.5]), np.ones(1), np.zeros(1))
    >>> p = integrate(up, 1.0, 0.0, 4, 2026.0)
    >>> p.s.round(6).tolist(), p.g.tolist()
    ([[0.0, 0.03125, 0.0625, 0.09375, 0.125]], [[1.0, 1.0, 1.0, 1.0, 1.0]])
    """
    d = lag_steps(lag)
    b = up.z0.shape[0]
    s = np.zeros((b, steps + 1))
    g = np.ones((b, steps + 1))
    u = np.zeros((b, steps + 1))
    h = STEP
    at = up.stepper()
    done = steps
    if d == 0:
        base = 1.0 / (1.0 + at(np.zeros(b)))

        def rate(si: Array) -> Array:
            out: Array = ((1.0 + at(si)) * base) ** phi
            return out

        cur = np.zeros(b)
        u[:, 0] = at(cur)
        reached = u[:, 0] >= (np.inf if until is None else until)
        k1 = np.ones(b)  # g(t0) = 1
        for j in range(steps):
            k2 = rate(cur + 0.5 * h * k1)
            k3 = rate(cur + 0.5 * h * k2)
            k4 = rate(cur + h * k3)
            cur = cur + (h / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
            s[:, j + 1] = cur
            u[:, j + 1] = uj = at(cur)
            g[:, j + 1] = k1 = ((1.0 + uj) * base) ** phi
            if until is not None:
                reached |= uj >= until
                if reached.all() and (j + 1) % PER_GRID == 0:
                    done = j + 1
                    break
    else:
        # U on the fitted paths from t0 - d to t0: the history the lag reads.
        before = up.at(np.broadcast_to(-h * np.arange(d, -1, -1, dtype=float), (b, d + 1)))  # (B, d + 1)
        base = 1.0 / (1.0 + before[:, 0])
        u[:, 0] = before[:, -1]
        reached = u[:, 0] >= (np.inf if until is None else until)
        for j in range(steps):
            back = j + 1 - d  # the step whose U the lag reads for g(t_{j+1})
            lagged = before[:, back + d] if back <= 0 else u[:, back]
            g[:, j + 1] = ((1.0 + lagged) * base) ** phi
            s[:, j + 1] = s[:, j] + 0.5 * h * (g[:, j] + g[:, j + 1])
            u[:, j + 1] = uj = at(s[:, j + 1])
            if until is not None:
                reached |= uj >= until
                if reached.all() and (j + 1) % PER_GRID == 0:
                    done = j + 1
                    break
    return Pace(t0, s[:, : done + 1], g[:, : done + 1], u[:, : done + 1])


def integrate_one(up: Uplift, phi: float, lag: float, steps: int, t0: float) -> Pace:
    """:func:`integrate` for one state (``B = 1``), on Python floats.

    >>> one = np.ones((1, 1))
    >>> up = Uplift(np.zeros((1, 1)), one, np.array([10.0]), np.array([0.5]), np.ones(1), np.zeros(1))
    >>> a, b = integrate(up, 2.0, 0.5, 64, 2026.0), integrate_one(up, 2.0, 0.5, 64, 2026.0)
    >>> bool(np.allclose(a.s, b.s, rtol=0, atol=1e-12))
    True
    """
    d = lag_steps(lag)
    tanh = math.tanh
    terms = [
        (0.5 * z, 0.5 * r, 0.5 * k, m, w)
        for z, r, k, m, w in zip(
            up.z0[0].tolist(), up.r[0].tolist(), up.k.tolist(), up.mid.tolist(), up.wl.tolist(), strict=True
        )
        if w != 0.0
    ]
    const = float(up.u_const[0])

    def uplift(si: float) -> float:
        # sigmoid(v) = (1 + tanh(v / 2)) / 2, twice: the same formula as the arrays.
        total = const
        for hz, hr, hk, m, w in terms:
            x = 0.5 * (1.0 + tanh(hz + hr * si))
            total += w * 0.5 * (1.0 + tanh(hk * (x - m)))
        return total

    h = STEP
    s = [0.0] * (steps + 1)
    g = [1.0] * (steps + 1)
    u = [0.0] * (steps + 1)
    if d == 0:
        base = 1.0 / (1.0 + uplift(0.0))
        cur = 0.0
        u[0] = uplift(0.0)
        k1 = 1.0
        half, sixth = 0.5 * h, h / 6.0
        for j in range(steps):
            k2 = ((1.0 + uplift(cur + half * k1)) * base) ** phi
            k3 = ((1.0 + uplift(cur + half * k2)) * base) ** phi
            k4 = ((1.0 + uplift(cur + h * k3)) * base) ** phi
            cur += sixth * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
            s[j + 1] = cur
            u[j + 1] = uj = uplift(cur)
            g[j + 1] = k1 = ((1.0 + uj) * base) ** phi
    else:
        before = [uplift(-h * i) for i in range(d, -1, -1)]
        base = 1.0 / (1.0 + before[0])
        u[0] = before[-1]
        for j in range(steps):
            back = j + 1 - d
            lagged = before[back + d] if back <= 0 else u[back]
            g[j + 1] = ((1.0 + lagged) * base) ** phi
            s[j + 1] = s[j] + 0.5 * h * (g[j] + g[j + 1])
            u[j + 1] = uplift(s[j + 1])
    return Pace(t0, np.array([s]), np.array([g]), np.array([u]))
