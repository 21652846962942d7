"""Phone profile: a first visit to the estimator on an emulated mid-range phone.

Run: ``python bench/bench_phone.py [--runs 3] [--path /]``

The throttling of Lighthouse's mobile preset, applied through Chromium's
DevTools protocol: the CPU slowed 4x (``Emulation.setCPUThrottlingRate``),
150 ms added to every request's round trip, 1.6 Mbps down and 750 kbps up
(``Network.emulateNetworkConditions``), a 412 x 823 touch screen at device
pixel ratio 1.75.  Each run is a new browser context (empty cache) against
the app on a free loopback port (stopped by pid at the end).

Three times, from navigation start, read from the page:

- *first contentful paint*: the browser's ``first-contentful-paint`` entry;
- *usable*: the ``scurve:charts-drawn`` mark, set by js/main.js when every
  chart is on screen (as the server drew it) with its markers placed and
  wired, so every marker can be dragged; ``body[data-interactive]`` is set
  at the same moment;
- *Plotly took over*: the ``scurve:plotly-drawn`` mark, when Plotly has drawn
  every chart in place of the server's drawing (``body[data-ready]`` follows).

The baseline, visited in the same run (turn by turn with the page as
served): the page's modules served one by one, every one named by a
``modulepreload`` link (what the app serves while app/static/bundle does
not match the sources; tests/unbundled_app.py), so the ratios say what the
bundle gains over preload hints.  The machine is shared, so the script runs
each visit several times and reports the best run (the least disturbed) and
the median.  The last line is ``BENCH-JSON {...}`` (see bench/run_all.py).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from tests.e2e.conftest import CHROMIUM, CHROMIUM_FLAGS, LiveServer  # noqa: E402

CPU_SLOWDOWN = 4
RTT_MS = 150
DOWN_BPS = 1.6e6
UP_BPS = 750e3
SCREEN = {"width": 412, "height": 823}
DPR = 1.75
TARGETS_MS = {"usable": 1600, "plotly": 6000}

READ = """() => {
  const mark = (n) => (performance.getEntriesByName(n)[0] || {}).startTime ?? null;
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  return {
    fcp: fcp ? fcp.startTime : null,
    usable: mark("scurve:charts-drawn"),
    plotly: mark("scurve:plotly-drawn"),
    responses: performance.getEntriesByType("resource").length + 1,
  };
}"""


def visit(browser: Browser, url: str) -> dict[str, float]:
    context = browser.new_context(
        viewport=SCREEN, device_scale_factor=DPR, is_mobile=True, has_touch=True, service_workers="block"
    )
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": RTT_MS,
                "downloadThroughput": DOWN_BPS / 8,
                "uploadThroughput": UP_BPS / 8,
            },
        )
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(url, wait_until="commit")
        page.wait_for_selector("body[data-ready='true']", state="attached", timeout=120_000)
        result: dict[str, float] = page.evaluate(READ)
        return result
    finally:
        context.close()


LABELS = (("fcp", "first contentful paint"), ("usable", "usable"), ("plotly", "Plotly took over"))


def run(browser: Browser, url: str, name: str, i: int) -> dict[str, float]:
    result = visit(browser, url)
    print(
        f"run {i + 1}, {name}: first contentful paint {result['fcp']:.0f} ms, usable {result['usable']:.0f} ms, "
        f"Plotly took over {result['plotly']:.0f} ms ({result['responses']:.0f} responses)",
        flush=True,
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=3, help="visits to make of each (the best and the median are reported)"
    )
    parser.add_argument("--path", default="/", help="the estimator's URL path and query (default /)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the visits to the modules served one by one")
    args = parser.parse_args()
    servers = {"bundled": LiveServer()}
    if not args.no_baseline:
        servers["modules"] = LiveServer(factory="tests.unbundled_app:create_app")
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in servers}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            for server in servers.values():  # warms the servers, not the browser: each visit has its own cache
                visit(browser, server.url + args.path)
            for i in range(args.runs):
                for name, server in servers.items():
                    runs[name].append(run(browser, server.url + args.path, name, i))
            browser.close()
    finally:
        for server in servers.values():
            server.stop()
    figures: dict[str, object] = {"bench": "bench_phone", "path": args.path, "runs": args.runs}
    print(
        f"\nphone profile ({CPU_SLOWDOWN}x CPU, {RTT_MS} ms RTT, {DOWN_BPS / 1e6:g} Mbps down), "
        f"best of {args.runs} runs / median"
        + ("" if args.no_baseline else "; the modules one by one, best (bundled / modules)")
        + ":"
    )
    ours = runs["bundled"]
    for key, label in LABELS:
        low, mid = min(r[key] for r in ours), statistics.median(r[key] for r in ours)
        line = f"  {label:<24}{low:>7.0f} ms {mid:>7.0f} ms"
        if "modules" in runs:
            base = min(r[key] for r in runs["modules"])
            line += f"   {base:>7.0f} ms ({low / base:.2f}x)"
            figures[f"phone_{key}_modules_ms"] = round(base, 1)
        target = TARGETS_MS.get(key)
        if target is not None:
            line += f"   target <= {target} ms: {'met' if low <= target else 'NOT met'}"
        print(line)
        figures[f"phone_{key}_ms"] = round(low, 1)
        figures[f"phone_{key}_median_ms"] = round(mid, 1)
    figures["phone_responses"] = min(ours, key=lambda r: r["plotly"])["responses"]
    if "modules" in runs:
        figures["phone_responses_modules"] = min(runs["modules"], key=lambda r: r["plotly"])["responses"]
    print("BENCH-JSON " + json.dumps(figures, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
