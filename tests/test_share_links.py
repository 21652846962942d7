"""Issue 4: the comparison travels in the link (`vs.` parameters) and bad
links never break the page or the API."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from scurve import Catalog, parse_query
from scurve.permalink import write_query
from scurve.statejson import state_from_json, state_to_json

MINE = "v=1&years=2024,2025,2026&bug_fixes=0.5,0.6,0.7"


# -- vs. parsing ---------------------------------------------------------------


def test_vs_parameters_make_the_compared_state(catalog: Catalog) -> None:
    link = parse_query(
        MINE + "&title=Mine&vs.years=2025,2026&vs.bug_fixes=0.2,0.25&vs.chip_design.w=3"
        "&vs.synthetic_data.curve=0.6,8,0.9&vs.horizon=2040&vs.title=Theirs",
        catalog,
    )
    assert link.problems == ()
    assert link.warnings == ()
    s = link.state
    assert s.title == "Mine"
    assert s.estimates["bug_fixes"] == {2024: 0.5, 2025: 0.6, 2026: 0.7}
    other = s.compare
    assert other is not None
    assert other.years == (2025, 2026)
    assert other.estimates["bug_fixes"] == {2025: 0.2, 2026: 0.25}
    # a category the vs. state leaves out takes its defaults for the vs. years
    assert other.estimates["chip_design"] == {2025: 0.17, 2026: 0.23}
    assert other.weights["chip_design"] == 3
    assert (other.curves["synthetic_data"].midpoint, other.curves["synthetic_data"].ceiling) == (0.6, 0.9)
    assert other.horizon == 2040
    assert other.title == "Theirs"
    assert other.compare is None
    # the main state's own values are not touched by the vs. ones
    assert s.weights["chip_design"] == 1
    assert s.horizon == 2030


def test_no_vs_parameters_means_no_comparison(catalog: Catalog) -> None:
    assert parse_query(MINE, catalog).state.compare is None


def test_a_single_vs_parameter_compares_with_the_defaults_otherwise(catalog: Catalog) -> None:
    s = parse_query(MINE + "&vs.title=Defaults", catalog).state
    assert s.compare is not None
    assert s.compare.title == "Defaults"
    assert s.compare.estimates["bug_fixes"] == {2024: 0.3, 2025: 0.42, 2026: 0.55}


def test_written_link_puts_the_vs_state_last_with_its_prefix(catalog: Catalog) -> None:
    s = parse_query(MINE + "&vs.years=2026&vs.bug_fixes=0.2&vs.title=A%20B", catalog).state
    q = write_query(s, catalog)
    head, _, tail = q.partition("&vs.")
    assert "vs." not in head
    assert ("vs." + tail).split("&")[:3] == ["vs.years=2026", "vs.horizon=2030", "vs.bug_fixes=0.2"]
    assert q.endswith("&vs.title=A%20B")
    assert "vs.v=" not in q
    # and it reads back to the same state
    assert parse_query(q, catalog).state == s


def test_malformed_vs_value_is_a_problem_naming_the_prefixed_parameter(catalog: Catalog) -> None:
    link = parse_query(MINE + "&vs.bug_fixes=0.2,oops,0.3&vs.chip_design=0.4,0.5,0.6", catalog)
    assert [p.loc for p in link.problems] == [("query", "vs.bug_fixes")]
    assert "`vs.bug_fixes`" in link.problems[0].msg
    assert "Bug fixes is shown at its defaults" in link.problems[0].msg
    other = link.state.compare
    assert other is not None
    assert other.estimates["bug_fixes"] == {2024: 0.3, 2025: 0.42, 2026: 0.55}
    assert other.estimates["chip_design"] == {2024: 0.4, 2025: 0.5, 2026: 0.6}
    # the main view is as linked
    assert link.state.estimates["bug_fixes"] == {2024: 0.5, 2025: 0.6, 2026: 0.7}


def test_nested_vs_is_an_unknown_parameter_not_a_third_state(catalog: Catalog) -> None:
    link = parse_query(MINE + "&vs.title=T&vs.vs.bug_fixes=0.1,0.1,0.1", catalog)
    assert link.problems == ()
    assert link.warnings == ("ignored unknown parameter `vs.vs.bug_fixes`",)
    assert link.state.compare is not None
    assert link.state.compare.compare is None
    # alone, an unknown vs. parameter makes no comparison at all
    alone = parse_query(MINE + "&vs.vs.bug_fixes=0.1,0.1,0.1", catalog)
    assert alone.state.compare is None
    assert alone.warnings == ("ignored unknown parameter `vs.vs.bug_fixes`",)


def test_repeated_vs_parameter_is_a_problem(catalog: Catalog) -> None:
    link = parse_query(MINE + "&vs.horizon=2040&vs.horizon=2050", catalog)
    assert [p.msg for p in link.problems] == ["`vs.horizon` is given more than once"]


def test_json_vs_round_trips_and_may_not_nest(catalog: Catalog) -> None:
    body: dict[str, Any] = {"estimates": {"bug_fixes": {"2024": 0.5}}, "vs": {"years": [2026], "title": "T"}}
    s = state_from_json(body, catalog)
    assert s.compare is not None and s.compare.years == (2026,)
    out = state_to_json(s, catalog)
    assert out["vs"]["title"] == "T"
    assert "vs" not in out["vs"]
    assert state_from_json(out, catalog) == s
    with pytest.raises(ValueError, match="unknown field `vs`"):
        state_from_json({"vs": {"vs": {}}}, catalog)


# -- the API answers the comparison -------------------------------------------


def test_api_analyze_returns_the_compared_analysis(client: TestClient) -> None:
    r = client.get("/api/analyze?" + MINE + "&vs.bug_fixes=0.3,0.42,0.55&vs.title=Other")
    assert r.status_code == 200
    body = r.json()
    other = body["compare"]
    assert other is not None
    assert other["compare"] is None
    assert other["state"]["title"] == "Other"
    # the compared analysis equals the analysis of the other state alone
    alone = client.get("/api/analyze?v=1&bug_fixes=0.3,0.42,0.55&title=Other").json()
    for key in ("categories", "years", "forecast"):
        assert other[key] == alone[key], key
    assert body["state"]["vs"]["title"] == "Other"
    assert "&vs.bug_fixes=0.3,0.42,0.55" in body["permalink"]


def test_api_analyze_post_with_vs_equals_get(client: TestClient) -> None:
    got = client.get("/api/analyze?" + MINE + "&vs.years=2026&vs.bug_fixes=0.9").json()
    posted = client.post("/api/analyze", json=got["state"]).json()
    assert posted == got
    assert client.post("/api/analyze", json={"vs": {}}).json()["compare"]["state"]["estimates"]["bug_fixes"] == {
        "2024": 0.3,
        "2025": 0.42,
        "2026": 0.55,
    }


def test_api_rejects_a_malformed_vs_parameter_by_name(client: TestClient) -> None:
    r = client.get("/api/analyze?" + MINE + "&vs.horizon=soon")
    assert r.status_code == 400
    assert [e["loc"] for e in r.json()["errors"]] == [["query", "vs.horizon"]]


# -- bad links -----------------------------------------------------------------


def test_page_with_a_malformed_parameter_names_it_and_keeps_the_rest(client: TestClient) -> None:
    r = client.get("/?v=1&bug_fixes=0.2,x,0.4&chip_design=0.5,0.6,0.7")
    assert r.status_code == 200
    assert "`bug_fixes`" in r.text
    assert "Bug fixes is shown at its defaults" in r.text


def test_page_with_an_unknown_parameter_opens_with_a_warning(client: TestClient) -> None:
    r = client.get("/?v=1&bug_fixes=0.2,0.3,0.4&future_thing=1&utm_source=x")
    assert r.status_code == 200
    assert "ignored unknown parameter `future_thing`" in r.text
    assert "utm_source" not in r.text.split("</head>")[1]


GARBLED = [
    "%",
    "%%%%&&&===",
    "%ff%fe%00",
    "bug_fixes=%E2%80%AE0.5,0.6,0.7",
    "bug_fixes=" + "9" * 5000,
    "years=" + ",".join(["2024"] * 500),
    "years=9999999999999999999999",
    "bug_fixes=1e999999,0,0",
    "bug_fixes=nan,inf,-inf",
    "horizon=%00",
    "title=" + "%F0%9F%98%80" * 81,
    "vs.=1&.=2&=3&vs.vs.vs.=4",
    "chip_design.curve=0.5,10,1,1&chip_design.w=-0",
    "v=3",
    "a[]=1&b[x]=2",
    "title=%C3%28%80%80&bug_fixes=%C0%AE",
]


@pytest.mark.parametrize("query", GARBLED)
def test_garbled_links_never_give_a_server_error(client: TestClient, query: str) -> None:
    page = client.get("/?" + query)
    assert page.status_code == 200
    api = client.get("/api/analyze?" + query)
    assert api.status_code in (200, 400)
    assert api.json()["detail"] if api.status_code == 400 else True
    csv = client.get("/export.csv?" + query)
    assert csv.status_code in (200, 400)


def test_an_over_long_link_is_refused_with_a_4xx_not_a_5xx(client: TestClient) -> None:
    query = "title=" + "x" * 9000
    for path in ("/", "/api/analyze", "/export.csv"):
        r = client.get(path + "?" + query)
        assert r.status_code == 414, path
        assert "8 KiB" in r.json()["detail"]
