"""Issue 10 on the estimator, in a real browser: the log-log switch, the
panel's unit-free signals, the stacked "Where the uplift comes from" chart
and the feedback slider.

Expected numbers are worked out here from the curve's formula where they can
be (slope, elasticity, midpoint counts); the forecast under feedback is
checked against the server's own analysis of the page's new link.
"""

from __future__ import annotations

import math
import re
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Locator, Page, expect

from tests.stated_values import DEFAULTS

from .conftest import LiveServer, PageGuard
from .helpers import api, in_view_box, state
from .test_estimator import center, drag_by_mouse, marker, open_estimator, plot_area, position, sigma, slope, uplift

LOG_X0 = -2.0  # the log axes: x from 0.01 to 1, uplift from 0.001 to 1.05
LOG_U0, LOG_U1 = -3.0, math.log10(1.05)


def elasticity(x: float, m: float = 0.5, k: float = 10.0) -> float:
    """e(x) = k x (1 - sigma(k (x - m))), docs/DESIGN.md §3.1."""
    return k * x * (1.0 - sigma(k * (x - m)))


def detail(page: Page, cid: str, year: int) -> Locator:
    return page.locator(f"#card-{cid} .readout tr[data-year='{year}'] .detail")


def tick_texts(page: Page, cid: str, axis: str) -> list[str]:
    return page.locator(f"#card-{cid} .plot .{axis}tick text").all_text_contents()


def switch_axes(page: Page) -> None:
    """Operate the log-log switch with the keyboard."""
    page.locator("#loglog").focus()
    page.keyboard.press("Space")


# -- log-log axes ----------------------------------------------------------------


def test_loglog_switch_redraws_axes_moves_markers_and_leads_with_elasticity(
    page: Page, guard: PageGuard, live_server: LiveServer
) -> None:
    open_estimator(page)
    expect(page.get_by_role("switch", name="Log-log axes")).not_to_be_checked()
    assert "0.25" in tick_texts(page, "bug_fixes", "x")
    expect(detail(page, "bug_fixes", 2024)).to_have_text(re.compile(r"^slope 1\.05"))

    switch_axes(page)
    expect(page.locator("#loglog")).to_be_checked()
    expect(detail(page, "bug_fixes", 2024)).to_have_text(
        re.compile(r"^elasticity 2\.64 · elastic")
    )
    # Every chart is redrawn by Plotly on log axes.
    types = page.evaluate(
        "[...document.querySelectorAll('.card .plot')].map(p => [p._fullLayout.xaxis.type, p._fullLayout.yaxis.type])"
    )
    assert types == [["log", "log"]] * 10
    assert tick_texts(page, "bug_fixes", "x")[:3] == ["0.01", "0.02", "0.05"]
    assert "0.001" in tick_texts(page, "chip_design", "y")

    # The readouts carry the server's elasticity, which is the formula's.
    a = api(live_server, urlsplit(page.url).query)
    for cid, years in (("bug_fixes", (2024, 2025, 2026)), ("qualitative_research", (2024, 2026))):
        points = {p["year"]: p for p in next(c for c in a["categories"] if c["id"] == cid)["points"]}
        for year in years:
            x = DEFAULTS[cid][year - 2024]
            e = points[year]["elasticity"]
            assert abs(e - elasticity(x)) < 1e-9
            verdict = "elastic" if e > 1 else "inelastic"
            expect(detail(page, cid, year)).to_have_text(re.compile(rf"^elasticity {e:.2f} · {verdict}"))

    # Markers sit on the curve at their log coordinates.
    area = plot_area(page, "bug_fixes")
    for year, x in zip((2024, 2025, 2026), DEFAULTS["bug_fixes"], strict=True):
        cx, cy = center(marker(page, "bug_fixes", year))
        fx = (math.log10(x) - LOG_X0) / -LOG_X0
        fy = (LOG_U1 - math.log10(uplift(x))) / (LOG_U1 - LOG_U0)
        assert abs(cx - (area["x"] + fx * area["width"])) <= 1.5
        assert abs(cy - (area["y"] + fy * area["height"])) <= 1.5

    # A drag along the curve still sets the position, read on the log axis.
    m = marker(page, "bug_fixes", 2025)
    f0 = (math.log10(0.42) - LOG_X0) / -LOG_X0
    in_view_box(page, m)
    area = plot_area(page, "bug_fixes")
    drag_by_mouse(page, m, 0.1 * area["width"])
    expected = 10 ** (LOG_X0 * (1 - (f0 + 0.1)))
    x = position(page, "bug_fixes", 2025)
    assert x is not None and abs(x - expected) <= 0.015 * expected, (x, expected)
    expect(page).to_have_url(re.compile(rf"bug_fixes=0\.3,{x:g},0\.55"))
    expect(detail(page, "bug_fixes", 2025)).to_have_text(re.compile(rf"^elasticity {elasticity(x):.2f}"))
    # ... and the arrow keys still step it by 0.01.
    m.focus()
    page.keyboard.press("ArrowLeft")
    expect(m).to_have_attribute("aria-valuenow", f"{round(x - 0.01, 3):g}")

    # A display preference: not in the link, kept across a reload.
    assert "axes" not in page.url and "log" not in urlsplit(page.url).query
    page.reload()
    expect(page.locator("body[data-ready='true']")).to_be_attached(timeout=20_000)
    expect(page.locator("#loglog")).to_be_checked()
    expect(detail(page, "bug_fixes", 2024)).to_have_text(re.compile(r"^elasticity 2\.64"))

    switch_axes(page)
    expect(page.locator("#loglog")).not_to_be_checked()
    expect(detail(page, "bug_fixes", 2024)).to_have_text(re.compile(r"^slope 1\.05"))
    assert page.evaluate("document.querySelector('#card-bug_fixes .plot')._fullLayout.xaxis.type") == "linear"
    cx, _ = center(marker(page, "bug_fixes", 2024))
    area = plot_area(page, "bug_fixes")
    assert abs(cx - (area["x"] + 0.3 * area["width"])) <= 1.5


