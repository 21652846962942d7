"""Plain-language sentences about an analysis, for the page, the embed, link
previews and the CLI.

The words follow the marks: a phase names where a mark sits on its curve,
not a motion; a forecast that does not move says so; marks that fall are
named as falling; and the headline leads with progress (when AI's help
reaches a share of its potential), not with the slope.
"""

from __future__ import annotations

import math

from .analysis import Analysis
from .curve import Phase
from .trajectory import RISING

DEFAULT_TITLE = "Where does AI stand on the S-curves of AI self-improvement?"


#: A quarter past the end of a year, in words (a year Y stands for the end
#: of year Y, so t = 2026.25 is a quarter into 2027).
QUARTER_WORDS = ("the end of", "early", "mid", "late")

#: Where a mark sits on its curve, for each phase id: no word of motion.
PHASE_WORDS: dict[Phase, str] = {
    "early": "slope at most 1, before the midpoint",
    "accelerating": "slope above 1, before the midpoint",
    "decelerating": "slope above 1, past the midpoint",
    "saturating": "slope at most 1, past the midpoint",
}

#: Shares of the potential said in words; others as a percentage.
SHARE_WORDS = {0.25: "a quarter of", 0.5: "half", 0.75: "three quarters of"}


def year_words(t: float) -> str:
    """A decimal year as people say it, to the nearest quarter.

    The year Y stands for the end of year Y (t = Y), so t = Y + 0.25 is a
    quarter into year Y + 1: "early", then "mid", "late" and at Y + 1 "the
    end of" it. The API keeps the numbers; only sentences use the words.

    >>> [year_words(t) for t in (2026, 2026.25, 2026.5, 2026.75, 2027)]
    ['the end of 2026', 'early 2027', 'mid 2027', 'late 2027', 'the end of 2027']
    >>> year_words(2025.6), year_words(2023.9)
    ('mid 2026', 'the end of 2024')
    """
    quarters = math.floor(t * 4 + 0.5)  # half a quarter rounds up, as in the page's JavaScript
    year, quarter = divmod(quarters, 4)
    return f"the end of {year}" if quarter == 0 else f"{QUARTER_WORDS[quarter]} {year + 1}"


def share_words(q: float) -> str:
    """A milestone's share of the potential in words.

    >>> share_words(0.5), share_words(0.9), share_words(0.25)
    ('half', '90% of', 'a quarter of')
    """
    return SHARE_WORDS.get(q, f"{q:.0%} of")


def draws_share(p: float) -> str:
    """A Monte Carlo probability: never 0% or 100%, which draws cannot show.

    >>> draws_share(0.0), draws_share(0.004), draws_share(0.37), draws_share(0.996), draws_share(1.0)
    ('<1%', '<1%', '37%', '>99%', '>99%')
    """
    if p < 0.01:
        return "<1%"
    if p > 0.99:
        return ">99%"
    return f"{p:.0%}"


def exact_share(p: float) -> str:
    """A closed-form probability: 0% and 100% only when it is exactly 0 or 1.

    >>> exact_share(0.0), exact_share(0.003), exact_share(0.5), exact_share(0.9999), exact_share(1.0)
    ('0%', '<1%', '50%', '>99%', '100%')
    """
    if p in (0.0, 1.0):
        return f"{p:.0%}"
    return draws_share(p)


def moves(a: Analysis) -> bool:
    """Whether the forecast moves: some category has marks in two years that
    rise or fall (a fitted rate of at least 0.01 per year either way)."""
    return any(c.trajectory is not None and abs(c.trajectory.rate) >= RISING for c in a.categories)


def falling(a: Analysis) -> list[str]:
    """The categories whose marks fall from year to year (fitted rate <= -0.01)."""
    return [c.name for c in a.categories if c.trajectory is not None and c.trajectory.rate <= -RISING]


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def still_text(a: Analysis) -> str | None:
    """Why the forecast holds the marks where they are, or None when it moves."""
    if moves(a):
        return None
    if len(a.state.years) == 1 or all(c.trajectory is None for c in a.categories):
        return "with one year of marks the forecast holds them where they are, with no milestone or peak"
    return "your marks do not move from year to year, so the forecast holds them where they are"


