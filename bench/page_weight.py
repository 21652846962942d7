"""Page weight: what a first visit to the estimator transfers.

Run: ``python bench/page_weight.py [--path /]``

Starts the app on a free loopback port, loads the page in Debian's Chromium
with an empty cache, waits until it is drawn and the network is idle, and
sums the encoded (on-the-wire, after gzip) body sizes of every response.
The last line is ``BENCH-JSON {...}`` (see bench/run_all.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Response, sync_playwright  # noqa: E402

from tests.e2e.conftest import CHROMIUM, CHROMIUM_FLAGS, LiveServer  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default="/", help="the page to load (default /)")
    args = parser.parse_args()
    server = LiveServer()
    rows: list[tuple[str, int, int]] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            responses: list[Response] = []
            page.on("response", lambda r: responses.append(r))
            page.goto(server.url + args.path)
            if args.path.startswith("/?") or args.path == "/":
                page.wait_for_selector("body[data-ready='true']", state="attached", timeout=30_000)
            page.wait_for_load_state("networkidle")
            for r in responses:
                sizes = r.request.sizes()
                # A repeat served from the memory cache reports a negative size: nothing crossed the wire.
                body, head = max(0, sizes["responseBodySize"]), max(0, sizes["responseHeadersSize"])
                rows.append((r.url.removeprefix(server.url), body, head))
            browser.close()
    finally:
        server.stop()
    body = sum(b for _, b, _ in rows)
    headers = sum(h for _, _, h in rows)
    print(f"{'response':<64}{'body bytes':>12}")
    for url, b, _ in sorted(rows, key=lambda r: -r[1]):
        print(f"{url[:63]:<64}{b:>12,}")
    print(f"{len(rows)} responses: {body:,} body bytes on the wire (+{headers:,} header bytes)")
    figures = {"bench": "page_weight", "path": args.path, "page_bytes": body, "page_header_bytes": headers}
    figures["page_requests"] = len(rows)
    print("BENCH-JSON " + json.dumps(figures, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
