"""Monte Carlo over 90% ranges (docs/DESIGN.md §3.8): the sampler, the batched fit
against scipy's, and the summaries against values worked out independently.

Closed forms used here, written with ``math`` only: the super-critical band
solves ``k L sigma (1 - sigma) = 1``, so ``sigma = (1 +- sqrt(1 - 4/(kL))) / 2``
and ``x = m + logit(sigma) / k``; a draw ``X = sigmoid(mu + sigma_side Z)`` is
increasing in ``Z``, so ``P(b_lo < X < b_hi) = Phi(z(b_hi)) - Phi(z(b_lo))``
with ``z(b) = (logit b - mu) / sigma_side`` and ``Phi`` from ``math.erf``.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from dataclasses import replace
from statistics import NormalDist
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import least_squares  # type: ignore[import-untyped]

from scurve import analyze
from scurve.bands import Q5, quantiles_sorted
from scurve.catalog import Catalog, load_catalog
from scurve.draws import draw_positions, seed_of
from scurve.fit import fit_batch
from scurve.serialize import plain
from scurve.state import State, default_state
from scurve.statejson import state_from_json
from scurve.trajectory import fit_many
from scurve.uncertainty import _fit_draws, simulate, simulate_state

NAN = math.nan
Z95 = 1.6449
S = 2000


def logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def clip(p: float) -> float:
    return min(max(p, 0.001), 0.999)


def phi(z: float) -> float:
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


def sides(x: float, lo: float, hi: float) -> tuple[float, float, float]:
    mu = logit(clip(x))
    return mu, (mu - logit(clip(lo))) / Z95, (logit(clip(hi)) - mu) / Z95


def z_of(b: float, mu: float, s_lo: float, s_hi: float) -> float:
    """The Z at which a draw equals ``b`` (X is increasing in Z)."""
    if b <= 0.0:
        return -math.inf
    if b >= 1.0:
        return math.inf
    lb = logit(b)
    side = s_lo if lb < mu else s_hi
    if side == 0.0:
        return -math.inf if lb < mu else math.inf
    return (lb - mu) / side


def band(k: float, m: float, ceiling: float) -> tuple[float, float]:
    root = math.sqrt(1.0 - 4.0 / (k * ceiling))
    return m + logit((1 - root) / 2) / k, m + logit((1 + root) / 2) / k


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def arrays(state: State, catalog: Catalog) -> dict[str, Any]:
    """The arguments of :func:`simulate` for a state of the catalog's categories."""
    ids = catalog.ids
    years = state.years
    pos = np.array([[state.estimates.get(c, {}).get(y, NAN) for y in years] for c in ids])
    rng_ = [[state.ranges.get(c, {}).get(y, (NAN, NAN)) for y in years] for c in ids]
    lo = np.array([[r[0] for r in row] for row in rng_])
    hi = np.array([[r[1] for r in row] for row in rng_])
    return {
        "years": list(years),
        "pos": pos,
        "lo": lo,
        "hi": hi,
        "k": np.array([state.curves[c].steepness for c in ids]),
        "mid": np.array([state.curves[c].midpoint for c in ids]),
        "ceil": np.array([state.curves[c].ceiling for c in ids]),
        "w": np.array([float(state.weights[c]) for c in ids]),
        "horizon": state.horizon,
        "feedback": state.feedback,
        "rho": state.rho,
        "ids": ids,
    }


def with_ranges(state: State, half: float = 0.05) -> State:
    """Every estimate gets the range x +- half, clipped to [0, 1]."""
    ranges = {
        cid: {y: (max(0.0, x - half), min(1.0, x + half)) for y, x in est.items()}
        for cid, est in state.estimates.items()
    }
    return replace(state, ranges=ranges)


def one_point(x: float, lo: float, hi: float, k: float, m: float, ceiling: float, seed: str, rho: float = 0.5) -> Any:
    return simulate([2025], [[x]], [[lo]], [[hi]], [k], [m], [ceiling], [1.0], 2027, 0.0, rho, seed, samples=S)


# --------------------------------------------------------------------------
# The distribution
# --------------------------------------------------------------------------


