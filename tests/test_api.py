"""The HTTP contract (SPEC section 5): exact JSON fields, exact CSV, and a
table of bad inputs, each answered with its documented status and a message
naming the parameter, the value and the rule.  Nothing a client sends gets a 5xx.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from scurve import CATEGORY_IDS
from scurve.fields import SETTINGS

ANALYSIS_KEYS = {
    "state",
    "permalink",
    "categories",
    "years",
    "forecast",
    "uncertainty",
    "compare",
    "warnings",
    "sensitivity",
}
# Beyond SPEC section 5: the page's headline sentence, computed by the server.
ANALYSIS_EXTRA = {"summary"}
STATE_KEYS = {"estimates", "curves", "weights", "ranges", "custom"} | {s.json for s in SETTINGS}
CATEGORY_KEYS = {"id", "name", "group", "curve", "weight", "band", "points", "trajectory"}
CURVE_KEYS = {"midpoint", "steepness", "ceiling"}
POINT_KEYS = {
    "year",
    "position",
    "uplift",
    "slope",
    "relative_slope",
    "phase",
    "supercritical",
    "elasticity",
    "supercritical_loglog",
    "breakeven_payoff",
}
TRAJECTORY_KEYS = {"rate", "rmse", "midpoint_year", "peak_year", "supercritical_from", "supercritical_to"}
YEAR_KEYS = {
    "year",
    "mean_slope",
    "total_slope",
    "supercritical",
    "supercritical_count",
    "accelerating_count",
    "mean_uplift",
    "past_midpoint_count",
    "loglog_supercritical_count",
    "newly_supercritical",
    "breakeven_scale",
}
FORECAST_KEYS = {
    "t",
    "mean_slope",
    "total_slope",
    "peak_year",
    "peak_at_edge",
    "supercritical_from",
    "supercritical_to",
    "categories",
    "mean_uplift",
    "potential",
    "gain",
    "gain_peak_year",
    "speedup",
    "milestones",
}
SENSITIVITY_KEYS = {"id", "low_x", "high_x", "mean_slope", "milestone"}
ERROR_KEYS = {"detail", "errors"}
ERROR_ITEM_KEYS = {"loc", "msg", "value"}
CSV_HEADER = (
    "category_id,category,group,year,position,uplift,slope,relative_slope,phase,supercritical,"
    "midpoint,steepness,ceiling,weight,low,high,question,years,horizon,feedback,lag,milestones,rho,title"
)
# After `high`: the question (empty for a built-in category), then the default state's settings.
CSV_SETTINGS = ",,2024 2025 2026,2030,0,0,0.5 0.9,0.5,"


def ok(r: httpx.Response) -> Any:
    assert r.status_code == 200, r.text
    return r.json()


def error(r: httpx.Response, status: int) -> dict[str, Any]:
    """An error answer: its status, the exact error shape, and the body."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/json"
    body: dict[str, Any] = r.json()
    assert set(body) == ERROR_KEYS
    assert isinstance(body["detail"], str) and body["detail"]
    assert body["errors"] and all(set(e) == ERROR_ITEM_KEYS for e in body["errors"])
    assert all(isinstance(e["loc"], list) and isinstance(e["msg"], str) for e in body["errors"])
    return body


def check_analysis_shape(a: dict[str, Any], *, top: bool = True) -> None:
    assert set(a) == ANALYSIS_KEYS | ANALYSIS_EXTRA if top else set(a) >= ANALYSIS_KEYS
    assert STATE_KEYS <= set(a["state"]) <= STATE_KEYS | {"vs"}
    assert [c["id"] for c in a["categories"]] == list(CATEGORY_IDS)
    for c in a["categories"]:
        assert set(c) == CATEGORY_KEYS
        assert set(c["curve"]) == CURVE_KEYS
        assert c["band"] is None or len(c["band"]) == 2
        for p in c["points"]:
            assert set(p) == POINT_KEYS
        assert [p["year"] for p in c["points"]] == sorted(p["year"] for p in c["points"])
        assert c["trajectory"] is None or set(c["trajectory"]) == TRAJECTORY_KEYS
    for y in a["years"]:
        assert set(y) == YEAR_KEYS
    f = a["forecast"]
    assert set(f) == FORECAST_KEYS
    assert set(f["categories"]) == set(CATEGORY_IDS)
    for cf in f["categories"].values():
        assert set(cf) == {"position", "slope", "uplift", "share"}
    assert len(f["mean_slope"]) == len(f["total_slope"]) == len(f["gain"]) == len(f["speedup"]) == len(f["t"])
    assert [set(ms) for ms in f["milestones"]] == [{"share", "year", "already"}] * len(f["milestones"])
    for s in a["sensitivity"] or ():
        assert set(s) == SENSITIVITY_KEYS and len(s["mean_slope"]) == len(s["milestone"]) == 2
    assert a["permalink"].startswith("/?v=2&")
    if a["compare"] is not None:
        check_analysis_shape(a["compare"], top=False)


