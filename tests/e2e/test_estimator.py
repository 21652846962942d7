"""The estimator in a real browser: a marker moves along its curve under a
real mouse, a real touch (CDP touch events) and the keyboard, and the
readout, getState(), the address bar and the aggregate panel follow.

Expected numbers are worked out here from the curve's formula, not read
from the app: s(x) = k L sigma(k (x - m)) (1 - sigma(k (x - m))).
"""

from __future__ import annotations

import math
import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Browser, Locator, Page, expect

from tests.stated_values import DEFAULTS

from .conftest import LiveServer, PageGuard
from .helpers import anchors_of, in_view_box, near_words, state

YEARS = (2024, 2025, 2026)
# What positions 0.25, 0.5 and 0.75 mean for bug fixes (data/categories.yaml).
BUG_ANCHORS = anchors_of("bug_fixes")
Y_MAX = 1.05  # the charts' fixed y range


def sigma(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def slope(x: float, m: float = 0.5, k: float = 10.0, ceiling: float = 1.0) -> float:
    s = sigma(k * (x - m))
    return k * ceiling * s * (1.0 - s)


def uplift(x: float, m: float = 0.5, k: float = 10.0, ceiling: float = 1.0) -> float:
    return ceiling * sigma(k * (x - m))


def mean_slope(year_index: int, override: dict[str, float] | None = None) -> float:
    xs = [(override or {}).get(cid, row[year_index]) for cid, row in DEFAULTS.items()]
    return sum(slope(x) for x in xs) / len(xs)


# -- helpers shared by the estimator's browser tests ---------------------------


def open_estimator(page: Page, query: str = "") -> None:
    page.goto("/" + query)
    expect(page.locator("body[data-ready='true']")).to_be_attached(timeout=20_000)


def marker(page: Page, cid: str, year: int) -> Locator:
    return page.locator(f"#card-{cid} .marker[data-year='{year}']")


def readout_input(page: Page, cid: str, year: int) -> Locator:
    return page.locator(f"#card-{cid} .readout tr[data-year='{year}'] input")


def position(page: Page, cid: str, year: int) -> float | None:
    value = state(page)["estimates"][cid].get(str(year))
    return None if value is None else float(value)


def center(loc: Locator) -> tuple[float, float]:
    box = loc.bounding_box()
    assert box is not None
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def plot_area(page: Page, cid: str) -> dict[str, float]:
    box = page.locator(f"#card-{cid} .overlay").bounding_box()
    assert box is not None
    return box


def query_of(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query, keep_blank_values=True)


def year_mean_cell(page: Page, year: int) -> Locator:
    return page.locator(f"#year-table tbody tr:has(th:text-is('{year}')) td").first


def expect_panel_mean(page: Page, year: int, value: float) -> None:
    expect(year_mean_cell(page, year)).to_have_text(re.compile(rf"^{value:.2f}"))


def drag_by_mouse(page: Page, loc: Locator, dx: float, steps: int = 12) -> None:
    loc.scroll_into_view_if_needed()
    # A chart scrolled into view is rendered, and so hit-tested, only from
    # the next frame on (content-visibility: auto): press after it.
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    x, y = center(loc)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y + 5, steps=steps)  # some vertical wobble: only x counts
    page.mouse.up()


# -- tests ----------------------------------------------------------------------


def test_first_paint_shows_defaults_without_a_request(page: Page, guard: PageGuard) -> None:
    api_calls: list[str] = []
    page.on("request", lambda r: api_calls.append(r.url) if "/api/" in r.url else None)
    open_estimator(page)
    expect(page.locator(".card")).to_have_count(10)
    expect(page.locator(".marker")).to_have_count(30)
    expect(marker(page, "bug_fixes", 2025)).to_have_attribute("aria-valuenow", "0.42")
    expect(page.locator("#panel-sentence")).to_have_text(
        "AI's help reaches half its potential around late 2027; "
        "7 of 10 categories are super-critical in 2026 (4 of them before their midpoint)."
    )
    for i, year in enumerate(YEARS):
        expect_panel_mean(page, year, mean_slope(i))
    assert api_calls == []
    # The address bar holds the permalink from the start.
    assert query_of(page)["bug_fixes"] == ["0.3,0.42,0.55"]


