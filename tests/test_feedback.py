"""Feedback in the forecast, bounded and lagged: φ = 0 is the plain forecast
bit for bit; φ > 0 agrees with an independent integration by
scipy.integrate.solve_ivp of the full vector ODE (the lag by the method of
steps on dense output); the batch and the one-state integrators agree; more
feedback is never slower, and the factor stays bounded where AI helps least."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from scipy.integrate import solve_ivp  # type: ignore[import-untyped]
from scipy.optimize import brentq  # type: ignore[import-untyped]

from scurve import Catalog, analyze, default_state, state_from_json
from scurve.feedback import Uplift, integrate, integrate_one, lag_steps
from scurve.serialize import analysis_to_dict
from scurve.state import State
from scurve.trajectory import fit_many


def test_zero_feedback_is_the_plain_forecast_bit_for_bit(catalog: Catalog) -> None:
    plain = default_state(catalog)
    a0 = analysis_to_dict(analyze(plain, catalog), catalog)
    b0 = analysis_to_dict(analyze(replace(plain, feedback=0.0, lag=2.0), catalog), catalog)
    assert a0["forecast"] == b0["forecast"]
    # and the plain forecast is sigma(a + r (t - t_bar)) of each fit, exactly
    a = analyze(plain, catalog)
    years = np.array(plain.years, dtype=float)
    pos = np.array([[plain.estimates[cid][y] for y in plain.years] for cid in catalog.ids])
    fits = fit_many(years, pos)
    t = np.array(a.forecast.t)
    for fit, cid in zip(fits, catalog.ids, strict=True):
        assert fit is not None
        expected = 0.5 * (1 + np.tanh(0.5 * (fit.a + fit.rate * (t - fit.t_mean))))
        assert list(a.forecast.categories[cid].position or ()) == expected.tolist()
    assert set(a.forecast.speedup) == {1.0}


class Reference:
    """The forecast of a state written independently of scurve's integrators:
    solve_ivp (RK45, rtol 1e-10) on dz_i/dt = r_i ((1 + U(t - d)) / (1 + U(t0 - d)))^phi,
    segment by segment of length d, each reading U(t - d) from the previous
    segment's dense output (the fitted paths before t0)."""

    def __init__(self, state: State, catalog: Catalog) -> None:
        self.state = state
        ids = [c for c in catalog.ids if state.estimates.get(c)]
        self.t0 = float(state.years[-1])
        years = np.array(state.years, dtype=float)
        pos = np.array([[state.estimates[c].get(y, np.nan) for y in state.years] for c in ids])
        fits = fit_many(years, pos)
        self.k = np.array([state.curves[c].steepness for c in ids])
        self.m = np.array([state.curves[c].midpoint for c in ids])
        self.L = np.array([state.curves[c].ceiling for c in ids])
        self.w = np.array([state.weights[c] for c in ids]) / sum(state.weights[c] for c in ids)
        self.fitted = np.array([f is not None for f in fits])
        self.r = np.array([f.rate if f else 0.0 for f in fits])
        self.z0 = np.array([f.a + f.rate * (self.t0 - f.t_mean) if f else 0.0 for f in fits])
        self.x_once = np.array([pos[i][~np.isnan(pos[i])][0] if f is None else 0.0 for i, f in enumerate(fits)])
        self.phi, self.d = state.feedback, state.lag
        self.segments: list[tuple[float, float, object]] = []
        end = max(state.horizon, state.years[-1])
        a = self.t0
        while a < end:
            b = min(end, a + self.d) if self.d > 0 else end
            z_start = self.z0 if not self.segments else self.z_at(a)
            sol = solve_ivp(self.rhs, (a, b), z_start, rtol=1e-10, atol=1e-12, dense_output=True)
            assert sol.success
            self.segments.append((a, b, sol.sol))
            a = b

    def u_of_z(self, z: np.ndarray) -> float:
        x = np.where(self.fitted, 1 / (1 + np.exp(-z)), self.x_once)
        return float(np.sum(self.w * self.L / (1 + np.exp(-self.k * (x - self.m)))))

    def z_at(self, t: float) -> np.ndarray:
        if t <= self.t0:
            return self.z0 + self.r * (t - self.t0)
        for a, b, sol in self.segments:
            if a <= t <= b:
                return np.asarray(sol(t))  # type: ignore[operator]
        raise AssertionError(f"no segment holds {t}")

    def U(self, t: float) -> float:
        return self.u_of_z(self.z_at(t))

    def g(self, t: float) -> float:
        if t <= self.t0:
            return 1.0
        return ((1 + self.U(t - self.d)) / (1 + self.U(self.t0 - self.d))) ** self.phi

    def rhs(self, t: float, z: np.ndarray) -> np.ndarray:
        lagged = self.u_of_z(z) if self.d == 0 else self.U(t - self.d)
        g = ((1 + lagged) / (1 + self.U(self.t0 - self.d))) ** self.phi
        out: np.ndarray = self.r * g
        return out

    def x(self, t: float) -> np.ndarray:
        return np.where(self.fitted, 1 / (1 + np.exp(-self.z_at(t))), self.x_once)

    def milestone(self, share: float, start: float, end: float) -> float | None:
        target = share * float(np.sum(self.w * self.L))
        ts = np.arange(start, end + 1e-9, 1 / 256)
        above = [self.U(t) >= target for t in ts]
        if not any(above):
            return None
        i = above.index(True)
        if i == 0:
            return float(start)
        return float(brentq(lambda t: self.U(t) - target, ts[i - 1], ts[i], xtol=1e-9))


