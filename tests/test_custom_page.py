"""The estimator page with the state's own categories (SPEC section 9), as
the server renders it: a card per category in its group, in page order,
with its first-paint chart; the names escaped everywhere; the panel's
heading counting them; the Leave-out toggle reflecting weight 0."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from fastapi.testclient import TestClient

from app.cards import panel_title

HOSTILE = '<img src=x onerror=alert(1)>"\u05d0'


def page(client: TestClient, query: str) -> str:
    r = client.get("/?" + query)
    assert r.status_code == 200
    return r.text


def card_ids(html: str) -> list[str]:
    return re.findall(r'<article class="card[^"]*" id="card-([\w]+)"', html)


def test_cards_follow_the_groups_built_in_first(client: TestClient) -> None:
    html = page(client, "u2.name=Second&u2.group=Data&u1.name=First&u3.name=Third&u3.group=Mine")
    ids = card_ids(html)
    assert len(ids) == 13
    # Data's built-in cards, then u2; "Your categories" (u1), then the new group Mine (u3) last.
    data_block = html[html.index('data-group="Data"') : html.index('data-group="Conceptual"')]
    assert card_ids(data_block) == ["data_cleaning_ordering", "synthetic_data", "u2"]
    assert ids[-2:] == ["u1", "u3"]
    assert html.index('data-group="Your categories"') < html.index('data-group="Mine"')
    # Each custom card has the server's drawing of its curve.
    for cid in ("u1", "u2", "u3"):
        block = html[html.index(f'id="card-{cid}"') :]
        assert block.index('class="plot-static"') < block.index("</article>")
    data = json.loads(html[html.index('id="scurve-data">') + 17 : html.index("</script>", html.index("scurve-data"))])
    assert set(data["samples"]) >= {"u1", "u2", "u3"}
    assert len(data["custom_samples"]["uplift"]) == len(data["samples"]["bug_fixes"]["uplift"])


def test_a_hostile_name_is_escaped_everywhere(client: TestClient) -> None:
    html = page(client, f"u1.name={quote(HOSTILE)}&u1.q={quote('<b>q</b>')}&u1=0.2,0.3,0.4")
    assert "<img" not in html and "<b>q</b>" not in html
    escaped = "&lt;img src=x onerror=alert(1)&gt;&#34;\u05d0"
    assert f'<h3 id="name-u1">{escaped}</h3>' in html
    assert f'aria-label="Save PNG of the {escaped} chart"' in html
    assert f'<tr><th scope="row">{escaped}</th>' in html  # the no-JavaScript table
    assert '<p class="question">&lt;b&gt;q&lt;/b&gt;</p>' in html
    # The page data cannot close its script element.
    script = html[html.index('id="scurve-data">') : html.index("</script>", html.index("scurve-data"))]
    assert "<" not in script[len('id="scurve-data">') :]
    # Link previews say no category name; the preview image's URL carries
    # the state, percent-encoded.
    metas = "".join(re.findall(r"<meta [^>]*>", html))
    assert "onerror=" not in metas and "&lt;img" not in metas and "<img" not in metas
    assert "u1.name=%3Cimg%20src%3Dx%20onerror%3Dalert%281%29" in metas


def test_panel_heading_counts_and_leave_out_reflects_weight_zero(client: TestClient) -> None:
    assert '<h2 id="panel-title">Across all ten</h2>' in page(client, "")
    html = page(client, "u1.name=A&u1.w=0&u2.name=B&bug_fixes.w=0")
    assert '<h2 id="panel-title">Across all twelve</h2>' in html
    checked = re.findall(r'id="card-(\w+)"[^>]*>(?:(?!</article>).)*?class="leave-out-box" checked', html, re.S)
    assert sorted(checked) == ["bug_fixes", "u1"]


def test_panel_title_words() -> None:
    assert [panel_title(n) for n in (1, 10, 11, 20, 21)] == [
        "Across all one",
        "Across all ten",
        "Across all eleven",
        "Across all twenty",
        "Across all 21",
    ]
