"""Load test: `scurve serve --workers 2` on a free loopback port, a mix of
real traffic from 64 keep-alive connections, then the server stopped by pid.

Run: ``python bench/load.py [--requests 20000] [--concurrency 64] [--max-seconds 600]``

The mix: pages (the estimator at varied permalinks, /claims, /about, static
files), varied permalinks to /api/analyze (GET and POST), CSV exports and
imports (text/csv and multipart), the small JSON routes, and bad input of
every kind (each with the 4xx it must get).  Every request knows the status
it should get; the run fails on a connection error, a 5xx or any other
surprise.  Prints the median and 99th-percentile latency per route, the
throughput, and the RSS of the server's processes at rest and after the
load.  Traffic goes to 127.0.0.1 only; the run is bounded by the request
count and by --max-seconds, and stops by itself.

With ``--writes 0.1`` (the default) a tenth of the requests add a view to the
crowd (each a new state from its own forwarded network) and a few read
``/api/crowd``; the crowd's database is a new SQLite file (or
``--database-url``), and the run fails if a view whose 201 arrived is not in
it afterwards.

The last line is ``BENCH-JSON {...}`` (see bench/run_all.py).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.static import PLOTLY_URL  # noqa: E402
from scurve import analyze, load_catalog  # noqa: E402
from scurve.csvio import write_csv  # noqa: E402
from scurve.permalink import write_query  # noqa: E402
from scurve.state import State, default_state  # noqa: E402

HOST = "127.0.0.1"


# -- the server -------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def scurve_command() -> list[str]:
    exe = Path(sys.executable).with_name("scurve")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "app.cli"]


def descendants(pid: int) -> list[int]:
    """The pid and every process below it (uvicorn's workers, multiprocessing helpers)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def rss_mib(pids: list[int]) -> float:
    total_kib = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kib += int(line.split()[1])
        except OSError:
            pass
    return total_kib / 1024


class Server:
    def __init__(self, workers: int, env: dict[str, str] | None = None):
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        cmd = [*scurve_command(), "serve", "--host", HOST, "--port", str(self.port)]
        cmd += ["--workers", str(workers), "--log-level", "warning"]
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        self.workers = workers
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as r:
                    if r.status == 200 and len(descendants(self.proc.pid)) > workers:
                        break
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                err = self.proc.stderr.read().decode() if self.proc.stderr and self.proc.poll() is not None else ""
                self.stop()
                raise SystemExit(f"the server did not start: {err}")
            time.sleep(0.2)

    def pids(self) -> list[int]:
        return descendants(self.proc.pid)

    def stop(self) -> None:
        """SIGTERM to uvicorn's main process (it stops its workers); SIGKILL by pid if it hangs."""
        pids = self.pids()
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                for p in pids:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(p, signal.SIGKILL)
                self.proc.wait()
        if self.proc.stderr:
            self.proc.stderr.close()


# -- the traffic -------------------------------------------------------------------


@dataclass(frozen=True)
class Req:
    route: str  # the label latencies are grouped by
    method: str
    target: str
    expect: int
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()


def random_state(rng: random.Random, catalog: object) -> State:
    from scurve.catalog import Catalog

    assert isinstance(catalog, Catalog)
    base = default_state(catalog)
    estimates = {}
    for cid, row in base.estimates.items():
        start = rng.uniform(0.02, 0.6)
        step = rng.uniform(0.0, 0.15)
        estimates[cid] = {y: round(min(1.0, start + i * step), 3) for i, y in enumerate(base.years) if y in row}
    weights = {cid: float(rng.choice([1, 1, 1, 0.5, 2])) for cid in base.weights}
    title = rng.choice(["", "", "My view", "Slow take-off", "Équipe ✓ 2026"])
    return State(base.years, estimates, base.curves, weights, horizon=rng.choice([2030, 2030, 2035]), title=title)


def multipart(csv: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="mine.csv"\r\n'
            f"Content-Type: text/csv\r\n\r\n"
        ).encode()
        + csv
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def build_mix(n: int, seed: int, writes: float = 0.0) -> list[Req]:
    rng = random.Random(seed)
    catalog = load_catalog()
    states = [random_state(rng, catalog) for _ in range(600)]
    links = [write_query(s, catalog) for s in states]
    popular = links[:20]  # shared links opened many times: the analysis cache's case
    csvs = [write_csv(analyze(s, catalog)).encode() for s in states[:80]]
    jsons = [
        json.dumps({"estimates": {k: {str(y): x for y, x in v.items()} for k, v in s.estimates.items()}}).encode()
        for s in states[:200]
    ]
    js_files = sorted(p.name for p in (ROOT / "app" / "static" / "js").glob("*.js")) or ["missing.js"]
    gz = (("accept-encoding", "gzip"),)
    csv_h = (("content-type", "text/csv"),)
    json_h = (("content-type", "application/json"),)

    def link() -> str:
        return rng.choice(popular) if rng.random() < 0.3 else rng.choice(links)

    def mp() -> Req:
        body, ctype = multipart(rng.choice(csvs))
        return Req("POST /api/import (multipart)", "POST", "/api/import", 200, body, (("content-type", ctype),))

    kinds = [
        (12, lambda: Req("GET / (page)", "GET", "/?" + link(), 200, headers=gz)),
        (3, lambda: Req("GET /claims", "GET", "/claims", 200, headers=gz)),
        (2, lambda: Req("GET /about", "GET", "/about", 200, headers=gz)),
        (3, lambda: Req("GET /static/app.css", "GET", "/static/app.css", 200, headers=gz)),
        (4, lambda: Req("GET /static/js/*", "GET", "/static/js/" + rng.choice(js_files), 200, headers=gz)),
        (0.5, lambda: Req("GET plotly.js", "GET", PLOTLY_URL, 200, headers=gz)),
        (25, lambda: Req("GET /api/analyze", "GET", "/api/analyze?" + link(), 200)),
        (8, lambda: Req("POST /api/analyze", "POST", "/api/analyze", 200, rng.choice(jsons), json_h)),
        (8, lambda: Req("GET /export.csv", "GET", "/export.csv?" + link(), 200)),
        (6, lambda: Req("POST /api/import (csv)", "POST", "/api/import", 200, rng.choice(csvs), csv_h)),
        (2, mp),
        (3, lambda: Req("GET /api/categories", "GET", "/api/categories", 200, headers=gz)),
        (
            4,
            lambda: Req(
                "GET /api/curve",
                "GET",
                f"/api/curve?midpoint={rng.randint(5, 95) / 100}&steepness={rng.randint(1, 40)}",
                200,
            ),
        ),
        (2, lambda: Req("GET /api/claims", "GET", "/api/claims", 200)),
        (3, lambda: Req("GET /healthz", "GET", "/healthz", 200)),
        # Bad input: each must get its 4xx.
        (
            4,
            lambda: Req(
                "GET /api/analyze (bad)",
                "GET",
                "/api/analyze?"
                + rng.choice(["years=2026,2024", "bug_fixes=2", "v=9", "chip_design.curve=1,1", "horizon=x"]),
                400,
            ),
        ),
        (1, lambda: Req("GET /export.csv (bad)", "GET", "/export.csv?bug_fixes=0.1,0.2", 400)),
        (2, lambda: Req("POST /api/analyze (bad)", "POST", "/api/analyze", 400, b'{"years": [2026, 2024]', json_h)),
        (
            1,
            lambda: Req(
                "POST /api/import (415)", "POST", "/api/import", 415, b"a,b", (("content-type", "text/plain"),)
            ),
        ),
        (
            2,
            lambda: Req(
                "POST /api/import (bad)", "POST", "/api/import", 400, b"category_id,year\r\nnope,1999\r\n", csv_h
            ),
        ),
        (1, lambda: Req("GET 404", "GET", "/no/such/page", 404)),
        (0.5, lambda: Req("DELETE /healthz (405)", "DELETE", "/healthz", 405)),
        (0.5, lambda: Req("GET /api/analyze (414)", "GET", "/api/analyze?title=" + "x" * 9000, 414)),
        (1, lambda: Req("GET /api/curve (bad)", "GET", "/api/curve?steepness=99", 400)),
        (1, lambda: Req("GET / (bad link)", "GET", "/?bug_fixes=2&years=x", 200, headers=gz)),
    ]
    if writes > 0:
        # The crowd (docs/DESIGN.md §6): `writes` of all requests add a view,
        # each a new state from its own network; a few read the crowd.
        counter = iter(range(10**9))

        def add_view() -> Req:
            i = next(counter)
            s = random_state(rng, catalog)
            body = {"estimates": {k: {str(y): x for y, x in v.items()} for k, v in s.estimates.items()}}
            body["weights"] = {"bug_fixes": 1 + (i % 9000) / 1000}  # no two alike
            fwd = (("x-forwarded-for", f"10.{(i >> 16) % 256}.{(i >> 8) % 256}.{i % 256}"),)
            return Req("POST /api/views", "POST", "/api/views", 201, json.dumps(body).encode(), json_h + fwd)

        total = sum(w for w, _ in kinds) + 2
        kinds.append((2, lambda: Req("GET /api/crowd", "GET", "/api/crowd", 200, headers=gz)))
        kinds.append((writes * total / (1 - writes), add_view))
    weights = [w for w, _ in kinds]
    makers = [m for _, m in kinds]
    return [rng.choices(makers, weights)[0]() for _ in range(n)]


# -- a small HTTP/1.1 keep-alive client ---------------------------------------------


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, dict[int, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    connection_errors: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    status_5xx: int = 0
    done: int = 0


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one response whole; return its status and whether the server keeps the connection."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    keep = headers.get("connection", "").lower() != "close"
    return status, keep


async def connection(queue: asyncio.Queue[Req], results: Results, port: int, deadline: float) -> None:
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    while time.monotonic() < deadline:
        try:
            req = queue.get_nowait()
        except asyncio.QueueEmpty:
            break
        head = f"{req.method} {req.target} HTTP/1.1\r\nHost: {HOST}:{port}\r\nUser-Agent: scurve-load\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in req.headers)
        if req.method == "POST":
            head += f"Content-Length: {len(req.body)}\r\n"
        data = head.encode() + b"\r\n" + req.body
        start = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(HOST, port)
            assert reader is not None
            writer.write(data)
            await writer.drain()
            status, keep = await asyncio.wait_for(read_response(reader), timeout=60)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as exc:
            results.connection_errors.append(f"{req.route}: {type(exc).__name__}: {exc}")
            if writer is not None:
                writer.close()
            reader = writer = None
            continue
        elapsed = time.perf_counter() - start
        results.latencies[req.route].append(elapsed)
        results.statuses[req.route][status] += 1
        results.done += 1
        if status >= 500:
            results.status_5xx += 1
        if status != req.expect:
            results.unexpected.append(f"{req.route} {req.target[:80]}: {status}, expected {req.expect}")
        if not keep:
            assert writer is not None
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def run_load(reqs: list[Req], port: int, concurrency: int, max_seconds: float) -> tuple[Results, float]:
    queue: asyncio.Queue[Req] = asyncio.Queue()
    for r in reqs:
        queue.put_nowait(r)
    results = Results()
    start = time.perf_counter()
    deadline = time.monotonic() + max_seconds
    await asyncio.gather(*(connection(queue, results, port, deadline) for _ in range(concurrency)))
    return results, time.perf_counter() - start


def count_views(db_url: str) -> int:
    import sqlalchemy as sa

    from app.crowd.db import make_engine

    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.text("SELECT count(*) FROM views")).scalar_one())
    finally:
        engine.dispose()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-seconds", type=float, default=600, help="stop sending after this long")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument(
        "--writes", type=float, default=0.1, help="share of requests that add a view to the crowd (default 0.1)"
    )
    parser.add_argument(
        "--database-url", help="the crowd's database (default: a new SQLite file in a temporary directory)"
    )
    args = parser.parse_args()

    reqs = build_mix(args.requests, args.seed, args.writes)
    tmp = tempfile.TemporaryDirectory(prefix="scurve-load-")
    db_url = args.database_url or f"sqlite:///{tmp.name}/crowd.sqlite3"
    server = Server(args.workers, {"SCURVE_DATABASE_URL": db_url, "SCURVE_RATE_LIMIT": "0"})
    try:
        time.sleep(1.0)
        rest = rss_mib(server.pids())
        n_procs = len(server.pids())
        results, seconds = asyncio.run(run_load(reqs, server.port, args.concurrency, args.max_seconds))
        time.sleep(1.0)
        after = rss_mib(server.pids())
    finally:
        server.stop()
    added = results.statuses.get("POST /api/views", {}).get(201, 0)
    stored = count_views(db_url)
    tmp.cleanup()

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        f"scurve serve --workers {args.workers} on 127.0.0.1:{server.port}; "
        f"{results.done} of {len(reqs)} requests over {args.concurrency} keep-alive connections in {seconds:.1f} s "
        f"({results.done / seconds:.0f} req/s)"
    )
    print()
    print(f"{'route':<34}{'count':>7}{'median ms':>11}{'p99 ms':>9}  statuses")
    latency = {}
    for route in sorted(results.latencies, key=lambda r: -len(results.latencies[r])):
        lat = results.latencies[route]
        med, p99 = statistics.median(lat) * 1e3, pct(lat, 0.99) * 1e3
        latency[route] = {"median_ms": round(med, 2), "p99_ms": round(p99, 2), "count": len(lat)}
        codes = " ".join(f"{c}x{n}" for c, n in sorted(results.statuses[route].items()))
        print(f"{route:<34}{len(lat):>7}{med:>11.1f}{p99:>9.1f}  {codes}")
    all_lat = [x for v in results.latencies.values() for x in v]
    print(f"{'all':<34}{len(all_lat):>7}{statistics.median(all_lat) * 1e3:>11.1f}{pct(all_lat, 0.99) * 1e3:>9.1f}")
    print()
    print(f"server RSS ({n_procs} processes): {rest:.1f} MiB at rest, {after:.1f} MiB after the load")
    print(
        f"connection errors: {len(results.connection_errors)}; 5xx: {results.status_5xx}; "
        f"unexpected statuses: {len(results.unexpected)}"
    )
    for line in (results.connection_errors + results.unexpected)[:10]:
        print("  " + line)
    lost = added - stored if args.database_url is None else 0
    print(f"crowd: {added} views acknowledged (201), {stored} in the database; lost: {lost}")
    ok = (
        lost == 0
        and not results.connection_errors
        and results.status_5xx == 0
        and not results.unexpected
        and results.done == len(reqs)
    )
    if results.done < len(reqs):
        print(f"stopped at --max-seconds {args.max_seconds:g}: {len(reqs) - results.done} requests not sent")
    figures = {
        "bench": "load",
        "ok": ok,
        "requests": results.done,
        "concurrency": args.concurrency,
        "workers": args.workers,
        "seconds": round(seconds, 2),
        "rps": round(results.done / seconds, 1),
        "connection_errors": len(results.connection_errors),
        "status_5xx": results.status_5xx,
        "unexpected_statuses": len(results.unexpected),
        "rss_rest_mib": round(rest, 1),
        "rss_after_mib": round(after, 1),
        "server_processes": n_procs,
        "views_added": added,
        "views_lost": lost,
        "latency": latency,
    }
    print("BENCH-JSON " + json.dumps(figures, separators=(",", ":")))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
