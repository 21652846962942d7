"""One error path: every refusal, from a route, a dependency, the router or the
limits middleware, answers with the same body written in one place (app/errors.py)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.errors import HttpError, error_body
from scurve.errors import Problem
from scurve.limits import MAX_BODY, MAX_QUERY

CASES: list[tuple[str, str, dict[str, Any], int, list[str | int]]] = [
    ("GET", "/api/analyze?horizon=x", {}, 400, ["query", "horizon"]),
    ("POST", "/api/analyze", {"content": b"{}", "headers": {"content-type": "text/plain"}}, 415, ["header", "content-type"]),
    ("POST", "/api/analyze", {"content": b"x" * (MAX_BODY + 1), "headers": {"content-type": "application/json"}}, 413, ["body"]),
    ("GET", "/api/analyze?title=" + "x" * MAX_QUERY, {}, 414, ["query"]),
    ("GET", "/api/curve?steepness=100", {}, 400, ["query", "steepness"]),
    ("PUT", "/api/analyze", {}, 405, []),
    ("GET", "/no/such/route", {}, 404, []),
    ("GET", "/static/no-such-file.js", {}, 404, ["path"]),
    ("GET", "/oembed?url=http://testserver/&format=xml", {}, 501, ["query", "format"]),
    ("GET", "/oembed?url=http://elsewhere.example/", {}, 404, ["query", "url"]),
    ("GET", "/api/views/nope", {}, 404, ["path", "view_id"]),
    ("POST", "/api/views", {"json": {}, "headers": {"origin": "http://elsewhere.example"}}, 403, ["header", "origin"]),
]


@pytest.mark.parametrize(("method", "url", "kw", "status", "loc"), CASES, ids=[f"{c[3]} {c[1][:40]}" for c in CASES])
def test_every_refusal_has_the_one_body(
    client: TestClient, method: str, url: str, kw: dict[str, Any], status: int, loc: list[str | int]
) -> None:
    r = client.request(method, url, **kw)
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert set(body) == {"detail", "errors"} and body["detail"]
    assert body["errors"] and all(set(e) == {"loc", "msg", "value"} for e in body["errors"])
    assert body["errors"][0]["loc"] == loc
    if len(body["errors"]) == 1:
        assert body["detail"].endswith(body["errors"][0]["msg"])


def test_405_names_every_method_of_the_path(client: TestClient) -> None:
    r = client.put("/api/analyze")
    assert r.headers["allow"] == "GET, POST"


def test_an_http_error_writes_its_problems_and_detail() -> None:
    problems = [Problem(("query", "a"), "`a` is bad", "x"), Problem(("query", "b"), "`b` is bad", None)]
    exc = HttpError(400, problems)
    assert exc.body() == error_body("2 problems: `a` is bad; `b` is bad", problems)
    assert exc.body()["errors"] == [
        {"loc": ["query", "a"], "msg": "`a` is bad", "value": "x"},
        {"loc": ["query", "b"], "msg": "`b` is bad", "value": None},
    ]
    one = HttpError.one(429, ("client",), "slow down", headers={"Retry-After": "60"})
    assert one.status == 429 and one.detail == "slow down" and one.response().headers["retry-after"] == "60"
