"""Ranges in a real browser (docs/DESIGN.md §3.8, issue 11): the readout's button
adds one, its two handles move by mouse, touch and keyboard and never cross
the marker, the marker carries its range along, and the state, the address
bar, the readout's interval (the API's own numbers), the fan chart, undo,
the permalink, the correlation control, export, import and compare all
carry ranges and rho.

Expected positions are worked out here (the default ±0.05, 0.01 per arrow
key, the pointer's share of the chart's width); expected intervals are the
API's answer for the same link.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Browser, Locator, Page, expect

from scurve.summary import year_words

from .conftest import LiveServer, PageGuard
from .helpers import api, in_view_box, ready, state
from .test_estimator import center, marker, open_estimator, plot_area

RANGED = (
    "?v=1&years=2024,2025,2026&bug_fixes=0.3,0.42,0.55&bug_fixes.lo=,0.35,0.45&bug_fixes.hi=,0.5,0.7"
    "&chip_design=0.12,0.17,0.23&chip_design.lo=0.1,,&chip_design.hi=0.2,,&rho=0.3"
)


def handle(page: Page, name: str, year: int, end: str) -> Locator:
    return page.get_by_role("slider", name=f"{name}, {year}, {end} end of range", exact=True)


def ranges(page: Page) -> dict[str, Any]:
    return state(page).get("ranges") or {}


def params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query, keep_blank_values=True)


def interval(page: Page, cid: str, year: int) -> Locator:
    return page.locator(f"#card-{cid} .readout tr[data-year='{year}'] .range-interval")


def percent(p: float) -> str:
    if 0 < p < 0.005:
        return "<1%"
    if 0.995 < p < 1:
        return ">99%"
    return f"{round(p * 100)}%"


def draws_percent(p: float) -> str:
    """A share of the Monte Carlo's draws: never 0% or 100% (docs/DESIGN.md §3.8)."""
    if p < 0.01:
        return "<1%"
    if p > 0.99:
        return ">99%"
    return f"{round(p * 100)}%"


def expect_interval_is_the_apis(page: Page, live_server: LiveServer, cid: str, year: int) -> None:
    """The readout's interval, once settled, reads the API's numbers for the link on screen."""
    expect(interval(page, cid, year)).not_to_have_class(re.compile("stale"))
    answer = api(live_server, urlsplit(page.url).query)
    band = next(b for b in answer["uncertainty"]["categories"][cid] if b["year"] == year)
    p5, _, p95 = band["slope"]
    expect(interval(page, cid, year)).to_have_text(
        f"90%: slope {p5:.2f} to {p95:.2f} · {percent(band['p_supercritical'])} super-critical"
    )


