"""OpenAPI descriptions of the permalink query parameters (SPEC section 4).

The routes read the raw query with `scurve.permalink`; these entries only
document it, so `/docs` and API clients know every parameter.
"""

from __future__ import annotations

from typing import Any

from scurve.catalog import CATEGORY_IDS

_POS = r"(0(\.\d{1,3})?|1(\.0{1,3})?|\.\d{1,3})?"
POSITIONS_PATTERN = rf"^{_POS}(,{_POS}){{0,9}}$"
_NUM = r"\d{1,2}(\.\d{1,3})?"
CURVE_PATTERN = rf"^0?\.\d{{1,3}},{_NUM},(0?\.\d{{1,3}}|1(\.0{{1,3}})?)$"
WEIGHT_PATTERN = r"^(10(\.0{1,3})?|\d(\.\d{1,3})?)$"
YEAR_PATTERN = r"^(20\d\d|2100)$"
YEARS_PATTERN = r"^(20\d\d|2100)(,(20\d\d|2100)){0,9}$"


def _param(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def _state_params(prefix: str, who: str) -> list[dict[str, Any]]:
    out = [
        _param(
            prefix + "years",
            f"{who}: 1 to 10 distinct ascending years in 2000..2100, comma-separated",
            {"type": "string", "pattern": YEARS_PATTERN},
        ),
        _param(
            prefix + "horizon",
            f"{who}: the forecast horizon, a year in 2000..2100",
            {"type": "string", "pattern": YEAR_PATTERN},
        ),
        _param(prefix + "title", f"{who}: a title of at most 80 characters", {"type": "string", "maxLength": 80}),
    ]
    for cid in CATEGORY_IDS:
        out += [
            _param(
                prefix + cid,
                f"{who}: positions of `{cid}` in `years` order, each in [0, 1]; a slot may be empty",
                {"type": "string", "pattern": POSITIONS_PATTERN},
            ),
            _param(
                prefix + cid + ".curve",
                f"{who}: curve of `{cid}` as midpoint,steepness,ceiling",
                {"type": "string", "pattern": CURVE_PATTERN},
            ),
            _param(
                prefix + cid + ".w",
                f"{who}: weight of `{cid}`, in [0, 10]",
                {"type": "string", "pattern": WEIGHT_PATTERN},
            ),
        ]
    return out


PERMALINK_PARAMS: list[dict[str, Any]] = [
    _param("v", "Link version; only 1 is read (a missing `v` reads as 1)", {"type": "string", "enum": ["1"]}),
    *_state_params("", "The state"),
    *_state_params("vs.", "The state to compare against"),
]
