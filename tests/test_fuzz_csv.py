"""Hypothesis fuzzing of the CSV importer and POST /api/import.

Whatever file a user picks, the importer either reads a valid state or
raises one of the documented errors (`ImportFileError`, `TooLargeError`,
both `ScurveError`) naming every problem; the route answers 200 with
`{"state", "permalink", "warnings", "defaulted"}` or a 4xx with `{"detail", "errors"}`.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scurve import ScurveError, analyze, load_catalog, parse_query
from scurve.catalog import CATEGORY_IDS
from scurve.csvio import HEADER, read_csv
from tests.fuzzing import scaled

CATALOG = load_catalog()
FUZZ = settings(max_examples=scaled(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Cells that are right, nearly right, or hostile.
CELLS = st.one_of(
    st.sampled_from(CATEGORY_IDS),
    st.sampled_from(["2024", "2025", "2026", "1999", "2101", "٢٠٢٤", " 2024 ", "2024.0"]),
    st.sampled_from(["0.3", ".5", "1", "0", "-0.1", "1.5", "5e-1", "nan", "inf", "", " ", "0,5"]),
    st.sampled_from(["0.5", "10", "40", "0.05", "0.96", "0", "1e400", "=1+1", '"', '""', "\x00"]),
    st.text(max_size=10),
)
COLUMNS = st.lists(st.sampled_from([*HEADER, "CATEGORY_ID", " year ", "extra", ""]), min_size=1, max_size=16)
EOL = st.sampled_from(["\r\n", "\n", "\r"])


@st.composite
def csv_like(draw: st.DrawFn) -> str:
    """Text shaped like the export: a header, then rows of plausible cells."""
    header = draw(COLUMNS)
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(header) + 2), max_size=25))
    eol = draw(EOL)
    bom = draw(st.sampled_from(["", "\ufeff"]))
    lines = [",".join(header)] + [",".join(row) for row in rows]
    return bom + eol.join(lines) + draw(st.sampled_from(["", eol]))


@st.composite
def nearly_valid_csv(draw: st.DrawFn) -> str:
    """A valid import in a shuffled column order, sometimes with one cell spoiled."""
    columns = draw(st.permutations(["category_id", "year", "position", "midpoint", "weight", "extra"]))
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from(CATEGORY_IDS), st.integers(2020, 2028)), min_size=1, max_size=30, unique=True
        )
    )
    rows = []
    for cid, year in keys:
        cell = {
            "category_id": cid,
            "year": str(year),
            "position": draw(st.sampled_from(["0.1", "0.55", ".9", "1", "0", ""])),
            "midpoint": "",
            "weight": "",
            "extra": draw(st.text(alphabet='ab ,"', max_size=4)).join('""'),
        }
        rows.append([cell[c] for c in columns])
    if draw(st.booleans()):
        row = draw(st.sampled_from(rows))
        row[draw(st.integers(0, len(row) - 1))] = draw(CELLS)
    lines = [",".join(columns)] + [",".join(r) for r in rows]
    return draw(EOL).join(lines)


ANY_FILE = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=500).map(lambda s: s.encode("utf-8", "surrogatepass")),
    csv_like().map(str.encode),
    nearly_valid_csv().map(str.encode),
)


def _check_result(data: bytes) -> None:
    try:
        result = read_csv(data, CATALOG)
    except ScurveError as exc:
        assert exc.message and exc.problems
        assert all(p.msg for p in exc.problems)
        return
    state = result.state
    assert list(state.years) == sorted(set(state.years)) and 1 <= len(state.years) <= 10
    for row in state.estimates.values():
        assert set(row) <= set(state.years) and all(0 <= x <= 1 for x in row.values())
    analyze(state, CATALOG)


@FUZZ
@given(ANY_FILE)
def test_the_importer_reads_a_state_or_raises_a_documented_error(data: bytes) -> None:
    _check_result(data)


@FUZZ
@given(csv_like())
def test_the_importer_takes_text_as_it_takes_bytes(text: str) -> None:
    try:
        from_bytes: object = read_csv(text.encode(), CATALOG)
    except ScurveError as exc:
        from_bytes = exc.message
    try:
        from_text: object = read_csv(text, CATALOG)
    except ScurveError as exc:
        from_text = exc.message
    assert from_text == from_bytes


def _assert_answer(status: int, body: bytes) -> dict[str, object]:
    assert status < 500, body[:300]
    answer: dict[str, object] = json.loads(body)
    if status == 200:
        assert set(answer) == {"state", "permalink", "warnings", "defaulted"}
        # The permalink it gives is a clean link to the same state.
        link = parse_query(str(answer["permalink"]).removeprefix("/?"), CATALOG)
        assert link.problems == ()
    else:
        assert status in (400, 413, 415)
        assert set(answer) == {"detail", "errors"} and answer["detail"] and answer["errors"]
    return answer


@FUZZ
@given(ANY_FILE)
def test_import_route_answers_any_csv_body(client: TestClient, data: bytes) -> None:
    r = client.post("/api/import", content=data, headers={"content-type": "text/csv"})
    _assert_answer(r.status_code, r.content)


@settings(max_examples=scaled(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_FILE, st.sampled_from(["file", "upload"]))
def test_import_route_answers_any_uploaded_file(client: TestClient, data: bytes, field: str) -> None:
    r = client.post("/api/import", files={field: ("mine.csv", data, "text/csv")})
    answer = _assert_answer(r.status_code, r.content)
    if field != "file":
        assert r.status_code == 400 and "`file`" in str(answer["detail"])


@settings(max_examples=scaled(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600), st.sampled_from([b"XyZ", b"", b"--", b"a" * 80]))
def test_import_route_answers_a_broken_multipart_body(client: TestClient, body: bytes, boundary: bytes) -> None:
    headers = {"content-type": "multipart/form-data; boundary=" + boundary.decode()}
    framed = b"--" + boundary + b"\r\n" + body + b"\r\n--" + boundary + b"--\r\n"
    for payload in (body, framed):
        r = client.post("/api/import", content=payload, headers=headers)
        _assert_answer(r.status_code, r.content)


@pytest.mark.parametrize("ctype", ["application/json", "text/plain", "", "application/x-www-form-urlencoded"])
def test_import_refuses_other_content_types_with_415(client: TestClient, ctype: str) -> None:
    headers = {"content-type": ctype} if ctype else {}
    r = client.post("/api/import", content=b"category_id,year,position\r\n", headers=headers)
    assert r.status_code == 415
    assert "text/csv" in r.json()["detail"]