def test_mouse_drag_moves_the_marker_along_its_curve(page: Page, guard: PageGuard) -> None:
    open_estimator(page)
    m = marker(page, "bug_fixes", 2025)
    area = plot_area(page, "bug_fixes")
    drag_by_mouse(page, m, 0.2 * area["width"])
    area = plot_area(page, "bug_fixes")

    x = position(page, "bug_fixes", 2025)
    assert x is not None and abs(x - 0.62) <= 0.006, x
    expect(m).to_have_attribute("aria-valuenow", str(x))
    expect(readout_input(page, "bug_fixes", 2025)).to_have_value(f"{x:g}")
    # The marker sits on the curve: its centre is at the curve's height.
    cx, cy = center(m)
    assert abs(cx - (area["x"] + x * area["width"])) <= 1.5
    assert abs(cy - (area["y"] + (1 - uplift(x) / Y_MAX) * area["height"])) <= 1.5
    # The panel, the readout's words and the address bar follow from the server.
    expect_panel_mean(page, 2025, mean_slope(1, {"bug_fixes": x}))
    expect(m).to_have_attribute("aria-valuetext", f"Bug fixes, 2025: {x:g}, past the midpoint, super-critical, {near_words(BUG_ANCHORS, x)}")
    expect(page).to_have_url(re.compile(rf"bug_fixes=0\.3,{x:g},0\.55"))
    expect(page.locator("#undo")).to_be_enabled()


def test_the_panel_updates_during_a_drag(page: Page, guard: PageGuard) -> None:
    """While the button is still down, the aggregate panel already shows the
    dragged position (throttled live analyses), before any release."""
    open_estimator(page)
    m = marker(page, "chip_design", 2026)
    m.scroll_into_view_if_needed()
    # The chart scrolled in is rendered at the next frame (content-visibility):
    # until then a press there lands on the empty plot area.
    page.wait_for_function(
        "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"
    )
    area = plot_area(page, "chip_design")
    x, y = center(m)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 0.25 * area["width"], y, steps=8)
    held = position(page, "chip_design", 2026)
    assert held is not None and abs(held - 0.48) <= 0.006
    expect_panel_mean(page, 2026, mean_slope(2, {"chip_design": held}))
    expect(page).to_have_url(re.compile(rf"chip_design=0\.12,0\.17,{held:g}(&|$)"))
    page.mouse.up()
    expect(page.locator("#undo")).to_be_enabled()


