"""One state in, one named result out: per point, per year, per category
trajectory, the forecast, what moves the verdict and, with ranges, the
Monte Carlo summary.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from .bands import Uncertainty
from .catalog import Catalog
from .curve import Curve, Phase, band, curve_elasticity, curve_sigma, phase, relative_slope, slope, uplift
from .draws import seed_query
from .forecast import CategoryForecast, Forecast, Milestone, point_forecast
from .permalink import permalink
from .sensitivity import Sensitivity, sensitivity
from .state import State, category_ids, category_label
from .trajectory import RISING, Trajectory, fit_many, trajectory
from .uncertainty import simulate_state

#: Slopes below this have no break-even payoff (it would be astronomically large).
TINY_SLOPE = 1e-12


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
    #: L / slope: the smallest ceiling at which this mark would be super-critical,
    #: all else as drawn; None when the slope is below 1e-12.
    breakeven_payoff: float | None


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
    #: 1 / mean_slope: the factor every ceiling would need for this year's mean
    #: slope to reach 1; None where mean_slope is None or below 1e-12.
    breakeven_scale: float | None


@dataclass(frozen=True)
class Analysis:
    state: State
    permalink: str
    categories: tuple[CategoryResult, ...]
    years: tuple[YearResult, ...]
    forecast: Forecast
    compare: Analysis | None
    warnings: tuple[str, ...]
    #: The Monte Carlo summary of the state's ranges; None without ranges.
    uncertainty: Uncertainty | None = None
    #: Each last-year estimate moved to its range's ends; None when the last year has no estimate.
    sensitivity: tuple[Sensitivity, ...] | None = None


def analyze(state: State, catalog: Catalog, warnings: tuple[str, ...] = ()) -> Analysis:
    """Analyse a state: every point, every year's aggregates, each category's
    fitted trajectory, the forecast and its sensitivity.

    Year aggregates, over the categories estimated that year, with weights w::

        mean_slope = sum(w s) / sum(w)      (None when sum(w) == 0)
        total_slope = sum(w s)
        mean_uplift = sum(w u) / sum(w)
        breakeven_scale = 1 / mean_slope

    >>> from scurve.catalog import load_catalog
    >>> from scurve.state import default_state
    >>> cat = load_catalog()
    >>> a = analyze(default_state(cat), cat)
    >>> [y.supercritical_count for y in a.years]
    [4, 6, 7]
    >>> [round(y.mean_slope, 2) for y in a.years]
    [0.64, 1.29, 1.7]
    >>> [round(y.breakeven_scale, 2) for y in a.years]
    [1.56, 0.77, 0.59]
    """
    warn = list(warnings)
    main = _analyze_one(state, catalog, warn, "")
    compare = None
    if state.compare is not None:
        other = state.compare
        compare = _analyze_one(other, catalog, warn, "compared view: ")
    return replace(main, compare=compare, warnings=tuple(warn))


def _uncertainty(state: State, catalog: Catalog) -> Uncertainty | None:
    """The draws of a state with ranges, seeded by the canonical query of
    what the draws depend on (so a comparison, a title, the horizon or the
    feedback leave every figure that does not depend on them as it was)."""
    if not state.has_ranges:
        return None
    alone = state.with_compare(None)
    return simulate_state(alone, category_ids(alone, catalog), seed_query(alone, catalog))


def _analyze_one(state: State, catalog: Catalog, warn: list[str], label: str) -> Analysis:
    """The analysis of one state, without its comparison; warnings go to ``warn``."""
    years = state.years
    ids = category_ids(state, catalog)
    n, m = len(ids), len(years)
    nan = float("nan")
    pos = np.array([[state.estimates.get(cid, {}).get(y, nan) for y in years] for cid in ids], dtype=float)
    pos = pos.reshape(n, m)
    curves = [state.curves[cid] for cid in ids]
    w = np.array([state.weights[cid] for cid in ids], dtype=float)
    # One array of (k, m, L) per category, built once and shared with the forecast.
    kml = np.array([(c.steepness, c.midpoint, c.ceiling) for c in curves], dtype=float).reshape(n, 3)
    k, mid, ceil = kml[:, 0:1], kml[:, 1:2], kml[:, 2:3]
    has = ~np.isnan(pos)
    filled = np.where(has, pos, 0.0)
    sig = curve_sigma(filled, k, mid)
    up = ceil * sig
    sl = (k * ceil) * sig * (1.0 - sig)
    rel = sl / (k * ceil / 4.0)
    sup = (sl > 1.0) & has
    el = curve_elasticity(filled, k, mid)
    # L / s: the ceiling at which the mark's slope would be exactly 1.
    payoff = np.where(sl >= TINY_SLOPE, ceil / np.maximum(sl, TINY_SLOPE), nan)

    fits = fit_many(np.array(years, dtype=float), pos)

    # Python lists, not numpy scalars, for the per-point loop: several times faster.
    pos_l, up_l, sl_l, rel_l, has_l = pos.tolist(), up.tolist(), sl.tolist(), rel.tolist(), has.tolist()
    el_l, pay_l = el.tolist(), payoff.tolist()
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
                breakeven_payoff=None if pay_l[i][j] != pay_l[i][j] else pay_l[i][j],
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

    kml_cols = (kml[:, 0], kml[:, 1], kml[:, 2])
    forecast = point_forecast(
        ids, years, state.horizon, pos, has, fits, kml_cols, w,
        feedback=state.feedback, lag=state.lag, shares=state.milestones,
    )  # fmt: skip
    moved = sensitivity(
        ids, years, state.horizon, pos, fits, kml_cols, w, state.ranges,
        feedback=state.feedback, lag=state.lag, first_share=state.milestones[0],
    )  # fmt: skip
    return Analysis(
        state=state,
        permalink=permalink(state, catalog),
        categories=tuple(cats),
        years=_years(ids, years, has, filled, sl, up, sup, el, mid, w),
        forecast=forecast,
        compare=None,
        warnings=(),
        uncertainty=_uncertainty(state, catalog),
        sensitivity=moved,
    )


def _years(
    ids: tuple[str, ...],
    years: tuple[int, ...],
    has: NDArray[np.bool_],
    filled: NDArray[np.float64],
    sl: NDArray[np.float64],
    up: NDArray[np.float64],
    sup: NDArray[np.bool_],
    el: NDArray[np.float64],
    mid: NDArray[np.float64],
    w: NDArray[np.float64],
) -> tuple[YearResult, ...]:
    """Each year's aggregates over the categories estimated that year."""
    acc = sup & (filled < mid)
    sup_ll = (el > 1.0) & has
    past = (filled >= mid) & has
    out: list[YearResult] = []
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
        out.append(
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
                breakeven_scale=1.0 / mean if mean is not None and mean >= TINY_SLOPE else None,
            )
        )
    return tuple(out)


# Keep the scalar functions importable from here for callers that want one point.
__all__ = [
    "Analysis",
    "CategoryForecast",
    "Forecast",
    "Milestone",
    "Sensitivity",
    "analyze",
    "relative_slope",
    "slope",
    "uplift",
]
