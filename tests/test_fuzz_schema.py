"""Schemathesis against the app's own OpenAPI document, with every check.

Every operation gets its explicit examples, the coverage phase (boundary and
near-boundary values of every parameter, positive and negative) and
Hypothesis fuzzing; together well over 1,000 generated cases.  The checks
find a 5xx, a response that breaks its declared schema, status or content
type, invalid input accepted (`negative_data_rejection`) and valid input
refused (`positive_data_acceptance`).

Rules between values cannot be written in JSON Schema (years ascending; one
position slot per year; positions keyed by a year of the state; weights not
all 0).  The document states them in its descriptions, and `map_case` applies
them to the *positive* cases only, before they are sent, so that
`positive_data_acceptance` can hold the API to "every valid request is
accepted".  Negative cases are sent exactly as generated.  The one check left
out is `positive_data_acceptance` on POST /api/import (see the test).

`SCURVE_FUZZ_SCALE=3` runs three times the examples (tests/fuzzing.py).
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from app.main import create_app
from scurve.catalog import CATEGORY_IDS, load_catalog
from scurve.state import CUSTOM_IDS, round3
from tests.fuzzing import scaled

CATALOG_YEARS = [2024, 2025, 2026]
DEFAULTS = {c.id: dict(c.defaults) for c in load_catalog().categories}
EXAMPLES_PER_OPERATION = 400

APP = create_app()
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
OPENAPI = APP.openapi()
cases_sent = 0


def _weight_is_zero(text: object) -> bool:
    try:
        return round3(Decimal(str(text).strip(" "))) == 0
    except (InvalidOperation, ValueError):
        return False


def _value_fits(spec: dict[str, Any], text: str) -> bool:
    """Whether `text`, a query value as sent, is valid for the parameter
    schema `spec` (the kinds this app's document uses; anything else: no)."""
    types = [spec["type"]] if "type" in spec else [a.get("type") for a in spec.get("anyOf", [])]
    types = [t for t in types if t != "null"]
    if types == ["number"] or types == ["integer"]:
        if types == ["integer"] and not re.fullmatch(r"-?[0-9]+", text):
            return False
        try:
            v = float(text)
        except ValueError:
            return False
        return math.isfinite(v) and spec.get("minimum", -math.inf) <= v <= spec.get("maximum", math.inf)
    if types == ["string"]:
        return (
            ("enum" not in spec or text in spec["enum"])
            and ("pattern" not in spec or re.search(spec["pattern"], text) is not None)
            and spec.get("minLength", 0) <= len(text) <= spec.get("maxLength", math.inf)
        )
    return False


def sent_query_is_valid(path: str, method: str, url: str) -> bool:
    """A negative case can reach the wire as a valid request: a list of one
    number, an object whose one key is a number, serialise as that number.
    True when the query as sent names only documented parameters, each
    once, each with a valid value: then accepting it is right."""
    op = OPENAPI["paths"].get(path, {}).get(method.lower())
    if op is None:
        return False
    specs = {p["name"]: p["schema"] for p in op.get("parameters", []) if p["in"] == "query"}
    pairs = parse_qsl(urlsplit(url).query, keep_blank_values=True)
    names = [k for k, _ in pairs]
    return len(names) == len(set(names)) and all(k in specs and _value_fits(specs[k], v) for k, v in pairs)


CUSTOM_SUFFIXES = ("", ".lo", ".hi", ".curve", ".w", ".name", ".group", ".q")


def _clean_text(text: str, limit: int) -> str:
    """A group or question the rules take: no control characters, at most `limit` once trimmed."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc").strip()[:limit]


def _repair_custom_query(query: dict[str, Any], prefix: str) -> list[str]:
    """Every custom id used gets a valid, unique name; its texts follow their
    rules (NFKC, format characters, uniqueness: rules no pattern states).
    Returns the custom ids in use."""
    used = []
    for cid in CUSTOM_IDS:
        if not any(prefix + cid + suffix in query for suffix in CUSTOM_SUFFIXES):
            continue
        used.append(cid)
        query[f"{prefix}{cid}.name"] = f"Mine {cid}"
        for suffix, limit in ((".group", 40), (".q", 140)):
            if isinstance(query.get(prefix + cid + suffix), str):
                query[prefix + cid + suffix] = _clean_text(query[prefix + cid + suffix], limit)
    return used


def _repair_shares(raw: str) -> str:
    """Milestone shares in increasing order, once each (the rule the pattern cannot state)."""
    shares = sorted({Decimal(v.strip(" ")) for v in raw.split(",")})
    return ",".join(str(v) for v in shares)


def _repair_query(query: dict[str, Any]) -> None:
    for prefix in ("", "vs."):
        if prefix and not any(isinstance(k, str) and k.startswith(prefix) for k in query):
            continue
        years = CATALOG_YEARS
        if isinstance(query.get(prefix + "years"), str):
            years = sorted({int(y.strip(" ")) for y in query[prefix + "years"].split(",")})
            query[prefix + "years"] = ",".join(map(str, years))
        if isinstance(query.get(prefix + "ms"), str):
            query[prefix + "ms"] = _repair_shares(query[prefix + "ms"])
        ids = [*CATEGORY_IDS, *_repair_custom_query(query, prefix)]
        # A range needs both ends, a position in its slot and lo <= x <= hi:
        # rules between values that the repair does not try to meet.
        for cid in ids:
            query.pop(f"{prefix}{cid}.lo", None)
            query.pop(f"{prefix}{cid}.hi", None)
        for cid in ids:
            raw = query.get(prefix + cid)
            if isinstance(raw, str):
                slots = raw.split(",")[: len(years)]
                query[prefix + cid] = ",".join(slots + [""] * (len(years) - len(slots)))
        weights = [query.get(f"{prefix}{cid}.w") for cid in ids]
        if all(w is not None and _weight_is_zero(w) for w in weights):
            query[f"{prefix}{CATEGORY_IDS[0]}.w"] = "1"


def _repair_body(body: dict[str, Any]) -> None:
    years = body.get("years")
    if isinstance(years, list):
        body["years"] = years = sorted(years)
    else:
        years = CATALOG_YEARS
    for row in (body.get("estimates") or {}).values():
        for key in [k for k in row if int(k) not in years]:
            del row[key]
    _repair_custom(body)
    _repair_ranges(body, years)
    shares = body.get("milestones")
    if isinstance(shares, list):
        kept = sorted({round(v, 2) for v in shares if isinstance(v, int | float) and 0.01 <= round(v, 2) <= 0.99})
        if kept:
            body["milestones"] = kept[:3]
        else:
            del body["milestones"]
    weights = body.get("weights") or {}
    every = len(CATEGORY_IDS) + len(body.get("custom") or {})
    if len(weights) >= every and all(_weight_is_zero(w) for w in weights.values()):
        weights[CATEGORY_IDS[0]] = 1
    if isinstance(body.get("vs"), dict):
        _repair_body(body["vs"])


def _repair_custom(body: dict[str, Any]) -> None:
    """Every custom id used has a name; names are unique ignoring case and
    not blank or with control characters (rules JSON Schema cannot state)."""
    custom = body.get("custom")
    if not isinstance(custom, dict):
        custom = body["custom"] = {}
    used = {cid for key in ("estimates", "curves", "weights", "ranges") for cid in (body.get(key) or {})}
    for cid in sorted(used & set(CUSTOM_IDS)):
        custom.setdefault(cid, {"name": f"Mine {cid}"})
    for cid, entry in custom.items():
        entry["name"] = f"Mine {cid}"
        for key in ("group", "question"):
            if isinstance(entry.get(key), str):
                entry[key] = "".join(ch for ch in entry[key] if unicodedata.category(ch) != "Cc")


def _repair_ranges(body: dict[str, Any], years: list[int]) -> None:
    ranges = body.get("ranges") or {}
    estimates = body.get("estimates") or {}
    for cid, row in ranges.items():
        est = estimates.get(cid)
        if est is None:
            est = {str(y): x for y, x in DEFAULTS.get(cid, {}).items() if y in years}
        for key in list(row):
            pair, x = row[key], est.get(key)
            if int(key) not in years:
                del row[key]
                continue
            if pair is None:
                continue
            lo, hi = round3(pair[0]), round3(pair[1])
            if x is None or not lo <= round3(x) <= hi or not lo < hi:
                del row[key]


@schema.hook
def map_case(context: Any, case: Any) -> Any:
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return case
    if (
        case.operation.path in ("/api/analyze", "/export.csv", "/preview.png")
        and case.method.upper() == "GET"
        and case.query
    ):
        _repair_query(case.query)
    # POST /api/views takes the same state body (the crowd, SPEC section 10).
    if (
        case.operation.path in ("/api/analyze", "/api/views")
        and case.method.upper() == "POST"
        and isinstance(case.body, dict)
    ):
        _repair_body(case.body)
    return case


@schema.parametrize()
@settings(
    max_examples=scaled(EXAMPLES_PER_OPERATION),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
def test_api_conforms_to_its_schema(case: Any) -> None:
    global cases_sent
    cases_sent += 1
    excluded = []
    if case.operation.path == "/api/import":
        # Any string is a valid `text/csv` body to JSON Schema, but a CSV must
        # have a header and rows naming known ids and years, which no schema
        # can state: the positive check cannot hold here.  The importer is
        # fuzzed with arbitrary text in tests/test_fuzz_csv.py instead.
        excluded.append(positive_data_acceptance)
    query = case.query if isinstance(case.query, dict) else {}
    if case.operation.path == "/oembed" and query.get("format", "json") != "json":
        # oEmbed's rule (SPEC section 11): a format it does not serve gets 501.
        excluded.append(not_a_server_error)
        response = case.call_and_validate(excluded_checks=excluded)
        assert response.status_code in (400, 501), response.status_code
        return
    response = case.call()
    negative = case.meta is not None and not case.meta.generation.mode.is_positive
    url = str(getattr(response, "url", "") or getattr(response.request, "url", ""))
    if negative and response.status_code < 400 and sent_query_is_valid(case.operation.path, case.method, url):
        excluded.append(negative_data_rejection)
    if negative and response.status_code == 414:
        # A query over 8 KiB is refused before any route reads it (a rejection
        # schemathesis does not count as one).
        excluded.append(negative_data_rejection)
    case.validate_response(response, excluded_checks=excluded)


def test_sent_query_check_tells_valid_from_invalid() -> None:
    ok = "http://t/api/curve?steepness=2&ceiling=0.5"
    assert sent_query_is_valid("/api/curve", "GET", ok)
    for bad in ("steepness=2&steepness=3", "steepness=50", "steepness=true", "midpoint=nan", "other=1"):
        assert not sent_query_is_valid("/api/curve", "GET", "http://t/api/curve?" + bad), bad
    assert sent_query_is_valid("/oembed", "GET", "http://t/oembed?url=x&maxwidth=400")
    assert not sent_query_is_valid("/oembed", "GET", "http://t/oembed?url=x&maxwidth=400.5")
    assert sent_query_is_valid("/api/crowd", "GET", "http://t/api/crowd?since=2026-01-02")
    assert not sent_query_is_valid("/api/crowd", "GET", "http://t/api/crowd?since=soon")


def test_the_fuzzing_sent_at_least_1000_cases() -> None:
    if cases_sent == 0:
        pytest.skip("runs after the schemathesis tests of this module")
    assert cases_sent >= 1000, f"only {cases_sent} cases"