def test_p_supercritical_matches_the_closed_form() -> None:
    """25 random points: P(slope > 1) is Phi(z(b_hi)) - Phi(z(b_lo)), exactly
    (it is no longer read off the draws)."""
    rng = np.random.default_rng(20251)
    checked = 0
    while checked < 25:
        k, m, ceiling = rng.uniform(6, 40), rng.uniform(0.2, 0.8), rng.uniform(0.4, 1.0)
        if k * ceiling <= 4.5:
            continue
        x = rng.uniform(0.02, 0.98)
        lo = max(0.0, x - rng.uniform(0.01, 0.3))
        hi = min(1.0, x + rng.uniform(0.01, 0.3))
        mu, s_lo, s_hi = sides(x, lo, hi)
        b_lo, b_hi = band(k, m, ceiling)
        p = phi(z_of(b_hi, mu, s_lo, s_hi)) - phi(z_of(b_lo, mu, s_lo, s_hi))
        if not 0.03 < p < 0.97:
            continue  # the normal approximation of the count needs both outcomes
        u = one_point(x, lo, hi, k, m, ceiling, f"point-{checked}")
        got = u.categories["0"][0].p_supercritical
        assert got == pytest.approx(p, abs=1e-12), (x, lo, hi, k, m, ceiling, got, p)
        checked += 1


def test_position_quantiles_are_lo_x_hi() -> None:
    """p5, p50, p95 of the position are sigmoid(mu + sigma_side z_q), exactly:
    lo, x and hi up to the rule's 1.6449 against the true 95th percentile."""
    z95 = NormalDist().inv_cdf(0.95)
    rng = np.random.default_rng(7)
    for i in range(20):
        x = rng.uniform(0.1, 0.9)
        lo = x - rng.uniform(0.02, min(0.3, x - 0.01))
        hi = x + rng.uniform(0.02, min(0.3, 0.99 - x))
        mu, s_lo, s_hi = sides(x, lo, hi)
        pb = one_point(x, lo, hi, 10, 0.5, 1, f"q-{i}").categories["0"][0]
        sig = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731
        assert pb.position == pytest.approx((sig(mu - s_lo * z95), x, sig(mu + s_hi * z95)), abs=1e-12)
        assert pb.position[0] == pytest.approx(lo, abs=1e-4) and pb.position[2] == pytest.approx(hi, abs=1e-4)


def test_one_z_per_category_shared_by_its_years_and_fixed_without_range() -> None:
    pos = np.array([[0.2, 0.3, 0.5]])
    lo = np.array([[0.1, NAN, 0.4]])
    hi = np.array([[0.35, NAN, 0.6]])
    x, z = draw_positions(pos, lo, hi, 0.5, 500, np.random.default_rng(1))
    assert np.all(x[:, 0, 1] == 0.3)  # no range: fixed
    # Both ranged years move with the same Z: their draws have the same order.
    assert np.array_equal(np.argsort(x[:, 0, 0]), np.argsort(x[:, 0, 2]))
    assert np.array_equal(np.argsort(x[:, 0, 0]), np.argsort(z[:, 0]))


def test_draw_order_is_g_then_e() -> None:
    """The documented order: G (samples,), then E (n, samples)."""
    rho = 0.3
    _, z = draw_positions(
        np.full((3, 1), 0.5), np.full((3, 1), 0.4), np.full((3, 1), 0.6), rho, 50, np.random.default_rng(9)
    )
    rng = np.random.default_rng(9)
    g = rng.standard_normal(50)
    e = rng.standard_normal((3, 50))
    assert np.allclose(z, math.sqrt(rho) * g[:, None] + math.sqrt(1 - rho) * e.T, rtol=0, atol=1e-15)


def test_rho_one_moves_every_category_together() -> None:
    n = 6
    pos = np.linspace(0.2, 0.7, n)[:, None]
    lo, hi = pos - 0.1, pos + 0.15
    x, _ = draw_positions(pos, lo, hi, 1.0, S, np.random.default_rng(3))
    order = np.argsort(x[:, 0, 0])
    for i in range(1, n):
        assert np.array_equal(np.argsort(x[:, i, 0]), order)