def test_healthz(client: TestClient) -> None:
    assert ok(client.get("/healthz")) == {"status": "ok"}


def test_categories(client: TestClient) -> None:
    body = ok(client.get("/api/categories"))
    assert set(body) == {"years", "categories"}
    assert body["years"] == [2024, 2025, 2026]
    assert [c["id"] for c in body["categories"]] == list(CATEGORY_IDS)
    for c in body["categories"]:
        assert set(c) == {"id", "name", "group", "question", "description", "curve", "weight", "defaults", "anchors"}
        assert list(c["anchors"]) == ["0.25", "0.5", "0.75"]
        assert c["curve"] == {"midpoint": 0.5, "steepness": 10.0, "ceiling": 1.0} and c["weight"] == 1.0
        assert list(c["defaults"]) == ["2024", "2025", "2026"]
    assert body["categories"][0]["defaults"] == {"2024": 0.3, "2025": 0.42, "2026": 0.55}
    assert body["categories"][4]["name"] == "Chip design"


def test_default_analysis(client: TestClient) -> None:
    a = ok(client.get("/api/analyze"))
    check_analysis_shape(a)
    assert [y["supercritical_count"] for y in a["years"]] == [4, 6, 7]
    assert [round(y["mean_slope"], 2) for y in a["years"]] == [0.64, 1.29, 1.70]
    assert a["compare"] is None and a["warnings"] == []
    assert len(a["forecast"]["t"]) == 25
    assert a["categories"][0]["points"][0] == {
        "year": 2024,
        "position": 0.3,
        "uplift": pytest.approx(0.11920292202211755),
        "slope": pytest.approx(1.0499358540350652),
        "relative_slope": pytest.approx(0.41997434161402607),
        "phase": "accelerating",
        "supercritical": True,
        # 10 * 0.3 * (1 - sigma(-2)), worked by hand
        "elasticity": pytest.approx(3 * (1 - 0.11920292202211755)),
        "supercritical_loglog": True,
        # L / s: the ceiling at which this slope would be exactly 1
        "breakeven_payoff": pytest.approx(1 / 1.0499358540350652),
    }
    assert a["categories"][0]["band"] == pytest.approx([0.2936562931104439, 0.7063437068895561])
    assert a["state"]["estimates"]["qualitative_research"] == {"2024": 0.04, "2025": 0.08, "2026": 0.14}


def test_permalink_is_relative_and_canonical(client: TestClient) -> None:
    # parameters in any order, with defaults spelled out or left out, and a vs. state
    q = (
        "title=Mine&vs.title=Theirs&chip_design.w=2&bug_fixes=0.300,0.4,&horizon=2035"
        "&synthetic_data.curve=0.5,10,1&chip_design.curve=0.6,8,1&vs.bug_fixes=0.9,0.9,0.9&v=1"
    )
    a = ok(client.get("/api/analyze?" + q))
    expected = (
        "/?v=2&years=2024,2025,2026&horizon=2035&bug_fixes=0.3,0.4,"
        "&supporting_structures=0.32,0.45,0.58&automated_experiments=0.15,0.27,0.4"
        "&closed_loop_optimisation=0.25,0.36,0.48&chip_design=0.12,0.17,0.23"
        "&chip_design.curve=0.6,8,1&chip_design.w=2&supercomputer_infrastructure=0.06,0.1,0.15"
        "&data_cleaning_ordering=0.3,0.4,0.49&synthetic_data=0.33,0.45,0.57"
        "&surfacing_ideas=0.18,0.3,0.43&qualitative_research=0.04,0.08,0.14&title=Mine"
        "&vs.years=2024,2025,2026&vs.horizon=2030&vs.bug_fixes=0.9,0.9,0.9"
        "&vs.supporting_structures=0.32,0.45,0.58&vs.automated_experiments=0.15,0.27,0.4"
        "&vs.closed_loop_optimisation=0.25,0.36,0.48&vs.chip_design=0.12,0.17,0.23"
        "&vs.supercomputer_infrastructure=0.06,0.1,0.15&vs.data_cleaning_ordering=0.3,0.4,0.49"
        "&vs.synthetic_data=0.33,0.45,0.57&vs.surfacing_ideas=0.18,0.3,0.43"
        "&vs.qualitative_research=0.04,0.08,0.14&vs.title=Theirs"
    )
    assert a["permalink"] == expected
    check_analysis_shape(a)
    assert a["compare"]["state"]["title"] == "Theirs"
    assert a["compare"]["permalink"].startswith("/?v=2&years=2024,2025,2026&horizon=2030&bug_fixes=0.9,0.9,0.9&")
    # the canonical link reads back to the same analysis
    again = ok(client.get("/api/analyze?" + expected[2:]))
    assert again == a


