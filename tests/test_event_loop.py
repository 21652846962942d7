"""Numeric work runs off the event loop: a real server answers /healthz at
once while costly analyses run (over real sockets, on every analysing route)."""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.crowd_server import Server
from tests.test_cost import view

# About a second of work each here (a range on all 30 estimates, the strongest
# feedback, to 2045: within the budget); the titles make four distinct links.
COSTLY = "v=1&" + view(horizon=2045, fb=3, ranged=True)
ROUTES = ["/api/analyze?{q}", "/?{q}", "/export.csv?{q}", "/embed?{q}"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = Path(tmp_path_factory.mktemp("loop")) / "crowd.sqlite3"
    live = Server(f"sqlite:///{db}")
    yield live
    live.stop()


def get(port: int, path: str, timeout: float = 60) -> tuple[int, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    t0 = time.perf_counter()
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        r.read()
        return r.status, time.perf_counter() - t0
    finally:
        conn.close()


def test_healthz_answers_while_four_costly_requests_run(server: Server) -> None:
    finished: list[tuple[str, int, float]] = []

    def costly(i: int) -> None:
        path = ROUTES[i].format(q=COSTLY + f"&title={quote(f'Run {i}')}")
        status, _ = get(server.port, path)
        finished.append((path[:12], status, time.monotonic()))

    runners = [threading.Thread(target=costly, args=(i,)) for i in range(4)]
    for t in runners:
        t.start()
    time.sleep(0.3)  # the four are computing now
    waits = []
    for _ in range(5):
        status, took = get(server.port, "/healthz", timeout=10)
        assert status == 200
        waits.append(took)
        time.sleep(0.05)
    probed = time.monotonic()
    for t in runners:
        t.join(timeout=120)
    assert sorted(s for _, s, _ in finished) == [200, 200, 200, 200], finished
    # The probes were answered while the analyses still ran ...
    assert max(at for _, _, at in finished) > probed, "the costly requests ended before the probes: too cheap to tell"
    # ... each within 250 ms.
    assert max(waits) < 0.25, waits
