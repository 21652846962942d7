"""The estimator before Plotly: the charts come drawn by the server, the
markers work over them at once, Plotly's drawing then takes their place
without anything moving, and a page whose Plotly never arrives still works.

Plotly's bundle is held back (or refused) with a Playwright route; the
marker's height is checked against the curve's formula, as in
test_estimator.py.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, Route, expect

from .conftest import LiveServer, PageGuard
from .helpers import in_view_box, state
from .test_estimator import Y_MAX, center, drag_by_mouse, expect_panel_mean, marker, mean_slope, plot_area, uplift

PLOTLY = "**/static/vendor/plotly-*"


class Gate:
    """Holds Plotly's bundle back until opened."""

    def __init__(self) -> None:
        self.open = False
        self.held: list[Route] = []

    def __call__(self, route: Route) -> None:
        if self.open:
            route.continue_()
        else:
            self.held.append(route)

    def release(self) -> None:
        self.open = True
        for route in self.held:
            route.continue_()
        self.held.clear()


def box(page: Page, selector: str) -> dict[str, Any]:
    b = page.locator(selector).bounding_box()
    assert b is not None, selector
    return b


def test_charts_are_drawn_and_usable_before_plotly_then_plotly_takes_over(page: Page, guard: PageGuard) -> None:
    gate = Gate()
    page.route(PLOTLY, gate)
    page.goto("/")
    expect(page.locator("body[data-interactive='true']")).to_be_attached()
    assert page.evaluate("typeof window.Plotly") == "undefined"
    expect(page.locator(".plot-static")).to_have_count(10)
    expect(page.locator(".plot .bglayer")).to_have_count(0)

    # The overlay of markers covers the server's plot area exactly.
    drawn = box(page, "#card-bug_fixes .ps-area")
    area = plot_area(page, "bug_fixes")
    for key in ("x", "y", "width", "height"):
        assert abs(drawn[key] - area[key]) <= 0.5, key

    # A marker drags along the curve, and the panel follows, with no Plotly.
    m = marker(page, "bug_fixes", 2025)
    drag_by_mouse(page, m, 0.2 * area["width"])
    x = state(page)["estimates"]["bug_fixes"]["2025"]
    assert abs(x - 0.62) <= 0.006, x
    cx, cy = center(m)
    area = plot_area(page, "bug_fixes")
    assert abs(cx - (area["x"] + x * area["width"])) <= 1.5
    assert abs(cy - (area["y"] + (1 - uplift(x) / Y_MAX) * area["height"])) <= 1.5
    expect_panel_mean(page, 2025, mean_slope(1, {"bug_fixes": x}))
    expect(page.locator("#undo")).to_be_enabled()
    before = center(m)
    drawn = box(page, "#card-bug_fixes .ps-area")

    # Plotly arrives and draws every chart in the same place.
    gate.release()
    expect(page.locator("body[data-ready='true']")).to_be_attached(timeout=20_000)
    expect(page.locator(".plot-static")).to_have_count(0)
    expect(page.locator(".plot .bglayer .bg")).to_have_count(10)
    plotted = box(page, "#card-bug_fixes .plot .bglayer .bg")
    for key in ("x", "y", "width", "height"):
        assert abs(plotted[key] - drawn[key]) <= 1.0, (key, plotted, drawn)
    after = center(m)
    assert abs(after[0] - before[0]) <= 0.5 and abs(after[1] - before[1]) <= 0.5
    assert state(page)["estimates"]["bug_fixes"]["2025"] == x


def test_without_plotly_the_page_still_works_and_says_what_is_missing(page: Page, live_server: LiveServer) -> None:
    page.route(PLOTLY, lambda route: route.abort())
    page.goto("/")
    expect(page.locator("body[data-ready='true']")).to_be_attached(timeout=20_000)
    expect(page.locator("#messages")).to_contain_text("The chart library did not load")
    expect(page.locator(".plot-static")).to_have_count(10)

    # The keyboard still moves a marker, and the server's analysis follows.
    m = marker(page, "chip_design", 2026)
    m.focus()
    page.keyboard.press("Shift+ArrowRight")
    expect(m).to_have_attribute("aria-valuenow", "0.28")
    expect_panel_mean(page, 2026, mean_slope(2, {"chip_design": 0.28}))
    expect(page).to_have_url(re.compile(r"chip_design=0\.12,0\.17,0\.28(&|$)"))

    # Save PNG needs Plotly: it tries again, and says so when it cannot.
    page.locator("#card-chip_design .save-png").click()
    expect(page.locator("#messages")).to_contain_text("The image could not be made")


def test_plotly_waits_for_a_drag_in_progress_to_end(page: Page, guard: PageGuard) -> None:
    """Running Plotly holds the main thread for up to a second: it is not
    started while a marker is in hand, only once it is let go."""
    gate = Gate()
    page.route(PLOTLY, gate)
    page.goto("/")
    expect(page.locator("body[data-interactive='true']")).to_be_attached()
    m = marker(page, "bug_fixes", 2024)
    in_view_box(page, m)
    x, y = center(m)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 20, y, steps=4)
    gate.release()
    page.wait_for_timeout(1500)  # the bundle has arrived; the page is idle but the drag goes on
    assert page.evaluate("typeof window.Plotly") == "undefined"
    expect(page.locator(".plot-static")).to_have_count(10)
    page.mouse.up()
    expect(page.locator("body[data-ready='true']")).to_be_attached(timeout=20_000)
    expect(page.locator(".plot-static")).to_have_count(0)
    assert page.evaluate("typeof window.Plotly") == "object"
