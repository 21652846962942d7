"""The permalink codec (SPEC section 4): canonical writing, lenient reading."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl

import pytest
import yaml

from scurve import Catalog, default_state, load_catalog, parse_query, permalink, state_from_json, write_query
from scurve.curve import Curve
from scurve.permalink import V1_CURVE

DEFAULT_QUERY = (
    "v=2&years=2024,2025,2026&horizon=2030"
    "&bug_fixes=0.3,0.42,0.55&supporting_structures=0.32,0.45,0.58"
    "&automated_experiments=0.15,0.27,0.4&closed_loop_optimisation=0.25,0.36,0.48"
    "&chip_design=0.12,0.17,0.23&supercomputer_infrastructure=0.06,0.1,0.15"
    "&data_cleaning_ordering=0.3,0.4,0.49&synthetic_data=0.33,0.45,0.57"
    "&surfacing_ideas=0.18,0.3,0.43&qualitative_research=0.04,0.08,0.14"
)


def test_default_state_writes_the_canonical_query(catalog: Catalog) -> None:
    assert write_query(default_state(catalog), catalog) == DEFAULT_QUERY
    assert permalink(default_state(catalog), catalog) == "/?" + DEFAULT_QUERY


def test_canonical_order_with_overrides_title_and_compare(catalog: Catalog) -> None:
    s = state_from_json(
        {
            "years": [2025, 2026],
            "estimates": {"bug_fixes": {"2026": 0.6}, "chip_design": {"2025": 0.1235, "2026": 0.2}},
            "curves": {"chip_design": {"midpoint": 0.6, "steepness": 8, "ceiling": 1}},
            "weights": {"synthetic_data": 2.5, "bug_fixes": 0},
            "horizon": 2040,
            "title": "A & B = 100% #1 é",
            "vs": {"years": [2026], "weights": {"chip_design": 3}, "title": "x"},
        },
        catalog,
    )
    q = write_query(s, catalog)
    names = [k for k, _ in parse_qsl(q, keep_blank_values=True)]
    ids = list(catalog.ids)
    main = ["v", "years", "horizon"]
    for cid in ids:
        main.append(cid)
        if cid == "chip_design":
            main.append("chip_design.curve")
        if cid in ("bug_fixes", "synthetic_data"):
            main.append(cid + ".w")
    main.append("title")
    vs = ["vs.years", "vs.horizon"]
    for cid in ids:
        vs.append("vs." + cid)
        if cid == "chip_design":
            vs.append("vs.chip_design.w")
    vs.append("vs.title")
    assert names == main + vs
    assert "&bug_fixes=,0.6&bug_fixes.w=0&" in q
    assert "&chip_design=0.124,0.2&chip_design.curve=0.6,8,1&" in q  # 0.1235 rounds half-even to 0.124
    assert "&synthetic_data.w=2.5&" in q
    assert "&title=A%20%26%20B%20%3D%20100%25%20%231%20%C3%A9&" in q
    assert q.endswith("&vs.title=x")
    assert parse_query(q, catalog).state == s


def test_missing_v_reads_as_version_1(catalog: Catalog) -> None:
    with_v = parse_query("v=1&bug_fixes=0.1,0.2,0.3", catalog)
    without = parse_query("bug_fixes=0.1,0.2,0.3", catalog)
    assert without.problems == () and without.state == with_v.state


@pytest.mark.parametrize("v", ["3", "0", "", "1.0", "v1", "2.0"])
def test_other_version_is_unsupported(catalog: Catalog, v: str) -> None:
    link = parse_query(f"v={v}", catalog)
    assert len(link.problems) == 1
    assert "unsupported version" in link.problems[0].msg and "`v`" in link.problems[0].msg


def test_category_missing_from_link_takes_its_defaults(catalog: Catalog) -> None:
    s = parse_query("v=1&bug_fixes=0.1,0.2,0.3", catalog).state
    assert s.estimates["bug_fixes"] == {2024: 0.1, 2025: 0.2, 2026: 0.3}
    assert s.estimates["chip_design"] == {2024: 0.12, 2025: 0.17, 2026: 0.23}


def test_empty_slots_mean_no_estimate(catalog: Catalog) -> None:
    s = parse_query("bug_fixes=0.3,,0.6&chip_design=,,", catalog).state
    assert s.estimates["bug_fixes"] == {2024: 0.3, 2026: 0.6}
    assert s.estimates["chip_design"] == {}
    assert "&bug_fixes=0.3,,0.6&" in write_query(s, catalog)
    assert "&chip_design=,,&" in write_query(s, catalog)


def test_values_round_half_even_and_are_written_shortest(catalog: Catalog) -> None:
    s = parse_query("bug_fixes=0.0005,0.0015,0.30&chip_design.w=2.0000&chip_design.curve=0.50,10.0,1.000", catalog)
    assert s.problems == ()
    assert s.state.estimates["bug_fixes"] == {2024: 0.0, 2025: 0.002, 2026: 0.3}
    q = write_query(s.state, catalog)
    assert "&bug_fixes=0,0.002,0.3&" in q
    assert "chip_design.curve" not in q  # equal to the version-1 constants
    assert "&chip_design.w=2&" in q


def test_tracking_parameters_are_ignored_silently(catalog: Catalog) -> None:
    link = parse_query("utm_source=x&utm_medium=y&utm_campaign=z&fbclid=1&gclid=2&bug_fixes=0.1,0.2,0.3", catalog)
    assert link.problems == () and link.warnings == ()


def test_unknown_parameters_become_warnings(catalog: Catalog) -> None:
    link = parse_query("foo=1&bug_fixes.colour=red&vs.bar=2", catalog)
    assert link.problems == ()
    assert link.warnings == (
        "ignored unknown parameter `foo`",
        "ignored unknown parameter `bug_fixes.colour`",
        "ignored unknown parameter `vs.bar`",
    )


def test_repeated_parameter_is_a_problem(catalog: Catalog) -> None:
    link = parse_query("horizon=2030&horizon=2031", catalog)
    assert [p.msg for p in link.problems] == ["`horizon` is given more than once"]


def test_malformed_category_falls_back_to_its_defaults_only(catalog: Catalog) -> None:
    link = parse_query("bug_fixes=0.1,2,0.3&chip_design=0.5,0.5,0.5", catalog)
    assert len(link.problems) == 1
    msg = link.problems[0].msg
    assert (
        "`bug_fixes`" in msg
        and "'0.1,2,0.3'" in msg
        and "[0, 1]" in msg
        and "Bug fixes is shown at its defaults" in msg
    )
    assert link.state.estimates["bug_fixes"] == {2024: 0.3, 2025: 0.42, 2026: 0.55}
    assert link.state.estimates["chip_design"] == {2024: 0.5, 2025: 0.5, 2026: 0.5}


def test_malformed_years_puts_the_whole_link_at_defaults(catalog: Catalog) -> None:
    link = parse_query("years=2026,2025&bug_fixes=0.1,0.2", catalog)
    assert len(link.problems) == 1 and "the whole link is shown at its defaults" in link.problems[0].msg
    assert link.state.years == (2024, 2025, 2026)
    assert link.state.estimates["bug_fixes"] == {2024: 0.3, 2025: 0.42, 2026: 0.55}


def test_all_weights_zero_is_a_problem(catalog: Catalog) -> None:
    q = "&".join(f"{cid}.w=0" for cid in catalog.ids)
    link = parse_query(q, catalog)
    assert len(link.problems) == 1 and "weights must not all be 0" in link.problems[0].msg
    assert set(link.state.weights.values()) == {1.0}


def test_compare_state_is_read_with_prefix(catalog: Catalog) -> None:
    link = parse_query("bug_fixes=0.1,0.2,0.3&vs.years=2025&vs.bug_fixes=0.9&vs.title=Other", catalog)
    c = link.state.compare
    assert c is not None
    assert c.years == (2025,) and c.estimates["bug_fixes"] == {2025: 0.9} and c.title == "Other"
    assert c.compare is None
    assert link.state.estimates["bug_fixes"] == {2024: 0.1, 2025: 0.2, 2026: 0.3}


def test_title_is_decoded_and_cleaned(catalog: Catalog) -> None:
    s = parse_query("title=%20My%20%20view+%E2%9C%93%26%3D%25%23", catalog).state
    assert s.title == "My view ✓&=%#"


def test_link_means_the_same_when_the_yaml_changes(data_dir: Path) -> None:
    path = data_dir / "categories.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["categories"][0]["curve"] = {"midpoint": 0.4, "steepness": 12, "ceiling": 0.9}
    raw["categories"][0]["weight"] = 3
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    changed = load_catalog(path)
    # A link without .curve/.w means the version-1 constants, whatever the YAML says.
    s = parse_query(DEFAULT_QUERY, changed).state
    assert s.curves["bug_fixes"] == V1_CURVE and s.weights["bug_fixes"] == 1.0
    # A written link names what differs from those constants.
    q = write_query(default_state(changed), changed)
    assert "&bug_fixes=0.3,0.42,0.55&bug_fixes.curve=0.4,12,0.9&bug_fixes.w=3&" in q
    assert parse_query(q, changed).state.curves["bug_fixes"] == Curve(0.4, 12, 0.9)


def test_query_may_be_pairs(catalog: Catalog) -> None:
    s = parse_query([("bug_fixes", "0.1,0.2,0.3")], catalog).state
    assert s.estimates["bug_fixes"] == {2024: 0.1, 2025: 0.2, 2026: 0.3}