def milestone_text(a: Analysis) -> str:
    """The first milestone in words, with the draws' interval when there are
    ranges (the headline's lead, see :func:`summary`)."""
    still = still_text(a)
    if still is not None:
        return still[0].upper() + still[1:]
    f = a.forecast
    end = max(a.state.horizon, a.state.years[-1])
    if f.potential is None or not f.milestones:
        return "No category with an estimate carries any weight, so AI's help has no potential to reach"
    m = f.milestones[0]
    what = f"{share_words(m.share)} its potential"
    if m.already:
        text = f"AI's help is already at {what} at {year_words(m.year or f.t[0])}"
    elif m.year is not None:
        text = f"AI's help reaches {what} around {year_words(m.year)}"
    else:
        text = f"AI's help does not reach {what} by {end}"
    return text + _draws_text(a, end)


def _draws_text(a: Analysis, end: int) -> str:
    u = a.uncertainty
    if u is None or not u.forecast.milestones:
        return ""
    band = u.forecast.milestones[0]
    if band.year is None:
        return f"; {draws_share(band.p_reached)} of draws reach it by {end}"
    lo, hi = year_words(band.year[0]), year_words(band.year[2])
    span = f"around {lo}" if lo == hi else f"{lo} to {hi}"
    if band.p_reached == 1.0:
        return f"; 90% of draws: {span}"
    return f"; {draws_share(band.p_reached)} of draws reach it by {end}, 90% of those {span}"


def peak_text(a: Analysis) -> str:
    """When the aggregate slope peaks, in words (the forecast's second reading)."""
    still = still_text(a)
    if still is not None:
        return still
    ranged = peak_interval_text(a)
    if ranged is not None:
        return ranged
    f = a.forecast
    if f.peak_year is None:
        return "the aggregate slope stays where it is"
    if f.peak_at_edge:
        return f"the aggregate slope is still rising at the {a.state.horizon} horizon"
    if f.peak_year == f.t[0]:
        return f"the aggregate slope is highest at the start, {year_words(f.peak_year)}, and falls after"
    return f"the aggregate slope peaks around {year_words(f.peak_year)}"


#: A share of draws at least this large, or this small, is said as all or none.
EDGE_SHARE = 0.05


def peak_interval_text(a: Analysis) -> str | None:
    """When the aggregate slope peaks, over the Monte Carlo draws: an
    interval instead of a single quarter-year. None without ranges.

    The draws' peak years give [p5, p50, p95]; ``p_peak_at_edge`` is the
    share of draws still rising at the end of the grid. With 95% or more of
    them at the edge the slope is "still rising"; with more than 5% the
    interval is followed by that share.

    >>> from scurve.analysis import analyze
    >>> from scurve.catalog import load_catalog
    >>> from scurve.permalink import parse_query
    >>> cat = load_catalog()
    >>> q = "bug_fixes=0.3,0.42,0.55&bug_fixes.lo=0.2,0.3,0.4&bug_fixes.hi=0.4,0.55,0.8"
    >>> peak_interval_text(analyze(parse_query(q, cat).raise_for_problems(), cat))
    'the aggregate slope peaks between the end of 2026 and early 2027 (90%)'
    """
    u = a.uncertainty
    if u is None or u.forecast.peak_year is None:
        return None
    end = max(a.state.horizon, a.state.years[-1])
    edge = u.forecast.p_peak_at_edge
    if edge >= 1 - EDGE_SHARE:
        return f"the aggregate slope is still rising at the {end} horizon in {draws_share(edge)} of draws"
    lo, _, hi = u.forecast.peak_year
    lo_words, hi_words = year_words(lo), year_words(hi)
    when = f"around {lo_words}" if lo_words == hi_words else f"between {lo_words} and {hi_words}"
    text = f"the aggregate slope peaks {when} (90%)"
    if edge > EDGE_SHARE:
        text += f", still rising at {end} in {draws_share(edge)} of draws"
    return text


def _count_text(a: Analysis, noun: str) -> str:
    """'7 of 10 <noun> are super-critical in 2026', for the last year."""
    last = a.years[-1]
    count = last.supercritical_count
    verb = "is" if count == 1 else "are"
    return f"{count} of {len(a.categories)} {noun} {verb} super-critical in {last.year}"


