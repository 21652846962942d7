"""Feedback in the forecast (SPEC section 7): φ = 0 is the plain forecast bit
for bit; φ > 0 agrees with an independent integration by
scipy.integrate.solve_ivp of the full vector ODE; more feedback is never slower."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp  # type: ignore[import-untyped]

from scurve import Catalog, analyze, default_state, state_from_json
from scurve.serialize import analysis_to_dict
from scurve.state import State
from scurve.trajectory import fit_many


def with_feedback(state: State, phi: float) -> State:
    from dataclasses import replace

    return replace(state, feedback=phi)


def test_zero_feedback_is_the_plain_forecast_bit_for_bit(catalog: Catalog) -> None:
    plain = default_state(catalog)
    a0 = analysis_to_dict(analyze(plain, catalog), catalog)
    b0 = analysis_to_dict(analyze(with_feedback(plain, 0.0), catalog), catalog)
    assert a0 == b0
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


def reference(state: State, catalog: Catalog, phi: float) -> tuple[np.ndarray, np.ndarray]:
    """x_i(t) on the grid from solve_ivp (RK45, rtol 1e-9) on
    dz_i/dt = r_i (U(t)/U(t0))^phi, written independently of scurve.forecast."""
    a = analyze(state, catalog)
    t = np.array(a.forecast.t)
    t0 = float(state.years[-1])
    ids = catalog.ids
    years = np.array(state.years, dtype=float)
    pos = np.array([[state.estimates[cid].get(y, np.nan) for y in state.years] for cid in ids])
    fits = fit_many(years, pos)
    k = np.array([state.curves[c].steepness for c in ids])
    m = np.array([state.curves[c].midpoint for c in ids])
    L = np.array([state.curves[c].ceiling for c in ids])
    w = np.array([state.weights[c] for c in ids])

    def U(z: np.ndarray) -> float:
        x = 1 / (1 + np.exp(-z))
        return float(np.sum(w * L / (1 + np.exp(-k * (x - m)))) / np.sum(w))

    z0 = np.array([f.a + f.rate * (t0 - f.t_mean) for f in fits if f is not None])
    r = np.array([f.rate for f in fits if f is not None])
    u0 = U(z0)

    def rhs(_t: float, z: np.ndarray) -> np.ndarray:
        out: np.ndarray = r * (U(z) / u0) ** phi
        return out

    after = t[t >= t0]
    sol = solve_ivp(rhs, (t0, after[-1]), z0, method="RK45", rtol=1e-9, atol=1e-12, t_eval=after)
    assert sol.success
    return after, 1 / (1 + np.exp(-sol.y))


@pytest.mark.parametrize("phi", [0.5, 1.0, 2.0, 3.0])
def test_feedback_agrees_with_solve_ivp(catalog: Catalog, phi: float) -> None:
    state = with_feedback(default_state(catalog), phi)
    _after, expected = reference(state, catalog, phi)
    f = analyze(state, catalog).forecast
    got = np.array([f.categories[cid].position for cid in catalog.ids])
    t = np.array(f.t)
    np.testing.assert_allclose(got[:, t >= 2026.0], expected, atol=1e-4, rtol=0)
    # before t0 the fitted path is kept
    plain = analyze(default_state(catalog), catalog).forecast
    for cid in catalog.ids:
        before = [p for p, tt in zip(f.categories[cid].position or (), f.t, strict=True) if tt <= 2026.0]
        assert before == [p for p, tt in zip(plain.categories[cid].position or (), f.t, strict=True) if tt <= 2026.0]


def test_feedback_with_custom_weights_and_a_one_year_category(catalog: Catalog) -> None:
    obj = {
        "estimates": {"chip_design": {"2026": 0.2}},  # estimated once: stays, but counts in U
        "weights": {"synthetic_data": 3, "bug_fixes": 0},
        "curves": {"surfacing_ideas": {"midpoint": 0.6, "steepness": 20, "ceiling": 0.5}},
        "feedback": 1.5,
    }
    state = state_from_json(obj, catalog)
    f = analyze(state, catalog).forecast
    assert set(f.categories["chip_design"].position or ()) == {0.2}
    # reference on the same state, with chip_design's constant uplift in U
    t = np.array(f.t)
    ids = [cid for cid in catalog.ids if cid != "chip_design"]
    years = np.array(state.years, dtype=float)
    fits = dict(
        zip(
            ids,
            fit_many(years, np.array([[state.estimates[c][y] for y in state.years] for c in ids])),
            strict=True,
        )
    )
    allw = sum(state.weights.values())

    def u_of(cid: str, x: float) -> float:
        c = state.curves[cid]
        return c.ceiling / (1 + math.exp(-c.steepness * (x - c.midpoint)))

    def U(z: np.ndarray) -> float:
        x = 1 / (1 + np.exp(-z))
        total = state.weights["chip_design"] * u_of("chip_design", 0.2)
        total += sum(state.weights[c] * u_of(c, float(xi)) for c, xi in zip(ids, x, strict=True))
        return total / allw

    z0 = np.array([fits[c].a + fits[c].rate * (2026 - fits[c].t_mean) for c in ids])  # type: ignore[union-attr]
    r = np.array([fits[c].rate for c in ids])  # type: ignore[union-attr]
    u0 = U(z0)
    after = t[t >= 2026]
    sol = solve_ivp(lambda _t, z: r * (U(z) / u0) ** 1.5, (2026, after[-1]), z0, rtol=1e-9, atol=1e-12, t_eval=after)
    got = np.array([f.categories[c].position for c in ids])[:, t >= 2026]
    np.testing.assert_allclose(got, 1 / (1 + np.exp(-sol.y)), atol=1e-4, rtol=0)


def test_more_feedback_is_never_slower(catalog: Catalog) -> None:
    base = default_state(catalog)  # every category rises
    previous = None
    for phi in np.linspace(0, 3, 13):
        f = analyze(with_feedback(base, float(phi)), catalog).forecast
        x = np.array([f.categories[cid].position for cid in catalog.ids])
        if previous is not None:
            assert np.all(x >= previous - 1e-12), phi
        previous = x
    # and feedback really speeds things up: at φ = 3 every category is further along in 2030
    plain = np.array([analyze(base, catalog).forecast.categories[c].position for c in catalog.ids])
    assert np.all(previous[:, -1] > plain[:, -1] + 1e-3)  # type: ignore[index]


@pytest.mark.parametrize("phi", [0.0, 0.1, 1.0, 2.9, 3.0])
def test_extreme_curves_stay_finite(catalog: Catalog, phi: float) -> None:
    # Steep curves far below the midpoint: U(t0) is tiny, and the ratio huge.
    est = {cid: {"2024": 0.0, "2025": 0.001, "2026": 0.9} for cid in catalog.ids}
    curves = {cid: {"midpoint": 0.95, "steepness": 40, "ceiling": 1} for cid in catalog.ids}
    state = state_from_json({"estimates": est, "curves": curves, "feedback": phi, "horizon": 2100}, catalog)
    body = analysis_to_dict(analyze(state, catalog), catalog)
    for cid, cf in body["forecast"]["categories"].items():
        assert all(math.isfinite(v) and 0 <= v <= 1 for v in cf["position"]), cid
    assert all(math.isfinite(v) for v in body["forecast"]["mean_slope"])
