"""The pages under the Content-Security-Policy in Chromium, and text from the
URL never live in the page.

Chromium reports a blocked script, style or image as a console error (the
`guard` fixture fails the test on it) and fires `securitypolicyviolation`;
an init script (added over CDP, so the policy does not block it) turns each
such event into a console error and a list the test reads.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, Response, expect

from scurve.catalog import CATEGORY_IDS

from .conftest import PageGuard

LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
  console.error("CSP violation: " + e.violatedDirective + " blocked " + e.blockedURI);
});
"""


def _recording(page: Page) -> tuple[Page, list[Response], list[str]]:
    page.add_init_script(LISTEN)
    responses: list[Response] = []
    dialogs: list[str] = []
    page.on("response", lambda r: responses.append(r))

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return page, responses, dialogs


@pytest.fixture
def csp_page(page: Page, guard: PageGuard) -> tuple[Page, list[Response], list[str]]:
    """A page that records CSP violations, every response, and any dialog (dismissed);
    `guard` fails the test on a console error or a request to another host."""
    return _recording(page)


@pytest.fixture
def error_page(page: Page) -> tuple[Page, list[Response], list[str]]:
    """The same without `guard`: Chromium logs a 4xx document as a console error."""
    return _recording(page)


READY = {
    "/": "body[data-ready='true']",
    "/claims": "#claims-timeline .scatterlayer .point",
    "/about": "main h1",
    "/docs": ".swagger-ui .opblock",
}


@pytest.mark.parametrize("path", list(READY))
def test_the_page_works_under_the_policy(csp_page: tuple[Page, list[Response], list[str]], path: str) -> None:
    page, responses, _ = csp_page
    page.goto(path)
    expect(page.locator(READY[path]).first).to_be_attached(timeout=20_000)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__csp") == []
    # Every document, script, style and data response carried the policy.
    assert responses
    for r in responses:
        assert "script-src 'self'" in (r.headers.get("content-security-policy") or ""), r.url


def test_docs_list_every_operation_from_the_local_swagger_ui(csp_page: tuple[Page, list[Response], list[str]]) -> None:
    page, responses, _ = csp_page
    page.goto("/docs")
    ops = page.locator(".swagger-ui .opblock-summary-path")
    expect(ops.first).to_be_visible(timeout=20_000)
    paths = set(ops.all_inner_texts())
    assert {"/api/analyze", "/api/import", "/export.csv", "/healthz"} <= {p.replace("\u200b", "") for p in paths}
    assert any("/static/vendor/swagger-ui-" in r.url for r in responses)


# -- escaping -------------------------------------------------------------------------

MARK = "pwned"
PAYLOADS = [
    f'"><script>window.{MARK}=1;alert(1)</script>',
    f"</script><script>window.{MARK}=2;alert(2)</script>",
    f'<img src=x onerror="window.{MARK}=3;alert(3)">',
    "'><svg onload=alert(4)>",
    f"<iframe srcdoc='<script>parent.{MARK}=5</script>'></iframe>",
]


def _everywhere(payload: str) -> str:
    """The payload through every kind of parameter at once."""
    p = quote(payload, safe="")
    parts = [
        f"title={p}",
        f"vs.title={p}",
        f"{p}=1",
        f"vs.{p}=2",
        f"bug_fixes={p}",
        f"chip_design.curve={p}",
        f"synthetic_data.w={p}",
        f"horizon={p}",
        f"vs.{CATEGORY_IDS[1]}={p}",
        f"{CATEGORY_IDS[2]}=0.1,{p},0.3",
    ]
    return "&".join(parts)


INJECTED = (
    "img[src='x'], svg[onload], iframe, "
    "script:not([src]):not([type='application/json']), [onerror], [onload], [onclick]"
)


def _assert_inert(page: Page, dialogs: list[str]) -> None:
    page.wait_for_timeout(300)  # give an injected handler its chance to run
    assert dialogs == []
    assert page.evaluate(f"typeof window.{MARK}") == "undefined"
    assert page.locator(INJECTED).count() == 0
    assert page.evaluate("window.__csp") == []


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_link_text_is_shown_as_text_on_the_estimator(
    csp_page: tuple[Page, list[Response], list[str]], payload: str
) -> None:
    page, _, dialogs = csp_page
    page.goto("/?" + _everywhere(payload))
    expect(page.locator("body[data-ready='true']")).to_be_attached(timeout=20_000)
    _assert_inert(page, dialogs)
    # The title is echoed, as text: the reader sees exactly what the link said.
    expect(page.locator("#page-title")).to_have_text(payload)
    assert payload in page.title()
    # The link's problems and ignored names are shown too, as text.
    messages = page.locator("#messages").inner_text()
    assert "bug_fixes" in messages and "ignored unknown parameter" in messages


def test_link_text_stays_text_after_the_page_rewrites_itself(csp_page: tuple[Page, list[Response], list[str]]) -> None:
    """Drag-free interaction: undo/redo and the year tools re-render from state that holds the title."""
    page, _, dialogs = csp_page
    page.goto("/?" + _everywhere(PAYLOADS[2]) + "&years=2024,2025,2026")
    expect(page.locator("body[data-ready='true']")).to_be_attached(timeout=20_000)
    page.locator("#horizon").fill("2040")
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    _assert_inert(page, dialogs)
    state = page.evaluate("window.scurve.getState()")
    assert state["title"] == PAYLOADS[2]


@pytest.mark.parametrize("path", ["/api/analyze", "/claims", "/about", "/no-such-page"])
def test_link_text_is_inert_on_every_other_route(error_page: tuple[Page, list[Response], list[str]], path: str) -> None:
    page, _, dialogs = error_page
    for payload in PAYLOADS[:3]:
        response = page.goto(f"{path}?{_everywhere(payload)}&category={quote(payload, safe='')}")
        assert response is not None and response.status < 500
        _assert_inert(page, dialogs)
