"""Uncertainty: a 90% range on any estimate, carried by Monte Carlo through
the year aggregates, the trajectory fits and the forecast.

Each of 2,000 draws (:mod:`scurve.draws`) is a complete state analysed as
:func:`scurve.analysis.analyze` analyses one: slopes and year aggregates
(:mod:`scurve.curve`'s formulas), the trajectory fit of every category with
two or more estimated years (:mod:`scurve.fit`, the same solver, for all
draws at once) and the forecast (:mod:`scurve.paths`, feedback included,
in chunks of draws to keep its (draws x categories x grid) arrays small).
The per-point bands are exact (:mod:`scurve.draws`); :mod:`scurve.bands`
summarises the rest.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .bands import Q3, PointBand, Uncertainty, forecast_band, year_bands
from .curve import curve_slope
from .draws import draw_positions, p_supercritical, position_quantiles, seed_of, sides, slope_quantiles
from .feedback import lag_steps
from .fit import fit_batch, fit_group
from .forecast import first_estimated_year
from .paths import Paths, make_paths
from .state import State
from .trajectory import grid

Array = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

SAMPLES = 2000
CHUNK_CELLS = 1 << 14  # forecast cells (draws x rows x grid points) per chunk
FEEDBACK_CHUNK_CELLS = 1 << 21  # the feedback integrator steps in Python: large chunks


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
    *,
    lag: float = 0.0,
    shares: Sequence[float] = (0.5, 0.9),
    ids: Sequence[str] | None = None,
) -> Uncertainty:
    """Analyse ``samples`` draws of the state and summarise them.

    Each draw is a complete state analysed like :func:`scurve.analysis.analyze`:

    - per year, over the categories estimated that year,
      ``mean_slope = sum(w s) / sum(w)`` (none when ``sum(w) = 0``) and the
      count of super-critical points (``s > 1``);
    - per category with two or more estimated years, the trajectory fit;
    - the forecast on ``scurve.trajectory.grid`` from the first estimated year
      to ``max(horizon, last year)``: positions (with feedback when
      ``feedback > 0``), the mean slope and its peak (the first grid point of
      its maximum; none when it varies by less than 1e-6), AI's help ``U``,
      its gain ``dU/dt`` and the year of each milestone.

    Per point the bands are exact: the position's and the slope's quantiles
    and ``P(slope > 1)`` under its range (a point without one is fixed).

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
    feedback, lag : float
        The feedback exponent phi in [0, 3] and its lag in years (0 to 3 in steps of 0.25).
    rho : float
        Correlation between categories, in [0, 1].
    seed_text : str
        The canonical query of what the draws depend on: the generator's seed is its SHA-256.
    samples : int
        Number of draws.
    shares : sequence of float
        The milestones' shares of the potential, increasing, each in (0, 1).
    ids : sequence of str
        The rows' category ids (default ``"0"``, ``"1"``, ...): the keys of ``categories``.

    Returns
    -------
    Uncertainty

    Examples
    --------
    >>> nan = float("nan")
    >>> u = simulate([2024, 2025], [[0.3, 0.5]], [[0.2, nan]], [[0.4, nan]], [10.0], [0.5], [1.0],
    ...              [1.0], 2026, 0.0, 0.5, "y=2024,2025", samples=4000)
    >>> [round(v, 3) for v in u.categories["0"][0].position]
    [0.2, 0.3, 0.4]
    """
    p = np.atleast_2d(np.asarray(pos, dtype=float))
    low = np.atleast_2d(np.asarray(lo, dtype=float))
    high = np.atleast_2d(np.asarray(hi, dtype=float))
    kk, mm, ll, ww = (np.asarray(v, dtype=float).reshape(-1) for v in (k, mid, ceil, w))
    _check(years, p, low, high, (kk, mm, ll, ww), feedback, lag, rho, samples, shares)
    names = [str(i) for i in range(p.shape[0])] if ids is None else list(ids)
    if len(names) != p.shape[0]:
        raise ValueError(f"`ids` must name the {p.shape[0]} rows, got {len(names)}")
    t_years = np.asarray(years, dtype=float)
    has = ~np.isnan(p)

    rng = np.random.default_rng(seed_of(seed_text))
    x, _ = draw_positions(p, low, high, rho, samples, rng)

    # Years: weighted mean slope over the categories estimated that year.
    sl = curve_slope(np.where(has, x, 0.0), kk[:, None], mm[:, None], ll[:, None])  # (S, n, m)
    wy = ww[:, None] * has  # (n, m)
    wsum_y = wy.sum(axis=0)  # (m,)
    ok = wsum_y > 0
    mean_y = np.einsum("snm,nm->sm", np.where(has, sl, 0.0), wy) / np.where(ok, wsum_y, 1.0)
    count_y = ((sl > 1.0) & has).sum(axis=1).astype(float)  # (S, m)

    a, r, tm, fitted = _fit_draws(t_years, p, x, has, ~np.isnan(low))

    # Forecast over the categories with any estimate.
    t = grid(first_estimated_year(years, has), years[-1], horizon)
    act = np.flatnonzero(has.any(axis=1))
    mean_f = gain_f = up_f = None
    miles = np.full((samples, len(shares)), np.nan)
    if act.size and float(ww[act].sum()) > 0:
        # A category with one estimate stays at it.
        first_idx = np.argmax(has[act], axis=1)
        x0 = np.take_along_axis(x[:, act, :], first_idx[None, :, None], axis=2)[..., 0]
        every = np.ones(act.size, dtype=bool)

        def paths_of(s0: int, s1: int) -> Paths:
            return make_paths(
                t, a[s0:s1, act], r[s0:s1, act], tm[act], fitted[act], x0[s0:s1], every,
                kk[act], mm[act], ll[act], ww[act], feedback=float(feedback), lag=float(lag), t0=float(years[-1]),
            )  # fmt: skip

        mean_f, gain_f, up_f, miles = _forecast_draws(paths_of, samples, t.size, act.size, float(feedback), shares)
    return Uncertainty(
        samples=samples,
        rho=float(rho),
        categories=dict(zip(names, _point_bands(years, p, low, high, kk, mm, ll), strict=True)),
        years=year_bands(years, mean_y, ok.tolist(), count_y),
        forecast=forecast_band(t, mean_f, gain_f, up_f, miles, shares),
    )


def _point_bands(
    years: Sequence[int], pos: Array, lo: Array, hi: Array, k: Array, mid: Array, ceil: Array
) -> list[tuple[PointBand, ...]]:
    """Every estimate's exact band: fixed without a range, else its
    position's and slope's quantiles and P(slope > 1) under the range."""
    has = ~np.isnan(pos)
    ranged = ~np.isnan(lo)
    ci, yj = np.nonzero(ranged)
    mu, s_lo, s_hi = sides(pos[ci, yj], lo[ci, yj], hi[ci, yj])
    kc, mc, lc = k[ci], mid[ci], ceil[ci]
    qx = position_quantiles(mu, s_lo, s_hi, Q3).tolist()
    qs = slope_quantiles(mu, s_lo, s_hi, kc, mc, lc, Q3).tolist()
    ps = p_supercritical(mu, s_lo, s_hi, kc, mc, lc).tolist()
    at = {(i, j): n for n, (i, j) in enumerate(zip(ci.tolist(), yj.tolist(), strict=True))}
    fixed = curve_slope(np.where(has, pos, 0.0), k[:, None], mid[:, None], ceil[:, None]).tolist()
    pos_l = pos.tolist()
    out: list[tuple[PointBand, ...]] = []
    for i in range(pos.shape[0]):
        row: list[PointBand] = []
        for j in np.flatnonzero(has[i]).tolist():
            n = at.get((i, j))
            if n is None:
                x, s = pos_l[i][j], fixed[i][j]
                row.append(PointBand(int(years[j]), (x, x, x), (s, s, s), 1.0 if s > 1.0 else 0.0))
            else:
                row.append(PointBand(int(years[j]), band(qx[n]), band(qs[n]), ps[n]))
        out.append(tuple(row))
    return out


def band(row: Sequence[float]) -> tuple[float, float, float]:
    return (row[0], row[1], row[2])


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
        fb = fit_batch(t, pos[fixed], rmse=False)
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


def _forecast_draws(
    paths_of: Callable[[int, int], Paths], samples: int, g: int, n: int, feedback: float, shares: Sequence[float]
) -> tuple[Array, Array, Array, Array]:
    """Every draw's mean slope, gain and mean uplift on the grid (S, G) and its milestone
    years (S, Q) (NaN: not reached), from ``paths_of(start, stop)``, the
    paths of draws ``start:stop`` over the categories with an estimate.

    Without feedback one set of paths holds every draw, measured on the grid
    in chunks and searched for its milestones in one go; with feedback the
    integrator steps in Python, so the chunks are large."""
    mean = np.empty((samples, g))
    gain = np.empty((samples, g))
    u = np.empty((samples, g))
    chunk = max(1, (CHUNK_CELLS if feedback == 0 else FEEDBACK_CHUNK_CELLS) // (n * g))
    whole = paths_of(0, samples) if feedback == 0 or samples <= chunk else None
    miles = np.empty((samples, len(shares)))
    for s0 in range(0, samples, chunk):
        s1 = min(samples, s0 + chunk)
        part = whole.rows(s0, s1) if whole is not None else paths_of(s0, s1)
        gm = part.measures(part.positions())
        mean[s0:s1], gain[s0:s1], u[s0:s1] = gm.mean_slope, gm.gain, gm.uplift
        if whole is None:
            miles[s0:s1] = part.milestones(gm.uplift, shares)
    if whole is not None:
        miles = whole.milestones(u, shares)
    return mean, gain, u, miles


def simulate_state(state: State, ids: Sequence[str], seed_text: str, samples: int = SAMPLES) -> Uncertainty | None:
    """:func:`simulate` for a :class:`~scurve.state.State`; ``None`` when it has no range.

    ``ids`` are the state's categories in output order
    (:func:`scurve.state.category_ids`); ``seed_text`` the canonical query
    of what its draws depend on (:func:`scurve.draws.seed_query`).

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
        lag=float(state.lag),
        shares=state.milestones,
        ids=ids,
    )


def _check(
    years: Sequence[int],
    pos: Array,
    lo: Array,
    hi: Array,
    rows: Sequence[Array],
    feedback: float,
    lag: float,
    rho: float,
    samples: int,
    shares: Sequence[float],
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
    lag_steps(lag)  # raises on a lag off its steps
    if not (len(shares) >= 1 and all(0.0 < q < 1.0 for q in shares) and list(shares) == sorted(set(shares))):
        raise ValueError(f"`shares` must be increasing values in (0, 1), got {list(shares)!r}")
    if samples < 2:
        raise ValueError(f"`samples` must be at least 2, got {samples!r}")
