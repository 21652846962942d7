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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import parse_qsl, quote

from .catalog import MAX_YEARS, WEIGHT_RANGE, YEAR_RANGE, Catalog
from .curve import CEILING_RANGE, MIDPOINT_RANGE, STEEPNESS_RANGE, Curve
from .errors import Problem, StateError
from .state import (
    CUSTOM_GROUP,
    CUSTOM_IDS,
    DEFAULT_FEEDBACK,
    DEFAULT_HORIZON,
    DEFAULT_RHO,
    FEEDBACK_RANGE,
    MAX_GROUP,
    MAX_NAME,
    MAX_QUESTION,
    MAX_TITLE,
    RHO_RANGE,
    CustomCategory,
    State,
    category_ids,
    clean_title,
    defaults_for,
    fmt_number,
    names_problems,
    range_rule,
    round3,
    text_problem,
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

    def bad(name: str, value: str, rule: str, fallback: str = "") -> None:
        shown = value if len(value) <= 60 else value[:57] + "..."
        then = f"; {fallback}" if fallback else ""
        msg = f"`{prefix}{name}` {rule}{then}, got {shown!r}"
        problems.append(Problem(("query", prefix + name), msg, value, fallback))

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
            bad("years", raw, rule, "the whole link is shown at its defaults")
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

    feedback = _scalar(params, "fb", DEFAULT_FEEDBACK, FEEDBACK_RANGE, bad)
    rho = _scalar(params, "rho", DEFAULT_RHO, RHO_RANGE, bad)

    custom: dict[str, CustomCategory] = {}
    for cid in CUSTOM_IDS:
        raw_name = params.pop(cid + ".name", None)
        raw_group = params.pop(cid + ".group", None)
        raw_q = params.pop(cid + ".q", None)
        if raw_name is None:
            if raw_group is not None or raw_q is not None:
                bad(cid + ".name", "", f"is required when `{prefix}{cid}.group` or `{prefix}{cid}.q` is given")
            continue
        cname, nrule = text_problem(raw_name, "name", MAX_NAME, required=True)
        if nrule:
            bad(cid + ".name", raw_name, nrule, f"your category {cid} is left out")
            continue
        group, grule = text_problem(raw_group or "", "group", MAX_GROUP, required=False)
        if grule:
            bad(cid + ".group", raw_group or "", grule)
            group = ""
        question, qrule = text_problem(raw_q or "", "question", MAX_QUESTION, required=False)
        if qrule:
            bad(cid + ".q", raw_q or "", qrule)
            question = ""
        custom[cid] = CustomCategory(name=cname, group=group or CUSTOM_GROUP, question=question)
    for p in names_problems(custom, catalog, (), prefix + "{}.name"):
        cid = str(p.loc[0])
        left_out = "that category is left out"
        problems.append(Problem(("query", prefix + cid + ".name"), f"{p.msg}; {left_out}", p.value, left_out))
        custom.pop(cid, None)

    estimates: dict[str, dict[int, float]] = {}
    curves: dict[str, Curve] = {}
    weights: dict[str, float] = {}
    ranges: dict[str, dict[int, tuple[float, float]]] = {}
    entries = [(c.id, c.name, defaults_for(c.defaults, years)) for c in catalog.categories]
    entries += [(cid, c.name, {}) for cid, c in custom.items()]
    for cid, label, defaults in entries:
        estimates[cid] = defaults
        curves[cid] = V1_CURVE
        weights[cid] = V1_WEIGHT
        raw_pos = params.pop(cid, None)
        if raw_pos is not None and years_ok:
            row = _positions(raw_pos, years)
            if row is not None:
                estimates[cid] = row
            else:
                rule = (
                    f"must list {len(years)} positions (one per year of {','.join(map(str, years))}; "
                    "a slot may be empty), each a number in [0, 1]"
                )
                slot = _bad_slot(raw_pos)
                bad(
                    cid,
                    raw_pos,
                    rule if slot is None else f"has {slot}; it {rule}",
                    f"{label} is shown at its defaults",
                )
        raw_lo, raw_hi = params.pop(cid + ".lo", None), params.pop(cid + ".hi", None)
        if (raw_lo is not None or raw_hi is not None) and years_ok:
            rrow = _ranges(cid, raw_lo, raw_hi, years, estimates[cid], bad)
            if rrow:
                ranges[cid] = rrow
        raw_curve = params.pop(cid + ".curve", None)
        if raw_curve is not None:
            parts = raw_curve.split(",")
            nums = [_link_decimal(p) for p in parts]
            rule = "must be midpoint,steepness,ceiling with midpoint in [0.05, 0.95], steepness in [1, 40], ceiling in [0.05, 1]"
            if len(nums) != 3 or any(n is None for n in nums):
                bad(cid + ".curve", raw_curve, rule)
            else:
                m, k, ceil = (n for n in nums if n is not None)
                # Compare the exact decimals: as floats, 0.04999999999999999999 would pass as 0.05.
                if any(
                    not Decimal(str(lo)) <= n <= Decimal(str(hi))
                    for n, (lo, hi) in zip((m, k, ceil), (MIDPOINT_RANGE, STEEPNESS_RANGE, CEILING_RANGE), strict=True)
                ):
                    bad(cid + ".curve", raw_curve, rule)
                else:
                    curves[cid] = Curve(round3(m), round3(k), round3(ceil))
        raw_w = params.pop(cid + ".w", None)
        if raw_w is not None:
            d = _link_decimal(raw_w)
            if d is None or not WEIGHT_RANGE[0] <= d <= WEIGHT_RANGE[1]:
                bad(cid + ".w", raw_w, "must be a weight: a number in [0, 10]")
            else:
                weights[cid] = round3(d)
    for cid in CUSTOM_IDS:
        if cid in custom:
            continue
        for suffix in ("", ".lo", ".hi", ".curve", ".w"):
            if cid + suffix in params:
                bad(cid + suffix, params.pop(cid + suffix), f"needs a name: give `{prefix}{cid}.name` too")
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
    return State(
        years=years,
        estimates=estimates,
        curves=curves,
        weights=weights,
        horizon=horizon,
        title=title,
        feedback=feedback,
        rho=rho,
        ranges=ranges,
        custom=custom,
    )


def _positions(raw: str, years: tuple[int, ...]) -> dict[int, float] | None:
    """A list of positions in ``years`` order, empty slots allowed; None when malformed."""
    slots = raw.split(",")
    if len(slots) != len(years):
        return None
    row: dict[int, float] = {}
    for y, slot in zip(years, slots, strict=True):
        if not slot.strip(" "):
            continue
        d = _link_decimal(slot)
        if d is None or not 0 <= d <= 1:
            return None
        row[y] = round3(d)
    return row


def _bad_slot(raw: str) -> str | None:
    """What is wrong with the first slot of a list that is not a number in
    [0, 1] ("1.5, outside [0, 1]"), or None when every slot is one."""
    for slot in raw.split(","):
        if not slot.strip(" "):
            continue
        d = _link_decimal(slot)
        if d is None:
            shown = slot if len(slot) <= 20 else slot[:17] + "..."
            return f"{shown!r}, not a number"
        if not 0 <= d <= 1:
            return f"{slot.strip(' ')}, outside [0, 1]"
    return None


def _ranges(
    cid: str,
    raw_lo: str | None,
    raw_hi: str | None,
    years: tuple[int, ...],
    positions: dict[int, float],
    bad: Callable[[str, str, str], None],
) -> dict[int, tuple[float, float]]:
    """``<id>.lo`` and ``<id>.hi``: both lists in ``years`` order; a slot has both ends or neither."""
    rule = f"must list {len(years)} range ends (one per year of {','.join(map(str, years))}; a slot may be empty), each a number in [0, 1]"
    if raw_lo is None or raw_hi is None:
        missing, given = (".lo", ".hi") if raw_lo is None else (".hi", ".lo")
        bad(cid + missing, "", f"is required with `{cid}{given}` (a range has a low and a high end)")
        return {}
    lows, highs = _positions(raw_lo, years), _positions(raw_hi, years)
    if lows is None:
        bad(cid + ".lo", raw_lo, rule)
    if highs is None:
        bad(cid + ".hi", raw_hi, rule)
    if lows is None or highs is None:
        return {}
    out: dict[int, tuple[float, float]] = {}
    for y in years:
        if (y in lows) != (y in highs):
            name = cid + (".hi" if y in lows else ".lo")
            bad(name, raw_hi if y in lows else raw_lo, f"has no value for {y} where the other end has one")
            return {}
        if y not in lows:
            continue
        why = range_rule(positions.get(y), lows[y], highs[y])
        if why:
            bad(cid + ".lo", raw_lo, f"and `{cid}.hi` for {y}: the range {why}")
            return {}
        out[y] = (lows[y], highs[y])
    return out


def _scalar(
    params: dict[str, str], name: str, default: float, bounds: tuple[float, float], bad: Callable[[str, str, str], None]
) -> float:
    raw = params.pop(name, None)
    if raw is None:
        return default
    d = _link_decimal(raw)
    if d is None or not Decimal(str(bounds[0])) <= d <= Decimal(str(bounds[1])):
        bad(name, raw, f"must be a number in [{bounds[0]:g}, {bounds[1]:g}]")
        return default
    return round3(d)


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
        state = state.with_compare(compare)
    return ParsedLink(state=state, problems=tuple(problems), warnings=tuple(warnings))


def _params(state: State, catalog: Catalog, prefix: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if not prefix:
        out.append(("v", VERSION))
    out.append((prefix + "years", ",".join(str(y) for y in state.years)))
    out.append((prefix + "horizon", str(state.horizon)))
    if state.feedback != DEFAULT_FEEDBACK:
        out.append((prefix + "fb", fmt_number(state.feedback)))
    if state.rho != DEFAULT_RHO:
        out.append((prefix + "rho", fmt_number(state.rho)))

    def slots(values: dict[int, float]) -> str:
        return ",".join(fmt_number(values[y]) if y in values else "" for y in state.years)

    for cid in category_ids(state, catalog):
        if cid in state.custom:
            c = state.custom[cid]
            out.append((prefix + cid + ".name", c.name))
            if c.group != CUSTOM_GROUP:
                out.append((prefix + cid + ".group", c.group))
            if c.question:
                out.append((prefix + cid + ".q", c.question))
        out.append((prefix + cid, slots(dict(state.estimates.get(cid, {})))))
        rng = state.ranges.get(cid)
        if rng:
            out.append((prefix + cid + ".lo", slots({y: lo for y, (lo, _) in rng.items()})))
            out.append((prefix + cid + ".hi", slots({y: hi for y, (_, hi) in rng.items()})))
        curve = state.curves.get(cid, V1_CURVE)
        if curve != V1_CURVE:
            out.append(
                (
                    prefix + cid + ".curve",
                    f"{fmt_number(curve.midpoint)},{fmt_number(curve.steepness)},{fmt_number(curve.ceiling)}",
                )
            )
        w = state.weights.get(cid, V1_WEIGHT)
        if w != V1_WEIGHT:
            out.append((prefix + cid + ".w", fmt_number(w)))
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