def test_correlation_between_categories_is_rho() -> None:
    """corr(Z_i, Z_j) = rho; the sample correlation's SE is about (1 - rho^2) / sqrt(S)."""
    n, rho = 4, 0.5
    _, z = draw_positions(
        np.full((n, 1), 0.5), np.full((n, 1), 0.4), np.full((n, 1), 0.6), rho, 20000, np.random.default_rng(5)
    )
    c = np.corrcoef(z.T)
    se = (1 - rho**2) / math.sqrt(20000)
    off = c[~np.eye(n, dtype=bool)]
    assert np.all(np.abs(off - rho) < 4 * se)


def test_correlation_widens_the_year_mean(catalog: Catalog) -> None:
    state = with_ranges(default_state(catalog), 0.1)
    a = arrays(state, catalog)
    width = {}
    for rho in (0.0, 1.0):
        u = simulate(**{**a, "rho": rho}, seed_text="widen")
        ms = u.years[1].mean_slope
        assert ms is not None
        width[rho] = ms[4] - ms[0]
    assert width[1.0] > 1.5 * width[0.0]


# --------------------------------------------------------------------------
# The batched fit against scipy's
# --------------------------------------------------------------------------


def fit_cases(rng: np.random.Generator, count: int) -> np.ndarray:
    """Random rows over 2024..2026, with the edge cases of the issue."""
    t = np.array([2024.0, 2025.0, 2026.0])
    rows = []
    for i in range(count):
        kind = i % 8
        a, r = rng.uniform(-4, 4), rng.uniform(-3, 3)
        x = 1 / (1 + np.exp(-(a + r * (t - 2025)))) + rng.normal(0, 0.05, 3)
        if kind == 1:  # flat
            x = np.full(3, rng.uniform(0.05, 0.95))
        elif kind == 2:  # near 0 or 1
            x = rng.choice([0.0005, 0.002, 0.03, 0.97, 0.998, 0.9999], 3)
        elif kind == 3:  # too steep for r <= 5: the bound is active
            x = np.array([rng.uniform(0, 0.01), rng.uniform(0.3, 0.7), rng.uniform(0.99, 1)])
            if rng.random() < 0.5:
                x = x[::-1].copy()  # falling, r = -5
        elif kind == 4:  # two years
            x[rng.integers(0, 3)] = NAN
        elif kind == 5:  # missing middle year
            x[1] = NAN
        elif kind == 6:  # falling
            x = np.sort(rng.uniform(0, 1, 3))[::-1].copy()
        elif kind == 7:  # a single estimate: not fitted
            keep = rng.integers(0, 3)
            x = np.where(np.arange(3) == keep, x, NAN)
        rows.append(np.clip(x, 0, 1) if not np.isnan(x).all() else x)
    return np.array(rows)


def cost(a: float, r: float, tm: float, t: np.ndarray, x: np.ndarray) -> float:
    keep = ~np.isnan(x)
    xc = np.clip(x[keep], 0.001, 0.999)
    s = 1 / (1 + np.exp(-(a + r * (t[keep] - tm))))
    return float(((s - xc) ** 2).sum())


def tight_fit(t: np.ndarray, row: np.ndarray) -> np.ndarray:
    """Section 3's least squares for one row, solved by scipy to convergence."""
    keep = ~np.isnan(row)
    dt = t[keep] - t[keep].mean()
    x = np.clip(row[keep], 0.001, 0.999)
    lx = np.log(x / (1 - x))
    p0 = [np.clip(lx.mean(), -10, 10), np.clip((dt @ (lx - lx.mean())) / (dt @ dt), -5, 5)]

    def res(p: np.ndarray) -> np.ndarray:
        return np.asarray(1 / (1 + np.exp(-(p[0] + p[1] * dt))) - x)

    out = least_squares(res, p0, bounds=([-10, -5], [10, 5]), method="trf", ftol=1e-15, xtol=1e-15, gtol=1e-15)
    return np.asarray(out.x)


