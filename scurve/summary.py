"""Plain-language sentences about an analysis, for the page and link previews."""

from __future__ import annotations

from .analysis import Analysis

DEFAULT_TITLE = "Where does AI stand on the S-curves of AI self-improvement?"


def year_text(t: float) -> str:
    """A decimal year in its shortest form: 2026.0 -> '2026', 2026.25 -> '2026.25'."""
    return f"{t:.2f}".rstrip("0").rstrip(".")


def peak_text(a: Analysis) -> str:
    """When the aggregate slope peaks, in words."""
    f = a.forecast
    if f.peak_year is None:
        return "the aggregate slope has no estimate to forecast from"
    if f.peak_at_edge:
        return f"the aggregate slope is still rising at the {a.state.horizon} horizon"
    return f"the aggregate slope peaks around {year_text(f.peak_year)}"


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
    '7 of 10 categories are super-critical in 2026 (4 still accelerating); the aggregate slope peaks around 2026.'
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
    '7 of 10 AI self-improvement categories are super-critical in 2026; the aggregate slope peaks around 2026.'
    """
    return f"{_count_text(a, 'AI self-improvement categories')}; {peak_text(a)}."
