"""The evidence file and its loader: the essay's nine statements, their order,
the category filter, and the start-up checks that name file, entry and field."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.main import create_app
from scurve import CATEGORY_IDS, Catalog, CatalogError, StateError, filter_claims, load_claims

ROOT = Path(__file__).resolve().parent.parent
ESSAY_DATES = [
    "2024-09-26",
    "2025-07-24",
    "2026-02-05",
    "2026-02-05",
    "2026-02-06",
    "2026-03-05",
    "2026-03-10",
    "2026-03-11",
    "2026-03-19",
]
FIELDS = ["id", "date", "organization", "subject", "quote", "source", "stance", "categories", "note"]


@pytest.fixture(scope="module")
def raw() -> list[dict[str, Any]]:
    """The file as written, without the loader in between."""
    data = yaml.safe_load((ROOT / "data" / "appendix_claims.yaml").read_text(encoding="utf-8"))
    claims: list[dict[str, Any]] = data["claims"]
    return claims


def test_the_file_holds_the_essays_nine_statements_with_their_dates(raw: list[dict[str, Any]]) -> None:
    assert sorted(str(c["date"]) for c in raw) == ESSAY_DATES


def test_exactly_one_statement_is_against_and_it_is_openais_gpt_5_4(raw: list[dict[str, Any]]) -> None:
    against = [c for c in raw if c["stance"] == "against"]
    assert [(c["organization"], c["subject"], str(c["date"])) for c in against] == [("OpenAI", "GPT-5.4", "2026-03-05")]
    assert Counter(c["stance"] for c in raw) == {"for": 7, "against": 1, "mixed": 1}


def test_every_entry_has_every_field_and_only_known_category_ids(raw: list[dict[str, Any]]) -> None:
    for c in raw:
        assert sorted(c) == sorted(FIELDS), c.get("id")
        assert c["categories"], c["id"]
        assert set(c["categories"]) <= set(CATEGORY_IDS), c["id"]
        assert len(set(c["categories"])) == len(c["categories"]), c["id"]


def test_sources_are_the_reporters_the_essay_names(raw: list[dict[str, Any]]) -> None:
    named = {c["id"]: c["source"] for c in raw if c["source"] is not None}
    assert named == {"anthropic-claude-2026-03-11": "Time", "openai-gpt-5-3-codex-2026-02-06": "NBC"}


def test_the_loader_lists_newest_first_with_ties_by_id(catalog: Catalog) -> None:
    claims = load_claims(catalog)
    keys = [(c.date, c.id) for c in claims]
    assert keys == sorted(keys, key=lambda k: (-k[0].toordinal(), k[1]))
    assert claims[0].date == dt.date(2026, 3, 19) and claims[-1].date == dt.date(2024, 9, 26)
    tie = [c.id for c in claims if c.date == dt.date(2026, 2, 5)]
    assert tie == ["anthropic-claude-opus-4-6-2026-02-05", "openai-gpt-5-3-codex-2026-02-05"]


def test_the_loader_normalises_text_and_keeps_null_sources(catalog: Catalog) -> None:
    by_id = {c.id: c for c in load_claims(catalog)}
    alpha = by_id["google-deepmind-alphachip-2024-09-26"].as_dict()
    assert list(alpha) == FIELDS
    assert alpha["date"] == "2024-09-26" and alpha["source"] is None and alpha["categories"] == ["chip_design"]
    assert "\n" not in alpha["note"] and "  " not in alpha["note"]


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        ("chip_design", ["google-deepmind-alphachip-2024-09-26"]),
        ("data_cleaning_ordering", ["openai-gpt-5-3-codex-2026-02-06"]),
        (
            "qualitative_research",
            ["openai-gpt-5-4-2026-03-05", "anthropic-claude-opus-4-6-2026-02-05"],
        ),
        ("synthetic_data", []),
    ],
)
def test_filter_keeps_only_the_claims_bearing_on_the_category(
    catalog: Catalog, category: str, expected: list[str]
) -> None:
    assert [c.id for c in filter_claims(load_claims(catalog), catalog, category)] == expected


def test_filter_of_none_is_everything_and_an_unknown_id_is_named(catalog: Catalog) -> None:
    claims = load_claims(catalog)
    assert filter_claims(claims, catalog, None) == claims
    with pytest.raises(StateError) as err:
        filter_claims(claims, catalog, "chips")
    assert "got 'chips'" in str(err.value) and err.value.problems[0].loc == ("query", "category")


# -- start-up with a broken claims file ------------------------------------------------


def _edit(data_dir: Path, index: int, **changes: object) -> Path:
    path = data_dir / "appendix_claims.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry = data["claims"][index]
    for key, value in changes.items():
        if value is _DROP:
            del entry[key]
        else:
            entry[key] = value
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


_DROP = object()


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"categories": ["chip_design", "chips"]}, "categories", ["unknown category id", "'chips'"]),
        ({"categories": ["chip_design", "chip_design"]}, "categories", ["twice", "'chip_design'"]),
        ({"categories": []}, "categories", ["non-empty list"]),
        ({"date": "26/09/2024"}, "date", ["ISO date", "'26/09/2024'"]),
        ({"date": "2024-02-30"}, "date", ["ISO date", "'2024-02-30'"]),
        ({"date": "20240926"}, "date", ["ISO date", "'20240926'"]),
        ({"note": _DROP}, "note", ["missing required field"]),
        ({"source": _DROP}, "source", ["missing required field"]),
        ({"stance": "pro"}, "stance", ["for, against, mixed", "'pro'"]),
        ({"quote": "  "}, "quote", ["non-empty string"]),
    ],
)
def test_a_broken_claims_file_stops_start_up_naming_file_entry_and_field(
    data_dir: Path, changes: dict[str, object], field: str, words: list[str]
) -> None:
    # Entry 1 is Anthropic's 2026-03-11 statement (the file is newest first).
    path = _edit(data_dir, 1, **changes)
    with pytest.raises(CatalogError) as err:
        create_app(data_dir)
    msg = str(err.value)
    assert str(path) in msg
    assert "claims[1] (id 'anthropic-claude-2026-03-11')" in msg
    assert f"`{field}`" in msg
    for w in words:
        assert w in msg, msg
    assert any(p.loc[:3] == ("claims", 1, field) for p in err.value.problems)


def test_a_repeated_id_is_named_at_its_second_entry(data_dir: Path) -> None:
    path = _edit(data_dir, 8, id="anthropic-claude-2026-03-11")
    with pytest.raises(CatalogError) as err:
        create_app(data_dir)
    assert f"{path}: claims[8] (id 'anthropic-claude-2026-03-11'): `id` is duplicated" in str(err.value)


def test_every_problem_of_the_file_is_reported_at_once(data_dir: Path) -> None:
    _edit(data_dir, 0, stance="maybe")
    _edit(data_dir, 8, date="yesterday")
    with pytest.raises(CatalogError) as err:
        create_app(data_dir)
    locs = [p.loc for p in err.value.problems]
    assert locs == [("claims", 0, "stance"), ("claims", 8, "date")]


def test_a_claims_file_without_a_claims_list_is_refused(data_dir: Path) -> None:
    path = data_dir / "appendix_claims.yaml"
    path.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="must be a mapping with a `claims` list"):
        create_app(data_dir)


def test_the_intact_copy_starts(data_dir: Path) -> None:
    app = create_app(data_dir)
    assert len(app.state.engine.claims) == 9
