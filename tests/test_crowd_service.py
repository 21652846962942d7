"""The crowd under real servers: several workers and instances writing at
once, a SIGKILL mid-load, an old database upgraded at start, a PostgreSQL
database that is behind, and what is (not) stored about a client."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from app.crowd import aggregate
from app.crowd.db import DatabaseBehind, head_revision, make_engine, upgrade
from tests.crowd_db import PostgresServer
from tests.crowd_server import Server


def body(i: int) -> dict[str, Any]:
    """The i-th of many distinct states."""
    return {
        "years": [2025],
        "estimates": {"bug_fixes": {"2025": (i % 1000) / 1000}, "chip_design": {"2025": (i // 1000) / 1000}},
    }


def fwd(i: int) -> dict[str, str]:
    """A client on its own /24 network, as a trusted proxy reports it."""
    return {"x-forwarded-for": f"10.{(i // 256) % 256}.{i % 256}.7"}


def stored(db_url: str) -> list[tuple[str, str]]:
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            return [(r[0], r[1]) for r in conn.execute(sa.text("SELECT id, query FROM views"))]
    finally:
        engine.dispose()


def write_load(servers: list[Server], n: int, threads: int = 16) -> list[tuple[int, Any]]:
    """Every state posted twice at once from the same client, across the servers."""

    def one(k: int) -> tuple[int, Any]:
        i = k // 2
        status, answer, _ = servers[k % len(servers)].post(body(i), fwd(i))
        return status, answer

    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(one, range(2 * n)))


def check_nothing_lost_or_doubled(db_url: str, results: list[tuple[int, Any]], n: int) -> None:
    assert all(s in (200, 201) for s, _ in results), {s for s, _ in results}
    # Each pair: exactly one stored, the other told it is a duplicate with the same id.
    for i in range(n):
        (s1, a1), (s2, a2) = results[2 * i], results[2 * i + 1]
        assert sorted((s1, s2)) == [200, 201], (i, s1, s2)
        assert a1["id"] == a2["id"]
    rows = stored(db_url)
    ids = {a["id"] for s, a in results if s == 201}
    assert len(rows) == n == len(ids)
    assert {r[0] for r in rows} == ids
    assert len({r[1] for r in rows}) == n


def test_two_workers_lose_and_duplicate_nothing(db_url: str) -> None:
    server = Server(db_url, workers=2)
    try:
        results = write_load([server], 120)
        check_nothing_lost_or_doubled(db_url, results, 120)
        status, crowd, _ = server.get("/api/crowd")
        assert status == 200 and crowd["n"] == 120  # neither worker had an answer cached
    finally:
        server.stop()


def test_two_instances_share_one_postgresql(pg_server: PostgresServer) -> None:
    url = pg_server.new_database()
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    a, b = Server(url, workers=2), Server(url)
    try:
        results = write_load([a, b], 120)
        check_nothing_lost_or_doubled(url, results, 120)
        # Neither instance had an answer cached, so both read the database
        # (how long one may stay stale: tests/test_crowd_api.py, with a clock).
        assert a.get("/api/crowd")[1]["n"] == b.get("/api/crowd")[1]["n"] == 120
    finally:
        a.stop()
        b.stop()


def test_sigkill_during_writes_loses_no_acknowledged_view(db_url: str) -> None:
    server = Server(db_url, workers=2)
    acknowledged: list[str] = []
    stop = threading.Event()
    lock = threading.Lock()
    counter = iter(range(10**6))

    def writer() -> None:
        while not stop.is_set():
            with lock:
                i = next(counter)
            try:
                status, answer, _ = server.post(body(i), fwd(i))
            except OSError:
                return  # the server is gone
            if status == 201:
                with lock:
                    acknowledged.append(answer["id"])

    threads = [threading.Thread(target=writer) for _ in range(12)]
    for t in threads:
        t.start()
    time.sleep(2.0)
    server.kill()
    stop.set()
    for t in threads:
        t.join(timeout=30)
    assert len(acknowledged) > 20  # the load was real
    ids = {r[0] for r in stored(db_url)}
    missing = set(acknowledged) - ids
    assert not missing, f"{len(missing)} acknowledged views lost"
    # The database opens again and the app starts on it.
    again = Server(db_url)
    try:
        assert again.get("/api/crowd")[1]["n"] == len(ids)
    finally:
        again.stop()


def test_old_sqlite_file_is_upgraded_at_start(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/old.sqlite3"
    engine = make_engine(url)
    upgrade(engine, "0001")
    with engine.connect() as conn:
        tables = set(sa.inspect(conn).get_table_names())
    assert "view_names" not in tables  # really the first schema
    cells = aggregate.pack_cells([(0, 2025, 0.4), (4, 2025, 0.2)])
    slopes = aggregate.pack_slopes([(2025, 0.9)])
    with engine.begin() as conn:
        for i in range(6):
            conn.execute(
                sa.text(
                    "INSERT INTO views (id, created, query, client_key, token_hash, cells, slopes) "
                    "VALUES (:id, '2026-01-01T00:00:00.000000Z', :q, :k, :h, :c, :s)"
                ),
                {
                    "id": f"oldview{i:09d}",
                    "q": f"v=1&years=2025&u1.name=Old%20name&x={i}",
                    "k": f"key{i}",
                    "h": "0" * 64,
                }
                | {"c": cells, "s": slopes},
            )
    engine.dispose()
    server = Server(url)
    try:
        status, view, _ = server.get("/api/views/oldview000000003")
        assert status == 200 and view["permalink"] == "/?v=1&years=2025&u1.name=Old%20name&x=3"
        status, crowd, _ = server.get("/api/crowd")
        assert crowd["n"] == 6
        assert crowd["categories"][0]["years"][0]["quantiles"]["p50"] == pytest.approx(0.4, abs=1e-12)
        assert crowd["suggested_categories"] == [{"name": "Old name", "n": 6}]
        # New views go in beside the old ones.
        assert server.post(body(1), fwd(1))[0] == 201
    finally:
        server.stop()
    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()
        assert conn.execute(sa.text("SELECT count(*) FROM views")).scalar_one() == 7
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert conn.execute(sa.text("PRAGMA synchronous")).scalar_one() == 2  # FULL
        assert conn.execute(sa.text("PRAGMA busy_timeout")).scalar_one() >= 1000
    engine.dispose()


@pytest.mark.parametrize("revision", [None, "0001"])
def test_postgresql_behind_refuses_to_start(
    pg_server: PostgresServer, revision: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = pg_server.new_database()
    if revision:
        engine = make_engine(url)
        upgrade(engine, revision)
        engine.dispose()
    monkeypatch.setenv("SCURVE_DATABASE_URL", url)
    from app.main import create_app

    with pytest.raises(DatabaseBehind, match="scurve db upgrade"):
        create_app()
    env = {**os.environ, "SCURVE_DATABASE_URL": url}
    serve = subprocess.run(
        [sys.executable, "-m", "app.cli", "serve", "--port", "1"], env=env, capture_output=True, text=True, timeout=60
    )
    assert serve.returncode == 2
    assert "scurve db upgrade" in serve.stderr and "Traceback" not in serve.stderr
    up = subprocess.run(
        [sys.executable, "-m", "app.cli", "db", "upgrade"], env=env, capture_output=True, text=True, timeout=60
    )
    assert up.returncode == 0, up.stderr
    assert f"-> {head_revision()}" in up.stdout
    app = create_app()
    app.state.crowd.db.dispose()


# -- privacy ---------------------------------------------------------------------------------


def table_dump(db_url: str) -> str:
    """Every value of every table, as text (blobs read as Latin-1)."""
    engine = make_engine(db_url)
    parts: list[str] = []
    try:
        with engine.connect() as conn:
            for table in sa.inspect(conn).get_table_names():
                for row in conn.execute(sa.text(f"SELECT * FROM {table}")):
                    for v in row:
                        parts.append(bytes(v).decode("latin-1") if isinstance(v, bytes | memoryview) else str(v))
    finally:
        engine.dispose()
    return "\n".join(parts)


def test_no_ip_or_user_agent_is_stored(db_url: str) -> None:
    server = Server(db_url, workers=2)
    addresses = [f"203.0.{i}.{100 + i}" for i in range(40)] + [f"2001:db8:{i:x}:1::{i + 1:x}" for i in range(40)]
    agents = [f"TestAgent/{i}.0 (Marker{i:04d}Z)" for i in range(80)]
    try:
        for i, (ip, ua) in enumerate(zip(addresses, agents, strict=True)):
            status, _, _ = server.post(body(i), {"x-forwarded-for": f"{ip}, 127.0.0.1", "user-agent": ua})
            assert status == 201
    finally:
        server.stop()
    dump = table_dump(db_url)
    assert len(stored(db_url)) == 80
    for ip in addresses:
        assert ip not in dump
        prefix = ip.rsplit(".", 1)[0] + "." if "." in ip else ip.split("::")[0]  # the /24 or the /48
        assert prefix not in dump
    assert "Marker" not in dump and "TestAgent" not in dump
    assert "127.0.0.1" not in dump and "203.0." not in dump and "2001:db8" not in dump


def test_client_key_follows_the_trusted_proxy(db_url: str) -> None:
    """The rate limit counts per forwarded /24 when the proxy is trusted, per
    connection address when it is not."""
    trusted = Server(db_url, SCURVE_RATE_LIMIT="1")
    try:
        assert trusted.post(body(1), {"x-forwarded-for": "198.51.100.1"})[0] == 201
        limited = trusted.post(body(2), {"x-forwarded-for": "198.51.100.250"})  # the same /24
        assert limited[0] == 429 and int(limited[2]["retry-after"]) > 3000
        assert trusted.post(body(3), {"x-forwarded-for": "198.51.101.1"})[0] == 201  # another /24
    finally:
        trusted.stop()
    untrusted = Server(db_url, allow="192.0.2.1", SCURVE_RATE_LIMIT="1")
    try:
        assert untrusted.post(body(4), {"x-forwarded-for": "198.51.102.1"})[0] == 201
        # Forwarded from elsewhere, but the proxy is not believed: the same client (127.0.0.1).
        assert untrusted.post(body(5), {"x-forwarded-for": "198.51.103.1"})[0] == 429
    finally:
        untrusted.stop()


def test_rate_limit_holds_under_concurrent_writes(db_url: str) -> None:
    """Twelve views at once from one network, across two workers, with a limit
    of 3 an hour: exactly 3 stored, the rest refused, none lost."""
    server = Server(db_url, workers=2, SCURVE_RATE_LIMIT="3")
    try:
        with ThreadPoolExecutor(12) as pool:
            results = list(pool.map(lambda i: server.post(body(i), {"x-forwarded-for": f"192.0.2.{i + 1}"}), range(12)))
    finally:
        server.stop()
    statuses = sorted(s for s, _, _ in results)
    assert statuses == [201] * 3 + [429] * 9
    assert {a["id"] for s, a, _ in results if s == 201} == {r[0] for r in stored(db_url)}


def test_postgresql_ahead_of_the_code_refuses_to_start(
    pg_server: PostgresServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = pg_server.new_database()
    engine = make_engine(url)
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    monkeypatch.setenv("SCURVE_DATABASE_URL", url)
    from app.main import create_app

    with pytest.raises(DatabaseBehind, match="upgraded by a newer version"):
        create_app()
