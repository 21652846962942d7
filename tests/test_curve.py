"""The curve of one category: uplift, slope, relative slope, band, phase.

Expected values are worked out by hand (or with ``math`` from the formulas in
docs/DESIGN.md §3.1), never with the code under test.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from scurve.curve import Curve, band, phase, relative_slope, sample, slope, uplift
from scurve.errors import StateError


def sig(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def hand_slope(x: float, m: float, k: float, ceiling: float) -> float:
    s = sig(k * (x - m))
    return k * ceiling * s * (1.0 - s)


def test_slope_at_midpoint_is_k_l_over_4() -> None:
    # s(m) = k L (1/2)(1/2) = 10 / 4
    assert float(slope(0.5, Curve(0.5, 10, 1))) == pytest.approx(2.5, abs=1e-12)
    assert float(slope(0.3, Curve(0.3, 8, 0.5))) == pytest.approx(1.0, abs=1e-12)


def test_uplift_values() -> None:
    # u(0.5) = L/2; u(0.3) = sigma(-2) = 1 / (1 + e^2) = 0.1192029...
    assert float(uplift(0.5, Curve())) == pytest.approx(0.5, abs=1e-12)
    assert float(uplift(0.3, Curve())) == pytest.approx(0.11920292202211755, rel=1e-12)
    assert float(uplift(1.0, Curve(0.5, 10, 0.3))) == pytest.approx(0.3 * sig(5.0), rel=1e-12)


@pytest.mark.parametrize(
    ("x", "m", "k", "ceiling"),
    [(0.0, 0.5, 10, 1), (0.3, 0.5, 10, 1), (0.42, 0.4, 25, 0.7), (1.0, 0.05, 40, 1), (0.9, 0.95, 1, 0.05)],
)
def test_slope_matches_the_formula(x: float, m: float, k: float, ceiling: float) -> None:
    c = Curve(m, k, ceiling)
    assert float(slope(x, c)) == pytest.approx(hand_slope(x, m, k, ceiling), rel=1e-12, abs=1e-300)
    assert float(relative_slope(x, c)) == pytest.approx(hand_slope(x, m, k, ceiling) / (k * ceiling / 4), rel=1e-12)


def test_slope_is_vectorised() -> None:
    xs = np.array([0.1, 0.5, 0.9])
    got = slope(xs, Curve())
    assert got.shape == (3,)
    assert got == pytest.approx([hand_slope(x, 0.5, 10, 1) for x in xs], rel=1e-12)


def test_slope_far_from_midpoint_does_not_overflow() -> None:
    with np.errstate(all="raise"):
        assert float(slope(0.0, Curve(0.95, 40, 1))) == pytest.approx(hand_slope(0.0, 0.95, 40, 1), rel=1e-9)


def test_relative_slope_is_one_at_the_peak_and_below_elsewhere() -> None:
    assert float(relative_slope(0.5, Curve())) == pytest.approx(1.0, abs=1e-12)
    xs = np.linspace(0, 1, 101)
    rel = relative_slope(xs, Curve(0.37, 13, 0.6))
    assert np.all(rel > 0) and np.all(rel <= 1.0 + 1e-12)


def test_band_of_default_curve_to_four_decimals() -> None:
    lo, hi = band(Curve(0.5, 10, 1)) or (math.nan, math.nan)
    assert (round(lo, 4), round(hi, 4)) == (0.2937, 0.7063)
    # z = logit((1 + sqrt(0.6)) / 2) = 2.0634370688955608
    assert lo == pytest.approx(0.5 - 0.20634370688955608, abs=1e-12)
    assert hi == pytest.approx(0.5 + 0.20634370688955608, abs=1e-12)


@pytest.mark.parametrize(("m", "k", "ceiling"), [(0.5, 10, 1), (0.3, 20, 0.5), (0.7, 5, 0.9), (0.05, 40, 1)])
def test_band_edges_have_slope_one(m: float, k: float, ceiling: float) -> None:
    b = band(Curve(m, k, ceiling))
    assert b is not None
    for edge in b:
        assert hand_slope(edge, m, k, ceiling) == pytest.approx(1.0, abs=1e-9)
    assert hand_slope((b[0] + b[1]) / 2, m, k, ceiling) > 1.0


@pytest.mark.parametrize(("k", "ceiling"), [(10, 0.3), (4, 1), (8, 0.5), (1, 1), (40, 0.05)])
def test_never_supercritical_when_kl_at_most_4(k: float, ceiling: float) -> None:
    c = Curve(0.5, k, ceiling)
    assert band(c) is None
    assert float(np.max(slope(np.linspace(0, 1, 1001), c))) <= 1.0 + 1e-12


def test_ceiling_03_steepness_10_peak_slope() -> None:
    # kL/4 = 0.75 < 1: the whole curve stays sub-critical.
    c = Curve(0.5, 10, 0.3)
    assert c.peak_slope == pytest.approx(0.75)
    assert float(slope(0.5, c)) == pytest.approx(0.75, abs=1e-12)


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (0.1, "early"),  # s = 0.1766 <= 1, x < m
        (0.4, "accelerating"),  # s = 1.966 > 1, x < m
        (0.5, "decelerating"),  # at m: x >= m with s = 2.5
        (0.6, "decelerating"),  # s = 1.966 > 1, x >= m
        (0.9, "saturating"),  # s = 0.1766 <= 1, x >= m
    ],
)
def test_phase_at_points_chosen_in_each(x: float, expected: str) -> None:
    c = Curve()
    assert phase(x, hand_slope(x, 0.5, 10, 1), c) == expected


def test_phase_on_a_subcritical_curve_is_early_or_saturating() -> None:
    c = Curve(0.5, 10, 0.3)
    assert phase(0.49, float(slope(0.49, c)), c) == "early"
    assert phase(0.5, float(slope(0.5, c)), c) == "saturating"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"midpoint": 0.04}, "midpoint"),
        ({"midpoint": 0.96}, "midpoint"),
        ({"steepness": 0.5}, "steepness"),
        ({"steepness": 41}, "steepness"),
        ({"ceiling": 0.0}, "ceiling"),
        ({"ceiling": 1.01}, "ceiling"),
        ({"ceiling": math.nan}, "ceiling"),
        ({"steepness": math.inf}, "steepness"),
    ],
)
def test_curve_out_of_range_is_refused(kwargs: dict[str, float], field: str) -> None:
    with pytest.raises(StateError, match=f"`{field}` must be a number in"):
        Curve(**kwargs)


def test_sample_grid_and_values() -> None:
    s = sample(Curve(), 5)
    assert s.x == (0.0, 0.25, 0.5, 0.75, 1.0)
    assert s.slope[2] == 2.5
    assert s.uplift[1] == round(sig(-2.5), 6)
    assert s.slope[0] == round(hand_slope(0.0, 0.5, 10, 1), 6)


@pytest.mark.parametrize("n", [1, 10_002])
def test_sample_size_is_bounded(n: int) -> None:
    with pytest.raises(StateError, match=r"`n` must be in 2\.\.10001"):
        sample(Curve(), n)
