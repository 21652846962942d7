"""Everything drawn over a category's chart lands where it belongs on both
axes, linear and log-log: a range's band and handles (also after a reload,
and one added there), the anchor ticks, the compared view's and the default
positions' marks and the crowd's medians and middle halves; and a range's
handle is dragged by mouse and stepped by keys on log-log axes too.

Where each should be is worked out here from the axes' definitions (linear:
x over [0, 1], uplift over [0, 1.05]; log: x over [0.01, 1], uplift over
[0.001, 1.05]) and the curve's formula, never read from the page's code.
"""

from __future__ import annotations

import math
import re

import pytest
from playwright.sync_api import Locator, Page, expect

from .conftest import LiveServer, PageGuard
from .helpers import in_view_box
from .test_crowd import call, crowd_server  # noqa: F401 (its fixture: a crowd of 8 views)
from .test_estimator import center, open_estimator, plot_area, uplift

LOG_U1 = math.log10(1.05)
RANGED = "?v=1&bug_fixes=0.3,0.42,0.55&bug_fixes.lo=,0.37,&bug_fixes.hi=,0.47,"
TOLERANCE = 1.5  # px


def frac(x: float, u: float, axes: str) -> tuple[float, float]:
    """Where (x, uplift u) is in the plot area, as fractions from its top left."""
    if axes == "linear":
        return x, 1 - u / 1.05
    fx = (math.log10(max(x, 0.01)) + 2) / 2
    fy = (LOG_U1 - math.log10(max(u, 0.001))) / (LOG_U1 + 3)
    return fx, min(1.0, max(0.0, fy))


def x_at(fx: float, axes: str) -> float:
    return fx if axes == "linear" else 10 ** (2 * fx - 2)


def expected_point(page: Page, cid: str, x: float, u: float, axes: str) -> tuple[float, float]:
    area = plot_area(page, cid)
    fx, fy = frac(x, u, axes)
    return area["x"] + fx * area["width"], area["y"] + fy * area["height"]


def assert_on_curve(page: Page, loc: Locator, cid: str, x: float, axes: str, u: float | None = None) -> None:
    cx, cy = center(loc)
    ex, ey = expected_point(page, cid, x, uplift(x) if u is None else u, axes)
    assert abs(cx - ex) <= TOLERANCE and abs(cy - ey) <= TOLERANCE, (axes, x, (cx, cy), (ex, ey))


def assert_spans(page: Page, loc: Locator, cid: str, lo: float, hi: float, axes: str) -> None:
    """A stretch of curve drawn from position lo to hi: where its line (not
    its thick stroke) starts and ends on screen."""
    left, right = loc.evaluate(
        """el => { const b = el.getBBox(), m = el.getScreenCTM();
                   return [m.a * b.x + m.e, m.a * (b.x + b.width) + m.e]; }"""
    )
    (x0, _), (x1, _) = (expected_point(page, cid, v, uplift(v), axes) for v in (lo, hi))
    assert abs(left - x0) <= TOLERANCE and abs(right - x1) <= TOLERANCE, (axes, (left, right), (x0, x1))


def use_axes(page: Page, axes: str) -> None:
    """Tick (or leave) the Log-log axes switch with the keyboard."""
    switch = page.get_by_role("switch", name="Log-log axes")
    if axes == "log":
        switch.focus()
        page.keyboard.press("Space")
        expect(switch).to_be_checked()
        # Plotly has redrawn on log axes
        expect(page.locator("#card-bug_fixes .plot .xtick text").first).to_have_text("0.01")
    else:
        expect(switch).not_to_be_checked()


def handle(page: Page, year: int, end: str) -> Locator:
    return page.get_by_role("slider", name=f"Bug fixes, {year}, {end} end of range", exact=True)


def band(page: Page, year: int) -> Locator:
    """The drawn stretch of a year's range (each year of the view has a path, hidden without a range)."""
    return page.locator("#card-bug_fixes .range-path").nth(year - 2024)


def check_ranges(page: Page, axes: str, ranges: dict[int, tuple[float, float]]) -> None:
    in_view_box(page, page.locator("#card-bug_fixes .overlay"))
    for year, (lo, hi) in sorted(ranges.items()):
        # The bar drawn at the end (its target reaches outward, away from the range).
        assert_on_curve(page, handle(page, year, "low").locator("span"), "bug_fixes", lo, axes)
        assert_on_curve(page, handle(page, year, "high").locator("span"), "bug_fixes", hi, axes)
        assert_spans(page, band(page, year), "bug_fixes", lo, hi, axes)


