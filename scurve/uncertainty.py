"""Uncertainty: a 90% range on any estimate, carried by Monte Carlo through
points, year aggregates, trajectory fits and the forecast (SPEC section 8).

A range ``[lo, hi]`` on an estimate ``x`` is a two-sided logit-normal with
median ``x``, 5% below ``lo`` and 5% above ``hi``.  With
``c(p) = clip(p, 0.001, 0.999)``::

    mu = logit c(x)
    sigma_lo = (mu - logit c(lo)) / 1.6449
    sigma_hi = (logit c(hi) - mu) / 1.6449
    X = sigmoid(mu + sigma_lo Z)   if Z < 0
        sigmoid(mu + sigma_hi Z)   if Z >= 0

One standard normal ``Z_i`` per category per draw, shared by all its years,
and ``Z_i = sqrt(rho) G + sqrt(1 - rho) E_i`` across categories.  Estimates
without a range are fixed.

Every draw is a complete state analysed as :func:`scurve.analysis.analyze`
does: slopes, year aggregates, the trajectory fit of every category with two
or more estimated years (section 3's bounded least squares, here solved for
all draws at once by :func:`fit_batch`) and the forecast (positions from
:func:`scurve.forecast.forecast_positions`, feedback included).  Every step
works on whole arrays of draws; the forecast only walks through them in
chunks of a few dozen to keep its (draws x categories x grid) arrays small.

Reproducibility
---------------
The generator is ``numpy.random.default_rng(int.from_bytes(sha256(seed_text),
"big"))`` and the draws are taken in this order:

1. ``G = rng.standard_normal(samples)``: the common factor, one per draw;
2. ``E = rng.standard_normal((n, samples))``: row ``i`` is category ``i``'s
   own factor (input row order, every row whether or not it has a range).

So ``Z[s, i] = sqrt(rho) G[s] + sqrt(1 - rho) E[i, s]``.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .curve import curve_slope, logit, sigmoid
from .fit import CLIP, fit_batch, fit_group
from .forecast import forecast_positions
from .state import State
from .trajectory import grid

Array = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

SAMPLES = 2000
Z95 = 1.6449  # the standard normal's 95th percentile, as SPEC section 8 writes it
FLAT = 1e-6  # a forecast whose mean slope varies less than this has no peak
# Quantile levels of the output, numpy's default (linear) method.
Q3 = (0.05, 0.5, 0.95)
Q5 = (0.05, 0.25, 0.5, 0.75, 0.95)
Q5_NAMES = ("p5", "p25", "p50", "p75", "p95")

CHUNK_CELLS = 1 << 14  # forecast cells (draws x rows x grid points) per chunk
FEEDBACK_CHUNK_CELLS = 1 << 21


# --------------------------------------------------------------------------
# Result types (the JSON block of SPEC section 8, with numbers as floats)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class PointBand:
    """One estimate across the draws."""

    year: int
    position: tuple[float, float, float]  # p5, p50, p95
    slope: tuple[float, float, float]  # p5, p50, p95
    p_supercritical: float  # share of draws with slope > 1


@dataclass(frozen=True)
class YearBand:
    """One year's aggregates across the draws."""

    year: int
    mean_slope: tuple[float, float, float, float, float] | None  # p5, p25, p50, p75, p95
    p_supercritical: float  # share of draws with mean_slope > 1
    supercritical_count: tuple[float, float, float]  # p5, p50, p95


@dataclass(frozen=True)
class ForecastBand:
    """The forecast across the draws, on the grid ``t`` of the single-state forecast."""

    t: tuple[float, ...]
    mean_slope: Mapping[str, tuple[float | None, ...]]  # "p5" .. "p95", one value per grid point
    p_supercritical: tuple[float, ...]  # per grid point, share of draws with mean slope > 1
    peak_year: tuple[float, float, float] | None  # over draws that have a peak
    p_peak_at_edge: float  # share of all draws whose peak is the last grid point


@dataclass(frozen=True)
class Uncertainty:
    """The ``uncertainty`` block of an analysis; ``categories`` is aligned with the input rows."""

    samples: int
    rho: float
    categories: tuple[tuple[PointBand, ...], ...]
    years: tuple[YearBand, ...]
    forecast: ForecastBand


# --------------------------------------------------------------------------
# The forecast of every draw
# --------------------------------------------------------------------------


