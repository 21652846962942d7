"""Names that cannot hide or impersonate, the crowd's stored form, and the
settings and link version of model version 2 (lag, milestone shares, v=2)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from scurve import Catalog, StateError, analyze, parse_query, state_from_json, write_query
from scurve.permalink import seed_query
from scurve.state import name_key
from tests.test_crowd_api import Factory, host, make_client  # noqa: F401  (the fixture)

# -- names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("\u200b", "invisible format characters"),
        ("Bug fixes\u200b", "U+200B"),
        ("\u202eevil", "U+202E"),
        ("a\u2060b", "U+2060"),
        ("  ", "1 to 60 characters after trimming"),
        ("Bug \ufb01xes", "must differ (ignoring case)"),  # the ligature fi: NFKC makes it "Bug fixes"
        ("ＢＵＧ ＦＩＸＥＳ", "must differ (ignoring case)"),  # full-width letters
    ],
)
def test_a_name_that_hides_or_passes_for_another_is_refused(client: TestClient, name: str, rule: str) -> None:
    r = client.post("/api/analyze", json={"custom": {"u1": {"name": name}}})
    assert r.status_code == 400, r.text
    assert rule in r.json()["detail"] and "custom.u1.name" in r.json()["detail"]
    link = client.get("/api/analyze", params={"u1.name": name})
    assert link.status_code == 400 and rule in link.json()["detail"] and "`u1.name`" in link.json()["detail"]


def test_names_are_kept_in_nfkc(catalog: Catalog) -> None:
    state = state_from_json({"custom": {"u1": {"name": "ﬁrst ＡＩ"}}}, catalog)
    assert state.custom["u1"].name == "first AI"
    assert "u1.name=first%20AI" in write_query(state, catalog)


def test_name_keys_never_merge_two_long_names() -> None:
    a, b = "ß" * 59 + "a", "ß" * 59 + "b"  # 119 characters each once case-folded
    assert name_key(a) != name_key(b)
    assert len(name_key(a)) <= 64 and name_key(a) == name_key(a.upper().replace("SS", "ß"))
    assert name_key("x" * 70) != name_key("x" * 69 + "y")
    assert name_key("  Bug   fixes ") == "bug fixes"


def test_long_names_count_apart_in_the_crowd(make_client: Factory) -> None:  # noqa: F811
    """On PostgreSQL too, where a key over 64 characters would not even be stored."""
    names = ["ß" * 59 + "a", "ß" * 59 + "b"]
    for i in range(6):
        r = make_client(host(i)).post("/api/views", json={"custom": {"u1": {"name": names[i % 2]}}})
        assert r.status_code == 201, r.text
    got = make_client(host(9)).get("/api/crowd").json()["suggested_categories"]
    assert sorted((s["name"], s["n"]) for s in got) == sorted((n, 3) for n in names)


# -- what the crowd keeps ------------------------------------------------------------------


def test_a_stored_view_drops_title_groups_questions_and_comparison(make_client: Factory) -> None:  # noqa: F811
    body: dict[str, Any] = {
        "custom": {"u1": {"name": "Robots", "group": "Jane Doe, ACME", "question": "mail jane@example.org"}},
        "estimates": {"u1": {"2026": 0.4}},
        "title": "Jane's view",
        "feedback": 1.5,
        "vs": {"years": [2025]},
    }
    added = make_client().post("/api/views", json=body)
    assert added.status_code == 201, added.text
    link = added.json()["permalink"]
    assert "u1.name=Robots" in link and "u1=,,0.4" in link and "fb=1.5" in link
    for gone in ("u1.group", "u1.q", "Jane", "ACME", "title", "vs."):
        assert gone not in link, gone


# -- model version 2's settings and the link version -----------------------------------------


@pytest.mark.parametrize(
    ("query", "param", "rule"),
    [
        ("lag=0.3", "lag", "must be a number in [0, 3] in steps of 0.25"),
        ("lag=3.25", "lag", "in steps of 0.25"),
        ("lag=-0.25", "lag", "in steps of 0.25"),
        ("ms=0.9,0.5", "ms", "in increasing order"),
        ("ms=0.5,0.5", "ms", "in increasing order"),
        ("ms=0.505", "ms", "at most 2 decimals"),
        ("ms=0,0.5", "ms", "not 0 or 1"),
        ("ms=0.5,1", "ms", "not 0 or 1"),
        ("ms=0.1,0.2,0.3,0.4", "ms", "1 to 3 shares"),
        ("ms=", "ms", "1 to 3 shares"),
        ("vs.lag=1.1", "vs.lag", "in steps of 0.25"),
    ],
)
def test_bad_lag_or_milestones_is_a_400_naming_parameter_value_and_rule(
    client: TestClient, query: str, param: str, rule: str
) -> None:
    r = client.get("/api/analyze?" + query)
    assert r.status_code == 400, r.text
    detail = r.json()["detail"]
    value = query.split("=", 1)[1]
    assert detail.startswith(f"`{param}` ") and rule in detail and f"got {value!r}" in detail
    assert r.json()["errors"][0]["loc"] == ["query", param]


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ({"lag": 0.1}, "`lag` must be a number in [0, 3] in steps of 0.25, got 0.1"),
        ({"lag": "1"}, "`lag` must be a number"),
        ({"milestones": [0.9, 0.5]}, "`milestones` must be 1 to 3 shares in increasing order"),
        ({"milestones": []}, "`milestones` must be 1 to 3 shares"),
        ({"milestones": 0.5}, "got 0.5"),
        ({"milestones": [0.25, True]}, "`milestones` must be"),
    ],
)
def test_bad_lag_or_milestones_in_json_is_a_400(client: TestClient, body: dict[str, Any], rule: str) -> None:
    r = client.post("/api/analyze", json=body)
    assert r.status_code == 400 and rule in r.json()["detail"], r.text


def test_lag_and_milestones_are_written_after_fb_and_only_when_set(catalog: Catalog) -> None:
    state = state_from_json({"feedback": 1, "lag": 0.5, "milestones": [0.25, 0.5, 0.75], "rho": 0.2}, catalog)
    query = write_query(state, catalog)
    assert query.startswith("v=2&years=2024,2025,2026&horizon=2030&fb=1&lag=0.5&ms=0.25,0.5,0.75&rho=0.2&bug_fixes=")
    plain = write_query(state_from_json({}, catalog), catalog)
    assert "lag=" not in plain and "ms=" not in plain
    back = parse_query(query, catalog)
    assert back.problems == () and back.state.lag == 0.5 and back.state.milestones == (0.25, 0.5, 0.75)


def test_a_version_1_link_with_feedback_says_its_formula_changed(catalog: Catalog) -> None:
    for query in ("v=1&fb=1.5", "fb=1.5", "v=2&vs.fb=2"):
        link = parse_query(query, catalog)
        assert link.problems == ()
        warned = [w for w in link.warnings if "formula changed with version 2" in w]
        assert len(warned) == (0 if query.startswith("v=2") else 1), query
    assert parse_query("v=1&fb=1.5&vs.fb=1", catalog).warnings[1].startswith("`vs.fb`: this is a version-1 link")
    assert not [w for w in parse_query("v=1&bug_fixes=0.1,0.2,0.3", catalog).warnings if "version" in w]
    # What a version-1 link meant is read unchanged: only its written version moves on.
    old = parse_query("v=1&fb=1.5&bug_fixes=0.1,0.2,0.3", catalog).state
    assert parse_query(write_query(old, catalog), catalog).state == old
    assert write_query(old, catalog).startswith("v=2&")


def test_the_api_warns_about_an_old_link_with_feedback(client: TestClient, catalog: Catalog) -> None:
    warnings = client.get("/api/analyze?v=1&fb=1").json()["warnings"]
    assert any("formula changed with version 2" in w for w in warnings)
    assert not any("version" in w for w in client.get("/api/analyze?v=2&fb=1").json()["warnings"])
    with pytest.raises(StateError, match="unsupported version: this app reads versions 1 and 2"):
        parse_query("v=3", catalog).raise_for_problems()


# -- the Monte Carlo seed ---------------------------------------------------------------------


RANGED = {"ranges": {"bug_fixes": {"2025": [0.3, 0.6]}, "chip_design": {"2026": [0.1, 0.4]}}}


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Another title"},
        {"horizon": 2035},
        {"feedback": 2},
        {"lag": 1},
        {"milestones": [0.3]},
        {"vs": {"years": [2025]}},
    ],
)
def test_what_the_draws_do_not_depend_on_leaves_their_figures(catalog: Catalog, change: dict[str, Any]) -> None:
    base = state_from_json(RANGED, catalog)
    other = state_from_json({**RANGED, **change}, catalog)
    a, b = analyze(base, catalog).uncertainty, analyze(other, catalog).uncertainty
    assert a is not None and b is not None
    assert seed_query(base, catalog) == seed_query(other, catalog)
    assert a.years == b.years  # every year's figures exactly as they were
    assert a.categories == b.categories  # and every point's interval


def test_renaming_a_custom_category_keeps_the_seed(catalog: Catalog) -> None:
    def with_name(name: str) -> str:
        obj = {**RANGED, "custom": {"u1": {"name": name}}, "estimates": {"u1": {"2026": 0.5}}}
        return seed_query(state_from_json(obj, catalog), catalog)

    assert with_name("One") == with_name("Two") and "u1=,,0.5" in with_name("One") and "name" not in with_name("One")


def test_what_the_draws_depend_on_moves_the_seed(catalog: Catalog) -> None:
    base = seed_query(state_from_json(RANGED, catalog), catalog)
    for change in ({"rho": 0.2}, {"weights": {"bug_fixes": 2}}, {"curves": {"bug_fixes": {"ceiling": 0.8}}}):
        assert seed_query(state_from_json({**RANGED, **change}, catalog), catalog) != base, change
