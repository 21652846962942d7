"""The JSON state: validation rules, defaults, rounding and the JSON form."""

from __future__ import annotations

from typing import Any

import pytest

from scurve import Catalog, StateError, default_state, state_from_json, state_to_json
from scurve.curve import Curve
from scurve.state import fmt_number, round3


def test_empty_object_is_the_default_state(catalog: Catalog) -> None:
    assert state_from_json({}, catalog) == default_state(catalog)


def test_missing_category_takes_its_defaults(catalog: Catalog) -> None:
    s = state_from_json({"estimates": {"bug_fixes": {"2024": 0.1}}}, catalog)
    assert s.estimates["bug_fixes"] == {2024: 0.1}
    assert s.estimates["chip_design"] == {2024: 0.12, 2025: 0.17, 2026: 0.23}


def test_missing_year_or_null_means_no_estimate(catalog: Catalog) -> None:
    s = state_from_json({"estimates": {"bug_fixes": {"2024": 0.1, "2025": None}}}, catalog)
    assert s.estimates["bug_fixes"] == {2024: 0.1}


def test_defaults_for_other_years_only_where_the_yaml_has_them(catalog: Catalog) -> None:
    s = state_from_json({"years": [2025, 2027]}, catalog)
    assert s.estimates["bug_fixes"] == {2025: 0.42}


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.0005, 0.0), (0.0015, 0.002), (0.0025, 0.002), (0.12349, 0.123), (0.9995, 1.0), (1, 1.0)],
)
def test_positions_round_half_even_to_3_decimals(catalog: Catalog, value: float, expected: float) -> None:
    s = state_from_json({"estimates": {"bug_fixes": {"2024": value}}}, catalog)
    assert s.estimates["bug_fixes"][2024] == expected


@pytest.mark.parametrize(
    ("value", "text"), [(0.3, "0.3"), (10.0, "10"), (0.0, "0"), (0.055, "0.055"), (1.0005, "1"), (2.5, "2.5")]
)
def test_fmt_number_shortest_form(value: float, text: str) -> None:
    assert fmt_number(value) == text
    assert round3(text) == round3(value)


def test_overrides_and_title(catalog: Catalog) -> None:
    s = state_from_json(
        {
            "curves": {"chip_design": {"midpoint": 0.6, "steepness": 8}},
            "weights": {"synthetic_data": 2, "bug_fixes": 0},
            "horizon": 2040,
            "title": "  My \t estimates  ",
        },
        catalog,
    )
    assert s.curves["chip_design"] == Curve(0.6, 8, 1)  # ceiling from the catalog
    assert s.curves["bug_fixes"] == Curve()
    assert (s.weights["synthetic_data"], s.weights["bug_fixes"], s.weights["chip_design"]) == (2, 0, 1)
    assert s.horizon == 2040
    assert s.title == "My estimates"


def test_whole_floats_are_years(catalog: Catalog) -> None:
    # JSON has one number type: 2031.0 is the year 2031.
    assert state_from_json({"horizon": 2031.0}, catalog).horizon == 2031
    assert state_from_json({"years": [2024.0, 2025]}, catalog).years == (2024, 2025)


def test_json_form_lists_every_category_and_only_changed_overrides(catalog: Catalog) -> None:
    s = state_from_json(
        {"estimates": {"bug_fixes": {"2024": 0.3}}, "weights": {"synthetic_data": 2}, "title": "T"}, catalog
    )
    j = state_to_json(s, catalog)
    assert list(j) == [
        "years",
        "estimates",
        "curves",
        "weights",
        "ranges",
        "custom",
        "horizon",
        "feedback",
        "lag",
        "milestones",
        "rho",
        "title",
    ]
    assert list(j["estimates"]) == list(catalog.ids)
    assert j["estimates"]["bug_fixes"] == {"2024": 0.3}
    assert j["curves"] == {} and j["weights"] == {"synthetic_data": 2.0}
    assert state_from_json(j, catalog) == s


def test_json_form_with_compare(catalog: Catalog) -> None:
    s = state_from_json({"vs": {"title": "other", "years": [2025]}}, catalog)
    j = state_to_json(s, catalog)
    assert j["vs"]["title"] == "other" and j["vs"]["years"] == [2025]
    assert "vs" not in j["vs"]
    assert state_from_json(j, catalog) == s