# --------------------------------------------------------------------------
# Sampling and the Monte Carlo analysis
# --------------------------------------------------------------------------


def seed_of(seed_text: str) -> int:
    """The generator seed: SHA-256 of ``seed_text`` read as a big-endian integer.

    >>> seed_of("y=2024") % 1000 == int.from_bytes(hashlib.sha256(b"y=2024").digest(), "big") % 1000
    True
    """
    return int.from_bytes(hashlib.sha256(seed_text.encode()).digest(), "big")


def draw_positions(
    pos: Array, lo: Array, hi: Array, rho: float, samples: int, rng: np.random.Generator
) -> tuple[Array, Array]:
    """Draw ``samples`` states' positions from the ranges (SPEC section 8).

    Draws ``G`` (shape ``(samples,)``) then ``E`` (shape ``(n, samples)``)
    from ``rng``; ``Z[s, i] = sqrt(rho) G[s] + sqrt(1 - rho) E[i, s]`` and::

        X = sigmoid(mu + sigma_lo Z)  (Z < 0),   sigmoid(mu + sigma_hi Z)  (Z >= 0)

    where a range is given, the estimate itself elsewhere (NaN stays NaN).

    Returns
    -------
    X : ndarray, shape (samples, n, m)
    Z : ndarray, shape (samples, n)
    """
    n = pos.shape[0]
    g = rng.standard_normal(samples)
    e = rng.standard_normal((n, samples))
    z = math.sqrt(rho) * g[:, None] + math.sqrt(1.0 - rho) * e.T
    ranged = ~np.isnan(lo)
    x = np.broadcast_to(pos, (samples, *pos.shape)).copy()
    if ranged.any():
        ci, yj = np.nonzero(ranged)
        mu = logit(np.clip(pos[ci, yj], *CLIP))
        s_lo = (mu - logit(np.clip(lo[ci, yj], *CLIP))) / Z95
        s_hi = (logit(np.clip(hi[ci, yj], *CLIP)) - mu) / Z95
        zc = z[:, ci]
        x[:, ci, yj] = sigmoid(mu + np.where(zc < 0, s_lo, s_hi) * zc)
    return x, z


def _check(
    years: Sequence[int],
    pos: Array,
    lo: Array,
    hi: Array,
    rows: Sequence[Array],
    feedback: float,
    rho: float,
    samples: int,
) -> None:
    n, m = pos.shape if pos.ndim == 2 else (-1, -1)
    if pos.ndim != 2 or m != len(years):
        raise ValueError(f"`pos` must have shape (n, {len(years)}), got {pos.shape}")
    for name, arr in (("lo", lo), ("hi", hi)):
        if arr.shape != pos.shape:
            raise ValueError(f"`{name}` must have the shape of `pos` {pos.shape}, got {arr.shape}")
    for name, arr in zip(("k", "mid", "ceil", "w"), rows, strict=True):
        if arr.shape != (n,):
            raise ValueError(f"`{name}` must have shape ({n},), got {arr.shape}")
    if (np.isnan(lo) != np.isnan(hi)).any():
        raise ValueError("`lo` and `hi` must both be given or both be NaN in every slot")
    ranged = ~np.isnan(lo)
    if (ranged & np.isnan(pos)).any():
        raise ValueError("a range (`lo`, `hi`) needs a position in the same slot")
    p, low, high = pos[ranged], lo[ranged], hi[ranged]
    if not ((low >= 0) & (low <= p) & (p <= high) & (high <= 1) & (low < high)).all():
        raise ValueError("every range must satisfy 0 <= lo <= x <= hi <= 1 and lo < hi")
    if not 0.0 <= rho <= 1.0:
        raise ValueError(f"`rho` must be in [0, 1], got {rho!r}")
    if not 0.0 <= feedback <= 3.0:
        raise ValueError(f"`feedback` must be in [0, 3], got {feedback!r}")
    if samples < 2:
        raise ValueError(f"`samples` must be at least 2, got {samples!r}")