def test_post_and_get_give_identical_json(client: TestClient) -> None:
    state = {
        "years": [2024, 2025, 2026],
        "estimates": {"bug_fixes": {"2024": 0.3, "2025": 0.45, "2026": 0.6}, "chip_design": {"2025": 0.2}},
        "curves": {"chip_design": {"midpoint": 0.6, "steepness": 8, "ceiling": 1}},
        "weights": {"synthetic_data": 2},
        "horizon": 2030,
        "title": "My estimates & more",
        "vs": {"years": [2025], "title": "other"},
    }
    posted = client.post("/api/analyze", json=state)
    body = ok(posted)
    check_analysis_shape(body)
    got = client.get("/api/analyze?" + body["permalink"][2:])
    assert got.content == posted.content
    # and the state a GET returns posts back to the same analysis
    again = client.post("/api/analyze", json=body["state"])
    assert again.content == posted.content
    assert body["state"]["estimates"]["chip_design"] == {"2025": 0.2}
    assert body["state"]["curves"] == {"chip_design": {"midpoint": 0.6, "steepness": 8.0, "ceiling": 1.0}}
    assert body["state"]["weights"] == {"synthetic_data": 2.0}
    assert body["state"]["vs"]["years"] == [2025]


def test_post_with_json_suffix_content_type(client: TestClient) -> None:
    r = client.post("/api/analyze", content=b"{}", headers={"content-type": "application/merge-patch+json"})
    assert ok(r)["permalink"] == ok(client.get("/api/analyze"))["permalink"]


def test_unknown_params_warn_and_tracking_params_are_silent(client: TestClient) -> None:
    a = ok(client.get("/api/analyze?utm_source=news&utm_campaign=x&fbclid=abc&gclid=def&colour=red&vs.size=2"))
    assert a["warnings"] == ["ignored unknown parameter `colour`", "ignored unknown parameter `vs.size`"]
    assert a["permalink"] == ok(client.get("/api/analyze"))["permalink"]


def test_missing_category_takes_defaults_and_missing_v_reads_as_1(client: TestClient) -> None:
    a = ok(client.get("/api/analyze?bug_fixes=0.1,0.2,0.3"))
    est = a["state"]["estimates"]
    assert est["bug_fixes"] == {"2024": 0.1, "2025": 0.2, "2026": 0.3}
    assert est["chip_design"] == {"2024": 0.12, "2025": 0.17, "2026": 0.23}
    assert a == ok(client.get("/api/analyze?v=1&bug_fixes=0.1,0.2,0.3"))


def test_falling_estimates_warn_naming_the_category(client: TestClient) -> None:
    a = ok(client.get("/api/analyze?synthetic_data=0.6,0.5,0.4"))
    assert len(a["warnings"]) == 1
    assert a["warnings"][0].startswith("Synthetic data (synthetic_data): the estimates fall over time")


def test_single_year_has_no_trajectories(client: TestClient) -> None:
    a = ok(client.get("/api/analyze?years=2025"))
    assert all(c["trajectory"] is None for c in a["categories"])
    assert a["forecast"]["t"][0] == 2025.0 and len(a["forecast"]["t"]) == 21


# -- CSV export -----------------------------------------------------------------------------------


def test_export_csv_exact(client: TestClient) -> None:
    est = "&".join(f"{cid}=,," for cid in CATEGORY_IDS if cid not in ("bug_fixes", "chip_design"))
    r = client.get(
        f"/export.csv?bug_fixes=0.5,,0.3&{est}&chip_design=,0.1,&chip_design.curve=0.4,20,0.5&chip_design.w=2.5"
    )
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["content-disposition"] == 'attachment; filename="scurve-estimates.csv"'
    lines = r.content.decode().split("\r\n")
    assert lines[:3] == [
        CSV_HEADER,
        "bug_fixes,Bug fixes,Software engineering,2024,0.500,0.5000,2.5000,1.0000,decelerating,true,"
        "0.5000,10.0000,1.0000,1.0000,," + CSV_SETTINGS,
        "bug_fixes,Bug fixes,Software engineering,2026,0.300,0.1192,1.0499,0.4200,accelerating,true,"
        "0.5000,10.0000,1.0000,1.0000,," + CSV_SETTINGS,
    ]
    assert (
        "chip_design,Chip design,Hardware engineering,2025,0.100,0.0012,0.0247,0.0099,early,false,"
        "0.4000,20.0000,0.5000,2.5000,," + CSV_SETTINGS
    ) in lines
    # The eight categories with no estimate: one row each, with empty year and position.
    empty = [line for line in lines if ",,,,,,,,0.5000," in line]
    assert [line.split(",")[0] for line in empty] == [c for c in CATEGORY_IDS if c not in ("bug_fixes", "chip_design")]
    assert len(lines) == 1 + 3 + 8 + 1 and lines[-1] == ""


def test_export_csv_default(client: TestClient) -> None:
    r = client.get("/export.csv", headers={"accept-encoding": "identity"})
    assert r.status_code == 200
    assert not r.content.startswith(b"\xef\xbb\xbf")
    lines = r.content.decode().split("\r\n")
    assert lines[0] == CSV_HEADER
    assert len(lines) == 32 and lines[-1] == ""
    assert lines[1] == (
        "bug_fixes,Bug fixes,Software engineering,2024,0.300,0.1192,1.0499,0.4200,accelerating,true,"
        "0.5000,10.0000,1.0000,1.0000,," + CSV_SETTINGS
    )


