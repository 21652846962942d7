"""The crowd's CSV export against hostile readers, on SQLite and a real
PostgreSQL: sockets that stop reading hold no database connection, a stalled
reader is dropped after the send timeout, an exhausted pool is a quick 503,
and the file is formula-escaped."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from app.crowd import aggregate
from app.crowd.db import make_engine, views
from app.main import create_app
from tests.crowd_server import Server, request

YEARS = (2024, 2025, 2026)


def seed(url: str, n: int, ids: list[str] | None = None) -> None:
    """n views written straight into the database (about 1.3 KB of CSV each)."""
    engine = make_engine(url)
    rng = np.random.default_rng(7)
    rows: list[dict[str, Any]] = []
    for i in range(n):
        cells = np.zeros(30, dtype=aggregate.CELL)
        cells["cat"] = np.repeat(np.arange(10, dtype=np.uint8), 3)
        cells["year"] = np.tile(np.array(YEARS, dtype=np.uint16), 10)
        cells["pos"] = np.round(rng.uniform(0, 1, 30), 3)
        slopes = np.zeros(3, dtype=aggregate.SLOPE)
        slopes["year"], slopes["slope"] = YEARS, rng.uniform(0.2, 2.5, 3)
        rows.append(
            {
                "id": ids[i] if ids else f"seed{i:012d}",
                "created": f"2026-03-{1 + i % 28:02d}T12:00:00.000000Z",
                "query": f"v=1&seed={i}",
                "client_key": f"{i:016x}",
                "token_hash": "0" * 64,
                "cells": cells.tobytes(),
                "slopes": slopes.tobytes(),
            }
        )
    with engine.begin() as conn:
        for k in range(0, n, 2000):
            conn.execute(views.insert(), rows[k : k + 2000])
    engine.dispose()


def stalled_reader(port: int) -> socket.socket:
    """A client that asks for the export and never reads a byte of it."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", port))
    sock.sendall(b"GET /api/crowd/export.csv HTTP/1.1\r\nHost: t\r\n\r\n")
    return sock


@pytest.fixture
def big_crowd(db_url: str) -> Iterator[tuple[str, Server]]:
    seed(db_url, 12_000)  # a 15 MB export: far more than the sockets' buffers
    server = Server(db_url, SCURVE_SEND_TIMEOUT="3")
    yield db_url, server
    server.stop()


def test_readers_that_stop_reading_leave_the_crowd_working(big_crowd: tuple[str, Server]) -> None:
    _, server = big_crowd
    # More stalled readers than either database's connection pool holds (15 and 30).
    readers = [stalled_reader(server.port) for _ in range(40)]
    try:
        time.sleep(1.0)  # each has been sent all its buffers take and is stuck
        for i in range(3):
            status, body, _ = request(server.port, "GET", f"/api/crowd?since=2026-03-0{i + 1}")
            assert status == 200 and body["n"] > 0, (status, body)
            status, added, _ = server.post({"years": [2025], "estimates": {"bug_fixes": {"2025": 0.1 + i / 10}}})
            assert status == 201, (status, added)
            status, got, _ = request(server.port, "GET", f"/api/views/{added['id']}")
            assert status == 200 and got["id"] == added["id"]
    finally:
        for sock in readers:
            sock.close()


def test_a_stalled_reader_is_dropped_after_the_send_timeout(big_crowd: tuple[str, Server]) -> None:
    _, server = big_crowd
    sock = stalled_reader(server.port)
    try:
        time.sleep(3 + 3)  # past SCURVE_SEND_TIMEOUT=3
        sock.settimeout(20)
        received = b""
        while chunk := sock.recv(1 << 16):
            received += chunk
    finally:
        sock.close()
    assert received.startswith(b"HTTP/1.1 200")
    # The server closed the connection before the export's last chunk.
    assert not received.endswith(b"0\r\n\r\n")
    assert len(received) < 15_000_000


def test_a_full_pool_is_a_quick_503_with_retry_after(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCURVE_DATABASE_URL", db_url)
    app = create_app()
    db = app.state.crowd.db
    held = []
    try:
        while True:  # every connection the pool will give
            try:
                held.append(db.connect())
            except sa.exc.TimeoutError:
                break
            if len(held) > 100:
                pytest.fail("the pool never ran out")
        with TestClient(app, raise_server_exceptions=False) as c:
            t0 = time.monotonic()
            r = c.get("/api/crowd")
            waited = time.monotonic() - t0
        assert r.status_code == 503 and r.headers["retry-after"] == "2"
        assert "every connection to its database is in use" in r.json()["detail"]
        assert waited < 10  # not SQLAlchemy's 30 s default
    finally:
        for conn in held:
            conn.close()
        db.dispose()


def test_the_export_is_formula_escaped(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    seed(db_url, 2, ids=["-AbCdEfGhIjKlMnO", "=cmd|calc!A0aaaa"])
    monkeypatch.setenv("SCURVE_DATABASE_URL", db_url)
    app = create_app()
    try:
        with TestClient(app) as c:
            lines = c.get("/api/crowd/export.csv").text.splitlines()
        ids = {line.split(",")[0] for line in lines[1:]}
        assert ids == {"'-AbCdEfGhIjKlMnO", "'=cmd|calc!A0aaaa"}
        assert len(lines) == 1 + 2 * 30
    finally:
        app.state.crowd.db.dispose()
