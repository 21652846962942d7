"""Property tests over generated valid states (hypothesis):

- a permalink written and read back gives the same state;
- a CSV exported and imported gives back the positions, curves and weights;
- the JSON form read back gives the same state;
- the analysis never raises, every number in it is finite, and its parts agree.
"""

from __future__ import annotations

import dataclasses
import math
import unicodedata
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.engine import dumps
from scurve import CATEGORY_IDS, analyze, load_catalog, parse_query, state_from_json, state_to_json, write_query
from scurve.csvio import read_csv, write_csv
from scurve.serialize import analysis_to_dict
from scurve.state import CUSTOM_IDS

CATALOG = load_catalog()
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def milli(lo: int, hi: int) -> st.SearchStrategy[float]:
    """Numbers with 3 decimals in [lo/1000, hi/1000], as a state holds them."""
    return st.integers(lo, hi).map(lambda n: n / 1000)


TITLE_CHARS = st.characters(codec="utf-8") | st.sampled_from("&=%#+?/ ,;é✓中\u00a0")
# Custom names and groups: any text but control and format characters (the rules forbid them).
NAME_CHARS = st.characters(codec="utf-8", exclude_categories=["Cc", "Cf"]) | st.sampled_from("<>&\"'=+-@\u05d0😀")


def nfkc_name(text: str) -> str:
    """A name as the rule reads it: NFKC, trimmed, at most 60 characters."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text)[:58]).strip()


@st.composite
def state_json(draw: st.DrawFn, *, with_vs: bool = True) -> dict[str, Any]:
    years = sorted(draw(st.lists(st.integers(2000, 2100), min_size=1, max_size=10, unique=True)))
    estimates: dict[str, dict[str, float | None]] = {}
    curves: dict[str, dict[str, float]] = {}
    weights: dict[str, float] = {}
    for cid in CATEGORY_IDS:
        if draw(st.booleans()):  # else: absent, so it takes its defaults
            row = draw(st.dictionaries(st.sampled_from(years), milli(0, 1000) | st.none()))
            estimates[cid] = {str(y): x for y, x in row.items()}
        if draw(st.integers(0, 3)) == 0:
            curves[cid] = {
                "midpoint": draw(milli(50, 950)),
                "steepness": draw(milli(1000, 40000)),
                "ceiling": draw(milli(50, 1000)),
            }
        if draw(st.integers(0, 2)) == 0:
            weights[cid] = draw(milli(0, 10000))
    custom: dict[str, dict[str, str]] = {}
    for i, cid in enumerate(draw(st.lists(st.sampled_from(CUSTOM_IDS), max_size=3, unique=True))):
        # Names: any text, made unique by a numbered prefix (no built-in name starts with a digit).
        name = f"{i} " + draw(st.text(NAME_CHARS, max_size=50))
        custom[cid] = {"name": nfkc_name(name), "group": draw(st.text(NAME_CHARS, max_size=40)).strip()}
        row = draw(st.dictionaries(st.sampled_from(years), milli(0, 1000)))
        estimates[cid] = {str(y): x for y, x in row.items()}
        if draw(st.booleans()):
            weights[cid] = draw(milli(0, 10000))
        if draw(st.booleans()):
            curves[cid] = {"midpoint": draw(milli(50, 950)), "steepness": draw(milli(1000, 40000)), "ceiling": 1}
    if weights and len(weights) == len(CATEGORY_IDS) + len(custom) and not any(weights.values()):
        weights[CATEGORY_IDS[0]] = 1.0
    ranges: dict[str, dict[str, list[float]]] = {}
    for cid, row in estimates.items():
        for ykey, x in row.items():
            if x is None or not draw(st.booleans()):
                continue
            lo = draw(milli(0, round(x * 1000)))
            hi = draw(milli(round(x * 1000), 1000))
            if lo < hi:
                ranges.setdefault(cid, {})[ykey] = [lo, hi]
    obj: dict[str, Any] = {
        "years": years,
        "estimates": estimates,
        "curves": curves,
        "weights": weights,
        "ranges": ranges,
        "custom": custom,
        "horizon": draw(st.integers(2000, 2100)),
        "feedback": draw(milli(0, 3000)),
        "lag": draw(st.integers(0, 12)) / 4,
        "milestones": [n / 100 for n in sorted(draw(st.sets(st.integers(1, 99), min_size=1, max_size=3)))],
        "rho": draw(milli(0, 1000)),
        "title": draw(st.text(TITLE_CHARS, max_size=80)),
    }
    if with_vs and draw(st.booleans()):
        obj["vs"] = draw(state_json(with_vs=False))
    return obj


@SETTINGS
@given(state_json())
def test_permalink_round_trip(obj: dict[str, Any]) -> None:
    state = state_from_json(obj, CATALOG)
    query = write_query(state, CATALOG)
    link = parse_query(query, CATALOG)
    assert link.problems == ()
    assert link.warnings == ()
    assert link.state == state
    # and the written form is a fixed point
    assert write_query(link.state, CATALOG) == query


@SETTINGS
@given(state_json())
def test_json_form_round_trip(obj: dict[str, Any]) -> None:
    state = state_from_json(obj, CATALOG)
    assert state_from_json(state_to_json(state, CATALOG), CATALOG) == state


@SETTINGS
@given(state_json(with_vs=False))
def test_csv_round_trip(obj: dict[str, Any]) -> None:
    # The CSV carries the whole state but its comparison: every setting, every
    # category (one with no estimate as a row of its own), names, groups, questions.
    state = state_from_json(obj, CATALOG)
    # The rows' numbers do not depend on the ranges: analyse without the
    # Monte Carlo (as the page's live previews do), then write the state's ranges.
    analysis = dataclasses.replace(analyze(dataclasses.replace(state, ranges={}), CATALOG), state=state)
    result = read_csv(write_csv(analysis).encode(), CATALOG)
    assert result.state == state
    assert result.warnings == () and result.defaulted == ()


def walk_numbers(obj: Any, path: str = "") -> list[tuple[str, float]]:
    if isinstance(obj, bool) or obj is None or isinstance(obj, str):
        return []
    if isinstance(obj, int | float):
        return [(path, obj)]
    if isinstance(obj, dict):
        return [n for k, v in obj.items() for n in walk_numbers(v, f"{path}.{k}")]
    if isinstance(obj, list):
        return [n for i, v in enumerate(obj) for n in walk_numbers(v, f"{path}[{i}]")]
    raise AssertionError(f"{path}: unexpected {type(obj).__name__}")


@SETTINGS
@given(state_json())
def test_analysis_is_finite_and_consistent(obj: dict[str, Any]) -> None:
    state = state_from_json(obj, CATALOG)
    a = analyze(state, CATALOG)
    body = analysis_to_dict(a, CATALOG)
    dumps(body)  # strict JSON: would raise on NaN or infinity
    for path, value in walk_numbers(body):
        assert math.isfinite(value), path
    for c in a.categories:
        assert [p.year for p in c.points] == sorted(state.estimates[c.id])
        for p in c.points:
            assert p.supercritical is (p.slope > 1)
            assert 0 <= p.relative_slope <= 1 + 1e-12
            assert 0 <= p.uplift <= c.curve.ceiling
            assert (
                p.phase
                == {
                    (True, True): "accelerating",
                    (True, False): "early",
                    (False, True): "decelerating",
                    (False, False): "saturating",
                }[(p.position < c.curve.midpoint, p.supercritical)]
            )
        t = c.trajectory
        if t is not None:
            assert -5 <= t.rate <= 5 and t.rmse >= 0
            if t.rate < 0.01:
                assert t.midpoint_year is None and t.peak_year is None
    for j, y in enumerate(a.years):
        here = [(c, p) for c in a.categories for p in c.points if p.year == y.year]
        assert y.supercritical_count == sum(p.supercritical for _, p in here)
        assert y.accelerating_count == sum(p.phase == "accelerating" for _, p in here)
        wsum = sum(c.weight for c, _ in here)
        assert y.total_slope == sum(c.weight * p.slope for c, p in here) or math.isclose(
            y.total_slope, sum(c.weight * p.slope for c, p in here), rel_tol=1e-9, abs_tol=1e-12
        )
        if wsum > 0:
            assert y.mean_slope is not None and math.isclose(y.mean_slope, y.total_slope / wsum, rel_tol=1e-9)
            assert y.supercritical is (y.mean_slope > 1)
        else:
            assert y.mean_slope is None and y.mean_uplift is None and y.supercritical is False
        assert a.years[j].year == state.years[j]
    f = a.forecast
    assert f.t[-1] == max(state.horizon, state.years[-1])
    if f.peak_year is not None:
        means = [m for m in f.mean_slope if m is not None]
        assert len(means) == len(f.t)
        assert f.peak_year == f.t[means.index(max(means))]
        assert f.peak_at_edge is (f.peak_year == f.t[-1])
        if f.supercritical_from is not None:
            assert f.supercritical_to is not None and f.supercritical_from <= f.supercritical_to
            assert all(
                m > 1 for t, m in zip(f.t, means, strict=True) if f.supercritical_from <= t <= f.supercritical_to
            )
        else:
            assert max(means) <= 1
    else:
        means = [m for m in f.mean_slope if m is not None]
        # No peak: no estimate at all, or a flat forecast (SPEC 7).
        assert not means or max(means) - min(means) < 1e-6
        assert f.peak_at_edge is False
