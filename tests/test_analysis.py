"""One state in, one analysis out: points, year aggregates, trajectories, forecast."""

from __future__ import annotations

import math
from typing import Any

import pytest

from scurve import Catalog, analyze, default_state, state_from_json
from scurve.analysis import Analysis
from tests.spec_values import DEFAULTS  # SPEC section 2


def hand_slope(x: float, m: float = 0.5, k: float = 10.0, ceiling: float = 1.0) -> float:
    s = 1.0 / (1.0 + math.exp(-k * (x - m)))
    return k * ceiling * s * (1.0 - s)


def hand_uplift(x: float, m: float = 0.5, k: float = 10.0, ceiling: float = 1.0) -> float:
    return ceiling / (1.0 + math.exp(-k * (x - m)))


def only(catalog: Catalog, estimates: dict[str, dict[str, float]], **rest: Any) -> Analysis:
    """Analysis of a state in which only the given categories have estimates."""
    est: dict[str, dict[str, float]] = {cid: {} for cid in catalog.ids}
    est.update(estimates)
    return analyze(state_from_json({"estimates": est, **rest}, catalog), catalog)


def test_default_state_counts_and_mean_slopes(catalog: Catalog) -> None:
    a = analyze(default_state(catalog), catalog)
    assert [y.year for y in a.years] == [2024, 2025, 2026]
    assert [y.supercritical_count for y in a.years] == [4, 6, 7]
    assert [round(y.mean_slope or 0, 2) for y in a.years] == [0.64, 1.29, 1.70]
    for j, y in enumerate(a.years):
        slopes = [hand_slope(v[j]) for v in DEFAULTS.values()]
        assert y.mean_slope == pytest.approx(sum(slopes) / 10, rel=1e-12)
        assert y.total_slope == pytest.approx(sum(slopes), rel=1e-12)
        assert y.mean_uplift == pytest.approx(sum(hand_uplift(v[j]) for v in DEFAULTS.values()) / 10, rel=1e-12)
        assert y.supercritical_count == sum(s > 1 for s in slopes)
        assert y.accelerating_count == sum(s > 1 and v[j] < 0.5 for s, v in zip(slopes, DEFAULTS.values(), strict=True))
        assert y.supercritical is (sum(slopes) / 10 > 1)


def test_default_state_points(catalog: Catalog) -> None:
    a = analyze(default_state(catalog), catalog)
    assert [c.id for c in a.categories] == list(DEFAULTS)
    bug = a.categories[0]
    assert [p.year for p in bug.points] == [2024, 2025, 2026]
    p = bug.points[1]  # 0.42: s = 2.1391, accelerating
    assert p.position == 0.42
    assert p.slope == pytest.approx(hand_slope(0.42), rel=1e-12)
    assert p.uplift == pytest.approx(hand_uplift(0.42), rel=1e-12)
    assert p.relative_slope == pytest.approx(hand_slope(0.42) / 2.5, rel=1e-12)
    assert (p.phase, p.supercritical) == ("accelerating", True)
    assert bug.points[2].phase == "decelerating"  # 0.55 >= m, s = 2.35
    q = a.categories[-1].points[0]  # qualitative research 0.04: s = 0.098
    assert (q.phase, q.supercritical) == ("early", False)
    assert bug.band == pytest.approx((0.5 - 0.20634370688955608, 0.5 + 0.20634370688955608))


def test_weighted_year_aggregates(catalog: Catalog) -> None:
    a = only(
        catalog,
        {"bug_fixes": {"2024": 0.5}, "chip_design": {"2024": 0.1}, "synthetic_data": {"2024": 0.7}},
        weights={"bug_fixes": 3, "chip_design": 1, "synthetic_data": 0},
    )
    y = a.years[0]
    s_b, s_c = hand_slope(0.5), hand_slope(0.1)
    assert y.total_slope == pytest.approx(3 * s_b + s_c, rel=1e-12)
    assert y.mean_slope == pytest.approx((3 * s_b + s_c) / 4, rel=1e-12)
    assert y.mean_uplift == pytest.approx((3 * 0.5 + hand_uplift(0.1)) / 4, rel=1e-12)
    # counts ignore weights: synthetic data at 0.7 (s = 1.05) counts though its weight is 0
    assert y.supercritical_count == 2
    assert y.accelerating_count == 0
    # years without any estimate: means null, not super-critical, totals 0
    for empty in a.years[1:]:
        assert (empty.mean_slope, empty.mean_uplift, empty.total_slope) == (None, None, 0.0)
        assert empty.supercritical is False
        assert (empty.supercritical_count, empty.accelerating_count) == (0, 0)


