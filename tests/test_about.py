"""The method page's worked examples, each recomputed here independently of
the model (math, scipy's least_squares, brentq and solve_ivp) and found on
the page to the decimals it shows, so its numbers cannot drift."""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import replace

import numpy as np
import pytest
from fastapi.testclient import TestClient
from scipy.optimize import brentq, least_squares  # type: ignore[import-untyped]

from scurve import Catalog, analyze, default_state
from scurve.draws import seed_query
from tests.spec_values import DEFAULTS
from tests.test_feedback import Reference

YEARS = (2024, 2025, 2026)


def sig(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def slope(x: float) -> float:
    s = sig(10 * (x - 0.5))
    return 10 * s * (1 - s)


def fit(xs: tuple[float, ...]) -> tuple[float, float]:
    """Section 3's least squares for one category, by scipy to convergence."""
    dt = np.array(YEARS, dtype=float) - 2025.0
    x = np.array(xs)
    lx = np.log(x / (1 - x))
    p0 = [lx.mean(), float(dt @ (lx - lx.mean()) / (dt @ dt))]
    res = least_squares(lambda p: 1 / (1 + np.exp(-(p[0] + p[1] * dt))) - x, p0, ftol=1e-15, xtol=1e-15, gtol=1e-15)
    return float(res.x[0]), float(res.x[1])


FITS = {cid: fit(tuple(xs)) for cid, xs in DEFAULTS.items()}


def U(t: float) -> float:
    """AI's help in the default view without feedback: every curve (0.5, 10, 1), weight 1."""
    return sum(sig(10 * (sig(a + r * (t - 2025)) - 0.5)) for a, r in FITS.values()) / len(FITS)


def gain(t: float) -> float:
    total = 0.0
    for a, r in FITS.values():
        x = sig(a + r * (t - 2025))
        s = sig(10 * (x - 0.5))
        total += 10 * s * (1 - s) * x * (1 - x) * r
    return total / len(FITS)


def cdf(b: float, mu: float, s_lo: float, s_hi: float) -> float:
    if b <= 0 or b >= 1:
        return 0.0 if b <= 0 else 1.0
    z = logit(b) - mu
    z = z / s_lo if z < 0 else z / s_hi
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def slope_quantile(q: float, mu: float, s_lo: float, s_hi: float) -> float:
    """Invert P(slope(X) <= s) = P(X <= x_-(s)) + 1 - P(X <= x_+(s)) by brentq."""

    def f(s: float) -> float:
        root = math.sqrt(1 - 4 * s / 10)
        lo, hi = 0.5 + logit((1 - root) / 2) / 10, 0.5 + logit((1 + root) / 2) / 10
        return cdf(lo, mu, s_lo, s_hi) + 1 - cdf(hi, mu, s_lo, s_hi) - q

    return float(brentq(f, 1e-9, 2.5 - 1e-12, xtol=1e-13))


def expected(catalog: Catalog) -> dict[str, list[tuple[float, int]]]:
    """Per example, (value, decimals shown) worked out here."""
    s03 = slope(0.3)
    mean26 = sum(slope(xs[2]) for xs in DEFAULTS.values()) / len(DEFAULTS)
    a, r = FITS["bug_fixes"]
    x_res = np.array(DEFAULTS["bug_fixes"])
    rmse = math.sqrt(sum((sig(a + r * (t - 2025)) - x) ** 2 for t, x in zip(YEARS, x_res, strict=True)) / 3)
    half = brentq(lambda t: U(t) - 0.5, 2024, 2030, xtol=1e-12)
    ref = Reference(replace(default_state(catalog), feedback=1.0, lag=0.5), catalog)
    u_lag, u_base = ref.U(2026.5), U(2025.5)
    g = (1 + u_lag) / (1 + u_base)
    mu = logit(0.42)
    s_lo, s_hi = (mu - logit(0.37)) / 1.6449, (logit(0.47) - mu) / 1.6449
    state = default_state(catalog)
    moved = []
    for x in (0.35, 0.45):
        est = {c: dict(v) for c, v in state.estimates.items()}
        est["automated_experiments"][2026] = x
        b = analyze(replace(state, estimates=est), catalog)
        moved.append((b.years[-1].mean_slope, b.forecast.milestones[0].year))
    return {
        "slope": [(sig(-2), 4), (1 - sig(-2), 4), (s03, 4)],
        "breakeven": [(1 / s03, 4), (1 / s03, 2), (mean26, 4), (1 / mean26, 4), (1 / mean26, 2)],
        "elasticity": [(10 * 0.3 * (1 - sig(-2)), 4)],
        "trajectory": [(a, 4), (r, 4), (rmse, 5), (2025 - a / r, 2)],
        "progress": [(U(2026), 4), (gain(2026), 4), (half, 2)],
        "feedback": [(u_lag, 4), (u_base, 4), (1 + u_lag, 4), (1 + u_base, 4), (g, 4), ((g - 1) * 100, 1)],
        "range": [(mu, 4), (s_lo, 4), (s_hi, 4)] + [(slope_quantile(q, mu, s_lo, s_hi), 3) for q in (0.05, 0.5, 0.95)],
        "sensitivity": [(moved[0][0], 3), (moved[1][0], 3), (moved[0][1], 2), (moved[1][1], 2)],  # type: ignore[list-item]
    }


def numbers(text: str) -> list[float]:
    return [float(v.replace("−", "-")) for v in re.findall(r"[−-]?\d+(?:\.\d+)?", text)]


@pytest.fixture(scope="module")
def page(client: TestClient) -> str:
    r = client.get("/about")
    assert r.status_code == 200
    return r.text


def example(page: str, name: str) -> str:
    match = re.search(rf'<p class="pg-worked" data-example="{name}">(.*?)</p>', page, flags=re.S)
    assert match, name
    return re.sub(r"<[^>]+>", "", match.group(1))


def test_every_formula_has_a_worked_example(page: str) -> None:
    shown = re.findall(r'data-example="([a-z]+)"', page)
    assert shown == ["slope", "breakeven", "elasticity", "trajectory", "progress", "feedback", "range", "sensitivity"]
    for formula in ("breakeven", "elasticity", "progress", "feedback", "range", "band", "trajectory"):
        assert f'data-formula="{formula}"' in page


def test_each_example_shows_the_numbers_worked_out_here(page: str, catalog: Catalog) -> None:
    for name, values in expected(catalog).items():
        shown = numbers(example(page, name))
        for value, decimals in values:
            # to the decimals shown; the lagged feedback's reference is itself within 1e-4
            tol = 0.5 * 10**-decimals + (2e-4 if name == "feedback" else 1e-9)
            assert any(abs(v - value) <= tol for v in shown), (name, value, decimals, shown)


def test_the_words_of_the_examples(page: str, catalog: Catalog) -> None:
    half = brentq(lambda t: U(t) - 0.5, 2024, 2030, xtol=1e-12)
    assert half == pytest.approx(2026.64, abs=0.005)  # 0.64 into 2027: "late 2027"
    assert "that is\nlate 2027" in page or "that is late 2027" in example(page, "progress")
    assert "is above 1 with probability &gt;99%" in example(page, "range")
    state = replace(default_state(catalog), ranges={"bug_fixes": {2025: (0.37, 0.47)}})
    digest = hashlib.sha256(seed_query(state, catalog).encode()).hexdigest()
    assert f"begins {digest[:16]}" in example(page, "range")
    assert "the largest\nswing is Automated experiments" in page