def test_loglog_first_paint_before_plotly(page: Page, guard: PageGuard) -> None:
    """With the preference set, the drawing shown before Plotly runs is on
    log axes too, and the markers sit on it."""
    open_estimator(page)
    switch_axes(page)
    expect(page.locator("#loglog")).to_be_checked()
    # Plotly that never starts: the first-paint drawing stays on screen.
    page.route("**/static/vendor/plotly-*", lambda route: route.fulfill(body="", content_type="text/javascript"))
    page.reload()
    expect(page.locator("body[data-ready='true']")).to_be_attached(timeout=20_000)
    ticks = page.locator("#card-bug_fixes .plot-static .ps-xtick").all_text_contents()
    assert ticks == ["0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1"]
    area = plot_area(page, "bug_fixes")
    cx, cy = center(marker(page, "bug_fixes", 2026))
    assert abs(cx - (area["x"] + (math.log10(0.55) + 2) / 2 * area["width"])) <= 1.5
    fy = (LOG_U1 - math.log10(uplift(0.55))) / (LOG_U1 - LOG_U0)
    assert abs(cy - (area["y"] + fy * area["height"])) <= 1.5


# -- the panel's signals -----------------------------------------------------------


def test_panel_leads_with_unit_free_signals(page: Page, guard: PageGuard) -> None:
    open_estimator(page)
    last = {cid: row[2] for cid, row in DEFAULTS.items()}
    past = sum(x >= 0.5 for x in last.values())  # the default midpoint is 0.5
    total = sum(slope(x) for x in last.values())
    loglog = sum(elasticity(x) > 1 for x in last.values())
    assert (past, loglog) == (3, 10)
    values = page.locator("#panel-signals .signal-value").all_text_contents()
    assert values == [f"{past} of 10", f"{loglog} of 10", f"{total / 10:.2f}", f"{total:.2f}"]
    expect(page.locator("#signals-year")).to_have_text("In 2026, your last year:")
    newly = page.locator("#signals-newly li")
    expect(newly).to_have_text(
        [
            "Newly super-critical in 2026: automated experiments.",
            "Newly super-critical in 2025: closed-loop software optimisation and surfacing the best existing ideas.",
        ]
    )
    # The signals come first in the panel, before the slope-of-1 sentence.
    order = page.evaluate(
        "(() => { const s = document.getElementById('panel-signals'), t = document.getElementById('panel-sentence');"
        " return s.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING; })()"
    )
    assert order

    # Automated experiments kept below the steep part in 2026: no crossing then.
    assert slope(0.28) < 1
    open_estimator(page, "?automated_experiments=0.15,0.27,0.28")
    expect(newly.first).to_have_text("Newly super-critical in 2026: none since 2025.")


# -- where the uplift comes from -----------------------------------------------


def stack_tops(page: Page) -> tuple[list[float], int]:
    """The upper edge of the top layer, read back into uplift through the
    chart's own axis (its grid line at 0 and at its top tick)."""
    info: dict[str, Any] = page.evaluate(
        """(() => {
        const svg = document.querySelector('#uplift-chart svg');
        const lines = [...svg.querySelectorAll('.mini-grid line')];
        const texts = [...svg.querySelectorAll('.mini-grid text.tick')];
        const layers = [...svg.querySelectorAll('.uplift-layer')];
        return {
          ticks: lines.map((l, i) => [Number(texts[i].textContent), Number(l.getAttribute('y1'))]),
          top: layers[layers.length - 1].getAttribute('d'),
          n: layers.length,
        };
      })()"""
    )
    (v0, y0), (v1, y1) = info["ticks"][0], info["ticks"][-1]
    nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", info["top"])]
    ys = nums[1::2]
    return [v0 + (y - y0) * (v1 - v0) / (y1 - y0) for y in ys], info["n"]