def test_batched_fit_reaches_scipys_optimum() -> None:
    """2,000 rows: the batched solver (behind every trajectory) against
    scipy's least_squares solved to convergence, written independently.

    Its cost is never above scipy's (to rounding); where the optimum is
    unique and well determined (the exact Hessian's smallest eigenvalue at
    least 1e-3 there), a and r agree to 1e-6.
    """
    t = np.array([2024.0, 2025.0, 2026.0])
    x = fit_cases(np.random.default_rng(11), 2000)
    got = fit_batch(t, x)
    well = 0
    for i, row in enumerate(x):
        keep = ~np.isnan(row)
        if keep.sum() < 2:
            assert not got.fitted[i] and math.isnan(got.a[i])
            continue
        assert got.fitted[i]
        assert got.t_mean[i] == pytest.approx(t[keep].mean(), abs=1e-12)
        best = tight_fit(t, row)
        c_ref = cost(best[0], best[1], t[keep].mean(), t, row)
        c_got = cost(got.a[i], got.rate[i], got.t_mean[i], t, row)
        assert c_got <= c_ref * (1 + 1e-9) + 1e-15, (row, best, got.a[i], got.rate[i])
        assert got.rmse[i] == pytest.approx(math.sqrt(c_got / keep.sum()), rel=1e-6, abs=1e-12)
        dt = t[keep] - t[keep].mean()
        s = 1 / (1 + np.exp(-(best[0] + best[1] * dt)))
        d = s * (1 - s)
        wgt = d * d + (s - np.clip(row[keep], 0.001, 0.999)) * d * (1 - 2 * s)
        hess = np.array([[wgt.sum(), (wgt * dt).sum()], [(wgt * dt).sum(), (wgt * dt * dt).sum()]])
        if np.linalg.eigvalsh(hess)[0] < 1e-3:
            continue
        well += 1
        assert abs(got.a[i] - best[0]) <= 1e-6 and abs(got.rate[i] - best[1]) <= 1e-6, (row, best, got.a[i])
    assert well >= 800  # the comparison bites on most rows


def test_batched_fit_on_active_bounds() -> None:
    """Rows whose straight-line start is beyond r = +-5: the fit sits on the bound."""
    t = np.array([2024.0, 2025.0, 2026.0])
    x = np.array([[0.001, 0.5, 0.999], [0.999, 0.5, 0.001], [0.01, 0.02, 0.99]])
    got = fit_batch(t, x)
    for i in range(3):
        best = tight_fit(t, x[i])
        assert got.a[i] == pytest.approx(best[0], abs=1e-6)
        assert got.rate[i] == pytest.approx(best[1], abs=1e-6)
    assert got.rate[0] == 5.0 and got.rate[1] == -5.0


def test_every_draw_fit_equals_the_single_state_fit(catalog: Catalog) -> None:
    """The fits inside the Monte Carlo are fit_many's on each draw's complete state."""
    state = with_ranges(default_state(catalog), 0.15)
    a = arrays(state, catalog)
    t = np.array(a["years"], dtype=float)
    x, _ = draw_positions(a["pos"], a["lo"], a["hi"], 0.5, 300, np.random.default_rng(2))
    fa, fr, ftm, fitted = _fit_draws(t, a["pos"], x, ~np.isnan(a["pos"]), ~np.isnan(a["lo"]))
    for s in range(300):
        fits = fit_many(t, x[s])
        for i, f in enumerate(fits):
            assert f is not None and fitted[i]
            assert fa[s, i] == pytest.approx(f.a, abs=2e-6)
            assert fr[s, i] == pytest.approx(f.rate, abs=2e-6)
            assert ftm[i] == pytest.approx(f.t_mean, abs=1e-12)


