"""The essay's signals (docs/DESIGN.md §3.1): elasticity, the year counts,
newly super-critical categories, the stacked uplift and the flat forecast.
Expected values are worked out by hand from the formulas."""

from __future__ import annotations

import math

import pytest

from scurve import Catalog, analyze, default_state, state_from_json
from scurve.curve import Curve


def sig(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def elasticity(x: float, m: float = 0.5, k: float = 10.0) -> float:
    return k * x * (1.0 - sig(k * (x - m)))


def point(catalog: Catalog, x: float, curve: dict[str, float] | None = None):  # type: ignore[no-untyped-def]
    obj: dict[str, object] = {
        "years": [2025],
        "estimates": {cid: {} for cid in catalog.ids} | {"bug_fixes": {"2025": x}},
    }
    if curve:
        obj["curves"] = {"bug_fixes": curve}
    return analyze(state_from_json(obj, catalog), catalog).categories[0].points[0]


def test_elasticity_by_hand(catalog: Catalog) -> None:
    # e(0.5) on (0.5, 10, 1) = 10 * 0.5 * (1 - 0.5) = 2.5
    assert point(catalog, 0.5).elasticity == pytest.approx(2.5, rel=1e-12)
    # e(0.2) = 10 * 0.2 * (1 - sigma(-3)) = 2 * (1 - 0.0474259) = 1.9051
    assert point(catalog, 0.2).elasticity == pytest.approx(1.9051483, rel=1e-6)
    assert point(catalog, 0.2).supercritical_loglog is True
    # e(0.05) = 0.5 * (1 - sigma(-4.5)) = 0.4945: not super-critical on log-log axes
    p = point(catalog, 0.05)
    assert p.elasticity == pytest.approx(0.5 * (1 - 0.0109869), rel=1e-6)
    assert p.supercritical_loglog is False


@pytest.mark.parametrize("ceiling", [1.0, 0.5, 0.2, 0.05])
def test_elasticity_does_not_depend_on_the_ceiling(catalog: Catalog, ceiling: float) -> None:
    p = point(catalog, 0.3, {"midpoint": 0.5, "steepness": 10, "ceiling": ceiling})
    assert p.elasticity == pytest.approx(elasticity(0.3), rel=1e-12)
    # while the linear verdict flips: s(0.3) = 1.0499 * L
    assert p.supercritical is (1.0499358540350652 * ceiling > 1)


def test_year_signals_on_the_defaults(catalog: Catalog) -> None:
    a = analyze(default_state(catalog), catalog)
    # Worked from the catalog's defaults (docs/DESIGN.md §2) with s(x) = 10 sigma (1 - sigma), e(x) = 10 x (1 - sigma):
    # 2024 super-critical: bug_fixes .30, supporting .32, data_cleaning .30, synthetic .33;
    # 2025 adds closed_loop .36 and surfacing .30; 2026 adds automated_experiments .40.
    assert [y.newly_supercritical for y in a.years] == [
        (),
        ("closed_loop_optimisation", "surfacing_ideas"),
        ("automated_experiments",),
    ]
    # x >= m = 0.5 in 2026: bug_fixes .55, supporting .58, synthetic .57
    assert [y.past_midpoint_count for y in a.years] == [0, 0, 3]
    # e(x) > 1 needs x above about 0.11 on (0.5, 10, 1): qualitative .04/.08 and supercomputer .06/.10 are below
    assert [y.loglog_supercritical_count for y in a.years] == [8, 8, 10]


def test_newly_supercritical_needs_the_previous_year_estimated(catalog: Catalog) -> None:
    est = {cid: {} for cid in catalog.ids}
    est["bug_fixes"] = {"2026": 0.5}  # no 2025 estimate: not "newly"
    est["chip_design"] = {"2025": 0.1, "2026": 0.5}
    a = analyze(state_from_json({"estimates": est}, catalog), catalog)
    assert a.years[2].newly_supercritical == ("chip_design",)
    assert a.years[2].supercritical_count == 2


def test_stacked_uplift_sums_to_the_mean_uplift(catalog: Catalog) -> None:
    state = state_from_json({"weights": {"chip_design": 3, "qualitative_research": 0}}, catalog)
    a = analyze(state, catalog)
    f = a.forecast
    w = {c.id: c.weight for c in a.categories}
    total_w = sum(w.values())
    for i, t in enumerate(f.t):
        stacked = sum(w[cid] * (cf.uplift or ())[i] for cid, cf in f.categories.items()) / total_w
        assert stacked == pytest.approx(f.mean_uplift[i], rel=1e-12), t
        # the server's per-category share is that w·u / Σw, and the shares add up
        for cid, cf in f.categories.items():
            assert cf.share is not None and cf.uplift is not None
            assert cf.share[i] == pytest.approx(w[cid] * cf.uplift[i] / total_w, rel=1e-12, abs=1e-15)
        assert sum(cf.share[i] for cf in f.categories.values() if cf.share) == pytest.approx(
            f.mean_uplift[i], rel=1e-12
        )
    assert f.categories["qualitative_research"].share == tuple(0.0 for _ in f.t)  # weight 0: no part
    # and each category's uplift is u(x(t)) = L sigma(k (x - m)) of its forecast position
    cf = f.categories["bug_fixes"]
    assert cf.uplift and cf.position
    assert cf.uplift[7] == pytest.approx(sig(10 * (cf.position[7] - 0.5)), rel=1e-12)
    # the last year's mean uplift agrees with the year aggregate at the same t
    j = f.t.index(2026.0)
    assert f.mean_uplift[0] is not None and f.mean_uplift[j] is not None


def test_flat_forecast_has_no_peak(catalog: Catalog) -> None:
    est = {cid: {"2024": 0.4, "2025": 0.4, "2026": 0.4} for cid in catalog.ids}
    a = analyze(state_from_json({"estimates": est}, catalog), catalog)
    assert all(c.trajectory is not None and c.trajectory.rate == 0 for c in a.categories)
    assert a.forecast.peak_year is None and a.forecast.peak_at_edge is False
    s = 10 * sig(-1) * (1 - sig(-1))  # s(0.4) = 1.9661
    assert all(m == pytest.approx(s, rel=1e-9) for m in a.forecast.mean_slope)
    assert a.forecast.supercritical_from == 2024.0 and a.forecast.supercritical_to == 2030.0


def test_curve_object_is_unchanged() -> None:
    # The ceiling enters the slope but not the elasticity (docs/DESIGN.md §3.1), as the formula shows.
    assert Curve(0.5, 10, 0.2).peak_slope == pytest.approx(0.5)
