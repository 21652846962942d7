"""Benchmark: requests per second and median latency of GET /api/analyze (a
fixed permalink) against GET /healthz, measured in the same run.

Starts `scurve serve` on a free 127.0.0.1 port, drives it with a small
keep-alive HTTP/1.1 client on asyncio streams (light enough to leave the
server most of the CPU), and stops the server by its pid.  Bounded: a fixed
number of requests at a fixed concurrency, loopback only.

Run: ``python bench/bench_http.py [--requests N] [--concurrency C]``.
Target: analyze at least half of healthz's throughput (the engine caches
analyses per query).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass

HOST = "127.0.0.1"
QUERY = (
    "v=1&years=2024,2025,2026&horizon=2030&bug_fixes=0.3,0.45,0.6&chip_design=0.12,0.2,0.31"
    "&chip_design.curve=0.6,8,1&synthetic_data.w=2&title=Benchmark"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_server(port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", "--host", HOST, "--port", str(port), "--log-level", "warning"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            raise SystemExit(f"the server exited with {proc.returncode}: {err}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=1) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.1)
    stop_server(proc)
    raise SystemExit("the server did not answer /healthz within 30 s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()


async def read_response(reader: asyncio.StreamReader) -> tuple[int, int]:
    """Read one HTTP/1.1 response; return (status, body length)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
        return status, len(body)
    size = 0  # chunked
    while True:
        n = int((await reader.readuntil(b"\r\n")).strip(), 16)
        await reader.readexactly(n + 2)
        size += n
        if n == 0:
            return status, size


@dataclass
class Result:
    path: str
    requests: int
    seconds: float
    latencies: list[float]
    body_bytes: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies) * 1e3


async def load(port: int, path: str, requests: int, concurrency: int) -> Result:
    request = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nAccept: */*\r\n\r\n".encode()
    latencies: list[float] = []
    sizes: list[int] = []
    remaining = requests

    async def worker() -> None:
        nonlocal remaining
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            while remaining > 0:
                remaining -= 1
                t0 = time.perf_counter()
                writer.write(request)
                status, size = await read_response(reader)
                latencies.append(time.perf_counter() - t0)
                if status != 200:
                    raise SystemExit(f"GET {path} answered {status}")
                sizes.append(size)
        finally:
            writer.close()
            await writer.wait_closed()

    start = time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*(worker() for _ in range(concurrency))), timeout=300)
    elapsed = time.perf_counter() - start
    return Result(path, len(latencies), elapsed, latencies, sizes[0])


async def run(port: int, requests: int, concurrency: int, rounds: int) -> tuple[list[Result], list[Result]]:
    health, analyze = "/healthz", "/api/analyze?" + QUERY
    await load(port, health, 200, concurrency)  # warm up both routes and the analysis cache
    await load(port, analyze, 200, concurrency)
    hs: list[Result] = []
    an: list[Result] = []
    for _ in range(rounds):  # alternate, so drift in machine load hits both alike
        hs.append(await load(port, health, requests, concurrency))
        an.append(await load(port, analyze, requests, concurrency))
    return hs, an


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per round and route (default 2000)")
    parser.add_argument("--concurrency", type=int, default=8, help="keep-alive connections (default 8)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per route (default 3)")
    args = parser.parse_args()
    if not (1 <= args.requests <= 100_000 and 1 <= args.concurrency <= 64 and 1 <= args.rounds <= 10):
        raise SystemExit("keep it bounded: requests 1..100000, concurrency 1..64, rounds 1..10")

    port = free_port()
    proc = start_server(port)
    try:
        hs, an = asyncio.run(run(port, args.requests, args.concurrency, args.rounds))
    finally:
        stop_server(proc)

    def summary(results: list[Result]) -> tuple[float, float]:
        best = max(results, key=lambda r: r.rps)
        return statistics.median(r.rps for r in results), best.median_ms

    h_rps, h_ms = summary(hs)
    a_rps, a_ms = summary(an)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        f"server: scurve serve (uvicorn, 1 worker) on {HOST}:{port}; client: asyncio keep-alive, "
        f"{args.concurrency} connections, {args.rounds} x {args.requests} requests per route"
    )
    print(f"GET /healthz            {h_rps:8.0f} req/s   median latency {h_ms:6.2f} ms   body {hs[0].body_bytes} B")
    print(f"GET /api/analyze?...    {a_rps:8.0f} req/s   median latency {a_ms:6.2f} ms   body {an[0].body_bytes} B")
    ratio = a_rps / h_rps
    print(f"analyze / healthz throughput: {ratio:.2f}  (target >= 0.50: {'met' if ratio >= 0.5 else 'NOT met'})")
    figures = {
        "bench": "bench_http",
        "healthz_rps": round(h_rps, 1),
        "analyze_rps": round(a_rps, 1),
        "healthz_median_ms": round(h_ms, 3),
        "analyze_median_ms": round(a_ms, 3),
        "analyze_healthz_ratio": round(ratio, 3),
    }
    print("BENCH-JSON " + json.dumps(figures))


if __name__ == "__main__":
    main()
