"""Embeds in the browser (SPEC section 11): /embed framed by a page of another
origin loads light and whole, / in the same frame is refused, and the
estimator's Embed button copies a snippet that works."""

from __future__ import annotations

import json
import re
import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, FrameLocator, Page, expect

from .conftest import LiveServer, PageGuard, free_port
from .helpers import ready

BUDGET = 100 * 1024  # bytes transferred by the embed on a first visit
VIEW = "/embed?v=1&bug_fixes=0.3,0.42,0.6&title=Framed%20view&embed=bug_fixes"


class HostSite:
    """Another origin on loopback: serves whatever page a test sets at /host.html."""

    def __init__(self) -> None:
        self.page = b""
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path != "/host.html":
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("content-type", "text/html; charset=utf-8")
                self.send_header("content-length", str(len(site.page)))
                self.end_headers()
                self.wfile.write(site.page)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def serve(self, body: str) -> str:
        self.page = f"<!doctype html><html><head><meta charset='utf-8'><title>Host</title><link rel='icon' href='data:,'></head><body><h1>A blog post</h1>{body}</body></html>".encode()
        return self.origin + "/host.html"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.fixture(scope="module")
def host() -> Iterator[HostSite]:
    site = HostSite()
    yield site
    site.stop()


class Watch:
    """Console errors, hosts asked and bytes transferred by a page and its frames."""

    def __init__(self, page: Page, allowed: set[str]):
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.bytes: dict[str, int] = {}
        self.allowed = allowed
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("request", self._request)
        page.on("requestfinished", self._finished)

    def _console(self, msg: ConsoleMessage) -> None:
        if msg.type == "error":
            self.errors.append(msg.text)

    def _request(self, req: object) -> None:
        url = req.url  # type: ignore[attr-defined]
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and f"{parts.scheme}://{parts.netloc}" not in self.allowed:
            self.foreign.append(url)

    def _finished(self, req: object) -> None:
        sizes = req.sizes()  # type: ignore[attr-defined]
        self.bytes[req.url] = sizes["responseBodySize"] + sizes["responseHeadersSize"]  # type: ignore[attr-defined]


def _frame(page: Page) -> FrameLocator:
    """The host page's iframe; its locators wait for it (the snippet's frame loads lazily)."""
    return page.frame_locator("iframe")


def test_embed_in_a_page_of_another_origin(page: Page, live_server: LiveServer, host: HostSite) -> None:
    watch = Watch(page, {live_server.url, host.origin})
    page.goto(host.serve(f'<iframe id="f" src="{live_server.url}{VIEW}" width="600" height="770"></iframe>'))
    frame = _frame(page)
    expect(frame.locator("h1")).to_have_text("Framed view")
    expect(frame.locator("#embed-bars rect")).to_have_count(3)  # one bar a year
    expect(frame.locator("#embed-forecast .fc-mean")).to_have_count(1)
    expect(frame.locator("#embed-category figcaption")).to_have_text("Bug fixes")
    expect(frame.locator(".embed-key .embed-years")).to_contain_text("Bug fixes: 2024 2025 2026")
    expect(
        frame.locator("#embed-category polygon, #embed-category > svg circle, #embed-category > svg rect")
    ).not_to_have_count(0)
    # The frame is drawn, not blank: its charts have a size.
    box = frame.locator("#embed-bars svg").bounding_box()
    page.wait_for_load_state("load")
    assert box is not None and box["width"] > 200 and box["height"] > 100
    link = frame.get_by_role("link", name="Open the full view").last
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener")
    assert watch.errors == []
    assert watch.foreign == []
    app_bytes = {u: n for u, n in watch.bytes.items() if u.startswith(live_server.url)}
    assert any("/embed?" in u for u in app_bytes) and any("embed.css" in u for u in app_bytes)
    assert sum(app_bytes.values()) <= BUDGET, app_bytes
    assert not any("plotly" in u or u.endswith(".js") for u in app_bytes)


def test_the_estimator_in_the_same_frame_is_refused(page: Page, live_server: LiveServer, host: HostSite) -> None:
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "frame-ancestors" in m.text else None)
    page.goto(host.serve(f'<iframe id="f" src="{live_server.url}/?v=1" width="600" height="500"></iframe>'))
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    (frame,) = page.frames[1:]
    # Chromium swaps a refused frame for its error page: none of the estimator is there.
    assert frame.locator("#scurve-data").count() == 0
    assert any("frame-ancestors 'self'" in text for text in refused), refused


