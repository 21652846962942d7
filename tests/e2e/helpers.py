"""Small helpers shared by the browser tests."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

from playwright.sync_api import Page, expect

from .conftest import LiveServer


def ready(page: Page, path: str) -> None:
    """Open `path` and wait until the share tools (the last module to start) are ready."""
    page.goto(path)
    expect(page.locator("#share[data-ready='true']")).to_be_attached()


def state(page: Page) -> Any:
    """The page's state, read through its public API (for assertions only)."""
    return page.evaluate("window.scurve.getState()")


def api(live_server: LiveServer, query: str) -> Any:
    """The server's analysis of a permalink query."""
    with urllib.request.urlopen(f"{live_server.url}/api/analyze?{query}") as r:
        return json.load(r)
