"""Issue 4 in the browser: export the CSV and the JSON, import them on a fresh
page (file picker and drop), and a bad file changes nothing."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, expect

from .conftest import LiveServer, PageGuard
from .helpers import ready, state

LINK = (
    "/?v=2&years=2024,2025,2026&horizon=2040&fb=1.5&bug_fixes=0.5,0.61,0.7&chip_design=0.2,,0.3"
    "&chip_design.curve=0.6,8,0.9&synthetic_data.w=2.5&title=Exported"
)


BAD_REQUEST = "console: Failed to load resource: the server responded with a status of 400 (Bad Request)"


def model(s: dict[str, Any]) -> dict[str, Any]:
    return {k: s[k] for k in ("years", "estimates", "curves", "weights")}


def fresh_page(browser: Browser, live_server: LiveServer) -> tuple[Page, PageGuard]:
    context = browser.new_context(base_url=live_server.url)
    p = context.new_page()
    g = PageGuard(p, live_server.url)
    ready(p, "/")
    return p, g


def canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def wait_for_state(page: Page, expected: dict[str, Any], timeout: float = 10.0) -> None:
    """Poll until the page's years, estimates, curves and weights are `expected`.

    (page.wait_for_function evaluates a string, which the app's CSP forbids.)"""
    deadline = time.monotonic() + timeout
    while canon(model(state(page))) != canon(expected):
        assert time.monotonic() < deadline, f"state never became {expected}: {state(page)}"
        page.wait_for_timeout(50)


def drop_bad_requests(guard: PageGuard, count: int) -> None:
    """A refused import is a 400 from the API, which Chromium logs as a console
    error; check there were exactly `count` of them and nothing else."""
    assert guard.errors == [BAD_REQUEST] * count, guard.errors
    guard.errors.clear()


def test_exported_csv_imports_on_a_fresh_page(
    page: Page, guard: PageGuard, browser: Browser, live_server: LiveServer, tmp_path: Path
) -> None:
    ready(page, LINK)
    with page.expect_download() as info:
        page.locator("#export-csv").click()
    download = info.value
    assert download.suggested_filename == "scurve-estimates.csv"
    path = tmp_path / "scurve-estimates.csv"
    download.save_as(path)
    text = path.read_bytes().decode()
    assert text.startswith("category_id,category,group,year,position,")
    assert "chip_design,Chip design,Hardware engineering,2024,0.200," in text
    mine = state(page)
    mine_analysis = page.evaluate("window.scurve.getAnalysis()")

    other, g = fresh_page(browser, live_server)
    try:
        before = other.url
        other.locator("#import-file").set_input_files(path)
        wait_for_state(other, model(mine))
        # The CSV carries the whole state: feedback, horizon and title too.
        assert state(other) == mine
        expect(other.locator("#messages")).to_contain_text(
            "Imported scurve-estimates.csv: horizon 2040, feedback 1.5, title “Exported”, "
            "6 positions, 1 curve, 1 weight."
        )
        assert other.url != before and "bug_fixes=0.5,0.61,0.7" in other.url and "fb=1.5" in other.url
        analysis = other.evaluate("window.scurve.getAnalysis()")
        assert analysis["categories"] == mine_analysis["categories"]
        assert analysis["years"] == mine_analysis["years"]
        expect(other.locator("#import-errors")).to_be_hidden()
        assert g.errors == [] and g.foreign == []
    finally:
        other.context.close()


def test_exported_json_imports_on_a_fresh_page(
    page: Page, guard: PageGuard, browser: Browser, live_server: LiveServer, tmp_path: Path
) -> None:
    ready(page, LINK)
    with page.expect_download() as info:
        page.locator("#export-json").click()
    download = info.value
    assert download.suggested_filename == "scurve-estimates.json"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    data = json.loads(path.read_text())
    mine = state(page)
    assert data["state"] == mine
    assert data["analysis"] == page.evaluate("window.scurve.getAnalysis()")

    other, g = fresh_page(browser, live_server)
    try:
        other.locator("#import-file").set_input_files(path)
        wait_for_state(other, model(mine))
        assert state(other) == mine  # JSON carries everything: horizon and title too
        expect(other.locator("h1")).to_have_text("Exported")
        assert other.evaluate("window.scurve.getAnalysis()") == data["analysis"]
        assert g.errors == [] and g.foreign == []
    finally:
        other.context.close()


# An export made before the CSV carried the settings: no feedback, horizon or title column.
OLD_CSV = (
    "category_id,category,group,year,position,uplift,slope,relative_slope,phase,supercritical,midpoint,steepness,ceiling,weight,low,high\r\n"
    "bug_fixes,Bug fixes,Software engineering,2024,0.250,0,0,0,early,false,0.5,10,1,1,,\r\n"
)


def test_an_older_csv_keeps_the_settings_on_screen(page: Page, guard: PageGuard, tmp_path: Path) -> None:
    # Importing used to reset Feedback to 0 while it kept the other settings.
    ready(page, LINK)
    before = state(page)
    path = tmp_path / "old.csv"
    path.write_text(OLD_CSV, newline="")
    page.locator("#import-file").set_input_files(path)
    expect(page.locator("#messages")).to_contain_text("Imported old.csv: years 2024, ")
    after = state(page)
    assert after["estimates"]["bug_fixes"] == {"2024": 0.25}
    for key in ("feedback", "horizon", "title", "lag", "milestones", "rho"):
        assert after[key] == before[key], key
    assert after["feedback"] == 1.5
    assert "fb=1.5" in page.url


BAD_CSV = (
    "category_id,category,group,year,position,uplift,slope,relative_slope,phase,supercritical,midpoint,steepness,ceiling,weight,low,high\r\n"
    "bug_fixes,Bug fixes,Software engineering,2024,0.300,0,0,0,early,false,0.5,10,1,1\r\n"
    "bug_fixez,Bug fixes,Software engineering,2025,0.420,0,0,0,early,false,0.5,10,1,1\r\n"
    "bug_fixes,Bug fixes,Software engineering,2026,0.550,0,0,0,early,false,0.5,10,1,1\r\n"
    "chip_design,Chip design,Hardware engineering,2024,1.5,0,0,0,early,false,0.5,10,1,1\r\n"
    "chip_design,Chip design,Hardware engineering,20x5,0.2,0,0,0,early,false,0.5,10,1,1\r\n"
)


def test_csv_with_three_bad_rows_lists_all_three_and_changes_nothing(
    page: Page, guard: PageGuard, tmp_path: Path
) -> None:
    ready(page, LINK)
    before = state(page)
    url = page.url
    path = tmp_path / "bad.csv"
    path.write_text(BAD_CSV, newline="")
    page.locator("#import-file").set_input_files(path)
    box = page.locator("#import-errors")
    expect(box).to_be_visible()
    assert box.get_attribute("role") == "alert"
    expect(box).to_contain_text("bad.csv was not imported (3 problems); your estimates are unchanged.")
    items = box.locator("li")
    expect(items).to_have_count(3)
    texts = items.all_inner_texts()
    assert texts[0].startswith("line 3, column A (category_id): unknown category id 'bug_fixez'")
    assert texts[1].startswith("line 5, column E (position): position must be a number in [0, 1], got '1.5'")
    assert texts[2].startswith("line 6, column D (year): year must be a whole year")
    assert state(page) == before
    assert page.url == url
    # dismissing clears the list; the estimates are still those of the link
    box.get_by_role("button", name="Dismiss").click()
    expect(box).to_be_hidden()
    assert state(page) == before
    drop_bad_requests(guard, 1)


def test_invalid_json_file_lists_its_problems_and_changes_nothing(page: Page, guard: PageGuard, tmp_path: Path) -> None:
    ready(page, LINK)
    before = state(page)
    path = tmp_path / "view.json"
    path.write_text(
        json.dumps({"state": {"estimates": {"bug_fixes": {"2024": 2}, "nope": {}}, "weights": {"chip_design": -1}}})
    )
    page.locator("#import-file").set_input_files(path)
    box = page.locator("#import-errors")
    expect(box.locator("li")).to_have_count(3)
    text = box.inner_text()
    assert "`estimates.bug_fixes.2024` must be a position" in text
    assert "unknown category id `nope`" in text
    assert "`weights.chip_design` must be a number in [0, 10]" in text
    assert state(page) == before

    path.write_text("{not json")
    page.locator("#import-file").set_input_files(path)
    expect(box.locator("li")).to_have_count(1)
    expect(box).to_contain_text("the file is not valid JSON")
    assert state(page) == before
    drop_bad_requests(guard, 1)  # the first file's POST /api/analyze; the second never left the page


def test_dropped_file_imports_with_a_visible_drop_zone(page: Page, guard: PageGuard) -> None:
    ready(page, "/")
    before = state(page)
    csv = (
        "category_id,year,position\r\n"
        + "".join(f"{cid},2025,0.25\r\n" for cid in ("bug_fixes", "chip_design", "synthetic_data"))
        + "bug_fixes,2026,0.75\r\n"
    )
    transfer = page.evaluate_handle(
        "text => { const dt = new DataTransfer();"
        " dt.items.add(new File([text], 'dropped.csv', {type: 'text/csv'})); return dt; }",
        csv,
    )
    zone = page.locator("#drop-zone")
    zone.dispatch_event("dragenter", {"dataTransfer": transfer})
    zone.dispatch_event("dragover", {"dataTransfer": transfer})
    expect(zone).to_have_class(re.compile(r"\bshare-drop-active\b"))
    expect(page.locator("body")).to_have_class(re.compile(r"\bshare-dragging\b"))
    zone.dispatch_event("drop", {"dataTransfer": transfer})
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bshare-dragging\b"))
    deadline = time.monotonic() + 10
    while state(page)["estimates"]["bug_fixes"].get("2026") != 0.75:
        assert time.monotonic() < deadline
        page.wait_for_timeout(50)
    s = state(page)
    assert s["years"] == [2025, 2026]
    assert s["estimates"]["bug_fixes"] == {"2025": 0.25, "2026": 0.75}
    assert s["estimates"]["chip_design"] == {"2025": 0.25}
    # categories without rows take their defaults, and the page says so
    assert s["estimates"]["qualitative_research"] == {"2025": 0.08, "2026": 0.14}
    expect(page.get_by_text("takes its default positions", exact=False).first).to_be_visible()
    # the import was one step: one Undo brings back the estimates from before
    page.locator("#undo").click()
    wait_for_state(page, model(before))
    expect(page.locator("#undo")).to_be_disabled()
