"""The trajectory fit of many rows at once: the one implementation of the
least squares behind every trajectory (one state's categories, the Monte
Carlo's 20,000 draws, the sensitivity's moved estimates).

Each row with at least two estimates is fitted as ``x(t) = sigma(a + r (t - t_bar))``
(``t_bar`` the mean of its estimated years, ``a`` in [-10, 10], ``r`` in
[-5, 5] per year), by least squares in position units on positions clipped
to [0.001, 0.999], started from the straight-line fit of ``logit x`` on
``t``.  The solver is a bounded, damped Newton iteration on whole arrays:
a few numpy operations per iteration for any number of rows, where one
:func:`scipy.optimize.least_squares` call per row (or one stacked call)
costs a millisecond for ten.  The tests check it against scipy's optimum.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .curve import logit, sigmoid

Array = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

A_BOUNDS = (-10.0, 10.0)
R_BOUNDS = (-5.0, 5.0)
CLIP = (0.001, 0.999)
#: A fitted rate smaller than this in size is reported as 0 (flat estimates).
ZERO_RATE = 1e-9

# Stopping rules and the Levenberg-Marquardt damping schedule.
FIT_MAX_ITER = 200
FIT_STEP_TOL = 1e-10  # stop once a step moves (a, r) by less than this (relative) ...
FIT_STUCK = 1e-8  # ... or a step this small no longer lowers the cost ...
FIT_NEWTON_TOL = 1e-5  # ... or an undamped Newton step is this small
FIT_EXACT = 1e-12  # the straight-line start is kept when it fits every point this well
LAMBDA0 = 1e-6
TINY = 1e-300


@dataclass(frozen=True)
class BatchFit:
    """Fits of many rows at once: NaN where a row has fewer than two estimates."""

    a: Array
    rate: Array
    t_mean: Array
    rmse: Array
    fitted: BoolArray
    iterations: int


def fit_batch(years: ArrayLike, positions: ArrayLike, *, rmse: bool = True) -> BatchFit:
    """Fit ``x(t) = sigmoid(a + r (t - t_bar))`` to every row of ``positions`` at once.

    For each row with at least two estimates (NaN = none), minimise::

        F(a, r) = sum_j (s_j - c(x_j))^2,   s_j = sigmoid(a + r (t_j - t_bar)),
        a in [-10, 10], r in [-5, 5]

    with ``t_bar`` the mean of the row's estimated years and ``c`` the clip to
    [0.001, 0.999], starting from the straight-line fit of ``logit c(x)`` on
    ``t`` (clipped to the bounds).  A start that already fits every point to
    1e-12 is kept (noise-free or flat estimates).

    The solver is a bounded, damped Newton (Levenberg-Marquardt) iteration on
    whole arrays.  With residuals ``f_j = s_j - c(x_j)``, ``d_j = s_j (1 - s_j)``
    and ``v_j = (1, dt_j)``, the gradient is ``g = sum f d v``, the Gauss-Newton
    matrix ``N = sum d^2 v v^T`` and the exact Hessian
    ``H = N + sum f d (1 - 2 s) v v^T``.  The step solves, per row, the 2x2
    system (Cramer's rule)::

        (H + lambda diag(N)) delta = -g

    with ``N`` in place of ``H`` where ``H`` is not positive definite, over the
    free parameters: one on a bound whose gradient pushes it outward is held.
    The new point is projected onto the bounds and kept only if ``F`` falls
    (lambda / 5), else lambda x 10.  A row stops when an accepted step moves
    it by less than 1e-10 (relative to ``1 + |a| + |r|``) or a rejected one by
    less than 1e-8 (the cost no longer falls in floating point).  Rows with the
    same estimated years share ``dt`` and are solved together.  A rate below
    1e-9 in size is reported as 0.

    Parameters
    ----------
    years : array_like, shape (m,)
        Distinct years.
    positions : array_like, shape (P, m)
        Positions in [0, 1], NaN for no estimate.
    rmse : bool
        Also compute each fit's root-mean-square error (in position units,
        on the clipped positions); NaN when false.

    Returns
    -------
    BatchFit
        ``a``, ``rate``, ``t_mean``, ``rmse`` of shape (P,) (NaN for rows
        not fitted), ``fitted`` and the number of iterations the slowest
        row took.

    Examples
    --------
    >>> t = np.array([2024.0, 2025.0, 2026.0])
    >>> x = np.array([[0.1, 0.3, 0.5], [0.2, 0.6, float("nan")]])
    >>> f = fit_batch(t, x)
    >>> np.round(f.a, 4).tolist(), np.round(f.rate, 4).tolist()
    ([-0.9653, -0.4904], [1.004, 1.7918])
    """
    t = np.asarray(years, dtype=float)
    x = np.asarray(positions, dtype=float)
    if x.ndim != 2 or t.ndim != 1 or x.shape[1] != t.size:
        raise ValueError(f"`positions` must have shape (P, {t.size}) for {t.size} years, got {x.shape}")
    n_rows, m = x.shape
    a_out = np.full(n_rows, np.nan)
    r_out = np.full(n_rows, np.nan)
    tm_out = np.full(n_rows, np.nan)
    e_out = np.full(n_rows, np.nan)
    has = ~np.isnan(x)
    ok = has.sum(axis=1) >= 2
    # Rows with the same estimated years form one group (same dt).
    code = has.astype(np.int64) @ (np.int64(1) << np.arange(m, dtype=np.int64))
    iters = 0
    for c in np.unique(code[ok]).tolist():
        rows = np.flatnonzero(code == c)
        cols = np.flatnonzero((c >> np.arange(m)) & 1)
        xg = np.ascontiguousarray(x[np.ix_(rows, cols)].T)  # (m_g, P_g)
        a, r, tbar, e, it = fit_group(t[cols], xg, rmse=rmse)
        a_out[rows], r_out[rows], tm_out[rows], e_out[rows] = a, r, tbar, e
        iters = max(iters, it)
    return BatchFit(a_out, r_out, tm_out, e_out, ok, iters)


def fit_group(t: Array, x: Array, *, rmse: bool = False) -> tuple[Array, Array, float, Array, int]:
    """Fit the columns of ``x`` (shape (m, P), no NaN) observed at the same years ``t``.

    Returns ``a``, ``rate`` (sizes below 1e-9 reported as 0), ``t_bar``, the
    root-mean-square errors (NaN unless ``rmse``) and the iterations taken.
    """
    tbar = float(t.mean())
    dt = t - tbar
    xc = np.clip(x, *CLIP)
    lx = logit(xc)
    lmean = lx.mean(axis=0)
    r0 = np.einsum("i,ij->j", dt, lx - lmean) / float(dt @ dt)
    a, r, it = _solve(np.clip(lmean, *A_BOUNDS), np.clip(r0, *R_BOUNDS), dt, xc)
    if rmse:
        res = sigmoid(a + dt[:, None] * r) - xc
        err = np.sqrt(np.einsum("ij,ij->j", res, res) / t.size)
    else:
        err = np.full(a.shape, np.nan)
    return a, np.where(np.abs(r) < ZERO_RATE, 0.0, r), tbar, err, it


def _solve(a: Array, r: Array, dt: Array, x: Array) -> tuple[Array, Array, int]:
    """Bounded damped Newton for many 2-parameter problems: ``x`` (m, P), ``dt`` (m,)."""
    a_lo, a_hi = A_BOUNDS
    r_lo, r_hi = R_BOUNDS
    # Rows of V are the weights (1, dt, dt^2): V y sums y, y dt and y dt^2
    # over the years of every problem in one product.  einsum, not BLAS:
    # threaded BLAS stalls for milliseconds on a busy two-core machine.
    V = np.ascontiguousarray(np.stack([np.ones_like(dt), dt, dt * dt]))
    V2 = V[:2]
    D = dt[:, None]
    a = a.copy()
    r = r.copy()
    sv = sigmoid(a + D * r)
    fv = sv - x
    exact = np.abs(fv).max(axis=0) < FIT_EXACT
    live = np.flatnonzero(~exact)  # problems still iterating
    if live.size == 0:
        return a, r, 0
    if live.size < a.size:
        # take(axis=1) keeps C order, where [:, idx] would not (and the sums would crawl).
        x, sv, fv = x.take(live, axis=1), sv.take(live, axis=1), fv.take(live, axis=1)
    av, rv = a[live], r[live]
    cv = np.einsum("ij,ij->j", fv, fv)
    lam = np.full(live.size, LAMBDA0)
    it = 0
    for it in range(1, FIT_MAX_ITER + 1):  # noqa: B007 - the count is returned
        d = sv - sv * sv
        fd = fv * d
        q = d * d
        ga, gr = np.einsum("ki,ij->kj", V2, fd)
        naa, nar, nrr = np.einsum("ki,ij->kj", V, q)  # Gauss-Newton
        fd *= 1.0 - 2.0 * sv
        fd += q
        haa, har, hrr = np.einsum("ki,ij->kj", V, fd)  # exact Hessian
        newton = (haa > 0) & (haa * hrr > har * har)
        haa = np.where(newton, haa, naa)
        har = np.where(newton, har, nar)
        hrr = np.where(newton, hrr, nrr)
        # A parameter on a bound whose descent direction leaves the box is held.
        hold_a = ((av <= a_lo) & (ga > 0)) | ((av >= a_hi) & (ga < 0))
        hold_r = ((rv <= r_lo) & (gr > 0)) | ((rv >= r_hi) & (gr < 0))
        daa = haa + lam * naa + TINY
        drr = hrr + lam * nrr + TINY
        det = daa * drr - har * har
        det = np.where(det > 0, det, TINY)
        da = (har * gr - drr * ga) / det
        dr = (har * ga - daa * gr) / det
        if hold_a.any() or hold_r.any():
            da = np.where(hold_r, -ga / daa, da)
            dr = np.where(hold_a, -gr / drr, np.where(hold_r, 0.0, dr))
            da = np.where(hold_a, 0.0, da)
        a_new = np.clip(av + da, a_lo, a_hi)
        r_new = np.clip(rv + dr, r_lo, r_hi)
        s_new = sigmoid(a_new + D * r_new)
        f_new = s_new - x
        c_new = np.einsum("ij,ij->j", f_new, f_new)
        better = c_new < cv
        step = np.maximum(np.abs(a_new - av), np.abs(r_new - rv))
        if better.all():
            av, rv, sv, fv, cv = a_new, r_new, s_new, f_new, c_new
            lam *= 0.2
        else:
            av = np.where(better, a_new, av)
            rv = np.where(better, r_new, rv)
            np.copyto(sv, s_new, where=better)
            np.copyto(fv, f_new, where=better)
            cv = np.where(better, c_new, cv)
            lam = np.where(better, lam * 0.2, lam * 10.0)
        # Stop after a tiny accepted step (Newton's next would be far tinier),
        # or when even a small step cannot lower the cost in floating point.
        scale = 1.0 + np.abs(av) + np.abs(rv)
        done = (
            (step <= FIT_STEP_TOL * scale)
            | (~better & (step <= FIT_STUCK * scale))
            | (lam > 1e16)
            # A full Newton step this small leaves an error of order its square.
            | (better & newton & (lam < 1e-6) & (step <= FIT_NEWTON_TOL * scale))
        )
        if done.all():
            break
        if done.any():
            a[live], r[live] = av, rv
            keep = np.flatnonzero(~done)
            live = live[keep]
            av, rv, lam, cv = av[keep], rv[keep], lam[keep], cv[keep]
            x, sv, fv = x.take(keep, axis=1), sv.take(keep, axis=1), fv.take(keep, axis=1)
    a[live], r[live] = av, rv
    return a, r, it