@pytest.mark.parametrize("axes", ["linear", "log"])
def test_ranges_sit_on_the_curve_also_after_a_reload_and_when_added(page: Page, guard: PageGuard, axes: str) -> None:
    open_estimator(page, RANGED)  # the view of the report: a range on 2025's 0.42
    use_axes(page, axes)
    check_ranges(page, axes, {2025: (0.37, 0.47)})
    page.reload()
    expect(page.locator("body[data-ready='true']")).to_be_attached(timeout=20_000)
    check_ranges(page, axes, {2025: (0.37, 0.47)})
    # "Add range" adds one around 2026's 0.55 (the default ±0.05), on the curve too.
    page.get_by_role("button", name="Add range: Bug fixes, 2026").click()
    expect(page).to_have_url(re.compile(r"bug_fixes\.lo=,0\.37,0\.5&bug_fixes\.hi=,0\.47,0\.6"))
    check_ranges(page, axes, {2025: (0.37, 0.47), 2026: (0.5, 0.6)})


@pytest.mark.parametrize("axes", ["linear", "log"])
def test_a_range_handle_drags_by_mouse_and_steps_by_keys(page: Page, guard: PageGuard, axes: str) -> None:
    # The years' marks far apart, so that no other year's marker covers the handle.
    open_estimator(page, "?v=1&bug_fixes=0.1,0.42,0.9&bug_fixes.lo=,0.37,&bug_fixes.hi=,0.47,")
    use_axes(page, axes)
    check_ranges(page, axes, {2025: (0.37, 0.47)})
    # Drag the high end a tenth of the plot's width to the right, by mouse,
    # taken by its target's outer part (the bar itself is under its marker's
    # target when the two are close, as on the compressed right of log axes).
    hi = handle(page, 2025, "high")
    area = plot_area(page, "bug_fixes")
    x, y = center(hi)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 0.1 * area["width"], y + 4, steps=10)
    page.mouse.up()
    # A tenth of the width from 0.47: 0.57 on linear axes, 0.47 * 10^0.2 = 0.745 on log ones.
    expected = x_at(frac(0.47, 1, axes)[0] + 0.1, axes)
    value = float(hi.get_attribute("aria-valuenow") or "nan")
    assert abs(value - expected) <= 0.01 * expected, (axes, value, expected)
    expect(page).to_have_url(re.compile(rf"bug_fixes\.hi=,{value:g},"))
    check_ranges(page, axes, {2025: (0.37, value)})
    # Keys step the low end by 0.01 whatever the axes.
    lo = handle(page, 2025, "low")
    lo.focus()
    page.keyboard.press("ArrowLeft")
    expect(lo).to_have_attribute("aria-valuenow", "0.36")
    check_ranges(page, axes, {2025: (0.36, value)})


@pytest.mark.parametrize("axes", ["linear", "log"])
def test_anchor_ticks_compare_and_default_marks_sit_where_they_belong(page: Page, guard: PageGuard, axes: str) -> None:
    open_estimator(page, "?v=1&vs.bug_fixes=0.2,0.35,0.8")
    use_axes(page, axes)
    page.get_by_label("Show default positions").check()
    area = in_view_box(page, page.locator("#card-bug_fixes .overlay"))
    for at in (0.25, 0.5, 0.75):
        cx, _ = center(page.locator(f"#card-bug_fixes .anchor-tick[data-at='{at}']"))
        assert abs(cx - (area["x"] + frac(at, 1, axes)[0] * area["width"])) <= TOLERANCE, (axes, at)
    compared = page.locator("#card-bug_fixes .ghost-compare")
    expect(compared).to_have_count(3)
    for i, x in enumerate((0.2, 0.35, 0.8)):
        assert_on_curve(page, compared.nth(i), "bug_fixes", x, axes)
    defaults = page.locator("#card-bug_fixes .ghost-default")
    expect(defaults).to_have_count(3)
    for i, x in enumerate((0.3, 0.42, 0.55)):
        assert_on_curve(page, defaults.nth(i), "bug_fixes", x, axes)


