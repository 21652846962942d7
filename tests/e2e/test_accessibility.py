"""Every page has no WCAG 2.1 A or AA violation that axe-core finds, at
desktop and phone size, once it is ready (charts drawn, scripts started).

A new page is one line in PAGES: its path and the selector that says it is
ready."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from .conftest import LiveServer, PageGuard
from .helpers import axe_violations

PAGES = {
    "/": "body[data-ready='true']",
    "/?years=2024,2025,2026,2027&bug_fixes=0.5,0.5,0.5,0.6&vs.bug_fixes=0.2,0.3,0.4": "body[data-ready='true']",
    "/claims": "#claims-timeline .scatterlayer .point",
    "/claims?category=bug_fixes": "#claims-timeline .scatterlayer .point",
    "/about": "main h1",
}
VIEWPORTS = {"desktop": (1440, 1000), "phone": (375, 800)}


@pytest.mark.parametrize("size", list(VIEWPORTS))
@pytest.mark.parametrize("path", list(PAGES))
def test_no_wcag_violations(browser: Browser, live_server: LiveServer, path: str, size: str) -> None:
    width, height = VIEWPORTS[size]
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": height}, is_mobile=size == "phone"
    )
    try:
        page = context.new_page()
        guard = PageGuard(page, live_server.url)
        page.goto(path)
        expect(page.locator(PAGES[path]).first).to_be_attached(timeout=20_000)
        assert axe_violations(page) == []
        assert guard.errors == [] and guard.foreign == []
    finally:
        context.close()


def test_the_check_finds_a_broken_rule(browser: Browser, live_server: LiveServer) -> None:
    # The check itself works: a button whose name lacks its visible text
    # (WCAG 2.5.3, label in name) and an image without a text alternative.
    context = browser.new_context(base_url=live_server.url)
    try:
        page = context.new_page()
        page.goto("/about")
        page.set_content(
            '<html lang="en"><head><title>t</title></head><body><main>'
            '<button aria-label="Export the figure">Save PNG</button><img src="data:,">'
            "</main></body></html>"
        )
        found = {line.split(" ")[0] for line in axe_violations(page)}
        assert {"label-content-name-mismatch", "image-alt"} <= found, found
    finally:
        context.close()


def test_no_wcag_violations_with_the_estimators_popups_open(browser: Browser, live_server: LiveServer) -> None:
    # The states the static pages do not show: an anchor's popup open, an
    # added (extrapolated) year, a message shown, the values table open.
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1440, "height": 1000})
    try:
        page = context.new_page()
        guard = PageGuard(page, live_server.url)
        page.goto("/")
        expect(page.locator("body[data-ready='true']")).to_be_attached(timeout=20_000)
        page.locator("#add-year").fill("2027")
        page.locator("#add-year-form button[type=submit]").click()
        expect(page.locator(".marker.extrapolated")).to_have_count(10)
        page.locator("#values-block > summary").click()
        page.locator("#card-bug_fixes .anchor-tick[data-at='0.5']").focus()
        expect(page.locator("#card-bug_fixes .anchor-tip[data-at='0.5']")).to_be_visible()
        assert axe_violations(page) == []
        assert guard.errors == [] and guard.foreign == []
    finally:
        context.close()