def quantiles_sorted(rows: Array, levels: tuple[float, ...]) -> Array:
    """Quantiles of each row of an already sorted (K, S) array, shape (K, len(levels)).

    numpy's default ``linear`` method, operation for operation (and so equal
    to ``np.quantile(rows, levels, axis=1).T`` to the bit): with virtual index
    ``v = (S - 1) q``, ``i = floor(v)``, ``g = v - i``, ``a = x[i]``,
    ``b = x[min(i + 1, S - 1)]``, the value is ``a + (b - a) g`` for
    ``g < 0.5`` and ``b - (b - a) (1 - g)`` otherwise.  Sorting once and
    reading a few order statistics is several times faster than
    :func:`numpy.quantile`'s partitions of every column.

    >>> quantiles_sorted(np.array([[1.0, 2.0, 3.0, 4.0]]), (0.05, 0.5, 0.95)).round(2).tolist()
    [[1.15, 2.5, 3.85]]
    """
    size = rows.shape[1]
    v = (size - 1) * np.asarray(levels, dtype=float)
    prev = np.floor(v)
    gamma = v - prev
    lo_i = prev.astype(np.intp)
    hi_i = np.minimum(lo_i + 1, size - 1)
    a = rows[:, lo_i]
    b = rows[:, hi_i]
    diff = b - a
    out: Array = np.where(gamma >= 0.5, b - diff * (1 - gamma), a + diff * gamma)
    return out


def simulate(
    years: Sequence[int],
    pos: ArrayLike,
    lo: ArrayLike,
    hi: ArrayLike,
    k: ArrayLike,
    mid: ArrayLike,
    ceil: ArrayLike,
    w: ArrayLike,
    horizon: int,
    feedback: float,
    rho: float,
    seed_text: str,
    samples: int = SAMPLES,
) -> Uncertainty:
    """Analyse ``samples`` draws of the state and summarise them (SPEC section 8).

    Each draw is a complete state analysed like :func:`scurve.analysis.analyze`:

    - per point, the slope ``s(x) = k L sigma(k (x - m)) (1 - sigma(k (x - m)))``
      and super-critical ``s > 1``;
    - per year, over the categories estimated that year,
      ``mean_slope = sum(w s) / sum(w)`` (none when ``sum(w) = 0``) and the
      count of super-critical points;
    - per category with two or more estimated years, the trajectory fit
      (:func:`fit_batch`, the optimum of ``scurve.trajectory.fit_many``);
    - the forecast on ``scurve.trajectory.grid`` from the first estimated year
      to ``max(horizon, last year)``: positions (with feedback when
      ``feedback > 0``), slopes, the mean slope over the categories with any
      estimate, and its peak: the first grid point of the largest mean slope,
      none when the mean slope varies by less than 1e-6 over the grid.

    Parameters
    ----------
    years : sequence of int, length m
        The state's years, ascending.
    pos, lo, hi : array_like, shape (n, m)
        Positions and their 90% ranges, NaN for no estimate / no range.
    k, mid, ceil, w : array_like, shape (n,)
        Each category's steepness, midpoint, ceiling and weight.
    horizon : int
        The forecast's horizon year.
    feedback : float
        phi in [0, 3] (SPEC section 7).
    rho : float
        Correlation between categories, in [0, 1].
    seed_text : str
        The canonical permalink query: the generator's seed is its SHA-256.
    samples : int
        Number of draws.

    Returns
    -------
    Uncertainty
        Quantiles (numpy's linear method) and shares over the draws.

    Examples
    --------
    >>> nan = float("nan")
    >>> u = simulate([2024, 2025], [[0.3, 0.5]], [[0.2, nan]], [[0.4, nan]], [10.0], [0.5], [1.0],
    ...              [1.0], 2026, 0.0, 0.5, "y=2024,2025", samples=4000)
    >>> [round(v, 1) for v in u.categories[0][0].position]
    [0.2, 0.3, 0.4]
    """
    p = np.atleast_2d(np.asarray(pos, dtype=float))
    low = np.atleast_2d(np.asarray(lo, dtype=float))
    high = np.atleast_2d(np.asarray(hi, dtype=float))
    kk, mm, ll, ww = (np.asarray(v, dtype=float).reshape(-1) for v in (k, mid, ceil, w))
    _check(years, p, low, high, (kk, mm, ll, ww), feedback, rho, samples)
    t_years = np.asarray(years, dtype=float)
    has = ~np.isnan(p)

    rng = np.random.default_rng(seed_of(seed_text))
    x, _ = draw_positions(p, low, high, rho, samples, rng)

    # Points: slopes of every draw, (S, n, m).
    sl = curve_slope(np.where(has, x, 0.0), kk[:, None], mm[:, None], ll[:, None])
    sup = (sl > 1.0) & has

    # Years: weighted mean slope over the categories estimated that year.
    wy = ww[:, None] * has  # (n, m)
    wsum_y = wy.sum(axis=0)  # (m,)
    tot_y = np.einsum("snm,nm->sm", np.where(has, sl, 0.0), wy)
    count_y = sup.sum(axis=1).astype(float)  # (S, m)

    a, r, tm, fitted = _fit_draws(t_years, p, x, has, ~np.isnan(low))

    # Forecast over the categories with any estimate.
    estimated_years = [y for y, e in zip(years, has.any(axis=0).tolist(), strict=True) if e]
    first = estimated_years[0] if estimated_years else years[0]
    t = grid(first, years[-1], horizon)
    act = np.flatnonzero(has.any(axis=1))
    mean_f: Array | None = None
    if act.size and float(ww[act].sum()) > 0:
        # A category with one estimate stays at it.
        first_idx = np.argmax(has[act], axis=1)
        x0 = np.take_along_axis(x[:, act, :], first_idx[None, :, None], axis=2)[..., 0]
        mean_f = _forecast_mean(
            t,
            a[:, act],
            r[:, act],
            tm[act],
            fitted[act],
            x0,
            kk[act],
            mm[act],
            ll[act],
            ww[act],
            float(feedback),
            float(years[-1]),
        )

    return _summarise(years, has, x, sl, sup, tot_y, wsum_y, count_y, t, mean_f, samples=samples, rho=float(rho))


