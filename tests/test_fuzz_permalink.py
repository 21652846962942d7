"""Hypothesis fuzzing of the permalink parser and the routes that read a link.

Any text at all is a query someone can paste.  The parser must never raise
(problems are reported, and the page still renders); the strict reading
raises only `StateError`; the HTTP routes answer 200 or a 4xx with
`{"detail", "errors"}`, never a 5xx.  And the patterns that document each
parameter in the OpenAPI document (app/routes/query_doc.py) must say exactly
what the parser accepts, or schemathesis' checks would be testing a fiction.
"""

from __future__ import annotations

import asyncio
import json
import re
from decimal import Decimal
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.main import create_app
from app.routes.query_doc import (
    CURVE_PATTERN,
    POSITIONS_PATTERN,
    SETTING_PATTERNS,
    VERSION_PATTERN,
    WEIGHT_PATTERN,
    YEAR_PATTERN,
    YEARS_PATTERN,
)
from scurve import Catalog, StateError, analyze, load_catalog, parse_query
from scurve.catalog import CATEGORY_IDS
from scurve.fields import SETTINGS
from scurve.kinds import Number
from scurve.permalink import write_query
from tests.fuzzing import scaled

CATALOG = load_catalog()
APP = create_app()
FUZZ = settings(max_examples=scaled(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like link values: digits, separators, signs, exponents,
# spaces, a non-ASCII digit and other look-alikes, so near misses are common.
NUMBERISH = st.text(alphabet="0123456789.,, -+eE\t\u0663\u00a0\uff11x", max_size=24)
NAMES = st.sampled_from(
    [
        "v",
        "years",
        "horizon",
        "title",
        *CATEGORY_IDS,
        *(c + ".curve" for c in CATEGORY_IDS),
        *(c + ".w" for c in CATEGORY_IDS),
        "vs.years",
        "vs.bug_fixes",
        "vs.title",
        "vs.v",
        "vs.chip_design.curve",
        "fb",
        "lag",
        "ms",
        "rho",
        "vs.fb",
        "vs.lag",
        "vs.ms",
        "bug_fixes.lo",
        "bug_fixes.hi",
        "vs.bug_fixes.lo",
        "u1.name",
        "u1.group",
        "u1.q",
        "u1",
        "u1.lo",
        "u1.hi",
        "u1.curve",
        "u1.w",
        "u10.name",
        "u10",
        "vs.u1.name",
        "vs.u1",
        "utm_source",
        "unknown",
    ]
)
VALUES = st.one_of(NUMBERISH, st.text(max_size=40), st.from_regex(POSITIONS_PATTERN, fullmatch=True))
PAIRS = st.lists(st.tuples(NAMES | st.text(max_size=12), VALUES), max_size=12)


def _query(pairs: list[tuple[str, str]]) -> str:
    return urlencode(pairs, quote_via=quote)


# -- the parser ------------------------------------------------------------------


@FUZZ
@given(st.one_of(st.text(max_size=300), PAIRS.map(_query)))
def test_any_query_parses_to_a_valid_state_or_names_its_problems(query: str) -> None:
    link = parse_query(query, CATALOG)
    state = link.state
    assert list(state.years) == sorted(set(state.years)) and 1 <= len(state.years) <= 10
    assert set(state.estimates) == set(CATEGORY_IDS) | set(state.custom)
    assert 0 <= state.feedback <= 3 and 0 <= state.rho <= 1 and 0 <= state.lag <= 3 and state.lag * 4 == int(state.lag * 4)
    assert 1 <= len(state.milestones) <= 3 and list(state.milestones) == sorted(set(state.milestones))
    for cid, ranges in state.ranges.items():
        for y, (lo, hi) in ranges.items():
            assert 0 <= lo <= state.estimates[cid][y] <= hi <= 1 and lo < hi
    for row in state.estimates.values():
        assert set(row) <= set(state.years) and all(0 <= x <= 1 for x in row.values())
    assert len(state.title) <= 80
    # The lenient state is what the page draws: it must analyse.
    analyze(state, CATALOG, link.warnings)
    if link.problems:
        with pytest.raises(StateError) as info:
            link.raise_for_problems()
        assert info.value.message
        assert all(p.loc and p.loc[0] == "query" and p.msg for p in info.value.problems)
    else:
        assert link.raise_for_problems() == state


@FUZZ
@given(PAIRS)
def test_a_clean_link_survives_a_round_trip(pairs: list[tuple[str, str]]) -> None:
    link = parse_query(_query(pairs), CATALOG)
    if link.problems:
        return
    again = parse_query(write_query(link.state, CATALOG), CATALOG)
    assert again.problems == () and again.warnings == ()
    assert again.state == link.state


# -- the documented patterns say what the parser accepts ---------------------------


def _accepts(catalog: Catalog, **params: str) -> bool:
    return not parse_query(urlencode(params, quote_via=quote), catalog).problems


TROUBLE = "+-eE .,0159\t\n\u0663\u00a0"


@st.composite
def _near_miss(draw: st.DrawFn, pattern: str) -> str:
    """A valid value with one character inserted, deleted or replaced."""
    text = draw(st.from_regex(pattern, fullmatch=True))
    i = draw(st.integers(0, len(text)))
    c = draw(st.sampled_from(TROUBLE))
    edit = draw(st.sampled_from(["insert", "delete", "replace"]))
    if edit == "insert":
        return text[:i] + c + text[i:]
    if edit == "delete":
        return text[:i] + text[i + 1 :]
    return text[:i] + c + text[i + 1 :]


def _values(pattern: str) -> st.SearchStrategy[str]:
    return st.one_of(st.from_regex(pattern, fullmatch=True), _near_miss(pattern), NUMBERISH, st.text(max_size=12))


@FUZZ
@given(_values(WEIGHT_PATTERN))
def test_weight_pattern_is_the_parser_rule(value: str) -> None:
    assert _accepts(CATALOG, **{"chip_design.w": value}) == bool(re.fullmatch(WEIGHT_PATTERN, value))


@FUZZ
@given(_values(CURVE_PATTERN))
def test_curve_pattern_is_the_parser_rule(value: str) -> None:
    assert _accepts(CATALOG, **{"chip_design.curve": value}) == bool(re.fullmatch(CURVE_PATTERN, value))


@FUZZ
@given(_values(YEAR_PATTERN))
def test_horizon_pattern_is_the_parser_rule(value: str) -> None:
    assert _accepts(CATALOG, horizon=value) == bool(re.fullmatch(YEAR_PATTERN, value))


@FUZZ
@given(_values(VERSION_PATTERN))
def test_version_pattern_is_the_parser_rule(value: str) -> None:
    assert _accepts(CATALOG, v=value) == bool(re.fullmatch(VERSION_PATTERN, value))


@FUZZ
@given(_values(YEARS_PATTERN))
def test_years_pattern_and_order_are_the_parser_rule(value: str) -> None:
    documented = bool(re.fullmatch(YEARS_PATTERN, value))
    if documented:
        years = [int(y) for y in value.split(",")]
        documented = years == sorted(set(years))  # the rule the pattern cannot state
    assert _accepts(CATALOG, years=value) == documented


@FUZZ
@given(_values(POSITIONS_PATTERN), st.integers(1, 10))
def test_positions_pattern_and_count_are_the_parser_rule(value: str, n_years: int) -> None:
    years = ",".join(str(2020 + i) for i in range(n_years))
    documented = bool(re.fullmatch(POSITIONS_PATTERN, value)) and value.count(",") + 1 == n_years
    assert _accepts(CATALOG, years=years, bug_fixes=value) == documented


# Every number setting of the field table: its documented pattern is the parser's rule.
NUMBER_SETTINGS = [s for s in SETTINGS if isinstance(s.kind, Number)]


@pytest.mark.parametrize("link", [s.link for s in NUMBER_SETTINGS])
def test_number_setting_pattern_is_the_parser_rule(link: str) -> None:
    pattern = SETTING_PATTERNS[link]

    @FUZZ
    @given(_values(pattern))
    def check(value: str) -> None:
        assert _accepts(CATALOG, **{link: value}) == bool(re.fullmatch(pattern, value))

    check()


@FUZZ
@given(_values(SETTING_PATTERNS["ms"]))
def test_milestones_pattern_and_order_are_the_parser_rule(value: str) -> None:
    documented = bool(re.fullmatch(SETTING_PATTERNS["ms"], value))
    if documented:
        shares = [Decimal(v.strip(" ")) for v in value.split(",")]
        documented = shares == sorted(set(shares))  # the rule the pattern cannot state
    assert _accepts(CATALOG, ms=value) == documented


@FUZZ
@given(st.text(max_size=100))
def test_title_pattern_is_the_parser_rule(value: str) -> None:
    assert _accepts(CATALOG, title=value) == (len(value) <= 80)


# -- the routes ---------------------------------------------------------------------


def _get(path: str, query: bytes) -> tuple[int, bytes, str]:
    """One GET through the ASGI app with the query bytes exactly as given
    (a client library would re-encode them)."""
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query,
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
    }
    out: dict[str, Any] = {"body": b""}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            out["status"] = message["status"]
            out["type"] = dict(message["headers"]).get(b"content-type", b"").decode()
        else:
            out["body"] += message.get("body", b"")

    asyncio.run(APP(scope, receive, send))
    return out["status"], out["body"], out["type"]


RAW_QUERIES = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=200).map(lambda s: s.encode("utf-8", "surrogatepass")),
    PAIRS.map(lambda p: _query(p).encode()),
)


