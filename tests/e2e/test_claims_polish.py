"""The evidence page's filter label and the timeline's lane labels."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .conftest import PageGuard


def box_centre_y(page: Page, selector: str, index: int = 0) -> float:
    box = page.locator(selector).nth(index).bounding_box()
    assert box is not None
    return box["y"] + box["height"] / 2


def test_the_filter_counts_statements(page: Page, guard: PageGuard) -> None:
    page.goto("/claims")
    expect(page.locator("#claims-category option").first).to_have_text("All statements (9)")


def test_lane_labels_sit_on_their_lanes(page: Page, guard: PageGuard) -> None:
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.goto("/claims")
    expect(page.locator("#claims-timeline .scatterlayer .point")).to_have_count(9)
    labels = page.locator("#claims-timeline .annotation")
    lines = page.locator("#claims-timeline .shapelayer path")
    expect(labels).to_have_count(5)
    expect(lines).to_have_count(5)
    lane_ys = sorted(box_centre_y(page, "#claims-timeline .shapelayer path", i) for i in range(5))
    label_y = {
        labels.nth(i).text_content() or "": box_centre_y(page, "#claims-timeline .annotation", i) for i in range(5)
    }
    # Each label is centred on a lane line, one label per line.
    nearest = {org: min(lane_ys, key=lambda y: abs(y - ly)) for org, ly in label_y.items()}
    for org, ly in label_y.items():
        assert abs(ly - nearest[org]) <= 3, (org, ly, lane_ys)
    assert len(set(nearest.values())) == 5
    # And it is the lane of that organisation's points: the organisations
    # with one statement have it exactly on their lane (no spread).
    points = page.locator("#claims-timeline .scatterlayer .point")
    boxes = [points.nth(i).bounding_box() for i in range(9)]
    xs = sorted((b["x"], b["y"] + b["height"] / 2) for b in boxes if b)
    deepmind = xs[0][1]  # the earliest statement: AlphaChip, September 2024
    minimax = max(xs)[1]  # the latest: MiniMax, March 2026
    assert abs(label_y["Google DeepMind"] - deepmind) <= 3
    assert abs(label_y["MiniMax"] - minimax) <= 3
