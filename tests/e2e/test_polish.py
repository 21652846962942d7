"""Small things new users ran into (issue 10, "Polish"), each checked in a
real browser: the side panel reachable end to end, ..."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from .conftest import LiveServer, PageGuard
from .test_estimator import center, drag_by_mouse, marker, open_estimator, plot_area, uplift


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
    # The caveat belongs to the mean slope's view, one tab away from progress.
    page.get_by_role("tab", name="Mean slope").click()
    expect(page.locator(caveat)).to_contain_text("A peak is built in")
    page.evaluate("window.scrollTo(0, 0)")  # the click scrolled the tab into view
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
    # Scrolling back up by the panel's overhang (its height beyond the
    # window's) brings its head back, though the page is still far down.
    overhang = side.evaluate("el => el.offsetHeight - window.innerHeight + 24")
    y = page.evaluate("window.scrollY")
    page.mouse.wheel(0, -max(overhang, 0) - 100)
    page.wait_for_timeout(100)
    assert page.evaluate("window.scrollY") > y - overhang - 400 > 0
    assert in_viewport(page, "#panel-title") and in_viewport(page, "#panel-sentence")


def test_added_year_is_marked_extrapolated_until_moved(page: Page, guard: PageGuard) -> None:
    open_estimator(page)
    page.locator("#add-year").fill("2027")
    page.locator("#add-year-form button[type=submit]").click()
    added = page.locator(".marker[data-year='2027']")
    expect(added).to_have_count(10)
    # Every new marker is drawn as extrapolated, and its readout says so;
    # the years the user set are not.
    expect(page.locator(".marker.extrapolated[data-year='2027']")).to_have_count(10)
    expect(page.locator(".marker.extrapolated:not([data-year='2027'])")).to_have_count(0)
    row = page.locator("#card-bug_fixes .readout tr[data-year='2027']")
    expect(row.locator(".detail")).to_have_text(re.compile(r"^slope [0-9.]+ · [a-z ]+ · extrapolated"))
    expect(page.locator("#card-bug_fixes .readout tr[data-year='2026'] .detail")).not_to_contain_text("extrapolated")
    m = marker(page, "bug_fixes", 2027)
    expect(m).to_have_attribute("aria-valuetext", re.compile(r"^Bug fixes, 2027: [0-9.]+, extrapolated"))
    # The ring is drawn: the marker's ::before has a dashed border.
    assert m.evaluate("el => getComputedStyle(el, '::before').borderTopStyle") == "dashed"

    # Moving it (a real drag) makes it the user's own; the others stay marked.
    before = m.get_attribute("aria-valuenow")
    # A chart scrolled into view is rendered on the next frame
    # (content-visibility): a person cannot press within that frame either.
    m.scroll_into_view_if_needed()
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    drag_by_mouse(page, m, -30)
    expect(m).not_to_have_attribute("aria-valuenow", str(before))
    expect(m).not_to_have_class(re.compile(r"\bextrapolated\b"))
    expect(row.locator(".detail")).not_to_contain_text("extrapolated")
    expect(m).not_to_have_attribute("aria-valuetext", re.compile("extrapolated"))
    assert m.evaluate("el => getComputedStyle(el, '::before').borderTopStyle") != "dashed"
    expect(page.locator(".marker.extrapolated[data-year='2027']")).to_have_count(9)
    # A keyboard move does the same.
    k = marker(page, "chip_design", 2027)
    k.focus()
    page.keyboard.press("ArrowRight")
    expect(k).not_to_have_class(re.compile(r"\bextrapolated\b"))
    expect(page.locator(".marker.extrapolated[data-year='2027']")).to_have_count(8)


def test_forecast_legend_shows_every_years_symbol(page: Page, guard: PageGuard) -> None:
    open_estimator(page, "?years=2024,2025,2026,2027,2028&horizon=2032")
    marks = page.locator("#forecast-legend .key-marks")
    expect(marks.locator("svg")).to_have_count(5)
    # The same symbols, in the same colours, as the year table's.
    legend = marks.locator("svg").evaluate_all("els => els.map(e => e.innerHTML)")
    table = page.locator("#year-table tbody th svg").evaluate_all("els => els.map(e => e.innerHTML)")
    assert legend == table and len(set(legend)) == 5
    page.locator("#year-chips button[aria-label='Remove 2028']").click()
    expect(marks.locator("svg")).to_have_count(4)


def test_fractional_years_read_as_quarters(page: Page, guard: PageGuard) -> None:
    # The defaults' forecast: peak at t = 2026, above 1 from 2024.75 to
    # 2028.75 (tests/test_summary.py reads them from the API). A year Y is
    # the end of year Y, so 2024.75 is late 2025.
    open_estimator(page)
    expect(page.locator("#forecast-text")).to_have_text(
        "Projected from your marks to 2030: the mean slope peaks around the end of 2026 "
        "and is above 1 from late 2025 to late 2029."
    )
    expect(page.locator("#forecast-chart .peak-label")).to_have_text("peak end of 2026")
    # The fitted paths' dates, to the nearest quarter: no decimals left.
    trend = page.locator("#card-bug_fixes .trend")
    expect(trend).to_have_text(re.compile(r"^Fitted path: super-critical from (the end of|early|mid|late) \d{4} to "))
    for text in page.locator(".card .trend, #forecast-text, #panel-sentence").all_inner_texts():
        assert not re.search(r"\d{4}\.\d", text), text
    # The table (folded away with JavaScript) says the same when opened.
    page.locator("#values-block > summary").click()
    expect(page.locator("#values-body .values-forecast")).to_have_text(
        "Forecast to 2030: AI's help reaches half its potential around late 2027 and reaches 90% of its potential "
        "around late 2030; the mean slope peaks around the end of 2026 and is above 1 from late 2025 to late 2029."
    )


def test_a_mark_at_the_midpoint_reads_at_its_steepest(page: Page, guard: PageGuard) -> None:
    open_estimator(page)
    m = marker(page, "bug_fixes", 2025)  # 0.42 on a curve whose midpoint is 0.5
    phase = page.locator("#card-bug_fixes .readout tr[data-year='2025'] .phase")
    m.focus()
    for _ in range(8):
        page.keyboard.press("ArrowRight")
    expect(m).to_have_attribute("aria-valuenow", "0.5")
    # The phase rule calls x = m "decelerating"; the readout says where it is.
    expect(phase).to_have_text("at its steepest")
    expect(page.locator("#card-bug_fixes .readout tr[data-year='2025'] .slope")).to_have_text("slope 2.50")
    expect(m).to_have_attribute("aria-valuetext", re.compile(r"^Bug fixes, 2025: 0\.5, at its steepest, super-critical, near: "))
    assert page.evaluate("window.scurve.getAnalysis().categories[0].points[1].phase") == "decelerating"
    # No word of motion (docs/DESIGN.md §3.9): either side, where the mark sits.
    page.keyboard.press("ArrowRight")
    expect(phase).to_have_text("past the midpoint")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(phase).to_have_text("before the midpoint")


def test_markers_at_the_same_place_stay_visible_and_reachable(page: Page, guard: PageGuard) -> None:
    open_estimator(page, "?bug_fixes=0.5,0.5,0.5")
    page.locator("#card-bug_fixes").scroll_into_view_if_needed()
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    area = plot_area(page, "bug_fixes")
    on_curve_y = area["y"] + (1 - 0.5 / 1.05) * area["height"]  # uplift 0.5 at the midpoint
    centres = {y: center(marker(page, "bug_fixes", y)) for y in (2024, 2025, 2026)}
    for x, _ in centres.values():
        assert abs(x - (area["x"] + 0.5 * area["width"])) <= 1.5  # every one at its true x
    assert abs(centres[2024][1] - on_curve_y) <= 1.5  # the first on its place
    pts = list(centres.values())
    for i in range(3):
        for j in range(i + 1, 3):
            assert abs(pts[i][1] - pts[j][1]) >= 14, centres  # the others drawn apart from it
    # Each is the one under the pointer at its own centre: all three can be picked up.
    for year, (x, y) in centres.items():
        hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('.marker')?.dataset.year", [x, y])
        assert hit == str(year), (year, hit)
    # Dragging the last one takes that one (and only it) along.
    m = marker(page, "bug_fixes", 2026)
    drag_by_mouse(page, m, 40)
    expect(m).not_to_have_attribute("aria-valuenow", "0.5")
    s = page.evaluate("window.scurve.getState().estimates.bug_fixes")
    assert s["2024"] == 0.5 and s["2025"] == 0.5 and s["2026"] > 0.55
    # Apart again, it is back on its curve (measured anew: the readouts' words changed).
    area = plot_area(page, "bug_fixes")
    x, y = center(m)
    assert abs(x - (area["x"] + s["2026"] * area["width"])) <= 1.5
    assert abs(y - (area["y"] + (1 - uplift(s["2026"]) / 1.05) * area["height"])) <= 1.5


def test_phone_strip_is_opaque_and_leaves_the_headline_alone(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    guard = PageGuard(page, live_server.url)
    try:
        open_estimator(page)
        strip = page.locator("#live-strip")
        headline = page.locator("#headline")
        # First load: the headline says it all, and nothing covers it.
        expect(headline).to_be_visible()
        expect(strip).to_be_hidden()
        box = headline.bounding_box()
        assert box is not None
        hit = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('#headline') !== null",
            [box["x"] + box["width"] / 2, min(box["y"] + box["height"] - 4, 796)],
        )
        assert hit
        # Down among the charts the strip shows, on an opaque ground.
        page.mouse.move(200, 400)
        page.mouse.wheel(0, 1500)
        expect(strip).to_be_visible()
        expect(strip).to_contain_text("2026: mean slope 1.70")
        alpha = strip.evaluate("el => getComputedStyle(el).backgroundColor")
        assert alpha == "rgb(27, 36, 48)", alpha
        sb = strip.bounding_box()
        assert sb is not None and abs(sb["y"] + sb["height"] - 800) <= 1
        # Where the panel itself is in view, it is not repeated.
        page.locator("#aggregate-panel h2").scroll_into_view_if_needed()
        expect(strip).to_be_hidden()
        assert guard.errors == [] and guard.foreign == []
    finally:
        context.close()