def verdict_text(a: Analysis) -> str:
    """The last year's verdict: how many categories are super-critical,
    where they sit, and a year too close to call under the ranges."""
    last = a.years[-1]
    text = _count_text(a, "categories")
    if last.accelerating_count:
        text += f" ({last.accelerating_count} of them before their midpoint)"
    u = a.uncertainty
    band = u.years[-1].mean_slope if u is not None else None
    if band is not None and band[0] <= 1.0 <= band[4]:
        text += f"; its mean slope is too close to call (90% of draws: {band[0]:.2f} to {band[4]:.2f})"
    return text


def summary(a: Analysis) -> str:
    """The headline: the first milestone, the last year's verdict, and the
    categories whose marks fall.

    >>> from scurve.analysis import analyze
    >>> from scurve.catalog import load_catalog
    >>> from scurve.state import default_state
    >>> cat = load_catalog()
    >>> summary(analyze(default_state(cat), cat))
    "AI's help reaches half its potential around late 2027; 7 of 10 categories are super-critical in 2026 (4 of them before their midpoint)."
    """
    parts = [milestone_text(a), verdict_text(a)]
    down = falling(a)
    if down:
        parts.append(f"the marks of {_names(down)} fall from year to year")
    return "; ".join(parts) + "."


def meta_title(a: Analysis) -> str:
    """The title a pasted link previews with: the state's own, else the question."""
    return a.state.title or DEFAULT_TITLE


def meta_summary(a: Analysis) -> str:
    """One line for a link preview (``og:description``): the first milestone
    and how many of the categories are super-critical in the last year.

    >>> from scurve.analysis import analyze
    >>> from scurve.catalog import load_catalog
    >>> from scurve.state import default_state
    >>> cat = load_catalog()
    >>> meta_summary(analyze(default_state(cat), cat))
    "AI's help reaches half its potential around late 2027; 7 of 10 AI self-improvement categories are super-critical in 2026."
    """
    return f"{milestone_text(a)}; {_count_text(a, 'AI self-improvement categories')}."


def _milestone_clause(m_share: float, year: float | None, already: bool, end: int) -> str:
    what = f"{share_words(m_share)} its potential"
    if already:
        return f"is already at {what}"
    if year is None:
        return f"does not reach {what} by {end}"
    return f"reaches {what} around {year_words(year)}"


def forecast_text(a: Analysis) -> str:
    """The forecast in one sentence, as the estimator's table of values says
    it (the page's ``app/static/js/forecast-words.js`` writes the same):
    progress first, every milestone, then the mean slope.

    >>> from scurve.analysis import analyze
    >>> from scurve.catalog import load_catalog
    >>> from scurve.permalink import parse_query
    >>> from scurve.state import default_state
    >>> cat = load_catalog()
    >>> forecast_text(analyze(default_state(cat), cat))
    "Forecast to 2030: AI's help reaches half its potential around late 2027 and reaches 90% of its potential around late 2030; the mean slope peaks around the end of 2026 and is above 1 from late 2025 to late 2029."
    >>> forecast_text(analyze(parse_query("years=2026", cat).raise_for_problems(), cat))
    'Forecast to 2030: with one year of marks the forecast holds them where they are, with no milestone or peak.'
    """
    f = a.forecast
    end = max(a.state.horizon, a.state.years[-1])
    still = still_text(a)
    if still is not None:
        return f"Forecast to {end}: {still}."
    if f.potential is None or not f.milestones:
        return f"Forecast to {end}: no category with an estimate carries any weight."
    clauses = [_milestone_clause(m.share, m.year, m.already, end) for m in f.milestones]
    progress = clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + " and " + clauses[-1]
    if f.peak_year is None:
        slope = "stays where it is"
    elif f.peak_at_edge:
        slope = "is still rising at the horizon"
    elif f.peak_year == f.t[0]:
        slope = f"is highest at the start, {year_words(f.peak_year)}"
    else:
        slope = f"peaks around {year_words(f.peak_year)}"
    if f.supercritical_from is not None and f.supercritical_to is not None:
        slope += f" and is above 1 from {year_words(f.supercritical_from)} to {year_words(f.supercritical_to)}"
    else:
        slope += " and never rises above 1"
    return f"Forecast to {end}: AI's help {progress}; the mean slope {slope}."
