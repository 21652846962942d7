"""The method page in Chromium: its formulas are laid out as mathematics,
visible, and legible at phone width."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from .conftest import LiveServer, PageGuard

FORMULAS = ("sigmoid", "uplift", "supercritical", "band", "aggregates", "trajectory", "years", "forecast")


def test_the_formulas_are_rendered_and_visible(page: Page, guard: PageGuard) -> None:
    page.goto("/about")
    for name in FORMULAS:
        block = page.locator(f'[data-formula="{name}"] math[display="block"]').first
        expect(block).to_be_visible()
        box = block.bounding_box()
        assert box is not None and box["width"] > 40 and box["height"] > 10, name
    assert page.locator("math").count() >= 30


def test_fractions_are_typeset_with_the_numerator_above_the_denominator(page: Page, guard: PageGuard) -> None:
    """Without MathML layout the two parts of <mfrac> would sit side by side."""
    page.goto("/about")
    frac = page.locator('[data-formula="sigmoid"] mfrac').first
    num = frac.locator(":scope > *").nth(0).bounding_box()
    den = frac.locator(":scope > *").nth(1).bounding_box()
    assert num is not None and den is not None
    assert num["y"] + num["height"] <= den["y"] + 1
    # and the square root in the band formula draws its radical over the radicand
    root = page.locator('[data-formula="band"] msqrt').first.bounding_box()
    assert root is not None and root["width"] > 30


def test_the_figure_draws_the_default_curve_and_its_band(page: Page, guard: PageGuard) -> None:
    page.goto("/about")
    curves = page.locator(".pg-figure path.pg-svg-curve")
    expect(curves).to_have_count(2)
    expect(curves.first).to_be_visible()
    expect(page.locator(".pg-figure")).to_contain_text("from 0.2937 to 0.7063")


def test_formulas_fit_a_phone_screen(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, base_url=live_server.url)
    page = context.new_page()
    try:
        page.goto("/about")
        overflowing = page.locator(".pg-formula").evaluate_all(
            "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.dataset.formula)"
        )
        assert overflowing == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        context.close()


def test_the_table_of_contents_and_the_links_out(page: Page, guard: PageGuard) -> None:
    page.goto("/about")
    page.get_by_role("navigation", name="On this page").get_by_role("link", name="Caveats").click()
    expect(page.locator("#caveats")).to_be_in_viewport()
    assert page.url.endswith("/about#caveats")
    expect(page.locator('#links a[href="/docs"]')).to_be_visible()
    example = page.locator(".pg-example-link a")
    expect(example).to_have_attribute("href", example.inner_text())
