"""Issue 4 in the browser: copy the link and open it elsewhere; the title;
the clipboard fallback; bad links."""

from __future__ import annotations

import urllib.request

from playwright.sync_api import Browser, Page, expect

from .conftest import LiveServer, PageGuard
from .helpers import ready, state

LINK = "/?v=1&years=2024,2025,2026&horizon=2040&bug_fixes=0.5,0.61,0.7&chip_design=0.2,,0.3&chip_design.curve=0.6,8,0.9&synthetic_data.w=2.5"


def test_copied_link_opens_the_same_state_in_a_fresh_context(
    page: Page, guard: PageGuard, browser: Browser, live_server: LiveServer
) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    ready(page, LINK)
    title = page.locator("#state-title")
    title.click()
    page.keyboard.type("Fast chips & <slow> data")
    expect(page.locator("#state-title-count")).to_have_text("24/80")
    page.locator("#copy-link").click()  # the blur commits the title, then the link is copied
    expect(page.locator("#copy-link")).to_have_text("Copied ✓")
    expect(page.locator("#share-status")).to_contain_text("Link copied")
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.startswith(live_server.url + "/?v=2&years=2024,2025,2026&horizon=2040&bug_fixes=0.5,0.61,0.7")
    assert "title=Fast%20chips%20%26%20%3Cslow%3E%20data" in link
    mine = state(page)
    assert mine["title"] == "Fast chips & <slow> data"
    assert mine["estimates"]["chip_design"] == {"2024": 0.2, "2026": 0.3}

    fresh = browser.new_context()
    try:
        other = fresh.new_page()
        other_guard = PageGuard(other, live_server.url)
        other.goto(link)
        expect(other.locator("#share[data-ready='true']")).to_be_attached()
        assert state(other) == mine
        expect(other.locator("h1")).to_have_text("Fast chips & <slow> data")
        expect(other.locator("#state-title")).to_have_value("Fast chips & <slow> data")
        assert other.evaluate("window.scurve.getAnalysis().permalink") == link.removeprefix(live_server.url)
        assert other_guard.errors == [] and other_guard.foreign == []
    finally:
        fresh.close()


def test_title_is_capped_at_80_characters_and_shown_as_the_heading(page: Page, guard: PageGuard) -> None:
    ready(page, "/")
    page.locator("#state-title").click()
    page.keyboard.type("x" * 85)
    expect(page.locator("#state-title")).to_have_value("x" * 80)
    expect(page.locator("#state-title-count")).to_have_text("80/80")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("x" * 80)
    assert state(page)["title"] == "x" * 80
    assert "title=" + "x" * 80 in page.url


def test_copy_falls_back_to_a_selected_field_when_the_clipboard_is_refused(page: Page, guard: PageGuard) -> None:
    # A browser without the asynchronous clipboard (or one that refuses it).
    page.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'clipboard', {get() { return undefined; }, configurable: true});"
    )
    ready(page, LINK)
    page.locator("#copy-link").click()
    field = page.locator("#copy-fallback-input")
    expect(field).to_be_visible()
    expect(page.locator("#copy-fallback")).to_contain_text("Ctrl+C")
    link = field.input_value()
    assert link == page.evaluate("location.origin") + page.evaluate("window.scurve.getAnalysis().permalink")
    expect(field).to_be_focused()
    selected = page.evaluate(
        "(() => { const f = document.activeElement; return [f.selectionStart, f.selectionEnd, f.value.length]; })()"
    )
    assert selected == [0, len(link), len(link)]
    expect(page.locator("#copy-link")).to_have_text("Copy link")


def test_malformed_link_names_the_parameter_and_defaults_that_category(page: Page, guard: PageGuard) -> None:
    ready(page, "/?v=1&bug_fixes=0.2,zero,0.4&chip_design=0.5,0.6,0.7")
    expect(page.get_by_text("`bug_fixes`", exact=False).first).to_be_visible()
    expect(page.get_by_text("Bug fixes is shown at its defaults", exact=False).first).to_be_visible()
    s = state(page)
    assert s["estimates"]["bug_fixes"] == {"2024": 0.3, "2025": 0.42, "2026": 0.55}
    assert s["estimates"]["chip_design"] == {"2024": 0.5, "2025": 0.6, "2026": 0.7}


def test_unknown_parameter_opens_with_a_quiet_notice(page: Page, guard: PageGuard) -> None:
    ready(page, "/?v=1&bug_fixes=0.2,0.3,0.4&from_the_future=1")
    expect(page.get_by_text("ignored unknown parameter `from_the_future`", exact=False).first).to_be_visible()
    assert state(page)["estimates"]["bug_fixes"] == {"2024": 0.2, "2025": 0.3, "2026": 0.4}


def test_over_long_and_garbled_links_never_give_a_server_error(page: Page, live_server: LiveServer) -> None:
    garbled = page.goto("/?%ff%fe=%00&bug_fixes=%E2%80%AE&&==&vs.vs.=1&years=20x4")
    assert garbled is not None and garbled.status == 200
    expect(page.locator("h1")).to_be_visible()
    long = page.goto("/?title=" + "x" * 9000)
    assert long is not None and 400 <= long.status < 500
    with urllib.request.urlopen(live_server.url + "/healthz") as r:
        assert r.status == 200