BAD: list[tuple[Any, str, str]] = [
    ([], "a state must be a JSON object, got list", ""),
    ({"nope": 1}, "unknown field `nope`", "nope"),
    ({"years": []}, "`years` must be a list of 1 to 10 distinct ascending years", "years"),
    ({"years": [2026, 2025]}, "`years` must be 1 to 10 distinct ascending years in 2000..2100, got 2026,2025", "years"),
    ({"years": [2024, 2024]}, "got 2024,2024", "years"),
    ({"years": list(range(2000, 2011))}, "1 to 10 distinct", "years"),
    ({"years": [1999]}, "in 2000..2100, got 1999", "years"),
    ({"years": [2101]}, "got 2101", "years"),
    ({"years": ["2024"]}, "`years` must be 1 to 10", "years"),
    ({"years": [2024.5]}, "got 2024.5", "years"),
    ({"years": [True]}, "got True", "years"),
    ({"years": "2024"}, "`years` must be a list", "years"),
    ({"estimates": []}, "`estimates` must be an object", "estimates"),
    ({"estimates": {"nope": {}}}, "unknown category id `nope`", "estimates.nope"),
    ({"estimates": {"bug_fixes": [0.3]}}, "`estimates.bug_fixes` must be an object", "estimates.bug_fixes"),
    ({"estimates": {"bug_fixes": {"2030": 0.3}}}, "year '2030' must be one of the years [2024, 2025, 2026]", "2030"),
    ({"estimates": {"bug_fixes": {"x": 0.3}}}, "year 'x' must be one of the years", "x"),
    ({"estimates": {"bug_fixes": {"2024": 1.1}}}, "`estimates.bug_fixes.2024` must be a position", "2024"),
    ({"estimates": {"bug_fixes": {"2024": -0.1}}}, "got -0.1", "2024"),
    ({"estimates": {"bug_fixes": {"2024": "0.5"}}}, "number in [0, 1]), got '0.5'", "2024"),
    ({"estimates": {"bug_fixes": {"2024": True}}}, "got True", "2024"),
    ({"estimates": {"bug_fixes": {"2024": float("nan")}}}, "got nan", "2024"),
    ({"estimates": {"bug_fixes": {"2024": float("inf")}}}, "got inf", "2024"),
    ({"curves": []}, "`curves` must be an object", "curves"),
    ({"curves": {"nope": {}}}, "unknown category id `nope`", "curves.nope"),
    ({"curves": {"bug_fixes": 1}}, "`curves.bug_fixes` must be an object", "curves.bug_fixes"),
    (
        {"curves": {"bug_fixes": {"midpoint": 0.99}}},
        "`curves.bug_fixes`: `midpoint` must be a number in [0.05, 0.95], got 0.99",
        "midpoint",
    ),
    ({"curves": {"bug_fixes": {"steepness": 0}}}, "`steepness` must be a number in [1, 40], got 0", "steepness"),
    ({"curves": {"bug_fixes": {"ceiling": "1"}}}, "`ceiling` must be a number in [0.05, 1], got '1'", "ceiling"),
    ({"curves": {"bug_fixes": {"shape": 1}}}, "unknown field `curves.bug_fixes.shape`", "shape"),
    ({"weights": []}, "`weights` must be an object", "weights"),
    ({"weights": {"nope": 1}}, "unknown category id `nope`", "weights.nope"),
    ({"weights": {"bug_fixes": 11}}, "`weights.bug_fixes` must be a number in [0, 10], got 11", "bug_fixes"),
    ({"weights": {"bug_fixes": -1}}, "got -1", "bug_fixes"),
    ({"weights": {"bug_fixes": True}}, "got True", "bug_fixes"),
    ({"horizon": 2101}, "`horizon` must be a whole year in 2000..2100, got 2101", "horizon"),
    ({"horizon": "2030"}, "got '2030'", "horizon"),
    ({"horizon": 2030.5}, "got 2030.5", "horizon"),
    ({"horizon": True}, "got True", "horizon"),
    ({"title": 5}, "`title` must be a string, got 5", "title"),
    ({"title": "x" * 81}, "`title` must be at most 80 characters, got 81", "title"),
    ({"vs": []}, "a state must be a JSON object, got list", "vs"),
    ({"vs": {"vs": {}}}, "unknown field `vs`", "vs.vs"),
    ({"vs": {"years": [2030, 2020]}}, "`years` must be 1 to 10", "vs.years"),
]


@pytest.mark.parametrize(("body", "message", "where"), BAD)
def test_bad_state_names_field_value_and_rule(catalog: Catalog, body: Any, message: str, where: str) -> None:
    with pytest.raises(StateError) as info:
        state_from_json(body, catalog)
    assert message in str(info.value)
    locs = [".".join(map(str, p.loc)) for p in info.value.problems]
    assert any(where in loc for loc in locs), locs


def test_all_weights_zero_is_invalid(catalog: Catalog) -> None:
    with pytest.raises(StateError, match="weights must not all be 0"):
        state_from_json({"weights": dict.fromkeys(catalog.ids, 0)}, catalog)
    # one weight left is enough
    w = dict.fromkeys(catalog.ids, 0)
    w["chip_design"] = 0.5
    assert state_from_json({"weights": w}, catalog).weights["chip_design"] == 0.5


def test_every_problem_is_reported(catalog: Catalog) -> None:
    with pytest.raises(StateError) as info:
        state_from_json({"years": [2025, 2024], "horizon": 1, "title": 3, "extra": 0}, catalog)
    assert len(info.value.problems) == 4
    assert str(info.value).startswith("4 problems: ")


def test_title_control_characters_are_dropped(catalog: Catalog) -> None:
    s = state_from_json({"title": "a\x00b\u200bc\nd\ud800"}, catalog)
    assert s.title == "abc d"
