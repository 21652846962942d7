"""The estimator's state in a real browser: undo, redo, reset, Back and
Forward, permalinks opened in a fresh page, years, horizon, curve shapes and
the window.scurve interface other scripts use."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from .conftest import LiveServer, PageGuard
from .test_estimator import (
    DEFAULTS,
    drag_by_mouse,
    expect_panel_mean,
    marker,
    mean_slope,
    open_estimator,
    plot_area,
    position,
    query_of,
    slope,
    state,
)


def drag_bug_fixes_2025(page: Page, fraction: float) -> float:
    area = plot_area(page, "bug_fixes")
    drag_by_mouse(page, marker(page, "bug_fixes", 2025), fraction * area["width"])
    x = position(page, "bug_fixes", 2025)
    assert x is not None
    expect(page).to_have_url(re.compile(rf"bug_fixes=0\.3,{x:g},0\.55"))
    return x


def test_undo_redo_buttons_and_shortcuts(page: Page, guard: PageGuard) -> None:
    open_estimator(page)
    undo, redo = page.locator("#undo"), page.locator("#redo")
    expect(undo).to_be_disabled()
    first = drag_bug_fixes_2025(page, 0.15)
    second = drag_bug_fixes_2025(page, 0.1)
    assert second > first > 0.42

    undo.click()
    expect(marker(page, "bug_fixes", 2025)).to_have_attribute("aria-valuenow", f"{first:g}")
    expect(page).to_have_url(re.compile(rf"bug_fixes=0\.3,{first:g},0\.55"))
    expect(redo).to_be_enabled()
    page.locator("body").click(position={"x": 5, "y": 5})  # focus off any field
    page.keyboard.press("Control+z")
    expect(marker(page, "bug_fixes", 2025)).to_have_attribute("aria-valuenow", "0.42")
    expect(undo).to_be_disabled()
    expect_panel_mean(page, 2025, mean_slope(1))

    page.keyboard.press("Control+Shift+z")
    expect(marker(page, "bug_fixes", 2025)).to_have_attribute("aria-valuenow", f"{first:g}")
    redo.click()
    expect(marker(page, "bug_fixes", 2025)).to_have_attribute("aria-valuenow", f"{second:g}")
    expect(redo).to_be_disabled()
    assert position(page, "bug_fixes", 2025) == second
    expect_panel_mean(page, 2025, mean_slope(1, {"bug_fixes": second}))


def test_reset_returns_to_defaults_and_is_undoable(page: Page, guard: PageGuard) -> None:
    open_estimator(page, "?v=1&years=2024,2025&horizon=2040&bug_fixes=0.9,0.95&title=Mine")
    expect(page.locator("#page-title")).to_have_text("Mine")
    page.locator("#reset").click()
    expect(page.locator("#page-title")).to_have_text("Where does AI stand on the S-curves of AI self-improvement?")
    s = state(page)
    assert s["years"] == [2024, 2025, 2026] and s["horizon"] == 2030 and s["title"] == ""
    assert s["estimates"]["bug_fixes"] == {"2024": 0.3, "2025": 0.42, "2026": 0.55}
    expect(page).to_have_url(re.compile(r"horizon=2030&bug_fixes=0\.3,0\.42,0\.55"))
    expect_panel_mean(page, 2026, mean_slope(2))
    page.locator("#undo").click()
    expect(page.locator("#page-title")).to_have_text("Mine")
    assert state(page)["estimates"]["bug_fixes"] == {"2024": 0.9, "2025": 0.95}


def test_back_and_forward_step_through_changes(page: Page, guard: PageGuard) -> None:
    open_estimator(page)
    start = page.url
    x = drag_bug_fixes_2025(page, 0.2)
    after_drag = page.url
    assert after_drag != start
    page.go_back()
    expect(page).to_have_url(start)
    expect(marker(page, "bug_fixes", 2025)).to_have_attribute("aria-valuenow", "0.42")
    assert position(page, "bug_fixes", 2025) == 0.42
    expect_panel_mean(page, 2025, mean_slope(1))
    page.go_forward()
    expect(page).to_have_url(after_drag)
    expect(marker(page, "bug_fixes", 2025)).to_have_attribute("aria-valuenow", f"{x:g}")
    expect_panel_mean(page, 2025, mean_slope(1, {"bug_fixes": x}))


def test_permalink_opens_the_same_state_in_a_fresh_page(
    page: Page, guard: PageGuard, browser: Browser, live_server: LiveServer
) -> None:
    open_estimator(page)
    drag_bug_fixes_2025(page, -0.2)
    field = page.locator("#card-chip_design .readout tr[data-year='2024'] input")
    field.fill("0.333")
    field.press("Enter")
    expect(page).to_have_url(re.compile(r"chip_design=0\.333,"))
    mine = state(page)

    fresh = browser.new_context(base_url=live_server.url)
    other = fresh.new_page()
    other_guard = PageGuard(other, live_server.url)
    try:
        open_estimator(other, page.url.split("/", 3)[3])
        assert state(other) == mine
        expect(marker(other, "chip_design", 2024)).to_have_attribute("aria-valuenow", "0.333")
        assert other.url == page.url
        assert other_guard.errors == [] and other_guard.foreign == []
    finally:
        fresh.close()


def test_add_and_remove_a_year_and_set_the_horizon(page: Page, guard: PageGuard) -> None:
    open_estimator(page)
    page.locator("#add-year").fill("2027")
    page.locator("#add-year-form button[type=submit]").click()
    expect(page.locator(".marker[data-year='2027']")).to_have_count(10)
    expect(page).to_have_url(re.compile(r"years=2024,2025,2026,2027&"))
    s = state(page)
    assert s["years"] == [2024, 2025, 2026, 2027]
    # Each new marker starts where the server's fitted path puts the
    # category in 2027: further along than 2026 for these rising defaults.
    for cid, row in DEFAULTS.items():
        assert s["estimates"][cid]["2027"] > row[2], cid
    expect(page.locator("#year-table tbody tr")).to_have_count(4)

    page.locator("#year-chips button[aria-label='Remove 2024']").click()
    expect(page.locator(".marker[data-year='2024']")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"years=2025,2026,2027&"))
    assert "2024" not in state(page)["estimates"]["bug_fixes"]

    horizon = page.locator("#horizon")
    horizon.fill("2040")
    horizon.press("Enter")
    expect(page).to_have_url(re.compile(r"horizon=2040&"))
    expect(page.locator("#forecast-text")).to_contain_text("to 2040")
    t = page.evaluate("window.scurve.getAnalysis().forecast.t")
    assert t[0] == 2025 and t[-1] == 2040 and len(t) == 61

    # A bad year is refused with a message, and nothing changes.
    page.locator("#add-year").fill("1999")
    page.locator("#add-year-form button[type=submit]").click()
    expect(page.locator("#messages .msg-error")).to_contain_text("2000 to 2100")
    assert state(page)["years"] == [2025, 2026, 2027]


def test_curve_shape_control_changes_the_state(page: Page, guard: PageGuard) -> None:
    open_estimator(page)
    card = page.locator("#card-chip_design")
    card.locator("details.shape summary").click()
    midpoint = card.locator("input[type=range][id$='-midpoint']")
    expect(midpoint).to_have_value("0.5")
    midpoint.focus()
    for _ in range(10):
        page.keyboard.press("ArrowLeft")  # the curve comes earlier: 0.4
    expect(page).to_have_url(re.compile(r"chip_design\.curve=0\.4,10,1"))
    assert state(page)["curves"] == {"chip_design": {"midpoint": 0.4, "steepness": 10, "ceiling": 1}}
    # The server's analysis uses the new curve: chip design in 2026 at 0.23.
    override = slope(0.23, m=0.4)
    xs = [row[2] for cid, row in DEFAULTS.items() if cid != "chip_design"]
    expect_panel_mean(page, 2026, (sum(slope(x) for x in xs) + override) / 10)
    # The band on the chart moved with it (server's band, redrawn).
    band = page.evaluate("window.scurve.getAnalysis().categories.find(c => c.id === 'chip_design').band")
    assert abs((band[0] + band[1]) / 2 - 0.4) < 1e-9
    page.locator("#undo").click()
    expect(page).not_to_have_url(re.compile(r"chip_design\.curve"))


def test_set_state_interface(page: Page, guard: PageGuard) -> None:
    open_estimator(page)
    page.evaluate("window.__changes = []; window.scurve.onChange((s, a) => window.__changes.push(a.permalink))")
    good = page.evaluate(
        """() => window.scurve.setState({years: [2025], estimates: {bug_fixes: {"2025": 0.7}}, title: "Via API"})
                 .then(a => a.permalink)"""
    )
    assert "years=2025" in good and "title=Via%20API" in good
    expect(page.locator("#page-title")).to_have_text("Via API")
    expect(page).to_have_url(re.compile(r"years=2025&.*bug_fixes=0\.7&"))
    assert page.evaluate("window.__changes.length") >= 1
    assert query_of(page)["title"] == ["Via API"]

    # A bad state is refused with the server's error JSON; nothing changes.
    err = page.evaluate(
        """() => window.scurve.setState({years: [2025], estimates: {bug_fixes: {"2025": 7}}})
                 .then(() => null, e => e)"""
    )
    assert err["detail"] and any("bug_fixes" in str(e["loc"]) for e in err["errors"])
    # Chromium logs every 4xx response in the console; this one is expected.
    assert [e for e in guard.errors if "status of 400" in e] == guard.errors and len(guard.errors) == 1
    guard.errors.clear()
    assert state(page)["estimates"]["bug_fixes"] == {"2025": 0.7}
    page.locator("#undo").click()
    expect(page.locator("#page-title")).to_have_text("Where does AI stand on the S-curves of AI self-improvement?")
    assert position(page, "bug_fixes", 2025) == 0.42
