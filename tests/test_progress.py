"""The forecast of progress: AI's help U(t) against its potential, its gain
and its milestones, checked against closed forms.

Without feedback a fitted category follows x(t) = sigma(r (t - T)) with T
its midpoint year, so with u = L sigma(k (x - m)):

- U(t) = sum w_i u_i(x_i(t)) / sum w_i and U_max = sum w_i L_i / sum w_i;
- dU/dt = sum w_i L_i k_i s_i (1 - s_i) x_i (1 - x_i) r_i / sum w_i;
- for one category, U = q L where sigma(k (x - m)) = q, i.e.
  x* = m + logit(q) / k and t* = T + logit(x*) / r.

Several categories: the first crossing found by scipy's brentq on a fine
scan of the closed form.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from scipy.optimize import brentq  # type: ignore[import-untyped]

from scurve import Catalog, analyze, default_state, state_from_json
from scurve.analysis import Analysis
from scurve.trajectory import fit_many


def sig(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def only(catalog: Catalog, estimates: dict[str, dict[str, float]], **rest: Any) -> Analysis:
    est: dict[str, dict[str, float]] = {cid: {} for cid in catalog.ids}
    est.update(estimates)
    shares = rest.pop("shares", None)
    state = state_from_json({"estimates": est, **rest}, catalog)
    if shares is not None:
        state = replace(state, milestones=shares)
    return analyze(state, catalog)


class ClosedForm:
    """U(t) and its gain from each category's fit x(t) = sigma(a + r (t - t_bar))
    (the fit itself is checked in test_trajectory.py)."""

    def __init__(self, a: Analysis) -> None:
        st = a.state
        self.parts = []
        for c in a.categories:
            if not c.points or c.weight == 0:
                continue
            cv = c.curve
            row = np.array([[st.estimates[c.id].get(y, np.nan) for y in st.years]])
            fit = fit_many(np.array(st.years, dtype=float), row)[0]
            coef = None if fit is None else (fit.a, fit.rate, fit.t_mean)
            self.parts.append((c.weight, cv.midpoint, cv.steepness, cv.ceiling, coef, c.points[0].position))
        self.wsum = sum(p[0] for p in self.parts)
        self.potential = sum(p[0] * p[3] for p in self.parts) / self.wsum

    def x(self, part: tuple[Any, ...], t: float) -> float:
        coef, x0 = part[4], part[5]
        return x0 if coef is None else sig(coef[0] + coef[1] * (t - coef[2]))

    def U(self, t: float) -> float:
        return sum(w * L * sig(k * (self.x(p, t) - m)) for p in self.parts for w, m, k, L in [p[:4]]) / self.wsum

    def gain(self, t: float) -> float:
        total = 0.0
        for p in self.parts:
            w, m, k, L = p[:4]
            r = 0.0 if p[4] is None else p[4][1]
            x = self.x(p, t)
            s = sig(k * (x - m))
            total += w * L * k * s * (1 - s) * x * (1 - x) * r
        return total / self.wsum

    def first_reach(self, q: float, start: float, end: float) -> float | None:
        target = q * self.potential
        ts = np.arange(start, end + 1e-9, 1 / 512)
        vals = [self.U(float(t)) - target for t in ts]
        i = next((j for j, v in enumerate(vals) if v >= 0), None)
        if i is None:
            return None
        return float(start) if i == 0 else float(brentq(lambda t: self.U(t) - target, ts[i - 1], ts[i], xtol=1e-12))


def test_one_category_milestones_and_gain_in_closed_form(catalog: Catalog) -> None:
    # Midpoint 0.4, steepness 12, ceiling 0.8: U = q L where x* = m + logit(q) / k.
    a = only(
        catalog,
        {"bug_fixes": {"2024": 0.2, "2025": 0.3, "2026": 0.42}},
        curves={"bug_fixes": {"midpoint": 0.4, "steepness": 12, "ceiling": 0.8}},
        horizon=2032,
        shares=(0.25, 0.5, 0.9),
    )
    f = a.forecast
    tr = a.categories[0].trajectory
    assert tr is not None and tr.midpoint_year is not None
    r, T = tr.rate, tr.midpoint_year
    assert f.potential == pytest.approx(0.8, abs=1e-15)
    for ms in f.milestones:
        x_star = 0.4 + logit(ms.share) / 12
        t_star = T + logit(x_star) / r
        assert f.t[0] < t_star < f.t[-1]
        assert ms.year == pytest.approx(t_star, abs=1e-6) and not ms.already
    for t, g, u in zip(f.t, f.gain, f.mean_uplift, strict=True):
        x = sig(r * (t - T))
        s = sig(12 * (x - 0.4))
        assert u == pytest.approx(0.8 * s, rel=1e-9)
        assert g == pytest.approx(0.8 * 12 * s * (1 - s) * x * (1 - x) * r, rel=1e-9)
    # The gain peaks where dU/dt is largest: check against a fine scan of the closed form.
    cf = ClosedForm(a)
    peak = max(f.t, key=cf.gain)
    assert f.gain_peak_year == peak
    assert set(f.speedup) == {1.0}


def test_weighted_categories_first_reach_by_root_finding(catalog: Catalog) -> None:
    state = default_state(catalog)
    state = replace(
        state,
        weights={**state.weights, "chip_design": 3.0, "synthetic_data": 0.0},
        milestones=(0.3, 0.5, 0.75, 0.9),
        horizon=2034,
    )
    a = analyze(state, catalog)
    cf = ClosedForm(a)
    f = a.forecast
    assert f.potential == pytest.approx(cf.potential, abs=1e-15)
    for t, u, g in zip(f.t, f.mean_uplift, f.gain, strict=True):
        assert u == pytest.approx(cf.U(t), rel=1e-9)
        assert g == pytest.approx(cf.gain(t), rel=1e-8, abs=1e-15)
    for ms in f.milestones:
        assert ms.year == pytest.approx(cf.first_reach(ms.share, f.t[0], f.t[-1]), abs=1e-6)


def test_rising_and_falling_categories_cross_twice(catalog: Catalog) -> None:
    """U rises then falls: the first crossing counts, found between grid points."""
    a = only(
        catalog,
        {
            "bug_fixes": {"2024": 0.2, "2025": 0.5, "2026": 0.8},  # rises fast
            "chip_design": {"2024": 0.95, "2025": 0.7, "2026": 0.1},  # falls fast
        },
        curves={"chip_design": {"midpoint": 0.5, "steepness": 10, "ceiling": 1}},
        horizon=2030,
        shares=(0.5, 0.6),
    )
    cf = ClosedForm(a)
    f = a.forecast
    for ms in f.milestones:
        expected = cf.first_reach(ms.share, f.t[0], f.t[-1])
        if expected is None:
            assert ms.year is None
        else:
            assert ms.year == pytest.approx(expected, abs=1e-6)
            assert ms.already == (expected == f.t[0])
    assert any(g < 0 for g in f.gain if g is not None)  # the falling category pulls U down
    assert any("Chip design" in w and "fall" in w for w in a.warnings)


def test_already_and_never(catalog: Catalog) -> None:
    # U at the start is above half its potential; 0.95 is never reached by 2030.
    a = only(catalog, {"bug_fixes": {"2024": 0.6, "2025": 0.62, "2026": 0.64}}, shares=(0.5, 0.99))
    first, last = a.forecast.milestones
    assert first.already and first.year == 2024.0
    assert not last.already and last.year is None
    assert ClosedForm(a).U(2030) < 0.99


def test_one_year_and_flat_marks_hold_u_where_it_is(catalog: Catalog) -> None:
    for est in ({"bug_fixes": {"2026": 0.3}}, {"bug_fixes": {"2024": 0.3, "2025": 0.3, "2026": 0.3}}):
        a = only(catalog, est)
        f = a.forecast
        u0 = sig(10 * (0.3 - 0.5))
        assert f.mean_uplift == pytest.approx([u0] * len(f.t), rel=1e-12)
        assert set(f.gain) == {0.0} and f.gain_peak_year is None and f.peak_year is None
        assert [(m.year, m.already) for m in f.milestones] == [(None, False), (None, False)]


def test_no_weight_no_potential(catalog: Catalog) -> None:
    zero = {cid: 0 for cid in catalog.ids if cid != "bug_fixes"}
    a = only(catalog, {"chip_design": {"2024": 0.5, "2025": 0.6}}, weights=zero)
    f = a.forecast
    assert f.potential is None and set(f.gain) == {None} and f.gain_peak_year is None
    assert [(m.year, m.already) for m in f.milestones] == [(None, False), (None, False)]
    assert set(f.speedup) == {1.0}


def test_breakeven_payoff_makes_the_slope_one(catalog: Catalog) -> None:
    a = analyze(default_state(catalog), catalog)
    for c in a.categories:
        for p in c.points:
            assert p.breakeven_payoff == pytest.approx(c.curve.ceiling / p.slope, rel=1e-15)
            payoff = round(p.breakeven_payoff, 3)
            if 0.05 <= payoff <= 1:
                # Redraw with that ceiling: the same mark's slope is 1 (to the rounding of the ceiling).
                other = replace(c.curve, ceiling=payoff)
                x = p.position
                s = sig(other.steepness * (x - other.midpoint))
                assert other.steepness * payoff * s * (1 - s) == pytest.approx(1.0, abs=0.5e-3 / payoff * p.slope)
                assert p.supercritical == (c.curve.ceiling > p.breakeven_payoff)


def test_breakeven_scale_makes_the_mean_slope_one(catalog: Catalog) -> None:
    state = default_state(catalog)
    a = analyze(state, catalog)
    for y in a.years:
        assert y.mean_slope is not None and y.breakeven_scale == pytest.approx(1 / y.mean_slope, rel=1e-15)
    scale = a.years[-1].breakeven_scale
    assert scale is not None and 0.05 <= scale <= 1
    scaled = replace(state, curves={cid: replace(c, ceiling=c.ceiling * scale) for cid, c in state.curves.items()})
    last = analyze(scaled, catalog).years[-1]
    assert last.mean_slope == pytest.approx(1.0, rel=1e-12)


def test_breakeven_is_null_for_a_vanishing_slope(catalog: Catalog) -> None:
    # sigma(40 (0 - 0.95)) ~ 3e-17: a slope of about 1e-15.
    a = only(
        catalog,
        {"bug_fixes": {"2026": 0.0}},
        curves={"bug_fixes": {"midpoint": 0.95, "steepness": 40, "ceiling": 1}},
    )
    p = a.categories[0].points[0]
    assert p.slope < 1e-12 and p.breakeven_payoff is None
    assert a.years[-1].breakeven_scale is None
    zero = {cid: 0 for cid in catalog.ids}
    zero["chip_design"] = 1
    b = only(catalog, {"bug_fixes": {"2026": 0.5}}, weights=zero)  # the only estimate weighs 0
    assert b.years[-1].mean_slope is None and b.years[-1].breakeven_scale is None
