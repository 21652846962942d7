"""POST /api/analyze?preview=1: the page's live answers for a view with
ranges leave out the Monte Carlo draws; everything else is the full
analysis of the same state."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app

RANGED: dict[str, Any] = {
    "estimates": {"bug_fixes": {"2024": 0.3, "2025": 0.42, "2026": 0.55}},
    "ranges": {"bug_fixes": {"2025": [0.35, 0.5]}},
    "rho": 0.3,
}


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def test_preview_leaves_out_the_draws_only(client: TestClient) -> None:
    full = client.post("/api/analyze", json=RANGED).json()
    live = client.post("/api/analyze?preview=1", json=RANGED).json()
    assert full["uncertainty"]["samples"] == 2000
    assert live["uncertainty"] is None
    assert live["state"] == full["state"] and live["state"]["ranges"] == {"bug_fixes": {"2025": [0.35, 0.5]}}
    assert live["permalink"] == full["permalink"] and "bug_fixes.lo=,0.35," in live["permalink"]
    for key in ("categories", "years", "forecast", "compare", "warnings"):
        assert live[key] == full[key], key
    # The sentence of the stated positions: a single milestone year, no interval.
    assert "90% of draws" in full["summary"] and "90% of draws" not in live["summary"]
    assert live["summary"].startswith("AI's help reaches half its potential around ")


def test_preview_of_a_compared_view_with_ranges(client: TestClient) -> None:
    body = {"estimates": {"bug_fixes": {"2024": 0.3, "2025": 0.42, "2026": 0.55}}, "vs": RANGED}
    full = client.post("/api/analyze", json=body).json()
    live = client.post("/api/analyze?preview=true", json=body).json()
    assert full["uncertainty"] is None and full["compare"]["uncertainty"] is not None
    assert live["compare"]["uncertainty"] is None
    assert live["compare"]["state"] == full["compare"]["state"]
    assert live["compare"]["permalink"] == full["compare"]["permalink"]
    assert live["permalink"] == full["permalink"] and "vs.rho=0.3" in live["permalink"]
    assert live["compare"]["forecast"] == full["compare"]["forecast"]


def test_preview_without_ranges_is_the_full_answer(client: TestClient) -> None:
    plain = {"estimates": {"bug_fixes": {"2024": 0.3, "2025": 0.42, "2026": 0.55}}}
    assert client.post("/api/analyze?preview=1", json=plain).content == client.post("/api/analyze", json=plain).content
    # preview=0 is the full analysis, draws and all.
    assert client.post("/api/analyze?preview=0", json=RANGED).json()["uncertainty"] is not None


def test_a_bad_preview_flag_is_a_400_naming_it(client: TestClient) -> None:
    r = client.post("/api/analyze?preview=maybe", json=RANGED)
    assert r.status_code == 400
    body = r.json()
    assert body["errors"][0]["loc"] == ["query", "preview"]
    assert "preview" in body["detail"]