def test_add_a_range_then_move_its_ends_by_mouse_and_keyboard(
    page: Page, guard: PageGuard, live_server: LiveServer
) -> None:
    open_estimator(page)
    expect(page.locator("#ranges-panel")).to_be_hidden()
    page.get_by_role("button", name="Add range: Bug fixes, 2025").click()
    # x = 0.42: the default is ±0.05.
    expect(page).to_have_url(re.compile(r"bug_fixes\.lo=,0\.37,&bug_fixes\.hi=,0\.47,"))
    assert ranges(page) == {"bug_fixes": {"2025": [0.37, 0.47]}}
    lo, hi = handle(page, "Bug fixes", 2025, "low"), handle(page, "Bug fixes", 2025, "high")
    expect(lo).to_have_attribute("aria-valuenow", "0.37")
    expect(hi).to_have_attribute("aria-valuenow", "0.47")
    expect(page.get_by_role("button", name="Remove range: Bug fixes, 2025")).to_be_visible()
    expect(page.locator("#ranges-panel")).to_be_visible()
    expect_interval_is_the_apis(page, live_server, "bug_fixes", 2025)

    # The low end, dragged by mouse 10% of the chart's width to the left.
    area = plot_area(page, "bug_fixes")
    x, y = center(lo.locator("span"))  # on the visible bar
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 0.1 * area["width"], y + 4, steps=8)
    page.mouse.up()
    moved = ranges(page)["bug_fixes"]["2025"][0]
    assert abs(moved - 0.27) <= 0.006, moved
    expect(page).to_have_url(re.compile(rf"bug_fixes\.lo=,{moved:g},"))
    # The handle's bar sits where the range ends (its target reaches outward).
    cx, _ = center(lo.locator("span"))
    assert abs(cx - (area["x"] + moved * area["width"])) <= 1.5

    # The high end by keyboard: 0.01 per arrow, 0.05 with Shift.
    hi.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    expect(hi).to_have_attribute("aria-valuenow", "0.54")
    page.keyboard.press("ArrowDown")
    expect(hi).to_have_attribute("aria-valuenow", "0.53")
    expect(page).to_have_url(re.compile(r"bug_fixes\.hi=,0\.53,"))
    # Neither end crosses the marker (x = 0.42).
    page.keyboard.press("Home")
    expect(hi).to_have_attribute("aria-valuenow", "0.42")
    lo.focus()
    page.keyboard.press("End")
    expect(lo).to_have_attribute("aria-valuenow", "0.419")
    expect(page).to_have_url(re.compile(r"bug_fixes\.lo=,0\.419,&bug_fixes\.hi=,0\.42,"))
    assert ranges(page) == {"bug_fixes": {"2025": [0.419, 0.42]}}
    expect_interval_is_the_apis(page, live_server, "bug_fixes", 2025)

    # The fan: both bands and the median are drawn, and the legend says so.
    for cls in ("fan-90", "fan-50", "fan-median"):
        d = page.locator(f"#forecast-chart .{cls}").get_attribute("d")
        assert d and d.count("L") > 10, cls
    expect(page.locator("#forecast-chart g.fan")).to_have_attribute("visibility", "visible")
    expect(page.locator("#forecast-legend")).to_contain_text("90% of draws")
    expect(page.locator("#forecast-text")).to_contain_text("(2,000 draws)")
    expect(page.locator("#forecast-text")).to_contain_text("90% of draws")

    # Undo walks back each step (a burst of keys is one or more, by its
    # pauses) to the default range, then to none.
    page.locator("#undo").click()
    expect(page).to_have_url(re.compile(rf"bug_fixes\.lo=,{moved:g},&bug_fixes\.hi=,0\.42,"))
    seen = []
    for _ in range(8):
        page.locator("#undo").click()
        page.wait_for_function("() => window.scurve.getAnalysis().permalink === location.pathname + location.search")
        seen.append(ranges(page).get("bug_fixes", {}).get("2025"))
        if seen[-1] is None:
            break
    assert seen[-2:] == [[0.37, 0.47], None], seen
    expect(page).not_to_have_url(re.compile(r"\.lo="))
    assert ranges(page) == {}
    expect(lo).to_be_hidden()
    expect(page.locator("#ranges-panel")).to_be_hidden()
    expect(page.locator("#forecast-chart g.fan")).to_have_attribute("visibility", "hidden")
    expect(page.locator("#years-chart .whiskers line")).to_have_count(0)
    expect(page.get_by_role("button", name="Add range: Bug fixes, 2025")).to_be_visible()
    page.locator("#redo").click()
    expect(page).to_have_url(re.compile(r"bug_fixes\.lo=,0\.37,&bug_fixes\.hi=,0\.47,"))


def test_add_range_from_the_keyboard_hands_the_focus_to_its_low_end(page: Page, guard: PageGuard) -> None:
    open_estimator(page)
    button = page.get_by_role("button", name="Add range: Synthetic data, 2024")
    button.focus()
    page.keyboard.press("Enter")
    lo = handle(page, "Synthetic data", 2024, "low")
    expect(lo).to_be_focused()
    expect(lo).to_have_attribute("aria-valuenow", "0.28")  # 0.33 - 0.05
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Shift+ArrowLeft")
    expect(lo).to_have_attribute("aria-valuenow", "0.22")
    lo.blur()
    expect(page).to_have_url(re.compile(r"synthetic_data\.lo=0\.22,,&synthetic_data\.hi=0\.38,,"))
    # Remove range from the keyboard too.
    remove = page.get_by_role("button", name="Remove range: Synthetic data, 2024")
    remove.focus()
    page.keyboard.press("Space")
    expect(page).not_to_have_url(re.compile(r"synthetic_data\.lo"))
    expect(lo).to_be_hidden()


