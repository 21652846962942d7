"""The request limits: 1 MiB bodies (413, refused before they are read whole),
8 KiB query strings (414), 1,000 CSV rows and 80-character titles (400
naming the limit)."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from scurve import TooLargeError, load_catalog
from scurve.csvio import MAX_ROWS, read_csv
from scurve.limits import MAX_BODY, MAX_QUERY
from tests.e2e.conftest import LiveServer

MiB = 1024 * 1024
CHUNK = 64 * 1024


def test_the_limits_are_the_documented_ones() -> None:
    assert (MiB, 8192, 1000) == (MAX_BODY, MAX_QUERY, MAX_ROWS)


# -- bodies -----------------------------------------------------------------------


def _error(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text[:300]
    body: dict[str, Any] = r.json()
    assert set(body) == {"detail", "errors"}
    return body


@pytest.mark.parametrize(
    ("path", "ctype"), [("/api/import", "text/csv"), ("/api/analyze", "application/json")], ids=["import", "analyze"]
)
def test_a_body_over_1_mib_with_its_length_declared_gets_413(client: TestClient, path: str, ctype: str) -> None:
    body = _error(client.post(path, content=b"x" * (MiB + 1), headers={"content-type": ctype}), 413)
    assert "1048577 bytes" in body["detail"] and "1 MiB" in body["detail"]


@pytest.mark.parametrize(
    ("path", "ctype"), [("/api/import", "text/csv"), ("/api/analyze", "application/json")], ids=["import", "analyze"]
)
def test_a_chunked_body_over_1_mib_gets_413(client: TestClient, path: str, ctype: str) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(3 * MiB // CHUNK):
            yield b"x" * CHUNK

    # A generator body is sent chunked, with no Content-Length.
    body = _error(client.post(path, content=chunks(), headers={"content-type": ctype}), 413)
    assert "1 MiB" in body["detail"]


def test_a_multipart_upload_over_1_mib_gets_413(client: TestClient) -> None:
    r = client.post("/api/import", files={"file": ("big.csv", b"x" * (MiB + 10), "text/csv")})
    _error(r, 413)


def test_a_body_of_exactly_1_mib_is_read(client: TestClient) -> None:
    # Padding spaces make a valid JSON state exactly 1 MiB long.
    state = b'{"title": "limit"}'
    padded = state[:-1] + b" " * (MiB - len(state)) + b"}"
    assert len(padded) == MiB
    r = client.post("/api/analyze", content=padded, headers={"content-type": "application/json"})
    assert r.status_code == 200 and r.json()["state"]["title"] == "limit"


def test_a_bad_content_length_gets_400(client: TestClient) -> None:
    r = client.post("/api/analyze", content=b"{}", headers={"content-type": "application/json", "content-length": "x"})
    assert r.status_code == 400


def _asgi_post(declared: int | None, total: int) -> tuple[int, int]:
    """POST `total` bytes in 64 KiB messages straight into the ASGI app;
    return the status and how many body bytes the app pulled."""
    app = create_app()
    headers = [(b"host", b"t"), (b"content-type", b"text/csv")]
    if declared is not None:
        headers.append((b"content-length", str(declared).encode()))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/import",
        "raw_path": b"/api/import",
        "root_path": "",
        "query_string": b"",
        "headers": headers,
        "client": ("127.0.0.1", 1),
        "server": ("t", 80),
    }
    pulled = 0
    status = 0

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        size = min(CHUNK, total - pulled)
        pulled += size
        return {"type": "http.request", "body": b"a" * size, "more_body": pulled < total}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    asyncio.run(app(scope, receive, send))
    return status, pulled


def test_a_declared_oversize_body_is_refused_without_reading_it() -> None:
    assert _asgi_post(declared=8 * MiB, total=8 * MiB) == (413, 0)


def test_an_undeclared_oversize_body_is_refused_once_it_passes_1_mib() -> None:
    status, pulled = _asgi_post(declared=None, total=8 * MiB)
    assert status == 413
    assert MiB < pulled <= MiB + CHUNK  # stopped at the first message over the limit


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    live = LiveServer()
    yield live
    live.stop()


def _read_reply(sock: socket.socket, out: list[bytes]) -> None:
    """Read one response: the server answers while the client is still sending."""
    reply = b""
    try:
        while b"\r\n\r\n" not in reply or len(reply.partition(b"\r\n\r\n")[2]) < _length(reply):
            chunk = sock.recv(65536)
            if not chunk:
                break
            reply += chunk
    except OSError:
        pass
    out.append(reply)


def _length(reply: bytes) -> int:
    for line in reply.partition(b"\r\n\r\n")[0].split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value)
    return 0


def test_a_real_server_refuses_a_chunked_body_over_1_mib(server: LiveServer) -> None:
    """Over a socket through uvicorn, chunked transfer encoding, no Content-Length."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        replies: list[bytes] = []
        reader = threading.Thread(target=_read_reply, args=(sock, replies))
        reader.start()
        sock.sendall(
            b"POST /api/import HTTP/1.1\r\nHost: t\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        try:
            for _ in range(4 * MiB // CHUNK):
                sock.sendall(b"%x\r\n" % CHUNK + b"a" * CHUNK + b"\r\n")
            sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server may stop reading once it has answered
        reader.join(timeout=10)
    head, _, body = replies[0].partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413"), head
    assert "1 MiB" in json.loads(body)["detail"]


# -- query strings ------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/analyze", "/export.csv", "/", "/healthz", "/static/app.css", "/nowhere"])
def test_a_query_over_8_kib_gets_414(client: TestClient, path: str) -> None:
    r = client.get(path + "?title=" + "x" * 8200)
    body = _error(r, 414)
    assert "8 KiB" in body["detail"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_a_query_of_8_kib_is_read(client: TestClient) -> None:
    query = "utm_source=" + "x" * (8192 - len("utm_source="))
    assert len(query) == 8192
    assert client.get("/api/analyze?" + query).status_code == 200


def test_a_real_server_refuses_a_long_query(server: LiveServer) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(b"GET /api/analyze?title=" + b"x" * 9000 + b" HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 414")


# -- CSV rows -------------------------------------------------------------------------


def _rows(n: int) -> bytes:
    lines = ["category_id,year,position"] + [f"bug_fixes,{2000 + i % 100},0.5" for i in range(n)]
    return "\r\n".join(lines).encode()


def test_a_csv_over_1000_rows_gets_400_naming_the_limit(client: TestClient) -> None:
    body = _error(client.post("/api/import", content=_rows(1001), headers={"content-type": "text/csv"}), 400)
    assert "more than 1000 rows" in body["detail"] and "the limit is 1000" in body["detail"]
    assert body["errors"][0]["loc"] == ["rows"]


def test_a_csv_of_1000_rows_is_not_refused_for_its_length() -> None:
    # 1,000 rows of one category repeat years (there are only 10 per state),
    # so it fails, but on its content and not the row limit.
    with pytest.raises(Exception) as info:
        read_csv(_rows(1000), load_catalog())
    assert not isinstance(info.value, TooLargeError)
    assert "1000 rows" not in str(info.value)


def test_blank_lines_do_not_count_as_rows() -> None:
    data = b"category_id,year,position\r\n" + b"\r\n" * 5000 + b"bug_fixes,2024,0.3\r\n"
    result = read_csv(data, load_catalog())
    assert result.state.estimates["bug_fixes"] == {2024: 0.3}


# -- titles -----------------------------------------------------------------------------


def test_a_title_over_80_characters_in_a_link_gets_400_naming_the_limit(client: TestClient) -> None:
    body = _error(client.get("/api/analyze", params={"title": "é" * 81}), 400)
    assert "at most 80 characters" in body["detail"] and "`title`" in body["detail"]
    assert client.get("/api/analyze", params={"title": "é" * 80}).json()["state"]["title"] == "é" * 80


def test_a_title_over_80_characters_in_json_gets_400_naming_the_limit(client: TestClient) -> None:
    body = _error(client.post("/api/analyze", json={"title": "t" * 81}), 400)
    assert "at most 80 characters" in body["detail"]
    assert body["errors"][0]["loc"] == ["title"]
    assert client.post("/api/analyze", json={"title": "t" * 80}).status_code == 200


def test_a_compare_title_over_80_characters_gets_400(client: TestClient) -> None:
    body = _error(client.get("/api/analyze", params={"vs.title": "t" * 81}), 400)
    assert "`vs.title`" in body["detail"] and "80" in body["detail"]


@pytest.mark.parametrize("path", ["/", "/claims", "/about"])
def test_a_browser_opening_an_over_long_link_gets_a_page_not_json(client: TestClient, path: str) -> None:
    r = client.get(path + "?title=" + "x" * (MAX_QUERY + 1), headers={"accept": "text/html,*/*"})
    assert r.status_code == 414
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert "This link is too long to open" in r.text
    assert f"the limit is {MAX_QUERY} bytes" in r.text
    assert '<a href="/">' in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_an_api_client_sending_an_over_long_query_still_gets_json(client: TestClient) -> None:
    r = client.get("/api/analyze?title=" + "x" * (MAX_QUERY + 1), headers={"accept": "text/html"})
    assert r.status_code == 414
    assert r.json()["errors"][0]["loc"] == ["query"]
