"""Printing the estimator draws all ten charts (print.css), each card as
wide as its chart so nothing is cut."""

from __future__ import annotations

from playwright.sync_api import Page

from .conftest import PageGuard
from .helpers import chart_ink
from .test_estimator import open_estimator


def test_print_draws_all_ten_charts(page: Page, guard: PageGuard) -> None:
    page.set_viewport_size({"width": 1440, "height": 1000})
    open_estimator(page)
    page.emulate_media(media="print")
    page.wait_for_function("document.querySelector('.plot-wrap').getBoundingClientRect().width > 0")
    wraps = page.locator(".card .plot-wrap")
    assert wraps.count() == 10
    assert wraps.evaluate_all("els => els.map(e => getComputedStyle(e).contentVisibility)") == ["visible"] * 10
    # Every chart drawn whole: its drawing no wider than its card's plot area.
    widths = page.locator(".card").evaluate_all(
        "cards => cards.map(c => [c.querySelector('.plot-wrap').clientWidth,"
        " c.querySelector('.plot .main-svg, .plot-static')?.getBoundingClientRect().width ?? 0])"
    )
    for wrap_w, drawing_w in widths:
        assert 0 < drawing_w <= wrap_w + 1, widths
    # And painted: in a capture of the whole printed page each plot area has
    # its curve, band and axes (a chart left unrendered is a blank box).
    ink = chart_ink(page, page.screenshot(full_page=True))
    assert all(f > 0.04 for f in ink), ink

    # page.pdf() (Chromium prints with the print styles) succeeds, and the
    # charts are in it: the document is larger by tens of kilobytes than
    # the same page printed with the plot areas left empty.
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF-") and len(pdf) > 50_000
    page.add_style_tag(content=".plot-wrap { visibility: hidden !important; }")
    without = page.pdf()
    assert len(pdf) - len(without) > 20_000, (len(pdf), len(without))
