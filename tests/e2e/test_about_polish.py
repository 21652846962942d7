"""The method page's slope figure: no line crosses a phase's name."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from playwright.sync_api import Browser

from .conftest import LiveServer


def overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


@pytest.mark.parametrize("width", [1440, 375])
def test_phase_labels_are_not_cut_by_lines(browser: Browser, live_server: LiveServer, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 1000}, base_url=live_server.url)
    try:
        page = context.new_page()
        page.goto("/about")
        svg = page.locator(".pg-figure svg").nth(1)
        labels = svg.locator("text.pg-svg-phase")
        assert labels.all_text_contents() == ["early", "accelerating", "decelerating", "saturating"]
        text_boxes = [labels.nth(i).bounding_box() for i in range(4)]
        lines = svg.locator("line, path.pg-svg-bracket, path.pg-svg-curve")
        line_boxes = [lines.nth(i).bounding_box() for i in range(lines.count())]
        for t in text_boxes:
            assert t is not None
            for ln in line_boxes:
                assert ln is not None and not overlap(t, ln), (t, ln)
        # Neighbouring names do not touch each other either.
        for a, b in itertools.pairwise(text_boxes):
            assert a is not None and b is not None and not overlap(a, b)
        # Each name is centred under its bracket (the phase's stretch of the axis).
        brackets = svg.locator("path.pg-svg-bracket")
        for i, t in enumerate(text_boxes):
            br = brackets.nth(i).bounding_box()
            assert t is not None and br is not None
            assert abs((t["x"] + t["width"] / 2) - (br["x"] + br["width"] / 2)) <= 1.5
    finally:
        context.close()
