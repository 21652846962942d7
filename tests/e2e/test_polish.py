"""Small things new users ran into (issue 10, "Polish"), each checked in a
real browser: the side panel reachable end to end, ..."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .conftest import PageGuard
from .test_estimator import open_estimator


def in_viewport(page: Page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    vp = page.viewport_size
    assert box is not None and vp is not None
    return box["y"] >= 0 and box["y"] + box["height"] <= vp["height"]


def test_side_panel_caveat_is_seen_without_scrolling_a_box(page: Page, guard: PageGuard) -> None:
    page.set_viewport_size({"width": 1440, "height": 1000})
    open_estimator(page)
    side = page.locator(".side")
    # No scrolling box: the panel is as tall as its content.
    assert side.evaluate("el => el.scrollHeight <= el.clientHeight + 1 && getComputedStyle(el).overflowY") == "visible"
    caveat = ".shape-note"
    expect(page.locator(caveat)).to_contain_text("A peak is built in")
    # Scrolling the page down (the wheel over the charts) brings the panel's
    # foot, the caveat, into the window, and it stays there further down.
    page.mouse.move(400, 600)
    for _ in range(6):
        page.mouse.wheel(0, 300)
        page.wait_for_timeout(50)
    page.wait_for_function("Math.abs(window.scrollY - 1800) < 2")
    assert in_viewport(page, caveat)
    page.mouse.wheel(0, 600)
    page.wait_for_timeout(100)
    assert in_viewport(page, caveat)
    # Scrolling back up a little brings its head back.
    page.mouse.wheel(0, -400)
    page.wait_for_timeout(100)
    assert in_viewport(page, "#panel-title") and in_viewport(page, "#panel-sentence")
