"""The summary sentence of a view with ranges gives the peak as an interval
over the draws (SPEC section 8), not a single quarter-year."""

from __future__ import annotations

import dataclasses

import pytest

from scurve.analysis import Analysis, analyze
from scurve.catalog import load_catalog
from scurve.permalink import parse_query
from scurve.state import default_state
from scurve.summary import meta_summary, peak_interval_text, summary, year_words

CATALOG = load_catalog()
RANGED = "bug_fixes=0.3,0.42,0.55&bug_fixes.lo=0.2,0.3,0.4&bug_fixes.hi=0.4,0.55,0.8"


def ranged() -> Analysis:
    return analyze(parse_query(RANGED, CATALOG).raise_for_problems(), CATALOG)


def with_peak(a: Analysis, peak_year: tuple[float, float, float] | None, edge: float) -> Analysis:
    """The analysis with its draws' peak replaced by hand-picked figures."""
    assert a.uncertainty is not None
    forecast = dataclasses.replace(a.uncertainty.forecast, peak_year=peak_year, p_peak_at_edge=edge)
    return dataclasses.replace(a, uncertainty=dataclasses.replace(a.uncertainty, forecast=forecast))


@pytest.mark.parametrize(
    ("peak", "edge", "expected"),
    [
        ((2026.0, 2027.0, 2028.5), 0.0, "the aggregate slope peaks between the end of 2026 and mid 2029 (90%)"),
        ((2026.25, 2026.25, 2026.25), 0.0, "the aggregate slope peaks around early 2027 (90%)"),
        # p5 and p95 in the same quarter-year: one time, not "between X and X"
        ((2026.0, 2026.05, 2026.1), 0.0, "the aggregate slope peaks around the end of 2026 (90%)"),
        ((2026.0, 2027.0, 2028.5), 0.05, "the aggregate slope peaks between the end of 2026 and mid 2029 (90%)"),
        (
            (2026.0, 2028.0, 2030.0),
            0.2,
            "the aggregate slope peaks between the end of 2026 and the end of 2030 (90%), "
            "still rising at 2030 in 20% of draws",
        ),
        ((2029.0, 2030.0, 2030.0), 0.95, "the aggregate slope is still rising at the 2030 horizon in 95% of draws"),
        ((2030.0, 2030.0, 2030.0), 1.0, "the aggregate slope is still rising at the 2030 horizon in 100% of draws"),
    ],
)
def test_peak_interval_words(peak: tuple[float, float, float], edge: float, expected: str) -> None:
    a = with_peak(ranged(), peak, edge)
    assert peak_interval_text(a) == expected
    assert summary(a).endswith(f"; {expected}.")
    assert meta_summary(a).endswith(f"; {expected}.")


def test_no_ranges_keeps_the_single_year() -> None:
    a = analyze(default_state(CATALOG), CATALOG)
    assert a.uncertainty is None
    assert peak_interval_text(a) is None
    assert summary(a) == (
        "7 of 10 categories are super-critical in 2026 (4 still accelerating); the aggregate slope peaks around the end of 2026."
    )


def test_draws_without_a_peak_fall_back_to_the_stated_forecast() -> None:
    a = with_peak(ranged(), None, 0.0)
    assert peak_interval_text(a) is None
    assert "(90%)" not in summary(a)


def test_the_real_draws_interval_is_the_one_said() -> None:
    a = ranged()
    assert a.uncertainty is not None and a.uncertainty.forecast.peak_year is not None
    lo, _, hi = a.uncertainty.forecast.peak_year
    assert lo < hi  # wide ranges on bug fixes spread the peak over more than one grid point
    text = summary(a)
    assert "(90%)" in text and "peaks around" not in text
    assert f"between {year_words(lo)} and {year_words(hi)}" in text