def test_year_with_only_zero_weight_categories_has_null_means(catalog: Catalog) -> None:
    a = only(
        catalog,
        {"bug_fixes": {"2024": 0.5}, "chip_design": {"2025": 0.5}},
        weights={"chip_design": 0},
    )
    y2025 = a.years[1]
    assert (y2025.mean_slope, y2025.mean_uplift) == (None, None)
    assert y2025.total_slope == 0.0
    assert y2025.supercritical is False
    assert y2025.supercritical_count == 1  # chip design at 0.5 has s = 2.5
    assert a.years[0].mean_slope == pytest.approx(2.5)


def test_forecast_constructed_case(catalog: Catalog) -> None:
    # x(t) = sigma(t - 2025) rounded: 0.269, 0.5, 0.731, a symmetric fit with a = 0
    # and r = logit(0.731) = 0.99970.  The mean slope is this one curve's slope:
    # its peak is at x = 0.5, t = 2025; it is above 1 while x is in the band
    # (0.2937, 0.7063), i.e. |t - 2025| < 0.8779, so grid points 2024.25..2025.75.
    a = only(catalog, {"bug_fixes": {"2024": 0.269, "2025": 0.5, "2026": 0.731}})
    f = a.forecast
    assert len(f.t) == 25 and (f.t[0], f.t[-1]) == (2024.0, 2030.0)
    r = math.log(0.731 / 0.269)
    tr = a.categories[0].trajectory
    assert tr is not None
    assert tr.rate == pytest.approx(r, rel=1e-6)
    assert tr.midpoint_year == pytest.approx(2025.0, abs=1e-6)
    lo = 0.5 - 0.20634370688955608  # the band's lower edge
    assert tr.supercritical_from == pytest.approx(2025 + math.log(lo / (1 - lo)) / r, abs=1e-6)
    for t, m, tot in zip(f.t, f.mean_slope, f.total_slope, strict=True):
        x = 1 / (1 + math.exp(-r * (t - 2025)))
        assert m == pytest.approx(hand_slope(x), rel=1e-6)
        assert tot == pytest.approx(hand_slope(x), rel=1e-6)
    assert (f.peak_year, f.peak_at_edge) == (2025.0, False)
    assert (f.supercritical_from, f.supercritical_to) == (2024.25, 2025.75)
    cf = f.categories["bug_fixes"]
    assert cf.position is not None and cf.position[4] == pytest.approx(0.5, abs=1e-9)
    assert f.categories["chip_design"].position is None and f.categories["chip_design"].slope is None


def test_forecast_peak_at_edge_when_still_rising(catalog: Catalog) -> None:
    a = only(catalog, {"bug_fixes": {"2024": 0.10, "2025": 0.12, "2026": 0.14}})
    f = a.forecast
    assert f.peak_year == 2030.0 and f.peak_at_edge is True
    assert f.supercritical_from is None and f.supercritical_to is None  # x stays below the band


def test_forecast_first_run_above_one(catalog: Catalog) -> None:
    # Two runs above 1 are impossible for one rising curve; a falling one gives a run at the start.
    a = only(catalog, {"bug_fixes": {"2024": 0.5, "2025": 0.4, "2026": 0.3}})
    f = a.forecast
    assert f.peak_year == 2024.0 and f.peak_at_edge is False
    assert f.supercritical_from == 2024.0
    assert f.supercritical_to is not None and 2025.5 <= f.supercritical_to <= 2026.5
    assert any("Bug fixes (bug_fixes)" in w and "fall" in w for w in a.warnings)


