"""The field table (scurve/fields.py) walked through every form of a state.

Each setting, per-category field and custom text of the table must appear in
the link (written and read), the JSON form, the CSV (where the table says it
carries it), the API's StateBody schema and query parameters, the limits the
page gets, the crowd's stored form (kept or dropped as flagged), the Monte
Carlo seed (as flagged) and docs/REFERENCE.md.  A field missing from any one
of these fails here, so a new setting is an entry of the table and nothing
else on the Python side.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from fastapi.testclient import TestClient

from app.crowd.store import canonical
from app.routes.query_doc import PERMALINK_PARAMS
from app.schemas import CustomModel, StateBody, StateModel
from scurve import Catalog, analyze, default_state, parse_query, state_from_json, state_to_json, write_query
from scurve.csvio import HEADER, read_csv, write_csv
from scurve.fields import (
    CATEGORY_FIELDS,
    COMPARE,
    CUSTOM_FIELDS,
    CUSTOM_IDS,
    SETTINGS,
    STATE_ATTRS,
    CategoryField,
    CustomField,
    Setting,
    page_limits,
)
from scurve.kinds import Kind, Number, Shares, Text, Year, Years
from scurve.permalink import seed_query
from scurve.state import CustomCategory, State

REFERENCE = (Path(__file__).resolve().parent.parent / "docs" / "REFERENCE.md").read_text(encoding="utf-8")
REFERENCE_CODE = " ".join(re.findall(r"`([^`\n]+)`", REFERENCE))


def example(kind: Kind, default: Any) -> Any:
    """A valid value of a kind that differs from the default."""
    if isinstance(kind, Years):
        return (2025, 2026)
    if isinstance(kind, Year):
        return 2040
    if isinstance(kind, Number):
        return kind.hi if default != kind.hi else kind.lo
    if isinstance(kind, Text):
        return "Mine & yours"
    if isinstance(kind, Shares):
        return (0.25, 0.75)
    pytest.fail(f"no example value for a {type(kind).__name__}: add one here")


# A JSON state setting each per-category field away from its default.
CATEGORY_EXAMPLES: dict[str, dict[str, Any]] = {
    "estimates": {"estimates": {"bug_fixes": {"2024": 0.9}}},
    "ranges": {"ranges": {"bug_fixes": {"2025": [0.3, 0.5]}}},
    "curves": {"curves": {"chip_design": {"midpoint": 0.6}}},
    "weights": {"weights": {"synthetic_data": 2.5}},
}
CUSTOM_EXAMPLES = {"name": "Chips", "group": "Hardware", "question": "How often?"}


def setting_state(catalog: Catalog, s: Setting) -> State:
    state = dataclasses.replace(default_state(catalog), **{s.attr: example(s.kind, s.default)})
    if s.attr == "years":  # positions follow the years
        state = state_from_json({"years": list(state.years)}, catalog)
    return state


def custom_state(catalog: Catalog, f: CustomField) -> State:
    text = {"name": "Chips", f.json: CUSTOM_EXAMPLES[f.attr]}
    return state_from_json({"custom": {"u3": text}, "estimates": {"u3": {"2026": 0.4}}}, catalog)


def test_the_state_type_has_exactly_the_table_fields() -> None:
    fields = {f.name: f for f in dataclasses.fields(State)}
    assert set(fields) == set(STATE_ATTRS)
    for s in SETTINGS:
        if s.default is not None:
            assert fields[s.attr].default == s.default, s.attr
    assert [f.name for f in dataclasses.fields(CustomCategory)] == [f.attr for f in CUSTOM_FIELDS]
    assert set(CATEGORY_EXAMPLES) == {f.attr for f in CATEGORY_FIELDS}


# -- settings -------------------------------------------------------------------------


@pytest.mark.parametrize("s", SETTINGS, ids=lambda s: s.attr)
def test_setting_travels_through_link_json_and_csv(catalog: Catalog, s: Setting) -> None:
    state = setting_state(catalog, s)
    value = getattr(state, s.attr)
    query = write_query(state, catalog)
    assert (s.link, s.kind.write(value)) in parse_qsl(query), query
    assert parse_query(query, catalog).state == state
    as_json = state_to_json(state, catalog)
    assert as_json[s.json] == s.kind.to_json(value)
    assert state_from_json(as_json, catalog) == state
    assert (s.json in HEADER) == s.csv
    back = read_csv(write_csv(analyze(state, catalog)).encode(), catalog)
    assert (getattr(back.state, s.attr) == value) == s.csv
    assert s.json not in back.defaulted


@pytest.mark.parametrize("s", SETTINGS, ids=lambda s: s.attr)
def test_setting_is_in_the_api_schema_and_the_query_parameters(s: Setting) -> None:
    props = StateBody.model_json_schema()["properties"]
    assert s.json in props
    schema = props[s.json]
    wanted = s.kind.schema()
    candidates = schema.get("anyOf", [schema])
    assert any(all(c.get(k) == v for k, v in wanted.items()) for c in candidates), schema
    params = {p["name"]: p["schema"] for p in PERMALINK_PARAMS}
    assert params[s.link] == params["vs." + s.link] == s.kind.param_schema()


@pytest.mark.parametrize("s", SETTINGS, ids=lambda s: s.attr)
def test_setting_limits_reach_the_page(client: TestClient, s: Setting) -> None:
    limits = page_limits()["settings"][s.json]
    assert limits["link"] == s.link
    assert {k: limits[k] for k in s.kind.limits()} == s.kind.limits()
    html = client.get("/").text
    block = html[html.index('id="scurve-limits">') + 19 : html.index("</script>", html.index("scurve-limits"))]
    assert json.loads(block)["settings"][s.json] == json.loads(json.dumps(limits))


@pytest.mark.parametrize("s", SETTINGS, ids=lambda s: s.attr)
def test_setting_in_the_crowd_and_the_seed_as_flagged(catalog: Catalog, s: Setting) -> None:
    state = setting_state(catalog, s)
    stored = canonical(state)
    assert (getattr(stored, s.attr) == getattr(state, s.attr)) == s.crowd
    names = {k for k, _ in parse_qsl(seed_query(state, catalog))}
    assert (s.link in names) == s.seed


@pytest.mark.parametrize("s", SETTINGS, ids=lambda s: s.attr)
def test_setting_is_documented(s: Setting) -> None:
    assert re.search(rf"`{re.escape(s.link)}`", REFERENCE), s.link
    assert re.search(rf"`{re.escape(s.json)}`", REFERENCE), s.json


# -- per-category fields ------------------------------------------------------------------


@pytest.mark.parametrize("f", CATEGORY_FIELDS, ids=lambda f: f.attr)
def test_category_field_travels_through_every_form(catalog: Catalog, f: CategoryField) -> None:
    obj = CATEGORY_EXAMPLES[f.attr]
    state = state_from_json(obj, catalog)
    assert getattr(state, f.attr) != getattr(default_state(catalog), f.attr)
    cid = next(iter(obj[f.json]))
    names = {k for k, _ in parse_qsl(write_query(state, catalog))}
    assert all(cid + suffix in names for suffix in f.link)
    assert parse_query(write_query(state, catalog), catalog).state == state
    assert state_from_json(state_to_json(state, catalog), catalog) == state
    assert set(f.csv) <= set(HEADER)
    assert getattr(read_csv(write_csv(analyze(state, catalog)).encode(), catalog).state, f.attr) == getattr(state, f.attr)
    assert f.json in StateBody.model_json_schema()["properties"]
    assert set(page_limits()["categories"][f.json]) == {name for name, _ in f.parts}
    assert (getattr(canonical(state), f.attr) == getattr(state, f.attr)) == f.crowd
    seeded = {k for k, _ in parse_qsl(seed_query(state, catalog))}
    assert all((cid + suffix in seeded) == f.seed for suffix in f.link)
    assert f"`{f.json}`" in REFERENCE


@pytest.mark.parametrize("f", CATEGORY_FIELDS, ids=lambda f: f.attr)
def test_category_field_parameters_of_every_id_are_documented(f: CategoryField, catalog: Catalog) -> None:
    params = {p["name"] for p in PERMALINK_PARAMS}
    for cid in (*catalog.ids, *CUSTOM_IDS):
        for prefix in ("", COMPARE.link):
            assert all(prefix + cid + suffix in params for suffix in f.link), (prefix, cid)
    for suffix in f.link:
        assert f"<id>{suffix}" in REFERENCE_CODE or f"`<id>{suffix}`" in REFERENCE


# -- the text of your own categories -------------------------------------------------------


@pytest.mark.parametrize("f", CUSTOM_FIELDS, ids=lambda f: f.attr)
def test_custom_text_travels_through_every_form(catalog: Catalog, f: CustomField) -> None:
    state = custom_state(catalog, f)
    text = getattr(state.custom["u3"], f.attr)
    assert text == CUSTOM_EXAMPLES[f.attr]
    query = write_query(state, catalog)
    assert ("u3" + f.link, text) in parse_qsl(query)
    assert parse_query(query, catalog).state == state
    assert state_to_json(state, catalog)["custom"]["u3"][f.json] == text
    assert f.csv in HEADER
    assert read_csv(write_csv(analyze(state, catalog)).encode(), catalog).state.custom["u3"] == state.custom["u3"]
    assert f.json in CustomModel.model_json_schema()["properties"]
    assert page_limits()["custom"][f.json]["max_length"] == f.max_length
    assert (getattr(canonical(state).custom["u3"], f.attr) == text) == f.crowd
    assert (("u3" + f.link) in {k for k, _ in parse_qsl(seed_query(state, catalog))}) == f.seed
    params = {p["name"] for p in PERMALINK_PARAMS}
    assert all(prefix + cid + f.link in params for cid in CUSTOM_IDS for prefix in ("", COMPARE.link))
    assert f"u1{f.link}" in REFERENCE_CODE


# -- the comparison -----------------------------------------------------------------------


def test_the_comparison_travels_as_flagged(catalog: Catalog) -> None:
    state = state_from_json({COMPARE.json: {"years": [2025]}}, catalog)
    assert state.compare is not None
    query = write_query(state, catalog)
    assert "&vs.years=2025" in query and parse_query(query, catalog).state == state
    assert state_from_json(state_to_json(state, catalog), catalog) == state
    assert read_csv(write_csv(analyze(state, catalog)).encode(), catalog).state.compare is None  # csv: False
    assert canonical(state).compare is None and not COMPARE.crowd
    assert "vs." not in seed_query(state, catalog) and not COMPARE.seed
    assert COMPARE.json in StateModel.model_json_schema()["properties"]
    assert "`vs.<parameter>`" in REFERENCE


# -- the three drift bugs the table ended -----------------------------------------------------


def test_the_openapi_document_names_every_custom_parameter(client: TestClient) -> None:
    names = {p["name"] for p in client.get("/openapi.json").json()["paths"]["/api/analyze"]["get"]["parameters"]}
    for cid in CUSTOM_IDS:
        for suffix in (".name", ".group", ".q", "", ".lo", ".hi", ".curve", ".w"):
            assert cid + suffix in names and "vs." + cid + suffix in names, cid + suffix


def test_a_csv_round_trip_keeps_a_custom_question(client: TestClient) -> None:
    query = "u1.name=Robots&u1.q=How%20often%3F&u1=0.1,0.2,0.3"
    csv = client.get("/export.csv?" + query).content
    back = client.post("/api/import", content=csv, headers={"content-type": "text/csv"}).json()
    assert back["state"]["custom"]["u1"] == {"name": "Robots", "group": "Your categories", "question": "How often?"}
    assert back["defaulted"] == []


def test_a_csv_round_trip_keeps_every_setting(client: TestClient) -> None:
    query = "fb=1.5&lag=0.75&ms=0.25,0.8&rho=0.3&horizon=2040&title=Mine"
    csv = client.get("/export.csv?" + query).content
    back = client.post("/api/import", content=csv, headers={"content-type": "text/csv"}).json()
    state = back["state"]
    assert (state["feedback"], state["lag"], state["milestones"]) == (1.5, 0.75, [0.25, 0.8])
    assert (state["rho"], state["horizon"], state["title"]) == (0.3, 2040, "Mine")
    assert back["permalink"] == client.get("/api/analyze?" + query).json()["permalink"]