# --------------------------------------------------------------------------
# Each draw is analysed like a complete state
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("feedback", "lag"), [(0.0, 0.0), (1.0, 0.0), (2.0, 0.5)])
def test_summaries_equal_separate_analyses_of_the_draws(catalog: Catalog, feedback: float, lag: float) -> None:
    """Draw the states, analyse each with scurve.analyze, take numpy's
    quantiles: the Monte Carlo summary must give the same numbers (to
    rounding; the forecast's integrators differ, batch against one state)."""
    samples = 120
    base = replace(with_ranges(default_state(catalog), 0.1), feedback=feedback, lag=lag, milestones=(0.5, 0.8))
    # A category with ranges in some years only, and one with a single estimate.
    ranges = dict(base.ranges)
    ranges["bug_fixes"] = {2025: (0.3, 0.6)}
    estimates = dict(base.estimates)
    estimates["automated_experiments"] = {2025: 0.27}
    ranges["automated_experiments"] = {2025: (0.2, 0.35)}
    state = replace(base, ranges=ranges, estimates=estimates)
    a = arrays(state, catalog)
    u = simulate(**a, seed_text="draws", samples=samples, lag=lag, shares=(0.5, 0.8))
    x, _ = draw_positions(a["pos"], a["lo"], a["hi"], a["rho"], samples, np.random.default_rng(seed_of("draws")))
    means, counts, fc, peaks, edge = [], [], [], [], []
    slopes, gains, ups, miles = [], [], [], []
    for s in range(samples):
        est = {
            cid: {y: float(x[s, i, j]) for j, y in enumerate(state.years) if not math.isnan(x[s, i, j])}
            for i, cid in enumerate(catalog.ids)
        }
        an = analyze(replace(state, estimates=est, ranges={}), catalog)
        means.append([y.mean_slope for y in an.years])
        counts.append([y.supercritical_count for y in an.years])
        fc.append(an.forecast.mean_slope)
        gains.append(an.forecast.gain)
        ups.append(an.forecast.mean_uplift)
        miles.append([math.nan if m.year is None else m.year for m in an.forecast.milestones])
        slopes.append(an.categories[0].points[0].slope)
        if an.forecast.peak_year is not None:
            peaks.append(an.forecast.peak_year)
        edge.append(an.forecast.peak_at_edge)
    means_a, counts_a, fc_a = np.array(means), np.array(counts, dtype=float), np.array(fc)
    for j, yb in enumerate(u.years):
        assert yb.mean_slope is not None
        assert np.allclose(yb.mean_slope, np.quantile(means_a[:, j], Q5), rtol=0, atol=1e-12)
        assert yb.p_supercritical == pytest.approx(float(np.mean(means_a[:, j] > 1)), abs=1e-12)
        assert np.allclose(yb.supercritical_count, np.quantile(counts_a[:, j], (0.05, 0.5, 0.95)), atol=1e-12)
    for q, name in zip(Q5, ("p5", "p25", "p50", "p75", "p95"), strict=True):
        got = np.array(u.forecast.mean_slope[name], dtype=float)
        assert np.allclose(got, np.quantile(fc_a, q, axis=0), rtol=0, atol=1e-9)
    assert np.allclose(u.forecast.p_supercritical, np.mean(fc_a > 1, axis=0), atol=1e-12)
    assert u.forecast.peak_year is not None
    assert np.allclose(u.forecast.peak_year, np.quantile(peaks, (0.05, 0.5, 0.95)), atol=1e-12)
    assert u.forecast.p_peak_at_edge == pytest.approx(float(np.mean(edge)), abs=1e-12)
    gain_a = np.array(gains, dtype=float)
    for q, name in zip(Q5, ("p5", "p25", "p50", "p75", "p95"), strict=True):
        got = np.array(u.forecast.gain[name], dtype=float)
        assert np.allclose(got, np.quantile(gain_a, q, axis=0), rtol=0, atol=1e-9)
    up_a = np.array(ups, dtype=float)
    for q, name in zip(Q5, ("p5", "p25", "p50", "p75", "p95"), strict=True):
        got = np.array(u.forecast.mean_uplift[name], dtype=float)
        assert np.allclose(got, np.quantile(up_a, q, axis=0), rtol=0, atol=1e-9)
    miles_a = np.array(miles)
    for i, mb in enumerate(u.forecast.milestones):
        reached = miles_a[~np.isnan(miles_a[:, i]), i]
        assert mb.share == (0.5, 0.8)[i]
        assert mb.p_reached == pytest.approx(reached.size / samples, abs=1e-12)
        assert reached.size > 10 and mb.year is not None
        assert np.allclose(mb.year, np.quantile(reached, (0.05, 0.5, 0.95)), rtol=0, atol=1e-8)
    # bug_fixes: its 2024 estimate has no range (fixed), its 2025 one does.
    assert u.categories["bug_fixes"][0].position == (0.30, 0.30, 0.30)
    assert np.allclose(u.categories["bug_fixes"][0].slope, np.quantile(slopes, (0.05, 0.5, 0.95)), atol=1e-12)
    assert u.categories["bug_fixes"][1].position[0] < 0.42 < u.categories["bug_fixes"][1].position[2]
    assert len(u.categories["automated_experiments"]) == 1  # one estimate, one point


