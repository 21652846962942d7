"""/docs (Swagger UI) leads back to the app."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .conftest import PageGuard


def test_docs_link_back_to_the_estimator(page: Page, guard: PageGuard) -> None:
    page.goto("/docs")
    home = page.url.removesuffix("/docs") + "/"
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible(timeout=20_000)
    back = page.get_by_role("link", name="scurve: back to the estimator")
    expect(back).to_be_visible()
    # It is the first thing a keyboard reaches.
    page.keyboard.press("Tab")
    expect(back).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(home) + r"(\?v=2&|$)"))  # the estimator writes its link
    expect(page.locator("body[data-ready='true']")).to_be_attached(timeout=20_000)