def test_a_range_moves_with_its_marker_and_goes_with_its_estimate(page: Page, guard: PageGuard) -> None:
    open_estimator(page, RANGED)
    m = marker(page, "bug_fixes", 2025)
    m.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    # x 0.42 -> 0.47; the range [0.35, 0.5] keeps its distances: [0.40, 0.55].
    expect(m).to_have_attribute("aria-valuenow", "0.47")
    expect(handle(page, "Bug fixes", 2025, "low")).to_have_attribute("aria-valuenow", "0.4")
    expect(handle(page, "Bug fixes", 2025, "high")).to_have_attribute("aria-valuenow", "0.55")
    expect(page).to_have_url(
        re.compile(r"bug_fixes=0\.3,0\.47,0\.55&bug_fixes\.lo=,0\.4,0\.45&bug_fixes\.hi=,0\.55,0\.7")
    )
    # Into the wall at 1 and back in one burst: squeezed, then whole again.
    page.keyboard.press("End")
    expect(handle(page, "Bug fixes", 2025, "high")).to_have_attribute("aria-valuenow", "1")
    expect(handle(page, "Bug fixes", 2025, "low")).to_have_attribute("aria-valuenow", "0.93")
    page.keyboard.press("Home")
    expect(handle(page, "Bug fixes", 2025, "low")).to_have_attribute("aria-valuenow", "0")
    expect(handle(page, "Bug fixes", 2025, "high")).to_have_attribute("aria-valuenow", "0.08")
    m.blur()
    expect(page).to_have_url(re.compile(r"bug_fixes\.lo=,0,0\.45&bug_fixes\.hi=,0\.08,0\.7"))
    # Clearing the estimate takes its range with it (one undo step).
    field = page.locator("#card-bug_fixes .readout tr[data-year='2025'] input")
    field.fill("")
    field.press("Enter")
    expect(page).to_have_url(re.compile(r"bug_fixes\.lo=,,0\.45&bug_fixes\.hi=,,0\.7"))
    assert ranges(page)["bug_fixes"] == {"2026": [0.45, 0.7]}
    expect(page.get_by_role("button", name="Add range: Bug fixes, 2025")).to_be_hidden()
    # Removing the year 2024 takes chip design's 2024 range with it.
    page.get_by_role("button", name=re.compile("Remove 2024")).click()
    expect(page).not_to_have_url(re.compile("chip_design.lo"))
    assert "chip_design" not in ranges(page)
    assert guard.errors == []


