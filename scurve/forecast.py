"""Forecast positions over the grid: the fitted paths, and with feedback the
paths sped up by the uplift AI already gives (SPEC section 7, "Feedback").

With feedback φ > 0, from ``t0`` (the state's last year) every fitted
category moves in logit space at its fitted rate scaled by how much uplift
AI gives relative to ``t0``::

    z_i = logit x_i,   dz_i/dt = r_i (U(t) / U(t0))^φ,
    U(t) = sum_i w_i u_i(x_i(t)) / sum_i w_i

Every category shares the factor ``g = (U / U0)^φ``, so each moves along
``z_i(t) = z_i(t0) + r_i S(t)`` with one scalar ``S`` (``dS/dt = g``,
``S(t0) = 0``).  Classical fourth-order Runge-Kutta on the vector ``z``
gives, stage by stage, exactly these points, so the integrator runs RK4 on
``S`` alone: the same method and step (1/32 year), ten times less work.
All functions take a leading batch of states (Monte Carlo draws) as well.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray
from scipy.special import expit  # type: ignore[import-untyped]

from .curve import sigmoid

#: Runge-Kutta step, in years.
STEP = 1.0 / 32.0

Array = NDArray[np.float64]


def forecast_positions(
    t: Array,
    a: Array,
    r: Array,
    tm: Array,
    fitted: NDArray[np.bool_],
    x0: Array,
    active: NDArray[np.bool_],
    k: Array,
    mid: Array,
    ceil: Array,
    w: Array,
    feedback: float,
    t0: float,
) -> Array:
    """Positions ``x_i(t)`` of every category on the forecast grid.

    Parameters
    ----------
    t : (G,) array
        The forecast grid (:func:`scurve.trajectory.grid`).
    a, r, tm : (..., n) arrays
        Each category's fit ``x(t) = sigma(a + r (t - tm))``; ignored where
        ``fitted`` is false.
    fitted : (..., n) bool array
        Categories with a trajectory (two or more estimated years).
    x0 : (..., n) array
        The one estimate of a category that is estimated once (it stays there).
    active : (n,) bool array
        Categories with at least one estimate; the others are NaN.
    k, mid, ceil, w : (n,) arrays
        Curves and weights.
    feedback : float
        φ in [0, 3]; 0 gives the fitted paths exactly.
    t0 : float
        Where feedback starts: the state's last year.

    Returns
    -------
    (..., n, G) array

    Examples
    --------
    With no feedback a fitted category follows its fit:

    >>> t = np.array([2024.0, 2025.0, 2026.0])
    >>> one = np.ones(1)
    >>> x = forecast_positions(t, np.zeros(1), one, 2025.0 * one, np.ones(1, bool), one, np.ones(1, bool),
    ...                        10 * one, 0.5 * one, one, one, 0.0, 2026.0)
    >>> [round(v, 4) for v in x[0].tolist()]
    [0.2689, 0.5, 0.7311]
    """
    a, r, tm, x0 = (np.asarray(v, dtype=float) for v in (a, r, tm, x0))
    fitted = np.asarray(fitted, dtype=bool)
    fit_b = fitted[..., None]
    path = sigmoid(np.where(fit_b, a[..., None] + r[..., None] * (t - tm[..., None]), 0.0))
    xs: Array = np.where(fit_b, path, np.where(active[:, None], x0[..., None], np.nan))
    wa = np.where(active, w, 0.0)
    wsum = float(wa.sum())
    if feedback == 0 or wsum <= 0 or not fitted.any():
        return xs
    start = int(np.searchsorted(t, t0 - 1e-9))
    if start >= t.size - 1:
        return xs
    # u_i = L_i sigma(k_i (x_i - m_i)), weighted: U = sum(wl_i sigma(...)).
    # expit, not tanh: U0 must stay > 0 far down the curve.
    wl = wa * ceil / wsum
    z0 = np.where(fitted, a + r * (t0 - tm), 0.0)
    rf = np.where(fitted, r, 0.0)
    # Categories estimated once count in U with a constant term.
    xc = np.where(fitted, 0.0, np.where(active, x0, mid))
    u_const = (np.where(fitted, 0.0, wl * expit(k * (xc - mid)))).sum(axis=-1)
    wl_f = np.where(fitted, wl, 0.0)

    if z0.ndim == 1:
        return _one_state(t, start, xs, fitted, z0, rf, wl_f, k, mid, float(u_const), feedback)

    def uplift(s: Array) -> Array:
        x = expit(z0 + rf * s[..., None])
        out: Array = u_const + (wl_f * expit(k * (x - mid))).sum(axis=-1)
        return out

    u0 = uplift(np.zeros(z0.shape[:-1]))
    inv_u0 = 1.0 / u0

    def g(s: Array) -> Array:
        out: Array = (uplift(s) * inv_u0) ** feedback
        return out

    s = np.zeros(z0.shape[:-1])
    h = STEP
    substeps = round(float(t[1] - t[0]) / h) if t.size > 1 else 0
    out = xs.copy()
    for i in range(start + 1, t.size):
        for _ in range(substeps):
            k1 = g(s)
            k2 = g(s + 0.5 * h * k1)
            k3 = g(s + 0.5 * h * k2)
            k4 = g(s + h * k3)
            s = s + (h / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
        out[..., i] = np.where(fitted, sigmoid(z0 + rf * s[..., None]), xs[..., i])
    return out


def _one_state(
    t: Array,
    start: int,
    xs: Array,
    fitted: NDArray[np.bool_],
    z0: Array,
    rf: Array,
    wl: Array,
    k: Array,
    mid: Array,
    u_const: float,
    feedback: float,
) -> Array:
    """The same RK4 for one state, on Python floats: for ten categories a
    numpy call costs more than the arithmetic, and the page's analysis of one
    state runs this 512 times a link (2026 to 2030)."""
    exp = math.exp
    terms = [
        (-zi, -ri, ki, mi, wi)
        for zi, ri, ki, mi, wi, fi in zip(
            z0.tolist(), rf.tolist(), k.tolist(), mid.tolist(), wl.tolist(), fitted.tolist(), strict=True
        )
        if fi and wi > 0
    ]

    def uplift(s: float) -> float:
        total = u_const
        for nz, nr, ki, mi, wi in terms:
            # sigma(k (x - m)) with x = sigma(z0 + r s), overflow-safe: exp of a
            # large argument is capped (the result is then 0 to double precision).
            e1 = nz + nr * s
            x = 1.0 / (1.0 + exp(e1)) if e1 < 700.0 else 0.0
            e2 = ki * (mi - x)
            total += wi / (1.0 + exp(e2)) if e2 < 700.0 else 0.0
        return total

    u0 = uplift(0.0)
    if not u0 > 0.0:
        return xs
    phi = feedback

    def g(s: float) -> float:
        return float((uplift(s) / u0) ** phi)

    s = 0.0
    h = STEP
    half = 0.5 * h
    sixth = h / 6.0
    substeps = round(float(t[1] - t[0]) / h)
    out = xs.copy()
    path = np.empty(t.size - start - 1)
    for n in range(t.size - start - 1):
        for _ in range(substeps):
            k1 = g(s)
            k2 = g(s + half * k1)
            k3 = g(s + half * k2)
            k4 = g(s + h * k3)
            s = s + sixth * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
        path[n] = s
    moved = sigmoid(z0[:, None] + rf[:, None] * path[None, :])
    out[:, start + 1 :] = np.where(fitted[:, None], moved, xs[:, start + 1 :])
    return out
