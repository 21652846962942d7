"""Security headers on every response, and text from the URL escaped wherever
the server writes it.  (tests/e2e/test_csp.py checks the same in Chromium.)"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.static import PLOTLY_URL
from scurve.catalog import CATEGORY_IDS

# -- headers ------------------------------------------------------------------------

REQUESTS: list[tuple[str, str, dict[str, Any]]] = [
    ("GET", "/", {}),
    ("GET", "/?bug_fixes=2&title=x", {}),
    ("GET", "/claims", {}),
    ("GET", "/about", {}),
    ("GET", "/docs", {}),
    ("GET", "/openapi.json", {}),
    ("GET", "/healthz", {}),
    ("GET", "/api/categories", {}),
    ("GET", "/api/analyze", {}),
    ("GET", "/api/analyze?years=2026,2024", {}),
    ("POST", "/api/analyze", {"json": {"title": "x"}}),
    ("POST", "/api/analyze", {"content": b"{", "headers": {"content-type": "application/json"}}),
    ("GET", "/export.csv", {}),
    (
        "POST",
        "/api/import",
        {"content": b"category_id,year,position\r\nbug_fixes,2024,0.3\r\n", "headers": {"content-type": "text/csv"}},
    ),
    ("POST", "/api/import", {"content": b"x", "headers": {"content-type": "text/plain"}}),
    ("GET", "/api/curve?midpoint=2", {}),
    ("GET", "/api/claims", {}),
    ("GET", "/api/claims?category=nope", {}),
    ("GET", "/static/app.css", {}),
    ("GET", PLOTLY_URL, {}),
    ("GET", "/static/no-such-file.js", {}),
    ("GET", "/no-such-page", {}),
    ("DELETE", "/healthz", {}),
    ("GET", "/api/analyze?title=" + "x" * 9000, {}),
    ("POST", "/api/analyze", {"content": b"x" * (1024 * 1024 + 1), "headers": {"content-type": "application/json"}}),
]


def _directives(csp: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in csp.split(";"):
        name, *values = part.split()
        out[name] = values
    return out


def check_headers(headers: Any) -> None:
    csp = _directives(headers["content-security-policy"])
    # Scripts only from the app: no inline code, no eval, no other host.
    assert csp["script-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]
    # Plotly sets inline styles and exports PNGs through data: and blob: images.
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["img-src"] == ["'self'", "data:", "blob:"]
    assert csp["connect-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    # Framing only by the app itself (and X-Frame-Options for old browsers).
    assert csp["frame-ancestors"] == ["'self'"]
    assert headers["x-frame-options"] == "SAMEORIGIN"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    for values in csp.values():
        assert not any(v.startswith(("http:", "https:", "*")) or "." in v for v in values), csp


@pytest.mark.parametrize(("method", "path", "kwargs"), REQUESTS, ids=lambda x: x if isinstance(x, str) else "")
def test_every_response_carries_the_security_headers(
    client: TestClient, method: str, path: str, kwargs: dict[str, Any]
) -> None:
    r = client.request(method, path, **kwargs)
    check_headers(r.headers)


def test_the_requests_above_cover_every_kind_of_answer(client: TestClient) -> None:
    statuses = {client.request(m, p, **kw).status_code for m, p, kw in REQUESTS}
    assert {200, 400, 404, 405, 413, 414, 415} <= statuses


def test_a_not_modified_static_file_carries_the_headers(client: TestClient) -> None:
    etag = client.get("/static/app.css").headers["etag"]
    r = client.get("/static/app.css", headers={"if-none-match": etag})
    assert r.status_code == 304
    check_headers(r.headers)


def test_a_gzipped_response_carries_the_headers(client: TestClient) -> None:
    r = client.get("/api/categories", headers={"accept-encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"
    check_headers(r.headers)


def test_a_crash_answers_500_with_the_headers_and_the_error_shape() -> None:
    app = create_app()

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/boom")
    assert r.status_code == 500
    check_headers(r.headers)
    body = r.json()
    assert set(body) == {"detail", "errors"} and "a bug" not in r.text  # nothing leaks


def test_docs_are_served_by_the_app_without_inline_script(client: TestClient) -> None:
    page = client.get("/docs").text
    scripts = _Tags.of(page).scripts
    assert scripts, "the docs page starts Swagger UI from a file"
    for attrs, text in scripts:
        assert attrs.get("src", "").startswith("/static/"), attrs
        assert text.strip() == ""
    for url in [a["src"] for a, _ in scripts] + _Tags.of(page).stylesheets:
        assert url.startswith("/static/")
        assert client.get(url).status_code == 200
    assert "cdn" not in page.lower()
    assert client.get("/redoc").status_code == 404


# -- escaping -------------------------------------------------------------------------

MARKER = "pwn"
PAYLOADS = [
    f'"><script>window.{MARKER}=1</script>',
    f"</script><script>window.{MARKER}=2</script>",
    f"<img src=x onerror=window.{MARKER}=3>",
    f"'><svg onload=window.{MARKER}=4>",
    f"<!--<script>window.{MARKER}=5//-->",
    "{{7*7}}{% raw %}",
    "javascript:alert(1)",
]


def injection_queries() -> list[str]:
    """The payloads through every parameter: title, positions, curves,
    weights, years, horizon, version, unknown names, and the vs. state."""
    queries = []
    for i, payload in enumerate(PAYLOADS):
        p = quote(payload, safe="")
        cid = CATEGORY_IDS[i % len(CATEGORY_IDS)]
        queries += [
            f"title={p}",
            f"vs.title={p}",
            f"{cid}={p}",
            f"{cid}=0.1,{p},0.3",
            f"{cid}.curve={p}",
            f"{cid}.w={p}",
            f"vs.{cid}={p}",
            f"years={p}",
            f"horizon={p}",
            f"v={p}",
            f"{p}=1",
            f"vs.{p}=1",
            f"title={p}&{p}={p}&vs.title={p}&{cid}={p}",
        ]
    return queries


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.stylesheets: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self._in_script: dict[str, str] | None = None
        self._text = ""

    @classmethod
    def of(cls, html: str) -> _Tags:
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        self.handlers += [(tag, k) for k in a if k.startswith("on")]
        if tag == "script":
            self._in_script, self._text = a, ""
        if tag == "link" and a.get("rel") == "stylesheet":
            self.stylesheets.append(a["href"])

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script is not None:
            self.scripts.append((self._in_script, self._text))
            self._in_script = None


@pytest.fixture(scope="module")
def clean_page(client: TestClient) -> _Tags:
    return _Tags.of(client.get("/").text)


@pytest.mark.parametrize("query", injection_queries())
def test_text_from_the_link_is_never_markup_in_the_page(client: TestClient, clean_page: _Tags, query: str) -> None:
    r = client.get("/?" + query)
    assert r.status_code == 200
    page = _Tags.of(r.text)
    # No element the payloads carry was added, and no handler anywhere ...
    for tag in ("script", "img", "svg", "iframe"):
        assert page.tags.count(tag) == clean_page.tags.count(tag), tag
    assert page.handlers == []
    # ... and every script is a file of the app or a JSON data block that
    # still parses (a payload that closed the block would break it).
    for attrs, text in page.scripts:
        if "src" in attrs:
            assert attrs["src"].startswith("/static/") and text.strip() == ""
        else:
            assert attrs.get("type") == "application/json", attrs
            json.loads(text)
    for raw in ("<script>window.", "<img src=x", "<svg onload", "<!--<script>"):
        assert raw not in r.text


@pytest.mark.parametrize("query", injection_queries()[:13])
def test_text_from_the_link_comes_back_from_the_api_as_json_data(client: TestClient, query: str) -> None:
    for path in ("/api/analyze", "/export.csv"):
        r = client.get(f"{path}?{query}")
        assert r.status_code in (200, 400)
        check_headers(r.headers)  # nosniff: a browser never reads it as HTML
        assert r.headers["content-type"].split(";")[0] in ("application/json", "text/csv")
        if r.headers["content-type"].startswith("application/json"):
            r.json()