def test_export_then_import_round_trip(client: TestClient) -> None:
    q = "bug_fixes=0.31,0.4,0.5&chip_design.curve=0.6,8,1&synthetic_data.w=3&horizon=2030"
    exported = client.get("/export.csv?" + q)
    back = ok(client.post("/api/import", content=exported.content, headers={"content-type": "text/csv"}))
    assert set(back) == {"state", "permalink", "warnings", "defaulted"}
    assert back["warnings"] == [] and back["defaulted"] == []
    assert back["permalink"] == ok(client.get("/api/analyze?" + q))["permalink"]


def test_import_multipart(client: TestClient) -> None:
    data = b"\xef\xbb\xbfcategory_id,year,position\r\nbug_fixes,2025,0.7\r\n"
    body = ok(client.post("/api/import", files={"file": ("mine.csv", data, "text/csv")}))
    assert body["state"]["years"] == [2025]
    assert body["state"]["estimates"]["bug_fixes"] == {"2025": 0.7}
    assert body["state"]["estimates"]["chip_design"] == {"2025": 0.17}
    assert len(body["warnings"]) == 9
    assert body["defaulted"] == ["horizon", "feedback", "lag", "milestones", "rho", "title"]
    assert body["permalink"].startswith("/?v=2&years=2025&horizon=2030&bug_fixes=0.7&")


# -- bad permalink queries ------------------------------------------------------------------------

