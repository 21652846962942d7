"""GET /api/claims, and the server-rendered /claims and /about pages."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from scurve import CATEGORY_IDS

FIELDS = ["id", "date", "organization", "subject", "quote", "source", "stance", "categories", "note"]
NEWEST_FIRST = [
    ("2026-03-19", "minimax-m2-7-2026-03-19"),
    ("2026-03-11", "anthropic-claude-2026-03-11"),
    ("2026-03-10", "karpathy-autoresearch-2026-03-10"),
    ("2026-03-05", "openai-gpt-5-4-2026-03-05"),
    ("2026-02-06", "openai-gpt-5-3-codex-2026-02-06"),
    ("2026-02-05", "anthropic-claude-opus-4-6-2026-02-05"),
    ("2026-02-05", "openai-gpt-5-3-codex-2026-02-05"),
    ("2025-07-24", "anthropic-claude-code-2025-07-24"),
    ("2024-09-26", "google-deepmind-alphachip-2024-09-26"),
]
CATEGORY_RULE = "`category` must be a category id (" + ", ".join(CATEGORY_IDS) + ")"


def test_the_list_has_exactly_the_contract_fields_newest_first_ties_by_id(client: TestClient) -> None:
    r = client.get("/api/claims")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert [list(c) for c in body] == [FIELDS] * 9
    assert [(c["date"], c["id"]) for c in body] == NEWEST_FIRST


def test_one_claim_in_full(client: TestClient) -> None:
    nbc = next(c for c in client.get("/api/claims").json() if c["id"] == "openai-gpt-5-3-codex-2026-02-06")
    assert nbc["organization"] == "OpenAI" and nbc["subject"] == "GPT-5.3-Codex"
    assert nbc["source"] == "NBC" and nbc["stance"] == "for"
    assert nbc["categories"] == ["supporting_structures", "data_cleaning_ordering"]
    assert "using Codex to 'babysit' or monitor that training run" in nbc["quote"]


@pytest.mark.parametrize(
    ("category", "ids"),
    [
        ("chip_design", ["google-deepmind-alphachip-2024-09-26"]),
        (
            "closed_loop_optimisation",
            [
                "minimax-m2-7-2026-03-19",
                "karpathy-autoresearch-2026-03-10",
                "anthropic-claude-opus-4-6-2026-02-05",
            ],
        ),
        ("surfacing_ideas", []),
    ],
)
def test_the_category_filter(client: TestClient, category: str, ids: list[str]) -> None:
    r = client.get("/api/claims", params={"category": category})
    assert r.status_code == 200
    assert [c["id"] for c in r.json()] == ids
    assert all(category in c["categories"] for c in r.json())


@pytest.mark.parametrize("value", ["chips", "", "Chip_Design", "chip_design "])
def test_an_unknown_category_is_a_400_that_names_it(client: TestClient, value: str) -> None:
    r = client.get("/api/claims", params={"category": value})
    assert r.status_code == 400
    msg = f"{CATEGORY_RULE}, got {value!r}"
    assert r.json() == {"detail": msg, "errors": [{"loc": ["query", "category"], "msg": msg, "value": value}]}


def test_the_filter_is_documented_in_the_openapi_schema(client: TestClient) -> None:
    op = client.get("/openapi.json").json()["paths"]["/api/claims"]["get"]
    assert [p["name"] for p in op["parameters"]] == ["category"]
    assert "400" in op["responses"]


# -- /claims, server-rendered ---------------------------------------------------------


class _Cards(HTMLParser):
    """Collects the claim cards of /claims and whether each is hidden."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: dict[str, bool] = {}
        self.data: str | None = None
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "li" and "pg-claim" in (a.get("class") or "").split():
            self.cards[str(a["data-id"])] = "hidden" in a
        if tag == "script" and a.get("id") == "claims-data":
            self._in_data = True

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data = data
            self._in_data = False


def _cards(html: str) -> _Cards:
    parser = _Cards()
    parser.feed(html)
    return parser


def test_claims_page_renders_every_claim_visible_newest_first(client: TestClient) -> None:
    r = client.get("/claims")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = _cards(r.text)
    assert list(page.cards) == [cid for _, cid in NEWEST_FIRST]
    assert not any(page.cards.values())
    assert "All 9 statements, newest first." in r.text


