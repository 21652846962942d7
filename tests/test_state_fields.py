"""Every field of the state, in every form (STYLE habit 13).

The table below names each field of :class:`scurve.state.State` with a value
that differs from its default; the first test fails when a field is added
without an entry here, and the others carry every field through the link,
the JSON form and the CSV (which carries everything but the comparison), and
require it to come back unchanged and to show in each written form.
tests/test_field_table.py walks the field table itself through every form.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from scurve import Catalog, analyze, default_state, parse_query, state_from_json, state_to_json, write_query
from scurve.csvio import read_csv, write_csv
from scurve.state import State

# field -> (a JSON state setting it, a text the written link then holds, does the CSV carry it?)
FIELDS: dict[str, tuple[dict[str, Any], str, bool]] = {
    "years": ({"years": [2025, 2026]}, "years=2025,2026", True),
    "estimates": ({"estimates": {"bug_fixes": {"2024": 0.9}}}, "bug_fixes=0.9,,", True),
    "curves": ({"curves": {"chip_design": {"midpoint": 0.6}}}, "chip_design.curve=0.6,10,1", True),
    "weights": ({"weights": {"synthetic_data": 2.5}}, "synthetic_data.w=2.5", True),
    "horizon": ({"horizon": 2040}, "horizon=2040", True),
    "title": ({"title": "Mine & yours"}, "title=Mine%20%26%20yours", True),
    "feedback": ({"feedback": 1.5}, "fb=1.5", True),
    "lag": ({"lag": 0.75}, "lag=0.75", True),
    "milestones": ({"milestones": [0.25, 0.5, 0.75]}, "ms=0.25,0.5,0.75", True),
    "rho": ({"rho": 0.2}, "rho=0.2", True),
    "ranges": ({"ranges": {"bug_fixes": {"2025": [0.3, 0.5]}}}, "bug_fixes.lo=,0.3,&bug_fixes.hi=,0.5,", True),
    "custom": (
        {"custom": {"u2": {"name": "Chips", "group": "Hardware", "question": "How?"}}, "estimates": {"u2": {"2026": 0.4}}},
        "u2.name=Chips&u2.group=Hardware&u2.q=How%3F&u2=,,0.4",
        True,
    ),
    "compare": ({"vs": {"years": [2025]}}, "vs.years=2025", False),
}


def test_every_state_field_has_an_entry() -> None:
    assert {f.name for f in dataclasses.fields(State)} == set(FIELDS)


@pytest.mark.parametrize("name", sorted(FIELDS))
def test_field_round_trips_through_link_and_json(catalog: Catalog, name: str) -> None:
    obj, link_text, _ = FIELDS[name]
    state = state_from_json(obj, catalog)
    assert getattr(state, name) != getattr(default_state(catalog), name)
    query = write_query(state, catalog)
    assert link_text in query
    back = parse_query(query, catalog)
    assert back.problems == () and back.warnings == ()
    assert back.state == state
    assert state_from_json(state_to_json(state, catalog), catalog) == state


@pytest.mark.parametrize("name", sorted(n for n, (_, _, csv) in FIELDS.items() if csv))
def test_field_round_trips_through_csv(catalog: Catalog, name: str) -> None:
    obj, _, _ = FIELDS[name]
    state = state_from_json(obj, catalog)
    back = read_csv(write_csv(analyze(state, catalog)).encode(), catalog).state
    assert getattr(back, name) == getattr(state, name)