BAD_QUERIES: list[tuple[str, str, list[str]]] = [
    # (query, parameter, message fragments)
    ("years=abc", "years", ["`years` must be 1 to 10 distinct ascending years in 2000..2100", "got 'abc'"]),
    ("years=2024,x", "years", ["got '2024,x'"]),
    ("years=2026,2025", "years", ["ascending", "got '2026,2025'"]),
    ("years=2024,2024", "years", ["distinct", "got '2024,2024'"]),
    ("years=" + ",".join(str(y) for y in range(2020, 2031)), "years", ["1 to 10", "got '2020,2021"]),
    ("years=1999", "years", ["in 2000..2100", "got '1999'"]),
    ("years=2101", "years", ["got '2101'"]),
    ("years=", "years", ["got ''"]),
    ("horizon=20x", "horizon", ["`horizon` must be a whole year in 2000..2100", "got '20x'"]),
    ("horizon=2101", "horizon", ["got '2101'"]),
    ("horizon=2030.5", "horizon", ["got '2030.5'"]),
    ("horizon=", "horizon", ["got ''"]),
    ("bug_fixes=0.1,0.2", "bug_fixes", ["`bug_fixes` must list 3 positions", "got '0.1,0.2'"]),
    ("bug_fixes=0.1,0.2,0.3,0.4", "bug_fixes", ["must list 3 positions", "got '0.1,0.2,0.3,0.4'"]),
    ("bug_fixes=1.1,0.2,0.3", "bug_fixes", ["each a number in [0, 1]", "got '1.1,0.2,0.3'"]),
    ("bug_fixes=-0.1,0.2,0.3", "bug_fixes", ["[0, 1]", "got '-0.1,0.2,0.3'"]),
    ("bug_fixes=a,0.2,0.3", "bug_fixes", ["got 'a,0.2,0.3'"]),
    ("bug_fixes=nan,0.2,0.3", "bug_fixes", ["got 'nan,0.2,0.3'"]),
    ("bug_fixes=inf,0.2,0.3", "bug_fixes", ["got 'inf,0.2,0.3'"]),
    ("bug_fixes=1e-1,0.2,0.3", "bug_fixes", ["got '1e-1,0.2,0.3'"]),
    ("vs.bug_fixes=0.1", "vs.bug_fixes", ["`vs.bug_fixes` must list 3 positions", "got '0.1'"]),
    ("years=2025&chip_design=0.1,0.2", "chip_design", ["must list 1 positions", "one per year of 2025"]),
    (
        "bug_fixes.curve=0.5,10",
        "bug_fixes.curve",
        ["`bug_fixes.curve` must be midpoint,steepness,ceiling", "got '0.5,10'"],
    ),
    ("bug_fixes.curve=0.5,10,1,1", "bug_fixes.curve", ["got '0.5,10,1,1'"]),
    ("bug_fixes.curve=0.99,10,1", "bug_fixes.curve", ["midpoint in [0.05, 0.95]", "got '0.99,10,1'"]),
    ("bug_fixes.curve=0.5,41,1", "bug_fixes.curve", ["steepness in [1, 40]", "got '0.5,41,1'"]),
    ("bug_fixes.curve=0.5,10,0", "bug_fixes.curve", ["ceiling in [0.05, 1]", "got '0.5,10,0'"]),
    ("bug_fixes.curve=a,b,c", "bug_fixes.curve", ["got 'a,b,c'"]),
    ("bug_fixes.w=11", "bug_fixes.w", ["`bug_fixes.w` must be a weight: a number in [0, 10]", "got '11'"]),
    ("bug_fixes.w=-1", "bug_fixes.w", ["got '-1'"]),
    ("bug_fixes.w=x", "bug_fixes.w", ["got 'x'"]),
    ("bug_fixes.w=", "bug_fixes.w", ["got ''"]),
    ("vs.chip_design.w=nan", "vs.chip_design.w", ["`vs.chip_design.w` must be a weight", "got 'nan'"]),
    ("title=" + "x" * 81, "title", ["`title` must be at most 80 characters (has 81)"]),
    ("vs.title=" + "é" * 81, "vs.title", ["`vs.title` must be at most 80 characters"]),
    ("v=3", "v", ["`v` unsupported version", "got '3'"]),
    ("v=", "v", ["unsupported version", "got ''"]),
    ("&".join(f"{cid}.w=0" for cid in CATEGORY_IDS), "w", ["weights must not all be 0"]),
    ("horizon=2030&horizon=2031", "horizon", ["`horizon` is given more than once"]),
    # feedback and correlation (SPEC 7 and 8)
    ("fb=x", "fb", ["`fb` must be a number in [0, 3]", "got 'x'"]),
    ("fb=3.1", "fb", ["`fb` must be a number in [0, 3]", "got '3.1'"]),
    ("fb=-0.5", "fb", ["got '-0.5'"]),
    ("fb=", "fb", ["got ''"]),
    ("vs.fb=nan", "vs.fb", ["`vs.fb` must be a number in [0, 3]", "got 'nan'"]),
    ("rho=1.01", "rho", ["`rho` must be a number in [0, 1]", "got '1.01'"]),
    ("rho=-0", "rho", ["got '-0'"]),
    ("rho=half", "rho", ["got 'half'"]),
    # ranges (SPEC 8)
    ("bug_fixes.lo=0.35,,&bug_fixes.hi=0.2,,", "bug_fixes.lo", ["the range must have low < high"]),
    ("bug_fixes.lo=0.35,,&bug_fixes.hi=0.4,,", "bug_fixes.lo", ["low must be at most the position 0.3"]),
    ("bug_fixes.lo=0.2,,&bug_fixes.hi=0.25,,", "bug_fixes.lo", ["high must be at least the position 0.3"]),
    ("bug_fixes.lo=0.3,,&bug_fixes.hi=0.3,,", "bug_fixes.lo", ["must have low < high"]),
    ("bug_fixes.lo=0.2,,&bug_fixes.hi=1.2,,", "bug_fixes.hi", ["each a number in [0, 1]", "got '1.2,,'"]),
    ("bug_fixes.lo=-0.1,,&bug_fixes.hi=0.4,,", "bug_fixes.lo", ["got '-0.1,,'"]),
    ("bug_fixes=,0.4,0.5&bug_fixes.lo=0.2,,&bug_fixes.hi=0.4,,", "bug_fixes.lo", ["needs a position"]),
    ("bug_fixes.lo=0.2,0.3&bug_fixes.hi=0.4,,", "bug_fixes.lo", ["must list 3 range ends", "got '0.2,0.3'"]),
    ("bug_fixes.lo=0.2,,", "bug_fixes.hi", ["`bug_fixes.hi` is required with `bug_fixes.lo`"]),
    ("bug_fixes.hi=0.4,,", "bug_fixes.lo", ["`bug_fixes.lo` is required with `bug_fixes.hi`"]),
    ("bug_fixes.lo=0.2,0.3,&bug_fixes.hi=0.4,,", "bug_fixes.hi", ["has no value for 2025"]),
    ("vs.bug_fixes.lo=0.5,,&vs.bug_fixes.hi=0.6,,", "vs.bug_fixes.lo", ["low must be at most the position 0.3"]),
    # your own categories (SPEC 9)
    ("u11.name=X&u11=0.1,0.2,0.3", "u11", []),
    ("u1=0.1,0.2,0.3", "u1", ["needs a name: give `u1.name` too"]),
    ("u2.w=2", "u2.w", ["needs a name"]),
    ("u1.name=" + "n" * 61, "u1.name", ["must be at most 60 characters after trimming (has 61)"]),
    ("u1.name=%20%20", "u1.name", ["must be 1 to 60 characters after trimming"]),
    ("u1.name=a%07b", "u1.name", ["must not contain control characters"]),
    ("u1.name=BUG%20FIXES", "u1.name", ["must differ (ignoring case)", "'Bug fixes'"]),
    ("u1.name=Mine&u2.name=mine", "u2.name", ["must differ (ignoring case)", "'Mine'"]),
    ("u1.name=X&u1.group=" + "g" * 41, "u1.group", ["at most 40 characters"]),
    ("u1.name=X&u1.q=" + "q" * 141, "u1.q", ["at most 140 characters"]),
    ("u1.group=G", "u1.name", ["is required when `u1.group`"]),
    ("u1.name=X&u1=0.1,0.2", "u1", ["must list 3 positions", "X is shown at its defaults"]),
]


