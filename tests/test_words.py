"""Words that fit the marks: no word of motion the marks do not show, flat
marks said not to move, falling marks named as falling, one year held where
it is; probabilities never 0% or 100% unless exact."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.cli import table
from scurve import Catalog, analyze, default_state, parse_query
from scurve.analysis import Analysis
from scurve.summary import PHASE_WORDS, draws_share, exact_share, meta_summary, peak_text, summary

MOTION = ("accelerat", "decelerat", "peaks", "rising", "falling", " fall", "moves ")


def of(catalog: Catalog, query: str) -> Analysis:
    return analyze(parse_query(query, catalog).raise_for_problems(), catalog)


def sentences(a: Analysis, catalog: Catalog) -> list[str]:
    return [summary(a), meta_summary(a), peak_text(a), table(a, catalog)]


def test_phase_words_name_a_place_not_a_motion() -> None:
    assert set(PHASE_WORDS) == {"early", "accelerating", "decelerating", "saturating"}
    for words in PHASE_WORDS.values():
        assert not any(m in words for m in MOTION), words


def test_one_year_holds_the_marks_and_reports_no_milestone_or_peak(catalog: Catalog) -> None:
    a = of(catalog, "years=2026")
    assert summary(a).startswith(
        "With one year of marks the forecast holds them where they are, with no milestone or peak; "
    )
    for text in sentences(a, catalog):
        assert not any(m in text for m in MOTION), text


def test_flat_marks_do_not_move(catalog: Catalog) -> None:
    est = {cid: {2024: 0.3, 2025: 0.3, 2026: 0.3} for cid in catalog.ids}
    a = analyze(replace(default_state(catalog), estimates=est), catalog)
    assert summary(a).startswith(
        "Your marks do not move from year to year, so the forecast holds them where they are; "
    )
    assert "no estimate" not in summary(a)
    for text in sentences(a, catalog):
        assert not any(m in text for m in MOTION), text


def test_falling_marks_are_named_as_falling(catalog: Catalog) -> None:
    a = of(catalog, "bug_fixes=0.6,0.5,0.4&chip_design=0.3,0.2,0.1")
    assert summary(a).endswith("; the marks of Bug fixes and Chip design fall from year to year.")
    # every category falling: U falls, so the first milestone is at the start or never
    est = {cid: {2024: 0.7, 2025: 0.6, 2026: 0.5} for cid in catalog.ids}
    b = analyze(replace(default_state(catalog), estimates=est), catalog)
    assert b.forecast.milestones[0].already and b.forecast.milestones[1].year is None
    assert summary(b).startswith("AI's help is already at half its potential at the end of 2024; ")
    # falling from below the midpoint: the slope is highest at the start, not a peak ahead
    est = {cid: {2024: 0.45, 2025: 0.35, 2026: 0.25} for cid in catalog.ids}
    c = analyze(replace(default_state(catalog), estimates=est), catalog)
    assert peak_text(c) == "the aggregate slope is highest at the start, the end of 2024, and falls after"


@pytest.mark.parametrize(
    ("p", "draws", "exact"),
    [(0.0, "<1%", "0%"), (1e-9, "<1%", "<1%"), (0.0099, "<1%", "<1%"), (0.5, "50%", "50%"),
     (0.9925, ">99%", ">99%"), (0.997, ">99%", ">99%"), (1 - 1e-12, ">99%", ">99%"), (1.0, ">99%", "100%")],
)  # fmt: skip
def test_probabilities_in_words(p: float, draws: str, exact: str) -> None:
    assert draws_share(p) == draws
    assert exact_share(p) == exact


def test_the_cli_table_has_milestones_and_break_even_figures(catalog: Catalog) -> None:
    a = analyze(default_state(catalog), catalog)
    text = table(a, catalog)
    assert "break-even scale (1 / mean slope)" in text
    scales = next(line for line in text.splitlines() if line.startswith("break-even scale"))
    assert [f"{y.breakeven_scale:.2f}" for y in a.years] == scales.split()[-3:]
    m1, m2 = a.forecast.milestones
    assert m1.year is not None and m2.year is not None
    assert f"half its potential (U = 0.50): {m1.year:.2f}" in text
    assert f"90% of its potential (U = 0.90): {m2.year:.2f}" in text
    bug = a.categories[0].points[0]
    assert bug.breakeven_payoff is not None and f"L*={bug.breakeven_payoff:.2f}" in text
    for words in ("accelerating", "decelerating"):
        assert words not in text