CASES = [(0.5, 0.0), (1.0, 0.0), (2.0, 0.0), (3.0, 0.0), (1.0, 0.25), (2.0, 1.0), (3.0, 2.5)]


@pytest.mark.parametrize(("phi", "lag"), CASES)
def test_feedback_agrees_with_solve_ivp(catalog: Catalog, phi: float, lag: float) -> None:
    state = replace(default_state(catalog), feedback=phi, lag=lag, horizon=2032)
    ref = Reference(state, catalog)
    f = analyze(state, catalog).forecast
    got = np.array([f.categories[cid].position for cid in catalog.ids])
    t = np.array(f.t)
    # RK4 is fourth order; the trapezoid rule (with a lag) second order in h = 1/32.
    tol = 1e-8 if lag == 0 else 1e-4
    for j, tj in enumerate(t):
        np.testing.assert_allclose(got[:, j], ref.x(float(tj)), atol=tol, rtol=0)
        assert f.speedup[j] == pytest.approx(ref.g(float(tj)), abs=tol)
    for ms in f.milestones:
        expected = ref.milestone(ms.share, t[0], t[-1])
        assert expected is not None and ms.year is not None
        assert ms.year == pytest.approx(expected, abs=1e-6 if lag == 0 else 1e-4)
    # before t0 the fitted path is kept
    plain = analyze(default_state(catalog), catalog).forecast
    for cid in catalog.ids:
        before = [p for p, tt in zip(f.categories[cid].position or (), f.t, strict=False) if tt <= 2026.0]
        assert before == [p for p, tt in zip(plain.categories[cid].position or (), f.t, strict=False) if tt <= 2026.0]


def test_feedback_with_custom_weights_and_a_one_year_category(catalog: Catalog) -> None:
    obj = {
        "estimates": {"chip_design": {"2026": 0.2}},  # estimated once: stays, but counts in U
        "weights": {"synthetic_data": 3, "bug_fixes": 0},
        "curves": {"surfacing_ideas": {"midpoint": 0.6, "steepness": 20, "ceiling": 0.5}},
        "feedback": 1.5,
    }
    state = replace(state_from_json(obj, catalog), lag=0.75)
    f = analyze(state, catalog).forecast
    assert set(f.categories["chip_design"].position or ()) == {0.2}
    ref = Reference(state, catalog)
    ids = [c for c in catalog.ids if state.estimates.get(c)]
    got = np.array([f.categories[c].position for c in ids])
    for j, tj in enumerate(f.t):
        np.testing.assert_allclose(got[:, j], ref.x(tj), atol=2e-4, rtol=0)


