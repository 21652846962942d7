"""The page rounds as the server does: format.js's round3, run in Chromium,
against the shared table of cases (tests/rounding_cases.json) that
tests/test_rounding.py holds scurve's round3 to."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page

from .helpers import ready

CASES = json.loads((Path(__file__).resolve().parent.parent / "rounding_cases.json").read_text())


def test_format_round3_follows_the_shared_cases(page: Page) -> None:
    ready(page, "/")
    got = page.evaluate(
        """async (cases) => {
        // The module itself (the page runs it bundled, so no link names it).
        const format = await import("/static/js/format.js");
        return cases.map(([x]) => format.round3(x));
        }""",
        CASES,
    )
    assert got == [expected for _, expected in CASES]
