"""The charts drawn on the server for the first paint (app/render/firstpaint.py).

Expected coordinates are worked out here from the curve's formula,
u(x) = L sigma(k (x - m)), and the band's closed form, not read from the
model: drawing units are x * 1000 and (1.05 - u) * 1000.
"""

from __future__ import annotations

import math
import re

import pytest
from fastapi.testclient import TestClient

from scurve.catalog import CATEGORY_IDS

CURVE = re.compile(r'class="ps-curve" d="([^"]+)"')
HOT = re.compile(r'class="ps-hot" d="([^"]+)"')
BAND = re.compile(r'class="ps-band" x="([^"]+)" y="0" width="([^"]+)"')
MID = re.compile(r'class="ps-mid" x1="([^"]+)"')
LABEL = re.compile(r'class="ps-band-label" style="left:([^%]+)%"')


def sigma(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def card(html: str, cid: str) -> str:
    start = html.index(f'id="card-{cid}"')
    return html[start : html.index("</article>", start)]


def points(d: str) -> list[tuple[float, float]]:
    assert d.startswith("M")
    return [(float(a), float(b)) for a, b in (p.split(",") for p in d[1:].split("L"))]


def test_every_card_arrives_with_its_chart_drawn(client: TestClient) -> None:
    html = client.get("/").text
    for cid in CATEGORY_IDS:
        part = card(html, cid)
        assert 'class="plot-static"' in part, cid
        pts = points(CURVE.search(part).group(1))  # type: ignore[union-attr]
        assert len(pts) == 101 and pts[0][0] == 0 and pts[-1][0] == 1000, cid
        xs = [x for x, _ in pts]
        assert xs == sorted(xs)


def test_a_linked_curve_is_drawn_with_its_band_and_midpoint(client: TestClient) -> None:
    m, k, ceiling = 0.6, 8.0, 0.8
    part = card(client.get(f"/?bug_fixes.curve={m},{k:g},{ceiling}").text, "bug_fixes")

    def y(x: float) -> float:
        return (1.05 - ceiling * sigma(k * (x - m))) * 1000

    # Super-critical where k L s (1 - s) > 1: s = (1 +- sqrt(1 - 4 / (k L))) / 2.
    root = math.sqrt(1 - 4 / (k * ceiling))
    lo, hi = (m + math.log(s / (1 - s)) / k for s in ((1 - root) / 2, (1 + root) / 2))
    assert (lo, hi) == pytest.approx((0.421823, 0.778177), abs=1e-6)  # by hand

    bx, bw = (float(v) for v in BAND.search(part).groups())  # type: ignore[union-attr]
    assert bx == pytest.approx(lo * 1000, abs=0.05)
    assert bx + bw == pytest.approx(hi * 1000, abs=0.05)
    assert float(LABEL.search(part).group(1)) == pytest.approx(60.0, abs=0.01)  # type: ignore[union-attr]
    assert float(MID.search(part).group(1)) == pytest.approx(600.0)  # type: ignore[union-attr]

    curve = points(CURVE.search(part).group(1))  # type: ignore[union-attr]
    assert curve[0] == pytest.approx((0.0, 1043.5), abs=0.051)
    assert curve[-1] == pytest.approx((1000.0, 281.3), abs=0.051)
    for x, yy in curve[::10]:
        assert yy == pytest.approx(y(x / 1000), abs=0.051)
    # The hot part: the drawn points (every 0.01) inside the band, 0.43 to 0.77.
    hot = points(HOT.search(part).group(1))  # type: ignore[union-attr]
    assert hot[0] == pytest.approx((430.0, 886.6), abs=0.051)
    assert hot[-1] == pytest.approx((770.0, 413.4), abs=0.051)
    assert len(hot) == 35


def test_a_curve_that_is_never_super_critical_has_no_band(client: TestClient) -> None:
    # k L = 2 < 4: the slope never exceeds 1.
    part = card(client.get("/?bug_fixes.curve=0.5,4,0.5").text, "bug_fixes")
    assert BAND.search(part) is None and HOT.search(part) is None and LABEL.search(part) is None
    assert CURVE.search(part) is not None
