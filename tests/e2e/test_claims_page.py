"""The evidence page in Chromium: the timeline, the category filter, points
that open their card, and the time-span buttons."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from .conftest import LiveServer, PageGuard

POINTS = "#claims-timeline .scatterlayer .point"
ALL_IDS = [
    "minimax-m2-7-2026-03-19",
    "anthropic-claude-2026-03-11",
    "karpathy-autoresearch-2026-03-10",
    "openai-gpt-5-4-2026-03-05",
    "openai-gpt-5-3-codex-2026-02-06",
    "anthropic-claude-opus-4-6-2026-02-05",
    "openai-gpt-5-3-codex-2026-02-05",
    "anthropic-claude-code-2025-07-24",
    "google-deepmind-alphachip-2024-09-26",
]


def visible_cards(page: Page) -> list[str]:
    ids: list[str] = page.locator("#claims-list > li:visible").evaluate_all("els => els.map(e => e.dataset.id)")
    return ids


def test_the_timeline_draws_nine_points_one_shape_per_stance(page: Page, guard: PageGuard) -> None:
    page.goto("/claims")
    expect(page.locator(POINTS)).to_have_count(9)
    traces = page.locator("#claims-timeline .scatterlayer .trace")
    # one trace per stance, in the order for, against, mixed: 7, 1 and 1 points
    assert [traces.nth(i).locator(".point").count() for i in range(3)] == [7, 1, 1]
    shapes = {traces.nth(i).locator(".point").first.get_attribute("d") for i in range(3)}
    assert len(shapes) == 3, "each stance must have its own marker shape, not just a colour"
    assert visible_cards(page) == ALL_IDS


def test_choosing_a_category_leaves_only_its_claims_and_updates_the_url(page: Page, guard: PageGuard) -> None:
    page.goto("/claims")
    expect(page.locator(POINTS)).to_have_count(9)
    page.locator("#claims-category").select_option("qualitative_research")
    expect(page.locator(POINTS)).to_have_count(2)
    assert visible_cards(page) == ["openai-gpt-5-4-2026-03-05", "anthropic-claude-opus-4-6-2026-02-05"]
    expect(page.locator("#claims-count")).to_have_text("2 of 9 statements bear on Qualitative research.")
    assert page.url.endswith("/claims?category=qualitative_research")

    page.locator("#claims-category").select_option("supercomputer_infrastructure")
    expect(page.locator(POINTS)).to_have_count(0)
    assert visible_cards(page) == []
    expect(page.locator("#claims-empty")).to_be_visible()
    expect(page.locator("#claims-empty")).to_contain_text("Supercomputer layout and infrastructure")

    page.go_back()
    expect(page.locator(POINTS)).to_have_count(2)
    assert page.locator("#claims-category").input_value() == "qualitative_research"
    page.go_back()
    expect(page.locator(POINTS)).to_have_count(9)
    assert len(visible_cards(page)) == 9


def test_the_filter_works_from_the_keyboard(page: Page, guard: PageGuard) -> None:
    page.goto("/claims?category=chip_design")
    expect(page.locator(POINTS)).to_have_count(1)
    assert visible_cards(page) == ["google-deepmind-alphachip-2024-09-26"]
    page.locator("#claims-category").focus()
    # Next option in the list: Supercomputer layout and infrastructure (0), then Data cleaning (1).
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.locator(POINTS)).to_have_count(1)
    assert visible_cards(page) == ["openai-gpt-5-3-codex-2026-02-06"]
    assert page.url.endswith("?category=data_cleaning_ordering")


def test_the_server_rendered_filter_works_without_javascript(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    try:
        page.goto("/claims")
        page.locator("#claims-category").select_option("closed_loop_optimisation")
        page.get_by_role("button", name="Show").click()
        page.wait_for_url("**/claims?category=closed_loop_optimisation")
        assert visible_cards(page) == [
            "minimax-m2-7-2026-03-19",
            "karpathy-autoresearch-2026-03-10",
            "anthropic-claude-opus-4-6-2026-02-05",
        ]
    finally:
        context.close()


def test_clicking_a_point_opens_its_card(page: Page, guard: PageGuard) -> None:
    page.goto("/claims")
    against = page.locator("#claims-timeline .scatterlayer .trace").nth(1).locator(".point")
    expect(against).to_have_count(1)
    box = against.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    card = page.locator("#claim-openai-gpt-5-4-2026-03-05")
    expect(card).to_be_focused()
    expect(card).to_be_in_viewport()


def test_the_last_three_months_button_narrows_the_time_axis(page: Page, guard: PageGuard) -> None:
    page.goto("/claims")
    ticks = page.locator("#claims-timeline .xtick text")
    # The whole span (Jun 2024 to May 2026) is ticked quarterly; the last three months monthly.
    expect(ticks.filter(has_text="Oct 2024")).to_have_count(1)
    expect(ticks.filter(has_text="Mar 2026")).to_have_count(0)
    page.get_by_role("button", name="Last 3 months").click()
    expect(page.get_by_role("button", name="Last 3 months")).to_have_attribute("aria-pressed", "true")
    expect(ticks.filter(has_text="Mar 2026")).to_have_count(1)
    expect(ticks.filter(has_text="2024")).to_have_count(0)
    expect(page.locator(POINTS)).to_have_count(9)  # off-range points stay in the data
    page.get_by_role("button", name="Whole span").click()
    expect(ticks.filter(has_text="Oct 2024")).to_have_count(1)


def test_the_page_fits_a_phone(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, base_url=live_server.url)
    page = context.new_page()
    try:
        page.goto("/claims")
        expect(page.locator(POINTS)).to_have_count(9)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        box = page.locator("#claims-timeline .main-svg").first.bounding_box()
        assert box is not None and box["width"] <= 375
    finally:
        context.close()
