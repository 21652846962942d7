"""One state in, one named result out: per point, per year, per category
trajectory, and the forecast (SPEC section 3).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .catalog import Catalog
from .curve import Curve, Phase, band, phase, relative_slope, slope, uplift
from .forecast import forecast_positions
from .permalink import permalink, seed_query
from .state import State, category_ids, category_label
from .trajectory import RISING, Fit, Trajectory, fit_many, grid, trajectory
from .uncertainty import Uncertainty, simulate_state

#: A forecast whose mean slope varies by less than this over the grid has no peak.
FLAT = 1e-6


@dataclass(frozen=True)
class Point:
    """One category's estimate for one year."""

    year: int
    position: float
    uplift: float
    slope: float
    relative_slope: float
    phase: Phase
    supercritical: bool
    elasticity: float
    supercritical_loglog: bool


@dataclass(frozen=True)
class CategoryResult:
    id: str
    name: str
    group: str
    curve: Curve
    weight: float
    band: tuple[float, float] | None
    points: tuple[Point, ...]
    trajectory: Trajectory | None


@dataclass(frozen=True)
class YearResult:
    """Aggregates over the categories estimated for one year."""

    year: int
    mean_slope: float | None
    total_slope: float
    supercritical: bool
    supercritical_count: int
    accelerating_count: int
    mean_uplift: float | None
    past_midpoint_count: int
    loglog_supercritical_count: int
    newly_supercritical: tuple[str, ...]


@dataclass(frozen=True)
class CategoryForecast:
    position: tuple[float, ...] | None
    slope: tuple[float, ...] | None
    uplift: tuple[float, ...] | None
    # w·u / Σw: this category's part of mean_uplift (the parts add up to it);
    # None for a category without estimates or when every weight is 0.
    share: tuple[float, ...] | None = None


@dataclass(frozen=True)
class Forecast:
    """Mean and total slope over a quarter-year grid to the horizon."""

    t: tuple[float, ...]
    mean_slope: tuple[float | None, ...]
    total_slope: tuple[float, ...]
    peak_year: float | None
    peak_at_edge: bool
    supercritical_from: float | None
    supercritical_to: float | None
    categories: Mapping[str, CategoryForecast]
    mean_uplift: tuple[float | None, ...]


@dataclass(frozen=True)
class Analysis:
    state: State
    permalink: str
    categories: tuple[CategoryResult, ...]
    years: tuple[YearResult, ...]
    forecast: Forecast
    compare: Analysis | None
    warnings: tuple[str, ...]
    #: The Monte Carlo summary of the state's ranges (SPEC 8); None without ranges.
    uncertainty: Uncertainty | None = None


def analyze(state: State, catalog: Catalog, warnings: tuple[str, ...] = ()) -> Analysis:
    """Analyse a state: every point, every year's aggregates, each category's
    fitted trajectory and the forecast of the aggregate slope.

    Year aggregates, over the categories estimated that year, with weights w::

        mean_slope = sum(w s) / sum(w)      (None when sum(w) == 0)
        total_slope = sum(w s)
        mean_uplift = sum(w u) / sum(w)

    >>> from scurve.catalog import load_catalog
    >>> from scurve.state import default_state
    >>> cat = load_catalog()
    >>> a = analyze(default_state(cat), cat)
    >>> [y.supercritical_count for y in a.years]
    [4, 6, 7]
    >>> [round(y.mean_slope, 2) for y in a.years]
    [0.64, 1.29, 1.7]
    """
    warn = list(warnings)
    main = _analyze_one(state, catalog, warn, "")
    compare = None
    if state.compare is not None:
        other = state.compare
        parts = _analyze_one(other, catalog, warn, "compared view: ")
        compare = Analysis(
            state=other,
            permalink=permalink(other, catalog),
            categories=parts[0],
            years=parts[1],
            forecast=parts[2],
            compare=None,
            warnings=(),
            uncertainty=_uncertainty(other, catalog),
        )
    return Analysis(
        state=state,
        permalink=permalink(state, catalog),
        categories=main[0],
        years=main[1],
        forecast=main[2],
        compare=compare,
        warnings=tuple(warn),
        uncertainty=_uncertainty(state, catalog),
    )


