"""Small helpers shared by the browser tests."""

from __future__ import annotations

import base64
import json
import urllib.request
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import Locator, Page, expect

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


def ink_fractions(page: Page, png: bytes, boxes: list[dict[str, float]]) -> list[float]:
    """For each box of a screenshot, the share of its pixels that differ from
    the box's own corner pixel (the background): 0 for a blank area. The
    image is read in a blank page of the same browser (no page's policy
    applies there), so the page under test is not touched."""
    blank = page.context.new_page()
    try:
        return list(
            blank.evaluate(
                """async ([data, boxes]) => {
                    const img = await createImageBitmap(await (await fetch("data:image/png;base64," + data)).blob());
                    const canvas = new OffscreenCanvas(img.width, img.height);
                    const g = canvas.getContext("2d");
                    g.drawImage(img, 0, 0);
                    return boxes.map((b) => {
                        const d = g.getImageData(Math.round(b.x), Math.round(b.y), Math.round(b.width), Math.round(b.height)).data;
                        let ink = 0;
                        for (let i = 0; i < d.length; i += 4) {
                            if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) > 30) ink += 1;
                        }
                        return ink / (d.length / 4);
                    });
                }""",
                [base64.b64encode(png).decode(), boxes],
            )
        )
    finally:
        blank.close()


def chart_ink(page: Page, png: bytes) -> list[float]:
    """`ink_fractions` of the ten charts' plot areas in `png`, a full-page
    screenshot of the page as it is scrolled now."""
    wraps = page.locator(".card .plot-wrap")
    assert wraps.count() == 10
    scroll_y = page.evaluate("window.scrollY")
    boxes = []
    for i in range(10):
        box = wraps.nth(i).bounding_box()
        assert box is not None
        boxes.append({**box, "y": box["y"] + scroll_y})
    return ink_fractions(page, png, boxes)


# -- accessibility ---------------------------------------------------------------

#: WCAG 2.1 levels A and AA, as axe-core tags its rules.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Rules of those levels that axe-core still marks experimental (so they are
#: off unless named): "label in name" (WCAG 2.5.3) among them.
EXPERIMENTAL_WCAG_RULES = ["label-content-name-mismatch"]


def axe_violations(page: Page) -> list[str]:
    """Run axe-core (bundled by axe-playwright-python) on the page as it is
    now, for WCAG 2.1 A and AA; one line per broken rule, naming the rule and
    up to three of the elements that break it. Empty when the page is clean."""
    from axe_playwright_python.sync_playwright import Axe

    options = {
        "runOnly": {"type": "tag", "values": WCAG_TAGS},
        "rules": {rule: {"enabled": True} for rule in EXPERIMENTAL_WCAG_RULES},
        "resultTypes": ["violations"],
    }
    results = Axe().run(page, options=options)
    out = []
    for v in results.response["violations"]:
        nodes = [" ".join(map(str, n["target"])) for n in v["nodes"]]
        out.append(f"{v['id']} ({v['impact']}): {v['help']}; {len(nodes)} element(s): {'; '.join(nodes[:3])}")
    return out


def in_view_box(page: Page, locator: Locator) -> dict[str, float]:
    """Scroll `locator` into view, let the frame after the scroll run (the
    sticky panel moves on scroll, js/side.js), then measure it."""
    locator.scroll_into_view_if_needed()
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    box = locator.bounding_box()
    assert box is not None
    return box