def test_flat_forecast_has_no_peak() -> None:
    """Every category fixed at one estimate: the mean slope is flat, no draw has a peak."""
    u = simulate(
        [2025],
        [[0.3], [0.6]],
        [[0.2], [0.5]],
        [[0.4], [0.7]],
        [10, 10],
        [0.5, 0.5],
        [1, 1],
        [1, 1],
        2030,
        0.0,
        0.5,
        "flat",
        samples=200,
    )
    assert u.forecast.peak_year is None
    assert u.forecast.p_peak_at_edge == 0.0
    p50 = u.forecast.mean_slope["p50"]
    assert max(p50) - min(p50) < 1e-12  # type: ignore[operator]


def test_quantiles_sorted_is_numpy_linear_to_the_bit() -> None:
    rng = np.random.default_rng(8)
    for size in (2, 3, 7, 1999, 2000):
        rows = np.sort(rng.normal(size=(5, size)) * 10 ** rng.uniform(-3, 3), axis=1)
        levels = (0.05, 0.25, 0.5, 0.75, 0.95, 0.0, 1.0)
        assert np.array_equal(quantiles_sorted(rows, levels), np.quantile(rows, levels, axis=1).T)


# --------------------------------------------------------------------------
# Determinism, output and validation
# --------------------------------------------------------------------------

SCRIPT = """
import json, numpy as np
from scurve.catalog import load_catalog
from scurve.state import default_state
from scurve.serialize import plain
from scurve.uncertainty import simulate
cat = load_catalog(); st = default_state(cat)
pos = np.array([[st.estimates[c].get(y, float("nan")) for y in st.years] for c in cat.ids])
lo, hi = np.clip(pos - 0.05, 0, 1), np.clip(pos + 0.07, 0, 1)
k = np.array([st.curves[c].steepness for c in cat.ids]); m = np.array([st.curves[c].midpoint for c in cat.ids])
L = np.array([st.curves[c].ceiling for c in cat.ids]); w = np.array([st.weights[c] for c in cat.ids])
u = simulate(list(st.years), pos, lo, hi, k, m, L, w, 2030, 0.5, 0.4, "y=2024,2025,2026&rho=0.4", ids=cat.ids, lag=0.5)
print(json.dumps(plain(u), allow_nan=False))
"""


def test_same_link_same_bytes_in_two_processes() -> None:
    outs = [subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, check=True).stdout for _ in range(2)]
    assert outs[0] == outs[1]
    body = json.loads(outs[0])
    assert body["samples"] == 2000 and body["rho"] == 0.4
    assert set(body) == {"samples", "rho", "categories", "years", "forecast"}
    assert set(body["forecast"]) == {
        "mean_slope",
        "p_supercritical",
        "peak_year",
        "p_peak_at_edge",
        "gain",
        "mean_uplift",
        "milestones",
    }
    assert set(body["forecast"]["gain"]) == {"p5", "p25", "p50", "p75", "p95"}
    assert set(body["forecast"]["mean_uplift"]) == {"p5", "p25", "p50", "p75", "p95"}
    assert [set(m) for m in body["forecast"]["milestones"]] == [{"share", "year", "p_reached"}] * 2
    assert set(body["forecast"]["mean_slope"]) == {"p5", "p25", "p50", "p75", "p95"}
    point = body["categories"]["bug_fixes"][0]
    assert set(point) == {"year", "position", "slope", "p_supercritical"} and point["year"] == 2024
    assert set(body["years"][0]) == {"year", "mean_slope", "p_supercritical", "supercritical_count"}


def test_seed_decides_the_numbers(catalog: Catalog) -> None:
    a = arrays(with_ranges(default_state(catalog)), catalog)
    one = simulate(**a, seed_text="a", samples=300)
    assert simulate(**a, seed_text="a", samples=300) == one
    assert simulate(**a, seed_text="b", samples=300) != one