@pytest.mark.parametrize(("query", "param", "fragments"), BAD_QUERIES, ids=[q[0][:40] for q in BAD_QUERIES])
@pytest.mark.parametrize("route", ["/api/analyze", "/export.csv"])
def test_bad_query_is_a_400_naming_it(
    client: TestClient, route: str, query: str, param: str, fragments: list[str]
) -> None:
    r = client.get(f"{route}?{query}")
    if param == "u11":  # not an id at all: ignored with a warning, as any unknown parameter
        assert r.status_code == 200
        if route == "/api/analyze":
            assert "ignored unknown parameter `u11.name`" in r.json()["warnings"]
        return
    body = error(r, 400)
    for fragment in fragments:
        assert fragment in body["detail"], body["detail"]
    assert [e["loc"] for e in body["errors"]] == [["query", param]]
    assert body["errors"][0]["msg"] == body["detail"]


def test_several_bad_parameters_are_all_reported(client: TestClient) -> None:
    body = error(client.get("/api/analyze?horizon=x&bug_fixes=2,2,2&chip_design.w=-1"), 400)
    assert [e["loc"][1] for e in body["errors"]] == ["horizon", "bug_fixes", "chip_design.w"]
    assert body["detail"].startswith("3 problems: `horizon` must be")


def test_over_long_query_is_refused(client: TestClient) -> None:
    body = error(client.get("/api/analyze?title=" + "x" * 9000), 414)
    assert "the limit is 8192 bytes" in body["detail"]


# -- bad JSON bodies ------------------------------------------------------------------------------

BAD_BODIES: list[tuple[bytes, list[str]]] = [
    (b"not json", ["the body is not valid JSON"]),
    (b"", ["the body is not valid JSON"]),
    (b'{"estimates": {"bug_fixes": {"2024": NaN}}}', ["not valid JSON", "NaN is not a number JSON allows"]),
    (b'{"weights": {"bug_fixes": Infinity}}', ["Infinity is not a number JSON allows"]),
    (b'{"weights": {"bug_fixes": 1e999}}', ["the number 1e999 is too large"]),
    (b'{"weights": {"bug_fixes": 1' + b"0" * 400 + b"}}", ["`weights.bug_fixes` must be a number in [0, 10]"]),
    (b'{"title": "a\\ud800"}', ["lone surrogate \\ud800"]),
    (b'{"\\udfff": 1}', ["lone surrogate \\udfff"]),
    (b"\xff\xfe{}", ["not valid JSON"]),
    (b"[" * 100_000, ["not valid JSON"]),
    (b"[]", ["a state must be a JSON object, got list"]),
    (b'"state"', ["a state must be a JSON object, got str"]),
    (b'{"weights": {"bug_fixes": true}}', ["`weights.bug_fixes` must be a number in [0, 10], got True"]),
    (b'{"estimates": {"bug_fixes": {"2024": true}}}', ["`estimates.bug_fixes.2024` must be a position", "got True"]),
    (b'{"estimates": {"bug_fixes": {"2024": "0.5"}}}', ["`estimates.bug_fixes.2024` must be a position", "got '0.5'"]),
    (b'{"horizon": "2030"}', ["`horizon` must be a whole year in 2000..2100, got '2030'"]),
    (b'{"estimates": {"nope": {"2024": 0.5}}}', ["unknown category id `nope`"]),
    (b'{"weights": {"nope": 1}}', ["unknown category id `nope`"]),
    (b'{"curves": {"nope": {}}}', ["unknown category id `nope`"]),
    (b'{"colour": "red"}', ["unknown field `colour`"]),
    (b'{"curves": {"bug_fixes": {"midpoint": 0.5, "shape": 2}}}', ["unknown field `curves.bug_fixes.shape`"]),
    (b'{"vs": {"vs": {}}}', ["unknown field `vs`"]),
    (b'{"years": [2026, 2025]}', ["`years` must be 1 to 10 distinct ascending years", "got 2026,2025"]),
    (b'{"estimates": {"bug_fixes": {"2030": 0.5}}}', ["year '2030' must be one of the years [2024, 2025, 2026]"]),
    (b'{"title": "' + b"x" * 81 + b'"}', ["`title` must be at most 80 characters, got 81"]),
    (
        b'{"weights": {' + b",".join(b'"%s": 0' % cid.encode() for cid in CATEGORY_IDS) + b"}}",
        ["weights must not all be 0"],
    ),
    (b'{"feedback": 3.5}', ["`feedback` must be a number in [0, 3], got 3.5"]),
    (b'{"feedback": "1"}', ["`feedback` must be a number in [0, 3], got '1'"]),
    (b'{"rho": -0.1}', ["`rho` must be a number in [0, 1], got -0.1"]),
    (b'{"rho": true}', ["`rho` must be a number in [0, 1], got True"]),
    (
        b'{"ranges": {"bug_fixes": {"2024": [0.4, 0.5]}}}',
        ["`ranges.bug_fixes.2024` low must be at most the position 0.3"],
    ),
    (b'{"ranges": {"bug_fixes": {"2024": [0.1, 0.2]}}}', ["high must be at least the position 0.3"]),
    (b'{"ranges": {"bug_fixes": {"2024": [0.3, 0.3]}}}', ["must have low < high"]),
    (b'{"ranges": {"bug_fixes": {"2024": [0.2]}}}', ["must be [low, high], two numbers in [0, 1]"]),
    (b'{"ranges": {"bug_fixes": {"2024": [-0.2, 0.4]}}}', ["must lie in [0, 1]"]),
    (b'{"ranges": {"bug_fixes": {"2030": [0.2, 0.4]}}}', ["`ranges.bug_fixes` year '2030' must be one of the years"]),
    (
        b'{"estimates": {"bug_fixes": {"2024": 0.3}}, "ranges": {"bug_fixes": {"2025": [0.2, 0.4]}}}',
        ["`ranges.bug_fixes.2025` needs a position in the same slot"],
    ),
    (b'{"ranges": []}', ["`ranges` must be an object"]),
    (b'{"custom": {"u11": {"name": "x"}}}', ["`custom.u11`: a custom category id must be one of u1..u10"]),
    (b'{"custom": {"u1": {}}}', ["`custom.u1.name` is required"]),
    (b'{"custom": {"u1": {"name": "' + b"n" * 61 + b'"}}}', ["`custom.u1.name` must be at most 60 characters"]),
    (rb'{"custom": {"u1": {"name": "a\u0000b"}}}', ["must not contain control characters"]),
    (b'{"custom": {"u1": {"name": "Chip Design"}}}', ["`custom.u1.name` must differ (ignoring case)"]),
    (b'{"custom": {"u1": {"name": "x", "colour": 1}}}', ["unknown field `custom.u1.colour`"]),
    (b'{"custom": null}', ["`custom` must be an object"]),
    (b'{"estimates": {"u3": {"2024": 0.5}}}', ["your category `u3` needs a name in `custom.u3.name`"]),
    (b'{"weights": {"u3": 2}}', ["your category `u3` needs a name"]),
]