def _fit_draws(
    t: Array, pos: Array, x: Array, has: BoolArray, ranged: BoolArray
) -> tuple[Array, Array, Array, BoolArray]:
    """Trajectory fits of every draw: ``a``, ``r`` (S, n), ``tm`` (n,), ``fitted`` (n,).

    A row without a range is the same in every draw and is fitted once; rows
    with ranges are fitted per draw, all draws of the rows that share their
    estimated years in one :func:`scurve.fit.fit_group` call.
    """
    samples, n, m = x.shape
    a = np.zeros((samples, n))
    r = np.zeros((samples, n))
    tm = np.zeros(n)
    fitted = has.sum(axis=1) >= 2
    varies = fitted & ranged.any(axis=1)
    fixed = np.flatnonzero(fitted & ~varies)
    if fixed.size:
        fb = fit_batch(t, pos[fixed])
        a[:, fixed], r[:, fixed], tm[fixed] = fb.a, fb.rate, fb.t_mean
    rows_v = np.flatnonzero(varies)
    if rows_v.size:
        codes = has[rows_v].astype(np.int64) @ (np.int64(1) << np.arange(m, dtype=np.int64))
        for c in np.unique(codes).tolist():
            rows = rows_v[codes == c]
            cols = np.flatnonzero((c >> np.arange(m)) & 1)
            # (m_g, S * rows): draw-major columns, C order for fast sums over years.
            xg = np.ascontiguousarray(x[:, rows][:, :, cols].reshape(-1, cols.size).T)
            ag, rg, tbar, _, _ = fit_group(t[cols], xg)
            a[:, rows] = ag.reshape(samples, rows.size)
            r[:, rows] = rg.reshape(samples, rows.size)
            tm[rows] = tbar
    return a, r, tm, fitted