def test_one_year_category_stays_at_its_estimate(catalog: Catalog) -> None:
    a = only(catalog, {"chip_design": {"2025": 0.4}})
    f = a.forecast
    assert f.t[0] == 2025.0 and len(f.t) == 21  # grid starts at the first estimated year
    assert set(f.categories["chip_design"].position or ()) == {0.4}
    assert f.mean_slope == pytest.approx([hand_slope(0.4)] * 21)
    assert f.peak_year is None and f.peak_at_edge is False  # flat: no peak (SPEC 7)
    assert a.categories[4].trajectory is None


def test_forecast_horizon(catalog: Catalog) -> None:
    a = only(catalog, {"bug_fixes": {"2024": 0.3, "2025": 0.4}}, horizon=2040)
    assert (a.forecast.t[0], a.forecast.t[-1], len(a.forecast.t)) == (2024.0, 2040.0, 65)
    b = only(catalog, {"bug_fixes": {"2024": 0.3, "2025": 0.4}}, years=[2024, 2025, 2026, 2027], horizon=2025)
    assert b.forecast.t[-1] == 2027.0


def test_forecast_with_all_active_weights_zero_has_null_means(catalog: Catalog) -> None:
    # bug_fixes carries the only weight but has no estimate; the estimated ones weigh 0.
    zero = {cid: 0 for cid in catalog.ids if cid != "bug_fixes"}
    a = only(catalog, {"chip_design": {"2024": 0.5, "2025": 0.6}}, weights=zero)
    f = a.forecast
    assert set(f.mean_slope) == {None}
    assert set(f.total_slope) == {0.0}
    assert (f.peak_year, f.peak_at_edge, f.supercritical_from, f.supercritical_to) == (None, False, None, None)
    assert [y.mean_slope for y in a.years] == [None, None, None]


def test_falling_category_warning_names_it(catalog: Catalog) -> None:
    a = only(catalog, {"synthetic_data": {"2024": 0.6, "2025": 0.5, "2026": 0.4}})
    assert len(a.warnings) == 1
    assert "Synthetic data (synthetic_data)" in a.warnings[0]
    assert "fall" in a.warnings[0]
    tr = a.categories[7].trajectory
    assert tr is not None and tr.rate < -0.01 and tr.midpoint_year is None


def test_flat_category_has_rate_zero_and_no_warning(catalog: Catalog) -> None:
    a = only(catalog, {"chip_design": {"2024": 0.3, "2025": 0.3, "2026": 0.3}})
    tr = a.categories[4].trajectory
    assert tr is not None and tr.rate == 0.0
    assert (tr.midpoint_year, tr.peak_year, tr.supercritical_from, tr.supercritical_to) == (None,) * 4
    assert a.warnings == ()


def test_curve_override_changes_band_and_slopes(catalog: Catalog) -> None:
    a = only(
        catalog,
        {"chip_design": {"2024": 0.5, "2025": 0.6}},
        curves={"chip_design": {"midpoint": 0.5, "steepness": 10, "ceiling": 0.3}},
    )
    c = a.categories[4]
    assert c.band is None
    assert [p.slope for p in c.points] == pytest.approx([0.75, hand_slope(0.6, ceiling=0.3)])
    assert [p.phase for p in c.points] == ["saturating", "saturating"]
    assert c.trajectory is not None and c.trajectory.supercritical_from is None


def test_compare_state_is_analysed_separately(catalog: Catalog) -> None:
    s = state_from_json(
        {"title": "main", "vs": {"estimates": {"bug_fixes": {"2024": 0.9, "2025": 0.8}}, "title": "other"}},
        catalog,
    )
    a = analyze(s, catalog)
    assert a.compare is not None and a.compare.compare is None
    assert a.compare.state.title == "other"
    assert [p.position for p in a.compare.categories[0].points] == [0.9, 0.8]
    assert a.compare.permalink.startswith("/?v=2&years=2024,2025,2026")
    assert "title=other" in a.compare.permalink
    assert any(w.startswith("compared view: Bug fixes") for w in a.warnings)


def test_permalink_of_analysis_is_relative(catalog: Catalog) -> None:
    a = analyze(default_state(catalog), catalog)
    assert a.permalink.startswith("/?v=2&years=2024,2025,2026&horizon=2030&bug_fixes=0.3,0.42,0.55&")