def _uncertainty(state: State, catalog: Catalog) -> Uncertainty | None:
    """The draws of a state with ranges, seeded by its own canonical query
    (without any comparison: comparing with another view leaves the numbers
    of this one as they were)."""
    if not state.has_ranges:
        return None
    alone = state.with_compare(None)
    return simulate_state(alone, category_ids(alone, catalog), seed_query(alone, catalog))


def _analyze_one(
    state: State, catalog: Catalog, warn: list[str], label: str
) -> tuple[tuple[CategoryResult, ...], tuple[YearResult, ...], Forecast]:
    years = state.years
    ids = category_ids(state, catalog)
    n, m = len(ids), len(years)
    nan = float("nan")
    pos = np.array([[state.estimates.get(cid, {}).get(y, nan) for y in years] for cid in ids], dtype=float)
    pos = pos.reshape(n, m)
    curves = [state.curves[cid] for cid in ids]
    w = np.array([state.weights[cid] for cid in ids])
    # One array of (k, m, L) per category, built once and shared with the forecast.
    kml = np.array([(c.steepness, c.midpoint, c.ceiling) for c in curves])
    k, mid, ceil = kml[:, 0:1], kml[:, 1:2], kml[:, 2:3]
    has = ~np.isnan(pos)
    filled = np.where(has, pos, 0.0)
    # Same formulas as scurve.curve, vectorised over all points at once.
    sig = 0.5 * (1.0 + np.tanh(0.5 * k * (filled - mid)))
    up = ceil * sig
    sl = k * ceil * sig * (1.0 - sig)
    rel = sl / (k * ceil / 4.0)
    sup = (sl > 1.0) & has
    acc = sup & (filled < mid)
    # Elasticity, the slope on log-log axes: k x (1 - sigma(k (x - m))).
    el = k * filled * (1.0 - sig)
    sup_ll = (el > 1.0) & has
    past = (filled >= mid) & has

    fits = fit_many(np.array(years, dtype=float), pos)

    # Python lists, not numpy scalars, for the per-point loop: several times faster.
    pos_l, up_l, sl_l, rel_l, has_l = pos.tolist(), up.tolist(), sl.tolist(), rel.tolist(), has.tolist()
    el_l = el.tolist()
    cats: list[CategoryResult] = []
    for i, cid in enumerate(ids):
        name, group = category_label(state, catalog, cid)
        pts = tuple(
            Point(
                year=years[j],
                position=pos_l[i][j],
                uplift=up_l[i][j],
                slope=sl_l[i][j],
                relative_slope=rel_l[i][j],
                phase=phase(pos_l[i][j], sl_l[i][j], curves[i]),
                supercritical=sl_l[i][j] > 1.0,
                elasticity=el_l[i][j],
                supercritical_loglog=el_l[i][j] > 1.0,
            )
            for j in range(m)
            if has_l[i][j]
        )
        fit = fits[i]
        traj = trajectory(fit, curves[i]) if fit is not None else None
        if fit is not None and fit.rate <= -RISING:
            warn.append(
                f"{label}{name} ({cid}): the estimates fall over time "
                f"(rate {fit.rate:.2f} per year); its forecast declines"
            )
        cats.append(
            CategoryResult(
                id=cid,
                name=name,
                group=group,
                curve=curves[i],
                weight=float(w[i]),
                band=band(curves[i]),
                points=pts,
                trajectory=traj,
            )
        )

    year_results: list[YearResult] = []
    for j, y in enumerate(years):
        mask = has[:, j]
        newly: tuple[str, ...] = ()
        if j > 0:
            now = sup[:, j] & has[:, j - 1] & ~sup[:, j - 1]
            newly = tuple(ids[i] for i in np.flatnonzero(now).tolist())
        wsum = float(w[mask].sum())
        total = float((w[mask] * sl[mask, j]).sum())
        mean = total / wsum if wsum > 0 else None
        mean_up = float((w[mask] * up[mask, j]).sum()) / wsum if wsum > 0 else None
        year_results.append(
            YearResult(
                year=y,
                mean_slope=mean,
                total_slope=total,
                supercritical=mean is not None and mean > 1.0,
                supercritical_count=int(sup[:, j].sum()),
                accelerating_count=int(acc[:, j].sum()),
                mean_uplift=mean_up,
                past_midpoint_count=int(past[:, j].sum()),
                loglog_supercritical_count=int(sup_ll[:, j].sum()),
                newly_supercritical=newly,
            )
        )
    return tuple(cats), tuple(year_results), _forecast(state, ids, pos, has, fits, (k, mid, ceil), w)


