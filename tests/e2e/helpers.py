"""Small helpers shared by the browser tests."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

import yaml
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


def anchors_of(category_id: str) -> dict[float, str]:
    """The anchors of a category as data/categories.yaml states them."""
    path = Path(__file__).resolve().parents[2] / "data" / "categories.yaml"
    for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["categories"]:
        if entry["id"] == category_id:
            return {float(k): v for k, v in entry["anchors"].items()}
    raise KeyError(category_id)


def near_words(anchors: dict[float, str], x: float) -> str:
    """How the page names the anchor nearest position x: "near: ..." within
    0.125 of it, else "short of: ..." (below the first) or "beyond: ..."."""
    at = min(anchors, key=lambda a: abs(x - a))
    word = "short of" if x < at - 0.125 else "beyond" if x > at + 0.125 else "near"
    return f"{word}: {anchors[at]}"
