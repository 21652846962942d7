"""The crowd in Chromium (SPEC section 10): add a view and withdraw it, show
the crowd on the charts (medians checked against the API), compare with the
crowd, and /crowd without JavaScript.  Each server here has its own SQLite
file."""

from __future__ import annotations

import json
import math
import random
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from scurve.catalog import CATEGORY_IDS

from .conftest import LiveServer, PageGuard
from .helpers import in_view_box, state

SEEDED = 8


def call(
    server: LiveServer, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        server.url + path, data=data, method=method, headers={"content-type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            raw = r.read()
            return r.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def start(tmp: Path, name: str, **env: str) -> LiveServer:
    return LiveServer({"SCURVE_DATABASE_URL": f"sqlite:///{tmp}/{name}.sqlite3", "SCURVE_RATE_LIMIT": "0", **env})


@pytest.fixture(scope="module")
def crowd_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server whose crowd holds SEEDED views, each from its own network."""
    server = start(tmp_path_factory.mktemp("crowd"), "seeded")
    rng = random.Random(13)
    try:
        for i in range(SEEDED):
            est = {cid: {str(y): round(rng.uniform(0.1, 0.9), 3) for y in (2024, 2025, 2026)} for cid in CATEGORY_IDS}
            status, _ = call(server, "POST", "/api/views", {"estimates": est}, {"x-forwarded-for": f"10.1.{i}.1"})
            assert status == 201
        yield server
    finally:
        server.stop()


@pytest.fixture
def cguard(page: Page, crowd_server: LiveServer) -> Iterator[PageGuard]:
    g = PageGuard(page, crowd_server.url)
    yield g
    assert g.errors == [], f"console errors: {g.errors}"
    assert g.foreign == [], f"requests to other hosts: {g.foreign}"


def open_estimator(page: Page, server: LiveServer, path: str = "/") -> None:
    page.goto(server.url + path)
    expect(page.locator("#crowd-tools[data-ready='true']")).to_be_attached()


def test_add_a_view_see_the_withdraw_link_and_withdraw_it(
    page: Page, cguard: PageGuard, crowd_server: LiveServer
) -> None:
    open_estimator(page, crowd_server, "/?v=1&years=2025&bug_fixes=0.61&title=Private%20title")
    page.get_by_role("button", name="Add my view to the crowd").click()
    dialog = page.locator("#crowd-dialog")
    expect(dialog).to_be_visible()
    # Exactly what is stored: the canonical link (no title), the date; never the IP.
    link = dialog.locator("#crowd-link").inner_text()
    assert link.startswith(crowd_server.url + "/?v=2&years=2025&")
    assert "bug_fixes=0.61" in link and "title" not in link
    expect(dialog).to_contain_text("public, anonymous")
    expect(dialog).to_contain_text("IP address")
    assert len(dialog.locator("#crowd-date").inner_text()) == 10
    page.get_by_label("Also keep the withdraw link in this browser").check()
    page.get_by_role("button", name="Add my view", exact=True).click()
    expect(dialog).to_be_hidden()
    withdraw = page.locator("#crowd-withdraw-link")
    expect(withdraw).to_be_visible()
    href = withdraw.get_attribute("href") or ""
    parts = urlsplit(href)
    assert parts.path == "/crowd/withdraw"
    view_id, token = parts.fragment.split(".")
    status, view = call(crowd_server, "GET", f"/api/views/{view_id}")
    assert status == 200 and view["permalink"] == urlsplit(link).path + "?" + urlsplit(link).query
    saved = json.loads(page.evaluate("localStorage.getItem('scurve.crowd.views')"))
    assert [(v["id"], v["token"]) for v in saved] == [(view_id, token)]
    assert page.context.cookies() == []

    withdraw.click()
    expect(page.locator("#withdraw-id")).to_have_value(view_id)
    expect(page.locator("#withdraw-token")).to_have_value(token)
    expect(page.locator("#withdraw-saved")).to_be_visible()
    page.get_by_role("button", name="Withdraw this view").click()
    expect(page.locator("#withdraw-result")).to_have_text("Your view has been withdrawn.")
    assert urlsplit(page.url).fragment == ""  # the key left the address bar
    assert call(crowd_server, "GET", f"/api/views/{view_id}")[0] == 404
    assert json.loads(page.evaluate("localStorage.getItem('scurve.crowd.views')")) == []
    expect(page.locator("#withdraw-saved")).to_be_hidden()


def test_show_the_crowd_draws_the_api_medians(page: Page, cguard: PageGuard, crowd_server: LiveServer) -> None:
    status, crowd = call(crowd_server, "GET", "/api/crowd")
    assert status == 200 and crowd["n"] == SEEDED
    open_estimator(page, crowd_server)
    page.get_by_role("button", name="Show the crowd").click()
    card = page.locator("#card-bug_fixes")
    medians = card.locator(".crowd-median")
    expect(medians).to_have_count(3)
    overlay = card.locator(".overlay").bounding_box()
    assert overlay is not None
    cells = {c["year"]: c for c in crowd["categories"][0]["years"]}
    for year in (2024, 2025, 2026):
        box = card.locator(f".crowd-median[data-year='{year}']").bounding_box()
        assert box is not None
        x = (box["x"] + box["width"] / 2 - overlay["x"]) / overlay["width"]
        assert abs(x - cells[year]["quantiles"]["p50"]) <= 1.5 / overlay["width"], (year, x)
        group = card.locator(f".crowd-cell[data-year='{year}']")
        assert float(group.get_attribute("data-p25") or "nan") == cells[year]["quantiles"]["p25"]
        assert float(group.get_attribute("data-p75") or "nan") == cells[year]["quantiles"]["p75"]
    # The panel: the crowd's mean-slope median and share per year, as the API has them.
    table = page.locator("#crowd-year-table")
    expect(table).to_be_visible()
    for y in crowd["years"]:
        row = table.locator(f"tr[data-year='{y['year']}']")
        expect(row.locator(".crowd-mean")).to_have_text(f"{y['mean_slope']['p50']:.2f}")
        percent = math.floor(100 * y["share_supercritical"] + 0.5)  # rounded half up, as Math.round
        expect(row.locator(".crowd-share")).to_have_text(f"{percent}%")
    # The crowd is drawn under the markers: they still drag, and it is redrawn after.
    marker = card.locator(".marker[data-year='2024']")
    box = in_view_box(page, marker)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 40, y + 3, steps=8)
    page.mouse.up()
    expect(page).not_to_have_url(re.compile(r"bug_fixes=0\.3,"))
    expect(medians).to_have_count(3)
    page.get_by_role("button", name="Hide the crowd").click()
    expect(card.locator(".crowd-median")).to_have_count(0)
    expect(page.locator("#crowd-panel")).to_have_count(0)


def test_compare_with_the_crowd(page: Page, cguard: PageGuard, crowd_server: LiveServer) -> None:
    crowd = call(crowd_server, "GET", "/api/crowd")[1]
    median = crowd["median_view"]["permalink"]
    expected = call(crowd_server, "GET", "/api/analyze?" + urlsplit(median).query)[1]["state"]
    open_estimator(page, crowd_server)
    page.get_by_role("button", name="Compare with the crowd").click()
    expect(page.locator("#compare-panel")).to_be_visible()
    expect(page.locator("#compare-panel h2")).to_contain_text(f"The crowd's median ({SEEDED} views)")
    vs = state(page)["vs"]
    assert vs["estimates"] == expected["estimates"] and vs["years"] == expected["years"]
    params = dict(parse_qsl(urlsplit(page.url).query))
    assert params["vs.bug_fixes"] == dict(parse_qsl(urlsplit(median).query))["bug_fixes"]


def test_crowd_page_without_javascript(browser: Browser, crowd_server: LiveServer) -> None:
    crowd = call(crowd_server, "GET", "/api/crowd")[1]
    context = browser.new_context(java_script_enabled=False, base_url=crowd_server.url)
    page = context.new_page()
    try:
        page.goto("/crowd")
        expect(page.locator("#cr-count")).to_contain_text(f"{SEEDED} views")
        table = page.locator("#cr-bug_fixes table")
        for cell in crowd["categories"][0]["years"]:
            row = table.locator("tbody tr", has_text=str(cell["year"]))
            expect(row.locator("td").nth(3)).to_have_text(f"{cell['quantiles']['p50']:.3f}")
        expect(page.locator("#cr-bug_fixes svg .cr-row")).to_have_count(3)
        expect(page.locator("#cr-year-table tbody tr")).to_have_count(len(crowd["years"]))
        # The date filter is a plain form.
        page.locator("#cr-since").fill("2000-01-01")
        page.locator("#cr-until").fill("2000-01-02")
        page.get_by_role("button", name="Filter").click()
        assert "since=2000-01-01" in page.url and "until=2000-01-02" in page.url
        expect(page.locator("#cr-count")).to_have_text("No views yet in these dates")
        expect(page.locator("#cr-csv")).to_have_attribute(
            "href", "/api/crowd/export.csv?since=2000-01-01&until=2000-01-02"
        )
        # The estimator hides the crowd's tools without JavaScript.
        page.goto("/")
        expect(page.locator("#crowd-tools")).to_be_hidden()
    finally:
        context.close()


def test_fewer_than_five_views_say_how_many(page: Page, tmp_path: Path) -> None:
    server = start(tmp_path, "few")
    try:
        g = PageGuard(page, server.url)
        for i in range(2):
            assert call(server, "POST", "/api/views", {"years": [2024 + i]})[0] == 201
        open_estimator(page, server)
        page.get_by_role("button", name="Show the crowd").click()
        expect(page.locator("#crowd-few")).to_have_text(
            "The crowd has 2 views so far; its figures show once a year has 5."
        )
        expect(page.locator(".crowd-median")).to_have_count(0)
        page.get_by_role("button", name="Compare with the crowd").click()
        expect(page.locator("#crowd-status")).to_contain_text("the crowd has 2 views, and a median needs 5")
        assert g.errors == [] and g.foreign == []
    finally:
        server.stop()


def test_crowd_off_hides_it(page: Page, tmp_path: Path) -> None:
    server = start(tmp_path, "off", SCURVE_CROWD="off")
    try:
        page.goto(server.url + "/")
        expect(page.locator("#page-title")).to_be_visible()
        expect(page.locator("#crowd-tools")).to_have_count(0)
        expect(page.locator("header.site nav a", has_text="Crowd")).to_have_count(0)
        assert not (tmp_path / "off.sqlite3").exists()  # the database is never opened
    finally:
        server.stop()