def test_stacked_uplift_has_a_layer_per_category_summing_to_the_mean(
    page: Page, guard: PageGuard, live_server: LiveServer
) -> None:
    open_estimator(page)
    section = page.locator("#uplift-section")
    expect(section.get_by_role("heading", name="Where the uplift comes from")).to_be_visible()
    layers = page.locator("#uplift-chart .uplift-layer")
    expect(layers).to_have_count(10)
    ids = [layers.nth(i).get_attribute("data-category") for i in range(10)]
    assert ids == list(DEFAULTS)
    legend = page.locator("#uplift-legend li")
    expect(legend).to_have_count(10)
    expect(legend.first).to_have_text("Qualitative research")  # the top of the stack first
    expect(page.locator("#uplift-chart .year-mark")).to_have_count(3)

    a = api(live_server, "")
    mean = a["forecast"]["mean_uplift"]
    tops, n = stack_tops(page)
    assert n == 10
    edge = tops[: len(mean)]  # the upper edge, then the lower edge back
    assert len(edge) == len(mean)
    for got, want in zip(edge, mean, strict=True):
        assert abs(got - want) < 2e-3, (got, want)


# -- feedback ----------------------------------------------------------------------


def test_feedback_slider_by_keyboard_edits_the_link_and_the_forecast(
    page: Page, guard: PageGuard, live_server: LiveServer
) -> None:
    open_estimator(page)
    slider = page.get_by_role("slider", name="Feedback")
    expect(slider).to_have_value("0")
    expect(page.locator("#feedback-help")).to_contain_text("plain extrapolation")
    before = page.locator("#forecast-text").text_content()
    plain = api(live_server, "")["forecast"]["mean_slope"]

    slider.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    expect(slider).to_have_value("0.5")
    expect(page.locator("#feedback-value")).to_have_text("0.5")
    expect(page).to_have_url(re.compile(r"[?&]fb=0\.5(&|$)"))
    assert state(page)["feedback"] == 0.5

    # The forecast on screen is the server's forecast of the new link.
    query = urlsplit(page.url).query
    fed = api(live_server, query)
    assert fed["state"]["feedback"] == 0.5
    assert max(abs(p - q) for p, q in zip(fed["forecast"]["mean_slope"], plain, strict=True)) > 1e-3
    page.wait_for_function(
        "want => JSON.stringify(window.scurve.getAnalysis().forecast.mean_slope) === JSON.stringify(want)",
        arg=fed["forecast"]["mean_slope"],
    )
    expect(page.locator("#forecast-text")).not_to_have_text(before or "")
    tops, _ = stack_tops(page)
    for got, want in zip(tops, fed["forecast"]["mean_uplift"], strict=False):
        assert abs(got - want) < 2e-3

    # Five presses are one gesture: one undo step back to 0, one redo to 0.5.
    page.locator("#undo").click()
    expect(slider).to_have_value("0")
    expect(page).not_to_have_url(re.compile(r"fb="))
    expect(page.locator("#undo")).to_be_disabled()
    page.locator("#redo").click()
    expect(slider).to_have_value("0.5")
    expect(page).to_have_url(re.compile(r"fb=0\.5"))

    page.locator("#reset").click()
    expect(slider).to_have_value("0")
    expect(page).not_to_have_url(re.compile(r"fb="))
    page.wait_for_function("window.scurve.getState().feedback === 0")


def test_feedback_permalink_opens_with_the_slider_there(page: Page, guard: PageGuard) -> None:
    open_estimator(page, "?fb=1.5")
    expect(page.get_by_role("slider", name="Feedback")).to_have_value("1.5")
    expect(page.locator("#feedback-value")).to_have_text("1.5")
    assert state(page)["feedback"] == 1.5
    # The pointer works too: a press at the track's left end sets 0.
    box = in_view_box(page, page.locator("#feedback"))
    page.mouse.click(box["x"] + 2, box["y"] + box["height"] / 2)
    expect(page.locator("#feedback")).to_have_value("0")
    expect(page).not_to_have_url(re.compile(r"fb="))
    # One undo step for the pointer gesture.
    page.locator("#undo").click()
    expect(page.locator("#feedback")).to_have_value("1.5")
    expect(page).to_have_url(re.compile(r"fb=1\.5"))
    expect(page.locator("#undo")).to_be_disabled()


def test_pointer_over_the_stacked_chart_reads_the_servers_numbers(
    page: Page, guard: PageGuard, live_server: LiveServer
) -> None:
    open_estimator(page)
    svg = page.locator("#uplift-chart svg.uplift-svg")
    box = in_view_box(page, svg)
    a = api(live_server, "")
    t, mean = a["forecast"]["t"], a["forecast"]["mean_uplift"]
    # The plot spans the grid between the frame's margins (42 px left, 18 px right).
    i = t.index(2026.0)
    x = box["x"] + 42 + (box["width"] - 42 - 18) * (t[i] - t[0]) / (t[-1] - t[0])
    page.mouse.move(x, box["y"] + box["height"] / 2)
    tip = page.locator("#uplift-chart .mini-tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(f"end of 2026: mean uplift {mean[i]:.2f} · most from ")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] - 40)  # off the chart
    expect(tip).to_be_hidden()