# -- the crowd -------------------------------------------------------------------------------


@pytest.fixture
def crowd(crowd_server: LiveServer) -> LiveServer:  # noqa: F811
    """A server whose crowd holds views enough for every cell (test_crowd's)."""
    return crowd_server


def check_crowd(page: Page, axes: str, cells: dict[int, dict[str, float]]) -> None:
    in_view_box(page, page.locator("#card-bug_fixes .overlay"))
    for year, q in cells.items():
        cell = page.locator(f"#card-bug_fixes .crowd-cell[data-year='{year}']")
        assert_on_curve(page, cell.locator(".crowd-median"), "bug_fixes", q["p50"], axes)
        assert_spans(page, cell.locator(".crowd-range"), "bug_fixes", q["p25"], q["p75"], axes)


@pytest.mark.parametrize("axes", ["linear", "log"])
def test_the_crowd_sits_on_the_curve(page: Page, crowd: LiveServer, axes: str) -> None:
    guard = PageGuard(page, crowd.url)
    status, figures = call(crowd, "GET", "/api/crowd")
    assert status == 200
    cells = {
        c["year"]: c["quantiles"] for c in next(c for c in figures["categories"] if c["id"] == "bug_fixes")["years"]
    }
    assert sorted(cells) == [2024, 2025, 2026]
    page.goto(crowd.url + "/")
    expect(page.locator("#crowd-tools[data-ready='true']")).to_be_attached()
    use_axes(page, axes)
    page.get_by_role("button", name="Show the crowd").click()
    expect(page.locator("#card-bug_fixes .crowd-cell")).to_have_count(3)
    check_crowd(page, axes, cells)
    # Switched while shown: the crowd follows the axes.
    switch = page.get_by_role("switch", name="Log-log axes")
    switch.focus()
    page.keyboard.press("Space")
    other = "linear" if axes == "log" else "log"
    expect(switch).to_be_checked(checked=other == "log")
    check_crowd(page, other, cells)
    assert guard.errors == [] and guard.foreign == []


def band_label(page: Page, cid: str) -> dict[str, float]:
    box = page.locator(f"#card-{cid} .plot .annotation").filter(has_text="super-critical").bounding_box()
    assert box is not None, f"{cid}: no super-critical label drawn"
    return box


@pytest.mark.parametrize(
    ("query", "cid", "curve", "marks"),
    [
        # The default curve: a band about half a decade wide, marks in and before it.
        ("", "bug_fixes", (0.5, 10.0, 1.0), (0.3, 0.42, 0.55)),
        # A steep curve high up: a narrow band that runs past x = 1.
        ("?v=2&chip_design.curve=0.9,20,1", "chip_design", (0.9, 20.0, 1.0), ()),
    ],
)
def test_the_band_label_is_inside_the_plot_and_clear_of_the_curve_on_log_axes(
    page: Page, guard: PageGuard, query: str, cid: str, curve: tuple[float, float, float], marks: tuple[float, ...]
) -> None:
    open_estimator(page, query)
    use_axes(page, "log")
    area = plot_area(page, cid)
    label = band_label(page, cid)
    # Whole, not cut at the plot's right edge (which the axis ends at x = 1).
    assert label["x"] >= area["x"] - 1 and label["x"] + label["width"] <= area["x"] + area["width"] + 1, (label, area)
    assert label["y"] >= area["y"] - 1 and label["y"] + label["height"] <= area["y"] + area["height"] + 1, (label, area)
    # The curve passes above or below the label all along its width, worked
    # out from the curve's formula and the log axes' definitions.
    m, k, ceiling = curve
    for i in range(21):
        sx = label["x"] + label["width"] * i / 20
        x = x_at((sx - area["x"]) / area["width"], "log")
        _, sy = expected_point(page, cid, x, uplift(x, m, k, ceiling), "log")
        assert not (label["y"] - 2 <= sy <= label["y"] + label["height"] + 2), (x, sy, label)
    # And no marker covers it.
    for x in marks:
        mx, my = expected_point(page, cid, x, uplift(x, m, k, ceiling), "log")
        inside_x = label["x"] - 6 <= mx <= label["x"] + label["width"] + 6
        inside_y = label["y"] - 6 <= my <= label["y"] + label["height"] + 6
        assert not (inside_x and inside_y), (x, (mx, my), label)