def test_touch_moves_the_high_end(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(
        base_url=live_server.url, has_touch=True, is_mobile=True, viewport={"width": 375, "height": 740}
    )
    page = context.new_page()
    guard = PageGuard(page, live_server.url)
    try:
        open_estimator(page, RANGED)
        hi = handle(page, "Bug fixes", 2026, "high")
        in_view_box(page, hi)
        area = plot_area(page, "bug_fixes")
        x, y = center(hi)
        cdp = context.new_cdp_session(page)
        scrolled = page.evaluate("window.scrollY")
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
        for i in range(1, 11):
            point = {"x": x + 0.01 * area["width"] * i, "y": y - 2 * i}
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        assert page.evaluate("window.scrollY") == scrolled  # a finger on a handle drags, never scrolls
        moved = ranges(page)["bug_fixes"]["2026"][1]
        assert abs(moved - 0.8) <= 0.01, moved
        expect(hi).to_have_attribute("aria-valuenow", str(moved))
        expect(page).to_have_url(re.compile(rf"bug_fixes\.hi=,0\.5,{moved:g}(&|$)"))
        # The narrow card's button keeps its words, on two lines, and its full name.
        button = page.get_by_role("button", name="Remove range: Bug fixes, 2026")
        expect(button).to_be_visible()
        expect(button).to_have_text("Remove range")
        box = button.bounding_box()
        assert box is not None and box["width"] < 64
        assert guard.errors == [] and guard.foreign == []
    finally:
        context.close()


def test_a_permalink_with_ranges_reopens_the_same_view(page: Page, guard: PageGuard, live_server: LiveServer) -> None:
    open_estimator(page, RANGED)
    assert ranges(page) == {
        "bug_fixes": {"2025": [0.35, 0.5], "2026": [0.45, 0.7]},
        "chip_design": {"2024": [0.1, 0.2]},
    }
    assert state(page)["rho"] == 0.3
    expect(handle(page, "Bug fixes", 2026, "high")).to_have_attribute("aria-valuenow", "0.7")
    expect(handle(page, "Chip design", 2024, "low")).to_have_attribute("aria-valuenow", "0.1")
    expect(page.locator(".range-handle:visible")).to_have_count(6)
    for cid, year in (("bug_fixes", 2025), ("bug_fixes", 2026), ("chip_design", 2024)):
        expect_interval_is_the_apis(page, live_server, cid, year)
    # The panel's intervals are the API's too.
    answer = api(live_server, urlsplit(page.url).query)
    for y in answer["uncertainty"]["years"]:
        m = y["mean_slope"]
        row = page.locator(f"#ranges-panel tbody tr[data-year='{y['year']}'] td")
        expect(row).to_have_text(
            [
                f"{m[0]:.2f} to {m[4]:.2f}",
                f"{m[1]:.2f} to {m[3]:.2f}",
                # A year whose draws all agree is exact; otherwise the draws can't show a certainty.
                percent(y["p_supercritical"]) if m[0] == m[4] else draws_percent(y["p_supercritical"]),
            ]
        )
    # Whiskers on the bars: a 90% line with two caps and a 50% line per year.
    expect(page.locator("#years-chart .whiskers .w90")).to_have_count(9)
    expect(page.locator("#years-chart .whiskers .w50")).to_have_count(3)
    expect(page.locator("#headline")).to_have_text(answer["summary"])
    assert "(90%)" in answer["summary"] or "of draws" in answer["summary"]
    expect(page.get_by_role("slider", name="Correlation")).to_have_value("0.3")


def test_correlation_by_keyboard_goes_into_the_link(page: Page, guard: PageGuard) -> None:
    open_estimator(page, RANGED)
    rho = page.get_by_role("slider", name="Correlation")
    rho.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#rho-value")).to_have_text("0.40")
    expect(page).to_have_url(re.compile(r"&rho=0\.4&"))
    assert state(page)["rho"] == 0.4
    page.keyboard.press("Home")
    expect(page).to_have_url(re.compile(r"&rho=0&"))
    expect(page.locator("#ranges-panel")).not_to_have_class(re.compile("is-updating"))
    page.keyboard.press("End")
    expect(page).to_have_url(re.compile(r"&rho=1&"))
    # Live answers leave the draws out; the burst's commit brings them, at rho 1.
    page.wait_for_function("() => (window.scurve.getAnalysis().uncertainty || {}).rho === 1")
    expect(page.locator("#ranges-panel")).not_to_have_class(re.compile("is-updating"))
    page.locator("#undo").click()
    expect(page).to_have_url(re.compile(r"&rho=0&"))


def test_export_import_and_compare_carry_ranges(
    page: Page, guard: PageGuard, browser: Browser, live_server: LiveServer, tmp_path: Path
) -> None:
    ready(page, "/" + RANGED)
    mine = state(page)
    # CSV: low and high columns.
    with page.expect_download() as info:
        page.locator("#export-csv").click()
    csv_path = tmp_path / "mine.csv"
    info.value.save_as(csv_path)
    lines = csv_path.read_text().splitlines()
    assert ",weight,low,high," in lines[0] and lines[0].endswith(",rho,title")
    assert any(line.startswith("bug_fixes,") and ",2025," in line and ",0.350,0.500," in line for line in lines)
    # JSON: the state and the analysis with its uncertainty.
    with page.expect_download() as info:
        page.locator("#export-json").click()
    json_path = tmp_path / "mine.json"
    info.value.save_as(json_path)
    data = json.loads(json_path.read_text())
    assert data["state"]["ranges"] == mine["ranges"] and data["state"]["rho"] == 0.3
    assert data["analysis"]["uncertainty"]["samples"] == 2000

    # Both import on a fresh page, ranges and all (the CSV carries rho too).
    other = browser.new_page(base_url=live_server.url)
    g = PageGuard(other, live_server.url)
    try:
        ready(other, "/")
        other.locator("#import-file").set_input_files(json_path)
        expect(other).to_have_url(re.compile(r"bug_fixes\.lo=,0\.35,0\.45"))
        assert state(other)["ranges"] == mine["ranges"] and state(other)["rho"] == 0.3
        expect(handle(other, "Chip design", 2024, "high")).to_have_attribute("aria-valuenow", "0.2")
        other.locator("#undo").click()
        expect(other).not_to_have_url(re.compile(r"\.lo="))
        other.locator("#import-file").set_input_files(csv_path)
        expect(other).to_have_url(re.compile(r"bug_fixes\.lo=,0\.35,0\.45"))
        assert state(other)["ranges"] == mine["ranges"] and state(other)["rho"] == 0.3
        # Compare with the ranged link: the compared view keeps its ranges and rho.
        other.locator("#compare-toggle").click()
        other.keyboard.insert_text(live_server.url + "/" + RANGED)
        other.keyboard.press("Enter")
        expect(other.locator("#compare-panel")).to_be_visible()
        vs = state(other)["vs"]
        assert vs["ranges"] == mine["ranges"] and vs["rho"] == 0.3
        assert params(other)["vs.bug_fixes.lo"] == [",0.35,0.45"]
        assert other.evaluate("window.scurve.getAnalysis().compare.uncertainty.rho") == 0.3
        # Both peaks are the draws' intervals, not single quarter-years.
        peak = other.evaluate("window.scurve.getAnalysis().compare.uncertainty.forecast.peak_year")
        lo, hi = year_words(peak[0]), year_words(peak[2])
        when = f"around {lo}" if lo == hi else f"between {lo} and {hi}"
        expect(other.locator("#compare-peak")).to_contain_text(f"{when} (90%) in the compared view")
        expect(other.locator("#compare-peak")).to_contain_text("(90%) in yours")
        assert g.errors == [] and g.foreign == []
    finally:
        other.close()


def test_a_drag_previews_without_draws_and_the_release_brings_them(
    page: Page, guard: PageGuard, live_server: LiveServer
) -> None:
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if "/api/analyze" in r.url else None)
    open_estimator(page, RANGED)
    m = marker(page, "bug_fixes", 2025)
    in_view_box(page, m)
    area = plot_area(page, "bug_fixes")
    x, y = center(m)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 0.1 * area["width"], y, steps=8)
    # Held: live answers (preview=1) come without draws; the last numbers stay, faded.
    expect(page.locator("#ranges-panel")).to_have_class(re.compile("is-updating"))
    expect(page.locator("#ranges-panel .ranges-status")).to_be_visible()
    expect(page.locator("#forecast-chart g.fan")).to_have_class("fan is-stale")
    expect(interval(page, "bug_fixes", 2025)).to_have_class(re.compile("stale"))
    page.wait_for_function("() => window.scurve.getState().estimates.bug_fixes['2025'] > 0.5")
    assert any("preview=1" in u for u in sent), sent
    assert "90% of draws" in page.locator("#headline").inner_text()  # the last interval sentence, not a single year
    page.mouse.up()
    expect(page.locator("#ranges-panel")).not_to_have_class(re.compile("is-updating"))
    expect(page.locator("#forecast-chart g.fan")).to_have_class("fan")
    expect_interval_is_the_apis(page, live_server, "bug_fixes", 2025)
    assert "preview" not in sent[-1]
    expect(page.locator("#headline")).to_have_text(api(live_server, urlsplit(page.url).query)["summary"])
