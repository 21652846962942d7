"""The worked examples of the method page, computed with the model itself
(so the page cannot drift from the code; a test recomputes each one by hand).

All examples use the catalog's default view (the default curve 0.5, 10, 1
and every category's default marks) unless they say otherwise.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

import numpy as np

from .analysis import analyze
from .catalog import Catalog
from .curve import DEFAULT_CURVE, band, curve_elasticity, curve_sigma, slope
from .draws import seed_query, sides
from .state import default_state
from .summary import year_words
from .trajectory import fit_many

#: The mark the curve examples read: position 0.3 on the default curve.
EXAMPLE_X = 0.3
#: The feedback example: exponent, lag and the time it reads.
EXAMPLE_PHI, EXAMPLE_LAG, EXAMPLE_T = 1.0, 0.5, 2027.0
#: The range example: bug fixes in 2025, its mark and 90% range.
RANGE_ID, RANGE_YEAR, RANGE = "bug_fixes", 2025, (0.37, 0.47)


@dataclass(frozen=True)
class WorkedExamples:
    # The curve at x = 0.3 (m = 0.5, k = 10, L = 1)
    x: float
    sigma: float
    uplift: float
    slope: float
    elasticity: float
    payoff: float
    band_lo: float
    band_hi: float
    band_z: float
    # The last year of the default view
    year: int
    mean_slope: float
    scale: float
    # The trajectory of bug fixes' default marks
    fit_id: str
    fit_positions: tuple[float, ...]
    fit_a: float
    fit_rate: float
    fit_t_mean: float
    fit_rmse: float
    fit_midpoint_year: float
    # Progress without feedback: U at the last year, its gain, the potential, the first milestone
    u_t0: float
    gain_t0: float
    potential: float
    share: float
    milestone: float
    milestone_words: str
    # Feedback phi = 1 with a lag of half a year, read at 2027
    phi: float
    lag: float
    t: float
    u_lagged: float
    u_base: float
    g: float
    # A range on bug fixes in 2025
    range_year: int
    range_x: float
    range_lo: float
    range_hi: float
    mu: float
    sigma_lo: float
    sigma_hi: float
    slope_band: tuple[float, float, float]
    p_supercritical: float
    rho: float
    seed_hex: str
    # What moves the verdict most in the default view
    top_id: str
    top_low_x: float
    top_high_x: float
    top_mean_slope: tuple[float, float]
    top_milestone: tuple[float, float]


def worked_examples(catalog: Catalog) -> WorkedExamples:
    """Every example of the method page, from the model.

    >>> from scurve.catalog import load_catalog
    >>> ex = worked_examples(load_catalog())
    >>> round(ex.slope, 4), round(ex.payoff, 4), ex.year, round(ex.scale, 2)
    (1.0499, 0.9524, 2026, 0.59)
    """
    c = DEFAULT_CURVE
    x = EXAMPLE_X
    s = float(slope(x, c))
    lo, hi = band(c) or (float("nan"), float("nan"))
    state = default_state(catalog)
    a = analyze(state, catalog)
    last = a.years[-1]
    assert last.mean_slope is not None and last.breakeven_scale is not None

    row = np.array([[state.estimates[RANGE_ID][y] for y in state.years]])
    fit = fit_many(np.array(state.years, dtype=float), row)[0]
    traj = a.categories[0].trajectory
    assert fit is not None and traj is not None and traj.midpoint_year is not None

    f = a.forecast
    i0 = f.t.index(float(state.years[-1]))
    first = f.milestones[0]
    u0, g0 = f.mean_uplift[i0], f.gain[i0]
    assert u0 is not None and g0 is not None and f.potential is not None and first.year is not None

    fb = analyze(replace(state, feedback=EXAMPLE_PHI, lag=EXAMPLE_LAG), catalog).forecast
    u_lagged = fb.mean_uplift[fb.t.index(EXAMPLE_T - EXAMPLE_LAG)]
    u_base = fb.mean_uplift[fb.t.index(state.years[-1] - EXAMPLE_LAG)]
    assert u_lagged is not None and u_base is not None

    rx = state.estimates[RANGE_ID][RANGE_YEAR]
    ranged = replace(state, ranges={RANGE_ID: {RANGE_YEAR: RANGE}})
    ra = analyze(ranged, catalog)
    assert ra.uncertainty is not None
    pb = next(p for p in ra.uncertainty.categories[RANGE_ID] if p.year == RANGE_YEAR)
    mu, s_lo, s_hi = (float(v) for v in sides(np.array(rx), np.array(RANGE[0]), np.array(RANGE[1])))

    assert a.sensitivity
    top = a.sensitivity[0]
    ms_lo, ms_hi = top.milestone
    top_lo, top_hi = top.mean_slope
    assert ms_lo is not None and ms_hi is not None and top_lo is not None and top_hi is not None
    return WorkedExamples(
        x=x,
        sigma=float(curve_sigma(x, c.steepness, c.midpoint)),
        uplift=float(c.ceiling * curve_sigma(x, c.steepness, c.midpoint)),
        slope=s,
        elasticity=float(curve_elasticity(x, c.steepness, c.midpoint)),
        payoff=c.ceiling / s,
        band_lo=lo,
        band_hi=hi,
        band_z=c.steepness * (hi - c.midpoint),
        year=last.year,
        mean_slope=last.mean_slope,
        scale=last.breakeven_scale,
        fit_id=RANGE_ID,
        fit_positions=tuple(row[0].tolist()),
        fit_a=fit.a,
        fit_rate=fit.rate,
        fit_t_mean=fit.t_mean,
        fit_rmse=fit.rmse,
        fit_midpoint_year=traj.midpoint_year,
        u_t0=u0,
        gain_t0=g0,
        potential=f.potential,
        share=first.share,
        milestone=first.year,
        milestone_words=year_words(first.year),
        phi=EXAMPLE_PHI,
        lag=EXAMPLE_LAG,
        t=EXAMPLE_T,
        u_lagged=u_lagged,
        u_base=u_base,
        g=fb.speedup[fb.t.index(EXAMPLE_T)],
        range_year=RANGE_YEAR,
        range_x=rx,
        range_lo=RANGE[0],
        range_hi=RANGE[1],
        mu=mu,
        sigma_lo=s_lo,
        sigma_hi=s_hi,
        slope_band=pb.slope,
        p_supercritical=pb.p_supercritical,
        rho=ranged.rho,
        seed_hex=hashlib.sha256(seed_query(ranged, catalog).encode()).hexdigest()[:16],
        top_id=top.id,
        top_low_x=top.low_x,
        top_high_x=top.high_x,
        top_mean_slope=(top_lo, top_hi),
        top_milestone=(ms_lo, ms_hi),
    )
