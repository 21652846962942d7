"""Plain-language sentences about an analysis, for the page and link previews."""

from __future__ import annotations

import math

from .analysis import Analysis

DEFAULT_TITLE = "Where does AI stand on the S-curves of AI self-improvement?"


#: A quarter past the end of a year, in words (SPEC section 3: a year Y
#: stands for the end of year Y, so t = 2026.25 is a quarter into 2027).
QUARTER_WORDS = ("the end of", "early", "mid", "late")


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


def peak_text(a: Analysis) -> str:
    """When the aggregate slope peaks, in words."""
    ranged = peak_interval_text(a)
    if ranged is not None:
        return ranged
    f = a.forecast
    if f.peak_year is None:
        return "the aggregate slope has no estimate to forecast from"
    if f.peak_at_edge:
        return f"the aggregate slope is still rising at the {a.state.horizon} horizon"
    return f"the aggregate slope peaks around {year_words(f.peak_year)}"


#: A share of draws at least this large, or this small, is said as all or none.
EDGE_SHARE = 0.05


def peak_interval_text(a: Analysis) -> str | None:
    """When the aggregate slope peaks, over the Monte Carlo draws (SPEC 8):
    an interval instead of a single quarter-year. None without ranges.

    The draws' peak years give [p5, p50, p95]; ``p_peak_at_edge`` is the
    share of draws still rising at the end of the grid. With 95% or more of
    them at the edge the slope is "still rising"; with more than 5% the
    interval is followed by that share.

    >>> from scurve.catalog import load_catalog
    >>> from scurve.permalink import parse_query
    >>> from scurve.analysis import analyze
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
        return f"the aggregate slope is still rising at the {end} horizon in {edge:.0%} of draws"
    lo, _, hi = u.forecast.peak_year
    lo_words, hi_words = year_words(lo), year_words(hi)
    when = f"around {lo_words}" if lo_words == hi_words else f"between {lo_words} and {hi_words}"
    text = f"the aggregate slope peaks {when} (90%)"
    if edge > EDGE_SHARE:
        text += f", still rising at {end} in {edge:.0%} of draws"
    return text


def _count_text(a: Analysis, noun: str) -> str:
    """'7 of 10 <noun> are super-critical in 2026', for the last year."""
    last = a.years[-1]
    count = last.supercritical_count
    verb = "is" if count == 1 else "are"
    return f"{count} of {len(a.categories)} {noun} {verb} super-critical in {last.year}"


def summary(a: Analysis) -> str:
    """One sentence: super-critical and accelerating counts in the last year,
    and when the aggregate slope peaks.

    >>> from scurve.catalog import load_catalog
    >>> from scurve.state import default_state
    >>> from scurve.analysis import analyze
    >>> cat = load_catalog()
    >>> summary(analyze(default_state(cat), cat))
    '7 of 10 categories are super-critical in 2026 (4 still accelerating); the aggregate slope peaks around the end of 2026.'
    """
    last = a.years[-1]
    return f"{_count_text(a, 'categories')} ({last.accelerating_count} still accelerating); {peak_text(a)}."


def meta_title(a: Analysis) -> str:
    """The title a pasted link previews with: the state's own, else the question."""
    return a.state.title or DEFAULT_TITLE


def meta_summary(a: Analysis) -> str:
    """One line for a link preview (``og:description``): how many of the
    categories are super-critical in the last year, and when the aggregate
    slope peaks.

    >>> from scurve.catalog import load_catalog
    >>> from scurve.state import default_state
    >>> from scurve.analysis import analyze
    >>> cat = load_catalog()
    >>> meta_summary(analyze(default_state(cat), cat))
    '7 of 10 AI self-improvement categories are super-critical in 2026; the aggregate slope peaks around the end of 2026.'
    """
    return f"{_count_text(a, 'AI self-improvement categories')}; {peak_text(a)}."
