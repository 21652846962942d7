"""Every kind of chart on every page, drawn with the vendored Plotly bundle
and the page's bundled code, with no console error: the estimator's
category charts on linear and log-log axes with a range, a compared view,
the default positions, the crowd and a category of the reader's own, a
chart's PNG export, a resize and a chart taken down, the claims timeline;
and the pages drawn on the server (/embed, /crowd), which must need
neither.

Plotly draws a trace of a type its bundle lacks as nothing, and drops a
shape it does not know, without an error, so each Plotly chart is also
read back: every trace, shape and annotation the page gave it must be in
what Plotly drew (its ``_fullData`` and ``_fullLayout``; the log-log axes
are checked by their tick labels, since Plotly writes the type it settled
on back into the layout it was given). tests/test_plotly_bundle.py checks
the same statically, against the bundle's registrations.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from app.static import PLOTLY_URL

from .conftest import LiveServer, PageGuard
from .test_crowd import crowd_server  # noqa: F401 (its fixture: a crowd of views, every cell filled)

# A view with a range (2025 of bug fixes), a compared view and a category of one's own.
VIEW = (
    "/?v=2&bug_fixes=0.3,0.42,0.55&bug_fixes.lo=,0.37,&bug_fixes.hi=,0.47,"
    "&vs.bug_fixes=0.2,0.35,0.8&u1.name=Evaluation%20design&u1.group=Conceptual&u1=0.1,0.3,0.3"
)

# What Plotly drew of what each chart asked for: the traces whose type it
# did not take, the shapes and annotations it dropped or changed. Read from the charts' elements; nothing of the page is called.
UNDRAWN = """() => [...document.querySelectorAll(".js-plotly-plot")].map((gd) => {
  const asked = gd.data || [], drawn = gd._fullData || [], layout = gd.layout || {}, full = gd._fullLayout || {};
  const lost = [];
  asked.forEach((t, i) => {
    const d = drawn[i], type = t.type || "scatter";
    if (!d || d.type !== type || (t.visible !== false && d.visible === false) || !d._module)
      lost.push("trace " + type);
  });
  for (const key of ["shapes", "annotations"]) {
    const n = (layout[key] || []).length, m = (full[key] || []).filter((s) => s.visible !== false).length;
    if (m < n) lost.push(`${n - m} of ${n} ${key}`);
    (layout[key] || []).forEach((s, i) => {
      if (key === "shapes" && full.shapes[i] && s.type && full.shapes[i].type !== s.type) lost.push("shape " + s.type);
    });
  }
  return { id: (gd.closest("[id]") || gd).id, traces: asked.length, lost };
})"""


def plotly_charts(page: Page) -> list[dict[str, Any]]:
    charts: list[dict[str, Any]] = page.evaluate(UNDRAWN)
    return charts


def assert_all_drawn(page: Page, at_least: int) -> None:
    charts = plotly_charts(page)
    assert len(charts) >= at_least, charts
    assert [c for c in charts if c["lost"] or not c["traces"]] == []


def assert_clean(guard: PageGuard) -> None:
    assert guard.errors == [], guard.errors
    assert guard.foreign == [], guard.foreign


def ready(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("body[data-ready='true']")).to_be_attached(timeout=30_000)
    expect(page.locator(".plot-static")).to_have_count(0)  # Plotly took over every chart


@pytest.fixture
def server(crowd_server: LiveServer) -> LiveServer:  # noqa: F811
    return crowd_server


def test_the_reading_back_catches_what_the_bundle_lacks(page: Page, server: LiveServer) -> None:
    # The same reading on a chart of a type the basic bundle lacks and a shape Plotly does not know.
    page.set_content(
        f'<script src="{server.url}{PLOTLY_URL}"></script><div id="c" style="width:300px;height:200px"></div>'
    )
    page.wait_for_function("window.Plotly !== undefined")
    page.evaluate(
        """() => Plotly.newPlot("c", [{ type: "heatmap", z: [[1, 2]] }, { type: "scatter", x: [1], y: [1] }],
             { shapes: [{ type: "line", x0: 0, x1: 1, y0: 0, y1: 1 }, { type: "arc", x0: 0, x1: 1, y0: 0, y1: 1 }] })"""
    )
    (chart,) = plotly_charts(page)
    assert chart["lost"] == ["trace heatmap", "shape arc"]


def test_the_estimator_draws_every_chart_kind_on_both_axes(page: Page, server: LiveServer) -> None:
    guard = PageGuard(page, server.url)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    ready(page, server.url + VIEW)
    scripts = [u for u in requests if re.search(r"/static/(js|bundle)/[\w-]+\.js", u)]
    assert scripts and all("/static/bundle/" in u for u in scripts), scripts  # the bundle, not the modules
    expect(page.locator("#card-u1 .js-plotly-plot")).to_have_count(1)
    expect(page.locator("#card-bug_fixes .ghost-compare")).to_have_count(3)
    page.get_by_label("Show default positions").check()
    expect(page.locator("#card-bug_fixes .ghost-default")).to_have_count(3)
    page.get_by_role("button", name="Show the crowd").click()
    expect(page.locator("#card-bug_fixes .crowd-cell")).to_have_count(3)
    assert_all_drawn(page, 11)  # ten categories and one's own
    # Log-log axes: every chart redrawn on log axes.
    switch = page.get_by_role("switch", name="Log-log axes")
    switch.focus()
    page.keyboard.press("Space")
    expect(switch).to_be_checked()
    for card in ("bug_fixes", "u1"):
        expect(page.locator(f"#card-{card} .plot .xtick text").first).to_have_text("0.01")
    assert_all_drawn(page, 11)
    # A chart's PNG, made by Plotly from its figure.
    with page.expect_download() as download:
        page.locator("#card-bug_fixes .save-png").click()
    assert download.value.suggested_filename == "scurve-bug_fixes.png"
    path = download.value.path()
    with open(path, "rb") as fh:
        assert fh.read(8) == b"\x89PNG\r\n\x1a\n"
    # A narrower window: Plotly resizes each chart to its card.
    plot = page.locator("#card-bug_fixes .js-plotly-plot .main-svg").first
    wide = plot.bounding_box()
    assert wide is not None
    page.set_viewport_size({"width": 760, "height": 900})
    page.wait_for_function(
        "w => document.querySelector('#card-bug_fixes .js-plotly-plot .main-svg').getBoundingClientRect().width !== w",
        arg=wide["width"],
    )
    assert_all_drawn(page, 11)
    # One's own category removed: its chart is taken down (Plotly.purge).
    page.locator("#card-u1").get_by_role("button", name="Remove Evaluation design").click()
    expect(page.locator("#card-u1")).to_have_count(0)
    assert_all_drawn(page, 10)
    assert_clean(guard)


def test_the_claims_timeline_is_drawn(page: Page, server: LiveServer) -> None:
    guard = PageGuard(page, server.url)
    page.goto(server.url + "/claims")
    expect(page.locator("#timeline .js-plotly-plot, .js-plotly-plot").first).to_be_attached(timeout=30_000)
    expect(page.locator(".js-plotly-plot .scatterlayer .point").first).to_be_attached()
    assert_all_drawn(page, 1)
    assert_clean(guard)


@pytest.mark.parametrize("path", ["/embed?v=2&embed=bug_fixes", "/crowd"])
def test_the_pages_drawn_on_the_server_need_no_plotly(page: Page, server: LiveServer, path: str) -> None:
    guard = PageGuard(page, server.url)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server.url + path)
    page.wait_for_load_state("networkidle")
    charts = page.locator("main svg[role='img'], main svg.cr-dist, main .embed svg")
    assert charts.count() >= 2
    box = charts.first.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 20
    assert not [u for u in requests if "/static/vendor/plotly" in u]
    assert_clean(guard)
