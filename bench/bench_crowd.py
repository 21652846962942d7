"""The crowd under load (SPEC section 10), on SQLite and on PostgreSQL.

Run: ``python bench/bench_crowd.py [--views 100000] [--posts 2000] [--writers 32] [--skip-postgres]``

For each database: 100,000 views are written straight into a fresh database
(positions drawn at random for the ten categories and three years, a mean
slope per year; the figures do not depend on the values), then

- the first reading of the crowd's figures, in process: every day's
  summary read from the database and merged (``Crowd.compute`` on a fresh
  process, median of 3), what a new process pays once;
- a new date window (``since``/``until``) once the days are read: the
  median of 50 random windows, merged from the per-day summaries;
- ``scurve serve --workers 2`` on a free loopback port: ``GET /api/crowd``
  once cold, then sequentially (p50 and p99, from the cache);
- ``GET /api/crowd`` (no window) while four other clients ask for a new
  window on every request: p50 and p99;
- ``POST /api/views`` from 32 concurrent writers, each request a distinct
  state from its own forwarded network: throughput, p50 and p99, and a check
  that every 201 is in the database (none lost) and no view twice.

PostgreSQL runs from Debian's binaries in a temporary directory (as the
tests do) and is skipped if they are missing.  The client shares the machine
with the server, so throughput is a floor.  The last line is ``BENCH-JSON``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.crowd import aggregate  # noqa: E402
from app.crowd.db import make_engine, upgrade, views  # noqa: E402
from app.crowd.store import Crowd  # noqa: E402
from app.engine import Engine  # noqa: E402
from tests.crowd_db import PostgresServer, pg_bin  # noqa: E402
from tests.crowd_server import Server  # noqa: E402

YEARS = (2024, 2025, 2026)


def seed(url: str, n: int) -> float:
    """Write n views straight into the database; returns the seconds taken."""
    engine = make_engine(url)
    upgrade(engine)
    rng = np.random.default_rng(2026)
    cat_idx = np.repeat(np.arange(10, dtype=np.uint8), len(YEARS))
    years = np.tile(np.array(YEARS, dtype=np.uint16), 10)
    t0 = time.perf_counter()
    batch: list[dict[str, Any]] = []
    with engine.begin() as conn:
        for i in range(n):
            cells = np.zeros(30, dtype=aggregate.CELL)
            cells["cat"], cells["year"] = cat_idx, years
            cells["pos"] = np.round(rng.uniform(0, 1, 30), 3)
            slopes = np.zeros(3, dtype=aggregate.SLOPE)
            slopes["year"] = YEARS
            slopes["slope"] = rng.uniform(0.2, 2.5, 3)
            batch.append(
                {
                    "id": f"bench{i:011d}",
                    "created": f"2026-0{1 + i % 9}-1{i % 10}T12:00:00.000000Z",
                    "query": f"v=1&years=2024,2025,2026&bench={i}",
                    "client_key": f"{i:016x}",
                    "token_hash": "0" * 64,
                    "cells": cells.tobytes(),
                    "slopes": slopes.tobytes(),
                }
            )
            if len(batch) == 5000:
                conn.execute(views.insert(), batch)
                batch = []
        if batch:
            conn.execute(views.insert(), batch)
    engine.dispose()
    return time.perf_counter() - t0


def recompute_ms(url: str) -> tuple[float, float]:
    """(first reading of every day, a new window once they are read), ms."""
    model = Engine.from_dir(None)
    firsts = []
    for _ in range(3):
        engine = make_engine(url)
        crowd = Crowd(engine, model, secret="bench")
        t0 = time.perf_counter()
        crowd.compute()
        firsts.append((time.perf_counter() - t0) * 1000)
        engine.dispose()
    engine = make_engine(url)
    crowd = Crowd(engine, model, secret="bench")
    crowd.compute()
    rng = np.random.default_rng(5)
    windows = []
    for _ in range(50):
        lo, hi = sorted(rng.integers(0, 270, 2).tolist())
        since, until = dt.date(2026, 1, 1) + dt.timedelta(days=lo), dt.date(2026, 1, 1) + dt.timedelta(days=hi)
        t0 = time.perf_counter()
        crowd.compute(since, until)
        windows.append((time.perf_counter() - t0) * 1000)
    engine.dispose()
    return statistics.median(firsts), statistics.median(windows)


def cycling_windows(server: Server, seconds: float = 5.0) -> tuple[float, float]:
    """p50 and p99 of GET /api/crowd while four clients ask for a new window each time."""
    stop = time.monotonic() + seconds

    def cycle(k: int) -> None:
        i = 0
        while time.monotonic() < stop:
            day = 1 + (i * 7 + k) % 28
            server.get(f"/api/crowd?since=2026-0{1 + (i + k) % 9}-{day:02d}&until=2026-09-{day:02d}")
            i += 1

    threads = [threading.Thread(target=cycle, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    lat = []
    while time.monotonic() < stop:
        t0 = time.perf_counter()
        server.get("/api/crowd")
        lat.append((time.perf_counter() - t0) * 1000)
    for t in threads:
        t.join()
    return pct(lat, 50), pct(lat, 99)


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def measure(url: str, n_views: int, posts: int, writers: int) -> dict[str, Any]:
    out: dict[str, Any] = {"seed_s": round(seed(url, n_views), 1)}
    first, window = recompute_ms(url)
    out.update(recompute_ms=round(first, 1), window_ms=round(window, 2))
    server = Server(url, workers=2)
    try:
        t0 = time.perf_counter()
        status, first, _ = server.get("/api/crowd")
        out["crowd_cold_ms"] = round((time.perf_counter() - t0) * 1000, 1)
        assert status == 200 and first["n"] == n_views, (status, first.get("n") if isinstance(first, dict) else first)
        server.get("/api/crowd")  # the other worker's cache
        lat = []
        for _ in range(400):
            t0 = time.perf_counter()
            server.get("/api/crowd")
            lat.append((time.perf_counter() - t0) * 1000)
        out["crowd_p50_ms"], out["crowd_p99_ms"] = round(pct(lat, 50), 2), round(pct(lat, 99), 2)
        busy = cycling_windows(server)
        out["cycling_p50_ms"], out["cycling_p99_ms"] = round(busy[0], 2), round(busy[1], 2)

        def post(i: int) -> tuple[int, float, str | None]:
            body = {
                "years": [2025],
                "estimates": {"bug_fixes": {"2025": (i % 1000) / 1000}, "chip_design": {"2025": (i // 1000) / 1000}},
            }
            t = time.perf_counter()
            status, answer, _ = server.post(body, {"x-forwarded-for": f"10.{(i // 256) % 256}.{i % 256}.7"})
            return status, (time.perf_counter() - t) * 1000, answer.get("id") if status == 201 else None

        t0 = time.perf_counter()
        with ThreadPoolExecutor(writers) as pool:
            results = list(pool.map(post, range(posts)))
        wall = time.perf_counter() - t0
    finally:
        server.stop()
    statuses = [s for s, _, _ in results]
    plat = [ms for _, ms, _ in results]
    ids = {i for _, _, i in results if i}
    engine = make_engine(url)
    with engine.connect() as conn:
        stored = {r[0] for r in conn.execute(sa.select(views.c.id).where(~views.c.id.like("bench%")))}
        total = conn.execute(sa.select(sa.func.count()).select_from(views)).scalar_one()
    engine.dispose()
    out.update(
        {
            "post_rps": round(posts / wall, 1),
            "post_p50_ms": round(pct(plat, 50), 1),
            "post_p99_ms": round(pct(plat, 99), 1),
            "post_201": statuses.count(201),
            "post_5xx": sum(s >= 500 for s in statuses),
            "post_lost": len(ids - stored),
            "post_extra": len(stored - ids),
            "views_after": int(total),
        }
    )
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--views", type=int, default=100_000)
    ap.add_argument("--posts", type=int, default=2000)
    ap.add_argument("--writers", type=int, default=32)
    ap.add_argument("--skip-postgres", action="store_true")
    args = ap.parse_args()
    os.environ["SCURVE_RATE_LIMIT"] = "0"
    print(
        f"# {platform.node()} {os.cpu_count()} cpus, python {platform.python_version()}; load average {os.getloadavg()[0]:.2f}"
    )
    figures: dict[str, Any] = {"bench": "bench_crowd", "views": args.views, "writers": args.writers}
    with tempfile.TemporaryDirectory(prefix="scurve-bench-crowd-") as tmp:
        kinds: list[tuple[str, Any]] = [("sqlite", f"sqlite:///{tmp}/crowd.sqlite3")]
        pg = None
        if not args.skip_postgres and pg_bin() is not None:
            pg = PostgresServer(pg_bin())  # type: ignore[arg-type]
            kinds.append(("postgresql", None))
        try:
            for kind, url in kinds:
                if url is None:
                    assert pg is not None
                    url = pg.new_database()
                res = measure(url, args.views, args.posts, args.writers)
                print(f"\n{kind}: {args.views:,} views seeded in {res['seed_s']} s")
                print(f"  first reading of every day         {res['recompute_ms']:8.1f} ms")
                print(f"  a new date window, median          {res['window_ms']:8.2f} ms")
                print(f"  GET /api/crowd cold (recompute)    {res['crowd_cold_ms']:8.1f} ms")
                print(f"  GET /api/crowd cached p50 / p99    {res['crowd_p50_ms']:8.2f} / {res['crowd_p99_ms']:.2f} ms")
                print(
                    f"  the same, 4 clients cycling windows {res['cycling_p50_ms']:7.2f} / {res['cycling_p99_ms']:.2f} ms"
                )
                print(
                    f"  POST /api/views x{args.posts} at {args.writers} writers: {res['post_rps']} views/s, "
                    f"p50 {res['post_p50_ms']} ms, p99 {res['post_p99_ms']} ms; "
                    f"201: {res['post_201']}, 5xx: {res['post_5xx']}, lost: {res['post_lost']}, extra: {res['post_extra']}"
                )
                figures.update({f"{kind}_{k}": v for k, v in res.items()})
        finally:
            if pg is not None:
                pg.stop()
    print("BENCH-JSON " + json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
