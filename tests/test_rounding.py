"""One rounding rule: half-even to 3 decimals on the decimal text, held here
for scurve and in tests/e2e/test_rounding.py for the page's format.js, both
against the same table of cases (tests/rounding_cases.json)."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

import pytest

from scurve.kinds import fmt_number, round3

CASES = json.loads((Path(__file__).resolve().parent / "rounding_cases.json").read_text())


@pytest.mark.parametrize(("x", "expected"), CASES)
def test_round3_follows_the_shared_cases(x: float, expected: float) -> None:
    assert round3(x) == expected
    # The table itself is the rule worked out independently: the shortest text, quantized half-even.
    assert float(Decimal(repr(x)).quantize(Decimal("0.001"), rounding=ROUND_HALF_EVEN)) == expected
    assert float(fmt_number(x)) == expected


def test_the_table_holds_the_cases_where_rounding_up_at_a_half_would_differ() -> None:
    # Math.round(x * 1000) / 1000, the page's old rule, gives another answer on these.
    differ = [x for x, e in CASES if (int(x * 1000 + 0.5) / 1000) != e]
    assert len(differ) >= 5
