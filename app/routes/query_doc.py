"""OpenAPI descriptions of the permalink query parameters (SPEC section 4).

The routes read the raw query with `scurve.permalink`; these entries document
it, so `/docs` and API clients know every parameter.  Each pattern states the
exact rule `scurve.permalink` applies to that one parameter (a property test,
tests/test_fuzz_permalink.py, holds the two together).  What a pattern cannot
say is said in the description: rules between values (years ascending, one
position slot per year, weights not all 0).
"""

from __future__ import annotations

from typing import Any

from scurve.catalog import CATEGORY_IDS

_S = " *"  # hand-edited links may carry spaces around a value
_YEAR = "(20[0-9]{2}|2100)"
_POS = r"(0+(\.[0-9]*)?|\.[0-9]+|0*1(\.0*)?)"  # a plain decimal in [0, 1]
_MIDPOINT = r"0*\.(0[5-9][0-9]*|[1-8][0-9]*|9([0-4][0-9]*)?|950*)"  # [0.05, 0.95]
_STEEPNESS = r"(0*([1-9]|[1-3][0-9])(\.[0-9]*)?|0*40(\.0*)?)"  # [1, 40]
_CEILING = r"(0*\.(0[5-9][0-9]*|[1-9][0-9]*)|0*1(\.0*)?)"  # [0.05, 1]
_WEIGHT = r"(0*[0-9](\.[0-9]*)?|\.[0-9]+|0*10(\.0*)?)"  # [0, 10]
_SLOT = f"{_S}({_POS}{_S})?"

YEAR_PATTERN = f"^{_S}{_YEAR}{_S}$"
YEARS_PATTERN = f"^{_S}{_YEAR}{_S}(,{_S}{_YEAR}{_S}){{0,9}}$"
POSITIONS_PATTERN = f"^{_SLOT}(,{_SLOT}){{0,9}}$"
CURVE_PATTERN = f"^{_S}{_MIDPOINT}{_S},{_S}{_STEEPNESS}{_S},{_S}{_CEILING}{_S}$"
WEIGHT_PATTERN = f"^{_S}{_WEIGHT}{_S}$"
VERSION_PATTERN = f"^{_S}1{_S}$"
_FEEDBACK = r"(0*[0-2](\.[0-9]*)?|\.[0-9]+|0*3(\.0*)?)"  # [0, 3]
_RHO = r"(0+(\.[0-9]*)?|\.[0-9]+|0*1(\.0*)?)"  # [0, 1]
FEEDBACK_PATTERN = f"^{_S}{_FEEDBACK}{_S}$"
RHO_PATTERN = f"^{_S}{_RHO}{_S}$"
NUMBERS = "Numbers are plain decimals (`0.3`, `.3`, `1`): no sign, no exponent."


def _param(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def _state_params(prefix: str, who: str) -> list[dict[str, Any]]:
    out = [
        _param(
            prefix + "years",
            f"{who}: 1 to 10 distinct years in 2000..2100, comma-separated, in ascending order "
            "(the order is a rule the pattern cannot state). Default: 2024,2025,2026.",
            {"type": "string", "pattern": YEARS_PATTERN},
        ),
        _param(
            prefix + "horizon",
            f"{who}: the forecast horizon, a year in 2000..2100. Default: 2030.",
            {"type": "string", "pattern": YEAR_PATTERN},
        ),
        _param(
            prefix + "fb",
            f"{who}: the forecast's feedback exponent in [0, 3]; 0 is the plain extrapolation. Default: 0.",
            {"type": "string", "pattern": FEEDBACK_PATTERN},
        ),
        _param(
            prefix + "rho",
            f"{who}: the correlation in [0, 1] between categories when ranges are sampled. Default: 0.5.",
            {"type": "string", "pattern": RHO_PATTERN},
        ),
        _param(
            prefix + "title",
            f"{who}: a title of at most 80 characters; control characters are dropped and white space collapsed.",
            {"type": "string", "maxLength": 80},
        ),
    ]
    for cid in CATEGORY_IDS:
        out += [
            _param(
                prefix + cid,
                f"{who}: positions of `{cid}`, each in [0, 1], one slot per year of `{prefix}years` "
                f"(a slot may be empty: no estimate). {NUMBERS}",
                {"type": "string", "pattern": POSITIONS_PATTERN},
            ),
            _param(
                prefix + cid + ".lo",
                f"{who}: low ends of 90% ranges of `{cid}`, one slot per year; a slot has both ends or neither, "
                "needs a position, and low <= position <= high, low < high (rules between values). "
                f"{NUMBERS}",
                {"type": "string", "pattern": POSITIONS_PATTERN},
            ),
            _param(
                prefix + cid + ".hi",
                f"{who}: high ends of 90% ranges of `{cid}`, as `{prefix}{cid}.lo`. {NUMBERS}",
                {"type": "string", "pattern": POSITIONS_PATTERN},
            ),
            _param(
                prefix + cid + ".curve",
                f"{who}: curve of `{cid}` as midpoint,steepness,ceiling with midpoint in [0.05, 0.95], "
                f"steepness in [1, 40], ceiling in [0.05, 1]. Default: 0.5,10,1. {NUMBERS}",
                {"type": "string", "pattern": CURVE_PATTERN},
            ),
            _param(
                prefix + cid + ".w",
                f"{who}: weight of `{cid}` in the year aggregates, in [0, 10]; not every weight may be 0. "
                f"Default: 1. {NUMBERS}",
                {"type": "string", "pattern": WEIGHT_PATTERN},
            ),
        ]
    return out


PERMALINK_PARAMS: list[dict[str, Any]] = [
    _param(
        "v", "Link version; only 1 is read (a missing `v` reads as 1).", {"type": "string", "pattern": VERSION_PATTERN}
    ),
    *_state_params("", "The state"),
    _param(
        "vs.v",
        "Link version of the state to compare against; only 1 is read.",
        {"type": "string", "pattern": VERSION_PATTERN},
    ),
    *_state_params("vs.", "The state to compare against"),
]