def test_dict_shape_and_alignment(catalog: Catalog) -> None:
    state = with_ranges(default_state(catalog))
    est = dict(state.estimates)
    est["qualitative_research"] = {}  # no estimate: an empty list
    rng_ = dict(state.ranges)
    rng_["qualitative_research"] = {}
    a = arrays(replace(state, estimates=est, ranges=rng_), catalog)
    d = plain(simulate(**a, seed_text="shape", samples=100))
    assert list(d["categories"]) == list(catalog.ids)
    assert d["categories"]["qualitative_research"] == []
    assert [p["year"] for p in d["categories"]["bug_fixes"]] == [2024, 2025, 2026]
    assert [y["year"] for y in d["years"]] == [2024, 2025, 2026]
    g = len(d["forecast"]["p_supercritical"])
    assert g == 25 and all(len(v) == g for v in d["forecast"]["mean_slope"].values())
    assert all(len(v) == g for v in d["forecast"]["gain"].values())
    with pytest.raises(ValueError, match="ids"):
        simulate(**{**a, "ids": catalog.ids[:3]}, seed_text="shape", samples=10)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"lo": [[0.35]], "hi": [[0.5]]}, "lo <= x <= hi"),
        ({"lo": [[0.2]], "hi": [[0.25]]}, "lo <= x <= hi"),
        ({"lo": [[0.3]], "hi": [[0.3]]}, "lo < hi"),
        ({"lo": [[-0.1]], "hi": [[0.5]]}, "0 <= lo"),
        ({"lo": [[0.2]], "hi": [[NAN]]}, "both"),
        ({"pos": [[NAN]]}, "needs a position"),
        ({"rho": 1.5}, "rho"),
        ({"feedback": -1.0}, "feedback"),
        ({"lo": [[0.2, 0.2]], "hi": [[0.4, 0.4]]}, "shape"),
        ({"k": [1.0, 2.0]}, "`k`"),
    ],
)
def test_bad_input_is_named(change: dict[str, Any], words: str) -> None:
    args: dict[str, Any] = dict(
        years=[2025],
        pos=[[0.3]],
        lo=[[0.2]],
        hi=[[0.4]],
        k=[10.0],
        mid=[0.5],
        ceil=[1.0],
        w=[1.0],
        horizon=2030,
        feedback=0.0,
        rho=0.5,
        seed_text="bad",
    )
    args.update(change)
    with pytest.raises(ValueError, match=words.replace("(", r"\(")):
        simulate(**args, samples=10)


@st.composite
def states(draw: st.DrawFn) -> dict[str, Any]:
    n = draw(st.integers(1, 5))
    m = draw(st.integers(1, 4))
    years = sorted(draw(st.lists(st.integers(2000, 2100), min_size=m, max_size=m, unique=True)))
    unit = st.floats(0.0, 1.0)
    pos = np.full((n, m), NAN)
    lo = np.full((n, m), NAN)
    hi = np.full((n, m), NAN)
    for i in range(n):
        for j in range(m):
            if draw(st.booleans()):
                pos[i, j] = draw(unit)
                if draw(st.booleans()):
                    a, b = sorted((draw(unit), draw(unit)))
                    a, b = min(a, pos[i, j]), max(b, pos[i, j])
                    if a < b:
                        lo[i, j], hi[i, j] = a, b
    return {
        "years": years,
        "pos": pos,
        "lo": lo,
        "hi": hi,
        "k": np.array(draw(st.lists(st.floats(1.0, 40.0), min_size=n, max_size=n))),
        "mid": np.array(draw(st.lists(st.floats(0.05, 0.95), min_size=n, max_size=n))),
        "ceil": np.array(draw(st.lists(st.floats(0.05, 1.0), min_size=n, max_size=n))),
        "w": np.array(draw(st.lists(st.floats(0.0, 10.0), min_size=n, max_size=n))),
        "horizon": draw(st.integers(2000, 2100)),
        "feedback": draw(st.sampled_from([0.0, 0.0, 0.5, 3.0])),
        "rho": draw(st.floats(0.0, 1.0)),
        "seed_text": draw(st.text(max_size=20)),
    }


def floats_in(obj: Any) -> list[float]:
    if isinstance(obj, dict):
        return [v for x in obj.values() for v in floats_in(x)]
    if isinstance(obj, list):
        return [v for x in obj for v in floats_in(x)]
    return [obj] if isinstance(obj, float) else []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(states())