def test_touch_drag_moves_a_marker_and_elsewhere_scrolls(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(
        base_url=live_server.url, has_touch=True, is_mobile=True, viewport={"width": 375, "height": 740}
    )
    page = context.new_page()
    guard = PageGuard(page, live_server.url)
    try:
        open_estimator(page)
        m = marker(page, "synthetic_data", 2024)
        in_view_box(page, m)
        area = plot_area(page, "synthetic_data")
        x, y = center(m)
        cdp = context.new_cdp_session(page)
        scrolled = page.evaluate("window.scrollY")
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
        for i in range(1, 11):
            point = {"x": x + 0.03 * area["width"] * i, "y": y - 2 * i}  # a vertical drift must not scroll
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        assert page.evaluate("window.scrollY") == scrolled  # a finger on a marker drags, never scrolls
        moved = position(page, "synthetic_data", 2024)
        assert moved is not None and abs(moved - 0.63) <= 0.01, moved
        expect(marker(page, "synthetic_data", 2024)).to_have_attribute("aria-valuenow", str(moved))
        expect(page).to_have_url(re.compile(rf"synthetic_data={moved:g},0\.45,0\.57"))
        expect_panel_mean(page, 2024, mean_slope(0, {"synthetic_data": moved}))

        # A finger on the chart but off the markers scrolls the page.
        area = plot_area(page, "synthetic_data")
        fx, fy = area["x"] + 0.95 * area["width"], area["y"] + 0.9 * area["height"]  # far from the curve
        before = page.evaluate("window.scrollY")
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": fx, "y": fy}]})
        for i in range(1, 11):
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": fx, "y": fy - 15 * i}]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        page.wait_for_function(f"() => window.scrollY > {before + 80}")
        assert position(page, "synthetic_data", 2024) == moved
        assert guard.errors == [] and guard.foreign == []
    finally:
        context.close()


def test_keyboard_tab_arrows_home_end(page: Page, guard: PageGuard) -> None:
    open_estimator(page)
    # Tab from the control just before the chart reaches its markers in year order.
    page.locator("#card-bug_fixes .claims-btn").focus()
    page.keyboard.press("Tab")
    expect(marker(page, "bug_fixes", 2024)).to_be_focused()
    page.keyboard.press("Tab")
    m = marker(page, "bug_fixes", 2025)
    expect(m).to_be_focused()

    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(m).to_have_attribute("aria-valuenow", "0.45")
    page.keyboard.press("Shift+ArrowRight")
    expect(m).to_have_attribute("aria-valuenow", "0.5")
    page.keyboard.press("ArrowLeft")
    expect(m).to_have_attribute("aria-valuenow", "0.49")
    expect(readout_input(page, "bug_fixes", 2025)).to_have_value("0.49")
    # Screen readers hear the category, the year, the value and the phase.
    expect(m).to_have_attribute("aria-valuetext", f"Bug fixes, 2025: 0.49, before the midpoint, super-critical, near: {BUG_ANCHORS[0.5]}")
    assert position(page, "bug_fixes", 2025) == 0.49
    expect_panel_mean(page, 2025, mean_slope(1, {"bug_fixes": 0.49}))
    expect(page).to_have_url(re.compile(r"bug_fixes=0\.3,0\.49,0\.55"))

    page.keyboard.press("End")
    expect(m).to_have_attribute("aria-valuetext", f"Bug fixes, 2025: 1, past the midpoint, not super-critical, beyond: {BUG_ANCHORS[0.75]}")
    page.keyboard.press("Home")
    expect(m).to_have_attribute("aria-valuetext", f"Bug fixes, 2025: 0, before the midpoint, not super-critical, short of: {BUG_ANCHORS[0.25]}")
    assert position(page, "bug_fixes", 2025) == 0.0
    expect(page).to_have_url(re.compile(r"bug_fixes=0\.3,0,0\.55"))
    # A burst of key presses is one undo step.
    page.locator("#undo").click()
    expect(m).to_have_attribute("aria-valuenow", "0.42")


def test_number_field_sets_and_clears_a_position(page: Page, guard: PageGuard) -> None:
    open_estimator(page)
    field = readout_input(page, "qualitative_research", 2026)
    field.fill("0.3")
    field.press("Enter")
    m = marker(page, "qualitative_research", 2026)
    expect(m).to_have_attribute("aria-valuenow", "0.3")
    expect(page).to_have_url(re.compile(r"qualitative_research=0\.04,0\.08,0\.3"))
    assert position(page, "qualitative_research", 2026) == 0.3
    expect_panel_mean(page, 2026, mean_slope(2, {"qualitative_research": 0.3}))

    # Emptying the field states "no estimate" for that year.
    field.fill("")
    field.press("Enter")
    expect(m).to_be_hidden()
    expect(page).to_have_url(re.compile(r"qualitative_research=0\.04,0\.08,(&|$)"))
    assert position(page, "qualitative_research", 2026) is None
    xs = [row[2] for cid, row in DEFAULTS.items() if cid != "qualitative_research"]
    expect_panel_mean(page, 2026, sum(slope(x) for x in xs) / len(xs))
