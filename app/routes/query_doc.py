"""OpenAPI descriptions of the permalink query parameters, from the field table.

The routes read the raw query with `scurve.permalink`; these entries document
it, so `/docs` and API clients know every parameter: each setting of
`scurve.fields.SETTINGS`, and for every category id (the ten built-in ones
and `u1`..`u10`) its positions, range, curve and weight, plus the text of
your own categories.  Each pattern states the exact rule `scurve.permalink`
applies to that one parameter (property tests, tests/test_fuzz_permalink.py,
hold the two together).  What a pattern cannot say is said in the
description: rules between values (years ascending, one position slot per
year, weights not all 0, a custom id needs a name, names unique).
"""

from __future__ import annotations

from typing import Any

from scurve.catalog import CATEGORY_IDS
from scurve.fields import CURVE_PARTS, CUSTOM_FIELDS, CUSTOM_IDS, POSITION, SETTING, SETTINGS, WEIGHT, Setting
from scurve.kinds import Number, Shares
from scurve.permalink import READ_VERSIONS

_S = " *"  # hand-edited links may carry spaces around a value
_SLOT = f"{_S}({POSITION.value_pattern()}{_S})?"

POSITIONS_PATTERN = f"^{_SLOT}(,{_SLOT}){{0,9}}$"
CURVE_PATTERN = "^" + ",".join(f"{_S}{kind.value_pattern()}{_S}" for kind in CURVE_PARTS.values()) + "$"
WEIGHT_PATTERN = WEIGHT.param_schema()["pattern"]
VERSION_PATTERN = f"^{_S}[{''.join(READ_VERSIONS)}]{_S}$"
#: The pattern of every setting with one, by its link key.
SETTING_PATTERNS: dict[str, str] = {
    s.link: s.kind.param_schema()["pattern"] for s in SETTINGS if "pattern" in s.kind.param_schema()
}
YEAR_PATTERN = SETTING_PATTERNS[SETTING["horizon"].link]
YEARS_PATTERN = SETTING_PATTERNS[SETTING["years"].link]
FEEDBACK_PATTERN = SETTING_PATTERNS[SETTING["feedback"].link]
RHO_PATTERN = SETTING_PATTERNS[SETTING["rho"].link]
NUMBERS = "Numbers are plain decimals (`0.3`, `.3`, `1`): no sign, no exponent."


def _param(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def _setting(prefix: str, who: str, s: Setting) -> dict[str, Any]:
    schema = s.kind.param_schema()
    listed = " Comma-separated." if s.kind.schema()["type"] == "array" else ""
    numbers = f" {NUMBERS}" if isinstance(s.kind, Number | Shares) else ""
    rule = s.kind.rule.removeprefix("must be ")
    return _param(prefix + s.link, f"{who}: {s.doc}; {rule}.{listed} Default: {s.default_text()}.{numbers}", schema)


def _custom_texts(prefix: str, who: str, cid: str) -> list[dict[str, Any]]:
    out = []
    for f in CUSTOM_FIELDS:
        if f.required:
            rule = (
                f"1 to {f.max_length} characters after NFKC normalisation and trimming, with no control or "
                "invisible format characters, unique ignoring case among the state's category names; "
                f"required for any other `{prefix}{cid}` parameter"
            )
        else:
            rule = f"at most {f.max_length} characters after trimming, no control characters. Default: {f.default or 'empty'}"
        out.append(_param(f"{prefix}{cid}{f.link}", f"{who}: {f.doc} `{cid}`: {rule}.", {"type": "string"}))
    return out


def _category(prefix: str, who: str, cid: str) -> list[dict[str, Any]]:
    curve_rule = ", ".join(f"{name} in [{k.lo:g}, {k.hi:g}]" for name, k in CURVE_PARTS.items())
    return [
        _param(
            prefix + cid,
            f"{who}: positions of `{cid}`, each in [0, 1], one slot per year of `{prefix}years` "
            f"(a slot may be empty: no estimate). {NUMBERS}",
            {"type": "string", "pattern": POSITIONS_PATTERN},
        ),
        _param(
            prefix + cid + ".lo",
            f"{who}: low ends of 90% ranges of `{cid}`, one slot per year; a slot has both ends or neither, "
            f"needs a position, and low <= position <= high, low < high (rules between values). {NUMBERS}",
            {"type": "string", "pattern": POSITIONS_PATTERN},
        ),
        _param(
            prefix + cid + ".hi",
            f"{who}: high ends of 90% ranges of `{cid}`, as `{prefix}{cid}.lo`. {NUMBERS}",
            {"type": "string", "pattern": POSITIONS_PATTERN},
        ),
        _param(
            prefix + cid + ".curve",
            f"{who}: curve of `{cid}` as midpoint,steepness,ceiling with {curve_rule}. Default: 0.5,10,1. {NUMBERS}",
            {"type": "string", "pattern": CURVE_PATTERN},
        ),
        _param(
            prefix + cid + ".w",
            f"{who}: weight of `{cid}` in the year aggregates, in [{WEIGHT.lo:g}, {WEIGHT.hi:g}]; "
            f"not every weight may be 0. Default: 1. {NUMBERS}",
            {"type": "string", "pattern": WEIGHT_PATTERN},
        ),
    ]


def _state_params(prefix: str, who: str) -> list[dict[str, Any]]:
    out = [_setting(prefix, who, s) for s in SETTINGS]
    for cid in CATEGORY_IDS:
        out += _category(prefix, who, cid)
    for cid in CUSTOM_IDS:
        out += _custom_texts(prefix, who, cid) + _category(prefix, who, cid)
    return out


_VERSIONS = " and ".join(READ_VERSIONS)
PERMALINK_PARAMS: list[dict[str, Any]] = [
    _param(
        "v",
        f"Link version; versions {_VERSIONS} are read (a missing `v` reads as 1); links are written as version 2.",
        {"type": "string", "pattern": VERSION_PATTERN},
    ),
    *_state_params("", "The state"),
    _param(
        "vs.v",
        f"Link version of the state to compare against; versions {_VERSIONS} are read (missing: the link's `v`).",
        {"type": "string", "pattern": VERSION_PATTERN},
    ),
    *_state_params("vs.", "The state to compare against"),
]
