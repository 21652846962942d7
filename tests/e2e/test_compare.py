"""Issue 4 in the browser: compare with a pasted link or the defaults; the
difference table's numbers are the API's; the comparison is in the link."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

from playwright.sync_api import Page, expect

from .conftest import LiveServer, PageGuard
from .helpers import api, ready, state

MINE = "/?v=1&years=2024,2025,2026&bug_fixes=0.5,0.61,0.7&chip_design=0.2,0.25,0.3&title=Mine"
THEIRS = "/?v=1&years=2025,2026&horizon=2035&bug_fixes=0.3,0.45&chip_design=0.4,0.6&synthetic_data.w=3&title=Theirs"


def number(text: str) -> float:
    return float(text.replace("\u2212", "-"))


def check_table_against_api(page: Page, body: dict[str, Any]) -> int:
    """Every cell of the difference table equals the API's numbers subtracted
    (yours minus compared) to the shown precision; returns the rows checked."""
    other = {c["id"]: c for c in body["compare"]["categories"]}
    rows = 0
    for c in body["categories"]:
        theirs = {p["year"]: p for p in other[c["id"]]["points"]}
        for p in c["points"]:
            row = page.locator(f"#compare-table tbody[data-category='{c['id']}'] tr[data-year='{p['year']}']")
            pos = row.locator("td[data-field='position']").inner_text()
            slope = row.locator("td[data-field='slope']").inner_text()
            phase = row.locator("td[data-field='phase']").inner_text()
            q = theirs.get(p["year"])
            if q is None:
                assert (pos, slope) == ("—", "—")
                assert phase == f"{p['phase']} / —"
            else:
                dp, ds = p["position"] - q["position"], p["slope"] - q["slope"]
                assert abs((0.0 if pos == "0" else number(pos)) - dp) <= 0.0005 + 1e-9, (c["id"], pos, dp)
                assert abs((0.0 if slope == "0" else number(slope)) - ds) <= 0.005 + 1e-9, (c["id"], slope, ds)
                want = f"{p['phase']} (both)" if p["phase"] == q["phase"] else f"{p['phase']} / {q['phase']}"
                assert phase == want
            rows += 1
    return rows


def test_compare_with_a_pasted_link(page: Page, guard: PageGuard, live_server: LiveServer) -> None:
    ready(page, MINE)
    expect(page.locator("#compare-panel")).to_be_hidden()
    page.locator("#compare-toggle").click()
    field = page.locator("#compare-link")
    expect(field).to_be_focused()
    page.keyboard.insert_text(live_server.url + THEIRS + "#ignored")
    page.keyboard.press("Enter")
    panel = page.locator("#compare-panel")
    expect(panel).to_be_visible()
    expect(panel.locator("h2")).to_have_text("Your view compared with “Theirs”")

    s = state(page)
    theirs_alone = api(live_server, THEIRS[2:])["state"]
    assert s["vs"] == theirs_alone
    assert s["title"] == "Mine"
    # the comparison is part of the link: every parameter of the other view with vs.
    params = dict(parse_qsl(urlsplit(page.url).query))
    assert params["vs.years"] == "2025,2026"
    assert params["vs.bug_fixes"] == "0.3,0.45"
    assert params["vs.synthetic_data.w"] == "3"
    assert params["vs.title"] == "Theirs"
    assert params["title"] == "Mine"

    body = api(live_server, urlsplit(page.url).query)
    assert body["compare"] is not None
    assert check_table_against_api(page, body) == 30
    # the estimator draws the other view: hollow markers on every chart (two
    # years each here), and its series on the aggregate and forecast charts
    for c in body["categories"]:
        expect(page.locator(f"#card-{c['id']} .ghost-compare:not([hidden])")).to_have_count(2)
    # both panel charts are plain SVG (redrawn on every analysis): the other
    # view is a second bar per year and a second line
    expect(page.locator("#years-chart rect.bar-compare")).to_have_count(len(body["compare"]["years"]))
    expect(page.locator("#forecast-chart path.compare-line")).to_have_count(1)
    # the aggregate table: mean slopes of both and their difference
    mine_2026 = next(y for y in body["years"] if y["year"] == 2026)["mean_slope"]
    theirs_2026 = next(y for y in body["compare"]["years"] if y["year"] == 2026)["mean_slope"]
    row = page.locator("#compare-aggregate tr[data-year='2026']")
    expect(row.locator("td[data-field='mean_slope']")).to_have_text(f"{mine_2026:.2f} / {theirs_2026:.2f}")
    assert (
        abs(number(row.locator("td[data-field='mean_slope_delta']").inner_text()) - (mine_2026 - theirs_2026)) <= 0.005
    )
    expect(page.locator("#compare-aggregate tr[data-year='2024'] td[data-field='mean_slope']")).to_contain_text("/ —")

    # the link with the comparison reopens it
    link = page.url
    page.goto("/")
    ready(page, link.removeprefix(live_server.url))
    expect(page.locator("#compare-panel")).to_be_visible()
    assert state(page) == s


def test_compare_with_the_defaults_then_clear(page: Page, guard: PageGuard, live_server: LiveServer) -> None:
    ready(page, MINE + "&horizon=2040")
    page.locator("#compare-toggle").click()
    page.locator("#compare-defaults").click()
    panel = page.locator("#compare-panel")
    expect(panel.locator("h2")).to_have_text("Your view compared with the defaults")
    vs = state(page)["vs"]
    assert vs["estimates"]["bug_fixes"] == {"2024": 0.3, "2025": 0.42, "2026": 0.55}
    assert vs["horizon"] == 2040  # same horizon, so both forecasts span the same years
    body = api(live_server, urlsplit(page.url).query)
    check_table_against_api(page, body)
    # bug_fixes 2026: 0.7 against 0.55
    expect(
        panel.locator("tbody[data-category='bug_fixes'] tr[data-year='2026'] td[data-field='position']")
    ).to_have_text("+0.150")
    expect(
        panel.locator("tbody[data-category='chip_design'] tr[data-year='2024'] td[data-field='position']")
    ).to_have_text("+0.080")
    page.locator("#compare-panel-clear").click()
    expect(panel).to_be_hidden()
    assert "vs" not in state(page)
    assert "vs." not in page.url
    expect(page.locator("#compare-clear")).to_be_hidden()


def test_bad_pasted_link_lists_its_problems_and_changes_nothing(page: Page, guard: PageGuard) -> None:
    ready(page, MINE)
    before = state(page)
    page.locator("#compare-toggle").click()
    page.keyboard.insert_text("/?v=1&bug_fixes=0.1,nope,0.3&horizon=1999")
    page.locator("#compare-form").get_by_role("button", name="Compare", exact=True).click()
    box = page.locator("#compare-errors")
    expect(box).to_be_visible()
    assert box.get_attribute("role") == "alert"
    expect(box.locator("li")).to_have_count(2)
    expect(box).to_contain_text("`bug_fixes`")
    expect(box).to_contain_text("`horizon`")
    assert state(page) == before
    expect(page.locator("#compare-panel")).to_be_hidden()

    page.locator("#compare-link").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type("just some words")
    page.keyboard.press("Enter")
    expect(box).to_contain_text("paste a link to a view of this app")
    assert state(page) == before
    # the refused link was a 400 from the API, which Chromium logs; nothing else was
    assert guard.errors == ["console: Failed to load resource: the server responded with a status of 400 (Bad Request)"]
    guard.errors.clear()
