"""What moves the verdict: every entry recomputed by analysing, by hand, the
state with that one last-year estimate moved."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import pytest

from scurve import Catalog, analyze, default_state, state_from_json
from scurve.state import State


def moved(state: State, cid: str, x: float) -> State:
    est = {c: dict(v) for c, v in state.estimates.items()}
    est[cid][state.years[-1]] = x
    ranges = {c: dict(v) for c, v in state.ranges.items()}
    ranges.get(cid, {}).pop(state.years[-1], None)
    return replace(state, estimates=est, ranges={c: v for c, v in ranges.items() if v})


def check_by_hand(state: State, catalog: Catalog, milestone_tol: float = 1e-9) -> None:
    a = analyze(state, catalog)
    assert a.sensitivity is not None
    last = state.years[-1]
    assert {s.id for s in a.sensitivity} == {c for c, e in state.estimates.items() if last in e}
    for s in a.sensitivity:
        x = state.estimates[s.id][last]
        rng = state.ranges.get(s.id, {}).get(last)
        if rng is not None:
            assert (s.low_x, s.high_x) == rng
        else:
            assert s.low_x == pytest.approx(min(max(x - 0.05, 0.001), 0.999), abs=1e-12)
            assert s.high_x == pytest.approx(min(max(x + 0.05, 0.001), 0.999), abs=1e-12)
        for end, value in enumerate((s.low_x, s.high_x)):
            b = analyze(moved(state, s.id, value), catalog)
            assert s.mean_slope[end] == pytest.approx(b.years[-1].mean_slope, rel=1e-12)
            expected = b.forecast.milestones[0].year
            got = s.milestone[end]
            assert (got is None) == (expected is None)
            if got is not None:
                assert got == pytest.approx(expected, abs=milestone_tol)
    swings = [abs(s.mean_slope[1] - s.mean_slope[0]) for s in a.sensitivity]  # type: ignore[operator]
    assert all(a >= b - 1e-12 for a, b in pairwise(swings))


def test_default_state_by_hand(catalog: Catalog) -> None:
    check_by_hand(default_state(catalog), catalog)


def test_ranges_clipping_custom_and_one_estimate(catalog: Catalog) -> None:
    obj = {
        "estimates": {
            "qualitative_research": {"2024": 0.0, "2025": 0.01, "2026": 0.02},  # clipped at 0.001
            "chip_design": {"2026": 0.2},  # estimated once: no fit, it stays where moved
            "synthetic_data": {"2024": 0.4, "2025": 0.5},  # not in the last year: left out
            "u1": {"2025": 0.3, "2026": 0.99},  # clipped at 0.999
        },
        "custom": {"u1": {"name": "Robotics"}},
        "ranges": {"bug_fixes": {"2026": [0.4, 0.7]}},
        "weights": {"surfacing_ideas": 4},
    }
    state = state_from_json(obj, catalog)
    check_by_hand(state, catalog)
    a = analyze(state, catalog)
    assert a.sensitivity is not None
    by_id = {s.id: s for s in a.sensitivity}
    assert "synthetic_data" not in by_id
    assert (by_id["qualitative_research"].low_x, by_id["u1"].high_x) == (0.001, 0.999)
    assert (by_id["bug_fixes"].low_x, by_id["bug_fixes"].high_x) == (0.4, 0.7)


@pytest.mark.parametrize(("phi", "lag"), [(1.0, 0.0), (2.0, 0.75)])
def test_with_feedback_by_hand(catalog: Catalog, phi: float, lag: float) -> None:
    # The moved states integrate as one batch; the hand-built ones one by one.
    check_by_hand(replace(default_state(catalog), feedback=phi, lag=lag), catalog, milestone_tol=1e-8)


def test_ties_keep_category_order(catalog: Catalog) -> None:
    # Every category at the same mark on the same curve: equal swings, catalog order.
    est = {cid: {"2025": 0.3, "2026": 0.4} for cid in catalog.ids}
    a = analyze(state_from_json({"years": [2025, 2026], "estimates": est}, catalog), catalog)
    assert a.sensitivity is not None
    assert [s.id for s in a.sensitivity] == list(catalog.ids)


def test_no_last_year_estimate_no_sensitivity(catalog: Catalog) -> None:
    est = {cid: {"2024": 0.3} for cid in catalog.ids}
    a = analyze(state_from_json({"estimates": est}, catalog), catalog)
    assert a.sensitivity is None


def test_a_first_milestone_out_of_reach_is_null(catalog: Catalog) -> None:
    state = replace(default_state(catalog), milestones=(0.99,))
    a = analyze(state, catalog)
    assert a.sensitivity is not None
    assert all(s.milestone == (None, None) for s in a.sensitivity)
