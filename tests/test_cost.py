"""The cost budget: a request's work is estimated from its state before
anything is computed, and a view over the budget gets 422 naming what to
reduce, on every route that analyses; every view a person would build fits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from scurve import CATEGORY_IDS, Catalog, default_state, parse_query
from scurve.cost import BUDGET, STAGES, TooCostlyError, analysis_cost, check_cost, remedies, view_cost
from scurve.uncertainty import SAMPLES


def years(a: int, b: int) -> str:
    return ",".join(str(y) for y in range(a, b + 1))


def same(value: str, n: int) -> str:
    return ",".join([value] * n)


def view(
    prefix: str = "",
    *,
    yrs: tuple[int, int] = (2024, 2026),
    horizon: int = 2030,
    fb: float = 0,
    ranged: bool = False,
    custom: int = 0,
) -> str:
    """A link (or its `vs.` half): every built-in category and `custom` of
    your own estimated in every year, with a 90% range on each if `ranged`."""
    n = yrs[1] - yrs[0] + 1
    parts = [f"{prefix}years={years(*yrs)}", f"{prefix}horizon={horizon}", f"{prefix}fb={fb:g}"]
    ids = [*CATEGORY_IDS, *(f"u{i}" for i in range(1, custom + 1))]
    for cid in ids:
        if cid.startswith("u"):
            parts.append(f"{prefix}{cid}.name=Mine%20{cid}")
        parts.append(f"{prefix}{cid}={same('0.5', n)}")
        if ranged:
            parts += [f"{prefix}{cid}.lo={same('0.4', n)}", f"{prefix}{cid}.hi={same('0.6', n)}"]
    return "&".join(parts)


# The link of the attack: two years from 2000, horizon 2100, the strongest
# feedback, ranges on 10 built-in and 10 custom categories, the same again
# to compare with, and a tracking parameter that changes on every request.
ATTACK = (
    "v=1&"
    + view(yrs=(2000, 2001), horizon=2100, fb=3, ranged=True, custom=10)
    + "&"
    + view("vs.", yrs=(2000, 2001), horizon=2100, fb=3, ranged=True, custom=10)
)

PERSON_VIEWS = {
    "ten years to 2100, strongest feedback, ten of your own, compared with the same": "v=1&"
    + view(yrs=(2017, 2026), horizon=2100, fb=3, custom=10)
    + "&"
    + view("vs.", yrs=(2017, 2026), horizon=2100, fb=3, custom=10),
    "a range on all 30 default estimates, horizon 2030, feedback": "v=1&" + view(fb=2, ranged=True),
    "two such views compared": "v=1&" + view(fb=2, ranged=True) + "&" + view("vs.", fb=1, ranged=True),
    "ranges on 20 categories, compared with the same": "v=1&"
    + view(fb=3, ranged=True, custom=10)
    + "&"
    + view("vs.", fb=3, ranged=True, custom=10),
    "ranges, feedback, horizon 2045": "v=1&" + view(horizon=2045, fb=3, ranged=True),
    "ten years each with a range, feedback": "v=1&" + view(yrs=(2017, 2026), fb=2, ranged=True),
}


def state_of(query: str, catalog: Catalog) -> Any:
    return parse_query(query, catalog).raise_for_problems()


# -- the estimate ----------------------------------------------------------------------------


def test_sizes_of_the_default_view(catalog: Catalog) -> None:
    v = view_cost(default_state(catalog))
    # 2024 to 2030 in quarters is 25 grid points; no feedback, no ranges; the
    # sensitivity moves each of the 10 last-year estimates both ways.
    assert (v.grid_points, v.feedback_points, v.categories, v.years, v.draws, v.forecasts, v.batch) == (
        25, 0, 10, 3, 0, 1, 20,
    )  # fmt: skip
    batched = 20 * 10 * (2 * 25 + 11 * 3)  # rows x categories x (grid + fit)
    own = 10 * 2 * 25
    assert analysis_cost(default_state(catalog)).cells == batched + own + 600_000


def test_cells_of_a_view_with_ranges_and_feedback(catalog: Catalog) -> None:
    s = state_of("v=1&" + view(fb=1, ranged=True), catalog)
    v = view_cost(s)
    # Feedback from the last year (2026) to 2030: 16 grid points, 32 stages each.
    assert (v.grid_points, v.feedback_points, v.draws, v.batch) == (25, 16, SAMPLES, 20)
    assert STAGES == 32
    stages = 32 * 16
    # 2,000 draws and 20 moved states: grid, stages and fits of each row's categories ...
    batched = 2020 * 10 * (2 * 25 + stages + 11 * 3)
    # ... one numpy step per stage for the draws (one chunk) and for the moved states ...
    calls = 1000 * 2 * stages
    own = 10 * (2 * 25 + 5 * stages)  # ... and the state's own forecast, on Python floats
    assert analysis_cost(s).cells == pytest.approx(batched + calls + own + 600_000, rel=1e-12)


def test_a_comparison_adds_its_own_cost(catalog: Catalog) -> None:
    one = state_of("v=1&" + view(fb=1, ranged=True), catalog)
    two = state_of("v=1&" + view(fb=1, ranged=True) + "&vs.bug_fixes=0.5,0.5,0.5", catalog)
    plain = analysis_cost(default_state(catalog)).cells  # the comparison: defaults but one estimate
    assert analysis_cost(two).cells == pytest.approx(analysis_cost(one).cells + plain, rel=1e-12)


def test_the_grid_starts_at_the_first_estimated_year(catalog: Catalog) -> None:
    s = state_of("v=1&years=2000,2025,2026&" + "&".join(f"{c}=,0.5,0.6" for c in CATEGORY_IDS), catalog)
    assert view_cost(s).grid_points == 25 - 4  # 2025 to 2030


@pytest.mark.parametrize("name", list(PERSON_VIEWS))
def test_every_view_a_person_would_build_is_within_the_budget(name: str, catalog: Catalog) -> None:
    check_cost(state_of(PERSON_VIEWS[name], catalog))


def test_the_attack_is_over_the_budget_and_told_what_to_reduce(catalog: Catalog) -> None:
    s = state_of(ATTACK, catalog)
    assert analysis_cost(s).cells > 10 * BUDGET
    with pytest.raises(TooCostlyError) as err:
        check_cost(s)
    msg = err.value.message
    assert msg.startswith("this view would take too long to compute (about ")
    assert "the limit is 100 million" in msg
    assert err.value.problems[0].loc == ("state",)


def test_each_remedy_named_brings_the_view_within_the_budget(catalog: Catalog) -> None:
    s = state_of("v=1&" + view(horizon=2100, fb=3, ranged=True), catalog)
    fixes = remedies(s)
    assert fixes[0].startswith("a horizon of ") and fixes[0].endswith(" or earlier (`horizon` is 2100)")
    latest = int(fixes[0].split()[3])
    assert "no ranges (`.lo` and `.hi`)" in fixes and "feedback 0 (`fb`)" in fixes
    check_cost(state_of("v=1&" + view(horizon=latest, fb=3, ranged=True), catalog))
    with pytest.raises(TooCostlyError):
        check_cost(state_of("v=1&" + view(horizon=latest + 1, fb=3, ranged=True), catalog))
    check_cost(state_of("v=1&" + view(horizon=2100, fb=0, ranged=True), catalog))
    check_cost(state_of("v=1&" + view(horizon=2100, fb=3, ranged=False), catalog))


def test_dropping_the_comparison_is_named_when_it_is_enough(catalog: Catalog) -> None:
    s = state_of(
        "v=1&" + view(horizon=2045, fb=3, ranged=True) + "&" + view("vs.", horizon=2045, fb=3, ranged=True), catalog
    )
    assert "no comparison (the `vs.` parameters)" in remedies(s)


# -- every route that analyses ---------------------------------------------------------------

Call = Callable[[TestClient, str], Any]
ROUTES: dict[str, Call] = {
    "GET /api/analyze": lambda c, q: c.get("/api/analyze?" + q),
    "GET /export.csv": lambda c, q: c.get("/export.csv?" + q),
    "GET /preview.png": lambda c, q: c.get("/preview.png?" + q),
    "GET /oembed": lambda c, q: c.get("/oembed?url=" + quote("http://testserver/?" + q, safe="")),
}


@pytest.mark.parametrize("route", list(ROUTES))
def test_routes_answer_422_with_the_reason(client: TestClient, route: str) -> None:
    r = ROUTES[route](client, ATTACK + "&utm_source=0.123")
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["detail"].startswith("this view would take too long to compute")
    assert body["errors"][0]["loc"] == ["state"]


def test_post_analyze_answers_422(client: TestClient, catalog: Catalog) -> None:
    from scurve.statejson import state_to_json

    body = state_to_json(state_of(ATTACK, catalog), catalog)
    for url in ("/api/analyze", "/api/analyze?preview=1"):
        r = client.post(url, json=body)
        if url.endswith("preview=1"):
            # The live preview leaves the draws out: what is left is cheap.
            assert r.status_code == 200, r.text
        else:
            assert r.status_code == 422 and "too long to compute" in r.json()["detail"]


def test_pages_answer_422_with_a_page(client: TestClient) -> None:
    page = client.get("/?" + ATTACK, headers={"accept": "text/html"})
    assert page.status_code == 422
    assert page.headers["content-type"].startswith("text/html")
    assert "<h1>This view would take too long to compute</h1>" in page.text
    assert "cells of work; the limit is 100 million. Reduce it to a horizon of 20" in page.text
    embed = client.get("/embed?" + ATTACK)
    assert embed.status_code == 422
    assert "This view would take too long to compute. It would take about " in embed.text


def test_post_views_answers_422_before_storing(client: TestClient, catalog: Catalog) -> None:
    from scurve.statejson import state_to_json

    body = state_to_json(state_of(ATTACK.split("&vs.")[0], catalog), catalog)
    r = client.post("/api/views", json=body)
    assert r.status_code == 422 and "too long to compute" in r.json()["detail"]


@pytest.mark.parametrize("name", ["two such views compared", "ranges, feedback, horizon 2045"])
def test_a_costly_view_within_the_budget_is_answered(client: TestClient, name: str) -> None:
    assert client.get("/api/analyze?" + PERSON_VIEWS[name]).status_code == 200
