"""data/categories.yaml: the shipped file, and start-up refusing a broken one
with a message naming the file, the entry and the field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from app.main import create_app
from scurve import CATEGORY_IDS, Catalog, CatalogError, load_catalog
from scurve.curve import Curve

STATED_CATEGORIES = [
    ("bug_fixes", "Bug fixes", "Software engineering", (0.30, 0.42, 0.55)),
    ("supporting_structures", "Supporting structures", "Software engineering", (0.32, 0.45, 0.58)),
    ("automated_experiments", "Automated experiments", "Software engineering", (0.15, 0.27, 0.40)),
    ("closed_loop_optimisation", "Closed-loop software optimisation", "Software engineering", (0.25, 0.36, 0.48)),
    ("chip_design", "Chip design", "Hardware engineering", (0.12, 0.17, 0.23)),
    (
        "supercomputer_infrastructure",
        "Supercomputer layout and infrastructure",
        "Hardware engineering",
        (0.06, 0.10, 0.15),
    ),
    ("data_cleaning_ordering", "Data cleaning and ordering", "Data", (0.30, 0.40, 0.49)),
    ("synthetic_data", "Synthetic data", "Data", (0.33, 0.45, 0.57)),
    ("surfacing_ideas", "Surfacing the best existing ideas", "Conceptual", (0.18, 0.30, 0.43)),
    ("qualitative_research", "Qualitative research", "Conceptual", (0.04, 0.08, 0.14)),
]


def test_shipped_catalog_matches_spec(catalog: Catalog) -> None:
    assert catalog.years == (2024, 2025, 2026)
    assert catalog.ids == CATEGORY_IDS == tuple(c[0] for c in STATED_CATEGORIES)
    for c, (cid, name, group, defaults) in zip(catalog.categories, STATED_CATEGORIES, strict=True):
        assert (c.id, c.name, c.group) == (cid, name, group)
        assert dict(c.defaults) == dict(zip((2024, 2025, 2026), defaults, strict=True))
        assert c.curve == Curve(0.5, 10, 1) and c.weight == 1.0
        assert c.question.strip() and "\n" not in c.question
        assert len(c.description) > 80
        assert len(c.anchors) == 3 and len(set(c.anchors)) == 3
        assert all(text.strip() and len(text) <= 100 and "\n" not in text for text in c.anchors)
    assert catalog.groups == ("Software engineering", "Hardware engineering", "Data", "Conceptual")


def test_optional_curve_and_weight_default(data_dir: Path) -> None:
    path = data_dir / "categories.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    del raw["categories"][0]["curve"], raw["categories"][0]["weight"]
    raw["categories"][1]["curve"] = {"steepness": 20}
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    cat = load_catalog(path)
    assert cat.categories[0].curve == Curve(0.5, 10, 1) and cat.categories[0].weight == 1.0
    assert cat.categories[1].curve == Curve(0.5, 20, 1)


Mutation = Callable[[dict[str, Any]], None]


def entry(i: int, key: str, value: object) -> Mutation:
    def mutate(raw: dict[str, Any]) -> None:
        raw["categories"][i][key] = value

    return mutate


def drop(i: int, key: str) -> Mutation:
    def mutate(raw: dict[str, Any]) -> None:
        del raw["categories"][i][key]

    return mutate


def default(i: int, year: int, value: object) -> Mutation:
    def mutate(raw: dict[str, Any]) -> None:
        raw["categories"][i]["defaults"][year] = value

    return mutate


def drop_default(i: int, year: int) -> Mutation:
    def mutate(raw: dict[str, Any]) -> None:
        del raw["categories"][i]["defaults"][year]

    return mutate


def anchor(i: int, key: object, value: object) -> Mutation:
    def mutate(raw: dict[str, Any]) -> None:
        raw["categories"][i]["anchors"][key] = value

    return mutate


def drop_anchor(i: int, key: object) -> Mutation:
    def mutate(raw: dict[str, Any]) -> None:
        del raw["categories"][i]["anchors"][key]

    return mutate


AUTO = "categories[2] (id 'automated_experiments')"
BROKEN: list[tuple[str, Mutation, list[str]]] = [
    ("missing name", drop(2, "name"), [AUTO, "missing required field `name`"]),
    ("missing question", drop(2, "question"), [AUTO, "missing required field `question`"]),
    ("missing description", drop(2, "description"), [AUTO, "missing required field `description`"]),
    ("missing group", drop(2, "group"), [AUTO, "missing required field `group`"]),
    ("missing defaults", drop(2, "defaults"), [AUTO, "missing required field `defaults`"]),
    ("missing id", drop(2, "id"), ["categories[2]", "missing required field `id`"]),
    ("missing a year", drop_default(2, 2025), [AUTO, "missing required field `defaults.2025`"]),
    ("name not text", entry(2, "name", 5), [AUTO, "`name` must be a non-empty string, got 5"]),
    ("empty group", entry(2, "group", ""), [AUTO, "`group` must be a non-empty string, got ''"]),
    ("weight as text", entry(2, "weight", "1"), [AUTO, "`weight` must be a number in [0, 10], got '1'"]),
    ("weight too big", entry(2, "weight", 11), [AUTO, "`weight` must be a number in [0, 10], got 11"]),
    ("curve not a mapping", entry(2, "curve", [0.5, 10, 1]), [AUTO, "`curve` must be a mapping"]),
    (
        "midpoint out of range",
        entry(2, "curve", {"midpoint": 2}),
        [AUTO, "curve `midpoint` must be a number in [0.05, 0.95], got 2"],
    ),
    (
        "steepness as text",
        entry(2, "curve", {"steepness": "x"}),
        [AUTO, "`steepness` must be a number in [1, 40], got 'x'"],
    ),
    ("curve unknown key", entry(2, "curve", {"slope": 1}), [AUTO, "`curve` has unknown keys"]),
    ("defaults not a mapping", entry(2, "defaults", [0.1]), [AUTO, "`defaults` must be a mapping of year to position"]),
    ("position above 1", default(2, 2025, 1.5), [AUTO, "`defaults.2025` must be a position in [0, 1], got 1.5"]),
    ("position below 0", default(2, 2024, -0.01), [AUTO, "`defaults.2024` must be a position in [0, 1], got -0.01"]),
    ("position as text", default(2, 2026, "0.5"), [AUTO, "`defaults.2026` must be a position in [0, 1], got '0.5'"]),
    (
        "position for another year",
        default(2, 2030, 0.5),
        [AUTO, "`defaults.2030` must be one of the years [2024, 2025, 2026]"],
    ),
    (
        "unknown id",
        entry(2, "id", "nope"),
        ["categories[2] (id 'nope')", "`id` must be one of bug_fixes, ", "got 'nope'"],
    ),
    ("duplicated id", entry(2, "id", "bug_fixes"), ["categories[2] (id 'bug_fixes')", "`id` is duplicated"]),
    ("missing anchors", drop(2, "anchors"), [AUTO, "missing required field `anchors`"]),
    (
        "anchors not a mapping",
        entry(2, "anchors", ["a", "b", "c"]),
        [AUTO, "`anchors` must be a mapping with exactly the keys 0.25, 0.5 and 0.75"],
    ),
    ("an anchor missing", drop_anchor(2, 0.75), [AUTO, "missing required field `anchors.0.75`"]),
    ("a fourth anchor", anchor(2, 0.9, "more"), [AUTO, "`anchors` must be a mapping with exactly the keys", "not 0.9"]),
    ("anchor key as a word", anchor(2, "mid", "x"), [AUTO, "`anchors` must be a mapping", "not 'mid'"]),
    ("anchor not text", anchor(2, 0.5, 3), [AUTO, "`anchors.0.5` must be a non-empty string, got 3"]),
    ("anchor empty", anchor(2, 0.25, "  "), [AUTO, "`anchors.0.25` must be a non-empty string, got '  '"]),
    ("anchor too long", anchor(2, 0.5, "x" * 101), [AUTO, "`anchors.0.5` must be one line of at most 100 characters"]),
    ("anchor on two lines", anchor(2, 0.5, "one\ntwo"), [AUTO, "`anchors.0.5` must be one line"]),
    ("misspelt key", entry(2, "wieght", 2), [AUTO, "`wieght` is not a known field"]),
    ("entry not a mapping", lambda raw: raw["categories"].__setitem__(2, "x"), ["categories[2]", "must be a mapping"]),
    ("years missing", lambda raw: raw.pop("years"), ["missing required field `years`"]),
    ("years descending", lambda raw: raw.__setitem__("years", [2026, 2025]), ["`years` must be 1 to 10 distinct"]),
    ("categories missing", lambda raw: raw.pop("categories"), ["`categories` must be a non-empty list"]),
    (
        "a category left out",
        lambda raw: raw.__setitem__("categories", raw["categories"][:9]),
        ["missing categories: qualitative_research"],
    ),
]


@pytest.mark.parametrize(("case", "mutate", "fragments"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_yaml_stops_start_up(data_dir: Path, case: str, mutate: Mutation, fragments: list[str]) -> None:
    path = data_dir / "categories.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    mutate(raw)
    path.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        create_app(data_dir)
    message = info.value.message
    assert message.startswith(str(path)), message
    for fragment in fragments:
        assert fragment in message, message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("years: [2024\ncategories: {", "not valid YAML at line"),
        ("just a string", "must be a mapping with `years` and `categories`"),
        ("", "must be a mapping"),
    ],
)
def test_not_yaml_stops_start_up(data_dir: Path, text: str, fragment: str) -> None:
    path = data_dir / "categories.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        create_app(data_dir)
    assert str(path) in info.value.message and fragment in info.value.message


def test_missing_file_stops_start_up(data_dir: Path) -> None:
    (data_dir / "categories.yaml").unlink()
    with pytest.raises(CatalogError, match=r"categories\.yaml: cannot read"):
        create_app(data_dir)


def test_every_problem_is_listed(data_dir: Path) -> None:
    path = data_dir / "categories.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["categories"][0]["weight"] = -1
    raw["categories"][5]["defaults"][2026] = 2
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    assert len(info.value.problems) == 2
    assert [p.loc for p in info.value.problems] == [("categories", 0, "weight"), ("categories", 5, "defaults", 2026)]


def test_anchor_keys_may_be_quoted(data_dir: Path) -> None:
    # YAML reads 0.25 as a number; "0.25" (a string key) means the same place.
    path = data_dir / "categories.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["categories"][0]["anchors"] = {"0.25": "low", "0.5": "middle", "0.75": "high"}
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    cat = load_catalog(path)
    assert cat.categories[0].anchors == ("low", "middle", "high")
    assert cat.categories[0].as_dict()["anchors"] == {"0.25": "low", "0.5": "middle", "0.75": "high"}


def test_api_categories_returns_the_anchors(client: TestClient) -> None:
    body = client.get("/api/categories").json()
    raw = yaml.safe_load((Path(__file__).resolve().parent.parent / "data" / "categories.yaml").read_text("utf-8"))
    for got, entry in zip(body["categories"], raw["categories"], strict=True):
        assert list(got["anchors"]) == ["0.25", "0.5", "0.75"]
        assert got["anchors"] == {
            "0.25": entry["anchors"][0.25],
            "0.5": entry["anchors"][0.5],
            "0.75": entry["anchors"][0.75],
        }
    assert body["categories"][0]["anchors"]["0.5"].startswith("finds and fixes most bugs")
