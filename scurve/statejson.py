"""A state's JSON form: decoded JSON in, :class:`~scurve.state.State` out, and back.

The settings are read and written through the field table
(:data:`scurve.fields.SETTINGS`); the per-category fields are objects of
category id to ``{year: value}`` (positions, ranges) or to one value
(curves, weights); ``custom`` holds the text of the user's own categories.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .catalog import Catalog, is_number
from .curve import DEFAULT_CURVE, Curve, curve_problems
from .errors import Loc, Problem, StateError
from .fields import CATEGORY_FIELDS, COMPARE, CUSTOM_FIELDS, CUSTOM_IDS, SETTINGS, WEIGHT
from .kinds import Invalid, round3
from .state import (
    CustomCategory,
    State,
    category_ids,
    custom_order,
    defaults_for,
    names_problems,
    range_rule,
    text_problem,
    weights_problems,
)

_MISSING = object()
Cell = tuple[str, int, Any, Loc]  # (year key, year, value, location)


def state_from_json(obj: object, catalog: Catalog, *, allow_compare: bool = True) -> State:
    """Validate a JSON state (already decoded) and build a :class:`State`.

    Rules: ``years`` 1 to 10 distinct ascending years in 2000..2100;
    positions numbers in [0, 1] (``null`` or an absent year: no estimate),
    keyed by a year of ``years``; curve parameters within their ranges;
    weights in [0, 10], not all 0; every setting by its rule in
    :data:`scurve.fields.SETTINGS`.  Numbers must be JSON numbers (not
    strings or booleans) and finite.  A category absent from ``estimates``
    takes its catalog defaults.

    Raises
    ------
    StateError
        Listing every problem, each with its location.
    """
    problems: list[Problem] = []
    state = _read(obj, catalog, (), problems, allow_compare)
    if problems or state is None:
        raise StateError(problems or [Problem((), "invalid state")])
    return state


def _read(obj: object, catalog: Catalog, loc: Loc, problems: list[Problem], allow_compare: bool) -> State | None:
    if not isinstance(obj, dict):
        problems.append(Problem(loc, f"a state must be a JSON object, got {type(obj).__name__}", None))
        return None
    start = len(problems)
    _unknown_fields(obj, loc, problems, allow_compare)
    settings = _settings(obj, catalog, loc, problems)
    custom = _custom_from_json(obj.get("custom", {}), catalog, loc, problems)
    cells = _Cells(obj, catalog, loc, problems, settings["years"], custom)
    estimates = cells.estimates()
    ranges = cells.ranges(estimates)
    curves = cells.curves()
    weights = cells.weights()
    problems += weights_problems(weights, (*loc, "weights"))
    compare = None
    if allow_compare and obj.get(COMPARE.json) is not None:
        compare = _read(obj[COMPARE.json], catalog, (*loc, COMPARE.json), problems, False)
    if len(problems) > start:
        return None
    return State(
        **settings,
        estimates=estimates,
        curves=curves,
        weights=weights,
        ranges=ranges,
        custom=custom,
        compare=compare,
    )


def _unknown_fields(obj: dict[str, Any], loc: Loc, problems: list[Problem], allow_compare: bool) -> None:
    allowed = {s.json for s in SETTINGS} | {f.json for f in CATEGORY_FIELDS} | {"custom"}
    if allow_compare:
        allowed.add(COMPARE.json)
    for key in obj:
        if key not in allowed:
            problems.append(Problem((*loc, key), f"unknown field `{key}`; allowed: {', '.join(sorted(allowed))}", key))


def _settings(obj: dict[str, Any], catalog: Catalog, loc: Loc, problems: list[Problem]) -> dict[str, Any]:
    """Every setting by its rule; a bad or absent one at its default."""
    out: dict[str, Any] = {}
    for s in SETTINGS:
        default = catalog.years if s.default is None else s.default
        raw = obj.get(s.json, _MISSING)
        out[s.attr] = default
        if raw is _MISSING or (raw is None and s.nullable):
            continue
        try:
            out[s.attr] = s.kind.read_json(raw)
        except Invalid as bad:
            shown = repr(raw) if bad.shown is None else bad.shown
            value = raw if bad.value is ... else bad.value
            problems.append(Problem((*loc, s.json), f"`{s.json}` {bad.rule}, got {shown}", value))
    return out


def _year_key(ykey: object) -> int | None:
    if isinstance(ykey, str) and ykey.isascii() and ykey.isdigit() and len(ykey) == 4:
        return int(ykey)
    return None


class _Cells:
    """The per-category fields of one JSON state: ids, years and shapes are
    checked once for all of them, problems reported in field order."""

    def __init__(
        self,
        obj: dict[str, Any],
        catalog: Catalog,
        loc: Loc,
        problems: list[Problem],
        years: tuple[int, ...],
        custom: dict[str, CustomCategory],
    ):
        self.obj, self.catalog, self.loc, self.problems, self.years = obj, catalog, loc, problems, years
        self.known = set(catalog.ids) | set(custom)
        self.named = [cid for cid in CUSTOM_IDS if cid in custom]

    def bad(self, loc: Loc, msg: str, value: object) -> None:
        self.problems.append(Problem(loc, msg, value))

    def unknown_id(self, where: str, cid: str, cloc: Loc) -> bool:
        if cid in self.known:
            return False
        if cid in CUSTOM_IDS:
            self.bad(cloc, f"`{where}.{cid}`: your category `{cid}` needs a name in `custom.{cid}.name`", cid)
        else:
            self.bad(cloc, f"unknown category id `{cid}`", cid)
        return True

    def per_id(self, name: str, shape: str) -> Iterator[tuple[str, Any, Loc]]:
        """``obj[name]``, an object of category id to <shape>, one known id at a time."""
        raw = self.obj.get(name, {})
        if not isinstance(raw, dict):
            self.bad((*self.loc, name), f"`{name}` must be an object of category id to {shape}", raw)
            return
        for cid, value in raw.items():
            cloc = (*self.loc, name, cid)
            if not self.unknown_id(name, cid, cloc):
                yield cid, value, cloc

    def year_cells(self, name: str, what: str) -> Iterator[tuple[str, Iterator[Cell]]]:
        for cid, per_year, cloc in self.per_id(name, f"{{year: {what}}}"):
            if not isinstance(per_year, dict):
                self.bad(cloc, f"`{name}.{cid}` must be an object of year to {what}", per_year)
                continue
            yield cid, self.cells_of(name, cid, per_year, cloc)

    def cells_of(self, name: str, cid: str, per_year: dict[Any, Any], cloc: Loc) -> Iterator[Cell]:
        for ykey, value in per_year.items():
            yloc = (*cloc, ykey)
            year = _year_key(ykey)
            if year is None or year not in self.years:
                self.bad(yloc, f"`{name}.{cid}` year {ykey!r} must be one of the years {list(self.years)}", ykey)
            elif value is not None:
                yield ykey, year, value, yloc

    def estimates(self) -> dict[str, dict[int, float]]:
        out: dict[str, dict[int, float]] = {}
        for cid, cells in self.year_cells("estimates", "position"):
            row: dict[int, float] = {}
            for ykey, year, x, yloc in cells:
                if not is_number(x) or not 0.0 <= x <= 1.0:
                    self.bad(yloc, f"`estimates.{cid}.{ykey}` must be a position (number in [0, 1]), got {x!r}", x)
                    continue
                row[year] = round3(x)
            out[cid] = dict(sorted(row.items()))
        for c in self.catalog.categories:
            out.setdefault(c.id, defaults_for(c.defaults, self.years))
        for cid in self.named:
            out.setdefault(cid, {})
        return out

    def ranges(self, estimates: dict[str, dict[int, float]]) -> dict[str, dict[int, tuple[float, float]]]:
        out: dict[str, dict[int, tuple[float, float]]] = {}
        for cid, cells in self.year_cells("ranges", "[low, high]"):
            row: dict[int, tuple[float, float]] = {}
            for ykey, year, pair, yloc in cells:
                where = f"`ranges.{cid}.{ykey}`"
                if not (isinstance(pair, list) and len(pair) == 2 and all(is_number(v) for v in pair)):
                    self.bad(yloc, f"{where} must be [low, high], two numbers in [0, 1], got {pair!r}", pair)
                    continue
                lo, hi = round3(pair[0]), round3(pair[1])
                rule = range_rule(estimates.get(cid, {}).get(year), lo, hi)
                if rule:
                    self.bad(yloc, f"{where} {rule}, got {pair!r}", pair)
                    continue
                row[year] = (lo, hi)
            if row:
                out[cid] = dict(sorted(row.items()))
        return out

    def curves(self) -> dict[str, Curve]:
        out: dict[str, Curve] = {c.id: c.curve for c in self.catalog.categories}
        out.update(dict.fromkeys(self.named, DEFAULT_CURVE))
        keys = ("midpoint", "steepness", "ceiling")
        for cid, c, cloc in self.per_id("curves", "{midpoint, steepness, ceiling}"):
            if not isinstance(c, dict):
                self.bad(cloc, f"`curves.{cid}` must be an object with midpoint, steepness, ceiling", c)
                continue
            extra = [k for k in c if k not in keys]
            for k in extra:
                self.bad((*cloc, k), f"unknown field `curves.{cid}.{k}`", k)
            base = out[cid].as_dict()
            m, k, ceiling = params = [c.get(k, base[k]) for k in keys]
            cp = curve_problems(m, k, ceiling, cloc)
            self.problems.extend(Problem(p.loc, f"`curves.{cid}`: {p.msg}", p.value) for p in cp)
            if not cp and not extra:
                out[cid] = Curve(*(round3(v) for v in params))
        return out

    def weights(self) -> dict[str, float]:
        out: dict[str, float] = {c.id: c.weight for c in self.catalog.categories}
        out.update(dict.fromkeys(self.named, 1.0))
        for cid, w, wloc in self.per_id("weights", "weight"):
            try:
                out[cid] = WEIGHT.read_json(w)
            except Invalid as bad:
                self.bad(wloc, f"`weights.{cid}` {bad.rule}, got {w!r}", w)
        return out


def _custom_from_json(raw: object, catalog: Catalog, loc: Loc, problems: list[Problem]) -> dict[str, CustomCategory]:
    """The ``custom`` object: up to ten of the user's own categories, ``u1``..``u10``."""
    out: dict[str, CustomCategory] = {}
    keys = ", ".join(sorted(f.json for f in CUSTOM_FIELDS))
    if not isinstance(raw, dict):
        problems.append(Problem((*loc, "custom"), f"`custom` must be an object of id (u1..u10) to {{{keys}}}", raw))
        return out
    for cid, entry in raw.items():
        cloc = (*loc, "custom", cid)
        if cid not in CUSTOM_IDS:
            problems.append(Problem(cloc, f"`custom.{cid}`: a custom category id must be one of u1..u10", cid))
        elif not isinstance(entry, dict):
            problems.append(Problem(cloc, f"`custom.{cid}` must be an object with {keys}", entry))
        else:
            one = _custom_entry(cid, entry, cloc, problems)
            if one is not None:
                out[cid] = one
    problems += names_problems(out, catalog, (*loc, "custom"), "custom.{}.name")
    return {cid: out[cid] for cid in sorted(out, key=custom_order)}


