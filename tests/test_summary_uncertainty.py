"""Sentences of a view with ranges: the peak as an interval over the draws,
not a single quarter-year, and the headline's first milestone with the
draws' interval."""

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
        # a share of draws is never said as 100%
        ((2030.0, 2030.0, 2030.0), 1.0, "the aggregate slope is still rising at the 2030 horizon in >99% of draws"),
    ],
)
def test_peak_interval_words(peak: tuple[float, float, float], edge: float, expected: str) -> None:
    a = with_peak(ranged(), peak, edge)
    assert peak_interval_text(a) == expected


def test_no_ranges_keeps_the_single_year() -> None:
    a = analyze(default_state(CATALOG), CATALOG)
    assert a.uncertainty is None
    assert peak_interval_text(a) is None
    assert summary(a) == (
        "AI's help reaches half its potential around late 2027; "
        "7 of 10 categories are super-critical in 2026 (4 of them before their midpoint)."
    )


def test_draws_without_a_peak_fall_back_to_the_stated_forecast() -> None:
    a = with_peak(ranged(), None, 0.0)
    assert peak_interval_text(a) is None


def with_milestone(a: Analysis, year: tuple[float, float, float] | None, p: float) -> Analysis:
    assert a.uncertainty is not None
    band = dataclasses.replace(a.uncertainty.forecast.milestones[0], year=year, p_reached=p)
    forecast = dataclasses.replace(a.uncertainty.forecast, milestones=(band,))
    return dataclasses.replace(a, uncertainty=dataclasses.replace(a.uncertainty, forecast=forecast))


@pytest.mark.parametrize(
    ("year", "p", "words"),
    [
        ((2026.3, 2026.6, 2027.1), 1.0, "; 90% of draws: early 2027 to the end of 2027;"),
        ((2026.5, 2026.6, 2026.6), 1.0, "; 90% of draws: around mid 2027;"),
        ((2026.3, 2026.6, 2029.1), 0.8, "; 80% of draws reach it by 2030, 90% of those early 2027 to the end of 2029;"),
        (
            (2026.3, 2026.6, 2029.1),
            0.9995,
            "; >99% of draws reach it by 2030, 90% of those early 2027 to the end of 2029;",
        ),
        (None, 0.0, "; <1% of draws reach it by 2030;"),
    ],
)
def test_the_headline_leads_with_the_first_milestone_and_its_draws(
    year: tuple[float, float, float] | None, p: float, words: str
) -> None:
    a = with_milestone(ranged(), year, p)
    assert a.forecast.milestones[0].year is not None
    text = summary(a)
    assert text.startswith(
        f"AI's help reaches half its potential around {year_words(a.forecast.milestones[0].year)}{words}"
    )
    assert meta_summary(a).startswith(text.split(";")[0])


def test_the_real_draws_interval_is_the_one_said() -> None:
    a = ranged()
    assert a.uncertainty is not None
    band = a.uncertainty.forecast.milestones[0]
    assert band.year is not None and band.p_reached == 1.0
    lo, _, hi = band.year
    assert f"; 90% of draws: {year_words(lo)} to {year_words(hi)};" in summary(a)


def test_a_year_whose_interval_holds_1_is_too_close_to_call() -> None:
    # Wide ranges around marks whose mean slope is near 1 in 2026.
    est = {cid: {2026: 0.28} for cid in CATALOG.ids}
    rng = {cid: {2026: (0.2, 0.36)} for cid in CATALOG.ids}
    a = analyze(dataclasses.replace(default_state(CATALOG, (2026,)), estimates=est, ranges=rng), CATALOG)
    assert a.uncertainty is not None
    band = a.uncertainty.years[-1].mean_slope
    assert band is not None and band[0] < 1 < band[4]
    assert f"its mean slope is too close to call (90% of draws: {band[0]:.2f} to {band[4]:.2f})" in summary(a)
    calm = analyze(dataclasses.replace(a.state, ranges={cid: {2026: (0.27, 0.29)} for cid in CATALOG.ids}), CATALOG)
    assert "too close to call" not in summary(calm)