def _forecast_mean(
    t: Array,
    a: Array,
    r: Array,
    tm: Array,
    fitted: BoolArray,
    x0: Array,
    k: Array,
    mid: Array,
    ceil: Array,
    w: Array,
    feedback: float,
    t0: float,
) -> Array:
    """Mean slope on the grid for every draw, shape (S, G), over the given (active) rows.

    Positions come from :func:`scurve.forecast.forecast_positions` (the
    single-state forecast, feedback included); without feedback the same
    expression ``sigmoid(a + r (t - tm))`` is evaluated here in place.  Done
    in chunks of draws so the (draws, rows, grid) arrays stay small enough to
    be cheap (and memory stays bounded for a far horizon).  Slopes as in
    :func:`scurve.analysis.analyze`: ``k L sig (1 - sig)``,
    ``sig = (1 + tanh(k (x - m) / 2)) / 2``; mean ``sum(w s) / sum(w)``.
    """
    samples, n = a.shape
    g = t.size
    out = np.empty((samples, g))
    kl = (k * ceil)[:, None]
    half_k = (0.5 * k)[:, None]
    midc = mid[:, None]
    wsum = float(w.sum())
    dtg = t[None, :] - tm[:, None]  # (n, G), shared by all draws
    # The feedback integrator steps in Python, so it gets large chunks.
    chunk = max(1, (CHUNK_CELLS if feedback == 0 else FEEDBACK_CHUNK_CELLS) // (n * g))
    active = np.ones(n, dtype=bool)
    tm_b = np.broadcast_to(tm, (chunk, n))
    fitted_b = np.broadcast_to(fitted, (chunk, n))
    for s0 in range(0, samples, chunk):
        s1 = min(samples, s0 + chunk)
        if feedback == 0:
            xt = _positions(dtg, a[s0:s1], r[s0:s1], fitted, x0[s0:s1])
        else:
            xt = forecast_positions(
                t,
                a[s0:s1],
                r[s0:s1],
                tm_b[: s1 - s0],
                fitted_b[: s1 - s0],
                x0[s0:s1],
                active,
                k,
                mid,
                ceil,
                w,
                feedback,
                t0,
            )
        # s = k L sig (1 - sig), sig = sigmoid(k (x - m)), in place on xt.
        xt -= midc
        xt *= half_k
        np.tanh(xt, out=xt)
        xt += 1.0
        xt *= 0.5
        sl = kl * xt
        np.subtract(1.0, xt, out=xt)
        sl *= xt
        np.einsum("i,sig->sg", w, sl, out=out[s0:s1])
    out /= wsum
    return out


def _positions(dtg: Array, a: Array, r: Array, fitted: BoolArray, x0: Array) -> Array:
    """``sigmoid(a + r (t - tm))`` on the grid, (S, n, G); rows not fitted stay at ``x0``."""
    z = r[:, :, None] * dtg
    z += a[:, :, None]
    z *= 0.5
    np.tanh(z, out=z)
    z += 1.0
    z *= 0.5
    if not fitted.all():
        z[:, ~fitted, :] = x0[:, ~fitted, None]
    return z


def _summarise(
    years: Sequence[int],
    has: BoolArray,
    x: Array,
    sl: Array,
    sup: BoolArray,
    tot_y: Array,
    wsum_y: Array,
    count_y: Array,
    t: Array,
    mean_f: Array | None,
    *,
    samples: int,
    rho: float,
) -> Uncertainty:
    n, m = has.shape
    ok = wsum_y > 0
    mean_y = tot_y / np.where(ok, wsum_y, 1.0)
    # One sort of every summarised quantity, each a contiguous row of draws.
    n_pts = int(has.sum())
    parts = [x[:, has], sl[:, has], mean_y, count_y]
    if mean_f is not None:
        parts.append(mean_f)
    q = quantiles_sorted(np.sort(np.concatenate(parts, axis=1).T, axis=1), Q5)  # (K, 5)
    qx, qs = q[:n_pts].tolist(), q[n_pts : 2 * n_pts].tolist()
    qy, qc = q[2 * n_pts : 2 * n_pts + m].tolist(), q[2 * n_pts + m : 2 * n_pts + 2 * m].tolist()
    psup = sup[:, has].mean(axis=0).tolist()
    bands: list[tuple[PointBand, ...]] = []
    k = 0
    for i in range(n):
        row: list[PointBand] = []
        for j in np.flatnonzero(has[i]).tolist():
            row.append(
                PointBand(
                    year=int(years[j]),
                    position=(qx[k][0], qx[k][2], qx[k][4]),
                    slope=(qs[k][0], qs[k][2], qs[k][4]),
                    p_supercritical=psup[k],
                )
            )
            k += 1
        bands.append(tuple(row))
    cats = tuple(bands)

    pys = ((mean_y > 1.0) & ok).mean(axis=0).tolist()
    ok_l = ok.tolist()
    year_bands = tuple(
        YearBand(
            year=int(years[j]),
            mean_slope=(qy[j][0], qy[j][1], qy[j][2], qy[j][3], qy[j][4]) if ok_l[j] else None,
            p_supercritical=pys[j],
            supercritical_count=(qc[j][0], qc[j][2], qc[j][4]),
        )
        for j in range(m)
    )

    g = t.size
    if mean_f is None:
        none: tuple[float | None, ...] = (None,) * g
        fband = ForecastBand(
            t=tuple(t.tolist()),
            mean_slope=dict.fromkeys(Q5_NAMES, none),
            p_supercritical=(0.0,) * g,
            peak_year=None,
            p_peak_at_edge=0.0,
        )
    else:
        fq = q[2 * n_pts + 2 * m :].T.tolist()  # (5, G)
        ipeak = np.argmax(mean_f, axis=1)
        peaked = (mean_f.max(axis=1) - mean_f.min(axis=1)) >= FLAT
        peaks = t[ipeak[peaked]]
        py = quantiles_sorted(np.sort(peaks)[None, :], Q3)[0].tolist() if peaks.size else None
        fband = ForecastBand(
            t=tuple(t.tolist()),
            mean_slope={name: tuple(fq[i]) for i, name in enumerate(Q5_NAMES)},
            p_supercritical=tuple((mean_f > 1.0).mean(axis=0).tolist()),
            peak_year=(py[0], py[1], py[2]) if py is not None else None,
            p_peak_at_edge=float(np.mean(peaked & (ipeak == g - 1))),
        )
    return Uncertainty(samples=samples, rho=rho, categories=cats, years=year_bands, forecast=fband)


def simulate_state(state: State, ids: Sequence[str], seed_text: str, samples: int = SAMPLES) -> Uncertainty | None:
    """:func:`simulate` for a :class:`~scurve.state.State`; ``None`` when it has no range.

    ``ids`` are the state's categories in output order
    (:func:`scurve.state.category_ids`); ``seed_text`` is its canonical
    permalink query.

    >>> from scurve.catalog import load_catalog
    >>> from scurve.state import default_state
    >>> cat = load_catalog()
    >>> simulate_state(default_state(cat), cat.ids, "v=1") is None
    True
    """
    if not state.has_ranges:
        return None
    years = state.years
    nan = math.nan
    pos = np.array([[state.estimates.get(c, {}).get(y, nan) for y in years] for c in ids], dtype=float)
    lo = np.full(pos.shape, nan)
    hi = np.full(pos.shape, nan)
    for i, cid in enumerate(ids):
        for j, y in enumerate(years):
            rng = state.ranges.get(cid, {}).get(y)
            if rng is not None:
                lo[i, j], hi[i, j] = rng
    curves = [state.curves[c] for c in ids]
    return simulate(
        years,
        pos.reshape(len(ids), len(years)),
        lo,
        hi,
        np.array([c.steepness for c in curves], dtype=float),
        np.array([c.midpoint for c in curves], dtype=float),
        np.array([c.ceiling for c in curves], dtype=float),
        np.array([float(state.weights[c]) for c in ids], dtype=float),
        state.horizon,
        float(state.feedback),
        float(state.rho),
        seed_text,
        samples,
    )


def uncertainty_to_dict(u: Uncertainty, ids: Sequence[str]) -> dict[str, Any]:
    """The ``uncertainty`` block of ``/api/analyze`` (SPEC section 8), keyed by ``ids``.

    ``ids`` names the input rows of :func:`simulate`, in the same order.
    """
    if len(ids) != len(u.categories):
        raise ValueError(f"`ids` must name the {len(u.categories)} rows, got {len(ids)}")
    f = u.forecast
    return {
        "samples": u.samples,
        "rho": u.rho,
        "categories": {
            cid: [
                {
                    "year": pb.year,
                    "position": list(pb.position),
                    "slope": list(pb.slope),
                    "p_supercritical": pb.p_supercritical,
                }
                for pb in bands
            ]
            for cid, bands in zip(ids, u.categories, strict=True)
        },
        "years": [
            {
                "year": yb.year,
                "mean_slope": None if yb.mean_slope is None else list(yb.mean_slope),
                "p_supercritical": yb.p_supercritical,
                "supercritical_count": list(yb.supercritical_count),
            }
            for yb in u.years
        ],
        "forecast": {
            "mean_slope": {name: list(f.mean_slope[name]) for name in Q5_NAMES},
            "p_supercritical": list(f.p_supercritical),
            "peak_year": None if f.peak_year is None else list(f.peak_year),
            "p_peak_at_edge": f.p_peak_at_edge,
        },
    }