@pytest.mark.parametrize(("body", "fragments"), BAD_BODIES, ids=[b[0][:30].decode("latin-1") for b in BAD_BODIES])
def test_bad_json_body_is_a_400_naming_it(client: TestClient, body: bytes, fragments: list[str]) -> None:
    err = error(client.post("/api/analyze", content=body, headers={"content-type": "application/json"}), 400)
    for fragment in fragments:
        assert fragment in err["detail"], err["detail"]


@pytest.mark.parametrize("ctype", ["text/plain", "application/x-www-form-urlencoded", "text/csv", ""])
def test_analyze_wrong_content_type_is_415(client: TestClient, ctype: str) -> None:
    headers = {"content-type": ctype} if ctype else {}
    err = error(client.post("/api/analyze", content=b"{}", headers=headers), 415)
    assert "the body must be application/json" in err["detail"]
    assert err["errors"][0]["loc"] == ["header", "content-type"]


def test_json_error_locations(client: TestClient) -> None:
    err = error(client.post("/api/analyze", json={"estimates": {"bug_fixes": {"2024": 2}}, "vs": {"horizon": 1}}), 400)
    assert [e["loc"] for e in err["errors"]] == [["estimates", "bug_fixes", "2024"], ["vs", "horizon"]]
    assert [e["value"] for e in err["errors"]] == [2, 1]


# -- bad CSV imports ------------------------------------------------------------------------------


def post_csv(client: TestClient, text: str | bytes) -> httpx.Response:
    data = text.encode() if isinstance(text, str) else text
    return client.post("/api/import", content=data, headers={"content-type": "text/csv"})


BAD_CSV: list[tuple[str, list[str]]] = [
    ("nope,2024,0.3", ["line 2, column A (category_id): unknown category id 'nope'"]),
    ("bug_fixes,20x4,0.3", ["line 2, column B (year): year must be a whole year in 2000..2100, got '20x4'"]),
    ("bug_fixes,2024,1.3", ["line 2, column C (position): position must be a number in [0, 1], got '1.3'"]),
    ("bug_fixes,2024,abc", ["line 2, column C (position)", "got 'abc'"]),
    (
        "bug_fixes,2024,0.3\nbug_fixes,2024,0.4",
        ["line 3, column B (year): bug_fixes 2024 is repeated (first on line 2)"],
    ),
]


@pytest.mark.parametrize(("rows", "fragments"), BAD_CSV)
def test_bad_csv_row_is_a_400_with_line_and_column(client: TestClient, rows: str, fragments: list[str]) -> None:
    err = error(post_csv(client, "category_id,year,position\n" + rows + "\n"), 400)
    for fragment in fragments:
        assert fragment in err["detail"]
    assert err["errors"][0]["loc"][:2] == ["line", int(fragments[0].split(",")[0].split()[1])]


