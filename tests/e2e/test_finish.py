"""Small finish flaws a new user met, each checked in Chromium: "Add range" in
words on a phone, a phase's dot on its word's line, one question as the
heading everywhere, /docs that points web readers at pages they can open,
and full-page captures that have every chart."""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from .conftest import LiveServer, PageGuard
from .helpers import chart_ink
from .test_estimator import open_estimator

QUESTION = "Where does AI stand on the S-curves of AI self-improvement?"


def test_add_range_is_in_words_on_a_phone(page: Page, guard: PageGuard) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    open_estimator(page)
    button = page.get_by_role("button", name="Add range: Bug fixes, 2025")
    button.scroll_into_view_if_needed()
    expect(button).to_have_text("Add range")
    # On two lines, inside its card.
    box = button.bounding_box()
    card = page.locator("#card-bug_fixes").bounding_box()
    assert box is not None and card is not None
    assert card["x"] <= box["x"] and box["x"] + box["width"] <= card["x"] + card["width"]
    assert box["height"] > 1.6 * float(button.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
    button.click()
    expect(page.get_by_role("button", name="Remove range: Bug fixes, 2025")).to_have_text("Remove range")


@pytest.mark.parametrize("width", [1440, 375])
def test_a_phases_dot_stays_on_its_words_line(page: Page, guard: PageGuard, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 1000})
    open_estimator(page)
    expect(page.locator("#card-bug_fixes .readout tr[data-year='2026'] .phase")).to_have_text("past the midpoint")
    # Each super-critical verdict's dot (::before) flows with its words: an
    # inline box, never a line of its own.
    dots = page.locator(".readout .verdict.is-sc").evaluate_all(
        "els => els.map(e => [e.textContent, getComputedStyle(e, '::before').display])"
    )
    assert len(dots) > 10 and all(d in ("inline", "inline-block") for _, d in dots), dots


def test_the_heading_asks_the_question_the_embed_and_previews_ask(page: Page, live_server: LiveServer) -> None:
    open_estimator(page, "?v=1")
    expect(page.locator("#page-title")).to_have_text(QUESTION)
    assert page.locator("meta[property='og:title']").get_attribute("content") == QUESTION
    with urllib.request.urlopen(f"{live_server.url}/oembed?url={quote(live_server.url + '/?v=1', safe='')}") as r:
        assert json.load(r)["title"] == QUESTION
    page.goto(f"{live_server.url}/embed?v=1")
    expect(page.locator("h1")).to_have_text(QUESTION)


def test_docs_send_web_readers_to_pages_they_can_open(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/docs")
    info = page.locator(".swagger-ui .info .description")
    expect(info).to_contain_text("permalink query")
    expect(info).not_to_contain_text("README")
    link = info.get_by_role("link", name="the method page")
    expect(link).to_have_attribute("href", "/about")


@pytest.mark.parametrize("width", [1440, 375])
def test_a_full_page_capture_has_every_chart(page: Page, guard: PageGuard, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    open_estimator(page)
    expect(page.locator(".card .plot .main-svg").first).to_be_attached(timeout=20_000)  # Plotly has drawn
    most_below = page.locator(".card .plot-wrap").nth(9).bounding_box()
    assert most_below is not None and most_below["y"] > 2 * 900  # charts start well below the first screen
    ink = chart_ink(page, page.screenshot(full_page=True))
    # A chart drawn has its curve, grid and axes; one left unrendered is blank.
    assert all(f > 0.04 for f in ink), [round(f, 3) for f in ink]
