"""Benchmark: the link-preview image (GET /preview.png), uncached and cached.

Uncached: each request is a view not seen before (a new title), so the
analysis, the SVG and the rasterising are all done; the target is a median
of at most 60 ms. Cached: the same view again, answered from the preview
cache; the target is at most 2 ms. Wall-clock times rise with the machine's
load (the script prints the load average); the CPU time of the uncached
request is printed too, as the figure other work on the machine changes least. Requests go through the whole ASGI app
(middleware included) in-process, without a socket.

Run: ``python bench/bench_preview.py [--repeat N]``. A script, not a test:
timings depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
from typing import Any

from app.main import create_app


async def get(app: Any, path: str, query: str) -> tuple[int, bytes]:
    """One GET through the ASGI app: its status and body."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "headers": [(b"host", b"bench")],
        "client": ("127.0.0.1", 1),
        "server": ("bench", 80),
    }
    status = 0
    body = bytearray()

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            body.extend(message.get("body", b""))

    await app(scope, receive, send)
    return status, bytes(body)


async def measure(repeat: int) -> dict[str, float]:
    app = create_app()
    await get(app, "/preview.png", "title=warm-up")
    uncached, uncached_cpu, cached = [], [], []
    for i in range(repeat):
        query = f"title=Bench%20view%20{i}&bug_fixes=0.3,0.4,{0.5 + i / 1000:.3f}"
        start, cpu = time.perf_counter(), time.process_time()
        status, png = await get(app, "/preview.png", query)
        uncached.append(time.perf_counter() - start)
        uncached_cpu.append(time.process_time() - cpu)
        assert status == 200 and png.startswith(b"\x89PNG"), status
        for _ in range(5):
            start = time.perf_counter()
            status, _ = await get(app, "/preview.png", query)
            cached.append(time.perf_counter() - start)
            assert status == 200
    return {
        "uncached_median_ms": statistics.median(uncached) * 1000,
        "uncached_p95_ms": sorted(uncached)[int(0.95 * (len(uncached) - 1))] * 1000,
        # CPU time of the process: what the render costs when no other work competes for the cores.
        "uncached_cpu_median_ms": statistics.median(uncached_cpu) * 1000,
        "cached_median_ms": statistics.median(cached) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    figures = asyncio.run(measure(args.repeat))
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    print(f"preview, uncached (new view)  {figures['uncached_median_ms']:.1f} ms median (target <= 60 ms)")
    print(f"preview, uncached p95         {figures['uncached_p95_ms']:.1f} ms")
    print(f"preview, uncached CPU time    {figures['uncached_cpu_median_ms']:.1f} ms median")
    print(f"preview, cached               {figures['cached_median_ms']:.3f} ms median (target <= 2 ms)")
    print("BENCH-JSON " + json.dumps({"bench": "bench_preview", **{k: round(v, 3) for k, v in figures.items()}}))


if __name__ == "__main__":
    main()