def _assert_client_error(status: int, body: bytes, ctype: str) -> None:
    assert 400 <= status < 500, (status, body[:300])
    assert ctype.startswith("application/json")
    error = json.loads(body)
    assert set(error) == {"detail", "errors"} and error["detail"] and error["errors"]


@FUZZ
@given(RAW_QUERIES)
def test_api_analyze_answers_any_query_with_an_analysis_or_a_4xx(query: bytes) -> None:
    status, body, ctype = _get("/api/analyze", query)
    if status == 200:
        assert set(json.loads(body)) >= {"state", "permalink", "categories", "years", "forecast", "warnings"}
    else:
        _assert_client_error(status, body, ctype)


@FUZZ
@given(RAW_QUERIES)
def test_export_csv_answers_any_query_with_a_csv_or_a_4xx(query: bytes) -> None:
    status, body, ctype = _get("/export.csv", query)
    if status == 200:
        assert ctype == "text/csv; charset=utf-8"
        assert body.startswith(b"category_id,category,group,year,position,")
    else:
        _assert_client_error(status, body, ctype)


@settings(max_examples=scaled(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(RAW_QUERIES)
def test_the_page_renders_any_query(query: bytes) -> None:
    status, body, ctype = _get("/", query)
    # A bad link is shown with its problems; the page never fails.
    assert status == 200, body[:300]
    assert ctype.startswith("text/html")
