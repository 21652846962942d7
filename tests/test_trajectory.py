"""The trajectory fit x(t) = sigma(a + r (t - t_bar)) and the forecast grid.

Positions are generated from known (a, r) and the fit must recover them;
derived years are checked against ``t_bar + (logit(x) - a) / r`` worked out
with ``math``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import least_squares  # type: ignore[import-untyped]

from scurve.curve import Curve
from scurve.trajectory import Fit, fit_many, grid, trajectory

NAN = math.nan


def sig(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def generate(a: float, r: float, years: list[float]) -> list[float]:
    tbar = sum(years) / len(years)
    return [sig(a + r * (t - tbar)) for t in years]


def only(fits: list[Fit | None]) -> Fit:
    assert len(fits) == 1 and fits[0] is not None
    return fits[0]


@pytest.mark.parametrize(
    ("a", "r", "years"),
    [
        (-1.0, 0.6, [2024, 2025, 2026]),
        (0.8, 1.7, [2024, 2025, 2026]),
        (-2.5, 0.3, list(range(2020, 2030))),
        (1.2, -0.4, list(range(2000, 2010))),
        (0.0, 2.0, [2024, 2030]),
    ],
)
def test_recovers_known_parameters(a: float, r: float, years: list[int]) -> None:
    t = [float(y) for y in years]
    f = only(fit_many(np.array(t), np.array([generate(a, r, t)])))
    assert f.a == pytest.approx(a, rel=1e-3, abs=1e-9)
    assert f.rate == pytest.approx(r, rel=1e-3)
    assert f.t_mean == pytest.approx(sum(t) / len(t))
    assert f.rmse < 1e-6


def test_missing_years_use_the_mean_of_estimated_years() -> None:
    # Estimated in 2024, 2026, 2029 only: t_bar = 2026.333...
    years = np.array([2024.0, 2025, 2026, 2027, 2028, 2029])
    est = [2024.0, 2026.0, 2029.0]
    tbar = sum(est) / 3
    xs = {t: sig(-0.4 + 0.5 * (t - tbar)) for t in est}
    row = [xs.get(float(t), NAN) for t in years]
    f = only(fit_many(years, np.array([row])))
    assert f.t_mean == pytest.approx(tbar)
    assert (f.a, f.rate) == pytest.approx((-0.4, 0.5), rel=1e-3)


def separate_fit(t: np.ndarray, x: np.ndarray) -> tuple[float, float]:
    """One bounded least-squares fit of one category, written independently."""
    keep = ~np.isnan(x)
    t, x = t[keep], np.clip(x[keep], 0.001, 0.999)
    dt = t - t.mean()
    lx = np.log(x / (1 - x))
    r0 = float(np.polyfit(dt, lx, 1)[0])
    p0 = [float(np.clip(lx.mean(), -10, 10)), float(np.clip(r0, -5, 5))]
    res = least_squares(
        lambda p: 1 / (1 + np.exp(-(p[0] + p[1] * dt))) - x,
        p0,
        bounds=([-10, -5], [10, 5]),
        xtol=1e-12,
        ftol=1e-12,
        gtol=1e-12,
    )
    return float(res.x[0]), float(res.x[1])


ROWS = np.array(
    [
        [0.30, 0.42, 0.55, 0.61],  # noisy rising
        [0.12, 0.17, 0.23, NAN],
        [0.06, NAN, 0.15, 0.40],
        [0.50, 0.45, 0.47, 0.30],  # falling, noisy
        [0.001, 0.40, 0.999, 1.0],  # steep: the rate bound binds
        [0.25, NAN, NAN, NAN],  # one year: no fit
        [0.20, 0.35, 0.48, 0.55],
    ]
)
T4 = np.array([2024.0, 2025, 2026, 2027])


def test_stacked_fit_equals_separate_fits() -> None:
    fits = fit_many(T4, ROWS)
    for i, row in enumerate(ROWS):
        f = fits[i]
        if np.sum(~np.isnan(row)) < 2:
            assert f is None
            continue
        assert f is not None
        a, r = separate_fit(T4, row)
        assert (f.a, f.rate) == pytest.approx((a, r), rel=1e-3, abs=1e-6), f"row {i}"


def test_exact_category_recovered_while_fitted_with_noisy_ones() -> None:
    exact = generate(0.3, 0.9, list(T4))
    rows = np.vstack([ROWS[:2], [exact], ROWS[3:4]])
    f = fit_many(T4, rows)[2]
    assert f is not None
    assert (f.a, f.rate) == pytest.approx((0.3, 0.9), rel=1e-3)


def test_steep_rise_stays_within_bounds() -> None:
    f = fit_many(T4, ROWS[4:5])[0]
    assert f is not None
    assert f.rate == pytest.approx(5.0)  # would be ~6.9 unbounded
    assert -10 <= f.a <= 10


@pytest.mark.parametrize(
    "row",
    [[0.0, 1.0], [1.0, 0.0], [0.0, 0.0], [1.0, 1.0], [0.0, 0.5, 1.0]],
)
def test_positions_of_exactly_0_or_1_fit_within_bounds(row: list[float]) -> None:
    t = np.array([2024.0, 2025.0, 2026.0][: len(row)])
    f = fit_many(t, np.array([row]))[0]
    assert f is not None
    assert -10 <= f.a <= 10 and -5 <= f.rate <= 5
    assert math.isfinite(f.rmse) and 0 <= f.rmse < 0.5


@pytest.mark.parametrize("x", [0.0, 0.3, 0.5, 1.0])
def test_flat_positions_give_rate_zero_and_no_derived_years(x: float) -> None:
    f = fit_many(T4, np.array([[x, x, x, x]]))[0]
    assert f is not None
    assert f.rate == 0.0
    assert f.rmse == pytest.approx(0.0, abs=1e-12)
    tr = trajectory(f, Curve())
    assert tr.rate == 0.0
    assert (tr.midpoint_year, tr.peak_year, tr.supercritical_from, tr.supercritical_to) == (None,) * 4


def test_single_year_or_no_year_gives_no_fit() -> None:
    assert fit_many(T4, np.array([[0.3, NAN, NAN, NAN], [NAN] * 4])) == [None, None]


def test_derived_years_by_hand() -> None:
    # a = 0, r = 1 around 2025 (positions from 2024..2026); curve m = 0.6, k = 10, L = 1.
    f = Fit(a=0.0, rate=1.0, t_mean=2025.0, rmse=0.0)
    c = Curve(0.6, 10, 1)
    tr = trajectory(f, c)
    z = math.log((1 + math.sqrt(0.6)) / (1 - math.sqrt(0.6)))  # logit((1 + root) / 2)
    assert tr.midpoint_year == pytest.approx(2025.0)
    assert tr.peak_year == pytest.approx(2025 + logit(0.6))  # 2025.405465
    assert tr.supercritical_from == pytest.approx(2025 + logit(0.6 - z / 10))
    assert tr.supercritical_to == pytest.approx(2025 + logit(0.6 + z / 10))


def test_derived_years_scale_with_rate_and_offset() -> None:
    f = Fit(a=-1.0, rate=0.5, t_mean=2025.0, rmse=0.0)
    tr = trajectory(f, Curve())
    assert tr.midpoint_year == pytest.approx(2025 + 1.0 / 0.5)  # t_bar - a/r = 2027
    assert tr.peak_year == pytest.approx(2027.0)


def test_band_edges_outside_unit_interval_are_clipped() -> None:
    # m = 0.05, k = 40: the lower band edge is below 0, so it is clipped to 0.001.
    c = Curve(0.05, 40, 1)
    f = Fit(a=0.0, rate=1.0, t_mean=2025.0, rmse=0.0)
    tr = trajectory(f, c)
    assert tr.supercritical_from == pytest.approx(2025 + logit(0.001))


def test_never_supercritical_curve_has_null_band_years() -> None:
    tr = trajectory(Fit(a=0.0, rate=1.0, t_mean=2025.0, rmse=0.0), Curve(0.5, 10, 0.3))
    assert tr.midpoint_year == pytest.approx(2025.0)
    assert tr.peak_year == pytest.approx(2025.0)
    assert tr.supercritical_from is None and tr.supercritical_to is None


@pytest.mark.parametrize("rate", [0.0099, -0.5])
def test_slow_or_falling_fit_has_null_derived_years(rate: float) -> None:
    tr = trajectory(Fit(a=0.0, rate=rate, t_mean=2025.0, rmse=0.0), Curve())
    assert tr.rate == rate
    assert (tr.midpoint_year, tr.peak_year, tr.supercritical_from, tr.supercritical_to) == (None,) * 4


def test_rate_threshold_is_inclusive_at_001() -> None:
    tr = trajectory(Fit(a=0.0, rate=0.01, t_mean=2025.0, rmse=0.0), Curve())
    assert tr.midpoint_year == pytest.approx(2025.0)


def test_grid_2024_to_2030_has_25_quarter_points() -> None:
    t = grid(2024, 2026, 2030)
    assert t.size == 25
    assert t[0] == 2024.0 and t[-1] == 2030.0
    assert np.diff(t) == pytest.approx(np.full(24, 0.25))


def test_grid_extends_to_last_year_when_horizon_is_earlier() -> None:
    t = grid(2024, 2026, 2025)
    assert (t[0], t[-1], t.size) == (2024.0, 2026.0, 9)
    assert grid(2100, 2100, 2000).tolist() == [2100.0]


def test_fit_position_follows_the_model() -> None:
    f = Fit(a=0.5, rate=0.8, t_mean=2025.0, rmse=0.0)
    t = np.array([2024.0, 2027.5])
    assert f.position(t) == pytest.approx([sig(0.5 - 0.8), sig(0.5 + 0.8 * 2.5)], rel=1e-12)
