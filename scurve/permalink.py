"""State <-> query string (version 2; version 1 links read as before).

The same query works on ``/``, ``/api/analyze`` and ``/export.csv``::

    v=2&years=2024,2025,2026&horizon=2030&fb=1&bug_fixes=0.3,0.42,0.55&...
    &chip_design.curve=0.6,8,1&synthetic_data.w=2&title=My%20view&vs.bug_fixes=...

The settings (``years`` ... ``title``) are read and written through the
field table, :data:`scurve.fields.SETTINGS`, in its order.  A link missing
``<id>.curve`` or ``<id>.w`` means the version-1 constants (0.5, 10, 1 and
weight 1), and a written link names every category's positions, so a
written link never changes meaning when the YAML changes.  Version 2
changed only the forecast's feedback law, so a version-1 link is read with
the same rules and, when it sets ``fb``, carries a warning saying so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, quote

from .catalog import Catalog
from .curve import Curve
from .errors import Problem, StateError
from .fields import (
    CATEGORY_FIELD,
    COMPARE_PREFIX,
    CURVE_PARTS,
    CUSTOM_FIELDS,
    CUSTOM_IDS,
    POSITION,
    SETTINGS,
    WEIGHT,
)
from .kinds import Invalid, fmt_number
from .limits import MAX_QUERY
from .state import CustomCategory, State, category_ids, defaults_for, names_problems, range_rule, text_problem

__all__ = ["COMPARE_PREFIX", "ParsedLink", "parse_query", "permalink", "seed_query", "write_query"]

VERSION = "2"
#: The versions a link may carry; a link without ``v`` is version 1.
READ_VERSIONS = ("1", "2")
V1_CURVE = Curve(0.5, 10.0, 1.0)
V1_WEIGHT = 1.0
MAX_QUERY_BYTES = MAX_QUERY
_TRACKING = re.compile(r"^(utm_[A-Za-z0-9_]*|fbclid|gclid)$")
_HEAD = tuple(s for s in SETTINGS if not s.tail)
_TAIL = tuple(s for s in SETTINGS if s.tail)
_CURVE_RULE = "must be midpoint,steepness,ceiling with " + ", ".join(
    f"{name} in [{kind.lo:g}, {kind.hi:g}]" for name, kind in CURVE_PARTS.items()
)


@dataclass(frozen=True)
class ParsedLink:
    """A state read from a link, with what was wrong and what was ignored.

    ``problems`` are malformed values of known parameters: the state falls
    back to defaults for what they touched.  ``warnings`` are harmless
    (unknown parameters, an old link's changed formula).
    """

    state: State
    problems: tuple[Problem, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def raise_for_problems(self) -> State:
        if self.problems:
            raise StateError(self.problems)
        return self.state


class _Reader:
    """The parameters of one state (main, or the ``vs.`` one), taken out as they are read."""

    def __init__(self, params: dict[str, str], catalog: Catalog, prefix: str, problems: list[Problem]):
        self.params, self.catalog, self.prefix, self.problems = params, catalog, prefix, problems

    def bad(self, name: str, value: str, rule: str, fallback: str = "") -> None:
        """A problem; ``fallback`` is what the page shows instead (Problem.fallback)."""
        shown = value if len(value) <= 60 else value[:57] + "..."
        p = self.prefix
        then = f"; {fallback}" if fallback else ""
        msg = f"`{p}{name}` {rule}{then}, got {shown!r}"
        self.problems.append(Problem(("query", p + name), msg, value, fallback))

    def version(self, default: str) -> str:
        raw = self.params.pop("v", default)
        version = raw.strip(" ")
        if version not in READ_VERSIONS:
            self.bad("v", raw, f"unsupported version: this app reads versions {' and '.join(READ_VERSIONS)}")
            return VERSION
        return version

    def settings(self) -> tuple[dict[str, Any], bool]:
        """Every setting, at its default where absent or bad; and whether ``years`` was good."""
        out: dict[str, Any] = {}
        years_ok = True
        for s in SETTINGS:
            out[s.attr] = self.catalog.years if s.default is None else s.default
            raw = self.params.pop(s.link, None)
            if raw is None:
                continue
            try:
                out[s.attr] = s.kind.read_link(raw)
            except Invalid as bad:
                self.bad(s.link, raw, bad.rule, s.link_note.removeprefix("; "))
                years_ok = years_ok and s.attr != "years"
        return out, years_ok

    def custom(self) -> dict[str, CustomCategory]:
        custom: dict[str, CustomCategory] = {}
        for cid in CUSTOM_IDS:
            raw = {f.attr: self.params.pop(cid + f.link, None) for f in CUSTOM_FIELDS}
            if raw["name"] is None:
                if any(v is not None for v in raw.values()):
                    given = " or ".join(f"`{self.prefix}{cid}{f.link}`" for f in CUSTOM_FIELDS if not f.required)
                    self.bad(cid + ".name", "", f"is required when {given} is given")
                continue
            one = self.custom_one(cid, raw)
            if one is not None:
                custom[cid] = one
        for p in names_problems(custom, self.catalog, (), self.prefix + "{}.name"):
            cid = str(p.loc[0])
            name = self.prefix + cid + ".name"
            left_out = "that category is left out"
            self.problems.append(Problem(("query", name), f"{p.msg}; {left_out}", p.value, left_out))
            custom.pop(cid, None)
        return custom

    def custom_one(self, cid: str, raw: dict[str, str | None]) -> CustomCategory | None:
        texts: dict[str, str] = {}
        for f in CUSTOM_FIELDS:
            value = raw[f.attr] or ""
            text, rule = text_problem(value, f.attr, f.max_length, required=f.required)
            if rule and f.required:
                self.bad(cid + f.link, value, rule, f"your category {cid} is left out")
                return None
            if rule:
                self.bad(cid + f.link, value, rule)
            texts[f.attr] = text or f.default
        return CustomCategory(**texts)

    def categories(self, years: tuple[int, ...], years_ok: bool, custom: dict[str, CustomCategory]) -> dict[str, Any]:
        estimates: dict[str, dict[int, float]] = {}
        ranges: dict[str, dict[int, tuple[float, float]]] = {}
        curves: dict[str, Curve] = {}
        weights: dict[str, float] = {}
        entries = [(c.id, c.name, defaults_for(c.defaults, years)) for c in self.catalog.categories]
        entries += [(cid, c.name, {}) for cid, c in custom.items()]
        for cid, label, defaults in entries:
            estimates[cid] = self.positions(cid, label, defaults, years, years_ok)
            rng = self.ranges(cid, years, estimates[cid], years_ok)
            if rng:
                ranges[cid] = rng
            curves[cid] = self.curve(cid)
            weights[cid] = self.weight(cid)
        return {"estimates": estimates, "ranges": ranges, "curves": curves, "weights": weights}

    def positions(
        self, cid: str, label: str, defaults: dict[int, float], years: tuple[int, ...], years_ok: bool
    ) -> dict[int, float]:
        raw = self.params.pop(cid, None)
        if raw is None or not years_ok:
            return defaults
        row = _slots(raw, years)
        if row is not None:
            return row
        rule = (
            f"must list {len(years)} positions (one per year of {','.join(map(str, years))}; "
            "a slot may be empty), each a number in [0, 1]"
        )
        slot = _bad_slot(raw)
        self.bad(cid, raw, rule if slot is None else f"has {slot}; it {rule}", f"{label} is shown at its defaults")
        return defaults

    def ranges(
        self, cid: str, years: tuple[int, ...], positions: dict[int, float], years_ok: bool
    ) -> dict[int, tuple[float, float]]:
        """``<id>.lo`` and ``<id>.hi``: both lists in ``years`` order; a slot has both ends or neither."""
        raw_lo, raw_hi = self.params.pop(cid + ".lo", None), self.params.pop(cid + ".hi", None)
        if (raw_lo is None and raw_hi is None) or not years_ok:
            return {}
        if raw_lo is None or raw_hi is None:
            missing, given = (".lo", ".hi") if raw_lo is None else (".hi", ".lo")
            self.bad(cid + missing, "", f"is required with `{cid}{given}` (a range has a low and a high end)")
            return {}
        rule = (
            f"must list {len(years)} range ends (one per year of {','.join(map(str, years))}; "
            "a slot may be empty), each a number in [0, 1]"
        )
        lows, highs = _slots(raw_lo, years), _slots(raw_hi, years)
        for suffix, raw, ends in ((".lo", raw_lo, lows), (".hi", raw_hi, highs)):
            if ends is None:
                self.bad(cid + suffix, raw, rule)
        if lows is None or highs is None:
            return {}
        out: dict[int, tuple[float, float]] = {}
        for y in years:
            if (y in lows) != (y in highs):
                suffix, raw = (".hi", raw_hi) if y in lows else (".lo", raw_lo)
                self.bad(cid + suffix, raw, f"has no value for {y} where the other end has one")
                return {}
            if y not in lows:
                continue
            why = range_rule(positions.get(y), lows[y], highs[y])
            if why:
                self.bad(cid + ".lo", raw_lo, f"and `{cid}.hi` for {y}: the range {why}")
                return {}
            out[y] = (lows[y], highs[y])
        return out

    def curve(self, cid: str) -> Curve:
        raw = self.params.pop(cid + ".curve", None)
        if raw is None:
            return V1_CURVE
        parts = raw.split(",")
        try:
            if len(parts) != len(CURVE_PARTS):
                raise Invalid(_CURVE_RULE)
            return Curve(*(kind.read_link(p) for kind, p in zip(CURVE_PARTS.values(), parts, strict=True)))
        except Invalid:
            self.bad(cid + ".curve", raw, _CURVE_RULE)
            return V1_CURVE

    def weight(self, cid: str) -> float:
        raw = self.params.pop(cid + ".w", None)
        if raw is None:
            return V1_WEIGHT
        try:
            return WEIGHT.read_link(raw)
        except Invalid as bad:
            self.bad(cid + ".w", raw, bad.rule.replace("must be ", "must be a weight: ", 1))
            return V1_WEIGHT

    def orphans(self, custom: dict[str, CustomCategory]) -> None:
        """Parameters of a custom id that has no name."""
        for cid in CUSTOM_IDS:
            if cid in custom:
                continue
            for suffix in _CATEGORY_SUFFIXES:
                if cid + suffix in self.params:
                    self.bad(cid + suffix, self.params.pop(cid + suffix), f"needs a name: give `{self.prefix}{cid}.name` too")


_CATEGORY_SUFFIXES = tuple(s for f in CATEGORY_FIELD.values() for s in f.link)


_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")


def _bad_slot(raw: str) -> str | None:
    """What is wrong with the first slot of a list that is not a number in
    [0, 1] ("1.5, outside [0, 1]"), to lead the message; None when every
    slot is one (then the count is what is wrong)."""
    for slot in raw.split(","):
        text = slot.strip(" ")
        if not text:
            continue
        try:
            POSITION.read_link(slot)
        except Invalid:
            if _DECIMAL.fullmatch(text):
                return f"{text}, outside [0, 1]"
            shown = text if len(text) <= 20 else text[:17] + "..."
            return f"{shown!r}, not a number"
    return None


def _slots(raw: str, years: tuple[int, ...]) -> dict[int, float] | None:
    """A list of positions in ``years`` order, empty slots allowed; None when malformed."""
    slots = raw.split(",")
    if len(slots) != len(years):
        return None
    row: dict[int, float] = {}
    for y, slot in zip(years, slots, strict=True):
        if not slot.strip(" "):
            continue
        try:
            row[y] = POSITION.read_link(slot)
        except Invalid:
            return None
    return row


def _parse_one(
    params: dict[str, str], catalog: Catalog, prefix: str, problems: list[Problem], warnings: list[str], version: str
) -> tuple[State, str]:
    """Read one state (main, or the ``vs.`` one) from its parameters; and its version."""
    r = _Reader(params, catalog, prefix, problems)
    version = r.version(version)
    settings, years_ok = r.settings()
    custom = r.custom()
    per_category = r.categories(settings["years"], years_ok, custom)
    r.orphans(custom)
    if per_category["weights"] and all(w == 0 for w in per_category["weights"].values()):
        problems.append(
            Problem(("query", prefix + "w"), f"the `{prefix}<id>.w` weights must not all be 0; all weights reset to 1", 0)
        )
        per_category["weights"] = dict.fromkeys(per_category["weights"], V1_WEIGHT)
    for name in params:
        if not _TRACKING.match(name):
            shown = name if len(name) <= 40 else name[:37] + "..."
            warnings.append(f"ignored unknown parameter `{prefix}{shown}`")
    if version == "1" and settings["feedback"] > 0:
        warnings.append(
            f"`{prefix}fb`: this is a version-1 link, and its forecast's formula changed with version 2 "
            "(feedback is now bounded and may lag), so its forecast differs from when the link was written"
        )
    return State(**settings, **per_category, custom=custom), version


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
    state, version = _parse_one(main, catalog, "", problems, warnings, "1")
    # Only a known `vs.` parameter (not `vs.v` alone, nor an unknown or
    # tracking one) makes a second state to compare against.
    named = set(other) - {"v"}
    if other:
        compare, _ = _parse_one(other, catalog, COMPARE_PREFIX, problems, warnings, version)
        if named - set(other):  # _parse_one took the known ones out
            state = state.with_compare(compare)
    return ParsedLink(state=state, problems=tuple(problems), warnings=tuple(warnings))


def _params(state: State, catalog: Catalog, prefix: str, *, seed: bool = False) -> list[tuple[str, str]]:
    """The parameters of one state in their written order; with ``seed``
    only those the table marks as feeding the Monte Carlo seed."""
    out: list[tuple[str, str]] = []

    def settings(group: tuple[Any, ...]) -> None:
        for s in group:
            value = getattr(state, s.attr)
            if (s.always or value != s.default) and (s.seed or not seed):
                out.append((prefix + s.link, s.kind.write(value)))

    def slots(values: dict[int, float]) -> str:
        return ",".join(fmt_number(values[y]) if y in values else "" for y in state.years)

    settings(_HEAD)
    for cid in category_ids(state, catalog):
        if cid in state.custom and not seed:
            c = state.custom[cid]
            for f in CUSTOM_FIELDS:
                text = getattr(c, f.attr)
                if f.required or text != f.default:
                    out.append((prefix + cid + f.link, text))
        out.append((prefix + cid, slots(dict(state.estimates.get(cid, {})))))
        rng = state.ranges.get(cid)
        if rng:
            out.append((prefix + cid + ".lo", slots({y: lo for y, (lo, _) in rng.items()})))
            out.append((prefix + cid + ".hi", slots({y: hi for y, (_, hi) in rng.items()})))
        curve = state.curves.get(cid, V1_CURVE)
        if curve != V1_CURVE:
            text = f"{fmt_number(curve.midpoint)},{fmt_number(curve.steepness)},{fmt_number(curve.ceiling)}"
            out.append((prefix + cid + ".curve", text))
        w = state.weights.get(cid, V1_WEIGHT)
        if w != V1_WEIGHT:
            out.append((prefix + cid + ".w", fmt_number(w)))
    settings(_TAIL)
    return out


def _join(params: list[tuple[str, str]]) -> str:
    return "&".join(f"{quote(k, safe='.')}={quote(v, safe=',')}" for k, v in params)


def write_query(state: State, catalog: Catalog) -> str:
    """The canonical query of a state: ``v``, the settings before the
    categories, every category's positions (and range, curve and weight
    where it has them), the settings after them (``title``), then the
    ``vs.`` state.

    >>> from scurve.catalog import load_catalog
    >>> from scurve.state import default_state
    >>> write_query(default_state(load_catalog()), load_catalog())[:48]
    'v=2&years=2024,2025,2026&horizon=2030&bug_fixes='
    """
    params = [("v", VERSION), *_params(state, catalog, "")]
    if state.compare is not None:
        params += _params(state.compare, catalog, COMPARE_PREFIX)
    return _join(params)


def seed_query(state: State, catalog: Catalog) -> str:
    """The canonical query of what a state's Monte Carlo draws depend on,
    the text their seed is made from: the settings and fields the table
    marks ``seed`` (years, rho, every category's positions, ranges, curve
    and weight), in the link's order; not the title, horizon, names,
    groups, questions, feedback, lag, milestones or comparison, so changing
    those leaves every drawn figure as it was.

    >>> from scurve.catalog import load_catalog
    >>> from scurve.state import default_state
    >>> seed_query(default_state(load_catalog()), load_catalog())[:36]
    'years=2024,2025,2026&bug_fixes=0.3,0'
    """
    return _join(_params(state, catalog, "", seed=True))


def permalink(state: State, catalog: Catalog) -> str:
    """The relative permalink ``/?<query>``."""
    return "/?" + write_query(state, catalog)
