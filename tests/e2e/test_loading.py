"""How the estimator's code arrives: the bundle (app/static/bundle) in a few
requests, each named by the page so none waits to be discovered, Plotly's
bundle only once they are in; and, with a bundle that no longer matches
the sources, the modules one by one, every one preloaded, the page as it
should be."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, Request, expect

from .conftest import LiveServer, PageGuard
from .test_estimator import drag_by_mouse, marker

SCRIPT = re.compile(r"/static/(js|bundle)/[\w-]+\.js\?")
STYLE = re.compile(r"/static/(bundle/)?[\w-]+\.css\?")


@pytest.fixture(scope="module")
def unbundled_server() -> Iterator[LiveServer]:
    server = LiveServer(factory="tests.unbundled_app:create_app")
    yield server
    server.stop()


def record(page: Page) -> list[Request]:
    requests: list[Request] = []
    page.on("request", lambda r: requests.append(r))
    return requests


def scripts_named_by_the_page(page: Page) -> set[str]:
    preloaded = page.eval_on_selector_all("link[rel=modulepreload]", "els => els.map(e => e.href)")
    entries = page.eval_on_selector_all("script[type=module]", "els => els.map(e => e.src)")
    return set(preloaded) | set(entries)


def test_the_page_code_comes_bundled_in_few_requests_then_plotly(page: Page, guard: PageGuard) -> None:
    requests = record(page)
    page.goto("/")
    expect(page.locator("body[data-ready='true']")).to_be_attached(timeout=20_000)
    scripts = [r.url for r in requests if SCRIPT.search(r.url)]
    styles = [r.url for r in requests if STYLE.search(r.url) and "print.css" not in r.url]
    assert all("/static/bundle/" in u for u in scripts + styles), scripts + styles
    assert len(scripts) <= 7 and len(styles) == 1, (scripts, styles)  # 3 entries, at most 4 shared chunks
    assert sorted(scripts) == sorted(set(scripts)), scripts  # each fetched once
    assert set(scripts) == scripts_named_by_the_page(page)  # none discovered late
    # Plotly is asked for after every script of the page, and runs.
    plotly = [i for i, r in enumerate(requests) if "/static/vendor/plotly-" in r.url]
    assert len(plotly) == 1
    assert plotly[0] > max(i for i, r in enumerate(requests) if SCRIPT.search(r.url))
    expect(page.locator(".plot-static")).to_have_count(0)


def test_without_a_fresh_bundle_every_module_is_preloaded_and_the_page_works(
    page: Page, unbundled_server: LiveServer
) -> None:
    guard = PageGuard(page, unbundled_server.url)
    requests = record(page)
    page.goto(unbundled_server.url + "/")
    expect(page.locator("body[data-ready='true']")).to_be_attached(timeout=20_000)
    scripts = [r.url for r in requests if SCRIPT.search(r.url)]
    assert all("/static/js/" in u for u in scripts)
    assert len(scripts) >= 20
    assert sorted(scripts) == sorted(set(scripts)), scripts
    assert set(scripts) == scripts_named_by_the_page(page)
    assert any(u.endswith("markers.css") for u in (r.url for r in requests))  # estimator.css's imports
    expect(page.locator(".plot-static")).to_have_count(0)
    # The charts are Plotly's and the markers drag.
    drag_by_mouse(page, marker(page, "bug_fixes", 2025), 60)
    expect(page).not_to_have_url(re.compile(r"bug_fixes=0\.3,0\.42,"))
    assert guard.errors == [] and guard.foreign == []
