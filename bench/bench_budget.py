"""The budgets that keep a public instance up: cost, event loop, memory.

Run: ``python bench/bench_budget.py [--links 250]``

Against ``scurve serve --workers 1`` on a free loopback port:

- the costliest requests the cost budget lets through: for five shapes of
  view (ranges and feedback; twenty ranged categories compared with twenty;
  ten years of twenty categories to 2100; years from 2000; ranges on ten
  years), the latest horizon within the budget, each requested cold (a
  distinct title) from ``GET /api/analyze`` and ``GET /``: the slowest time
  (the target: under 2 s), and what a link far over the budget costs to refuse;
- ``/healthz`` while four of those costly requests run at once: the slowest
  of ten probes (the target: under 250 ms);
- the server's RSS before and after 250 distinct large links (ten years of
  twenty categories to 2100, compared with the same: the largest analyses
  the budget allows, about 1.3 MB of JSON each), each fetched from
  ``/api/analyze`` and ``/`` (the target: at most 300 MB of growth).

The last line is ``BENCH-JSON``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import rss_mib  # noqa: E402
from scurve import load_catalog, parse_query  # noqa: E402
from scurve.cost import TooCostlyError, analysis_cost, check_cost  # noqa: E402
from tests.crowd_server import Server  # noqa: E402
from tests.test_cost import ATTACK, view  # noqa: E402

CATALOG = load_catalog()


def latest_horizon(make: object) -> int:
    """The latest horizon at which the view ``make(horizon)`` is within the budget."""
    assert callable(make)
    best = 2026
    for h in range(2026, 2101):
        try:
            check_cost(parse_query(make(h), CATALOG).raise_for_problems())
        except TooCostlyError:
            break
        best = h
    return best


SHAPES = {
    "ranges on all 30, feedback 3": lambda h: "v=1&" + view(horizon=h, fb=3, ranged=True),
    "20 ranged categories x 2, feedback 3": lambda h: (
        "v=1&"
        + view(horizon=h, fb=3, ranged=True, custom=10)
        + "&"
        + view("vs.", horizon=h, fb=3, ranged=True, custom=10)
    ),
    "10 years of 20 categories x 2, feedback 3": lambda h: (
        "v=1&"
        + view(yrs=(2017, 2026), horizon=h, fb=3, custom=10)
        + "&"
        + view("vs.", yrs=(2017, 2026), horizon=h, fb=3, custom=10)
    ),
    "years 2000-2001, ranges": lambda h: "v=1&" + view(yrs=(2000, 2001), horizon=h, ranged=True),
    "ranges on 10 years, feedback 3": lambda h: "v=1&" + view(yrs=(2017, 2026), horizon=h, fb=3, ranged=True),
}


def rising(prefix: str) -> str:
    """Ten years of twenty categories, each rising at its own pace (numbers
    that do not round to short text), to 2100 with feedback."""
    parts = [
        f"{prefix}years=2017,2018,2019,2020,2021,2022,2023,2024,2025,2026",
        f"{prefix}horizon=2100",
        f"{prefix}fb=3",
    ]
    ids = [*(c.id for c in CATALOG.categories), *(f"u{i}" for i in range(1, 11))]
    for k, cid in enumerate(ids):
        if cid.startswith("u"):
            parts.append(f"{prefix}{cid}.name=Mine%20{cid}")
        parts.append(f"{prefix}{cid}=" + ",".join(f"{0.05 + 0.011 * k + 0.037 * j:.3f}" for j in range(10)))
    return "&".join(parts)


LARGE = "v=1&" + rising("") + "&" + rising("vs.")


def get(port: int, path: str) -> tuple[int, float, int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    t0 = time.perf_counter()
    try:
        conn.request("GET", path, headers={"accept": "text/html,application/json"})
        r = conn.getresponse()
        body = r.read()
        return r.status, (time.perf_counter() - t0) * 1000, len(body)
    finally:
        conn.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--links", type=int, default=250)
    args = ap.parse_args()
    print(
        f"# {platform.node()} {os.cpu_count()} cpus, python {platform.python_version()}; "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    figures: dict[str, object] = {"bench": "bench_budget"}
    with tempfile.TemporaryDirectory(prefix="scurve-bench-budget-") as tmp:
        server = Server(f"sqlite:///{tmp}/crowd.sqlite3", SCURVE_CROWD="off")
        try:
            port = server.port
            slowest = (0.0, "")
            print("\ncostliest views within the budget (cold, one request at a time):")
            costly: list[str] = []
            for name, make in SHAPES.items():
                h = latest_horizon(make)
                for route in ("/api/analyze?", "/?"):
                    q = make(h) + "&title=" + quote(f"{name} {route}")
                    status, ms, size = get(port, route + q)
                    assert status == 200, (name, status)
                    print(f"  {name:44s} horizon {h}  {route[:-1]:13s} {ms:7.0f} ms  {size / 1e3:6.0f} kB")
                    slowest = max(slowest, (ms, f"{name}, horizon {h}, {route[:-1]}"))
                costly.append(make(h))
            status, refused_ms, _ = get(port, "/api/analyze?" + ATTACK)
            assert status == 422
            cells = analysis_cost(parse_query(ATTACK, CATALOG).raise_for_problems()).cells
            print(f"  the attack's link (about {cells / 1e6:,.0f} million cells): 422 in {refused_ms:.1f} ms")
            figures.update(costliest_ms=round(slowest[0]), costliest_view=slowest[1], refused_ms=round(refused_ms, 1))

            # /healthz while four costly requests run.
            runs = [costly[0], costly[1], costly[4], costly[0]]
            threads = [
                threading.Thread(target=get, args=(port, f"/api/analyze?{q}&title=load{i}")) for i, q in enumerate(runs)
            ]
            for t in threads:
                t.start()
            time.sleep(0.2)
            probes = []
            for _ in range(10):
                probes.append(get(port, "/healthz")[1])
                time.sleep(0.05)
            for t in threads:
                t.join()
            print(
                f"\n/healthz during four costly requests: median {statistics.median(probes):.1f} ms, "
                f"slowest {max(probes):.1f} ms"
            )
            figures.update(
                healthz_busy_median_ms=round(statistics.median(probes), 1), healthz_busy_max_ms=round(max(probes), 1)
            )

            # Memory: distinct large links.
            pids = [server.proc.pid]
            rest = rss_mib(pids)
            size = get(port, "/api/analyze?" + LARGE)[2]
            t0 = time.perf_counter()
            for i in range(args.links):
                q = LARGE + f"&title=link%20{i}&utm_source={i}"
                for route in ("/api/analyze?", "/?"):
                    assert get(port, route + q)[0] == 200
            after = rss_mib(pids)
            print(
                f"\nRSS over {args.links} distinct large links of {size / 1e6:.2f} MB ({time.perf_counter() - t0:.0f} s): "
                f"{rest:.0f} MiB at rest, {after:.0f} MiB after, +{after - rest:.0f} MiB"
            )
            figures.update(
                links=args.links,
                link_json_bytes=size,
                rss_rest_mib=round(rest, 1),
                rss_after_mib=round(after, 1),
                rss_growth_mib=round(after - rest, 1),
            )
        finally:
            server.stop()
    figures["load_average_end"] = round(os.getloadavg()[0], 2)
    print("BENCH-JSON " + json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
