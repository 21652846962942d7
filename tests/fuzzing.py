"""Shared knob of the fuzz tests: ``SCURVE_FUZZ_SCALE=10 pytest tests/test_fuzz_*.py``
runs ten times the examples, for a deeper search than the suite's default."""

from __future__ import annotations

import os


def scaled(examples: int) -> int:
    return max(1, round(examples * float(os.environ.get("SCURVE_FUZZ_SCALE", "1"))))