def test_several_csv_problems_are_all_reported(client: TestClient) -> None:
    err = error(
        post_csv(client, "category_id,year,position\nnope,2024,0.3\nbug_fixes,x,0.3\nchip_design,2024,9\n"), 400
    )
    assert err["detail"].startswith("the CSV has 3 problem(s): line 2, column A")
    assert [e["loc"] for e in err["errors"]] == [
        ["line", 2, "category_id"],
        ["line", 3, "year"],
        ["line", 4, "position"],
    ]


def test_csv_missing_columns(client: TestClient) -> None:
    err = error(post_csv(client, "id,year,value\nbug_fixes,2024,0.3\n"), 400)
    assert "line 1: the header lacks the required column(s) category_id, position" in err["detail"]


@pytest.mark.parametrize("ctype", ["application/json", "text/plain", ""])
def test_import_wrong_content_type_is_415(client: TestClient, ctype: str) -> None:
    headers = {"content-type": ctype} if ctype else {}
    err = error(client.post("/api/import", content=b"category_id,year,position\n", headers=headers), 415)
    assert "send the CSV as text/csv or as a multipart field `file`" in err["detail"]


def test_import_multipart_without_file_field(client: TestClient) -> None:
    err = error(client.post("/api/import", files={"upload": ("a.csv", b"x", "text/csv")}), 400)
    assert "the multipart body has no field `file`" in err["detail"]


def test_import_too_many_rows_is_a_400(client: TestClient) -> None:
    rows = "".join(f"bug_fixes,{2000 + i % 10},0.5\n" for i in range(1001))
    err = error(post_csv(client, "category_id,year,position\n" + rows), 400)
    assert "more than 1000 rows" in err["detail"]


@pytest.mark.parametrize(("route", "ctype"), [("/api/import", "text/csv"), ("/api/analyze", "application/json")])
def test_oversized_body_is_413(client: TestClient, route: str, ctype: str) -> None:
    err = error(client.post(route, content=b" " * (1024 * 1024 + 1), headers={"content-type": ctype}), 413)
    assert "the limit is 1048576 bytes (1 MiB)" in err["detail"]


def test_oversized_chunked_body_is_413(client: TestClient) -> None:
    def chunks() -> Any:
        for _ in range(17):
            yield b" " * 65536

    err = error(client.post("/api/import", content=chunks(), headers={"content-type": "text/csv"}), 413)
    assert "1 MiB" in err["detail"]


def test_oversized_multipart_is_413(client: TestClient) -> None:
    r = client.post("/api/import", files={"file": ("big.csv", b"x" * (1024 * 1024 + 10), "text/csv")})
    err = error(r, 413)
    assert "1 MiB" in err["detail"]


# -- other routes ---------------------------------------------------------------------------------


def test_curve_samples(client: TestClient) -> None:
    body = ok(client.get("/api/curve?midpoint=0.5&steepness=10&ceiling=1"))
    assert set(body) == {"x", "uplift", "slope"}
    assert len(body["x"]) == 201 and body["slope"][100] == 2.5 and body["uplift"][100] == 0.5


@pytest.mark.parametrize(
    "query", ["midpoint=2", "steepness=0", "ceiling=nan", "steepness=x", "ceiling=inf", "steepness=2&steepness=3"]
)
def test_curve_bad_parameters_are_400(client: TestClient, query: str) -> None:
    name = query.split("=")[0]
    err = error(client.get("/api/curve?" + query), 400)
    assert name in err["detail"]


def test_claims_shape(client: TestClient) -> None:
    claims = ok(client.get("/api/claims"))
    assert len(claims) == 9
    for c in claims:
        assert set(c) == {"id", "date", "organization", "subject", "quote", "source", "stance", "categories", "note"}


NASTY = [
    "%",
    "%zz",
    "%ff%fe=1",
    "&&&",
    "=",
    "==&=x",
    "years=%00",
    "title=%ED%A0%80",
    "bug_fixes=%E2%80%AE",
    "vs.=1",
    "vs.vs.years=1",
    "bug_fixes=" + ",".join(["0.5"] * 5000),
    "years=" + quote("٢٠٢٤"),
    "bug_fixes=" + quote("０.５,0.5,0.5"),
]


@pytest.mark.parametrize("query", NASTY)
@pytest.mark.parametrize("route", ["/api/analyze", "/export.csv", "/"])
def test_no_query_gives_a_5xx(client: TestClient, route: str, query: str) -> None:
    r = client.get(f"{route}?{query}")
    assert r.status_code < 500, r.text
    if r.status_code >= 400 and route != "/":
        error(r, r.status_code)


def test_analysis_json_is_strict_json(client: TestClient) -> None:
    text = client.get("/api/analyze?years=2000,2100&horizon=2100&bug_fixes=0,1").text
    json.loads(text, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))
