"""State <-> query string (version 1).

The same query works on ``/``, ``/api/analyze`` and ``/export.csv``::

    v=1&years=2024,2025,2026&horizon=2030&bug_fixes=0.3,0.42,0.55&...
    &chip_design.curve=0.6,8,1&synthetic_data.w=2&title=My%20view&vs.bug_fixes=...

A link missing ``<id>.curve`` or ``<id>.w`` means the version-1 constants
(0.5, 10, 1 and weight 1), and a written link names every category's
positions, so a written link never changes meaning when the YAML changes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import parse_qsl, quote

from .catalog import MAX_YEARS, WEIGHT_RANGE, YEAR_RANGE, Catalog
from .curve import CEILING_RANGE, MIDPOINT_RANGE, STEEPNESS_RANGE, Curve
from .errors import Problem, StateError
from .state import (
    DEFAULT_HORIZON,
    MAX_TITLE,
    State,
    clean_title,
    defaults_for,
    fmt_number,
    round3,
    weights_problems,
)

VERSION = "1"
V1_CURVE = Curve(0.5, 10.0, 1.0)
V1_WEIGHT = 1.0
COMPARE_PREFIX = "vs."
MAX_QUERY_BYTES = 8192
# ASCII digits only: `\d` would also take Arabic-Indic and other digits.
_NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?$")
# A link holds plain decimals (what the app writes), with optional spaces from
# hand editing: no sign, no exponent, so `app.routes.query_doc` can state the
# exact rule of every parameter as a pattern.
_LINK_NUMBER = re.compile(r"[0-9]+(\.[0-9]*)?|\.[0-9]+")
_YEAR = re.compile(r"[0-9]{4}")
_TRACKING = re.compile(r"^(utm_[A-Za-z0-9_]*|fbclid|gclid)$")


@dataclass(frozen=True)
class ParsedLink:
    """A state read from a link, with what was wrong and what was ignored.

    ``problems`` are malformed values of known parameters: the state falls
    back to defaults for what they touched.  ``warnings`` are harmless
    (unknown parameters).
    """

    state: State
    problems: tuple[Problem, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def raise_for_problems(self) -> State:
        if self.problems:
            raise StateError(self.problems)
        return self.state


def _decimal(text: str) -> Decimal | None:
    text = text.strip()
    if not _NUMBER.match(text):
        return None
    return Decimal(text)


def _link_decimal(text: str) -> Decimal | None:
    """A number in a link: a plain decimal, ASCII spaces around it allowed."""
    text = text.strip(" ")
    return Decimal(text) if _LINK_NUMBER.fullmatch(text) else None


def _link_year(text: str) -> int | None:
    """A year in a link: four ASCII digits, ASCII spaces around them allowed."""
    text = text.strip(" ")
    return int(text) if _YEAR.fullmatch(text) else None


def _parse_one(
    params: dict[str, str], catalog: Catalog, prefix: str, problems: list[Problem], warnings: list[str]
) -> State:
    """Read one state (main, or the ``vs.`` one) from its parameters."""

    def bad(name: str, value: str, rule: str) -> None:
        shown = value if len(value) <= 60 else value[:57] + "..."
        problems.append(Problem(("query", prefix + name), f"`{prefix}{name}` {rule}, got {shown!r}", value))

    version = params.pop("v", VERSION)
    if version.strip(" ") != VERSION:
        bad("v", version, f"unsupported version: this app reads version {VERSION}")

    years = catalog.years
    years_ok = True
    if "years" in params:
        raw = params.pop("years")
        parts = raw.split(",")
        parsed = [y for y in map(_link_year, parts) if y is not None]
        rule = f"must be 1 to {MAX_YEARS} distinct ascending years in {YEAR_RANGE[0]}..{YEAR_RANGE[1]}"
        if (
            len(parsed) != len(parts)
            or not 1 <= len(parsed) <= MAX_YEARS
            or any(not YEAR_RANGE[0] <= y <= YEAR_RANGE[1] for y in parsed)
            or any(a >= b for a, b in itertools.pairwise(parsed))
        ):
            bad("years", raw, rule + "; the whole link is shown at its defaults")
            years_ok = False
        else:
            years = tuple(parsed)

    horizon = DEFAULT_HORIZON
    if "horizon" in params:
        raw = params.pop("horizon")
        h = _link_year(raw)
        if h is not None and YEAR_RANGE[0] <= h <= YEAR_RANGE[1]:
            horizon = h
        else:
            bad("horizon", raw, f"must be a whole year in {YEAR_RANGE[0]}..{YEAR_RANGE[1]}")

    title = ""
    if "title" in params:
        raw = params.pop("title")
        if len(raw) > MAX_TITLE:
            bad("title", raw, f"must be at most {MAX_TITLE} characters (has {len(raw)})")
        else:
            title = clean_title(raw)

    estimates: dict[str, dict[int, float]] = {}
    curves: dict[str, Curve] = {}
    weights: dict[str, float] = {}
    for c in catalog.categories:
        estimates[c.id] = defaults_for(c.defaults, years)
        curves[c.id] = V1_CURVE
        weights[c.id] = V1_WEIGHT
        raw_pos = params.pop(c.id, None)
        if raw_pos is not None and years_ok:
            slots = raw_pos.split(",")
            row: dict[int, float] = {}
            ok = len(slots) == len(years)
            rule = (
                f"must list {len(years)} positions (one per year of {','.join(map(str, years))}; "
                "a slot may be empty), each a number in [0, 1]"
            )
            if ok:
                for y, slot in zip(years, slots, strict=True):
                    if not slot.strip(" "):
                        continue
                    d = _link_decimal(slot)
                    if d is None or not 0 <= d <= 1:
                        ok = False
                        break
                    row[y] = round3(d)
            if ok:
                estimates[c.id] = row
            else:
                bad(c.id, raw_pos, rule + f"; {c.name} is shown at its defaults")
        raw_curve = params.pop(c.id + ".curve", None)
        if raw_curve is not None:
            parts = raw_curve.split(",")
            nums = [_link_decimal(p) for p in parts]
            rule = "must be midpoint,steepness,ceiling with midpoint in [0.05, 0.95], steepness in [1, 40], ceiling in [0.05, 1]"
            if len(nums) != 3 or any(n is None for n in nums):
                bad(c.id + ".curve", raw_curve, rule)
            else:
                m, k, ceil = (n for n in nums if n is not None)
                # Compare the exact decimals: as floats, 0.04999999999999999999 would pass as 0.05.
                if any(
                    not Decimal(str(lo)) <= n <= Decimal(str(hi))
                    for n, (lo, hi) in zip((m, k, ceil), (MIDPOINT_RANGE, STEEPNESS_RANGE, CEILING_RANGE), strict=True)
                ):
                    bad(c.id + ".curve", raw_curve, rule)
                else:
                    curves[c.id] = Curve(round3(m), round3(k), round3(ceil))
        raw_w = params.pop(c.id + ".w", None)
        if raw_w is not None:
            d = _link_decimal(raw_w)
            if d is None or not WEIGHT_RANGE[0] <= d <= WEIGHT_RANGE[1]:
                bad(c.id + ".w", raw_w, "must be a weight: a number in [0, 10]")
            else:
                weights[c.id] = round3(d)
    wp = weights_problems(weights, estimates, ("query", prefix + "w"))
    if wp:
        problems.append(
            Problem(wp[0].loc, f"the `{prefix}<id>.w` weights must not all be 0; all weights reset to 1", 0)
        )
        weights = {cid: V1_WEIGHT for cid in weights}
    for name in params:
        if not _TRACKING.match(name):
            shown = name if len(name) <= 40 else name[:37] + "..."
            warnings.append(f"ignored unknown parameter `{prefix}{shown}`")
    return State(years=years, estimates=estimates, curves=curves, weights=weights, horizon=horizon, title=title)


def parse_query(query: str | Iterable[tuple[str, str]], catalog: Catalog) -> ParsedLink:
    """Read a state from a permalink query, leniently.

    Every malformed value of a known parameter becomes a :class:`Problem`
    naming the parameter, the value and the rule, and the part it touched
    (a category, or for ``years`` the whole state) falls back to defaults;
    the rest is read as linked.  Call :meth:`ParsedLink.raise_for_problems`
    for the strict reading the API uses.

    >>> from scurve.catalog import load_catalog
    >>> link = parse_query("years=2025&bug_fixes=0.5", load_catalog())
    >>> link.state.estimates["bug_fixes"]
    {2025: 0.5}
    """
    pairs = parse_qsl(query, keep_blank_values=True) if isinstance(query, str) else list(query)
    problems: list[Problem] = []
    warnings: list[str] = []
    main: dict[str, str] = {}
    other: dict[str, str] = {}
    for name, value in pairs:
        target, key = (other, name[len(COMPARE_PREFIX) :]) if name.startswith(COMPARE_PREFIX) else (main, name)
        if key in target:
            problems.append(Problem(("query", name), f"`{name}` is given more than once", value))
            continue
        target[key] = value
    state = _parse_one(main, catalog, "", problems, warnings)
    # Only a known `vs.` parameter (not `vs.v` alone, nor an unknown or
    # tracking one) makes a second state to compare against.
    named = set(other) - {"v"}
    compare = _parse_one(other, catalog, COMPARE_PREFIX, problems, warnings) if other else None
    if compare is not None and named - set(other):  # _parse_one took the known ones out
        state = State(
            years=state.years,
            estimates=state.estimates,
            curves=state.curves,
            weights=state.weights,
            horizon=state.horizon,
            title=state.title,
            compare=compare,
        )
    return ParsedLink(state=state, problems=tuple(problems), warnings=tuple(warnings))


def _params(state: State, catalog: Catalog, prefix: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if not prefix:
        out.append(("v", VERSION))
    out.append((prefix + "years", ",".join(str(y) for y in state.years)))
    out.append((prefix + "horizon", str(state.horizon)))
    for c in catalog.categories:
        row = state.estimates.get(c.id, {})
        out.append((prefix + c.id, ",".join(fmt_number(row[y]) if y in row else "" for y in state.years)))
        curve = state.curves.get(c.id, V1_CURVE)
        if curve != V1_CURVE:
            out.append(
                (
                    prefix + c.id + ".curve",
                    f"{fmt_number(curve.midpoint)},{fmt_number(curve.steepness)},{fmt_number(curve.ceiling)}",
                )
            )
        w = state.weights.get(c.id, V1_WEIGHT)
        if w != V1_WEIGHT:
            out.append((prefix + c.id + ".w", fmt_number(w)))
    if state.title:
        out.append((prefix + "title", state.title))
    return out


def write_query(state: State, catalog: Catalog) -> str:
    """The canonical query of a state: ``v``, ``years``, ``horizon``, every
    category's positions (and curve and weight where they differ from the
    version-1 constants), ``title``, then the ``vs.`` state.

    >>> from scurve.catalog import load_catalog
    >>> from scurve.state import default_state
    >>> write_query(default_state(load_catalog()), load_catalog())[:48]
    'v=1&years=2024,2025,2026&horizon=2030&bug_fixes='
    """
    params = _params(state, catalog, "")
    if state.compare is not None:
        params += _params(state.compare, catalog, COMPARE_PREFIX)
    return "&".join(f"{quote(k, safe='.')}={quote(v, safe=',')}" for k, v in params)


def permalink(state: State, catalog: Catalog) -> str:
    """The relative permalink ``/?<query>``."""
    return "/?" + write_query(state, catalog)
