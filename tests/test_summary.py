"""Years in words (scurve.summary.year_words, which the page's no-JS
forecast sentence is written with): a year Y stands for the end of year Y
(docs/DESIGN.md §3), so a quarter after it is early in year Y + 1."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from scurve.summary import year_words

CASES = [
    (2026.0, "the end of 2026"),
    (2026.25, "early 2027"),
    (2026.5, "mid 2027"),
    (2026.75, "late 2027"),
    (2027.0, "the end of 2027"),
    (2024.75, "late 2025"),
    (2028.75, "late 2029"),
    # Fitted dates are continuous: to the nearest quarter.
    (2025.6, "mid 2026"),
    (2025.1, "the end of 2025"),
    (2025.13, "early 2026"),  # past half a quarter (2025.125)
    (2023.9, "the end of 2024"),
    (2099.9, "the end of 2100"),
]


@pytest.mark.parametrize(("t", "words"), CASES)
def test_year_words(t: float, words: str) -> None:
    assert year_words(t) == words


def test_the_page_without_javascript_speaks_in_quarters(client: TestClient) -> None:
    # The defaults: the mean slope peaks at t = 2026 and is above 1 from
    # 2024.75 to 2028.75 (the forecast grid's quarters; see /api/analyze).
    f = client.get("/api/analyze").json()["forecast"]
    assert (f["peak_year"], f["supercritical_from"], f["supercritical_to"]) == (2026.0, 2024.75, 2028.75)
    html = client.get("/").text
    assert "the mean slope peaks around the end of 2026 and is above 1 from late 2025 to late 2029." in html
    assert "2024.75" not in html.split('id="values-body"')[1]