def _forecast(
    state: State,
    ids: tuple[str, ...],
    pos: NDArray[np.float64],
    has: NDArray[np.bool_],
    fits: list[Fit | None],
    kml: tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]],
    w: NDArray[np.float64],
) -> Forecast:
    years = state.years
    estimated: list[bool] = np.asarray(has.any(axis=0)).tolist()
    first = next((y for y, e in zip(years, estimated, strict=True) if e), years[0])
    t = grid(first, years[-1], state.horizon)
    n = len(ids)
    # x(t) = sigma(a + r (t - t_bar)) for every fitted category in one array
    # operation (sped up from the last year on, with feedback); a category
    # with one estimated year stays at it.
    a = np.zeros(n)
    r = np.zeros(n)
    tm = np.zeros(n)
    x0 = np.zeros(n)
    fitted = np.zeros(n, dtype=bool)
    for i, fit in enumerate(fits):
        if fit is not None:
            a[i], r[i], tm[i], fitted[i] = fit.a, fit.rate, fit.t_mean, True
        elif has[i].any():
            x0[i] = pos[i, has[i]][0]
    active: NDArray[np.bool_] = np.asarray(has.any(axis=1), dtype=bool)
    k, mid, ceil = kml
    xs = forecast_positions(
        t, a, r, tm, fitted, x0, active, k[:, 0], mid[:, 0], ceil[:, 0], w, state.feedback, float(years[-1])
    )
    sig = 0.5 * (1.0 + np.tanh(0.5 * k * (np.nan_to_num(xs) - mid)))
    sl = k * ceil * sig * (1.0 - sig)
    up = ceil * sig
    wa = np.where(active, w, 0.0)
    total = (wa[:, None] * np.where(active[:, None], sl, 0.0)).sum(axis=0)
    wsum = float(wa.sum())
    mean = total / wsum if wsum > 0 else None
    mean_up = (wa[:, None] * np.where(active[:, None], up, 0.0)).sum(axis=0) / wsum if wsum > 0 else None

    peak_year: float | None = None
    peak_at_edge = False
    sc_from = sc_to = None
    if mean is not None:
        # A flat forecast has no peak (SPEC section 7).
        if float(mean.max() - mean.min()) >= FLAT:
            ipeak = int(np.argmax(mean))
            peak_year = float(t[ipeak])
            peak_at_edge = ipeak == t.size - 1
        above = mean > 1.0
        if above.any():
            i0 = int(np.argmax(above))
            run_end = i0
            while run_end + 1 < t.size and above[run_end + 1]:
                run_end += 1
            sc_from, sc_to = float(t[i0]), float(t[run_end])
    xs_l, sl_l, up_l = xs.tolist(), sl.tolist(), up.tolist()
    share_l = (wa[:, None] * up / wsum).tolist() if wsum > 0 else None
    cat_fc = {
        cid: CategoryForecast(
            position=tuple(xs_l[i]) if active[i] else None,
            slope=tuple(sl_l[i]) if active[i] else None,
            uplift=tuple(up_l[i]) if active[i] else None,
            share=tuple(share_l[i]) if active[i] and share_l is not None else None,
        )
        for i, cid in enumerate(ids)
    }
    none_row = tuple(None for _ in range(t.size))
    return Forecast(
        t=tuple(t.tolist()),
        mean_slope=tuple(mean.tolist()) if mean is not None else none_row,
        total_slope=tuple(total.tolist()),
        peak_year=peak_year,
        peak_at_edge=peak_at_edge,
        supercritical_from=sc_from,
        supercritical_to=sc_to,
        categories=cat_fc,
        mean_uplift=tuple(mean_up.tolist()) if mean_up is not None else none_row,
    )


# Keep the scalar functions importable from here for callers that want one point.
__all__ = ["Analysis", "analyze", "relative_slope", "slope", "uplift"]