def test_claims_page_filters_on_the_server_without_javascript(client: TestClient) -> None:
    r = client.get("/claims?category=data_cleaning_ordering")
    page = _cards(r.text)
    visible = [cid for cid, hidden in page.cards.items() if not hidden]
    assert visible == ["openai-gpt-5-3-codex-2026-02-06"]
    assert "1 of 9 statements bear on <strong>Data cleaning and ordering</strong>." in r.text
    assert re.search(r'<option value="data_cleaning_ordering" selected>', r.text)
    assert re.search(r'<p class="pg-empty" id="claims-empty" hidden>', r.text)


def test_claims_page_with_a_category_no_claim_bears_on_says_so(client: TestClient) -> None:
    r = client.get("/claims?category=synthetic_data")
    assert all(_cards(r.text).cards.values())
    assert re.search(r'<p class="pg-empty" id="claims-empty">', r.text)
    assert '<strong id="claims-empty-name">Synthetic data</strong>' in r.text


def test_claims_page_with_an_unknown_category_shows_the_problem_and_everything(client: TestClient) -> None:
    r = client.get("/claims?category=%3Cb%3Echips")
    assert r.status_code == 200
    assert "got &#39;&lt;b&gt;chips&#39;. Showing every statement." in r.text
    assert "<b>chips" not in r.text
    assert not any(_cards(r.text).cards.values())


def test_claims_page_hands_its_data_over_as_json(client: TestClient) -> None:
    page = _cards(client.get("/claims?category=chip_design").text)
    assert page.data is not None
    data = json.loads(page.data)
    assert data["selected"] == "chip_design"
    assert [c["id"] for c in data["claims"]] == [cid for _, cid in NEWEST_FIRST]
    assert [c["id"] for c in data["categories"]] == list(CATEGORY_IDS)
    assert data["stances"] == {"for": "For", "against": "Against", "mixed": "Mixed"}


def test_claim_cards_link_each_category_to_the_estimator(client: TestClient) -> None:
    html = client.get("/claims").text
    card = html[html.index('id="claim-anthropic-claude-opus-4-6-2026-02-05"') :]
    card = card[: card.index("</li>")]
    assert re.findall(r'href="(/#cat-[a-z_]+)"', card) == [
        "/#cat-automated_experiments",
        "/#cat-closed_loop_optimisation",
        "/#cat-qualitative_research",
    ]
    assert "Mixed" in card and "Quoted in the essay's appendix" in card


def test_claims_page_counts_per_category_in_the_filter(client: TestClient) -> None:
    html = client.get("/claims").text
    assert ">Automated experiments (5)</option>" in html
    assert ">Supporting structures (4)</option>" in html
    assert ">Supercomputer layout and infrastructure (0)</option>" in html


# -- /about ---------------------------------------------------------------------------


def test_about_page_gives_the_formulas_as_mathml(client: TestClient) -> None:
    r = client.get("/about")
    assert r.status_code == 200
    for name in ("sigmoid", "uplift", "supercritical", "band", "aggregates", "trajectory", "years", "forecast"):
        assert f'data-formula="{name}"' in r.text
    assert r.text.count('<math display="block">') >= 12


def test_about_page_worked_example_comes_from_the_model(client: TestClient) -> None:
    """The default band (0.2937, 0.7063) and z = 10 * 0.2063 = 2.0634 (docs/DESIGN.md §3.1)."""
    text = client.get("/about").text
    assert "from 0.2937 to 0.7063" in text
    assert "<mn>2.0634</mn>" in text
    assert "(2.5 for the default curve)" in text


def test_about_page_says_what_the_forecast_does_not_claim(client: TestClient) -> None:
    text = client.get("/about").text
    assert "always rises and then falls" in text
    assert "not from\nanything known about the future" in text
    for caveat in ("The categories overlap.", "The axes have no units.", "The default marks are illustrative."):
        assert caveat in text
    assert 'href="/docs"' in text


def test_about_page_permalink_example_is_a_valid_link(client: TestClient) -> None:
    text = client.get("/about").text
    link = re.search(r'class="pg-example-link"><a href="([^"]+)"', text)
    assert link is not None
    query = link.group(1).replace("&amp;", "&").removeprefix("/?")
    r = client.get("/api/analyze?" + query)
    assert r.status_code == 200 and r.json()["warnings"] == []
    assert r.json()["state"]["estimates"]["bug_fixes"] == {"2025": 0.5, "2026": 0.7}
