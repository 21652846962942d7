"""What the crowd's tools and page say, in Chromium: a message from the last
action goes at the next (the withdraw link stays), an empty chart says why
it is empty, and on a phone /crowd's tables show that they scroll sideways
and scroll by keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import LiveServer, PageGuard
from .test_crowd import call, start

STATE = "/?v=1&years=2025&bug_fixes=0.61"


@pytest.fixture(scope="module")
def five(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A crowd of five views, each from its own network."""
    server = start(tmp_path_factory.mktemp("five"), "five")
    try:
        for i in range(5):
            body = {"years": [2025], "estimates": {"bug_fixes": {"2025": 0.2 + i / 10}}}
            assert call(server, "POST", "/api/views", body, {"x-forwarded-for": f"10.3.{i}.1"})[0] == 201
        yield server
    finally:
        server.stop()


def add_my_view(page: Page) -> None:
    page.get_by_role("button", name="Add my view to the crowd").click()
    page.get_by_role("button", name="Add my view", exact=True).click()
    expect(page.locator("#crowd-dialog")).to_be_hidden()


def test_show_the_crowd_takes_down_the_duplicate_message_not_the_withdraw_link(page: Page, five: LiveServer) -> None:
    guard = PageGuard(page, five.url)
    page.goto(five.url + STATE)
    expect(page.locator("#crowd-tools[data-ready='true']")).to_be_attached()
    status = page.locator("#crowd-status")
    show = page.get_by_role("button", name="Show the crowd")

    add_my_view(page)
    expect(page.locator("#crowd-withdraw-link")).to_be_visible()
    show.click()  # the link is the only key to the view: it stays
    expect(page.get_by_role("button", name="Hide the crowd")).to_be_visible()
    expect(page.locator("#crowd-withdraw-link")).to_be_visible()

    add_my_view(page)  # the same view again, from the same network
    expect(status).to_contain_text("already in the crowd")
    page.get_by_role("button", name="Hide the crowd").click()
    expect(status).to_be_hidden()
    expect(status).to_have_text("")

    add_my_view(page)
    expect(status).to_contain_text("already in the crowd")
    show.click()
    expect(page.locator("#card-bug_fixes .crowd-median")).to_have_count(1)
    expect(status).to_be_hidden()
    assert guard.errors == [] and guard.foreign == []


def test_with_fewer_than_five_views_each_chart_says_why_it_is_empty(page: Page, tmp_path: Path) -> None:
    server = start(tmp_path, "three")
    try:
        guard = PageGuard(page, server.url)
        for i in range(3):
            assert (
                call(server, "POST", "/api/views", {"years": [2024 + i]}, {"x-forwarded-for": f"10.4.{i}.1"})[0] == 201
            )
        page.goto(server.url + "/")
        expect(page.locator("#crowd-tools[data-ready='true']")).to_be_attached()
        page.get_by_role("button", name="Show the crowd").click()
        notes = page.locator(".card .crowd-none")
        expect(notes).to_have_count(10)
        for i in range(10):
            expect(notes.nth(i)).to_have_text("Crowd: 3 views so far; a year shows here from 5.")
        note = page.locator("#card-chip_design .crowd-none")
        note.scroll_into_view_if_needed()
        expect(note).to_be_visible()
        # Inside the chart's plot area.
        box, area = note.bounding_box(), page.locator("#card-chip_design .overlay").bounding_box()
        assert box is not None and area is not None
        assert area["x"] <= box["x"] and box["x"] + box["width"] <= area["x"] + area["width"]
        assert area["y"] <= box["y"] and box["y"] + box["height"] <= area["y"] + area["height"]
        expect(page.locator("#crowd-status")).to_have_text(
            "The crowd has 3 views so far: its marks show on the charts once a year has 5 views."
        )
        # Hidden again, the notes go with the crowd's marks.
        page.get_by_role("button", name="Hide the crowd").click()
        expect(notes).to_have_count(0)
        assert guard.errors == [] and guard.foreign == []
    finally:
        server.stop()


def test_crowd_tables_show_on_a_phone_that_they_scroll_sideways(page: Page, five: LiveServer) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(five.url + "/crowd")
    region = page.get_by_role("region", name="Mean slope per year across the views")
    hint = page.locator(".cr-years .cr-scroll-hint")
    expect(hint).to_be_visible()
    expect(hint).to_have_text("Swipe the table sideways for every column →")
    # It does scroll: the last column is out of the region until it is scrolled.
    last = region.get_by_role("columnheader", name="Above 1")
    width, inner = region.evaluate("el => [el.clientWidth, el.scrollWidth]")
    assert inner > width
    box = region.bounding_box()
    assert box is not None
    cell = last.bounding_box()
    assert cell is not None and cell["x"] >= box["x"] + box["width"]
    # By keyboard: Tab to the region, then the arrow keys.
    page.locator("#cr-years").scroll_into_view_if_needed()
    for _ in range(40):
        page.keyboard.press("Tab")
        if region.evaluate("el => el === document.activeElement"):
            break
    expect(region).to_be_focused()
    for _ in range(12):
        page.keyboard.press("ArrowRight")
    # (the browser scrolls smoothly: wait for the end)
    region.evaluate(
        """el => new Promise(done => { const t0 = performance.now(); (function wait() {
            if (el.scrollLeft + el.clientWidth >= el.scrollWidth - 1 || performance.now() - t0 > 3000) done();
            else requestAnimationFrame(wait); })(); })"""
    )
    cell = last.bounding_box()
    assert cell is not None and cell["x"] + cell["width"] <= box["x"] + box["width"] + 1
    # Nothing else of the page scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.set_viewport_size({"width": 1440, "height": 900})
    expect(hint).to_be_hidden()
