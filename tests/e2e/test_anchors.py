"""Position anchors on the estimator's charts: three ticks on each x-axis
whose text shows on hover and on keyboard focus, the readout naming the
anchor nearest the marker moved, and the same texts in the table a browser
without JavaScript reads. Texts are read from data/categories.yaml."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from .conftest import LiveServer, PageGuard
from .helpers import anchors_of, near_words
from .test_estimator import marker, open_estimator, plot_area

BUG = anchors_of("bug_fixes")


def test_every_chart_has_three_ticks_at_their_places(page: Page, guard: PageGuard) -> None:
    open_estimator(page)
    ticks = page.locator(".card .anchor-tick")
    expect(ticks).to_have_count(30)
    area = plot_area(page, "chip_design")
    chip = anchors_of("chip_design")
    for i, at in enumerate((0.25, 0.5, 0.75)):
        tick = page.locator("#card-chip_design .anchor-tick").nth(i)
        box = tick.bounding_box()
        assert box is not None
        # On the x-axis: centred at x = at, across the axis line.
        assert abs(box["x"] + box["width"] / 2 - (area["x"] + at * area["width"])) <= 1.5
        assert box["y"] < area["y"] + area["height"] < box["y"] + box["height"]
        # Its accessible name is the anchor's text.
        expect(page.get_by_role("button", name=chip[at], exact=True)).to_have_count(1)
        expect(tick).to_have_accessible_name(chip[at])


def test_anchor_shows_on_hover(page: Page, guard: PageGuard) -> None:
    open_estimator(page)
    tip = page.locator("#card-bug_fixes .anchor-tip[data-at='0.75']")
    expect(tip).to_be_hidden()
    page.locator("#card-bug_fixes .anchor-tick[data-at='0.75']").hover()
    expect(tip).to_be_visible()
    expect(tip).to_have_text(f"At 0.75: {BUG[0.75]}")
    # The popup lies inside the card's plot, above the axis.
    box, area = tip.bounding_box(), plot_area(page, "bug_fixes")
    assert box is not None
    assert area["x"] <= box["x"] and box["x"] + box["width"] <= area["x"] + area["width"]
    assert box["y"] >= area["y"] and box["y"] + box["height"] <= area["y"] + area["height"]
    page.mouse.move(5, 5)
    expect(tip).to_be_hidden()
    # The 2024 marker (0.3) stands over the top of the 0.25 tick and stays on
    # top; the part of the tick below the axis still shows its text.
    tick = page.locator("#card-bug_fixes .anchor-tick[data-at='0.25']")
    box = tick.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] - 4)
    expect(page.locator("#card-bug_fixes .anchor-tip[data-at='0.25']")).to_be_visible()


def test_anchor_shows_on_keyboard_focus_and_escape_hides_it(page: Page, guard: PageGuard) -> None:
    open_estimator(page)
    # Tab order: the markers, then the three anchors.
    marker(page, "bug_fixes", 2026).focus()
    page.keyboard.press("Tab")
    tick = page.locator("#card-bug_fixes .anchor-tick[data-at='0.25']")
    expect(tick).to_be_focused()
    expect(page.locator("#card-bug_fixes .anchor-tip[data-at='0.25']")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator("#card-bug_fixes .anchor-tick[data-at='0.5']")).to_be_focused()
    tip = page.locator("#card-bug_fixes .anchor-tip[data-at='0.5']")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(BUG[0.5])
    expect(page.locator("#card-bug_fixes .anchor-tip[data-at='0.25']")).to_be_hidden()
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()


def test_readout_names_the_nearest_anchor_after_a_keyboard_move(page: Page, guard: PageGuard) -> None:
    open_estimator(page)
    line = page.locator("#card-bug_fixes .anchor-near")
    # Before any gesture it speaks of the latest year's estimate (0.55).
    expect(line).to_have_text(f"2026 at 0.55, near: {BUG[0.5]}")
    m = marker(page, "bug_fixes", 2024)
    m.focus()
    expect(line).to_have_text(f"2024 at 0.3, near: {BUG[0.25]}")
    page.keyboard.press("PageUp")  # 0.3 -> 0.4: still nearest 0.5 ... 0.1 from it
    expect(line).to_have_text(f"2024 at 0.4, near: {BUG[0.5]}")
    page.keyboard.press("PageUp")
    page.keyboard.press("PageUp")
    page.keyboard.press("PageUp")  # 0.7: 0.05 from 0.75
    expect(line).to_have_text(f"2024 at 0.7, near: {BUG[0.75]}")
    page.keyboard.press("End")
    expect(line).to_have_text(f"2024 at 1, beyond: {BUG[0.75]}")
    page.keyboard.press("Home")
    expect(line).to_have_text(f"2024 at 0, short of: {BUG[0.25]}")
    expect(m).to_have_attribute("aria-valuetext", f"Bug fixes, 2024: 0, before the midpoint, not super-critical, short of: {BUG[0.25]}")
    assert near_words(BUG, 0.62) == f"near: {BUG[0.5]}" and near_words(BUG, 0.63) == f"near: {BUG[0.75]}"


def test_anchors_in_the_table_without_javascript(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    try:
        page = context.new_page()
        page.goto("/")
        table = page.locator("#values-anchors")
        expect(table).to_be_visible()
        row = table.locator("tbody tr").first
        expect(row.locator("th")).to_have_text("Bug fixes")
        expect(row.locator("td")).to_have_text([BUG[0.25], BUG[0.5], BUG[0.75]])
        expect(table.locator("tbody tr")).to_have_count(10)
    finally:
        context.close()