def test_embed_button_copies_a_snippet_that_works(
    page: Page, guard: PageGuard, live_server: LiveServer, host: HostSite
) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    ready(page, "/?v=1&bug_fixes=0.3,0.42,0.55")
    # Change the view first: the snippet must follow the address bar.
    page.locator("#state-title").click()
    page.keyboard.type('Mine & "yours"')
    page.keyboard.press("Enter")  # commits the title
    expect(page).to_have_url(re.compile("title=Mine"))
    page.locator("#card-bug_fixes .claims-btn").focus()
    page.keyboard.press("Tab")
    expect(page.locator("#card-bug_fixes .marker[data-year='2024']")).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"bug_fixes=0\.31,0\.42,0\.55"))
    button = page.get_by_role("button", name="Embed")
    expect(button).to_be_visible()
    button.click()
    # The button is renamed while it confirms: follow it by id.
    expect(page.locator("#embed-copy")).to_have_text("Copied ✓")
    expect(page.locator("#share-status")).to_contain_text("Embed code copied")
    snippet = page.evaluate("navigator.clipboard.readText()")
    match = re.fullmatch(
        r'<div style="container-type:inline-size;max-width:600px"><iframe src="([^"]+)" width="600" height="430" '
        r'style="display:block;width:100%;height:clamp\(430px,\(560px - 100cqw\) \* 1000,810px\);border:0" '
        r'loading="lazy" title="Mine &amp; &quot;yours&quot;"></iframe></div>',
        snippet,
    )
    assert match is not None, snippet
    src = match.group(1).replace("&amp;", "&")
    assert src.startswith(live_server.url + "/embed?v=2&")
    assert "bug_fixes=0.31,0.42,0.55" in src and "title=Mine%20%26%20%22yours%22" in src

    other = page.context.new_page()
    watch = Watch(other, {live_server.url, host.origin})
    other.goto(host.serve(snippet))
    frame = _frame(other)
    expect(frame.locator("h1")).to_have_text('Mine & "yours"')
    expect(frame.locator("#embed-bars rect")).to_have_count(3)
    assert watch.errors == [] and watch.foreign == []
    other.close()


def test_embed_button_falls_back_to_a_selected_box(page: Page, guard: PageGuard) -> None:
    page.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'clipboard', {get() { return undefined; }, configurable: true});"
    )
    ready(page, "/?v=1&title=Boxed")
    page.get_by_role("button", name="Embed").click()
    field = page.locator("#embed-fallback-input")
    expect(field).to_be_visible()
    expect(field).to_be_focused()
    value = field.input_value()
    assert '<iframe src="' + page.evaluate("location.origin") + "/embed?v=2&amp;" in value
    assert 'title="Boxed"' in value


# -- an embed that fits its frame -------------------------------------------------------------

#: Every chart of /embed is drawn 360 x 220 (routes/embed.py).
CHART_RATIO = 220 / 360


def fit_of(page: Page) -> dict[str, object]:
    """Inside the host page's frame: its size, how far its page scrolls, where
    its last line ends, and each chart's drawn size."""
    frame = page.frames[1]
    expect(frame.locator(".embed-foot")).to_be_visible()
    return dict(
        frame.evaluate(
            """() => ({
                height: innerHeight,
                width: innerWidth,
                scroll: document.documentElement.scrollHeight - document.documentElement.clientHeight,
                bottom: document.querySelector('.embed-foot').getBoundingClientRect().bottom,
                charts: [...document.querySelectorAll('.embed-chart > svg')].map(s => {
                    const r = s.getBoundingClientRect();
                    return [r.width, r.height];
                }),
                columns: getComputedStyle(document.querySelector('.embed-charts')).gridTemplateColumns.split(' ').length,
            })"""
        )
    )


def natural(fit: dict[str, object]) -> float:
    """A chart's height at its column's width (at most 220 px): the size it is drawn at when nothing is short."""
    cols = int(fit["columns"])  # type: ignore[call-overload]
    column = (float(fit["width"]) - 28 - (cols - 1) * 18) / cols  # type: ignore[arg-type]
    return min(column * CHART_RATIO, 220)