def test_more_feedback_is_never_slower(catalog: Catalog) -> None:
    base = default_state(catalog)  # every category rises
    for lag in (0.0, 1.0):
        previous = None
        for phi in np.linspace(0, 3, 13):
            f = analyze(replace(base, feedback=float(phi), lag=lag), catalog).forecast
            x = np.array([f.categories[cid].position for cid in catalog.ids])
            if previous is not None:
                assert np.all(x >= previous - 1e-12), (phi, lag)
            previous = x
        # and feedback really speeds things up: at φ = 3 every category is further along in 2030
        plain = np.array([analyze(base, catalog).forecast.categories[c].position for c in catalog.ids])
        assert np.all(previous[:, -1] > plain[:, -1] + 1e-3)  # type: ignore[index]


def test_where_ai_helps_least_the_factor_stays_bounded(catalog: Catalog) -> None:
    """The issue's case: every category at 0.01-0.02 with fb=3. Under the old
    law (scaled to U(t0)) the mean uplift jumped from 0.02 to 0.99 within a
    quarter; now g <= ((1 + U_max) / (1 + U(t0)))^3 < 8 and a quarter moves little."""
    est = {cid: {"2024": 0.01, "2025": 0.015, "2026": 0.02} for cid in catalog.ids}
    state = state_from_json({"estimates": est, "feedback": 3}, catalog)
    f = analyze(state, catalog).forecast
    i0 = f.t.index(2026.0)
    u0, u1 = f.mean_uplift[i0], f.mean_uplift[i0 + 1]
    assert u0 is not None and u1 is not None
    assert u1 - u0 < 0.01
    bound = ((1 + 1.0) / (1 + u0)) ** 3
    assert max(f.speedup) <= bound and min(f.speedup) >= 1.0
    ref = Reference(state, catalog)
    assert u1 == pytest.approx(ref.U(2026.25), abs=1e-6)


@pytest.mark.parametrize(("phi", "lag"), [(0.7, 0.0), (2.5, 0.0), (1.0, 0.25), (3.0, 3.0)])
def test_batch_and_one_state_integrators_agree(phi: float, lag: float) -> None:
    rng = np.random.default_rng(int(phi * 10 + lag * 100))
    n, b = 6, 5
    up = Uplift(
        z0=rng.normal(0, 2, (b, n)),
        r=rng.normal(0.3, 0.8, (b, n)),
        k=rng.uniform(1, 40, n),
        mid=rng.uniform(0.05, 0.95, n),
        wl=rng.uniform(0, 0.3, n),
        u_const=rng.uniform(0, 0.1, b),
    )
    batch = integrate(up, phi, lag, 160, 2026.0)
    for i in range(b):
        one_up = Uplift(up.z0[i : i + 1], up.r[i : i + 1], up.k, up.mid, up.wl, up.u_const[i : i + 1])
        one = integrate_one(one_up, phi, lag, 160, 2026.0)
        for name in ("s", "g", "u"):
            np.testing.assert_allclose(getattr(batch, name)[i], getattr(one, name)[0], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("lag", [-0.25, 0.1, 3.25])
def test_a_lag_off_its_steps_is_refused(lag: float) -> None:
    with pytest.raises(ValueError, match=r"`lag` must be 0 to 3 years in steps of 0\.25"):
        lag_steps(lag)


@pytest.mark.parametrize(("phi", "lag"), [(0.0, 0.0), (0.1, 0.0), (1.0, 3.0), (2.9, 0.25), (3.0, 0.0)])
def test_extreme_curves_stay_finite(catalog: Catalog, phi: float, lag: float) -> None:
    # Steep curves far below the midpoint, to the far horizon.
    est = {cid: {"2024": 0.0, "2025": 0.001, "2026": 0.9} for cid in catalog.ids}
    curves = {cid: {"midpoint": 0.95, "steepness": 40, "ceiling": 1} for cid in catalog.ids}
    state = state_from_json({"estimates": est, "curves": curves, "feedback": phi, "horizon": 2100}, catalog)
    body = analysis_to_dict(analyze(replace(state, lag=lag), catalog), catalog)
    for cid, cf in body["forecast"]["categories"].items():
        assert all(math.isfinite(v) and 0 <= v <= 1 for v in cf["position"]), cid
    assert all(math.isfinite(v) for v in body["forecast"]["mean_slope"])
    assert all(math.isfinite(v) for v in body["forecast"]["gain"] + body["forecast"]["speedup"])
