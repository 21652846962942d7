"""The `uncertainty` block through the API (SPEC section 8): null without a
range, deterministic per link (byte-identical JSON in two processes), carried
by comparisons, CSV and imports."""

from __future__ import annotations

import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

RANGED = "bug_fixes=0.3,0.42,0.55&bug_fixes.lo=0.2,0.35,0.5&bug_fixes.hi=0.4,0.5,0.7&rho=0.25"


def test_no_range_gives_null_and_the_plain_analysis(client: TestClient) -> None:
    plain = client.get("/api/analyze").json()
    assert plain["uncertainty"] is None
    # rho alone (no range) changes the state's rho and nothing else
    other = client.get("/api/analyze?rho=0.9").json()
    assert other["uncertainty"] is None and other["state"]["rho"] == 0.9
    for key in ("categories", "years", "forecast", "summary"):
        assert other[key] == plain[key]


def test_ranges_give_the_block_and_leave_the_point_fields_alone(client: TestClient) -> None:
    a = client.get("/api/analyze?" + RANGED).json()
    u = a["uncertainty"]
    assert u["samples"] == 2000 and u["rho"] == 0.25
    assert list(u["categories"]) == [c["id"] for c in a["categories"]]
    bands = u["categories"]["bug_fixes"]
    assert [b["year"] for b in bands] == [2024, 2025, 2026]
    # p5 / p50 / p95 of the position come back near lo / x / hi (2,000 draws)
    for b, (lo, x, hi) in zip(bands, [(0.2, 0.3, 0.4), (0.35, 0.42, 0.5), (0.5, 0.55, 0.7)], strict=True):
        assert b["position"] == pytest.approx([lo, x, hi], abs=0.02)
    # a category without a range is fixed: its quantiles are its point
    fixed = u["categories"]["chip_design"][0]
    assert fixed["position"] == [0.12, 0.12, 0.12]
    assert fixed["p_supercritical"] == 0.0
    # the point fields stay those of the stated positions
    assert a["categories"][0]["points"][0]["position"] == 0.3
    assert len(u["forecast"]["mean_slope"]["p50"]) == len(a["forecast"]["t"])
    assert len(u["years"]) == 3 and all(0 <= y["p_supercritical"] <= 1 for y in u["years"])


def test_compare_has_its_own_draws_and_leaves_ours_alone(client: TestClient) -> None:
    alone = client.get("/api/analyze?" + RANGED).json()
    vs = "&".join("vs." + p for p in RANGED.split("&"))
    both = client.get(f"/api/analyze?{RANGED}&{vs}").json()
    assert both["uncertainty"] == alone["uncertainty"]
    assert both["compare"]["uncertainty"] == alone["uncertainty"]


def test_post_and_get_agree_and_csv_carries_the_ranges(client: TestClient) -> None:
    got = client.get("/api/analyze?" + RANGED)
    posted = client.post("/api/analyze", json=got.json()["state"])
    assert posted.content == got.content
    csv = client.get("/export.csv?" + RANGED).text
    assert ",1.0000,0.200,0.400," in csv.split("\r\n")[1]  # weight, then low and high
    back = client.post("/api/import", content=csv.encode(), headers={"content-type": "text/csv"}).json()
    assert back["state"]["ranges"] == {"bug_fixes": {"2024": [0.2, 0.4], "2025": [0.35, 0.5], "2026": [0.5, 0.7]}}


def test_same_link_same_bytes_in_two_processes() -> None:
    code = (
        "from fastapi.testclient import TestClient; from app.main import create_app; import hashlib, sys;"
        f"b = TestClient(create_app()).get('/api/analyze?{RANGED}&fb=1').content;"
        "sys.stdout.write(hashlib.sha256(b).hexdigest())"
    )
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout and len(runs[0].stdout) == 64
