"""Page weight: what a first visit to the estimator transfers.

Run: ``python bench/page_weight.py [--path /] [--width 1440 --width 390]``

Starts the app on a free loopback port, loads the page in Debian's Chromium
with an empty cache at each width (1440 and 390 px unless told), waits until
Plotly has drawn the charts and the network is idle, and sums the encoded
(on-the-wire, after compression) body sizes of every response; Plotly's
bundle is also counted on its own.  The targets of a first visit (600 KB
with the response headers, the Plotly bundle 450 KB of it; 1 KB = 1,000
bytes) are printed with the figures.  The last line is ``BENCH-JSON {...}`` (see bench/run_all.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Response, sync_playwright  # noqa: E402

from tests.e2e.conftest import CHROMIUM, CHROMIUM_FLAGS, LiveServer  # noqa: E402

TARGET_PAGE_BYTES = 600_000
TARGET_PLOTLY_BYTES = 450_000
PLOTLY_PREFIX = "/static/vendor/plotly"


def visit(browser: Browser, url: str, width: int, estimator: bool) -> list[tuple[str, int, int]]:
    """(path, body bytes, header bytes) of every response of a first visit."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        responses: list[Response] = []
        page.on("response", lambda r: responses.append(r))
        page.goto(url)
        if estimator:
            page.wait_for_selector("body[data-ready='true']", state="attached", timeout=30_000)
        page.wait_for_load_state("networkidle")
        rows = []
        for r in responses:
            sizes = r.request.sizes()
            # A repeat served from the memory cache reports a negative size: nothing crossed the wire.
            rows.append((urlpath(r.url), max(0, sizes["responseBodySize"]), max(0, sizes["responseHeadersSize"])))
        return rows
    finally:
        context.close()


def urlpath(url: str) -> str:
    return "/" + url.split("/", 3)[3] if url.count("/") >= 3 else url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default="/", help="the page to load (default /)")
    parser.add_argument("--width", type=int, action="append", help="viewport width in px (repeatable; 1440 and 390)")
    args = parser.parse_args()
    widths = args.width or [1440, 390]
    estimator = args.path.startswith("/?") or args.path == "/"
    server = LiveServer()
    visits: dict[int, list[tuple[str, int, int]]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            for width in widths:
                visits[width] = visit(browser, server.url + args.path, width, estimator)
            browser.close()
    finally:
        server.stop()
    figures: dict[str, object] = {"bench": "page_weight", "path": args.path}
    for i, width in enumerate(widths):
        rows = visits[width]
        body = sum(b for _, b, _ in rows)
        headers = sum(h for _, _, h in rows)
        plotly = sum(b for url, b, _ in rows if url.startswith(PLOTLY_PREFIX))
        print(f"\n== {args.path} at {width} px wide")
        print(f"{'response':<64}{'body bytes':>12}")
        for url, b, _ in sorted(rows, key=lambda r: -r[1]):
            print(f"{url[:63]:<64}{b:>12,}")
        print(f"{len(rows)} responses: {body:,} body bytes on the wire (+{headers:,} header bytes)")
        total = body + headers
        met = "met" if total <= TARGET_PAGE_BYTES else "NOT met"
        print(f"  first visit {total:,} bytes with headers: target <= {TARGET_PAGE_BYTES:,}: {met}")
        met = "met" if plotly <= TARGET_PLOTLY_BYTES else "NOT met"
        print(f"  Plotly bundle {plotly:,} bytes: target <= {TARGET_PLOTLY_BYTES:,}: {met}")
        suffix = "" if i == 0 else f"_{width}"
        figures[f"page_bytes{suffix}"] = body
        figures[f"page_header_bytes{suffix}"] = headers
        figures[f"page_requests{suffix}"] = len(rows)
        figures[f"plotly_bytes{suffix}"] = plotly
        figures[f"width{suffix}"] = width
    print("BENCH-JSON " + json.dumps(figures, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
