"""A real server's absolute links and logs: links come from SCURVE_PUBLIC_URL
or the server's own address, never from a forged Host header; no log line
carries a client's address."""

from __future__ import annotations

import http.client
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.crowd_server import Server, request

EVIL = "evil.example"


def get(port: int, path: str, host: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": host})
        r = conn.getresponse()
        return r.status, r.read().decode()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = Path(tmp_path_factory.mktemp("links")) / "crowd.sqlite3"
    server = Server(f"sqlite:///{db}", args=("--log-level", "info"), SCURVE_PUBLIC_URL="")
    yield server
    server.stop()


def test_a_forged_host_never_lands_in_a_link(plain: Server) -> None:
    own = f"http://127.0.0.1:{plain.port}"
    status, page = get(plain.port, "/?v=1&title=Mine", EVIL)
    assert status == 200 and EVIL not in page
    assert f'<meta property="og:image" content="{own}/preview.png?' in page
    assert 'name="scurve-origin"' not in page
    status, body = get(plain.port, "/oembed?url=" + quote(f"{own}/?v=1&title=Mine", safe=""), EVIL)
    answer = json.loads(body)
    assert status == 200 and EVIL not in body
    assert f'<iframe src="{own}/embed?' in answer["html"]
    assert answer["thumbnail_url"].startswith(f"{own}/preview.png?")
    # A URL naming the forged host is not a view of this site.
    assert get(plain.port, "/oembed?url=" + quote(f"http://{EVIL}/?v=1", safe=""), EVIL)[0] == 404


def test_without_a_public_url_the_start_up_log_says_so(plain: Server) -> None:
    assert "SCURVE_PUBLIC_URL is not set: link previews, oEmbed answers and embed snippets point at" in plain.log()


def logged(server: Server, line: str, wait: float = 5.0) -> str:
    """The server's log once it holds ``line`` (an access line is written as
    its answer ends, a moment after the client has read it)."""
    deadline = time.monotonic() + wait
    while line not in (log := server.log()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return log


def test_no_log_line_names_a_client(plain: Server) -> None:
    proxy = {"x-forwarded-for": "203.0.113.99"}  # the client, as the trusted proxy (127.0.0.1) reports it
    status, added, _ = plain.post({"years": [2025], "estimates": {"bug_fixes": {"2025": 0.77}}}, proxy)
    assert status == 201
    token = {"authorization": f"Bearer {added['delete_token']}", **proxy}
    assert request(plain.port, "DELETE", f"/api/views/{added['id']}", headers=token)[0] == 204
    assert request(plain.port, "GET", "/api/analyze?v=1&title=Jane%20Doe", headers=proxy)[0] == 200
    log = logged(plain, "GET /api/analyze 200")
    assert re.search(r"POST /api/views 201 [0-9.]+ ms", log)
    assert re.search(rf"DELETE /api/views/{re.escape(added['id'])} 204 [0-9.]+ ms", log)
    assert "GET /api/analyze 200" in log
    assert "203.0.113" not in log
    assert "Jane" not in log  # nor a link's text
    assert not re.search(r"127\.0\.0\.1:\d+ - ", log)  # uvicorn's access-log form


def test_with_a_public_url_it_is_the_only_origin(tmp_path: Path) -> None:
    server = Server(f"sqlite:///{tmp_path}/crowd.sqlite3", SCURVE_PUBLIC_URL="https://scurve.example.org/")
    try:
        status, page = get(server.port, "/?v=1", EVIL)
        assert status == 200 and EVIL not in page and "127.0.0.1" not in page
        assert '<meta property="og:image" content="https://scurve.example.org/preview.png?v=' in page
        assert '<meta name="scurve-origin" content="https://scurve.example.org">' in page
        status, body = get(
            server.port, "/oembed?url=" + quote("https://scurve.example.org/?v=1", safe=""), f"127.0.0.1:{server.port}"
        )
        assert status == 200
        assert '<iframe src="https://scurve.example.org/embed?' in json.loads(body)["html"]
        assert "SCURVE_PUBLIC_URL is not set" not in server.log()
    finally:
        server.stop()


def test_a_malformed_public_url_stops_start_up(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="SCURVE_PUBLIC_URL must be the address readers use"):
        Server(f"sqlite:///{tmp_path}/crowd.sqlite3", SCURVE_PUBLIC_URL="scurve.example.org?x=1")
