"""Drag cost: main-thread time per pointer move on the estimator, against
the naive approach, and the time until the ten charts are drawn.

Run: ``python bench/bench_drag.py [--moves 240] [--naive-moves 40] [--interval-ms 16] [--ranges]``

``--ranges`` opens the estimator with a 90% range (the default +-0.05) on
every one of the 30 estimates (docs/DESIGN.md §3.8), so each live analysis
during the drag carries the 2,000 draws and the page draws the ranges, the
fan and the intervals; the dragged marker carries its range along.

Starts the app on a free loopback port (stopped by pid at the end) and
drives Debian's Chromium (headless, 1440 x 900) with Playwright.

Method
------
*Per pointer move.* A real mouse drag (CDP ``Input.dispatchMouseEvent``
through ``page.mouse``) of the Bug fixes 2025 marker, back and forth over
40% of the chart, one move every 16 ms (a 60 Hz pointer), recorded with
Chromium's tracing (the ``toplevel`` and ``blink.user_timing`` categories,
what DevTools' Performance panel records). From the trace: the renderer main
thread's pointermove dispatches split the drag into one window per move,
and a move costs every top-level task of the main thread that starts in its
window: event dispatch, our handler, style, layout, paint and layerization,
and whatever else ran meanwhile, such as the throttled analysis answers from
the server being drawn into the panel (so that cost is counted, spread over
the moves it lands between). Nothing of the measuring runs on the page's
main thread. A capture and a bubble listener on ``window`` (added before the
page's scripts) also time the pointermove dispatch alone (every handler on
the way), printed as "handlers".

*Naive baseline, same run, same browser, same method.* On the same page, one
Plotly figure with all ten categories as subplots (curve, band, midpoint and
the three year markers as traces) is laid over the page, and every pointer
move of a drag moves the marker by one ``Plotly.react`` of that whole
figure: the approach the estimator avoids. Its moves take longer than the
16 ms pace, so they go as fast as the page takes them.

*Panel cadence.* During that drag, the time of each new analysis drawn
into the panel (the page's public ``window.scurve.onChange``): the median
and the longest gap between two, while the button is down.

*Browser floor.* The same moves with no button down, over the page header
where nothing reacts: what Chromium spends on a pointer move of its own
(hit testing, hover). It is in both approaches' figures.

*Load.* The time from navigation start to the ``scurve:charts-drawn``
performance mark: all ten charts on screen with their markers, ready to be
dragged (the charts as the server drew them, the markers placed by the
page's script, the frame painted). Also to ``scurve:plotly-drawn``, when
Plotly, started after that, has drawn the same ten charts in their place.
Each on a first visit (empty cache: Plotly's 4.8 MB are downloaded and
compiled) and on repeat visits (cached), the median of three.

The last line is ``BENCH-JSON {...}`` with the figures.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright  # noqa: E402

from tests.e2e.conftest import CHROMIUM, CHROMIUM_FLAGS, LiveServer  # noqa: E402

VIEWPORT = {"width": 1440, "height": 900}

# Times the dispatch of each pointermove: a capture listener on window runs
# before every other handler, a bubble listener on window after them all.
DISPATCH_TIMER = """
(() => {
  const times = [];
  let t0 = 0;
  window.addEventListener("pointermove", () => { performance.mark("bench:move"); t0 = performance.now(); }, true);
  window.addEventListener("pointermove", () => { times.push(performance.now() - t0); }, false);
  window.__benchDispatch = times;
})();
"""

# The naive approach: all ten charts in one Plotly figure, markers as traces,
# one Plotly.react of the whole figure per pointer move.
NAIVE_SETUP = """
async () => {
  const data = JSON.parse(document.getElementById("scurve-data").textContent);
  const analysis = data.analysis;
  const div = document.createElement("div");
  div.id = "naive";
  div.style.cssText = "position:fixed;inset:0;z-index:100;background:#fff;touch-action:none";
  document.body.append(div);
  const traces = [];
  const layout = {width: innerWidth, height: innerHeight, showlegend: false,
                  margin: {l: 30, r: 10, t: 10, b: 20}, shapes: [], grid: {rows: 5, columns: 2, pattern: "independent"}};
  const colors = ["#0072b2", "#d55e00", "#009e73"];
  const symbols = ["circle", "square", "triangle-up"];
  const interp = (s, x) => { const n = s.x.length - 1, f = x * n, i = Math.min(n - 1, Math.floor(f)), t = f - i;
                             return s.uplift[i] + (s.uplift[i + 1] - s.uplift[i]) * t; };
  analysis.categories.forEach((c, k) => {
    const ax = k === 0 ? "" : String(k + 1);
    const s = data.samples[c.id];
    traces.push({x: s.x, y: s.uplift, xaxis: "x" + ax, yaxis: "y" + ax, mode: "lines", line: {color: "#334155"}});
    if (c.band) layout.shapes.push({type: "rect", xref: "x" + ax, yref: "y" + ax, x0: c.band[0], x1: c.band[1],
                                    y0: 0, y1: 1.05, fillcolor: "rgba(245,180,0,0.16)", line: {width: 0}, layer: "below"});
    layout.shapes.push({type: "line", xref: "x" + ax, yref: "y" + ax, x0: c.curve.midpoint, x1: c.curve.midpoint,
                        y0: 0, y1: 1.05, line: {dash: "dot", width: 1}});
    c.points.forEach((p, j) => traces.push({x: [p.position], y: [p.uplift], xaxis: "x" + ax, yaxis: "y" + ax,
      mode: "markers", marker: {size: 12, color: colors[j], symbol: symbols[j]}}));
    layout["xaxis" + ax] = {range: [0, 1], fixedrange: true};
    layout["yaxis" + ax] = {range: [0, 1.05], fixedrange: true};
  });
  await Plotly.newPlot(div, traces, layout, {staticPlot: true});
  const size = div._fullLayout._size;
  const xa = div._fullLayout.xaxis, ya = div._fullLayout.yaxis;
  const target = 2;  // bug fixes, 2025: the second marker trace of the first subplot
  const left = size.l + xa.domain[0] * size.w, width = (xa.domain[1] - xa.domain[0]) * size.w;
  let dragging = false;
  div.addEventListener("pointerdown", (e) => { dragging = true; div.setPointerCapture(e.pointerId); });
  div.addEventListener("pointerup", () => { dragging = false; });
  div.addEventListener("pointermove", (e) => {
    if (!dragging) return;
    const x = Math.min(1, Math.max(0, (e.clientX - left) / width));
    traces[target] = {...traces[target], x: [x], y: [interp(data.samples.bug_fixes, x)]};
    Plotly.react(div, traces, layout, {staticPlot: true});
  });
  const x0 = traces[target].x[0], y0 = traces[target].y[0];
  const yTop = size.t + (1 - ya.domain[1]) * size.h, yHeight = (ya.domain[1] - ya.domain[0]) * size.h;
  return {x: left + x0 * width, y: yTop + (1 - y0 / 1.05) * yHeight, width};
}
"""

NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))"
TRACE_CATEGORIES = ["toplevel", "blink.user_timing"]
TASK = "ThreadControllerImpl::RunTask"


def per_move_ms(trace: bytes) -> list[float]:
    """Main-thread milliseconds per pointer move, from a Chromium trace.

    The renderer main thread is the one that marked the pointermoves
    ("bench:move", from DISPATCH_TIMER); each move's window runs from the
    task that dispatched it to the one that dispatched the next, and a move
    costs the top-level tasks that start in its window.
    """
    raw = json.loads(trace)
    events = raw["traceEvents"] if isinstance(raw, dict) else raw
    moves: dict[tuple[int, int], list[float]] = {}
    for e in events:
        if e.get("name") == "bench:move":
            moves.setdefault((e["pid"], e["tid"]), []).append(e["ts"])
    if not moves:
        return []
    thread = max(moves, key=lambda k: len(moves[k]))
    starts = sorted(moves[thread])
    # Top-level tasks: "ThreadControllerImpl::RunTask" ("toplevel"), as
    # complete events or as begin/end pairs.
    tasks: list[tuple[float, float]] = []
    begun: list[float] = []
    for e in sorted((e for e in events if (e.get("pid"), e.get("tid")) == thread), key=lambda e: e.get("ts", 0)):
        if e.get("name") != TASK:
            continue
        if e.get("ph") == "X" and "dur" in e:
            tasks.append((e["ts"], e["dur"]))
        elif e.get("ph") == "B":
            begun.append(e["ts"])
        elif e.get("ph") == "E" and begun:
            ts = begun.pop()
            tasks.append((ts, e["ts"] - ts))
    tasks.sort()
    top: list[tuple[float, float]] = []  # without tasks run inside another
    for ts, dur in tasks:
        if top and ts < top[-1][0] + top[-1][1]:
            continue
        top.append((ts, dur))
    # The dispatch runs inside its task: a window opens at the start of that task.
    opens = []
    for ts in starts:
        owner = next((t for t in reversed(top) if t[0] <= ts), None)
        opens.append(owner[0] if owner and ts < owner[0] + owner[1] else ts)
    out = []
    for i, lo in enumerate(opens[:-1]):
        hi = opens[i + 1]
        out.append(sum(dur for ts, dur in top if lo <= ts < hi) / 1000)
    return out


def traced_moves(
    browser: Browser, page: Page, x: float, y: float, dx: float, moves: int, interval_s: float, button: bool = True
) -> list[float]:
    """Main-thread ms per move of a drag (or, without the button, a hover)
    from (x, y), back and forth over dx pixels, one move every interval_s."""
    page.mouse.move(x, y)
    if button:
        page.mouse.down()
    page.evaluate(NEXT_FRAME)
    page.wait_for_timeout(200)
    browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
    due = time.perf_counter()
    for i in range(1, moves + 2):
        # Back and forth, so the marker stays in the steep, busy part.
        frac = (i % 40) / 40 if (i // 40) % 2 == 0 else 1 - (i % 40) / 40
        page.mouse.move(x + dx * frac, y)
        due += interval_s
        wait = due - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        else:
            due = time.perf_counter()  # behind: go on at the page's pace, no burst
    page.evaluate(NEXT_FRAME)
    trace = browser.stop_tracing()
    if button:
        page.mouse.up()
    return per_move_ms(trace)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


MARKS = "['scurve:charts-drawn', 'scurve:plotly-drawn'].map(n => performance.getEntriesByName(n)[0].startTime)"


def load_times(context: BrowserContext, url: str) -> tuple[list[float], list[list[float]]]:
    """[charts drawn, Plotly drawn] in ms on the first visit, and on three repeat visits."""
    page = context.new_page()
    times = []
    for _ in range(4):
        page.goto(url)
        page.wait_for_selector("body[data-ready='true']", state="attached", timeout=60_000)
        times.append([float(t) for t in page.evaluate(MARKS)])
    page.close()
    return times[0], times[1:]


def ranged_query() -> str:
    """A link with the default +-0.05 range on every default estimate."""
    from scurve import load_catalog

    catalog = load_catalog()
    parts = []
    for c in catalog.categories:
        xs = [c.defaults[y] for y in catalog.years]
        parts.append(f"{c.id}.lo=" + ",".join(f"{max(0.0, x - 0.05):.3f}" for x in xs))
        parts.append(f"{c.id}.hi=" + ",".join(f"{min(1.0, x + 0.05):.3f}" for x in xs))
    return "?" + "&".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=240, help="pointer moves measured on the estimator")
    parser.add_argument("--naive-moves", type=int, default=40, help="pointer moves measured on the naive figure")
    parser.add_argument("--interval-ms", type=float, default=16.0, help="time between pointer moves")
    parser.add_argument("--ranges", action="store_true", help="a range on all 30 estimates")
    args = parser.parse_args()
    path = "/" + (ranged_query() if args.ranges else "")
    server = LiveServer()
    figures: dict[str, Any] = {"bench": "drag_ranges" if args.ranges else "drag", "cpus": os.cpu_count()}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)

            cold_ctx = browser.new_context(viewport=VIEWPORT)
            cold, warm = load_times(cold_ctx, server.url + path)
            cold_ctx.close()

            context = browser.new_context(viewport=VIEWPORT)
            context.add_init_script(DISPATCH_TIMER)
            page = context.new_page()
            page.goto(server.url + path)
            page.wait_for_selector("body[data-ready='true']", state="attached", timeout=60_000)
            interval = args.interval_ms / 1000

            # What Chromium spends on a pointer move by itself: moves with no
            # button down, over the header, where nothing on the page reacts.
            idle = traced_moves(browser, page, 300, 20, 200, 80, interval, button=False)

            marker = page.locator("#card-bug_fixes .marker[data-year='2025']")
            marker.scroll_into_view_if_needed()
            box = marker.bounding_box()
            area = page.locator("#card-bug_fixes .overlay").bounding_box()
            assert box is not None and area is not None
            mx, my = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            page.evaluate("window.__benchDispatch.splice(0)")
            # When the panel shows a new analysis (the page's public onChange).
            page.evaluate(
                "window.__benchPanel = []; window.scurve.onChange(() => window.__benchPanel.push(performance.now()))"
            )
            ours = traced_moves(browser, page, mx, my, 0.4 * area["width"], args.moves, interval)
            updates = page.evaluate("window.__benchPanel")
            gaps = [b - a for a, b in itertools.pairwise(updates)][:-1]  # the last: the release
            moved = page.evaluate("window.scurve.getState().estimates.bug_fixes['2025']")
            ours_dispatch = page.evaluate("window.__benchDispatch.splice(0)")
            page.wait_for_timeout(300)

            start = page.evaluate(NAIVE_SETUP)
            page.evaluate("window.__benchDispatch.splice(0)")
            naive = traced_moves(
                browser, page, start["x"], start["y"], 0.4 * start["width"], args.naive_moves, interval
            )
            naive_dispatch = page.evaluate("window.__benchDispatch.splice(0)")
            browser.close()
    finally:
        server.stop()

    assert moved != 0.42, "the drag did not move the marker"
    med, p95 = statistics.median(ours), pct(ours, 0.95)
    nmed, np95 = statistics.median(naive), pct(naive, 0.95)
    figures.update(
        {
            "load_cold_ms": round(cold[0], 1),
            "load_warm_ms": round(statistics.median(w[0] for w in warm), 1),
            "plotly_cold_ms": round(cold[1], 1),
            "plotly_warm_ms": round(statistics.median(w[1] for w in warm), 1),
            "idle_move_median_ms": round(statistics.median(idle), 2),
            "move_median_ms": round(med, 2),
            "move_p95_ms": round(p95, 2),
            "handler_median_ms": round(statistics.median(ours_dispatch), 3),
            "naive_median_ms": round(nmed, 2),
            "naive_p95_ms": round(np95, 2),
            "naive_handler_median_ms": round(statistics.median(naive_dispatch), 2),
            "speedup_median": round(nmed / med, 1),
            "speedup_p95": round(np95 / p95, 1),
            "interval_ms": args.interval_ms,
            "panel_gap_median_ms": round(statistics.median(gaps), 1),
            "panel_gap_max_ms": round(max(gaps), 1),
        }
    )
    print(
        f"machine: {os.cpu_count()} CPUs; headless Chromium, viewport 1440x900, loopback server; "
        f"a pointer move every {args.interval_ms:g} ms, costs from a Chromium trace"
    )
    print(
        f"time to ten charts drawn, markers placed: first visit {cold[0]:.0f} ms, "
        f"repeat visit {statistics.median(w[0] for w in warm):.0f} ms (target < 1000)"
    )
    print(
        f"time until Plotly has redrawn them: first visit {cold[1]:.0f} ms, "
        f"repeat visit {statistics.median(w[1] for w in warm):.0f} ms"
    )
    print(f"{'main-thread ms per move':<28}{'median':>9}{'p95':>9}{'handlers':>10}{'moves':>7}")
    print(
        f"{'estimator (CSS transform)':<28}{med:>9.2f}{p95:>9.2f}{statistics.median(ours_dispatch):>10.3f}{len(ours):>7}"
    )
    print(
        f"{'naive (Plotly.react x10)':<28}{nmed:>9.2f}{np95:>9.2f}{statistics.median(naive_dispatch):>10.2f}{len(naive):>7}"
    )
    print(f"{'(browser floor: hover)':<28}{statistics.median(idle):>9.2f}{pct(idle, 0.95):>9.2f}{'':>10}{len(idle):>7}")
    print(
        f"speed-up: {nmed / med:.1f}x at the median, {np95 / p95:.1f}x at p95 (targets: median <= 8, p95 <= 16, >= 10x)"
    )
    print(
        f"panel updates during the drag: {len(gaps) + 1}, every {statistics.median(gaps):.0f} ms at the median, "
        f"longest gap {max(gaps):.0f} ms (target: at least every 100 ms)"
    )
    print("BENCH-JSON " + json.dumps(figures, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