def test_any_valid_input_gives_finite_ordered_json(args: dict[str, Any]) -> None:
    u = simulate(**args, samples=64)
    d = plain(u)
    json.dumps(d, allow_nan=False)  # finite, plain Python values
    assert all(math.isfinite(v) for v in floats_in(d))
    for bands in u.categories.values():
        for pb in bands:
            assert pb.position[0] <= pb.position[1] <= pb.position[2]
            assert pb.slope[0] <= pb.slope[1] <= pb.slope[2]
            assert pb.position[0] >= 0.0 and pb.position[2] <= 1.0
            assert 0.0 <= pb.p_supercritical <= 1.0
    for yb in u.years:
        if yb.mean_slope is not None:
            assert list(yb.mean_slope) == sorted(yb.mean_slope)
    assert 0.0 <= u.forecast.p_peak_at_edge <= 1.0


def test_simulate_state_reads_the_state(catalog: Catalog) -> None:
    plain = default_state(catalog)
    assert simulate_state(plain, catalog.ids, "v=1") is None
    state = replace(with_ranges(plain), rho=0.3, feedback=0.5)
    a = arrays(state, catalog)
    assert simulate_state(state, catalog.ids, "seed", samples=100) == simulate(**a, seed_text="seed", samples=100)


# --------------------------------------------------------------------------
# Exact point bands and the seed
# --------------------------------------------------------------------------


def test_slope_quantiles_are_exact_against_a_large_monte_carlo() -> None:
    """25 ranged points, many straddling the midpoint (where slope(X) is not
    monotone): 400,000 draws of X written here with numpy; the share of
    draws with a slope at or below each exact quantile is its level, within
    4.5 standard errors, and the draws' own quantile is close."""
    rng = np.random.default_rng(2026)
    n = 400_000
    z = rng.standard_normal(n)
    checked = straddling = 0
    while checked < 25:
        k, m, ceiling = rng.uniform(2, 40), rng.uniform(0.1, 0.9), rng.uniform(0.2, 1.0)
        x = float(np.clip(m + rng.normal(0, 0.15), 0.02, 0.98))
        lo = max(0.0, x - rng.uniform(0.01, 0.3))
        hi = min(1.0, x + rng.uniform(0.01, 0.3))
        mu, s_lo, s_hi = sides(x, lo, hi)
        xs = 1 / (1 + np.exp(-(mu + np.where(z < 0, s_lo, s_hi) * z)))
        sg = 1 / (1 + np.exp(-k * (xs - m)))
        slopes = k * ceiling * sg * (1 - sg)
        got = one_point(x, lo, hi, k, m, ceiling, "exact").categories["0"][0].slope
        for q, value in zip((0.05, 0.5, 0.95), got, strict=True):
            share = float(np.mean(slopes <= value))
            assert abs(share - q) <= 4.5 * math.sqrt(q * (1 - q) / n), (x, lo, hi, k, m, ceiling, q, value)
            assert value == pytest.approx(float(np.quantile(slopes, q)), rel=2e-2, abs=1e-3)
        straddling += lo < m < hi
        checked += 1
    assert straddling >= 10


def test_the_seed_ignores_what_the_draws_do_not_depend_on(catalog: Catalog) -> None:
    """Title, horizon, names, feedback, lag, shares and a comparison leave every
    year's figures as they were; a position or rho changes them."""
    obj = {"custom": {"u1": {"name": "Robotics", "group": "Mine"}}, "estimates": {"u1": {"2025": 0.2, "2026": 0.3}}}
    base = with_ranges(state_from_json(obj, catalog))
    ref = analyze(base, catalog).uncertainty
    assert ref is not None
    other_custom = {"u1": replace(base.custom["u1"], name="Robots", group="Other", question="Why?")}
    for changed in (
        replace(base, title="Mine", horizon=2040),
        replace(base, feedback=2.0, lag=1.0, milestones=(0.25,)),
        replace(base, custom=other_custom),
        base.with_compare(default_state(catalog)),
    ):
        u = analyze(changed, catalog).uncertainty
        assert u is not None and u.years == ref.years and u.categories == ref.categories
    est = {c: dict(v) for c, v in base.estimates.items()}
    est["bug_fixes"][2026] = 0.56
    for changed in (replace(base, estimates=est), replace(base, rho=0.4)):
        u = analyze(changed, catalog).uncertainty
        assert u is not None and u.years != ref.years