def _custom_entry(cid: str, entry: dict[str, Any], cloc: Loc, problems: list[Problem]) -> CustomCategory | None:
    start = len(problems)
    known = {f.json for f in CUSTOM_FIELDS}
    for k in entry:
        if k not in known:
            problems.append(
                Problem((*cloc, k), f"unknown field `custom.{cid}.{k}`; allowed: {', '.join(sorted(known))}", k)
            )
    if "name" not in entry:
        problems.append(Problem((*cloc, "name"), f"`custom.{cid}.name` is required", None))
        return None
    texts: dict[str, str] = {}
    for f in CUSTOM_FIELDS:
        value = entry.get(f.json)
        if f.json not in entry or (not f.required and value is None):
            continue
        text, rule = text_problem(value, f.json, f.max_length, required=f.required)
        if rule:
            problems.append(Problem((*cloc, f.json), f"`custom.{cid}.{f.json}` {rule}, got {_shown(value)}", _shown(value)))
        texts[f.attr] = text or f.default
    if len(problems) > start:
        return None
    return CustomCategory(**texts)


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def state_to_json(state: State, catalog: Catalog) -> dict[str, Any]:
    """The JSON form of a state; lists every category's estimates, built-in
    then custom, and every setting.

    ``curves`` and ``weights`` list only the categories whose values differ
    from the catalog's (for a custom category: from 0.5, 10, 1 and 1);
    ``ranges`` only the estimates that have one.
    """
    ids = category_ids(state, catalog)
    base_curve = {c.id: c.curve for c in catalog.categories}
    base_weight = {c.id: c.weight for c in catalog.categories}
    out: dict[str, Any] = {
        "years": list(state.years),
        "estimates": {cid: {str(y): x for y, x in state.estimates.get(cid, {}).items()} for cid in ids},
        "curves": {
            cid: state.curves[cid].as_dict() for cid in ids if state.curves[cid] != base_curve.get(cid, DEFAULT_CURVE)
        },
        "weights": {cid: state.weights[cid] for cid in ids if state.weights[cid] != base_weight.get(cid, 1.0)},
        "ranges": {
            cid: {str(y): [lo, hi] for y, (lo, hi) in state.ranges[cid].items()} for cid in ids if state.ranges.get(cid)
        },
        "custom": {cid: state.custom[cid].as_dict() for cid in ids if cid in state.custom},
    }
    for s in SETTINGS:
        if s.json not in out:
            out[s.json] = s.kind.to_json(getattr(state, s.attr))
    if state.compare is not None:
        out[COMPARE.json] = state_to_json(state.compare, catalog)
    return out


__all__ = ["state_from_json", "state_to_json"]