def assert_fits(fit: dict[str, object], charts: int) -> None:
    assert fit["scroll"] == 0, fit  # no scrolling inside the frame
    assert float(fit["bottom"]) <= float(fit["height"]), fit  # type: ignore[arg-type]
    drawn = fit["charts"]
    assert isinstance(drawn, list) and len(drawn) == charts
    for _, h in drawn:
        assert abs(h - natural(fit)) <= 2, (fit, natural(fit))  # every chart at its full size


@pytest.mark.parametrize(("viewport", "frame_width", "columns"), [(375, 359, 1), (616, 600, 2), (600, 584, 2)])
def test_the_embed_buttons_snippet_shows_the_whole_embed(
    page: Page, guard: PageGuard, live_server: LiveServer, host: HostSite, viewport: int, frame_width: int, columns: int
) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    ready(page, "/?v=1&bug_fixes=0.3,0.42,0.55&bug_fixes.lo=,0.37,&bug_fixes.hi=,0.47,")
    page.get_by_role("button", name="Embed").click()
    expect(page.locator("#embed-copy")).to_have_text("Copied ✓")
    snippet = page.evaluate("navigator.clipboard.readText()")
    # The server's oEmbed answer for the same view is the same snippet.
    with urllib.request.urlopen(f"{live_server.url}/oembed?url={quote(page.url, safe='')}") as r:
        assert json.load(r)["html"] == snippet

    other = page.context.new_page()
    other.set_viewport_size({"width": viewport, "height": 900})
    other.goto(host.serve(snippet))  # the host page has an 8 px margin
    fit = fit_of(other)
    assert (fit["width"], fit["columns"]) == (frame_width, columns)
    assert fit["height"] == (430 if columns == 2 else 810)
    assert_fits(fit, 2)
    other.close()


@pytest.mark.parametrize("maxwidth", [375, 600])
def test_the_oembed_answer_with_a_category_fits(
    page: Page, live_server: LiveServer, host: HostSite, maxwidth: int
) -> None:
    url = f"{live_server.url}/embed?v=1&bug_fixes=0.3,0.42,0.55&embed=supercomputer_infrastructure"
    with urllib.request.urlopen(f"{live_server.url}/oembed?maxwidth={maxwidth}&url={quote(url, safe='')}") as r:
        answer = json.load(r)
    assert answer["width"] == maxwidth
    page.set_viewport_size({"width": maxwidth + 16, "height": 1200})
    page.goto(host.serve(answer["html"]))
    fit = fit_of(page)
    assert (fit["width"], fit["height"]) == (answer["width"], answer["height"])
    assert_fits(fit, 3)
    # The category's chart is drawn as large as the other two: the same scale, the same type.
    widths = {round(w) for w, _ in fit["charts"]}  # type: ignore[union-attr]
    assert len(widths) == 1, fit


def test_a_frame_shorter_than_asked_shrinks_the_charts_not_scrolls(
    page: Page, live_server: LiveServer, host: HostSite
) -> None:
    page.set_viewport_size({"width": 700, "height": 900})
    page.goto(
        host.serve(f'<iframe src="{live_server.url}/embed?v=1" width="600" height="360" style="border:0"></iframe>')
    )
    fit = fit_of(page)
    assert fit["scroll"] == 0 and float(fit["bottom"]) <= 360  # type: ignore[arg-type]
    heights = [h for _, h in fit["charts"]]  # type: ignore[union-attr]
    assert all(90 <= h < natural(fit) - 20 for h in heights), fit


def test_embed_names_its_icon(page: Page, live_server: LiveServer) -> None:
    icons: list[int] = []
    page.on("response", lambda r: icons.append(r.status) if "favicon" in r.url else None)
    page.goto(f"{live_server.url}/embed?v=1")
    href = page.locator("link[rel='icon']").get_attribute("href") or ""
    assert href.startswith("/static/") and "favicon" in href
    with urllib.request.urlopen(live_server.url + href) as r:
        assert r.status == 200 and r.headers["content-type"] == "image/png"
    assert 404 not in icons
